"""The `first_follow_up_by_week_8` rule kind: the first sickness benefit follow-up by week 8.

The municipality holds the first follow-up conversation with a sick-listed citizen by the end
of the eighth week from the first day of absence (SDL § 13 b, stk. 1). How a pathway is read
- the first day of absence, the spell, the conversation - is set out with the protocol that
holds the rule, [`sygedagpenge`][helhed.pathways.sickness_follow_up].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.errors import HelhedError
from helhed.pathways.events import (
    BenefitChanged,
    ConversationHeld,
    ConversationKind,
    Event,
    PathwayClosed,
)
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Rule
from helhed.sickness import SICKNESS_RULES, eight_week_limit

__all__ = ["FirstFollowUpByWeek8"]


def _starts_sickness(event: Event) -> bool:
    return isinstance(event, BenefitChanged) and event.benefit is Benefit.SICKNESS_BENEFIT


def _ends_sickness(event: Event) -> bool:
    return isinstance(event, PathwayClosed) or (
        isinstance(event, BenefitChanged) and event.benefit is not Benefit.SICKNESS_BENEFIT
    )


def _is_follow_up(event: Event) -> bool:
    return isinstance(event, ConversationHeld) and event.conversation is ConversationKind.FOLLOW_UP


def _last_day(first: dt.date) -> dt.date | None:
    """The last day of the first follow-up, or None for a spell that is not judged."""
    horizon = SICKNESS_RULES.horizon
    if horizon is not None and first >= horizon.starts:
        return None
    try:
        return eight_week_limit(first)
    except HelhedError:
        return None


def _days(n: int, *, english: bool) -> str:
    if n == 1:
        return "one day" if english else "én dag"
    return f"{n} days" if english else f"{n} dage"


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class FirstFollowUpByWeek8(Rule):
    """The first follow-up conversation of each sickness benefit spell by the end of week 8.

    The last day is ``eight_week_limit(first day of absence)``: the first day plus 55 days
    (SDL § 13 b, stk. 1). How the first day, the spell and the conversation are read from a
    pathway is described with [the protocol][helhed.pathways.sickness_follow_up]. A finding is
    made for each spell whose first follow-up conversation came after the last day (naming
    the start and the conversation), and for each spell still running after the last day, or
    ended after it, without one (naming the start). Spells from the § 12 table's horizon on,
    or before its first row, are not judged.
    """

    KIND: ClassVar[str] = "first_follow_up_by_week_8"

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield a finding for each spell whose first follow-up came late or not at all."""
        numbered = pathway.numbered
        sick = False
        for k, (i, event) in enumerate(numbered):
            if _ends_sickness(event):
                sick = False
                continue
            if not _starts_sickness(event) or sick:
                continue
            sick = True
            found = self._judge(pathway, numbered[k + 1 :], i, event.occurred_on, on)
            if found is not None:
                yield found

    def _judge(
        self,
        pathway: Pathway,
        rest: tuple[tuple[int, Event], ...],
        i: int,
        first: dt.date,
        on: dt.date,
    ) -> Finding | None:
        """The finding for the spell that starts at position ``i`` on ``first``, if any."""
        last = _last_day(first)
        if last is None:
            return None
        for j, event in rest:
            if _is_follow_up(event):
                if event.occurred_on <= last:
                    return None
                return self.finding(
                    pathway,
                    (i, j),
                    (first, event.occurred_on),
                    self.late(first, event.occurred_on, last),
                )
            if _ends_sickness(event):
                if event.occurred_on <= last:
                    return None
                break  # ended after the last day with no conversation
        else:  # still running on the day checked
            if on <= last:
                return None
        return self.finding(pathway, (i,), (first, last), self.missing(first, last))

    @staticmethod
    def missing(first: dt.date, last: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a spell from ``first`` with no conversation."""
        return (
            f"Sygedagpenge fra {first}; ingen opfølgningssamtale senest {last}.",
            f"Sickness benefit from {first}; no follow-up conversation by {last}.",
        )

    @staticmethod
    def late(first: dt.date, held: dt.date, last: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a first conversation on ``held`` after ``last``."""
        gap = (held - last).days
        return (
            f"Sygedagpenge fra {first}; første opfølgningssamtale {held}, "
            f"{_days(gap, english=False)} efter sidste dag, {last}.",
            f"Sickness benefit from {first}; first follow-up conversation on {held}, "
            f"{_days(gap, english=True)} after the last day, {last}.",
        )
