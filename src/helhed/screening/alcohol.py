"""Alcohol intake against the Danish Health Authority's guidance, by date.

Intake is counted in *genstande* (units); one unit is 12 g of pure alcohol - a 33 cl beer of
4.6 %, 12 cl of wine or 4 cl of spirits. The guidance has changed, so every answer takes its
date:

* from 1 January 1990, the high-risk limit (højrisikogrænse): more than 14 units a week for
  women and 21 for men (SST1990ALK);
* from 7 March 2022, at most 10 units a week and at most 4 on one day, for women and men
  alike (SST2022ALK).

SST2019 4.3 names drinking *above the high-risk limit* as a risk factor of the low-risk group.
From 7 March 2022 there is one limit, and helhed reads "above the high-risk limit" as above
it (more than 10 a week or more than 4 on a day). The month and day of the 1990 limits are not
known; they are entered as 1 January 1990, and earlier dates raise
[`NoRuleError`][helhed.errors.NoRuleError].

Examples:
    >>> import datetime as dt
    >>> from helhed.screening import Sex
    >>> intake = score([12, 3])
    >>> interpret(intake, on=dt.date(2021, 6, 1), sex=Sex.FEMALE).above_limit
    False
    >>> reading = interpret(intake, on=dt.date(2022, 3, 7))
    >>> reading.above_limit, reading.reasons[0].code
    (True, 'alcohol.weekly_above')
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from decimal import Decimal

import attrs

from helhed._meta import REDACT, SENSITIVE
from helhed._validation import Checker
from helhed._values import frozen_fields, whole_number
from helhed.dated import Rule, RuleTable
from helhed.errors import Problem, ValidationError
from helhed.screening._base import Sex
from helhed.sources import Citation, Reason, Verification

__all__ = [
    "GRAMS_PER_UNIT",
    "GUIDANCE",
    "NAME",
    "TITLE",
    "Guidance",
    "Intake",
    "Reading",
    "interpret",
    "score",
    "units",
    "validate",
]

NAME = "alcohol"
"""The instrument's name in the registry."""

TITLE = "Alkoholindtag (genstande)"
"""What is measured."""

GRAMS_PER_UNIT = 12
"""Grams of pure alcohol in one unit (genstand)."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Guidance:
    """A version of the guidance on alcohol.

    Attributes:
        code: Stable code of the version.
        weekly_women: Units a week above which a woman's intake is over the limit.
        weekly_men: Units a week above which a man's intake is over the limit.
        daily_limit: Units on one day above which intake is over the limit, if there is one.
        label_da: What the limit is called, in Danish.
        label_en: The same in English.
    """

    code: str
    weekly_women: int
    weekly_men: int
    daily_limit: int | None
    label_da: str
    label_en: str

    @property
    def same_for_both(self) -> bool:
        """True if women and men have the same weekly limit."""
        return self.weekly_women == self.weekly_men

    def weekly(self, sex: Sex | None) -> int:
        """The weekly limit for ``sex`` (None only when it is the same for both)."""
        return self.weekly_men if sex is Sex.MALE else self.weekly_women


_OLD = Guidance(
    code="hoejrisiko_1990",
    weekly_women=14,
    weekly_men=21,
    daily_limit=None,
    label_da="højrisikogrænsen",
    label_en="the high-risk limit",
)
_NEW = Guidance(
    code="anbefaling_2022",
    weekly_women=10,
    weekly_men=10,
    daily_limit=4,
    label_da="Sundhedsstyrelsens anbefaling",
    label_en="the Danish Health Authority's recommended maximum",
)

GUIDANCE: RuleTable[str, Guidance] = RuleTable(
    "alcohol guidance",
    (
        Rule(
            "adults",
            dt.date(1990, 1, 1),
            _OLD,
            Citation("SST1990ALK"),
            Verification.VERIFIED,
            note_da="Grænserne (14 genstande om ugen for kvinder, 21 for mænd) er læst i "
            "Sundhedsstyrelsens Genstandsgrænser for voksne (sst.dk). Dagen i 1990 er ikke kendt; "
            "1. januar er brugt.",
            note_en="The limits (14 units a week for women, 21 for men) were read in the Danish "
            "Health Authority's Genstandsgrænser for voksne (sst.dk). The day in 1990 is not "
            "known; 1 January is used.",
        ),
        Rule(
            "adults",
            dt.date(2022, 3, 7),
            _NEW,
            Citation("SST2022ALK"),
            Verification.VERIFIED,
            note_da="Sundhedsstyrelsens notat af 7. marts 2022 og anbefalingssiden om alkohol "
            "(sst.dk).",
            note_en="The Danish Health Authority's note of 7 March 2022 and its page of "
            "recommendations on alcohol (sst.dk).",
        ),
    ),
)
"""The guidance versions by the date they took effect."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Intake:
    """How much a citizen drinks.

    Attributes:
        per_week: Units in a typical week.
        most_in_a_day: The most units on one day in a typical week, if known.
    """

    per_week: Decimal = attrs.field(repr=REDACT, metadata=SENSITIVE)
    most_in_a_day: Decimal | None = attrs.field(default=None, repr=REDACT, metadata=SENSITIVE)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Reading:
    """Intake read against the guidance in force on a day.

    Attributes:
        on: The day.
        guidance: The code of the guidance version used.
        above_limit: True if intake is above the limit of that version.
        reasons: Why, each with its citation.
    """

    on: dt.date
    guidance: str
    above_limit: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    reasons: tuple[Reason, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)


def units(grams: float | Decimal) -> Decimal:
    """Units (genstande) in ``grams`` of pure alcohol: grams / 12.

    Raises:
        ValidationError: If ``grams`` is not a finite number (an int, a float or a Decimal).
    """
    given: object = grams  # any value may come in, whatever the hint says
    if isinstance(given, Decimal):
        finite = given.is_finite()
    elif isinstance(given, numbers.Integral):
        finite = not isinstance(given, bool)
    else:
        finite = isinstance(given, numbers.Real) and math.isfinite(given)
    if not finite:
        raise ValidationError.at("grams", "must be a finite number")
    return Decimal(str(grams)) / GRAMS_PER_UNIT


def _amount(value: object, path: str, problems: list[Problem]) -> Decimal | None:
    """An amount of units: an int, a float or a Decimal; numpy's numbers count as theirs."""
    if type(value) not in {int, float, bool} and isinstance(value, numbers.Real):
        whole = whole_number(value)  # a numpy integer or float, read as plain Python
        value = float(value) if whole is None else whole
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        problems.append(Problem(path, "must be a number of units"))
        return None
    if (isinstance(value, float) and not math.isfinite(value)) or (
        isinstance(value, Decimal) and not value.is_finite()
    ):
        problems.append(Problem(path, "must be a finite number"))
        return None
    amount = Decimal(str(value))
    if amount < 0:
        problems.append(Problem(path, "must be 0 or more"))
        return None
    return amount


def validate(answers: object) -> Intake:
    """Read ``[units a week]`` or ``[units a week, most units on one day]``.

    Raises:
        ValidationError: Naming each bad or missing number; never the value.
    """
    if isinstance(answers, Intake):
        return answers
    if isinstance(answers, (str, bytes)) or not isinstance(answers, (list, tuple)):
        raise ValidationError.at("answers", "must be a list: units a week[, most on one day]")
    if len(answers) not in (1, 2):
        raise ValidationError.at("answers", f"must hold 1 or 2 numbers, not {len(answers)}")
    problems: list[Problem] = []
    week = _amount(answers[0], "answers[0]", problems)
    day = _amount(answers[1], "answers[1]", problems) if len(answers) == 2 else None
    if week is not None and day is not None and day > week:
        problems.append(Problem("answers[1]", "must not exceed the units of the week"))
    if problems or week is None:
        raise ValidationError(problems)
    return Intake(per_week=week, most_in_a_day=day)


def score(answers: object) -> Intake:
    """Validate and return the intake."""
    return validate(answers)


def interpret(result: Intake, *, on: dt.date, sex: Sex | None = None) -> Reading:
    """Is the intake above the limit of the guidance in force on ``on``?

    Before 7 March 2022 the limit is the high-risk limit, which depends on sex; from that day
    it is the recommended maximum of 10 units a week and 4 on one day.

    Raises:
        ValidationError: If ``result`` is not an ``Intake``, ``on`` not a date, or ``sex``
            is needed (before 7 March 2022) and not given.
        NoRuleError: If ``on`` is before 1990.
    """
    check = Checker()
    check.expect(isinstance(result, Intake), "result", "must be an Intake")
    check.day(on, "on")
    check.done()
    hit = GUIDANCE.lookup("adults", on)
    guidance = hit.value
    cite = hit.rule.citation
    if sex is None and not guidance.same_for_both:
        check.fail("sex", f"is needed to read intake against {guidance.label_en} on {on}")
    else:
        check.member(sex, Sex, "sex", optional=True)
    check.done()
    weekly = guidance.weekly(sex)
    reasons: list[Reason] = []
    if result.per_week > weekly:
        reasons.append(
            Reason(
                "alcohol.weekly_above",
                f"Over {weekly} genstande om ugen: over {guidance.label_da}.",
                f"More than {weekly} units a week: above {guidance.label_en}.",
                cite,
            )
        )
    daily = guidance.daily_limit
    if daily is not None and result.most_in_a_day is not None and result.most_in_a_day > daily:
        reasons.append(
            Reason(
                "alcohol.daily_above",
                f"Over {daily} genstande på en dag: over {guidance.label_da}.",
                f"More than {daily} units on one day: above {guidance.label_en}.",
                cite,
            )
        )
    above = bool(reasons)
    if not above:
        reasons.append(
            Reason(
                "alcohol.within",
                f"Inden for {guidance.label_da}.",
                f"Within {guidance.label_en}.",
                cite,
            )
        )
    return Reading(on=on, guidance=guidance.code, above_limit=above, reasons=tuple(reasons))
