"""[`Forbid`][helhed.rules.Forbid] over whole columns: a finding per matching event."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.batch.rules._shared import one_event_findings
from helhed.batch.rules.registry import columnar, plain_matches
from helhed.rules import Forbid

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


@columnar(Forbid, fields=("events",), declines=lambda rule: plain_matches(rule.events))
def forbid(rule: Forbid, table: Table, _objects: Objects, found: Found) -> None:
    """Each event ``rule.events`` matches is a finding."""
    one_event_findings(rule, table, np.flatnonzero(table.matches(rule.events)), found)
