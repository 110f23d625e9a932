"""The `support_until_settled` rule kind: support goes on after a job or education starts.

Copenhagen's IPS team keeps in contact with the citizen after the start of a job or an
education until the citizen has settled in (SST2019 8.3). "Settled in" has no measure in the
source, so the kind finds only what surely breaks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._values import frozen_fields
from helhed.pathways.events import (
    ContactMade,
    ConversationHeld,
    JobOrEducationStarted,
    PathwayClosed,
)
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Rule

__all__ = ["SupportUntilSettled"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class SupportUntilSettled(Rule):
    """Support goes on after the citizen starts a job or an education (SST2019 8.3).

    Only closed pathways are judged, against the last job or education start before the
    close. A finding is a pathway closed on the day of that start, or closed with no contact
    and no conversation on a later day than the start.
    """

    KIND: ClassVar[str] = "support_until_settled"

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding if the pathway closed without support after the start."""
        numbered = pathway.numbered
        closing = [k for k, (_, e) in enumerate(numbered) if isinstance(e, PathwayClosed)]
        if not closing:
            return
        close = closing[-1]
        starts = [
            k for k, (_, e) in enumerate(numbered[:close]) if isinstance(e, JobOrEducationStarted)
        ]
        if not starts:
            return
        start = starts[-1]
        started_on = numbered[start][1].occurred_on
        closed_on = numbered[close][1].occurred_on
        where = (numbered[start][0], numbered[close][0])
        if closed_on == started_on:
            yield self.finding(
                pathway, where, (started_on, closed_on), self.detail(started_on, closed_on)
            )
            return
        if not any(
            isinstance(e, (ContactMade, ConversationHeld)) and e.occurred_on > started_on
            for _, e in numbered[start:close]  # the start itself is no contact
        ):
            yield self.finding(
                pathway, where, (started_on, closed_on), self.detail(started_on, closed_on)
            )

    @staticmethod
    def detail(started: dt.date, closed: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a start on ``started`` and a close on ``closed``."""
        if closed == started:
            return (
                f"Job eller uddannelse startet {started}; forløbet blev afsluttet samme dag.",
                f"Job or education started on {started}; the pathway was closed the same day.",
            )
        return (
            f"Job eller uddannelse startet {started}; ingen kontakt eller samtale derefter, "
            f"før forløbet blev afsluttet {closed}.",
            f"Job or education started on {started}; no contact or conversation after it "
            f"before the pathway was closed on {closed}.",
        )
