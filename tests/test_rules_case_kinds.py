"""The rule kinds of the law, models and cases that moved into helhed.rules: their codes,
their checks of their own fields, and the last days of the calendar."""

import datetime as dt

import pytest

from helhed.cases.kolding import COURSE, KOLDING
from helhed.errors import UnknownNameError, ValidationError
from helhed.organisation import Administration as A  # noqa: N817 - as elsewhere in the tests
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway
from helhed.protocols import PROTOCOLS
from helhed.rules import (
    RULE_KINDS,
    PlanSpansProfessions,
    RescreenedAtEnd,
    Within,
    kind_of,
)
from helhed.sources import Citation

CITE = Citation("SST2019", "6.2")
COMMON = {"id": "x.y", "citation": CITE, "text_da": "Regel.", "text_en": "Rule."}
LAST = dt.date(9999, 12, 31)


def test_every_shipped_rule_is_of_a_kind_with_a_code():
    kinds = {kind_of(rule) for p in PROTOCOLS.values() for rule in p.rules}

    # Every kind is used by a shipped protocol but same_instrument, which model 1 leaves out
    # (SST2019 kap. 6 does not demand it) and a municipality may add as its own reading.
    assert kinds == set(RULE_KINDS) - {"same_instrument"}
    assert all(code == cls.KIND for code, cls in RULE_KINDS.items())


def test_a_subclass_is_not_a_kind_of_its_own():
    class Mine(Within):
        pass

    rule = KOLDING.rules[0]
    assert kind_of(rule) == "precedes"
    mine = Mine(days=1, after=rule.first, expect=rule.then, **COMMON)
    with pytest.raises(UnknownNameError, match="'Mine' is not a rule kind"):
        kind_of(mine)


def test_kolding_rescreening_names_its_course_and_instrument():
    rule = KOLDING.rule("kolding.rescreened")
    assert (rule.offer, rule.instrument, rule.days, rule.title) == (COURSE, "who5", 7, "WHO-5")


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"offer": " ", "instrument": "who5"}, "offer: must not be blank"),
        ({"offer": COURSE, "instrument": "who-5"}, "instrument: must be one of: who5, "),
        ({"offer": COURSE, "instrument": "who5", "days": -1}, "days: must be 0 or more"),
    ],
)
def test_a_rescreening_rule_refuses_bad_fields(fields, problem):
    with pytest.raises(ValidationError, match=problem):
        RescreenedAtEnd(**fields, **COMMON)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"minimum": 0}, "minimum: must be 1 or more"),
        ({"grace_days": 1.5}, "grace_days: must be a whole number"),
    ],
)
def test_a_plan_rule_refuses_bad_fields(fields, problem):
    with pytest.raises(ValidationError, match=problem):
        PlanSpansProfessions(**fields, **COMMON)


def test_windows_that_end_after_the_calendar_are_not_judged_yet():
    def make(kind, **fields):
        return kind(citizen_id="c-1", occurred_on=LAST, recorded_by=A.HEALTH, **fields)

    pathway = Pathway.of([
        make(ev.Referred, referral_id="r-1", offer=COURSE, to=A.HEALTH, voluntary=True),
        make(ev.PlanCreated, plan_id="p-1", plan_kind=ev.PlanKind.INTERVENTION_PLAN),
        make(ev.InterventionStarted, offer=COURSE, referral_id="r-1"),
        make(ev.InterventionCompleted, offer=COURSE, referral_id="r-1"),
    ])  # fmt: skip
    rescreened = RescreenedAtEnd(offer=COURSE, instrument="who5", **COMMON)
    endless = RescreenedAtEnd(offer=COURSE, instrument="who5", days=10**9, **COMMON)
    plans = PlanSpansProfessions(grace_days=3, **COMMON)

    assert list(rescreened.check(pathway, LAST)) == []
    assert list(endless.check(pathway, dt.date(2024, 1, 1))) == []
    assert list(plans.check(pathway, LAST)) == []
    assert check([pathway], KOLDING, on=LAST).findings[0].rule_id == "kolding.screened_first"


def test_a_plan_finding_names_the_plan_in_both_languages():
    rule = PlanSpansProfessions(minimum=3, **COMMON)

    assert rule.detail("p-7", dt.date(2024, 2, 1), 2) == (
        "Plan 'p-7' fra 2024-02-01 har indsatser fra 2 faggruppe(r); mindst 3.",
        "Plan 'p-7' of 2024-02-01 has items of 2 profession(s); at least 3.",
    )
