"""[`PlanSpansProfessions`][helhed.rules.PlanSpansProfessions] over whole columns (research extra).

The professions of each (citizen, plan id) are counted once over the plan items of the
timeline; each plan made is then judged against its own count. A citizen with a plan or an
item whose plan id or profession cannot be read is checked on objects, which refuse it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np

from helhed.batch.rules._shared import add_worded_by_value
from helhed.batch.rules.registry import columnar
from helhed.organisation import Role
from helhed.pathways.events import PlanCreated, PlanItemAdded
from helhed.rules import PlanSpansProfessions

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._scan import Ints
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []

_CAP: Final = 10**7
"""More days than lie between 0001-01-01 and 9999-12-31, and more professions than exist."""


@columnar(PlanSpansProfessions, fields=("minimum", "grace_days"))
def plan_professions(
    rule: PlanSpansProfessions, table: Table, objects: Objects, found: Found
) -> None:
    """Each plan judged by the day checked whose items span too few professions is a finding.

    A plan made on day ``d`` is judged once the day checked is ``d + grace_days`` or later
    (never if that is after 9999-12-31); its count is the number of distinct professions of
    the citizen's plan items naming its plan id, anywhere in the timeline.
    """
    made = np.flatnonzero(table.kinds(PlanCreated))
    made = made[table.day[made] + min(rule.grace_days, _CAP) <= table.on]
    if not made.size:
        return
    items = np.flatnonzero(table.kinds(PlanItemAdded))
    plan, plans = table.codes("plan_id")
    profession = table.enum_codes("profession", tuple(Role))
    text = np.array([*(isinstance(v, str) for v in plans), False])
    unreadable = np.concatenate(
        [
            table.citizen[made[~text[plan[made]]]],
            table.citizen[items[~text[plan[items]] | (profession[items] < 0)]],
        ]
    )
    if unreadable.size:  # the object path refuses the citizen's log, naming the cell
        found.extend(
            f for p in objects.pathways(np.unique(unreadable)) for f in rule.check(p, table.on_date)
        )
        made = made[~np.isin(table.citizen[made], unreadable)]
        items = items[~np.isin(table.citizen[items], unreadable)]
    count = _professions(table, plan, profession, made, items)
    short = count < min(rule.minimum, _CAP)
    made, count = made[short], count[short]
    add_worded_by_value(
        rule,
        table,
        made,
        codes=plan,
        values=plans,
        numbers=count,
        detail=rule.detail,
        found=found,
    )


def _professions(table: Table, plan: Ints, profession: Ints, made: Ints, items: Ints) -> Ints:
    """For each plan of ``made``, the distinct professions of its citizen's ``items`` for it."""
    if not items.size or not made.size:
        return np.zeros(len(made), dtype=np.int64)
    # One number per (citizen, plan id), shared by the plans made and the items.
    groups = table.groups(np.concatenate([made, items]), plan)
    mine, theirs = groups[: len(made)], groups[len(made) :]
    width = len(Role)
    pairs = np.unique(theirs * width + profession[items])
    per_group = np.bincount(pairs // width, minlength=len(groups))
    return np.asarray(per_group[mine], dtype=np.int64)
