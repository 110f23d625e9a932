"""Pathways as an OCEL 2.0 object-centric event log, and back (research extra).

OCEL 2.0 is the exchange standard for object-centric event logs (Berti et al., *OCEL
(Object-Centric Event Log) 2.0 Specification*, version 2.0 of 16 October 2023, at
ocel-standard.org). [`to_ocel`][helhed.ocel.to_ocel] writes pathways in its JSON format, and
the result validates against the standard's JSON schema; [`from_ocel`][helhed.ocel.from_ocel]
reads such a log back into the same pathways.

What helhed writes, and why (helhed's reading where the standard leaves a choice):

* **Every event of the log**, annulled events and annulments included, so the log reads back
  whole. ``helhed:index`` (an ``integer`` attribute) is the event's position in its citizen's
  log, as in [`helhed.frames`][helhed.frames]; an annulment's ``annuls`` names the annulled
  event by it. Drop the events named by an annulment, and the annulments, for the events in
  force.
* **Values as the schema has them**: every attribute value is a JSON string, with its type
  declared in ``eventTypes`` and ``objectTypes`` (``string``, ``integer``, ``boolean``).
  ``true`` and ``false`` are the booleans, whole numbers in decimal; codes are the stable
  Danish codes, a set of codes is its codes sorted and joined by ``;``, dates are
  ``YYYY-MM-DD`` and times of day ``HH:MM:SS`` text (``HH:MM:SS.ffffff`` with microseconds;
  type ``string``: OCEL's ``time`` type is a date with a time, which these are not).
* **A time that keeps the order within a day.** An event's ``time`` is its day at its time of
  day (``at``), or midnight when it has none, in Danish local time (Europe/Copenhagen),
  written in ISO 8601 with the UTC offset in force at that moment (``+01:00`` in winter,
  ``+02:00`` in summer; both occur on the day summer time ends). Events of a citizen take
  their times in the order they happened - the events in force in timeline order, the others
  each placed before the first event that surely happened after it - and where that time is
  not later than the citizen's previous event's, the event takes one second after it instead.
  So two events of one citizen never share a time, the order of untimed events within a day
  is kept (00:00:00, 00:00:01, ...), and a recorded time is written as it is unless an
  earlier event of the day sits at or after it - which, on the day summer time begins, an
  event in the skipped hour may do, as it is written an hour later. The fields themselves
  (``occurred_on``, ``at``, ``recorded_on``, ``recorded_at``) are
  attributes too, so the shifted times lose nothing.

Objects are the ``citizen`` (``citizen_id``), each ``referral`` of a citizen
(``referral_id``, and ``to`` and ``voluntary`` from the referral; related to its citizen and
offer) and each ``offer`` by name, shared by every citizen. Their attributes are timed at the
first event written that names the object (a citizen without events at
1970-01-01T00:00:00Z). Referrals and
offers are views for process mining: reading back uses the events and the citizens.

**The log holds health data.** Offers, onward destinations, screening instruments and
scores, target groups and funding bases are attribute values here, written as they are.
Pseudonymise citizens before exporting and keep the files where health data may be kept.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ContactMade, Referred
    >>> day = dt.date(2024, 3, 4)
    >>> pathway = Pathway.of([
    ...     Referred(citizen_id="c-1", occurred_on=day, recorded_by=A.JOB_CENTRE,
    ...              referral_id="r-1", offer="rygestop", to=A.HEALTH, voluntary=True),
    ...     ContactMade(citizen_id="c-1", occurred_on=day, at=dt.time(9, 30),
    ...                 recorded_by=A.HEALTH, referral_id="r-1"),
    ...     ContactMade(citizen_id="c-1", occurred_on=day, recorded_by=A.HEALTH,
    ...                 referral_id="r-1"),
    ... ])
    >>> log = to_ocel([pathway])
    >>> [e["time"] for e in log["events"]]
    ['2024-03-04T00:00:00+01:00', '2024-03-04T09:30:00+01:00', '2024-03-04T09:30:01+01:00']
    >>> log["objects"][1]["attributes"][2]
    {'name': 'voluntary', 'time': '2024-03-04T00:00:00+01:00', 'value': 'true'}
    >>> from_ocel(log) == [pathway]
    True
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

from helhed._coded import CodedEnum
from helhed._values import frozen_fields
from helhed.errors import Problem, TransitionError, ValidationError
from helhed.frames import INDEX, distinct_pathways
from helhed.pathways.events import EVENT_TYPES, Event, EventKind, Referred
from helhed.pathways.pathway import Pathway, occurrence_order
from helhed.serialization import EVENT_TAG, make_converter

__all__ = ["DANISH_TIME", "OCEL_TYPES", "STEP", "from_ocel", "to_ocel"]

DANISH_TIME: Final = ZoneInfo("Europe/Copenhagen")
"""The time zone of a day and time of day without one: the municipalities' local time."""

STEP: Final = dt.timedelta(seconds=1)
"""How far after the citizen's previous event an event is put when its own time is not later.

helhed's reading: the standard asks for a time on every event, and a log keeps days, and
times only where recorded; one second keeps the order and reads plainly.
"""

OCEL_TYPES: Final = frozenset({"string", "time", "integer", "float", "boolean"})
"""The attribute types of OCEL 2.0 (specification, JSON format: "Attribute Types")."""

_EPOCH: Final = "1970-01-01T00:00:00Z"
_CONVERTER = make_converter()
_NOT_ATTRIBUTES = frozenset({"citizen_id"})
_INTEGER = re.compile(r"-?[0-9]+")
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


@attrs.frozen(field_transformer=frozen_fields)
class _Fields:
    """The attributes of an event kind: the OCEL type of each, and how some are read.

    Attributes:
        types: Attribute name -> OCEL type, ``helhed:index`` first, then the fields in order.
        sets: The fields holding a set of codes (written joined by ``;``).
        optional: The fields that may be None (written by leaving the attribute out).
    """

    types: Mapping[str, str]
    sets: frozenset[str]
    optional: frozenset[str]


def _declared(cls: type[Event]) -> _Fields:
    """The attributes of an event class, from its fields and their type hints."""
    hints = typing.get_type_hints(cls)
    declared = {INDEX: "integer"}
    sets: set[str] = set()
    optional: set[str] = set()
    for field in attrs.fields(cls):
        if field.name in _NOT_ATTRIBUTES:
            continue
        base = hints[field.name]
        if isinstance(base, types.UnionType):  # ``X | None``: the X
            optional.add(field.name)
            base = next(t for t in typing.get_args(base) if t is not type(None))
        if typing.get_origin(base) is frozenset:
            sets.add(field.name)
            base = typing.get_args(base)[0]
        declared[field.name] = _ocel_type(base)
    return _Fields(declared, frozenset(sets), frozenset(optional))


def _ocel_type(base: object) -> str:
    """The OCEL type of a field's value type: a flag, a whole number, or text of some kind."""
    if base in _SIMPLE_TYPES:
        return _SIMPLE_TYPES[base]
    if isinstance(base, type) and issubclass(base, CodedEnum):
        return "string"
    msg = f"no OCEL type for an event field of type {base!r}; add one to helhed.ocel"
    raise TypeError(msg)  # pragma: no cover - a programming error, met when the module loads


_SIMPLE_TYPES: Final[Mapping[object, str]] = {
    bool: "boolean",
    int: "integer",
    str: "string",
    dt.date: "string",  # YYYY-MM-DD: OCEL's time type is a date with a time, which this is not
    dt.time: "string",  # HH:MM:SS: likewise
}


_FIELDS: Final = {kind.code: _declared(cls) for kind, cls in EVENT_TYPES.items()}


def _text(value: object) -> str:
    """A JSON value of the converter as an OCEL attribute value: always a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def _written(instant: dt.datetime) -> str:
    return instant.astimezone(DANISH_TIME).isoformat()


def _times(pathway: Pathway) -> list[str]:
    """The OCEL time of each event of the log, by position (see the module notes)."""
    events = pathway.events
    own = {origin: k for k, origin in enumerate(pathway.origin)}
    in_force = [own[p] for p in pathway.positions]
    rest = sorted(set(range(len(events))) - set(in_force))
    placed = in_force + rest
    order = occurrence_order(
        [events[p].occurred_on for p in placed], [events[p].at for p in placed]
    )
    times = [""] * len(events)
    previous: dt.datetime | None = None
    for k in order:
        event = events[placed[k]]
        local = dt.datetime.combine(event.occurred_on, event.at or dt.time(), DANISH_TIME)
        instant = local.astimezone(dt.UTC)
        if previous is not None and instant <= previous:
            instant = previous + STEP
        previous = instant
        times[placed[k]] = _written(instant)
    return times


class _Objects:
    """The objects of the log, numbered by type in order of their first mention."""

    def __init__(self) -> None:
        self.objects: dict[tuple[str, ...], dict[str, Any]] = {}
        self.by_id: dict[str, dict[str, Any]] = {}
        self.counts: dict[str, int] = {}

    def get(self, kind: str, key: tuple[str, ...], time: str, attributes: Mapping[str, str]) -> str:
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


def _relationships(
    event: Event, citizen: str, time: str, objects: _Objects
) -> list[dict[str, str]]:
    links = [{"objectId": citizen, "qualifier": "citizen"}]
    referral_id = getattr(event, "referral_id", None)
    if isinstance(referral_id, str):
        details = {"referral_id": referral_id}
        if isinstance(event, Referred):
            details |= {"to": event.to.code, "voluntary": _text(event.voluntary)}
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


def _attributes(event: Event, index: int) -> list[dict[str, str]]:
    data: dict[str, Any] = _CONVERTER.unstructure(event, Event)
    written = [{"name": INDEX, "value": str(index)}]
    for name, value in data.items():
        if name not in _NOT_ATTRIBUTES and name != EVENT_TAG and value is not None:
            written.append({"name": name, "value": _text(value)})
    return written


def to_ocel(pathways: Iterable[Pathway]) -> dict[str, Any]:
    """The pathways as an object-centric event log in the OCEL 2.0 JSON format.

    Top-level keys ``objectTypes``, ``eventTypes``, ``objects`` and ``events``, valid against
    the OCEL 2.0 JSON schema:

    * **Events** - one per event of each log, annulments included, citizen by citizen in the
      order of the pathways and each citizen's in log order, with ``id`` (``e-1``, ``e-2``,
      ...), ``type`` (the event kind's code, e.g. ``henvist``), ``time`` (see the module
      notes: Danish local time with its offset, one second after the citizen's previous
      event where not later), ``attributes`` (``helhed:index`` and every other field that
      has a value, all as strings) and ``relationships`` to the ``citizen``, the
      ``referral`` it names and the ``offer`` it names.
    * **Objects** - ``citizen`` (one per pathway, also one without events), ``referral`` and
      ``offer``; ids are the type and a number in order of first mention (``citizen-1``,
      ``referral-1``, ...), the natural keys are attributes.
    * **Types** - ``eventTypes`` lists the kinds that occur, in the order of ``EventKind``,
      each with every field of the kind and its OCEL type; ``objectTypes`` the three object
      types.

    Args:
        pathways: Pathways of different citizens.

    Returns:
        A JSON-ready dict (``json.dumps`` writes it as it is).

    Raises:
        ValidationError: If an item is not a pathway, or two pathways have the same citizen.
    """
    objects = _Objects()
    events: list[dict[str, Any]] = []
    kinds: set[str] = set()
    for pathway in distinct_pathways(pathways):
        times = _times(pathway)
        first = times[0] if times else _EPOCH
        citizen = objects.get(
            "citizen", (pathway.citizen_id,), first, {"citizen_id": pathway.citizen_id}
        )
        for index, (event, time) in enumerate(zip(pathway.events, times, strict=True)):
            kinds.add(event.KIND.code)
            events.append(
                {
                    "id": f"e-{len(events) + 1}",
                    "type": event.KIND.code,
                    "time": time,
                    "attributes": _attributes(event, index),
                    "relationships": _relationships(event, citizen, time, objects),
                }
            )
    return {
        "objectTypes": copy.deepcopy(list(_OBJECT_TYPES)),  # the caller may change the log
        "eventTypes": [
            {
                "name": kind.code,
                "attributes": [{"name": n, "type": t} for n, t in _FIELDS[kind.code].types.items()],
            }
            for kind in EventKind
            if kind.code in kinds
        ],
        "objects": list(objects.objects.values()),
        "events": events,
    }


# Reading


def _list(data: Mapping[str, object], key: str, path: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ValidationError.at(f"{path}.{key}" if path else key, "must be a list")
    return value


def _entry(item: object, path: str, keys: tuple[str, ...]) -> dict[str, Any]:
    """``item`` as an object whose ``keys`` are strings, or a ValidationError at ``path``."""
    if not isinstance(item, dict):
        raise ValidationError.at(path, "must be an object")
    problems = [
        Problem(f"{path}.{key}", "is required and must be a string")
        for key in keys
        if not isinstance(item.get(key), str)
    ]
    if problems:
        raise ValidationError(problems)
    return item


def _event_types(log: Mapping[str, object]) -> dict[str, dict[str, str]]:
    declared: dict[str, dict[str, str]] = {}
    for i, item in enumerate(_list(log, "eventTypes", "")):
        entry = _entry(item, f"eventTypes[{i}]", ("name",))
        types = declared.setdefault(entry["name"], {})
        for j, attribute in enumerate(_list(entry, "attributes", f"eventTypes[{i}]")):
            path = f"eventTypes[{i}].attributes[{j}]"
            found = _entry(attribute, path, ("name", "type"))
            if found["type"] not in OCEL_TYPES:
                msg = "must be an OCEL type: " + ", ".join(sorted(OCEL_TYPES))
                raise ValidationError.at(f"{path}.type", msg)
            types[found["name"]] = found["type"]
    return declared


def _citizens(log: Mapping[str, object]) -> dict[str, str]:
    """The citizen objects, in order: object id -> citizen id."""
    citizens: dict[str, str] = {}
    ids: set[object] = set()
    for k, item in enumerate(_list(log, "objects", "")):
        entry = _entry(item, f"objects[{k}]", ("id", "type"))
        if entry["id"] in ids:
            raise ValidationError.at(f"objects[{k}].id", "repeats the id of an object before")
        ids.add(entry["id"])
        if entry["type"] != "citizen":
            continue
        values = [
            a.get("value")
            for a in _list(entry, "attributes", f"objects[{k}]")
            if isinstance(a, dict) and a.get("name") == "citizen_id"
        ]
        if len(values) != 1 or not isinstance(values[0], str) or not values[0]:
            msg = "must have one citizen_id attribute, a non-empty string"
            raise ValidationError.at(f"objects[{k}].attributes", msg)
        if values[0] in citizens.values():
            raise ValidationError.at(f"objects[{k}]", "is a citizen listed before")
        citizens[entry["id"]] = values[0]
    return citizens


def _value(text: str, declared: str, *, sets: bool) -> object:
    """An attribute value read by its declared type; ValueError if it is not of that type."""
    if sets:
        return [] if text == "" else text.split(";")
    if declared == "boolean":
        if text not in {"true", "false"}:
            raise ValueError("must be true or false, as its declared type is boolean")
        return text == "true"
    if declared == "integer":
        if not _INTEGER.fullmatch(text):
            raise ValueError("must be a whole number, as its declared type is integer")
        return int(text)
    return text


def _event(
    item: object, i: int, declared: Mapping[str, Mapping[str, str]], citizens: Mapping[str, str]
) -> tuple[str, int, Event]:
    """The citizen, log position and event of ``events[i]``."""
    path = f"events[{i}]"
    entry = _entry(item, path, ("id", "type", "time"))
    kind = entry["type"]
    if kind not in _FIELDS:
        raise ValidationError.at(f"{path}.type", "is not the code of an event kind")
    links = [
        r
        for r in _list(entry, "relationships", path)
        if isinstance(r, dict) and r.get("qualifier") == "citizen"
    ]
    target = links[0].get("objectId") if len(links) == 1 else None
    if not isinstance(target, str) or target not in citizens:
        msg = "must relate the event to one citizen object, qualifier citizen"
        raise ValidationError.at(f"{path}.relationships", msg)
    citizen = citizens[target]
    types = _FIELDS[kind].types
    fields: dict[str, object] = {EVENT_TAG: kind, "citizen_id": citizen}
    places: dict[str, int] = {}
    for j, attribute in enumerate(_list(entry, "attributes", path)):
        at = f"{path}.attributes[{j}]"
        found = _entry(attribute, at, ("name", "value"))
        name = found["name"]
        if name not in types or name in places:
            msg = "is not a field of the event kind" if name not in types else "is repeated"
            raise ValidationError.at(f"{at}.name", msg)
        if declared.get(kind, {}).get(name) != types[name]:
            msg = f"must be declared in eventTypes with type {types[name]}"
            raise ValidationError.at(f"{at}.name", msg)
        try:
            fields[name] = _value(found["value"], types[name], sets=name in _FIELDS[kind].sets)
        except ValueError as exc:
            raise ValidationError.at(f"{at}.value", str(exc)) from None
        places[name] = j
    index = fields.pop(INDEX, None)
    fields |= {name: None for name in _FIELDS[kind].optional if name not in fields}
    if not isinstance(index, int) or index < 0:
        raise ValidationError.at(f"{path}.attributes", f"must hold {INDEX}, 0 or more")
    try:
        event: Event = _CONVERTER.structure(fields, Event)
    except ValidationError as exc:
        raise ValidationError(
            Problem(f"{at_field}.value", p.message)
            if (at_field := _place_of(p.path, places, path))
            else p.under(path)
            for p in exc.problems
        ) from None
    return citizen, index, event


def _place_of(field: str, places: Mapping[str, int], path: str) -> str:
    name = re.split(r"[.[]", field, maxsplit=1)[0]
    return f"{path}.attributes[{places[name]}]" if name in places else ""


def from_ocel(log: object) -> list[Pathway]:
    """Read pathways back from an OCEL 2.0 log written by [`to_ocel`][helhed.ocel.to_ocel].

    A pathway for each ``citizen`` object, in the order of the objects; its events are the
    events related to it (qualifier ``citizen``), in the order of ``helhed:index``, each read
    from its attributes by the type ``eventTypes`` declares. ``time``, the referral and offer
    objects and object-to-object relationships are views and are not read. The events may
    come in any order, so a log another tool has re-sorted by time reads the same.

    Args:
        log: A parsed OCEL 2.0 JSON log (``json.load`` of the file).

    Returns:
        The pathways; ``from_ocel(to_ocel(pathways)) == list(pathways)``.

    Raises:
        ValidationError: Naming the path of the first bad part (e.g.
            ``events[3].attributes[1].value``) and what was expected, never the value: a
            missing or mistyped part, a value not of its declared type, a field the event kind
            does not have, ``helhed:index`` repeated or with a gap, or a log whose events
            cannot be recorded in that order.
    """
    if not isinstance(log, dict):
        raise ValidationError.at("", "must be an OCEL 2.0 JSON object")
    declared = _event_types(log)
    citizens = _citizens(log)
    found: dict[str, dict[int, tuple[int, Event]]] = {c: {} for c in citizens.values()}
    for i, item in enumerate(_list(log, "events", "")):
        citizen, index, event = _event(item, i, declared, citizens)
        if index in found[citizen]:
            msg = f"repeats the {INDEX} of events[{found[citizen][index][0]}]"
            raise ValidationError.at(f"events[{i}]", msg)
        found[citizen][index] = (i, event)
    pathways: list[Pathway] = []
    for citizen, numbered in found.items():
        if sorted(numbered) != list(range(len(numbered))):
            gap = min(set(range(len(numbered))) - set(numbered))
            msg = f"leave out {INDEX} {gap} of the citizen's events"
            raise ValidationError.at("events", msg)
        try:
            pathways.append(
                Pathway(citizen_id=citizen, events=tuple(numbered[k][1] for k in sorted(numbered)))
            )
        except TransitionError as exc:
            raise ValidationError.at(f"events[{numbered[exc.index][0]}]", exc.why) from None
    return pathways
