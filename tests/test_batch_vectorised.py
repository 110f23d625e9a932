"""The vectorised steps of the columnar check equal the object API's step they replace."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

import helhed.batch._found as found
from helhed.batch._scan import day_number, runs
from helhed.batch._timeline import NO_TIME, timeline_order
from helhed.pathways.pathway import occurrence_order

D = dt.date(2024, 3, 4)

# A few days and times, so that ties and untimed entries are common.
entries = st.lists(
    st.tuples(st.integers(0, 2), st.one_of(st.none(), st.sampled_from([9, 11, 12, 14]))),
    max_size=12,
)


def micro(hour):
    return NO_TIME if hour is None else hour * 3_600 * 10**6


@given(st.lists(entries, max_size=6))
def test_timeline_order_equals_occurrence_order(logs):
    """All citizens at once, sorted, is each citizen's occurrence_order."""
    citizen, day, time, expected = [], [], [], []
    for number, log in enumerate(logs):
        days = [D + dt.timedelta(days=d) for d, _ in log]
        times = [None if h is None else dt.time(h) for _, h in log]
        start = len(citizen)
        expected.extend(start + p for p in occurrence_order(days, times))
        citizen.extend([number] * len(log))
        day.extend(day_number(d) for d in days)
        time.extend(micro(h) for _, h in log)
    got = timeline_order(
        np.array(citizen, dtype=np.int64),
        np.array(day, dtype=np.int64),
        np.array(time, dtype=np.int64),
    )
    assert got.tolist() == expected


def test_timeline_order_worked_example():
    """12:00, no time, 11:00 on one day: 11:00 first, the untimed entry stays after 12:00.

    The same as ``occurrence_order``'s own example; a second citizen logged a day late.
    """
    citizen = np.array([0, 0, 0, 1, 1], dtype=np.int64)
    day = np.array([5, 5, 5, 6, 5], dtype=np.int64)
    time = np.array([micro(12), NO_TIME, micro(11), NO_TIME, NO_TIME], dtype=np.int64)
    assert timeline_order(citizen, day, time).tolist() == [2, 0, 1, 4, 3]


texts = st.lists(st.text(max_size=4), max_size=40)


@given(texts)
def test_ranks_of_texts_sort_as_python_sorts(values):
    """Ranked by Arrow (when every value is text) or by Python, as ``sorted`` orders them."""
    saved = found._MANY
    found._MANY = 0  # rank every list through Arrow, however short
    try:
        got = found._ranks(values).tolist()
    finally:
        found._MANY = saved
    distinct = sorted(set(values))
    assert got == [distinct.index(v) for v in values]


def test_ranks_worked_example():
    """Code point order, as Python compares: "Z" < "a" < "å" < an emoji; a lone surrogate too."""
    saved = found._MANY
    found._MANY = 0
    try:
        assert found._ranks(["å", "a", "Z", "\U0001f600", "a"]).tolist() == [2, 1, 0, 3, 1]
        assert found._ranks(["\ud800", "b"]).tolist() == [1, 0]  # Python sorts it: no Arrow
    finally:
        found._MANY = saved


@given(st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=6), max_size=30))
def test_texts_column_equals_pandas_string_column(values):
    """The finding texts built straight into Arrow equal pandas' own ``"string"`` column."""
    pd.testing.assert_series_equal(
        found._texts(values), pd.Series(found.objects(values), dtype="string")
    )


@given(st.lists(st.integers(-3, 3)).map(sorted))
def test_runs_equal_searchsorted(values):
    """Each row's run of equal values: searchsorted left and right of it."""
    array = np.array(values, dtype=np.int64)
    start, end = runs(array)
    assert start.tolist() == np.searchsorted(array, array, side="left").tolist()
    assert end.tolist() == np.searchsorted(array, array, side="right").tolist()


def test_runs_worked_example():
    assert [r.tolist() for r in runs(np.array([2, 2, 5, 7, 7, 7], dtype=np.int64))] == [
        [0, 0, 2, 3, 3, 3],
        [2, 2, 3, 6, 6, 6],
    ]
