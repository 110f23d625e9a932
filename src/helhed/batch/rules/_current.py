"""Each citizen's current caseworkers, over whole columns (research extra).

What ``PathwayState.caseworkers`` holds after the timeline, read without replaying it: the
members of staff whose latest assignment or release (per citizen and member of staff) is an
assignment, less a coordinating caseworker another coordinating assignment has replaced
since (a new coordinating caseworker takes over from the one before). Shared by
[`AtMostPer`][helhed.rules.AtMostPer] and
[`CoordinatingCaseworkerAssigned`][helhed.rules.CoordinatingCaseworkerAssigned].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.organisation import Role
from helhed.pathways.events import CaseworkerAssigned, CaseworkerReleased, PathwayClosed

if TYPE_CHECKING:
    from helhed.batch._scan import Bools, Ints
    from helhed.batch._table import Table

__all__ = ["closed", "current_caseworkers"]


def closed(table: Table) -> Bools:
    """For each citizen, True if a ``PathwayClosed`` is among their rows (the pathway is closed)."""
    out = np.zeros(table.citizens, dtype=bool)
    out[table.citizen[table.kinds(PathwayClosed)]] = True
    return out


def current_caseworkers(table: Table) -> Ints:
    """The rows of the assignments that make the current caseworkers of open pathways.

    One row per citizen and member of staff assigned on the day checked: the latest
    ``CaseworkerAssigned`` of that member of staff, in timeline order, whose day, position,
    staff id and role (``Table.codes`` fills the default role of an empty cell) are the
    assignment's. A citizen whose pathway is closed has none counted.
    """
    assigned = table.kinds(CaseworkerAssigned)
    moves = np.flatnonzero(assigned | table.kinds(CaseworkerReleased))
    if not moves.size:
        return moves
    staff, _ = table.codes("staff_id")
    pairs = table.groups(moves, staff)
    # Rows are in timeline order: the first of each pair's rows read backwards is its latest.
    _, first = np.unique(pairs[::-1], return_index=True)
    latest = np.sort(moves[::-1][first])
    latest = latest[assigned[latest]]
    # A coordinating assignment stands only if no later one replaced it.
    coordinating = assigned & table.equals("role", Role.COORDINATING_CASEWORKER.code)
    last_coordinating = table.last_until(coordinating)[table.end[latest] - 1]
    replaced = coordinating[latest] & (last_coordinating != latest)
    latest = latest[~replaced]
    rows: Ints = latest[~closed(table)[table.citizen[latest]]]
    return rows
