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

from collections.abc import Mapping
from types import MappingProxyType

from helhed.errors import UnknownNameError, quoted
from helhed.rules.at_most_per import AtMostPer
from helhed.rules.base import Rule
from helhed.rules.caseworkers import CoordinatingCaseworkerAssigned, OneCoordinatingCaseworker
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

__all__ = ["RULE_KINDS", "kind_of"]

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
