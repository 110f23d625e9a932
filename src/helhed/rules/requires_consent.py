"""The `requires_consent` rule kind: information reaches an administration only with consent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConsentGiven,
    ConsentRefused,
    ConsentWithdrawn,
    Event,
    InformationCategory,
    InformationDisclosed,
)
from helhed.pathways.ledger import Ledger, Moment
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Rule, Severity, picked
from helhed.sources import Basis, Citation, Reason

__all__ = ["RequiresConsent", "requires_consent"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class RequiresConsent(Rule):
    """Information of ``category`` reaches ``to`` from another administration only with consent.

    Attributes:
        category: The category of information.
        to: The receiving administration.
    """

    KIND: ClassVar[str] = "requires_consent"

    category: InformationCategory
    to: Administration

    def _validate(self, check: Checker) -> None:
        """Validate the common fields, the category and the administration."""
        super()._validate(check)
        check.member(self.category, InformationCategory, "category")
        check.member(self.to, Administration, "to")

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each disclosure made without consent in force, in log order.

        Each disclosure in force on consent is judged as [`audit`][helhed.consent.audit]
        judges it: by the ledger, at its place in the timeline. When each plainly had consent
        (see ``_plainly_allowed``), nothing is found and the ledger is not read.
        """
        disclosures = [
            (place, index, event)
            for place, index, event in picked(pathway, (InformationDisclosed,))
            if event.to is self.to and event.category is self.category  # type: ignore[attr-defined]
        ]
        if not disclosures or _plainly_allowed(pathway, disclosures):
            return
        ledger = Ledger(pathway)
        found: list[tuple[int, dt.date, Reason]] = []
        for place, index, disclosed in disclosures:
            event: InformationDisclosed = disclosed  # type: ignore[assignment]  # as picked
            if event.legal_basis:
                continue  # on a statutory basis, not on consent: the audit lists it apart
            decision = ledger.decide(
                event.category,
                event.to,
                purpose=event.purpose,
                source=event.source,
                moment=Moment(event.occurred_on, event.at, place),
            )
            if not decision.allowed:
                found.append((index, event.occurred_on, decision.reasons[0]))
        for index, day, reason in sorted(found):  # positions differ: the log's order
            yield self.finding(pathway, (index,), (day,), self.detail(day, reason))

    def detail(self, day: dt.date, reason: Reason) -> tuple[str, str]:
        """The (Danish, English) detail of a disclosure on ``day`` refused for ``reason``."""
        return (
            f"{self.category.label_da} givet til {self.to.label_da.lower()} {day}: "
            f"{reason.text_da}",
            f"{self.category.label_en} passed to {self.to.label_en.lower()} on {day}: "
            f"{reason.text_en}",
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


_CONSENT_EVENTS = (ConsentGiven, ConsentWithdrawn, ConsentRefused)


def _plainly_allowed(pathway: Pathway, disclosures: list[tuple[int, int, Event]]) -> bool:
    """True if the audit would find every disclosure allowed, when that is plain to see.

    ``disclosures`` are ``(place in the timeline, position, event)`` of disclosures in force.
    Each is allowed when it stays within one administration, rests on a statutory basis, or - with
    no withdrawal or refusal in the timeline - a consent given before it to its receiver, for
    its purpose, covers its category and has not ended by its day (the ledger's rules 1, 2
    and 4, see [`helhed.pathways.ledger`][helhed.pathways.ledger]). False when that does not
    settle it; the ledger then judges. Never True where the audit finds one not allowed.
    """
    consents = picked(pathway, _CONSENT_EVENTS)
    if any(not isinstance(e, ConsentGiven) for _, _, e in consents):
        return False  # a withdrawal or refusal: the newest fact decides, as the ledger knows
    for place, _, event in disclosures:
        disclosed: InformationDisclosed = event  # type: ignore[assignment]  # as picked
        if disclosed.source is disclosed.to or disclosed.legal_basis is not None:
            continue
        purpose, day = disclosed.purpose, disclosed.occurred_on
        if purpose is None or not any(
            rank < place
            and c.to is disclosed.to  # type: ignore[attr-defined]  # a ConsentGiven
            and c.purpose is purpose  # type: ignore[attr-defined]
            and disclosed.category in c.categories  # type: ignore[attr-defined]
            and (c.ends_on is None or day <= c.ends_on)  # type: ignore[attr-defined]
            for rank, _, c in consents
        ):
            return False
    return True
