"""The built-in synthetic cohort."""

import datetime as dt
import random
from collections import Counter

import attrs

from helhed.benefits import Benefit, BenefitStatus, benefit_rules
from helhed.examples import DEMO_DATE, FUNDING_MIX, demo_cohort, funding_mix, synthetic_citizen
from helhed.sickness import SicknessCategory


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


def test_a_case_drawn_for_category_3_is_category_2_from_1_january_2025():
    # The first draw of random.Random(2) is 0.956...; times the weights' total, 100, it is
    # 95.6, beyond category 1 (45) and 2 (45 + 40 = 85): category 3 under the rule with it.
    # Category 3 ended for visitations from 1 January 2025 (L 74 (2024/25)); the case is then
    # category 2, and the rest of the citizen is drawn the same.
    def drawn(on):
        rng = random.Random(2)  # noqa: S311 - a reproducible draw, not security
        return synthetic_citizen(rng, "c-1", Benefit.SICKNESS_BENEFIT, on=on)

    before = drawn(dt.date(2024, 12, 31))
    after = drawn(dt.date(2025, 1, 1))

    assert before.sickness_category is SicknessCategory.THREE
    assert after.sickness_category is SicknessCategory.TWO
    assert attrs.evolve(before, sickness_category=SicknessCategory.TWO) == after


def test_the_demo_cohort_has_no_category_3_on_the_demo_date():
    def categories(on):
        return Counter(c.sickness_category for c in demo_cohort(2000, on=on) if c.sickness_category)

    assert categories(DEMO_DATE)[SicknessCategory.THREE] == 0
    assert categories(DEMO_DATE)[SicknessCategory.TWO] > 0
    assert categories(dt.date(2024, 12, 31))[SicknessCategory.THREE] > 0
