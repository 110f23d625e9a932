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
from collections.abc import Mapping

import attrs

from helhed._coded import CodedEnum
from helhed._meta import REDACT, SENSITIVE
from helhed._values import FrozenMap, frozen_fields
from helhed.benefits import Benefit
from helhed.errors import TransitionError, quoted, require
from helhed.groups import RiskGroup
from helhed.organisation import Administration, Role
from helhed.pathways.events import (
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
        consents: list[ConsentRecord], to: Administration, purpose: ConsentPurpose
    ) -> list[ConsentRecord]:
        """The consents left when the citizen says no to ``to`` for ``purpose``."""
        return [c for c in consents if not (c.to is to and c.purpose is purpose)]

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


class Replay:
    """The mutable state of replaying a timeline; a pathway keeps one and copies it to append."""

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

    def copy(self) -> Replay:
        """An independent copy, to take more events in without changing this one."""
        new = Replay.__new__(Replay)
        new.citizen_id = self.citizen_id
        new.opened_on = self.opened_on
        new.last_on = self.last_on
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
        """The state as a value."""
        return PathwayState(
            citizen_id=self.citizen_id,
            opened_on=self.opened_on,
            last_on=self.last_on,
            referrals=FrozenMap(self.referrals),
            running=FrozenMap(self.running),
            consents=tuple(self.consents),
            caseworkers=FrozenMap(self.caseworkers),
            coordinating_caseworker=self.coordinating,
            plans=frozenset(self.plans),
            plan_entries=frozenset(self.items),
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

    def refusal(self, event: Event) -> str | None:  # noqa: C901, PLR0911, PLR0912 - one branch per rule
        """Why ``event`` cannot follow the events replayed so far; None if it can."""
        if isinstance(event, CITIZENS_NO):
            return None
        if self.closed_on is not None:
            return f"the pathway was closed on {self.closed_on}; nothing may happen after that"
        if self.opened_on is None and not isinstance(event, Referred):
            return "a pathway opens with a referral; this event would come before it"
        match event:
            case Referred(referral_id=rid) if rid in self.referrals:
                return f"referral {quoted(rid)} was already made; referral ids must be unique"
            case ReferralAccepted(referral_id=rid) | ReferralDeclined(referral_id=rid):
                status = self.referrals.get(rid)
                if status is None:
                    return f"there is no referral {quoted(rid)} to answer"
                if status is not ReferralStatus.PENDING:
                    return f"referral {quoted(rid)} was already {status.label_en.lower()}"
            case (
                ContactMade(referral_id=str(rid))
                | ConversationHeld(referral_id=str(rid))
                | ReturnedToCaseworker(referral_id=str(rid))
            ) if rid not in self.referrals:
                return f"there is no referral {quoted(rid)}"
            case InterventionStarted(offer=offer, referral_id=rid):
                if offer in self.running:
                    return "this offer is already running"
                if rid is not None and self.referrals.get(rid) is None:
                    return f"there is no referral {quoted(rid)}"
                if rid is not None and self.referrals[rid] is ReferralStatus.DECLINED:
                    return f"referral {quoted(rid)} was declined"
            case InterventionCompleted(offer=offer) | InterventionDroppedOut(offer=offer):
                if offer not in self.running:
                    return "this offer is not running; an intervention must start first"
            case InterventionNotStarted(offer=offer) if offer in self.running:
                return "this offer is already running"
            case PlanCreated(plan_id=pid) if pid in self.plans:
                return f"plan {quoted(pid)} already exists"
            case PlanAdjusted(plan_id=pid) | ProgressionReviewed(plan_id=pid) if (
                pid not in self.plans
            ):
                return f"there is no plan {quoted(pid)}"
            case PlanItemAdded(plan_id=pid, item_id=iid) | SubGoalSet(plan_id=pid, goal_id=iid):
                if pid not in self.plans:
                    return f"there is no plan {quoted(pid)}"
                if (pid, iid) in self.items:
                    return f"plan {quoted(pid)} already has an item or sub-goal {quoted(iid)}"
            case GrantReviewed(referral_id=rid) | ReportWritten(referral_id=str(rid)) if (
                rid not in self.referrals
            ):
                return f"there is no referral {quoted(rid)}"
            case CaseworkerAssigned(staff_id=sid) if sid in self.caseworkers:
                return f"staff member {quoted(sid)} is already assigned"
            case CaseworkerReleased(staff_id=sid) if sid not in self.caseworkers:
                return f"staff member {quoted(sid)} is not assigned"
        return None

    def take(self, event: Event, index: int) -> None:  # noqa: C901, PLR0912 - one branch per kind
        """Take in an event known to be able to follow."""
        self.last_on = event.occurred_on
        match event:
            case Referred(referral_id=rid):
                if self.opened_on is None:
                    self.opened_on = event.occurred_on
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
            case ConsentWithdrawn(to=to, purpose=purpose) | ConsentRefused(to=to, purpose=purpose):
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
