"""WHO-5 and AUDIT read to the letter: every reason, band and piece of advice.

Each expected value is worked out by hand from the instruments' sources as helhed's modules
describe them: WHO-5 (WHO5, ETF) is read on the percentage score, the raw score times 4, with
the bands 0-28, 29-50 and 51-100 (ETF: 0-35, 36-50, 51-100) and a flag for any item answered 0
or 1; AUDIT (AUDIT2001) has the zones 0-7, 8-15, 16-19 and 20-40 and moves one zone up when any
of items 4-6 scores 2 or more or item 9 or 10 scores 4. The reason texts are pinned whole, in
both languages, with their citation: a table per instrument, each code reached by a worked
input.
"""

import datetime as dt

import pytest

from helhed.errors import ValidationError
from helhed.screening import Band, Bands, Interpretation, audit, who5
from helhed.sources import Citation, Reason

ON = dt.date(2024, 3, 4)
WHO5 = Citation("WHO5")
ETF = Citation("ETF")
AUDIT = Citation("AUDIT2001")
AUDITC = Citation("AUDITC")


def table(reading):
    """The reasons of a reading as ``(code, Danish, English, citation)`` rows."""
    return [(r.code, r.text_da, r.text_en, str(r.citation)) for r in reading.reasons]


def problems(err):
    return [(p.path, p.message) for p in err.value.problems]


# --- WHO-5 ----------------------------------------------------------------------------------

WHO5_LOW = "er besvaret med 0 eller 1; anbefal udredning for depression."
WHO5_LOW_EN = "answered 0 or 1; recommend an assessment for depression."

# Every reason code WHO-5 can give, each reached by a worked input (answers, bands).
WHO5_GOLDEN = {
    # raw 2+2+1+1+1 = 7, x 4 = 28: the top of "likely depression"; items 3-5 answered 1.
    ((2, 2, 1, 1, 1), "default"): [
        (
            "who5.likely_depression",
            "Procentscore 28: sandsynlig depression.",
            "Percentage score 28: likely depression.",
            "WHO5",
        ),
        ("who5.item_low", f"Spørgsmål 3, 4, 5 {WHO5_LOW}", f"Items 3, 4, 5 {WHO5_LOW_EN}", "WHO5"),
    ],
    # raw 8 = 32, the bottom of "poor"; items 4 and 5 answered 1.
    ((2, 2, 2, 1, 1), "default"): [
        (
            "who5.poor",
            "Procentscore 32: dårlig trivsel.",
            "Percentage score 32: poor well-being.",
            "WHO5",
        ),
        ("who5.item_low", f"Spørgsmål 4, 5 {WHO5_LOW}", f"Items 4, 5 {WHO5_LOW_EN}", "WHO5"),
    ],
    # raw 12 = 48, the top of "poor"; no item below 2.
    ((3, 3, 2, 2, 2), "default"): [
        (
            "who5.poor",
            "Procentscore 48: dårlig trivsel.",
            "Percentage score 48: poor well-being.",
            "WHO5",
        ),
    ],
    # raw 13 = 52, the bottom of "good".
    ((3, 3, 3, 2, 2), "default"): [
        (
            "who5.good",
            "Procentscore 52: ingen tegn på dårlig trivsel.",
            "Percentage score 52: no sign of poor well-being.",
            "WHO5",
        ),
    ],
    # raw 20 = 80, good, but item 1 answered 0: one item, so "Item" in English.
    ((0, 5, 5, 5, 5), "default"): [
        (
            "who5.good",
            "Procentscore 80: ingen tegn på dårlig trivsel.",
            "Percentage score 80: no sign of poor well-being.",
            "WHO5",
        ),
        ("who5.item_low", f"Spørgsmål 1 {WHO5_LOW}", f"Item 1 {WHO5_LOW_EN}", "WHO5"),
    ],
    # ETF: raw 8 = 32, high risk (0-35); items 4 and 5 answered 1 - the flag cites WHO5.
    ((2, 2, 2, 1, 1), "etf"): [
        (
            "who5.high_risk",
            "Procentscore 32: høj risiko for depression eller stress.",
            "Percentage score 32: high risk of depression or stress.",
            "ETF",
        ),
        ("who5.item_low", f"Spørgsmål 4, 5 {WHO5_LOW}", f"Items 4, 5 {WHO5_LOW_EN}", "WHO5"),
    ],
    # ETF: raw 9 = 36, the bottom of "risk".
    ((2, 2, 2, 2, 1), "etf"): [
        (
            "who5.risk",
            "Procentscore 36: risiko for depression eller stress.",
            "Percentage score 36: risk of depression or stress.",
            "ETF",
        ),
        ("who5.item_low", f"Spørgsmål 5 {WHO5_LOW}", f"Item 5 {WHO5_LOW_EN}", "WHO5"),
    ],
    # ETF: raw 25 = 100, no risk.
    ((5, 5, 5, 5, 5), "etf"): [
        (
            "who5.no_risk",
            "Procentscore 100: ingen umiddelbar risiko.",
            "Percentage score 100: no immediate risk.",
            "ETF",
        ),
    ],
}


@pytest.mark.parametrize(("key", "expected"), list(WHO5_GOLDEN.items()))
def test_who5_reasons_word_for_word(key, expected):
    answers, which = key
    bands = {"default": who5.BANDS, "etf": who5.ETF_BANDS}[which]
    reading = who5.interpret(who5.score(answers), on=ON, bands=bands)

    assert table(reading) == expected
    assert reading.flags == (("item_low",) if len(expected) == 2 else ())
    assert reading.band.code == expected[0][0].removeprefix("who5.")


def test_the_who5_golden_table_reaches_every_band_and_the_flag():
    codes = {row[0] for rows in WHO5_GOLDEN.values() for row in rows}
    bands = {f"who5.{b.code}" for bands in (who5.BANDS, who5.ETF_BANDS) for b in bands.bands}

    assert codes == {*bands, "who5.item_low"}


def test_a_who5_interpretation_in_full():
    # raw 4+4+4+4+1 = 17, x 4 = 68: good; item 5 answered 1.
    reading = who5.interpret(who5.score([4, 4, 4, 4, 1]), on=ON)

    assert reading == Interpretation(
        instrument="who5",
        on=ON,
        band=who5.BANDS.bands[2],
        flags=("item_low",),
        reasons=(
            Reason(
                "who5.good",
                "Procentscore 68: ingen tegn på dårlig trivsel.",
                "Percentage score 68: no sign of poor well-being.",
                WHO5,
            ),
            Reason("who5.item_low", f"Spørgsmål 5 {WHO5_LOW}", f"Item 5 {WHO5_LOW_EN}", WHO5),
        ),
    )
    assert (reading.advice_da, reading.advice_en) == (
        "Ingen opfølgning ud fra scoren alene.",
        "No follow-up on the score alone.",
    )


@pytest.mark.parametrize(
    ("percentage", "code", "advice_da", "advice_en"),
    [
        (0, "likely_depression", "Udred for depression.", "Assess for depression."),
        (28, "likely_depression", "Udred for depression.", "Assess for depression."),
        (
            29,
            "poor",
            "Anbefal en udredning for depression.",
            "Recommend an assessment for depression.",
        ),
        (
            50,
            "poor",
            "Anbefal en udredning for depression.",
            "Recommend an assessment for depression.",
        ),
        (51, "good", "Ingen opfølgning ud fra scoren alene.", "No follow-up on the score alone."),
        (100, "good", "Ingen opfølgning ud fra scoren alene.", "No follow-up on the score alone."),
    ],
)
def test_who5_bands_on_the_percentage_scale_with_their_advice(
    percentage, code, advice_da, advice_en
):
    band = who5.BANDS.find(percentage)

    assert (band.code, band.advice_da, band.advice_en, band.citation) == (
        code,
        advice_da,
        advice_en,
        WHO5,
    )


@pytest.mark.parametrize(
    ("answers", "day", "advice_da", "advice_en"),
    [
        ([1, 1, 1, 1, 1], dt.date(2024, 1, 1), "Udred for depression.", "Assess for depression."),
        (
            [2, 2, 2, 2, 2],
            dt.date(2030, 12, 31),
            "Anbefal en udredning for depression.",
            "Recommend an assessment for depression.",
        ),
        (
            [4, 4, 4, 4, 4],
            dt.date(2019, 6, 15),
            "Ingen opfølgning ud fra scoren alene.",
            "No follow-up on the score alone.",
        ),
    ],
)
def test_who5_interpretation_carries_its_day_and_its_bands_advice(
    answers, day, advice_da, advice_en
):
    reading = who5.interpret(who5.score(answers), on=day)

    assert (reading.instrument, reading.on) == ("who5", day)
    assert (reading.advice_da, reading.advice_en) == (advice_da, advice_en)


@pytest.mark.parametrize("value", [-1, 101])
def test_who5_bands_end_at_0_and_100(value):
    for bands, name in [(who5.BANDS, "who5.international"), (who5.ETF_BANDS, "who5.etf")]:
        with pytest.raises(ValidationError) as err:
            bands.find(value)
        assert problems(err) == [("percentage", f"is outside the bands of {name}")]


def test_who5_scores_and_percentages():
    assert who5.score([0, 0, 0, 0, 0]) == who5.Score(
        instrument="who5", answers=(0, 0, 0, 0, 0), total=0, scaled=0
    )
    result = who5.score((5, 4, 3, 2, 1))
    assert (result.instrument, result.answers, result.total, result.scaled) == (
        "who5",
        (5, 4, 3, 2, 1),
        15,
        60,
    )
    assert who5.progression_value(result) == 60
    with pytest.raises(ValidationError) as err:
        who5.progression_value((5, 4, 3, 2, 1))
    assert problems(err) == [("result", "must be a Score")]


# --- AUDIT ----------------------------------------------------------------------------------

MOVED = "peger på afhængighed eller skade; et trin op:"
MOVED_EN = "to dependence or harm; one zone up:"

# Every reason code AUDIT can give, each reached by a worked input; the first reason keeps the
# zone of the total, the second names the items that move the reading up and the zone reached.
AUDIT_GOLDEN = {
    # 2+1+1+1+2 = 7; item 10 at 2 (not in the last year) moves nothing.
    (2, 1, 1, 0, 0, 0, 1, 0, 0, 2): [
        ("audit.zone_1", "Total 7: lav risiko.", "Total 7: low risk.", "AUDIT2001"),
    ],
    (4, 4, 0, 0, 0, 0, 0, 0, 0, 0): [
        (
            "audit.zone_2",
            "Total 8: risikabelt forbrug.",
            "Total 8: hazardous drinking.",
            "AUDIT2001",
        ),
    ],
    (4, 4, 4, 0, 0, 0, 3, 0, 0, 0): [
        (
            "audit.zone_2",
            "Total 15: risikabelt forbrug.",
            "Total 15: hazardous drinking.",
            "AUDIT2001",
        ),
    ],
    (4, 4, 4, 0, 0, 0, 4, 0, 0, 0): [
        (
            "audit.zone_3",
            "Total 16: skadeligt forbrug.",
            "Total 16: harmful drinking.",
            "AUDIT2001",
        ),
    ],
    (4, 4, 4, 0, 0, 0, 4, 3, 0, 0): [
        (
            "audit.zone_3",
            "Total 19: skadeligt forbrug.",
            "Total 19: harmful drinking.",
            "AUDIT2001",
        ),
    ],
    (4, 4, 4, 0, 0, 0, 4, 4, 0, 0): [
        (
            "audit.zone_4",
            "Total 20: mulig afhængighed.",
            "Total 20: possible dependence.",
            "AUDIT2001",
        ),
    ],
    # Total 7 with item 4 at 2: one item, "Item 4 points"; zone I -> II.
    (2, 1, 1, 2, 0, 0, 1, 0, 0, 0): [
        ("audit.zone_1", "Total 7: lav risiko.", "Total 7: low risk.", "AUDIT2001"),
        (
            "audit.moved_up",
            f"Spørgsmål 4 {MOVED} risikabelt forbrug.",
            f"Item 4 points {MOVED_EN} hazardous drinking.",
            "AUDIT2001",
        ),
    ],
    # Total 2+4 = 6 with item 4 at 2 and item 9 at 4: two items, "4 og 9", "Items 4 and 9".
    (0, 0, 0, 2, 0, 0, 0, 0, 4, 0): [
        ("audit.zone_1", "Total 6: lav risiko.", "Total 6: low risk.", "AUDIT2001"),
        (
            "audit.moved_up",
            f"Spørgsmål 4 og 9 {MOVED} risikabelt forbrug.",
            f"Items 4 and 9 point {MOVED_EN} hazardous drinking.",
            "AUDIT2001",
        ),
    ],
    # Total 2+2+4 = 8 (zone II) with items 4, 5 and 10: zone III.
    (0, 0, 0, 2, 2, 0, 0, 0, 0, 4): [
        (
            "audit.zone_2",
            "Total 8: risikabelt forbrug.",
            "Total 8: hazardous drinking.",
            "AUDIT2001",
        ),
        (
            "audit.moved_up",
            f"Spørgsmål 4, 5 og 10 {MOVED} skadeligt forbrug.",
            f"Items 4, 5 and 10 point {MOVED_EN} harmful drinking.",
            "AUDIT2001",
        ),
    ],
    # Total 2+2+2+4+4 = 14 (zone II) with every trigger: still one zone, to III.
    (0, 0, 0, 2, 2, 2, 0, 0, 4, 4): [
        (
            "audit.zone_2",
            "Total 14: risikabelt forbrug.",
            "Total 14: hazardous drinking.",
            "AUDIT2001",
        ),
        (
            "audit.moved_up",
            f"Spørgsmål 4, 5, 6, 9 og 10 {MOVED} skadeligt forbrug.",
            f"Items 4, 5, 6, 9 and 10 point {MOVED_EN} harmful drinking.",
            "AUDIT2001",
        ),
    ],
    # Total 4+4+4+4+2 = 18 (zone III) with item 6 at 2: zone IV.
    (4, 4, 4, 0, 0, 2, 4, 0, 0, 0): [
        (
            "audit.zone_3",
            "Total 18: skadeligt forbrug.",
            "Total 18: harmful drinking.",
            "AUDIT2001",
        ),
        (
            "audit.moved_up",
            f"Spørgsmål 6 {MOVED} mulig afhængighed.",
            f"Item 6 points {MOVED_EN} possible dependence.",
            "AUDIT2001",
        ),
    ],
    # Total 10 (zone II) with item 10 at 4 alone.
    (2, 2, 2, 0, 0, 0, 0, 0, 0, 4): [
        (
            "audit.zone_2",
            "Total 10: risikabelt forbrug.",
            "Total 10: hazardous drinking.",
            "AUDIT2001",
        ),
        (
            "audit.moved_up",
            f"Spørgsmål 10 {MOVED} skadeligt forbrug.",
            f"Item 10 points {MOVED_EN} harmful drinking.",
            "AUDIT2001",
        ),
    ],
}


@pytest.mark.parametrize(("answers", "expected"), list(AUDIT_GOLDEN.items()))
def test_audit_reasons_word_for_word(answers, expected):
    result = audit.score(list(answers))
    reading = audit.interpret(result, on=ON)
    zone = expected[-1][2].rsplit(": ", 1)[1].rstrip(".")

    assert result.total == sum(answers)
    assert table(reading) == expected
    assert reading.flags == (("moved_up",) if len(expected) == 2 else ())
    assert reading.band.label_en.lower() == zone
    assert (reading.instrument, reading.on) == ("audit", ON)


AUDIT_ZONES = [
    (0, "zone_1", "Lav risiko", "Low risk", "Oplysning om alkohol.", "Alcohol education."),
    (7, "zone_1", "Lav risiko", "Low risk", "Oplysning om alkohol.", "Alcohol education."),
    (
        8,
        "zone_2",
        "Risikabelt forbrug",
        "Hazardous drinking",
        "Kort rådgivning.",
        "Simple advice.",
    ),
    (
        15,
        "zone_2",
        "Risikabelt forbrug",
        "Hazardous drinking",
        "Kort rådgivning.",
        "Simple advice.",
    ),
    (
        16,
        "zone_3",
        "Skadeligt forbrug",
        "Harmful drinking",
        "Kort rådgivning, kort samtaleforløb og fortsat opfølgning.",
        "Simple advice, brief counselling and continued monitoring.",
    ),
    (
        19,
        "zone_3",
        "Skadeligt forbrug",
        "Harmful drinking",
        "Kort rådgivning, kort samtaleforløb og fortsat opfølgning.",
        "Simple advice, brief counselling and continued monitoring.",
    ),
    (
        20,
        "zone_4",
        "Mulig afhængighed",
        "Possible dependence",
        "Henvis til specialist for udredning og behandling.",
        "Refer to a specialist for diagnostic evaluation and treatment.",
    ),
    (
        40,
        "zone_4",
        "Mulig afhængighed",
        "Possible dependence",
        "Henvis til specialist for udredning og behandling.",
        "Refer to a specialist for diagnostic evaluation and treatment.",
    ),
]
"""(total, code, label_da, label_en, advice_da, advice_en) on both sides of each edge."""


@pytest.mark.parametrize(
    ("total", "code", "label_da", "label_en", "advice"),
    [(*row[:4], row[4:]) for row in AUDIT_ZONES],
)
def test_audit_zones_with_their_meaning_and_action(total, code, label_da, label_en, advice):
    band = audit.BANDS.find(total)
    advice_da, advice_en = advice

    assert (band.code, band.label_da, band.label_en) == (code, label_da, label_en)
    assert (band.advice_da, band.advice_en, band.citation) == (advice_da, advice_en, AUDIT)


def test_the_audit_zone_builder_makes_the_zones_the_manual_gives():
    zone = audit._zone(3, 16, 19, ("Skadeligt forbrug", "Harmful drinking"), ("Råd.", "Advice."))

    assert zone == Band(
        code="zone_3",
        low=16,
        high=19,
        label_da="Skadeligt forbrug",
        label_en="Harmful drinking",
        advice_da="Råd.",
        advice_en="Advice.",
        citation=AUDIT,
    )
    assert [(b.code, b.low, b.high) for b in audit.BANDS.bands] == [
        ("zone_1", 0, 7),
        ("zone_2", 8, 15),
        ("zone_3", 16, 19),
        ("zone_4", 20, 40),
    ]
    assert (audit.BANDS.name, audit.BANDS.scale) == ("audit.who", "total")


def test_the_audit_item_list_in_both_languages():
    assert audit._items(["4"]) == ("4", "Item 4 points")
    assert audit._items(["4", "9"]) == ("4 og 9", "Items 4 and 9 point")
    assert audit._items(["4", "5", "10"]) == ("4, 5 og 10", "Items 4, 5 and 10 point")


def test_an_audit_interpretation_in_full_and_with_other_zones():
    reading = audit.interpret(audit.score([1, 1, 1, 0, 0, 0, 0, 0, 4, 0]), on=ON)

    assert reading == Interpretation(
        instrument="audit",
        on=ON,
        band=audit.BANDS.bands[1],
        flags=("moved_up",),
        reasons=(
            Reason("audit.zone_1", "Total 7: lav risiko.", "Total 7: low risk.", AUDIT),
            Reason(
                "audit.moved_up",
                f"Spørgsmål 9 {MOVED} risikabelt forbrug.",
                f"Item 9 points {MOVED_EN} hazardous drinking.",
                AUDIT,
            ),
        ),
    )
    assert (reading.advice_da, reading.advice_en) == ("Kort rådgivning.", "Simple advice.")
    # Zones passed in are used, and moving up stops at their last zone.
    two = Bands(
        name="audit.two",
        scale="total",
        bands=(
            Band(**{**_fields(audit.BANDS.bands[0]), "high": 9}),
            Band(**{**_fields(audit.BANDS.bands[3]), "low": 10}),
        ),
    )
    low = audit.interpret(audit.score([2, 2, 2, 2, 0, 0, 0, 0, 0, 0]), on=ON, bands=two)
    assert (low.band.code, low.flags, [r.code for r in low.reasons]) == (
        "zone_4",
        ("moved_up",),
        ["audit.zone_1", "audit.moved_up"],
    )
    top = audit.interpret(audit.score([4, 4, 2, 2, 0, 0, 0, 0, 0, 0]), on=ON, bands=two)
    assert (top.band.code, top.flags, [r.code for r in top.reasons]) == (
        "zone_4",
        (),
        ["audit.zone_4"],
    )


def _fields(band):
    return {
        name: getattr(band, name)
        for name in (
            "code",
            "low",
            "high",
            "label_da",
            "label_en",
            "advice_da",
            "advice_en",
            "citation",
        )
    }


def test_audit_scores_and_totals():
    result = audit.score((4, 3, 2, 1, 0, 1, 2, 3, 2, 4))

    assert (result.instrument, result.answers, result.total, result.scaled) == (
        "audit",
        (4, 3, 2, 1, 0, 1, 2, 3, 2, 4),
        22,
        None,
    )
    assert audit.progression_value(result) == 22
    with pytest.raises(ValidationError) as err:
        audit.progression_value(22)
    assert problems(err) == [("result", "must be a Score")]
