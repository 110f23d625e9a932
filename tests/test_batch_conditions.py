"""Named conditions over whole columns (helhed.batch.rules.conditions): each mask answers as
the condition's own ``__call__`` for every row; the rules that use them equal the object API."""

import contextlib
import datetime as dt

import attrs
import numpy as np
import pytest

pytest.importorskip("pandas")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helhed.batch import FINDING_COLUMNS, ObjectPathWarning, check_frame, evaluation_plan
from helhed.batch._table import Table
from helhed.batch.rules import conditions as masks
from helhed.cases.aalborg import AALBORG, FLEX_OFFER, FLEX_REFERRAL
from helhed.cases.kobenhavn_ips import KOBENHAVN_IPS
from helhed.cases.syddjurs import SYDDJURS
from helhed.errors import TransitionError, ValidationError
from helhed.frames import to_frame
from helhed.models.early_detection import EARLY_DETECTION
from helhed.models.specific import SPECIFIC
from helhed.organisation import Administration, Role
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway
from helhed.rules import CONDITIONS as KINDS
from helhed.rules import Protocol, every, forbid, when
from helhed.rules.conditions import (
    FieldIs,
    at_least,
    conversation_first,
    field_is,
    plan_by,
    prepared_first,
    referral_from,
)
from helhed.sources import Citation
from helhed.testing import strategies as hs

A = Administration
C = ev.ConversationKind
PURPOSE = ev.PlanKind.PURPOSE_PLAN
D = dt.date(2024, 3, 4)
ON = dt.date(2024, 4, 30)
CITE = Citation("SST2019", "8.3")
TEXTS = {"citation": CITE, "text_da": "Regel.", "text_en": "Rule."}


def at(days):
    return D + dt.timedelta(days=days)


def make(kind, day=0, by=A.HEALTH, cid="c-1", **fields):
    return kind(citizen_id=cid, occurred_on=at(day), recorded_by=by, **fields)


def referral(cid="c-1", day=0, *, by=A.JOB_CENTRE, **fields):
    fields = {"referral_id": "r-1", "offer": "kursus", "to": A.HEALTH, "voluntary": True} | {
        ("referral_id" if k == "rid" else k): v for k, v in fields.items()
    }
    return make(ev.Referred, day, by, cid, **fields)


def mask(condition, pathways, on=ON):
    """The condition's mask over the table of ``pathways``, row by row in timeline order."""
    return masks.condition_mask(condition, Table(to_frame(pathways), on)).tolist()


def answers(condition, pathways, on=ON):
    """What the condition answers, event by event of each pathway's timeline cut at ``on``."""
    out = []
    for pathway in pathways:
        cut = pathway.until(on)
        out.extend(condition(cut, event) for event in cut.timeline)
    return out


def agrees(pathways, protocol, on):
    """check_frame gives what the object API gives, warning only for the plan's object rules."""
    report = check(pathways, protocol, on=on)
    slow = tuple(p.rule_id for p in evaluation_plan(protocol) if not p.columnar)
    with pytest.warns(ObjectPathWarning) if slow else contextlib.nullcontext():
        found = check_frame(to_frame(pathways), protocol, on=on)
    assert found.attrs["helhed:object_path"] == slow
    rows = [tuple(r) for r in found[list(FINDING_COLUMNS)].itertuples(index=False)]
    expected = [
        (f.citizen_id, f.rule_id, f.severity.code, f.events, f.dates, f.text_da, f.text_en,
         str(f.citation), f.reading)
        for f in report.findings
    ]  # fmt: skip
    assert rows == expected
    return [(r[0], r[1], r[3], r[4]) for r in rows]


# -- worked examples, condition by condition -------------------------------------------------


def test_field_is_worked_example():
    pathway = Pathway.of(
        [
            referral(),
            make(
                ev.PlanCreated, 1, A.JOB_CENTRE, plan_id="p-1", plan_kind=ev.PlanKind.PURPOSE_PLAN
            ),
            make(ev.PlanCreated, 2, A.JOB_CENTRE, plan_id="p-2"),  # an intervention plan
            make(ev.EmployerContacted, 3, A.JOB_CENTRE, reverse_placement=True),
            make(ev.EmployerContacted, 4, A.JOB_CENTRE, reverse_placement=False),
        ]
    )
    assert mask(field_is("plan_kind", ev.PlanKind.PURPOSE_PLAN), [pathway]) == [
        False, True, False, False, False
    ]  # fmt: skip
    # The default kind of plan fills a cell left empty, as from_frame reads it.
    assert mask(field_is("plan_kind", "indsatsplan"), [pathway]) == [
        False, False, True, False, False
    ]  # fmt: skip
    assert mask(field_is("reverse_placement", True), [pathway]) == [
        False, False, False, True, False
    ]  # fmt: skip
    assert mask(field_is("reverse_placement", False), [pathway])[3:] == [False, True]
    assert mask(field_is("recorded_by", A.HEALTH), [pathway]) == [False] * 5
    assert mask(field_is("offer", "kursus"), [pathway]) == [True, False, False, False, False]
    # A value of another type than the field's never equals it; nor does a field not there.
    assert mask(FieldIs(field="offer", value=True), [pathway]) == [False] * 5
    assert mask(FieldIs(field="reverse_placement", value="true"), [pathway]) == [False] * 5
    assert mask(FieldIs(field="occurred_on", value=str(at(0))), [pathway]) == [False] * 5
    # A set field is not a code, whatever it holds.
    assessment = make(ev.AssessmentHeld, 1, professions=frozenset({Role.NURSE}),
                      administrations=frozenset({A.HEALTH}))  # fmt: skip
    pathway = Pathway.of([referral(), assessment])
    assert mask(FieldIs(field="professions", value=Role.NURSE.code), [pathway]) == [False, False]


def test_at_least_worked_example():
    def assessment(day, *roles):
        return make(ev.AssessmentHeld, day, professions=frozenset(roles),
                    administrations=frozenset({A.HEALTH}))  # fmt: skip

    pathway = Pathway.of(
        [
            referral(),
            assessment(1, Role.NURSE),
            assessment(2, Role.NURSE, Role.PSYCHOLOGIST),
            assessment(3, Role.NURSE, Role.PSYCHOLOGIST, Role.MENTOR),
        ]
    )
    assert mask(at_least("professions", 1), [pathway]) == [False, True, True, True]
    assert mask(at_least("professions", 2), [pathway]) == [False, False, True, True]
    assert mask(at_least("professions", 3), [pathway]) == [False, False, False, True]
    assert mask(at_least("administrations", 2), [pathway]) == [False] * 4


def test_referral_from_worked_example():
    pathway = Pathway.of(
        [
            referral(rid="r-1"),  # by the job centre to health
            referral(rid="r-2", by=A.HEALTH, to=A.JOB_CENTRE, day=1),
            make(ev.InterventionStarted, 2, offer="a", referral_id="r-1"),
            make(ev.InterventionStarted, 2, offer="b", referral_id="r-2"),
            make(ev.InterventionStarted, 3, offer="c"),  # names no referral
            make(ev.ContactMade, 4, referral_id="r-1"),
        ]
    )
    condition = referral_from(A.JOB_CENTRE, A.HEALTH)
    assert mask(condition, [pathway]) == [True, False, True, False, False, True]
    assert mask(condition, [pathway]) == answers(condition, [pathway])
    assert mask(referral_from(A.HEALTH, A.JOB_CENTRE), [pathway]) == [
        False, True, False, True, False, False
    ]  # fmt: skip


def test_plan_by_worked_example():
    # p-1 is the job centre's purpose plan, made after a sub-goal that names it (a late
    # recording); p-2 is an intervention plan; p-3 a purpose plan by health.
    pathway = Pathway.of(
        [
            referral(),
            make(ev.PlanCreated, 1, A.JOB_CENTRE, plan_id="p-2"),
            make(ev.PlanCreated, 2, A.HEALTH, plan_id="p-3", plan_kind=ev.PlanKind.PURPOSE_PLAN),
            make(
                ev.PlanCreated, 3, A.JOB_CENTRE, plan_id="p-1", plan_kind=ev.PlanKind.PURPOSE_PLAN
            ),
            make(ev.SubGoalSet, 4, plan_id="p-1", goal_id="g-1"),
            make(ev.SubGoalSet, 4, plan_id="p-2", goal_id="g-1"),
            make(ev.SubGoalSet, 5, plan_id="p-3", goal_id="g-1"),
        ]
    )
    condition = plan_by(ev.PlanKind.PURPOSE_PLAN, A.JOB_CENTRE)
    assert mask(condition, [pathway]) == [False, False, False, True, True, False, False]
    assert mask(condition, [pathway]) == answers(condition, [pathway])
    # On the 6th only the plans made by then are known; p-3 is health's.
    assert mask(condition, [pathway], at(2)) == [False, False, False]
    # Another citizen's plan of the same id does not count.
    other = Pathway.of(
        [referral("c-2"), make(ev.PlanCreated, 1, A.JOB_CENTRE, "c-2", plan_id="p-9"),
         make(ev.SubGoalSet, 2, A.HEALTH, "c-2", plan_id="p-9", goal_id="g-1")]
    )  # fmt: skip
    mine = Pathway.of(
        [referral("c-3"),
         make(ev.PlanCreated, 1, A.JOB_CENTRE, "c-3", plan_id="p-9",
              plan_kind=ev.PlanKind.PURPOSE_PLAN)]
    )  # fmt: skip
    assert mask(condition, [other, mine]) == [False, False, False, False, True]


def test_conversation_first_worked_example():
    # c-1: a start on the 5th, the clarifying conversation on the 6th after a start the same
    # day, then a start later that day. c-2 has no clarifying conversation: all are kept.
    def start(day, offer, cid="c-1", **fields):
        return make(ev.InterventionStarted, day, A.HEALTH, cid, offer=offer, **fields)

    clarifying = make(ev.ConversationHeld, 2, conversation=C.CLARIFYING_CONVERSATION)
    c1 = Pathway.of([referral(), start(1, "a"), start(2, "b"), clarifying, start(2, "c")])
    c2 = Pathway.of(
        [referral("c-2"), start(1, "a", "c-2"),
         make(ev.ConversationHeld, 1, cid="c-2", conversation=C.HEALTH_CONVERSATION)]
    )  # fmt: skip
    condition = conversation_first(C.CLARIFYING_CONVERSATION)
    assert mask(condition, [c1, c2]) == [False, False, False, False, True, True, True, True]
    assert mask(condition, [c1, c2]) == answers(condition, [c1, c2])
    # On the 5th the conversation has not happened: nothing is judged yet.
    assert mask(condition, [c1], at(1)) == [True, True]


def test_conversation_first_reads_the_timeline_and_corrections():
    # The conversation of the 6th is recorded on the 8th, after a start of the 7th: it came
    # first. The annulled conversation of the 5th does not count.
    late = make(ev.ConversationHeld, 2, conversation=C.CLARIFYING_CONVERSATION,
                recorded_on=at(4))  # fmt: skip
    pathway = Pathway.of(
        [
            referral(),
            make(ev.ConversationHeld, 1, conversation=C.CLARIFYING_CONVERSATION),
            make(ev.EventAnnulled, 1, recorder="s-1", annuls=1, reason="fejl"),
            make(ev.InterventionStarted, 3, offer="a"),
            late,
        ]
    )
    condition = conversation_first(C.CLARIFYING_CONVERSATION)
    assert mask(condition, [pathway]) == [False, False, True]  # referral, conversation, start
    assert mask(condition, [pathway]) == answers(condition, [pathway])


def test_prepared_first_worked_example():
    # r-1 is a Flex referral. Its start on the 9th follows a preparatory conversation naming
    # no referral (c-1); one naming another referral does not prepare it (c-2); one after the
    # start does not either (c-3); a start about a referral for another offer is not judged.
    def pathway(cid, *middle, offer=FLEX_REFERRAL):
        return Pathway.of(
            [
                referral(cid, offer=offer),
                referral(cid, rid="r-2"),
                *middle,
                make(ev.InterventionStarted, 5, cid=cid, offer=FLEX_OFFER, referral_id="r-1"),
                make(ev.ConversationHeld, 6, cid=cid, conversation=C.PREPARATORY,
                     referral_id="r-1"),
            ]
        )  # fmt: skip

    def talk(cid, rid=None, kind=C.PREPARATORY):
        return make(ev.ConversationHeld, 1, cid=cid, conversation=kind, referral_id=rid)

    pathways = [
        pathway("c-1", talk("c-1")),
        pathway("c-2", talk("c-2", "r-2")),
        pathway("c-3"),
        pathway("c-4", talk("c-4", "r-1", C.HEALTH_CONVERSATION)),
        pathway("c-5", offer="kursus"),
    ]
    condition = prepared_first(FLEX_REFERRAL, C.PREPARATORY)
    found = mask(condition, pathways)
    assert found == answers(condition, pathways)
    # Per citizen: the Flex referral itself (nothing before it), the other referral, any
    # conversation, the start, the conversation after it.
    assert found == [
        False, True, True, True, True,  # c-1
        False, True, True, False, False,  # c-2
        False, True, False, False,  # c-3
        False, True, False, False, False,  # c-4
        True, True, True, True,  # c-5
    ]  # fmt: skip


# -- every condition, every row of drawn pathways -------------------------------------------

CONDITIONS = [
    *(field_is("plan_kind", k) for k in ev.PlanKind),
    *(field_is("report", k) for k in ev.ReportKind),
    *(field_is("conversation", k) for k in C),
    field_is("reverse_placement", True),
    field_is("reverse_placement", False),
    *(field_is("recorded_by", a) for a in A),
    *(field_is("offer", o) for o in hs.OFFERS),
    field_is("unit", "Sygedagpengehuset"),
    field_is("recorder", "s-1"),
    field_is("voluntary", True),
    FieldIs(field="offer", value=True),
    FieldIs(field="professions", value=Role.NURSE.code),
    *(at_least(f, m) for f in ("professions", "administrations", "categories") for m in (1, 2, 3)),
    *(referral_from(a, b) for a in A for b in A),
    *(plan_by(k, a) for k in ev.PlanKind for a in A),
    *(conversation_first(k) for k in C),
    *(prepared_first(o, k) for o in hs.OFFERS for k in C),
]


def _rows_and_events(pathways, on):
    """The table's rows and, for each, the event of the pathway cut at ``on`` it stands for."""
    table = Table(to_frame(pathways), on)
    cut = {p.citizen_id: p.until(on) for p in pathways}
    placed = {(cid, position): event for cid, p in cut.items() for position, event in p.numbered}
    keys = list(zip(table.names(table.citizen), table.position.tolist(), strict=True))
    assert sorted(keys) == sorted(placed)  # the table holds exactly the cut timelines
    return table, [(cut[cid], placed[cid, position]) for cid, position in keys]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(hs.pathways(max_events=30), max_size=4, unique_by=lambda p: p.citizen_id),
    st.integers(-5, 400),
    st.lists(st.sampled_from(CONDITIONS), min_size=1, max_size=8),
)
def test_each_mask_answers_as_its_condition_on_every_row(pathways, offset, conditions):
    on = (min((p.events[0].occurred_on for p in pathways), default=D)) + dt.timedelta(offset)
    table, events = _rows_and_events(pathways, on)
    for condition in conditions:
        expected = [condition(pathway, event) for pathway, event in events]
        assert masks.condition_mask(condition, table).tolist() == expected, condition


# -- a narrow world, where the shipped protocols' conditions meet often ----------------------

_BY = (A.JOB_CENTRE, A.HEALTH)
_OFFERS = (FLEX_OFFER, "kursus")
_REFERRED = (FLEX_REFERRAL, FLEX_OFFER, "kursus")
_TALKS = (C.PREPARATORY, C.CLARIFYING_CONVERSATION)
_TIMES = (None, None, dt.time(9), dt.time(12))


def _next(draw, state, day, recorded_on=None):  # noqa: PLR0911 - one branch per kind
    one = lambda values: draw(st.sampled_from(values))  # noqa: E731
    maybe = lambda values: draw(st.none() | st.sampled_from(values)) if values else None  # noqa: E731
    common = {"citizen_id": state.citizen_id, "occurred_on": day, "recorded_by": one(_BY),
              "at": one(_TIMES), "recorded_on": recorded_on or day}  # fmt: skip
    referrals = sorted(state.referrals)
    live = [r for r in referrals if state.referrals[r].code != "afslaaet"]
    idle = [o for o in _OFFERS if o not in state.running]
    kinds = ["referred", "conversation", "plan", "employer", "assessment", "conversation"]
    kinds += ["start", "start"] if idle else []
    kinds += ["complete"] if state.running else []
    kinds += ["goal"] if state.plans else []
    kinds += ["review", "report"] if referrals else []
    kind = one(kinds)
    if kind == "referred":
        return ev.Referred(**common, referral_id=f"r-{len(referrals) + 1}", offer=one(_REFERRED),
                           to=one(_BY), voluntary=True)  # fmt: skip
    if kind == "conversation":
        return ev.ConversationHeld(**common, conversation=one(_TALKS), referral_id=maybe(referrals))
    if kind == "plan":
        return ev.PlanCreated(**common, plan_id=f"p-{len(state.plans) + 1}",
                              plan_kind=one(tuple(ev.PlanKind)))  # fmt: skip
    if kind == "employer":
        return ev.EmployerContacted(**common, reverse_placement=draw(st.booleans()))
    if kind == "assessment":
        roles = st.frozensets(st.sampled_from((Role.NURSE, Role.PSYCHOLOGIST)), min_size=1)
        return ev.AssessmentHeld(**common, professions=draw(roles),
                                 administrations=frozenset({A.HEALTH}))  # fmt: skip
    if kind == "start":
        return ev.InterventionStarted(**common, offer=one(idle), referral_id=maybe(live))
    if kind == "complete":
        return ev.InterventionCompleted(**common, offer=one(sorted(state.running)))
    if kind == "goal":
        taken = {g for _, g in state.plan_entries}
        return ev.SubGoalSet(**common, plan_id=one(sorted(state.plans)),
                             goal_id=f"g-{len(taken) + 1}")  # fmt: skip
    if kind == "review":
        return ev.GrantReviewed(**common, referral_id=one(referrals),
                                outcome=one(tuple(ev.GrantOutcome)))  # fmt: skip
    return ev.ReportWritten(**common, report=one(tuple(ev.ReportKind)),
                            referral_id=maybe(referrals))  # fmt: skip


@st.composite
def narrow_pathways(draw, citizen_id):
    """A pathway of the narrow world, with annulments and events recorded late."""
    day = D + dt.timedelta(days=draw(st.integers(0, 10)))
    pathway = Pathway.of([referral(citizen_id, offer=draw(st.sampled_from(_REFERRED)),
                                   rid="r-0", to=draw(st.sampled_from(_BY)))])  # fmt: skip
    for _ in range(draw(st.integers(0, 20))):
        day += dt.timedelta(days=draw(st.integers(0, 3)))
        choice = draw(st.integers(0, 7))
        if choice == 0 and len(pathway) > 1:
            event = ev.EventAnnulled(citizen_id=citizen_id, occurred_on=day, recorded_by=A.HEALTH,
                                     recorder="s-1", annuls=draw(st.integers(0, len(pathway) - 1)),
                                     reason="fejl")  # fmt: skip
        elif choice == 1:
            happened = day - dt.timedelta(days=draw(st.integers(1, 5)))
            event = _next(draw, pathway.state_on(happened), happened, recorded_on=day)
        else:
            event = _next(draw, pathway.state, day)
        with contextlib.suppress(TransitionError):
            pathway = pathway.append(event)
    return pathway


@st.composite
def narrow_cohorts(draw):
    return [draw(narrow_pathways(f"c-{i}")) for i in range(draw(st.integers(0, 5)))]


NARROW_CONDITIONS = [
    field_is("plan_kind", ev.PlanKind.PURPOSE_PLAN),
    field_is("report", ev.ReportKind.FINAL_INTERVENTION_REPORT),
    field_is("reverse_placement", True),
    at_least("professions", 2),
    referral_from(A.JOB_CENTRE, A.HEALTH),
    plan_by(ev.PlanKind.PURPOSE_PLAN, A.JOB_CENTRE),
    conversation_first(C.CLARIFYING_CONVERSATION),
    prepared_first(FLEX_REFERRAL, C.PREPARATORY),
]

PROTOCOLS = [SYDDJURS, AALBORG, KOBENHAVN_IPS, EARLY_DETECTION, SPECIFIC]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(narrow_cohorts(), st.integers(-2, 100))
def test_each_mask_answers_as_its_condition_in_a_narrow_world(pathways, offset):
    table, events = _rows_and_events(pathways, D + dt.timedelta(offset))
    for condition in NARROW_CONDITIONS:
        expected = [condition(pathway, event) for pathway, event in events]
        assert masks.condition_mask(condition, table).tolist() == expected, condition


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(narrow_cohorts(), st.sampled_from(PROTOCOLS), st.integers(-2, 100))
def test_the_protocols_with_conditions_equal_the_object_api(pathways, protocol, offset):
    agrees(pathways, protocol, D + dt.timedelta(offset))


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(hs.pathways(max_events=30), max_size=4, unique_by=lambda p: p.citizen_id),
    st.sampled_from(PROTOCOLS),
    st.integers(-5, 400),
)
def test_the_protocols_equal_the_object_api_over_drawn_pathways(pathways, protocol, offset):
    on = (min((p.events[0].occurred_on for p in pathways), default=D)) + dt.timedelta(offset)
    agrees(pathways, protocol, on)


# -- the shipped rules, worked by hand -------------------------------------------------------


def test_syddjurs_worked_example():
    # c-1 keeps every rule: a grant by the job centre, reviewed by a therapist, a purpose
    # plan, sub-goals under it, the course started, completed and reported on. c-2 starts
    # before the review and without a purpose plan, sets a sub-goal under an intervention
    # plan and writes no final report within the limit.
    def pathway(cid, *, good):
        plan_kind = ev.PlanKind.PURPOSE_PLAN if good else ev.PlanKind.INTERVENTION_PLAN
        review = make(ev.GrantReviewed, 1 if good else 3, A.HEALTH, cid, referral_id="r-1",
                      outcome=ev.GrantOutcome.APPROVED)  # fmt: skip
        events = [
            referral(cid),
            make(ev.PlanCreated, 1, A.JOB_CENTRE, cid, plan_id="p-1", plan_kind=plan_kind),
            make(ev.SubGoalSet, 1, A.HEALTH, cid, plan_id="p-1", goal_id="g-1"),
            review,
            make(ev.InterventionStarted, 2, A.HEALTH, cid, offer="kursus", referral_id="r-1"),
            make(ev.InterventionCompleted, 10, A.HEALTH, cid, offer="kursus"),
        ]
        if good:
            events.append(make(ev.ReportWritten, 11, A.HEALTH, cid, referral_id="r-1",
                               report=ev.ReportKind.FINAL_INTERVENTION_REPORT))  # fmt: skip
        return Pathway.of(sorted(events, key=lambda e: e.occurred_on))

    found = agrees([pathway("c-1", good=True), pathway("c-2", good=False)], SYDDJURS, ON)
    assert found == [
        ("c-2", "syddjurs.sub_goals_under_purpose_plan", (2,), (at(1),)),
        ("c-2", "syddjurs.grant_reviewed_before_start", (3,), (at(2),)),
        ("c-2", "syddjurs.purpose_plan_before_start", (3,), (at(2),)),
        ("c-2", "syddjurs.final_report_after_completion", (5,), (at(10), at(24))),
    ]
    # On the 10th nothing is late yet: the report limit has not passed.
    assert [f[1] for f in agrees([pathway("c-2", good=False)], SYDDJURS, at(10))] == [
        "syddjurs.sub_goals_under_purpose_plan",
        "syddjurs.grant_reviewed_before_start",
        "syddjurs.purpose_plan_before_start",
    ]


def test_aalborg_worked_example():
    # A Flex citizen starts the team course after a preparatory conversation (c-1) or with
    # none (c-2); c-3's conversation was annulled; c-4's start follows a referral for the
    # course itself, which is not judged.
    def pathway(cid, *talks, offer=FLEX_REFERRAL):
        return Pathway.of(
            [
                referral(cid, offer=offer),
                *talks,
                make(ev.InterventionStarted, 5, cid=cid, offer=FLEX_OFFER, referral_id="r-1"),
            ]
        )

    def talk(cid):
        return make(ev.ConversationHeld, 1, cid=cid, conversation=C.PREPARATORY,
                    referral_id="r-1")  # fmt: skip

    annulment = make(ev.EventAnnulled, 2, cid="c-3", recorder="s-1", annuls=1, reason="fejl")
    found = agrees(
        [pathway("c-1", talk("c-1")), pathway("c-2"), pathway("c-3", talk("c-3"), annulment),
         pathway("c-4", offer=FLEX_OFFER)],
        AALBORG,
        ON,
    )  # fmt: skip
    assert found == [
        ("c-2", "aalborg.preparatory_first", (1,), (at(5),)),
        ("c-3", "aalborg.preparatory_first", (3,), (at(5),)),
    ]


def test_ips_and_model3_worked_example():
    employer = [make(ev.EmployerContacted, d, A.JOB_CENTRE, reverse_placement=r)
                for d, r in ((1, True), (2, False))]  # fmt: skip
    found = agrees([Pathway.of([referral(), *employer])], KOBENHAVN_IPS, ON)
    assert found == [("c-1", "kobenhavn_ips.reverse_placement", (2,), (at(2),))]
    # Model 3: a health offer started before the clarifying conversation; the job centre's
    # start is not judged; a start after the conversation keeps the rule.
    pathway = Pathway.of(
        [
            referral(),
            make(ev.InterventionStarted, 1, A.HEALTH, offer="a"),
            make(ev.InterventionStarted, 1, A.JOB_CENTRE, offer="b"),
            make(ev.ConversationHeld, 2, A.JOB_CENTRE, conversation=C.CLARIFYING_CONVERSATION),
            make(ev.InterventionStarted, 3, A.HEALTH, offer="c"),
        ]
    )
    assert agrees([pathway], SPECIFIC, ON) == [("c-1", "model3.clarifying_first", (1,), (at(1),))]


# -- the plan ---------------------------------------------------------------------------------


def test_the_protocols_with_conditions_run_over_columns():
    plans = {p.id: evaluation_plan(p) for p in PROTOCOLS}
    assert {pid: [r.rule_id for r in plan if not r.columnar] for pid, plan in plans.items()} == {
        "syddjurs": [],
        "aalborg": [],
        "kobenhavn_ips": [],
        "model1": [],
        "model3": [],
    }
    every_rule = [r for plan in plans.values() for r in plan if r.kind == "Every"]
    assert len(every_rule) == 5
    assert {r.why for r in every_rule} == {"over whole columns, holds by its condition's mask"}


class _Mine(FieldIs):
    """A subclass of a condition: it may answer differently, so it has no mask."""


def _every(holds, events=None):
    rule = every(events or when(ev.EmployerContacted), holds, failure=("nej.", "no."), id="e",
                 **TEXTS)  # fmt: skip
    return Protocol(id="p", name_da="P", name_en="P", rules=(rule,), citation=CITE)


def test_a_rule_whose_condition_cannot_be_read_over_columns_runs_on_objects():
    def reverse(_, event):
        return event.reverse_placement

    pathways = [Pathway.of([referral(), make(ev.EmployerContacted, 1, reverse_placement=False)])]
    cases = [
        (_every(reverse), "holds is a Python function"),
        (_every(_Mine(field="reverse_placement", value=True)),
         "holds is a _Mine, a subclass of FieldIs, which may answer differently"),
        (_every(field_is("reverse_placement", True),
                when(ev.EmployerContacted, where=_Mine(field="reverse_placement", value=False))),
         "its event match's where is a _Mine, a subclass of FieldIs, which may answer differently"),
    ]  # fmt: skip
    for protocol, why in cases:
        (plan,) = evaluation_plan(protocol)
        assert (plan.columnar, plan.why) == (False, why)
        assert agrees(pathways, protocol, ON) == [("c-1", "e", (1,), (at(1),))]
    # The same rule with its named condition runs over columns and finds the same.
    assert agrees(pathways, _every(field_is("reverse_placement", True)), ON) == [
        ("c-1", "e", (1,), (at(1),))
    ]


def test_a_condition_class_with_fields_not_known_has_no_mask(monkeypatch):
    monkeypatch.setitem(masks.MASK_FIELDS, FieldIs, frozenset({"field"}))
    (plan,) = evaluation_plan(_every(field_is("reverse_placement", True)))
    assert plan.why == "holds is a FieldIs, which has fields the columnar code does not read"
    rule = forbid(when(ev.PlanCreated, where=field_is("plan_kind", "formaalsplan")), id="f",
                  **TEXTS)  # fmt: skip
    protocol = Protocol(id="p", name_da="P", name_en="P", rules=(rule,), citation=CITE)
    assert evaluation_plan(protocol)[0].why == (
        "its event match's where is a FieldIs, which has fields the columnar code does not read"
    )
    with pytest.raises(
        ValidationError, match=r"^condition: must be a named condition with a columnar mask$"
    ):
        masks.condition_mask(field_is("plan_kind", "formaalsplan"), Table(to_frame([]), ON))
    with pytest.raises(ValidationError, match=r"^table: must be a Table$"):
        masks.condition_mask(at_least("professions", 2), to_frame([]))


def test_a_condition_reading_a_field_not_one_value_per_event_has_no_mask(monkeypatch):
    monkeypatch.setattr(masks, "PLAIN_FIELDS", frozenset())
    (plan,) = evaluation_plan(_every(referral_from(A.JOB_CENTRE, A.HEALTH),
                                     when(ev.InterventionStarted)))  # fmt: skip
    assert plan.why == "holds reads referral_id, which is not one plain value per event"


def test_every_condition_kind_has_a_mask_reading_all_its_fields():
    assert set(masks.MASKS) == set(KINDS.values())
    for kind, fields in masks.MASK_FIELDS.items():
        assert fields == {f.name for f in attrs.fields(kind)}, kind.__name__
    assert isinstance(masks.condition_mask(field_is("offer", "a"), Table(to_frame([]), ON)),
                      np.ndarray)  # fmt: skip
