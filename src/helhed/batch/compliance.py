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
How each rule is evaluated: ``helhed.batch.rules`` holds one module per rule kind, as
``helhed.rules`` does, each registering its kind's columnar evaluator; a rule's evaluator is
looked up by the rule's exact class, and
[`evaluation_plan`][helhed.batch.evaluation_plan] tells which way each rule of a protocol
goes without checking anything.

* vectorised over whole columns: [`Forbid`][helhed.rules.Forbid],
  [`Within`][helhed.rules.Within], [`Precedes`][helhed.rules.Precedes],
  [`Parallel`][helhed.rules.Parallel],
  [`RequiresConsent`][helhed.rules.RequiresConsent] (the consent ledger per
  purpose: the newest withdrawal or refusal that has taken effect, the same-day tie to the
  citizen included, and the latest end of the consents given since, as running positions
  and maxima),
  [`OneCoordinatingCaseworker`][helhed.rules.OneCoordinatingCaseworker],
  [`CoordinatingCaseworkerAssigned`][helhed.rules.CoordinatingCaseworkerAssigned]
  (the latest funding basis per citizen, its right looked up once per funding basis, and
  each citizen's current caseworkers),
  [`AtMostPer`][helhed.rules.AtMostPer] (a population rule: every caseload of current
  caseworkers counted together),
  [`FirstFollowUpByWeek8`][helhed.rules.FirstFollowUpByWeek8] (each spell of sickness
  benefit and its first follow-up or end) and
  [`Every`][helhed.rules.Every] (its condition by the condition's mask in
  ``helhed.batch.rules.conditions``), the kinds of the models and cases
  [`RescreenedAtEnd`][helhed.rules.RescreenedAtEnd],
  [`PlanSpansProfessions`][helhed.rules.PlanSpansProfessions],
  [`SameInstrument`][helhed.rules.SameInstrument] and
  [`SupportUntilSettled`][helhed.rules.SupportUntilSettled], with every field of ``Match``
  including the referral a row names, for ``to`` and ``voluntary``, and a ``where``
  condition by its mask;
* on objects for every citizen (the object path): a rule of a class with no evaluator,
  including subclasses of the rules above and the other rule classes of ``helhed.models``
  and ``helhed.cases``; a rule whose class, or ``Match``, has fields the columnar code does not
  know; and a rule its evaluator declines: one whose ``Match`` is a subclass of ``Match``,
  an ``Every`` whose ``holds`` is a Python function, a condition of a class with no mask
  (a subclass of a named condition included), or one whose ``same`` names a field that is
  not one text, code, flag or whole number per event (a time or a date other than
  ``occurred_on`` may be written in ways that read as one value). The object path is never
  silent: the check warns once with
  [`ObjectPathWarning`][helhed.errors.ObjectPathWarning], naming those rules' ids and why,
  and the result's ``attrs["helhed:object_path"]`` holds their ids, as a tuple.

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
import typing
import warnings
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helhed._validation import Checker
from helhed.batch import _finding_cells as cells_read
from helhed.batch._cells import as_frame
from helhed.batch._found import FINDING_COLUMNS, Found
from helhed.batch._objects import Objects
from helhed.batch._table import Table, check_columns
from helhed.batch.rules import evaluation_plan, evaluator_of
from helhed.errors import ObjectPathWarning, Problem, ValidationError, quoted
from helhed.frames import from_frame
from helhed.pathways.compliance import ComplianceReport
from helhed.rules import Finding, PopulationRule, Protocol, Rule

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

    from helhed.batch._scan import Ints

__all__ = [
    "FINDING_COLUMNS",
    "check_frame",
    "findings_of",
    "population_rows",
    "report_frame",
    "sort_findings",
]

OBJECT_PATH: typing.Final = "helhed:object_path"
"""The key of ``DataFrame.attrs`` under which ``check_frame`` lists the ids of the rules
that ran on objects."""


def _on_objects(rule: Rule, table: Table, objects: Objects, found: Found) -> None:
    """``rule``'s own check over the pathways of every citizen."""
    pathways = objects.pathways(None)
    on = table.on_date
    if isinstance(rule, PopulationRule):
        found.extend(rule.check_all(pathways, on))
    else:
        found.extend(f for p in pathways for f in rule.check(p, on))


def _object_path(protocol: Protocol) -> tuple[str, ...]:
    """The ids of the rules of ``protocol`` that run on objects, warned about once.

    The warning names each rule's id and why it runs on objects; never a value of the data.
    """
    slow = [p for p in evaluation_plan(protocol) if not p.columnar]
    if slow:
        named = "; ".join(f"{quoted(p.rule_id)} ({p.why})" for p in slow)
        warnings.warn(
            f"{len(slow)} rule(s) of protocol {quoted(protocol.id)} run on objects, "
            f"not over columns: {named}",
            ObjectPathWarning,
            stacklevel=3,
        )
    return tuple(p.rule_id for p in slow)


# -- the public functions ------------------------------------------------------------------


def _prepare(events: object, protocol: object, on: object, *, validate: bool) -> Table:
    check = Checker()
    check.expect(isinstance(protocol, Protocol), "protocol", "must be a Protocol")
    check.day(on, "on")
    check.done()
    frame = as_frame(events, "events")
    check_columns(frame)
    table = Table(frame, typing.cast("dt.date", on))
    if validate:
        every = frame.reset_index(drop=True)
        every["occurred_on"] = pd.Series(table.days.astype(object), dtype=object)
        from_frame(every)
    return table


def _check(table: Table, protocol: Protocol) -> pd.DataFrame:
    found = Found()
    objects = Objects(table)
    for rule in protocol.rules:
        evaluator, _ = evaluator_of(rule)
        if evaluator is None:
            _on_objects(rule, table, objects, found)
        else:
            evaluator.evaluate(rule, table, objects, found)
    return found.frame()


def _checked(
    events: pd.DataFrame | pa.Table, protocol: Protocol, *, on: dt.date, validate: bool = False
) -> pd.DataFrame:
    """``check_frame`` without the warning and the ``attrs`` (``check_dask`` gives those)."""
    return _check(_prepare(events, protocol, on, validate=validate), protocol)


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
    citizens that can break them (the guide "Batch checks over tables" lists which). A rule
    of a kind with no columnar evaluator, or one its evaluator declines, runs on objects for
    every citizen, and the check warns once with ``ObjectPathWarning`` naming such rules
    ([`evaluation_plan`][helhed.batch.evaluation_plan] lists them beforehand). Logs are
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
        dates, rule id and events; a plain ``RangeIndex``. ``attrs["helhed:object_path"]``
        holds the ids of the rules that ran on objects, as a tuple (empty if none did).

    Warns:
        ObjectPathWarning: If a rule of ``protocol`` runs on objects for every citizen.

    Raises:
        ValidationError: If ``events`` is not a table, a column is missing, unknown or
            repeated, a cell the check reads is bad, or (with ``validate``) a log is invalid.
    """
    found = _checked(events, protocol, on=on, validate=validate)
    found.attrs[OBJECT_PATH] = _object_path(protocol)
    return found


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

    Warns:
        ObjectPathWarning: As ``check_frame``.
    """
    table = _prepare(events, protocol, on, validate=validate)
    findings = findings_of(_check(table, protocol))
    _object_path(protocol)
    return ComplianceReport(
        protocol=protocol.id,
        on=on,
        pathways=table.citizens,
        events=table.size,
        findings=findings,
    )


def population_rows(
    events: pd.DataFrame | pa.Table, protocol: Protocol, *, on: dt.date
) -> pd.DataFrame:
    """The rows the population rules of ``protocol`` need: every row of each citizen who may count.

    A population rule (such as [`AtMostPer`][helhed.rules.AtMostPer]) looks at many
    pathways together, so it cannot run part by part over a table split into parts. The rows
    this picks from each part, put together, are enough: ``check_frame`` over them with the
    population rules alone finds what it finds over the whole table. For ``AtMostPer`` they
    are the rows of the citizens whose current caseworkers on ``on`` hold them in the role
    counted, on an open pathway: only they are counted, each by their own pathway; for any
    other population rule, every row.

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
    wanted: list[Ints] = []
    for rule in protocol.rules:
        if isinstance(rule, PopulationRule):
            evaluator, _ = evaluator_of(rule)
            pick = None if evaluator is None else evaluator.candidates
            citizens = None if pick is None else pick(rule, table, False)  # noqa: FBT003
            if citizens is None:
                return table.frame
            wanted.append(citizens)
    if not wanted:
        return table.frame.iloc[:0]
    return table.frame[np.isin(table.case, np.concatenate(wanted))]


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
            out.append(cells_read.finding(cells))
        except ValueError:  # a CellError, or a code or citation that is not known
            problems.append(Problem(f"rows[{row}]", "is not a finding check_frame wrote"))
    if problems:
        raise ValidationError(problems)
    return tuple(out)


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
        ("severity", cells_read.severity),
        ("text_da", cells_read.text),
        ("text_en", cells_read.text),
        ("citation", cells_read.text),
        ("reading", cells_read.flag),
    ):
        cells_read.read_column(frame[column], read, bad)
    citizens = cells_read.read_column(frame["citizen_id"], cells_read.text, bad)
    rule_ids = cells_read.read_column(frame["rule_id"], cells_read.text, bad)
    events = cells_read.read_column(frame["events"], cells_read.positions, bad)
    dates = cells_read.read_column(frame["dates"], cells_read.days, bad)
    if bad:
        raise ValidationError(
            Problem(f"rows[{row}]", "is not a finding check_frame wrote") for row in sorted(bad)
        )
    order = np.lexsort((events, rule_ids, dates, citizens))
    return frame.iloc[order].reset_index(drop=True)
