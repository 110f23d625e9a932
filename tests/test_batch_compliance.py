"""Batch compliance checks: equal to the object API finding by finding; value-free errors."""

import contextlib
import datetime as dt

import attrs
import numpy as np
import pandas as pd
import pytest

pytest.importorskip("pyarrow")

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from helhed.batch import (
    FINDING_COLUMNS,
    ObjectPathWarning,
    check_frame,
    evaluation_plan,
    findings_of,
    population_rows,
    report_frame,
    sort_findings,
)
from helhed.batch.rules import registry
from helhed.benefits import Benefit
from helhed.cases.halsnaes import HALSNAES
from helhed.cases.kolding import COURSE, KOLDING
from helhed.cases.odense import ODENSE_CONSENT
from helhed.cases.syddjurs import SYDDJURS
from helhed.errors import TransitionError, ValidationError
from helhed.frames import REQUIRED, from_frame, to_frame
from helhed.models.early_detection import EARLY_DETECTION
from helhed.organisation import Administration, Role
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway
from helhed.pathways.protocols import COORDINATING_CASEWORKER
from helhed.protocols import PROTOCOLS
from helhed.rules import (
    AtMostPer,
    CoordinatingCaseworkerAssigned,
    Every,
    Finding,
    FirstFollowUpByWeek8,
    Forbid,
    Match,
    OneCoordinatingCaseworker,
    Parallel,
    PlanSpansProfessions,
    PopulationRule,
    Precedes,
    Protocol,
    RequiresConsent,
    RescreenedAtEnd,
    Rule,
    SameInstrument,
    Severity,
    SupportUntilSettled,
    Within,
    at_most_per,
    every,
    forbid,
    parallel,
    precedes,
    requires_consent,
    when,
    within,
)
from helhed.sources import Citation
from helhed.testing import strategies as hs

A = Administration
D = dt.date(2024, 3, 4)  # a Monday
ON = dt.date(2024, 3, 31)
CITE = Citation("HALSNAES")


def at(days):
    return D + dt.timedelta(days=days)


def make(kind, day=0, by=A.HEALTH, cid="c-1", **fields):
    return kind(citizen_id=cid, occurred_on=at(day), recorded_by=by, **fields)


def referral(cid, day=0, rid="r-1", to=A.HEALTH, voluntary=True):
    return make(
        ev.Referred, day, A.JOB_CENTRE, cid, referral_id=rid, offer="samtale", to=to,
        voluntary=voluntary,
    )  # fmt: skip


def only(protocol, rule_id):
    return attrs.evolve(protocol, rules=(protocol.rule(rule_id),))


def rows(frame):
    """The findings as tuples of every column but ``reading`` (tested on its own)."""
    columns = [c for c in FINDING_COLUMNS if c != "reading"]
    return [tuple(row) for row in frame[columns].itertuples(index=False)]


def agrees(pathways, protocol, on, layout=None):
    """check_frame, report_frame and findings_of give what the object API gives.

    ``layout``, if given, rewrites the table first (see ``layouts``).
    """
    report = check(pathways, protocol, on=on)
    frame = to_frame(pathways)
    if layout is not None:
        frame = layout(frame)
    slow = tuple(p.rule_id for p in evaluation_plan(protocol) if not p.columnar)
    with on_objects(slow):
        found = check_frame(frame, protocol, on=on)
    assert found.attrs["helhed:object_path"] == slow
    assert tuple(found.columns) == FINDING_COLUMNS
    assert findings_of(found) == report.findings
    with on_objects(slow):
        assert report_frame(frame, protocol, on=on) == report
    return found


@contextlib.contextmanager
def on_objects(rule_ids):
    """Expect the one warning that names ``rule_ids`` as run on objects, if there are any.

    Many tests here run rules on objects on purpose (subclasses, custom rule classes), to
    hold the object path to the object API.
    """
    if not rule_ids:
        yield
        return
    with pytest.warns(ObjectPathWarning) as record:
        yield
    assert len(record) == 1
    message = str(record[0].message)
    assert message.startswith(f"{len(rule_ids)} rule(s) of protocol ")
    assert all(f"'{rule_id}' (" in message for rule_id in rule_ids)


_OPTIONAL = [c for c in to_frame([]).columns if c not in REQUIRED]


@st.composite
def layouts(draw):
    """A rewrite of a table into another layout the batch functions read the same way.

    Rows shuffled, gaps in helhed:index (an annulment's annuls names its row by it), a text
    index, dates as text, all-missing optional columns dropped, and the table handed over as
    Arrow: each drawn on or off.
    """
    seed = draw(st.integers(0, 2**16))
    shuffle, text_index, text_dates, drop, arrow = (draw(st.booleans()) for _ in range(5))
    stretch, shift = draw(st.integers(1, 4)), draw(st.integers(0, 3))

    def layout(frame):
        frame = frame.copy()
        frame["helhed:index"] = frame["helhed:index"] * stretch + shift
        frame["annuls"] = frame["annuls"] * stretch + shift
        if shuffle:
            frame = frame.sample(frac=1.0, random_state=seed)
        if text_index:
            frame.index = [f"rad-{i}" for i in range(len(frame))]
        if text_dates:
            frame["occurred_on"] = frame["occurred_on"].map(lambda d: d.isoformat())
        if drop:
            frame = frame.drop(columns=[c for c in _OPTIONAL if frame[c].isna().all()])
        return pa.Table.from_pandas(frame, preserve_index=False) if arrow else frame

    return layout


# -- worked examples, one conforming and one breaking citizen per kind of rule ---------------


def test_forbid_worked_example():
    # c-2's referral to the health department is not voluntary: one finding, on its day.
    pathways = [Pathway.of([referral("c-1")]), Pathway.of([referral("c-2", 2, voluntary=False)])]
    found = agrees(pathways, only(HALSNAES, "halsnaes.voluntary"), ON)
    assert rows(found) == [
        (
            "c-2",
            "halsnaes.voluntary",
            "fejl",
            (0,),
            (dt.date(2024, 3, 6),),
            "Henvisningen til sundhedsafdelingen er frivillig for borgeren. Henvist 2024-03-06.",
            "The referral to the health department is voluntary for the citizen. Referred on "
            "2024-03-06.",
            "HALSNAES",
        )
    ]


def test_within_worked_example():
    # Accepted on Monday 4 March: contact by Monday 11 March (7 days) is in time. c-2 is
    # contacted on the 12th, 8 days later; c-3 never, and the deadline has passed on the 31st.
    def pathway(cid, contact):
        events = [referral(cid), make(ev.ReferralAccepted, 0, A.JOB_CENTRE, cid, referral_id="r-1")]
        if contact is not None:
            events.append(make(ev.ContactMade, contact, A.HEALTH, cid, referral_id="r-1"))
        return Pathway.of(events)

    found = agrees(
        [pathway("c-1", 7), pathway("c-2", 8), pathway("c-3", None)],
        only(HALSNAES, "halsnaes.contact_within_week"),
        ON,
    )
    demand = "The health department contacts the citizen within one week of accepting the referral."
    assert [(r[0], r[3], r[4], r[6]) for r in rows(found)] == [
        (
            "c-2",
            (1, 2),
            (at(0), at(8)),
            f"{demand} Referral accepted on 2024-03-04; contact made on 2024-03-12, 8 days "
            "later (the limit is 7 days).",
        ),
        (
            "c-3",
            (1,),
            (at(0), at(7)),
            f"{demand} Referral accepted on 2024-03-04; no contact made by 2024-03-11 (7 days).",
        ),
    ]
    assert found["text_da"][1].endswith(
        "Henvisning accepteret 2024-03-04; ingen kontakt etableret senest 2024-03-11 (7 dage)."
    )
    # On the deadline itself c-3 is not late yet.
    assert check_frame(to_frame([pathway("c-3", None)]), HALSNAES, on=at(7)).empty


@pytest.mark.parametrize("same", [None, "referral_id"])
def test_precedes_never_takes_an_event_as_its_own_first_event(same):
    talk = when(ev.ConversationHeld)
    rule = precedes(talk, talk, id="x.twice", citation=CITE, same_day=True, same=same,
                    text_da="Regel.", text_en="Rule.")  # fmt: skip

    def held(cid, day):
        return make(ev.ConversationHeld, day, A.HEALTH, cid, referral_id="r-1",
                    conversation=ev.ConversationKind.HEALTH_CONVERSATION)  # fmt: skip

    alone = Pathway.of([referral("c-1"), held("c-1", 1)])
    twice = Pathway.of([referral("c-2"), held("c-2", 1), held("c-2", 1)])
    found = agrees(
        [alone, twice], Protocol(id="x", name_da="X", name_en="X", rules=(rule,), citation=CITE), ON
    )
    assert [(r[0], r[3]) for r in rows(found)] == [("c-1", (1,))]


def test_precedes_with_same_day_worked_example():
    # Odense: consent is asked before the health conversation; a consent logged later on the
    # same day counts (same_day), one on the next day does not.
    def pathway(cid, consent_day):
        return Pathway.of(
            [
                referral(cid),
                make(ev.ConversationHeld, 1, A.HEALTH, cid,
                     conversation=ev.ConversationKind.HEALTH_CONVERSATION),
                make(ev.ConsentGiven, consent_day, A.HEALTH, cid, to=A.JOB_CENTRE,
                     purpose=ev.ConsentPurpose.COORDINATION,
                     categories=frozenset({ev.InformationCategory.HEALTH})),
            ]
        )  # fmt: skip

    found = agrees(
        [pathway("c-1", 1), pathway("c-2", 2)],
        only(ODENSE_CONSENT, "odense-samtykke.spurgt_fra_start"),
        ON,
    )
    assert [(r[0], r[2], r[3], r[4], r[6]) for r in rows(found)] == [
        (
            "c-2",
            "advarsel",
            (1,),
            (at(1),),
            "The citizen is told from the start how information is exchanged and is asked for "
            "consent. Conversation held on 2024-03-05 with no consent given or consent refused "
            "before it.",
        )
    ]


def test_parallel_worked_example():
    # c-1: the job centre starts on the 15th while the health course runs (10th to 1 April).
    # c-2: the health course ends on the 20th; the job centre starts on the 25th and is still
    # running on the 31st - no overlap, one finding naming both starts and their days.
    def pathway(cid, health_end, job_start):
        return Pathway.of(
            [
                referral(cid),
                make(ev.InterventionStarted, 6, A.HEALTH, cid, offer="kursus"),
                make(ev.InterventionCompleted, health_end, A.HEALTH, cid, offer="kursus"),
                make(ev.InterventionStarted, job_start, A.JOB_CENTRE, cid, offer="praktik"),
            ]
            if health_end < job_start
            else [
                referral(cid),
                make(ev.InterventionStarted, 6, A.HEALTH, cid, offer="kursus"),
                make(ev.InterventionStarted, job_start, A.JOB_CENTRE, cid, offer="praktik"),
                make(ev.InterventionCompleted, health_end, A.HEALTH, cid, offer="kursus"),
            ]
        )

    found = agrees(
        [pathway("c-1", 28, 11), pathway("c-2", 16, 21)], only(HALSNAES, "halsnaes.parallel"), ON
    )
    assert rows(found) == [
        (
            "c-2",
            "halsnaes.parallel",
            "advarsel",
            (1, 3),
            (at(6), at(21)),
            "Forløbet i sundhedsafdelingen kører parallelt med jobcenterforløbet. Indsatser i "
            "sundhedsafdeling og jobcenter / beskæftigelse lå efter hinanden og overlappede ikke.",
            "The health pathway runs in parallel with the job centre pathway. Interventions of "
            "health department and job centre / employment ran one after the other and never "
            "overlapped.",
            "HALSNAES",
        )
    ]


def test_parallel_names_its_events_in_log_order():
    # The health department's talks from the 6th to the 8th were recorded late, on the 26th,
    # after the course (10th to 20th) and the job centre's start on the 25th: nothing
    # overlapped. The finding names the three starts by their places in the log.
    def late(kind, day, offer):
        return attrs.evolve(make(kind, day, A.HEALTH, offer=offer), recorded_on=at(22))

    pathway = Pathway.of([
        referral("c-1"),
        make(ev.InterventionStarted, 6, A.HEALTH, offer="kursus"),
        make(ev.InterventionCompleted, 16, A.HEALTH, offer="kursus"),
        make(ev.InterventionStarted, 21, A.JOB_CENTRE, offer="praktik"),
        late(ev.InterventionStarted, 2, "samtaler"),
        late(ev.InterventionCompleted, 4, "samtaler"),
    ])  # fmt: skip
    found = agrees([pathway], only(HALSNAES, "halsnaes.parallel"), ON)
    assert [(r[3], r[4]) for r in rows(found)] == [((1, 3, 4), (at(2), at(21)))]


COORDINATION = ev.ConsentPurpose.COORDINATION
HEALTH_INFO = ev.InformationCategory.HEALTH


def disclosure(cid, day, by=A.HEALTH, **fields):
    """Health information passed from the health department to the job centre."""
    return make(ev.InformationDisclosed, day, by, cid, source=A.HEALTH, to=A.JOB_CENTRE,
                category=HEALTH_INFO, **{"purpose": COORDINATION, **fields})  # fmt: skip


def consent_pathway(cid, *middle):
    return Pathway.of([referral(cid), *middle, disclosure(cid, 9)])


def consent(cid, day, *categories, purpose=COORDINATION, **fields):
    return make(
        ev.ConsentGiven, day, A.HEALTH, cid, to=A.JOB_CENTRE, purpose=purpose,
        categories=frozenset(categories), **fields,
    )  # fmt: skip


def no(kind, cid, day, **fields):
    """The citizen's withdrawal or refusal of consent to the job centre, for coordination."""
    return make(kind, day, A.HEALTH, cid, to=A.JOB_CENTRE, purpose=COORDINATION, **fields)


CONSENT_ONLY = only(HALSNAES, "halsnaes.consent")
HEAD = (
    "Health information reaches the job centre only with consent. Health information passed "
    "to job centre / employment on {}: "
)
FOR = "job centre / employment for coordinating the whole effort"


def test_requires_consent_worked_example():
    # c-1 consented to health information; c-2 only to employment circumstances; c-3 consented
    # and withdrew on the 8th; c-4 refused on the 7th; c-5 was never asked. Each disclosure is
    # on the 13th, for coordination.
    pathways = [
        consent_pathway("c-1", consent("c-1", 1, HEALTH_INFO)),
        consent_pathway("c-2", consent("c-2", 1, ev.InformationCategory.EMPLOYMENT)),
        consent_pathway("c-3", consent("c-3", 1, HEALTH_INFO), no(ev.ConsentWithdrawn, "c-3", 4)),
        consent_pathway("c-4", no(ev.ConsentRefused, "c-4", 3)),
        consent_pathway("c-5"),
    ]
    found = agrees(pathways, CONSENT_ONLY, ON)
    head = HEAD.format("2024-03-13")
    assert [(r[0], r[3], r[4], r[6], r[7]) for r in rows(found)] == [
        ("c-2", (2,), (at(9),),
         head + "The consent to job centre / employment does not cover health information for "
         "coordinating the whole effort.", "SST2019 kap. 3"),
        ("c-3", (3,), (at(9),),
         head + f"The citizen withdrew their consent to {FOR} on 2024-03-08; nothing may be "
         "passed on without a new consent.", "SST2019 kap. 3"),
        ("c-4", (2,), (at(9),),
         head + f"On 2024-03-07 the citizen declined to consent to {FOR}.", "SST2019 kap. 3"),
        ("c-5", (1,), (at(9),),
         head + "No consent to pass information to job centre / employment is in force; the "
         "answer is no.", "SST2019 kap. 3"),
    ]  # fmt: skip


def test_a_disclosure_recorded_by_the_receiver_is_judged_on_consent():
    # The job centre records the health information it received from the health department;
    # who recorded it does not matter, only where it came from: no consent, one finding.
    # A disclosure that names no purpose is covered by no consent, whatever was given.
    pathways = [
        Pathway.of([referral("c-1"), disclosure("c-1", 1, by=A.JOB_CENTRE)]),
        Pathway.of([referral("c-2"), consent("c-2", 0, HEALTH_INFO),
                    disclosure("c-2", 1, purpose=None)]),
    ]  # fmt: skip
    found = agrees(pathways, CONSENT_ONLY, ON)
    assert [(r[0], r[3], r[6]) for r in rows(found)] == [
        ("c-1", (1,), HEAD.format("2024-03-05") + "No consent to pass information to job centre / "
         "employment is in force; the answer is no."),
        ("c-2", (2,), HEAD.format("2024-03-05") + "The disclosure of health information to job "
         "centre / employment states no purpose; a consent is given for a purpose, so none "
         "covers it."),
    ]  # fmt: skip


def test_a_refusal_ends_a_consent():
    # Consent on the 5th, refused on the 9th: the disclosure on the 13th has none.
    refused = no(ev.ConsentRefused, "c-1", 5)
    pathway = consent_pathway("c-1", consent("c-1", 1, HEALTH_INFO), refused)
    text = f"On 2024-03-09 the citizen declined to consent to {FOR}."
    assert [(r[3], r[6]) for r in rows(agrees([pathway], CONSENT_ONLY, ON))] == [
        ((3,), HEAD.format("2024-03-13") + text)
    ]


def test_a_withdrawal_on_the_day_of_a_disclosure_wins_the_tie():
    # Both on the 13th, the disclosure at 10:00. c-1 withdrew at a time not recorded, entered
    # after the disclosure: it may have come first, so it counts. c-2 withdrew at 11:00, surely
    # after the disclosure, which the consent from the 5th covers. c-3 gave consent at a time
    # not recorded, on the day: it may have come after, so it does not cover the disclosure.
    def pathway(cid, withdrawn_at):
        return Pathway.of([
            referral(cid), consent(cid, 1, HEALTH_INFO),
            disclosure(cid, 9, at=dt.time(10)),
            no(ev.ConsentWithdrawn, cid, 9, at=withdrawn_at),
        ])  # fmt: skip

    late_consent = Pathway.of(
        [referral("c-3"), disclosure("c-3", 9, at=dt.time(10)), consent("c-3", 9, HEALTH_INFO)]
    )
    found = agrees([pathway("c-1", None), pathway("c-2", dt.time(11)), late_consent],
                   CONSENT_ONLY, ON)  # fmt: skip
    assert rows(agrees([pathway("c-1", None)], CONSENT_ONLY, ON)) == rows(found)[:1]
    assert [(r[0], r[3], r[6]) for r in rows(found)] == [
        ("c-1", (2,), HEAD.format("2024-03-13") + f"The citizen withdrew their consent to {FOR} "
         "on 2024-03-13; nothing may be passed on without a new consent."),
        ("c-3", (1,), HEAD.format("2024-03-13") + "No consent to pass information to job centre "
         "/ employment is in force; the answer is no."),
    ]  # fmt: skip


def test_a_disclosure_on_a_legal_basis_gives_no_finding():
    # Neither citizen consented; c-1's disclosure rests on a duty to notify, c-2's on nothing.
    pathways = [
        Pathway.of([referral("c-1"), disclosure("c-1", 1, legal_basis="serviceloven § 154")]),
        Pathway.of([referral("c-2"), disclosure("c-2", 1)]),
    ]
    assert [(r[0], r[3]) for r in rows(agrees(pathways, CONSENT_ONLY, ON))] == [("c-2", (1,))]


def test_a_consent_past_its_end_date_does_not_cover():
    # Consent on the 5th until the 9th. c-1 discloses on the 13th, after it ended; c-2 on the
    # 9th, its last day.
    def pathway(cid, day):
        return Pathway.of(
            [referral(cid), consent(cid, 1, HEALTH_INFO, ends_on=at(5)), disclosure(cid, day)]
        )

    found = agrees([pathway("c-1", 9), pathway("c-2", 5)], CONSENT_ONLY, ON)
    assert [(r[0], r[3], r[6]) for r in rows(found)] == [
        ("c-1", (2,), HEAD.format("2024-03-13") + f"The consent to {FOR} ended on 2024-03-09."),
    ]


def test_an_annulled_event_gives_no_finding_but_its_annulment_counts_in_the_log():
    # The referral on the 4th was entered as not voluntary by mistake and annulled on the 5th;
    # the right one, r-2, was recorded that day as having happened on the 4th. Nothing is
    # found about the annulled referral, even checked on the 4th, before the annulment: the
    # check knows all the log knows. The late contact is found, named by its place in the log,
    # where the annulled referral and the annulment still count.
    pathway = Pathway.of([
        referral("c-1", voluntary=False),
        make(ev.EventAnnulled, 1, A.JOB_CENTRE, recorder="s-1", annuls=0, reason="fejl"),
        attrs.evolve(referral("c-1", rid="r-2"), recorded_on=at(1)),
        make(ev.ReferralAccepted, 1, A.JOB_CENTRE, referral_id="r-2"),
        make(ev.ContactMade, 10, A.HEALTH, referral_id="r-2"),
    ])  # fmt: skip
    found = agrees([pathway], HALSNAES, ON)
    assert [(r[1], r[3], r[4]) for r in rows(found)] == [
        ("halsnaes.contact_within_week", (3, 4), (at(1), at(10))),
    ]
    assert agrees([pathway], HALSNAES, at(0)).empty
    report = report_frame(to_frame([pathway]), HALSNAES, on=ON)
    assert (report.pathways, report.events) == (1, 3)  # the annulled pair is no event of it
    # Without the annulment, the same rows give the finding about the referral.
    frame = to_frame([pathway]).drop(index=1)
    assert "halsnaes.voluntary" in set(check_frame(frame, HALSNAES, on=at(0))["rule_id"])


def _after_an_annulment():
    # A contact entered in error and annulled, then on the 6th a disclosure, and a consent
    # given that day at a time not recorded, entered after it: it may have come after.
    return Pathway.of([
        referral("c-1"),
        make(ev.ContactMade, 0),
        make(ev.EventAnnulled, 0, recorder="s-1", annuls=1, reason="fejl"),
        disclosure("c-1", 2),
        consent("c-1", 2, HEALTH_INFO),
    ])  # fmt: skip


def test_a_disclosure_after_an_annulment_is_judged_at_its_place():
    found = check_frame(to_frame([_after_an_annulment()]), CONSENT_ONLY, on=ON)
    assert [(r[3], r[6]) for r in rows(found)] == [
        ((3,), HEAD.format("2024-03-06") + "No consent to pass information to job centre / "
         "employment is in force; the answer is no."),
    ]  # fmt: skip


def test_check_judges_a_disclosure_after_an_annulment_at_its_place():
    pathway = _after_an_annulment()
    frame = to_frame([pathway])
    assert check([pathway], CONSENT_ONLY, on=ON).findings == findings_of(
        check_frame(frame, CONSENT_ONLY, on=ON)
    )


def test_an_event_recorded_late_counts_where_it_happened():
    # Accepted on the 4th. c-1's contact on the 9th was recorded on the 13th, after the
    # conversation of the 12th: in time. c-2's contact on the 13th, recorded on the 15th after
    # a conversation on the 14th, is late: its finding names its place in the log (3) and the
    # day it happened.
    def pathway(cid, contact, recorded):
        return Pathway.of([
            referral(cid),
            make(ev.ReferralAccepted, 0, A.JOB_CENTRE, cid, referral_id="r-1"),
            make(ev.ConversationHeld, recorded - 1, A.HEALTH, cid,
                 conversation=ev.ConversationKind.FOLLOW_UP),
            attrs.evolve(make(ev.ContactMade, contact, A.HEALTH, cid, referral_id="r-1"),
                         recorded_on=at(recorded)),
        ])  # fmt: skip

    pathways = [pathway("c-1", 5, 9), pathway("c-2", 9, 11)]
    found = agrees(pathways, only(HALSNAES, "halsnaes.contact_within_week"), ON)
    assert [(r[0], r[3], r[4]) for r in rows(found)] == [("c-2", (1, 3), (at(0), at(9)))]
    # On the 12th the contact of the 9th counts: it had happened, though not yet recorded.
    assert agrees(pathways[:1], HALSNAES, at(8)).empty


def test_every_worked_example():
    # Model 1: an assessment has two professions or more; c-2's has only a nurse.
    def pathway(cid, professions):
        return Pathway.of(
            [
                referral(cid),
                make(ev.AssessmentHeld, 2, A.HEALTH, cid, professions=frozenset(professions),
                     administrations=frozenset({A.HEALTH})),
            ]
        )  # fmt: skip

    found = agrees(
        [pathway("c-1", {Role.NURSE, Role.PSYCHOLOGIST}), pathway("c-2", {Role.NURSE})],
        only(EARLY_DETECTION, "model1.assessment_cross_disciplinary"),
        ON,
    )
    assert [(r[0], r[3], r[4], r[6]) for r in rows(found)] == [
        (
            "c-2",
            (1,),
            (at(2),),
            "The assessment is coordinated across professions. Cross-disciplinary assessment "
            "held on 2024-03-06: only one profession took part.",
        )
    ]


def test_at_most_per_worked_example():
    # One mentor, s-1, may have one citizen: c-1 came first (4 March), c-2 second (5 March).
    rule = at_most_per(
        1, Role.MENTOR, id="mentor.caseload", citation=CITE, text_da="Én ad gangen.",
        text_en="One at a time.",
    )  # fmt: skip
    protocol = Protocol(id="mentor", name_da="M", name_en="M", rules=(rule,), citation=CITE)

    def pathway(cid, day, staff):
        return Pathway.of(
            [referral(cid, day),
             make(ev.CaseworkerAssigned, day, A.JOB_CENTRE, cid, staff_id=staff, role=Role.MENTOR)]
        )  # fmt: skip

    found = agrees(
        [pathway("c-2", 1, "s-1"), pathway("c-1", 0, "s-1"), pathway("c-3", 0, "s-2")],
        protocol,
        ON,
    )
    assert [(r[0], r[3], r[4], r[6]) for r in rows(found)] == [
        ("c-2", (1,), (at(1),), "One at a time. s-1 took the citizen on 2024-03-05 as number 2; "
         "the limit is 1."),
    ]  # fmt: skip


def test_population_rows_are_the_rows_of_the_citizens_counted():
    rule = at_most_per(
        1, Role.MENTOR, id="mentor.caseload", citation=CITE, text_da="Én.", text_en="One."
    )
    mentor = make(ev.CaseworkerAssigned, 1, A.JOB_CENTRE, "c-2", staff_id="s-1", role=Role.MENTOR)
    late = make(ev.CaseworkerAssigned, 40, A.JOB_CENTRE, "c-3", staff_id="s-1", role=Role.MENTOR)
    frame = to_frame(
        [
            Pathway.of([referral("c-1")]),
            Pathway.of([referral("c-2"), mentor, make(ev.ContactMade, 2, cid="c-2")]),
            Pathway.of([referral("c-3"), late]),  # assigned after the day checked
        ]
    )
    protocol = Protocol(id="m", name_da="M", name_en="M", rules=(rule,), citation=CITE)
    assert population_rows(frame, protocol, on=ON).index.tolist() == [1, 2, 3]
    assert population_rows(frame, HALSNAES, on=ON).empty
    everything = Protocol(
        id="all", name_da="A", name_en="A", rules=(_Everyone(**TEXTS),), citation=CITE
    )
    assert population_rows(frame, everything, on=ON).index.tolist() == list(range(6))
    # An unknown population rule sees every pathway together, also on the object path.
    assert rows(agrees(from_frame(frame), everything, ON))[0][5:7] == (
        "Alle. 3 forløb.",
        "All. 3 pathways.",
    )


def test_coordinating_caseworker_rules_worked_example():
    # c-1 is on activity-ready cash benefit from the 5th with s-1 coordinating throughout;
    # c-2 has the same benefit and nobody; c-3's coordinating caseworker changes on the 10th.
    def pathway(cid, *assignments):
        return Pathway.of(
            [
                referral(cid),
                make(ev.BenefitChanged, 1, A.JOB_CENTRE, cid,
                     benefit=Benefit.CASH_BENEFIT_ACTIVITY_READY),
                *(make(ev.CaseworkerAssigned, day, A.JOB_CENTRE, cid, staff_id=staff,
                       role=Role.COORDINATING_CASEWORKER) for day, staff in assignments),
            ]
        )  # fmt: skip

    found = agrees(
        [pathway("c-1", (2, "s-1")), pathway("c-2"), pathway("c-3", (2, "s-1"), (6, "s-2"))],
        COORDINATING_CASEWORKER,
        ON,
    )
    assert [(r[0], r[1], r[3], r[4], r[6]) for r in rows(found)] == [
        ("c-2", "koordinerende-sagsbehandler.tildelt", (1,), (at(1), ON),
         "A citizen with the right to a coordinating caseworker has one. Cash benefit, "
         "activity-ready from 2024-03-05; no coordinating caseworker on 2024-03-31."),
        ("c-3", "koordinerende-sagsbehandler.gennemgaaende", (2, 3), (at(2), at(6)),
         "The coordinating caseworker stays the same person rather than changing. Coordinating "
         "caseworker s-1 from 2024-03-06 replaced by s-2 on 2024-03-10."),
    ]  # fmt: skip


def test_coordinating_rules_with_a_release_or_unreadable_cells():
    # c-1 had s-1 coordinating from the 6th, released on the 8th: nobody coordinates on the
    # 31st, so the benefit from the 5th gives a finding (the current caseworkers, read over
    # columns). c-2 has s-2 from the 6th and a mentor released on the 8th: no finding.
    def pathway(cid, staff, released, role=Role.COORDINATING_CASEWORKER):
        return Pathway.of(
            [
                referral(cid),
                make(ev.BenefitChanged, 1, A.JOB_CENTRE, cid,
                     benefit=Benefit.CASH_BENEFIT_ACTIVITY_READY),
                make(ev.CaseworkerAssigned, 2, A.JOB_CENTRE, cid, staff_id=staff,
                     role=Role.COORDINATING_CASEWORKER),
                *([make(ev.CaseworkerAssigned, 3, A.JOB_CENTRE, cid, staff_id="m-1",
                        role=role)] if released == "m-1" else []),
                make(ev.CaseworkerReleased, 4, A.JOB_CENTRE, cid, staff_id=released),
            ]
        )  # fmt: skip

    pathways = [pathway("c-1", "s-1", "s-1"), pathway("c-2", "s-2", "m-1", Role.MENTOR)]
    found = agrees(pathways, COORDINATING_CASEWORKER, ON)
    assert [(r[0], r[3], r[4]) for r in rows(found)] == [("c-1", (1,), (at(1), ON))]
    # A funding basis code or a staff id that cannot be read is refused, as from_frame does.
    frame = to_frame(pathways).astype({"benefit": object, "staff_id": object})
    frame.loc[1, "benefit"] = "hemmelig"
    with pytest.raises(ValidationError, match=r"^rows\[1\]\.benefit: "):
        check_frame(frame, COORDINATING_CASEWORKER, on=ON)
    frame = to_frame(pathways).astype({"staff_id": object})
    frame.loc[2, "staff_id"] = 7
    with pytest.raises(ValidationError, match=r"^rows\[2\]\.staff_id: "):
        check_frame(
            frame, only(COORDINATING_CASEWORKER, "koordinerende-sagsbehandler.gennemgaaende"), on=ON
        )


def test_rules_of_models_and_cases_run_on_objects():
    # Kolding's own rule kind and Syddjurs's narrowed matches run over columns.
    pathways = [
        Pathway.of(
            [
                referral("c-1"),
                make(ev.InterventionStarted, 1, A.HEALTH, offer=COURSE),
                make(ev.InterventionCompleted, 3, A.HEALTH, offer=COURSE),
            ]
        )
    ]
    assert not agrees(pathways, KOLDING, ON).empty
    agrees(pathways, SYDDJURS, ON)


TEXTS = {"id": "all", "citation": CITE, "text_da": "Alle.", "text_en": "All."}


class _Everyone(PopulationRule):
    """A population rule of a class the batch check does not know: it counts the pathways."""

    def check_all(self, pathways, on):
        if pathways:
            count = len(pathways)
            yield self.finding(pathways[0], (), (on,), (f"{count} forløb.", f"{count} pathways."))


class _Everything(Rule):
    """A rule of a class the batch check does not know: one finding per pathway."""

    def check(self, pathway, on):
        yield self.finding(pathway, (), (on,), ("Set.", "Seen."))


def test_an_unknown_rule_runs_on_every_pathway_even_an_empty_one():
    rule = _Everything(id="all", citation=CITE, text_da="Alle.", text_en="All.")
    protocol = Protocol(id="all", name_da="A", name_en="A", rules=(rule,), citation=CITE)
    pathways = [Pathway.of([referral("c-1")]), Pathway.of([referral("c-2", 40)])]
    found = agrees(pathways, protocol, ON)  # c-2's only event is after ON
    assert rows(found) == [
        ("c-1", "all", "fejl", (), (ON,), "Alle. Set.", "All. Seen.", "HALSNAES"),
        ("c-2", "all", "fejl", (), (ON,), "Alle. Set.", "All. Seen.", "HALSNAES"),
    ]


def test_events_after_the_day_are_left_out():
    # The late contact on the 12th is not known on the 11th, and the deadline has not passed.
    pathway = Pathway.of(
        [
            referral("c-1"),
            make(ev.ReferralAccepted, 0, A.JOB_CENTRE, referral_id="r-1"),
            make(ev.ContactMade, 8, A.HEALTH, referral_id="r-1"),
        ]
    )
    assert agrees([pathway], HALSNAES, at(7)).empty
    assert agrees([pathway], HALSNAES, at(-1)).empty  # before every event
    assert rows(agrees([pathway], HALSNAES, at(8)))[0][3] == (1, 2)
    report = report_frame(to_frame([pathway]), HALSNAES, on=at(-1))
    assert (report.pathways, report.events, report.findings) == (1, 0, ())


def test_rows_in_any_order_with_gaps_in_the_index():
    pathway = Pathway.of(
        [
            referral("c-1", voluntary=False),
            make(ev.ReferralAccepted, 0, A.JOB_CENTRE, referral_id="r-1"),
            make(ev.ContactMade, 9, A.HEALTH, referral_id="r-1"),
        ]
    )
    frame = to_frame([pathway, Pathway.of([referral("c-2", voluntary=False)])])
    frame["helhed:index"] = frame["helhed:index"] * 10
    shuffled = frame.iloc[[3, 1, 0, 2]]
    shuffled.index = ["w", "x", "y", "z"]
    assert (
        findings_of(check_frame(shuffled, HALSNAES, on=ON))
        == check(
            [pathway, Pathway.of([referral("c-2", voluntary=False)])], HALSNAES, on=ON
        ).findings
    )


def test_text_dates_and_midnight_timestamps_are_read():
    pathway = Pathway.of([referral("c-1", voluntary=False)])
    frame = to_frame([pathway]).drop(columns="time:timestamp")
    want = rows(check_frame(frame, HALSNAES, on=ON))
    frame["occurred_on"] = pd.Series(["2024-03-04"], dtype=object)
    assert rows(check_frame(frame, HALSNAES, on=ON)) == want
    frame["occurred_on"] = pd.Series([pd.Timestamp("2024-03-04")], dtype=object)
    assert rows(check_frame(frame, HALSNAES, on=ON)) == want
    assert check_frame(frame, EARLY_DETECTION, on=ON).empty  # read on objects, too


def test_same_on_a_time_compares_times_read_not_cells_written():
    # The contact at 10:30 on the 4th is answered by the conversation at 10:30 on the 5th,
    # within 3 days. Written as the text "10:30" on one row and as a time on the other, the
    # two cells differ, but from_frame reads both as 10:30: no finding, by either door.
    rule = within(3, after=when(ev.ContactMade), expect=when(ev.ConversationHeld), same="at",
                  id="t", **_TEXTS)  # fmt: skip
    pathway = Pathway.of(
        [
            referral("c-1"),
            make(ev.ContactMade, 0, at=dt.time(10, 30)),
            make(ev.ConversationHeld, 1, at=dt.time(10, 30),
                 conversation=ev.ConversationKind.FOLLOW_UP),
        ]
    )  # fmt: skip
    frame = to_frame([pathway]).astype({"at": object})
    frame.loc[2, "at"] = "10:30"
    protocol = _rules(rule)
    assert check([pathway], protocol, on=ON).findings == ()
    # A time may be written in ways that read as one value: the rule runs on objects.
    assert evaluation_plan(protocol)[0].why == (
        "same names at, which is not one plain value per event"
    )
    with on_objects(("t",)):
        assert findings_of(check_frame(frame, protocol, on=ON)) == ()
    # Without the answer's time, the rule does find the missing answer (3 days after the 4th).
    with on_objects(("t",)):
        assert rows(check_frame(frame.iloc[:2], protocol, on=ON))[0][4] == (at(0), at(3))


@pytest.mark.parametrize("blank", ["", "  "])
def test_blank_text_in_a_column_read_is_refused_as_from_frame_refuses_it(blank):
    frame = frame_of_two()
    frame.loc[1, "referral_id"] = blank
    with pytest.raises(ValidationError) as info:
        check_frame(frame, HALSNAES, on=ON)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("rows[1].referral_id", "must not be blank")
    ]
    with pytest.raises(ValidationError, match=r"rows\[1\]\.referral_id: must not be blank"):
        from_frame(frame)
    # A blank cell after the day checked is not read, by either door.
    frame.loc[1, "occurred_on"] = dt.date(2024, 4, 30)
    assert (
        findings_of(check_frame(frame, HALSNAES, on=ON))
        == check(from_frame(frame.iloc[[0, 2]]), HALSNAES, on=ON).findings
    )


def test_no_events_no_findings():
    found = check_frame(to_frame([]), HALSNAES, on=ON)
    assert tuple(found.columns) == FINDING_COLUMNS
    assert found.empty
    assert findings_of(found) == ()


def test_sort_findings_restores_the_order_of_a_check():
    pathways = [Pathway.of([referral(f"c-{i}", i, voluntary=False)]) for i in range(4)]
    found = check_frame(to_frame(pathways), HALSNAES, on=ON)
    mixed = pd.concat([found.iloc[2:], found.iloc[:2]])
    pd.testing.assert_frame_equal(sort_findings(mixed), found)


# -- equal to the object API on random cohorts -----------------------------------------------

cohorts = st.lists(hs.pathways(max_events=30), max_size=6, unique_by=lambda p: p.citizen_id)


@st.composite
def days_around(draw, pathways):
    """A day from before the first event to a while after the last."""
    if not pathways:
        return draw(hs.dates())
    first = min(p.events[0].occurred_on for p in pathways)
    return first + dt.timedelta(days=draw(st.integers(-5, 500)))


@given(cohorts, st.sampled_from(sorted(PROTOCOLS)), st.data(), layouts())
def test_every_checkable_protocol_equals_the_object_api(pathways, protocol_id, data, layout):
    on = data.draw(days_around(pathways))
    agrees(pathways, PROTOCOLS[protocol_id], on, layout)


# A narrower world than hs.pathways (two or three administrations, two offers, a few staff),
# so that matches, referrals, interventions and consents meet often.
_BY = (A.JOB_CENTRE, A.HEALTH, A.SOCIAL)
_OFFERS = ("kursus", "praktik")
_STAFF = ("s-1", "s-2", "s-3")
_ROLES = (Role.CASEWORKER, Role.COORDINATING_CASEWORKER, Role.MENTOR)
_CATEGORIES = (ev.InformationCategory.HEALTH, ev.InformationCategory.EMPLOYMENT)
_PURPOSES = (ev.ConsentPurpose.COORDINATION, ev.ConsentPurpose.WORK_ABILITY)
_CONVERSATIONS = (ev.ConversationKind.HEALTH_CONVERSATION, ev.ConversationKind.FOLLOW_UP)
_BENEFITS = (Benefit.CASH_BENEFIT_ACTIVITY_READY, Benefit.SICKNESS_BENEFIT)


_TIMES = (None, None, dt.time(9), dt.time(9), dt.time(12))  # ties meet often


@attrs.frozen
class World:
    """What drawn events may be: their kinds, whom consents and disclosures are to and for,
    the categories of information, and the most days between two events."""

    only: frozenset[str] | None = None
    to: tuple[A, ...] = _BY
    purposes: tuple[ev.ConsentPurpose, ...] = _PURPOSES
    categories: tuple[ev.InformationCategory, ...] = _CATEGORIES
    step: int = 6


# One receiver, purpose and category, a day or less apart: the consent ledger's ties meet.
LEDGER = World(only=frozenset({"consent", "refuse", "withdraw", "disclose"}), to=(A.JOB_CENTRE,),
               purposes=(COORDINATION,), categories=(HEALTH_INFO,), step=1)  # fmt: skip


def _next_event(draw, state, day, world, recorded_on=None):  # noqa: C901, PLR0911 - one branch per kind
    one = lambda values: draw(st.sampled_from(values))  # noqa: E731
    maybe = lambda values: draw(st.none() | st.sampled_from(values)) if values else None  # noqa: E731
    common = {"citizen_id": state.citizen_id, "occurred_on": day, "recorded_by": one(_BY),
              "at": one(_TIMES), "recorded_on": recorded_on or day}  # fmt: skip
    referrals = sorted(state.referrals)
    pending = sorted(state.pending_referrals)
    running = sorted(state.running)
    idle = [o for o in _OFFERS if o not in state.running]
    given_ = sorted(
        {(c.to, c.purpose) for c in state.consents}, key=lambda k: (k[0].code, k[1].code)
    )
    free = [s for s in _STAFF if s not in state.caseworkers]
    kinds = ["referred", "contact", "conversation", "consent", "refuse", "disclose", "benefit"]
    kinds += ["withdraw", "assign" if free else "withdraw"]
    kinds += ["accept", "decline"] if pending else []
    kinds += ["start"] if idle else []
    kinds += ["complete", "drop"] if running else []
    kinds += ["release"] if state.caseworkers else []
    kind = one([k for k in kinds if world.only is None or k in world.only] or ["contact"])
    if kind == "referred":
        return ev.Referred(**common, referral_id=f"r-{len(referrals) + 1}", offer=one(_OFFERS),
                           to=one(_BY), voluntary=draw(st.booleans()))  # fmt: skip
    if kind in ("accept", "decline"):
        cls = ev.ReferralAccepted if kind == "accept" else ev.ReferralDeclined
        return cls(**common, referral_id=one(pending))
    if kind == "contact":
        return ev.ContactMade(**common, referral_id=maybe(referrals))
    if kind == "conversation":
        return ev.ConversationHeld(**common, conversation=one(_CONVERSATIONS),
                                   referral_id=maybe(referrals))  # fmt: skip
    if kind == "start":
        live = [r for r in referrals if state.referrals[r].code != "afslaaet"]
        return ev.InterventionStarted(**common, offer=one(idle), referral_id=maybe(live))
    if kind in ("complete", "drop"):
        cls = ev.InterventionCompleted if kind == "complete" else ev.InterventionDroppedOut
        return cls(**common, offer=one(running), referral_id=maybe(referrals))
    if kind == "consent":
        categories = draw(st.frozensets(st.sampled_from(world.categories), min_size=1))
        ends = draw(st.none() | st.integers(0, 12))
        ends_on = None if ends is None else day + dt.timedelta(days=ends)
        return ev.ConsentGiven(**common, to=one(world.to), purpose=one(world.purposes),
                               categories=categories, ends_on=ends_on)  # fmt: skip
    if kind in ("refuse", "withdraw"):
        # Mostly the consents given, but the citizen may say no to anything at any time.
        to, purpose = (
            one(given_) if given_ and draw(st.booleans())
            else (one(world.to), one(world.purposes))
        )  # fmt: skip
        cls = ev.ConsentRefused if kind == "refuse" else ev.ConsentWithdrawn
        return cls(**common, to=to, purpose=purpose)
    if kind == "disclose":
        source, to = one([(a, b) for a in _BY for b in world.to if a is not b])
        return ev.InformationDisclosed(**common, source=source, to=to,
                                       category=one(world.categories),
                                       purpose=maybe(world.purposes),
                                       legal_basis=one((None, None, None, "lov § 1")))  # fmt: skip
    if kind == "benefit":
        return ev.BenefitChanged(**common, benefit=maybe(_BENEFITS))
    if kind == "assign":
        return ev.CaseworkerAssigned(**common, staff_id=one(free), role=one(_ROLES))
    return ev.CaseworkerReleased(**common, staff_id=one(sorted(state.caseworkers)))


def _correction_or_next(draw, pathway, day, world):
    """The next event: now and then an annulment or an event recorded late, as hs.pathways."""
    choice = draw(st.integers(0, 7))
    if choice == 0 and len(pathway) > 1:
        return ev.EventAnnulled(citizen_id=pathway.citizen_id, occurred_on=day,
                                recorded_by=draw(st.sampled_from(_BY)), recorder="s-1",
                                annuls=draw(st.integers(0, len(pathway) - 1)),
                                reason="fejl")  # fmt: skip
    if choice == 1:
        happened = day - dt.timedelta(days=draw(st.integers(1, 8)))
        return _next_event(draw, pathway.state_on(happened), happened, world, recorded_on=day)
    return _next_event(draw, pathway.state, day, world)


@st.composite
def focused_pathways(draw, citizen_id, world):
    """A pathway of a narrow world, with annulments and late recordings, times of day too.

    An event that cannot be recorded where it falls (an annulment the log refuses, a late
    event that cannot follow at its place in the timeline) is left out.
    """
    day = D + dt.timedelta(days=draw(st.integers(0, 20)))
    pathway = Pathway.of(
        [ev.Referred(citizen_id=citizen_id, occurred_on=day, recorded_by=A.JOB_CENTRE,
                     referral_id="r-0", offer=draw(st.sampled_from(_OFFERS)),
                     to=draw(st.sampled_from(_BY)), voluntary=draw(st.booleans()))]
    )  # fmt: skip
    for _ in range(draw(st.integers(0, 20))):
        day += dt.timedelta(days=draw(st.integers(0, world.step)))
        with contextlib.suppress(TransitionError):
            pathway = pathway.append(_correction_or_next(draw, pathway, day, world))
    if draw(st.integers(0, 3)) == 0:
        day += dt.timedelta(days=draw(st.integers(0, world.step)))
        with contextlib.suppress(TransitionError):
            pathway = pathway.append(
                ev.PathwayClosed(citizen_id=citizen_id, occurred_on=day, recorded_by=A.JOB_CENTRE)
            )
    return pathway


@st.composite
def focused_cohorts(draw, world=World()):
    count = draw(st.integers(0, 6))
    return [draw(focused_pathways(f"c-{i}", world)) for i in range(count)]


_KINDS = (
    ev.Referred,
    ev.ReferralAccepted,
    ev.ContactMade,
    ev.ConversationHeld,
    ev.InterventionStarted,
    ev.InterventionCompleted,
    ev.ConsentGiven,
    ev.InformationDisclosed,
    ev.CaseworkerAssigned,
)
# Kinds without a label of their own; a match of them names nothing in a message, so it only
# starts a rule (``after``, ``then``, ``events``), where subclasses must match.
_ABSTRACT = (ev._AboutReferral, ev._AboutIntervention, ev.Event)


@st.composite
def matches(draw, *, named=True):
    def maybe(values):
        return draw(st.none() | st.none() | st.sampled_from(values))

    kinds = _KINDS if named else _KINDS + _ABSTRACT
    return when(
        *draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=3, unique=True)),
        recorded_by=maybe(_BY),
        to=maybe(_BY),
        voluntary=maybe((True, False)),
        conversation=draw(st.none() | st.none() | st.none() | st.sampled_from(_CONVERSATIONS)),
        role=draw(st.none() | st.none() | st.none() | st.sampled_from(_ROLES)),
        offers=draw(st.none() | st.none() | st.frozensets(st.sampled_from(_OFFERS), min_size=1)),
    )


# "categories" holds a set and "kind" is no field: both send a rule to the object path.
_SAME = (
    None,
    "referral_id",
    "offer",
    "recorded_by",
    "occurred_on",
    "staff_id",
    "categories",
    "kind",
)


@st.composite
def random_rules(draw, number):  # noqa: PLR0911 - one return per kind of rule
    texts = {"id": f"r{number}", "citation": CITE, "text_da": "Regel.", "text_en": "Rule."}
    texts["severity"] = draw(st.sampled_from(Severity))
    which = draw(st.sampled_from(("within", "precedes", "forbid", "parallel", "consent", "every",
                                  "caseload", "coordinating", "one_coordinating")))  # fmt: skip
    if which == "within":
        return within(draw(st.integers(0, 10)), after=draw(matches(named=False)),
                      expect=draw(matches()),
                      same=draw(st.sampled_from(_SAME)), **texts)  # fmt: skip
    if which == "precedes":
        return precedes(draw(matches()), draw(matches(named=False)),
                        same=draw(st.sampled_from(_SAME)),
                        same_day=draw(st.booleans()), **texts)  # fmt: skip
    if which == "forbid":
        return forbid(draw(matches(named=False)), **texts)
    if which == "parallel":
        return parallel(draw(st.sampled_from(_BY)), draw(st.sampled_from(_BY)), **texts)
    if which == "consent":
        return requires_consent(draw(st.sampled_from(_CATEGORIES)), draw(st.sampled_from(_BY)),
                                **texts)  # fmt: skip
    if which == "every":
        return every(draw(matches(named=False)), lambda _, e: e.recorded_by is A.HEALTH,
                     failure=("ikke sundhed.", "not health."), **texts)  # fmt: skip
    if which == "caseload":
        return at_most_per(draw(st.integers(1, 2)), draw(st.sampled_from(_ROLES)), **texts)
    if which == "coordinating":
        return CoordinatingCaseworkerAssigned(**texts)
    return OneCoordinatingCaseworker(**texts)


@st.composite
def random_protocols(draw):
    count = draw(st.integers(1, 4))
    rules = tuple(draw(random_rules(i)) for i in range(count))
    return Protocol(id="random", name_da="T", name_en="T", rules=rules, citation=CITE)


@given(focused_cohorts(), random_protocols(), st.integers(-2, 150), layouts())
def test_random_rules_equal_the_object_api(pathways, protocol, offset, layout):
    agrees(pathways, protocol, D + dt.timedelta(days=offset), layout)


def _rules(*rules):
    return Protocol(id="some", name_da="T", name_en="T", rules=rules, citation=CITE)


_TEXTS = {"citation": CITE, "text_da": "Regel.", "text_en": "Rule."}
_INTERVENTIONS = _rules(
    *(
        parallel(one, two, id=f"p{i}", **_TEXTS)
        for i, (one, two) in enumerate(
            [(A.HEALTH, A.JOB_CENTRE), (A.JOB_CENTRE, A.SOCIAL), (A.HEALTH, A.HEALTH)]
        )
    )
)
_CONSENTS = _rules(
    *(
        requires_consent(category, to, id=f"c{i}", **_TEXTS)
        for i, (category, to) in enumerate(
            [(c, to) for c in _CATEGORIES for to in (A.JOB_CENTRE, A.HEALTH)]
        )
    )
)


@given(focused_cohorts(World(only=frozenset({"start", "complete", "drop"}))), st.integers(-2, 150),
       layouts())  # fmt: skip
def test_parallel_equals_the_object_api(pathways, offset, layout):
    agrees(pathways, _INTERVENTIONS, D + dt.timedelta(days=offset), layout)


@given(focused_cohorts(attrs.evolve(LEDGER, to=_BY, purposes=_PURPOSES, categories=_CATEGORIES,
                                    step=6)), st.integers(0, 150), layouts())  # fmt: skip
def test_requires_consent_equals_the_object_api(pathways, offset, layout):
    agrees(pathways, _CONSENTS, D + dt.timedelta(days=offset), layout)


@given(focused_cohorts(LEDGER), st.integers(0, 60), layouts())
def test_the_consent_ledger_of_one_purpose_equals_the_object_api(pathways, offset, layout):
    # Consents with and without an end, withdrawals and refusals on the day of a disclosure,
    # before or after it in the timeline, at the same time, another time or none.
    agrees(pathways, CONSENT_ONLY, D + dt.timedelta(days=offset), layout)


@given(focused_cohorts(), st.sampled_from([HALSNAES, ODENSE_CONSENT, COORDINATING_CASEWORKER]))
def test_arrow_input_equals_pandas_input(pathways, protocol):
    frame = to_frame(pathways)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    on = D + dt.timedelta(days=60)
    pd.testing.assert_frame_equal(
        check_frame(table, protocol, on=on), check_frame(frame, protocol, on=on)
    )
    assert findings_of(pa.Table.from_pandas(check_frame(frame, protocol, on=on))) == findings_of(
        check_frame(frame, protocol, on=on)
    )


# -- the fields the columnar code reads ------------------------------------------------------


def test_the_fields_read_are_every_field_of_the_classes_read():
    # A field added to Match or to a rule class must be taught to the columnar code (or the
    # class runs on objects, see the next test); this pins the sets it knows today.
    known = registry.KNOWN_FIELDS
    assert set(known) == {Match, Forbid, Within, Precedes, Parallel, RequiresConsent, Every,
                          AtMostPer, CoordinatingCaseworkerAssigned,
                          OneCoordinatingCaseworker, FirstFollowUpByWeek8, RescreenedAtEnd,
                          PlanSpansProfessions, SameInstrument, SupportUntilSettled}  # fmt: skip
    for cls, names in known.items():
        assert {f.name for f in attrs.fields(cls)} == names, cls.__name__
    assert set(known) - {Match} == set(registry.EVALUATORS)


def test_a_class_with_fields_not_known_runs_on_objects(monkeypatch):
    # As if Within and Match had gained a field: no column code and no pre-filter may run.
    pathways = [Pathway.of([referral("c-1"), make(ev.ReferralAccepted, 0, A.JOB_CENTRE,
                                                  referral_id="r-1")])]  # fmt: skip
    monkeypatch.setattr(registry, "KNOWN_FIELDS", {Forbid: registry.KNOWN_FIELDS[Forbid]})

    def refuse(*_):
        raise AssertionError

    for kind in (Within, Forbid):  # Forbid's Match is not up to date either
        monkeypatch.setitem(
            registry.EVALUATORS, kind, attrs.evolve(registry.EVALUATORS[kind], evaluate=refuse)
        )
    plan = evaluation_plan(HALSNAES)
    assert [(p.kind, p.columnar) for p in plan] == [
        ("Forbid", False), ("Within", False), ("Parallel", False), ("RequiresConsent", False)
    ]  # fmt: skip
    assert plan[0].why == "Match has fields the columnar code does not read"
    assert plan[1].why == "Within has fields the columnar code does not read"
    found = agrees(pathways, HALSNAES, ON)
    assert set(found["rule_id"]) == {"halsnaes.contact_within_week"}


# -- bad input -------------------------------------------------------------------------------


def frame_of_two():
    return to_frame([Pathway.of([referral("c-1"), make(ev.ContactMade, 1)]),
                     Pathway.of([referral("c-2", voluntary=False)])])  # fmt: skip


@pytest.mark.parametrize("events", [None, [1, 2], "events.csv", pd.Series([1])])
def test_only_tables_are_read(events):
    with pytest.raises(
        ValidationError, match=r"^events: must be a pandas DataFrame or a pyarrow Table$"
    ):
        check_frame(events, HALSNAES, on=ON)


def test_the_protocol_and_day_are_checked():
    with pytest.raises(ValidationError) as info:
        check_frame(frame_of_two(), "halsnaes", on="2024-03-31")
    assert [p.path for p in info.value.problems] == ["protocol", "on"]


@pytest.mark.parametrize("column", ["case:concept:name", "concept:name", "org:group",
                                    "helhed:index", "occurred_on"])  # fmt: skip
def test_a_missing_column_is_named(column):
    with pytest.raises(ValidationError) as info:
        check_frame(frame_of_two().drop(columns=column), HALSNAES, on=ON)
    assert [(p.path, p.message) for p in info.value.problems] == [(column, "is a required column")]


def test_optional_columns_may_be_left_out():
    frame = frame_of_two()[["case:concept:name", "concept:name", "org:group", "helhed:index",
                            "occurred_on", "to", "voluntary", "referral_id"]]  # fmt: skip
    assert rows(check_frame(frame, HALSNAES, on=ON)) == rows(
        check_frame(frame_of_two(), HALSNAES, on=ON)
    )


def test_unknown_and_repeated_columns_are_named():
    frame = frame_of_two()
    frame["hemmelig"] = "x"
    frame = pd.concat([frame, frame[["to"]]], axis=1)
    with pytest.raises(ValidationError) as info:
        check_frame(frame, HALSNAES, on=ON)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("hemmelig", "is not a known column"),
        ("to", "appears more than once"),
    ]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("concept:name", "hemmelig_haendelse", "is not a known event kind"),
        ("concept:name", None, "is required"),
        ("org:group", "hemmelig", "is not a known administration"),
        ("case:concept:name", None, "is required"),
        ("case:concept:name", " ", "must be non-blank text"),
        ("occurred_on", None, "is required"),
        ("occurred_on", "2024-02-30", "is not a calendar date written YYYY-MM-DD"),
        ("occurred_on", pd.Timestamp("2024-03-04 10:30"), "must be a date without a time of day"),
        ("occurred_on", 20240304, "must be a date"),
        ("helhed:index", -1, "must be a whole number, 0 or more"),
        ("helhed:index", "1", "must be a whole number, 0 or more"),
        ("helhed:index", None, "is required"),
        ("helhed:index", 2**70, "is too large a position"),
        ("occurred_on", "20240304", "is not a calendar date written YYYY-MM-DD"),
        ("occurred_on", "2024-W10-1", "is not a calendar date written YYYY-MM-DD"),
        ("occurred_on", np.datetime64("2024-03-04T10:30"), "must be a date without a time of day"),
        ("referral_id", "", "must not be blank"),
    ],
)
def test_a_bad_cell_is_named_without_its_value(column, value, message):
    frame = frame_of_two().astype({column: object})
    frame.iloc[1, frame.columns.get_loc(column)] = value
    with pytest.raises(ValidationError) as info:
        check_frame(frame, HALSNAES, on=ON)
    assert [(p.path, p.message) for p in info.value.problems] == [(f"rows[1].{column}", message)]
    assert "hemmelig" not in str(info.value)
    assert "2024" not in str(info.value)


def corrected_frame():
    """c-1: referral, a contact annulled, a consent with an end, a disclosure (rows 0-4)."""
    return to_frame([Pathway.of([
        referral("c-1"),
        make(ev.ContactMade, 1),
        make(ev.EventAnnulled, 2, recorder="s-1", annuls=1, reason="hemmelig"),
        consent("c-1", 3, HEALTH_INFO, ends_on=at(9)),
        disclosure("c-1", 4),
    ])])  # fmt: skip


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (2, "annuls", -1, "must be a whole number, 0 or more"),
        (2, "annuls", "1", "must be a whole number, 0 or more"),
        (2, "annuls", None, "is required"),
        (3, "at", "1030", "must be a time of day written HH:MM, HH:MM:SS or HH:MM:SS.ffffff"),
        (3, "at", "25:61", "is not a time of day"),
        (3, "at", dt.time(10, tzinfo=dt.UTC), "must be a time of day without a time zone"),
        (3, "at", 10, "must be a time of day (a datetime.time or text written HH:MM:SS)"),
        (3, "ends_on", "2024-02-30", "is not a calendar date written YYYY-MM-DD"),
    ],
)
def test_a_bad_cell_of_the_timeline_or_ledger_is_named(row, column, value, message):
    frame = corrected_frame().astype({column: object})
    frame.iloc[row, frame.columns.get_loc(column)] = value
    with pytest.raises(ValidationError) as info:
        check_frame(frame, HALSNAES, on=ON)
    assert [(p.path, p.message) for p in info.value.problems] == [
        (f"rows[{row}].{column}", message)
    ]
    assert "hemmelig" not in str(info.value)
    with pytest.raises(ValidationError, match=rf"rows\[{row}\]\.{column}"):
        from_frame(frame)


def test_an_annulment_naming_no_row_annuls_nothing_unless_validated():
    # Naming helhed:index 7, which c-1 has not, the annulment leaves the contact in force.
    frame = corrected_frame()
    frame.loc[2, "annuls"] = 7
    assert report_frame(frame, HALSNAES, on=ON).events == 4
    with pytest.raises(ValidationError, match=r"^rows\[2\]\.annuls: is not the helhed:index"):
        check_frame(frame, HALSNAES, on=ON, validate=True)


def test_text_dates_are_read_only_as_from_frame_reads_them():
    # "20240304" and "2024-W10-1" are dates to date.fromisoformat but not to from_frame.
    for text in ("20240304", "2024-W10-1"):
        frame = frame_of_two().astype({"occurred_on": object})
        frame.loc[1, "occurred_on"] = text
        for validate in (False, True):
            with pytest.raises(ValidationError) as info:
                check_frame(frame, HALSNAES, on=ON, validate=validate)
            assert [p.path for p in info.value.problems] == ["rows[1].occurred_on"]
        with pytest.raises(ValidationError, match=r"rows\[1\]\.occurred_on"):
            from_frame(frame)


def test_a_datetime64_at_midnight_is_read_as_its_date():
    frame = frame_of_two()
    want = rows(check_frame(frame, HALSNAES, on=ON))
    cells = frame["occurred_on"].tolist()
    frame["occurred_on"] = pd.Series(
        [np.datetime64(day, "ns") for day in cells], dtype=object, index=frame.index
    )
    assert isinstance(frame["occurred_on"].iloc[0], np.datetime64)
    assert rows(check_frame(frame, HALSNAES, on=ON)) == want
    assert rows(check_frame(frame, EARLY_DETECTION, on=ON)) == rows(
        check_frame(frame_of_two(), EARLY_DETECTION, on=ON)
    )


def test_an_unsigned_arrow_position_too_large_for_int64_is_named():
    table = pa.Table.from_pandas(frame_of_two(), preserve_index=False)
    column = table.schema.get_field_index("helhed:index")
    large = table.set_column(column, "helhed:index", pa.array([0, 2**64 - 1, 0], pa.uint64()))
    with pytest.raises(ValidationError) as info:
        check_frame(large, HALSNAES, on=ON)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("rows[1].helhed:index", "is too large a position")
    ]
    assert str(2**64 - 1) not in str(info.value)
    small = table.set_column(column, "helhed:index", pa.array([0, 1, 0], pa.uint64()))
    assert rows(check_frame(small, HALSNAES, on=ON)) == rows(
        check_frame(frame_of_two(), HALSNAES, on=ON)
    )


def test_a_repeated_position_is_named():
    frame = frame_of_two()
    frame.loc[1, "helhed:index"] = 0
    with pytest.raises(
        ValidationError, match=r"^rows\[1\]\.helhed:index: repeats the position of rows\[0\]$"
    ):
        check_frame(frame, HALSNAES, on=ON)


def test_logs_are_replayed_only_when_asked():
    # A contact for a referral never made: from_frame refuses the log, the vectorised rules
    # do not replay it, and validate=True reads the whole table first.
    frame = frame_of_two()
    check_frame(frame, HALSNAES, on=ON, validate=True)  # a valid table passes
    frame.loc[1, "referral_id"] = "r-9"
    check_frame(frame, HALSNAES, on=ON)
    with pytest.raises(ValidationError, match=r"^rows\[1\]: there is no referral 'r-9'$"):
        check_frame(frame, HALSNAES, on=ON, validate=True)


def test_errors_of_logs_read_on_objects_name_the_rows_of_the_table():
    # Row 0 is c-1's contact; read on objects it is the second row handed to from_frame.
    frame = frame_of_two().iloc[[1, 2, 0]]
    frame.iloc[0, frame.columns.get_loc("referral_id")] = "r-9"
    everything = Protocol(id="all", name_da="A", name_en="A", rules=(_Everything(**TEXTS),),
                          citation=CITE)  # fmt: skip
    with pytest.raises(ValidationError, match=r"^rows\[0\]: there is no referral 'r-9'$"):
        check_frame(frame, everything, on=ON)  # a rule class of its own runs on objects


def test_findings_of_needs_the_columns_and_real_findings():
    found = check_frame(frame_of_two(), HALSNAES, on=ON)
    with pytest.raises(ValidationError, match=r"^citation: is a required column$"):
        findings_of(found.drop(columns="citation"))
    found.loc[0, "severity"] = "hemmelig"
    with pytest.raises(ValidationError, match=r"^rows\[0\]: is not a finding check_frame wrote$"):
        findings_of(found)


def test_findings_of_refuses_a_date_with_a_time_of_day():
    found = check_frame(frame_of_two(), HALSNAES, on=ON)
    assert len(found) == 1
    found["dates"] = pd.Series([(pd.Timestamp("2024-03-04 10:30"),)], dtype=object)
    with pytest.raises(ValidationError, match=r"^rows\[0\]: is not a finding check_frame wrote$"):
        findings_of(found)
    found["dates"] = pd.Series([(pd.Timestamp("2024-03-04"),)], dtype=object)
    assert findings_of(found)[0].dates == (D,)


def test_sort_findings_reads_arrow_and_checks_its_input():
    pathways = [Pathway.of([referral(f"c-{i}", i, voluntary=False)]) for i in range(3)]
    found = check_frame(to_frame(pathways), HALSNAES, on=ON)
    mixed = found.iloc[[2, 0, 1]]
    pd.testing.assert_frame_equal(sort_findings(pa.Table.from_pandas(mixed)), found)
    with pytest.raises(ValidationError, match=r"^findings: must be a pandas DataFrame"):
        sort_findings([1, 2])
    with pytest.raises(ValidationError, match=r"^events: is a required column$"):
        sort_findings(mixed.drop(columns="events"))
    broken = mixed.copy()
    broken.loc[0, "events"] = "hemmelig"
    with pytest.raises(ValidationError) as info:
        sort_findings(broken)
    assert [p.path for p in info.value.problems] == ["rows[1]"]
    assert "hemmelig" not in str(info.value)


def test_findings_of_keeps_the_citation():
    found = check_frame(frame_of_two(), HALSNAES, on=ON)
    (finding,) = findings_of(found)
    assert finding == Finding(
        rule_id="halsnaes.voluntary",
        citizen_id="c-2",
        severity=Severity.ERROR,
        events=(0,),
        dates=(D,),
        text_da=found.loc[0, "text_da"],
        text_en=found.loc[0, "text_en"],
        citation=Citation("HALSNAES"),
    )
