"""[`Parallel`][helhed.rules.Parallel] over whole columns: the two administrations' spans."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.batch._table import ADMINISTRATION_INDEX
from helhed.batch.rules.registry import columnar
from helhed.pathways.events import (
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
    PathwayClosed,
)
from helhed.rules import Parallel

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._scan import Ints
    from helhed.batch._table import Table
    from helhed.organisation import Administration

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


def _spans(table: Table, administration: Administration, last_day: Ints) -> tuple[Ints, Ints, Ints]:
    """An administration's interventions as ``_intervals`` finds them: start rows, days, ends.

    Per citizen and offer, in log order: a start is overwritten by a later start, closed by
    the next completion or drop-out, and otherwise runs until the pathway closed or the day
    checked; a completion with no open start counts for nothing.
    """
    starts = table.kinds(InterventionStarted)
    ends = table.kinds(InterventionCompleted, InterventionDroppedOut)
    rows = np.flatnonzero(
        (table.org == ADMINISTRATION_INDEX[administration.code]) & (starts | ends)
    )
    offer, _ = table.codes("offer")
    width = int(offer.max(initial=0)) + 2
    key = table.citizen[rows] * width + (offer[rows] + 1)
    order = np.lexsort((rows, key))
    rows, key = rows[order], key[order]
    opening = starts[rows]
    same = np.append(key[1:] == key[:-1], False)
    closes = np.append(~opening[1:], False)
    closed = np.flatnonzero(opening & same & closes)
    running = np.flatnonzero(opening & ~same)
    start = np.concatenate([rows[closed], rows[running]])
    end = np.concatenate([table.day[rows[closed + 1]], last_day[table.citizen[rows[running]]]])
    return start, table.day[start], end


@columnar(Parallel, fields=("first", "second"))
def parallel(rule: Parallel, table: Table, _objects: Objects, found: Found) -> None:
    """A citizen with interventions of both administrations, none overlapping, is a finding."""
    last_day = np.full(table.citizens, table.on, dtype=np.int64)
    closing = np.flatnonzero(table.kinds(PathwayClosed))
    last_day[table.citizen[closing]] = table.day[closing]
    ones, one_start, one_end = _spans(table, rule.first, last_day)
    twos, two_start, two_end = _spans(table, rule.second, last_day)
    one_citizen, two_citizen = table.citizen[ones], table.citizen[twos]
    both = np.intersect1d(one_citizen, two_citizen)
    if not both.size:
        return
    # Every pair of spans of one citizen, one of each administration.
    order = np.argsort(one_citizen, kind="stable")
    one_citizen, one_start, one_end = one_citizen[order], one_start[order], one_end[order]
    low = np.searchsorted(one_citizen, two_citizen, side="left")
    count = np.searchsorted(one_citizen, two_citizen, side="right") - low
    two = np.repeat(np.arange(len(twos)), count)
    one = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count - low, count)
    overlap = (one_start[one] <= two_end[two]) & (two_start[two] <= one_end[one])
    citizens = np.setdiff1d(both, two_citizen[two[overlap]])
    if not citizens.size:
        return
    first_one = np.full(table.citizens, np.iinfo(np.int64).max, dtype=np.int64)
    first_two = first_one.copy()
    np.minimum.at(first_one, one_citizen, one_start)
    np.minimum.at(first_two, two_citizen, two_start)
    involved = np.concatenate([ones, twos])
    involved = involved[np.isin(table.citizen[involved], citizens)]
    involved = involved[np.lexsort((table.position[involved], table.citizen[involved]))]
    cuts = np.flatnonzero(np.diff(table.citizen[involved])) + 1
    positions = np.split(table.position[involved], cuts)
    found.add(
        rule,
        table.names(citizens),
        [tuple(p.tolist()) for p in positions],
        list(zip(table.dates(first_one[citizens]), table.dates(first_two[citizens]), strict=True)),
        [rule.detail] * len(citizens),
    )
