"""[`Within`][helhed.rules.Within] over whole columns: each trigger's next answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helhed.batch._found import distinct
from helhed.batch.rules._shared import event_kinds
from helhed.batch.rules.registry import columnar, plain_matches, single_value
from helhed.rules import Within

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


def _declines(rule: Within) -> str | None:
    return plain_matches(rule.after, rule.expect) or single_value(rule.same)


@columnar(Within, fields=("days", "after", "expect", "same"), declines=_declines)
def within(rule: Within, table: Table, _objects: Objects, found: Found) -> None:
    """Each ``after`` event not answered by an ``expect`` event within ``days`` is a finding.

    Late if the next answer came after the deadline, missing if none came and the deadline
    has passed by the day checked; with ``same``, only an answer naming the trigger's value
    (or none) answers it.
    """
    n = table.size
    expect = table.matches(rule.expect)
    triggers = np.flatnonzero(table.matches(rule.after))
    if not triggers.size:
        return
    values = None if rule.same is None else table.same_codes(rule.same)
    answer = table.next_after(expect)[triggers]
    if values is not None:
        # A trigger naming a value is answered by an event naming the same value or none.
        alike = table.next_alike(expect & (values >= 0), values, triggers)
        blank = table.next_after(expect & (values < 0))[triggers]
        answer = np.where(values[triggers] < 0, answer, np.minimum(alike, blank))
    deadline = table.day[triggers] + rule.days
    answered = answer < n
    answer_day = table.day[np.minimum(answer, n - 1)]
    late = answered & (answer_day > deadline)
    missing = ~answered & (table.on > deadline)
    keep = late | missing
    triggers, answer, deadline, late = triggers[keep], answer[keep], deadline[keep], late[keep]
    last = np.minimum(answer, n - 1)
    second_day = np.where(late, table.day[last], deadline)
    first = table.dates(table.day[triggers])
    second = table.dates(second_day)
    # A detail depends on the trigger's kind and day and, if late, the answer's kind and day.
    which, one = distinct(
        len(triggers),
        table.kind[triggers],
        table.day[triggers],
        np.where(late, table.kind[last], -1),
        np.where(late, second_day, 0),
    )
    kinds = event_kinds(table.kind[triggers[one]])
    answers = event_kinds(table.kind[last[one]])
    details = [
        rule.late(kinds[k], first[i], answers[k], second[i])
        if is_late
        else rule.missing(kinds[k], first[i])
        for k, (i, is_late) in enumerate(zip(one.tolist(), late[one].tolist(), strict=True))
    ]
    start = table.position[triggers].tolist()
    end = table.position[last].tolist()
    events: list[tuple[int, ...]] = [
        (a, b) if is_late else (a,) for a, b, is_late in zip(start, end, late.tolist(), strict=True)
    ]
    found.add(
        rule,
        table.names(table.citizen[triggers]),
        events,
        list(zip(first, second, strict=True)),
        details,
        which=which,
    )
