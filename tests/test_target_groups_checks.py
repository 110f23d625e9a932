"""The checks of target_groups.Assessment: each contradiction between fields and reasons.

An assessment rebuilt from classify's answer loads; changing one field or one reason so that
it no longer agrees with the others is refused with the path and the rule it breaks.
"""

import datetime as dt

import attrs
import pytest

from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.errors import ValidationError
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import HealthChallenge, HealthDomain, HealthProfile, RiskFactor
from helhed.sources import Citation, Reason
from helhed.target_groups import HorizonBasis, classify

ON = dt.date(2024, 5, 1)
BEYOND = dt.date(2027, 1, 1)
BARRIER = HealthChallenge(domain=HealthDomain.MENTAL, current_barrier=True)


def person(benefit=None, assessed=None, **health):
    return Citizen(
        id="c-1", benefit=benefit, health=HealthProfile(**health), assessed_horizon=assessed
    )


# High risk, typical, key person: horizon.current_barrier, group.high, benefit.typical_groups,
# funding.typical, key_person.involve.
HIGH = classify(person(Benefit.CASH_BENEFIT_ACTIVITY_READY, challenges=(BARRIER,)), on=ON)
# Out of scope with a benefit: scope.none, benefit.typical_groups.
NONE = classify(person(Benefit.CASH_BENEFIT_JOB_READY), on=ON)
# Low risk assessed against a barrier on record, no benefit: horizon.assessed,
# horizon.derived_differs, group.low, funding.none.
ASSESSED = classify(person(assessed=HealthImpactHorizon.LONG_TERM, challenges=(BARRIER,)), on=ON)
# A benefit before its rules: horizon.affects_work, group.medium, funding.no_rule, key person.
NO_RULE = classify(person(Benefit.CASH_BENEFIT_EDUCATION_READY, affects_work=True), on=ON)
# No typical group: horizon.lifestyle, group.low, benefit.typical_groups.none.
PENSION = classify(
    person(Benefit.EARLY_RETIREMENT_PENSION, risk_factors=frozenset({RiskFactor.DIET})), on=ON
)
# Beyond known law: ..., benefit.typical_groups, law.beyond_known, funding.typical, key person.
LATER = classify(person(Benefit.FLEX_JOB, challenges=(BARRIER,)), on=BEYOND)

BASIS = "basis: must be ingen exactly when there is no horizon"
BEYOND_NO_BENEFIT = "beyond_known_law: must be false without a funding basis"
GROUP = "group: must be the group the horizon defines, or null without a horizon"
KEY_PERSON = (
    "disability_key_person: must be true exactly when the group's guidance involves the "
    "disability key person"
)
TYPICAL = "typical: must be null without a funding basis or a group"
HORIZON_REASON = (
    "reasons: must give one reason for the horizon, as basis says: horizon.assessed, a finding "
    "of the horizon, or scope.none"
)
DIFFERS = "reasons: may say the derived horizon differs only when the horizon was assessed"
GROUP_REASON = "reasons: must name the group once when there is one, and no group without one"
KEY_PERSON_REASON = (
    "reasons: must involve the disability key person exactly when disability_key_person is true"
)
FUNDING_REASON = (
    "reasons: must say funding.none without a funding basis, funding.typical or "
    "funding.atypical as typical says, and otherwise at most funding.no_rule"
)
GROUPS_REASON = (
    "reasons: must give the typical groups of the funding basis once when a benefit rule was "
    "found, and name groups when typical is given"
)
NO_RULE_BEYOND = "beyond_known_law: must be false when no benefit rule was in force"
BEYOND_REASON = "reasons: must include law.beyond_known exactly when beyond_known_law is true"


def problems(base, **changes):
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(base, **changes)
    return [str(p) for p in caught.value.problems]


def reason(code):
    return Reason(code, "tekst", "text", Citation("SST2019", "kap. 4"))


def with_codes(base, *codes):
    """The reasons of ``base`` with each code given replaced, or added, by a plain reason."""
    kept = {r.code: r for r in base.reasons}
    return tuple(kept.get(code) or reason(code) for code in codes)


def test_every_answer_used_here_loads_again():
    for a in (HIGH, NONE, ASSESSED, NO_RULE, PENSION, LATER):
        assert attrs.evolve(a) == a
    assert [r.code for r in NO_RULE.reasons][2] == "funding.no_rule"
    assert [r.code for r in LATER.reasons][3] == "law.beyond_known"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"citizen_id": "  "}, ["citizen_id: must not be blank"]),
        ({"citizen_id": 7}, ["citizen_id: must be a string"]),
        ({"on": "2024-05-01"}, ["on: must be a date"]),
        ({"benefit": "fleksjob"}, ["benefit: must be a Benefit"]),
        ({"group": "hoejrisiko"}, ["group: must be a RiskGroup"]),
        ({"horizon": 1}, ["horizon: must be a HealthImpactHorizon"]),
        ({"basis": None}, ["basis: must be a HorizonBasis"]),
        ({"typical": 1}, ["typical: must be true or false"]),
        ({"disability_key_person": None}, ["disability_key_person: must be true or false"]),
        ({"beyond_known_law": "no"}, ["beyond_known_law: must be true or false"]),
        ({"reasons": None}, ["reasons: must be a tuple"]),
        ({"reasons": ("group.high",)}, ["reasons[0]: must be a Reason"]),
    ],
)
def test_each_field_of_the_wrong_kind_is_named(changes, expected):
    assert problems(HIGH, **changes) == expected


def test_a_field_of_the_wrong_kind_stops_the_agreement_checks():
    # group LOW would contradict the horizon; a bad basis hides that, a bad id or date does not.
    assert problems(HIGH, basis="udledt", group=RiskGroup.LOW) == ["basis: must be a HorizonBasis"]
    assert problems(HIGH, typical="yes", group=RiskGroup.LOW) == ["typical: must be true or false"]
    assert problems(HIGH, citizen_id="", group=RiskGroup.LOW) == [
        "citizen_id: must not be blank",
        GROUP,
    ]
    assert problems(HIGH, on=None, group=RiskGroup.LOW) == ["on: must be a date", GROUP]
    # Each kind check counts, whichever comes first: a bad benefit beside a good group.
    assert problems(HIGH, benefit="fleksjob", disability_key_person=False) == [
        "benefit: must be a Benefit"
    ]
    assert problems(HIGH, horizon=None, group=None, beyond_known_law=1) == [
        "beyond_known_law: must be true or false"
    ]


def test_bad_reasons_leave_the_field_checks_but_skip_the_reason_checks():
    assert problems(HIGH, reasons=(reason("group.low"), "x"), disability_key_person=False) == [
        "reasons[1]: must be a Reason",
        KEY_PERSON,
    ]


@pytest.mark.parametrize(
    ("base", "changes", "expected"),
    [
        (HIGH, {"basis": HorizonBasis.NONE}, [BASIS]),
        (NONE, {"basis": HorizonBasis.DERIVED}, [BASIS]),
        (HIGH, {"benefit": None, "typical": None, "beyond_known_law": True}, [BEYOND_NO_BENEFIT]),
        (HIGH, {"group": RiskGroup.MEDIUM}, [GROUP]),
        (HIGH, {"group": None}, [GROUP]),
        (NONE, {"group": RiskGroup.LOW}, [GROUP]),
        # The group check stops the checks that read the group.
        (HIGH, {"group": RiskGroup.LOW, "benefit": None}, [GROUP]),
        (HIGH, {"basis": HorizonBasis.NONE, "group": RiskGroup.LOW}, [BASIS, GROUP]),
        (HIGH, {"disability_key_person": False}, [KEY_PERSON]),
        (NONE, {"disability_key_person": True}, [KEY_PERSON]),
        (PENSION, {"disability_key_person": True}, [KEY_PERSON]),
        (HIGH, {"benefit": None}, [TYPICAL]),
        (NONE, {"typical": False}, [TYPICAL]),
        (HIGH, {"disability_key_person": False, "benefit": None}, [KEY_PERSON, TYPICAL]),
    ],
)
def test_fields_that_contradict_each_other(base, changes, expected):
    assert problems(base, **changes) == expected


def test_a_field_contradiction_skips_the_reason_checks():
    # Without the group reason the reasons also disagree, but only the field is named.
    assert problems(HIGH, disability_key_person=False, reasons=HIGH.reasons[2:]) == [KEY_PERSON]


@pytest.mark.parametrize(
    ("base", "codes", "expected"),
    [
        # the horizon: exactly one reason, the one basis says
        (HIGH, ["group.high", "benefit.typical_groups", "funding.typical", "key_person.involve"],
         [HORIZON_REASON]),
        (HIGH, ["horizon.current_barrier", "horizon.lifestyle", "group.high",
                "benefit.typical_groups", "funding.typical", "key_person.involve"],
         [HORIZON_REASON]),
        (HIGH, ["horizon.progressive", "group.high", "benefit.typical_groups",
                "funding.typical", "key_person.involve"], [HORIZON_REASON]),
        (HIGH, ["horizon.assessed", "group.high", "benefit.typical_groups", "funding.typical",
                "key_person.involve"], [HORIZON_REASON]),
        (HIGH, ["scope.none", "group.high", "benefit.typical_groups", "funding.typical",
                "key_person.involve"], [HORIZON_REASON]),
        (ASSESSED, ["horizon.current_barrier", "group.low", "funding.none"], [HORIZON_REASON]),
        (NONE, ["horizon.lifestyle", "benefit.typical_groups"], [HORIZON_REASON]),
        (NONE, ["horizon.assessed", "benefit.typical_groups"], [HORIZON_REASON]),
        # a differing record only beside an assessment
        (HIGH, ["horizon.current_barrier", "horizon.derived_differs", "group.high",
                "benefit.typical_groups", "funding.typical", "key_person.involve"], [DIFFERS]),
        (ASSESSED, ["horizon.assessed", "group.low", "funding.none"], []),
        # the group once
        (HIGH, ["horizon.current_barrier", "benefit.typical_groups", "funding.typical",
                "key_person.involve"], [GROUP_REASON]),
        (HIGH, ["horizon.current_barrier", "group.medium", "benefit.typical_groups",
                "funding.typical", "key_person.involve"], [GROUP_REASON]),
        (HIGH, ["horizon.current_barrier", "group.high", "group.high",
                "benefit.typical_groups", "funding.typical", "key_person.involve"],
         [GROUP_REASON]),
        (NONE, ["scope.none", "group.low", "benefit.typical_groups"], [GROUP_REASON]),
        # the key person exactly when involved
        (HIGH, ["horizon.current_barrier", "group.high", "benefit.typical_groups",
                "funding.typical"], [KEY_PERSON_REASON]),
        (HIGH, ["horizon.current_barrier", "group.high", "benefit.typical_groups",
                "funding.typical", "key_person.involve", "key_person.involve"],
         [KEY_PERSON_REASON]),
        (PENSION, ["horizon.lifestyle", "group.low", "benefit.typical_groups.none",
                   "key_person.involve"], [KEY_PERSON_REASON]),
        # the funding reason as typical says
        (HIGH, ["horizon.current_barrier", "group.high", "benefit.typical_groups",
                "funding.atypical", "key_person.involve"], [FUNDING_REASON]),
        (HIGH, ["horizon.current_barrier", "group.high", "benefit.typical_groups",
                "key_person.involve"], [FUNDING_REASON]),
        (HIGH, ["horizon.current_barrier", "group.high", "benefit.typical_groups",
                "funding.typical", "funding.typical", "key_person.involve"], [FUNDING_REASON]),
        (ASSESSED, ["horizon.assessed", "horizon.derived_differs", "group.low"],
         [FUNDING_REASON]),
        (ASSESSED, ["horizon.assessed", "horizon.derived_differs", "group.low",
                    "funding.no_rule"], [FUNDING_REASON]),
        (PENSION, ["horizon.lifestyle", "group.low", "benefit.typical_groups.none",
                   "funding.none"], [FUNDING_REASON]),
        (PENSION, ["horizon.lifestyle", "group.low", "funding.no_rule"], []),
        # the typical groups once when a rule was found, never without one
        (HIGH, ["horizon.current_barrier", "group.high", "funding.typical",
                "key_person.involve"], [GROUPS_REASON]),
        (HIGH, ["horizon.current_barrier", "group.high", "benefit.typical_groups.none",
                "funding.typical", "key_person.involve"], [GROUPS_REASON]),
        (PENSION, ["horizon.lifestyle", "group.low"], [GROUPS_REASON]),
        (PENSION, ["horizon.lifestyle", "group.low", "benefit.typical_groups.none",
                   "benefit.typical_groups"], [GROUPS_REASON]),
        (NO_RULE, ["horizon.affects_work", "group.medium", "funding.no_rule",
                   "benefit.typical_groups", "key_person.involve"], [GROUPS_REASON]),
        (ASSESSED, ["horizon.assessed", "horizon.derived_differs", "group.low", "funding.none",
                    "benefit.typical_groups"], [GROUPS_REASON]),
        # law.beyond_known exactly when beyond_known_law
        (HIGH, ["horizon.current_barrier", "group.high", "benefit.typical_groups",
                "law.beyond_known", "funding.typical", "key_person.involve"], [BEYOND_REASON]),
        (LATER, ["horizon.current_barrier", "group.high", "benefit.typical_groups",
                 "funding.typical", "key_person.involve"], [BEYOND_REASON]),
        (LATER, ["horizon.current_barrier", "group.high", "benefit.typical_groups",
                 "law.beyond_known", "law.beyond_known", "funding.typical",
                 "key_person.involve"], [BEYOND_REASON]),
    ],
)  # fmt: skip
def test_reasons_that_contradict_the_fields(base, codes, expected):
    reasons = with_codes(base, *codes)
    if not expected:
        assert attrs.evolve(base, reasons=reasons).reasons == reasons
        return
    assert problems(base, reasons=reasons) == expected


def test_no_benefit_rule_cannot_be_beyond_known_law():
    reasons = with_codes(
        NO_RULE,
        "horizon.affects_work",
        "group.medium",
        "funding.no_rule",
        "law.beyond_known",
        "key_person.involve",
    )
    assert problems(NO_RULE, beyond_known_law=True, reasons=reasons) == [NO_RULE_BEYOND]
    # Without no_rule the same flag is fine once the typical groups are named.
    pension = with_codes(
        PENSION, "horizon.lifestyle", "group.low", "benefit.typical_groups.none", "law.beyond_known"
    )
    assert attrs.evolve(PENSION, beyond_known_law=True, reasons=pension).beyond_known_law is True


def test_every_problem_of_the_reasons_is_named_at_once():
    reasons = with_codes(HIGH, "horizon.derived_differs", "law.beyond_known")
    assert problems(HIGH, reasons=reasons) == [
        HORIZON_REASON,
        DIFFERS,
        GROUP_REASON,
        KEY_PERSON_REASON,
        FUNDING_REASON,
        GROUPS_REASON,
        BEYOND_REASON,
    ]
