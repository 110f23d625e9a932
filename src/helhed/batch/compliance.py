"""Compliance checks over whole event tables, equal to the object API (research extra).

[`check_frame`][helhed.batch.check_frame] checks the pathways of an event table against a
[`Protocol`][helhed.pathways.rules.Protocol] as they stood at the end of a day, and returns
one row per finding. The findings are those
[`check`][helhed.pathways.compliance.check] gives for the pathways
[`from_frame`][helhed.frames.from_frame] reads from the table: the same rule ids, events,
dates, Danish and English texts and citations, in the same order (citizen, dates, rule id,
events). [`findings_of`][helhed.batch.findings_of] turns the rows back into
[`Finding`][helhed.pathways.rules.Finding] values and
[`report_frame`][helhed.batch.report_frame] gives the whole
[`ComplianceReport`][helhed.pathways.compliance.ComplianceReport].

The table has one row per event in the layout of [`helhed.frames`][helhed.frames]
([`to_frame`][helhed.frames.to_frame] writes it), as a pandas DataFrame or a
``pyarrow.Table``. Rows may come in any order: ``helhed:index`` orders each citizen's events.
Events after the day checked are left out, as ``Pathway.until`` leaves them out.

The rule tables are shared with the object API, not copied: each rule's fields (``after``,
``expect``, ``days``, ``same``, ``first``, ``then``, ``same_day``, ``category``, ``to``,
...) and each [`Match`][helhed.pathways.rules.Match]'s fields are read when the check runs.
How each rule is evaluated:

* vectorised over whole columns: [`Forbid`][helhed.pathways.rules.Forbid],
  [`Within`][helhed.pathways.rules.Within], [`Precedes`][helhed.pathways.rules.Precedes],
  [`Parallel`][helhed.pathways.rules.Parallel] and
  [`RequiresConsent`][helhed.pathways.rules.RequiresConsent] (the consent ledger as running
  positions of the last consent, withdrawal and refusal per purpose), with every field of
  ``Match`` including the referral a row names, for ``to`` and ``voluntary``;
* on objects for the citizens that can break them, after a vectorised pre-filter:
  [`Every`][helhed.pathways.rules.Every] (citizens with a matching event: ``holds`` is a
  Python function), [`AtMostPer`][helhed.pathways.rules.AtMostPer] (citizens assigned staff
  in the role counted, all together, as it is a population rule),
  [`CoordinatingCaseworkerAssigned`][helhed.pathways.rules.CoordinatingCaseworkerAssigned]
  (citizens with a funding basis recorded) and
  [`OneCoordinatingCaseworker`][helhed.pathways.rules.OneCoordinatingCaseworker] (citizens
  with two coordinating assignments or more);
* on objects for every citizen: any other rule class, including subclasses of the rules
  above and the rules of ``helhed.models`` and ``helhed.cases``, and any rule whose
  ``Match`` is a subclass of ``Match`` or whose ``same`` names a field that is not one value
  per event.

"On objects" means: the rows of those citizens are read with ``from_frame`` and the rule's
own ``check`` (or ``check_all``) runs, so the result is the object API's by construction.

What is checked: the required columns of [`REQUIRED`][helhed.frames.REQUIRED] are present
and no unknown or repeated column; every ``case:concept:name`` is non-blank text; every
``concept:name`` is a known event kind code and every ``org:group`` a known administration
code; every ``occurred_on`` is a date (a ``datetime.date``, a timestamp at midnight, or text
written YYYY-MM-DD); every ``helhed:index`` is a whole number of 0 or more, unique within its
citizen. What is not: the vectorised rules do not replay the logs, so an event that could not
follow its log (a contact for a referral never made, dates going backwards, a field of the
wrong kind) is not refused and may give findings the object API would never reach, since it
refuses such a log. Pass ``validate=True`` to read the whole table with ``from_frame`` first
(as slow as the object path), or validate once when the table is made.

Columns of the result, in this order ([`FINDING_COLUMNS`][helhed.batch.FINDING_COLUMNS]):

* ``citizen_id``, ``rule_id`` (``"string"``);
* ``severity`` - the [`Severity`][helhed.pathways.rules.Severity] code (``"string"``);
* ``events`` - the positions of the events involved in the citizen's log, from 0, as a
  tuple of ints (dtype ``object``);
* ``dates`` - the dates that matter, as a tuple of ``datetime.date`` (dtype ``object``);
* ``text_da``, ``text_en`` - what is wrong (``"string"``);
* ``citation`` - the rule's [`Citation`][helhed.sources.Citation] written as ``str``
  does, e.g. ``SST2019 4.1, fn. 7`` (``"string"``).

Bad input raises [`ValidationError`][helhed.errors.ValidationError] naming each missing or
unknown column, or each bad cell as ``rows[i].column``, ``i`` counting the table's rows from
0 whatever its index; values are never shown, as they may be health data.

Examples:
    >>> import datetime as dt
    >>> from helhed.frames import to_frame
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ContactMade, ReferralAccepted, Referred
    >>> from helhed.pathways.pathway import Pathway
    >>> from helhed.pathways.protocols import HALSNAES
    >>> def event(kind, day, by, **fields):
    ...     return kind(citizen_id="c-1", occurred_on=dt.date(2024, 3, day), recorded_by=by,
    ...                 **fields)
    >>> pathway = Pathway.of([
    ...     event(Referred, 4, A.JOB_CENTRE, referral_id="r-1", offer="afklarende samtale",
    ...           to=A.HEALTH, voluntary=True),
    ...     event(ReferralAccepted, 4, A.JOB_CENTRE, referral_id="r-1"),
    ...     event(ContactMade, 13, A.HEALTH, referral_id="r-1"),
    ... ])
    >>> found = check_frame(to_frame([pathway]), HALSNAES, on=dt.date(2024, 3, 31))
    >>> found[["citizen_id", "rule_id", "severity", "events"]]
      citizen_id                       rule_id severity  events
    0        c-1  halsnaes.contact_within_week     fejl  (1, 2)
    >>> print(found.loc[0, "text_en"])  # doctest: +NORMALIZE_WHITESPACE
    The health department contacts the citizen within one week of accepting the referral.
    Referral accepted on 2024-03-04; contact made on 2024-03-13, 9 days later (the limit is
    7 days).
    >>> from helhed.pathways.compliance import check
    >>> findings_of(found) == check([pathway], HALSNAES, on=dt.date(2024, 3, 31)).findings
    True
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from helhed._coded import CodedEnum
from helhed._validation import Checker
from helhed.batch._cells import CellError, as_frame, days_of, factor, row_order
from helhed.errors import Problem, ValidationError
from helhed.frames import (
    CASE,
    COLUMNS,
    INDEX,
    KIND,
    ORG,
    REQUIRED,
    from_frame,
    python_value,
)
from helhed.organisation import Administration, Role
from helhed.pathways.compliance import ComplianceReport
from helhed.pathways.consent import refusal
from helhed.pathways.events import (
    EVENT_TYPES,
    BenefitChanged,
    CaseworkerAssigned,
    ConsentGiven,
    ConsentPurpose,
    ConsentRefused,
    ConsentWithdrawn,
    ConversationHeld,
    Event,
    EventKind,
    InformationDisclosed,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
    PathwayClosed,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.rules import (
    AtMostPer,
    CoordinatingCaseworkerAssigned,
    Every,
    Finding,
    Forbid,
    Match,
    OneCoordinatingCaseworker,
    Parallel,
    PopulationRule,
    Precedes,
    Protocol,
    RequiresConsent,
    Rule,
    Severity,
    Within,
)
from helhed.sources import Citation

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

__all__ = [
    "FINDING_COLUMNS",
    "check_frame",
    "findings_of",
    "population_rows",
    "report_frame",
    "sort_findings",
]

FINDING_COLUMNS: Final = (
    "citizen_id",
    "rule_id",
    "severity",
    "events",
    "dates",
    "text_da",
    "text_en",
    "citation",
)
"""The columns [`check_frame`][helhed.batch.check_frame] returns, in order: the fields of a
[`Finding`][helhed.pathways.rules.Finding]. ``severity`` holds the severity's code, ``events``
a tuple of positions in the citizen's log (from 0), ``dates`` a tuple of ``datetime.date``,
and ``citation`` the citation as ``str`` writes it (``SST2019 4.1, fn. 7``)."""

_Ints = npt.NDArray[np.int64]
_Bools = npt.NDArray[np.bool_]

_KINDS: Final = tuple(EVENT_TYPES.values())
_KIND_INDEX: Final = {kind.code: i for i, kind in enumerate(EVENT_TYPES)}
_ADMINISTRATIONS: Final = tuple(Administration)
_ADMINISTRATION_INDEX: Final = {a.code: i for i, a in enumerate(_ADMINISTRATIONS)}
_PURPOSES: Final = tuple(ConsentPurpose)
_FIELD_COLUMNS: Final = {"citizen_id": CASE, "recorded_by": ORG}
_SEPARATOR = ";"
_STRING = "string"


def _field_tables() -> tuple[dict[str, dict[int, object]], frozenset[str]]:
    """Each column's default cell per event kind, and the fields holding one value per event.

    The defaults fill a missing cell as ``from_frame`` does (a caseworker assignment without
    a role is one as caseworker); a field whose type is a set is not a single value.
    """
    defaults: dict[str, dict[int, object]] = defaultdict(dict)
    single: set[str] = set()
    for i, cls in enumerate(_KINDS):
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if typing.get_origin(hints[field.name]) is not frozenset:
                single.add(field.name)
            default = field.default
            if default is attrs.NOTHING or default is None or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                continue
            column = _FIELD_COLUMNS.get(field.name, field.name)
            defaults[column][i] = default.code if isinstance(default, CodedEnum) else default
    return dict(defaults), frozenset(single)


_DEFAULTS, _SINGLE_FIELDS = _field_tables()


def _kind_table(classes: tuple[type[Event], ...]) -> _Bools:
    """For each event kind, in the order of ``EVENT_TYPES``: is it one of ``classes``?"""
    return np.array([issubclass(cls, classes) for cls in _KINDS], dtype=bool)


class _Table:
    """The rows of an event table up to the day checked, in log order, with their codes.

    Row ``p`` of the arrays is the ``p``-th event in the order (citizen, ``helhed:index``);
    ``rows[p]`` is its row in the frame. A citizen's rows are contiguous, from ``start[p]``
    up to ``end[p]``, and ``position[p]`` is the event's place in the citizen's log.
    """

    def __init__(self, frame: pd.DataFrame, on: dt.date) -> None:
        self.frame = frame
        self.on_date = on
        self.on = _day_number(on)
        problems: list[Problem] = []
        case, self.ids = _cases(frame, problems)
        kind = _lookup(frame, KIND, _KIND_INDEX, "is not a known event kind", problems)
        org = _lookup(frame, ORG, _ADMINISTRATION_INDEX, "is not a known administration", problems)
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
        position = np.arange(len(order), dtype=np.int64) - np.searchsorted(case, case)
        keep = day <= self.on
        self.rows: _Ints = order[keep]
        self.citizen: _Ints = case[keep]
        self.day: _Ints = day[keep]
        self.position: _Ints = position[keep]
        self.kind: _Ints = kind[order][keep]
        self.org: _Ints = org[order][keep]
        self.size = len(self.rows)
        self.start: _Ints = np.searchsorted(self.citizen, self.citizen, side="left").astype(
            np.int64
        )
        self.end: _Ints = np.searchsorted(self.citizen, self.citizen, side="right").astype(np.int64)
        self._codes: dict[str, tuple[_Ints, list[object]]] = {}
        self._referrals: _Ints | None = None

    @property
    def citizens(self) -> int:
        """Number of citizens in the table, including those with no event up to the day."""
        return len(self.ids)

    def kinds(self, *classes: type[Event]) -> _Bools:
        """Rows whose event is of one of ``classes`` (or a subclass)."""
        return _kind_table(classes)[self.kind]

    def codes(self, column: str) -> tuple[_Ints, list[object]]:
        """Each row's code into the column's distinct values (-1 when missing).

        A missing cell of a field with a default holds the default, as ``from_frame`` reads
        it; a column left out of the frame is missing everywhere.
        """
        if column in self._codes:
            return self._codes[column]
        if column == ORG:
            administrations: list[object] = [a.code for a in _ADMINISTRATIONS]
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
                    pd.Series([_hashable(c) for c in cells.tolist()], dtype=object),
                    use_na_sentinel=True,
                )
            codes = np.asarray(full, dtype=np.int64)[self.rows]
            values = [python_value(u) for u in uniques]
        for kind, default in _DEFAULTS.get(column, {}).items():
            gap = (codes < 0) & (self.kind == kind)
            if gap.any():
                if default not in values:
                    values.append(default)
                codes[gap] = values.index(default)
        self._codes[column] = (codes, values)
        return codes, values

    def equals(self, column: str, value: object) -> _Bools:
        """Rows whose cell in ``column`` equals ``value`` (never a missing one)."""
        codes, values = self.codes(column)
        hits = [i for i, v in enumerate(values) if v == value]
        return np.isin(codes, hits)

    def among(self, column: str, accepted: Iterable[object]) -> _Bools:
        """Rows whose cell in ``column`` is one of ``accepted``."""
        codes, values = self.codes(column)
        wanted = set(accepted)
        return np.isin(codes, [i for i, v in enumerate(values) if v in wanted])

    def holds_code(self, column: str, code: str) -> _Bools:
        """Rows whose set of codes in ``column`` (joined by ``;``) holds ``code``."""
        codes, values = self.codes(column)
        hits = [
            i
            for i, v in enumerate(values)
            if (isinstance(v, str) and code in v.split(_SEPARATOR))
            or (isinstance(v, tuple) and code in v)
        ]
        return np.isin(codes, hits)

    def enum_codes(self, column: str, members: Sequence[CodedEnum]) -> _Ints:
        """Each row's cell as the index of its member in ``members`` (-1 otherwise)."""
        codes, values = self.codes(column)
        index = {m.code: i for i, m in enumerate(members)}
        table = np.array([index.get(v, -1) if isinstance(v, str) else -1 for v in values] + [-1])
        return table[codes].astype(np.int64)

    def flags(self, column: str) -> _Ints:
        """Each row's flag in ``column``: 1 for True, 0 for False, -1 otherwise."""
        codes, values = self.codes(column)
        table = np.array([1 if v is True else 0 if v is False else -1 for v in values] + [-1])
        return table[codes].astype(np.int64)

    def same_codes(self, field: str) -> _Ints | None:
        """Each row's value of ``field`` as a code (-1 for none); None if all rows agree."""
        if field == "citizen_id":
            return None  # every event of a log shares it
        if field == "occurred_on":
            return np.asarray(self.day - self.day.min(initial=0), dtype=np.int64)
        return self.codes(_FIELD_COLUMNS.get(field, field))[0]

    def referrals(self) -> _Ints:
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

    def matches(self, match: Match) -> _Bools:
        """Rows whose event fits ``match``, as ``Match.__call__`` decides it."""
        hit = self.kinds(*match.kinds)
        if match.recorded_by is not None:
            hit &= self.org == _ADMINISTRATION_INDEX[match.recorded_by.code]
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

    def next_after(self, mask: _Bools) -> _Ints:
        """For each row, the next row of its citizen in ``mask`` (``size`` if none)."""
        n = self.size
        index = np.where(mask, np.arange(n), n)
        following = np.minimum.accumulate(index[::-1])[::-1]
        after = np.append(following[1:], n)
        return np.where(after < self.end, after, n)

    def next_alike(self, mask: _Bools, values: _Ints, rows: _Ints) -> _Ints:
        """For each of ``rows``, the next row in ``mask`` of its citizen with its value."""
        n = self.size
        candidates = np.flatnonzero(mask)
        out = np.full(len(rows), n, dtype=np.int64)
        if not candidates.size or not rows.size:
            return out
        groups = self.groups(np.concatenate([candidates, rows]), values)
        key = groups[: len(candidates)] * (n + 1) + candidates
        key.sort()
        asked = groups[len(candidates) :]
        at = np.searchsorted(key, asked * (n + 1) + rows, side="right")
        ok = at < len(key)
        at = np.minimum(at, len(key) - 1)
        ok &= key[at] // (n + 1) == asked
        return np.where(ok, key[at] % (n + 1), n)

    def groups(self, rows: _Ints, values: _Ints) -> _Ints:
        """A number per (citizen, value) pair of ``rows``, equal for equal pairs."""
        width = int(values.max(initial=0)) + 2
        pairs = self.citizen[rows] * width + (values[rows] + 1)
        inverse = np.unique(pairs, return_inverse=True)[1]
        return np.asarray(inverse, dtype=np.int64).reshape(-1)

    def first_of(self, mask: _Bools) -> _Ints:
        """For each citizen, the first row in ``mask`` (``size`` if none)."""
        out = np.full(self.citizens, self.size, dtype=np.int64)
        rows = np.flatnonzero(mask)
        citizens, first = np.unique(self.citizen[rows], return_index=True)
        out[citizens] = rows[first]
        return out

    def last_until(self, mask: _Bools) -> _Ints:
        """For each row, the latest row of its citizen up to it in ``mask`` (-1 if none)."""
        latest = np.maximum.accumulate(np.where(mask, np.arange(self.size), -1))
        return np.where(latest >= self.start, latest, -1)

    def dates(self, numbers: _Ints) -> list[dt.date]:
        """Day numbers as dates."""
        return typing.cast("list[dt.date]", numbers.astype("datetime64[D]").astype(object).tolist())


def _day_number(day: dt.date) -> int:
    return int(np.datetime64(day, "D").astype(np.int64))


def _hashable(cell: object) -> object:
    if isinstance(cell, (list, tuple, np.ndarray)):
        return tuple(python_value(c) for c in cell)
    return cell


def _cases(frame: pd.DataFrame, problems: list[Problem]) -> tuple[_Ints, list[str]]:
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
) -> _Ints:
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


def _indexes(frame: pd.DataFrame, problems: list[Problem]) -> _Ints:
    def parse(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise CellError("must be a whole number, 0 or more")
        return value

    cells = frame[INDEX]
    if pd.api.types.is_integer_dtype(cells.dtype) and not cells.hasnans:
        numbers = cells.to_numpy(dtype=np.int64)
        problems.extend(
            Problem(f"rows[{row}].{INDEX}", "must be a whole number, 0 or more")
            for row in np.flatnonzero(numbers < 0)
        )
        return numbers
    codes, values = factor(frame, INDEX, parse, -1, problems)
    problems.extend(
        Problem(f"rows[{row}].{INDEX}", "is required")
        for row in np.flatnonzero(cells.isna().to_numpy())
    )
    return np.array(values, dtype=np.int64)[codes]


def _check_columns(frame: pd.DataFrame) -> None:
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


# -- findings as columns -------------------------------------------------------------------


class _Found:
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

    def add(
        self,
        rule: Rule,
        citizens: Sequence[str],
        events: Sequence[tuple[int, ...]],
        dates: Sequence[tuple[dt.date, ...]],
        details: Iterable[tuple[str, str]],
    ) -> None:
        """Findings of ``rule``; each text is the rule's demand and then its detail."""
        count = len(citizens)
        self.citizen_id.extend(citizens)
        self.rule_id.extend([rule.id] * count)
        self.severity.extend([rule.severity.code] * count)
        self.citation.extend([str(rule.citation)] * count)
        self.events.extend(events)
        self.dates.extend(dates)
        for da, en in details:
            self.text_da.append(f"{rule.text_da} {da}")
            self.text_en.append(f"{rule.text_en} {en}")

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

    def frame(self) -> pd.DataFrame:
        """The findings in the order of ``ComplianceReport.findings``."""
        order = sorted(
            range(len(self.citizen_id)),
            key=lambda k: (self.citizen_id[k], self.dates[k], self.rule_id[k], self.events[k]),
        )
        return _frame_of(
            {
                "citizen_id": [self.citizen_id[k] for k in order],
                "rule_id": [self.rule_id[k] for k in order],
                "severity": [self.severity[k] for k in order],
                "events": [self.events[k] for k in order],
                "dates": [self.dates[k] for k in order],
                "text_da": [self.text_da[k] for k in order],
                "text_en": [self.text_en[k] for k in order],
                "citation": [self.citation[k] for k in order],
            }
        )


def _frame_of(columns: Mapping[str, Sequence[object]]) -> pd.DataFrame:
    def objects(values: Sequence[object]) -> pd.Series:
        cells = np.empty(len(values), dtype=object)
        cells[:] = list(values)
        return pd.Series(cells, dtype=object)

    return pd.DataFrame(
        {
            name: objects(columns[name])
            if name in ("events", "dates")
            else pd.Series(list(columns[name]), dtype=_STRING)
            for name in FINDING_COLUMNS
        }
    )


def _event_kinds(kinds: _Ints) -> list[EventKind]:
    """The event kind of each row."""
    return [_KINDS[k].KIND for k in kinds.tolist()]


# -- the vectorised rules ------------------------------------------------------------------


def _forbid(rule: Forbid, table: _Table, found: _Found) -> None:
    rows = np.flatnonzero(table.matches(rule.events))
    days = table.dates(table.day[rows])
    kinds = _event_kinds(table.kind[rows])
    found.add(
        rule,
        [table.ids[c] for c in table.citizen[rows].tolist()],
        [(p,) for p in table.position[rows].tolist()],
        [(d,) for d in days],
        (rule.detail(kind, day) for kind, day in zip(kinds, days, strict=True)),
    )


def _within(rule: Within, table: _Table, found: _Found) -> None:
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
    first = table.dates(table.day[triggers])
    second = table.dates(np.where(late, table.day[np.minimum(answer, n - 1)], deadline))
    kinds = _event_kinds(table.kind[triggers])
    answers = _event_kinds(table.kind[np.minimum(answer, n - 1)])
    start = table.position[triggers].tolist()
    end = table.position[np.minimum(answer, n - 1)].tolist()
    details: list[tuple[str, str]] = []
    events: list[tuple[int, ...]] = []
    for k, is_late in enumerate(late.tolist()):
        if is_late:
            events.append((start[k], end[k]))
            details.append(rule.late(kinds[k], first[k], answers[k], second[k]))
        else:
            events.append((start[k],))
            details.append(rule.missing(kinds[k], first[k]))
    found.add(
        rule,
        [table.ids[c] for c in table.citizen[triggers].tolist()],
        events,
        list(zip(first, second, strict=True)),
        details,
    )


def _precedes(rule: Precedes, table: _Table, found: _Found) -> None:
    first = table.matches(rule.first)
    then = np.flatnonzero(table.matches(rule.then))
    if not then.size:
        return
    if rule.same_day:
        # Also a first event later on the same day: every row up to the end of that day.
        day_ends = np.flatnonzero(
            np.append(
                (table.citizen[1:] != table.citizen[:-1]) | (table.day[1:] != table.day[:-1]),
                True,
            )
        )
        limit = day_ends[np.searchsorted(day_ends, then)] + 1
    else:
        limit = then
    citizen = table.citizen[then]
    values = None if rule.same is None else table.same_codes(rule.same)
    ok = table.first_of(first)[citizen] < limit
    if values is not None:
        named = values[then] >= 0
        blank = table.first_of(first & (values < 0))[citizen] < limit
        alike = _first_alike(table, first & (values >= 0), values, then) < limit
        ok = np.where(named, blank | alike, ok)
    then = then[~ok]
    days = table.dates(table.day[then])
    kinds = _event_kinds(table.kind[then])
    found.add(
        rule,
        [table.ids[c] for c in table.citizen[then].tolist()],
        [(p,) for p in table.position[then].tolist()],
        [(d,) for d in days],
        (rule.detail(kind, day) for kind, day in zip(kinds, days, strict=True)),
    )


def _first_alike(table: _Table, mask: _Bools, values: _Ints, rows: _Ints) -> _Ints:
    """For each of ``rows``, the first row in ``mask`` of its citizen with its value."""
    candidates = np.flatnonzero(mask)
    out = np.full(len(rows), table.size, dtype=np.int64)
    if not candidates.size:
        return out
    groups = table.groups(np.concatenate([candidates, rows]), values)
    mine, asked = groups[: len(candidates)], groups[len(candidates) :]
    # Candidates are in row order, so the first of each group is its earliest row.
    seen, first = np.unique(mine, return_index=True)
    at = np.minimum(np.searchsorted(seen, asked), len(seen) - 1)
    return np.where(seen[at] == asked, candidates[first[at]], table.size)


def _spans(
    table: _Table, administration: Administration, last_day: _Ints
) -> tuple[_Ints, _Ints, _Ints]:
    """An administration's interventions as ``_intervals`` finds them: start rows, days, ends.

    Per citizen and offer, in log order: a start is overwritten by a later start, closed by
    the next completion or drop-out, and otherwise runs until the pathway closed or the day
    checked; a completion with no open start counts for nothing.
    """
    starts = table.kinds(InterventionStarted)
    ends = table.kinds(InterventionCompleted, InterventionDroppedOut)
    rows = np.flatnonzero(
        (table.org == _ADMINISTRATION_INDEX[administration.code]) & (starts | ends)
    )
    offer, _ = table.codes("offer")
    width = int(offer.max(initial=0)) + 2
    key = table.citizen[rows] * width + (offer[rows] + 1)
    order = np.lexsort((rows, key))
    rows, key = rows[order], key[order]
    opening = starts[rows]
    same = np.append(key[1:] == key[:-1], False)
    closes = np.append(~opening[1:], False)
    closed = np.flatnonzero(opening & same & closes)
    running = np.flatnonzero(opening & ~same)
    start = np.concatenate([rows[closed], rows[running]])
    end = np.concatenate([table.day[rows[closed + 1]], last_day[table.citizen[rows[running]]]])
    return start, table.day[start], end


def _parallel(rule: Parallel, table: _Table, found: _Found) -> None:
    last_day = np.full(table.citizens, table.on, dtype=np.int64)
    closing = np.flatnonzero(table.kinds(PathwayClosed))
    last_day[table.citizen[closing]] = table.day[closing]
    ones, one_start, one_end = _spans(table, rule.first, last_day)
    twos, two_start, two_end = _spans(table, rule.second, last_day)
    one_citizen, two_citizen = table.citizen[ones], table.citizen[twos]
    both = np.intersect1d(one_citizen, two_citizen)
    if not both.size:
        return
    # Every pair of spans of one citizen, one of each administration.
    order = np.argsort(one_citizen, kind="stable")
    one_citizen, one_start, one_end = one_citizen[order], one_start[order], one_end[order]
    low = np.searchsorted(one_citizen, two_citizen, side="left")
    count = np.searchsorted(one_citizen, two_citizen, side="right") - low
    two = np.repeat(np.arange(len(twos)), count)
    one = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count - low, count)
    overlap = (one_start[one] <= two_end[two]) & (two_start[two] <= one_end[one])
    citizens = np.setdiff1d(both, two_citizen[two[overlap]])
    if not citizens.size:
        return
    first_one = np.full(table.citizens, np.iinfo(np.int64).max, dtype=np.int64)
    first_two = first_one.copy()
    np.minimum.at(first_one, one_citizen, one_start)
    np.minimum.at(first_two, two_citizen, two_start)
    involved = np.concatenate([ones, twos])
    involved = np.sort(involved[np.isin(table.citizen[involved], citizens)])
    cuts = np.flatnonzero(np.diff(table.citizen[involved])) + 1
    positions = np.split(table.position[involved], cuts)
    found.add(
        rule,
        [table.ids[c] for c in citizens.tolist()],
        [tuple(p.tolist()) for p in positions],
        list(zip(table.dates(first_one[citizens]), table.dates(first_two[citizens]), strict=True)),
        [rule.detail] * len(citizens),
    )


def _requires_consent(rule: RequiresConsent, table: _Table, found: _Found) -> None:
    to = rule.to
    to_rows = table.equals("to", to.code)
    disclosed = np.flatnonzero(
        table.kinds(InformationDisclosed)
        & to_rows
        & table.equals("category", rule.category.code)
        # Information that stays within one administration needs no consent.
        & (table.org != _ADMINISTRATION_INDEX[to.code])
    )
    if not disclosed.size:
        return
    purpose = table.enum_codes("purpose", _PURPOSES)
    asked = purpose[disclosed]  # -1: no purpose stated, so a consent for any purpose covers it
    given = table.kinds(ConsentGiven) & to_rows
    covering = given & table.holds_code("categories", rule.category.code)
    withdrawn = table.kinds(ConsentWithdrawn) & to_rows
    refused = table.kinds(ConsentRefused) & to_rows
    allowed = np.zeros(len(disclosed), dtype=bool)
    any_in_force = np.zeros(len(disclosed), dtype=bool)
    never = np.iinfo(np.int64).min  # day numbers may be negative (before 1970)
    last_withdrawn = np.full(len(disclosed), never, dtype=np.int64)
    last_refused = np.full(len(disclosed), never, dtype=np.int64)
    for k in range(len(_PURPOSES)):
        # A withdrawal ends every consent given for its purpose before it.
        of_purpose = purpose == k
        withdrawal = table.last_until(withdrawn & of_purpose)[disclosed]
        applies = (asked < 0) | (asked == k)
        allowed |= applies & (table.last_until(covering & of_purpose)[disclosed] > withdrawal)
        any_in_force |= table.last_until(given & of_purpose)[disclosed] > withdrawal
        refused_at = table.last_until(refused & of_purpose)[disclosed]
        last_withdrawn = np.where(
            applies & (withdrawal >= 0),
            np.maximum(last_withdrawn, table.day[np.maximum(withdrawal, 0)]),
            last_withdrawn,
        )
        last_refused = np.where(
            applies & (refused_at >= 0),
            np.maximum(last_refused, table.day[np.maximum(refused_at, 0)]),
            last_refused,
        )
    keep = ~allowed
    rows = disclosed[keep]
    days = table.dates(table.day[rows])
    withdrawals, refusals = last_withdrawn[keep], last_refused[keep]
    withdrawn_on = table.dates(np.where(withdrawals > never, withdrawals, 0))
    refused_on = table.dates(np.where(refusals > never, refusals, 0))
    details = []
    for k, (covered, stated, w, f) in enumerate(
        zip(
            any_in_force[keep].tolist(),
            asked[keep].tolist(),
            withdrawals.tolist(),
            refusals.tolist(),
            strict=True,
        )
    ):
        why = refusal(
            rule.category,
            to,
            _PURPOSES[stated] if stated >= 0 else None,
            covered=covered,
            withdrawn=withdrawn_on[k] if w > never else None,
            refused=refused_on[k] if f > never else None,
        )
        details.append(rule.detail(days[k], why))
    found.add(
        rule,
        [table.ids[c] for c in table.citizen[rows].tolist()],
        [(p,) for p in table.position[rows].tolist()],
        [(d,) for d in days],
        details,
    )


# -- rules on objects ----------------------------------------------------------------------


class _Objects:
    """Pathways read with ``from_frame`` from the rows of the citizens asked for, kept."""

    def __init__(self, table: _Table) -> None:
        self.table = table
        self.built: dict[int, Pathway] = {}

    def pathways(self, citizens: _Ints | None) -> list[Pathway]:
        """The pathways up to the day checked, of ``citizens`` (None for all) in table order."""
        wanted = (
            np.arange(self.table.citizens, dtype=np.int64)
            if citizens is None
            else np.unique(citizens)
        )
        missing = [c for c in wanted.tolist() if c not in self.built]
        if missing:
            self._read(np.array(missing, dtype=np.int64))
        return [self.built[c] for c in wanted.tolist()]

    def _read(self, citizens: _Ints) -> None:
        table = self.table
        rows = table.rows[np.isin(table.citizen, citizens)]
        part = table.frame.iloc[rows].reset_index(drop=True)
        # Dates are read as check_frame reads them, so timestamps at midnight pass too.
        part["occurred_on"] = pd.Series(table.days[rows].astype(object), dtype=object)
        try:
            read = {p.citizen_id: p for p in from_frame(part)}
        except ValidationError as exc:
            raise _in_table(exc, rows) from None
        for c in citizens.tolist():
            citizen = table.ids[c]
            self.built[c] = read.get(citizen) or Pathway(citizen_id=citizen)


_ROW = re.compile(r"^rows\[(\d+)\]")


def _in_table(error: ValidationError, rows: _Ints) -> ValidationError:
    """``error`` about some rows of the table, with its rows numbered as in the table."""
    return ValidationError(
        Problem(_ROW.sub(lambda m: f"rows[{rows[int(m[1])]}]", p.path), p.message)
        for p in error.problems
    )


def _candidates(rule: Rule, table: _Table) -> _Ints | None:
    """The citizens who can break a rule checked on objects; None for all of them."""
    kind = type(rule)
    if kind is Every:
        every = typing.cast("Every", rule)
        if type(every.events) is Match:
            return table.citizen[table.matches(every.events)]
    elif kind is AtMostPer:
        counted = typing.cast("AtMostPer", rule)
        assigned = table.kinds(CaseworkerAssigned) & table.equals("role", counted.role.code)
        return table.citizen[assigned]
    elif kind is CoordinatingCaseworkerAssigned:
        return table.citizen[table.kinds(BenefitChanged)]
    elif kind is OneCoordinatingCaseworker:
        coordinating = table.kinds(CaseworkerAssigned) & table.equals(
            "role", Role.COORDINATING_CASEWORKER.code
        )
        citizens, counts = np.unique(table.citizen[coordinating], return_counts=True)
        return citizens[counts > 1]
    return None


def _on_objects(rule: Rule, table: _Table, objects: _Objects, found: _Found) -> None:
    pathways = objects.pathways(_candidates(rule, table))
    on = table.on_date
    if isinstance(rule, PopulationRule):
        found.extend(rule.check_all(pathways, on))
    else:
        found.extend(f for p in pathways for f in rule.check(p, on))


def _plain(*matches: Match) -> bool:
    return all(type(m) is Match for m in matches)


def _single(field: str | None) -> bool:
    return field is None or field in _SINGLE_FIELDS


def _vectorised(rule: Rule, table: _Table, found: _Found) -> bool:
    """Check ``rule`` over whole columns if it is one of the vectorised kinds."""
    match rule:
        case Forbid() if type(rule) is Forbid and _plain(rule.events):
            _forbid(rule, table, found)
        case Within() if (
            type(rule) is Within and _plain(rule.after, rule.expect) and _single(rule.same)
        ):
            _within(rule, table, found)
        case Precedes() if (
            type(rule) is Precedes and _plain(rule.first, rule.then) and _single(rule.same)
        ):
            _precedes(rule, table, found)
        case Parallel() if type(rule) is Parallel:
            _parallel(rule, table, found)
        case RequiresConsent() if type(rule) is RequiresConsent:
            _requires_consent(rule, table, found)
        case _:
            return False
    return True


# -- the public functions ------------------------------------------------------------------


def _prepare(events: object, protocol: object, on: object, *, validate: bool) -> _Table:
    check = Checker()
    check.expect(isinstance(protocol, Protocol), "protocol", "must be a Protocol")
    check.day(on, "on")
    check.done()
    frame = as_frame(events, "events")
    _check_columns(frame)
    table = _Table(frame, typing.cast("dt.date", on))
    if validate:
        every = frame.reset_index(drop=True)
        every["occurred_on"] = pd.Series(table.days.astype(object), dtype=object)
        from_frame(every)
    return table


def _check(table: _Table, protocol: Protocol) -> pd.DataFrame:
    found = _Found()
    objects = _Objects(table)
    for rule in protocol.rules:
        if not _vectorised(rule, table, found):
            _on_objects(rule, table, objects, found)
    return found.frame()


def check_frame(
    events: pd.DataFrame | pa.Table,
    protocol: Protocol,
    *,
    on: dt.date,
    validate: bool = False,
) -> pd.DataFrame:
    """Check the pathways of an event table against ``protocol`` as they stood at the end of ``on``.

    The findings equal those ``check`` gives for the pathways ``from_frame`` reads from
    ``events``: same rules, events, dates, texts and citations, in the same order. Common
    rules run over whole columns; the others run on ``Pathway`` objects read for the
    citizens that can break them (the guide "Batch checks over tables" lists which). Logs are
    not replayed unless ``validate`` is set, so an event that could not follow its log is
    not refused.

    Args:
        events: One row per event in the layout of [`helhed.frames`][helhed.frames], as a
            pandas DataFrame or a ``pyarrow.Table``, rows in any order; at least the columns
            of [`REQUIRED`][helhed.frames.REQUIRED], and no unknown column.
        protocol: The protocol whose rules run over every pathway.
        on: The day checked; events after it are left out.
        validate: Read the whole table with ``from_frame`` first, refusing every event that
            could not follow its log (as slow as the object API).

    Returns:
        One row per finding, with the columns of ``FINDING_COLUMNS``, ordered by citizen,
        dates, rule id and events; a plain ``RangeIndex``.

    Raises:
        ValidationError: If ``events`` is not a table, a column is missing, unknown or
            repeated, a cell the check reads is bad, or (with ``validate``) a log is invalid.
    """
    return _check(_prepare(events, protocol, on, validate=validate), protocol)


def report_frame(
    events: pd.DataFrame | pa.Table,
    protocol: Protocol,
    *,
    on: dt.date,
    validate: bool = False,
) -> ComplianceReport:
    """The [`ComplianceReport`][helhed.pathways.compliance.ComplianceReport] of an event table.

    It equals what ``check`` gives for the pathways ``from_frame`` reads from ``events``:
    ``pathways`` counts every citizen of the table (also one with no event up to ``on``),
    ``events`` the rows up to ``on``.

    Args:
        events: The table, as for [`check_frame`][helhed.batch.check_frame].
        protocol: The protocol.
        on: The day checked.
        validate: As for ``check_frame``.

    Raises:
        ValidationError: As ``check_frame``.
    """
    table = _prepare(events, protocol, on, validate=validate)
    return ComplianceReport(
        protocol=protocol.id,
        on=on,
        pathways=table.citizens,
        events=table.size,
        findings=findings_of(_check(table, protocol)),
    )


def population_rows(
    events: pd.DataFrame | pa.Table, protocol: Protocol, *, on: dt.date
) -> pd.DataFrame:
    """The rows the population rules of ``protocol`` need: every row of each citizen who may count.

    A population rule (such as [`AtMostPer`][helhed.pathways.rules.AtMostPer]) looks at many
    pathways together, so it cannot run part by part over a table split into parts. The rows
    this picks from each part, put together, are enough: ``check_frame`` over them with the
    population rules alone finds what it finds over the whole table. For ``AtMostPer`` they
    are the rows of the citizens assigned staff in the role counted by ``on``; for any other
    population rule, every row.

    Args:
        events: The table (or a part of it holding whole pathways), as for ``check_frame``.
        protocol: The protocol; rules that are not population rules are ignored.
        on: The day checked.

    Returns:
        The rows, as a pandas DataFrame with the index and order of ``events``; none if the
        protocol has no population rule.

    Raises:
        ValidationError: As ``check_frame``.
    """
    table = _prepare(events, protocol, on, validate=False)
    wanted: list[_Ints] = []
    for rule in protocol.rules:
        if isinstance(rule, PopulationRule):
            citizens = _candidates(rule, table)
            if citizens is None:
                return table.frame
            wanted.append(citizens)
    if not wanted:
        return table.frame.iloc[:0]
    return table.frame[np.isin(table.case, np.concatenate(wanted))]


def _citation(text: str) -> Citation:
    source, _, section = text.partition(" ")
    return Citation(source, section)


def findings_of(findings: pd.DataFrame | pa.Table) -> tuple[Finding, ...]:
    """The rows of [`check_frame`][helhed.batch.check_frame]'s result as ``Finding`` values.

    Args:
        findings: A table with the columns of ``FINDING_COLUMNS``, in any order; rows are
            taken in their order.

    Raises:
        ValidationError: If a column is missing or a cell cannot be read.
    """
    frame = as_frame(findings, "findings")
    missing = [Problem(c, "is a required column") for c in FINDING_COLUMNS if c not in frame]
    if missing:
        raise ValidationError(missing)
    out: list[Finding] = []
    problems: list[Problem] = []
    columns = [frame[c].tolist() for c in FINDING_COLUMNS]
    for row, cells in enumerate(zip(*columns, strict=True)):
        try:
            out.append(_finding(cells))
        except ValueError:  # a CellError, or a code or citation that is not known
            problems.append(Problem(f"rows[{row}]", "is not a finding check_frame wrote"))
    if problems:
        raise ValidationError(problems)
    return tuple(out)


def _finding(cells: tuple[object, ...]) -> Finding:
    citizen, rule, severity, events, dates, da, en, citation = (python_value(c) for c in cells)
    texts = (citizen, rule, severity, da, en, citation)
    if not all(isinstance(t, str) for t in texts):
        raise CellError("holds a cell that is not text")
    return Finding(
        rule_id=str(rule),
        citizen_id=str(citizen),
        severity=Severity.from_code(str(severity)),
        events=tuple(_whole(e) for e in _items(events)),
        dates=tuple(_date(d) for d in _items(dates)),
        text_da=str(da),
        text_en=str(en),
        citation=_citation(str(citation)),
    )


def _items(cell: object) -> list[object]:
    if isinstance(cell, (tuple, list, np.ndarray)):
        return [python_value(c) for c in cell]
    raise CellError("must be a sequence")


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CellError("must be a whole number")
    return value


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise CellError("must be a date")


def sort_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings of several checks in one frame, in the order ``check_frame`` gives them.

    Useful to put together the results of checks over parts of a table that hold whole
    pathways (each citizen's events in one part).

    Args:
        findings: Rows with the columns of ``FINDING_COLUMNS``.

    Returns:
        The rows ordered by citizen, dates, rule id and events, with a fresh ``RangeIndex``.
    """
    keys = list(
        zip(
            findings["citizen_id"].tolist(),
            [tuple(d) for d in findings["dates"].tolist()],
            findings["rule_id"].tolist(),
            [tuple(e) for e in findings["events"].tolist()],
            strict=True,
        )
    )
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return findings.iloc[order].reset_index(drop=True)
