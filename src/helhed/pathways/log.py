"""A pathway's log as it is taken in: the timeline, the corrections and the state replayed.

[`Pathway`][helhed.pathways.pathway.Pathway] keeps one ``Log``:
the order the events happened in (the timeline), which were annulled, the latest recording
time, and the replayed state. The rules of recording are described with ``Pathway``; this
module applies them, event by event.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.errors import TransitionError
from helhed.pathways.events import EVENT_TYPES, Event, EventAnnulled, Referred, happened_after
from helhed.pathways.replay import CITIZENS_NO, STEPS, Replay, describe

__all__: list[str] = []  # the machinery of Pathway; nothing here is called from outside


_OTHER_CITIZEN = "belongs to another citizen's pathway"
_USUAL = {
    cls: steps for cls, steps in STEPS.items() if not issubclass(cls, (*CITIZENS_NO, EventAnnulled))
}  # the kinds whose recording only the usual rules govern


class Dated(Protocol):
    """Anything with the day and time of day it happened, as an event has."""

    @property
    def occurred_on(self) -> dt.date:  # pragma: no cover - a protocol
        """The day it happened."""
        ...

    @property
    def at(self) -> dt.time | None:  # pragma: no cover - a protocol
        """The time of day it happened, if known."""
        ...


@attrs.frozen(field_transformer=frozen_fields)
class When:
    """A day and, if known, a time of day something happened."""

    occurred_on: dt.date
    at: dt.time | None


def place_of(timeline: Sequence[int], events: Callable[[int], Dated], event: Dated) -> int:
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


class Log:
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
        """An empty log of ``citizen_id``'s pathway."""
        self.timeline: list[int] | range = range(0)
        self.annulled: dict[int, int] = {}
        self.latest: int | None = None
        self.latest_day: dt.date | None = None
        self.latest_at: dt.time | None = None
        self.in_order = True
        self.replay = Replay(citizen_id)

    def copy(self) -> Log:
        """An independent copy, to take more events in without changing this one."""
        new = Log.__new__(Log)
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
        place = place_of(timeline, lookup, event)
        if place == len(timeline):
            self.replay.apply(event, index)
            if type(timeline) is range:
                self.timeline = timeline = list(timeline)
            timeline.append(index)
        else:
            timeline = [*self.timeline[:place], index, *self.timeline[place:]]
            self.replay = replayed(self.replay.citizen_id, timeline, lookup, index)
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
        replay = self.replay
        # The latest recorded event, kept in locals while events are taken here; written back
        # before ``add`` reads them and at the end.
        latest, latest_day, latest_at = self.latest, self.latest_day, self.latest_at
        for index in range(start, len(events)):
            event = events[index]
            steps = _USUAL.get(type(event))
            day = None if steps is None else event.occurred_on
            if (
                day is None
                or event.citizen_id != replay.citizen_id
                or event.at is not None
                or event.recorded_on is not None
                or event.recorded_at is not None
                or replay.closed_on is not None
                or (replay.opened_on is None and type(event) is not Referred)
                or (latest_day is not None and day < latest_day)
                or (last_day is not None and day < last_day)
                or (steps[0] is not None and steps[0](replay, event) is not None)  # type: ignore[index]
            ):
                if not isinstance(event, Event):
                    check_events(tuple(events), "events")  # type: ignore[unreachable]
                if ranged:
                    self.timeline = range(size)
                self.latest, self.latest_day, self.latest_at = latest, latest_day, latest_at
                self.add(events, index)  # the general way; it raises for a refused event
                latest, latest_day, latest_at = self.latest, self.latest_day, self.latest_at
                replay = self.replay
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
            if latest_day is None or day > latest_day:
                latest, latest_day, latest_at = index, day, None
        self.latest, self.latest_day, self.latest_at = latest, latest_day, latest_at
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
        timeline = order(kept, lookup)
        try:
            replay = replayed(self.replay.citizen_id, timeline, lookup, None)
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

    def cut(self, events: Sequence[Event], on: dt.date) -> list[int] | range | None:
        """The log positions kept when the log is cut at the end of ``on``; None for all.

        Kept are the events that happened on or before ``on`` - annulled ones too - and the
        annulments of kept events. Every event left out happened after everything kept, so
        each prefix of what is kept was a valid log when the longer log was.
        """
        if not events or (self.in_order and events[-1].occurred_on <= on):
            return None  # in order, the last event happened last
        if self.in_order:  # no annulment, and the days never go backwards: a first part
            return range(bisect.bisect_right(events, on, key=lambda e: e.occurred_on))
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


def order(positions: Iterable[int], events: Callable[[int], Dated]) -> list[int]:
    """``positions`` (in log order) in timeline order."""
    timeline: list[int] = []
    for p in positions:
        timeline.insert(place_of(timeline, events, events(p)), p)
    return timeline


def replayed(
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


def check_events(events: tuple[object, ...], path: str, check: Checker | None = None) -> None:
    """Record (or, without a ``check`` to add to, raise) every item that is not an Event."""
    own = check is None
    check = Checker() if check is None else check
    for i, event in enumerate(events):
        where = path if path == "event" else f"{path}[{i}]"
        check.expect(isinstance(event, Event), where, "must be an Event")
    if own:
        check.done()


_KNOWN = frozenset(EVENT_TYPES.values())


@functools.lru_cache(maxsize=256)
def _classes_of(kinds: tuple[type[Event], ...]) -> tuple[type[Event], ...]:
    """The event classes helhed defines that are ``kinds`` or subclasses of them.

    Cached: a tuple of classes is an immutable key, and protocols name few of them.
    """
    return tuple(cls for cls in EVENT_TYPES.values() if issubclass(cls, kinds))


Entry = tuple[int, int, Event]
"""An event of a timeline with its place there and its position in the log."""


def entries_by_class(
    timeline: Sequence[Event], positions: Sequence[int] | None
) -> tuple[dict[type[Event], list[Entry]], bool]:
    """The events of ``timeline`` by class, and True if a class is not one helhed defines.

    Each event as ``(place, position, event)``, in order; ``positions`` are the events'
    positions in the log, or None when each is its place.
    """
    found: dict[type[Event], list[Entry]] = {}
    for k, event in enumerate(timeline):
        cls = type(event)
        entry = (k, k if positions is None else positions[k], event)
        if cls in found:
            found[cls].append(entry)
        else:
            found[cls] = [entry]
    return found, not _KNOWN.issuperset(found)


def entries_of(
    by_class: dict[type[Event], list[Entry]],
    other: bool,  # noqa: FBT001 - as entries_by_class gives it
    kinds: tuple[type[Event], ...],
) -> Sequence[Entry]:
    """The entries, in timeline order, of the events of ``kinds`` (or subclasses).

    ``by_class`` and ``other`` are what ``entries_by_class`` says of the timeline. For one
    class the list in ``by_class`` itself is returned: callers must not change it.
    """
    wanted = _classes_of(kinds)
    if not other and len(wanted) == 1:
        return by_class.get(wanted[0], _NONE)
    if other:
        lists = [entries for cls, entries in by_class.items() if issubclass(cls, kinds)]
    else:
        lists = [entries for cls in wanted if (entries := by_class.get(cls))]
    if len(lists) == 1:
        return lists[0]
    return sorted(itertools.chain.from_iterable(lists))  # by place: no two share one


_NONE: tuple[Entry, ...] = ()
