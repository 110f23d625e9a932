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

The protocol is the one in ``helhed.pathways.protocols``, re-exported here unchanged as
[`HALSNAES`][helhed.cases.halsnaes.HALSNAES]; this module adds only the case's data.

Examples:
    >>> HALSNAES.id, REFERRED, VBA_SECONDS
    ('halsnaes', 56, 30)
    >>> [role.code for role in STAFF]
    ['fysioterapeut', 'sygeplejerske']
"""

from __future__ import annotations

import datetime as dt

from helhed.cases._data import PublishedResult
from helhed.organisation import Role
from helhed.pathways.protocols import HALSNAES
from helhed.screening import vba
from helhed.sources import Citation

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
