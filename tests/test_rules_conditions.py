"""Named conditions (helhed.rules.conditions): worked examples, validation, and equality with
the Python functions the shipped protocols used before them."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.cases.aalborg import AALBORG, FLEX_OFFER, FLEX_REFERRAL
from helhed.cases.kobenhavn_ips import KOBENHAVN_IPS
from helhed.cases.syddjurs import SYDDJURS, granted_by_job_centre, under_purpose_plan
from helhed.errors import ValidationError
from helhed.models.early_detection import EARLY_DETECTION
from helhed.models.specific import SPECIFIC
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway
from helhed.rules import CONDITIONS, Every, Match, every, when
from helhed.rules.conditions import (
    AtLeast,
    ConversationFirst,
    FieldIs,
    PlanBy,
    PreparedFirst,
    ReferralFrom,
    at_least,
    conversation_first,
    field_is,
    plan_by,
    prepared_first,
    referral_from,
)
from helhed.sources import Citation
from helhed.testing.strategies import pathways

A = Administration
DAY = dt.date(2024, 3, 4)
CITE = Citation("SST2019", "8.3")
TEXT = {"text_da": "Regel.", "text_en": "Rule."}


def make(kind, days, by, **fields):
    return kind(citizen_id="c-1", occurred_on=DAY + dt.timedelta(days=days), recorded_by=by,
                **fields)  # fmt: skip


def referral(rid="r-1", offer="mentor", by=A.JOB_CENTRE, to=A.HEALTH):
    return make(ev.Referred, 0, by, referral_id=rid, offer=offer, to=to, voluntary=True)


# -- the functions the shipped protocols held before, word for word: the oracles ------------


def _reverse_placement(_, event):
    return isinstance(event, ev.EmployerContacted) and event.reverse_placement


def _enough(minimum):
    def enough(_, event):
        return isinstance(event, ev.AssessmentHeld) and len(event.professions) >= minimum

    return enough


def _granted_by_job_centre(pathway, event):
    rid = getattr(event, "referral_id", None)
    if rid is None:
        return False
    try:
        referral = pathway.referral(rid)
    except KeyError:
        return False
    return referral.recorded_by is A.JOB_CENTRE and referral.to is A.HEALTH


def _under_purpose_plan(pathway, event):
    plan_id = getattr(event, "plan_id", None)
    return any(
        isinstance(e, ev.PlanCreated)
        and e.plan_id == plan_id
        and e.plan_kind is ev.PlanKind.PURPOSE_PLAN
        and e.recorded_by is A.JOB_CENTRE
        for e in pathway.timeline
    )


def _purpose_plan(_, event):
    return isinstance(event, ev.PlanCreated) and event.plan_kind is ev.PlanKind.PURPOSE_PLAN


def _final_report(_, event):
    return (
        isinstance(event, ev.ReportWritten)
        and event.report is ev.ReportKind.FINAL_INTERVENTION_REPORT
    )


def _clarified_first(pathway, event):
    for earlier in pathway.timeline:
        if earlier is event:
            return not any(
                isinstance(later, ev.ConversationHeld)
                and later.conversation is ev.ConversationKind.CLARIFYING_CONVERSATION
                for later in pathway.timeline
            )
        if (
            isinstance(earlier, ev.ConversationHeld)
            and earlier.conversation is ev.ConversationKind.CLARIFYING_CONVERSATION
        ):
            return True
    return True


def _prepared_first(pathway, event):
    rid = getattr(event, "referral_id", None)
    if rid is None:
        return True
    try:
        referral = pathway.referral(rid)
    except KeyError:
        return True
    if referral.offer != FLEX_REFERRAL:
        return True
    for earlier in pathway.timeline:
        if earlier is event:
            return False
        if (
            isinstance(earlier, ev.ConversationHeld)
            and earlier.conversation is ev.ConversationKind.PREPARATORY
            and earlier.referral_id in {None, rid}
        ):
            return True
    return False


# Each condition, the kinds it is used with, and the function it replaced.
REPLACED = [
    (field_is("reverse_placement", True), (ev.EmployerContacted,), _reverse_placement),
    (at_least("professions", 2), (ev.AssessmentHeld,), _enough(2)),
    (at_least("professions", 3), (ev.AssessmentHeld,), _enough(3)),
    (referral_from(A.JOB_CENTRE, A.HEALTH), (ev.Event,), _granted_by_job_centre),
    (plan_by(ev.PlanKind.PURPOSE_PLAN, A.JOB_CENTRE), (ev.Event,), _under_purpose_plan),
    (field_is("plan_kind", ev.PlanKind.PURPOSE_PLAN), (ev.PlanCreated,), _purpose_plan),
    (
        field_is("report", ev.ReportKind.FINAL_INTERVENTION_REPORT),
        (ev.ReportWritten,),
        _final_report,
    ),
    (
        conversation_first(ev.ConversationKind.CLARIFYING_CONVERSATION),
        (ev.Event,),
        _clarified_first,
    ),
    (
        prepared_first(FLEX_REFERRAL, ev.ConversationKind.PREPARATORY),
        (ev.Event,),
        _prepared_first,
    ),
]


@settings(max_examples=60)
@given(pathway=pathways(max_events=20))
def test_each_condition_answers_as_the_function_it_replaced(pathway):
    for condition, kinds, oracle in REPLACED:
        for event in pathway.timeline:
            if isinstance(event, kinds):
                assert condition(pathway, event) is bool(oracle(pathway, event)), condition


def test_the_shipped_protocols_hold_conditions_not_functions():
    everies = [
        rule
        for protocol in (EARLY_DETECTION, SPECIFIC, SYDDJURS, AALBORG, KOBENHAVN_IPS)
        for rule in protocol.rules
        if isinstance(rule, Every)
    ]
    assert len(everies) == 5
    assert all(type(rule.holds) in CONDITIONS.values() for rule in everies)
    assert granted_by_job_centre == referral_from(A.JOB_CENTRE, A.HEALTH)
    assert under_purpose_plan == plan_by(ev.PlanKind.PURPOSE_PLAN, A.JOB_CENTRE)


def test_the_registry_holds_every_condition_by_its_code():
    assert {
        "field_is": FieldIs,
        "at_least": AtLeast,
        "referral_from": ReferralFrom,
        "plan_by": PlanBy,
        "conversation_first": ConversationFirst,
        "prepared_first": PreparedFirst,
    } == CONDITIONS


# -- worked examples ------------------------------------------------------------------------


def test_prepared_first_asks_only_about_referrals_for_its_offer():
    flex = referral("r-1", offer=FLEX_REFERRAL, to=A.HEALTH)
    other = referral("r-2", offer="mentor", to=A.HEALTH)
    start_flex = make(ev.InterventionStarted, 9, A.HEALTH, offer=FLEX_OFFER, referral_id="r-1")
    start_other = make(ev.InterventionStarted, 9, A.HEALTH, offer="mentor", referral_id="r-2")
    unprepared = Pathway.of([flex, other, start_flex, start_other])
    condition = prepared_first(FLEX_REFERRAL, ev.ConversationKind.PREPARATORY)

    assert condition(unprepared, start_flex) is False
    assert condition(unprepared, start_other) is True

    # A preparatory conversation about another referral does not count; one about none does.
    about_other = make(ev.ConversationHeld, 5, A.HEALTH,
                       conversation=ev.ConversationKind.PREPARATORY, referral_id="r-2")  # fmt: skip
    about_none = make(ev.ConversationHeld, 5, A.HEALTH,
                      conversation=ev.ConversationKind.PREPARATORY)  # fmt: skip
    assert not condition(Pathway.of([flex, other, about_other, start_flex]), start_flex)
    assert condition(Pathway.of([flex, other, about_none, start_flex]), start_flex)


def test_conversation_first_judges_only_pathways_with_such_a_conversation():
    opened = referral()
    start = make(ev.InterventionStarted, 3, A.HEALTH, offer="mentor", referral_id="r-1")
    clarifying = make(ev.ConversationHeld, 5, A.HEALTH,
                      conversation=ev.ConversationKind.CLARIFYING_CONVERSATION)  # fmt: skip
    condition = conversation_first(ev.ConversationKind.CLARIFYING_CONVERSATION)

    assert condition(Pathway.of([opened, start]), start)  # no conversation at all
    assert not condition(Pathway.of([opened, start, clarifying]), start)  # it came after
    early = make(ev.ConversationHeld, 1, A.HEALTH,
                 conversation=ev.ConversationKind.CLARIFYING_CONVERSATION)  # fmt: skip
    assert condition(Pathway.of([opened, early, start, clarifying]), start)


def test_field_is_compares_codes_text_and_flags_by_type():
    plan = make(ev.PlanCreated, 1, A.JOB_CENTRE, plan_id="p-1",
                plan_kind=ev.PlanKind.PURPOSE_PLAN)  # fmt: skip
    pathway = Pathway.of([referral(), plan])

    assert field_is("plan_kind", ev.PlanKind.PURPOSE_PLAN)(pathway, plan)
    assert field_is("plan_kind", ev.PlanKind.PURPOSE_PLAN.code)(pathway, plan)
    assert not field_is("plan_id", "p-2")(pathway, plan)
    assert field_is("plan_id", "p-1")(pathway, plan)
    contact = make(ev.EmployerContacted, 2, A.JOB_CENTRE, reverse_placement=True)
    assert field_is("reverse_placement", True)(pathway, contact)
    assert not field_is("reverse_placement", "true")(pathway, contact)


def test_a_match_narrowed_by_a_condition_names_itself():
    purpose = field_is("plan_kind", ev.PlanKind.PURPOSE_PLAN)
    match = when(ev.PlanCreated, where=purpose, name=("formålsplan", "purpose plan"))
    plans = [
        make(ev.PlanCreated, 1, A.JOB_CENTRE, plan_id=f"p-{i}", plan_kind=kind)
        for i, kind in enumerate(ev.PlanKind)
    ]
    pathway = Pathway.of([referral(), *plans])

    assert [match(pathway, plan) for plan in plans] == [False, True]
    assert (match.label_da, match.label_en) == ("formålsplan", "purpose plan")


# -- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "problem"),
    [
        (lambda: FieldIs(field="", value="x"), "field: must not be blank"),
        (lambda: FieldIs(field="offer", value=3), "value: must be text or a flag"),
        (lambda: AtLeast(field="professions", minimum=0), "minimum: must be 1 or more"),
        (lambda: ReferralFrom(recorded_by="jobcenter", to=A.HEALTH), "recorded_by: must be"),
        (lambda: PlanBy(plan_kind="formaalsplan", recorded_by=A.HEALTH), "plan_kind: must be"),
        (lambda: ConversationFirst(conversation=None), "conversation: must be"),
        (
            lambda: PreparedFirst(offer=" ", conversation=ev.ConversationKind.PREPARATORY),
            "offer: must not be blank",
        ),
    ],
)
def test_a_condition_refuses_bad_parameters(build, problem):
    with pytest.raises(ValidationError, match=problem):
        build()


@pytest.mark.parametrize(
    ("condition", "kinds", "problem"),
    [
        (field_is("plan_kind", "x"), (ev.PlanCreated,), r"where\.value: must be a PlanKind code"),
        (field_is("plan_kind", "formaalsplan"), (ev.Referred,), r"is not a field of Referred"),
        (field_is("voluntary", "yes"), (ev.Referred,), r"where\.value: must be true or false"),
        (field_is("offer", True), (ev.Referred,), r"where\.value: must be text"),
        (field_is("occurred_on", "2024-01-01"), (ev.Referred,), r"field: must be a coded, text"),
        (at_least("offer", 1), (ev.Referred,), r"where\.field: must be a set or list field"),
        (field_is("professions", "sygeplejerske"), (ev.AssessmentHeld,), r"field: must be a coded"),
    ],
)  # fmt: skip
def test_a_condition_must_fit_the_kinds_it_is_asked_about(condition, kinds, problem):
    with pytest.raises(ValidationError, match=problem):
        when(*kinds, where=condition)


def test_every_checks_its_condition_against_the_events_it_judges():
    with pytest.raises(ValidationError, match=r"holds\.field: must be a set or list field"):
        every(when(ev.Referred), at_least("professions", 2), failure=("a", "b"), id="x.y",
              citation=CITE, **TEXT)  # fmt: skip
    with pytest.raises(ValidationError, match=r"holds: must be a condition or a function"):
        every(when(ev.Referred), "no", failure=("a", "b"), id="x.y", citation=CITE, **TEXT)


def test_a_match_needs_both_names_or_neither():
    with pytest.raises(ValidationError, match=r"name_en: must be given with the other name"):
        Match(kinds=(ev.Referred,), name_da="henvisning")
    with pytest.raises(ValidationError, match=r"where: must be a condition"):
        Match(kinds=(ev.Referred,), where=_purpose_plan)


@given(st.sampled_from(sorted(CONDITIONS)))
def test_every_condition_kind_carries_its_code(code):
    assert code == CONDITIONS[code].KIND
