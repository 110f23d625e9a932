"""Compliance checks over whole event tables, equal to the object API (research extra).

[`check_frame`][helhed.batch.check_frame] checks the pathways of an event table against a
[`Protocol`][helhed.rules.Protocol] as they stood at the end of a day, and returns
one row per finding. The findings are those
[`check`][helhed.pathways.compliance.check] gives for the pathways
[`from_frame`][helhed.frames.from_frame] reads from the table: the same rule ids, events,
dates, Danish and English texts and citations, in the same order (citizen, dates, rule id,
events). [`findings_of`][helhed.batch.findings_of] turns the rows back into
[`Finding`][helhed.rules.Finding] values and
[`report_frame`][helhed.batch.report_frame] gives the whole
[`ComplianceReport`][helhed.pathways.compliance.ComplianceReport].

The table has one row per event in the layout of [`helhed.frames`][helhed.frames]
([`to_frame`][helhed.frames.to_frame] writes it), as a pandas DataFrame or a
``pyarrow.Table``. Rows may come in any order: ``helhed:index`` orders each citizen's log,
the order of recording. As ``Pathway.until`` cuts a pathway, an annulment and the row it
annuls (``annuls`` names its ``helhed:index``) are left out, and so are events that happened
after the day checked; the rules read the rest of each citizen's rows in the order they
happened (``occurred_on``, then ``at``), where an event recorded late takes its place. Rows
already in that order are taken as they are, checked over whole columns; the rows of a
citizen that are not go through
[`occurrence_order`][helhed.pathways.pathway.occurrence_order], one citizen at a time.
Findings name events by their position in the citizen's log, as the object API does:
annulled rows and annulments count.

The rule tables are shared with the object API, not copied: each rule's fields (``after``,
``expect``, ``days``, ``same``, ``first``, ``then``, ``same_day``, ``category``, ``to``,
...) and each [`Match`][helhed.rules.Match]'s fields are read when the check runs.
How each rule is evaluated:

* vectorised over whole columns: [`Forbid`][helhed.rules.Forbid],
  [`Within`][helhed.rules.Within], [`Precedes`][helhed.rules.Precedes],
  [`Parallel`][helhed.rules.Parallel],
  [`RequiresConsent`][helhed.rules.RequiresConsent] (the consent ledger per
  purpose: the newest withdrawal or refusal that has taken effect, the same-day tie to the
  citizen included, and the latest end of the consents given since, as running positions
  and maxima),
  [`OneCoordinatingCaseworker`][helhed.rules.OneCoordinatingCaseworker] and
  [`CoordinatingCaseworkerAssigned`][helhed.rules.CoordinatingCaseworkerAssigned]
  (the latest funding basis per citizen, its right looked up once per funding basis; a
  citizen with a staff member released is checked on objects, as the log must be
  replayed), with every field of ``Match`` including the referral a row names, for ``to``
  and ``voluntary``;
* on objects for the citizens that can break them, after a vectorised pre-filter:
  [`Every`][helhed.rules.Every] (citizens with a matching event: ``holds`` is a
  Python function) and [`AtMostPer`][helhed.rules.AtMostPer] (the citizens of
  staff who have more than ``limit`` citizens assigned in the role counted, all together,
  as it is a population rule);
* on objects for every citizen: any other rule class, including subclasses of the rules
  above and the rules of ``helhed.models`` and ``helhed.cases``; any rule whose ``Match`` is
  a subclass of ``Match``, or whose ``same`` names a field that is not one text, code, flag
  or whole number per event (a time or a date other than ``occurred_on`` may be written in
  ways that read as one value); and any rule whose class, or ``Match``, has fields the
  columnar code does not know.

"On objects" means: the rows of those citizens are read with ``from_frame`` and the rule's
own ``check`` (or ``check_all``) runs, so the result is the object API's by construction.
The rows read are the citizen's rows up to the day checked when they are the start of the
log; for a citizen with an annulled event, or an event recorded late after one that happened
after the day, every row of the citizen is read and the pathway cut with ``Pathway.until``.

What is checked: the required columns of [`REQUIRED`][helhed.frames.REQUIRED] are present
and no unknown or repeated column; every ``case:concept:name`` is non-blank text; every
``concept:name`` is a known event kind code and every ``org:group`` a known administration
code; every ``occurred_on`` is a date (a ``datetime.date``, a timestamp or ``datetime64`` at
midnight, or text written YYYY-MM-DD); every ``helhed:index`` is a whole number of 0 or more
that fits in 64 bits, unique within its citizen, and so is every annulment's ``annuls``;
every ``at`` read is a time of day as ``from_frame`` reads it, and every ``ends_on`` read a
date; no text cell a rule reads is blank. What is not: the vectorised rules do not replay the
logs, so an event that could not follow its log (a contact for a referral never made, an
annulment of an annulment or of a row that is not there, a field of the wrong kind) is not
refused and may give findings the object API would never reach, since it refuses such a
log. Pass ``validate=True`` to read the whole table with ``from_frame`` first (as slow as
the object path), or validate once when the table is made.

Columns of the result, in this order ([`FINDING_COLUMNS`][helhed.batch.FINDING_COLUMNS]):

* ``citizen_id``, ``rule_id`` (``"string"``);
* ``severity`` - the [`Severity`][helhed.rules.Severity] code (``"string"``);
* ``events`` - the positions of the events involved in the citizen's log, from 0, as a
  tuple of ints (dtype ``object``);
* ``dates`` - the dates that matter, as a tuple of ``datetime.date`` (dtype ``object``);
* ``text_da``, ``text_en`` - what is wrong (``"string"``);
* ``citation`` - the rule's [`Citation`][helhed.sources.Citation] written as ``str``
  does, e.g. ``SST2019 4.1, fn. 7`` (``"string"``);
* ``reading`` - True if the rule is helhed's reading of its source rather than its words
  (``"boolean"``).

Bad input raises [`ValidationError`][helhed.errors.ValidationError] naming each missing or
unknown column, or each bad cell as ``rows[i].column``, ``i`` counting the table's rows from
0 whatever its index; values are never shown, as they may be health data.

Examples:
    >>> import datetime as dt
    >>> from helhed.frames import to_frame
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ContactMade, ReferralAccepted, Referred
    >>> from helhed.pathways.pathway import Pathway
    >>> from helhed.cases.halsnaes import HALSNAES
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
import types
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
from helhed._values import whole_number
from helhed.batch._cells import (
    LARGEST,
    TOO_LARGE,
    CellError,
    as_frame,
    calendar_day,
    day_of,
    days_of,
    factor,
    position,
    row_order,
)
from helhed.batch._timeline import NO_TIME, in_force, timeline
from helhed.benefits import Benefit, benefit_rules
from helhed.errors import HelhedError, Problem, ValidationError
from helhed.frames import (
    CASE,
    COLUMNS,
    INDEX,
    KIND,
    ORG,
    REQUIRED,
    from_frame,
    is_missing,
    python_value,
)
from helhed.organisation import Administration, Role
from helhed.pathways.compliance import ComplianceReport
from helhed.pathways.consent import Refusal, refusal
from helhed.pathways.events import (
    EVENT_TYPES,
    BenefitChanged,
    CaseworkerAssigned,
    CaseworkerReleased,
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
from helhed.rules import (
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
    "reading",
)
"""The columns [`check_frame`][helhed.batch.check_frame] returns, in order: the fields of a
[`Finding`][helhed.rules.Finding]. ``severity`` holds the severity's code, ``events``
a tuple of positions in the citizen's log (from 0), ``dates`` a tuple of ``datetime.date``,
``citation`` the citation as ``str`` writes it (``SST2019 4.1, fn. 7``) and ``reading`` is
True for a finding of a rule that is helhed's reading of its source."""

_Ints = npt.NDArray[np.int64]
_Bools = npt.NDArray[np.bool_]

_KINDS: Final = tuple(EVENT_TYPES.values())
_KIND_INDEX: Final = {kind.code: i for i, kind in enumerate(EVENT_TYPES)}
_ADMINISTRATIONS: Final = tuple(Administration)
_ADMINISTRATION_INDEX: Final = {a.code: i for i, a in enumerate(_ADMINISTRATIONS)}
_PURPOSES: Final = tuple(ConsentPurpose)
_ANNULMENT: Final = _KIND_INDEX[EventKind.EVENT_ANNULLED.code]
_NEVER: Final = int(np.iinfo(np.int64).min)  # day numbers may be negative (before 1970)
_NO_END: Final = LARGEST  # the end of a consent given for no limited time
_FIELD_COLUMNS: Final = {"citizen_id": CASE, "recorded_by": ORG}
_SEPARATOR = ";"
_STRING = "string"


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
    for i, cls in enumerate(_KINDS):
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


_DEFAULTS, _PLAIN_FIELDS = _field_tables()


_COMMON_FIELDS: Final = ("id", "severity", "citation", "text_da", "text_en", "basis")
_KNOWN_FIELDS: Final[Mapping[type, frozenset[str]]] = {
    Match: frozenset(
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
    ),
    Forbid: frozenset((*_COMMON_FIELDS, "events")),
    Within: frozenset((*_COMMON_FIELDS, "days", "after", "expect", "same")),
    Precedes: frozenset((*_COMMON_FIELDS, "first", "then", "same", "same_day")),
    Parallel: frozenset((*_COMMON_FIELDS, "first", "second")),
    RequiresConsent: frozenset((*_COMMON_FIELDS, "category", "to")),
    Every: frozenset((*_COMMON_FIELDS, "events", "holds", "failure_da", "failure_en")),
    AtMostPer: frozenset((*_COMMON_FIELDS, "limit", "role")),
    CoordinatingCaseworkerAssigned: frozenset((*_COMMON_FIELDS, "grace_days")),
    OneCoordinatingCaseworker: frozenset(_COMMON_FIELDS),
}
"""The fields the columnar code reads, per class it reads them for.

A class whose fields have changed since is read on objects only (no column code, no
pre-filter), so a new field is never ignored."""


def _up_to_date() -> frozenset[type]:
    return frozenset(
        cls
        for cls, names in _KNOWN_FIELDS.items()
        if frozenset(f.name for f in attrs.fields(cls)) == names
    )


_UP_TO_DATE: Final = _up_to_date()


def _kind_table(classes: tuple[type[Event], ...]) -> _Bools:
    """For each event kind, in the order of ``EVENT_TYPES``: is it one of ``classes``?"""
    return np.array([issubclass(cls, classes) for cls in _KINDS], dtype=bool)


class _Table:
    """The rows of an event table as the pathways cut at the day checked, with their codes.

    Row ``p`` of the arrays is the ``p``-th event in force that happened by the day, in the
    order (citizen, timeline); ``rows[p]`` is its row in the frame. A citizen's rows are
    contiguous, from ``start[p]`` up to ``end[p]``, and ``position[p]`` is the event's place
    in the citizen's log (every row of the table counted, in ``helhed:index`` order).
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
        place = np.arange(len(order), dtype=np.int64) - np.searchsorted(case, case)
        kind = kind[order]
        force = in_force(frame, order, case, index, kind == _ANNULMENT, problems=problems)
        kept = np.flatnonzero(force & (day <= self.on))
        picked, time = timeline(frame, order[kept], case[kept], day[kept], problems)
        if problems:
            raise ValidationError(sorted(problems, key=row_order))
        keep = kept[picked]
        self.rows: _Ints = order[keep]
        self.citizen: _Ints = case[keep]
        self.day: _Ints = day[keep]
        self.time: _Ints = time
        self.position: _Ints = place[keep]
        self.kind: _Ints = kind[keep]
        self.org: _Ints = org[order][keep]
        self.size = len(self.rows)
        self.start: _Ints = np.searchsorted(self.citizen, self.citizen, side="left").astype(
            np.int64
        )
        self.end: _Ints = np.searchsorted(self.citizen, self.citizen, side="right").astype(np.int64)
        self._codes: dict[str, tuple[_Ints, list[object]]] = {}
        self._referrals: _Ints | None = None
        self._names: npt.NDArray[np.object_] | None = None
        self._day_ends: _Ints | None = None

    def names(self, citizens: _Ints) -> list[str]:
        """The ids of ``citizens``, given by their numbers."""
        if self._names is None:
            self._names = _objects(self.ids)
        return typing.cast("list[str]", self._names[citizens].tolist())

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

    def _refuse_blanks(self, column: str, full: _Ints, values: list[object]) -> None:
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

    def day_numbers(self, column: str, rows: _Ints) -> _Ints:
        """The date in ``column`` of ``rows`` as day numbers; ``_NO_END`` where it is missing.

        A cell that is not a date is refused, as ``from_frame`` refuses it.
        """
        if column not in self.frame.columns:
            return np.full(len(rows), _NO_END, dtype=np.int64)
        problems: list[Problem] = []
        codes, values = factor(self.frame, column, day_of, None, problems, rows=self.rows[rows])
        if problems:
            raise ValidationError(sorted(problems, key=row_order))
        numbers = [_NO_END if v is None else _day_number(v) for v in values]
        return np.array(numbers, dtype=np.int64)[codes]

    def day_end(self, rows: _Ints) -> _Ints:
        """The last row of the citizen's day of each of ``rows``."""
        if self._day_ends is None:
            citizen, day = self.citizen, self.day
            last = np.append((citizen[1:] != citizen[:-1]) | (day[1:] != day[:-1]), True)
            self._day_ends = np.flatnonzero(last)
        return self._day_ends[np.searchsorted(self._day_ends, rows)]

    def moment_end(self, rows: _Ints) -> _Ints:
        """The last row of the citizen's day at the time of day of each of ``rows``.

        That is the day's last row for a row without a time; for one with a time, the last
        row with that time. A day's times never go back in the timeline, so the rows in
        between have that time or none.
        """
        end = self.day_end(rows)
        timed = self.time[rows] != NO_TIME
        if timed.any():
            runs = np.flatnonzero(self.time != NO_TIME)
            citizen, day, time = self.citizen[runs], self.day[runs], self.time[runs]
            same = (citizen[1:] == citizen[:-1]) & (day[1:] == day[:-1]) & (time[1:] == time[:-1])
            last = runs[np.append(~same, True)]
            end[timed] = last[np.searchsorted(last, rows[timed])]
        return end

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
        self.reading: list[bool] = []

    def add(  # noqa: PLR0913 - the columns of a finding
        self,
        rule: Rule,
        citizens: Sequence[str],
        events: Sequence[tuple[int, ...]],
        dates: Sequence[tuple[dt.date, ...]],
        details: Sequence[tuple[str, str]],
        *,
        which: _Ints | None = None,
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
        text_da = _objects([f"{rule.text_da} {da}" for da, _ in details])
        text_en = _objects([f"{rule.text_en} {en}" for _, en in details])
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
        order = _finding_order(self.citizen_id, self.dates, self.rule_id, self.events)
        return _frame_of({name: _objects(getattr(self, name))[order] for name in FINDING_COLUMNS})


_Column = Sequence[object] | npt.NDArray[np.object_]


def _objects(values: _Column) -> npt.NDArray[np.object_]:
    """``values`` as a one-dimensional array of objects (tuples stay whole)."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values
    cells = np.empty(len(values), dtype=object)
    cells[:] = list(values)
    return cells


def _ranks(values: Sequence[object]) -> _Ints:
    """Each value's place among the distinct values sorted as Python sorts them.

    Only the distinct values are sorted in Python; finding them is hashing.
    """
    codes, uniques = pd.factorize(_objects(values))
    order = sorted(range(len(uniques)), key=uniques.__getitem__)
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[order] = np.arange(len(uniques), dtype=np.int64)
    return rank[np.asarray(codes, dtype=np.intp)]


def _finding_order(
    citizens: Sequence[str],
    dates: Sequence[tuple[dt.date, ...]],
    rule_ids: Sequence[str],
    events: Sequence[tuple[int, ...]],
) -> _Ints:
    """The order of findings by citizen, dates, rule id and events; ties keep their order."""
    if not citizens:
        return np.zeros(0, dtype=np.int64)
    keys = (_ranks(events), _ranks(rule_ids), _ranks(dates), _ranks(citizens))
    return np.lexsort(keys).astype(np.int64)


def _distinct(count: int, *columns: _Ints) -> tuple[_Ints, _Ints]:
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


def _frame_of(columns: Mapping[str, _Column]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            name: pd.Series(_objects(columns[name]), dtype=object)
            if name in ("events", "dates")
            else pd.Series(np.asarray(columns[name], dtype=bool), dtype="boolean")
            if name == "reading"
            # From an array of objects: many times faster than from a list.
            else pd.Series(_objects(columns[name]), dtype=_STRING)
            for name in FINDING_COLUMNS
        }
    )


def _event_kinds(kinds: _Ints) -> list[EventKind]:
    """The event kind of each row."""
    return [_KINDS[k].KIND for k in kinds.tolist()]


# -- the vectorised rules ------------------------------------------------------------------


def _one_event_details(
    table: _Table, rows: _Ints, detail: typing.Callable[[EventKind, dt.date], tuple[str, str]]
) -> tuple[list[tuple[str, str]], _Ints]:
    """The details of findings about one event each, once per distinct (kind, day)."""
    which, first = _distinct(len(rows), table.kind[rows], table.day[rows])
    kinds = _event_kinds(table.kind[rows[first]])
    days = table.dates(table.day[rows[first]])
    return [detail(kind, day) for kind, day in zip(kinds, days, strict=True)], which


def _one_event_findings(rule: Forbid | Precedes, table: _Table, rows: _Ints, found: _Found) -> None:
    """A finding about each one event of ``rows``, worded by ``rule.detail``."""
    details, which = _one_event_details(table, rows, rule.detail)
    _add_per_event(rule, table, rows, details=details, which=which, found=found)


def _add_per_event(  # noqa: PLR0913 - a finding's parts
    rule: Rule,
    table: _Table,
    rows: _Ints,
    *,
    details: list[tuple[str, str]],
    which: _Ints | None,
    found: _Found,
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


def _forbid(rule: Forbid, table: _Table, found: _Found) -> None:
    _one_event_findings(rule, table, np.flatnonzero(table.matches(rule.events)), found)


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
    last = np.minimum(answer, n - 1)
    second_day = np.where(late, table.day[last], deadline)
    first = table.dates(table.day[triggers])
    second = table.dates(second_day)
    # A detail depends on the trigger's kind and day and, if late, the answer's kind and day.
    which, one = _distinct(
        len(triggers),
        table.kind[triggers],
        table.day[triggers],
        np.where(late, table.kind[last], -1),
        np.where(late, second_day, 0),
    )
    kinds = _event_kinds(table.kind[triggers[one]])
    answers = _event_kinds(table.kind[last[one]])
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


def _precedes(rule: Precedes, table: _Table, found: _Found) -> None:
    first = table.matches(rule.first)
    then = np.flatnonzero(table.matches(rule.then))
    if not then.size:
        return
    # With same_day, also a first event later on the same day: every row to the day's end.
    limit = table.day_end(then) + 1 if rule.same_day else then
    citizen = table.citizen[then]
    values = None if rule.same is None else table.same_codes(rule.same)
    # An event is never its own predecessor: where the first row found is the row itself,
    # the next one after it is asked instead.
    earliest = table.first_of(first)[citizen]
    earliest = np.where(earliest == then, table.next_after(first)[then], earliest)
    ok = earliest < limit
    if values is not None:
        named = values[then] >= 0
        blank = table.first_of(first & (values < 0))[citizen] < limit
        known = first & (values >= 0)
        alike = _first_alike(table, known, values, then)
        alike = np.where(alike == then, table.next_alike(known, values, then), alike)
        ok = np.where(named, blank | (alike < limit), ok)
    _one_event_findings(rule, table, then[~ok], found)


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
    involved = involved[np.isin(table.citizen[involved], citizens)]
    involved = involved[np.lexsort((table.position[involved], table.citizen[involved]))]
    cuts = np.flatnonzero(np.diff(table.citizen[involved])) + 1
    positions = np.split(table.position[involved], cuts)
    found.add(
        rule,
        table.names(citizens),
        [tuple(p.tolist()) for p in positions],
        list(zip(table.dates(first_one[citizens]), table.dates(first_two[citizens]), strict=True)),
        [rule.detail] * len(citizens),
    )


_WHY: Final[tuple[Refusal, ...]] = typing.get_args(Refusal)  # the codes, in their order
_NO_PURPOSE, _WITHDRAWN, _REFUSED, _EXPIRED, _NOT_COVERED, _NONE = (
    _WHY.index(why)
    for why in ("no_purpose", "withdrawn", "refused", "expired", "not_covered", "none")
)
_ALLOWED: Final = -1


def _requires_consent(rule: RequiresConsent, table: _Table, found: _Found) -> None:
    """``RequiresConsent`` over columns: each disclosure on consent judged against the ledger.

    As ``consent.audit`` judges it at its place in the timeline, per purpose (``_ledger``);
    the reason is the newest fact about the purpose asked, else a consent in force for
    another purpose (not covered), else none.
    """
    to = rule.to
    to_rows = table.equals("to", to.code)
    disclosed = np.flatnonzero(
        table.kinds(InformationDisclosed)
        & to_rows
        & table.equals("category", rule.category.code)
        & (table.codes("legal_basis")[0] < 0)  # else it rests on a statutory basis
    )
    if not disclosed.size:
        return
    purpose = table.enum_codes("purpose", _PURPOSES)
    asked = purpose[disclosed]
    given = table.kinds(ConsentGiven) & to_rows
    end = np.full(table.size, _NO_END, dtype=np.int64)
    end[given] = table.day_numbers("ends_on", np.flatnonzero(given))
    covering = given & table.holds_code("categories", rule.category.code)
    no = table.kinds(ConsentWithdrawn, ConsentRefused) & to_rows
    ledgers = np.stack(
        [
            _ledger(table, disclosed, no=no & of, given=given & of, covering=covering & of, end=end)
            for of in (purpose == k for k in range(len(_PURPOSES)))
        ]
    )
    each = np.arange(len(disclosed))
    stop, cover, live, since = (ledgers[np.maximum(asked, 0), i, each] for i in range(4))
    withdrawn = (stop >= 0) & table.kinds(ConsentWithdrawn)[np.maximum(stop, 0)]
    why = np.select(
        [asked < 0, live == 1, cover >= 0, since == 1, withdrawn, stop >= 0, ledgers[:, 4].any(0)],
        [_NO_PURPOSE, _ALLOWED, _EXPIRED, _NOT_COVERED, _WITHDRAWN, _REFUSED, _NOT_COVERED],
        _NONE,
    )
    # The day a reason names: the end of the expired consent, or the day of the "no".
    dated = np.where(why == _EXPIRED, end[np.maximum(cover, 0)], table.day[np.maximum(stop, 0)])
    dated = np.where(np.isin(why, (_WITHDRAWN, _REFUSED, _EXPIRED)), dated, _NEVER)
    keep = why != _ALLOWED
    rows, why, asked, dated = disclosed[keep], why[keep], asked[keep], dated[keep]
    which, one = _distinct(len(rows), table.day[rows], why, asked, dated)
    days = table.dates(np.where(dated[one] > _NEVER, dated[one], 0))
    details = [
        rule.detail(
            day,
            refusal(
                rule.category,
                to,
                _PURPOSES[a] if a >= 0 else None,
                why=_WHY[w],
                day=named if d > _NEVER else None,
            ),
        )
        for day, w, a, d, named in zip(
            table.dates(table.day[rows[one]]),
            why[one].tolist(),
            asked[one].tolist(),
            dated[one].tolist(),
            days,
            strict=True,
        )
    ]
    _add_per_event(rule, table, rows, details=details, which=which, found=found)


def _ledger(  # noqa: PLR0913 - the parts of one purpose's ledger
    table: _Table, disclosed: _Ints, *, no: _Bools, given: _Bools, covering: _Bools, end: _Ints
) -> _Ints:
    """What one purpose's consent ledger holds at each disclosure, as the rows of an array.

    0. the newest withdrawal or refusal that has taken effect (-1 if none): one earlier in
       the timeline, or later the same day but not surely later in the day - the citizen
       wins a tie;
    1. the newest covering consent since then and before the disclosure (-1 if none);
    2. 1 if a covering consent since then lasts until the disclosure's day;
    3. 1 if any consent was given since then, before the disclosure;
    4. 1 if one of those lasts until the disclosure's day.
    """
    last_no = table.last_until(no)
    before = last_no[disclosed]
    moment, day_end = table.moment_end(disclosed), table.day_end(disclosed)
    tie = last_no[moment]
    if (moment != day_end).any():  # after a time of day, a "no" without one counts too
        tie = np.maximum(tie, table.last_until(no & (table.time == NO_TIME))[day_end])
    tie = np.where(tie > disclosed, tie, -1)
    open_ = tie < 0
    day = table.day[disclosed]
    cover = table.last_until(covering)[disclosed]
    return np.stack(
        [
            np.where(open_, before, tie),
            np.where(open_ & (cover > before), cover, -1),
            open_ & (_latest_end(table, covering, no, end, disclosed) >= day),
            open_ & (table.last_until(given)[disclosed] > before),
            open_ & (_latest_end(table, given, no, end, disclosed) >= day),
        ]
    ).astype(np.int64)


def _latest_end(table: _Table, given: _Bools, no: _Bools, end: _Ints, asked: _Ints) -> _Ints:
    """For each of ``asked``, the latest ``end`` of ``given`` rows since its citizen's last ``no``.

    ``_NEVER`` where there is none. A running maximum over the rows involved, restarted at
    each ``no`` and each citizen; the ends are ranked so that the offsets cannot overflow.
    """
    rows = np.flatnonzero(given | no)
    if not rows.size:
        return np.full(len(asked), _NEVER, dtype=np.int64)
    ends, rank = np.unique(end[rows[given[rows]]], return_inverse=True)
    value = np.zeros(len(rows), dtype=np.int64)
    value[given[rows]] = np.asarray(rank, dtype=np.int64).reshape(-1) + 1
    citizen = table.citizen[rows]
    restart = np.append(True, citizen[1:] != citizen[:-1]) | (value == 0)
    offset = np.cumsum(restart) * (len(ends) + 1)
    running = np.maximum.accumulate(offset + value) - offset
    at = np.searchsorted(rows, asked, side="right") - 1
    hit = (at >= 0) & (citizen[np.maximum(at, 0)] == table.citizen[asked])
    best = np.where(hit, running[np.maximum(at, 0)], 0)
    return np.concatenate([[_NEVER], ends]).astype(np.int64)[best]


# -- rules on objects ----------------------------------------------------------------------


class _Objects:
    """Pathways read with ``from_frame`` from the rows of the citizens asked for, kept.

    A citizen's rows in the table are read when they are the start of the log; otherwise (an
    event annulled, or recorded late and kept while one recorded before it happened after the
    day) every row of the citizen is read and the pathway cut with ``Pathway.until``, so its
    positions still point into the whole log.
    """

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
        mine = np.isin(table.citizen, citizens)
        kept = np.bincount(table.citizen[mine], minlength=table.citizens)
        last = np.full(table.citizens, -1, dtype=np.int64)
        np.maximum.at(last, table.citizen[mine], table.position[mine])
        whole = citizens[last[citizens] + 1 != kept[citizens]]
        if whole.size:
            mine &= ~np.isin(table.citizen, whole)
        rows = np.concatenate([table.rows[mine], np.flatnonzero(np.isin(table.case, whole))])
        part = table.frame.iloc[rows].reset_index(drop=True)
        # Dates are read as check_frame reads them, so timestamps at midnight pass too.
        part["occurred_on"] = pd.Series(table.days[rows].astype(object), dtype=object)
        try:
            read = {p.citizen_id: p for p in from_frame(part)}
        except ValidationError as exc:
            raise _in_table(exc, rows) from None
        for c in whole.tolist():
            read[table.ids[c]] = read[table.ids[c]].until(table.on_date)
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


def _candidates(rule: Rule, table: _Table, *, whole: bool = True) -> _Ints | None:
    """The citizens who can break a rule checked on objects; None for all of them.

    ``whole`` says the table holds every pathway; a part of a table may not know every
    citizen a member of staff has, so for it ``AtMostPer`` keeps everyone assigned in the role.
    """
    kind = type(rule)
    if kind not in _UP_TO_DATE:
        return None
    if kind is Every:
        every = typing.cast("Every", rule)
        if type(every.events) is Match:
            return table.citizen[table.matches(every.events)]
    elif kind is AtMostPer:
        return _caseloads(typing.cast("AtMostPer", rule), table, whole=whole)
    return None


def _caseloads(rule: AtMostPer, table: _Table, *, whole: bool) -> _Ints:
    """Citizens assigned staff in ``rule.role``; with ``whole``, only staff over the limit.

    A member of staff's caseload is among the citizens ever assigned them in the role, so one
    with ``limit`` such citizens or fewer has no finding.
    """
    assigned = table.kinds(CaseworkerAssigned) & table.equals("role", rule.role.code)
    if not whole:
        return table.citizen[assigned]
    staff, _ = table.codes("staff_id")
    pairs: _Ints = np.unique(np.stack([staff[assigned], table.citizen[assigned]]), axis=1)
    members, counts = np.unique(pairs[0], return_counts=True)
    crowded = members[counts > rule.limit]
    citizens: _Ints = pairs[1][np.isin(pairs[0], crowded)]
    return citizens


def _coordinator_assigned(
    rule: CoordinatingCaseworkerAssigned, table: _Table, objects: _Objects, found: _Found
) -> None:
    """``CoordinatingCaseworkerAssigned`` over columns, and on objects where that is unsure.

    A citizen not closed whose last ``BenefitChanged`` names a funding basis with the right
    on the day checked, more than ``grace_days`` days before it, lacks a coordinating
    caseworker if none was ever assigned; one who was assigned one and never had anyone
    released has one. A citizen with someone released (the log must be replayed) or a
    funding basis code that is not known (reading it fails, as it should) is checked on
    objects.
    """
    changed = table.kinds(BenefitChanged)
    if not changed.any():
        return
    on = table.on_date
    codes, values = table.codes("benefit")
    benefits = [_benefit(v) for v in values]
    rights = np.array([*(_right(b, v, on) for b, v in zip(benefits, values, strict=True)), False])
    known = np.array(
        [*(b is not None or is_missing(v) for b, v in zip(benefits, values, strict=True)), True]
    )
    rows = np.flatnonzero(changed)
    # Rows are in log order, each citizen's together: the last row of each run is the latest.
    last = rows[np.append(table.citizen[rows][1:] != table.citizen[rows][:-1], True)]
    last = last[rights[codes[last]]]
    # Judged only once the grace has run: more than grace_days days after the change.
    last = last[table.day[last] + rule.grace_days < table.on]
    citizens = table.citizen[last]
    coordinated = table.citizen[
        table.kinds(CaseworkerAssigned) & table.equals("role", Role.COORDINATING_CASEWORKER.code)
    ]
    released = table.citizen[table.kinds(CaseworkerReleased)]
    closed = table.citizen[table.kinds(PathwayClosed)]
    keep = ~np.isin(citizens, np.concatenate([closed, np.setdiff1d(coordinated, released)]))
    last, citizens = last[keep], citizens[keep]
    unsure = np.isin(citizens, released) | ~known[codes[last]]
    if unsure.any():
        pathways = objects.pathways(citizens[unsure])
        found.extend(f for p in pathways for f in rule.check(p, on))
    sure = last[~unsure]
    which, one = _distinct(len(sure), codes[sure], table.day[sure])
    details = []
    for code, since in zip(
        codes[sure[one]].tolist(), table.dates(table.day[sure[one]]), strict=True
    ):
        benefit = typing.cast("Benefit", benefits[code])
        details.append(rule.detail(benefit, since, on))
    found.add(
        rule,
        table.names(table.citizen[sure]),
        [(p,) for p in table.position[sure].tolist()],
        [(d, on) for d in table.dates(table.day[sure])],
        details,
        which=which,
    )


def _benefit(value: object) -> Benefit | None:
    """The funding basis coded ``value``; None for a missing cell or a code not known."""
    if not isinstance(value, str):
        return None
    try:
        return Benefit.from_code(value)
    except ValueError:
        return None


def _right(benefit: Benefit | None, value: object, on: dt.date) -> bool:
    """Whether a citizen whose last funding basis is ``benefit`` may have the right on ``on``.

    True for a code that is not known (the citizen is read on objects, which refuses it);
    False for none, or for a funding basis with no rule on that day, which is not judged.
    """
    if benefit is None:
        return not is_missing(value)
    try:
        return benefit_rules(benefit, on=on).coordinating_caseworker
    except HelhedError:
        return False


def _one_coordinator(
    rule: OneCoordinatingCaseworker, table: _Table, objects: _Objects, found: _Found
) -> None:
    """``OneCoordinatingCaseworker`` over columns: a finding per change of person.

    Each coordinating assignment to another staff id than the one before it is a finding.
    A citizen with a coordinating assignment whose staff id is not text is checked on
    objects, which refuse it.
    """
    rows = np.flatnonzero(
        table.kinds(CaseworkerAssigned) & table.equals("role", Role.COORDINATING_CASEWORKER.code)
    )
    staff, values = table.codes("staff_id")
    ids = [v if isinstance(v, str) else None for v in values]
    readable = np.array([*(i is not None for i in ids), False])[staff[rows]]
    if not readable.all():
        unreadable = table.citizen[rows[~readable]]
        found.extend(f for p in objects.pathways(unreadable) for f in rule.check(p, table.on_date))
        rows = rows[~np.isin(table.citizen[rows], unreadable)]
    before, after = rows[:-1], rows[1:]
    change = (table.citizen[before] == table.citizen[after]) & (staff[before] != staff[after])
    before, after = before[change], after[change]
    which, one = _distinct(
        len(after), staff[before], table.day[before], staff[after], table.day[after]
    )
    details = []
    for was, since, now, day in zip(
        staff[before[one]].tolist(),
        table.dates(table.day[before[one]]),
        staff[after[one]].tolist(),
        table.dates(table.day[after[one]]),
        strict=True,
    ):
        details.append(rule.detail(ids[was], since, ids[now], day))
    found.add(
        rule,
        table.names(table.citizen[after]),
        list(zip(table.position[before].tolist(), table.position[after].tolist(), strict=True)),
        list(zip(table.dates(table.day[before]), table.dates(table.day[after]), strict=True)),
        details,
        which=which,
    )


def _on_objects(rule: Rule, table: _Table, objects: _Objects, found: _Found) -> None:
    pathways = objects.pathways(_candidates(rule, table))
    on = table.on_date
    if isinstance(rule, PopulationRule):
        found.extend(rule.check_all(pathways, on))
    else:
        found.extend(f for p in pathways for f in rule.check(p, on))


def _plain(*matches: Match) -> bool:
    return Match in _UP_TO_DATE and all(type(m) is Match and m.where is None for m in matches)


def _single(field: str | None) -> bool:
    return field is None or field in _PLAIN_FIELDS


def _vectorised(rule: Rule, table: _Table, objects: _Objects, found: _Found) -> bool:
    """Check ``rule`` over whole columns if it is one of the vectorised kinds."""
    if type(rule) not in _UP_TO_DATE:
        return False
    match rule:
        case CoordinatingCaseworkerAssigned():
            _coordinator_assigned(rule, table, objects, found)
        case OneCoordinatingCaseworker():
            _one_coordinator(rule, table, objects, found)
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
        if not _vectorised(rule, table, objects, found):
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
    ``events`` the rows of events in force that happened up to ``on`` (no annulment, and no
    event annulled).

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

    A population rule (such as [`AtMostPer`][helhed.rules.AtMostPer]) looks at many
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
            citizens = _candidates(rule, table, whole=False)
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
    citizen, rule, severity, events, dates, da, en, citation, reading = (
        python_value(c) for c in cells
    )
    texts = (citizen, rule, severity, da, en, citation)
    if not all(isinstance(t, str) for t in texts):
        raise CellError("holds a cell that is not text")
    if not isinstance(reading, bool):
        raise CellError("holds a reading that is not true or false")
    return Finding(
        rule_id=str(rule),
        citizen_id=str(citizen),
        severity=Severity.from_code(str(severity)),
        events=tuple(_whole(e) for e in _items(events)),
        dates=tuple(_date(d) for d in _items(dates)),
        text_da=str(da),
        text_en=str(en),
        citation=_citation(str(citation)),
        reading=reading,
    )


def _items(cell: object) -> list[object]:
    if isinstance(cell, (tuple, list, np.ndarray)):
        return [python_value(c) for c in cell]
    raise CellError("must be a sequence")


def _whole(value: object) -> int:
    found = whole_number(value)
    if found is None:
        raise CellError("must be a whole number")
    return found


def _date(value: object) -> dt.date:
    found = calendar_day(value)
    if found is None:
        raise CellError("must be a date")
    return found


def sort_findings(findings: pd.DataFrame | pa.Table) -> pd.DataFrame:
    """Findings of several checks in one frame, in the order ``check_frame`` gives them.

    Useful to put together the results of checks over parts of a table that hold whole
    pathways (each citizen's events in one part).

    Args:
        findings: Rows with the columns of ``FINDING_COLUMNS`` (others are kept), as a
            pandas DataFrame or a ``pyarrow.Table``.

    Returns:
        The rows ordered by citizen, dates, rule id and events, with a fresh ``RangeIndex``.

    Raises:
        ValidationError: As ``findings_of``: if ``findings`` is not a table, a column is
            missing or a row is not a finding ``check_frame`` wrote.
    """
    frame = as_frame(findings, "findings")
    missing = [Problem(c, "is a required column") for c in FINDING_COLUMNS if c not in frame]
    if missing:
        raise ValidationError(missing)
    bad: set[int] = set()
    # Each distinct cell is read once, as findings_of reads it; the key columns are ranked.
    for column, read in (
        ("severity", _severity),
        ("text_da", _text),
        ("text_en", _text),
        ("citation", _text),
        ("reading", _flag),
    ):
        _read_column(frame[column], read, bad)
    citizens = _read_column(frame["citizen_id"], _text, bad)
    rule_ids = _read_column(frame["rule_id"], _text, bad)
    events = _read_column(frame["events"], _positions, bad)
    dates = _read_column(frame["dates"], _days, bad)
    if bad:
        raise ValidationError(
            Problem(f"rows[{row}]", "is not a finding check_frame wrote") for row in sorted(bad)
        )
    order = np.lexsort((events, rule_ids, dates, citizens))
    return frame.iloc[order].reset_index(drop=True)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise CellError("must be text")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise CellError("must be true or false")
    return value


def _severity(value: object) -> str:
    return Severity.from_code(_text(value)).code


def _positions(value: object) -> tuple[int, ...]:
    return tuple(_whole(e) for e in _items(value))


def _days(value: object) -> tuple[dt.date, ...]:
    return tuple(_date(d) for d in _items(value))


def _read_column(cells: pd.Series, read: typing.Callable[[object], object], bad: set[int]) -> _Ints:
    """Each cell's rank among the column's distinct values as ``read`` reads them.

    Rows whose cell is missing or cannot be read go to ``bad``; their rank is 0.
    """
    try:
        found: tuple[npt.NDArray[np.int64], typing.Iterable[object]] = pd.factorize(
            cells, use_na_sentinel=True
        )
    except TypeError:  # lists or arrays (from Arrow, say): compared as tuples
        found = pd.factorize(_objects([_hashable(c) for c in cells.tolist()]))
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
