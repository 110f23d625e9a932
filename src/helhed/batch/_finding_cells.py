"""The cells of a findings table read back: texts, codes, positions, dates (research extra).

What [`findings_of`][helhed.batch.findings_of] and
[`sort_findings`][helhed.batch.sort_findings] use to read the rows ``check_frame`` wrote;
each reader raises ``CellError`` (a ``ValueError``) for a cell it cannot read.
"""

from __future__ import annotations

import datetime as dt
import typing

import numpy as np
import numpy.typing as npt
import pandas as pd

from helhed._values import whole_number
from helhed.batch._cells import CellError, calendar_day
from helhed.batch._found import objects
from helhed.batch._table import hashable
from helhed.frames import python_value
from helhed.rules import Finding, Severity
from helhed.sources import Citation

if typing.TYPE_CHECKING:
    from helhed.batch._scan import Ints

__all__ = [
    "citation_of",
    "date",
    "days",
    "finding",
    "flag",
    "items",
    "positions",
    "read_column",
    "severity",
    "text",
    "whole",
]


def citation_of(text: str) -> Citation:
    """The citation ``str`` wrote as ``text`` (``SST2019 4.1, fn. 7``)."""
    source, _, section = text.partition(" ")
    return Citation(source, section)


def finding(cells: tuple[object, ...]) -> Finding:
    """The ``Finding`` of one row's cells, in the order of ``FINDING_COLUMNS``."""
    citizen, rule, code, events, dates, da, en, cited, reading = (python_value(c) for c in cells)
    texts = (citizen, rule, code, da, en, cited)
    if not all(isinstance(t, str) for t in texts):
        raise CellError("holds a cell that is not text")
    if not isinstance(reading, bool):
        raise CellError("holds a reading that is not true or false")
    return Finding(
        rule_id=str(rule),
        citizen_id=str(citizen),
        severity=Severity.from_code(str(code)),
        events=tuple(whole(e) for e in items(events)),
        dates=tuple(date(d) for d in items(dates)),
        text_da=str(da),
        text_en=str(en),
        citation=citation_of(str(cited)),
        reading=reading,
    )


def items(cell: object) -> list[object]:
    """The items of a cell holding a sequence (a tuple, list or array)."""
    if isinstance(cell, (tuple, list, np.ndarray)):
        return [python_value(c) for c in cell]
    raise CellError("must be a sequence")


def whole(value: object) -> int:
    """``value`` as a whole number."""
    found = whole_number(value)
    if found is None:
        raise CellError("must be a whole number")
    return found


def date(value: object) -> dt.date:
    """``value`` as a date."""
    found = calendar_day(value)
    if found is None:
        raise CellError("must be a date")
    return found


def text(value: object) -> str:
    """``value``, which must be text."""
    if not isinstance(value, str):
        raise CellError("must be text")
    return value


def flag(value: object) -> bool:
    """``value``, which must be True or False."""
    if not isinstance(value, bool):
        raise CellError("must be true or false")
    return value


def severity(value: object) -> str:
    """``value`` as a known severity code."""
    return Severity.from_code(text(value)).code


def positions(value: object) -> tuple[int, ...]:
    """A cell of event positions as a tuple of whole numbers."""
    return tuple(whole(e) for e in items(value))


def days(value: object) -> tuple[dt.date, ...]:
    """A cell of dates as a tuple of dates."""
    return tuple(date(d) for d in items(value))


def read_column(cells: pd.Series, read: typing.Callable[[object], object], bad: set[int]) -> Ints:
    """Each cell's rank among the column's distinct values as ``read`` reads them.

    Rows whose cell is missing or cannot be read go to ``bad``; their rank is 0.
    """
    try:
        found: tuple[npt.NDArray[np.int64], typing.Iterable[object]] = pd.factorize(
            cells, use_na_sentinel=True
        )
    except TypeError:  # lists or arrays (from Arrow, say): compared as tuples
        found = pd.factorize(objects([hashable(c) for c in cells.tolist()]))
    codes = np.asarray(found[0], dtype=np.intp)
    uniques = list(found[1])
    read_values: list[typing.Any] = []  # values of one type per column, which sort
    failed: list[int] = []
    for i, raw in enumerate(uniques):
        try:
            read_values.append(read(python_value(raw)))
        except ValueError:  # a CellError, or a code that is not known
            failed.append(i)
            read_values.append(None)
    bad.update(np.flatnonzero((codes < 0) | np.isin(codes, failed)).tolist())
    good = sorted(set(range(len(uniques))) - set(failed))
    order = sorted(good, key=read_values.__getitem__)
    rank = np.zeros(len(uniques) + 1, dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    return rank[codes]
