"""The coordinating caseworker rule kinds: one is assigned, and it stays the same person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.benefits import Benefit, benefit_rules
from helhed.errors import HelhedError
from helhed.pathways.events import BenefitChanged, CaseworkerAssigned
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Rule
from helhed.sources import Citation

__all__ = ["CoordinatingCaseworkerAssigned", "OneCoordinatingCaseworker"]


_FN7 = Citation("SST2019", "4.1, fn. 7")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CoordinatingCaseworkerAssigned(Rule):
    """A citizen whose funding basis gives the right has a coordinating caseworker (SST2019 4.1).

    The right is read from the dated benefit rules on the day of the check; a funding basis
    for which no rule is known on that day is not judged. No source sets a deadline for the
    assignment, so a citizen is judged only once ``grace_days`` whole days have passed since
    the funding basis began: with the default 0, from the day after it began, never on the
    day itself (the assignment may be recorded later that day).

    Attributes:
        grace_days: Whole days after the funding basis began during which the citizen is not
            judged; a deadline of the municipality's own, 0 by default.
    """

    KIND: ClassVar[str] = "coordinating_caseworker_assigned"

    grace_days: int = 0

    def _validate(self, check: Checker) -> None:
        """Validate the common fields and ``grace_days``."""
        super()._validate(check)
        check.whole(self.grace_days, "grace_days")

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield a finding if the right holds on ``on``, its grace has run, and nobody has it."""
        state = pathway.state
        if state.closed or state.benefit is None or state.coordinating_caseworker is not None:
            return
        try:
            right = benefit_rules(state.benefit, on=on).coordinating_caseworker
        except HelhedError:
            return
        if not right:
            return
        index, changed = [(i, e) for i, e in pathway.numbered if isinstance(e, BenefitChanged)][-1]
        since = changed.occurred_on
        if (on - since).days <= self.grace_days:
            return
        yield self.finding(pathway, (index,), (since, on), self.detail(state.benefit, since, on))

    @staticmethod
    def detail(benefit: Benefit, since: dt.date, on: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a right held from ``since`` with nobody on ``on``."""
        return (
            f"{benefit.label_da} fra {since}; ingen koordinerende sagsbehandler {on}.",
            f"{benefit.label_en} from {since}; no coordinating caseworker on {on}.",
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class OneCoordinatingCaseworker(Rule):
    """The coordinating caseworker stays the same person (SST2019 4.1, fn. 7).

    Each change to another person is a finding, including a new one after a release.
    """

    KIND: ClassVar[str] = "one_coordinating_caseworker"

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each change of coordinating caseworker."""
        current: tuple[int, str, dt.date] | None = None
        for i, event in pathway.numbered:
            if isinstance(event, CaseworkerAssigned) and event.coordinating:
                if current is not None and current[1] != event.staff_id:
                    yield self.finding(
                        pathway,
                        (current[0], i),
                        (current[2], event.occurred_on),
                        self.detail(current[1], current[2], event.staff_id, event.occurred_on),
                    )
                current = (i, event.staff_id, event.occurred_on)

    @staticmethod
    def detail(was: str, since: dt.date, now: str, day: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of ``was``, from ``since``, replaced by ``now``."""
        return (
            f"Koordinerende sagsbehandler {was} fra {since} afløst af {now} {day}.",
            f"Coordinating caseworker {was} from {since} replaced by {now} on {day}.",
        )
