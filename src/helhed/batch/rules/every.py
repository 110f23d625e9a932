"""[`Every`][helhed.rules.Every] over whole columns: each matching event its condition fails.

``holds`` is read through the mask of its condition in
[`helhed.batch.rules.conditions`][helhed.batch.rules.conditions]. A rule whose ``holds`` is a
Python function, or a condition with no mask, is declined and runs on objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy as np

from helhed.batch.rules._shared import add_per_event, one_event_details
from helhed.batch.rules.conditions import condition_declines, condition_mask
from helhed.batch.rules.registry import columnar, plain_matches
from helhed.rules import Every
from helhed.rules.conditions import Condition

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


def _declines(rule: Every) -> str | None:
    if not isinstance(rule.holds, Condition):
        return "holds is a Python function"
    return plain_matches(rule.events) or condition_declines(rule.holds, "holds")


@columnar(
    Every,
    fields=("events", "holds", "failure_da", "failure_en"),
    how="over whole columns, holds by its condition's mask",
    declines=_declines,
)
def every(rule: Every, table: Table, _objects: Objects, found: Found) -> None:
    """Each event ``rule.events`` matches that ``rule.holds`` fails for is a finding."""
    holds = condition_mask(cast("Condition", rule.holds), table)  # a function is declined
    rows = np.flatnonzero(table.matches(rule.events) & ~holds)
    details, which = one_event_details(table, rows, rule.detail)
    add_per_event(rule, table, rows, details=details, which=which, found=found)
