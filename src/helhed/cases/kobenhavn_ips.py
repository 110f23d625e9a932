"""Copenhagen: Individual Placement and Support (IPS) for severe mental illness (SST2019 8.3).

From 2012 to 2017 Copenhagen researched IPS together with the psychiatry of the Capital
Region: citizens with a severe mental illness (schizophrenia, bipolar disorder, severe
depression) can hold an ordinary job or take an education without training first, when the
match between person and workplace is right and they get intensive support alongside. In
autumn 2017 and spring 2018 the job centre hired six consultants to extend the method to
citizens with substance abuse, a project running to the end of 2021.

The practice:

* a consultant has at most 25 citizens;
* frequent, close contact with the citizen;
* companies are approached only by reverse placement (omvendt formidling): the citizen's
  needs, motivation and wishes decide which companies are contacted;
* the team works outside the job centre, near the city's substance-abuse treatment centre,
  and meets citizens on their terms (often on a walk);
* contact goes on after the citizen starts a job or an education, and ends only once the
  citizen has settled in.

Target: cash benefit, education benefit and resource course, in treatment for the illness;
nobody motivated is excluded (see
[`ips_eligibility`][helhed.models.specific.ips_eligibility]). High-risk group.

[`KOBENHAVN_IPS`][helhed.cases.kobenhavn_ips.KOBENHAVN_IPS] holds the rules:

| rule | demand |
|---|---|
| ``kobenhavn_ips.caseload`` | an IPS consultant has at most 25 citizens (all pathways together) |
| ``kobenhavn_ips.reverse_placement`` | every employer contact is a reverse placement |
| ``kobenhavn_ips.support_until_settled`` | support goes on after the job or education starts |

"Frequent contact" and "settled in" have no measure in the source, so helhed does not invent
one: the last rule only finds a pathway closed on the day the job or education started, or
closed with no contact or conversation on a later day than the start.

Examples:
    >>> KOBENHAVN_IPS.rule("kobenhavn_ips.caseload").limit
    25
    >>> [p.code for p in KOBENHAVN_IPS.permissions]
    ['kobenhavn_ips.no_prior_training', 'kobenhavn_ips.citizens_terms']
"""

from __future__ import annotations

from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.models.specific import IPS_CASELOAD_LIMIT, IPS_FUNDING
from helhed.organisation import Role
from helhed.pathways.events import (
    EmployerContacted,
)
from helhed.rules import Protocol, SupportUntilSettled, at_most_per, every, when
from helhed.rules.conditions import field_is
from helhed.sources import Citation, Reason, Stated

__all__ = ["KOBENHAVN_IPS", "RESULTS"]

_CITE = Citation("SST2019", "8.3")


KOBENHAVN_IPS = Protocol(
    id="kobenhavn_ips",
    name_da="Individuelt Planlagt job med Støtte (IPS), København",
    name_en="Individual Placement and Support (IPS), Copenhagen",
    model=CollaborationModel.SPECIFIC_INTERVENTIONS,
    target_groups=frozenset({RiskGroup.HIGH}),
    funding=IPS_FUNDING,
    rules=(
        at_most_per(
            IPS_CASELOAD_LIMIT,
            Role.IPS_CONSULTANT,
            id="kobenhavn_ips.caseload",
            citation=_CITE,
            text_da=f"En IPS-konsulent har forløb for højst {IPS_CASELOAD_LIMIT} borgere.",
            text_en=f"An IPS consultant has at most {IPS_CASELOAD_LIMIT} citizens.",
            basis=Stated("Konsulenten varetager forløb for maks. 25 borgere."),
        ),
        every(
            when(EmployerContacted),
            field_is("reverse_placement", True),  # noqa: FBT003 - the value sought
            failure=(
                "virksomheden blev ikke valgt ud fra borgerens behov, motivation og lyst.",
                "the company was not chosen by the citizen's needs, motivation and wishes.",
            ),
            id="kobenhavn_ips.reverse_placement",
            citation=_CITE,
            text_da="Det virksomhedsopsøgende arbejde er udelukkende omvendt formidling.",
            text_en="Companies are approached only by reverse placement.",
            basis=Stated("Det virksomhedsopsøgende arbejde er udelukkende omvendt formidling"),
        ),
        SupportUntilSettled(
            id="kobenhavn_ips.support_until_settled",
            citation=_CITE,
            text_da="Kontakten fastholdes, efter borgeren er startet i job eller uddannelse, "
            "til borgeren er faldet helt til.",
            text_en="Contact continues after the citizen starts a job or an education, until "
            "the citizen has settled in.",
            basis=Stated(
                "Borgerens kontakt med teamet afsluttes altså først når borgeren er faldet helt "
                "til på jobbet/uddannelsen"
            ),
        ),
    ),
    permissions=(
        Reason(
            "kobenhavn_ips.no_prior_training",
            "Borgeren skal ikke trænes, før der søges job eller uddannelse.",
            "The citizen need not be trained before a job or an education is sought.",
            _CITE,
        ),
        Reason(
            "kobenhavn_ips.citizens_terms",
            "Samtaler holdes på borgerens præmisser og behøver ikke foregå på jobcentret "
            "(fx på en gåtur).",
            "Conversations are held on the citizen's terms and need not take place at the job "
            "centre (e.g. on a walk).",
            _CITE,
        ),
    ),
    citation=_CITE,
)
"""Copenhagen's IPS practice as a protocol (SST2019 8.3)."""

RESULTS = (
    PublishedResult(
        code="caseload",
        value=IPS_CASELOAD_LIMIT,
        unit="citizens per consultant",
        text_da="Konsulenten varetager forløb for højst 25 borgere.",
        text_en="A consultant has pathways for at most 25 citizens.",
        citation=_CITE,
    ),
    PublishedResult(
        code="substance_abuse_consultants",
        value=6,
        unit="consultants",
        text_da="Jobcenter København ansatte i efteråret 2017 og foråret 2018 seks konsulenter "
        "for at udvide metoden til borgere med misbrug; projektet løber til udgangen af 2021.",
        text_en="In autumn 2017 and spring 2018 Jobcenter København hired six consultants to "
        "extend the method to citizens with substance abuse; the project runs to the end of "
        "2021.",
        population_da="Borgere med misbrug",
        population_en="Citizens with substance abuse",
        citation=_CITE,
    ),
    PublishedResult(
        code="research_period",
        value=None,
        unit="",
        text_da="Kommunen forskede i metoden 2012-2017 sammen med Region Hovedstadens Psykiatri.",
        text_en="The municipality researched the method in 2012-2017 with the psychiatry of "
        "the Capital Region.",
        population_da="Borgere med svære sindslidelser (skizofreni, bipolar lidelse, svær "
        "depression)",
        population_en="Citizens with severe mental illness (schizophrenia, bipolar disorder, "
        "severe depression)",
        citation=_CITE,
    ),
)
"""Copenhagen's published figures (SST2019 8.3). The research period is a result in words:
the source gives its years but no outcome figure."""
