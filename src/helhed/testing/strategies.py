"""Hypothesis strategies for every public helhed type.

Use them to property-test code that takes or returns helhed values: every value drawn is valid
(its constructor accepts it), and dates fall within the span the rule tables know.

Examples:
    >>> from hypothesis import given
    >>> from helhed.testing import strategies as hs
    >>> @given(hs.citizens(), hs.dates())
    ... def test_classify_never_raises(citizen, on):
    ...     classify(citizen, on=on)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from helhed.benefits import LIFECYCLE, Benefit, BenefitRules, benefit_rules
from helhed.citizens import SICKNESS_BENEFITS, Citizen
from helhed.groups import HealthImpactHorizon
from helhed.health import (
    MAX_SICK_DAYS,
    HealthChallenge,
    HealthDomain,
    HealthProfile,
    Onset,
    ProgressiveCondition,
    RiskFactor,
)
from helhed.organisation import (
    Administration,
    CaseworkerAssignment,
    CaseworkerHistory,
    ContinuityReport,
    CoordinatingCaseworkerRight,
    Period,
    Role,
    StaffMember,
    Team,
    check_continuity,
    coordinating_caseworker_right,
)
from helhed.sickness import SicknessAssessment, SicknessCategory, sickness_category
from helhed.target_groups import Assessment, classify

__all__ = [
    "assessments",
    "benefit_rules_answers",
    "benefits",
    "caseworker_assignments",
    "caseworker_histories",
    "caseworker_rights",
    "citizens",
    "continuity_reports",
    "dates",
    "documents",
    "health_challenges",
    "health_profiles",
    "identifiers",
    "periods",
    "sickness_assessments",
    "staff_members",
    "teams",
]

FIRST_DATE = dt.date(2018, 1, 19)
LAST_DATE = dt.date(2030, 12, 31)


def dates(
    min_value: dt.date = FIRST_DATE, max_value: dt.date = LAST_DATE
) -> st.SearchStrategy[dt.date]:
    """Dates within the span of helhed's rule tables (19 Jan 2018 to 2030 by default)."""
    return st.dates(min_value=min_value, max_value=max_value)


def identifiers() -> st.SearchStrategy[str]:
    """Non-blank identifiers, including Danish letters."""
    return st.text(
        alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzæøå0123456789-_"),
        min_size=1,
        max_size=12,
    )


def benefits() -> st.SearchStrategy[Benefit]:
    """Any funding basis."""
    return st.sampled_from(Benefit)


@st.composite
def health_challenges(draw: st.DrawFn) -> HealthChallenge:
    """A health challenge; a named condition always comes with ``progressive=True``."""
    condition = draw(st.none() | st.sampled_from(ProgressiveCondition))
    return HealthChallenge(
        domain=draw(st.sampled_from(HealthDomain)),
        onset=draw(st.none() | st.sampled_from(Onset)),
        progressive=True if condition is not None else draw(st.booleans()),
        condition=condition,
        current_barrier=draw(st.booleans()),
    )


def health_profiles() -> st.SearchStrategy[HealthProfile]:
    """What may be known about a citizen's health, from nothing to a lot."""
    return st.builds(
        HealthProfile,
        risk_factors=st.frozensets(st.sampled_from(RiskFactor)),
        challenges=st.lists(health_challenges(), max_size=3).map(tuple),
        sick_days=st.none() | st.integers(min_value=0, max_value=MAX_SICK_DAYS),
        affects_work=st.booleans(),
    )


@st.composite
def citizens(draw: st.DrawFn, benefit: st.SearchStrategy[Benefit | None] | None = None) -> Citizen:
    """A valid citizen; a sickness category is drawn only with a sickness funding basis."""
    chosen = draw(benefit if benefit is not None else st.none() | benefits())
    category = (
        draw(st.none() | st.sampled_from(SicknessCategory)) if chosen in SICKNESS_BENEFITS else None
    )
    return Citizen(
        id=draw(identifiers()),
        benefit=chosen,
        sickness_category=category,
        health=draw(health_profiles()),
        assessed_horizon=draw(st.none() | st.sampled_from(HealthImpactHorizon)),
    )


def assessments() -> st.SearchStrategy[Assessment]:
    """Target-group assessments of random citizens on random dates."""
    return st.builds(lambda c, on: classify(c, on=on), citizens(), dates())


def _rules(benefit: Benefit, on: dt.date) -> BenefitRules:
    first = LIFECYCLE.boundaries(benefit)[0]
    return benefit_rules(benefit, on=max(on, first))


def benefit_rules_answers() -> st.SearchStrategy[BenefitRules]:
    """Answers of ``benefit_rules`` for random benefits and dates on which each exists."""
    return st.builds(_rules, benefits(), dates())


@st.composite
def sickness_assessments(draw: st.DrawFn) -> SicknessAssessment:
    """Sickness category assessments with consistent dates."""
    first = draw(dates(max_value=dt.date(2029, 12, 31)))
    recovery = first + dt.timedelta(days=draw(st.integers(min_value=1, max_value=400)))
    on = first + dt.timedelta(days=draw(st.integers(min_value=0, max_value=120)))
    return sickness_category(
        first_absence_day=first,
        expected_full_recovery=recovery,
        other_challenges=draw(st.booleans()),
        on=on,
    )


def caseworker_rights() -> st.SearchStrategy[CoordinatingCaseworkerRight]:
    """Coordinating-caseworker answers for random citizens and dates."""
    return st.builds(lambda c, on: coordinating_caseworker_right(c, on=on), citizens(), dates())


@st.composite
def periods(draw: st.DrawFn, min_value: dt.date = FIRST_DATE, max_days: int = 730) -> Period:
    """Inclusive periods of up to ``max_days`` days."""
    start = draw(dates(min_value=min_value))
    return Period(start, start + dt.timedelta(days=draw(st.integers(0, max_days))))


def staff_members() -> st.SearchStrategy[StaffMember]:
    """A member of staff in any role and administration."""
    return st.builds(
        StaffMember,
        id=identifiers(),
        role=st.sampled_from(Role),
        administration=st.sampled_from(Administration),
    )


def teams() -> st.SearchStrategy[Team]:
    """Teams whose members have unique ids."""
    return st.builds(
        Team,
        id=identifiers(),
        name=identifiers(),
        members=st.lists(staff_members(), max_size=6, unique_by=lambda m: m.id).map(tuple),
    )


@st.composite
def caseworker_assignments(
    draw: st.DrawFn, staff: st.SearchStrategy[str] | None = None
) -> CaseworkerAssignment:
    """One assignment; ``end`` is None (ongoing) or on/after ``start``."""
    start = draw(dates(max_value=dt.date(2029, 12, 31)))
    length = draw(st.none() | st.integers(min_value=0, max_value=400))
    return CaseworkerAssignment(
        staff_id=draw(staff if staff is not None else st.sampled_from(["s-1", "s-2", "s-3"])),
        start=start,
        end=None if length is None else start + dt.timedelta(days=length),
        coordinating=draw(st.booleans()),
    )


def caseworker_histories() -> st.SearchStrategy[CaseworkerHistory]:
    """A citizen's assignments: none, one, or several that may overlap or leave gaps."""
    return st.builds(
        CaseworkerHistory,
        citizen_id=identifiers(),
        assignments=st.lists(caseworker_assignments(), max_size=5).map(tuple),
    )


def continuity_reports() -> st.SearchStrategy[ContinuityReport]:
    """Continuity reports of random histories over random periods."""
    return st.builds(check_continuity, caseworker_histories(), periods())


def documents(name: str) -> st.SearchStrategy[object]:
    """Documents of the top-level type called ``name`` (see ``helhed.serialization.DOCUMENTS``).

    Raises:
        KeyError: If ``name`` is not a document name.
    """
    makers: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
        "citizen": citizens,
        "assessment": assessments,
        "benefit-rules": benefit_rules_answers,
        "sickness-assessment": sickness_assessments,
        "caseworker-history": caseworker_histories,
        "caseworker-right": caseworker_rights,
        "continuity-report": continuity_reports,
        "team": teams,
    }
    return makers[name]()
