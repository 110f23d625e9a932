"""The `same_instrument` rule kind: progression is measured on an instrument used before the plan.

Not a rule of model 1: SST2019 kap. 6 names a validated screening tool and a validated
progression tool as two prerequisites, so a protocol that adds this kind should mark the rule
as its own reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._values import frozen_fields
from helhed.pathways.events import PlanCreated, ProgressionReviewed, ScreeningRecorded
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Rule

__all__ = ["SameInstrument"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class SameInstrument(Rule):
    """Progression under a plan is measured on an instrument also used before the plan.

    Every screening and every progression review after the first plan is made must use an
    instrument that was used in a screening before it (the baseline).
    """

    KIND: ClassVar[str] = "same_instrument"

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each measurement after a plan without a baseline."""
        baseline: set[str] = set()
        plan_made: dt.date | None = None
        before: set[str] = set()
        for i, event in pathway.numbered:
            if isinstance(event, PlanCreated) and plan_made is None:
                plan_made = event.occurred_on
                before = set(baseline)
            elif isinstance(event, (ScreeningRecorded, ProgressionReviewed)):
                if plan_made is None:
                    if isinstance(event, ScreeningRecorded):
                        baseline.add(event.instrument)
                    continue
                if event.instrument not in before:
                    yield self.finding(
                        pathway,
                        (i,),
                        (plan_made, event.occurred_on),
                        self.detail(plan_made, event.occurred_on),
                    )

    @staticmethod
    def detail(plan_made: dt.date, measured: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a measurement on ``measured`` with no baseline."""
        return (
            f"Progression målt {measured} med et redskab, der ikke blev brugt før planen af "
            f"{plan_made}.",
            f"Progression measured on {measured} with an instrument not used before the plan "
            f"of {plan_made}.",
        )
