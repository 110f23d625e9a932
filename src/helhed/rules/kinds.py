"""Every rule kind by its code: the vocabulary of protocol documents.

A rule in a protocol document names its kind by the code here (``"rule": "within"``), and
the kind's fields follow. [`RULE_KINDS`][helhed.rules.kinds.RULE_KINDS] holds the classes by
code, [`kind_of`][helhed.rules.kinds.kind_of] gives a rule's code. A rule of a class not
listed here (a subclass, or a class of a user's own) can be checked but not written as a
document.

Examples:
    >>> sorted(RULE_KINDS)[:3]
    ['at_most_per', 'coordinating_caseworker_assigned', 'every']
    >>> RULE_KINDS["within"].__name__
    'Within'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType

import attrs

from helhed.errors import Problem, UnknownNameError, quoted
from helhed.pathways.events import EVENT_TYPES, EventKind
from helhed.rules.at_most_per import AtMostPer
from helhed.rules.base import Match, Rule
from helhed.rules.caseworkers import CoordinatingCaseworkerAssigned, OneCoordinatingCaseworker
from helhed.rules.conditions import CONDITIONS, Condition
from helhed.rules.every import Every
from helhed.rules.first_follow_up import FirstFollowUpByWeek8
from helhed.rules.forbid import Forbid
from helhed.rules.parallel import Parallel
from helhed.rules.plan_professions import PlanSpansProfessions
from helhed.rules.precedes import Precedes
from helhed.rules.requires_consent import RequiresConsent
from helhed.rules.rescreened import RescreenedAtEnd
from helhed.rules.same_instrument import SameInstrument
from helhed.rules.settled import SupportUntilSettled
from helhed.rules.within import Within

__all__ = ["RULE_KINDS", "kind_of", "unwritable"]

RULE_KINDS: Mapping[str, type[Rule]] = MappingProxyType(
    {
        cls.KIND: cls
        for cls in (
            Within,
            Precedes,
            Forbid,
            Every,
            RequiresConsent,
            Parallel,
            AtMostPer,
            CoordinatingCaseworkerAssigned,
            OneCoordinatingCaseworker,
            RescreenedAtEnd,
            SupportUntilSettled,
            PlanSpansProfessions,
            SameInstrument,
            FirstFollowUpByWeek8,
        )
    }
)
"""Every rule kind helhed ships, by its code."""

_KINDS = frozenset(RULE_KINDS.values())


def kind_of(rule: Rule) -> str:
    """The code of ``rule``'s kind.

    Raises:
        UnknownNameError: If the rule's class is not one of ``RULE_KINDS`` (a subclass or a
            class of one's own), so it cannot be written as a document.
    """
    code = getattr(type(rule), "KIND", None)
    if not isinstance(code, str) or RULE_KINDS.get(code) is not type(rule):
        msg = f"{quoted(type(rule).__name__)} is not a rule kind helhed can write as a document"
        raise UnknownNameError(msg)
    return code


_PYTHON = "a Python function cannot be written; use a condition from helhed.rules.conditions"


def unwritable(rules: Sequence[Rule]) -> Iterator[Problem]:
    """What in a protocol's ``rules`` a document cannot say, by path (``rules[3].holds``).

    A rule of a class outside ``RULE_KINDS`` (a subclass, a class of one's own), a Python
    function as a condition, a condition of a class outside ``CONDITIONS``, and a match on an
    event class without an event kind code of its own (a base class, a subclass).
    """
    for i, rule in enumerate(rules):
        path = f"rules[{i}]"
        if type(rule) not in _KINDS:
            yield Problem(
                path,
                f"is a {type(rule).__name__}, which is not a rule kind a document can hold; "
                f"expected one of: {', '.join(RULE_KINDS)}",
            )
            continue
        for field in attrs.fields(type(rule)):
            value = getattr(rule, field.name)
            where = f"{path}.{field.name}"
            if isinstance(value, Match):
                yield from _unwritable_match(value, where)
            elif field.name == "holds":
                yield from _unwritable_condition(value, where)


def _unwritable_match(match: Match, path: str) -> Iterator[Problem]:
    for j, kind in enumerate(match.kinds):
        own = getattr(kind, "KIND", None)
        if not isinstance(own, EventKind) or EVENT_TYPES.get(own) is not kind:
            yield Problem(
                f"{path}.kinds[{j}]",
                f"{kind.__name__} has no event kind code of its own; name the event kinds "
                "it stands for",
            )
    if match.where is not None:
        yield from _unwritable_condition(match.where, f"{path}.where")


def _unwritable_condition(condition: object, path: str) -> Iterator[Problem]:
    if not isinstance(condition, Condition):
        yield Problem(path, _PYTHON)
    elif CONDITIONS.get(condition.KIND) is not type(condition):
        yield Problem(
            path,
            f"is a {type(condition).__name__}, which is not a condition a document can hold; "
            f"expected one of: {', '.join(CONDITIONS)}",
        )
