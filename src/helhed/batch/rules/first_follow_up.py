"""[`FirstFollowUpByWeek8`][helhed.rules.FirstFollowUpByWeek8] over whole columns.

A spell of sickness benefit starts at a ``BenefitChanged`` to sickness benefit while the
citizen is not already on it, and ends at a ``PathwayClosed`` or a ``BenefitChanged`` to any
other funding basis (or none). The first follow-up conversation or end after the start
decides, against the last day the rule module gives (``_last_day``, worked out once per
distinct first day), as ``FirstFollowUpByWeek8.check`` decides it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.batch._found import distinct
from helhed.batch._scan import day_number
from helhed.batch.rules.registry import columnar
from helhed.benefits import Benefit
from helhed.frames import is_missing
from helhed.pathways.events import BenefitChanged, ConversationHeld, ConversationKind, PathwayClosed
from helhed.rules import FirstFollowUpByWeek8
from helhed.rules.first_follow_up import _last_day

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._scan import Ints
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []

_UNJUDGED = np.iinfo(np.int64).min  # a spell _last_day leaves unjudged


def _known(value: object) -> bool:
    """True for a missing cell or a funding basis code that is known."""
    if not isinstance(value, str):
        return is_missing(value)
    try:
        Benefit.from_code(value)
    except ValueError:
        return False
    return True


def _last_days(table: Table, starts: Ints) -> Ints:
    """The last day of each spell from ``starts``, once per distinct first day; unjudged: min."""
    days, inverse = np.unique(table.day[starts], return_inverse=True)
    last = [_last_day(first) for first in table.dates(days)]
    numbers = np.array([_UNJUDGED if d is None else day_number(d) for d in last], dtype=np.int64)
    return numbers[np.asarray(inverse).reshape(-1)]


@columnar(FirstFollowUpByWeek8)
def first_follow_up(
    rule: FirstFollowUpByWeek8, table: Table, objects: Objects, found: Found
) -> None:
    """A finding for each spell whose first follow-up came after the last day, or not at all.

    Late: the first follow-up conversation of the spell came after the last day (events:
    the start and the conversation). Missing: the spell ended after the last day, or runs
    after it on the day checked, without one (events: the start). A citizen with a funding
    basis cell that is not a known code is read on objects, where ``from_frame`` refuses it.
    """
    changed = table.kinds(BenefitChanged)
    codes, values = table.codes("benefit")
    readable = np.array([*(_known(v) for v in values), True])
    unreadable = changed & ~readable[codes]
    if unreadable.any():
        citizens = table.citizen[unreadable]
        pathways = objects.pathways(citizens)
        found.extend(f for p in pathways for f in rule.check(p, table.on_date))
        changed &= ~np.isin(table.citizen, citizens)  # no spell of theirs is judged here
    sick = changed & table.equals("benefit", Benefit.SICKNESS_BENEFIT.code)
    ends = (changed & ~sick) | table.kinds(PathwayClosed)
    # A spell starts at a change to sickness benefit unless the last change before it (or
    # closing) was to sickness benefit too.
    switch = table.last_until(sick | ends)
    rows = np.flatnonzero(sick)
    before = np.where(rows > table.start[rows], switch[np.maximum(rows - 1, 0)], -1)
    starts = rows[(before < 0) | ~sick[np.maximum(before, 0)]]
    if not starts.size:
        return
    last = _last_days(table, starts)
    judged = last > _UNJUDGED
    starts, last = starts[judged], last[judged]
    n = table.size
    follow = table.next_after(
        table.kinds(ConversationHeld)
        & table.equals("conversation", ConversationKind.FOLLOW_UP.code)
    )[starts]
    end = table.next_after(ends)[starts]
    answered = follow < end  # the conversation came first (both are n when neither came)
    late = answered & (table.day[np.minimum(follow, n - 1)] > last)
    ended = ~answered & (end < n)
    missing = ~answered & np.where(ended, table.day[np.minimum(end, n - 1)] > last, table.on > last)
    keep = late | missing
    starts, last, follow, late = starts[keep], last[keep], follow[keep], late[keep]
    held = np.where(late, table.day[np.minimum(follow, n - 1)], last)
    which, one = distinct(len(starts), table.day[starts], held, late.astype(np.int64))
    firsts, seconds, lasts = (
        table.dates(table.day[starts]),
        table.dates(held),
        table.dates(last),
    )
    details = [
        rule.late(firsts[i], seconds[i], lasts[i]) if is_late else rule.missing(firsts[i], lasts[i])
        for i, is_late in zip(one.tolist(), late[one].tolist(), strict=True)
    ]
    start = table.position[starts].tolist()
    conversation = table.position[np.minimum(follow, n - 1)].tolist()
    found.add(
        rule,
        table.names(table.citizen[starts]),
        [
            (a, b) if is_late else (a,)
            for a, b, is_late in zip(start, conversation, late.tolist(), strict=True)
        ],
        list(zip(firsts, seconds, strict=True)),
        details,
        which=which,
    )
