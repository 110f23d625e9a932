"""What the instruments share (screening._base) and the registry, to the exact problem.

Scores, bands and sets of bands check themselves when built; answers are checked item by item
with the item's number and the values it may take, never the value given. The values below
are worked out by hand from the rules the classes state.
"""

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from helhed.errors import UnknownNameError, ValidationError
from helhed.screening import (
    INSTRUMENTS,
    QUESTIONNAIRES,
    Band,
    Bands,
    Score,
    Sex,
    audit,
    audit_c,
    get_instrument,
    questionnaire,
    who5,
)
from helhed.screening._base import check_answers, check_result
from helhed.sources import Citation

ON = dt.date(2024, 3, 4)
CITE = Citation("WHO5")


def problems(err):
    return [(p.path, p.message) for p in err.value.problems]


def band(code, low, high):
    return Band(
        code=code,
        low=low,
        high=high,
        label_da=f"{code} da",
        label_en=f"{code} en",
        advice_da="Råd.",
        advice_en="Advice.",
        citation=CITE,
    )


# --- Score ----------------------------------------------------------------------------------


def test_a_score_holds_its_fields():
    s = Score(instrument="audit-c", answers=(1, 2, 3), total=6)

    assert (s.instrument, s.answers, s.total, s.scaled) == ("audit-c", (1, 2, 3), 6, None)
    assert Score(instrument="who5", answers=(0,) * 5, total=0, scaled=0).scaled == 0


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"instrument": " "}, [("instrument", "must not be blank")]),
        ({"instrument": 5}, [("instrument", "must be a string")]),
        ({"total": 7}, [("total", "must be the sum of the answers")]),
        ({"total": 5}, [("total", "must be the sum of the answers")]),
        ({"total": -6}, [("total", "must be 0 or more")]),
        ({"total": "6"}, [("total", "must be a whole number")]),
        ({"scaled": -1}, [("scaled", "must be 0 or more")]),
        ({"scaled": 1.5}, [("scaled", "must be a whole number")]),
        ({"answers": 6}, [("answers", "must be a tuple")]),
        # A bad answer: no sum is taken, so no second problem and no crash.
        ({"answers": (1, 2, "3")}, [("answers[2]", None)]),
        (
            {"answers": (1, 2, "3"), "total": -1},
            [("answers[2]", None), ("total", "must be 0 or more")],
        ),
        (
            {"instrument": "", "answers": (1, 2, 4), "scaled": "x"},
            [
                ("instrument", "must not be blank"),
                ("total", "must be the sum of the answers"),
                ("scaled", "must be a whole number"),
            ],
        ),
    ],
)
def test_a_score_names_each_bad_field(fields, expected):
    with pytest.raises(ValidationError) as err:
        Score(**{"instrument": "audit-c", "answers": (1, 2, 3), "total": 6, **fields})

    found = problems(err)
    assert [path for path, _ in found] == [path for path, _ in expected]
    for (_, message), (_, want) in zip(found, expected, strict=True):
        if want is None:  # the article is the validation module's wording
            assert message.startswith("must be a")
            assert message.endswith("int")
        else:
            assert message == want


# --- check_result ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "message"),
    [
        ("who5", "WHO-5", "must be a WHO-5 score"),
        ("audit", "AUDIT", "must be an AUDIT score"),
        ("audit-c", "AUDIT-C", "must be an AUDIT-C score"),
        ("x", "Example", "must be an Example score"),
        ("x", "Index", "must be an Index score"),
        ("x", "Omega", "must be an Omega score"),
        ("x", "Bergen", "must be a Bergen score"),
        ("x", "Xenon", "must be a Xenon score"),
    ],
)
def test_check_result_names_the_instrument_with_its_article(name, title, message):
    other = Score(instrument="other", answers=(1,), total=1)

    check_result(Score(instrument=name, answers=(1,), total=1), name, title, ON)
    with pytest.raises(ValidationError) as err:
        check_result(other, name, title, ON)
    assert problems(err) == [("result", message)]


@pytest.mark.parametrize(
    ("result", "on", "expected"),
    [
        (
            who5.score([1] * 5),
            dt.datetime(2024, 3, 4, 12, tzinfo=dt.UTC),
            [("on", "must be a date")],
        ),
        (who5.score([1] * 5), "2024-03-04", [("on", "must be a date")]),
        ([1, 1, 1, 1, 1], ON, [("result", "must be a WHO-5 score")]),
        (audit_c.score([1, 1, 1]), ON, [("result", "must be a WHO-5 score")]),
        (None, None, [("result", "must be a WHO-5 score"), ("on", "must be a date")]),
    ],
)
def test_who5_interpret_checks_the_result_and_the_day_together(result, on, expected):
    with pytest.raises(ValidationError) as err:
        who5.interpret(result, on=on)

    assert problems(err) == expected


def test_each_instrument_refuses_the_others_scores():
    with pytest.raises(ValidationError) as err:
        audit.interpret(audit_c.score([4, 4, 4]), on=ON)
    assert problems(err) == [("result", "must be an AUDIT score")]
    with pytest.raises(ValidationError) as err:
        audit_c.interpret(audit.score([0] * 10), on=ON, sex=Sex.MALE)
    assert problems(err) == [("result", "must be an AUDIT-C score")]


# --- Band and Bands -------------------------------------------------------------------------


def test_a_band_may_hold_one_score():
    one = band("one", 7, 7)

    assert (one.low, one.high) == (7, 7)
    assert 7 in one
    assert 6 not in one
    assert 8 not in one


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (5, 4, [("high", "must not be below low")]),
        (-1, 4, [("low", "must be 0 or more")]),
        (0, -1, [("high", "must be 0 or more")]),
        ("a", 4, [("low", "must be a whole number")]),
        (3, "b", [("high", "must be a whole number")]),
        (1.5, None, [("low", "must be a whole number"), ("high", "must be a whole number")]),
    ],
)
def test_a_band_must_not_be_empty_or_malformed(low, high, expected):
    with pytest.raises(ValidationError) as err:
        band("b", low, high)

    assert problems(err) == expected


def test_a_band_needs_a_code():
    with pytest.raises(ValidationError) as err:
        band(" ", 0, 1)
    assert problems(err) == [("code", "must not be blank")]
    with pytest.raises(ValidationError) as err:
        band(None, 2, 1)
    assert problems(err) == [("code", "must be a string"), ("high", "must not be below low")]


@pytest.mark.parametrize(
    ("value", "inside"),
    [
        (28, False),
        (29, True),
        (40, True),
        (50, True),
        (51, False),
        (29.0, True),
        (np.int64(50), True),
        (29.5, False),
        ("30", False),
        (None, False),
        (float("nan"), False),
    ],
)
def test_a_band_holds_the_whole_numbers_from_low_to_high(value, inside):
    assert (value in who5.BANDS.bands[1]) is inside


def test_a_bool_is_not_a_score_in_a_band():
    assert 1 in band("b", 0, 1)
    assert True not in band("b", 0, 1)


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        ((), [("bands", "must hold at least one band")]),
        (
            (band("a", 0, 7), band("b", 9, 10)),
            [("bands[1].low", "must follow the band before without gap or overlap")],
        ),
        (
            (band("a", 0, 7), band("b", 7, 10)),
            [("bands[1].low", "must follow the band before without gap or overlap")],
        ),
        (
            (band("a", 0, 7), band("b", 8, 10), band("c", 12, 20)),
            [("bands[2].low", "must follow the band before without gap or overlap")],
        ),
        (
            (band("a", 0, 7), band("b", 6, 10), band("c", 10, 20)),
            [
                ("bands[1].low", "must follow the band before without gap or overlap"),
                ("bands[2].low", "must follow the band before without gap or overlap"),
            ],
        ),
        ((band("a", 0, 7), "b"), [("bands[1]", "must be a Band")]),
        (("a",), [("bands[0]", "must be a Band")]),
    ],
)
def test_bands_follow_each_other_without_gap_or_overlap(bands, expected):
    with pytest.raises(ValidationError) as err:
        Bands(name="test", scale="total", bands=bands)

    assert problems(err) == expected


def test_bands_need_a_name_and_may_start_anywhere():
    with pytest.raises(ValidationError) as err:
        Bands(name=" ", scale="total", bands=(band("a", 0, 1),))
    assert problems(err) == [("name", "must not be blank")]
    bands = Bands(name="test", scale="points", bands=(band("a", 3, 4), band("b", 5, 9)))
    assert [bands.find(v).code for v in (3, 4, 5, 9)] == ["a", "a", "b", "b"]
    for outside in (2, 10):
        with pytest.raises(ValidationError) as err:
            bands.find(outside)
        assert problems(err) == [("points", "is outside the bands of test")]


# --- check_answers --------------------------------------------------------------------------


def test_answers_from_numpy_and_pandas_are_read_as_plain_ints():
    for answers in (
        np.array([1, 2, 3, 4, 5]),
        np.array([1.0, 2.0, 3.0, 4.0, 5.0]),
        pd.Series([1, 2, 3, 4, 5]),
        pd.Series([1.0, 2.0, 3.0, 4.0, 5.0]),
        [np.int64(1), 2.0, np.float64(3), 4, 5],
    ):
        items = who5.validate(answers)
        assert items == (1, 2, 3, 4, 5)
        assert all(type(v) is int for v in items)
    result = who5.score(np.array([5, 5, 5, 5, 4]))
    assert (result.total, result.scaled) == (24, 96)


def test_a_missing_answer_in_numpy_or_pandas_is_named():
    for answers in (np.array([1, np.nan, 3, 4, 5]), pd.Series([1, None, 3, 4, 5])):
        with pytest.raises(ValidationError) as err:
            who5.validate(answers)
        assert problems(err) == [("answers[1]", "item 2 is missing; WHO-5 is not imputed")]
    with pytest.raises(ValidationError) as err:
        who5.validate(np.array([[1, 2, 3, 4, 5]]))
    assert problems(err) == [
        ("answers", "must hold 5 answers to WHO-5, not 1"),
        ("answers[0]", "item 1 must be a whole number from 0 to 5"),
    ]


class Answers(Sequence):
    """A sequence with a ``tolist`` of its own: read as the sequence it is."""

    def __init__(self, values):
        self.values = list(values)

    def __getitem__(self, index):
        return self.values[index]

    def __len__(self):
        return len(self.values)

    def tolist(self):
        return [9] * len(self.values)


def test_a_sequence_is_read_as_itself_even_with_a_tolist():
    assert who5.validate(Answers([1, 2, 3, 4, 5])) == (1, 2, 3, 4, 5)
    assert who5.validate(memoryview(bytes([5, 4, 3, 2, 1]))) == (5, 4, 3, 2, 1)


class Listed:
    """Not a sequence, but with a ``tolist``, like a numpy array."""

    def tolist(self):
        return [0, 1, 2, 3, 4]


class NotCallable:
    """Not a sequence, and its ``tolist`` is not a method."""

    tolist = (0, 1, 2, 3, 4)


def test_anything_with_a_tolist_is_read_as_its_list_and_nothing_else():
    assert who5.validate(Listed()) == (0, 1, 2, 3, 4)
    with pytest.raises(ValidationError) as err:
        who5.validate(NotCallable())
    assert problems(err) == [("answers", "must be a list of 5 answers to WHO-5")]


@pytest.mark.parametrize(
    ("allowed", "answers", "message"),
    [
        ([(1, 3, 5)], [2], "item 1 must be 1, 3 or 5"),
        ([(0, 4)], [2], "item 1 must be 0 or 4"),
        ([(2, 3)], [1], "item 1 must be a whole number from 2 to 3"),
        ([range(1, 8)], [0], "item 1 must be a whole number from 1 to 7"),
        ([range(1, 8)], [8], "item 1 must be a whole number from 1 to 7"),
        ([(7,)], [6], "item 1 must be a whole number from 7 to 7"),
        ([(0, 1, 3, 4)], [2], "item 1 must be 0, 1, 3 or 4"),
    ],
)
def test_the_allowed_values_are_said_as_a_range_or_a_list(allowed, answers, message):
    with pytest.raises(ValidationError) as err:
        check_answers(answers, name="X", count=1, allowed=allowed)

    assert problems(err) == [("answers[0]", message)]


def test_check_answers_returns_the_answers_in_order():
    assert check_answers((1, 5, 3), name="X", count=3, allowed=[(1, 3, 5)] * 3) == (1, 5, 3)
    assert check_answers([], name="X", count=0, allowed=[]) == ()


# --- Registry -------------------------------------------------------------------------------


def test_the_registry_finds_each_instrument_and_questionnaire():
    assert dict(INSTRUMENTS) == {m.NAME: m for m in INSTRUMENTS.values()}
    assert get_instrument("audit-c") is audit_c
    assert questionnaire("who5") is who5
    assert questionnaire("audit") is audit
    assert set(QUESTIONNAIRES) < set(INSTRUMENTS)


@pytest.mark.parametrize(
    ("lookup", "name", "message"),
    [
        (
            get_instrument,
            "AUDIT",
            "unknown instrument 'AUDIT'; expected one of: who5, audit, audit-c, alcohol, vba",
        ),
        (
            questionnaire,
            "vba",
            "unknown questionnaire 'vba'; expected one of: who5, audit, audit-c",
        ),
        (questionnaire, "", "unknown questionnaire ''; expected one of: who5, audit, audit-c"),
    ],
)
def test_an_unknown_name_is_an_unknown_name_error(lookup, name, message):
    with pytest.raises(UnknownNameError) as err:
        lookup(name)

    assert str(err.value) == message
    assert err.value.__cause__ is None
    assert err.value.__suppress_context__
