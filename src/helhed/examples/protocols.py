"""One invented pathway through each protocol of models 2 and 3, keeping every rule.

**The pathways are invented** to show each protocol at work; they describe no real citizen.
Each is the shortest story its protocol's rules accept: Vordingborg's joint visitation before
the activities, Silkeborg's consent before rehabilitation data reaches the job centre,
Syddjurs' grant re-evaluated and purpose plan made before the health intervention, and so on.

Examples:
    >>> import datetime as dt
    >>> from helhed.cases import PROTOCOLS
    >>> from helhed.pathways.compliance import check
    >>> pathways = protocol_pathways()
    >>> sorted(pathways)[:3]
    ['aalborg', 'halsnaes', 'kobenhavn_ips']
    >>> check([pathways["syddjurs"]], PROTOCOLS["syddjurs"], on=DAY_OF_CHECK).findings
    ()
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from helhed.cases.aalborg import FLEX_OFFER, FLEX_REFERRAL
from helhed.cases.tonder import COURSE as TONDER_COURSE
from helhed.organisation import Administration, Role
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway

__all__ = ["DAY_OF_CHECK", "FIRST_DAY", "protocol_pathways"]

FIRST_DAY = dt.date(2024, 2, 5)
"""The day each invented pathway opens (a Monday)."""

DAY_OF_CHECK = dt.date(2024, 9, 30)
"""A day after every invented pathway has run its course."""

_A = Administration


class _Story:
    """Builds one citizen's events day by day from ``FIRST_DAY``."""

    def __init__(self, citizen_id: str) -> None:
        self.citizen_id = citizen_id
        self.events: list[ev.Event] = []

    def add(self, day: int, kind: type[ev.Event], by: Administration, **fields: Any) -> _Story:
        self.events.append(
            kind(
                citizen_id=self.citizen_id,
                occurred_on=FIRST_DAY + dt.timedelta(days=day),
                recorded_by=by,
                **fields,
            )
        )
        return self

    def referral(self, offer: str, to: Administration) -> _Story:
        self.add(
            0, ev.Referred, _A.JOB_CENTRE, referral_id="r-1", offer=offer, to=to, voluntary=True
        )
        return self.add(0, ev.ReferralAccepted, _A.JOB_CENTRE, referral_id="r-1")

    def pathway(self) -> Pathway:
        return Pathway(citizen_id=self.citizen_id, events=tuple(self.events))


def _vordingborg() -> Pathway:
    return (
        _Story("vordingborg-1")
        .referral("Team Tidlig Indsats", _A.JOB_CENTRE)
        .add(
            2,
            ev.AssessmentHeld,
            _A.JOB_CENTRE,
            professions=frozenset({Role.CASEWORKER, Role.PHYSIOTHERAPIST}),
            administrations=frozenset({_A.JOB_CENTRE, _A.HEALTH}),
        )
        .add(3, ev.PlanCreated, _A.JOB_CENTRE, plan_id="p-1")
        .add(7, ev.InterventionStarted, _A.HEALTH, offer="stresshåndtering", referral_id="r-1")
        .add(7, ev.InterventionStarted, _A.JOB_CENTRE, offer="virksomhedspraktik")
        .pathway()
    )


def _silkeborg() -> Pathway:
    return (
        _Story("silkeborg-1")
        .referral("genoptræning", _A.HEALTH)
        .add(
            3,
            ev.ConsentGiven,
            _A.HEALTH,
            to=_A.JOB_CENTRE,
            purpose=ev.ConsentPurpose.COORDINATION,
            categories=frozenset({ev.InformationCategory.HEALTH}),
        )
        .add(
            10,
            ev.InformationDisclosed,
            _A.HEALTH,
            source=_A.HEALTH,
            to=_A.JOB_CENTRE,
            category=ev.InformationCategory.HEALTH,
            purpose=ev.ConsentPurpose.COORDINATION,
        )
        .pathway()
    )


def _syddjurs() -> Pathway:
    return (
        _Story("syddjurs-1")
        .referral("genoptræning", _A.HEALTH)
        .add(
            2, ev.PlanCreated, _A.JOB_CENTRE, plan_id="formaal", plan_kind=ev.PlanKind.PURPOSE_PLAN
        )
        .add(4, ev.GrantReviewed, _A.HEALTH, referral_id="r-1", outcome=ev.GrantOutcome.APPROVED)
        .add(5, ev.InterventionStarted, _A.HEALTH, offer="genoptræning", referral_id="r-1")
        .add(7, ev.SubGoalSet, _A.HEALTH, plan_id="formaal", goal_id="g-1")
        .add(60, ev.InterventionCompleted, _A.HEALTH, offer="genoptræning", referral_id="r-1")
        .add(
            65,
            ev.ReportWritten,
            _A.HEALTH,
            report=ev.ReportKind.FINAL_INTERVENTION_REPORT,
            referral_id="r-1",
        )
        .pathway()
    )


def _sonderborg() -> Pathway:
    return (
        _Story("sonderborg-1")
        .referral("afklarende samtale", _A.JOB_CENTRE)
        .add(
            2,
            ev.ConversationHeld,
            _A.JOB_CENTRE,
            conversation=ev.ConversationKind.CLARIFYING_CONVERSATION,
        )
        .add(5, ev.InterventionStarted, _A.JOB_CENTRE, offer="virksomhedspraktik")
        .add(10, ev.InterventionStarted, _A.HEALTH, offer="rygestopkursus")
        .add(40, ev.InterventionCompleted, _A.JOB_CENTRE, offer="virksomhedspraktik")
        .add(50, ev.InterventionCompleted, _A.HEALTH, offer="rygestopkursus")
        .pathway()
    )


def _kobenhavn_ips() -> Pathway:
    return (
        _Story("ips-1")
        .referral("IPS", _A.JOB_CENTRE)
        .add(
            1,
            ev.CaseworkerAssigned,
            _A.JOB_CENTRE,
            staff_id="ips-konsulent-1",
            role=Role.IPS_CONSULTANT,
        )
        .add(10, ev.EmployerContacted, _A.JOB_CENTRE, reverse_placement=True)
        .add(30, ev.JobOrEducationStarted, _A.JOB_CENTRE, placement=ev.Placement.JOB)
        .add(37, ev.ContactMade, _A.JOB_CENTRE)
        .add(60, ev.ContactMade, _A.JOB_CENTRE)
        .add(90, ev.PathwayClosed, _A.JOB_CENTRE)
        .pathway()
    )


def _tonder() -> Pathway:
    return (
        _Story("tonder-1")
        .referral(TONDER_COURSE, _A.HEALTH)
        .add(7, ev.InterventionStarted, _A.HEALTH, offer=TONDER_COURSE, referral_id="r-1")
        .add(62, ev.InterventionCompleted, _A.HEALTH, offer=TONDER_COURSE, referral_id="r-1")
        .pathway()
    )


def _aalborg() -> Pathway:
    story = _Story("aalborg-1").referral(FLEX_REFERRAL, _A.HEALTH)
    for week in (1, 2, 3):
        story.add(
            7 * week,
            ev.ConversationHeld,
            _A.HEALTH,
            conversation=ev.ConversationKind.PREPARATORY,
            referral_id="r-1",
        )
    return story.add(
        35, ev.InterventionStarted, _A.HEALTH, offer=FLEX_OFFER, referral_id="r-1"
    ).pathway()


def _halsnaes() -> Pathway:
    return (
        _Story("halsnaes-1")
        .referral("afklarende sundhedssamtale", _A.HEALTH)
        .add(3, ev.ContactMade, _A.HEALTH, referral_id="r-1")
        .add(10, ev.InterventionStarted, _A.HEALTH, offer="motion og trivsel")
        .add(12, ev.InterventionStarted, _A.JOB_CENTRE, offer="virksomhedspraktik")
        .pathway()
    )


@functools.cache
def protocol_pathways() -> Mapping[str, Pathway]:
    """One invented pathway per protocol id of models 2 and 3, each keeping every rule."""
    return MappingProxyType(
        {
            "vordingborg": _vordingborg(),
            "silkeborg": _silkeborg(),
            "syddjurs": _syddjurs(),
            "sonderborg": _sonderborg(),
            "kobenhavn_ips": _kobenhavn_ips(),
            "tonder": _tonder(),
            "aalborg": _aalborg(),
            "halsnaes": _halsnaes(),
        }
    )
