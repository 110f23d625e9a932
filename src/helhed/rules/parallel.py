"""The `parallel` rule kind: two administrations' interventions overlap in time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
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
    steps: Sequence[tuple[int, int, Event]],
    first: Administration,
    second: Administration,
    end: dt.date,
) -> tuple[list[tuple[int, dt.date, dt.date]], list[tuple[int, dt.date, dt.date]]]:
    """The interventions each administration recorded: (start index, first day, last day).

    In no particular order: ``Parallel`` only asks whether any overlap and for the earliest.

    ``steps`` are the starts and ends of interventions in the timeline (see ``picked``);
    one still running runs until ``end``.
    """
    opened: dict[tuple[bool, str], tuple[int, dt.date]] = {}
    ones: list[tuple[int, dt.date, dt.date]] = []
    twos: list[tuple[int, dt.date, dt.date]] = []
    for _, i, event in steps:
        by = event.recorded_by
        if by is not first and by is not second:
            continue
        key = (by is first, event.offer)  # type: ignore[attr-defined]  # an intervention's
        if isinstance(event, InterventionStarted):
            opened[key] = (i, event.occurred_on)
        else:  # completed or dropped out
            started = opened.pop(key, None)
            if started is not None:
                (ones if key[0] else twos).append((started[0], started[1], event.occurred_on))
    for (mine, _), (i, start) in opened.items():
        (ones if mine else twos).append((i, start, end))
    return ones, twos


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
        if not picked(pathway, (InterventionStarted,)):
            return  # no intervention at all
        steps = picked(pathway, _STEPS)
        ones, twos = _intervals(steps, self.first, self.second, pathway.closed_on or on)
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
