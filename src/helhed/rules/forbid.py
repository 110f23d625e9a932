"""The `forbid` rule kind: no event of a description may occur."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.pathways.events import EventKind
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Match, Rule, Severity, _check_match, picked
from helhed.sources import Basis, Citation

__all__ = ["Forbid", "forbid"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Forbid(Rule):
    """No event of the description may occur.

    Attributes:
        events: The events that are not allowed.
    """

    KIND: ClassVar[str] = "forbid"

    events: Match

    def _validate(self, check: Checker) -> None:
        """Validate the common fields and the match."""
        super()._validate(check)
        _check_match(check, self.events, "events")

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each matching event."""
        for _, i, event in picked(pathway, self.events.kinds):
            if self.events(pathway, event):
                yield self.finding(
                    pathway, (i,), (event.occurred_on,), self.detail(event.kind, event.occurred_on)
                )

    @staticmethod
    def detail(kind: EventKind, day: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a forbidden ``kind`` event on ``day``."""
        return (f"{kind.label_da} {day}.", f"{kind.label_en} on {day}.")


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
