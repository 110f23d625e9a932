"""The `every` rule kind: every event of a description meets a condition.

The condition is one of the named conditions of
[`helhed.rules.conditions`][helhed.rules.conditions], so the rule can be written as a
document and checked in columns. A Python function of the pathway and the event is accepted
too, for a protocol that stays in Python: it cannot be written as a document, and
[`check_frame`][helhed.batch.check_frame] runs it on objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import ClassVar

import attrs

from helhed._validation import Checker, pair_of
from helhed._values import frozen_fields
from helhed.pathways.events import Event, EventKind
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Match, Rule, Severity, _check_match
from helhed.rules.conditions import Condition
from helhed.sources import Basis, Citation

__all__ = ["Every", "every"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Every(Rule):
    """Every event of the description meets a condition.

    Attributes:
        events: The events judged.
        holds: The condition: a named condition, or a Python function of the pathway and
            the event.
        failure_da: What is wrong when it fails, in Danish.
        failure_en: The same in English.
    """

    KIND: ClassVar[str] = "every"

    events: Match
    holds: Condition | Callable[[Pathway, Event], bool]
    failure_da: str
    failure_en: str

    def _validate(self, check: Checker) -> None:
        """Validate the common fields, the condition against the events' kinds, the texts."""
        super()._validate(check)
        if _check_match(check, self.events, "events"):
            if isinstance(self.holds, Condition):
                self.holds.fits(self.events.kinds, check, "holds")
            else:
                check.expect(callable(self.holds), "holds", "must be a condition or a function")
        check.text(self.failure_da, "failure_da")
        check.text(self.failure_en, "failure_en")

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each matching event the condition fails for."""
        for i, event in pathway.numbered:
            if self.events(pathway, event) and not self.holds(pathway, event):
                yield self.finding(
                    pathway, (i,), (event.occurred_on,), self.detail(event.kind, event.occurred_on)
                )

    def detail(self, kind: EventKind, day: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a ``kind`` event on ``day`` the condition fails for."""
        return (
            f"{kind.label_da} {day}: {self.failure_da}",
            f"{kind.label_en} on {day}: {self.failure_en}",
        )


def every(  # noqa: PLR0913 - a rule is its parameters
    events: Match,
    holds: Condition | Callable[[Pathway, Event], bool],
    *,
    failure: tuple[str, str],
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.ERROR,
    basis: Basis | None = None,
) -> Every:
    """Every event matching ``events`` meets ``holds``; ``failure`` says (da, en) what is wrong.

    Raises:
        ValidationError: If ``failure`` is not a (Danish, English) pair, or a field of the
            rule is wrong.
    """
    pair_of(failure, "failure")
    return Every(
        id=id,
        severity=severity,
        citation=citation,
        events=events,
        holds=holds,
        failure_da=failure[0],
        failure_en=failure[1],
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )
