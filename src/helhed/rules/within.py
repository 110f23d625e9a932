"""The `within` rule kind: after each ``after`` event, an ``expect`` event within N days.

Days are counted as calendar days after the day of the triggering event: within 7 days of an
acceptance on Monday 4 March means on or before Monday 11 March; on 12 March it is late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.pathways.events import Event, EventKind
from helhed.pathways.pathway import Pathway
from helhed.rules.base import (
    Finding,
    Match,
    Rule,
    Severity,
    _check_match,
    _check_same,
    _correlated,
    picked,
)
from helhed.sources import Basis, Citation

__all__ = ["Within", "within"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Within(Rule):
    """After each ``after`` event, an ``expect`` event follows within ``days`` calendar days.

    Attributes:
        days: The limit, in calendar days after the day of the ``after`` event.
        after: The events that start the clock.
        expect: The events that stop it.
        same: A field both events must share (``referral_id`` by default), if the ``after``
            event has it; an ``expect`` event that leaves it empty counts for any.
    """

    KIND: ClassVar[str] = "within"

    days: int
    after: Match
    expect: Match
    same: str | None = "referral_id"

    def _validate(self, check: Checker) -> None:
        """Validate the common fields, the days, both matches and ``same``."""
        super()._validate(check)
        check.whole(self.days, "days")
        _check_match(check, self.after, "after")
        _check_match(check, self.expect, "expect")
        _check_same(check, self.same)

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield a finding for each late or missing ``expect`` event."""
        after, expect, same = self.after, self.expect, self.same
        # the expect events, looked for at the first trigger: each answers a trigger before it
        answers: list[tuple[int, int, Event]] | None = None
        limit = dt.timedelta(days=self.days)
        for k, i, trigger in picked(pathway, after.kinds):
            if not after(pathway, trigger):
                continue
            try:
                deadline = trigger.occurred_on + limit
            except OverflowError:  # the limit ends after 9999-12-31: nothing is late yet
                continue
            if answers is None:
                answers = [a for a in picked(pathway, expect.kinds) if expect(pathway, a[2])]
            answer = None
            for later, j, e in answers:
                if later > k and _correlated(same, trigger, e):
                    answer = (j, e)
                    break
            if answer is None:
                if on > deadline:
                    yield self.finding(
                        pathway,
                        (i,),
                        (trigger.occurred_on, deadline),
                        self.missing(trigger.kind, trigger.occurred_on),
                    )
                continue
            j, event = answer
            if event.occurred_on > deadline:
                yield self.finding(
                    pathway,
                    (i, j),
                    (trigger.occurred_on, event.occurred_on),
                    self.late(trigger.kind, trigger.occurred_on, event.kind, event.occurred_on),
                )

    def missing(self, kind: EventKind, day: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a ``kind`` event on ``day`` left unanswered."""
        deadline = day + dt.timedelta(days=self.days)
        return (
            f"{kind.label_da.lower().capitalize()} {day}; ingen {self.expect.label_da} senest "
            f"{deadline} ({self.days} dage).",
            f"{kind.label_en.lower().capitalize()} on {day}; no {self.expect.label_en} by "
            f"{deadline} ({self.days} days).",
        )

    def late(
        self, kind: EventKind, day: dt.date, answer: EventKind, answered: dt.date
    ) -> tuple[str, str]:
        """The (Danish, English) detail of a ``kind`` event on ``day`` answered too late."""
        gap = (answered - day).days
        return (
            f"{kind.label_da.lower().capitalize()} {day}; {answer.label_da.lower()} {answered}, "
            f"{gap} dage efter (grænsen er {self.days} dage).",
            f"{kind.label_en.lower().capitalize()} on {day}; {answer.label_en.lower()} on "
            f"{answered}, {gap} days later (the limit is {self.days} days).",
        )


def within(  # noqa: PLR0913 - a rule is its parameters
    days: int,
    *,
    after: Match,
    expect: Match,
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.ERROR,
    same: str | None = "referral_id",
    basis: Basis | None = None,
) -> Within:
    """After each ``after`` event, an ``expect`` event within ``days`` calendar days.

    Raises:
        ValidationError: If ``days`` is not a whole number of 0 or more, ``same`` is not a
            field of an event kind, or another field is wrong.
    """
    return Within(
        id=id,
        severity=severity,
        citation=citation,
        days=days,
        after=after,
        expect=expect,
        same=same,
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )
