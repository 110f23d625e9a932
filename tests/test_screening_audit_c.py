"""AUDIT-C read to the letter, and the exact problems of bad answers to each questionnaire.

AUDIT-C (AUDITC) is positive at 4 or more for men and 3 or more for women: each sex is read on
both sides of its cut-off, with the reason pinned whole in both languages and its citation.
Bad answers to WHO-5, AUDIT and AUDIT-C give problems naming each item by its position and its
number in the instrument, and what it may be - never the value given.
"""

import datetime as dt

import pytest

from helhed.errors import ValidationError
from helhed.screening import Band, Bands, Sex, audit, audit_c, who5
from helhed.sources import Citation

ON = dt.date(2024, 3, 4)
AUDITC = Citation("AUDITC")


def table(reading):
    """The reasons of a reading as ``(code, Danish, English, citation)`` rows."""
    return [(r.code, r.text_da, r.text_en, str(r.citation)) for r in reading.reasons]


def problems(err):
    return [(p.path, p.message) for p in err.value.problems]


# --- AUDIT-C --------------------------------------------------------------------------------

# Every reason code AUDIT-C can give, for each sex on both sides of its cut-off.
AUDIT_C_GOLDEN = [
    (
        [1, 1, 1],
        Sex.MALE,
        "audit-c.negative",
        "Total 3; grænsen for mænd er 4: negativ screening.",
        "Total 3; the cut-off for men is 4: negative screen.",
    ),
    (
        [2, 1, 1],
        Sex.MALE,
        "audit-c.positive",
        "Total 4; grænsen for mænd er 4: positiv screening.",
        "Total 4; the cut-off for men is 4: positive screen.",
    ),
    (
        [1, 1, 0],
        Sex.FEMALE,
        "audit-c.negative",
        "Total 2; grænsen for kvinder er 3: negativ screening.",
        "Total 2; the cut-off for women is 3: negative screen.",
    ),
    (
        [1, 1, 1],
        Sex.FEMALE,
        "audit-c.positive",
        "Total 3; grænsen for kvinder er 3: positiv screening.",
        "Total 3; the cut-off for women is 3: positive screen.",
    ),
    (
        [4, 4, 4],
        Sex.FEMALE,
        "audit-c.positive",
        "Total 12; grænsen for kvinder er 3: positiv screening.",
        "Total 12; the cut-off for women is 3: positive screen.",
    ),
    (
        [0, 0, 0],
        Sex.MALE,
        "audit-c.negative",
        "Total 0; grænsen for mænd er 4: negativ screening.",
        "Total 0; the cut-off for men is 4: negative screen.",
    ),
]

NEGATIVE = ("Ingen opfølgning ud fra scoren alene.", "No follow-up on the score alone.")
POSITIVE = (
    "Tilbyd hele AUDIT eller en samtale om alkohol.",
    "Offer the full AUDIT or a conversation about alcohol.",
)


@pytest.mark.parametrize(("answers", "sex", "code", "text_da", "text_en"), AUDIT_C_GOLDEN)
def test_audit_c_reasons_word_for_word(answers, sex, code, text_da, text_en):
    reading = audit_c.interpret(audit_c.score(answers), on=ON, sex=sex)

    assert table(reading) == [(code, text_da, text_en, "AUDITC")]
    assert reading.flags == ()
    assert (reading.instrument, reading.on) == ("audit-c", ON)
    positive = code == "audit-c.positive"
    assert reading.band.code == ("positive" if positive else "negative")
    assert (reading.advice_da, reading.advice_en) == (POSITIVE if positive else NEGATIVE)


def test_audit_c_bands_by_sex_in_full():
    def bands(cut, code):
        return Bands(
            name=f"audit-c.{code}",
            scale="total",
            bands=(
                Band(
                    code="negative",
                    low=0,
                    high=cut - 1,
                    label_da="Negativ screening",
                    label_en="Negative screen",
                    advice_da=NEGATIVE[0],
                    advice_en=NEGATIVE[1],
                    citation=AUDITC,
                ),
                Band(
                    code="positive",
                    low=cut,
                    high=12,
                    label_da="Positiv screening",
                    label_en="Positive screen",
                    advice_da=POSITIVE[0],
                    advice_en=POSITIVE[1],
                    citation=AUDITC,
                ),
            ),
        )

    assert {Sex.MALE: bands(4, "mand"), Sex.FEMALE: bands(3, "kvinde")} == audit_c.BANDS
    assert audit_c._bands(4, Sex.MALE) == bands(4, "mand")
    assert audit_c._bands(3, Sex.FEMALE) == bands(3, "kvinde")
    assert audit_c._bands(1, Sex.FEMALE) == bands(1, "kvinde")


@pytest.mark.parametrize(
    ("total", "male", "female"),
    [
        (0, "negative", "negative"),
        (2, "negative", "negative"),
        (3, "negative", "positive"),
        (4, "positive", "positive"),
        (12, "positive", "positive"),
    ],
)
def test_audit_c_cut_offs_on_both_sides(total, male, female):
    assert audit_c.BANDS[Sex.MALE].find(total).code == male
    assert audit_c.BANDS[Sex.FEMALE].find(total).code == female


@pytest.mark.parametrize("total", [-1, 13])
def test_audit_c_bands_end_at_0_and_12(total):
    for sex, name in [(Sex.MALE, "audit-c.mand"), (Sex.FEMALE, "audit-c.kvinde")]:
        with pytest.raises(ValidationError) as err:
            audit_c.BANDS[sex].find(total)
        assert problems(err) == [("total", f"is outside the bands of {name}")]


def test_audit_c_scores_and_totals():
    result = audit_c.score((4, 0, 3))

    assert (result.instrument, result.answers, result.total, result.scaled) == (
        "audit-c",
        (4, 0, 3),
        7,
        None,
    )
    assert audit_c.progression_value(result) == 7
    with pytest.raises(ValidationError) as err:
        audit_c.progression_value([4, 0, 3])
    assert problems(err) == [("result", "must be a Score")]


def test_audit_c_checks_the_result_before_the_sex():
    with pytest.raises(ValidationError) as err:
        audit_c.interpret(audit.score([0] * 10), on="2024-03-04", sex="mand")

    assert problems(err) == [
        ("result", "must be an AUDIT-C score"),
        ("on", "must be a date"),
    ]
    with pytest.raises(ValidationError) as err:
        audit_c.interpret(audit_c.score([1, 1, 1]), on=ON, sex=None)
    assert problems(err) == [("sex", "must be a Sex")]


# --- Bad answers: the exact problems, never the value -----------------------------------------

BAD_ANSWERS = [
    (
        who5,
        [5, None, 6, 2.5, float("nan")],
        [
            ("answers[1]", "item 2 is missing; WHO-5 is not imputed"),
            ("answers[2]", "item 3 must be a whole number from 0 to 5"),
            ("answers[3]", "item 4 must be a whole number from 0 to 5"),
            ("answers[4]", "item 5 is missing; WHO-5 is not imputed"),
        ],
    ),
    (
        who5,
        [-1, True, "3", 5, 0, 4],
        [
            ("answers", "must hold 5 answers to WHO-5, not 6"),
            ("answers[0]", "item 1 must be a whole number from 0 to 5"),
            ("answers[1]", "item 2 must be a whole number from 0 to 5"),
            ("answers[2]", "item 3 must be a whole number from 0 to 5"),
        ],
    ),
    (who5, [0, 0, 0, 0, 0, 987654], [("answers", "must hold 5 answers to WHO-5, not 6")]),
    (who5, [], [("answers", "must hold 5 answers to WHO-5, not 0")]),
    (who5, "12345", [("answers", "must be a list of 5 answers to WHO-5")]),
    (who5, b"12345", [("answers", "must be a list of 5 answers to WHO-5")]),
    (who5, {0: 1, 1: 1, 2: 1, 3: 1, 4: 1}, [("answers", "must be a list of 5 answers to WHO-5")]),
    (who5, None, [("answers", "must be a list of 5 answers to WHO-5")]),
    (who5, 25, [("answers", "must be a list of 5 answers to WHO-5")]),
    (
        audit,
        [4, 5, 0, 0, 0, 0, 0, 0, 3, None],
        [
            ("answers[1]", "item 2 must be a whole number from 0 to 4"),
            ("answers[8]", "item 9 must be 0, 2 or 4"),
            ("answers[9]", "item 10 is missing; AUDIT is not imputed"),
        ],
    ),
    (
        audit,
        [0, 0, 0],
        [("answers", "must hold 10 answers to AUDIT, not 3")],
    ),
    (audit, "0000000000", [("answers", "must be a list of 10 answers to AUDIT")]),
    (
        audit_c,
        [0, 4, 5, None],
        [
            ("answers", "must hold 3 answers to AUDIT-C, not 4"),
            ("answers[2]", "item 3 must be a whole number from 0 to 4"),
        ],
    ),
    (
        audit_c,
        [None],
        [
            ("answers", "must hold 3 answers to AUDIT-C, not 1"),
            ("answers[0]", "item 1 is missing; AUDIT-C is not imputed"),
        ],
    ),
    (audit_c, {4, 0}, [("answers", "must be a list of 3 answers to AUDIT-C")]),
]


@pytest.mark.parametrize(("tool", "answers", "expected"), BAD_ANSWERS)
def test_bad_answers_give_exactly_these_problems(tool, answers, expected):
    for call in (tool.validate, tool.score):
        with pytest.raises(ValidationError) as err:
            call(answers)
        assert problems(err) == expected
        assert "987654" not in str(err.value)
