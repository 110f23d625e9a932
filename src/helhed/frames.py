"""Pathways as a pandas DataFrame in the process-mining layout, and back (research extra).

[`to_frame`][helhed.frames.to_frame] puts every event of some pathways in one row, in the
column names process-mining tools expect; [`from_frame`][helhed.frames.from_frame] reads such
a frame back into pathways. The round trip is lossless: ``from_frame(to_frame(pathways))``
equals ``tuple(pathways)``.

Columns, in this order:

* ``case:concept:name`` - the citizen (the pathway's ``citizen_id``);
* ``concept:name`` - the event kind's stable Danish code, as ``"event"`` in JSON;
* ``time:timestamp`` - the day the event happened at its time of day ``at``, or at midnight
  when it has none (a naive ``pandas.Timestamp``; derived, so it may be left empty on reading);
* ``org:group`` - the code of the administration that recorded the event;
* ``helhed:index`` - the event's position in its pathway's log, from 0. The log is the order
  of recording, annulled events and annulments included, so it survives sorting and
  shuffling; the order in which events happened is ``occurred_on`` and ``at``;
* ``occurred_on`` (``datetime.date``), ``at`` (``datetime.time`` or missing), ``unit``;
* when and by whom the event was recorded: ``recorded_on`` (``datetime.date`` for an event
  recorded late; missing when it was recorded the day it happened), ``recorded_at``
  (``datetime.time`` or missing) and ``recorder``;
* one column per other field of any event kind, missing in the rows of kinds without that
  field: ``referral_id``, ``offer``, ``to``, ``voluntary``, ``categories``, ``benefit``,
  ``group``, ``staff_id``, ``role``, ``placement``, ..., and among them ``source`` and
  ``legal_basis`` of a disclosure, ``ends_on`` of a consent, and ``annuls`` and ``reason``
  of an annulment. ``annuls`` names the annulled event by its ``helhed:index`` within the
  citizen's rows.

The frame holds every value, the sensitive ones included (an offer, a screening score, the
reason an event was annulled, ...): what ``repr`` hides is in the cells, so treat the frame
as health data.

Text and enums (as their codes) are ``"string"`` columns, flags ``"boolean"`` and whole
numbers ``"Int64"``, so a missing value stays missing and nothing is coerced. A set of codes
(``categories``) is written as its codes sorted and joined by ``;``. ``occurred_on`` and ``at``
hold ``datetime`` objects (dtype ``object``); on reading they may also be ISO text.

Reading applies the same rules as JSON (it goes through
[`from_dict`][helhed.serialization.from_dict]) and raises
[`ValidationError`][helhed.errors.ValidationError] naming each bad cell as
``rows[i].column``, where ``i`` counts the frame's rows from 0 whatever its index; values are
never shown, as they may be health data.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ReferralAccepted, Referred
    >>> day = dt.date(2024, 3, 4)
    >>> pathway = Pathway.of([
    ...     Referred(citizen_id="c-1", occurred_on=day, recorded_by=A.JOB_CENTRE,
    ...              referral_id="r-1", offer="rygestop", to=A.HEALTH, voluntary=True),
    ...     ReferralAccepted(citizen_id="c-1", occurred_on=day, at=dt.time(10, 30),
    ...                      recorded_by=A.HEALTH, referral_id="r-1"),
    ... ])
    >>> frame = to_frame([pathway])
    >>> frame[["case:concept:name", "concept:name", "org:group", "helhed:index"]]
      case:concept:name           concept:name  org:group  helhed:index
    0               c-1                henvist  jobcenter             0
    1               c-1  henvisning_accepteret    sundhed             1
    >>> frame["time:timestamp"].tolist()
    [Timestamp('2024-03-04 00:00:00'), Timestamp('2024-03-04 10:30:00')]
    >>> from_frame(frame) == (pathway,)
    True
    >>> bad = frame.copy()
    >>> bad.loc[1, "occurred_on"] = "2024-02-30"
    >>> from_frame(bad)
    Traceback (most recent call last):
    ...
    helhed.errors.ValidationError: rows[1].occurred_on: is not a calendar date
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

import attrs

from helhed._extras import needs

with needs("helhed.frames"):
    import numpy as np
    import pandas as pd

from helhed._coded import CodedEnum
from helhed._validation import require_collection
from helhed._values import frozen_fields, whole_number
from helhed.errors import Problem, ValidationError
from helhed.pathways.events import EVENT_TYPES, Event, EventKind
from helhed.pathways.pathway import Pathway
from helhed.serialization import EVENT_TAG, SCHEMA_VERSION, from_dict

__all__ = [
    "CASE",
    "COLUMNS",
    "INDEX",
    "KIND",
    "ORG",
    "REQUIRED",
    "TIMESTAMP",
    "distinct_pathways",
    "from_frame",
    "is_missing",
    "python_value",
    "to_frame",
]

CASE: Final = "case:concept:name"
"""The column of the citizen, i.e. the case (the pathway's ``citizen_id``)."""

KIND: Final = "concept:name"
"""The column of the event kind's code (``EventKind.code``)."""

TIMESTAMP: Final = "time:timestamp"
"""The column of the day and time of the event (midnight when its time is not known)."""

ORG: Final = "org:group"
"""The column of the code of the administration that recorded the event."""

INDEX: Final = "helhed:index"
"""The column of the event's position in its pathway's log, counting from 0."""

_DATE, _TIME, _TEXT, _CODE, _CODES, _FLAG, _WHOLE = (
    "date",
    "time",
    "text",
    "code",
    "codes",
    "flag",
    "whole",
)
_DTYPES: Mapping[str, str] = {
    _DATE: "object",
    _TIME: "object",
    _TEXT: "string",
    _CODE: "string",
    _CODES: "string",
    _FLAG: "boolean",
    _WHOLE: "Int64",
}
_SEPARATOR = ";"
_HEADS = {"citizen_id": CASE, EVENT_TAG: KIND, "recorded_by": ORG}  # field -> column
_FIRST_FIELDS = ("occurred_on", "at", "unit")
_ANNULMENT = EventKind.EVENT_ANNULLED.code


@attrs.frozen(field_transformer=frozen_fields)
class _Field:
    """One field of one event type, as its column sees it."""

    name: str
    column: str
    kind: str
    optional: bool  # None is a valid value
    has_default: bool


_SIMPLE_KINDS: Mapping[object, str] = {
    dt.date: _DATE,
    dt.time: _TIME,
    bool: _FLAG,
    int: _WHOLE,
    str: _TEXT,
}


def _kind_of(hint: Any) -> tuple[str, bool]:
    """The column kind of a field's type, and whether None is allowed."""
    args = typing.get_args(hint)
    optional = typing.get_origin(hint) in {typing.Union, types.UnionType} and type(None) in args
    if optional:
        (hint,) = (a for a in args if a is not type(None))
    if hint in _SIMPLE_KINDS:
        return _SIMPLE_KINDS[hint], optional
    if isinstance(hint, type) and issubclass(hint, CodedEnum):
        return _CODE, optional
    item = typing.get_args(hint)[0] if typing.get_origin(hint) is frozenset else None
    if not (isinstance(item, type) and issubclass(item, CodedEnum)):  # pragma: no cover
        msg = f"no column kind for an event field of type {hint!r}; add one to helhed.frames"
        raise TypeError(msg)
    return _CODES, optional


def _fields_of(cls: type[Event]) -> tuple[_Field, ...]:
    hints = typing.get_type_hints(cls)
    fields = []
    for field in attrs.fields(cls):
        if field.name == "citizen_id":
            continue
        kind, optional = _kind_of(hints[field.name])
        column = _HEADS.get(field.name, field.name)
        has_default = field.default is not attrs.NOTHING
        fields.append(_Field(field.name, column, kind, optional, has_default))
    return tuple(fields)


_FIELDS: Mapping[str, tuple[_Field, ...]] = {
    kind.code: _fields_of(cls) for kind, cls in EVENT_TYPES.items()
}
_ALL_FIELDS = {f.name: f for fields in _FIELDS.values() for f in fields}
_ATTRIBUTES = (
    *(_ALL_FIELDS[name] for name in _FIRST_FIELDS),
    *(f for f in _ALL_FIELDS.values() if f.column != ORG and f.name not in _FIRST_FIELDS),
)
_DTYPE_OF: Mapping[str, str] = {
    CASE: "string",
    KIND: "string",
    TIMESTAMP: "datetime64[us]",
    ORG: "string",
    INDEX: "Int64",
    **{f.column: _DTYPES[f.kind] for f in _ATTRIBUTES},
}

COLUMNS: tuple[str, ...] = tuple(_DTYPE_OF)
"""Every column [`to_frame`][helhed.frames.to_frame] writes, in order."""

REQUIRED: tuple[str, ...] = (CASE, KIND, ORG, INDEX, "occurred_on")
"""The columns [`from_frame`][helhed.frames.from_frame] needs; the others may be left out."""


def _cell(value: object, kind: str) -> object:
    """The frame's form of one field value (enums by code, sets of codes joined)."""
    if value is None:
        return None
    if kind == _CODES:
        return _SEPARATOR.join(sorted(m.code for m in typing.cast("frozenset[CodedEnum]", value)))
    if isinstance(value, CodedEnum):
        return value.code
    return value


def _timestamp(event: Event) -> dt.datetime:
    at = dt.time() if event.at is None else event.at
    return dt.datetime.combine(event.occurred_on, at)


def to_frame(pathways: Iterable[Pathway]) -> pd.DataFrame:
    """One row per event of ``pathways``, in the process-mining column layout.

    Rows come in the order of the pathways, then of each pathway's log; the frame has a
    plain ``RangeIndex``. See the module notes for the columns and their dtypes;
    [`COLUMNS`][helhed.frames.COLUMNS] lists them. A pathway without events has no rows, so
    it does not come back from [`from_frame`][helhed.frames.from_frame].

    Args:
        pathways: Pathways of different citizens.

    Returns:
        A DataFrame with the columns of ``COLUMNS``; ``time:timestamp`` is naive, to the
        microsecond.

    Raises:
        ValidationError: If an item is not a pathway, or two pathways have the same citizen
            (their rows could not be told apart).
    """
    values: dict[str, list[object]] = {column: [] for column in COLUMNS}
    for pathway in distinct_pathways(pathways):
        for position, event in enumerate(pathway.events):
            own = {f.name for f in _FIELDS[event.KIND.code]}
            values[CASE].append(event.citizen_id)
            values[KIND].append(event.KIND.code)
            values[TIMESTAMP].append(_timestamp(event))
            values[ORG].append(event.recorded_by.code)
            values[INDEX].append(position)
            for field in _ATTRIBUTES:
                value = getattr(event, field.name) if field.name in own else None
                values[field.column].append(_cell(value, field.kind))
    return pd.DataFrame(
        {column: pd.Series(cells, dtype=_DTYPE_OF[column]) for column, cells in values.items()}
    )


class _CellError(ValueError):
    """A cell that cannot be read; the message never contains its value."""


def distinct_pathways(pathways: Iterable[Pathway]) -> Iterator[Pathway]:
    """The pathways one by one, refusing a non-pathway or a citizen seen before.

    Raises:
        ValidationError: Naming the position of the bad item, or ``pathways`` if it is not
            a list.
    """
    require_collection(pathways, Pathway, "pathways")
    seen: set[str] = set()
    for number, pathway in enumerate(pathways):
        if not isinstance(pathway, Pathway):
            raise ValidationError.at(f"pathways[{number}]", "must be a Pathway")
        if pathway.citizen_id in seen:
            raise ValidationError.at(
                f"pathways[{number}].citizen_id", "is the citizen of an earlier pathway"
            )
        seen.add(pathway.citizen_id)
        yield pathway


def is_missing(value: object) -> bool:
    """True for a cell pandas or numpy reads as missing: None, ``NA``, ``NaT`` or NaN."""
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and value != value)  # noqa: PLR0124 - NaN test
    )


def python_value(value: object) -> object:
    """A numpy scalar as the Python value it holds; anything else as it is."""
    return value.item() if isinstance(value, np.generic) else value


def _json_value(value: object, kind: str) -> object:  # noqa: PLR0911 - one return per kind
    """A present cell in its JSON form, ready for the converter, which judges it."""
    if kind == _DATE:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, str):
            return value
        raise _CellError("must be a date (a datetime.date or text written YYYY-MM-DD)")
    if kind == _TIME:
        if isinstance(value, dt.time):
            return value.isoformat()
        if isinstance(value, str):
            return value
        raise _CellError("must be a time of day (a datetime.time or text written HH:MM:SS)")
    if kind == _CODES:
        if isinstance(value, str):
            return value.split(_SEPARATOR)
        if isinstance(value, (list, tuple)):
            return list(value)
        raise _CellError(f"must be codes joined by {_SEPARATOR!r}")
    return _whole_cell(value) if kind == _WHOLE else value


def _whole_cell(value: object) -> object:
    """A whole number as a plain int (3.0, as pandas holds it in a column with gaps, is 3)."""
    found = whole_number(value)
    return value if found is None else found


def _event_data(
    cells: Mapping[str, Sequence[object]], row: int, citizen: str, problems: list[Problem]
) -> dict[str, Any]:
    """The JSON form of the event in ``row``; cells that cannot be read go to ``problems``."""
    data: dict[str, Any] = {"citizen_id": citizen}
    tag = python_value(cells[KIND][row])
    if not is_missing(tag):
        data[EVENT_TAG] = tag
    fields = _FIELDS.get(tag) if isinstance(tag, str) else None
    if fields is None:  # the converter reports the missing or unknown kind
        return data
    for field in fields:
        value = python_value(cells[field.column][row]) if field.column in cells else None
        if is_missing(value):
            if field.optional and not field.has_default:
                data[field.name] = None
            continue  # the default applies, or the converter says the field is required
        try:
            data[field.name] = _json_value(value, field.kind)
        except _CellError as exc:
            problems.append(Problem(f"rows[{row}].{field.column}", str(exc)))
    own = {f.column for f in fields}
    problems.extend(
        Problem(f"rows[{row}].{f.column}", "is not a field of this kind of event; leave it empty")
        for f in _ATTRIBUTES
        if f.column not in own and f.column in cells and not is_missing(cells[f.column][row])
    )
    return data


def _annulled_place(
    data: dict[str, Any], places: Mapping[int, int], row: int, problems: list[Problem]
) -> dict[str, Any]:
    """``data`` with an annulment's ``annuls`` (a ``helhed:index``) as a place in the log."""
    named = data.get("annuls")
    if data.get(EVENT_TAG) != _ANNULMENT or isinstance(named, bool) or not isinstance(named, int):
        return data  # not an annulment, or the converter says what is wrong with the cell
    if named not in places:
        problems.append(
            Problem(f"rows[{row}].annuls", "is not the helhed:index of an event of this case")
        )
        return {**data, "annuls": None}  # the pathway is not built, and nothing else is said
    return {**data, "annuls": places[named]}


_EVENT_PATH = re.compile(r"events\[(\d+)\](?:\.(\w+)(.*))?")


def _cell_path(path: str, rows: Sequence[int]) -> tuple[int, str]:
    """The row and cell of the frame that a path within a pathway document points to."""
    if path == "citizen_id":
        return rows[0], f"rows[{rows[0]}].{CASE}"
    match = _EVENT_PATH.fullmatch(path)
    if match is None:  # pragma: no cover - every problem of a pathway lies in these paths
        return rows[0], f"rows[{rows[0]}]"
    row = rows[int(match[1])]
    if match[2] is None:
        return row, f"rows[{row}]"
    return row, f"rows[{row}].{_HEADS.get(match[2], match[2])}{match[3]}"


def _check_columns(frame: pd.DataFrame) -> None:
    problems = [Problem(column, "is a required column") for column in REQUIRED]
    problems = [p for p in problems if p.path not in frame.columns]
    seen: set[object] = set()
    for column in frame.columns:
        if column not in _DTYPE_OF:
            problems.append(Problem(str(column), "is not a known column"))
        elif column in seen:
            problems.append(Problem(str(column), "appears more than once"))
        seen.add(column)
    if problems:
        raise ValidationError(problems)


def _position(value: object) -> int:
    if is_missing(value):
        raise _CellError("is required")
    found = whole_number(value)  # a numpy integer, or 3.0 from a column with gaps
    if found is None or found < 0:
        raise _CellError("must be a whole number, 0 or more")
    return found


def _same_time(cell: object, event: Event) -> bool:
    if is_missing(cell):
        return True
    return isinstance(cell, dt.datetime) and cell.tzinfo is None and cell == _timestamp(event)


def from_frame(frame: pd.DataFrame) -> tuple[Pathway, ...]:
    """Read the pathways of a frame in the layout [`to_frame`][helhed.frames.to_frame] writes.

    Rows may come in any order: each case's events are put in the order of ``helhed:index``
    (positions must differ within a case; gaps are allowed, e.g. after filtering rows). An
    annulment's ``annuls`` names a row of its case by ``helhed:index`` and is read as that
    event's position in the log, so it still names the right event after filtering. The
    pathways come in the order their citizens first appear in the frame. Each event is read
    with the rules of JSON; a missing cell means the field's default, or None where the field
    allows it. ``time:timestamp`` is not read, but where given it must be ``occurred_on`` at
    ``at`` (midnight when ``at`` is empty).

    Args:
        frame: One row per event, with at least the columns of
            [`REQUIRED`][helhed.frames.REQUIRED] and no column outside
            [`COLUMNS`][helhed.frames.COLUMNS].

    Returns:
        One pathway per case.

    Raises:
        ValidationError: Listing every bad cell as ``rows[i].column`` (``i`` counts rows from
            0, whatever the frame's index; ``annuls`` naming no row of its case is one), every
            missing or unknown column, and every event that cannot follow its pathway's log;
            never a value.
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValidationError.at("", "must be a pandas DataFrame")
    _check_columns(frame)
    cells: dict[str, list[object]] = {str(c): frame[c].tolist() for c in frame.columns}
    problems: list[tuple[int, Problem]] = []
    cases: dict[str, list[tuple[int, int]]] = {}  # citizen -> (position, row) of its events
    for row, (case, index) in enumerate(zip(cells[CASE], cells[INDEX], strict=True)):
        problem = None
        citizen = python_value(case)
        if is_missing(citizen):
            problem = Problem(f"rows[{row}].{CASE}", "is required")
        elif not isinstance(citizen, str):
            problem = Problem(f"rows[{row}].{CASE}", "must be a string")
        else:
            try:
                cases.setdefault(citizen, []).append((_position(python_value(index)), row))
            except _CellError as exc:
                problem = Problem(f"rows[{row}].{INDEX}", str(exc))
        if problem is not None:
            problems.append((row, problem))
    pathways = []
    for citizen, entries in cases.items():
        pathway = _read_case(citizen, sorted(entries), cells, problems)
        if pathway is not None:
            pathways.append(pathway)
    if problems:
        problems.sort(key=lambda item: item[0])
        raise ValidationError(dict.fromkeys(p for _, p in problems))
    return tuple(pathways)


def _read_case(
    citizen: str,
    entries: list[tuple[int, int]],
    cells: Mapping[str, Sequence[object]],
    problems: list[tuple[int, Problem]],
) -> Pathway | None:
    """The pathway of one case, its events as (position, row) in order; None if it is bad."""
    rows = [row for _, row in entries]
    repeated = [
        (row, Problem(f"rows[{row}].{INDEX}", f"repeats the position of rows[{before}]"))
        for (position, row), (previous, before) in zip(entries[1:], entries, strict=False)
        if position == previous
    ]
    if repeated:
        problems.extend(repeated)
        return None
    own: list[Problem] = []
    events = []
    places = {position: place for place, (position, _) in enumerate(entries)}
    for row in rows:
        found: list[Problem] = []
        events.append(_annulled_place(_event_data(cells, row, citizen, found), places, row, found))
        own.extend(found)
        problems.extend((row, p) for p in found)
    document = {"schema_version": SCHEMA_VERSION, "citizen_id": citizen, "events": events}
    try:
        pathway = from_dict(document, Pathway)
    except ValidationError as exc:
        taken = {p.path for p in own}
        for p in exc.problems:
            row, path = _cell_path(p.path, rows)
            if path not in taken:
                problems.append((row, Problem(path, p.message)))
        return None
    if own:
        return None
    if TIMESTAMP in cells:
        problems.extend(
            (
                row,
                Problem(
                    f"rows[{row}].{TIMESTAMP}",
                    "must be occurred_on at the time in at (midnight when at is empty)",
                ),
            )
            for row, event in zip(rows, pathway.events, strict=True)
            if not _same_time(python_value(cells[TIMESTAMP][row]), event)
        )
    return pathway
