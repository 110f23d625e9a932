"""The built-in synthetic cohort."""

import datetime as dt

from helhed.benefits import Benefit, BenefitStatus, benefit_rules
from helhed.examples import DEMO_DATE, FUNDING_MIX, demo_cohort, funding_mix


def test_the_cohort_is_reproducible_and_sized():
    cohort = demo_cohort(300, seed=3)

    assert cohort == demo_cohort(300, seed=3)
    assert cohort != demo_cohort(300, seed=4)
    assert len({c.id for c in cohort}) == 300


def test_the_mix_moves_abolished_benefits_to_their_successors():
    first = funding_mix(dt.date(2019, 12, 31))
    renamed = funding_mix(dt.date(2020, 1, 1))
    before = funding_mix(dt.date(2025, 6, 30))
    after = funding_mix(dt.date(2025, 7, 1))

    assert first == dict(FUNDING_MIX)
    # Integration benefit's 5 per cent splits between its two new names on 1 January 2020.
    assert Benefit.INTEGRATION_BENEFIT not in renamed
    assert renamed[Benefit.SELF_SUPPORT_RETURN_BENEFIT] == 2.5
    assert renamed[Benefit.TRANSITION_BENEFIT] == 2.5
    assert before == renamed
    assert Benefit.TRANSITION_BENEFIT not in after
    assert Benefit.EDUCATION_BENEFIT_ACTIVITY_READY not in after
    assert after[Benefit.CASH_BENEFIT_ACTIVITY_READY] == 14.0 + 6.0 + 2.5
    assert after[Benefit.CASH_BENEFIT_EDUCATION_READY] == 4.0
    assert sum(after.values()) == sum(FUNDING_MIX.values()) == 100.0


def test_every_citizen_holds_a_benefit_that_exists_on_the_demo_date():
    for citizen in demo_cohort(2000):
        assert citizen.benefit is not None
        assert benefit_rules(citizen.benefit, on=DEMO_DATE).status is not BenefitStatus.ABOLISHED
