"""Plots of pathways with matplotlib (research extra): occupancy, one timeline, flows.

Three plots, each drawn on a matplotlib ``Axes`` (a new figure's when none is given) and
returned, so the caller chooses the backend, the figure and where it is saved; nothing here
touches pyplot's global state. The two plots over many pathways rest on a plain table that
can be read and tested without drawing:

* [`state_occupancy`][helhed.plots.state_occupancy] draws
  [`occupancy_table`][helhed.plots.occupancy_table] - how many citizens are in each state
  per ISO week, as stacked bars;
* [`flows`][helhed.plots.flows] draws [`flow_table`][helhed.plots.flow_table] - how many
  moves there were from each state to each other, as bands between two columns of states
  (Sankey-style);
* [`timeline`][helhed.plots.timeline] draws one citizen's pathway: its events as markers on
  a date axis, one row per kind, and its interventions as bars.

The states are those of [`default_state`][helhed.exports.default_state], by way of
[`transitions`][helhed.exports.transitions].

**Plots show health data.** Offers are health data: the timeline labels interventions
"intervention 1", "intervention 2", ... unless asked for the offers' names. Counts of small
groups can point at a citizen too; look before a figure leaves the place where health data
may be kept.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ContactMade, Referred
    >>> from helhed.pathways.pathway import Pathway
    >>> day = dt.date(2024, 3, 4)  # a Monday, ISO week 10
    >>> pathway = Pathway.of([
    ...     Referred(citizen_id="c-1", occurred_on=day, recorded_by=A.JOB_CENTRE,
    ...              referral_id="r-1", offer="rygestop", to=A.HEALTH, voluntary=True),
    ...     ContactMade(citizen_id="c-1", occurred_on=day + dt.timedelta(days=8),
    ...                 recorded_by=A.HEALTH, referral_id="r-1"),
    ... ])
    >>> table = occupancy_table([pathway], start=day, end=dt.date(2024, 3, 17))
    >>> table["referred"].to_dict(), table["in_contact"].to_dict()
    ({'2024-W10': 1, '2024-W11': 0}, {'2024-W10': 0, '2024-W11': 1})
    >>> flow_table([pathway], on=dt.date(2024, 3, 17))
           from          to  count
    0  referred  in_contact      1
    >>> ax = timeline(pathway)
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Referred', 'Contact made']
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import cast

from helhed._extras import needs

with needs("helhed.plots"):
    import matplotlib.dates as mdates
    import numpy as np
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

from helhed.errors import ValidationError, require
from helhed.exports import STATES, transitions
from helhed.pathways.events import (
    Event,
    EventKind,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
)
from helhed.pathways.pathway import Pathway

__all__ = ["flow_table", "flows", "occupancy_table", "state_occupancy", "timeline"]

_GAP = 0.02  # the space between two states in a column of the flow plot, in axes units
_NODE = 0.06  # the width of a state's block in the flow plot


def _day(value: object, name: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError.at(name, "must be a date")
    return value


_num = cast("Callable[[dt.date], float]", mdates.date2num)
"""A day as matplotlib's date number (``date2num``, which the stubs leave untyped)."""


def _new_axes() -> Axes:
    """A fresh Axes on a figure of its own, outside pyplot (no global state, no backend)."""
    return Figure().add_subplot()


def _stays_by_citizen(table: pd.DataFrame) -> dict[str, list[tuple[dt.date, str]]]:
    """Each citizen's stays as (first day, state), in time order, from ``transitions``."""
    stays: dict[str, list[tuple[dt.date, str]]] = {}
    for citizen, state, start in zip(
        table["id"].tolist(), table["from"].tolist(), table["start"].tolist(), strict=True
    ):
        stays.setdefault(str(citizen), []).append((pd.Timestamp(start).date(), str(state)))
    return stays


def occupancy_table(pathways: Iterable[Pathway], *, start: dt.date, end: dt.date) -> pd.DataFrame:
    """How many citizens are in each state in each ISO week from ``start`` to ``end``.

    The weeks are the ISO weeks (Monday to Sunday) that overlap ``start`` to ``end``, both
    included. A citizen counts in a week in the state they are in at the end of its last
    day - the Sunday, or ``end`` when it comes first - by
    [`transitions`][helhed.exports.transitions], so a state changed during a week counts
    for the whole week and each citizen counts once. A citizen counts from the week of their
    first state (their referral) on; a pathway closed before the week began no longer
    counts (the week of closing counts them as ``closed``), as in
    [`weekly_spells`][helhed.exports.weekly_spells].

    Args:
        pathways: Pathways of different citizens.
        start: The first day of the period.
        end: The last day of the period.

    Returns:
        A DataFrame with one row per week, indexed ``week`` by its ISO name (``2024-W10``),
        and one ``int64`` column per state of [`STATES`][helhed.exports.STATES], in that
        order (the column index is named ``state``).

    Raises:
        ValidationError: If ``start`` or ``end`` is not a date, ``end`` is before ``start``,
            an item is not a pathway, or two pathways have the same citizen.
    """
    start, end = _day(start, "start"), _day(end, "end")
    if end < start:
        raise ValidationError.at("end", "must not be before start")
    stays = _stays_by_citizen(transitions(pathways, on=end))
    first_monday = start - dt.timedelta(days=start.weekday())
    mondays = [
        first_monday + dt.timedelta(weeks=n) for n in range((end - first_monday).days // 7 + 1)
    ]
    counts = np.zeros((len(mondays), len(STATES)), dtype=np.int64)
    column = {state: number for number, state in enumerate(STATES)}
    for citizen_stays in stays.values():
        days = [day for day, _ in citizen_stays]
        for row, monday in enumerate(mondays):
            cutoff = min(monday + dt.timedelta(days=6), end)
            known = bisect.bisect_right(days, cutoff)
            if not known:
                continue  # not referred yet
            entered, state = citizen_stays[known - 1]
            if state == "closed" and entered < monday:
                break  # closed before this week: out of scope from here on
            counts[row, column[state]] += 1
    weeks = []
    for monday in mondays:
        year, week, _ = monday.isocalendar()
        weeks.append(f"{year}-W{week:02d}")
    return pd.DataFrame(
        counts,
        index=pd.Index(weeks, name="week"),
        columns=pd.Index(list(STATES), name="state"),
    )


def _chosen_states(states: Sequence[str] | None) -> list[str]:
    if states is None:
        return list(STATES)
    chosen = list(states)
    for number, state in enumerate(chosen):
        if state not in STATES:
            raise ValidationError.at(f"states[{number}]", f"must be one of {', '.join(STATES)}")
    return chosen


def state_occupancy(
    pathways: Iterable[Pathway],
    *,
    start: dt.date,
    end: dt.date,
    ax: Axes | None = None,
    states: Sequence[str] | None = None,
) -> Axes:
    """Stacked bars of how many citizens are in each state, one bar per ISO week.

    The numbers are those of [`occupancy_table`][helhed.plots.occupancy_table]; each state is
    one bar container (``ax.containers``) and one legend entry, in the order of ``states``.

    Args:
        pathways: Pathways of different citizens.
        start: The first day of the period.
        end: The last day of the period.
        ax: The Axes to draw on; a new figure's when None.
        states: The states to draw, bottom to top; all of
            [`STATES`][helhed.exports.STATES] when None.

    Returns:
        The Axes drawn on.

    Raises:
        ValidationError: As ``occupancy_table``, or if ``states`` names an unknown state.
    """
    chosen = _chosen_states(states)
    table = occupancy_table(pathways, start=start, end=end)
    ax = _new_axes() if ax is None else ax
    positions = np.arange(len(table))
    bottom = np.zeros(len(table), dtype=np.int64)
    for state in chosen:
        heights = table[state].to_numpy(dtype=np.int64)
        ax.bar(positions, heights, bottom=bottom, width=0.9, label=state)
        bottom = bottom + heights
    step = max(1, len(table) // 12)
    ax.set_xticks(positions[::step], [str(week) for week in table.index[::step]], rotation=90)
    ax.set_xlabel("ISO week")
    ax.set_ylabel("citizens")
    ax.legend(loc="upper left", fontsize="small")
    return ax


def _interventions(events: Sequence[Event]) -> list[tuple[str, dt.date, dt.date]]:
    """Each intervention as (offer, first day, last day), in order of start.

    An intervention still running ends at the last event of the pathway.
    """
    bars: list[tuple[str, dt.date, dt.date | None]] = []
    running: dict[str, int] = {}
    for event in events:
        if isinstance(event, InterventionStarted):
            running[event.offer] = len(bars)
            bars.append((event.offer, event.occurred_on, None))
        elif isinstance(event, InterventionCompleted | InterventionDroppedOut):
            index = running.pop(event.offer, None)
            if index is not None:
                offer, began, _ = bars[index]
                bars[index] = (offer, began, event.occurred_on)
    last = events[-1].occurred_on if events else dt.date.min
    return [(offer, began, last if ended is None else ended) for offer, began, ended in bars]


def timeline(pathway: Pathway, *, ax: Axes | None = None, labels: bool = False) -> Axes:
    """One citizen's pathway on a date axis: events as markers, interventions as bars.

    Each kind of event that occurs has a row of markers (one line, labelled by the kind's
    English label, in the order of [`EventKind`][helhed.pathways.events.EventKind]); below
    them each intervention has a row with a bar from the day it started to the day it was
    completed or left - or, still running, to the last event of the pathway.

    The offers are health data: what a citizen was offered tells of their health. So the
    bars are labelled "intervention 1", "intervention 2", ... in order of start, and a figure
    shown or shared does not reveal them; pass ``labels=True`` to label them by offer where
    the figure stays with the health data.

    Args:
        pathway: The pathway to draw.
        ax: The Axes to draw on; a new figure's when None.
        labels: True to label the interventions by their offer (health data).

    Returns:
        The Axes drawn on: one line per kind of event, one bar per intervention, and a y tick
        label for each row, top to bottom.
    """
    require(pathway, Pathway, "pathway", "must be a Pathway")
    ax = _new_axes() if ax is None else ax
    events = pathway.timeline
    kinds = [kind for kind in EventKind if any(event.KIND is kind for event in events)]
    bars = _interventions(events)
    names = [kind.label_en for kind in kinds]
    names += [offer if labels else f"intervention {n}" for n, (offer, _, _) in enumerate(bars, 1)]
    rows = len(names)
    for row, kind in enumerate(kinds):
        days = [_num(e.occurred_on) for e in events if e.KIND is kind]
        ax.plot(days, [rows - 1 - row] * len(days), marker="o", linestyle="none")
    for row, (_, began, ended) in enumerate(bars, start=len(kinds)):
        left = _num(began)
        ax.barh(
            rows - 1 - row,
            _num(ended) - left,
            left=left,
            height=0.5,
            edgecolor="black",
        )
    ax.set_yticks(range(rows - 1, -1, -1), names)
    ax.set_ylim(-0.75, rows - 0.25)
    ax.xaxis_date()
    ax.tick_params(axis="x", labelrotation=30)
    return ax


def flow_table(pathways: Iterable[Pathway], *, on: dt.date) -> pd.DataFrame:
    """How many moves there were from each state to each other, up to ``on``.

    A move is a row of [`transitions`][helhed.exports.transitions] that ended in a
    transition (``status`` 1): a citizen who moved twice counts in two rows, and the last,
    censored stay counts in none.

    Args:
        pathways: Pathways of different citizens.
        on: The day follow-up ends.

    Returns:
        A DataFrame with the columns ``from`` and ``to`` (``"string"``) and ``count``
        (``int64``, always above 0), one row per pair that occurs, ordered by ``from`` and
        then ``to`` in the order of [`STATES`][helhed.exports.STATES].

    Raises:
        ValidationError: If ``on`` is not a date, an item is not a pathway, or two pathways
            have the same citizen.
    """
    table = transitions(pathways, on=on)
    counts: dict[tuple[str, str], int] = {}
    for source, target, status in zip(
        table["from"].tolist(), table["to"].tolist(), table["status"].tolist(), strict=True
    ):
        if status == 1:
            pair = (str(source), str(target))
            counts[pair] = counts.get(pair, 0) + 1
    order = {state: number for number, state in enumerate(STATES)}
    pairs = sorted(counts, key=lambda pair: (order[pair[0]], order[pair[1]]))
    return pd.DataFrame(
        {
            "from": pd.Series([p[0] for p in pairs], dtype="string"),
            "to": pd.Series([p[1] for p in pairs], dtype="string"),
            "count": pd.Series([counts[p] for p in pairs], dtype="int64"),
        }
    )


def _column(totals: dict[str, int], unit: float) -> dict[str, float]:
    """The top of each state's block in a column, stacked downwards from 1 with gaps."""
    tops: dict[str, float] = {}
    top = 1.0
    for state in STATES:
        if state in totals:
            tops[state] = top
            top -= totals[state] * unit + _GAP
    return tops


def _band(ax: Axes, left: tuple[float, float], right: tuple[float, float]) -> None:
    """A band from the span ``left`` (top, bottom) at the left to ``right`` at the right."""
    x = np.linspace(_NODE, 1 - _NODE, 50)
    ease = 3 * ((x - _NODE) / (1 - 2 * _NODE)) ** 2 - 2 * ((x - _NODE) / (1 - 2 * _NODE)) ** 3
    top = left[0] + (right[0] - left[0]) * ease
    bottom = left[1] + (right[1] - left[1]) * ease
    ax.fill_between(x, bottom, top, alpha=0.4, linewidth=0)


def flows(pathways: Iterable[Pathway], *, on: dt.date, ax: Axes | None = None) -> Axes:
    """The moves between states as bands between two columns of states (Sankey-style).

    The numbers are those of [`flow_table`][helhed.plots.flow_table]. The left column has a
    block per state moved out of, the right one a block per state moved into, each as high
    as its moves and labelled with the state and their number; a band per pair joins them,
    as wide as the pair's count (one filled area per row of the table, in its order).

    Args:
        pathways: Pathways of different citizens.
        on: The day follow-up ends.
        ax: The Axes to draw on; a new figure's when None.

    Returns:
        The Axes drawn on: one band (``ax.collections``) per pair, one block
        (``ax.patches``) and one label (``ax.texts``) per state of each column.

    Raises:
        ValidationError: As ``flow_table``.
    """
    table = flow_table(pathways, on=on)
    ax = _new_axes() if ax is None else ax
    ax.set_axis_off()
    ax.set_xlim(-0.3, 1.3)
    ax.set_ylim(0, 1)
    pairs = [
        (str(s), str(t), int(n))
        for s, t, n in zip(
            table["from"].tolist(), table["to"].tolist(), table["count"].tolist(), strict=True
        )
    ]
    if not pairs:
        return ax
    out: dict[str, int] = {}
    into: dict[str, int] = {}
    for source, target, count in pairs:
        out[source] = out.get(source, 0) + count
        into[target] = into.get(target, 0) + count
    blocks = max(len(out), len(into))
    unit = (1 - _GAP * (blocks - 1)) / sum(out.values())
    left_tops, right_tops = _column(out, unit), _column(into, unit)
    left_used = dict.fromkeys(out, 0.0)
    right_used = dict.fromkeys(into, 0.0)
    order = {state: number for number, state in enumerate(STATES)}
    # Bands leave a block in the order of their target and enter one in that of their source.
    entering = sorted(pairs, key=lambda pair: (order[pair[1]], order[pair[0]]))
    right_span: dict[tuple[str, str], tuple[float, float]] = {}
    for source, target, count in entering:
        top = right_tops[target] - right_used[target]
        right_used[target] += count * unit
        right_span[source, target] = (top, top - count * unit)
    for source, target, count in pairs:
        top = left_tops[source] - left_used[source]
        left_used[source] += count * unit
        _band(ax, (top, top - count * unit), right_span[source, target])
    for x, tops, totals, align in (
        (0.0, left_tops, out, "right"),
        (1 - _NODE, right_tops, into, "left"),
    ):
        for state, top in tops.items():
            height = totals[state] * unit
            ax.add_patch(Rectangle((x, top - height), _NODE, height, color="dimgray"))
            ax.text(
                x - 0.01 if align == "right" else x + _NODE + 0.01,
                top - height / 2,
                f"{state} ({totals[state]})",
                ha=align,
                va="center",
                fontsize="small",
            )
    return ax
