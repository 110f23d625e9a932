"""Reading the cells of a table for the batch functions: strict, once per distinct value.

Every helper reports a bad cell as ``rows[i].column``, ``i`` counting the frame's rows from 0
whatever its index, with a message that never holds the cell's value (it may be health data).
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Final, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from helhed._coded import CodedEnum
from helhed._values import whole_number
from helhed.errors import Problem, ValidationError
from helhed.frames import is_missing, python_value
from helhed.serialization import DATE_PATTERN as DATE_TEXT
from helhed.serialization import make_converter

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

__all__ = [
    "LARGEST",
    "TOO_LARGE",
    "CellError",
    "Codes",
    "as_frame",
    "code_of",
    "day_of",
    "days_of",
    "factor",
    "position",
    "require",
    "row_order",
    "time_of_day",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=CodedEnum)
Codes = npt.NDArray[np.intp]

# Arrow types whose pandas dtype keeps a missing cell missing and coerces nothing; every
# other type (dates, times, timestamps, lists, null) is left to pyarrow's own conversion.
_ARROW_DTYPES: dict[str, pd.api.extensions.ExtensionDtype] = {
    "string": pd.StringDtype(),
    "large_string": pd.StringDtype(),
    "string_view": pd.StringDtype(),
    "bool": pd.BooleanDtype(),
    **{f"{sign}int{bits}": pd.Int64Dtype() for sign in ("", "u") for bits in (8, 16, 32)},
    "int64": pd.Int64Dtype(),
    # Whole numbers above the largest int64 stay whole: the check refuses them by name.
    "uint64": pd.UInt64Dtype(),
}

LARGEST: Final = int(np.iinfo(np.int64).max)
"""The largest position in a log the batch functions read (they hold positions as int64)."""

TOO_LARGE: Final = "is too large a position"

_JSON = make_converter()  # reads a time of day as JSON, and so from_frame, reads it


class CellError(ValueError):
    """A cell that cannot be read; the message never contains its value."""


def as_frame(data: object, name: str) -> pd.DataFrame:
    """``data`` as a pandas DataFrame: itself, or a ``pyarrow.Table`` converted once.

    Arrow text becomes ``"string"``, flags ``"boolean"`` and whole numbers ``"Int64"``
    (``"UInt64"`` for unsigned 64-bit ones, which may not fit in ``"Int64"``), so
    a missing cell stays missing (never NaN or a coerced float); dates and times become
    ``datetime.date`` and ``datetime.time`` objects, as pyarrow converts them.

    Raises:
        ValidationError: Naming ``name`` if ``data`` is neither.
    """
    if isinstance(data, pd.DataFrame):
        return data
    kind = type(data)
    if kind.__module__.partition(".")[0] == "pyarrow" and kind.__name__ == "Table":
        table: pa.Table = data
        frame: pd.DataFrame = table.to_pandas(types_mapper=_arrow_dtype, date_as_object=True)
        return frame
    raise ValidationError.at(name, "must be a pandas DataFrame or a pyarrow Table")


def _arrow_dtype(arrow_type: object) -> pd.api.extensions.ExtensionDtype | None:
    return _ARROW_DTYPES.get(str(arrow_type))


def require(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    """Refuse a frame that lacks one of ``columns`` or repeats a column name.

    Raises:
        ValidationError: Naming each missing or repeated column.
    """
    problems = [Problem(c, "is a required column") for c in columns if c not in frame.columns]
    problems.extend(
        Problem(str(c), "appears more than once")
        for c in frame.columns[frame.columns.duplicated()].unique()
    )
    if problems:
        raise ValidationError(problems)


def factor(  # noqa: PLR0913 - the cells, how to read them, and where to report
    frame: pd.DataFrame,
    column: str,
    parse: Callable[[object], _T],
    missing: _T,
    problems: list[Problem],
    *,
    rows: npt.NDArray[np.int64] | None = None,
) -> tuple[Codes, list[_T]]:
    """Codes per row into the parsed distinct values; the missing value is last.

    Each distinct value is parsed once; every row holding a value that cannot be parsed is
    reported as ``rows[i].column``. With ``rows``, only the cells of those rows (numbered as
    in the frame) are read, and the codes are theirs, in that order.
    """
    cells = frame[column] if rows is None else frame[column].iloc[rows]
    try:
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    except TypeError:  # unhashable cells, such as lists
        problems.append(Problem(column, "holds cells that are not single values"))
        return np.zeros(len(cells), dtype=np.intp), [missing]
    values: list[_T] = []
    bad: dict[int, str] = {}
    for i, raw in enumerate(uniques):
        # A datetime64 keeps its unit: .item() of one in nanoseconds is a bare integer.
        value = raw if isinstance(raw, np.datetime64) else python_value(raw)
        try:
            values.append(missing if is_missing(value) else parse(value))
        except CellError as exc:
            bad[i] = str(exc)
            values.append(missing)
    if bad:
        hits = np.flatnonzero(np.isin(codes, list(bad)))
        problems.extend(
            Problem(f"rows[{row if rows is None else rows[row]}].{column}", bad[int(codes[row])])
            for row in hits.tolist()
        )
    values.append(missing)
    codes = np.asarray(codes, dtype=np.intp)
    codes[codes < 0] = len(values) - 1
    return codes, values


def code_of(enum: type[_E]) -> Callable[[object], _E]:
    """A parser of ``enum``'s codes for [`factor`][helhed.batch._cells.factor]."""

    def parse(value: object) -> _E:
        if not isinstance(value, str):
            raise CellError("must be a code")
        try:
            return enum.from_code(value)
        except ValueError:
            raise CellError(f"is not a known {enum.__name__} code") from None

    return parse


def calendar_day(value: object) -> dt.date | None:
    """A ``datetime``/``Timestamp`` at midnight or a ``date`` as a date; None for other values.

    Raises:
        CellError: For a datetime with a time of day or a time zone.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None or value.time() != dt.time():
            raise CellError("must be a date without a time of day")
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def day_of(value: object) -> dt.date | None:
    """A cell's date: a date, a timestamp or ``datetime64`` at midnight, or YYYY-MM-DD text.

    Returns:
        The date; None for ``NaT``.

    Raises:
        CellError: For any other value.
    """
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        day = value.astype("datetime64[D]")
        if day != value:
            raise CellError("must be a date without a time of day")
        return typing.cast("dt.date", day.item())
    found = calendar_day(value)
    if found is not None:
        return found
    if isinstance(value, str):
        if not DATE_TEXT.fullmatch(value):
            raise CellError("is not a calendar date written YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise CellError("is not a calendar date written YYYY-MM-DD") from None
    raise CellError("must be a date")


def days_of(
    frame: pd.DataFrame, column: str, problems: list[Problem]
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.bool_]]:
    """Each row's date as ``datetime64[D]`` and whether it is present and readable.

    A cell may hold a ``datetime.date``, a timestamp or ``numpy.datetime64`` at midnight
    without a time zone, or text written YYYY-MM-DD (``20240304`` or ``2024-W10-1`` are
    refused, as ``from_frame`` refuses them); a missing cell is reported as required.
    """
    codes, values = factor(frame, column, day_of, None, problems)
    present = np.array([v is not None for v in values], dtype=bool)[codes]
    problems.extend(
        Problem(f"rows[{row}].{column}", "is required")
        for row in np.flatnonzero(~present & (frame[column].isna().to_numpy()))
    )
    days = np.array(
        [np.datetime64("NaT") if v is None else np.datetime64(v, "D") for v in values],
        dtype="datetime64[D]",
    )
    return days[codes], present


def time_of_day(value: object) -> dt.time:
    """A cell's time of day, read as ``from_frame`` reads it: a ``datetime.time`` or text.

    Either is read by the rules of JSON (``HH:MM`` or ``HH:MM:SS``, no time zone).

    Raises:
        CellError: For anything else.
    """
    if isinstance(value, dt.time):
        value = value.isoformat()
    elif not isinstance(value, str):
        raise CellError("must be a time of day (a datetime.time or text written HH:MM:SS)")
    try:
        time: dt.time = _JSON.structure(value, dt.time)
    except ValueError as exc:  # the converter's message, which never holds the value
        raise CellError(str(exc)) from None
    return time


def position(value: object) -> int:
    """A cell holding a position in a log: a whole number, 0 or more, that fits in int64.

    Raises:
        CellError: For anything else.
    """
    found = whole_number(value)  # also 3.0, as pandas holds whole numbers in a column with gaps
    if found is None or found < 0:
        raise CellError("must be a whole number, 0 or more")
    if found > LARGEST:
        raise CellError(TOO_LARGE)
    return found


def row_order(problem: Problem) -> tuple[int, str]:
    """Sort key of a problem: its row (frame-wide problems first), then its path."""
    head = problem.path.partition("]")[0].removeprefix("rows[")
    return (int(head) if head.isdigit() else -1, problem.path)
