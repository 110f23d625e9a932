"""The rows of an event table as ``Pathway.until`` sees each log: in force, by the day, in order.

A citizen's rows, in the order of ``helhed:index``, are their log: the order of recording. The
rules read the timeline instead, so the batch check first picks, for the day checked:

* the rows in force: an annulment (``haendelse_annulleret``) and the row it annuls both
  leave. ``annuls`` names that row by its ``helhed:index`` within the citizen, as
  ``from_frame`` reads it. An annulment counts whatever day it was made, as the object API
  judges every log with all it knows now. An annulment naming no row of its citizen annuls
  nothing here (``from_frame`` refuses it; ``validate=True`` does too);
* of those, the rows that happened on or before the day checked (``occurred_on``);
* each citizen's rows in the order they happened, as
  [`occurrence_order`][helhed.pathways.pathway.occurrence_order] puts them. A citizen whose
  rows are in that order already - days never go back, and on one day no time of day ``at``
  is earlier than a time before it - keeps them: this is checked over whole columns. The
  rows of the other citizens are sorted into the order ``occurrence_order`` gives, all
  citizens at once (``timeline_order``).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from helhed.batch._cells import factor, position, time_of_day
from helhed.errors import Problem

__all__ = ["NO_TIME", "in_force", "timeline", "timeline_order"]

_Ints = npt.NDArray[np.int64]
_Bools = npt.NDArray[np.bool_]

NO_TIME: Final = -1
"""The time of day of a row without one."""


def in_force(  # noqa: PLR0913 - the log's columns the annulments need
    frame: pd.DataFrame,
    rows: _Ints,
    citizen: _Ints,
    index: _Ints,
    annulment: _Bools,
    *,
    problems: list[Problem],
) -> _Bools:
    """Which entries of the log are in force: neither an annulment nor annulled by one.

    Args:
        frame: The table.
        rows: Each entry's row in ``frame``; entries are in log order, (citizen, index).
        citizen: Each entry's citizen number.
        index: Each entry's ``helhed:index``.
        annulment: Which entries are annulments.
        problems: Where a bad ``annuls`` cell is reported.
    """
    kept = ~annulment
    annulments = np.flatnonzero(annulment)
    if not annulments.size:
        return kept
    if "annuls" not in frame.columns:
        problems.extend(Problem(f"rows[{r}].annuls", "is required") for r in rows[annulments])
        return kept
    codes, values = factor(frame, "annuls", position, -1, problems, rows=rows[annulments])
    missing = np.asarray(codes) == len(values) - 1
    problems.extend(
        Problem(f"rows[{r}].annuls", "is required") for r in rows[annulments[missing]].tolist()
    )
    wanted = np.array(values, dtype=np.int64)[codes]
    # A binary search in each annulment's citizen's entries, which are sorted by index.
    low = np.searchsorted(citizen, citizen[annulments], side="left")
    end = np.searchsorted(citizen, citizen[annulments], side="right")
    high = end.copy()
    while (live := low < high).any():
        middle = (low + high) // 2
        before = live & (index[np.minimum(middle, len(index) - 1)] < wanted)
        low = np.where(before, middle + 1, low)
        high = np.where(live & ~before, middle, high)
    found = (low < end) & (wanted >= 0)
    found &= index[np.minimum(low, len(index) - 1)] == wanted
    kept[low[found]] = False
    return kept


def _times(frame: pd.DataFrame, rows: _Ints, problems: list[Problem]) -> _Ints:
    """Each row's time of day in microseconds (``NO_TIME`` if none)."""
    if "at" not in frame.columns or not rows.size:
        return np.full(len(rows), NO_TIME, dtype=np.int64)
    codes, values = factor(frame, "at", time_of_day, None, problems, rows=rows)
    micro = [
        NO_TIME if t is None else ((t.hour * 60 + t.minute) * 60 + t.second) * 10**6 + t.microsecond
        for t in values
    ]
    return np.array(micro, dtype=np.int64)[codes]


def timeline_order(citizen: _Ints, day: _Ints, time: _Ints) -> _Ints:
    """The order ``occurrence_order`` gives each citizen's entries, for all citizens at once.

    The entries are in log order within each citizen, citizens together. ``occurrence_order``
    places each entry in turn before the first one already placed that surely happened later,
    which comes to sorting by (citizen, day, key, log position), where the key of an entry
    with a time of day is that time and the key of one without is the latest time of the
    entries with one logged before it on its day (``NO_TIME`` if none): on one day, timed
    entries keep the order of their times, and an entry without a time stays after every
    timed entry logged before it and before each later one with an earlier time than those.

    Args:
        citizen: Each entry's citizen number.
        day: Each entry's day number.
        time: Each entry's time of day in microseconds, ``NO_TIME`` if it has none.

    Returns:
        The entries' places (indexes into the arguments) in timeline order.
    """
    if not len(citizen):
        return np.zeros(0, dtype=np.int64)
    # The latest time so far on each citizen's day, in log order (NO_TIME is the least).
    latest = pd.Series(time).groupby([citizen, day], sort=False).cummax().to_numpy()
    key = np.where(time == NO_TIME, latest, time)
    log = np.arange(len(citizen), dtype=np.int64)
    return np.lexsort((log, key, day, citizen)).astype(np.int64)


def timeline(
    frame: pd.DataFrame, rows: _Ints, citizen: _Ints, day: _Ints, problems: list[Problem]
) -> tuple[_Ints, _Ints]:
    """The entries given, each citizen's put in timeline order, and their times of day.

    Args:
        frame: The table.
        rows: Each entry's row in ``frame``, in log order within each citizen, citizens
            together and in order.
        citizen: Each entry's citizen number.
        day: Each entry's day number (``occurred_on``).
        problems: Where a bad ``at`` cell is reported.

    Returns:
        The entries' places (indexes into the arguments) in the new order, and each placed
        entry's time of day in microseconds, ``NO_TIME`` if it has none.
    """
    time = _times(frame, rows, problems)
    picked = np.arange(len(rows), dtype=np.int64)
    if len(rows) < 2:  # one entry is in order
        return picked, time
    same = citizen[1:] == citizen[:-1]
    back = same & (day[1:] < day[:-1])
    timed = np.flatnonzero(time != NO_TIME)
    # Days never go back (else the citizen is out of order), so a day's entries are together.
    earlier = (
        (citizen[timed][1:] == citizen[timed][:-1])
        & (day[timed][1:] == day[timed][:-1])
        & (time[timed][1:] < time[timed][:-1])
    )
    disordered = np.unique(np.concatenate([citizen[1:][back], citizen[timed][1:][earlier]]))
    if not disordered.size:
        return picked, time
    moved = np.flatnonzero(np.isin(citizen, disordered))
    picked[moved] = moved[timeline_order(citizen[moved], day[moved], time[moved])]
    return picked, time[picked]
