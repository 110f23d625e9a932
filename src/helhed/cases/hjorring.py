"""Hjørring: early screening, cross-disciplinary analysis and parallel interventions (SST2019 6.1).

Hjørring invested DKK 125 million in 2015-2018 to cut one year off the average time citizens
spend on public benefits and to raise lasting labour-market attachment. The steps:

1. early screening with a validated tool that sorts citizens into risk groups - suspended at
   the time of the source, so helhed treats screening as optional and the tool as pluggable;
2. a cross-disciplinary analysis by staff with employment and health competencies, leading to
   an intervention plan across professions and administrations;
3. the plan carried out with ongoing follow-up on progression and adjustment of the plan;
   interventions typically run in parallel (stress, anxiety and depression courses, coping,
   physiotherapy, the short alcohol conversation, substance-abuse treatment, IPS, ADHD and
   autism support).

Hjørring also keeps a catalogue of 8 intervention tracks and a cross-sector IT system. Target:
newly assessed cash benefit and sickness benefit recipients at risk of long unemployment,
widened in 2017 to integration citizens and insured unemployed.

Examples:
    >>> [r.code for r in RESULTS]
    ['investment', 'goal_time_on_benefits', 'job_effect', 'payback', 'tracks']
    >>> HJORRING.rule("model1.assessment_before_plan").citation.section
    'kap. 6'
"""

from __future__ import annotations

import datetime as dt

from helhed.benefits import Benefit
from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.models.early_detection import RULES as MODEL_1
from helhed.rules import Protocol
from helhed.sources import Citation, Reason

__all__ = ["FUNDING", "FUNDING_FROM_2017", "HJORRING", "RESULTS", "TRACKS", "WIDENED_ON"]

_CITE = Citation("SST2019", "6.1")

FUNDING = frozenset(
    {
        Benefit.CASH_BENEFIT_JOB_READY,
        Benefit.CASH_BENEFIT_ACTIVITY_READY,
        Benefit.SICKNESS_BENEFIT,
    }
)
"""The funding bases of the original target group: newly assessed cash and sickness benefit."""

FUNDING_FROM_2017 = FUNDING | {Benefit.INTEGRATION_BENEFIT, Benefit.INSURED_UNEMPLOYMENT_BENEFIT}
"""The funding bases after the target group was widened in 2017."""

WIDENED_ON = dt.date(2017, 4, 1)
"""When the target group was widened: the second quarter of 2017 (SST2019 6.1), so its first day."""

TRACKS = 8
"""The number of intervention tracks (indsatsspor) in Hjørring's catalogue."""

_TARGET_DA = (
    "Borgere med størst sandsynlighed for langtidsledighed: nyvisiterede kontanthjælps- og "
    "sygedagpengemodtagere, fra 2. kvartal 2017 også integrationsborgere og forsikrede ledige"
)
_TARGET_EN = (
    "Citizens most likely to become long-term unemployed: newly assessed cash and sickness "
    "benefit recipients, from the second quarter of 2017 also integration citizens and insured "
    "unemployed"
)

RESULTS = (
    PublishedResult(
        code="investment",
        value=125,
        unit="DKK million",
        text_da="Kommunen investerede i alt 125 mio. kr. i 2015-2018 i en forstærket indsats.",
        text_en="The municipality invested DKK 125 million in all in 2015-2018 in a reinforced "
        "effort.",
        population_da=_TARGET_DA,
        population_en=_TARGET_EN,
        citation=_CITE,
    ),
    PublishedResult(
        code="goal_time_on_benefits",
        value=1,
        unit="years",
        text_da="Mål: at skære et år af den gennemsnitlige tid på offentlig forsørgelse.",
        text_en="Goal: to cut one year off the average time on public benefits.",
        population_da=_TARGET_DA,
        population_en=_TARGET_EN,
        citation=_CITE,
    ),
    PublishedResult(
        code="job_effect",
        value=50,
        unit="percent",
        text_da="En ekstern evaluering fandt en gennemsnitlig forøgelse af beskæftigelsen "
        "(jobeffekt) på 50 % for aktivitetsparate kontanthjælpsmodtagere, sammenlignet med en "
        "kontrolgruppe i sammenlignelige kommuner.",
        text_en="An external evaluation found an average rise in employment (job effect) of "
        "50 % for activity-ready cash benefit recipients, compared with a control group in "
        "comparable municipalities.",
        population_da="Aktivitetsparate kontanthjælpsmodtagere (sammenlignet med en "
        "kontrolgruppe i sammenlignelige kommuner)",
        population_en="Activity-ready cash benefit recipients (compared with a control group "
        "in comparable municipalities)",
        citation=_CITE,
    ),
    PublishedResult(
        code="payback",
        value=2,
        unit="times in four years",
        text_da="De første fire år er investeringen tjent hjem to gange.",
        text_en="In the first four years the investment was earned back twice.",
        citation=_CITE,
    ),
    PublishedResult(
        code="tracks",
        value=TRACKS,
        unit="intervention tracks",
        text_da="Et tværgående indsatskatalog med otte indsatsspor.",
        text_en="A cross-cutting intervention catalogue with eight intervention tracks.",
        citation=_CITE,
    ),
)
"""Hjørring's published figures (SST2019 6.1), each with whom it is about where it is about
citizens: the job effect is that of activity-ready cash benefit recipients only."""

HJORRING = Protocol(
    id="hjorring",
    name_da="Hjørring-modellen",
    name_en="The Hjørring model",
    model=CollaborationModel.EARLY_DETECTION,
    target_groups=frozenset({RiskGroup.MEDIUM, RiskGroup.HIGH}),
    funding=FUNDING_FROM_2017,
    rules=MODEL_1,
    permissions=(
        Reason(
            "hjorring.screening_optional",
            "Screeningen i risikogrupper er sat i bero; den er valgfri.",
            "Screening into risk groups is suspended; it is optional.",
            _CITE,
        ),
    ),
    citation=_CITE,
)
"""Hjørring's steps as a protocol: model 1's rules, with screening optional (SST2019 6.1)."""
