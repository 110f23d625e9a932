"""[`RescreenedAtEnd`][helhed.rules.RescreenedAtEnd] over whole columns (research extra).

Each completed course is looked up among its citizen's screenings on the instrument, sorted
by (citizen, day): a screening within ``days`` days of the course's end, before or after it,
keeps the rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np

from helhed.batch._found import distinct
from helhed.batch.rules._shared import add_per_event
from helhed.batch.rules.registry import columnar
from helhed.pathways.events import InterventionCompleted, ScreeningRecorded
from helhed.rules import RescreenedAtEnd

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []

DAYS_CAP: Final = 10**7
"""More days than lie between 0001-01-01 and 9999-12-31: a longer span reads as this one."""


@columnar(RescreenedAtEnd, fields=("offer", "instrument", "days"))
def rescreened(rule: RescreenedAtEnd, table: Table, _objects: Objects, found: Found) -> None:
    """Each completed ``offer`` judged by the day checked with no screening near it is a finding.

    A course completed on day ``d`` is judged once the day checked is after ``d + days``
    (a window ending after 9999-12-31 is never judged); it is kept by a screening on
    ``instrument`` anywhere in its citizen's timeline on a day from ``d - days`` to
    ``d + days``.
    """
    days = min(rule.days, DAYS_CAP)
    ended = np.flatnonzero(table.kinds(InterventionCompleted) & table.equals("offer", rule.offer))
    ended = ended[table.day[ended] + days < table.on]
    if not ended.size:
        return
    screened = np.flatnonzero(
        table.kinds(ScreeningRecorded) & table.equals("instrument", rule.instrument)
    )
    near = np.zeros(len(ended), dtype=bool)
    if screened.size:
        # Keys (citizen, day) in one number, the day counted from the table's first day;
        # the window is clipped to the table's days so it never reaches another citizen.
        first, last = int(table.day.min()), int(table.day.max())
        width = last - first + 1
        keys = np.sort(table.citizen[screened] * width + (table.day[screened] - first))
        base = table.citizen[ended] * width - first
        low = base + np.maximum(table.day[ended] - days, first)
        high = base + np.minimum(table.day[ended] + days, last)
        near = np.searchsorted(keys, high, side="right") > np.searchsorted(keys, low)
    ended = ended[~near]
    which, one = distinct(len(ended), table.day[ended])
    details = [rule.missing(day) for day in table.dates(table.day[ended[one]])]
    add_per_event(rule, table, ended, details=details, which=which, found=found)
