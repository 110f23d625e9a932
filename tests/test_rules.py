"""Protocol rules, the shipped protocols and compliance checks, with worked examples."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.cases.halsnaes import HALSNAES
from helhed.cases.odense import ODENSE_CONSENT
from helhed.errors import ValidationError
from helhed.organisation import Role
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway
from helhed.pathways.protocols import COORDINATING_CASEWORKER
from helhed.protocols import PROTOCOLS
from helhed.rules import (
    Protocol,
    Severity,
    at_most_per,
    forbid,
    parallel,
    precedes,
    requires_consent,
    when,
    within,
)
from helhed.sources import Citation
from helhed.testing import strategies as hs
from rule_log import CITE, TEXT, A, D, at, make


def referral(cid="c-1", day=0, rid="r-1", to=A.HEALTH, voluntary=True):
    return make(
        ev.Referred,
        day,
        A.JOB_CENTRE,
        cid,
        referral_id=rid,
        offer="afklarende sundhedssamtale",
        to=to,
        voluntary=voluntary,
    )


def halsnaes_pathway(contact_day, cid="c-1"):
    events = [referral(cid), make(ev.ReferralAccepted, 0, A.JOB_CENTRE, cid, referral_id="r-1")]
    if contact_day is not None:
        events.append(make(ev.ContactMade, contact_day, A.HEALTH, cid, referral_id="r-1"))
    return Pathway.of(events)


def findings(pathways, protocol, on):
    return check(pathways, protocol, on=on).findings


# --- within: the one-week rule of Halsnæs ------------------------------------------------


@pytest.mark.parametrize("contact_day", [0, 1, 7])
def test_contact_within_seven_days_keeps_the_rule(contact_day):
    assert findings([halsnaes_pathway(contact_day)], HALSNAES, at(60)) == ()


def test_contact_on_the_eighth_day_is_late_and_the_finding_says_so():
    (finding,) = findings([halsnaes_pathway(8)], HALSNAES, at(60))

    assert finding.rule_id == "halsnaes.contact_within_week"
    assert finding.citizen_id == "c-1"
    assert finding.severity is Severity.ERROR
    assert finding.events == (1, 2)
    assert finding.dates == (D, at(8))
    assert str(finding.citation) == "HALSNAES"
    assert finding.text_en.endswith(
        "Referral accepted on 2024-03-04; contact made on 2024-03-12, 8 days later (the limit "
        "is 7 days)."
    )
    assert "8 dage efter (grænsen er 7 dage)" in finding.text_da


def test_missing_contact_is_a_finding_only_once_the_week_is_over():
    pathway = halsnaes_pathway(None)

    assert findings([pathway], HALSNAES, at(7)) == ()
    (late,) = findings([pathway], HALSNAES, at(8))
    assert late.dates == (D, at(7))
    assert "no contact made by 2024-03-11 (7 days)" in late.text_en


def test_contact_for_another_referral_does_not_count():
    pathway = Pathway.of(
        [
            referral(),
            referral(rid="r-2", day=1),
            make(ev.ReferralAccepted, 1, referral_id="r-1"),
            make(ev.ContactMade, 2, referral_id="r-2"),
        ]
    )

    (finding,) = findings([pathway], HALSNAES, at(30))
    assert finding.events == (2,)


def test_a_referral_to_the_job_centre_starts_no_clock():
    pathway = Pathway.of([referral(to=A.JOB_CENTRE), make(ev.ReferralAccepted, referral_id="r-1")])

    assert findings([pathway], HALSNAES, at(30)) == ()


def test_events_after_the_day_of_the_check_are_not_seen():
    assert findings([halsnaes_pathway(8)], HALSNAES, at(7)) == ()


# --- forbid, precedes, requires_consent, parallel ----------------------------------------


def test_a_referral_that_is_not_voluntary_breaks_halsnaes():
    pathway = Pathway.of([referral(voluntary=False)])

    (finding,) = findings([pathway], HALSNAES, at(0))
    assert finding.rule_id == "halsnaes.voluntary"
    assert finding.text_en.endswith("Referred on 2024-03-04.")


def test_odense_asks_for_consent_no_later_than_the_first_conversation():
    talk = make(ev.ConversationHeld, 3, conversation=ev.ConversationKind.HEALTH_CONVERSATION)
    ask = make(ev.ConsentRefused, 3, to=A.JOB_CENTRE, purpose=ev.ConsentPurpose.COORDINATION)
    late_ask = make(ev.ConsentRefused, 4, to=A.JOB_CENTRE, purpose=ev.ConsentPurpose.COORDINATION)

    assert findings([Pathway.of([referral(), ask, talk])], ODENSE_CONSENT, at(9)) == ()
    # logged after the conversation, but on the same day: still "from the start"
    assert findings([Pathway.of([referral(), talk, ask])], ODENSE_CONSENT, at(9)) == ()
    (finding,) = findings([Pathway.of([referral(), talk, late_ask])], ODENSE_CONSENT, at(9))
    assert finding.rule_id == "odense-samtykke.spurgt_fra_start"
    assert finding.severity is Severity.WARNING
    assert finding.dates == (at(3),)


def test_health_information_to_the_job_centre_needs_consent_in_force():
    told = make(
        ev.InformationDisclosed,
        5,
        source=A.HEALTH,
        to=A.JOB_CENTRE,
        category=ev.InformationCategory.HEALTH,
        purpose=ev.ConsentPurpose.COORDINATION,
    )
    consent = make(
        ev.ConsentGiven,
        2,
        to=A.JOB_CENTRE,
        purpose=ev.ConsentPurpose.COORDINATION,
        categories=frozenset({ev.InformationCategory.HEALTH}),
    )
    withdrawn = make(
        ev.ConsentWithdrawn, 4, to=A.JOB_CENTRE, purpose=ev.ConsentPurpose.COORDINATION
    )

    assert findings([Pathway.of([referral(), consent, told])], ODENSE_CONSENT, at(9)) == ()
    (finding,) = findings(
        [Pathway.of([referral(), consent, withdrawn, told])], ODENSE_CONSENT, at(9)
    )
    assert finding.rule_id == "odense-samtykke.foer_videregivelse"
    assert (
        "withdrew their consent to job centre / employment for coordinating the whole effort on "
        "2024-03-08; nothing may be passed on without a new consent" in finding.text_en
    )
    social = make(
        ev.InformationDisclosed,
        5,
        source=A.HEALTH,
        to=A.JOB_CENTRE,
        category=ev.InformationCategory.SOCIAL,
    )
    assert findings([Pathway.of([referral(), social])], ODENSE_CONSENT, at(9)) == ()


def _spans(health, job):
    events = [referral()]
    marks = []
    for by, offer, (start, end) in ((A.HEALTH, "motion", health), (A.JOB_CENTRE, "praktik", job)):
        marks.append((start, 0, make(ev.InterventionStarted, start, by, offer=offer)))
        if end is not None:
            marks.append((end, 1, make(ev.InterventionCompleted, end, by, offer=offer)))
    events.extend(m[2] for m in sorted(marks, key=lambda m: m[:2]))
    return Pathway.of(events)


@pytest.mark.parametrize(
    ("health", "job", "broken"),
    [
        ((1, 30), (20, 60), False),  # overlap
        ((1, 30), (30, 60), False),  # touch on one day: both ran that day
        ((1, 30), (31, 60), True),  # one after the other
        ((40, 70), (1, 39), True),
        ((1, None), (50, None), False),  # both still running on the day of the check
    ],
)
def test_parallel_means_the_interventions_overlap(health, job, broken):
    got = findings([_spans(health, job)], HALSNAES, at(90))

    assert [f.rule_id for f in got] == (["halsnaes.parallel"] if broken else [])


def test_parallel_judges_only_pathways_with_both_kinds():
    pathway = Pathway.of([referral(), make(ev.InterventionStarted, 1, offer="motion")])

    assert findings([pathway], HALSNAES, at(90)) == ()


# --- population rule: at most 25 citizens per IPS consultant -----------------------------

IPS = Protocol(
    id="ips",
    name_da="IPS",
    name_en="IPS",
    rules=(
        at_most_per(
            25, Role.IPS_CONSULTANT, id="ips.caseload", citation=Citation("SST2019", "8.3"), **TEXT
        ),
    ),
    citation=Citation("SST2019", "8.3"),
)


def _ips_pathway(number, day):
    cid = f"c-{number:02d}"
    return Pathway.of(
        [
            referral(cid, day),
            make(
                ev.CaseworkerAssigned,
                day,
                A.JOB_CENTRE,
                cid,
                staff_id="ips-1",
                role=Role.IPS_CONSULTANT,
            ),
        ]
    )


def test_the_twenty_sixth_citizen_of_a_consultant_is_a_finding():
    cohort = [_ips_pathway(n, n) for n in range(1, 27)]

    assert findings(cohort[:25], IPS, at(40)) == ()
    (finding,) = findings(cohort, IPS, at(40))
    assert finding.citizen_id == "c-26"
    assert finding.dates == (at(26),)
    assert "ips-1 took the citizen on 2024-03-30 as number 26; the limit is 25." in finding.text_en


def test_closed_pathways_free_a_place():
    cohort = [_ips_pathway(n, n) for n in range(1, 27)]
    cohort[0] = cohort[0].append(make(ev.PathwayClosed, 30, A.JOB_CENTRE, "c-01"))

    assert findings(cohort, IPS, at(30)) == ()
    assert len(findings(cohort, IPS, at(29))) == 1


# --- the coordinating caseworker right ---------------------------------------------------


def _benefit_pathway(benefit, *assignments):
    events = [referral(to=A.JOB_CENTRE), make(ev.BenefitChanged, 1, A.JOB_CENTRE, benefit=benefit)]
    events += [
        make(
            ev.CaseworkerAssigned,
            day,
            A.JOB_CENTRE,
            staff_id=staff,
            role=Role.COORDINATING_CASEWORKER,
        )
        for day, staff in assignments
    ]
    return Pathway.of(events)


@pytest.mark.parametrize(
    ("benefit", "right"),
    [
        (Benefit.RESOURCE_COURSE, True),
        (Benefit.JOB_CLARIFICATION_COURSE, True),
        (Benefit.CASH_BENEFIT_ACTIVITY_READY, True),
        (Benefit.CASH_BENEFIT_JOB_READY, False),
        (Benefit.SICKNESS_BENEFIT, False),
        (Benefit.FLEX_JOB, False),
    ],
)
def test_a_citizen_with_the_right_needs_a_coordinating_caseworker(benefit, right):
    got = findings([_benefit_pathway(benefit)], COORDINATING_CASEWORKER, at(10))

    assert [f.rule_id for f in got] == (["koordinerende-sagsbehandler.tildelt"] if right else [])
    if right:
        assert got[0].dates == (at(1), at(10))
        assert str(got[0].citation) == "SST2019 4.1"
    assert findings([_benefit_pathway(benefit, (2, "s-1"))], COORDINATING_CASEWORKER, at(10)) == ()


def test_changing_coordinating_caseworker_is_a_warning():
    pathway = _benefit_pathway(Benefit.RESOURCE_COURSE, (2, "s-1"), (30, "s-2"))

    (finding,) = findings([pathway], COORDINATING_CASEWORKER, at(40))
    assert finding.rule_id == "koordinerende-sagsbehandler.gennemgaaende"
    assert finding.severity is Severity.WARNING
    assert finding.dates == (at(2), at(30))
    assert str(finding.citation) == "SST2019 4.1, fn. 7"


# --- protocols and check -----------------------------------------------------------------


def test_shipped_protocols_have_prefixed_unique_rule_ids_and_citations():
    assert list(PROTOCOLS) == [
        "koordinerende-sagsbehandler",
        "sygedagpenge",
        "model1",
        "model2",
        "model3",
        "odense-samtykke",
        "hjorring",
        "kolding",
        "jammerbugt",
        "vordingborg",
        "silkeborg",
        "syddjurs",
        "tonder",
        "sonderborg",
        "kobenhavn_ips",
        "halsnaes",
        "aalborg",
    ]
    for pid, protocol in PROTOCOLS.items():
        # a case's protocol may hold its model's rules (model1.*) beside its own
        assert all(
            rule.id.startswith((f"{pid}.", "model1.", "model2.", "model3."))
            for rule in protocol.rules
        ), pid
        assert protocol.rule(protocol.rules[0].id) is protocol.rules[0]
    assert [p.code for p in HALSNAES.permissions] == ["halsnaes.no_report_back"]


def test_a_protocol_refuses_duplicate_rule_ids():
    rule = forbid(when(ev.Referred), id="x.one", citation=CITE, **TEXT)

    with pytest.raises(ValidationError, match=r"rules\[1\]\.id: is a duplicate"):
        Protocol(id="x", name_da="X", name_en="X", rules=(rule, rule), citation=CITE)


def test_combinators_refuse_bad_parameters():
    with pytest.raises(ValidationError, match="days: must be 0 or more"):
        within(
            -1, after=when(ev.Referred), expect=when(ev.ContactMade), id="x", citation=CITE, **TEXT
        )
    with pytest.raises(ValidationError, match="limit: must be 1 or more"):
        at_most_per(0, Role.MENTOR, id="x", citation=CITE, **TEXT)
    with pytest.raises(ValidationError, match="kinds: must name one or more event classes"):
        when()
    with pytest.raises(ValidationError, match="id: must not be blank"):
        precedes(when(ev.Referred), when(ev.ContactMade), id=" ", citation=CITE, **TEXT)


def test_check_refuses_two_pathways_of_one_citizen():
    with pytest.raises(ValidationError, match=r"pathways\[1\]\.citizen_id: is a duplicate"):
        check([halsnaes_pathway(1), halsnaes_pathway(2)], HALSNAES, on=at(9))


def test_the_report_counts_and_orders_findings():
    report = check(
        [halsnaes_pathway(9, "b"), halsnaes_pathway(None, "a"), halsnaes_pathway(1, "c")],
        HALSNAES,
        on=at(30),
    )

    assert [f.citizen_id for f in report.findings] == ["a", "b"]
    assert report.pathways == 3
    assert report.events == 8
    assert dict(report.by_rule) == {"halsnaes.contact_within_week": 2}
    assert not report.ok


ALL_RULES = Protocol(
    id="alle",
    name_da="Alle",
    name_en="All",
    rules=(
        *HALSNAES.rules,
        *ODENSE_CONSENT.rules,
        *COORDINATING_CASEWORKER.rules,
        requires_consent(
            ev.InformationCategory.SOCIAL, A.SOCIAL, id="social", citation=CITE, **TEXT
        ),
        parallel(A.SOCIAL, A.HEALTH, id="par", citation=CITE, **TEXT),
        at_most_per(2, Role.MENTOR, id="mentor", citation=CITE, **TEXT),
        *IPS.rules,
    ),
    citation=CITE,
)


@given(
    st.lists(hs.pathways(max_events=12), max_size=5, unique_by=lambda p: p.citizen_id),
    hs.dates(),
)
def test_check_never_raises_on_valid_logs_and_is_deterministic(pathways, on):
    first = check(pathways, ALL_RULES, on=on)

    assert check(list(reversed(pathways)), ALL_RULES, on=on) == first
    assert first.pathways == len(pathways)
    for finding in first.findings:
        assert finding.citizen_id in {p.citizen_id for p in pathways}
        assert all(d <= on or d == max(finding.dates) for d in finding.dates)
        assert finding.rule_id in {r.id for r in ALL_RULES.rules}


@given(hs.pathways(max_events=15, corrections=False))
def test_a_log_of_events_no_rule_looks_at_has_no_findings(pathway):
    first = pathway.events[0]
    opening = ev.Referred(
        citizen_id=first.citizen_id,
        occurred_on=first.occurred_on,
        recorded_by=A.JOB_CENTRE,
        referral_id="r-0",
        offer="mentor",
        to=A.JOB_CENTRE,
        voluntary=True,
    )
    quiet = (ev.ScreeningRecorded, ev.PlanCreated, ev.PlanAdjusted, ev.TargetGroupAssessed)
    kept = tuple(e for e in pathway.events[1:] if isinstance(e, quiet))

    log = Pathway(citizen_id=first.citizen_id, events=(opening, *kept))

    assert check([log], ALL_RULES, on=dt.date(2031, 1, 1)).findings == ()


def test_a_rule_over_a_base_event_class_names_the_class_in_its_message():
    # `when(ev.Event)` has no kind of its own; the message names the class instead of failing.
    rule = within(
        3,
        after=when(ev.Referred),
        expect=when(ev.ContactMade, ev.Event),
        id="any",
        citation=CITE,
        **TEXT,
    )
    (finding,) = rule.check(Pathway.of([referral()]), at(10))
    assert finding.text_en == (
        "Rule. Referred on 2024-03-04; no contact made or Event by 2024-03-07 (3 days)."
    )
    assert "kontakt etableret eller Event" in finding.text_da
