"""What the columnar evaluators share: findings about one event each (research extra)."""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING

from helhed.batch._found import distinct
from helhed.batch._table import KINDS
from helhed.pathways.events import EventKind

if TYPE_CHECKING:
    import datetime as dt

    from helhed.batch._found import Found
    from helhed.batch._scan import Ints
    from helhed.batch._table import Table
    from helhed.rules import Forbid, Precedes, Rule

__all__ = [
    "add_per_event",
    "add_worded_by_value",
    "event_kinds",
    "one_event_details",
    "one_event_findings",
]


def event_kinds(kinds: Ints) -> list[EventKind]:
    """The event kind of each row."""
    return [KINDS[k].KIND for k in kinds.tolist()]


def one_event_details(
    table: Table, rows: Ints, detail: typing.Callable[[EventKind, dt.date], tuple[str, str]]
) -> tuple[list[tuple[str, str]], Ints]:
    """The details of findings about one event each, once per distinct (kind, day)."""
    which, first = distinct(len(rows), table.kind[rows], table.day[rows])
    kinds = event_kinds(table.kind[rows[first]])
    days = table.dates(table.day[rows[first]])
    return [detail(kind, day) for kind, day in zip(kinds, days, strict=True)], which


def one_event_findings(rule: Forbid | Precedes, table: Table, rows: Ints, found: Found) -> None:
    """A finding about each one event of ``rows``, worded by ``rule.detail``."""
    details, which = one_event_details(table, rows, rule.detail)
    add_per_event(rule, table, rows, details=details, which=which, found=found)


def add_per_event(  # noqa: PLR0913 - a finding's parts
    rule: Rule,
    table: Table,
    rows: Ints,
    *,
    details: list[tuple[str, str]],
    which: Ints | None,
    found: Found,
) -> None:
    """A finding about each one event of ``rows``, with the details ``which`` picks for it."""
    found.add(
        rule,
        table.names(table.citizen[rows]),
        [(p,) for p in table.position[rows].tolist()],
        [(d,) for d in table.dates(table.day[rows])],
        details,
        which=which,
    )


def add_worded_by_value(  # noqa: PLR0913 - a finding's parts
    rule: Rule,
    table: Table,
    rows: Ints,
    *,
    codes: Ints,
    values: typing.Sequence[object],
    numbers: Ints,
    detail: typing.Callable[[str, dt.date, int], tuple[str, str]],
    found: Found,
) -> None:
    """A finding about each one event of ``rows``, worded by ``detail(text, day, number)``.

    ``codes`` holds each row's code into ``values`` (a staff id, a plan id), ``numbers`` one
    whole number per row of ``rows``; the detail is worded once per distinct (code, day,
    number).
    """
    which, one = distinct(len(rows), codes[rows], table.day[rows], numbers)
    details = [
        detail(str(values[code]), day, number)
        for code, day, number in zip(
            codes[rows[one]].tolist(),
            table.dates(table.day[rows[one]]),
            numbers[one].tolist(),
            strict=True,
        )
    ]
    add_per_event(rule, table, rows, details=details, which=which, found=found)
