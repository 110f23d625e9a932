"""An event table read for the columnar check: columns parsed, checked and coded (research extra).

[`Table`][helhed.batch._table.Table] reads the frame once: it refuses bad cells as
``from_frame`` would, orders each citizen's events in force up to the day checked as the
timeline does, and codes the columns the rules read (``codes``, ``equals``, ``matches``,
...) into arrays of whole numbers, decoded once per distinct cell. The scans over those
arrays are [`Scan`][helhed.batch._scan.Scan]'s.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from helhed._coded import CodedEnum
from helhed.batch._cells import (
    LARGEST,
    TOO_LARGE,
    CellError,
    day_of,
    days_of,
    factor,
    position,
    row_order,
)
from helhed.batch._found import objects
from helhed.batch._scan import Bools, Ints, Scan, day_number, runs
from helhed.batch._timeline import in_force, timeline
from helhed.errors import Problem, ValidationError
from helhed.frames import CASE, COLUMNS, INDEX, KIND, ORG, REQUIRED, python_value
from helhed.organisation import Administration
from helhed.pathways.events import (
    EVENT_TYPES,
    ConversationHeld,
    Event,
    EventKind,
    Referred,
)
from helhed.rules import Match

__all__ = [
    "ADMINISTRATIONS",
    "ADMINISTRATION_INDEX",
    "KINDS",
    "MATCH_FIELDS",
    "NO_END",
    "PLAIN_FIELDS",
    "Table",
    "check_columns",
    "hashable",
    "kind_table",
]

KINDS: Final = tuple(EVENT_TYPES.values())
KIND_INDEX: Final = {kind.code: i for i, kind in enumerate(EVENT_TYPES)}
ADMINISTRATIONS: Final = tuple(Administration)
ADMINISTRATION_INDEX: Final = {a.code: i for i, a in enumerate(ADMINISTRATIONS)}
_ANNULMENT: Final = KIND_INDEX[EventKind.EVENT_ANNULLED.code]
NO_END: Final = LARGEST  # the end of a consent given for no limited time
_FIELD_COLUMNS: Final = {"citizen_id": CASE, "recorded_by": ORG}
_SEPARATOR = ";"


def _field_tables() -> tuple[dict[str, dict[int, object]], frozenset[str]]:
    """Each column's default cell per event kind, and the fields ``same`` may name in columns.

    The defaults fill a missing cell as ``from_frame`` does (a caseworker assignment without
    a role is one as caseworker). A field may be compared by its raw cells only if, in every
    event kind that has it, it holds one text, code, flag or whole number: cells of dates,
    times or sets written in different ways (``10:30`` and ``10:30:00``) may be equal once
    read, so a rule correlating on such a field runs on objects. ``occurred_on`` is the
    exception, as the table reads it as a date before any rule runs.
    """
    defaults: dict[str, dict[int, object]] = defaultdict(dict)
    plain: set[str] = set()
    other: set[str] = set()
    for i, cls in enumerate(KINDS):
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            (plain if _is_plain(hints[field.name]) else other).add(field.name)
            default = field.default
            if default is attrs.NOTHING or default is None or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                continue
            column = _FIELD_COLUMNS.get(field.name, field.name)
            defaults[column][i] = default.code if isinstance(default, CodedEnum) else default
    return dict(defaults), frozenset((plain - other) | {"occurred_on"})


def _is_plain(hint: object) -> bool:
    """True for a type of one text, code, flag or whole number, possibly optional."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in {typing.Union, types.UnionType} and len(args) == 1:
        hint = args[0]
    return hint in {str, int, bool} or (isinstance(hint, type) and issubclass(hint, CodedEnum))


_DEFAULTS, PLAIN_FIELDS = _field_tables()


MATCH_FIELDS: Final = frozenset(
    (
        "kinds",
        "recorded_by",
        "to",
        "voluntary",
        "conversation",
        "role",
        "offers",
        "instrument",
        "where",
        "name_da",
        "name_en",
    )
)
"""The fields of [`Match`][helhed.rules.Match] the columnar code knows: ``Table.matches``
reads them, a ``where`` condition is read through its mask in
[`helhed.batch.rules.conditions`][helhed.batch.rules.conditions] (a rule whose condition has
none runs on objects) and the names only label it. A ``Match`` with other fields is not read
over columns, so a new field is never ignored."""


def kind_table(classes: tuple[type[Event], ...]) -> Bools:
    """For each event kind, in the order of ``EVENT_TYPES``: is it one of ``classes``?"""
    return np.array([issubclass(cls, classes) for cls in KINDS], dtype=bool)


class Table(Scan):
    """The rows of an event table as the pathways cut at the day checked, with their codes.

    Row ``p`` of the arrays is the ``p``-th event in force that happened by the day, in the
    order (citizen, timeline); ``rows[p]`` is its row in the frame. A citizen's rows are
    contiguous, from ``start[p]`` up to ``end[p]``, and ``position[p]`` is the event's place
    in the citizen's log (every row of the table counted, in ``helhed:index`` order);
    ``citizens`` counts the citizens of the table, also those with no event up to the day.
    """

    def __init__(self, frame: pd.DataFrame, on: dt.date) -> None:
        self.frame = frame
        self.on_date = on
        self.on = day_number(on)
        problems: list[Problem] = []
        case, self.ids = _cases(frame, problems)
        kind = _lookup(frame, KIND, KIND_INDEX, "is not a known event kind", problems)
        org = _lookup(frame, ORG, ADMINISTRATION_INDEX, "is not a known administration", problems)
        index = _indexes(frame, problems)
        days, _ = days_of(frame, "occurred_on", problems)
        if problems:
            raise ValidationError(sorted(problems, key=row_order))
        self.case = case
        order = np.lexsort((index, case)).astype(np.int64)
        case, index = case[order], index[order]
        repeated = np.flatnonzero((case[1:] == case[:-1]) & (index[1:] == index[:-1])) + 1
        if repeated.size:
            raise ValidationError(
                Problem(f"rows[{order[k]}].{INDEX}", f"repeats the position of rows[{before}]")
                for k, before in sorted(
                    zip(repeated.tolist(), order[repeated - 1].tolist(), strict=True),
                    key=lambda pair: int(order[pair[0]]),
                )
            )
        self.days = days
        day = days.astype(np.int64)[order]
        place = np.arange(len(order), dtype=np.int64) - runs(case)[0]
        kind = kind[order]
        force = in_force(frame, order, case, index, kind == _ANNULMENT, problems=problems)
        kept = np.flatnonzero(force & (day <= self.on))
        picked, time = timeline(frame, order[kept], case[kept], day[kept], problems)
        if problems:
            raise ValidationError(sorted(problems, key=row_order))
        keep = kept[picked]
        super().__init__(citizen=case[keep], day=day[keep], time=time, citizens=len(self.ids))
        self.rows: Ints = order[keep]
        self.position: Ints = place[keep]
        self.kind: Ints = kind[keep]
        self.org: Ints = org[order][keep]
        self._codes: dict[str, tuple[Ints, list[object]]] = {}
        self._referrals: Ints | None = None
        self._names: npt.NDArray[np.object_] | None = None

    def names(self, citizens: Ints) -> list[str]:
        """The ids of ``citizens``, given by their numbers."""
        if self._names is None:
            self._names = objects(self.ids)
        return typing.cast("list[str]", self._names[citizens].tolist())

    def kinds(self, *classes: type[Event]) -> Bools:
        """Rows whose event is of one of ``classes`` (or a subclass)."""
        return kind_table(classes)[self.kind]

    def codes(self, column: str) -> tuple[Ints, list[object]]:
        """Each row's code into the column's distinct values (-1 when missing).

        A missing cell of a field with a default holds the default, as ``from_frame`` reads
        it; a column left out of the frame is missing everywhere.
        """
        if column in self._codes:
            return self._codes[column]
        if column == ORG:
            administrations: list[object] = [a.code for a in ADMINISTRATIONS]
            found = (self.org, administrations)
            self._codes[column] = found
            return found
        values: list[object] = []
        codes = np.full(self.size, -1, dtype=np.int64)
        if column in self.frame.columns:
            cells = self.frame[column]
            try:
                full, uniques = pd.factorize(cells, use_na_sentinel=True)
            except TypeError:  # unhashable cells, such as lists: compare them as tuples
                full, uniques = pd.factorize(
                    pd.Series([hashable(c) for c in cells.tolist()], dtype=object),
                    use_na_sentinel=True,
                )
            values = [python_value(u) for u in uniques]
            self._refuse_blanks(column, np.asarray(full, dtype=np.int64), values)
            codes = np.asarray(full, dtype=np.int64)[self.rows]
        for kind, default in _DEFAULTS.get(column, {}).items():
            gap = (codes < 0) & (self.kind == kind)
            if gap.any():
                if default not in values:
                    values.append(default)
                codes[gap] = values.index(default)
        self._codes[column] = (codes, values)
        return codes, values

    def _refuse_blanks(self, column: str, full: Ints, values: list[object]) -> None:
        """Refuse blank text among the distinct cells of ``column``, as ``from_frame`` does.

        Only rows up to the day checked count, as only they are read into pathways.
        """
        blank = [i for i, v in enumerate(values) if isinstance(v, str) and not v.strip()]
        if not blank:
            return
        rows = np.sort(self.rows[np.isin(full[self.rows], blank)])
        if rows.size:
            raise ValidationError(
                Problem(f"rows[{row}].{column}", "must not be blank") for row in rows.tolist()
            )

    def equals(self, column: str, value: object) -> Bools:
        """Rows whose cell in ``column`` equals ``value`` (never a missing one)."""
        codes, values = self.codes(column)
        hits = [i for i, v in enumerate(values) if v == value]
        return np.isin(codes, hits)

    def among(self, column: str, accepted: Iterable[object]) -> Bools:
        """Rows whose cell in ``column`` is one of ``accepted``."""
        codes, values = self.codes(column)
        wanted = set(accepted)
        return np.isin(codes, [i for i, v in enumerate(values) if v in wanted])

    def holds_code(self, column: str, code: str) -> Bools:
        """Rows whose set of codes in ``column`` (joined by ``;``) holds ``code``."""
        codes, values = self.codes(column)
        hits = [
            i
            for i, v in enumerate(values)
            if (isinstance(v, str) and code in v.split(_SEPARATOR))
            or (isinstance(v, tuple) and code in v)
        ]
        return np.isin(codes, hits)

    def enum_codes(self, column: str, members: Sequence[CodedEnum]) -> Ints:
        """Each row's cell as the index of its member in ``members`` (-1 otherwise)."""
        codes, values = self.codes(column)
        index = {m.code: i for i, m in enumerate(members)}
        table = np.array([index.get(v, -1) if isinstance(v, str) else -1 for v in values] + [-1])
        return table[codes].astype(np.int64)

    def flags(self, column: str) -> Ints:
        """Each row's flag in ``column``: 1 for True, 0 for False, -1 otherwise."""
        codes, values = self.codes(column)
        table = np.array([1 if v is True else 0 if v is False else -1 for v in values] + [-1])
        return table[codes].astype(np.int64)

    def field_codes(self, field: str) -> tuple[Ints, list[object]]:
        """``codes`` of the column that holds the event field ``field``."""
        return self.codes(_FIELD_COLUMNS.get(field, field))

    def same_codes(self, field: str) -> Ints | None:
        """Each row's value of ``field`` as a code (-1 for none); None if all rows agree."""
        if field == "citizen_id":
            return None  # every event of a log shares it
        if field == "occurred_on":
            return np.asarray(self.day - self.day.min(initial=0), dtype=np.int64)
        return self.field_codes(field)[0]

    def referrals(self) -> Ints:
        """For each row, the row of the referral it is about (itself for one), or -1.

        A referral is looked up by the row's ``referral_id`` among the citizen's referrals up
        to the day checked, as ``Pathway.referral`` does; the latest wins a repeated id.
        """
        if self._referrals is not None:
            return self._referrals
        rid, _ = self.codes("referral_id")
        referred = self.kinds(Referred)
        found = np.full(self.size, -1, dtype=np.int64)
        found[referred] = np.flatnonzero(referred)
        sources = np.flatnonzero(referred & (rid >= 0))
        asking = np.flatnonzero(~referred & (rid >= 0))
        if sources.size and asking.size:
            width = int(rid.max()) + 1
            keys = self.citizen[sources] * width + rid[sources]
            order = np.argsort(keys, kind="stable")
            keys, sources = keys[order], sources[order]
            wanted = self.citizen[asking] * width + rid[asking]
            at = np.searchsorted(keys, wanted, side="right") - 1
            hit = (at >= 0) & (keys[np.maximum(at, 0)] == wanted)
            found[asking[hit]] = sources[at[hit]]
        self._referrals = found
        return found

    def matches(self, match: Match) -> Bools:
        """Rows whose event fits ``match``, as ``Match.__call__`` decides it.

        A ``where`` condition is read through its mask in ``helhed.batch.rules.conditions``;
        a rule whose condition has none is declined before it gets here.
        """
        hit = self.kinds(*match.kinds)
        if match.where is not None:
            # The masks read the table, so they are imported when first asked for.
            from helhed.batch.rules.conditions import condition_mask  # noqa: PLC0415

            hit &= condition_mask(match.where, self)
        if match.recorded_by is not None:
            hit &= self.org == ADMINISTRATION_INDEX[match.recorded_by.code]
        if match.conversation is not None:
            hit &= self.kinds(ConversationHeld) & self.equals(
                "conversation", match.conversation.code
            )
        if match.role is not None:
            hit &= self.equals("role", match.role.code)
        if match.offers is not None:
            hit &= self.among("offer", match.offers)
        if match.instrument is not None:
            hit &= self.equals("instrument", match.instrument)
        if match.to is None and match.voluntary is None:
            return hit
        referral = self.referrals()
        known = referral >= 0
        source = np.where(known, referral, np.arange(self.size))
        if match.to is not None:
            hit &= self.equals("to", match.to.code)[source]
        if match.voluntary is not None:
            hit &= known & (self.flags("voluntary")[source] == int(match.voluntary))
        return hit

    def day_numbers(self, column: str, rows: Ints) -> Ints:
        """The date in ``column`` of ``rows`` as day numbers; ``NO_END`` where it is missing.

        A cell that is not a date is refused, as ``from_frame`` refuses it.
        """
        if column not in self.frame.columns:
            return np.full(len(rows), NO_END, dtype=np.int64)
        problems: list[Problem] = []
        codes, values = factor(self.frame, column, day_of, None, problems, rows=self.rows[rows])
        if problems:
            raise ValidationError(sorted(problems, key=row_order))
        numbers = [NO_END if v is None else day_number(v) for v in values]
        return np.array(numbers, dtype=np.int64)[codes]


def hashable(cell: object) -> object:
    """``cell`` in a form that hashes: a list or array of values as a tuple."""
    if isinstance(cell, (list, tuple, np.ndarray)):
        return tuple(python_value(c) for c in cell)
    return cell


def _cases(frame: pd.DataFrame, problems: list[Problem]) -> tuple[Ints, list[str]]:
    """Each row's citizen number into the distinct ids, which are non-blank text.

    When every distinct cell is a ``str`` (always so in a ``"string"`` column) and none is
    blank, the ids are read in one pass over them, as ``factor`` would read them; otherwise
    ``factor`` reads them and names each bad cell.
    """
    cells = frame[CASE]
    try:
        numbers, uniques = pd.factorize(cells, use_na_sentinel=True)
    except TypeError:  # unhashable cells: factor names the column
        numbers, uniques = None, None
    if uniques is not None:
        distinct: list[object] = uniques.tolist()
        if set(map(type, distinct)) <= {str} and all(
            map(str.strip, typing.cast("list[str]", distinct))
        ):
            codes = np.asarray(numbers, dtype=np.int64)
            missing = np.flatnonzero(codes < 0)
            codes[missing] = len(distinct)
            problems.extend(Problem(f"rows[{row}].{CASE}", "is required") for row in missing)
            return codes, typing.cast("list[str]", distinct)

    def parse(value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise CellError("must be non-blank text")
        return value

    codes, ids = factor(frame, CASE, parse, "", problems)
    problems.extend(
        Problem(f"rows[{row}].{CASE}", "is required")
        for row in np.flatnonzero(frame[CASE].isna().to_numpy())
    )
    return codes.astype(np.int64), ids[:-1]


def _lookup(
    frame: pd.DataFrame,
    column: str,
    index: Mapping[str, int],
    unknown: str,
    problems: list[Problem],
) -> Ints:
    def parse(value: object) -> int:
        if not isinstance(value, str) or value not in index:
            raise CellError(unknown)
        return index[value]

    codes, values = factor(frame, column, parse, -1, problems)
    problems.extend(
        Problem(f"rows[{row}].{column}", "is required")
        for row in np.flatnonzero(frame[column].isna().to_numpy())
    )
    return np.array(values, dtype=np.int64)[codes]


def _indexes(frame: pd.DataFrame, problems: list[Problem]) -> Ints:
    cells = frame[INDEX]
    if pd.api.types.is_integer_dtype(cells.dtype) and not cells.hasnans:
        if pd.api.types.is_unsigned_integer_dtype(cells.dtype):
            # An unsigned position above the largest int64 would wrap round to a negative one.
            large = np.flatnonzero(cells.to_numpy(dtype=np.uint64) > LARGEST)
            problems.extend(Problem(f"rows[{row}].{INDEX}", TOO_LARGE) for row in large)
            if large.size:
                return np.zeros(len(cells), dtype=np.int64)
        numbers = cells.to_numpy(dtype=np.int64)
        problems.extend(
            Problem(f"rows[{row}].{INDEX}", "must be a whole number, 0 or more")
            for row in np.flatnonzero(numbers < 0)
        )
        return numbers
    codes, values = factor(frame, INDEX, position, -1, problems)
    problems.extend(
        Problem(f"rows[{row}].{INDEX}", "is required")
        for row in np.flatnonzero(cells.isna().to_numpy())
    )
    return np.array(values, dtype=np.int64)[codes]


def check_columns(frame: pd.DataFrame) -> None:
    """Refuse a missing required column, an unknown column or a repeated one."""
    problems = [Problem(c, "is a required column") for c in REQUIRED if c not in frame.columns]
    known = set(COLUMNS)
    problems.extend(
        Problem(str(c), "is not a known column") for c in frame.columns if c not in known
    )
    problems.extend(
        Problem(str(c), "appears more than once")
        for c in frame.columns[frame.columns.duplicated()].unique()
    )
    if problems:
        raise ValidationError(problems)
