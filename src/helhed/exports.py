"""Pathways in the formats researchers load them in (research extra).

Three exports, each a view of the event log that a research tool expects:

* [`transitions`][helhed.exports.transitions] - a long-format multi-state table, one row per
  stay in a state (``id``, ``from``, ``to``, ``start``, ``stop``, ``status``), for R's
  ``msm``/``mstate``/``survival`` or Python's ``lifelines``. The states come from a state
  function, [`default_state`][helhed.exports.default_state] unless the caller passes their own.
* [`to_ocel`][helhed.exports.to_ocel] - an object-centric event log in the OCEL 2.0 JSON
  layout, with citizens, referrals and offers as objects, for object-centric process mining.
* [`weekly_spells`][helhed.exports.weekly_spells] - one funding-basis code per citizen per ISO
  week, like a weekly register (DREAM), from the ``BenefitChanged`` events.

All three read a pathway's timeline: the events in force in the order they happened, so an
event annulled as entered in error is not exported and one recorded late takes its place by
the day it happened. For the whole log, annulments included, one row per event, see
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
        id        from          to  status
    0  c-1    referred  in_contact       1
    1  c-1  in_contact        <NA>       0
    >>> [str(d.date()) for d in table["stop"]]
    ['2024-03-07', '2024-03-31']
    >>> log = to_ocel([pathway])
    >>> [o["type"] for o in log["objects"]]
    ['citizen', 'referral', 'offer']
    >>> log["events"][0]["time"]
    '2024-03-04T00:00:00+01:00'
    >>> weekly_spells([pathway], start=day, end=dt.date(2024, 3, 17))
        id  iso_year  iso_week   benefit
    0  c-1      2024        10  fleksjob
    1  c-1      2024        11  fleksjob
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final
from zoneinfo import ZoneInfo

from helhed._extras import needs

with needs("helhed.exports"):
    import pandas as pd

from helhed.errors import ValidationError
from helhed.frames import distinct_pathways
from helhed.pathways.events import (
    AssessmentHeld,
    BenefitChanged,
    ContactMade,
    ConversationHeld,
    Event,
    EventKind,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionNotStarted,
    InterventionStarted,
    JobOrEducationStarted,
    PathwayClosed,
    ReferralAccepted,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.serialization import EVENT_TAG, make_converter

__all__ = [
    "DANISH_TIME",
    "STATES",
    "StateFunction",
    "default_state",
    "to_ocel",
    "transitions",
    "weekly_spells",
]

StateFunction = Callable[[Event], str | None]
"""A state function: the state an event puts the citizen in, or None if it changes nothing."""

STATES: Final = (
    "referred",
    "in_contact",
    "in_intervention",
    "completed",
    "dropped_out",
    "not_started",
    "job_or_education",
    "closed",
)
"""The states [`default_state`][helhed.exports.default_state] gives, in their usual order."""

DANISH_TIME: Final = ZoneInfo("Europe/Copenhagen")
"""The time zone of a time of day without one: the municipalities' local time."""

_STATE_OF: Mapping[type[Event], str] = {
    Referred: "referred",
    ReferralAccepted: "in_contact",
    ContactMade: "in_contact",
    ConversationHeld: "in_contact",
    AssessmentHeld: "in_contact",
    InterventionStarted: "in_intervention",
    InterventionCompleted: "completed",
    InterventionDroppedOut: "dropped_out",
    InterventionNotStarted: "not_started",
    JobOrEducationStarted: "job_or_education",
    PathwayClosed: "closed",
}


def default_state(event: Event) -> str | None:
    """The state an event puts the citizen in, by the default rule; None if it changes nothing.

    * ``referred`` - a referral (``Referred``), also a later one;
    * ``in_contact`` - the referral accepted, contact made, a conversation or a
      cross-disciplinary assessment held;
    * ``in_intervention`` - an intervention started;
    * ``completed``, ``dropped_out``, ``not_started`` - an intervention completed, left, or
      settled not to start;
    * ``job_or_education`` - a job or an education started;
    * ``closed`` - the pathway closed.

    Every other event (consents, plans, screenings, benefits, caseworkers, ...) leaves the
    state as it was. The last of several interventions to change counts.

    Examples:
        >>> import datetime as dt
        >>> from helhed.organisation import Administration as A
        >>> default_state(PathwayClosed(citizen_id="c-1", occurred_on=dt.date(2024, 3, 4),
        ...                             recorded_by=A.JOB_CENTRE))
        'closed'
    """
    return _STATE_OF.get(type(event))


def _day(value: object, name: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError.at(name, "must be a date")
    return value


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
        ``to`` (the state entered at ``stop``; missing when censored) - all ``"string"`` -
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
            columns["from"].append(state)
            columns["to"].append(None if after is None else after[0])
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


def _time(event: Event) -> dt.datetime:
    """When the event happened: its day at its time (midnight if none), in Danish time."""
    at = dt.time() if event.at is None else event.at
    return dt.datetime.combine(event.occurred_on, at, tzinfo=DANISH_TIME)


_CONVERTER = make_converter()
_OCEL_TYPES: Mapping[type, str] = {bool: "boolean", int: "integer", float: "float", str: "string"}
_SKIPPED = frozenset({EVENT_TAG, "citizen_id", "occurred_on", "at"})
_OBJECT_TYPES: Final = (
    {"name": "citizen", "attributes": [{"name": "citizen_id", "type": "string"}]},
    {
        "name": "referral",
        "attributes": [
            {"name": "referral_id", "type": "string"},
            {"name": "to", "type": "string"},
            {"name": "voluntary", "type": "boolean"},
        ],
    },
    {"name": "offer", "attributes": [{"name": "name", "type": "string"}]},
)


class _Objects:
    """The objects of the log, numbered by type in order of their first mention."""

    def __init__(self) -> None:
        self.objects: dict[tuple[str, ...], dict[str, Any]] = {}
        self.by_id: dict[str, dict[str, Any]] = {}
        self.counts: dict[str, int] = {}

    def get(
        self, kind: str, key: tuple[str, ...], time: str, attributes: Mapping[str, object]
    ) -> str:
        """The id of the object of ``kind`` named by ``key``, made on first mention."""
        found = self.objects.get((kind, *key))
        if found is None:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            found = {
                "id": f"{kind}-{self.counts[kind]}",
                "type": kind,
                "attributes": [
                    {"name": name, "time": time, "value": value}
                    for name, value in attributes.items()
                ],
                "relationships": [],
            }
            self.objects[(kind, *key)] = found
            self.by_id[found["id"]] = found
        return str(found["id"])

    def relate(self, source: str, target: str, qualifier: str) -> None:
        """Add an object-to-object relationship, once."""
        links = self.by_id[source]["relationships"]
        link = {"objectId": target, "qualifier": qualifier}
        if link not in links:
            links.append(link)


def _value(value: object) -> object:
    """An attribute value as OCEL takes it: a scalar (a list of codes joined by ``;``)."""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def _event_attributes(event: Event) -> list[dict[str, object]]:
    data: dict[str, Any] = _CONVERTER.unstructure(event, Event)
    return [
        {"name": name, "value": _value(value)}
        for name, value in data.items()
        if name not in _SKIPPED and value is not None
    ]


def _relationships(
    event: Event, citizen: str, time: str, objects: _Objects
) -> list[dict[str, str]]:
    links = [{"objectId": citizen, "qualifier": "citizen"}]
    referral_id = getattr(event, "referral_id", None)
    if isinstance(referral_id, str):
        details: dict[str, object] = {"referral_id": referral_id}
        if isinstance(event, Referred):
            details |= {"to": event.to.code, "voluntary": event.voluntary}
        referral = objects.get("referral", (event.citizen_id, referral_id), time, details)
        objects.relate(referral, citizen, "citizen")
        links.append({"objectId": referral, "qualifier": "referral"})
    offer = getattr(event, "offer", None)
    if isinstance(offer, str):
        offer_id = objects.get("offer", (offer,), time, {"name": offer})
        links.append({"objectId": offer_id, "qualifier": "offer"})
        if isinstance(referral_id, str):
            objects.relate(links[1]["objectId"], offer_id, "offer")
    return links


def to_ocel(pathways: Iterable[Pathway]) -> dict[str, Any]:
    """The pathways as an object-centric event log in the OCEL 2.0 JSON layout.

    Top-level keys ``objectTypes``, ``eventTypes``, ``objects`` and ``events``:

    * **Events** - one per event in force of the pathways, in the order they happened, with
      ``id`` (``e-1``, ``e-2``, ...), ``type`` (the event kind's code, e.g. ``henvist``),
      ``time`` (ISO 8601 with an offset: the day at the event's time, midnight when it has
      none, a time without a zone read as Danish time), ``attributes`` (every other field of
      the event that has a value, ``{"name", "value"}``: enums as codes, sets as codes joined
      by ``;``, dates as ``YYYY-MM-DD`` text) and ``relationships``
      (``{"objectId", "qualifier"}``) to the ``citizen``, the ``referral`` it names and the
      ``offer`` it names.
    * **Objects** - ``citizen`` (attribute ``citizen_id``), ``referral`` (``referral_id``,
      and ``to`` and ``voluntary`` from the referral event; related to its citizen and
      offer) and ``offer`` (``name``; one object per offer name, shared by every citizen).
      Ids are the type and a number (``citizen-1``, ``referral-1``, ``offer-1``, ...) in order
      of first mention, so they cannot collide; the natural keys are attributes. Each
      attribute value is timed at the object's first event.
    * **Types** - ``eventTypes`` lists the kinds that occur, in the order of ``EventKind``,
      each with the attributes seen and their OCEL type (``string``, ``integer``,
      ``boolean``); ``objectTypes`` lists the three object types.

    Offers, onward destinations, screening instruments and scores and target groups are
    health data; here they are attribute values and offer names, written as they are.

    Not verified against the official OCEL 2.0 JSON schema (no copy was at hand): the layout
    follows the OCEL 2.0 specification as described and as read by its open implementations
    (``time`` on object attribute values, ``type`` on attribute declarations). Dates inside
    attributes are written as text, not as the ``time`` type.

    Args:
        pathways: Pathways of different citizens.

    Returns:
        A JSON-ready dict (``json.dumps`` writes it as it is).

    Raises:
        ValidationError: If an item is not a pathway, or two pathways have the same citizen.
    """
    objects = _Objects()
    events: list[dict[str, Any]] = []
    declared: dict[str, dict[str, str]] = {}
    for pathway in distinct_pathways(pathways):
        for event in pathway.timeline:
            time = _time(event).isoformat()
            citizen = objects.get(
                "citizen", (pathway.citizen_id,), time, {"citizen_id": pathway.citizen_id}
            )
            attributes = _event_attributes(event)
            seen = declared.setdefault(event.KIND.code, {})
            for attribute in attributes:
                seen.setdefault(str(attribute["name"]), _OCEL_TYPES[type(attribute["value"])])
            events.append(
                {
                    "id": f"e-{len(events) + 1}",
                    "type": event.KIND.code,
                    "time": time,
                    "attributes": attributes,
                    "relationships": _relationships(event, citizen, time, objects),
                }
            )
    kinds = [kind.code for kind in EventKind if kind.code in declared]
    return {
        "objectTypes": [dict(t) for t in _OBJECT_TYPES],
        "eventTypes": [
            {
                "name": code,
                "attributes": [{"name": n, "type": t} for n, t in declared[code].items()],
            }
            for code in kinds
        ],
        "objects": list(objects.objects.values()),
        "events": events,
    }


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
