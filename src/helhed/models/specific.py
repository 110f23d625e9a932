"""Model 3: specific interventions for specific target groups (SST2019 kap. 8).

SST2019 kap. 8 lists three content elements: "Afklarende samtale forud for indsats";
"Indsats i forhold til at lære borgerne at tackle en hverdag med sygdom og job"; and
"Fremskudt tilstedeværelse af personale fra sundhedsafdelingen på beskæftigelsesområdet".
This module gives values to the first and the third, and to the chapter's case 8.3
(Individual Placement and Support, IPS), which is a case, not a content element:

* **a clarifying conversation before the intervention** (afklarende samtale, SST2019 8.2): the
  citizen, someone from the job centre (a job consultant or a caseworker) and a health
  professional agree on the offers together, and the company-directed effort is lined up
  with the health offers so that both run at the same time -
  [`ClarifyingConversation`][helhed.models.specific.ClarifyingConversation] and
  [`parallel_check`][helhed.models.specific.parallel_check];
* **outposted health staff** (fremskudt tilstedeværelse) in the employment area: a weekly
  presence of so many hours on given weekdays in a unit -
  [`PresenceSchedule`][helhed.models.specific.PresenceSchedule] (AALBORG2019);
* **the IPS case** (SST2019 8.3), Copenhagen's Individual Placement and Support for citizens
  with severe mental illness or substance abuse - who is in the target group
  ([`ips_eligibility`][helhed.models.specific.ips_eligibility]) and the consultant's limit of
  25 citizens ([`Caseload`][helhed.models.specific.Caseload]).

The second content element, the courses that teach citizens to live with an illness and a
job (Tønder's diabetes course, 8.1; Aalborg's *Åben og Rolig Flex*), and the municipal
protocols are in ``helhed.cases``.

Where the sources are silent helhed chooses, and says so:

* a clarifying conversation's plan items count as *company-directed* when the job centre is
  responsible for them and as *health offers* when the health department is; an item without
  an end runs on until the day given to ``parallel_check`` (for ever when none is given);
* a health professional is a member of the health department in a health role
  (``Role.health_professional``);
* SST2019's limit of 25 citizens per IPS consultant is used, not the 20 of the international
  IPS-25 fidelity scale;
* IPS's funding bases take every kind of cash benefit and education benefit
  ([`IPS_FUNDING`][helhed.models.specific.IPS_FUNDING]), and a motivated citizen is excluded
  for nothing else ([`ips_eligibility`][helhed.models.specific.ips_eligibility]);
* the rule that the conversation comes first
  ([`clarifying_first`][helhed.models.specific.clarifying_first]) judges only citizens who
  had one, and only the health department's interventions: the conversation is granted to the
  citizens who particularly need a cross-disciplinary effort (SST2019 8.2).

Examples:
    >>> import datetime as dt
    >>> # 3 hours a day in Uddannelseshuset is an example: AALBORG2019 gives its two days only.
    >>> schedule = PresenceSchedule(unit="Uddannelseshuset",
    ...     weekdays=frozenset({Weekday.TUESDAY, Weekday.THURSDAY}), hours_per_day=3,
    ...     starts=dt.date(2018, 1, 1))
    >>> schedule.hours_per_week
    6.0
    >>> load = Caseload(consultant_id="ips-1", limit=1).assign("c-1", on=dt.date(2024, 3, 4))
    >>> load.assign("c-2", on=dt.date(2024, 3, 5))
    Traceback (most recent call last):
    ...
    helhed.models.specific.CaseloadFullError: consultant ips-1 already has 1 citizens; the limit \
is 1 (SST2019 8.3)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs
from dateutil import rrule

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK, REDACT, SENSITIVE
from helhed._validation import Checker, items_of, pair_of
from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.collaboration import CollaborationModel
from helhed.errors import HelhedError, ValidationError, quoted
from helhed.organisation import Administration, Period, Role, StaffMember
from helhed.pathways.events import (
    ConversationHeld,
    ConversationKind,
    Event,
    InterventionStarted,
    PlanCreated,
    PlanItemAdded,
)
from helhed.rules import Protocol, Rule, Severity, every, when
from helhed.rules.conditions import conversation_first
from helhed.sources import Basis, Citation, Reading, Reason

__all__ = [
    "CLARIFYING_FIRST_READING",
    "IPS_CASELOAD_LIMIT",
    "IPS_FUNDING",
    "JOB_CENTRE_ROLES",
    "SPECIFIC",
    "Caseload",
    "CaseloadEntry",
    "CaseloadFullError",
    "ClarifyingConversation",
    "IpsCondition",
    "IpsEligibility",
    "ParallelCheck",
    "Participant",
    "PresenceSchedule",
    "Weekday",
    "clarifying_first",
    "ips_eligibility",
    "parallel_check",
]

_SST82 = Citation("SST2019", "8.2")
_SST83 = Citation("SST2019", "8.3")
_A = Administration

IPS_CASELOAD_LIMIT = 25
"""The most citizens one IPS consultant has at a time (SST2019 8.3). The IPS-25 fidelity
scale's top anchor is 20; helhed follows the Danish source."""

IPS_FUNDING = frozenset(
    {
        Benefit.CASH_BENEFIT_JOB_READY,
        Benefit.CASH_BENEFIT_EDUCATION_READY,
        Benefit.CASH_BENEFIT_ACTIVITY_READY,
        Benefit.EDUCATION_BENEFIT_EDUCATION_READY,
        Benefit.EDUCATION_BENEFIT_ACTIVITY_READY,
        Benefit.RESOURCE_COURSE,
    }
)
"""The funding bases of Copenhagen's IPS target group: cash benefit (every kind), education
benefit (every kind) and resource course.

SST2019 8.3: "Målgruppen er kontanthjælps- og uddannelseshjælpsmodtagere og borgere i
ressourceforløb". The source does not split the two benefits by how ready the citizen is;
taking every kind of each (job-, education- and activity-ready) is helhed's reading of those
plain words.
"""

JOB_CENTRE_ROLES = frozenset({Role.JOB_CONSULTANT, Role.CASEWORKER, Role.COORDINATING_CASEWORKER})
"""The job centre roles that may represent the job centre in a clarifying conversation: the
job consultant or the caseworker (SST2019 8.2); a coordinating caseworker is a caseworker."""


# --- the clarifying conversation (SST2019 8.2) -------------------------------------------


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Participant:
    """Someone taking part in a clarifying conversation: the citizen or a member of staff.

    Attributes:
        id: The citizen's id, or the member of staff's.
        role: The member of staff's role; None for the citizen.
        administration: The member of staff's administration; None for the citizen.
    """

    id: str = attrs.field(metadata=NON_BLANK)
    role: Role | None = None
    administration: Administration | None = None

    def __attrs_post_init__(self) -> None:
        """Validate; staff have both a role and an administration, the citizen neither."""
        check = Checker()
        check.text(self.id, "id")
        check.member(self.role, Role, "role", optional=True)
        check.member(self.administration, Administration, "administration", optional=True)
        check.expect(
            (self.role is None) == (self.administration is None),
            "administration",
            "is given together with a role (staff) or not at all (the citizen)",
        )
        check.done()

    @classmethod
    def citizen(cls, citizen_id: str) -> Participant:
        """The citizen as a participant."""
        return cls(id=citizen_id)

    @classmethod
    def staff(cls, member: StaffMember) -> Participant:
        """A member of staff as a participant."""
        return cls(id=member.id, role=member.role, administration=member.administration)

    @property
    def is_citizen(self) -> bool:
        """True for the citizen."""
        return self.role is None

    @property
    def represents_job_centre(self) -> bool:
        """True for a job consultant or caseworker of the job centre."""
        return self.administration is _A.JOB_CENTRE and self.role in JOB_CENTRE_ROLES

    @property
    def health_professional(self) -> bool:
        """True for a member of the health department in a health role."""
        return (
            self.administration is _A.HEALTH
            and self.role is not None
            and self.role.health_professional
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ClarifyingConversation:
    """A clarifying conversation and the plan items it led to (SST2019 8.2).

    The citizen, the job centre (a job consultant or caseworker) and a health professional
    from the health centre decide together which offers the citizen gets; a conversation
    without any of the three is refused.

    Attributes:
        citizen_id: The citizen.
        on: The day of the conversation.
        participants: Who took part; the citizen, a job consultant or caseworker of the job
            centre and a health professional of the health department must all be there.
            Ids are unique.
        items: The plan items agreed, company-directed and health offers alike; each belongs
            to the citizen and is added on or after the day of the conversation, and each
            (plan, item) pair is unique.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    on: dt.date
    participants: tuple[Participant, ...]
    items: tuple[PlanItemAdded, ...] = ()

    def __attrs_post_init__(self) -> None:
        """Validate every field; name each missing participant."""
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        day_ok = check.day(self.on, "on")
        if check.each(self.participants, Participant, "participants"):
            _check_participants(check, self.citizen_id, self.participants)
        if check.each(self.items, PlanItemAdded, "items"):
            seen: set[tuple[str, str]] = set()
            for i, item in enumerate(self.items):
                check.expect(
                    item.citizen_id == self.citizen_id,
                    f"items[{i}].citizen_id",
                    "must be the conversation's citizen",
                )
                if day_ok:
                    check.expect(
                        item.occurred_on >= self.on,
                        f"items[{i}].occurred_on",
                        "must not be before the conversation",
                    )
                key = (item.plan_id, item.item_id)
                check.expect(key not in seen, f"items[{i}].item_id", "is a duplicate in its plan")
                seen.add(key)
        check.done()

    def parallel(self, *, on: dt.date | None = None) -> ParallelCheck:
        """Whether the agreed company-directed and health offers run at the same time.

        See [`parallel_check`][helhed.models.specific.parallel_check].
        """
        return parallel_check(self.items, on=on)

    def events(
        self, *, recorded_by: Administration = _A.JOB_CENTRE, referral_id: str | None = None
    ) -> tuple[Event, ...]:
        """The conversation as pathway events: the conversation, then each plan and its items.

        A plan is created on the day its first item is added. The events are in date order,
        ready to append to the citizen's pathway.
        """
        out: list[Event] = [
            ConversationHeld(
                citizen_id=self.citizen_id,
                occurred_on=self.on,
                recorded_by=recorded_by,
                conversation=ConversationKind.CLARIFYING_CONVERSATION,
                referral_id=referral_id,
            )
        ]
        plans: set[str] = set()
        for item in sorted(self.items, key=lambda item: item.occurred_on):
            if item.plan_id not in plans:
                plans.add(item.plan_id)
                out.append(
                    PlanCreated(
                        citizen_id=self.citizen_id,
                        occurred_on=item.occurred_on,
                        recorded_by=recorded_by,
                        plan_id=item.plan_id,
                    )
                )
            out.append(item)
        return tuple(out)


def _check_participants(
    check: Checker, citizen_id: str, participants: tuple[Participant, ...]
) -> None:
    seen: set[str] = set()
    for i, person in enumerate(participants):
        check.expect(person.id not in seen, f"participants[{i}].id", "is a duplicate")
        seen.add(person.id)
    check.expect(
        any(p.is_citizen and p.id == citizen_id for p in participants),
        "participants",
        "must include the citizen (SST2019 8.2)",
    )
    check.expect(
        any(p.represents_job_centre for p in participants),
        "participants",
        "must include a job consultant or caseworker of the job centre (SST2019 8.2)",
    )
    check.expect(
        any(p.health_professional for p in participants),
        "participants",
        "must include a health professional of the health department (SST2019 8.2)",
    )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ParallelCheck:
    """Whether company-directed and health offers are both planned and overlap in time.

    Attributes:
        parallel: True if there is at least one of each and some pair overlaps.
        company_directed: Ids of the items the job centre is responsible for.
        health: Ids of the items the health department is responsible for.
        overlapping: Each (company-directed, health) pair of item ids that overlap.
        reasons: Why, each with its citation.
    """

    parallel: bool
    company_directed: tuple[str, ...]
    health: tuple[str, ...]
    overlapping: tuple[tuple[str, str], ...]
    reasons: tuple[Reason, ...]


def parallel_check(items: Iterable[PlanItemAdded], *, on: dt.date | None = None) -> ParallelCheck:
    """Whether the company-directed and health items run in parallel (SST2019 8.2).

    Items of the job centre are company-directed, items of the health department are health
    offers; items of other administrations are left out. Two items overlap when they share
    at least one day, both ends included. An item without an end runs until ``on``, or
    without end when ``on`` is not given.

    Raises:
        ValidationError: If ``items`` is not a list of ``PlanItemAdded`` or ``on`` is not a
            date, naming each bad item.
    """
    check = Checker()
    check.day(on, "on", optional=True)
    check.done()
    items = items_of(items, PlanItemAdded, "items")
    until = dt.date.max if on is None else on

    def last(item: PlanItemAdded) -> dt.date:
        return item.end if item.end is not None else max(until, item.start)

    company = [i for i in items if i.administration is _A.JOB_CENTRE]
    health = [i for i in items if i.administration is _A.HEALTH]
    pairs = tuple(
        (a.item_id, b.item_id)
        for a in company
        for b in health
        if a.start <= last(b) and b.start <= last(a)
    )
    reasons: list[Reason] = []
    if not company:
        reasons.append(
            Reason(
                "specific.parallel.no_company_directed",
                "Planen har ingen virksomhedsrettet indsats fra jobcentret.",
                "The plan has no company-directed item from the job centre.",
                _SST82,
            )
        )
    if not health:
        reasons.append(
            Reason(
                "specific.parallel.no_health",
                "Planen har intet sundhedstilbud fra sundhedsafdelingen.",
                "The plan has no health offer from the health department.",
                _SST82,
            )
        )
    if company and health:
        reasons.append(
            Reason(
                "specific.parallel.yes",
                f"{len(pairs)} par af virksomhedsrettede og sundhedsfaglige indsatser kører "
                "samtidig.",
                f"{len(pairs)} pair(s) of company-directed and health items run at the same time.",
                _SST82,
            )
            if pairs
            else Reason(
                "specific.parallel.apart",
                "De virksomhedsrettede og sundhedsfaglige indsatser ligger efter hinanden og "
                "overlapper ikke.",
                "The company-directed and health items run one after the other and never overlap.",
                _SST82,
            )
        )
    return ParallelCheck(
        parallel=bool(pairs),
        company_directed=tuple(i.item_id for i in company),
        health=tuple(i.item_id for i in health),
        overlapping=pairs,
        reasons=tuple(reasons),
    )


# --- outposted health staff (AALBORG2019) ------------------------------------------------


class Weekday(CodedEnum):
    """A day of the week; ``number`` counts from Monday = 0, as ``date.weekday()`` does."""

    MONDAY = ("mandag", "Mandag", "Monday")
    TUESDAY = ("tirsdag", "Tirsdag", "Tuesday")
    WEDNESDAY = ("onsdag", "Onsdag", "Wednesday")
    THURSDAY = ("torsdag", "Torsdag", "Thursday")
    FRIDAY = ("fredag", "Fredag", "Friday")
    SATURDAY = ("loerdag", "Lørdag", "Saturday")
    SUNDAY = ("soendag", "Søndag", "Sunday")

    @property
    def number(self) -> int:
        """0 for Monday to 6 for Sunday."""
        return list(Weekday).index(self)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PresenceSchedule:
    """When health staff are present in a unit of the job centre: weekdays and hours.

    Model 3 asks the health side to prioritise an outposted presence (fremskudt
    tilstedeværelse, SST2019 kap. 8); in Aalborg health workers sit in four units of the job
    centre one day a week for three hours, two days a week in Uddannelseshuset (AALBORG2019:
    "en dag om ugen i 3 timer (i Uddannelseshuset er de tilstede 2 dage om ugen)"). The source
    gives no hours for Uddannelseshuset's two days; an example of 3 hours a day there is
    helhed's reading, not the source's figure.

    Attributes:
        unit: The unit of the job centre, e.g. ``Sygedagpengehuset``.
        weekdays: The days of the week the staff are there; at least one.
        hours_per_day: Hours present on each of those days; more than 0, at most 24.
        starts: The first day of the arrangement.
        ends: The last day, or None while it lasts.
    """

    unit: str = attrs.field(metadata=NON_BLANK)
    weekdays: frozenset[Weekday]
    hours_per_day: float
    starts: dt.date
    ends: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        """Validate every field; raise all problems at once."""
        check = Checker()
        check.text(self.unit, "unit")
        if check.members(self.weekdays, Weekday, "weekdays"):
            check.expect(bool(self.weekdays), "weekdays", "must name at least one weekday")
        hours: object = self.hours_per_day
        if check.expect(
            isinstance(hours, (int, float)) and not isinstance(hours, bool),
            "hours_per_day",
            "must be a number",
        ):
            check.expect(
                0 < self.hours_per_day <= 24,
                "hours_per_day",
                "must be more than 0 and at most 24",
            )
        starts_ok = check.day(self.starts, "starts")
        if check.day(self.ends, "ends", optional=True) and starts_ok and self.ends is not None:
            check.expect(self.ends >= self.starts, "ends", "must not be before starts")
        check.done()

    @property
    def hours_per_week(self) -> float:
        """Hours present in a full week: hours per day times the number of weekdays."""
        return float(self.hours_per_day * len(self.weekdays))

    def dates(self, period: Period, *, closed: Iterable[dt.date] = ()) -> tuple[dt.date, ...]:
        """The days within ``period`` the staff are present, in order.

        Only days within the arrangement (``starts`` to ``ends``) count; days in ``closed``
        (holidays, closing days) are left out, not made up.
        """
        first = max(self.starts, period.start)
        last = period.end if self.ends is None else min(self.ends, period.end)
        if first > last:
            return ()
        days = rrule.rruleset()
        days.rrule(
            rrule.rrule(
                rrule.WEEKLY,
                dtstart=_midnight(first),
                until=_midnight(last),
                byweekday=sorted(w.number for w in self.weekdays),
            )
        )
        for day in closed:
            days.exdate(_midnight(day))
        return tuple(moment.date() for moment in days)

    def hours(self, period: Period, *, closed: Iterable[dt.date] = ()) -> float:
        """Hours present within ``period``: hours per day times the days present."""
        return float(self.hours_per_day * len(self.dates(period, closed=closed)))

    def present_on(self, day: dt.date) -> bool:
        """True if the staff are present on ``day`` (closing days aside)."""
        return (
            self.starts <= day
            and (self.ends is None or day <= self.ends)
            and any(w.number == day.weekday() for w in self.weekdays)
        )


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


# --- Individual Placement and Support (SST2019 8.3) --------------------------------------


class IpsCondition(CodedEnum):
    """An illness that places a citizen in Copenhagen's IPS target group (SST2019 8.3)."""

    SCHIZOPHRENIA = ("skizofreni", "Skizofreni", "Schizophrenia")
    BIPOLAR_DISORDER = ("bipolar_lidelse", "Bipolar lidelse", "Bipolar disorder")
    SEVERE_DEPRESSION = ("svaer_depression", "Svær depression", "Severe depression")
    SUBSTANCE_ABUSE = ("misbrug", "Misbrug", "Substance abuse")

    @property
    def severe_mental_illness(self) -> bool:
        """True for the severe mental illnesses; False for substance abuse."""
        return self is not IpsCondition.SUBSTANCE_ABUSE


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class IpsEligibility:
    """Whether a citizen is in Copenhagen's IPS target group, with the reasons.

    Attributes:
        citizen_id: The citizen.
        eligible: True when every condition holds.
        funding_fits: The funding basis is cash benefit, education benefit or resource course.
        in_treatment: The citizen is in treatment for the illness.
        condition_fits: The citizen has a severe mental illness or a substance abuse.
        motivated: The citizen wants to work or study.
        reasons: One reason per condition, in the order above, and the zero-exclusion
            principle when the citizen is eligible.
    """

    citizen_id: str
    eligible: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    funding_fits: bool
    in_treatment: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    condition_fits: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    motivated: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    reasons: tuple[Reason, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)


def ips_eligibility(
    citizen: Citizen,
    *,
    in_treatment: bool,
    diagnosis: IpsCondition | None,
    motivated: bool = True,
) -> IpsEligibility:
    """Is ``citizen`` in the target group of Copenhagen's IPS (SST2019 8.3)?

    Four conditions, all needed: a funding basis of cash benefit (any kind), education
    benefit (any kind) or resource course; a severe mental illness (schizophrenia, bipolar
    disorder, severe depression) or a substance abuse; being in treatment for it; and the
    wish to work or study. Nothing else excludes a motivated citizen (zero exclusion; 8.3:
    "ingen, der er motiveret for at arbejde eller gå i uddannelse, skal udelukkes", and the
    citizens can work "uden forudgående træning").

    helhed's reading: SST2019 names no grounds that may not exclude. The three this function
    stands for - not the degree of illness, not a missing job readiness, not a substance
    abuse alongside - follow the IPS principle "Eligibility Based on Client Choice" of the
    IPS Employment Center (ipsworks.org, practice and principles; VERIFIED), which names
    readiness, symptoms and substance use among them. The default ``motivated=True`` rests
    on the same principle (eligibility by the citizen's own choice), not on SST2019.

    Args:
        citizen: The citizen; only the funding basis is read.
        in_treatment: True if the citizen is in treatment for the illness.
        diagnosis: The citizen's condition among the four, or None for none of them.
        motivated: True if the citizen wants to work or study (the default, helhed's
            reading: IPS is offered by the citizen's own choice, see above).

    Raises:
        ValidationError: If an argument has the wrong type.
    """
    check = Checker()
    check.expect(isinstance(citizen, Citizen), "citizen", "must be a Citizen")
    check.flag(in_treatment, "in_treatment")
    check.member(diagnosis, IpsCondition, "diagnosis", optional=True)
    check.flag(motivated, "motivated")
    check.done()
    funding = citizen.benefit in IPS_FUNDING
    condition = diagnosis is not None
    reasons = [
        _funding_reason(citizen.benefit),
        _condition_reason(diagnosis),
        Reason(
            "ips.treatment.yes" if in_treatment else "ips.treatment.no",
            "Borgeren er i behandling for sin lidelse."
            if in_treatment
            else "Borgeren er ikke i behandling for sin lidelse; det er et krav.",
            "The citizen is in treatment for the illness."
            if in_treatment
            else "The citizen is not in treatment for the illness; that is required.",
            _SST83,
        ),
        Reason(
            "ips.motivated.yes" if motivated else "ips.motivated.no",
            "Borgeren er motiveret for job eller uddannelse."
            if motivated
            else "Borgeren er ikke motiveret for job eller uddannelse; IPS bygger på borgerens "
            "eget ønske.",
            "The citizen wants to work or study."
            if motivated
            else "The citizen does not want to work or study; IPS rests on the citizen's own wish.",
            _SST83,
        ),
    ]
    eligible = funding and condition and in_treatment and motivated
    if eligible:
        reasons.append(
            Reason(
                "ips.zero_exclusion",
                "Ingen, der er motiveret for job eller uddannelse, udelukkes af andre grunde.",
                "Nobody who wants to work or study is excluded for any other reason.",
                _SST83,
            )
        )
    return IpsEligibility(
        citizen_id=citizen.id,
        eligible=eligible,
        funding_fits=funding,
        in_treatment=in_treatment,
        condition_fits=condition,
        motivated=motivated,
        reasons=tuple(reasons),
    )


def _funding_reason(benefit: Benefit | None) -> Reason:
    scope = (
        "kontanthjælp, uddannelseshjælp eller ressourceforløb",
        "cash benefit, education benefit or resource course",
    )
    if benefit is None:
        return Reason(
            "ips.funding.none",
            f"Intet forsørgelsesgrundlag er oplyst; IPS er for borgere på {scope[0]}.",
            f"No funding basis is given; IPS is for citizens on {scope[1]}.",
            _SST83,
        )
    if benefit in IPS_FUNDING:
        return Reason(
            "ips.funding.yes",
            f"{benefit.label_da}: i målgruppen ({scope[0]}).",
            f"{benefit.label_en}: in the target group ({scope[1]}).",
            _SST83,
        )
    return Reason(
        "ips.funding.no",
        f"{benefit.label_da}: ikke i målgruppen; den er {scope[0]}.",
        f"{benefit.label_en}: not in the target group, which is {scope[1]}.",
        _SST83,
    )


def _condition_reason(diagnosis: IpsCondition | None) -> Reason:
    if diagnosis is None:
        return Reason(
            "ips.condition.no",
            "Hverken svær sindslidelse (skizofreni, bipolar lidelse, svær depression) eller "
            "misbrug.",
            "Neither a severe mental illness (schizophrenia, bipolar disorder, severe "
            "depression) nor a substance abuse.",
            _SST83,
        )
    kind = (
        ("en svær sindslidelse", "a severe mental illness")
        if diagnosis.severe_mental_illness
        else (
            "misbrug, som metoden er udvidet til",
            "substance abuse, which the method was extended to",
        )
    )
    return Reason(
        "ips.condition.yes",
        f"{diagnosis.label_da}: {kind[0]}.",
        f"{diagnosis.label_en}: {kind[1]}.",
        _SST83,
    )


class CaseloadFullError(HelhedError):
    """An IPS consultant already has as many citizens as the limit allows.

    Attributes:
        consultant_id: The consultant.
        limit: The limit.
    """

    consultant_id: str
    limit: int

    def __init__(self, consultant_id: str, limit: int) -> None:
        """Create the error for ``consultant_id`` at ``limit``."""
        self.consultant_id = consultant_id
        self.limit = limit
        super().__init__(
            f"consultant {consultant_id} already has {limit} citizens; the limit is {limit} "
            f"({_SST83})"
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CaseloadEntry:
    """A citizen on a consultant's caseload.

    Attributes:
        citizen_id: The citizen.
        since: The day the citizen was assigned.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    since: dt.date

    def __attrs_post_init__(self) -> None:
        """Validate every field."""
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        check.day(self.since, "since")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Caseload:
    """The citizens of one IPS consultant, at most ``limit`` at a time (SST2019 8.3).

    A value: ``assign`` and ``release`` return a new caseload and leave this one as it was.

    Attributes:
        consultant_id: The consultant.
        limit: The most citizens at a time; 25 by default.
        citizens: The citizens, in the order they were assigned; ids are unique.
    """

    consultant_id: str = attrs.field(metadata=NON_BLANK)
    limit: int = IPS_CASELOAD_LIMIT
    citizens: tuple[CaseloadEntry, ...] = ()

    def __attrs_post_init__(self) -> None:
        """Validate; citizen ids are unique and no more than ``limit``."""
        check = Checker()
        check.text(self.consultant_id, "consultant_id")
        limit_ok = check.whole(self.limit, "limit", minimum=1)
        if check.each(self.citizens, CaseloadEntry, "citizens"):
            seen: set[str] = set()
            for i, entry in enumerate(self.citizens):
                check.expect(
                    entry.citizen_id not in seen, f"citizens[{i}].citizen_id", "is a duplicate"
                )
                seen.add(entry.citizen_id)
            if limit_ok:
                check.expect(
                    len(self.citizens) <= self.limit,
                    "citizens",
                    f"holds {len(self.citizens)}; the limit is {self.limit}",
                )
        check.done()

    @property
    def citizen_ids(self) -> tuple[str, ...]:
        """The citizens' ids, in the order they were assigned."""
        return tuple(entry.citizen_id for entry in self.citizens)

    @property
    def free(self) -> int:
        """How many more citizens the consultant can take."""
        return self.limit - len(self.citizens)

    @property
    def full(self) -> bool:
        """True when the consultant can take no more citizens."""
        return self.free == 0

    def __len__(self) -> int:
        """Number of citizens."""
        return len(self.citizens)

    def __contains__(self, citizen_id: object) -> bool:
        """True if the citizen is on the caseload."""
        return any(entry.citizen_id == citizen_id for entry in self.citizens)

    def __iter__(self) -> Iterator[CaseloadEntry]:
        """The entries, in the order they were assigned."""
        return iter(self.citizens)

    def assign(self, citizen_id: str, on: dt.date) -> Caseload:
        """A new caseload with ``citizen_id`` added on ``on``.

        Raises:
            ValidationError: If the citizen is already on the caseload, or an argument is
                not valid.
            CaseloadFullError: If the consultant already has ``limit`` citizens.
        """
        entry = CaseloadEntry(citizen_id=citizen_id, since=on)
        if citizen_id in self:
            raise ValidationError.at(
                "citizen_id",
                f"is already on the caseload of consultant {quoted(self.consultant_id)}",
            )
        if self.full:
            raise CaseloadFullError(self.consultant_id, self.limit)
        return attrs.evolve(self, citizens=(*self.citizens, entry))

    def release(self, citizen_id: str) -> Caseload:
        """A new caseload without ``citizen_id``, freeing a place.

        Raises:
            ValidationError: If the citizen is not on the caseload.
        """
        if citizen_id not in self:
            raise ValidationError.at(
                "citizen_id", f"is not on the caseload of consultant {quoted(self.consultant_id)}"
            )
        return attrs.evolve(
            self, citizens=tuple(e for e in self.citizens if e.citizen_id != citizen_id)
        )


CLARIFYING_FIRST_READING = Reading(
    "Modellen sætter den afklarende samtale forud for indsatsen, men samtalen bevilges kun "
    "til borgere, som særligt har brug for en tværfaglig indsats (SST2019 8.2), og Tønder "
    "og IPS har ingen. helhed bedømmer derfor kun borgere, der har haft en afklarende "
    "samtale, og kun sundhedsafdelingens indsatser: den virksomhedsrettede indsats kan være "
    "i gang i forvejen og afstemmes med sundhedstilbuddet bagefter. Et sundhedstilbud, der "
    "begynder før samtalen, er en advarsel.",
    "The model puts the clarifying conversation before the intervention, but the "
    "conversation is granted only to citizens with a particular need of a cross-disciplinary "
    "effort (SST2019 8.2), and Tønder and IPS have none. helhed therefore judges only "
    "citizens who had a clarifying conversation, and only the health department's "
    "interventions: the company-directed effort may already be running and is lined up with "
    "the health offer afterwards. A health offer that starts before the conversation is a "
    "warning.",
)
"""Why ``clarifying_first`` is narrower than "a conversation before every intervention"."""


def clarifying_first(
    prefix: str,
    citation: Citation,
    *,
    text: tuple[str, str],
    basis: Basis = CLARIFYING_FIRST_READING,
) -> Rule:
    """The rule ``{prefix}.clarifying_first``: health offers follow the clarifying conversation.

    A citizen who has a clarifying conversation in the log starts no intervention of the
    health department before the first one (in log order, so a conversation recorded earlier
    the same day counts). Citizens with no clarifying conversation, and the job centre's
    company-directed interventions, are not judged; a finding is a warning. This is helhed's
    reading, [`CLARIFYING_FIRST_READING`][helhed.models.specific.CLARIFYING_FIRST_READING].
    ``text`` is the rule's demand in Danish and English.

    Raises:
        ValidationError: If ``text`` is not a (Danish, English) pair of texts.
    """
    pair_of(text, "text")
    return every(
        when(InterventionStarted, recorded_by=_A.HEALTH),
        conversation_first(ConversationKind.CLARIFYING_CONVERSATION),
        failure=(
            "sundhedstilbuddet begyndte før den afklarende samtale.",
            "the health offer started before the clarifying conversation.",
        ),
        id=f"{prefix}.clarifying_first",
        severity=Severity.WARNING,
        citation=citation,
        text_da=text[0],
        text_en=text[1],
        basis=basis,
    )


SPECIFIC = Protocol(
    id="model3",
    name_da="Specifikke indsatser over for specifikke målgrupper",
    name_en="Specific interventions for specific target groups",
    model=CollaborationModel.SPECIFIC_INTERVENTIONS,
    rules=(
        clarifying_first(
            "model3",
            Citation("SST2019", "kap. 8"),
            text=(
                "En afklarende samtale går forud for sundhedstilbuddet hos borgere, der får en.",
                "A clarifying conversation comes before the health offer for citizens who have "
                "one.",
            ),
        ),
    ),
    citation=Citation("SST2019", "kap. 8"),
)
"""Model 3 as a protocol: its first content element, the clarifying conversation before the
intervention (SST2019 kap. 8), read narrowly (see
[`clarifying_first`][helhed.models.specific.clarifying_first]). The cases
(``helhed.cases``) add their own rules."""
