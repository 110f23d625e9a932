"""Alcohol intake against the Danish Health Authority's guidance: limits, units, reasons, errors.

The figures are worked out by hand from the sources the module cites:

* SST1990ALK (Genstandsgrænser for voksne; domain-facts.md 3): the high-risk limit of 1990 is
  *more than* 14 units a week for women and 21 for men; there is no daily limit.
* SST2022ALK (note of 7 March 2022; domain-facts.md 3): at most 10 units a week and at most 4
  on one day, the same for women and men.
* One unit (genstand) is 12 g of pure alcohol (domain-facts.md 3).

"At most" means the limit itself is within it: 10 a week and 4 on a day are within, anything
above is over - so each boundary is tested on both sides.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pytest

from helhed.errors import NoRuleError, Problem, ValidationError
from helhed.screening import Sex, alcohol
from helhed.sources import Verification

OLD = dt.date(2021, 6, 1)  # the 1990 high-risk limit is in force
NEW = dt.date(2024, 3, 4)  # the 2022 recommendation is in force
F, M = Sex.FEMALE, Sex.MALE

NEW_DA = "Sundhedsstyrelsens anbefaling"
NEW_EN = "the Danish Health Authority's recommended maximum"
OLD_DA = "højrisikogrænsen"
OLD_EN = "the high-risk limit"


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in exc.value.problems]


def read(answers: list[object], on: dt.date = NEW, sex: Sex | None = None) -> alcohol.Reading:
    return alcohol.interpret(alcohol.score(answers), on=on, sex=sex)


def whole(reading: alcohol.Reading) -> list[tuple[str, str, str, str]]:
    return [(r.code, r.text_da, r.text_en, str(r.citation)) for r in reading.reasons]


# Every reason the module can give, reached by a worked input; {case: [(code, da, en, cite)]}.
GOLDEN: dict[str, tuple[list[object], dt.date, Sex | None, list[tuple[str, str, str, str]]]] = {
    "2022 weekly over": (
        [11],
        NEW,
        None,
        [
            (
                "alcohol.weekly_above",
                f"Over 10 genstande om ugen: over {NEW_DA}.",
                f"More than 10 units a week: above {NEW_EN}.",
                "SST2022ALK",
            )
        ],
    ),
    "2022 daily over": (
        [8, 5],
        NEW,
        None,
        [
            (
                "alcohol.daily_above",
                f"Over 4 genstande på en dag: over {NEW_DA}.",
                f"More than 4 units on one day: above {NEW_EN}.",
                "SST2022ALK",
            )
        ],
    ),
    "2022 both over": (
        [12, 6],
        NEW,
        M,
        [
            (
                "alcohol.weekly_above",
                f"Over 10 genstande om ugen: over {NEW_DA}.",
                f"More than 10 units a week: above {NEW_EN}.",
                "SST2022ALK",
            ),
            (
                "alcohol.daily_above",
                f"Over 4 genstande på en dag: over {NEW_DA}.",
                f"More than 4 units on one day: above {NEW_EN}.",
                "SST2022ALK",
            ),
        ],
    ),
    "2022 within": (
        [10, 4],
        NEW,
        F,
        [("alcohol.within", f"Inden for {NEW_DA}.", f"Within {NEW_EN}.", "SST2022ALK")],
    ),
    "1990 woman over": (
        [15],
        OLD,
        F,
        [
            (
                "alcohol.weekly_above",
                f"Over 14 genstande om ugen: over {OLD_DA}.",
                f"More than 14 units a week: above {OLD_EN}.",
                "SST1990ALK",
            )
        ],
    ),
    "1990 man over": (
        [22],
        OLD,
        M,
        [
            (
                "alcohol.weekly_above",
                f"Over 21 genstande om ugen: over {OLD_DA}.",
                f"More than 21 units a week: above {OLD_EN}.",
                "SST1990ALK",
            )
        ],
    ),
    "1990 within": (
        [21, 21],
        OLD,
        M,
        [("alcohol.within", f"Inden for {OLD_DA}.", f"Within {OLD_EN}.", "SST1990ALK")],
    ),
}


@pytest.mark.parametrize("case", GOLDEN)
def test_every_reason_with_its_texts_and_citation(case: str) -> None:
    answers, on, sex, expected = GOLDEN[case]
    reading = read(answers, on, sex)
    assert whole(reading) == expected
    assert reading.above_limit is (expected[0][0] != "alcohol.within")
    assert reading.on == on
    assert reading.guidance == ("anbefaling_2022" if on == NEW else "hoejrisiko_1990")


@pytest.mark.parametrize(
    ("answers", "above", "codes"),
    [
        # the week: 10 is at most 10, anything above is over (SST2022ALK)
        ([10], False, ["alcohol.within"]),
        ([Decimal("10.01")], True, ["alcohol.weekly_above"]),
        ([Decimal("9.99")], False, ["alcohol.within"]),
        # the day: 4 is at most 4, anything above is over
        ([10, 4], False, ["alcohol.within"]),
        ([10, Decimal("4.01")], True, ["alcohol.daily_above"]),
        (
            [Decimal("10.01"), Decimal("4.01")],
            True,
            ["alcohol.weekly_above", "alcohol.daily_above"],
        ),
        # no day given: only the week is read
        ([Decimal("9.5")], False, ["alcohol.within"]),
        ([0], False, ["alcohol.within"]),
        ([0, 0], False, ["alcohol.within"]),
    ],
)
def test_the_2022_limits_on_both_sides(
    answers: list[object], above: bool, codes: list[str]
) -> None:
    for sex in (None, F, M):  # the same limits for women and men, and sex is not needed
        reading = read(answers, NEW, sex)
        assert reading.above_limit is above
        assert [r.code for r in reading.reasons] == codes


@pytest.mark.parametrize(
    ("week", "sex", "above"),
    [
        (Decimal(14), F, False),
        (Decimal("14.01"), F, True),
        (Decimal(15), F, True),
        (Decimal(15), M, False),  # within the men's limit, over the women's
        (Decimal(21), M, False),
        (Decimal("21.01"), M, True),
        (Decimal(22), M, True),
    ],
)
def test_the_1990_high_risk_limit_by_sex_on_both_sides(
    week: Decimal, sex: Sex, above: bool
) -> None:
    reading = read([week], OLD, sex)
    assert reading.above_limit is above
    assert reading.guidance == "hoejrisiko_1990"


def test_the_1990_limit_has_no_daily_limit() -> None:
    # 14 units drunk on one day is far above 4, yet before 2022 only the week counted.
    reading = read([14, 14], OLD, F)
    assert reading.above_limit is False
    assert [r.code for r in reading.reasons] == ["alcohol.within"]


@pytest.mark.parametrize(
    ("on", "guidance"),
    [
        (dt.date(1990, 1, 1), "hoejrisiko_1990"),
        (dt.date(2022, 3, 6), "hoejrisiko_1990"),
        (dt.date(2022, 3, 7), "anbefaling_2022"),
    ],
)
def test_the_guidance_changes_on_7_march_2022(on: dt.date, guidance: str) -> None:
    # 12 a week: within the women's 14 before the change, over the 10 from it.
    reading = read([12], on, F)
    assert reading.guidance == guidance
    assert reading.above_limit is (guidance == "anbefaling_2022")


def test_there_is_no_guidance_before_1990() -> None:
    with pytest.raises(NoRuleError):
        read([3], dt.date(1989, 12, 31), F)


def test_sex_is_needed_before_2022_and_must_be_a_sex() -> None:
    with pytest.raises(ValidationError) as exc:
        read([3], OLD)
    assert problems(exc) == [
        ("sex", "is needed to read intake against the high-risk limit on 2021-06-01")
    ]
    for on in (OLD, NEW):
        with pytest.raises(ValidationError) as exc:
            alcohol.interpret(alcohol.score([3]), on=on, sex="kvinde")  # type: ignore[arg-type]
        assert problems(exc) == [("sex", "must be a Sex")]


def test_the_guidance_table() -> None:
    rows = list(alcohol.GUIDANCE.rows)
    assert [(r.key, r.valid_from, str(r.citation), r.verification) for r in rows] == [
        ("adults", dt.date(1990, 1, 1), "SST1990ALK", Verification.VERIFIED),
        ("adults", dt.date(2022, 3, 7), "SST2022ALK", Verification.VERIFIED),
    ]
    old, new = (r.value for r in rows)
    assert (old.code, old.weekly_women, old.weekly_men, old.daily_limit) == (
        "hoejrisiko_1990",
        14,
        21,
        None,
    )
    assert (new.code, new.weekly_women, new.weekly_men, new.daily_limit) == (
        "anbefaling_2022",
        10,
        10,
        4,
    )
    assert (old.label_da, old.label_en, new.label_da, new.label_en) == (
        OLD_DA,
        OLD_EN,
        NEW_DA,
        NEW_EN,
    )
    assert (old.same_for_both, new.same_for_both) == (False, True)
    assert [old.weekly(s) for s in (F, M)] == [14, 21]
    assert [new.weekly(s) for s in (None, F, M)] == [10, 10, 10]
    # The notes say what each row rests on; the day in 1990 is not known.
    assert [(r.note_da, r.note_en) for r in rows] == [
        (
            "Grænserne (14 genstande om ugen for kvinder, 21 for mænd) er læst i "
            "Sundhedsstyrelsens Genstandsgrænser for voksne (sst.dk). Dagen i 1990 er ikke "
            "kendt; 1. januar er brugt.",
            "The limits (14 units a week for women, 21 for men) were read in the Danish "
            "Health Authority's Genstandsgrænser for voksne (sst.dk). The day in 1990 is not "
            "known; 1 January is used.",
        ),
        (
            "Sundhedsstyrelsens notat af 7. marts 2022 og anbefalingssiden om alkohol (sst.dk).",
            "The Danish Health Authority's note of 7 March 2022 and its page of "
            "recommendations on alcohol (sst.dk).",
        ),
    ]
    assert alcohol.GUIDANCE.name == "alcohol guidance"


def test_names() -> None:
    assert (alcohol.NAME, alcohol.TITLE, alcohol.GRAMS_PER_UNIT) == (
        "alcohol",
        "Alkoholindtag (genstande)",
        12,
    )


@pytest.mark.parametrize(
    ("grams", "expected"),
    [
        (12, Decimal(1)),
        (0, Decimal(0)),
        (30, Decimal("2.5")),
        (18.0, Decimal("1.5")),
        (0.6, Decimal("0.05")),  # read through str, so 0.6 is exactly 0.6
        (Decimal(6), Decimal("0.5")),
        (Decimal("14.4"), Decimal("1.2")),
        (np.int64(24), Decimal(2)),
        (np.float64(3.0), Decimal("0.25")),
    ],
)
def test_units_are_grams_over_12(grams: float | Decimal, expected: Decimal) -> None:
    assert alcohol.units(grams) == expected


@pytest.mark.parametrize(
    "bad",
    [True, False, math.nan, math.inf, -math.inf, Decimal("NaN"), Decimal("Infinity"), "12", None],
)
def test_units_refuse_what_is_not_a_finite_number(bad: object) -> None:
    with pytest.raises(ValidationError) as exc:
        alcohol.units(bad)  # type: ignore[arg-type]
    assert problems(exc) == [("grams", "must be a finite number")]


@pytest.mark.parametrize(
    ("answers", "week", "day"),
    [
        ([7.5, 2], "7.5", "2"),
        ((7.5,), "7.5", None),
        ([0.1], "0.1", None),  # through str: exactly one tenth
        ([Decimal("3.25"), Decimal(0)], "3.25", "0"),
        ([np.int64(5), np.int32(2)], "5", "2"),
        ([np.float64(2.5)], "2.5", None),
        ([np.float64(3.0)], "3", None),  # a whole numpy float is the whole number
        ([4, 4], "4", "4"),  # the day may equal the week
    ],
)
def test_validate_reads_the_amounts_exactly(
    answers: list[object], week: str, day: str | None
) -> None:
    intake = alcohol.validate(answers)
    assert str(intake.per_week) == week
    assert type(intake.per_week) is Decimal
    assert (None if intake.most_in_a_day is None else str(intake.most_in_a_day)) == day
    assert alcohol.score(answers) == intake
    assert alcohol.validate(intake) is intake


SHAPE = "must be a list: units a week[, most on one day]"
NUMBER = "must be a number of units"
FINITE = "must be a finite number"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ("12", [("answers", SHAPE)]),
        (b"12", [("answers", SHAPE)]),
        (12, [("answers", SHAPE)]),
        ({"week": 12}, [("answers", SHAPE)]),
        (None, [("answers", SHAPE)]),
        ([], [("answers", "must hold 1 or 2 numbers, not 0")]),
        ([1, 1, 1], [("answers", "must hold 1 or 2 numbers, not 3")]),
        ([None], [("answers[0]", NUMBER)]),
        (["7"], [("answers[0]", NUMBER)]),
        ([True], [("answers[0]", NUMBER)]),
        ([np.bool_(True)], [("answers[0]", NUMBER)]),
        ([7, False], [("answers[1]", NUMBER)]),
        ([math.nan], [("answers[0]", FINITE)]),
        ([np.float64("nan")], [("answers[0]", FINITE)]),
        ([math.inf], [("answers[0]", FINITE)]),
        ([Decimal("NaN")], [("answers[0]", FINITE)]),
        ([Decimal("-Infinity")], [("answers[0]", FINITE)]),
        ([7, Decimal("Infinity")], [("answers[1]", FINITE)]),
        ([-1], [("answers[0]", "must be 0 or more")]),
        ([Decimal("-0.5")], [("answers[0]", "must be 0 or more")]),
        ([7, -0.5], [("answers[1]", "must be 0 or more")]),
        ([3, 4], [("answers[1]", "must not exceed the units of the week")]),
        ([Decimal("3.99"), 4], [("answers[1]", "must not exceed the units of the week")]),
        # every problem at once; a bad week is not compared with the day
        ([None, math.nan], [("answers[0]", NUMBER), ("answers[1]", FINITE)]),
        ([-1, 5], [("answers[0]", "must be 0 or more")]),
        ([5, None], [("answers[1]", NUMBER)]),
    ],
)
def test_validation_problems(answers: object, expected: list[tuple[str, str]]) -> None:
    with pytest.raises(ValidationError) as exc:
        alcohol.validate(answers)
    assert problems(exc) == expected
    assert exc.value.problems == tuple(Problem(p, m) for p, m in expected)


def test_errors_never_echo_the_amounts() -> None:
    for answers in ([Decimal("98765.4"), Decimal("98766.5")], [Decimal("-98765.4")]):
        with pytest.raises(ValidationError) as exc:
            alcohol.validate(answers)
        assert "98765" not in str(exc.value)
        assert "98766" not in str(exc.value)


@pytest.mark.parametrize(
    ("result", "on", "expected"),
    [
        ([12, 3], NEW, [("result", "must be an Intake")]),
        (None, NEW, [("result", "must be an Intake")]),
        (alcohol.score([3]), "2024-03-04", [("on", "must be a date")]),
        (alcohol.score([3]), dt.datetime(2024, 3, 4, 9, tzinfo=dt.UTC), [("on", "must be a date")]),
        ((3,), None, [("result", "must be an Intake"), ("on", "must be a date")]),
        # a bad result is named before the date is looked up, even a date before 1990
        ("x", dt.date(1980, 1, 1), [("result", "must be an Intake")]),
    ],
)
def test_interpret_needs_an_intake_and_a_date(
    result: object, on: object, expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationError) as exc:
        alcohol.interpret(result, on=on, sex=F)  # type: ignore[arg-type]
    assert problems(exc) == expected
