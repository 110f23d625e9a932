"""AUDIT-C (the consumption questions of AUDIT).

Items 1-3 of AUDIT - how often, how much on a typical day, how often six or more - each
scored 0-4, total 0-12 (AUDITC). The screen is positive at 4 or more for men and 3 or more for
women, so reading it needs the citizen's sex. The cut-offs were read in secondary sources
that cite the US validation studies (Bradley 2003 for women, Bradley 2007 for the cut-off of 4
in men), not in the studies themselves.

The advice on a positive screen - offer the full AUDIT or a conversation about alcohol - is
helhed's reading: the studies validate the screen and prescribe no action.

Examples:
    >>> import datetime as dt
    >>> result = score([1, 1, 1])
    >>> interpret(result, on=dt.date(2024, 3, 4), sex=Sex.FEMALE).band.code
    'positive'
    >>> interpret(result, on=dt.date(2024, 3, 4), sex=Sex.MALE).band.code
    'negative'
"""

from __future__ import annotations

import datetime as dt

from helhed._validation import Checker
from helhed.errors import require
from helhed.screening._base import (
    Band,
    Bands,
    Interpretation,
    Score,
    Sex,
    check_answers,
    check_result,
)
from helhed.sources import Citation, Reason

__all__ = [
    "BANDS",
    "CITATION",
    "HIGHER_IS_BETTER",
    "ITEMS",
    "MAX_TOTAL",
    "MINIMAL_CHANGE",
    "NAME",
    "PROGRESSION_FACTOR",
    "TITLE",
    "Sex",
    "interpret",
    "progression_value",
    "score",
    "validate",
]

NAME = "audit-c"
"""The instrument's name in the registry."""

TITLE = "AUDIT-C"
"""The instrument's usual name."""

MAX_TOTAL = 12
"""The highest total score."""

ITEMS = 3
"""The number of items."""

HIGHER_IS_BETTER = False
"""A higher total means riskier drinking."""

MINIMAL_CHANGE: int | None = None
"""No validated threshold for a significant change between two totals is known."""

PROGRESSION_FACTOR = 1
"""Progression is read on the total itself."""

CITATION = Citation("AUDITC")
"""The source of the instrument's scoring and cut-offs."""

_CITE = CITATION
_PEOPLE = {Sex.FEMALE: ("kvinder", "women"), Sex.MALE: ("mænd", "men")}
"""Who a cut-off is for, in Danish and English (plural: "the cut-off for women")."""


def _bands(cut: int, sex: Sex) -> Bands:
    return Bands(
        name=f"audit-c.{sex.code}",
        scale="total",
        bands=(
            Band(
                code="negative",
                low=0,
                high=cut - 1,
                label_da="Negativ screening",
                label_en="Negative screen",
                advice_da="Ingen opfølgning ud fra scoren alene.",
                advice_en="No follow-up on the score alone.",
                citation=_CITE,
            ),
            Band(
                code="positive",
                low=cut,
                high=12,
                label_da="Positiv screening",
                label_en="Positive screen",
                advice_da="Tilbyd hele AUDIT eller en samtale om alkohol.",
                advice_en="Offer the full AUDIT or a conversation about alcohol.",
                citation=_CITE,
            ),
        ),
    )


BANDS = {Sex.MALE: _bands(4, Sex.MALE), Sex.FEMALE: _bands(3, Sex.FEMALE)}
"""The cut-offs by sex: positive at 4 or more for men, 3 or more for women (AUDITC)."""


def validate(answers: object) -> tuple[int, ...]:
    """Return the three answers, each a whole number from 0 to 4.

    Raises:
        ValidationError: Naming every missing or bad item, or the wrong number of answers.
    """
    return check_answers(answers, name=TITLE, count=ITEMS, allowed=[range(5)] * ITEMS)


def score(answers: object) -> Score:
    """Validate the answers and return the total, 0-12."""
    items = validate(answers)
    return Score(instrument=NAME, answers=items, total=sum(items))


def progression_value(result: Score) -> int:
    """The value progression is measured on: the total."""
    require(result, Score, "result", "must be a Score")
    return result.total


def interpret(result: Score, *, on: dt.date, sex: Sex) -> Interpretation:
    """Read an AUDIT-C total against the cut-off for ``sex``.

    Raises:
        ValidationError: If ``sex`` is not a [`Sex`][helhed.screening.Sex].
    """
    check_result(result, NAME, TITLE, on)
    check = Checker()
    check.member(sex, Sex, "sex")
    check.done()
    band = BANDS[sex].find(result.total)
    cut = BANDS[sex].bands[1].low
    return Interpretation(
        instrument=NAME,
        on=on,
        band=band,
        reasons=(
            Reason(
                f"audit-c.{band.code}",
                f"Total {result.total}; grænsen for {_PEOPLE[sex][0]} er {cut}: "
                f"{band.label_da.lower()}.",
                f"Total {result.total}; the cut-off for {_PEOPLE[sex][1]} is {cut}: "
                f"{band.label_en.lower()}.",
                _CITE,
            ),
        ),
    )
