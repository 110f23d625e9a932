"""[`SameInstrument`][helhed.rules.SameInstrument] over whole columns (research extra).

The baseline of each citizen is the set of (citizen, instrument) pairs of the screenings
before the citizen's first plan; every measurement after that plan is looked up in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.batch._found import distinct
from helhed.batch.rules.registry import columnar
from helhed.pathways.events import PlanCreated, ProgressionReviewed, ScreeningRecorded
from helhed.rules import SameInstrument

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


@columnar(SameInstrument)
def same_instrument(rule: SameInstrument, table: Table, _objects: Objects, found: Found) -> None:
    """Each measurement after the first plan on an instrument not used before it is a finding.

    The baseline is the instruments of the citizen's screenings before the first
    ``PlanCreated`` in the timeline; a progression review before it counts for nothing. Each
    screening and progression review after it is a finding if its instrument is not in the
    baseline, dated (the plan's day, the measurement's day).
    """
    plan = table.first_of(table.kinds(PlanCreated))
    if not (plan < table.size).any():
        return
    rows = np.arange(table.size)
    first = plan[table.citizen]  # each row's citizen's first plan (size if none)
    screening = table.kinds(ScreeningRecorded)
    measured = np.flatnonzero(
        (screening | table.kinds(ProgressionReviewed)) & (rows > first) & (first < table.size)
    )
    if not measured.size:
        return
    baseline = np.flatnonzero(screening & (rows < first))
    instrument = table.codes("instrument")[0]
    # One number per (citizen, instrument) for the baseline and the measurements alike.
    groups = table.groups(np.concatenate([baseline, measured]), instrument)
    known = np.isin(groups[len(baseline) :], groups[: len(baseline)])
    measured = measured[~known]
    made = table.day[first[measured]]
    which, one = distinct(len(measured), made, table.day[measured])
    details = [
        rule.detail(plan_day, day)
        for plan_day, day in zip(
            table.dates(made[one]), table.dates(table.day[measured[one]]), strict=True
        )
    ]
    found.add(
        rule,
        table.names(table.citizen[measured]),
        [(p,) for p in table.position[measured].tolist()],
        list(zip(table.dates(made), table.dates(table.day[measured]), strict=True)),
        details,
        which=which,
    )
