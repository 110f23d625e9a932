"""[`AtMostPer`][helhed.rules.AtMostPer] over whole columns: each caseload counted in order.

A population rule: a member of staff's caseload is every citizen, across the table, whose
current caseworkers (``_current``) hold them in ``rule.role`` on an open pathway. Each
caseload is ordered by the day of the assignment, then the citizen id as text, as
``AtMostPer.check_all`` orders it, and each citizen beyond ``limit`` is a finding.
``population_rows`` asks ``_candidates`` for the citizens a part of a table must share:
those counted, whose pathways alone decide every caseload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.batch.rules._current import current_caseworkers
from helhed.batch.rules._shared import add_worded_by_value
from helhed.batch.rules.registry import OVER_COLUMNS, columnar
from helhed.rules import AtMostPer

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._scan import Ints
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


def counted(rule: AtMostPer, table: Table) -> Ints:
    """The rows of the assignments that count: current caseworkers in ``rule.role``."""
    rows = current_caseworkers(table)
    held: Ints = rows[table.equals("role", rule.role.code)[rows]]
    return held


def _candidates(rule: AtMostPer, table: Table, _whole: bool) -> Ints:  # noqa: FBT001 - the registry's signature
    return table.citizen[counted(rule, table)]


@columnar(AtMostPer, fields=("limit", "role"), how=OVER_COLUMNS, candidates=_candidates)
def at_most_per(rule: AtMostPer, table: Table, objects: Objects, found: Found) -> None:
    """Each citizen beyond ``limit`` in a member of staff's caseload is a finding.

    A staff id that is not text is refused: the citizen's rows are read with
    ``from_frame``, which refuses them.
    """
    rows = counted(rule, table)
    staff, values = table.codes("staff_id")
    text = np.array([*(isinstance(v, str) for v in values), False])
    bad = ~text[staff[rows]]
    if bad.any():
        objects.pathways(table.citizen[rows[bad]])  # from_frame refuses a staff id not text
        rows = rows[~bad]
    if rows.size <= rule.limit:
        return
    # The citizen ids ranked as text, once per distinct citizen counted.
    citizens, inverse = np.unique(table.citizen[rows], return_inverse=True)
    names = table.names(citizens)
    rank = np.empty(len(citizens), dtype=np.int64)
    rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(citizens))
    order = np.lexsort((rank[np.asarray(inverse).reshape(-1)], table.day[rows], staff[rows]))
    rows = rows[order]
    mine = staff[rows]
    place = np.arange(len(rows)) - np.searchsorted(mine, mine) + 1
    over = place > rule.limit
    rows, place = rows[over], place[over]
    add_worded_by_value(
        rule,
        table,
        rows,
        codes=staff,
        values=values,
        numbers=place,
        detail=rule.detail,
        found=found,
    )
