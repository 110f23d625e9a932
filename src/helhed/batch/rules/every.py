"""[`Every`][helhed.rules.Every]: pre-filtered over columns, judged on objects (research extra).

``holds`` is a Python function over a pathway, so the rule's own ``check`` runs on the
pathways of the citizens with an event ``events`` matches; no other citizen can break it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helhed.batch.rules.registry import columnar, plain_matches
from helhed.rules import Every

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._scan import Ints
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


def _candidates(rule: Every, table: Table, _whole: bool) -> Ints:  # noqa: FBT001 - the registry's signature
    return table.citizen[table.matches(rule.events)]


@columnar(
    Every,
    fields=("events", "holds", "failure_da", "failure_en"),
    how="pre-filtered over columns; holds runs on objects for the citizens with a matching event",
    declines=lambda rule: plain_matches(rule.events),
    candidates=_candidates,
)
def every(rule: Every, table: Table, objects: Objects, found: Found) -> None:
    """The rule's own ``check`` over the pathways of the citizens with a matching event."""
    pathways = objects.pathways(_candidates(rule, table, True))  # noqa: FBT003
    found.extend(f for p in pathways for f in rule.check(p, table.on_date))
