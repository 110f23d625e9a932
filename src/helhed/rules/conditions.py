"""Named, parameterised conditions on an event in its pathway: the vocabulary of documents.

A condition answers one question about an event, given the pathway it is in: is this
company contact a reverse placement, does this plan item sit under the job centre's purpose
plan, did a clarifying conversation come first. A rule uses a condition where it needs more
than a [`Match`][helhed.rules.Match] can say: [`every`][helhed.rules.every.every]'s
``holds``, and a match's ``where``. Each condition is a frozen value with a kind code
([`CONDITIONS`][helhed.rules.conditions.CONDITIONS] holds them by code), so a protocol
written with them can be saved as a document and read back, and checked in columns; a
document never holds code.

| kind | holds when |
|---|---|
| `field_is` | the event's ``field`` has the ``value`` (a code for a coded field) |
| `at_least` | the event's ``field`` holds ``minimum`` items or more |
| `referral_from` | the referral the event names was recorded by ``recorded_by`` and goes ``to`` |
| `plan_by` | the plan the event names was made as ``plan_kind`` by ``recorded_by`` |
| `conversation_first` | the pathway has no ``conversation``, or one came before the event |
| `prepared_first` | the referral is not for ``offer``, or a ``conversation`` about it came first |

"Before" is in the order the events happened (the pathway's timeline), so a conversation
recorded earlier on the same day counts.

Examples:
    >>> from helhed.pathways.events import ConversationKind
    >>> condition = conversation_first(ConversationKind.CLARIFYING_CONVERSATION)
    >>> condition.KIND, condition.conversation.code
    ('conversation_first', 'afklarende_samtale')
"""

from __future__ import annotations

import abc
import enum
import types
import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConversationHeld,
    ConversationKind,
    Event,
    PlanCreated,
    PlanKind,
    Referred,
)
from helhed.pathways.pathway import Pathway

__all__ = [
    "CONDITIONS",
    "AtLeast",
    "Condition",
    "ConversationFirst",
    "FieldIs",
    "PlanBy",
    "PreparedFirst",
    "ReferralFrom",
    "at_least",
    "conversation_first",
    "field_is",
    "field_type",
    "plan_by",
    "prepared_first",
    "referral_from",
    "referral_named",
]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Condition(abc.ABC):
    """A named question about an event in its pathway; ``KIND`` is its code in documents."""

    KIND: ClassVar[str]

    @abc.abstractmethod
    def __call__(self, pathway: Pathway, event: Event) -> bool:
        """True if the condition holds for ``event`` in ``pathway``."""

    def fits(self, kinds: tuple[type[Event], ...], check: Checker, path: str) -> None:  # noqa: B027 - most conditions fit any kind
        """Record at ``path`` what about the condition cannot apply to events of ``kinds``."""


def _field_type(kind: type[Event], field: str) -> object:
    """The declared type of ``field`` on event class ``kind``, or None if it has none."""
    if not attrs.has(kind) or field not in attrs.fields_dict(kind):
        return None
    return typing.get_type_hints(kind)[field]


def _plain_type(hint: object) -> object:
    """``hint`` without ``| None``; any other type, a set or a tuple of codes included, as it is."""
    if typing.get_origin(hint) not in {typing.Union, types.UnionType}:
        return hint
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if len(args) == 1 else hint


def field_type(kind: type[Event], field: str) -> object:
    """The declared type of ``field`` on event class ``kind`` without ``| None``; None if none."""
    return _plain_type(_field_type(kind, field))


def referral_named(pathway: Pathway, event: Event) -> Referred | None:
    """The referral in force that ``event`` names by its ``referral_id``, or None."""
    rid = getattr(event, "referral_id", None)
    if rid is None:
        return None
    try:
        return pathway.referral(rid)
    except KeyError:
        return None


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class FieldIs(Condition):
    """The event's ``field`` has ``value``: the code of a coded field, or text, or a flag.

    Attributes:
        field: The name of the event's field, e.g. ``plan_kind``.
        value: The value: a code such as ``formaalsplan`` for a coded field, text for a text
            field, true or false for a flag.
    """

    KIND: ClassVar[str] = "field_is"

    field: str = attrs.field(metadata=NON_BLANK)
    value: str | bool

    def __attrs_post_init__(self) -> None:
        """Validate the field name and the kind of value."""
        check = Checker()
        check.text(self.field, "field")
        check.expect(isinstance(self.value, (str, bool)), "value", "must be text or a flag")
        check.done()

    def __call__(self, pathway: Pathway, event: Event) -> bool:  # noqa: ARG002
        """True if the event's field has the value."""
        found = getattr(event, self.field, None)
        if isinstance(found, CodedEnum):
            found = found.code
        return type(found) is type(self.value) and found == self.value

    def fits(self, kinds: tuple[type[Event], ...], check: Checker, path: str) -> None:
        """Every kind has the field, and the value is of the field's type (a known code)."""
        for kind in kinds:
            hint = field_type(kind, self.field)
            if hint is None:
                check.fail(f"{path}.field", f"is not a field of {kind.__name__}")
            elif isinstance(hint, type) and issubclass(hint, CodedEnum):
                check.expect(
                    isinstance(self.value, str) and self.value in {m.code for m in hint},
                    f"{path}.value",
                    f"must be a {hint.__name__} code",
                )
            elif hint in {str, bool}:
                check.expect(
                    type(self.value) is hint,
                    f"{path}.value",
                    "must be true or false" if hint is bool else "must be text",
                )
            else:
                check.fail(f"{path}.field", "must be a coded, text or true/false field")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class AtLeast(Condition):
    """The event's ``field``, a set or list, holds at least ``minimum`` items.

    Attributes:
        field: The name of the event's field, e.g. ``professions``.
        minimum: The fewest items.
    """

    KIND: ClassVar[str] = "at_least"

    field: str = attrs.field(metadata=NON_BLANK)
    minimum: int

    def __attrs_post_init__(self) -> None:
        """Validate the field name and the minimum (1 or more)."""
        check = Checker()
        check.text(self.field, "field")
        check.whole(self.minimum, "minimum", minimum=1)
        check.done()

    def __call__(self, pathway: Pathway, event: Event) -> bool:  # noqa: ARG002
        """True if the field holds enough items."""
        items = getattr(event, self.field, None)
        return isinstance(items, (frozenset, tuple)) and len(items) >= self.minimum

    def fits(self, kinds: tuple[type[Event], ...], check: Checker, path: str) -> None:
        """Every kind has the field, and it holds a set or a list."""
        for kind in kinds:
            hint = _field_type(kind, self.field)
            check.expect(
                typing.get_origin(hint) in {frozenset, tuple},
                f"{path}.field",
                f"must be a set or list field of {kind.__name__}",
            )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ReferralFrom(Condition):
    """The referral the event names was recorded by ``recorded_by`` and goes ``to``.

    An event that names no referral, or one not in the pathway, does not meet it.

    Attributes:
        recorded_by: The administration that made the referral.
        to: The administration it goes to.
    """

    KIND: ClassVar[str] = "referral_from"

    recorded_by: Administration
    to: Administration

    def __attrs_post_init__(self) -> None:
        """Validate both administrations."""
        check = Checker()
        check.member(self.recorded_by, Administration, "recorded_by")
        check.member(self.to, Administration, "to")
        check.done()

    def __call__(self, pathway: Pathway, event: Event) -> bool:
        """True if the event's referral was made by ``recorded_by`` to ``to``."""
        referral = referral_named(pathway, event)
        return (
            referral is not None
            and referral.recorded_by is self.recorded_by
            and referral.to is self.to
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PlanBy(Condition):
    """The plan the event names (``plan_id``) was made as ``plan_kind`` by ``recorded_by``.

    Any plan of that id in the pathway's timeline counts, made before or after the event.

    Attributes:
        plan_kind: The kind of plan.
        recorded_by: The administration that made it.
    """

    KIND: ClassVar[str] = "plan_by"

    plan_kind: PlanKind
    recorded_by: Administration

    def __attrs_post_init__(self) -> None:
        """Validate the kind of plan and the administration."""
        check = Checker()
        check.member(self.plan_kind, PlanKind, "plan_kind")
        check.member(self.recorded_by, Administration, "recorded_by")
        check.done()

    def __call__(self, pathway: Pathway, event: Event) -> bool:
        """True if a plan of the event's ``plan_id`` was made so."""
        plan_id = getattr(event, "plan_id", None)
        return any(
            isinstance(e, PlanCreated)
            and e.plan_id == plan_id
            and e.plan_kind is self.plan_kind
            and e.recorded_by is self.recorded_by
            for e in pathway.timeline
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ConversationFirst(Condition):
    """The pathway has no ``conversation``, or one came before the event.

    An event that is itself such a conversation, with none before it, does not meet it.

    Attributes:
        conversation: The kind of conversation.
    """

    KIND: ClassVar[str] = "conversation_first"

    conversation: ConversationKind

    def __attrs_post_init__(self) -> None:
        """Validate the kind of conversation."""
        check = Checker()
        check.member(self.conversation, ConversationKind, "conversation")
        check.done()

    def __call__(self, pathway: Pathway, event: Event) -> bool:
        """True unless the pathway has such a conversation and none precedes ``event``."""
        timeline = pathway.timeline
        for earlier in timeline:
            if earlier is event:
                return not any(self._is_one(e) for e in timeline)
            if self._is_one(earlier):
                return True
        return True

    def _is_one(self, event: Event) -> bool:
        return isinstance(event, ConversationHeld) and event.conversation is self.conversation


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PreparedFirst(Condition):
    """The event's referral is not for ``offer``, or a ``conversation`` about it came first.

    The conversation counts if it names the event's referral or names none. An event that
    names no referral, or one not in the pathway, meets the condition: it is not judged.

    Attributes:
        offer: The offer of the referrals judged.
        conversation: The kind of conversation that prepares the citizen.
    """

    KIND: ClassVar[str] = "prepared_first"

    offer: str = attrs.field(metadata=NON_BLANK)
    conversation: ConversationKind

    def __attrs_post_init__(self) -> None:
        """Validate the offer and the kind of conversation."""
        check = Checker()
        check.text(self.offer, "offer")
        check.member(self.conversation, ConversationKind, "conversation")
        check.done()

    def __call__(self, pathway: Pathway, event: Event) -> bool:
        """True unless the event starts a referral for ``offer`` with no preparation."""
        referral = referral_named(pathway, event)
        if referral is None or referral.offer != self.offer:
            return True
        for earlier in pathway.timeline:
            if earlier is event:
                return False
            if (
                isinstance(earlier, ConversationHeld)
                and earlier.conversation is self.conversation
                and earlier.referral_id in {None, referral.referral_id}
            ):
                return True
        return False


def field_is(field: str, value: str | bool | enum.Enum) -> FieldIs:  # noqa: FBT001 - a value
    """The event's ``field`` has ``value``; a coded value may be given as its enum member."""
    return FieldIs(field=field, value=value.value if isinstance(value, CodedEnum) else value)  # type: ignore[arg-type]


def at_least(field: str, minimum: int) -> AtLeast:
    """The event's ``field`` holds at least ``minimum`` items."""
    return AtLeast(field=field, minimum=minimum)


def referral_from(recorded_by: Administration, to: Administration) -> ReferralFrom:
    """The referral the event names was made by ``recorded_by`` to ``to``."""
    return ReferralFrom(recorded_by=recorded_by, to=to)


def plan_by(plan_kind: PlanKind, recorded_by: Administration) -> PlanBy:
    """The plan the event names was made as ``plan_kind`` by ``recorded_by``."""
    return PlanBy(plan_kind=plan_kind, recorded_by=recorded_by)


def conversation_first(conversation: ConversationKind) -> ConversationFirst:
    """The pathway has no ``conversation``, or one came before the event."""
    return ConversationFirst(conversation=conversation)


def prepared_first(offer: str, conversation: ConversationKind) -> PreparedFirst:
    """The event's referral is not for ``offer``, or a ``conversation`` about it came first."""
    return PreparedFirst(offer=offer, conversation=conversation)


CONDITIONS: Mapping[str, type[Condition]] = MappingProxyType(
    {c.KIND: c for c in (FieldIs, AtLeast, ReferralFrom, PlanBy, ConversationFirst, PreparedFirst)}
)
"""Every condition kind by its code."""
