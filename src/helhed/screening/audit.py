"""AUDIT (Alcohol Use Disorders Identification Test).

Ten items on the last year's drinking (AUDIT2001): items 1-8 are scored 0-4; items 9 (injury)
and 10 (others concerned) are scored 0 (no), 2 (yes, but not in the last year) or 4 (yes,
during the last year). The total is 0-40.

The WHO manual places the total in four risk zones, each with an action (AUDIT2001):

| zone | total | meaning | action |
|---|---|---|---|
| I | 0-7 | low risk | alcohol education |
| II | 8-15 | hazardous drinking | simple advice |
| III | 16-19 | harmful drinking | simple advice, brief counselling and continued monitoring |
| IV | 20-40 | possible dependence | referral to a specialist for diagnosis and treatment |

The manual also says to "provide the next highest level of intervention to patients who score
2 or more on Questions 4, 5 and 6, or 4 on Questions 9 or 10" (AUDIT2001, the note to the
table of risk zones). helhed's reading: "2 or more on Questions 4, 5 and 6" is met when *any*
of items 4-6 scores 2 or more (each is a dependence symptom on its own), and the next level of
intervention is taken as the next zone - so the reported meaning moves up with the action, and
zone IV stays zone IV. The cut-offs above 8 rest on expert opinion, and may vary with the size
of a standard drink.

How sure: the zones, actions and the rule on items 4-6, 9 and 10 were read in copies of the
manual's table quoted by a clinical guideline that cites it, not in the WHO manual itself; the
label "possible dependence" for zone IV is the usual English label in such copies (the manual
speaks of evaluation "for alcohol dependence").

Examples:
    >>> import datetime as dt
    >>> result = score([2, 1, 1, 0, 0, 0, 1, 0, 0, 2])
    >>> result.total
    7
    >>> interpret(result, on=dt.date(2024, 3, 4)).band.code
    'zone_1'
    >>> moved = interpret(score([2, 1, 1, 2, 0, 0, 1, 0, 0, 0]), on=dt.date(2024, 3, 4))
    >>> moved.band.code, moved.flags
    ('zone_2', ('moved_up',))
"""

from __future__ import annotations

import datetime as dt

from helhed.errors import require
from helhed.screening._base import Band, Bands, Interpretation, Score, check_answers, check_result
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
    "interpret",
    "progression_value",
    "score",
    "validate",
]

NAME = "audit"
"""The instrument's name in the registry."""

TITLE = "AUDIT"
"""The instrument's usual name."""

MAX_TOTAL = 40
"""The highest total score."""

ITEMS = 10
"""The number of items."""

HIGHER_IS_BETTER = False
"""A higher total means riskier drinking."""

MINIMAL_CHANGE: int | None = None
"""No validated threshold for a significant change between two totals is known."""

PROGRESSION_FACTOR = 1
"""Progression is read on the total itself."""

CITATION = Citation("AUDIT2001")
"""The source of the instrument's scoring and cut-offs."""

_CITE = CITATION
_ALLOWED = [range(5)] * 8 + [(0, 2, 4)] * 2


def _zone(
    number: int, low: int, high: int, meaning: tuple[str, str], action: tuple[str, str]
) -> Band:
    return Band(
        code=f"zone_{number}",
        low=low,
        high=high,
        label_da=meaning[0],
        label_en=meaning[1],
        advice_da=action[0],
        advice_en=action[1],
        citation=_CITE,
    )


BANDS = Bands(
    name="audit.who",
    scale="total",
    bands=(
        _zone(1, 0, 7, ("Lav risiko", "Low risk"), ("Oplysning om alkohol.", "Alcohol education.")),
        _zone(
            2,
            8,
            15,
            ("Risikabelt forbrug", "Hazardous drinking"),
            ("Kort rådgivning.", "Simple advice."),
        ),
        _zone(
            3,
            16,
            19,
            ("Skadeligt forbrug", "Harmful drinking"),
            (
                "Kort rådgivning, kort samtaleforløb og fortsat opfølgning.",
                "Simple advice, brief counselling and continued monitoring.",
            ),
        ),
        _zone(
            4,
            20,
            40,
            ("Mulig afhængighed", "Possible dependence"),
            (
                "Henvis til specialist for udredning og behandling.",
                "Refer to a specialist for diagnostic evaluation and treatment.",
            ),
        ),
    ),
)
"""The four WHO risk zones on the total score (AUDIT2001)."""


def _items(numbers: list[str]) -> tuple[str, str]:
    """Item numbers in Danish and as an English phrase with its verb: "Items 4 and 9 point"."""
    if len(numbers) == 1:
        return numbers[0], f"Item {numbers[0]} points"
    joined = ", ".join(numbers[:-1]) + f" and {numbers[-1]}"
    return joined.replace(" and ", " og "), f"Items {joined} point"


def validate(answers: object) -> tuple[int, ...]:
    """Return the ten answers: items 1-8 from 0 to 4, items 9-10 each 0, 2 or 4.

    Raises:
        ValidationError: Naming every missing or bad item, or the wrong number of answers.
    """
    return check_answers(answers, name=TITLE, count=ITEMS, allowed=_ALLOWED)


def score(answers: object) -> Score:
    """Validate the answers and return the total, 0-40."""
    items = validate(answers)
    return Score(instrument=NAME, answers=items, total=sum(items))


def progression_value(result: Score) -> int:
    """The value progression is measured on: the total."""
    require(result, Score, "result", "must be a Score")
    return result.total


def interpret(result: Score, *, on: dt.date, bands: Bands = BANDS) -> Interpretation:
    """Place an AUDIT total in a risk zone, moved up one zone where the items call for it.

    Args:
        result: An AUDIT score.
        on: The day of the interpretation (the zones do not change with the date).
        bands: The zones to use; [`BANDS`][helhed.screening.audit.BANDS] by default.
    """
    check_result(result, NAME, TITLE, on)
    band = bands.find(result.total)
    reasons = [
        Reason(
            f"audit.{band.code}",
            f"Total {result.total}: {band.label_da.lower()}.",
            f"Total {result.total}: {band.label_en.lower()}.",
            band.citation,
        )
    ]
    items = result.answers
    dependence = [i for i in (4, 5, 6) if items[i - 1] >= 2]
    harm = [i for i in (9, 10) if items[i - 1] == 4]
    flags: tuple[str, ...] = ()
    if dependence or harm:
        index = bands.bands.index(band)
        if index + 1 < len(bands.bands):
            band = bands.bands[index + 1]
            flags = ("moved_up",)
            numbers = [str(i) for i in (*dependence, *harm)]
            which = _items(numbers)
            reasons.append(
                Reason(
                    "audit.moved_up",
                    f"Spørgsmål {which[0]} peger på afhængighed eller skade; et trin op: "
                    f"{band.label_da.lower()}.",
                    f"{which[1]} to dependence or harm; one zone up: {band.label_en.lower()}.",
                    _CITE,
                )
            )
    return Interpretation(instrument=NAME, on=on, band=band, flags=flags, reasons=tuple(reasons))
