"""The named conditions over whole columns: the rows of a table that meet each (research extra).

Each condition kind of [`helhed.rules.conditions`][helhed.rules.conditions] has a mask here:
a function of the condition and a [`Table`][helhed.batch._table.Table] giving, for every row,
what the condition's own ``__call__`` answers for that event in its pathway cut at the day
checked. [`Table.matches`][helhed.batch._table.Table.matches] reads a match's ``where``
through it, and [`Every`][helhed.rules.Every] its ``holds``.

| kind | a row meets it when |
|---|---|
| `field_is` | its kind has the field as a code, text or flag, and its cell is the value |
| `at_least` | its cell holds ``minimum`` codes or more (a set field) |
| `referral_from` | the referral its ``referral_id`` names was recorded by and goes to those |
| `plan_by` | a row of its citizen creates its ``plan_id`` so, before or after it |
| `conversation_first` | its citizen has no such conversation, or the first comes before it |
| `prepared_first` | its referral is not for the offer, or a conversation about it came first |

As for rules, a condition's mask is looked up by its exact class, so a subclass is never
taken for its parent, and a class whose fields are not those its mask was registered with
has none. A rule whose condition has no mask is declined by its evaluator and runs on
objects; [`condition_declines`][helhed.batch.rules.conditions.condition_declines] says why.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Final, TypeVar, cast

import attrs
import numpy as np

from helhed._coded import CodedEnum
from helhed._validation import Checker
from helhed.batch._table import ADMINISTRATION_INDEX, KINDS, PLAIN_FIELDS, Table
from helhed.pathways.events import ConversationHeld, ConversationKind, PlanCreated
from helhed.rules.conditions import (
    AtLeast,
    Condition,
    ConversationFirst,
    FieldIs,
    PlanBy,
    PreparedFirst,
    ReferralFrom,
    field_type,
)

if TYPE_CHECKING:
    from helhed.batch._scan import Bools, Ints

__all__ = ["MASKS", "MASK_FIELDS", "condition_declines", "condition_mask", "masks"]

C = TypeVar("C", bound=Condition)

Mask = Callable[[Condition, "Table"], "Bools"]

MASKS: Final[dict[type[Condition], Mask]] = {}
"""The mask of each condition class, by the class (exactly that class, not a subclass)."""

MASK_FIELDS: Final[dict[type[Condition], frozenset[str]]] = {}
"""The fields each mask reads, per condition class; a class with other fields has no mask."""

_NEEDS: Final[dict[type[Condition], tuple[str, ...]]] = {}
_SEPARATOR = ";"


def masks(
    kind: type[C], *, fields: Iterable[str], needs: tuple[str, ...] = ()
) -> Callable[[Callable[[C, Table], Bools]], Callable[[C, Table], Bools]]:
    """Register the decorated function as the mask of conditions of class ``kind``.

    Args:
        kind: The condition class.
        fields: Every field of ``kind`` the mask reads.
        needs: The fields whose cells the mask compares as one plain value per event.
    """

    def register(mask: Callable[[C, Table], Bools]) -> Callable[[C, Table], Bools]:
        MASKS[kind] = cast("Mask", mask)
        MASK_FIELDS[kind] = frozenset(fields)
        _NEEDS[kind] = needs
        return mask

    return register


def condition_declines(condition: Condition, role: str) -> str | None:
    """Why ``condition`` (the rule's ``role``, e.g. ``holds``) has no mask; None if it has one."""
    kind = type(condition)
    if kind not in MASKS:
        base = next((k.__name__ for k in MASKS if isinstance(condition, k)), None)
        if base is not None:
            return (
                f"{role} is a {kind.__name__}, a subclass of {base}, which may answer differently"
            )
        return f"{role} is a {kind.__name__}, a condition with no columnar mask"
    if MASK_FIELDS[kind] != frozenset(f.name for f in attrs.fields(kind)):
        return f"{role} is a {kind.__name__}, which has fields the columnar code does not read"
    for field in _NEEDS[kind]:
        if field not in PLAIN_FIELDS:
            return f"{role} reads {field}, which is not one plain value per event"
    return None


def condition_mask(condition: Condition, table: Table) -> Bools:
    """The rows of ``table`` whose event meets ``condition`` in its pathway.

    Raises:
        ValidationError: If ``condition`` is not a condition with a mask (a rule asks
            ``condition_declines`` first), or ``table`` is not a ``Table``.
    """
    check = Checker()
    check.expect(
        isinstance(condition, Condition)  # type: ignore[redundant-expr]
        and condition_declines(condition, "it") is None,
        "condition",
        "must be a named condition with a columnar mask",
    )
    check.expect(isinstance(table, Table), "table", "must be a Table")
    check.done()
    return MASKS[type(condition)](condition, table)


@functools.cache
def _hints(field: str) -> tuple[object, ...]:
    """For each event kind, in the order of ``KINDS``: the type of ``field``, without ``| None``.

    None for a kind that has no such field.
    """
    return tuple(field_type(kind, field) for kind in KINDS)


def _kinds_where(field: str, test: Callable[[object], bool]) -> Bools:
    """For each event kind: has it ``field``, of a type ``test`` accepts?"""
    return np.array([hint is not None and test(hint) for hint in _hints(field)], dtype=bool)


def _by_value(values: list[object], answer: Callable[[object], bool]) -> Bools:
    """``answer`` for each distinct cell, and False for a missing one (code -1, the last)."""
    return np.array([answer(v) for v in values] + [False], dtype=bool)


@masks(FieldIs, fields=("field", "value"))
def field_is(condition: FieldIs, table: Table) -> Bools:
    """Rows of a kind with the field as a code, text or flag, whose cell is the value.

    A coded field's cell is its code, so the value is compared with the cell; a value of
    another type than the field's (a flag for a text field) never equals it.
    """
    value = condition.value
    wanted = bool if isinstance(value, bool) else str
    kinds = _kinds_where(
        condition.field,
        lambda hint: (
            hint is wanted
            or (wanted is str and isinstance(hint, type) and issubclass(hint, CodedEnum))
        ),
    )
    if not kinds.any():
        return np.zeros(table.size, dtype=bool)
    codes, values = table.field_codes(condition.field)
    same = _by_value(values, lambda v: type(v) is type(value) and v == value)
    return kinds[table.kind] & same[codes]


def _items(cell: object) -> int:
    """The number of distinct codes in a set field's cell (codes joined by ``;`` or a list)."""
    if isinstance(cell, str):
        return len(set(cell.split(_SEPARATOR)))
    return len(set(cell)) if isinstance(cell, tuple) else 0


@masks(AtLeast, fields=("field", "minimum"))
def at_least(condition: AtLeast, table: Table) -> Bools:
    """Rows whose set field holds ``minimum`` codes or more (a text field: characters)."""
    minimum = condition.minimum
    sets = _kinds_where(condition.field, lambda hint: typing.get_origin(hint) in {frozenset, tuple})
    texts = _kinds_where(condition.field, lambda hint: hint is str)
    if not (sets.any() or texts.any()):
        return np.zeros(table.size, dtype=bool)
    codes, values = table.field_codes(condition.field)
    many = _by_value(values, lambda v: _items(v) >= minimum)
    long = _by_value(values, lambda v: isinstance(v, str) and len(v) >= minimum)
    return (sets[table.kind] & many[codes]) | (texts[table.kind] & long[codes])


def _referral_rows(table: Table) -> tuple[Bools, Ints]:
    """Rows naming a referral of the citizen, and the row of that referral (0 where none)."""
    referral = table.referrals()
    return referral >= 0, np.maximum(referral, 0)


@masks(ReferralFrom, fields=("recorded_by", "to"), needs=("referral_id",))
def referral_from(condition: ReferralFrom, table: Table) -> Bools:
    """Rows whose referral was recorded by ``recorded_by`` and goes ``to``."""
    known, source = _referral_rows(table)
    by: Bools = table.org == ADMINISTRATION_INDEX[condition.recorded_by.code]
    return known & by[source] & table.equals("to", condition.to.code)[source]


@masks(PlanBy, fields=("plan_kind", "recorded_by"), needs=("plan_id",))
def plan_by(condition: PlanBy, table: Table) -> Bools:
    """Rows whose ``plan_id`` names a plan of their citizen created so, before or after them."""
    plan, _ = table.field_codes("plan_id")
    made = np.flatnonzero(
        table.kinds(PlanCreated)
        & table.equals("plan_kind", condition.plan_kind.code)
        & (table.org == ADMINISTRATION_INDEX[condition.recorded_by.code])
        & (plan >= 0)
    )
    asked = np.flatnonzero(plan >= 0)
    out = np.zeros(table.size, dtype=bool)
    if made.size and asked.size:
        groups = table.groups(np.concatenate([made, asked]), plan)
        out[asked] = np.isin(groups[made.size :], groups[: made.size])
    return out


def _conversations(table: Table, kind: ConversationKind) -> Bools:
    return table.kinds(ConversationHeld) & table.equals("conversation", kind.code)


@masks(ConversationFirst, fields=("conversation",))
def conversation_first(condition: ConversationFirst, table: Table) -> Bools:
    """Rows of citizens with no such conversation, or after their first one in the timeline."""
    first = table.first_of(_conversations(table, condition.conversation))[table.citizen]
    none: Bools = first == table.size
    return none | (first < np.arange(table.size))


@masks(PreparedFirst, fields=("offer", "conversation"), needs=("referral_id",))
def prepared_first(condition: PreparedFirst, table: Table) -> Bools:
    """Rows not about a referral for the offer, or with such a conversation before them.

    The conversation counts if it names the row's referral or none.
    """
    known, source = _referral_rows(table)
    rows = np.flatnonzero(known & table.equals("offer", condition.offer)[source])
    out = np.ones(table.size, dtype=bool)
    if not rows.size:
        return out
    held = _conversations(table, condition.conversation)
    named, _ = table.field_codes("referral_id")
    blank = table.first_of(held & (named < 0))[table.citizen[rows]]
    alike = table.first_alike(held & (named >= 0), named, rows)
    out[rows] = (blank < rows) | (alike < rows)
    return out
