"""The vectorised steps of the columnar check equal the object API's step they replace."""

import datetime as dt

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from helhed.batch._scan import day_number
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
        np.array(citizen, dtype=np.int64), np.array(day, dtype=np.int64), np.array(time, dtype=np.int64)
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
