"""Outcome measures as a table, one row per citizen (research extra).

[`measures_frame`][helhed.outcomes.frames.measures_frame] lays out
[`OutcomeMeasures`][helhed.outcomes.OutcomeMeasures] values; the batch door,
[`outcomes_frame`][helhed.batch.outcomes_frame], reads the same table straight from an
event table, and property tests hold the two to the same rows. The columns, in order:

* ``id`` (``"string"``): the citizen;
* ``start``, ``end``, ``job_on`` (``datetime64[us]``, midnight of the day; ``job_on`` is
  missing without a start);
* ``placement`` and ``group`` (``"string"``: the codes of ``Placement`` and ``RiskGroup``, or
  missing);
* ``reached`` (``"boolean"``), ``days_to_job`` (``Int64``) and ``weeks_to_job`` (``float64``):
  the time to a job or education start, or to the end of observation when ``reached`` is
  false - the columns survival analysis reads;
* ``weeks_on_<code>`` (``float64``) for every funding basis in the order of ``Benefit``: the
  weeks spent on it, 0 when none;
* ``in_work_<months>m`` (``"boolean"``) for each horizon: in work or education then, missing
  where the report day had not reached it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from helhed._extras import needs
from helhed._validation import items_of
from helhed.benefits import Benefit
from helhed.errors import ValidationError
from helhed.outcomes._measures import HORIZONS, OutcomeMeasures, _horizons

with needs("helhed.outcomes.frames"):
    import pandas as pd

__all__ = ["BENEFIT_COLUMNS", "FIRST_COLUMNS", "columns_for", "in_work_column", "measures_frame"]

FIRST_COLUMNS = (
    "id",
    "start",
    "end",
    "job_on",
    "placement",
    "group",
    "reached",
    "days_to_job",
    "weeks_to_job",
)
"""The columns every outcome table starts with, before the weeks and horizons."""

BENEFIT_COLUMNS = tuple(f"weeks_on_{b.code}" for b in Benefit)
"""One column of weeks per funding basis, in the order of ``Benefit``."""

DTYPES = {
    "id": "string",
    "start": "datetime64[us]",
    "end": "datetime64[us]",
    "job_on": "datetime64[us]",
    "placement": "string",
    "group": "string",
    "reached": "boolean",
    "days_to_job": "Int64",
    "weeks_to_job": "float64",
    **dict.fromkeys(BENEFIT_COLUMNS, "float64"),
}
"""The dtype of each column but the horizons' (``"boolean"``)."""


def in_work_column(months: int) -> str:
    """The name of the column of a horizon, e.g. ``in_work_6m``.

    Raises:
        ValidationError: If ``months`` is not a whole number from 1 to 1,200.
    """
    (checked,) = _horizons([months])
    return f"in_work_{checked}m"


def columns_for(horizons: Iterable[int] = HORIZONS) -> tuple[str, ...]:
    """Every column of an outcome table with these horizons (sorted, distinct), in order.

    Raises:
        ValidationError: If a horizon is not a whole number of months from 1 to 1,200.
    """
    months = _horizons(horizons)
    return (*FIRST_COLUMNS, *BENEFIT_COLUMNS, *(f"in_work_{m}m" for m in months))


def _typed(cells: dict[str, list[object]], horizons: Sequence[int]) -> pd.DataFrame:
    """The table of ``cells`` (one list per column of ``columns_for(horizons)``), typed."""
    return pd.DataFrame(
        {
            name: pd.Series(cells[name], dtype=DTYPES.get(name, "boolean"))
            for name in columns_for(horizons)
        }
    )


def measures_frame(
    measures: Iterable[OutcomeMeasures], *, horizons: Iterable[int] = HORIZONS
) -> pd.DataFrame:
    """One row per citizen's measures, in the order given (see the module notes).

    Raises:
        ValidationError: If an item is not an OutcomeMeasures, a horizon is not a whole
            number of months from 1 to 1,200, or an item was not measured at a horizon.
    """
    listed = items_of(measures, OutcomeMeasures, "measures")
    months = _horizons(horizons)
    cells: dict[str, list[object]] = {name: [] for name in columns_for(months)}
    for i, m in enumerate(listed):
        missing = [h for h in months if h not in m.in_work]
        if missing:
            raise ValidationError.at(
                f"measures[{i}].in_work", f"has no horizon of {missing[0]} months"
            )
        row: dict[str, object] = {
            "id": m.citizen_id,
            "start": m.start,
            "end": m.end,
            "job_on": m.job_on,
            "placement": None if m.placement is None else m.placement.code,
            "group": None if m.group is None else m.group.code,
            "reached": m.reached,
            "days_to_job": m.days_to_job,
            "weeks_to_job": m.weeks_to_job,
        }
        weeks = m.benefit_weeks
        for benefit, column in zip(Benefit, BENEFIT_COLUMNS, strict=True):
            row[column] = weeks.get(benefit, 0.0)
        for h in months:
            row[in_work_column(h)] = m.in_work[h]
        for name, cell in row.items():
            cells[name].append(cell)
    return _typed(cells, months)
