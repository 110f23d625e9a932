"""Findings gathered column by column, and put in the order of the object API (research extra).

[`Found`][helhed.batch._found.Found] collects the findings of a columnar check: each rule
adds its findings as columns, sharing the text of a detail among the findings that have it,
and the object path adds ``Finding`` values; ``frame`` gives them in the order of
``ComplianceReport.findings`` (citizen, dates, rule id, events).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

if TYPE_CHECKING:
    from helhed.batch._scan import Ints
    from helhed.rules import Finding, Rule

__all__ = ["FINDING_COLUMNS", "Column", "Found", "distinct", "frame_of", "objects"]

FINDING_COLUMNS: Final = (
    "citizen_id",
    "rule_id",
    "severity",
    "events",
    "dates",
    "text_da",
    "text_en",
    "citation",
    "reading",
)
"""The columns [`check_frame`][helhed.batch.check_frame] returns, in order: the fields of a
[`Finding`][helhed.rules.Finding]. ``severity`` holds the severity's code, ``events``
a tuple of positions in the citizen's log (from 0), ``dates`` a tuple of ``datetime.date``,
``citation`` the citation as ``str`` writes it (``SST2019 4.1, fn. 7``) and ``reading`` is
True for a finding of a rule that is helhed's reading of its source."""

_STRING = "string"


class Found:
    """Findings gathered column by column, in the order the rules give them."""

    def __init__(self) -> None:
        self.citizen_id: list[str] = []
        self.rule_id: list[str] = []
        self.severity: list[str] = []
        self.events: list[tuple[int, ...]] = []
        self.dates: list[tuple[dt.date, ...]] = []
        self.text_da: list[str] = []
        self.text_en: list[str] = []
        self.citation: list[str] = []
        self.reading: list[bool] = []

    def add(  # noqa: PLR0913 - the columns of a finding
        self,
        rule: Rule,
        citizens: Sequence[str],
        events: Sequence[tuple[int, ...]],
        dates: Sequence[tuple[dt.date, ...]],
        details: Sequence[tuple[str, str]],
        *,
        which: Ints | None = None,
    ) -> None:
        """Findings of ``rule``; each text is the rule's demand and then its detail.

        ``which`` gives each finding's detail as a place in ``details``, so that findings
        sharing a detail share its text; None means one detail per finding, in order.
        """
        count = len(citizens)
        self.citizen_id.extend(citizens)
        self.rule_id.extend([rule.id] * count)
        self.severity.extend([rule.severity.code] * count)
        self.citation.extend([str(rule.citation)] * count)
        self.reading.extend([rule.reading] * count)
        self.events.extend(events)
        self.dates.extend(dates)
        text_da = objects([f"{rule.text_da} {da}" for da, _ in details])
        text_en = objects([f"{rule.text_en} {en}" for _, en in details])
        if which is not None:
            text_da, text_en = text_da[which], text_en[which]
        self.text_da.extend(text_da.tolist())
        self.text_en.extend(text_en.tolist())

    def extend(self, findings: Iterable[Finding]) -> None:
        """Findings the object API gave."""
        for f in findings:
            self.citizen_id.append(f.citizen_id)
            self.rule_id.append(f.rule_id)
            self.severity.append(f.severity.code)
            self.events.append(tuple(f.events))
            self.dates.append(tuple(f.dates))
            self.text_da.append(f.text_da)
            self.text_en.append(f.text_en)
            self.citation.append(str(f.citation))
            self.reading.append(f.reading)

    def frame(self) -> pd.DataFrame:
        """The findings in the order of ``ComplianceReport.findings``."""
        order = finding_order(self.citizen_id, self.dates, self.rule_id, self.events)
        return frame_of({name: objects(getattr(self, name))[order] for name in FINDING_COLUMNS})


Column = Sequence[object] | npt.NDArray[np.object_]


def objects(values: Column) -> npt.NDArray[np.object_]:
    """``values`` as a one-dimensional array of objects (tuples stay whole)."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values
    cells = np.empty(len(values), dtype=object)
    cells[:] = list(values)
    return cells


def _ranks(values: Sequence[object]) -> Ints:
    """Each value's place among the distinct values sorted as Python sorts them.

    Only the distinct values are sorted (many texts by Arrow, others by Python); finding them
    is hashing.
    """
    codes, uniques = pd.factorize(objects(values))
    text_order = _text_order(uniques) if _ARROW_STRINGS else None
    order = (
        text_order
        if text_order is not None
        else sorted(range(len(uniques)), key=uniques.__getitem__)
    )
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[order] = np.arange(len(uniques), dtype=np.int64)
    return rank[np.asarray(codes, dtype=np.intp)]


def _text_order(uniques: npt.NDArray[np.object_]) -> Ints | None:
    """The order of ``uniques`` sorted as Python sorts them, if all are ``str``; else None.

    Arrow sorts UTF-8 bytes, and UTF-8 keeps the order of code points, which is how Python
    compares ``str``; text Arrow cannot hold (a lone surrogate) is left to Python.
    """
    if len(uniques) < _MANY or set(map(type, uniques)) != {str}:
        return None
    import pyarrow as pa  # type: ignore[import-untyped]  # noqa: PLC0415 - only in Arrow
    import pyarrow.compute as pc  # type: ignore[import-untyped]  # noqa: PLC0415

    try:
        texts = pa.array(uniques, type=pa.large_string())
    except (pa.ArrowInvalid, UnicodeError):  # a lone surrogate
        return None
    order: Ints = pc.sort_indices(texts).to_numpy().astype(np.int64)
    return order


_MANY: Final = 1_000  # distinct texts from which Arrow sorts them


def finding_order(
    citizens: Sequence[str],
    dates: Sequence[tuple[dt.date, ...]],
    rule_ids: Sequence[str],
    events: Sequence[tuple[int, ...]],
) -> Ints:
    """The order of findings by citizen, dates, rule id and events; ties keep their order."""
    if not citizens:
        return np.zeros(0, dtype=np.int64)
    keys = (_ranks(events), _ranks(rule_ids), _ranks(dates), _ranks(citizens))
    return np.lexsort(keys).astype(np.int64)


def distinct(count: int, *columns: Ints) -> tuple[Ints, Ints]:
    """A number per row for its tuple of ``columns``, equal for equal tuples, and each first row.

    Numbers are renumbered after each column, so they stay below ``count`` and products of
    two never overflow.
    """
    code = np.zeros(count, dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column)
        code = np.asarray(pd.factorize(code * len(uniques) + codes)[0], dtype=np.int64)
    first = np.unique(code, return_index=True)[1]
    return code, np.asarray(first, dtype=np.int64)


def _texts(values: Column) -> pd.Series:
    """A ``"string"`` column of ``values``, which are all ``str``.

    Where pandas keeps ``"string"`` in Arrow (pandas 3), the Arrow array is built at once in
    the system allocator's memory: pandas' own way checks each cell again and fills the
    default pool, which costs more here, as these columns run to tens of megabytes. A value
    that is not ``str`` is refused by Arrow (this code never gives one); elsewhere pandas
    builds the column.
    """
    cells = objects(values)
    if _ARROW_STRINGS:
        import pyarrow as pa  # noqa: PLC0415 - only in Arrow

        array = pa.array(
            cells, type=pa.large_string(), from_pandas=False, memory_pool=pa.system_memory_pool()
        )
        return pd.Series(pd.arrays.ArrowStringArray(array), dtype=_STRING, copy=False)
    # From an array of objects: many times faster than from a list.
    return pd.Series(cells, dtype=_STRING)


_ARROW_STRINGS: Final = (
    getattr(pd.StringDtype(), "storage", None) == "pyarrow"
    and getattr(pd.StringDtype(), "na_value", None) is pd.NA
)


def frame_of(columns: Mapping[str, Column]) -> pd.DataFrame:
    """The findings' columns as a frame, each of its dtype (see ``FINDING_COLUMNS``)."""
    return pd.DataFrame(
        {
            name: pd.Series(objects(columns[name]), dtype=object)
            if name in ("events", "dates")
            else pd.Series(np.asarray(columns[name], dtype=bool), dtype="boolean")
            if name == "reading"
            else _texts(columns[name])
            for name in FINDING_COLUMNS
        }
    )
