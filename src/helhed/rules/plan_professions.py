"""The `plan_spans_professions` rule kind: each plan's items span several professions.

Model 1's intervention plan holds interventions across professions and administrations
(SST2019 kap. 6).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.errors import quoted
from helhed.organisation import Role
from helhed.pathways.events import PlanCreated, PlanItemAdded
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Rule

__all__ = ["PlanSpansProfessions"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PlanSpansProfessions(Rule):
    """Each plan's items span at least ``minimum`` professions (SST2019 kap. 6).

    A plan is judged once it has existed for ``grace_days`` days, so items can be added first.
    Items added to the plan at any time in the log count.

    Attributes:
        minimum: The fewest professions.
        grace_days: Days after the plan is made before it is judged.
    """

    KIND: ClassVar[str] = "plan_spans_professions"

    minimum: int = 2
    grace_days: int = 0

    def _validate(self, check: Checker) -> None:
        """Validate the common fields, the minimum (1 or more) and the grace days."""
        super()._validate(check)
        check.whole(self.minimum, "minimum", minimum=1)
        check.whole(self.grace_days, "grace_days")

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield a finding for each plan whose items span too few professions."""
        professions: dict[str, set[Role]] = defaultdict(set)
        for event in pathway.timeline:
            if isinstance(event, PlanItemAdded):
                professions[event.plan_id].add(event.profession)
        for i, event in pathway.numbered:
            if not isinstance(event, PlanCreated):
                continue
            try:
                if on < event.occurred_on + dt.timedelta(days=self.grace_days):
                    continue
            except OverflowError:  # the grace ends after 9999-12-31: not judged yet
                continue
            found = len(professions[event.plan_id])
            if found < self.minimum:
                yield self.finding(
                    pathway,
                    (i,),
                    (event.occurred_on,),
                    self.detail(event.plan_id, event.occurred_on, found),
                )

    def detail(self, plan_id: str, made: dt.date, found: int) -> tuple[str, str]:
        """The (Danish, English) detail of plan ``plan_id`` made on ``made`` with ``found``."""
        return (
            f"Plan {quoted(plan_id)} fra {made} har indsatser fra {found} faggruppe(r); "
            f"mindst {self.minimum}.",
            f"Plan {quoted(plan_id)} of {made} has items of {found} profession(s); at least "
            f"{self.minimum}.",
        )
