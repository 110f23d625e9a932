"""[`AtMostPer`][helhed.rules.AtMostPer]: pre-filtered over columns, counted on objects.

A population rule: the caseloads are counted by the rule's own ``check_all`` over the
pathways of the citizens of staff who have more than ``limit`` citizens assigned in the role,
all together. ``population_rows`` asks the same pre-filter for the rows a part of a table
must share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.batch.rules.registry import columnar
from helhed.pathways.events import CaseworkerAssigned
from helhed.rules import AtMostPer

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._scan import Ints
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


def caseloads(rule: AtMostPer, table: Table, *, whole: bool) -> Ints:
    """Citizens assigned staff in ``rule.role``; with ``whole``, only staff over the limit.

    A member of staff's caseload is among the citizens ever assigned them in the role, so one
    with ``limit`` such citizens or fewer has no finding.
    """
    assigned = table.kinds(CaseworkerAssigned) & table.equals("role", rule.role.code)
    if not whole:
        return table.citizen[assigned]
    staff, _ = table.codes("staff_id")
    pairs: Ints = np.unique(np.stack([staff[assigned], table.citizen[assigned]]), axis=1)
    members, counts = np.unique(pairs[0], return_counts=True)
    crowded = members[counts > rule.limit]
    citizens: Ints = pairs[1][np.isin(pairs[0], crowded)]
    return citizens


def _candidates(rule: AtMostPer, table: Table, whole: bool) -> Ints:  # noqa: FBT001 - the registry's signature
    return caseloads(rule, table, whole=whole)


@columnar(
    AtMostPer,
    fields=("limit", "role"),
    how="pre-filtered over columns; the caseloads of staff over the limit counted on objects",
    candidates=_candidates,
)
def at_most_per(rule: AtMostPer, table: Table, objects: Objects, found: Found) -> None:
    """The rule's own ``check_all`` over the citizens of staff over the limit."""
    found.extend(
        rule.check_all(objects.pathways(caseloads(rule, table, whole=True)), table.on_date)
    )
