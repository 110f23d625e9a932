"""The intervention catalogue as CSV, for people who keep it in a spreadsheet.

One row per offer under a header row of fixed column names
([`COLUMNS`][helhed.models.catalogue_csv.COLUMNS]): the
[`Offer`][helhed.models.catalogue.Offer] field names in field order, with ``capacity`` split
into ``capacity_amount``, ``capacity_unit`` and ``capacity_period``.

* Enums are written as their stable codes (``sundhed``, ``gruppe``); sets as codes sorted and
  joined by ``;`` (``kost;rygning``); dates as ``YYYY-MM-DD``; ``voluntary`` as ``true`` or
  ``false``; whole numbers as digits.
* An empty cell is None for an optional field and the empty set for a set. The three capacity
  cells are all empty when an offer has no capacity; when only ``capacity_amount`` is filled
  in, unit and period take their defaults (seats, at a time).
* [`to_csv`][helhed.models.catalogue_csv.to_csv] writes ``,``-separated text with CRLF line
  ends (RFC 4180), or another delimiter if asked: ``delimiter=";"`` for Danish Excel.
* [`from_csv`][helhed.models.catalogue_csv.from_csv] reads what ``to_csv`` writes and what a
  spreadsheet saves: columns in any order, ``,``, ``;`` or tab as delimiter (found from the
  header row unless ``delimiter`` is given), a leading byte-order mark, empty rows (skipped),
  ``TRUE``/``FALSE``, ``ja``/``nej`` and ``SAND``/``FALSK`` for ``voluntary``, and spaces
  around codes (task types included). Other text cells are kept exactly as written. It takes
  text or a file's bytes: bytes are UTF-8 (Excel's "CSV UTF-8", byte-order mark or not) unless
  ``encoding`` says otherwise - ``encoding="cp1252"`` for Excel's plain "CSV
  (semikolonsepareret)"; bytes that are not UTF-8 are refused with the offset of the first bad
  byte, never guessed. Whole numbers have at most 100 digits, as in JSON.

The catalogue's name and taxonomy are not in the file; ``from_csv`` takes them as arguments,
Faxe's 10 task types by default. Bad input raises one
[`ValidationError`][helhed.errors.ValidationError] listing every bad cell by its row, counted
as a spreadsheet counts them (the header is row 1, the first offer row 2), and its column -
never the cell's value. Unknown, missing and repeated columns are named.

Examples:
    >>> import datetime as dt
    >>> from helhed.health import RiskFactor
    >>> from helhed.models.catalogue import Capacity, Catalogue, Offer, OfferFormat
    >>> from helhed.organisation import Administration
    >>> walk = Offer(id="walk", name_da="Gå", name_en="Walks",
    ...     administration=Administration.HEALTH, task_type="6",
    ...     risk_factors=frozenset({RiskFactor.PHYSICAL_ACTIVITY, RiskFactor.DIET}),
    ...     format=OfferFormat.GROUP, capacity=Capacity(amount=12), voluntary=True,
    ...     last_reviewed=dt.date(2024, 1, 15))
    >>> catalogue = Catalogue(name="Eksempel", offers=(walk,))
    >>> text = to_csv(catalogue)
    >>> print(text.splitlines()[1])
    walk,Gå,Walks,sundhed,6,fysisk_aktivitet;kost,,,,gruppe,,12,pladser,samtidig,true,,2024-01-15
    >>> from_csv(text, name="Eksempel") == catalogue
    True
    >>> danish = to_csv(catalogue, delimiter=";")
    >>> print(danish.splitlines()[1])
    walk;Gå;Walks;sundhed;6;"fysisk_aktivitet;kost";;;;gruppe;;12;pladser;samtidig;true;;2024-01-15
    >>> from_csv(danish, name="Eksempel") == catalogue
    True
    >>> bad = text.replace(",6,", ",66,").replace("2024-01-15", "15-01-2024")
    >>> try:
    ...     from_csv(bad, name="Eksempel")
    ... except ValidationError as error:
    ...     for problem in error.problems:
    ...         print(problem)
    row 2, column task_type: is not a task type of the faxe taxonomy
    row 2, column last_reviewed: must be a date written YYYY-MM-DD
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from types import MappingProxyType
from typing import Any, TypeVar

from helhed._coded import CodedEnum
from helhed._reading import MAX_DIGITS, text_of
from helhed._validation import Checker
from helhed.benefits import Benefit
from helhed.errors import Problem, ValidationError, require
from helhed.groups import RiskGroup
from helhed.health import RiskFactor
from helhed.models.catalogue import (
    FAXE,
    Capacity,
    CapacityPeriod,
    CapacityUnit,
    Catalogue,
    Offer,
    OfferFormat,
    Taxonomy,
)
from helhed.organisation import Administration

__all__ = ["COLUMNS", "from_csv", "to_csv"]

COLUMNS: tuple[str, ...] = (
    "id",
    "name_da",
    "name_en",
    "administration",
    "task_type",
    "risk_factors",
    "target_groups",
    "funding",
    "legal_basis",
    "format",
    "duration_weeks",
    "capacity_amount",
    "capacity_unit",
    "capacity_period",
    "voluntary",
    "contact",
    "last_reviewed",
)
"""The columns of the header row, in the order ``to_csv`` writes them."""

E = TypeVar("E", bound=CodedEnum)

_DELIMITERS = (",", ";", "\t")
_SET_SEPARATOR = ";"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE = re.compile(r"[0-9]+")
_TRUE = frozenset({"true", "ja", "sand"})
_FALSE = frozenset({"false", "nej", "falsk"})

_TEXT = ("id", "name_da", "name_en", "task_type", "legal_basis", "contact")
_REQUIRED = frozenset(
    (
        "id",
        "name_da",
        "name_en",
        "administration",
        "task_type",
        "format",
        "voluntary",
        "last_reviewed",
    )
)
_ENUMS: Mapping[str, type[CodedEnum]] = MappingProxyType(
    {"administration": Administration, "format": OfferFormat}
)
_SETS: Mapping[str, type[CodedEnum]] = MappingProxyType(
    {"risk_factors": RiskFactor, "target_groups": RiskGroup, "funding": Benefit}
)
_CAPACITY: Mapping[str, str] = MappingProxyType(
    {"amount": "capacity_amount", "unit": "capacity_unit", "period": "capacity_period"}
)


class _CellError(ValueError):
    """What is wrong with one cell; the message never contains the cell's value."""


def to_csv(catalogue: Catalogue, *, delimiter: str = ",") -> str:
    """Write the catalogue's offers as CSV text: a header row, then one row per offer.

    Args:
        catalogue: The catalogue. Its name and taxonomy are not written.
        delimiter: The cell separator; ``";"`` for Danish Excel.

    Returns:
        The text, each row ended by CRLF (RFC 4180). Write it to a file opened with ``newline=""``.
    """
    require(catalogue, Catalogue, "catalogue", "must be a Catalogue")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(offer) for offer in catalogue.offers)
    return out.getvalue()


def _row(offer: Offer) -> list[str]:
    cap = offer.capacity
    cells: dict[str, str] = {
        "administration": offer.administration.code,
        "format": offer.format.code,
        "duration_weeks": _text(offer.duration_weeks),
        "capacity_amount": "" if cap is None else str(cap.amount),
        "capacity_unit": "" if cap is None else cap.unit.code,
        "capacity_period": "" if cap is None else cap.period.code,
        "voluntary": "true" if offer.voluntary else "false",
        "last_reviewed": offer.last_reviewed.isoformat(),
    }
    for column in _TEXT:
        cells[column] = _text(getattr(offer, column))
    for column in _SETS:
        members: frozenset[CodedEnum] = getattr(offer, column)
        cells[column] = _SET_SEPARATOR.join(sorted(m.code for m in members))
    return [cells[column] for column in COLUMNS]


def _text(value: str | int | None) -> str:
    return "" if value is None else str(value)


def from_csv(
    text: str | bytes,
    *,
    name: str,
    taxonomy: Taxonomy = FAXE,
    delimiter: str | None = None,
    encoding: str | None = None,
) -> Catalogue:
    """Read a catalogue from CSV text, or a CSV file's bytes, with a header row and offer rows.

    Args:
        text: The CSV text, or its bytes; a leading byte-order mark is ignored.
        name: The catalogue's name.
        taxonomy: The task types the ``task_type`` column is checked against.
        delimiter: The cell separator. None finds it from the header row: whichever of ``,``,
            ``;`` and tab occurs most often there.
        encoding: The encoding of bytes, read as JSON's bytes are: None
            for UTF-8 (Excel's "CSV UTF-8"), ``"cp1252"`` for Excel's plain "CSV
            (semikolonsepareret)". Not guessed: cp1252 bytes read as UTF-8 are refused.

    Raises:
        ValidationError: Listing every bad cell as ``row N, column C`` (the header is row 1),
            every unknown, missing or repeated column, and a blank ``name``; never a value.
            Bytes that cannot be decoded, and text holding a lone surrogate, are refused as
            a whole (the message gives the byte's or character's offset).
    """
    require(name, str, "name", "must be a string")
    text = text_of(text, encoding=encoding)
    if delimiter is None:
        delimiter = _find_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = enumerate(reader, start=1)
    check = Checker()
    check.text(name, "name")
    if not check.expect(isinstance(taxonomy, Taxonomy), "taxonomy", "must be a Taxonomy"):
        check.done()
    problems = check.problems
    try:
        header = _header(next(rows, (1, []))[1])
        offers, at_row = _offers(rows, header, taxonomy, problems)
    except ValidationError as exc:
        raise ValidationError([*problems, *exc.problems]) from None
    except csv.Error:
        raise ValidationError.at("", f"is not valid CSV (line {reader.line_num})") from None
    if problems:
        raise ValidationError(problems)
    try:
        return Catalogue(name=name, offers=tuple(offers), taxonomy=taxonomy)
    except ValidationError as exc:  # pragma: no cover - the rows are checked above
        raise ValidationError(_at_rows(exc.problems, at_row)) from None


def _find_delimiter(text: str) -> str:
    first = next(iter(text.splitlines()), "")
    return max(_DELIMITERS, key=first.count)


def _header(cells: Sequence[str]) -> tuple[str, ...]:
    """The column names, checked: all known, none missing, none twice; blank for unused ones."""
    names = tuple(c.strip() for c in cells)
    if not set(names) & set(COLUMNS):
        raise ValidationError.at(
            "row 1",
            "must be the header row naming the columns, separated by commas, semicolons or "
            "tabs: " + ", ".join(COLUMNS),
        )
    problems = [
        Problem(f"row 1, column {n}", "is not a known column")
        for n in names
        if n and n not in COLUMNS
    ]
    problems.extend(
        Problem(f"row 1, column {n}", "appears more than once")
        for i, n in enumerate(names)
        if n in COLUMNS and names.index(n) != i
    )
    problems.extend(Problem("row 1", f"has no column {c}") for c in COLUMNS if c not in names)
    if problems:
        raise ValidationError(problems)
    return names


def _offers(
    rows: enumerate[list[str]],
    header: tuple[str, ...],
    taxonomy: Taxonomy,
    problems: list[Problem],
) -> tuple[list[Offer], list[int]]:
    """The offers of the rows after the header, and the row number of each."""
    offers: list[Offer] = []
    at_row: list[int] = []
    seen: set[str] = set()
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(f"row {number}", f"has {len(cells)} cells; the header has {len(header)}")
            )
            continue
        row = dict(zip(header, cells, strict=True))
        if any(c.strip() for n, c in zip(header, cells, strict=True) if not n):
            problems.append(Problem(f"row {number}", "has a cell in a column with no name"))
        found: dict[str, str] = {}
        values = _values(row, found)
        _against_others(values, found, seen, taxonomy)
        if not found:
            try:
                offers.append(Offer(**values))
                at_row.append(number)
            except ValidationError as exc:  # pragma: no cover - the cells are checked above
                found.update((_column(p.path), p.message) for p in exc.problems)
        order = [c for c in header if c in found] + [c for c in found if c not in header]
        problems.extend(Problem(f"row {number}, column {c}", found[c]) for c in order)
    return offers, at_row


def _against_others(
    values: dict[str, Any], found: dict[str, str], seen: set[str], taxonomy: Taxonomy
) -> None:
    """Check a row's id against earlier rows and its task type against the taxonomy."""
    offer_id = values.get("id")
    if isinstance(offer_id, str):
        if offer_id in seen:
            found.setdefault("id", "is a duplicate")
        seen.add(offer_id)
    task_type = values.get("task_type")
    if isinstance(task_type, str) and task_type not in taxonomy.codes:
        if task_type.strip() in taxonomy.codes:  # a code typed with a space around it
            values["task_type"] = task_type.strip()
        else:
            found.setdefault("task_type", f"is not a task type of the {taxonomy.name} taxonomy")


def _values(cells: Mapping[str, str], found: dict[str, str]) -> dict[str, Any]:
    """The Offer fields of one row; puts each bad cell's problem in ``found``."""
    values: dict[str, Any] = {}

    def read(column: str, parse: Callable[[str], Any]) -> None:
        cell = cells[column]
        if not cell.strip():
            if column in _REQUIRED:
                found[column] = "is required"
            return
        try:
            values[column] = parse(cell)
        except _CellError as exc:
            found[column] = str(exc)

    for column in _TEXT:
        read(column, str)
    for column, kind in _ENUMS.items():
        read(column, partial(_code, kind=kind))
    for column, kind in _SETS.items():
        read(column, partial(_codes, kind=kind))
    read("duration_weeks", _whole)
    read("voluntary", _flag)
    read("last_reviewed", _date)
    capacity = _capacity(cells, found)
    if capacity is not None:
        values["capacity"] = capacity
    return values


def _capacity(cells: Mapping[str, str], found: dict[str, str]) -> Capacity | None:
    amount, unit, period = (cells[c].strip() for c in _CAPACITY.values())
    if not (amount or unit or period):
        return None
    fields: dict[str, Any] = {}
    if not amount:
        found["capacity_amount"] = "is required when capacity_unit or capacity_period is given"
    for field, column, cell, parse in (
        ("amount", "capacity_amount", amount, _whole),
        ("unit", "capacity_unit", unit, partial(_code, kind=CapacityUnit)),
        ("period", "capacity_period", period, partial(_code, kind=CapacityPeriod)),
    ):
        if not cell:
            continue
        try:
            fields[field] = parse(cell)
        except _CellError as exc:
            found[column] = str(exc)
    if any(column in found for column in _CAPACITY.values()):
        return None
    return Capacity(**fields)


def _code(cell: str, kind: type[E]) -> E:
    try:
        return kind.from_code(cell.strip())
    except ValueError as exc:
        raise _CellError(str(exc)) from None


def _codes(cell: str, kind: type[E]) -> frozenset[E]:
    codes = [c.strip() for c in cell.split(_SET_SEPARATOR) if c.strip()]
    members = frozenset(_code(c, kind) for c in codes)
    if len(members) != len(codes):
        raise _CellError("must not list the same code twice")
    return members


def _whole(cell: str) -> int:
    cell = cell.strip()
    if not _WHOLE.fullmatch(cell):
        raise _CellError("must be a whole number")
    if len(cell) > MAX_DIGITS:
        raise _CellError(f"must be a whole number of at most {MAX_DIGITS} digits")
    if int(cell) < 1:
        raise _CellError("must be 1 or more")
    return int(cell)


def _flag(cell: str) -> bool:
    word = cell.strip().lower()
    if word in _TRUE:
        return True
    if word not in _FALSE:
        raise _CellError("must be true or false")
    return False


def _date(cell: str) -> dt.date:
    cell = cell.strip()
    if not _DATE.fullmatch(cell):
        raise _CellError("must be a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        raise _CellError("is not a calendar date") from None


def _at_rows(problems: Sequence[Problem], at_row: Sequence[int]) -> list[Problem]:
    """Put a Catalogue's ``offers[i].field`` problems at their row and column."""
    located = []
    for problem in problems:
        match = re.fullmatch(r"offers\[(\d+)\]\.?(.*)", problem.path)
        if match is None:
            located.append(problem)
            continue
        row = at_row[int(match.group(1))]
        column = _column(match.group(2))
        path = f"row {row}, column {column}" if column else f"row {row}"
        located.append(Problem(path, problem.message))
    return located


def _column(path: str) -> str:
    """The column of an Offer field's problem path: ``capacity.amount`` -> ``capacity_amount``."""
    field, _, rest = path.partition(".")
    if field == "capacity" and rest in _CAPACITY:
        return _CAPACITY[rest]
    return field
