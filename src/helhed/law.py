"""What changed in the law, and when: every dated row of helhed's rule tables as one list.

The dated tables ([`RuleTable`][helhed.dated.RuleTable]) are the one home of each rule; this
module only reads them. [`changes`][helhed.law.changes] groups their rows into changes - rows
of one table that take effect on the same day, on the same citation, with the same
verification and note - and [`horizons`][helhed.law.horizons] lists where each table's known
law ends. The page *What changed in the law* (``docs/law.md``) is
[`markdown`][helhed.law.markdown]'s output, and a test keeps the two the same
([`refresh`][helhed.law.refresh] writes it anew: ``make law-page``).

Examples:
    >>> import datetime as dt
    >>> reform = [c for c in changes() if c.valid_from == dt.date(2025, 7, 1)]
    >>> sorted({str(c.citation) for c in reform})
    ['L1655/2024']
    >>> all(a.valid_from <= b.valid_from for a, b in zip(changes(), changes()[1:]))
    True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs

from helhed._values import frozen_fields
from helhed.authority import AUTHORITY, REHABILITATION_TEAM
from helhed.benefits import (
    COORDINATING_CASEWORKER,
    HOLISTIC_INTERVENTION,
    LIFECYCLE,
    TYPICAL_GROUPS,
)
from helhed.dated import Horizon, RuleTable
from helhed.errors import require
from helhed.screening.alcohol import GUIDANCE
from helhed.sickness import SICKNESS_RULES
from helhed.sources import Citation, Verification

__all__ = ["TABLES", "Change", "Expected", "changes", "horizons", "markdown", "refresh"]

_Table = RuleTable[Any, Any]

TABLES: tuple[_Table, ...] = (
    LIFECYCLE,
    HOLISTIC_INTERVENTION,
    COORDINATING_CASEWORKER,
    TYPICAL_GROUPS,
    AUTHORITY,
    REHABILITATION_TEAM,
    SICKNESS_RULES,
    GUIDANCE,
)
"""Every dated rule table helhed ships, in the order the law page lists them."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Change:
    """Rows of one table that take effect together on one day, on one source.

    Attributes:
        valid_from: The day they take effect.
        table: The table's name, e.g. ``benefit_lifecycle``.
        keys: What the rows are about, as codes (a benefit's code, a rule's key), sorted.
        citation: The source they rest on.
        verification: How well they are established.
        note_da: What the rows rest on or are inferred from, in Danish (may be empty).
        note_en: The same in English.
        first: True if these rows start on the table's first day - where helhed's knowledge
            of the law starts - rather than changing the law later (a benefit that first
            appears later is a change).
    """

    valid_from: dt.date
    table: str
    keys: tuple[str, ...]
    citation: Citation
    verification: Verification
    note_da: str
    note_en: str
    first: bool


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Expected:
    """Where a table's known law ends: a change known to come but not encoded.

    Attributes:
        table: The table's name.
        horizon: The first day beyond known law and why.
    """

    table: str
    horizon: Horizon


def _code(key: object) -> str:
    code = getattr(key, "code", None)
    return code if isinstance(code, str) else str(key)


def changes(tables: Iterable[_Table] = TABLES) -> tuple[Change, ...]:
    """The rows of ``tables`` grouped into changes, by day, then table order, then citation.

    Args:
        tables: The tables to read; every shipped table by default.
    """
    groups: dict[tuple[Any, ...], list[str]] = {}
    for place, table in enumerate(tables):
        start = min((row.valid_from for row in table.rows), default=None)
        for row in table.rows:
            first = row.valid_from == start
            group = (row.valid_from, place, table.name, row.citation, row.verification, first)
            groups.setdefault((*group, row.note_da, row.note_en), []).append(_code(row.key))
    ordered = sorted(groups.items(), key=lambda g: (*g[0][:2], str(g[0][3]), sorted(g[1])))
    return tuple(
        Change(
            valid_from=day,
            table=name,
            keys=tuple(sorted(keys)),
            citation=citation,
            verification=verification,
            note_da=note_da,
            note_en=note_en,
            first=first,
        )
        for (day, _, name, citation, verification, first, note_da, note_en), keys in ordered
    )


def horizons(tables: Iterable[_Table] = TABLES) -> tuple[Expected, ...]:
    """Where each table's known law ends, by day then table order.

    Tables without a horizon are left out.
    """
    out = [Expected(table=t.name, horizon=t.horizon) for t in tables if t.horizon is not None]
    return tuple(sorted(out, key=lambda e: e.horizon.starts))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or "-"


def markdown(tables: Iterable[_Table] = TABLES) -> str:
    """The law page's three tables, in Markdown.

    First the changes, then where each table's rows start, then where known law ends.
    """
    tables = tuple(tables)
    every = changes(tables)
    head = "| {} | table | what | source | verification | what it rests on |"
    lines = [head.format("from"), "|---|---|---|---|---|---|"]
    lines.extend(_row(c) for c in every if not c.first)
    lines += ["", head.format("first known"), "|---|---|---|---|---|---|"]
    lines.extend(_row(c) for c in every if c.first)
    lines += ["", "| beyond known law from | table | why | source |", "|---|---|---|---|"]
    lines.extend(
        f"| {e.horizon.starts.isoformat()} | `{e.table}` | {_cell(e.horizon.reason.text_en)} "
        f"| {_cell(str(e.horizon.reason.citation))} |"
        for e in horizons(tables)
    )
    return "\n".join(lines) + "\n"


def _row(change: Change) -> str:
    return (
        f"| {change.valid_from.isoformat()} | `{change.table}` | {_cell(', '.join(change.keys))} "
        f"| {_cell(str(change.citation))} | {change.verification.label_en} "
        f"| {_cell(change.note_en)} |"
    )


_PAGE_BLOCK = re.compile(
    r"(<!-- law tables: begin[^\n]*-->\n).*?(<!-- law tables: end -->)", re.DOTALL
)


def refresh(page: str, tables: Iterable[_Table] = TABLES) -> str:
    """``page`` with the text between its law-table markers replaced by ``markdown(tables)``.

    The markers are the lines ``<!-- law tables: begin ... -->`` and
    ``<!-- law tables: end -->``; a page without them is returned unchanged.
    """
    require(page, str, "page", "must be a string")
    text = markdown(tables)
    return _PAGE_BLOCK.sub(lambda m: m.group(1) + text + m.group(2), page, count=1)
