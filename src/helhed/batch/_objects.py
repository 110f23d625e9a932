"""The object path of the columnar check: pathways read for the citizens asked for (research extra).

A rule with no columnar evaluator, or one its evaluator declines, runs as itself: its own
``check`` (or ``check_all``) over the ``Pathway`` objects [`Objects`][helhed.batch._objects.Objects]
reads from the rows of the citizens asked for, so its findings are the object API's by
construction. Evaluators use it too for the citizens they cannot judge over columns.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helhed.errors import Problem, ValidationError
from helhed.frames import from_frame
from helhed.pathways.pathway import Pathway

if TYPE_CHECKING:
    from helhed.batch._scan import Ints
    from helhed.batch._table import Table

__all__ = ["Objects"]


class Objects:
    """Pathways read with ``from_frame`` from the rows of the citizens asked for, kept.

    A citizen's rows in the table are read when they are the start of the log; otherwise (an
    event annulled, or recorded late and kept while one recorded before it happened after the
    day) every row of the citizen is read and the pathway cut with ``Pathway.until``, so its
    positions still point into the whole log.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self.built: dict[int, Pathway] = {}

    def pathways(self, citizens: Ints | None) -> list[Pathway]:
        """The pathways up to the day checked, of ``citizens`` (None for all) in table order."""
        wanted = (
            np.arange(self.table.citizens, dtype=np.int64)
            if citizens is None
            else np.unique(citizens)
        )
        missing = [c for c in wanted.tolist() if c not in self.built]
        if missing:
            self._read(np.array(missing, dtype=np.int64))
        return [self.built[c] for c in wanted.tolist()]

    def _read(self, citizens: Ints) -> None:
        table = self.table
        mine = np.isin(table.citizen, citizens)
        kept = np.bincount(table.citizen[mine], minlength=table.citizens)
        last = np.full(table.citizens, -1, dtype=np.int64)
        np.maximum.at(last, table.citizen[mine], table.position[mine])
        whole = citizens[last[citizens] + 1 != kept[citizens]]
        if whole.size:
            mine &= ~np.isin(table.citizen, whole)
        rows = np.concatenate([table.rows[mine], np.flatnonzero(np.isin(table.case, whole))])
        part = table.frame.iloc[rows].reset_index(drop=True)
        # Dates are read as check_frame reads them, so timestamps at midnight pass too.
        part["occurred_on"] = pd.Series(table.days[rows].astype(object), dtype=object)
        try:
            read = {p.citizen_id: p for p in from_frame(part)}
        except ValidationError as exc:
            raise _in_table(exc, rows) from None
        for c in whole.tolist():
            read[table.ids[c]] = read[table.ids[c]].until(table.on_date)
        for c in citizens.tolist():
            citizen = table.ids[c]
            self.built[c] = read.get(citizen) or Pathway(citizen_id=citizen)


_ROW = re.compile(r"^rows\[(\d+)\]")


def _in_table(error: ValidationError, rows: Ints) -> ValidationError:
    """``error`` about some rows of the table, with its rows numbered as in the table."""
    return ValidationError(
        Problem(_ROW.sub(lambda m: f"rows[{rows[int(m[1])]}]", p.path), p.message)
        for p in error.problems
    )
