"""The coordinating caseworker rule kinds over whole columns (research extra).

[`CoordinatingCaseworkerAssigned`][helhed.rules.CoordinatingCaseworkerAssigned] reads the
latest funding basis per citizen, its right looked up once per funding basis, and the
current caseworkers (``_current``);
[`OneCoordinatingCaseworker`][helhed.rules.OneCoordinatingCaseworker] each change of person.
A citizen with a cell the columns cannot read is read on objects, where ``from_frame``
refuses it.
"""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING

import numpy as np

from helhed.batch._found import distinct
from helhed.batch.rules._current import closed, current_caseworkers
from helhed.batch.rules.registry import columnar
from helhed.benefits import Benefit, benefit_rules
from helhed.errors import HelhedError
from helhed.frames import is_missing
from helhed.organisation import Role
from helhed.pathways.events import BenefitChanged, CaseworkerAssigned
from helhed.rules import CoordinatingCaseworkerAssigned, OneCoordinatingCaseworker

if TYPE_CHECKING:
    import datetime as dt

    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []


@columnar(CoordinatingCaseworkerAssigned, fields=("grace_days",))
def coordinator_assigned(
    rule: CoordinatingCaseworkerAssigned, table: Table, objects: Objects, found: Found
) -> None:
    """``CoordinatingCaseworkerAssigned`` over columns.

    A citizen not closed whose last ``BenefitChanged`` names a funding basis with the right
    on the day checked, more than ``grace_days`` days before it, lacks a coordinating
    caseworker if none is among their current caseworkers (``_current``). A citizen whose
    funding basis cell is not a known code is read on objects: ``from_frame`` refuses it.
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
    current = current_caseworkers(table)
    coordinated = table.citizen[
        current[table.equals("role", Role.COORDINATING_CASEWORKER.code)[current]]
    ]
    last = last[~closed(table)[table.citizen[last]] & ~np.isin(table.citizen[last], coordinated)]
    unsure = ~known[codes[last]]
    if unsure.any():  # from_frame refuses an unknown code; any other cell is read as it reads it
        pathways = objects.pathways(table.citizen[last[unsure]])
        found.extend(f for p in pathways for f in rule.check(p, on))
    sure = last[~unsure]
    which, one = distinct(len(sure), codes[sure], table.day[sure])
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


@columnar(OneCoordinatingCaseworker)
def one_coordinator(
    rule: OneCoordinatingCaseworker, table: Table, objects: Objects, found: Found
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
    which, one = distinct(
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
