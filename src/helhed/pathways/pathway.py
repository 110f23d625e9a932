"""A citizen's pathway as an append-only log of events, in the order they were recorded.

A [`Pathway`][helhed.pathways.pathway.Pathway] holds the events of one citizen. It is a
value: [`append`][helhed.pathways.pathway.Pathway.append] returns a new pathway and leaves
the old one as it was. Two orders matter, as in any bitemporal record:

* the **log** (``events``) is the order of recording, and it is the audit trail. Recording
  times never go backwards in it: an event is recorded no earlier than the event recorded
  before it (on one day, where both have a time, no earlier in the day).
* the **timeline** is the same events, without those annulled and without the annulments,
  in the order they happened. An event recorded late - long after it happened, as is normal
  in case work - takes its place in the timeline by the day (and time) it happened. Rules,
  reports, exports and the state use the timeline.

An event that cannot be recorded raises [`TransitionError`][helhed.errors.TransitionError]
naming it by its position and why: it belongs to another citizen, it is recorded before an
event recorded earlier, at its place in the timeline it cannot follow the events before it
(see [`replay`][helhed.pathways.replay]), or an event after it could then no longer follow.
The citizen's withdrawal and refusal of consent are taken whatever the log holds, closed
pathways and wrong recording dates included: they have no condition, and their recording
times order nothing.

These rules of recording and correction are helhed's own: the sources say nothing of how a
case system keeps its log, and the rules follow event-sourced and bitemporal practice (see
the design notes, "Two times on every event").

An event entered in error is annulled, never erased: an
[`EventAnnulled`][helhed.pathways.events.EventAnnulled] names it by its position; the log
keeps both. An annulment is refused when the event does not exist, is an annulment, is
already annulled, is the citizen's withdrawal or refusal of consent, or when an event that
depends on it would be left unable to follow (annul that one first).

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ContactMade, EventAnnulled, ReferralAccepted, Referred
    >>> day = dt.date(2024, 3, 4)
    >>> pathway = Pathway(citizen_id="c-1").append(Referred(
    ...     citizen_id="c-1", occurred_on=day, recorded_by=A.JOB_CENTRE, referral_id="r-1",
    ...     offer="afklarende sundhedssamtale", to=A.HEALTH, voluntary=True))
    >>> sorted(pathway.state.pending_referrals)
    ['r-1']
    >>> pathway.append(ReferralAccepted(
    ...     citizen_id="c-1", occurred_on=day - dt.timedelta(days=1), recorded_by=A.HEALTH,
    ...     referral_id="r-1"))
    Traceback (most recent call last):
    ...
    helhed.errors.TransitionError: events[1] (Referral accepted, 2024-03-03): is recorded \
on 2024-03-03, before events[0] (Referred, 2024-03-04), recorded on 2024-03-04; the log is in \
the order of recording. An event recorded late gives the day it was recorded in recorded_on
    >>> typo = pathway.append(ContactMade(
    ...     citizen_id="c-1", occurred_on=day + dt.timedelta(days=85), recorded_by=A.HEALTH))
    >>> fixed = typo.append(EventAnnulled(
    ...     citizen_id="c-1", occurred_on=day, recorded_by=A.HEALTH, recorder="hk-7",
    ...     annuls=1, reason="wrong year"))
    >>> len(fixed.events), [e.kind.label_en for e in fixed.timeline], dict(fixed.annulled)
    (3, ['Referred'], {1: 2})
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from helhed._meta import NON_BLANK
from helhed._validation import Checker, is_day, items_of
from helhed._values import FrozenMap, frozen_fields
from helhed.errors import TransitionError, UnknownNameError, ValidationError, quoted
from helhed.pathways.events import EVENT_TYPES, Event, EventAnnulled, Referred
from helhed.pathways.log import (
    Entry,
    Log,
    When,
    check_events,
    entries_by_class,
    entries_of,
    order,
)
from helhed.pathways.replay import ConsentRecord, PathwayState, ReferralStatus

__all__ = [
    "ConsentRecord",
    "Pathway",
    "PathwayState",
    "ReferralStatus",
    "occurrence_order",
]


def occurrence_order(days: Sequence[dt.date], times: Sequence[dt.time | None]) -> list[int]:
    """The timeline order of events given in log order by the day and time each happened.

    Each event in turn goes before the first event already placed that surely happened after
    it (a later day, or a later time on the same day where both have one), so events that
    cannot be told apart keep the order they were recorded in.

    Returns:
        The positions of the events (indexes into ``days``) in timeline order.

    Examples:
        >>> d = dt.date(2024, 3, 4)
        >>> occurrence_order([d, d, d], [dt.time(12), None, dt.time(11)])
        [2, 0, 1]
        >>> occurrence_order([d, d - dt.timedelta(days=1)], [None, None])
        [1, 0]

    Raises:
        ValidationError: If ``days`` is not a list of dates, or ``times`` not a list of times
            of day without a time zone (or None) as long as ``days``.
    """
    check = Checker()
    check.expect(_listed(days), "days", "must be a list of dates")
    check.expect(_listed(times), "times", "must be a list of times of day")
    check.done()
    check.expect(len(days) == len(times), "times", "must be as long as days")
    # The batch check orders every citizen whose log is out of order here: the types are
    # looked at in one pass, and each item only when one is not of the usual type.
    if not (set(map(type, days)) <= _DAY_TYPES and set(map(type, times)) <= _TIME_TYPES):
        check.expect(all(map(is_day, days)), "days", "must be a list of dates")
        given: Sequence[object] = times  # any value may come in, whatever the hint says
        naive = all(at is None or (isinstance(at, dt.time) and at.tzinfo is None) for at in given)
        check.expect(naive, "times", "must hold times of day without a time zone, or None")
    check.done()
    whens = [When(day, at) for day, at in zip(days, times, strict=True)]
    try:
        return order(range(len(whens)), whens.__getitem__)
    except TypeError:  # a time with a time zone beside one without
        raise ValidationError.at("times", "must hold times of day without a time zone") from None


_DAY_TYPES = frozenset({dt.date})
_TIME_TYPES = frozenset({dt.time, type(None)})


def _listed(values: object) -> bool:
    """True for a sequence that is not a string."""
    return isinstance(values, Sequence) and not isinstance(values, (str, bytes))


_RECENT: dict[str, tuple[Pathway, dict[type[Event], list[Entry]], bool]] = {}
"""The pathway ``of_kinds`` was asked about last, with its events by class (see
``entries_by_class``). One entry, replaced whole (one step under the GIL, so threads cannot
mix two up), and found by identity: it holds the pathway, whose timeline never changes, so
the entry can never belong to another. It keeps only that pathway alive."""


def entries_of_kinds(pathway: Pathway, kinds: tuple[type[Event], ...]) -> Sequence[Entry]:
    """What [`Pathway.of_kinds`][helhed.pathways.pathway.Pathway.of_kinds] says, not copied.

    For one class of event the list kept for the pathway (see ``_RECENT``) is handed out as
    it is: callers only read it. The rules of a protocol ask for their events this way, so
    no rule builds a list of its own per pathway.

    Raises:
        ValidationError: If ``kinds`` is not a tuple of classes.
    """
    recent = _RECENT.get("by_class")
    if recent is None or recent[0] is not pathway:
        own = pathway._log.in_order and pathway._origin is None  # noqa: SLF001 - place is position
        recent = (pathway, *entries_by_class(pathway.timeline, None if own else pathway.positions))
        _RECENT["by_class"] = recent
    try:
        single = _SINGLE.get(kinds)
        if single is None or recent[2]:
            return entries_of(recent[1], recent[2], kinds)
    except TypeError:  # kinds is not a tuple of classes
        raise ValidationError.at("kinds", "must be a tuple of event classes") from None
    return recent[1].get(single, ())


_SINGLE: dict[object, type[Event]] = {
    (cls,): cls
    for cls in EVENT_TYPES.values()
    if not any(other is not cls and issubclass(other, cls) for other in EVENT_TYPES.values())
}
"""Each tuple of one event class helhed defines that no other class it defines derives from,
to that class. In a timeline of helhed's classes only, such a kind's events are that class's
(a lookup that skips ``entries_of``); a class defined elsewhere sends every question the
long way. Fixed when the module is loaded: immutable keys, one per class."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Pathway:
    """The append-only event log of one citizen's pathway (forløb).

    Building a pathway takes its events one by one, as
    [`append`][helhed.pathways.pathway.Pathway.append] would, and raises
    [`TransitionError`][helhed.errors.TransitionError] at the first that cannot be recorded.
    Pathways are equal when they hold the same citizen and events.

    Attributes:
        citizen_id: The citizen (a pseudonym or case number).
        events: The log: every event in the order it was recorded, annulled events and
            annulments included; may be empty.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    events: tuple[Event, ...] = ()
    _log: Log = attrs.field(init=False, repr=False, eq=False, hash=False)
    _origin: tuple[int, ...] | None = attrs.field(init=False, repr=False, eq=False, hash=False)
    _state: PathwayState | None = attrs.field(init=False, repr=False, eq=False, hash=False)
    _timeline: tuple[Event, ...] | None = attrs.field(init=False, repr=False, eq=False, hash=False)
    _numbered: tuple[tuple[int, Event], ...] | None = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        """Validate the fields, then take the events in one by one."""
        citizen_id, events = self.citizen_id, self.events
        if type(citizen_id) is not str or not citizen_id.strip() or type(events) is not tuple:
            check = Checker()
            check.text(citizen_id, "citizen_id")
            if check.expect(isinstance(events, tuple), "events", "must be a tuple"):
                check_events(events, "events", check)
            check.done()
        log = Log(citizen_id)
        try:
            log.take_all(events)
        except TransitionError:
            check_events(events, "events")  # an item that is no event is named first
            raise
        _set(self, log, None)

    @classmethod
    def of(cls, events: Iterable[Event]) -> Pathway:
        """Build a pathway from events, taking the citizen from the first.

        Raises:
            ValidationError: If there are no events.
            TransitionError: At the first event that cannot be recorded.
        """
        listed = items_of(events, Event, "events")
        if not listed:
            raise ValidationError.at("events", "must hold at least one event")
        return cls(citizen_id=listed[0].citizen_id, events=listed)

    @property
    def state(self) -> PathwayState:
        """The state after the whole timeline."""
        if self._state is None:
            object.__setattr__(self, "_state", self._log.replay.snapshot(self.events))
        assert self._state is not None  # noqa: S101 - narrows the type for mypy
        return self._state

    @property
    def timeline(self) -> tuple[Event, ...]:
        """The events in force in the order they happened: no annulled event, no annulment."""
        if self._timeline is None:
            timeline = (
                self.events
                if self._log.in_order
                else tuple(self.events[p] for p in self._log.timeline)
            )
            object.__setattr__(self, "_timeline", timeline)
        assert self._timeline is not None  # noqa: S101 - narrows the type for mypy
        return self._timeline

    @property
    def positions(self) -> tuple[int, ...]:
        """The position in the log of each event of the timeline, in timeline order.

        For a pathway cut by [`until`][helhed.pathways.pathway.Pathway.until], positions in
        the log of the pathway it was cut from, so findings point into the stored log.
        """
        own = range(len(self.events)) if self._log.in_order else self._log.timeline
        return tuple(own) if self._origin is None else tuple(self._origin[p] for p in own)

    @property
    def origin(self) -> tuple[int, ...]:
        """The position of each event of ``events`` in the log findings point into.

        ``0, 1, 2, ...`` for a pathway as built; for one cut by
        [`until`][helhed.pathways.pathway.Pathway.until], the positions in the log it was cut
        from.
        """
        return tuple(range(len(self.events))) if self._origin is None else self._origin

    @property
    def numbered(self) -> tuple[tuple[int, Event], ...]:
        """The timeline with each event's position in the log: ``(position, event)`` pairs."""
        if self._numbered is None:
            own = range(len(self.events)) if self._log.in_order else self._log.timeline
            places = own if self._origin is None else [self._origin[p] for p in own]
            numbered = tuple(zip(places, self.timeline, strict=True))
            object.__setattr__(self, "_numbered", numbered)
        assert self._numbered is not None  # noqa: S101 - narrows the type for mypy
        return self._numbered

    def of_kinds(self, kinds: tuple[type[Event], ...]) -> list[Entry]:
        """``(place in the timeline, position in the log, event)`` of each event of ``kinds``.

        In timeline order; an event of a subclass of a kind counts, as with ``isinstance``.
        A kind that is no event class matches nothing.
        The rules of a protocol ask this of one pathway after the other, so where each class
        of event stands in the timeline is kept for the pathway asked last (see ``_RECENT``).

        Raises:
            ValidationError: If ``kinds`` is not a tuple of classes.
        """
        return list(entries_of_kinds(self, kinds))

    @property
    def annulled(self) -> Mapping[int, int]:
        """Annulled events: their position in the log -> the position of the annulment."""
        return FrozenMap(self._log.annulled)

    def append(self, event: Event) -> Pathway:
        """Return a new pathway with ``event`` recorded; this one is left as it was.

        Raises:
            ValidationError: If ``event`` is not an Event.
            TransitionError: If the event cannot be recorded.
        """
        check_events((event,), "event")
        log = self._log.copy()
        events = (*self.events, event)
        log.take_all(events, len(self.events))
        return _assemble(self.citizen_id, events, log)

    def extend(self, events: Iterable[Event]) -> Pathway:
        """Return a new pathway with every event of ``events`` recorded in order.

        Raises:
            ValidationError: If an item is not an Event.
            TransitionError: At the first event that cannot be recorded; nothing is added then.
        """
        added = items_of(events, Event, "events")
        everything = self.events + added
        log = self._log.copy()
        log.take_all(everything, len(self.events))
        return _assemble(self.citizen_id, everything, log)

    def until(self, on: dt.date) -> Pathway:
        """The pathway as it stood at the end of ``on``: what had happened by then.

        The events that happened on or before ``on``, however late they were recorded, in the
        order they were recorded, with the corrections of them: an annulled event stays with
        its annulment, which is renumbered to name it in the shorter log. Its
        [`origin`][helhed.pathways.pathway.Pathway.origin] and
        [`positions`][helhed.pathways.pathway.Pathway.positions] still point into this
        pathway's log.

        Raises:
            ValidationError: If ``on`` is not a date.
        """
        if type(on) is not dt.date:
            _check_day(on, "on")
        kept = self._log.cut(self.events, on)
        if kept is None:
            return self
        if type(kept) is range:  # the first events, with no annulment among them
            events = self.events[: len(kept)]
        else:
            new_index = {old: new for new, old in enumerate(kept)}
            events = tuple(
                attrs.evolve(event, annuls=new_index[event.annuls])
                if isinstance(event, EventAnnulled)
                else event
                for event in (self.events[p] for p in kept)
            )
        log = Log(self.citizen_id)
        log.take_all(events)
        pathway = _assemble(self.citizen_id, events, log)
        if self._origin is None and type(kept) is range:
            return pathway
        origin = tuple(kept if self._origin is None else (self._origin[p] for p in kept))
        if origin != tuple(range(len(kept))):
            object.__setattr__(pathway, "_origin", origin)
        return pathway

    @property
    def closed_on(self) -> dt.date | None:
        """The day the pathway was closed, if it was (cheaper than ``state.closed_on``)."""
        return self._log.replay.closed_on

    def state_on(self, on: dt.date) -> PathwayState:
        """The state at the end of ``on``.

        Raises:
            ValidationError: If ``on`` is not a date.
        """
        return self.until(on).state

    def referral(self, referral_id: str) -> Referred:
        """The referral event in force with ``referral_id``.

        Raises:
            UnknownNameError: If the pathway has no such referral.
        """
        try:
            position = self._log.replay.sent[referral_id]
        except (KeyError, TypeError):
            msg = f"the pathway has no referral {quoted(referral_id)}"
            raise UnknownNameError(msg) from None
        return self.events[position]  # type: ignore[return-value]  # a Referred

    def __len__(self) -> int:
        """Number of events in the log."""
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        """The events of the log in the order they were recorded."""
        return iter(self.events)


def _check_day(value: object, path: str) -> None:
    check = Checker()
    check.day(value, path)
    check.done()


def _set(pathway: Pathway, log: Log, origin: tuple[int, ...] | None) -> None:
    object.__setattr__(pathway, "_log", log)
    object.__setattr__(pathway, "_origin", origin)
    object.__setattr__(pathway, "_state", None)
    object.__setattr__(pathway, "_timeline", None)
    object.__setattr__(pathway, "_numbered", None)


def _assemble(citizen_id: str, events: tuple[Event, ...], log: Log) -> Pathway:
    """Make a pathway whose log has already been taken in, without taking it in again."""
    pathway = object.__new__(Pathway)
    object.__setattr__(pathway, "citizen_id", citizen_id)
    object.__setattr__(pathway, "events", events)
    _set(pathway, log, None)
    return pathway
