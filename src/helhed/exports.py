"""Pathways in the formats researchers load them in (research extra).

Three exports, each a view of the event log that a research tool expects:

* [`transitions`][helhed.exports.transitions] - a long-format multi-state table, one row per
  stay in a state (``id``, ``from``, ``to``, ``start``, ``stop``, ``status``), for R's
  ``msm``/``mstate``/``survival`` or Python's ``lifelines``. The states come from a state
  function: [`default_state`][helhed.exports.default_state], the stages of
  [`PathwayStage`][helhed.pathways.stages.PathwayStage] by their codes, unless the caller
  passes their own.
* [`to_ocel`][helhed.ocel.to_ocel] - an object-centric event log in the OCEL 2.0 JSON
  format, with citizens, referrals and offers as objects, for object-centric process mining;
  it lives in [`helhed.ocel`][helhed.ocel] with its reader
  [`from_ocel`][helhed.ocel.from_ocel], and is importable from here.
* [`weekly_spells`][helhed.exports.weekly_spells] - one funding-basis code per citizen per ISO
  week, like a weekly register (DREAM), from the ``BenefitChanged`` events.

The transitions and the spells read a pathway's timeline: the events in force in the order
they happened, so an event annulled as entered in error is not exported and one recorded late
takes its place by the day it happened. The OCEL log holds the whole log, annulments
included, so it reads back whole. For the whole log, annulments included, one row per event, see
[`helhed.frames`][helhed.frames].

**The exports hold health data.** Offers, onward destinations, screening instruments and
scores, target groups and funding bases are sensitive values; ``repr`` hides them on the
events, but in an export they are data, written as they are. Pseudonymise citizens before
exporting and keep the files where health data may be kept.

Examples:
    >>> import datetime as dt
    >>> from helhed.benefits import Benefit
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import BenefitChanged, ContactMade, Referred
    >>> day = dt.date(2024, 3, 4)
    >>> pathway = Pathway.of([
    ...     Referred(citizen_id="c-1", occurred_on=day, recorded_by=A.JOB_CENTRE,
    ...              referral_id="r-1", offer="rygestop", to=A.HEALTH, voluntary=True),
    ...     BenefitChanged(citizen_id="c-1", occurred_on=day, recorded_by=A.JOB_CENTRE,
    ...                    benefit=Benefit.FLEX_JOB),
    ...     ContactMade(citizen_id="c-1", occurred_on=day + dt.timedelta(days=3),
    ...                 recorded_by=A.HEALTH, referral_id="r-1"),
    ... ])
    >>> table = transitions([pathway], on=dt.date(2024, 3, 31))
    >>> table[["id", "from", "to", "status"]]
        id       from         to  status
    0  c-1   referred  contacted       1
    1  c-1  contacted       <NA>       0
    >>> [str(d.date()) for d in table["stop"]]
    ['2024-03-07', '2024-03-31']
    >>> log = to_ocel([pathway])
    >>> [o["type"] for o in log["objects"]]
    ['citizen', 'referral', 'offer']
    >>> [e["time"] for e in log["events"]]
    ['2024-03-04T00:00:00+01:00', '2024-03-04T00:00:01+01:00', '2024-03-07T00:00:00+01:00']
    >>> weekly_spells([pathway], start=day, end=dt.date(2024, 3, 17))
        id  iso_year  iso_week   benefit
    0  c-1      2024        10  fleksjob
    1  c-1      2024        11  fleksjob
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Final

from helhed._extras import needs

with needs("helhed.exports"):
    import pandas as pd

from helhed.errors import ValidationError
from helhed.frames import distinct_pathways
from helhed.ocel import DANISH_TIME, from_ocel, to_ocel
from helhed.pathways.events import BenefitChanged, Event
from helhed.pathways.pathway import Pathway
from helhed.pathways.stages import EVENT_STAGES, PathwayStage, stage_of

__all__ = [
    "DANISH_TIME",
    "STATES",
    "StateFunction",
    "default_state",
    "from_ocel",
    "to_ocel",
    "transitions",
    "weekly_spells",
]

StateFunction = Callable[[Event], str | None]
"""A state function: the state an event puts the citizen in, or None if it changes nothing."""

STATES: Final = EVENT_STAGES
"""The stages [`default_state`][helhed.exports.default_state] gives, in their usual order: those
of [`PathwayStage`][helhed.pathways.stages.PathwayStage] an event can put a citizen in."""


def default_state(event: Event) -> PathwayStage | None:
    """The stage an event puts the citizen in, by the one rule; None if it changes nothing.

    The rule is [`stage_of`][helhed.pathways.stages.stage_of], which the simulation, the
    reports and the plots read too: a referral (also a later one) gives ``referred``; the
    answer ``accepted`` or ``declined``; contact made, a conversation or a cross-disciplinary
    assessment held ``contacted``; then ``in_intervention``, ``completed``, ``dropped_out``,
    ``not_started``, ``job_or_education`` and ``closed``. Every other event (consents, plans,
    screenings, benefits, caseworkers, ...) leaves the stage as it was. The last of several
    interventions to change counts. A stage is a ``str`` equal to its code.

    Examples:
        >>> import datetime as dt
        >>> from helhed.organisation import Administration as A
        >>> from helhed.pathways.events import PathwayClosed
        >>> default_state(PathwayClosed(citizen_id="c-1", occurred_on=dt.date(2024, 3, 4),
        ...                             recorded_by=A.JOB_CENTRE))
        PathwayStage.CLOSED

    Raises:
        ValidationError: If ``event`` is not an event.
    """
    return stage_of(event)


def _day(value: object, name: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError.at(name, "must be a date")
    return value


def _code(state: str) -> str:
    """A stage as its code (the plain string written to a table); any other state as it is."""
    return state.code if isinstance(state, PathwayStage) else state


def _stays(
    events: Iterable[Event], states: StateFunction, on: dt.date
) -> list[tuple[str, dt.date]]:
    """The (state, first day) of each stay up to ``on``; one state per day, the day's last."""
    stays: list[tuple[str, dt.date]] = []
    for event in events:
        if event.occurred_on > on:
            break
        state = states(event)
        if state is None:
            continue
        if stays and stays[-1][1] == event.occurred_on:
            stays.pop()  # a later state the same day replaces the earlier one
        if not stays or stays[-1][0] != state:
            stays.append((state, event.occurred_on))
    return stays


def transitions(
    pathways: Iterable[Pathway],
    *,
    on: dt.date,
    states: StateFunction = default_state,
) -> pd.DataFrame:
    """A long-format multi-state table: one row per stay of each citizen in a state.

    Each event the state function maps to a state (not None) moves the citizen into it; an
    event into the state they are already in continues the stay. Days are the unit of time:
    when the state changes several times in one day, the state at the end of the day counts
    and the states in between leave no row. The first stay starts on the first event with a
    state (the referral, with the default state function); events after ``on`` are ignored.

    Stays follow each other: a stay's ``stop`` is the next stay's ``start``. The last stay
    stops at ``on`` and is censored (``status`` 0, ``to`` missing); it is of length 0 when the
    state last changed on ``on`` - drop rows with ``start == stop`` for tools that refuse
    them (``survival::Surv``). ``closed`` is not treated as absorbing: its stay is censored at
    ``on`` like any other last stay.

    Args:
        pathways: Pathways of different citizens.
        on: The day follow-up ends (the censoring day).
        states: Maps an event to the state it moves the citizen into, or None.

    Returns:
        A DataFrame with the columns ``id`` (the citizen), ``from`` (the state of the stay),
        ``to`` (the state entered at ``stop``; missing when censored) - all ``"string"``, a
        stage written as its code -
        ``start`` and ``stop`` (``datetime64[us]``, midnight of the day) and ``status``
        (``Int64``: 1 if the stay ended in a transition, 0 if censored). Rows come in the
        order of the pathways, then of time. A citizen without a stay by ``on`` has no rows.

    Raises:
        ValidationError: If ``on`` is not a date, an item is not a pathway, or two pathways
            have the same citizen.
    """
    on = _day(on, "on")
    columns: dict[str, list[object]] = {
        name: [] for name in ("id", "from", "to", "start", "stop", "status")
    }
    for pathway in distinct_pathways(pathways):
        stays = _stays(pathway.timeline, states, on)
        if not stays:
            continue
        for (state, start), after in zip(stays, [*stays[1:], None], strict=True):
            columns["id"].append(pathway.citizen_id)
            columns["from"].append(_code(state))
            columns["to"].append(None if after is None else _code(after[0]))
            columns["start"].append(start)
            columns["stop"].append(on if after is None else after[1])
            columns["status"].append(0 if after is None else 1)
    dtypes = {"start": "datetime64[us]", "stop": "datetime64[us]", "status": "Int64"}
    return pd.DataFrame(
        {
            name: pd.Series(cells, dtype=dtypes.get(name, "string"))
            for name, cells in columns.items()
        }
    )


def _benefit_changes(pathway: Pathway) -> tuple[list[dt.date], list[str | None]]:
    days: list[dt.date] = []
    codes: list[str | None] = []
    for event in pathway.timeline:
        if isinstance(event, BenefitChanged):
            if days and days[-1] == event.occurred_on:
                codes[-1] = None if event.benefit is None else event.benefit.code
                continue
            days.append(event.occurred_on)
            codes.append(None if event.benefit is None else event.benefit.code)
    return days, codes


def weekly_spells(pathways: Iterable[Pathway], *, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One funding-basis code per citizen per ISO week, like a weekly register (DREAM).

    The weeks are the ISO weeks (Monday to Sunday) that overlap ``start`` to ``end``, both
    included. A week's code is that of the last ``BenefitChanged`` on or before the week's
    Sunday, or ``end`` when it comes first - so a change during a week counts for the whole
    week, as a weekly register keeps one code per week, and nothing after ``end`` is read. A
    week has no row when no benefit is known yet, when the last change was to no benefit
    (``benefit`` None), or when the pathway was closed before the week began (the log stops
    following the citizen; the week of closing still has its row).

    Args:
        pathways: Pathways of different citizens.
        start: The first day of the period.
        end: The last day of the period.

    Returns:
        A DataFrame with the columns ``id`` (``"string"``: the citizen), ``iso_year`` and
        ``iso_week`` (``Int64``) and ``benefit`` (``"string"``: the ``Benefit`` code); at most
        one row per citizen and week, in the order of the pathways, then of the weeks.

    Raises:
        ValidationError: If ``start`` or ``end`` is not a date, ``end`` is before ``start``,
            an item is not a pathway, or two pathways have the same citizen.
    """
    start, end = _day(start, "start"), _day(end, "end")
    if end < start:
        raise ValidationError.at("end", "must not be before start")
    first_monday = start - dt.timedelta(days=start.weekday())
    mondays = [
        first_monday + dt.timedelta(weeks=n) for n in range((end - first_monday).days // 7 + 1)
    ]
    columns: dict[str, list[object]] = {name: [] for name in ("id", "iso_year", "iso_week")}
    columns["benefit"] = []
    for pathway in distinct_pathways(pathways):
        days, codes = _benefit_changes(pathway)
        closed_on = pathway.closed_on
        for monday in mondays:
            if closed_on is not None and closed_on < monday:
                break
            cutoff = min(monday + dt.timedelta(days=6), end)
            known = bisect.bisect_right(days, cutoff)
            code = codes[known - 1] if known else None
            if code is None:
                continue
            year, week, _ = monday.isocalendar()
            columns["id"].append(pathway.citizen_id)
            columns["iso_year"].append(year)
            columns["iso_week"].append(week)
            columns["benefit"].append(code)
    dtypes = {"id": "string", "iso_year": "Int64", "iso_week": "Int64", "benefit": "string"}
    return pd.DataFrame(
        {name: pd.Series(cells, dtype=dtypes[name]) for name, cells in columns.items()}
    )
