"""Plots of pathways with matplotlib (research extra): occupancy, one timeline, flows.

Three plots, each drawn on a matplotlib ``Axes`` (a new figure's when none is given) and
returned, so the caller chooses the backend, the figure and where it is saved; nothing here
touches pyplot's global state. The two plots over many pathways rest on a plain table that
can be read and tested without drawing:

* [`state_occupancy`][helhed.plots.state_occupancy] draws
  [`occupancy_table`][helhed.plots.occupancy_table] - how many citizens are in each stage
  per ISO week, as stacked bars;
* [`flows`][helhed.plots.flows] draws [`flow_table`][helhed.plots.flow_table] - how many
  citizens went from each stage to each other, move by move, as bands between columns of
  stages (Sankey-style);
* [`timeline`][helhed.plots.timeline] draws one citizen's pathway: its events as markers on
  a date axis, one row per kind, and its interventions as bars.

The stages are those of the one vocabulary
[`PathwayStage`][helhed.pathways.stages.PathwayStage], by way of
[`transitions`][helhed.exports.transitions]; the plots label them with the stages' labels,
in English unless ``lang="da"`` asks for Danish.

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
    >>> table["referred"].to_dict(), table["contacted"].to_dict()
    ({'2024-W10': 1, '2024-W11': 0}, {'2024-W10': 0, '2024-W11': 1})
    >>> flow_table([pathway], on=dt.date(2024, 3, 17))
       step      from         to  citizens
    0     1  referred  contacted         1
    >>> ax = timeline(pathway)
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Referred', 'Contact made']
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
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
from helhed.language import Language, LanguageLike, as_language, pick
from helhed.pathways.events import (
    Event,
    EventKind,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.stages import PathwayStage

__all__ = ["flow_table", "flows", "occupancy_table", "state_occupancy", "timeline"]

_GAP = 0.02  # the space between two stages in a column of the flow plot, in axes units


def _day(value: object, name: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError.at(name, "must be a date")
    return value


_num = cast("Callable[[dt.date], float]", mdates.date2num)
"""A day as matplotlib's date number (``date2num``, which the stubs leave untyped)."""


_WORDS: Mapping[Language, Mapping[str, str]] = {
    Language.EN: {"week": "ISO week", "citizens": "citizens", "intervention": "intervention"},
    Language.DA: {"week": "ISO-uge", "citizens": "borgere", "intervention": "indsats"},
}
"""The few words the plots write besides the labels of stages and events."""


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
        and one ``int64`` column per stage of [`STATES`][helhed.exports.STATES], in that
        order, named by its [`PathwayStage`][helhed.pathways.stages.PathwayStage] code (the
        column index is named ``state``).

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
    column = {stage.code: number for number, stage in enumerate(STATES)}
    for citizen_stays in stays.values():
        days = [day for day, _ in citizen_stays]
        for row, monday in enumerate(mondays):
            cutoff = min(monday + dt.timedelta(days=6), end)
            known = bisect.bisect_right(days, cutoff)
            if not known:
                continue  # not referred yet
            entered, state = citizen_stays[known - 1]
            if state == PathwayStage.CLOSED.code and entered < monday:
                break  # closed before this week: out of scope from here on
            counts[row, column[state]] += 1
    weeks = []
    for monday in mondays:
        year, week, _ = monday.isocalendar()
        weeks.append(f"{year}-W{week:02d}")
    return pd.DataFrame(
        counts,
        index=pd.Index(weeks, name="week"),
        columns=pd.Index([stage.code for stage in STATES], name="state"),
    )


def _chosen_states(states: Sequence[str] | None) -> list[PathwayStage]:
    if states is None:
        return list(STATES)
    chosen: list[PathwayStage] = []
    for number, state in enumerate(states):
        try:
            stage = PathwayStage.from_code(state)
        except ValidationError:
            stage = None
        if stage not in STATES:
            codes = ", ".join(stage.code for stage in STATES)
            raise ValidationError.at(f"states[{number}]", f"must be one of {codes}")
        chosen.append(stage)
    return chosen


def state_occupancy(  # noqa: PLR0913 - the data, then keywords for the drawing
    pathways: Iterable[Pathway],
    *,
    start: dt.date,
    end: dt.date,
    ax: Axes | None = None,
    states: Sequence[str] | None = None,
    lang: LanguageLike = "en",
) -> Axes:
    """Stacked bars of how many citizens are in each stage, one bar per ISO week.

    The numbers are those of [`occupancy_table`][helhed.plots.occupancy_table]; each stage is
    one bar container (``ax.containers``) and one legend entry, labelled with the stage's
    label in ``lang``, in the order of ``states``.

    Args:
        pathways: Pathways of different citizens.
        start: The first day of the period.
        end: The last day of the period.
        ax: The Axes to draw on; a new figure's when None.
        states: The stages to draw, bottom to top, as ``PathwayStage`` members or codes; all
            of [`STATES`][helhed.exports.STATES] when None.
        lang: The language of the labels: ``"en"`` (the default) or ``"da"``, or a
            [`Language`][helhed.language.Language].

    Returns:
        The Axes drawn on.

    Raises:
        ValidationError: As ``occupancy_table``, if ``states`` names a stage no event gives,
            or if ``lang`` is neither ``"en"`` nor ``"da"``.
    """
    language = as_language(lang)
    chosen = _chosen_states(states)
    table = occupancy_table(pathways, start=start, end=end)
    ax = _new_axes() if ax is None else ax
    positions = np.arange(len(table))
    bottom = np.zeros(len(table), dtype=np.int64)
    for stage in chosen:
        heights = table[stage.code].to_numpy(dtype=np.int64)
        ax.bar(positions, heights, bottom=bottom, width=0.9, label=stage.label(language))
        bottom = bottom + heights
    step = max(1, len(table) // 12)
    ax.set_xticks(positions[::step], [str(week) for week in table.index[::step]], rotation=90)
    ax.set_xlabel(_WORDS[language]["week"])
    ax.set_ylabel(_WORDS[language]["citizens"])
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


def timeline(
    pathway: Pathway, *, ax: Axes | None = None, labels: bool = False, lang: LanguageLike = "en"
) -> Axes:
    """One citizen's pathway on a date axis: events as markers, interventions as bars.

    Each kind of event that occurs has a row of markers (one line, labelled by the kind's
    label in ``lang``, in the order of [`EventKind`][helhed.pathways.events.EventKind]); below
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
        lang: The language of the labels: ``"en"`` (the default; "intervention 1") or
            ``"da"`` ("indsats 1").

    Returns:
        The Axes drawn on: one line per kind of event, one bar per intervention, and a y tick
        label for each row, top to bottom.
    """
    require(pathway, Pathway, "pathway", "must be a Pathway")
    language = as_language(lang)
    ax = _new_axes() if ax is None else ax
    events = pathway.timeline
    kinds = [kind for kind in EventKind if any(event.KIND is kind for event in events)]
    bars = _interventions(events)
    names = [pick(language, kind.label_da, kind.label_en) for kind in kinds]
    word = _WORDS[language]["intervention"]
    names += [offer if labels else f"{word} {n}" for n, (offer, _, _) in enumerate(bars, 1)]
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
    """How many citizens went from each stage to each other, move by move, up to ``on``.

    Each citizen's stages are those of [`transitions`][helhed.exports.transitions] up to
    ``on``: the stage of their first stay (their referral), then one stage per move. Column
    ``0`` holds every citizen in their first stage, column ``k`` every citizen in their stage
    after ``k`` moves - or, having made fewer moves by ``on``, in their last stage. A row
    (a band of [`flows`][helhed.plots.flows]) counts the citizens in stage ``from`` in column
    ``step - 1`` and in stage ``to`` in column ``step``: those whose move number ``step`` was
    from ``from`` to ``to`` or, where ``from`` equals ``to``, those who stayed (made no move
    number ``step``). So each citizen counts once in every step, and each step's rows add up
    to the citizens with a stage by ``on``. The steps run from 1 to the most moves any
    citizen made; a table where nobody moved is empty.

    Args:
        pathways: Pathways of different citizens.
        on: The day follow-up ends.

    Returns:
        A DataFrame with the columns ``step`` (``int64``, from 1), ``from`` and ``to``
        (``"string"``: [`PathwayStage`][helhed.pathways.stages.PathwayStage] codes) and
        ``citizens`` (``int64``, always above 0), one row per step and pair that occurs,
        ordered by step, then ``from`` and ``to`` in the order of ``PathwayStage``.

    Raises:
        ValidationError: If ``on`` is not a date, an item is not a pathway, or two pathways
            have the same citizen.
    """
    return _flows(pathways, on)[0]


def _flows(pathways: Iterable[Pathway], on: dt.date) -> tuple[pd.DataFrame, int]:
    """The flow table and the number of citizens with a stage by ``on``."""
    stays = _stays_by_citizen(transitions(pathways, on=on))
    sequences = [[PathwayStage.from_code(code) for _, code in s] for s in stays.values()]
    moves = max((len(sequence) - 1 for sequence in sequences), default=0)
    counts: dict[tuple[int, PathwayStage, PathwayStage], int] = {}
    for sequence in sequences:
        last = len(sequence) - 1
        for step in range(1, moves + 1):
            key = (step, sequence[min(step - 1, last)], sequence[min(step, last)])
            counts[key] = counts.get(key, 0) + 1
    order = {stage: number for number, stage in enumerate(PathwayStage)}
    rows = sorted(counts, key=lambda key: (key[0], order[key[1]], order[key[2]]))
    table = pd.DataFrame(
        {
            "step": pd.Series([r[0] for r in rows], dtype="int64"),
            "from": pd.Series([r[1].code for r in rows], dtype="string"),
            "to": pd.Series([r[2].code for r in rows], dtype="string"),
            "citizens": pd.Series([counts[r] for r in rows], dtype="int64"),
        }
    )
    return table, len(sequences)


def _column(totals: dict[PathwayStage, int], unit: float) -> dict[PathwayStage, float]:
    """The top of each stage's block in a column, stacked downwards from 1 with gaps."""
    tops: dict[PathwayStage, float] = {}
    top = 1.0
    for stage in PathwayStage:
        if stage in totals:
            tops[stage] = top
            top -= totals[stage] * unit + _GAP
    return tops


def _band(  # noqa: PLR0913 - a band is its two ends and how it is painted
    ax: Axes,
    x: tuple[float, float],
    left: tuple[float, float],
    right: tuple[float, float],
    *,
    colour: str,
    alpha: float,
) -> None:
    """A band from the span ``left`` (top, bottom) at ``x[0]`` to ``right`` at ``x[1]``."""
    xs = np.linspace(x[0], x[1], 50)
    t = (xs - x[0]) / (x[1] - x[0])
    ease = 3 * t**2 - 2 * t**3
    top = left[0] + (right[0] - left[0]) * ease
    bottom = left[1] + (right[1] - left[1]) * ease
    ax.fill_between(xs, bottom, top, alpha=alpha, linewidth=0, color=colour)


_COLOURS = ("C0", "C1", "C2", "C3", "C4", "C5", "C6", "C8", "C9", "navy")
"""Colours of the bands, none of them grey (the colour of a stay)."""


def _colour(stage: PathwayStage) -> str:
    """The colour of the bands into ``stage``: one per stage, the same in every column."""
    return _COLOURS[list(PathwayStage).index(stage) % len(_COLOURS)]


def flows(
    pathways: Iterable[Pathway], *, on: dt.date, ax: Axes | None = None, lang: LanguageLike = "en"
) -> Axes:
    """Where the citizens went, move by move: bands between columns of stages (Sankey-style).

    The numbers are those of [`flow_table`][helhed.plots.flow_table]. Column ``k`` has a
    block per stage that citizens are in after ``k`` moves (a citizen with fewer moves by
    ``on`` stays in their last stage), as high as its citizens and labelled with the stage's
    label and their number; every column holds every citizen once, so each adds up to the
    number in the title. A band joins column ``step - 1`` to column ``step``: its width is
    the citizens who went from its left stage to its right one in move number ``step``, and
    a grey band from a stage to itself is the citizens who made no such move. A referral
    declined is a move to *Declined*, like any other.

    Args:
        pathways: Pathways of different citizens.
        on: The day follow-up ends.
        ax: The Axes to draw on; a new figure's when None.
        lang: The language of the labels and the title: ``"en"`` (the default) or ``"da"``, or a
            [`Language`][helhed.language.Language].

    Returns:
        The Axes drawn on: one band (``ax.collections``) per row of the table, one block
        (``ax.patches``) and one label (``ax.texts``) per stage of each column, and the
        title.

    Raises:
        ValidationError: As ``flow_table``, or if ``lang`` is neither ``"en"`` nor ``"da"``.
    """
    language = as_language(lang)
    table, citizens = _flows(pathways, on)
    ax = _new_axes() if ax is None else ax
    ax.set_axis_off()
    ax.set_ylim(0, 1)
    number = pick(language, f"{citizens:,}".replace(",", "."), f"{citizens:,}")
    title = pick(
        language,
        "Forløbsstadier for {n} borgere til og med {on}",
        "Stages of {n} citizens up to {on}",
    )
    ax.set_title(title.format(n=number, on=on.isoformat()))
    rows = [
        (int(k), PathwayStage.from_code(str(a)), PathwayStage.from_code(str(b)), int(n))
        for k, a, b, n in zip(
            table["step"].tolist(),
            table["from"].tolist(),
            table["to"].tolist(),
            table["citizens"].tolist(),
            strict=True,
        )
    ]
    if not rows:
        return ax
    steps = rows[-1][0]
    columns: list[dict[PathwayStage, int]] = [{} for _ in range(steps + 1)]
    for step, source, target, count in rows:
        if step == 1:
            columns[0][source] = columns[0].get(source, 0) + count
        columns[step][target] = columns[step].get(target, 0) + count
    blocks = max(len(column) for column in columns)
    unit = (1 - _GAP * (blocks - 1)) / citizens
    tops = [_column(column, unit) for column in columns]
    width = 1 / (steps + 1) * 0.15
    xs = [step / steps * (1 - width) for step in range(steps + 1)]
    ax.set_xlim(-0.25, 1.25)
    order = {stage: number for number, stage in enumerate(PathwayStage)}
    for step in range(1, steps + 1):
        pairs = [(a, b, n) for k, a, b, n in rows if k == step]
        left_used = dict.fromkeys(columns[step - 1], 0.0)
        right_used = dict.fromkeys(columns[step], 0.0)
        # Bands leave a block in the order of their target and enter one in that of their source.
        right_span: dict[tuple[PathwayStage, PathwayStage], tuple[float, float]] = {}
        for source, target, count in sorted(pairs, key=lambda p: (order[p[1]], order[p[0]])):
            top = tops[step][target] - right_used[target]
            right_used[target] += count * unit
            right_span[source, target] = (top, top - count * unit)
        for source, target, count in pairs:
            top = tops[step - 1][source] - left_used[source]
            left_used[source] += count * unit
            stayed = source is target
            _band(
                ax,
                (xs[step - 1] + width, xs[step]),
                (top, top - count * unit),
                right_span[source, target],
                colour="lightgray" if stayed else _colour(target),
                alpha=0.5 if stayed else 0.6,
            )
    for step, (column, column_tops) in enumerate(zip(columns, tops, strict=True)):
        for stage, top in column_tops.items():
            height = column[stage] * unit
            ax.add_patch(Rectangle((xs[step], top - height), width, height, color="dimgray"))
            first = step == 0
            ax.text(
                xs[step] - 0.01 if first else xs[step] + width + 0.005,
                top - height / 2,
                f"{stage.label(language)} ({column[stage]:,})",
                ha="right" if first else "left",
                va="center",
                fontsize="x-small",
            )
    return ax
