"""Target-group classification against worked examples from SST2019 chapter 4."""

import datetime as dt

import attrs
import pytest
from hypothesis import given

from helhed.benefits import Benefit, rule_boundaries
from helhed.citizens import Citizen
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import (
    HealthChallenge,
    HealthDomain,
    HealthProfile,
    ProgressiveCondition,
    RiskFactor,
)
from helhed.target_groups import GUIDANCE, HorizonBasis, OfferArea, classify, derive_horizon
from helhed.testing import strategies as hs

ON = dt.date(2024, 5, 1)
BARRIER = HealthChallenge(domain=HealthDomain.MENTAL, current_barrier=True)
PARKINSONS = HealthChallenge(
    domain=HealthDomain.PHYSICAL, progressive=True, condition=ProgressiveCondition.PARKINSONS
)


def citizen(benefit=None, **health):
    return Citizen(id="c-1", benefit=benefit, health=HealthProfile(**health))


def codes(assessment):
    return [r.code for r in assessment.reasons]


def test_a_current_barrier_puts_an_activity_ready_recipient_in_the_high_risk_group_typically():
    a = classify(citizen(Benefit.CASH_BENEFIT_ACTIVITY_READY, challenges=(BARRIER,)), on=ON)

    assert a.group is RiskGroup.HIGH
    assert a.horizon is HealthImpactHorizon.CURRENT
    assert a.basis is HorizonBasis.DERIVED
    assert a.typical is True
    assert a.disability_key_person is True
    assert codes(a) == [
        "horizon.current_barrier",
        "group.high",
        "benefit.typical_groups",
        "funding.typical",
        "key_person.involve",
    ]
    assert [str(r.citation) for r in a.reasons] == [
        "SST2019 4.1",
        "SST2019 4.1",
        "SST2019 4.1",
        "SST2019 4.1",
        "SST2019 4.1",
    ]


def test_a_progressive_condition_not_yet_limiting_is_medium_risk():
    a = classify(citizen(Benefit.CASH_BENEFIT_JOB_READY, challenges=(PARKINSONS,)), on=ON)

    assert (a.group, a.typical) == (RiskGroup.MEDIUM, True)
    assert codes(a)[0] == "horizon.progressive"


def test_health_showing_in_work_life_is_medium_risk():
    a = classify(
        citizen(
            Benefit.SICKNESS_BENEFIT, risk_factors=frozenset({RiskFactor.SLEEP}), affects_work=True
        ),
        on=ON,
    )

    assert (a.group, a.typical) == (RiskGroup.MEDIUM, True)
    assert codes(a)[0] == "horizon.affects_work"


def test_drug_use_is_medium_risk_because_only_42_names_it():
    a = classify(
        citizen(Benefit.INSURED_UNEMPLOYMENT_BENEFIT, risk_factors=frozenset({RiskFactor.DRUGS})),
        on=ON,
    )

    assert a.group is RiskGroup.MEDIUM
    assert codes(a)[0] == "horizon.drugs"


# SST2019 4.2: "risikofaktorerne: rygning, problematisk alkoholforbrug, stofbrug, fysisk
# aktivitet, søvn og mental sundhed"; 4.3 names of these three only "alkoholindtag over
# højrisikogrænsen", "manglende søvn/uhensigtsmæssige søvnmønstre" and "begyndende
# mistrivsel/nedsat mental sundhed". Each of the three alone is 4.2's, so medium risk.
@pytest.mark.parametrize("factor", [RiskFactor.ALCOHOL, RiskFactor.SLEEP, RiskFactor.MENTAL_HEALTH])
def test_alcohol_sleep_or_mental_health_alone_is_medium_risk_as_42_names_them(factor):
    a = classify(citizen(Benefit.CASH_BENEFIT_JOB_READY, risk_factors=frozenset({factor})), on=ON)

    assert (a.group, a.horizon, a.basis) == (
        RiskGroup.MEDIUM,
        HealthImpactHorizon.SHORT_TO_MEDIUM_TERM,
        HorizonBasis.DERIVED,
    )
    # Job-ready cash benefit is typical of the medium-risk group (4.2: "typisk jobparate").
    assert (a.typical, a.disability_key_person) == (True, True)
    assert codes(a) == [
        "horizon.medium_risk_factor",
        "group.medium",
        "benefit.typical_groups",
        "funding.typical",
        "key_person.involve",
    ]
    assert str(a.reasons[0].citation) == "SST2019 4.2"
    assert "helhed's reading" in a.reasons[0].text_en
    assert "helheds læsning" in a.reasons[0].text_da


def test_a_42_factor_among_lifestyle_factors_makes_the_group_medium():
    # Smoking and diet alone are 4.3's (low); sleep, named by 4.2, brings the horizon nearer.
    a = classify(
        citizen(risk_factors=frozenset({RiskFactor.SMOKING, RiskFactor.DIET, RiskFactor.SLEEP})),
        on=ON,
    )

    assert a.group is RiskGroup.MEDIUM
    assert codes(a)[0] == "horizon.medium_risk_factor"


def test_drug_use_keeps_its_own_reason_when_a_42_factor_is_also_recorded():
    a = classify(citizen(risk_factors=frozenset({RiskFactor.DRUGS, RiskFactor.ALCOHOL})), on=ON)

    assert a.group is RiskGroup.MEDIUM
    assert codes(a)[0] == "horizon.drugs"


def test_a_professional_long_term_assessment_of_mental_health_prevails():
    # A professional who judges the lesser form 4.3 names (beginning low well-being) records
    # a long-term horizon; it places the citizen in the low-risk group and notes the record.
    person = attrs.evolve(
        citizen(risk_factors=frozenset({RiskFactor.MENTAL_HEALTH})),
        assessed_horizon=HealthImpactHorizon.LONG_TERM,
    )
    a = classify(person, on=ON)

    assert a.group is RiskGroup.LOW
    assert codes(a)[:3] == ["horizon.assessed", "horizon.derived_differs", "group.low"]


@pytest.mark.parametrize(
    ("factors", "horizon"),
    [
        ({RiskFactor.SMOKING}, HealthImpactHorizon.LONG_TERM),
        ({RiskFactor.PHYSICAL_ACTIVITY}, HealthImpactHorizon.LONG_TERM),
        ({RiskFactor.DIET}, HealthImpactHorizon.LONG_TERM),
        ({RiskFactor.ALCOHOL}, HealthImpactHorizon.SHORT_TO_MEDIUM_TERM),
        ({RiskFactor.SLEEP}, HealthImpactHorizon.SHORT_TO_MEDIUM_TERM),
        ({RiskFactor.MENTAL_HEALTH}, HealthImpactHorizon.SHORT_TO_MEDIUM_TERM),
        ({RiskFactor.DRUGS}, HealthImpactHorizon.SHORT_TO_MEDIUM_TERM),
    ],
)
def test_each_risk_factor_alone_derives_the_horizon_of_the_section_read(factors, horizon):
    assert derive_horizon(HealthProfile(risk_factors=frozenset(factors))) is horizon


def test_an_unhealthy_lifestyle_alone_is_low_risk():
    a = classify(
        citizen(
            Benefit.CASH_BENEFIT_JOB_READY,
            risk_factors=frozenset({RiskFactor.SMOKING, RiskFactor.DIET}),
        ),
        on=ON,
    )

    assert (a.group, a.typical, a.disability_key_person) == (RiskGroup.LOW, True, False)
    assert "key_person.involve" not in codes(a)


def test_a_challenge_with_no_effect_on_work_is_low_risk():
    a = classify(citizen(challenges=(HealthChallenge(domain=HealthDomain.PHYSICAL),)), on=ON)

    assert a.group is RiskGroup.LOW
    assert codes(a)[0] == "horizon.challenge_without_effect"


def test_nothing_recorded_is_out_of_scope():
    a = classify(citizen(Benefit.CASH_BENEFIT_JOB_READY, sick_days=3), on=ON)

    assert (a.group, a.horizon, a.typical, a.in_scope) == (None, None, None, False)
    assert a.basis is HorizonBasis.NONE
    assert a.guidance is None
    assert codes(a)[0] == "scope.none"


def test_a_job_ready_recipient_with_a_current_barrier_is_high_risk_but_atypical():
    a = classify(citizen(Benefit.CASH_BENEFIT_JOB_READY, challenges=(BARRIER,)), on=ON)

    assert (a.group, a.typical) == (RiskGroup.HIGH, False)
    assert "funding.atypical" in codes(a)


def test_a_sickness_benefit_recipient_can_be_typical_of_the_high_and_the_medium_group():
    high = classify(citizen(Benefit.SICKNESS_BENEFIT, challenges=(BARRIER,)), on=ON)
    medium = classify(citizen(Benefit.SICKNESS_BENEFIT, challenges=(PARKINSONS,)), on=ON)
    low = classify(
        citizen(Benefit.SICKNESS_BENEFIT, risk_factors=frozenset({RiskFactor.SMOKING})), on=ON
    )

    assert (high.typical, medium.typical, low.typical) == (True, True, False)


def test_the_professional_assessment_prevails_and_a_disagreement_is_noted():
    person = attrs.evolve(
        citizen(Benefit.FLEX_JOB, risk_factors=frozenset({RiskFactor.SMOKING})),
        assessed_horizon=HealthImpactHorizon.CURRENT,
    )
    a = classify(person, on=ON)

    assert (a.group, a.basis, a.typical) == (RiskGroup.HIGH, HorizonBasis.ASSESSED, True)
    assert codes(a)[:3] == ["horizon.assessed", "horizon.derived_differs", "group.high"]


def test_no_funding_basis_leaves_typicality_open():
    a = classify(citizen(challenges=(BARRIER,)), on=ON)

    assert (a.group, a.typical) == (RiskGroup.HIGH, None)
    assert "funding.none" in codes(a)


def test_a_funding_basis_tied_to_no_group_leaves_typicality_open():
    a = classify(citizen(Benefit.EARLY_RETIREMENT_PENSION, challenges=(BARRIER,)), on=ON)

    assert a.typical is None
    assert "benefit.typical_groups.none" in codes(a)


def test_an_abolished_benefit_is_explained_and_leaves_typicality_open():
    a = classify(
        citizen(Benefit.INTEGRATION_BENEFIT, challenges=(BARRIER,)), on=dt.date(2025, 7, 1)
    )

    assert a.typical is None
    assert codes(a)[2] == "benefit.status.ophaevet"


def test_a_date_before_every_rule_still_gets_an_assessment():
    a = classify(citizen(Benefit.FLEX_JOB, challenges=(BARRIER,)), on=dt.date(2010, 1, 1))

    assert (a.group, a.typical) == (RiskGroup.HIGH, None)
    assert "funding.no_rule" in codes(a)


def test_beyond_known_law_is_carried_into_the_assessment():
    a = classify(citizen(Benefit.FLEX_JOB, challenges=(BARRIER,)), on=dt.date(2027, 1, 1))

    assert a.beyond_known_law is True
    assert "law.beyond_known" in codes(a)


def test_guidance_per_group_follows_sst2019_41_to_43():
    high, medium, low = (GUIDANCE[g] for g in RiskGroup)

    assert OfferArea.DRUGS not in high.offer_areas
    assert OfferArea.DRUGS in medium.offer_areas
    assert OfferArea.DRUGS in low.offer_areas
    assert len(high.offer_areas) == 5
    assert (high.parallel_with_company_offers, medium.parallel_with_company_offers) == (True, False)
    assert (
        high.disability_key_person,
        medium.disability_key_person,
        low.disability_key_person,
    ) == (
        True,
        True,
        False,
    )
    assert [str(g.citation) for g in (high, medium, low)] == [
        "SST2019 4.1",
        "SST2019 4.2",
        "SST2019 4.3",
    ]


def test_repr_hides_everything_derived_from_health():
    a = classify(citizen(Benefit.FLEX_JOB, challenges=(BARRIER,)), on=ON)

    assert "HIGH" not in repr(a)
    assert "hoejrisiko" not in repr(a)
    assert "barrier" not in repr(a)


@given(hs.citizens(), hs.dates(min_value=dt.date(2000, 1, 1)))
def test_classify_is_total_and_deterministic(person, on):
    first = classify(person, on=on)

    assert first == classify(person, on=on)
    assert first.reasons
    assert (first.group is None) == (first.horizon is None)
    assert first.typical is None or first.group is not None


@given(hs.citizens(), hs.benefits(), hs.dates())
def test_the_group_follows_health_never_the_funding_basis(person, other, on):
    a = classify(person, on=on)
    b = classify(attrs.evolve(person, benefit=other, sickness_category=None), on=on)

    assert (a.group, a.horizon, a.basis) == (b.group, b.horizon, b.basis)


def _segment(citizen, on):
    if citizen.benefit is None:
        return 0
    return sum(1 for b in rule_boundaries(citizen.benefit) if b <= on)


@given(
    hs.citizens(), hs.dates(min_value=dt.date(2010, 1, 1)), hs.dates(min_value=dt.date(2010, 1, 1))
)
def test_only_crossing_a_rule_boundary_changes_an_assessment(person, a, b):
    first, second = classify(person, on=a), classify(person, on=b)

    if _segment(person, a) == _segment(person, b):
        assert attrs.evolve(first, on=b) == second


@given(hs.health_profiles())
def test_derived_horizon_matches_classification_without_an_assessment(health):
    a = classify(Citizen(id="x", health=health), on=ON)

    assert derive_horizon(health) is a.horizon
    assert (a.horizon is None) is (not health.has_findings)


@pytest.mark.parametrize("group", list(RiskGroup))
def test_each_group_is_defined_by_its_horizon(group):
    assert group.horizon.group is group
    assert group.section == {"HIGH": "4.1", "MEDIUM": "4.2", "LOW": "4.3"}[group.name]
