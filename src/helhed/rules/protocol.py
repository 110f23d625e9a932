"""[`Protocol`][helhed.rules.Protocol]: rules bundled with what they are for."""

from __future__ import annotations

import attrs

from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.collaboration import CollaborationModel
from helhed.errors import UnknownNameError, quoted
from helhed.groups import RiskGroup
from helhed.rules.base import Rule
from helhed.sources import Citation, Reason

__all__ = ["Protocol"]


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
