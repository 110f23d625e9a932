"""A citizen's pathway as an append-only log of events, and the state that replaying it gives.

A [`Pathway`][helhed.pathways.pathway.Pathway] holds the events of one citizen in the order
they happened. It is a value: [`append`][helhed.pathways.pathway.Pathway.append] returns a new
pathway and leaves the old one as it was. An event that cannot follow the log so far raises
[`TransitionError`][helhed.errors.TransitionError] naming the event and why:

* the first event must be the referral that opens the pathway;
* every event belongs to the pathway's citizen;
* dates never go backwards (and, on one day, neither do times where both events have one);
* answers and follow-ups name a referral, plan or caseworker that exists, a referral is
  answered once, an intervention is started before it is completed or left, and one offer
  runs once at a time;
* nothing follows the event that closes the pathway.

Disclosures of information are always accepted: the log is the audit trail and must record
what happened; the consent rules (``helhed.consent``) judge whether it was allowed.

Replaying the log gives a [`PathwayState`][helhed.pathways.pathway.PathwayState]: referrals
and their answers, running interventions, consents in force, assigned caseworkers, the latest
funding basis and target group.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ReferralAccepted, Referred
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
    helhed.errors.TransitionError: events[1] (Referral accepted, 2024-03-03): comes before \
the event before it (2024-03-04); dates must not go backwards
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK, REDACT, SENSITIVE
from helhed._validation import Checker
from helhed.benefits import Benefit
from helhed.errors import TransitionError, ValidationError
from helhed.groups import RiskGroup
from helhed.organisation import Administration, Role
from helhed.pathways.events import (
    BenefitChanged,
    CaseworkerAssigned,
    CaseworkerReleased,
    ConsentGiven,
    ConsentPurpose,
    ConsentWithdrawn,
    ContactMade,
    ConversationHeld,
    Event,
    GrantReviewed,
    InformationCategory,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionNotStarted,
    InterventionStarted,
    JobOrEducationStarted,
    PathwayClosed,
    Placement,
    PlanAdjusted,
    PlanCreated,
    PlanItemAdded,
    ProgressionReviewed,
    ReferralAccepted,
    ReferralDeclined,
    Referred,
    ReportWritten,
    ReturnedToCaseworker,
    SubGoalSet,
    TargetGroupAssessed,
)

__all__ = ["ConsentRecord", "Pathway", "PathwayState", "ReferralStatus"]


class ReferralStatus(CodedEnum):
    """Where a referral stands."""

    PENDING = ("afventer", "Afventer svar", "Awaiting an answer")
    ACCEPTED = ("accepteret", "Accepteret", "Accepted")
    DECLINED = ("afslaaet", "Afslået", "Declined")


@attrs.frozen(kw_only=True)
class ConsentRecord:
    """A consent in force: given to an administration, for a purpose and some categories.

    Attributes:
        to: The administration that may receive information.
        purpose: What it may be used for.
        categories: The categories of information covered.
        given_on: The day the consent was given.
        index: Position of the ``ConsentGiven`` event in the log.
    """

    to: Administration
    purpose: ConsentPurpose
    categories: frozenset[InformationCategory]
    given_on: dt.date
    index: int

    @classmethod
    def of(cls, event: ConsentGiven, index: int) -> ConsentRecord:
        """The consent a ``ConsentGiven`` event at ``index`` puts in force."""
        return cls(
            to=event.to,
            purpose=event.purpose,
            categories=event.categories,
            given_on=event.occurred_on,
            index=index,
        )

    @staticmethod
    def withdraw(
        consents: list[ConsentRecord], to: Administration, purpose: ConsentPurpose
    ) -> list[ConsentRecord]:
        """The consents left when those to ``to`` for ``purpose`` are withdrawn."""
        return [c for c in consents if not (c.to is to and c.purpose is purpose)]

    def covers(
        self,
        category: InformationCategory,
        to: Administration,
        purpose: ConsentPurpose | None = None,
    ) -> bool:
        """True if the consent lets ``category`` pass to ``to`` (for ``purpose``, if given)."""
        return (
            self.to is to
            and category in self.categories
            and (purpose is None or purpose is self.purpose)
        )


@attrs.frozen(kw_only=True)
class PathwayState:
    """What replaying a pathway's log gives.

    Attributes:
        citizen_id: The citizen.
        opened_on: Day of the referral that opened the pathway; None for an empty log.
        last_on: Day of the latest event; None for an empty log.
        referrals: Every referral by id, with where it stands.
        running: Interventions under way: offer -> the day it started.
        consents: Consents in force, oldest first.
        caseworkers: Staff assigned to the case: staff id -> role.
        coordinating_caseworker: The coordinating caseworker, if one is assigned.
        plans: Identifiers of the plans made.
        plan_entries: The (plan id, item or sub-goal id) pairs added to the plans.
        benefit: The latest funding basis recorded, if any.
        target_group: The latest target group assessed, if any.
        placement: Job or education, once the citizen has started one.
        closed_on: Day the pathway was closed, if it was.
    """

    citizen_id: str
    opened_on: dt.date | None
    last_on: dt.date | None
    referrals: Mapping[str, ReferralStatus]
    running: Mapping[str, dt.date] = attrs.field(repr=REDACT, metadata=SENSITIVE)
    consents: tuple[ConsentRecord, ...]
    caseworkers: Mapping[str, Role]
    coordinating_caseworker: str | None
    plans: frozenset[str]
    plan_entries: frozenset[tuple[str, str]]
    benefit: Benefit | None
    target_group: RiskGroup | None = attrs.field(repr=REDACT, metadata=SENSITIVE)
    placement: Placement | None
    closed_on: dt.date | None

    @property
    def pending_referrals(self) -> frozenset[str]:
        """Referrals not yet accepted or declined."""
        return frozenset(r for r, s in self.referrals.items() if s is ReferralStatus.PENDING)

    @property
    def accepted_referrals(self) -> frozenset[str]:
        """Referrals the citizen accepted."""
        return frozenset(r for r, s in self.referrals.items() if s is ReferralStatus.ACCEPTED)

    @property
    def closed(self) -> bool:
        """True once the pathway is closed."""
        return self.closed_on is not None


class _Replay:
    """The mutable state of a replay; a pathway keeps one and copies it to append."""

    __slots__ = (
        "benefit",
        "caseworkers",
        "citizen_id",
        "closed_on",
        "consents",
        "coordinating",
        "group",
        "items",
        "last_at",
        "last_on",
        "opened_on",
        "placement",
        "plans",
        "referrals",
        "running",
        "sent",
    )

    def __init__(self, citizen_id: str) -> None:
        self.citizen_id = citizen_id
        self.opened_on: dt.date | None = None
        self.last_on: dt.date | None = None
        self.last_at: dt.time | None = None
        self.referrals: dict[str, ReferralStatus] = {}
        self.sent: dict[str, Referred] = {}
        self.running: dict[str, dt.date] = {}
        self.consents: list[ConsentRecord] = []
        self.caseworkers: dict[str, Role] = {}
        self.coordinating: str | None = None
        self.plans: set[str] = set()
        self.items: set[tuple[str, str]] = set()
        self.benefit: Benefit | None = None
        self.group: RiskGroup | None = None
        self.placement: Placement | None = None
        self.closed_on: dt.date | None = None

    def copy(self) -> _Replay:
        new = _Replay.__new__(_Replay)
        new.citizen_id = self.citizen_id
        new.opened_on = self.opened_on
        new.last_on = self.last_on
        new.last_at = self.last_at
        new.referrals = self.referrals.copy()
        new.sent = self.sent.copy()
        new.running = self.running.copy()
        new.consents = self.consents.copy()
        new.caseworkers = self.caseworkers.copy()
        new.coordinating = self.coordinating
        new.plans = self.plans.copy()
        new.items = self.items.copy()
        new.benefit = self.benefit
        new.group = self.group
        new.placement = self.placement
        new.closed_on = self.closed_on
        return new

    def snapshot(self) -> PathwayState:
        return PathwayState(
            citizen_id=self.citizen_id,
            opened_on=self.opened_on,
            last_on=self.last_on,
            referrals=MappingProxyType(dict(self.referrals)),
            running=MappingProxyType(dict(self.running)),
            consents=tuple(self.consents),
            caseworkers=MappingProxyType(dict(self.caseworkers)),
            coordinating_caseworker=self.coordinating,
            plans=frozenset(self.plans),
            plan_entries=frozenset(self.items),
            benefit=self.benefit,
            target_group=self.group,
            placement=self.placement,
            closed_on=self.closed_on,
        )

    def apply(self, event: Event, index: int) -> None:
        """Check that ``event`` can follow, then take it in; raise before changing anything."""
        why = self._refusal(event)
        if why is not None:
            raise TransitionError(index, f"{event.kind.label_en}, {event.occurred_on}", why)
        self._take(event, index)

    def _refusal(self, event: Event) -> str | None:  # noqa: C901, PLR0911, PLR0912 - one branch per rule
        if event.citizen_id != self.citizen_id:
            return "belongs to another citizen's pathway"
        if self.closed_on is not None:
            return f"the pathway was closed on {self.closed_on}; nothing may follow"
        if self.last_on is None:
            if not isinstance(event, Referred):
                return "a pathway opens with a referral; this event would come before it"
        elif event.occurred_on < self.last_on:
            return f"comes before the event before it ({self.last_on}); dates must not go backwards"
        elif (
            event.occurred_on == self.last_on
            and event.at is not None
            and self.last_at is not None
            and event.at < self.last_at
        ):
            return "comes earlier in the day than the event before it; times must not go backwards"
        match event:
            case Referred(referral_id=rid) if rid in self.referrals:
                return f"referral {rid!r} was already made; referral ids must be unique"
            case ReferralAccepted(referral_id=rid) | ReferralDeclined(referral_id=rid):
                status = self.referrals.get(rid)
                if status is None:
                    return f"there is no referral {rid!r} to answer"
                if status is not ReferralStatus.PENDING:
                    return f"referral {rid!r} was already {status.label_en.lower()}"
            case (
                ContactMade(referral_id=str(rid))
                | ConversationHeld(referral_id=str(rid))
                | ReturnedToCaseworker(referral_id=str(rid))
            ) if rid not in self.referrals:
                return f"there is no referral {rid!r}"
            case InterventionStarted(offer=offer, referral_id=rid):
                if offer in self.running:
                    return "this offer is already running"
                if rid is not None and self.referrals.get(rid) is None:
                    return f"there is no referral {rid!r}"
                if rid is not None and self.referrals[rid] is ReferralStatus.DECLINED:
                    return f"referral {rid!r} was declined"
            case InterventionCompleted(offer=offer) | InterventionDroppedOut(offer=offer):
                if offer not in self.running:
                    return "this offer is not running; an intervention must start first"
            case InterventionNotStarted(offer=offer) if offer in self.running:
                return "this offer is already running"
            case PlanCreated(plan_id=pid) if pid in self.plans:
                return f"plan {pid!r} already exists"
            case PlanAdjusted(plan_id=pid) | ProgressionReviewed(plan_id=pid) if (
                pid not in self.plans
            ):
                return f"there is no plan {pid!r}"
            case PlanItemAdded(plan_id=pid, item_id=iid) | SubGoalSet(plan_id=pid, goal_id=iid):
                if pid not in self.plans:
                    return f"there is no plan {pid!r}"
                if (pid, iid) in self.items:
                    return f"plan {pid!r} already has an item or sub-goal {iid!r}"
            case GrantReviewed(referral_id=rid) | ReportWritten(referral_id=str(rid)) if (
                rid not in self.referrals
            ):
                return f"there is no referral {rid!r}"
            case ConsentWithdrawn(to=to, purpose=purpose) if not any(
                c.to is to and c.purpose is purpose for c in self.consents
            ):
                return "no consent to this administration for this purpose is in force"
            case CaseworkerAssigned(staff_id=sid) if sid in self.caseworkers:
                return f"staff member {sid!r} is already assigned"
            case CaseworkerReleased(staff_id=sid) if sid not in self.caseworkers:
                return f"staff member {sid!r} is not assigned"
        return None

    def _take(self, event: Event, index: int) -> None:  # noqa: C901, PLR0912 - one branch per kind
        if self.opened_on is None:
            self.opened_on = event.occurred_on
        if event.occurred_on != self.last_on:
            self.last_at = None
        self.last_on = event.occurred_on
        if event.at is not None and (self.last_at is None or event.at > self.last_at):
            self.last_at = event.at
        match event:
            case Referred(referral_id=rid):
                self.referrals[rid] = ReferralStatus.PENDING
                self.sent[rid] = event
            case ReferralAccepted(referral_id=rid):
                self.referrals[rid] = ReferralStatus.ACCEPTED
            case ReferralDeclined(referral_id=rid):
                self.referrals[rid] = ReferralStatus.DECLINED
            case InterventionStarted(offer=offer):
                self.running[offer] = event.occurred_on
            case InterventionCompleted(offer=offer) | InterventionDroppedOut(offer=offer):
                del self.running[offer]
            case ConsentGiven():
                self.consents.append(ConsentRecord.of(event, index))
            case ConsentWithdrawn(to=to, purpose=purpose):
                self.consents = ConsentRecord.withdraw(self.consents, to, purpose)
            case PlanCreated(plan_id=pid):
                self.plans.add(pid)
            case PlanItemAdded(plan_id=pid, item_id=iid) | SubGoalSet(plan_id=pid, goal_id=iid):
                self.items.add((pid, iid))
            case CaseworkerAssigned(staff_id=sid, role=role):
                if role is Role.COORDINATING_CASEWORKER:
                    if self.coordinating is not None:
                        del self.caseworkers[self.coordinating]
                    self.coordinating = sid
                self.caseworkers[sid] = role
            case CaseworkerReleased(staff_id=sid):
                del self.caseworkers[sid]
                if self.coordinating == sid:
                    self.coordinating = None
            case BenefitChanged(benefit=benefit):
                self.benefit = benefit
            case TargetGroupAssessed(group=group):
                self.group = group
            case JobOrEducationStarted(placement=placement):
                self.placement = placement
            case PathwayClosed():
                self.closed_on = event.occurred_on


@attrs.frozen(kw_only=True)
class Pathway:
    """The append-only event log of one citizen's pathway (forløb).

    Building a pathway replays its events and raises
    [`TransitionError`][helhed.errors.TransitionError] at the first that cannot follow.
    Pathways are equal when they hold the same citizen and events.

    Attributes:
        citizen_id: The citizen (a pseudonym or case number).
        events: The events in the order they happened; may be empty.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    events: tuple[Event, ...] = ()
    _replay: _Replay = attrs.field(init=False, repr=False, eq=False, hash=False)
    _state: PathwayState | None = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        """Validate the fields, then replay the log."""
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        if check.expect(isinstance(self.events, tuple), "events", "must be a tuple"):
            _check_events(self.events, "events", check)
        check.done()
        replay = _Replay(self.citizen_id)
        for index, event in enumerate(self.events):
            replay.apply(event, index)
        object.__setattr__(self, "_replay", replay)
        object.__setattr__(self, "_state", None)

    @classmethod
    def of(cls, events: Iterable[Event]) -> Pathway:
        """Build a pathway from events, taking the citizen from the first.

        Raises:
            ValidationError: If there are no events.
            TransitionError: At the first event that cannot follow.
        """
        events = tuple(events)
        if not events:
            raise ValidationError.at("events", "must hold at least one event")
        return cls(citizen_id=events[0].citizen_id, events=events)

    @property
    def state(self) -> PathwayState:
        """The state after the last event."""
        if self._state is None:
            object.__setattr__(self, "_state", self._replay.snapshot())
        assert self._state is not None  # noqa: S101 - narrows the type for mypy
        return self._state

    def append(self, event: Event) -> Pathway:
        """Return a new pathway with ``event`` added; this one is left as it was.

        Raises:
            TransitionError: If the event cannot follow the log so far.
        """
        _check_events((event,), "event")
        replay = self._replay.copy()
        replay.apply(event, len(self.events))
        return _assemble(self.citizen_id, (*self.events, event), replay)

    def extend(self, events: Iterable[Event]) -> Pathway:
        """Return a new pathway with every event of ``events`` added in order.

        Raises:
            TransitionError: At the first event that cannot follow; nothing is added then.
        """
        added = tuple(events)
        _check_events(added, "events")
        replay = self._replay.copy()
        for offset, event in enumerate(added):
            replay.apply(event, len(self.events) + offset)
        return _assemble(self.citizen_id, self.events + added, replay)

    def until(self, on: dt.date) -> Pathway:
        """The pathway as it stood at the end of ``on``: the events up to and including that day."""
        cut = bisect.bisect_right(self.events, on, key=_day)
        if cut == len(self.events):
            return self
        return Pathway(citizen_id=self.citizen_id, events=self.events[:cut])

    @property
    def closed_on(self) -> dt.date | None:
        """The day the pathway was closed, if it was (cheaper than ``state.closed_on``)."""
        return self._replay.closed_on

    def state_on(self, on: dt.date) -> PathwayState:
        """The state at the end of ``on``."""
        return self.until(on).state

    def referral(self, referral_id: str) -> Referred:
        """The referral event with ``referral_id``.

        Raises:
            KeyError: If the pathway has no such referral.
        """
        return self._replay.sent[referral_id]

    def __len__(self) -> int:
        """Number of events."""
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        """The events in order."""
        return iter(self.events)


def _check_events(events: tuple[object, ...], path: str, check: Checker | None = None) -> None:
    """Record (or, without a ``check`` to add to, raise) every item that is not an Event."""
    own = check is None
    check = Checker() if check is None else check
    for i, event in enumerate(events):
        where = path if path == "event" else f"{path}[{i}]"
        check.expect(isinstance(event, Event), where, "must be an Event")
    if own:
        check.done()


def _day(event: Event) -> dt.date:
    return event.occurred_on


def _assemble(citizen_id: str, events: tuple[Event, ...], replay: _Replay) -> Pathway:
    """Make a pathway whose log has already been replayed, without replaying it again."""
    pathway = object.__new__(Pathway)
    object.__setattr__(pathway, "citizen_id", citizen_id)
    object.__setattr__(pathway, "events", events)
    object.__setattr__(pathway, "_replay", replay)
    object.__setattr__(pathway, "_state", None)
    return pathway
