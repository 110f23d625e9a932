"""The ground every rule kind stands on: findings, severities, event matches and `Rule`.

A rule looks at one pathway as it stood on a day and yields
[`Finding`][helhed.rules.Finding] values, or nothing when the pathway keeps it; a
[`PopulationRule`][helhed.rules.PopulationRule] looks at many pathways at once. Events are
picked by [`when`][helhed.rules.when]. The rule kinds are in the modules beside this one.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK
from helhed._validation import Checker, pair_of, unchecked
from helhed._values import frozen_fields
from helhed.language import Language, LanguageLike, label, pick
from helhed.organisation import Administration, Role
from helhed.pathways.events import (
    EVENT_TYPES,
    ConversationHeld,
    ConversationKind,
    Event,
    EventKind,
    Referred,
)
from helhed.pathways.pathway import Pathway, entries_of_kinds
from helhed.rules.conditions import Condition, referral_named
from helhed.sources import Basis, Citation, Reading, Stated

__all__ = ["Finding", "Match", "PopulationRule", "Rule", "Severity", "when"]


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
            source's words (see [`Rule.basis`][helhed.rules.Rule]); reports list
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

    def text(self, language: LanguageLike) -> str:
        """What is wrong in ``language`` (a Language or its code): ``text_da`` or ``text_en``."""
        return pick(language, self.text_da, self.text_en)

    def render(self, language: LanguageLike = Language.EN) -> str:
        """``citizen [rule] severity: text (citation)`` in ``language``, citation in its style."""
        return (
            f"{self.citizen_id} [{self.rule_id}] {label(self.severity, language).lower()}: "
            f"{self.text(language)} ({self.citation.text(language)})"
        )

    def __str__(self) -> str:
        """Render in English: ``citizen [rule] severity: text (citation)``."""
        return self.render(Language.EN)


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
        where: Only events meeting this condition, in their pathway (see
            [`helhed.rules.conditions`][helhed.rules.conditions]).
        name_da: What is matched, in Danish, for messages; None to name the kinds.
        name_en: The same in English.
    """

    kinds: tuple[type[Event], ...]
    recorded_by: Administration | None = None
    to: Administration | None = None
    voluntary: bool | None = None
    conversation: ConversationKind | None = None
    role: Role | None = None
    offers: frozenset[str] | None = None
    instrument: str | None = None
    where: Condition | None = None
    name_da: str | None = None
    name_en: str | None = None

    def __attrs_post_init__(self) -> None:
        """Validate the kinds, the narrowing fields, the condition and the names (both or none)."""
        check = Checker()
        check.member(self.recorded_by, Administration, "recorded_by", optional=True)
        check.member(self.to, Administration, "to", optional=True)
        if self.voluntary is not None:
            check.flag(self.voluntary, "voluntary")
        check.member(self.conversation, ConversationKind, "conversation", optional=True)
        check.member(self.role, Role, "role", optional=True)
        if self.offers is not None and check.expect(
            isinstance(self.offers, frozenset), "offers", "must be a set of texts or None"
        ):
            check.expect(
                all(isinstance(o, str) and o.strip() for o in self.offers),  # type: ignore[redundant-expr]
                "offers",
                "must hold only texts that are not blank",
            )
        check.text(self.instrument, "instrument", optional=True)
        if (
            check.expect(
                isinstance(self.kinds, tuple)  # type: ignore[redundant-expr]
                and bool(self.kinds)
                and all(isinstance(k, type) and issubclass(k, Event) for k in self.kinds),  # type: ignore[redundant-expr]
                "kinds",
                "must name one or more event classes",
            )
            and check.expect(
                self.where is None or isinstance(self.where, Condition),
                "where",
                "must be a condition from helhed.rules.conditions or None",
            )
            and self.where is not None
        ):
            self.where.fits(self.kinds, check, "where")
        check.text(self.name_da, "name_da", optional=True)
        check.text(self.name_en, "name_en", optional=True)
        check.expect(
            (self.name_da is None) == (self.name_en is None),
            "name_en" if self.name_en is None else "name_da",
            "must be given with the other name",
        )
        check.done()

    def __call__(self, pathway: Pathway, event: Event) -> bool:  # noqa: PLR0911 - one test per field
        """True if ``event``, in ``pathway``, fits the description."""
        if not isinstance(event, self.kinds):
            return False
        if self.where is not None and not self.where(pathway, event):
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
        if self.name_en is not None:
            return self.name_en
        if self.conversation is not None:
            return self.conversation.label_en.lower()
        return " or ".join(_kind_label(k, english=True) for k in self.kinds)

    @property
    def label_da(self) -> str:
        """What is matched, in Danish, for messages."""
        if self.name_da is not None:
            return self.name_da
        if self.conversation is not None:
            return self.conversation.label_da.lower()
        return " eller ".join(_kind_label(k, english=False) for k in self.kinds)


picked = entries_of_kinds
"""``(place in the timeline, position in the log, event)`` of each event of ``kinds``: what
[`Pathway.of_kinds`][helhed.pathways.pathway.Pathway.of_kinds] says, in timeline order, shared
rather than copied (see ``entries_of_kinds``); a rule only reads it. The same function, not a
wrapper: the rules of a check ask it several times for every pathway."""


def _kind_label(kind: type[Event], *, english: bool) -> str:
    """An event class's label for messages; a base class without a kind of its own by name."""
    own: EventKind | None = getattr(kind, "KIND", None)
    if own is None:
        return kind.__name__
    return (own.label_en if english else own.label_da).lower()


def _referral_of(pathway: Pathway, event: Event) -> Referred | None:
    return event if isinstance(event, Referred) else referral_named(pathway, event)


def when(  # noqa: PLR0913 - each keyword narrows the match
    *kinds: type[Event],
    recorded_by: Administration | None = None,
    to: Administration | None = None,
    voluntary: bool | None = None,
    conversation: ConversationKind | None = None,
    role: Role | None = None,
    offers: Iterable[str] | None = None,
    instrument: str | None = None,
    where: Condition | None = None,
    name: tuple[str, str] | None = None,
) -> Match:
    """Describe events by kind and, optionally, more (see [`Match`][helhed.rules.Match]).

    ``name`` is what is matched, as a (Danish, English) pair for messages, when the kinds
    alone would not say it (a match narrowed by ``where``).

    Raises:
        ValidationError: If no kind is given or a kind is not an event class, the condition
            cannot apply to the kinds, or ``name`` is not a pair of texts.
    """
    names: tuple[str | None, str | None] = (None, None)
    if name is not None:
        pair_of(name, "name")
        names = name
    return Match(
        kinds=kinds,
        recorded_by=recorded_by,
        to=to,
        voluntary=voluntary,
        conversation=conversation,
        role=role,
        offers=None if offers is None else frozenset(offers),
        instrument=instrument,
        where=where,
        name_da=names[0],
        name_en=names[1],
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

    Each concrete kind has ``KIND``, its code in protocol documents.
    """

    KIND: ClassVar[str]

    id: str = attrs.field(metadata=NON_BLANK)
    severity: Severity = Severity.ERROR
    citation: Citation
    text_da: str
    text_en: str
    basis: Basis | None = None

    def __attrs_post_init__(self) -> None:
        """Validate every field, listing every problem at once."""
        check = Checker()
        self._validate(check)
        check.done()

    def _validate(self, check: Checker) -> None:
        """Record what is wrong with the fields; a kind extends it for its own fields."""
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

    def text(self, language: LanguageLike) -> str:
        """What the rule demands in ``language`` (a Language or its code)."""
        return pick(language, self.text_da, self.text_en)

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
        """A finding of this rule, its text the rule's demand followed by ``detail``.

        The rule's own fields and the pathway's citizen were checked when they were made;
        when the positions are whole numbers, the dates dates and the details texts, the
        finding is built without checking them again (see ``unchecked``); otherwise the
        constructor checks everything and raises.
        """
        places, days = tuple(events), tuple(dates)
        text_da, text_en = f"{self.text_da} {detail[0]}", f"{self.text_en} {detail[1]}"
        fields: dict[str, object] = {
            "rule_id": self.id,
            "citizen_id": pathway.citizen_id,
            "severity": self.severity,
            "events": places,
            "dates": days,
            "text_da": text_da,
            "text_en": text_en,
            "citation": self.citation,
            "reading": self.reading,
        }
        if (
            all(type(p) is int and p >= 0 for p in places)
            and all(type(d) is dt.date for d in days)
            and type(detail[0]) is str
            and type(detail[1]) is str
        ):
            return unchecked(Finding, **fields)
        return Finding(**fields)  # type: ignore[arg-type]  # checked by Finding itself


class PopulationRule(Rule):
    """A rule over many pathways at once; its per-pathway ``check`` finds nothing."""

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield nothing: population rules look at all pathways together."""
        return iter(())

    @abc.abstractmethod
    def check_all(self, pathways: Sequence[Pathway], on: dt.date) -> Iterator[Finding]:
        """Yield the findings across ``pathways``, whose logs end on or before ``on``."""


# What ``same`` may name: an event's fields, and its properties such as ``kind``.
_EVENT_FIELDS = frozenset(
    name
    for cls in EVENT_TYPES.values()
    for name in (
        *attrs.fields_dict(cls),
        *(n for n in dir(cls) if isinstance(getattr(cls, n, None), property)),
    )
    if not name.startswith("_")
)


def _check_match(check: Checker, value: object, path: str) -> bool:
    """Record at ``path`` unless ``value`` is a [`Match`][helhed.rules.Match]."""
    return check.expect(isinstance(value, Match), path, "must be a Match (see when())")


def _check_same(check: Checker, same: object, path: str = "same") -> None:
    """Record at ``path`` unless ``same`` is None or the name of a field of an event kind."""
    if same is None:
        return
    if check.text(same, path):
        check.expect(same in _EVENT_FIELDS, path, "is not a field of any event kind")


def _correlated(same: str | None, trigger: Event, other: Event) -> bool:
    """True if ``other`` shares ``trigger``'s value of ``same``, or names none at all.

    An event that does not name, say, a referral is taken to belong to any: case systems do
    not always link a contact to the referral it follows up.
    """
    if same is None or getattr(trigger, same, None) is None:
        return True
    mine = getattr(other, same, None)
    return mine is None or bool(mine == getattr(trigger, same))
