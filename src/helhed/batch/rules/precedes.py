"""[`Precedes`][helhed.rules.Precedes] over whole columns: each event's first predecessor."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.batch.rules._shared import one_event_findings
from helhed.batch.rules.registry import columnar, plain_matches, single_value
from helhed.rules import Precedes

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


def _declines(rule: Precedes) -> str | None:
    return plain_matches(rule.first, rule.then) or single_value(rule.same)


@columnar(Precedes, fields=("first", "then", "same", "same_day"), declines=_declines)
def precedes(rule: Precedes, table: Table, _objects: Objects, found: Found) -> None:
    """Each ``then`` event with no ``first`` event before it is a finding.

    With ``same``, the ``first`` event names its value or none; with ``same_day``, it may
    come later on the same day.
    """
    first = table.matches(rule.first)
    then = np.flatnonzero(table.matches(rule.then))
    if not then.size:
        return
    # With same_day, also a first event later on the same day: every row to the day's end.
    limit = table.day_end(then) + 1 if rule.same_day else then
    citizen = table.citizen[then]
    values = None if rule.same is None else table.same_codes(rule.same)
    # An event is never its own predecessor: where the first row found is the row itself,
    # the next one after it is asked instead.
    earliest = table.first_of(first)[citizen]
    earliest = np.where(earliest == then, table.next_after(first)[then], earliest)
    ok = earliest < limit
    if values is not None:
        named = values[then] >= 0
        blank = table.first_of(first & (values < 0))[citizen] < limit
        known = first & (values >= 0)
        alike = table.first_alike(known, values, then)
        alike = np.where(alike == then, table.next_alike(known, values, then), alike)
        ok = np.where(named, blank | (alike < limit), ok)
    one_event_findings(rule, table, then[~ok], found)
