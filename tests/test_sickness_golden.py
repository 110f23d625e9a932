"""Sickness follow-up categories pinned whole: every reason, every boundary, every check.

Worked by hand from SDL § 12 (SST2019 4.2, fn. 8: "Kategori 1: Sager, hvori en fuld
raskmelding forventes inden for 8 uger regnet fra første fraværsdag. Kategori 2: ... senere
end 8 uger") and bill L 74 (2024/25), which repeals category 3 from 1 January 2025. The 8 weeks
count the first day of absence as day 1, so the last day inside them is the first day plus 55
days: first absence Monday 8 January 2024 (23 days left of January + 29 of February = 52, then
3 March) gives Sunday 3 March 2024.
"""

import datetime as dt

import attrs
import pytest

from helhed.errors import NoRuleError, ValidationError
from helhed.sickness import (
    SicknessCategory,
    eight_week_limit,
    sickness_category,
)
from helhed.sources import Citation, Reason

FIRST = dt.date(2024, 1, 8)
LIMIT = dt.date(2024, 3, 3)
ON = dt.date(2024, 1, 15)
# First absence Monday 6 January 2025: 25 days left of January + 28 of February = 53, so the
# 56th day is Sunday 2 March 2025.
FIRST_2025 = dt.date(2025, 1, 6)
LIMIT_2025 = dt.date(2025, 3, 2)
DAY = dt.timedelta(days=1)

SDL12 = "SDL § 12"
SDL13D = "SDL § 12, § 13 d"
SDL13C = "L74/2024-25 § 1, nr. 10 (SDL § 13 c)"

# Every reason code sickness_category can give: (Danish text, English text, citation), for the
# 2024 worked case (limit 3 March 2024) or, for the 2025 one, limit 2 March 2025.
GOLDEN = {
    "sickness.within_limit": (
        "Fuld raskmelding forventes inden for 8 uger regnet fra første fraværsdag "
        "(senest 2024-03-03).",
        "Full recovery is expected within 8 weeks counted from the first day of absence "
        "(by 2024-03-03).",
        SDL12,
    ),
    "sickness.other_challenges_ignored": (
        "Andre udfordringer end helbred ændrer ikke kategori 1.",
        "Challenges other than health do not change category 1.",
        SDL12,
    ),
    "sickness.beyond_limit": (
        "Fuld raskmelding forventes senere end 8 uger regnet fra første fraværsdag "
        "(efter 2024-03-03).",
        "Full recovery is expected later than 8 weeks counted from the first day of absence "
        "(after 2024-03-03).",
        SDL12,
    ),
    "sickness.health_only": (
        "Kun helbredet påvirker tilbagevenden til arbejde.",
        "Only health affects the return to work.",
        SDL12,
    ),
    "sickness.other_challenges": (
        "Andre udfordringer end helbred påvirker tilbagevenden og kræver en tværfaglig indsats.",
        "Challenges other than health affect the return to work and call for a "
        "cross-disciplinary effort.",
        SDL13D,
    ),
    "sickness.cross_disciplinary_possible": (
        "Kategori 3 er ophævet fra 1. januar 2025, så sagen er kategori 2. Andre udfordringer "
        "end helbred kan give en tværfaglig indsats.",
        "Category 3 is repealed from 1 January 2025, so the case is category 2. Challenges "
        "other than health can lead to a cross-disciplinary effort.",
        SDL13C,
    ),
}


def categorise(recovery, other=False, first=FIRST, on=ON):
    return sickness_category(
        first_absence_day=first, expected_full_recovery=recovery, other_challenges=other, on=on
    )


def golden(code):
    return GOLDEN[code]


def pinned(reason):
    return (reason.text_da, reason.text_en, str(reason.citation))


# (recovery, other challenges, category, cross-disciplinary effort, reason codes), 2024 rules.
CASES_2024 = [
    (FIRST + DAY, False, SicknessCategory.ONE, False, ["sickness.within_limit"]),
    (LIMIT - DAY, False, SicknessCategory.ONE, False, ["sickness.within_limit"]),
    (LIMIT, False, SicknessCategory.ONE, False, ["sickness.within_limit"]),
    (
        LIMIT,
        True,
        SicknessCategory.ONE,
        False,
        ["sickness.within_limit", "sickness.other_challenges_ignored"],
    ),
    (
        LIMIT + DAY,
        False,
        SicknessCategory.TWO,
        False,
        ["sickness.beyond_limit", "sickness.health_only"],
    ),
    (
        LIMIT + DAY,
        True,
        SicknessCategory.THREE,
        True,
        ["sickness.beyond_limit", "sickness.other_challenges"],
    ),
    (
        dt.date(2024, 12, 31),
        True,
        SicknessCategory.THREE,
        True,
        ["sickness.beyond_limit", "sickness.other_challenges"],
    ),
]


@pytest.mark.parametrize(("recovery", "other", "category", "effort", "codes"), CASES_2024)
def test_each_2024_case_pinned_whole(recovery, other, category, effort, codes):
    a = categorise(recovery, other=other)

    assert (a.on, a.first_absence_day, a.expected_full_recovery, a.other_challenges) == (
        ON,
        FIRST,
        recovery,
        other,
    )
    assert (a.category, a.cross_disciplinary_effort, a.eight_week_limit) == (
        category,
        effort,
        LIMIT,
    )
    assert a.beyond_known_law is False
    assert [r.code for r in a.reasons] == codes
    assert [pinned(r) for r in a.reasons] == [golden(c) for c in codes]


def test_the_2025_reasons_name_the_2025_limit_and_the_repeal():
    a = categorise(LIMIT_2025 + DAY, other=True, first=FIRST_2025, on=FIRST_2025)
    within = categorise(LIMIT_2025, other=True, first=FIRST_2025, on=FIRST_2025)

    assert (a.category, a.cross_disciplinary_effort, a.eight_week_limit) == (
        SicknessCategory.TWO,
        False,
        LIMIT_2025,
    )
    assert [(r.code, *pinned(r)) for r in a.reasons] == [
        (
            "sickness.beyond_limit",
            "Fuld raskmelding forventes senere end 8 uger regnet fra første fraværsdag "
            "(efter 2025-03-02).",
            "Full recovery is expected later than 8 weeks counted from the first day of "
            "absence (after 2025-03-02).",
            SDL12,
        ),
        ("sickness.cross_disciplinary_possible", *golden("sickness.cross_disciplinary_possible")),
    ]
    assert within.category is SicknessCategory.ONE
    assert within.reasons[0].text_en.endswith("(by 2025-03-02).")
    assert within.reasons[1] == Reason(
        "sickness.other_challenges_ignored",
        *golden("sickness.other_challenges_ignored")[:2],
        Citation("SDL", "§ 12"),
    )


def test_health_only_after_the_window_is_unchanged_by_the_repeal():
    a = categorise(LIMIT_2025 + DAY, first=FIRST_2025, on=FIRST_2025)

    assert a.category is SicknessCategory.TWO
    assert [pinned(r) for r in a.reasons][1] == golden("sickness.health_only")


@pytest.mark.parametrize(
    ("on", "category", "effort", "second"),
    [
        (dt.date(2024, 12, 31), SicknessCategory.THREE, True, "sickness.other_challenges"),
        (dt.date(2025, 1, 1), SicknessCategory.TWO, False, "sickness.cross_disciplinary_possible"),
    ],
)
def test_the_repeal_boundary_by_visitation_date(on, category, effort, second):
    # Absent from Monday 2 December 2024: the limit is Sunday 26 January 2025.
    a = categorise(dt.date(2025, 1, 27), other=True, first=dt.date(2024, 12, 2), on=on)

    assert (a.category, a.cross_disciplinary_effort) == (category, effort)
    assert a.eight_week_limit == dt.date(2025, 1, 26)
    assert [r.code for r in a.reasons] == ["sickness.beyond_limit", second]


@pytest.mark.parametrize(
    ("on", "beyond"), [(dt.date(2026, 1, 31), False), (dt.date(2026, 2, 1), True)]
)
def test_beyond_known_law_from_1_february_2026_on_both_sides(on, beyond):
    first = dt.date(2026, 1, 5)  # Monday; 26 days left of January + 28 of February + 1 March
    a = categorise(dt.date(2026, 3, 2), first=first, on=on)

    assert a.eight_week_limit == dt.date(2026, 3, 1)
    assert a.beyond_known_law is beyond
    codes = ["sickness.beyond_limit", "sickness.health_only"]
    assert [r.code for r in a.reasons] == [*codes, "law.beyond_known"][: 2 + beyond]
    if beyond:
        assert str(a.reasons[-1].citation) == "L1750/2025"
        assert "lov nr. 1750" in a.reasons[-1].text_da.lower()


def test_the_rule_table_begins_on_19_january_2018():
    first = dt.date(2018, 1, 15)
    a = categorise(dt.date(2018, 3, 1), first=first, on=dt.date(2018, 1, 19))

    assert a.eight_week_limit == dt.date(2018, 3, 11)  # 16 days of January + 28 + 11
    assert a.category is SicknessCategory.ONE
    with pytest.raises(NoRuleError):
        categorise(dt.date(2018, 3, 1), first=first, on=dt.date(2018, 1, 18))


def test_the_limit_uses_the_rule_of_on_when_given():
    # A first day before the rules with a visitation date inside them still has a limit.
    first = dt.date(2017, 12, 4)
    assert eight_week_limit(first, on=dt.date(2018, 1, 19)) == dt.date(2018, 1, 28)
    with pytest.raises(NoRuleError):
        eight_week_limit(first)
    with pytest.raises(NoRuleError):
        eight_week_limit(FIRST, on=dt.date(2018, 1, 18))
    assert eight_week_limit(FIRST, on=dt.date(2030, 1, 1)) == LIMIT


@pytest.mark.parametrize(("on", "ok"), [(FIRST - DAY, False), (FIRST, True)])
def test_the_visitation_may_be_on_the_first_day_of_absence_not_before(on, ok):
    if ok:
        assert categorise(LIMIT, on=on).on == FIRST
        return
    with pytest.raises(ValidationError) as caught:
        categorise(LIMIT, on=on)
    assert [str(p) for p in caught.value.problems] == ["on: must not be before first_absence_day"]


def test_recovery_on_the_first_day_is_refused_with_every_problem_named():
    with pytest.raises(ValidationError) as caught:
        categorise(FIRST, on=FIRST - DAY)
    assert [str(p) for p in caught.value.problems] == [
        "expected_full_recovery: must be after first_absence_day",
        "on: must not be before first_absence_day",
    ]


def test_each_bad_type_is_named_and_the_dates_are_not_compared():
    with pytest.raises(ValidationError) as caught:
        sickness_category(
            first_absence_day=FIRST,
            expected_full_recovery="2024-03-03",
            other_challenges=1,
            on=None,
        )
    assert [str(p) for p in caught.value.problems] == [
        "expected_full_recovery: must be a date",
        "on: must be a date",
        "other_challenges: must be true or false",
    ]


# --- the constructor's checks -----------------------------------------------------------------


def valid(**changes):
    return attrs.evolve(categorise(LIMIT + DAY, other=True), **changes)


def problems(**changes):
    with pytest.raises(ValidationError) as caught:
        valid(**changes)
    return [str(p) for p in caught.value.problems]


CATEGORY_MESSAGE = (
    "category: must be category 1 when expected_full_recovery is on or before eight_week_limit, "
    "otherwise category 2, or category 3 with other_challenges (until 31 December 2024)"
)
REASONS_MESSAGE = (
    "reasons: must be the reasons sickness_category gives: the limit, the other challenges "
    "(for category 2 with other_challenges: sickness.cross_disciplinary_possible), then "
    "law.beyond_known exactly when beyond_known_law is true"
)
WEEKS_MESSAGE = (
    "eight_week_limit: must be the last day of a whole number of weeks counted from "
    "first_absence_day as day 1"
)
EFFORT_MESSAGE = "cross_disciplinary_effort: must be true exactly for category 3"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"on": "2024-01-15"}, ["on: must be a date"]),
        ({"first_absence_day": None}, ["first_absence_day: must be a date"]),
        ({"expected_full_recovery": 3}, ["expected_full_recovery: must be a date"]),
        ({"eight_week_limit": "x"}, ["eight_week_limit: must be a date"]),
        ({"other_challenges": "yes"}, ["other_challenges: must be true or false"]),
        ({"cross_disciplinary_effort": 1}, ["cross_disciplinary_effort: must be true or false"]),
        ({"beyond_known_law": None}, ["beyond_known_law: must be true or false"]),
        ({"category": "kategori_3"}, ["category: must be a SicknessCategory"]),
        ({"reasons": None}, ["reasons: must be a tuple"]),
        ({"reasons": ("sickness.beyond_limit",)}, ["reasons[0]: must be a Reason"]),
        (
            {"expected_full_recovery": FIRST},
            ["expected_full_recovery: must be after first_absence_day"],
        ),
        ({"on": FIRST - DAY}, ["on: must not be before first_absence_day"]),
        ({"eight_week_limit": FIRST - DAY}, [WEEKS_MESSAGE]),
        ({"eight_week_limit": LIMIT - DAY}, [WEEKS_MESSAGE]),
        ({"eight_week_limit": LIMIT + DAY}, [WEEKS_MESSAGE]),
        (
            {"category": SicknessCategory.ONE, "cross_disciplinary_effort": False},
            [CATEGORY_MESSAGE],
        ),
        ({"cross_disciplinary_effort": False}, [EFFORT_MESSAGE]),
        ({"other_challenges": False}, [CATEGORY_MESSAGE]),
        ({"beyond_known_law": True}, [REASONS_MESSAGE]),
        ({"reasons": ()}, [REASONS_MESSAGE]),
    ],
)
def test_the_constructor_names_each_contradiction(changes, expected):
    assert problems(**changes) == expected


def test_a_bad_date_skips_the_category_but_not_the_effort_check():
    # Without dates there is no window to place the case in; the effort still follows category.
    assert problems(on=None, cross_disciplinary_effort=False) == [
        "on: must be a date",
        EFFORT_MESSAGE,
    ]
    assert problems(eight_week_limit=LIMIT - DAY, category=SicknessCategory.ONE) == [
        WEEKS_MESSAGE,
        EFFORT_MESSAGE,
    ]


def test_a_bad_flag_stops_the_checks_that_read_it():
    # A non-bool other_challenges cannot place the case; only the type is named.
    assert problems(other_challenges=None, category=SicknessCategory.ONE) == [
        "other_challenges: must be true or false"
    ]
    assert problems(category=None, cross_disciplinary_effort=False) == [
        "category: must be a SicknessCategory"
    ]


def test_bad_reasons_skip_the_reason_check_but_not_the_category_check():
    assert problems(
        reasons=None, category=SicknessCategory.ONE, cross_disciplinary_effort=False
    ) == [
        "reasons: must be a tuple",
        CATEGORY_MESSAGE,
    ]


def test_a_wrong_category_or_effort_skips_the_checks_after_it():
    assert problems(category=SicknessCategory.ONE, beyond_known_law=True) == [CATEGORY_MESSAGE]
    # Category 2 fits the dates (the 2025 answer) but not the effort of category 3.
    assert problems(category=SicknessCategory.TWO, beyond_known_law=True) == [EFFORT_MESSAGE]


def test_the_constructor_accepts_each_answer_and_other_windows_of_whole_weeks():
    for recovery, other, *_ in CASES_2024:
        a = categorise(recovery, other=other)
        assert attrs.evolve(a) == a
    later = categorise(LIMIT_2025 + DAY, other=True, first=FIRST_2025, on=FIRST_2025)
    assert attrs.evolve(later) == later
    beyond = categorise(dt.date(2026, 3, 2), first=dt.date(2026, 1, 5), on=dt.date(2026, 2, 1))
    assert attrs.evolve(beyond) == beyond
    # A category 3 made in 2024 still loads with a 2025 visitation date (earlier rule table).
    assert valid(on=dt.date(2025, 6, 1)).category is SicknessCategory.THREE
    # A window of one week (first day + 6) is whole; recovery after it is category 2 or 3.
    short = valid(eight_week_limit=FIRST + dt.timedelta(days=6))
    assert short.category is SicknessCategory.THREE
    # A window of 9 weeks covers 4 March; the case is then category 1.
    nine = dt.date(2024, 3, 10)
    within = categorise(LIMIT, other=True)
    assert attrs.evolve(within, eight_week_limit=nine).eight_week_limit == nine
    assert problems(eight_week_limit=nine) == [CATEGORY_MESSAGE]


def test_category_2_with_other_challenges_needs_the_2025_reason():
    # Category 2 after the window with other challenges is the 2025 answer; with the 2024
    # reason (category 3's) it contradicts itself.
    assert problems(category=SicknessCategory.TWO, cross_disciplinary_effort=False) == [
        REASONS_MESSAGE
    ]
    later = categorise(LIMIT_2025 + DAY, other=True, first=FIRST_2025, on=FIRST_2025)
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(later, category=SicknessCategory.THREE, cross_disciplinary_effort=True)
    assert [str(p) for p in caught.value.problems] == [REASONS_MESSAGE]


def test_the_reason_check_follows_the_window_and_the_other_challenges():
    within = categorise(LIMIT, other=True)
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(within, reasons=within.reasons[:1])
    assert [str(p) for p in caught.value.problems] == [REASONS_MESSAGE]
    health_only = categorise(LIMIT + DAY)
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(health_only, reasons=valid().reasons)
    assert [str(p) for p in caught.value.problems] == [REASONS_MESSAGE]
    beyond = categorise(dt.date(2026, 3, 2), first=dt.date(2026, 1, 5), on=dt.date(2026, 2, 1))
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(beyond, reasons=beyond.reasons[:2])
    assert [str(p) for p in caught.value.problems] == [REASONS_MESSAGE]
