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
from helhed.pathways.rules import Protocol
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

RESULTS = (
    PublishedResult(
        code="investment",
        value=125,
        unit="DKK million",
        text_da="Investeret 125 mio. kr. i 2015-2018.",
        text_en="DKK 125 million invested in 2015-2018.",
        citation=_CITE,
    ),
    PublishedResult(
        code="goal_time_on_benefits",
        value=1,
        unit="years",
        text_da="Mål: et år kortere gennemsnitlig tid på offentlig forsørgelse.",
        text_en="Goal: one year less on public benefits on average.",
        citation=_CITE,
    ),
    PublishedResult(
        code="job_effect",
        value=50,
        unit="percent",
        text_da="Beskæftigelseseffekt 50 % over en kontrolgruppe.",
        text_en="Job effect 50 % above a control group.",
        citation=_CITE,
    ),
    PublishedResult(
        code="payback",
        value=2,
        unit="times in four years",
        text_da="Investeringen er tjent hjem to gange på fire år.",
        text_en="The investment was earned back twice in four years.",
        citation=_CITE,
    ),
    PublishedResult(
        code="tracks",
        value=TRACKS,
        unit="intervention tracks",
        text_da="Et katalog med 8 indsatsspor.",
        text_en="A catalogue of 8 intervention tracks.",
        citation=_CITE,
    ),
)
"""Hjørring's published figures (SST2019 6.1)."""

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
