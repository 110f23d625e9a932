"""[`SupportUntilSettled`][helhed.rules.SupportUntilSettled] over whole columns (research extra).

Per citizen: the last closing, the last job or education start before it, and the first
contact or conversation after the start's day; a close with none before it is a finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.batch._found import distinct
from helhed.batch.rules.registry import columnar
from helhed.pathways.events import (
    ContactMade,
    ConversationHeld,
    JobOrEducationStarted,
    PathwayClosed,
)
from helhed.rules import SupportUntilSettled

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


@columnar(SupportUntilSettled)
def support_until_settled(
    rule: SupportUntilSettled, table: Table, _objects: Objects, found: Found
) -> None:
    """A citizen closed with no support after the last job or education start is a finding.

    Judged against the citizen's last ``PathwayClosed`` in the timeline and the last
    ``JobOrEducationStarted`` before it: a finding if the close is on the start's day, or
    if no contact and no conversation lies between them on a day after the start's. The
    events are (start, close), the dates (start's day, close's day).
    """
    if not table.size:
        return
    closing = table.kinds(PathwayClosed)
    # Each citizen's last row; the latest closing up to it is the citizen's last closing.
    last = np.flatnonzero(np.append(table.citizen[1:] != table.citizen[:-1], True))
    close = table.last_until(closing)[last]
    close = close[close >= 0]
    # The close is no start, so the latest start up to it is the last one before it.
    start = table.last_until(table.kinds(JobOrEducationStarted))[close]
    close, start = close[start >= 0], start[start >= 0]
    if not close.size:
        return
    # Rows are in timeline order, so the rows on a later day than the start's come after
    # the last row of its day; the first support among them must come before the close.
    support = table.next_after(table.kinds(ContactMade, ConversationHeld))
    unsupported = support[table.day_end(start)] >= close
    close, start = close[unsupported], start[unsupported]
    started, closed = table.day[start], table.day[close]
    which, one = distinct(len(close), started, closed)
    details = [
        rule.detail(a, b)
        for a, b in zip(table.dates(started[one]), table.dates(closed[one]), strict=True)
    ]
    found.add(
        rule,
        table.names(table.citizen[close]),
        list(zip(table.position[start].tolist(), table.position[close].tolist(), strict=True)),
        list(zip(table.dates(started), table.dates(closed), strict=True)),
        details,
        which=which,
    )
