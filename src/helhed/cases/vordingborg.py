"""Vordingborg, *Team Tidlig Indsats*: early joint help for sick-listed citizens (SST2019 7.1).

To get sick-listed citizens back to work sooner, Vordingborg set up a cross-disciplinary team
of job centre and health department staff, called Team Tidlig Indsats (TIT). The team makes a
cross-disciplinary assessment of the citizen, and on it a *joint visitation* to concrete
activities, in which health offers can be part of planning the whole effort. The activities
are work-directed and health-promoting, with a focus on stress management and rehabilitation
training. In April 2017 seven of the team's staff moved into DGI-huset Panteren, a sports
centre, and hold conversations and training there, so citizens can keep up an active life
afterwards.

The premise: the effort is employment work, so registration and sanctions must be accepted.
That is a prerequisite of the municipality (the general prerequisite
``general.registration_sanctions`` of SST2019 kap. 5, here
[`PREMISE_PREREQUISITE`][helhed.cases.vordingborg.PREMISE_PREREQUISITE]), checked by
[`readiness`][helhed.models.readiness.readiness], not a condition of each joint visitation.

Target: sick-listed citizens with complex problems, e.g. long unemployment - sickness benefit,
flex-job unemployment benefit, resource course and job clarification course; medium and high
risk.

In the event log the joint visitation is an ``AssessmentHeld`` followed by a ``PlanCreated``
(see [`visitation_events`][helhed.models.coordination.visitation_events]). The rules:

| rule | demand |
|---|---|
| ``vordingborg.visitation_before_plan`` | a plan rests on the team's assessment before it |
| ``vordingborg.assessment_cross_disciplinary`` | the assessment spans two professions or more |
| ``vordingborg.activity_after_visitation`` | an activity starts only after a plan exists |

What the source leaves open, and helhed's default:

* the team's professions: the source names the two administrations only, so
  [`TEAM`][helhed.cases.vordingborg.TEAM] is the smallest team that fits - a caseworker from
  the job centre and a physiotherapist from the health department (rehabilitation training
  is one of the activities); build your own with [`team`][helhed.cases.vordingborg.team];
* the day in April 2017: the 1st ([`RELOCATED_ON`][helhed.cases.vordingborg.RELOCATED_ON]).

Examples:
    >>> sorted(b.code for b in VORDINGBORG.funding)
    ['jobafklaringsforloeb', 'ledighedsydelse', 'ressourceforloeb', 'sygedagpenge']
    >>> [r.id for r in VORDINGBORG.rules][0], str(VORDINGBORG.citation)
    ('vordingborg.visitation_before_plan', 'SST2019 7.1')
    >>> TEAM.name, TEAM.cross_disciplinary
    ('Team Tidlig Indsats', True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from helhed._validation import Checker, items_of
from helhed.benefits import Benefit
from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.models.coordination import MIN_PROFESSIONS
from helhed.models.early_detection import assessment_rules
from helhed.organisation import Administration, Role, StaffMember, Team
from helhed.pathways.events import InterventionStarted, PlanCreated
from helhed.rules import Protocol, precedes, when
from helhed.sources import Citation, Reason, Stated

__all__ = [
    "FOCUS",
    "FUNDING",
    "LOCATION",
    "PREMISE",
    "PREMISE_PREREQUISITE",
    "RELOCATED_ON",
    "RELOCATED_STAFF",
    "RESULTS",
    "TEAM",
    "TEAM_ADMINISTRATIONS",
    "TEAM_ID",
    "TEAM_NAME",
    "VORDINGBORG",
    "team",
]

_CITE = Citation("SST2019", "7.1")

TEAM_ID = "vordingborg-tit"
"""The id of Team Tidlig Indsats as a [`Team`][helhed.organisation.Team]."""

TEAM_NAME = "Team Tidlig Indsats"
"""The team's name (TIT in daily speech)."""

TEAM_ADMINISTRATIONS = frozenset({Administration.JOB_CENTRE, Administration.HEALTH})
"""The administrations the team's staff come from (SST2019 7.1)."""

FOCUS = ("stresshåndtering", "genoptræning")
"""What the activities focus on, among other things: stress management and rehabilitation."""

LOCATION = "DGI-huset Panteren"
"""The sports centre the team's staff moved into (SST2019 7.1)."""

RELOCATED_STAFF = 7
"""How many of the team's staff moved into the sports centre (SST2019 7.1)."""

RELOCATED_ON = dt.date(2017, 4, 1)
"""When they moved; the source gives the month only, so the 1st is used."""

FUNDING = frozenset(
    {
        Benefit.SICKNESS_BENEFIT,
        Benefit.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
        Benefit.RESOURCE_COURSE,
        Benefit.JOB_CLARIFICATION_COURSE,
    }
)
"""The funding bases of the target group (SST2019 7.1)."""

PREMISE = Reason(
    "vordingborg.registration_and_sanctions",
    "Indsatsen er en beskæftigelsesindsats; registrering og sanktioner må accepteres.",
    "The effort is employment work; registration and sanctions must be accepted.",
    _CITE,
)
"""The premise of the effort (SST2019 7.1)."""

PREMISE_PREREQUISITE = "general.registration_sanctions"
"""The premise as a prerequisite code of ``helhed.models.elements.PREREQUISITES``: the general
prerequisite of SST2019 kap. 5 that [`readiness`][helhed.models.readiness.readiness] checks
for the municipality."""


def team(members: Iterable[StaffMember]) -> Team:
    """Team Tidlig Indsats with ``members``, who must come from job centre and health.

    Raises:
        ValidationError: If a member is not a StaffMember, ids repeat, or the members do not
            come from both the job centre and the health department.
    """
    built = Team(id=TEAM_ID, name=TEAM_NAME, members=items_of(members, StaffMember, "members"))
    check = Checker()
    check.expect(
        built.administrations >= TEAM_ADMINISTRATIONS,
        "members",
        "must include staff from both the job centre and the health department (SST2019 7.1)",
    )
    check.done()
    return built


TEAM = team(
    (
        StaffMember(id="tit-1", role=Role.CASEWORKER, administration=Administration.JOB_CENTRE),
        StaffMember(id="tit-2", role=Role.PHYSIOTHERAPIST, administration=Administration.HEALTH),
    )
)
"""The smallest Team Tidlig Indsats that fits the source; the professions are helhed's choice."""


VORDINGBORG = Protocol(
    id="vordingborg",
    name_da="Team Tidlig Indsats, Vordingborg",
    name_en="Team Early Intervention, Vordingborg",
    model=CollaborationModel.COORDINATION,
    target_groups=frozenset({RiskGroup.MEDIUM, RiskGroup.HIGH}),
    funding=FUNDING,
    rules=(
        *assessment_rules(
            "vordingborg",
            _CITE,
            before=(
                "Den fælles visitation bygger på teamets tværfaglige vurdering af borgeren.",
                "The joint visitation rests on the team's cross-disciplinary assessment.",
            ),
            across=(
                "Vurderingen foretages på tværs af mindst to faggrupper.",
                "The assessment is made across at least two professions.",
            ),
            before_id="visitation_before_plan",
            minimum=MIN_PROFESSIONS,
            bases=(
                Stated(
                    "Visitationen foregår på baggrund af en tværfaglig vurdering foretaget af "
                    "Team Tidlig Indsats"
                ),
                Stated("en tværfaglig vurdering foretaget af Team Tidlig Indsats"),
            ),
        ),
        precedes(
            when(PlanCreated),
            when(InterventionStarted),
            id="vordingborg.activity_after_visitation",
            citation=_CITE,
            text_da="En aktivitet begynder først efter den fælles visitation.",
            text_en="An activity starts only after the joint visitation.",
            basis=Stated("en fælles visitation til konkrete aktiviteter"),
        ),
    ),
    citation=_CITE,
)
"""Team Tidlig Indsats as a protocol (SST2019 7.1)."""

RESULTS = (
    PublishedResult(
        code="staff_in_sports_centre",
        value=RELOCATED_STAFF,
        unit="staff",
        text_da="Syv ansatte fra Team Tidlig Indsats flyttede i april 2017 ind i DGI-huset "
        "Panteren.",
        text_en="Seven of Team Tidlig Indsats's staff moved into DGI-huset Panteren in April 2017.",
        citation=_CITE,
    ),
)
"""Vordingborg's published figures (SST2019 7.1)."""
