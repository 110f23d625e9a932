"""What every questionnaire instrument shares: answers, scores, bands and interpretations.

An instrument module (``who5``, ``audit``, ``audit_c``) has the same functions:

* ``validate(answers)`` returns the answers as a tuple of whole numbers, or raises
  [`ValidationError`][helhed.errors.ValidationError] naming every bad item - a missing answer,
  a value out of range, the wrong number of answers. Nothing is imputed.
* ``score(answers)`` validates and returns a [`Score`][helhed.screening.Score].
* ``interpret(result, on=date)`` places the score in a [`Band`][helhed.screening.Band] and says
  what it suggests, with cited reasons.

Scores and interpretations are health data: their numbers never show in a ``repr``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK, REDACT, SENSITIVE
from helhed._validation import Checker, with_article
from helhed._values import frozen_fields, whole_number
from helhed.errors import Problem, ValidationError
from helhed.sources import Citation, Reason

__all__ = ["Band", "Bands", "Interpretation", "Score", "Sex", "check_answers", "check_result"]


class Sex(CodedEnum):
    """Sex, where an instrument's cut-off depends on it (AUDIT-C, the older alcohol limits)."""

    FEMALE = ("kvinde", "Kvinde", "Female")
    MALE = ("mand", "Mand", "Male")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Score:
    """The score of one completed questionnaire.

    Attributes:
        instrument: The instrument's registry name, e.g. ``who5``.
        answers: The answers, item 1 first.
        total: The sum of the item scores (the raw score).
        scaled: The score on the instrument's reporting scale, where it has one (WHO-5: the
            percentage score, ``total`` x 4); otherwise None.
    """

    instrument: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})
    answers: tuple[int, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)
    total: int = attrs.field(repr=REDACT, metadata=SENSITIVE)
    scaled: int | None = attrs.field(default=None, repr=REDACT, metadata=SENSITIVE)

    def __attrs_post_init__(self) -> None:
        """The fields must be well formed and the total the sum of the answers."""
        check = Checker()
        check.text(self.instrument, "instrument")
        if check.each(self.answers, int, "answers") & check.whole(self.total, "total"):
            check.expect(sum(self.answers) == self.total, "total", "must be the sum of the answers")
        check.whole(self.scaled, "scaled", optional=True)
        check.done()


def check_result(result: object, name: str, title: str, on: object) -> None:
    """Raise ValidationError unless ``result`` is a ``name`` score and ``on`` is a day."""
    check = Checker()
    check.expect(
        isinstance(result, Score) and result.instrument == name,
        "result",
        f"must be {with_article(title)} score",
    )
    check.day(on, "on")
    check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Band:
    """A range of scores with a meaning and a recommended action.

    Attributes:
        code: Stable code, e.g. ``zone_2``.
        low: Lowest score in the band (inclusive), on the scale the bands are for.
        high: Highest score in the band (inclusive).
        label_da: What the band means, in Danish.
        label_en: The same in English.
        advice_da: What to do, in Danish.
        advice_en: The same in English.
        citation: Where the band comes from.
    """

    code: str = attrs.field(metadata=NON_BLANK)
    low: int
    high: int
    label_da: str
    label_en: str
    advice_da: str
    advice_en: str
    citation: Citation

    def __attrs_post_init__(self) -> None:
        """The range must not be empty."""
        check = Checker()
        check.text(self.code, "code")
        if check.whole(self.low, "low") & check.whole(self.high, "high"):
            check.expect(self.high >= self.low, "high", "must not be below low")
        check.done()

    def __contains__(self, value: object) -> bool:
        """True if ``value`` is a score within the band."""
        number = whole_number(value)
        return number is not None and self.low <= number <= self.high


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Bands:
    """Bands that together cover a scale without gaps or overlaps; replaceable data.

    Attributes:
        name: Which set of bands, e.g. ``who5.international``.
        scale: What the bands are read on, e.g. ``percentage`` or ``total``.
        bands: The bands, lowest first.
    """

    name: str = attrs.field(metadata=NON_BLANK)
    scale: str = attrs.field(metadata=NON_BLANK)
    bands: tuple[Band, ...]

    def __attrs_post_init__(self) -> None:
        """Each band must start right after the one before."""
        check = Checker()
        check.text(self.name, "name")
        if check.each(self.bands, Band, "bands") and check.expect(
            bool(self.bands), "bands", "must hold at least one band"
        ):
            for i in range(1, len(self.bands)):
                check.expect(
                    self.bands[i].low == self.bands[i - 1].high + 1,
                    f"bands[{i}].low",
                    "must follow the band before without gap or overlap",
                )
        check.done()

    def find(self, value: int) -> Band:
        """The band holding ``value``.

        Raises:
            ValidationError: If no band holds it.
        """
        for band in self.bands:
            if value in band:
                return band
        raise ValidationError.at(self.scale, f"is outside the bands of {self.name}")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Interpretation:
    """What a score suggests on a date, with reasons.

    Attributes:
        instrument: The instrument's registry name.
        on: The day of the interpretation.
        band: The band the score falls in.
        flags: Further findings beyond the band (e.g. a WHO-5 item answered 0 or 1).
        reasons: Every step, each with its citation.
    """

    instrument: str = attrs.field(repr=REDACT, metadata=SENSITIVE)
    on: dt.date
    band: Band = attrs.field(repr=REDACT, metadata=SENSITIVE)
    flags: tuple[str, ...] = attrs.field(default=(), repr=REDACT, metadata=SENSITIVE)
    reasons: tuple[Reason, ...] = attrs.field(default=(), repr=REDACT, metadata=SENSITIVE)

    @property
    def advice_en(self) -> str:
        """The recommended action, in English."""
        return self.band.advice_en

    @property
    def advice_da(self) -> str:
        """The recommended action, in Danish."""
        return self.band.advice_da


def check_answers(
    answers: object,
    *,
    name: str,
    count: int,
    allowed: Sequence[Sequence[int]],
) -> tuple[int, ...]:
    """Validate a questionnaire's answers: ``count`` whole numbers, item ``i`` in ``allowed[i]``.

    Problems name the item by its position in ``answers`` and its number in the instrument
    (``answers[2]`` is item 3), never the value given.

    An answer may be any whole number: a numpy integer, or a float such as ``3.0`` from a
    pandas column, counts as the plain ``int`` it stands for, and the answers are returned as
    plain ints. A one-dimensional numpy array or pandas Series of answers is read as its
    list of values (``tolist()``). None and NaN are a missing answer; a bool is not an answer.

    Raises:
        ValidationError: Listing every bad item, or the wrong shape or count.
    """
    tolist = getattr(answers, "tolist", None)
    if not isinstance(answers, (str, bytes, Sequence)) and callable(tolist):
        answers = tolist()  # a numpy array or a pandas Series
    if isinstance(answers, (str, bytes)) or not isinstance(answers, Sequence):
        raise ValidationError.at("answers", f"must be a list of {count} answers to {name}")
    problems: list[Problem] = []
    plain: list[int] = []
    if len(answers) != count:
        problems.append(
            Problem("answers", f"must hold {count} answers to {name}, not {len(answers)}")
        )
    for i, (value, options) in enumerate(zip(answers, allowed, strict=False)):
        where = f"answers[{i}]"
        number = whole_number(value)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            problems.append(Problem(where, f"item {i + 1} is missing; {name} is not imputed"))
        elif number is None or number not in options:
            problems.append(Problem(where, f"item {i + 1} must be {_options(options)}"))
        else:
            plain.append(number)
    if problems:
        raise ValidationError(problems)
    return tuple(plain)


def _options(options: Sequence[int]) -> str:
    values = list(options)
    if values == list(range(values[0], values[-1] + 1)):
        return f"a whole number from {values[0]} to {values[-1]}"
    return ", ".join(str(v) for v in values[:-1]) + f" or {values[-1]}"
