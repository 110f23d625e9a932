"""Kaplan-Meier estimates of the time to a job or education, and their plot (research extra).

[`kaplan_meier`][helhed.outcomes.survival.kaplan_meier] reads an outcome table
([`measures_frame`][helhed.outcomes.frames.measures_frame] or
[`outcomes_frame`][helhed.batch.outcomes_frame]) and estimates, for each combination of the
columns named in ``by`` - the target group, and any column the caller adds such as the
collaboration model or the scenario - the share of citizens still without a job or
education after each number of weeks. A citizen without a start is censored on the last day
observed: the report day, or the closing day when it came first. The estimator is SciPy's:
``scipy.stats.ecdf`` on right-censored data is the Kaplan-Meier estimator, and its
``confidence_interval(method="log-log")`` the 95 % interval of the exponential Greenwood
formula; helhed only counts the citizens at risk, reaching a start and censored at each
time, and lays the estimate out. Where that interval is undefined - before the first start,
when the estimate is 1, and once nobody is left without one, when it is 0 - both bounds are
the estimate itself (helhed's reading: nothing is uncertain about a share no one has left).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any, Final

from helhed._extras import needs
from helhed.errors import Problem, ValidationError
from helhed.language import Language, LanguageLike, as_language

with needs("helhed.outcomes.survival"):
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["ESTIMATE_COLUMNS", "kaplan_meier", "plot_survival"]

ESTIMATE_COLUMNS: Final = (
    "weeks",
    "at_risk",
    "reached",
    "censored",
    "without_job",
    "lower",
    "upper",
)
"""The columns of an estimate after the ``by`` columns: the week; citizens at risk just
before it, reaching a job or education in it and censored in it; the estimated share still
without a job or education after it, and its 95 % confidence interval."""

_LABELS: Final = {
    Language.EN: ("Weeks since the start", "Share in job or education", "all"),
    Language.DA: ("Uger siden start", "Andel i job eller uddannelse", "alle"),
}


def _named(value: object) -> str:
    """A group's value for a legend: ``-`` for a missing cell."""
    missing = value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))
    return "-" if missing else str(value)


def _columns(by: object, path: str = "by") -> list[str]:
    """``by`` as a list of column names: one name, or an iterable of them."""
    if isinstance(by, str):
        return [by]
    if isinstance(by, Iterable):
        names = list(by)
        if all(isinstance(name, str) for name in names):
            return names
    raise ValidationError.at(path, "must be a column name or a list of column names")


def _bad_weeks(cells: pd.Series) -> np.ndarray:
    """Positions of cells that are not a finite number of weeks, 0 or more (never a bool)."""
    if pd.api.types.is_numeric_dtype(cells) and not pd.api.types.is_bool_dtype(cells):
        weeks = cells.to_numpy(dtype=float, na_value=np.nan)
        return np.flatnonzero(~(np.isfinite(weeks) & (weeks >= 0)))
    return np.array(
        [
            i
            for i, v in enumerate(cells.tolist())
            if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v < np.inf
        ],
        dtype=np.int64,
    )


def _bad_flags(cells: pd.Series) -> np.ndarray:
    """Positions of cells that are not true or false."""
    if pd.api.types.is_bool_dtype(cells):
        return np.flatnonzero(cells.isna().to_numpy())
    return np.array(
        [i for i, v in enumerate(cells.tolist()) if not isinstance(v, bool | np.bool_)],
        dtype=np.int64,
    )


def _checked(table: object, by: Sequence[str], time: str, event: str) -> pd.DataFrame:
    """``table`` if it is a DataFrame with the columns asked for, times of 0 or more and flags.

    Nothing is converted: a time given as text, or a flag given as 1 or 0, is refused.
    """
    if not isinstance(table, pd.DataFrame):
        raise ValidationError.at("table", "must be a pandas DataFrame of outcome measures")
    asked = (*by, time, event)
    problems = [Problem(f"table.{c}", "is missing") for c in asked if c not in table.columns]
    problems += [
        Problem(f"table.{c}", "is a column name given twice in the table")
        for c in dict.fromkeys(asked)
        if c in table.columns and not isinstance(table[c], pd.Series)
    ]
    if problems:
        raise ValidationError(problems)
    problems = [
        Problem(f"table.{time}[{i}]", "must be a number of weeks, 0 or more")
        for i in _bad_weeks(table[time])[:10]
    ]
    problems += [
        Problem(f"table.{event}[{i}]", "must be true or false")
        for i in _bad_flags(table[event])[:10]
    ]
    for column in by:
        try:
            pd.unique(table[column])
        except TypeError:
            problems.append(Problem(f"table.{column}", "must hold values that can be grouped"))
    if problems:
        raise ValidationError(problems)
    return table


def kaplan_meier(
    table: pd.DataFrame,
    *,
    by: Iterable[str] = (),
    time: str = "weeks_to_job",
    event: str = "reached",
) -> pd.DataFrame:
    """Kaplan-Meier estimates of the share still without a job or education, per group.

    Args:
        table: An outcome table, one row per citizen (see the module notes); other columns
            may be added, e.g. ``model`` or ``scenario``.
        by: The columns whose combinations make the groups; none for one estimate of all.
            A missing cell makes a group of its own.
        time: The column of times, in weeks.
        event: The column saying whether the time ends in a start (true) or is censored.

    Returns:
        One row per group and distinct time (week 0 first), with the ``by`` columns, then
        ``ESTIMATE_COLUMNS``; groups in sorted order.

    Raises:
        ValidationError: If ``table`` is not a DataFrame, ``by`` is not column names, a
            column is missing or given twice or holds values that cannot be grouped, a time
            is not a finite number of 0 or more, or an event cell is not true or false.
    """
    columns = _columns(by)
    checked = _checked(table, columns, time, event)
    parts = []
    groups: Iterable[tuple[Any, pd.DataFrame]] = (
        checked.groupby(columns, dropna=False, sort=True) if columns else [((), checked)]
    )
    for key, rows in groups:
        if rows.empty:
            continue
        part = _estimate(rows[time].to_numpy(dtype=float), rows[event].astype(bool).to_numpy())
        values = key if isinstance(key, tuple) else (key,)
        for column, value in reversed(list(zip(columns, values, strict=True))):
            part.insert(0, column, pd.Series([value] * len(part), dtype=checked[column].dtype))
        parts.append(part)
    if not parts:
        empty = {c: pd.Series([], dtype=checked[c].dtype) for c in columns}
        return pd.DataFrame({**empty, **{c: pd.Series([], dtype=float) for c in ESTIMATE_COLUMNS}})
    return pd.concat(parts, ignore_index=True)


def _estimate(weeks: Any, reached: Any) -> pd.DataFrame:
    """One group's estimate: a row for week 0 and one for each distinct time (see above)."""
    with needs("helhed.outcomes.survival"):
        from scipy import stats  # type: ignore[import-untyped]  # noqa: PLC0415 - slow to import

    times = np.unique(weeks)
    if reached.any():
        data = stats.CensoredData(uncensored=weeks[reached], right=weeks[~reached])
        curve = stats.ecdf(data).sf
        with warnings.catch_warnings():  # undefined where the estimate is 1 or 0: see above
            warnings.filterwarnings(
                "ignore", "The confidence interval is undefined", RuntimeWarning
            )
            bounds = curve.confidence_interval(0.95, method="log-log")
        found = curve.evaluate(times)
        low, high = bounds.low.evaluate(times), bounds.high.evaluate(times)
        settled = np.isnan(low) | np.isnan(high)
        low, high = np.where(settled, found, low), np.where(settled, found, high)
    else:  # nobody started: the share without one stays 1
        found = low = high = np.ones(len(times))
    if not len(times) or times[0] > 0:
        times, found = np.append(0.0, times), np.append(1.0, found)
        low, high = np.append(1.0, low), np.append(1.0, high)
    return pd.DataFrame(
        {
            "weeks": times,
            "at_risk": [int((weeks >= t).sum()) for t in times],
            "reached": [int(((weeks == t) & reached).sum()) for t in times],
            "censored": [int(((weeks == t) & ~reached).sum()) for t in times],
            "without_job": found,
            "lower": low,
            "upper": high,
        }
    )


def plot_survival(
    estimates: pd.DataFrame,
    *,
    by: Iterable[str] = (),
    ax: Axes | None = None,
    lang: LanguageLike = "en",
) -> Axes:
    """Plot the share in a job or education (one minus ``without_job``) per group, as steps.

    Each group's 95 % interval is shaded. ``lang`` (``"en"``, ``"da"`` or a
    [`Language`][helhed.language.Language]) sets the axis labels; the legend names each group
    by its ``by`` values.

    Raises:
        ValidationError: If ``estimates`` lacks a column of ``by`` or of ``ESTIMATE_COLUMNS``,
            or ``lang`` is neither ``"en"`` nor ``"da"``.
    """
    language = as_language(lang)
    columns = _columns(by)
    if not isinstance(estimates, pd.DataFrame):
        raise ValidationError.at("estimates", "must be a DataFrame from kaplan_meier")
    missing = [c for c in (*columns, *ESTIMATE_COLUMNS) if c not in estimates.columns]
    if missing:
        raise ValidationError(Problem(f"estimates.{c}", "is missing") for c in missing)
    x_label, y_label, everyone = _LABELS[language]
    axes = ax if ax is not None else plt.subplots(figsize=(7, 4))[1]
    groups: Iterable[tuple[Any, pd.DataFrame]] = (
        estimates.groupby(columns, dropna=False, sort=True) if columns else [((), estimates)]
    )
    for key, rows in groups:
        values = key if isinstance(key, tuple) else (key,)
        label = ", ".join(map(_named, values)) or everyone
        line = axes.step(rows["weeks"], 1 - rows["without_job"], where="post", label=label)[0]
        axes.fill_between(
            rows["weeks"],
            1 - rows["upper"],
            1 - rows["lower"],
            step="post",
            alpha=0.2,
            color=line.get_color(),
        )
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    axes.set_ylim(0, 1)
    axes.legend(loc="lower right")
    return axes
