"""Syddjurs, *Job & Sundhed*: health therapists working closely with the job centre (SST2019 7.3).

Since 2014 Syddjurs has worked to replace silo thinking between the job centre and the
rehabilitation department. A physiotherapist first joined the sickness-benefit department,
with fixed hours at the job centre; today the department Job & Sundhed has 10 health
therapists and offers 14 health services the job centre can grant, to citizens of every
department of the job centre (no longer only sickness benefit).

The ordering the source describes, as rules (each citing SST2019 7.3):

| rule | demand |
|---|---|
| ``syddjurs.grant_reviewed_before_start`` | a therapist re-evaluates the grant before the start |
| ``syddjurs.purpose_plan_before_start`` | the job centre's purpose plan exists before the start |
| ``syddjurs.sub_goals_under_purpose_plan`` | therapists' sub-goals sit under a purpose plan |
| ``syddjurs.final_report_after_completion`` | a final report follows a completed intervention |

A *health intervention granted by the job centre* is an ``InterventionStarted`` whose referral
was made by the job centre to the health department. The job centre, by law the coordinating
party, writes the purpose (``PlanCreated`` with ``PlanKind.PURPOSE_PLAN``); the therapists set
sub-goals under it (``SubGoalSet``). The management of the job centre meets Job & Sundhed's
professional coordinator every week
([`MANAGEMENT_MEETINGS`][helhed.cases.syddjurs.MANAGEMENT_MEETINGS]).

What the source leaves open, and helhed's default (each a parameter of
[`protocol`][helhed.cases.syddjurs.protocol]):

* how soon the final report follows: within
  [`REPORT_DAYS`][helhed.cases.syddjurs.REPORT_DAYS] = 14 calendar days of the completion;
  every completion recorded by the health department is judged, linked to a referral or not;
* when the weekly meetings started: [`MEETINGS_START`][helhed.cases.syddjurs.MEETINGS_START],
  the first Monday of 2019 (the source gives no date).

Examples:
    >>> [r.id for r in SYDDJURS.rules][:2]
    ['syddjurs.grant_reviewed_before_start', 'syddjurs.purpose_plan_before_start']
    >>> protocol(report_days=30).rule("syddjurs.final_report_after_completion").days
    30
    >>> THERAPISTS, HEALTH_SERVICES
    (10, 14)
"""

from __future__ import annotations

import datetime as dt

from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.models.coordination import Frequency, MeetingSeries
from helhed.organisation import Administration
from helhed.pathways.events import (
    GrantReviewed,
    InterventionCompleted,
    InterventionStarted,
    PlanCreated,
    PlanKind,
    ReportKind,
    ReportWritten,
    SubGoalSet,
)
from helhed.rules import Protocol, Severity, every, precedes, when, within
from helhed.rules.conditions import field_is, plan_by, referral_from
from helhed.sources import Citation, Reading, Stated

__all__ = [
    "HEALTH_SERVICES",
    "MANAGEMENT_MEETINGS",
    "MEETINGS_START",
    "REPORT_DAYS",
    "RESULTS",
    "SYDDJURS",
    "THERAPISTS",
    "granted_by_job_centre",
    "protocol",
    "under_purpose_plan",
]

_CITE = Citation("SST2019", "7.3")
A = Administration

THERAPISTS = 10
"""Health therapists in Job & Sundhed (SST2019 7.3)."""

HEALTH_SERVICES = 14
"""Health services Job & Sundhed offers and the job centre can grant (SST2019 7.3)."""

REPORT_DAYS = 14
"""helhed's default: days after a completed intervention by which the final report is written."""

_REPORT_READING = Reading(
    "Kilden lægger vægt på terapeuternes afsluttende indsatsrapporter, men sætter ingen frist. "
    "helhed vælger 14 dage efter indsatsens afslutning, så reglen kan bedømmes; fristen er en "
    "parameter (report_days).",
    "The source stresses the therapists' final intervention reports but sets no deadline. "
    "helhed chooses 14 days after the intervention ends so the rule can be judged; the "
    "deadline is a parameter (report_days).",
)

MEETINGS_START = dt.date(2019, 1, 7)
"""helhed's start for the weekly management meetings; the source gives no date."""

MANAGEMENT_MEETINGS = MeetingSeries(
    name="Ledelsesmøde med Job & Sundheds fagkoordinator",
    frequency=Frequency.WEEKLY,
    starts=MEETINGS_START,
    participants=frozenset({A.JOB_CENTRE, A.HEALTH}),
    text_da="Jobcentrets ledelse og Job & Sundheds fagkoordinator drøfter dagligdagens "
    "problemstillinger og kommende tiltag.",
    text_en="The job centre's management and Job & Sundhed's professional coordinator discuss "
    "day-to-day issues and coming initiatives.",
    citation=_CITE,
)
"""Weekly meetings of the job centre's management with Job & Sundhed (SST2019 7.3)."""


granted_by_job_centre = referral_from(A.JOB_CENTRE, A.HEALTH)
"""The event follows up a referral the job centre made to the health department."""

under_purpose_plan = plan_by(PlanKind.PURPOSE_PLAN, A.JOB_CENTRE)
"""The event's plan is a purpose plan the job centre made."""

_GRANTED_START = when(
    InterventionStarted,
    where=granted_by_job_centre,
    name=(
        "indsats bevilget af jobcentret startet",
        "intervention granted by the job centre started",
    ),
)


def protocol(*, report_days: int = REPORT_DAYS) -> Protocol:
    """Job & Sundhed as a protocol, the final report due within ``report_days`` days.

    Raises:
        ValidationError: If ``report_days`` is not a whole number of 0 or more.
    """
    return Protocol(
        id="syddjurs",
        name_da="Job & Sundhed, Syddjurs",
        name_en="Job & Health, Syddjurs",
        model=CollaborationModel.COORDINATION,
        target_groups=frozenset({RiskGroup.LOW, RiskGroup.MEDIUM, RiskGroup.HIGH}),
        rules=(
            precedes(
                when(GrantReviewed, recorded_by=A.HEALTH),
                _GRANTED_START,
                id="syddjurs.grant_reviewed_before_start",
                citation=_CITE,
                same="referral_id",
                text_da="En terapeut revurderer jobcentrets bevilling, før indsatsen begynder.",
                text_en="A therapist re-evaluates the job centre's grant before the "
                "intervention starts.",
                basis=Stated("bliver bevillingen revurderet af en terapeut i Job & Sundhed"),
            ),
            precedes(
                when(
                    PlanCreated,
                    recorded_by=A.JOB_CENTRE,
                    where=field_is("plan_kind", PlanKind.PURPOSE_PLAN),
                    name=("formålsplan fra jobcentret", "purpose plan by the job centre"),
                ),
                _GRANTED_START,
                id="syddjurs.purpose_plan_before_start",
                citation=_CITE,
                text_da="Jobcentret udarbejder en formålsplan forud for den sundhedsrettede "
                "indsats.",
                text_en="The job centre writes a purpose plan before the health intervention.",
                basis=Stated(
                    "Forud for borgerens sundhedsrettede indsats, udarbejder jobcentret en "
                    "formålsplan for borgeren"
                ),
            ),
            every(
                when(SubGoalSet, recorded_by=A.HEALTH),
                under_purpose_plan,
                failure=(
                    "planen er ikke jobcentrets formålsplan.",
                    "the plan is not the job centre's purpose plan.",
                ),
                id="syddjurs.sub_goals_under_purpose_plan",
                citation=_CITE,
                text_da="Terapeuternes delmål hører under jobcentrets formålsplan.",
                text_en="The therapists' sub-goals sit under the job centre's purpose plan.",
                basis=Stated("terapeuterne i sundhedsafdelingen opstiller delmål herunder"),
            ),
            within(
                report_days,
                after=when(InterventionCompleted, recorded_by=A.HEALTH),
                expect=when(
                    ReportWritten,
                    recorded_by=A.HEALTH,
                    where=field_is("report", ReportKind.FINAL_INTERVENTION_REPORT),
                    name=("afsluttende indsatsrapport", "final intervention report"),
                ),
                id="syddjurs.final_report_after_completion",
                severity=Severity.WARNING,
                citation=_CITE,
                text_da="Terapeuterne skriver en afsluttende indsatsrapport til jobcentret.",
                text_en="The therapists write a final intervention report for the job centre.",
                basis=_REPORT_READING,
            ),
        ),
        citation=_CITE,
    )


SYDDJURS = protocol()
"""Job & Sundhed as a protocol with helhed's default report limit (SST2019 7.3)."""

RESULTS = (
    PublishedResult(
        code="therapists",
        value=THERAPISTS,
        unit="therapists",
        text_da="Job & Sundhed har 10 sundhedsfaglige terapeuter.",
        text_en="Job & Sundhed has 10 health therapists.",
        citation=_CITE,
    ),
    PublishedResult(
        code="health_services",
        value=HEALTH_SERVICES,
        unit="health services",
        text_da="Job & Sundhed udbyder 14 sundhedsfaglige ydelser, som jobcentret kan visitere "
        "til.",
        text_en="Job & Sundhed offers 14 health services the job centre can grant.",
        citation=_CITE,
    ),
    PublishedResult(
        code="no_external_purchases",
        value=None,
        unit="",
        text_da="Fra 2018 køber jobcentret ingen eksterne sundhedstilbud.",
        text_en="From 2018 the job centre buys no health offers from outside.",
        citation=_CITE,
    ),
)
"""Syddjurs's published figures (SST2019 7.3)."""
