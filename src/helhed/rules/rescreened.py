"""The `rescreened_at_end` rule kind: a completed course is followed by a re-screening.

Kolding's *Sund på Tværs* screens its participants again at the end of the course (SST2019
6.2); the kind names the course (its ``offer``), the instrument and how far from the last
course day the re-screening may fall.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.pathways.events import InterventionCompleted, ScreeningRecorded
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, Rule
from helhed.screening import INSTRUMENTS

__all__ = ["RescreenedAtEnd"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class RescreenedAtEnd(Rule):
    """A completed ``offer`` is followed by an ``instrument`` screening near its end.

    The re-screening counts if it falls within ``days`` calendar days before or after the
    day the course was completed; a course completed less than ``days`` days before the day
    checked is not judged yet.

    Attributes:
        offer: The course, as the ``offer`` of its intervention events.
        instrument: The screening instrument's registry name, e.g. ``who5``.
        days: How far from the last course day the re-screening may fall, in days.
    """

    KIND: ClassVar[str] = "rescreened_at_end"

    offer: str = attrs.field(metadata=NON_BLANK)
    instrument: str = attrs.field(metadata=NON_BLANK)
    days: int = 7

    def _validate(self, check: Checker) -> None:
        """Validate the common fields, the offer, the instrument and the days."""
        super()._validate(check)
        check.text(self.offer, "offer")
        check.expect(
            self.instrument in INSTRUMENTS,
            "instrument",
            f"must be one of: {', '.join(INSTRUMENTS)}",
        )
        check.whole(self.days, "days")

    @property
    def title(self) -> str:
        """The instrument's title for messages, e.g. ``WHO-5``."""
        return str(INSTRUMENTS[self.instrument].TITLE)

    def check(self, pathway: Pathway, on: dt.date) -> Iterator[Finding]:
        """Yield a finding for each completed course with no re-screening near its end."""
        screenings = [
            e.occurred_on
            for e in pathway.timeline
            if isinstance(e, ScreeningRecorded) and e.instrument == self.instrument
        ]
        try:
            window = dt.timedelta(days=self.days)
        except OverflowError:  # a window longer than any timedelta: no course is judged yet
            return
        for i, event in pathway.numbered:
            if not (isinstance(event, InterventionCompleted) and event.offer == self.offer):
                continue
            try:
                if on <= event.occurred_on + window:
                    continue
            except OverflowError:  # the window ends after 9999-12-31: not judged yet
                continue
            if not any(abs(day - event.occurred_on) <= window for day in screenings):
                yield self.finding(
                    pathway, (i,), (event.occurred_on,), self.missing(event.occurred_on)
                )

    def missing(self, ended: dt.date) -> tuple[str, str]:
        """The (Danish, English) detail of a course ended on ``ended`` with no re-screening."""
        return (
            f"Forløbet sluttede {ended} uden {self.title} inden for {self.days} dage.",
            f"The course ended on {ended} with no {self.title} within {self.days} days.",
        )
