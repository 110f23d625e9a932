"""Protocol rules: small, composable checks over pathways, each with an id, severity and citation.

A rule looks at one pathway as it stood on a day and yields
[`Finding`][helhed.pathways.rules.Finding] values, or nothing when the pathway keeps it. A
population rule looks at many pathways at once (a caseload limit, say). Rules are built from a
few combinators:

* [`within`][helhed.pathways.rules.within]: after each ``after`` event, an ``expect`` event
  follows within N days;
* [`precedes`][helhed.pathways.rules.precedes]: every ``then`` event has a ``first`` event
  before it;
* [`forbid`][helhed.pathways.rules.forbid]: no event of this description may occur;
* [`every`][helhed.pathways.rules.every]: every event of this description meets a condition;
* [`requires_consent`][helhed.pathways.rules.requires_consent]: information of a category
  reaches an administration only with consent in force;
* [`parallel`][helhed.pathways.rules.parallel]: two administrations' interventions overlap in
  time rather than follow each other;
* [`at_most_per`][helhed.pathways.rules.at_most_per]: a member of staff in a role has at most
  N citizens (a population rule).

Events are picked by [`when`][helhed.pathways.rules.when]: their kinds, and optionally who
recorded them, which administration they go to and more.

Days are counted as calendar days after the day of the triggering event: within 7 days of an
acceptance on Monday 4 March means on or before Monday 11 March; on 12 March it is late.

A [`Protocol`][helhed.pathways.rules.Protocol] bundles rules with the collaboration model,
target groups and funding bases it is for, and with its *permissions*: what the protocol
deliberately does not demand, such as Halsnæs's absence of a duty to report back.

Examples:
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ContactMade, ReferralAccepted
    >>> from helhed.sources import Citation
    >>> rule = within(
    ...     7, after=when(ReferralAccepted, to=A.HEALTH),
    ...     expect=when(ContactMade, recorded_by=A.HEALTH),
    ...     id="contact-within-a-week", citation=Citation("HALSNAES"),
    ...     text_da="Kontakt inden for en uge.", text_en="Contact within one week.")
    >>> rule.id, rule.severity.code
    ('contact-within-a-week', 'fejl')
"""

from __future__ import annotations

import abc
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK
from helhed._validation import Checker, pair_of
from helhed._values import frozen_fields
from helhed.benefits import Benefit, benefit_rules
from helhed.collaboration import CollaborationModel
from helhed.errors import HelhedError, UnknownNameError, ValidationError, quoted
from helhed.groups import RiskGroup
from helhed.organisation import Administration, Role
from helhed.pathways.consent import audit
from helhed.pathways.events import (
    BenefitChanged,
    CaseworkerAssigned,
    ConversationHeld,
    ConversationKind,
    Event,
    EventKind,
    InformationCategory,
    InformationDisclosed,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.sources import Basis, Citation, Reading, Reason, Stated

__all__ = [
    "AtMostPer",
    "CoordinatingCaseworkerAssigned",
    "Every",
    "Finding",
    "Forbid",
    "Match",
    "OneCoordinatingCaseworker",
    "Parallel",
    "PopulationRule",
    "Precedes",
    "Protocol",
    "RequiresConsent",
    "Rule",
    "Severity",
    "Within",
    "at_most_per",
    "every",
    "forbid",
    "parallel",
    "precedes",
    "requires_consent",
    "when",
    "within",
]


class Severity(CodedEnum):
    """How serious a finding is. ``helhed check`` exits with 1 when any finding is an error."""

    ERROR = ("fejl", "Fejl", "Error")
    WARNING = ("advarsel", "Advarsel", "Warning")
    NOTICE = ("bemaerkning", "Bemærkning", "Notice")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Finding:
    """A place where a pathway breaks a protocol rule.

    Attributes:
        rule_id: The rule broken.
        citizen_id: Whose pathway.
        severity: How serious it is.
        events: Positions in the pathway's log of the events involved.
        dates: The dates that matter, in order (e.g. the referral and the late contact).
        text_da: What is wrong, in Danish.
        text_en: What is wrong, in English.
        citation: Where the rule comes from.
        reading: True if the rule broken is helhed's reading of its source rather than the
            source's words (see [`Rule.basis`][helhed.pathways.rules.Rule]); reports list
            these findings apart.
    """

    rule_id: str = attrs.field(metadata=NON_BLANK)
    citizen_id: str = attrs.field(metadata=NON_BLANK)
    severity: Severity
    events: tuple[int, ...]
    dates: tuple[dt.date, ...]
    text_da: str = attrs.field(metadata=NON_BLANK)
    text_en: str = attrs.field(metadata=NON_BLANK)
    citation: Citation
    reading: bool = False

    def __attrs_post_init__(self) -> None:
        """Validate every field; a finding about a pathway as a whole names no event."""
        check = Checker()
        check.text(self.rule_id, "rule_id")
        check.text(self.citizen_id, "citizen_id")
        check.member(self.severity, Severity, "severity")
        if check.each(self.events, int, "events"):
            for i, position in enumerate(self.events):
                check.whole(position, f"events[{i}]")
        if check.each(self.dates, dt.date, "dates"):
            for i, day in enumerate(self.dates):
                check.day(day, f"dates[{i}]")
        check.text(self.text_da, "text_da")
        check.text(self.text_en, "text_en")
        check.expect(isinstance(self.citation, Citation), "citation", "must be a Citation")
        check.flag(self.reading, "reading")
        check.done()

    @property
    def order(self) -> tuple[str, tuple[dt.date, ...], str, tuple[int, ...]]:
        """Where the finding goes in a report: by citizen, dates, rule id, then events."""
        return (self.citizen_id, self.dates, self.rule_id, self.events)

    def __str__(self) -> str:
        """Render as ``citizen [rule] severity: text (citation)``."""
        return (
            f"{self.citizen_id} [{self.rule_id}] {self.severity.label_en.lower()}: "
            f"{self.text_en} ({self.citation})"
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Match:
    """A description of events: their kinds and, optionally, more about them.

    Attributes:
        kinds: Event classes that match (a subclass matches too).
        recorded_by: Only events recorded by this administration.
        to: Only events going to this administration: a referral's, consent's or disclosure's
            ``to``, or for answers and follow-ups the ``to`` of the referral they name.
        voluntary: Only referrals (or events about referrals) that are voluntary or not.
        conversation: Only conversations of this kind.
        role: Only caseworker assignments in this role.
        offers: Only events whose ``offer`` is one of these (referrals, interventions, plan
            items).
        instrument: Only events whose ``instrument`` is this one (screenings, reviews).
    """

    kinds: tuple[type[Event], ...]
    recorded_by: Administration | None = None
    to: Administration | None = None
    voluntary: bool | None = None
    conversation: ConversationKind | None = None
    role: Role | None = None
    offers: frozenset[str] | None = None
    instrument: str | None = None

    def __call__(self, pathway: Pathway, event: Event) -> bool:  # noqa: PLR0911 - one test per field
        """True if ``event``, in ``pathway``, fits the description."""
        if not isinstance(event, self.kinds):
            return False
        if self.recorded_by is not None and event.recorded_by is not self.recorded_by:
            return False
        if self.conversation is not None and (
            not isinstance(event, ConversationHeld) or event.conversation is not self.conversation
        ):
            return False
        if self.role is not None and getattr(event, "role", None) is not self.role:
            return False
        if self.offers is not None and getattr(event, "offer", None) not in self.offers:
            return False
        if self.instrument is not None and getattr(event, "instrument", None) != self.instrument:
            return False
        if self.to is None and self.voluntary is None:
            return True
        referral = _referral_of(pathway, event)
        to = getattr(event, "to", None) if referral is None else referral.to
        if self.to is not None and to is not self.to:
            return False
        return self.voluntary is None or (
            referral is not None and referral.voluntary is self.voluntary
        )

    @property
    def label_en(self) -> str:
        """What is matched, in English, for messages."""
        if self.conversation is not None:
            return self.conversation.label_en.lower()
        return " or ".join(_kind_label(k, english=True) for k in self.kinds)

    @property
    def label_da(self) -> str:
        """What is matched, in Danish, for messages."""
        if self.conversation is not None:
            return self.conversation.label_da.lower()
        return " eller ".join(_kind_label(k, english=False) for k in self.kinds)


def _kind_label(kind: type[Event], *, english: bool) -> str:
    """An event class's label for messages; a base class without a kind of its own by name."""
    own: EventKind | None = getattr(kind, "KIND", None)
    if own is None:
        return kind.__name__
    return (own.label_en if english else own.label_da).lower()


def _referral_of(pathway: Pathway, event: Event) -> Referred | None:
    if isinstance(event, Referred):
        return event
    rid = getattr(event, "referral_id", None)
    if rid is None:
        return None
    try:
        return pathway.referral(rid)
    except KeyError:
        return None


def when(  # noqa: PLR0913 - each keyword narrows the match
    *kinds: type[Event],
    recorded_by: Administration | None = None,
    to: Administration | None = None,
    voluntary: bool | None = None,
    conversation: ConversationKind | None = None,
    role: Role | None = None,
    offers: Iterable[str] | None = None,
    instrument: str | None = None,
) -> Match:
    """Describe events by kind and, optionally, more (see [`Match`][helhed.pathways.rules.Match]).

    Raises:
        ValidationError: If no kind is given or a kind is not an event class.
    """
    if not kinds or not all(isinstance(k, type) and issubclass(k, Event) for k in kinds):  # type: ignore[redundant-expr]
        raise ValidationError.at("kinds", "must name one or more event classes")
    return Match(
        kinds=kinds,
        recorded_by=recorded_by,
        to=to,
        voluntary=voluntary,
        conversation=conversation,
        role=role,
        offers=None if offers is None else frozenset(offers),
        instrument=instrument,
    )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Rule(abc.ABC):
    """A rule over one pathway.

    Attributes:
        id: Stable identifier, e.g. ``halsnaes.contact_within_week``.
        severity: How serious a breach is.
        citation: Where the rule comes from.
        text_da: What the rule demands, in Danish.
        text_en: What the rule demands, in English.
        basis: What the rule rests on: [`Stated`][helhed.sources.Stated] with a short quote
            of the cited section when the source says it, [`Reading`][helhed.sources.Reading]
            with helhed's reason when the source is silent or open. None for a rule that has
            not been marked; every rule helhed ships is marked.
    """

    id: str = attrs.field(metadata=NON_BLANK)
    severity: Severity = Severity.ERROR
    citation: Citation
    text_da: str
    text_en: str
    basis: Basis | None = None

    def __attrs_post_init__(self) -> None:
        """Validate the common fields."""
        check = Checker()
        check.text(self.id, "id")
        check.member(self.severity, Severity, "severity")
        check.expect(isinstance(self.citation, Citation), "citation", "must be a Citation")
        check.text(self.text_da, "text_da")
        check.text(self.text_en, "text_en")
        check.expect(
            self.basis is None or isinstance(self.basis, (Stated, Reading)),
            "basis",
            "must be a Stated, a Reading or None",
        )
        check.done()

    @property
    def reading(self) -> bool:
        """True if the rule is helhed's reading of its source rather than its words."""
        return isinstance(self.basis, Reading)

    @abc.abstractmethod
    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield the findings in ``pathway``, whose log ends on or before ``on``."""

    def finding(
        self,
        pathway: Pathway,
        events: Sequence[int],
        dates: Sequence[dt.date],
        detail: tuple[str, str],
    ) -> Finding:
        """A finding of this rule, its text the rule's demand followed by ``detail``."""
        return Finding(
            rule_id=self.id,
            citizen_id=pathway.citizen_id,
            severity=self.severity,
            events=tuple(events),
            dates=tuple(dates),
            text_da=f"{self.text_da} {detail[0]}",
            text_en=f"{self.text_en} {detail[1]}",
            citation=self.citation,
            reading=self.reading,
        )


class PopulationRule(Rule):
    """A rule over many pathways at once; its per-pathway ``check`` finds nothing."""

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield nothing: population rules look at all pathways together."""
        return iter(())

    @abc.abstractmethod
    def check_all(self, pathways: Sequence[Pathway], on: dt.date) -> Iterator[Finding]:
        """Yield the findings across ``pathways``, whose logs end on or before ``on``."""


def _correlated(same: str | None, trigger: Event, other: Event) -> bool:
    """True if ``other`` shares ``trigger``'s value of ``same``, or names none at all.

    An event that does not name, say, a referral is taken to belong to any: case systems do
    not always link a contact to the referral it follows up.
    """
    if same is None or getattr(trigger, same, None) is None:
        return True
    mine = getattr(other, same, None)
    return mine is None or bool(mine == getattr(trigger, same))


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Within(Rule):
    """After each ``after`` event, an ``expect`` event follows within ``days`` calendar days.

    Attributes:
        days: The limit, in calendar days after the day of the ``after`` event.
        after: The events that start the clock.
        expect: The events that stop it.
        same: A field both events must share (``referral_id`` by default), if the ``after``
            event has it; an ``expect`` event that leaves it empty counts for any.
    """

    days: int
    after: Match
    expect: Match
    same: str | None = "referral_id"

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield a finding for each late or missing ``expect`` event."""
        numbered = pathway.numbered
        for k, (i, trigger) in enumerate(numbered):
            if not self.after(pathway, trigger):
                continue
            try:
                deadline = trigger.occurred_on + dt.timedelta(days=self.days)
            except OverflowError:  # the limit ends after 9999-12-31: nothing is late yet
                continue
            answer = next(
                (
                    (j, e)
                    for j, e in numbered[k + 1 :]
                    if self.expect(pathway, e) and _correlated(self.same, trigger, e)
                ),
                None,
            )
            if answer is None:
                if on > deadline:
                    yield self.finding(
                        pathway,
                        (i,),
                        (trigger.occurred_on, deadline),
                        self.missing(trigger.kind, trigger.occurred_on),
                    )
                continue
            j, event = answer
            if event.occurred_on > deadline:
                yield self.finding(
                    pathway,
                    (i, j),
                    (trigger.occurred_on, event.occurred_on),
                    self.late(trigger.kind, trigger.occurred_on, event.kind, event.occurred_on),
                )

    def missing(self, kind: EventKind, day: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a ``kind`` event on ``day`` left unanswered."""
        deadline = day + dt.timedelta(days=self.days)
        return (
            f"{kind.label_da.lower().capitalize()} {day}; ingen {self.expect.label_da} senest "
            f"{deadline} ({self.days} dage).",
            f"{kind.label_en.lower().capitalize()} on {day}; no {self.expect.label_en} by "
            f"{deadline} ({self.days} days).",
        )

    def late(
        self, kind: EventKind, day: dt.date, answer: EventKind, answered: dt.date
    ) -> tuple[str, str]:
        """The (Danish, English) detail of a ``kind`` event on ``day`` answered too late."""
        gap = (answered - day).days
        return (
            f"{kind.label_da.lower().capitalize()} {day}; {answer.label_da.lower()} {answered}, "
            f"{gap} dage efter (grænsen er {self.days} dage).",
            f"{kind.label_en.lower().capitalize()} on {day}; {answer.label_en.lower()} on "
            f"{answered}, {gap} days later (the limit is {self.days} days).",
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Precedes(Rule):
    """Every ``then`` event has a ``first`` event before it in the timeline.

    Attributes:
        first: The events that must come first.
        then: The events that need one before them.
        same: A field both events must share, if the ``then`` event has it.
        same_day: Also accept a ``first`` event that comes later on the same day.
    """

    first: Match
    then: Match
    same: str | None = None
    same_day: bool = False

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each ``then`` event with no ``first`` event before it."""
        timeline = pathway.timeline
        for k, (j, event) in enumerate(pathway.numbered):
            if not self.then(pathway, event):
                continue
            found = any(
                self.first(pathway, e)
                and _correlated(self.same, event, e)
                and (m < k or (self.same_day and e.occurred_on == event.occurred_on))
                for m, e in enumerate(timeline)
                if m < k or e.occurred_on == event.occurred_on
            )
            if not found:
                yield self.finding(
                    pathway, (j,), (event.occurred_on,), self.detail(event.kind, event.occurred_on)
                )

    def detail(self, kind: EventKind, day: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a ``kind`` event on ``day`` with nothing before it."""
        return (
            f"{kind.label_da} {day} uden {self.first.label_da} forinden.",
            f"{kind.label_en} on {day} with no {self.first.label_en} before it.",
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Forbid(Rule):
    """No event of the description may occur.

    Attributes:
        events: The events that are not allowed.
    """

    events: Match

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each matching event."""
        for i, event in pathway.numbered:
            if self.events(pathway, event):
                yield self.finding(
                    pathway, (i,), (event.occurred_on,), self.detail(event.kind, event.occurred_on)
                )

    @staticmethod
    def detail(kind: EventKind, day: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a forbidden ``kind`` event on ``day``."""
        return (f"{kind.label_da} {day}.", f"{kind.label_en} on {day}.")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Every(Rule):
    """Every event of the description meets a condition.

    Attributes:
        events: The events judged.
        holds: The condition, given the pathway and the event.
        failure_da: What is wrong when it fails, in Danish.
        failure_en: The same in English.
    """

    events: Match
    holds: Callable[[Pathway, Event], bool]
    failure_da: str
    failure_en: str

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each matching event the condition fails for."""
        for i, event in pathway.numbered:
            if self.events(pathway, event) and not self.holds(pathway, event):
                yield self.finding(
                    pathway,
                    (i,),
                    (event.occurred_on,),
                    (
                        f"{event.kind.label_da} {event.occurred_on}: {self.failure_da}",
                        f"{event.kind.label_en} on {event.occurred_on}: {self.failure_en}",
                    ),
                )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class RequiresConsent(Rule):
    """Information of ``category`` reaches ``to`` from another administration only with consent.

    Attributes:
        category: The category of information.
        to: The receiving administration.
    """

    category: InformationCategory
    to: Administration

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each disclosure made without consent in force."""
        if not any(
            isinstance(e, InformationDisclosed) and e.to is self.to and e.category is self.category
            for e in pathway.timeline
        ):
            return
        for entry in audit(pathway).without_consent:
            event = entry.event
            if event.category is not self.category or event.to is not self.to:
                continue
            yield self.finding(
                pathway,
                (entry.index,),
                (event.occurred_on,),
                self.detail(event.occurred_on, entry.decision.reasons[0]),
            )

    def detail(self, day: dt.date, reason: Reason) -> tuple[str, str]:
        """The (Danish, English) detail of a disclosure on ``day`` refused for ``reason``."""
        return (
            f"{self.category.label_da} givet til {self.to.label_da.lower()} {day}: "
            f"{reason.text_da}",
            f"{self.category.label_en} passed to {self.to.label_en.lower()} on {day}: "
            f"{reason.text_en}",
        )


def _intervals(
    pathway: Pathway, administration: Administration, on: dt.date
) -> list[tuple[int, dt.date, dt.date]]:
    """The interventions an administration recorded: (start index, first day, last day)."""
    open_: dict[str, tuple[int, dt.date]] = {}
    spans: list[tuple[int, dt.date, dt.date]] = []
    end = pathway.closed_on or on
    for i, event in pathway.numbered:
        if event.recorded_by is not administration:
            continue
        if isinstance(event, InterventionStarted):
            open_[event.offer] = (i, event.occurred_on)
        elif isinstance(event, (InterventionCompleted, InterventionDroppedOut)):
            started = open_.pop(event.offer, None)
            if started is not None:
                spans.append((started[0], started[1], event.occurred_on))
    spans.extend((i, start, end) for i, start in open_.values())
    return sorted(spans)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Parallel(Rule):
    """Two administrations' interventions run at the same time, not one after the other.

    Only pathways with interventions of both are judged; a finding means every intervention
    of one ended before any of the other began. Interventions still running count as running
    until the pathway closed or the day of the check.

    Attributes:
        first: One administration (e.g. the health department).
        second: The other (e.g. the job centre).
    """

    first: Administration
    second: Administration

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield one finding if both have interventions and none overlap."""
        ones = _intervals(pathway, self.first, on)
        twos = _intervals(pathway, self.second, on)
        if not ones or not twos:
            return
        if any(a[1] <= b[2] and b[1] <= a[2] for a in ones for b in twos):
            return
        yield self.finding(
            pathway,
            sorted(i for i, _, _ in (*ones, *twos)),
            (min(a[1] for a in ones), min(b[1] for b in twos)),
            self.detail,
        )

    @property
    def detail(self) -> tuple[str, str]:
        """The (Danish, English) detail of interventions that never overlapped."""
        return (
            f"Indsatser i {self.first.label_da.lower()} og {self.second.label_da.lower()} "
            "lå efter hinanden og overlappede ikke.",
            f"Interventions of {self.first.label_en.lower()} and "
            f"{self.second.label_en.lower()} ran one after the other and never overlapped.",
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class AtMostPer(PopulationRule):
    """A member of staff in ``role`` has at most ``limit`` citizens at a time.

    Citizens are counted in the order they were assigned (earliest first, then by citizen
    id); each citizen beyond the limit is a finding.

    Attributes:
        limit: The most citizens one member of staff may have.
        role: The role counted.
    """

    limit: int
    role: Role

    def check_all(self, pathways: Sequence[Pathway], on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each citizen beyond the limit of their member of staff."""
        caseloads: dict[str, list[tuple[dt.date, str, int, Pathway]]] = defaultdict(list)
        for pathway in pathways:
            state = pathway.state
            if state.closed:
                continue
            assigned = {
                e.staff_id: (e.occurred_on, i)
                for i, e in pathway.numbered
                if isinstance(e, CaseworkerAssigned)
            }
            for staff, role in state.caseworkers.items():
                if role is self.role:
                    day, index = assigned[staff]
                    caseloads[staff].append((day, pathway.citizen_id, index, pathway))
        for staff, load in sorted(caseloads.items()):
            load.sort(key=lambda item: item[:2])
            for place, (day, _, index, pathway) in enumerate(load[self.limit :], self.limit + 1):
                yield self.finding(
                    pathway,
                    (index,),
                    (day,),
                    (
                        f"{staff} fik borgeren {day} som nr. {place}; grænsen er {self.limit}.",
                        f"{staff} took the citizen on {day} as number {place}; the limit is "
                        f"{self.limit}.",
                    ),
                )


_FN7 = Citation("SST2019", "4.1, fn. 7")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CoordinatingCaseworkerAssigned(Rule):
    """A citizen whose funding basis gives the right has a coordinating caseworker (SST2019 4.1).

    The right is read from the dated benefit rules on the day of the check; a funding basis
    for which no rule is known on that day is not judged. No source sets a deadline for the
    assignment, so a citizen is judged only once ``grace_days`` whole days have passed since
    the funding basis began: with the default 0, from the day after it began, never on the
    day itself (the assignment may be recorded later that day).

    Attributes:
        grace_days: Whole days after the funding basis began during which the citizen is not
            judged; a deadline of the municipality's own, 0 by default.
    """

    grace_days: int = 0

    def __attrs_post_init__(self) -> None:
        """Validate the common fields and ``grace_days``."""
        super().__attrs_post_init__()
        check = Checker()
        check.whole(self.grace_days, "grace_days")
        check.done()

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield a finding if the right holds on ``on``, its grace has run, and nobody has it."""
        state = pathway.state
        if state.closed or state.benefit is None or state.coordinating_caseworker is not None:
            return
        try:
            right = benefit_rules(state.benefit, on=on).coordinating_caseworker
        except HelhedError:
            return
        if not right:
            return
        index, changed = [(i, e) for i, e in pathway.numbered if isinstance(e, BenefitChanged)][-1]
        since = changed.occurred_on
        if (on - since).days <= self.grace_days:
            return
        yield self.finding(pathway, (index,), (since, on), self.detail(state.benefit, since, on))

    @staticmethod
    def detail(benefit: Benefit, since: dt.date, on: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a right held from ``since`` with nobody on ``on``."""
        return (
            f"{benefit.label_da} fra {since}; ingen koordinerende sagsbehandler {on}.",
            f"{benefit.label_en} from {since}; no coordinating caseworker on {on}.",
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class OneCoordinatingCaseworker(Rule):
    """The coordinating caseworker stays the same person (SST2019 4.1, fn. 7).

    Each change to another person is a finding, including a new one after a release.
    """

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each change of coordinating caseworker."""
        current: tuple[int, str, dt.date] | None = None
        for i, event in pathway.numbered:
            if isinstance(event, CaseworkerAssigned) and event.coordinating:
                if current is not None and current[1] != event.staff_id:
                    yield self.finding(
                        pathway,
                        (current[0], i),
                        (current[2], event.occurred_on),
                        self.detail(current[1], current[2], event.staff_id, event.occurred_on),
                    )
                current = (i, event.staff_id, event.occurred_on)

    @staticmethod
    def detail(was: str, since: dt.date, now: str, day: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of ``was``, from ``since``, replaced by ``now``."""
        return (
            f"Koordinerende sagsbehandler {was} fra {since} afløst af {now} {day}.",
            f"Coordinating caseworker {was} from {since} replaced by {now} on {day}.",
        )


def within(  # noqa: PLR0913 - a rule is its parameters
    days: int,
    *,
    after: Match,
    expect: Match,
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.ERROR,
    same: str | None = "referral_id",
    basis: Basis | None = None,
) -> Within:
    """After each ``after`` event, an ``expect`` event within ``days`` calendar days.

    Raises:
        ValidationError: If ``days`` is not a whole number of 0 or more.
    """
    check = Checker()
    check.whole(days, "days")
    check.done()
    return Within(
        id=id,
        severity=severity,
        citation=citation,
        days=days,
        after=after,
        expect=expect,
        same=same,
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )


def precedes(  # noqa: PLR0913 - a rule is its parameters
    first: Match,
    then: Match,
    *,
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.ERROR,
    same: str | None = None,
    same_day: bool = False,
    basis: Basis | None = None,
) -> Precedes:
    """Every ``then`` event has a ``first`` event before it (or that day, with ``same_day``)."""
    return Precedes(
        id=id,
        severity=severity,
        citation=citation,
        first=first,
        then=then,
        same=same,
        same_day=same_day,
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )


def forbid(  # noqa: PLR0913 - a rule is its parameters
    events: Match,
    *,
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.ERROR,
    basis: Basis | None = None,
) -> Forbid:
    """No event matching ``events`` may occur."""
    return Forbid(
        id=id,
        severity=severity,
        citation=citation,
        events=events,
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )


def every(  # noqa: PLR0913 - a rule is its parameters
    events: Match,
    holds: Callable[[Pathway, Event], bool],
    *,
    failure: tuple[str, str],
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.ERROR,
    basis: Basis | None = None,
) -> Every:
    """Every event matching ``events`` meets ``holds``; ``failure`` says (da, en) what is wrong.

    Raises:
        ValidationError: If ``failure`` is not a (Danish, English) pair, or a field of the
            rule is wrong.
    """
    pair_of(failure, "failure")
    return Every(
        id=id,
        severity=severity,
        citation=citation,
        events=events,
        holds=holds,
        failure_da=failure[0],
        failure_en=failure[1],
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )


def requires_consent(  # noqa: PLR0913 - a rule is its parameters
    category: InformationCategory,
    to: Administration,
    *,
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.ERROR,
    basis: Basis | None = None,
) -> RequiresConsent:
    """Information of ``category`` reaches ``to`` only with consent in force."""
    return RequiresConsent(
        id=id,
        severity=severity,
        citation=citation,
        category=category,
        to=to,
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )


def parallel(  # noqa: PLR0913 - a rule is its parameters
    first: Administration,
    second: Administration,
    *,
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.WARNING,
    basis: Basis | None = None,
) -> Parallel:
    """The two administrations' interventions overlap in time."""
    return Parallel(
        id=id,
        severity=severity,
        citation=citation,
        first=first,
        second=second,
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )


def at_most_per(  # noqa: PLR0913 - a rule is its parameters
    limit: int,
    role: Role,
    *,
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.ERROR,
    basis: Basis | None = None,
) -> AtMostPer:
    """A member of staff in ``role`` has at most ``limit`` citizens (a population rule).

    Raises:
        ValidationError: If ``limit`` is not a whole number of 1 or more.
    """
    check = Checker()
    check.whole(limit, "limit", minimum=1)
    check.done()
    return AtMostPer(
        id=id,
        severity=severity,
        citation=citation,
        limit=limit,
        role=role,
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Protocol:
    """Rules bundled with what they are for.

    Attributes:
        id: Stable identifier, e.g. ``halsnaes``; ``helhed check --protocol`` takes it.
        name_da: Name in Danish.
        name_en: Name in English.
        model: The collaboration model the protocol belongs to, where one applies.
        target_groups: The target groups it is for; empty when the sources do not say.
            Descriptive: ``check`` runs every rule over every pathway it is given.
        funding: The funding bases it is for; empty for any. Descriptive, as above.
        rules: The rules; ids must be unique.
        permissions: What the protocol deliberately does not demand, each with its citation.
        citation: The source of the protocol as a whole.
    """

    id: str = attrs.field(metadata=NON_BLANK)
    name_da: str
    name_en: str
    model: CollaborationModel | None = None
    target_groups: frozenset[RiskGroup] = frozenset()
    funding: frozenset[Benefit] = frozenset()
    rules: tuple[Rule, ...]
    permissions: tuple[Reason, ...] = ()
    citation: Citation

    def __attrs_post_init__(self) -> None:
        """Validate; rule ids must be unique."""
        check = Checker()
        check.text(self.id, "id")
        check.text(self.name_da, "name_da")
        check.text(self.name_en, "name_en")
        check.member(self.model, CollaborationModel, "model", optional=True)
        check.members(self.target_groups, RiskGroup, "target_groups")
        check.members(self.funding, Benefit, "funding")
        if check.each(self.rules, Rule, "rules"):
            seen: set[str] = set()
            for i, rule in enumerate(self.rules):
                check.expect(rule.id not in seen, f"rules[{i}].id", "is a duplicate")
                seen.add(rule.id)
        check.each(self.permissions, Reason, "permissions")
        check.done()

    def rule(self, rule_id: str) -> Rule:
        """The rule with ``rule_id``.

        Raises:
            UnknownNameError: If the protocol has no such rule.
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        msg = f"{self.id} has no rule {quoted(rule_id)}"
        raise UnknownNameError(msg)
