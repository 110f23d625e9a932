"""Halsnæs, *Trivsel og Sundhed*: a voluntary clarifying health conversation (HALSNAES).

Job centre staff offer vulnerable citizens a clarifying health conversation during their
other conversations, using Very Brief Advice (VBA): in 30 seconds they ask about health and
well-being, tell the citizen that counselling improves both, and refer if the citizen is
interested. If the citizen says yes, the health department takes over and contacts the
citizen within a week; its pathway runs in parallel with the job centre's, with no duty to
report back. Two health professionals hold the conversations, a physiotherapist and a nurse.
The project ran for two years, funded by the Danish Health Authority, until the end of 2020;
56 citizens were referred.

Target: activity-ready citizens, resource course, flex-job unemployment benefit and the right
to a flex job - citizens far from the labour market because of illness.

[`HALSNAES`][helhed.cases.halsnaes.HALSNAES] holds the protocol: the referral is voluntary,
the health department makes contact within a week of the yes, the two pathways run in parallel
and health information reaches the job centre only with consent; the missing duty to report
back is a permission.

Examples:
    >>> HALSNAES.id, REFERRED, VBA_SECONDS
    ('halsnaes', 56, 30)
    >>> [role.code for role in STAFF]
    ['fysioterapeut', 'sygeplejerske']
"""

from __future__ import annotations

import datetime as dt

from helhed.benefits import Benefit
from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.organisation import Administration, Role
from helhed.pathways.consent import CONSENT_NEEDED
from helhed.pathways.events import ContactMade, InformationCategory, ReferralAccepted, Referred
from helhed.rules import Protocol, forbid, parallel, requires_consent, when, within
from helhed.screening import vba
from helhed.sources import Citation, Reason, Stated

__all__ = [
    "FUNDING",
    "HALSNAES",
    "PROJECT_ENDS",
    "PROJECT_YEARS",
    "REFERRED",
    "RESULTS",
    "STAFF",
    "VBA_INSTRUMENT",
    "VBA_SECONDS",
]

_CITE = Citation("HALSNAES")
_HALSNAES = _CITE
A = Administration

HALSNAES = Protocol(
    id="halsnaes",
    name_da="Trivsel og Sundhed, Halsnæs",
    name_en="Well-being and Health, Halsnæs",
    model=CollaborationModel.SPECIFIC_INTERVENTIONS,
    target_groups=frozenset({RiskGroup.HIGH}),
    funding=frozenset(
        {
            Benefit.CASH_BENEFIT_ACTIVITY_READY,
            Benefit.RESOURCE_COURSE,
            Benefit.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
        }
    ),
    rules=(
        forbid(
            when(Referred, to=A.HEALTH, voluntary=False),
            id="halsnaes.voluntary",
            citation=_HALSNAES,
            text_da="Henvisningen til sundhedsafdelingen er frivillig for borgeren.",
            text_en="The referral to the health department is voluntary for the citizen.",
            basis=Stated("Tilbuddet er frivilligt"),
        ),
        within(
            7,
            after=when(ReferralAccepted, to=A.HEALTH),
            expect=when(ContactMade, recorded_by=A.HEALTH),
            id="halsnaes.contact_within_week",
            citation=_HALSNAES,
            text_da="Sundhedsafdelingen kontakter borgeren inden for en uge efter ja-tak.",
            text_en="The health department contacts the citizen within one week of accepting "
            "the referral.",
            basis=Stated("En af projektets medarbejdere kontakter borgeren inden for en uge"),
        ),
        parallel(
            A.HEALTH,
            A.JOB_CENTRE,
            id="halsnaes.parallel",
            citation=_HALSNAES,
            text_da="Forløbet i sundhedsafdelingen kører parallelt med jobcenterforløbet.",
            text_en="The health pathway runs in parallel with the job centre pathway.",
            basis=Stated("Forløbet i Sundhedsafdelingen kører parallelt med jobcenterforløbet"),
        ),
        requires_consent(
            InformationCategory.HEALTH,
            A.JOB_CENTRE,
            id="halsnaes.consent",
            citation=CONSENT_NEEDED,
            text_da="Helbredsoplysninger gives kun til jobcentret med samtykke.",
            text_en="Health information reaches the job centre only with consent.",
            basis=Stated(
                "krav om, at borgeren skal give samtykke til at dele personlige oplysninger "
                "mellem forvaltninger og myndigheder"
            ),
        ),
    ),
    permissions=(
        Reason(
            "halsnaes.no_report_back",
            "Sundhedsafdelingen har ingen pligt til at melde tilbage til jobcentret.",
            "The health department has no duty to report back to the job centre.",
            _HALSNAES,
        ),
    ),
    citation=_HALSNAES,
)
"""Halsnæs, *Trivsel og Sundhed* (HALSNAES). The clarifying conversation places it with model 3
(SST2019 kap. 8); the sources do not name its target groups, and its funding bases
(activity-ready cash benefit, resource course, flex-job unemployment benefit) are typical of
the high-risk group (SST2019 4.1)."""

REFERRED = 56
"""Citizens referred to a clarifying health conversation at the time of the source."""

STAFF = (Role.PHYSIOTHERAPIST, Role.NURSE)
"""The project's two health professionals: a physiotherapist and a nurse."""

VBA_SECONDS = 30
"""How long Very Brief Advice takes, in seconds."""

VBA_INSTRUMENT = vba.NAME
"""The name of the VBA record in ``helhed.screening``."""

FUNDING = HALSNAES.funding
"""The target group's funding bases, as the protocol holds them: activity-ready cash benefit,
resource course and flex-job unemployment benefit."""

PROJECT_YEARS = 2
"""The project's length in years."""

PROJECT_ENDS = dt.date(2020, 12, 31)
"""The project ran until the end of 2020."""

RESULTS = (
    PublishedResult(
        code="referred",
        value=REFERRED,
        unit="citizens",
        text_da="56 borgere er henvist til en afklarende sundhedssamtale.",
        text_en="56 citizens have been referred to a clarifying health conversation.",
        population_da="Sårbare borgere i jobcentret i projektets målgruppe: aktivitetsparate, "
        "borgere i ressourceforløb og borgere på ledighedsydelse med ret til fleksjob",
        population_en="Vulnerable citizens of the job centre in the project's target group: "
        "activity-ready citizens, citizens in a resource course and citizens on flex-job "
        "unemployment benefit with the right to a flex job",
        citation=_CITE,
    ),
    PublishedResult(
        code="project_years",
        value=PROJECT_YEARS,
        unit="years",
        text_da="Et toårigt projekt finansieret af Sundhedsstyrelsen, til udgangen af 2020.",
        text_en="A two-year project funded by the Danish Health Authority, to the end of 2020.",
        citation=_CITE,
    ),
    PublishedResult(
        code="health_staff",
        value=len(STAFF),
        unit="health professionals",
        text_da="Projektets to medarbejdere, en fysioterapeut og en sygeplejerske, holder "
        "samtalerne.",
        text_en="The project's two staff, a physiotherapist and a nurse, hold the conversations.",
        citation=_CITE,
    ),
    PublishedResult(
        code="contact_within_weeks",
        value=1,
        unit="weeks",
        text_da="En af projektets medarbejdere kontakter borgeren inden for en uge.",
        text_en="One of the project's staff contacts the citizen within a week.",
        citation=_CITE,
    ),
    PublishedResult(
        code="vba_seconds",
        value=VBA_SECONDS,
        unit="seconds",
        text_da="Very Brief Advice tager 30 sekunder.",
        text_en="Very Brief Advice takes 30 seconds.",
        citation=_CITE,
    ),
    PublishedResult(
        code="vba_steps",
        value=3,
        unit="steps",
        text_da="Very Brief Advice har tre trin: spørg, oplys, henvis.",
        text_en="Very Brief Advice has three steps: ask, inform, refer.",
        citation=_CITE,
    ),
    PublishedResult(
        code="theme_meetings",
        value=2,
        unit="meetings",
        text_da="Ved projektets start blev der holdt to temamøder for jobcentrets og de "
        "sundhedsfaglige medarbejdere.",
        text_en="Two theme meetings for the job centre's and the health staff were held when "
        "the project started.",
        citation=_CITE,
    ),
)
"""Halsnæs's published figures (HALSNAES)."""
