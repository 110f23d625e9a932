"""Scans over the decoded rows of an event table: what comes next, first, last (research extra).

[`Scan`][helhed.batch._scan.Scan] holds the arrays every columnar rule walks - each row's
citizen, day number and time of day, in the order (citizen, timeline) - and answers the
questions the rules ask of them over whole columns: the next row of a citizen in a mask, the
next one sharing a value, the first of each citizen, the latest up to a row, the end of a
row's day. Nothing here reads the frame; ``helhed.batch._table`` decodes it.
"""

from __future__ import annotations

import datetime as dt
import typing

import numpy as np
import numpy.typing as npt

from helhed.batch._timeline import NO_TIME

__all__ = ["Bools", "Ints", "Scan", "day_number", "runs"]

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


def day_number(day: dt.date) -> int:
    """``day`` as a number of days since 1970-01-01 (negative before)."""
    return int(np.datetime64(day, "D").astype(np.int64))


def runs(values: Ints) -> tuple[Ints, Ints]:
    """Each row's run of equal ``values`` (sorted): its first row, and the row after its last.

    What ``searchsorted`` left and right of each value give, in one pass.
    """
    n = len(values)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    first = np.flatnonzero(np.append(True, values[1:] != values[:-1]))
    after = np.append(first[1:], n)
    lengths = after - first
    return np.repeat(first, lengths).astype(np.int64), np.repeat(after, lengths).astype(np.int64)


class Scan:
    """Rows in the order (citizen, timeline): ``citizen``, ``day`` and ``time`` per row.

    A citizen's rows are contiguous, from ``start[p]`` up to ``end[p]``; ``citizens`` counts
    the citizens numbered (some may have no row); ``size`` is the number of rows.
    """

    def __init__(self, *, citizen: Ints, day: Ints, time: Ints, citizens: int) -> None:
        self.citizen = citizen
        self.day = day
        self.time = time
        self.citizens = citizens
        self.size = len(citizen)
        self.start, self.end = runs(citizen)
        self._day_ends: Ints | None = None

    def next_after(self, mask: Bools) -> Ints:
        """For each row, the next row of its citizen in ``mask`` (``size`` if none)."""
        n = self.size
        index = np.where(mask, np.arange(n), n)
        following = np.minimum.accumulate(index[::-1])[::-1]
        after = np.append(following[1:], n)
        return np.where(after < self.end, after, n)

    def next_alike(self, mask: Bools, values: Ints, rows: Ints) -> Ints:
        """For each of ``rows``, the next row in ``mask`` of its citizen with its value."""
        n = self.size
        candidates = np.flatnonzero(mask)
        out = np.full(len(rows), n, dtype=np.int64)
        if not candidates.size or not rows.size:
            return out
        groups = self.groups(np.concatenate([candidates, rows]), values)
        key = groups[: len(candidates)] * (n + 1) + candidates
        key.sort()
        asked = groups[len(candidates) :]
        at = np.searchsorted(key, asked * (n + 1) + rows, side="right")
        ok = at < len(key)
        at = np.minimum(at, len(key) - 1)
        ok &= key[at] // (n + 1) == asked
        return np.where(ok, key[at] % (n + 1), n)

    def first_alike(self, mask: Bools, values: Ints, rows: Ints) -> Ints:
        """For each of ``rows``, the first row in ``mask`` of its citizen with its value."""
        candidates = np.flatnonzero(mask)
        out = np.full(len(rows), self.size, dtype=np.int64)
        if not candidates.size:
            return out
        groups = self.groups(np.concatenate([candidates, rows]), values)
        mine, asked = groups[: len(candidates)], groups[len(candidates) :]
        # Candidates are in row order, so the first of each group is its earliest row.
        seen, first = np.unique(mine, return_index=True)
        at = np.minimum(np.searchsorted(seen, asked), len(seen) - 1)
        return np.where(seen[at] == asked, candidates[first[at]], self.size)

    def groups(self, rows: Ints, values: Ints) -> Ints:
        """A number per (citizen, value) pair of ``rows``, equal for equal pairs."""
        width = int(values.max(initial=0)) + 2
        pairs = self.citizen[rows] * width + (values[rows] + 1)
        inverse = np.unique(pairs, return_inverse=True)[1]
        return np.asarray(inverse, dtype=np.int64).reshape(-1)

    def first_of(self, mask: Bools) -> Ints:
        """For each citizen, the first row in ``mask`` (``size`` if none)."""
        out = np.full(self.citizens, self.size, dtype=np.int64)
        rows = np.flatnonzero(mask)
        citizens, first = np.unique(self.citizen[rows], return_index=True)
        out[citizens] = rows[first]
        return out

    def last_until(self, mask: Bools) -> Ints:
        """For each row, the latest row of its citizen up to it in ``mask`` (-1 if none)."""
        latest = np.maximum.accumulate(np.where(mask, np.arange(self.size), -1))
        return np.where(latest >= self.start, latest, -1)

    def day_end(self, rows: Ints) -> Ints:
        """The last row of the citizen's day of each of ``rows``."""
        if self._day_ends is None:
            citizen, day = self.citizen, self.day
            last = np.append((citizen[1:] != citizen[:-1]) | (day[1:] != day[:-1]), True)
            self._day_ends = np.flatnonzero(last)
        return self._day_ends[np.searchsorted(self._day_ends, rows)]

    def moment_end(self, rows: Ints) -> Ints:
        """The last row of the citizen's day at the time of day of each of ``rows``.

        That is the day's last row for a row without a time; for one with a time, the last
        row with that time. A day's times never go back in the timeline, so the rows in
        between have that time or none.
        """
        end = self.day_end(rows)
        timed = self.time[rows] != NO_TIME
        if timed.any():
            runs = np.flatnonzero(self.time != NO_TIME)
            citizen, day, time = self.citizen[runs], self.day[runs], self.time[runs]
            same = (citizen[1:] == citizen[:-1]) & (day[1:] == day[:-1]) & (time[1:] == time[:-1])
            last = runs[np.append(~same, True)]
            end[timed] = last[np.searchsorted(last, rows[timed])]
        return end

    @staticmethod
    def dates(numbers: Ints) -> list[dt.date]:
        """Day numbers as dates; equal days share one ``date`` object, made once."""
        distinct, inverse = np.unique(numbers, return_inverse=True)
        days = distinct.astype("datetime64[D]").astype(object)
        return typing.cast("list[dt.date]", days[inverse.reshape(-1)].tolist())
