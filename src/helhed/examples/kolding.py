"""An invented Kolding team run through *Sund på Tværs*, with WHO-5 before and after.

**The data is invented**, to show the protocol and progression at work; it says nothing about
Kolding's results. The shape follows SST2019 6.2: a team of 20 citizens, 10 of them returning,
each screened with WHO-5 by a psychologist before a 12-week course that starts on a Wednesday
with a three-day first week, and screened again on the last course day. The WHO-5 answers are
drawn from a fixed seed.

Examples:
    >>> team, pathways = kolding_team()
    >>> team.size, team.returning, len(pathways)
    (20, 10, 20)
"""

from __future__ import annotations

import datetime as dt
import functools
import random

from helhed.cases import case
from helhed.cases.kolding import COURSE, TEAM_SIZE, TeamMember, TeamRoster, course_days
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConversationHeld,
    ConversationKind,
    InterventionCompleted,
    InterventionStarted,
    ReferralAccepted,
    Referred,
    ScreeningRecorded,
)
from helhed.pathways.pathway import Pathway
from helhed.screening import who5

__all__ = ["KOLDING_START", "KOLDING_WEEKS", "kolding_answers", "kolding_team"]

KOLDING_START = dt.date(2024, 1, 3)
"""The invented team's first course day, a Wednesday."""

KOLDING_WEEKS = int(case("kolding").figure("course_weeks_min"))
"""The invented team's course length in weeks: the shortest the source gives (SST2019 6.2)."""

_A = Administration
_SEED = 2024


def _answers(rng: random.Random, low: int, high: int) -> list[int]:
    return [rng.randint(low, high) for _ in range(who5.ITEMS)]


@functools.cache
def kolding_answers() -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """Each team member's WHO-5 answers before and after the course (invented, seeded)."""
    rng = random.Random(_SEED)  # noqa: S311 - reproducible example data, not security
    pairs = []
    for _ in range(TEAM_SIZE):
        before = _answers(rng, 0, 3)
        gain = rng.choice([-1, 0, 0, 1, 1, 1, 2])
        after = [min(5, max(0, item + gain + rng.randint(-1, 1))) for item in before]
        pairs.append((tuple(before), tuple(after)))
    return tuple(pairs)


@functools.cache
def kolding_team() -> tuple[TeamRoster, tuple[Pathway, ...]]:
    """The invented team's roster and pathways, the same on every call."""
    days = course_days(KOLDING_START, weeks=KOLDING_WEEKS)
    first, last = days[0], days[-1]
    referred = first - dt.timedelta(weeks=2)
    screened = first - dt.timedelta(days=7)
    members = []
    pathways = []
    for number, (before, after) in enumerate(kolding_answers(), start=1):
        cid = f"kolding-{number:02d}"
        members.append(TeamMember(citizen_id=cid, returning=number % 2 == 0))
        events = (
            Referred(
                citizen_id=cid,
                occurred_on=referred,
                recorded_by=_A.JOB_CENTRE,
                referral_id="r-1",
                offer=COURSE,
                to=_A.HEALTH,
                voluntary=True,
            ),
            ReferralAccepted(
                citizen_id=cid, occurred_on=referred, recorded_by=_A.JOB_CENTRE, referral_id="r-1"
            ),
            ScreeningRecorded(
                citizen_id=cid,
                occurred_on=screened,
                recorded_by=_A.HEALTH,
                instrument=who5.NAME,
                score=who5.score(before).total,
            ),
            ConversationHeld(
                citizen_id=cid,
                occurred_on=screened,
                recorded_by=_A.HEALTH,
                conversation=ConversationKind.HEALTH_CONVERSATION,
                referral_id="r-1",
            ),
            InterventionStarted(
                citizen_id=cid,
                occurred_on=first,
                recorded_by=_A.HEALTH,
                offer=COURSE,
                referral_id="r-1",
            ),
            InterventionCompleted(
                citizen_id=cid,
                occurred_on=last,
                recorded_by=_A.HEALTH,
                offer=COURSE,
                referral_id="r-1",
            ),
            ScreeningRecorded(
                citizen_id=cid,
                occurred_on=last,
                recorded_by=_A.HEALTH,
                instrument=who5.NAME,
                score=who5.score(after).total,
            ),
        )
        pathways.append(Pathway(citizen_id=cid, events=events))
    return TeamRoster(start=first, members=tuple(members)), tuple(pathways)
