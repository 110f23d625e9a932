"""Sickness benefit follow-up categories (SDL § 12; SST2019 4.2, fn. 8).

The 8 weeks count from the first day of absence as day 1, so the last day inside them is the
first day plus 55 days. First absence Monday 8 January 2024: day 56 is Sunday 3 March 2024.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.errors import NoRuleError, ValidationError
from helhed.sickness import (
    SICKNESS_RULES,
    SicknessCategory,
    eight_week_limit,
    sickness_category,
    sickness_rule,
)
from helhed.testing import strategies as hs

REPEAL = dt.date(2025, 1, 1)  # L 74 (2024/25): category 3 repealed
FIRST = dt.date(2024, 1, 8)
LIMIT = dt.date(2024, 3, 3)
ON = dt.date(2024, 1, 15)


def categorise(recovery, other=False, first=FIRST, on=ON):
    return sickness_category(
        first_absence_day=first, expected_full_recovery=recovery, other_challenges=other, on=on
    )


def test_the_limit_is_day_56_counted_from_the_first_day_of_absence():
    assert eight_week_limit(FIRST) == LIMIT
    assert (LIMIT - FIRST).days + 1 == 56
    assert LIMIT.weekday() == 6  # a Sunday, the end of the 8th week that began on a Monday


def test_recovery_on_the_last_day_of_the_8_weeks_is_category_1():
    a = categorise(LIMIT)

    assert a.category is SicknessCategory.ONE
    assert a.eight_week_limit == LIMIT
    assert a.cross_disciplinary_effort is False
    assert [r.code for r in a.reasons] == ["sickness.within_limit"]
    assert str(a.reasons[0].citation) == "SDL § 12"


def test_recovery_the_day_after_the_8_weeks_is_category_2():
    a = categorise(LIMIT + dt.timedelta(days=1))

    assert a.category is SicknessCategory.TWO
    assert [r.code for r in a.reasons] == ["sickness.beyond_limit", "sickness.health_only"]


def test_other_challenges_after_8_weeks_make_category_3_with_a_cross_disciplinary_effort():
    a = categorise(LIMIT + dt.timedelta(days=1), other=True)

    assert a.category is SicknessCategory.THREE
    assert a.cross_disciplinary_effort is True
    assert str(a.reasons[1].citation) == "SDL § 12, § 13 d"


def test_other_challenges_do_not_change_category_1():
    a = categorise(LIMIT, other=True)

    assert a.category is SicknessCategory.ONE
    assert [r.code for r in a.reasons] == [
        "sickness.within_limit",
        "sickness.other_challenges_ignored",
    ]


def test_the_limit_over_a_leap_day():
    # 1 Feb 2024 + 55 days crosses 29 Feb 2024: 28 days of February left + 27 of March.
    assert dt.date(2024, 3, 27) == eight_week_limit(dt.date(2024, 2, 1))


def test_every_problem_with_the_input_is_named_at_once():
    with pytest.raises(ValidationError) as err:
        sickness_category(
            first_absence_day="2024-01-08",
            expected_full_recovery=FIRST,
            other_challenges="no",
            on=ON,
        )
    assert [p.path for p in err.value.problems] == ["first_absence_day", "other_challenges"]


def test_recovery_must_follow_the_first_day_of_absence():
    with pytest.raises(
        ValidationError, match="expected_full_recovery: must be after first_absence_day"
    ):
        categorise(FIRST)


def test_assessment_cannot_precede_the_absence():
    with pytest.raises(ValidationError, match="on: must not be before first_absence_day"):
        categorise(LIMIT, on=FIRST - dt.timedelta(days=1))


def test_no_rule_before_19_january_2018():
    with pytest.raises(NoRuleError, match="2018-01-19"):
        categorise(dt.date(2018, 3, 1), first=dt.date(2018, 1, 10), on=dt.date(2018, 1, 18))


def test_from_1_february_2026_the_answer_is_beyond_known_law():
    before = categorise(dt.date(2026, 2, 1), first=dt.date(2026, 1, 20), on=dt.date(2026, 1, 31))
    after = categorise(dt.date(2026, 2, 2), first=dt.date(2026, 1, 20), on=dt.date(2026, 2, 1))

    assert before.beyond_known_law is False
    assert after.beyond_known_law is True
    assert after.reasons[-1].code == "law.beyond_known"
    assert after.category is before.category is SicknessCategory.ONE


def test_repr_hides_the_health_facts():
    assert "2024" not in repr(categorise(LIMIT, on=dt.date(2030, 1, 1)))


@given(first=hs.dates(max_value=dt.date(2029, 1, 1)), days=st.integers(1, 400), other=st.booleans())
def test_category_follows_the_number_of_days_to_recovery(first, days, other):
    a = categorise(first + dt.timedelta(days=days), other=other, first=first, on=first)

    assert a.eight_week_limit == first + dt.timedelta(days=55)
    if days <= 55:
        assert a.category is SicknessCategory.ONE
    else:
        three = other and first < REPEAL
        assert a.category is (SicknessCategory.THREE if three else SicknessCategory.TWO)
        assert a.cross_disciplinary_effort is three


# --- category 3 repealed from 1 January 2025 (bill L 74 2024/25, § 1, nr. 2) ------------------
# First day of absence Monday 6 January 2025: day 56 is Sunday 2 March 2025 (6 Jan + 55 days:
# 25 days left of January, 28 of February, then 2 March).
FIRST_2025 = dt.date(2025, 1, 6)
LIMIT_2025 = dt.date(2025, 3, 2)


def test_the_2025_limit_worked_by_hand():
    assert eight_week_limit(FIRST_2025) == LIMIT_2025
    assert LIMIT_2025.weekday() == 6


def test_from_1_january_2025_other_challenges_give_category_2_and_a_possible_effort():
    a = categorise(
        LIMIT_2025 + dt.timedelta(days=1), other=True, first=FIRST_2025, on=dt.date(2025, 1, 14)
    )

    assert a.category is SicknessCategory.TWO
    assert a.cross_disciplinary_effort is False
    assert [r.code for r in a.reasons] == [
        "sickness.beyond_limit",
        "sickness.cross_disciplinary_possible",
    ]
    assert str(a.reasons[0].citation) == "SDL § 12"
    assert str(a.reasons[1].citation) == "L74/2024-25 § 1, nr. 10 (SDL § 13 c)"
    assert "kan give en tværfaglig indsats" in a.reasons[1].text_da


def test_the_visitation_date_decides_not_the_first_day_of_absence():
    # Absent from Monday 2 December 2024: 29 days to 31 December, 26 more to Sunday 26 January.
    first = dt.date(2024, 12, 2)
    assert eight_week_limit(first) == dt.date(2025, 1, 26)
    recovery = dt.date(2025, 4, 1)

    on_31_december = categorise(recovery, other=True, first=first, on=dt.date(2024, 12, 31))
    on_1_january = categorise(recovery, other=True, first=first, on=REPEAL)

    assert on_31_december.category is SicknessCategory.THREE
    assert on_31_december.cross_disciplinary_effort is True
    assert on_1_january.category is SicknessCategory.TWO
    assert on_1_january.cross_disciplinary_effort is False


def test_2025_answers_without_other_challenges_are_unchanged():
    health_only = categorise(LIMIT_2025 + dt.timedelta(days=1), first=FIRST_2025, on=FIRST_2025)
    within = categorise(LIMIT_2025, other=True, first=FIRST_2025, on=FIRST_2025)

    assert health_only.category is SicknessCategory.TWO
    assert [r.code for r in health_only.reasons] == [
        "sickness.beyond_limit",
        "sickness.health_only",
    ]
    assert within.category is SicknessCategory.ONE
    assert [r.code for r in within.reasons] == [
        "sickness.within_limit",
        "sickness.other_challenges_ignored",
    ]


def test_the_rows_and_what_they_rest_on():
    old, new = SICKNESS_RULES.rows
    assert (old.valid_from, old.value.category_3, old.verification.code) == (
        dt.date(2018, 1, 19),
        True,
        "verificeret",
    )
    assert (new.valid_from, new.value.category_3, new.verification.code) == (
        REPEAL,
        False,
        "sekundaer_kilde",
    )
    assert str(new.citation) == "L74/2024-25 § 1, nr. 2"
    assert "ikke læst" in new.note_da
    assert "not read" in new.note_en
    assert old.note_en
    assert old.note_da
    assert sickness_rule(dt.date(2024, 12, 31)).category_3 is True
    assert sickness_rule(REPEAL).category_3 is False
    assert sickness_rule(REPEAL).weeks == 8


def test_the_horizon_names_lov_1750_and_both_of_its_dates():
    horizon = SICKNESS_RULES.horizon
    assert horizon.starts == dt.date(2026, 2, 1)
    assert str(horizon.reason.citation) == "L1750/2025"
    assert "1 February and 1 July 2026" in horizon.reason.text_en
    assert "26" in horizon.reason.text_en


@pytest.mark.parametrize("first", [dt.date(9999, 11, 6), dt.date(9999, 12, 31)])
def test_an_eight_week_limit_after_the_last_date_is_a_validation_error(first):
    # 9999-11-06 + 55 days = 9999-12-31, the last date there is; a day later cannot be counted.
    assert eight_week_limit(dt.date(9999, 11, 5)) == dt.date(9999, 12, 30)
    if first == dt.date(9999, 11, 6):
        assert eight_week_limit(first) == dt.date(9999, 12, 31)
        return
    with pytest.raises(ValidationError) as caught:
        eight_week_limit(first)
    assert str(caught.value) == (
        "first_absence_day: is too late: its 8 weeks would end after 9999-12-31"
    )
    with pytest.raises(ValidationError):
        sickness_category(
            first_absence_day=dt.date(9999, 12, 1),
            expected_full_recovery=dt.date(9999, 12, 30),
            other_challenges=False,
            on=dt.date(9999, 12, 2),
        )
