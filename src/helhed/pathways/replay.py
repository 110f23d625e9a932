"""What replaying a pathway's events in the order they happened gives, and when an event may follow.

A [`Pathway`][helhed.pathways.pathway.Pathway] is a log in the order events were recorded;
its *timeline* is the same events, without those annulled, in the order they happened. This
module replays a timeline: it checks that each event can follow the ones before it and
builds a [`PathwayState`][helhed.pathways.replay.PathwayState] - referrals and their
answers, running interventions, consents in force, assigned caseworkers, the latest funding
basis and target group.

An event can follow when

* a referral opens the pathway: nothing but the citizen's withdrawal or refusal of consent
  comes before the first referral;
* answers and follow-ups name a referral, plan or caseworker that exists, a referral is
  answered once, an intervention is started before it is completed or left, and one offer
  runs once at a time;
* nothing happens after the event that closes the pathway.

The citizen's withdrawal and refusal of consent can always follow: they have no condition,
so no state of the log can stop them. Disclosures of information are always accepted too: the
log is the audit trail and must record what happened; the consent rules
([`helhed.consent`][helhed.pathways.consent]) judge whether it was allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from helhed._coded import CodedEnum
from helhed._meta import REDACT, SENSITIVE
from helhed._values import FrozenMap, frozen_fields
from helhed.benefits import Benefit
from helhed.errors import TransitionError, quoted, require
from helhed.groups import RiskGroup
from helhed.organisation import Administration, Role
from helhed.pathways.events import (
    EVENT_TYPES,
    BenefitChanged,
    CaseworkerAssigned,
    CaseworkerReleased,
    ConsentGiven,
    ConsentPurpose,
    ConsentRefused,
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

__all__ = ["CITIZENS_NO", "ConsentRecord", "PathwayState", "ReferralStatus", "describe"]

CITIZENS_NO: tuple[type[Event], ...] = (ConsentWithdrawn, ConsentRefused)
"""The citizen's "no" to sharing: accepted into any pathway of theirs, and never annulled."""


class ReferralStatus(CodedEnum):
    """Where a referral stands."""

    PENDING = ("afventer", "Afventer svar", "Awaiting an answer")
    ACCEPTED = ("accepteret", "Accepteret", "Accepted")
    DECLINED = ("afslaaet", "Afslået", "Declined")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ConsentRecord:
    """A consent in force: given to an administration, for a purpose and some categories.

    Attributes:
        to: The administration that may receive information.
        purpose: What it may be used for.
        categories: The categories of information covered.
        given_on: The day the consent was given.
        index: Position of the ``ConsentGiven`` event in the log.
        ends_on: The last day it covers, when it was given for a limited time.
    """

    to: Administration
    purpose: ConsentPurpose
    categories: frozenset[InformationCategory]
    given_on: dt.date
    index: int
    ends_on: dt.date | None = None

    @classmethod
    def of(cls, event: ConsentGiven, index: int) -> ConsentRecord:
        """The consent a ``ConsentGiven`` event at ``index`` puts in force."""
        return cls(
            to=event.to,
            purpose=event.purpose,
            categories=event.categories,
            given_on=event.occurred_on,
            index=index,
            ends_on=event.ends_on,
        )

    @staticmethod
    def withdraw(
        consents: tuple[ConsentRecord, ...], to: Administration, purpose: ConsentPurpose
    ) -> tuple[ConsentRecord, ...]:
        """The consents left when the citizen says no to ``to`` for ``purpose``."""
        return tuple(c for c in consents if not (c.to is to and c.purpose is purpose))

    def covers(
        self, category: InformationCategory, to: Administration, purpose: ConsentPurpose
    ) -> bool:
        """True if the consent lets ``category`` pass to ``to`` for ``purpose``."""
        return self.to is to and self.purpose is purpose and category in self.categories

    def lasts_until(self, on: dt.date) -> bool:
        """True if the consent still covers the day ``on`` (it has no end, or ends later)."""
        return self.ends_on is None or on <= self.ends_on


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PathwayState:
    """What replaying a pathway's timeline gives.

    Attributes:
        citizen_id: The citizen.
        opened_on: Day of the referral that opened the pathway; None before the first.
        last_on: Day of the latest event to happen; None for an empty timeline.
        referrals: Every referral by id, with where it stands.
        running: Interventions under way: offer -> the day it started.
        consents: Consents given and not withdrawn or refused since, oldest first; a consent
            past its end date stays here (see ``ConsentRecord.lasts_until``).
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


def describe(event: Event) -> str:
    """How an error names an event: its kind and day, never a value of a health field."""
    require(event, Event, "event", "must be an Event")
    return f"{event.kind.label_en}, {event.occurred_on}"


_NOTHING: frozenset[Any] = frozenset()  # one empty set for every replay


_STATUS = {status.code: status for status in ReferralStatus}
_PENDING, _ACCEPTED, _DECLINED = (s.code for s in ReferralStatus)


class Replay:
    """The mutable state of replaying a timeline; a pathway keeps one and copies it to append.

    It holds codes, positions in the log, days and texts rather than members and events, so
    that its collections hold nothing the garbage collector must follow (a pathway adds few
    objects to track); ``snapshot`` turns them back.
    """

    __slots__ = (
        "benefit",
        "caseworkers",
        "citizen_id",
        "closed_on",
        "consents",
        "coordinating",
        "group",
        "items",
        "last_on",
        "opened_on",
        "placement",
        "plans",
        "referrals",
        "running",
        "sent",
    )

    def __init__(self, citizen_id: str) -> None:
        """Start with nothing replayed."""
        self.citizen_id = citizen_id
        self.opened_on: dt.date | None = None
        self.last_on: dt.date | None = None
        self.referrals: dict[str, str] = {}  # referral id -> its ReferralStatus code
        self.sent: dict[str, int] = {}  # referral id -> position of the referral
        self.running: dict[str, dt.date] = {}
        self.caseworkers: dict[str, str] = {}  # staff id -> the code of their Role
        self.coordinating: str | None = None
        # Values a copy shares, replaced as a whole when added to (they are short).
        self.consents: tuple[tuple[int, str, str], ...] = ()  # (position, to, purpose codes)
        self.plans: frozenset[str] = _NOTHING
        self.items: frozenset[tuple[str, str]] = _NOTHING
        self.benefit: Benefit | None = None
        self.group: RiskGroup | None = None
        self.placement: Placement | None = None
        self.closed_on: dt.date | None = None

    def copy(self) -> Replay:
        """An independent copy, to take more events in without changing this one."""
        new = Replay.__new__(Replay)
        new.citizen_id = self.citizen_id
        new.opened_on = self.opened_on
        new.last_on = self.last_on
        new.referrals = self.referrals.copy()
        new.sent = self.sent.copy()
        new.running = self.running.copy()
        new.consents = self.consents
        new.caseworkers = self.caseworkers.copy()
        new.coordinating = self.coordinating
        new.plans = self.plans
        new.items = self.items
        new.benefit = self.benefit
        new.group = self.group
        new.placement = self.placement
        new.closed_on = self.closed_on
        return new

    def snapshot(self, events: Sequence[Event]) -> PathwayState:
        """The state as a value; ``events`` is the log the positions taken in point into."""
        return PathwayState(
            citizen_id=self.citizen_id,
            opened_on=self.opened_on,
            last_on=self.last_on,
            referrals=FrozenMap({r: _STATUS[s] for r, s in self.referrals.items()}),
            running=FrozenMap(self.running),
            consents=tuple(
                ConsentRecord.of(events[i], i)  # type: ignore[arg-type]  # a ConsentGiven
                for i, _, _ in self.consents
            ),
            caseworkers=FrozenMap({s: Role.from_code(r) for s, r in self.caseworkers.items()}),
            coordinating_caseworker=self.coordinating,
            plans=self.plans,
            plan_entries=self.items,
            benefit=self.benefit,
            target_group=self.group,
            placement=self.placement,
            closed_on=self.closed_on,
        )

    def apply(self, event: Event, index: int) -> None:
        """Check that ``event`` (at ``index`` in the log) can follow, then take it in.

        Raises:
            TransitionError: Before anything changes, if it cannot follow.
        """
        why = self.refusal(event)
        if why is not None:
            raise TransitionError(index, describe(event), why)
        self.take(event, index)

    def refusal(self, event: Event) -> str | None:
        """Why ``event`` cannot follow the events replayed so far; None if it can."""
        if isinstance(event, CITIZENS_NO):
            return None
        if self.closed_on is not None:
            return f"the pathway was closed on {self.closed_on}; nothing may happen after that"
        if self.opened_on is None and not isinstance(event, Referred):
            return "a pathway opens with a referral; this event would come before it"
        refuse = steps_of(type(event))[0]
        return None if refuse is None else refuse(self, event)

    def take(self, event: Event, index: int) -> None:
        """Take in an event known to be able to follow."""
        self.last_on = event.occurred_on
        take = steps_of(type(event))[1]
        if take is not None:
            take(self, event, index)


# One function per kind of event for when it cannot follow and one for what it changes,
# looked up by the event's class (a subclass by its nearest listed class), so replaying an
# event costs one look-up however many kinds there are. The events are valid already.

Refuse = Callable[[Replay, Any], "str | None"]
"""Why an event of one kind cannot follow a replay; None if it can."""
Take = Callable[[Replay, Any, int], None]
"""Take an event of one kind, at a position in the log, into a replay."""


def _no_referral(rid: str) -> str:
    return f"there is no referral {quoted(rid)}"


def _no_plan(pid: str) -> str:
    return f"there is no plan {quoted(pid)}"


def _refuse_referral(r: Replay, e: Referred) -> str | None:
    rid = e.referral_id
    if rid in r.sent:
        return f"referral {quoted(rid)} was already made; referral ids must be unique"
    return None


def _refuse_answer(r: Replay, e: ReferralAccepted | ReferralDeclined) -> str | None:
    rid = e.referral_id
    status = r.referrals.get(rid)
    if status is None:
        return f"there is no referral {quoted(rid)} to answer"
    if status != _PENDING:
        return f"referral {quoted(rid)} was already {_STATUS[status].label_en.lower()}"
    return None


def _refuse_follow_up(r: Replay, e: ContactMade | ConversationHeld | ReportWritten) -> str | None:
    """A follow-up that names a referral (it may name none) names one that was made."""
    rid = e.referral_id
    return _no_referral(rid) if isinstance(rid, str) and rid not in r.referrals else None


def _refuse_grant(r: Replay, e: GrantReviewed) -> str | None:
    rid = e.referral_id
    return _no_referral(rid) if rid not in r.referrals else None


def _refuse_start(r: Replay, e: InterventionStarted) -> str | None:
    if e.offer in r.running:
        return "this offer is already running"
    rid = e.referral_id
    if rid is not None:
        status = r.referrals.get(rid)
        if status is None:
            return _no_referral(rid)
        if status == _DECLINED:
            return f"referral {quoted(rid)} was declined"
    return None


def _refuse_end(r: Replay, e: InterventionCompleted | InterventionDroppedOut) -> str | None:
    if e.offer not in r.running:
        return "this offer is not running; an intervention must start first"
    return None


def _refuse_not_started(r: Replay, e: InterventionNotStarted) -> str | None:
    return "this offer is already running" if e.offer in r.running else None


def _refuse_plan(r: Replay, e: PlanCreated) -> str | None:
    pid = e.plan_id
    return f"plan {quoted(pid)} already exists" if pid in r.plans else None


def _refuse_plan_named(r: Replay, e: PlanAdjusted | ProgressionReviewed) -> str | None:
    pid = e.plan_id
    return _no_plan(pid) if pid not in r.plans else None


def _refuse_entry(r: Replay, e: PlanItemAdded | SubGoalSet) -> str | None:
    pid = e.plan_id
    iid = e.item_id if isinstance(e, PlanItemAdded) else e.goal_id
    if pid not in r.plans:
        return _no_plan(pid)
    if (pid, iid) in r.items:
        return f"plan {quoted(pid)} already has an item or sub-goal {quoted(iid)}"
    return None


def _refuse_assign(r: Replay, e: CaseworkerAssigned) -> str | None:
    sid = e.staff_id
    return f"staff member {quoted(sid)} is already assigned" if sid in r.caseworkers else None


def _refuse_release(r: Replay, e: CaseworkerReleased) -> str | None:
    sid = e.staff_id
    return f"staff member {quoted(sid)} is not assigned" if sid not in r.caseworkers else None


def _take_referral(r: Replay, e: Referred, index: int) -> None:
    if r.opened_on is None:
        r.opened_on = e.occurred_on
    r.referrals[e.referral_id] = _PENDING
    r.sent[e.referral_id] = index


def _take_accepted(r: Replay, e: ReferralAccepted, _: int) -> None:
    r.referrals[e.referral_id] = _ACCEPTED


def _take_declined(r: Replay, e: ReferralDeclined, _: int) -> None:
    r.referrals[e.referral_id] = _DECLINED


def _take_start(r: Replay, e: InterventionStarted, _: int) -> None:
    r.running[e.offer] = e.occurred_on


def _take_end(r: Replay, e: InterventionCompleted | InterventionDroppedOut, _: int) -> None:
    del r.running[e.offer]


def _take_consent(r: Replay, e: ConsentGiven, index: int) -> None:
    r.consents = (*r.consents, (index, e.to.code, e.purpose.code))


def _take_no(r: Replay, e: ConsentWithdrawn | ConsentRefused, _: int) -> None:
    to, purpose = e.to.code, e.purpose.code
    r.consents = tuple(c for c in r.consents if not (c[1] == to and c[2] == purpose))


def _take_plan(r: Replay, e: PlanCreated, _: int) -> None:
    r.plans |= {e.plan_id}


def _take_entry(r: Replay, e: PlanItemAdded | SubGoalSet, _: int) -> None:
    r.items |= {(e.plan_id, e.item_id if isinstance(e, PlanItemAdded) else e.goal_id)}


def _take_assign(r: Replay, e: CaseworkerAssigned, _: int) -> None:
    sid = e.staff_id
    if e.role is Role.COORDINATING_CASEWORKER:
        if r.coordinating is not None:
            del r.caseworkers[r.coordinating]
        r.coordinating = sid
    r.caseworkers[sid] = e.role.code


def _take_release(r: Replay, e: CaseworkerReleased, _: int) -> None:
    del r.caseworkers[e.staff_id]
    if r.coordinating == e.staff_id:
        r.coordinating = None


def _take_benefit(r: Replay, e: BenefitChanged, _: int) -> None:
    r.benefit = e.benefit


def _take_group(r: Replay, e: TargetGroupAssessed, _: int) -> None:
    r.group = e.group


def _take_placement(r: Replay, e: JobOrEducationStarted, _: int) -> None:
    r.placement = e.placement


def _take_close(r: Replay, e: PathwayClosed, _: int) -> None:
    r.closed_on = e.occurred_on


_STEPS: dict[type[Event], tuple[Refuse | None, Take | None]] = {
    Referred: (_refuse_referral, _take_referral),
    ReferralAccepted: (_refuse_answer, _take_accepted),
    ReferralDeclined: (_refuse_answer, _take_declined),
    ContactMade: (_refuse_follow_up, None),
    ConversationHeld: (_refuse_follow_up, None),
    ReturnedToCaseworker: (_refuse_follow_up, None),
    ReportWritten: (_refuse_follow_up, None),
    GrantReviewed: (_refuse_grant, None),
    InterventionStarted: (_refuse_start, _take_start),
    InterventionCompleted: (_refuse_end, _take_end),
    InterventionDroppedOut: (_refuse_end, _take_end),
    InterventionNotStarted: (_refuse_not_started, None),
    PlanCreated: (_refuse_plan, _take_plan),
    PlanAdjusted: (_refuse_plan_named, None),
    ProgressionReviewed: (_refuse_plan_named, None),
    PlanItemAdded: (_refuse_entry, _take_entry),
    SubGoalSet: (_refuse_entry, _take_entry),
    CaseworkerAssigned: (_refuse_assign, _take_assign),
    CaseworkerReleased: (_refuse_release, _take_release),
    ConsentGiven: (None, _take_consent),
    ConsentWithdrawn: (None, _take_no),
    ConsentRefused: (None, _take_no),
    BenefitChanged: (None, _take_benefit),
    TargetGroupAssessed: (None, _take_group),
    JobOrEducationStarted: (None, _take_placement),
    PathwayClosed: (None, _take_close),
}
STEPS: Mapping[type[Event], tuple[Refuse | None, Take | None]] = MappingProxyType(
    {cls: _STEPS.get(cls, (None, None)) for cls in EVENT_TYPES.values()}
)
"""Every kind of event's refusal (None: it can always follow, given the pathway is open and
opened) and update (None: it changes nothing but the last day), by event class."""


def steps_of(cls: type[Event]) -> tuple[Refuse | None, Take | None]:
    """The refusal and update of events of class ``cls``, or of its nearest listed base."""
    found = STEPS.get(cls)
    if found is None:
        found = next((STEPS[b] for b in cls.__mro__ if b in STEPS), (None, None))
    return found
