"""Jammerbugt: early detection of high alcohol use, and a preventive track (SST2019 6.3).

Jammerbugt has one administration for health and the labour market. Two practices:

* **Alcohol.** Trained substance-abuse ambassadors in each department spot citizens with high
  alcohol use. Front-line staff hold the first conversation and motivate; substance-abuse
  consultants may take part in those conversations when needed. Treatment is individual, in
  a group or residential.
* **Prevention for the employed.** Employed citizens at risk of musculoskeletal and lifestyle
  disease - in social and health care, industry and agriculture, recruited together with 3F,
  FOA, Agri Nord, Pension Danmark and Industriens Pension - get purely preventive advice and
  physical activity; sick leave fell.

The rules:

| rule | demand |
|---|---|
| ``jammerbugt.first_conversation`` | a substance-abuse consultant comes in at the earliest \
on the day of the first conversation, which the consultant may join (helhed's reading) |
| ``jammerbugt.conversation_before_treatment`` | treatment starts after a conversation |

Target groups: medium and low risk.

Examples:
    >>> from helhed.benefits import Benefit
    >>> from helhed.citizens import Citizen
    >>> from helhed.health import HealthProfile, RiskFactor
    >>> fits, _ = preventive_track_fits(Citizen(id="c-1", benefit=Benefit.EMPLOYED,
    ...     health=HealthProfile(risk_factors=frozenset({RiskFactor.PHYSICAL_ACTIVITY}))))
    >>> fits
    True
"""

from __future__ import annotations

from typing import NamedTuple

from helhed._coded import CodedEnum
from helhed.benefits import Benefit
from helhed.cases._data import PublishedResult
from helhed.citizens import Citizen
from helhed.collaboration import CollaborationModel
from helhed.errors import require
from helhed.groups import RiskGroup
from helhed.health import HealthDomain, RiskFactor
from helhed.organisation import Role
from helhed.pathways.events import CaseworkerAssigned, ConversationHeld, InterventionStarted
from helhed.rules import Protocol, Severity, precedes, when
from helhed.sources import Citation, Reading, Reason, Stated

__all__ = [
    "JAMMERBUGT",
    "PREVENTIVE_PARTNERS",
    "PREVENTIVE_SECTORS",
    "RESULTS",
    "TREATMENTS",
    "PreventiveFit",
    "TreatmentFormat",
    "preventive_track_fits",
]

_CITE = Citation("SST2019", "6.3")


class TreatmentFormat(CodedEnum):
    """How alcohol treatment is given (SST2019 6.3)."""

    INDIVIDUAL = ("individuel", "Individuel", "Individual")
    GROUP = ("gruppe", "Gruppe", "Group")
    RESIDENTIAL = ("doegn", "Døgnbehandling", "Residential")


TREATMENTS = {
    "alkoholbehandling, individuel": TreatmentFormat.INDIVIDUAL,
    "alkoholbehandling, gruppe": TreatmentFormat.GROUP,
    "alkoholbehandling, døgn": TreatmentFormat.RESIDENTIAL,
}
"""The treatment offers by name (the ``offer`` of their events) and their format."""

PREVENTIVE_SECTORS = ("social- og sundhedsområdet", "industrien", "landbruget")
"""The sectors of the preventive track (SST2019 6.3)."""

PREVENTIVE_PARTNERS = ("3F", "FOA", "Agri Nord", "Pension Danmark", "Industriens Pension")
"""The preventive track's partners, as SST2019 6.3 names them: the recruitment happens "i et
tæt samarbejde med 3F, FOA, Agri Nord, Pension Danmark og Industriens Pension"."""

_LIFESTYLE = frozenset(
    {RiskFactor.SMOKING, RiskFactor.ALCOHOL, RiskFactor.DIET, RiskFactor.PHYSICAL_ACTIVITY}
)


class PreventiveFit(NamedTuple):
    """Whether the preventive track fits a citizen, and why; unpacks as ``(fits, reasons)``.

    Both are worked out from the citizen's health, so ``repr`` hides them.

    Attributes:
        fits: True if the citizen is employed and at risk.
        reasons: Why, each with its citation.
    """

    fits: bool
    reasons: tuple[Reason, ...]

    def __repr__(self) -> str:
        """Show as ``PreventiveFit(fits=<sensitive>, reasons=<sensitive>)``."""
        return "PreventiveFit(fits=<sensitive>, reasons=<sensitive>)"


def preventive_track_fits(citizen: Citizen) -> PreventiveFit:
    """Does the preventive track fit: employed, and at risk of lifestyle or musculoskeletal disease?

    A lifestyle risk factor (smoking, alcohol, diet, physical activity) or a physical health
    challenge counts as the risk. Returns the answer and its reasons.
    """
    require(citizen, Citizen, "citizen", "must be a Citizen")
    employed = citizen.benefit is Benefit.EMPLOYED
    factors = citizen.health.risk_factors & _LIFESTYLE
    physical = any(c.domain is HealthDomain.PHYSICAL for c in citizen.health.challenges)
    at_risk = bool(factors) or physical
    reasons = (
        Reason(
            "jammerbugt.employed" if employed else "jammerbugt.not_employed",
            "Borgeren er i beskæftigelse." if employed else "Borgeren er ikke i beskæftigelse.",
            "The citizen is employed." if employed else "The citizen is not employed.",
            _CITE,
        ),
        Reason(
            "jammerbugt.at_risk" if at_risk else "jammerbugt.no_risk",
            "Risiko for livsstils- eller bevægeapparatssygdom."
            if at_risk
            else "Ingen kendt risiko for livsstils- eller bevægeapparatssygdom.",
            "At risk of lifestyle or musculoskeletal disease."
            if at_risk
            else "No known risk of lifestyle or musculoskeletal disease.",
            _CITE,
        ),
    )
    return PreventiveFit(employed and at_risk, reasons)


JAMMERBUGT = Protocol(
    id="jammerbugt",
    name_da="Tidlig opsporing af for højt alkoholforbrug, Jammerbugt",
    name_en="Early detection of high alcohol use, Jammerbugt",
    model=CollaborationModel.EARLY_DETECTION,
    target_groups=frozenset({RiskGroup.MEDIUM, RiskGroup.LOW}),
    rules=(
        precedes(
            when(ConversationHeld),
            when(CaseworkerAssigned, role=Role.SUBSTANCE_ABUSE_CONSULTANT),
            id="jammerbugt.first_conversation",
            severity=Severity.WARNING,
            same_day=True,
            citation=_CITE,
            text_da="Frontpersonalet tager den første samtale; en misbrugskonsulent kan deltage "
            "i den, men kommer ikke ind før den.",
            text_en="Front-line staff hold the first conversation; a substance-abuse consultant "
            "may take part in it but does not come in before it.",
            basis=Reading(
                "Kilden giver frontmedarbejderne den første samtale, og misbrugskonsulenterne "
                "kan deltage i disse samtaler, hvis det skønnes nødvendigt. helhed læser det "
                "sådan, at en konsulent tildeles tidligst samme dag som den første samtale: "
                "at deltage i den er tilladt, at komme ind før den er en advarsel.",
                "The source gives the first conversation to front-line staff, and the "
                "substance-abuse consultants may take part in those conversations when that "
                "is judged necessary. helhed reads this as: a consultant is assigned at the "
                "earliest on the day of the first conversation; taking part in it is allowed, "
                "coming in before it is a warning.",
            ),
        ),
        precedes(
            when(ConversationHeld),
            when(InterventionStarted, offers=TREATMENTS),
            id="jammerbugt.conversation_before_treatment",
            citation=_CITE,
            text_da="Behandling begynder efter en motiverende samtale.",
            text_en="Treatment starts after a motivating conversation.",
            basis=Stated(
                "Frontmedarbejdernes opgave er at tage den første samtale med borgerne og "
                "motivere dem til behandling"
            ),
        ),
    ),
    citation=_CITE,
)
"""Jammerbugt's alcohol practice as a protocol (SST2019 6.3)."""

RESULTS = (
    PublishedResult(
        code="substance_abuse_consultants",
        value=3,
        unit="consultants",
        text_da="Jobcentret har i alt tre misbrugskonsulenter ansat til den ambulante "
        "misbrugsindsats.",
        text_en="The job centre employs three substance-abuse consultants in all for "
        "outpatient substance-abuse treatment.",
        citation=_CITE,
    ),
    PublishedResult(
        code="psychologists",
        value=1,
        unit="psychologists",
        text_da="Jobcentret har desuden en psykolog til den ambulante misbrugsindsats.",
        text_en="The job centre also has one psychologist for outpatient substance-abuse "
        "treatment.",
        citation=_CITE,
    ),
    PublishedResult(
        code="prevention_project_years",
        value=3,
        unit="years",
        text_da="Rekrutteringen af beskæftigede er et treårigt satspuljeprojekt.",
        text_en="The recruitment of employed citizens is a three-year state-funded project.",
        citation=_CITE,
    ),
    PublishedResult(
        code="sick_leave_fell",
        value=None,
        unit="",
        text_da="Projektet har medvirket til et fald i sygefraværet; kilden giver intet tal.",
        text_en="The project helped lower sick leave; the source gives no figure.",
        population_da="Kilden siger 'denne gruppe' lige efter kommunens egne ansatte inden for "
        "social og sundhed; det kan være dem alene eller alle beskæftigede i "
        "rekrutteringsprojektet (social og sundhed, industri, landbrug)",
        population_en="The source says 'this group' right after the municipality's own social "
        "and health care staff; it may be them alone or every employed citizen in the "
        "recruitment project (social and health care, industry, agriculture)",
        citation=_CITE,
    ),
)
"""Jammerbugt's published figures (SST2019 6.3)."""
