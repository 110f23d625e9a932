"""Outcome measures read straight from an event table (research extra).

[`outcomes_frame`][helhed.batch.outcomes_frame] gives the table
[`measures_frame`][helhed.outcomes.frames.measures_frame] lays out for the pathways
``from_frame`` reads, row for row: the events in force up to the report day, in timeline
order, as [`Table`][helhed.batch._table.Table] reads them for ``check_frame``; the
measures as [`helhed.outcomes`][helhed.outcomes] defines them. A property test holds the
two doors to the same rows.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable

from helhed._coded import CodedEnum
from helhed._extras import needs
from helhed._validation import require_day
from helhed.benefits import Benefit
from helhed.errors import Problem, ValidationError
from helhed.groups import RiskGroup
from helhed.outcomes._measures import HORIZONS, _horizons
from helhed.outcomes.frames import BENEFIT_COLUMNS, _typed, columns_for, in_work_column
from helhed.pathways.events import (
    BenefitChanged,
    JobOrEducationStarted,
    PathwayClosed,
    Placement,
    TargetGroupAssessed,
)

with needs("helhed.batch"):
    import numpy as np
    import pandas as pd
    import pyarrow as pa  # type: ignore[import-untyped]

    from helhed.batch._cells import as_frame
    from helhed.batch._scan import Bools, Ints
    from helhed.batch._table import Table, check_columns

__all__ = ["outcomes_frame"]

_EMPLOYED = Benefit.EMPLOYED.code


def outcomes_frame(
    events: pd.DataFrame | pa.Table, *, on: dt.date, horizons: Iterable[int] = HORIZONS
) -> pd.DataFrame:
    """The outcome measures of every citizen of ``events`` with an event by ``on``.

    One row per such citizen, in the order of their first row in ``events``, with the
    columns of ``helhed.outcomes.frames`` for the horizons (sorted, distinct).

    Args:
        events: One row per event in the layout of [`helhed.frames`][helhed.frames], as a
            pandas DataFrame or a ``pyarrow.Table``, rows in any order.
        on: The report day; events after it are left out.
        horizons: Months after each citizen's start at which to ask whether they were in
            work or education.

    Raises:
        ValidationError: If ``events`` is not a table, a column is missing, unknown or
            repeated, a cell read is bad, ``on`` is not a date, or a horizon is not a whole
            number of months from 1 to 1,200.
    """
    require_day(on, "on")
    months = _horizons(horizons)
    frame = as_frame(events, "events")
    check_columns(frame)
    table = Table(frame, on)
    if not table.size:
        return _typed({name: [] for name in columns_for(months)}, months)
    first = table.start[np.flatnonzero(np.append(True, table.citizen[1:] != table.citizen[:-1]))]
    citizens = table.citizen[first]
    # citizens in the order of their first row in the frame, as from_frame reads them
    order = np.argsort(_first_rows(table, citizens), kind="stable")
    citizens, first = citizens[order], first[order]
    on_number = int(np.datetime64(on, "D").astype(np.int64))
    start = table.day[first]
    closed = _per_citizen(table, table.kinds(PathwayClosed), "first", on_number)
    end = np.minimum(closed, on_number)[citizens]
    job = _per_citizen(table, table.kinds(JobOrEducationStarted), "first_row", -1)[citizens]
    reached = job >= 0
    job_day = np.where(reached, table.day[np.maximum(job, 0)], end)
    placement_codes, placements = _known(table, "placement", Placement)
    group_row = _per_citizen(table, table.kinds(TargetGroupAssessed), "last_row", -1)[citizens]
    group_codes, groups = _known(table, "group", RiskGroup)
    cells: dict[str, list[object]] = {
        "id": list(table.names(citizens)),
        "start": list(_dates(start)),
        "end": list(_dates(end)),
        "job_on": [d if r else None for d, r in zip(_dates(job_day), reached, strict=True)],
        "placement": _decoded(placement_codes, placements, job),
        "group": _decoded(group_codes, groups, group_row),
        "reached": reached.tolist(),
        "days_to_job": (job_day - start).tolist(),
        "weeks_to_job": ((job_day - start) / 7).tolist(),
    }
    cells.update(_benefit_weeks(table, citizens, end))
    cells.update(_in_work(table, citizens, start, end, on=on, months=months))
    return _typed(cells, months)


def _first_rows(table: Table, citizens: Ints) -> Ints:
    """Each citizen's first row in the frame (any of its rows, annulled or later ones too)."""
    first = np.full(table.citizens, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, table.case, np.arange(len(table.case), dtype=np.int64))
    return first[citizens]


def _per_citizen(table: Table, mask: Bools, what: str, missing: int) -> Ints:
    """Per citizen number: the first day, first row or last row among the rows of ``mask``.

    ``missing`` for a citizen with no such row.
    """
    rows = np.flatnonzero(mask)
    owner = table.citizen[rows]
    if what == "last_row":
        found = np.full(table.citizens, -1, dtype=np.int64)
        np.maximum.at(found, owner, rows)
        return np.where(found < 0, missing, found)
    none = np.iinfo(np.int64).max
    found = np.full(table.citizens, none, dtype=np.int64)
    np.minimum.at(found, owner, table.day[rows] if what == "first" else rows)
    return np.where(found == none, missing, found)


def _known(table: Table, column: str, kind: type[CodedEnum]) -> tuple[Ints, list[object]]:
    """The codes of ``column`` (see ``Table.codes``), each a code of ``kind``.

    Raises:
        ValidationError: At the first row of each cell that is not a code of ``kind``.
    """
    codes, values = table.codes(column)
    known = {member.code for member in kind}
    bad = [i for i, v in enumerate(values) if v not in known]
    if bad:
        rows = np.sort(table.rows[np.isin(codes, bad)])
        raise ValidationError(
            Problem(f"rows[{row}].{column}", f"is not a code of {kind.__name__}")
            for row in rows.tolist()
        )
    return codes, values


def _dates(numbers: Ints) -> list[dt.date]:
    return Table.dates(np.asarray(numbers, dtype=np.int64)) if len(numbers) else []


def _decoded(codes: Ints, values: list[object], rows: Ints) -> list[object]:
    """The value of ``codes`` at each of ``rows`` (None where the row is -1 or the cell missing)."""
    picked = np.where(rows >= 0, codes[np.maximum(rows, 0)], -1)
    return [None if c < 0 else values[c] for c in picked.tolist()]


def _benefit_weeks(table: Table, citizens: Ints, end: Ints) -> dict[str, list[object]]:
    """Weeks on each funding basis per citizen: each change to the next, the last to ``end``."""
    rows = np.flatnonzero(table.kinds(BenefitChanged))
    codes, values = _known(table, "benefit", Benefit)
    owner = table.citizen[rows]
    place = np.full(table.citizens, -1, dtype=np.int64)
    place[citizens] = np.arange(len(citizens), dtype=np.int64)
    last = np.append(owner[1:] != owner[:-1], True) if rows.size else np.zeros(0, dtype=bool)
    following = np.where(last, end[place[owner]], np.append(table.day[rows][1:], 0))
    days = following - table.day[rows]
    benefit = codes[rows]
    weeks = {column: np.zeros(len(citizens)) for column in BENEFIT_COLUMNS}
    for code_number, value in enumerate(values):
        hits = (benefit == code_number) & (days > 0)
        if not hits.any():
            continue
        column = f"weeks_on_{value}"
        total = np.bincount(place[owner[hits]], weights=days[hits], minlength=len(citizens))
        weeks[column] = total / 7
    return {column: typing.cast("list[object]", w.tolist()) for column, w in weeks.items()}


def _months_later(days: Ints, months: int) -> Ints:
    """The day numbers ``months`` calendar months after ``days``, as ``horizon_day`` counts.

    The same day of the month, or the month's last day when it is shorter; whole numbers all
    the way, so no date range of a timestamp type is crossed.
    """
    day = days.astype("datetime64[D]")
    month = day.astype("datetime64[M]")
    of_month = (day - month.astype("datetime64[D]")).astype(np.int64)
    target = month + months
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    first = target.astype("datetime64[D]").astype(np.int64)
    return typing.cast("Ints", first + np.minimum(of_month, length - 1))


def _in_work(  # noqa: PLR0913 - the citizens' columns the horizons need
    table: Table,
    citizens: Ints,
    start: Ints,
    end: Ints,
    *,
    on: dt.date,
    months: tuple[int, ...],
) -> dict[str, list[object]]:
    """In work or education at each horizon (see ``helhed.outcomes``), per citizen."""
    job = table.kinds(JobOrEducationStarted)
    codes, values = _known(table, "benefit", Benefit)
    change = table.kinds(BenefitChanged) & (codes >= 0)
    employed = np.isin(codes, [i for i, v in enumerate(values) if v == _EMPLOYED])
    rows = np.flatnonzero(job | change)
    steps = pd.DataFrame(
        {
            "citizen": table.citizen[rows],
            "day": table.day[rows],
            "working": (job | employed)[rows],
        }
    )
    steps = steps.sort_values("day", kind="stable")
    found: dict[str, list[object]] = {}
    for m in months:
        when = _months_later(start, m)
        seen = np.minimum(when, end)
        asked = pd.DataFrame(
            {"citizen": citizens, "seen": seen, "n": np.arange(len(citizens))}
        ).sort_values("seen", kind="stable")
        latest = pd.merge_asof(
            asked,
            steps,
            left_on="seen",
            right_on="day",
            by="citizen",
            direction="backward",
        ).sort_values("n")
        working = latest["working"].isin([True]).to_numpy()
        observed = when <= int(np.datetime64(on, "D").astype(np.int64))
        found[in_work_column(m)] = [
            bool(w) if o else None for w, o in zip(working, observed, strict=True)
        ]
    return found
