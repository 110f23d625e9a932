"""The columnar evaluators by rule kind, and the plan of a check (research extra).

Each module of ``helhed.batch.rules`` registers the evaluator of one rule kind with
[`columnar`][helhed.batch.rules.registry.columnar]; the check looks a rule's evaluator up by
the rule's exact class, so a subclass of a registered kind is never taken for it (it may
check differently). An evaluator reads the fields it was registered with; a class whose
fields have changed since has no evaluator until the code is taught the new field, so a new
field is never ignored. An evaluator may also decline a particular rule and say why.

A rule with no evaluator, or one its evaluator declines, runs on objects.
[`evaluation_plan`][helhed.batch.evaluation_plan] tells, rule by rule, which way each goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final, TypeVar, cast

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.batch._found import Found
from helhed.batch._objects import Objects
from helhed.batch._scan import Ints
from helhed.batch._table import MATCH_FIELDS, PLAIN_FIELDS, Table
from helhed.batch.rules.conditions import condition_declines
from helhed.rules import Match, Protocol, Rule

__all__ = [
    "COMMON_FIELDS",
    "EVALUATORS",
    "KNOWN_FIELDS",
    "Evaluator",
    "RulePlan",
    "columnar",
    "evaluation_plan",
    "evaluator_of",
    "plain_matches",
    "single_value",
]

R = TypeVar("R", bound=Rule)

COMMON_FIELDS: Final = ("id", "severity", "citation", "text_da", "text_en", "basis")
"""The fields every rule class has, which the findings read."""

OVER_COLUMNS: Final = "over whole columns"


@attrs.frozen(field_transformer=frozen_fields)
class Evaluator:
    """The columnar evaluator of one rule kind.

    Attributes:
        kind: The rule class it evaluates (exactly that class, not a subclass).
        evaluate: Adds the findings of a rule of ``kind`` over a table to a ``Found``.
        how: How it evaluates, in a few words, for the plan.
        declines: Why it cannot evaluate a particular rule (None if it can).
        candidates: For a rule it runs on objects after a pre-filter: the citizens who can
            break it (None for all); ``whole`` says the table holds every pathway. For a
            population rule: the citizens whose pathways ``population_rows`` gathers.
    """

    kind: type[Rule]
    evaluate: Callable[[Rule, Table, Objects, Found], None]
    how: str
    declines: Callable[[Rule], str | None] | None = None
    candidates: Callable[[Rule, Table, bool], Ints | None] | None = None


EVALUATORS: Final[dict[type[Rule], Evaluator]] = {}
"""The evaluators, by the rule class they evaluate; filled as ``helhed.batch.rules`` loads."""

KNOWN_FIELDS: Final[dict[type, frozenset[str]]] = {Match: MATCH_FIELDS}
"""The fields the columnar code reads, per class it reads them for (``Match`` included).

A class whose fields are not exactly these is read on objects only (no column code, no
pre-filter), so a new field is never ignored."""


def columnar(
    kind: type[R],
    *,
    fields: Iterable[str] = (),
    how: str = OVER_COLUMNS,
    declines: Callable[[R], str | None] | None = None,
    candidates: Callable[[R, Table, bool], Ints | None] | None = None,
) -> Callable[
    [Callable[[R, Table, Objects, Found], None]], Callable[[R, Table, Objects, Found], None]
]:
    """Register the decorated function as the columnar evaluator of rules of class ``kind``.

    Args:
        kind: The rule class.
        fields: The fields of ``kind`` the evaluator reads besides ``COMMON_FIELDS``.
        how: How it evaluates, in a few words.
        declines: Why it cannot evaluate a particular rule, or None if it can.
        candidates: For an evaluator that pre-filters: the citizens who can break the rule;
            for a population rule, the citizens whose pathways it needs.
    """

    def register(
        evaluate: Callable[[R, Table, Objects, Found], None],
    ) -> Callable[[R, Table, Objects, Found], None]:
        EVALUATORS[kind] = Evaluator(
            kind=kind,
            evaluate=cast("Callable[[Rule, Table, Objects, Found], None]", evaluate),
            how=how,
            declines=cast("Callable[[Rule], str | None] | None", declines),
            candidates=cast("Callable[[Rule, Table, bool], Ints | None] | None", candidates),
        )
        KNOWN_FIELDS[kind] = frozenset((*COMMON_FIELDS, *fields))
        return evaluate

    return register


def _known(cls: type) -> bool:
    """True if the columnar code knows every field of ``cls`` (and no other)."""
    return KNOWN_FIELDS.get(cls) == frozenset(f.name for f in attrs.fields(cls))


def plain_matches(*matches: Match) -> str | None:
    """Why ``matches`` cannot be read over columns, or None if they can."""
    if not _known(Match):
        return "Match has fields the columnar code does not read"
    for match in matches:
        if type(match) is not Match:
            return f"its event match is a {type(match).__name__}, a subclass of Match"
        if match.where is not None:
            why = condition_declines(match.where, "its event match's where")
            if why is not None:
                return why
    return None


def single_value(field: str | None) -> str | None:
    """Why a rule's ``same`` field cannot be compared by its cells, or None if it can."""
    if field is None or field in PLAIN_FIELDS:
        return None
    return f"same names {field}, which is not one plain value per event"


def evaluator_of(rule: Rule) -> tuple[Evaluator | None, str]:
    """The evaluator of ``rule`` and how it evaluates it; or None and why there is none."""
    kind = type(rule)
    found = EVALUATORS.get(kind)
    if found is None:
        base = next((k.__name__ for k in EVALUATORS if isinstance(rule, k)), None)
        if base is not None:
            return None, f"{kind.__name__} is a subclass of {base}, which may check differently"
        return None, f"no columnar evaluator for {kind.__name__}"
    if not _known(kind):
        return None, f"{kind.__name__} has fields the columnar code does not read"
    why = found.declines(rule) if found.declines is not None else None
    if why is not None:
        return None, why
    return found, found.how


@attrs.frozen(field_transformer=frozen_fields)
class RulePlan:
    """How [`check_frame`][helhed.batch.check_frame] evaluates one rule of a protocol.

    Attributes:
        rule_id: The rule's id.
        kind: The name of the rule's class.
        columnar: True if the rule is evaluated by its kind's columnar evaluator; False if
            it runs on objects (its own ``check`` over ``Pathway`` objects read for every
            citizen), which warns with [`ObjectPathWarning`][helhed.errors.ObjectPathWarning].
        why: How the evaluator works, or why the rule runs on objects.
    """

    rule_id: str
    kind: str
    columnar: bool
    why: str


def evaluation_plan(protocol: Protocol) -> tuple[RulePlan, ...]:
    """How each rule of ``protocol`` is evaluated by the columnar check, in protocol order.

    The plan depends only on the rules, never on the data: a rule of a kind with a columnar
    evaluator that accepts it is evaluated over columns (some evaluators still read a few
    citizens on objects, as ``why`` says); any other rule runs on objects.

    Args:
        protocol: The protocol.

    Raises:
        ValidationError: If ``protocol`` is not a ``Protocol``.

    Examples:
        >>> from helhed.cases.halsnaes import HALSNAES
        >>> [(p.kind, p.columnar) for p in evaluation_plan(HALSNAES)]
        [('Forbid', True), ('Within', True), ('Parallel', True), ('RequiresConsent', True)]
        >>> from helhed.cases import KOLDING
        >>> plan = evaluation_plan(KOLDING)[1]
        >>> plan.rule_id, plan.kind, plan.columnar, plan.why
        ('kolding.rescreened', 'RescreenedAtEnd', True, 'over whole columns')
    """
    check = Checker()
    check.expect(isinstance(protocol, Protocol), "protocol", "must be a Protocol")
    check.done()
    plan = []
    for rule in protocol.rules:
        found, why = evaluator_of(rule)
        plan.append(
            RulePlan(rule_id=rule.id, kind=type(rule).__name__, columnar=found is not None, why=why)
        )
    return tuple(plan)
