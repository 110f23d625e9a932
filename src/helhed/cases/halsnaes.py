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
        citation=_CITE,
    ),
    PublishedResult(
        code="staff",
        value=len(STAFF),
        unit="health professionals",
        text_da="Samtalerne holdes af en fysioterapeut og en sygeplejerske.",
        text_en="A physiotherapist and a nurse hold the conversations.",
        citation=_CITE,
    ),
    PublishedResult(
        code="vba_seconds",
        value=VBA_SECONDS,
        unit="seconds",
        text_da="Very Brief Advice tager 30 sekunder: spørg, oplys, henvis.",
        text_en="Very Brief Advice takes 30 seconds: ask, inform, refer.",
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
)
"""What the source says of Halsnæs in figures (HALSNAES)."""
