"""Caseloads, current caseworkers and the first sickness follow-up over columns.

``AtMostPer``, the coordinating caseworker rules and ``FirstFollowUpByWeek8`` run over whole
columns, never on objects: worked examples with values worked out by hand, and properties
holding the columns to the object API over pathways full of assignments, releases, closings
and sickness benefit spells.
"""

import contextlib
import datetime as dt

import attrs
import pandas as pd
import pytest

pytest.importorskip("pyarrow")

from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.batch import check_frame, evaluation_plan, population_rows
from helhed.batch._objects import Objects
from helhed.benefits import Benefit
from helhed.errors import TransitionError, ValidationError
from helhed.frames import to_frame
from helhed.organisation import Administration, Role
from helhed.pathways import events as ev
from helhed.pathways.bases import shipped_protocols
from helhed.pathways.pathway import Pathway
from helhed.pathways.protocols import COORDINATING_CASEWORKER
from helhed.pathways.sickness_follow_up import SICKNESS_FOLLOW_UP
from helhed.rules import Protocol, at_most_per
from test_batch_compliance import (
    CITE,
    ON,
    World,
    agrees,
    at,
    focused_pathways,
    layouts,
    make,
    referral,
    rows,
)

A = Administration
MENTOR, CASEWORKER, COORDINATING = Role.MENTOR, Role.CASEWORKER, Role.COORDINATING_CASEWORKER
SICK = Benefit.SICKNESS_BENEFIT


@pytest.fixture
def no_objects(monkeypatch):
    """Any read of pathways on objects fails the test."""

    def refuse(*_):
        raise AssertionError("read on objects")

    monkeypatch.setattr(Objects, "pathways", refuse)


def caseload(limit, role):
    rule = at_most_per(limit, role, id="caseload", citation=CITE, text_da="Højst.",
                       text_en="At most.")  # fmt: skip
    return Protocol(id="load", name_da="L", name_en="L", rules=(rule,), citation=CITE)


def assign(cid, day, staff, role=MENTOR, **fields):
    return make(ev.CaseworkerAssigned, day, A.JOB_CENTRE, cid, staff_id=staff, role=role, **fields)


def release(cid, day, staff):
    return make(ev.CaseworkerReleased, day, A.JOB_CENTRE, cid, staff_id=staff)


def closing(cid, day):
    return make(ev.PathwayClosed, day, A.JOB_CENTRE, cid)


# -- AtMostPer ------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_objects")
def test_a_caseload_is_ordered_by_day_then_citizen_id_as_text():
    # s-1 mentors c-1 from the 4th, c-9 and c-10 from the 5th: as text "c-10" < "c-9", so
    # c-10 is number 2 and c-9 number 3; s-2's one citizen is within the limit of 1.
    pathways = [Pathway.of([referral(cid, day), assign(cid, day, staff)])
                for cid, day, staff in (("c-9", 1, "s-1"), ("c-1", 0, "s-1"),
                                        ("c-10", 1, "s-1"), ("c-2", 0, "s-2"))]  # fmt: skip
    found = check_frame(to_frame(pathways), caseload(1, MENTOR), on=ON)
    assert [(r[0], r[3], r[4], r[6]) for r in rows(found)] == [
        ("c-10", (1,), (at(1),),
         "At most. s-1 took the citizen on 2024-03-05 as number 2; the limit is 1."),
        ("c-9", (1,), (at(1),),
         "At most. s-1 took the citizen on 2024-03-05 as number 3; the limit is 1."),
    ]  # fmt: skip
    agrees(pathways, caseload(1, MENTOR), ON)
    # With a limit of 3 nobody is over it; in another role nobody is counted.
    assert check_frame(to_frame(pathways), caseload(3, MENTOR), on=ON).empty
    assert check_frame(to_frame(pathways), caseload(1, CASEWORKER), on=ON).empty


@pytest.mark.usefixtures("no_objects")
def test_released_closed_and_replaced_staff_do_not_count():
    # s-1 mentors c-1 (4th). c-2: released on the 7th, again from the 9th (that day and
    # position count). c-3: closed on the 8th. c-4: s-1 coordinates from the 5th, replaced
    # by s-2 on the 6th. c-5: s-1 coordinates from the 5th, still. c-6: assigned on the 1st
    # of April, after the day checked. A limit of 1 per role.
    pathways = [
        Pathway.of([referral("c-1"), assign("c-1", 0, "s-1")]),
        Pathway.of([referral("c-2"), assign("c-2", 1, "s-1"), release("c-2", 3, "s-1"),
                    assign("c-2", 5, "s-1")]),
        Pathway.of([referral("c-3"), assign("c-3", 0, "s-1"), closing("c-3", 4)]),
        Pathway.of([referral("c-4"), assign("c-4", 1, "s-1", COORDINATING),
                    assign("c-4", 2, "s-2", COORDINATING)]),
        Pathway.of([referral("c-5"), assign("c-5", 1, "s-1", COORDINATING)]),
        Pathway.of([referral("c-6"), assign("c-6", 28, "s-1")]),
    ]  # fmt: skip
    rules = (*caseload(1, MENTOR).rules, attrs.evolve(caseload(1, COORDINATING).rules[0], id="c"))
    protocol = attrs.evolve(caseload(1, MENTOR), rules=rules)
    # On the 31st: s-1 mentors c-1 (4th) and c-2 (9th), and coordinates c-5 alone.
    found = check_frame(to_frame(pathways), protocol, on=ON)
    assert [(r[0], r[1], r[3], r[4]) for r in rows(found)] == [("c-2", "caseload", (3,), (at(5),))]
    agrees(pathways, protocol, ON)
    # On the 5th: s-1 mentors c-1 and c-3 (4th), then c-2 (5th, its first assignment), and
    # coordinates c-4 and c-5 (both from the 5th, c-4 first by id).
    found = check_frame(to_frame(pathways), protocol, on=at(1))
    assert [(r[0], r[1], r[3], r[4]) for r in rows(found)] == [
        ("c-2", "caseload", (1,), (at(1),)),
        ("c-3", "caseload", (1,), (at(0),)),
        ("c-5", "c", (1,), (at(1),)),
    ]
    assert [r[6].split(". ", 1)[1] for r in rows(found)] == [
        "s-1 took the citizen on 2024-03-05 as number 3; the limit is 1.",
        "s-1 took the citizen on 2024-03-04 as number 2; the limit is 1.",
        "s-1 took the citizen on 2024-03-05 as number 2; the limit is 1.",
    ]
    agrees(pathways, protocol, at(1))


def test_an_assignment_annulled_or_recorded_late_and_an_empty_role():
    # c-1's mentor assignment is annulled; c-2's is recorded on the 10th for the 5th, after a
    # contact on the 8th, so it is the event at position 2; c-3 and c-4 have a caseworker
    # whose role cell is empty, which is read as caseworker (the default role).
    pathways = [
        Pathway.of([referral("c-1"), assign("c-1", 0, "s-1"),
                    make(ev.EventAnnulled, 1, A.JOB_CENTRE, "c-1", recorder="s-1", annuls=1,
                         reason="fejl")]),
        Pathway.of([referral("c-2"), make(ev.ContactMade, 4, A.HEALTH, "c-2"),
                    assign("c-2", 1, "s-1", recorded_on=at(6))]),
        Pathway.of([referral("c-3"), assign("c-3", 0, "s-1")]),
        Pathway.of([referral("c-4"), assign("c-4", 0, "s-9", CASEWORKER),
                    assign("c-4", 2, "s-1", CASEWORKER)]),
        Pathway.of([referral("c-5"), assign("c-5", 1, "s-9", CASEWORKER)]),
    ]  # fmt: skip
    # s-1 mentors c-3 (4th) and c-2 (5th): c-2, at its place 2 in the log, is number 2.
    found = agrees(pathways, caseload(1, MENTOR), ON)
    assert [(r[0], r[3], r[4]) for r in rows(found)] == [("c-2", (2,), (at(1),))]
    assert rows(found)[0][6].endswith("s-1 took the citizen on 2024-03-05 as number 2; "
                                      "the limit is 1.")  # fmt: skip

    def blank_roles(frame):
        frame = frame.astype({"role": object})
        frame.loc[[v == CASEWORKER.code if isinstance(v, str) else False
                   for v in frame["role"]], "role"] = None  # fmt: skip
        return frame

    found = agrees(pathways, caseload(1, CASEWORKER), ON, blank_roles)
    assert [(r[0], r[3], r[4]) for r in rows(found)] == [("c-5", (1,), (at(1),))]


def test_a_staff_id_that_is_not_text_is_refused():
    frame = to_frame([Pathway.of([referral("c-1"), assign("c-1", 0, "s-1")])])
    frame = frame.astype({"staff_id": object})
    frame.loc[1, "staff_id"] = 7
    with pytest.raises(ValidationError, match=r"^rows\[1\]\.staff_id: must be a string$"):
        check_frame(frame, caseload(1, MENTOR), on=ON)


def test_population_rows_are_the_rows_of_the_citizens_counted_today():
    # On the 31st c-1 counts; c-2's mentor was released, c-3's pathway closed, c-4 has a
    # caseworker. On the 4th c-2 and c-3 count too.
    pathways = [
        Pathway.of([referral("c-1"), assign("c-1", 0, "s-1")]),
        Pathway.of([referral("c-2"), assign("c-2", 0, "s-1"), release("c-2", 1, "s-1")]),
        Pathway.of([referral("c-3"), assign("c-3", 0, "s-1"), closing("c-3", 1)]),
        Pathway.of([referral("c-4"), assign("c-4", 0, "s-1", CASEWORKER)]),
    ]
    frame = to_frame(pathways)
    assert population_rows(frame, caseload(1, MENTOR), on=ON).index.tolist() == [0, 1]
    assert population_rows(frame, caseload(1, MENTOR), on=at(0)).index.tolist() == list(range(8))


def test_check_dask_counts_caseloads_across_partitions():
    dd = pytest.importorskip("dask.dataframe")
    check_dask = pytest.importorskip("helhed.distributed").check_dask
    pathways = [
        Pathway.of([referral(f"c-{i}", i), assign(f"c-{i}", i, f"s-{i % 2}"),
                    *([release(f"c-{i}", 9, f"s-{i % 2}")] if i % 3 == 0 else [])])
        for i in range(8)
    ]  # fmt: skip
    frame = to_frame(pathways)
    out = check_dask(dd.from_pandas(frame, npartitions=3), caseload(2, MENTOR), on=ON)
    expected = check_frame(frame, caseload(2, MENTOR), on=ON)
    pd.testing.assert_frame_equal(out, expected)
    # s-0 keeps c-2, c-4 (c-0 and c-6 released): within 2; s-1 keeps c-1, c-5, c-7.
    assert [(r[0], r[4]) for r in rows(out)] == [("c-7", (at(7),))]


# -- the coordinating caseworker ------------------------------------------------------------


@pytest.mark.usefixtures("no_objects")
def test_the_coordinator_is_read_from_the_current_caseworkers():
    # All on activity-ready cash benefit from the 5th. c-1: s-1 coordinating from the 6th,
    # released on the 8th: nobody. c-2: s-2 from the 6th, a mentor released on the 8th: s-2.
    # c-3: s-1 from the 6th replaced by s-2 on the 7th, who is released on the 8th: nobody.
    # c-4: s-1 released on the 7th, then again from the 8th: s-1.
    def pathway(cid, *moves):
        return Pathway.of([referral(cid), make(ev.BenefitChanged, 1, A.JOB_CENTRE, cid,
                                               benefit=Benefit.CASH_BENEFIT_ACTIVITY_READY),
                           *moves])  # fmt: skip

    pathways = [
        pathway("c-1", assign("c-1", 2, "s-1", COORDINATING), release("c-1", 4, "s-1")),
        pathway("c-2", assign("c-2", 2, "s-2", COORDINATING), assign("c-2", 3, "m-1"),
                release("c-2", 4, "m-1")),
        pathway("c-3", assign("c-3", 2, "s-1", COORDINATING),
                assign("c-3", 3, "s-2", COORDINATING), release("c-3", 4, "s-2")),
        pathway("c-4", assign("c-4", 2, "s-1", COORDINATING), release("c-4", 3, "s-1"),
                assign("c-4", 4, "s-1", COORDINATING)),
    ]  # fmt: skip
    found = check_frame(to_frame(pathways), COORDINATING_CASEWORKER, on=ON)
    assert [(r[0], r[1], r[3], r[4]) for r in rows(found)] == [
        ("c-1", "koordinerende-sagsbehandler.tildelt", (1,), (at(1), ON)),
        ("c-3", "koordinerende-sagsbehandler.tildelt", (1,), (at(1), ON)),
        ("c-3", "koordinerende-sagsbehandler.gennemgaaende", (2, 3), (at(2), at(3))),
    ]
    agrees(pathways, COORDINATING_CASEWORKER, ON)


@pytest.mark.usefixtures("no_objects")
def test_the_shipped_rules_of_these_kinds_never_read_objects():
    ips = shipped_protocols()["kobenhavn_ips"]
    protocols = [
        shipped_protocols()["sygedagpenge"],
        shipped_protocols()["koordinerende-sagsbehandler"],
        attrs.evolve(ips, rules=(ips.rule("kobenhavn_ips.caseload"),)),
    ]
    for protocol in protocols:
        assert all(p.columnar for p in evaluation_plan(protocol)), protocol.id
    pathways = [
        Pathway.of([referral(f"c-{i}"), assign(f"c-{i}", 0, "s-1", Role.IPS_CONSULTANT),
                    release(f"c-{i}", 1, "s-1") if i == 0 else assign(f"c-{i}", 1, "s-2"),
                    make(ev.BenefitChanged, 2, A.JOB_CENTRE, f"c-{i}",
                         benefit=Benefit.CASH_BENEFIT_ACTIVITY_READY if i else SICK)])
        for i in range(30)
    ]  # fmt: skip
    # c-0 has no follow-up; c-1 to c-29 no coordinator, and 29 citizens with s-1, 4 too many.
    counts = [len(check_frame(to_frame(pathways), p, on=at(90))) for p in protocols]
    assert counts == [1, 29, 4]


# -- FirstFollowUpByWeek8 -------------------------------------------------------------------

JAN6 = dt.date(2025, 1, 6)  # a Monday; the last day of a spell from it is 2 March 2025


def day(n):
    return JAN6 + dt.timedelta(days=n)


def sick_event(kind, n, cid="c-1", **fields):
    return kind(citizen_id=cid, occurred_on=day(n), recorded_by=A.JOB_CENTRE, **fields)


def benefit(n, value=Benefit.SICKNESS_BENEFIT, cid="c-1"):
    return sick_event(ev.BenefitChanged, n, cid, benefit=value)


def follow_up(n, cid="c-1", kind=ev.ConversationKind.FOLLOW_UP, **fields):
    return sick_event(ev.ConversationHeld, n, cid, conversation=kind, **fields)


def opened(cid="c-1", n=0):
    return sick_event(ev.Referred, n, cid, referral_id="r-1", offer="sygedagpengeopfølgning",
                      to=A.JOB_CENTRE, voluntary=False)  # fmt: skip


def spells(*pathways, on):
    found = agrees(list(pathways), SICKNESS_FOLLOW_UP, on)
    return [(r[0], r[3], r[4]) for r in rows(found)]


@pytest.mark.usefixtures("no_objects")
def test_the_first_follow_up_by_the_last_day_keeps_the_rule():
    # A spell from 6 January 2025: the last day is 6 January + 55 days = 2 March 2025.
    on = dt.date(2025, 6, 30)
    assert spells(Pathway.of([opened(), benefit(0), follow_up(55)]), on=on) == []
    # One day later is late: events (start, conversation), dates (first day, conversation).
    assert spells(Pathway.of([opened(), benefit(0), follow_up(56)]), on=on) == [
        ("c-1", (1, 2), (JAN6, dt.date(2025, 3, 3)))
    ]
    # Only the first follow-up counts; a health conversation or one before the spell does not.
    late = Pathway.of([opened(), follow_up(0, kind=ev.ConversationKind.FOLLOW_UP),
                       benefit(1), follow_up(20, kind=ev.ConversationKind.HEALTH_CONVERSATION),
                       follow_up(60), follow_up(61)])  # fmt: skip
    assert spells(late, on=on) == [("c-1", (2, 4), (day(1), day(60)))]
    found = check_frame(to_frame([late]), SICKNESS_FOLLOW_UP, on=on)
    assert found.loc[0, "text_en"].endswith(
        "Sickness benefit from 2025-01-07; first follow-up conversation on 2025-03-07, "
        "4 days after the last day, 2025-03-03."
    )


@pytest.mark.usefixtures("no_objects")
def test_a_spell_without_a_follow_up():
    running = Pathway.of([opened(), benefit(0)])
    # Missing once the last day has passed: events (start,), dates (first day, last day).
    assert spells(running, on=day(55)) == []
    assert spells(running, on=day(56)) == [("c-1", (1,), (JAN6, day(55)))]
    found = check_frame(to_frame([running]), SICKNESS_FOLLOW_UP, on=day(56))
    assert found.loc[0, "text_en"].endswith(
        "Sickness benefit from 2025-01-06; no follow-up conversation by 2025-03-02."
    )
    # A spell that ends on the last day needs none; one that ends after it does.
    for end in (benefit(55, None), benefit(55, Benefit.CASH_BENEFIT_ACTIVITY_READY)):
        assert spells(Pathway.of([opened(), benefit(0), end]), on=day(200)) == []
    for end in (benefit(56, None), sick_event(ev.PathwayClosed, 56)):
        assert spells(Pathway.of([opened(), benefit(0), end]), on=day(200)) == [
            ("c-1", (1,), (JAN6, day(55)))
        ]
    # A conversation after the spell ended is not its follow-up.
    ended = Pathway.of([opened(), benefit(0), benefit(60, None), follow_up(61)])
    assert spells(ended, on=day(200)) == [("c-1", (1,), (JAN6, day(55)))]


@pytest.mark.usefixtures("no_objects")
def test_spells_start_only_off_sickness_benefit():
    # Sickness benefit again on the 20th is the same spell; after a change to none on the
    # 30th, sickness benefit on the 40th starts a second spell, whose last day is the 95th.
    pathway = Pathway.of([opened(), benefit(0), benefit(20), benefit(30, None), benefit(40),
                          follow_up(96)])  # fmt: skip
    assert spells(pathway, on=day(200)) == [("c-1", (4, 5), (day(40), day(96)))]
    # Without the change to none, the spell from the 6th runs on and the conversation is late.
    pathway = Pathway.of([opened(), benefit(0), benefit(20), benefit(40), follow_up(96)])
    assert spells(pathway, on=day(200)) == [("c-1", (1, 4), (JAN6, day(96)))]


@pytest.mark.usefixtures("no_objects")
def test_spells_from_the_horizon_on_or_before_the_first_row_are_not_judged():
    # 31 January 2026 is judged (last day 27 March 2026); 1 February 2026, the § 12 table's
    # horizon, is not; nor is 18 January 2018, the day before the table's first row.
    def running(first):
        common = {"citizen_id": "c-1", "occurred_on": first, "recorded_by": A.JOB_CENTRE}
        return Pathway.of([
            ev.Referred(**common, referral_id="r-1", offer="s", to=A.JOB_CENTRE, voluntary=False),
            ev.BenefitChanged(**common, benefit=Benefit.SICKNESS_BENEFIT),
        ])  # fmt: skip

    assert spells(running(dt.date(2026, 1, 31)), on=dt.date(2026, 3, 28)) == [
        ("c-1", (1,), (dt.date(2026, 1, 31), dt.date(2026, 3, 27)))
    ]
    assert spells(running(dt.date(2026, 2, 1)), on=dt.date(2026, 9, 1)) == []
    assert spells(running(dt.date(2018, 1, 18)), on=dt.date(2018, 9, 1)) == []
    assert spells(running(dt.date(2018, 1, 19)), on=dt.date(2018, 9, 1)) == [
        ("c-1", (1,), (dt.date(2018, 1, 19), dt.date(2018, 3, 15)))
    ]


def test_a_follow_up_recorded_late_or_annulled():
    # The conversation held on 1 March is recorded on 10 March: it keeps the rule. An
    # annulled conversation is no conversation, so the spell lacks one.
    recorded_late = Pathway.of([opened(), benefit(0), sick_event(ev.ContactMade, 60),
                                follow_up(54, recorded_on=day(63))])  # fmt: skip
    assert spells(recorded_late, on=day(100)) == []
    annulled = Pathway.of([opened(), benefit(0), follow_up(10),
                           sick_event(ev.EventAnnulled, 11, recorder="s-1", annuls=2,
                                      reason="fejl")])  # fmt: skip
    assert spells(annulled, on=day(100)) == [("c-1", (1,), (JAN6, day(55)))]
    # A citizen with no benefit change has no spell; an unknown funding basis is refused.
    assert spells(Pathway.of([opened(), follow_up(3)]), on=day(100)) == []
    frame = to_frame([Pathway.of([opened(), benefit(0)])]).astype({"benefit": object})
    frame.loc[1, "benefit"] = "hemmelig"
    with pytest.raises(ValidationError, match=r"^rows\[1\]\.benefit: "):
        check_frame(frame, SICKNESS_FOLLOW_UP, on=day(100))


# -- properties: the columns equal the object API -------------------------------------------

# Assignments of three staff in three roles, releases, funding bases (sickness benefit among
# them) and conversations (follow-ups among them), days apart; a quarter of pathways closed.
CASELOADS = World(only=frozenset({"assign", "release", "benefit", "conversation"}), step=9)


@st.composite
def cohorts(draw):
    count = draw(st.integers(0, 9))
    return [draw(focused_pathways(f"c-{i}", CASELOADS)) for i in range(count)]


def _protocol(limit, role):
    rules = (*caseload(limit, role).rules, *COORDINATING_CASEWORKER.rules,
             *SICKNESS_FOLLOW_UP.rules)  # fmt: skip
    return attrs.evolve(SICKNESS_FOLLOW_UP, id="all", rules=rules)


@settings(max_examples=200)
@given(cohorts(), st.integers(1, 2), st.sampled_from((MENTOR, CASEWORKER, COORDINATING)),
       st.integers(-2, 200), layouts())  # fmt: skip
def test_caseloads_and_spells_equal_the_object_api(pathways, limit, role, offset, layout):
    agrees(pathways, _protocol(limit, role), at(offset), layout)


_SPELL_EVENTS = ("sick", "sick", "follow_up", "health", "none", "cash", "contact", "annul")


@st.composite
def sick_pathways(draw, cid):
    """A pathway of sickness benefit spells, their ends and conversations, weeks apart.

    Now and then an event is recorded late (it happened up to 40 days before) or annulled;
    an event that cannot be recorded there is left out.
    """
    day = JAN6 + dt.timedelta(days=draw(st.integers(0, 30)))
    pathway = Pathway.of([opened(cid, 0)])
    for _ in range(draw(st.integers(0, 12))):
        day += dt.timedelta(days=draw(st.integers(0, 30)))
        kind = draw(st.sampled_from(_SPELL_EVENTS))
        happened = day - dt.timedelta(days=draw(st.sampled_from((0, 0, 0, 10, 40))))
        common = {"citizen_id": cid, "occurred_on": happened, "recorded_by": A.JOB_CENTRE,
                  "recorded_on": day}  # fmt: skip
        if kind == "annul":
            event = ev.EventAnnulled(**common, recorder="s-1", reason="fejl",
                                     annuls=draw(st.integers(0, len(pathway) - 1)))  # fmt: skip
        elif kind in ("follow_up", "health"):
            conversation = (ev.ConversationKind.FOLLOW_UP if kind == "follow_up"
                            else ev.ConversationKind.HEALTH_CONVERSATION)  # fmt: skip
            event = ev.ConversationHeld(**common, conversation=conversation)
        elif kind == "contact":
            event = ev.ContactMade(**common)
        else:
            value = {"sick": SICK, "none": None, "cash": Benefit.CASH_BENEFIT_ACTIVITY_READY}
            event = ev.BenefitChanged(**common, benefit=value[kind])
        with contextlib.suppress(TransitionError):
            pathway = pathway.append(event)
    if draw(st.integers(0, 4)) == 0:
        day += dt.timedelta(days=draw(st.integers(0, 60)))
        with contextlib.suppress(TransitionError):
            pathway = pathway.append(sick_event(ev.PathwayClosed, (day - JAN6).days, cid))
    return pathway


@settings(max_examples=200)
@given(st.integers(0, 5).flatmap(lambda n: st.tuples(*(sick_pathways(f"c-{i}") for i in range(n)))),
       st.integers(0, 500), layouts())  # fmt: skip
def test_sickness_spells_equal_the_object_api(pathways, offset, layout):
    agrees(list(pathways), SICKNESS_FOLLOW_UP, day(offset), layout)


@settings(max_examples=100)
@given(cohorts(), st.integers(1, 2), st.sampled_from((MENTOR, COORDINATING)), st.integers(0, 200))
def test_population_rows_give_the_caseload_findings(pathways, limit, role, offset):
    # The rows gathered from parts that hold whole pathways find what the whole table finds.
    protocol, on = caseload(limit, role), at(offset)
    frame = to_frame(pathways)
    half = frame["case:concept:name"].isin({p.citizen_id for p in pathways[::2]})
    parts = [population_rows(frame[half], protocol, on=on),
             population_rows(frame[~half], protocol, on=on)]  # fmt: skip
    gathered = pd.concat(parts)
    pd.testing.assert_frame_equal(
        check_frame(gathered, protocol, on=on), check_frame(frame, protocol, on=on)
    )
