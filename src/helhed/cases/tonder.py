"""Tønder: an 8-week course for refugees with diabetes (SST2019 8.1).

In Tønder social affairs, employment and health share one head of department, and the
integration of new refugees is a strategic area of the municipality (2016-2019). Refugees
with diabetes often find it hard to get a foothold in the Danish labour market: adapting the
diet to the disease is difficult, and absence and fatigue stand in the way of an ordinary
job. Tønder therefore offers them an **8-week course** about the disease and what can be done
to treat and prevent it, so that they learn to master a working life with diabetes.

Target groups: low, medium and high risk. Target: refugees with diabetes, whose funding basis
was integration benefit in the source's time (it merged into cash benefit on 1 July 2025, see
``helhed.benefits``).

The one rule natural to the source is the course's length:

| rule | demand |
|---|---|
| ``tonder.eight_weeks`` | a course ends (completed or left) within 8 weeks of its start |

What the source leaves open, and helhed's default: how many sessions the course has and on
which days - not encoded; 8 weeks are counted as 56 calendar days with the first day as day
1, so a course that starts on a Monday ends by the Sunday 8 weeks later (start + 55 days).

Examples:
    >>> import datetime as dt
    >>> course_period(dt.date(2024, 1, 8))
    Period(start=datetime.date(2024, 1, 8), end=datetime.date(2024, 3, 3))
    >>> TONDER.rule("tonder.eight_weeks").days
    55
"""

from __future__ import annotations

import datetime as dt

from helhed._validation import Checker
from helhed.benefits import Benefit
from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.organisation import Period
from helhed.pathways.events import (
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
)
from helhed.rules import Protocol, Severity, when, within
from helhed.sources import Citation, Stated

__all__ = ["COURSE", "COURSE_WEEKS", "FUNDING", "RESULTS", "TONDER", "course_period"]

_CITE = Citation("SST2019", "8.1")

COURSE = "Diabetesforløb for flygtninge"
"""The course's name, as the ``offer`` of its events."""

COURSE_WEEKS = 8
"""The course lasts 8 weeks (SST2019 8.1)."""

FUNDING = frozenset({Benefit.INTEGRATION_BENEFIT})
"""The target group's funding basis: integration benefit for refugees (SST2019 8.1)."""


def course_period(start: dt.date) -> Period:
    """The 8 weeks of a course that starts on ``start``: 56 days, both ends included.

    Raises:
        ValidationError: If ``start`` is not a date.
    """
    check = Checker()
    check.day(start, "start")
    check.done()
    return Period(start, start + dt.timedelta(weeks=COURSE_WEEKS, days=-1))


TONDER = Protocol(
    id="tonder",
    name_da="Tværfaglig indsats for flygtninge med diabetes, Tønder",
    name_en="Cross-disciplinary effort for refugees with diabetes, Tønder",
    model=CollaborationModel.SPECIFIC_INTERVENTIONS,
    target_groups=frozenset({RiskGroup.LOW, RiskGroup.MEDIUM, RiskGroup.HIGH}),
    funding=FUNDING,
    rules=(
        within(
            7 * COURSE_WEEKS - 1,
            after=when(InterventionStarted, offers=[COURSE]),
            expect=when(InterventionCompleted, InterventionDroppedOut, offers=[COURSE]),
            id="tonder.eight_weeks",
            severity=Severity.WARNING,
            same="offer",
            citation=_CITE,
            text_da="Diabetesforløbet varer 8 uger.",
            text_en="The diabetes course lasts 8 weeks.",
            basis=Stated("Tønder kommune tilbyder derfor 8 ugers forløb til flygtninge"),
        ),
    ),
    citation=_CITE,
)
"""Tønder's course as a protocol (SST2019 8.1). A course still running after 8 weeks is a
warning: the length is the course's design, not a legal limit."""

RESULTS = (
    PublishedResult(
        code="course_weeks",
        value=COURSE_WEEKS,
        unit="weeks",
        text_da="Flygtninge med diabetes tilbydes et forløb på 8 uger om sygdommen og om, hvad "
        "der kan gøres for at behandle og forebygge den.",
        text_en="Refugees with diabetes are offered an 8-week course on the disease and how to "
        "treat and prevent it.",
        citation=_CITE,
    ),
)
"""Tønder's published figures (SST2019 8.1): the course's length, its one figure."""
