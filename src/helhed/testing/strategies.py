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
from collections.abc import Callable, Collection
from typing import Any

import attrs
from hypothesis import strategies as st

from helhed.benefits import LIFECYCLE, Benefit, BenefitRules, benefit_rules
from helhed.cases.aalborg import FLEX_OFFER, FLEX_REFERRAL
from helhed.cases.kolding import COURSE as KOLDING_COURSE
from helhed.citizens import SICKNESS_BENEFITS, Citizen
from helhed.collaboration import CollaborationModel
from helhed.errors import TransitionError, UnknownNameError, quoted
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import (
    MAX_SICK_DAYS,
    HealthChallenge,
    HealthDomain,
    HealthProfile,
    Onset,
    ProgressiveCondition,
    RiskFactor,
)
from helhed.models.catalogue import (
    FAXE,
    Capacity,
    CapacityPeriod,
    CapacityUnit,
    Catalogue,
    Offer,
    OfferFormat,
    Taxonomy,
)
from helhed.models.elements import PREREQUISITES
from helhed.models.readiness import MunicipalityProfile, Readiness, readiness
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
from helhed.pathways import events as ev
from helhed.pathways.compliance import ComplianceReport, check
from helhed.pathways.pathway import Pathway, PathwayState
from helhed.protocols import PROTOCOLS
from helhed.rules import Protocol
from helhed.sickness import SicknessAssessment, SicknessCategory, sickness_category
from helhed.target_groups import Assessment, classify

__all__ = [
    "assessments",
    "benefit_rules_answers",
    "benefits",
    "caseworker_assignments",
    "caseworker_histories",
    "caseworker_rights",
    "catalogue_offers",
    "catalogues",
    "citizens",
    "compliance_reports",
    "continuity_reports",
    "dates",
    "documents",
    "health_challenges",
    "health_profiles",
    "identifiers",
    "municipality_profiles",
    "next_events",
    "pathways",
    "periods",
    "protocols",
    "readiness_answers",
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
        UnknownNameError: If ``name`` is not a document name.
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
        "pathway": pathways,
        "compliance-report": compliance_reports,
        "municipality-profile": municipality_profiles,
        "readiness": readiness_answers,
        "catalogue": catalogues,
        "protocol": protocols,
    }
    try:
        maker = makers[name]
    except (KeyError, TypeError):
        msg = f"unknown document {quoted(name)}; expected one of: {', '.join(makers)}"
        raise UnknownNameError(msg) from None
    return maker()


OFFERS = (
    "afklarende sundhedssamtale",
    FLEX_OFFER,
    FLEX_REFERRAL,
    KOLDING_COURSE,
    "rygestop",
    "mentor",
    "virksomhedspraktik",
)
"""The offers drawn for pathways: few, so that starts, ends and repeats meet, and among them
the offers the case protocols judge (Aalborg's Flex referral and team course, Kolding's
course)."""

STAFF = ("s-1", "s-2", "s-3")
"""The staff ids drawn for pathways."""

UNITS = (None, "Sygedagpengehuset", "Uddannelseshuset")


_ADMINISTRATIONS = tuple(Administration)
_PURPOSES = tuple(ev.ConsentPurpose)
_CATEGORIES = tuple(ev.InformationCategory)


def _fresh(prefix: str, taken: Collection[str]) -> str:
    """The first identifier ``prefix-n`` (n from 1) not in ``taken``."""
    n = 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"


def _draw_next(  # noqa: C901, PLR0911, PLR0912, PLR0915 - one branch per kind
    draw: st.DrawFn, state: PathwayState, on: dt.date, recorded_on: dt.date | None = None
) -> ev.Event:
    """Draw one event that can follow ``state`` on ``on``: the kind first, then its fields.

    ``recorded_on``, when given, is the day it is recorded (on or after ``on``).
    """

    def one(values: Any) -> Any:
        return draw(st.sampled_from(values))

    def maybe(values: Any) -> Any:
        return draw(st.none() | st.sampled_from(values)) if values else None

    common: dict[str, Any] = {
        "citizen_id": state.citizen_id,
        "occurred_on": on,
        "recorded_by": one(_ADMINISTRATIONS),
        "unit": one(UNITS),
        "recorder": maybe(STAFF),
    }
    if recorded_on is not None:
        common["recorded_on"] = recorded_on
    referrals = sorted(state.referrals)
    pending = sorted(state.pending_referrals)
    live = [r for r in referrals if state.referrals[r].code != "afslaaet"]
    idle = [o for o in OFFERS if o not in state.running]
    running = sorted(state.running)
    given = sorted(
        {(c.to, c.purpose) for c in state.consents}, key=lambda k: (k[0].code, k[1].code)
    )
    free = [s for s in STAFF if s not in state.caseworkers]
    kinds = [
        "referred",
        "contact",
        "consent",
        "refuse",
        "screening",
        "conversation",
        "plan",
        "onward",
        "returned",
        "benefit",
        "group",
        "disclosed",
        "placement",
        "assessment",
    ]
    kinds += ["accept", "decline"] if pending else []
    kinds += ["start", "not_started"] if idle else []
    kinds += ["complete", "drop"] if running else []
    kinds += ["adjust", "item", "review", "goal"] if state.plans else []
    kinds += ["grant_review", "report"] if referrals else []
    kinds += ["employer", "withdraw"]
    kinds += ["assign"] if free else []
    kinds += ["release"] if state.caseworkers else []
    kind = one(kinds)
    if kind == "referred":
        return ev.Referred(
            **common,
            referral_id=_fresh("r", state.referrals),
            offer=one(OFFERS),
            to=one(_ADMINISTRATIONS),
            voluntary=draw(st.booleans()),
            referrer=maybe(STAFF),
        )
    if kind in ("accept", "decline"):
        cls = ev.ReferralAccepted if kind == "accept" else ev.ReferralDeclined
        return cls(**common, referral_id=one(pending))
    if kind == "contact":
        return ev.ContactMade(**common, referral_id=maybe(referrals))
    if kind == "consent":
        categories = draw(st.frozensets(st.sampled_from(_CATEGORIES), min_size=1))
        ends = draw(st.none() | st.integers(0, 120))
        return ev.ConsentGiven(
            **common,
            to=one(_ADMINISTRATIONS),
            purpose=one(_PURPOSES),
            categories=categories,
            ends_on=None if ends is None else on + dt.timedelta(days=ends),
        )
    if kind == "refuse":
        return ev.ConsentRefused(**common, to=one(_ADMINISTRATIONS), purpose=one(_PURPOSES))
    if kind == "withdraw":
        to, purpose = one(_ADMINISTRATIONS), one(_PURPOSES)
        mostly_given: bool = draw(st.booleans())
        if given and mostly_given:
            to, purpose = one(given)  # mostly one that was given; any may be withdrawn
        return ev.ConsentWithdrawn(**common, to=to, purpose=purpose)
    if kind == "screening":
        score = draw(st.none() | st.integers(0, 40))
        return ev.ScreeningRecorded(**common, instrument=one(["who5", "audit"]), score=score)
    if kind == "conversation":
        return ev.ConversationHeld(
            **common, conversation=one(tuple(ev.ConversationKind)), referral_id=maybe(referrals)
        )
    if kind == "plan":
        return ev.PlanCreated(
            **common, plan_id=_fresh("p", state.plans), plan_kind=one(tuple(ev.PlanKind))
        )
    if kind == "adjust":
        return ev.PlanAdjusted(**common, plan_id=one(sorted(state.plans)))
    if kind == "assessment":
        return ev.AssessmentHeld(
            **common,
            professions=draw(st.frozensets(st.sampled_from(tuple(Role)), min_size=1, max_size=3)),
            administrations=draw(st.frozensets(st.sampled_from(_ADMINISTRATIONS), min_size=1)),
        )
    if kind == "item":
        start = on + dt.timedelta(days=draw(st.integers(0, 30)))
        length = draw(st.none() | st.integers(0, 120))
        return ev.PlanItemAdded(
            **common,
            plan_id=one(sorted(state.plans)),
            item_id=_fresh("i", {i for _, i in state.plan_entries}),
            offer=one(OFFERS),
            administration=one(_ADMINISTRATIONS),
            profession=one(tuple(Role)),
            start=start,
            end=None if length is None else start + dt.timedelta(days=length),
        )
    if kind == "goal":
        taken = {i for _, i in state.plan_entries}
        return ev.SubGoalSet(**common, plan_id=one(sorted(state.plans)), goal_id=_fresh("g", taken))
    if kind == "grant_review":
        return ev.GrantReviewed(
            **common, referral_id=one(referrals), outcome=one(tuple(ev.GrantOutcome))
        )
    if kind == "report":
        return ev.ReportWritten(
            **common, report=one(tuple(ev.ReportKind)), referral_id=maybe(referrals)
        )
    if kind == "employer":
        return ev.EmployerContacted(**common, reverse_placement=draw(st.booleans()))
    if kind == "review":
        return ev.ProgressionReviewed(
            **common, plan_id=one(sorted(state.plans)), instrument=one(["who5", "audit"])
        )
    if kind in ("start", "not_started"):
        cls2 = ev.InterventionStarted if kind == "start" else ev.InterventionNotStarted
        return cls2(**common, offer=one(idle), referral_id=maybe(live))
    if kind in ("complete", "drop"):
        cls3 = ev.InterventionCompleted if kind == "complete" else ev.InterventionDroppedOut
        return cls3(**common, offer=one(running))
    if kind == "onward":
        return ev.ReferredOnward(
            **common, destination=one(["egen læge", "sundhedscenter"]), to=maybe(_ADMINISTRATIONS)
        )
    if kind == "returned":
        return ev.ReturnedToCaseworker(**common, referral_id=maybe(referrals))
    if kind == "benefit":
        return ev.BenefitChanged(**common, benefit=maybe(tuple(Benefit)))
    if kind == "group":
        return ev.TargetGroupAssessed(**common, group=maybe(tuple(RiskGroup)))
    if kind == "disclosed":
        source, to = draw(
            st.tuples(st.sampled_from(_ADMINISTRATIONS), st.sampled_from(_ADMINISTRATIONS)).filter(
                lambda pair: pair[0] is not pair[1]
            )
        )
        return ev.InformationDisclosed(
            **common,
            source=source,
            to=to,
            category=one(_CATEGORIES),
            purpose=maybe(_PURPOSES),
            legal_basis=draw(st.none() | identifiers()),
        )
    if kind == "placement":
        return ev.JobOrEducationStarted(**common, placement=one(tuple(ev.Placement)))
    if kind == "assign":
        return ev.CaseworkerAssigned(**common, staff_id=one(free), role=one(tuple(Role)))
    return ev.CaseworkerReleased(**common, staff_id=one(sorted(state.caseworkers)))


def next_events(state: PathwayState, on: dt.date) -> st.SearchStrategy[ev.Event]:
    """Events that can follow a pathway in ``state`` on the day ``on`` (never a closing one)."""
    return st.composite(lambda draw: _draw_next(draw, state, on))()


@st.composite
def pathways(
    draw: st.DrawFn,
    *,
    citizen_id: st.SearchStrategy[str] | None = None,
    max_events: int = 25,
    corrections: bool = True,
) -> Pathway:
    """A valid pathway: a referral, then up to ``max_events`` events recorded after it.

    Days move forward by 0-21 days between events; a pathway may end with a closing event.
    With ``corrections`` (the default), some events are recorded late - they happened on an
    earlier day than the day they are recorded - some earlier events are annulled as entered
    in error, and a closed pathway may still take a late event or a withdrawal of consent.
    """
    cid = draw(citizen_id if citizen_id is not None else identifiers())
    on = draw(dates(max_value=dt.date(2026, 12, 31)))
    first = ev.Referred(
        citizen_id=cid,
        occurred_on=on,
        recorded_by=Administration.JOB_CENTRE,
        referral_id="r-0",
        offer=draw(st.sampled_from(OFFERS)),
        to=draw(st.sampled_from(Administration)),
        voluntary=draw(st.booleans()),
    )
    pathway = Pathway(citizen_id=cid, events=(first,))
    for _ in range(draw(st.integers(0, max_events))):
        if corrections:
            changed = _draw_correction(draw, pathway, on)
            if changed is not None:
                pathway = changed
                continue
        on += dt.timedelta(days=draw(st.integers(0, 21)))
        if pathway.state.opened_on is None:  # the opening referral was annulled
            break
        pathway = pathway.append(_draw_next(draw, pathway.state, on))
    if pathway.state.opened_on is not None and draw(st.integers(0, 4)) == 0:
        on += dt.timedelta(days=draw(st.integers(0, 21)))
        pathway = pathway.append(
            ev.PathwayClosed(citizen_id=cid, occurred_on=on, recorded_by=Administration.JOB_CENTRE)
        )
        if corrections and draw(st.integers(0, 2)) == 0:
            changed = _draw_correction(draw, pathway, on + dt.timedelta(days=1))
            pathway = pathway if changed is None else changed
    return pathway


def _draw_correction(draw: st.DrawFn, pathway: Pathway, today: dt.date) -> Pathway | None:
    """Sometimes a late event or an annulment recorded ``today``; None when none is drawn.

    The drawn event may not fit where it falls in the timeline; then nothing is recorded.
    """
    choice = draw(st.integers(0, 9))
    event: ev.Event
    if choice == 0 and len(pathway) > 1:
        event = ev.EventAnnulled(
            citizen_id=pathway.citizen_id,
            occurred_on=today,
            recorded_by=draw(st.sampled_from(_ADMINISTRATIONS)),
            recorder=draw(st.sampled_from(STAFF)),
            annuls=draw(st.integers(0, len(pathway) - 1)),
            reason="indtastet ved en fejl",
        )
    elif choice == 1 and pathway.state.opened_on is not None:
        opened = pathway.state.opened_on
        happened = draw(dates(min_value=opened, max_value=max(opened, today)))
        event = _draw_next(draw, pathway.state_on(happened), happened, today)
    else:
        return None
    try:
        return pathway.append(event)
    except TransitionError:
        return None


def compliance_reports() -> st.SearchStrategy[ComplianceReport]:
    """Reports of checking a few random pathways against a shipped protocol."""
    return st.builds(
        lambda group, protocol, on: check(group, PROTOCOLS[protocol], on=on),
        st.lists(pathways(max_events=8), max_size=3, unique_by=lambda p: p.citizen_id),
        st.sampled_from(sorted(PROTOCOLS)),
        dates(),
    )


def municipality_profiles() -> st.SearchStrategy[MunicipalityProfile]:
    """Municipalities with any set of the known prerequisites in place."""
    return st.builds(
        MunicipalityProfile,
        identifiers(),
        st.frozensets(st.sampled_from(sorted(PREREQUISITES))),
    )


def readiness_answers() -> st.SearchStrategy[Readiness]:
    """Readiness of random municipalities for random models."""
    return st.builds(
        lambda profile, model, general: readiness(profile, model, general=general),
        municipality_profiles(),
        st.sampled_from(CollaborationModel),
        st.booleans(),
    )


def catalogue_offers(taxonomy: Taxonomy = FAXE) -> st.SearchStrategy[Offer]:
    """Valid offers whose task type belongs to ``taxonomy``."""
    return st.builds(
        Offer,
        id=identifiers(),
        name_da=identifiers(),
        name_en=identifiers(),
        administration=st.sampled_from(Administration),
        task_type=st.sampled_from(sorted(taxonomy.codes)),
        risk_factors=st.frozensets(st.sampled_from(RiskFactor)),
        target_groups=st.frozensets(st.sampled_from(RiskGroup)),
        funding=st.frozensets(benefits(), max_size=4),
        legal_basis=st.none() | st.sampled_from(["LAB", "serviceloven", "sundhedsloven"]),
        format=st.sampled_from(OfferFormat),
        duration_weeks=st.none() | st.integers(1, 52),
        capacity=st.none()
        | st.builds(
            Capacity,
            amount=st.integers(1, 40),
            unit=st.sampled_from(CapacityUnit),
            period=st.sampled_from(CapacityPeriod),
        ),
        voluntary=st.booleans(),
        contact=st.none() | identifiers(),
        last_reviewed=dates(max_value=dt.date(2029, 12, 31)),
    ).map(lambda offer: attrs.evolve(offer, name_da=f"Tilbud {offer.id}"))


@st.composite
def protocols(draw: st.DrawFn) -> Protocol:
    """A shipped protocol, or one made of some of its rules (see ``helhed.protocols``)."""
    protocol = draw(st.sampled_from(list(PROTOCOLS.values())))
    rules = draw(st.lists(st.sampled_from(protocol.rules), min_size=1, unique=True))
    return attrs.evolve(protocol, rules=tuple(rules))


def catalogues(max_offers: int = 12) -> st.SearchStrategy[Catalogue]:
    """Valid catalogues under Faxe's taxonomy: unique ids, known task types."""
    return st.builds(
        Catalogue,
        name=identifiers(),
        offers=st.lists(catalogue_offers(), max_size=max_offers, unique_by=lambda o: o.id).map(
            tuple
        ),
    )
