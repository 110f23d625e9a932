"""The `precedes` rule kind: every ``then`` event has a ``first`` event before it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.pathways.events import EventKind
from helhed.pathways.pathway import Pathway
from helhed.rules.base import (
    Finding,
    Match,
    Rule,
    Severity,
    _check_match,
    _check_same,
    _correlated,
)
from helhed.sources import Basis, Citation

__all__ = ["Precedes", "precedes"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Precedes(Rule):
    """Every ``then`` event has a ``first`` event before it in the timeline.

    Attributes:
        first: The events that must come first.
        then: The events that need one before them.
        same: A field both events must share, if the ``then`` event has it.
        same_day: Also accept a ``first`` event that comes later on the same day. An event
            that fits both ``first`` and ``then`` never counts as its own ``first``.
    """

    KIND: ClassVar[str] = "precedes"

    first: Match
    then: Match
    same: str | None = None
    same_day: bool = False

    def _validate(self, check: Checker) -> None:
        """Validate the common fields, both matches, ``same`` and ``same_day``."""
        super()._validate(check)
        _check_match(check, self.first, "first")
        _check_match(check, self.then, "then")
        _check_same(check, self.same)
        check.flag(self.same_day, "same_day")

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each ``then`` event with no ``first`` event before it."""
        timeline = pathway.timeline
        for k, (j, event) in enumerate(pathway.numbered):
            if not self.then(pathway, event):
                continue
            # An event is never its own predecessor, even when it matches both descriptions.
            found = any(
                self.first(pathway, e) and _correlated(self.same, event, e)
                for m, e in enumerate(timeline)
                if m < k or (self.same_day and m > k and e.occurred_on == event.occurred_on)
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
    """Every ``then`` event has a ``first`` event before it (or that day, with ``same_day``).

    Raises:
        ValidationError: If ``same`` is not a field of an event kind, or another field is
            wrong.
    """
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
