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

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Protocol

import attrs

from helhed._meta import NON_BLANK
from helhed._validation import Checker, is_day, items_of
from helhed._values import FrozenMap, frozen_fields
from helhed.errors import TransitionError, UnknownNameError, ValidationError, quoted
from helhed.pathways.events import Event, EventAnnulled, Referred, happened_after
from helhed.pathways.replay import (
    CITIZENS_NO,
    STEPS,
    ConsentRecord,
    PathwayState,
    ReferralStatus,
    Replay,
    describe,
)

__all__ = [
    "ConsentRecord",
    "Pathway",
    "PathwayState",
    "ReferralStatus",
    "occurrence_order",
]


_OTHER_CITIZEN = "belongs to another citizen's pathway"
_USUAL = {
    cls: steps for cls, steps in STEPS.items() if not issubclass(cls, (*CITIZENS_NO, EventAnnulled))
}  # the kinds whose recording only the usual rules govern


class _Dated(Protocol):
    """Anything with the day and time of day it happened, as an event has."""

    @property
    def occurred_on(self) -> dt.date: ...  # pragma: no cover - a protocol

    @property
    def at(self) -> dt.time | None: ...  # pragma: no cover - a protocol


@attrs.frozen(field_transformer=frozen_fields)
class _When:
    occurred_on: dt.date
    at: dt.time | None


def _place(timeline: Sequence[int], events: Callable[[int], _Dated], event: _Dated) -> int:
    """Where ``event`` goes in ``timeline``: before the first event that surely happened later.

    Days in a timeline never go backwards, and on one day the events with a time are in the
    order of their times; an event without a time goes last in its day, as nothing on that
    day surely happened after it.
    """
    if timeline:
        last = events(timeline[-1])
        if last.occurred_on < event.occurred_on or (
            last.occurred_on == event.occurred_on
            and (event.at is None or (last.at is not None and last.at <= event.at))
        ):
            return len(timeline)
    key = lambda p: events(p).occurred_on  # noqa: E731 - the bisect key
    end = bisect.bisect_right(timeline, event.occurred_on, key=key)
    if event.at is None:
        return end
    start = bisect.bisect_left(timeline, event.occurred_on, lo=0, hi=end, key=key)
    for k in range(start, end):
        at = events(timeline[k]).at
        if at is not None and at > event.at:
            return k
    return end


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
    whens = [_When(day, at) for day, at in zip(days, times, strict=True)]
    try:
        return _order(range(len(whens)), whens.__getitem__)
    except TypeError:  # a time with a time zone beside one without
        raise ValidationError.at("times", "must hold times of day without a time zone") from None


_DAY_TYPES = frozenset({dt.date})
_TIME_TYPES = frozenset({dt.time, type(None)})


def _listed(values: object) -> bool:
    """True for a sequence that is not a string."""
    return isinstance(values, Sequence) and not isinstance(values, (str, bytes))


class _Log:
    """What a pathway derives from its log, kept up to date as events are added.

    Attributes:
        timeline: Log positions of the events in force, in the order they happened; a
            ``range`` (which holds no objects to track) while it is the whole log in order.
        annulled: Annulled position -> position of its annulment.
        latest: Position of the latest-recorded event in force that is not the citizen's
            "no"; a new event may not be recorded before it. ``latest_day`` and
            ``latest_at`` are its recording day and time, kept beside it.
        in_order: True while the timeline is the log itself (no annulment, nothing late).
        replay: The state after the timeline.
    """

    __slots__ = ("annulled", "in_order", "latest", "latest_at", "latest_day", "replay", "timeline")

    def __init__(self, citizen_id: str) -> None:
        self.timeline: list[int] | range = range(0)
        self.annulled: dict[int, int] = {}
        self.latest: int | None = None
        self.latest_day: dt.date | None = None
        self.latest_at: dt.time | None = None
        self.in_order = True
        self.replay = Replay(citizen_id)

    def copy(self) -> _Log:
        new = _Log.__new__(_Log)
        new.timeline = self.timeline if type(self.timeline) is range else self.timeline.copy()
        new.annulled = self.annulled.copy()
        new.latest = self.latest
        new.latest_day = self.latest_day
        new.latest_at = self.latest_at
        new.in_order = self.in_order
        new.replay = self.replay.copy()
        return new

    def add(self, events: Sequence[Event], index: int) -> None:
        """Take in ``events[index]``, recorded after the events before it; or raise, unchanged.

        Raises:
            TransitionError: If the event cannot be recorded.
        """
        event = events[index]
        if event.citizen_id != self.replay.citizen_id:
            raise TransitionError(index, describe(event), _OTHER_CITIZEN)
        if isinstance(event, EventAnnulled):
            self._annul(events, event, index)
            return
        citizens_no = isinstance(event, CITIZENS_NO)
        if not citizens_no:
            self._check_recorded(events, event, index)
        lookup = events.__getitem__
        timeline = self.timeline
        place = _place(timeline, lookup, event)
        if place == len(timeline):
            self.replay.apply(event, index)
            if type(timeline) is range:
                self.timeline = timeline = list(timeline)
            timeline.append(index)
        else:
            timeline = [*self.timeline[:place], index, *self.timeline[place:]]
            self.replay = _replayed(self.replay.citizen_id, timeline, lookup, index)
            self.timeline = timeline
            self.in_order = False
        if not citizens_no:
            self._note_recorded(event, index)

    def take_all(self, events: Sequence[Event], start: int = 0) -> None:
        """Take in ``events[start:]`` one by one, as ``add`` would; or raise at the first refused.

        The usual event - of a kind with no special rule of recording, with no time and
        recorded the day it happened, no earlier than the events before it - is taken in
        here, with one look-up of its kind; any other goes through ``add``, which also
        raises for any that cannot be recorded.
        """
        timeline = self.timeline
        ranged = type(timeline) is range  # then it is every position so far, in order
        size = len(timeline)
        last_day = events[timeline[-1]].occurred_on if timeline else None
        for index in range(start, len(events)):
            event = events[index]
            steps = _USUAL.get(type(event))
            replay = self.replay
            day = None if steps is None else event.occurred_on
            if (
                day is None
                or event.citizen_id != replay.citizen_id
                or event.at is not None
                or event.recorded_on is not None
                or event.recorded_at is not None
                or replay.closed_on is not None
                or (replay.opened_on is None and type(event) is not Referred)
                or (self.latest_day is not None and day < self.latest_day)
                or (last_day is not None and day < last_day)
                or (steps[0] is not None and steps[0](replay, event) is not None)  # type: ignore[index]
            ):
                if not isinstance(event, Event):
                    _check_events(tuple(events), "events")  # type: ignore[unreachable]
                if ranged:
                    self.timeline = range(size)
                self.add(events, index)  # the general way; it raises for a refused event
                timeline = self.timeline
                ranged, size = type(timeline) is range, len(timeline)
                last_day = events[timeline[-1]].occurred_on if timeline else None
                continue
            replay.last_on = day
            take = steps[1]  # type: ignore[index]
            if take is not None:
                take(replay, event, index)
            if ranged:
                size += 1
            else:
                timeline.append(index)  # type: ignore[union-attr]  # a list when not ranged
            last_day = day
            if self.latest_day is None or day > self.latest_day:
                self.latest, self.latest_day, self.latest_at = index, day, None
        if ranged:
            self.timeline = range(size)

    def _check_recorded(self, events: Sequence[Event], event: Event, index: int) -> None:
        latest = self.latest_day
        if latest is None:
            return
        day = event.occurred_on if event.recorded_on is None else event.recorded_on
        if not happened_after(latest, self.latest_at, day, event.recorded_at):
            return
        before = events[self.latest]  # type: ignore[index]  # set with latest_day
        raise TransitionError(
            index,
            describe(event),
            f"is recorded on {event.recorded_day}, before events[{self.latest}] "
            f"({describe(before)}), recorded on {before.recorded_day}; the log is in the "
            "order of recording. An event recorded late gives the day it was recorded in "
            "recorded_on",
        )

    def _note_recorded(self, event: Event, index: int) -> None:
        day = event.occurred_on if event.recorded_on is None else event.recorded_on
        at = event.recorded_at
        latest = self.latest_day
        if (
            latest is None
            or day > latest
            or (
                day == latest
                and at is not None
                and (self.latest_at is None or at >= self.latest_at)
            )
        ):
            self.latest, self.latest_day, self.latest_at = index, day, at

    def _cannot_annul(self, events: Sequence[Event], target: int, index: int) -> str | None:
        """Why the event at ``target`` cannot be annulled at ``index``; None if it can."""
        what = f"events[{target}]"
        if target >= index:
            return f"there is no {what} to annul; an annulment names an earlier event"
        if isinstance(events[target], EventAnnulled):
            return f"{what} is an annulment, which cannot itself be annulled"
        if target in self.annulled:
            return f"{what} was already annulled by events[{self.annulled[target]}]"
        if isinstance(events[target], CITIZENS_NO):
            return (
                f"{what} is the citizen's withdrawal or refusal of consent, which cannot be "
                "annulled; only a new consent from the citizen ends it"
            )
        return None

    def _annul(self, events: Sequence[Event], event: EventAnnulled, index: int) -> None:
        target = event.annuls
        what = f"events[{target}]"
        why = self._cannot_annul(events, target, index)
        if why is not None:
            raise TransitionError(index, describe(event), why)
        kept = [p for p in range(index) if p != target and p not in self.annulled]
        kept = [p for p in kept if not isinstance(events[p], EventAnnulled)]
        lookup = events.__getitem__
        timeline = _order(kept, lookup)
        try:
            replay = _replayed(self.replay.citizen_id, timeline, lookup, None)
        except TransitionError as exc:
            raise TransitionError(
                index,
                describe(event),
                f"without {what}, events[{exc.index}] ({describe(events[exc.index])}) could "
                f"not follow: {exc.why}; annul events[{exc.index}] first",
            ) from None
        self.annulled[target] = index
        self.timeline = timeline
        self.replay = replay
        self.in_order = False
        self.latest = self.latest_day = self.latest_at = None
        for p in kept:
            if not isinstance(events[p], CITIZENS_NO):
                self._note_recorded(events[p], p)

    def cut(self, events: Sequence[Event], on: dt.date) -> list[int] | None:
        """The log positions kept when the log is cut at the end of ``on``; None for all.

        Kept are the events that happened on or before ``on`` - annulled ones too - and the
        annulments of kept events. Every event left out happened after everything kept, so
        each prefix of what is kept was a valid log when the longer log was.
        """
        if not events or (self.in_order and events[-1].occurred_on <= on):
            return None  # in order, the last event happened last
        kept: list[int] = []
        taken: set[int] = set()
        for index, event in enumerate(events):
            if isinstance(event, EventAnnulled):
                keep = event.annuls in taken
            else:
                keep = event.occurred_on <= on
            if keep:
                kept.append(index)
                taken.add(index)
        return None if len(kept) == len(events) else kept


def _order(positions: Iterable[int], events: Callable[[int], _Dated]) -> list[int]:
    """``positions`` (in log order) in timeline order."""
    timeline: list[int] = []
    for p in positions:
        timeline.insert(_place(timeline, events, events(p)), p)
    return timeline


def _replayed(
    citizen_id: str, timeline: Sequence[int], events: Callable[[int], Event], new: int | None
) -> Replay:
    """Replay ``timeline`` from the start; ``new`` is the position being added, if any.

    Raises:
        TransitionError: At the first event that cannot follow, for the event at ``new`` when
            it is that event or it comes before that event.
    """
    replay = Replay(citizen_id)
    for p in timeline:
        event = events(p)
        why = replay.refusal(event)
        if why is not None:
            if new is None or p == new:
                raise TransitionError(p if new is None else new, describe(event), why)
            added = events(new)
            raise TransitionError(
                new,
                describe(added),
                f"happening on {added.occurred_on}, it comes before events[{p}] "
                f"({describe(event)}), which then could not follow: {why}",
            )
        replay.take(event, p)
    return replay


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
    _log: _Log = attrs.field(init=False, repr=False, eq=False, hash=False)
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
                _check_events(events, "events", check)
            check.done()
        log = _Log(citizen_id)
        try:
            log.take_all(events)
        except TransitionError:
            _check_events(events, "events")  # an item that is no event is named first
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
        return tuple(position for position, _ in self.numbered)

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
        _check_events((event,), "event")
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
        _check_day(on, "on")
        kept = self._log.cut(self.events, on)
        if kept is None:
            return self
        new_index = {old: new for new, old in enumerate(kept)}
        events = tuple(
            attrs.evolve(event, annuls=new_index[event.annuls])
            if isinstance(event, EventAnnulled)
            else event
            for event in (self.events[p] for p in kept)
        )
        log = _Log(self.citizen_id)
        log.take_all(events)
        pathway = _assemble(self.citizen_id, events, log)
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


def _check_events(events: tuple[object, ...], path: str, check: Checker | None = None) -> None:
    """Record (or, without a ``check`` to add to, raise) every item that is not an Event."""
    own = check is None
    check = Checker() if check is None else check
    for i, event in enumerate(events):
        where = path if path == "event" else f"{path}[{i}]"
        check.expect(isinstance(event, Event), where, "must be an Event")
    if own:
        check.done()


def _set(pathway: Pathway, log: _Log, origin: tuple[int, ...] | None) -> None:
    object.__setattr__(pathway, "_log", log)
    object.__setattr__(pathway, "_origin", origin)
    object.__setattr__(pathway, "_state", None)
    object.__setattr__(pathway, "_timeline", None)
    object.__setattr__(pathway, "_numbered", None)


def _assemble(citizen_id: str, events: tuple[Event, ...], log: _Log) -> Pathway:
    """Make a pathway whose log has already been taken in, without taking it in again."""
    pathway = object.__new__(Pathway)
    object.__setattr__(pathway, "citizen_id", citizen_id)
    object.__setattr__(pathway, "events", events)
    _set(pathway, log, None)
    return pathway
