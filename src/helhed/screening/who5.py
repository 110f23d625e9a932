"""WHO-5 (WHO-5 Trivselsindeks, the WHO-5 Well-Being Index).

Five positively worded statements about the last two weeks, each answered from 0 (at no
time) to 5 (all of the time). The raw score is the sum, 0-25; the percentage score is the raw
score times 4, 0-100, higher meaning better well-being (WHO5).

Reading the score (the default bands, which are data and can be replaced):

* percentage 28 or less (raw 7 or less): likely depression - assess for depression;
* percentage 29-50 (raw 8-12): poor well-being - recommend an assessment for depression;
* percentage over 50: no sign of poor well-being.

Whatever the total, an item answered 0 or 1 also calls for an assessment for depression.
Because the percentage is a multiple of 4, "raw below 13" and "percentage 50 or less" are the
same cut-off. A change of 10 percentage points between two results counts as significant
(see ``helhed.screening.progression``).

How sure these are: the scoring, the cut-off "below 13", the low-item rule and the 10-point
change were read in secondary sources that give them as the instrument's own guidance (a
clinical software maker's and a medical calculator's pages); the bands at 28 and 50 in a
scale library citing Topp et al. 2015, which helhed has not read itself. The advice texts are
helhed's wording of what each band calls for.

Danish services use other bands; [`ETF_BANDS`][helhed.screening.who5.ETF_BANDS] holds those of
the Danish occupational therapists' association (ETF: 0-35 high risk of depression or stress,
36-50 risk, over 50 no immediate risk).

The WHO-5 may be used free of charge without permission. Its item texts are not shipped.

SST2019 6.2 describes Kolding's use of WHO-5: citizens the advisers suspect of mental health
problems ("havde en mistanke om havde mentale sundhedsproblemer") are screened with it, and
screened again at the end of the course "med det mål at se, om de havde oplevet progression".

Examples:
    >>> import datetime as dt
    >>> result = score([3, 4, 2, 5, 1])
    >>> result.total, result.scaled
    (15, 60)
    >>> reading = interpret(result, on=dt.date(2024, 3, 4))
    >>> reading.band.code, reading.flags
    ('good', ('item_low',))
    >>> score([3, 4, 6, 5])
    Traceback (most recent call last):
    ...
    helhed.errors.ValidationError: answers: must hold 5 answers to WHO-5, not 4; answers[2]: \
item 3 must be a whole number from 0 to 5
"""

from __future__ import annotations

import datetime as dt

from helhed.errors import require
from helhed.screening._base import Band, Bands, Interpretation, Score, check_answers, check_result
from helhed.sources import Citation, Reason

__all__ = [
    "BANDS",
    "CITATION",
    "ETF_BANDS",
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

NAME = "who5"
"""The instrument's name in the registry."""

TITLE = "WHO-5"
"""The instrument's usual name."""

MAX_TOTAL = 25
"""The highest total score."""

ITEMS = 5
"""The number of items."""

HIGHER_IS_BETTER = True
"""A higher score means better well-being."""

MINIMAL_CHANGE = 10
"""The smallest change in percentage points that counts as significant (WHO5).

The source says a 10 % difference "indicates a significant change". Percentage scores are
multiples of 4, so a change is too: "10 or more" and "more than 10" both mean 12 or more.
"""

PROGRESSION_FACTOR = 4
"""Progression is read on the percentage score: the total times 4."""

CITATION = Citation("WHO5")
"""The source of the instrument's scoring and cut-offs."""

_CITE = CITATION
_LIKELY_DEPRESSION = Band(
    code="likely_depression",
    low=0,
    high=28,
    label_da="Sandsynlig depression",
    label_en="Likely depression",
    advice_da="Udred for depression.",
    advice_en="Assess for depression.",
    citation=_CITE,
)
_POOR = Band(
    code="poor",
    low=29,
    high=50,
    label_da="Dårlig trivsel",
    label_en="Poor well-being",
    advice_da="Anbefal en udredning for depression.",
    advice_en="Recommend an assessment for depression.",
    citation=_CITE,
)
_GOOD = Band(
    code="good",
    low=51,
    high=100,
    label_da="Ingen tegn på dårlig trivsel",
    label_en="No sign of poor well-being",
    advice_da="Ingen opfølgning ud fra scoren alene.",
    advice_en="No follow-up on the score alone.",
    citation=_CITE,
)

BANDS = Bands(
    name="who5.international", scale="percentage", bands=(_LIKELY_DEPRESSION, _POOR, _GOOD)
)
"""The default bands on the percentage score (WHO5)."""

_ETF = Citation("ETF")
ETF_BANDS = Bands(
    name="who5.etf",
    scale="percentage",
    bands=(
        Band(
            code="high_risk",
            low=0,
            high=35,
            label_da="Høj risiko for depression eller stress",
            label_en="High risk of depression or stress",
            advice_da="Udred for depression eller stress.",
            advice_en="Assess for depression or stress.",
            citation=_ETF,
        ),
        Band(
            code="risk",
            low=36,
            high=50,
            label_da="Risiko for depression eller stress",
            label_en="Risk of depression or stress",
            advice_da="Følg op og overvej udredning.",
            advice_en="Follow up and consider an assessment.",
            citation=_ETF,
        ),
        Band(
            code="no_risk",
            low=51,
            high=100,
            label_da="Ingen umiddelbar risiko",
            label_en="No immediate risk",
            advice_da="Ingen opfølgning ud fra scoren alene.",
            advice_en="No follow-up on the score alone.",
            citation=_ETF,
        ),
    ),
)
"""The bands of the Danish occupational therapists' association (ETF), as an alternative."""


def validate(answers: object) -> tuple[int, ...]:
    """Return the five answers, each a whole number from 0 to 5.

    Raises:
        ValidationError: Naming every missing or bad item, or the wrong number of answers.
    """
    return check_answers(answers, name=TITLE, count=ITEMS, allowed=[range(6)] * ITEMS)


def score(answers: object) -> Score:
    """Validate the answers and return the raw score (0-25) and percentage score (0-100)."""
    items = validate(answers)
    total = sum(items)
    return Score(instrument=NAME, answers=items, total=total, scaled=4 * total)


def progression_value(result: Score) -> int:
    """The value progression is measured on: the percentage score."""
    require(result, Score, "result", "must be a Score")
    return PROGRESSION_FACTOR * result.total


def interpret(result: Score, *, on: dt.date, bands: Bands = BANDS) -> Interpretation:
    """Place a WHO-5 score in a band on the percentage scale and flag low items.

    Args:
        result: A WHO-5 score.
        on: The day of the interpretation (WHO-5 bands do not change with the date).
        bands: The bands to use; [`BANDS`][helhed.screening.who5.BANDS] by default.
    """
    check_result(result, NAME, TITLE, on)
    percentage = progression_value(result)
    band = bands.find(percentage)
    reasons = [
        Reason(
            f"who5.{band.code}",
            f"Procentscore {percentage}: {band.label_da.lower()}.",
            f"Percentage score {percentage}: {band.label_en.lower()}.",
            band.citation,
        )
    ]
    flags: tuple[str, ...] = ()
    low = [i + 1 for i, value in enumerate(result.answers) if value <= 1]
    if low:
        flags = ("item_low",)
        items = ", ".join(str(i) for i in low)
        reasons.append(
            Reason(
                "who5.item_low",
                f"Spørgsmål {items} er besvaret med 0 eller 1; anbefal udredning for depression.",
                f"{'Items' if len(low) > 1 else 'Item'} {items} answered 0 or 1; recommend an "
                "assessment for depression.",
                _CITE,
            )
        )
    return Interpretation(instrument=NAME, on=on, band=band, flags=flags, reasons=tuple(reasons))
