"""Sickness benefit follow-up categories (visitationskategorier, Sygedagpengeloven § 12).

The municipality places each sickness benefit case in a category:

* **category 1** - full recovery (fuld raskmelding) is expected within 8 weeks counted from
  the first day of absence;
* **category 2** - full recovery is expected later than that;
* **category 3** (until 31 December 2024) - as category 2, and challenges other than health
  (social conditions, for example) affect the return to work, so a cross-disciplinary effort
  is needed (§ 13 d).

(SDL § 12; SST2019 4.2, fn. 8.)

## How the 8 weeks are counted

The first day of absence is day 1, so the 8 weeks are the 56 days from the first day of
absence through the same weekday 8 weeks later, minus one day:
``limit = first_absence_day + 55 days``. A case is category 1 when the expected date of full
recovery - the day the citizen is reported fully fit - is **on or before** that limit, and
category 2 (or 3) from the day after. The same limit is the last day of the first follow-up
conversation (SDL § 13 b, stk. 1; see ``helhed.pathways.sickness_follow_up``).

For a first day of absence on Monday 8 January 2024, the limit is Sunday 3 March 2024:

    >>> import datetime as dt
    >>> eight_week_limit(dt.date(2024, 1, 8))
    datetime.date(2024, 3, 3)
    >>> a = sickness_category(
    ...     first_absence_day=dt.date(2024, 1, 8),
    ...     expected_full_recovery=dt.date(2024, 3, 3),
    ...     other_challenges=False,
    ...     on=dt.date(2024, 1, 15),
    ... )
    >>> a.category.code
    'kategori_1'
    >>> sickness_category(
    ...     first_absence_day=dt.date(2024, 1, 8),
    ...     expected_full_recovery=dt.date(2024, 3, 4),
    ...     other_challenges=True,
    ...     on=dt.date(2024, 1, 15),
    ... ).category.code
    'kategori_3'

## Dates

* From 19 January 2018 (LBK nr. 38): the three categories.
* From 1 January 2025: category 3 is gone. Bill L 74 (2024/25) repeals § 12, stk. 1, nr. 3,
  and rewrites § 13 c so that a sick-listed citizen with challenges besides health *can* get
  a cross-disciplinary effort. A case with other challenges after 8 weeks is category 2, and
  the answer says that such an effort may be offered. Which rule applies is decided by the
  date of the visitation (``on``), not by the first day of absence: the category is a
  decision taken at visitation (§ 12, stk. 2), and no transitional provision was read - this
  is helhed's reading. An assessment made before 1 January 2025 keeps its category 3.
* From 1 February 2026: lov nr. 1750 af 29.12.2025 (in force in two steps, 1 February and
  1 July 2026) changes the follow-up of the sick-listed and phases the categories out; which
  step carries which change was not read, so answers from 1 February 2026 are marked
  ``beyond_known_law``.

The same case visited on 14 January 2025 is category 2, with a cross-disciplinary effort
possible rather than required:

    >>> b = sickness_category(
    ...     first_absence_day=dt.date(2025, 1, 6),
    ...     expected_full_recovery=dt.date(2025, 3, 3),
    ...     other_challenges=True,
    ...     on=dt.date(2025, 1, 14),
    ... )
    >>> b.category.code, b.cross_disciplinary_effort, [r.code for r in b.reasons]
    ('kategori_2', False, ['sickness.beyond_limit', 'sickness.cross_disciplinary_possible'])
"""

from __future__ import annotations

import datetime as dt

import attrs

from helhed._coded import CodedEnum
from helhed._meta import REDACT, SENSITIVE
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.dated import BEYOND_KNOWN_LAW, Horizon, Rule, RuleTable
from helhed.errors import ValidationError
from helhed.sources import Citation, Reason, Verification

__all__ = [
    "SICKNESS_RULES",
    "SicknessAssessment",
    "SicknessCategory",
    "SicknessRule",
    "eight_week_limit",
    "sickness_category",
    "sickness_rule",
]


class SicknessCategory(CodedEnum):
    """A sickness benefit follow-up category (SDL § 12); category 3 only until 31 Dec 2024."""

    ONE = ("kategori_1", "Kategori 1", "Category 1")
    TWO = ("kategori_2", "Kategori 2", "Category 2")
    THREE = ("kategori_3", "Kategori 3 (til 31.12.2024)", "Category 3 (until 31 Dec 2024)")


@attrs.frozen(field_transformer=frozen_fields)
class SicknessRule:
    """The value of a ``SICKNESS_RULES`` row.

    Attributes:
        weeks: Length of the recovery window in weeks, counted from the first day of absence.
        category_3: Whether category 3 exists (SDL § 12, stk. 1, nr. 3): true until
            31 December 2024.
    """

    weeks: int
    category_3: bool = True


_SDL12 = Citation("SDL", "§ 12")
_SDL13C = Citation("L74/2024-25", "§ 1, nr. 10 (SDL § 13 c)")
_KEY = "sdl_12"

SICKNESS_RULES: RuleTable[str, SicknessRule] = RuleTable(
    "sickness_categories",
    (
        Rule(
            _KEY,
            dt.date(2018, 1, 19),
            SicknessRule(weeks=8),
            _SDL12,
            Verification.VERIFIED,
            "Lovteksten, § 12, stk. 1, nr. 1-3 (danskelove.dk/sygedagpengeloven/12).",
            "The law text, § 12, stk. 1, nos. 1-3 (danskelove.dk/sygedagpengeloven/12).",
        ),
        Rule(
            _KEY,
            dt.date(2025, 1, 1),
            SicknessRule(weeks=8, category_3=False),
            Citation("L74/2024-25", "§ 1, nr. 2"),
            Verification.SECONDARY,
            "Indholdet fra lovforslaget som fremsat (ft.dk, L 74 2024/25: »§ 12, stk. 1, "
            "nr. 3, ophæves«; § 13 c nyaffattet). Ikrafttræden 1. januar 2025 fra den "
            "politiske aftale af 14. marts 2024 og lovforslagets tidsplan, som gengivet af et "
            "advokatfirmas nyhedsbrev. Den vedtagne lovs nummer og eventuelle "
            "overgangsregler er ikke læst; reglen gælder efter visitationsdatoen (helhed).",
            "Content from the bill as introduced (ft.dk, L 74 2024/25: § 12, stk. 1, no. 3 "
            "repealed; § 13 c rewritten). In force 1 January 2025 per the political agreement "
            "of 14 March 2024 and the bill's timetable, as a law firm's newsletter gives them. "
            "The adopted law's number and any transitional provision not read; the rule "
            "applies by visitation date (helhed's reading).",
        ),
    ),
    Horizon(
        dt.date(2026, 2, 1),
        Reason(
            BEYOND_KNOWN_LAW,
            "Lov nr. 1750 af 29.12.2025 træder i kraft 1. februar og 1. juli 2026; den "
            "ændrer opfølgningen for sygemeldte (ansatte, der ventes tilbage inden 26 uger, "
            "som udgangspunkt uden kommunal opfølgning; mindst én samtale i det første halve "
            "år for andre), og visitationskategorierne udfases. Hvilken dato hver ændring "
            "har, og den ændrede tekst, er ikke læst og ikke indarbejdet. Anden fase "
            "(ventet 1. januar 2027) var ikke vedtaget, da det sidst blev undersøgt.",
            "Lov nr. 1750 of 29 Dec 2025 takes effect on 1 February and 1 July 2026; it "
            "changes the follow-up of the sick-listed (employees expected back within 26 "
            "weeks as a rule without municipal follow-up; at least one conversation in the "
            "first half year for others) and the follow-up categories are phased out. Which "
            "date each change takes, and the amended text, were not read and are not "
            "encoded. Phase two (expected 1 January 2027) was not adopted when last checked.",
            Citation("L1750/2025"),
        ),
    ),
)
"""The § 12 rule by date: the length of the window, 8 weeks, and whether category 3 exists."""


def sickness_rule(on: dt.date) -> SicknessRule:
    """The § 12 rule in force on ``on`` (the visitation date).

    Raises:
        NoRuleError: If ``on`` is before 19 January 2018.
    """
    return SICKNESS_RULES.lookup(_KEY, on).value


def eight_week_limit(first_absence_day: dt.date, *, on: dt.date | None = None) -> dt.date:
    """The last day of the recovery window that makes a case category 1.

    Args:
        first_absence_day: The first day of absence; it counts as day 1.
        on: The date whose rule applies; defaults to ``first_absence_day``.

    Returns:
        ``first_absence_day`` plus 8 weeks minus one day (55 days).

    Raises:
        ValidationError: If the last day would fall after 9999-12-31, the last date there is.
    """
    return _limit(first_absence_day, SICKNESS_RULES.lookup(_KEY, on or first_absence_day).value)


def _limit(first_absence_day: dt.date, rule: SicknessRule) -> dt.date:
    try:
        return first_absence_day + dt.timedelta(weeks=rule.weeks, days=-1)
    except OverflowError:
        raise ValidationError.at(
            "first_absence_day",
            f"is too late: its {rule.weeks} weeks would end after {dt.date.max.isoformat()}",
        ) from None


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class SicknessAssessment:
    """A sickness benefit case placed in a follow-up category, with reasons.

    Every field but the dates of the rule is health information and is hidden from ``repr``.

    Attributes:
        on: The date of the assessment (visitation).
        first_absence_day: The first day of absence.
        expected_full_recovery: The expected day of full recovery.
        other_challenges: Whether challenges other than health affect the return to work.
        category: The follow-up category.
        eight_week_limit: Last day of the 8-week window (inclusive).
        cross_disciplinary_effort: True for category 3: a cross-disciplinary effort is needed
            (SDL § 13 d). From 1 January 2025 it is never true: such an effort may be offered
            (§ 13 c as amended), which a reason says, but the law no longer requires it.
        beyond_known_law: True if ``on`` lies past the last known change of § 12.
        reasons: The cited explanation.
    """

    on: dt.date
    first_absence_day: dt.date = attrs.field(repr=REDACT, metadata=SENSITIVE)
    expected_full_recovery: dt.date = attrs.field(repr=REDACT, metadata=SENSITIVE)
    other_challenges: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    category: SicknessCategory = attrs.field(repr=REDACT, metadata=SENSITIVE)
    eight_week_limit: dt.date = attrs.field(repr=REDACT, metadata=SENSITIVE)
    cross_disciplinary_effort: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    beyond_known_law: bool
    reasons: tuple[Reason, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)

    def __attrs_post_init__(self) -> None:
        """Check every field, and that the derived fields agree with the dates.

        The rules are those of [`sickness_category`][helhed.sickness.sickness_category]. The
        rule table is not looked up again: ``eight_week_limit`` must close a whole number of
        weeks counted from the first day of absence, and the category and reasons must agree
        with it under the rule with category 3 or the one without, so an assessment made
        under an earlier rule table still loads (a category 3 made in 2024, say).
        """
        check = Checker()
        dates_ok = check.day(self.on, "on")
        dates_ok &= check.day(self.first_absence_day, "first_absence_day")
        dates_ok &= check.day(self.expected_full_recovery, "expected_full_recovery")
        dates_ok &= check.day(self.eight_week_limit, "eight_week_limit")
        flags_ok = check.flag(self.other_challenges, "other_challenges")
        flags_ok &= check.flag(self.cross_disciplinary_effort, "cross_disciplinary_effort")
        flags_ok &= check.flag(self.beyond_known_law, "beyond_known_law")
        flags_ok &= check.member(self.category, SicknessCategory, "category")
        reasons_ok = check.each(self.reasons, Reason, "reasons")
        if dates_ok:
            dates_ok = _check_dates(
                check, self.first_absence_day, self.expected_full_recovery, on=self.on
            )
            window = (self.eight_week_limit - self.first_absence_day).days + 1
            dates_ok &= check.expect(
                window > 0 and window % 7 == 0,
                "eight_week_limit",
                "must be the last day of a whole number of weeks counted from "
                "first_absence_day as day 1",
            )
        if not flags_ok:
            check.done()
            return
        within = self.expected_full_recovery <= self.eight_week_limit if dates_ok else None
        category_3 = self.category is SicknessCategory.THREE
        category_ok = within is None or check.expect(
            self.category
            in {
                _category(within=within, other_challenges=self.other_challenges, category_3=c3)
                for c3 in (True, False)
            },
            "category",
            "must be category 1 when expected_full_recovery is on or before eight_week_limit, "
            "otherwise category 2, or category 3 with other_challenges (until 31 December 2024)",
        )
        category_ok = category_ok and check.expect(
            self.cross_disciplinary_effort is (self.category is SicknessCategory.THREE),
            "cross_disciplinary_effort",
            "must be true exactly for category 3",
        )
        if reasons_ok and category_ok and within is not None:
            expected = _reason_codes(
                within=within,
                other_challenges=self.other_challenges,
                beyond_known_law=self.beyond_known_law,
                category_3=category_3,
            )
            check.expect(
                tuple(r.code for r in self.reasons) == expected,
                "reasons",
                "must be the reasons sickness_category gives: the limit, the other "
                "challenges (for category 2 with other_challenges: "
                "sickness.cross_disciplinary_possible), then law.beyond_known exactly when "
                "beyond_known_law is true",
            )
        check.done()


def _check_dates(
    check: Checker, first_absence_day: dt.date, expected_full_recovery: dt.date, *, on: dt.date
) -> bool:
    """Recovery after the first day of absence, assessment not before it; True if both hold."""
    recovery_ok = check.expect(
        expected_full_recovery > first_absence_day,
        "expected_full_recovery",
        "must be after first_absence_day",
    )
    on_ok = check.expect(on >= first_absence_day, "on", "must not be before first_absence_day")
    return recovery_ok and on_ok


def _category(*, within: bool, other_challenges: bool, category_3: bool) -> SicknessCategory:
    """Category 1 within the window; after it, 3 with other challenges while 3 exists, else 2."""
    if within:
        return SicknessCategory.ONE
    if other_challenges and category_3:
        return SicknessCategory.THREE
    return SicknessCategory.TWO


def _other_code(*, other_challenges: bool, category_3: bool) -> str:
    """The code of the second reason after the window: what the other challenges mean."""
    if not other_challenges:
        return "sickness.health_only"
    return "sickness.other_challenges" if category_3 else "sickness.cross_disciplinary_possible"


def _reason_codes(
    *, within: bool, other_challenges: bool, beyond_known_law: bool, category_3: bool
) -> tuple[str, ...]:
    """The codes of the reasons `sickness_category` gives, in its order.

    ``category_3`` says whether the assessment's category is 3; it matters only after the
    window with other challenges.
    """
    if within:
        codes = ["sickness.within_limit"]
        if other_challenges:
            codes.append("sickness.other_challenges_ignored")
    else:
        codes = ["sickness.beyond_limit"]
        codes.append(_other_code(other_challenges=other_challenges, category_3=category_3))
    if beyond_known_law:
        codes.append(BEYOND_KNOWN_LAW)
    return tuple(codes)


def sickness_category(
    *,
    first_absence_day: dt.date,
    expected_full_recovery: dt.date,
    other_challenges: bool,
    on: dt.date,
) -> SicknessAssessment:
    """Place a sickness benefit case in follow-up category 1, 2 or 3 (SDL § 12).

    Category 3 is answered only for visitations (``on``) before 1 January 2025; from that day
    a case with other challenges after 8 weeks is category 2, and a reason says that a
    cross-disciplinary effort may be offered (SDL § 13 c as amended by L 74 2024/25).

    Args:
        first_absence_day: The first day of absence (day 1 of the 8 weeks).
        expected_full_recovery: The day the citizen is expected to be reported fully fit.
        other_challenges: Whether challenges other than health (e.g. social conditions) affect
            the return to work. It matters only when recovery is expected after 8 weeks.
        on: The date of the assessment (visitation); its rule applies.

    Returns:
        The category with the 8-week limit and cited reasons.

    Raises:
        ValidationError: If a date is not a date, ``other_challenges`` is not a bool, recovery
            is not after the first day of absence, ``on`` is before the first day of absence,
            or the 8 weeks would end after 9999-12-31.
        NoRuleError: If ``on`` is before 19 January 2018.
    """
    check = Checker()
    dates_ok = check.day(first_absence_day, "first_absence_day")
    dates_ok &= check.day(expected_full_recovery, "expected_full_recovery")
    dates_ok &= check.day(on, "on")
    check.flag(other_challenges, "other_challenges")
    if dates_ok:
        _check_dates(check, first_absence_day, expected_full_recovery, on=on)
    check.done()

    hit = SICKNESS_RULES.lookup(_KEY, on)
    weeks = hit.value.weeks
    limit = _limit(first_absence_day, hit.value)
    within = expected_full_recovery <= limit
    category = _category(
        within=within, other_challenges=other_challenges, category_3=hit.value.category_3
    )
    reasons = []
    if within:
        reasons.append(
            Reason(
                "sickness.within_limit",
                f"Fuld raskmelding forventes inden for {weeks} uger regnet fra første fraværsdag "
                f"(senest {limit.isoformat()}).",
                f"Full recovery is expected within {weeks} weeks counted from the first day of "
                f"absence (by {limit.isoformat()}).",
                _SDL12,
            )
        )
        if other_challenges:
            reasons.append(
                Reason(
                    "sickness.other_challenges_ignored",
                    "Andre udfordringer end helbred ændrer ikke kategori 1.",
                    "Challenges other than health do not change category 1.",
                    _SDL12,
                )
            )
    else:
        reasons.append(
            Reason(
                "sickness.beyond_limit",
                f"Fuld raskmelding forventes senere end {weeks} uger regnet fra første "
                f"fraværsdag (efter {limit.isoformat()}).",
                f"Full recovery is expected later than {weeks} weeks counted from the first day "
                f"of absence (after {limit.isoformat()}).",
                _SDL12,
            )
        )
        reasons.append(_other_reason(other_challenges=other_challenges, rule=hit.value))
    if hit.beyond_known_law and SICKNESS_RULES.horizon is not None:
        reasons.append(SICKNESS_RULES.horizon.reason)
    return SicknessAssessment(
        on=on,
        first_absence_day=first_absence_day,
        expected_full_recovery=expected_full_recovery,
        other_challenges=other_challenges,
        category=category,
        eight_week_limit=limit,
        cross_disciplinary_effort=category is SicknessCategory.THREE,
        beyond_known_law=hit.beyond_known_law,
        reasons=tuple(reasons),
    )


def _other_reason(*, other_challenges: bool, rule: SicknessRule) -> Reason:
    """The reason after the window: health only, category 3, or category 3 gone."""
    code = _other_code(other_challenges=other_challenges, category_3=rule.category_3)
    if code == "sickness.health_only":
        return Reason(
            code,
            "Kun helbredet påvirker tilbagevenden til arbejde.",
            "Only health affects the return to work.",
            _SDL12,
        )
    if code == "sickness.other_challenges":
        return Reason(
            code,
            "Andre udfordringer end helbred påvirker tilbagevenden og kræver en tværfaglig "
            "indsats.",
            "Challenges other than health affect the return to work and call for a "
            "cross-disciplinary effort.",
            Citation("SDL", "§ 12, § 13 d"),
        )
    return Reason(
        code,
        "Kategori 3 er ophævet fra 1. januar 2025, så sagen er kategori 2. Andre udfordringer "
        "end helbred kan give en tværfaglig indsats.",
        "Category 3 is repealed from 1 January 2025, so the case is category 2. Challenges "
        "other than health can lead to a cross-disciplinary effort.",
        _SDL13C,
    )
