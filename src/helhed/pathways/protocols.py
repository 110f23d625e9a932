"""The protocols the sources already fix, ready to check pathways against.

* ``koordinerende-sagsbehandler``: the right to one continuous coordinating caseworker
  (SST2019 4.1, fn. 7);
* ``halsnaes``: a voluntary referral to a clarifying health conversation, contact within one
  week, parallel pathways and no duty to report back (HALSNAES);
* ``odense-samtykke``: consent asked from the start and in force before health information
  reaches the caseworker (ODENSE2015 pkt. 4).

Each rule's id starts with the protocol's id. [`PROTOCOLS`][helhed.pathways.protocols.PROTOCOLS]
holds them by id.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from helhed.benefits import Benefit
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.organisation import Administration
from helhed.pathways.consent import CONSENT_NEEDED
from helhed.pathways.events import (
    ConsentGiven,
    ConsentRefused,
    ContactMade,
    ConversationHeld,
    InformationCategory,
    ReferralAccepted,
    Referred,
)
from helhed.pathways.sickness_follow_up import SICKNESS_FOLLOW_UP
from helhed.rules import (
    CoordinatingCaseworkerAssigned,
    OneCoordinatingCaseworker,
    Protocol,
    Severity,
    forbid,
    parallel,
    precedes,
    requires_consent,
    when,
    within,
)
from helhed.sources import Citation, Reading, Reason, Stated

__all__ = ["COORDINATING_CASEWORKER", "HALSNAES", "ODENSE_CONSENT", "PROTOCOLS"]

A = Administration
_FN7 = Citation("SST2019", "4.1, fn. 7")
_HALSNAES = Citation("HALSNAES")
_ODENSE = Citation("ODENSE2015", "pkt. 4, gruppe 3")

COORDINATING_CASEWORKER = Protocol(
    id="koordinerende-sagsbehandler",
    name_da="Ret til en koordinerende sagsbehandler",
    name_en="Right to a coordinating caseworker",
    target_groups=frozenset({RiskGroup.HIGH}),
    funding=frozenset(
        {
            Benefit.CASH_BENEFIT_ACTIVITY_READY,
            Benefit.RESOURCE_COURSE,
            Benefit.JOB_CLARIFICATION_COURSE,
        }
    ),
    rules=(
        CoordinatingCaseworkerAssigned(
            id="koordinerende-sagsbehandler.tildelt",
            severity=Severity.WARNING,
            citation=Citation("SST2019", "4.1"),
            text_da="Borgere med ret til en koordinerende sagsbehandler har en.",
            text_en="A citizen with the right to a coordinating caseworker has one.",
            basis=Reading(
                "SST2019 4.1 giver retten, men ingen kilde sætter en frist for, hvornår "
                "sagsbehandleren skal være udpeget. helhed bedømmer derfor først dagen efter, "
                "at forsørgelsesgrundlaget begyndte, og kun som en advarsel: en manglende "
                "sagsbehandler er værd at se på, men ikke et brud på en frist. En kommune med "
                "sin egen frist sætter grace_days.",
                "SST2019 4.1 gives the right, but no source sets a deadline for the assignment. "
                "helhed therefore judges a citizen only from the day after the funding basis "
                "began, and only as a warning: a missing caseworker is worth a look, not the "
                "breach of a deadline. A municipality with a deadline of its own sets "
                "grace_days.",
            ),
        ),
        OneCoordinatingCaseworker(
            id="koordinerende-sagsbehandler.gennemgaaende",
            severity=Severity.WARNING,
            citation=_FN7,
            text_da="Den koordinerende sagsbehandler er gennemgående, ikke skiftende.",
            text_en="The coordinating caseworker stays the same person rather than changing.",
            basis=Stated(
                "en gennemgående og koordinerende sagsbehandler i stedet for skiftende "
                "sagsbehandlere"
            ),
        ),
    ),
    citation=_FN7,
)
"""The coordinating caseworker right (SST2019 4.1, fn. 7). Which funding bases give the right
on a day comes from the dated benefit rules, so reforms apply without changing the protocol.
No source sets a deadline for the assignment, so ``tildelt`` is helhed's reading: judged from
the day after the right starts, and a warning."""

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

ODENSE_CONSENT = Protocol(
    id="odense-samtykke",
    name_da="Samtykke fra start (temagruppen, Odense 2015)",
    name_en="Consent from the start (theme group, Odense 2015)",
    target_groups=frozenset({RiskGroup.HIGH, RiskGroup.MEDIUM}),
    rules=(
        precedes(
            when(ConsentGiven, ConsentRefused, recorded_by=A.HEALTH),
            when(ConversationHeld, recorded_by=A.HEALTH),
            id="odense-samtykke.spurgt_fra_start",
            severity=Severity.WARNING,
            same_day=True,
            citation=_ODENSE,
            text_da="Borgeren oplyses fra start om udveksling af oplysninger og spørges om "
            "samtykke.",
            text_en="The citizen is told from the start how information is exchanged and is "
            "asked for consent.",
            basis=Reading(
                "Kilden siger, at borgeren skal oplyses fra start om udveksling af oplysninger; "
                "at borgeren også spørges om samtykke, er Hedensteds praksis i samme afsnit. "
                "Loggen har ingen hændelse for at blive oplyst, så helhed læser et registreret "
                "ja eller nej til samtykke som sporet af, at borgeren blev oplyst og spurgt.",
                "The source says the citizen must be told from the start how information is "
                "exchanged; that the citizen is also asked for consent is Hedensted's practice "
                "in the same passage. The log has no event for being told, so helhed reads a "
                "recorded yes or no to consent as the trace that the citizen was told and asked.",
            ),
        ),
        requires_consent(
            InformationCategory.HEALTH,
            A.JOB_CENTRE,
            id="odense-samtykke.foer_videregivelse",
            citation=_ODENSE,
            text_da="Oplysninger gives først videre til sagsbehandleren med samtykke.",
            text_en="Information is passed to the caseworker only once the citizen consents.",
            basis=Stated(
                "spørger man borgerne om man kunne tænke sig at oplysninger gives videre til "
                "sagsbehandlerne"
            ),
        ),
    ),
    permissions=(
        Reason(
            "odense-samtykke.tilbage_til_sagsbehandler",
            "Borgeren kan sendes tilbage til sagsbehandleren, som vurderer på ny.",
            "The citizen may be sent back to the caseworker to be reassessed.",
            _ODENSE,
        ),
        Reason(
            "odense-samtykke.ingen_notatpligt",
            "Sundhedspersonalet har ikke notatpligt, men altid underretningspligt.",
            "Health staff have no duty to take notes but always a duty to notify.",
            _ODENSE,
        ),
    ),
    citation=_ODENSE,
)
"""The consent practice of the Odense theme group (ODENSE2015 pkt. 4, gruppe 3); it holds for
mentally vulnerable citizens, which places them mostly in the high and medium groups."""

PROTOCOLS: Mapping[str, Protocol] = MappingProxyType(
    {p.id: p for p in (COORDINATING_CASEWORKER, HALSNAES, ODENSE_CONSENT, SICKNESS_FOLLOW_UP)}
)
"""The shipped protocols by id."""
