"""The events of a citizen's pathway (forløb) through job centre and health department.

Every event is a frozen value with the same fields - whose pathway it belongs to
(``citizen_id``), when it happened (``occurred_on``, with an optional time of day ``at``),
when it was recorded (``recorded_on`` for an event recorded late, else the day it happened;
optional ``recorded_at``), who recorded it (the administration ``recorded_by``, its ``unit``
and the member of staff ``recorder``, where known) - and the fields of its own kind. An
event can never have happened after it was recorded. In JSON each event carries its kind as
``"event"``, a stable Danish code (see [`EventKind`][helhed.pathways.events.EventKind]).

An event entered in error is never removed: an
[`EventAnnulled`][helhed.pathways.events.EventAnnulled] names it by its position in the log,
with a reason and who annulled it, and everything that reads the pathway leaves it out.

Fields that reveal something about the citizen's health - which offer they were referred to,
where they were sent on, a screening score, their target group - are hidden from ``repr``.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration
    >>> referral = Referred(
    ...     citizen_id="c-1", occurred_on=dt.date(2024, 3, 4),
    ...     recorded_by=Administration.JOB_CENTRE, referral_id="r-1",
    ...     offer="afklarende sundhedssamtale", to=Administration.HEALTH, voluntary=True,
    ... )
    >>> referral.kind.label_en
    'Referred'
    >>> "afklarende" in repr(referral)
    False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK, REDACT, SENSITIVE
from helhed._validation import Checker, is_day
from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.groups import RiskGroup
from helhed.organisation import Administration, Role

__all__ = [
    "EVENT_TYPES",
    "AssessmentHeld",
    "BenefitChanged",
    "CaseworkerAssigned",
    "CaseworkerReleased",
    "ConsentGiven",
    "ConsentPurpose",
    "ConsentRefused",
    "ConsentWithdrawn",
    "ContactMade",
    "ConversationHeld",
    "ConversationKind",
    "EmployerContacted",
    "Event",
    "EventAnnulled",
    "EventKind",
    "GrantOutcome",
    "GrantReviewed",
    "InformationCategory",
    "InformationDisclosed",
    "InterventionCompleted",
    "InterventionDroppedOut",
    "InterventionNotStarted",
    "InterventionStarted",
    "JobOrEducationStarted",
    "PathwayClosed",
    "Placement",
    "PlanAdjusted",
    "PlanCreated",
    "PlanItemAdded",
    "PlanKind",
    "ProgressionReviewed",
    "ReferralAccepted",
    "ReferralDeclined",
    "Referred",
    "ReferredOnward",
    "ReportKind",
    "ReportWritten",
    "ReturnedToCaseworker",
    "ScreeningRecorded",
    "SubGoalSet",
    "TargetGroupAssessed",
    "happened_after",
]


class EventKind(CodedEnum):
    """The kind of an event; its code is the ``"event"`` tag in JSON."""

    REFERRED = ("henvist", "Henvist", "Referred")
    REFERRAL_ACCEPTED = ("henvisning_accepteret", "Henvisning accepteret", "Referral accepted")
    REFERRAL_DECLINED = ("henvisning_afslaaet", "Henvisning afslået", "Referral declined")
    CONTACT_MADE = ("kontakt_etableret", "Kontakt etableret", "Contact made")
    CONSENT_GIVEN = ("samtykke_givet", "Samtykke givet", "Consent given")
    CONSENT_WITHDRAWN = ("samtykke_tilbagekaldt", "Samtykke tilbagekaldt", "Consent withdrawn")
    CONSENT_REFUSED = ("samtykke_afslaaet", "Samtykke afslået", "Consent refused")
    SCREENING_RECORDED = ("screening_registreret", "Screening registreret", "Screening recorded")
    CONVERSATION_HELD = ("samtale_afholdt", "Samtale afholdt", "Conversation held")
    ASSESSMENT_HELD = (
        "tvaerfaglig_vurdering",
        "Tværfaglig vurdering afholdt",
        "Cross-disciplinary assessment held",
    )
    PLAN_CREATED = ("indsatsplan_oprettet", "Indsatsplan oprettet", "Intervention plan created")
    PLAN_ADJUSTED = ("indsatsplan_justeret", "Indsatsplan justeret", "Intervention plan adjusted")
    PLAN_ITEM_ADDED = ("indsats_i_plan", "Indsats føjet til plan", "Plan item added")
    SUB_GOAL_SET = ("delmaal_sat", "Delmål sat", "Sub-goal set")
    PROGRESSION_REVIEWED = (
        "progression_fulgt_op",
        "Opfølgning på progression",
        "Progression reviewed",
    )
    GRANT_REVIEWED = (
        "bevilling_revurderet",
        "Bevilling revurderet",
        "Grant re-evaluated",
    )
    INTERVENTION_STARTED = ("indsats_startet", "Indsats startet", "Intervention started")
    INTERVENTION_COMPLETED = ("indsats_gennemfoert", "Indsats gennemført", "Intervention completed")
    INTERVENTION_DROPPED_OUT = ("indsats_frafald", "Frafald fra indsats", "Dropped out")
    INTERVENTION_NOT_STARTED = (
        "indsats_ikke_startet",
        "Indsats ikke startet",
        "Intervention not started",
    )
    REPORT_WRITTEN = ("rapport_skrevet", "Rapport skrevet", "Report written")
    EMPLOYER_CONTACTED = ("virksomhed_kontaktet", "Virksomhed kontaktet", "Employer contacted")
    REFERRED_ONWARD = ("henvist_videre", "Henvist videre", "Referred onward")
    RETURNED_TO_CASEWORKER = (
        "sendt_tilbage_til_sagsbehandler",
        "Sendt tilbage til sagsbehandler",
        "Returned to caseworker",
    )
    BENEFIT_CHANGED = (
        "forsoergelse_aendret",
        "Forsørgelsesgrundlag ændret",
        "Funding basis changed",
    )
    TARGET_GROUP_ASSESSED = ("maalgruppe_vurderet", "Målgruppe vurderet", "Target group assessed")
    CASEWORKER_ASSIGNED = ("sagsbehandler_tildelt", "Sagsbehandler tildelt", "Caseworker assigned")
    CASEWORKER_RELEASED = (
        "sagsbehandler_fritaget",
        "Sagsbehandler fritaget",
        "Caseworker released",
    )
    INFORMATION_DISCLOSED = ("oplysninger_videregivet", "Oplysninger videregivet", "Disclosed")
    JOB_OR_EDUCATION_STARTED = (
        "job_uddannelse_startet",
        "Job eller uddannelse startet",
        "Job or education started",
    )
    PATHWAY_CLOSED = ("forloeb_afsluttet", "Forløb afsluttet", "Pathway closed")
    EVENT_ANNULLED = ("haendelse_annulleret", "Hændelse annulleret", "Event annulled")


class ConversationKind(CodedEnum):
    """The kind of a conversation with the citizen."""

    HEALTH_CONVERSATION = ("sundhedssamtale", "Sundhedssamtale", "Health conversation")
    CLARIFYING_HEALTH_CONVERSATION = (
        "afklarende_sundhedssamtale",
        "Afklarende sundhedssamtale",
        "Clarifying health conversation",
    )
    CLARIFYING_CONVERSATION = (
        "afklarende_samtale",
        "Afklarende samtale",
        "Clarifying conversation",
    )
    VERY_BRIEF_ADVICE = ("vba", "Very Brief Advice (VBA)", "Very Brief Advice (VBA)")
    PREPARATORY = ("forberedende_samtale", "Forberedende samtale", "Preparatory conversation")
    FOLLOW_UP = ("opfoelgning", "Opfølgningssamtale", "Follow-up conversation")
    JOB_CENTRE = ("jobsamtale", "Samtale i jobcentret", "Job centre conversation")


class InformationCategory(CodedEnum):
    """A category of personal information that may pass between administrations."""

    HEALTH = ("helbred", "Helbredsoplysninger", "Health information")
    SOCIAL = ("sociale_forhold", "Sociale forhold", "Social circumstances")
    EMPLOYMENT = ("beskaeftigelse", "Beskæftigelsesforhold", "Employment circumstances")


class ConsentPurpose(CodedEnum):
    """What a consent to share information is for."""

    COORDINATION = (
        "koordinering",
        "Koordinering af den samlede indsats",
        "Coordinating the whole effort",
    )
    WORK_ABILITY = (
        "afklaring_arbejdsevne",
        "Afklaring af arbejdsevne (fx fleksjob, førtidspension)",
        "Assessing work ability (e.g. flex job, early-retirement pension)",
    )
    PROGRESSION = (
        "progressionsopfoelgning",
        "Opfølgning på progression",
        "Following up on progression",
    )


class PlanKind(CodedEnum):
    """What a plan is for."""

    INTERVENTION_PLAN = ("indsatsplan", "Indsatsplan", "Intervention plan")
    PURPOSE_PLAN = ("formaalsplan", "Formålsplan", "Purpose plan")


class GrantOutcome(CodedEnum):
    """What a health professional's re-evaluation of a granted intervention came to."""

    APPROVED = ("godkendt", "Godkendt", "Approved")
    CHANGED = ("aendret", "Ændret", "Changed")


class ReportKind(CodedEnum):
    """A kind of written report."""

    FINAL_INTERVENTION_REPORT = (
        "afsluttende_indsatsrapport",
        "Afsluttende indsatsrapport",
        "Final intervention report",
    )


class Placement(CodedEnum):
    """What a citizen started: a job or an education."""

    JOB = ("job", "Job", "Job")
    EDUCATION = ("uddannelse", "Uddannelse", "Education")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Event:
    """What every event has: whose pathway, when it happened, when and by whom it was recorded.

    Attributes:
        citizen_id: The citizen whose pathway the event belongs to (a pseudonym or case number).
        occurred_on: The day the event happened.
        recorded_by: The administration that recorded the event.
        unit: The unit within that administration, e.g. ``Sygedagpengehuset``; optional.
        at: The time of day it happened, when known; orders events of the same day.
        recorded_on: The day the event was recorded, for an event recorded late (after the
            day it happened); None when it was recorded the day it happened. It can never have
            happened after it was recorded. ``recorded_day`` is the day either way.
        recorded_at: The time of day it was recorded, when known.
        recorder: The member of staff who recorded it, where known (required on an
            annulment).
    """

    KIND: ClassVar[EventKind]

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    occurred_on: dt.date
    recorded_by: Administration
    unit: str | None = attrs.field(default=None, metadata=NON_BLANK)
    at: dt.time | None = None
    recorded_on: dt.date | None = None
    recorded_at: dt.time | None = None
    recorder: str | None = attrs.field(default=None, metadata=NON_BLANK)

    def __attrs_post_init__(self) -> None:
        """Validate every field; raise all problems at once."""
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        occurred = check.day(self.occurred_on, "occurred_on")
        check.member(self.recorded_by, Administration, "recorded_by")
        check.text(self.unit, "unit", optional=True)
        at = check.time(self.at, "at", optional=True)
        recorded = check.day(self.recorded_on, "recorded_on", optional=True)
        recorded_at = check.time(self.recorded_at, "recorded_at", optional=True)
        check.text(self.recorder, "recorder", optional=True)
        if occurred and recorded and at and recorded_at:
            check.expect(
                not happened_after(self.occurred_on, self.at, self.recorded_day, self.recorded_at),
                "recorded_on" if self.recorded_on is not None else "recorded_at",
                "must not be before the event happened (occurred_on, at)",
            )
        self._check(check)
        check.done()

    def _check(self, check: Checker) -> None:
        """Validate the fields of the event's own kind."""

    @property
    def kind(self) -> EventKind:
        """The kind of event."""
        return self.KIND

    @property
    def recorded_day(self) -> dt.date:
        """The day the event was recorded: ``recorded_on``, or the day it happened."""
        return self.occurred_on if self.recorded_on is None else self.recorded_on


def happened_after(
    day: dt.date, at: dt.time | None, other_day: dt.date, other_at: dt.time | None
) -> bool:
    """True if ``day`` at ``at`` is surely later than ``other_day`` at ``other_at``.

    A later day is later. On the same day a time is later only when both times are known;
    without them neither is later than the other.

    Examples:
        >>> d = dt.date(2024, 3, 4)
        >>> happened_after(d, None, d - dt.timedelta(days=1), dt.time(23))
        True
        >>> happened_after(d, dt.time(9), d, None), happened_after(d, dt.time(9), d, dt.time(8))
        (False, True)

    Raises:
        ValidationError: Naming each argument that is not a date, or a time of day without
            a time zone (or None), when they cannot be compared.
    """
    # Called for every event added to a pathway: the arguments are only looked at when
    # comparing them fails.
    try:
        if day != other_day:
            return day > other_day
        later = at is not None and other_at is not None and at > other_at
    except TypeError:
        check = Checker()
        check.day(day, "day")
        check.time(at, "at", optional=True)
        check.day(other_day, "other_day")
        check.time(other_at, "other_at", optional=True)
        check.done()
        raise
    return later


def _text(check: Checker, event: object, *names: str) -> None:
    for name in names:
        check.text(getattr(event, name), name)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Referred(Event):
    """The citizen was referred to an offer; this opens a pathway.

    Attributes:
        referral_id: Identifier of the referral, unique within the pathway.
        offer: What the citizen was referred to, e.g. ``afklarende sundhedssamtale``.
        to: The administration that provides the offer.
        voluntary: True if the citizen may say no without consequence for their benefit.
        referrer: The member of staff who referred, where known.
    """

    KIND: ClassVar[EventKind] = EventKind.REFERRED
    referral_id: str = attrs.field(metadata=NON_BLANK)
    offer: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})
    to: Administration
    voluntary: bool
    referrer: str | None = attrs.field(default=None, metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        _text(check, self, "referral_id", "offer")
        check.member(self.to, Administration, "to")
        check.flag(self.voluntary, "voluntary")
        check.text(self.referrer, "referrer", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class _AboutReferral(Event):
    """An event that answers or follows up a referral.

    Attributes:
        referral_id: The referral it is about.
    """

    referral_id: str = attrs.field(metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        check.text(self.referral_id, "referral_id")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ReferralAccepted(_AboutReferral):
    """The citizen accepted a referral.

    Attributes:
        referral_id: The referral accepted.
    """

    KIND: ClassVar[EventKind] = EventKind.REFERRAL_ACCEPTED


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ReferralDeclined(_AboutReferral):
    """The citizen declined a referral.

    Attributes:
        referral_id: The referral declined.
    """

    KIND: ClassVar[EventKind] = EventKind.REFERRAL_DECLINED


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ContactMade(Event):
    """The recording administration made contact with the citizen.

    Attributes:
        referral_id: The referral the contact follows up, if any.
    """

    KIND: ClassVar[EventKind] = EventKind.CONTACT_MADE
    referral_id: str | None = attrs.field(default=None, metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        check.text(self.referral_id, "referral_id", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class _AboutConsent(Event):
    """An event about the citizen's consent to share information with an administration.

    Attributes:
        to: The administration that would receive the information.
        purpose: What the information would be used for.
    """

    to: Administration
    purpose: ConsentPurpose

    def _check(self, check: Checker) -> None:
        check.member(self.to, Administration, "to")
        check.member(self.purpose, ConsentPurpose, "purpose")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ConsentGiven(_AboutConsent):
    """The citizen consented to information being passed to an administration.

    Attributes:
        to: The administration that may receive the information.
        purpose: What the information may be used for.
        categories: The categories of information the consent covers; at least one.
        ends_on: The last day the consent covers, when it was given for a limited time; no
            earlier than the day it was given.
    """

    KIND: ClassVar[EventKind] = EventKind.CONSENT_GIVEN
    categories: frozenset[InformationCategory]
    ends_on: dt.date | None = None

    def _check(self, check: Checker) -> None:
        super()._check(check)
        if check.members(self.categories, InformationCategory, "categories"):
            check.expect(bool(self.categories), "categories", "must name at least one category")
        if (
            check.day(self.ends_on, "ends_on", optional=True)
            and self.ends_on is not None
            and is_day(self.occurred_on)  # a bad one is refused above
        ):
            check.expect(
                self.ends_on >= self.occurred_on, "ends_on", "must not be before occurred_on"
            )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ConsentWithdrawn(_AboutConsent):
    """The citizen withdrew every consent given to an administration for a purpose.

    It takes effect from the moment it happened and can always be recorded, whatever the log
    holds: a closed pathway, a consent never given, an event dated later. It cannot be
    annulled; only a new consent from the citizen gives the administration the information
    again.

    Attributes:
        to: The administration the consent was given to.
        purpose: The purpose it was given for.
    """

    KIND: ClassVar[EventKind] = EventKind.CONSENT_WITHDRAWN


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ConsentRefused(_AboutConsent):
    """The citizen was asked for consent and said no.

    A refusal ends every earlier consent to the administration for the purpose, as a
    withdrawal does, and like a withdrawal it can always be recorded and never annulled.

    Attributes:
        to: The administration that asked to receive information.
        purpose: What it was for.
    """

    KIND: ClassVar[EventKind] = EventKind.CONSENT_REFUSED


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ScreeningRecorded(Event):
    """A screening was done and its result recorded.

    Attributes:
        instrument: The instrument, e.g. ``who5``.
        score: The total score, where the instrument gives one.
    """

    KIND: ClassVar[EventKind] = EventKind.SCREENING_RECORDED
    instrument: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})
    score: int | None = attrs.field(default=None, repr=REDACT, metadata=SENSITIVE)

    def _check(self, check: Checker) -> None:
        check.text(self.instrument, "instrument")
        check.whole(self.score, "score", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ConversationHeld(Event):
    """A conversation with the citizen took place.

    Attributes:
        conversation: The kind of conversation.
        referral_id: The referral the conversation belongs to, if any.
    """

    KIND: ClassVar[EventKind] = EventKind.CONVERSATION_HELD
    conversation: ConversationKind
    referral_id: str | None = attrs.field(default=None, metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        check.member(self.conversation, ConversationKind, "conversation")
        check.text(self.referral_id, "referral_id", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class AssessmentHeld(Event):
    """A coordinated assessment of the citizen by staff of several professions (SST2019 kap. 6).

    Attributes:
        professions: The professions (roles) that took part; at least one.
        administrations: The administrations they came from; at least one.
    """

    KIND: ClassVar[EventKind] = EventKind.ASSESSMENT_HELD
    professions: frozenset[Role]
    administrations: frozenset[Administration]

    def _check(self, check: Checker) -> None:
        for name, kind in (("professions", Role), ("administrations", Administration)):
            if check.members(getattr(self, name), kind, name):
                check.expect(bool(getattr(self, name)), name, "must name at least one")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class _AboutPlan(Event):
    """An event about an intervention plan (indsatsplan).

    Attributes:
        plan_id: The plan.
    """

    plan_id: str = attrs.field(metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        check.text(self.plan_id, "plan_id")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PlanCreated(_AboutPlan):
    """A plan was made: an intervention plan, or the job centre's purpose plan.

    Attributes:
        plan_id: The new plan; unique within the pathway.
        plan_kind: What the plan is for; an intervention plan by default.
    """

    KIND: ClassVar[EventKind] = EventKind.PLAN_CREATED
    plan_kind: PlanKind = PlanKind.INTERVENTION_PLAN

    def _check(self, check: Checker) -> None:
        super()._check(check)
        check.member(self.plan_kind, PlanKind, "plan_kind")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class SubGoalSet(_AboutPlan):
    """A sub-goal was set under a plan (e.g. a therapist's sub-goal under the purpose plan).

    Attributes:
        plan_id: The plan the sub-goal serves; it must exist.
        goal_id: The sub-goal, unique within the plan.
    """

    KIND: ClassVar[EventKind] = EventKind.SUB_GOAL_SET
    goal_id: str = attrs.field(metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        super()._check(check)
        check.text(self.goal_id, "goal_id")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PlanAdjusted(_AboutPlan):
    """An intervention plan was changed.

    Attributes:
        plan_id: The plan changed.
    """

    KIND: ClassVar[EventKind] = EventKind.PLAN_ADJUSTED


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PlanItemAdded(Event):
    """An item of an intervention plan: one offer, who is responsible, and when it runs.

    Items of one plan may run in parallel (SST2019 kap. 6).

    Attributes:
        plan_id: The plan; it must exist.
        item_id: The item, unique within the plan.
        offer: What the citizen is offered.
        administration: The administration responsible for the item.
        profession: The profession (role) that carries it out.
        start: First day of the item.
        end: Last day of the item, if set.
    """

    KIND: ClassVar[EventKind] = EventKind.PLAN_ITEM_ADDED
    plan_id: str = attrs.field(metadata=NON_BLANK)
    item_id: str = attrs.field(metadata=NON_BLANK)
    offer: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})
    administration: Administration
    profession: Role
    start: dt.date
    end: dt.date | None = None

    def _check(self, check: Checker) -> None:
        _text(check, self, "plan_id", "item_id", "offer")
        check.member(self.administration, Administration, "administration")
        check.member(self.profession, Role, "profession")
        start_ok = check.day(self.start, "start")
        if check.day(self.end, "end", optional=True) and start_ok and self.end is not None:
            check.expect(self.end >= self.start, "end", "must not be before start")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ProgressionReviewed(Event):
    """A review of the citizen's progression under a plan, on an instrument (SST2019 kap. 6).

    Attributes:
        plan_id: The plan reviewed; it must exist.
        instrument: The instrument progression was measured with, e.g. ``who5``.
    """

    KIND: ClassVar[EventKind] = EventKind.PROGRESSION_REVIEWED
    plan_id: str = attrs.field(metadata=NON_BLANK)
    instrument: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})

    def _check(self, check: Checker) -> None:
        _text(check, self, "plan_id", "instrument")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class _AboutIntervention(Event):
    """An event in the life of one intervention (an offer the citizen takes part in).

    Attributes:
        offer: The offer, e.g. ``Åben og Rolig``; names the intervention within the pathway.
        referral_id: The referral that led to it, if any.
    """

    offer: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})
    referral_id: str | None = attrs.field(default=None, metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        check.text(self.offer, "offer")
        check.text(self.referral_id, "referral_id", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class InterventionStarted(_AboutIntervention):
    """The citizen started an intervention.

    Attributes:
        offer: The offer started; it must not already be running.
        referral_id: The referral that led to it, if any.
    """

    KIND: ClassVar[EventKind] = EventKind.INTERVENTION_STARTED


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class InterventionCompleted(_AboutIntervention):
    """The citizen completed a running intervention.

    Attributes:
        offer: The offer completed.
        referral_id: The referral that led to it, if any.
    """

    KIND: ClassVar[EventKind] = EventKind.INTERVENTION_COMPLETED


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class InterventionDroppedOut(_AboutIntervention):
    """The citizen left a running intervention before its end.

    Attributes:
        offer: The offer left.
        referral_id: The referral that led to it, if any.
    """

    KIND: ClassVar[EventKind] = EventKind.INTERVENTION_DROPPED_OUT


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class InterventionNotStarted(_AboutIntervention):
    """It was settled that the citizen will not start an intervention.

    Attributes:
        offer: The offer not started; it must not be running.
        referral_id: The referral that led to it, if any.
    """

    KIND: ClassVar[EventKind] = EventKind.INTERVENTION_NOT_STARTED


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class GrantReviewed(Event):
    """A health professional re-evaluated an intervention the job centre granted.

    Attributes:
        referral_id: The grant (the referral) re-evaluated; it must exist.
        outcome: Approved as granted, or changed.
    """

    KIND: ClassVar[EventKind] = EventKind.GRANT_REVIEWED
    referral_id: str = attrs.field(metadata=NON_BLANK)
    outcome: GrantOutcome

    def _check(self, check: Checker) -> None:
        check.text(self.referral_id, "referral_id")
        check.member(self.outcome, GrantOutcome, "outcome")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ReportWritten(Event):
    """A report about the citizen's course was written.

    Attributes:
        report: The kind of report.
        referral_id: The referral the report closes, if any.
    """

    KIND: ClassVar[EventKind] = EventKind.REPORT_WRITTEN
    report: ReportKind
    referral_id: str | None = attrs.field(default=None, metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        check.member(self.report, ReportKind, "report")
        check.text(self.referral_id, "referral_id", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class EmployerContacted(Event):
    """A company was contacted about a job for the citizen.

    Attributes:
        reverse_placement: True when the citizen's needs, motivation and wishes chose the
            company (omvendt formidling), as in IPS.
    """

    KIND: ClassVar[EventKind] = EventKind.EMPLOYER_CONTACTED
    reverse_placement: bool

    def _check(self, check: Checker) -> None:
        check.flag(self.reverse_placement, "reverse_placement")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ReferredOnward(Event):
    """The citizen was referred on to another offer or provider.

    Attributes:
        destination: Where to, e.g. ``Aalborg Sundhedscenter`` or ``egen læge``.
        to: The administration of the destination, where it is one.
    """

    KIND: ClassVar[EventKind] = EventKind.REFERRED_ONWARD
    destination: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})
    to: Administration | None = None

    def _check(self, check: Checker) -> None:
        check.text(self.destination, "destination")
        check.member(self.to, Administration, "to", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ReturnedToCaseworker(Event):
    """The citizen was sent back to the caseworker to be reassessed (ODENSE2015 pkt. 4).

    Attributes:
        referral_id: The referral the citizen was sent back from, if any.
    """

    KIND: ClassVar[EventKind] = EventKind.RETURNED_TO_CASEWORKER
    referral_id: str | None = attrs.field(default=None, metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        check.text(self.referral_id, "referral_id", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class BenefitChanged(Event):
    """The citizen's funding basis changed.

    Attributes:
        benefit: The new funding basis, or None when the citizen has none.
    """

    KIND: ClassVar[EventKind] = EventKind.BENEFIT_CHANGED
    benefit: Benefit | None

    def _check(self, check: Checker) -> None:
        check.member(self.benefit, Benefit, "benefit", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class TargetGroupAssessed(Event):
    """A professional placed the citizen in a target group (SST2019 ch. 4).

    Attributes:
        group: The target group, or None when the citizen is not in scope.
    """

    KIND: ClassVar[EventKind] = EventKind.TARGET_GROUP_ASSESSED
    group: RiskGroup | None = attrs.field(repr=REDACT, metadata=SENSITIVE)

    def _check(self, check: Checker) -> None:
        check.member(self.group, RiskGroup, "group", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CaseworkerAssigned(Event):
    """A member of staff was assigned to the citizen's case.

    A new coordinating caseworker takes over from the one before.

    Attributes:
        staff_id: The member of staff.
        role: Their role on the case; ``koordinerende_sagsbehandler`` for the coordinating
            caseworker.
    """

    KIND: ClassVar[EventKind] = EventKind.CASEWORKER_ASSIGNED
    staff_id: str = attrs.field(metadata=NON_BLANK)
    role: Role = Role.CASEWORKER

    def _check(self, check: Checker) -> None:
        check.text(self.staff_id, "staff_id")
        check.member(self.role, Role, "role")

    @property
    def coordinating(self) -> bool:
        """True if the assignment is as the coordinating caseworker."""
        return self.role is Role.COORDINATING_CASEWORKER


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CaseworkerReleased(Event):
    """A member of staff stopped working on the citizen's case.

    Attributes:
        staff_id: The member of staff; must be assigned.
    """

    KIND: ClassVar[EventKind] = EventKind.CASEWORKER_RELEASED
    staff_id: str = attrs.field(metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        check.text(self.staff_id, "staff_id")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class InformationDisclosed(Event):
    """Information about the citizen passed from one administration to another.

    The log records every disclosure, allowed or not: it is the audit trail, and the consent
    rules find the ones made without consent. The administration that recorded the event may
    be either side; ``source`` and ``to`` say which way the information went.

    Attributes:
        source: The administration that held the information and passed it on.
        to: The administration that received the information; not ``source``.
        category: What kind of information.
        purpose: What it was passed on for. A disclosure on consent needs one to be judged
            covered; without one no consent covers it.
        legal_basis: The statutory provision the disclosure rests on instead of consent, as
            the case system cites it (e.g. a duty to notify); None for a disclosure on
            consent. helhed records it and never counts it as consent.
    """

    KIND: ClassVar[EventKind] = EventKind.INFORMATION_DISCLOSED
    source: Administration
    to: Administration
    category: InformationCategory
    purpose: ConsentPurpose | None = None
    legal_basis: str | None = attrs.field(default=None, metadata=NON_BLANK)

    def _check(self, check: Checker) -> None:
        source = check.member(self.source, Administration, "source")
        if check.member(self.to, Administration, "to") and source:
            check.expect(
                self.to is not self.source,
                "to",
                "must not be the source; information that stays within one administration is "
                "not disclosed",
            )
        check.member(self.category, InformationCategory, "category")
        check.member(self.purpose, ConsentPurpose, "purpose", optional=True)
        check.text(self.legal_basis, "legal_basis", optional=True)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class JobOrEducationStarted(Event):
    """The citizen started a job or an education.

    Attributes:
        placement: Job or education.
    """

    KIND: ClassVar[EventKind] = EventKind.JOB_OR_EDUCATION_STARTED
    placement: Placement

    def _check(self, check: Checker) -> None:
        check.member(self.placement, Placement, "placement")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PathwayClosed(Event):
    """The pathway ended; nothing may happen after it but the citizen's withdrawal or refusal.

    Events that happened before the closing may still be recorded afterwards.
    """

    KIND: ClassVar[EventKind] = EventKind.PATHWAY_CLOSED


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class EventAnnulled(Event):
    """An earlier event of the log was entered in error and no longer counts.

    The log keeps both, so the audit shows the original and its correction; replay, rules,
    reports and exports leave the annulled event out. An annulment names its event by its
    position in the log; it cannot annul another annulment, an event already annulled, or the
    citizen's withdrawal or refusal of consent. It is recorded when it is made
    (``occurred_on`` is that day) and must name who made it (``recorder``).

    Attributes:
        annuls: The position in the log (from 0) of the event entered in error.
        reason: Why it was entered in error. Hidden from ``repr``: it may describe the
            citizen's health.
    """

    KIND: ClassVar[EventKind] = EventKind.EVENT_ANNULLED
    annuls: int
    reason: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})

    def _check(self, check: Checker) -> None:
        check.whole(self.annuls, "annuls")
        check.text(self.reason, "reason")
        check.text(self.recorder, "recorder")


EVENT_TYPES: Mapping[EventKind, type[Event]] = MappingProxyType(
    {
        cls.KIND: cls
        for cls in (
            Referred,
            ReferralAccepted,
            ReferralDeclined,
            ContactMade,
            ConsentGiven,
            ConsentWithdrawn,
            ConsentRefused,
            ScreeningRecorded,
            ConversationHeld,
            AssessmentHeld,
            PlanCreated,
            PlanAdjusted,
            PlanItemAdded,
            SubGoalSet,
            ProgressionReviewed,
            GrantReviewed,
            InterventionStarted,
            InterventionCompleted,
            InterventionDroppedOut,
            InterventionNotStarted,
            ReportWritten,
            EmployerContacted,
            ReferredOnward,
            ReturnedToCaseworker,
            BenefitChanged,
            TargetGroupAssessed,
            CaseworkerAssigned,
            CaseworkerReleased,
            InformationDisclosed,
            JobOrEducationStarted,
            PathwayClosed,
            EventAnnulled,
        )
    }
)
"""Every concrete event type by its kind, in the order of ``EventKind``."""
