"""The `parallel` rule kind: two administrations' interventions overlap in time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.organisation import Administration
from helhed.pathways.events import (
    Event,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
)
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Rule, Severity, picked
from helhed.sources import Basis, Citation

__all__ = ["Parallel", "parallel"]


_STEPS = (InterventionStarted, InterventionCompleted, InterventionDroppedOut)


def _intervals(
    steps: list[tuple[int, int, Event]], administration: Administration, end: dt.date
) -> list[tuple[int, dt.date, dt.date]]:
    """The interventions an administration recorded: (start index, first day, last day).

    In no particular order: ``Parallel`` only asks whether any overlap and for the earliest.

    ``steps`` are the starts and ends of interventions in the timeline (see ``picked``);
    one still running runs until ``end``.
    """
    open_: dict[str, tuple[int, dt.date]] = {}
    spans: list[tuple[int, dt.date, dt.date]] = []
    for _, i, event in steps:
        if event.recorded_by is not administration:
            continue
        offer: str = event.offer  # type: ignore[attr-defined]  # an intervention's
        if isinstance(event, InterventionStarted):
            open_[offer] = (i, event.occurred_on)
        else:  # completed or dropped out
            started = open_.pop(offer, None)
            if started is not None:
                spans.append((started[0], started[1], event.occurred_on))
    spans.extend((i, start, end) for i, start in open_.values())
    return spans


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Parallel(Rule):
    """Two administrations' interventions run at the same time, not one after the other.

    Only pathways with interventions of both are judged; a finding means every intervention
    of one ended before any of the other began. Interventions still running count as running
    until the pathway closed or the day of the check.

    Attributes:
        first: One administration (e.g. the health department).
        second: The other (e.g. the job centre).
    """

    KIND: ClassVar[str] = "parallel"

    first: Administration
    second: Administration

    def _validate(self, check: Checker) -> None:
        """Validate the common fields and both administrations."""
        super()._validate(check)
        check.member(self.first, Administration, "first")
        check.member(self.second, Administration, "second")

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield one finding if both have interventions and none overlap."""
        steps = picked(pathway, _STEPS)
        if not steps:
            return
        by = {event.recorded_by for _, _, event in steps}
        if self.first not in by or self.second not in by:
            return
        end = pathway.closed_on or on
        ones = _intervals(steps, self.first, end)
        twos = _intervals(steps, self.second, end)
        if not ones or not twos:
            return
        if any(a[1] <= b[2] and b[1] <= a[2] for a in ones for b in twos):
            return
        yield self.finding(
            pathway,
            sorted(i for i, _, _ in (*ones, *twos)),
            (min(a[1] for a in ones), min(b[1] for b in twos)),
            self.detail,
        )

    @property
    def detail(self) -> tuple[str, str]:
        """The (Danish, English) detail of interventions that never overlapped."""
        return (
            f"Indsatser i {self.first.label_da.lower()} og {self.second.label_da.lower()} "
            "lå efter hinanden og overlappede ikke.",
            f"Interventions of {self.first.label_en.lower()} and "
            f"{self.second.label_en.lower()} ran one after the other and never overlapped.",
        )


def parallel(  # noqa: PLR0913 - a rule is its parameters
    first: Administration,
    second: Administration,
    *,
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.WARNING,
    basis: Basis | None = None,
) -> Parallel:
    """The two administrations' interventions overlap in time."""
    return Parallel(
        id=id,
        severity=severity,
        citation=citation,
        first=first,
        second=second,
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )
