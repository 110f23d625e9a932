"""The consent practice of the Odense theme group (ODENSE2015 pkt. 4, gruppe 3).

The theme group on mentally vulnerable citizens described how consent is handled between the
job centre's caseworkers and health staff: the citizen is told from the start how information
is exchanged and asked for consent, and information passes to the caseworker only once the
citizen consents. [`ODENSE_CONSENT`][helhed.cases.odense.ODENSE_CONSENT] holds it as a
protocol; the citizen's return to the caseworker and health staff's duties are permissions.

Examples:
    >>> ODENSE_CONSENT.id, [r.id for r in ODENSE_CONSENT.rules]
    ('odense-samtykke', ['odense-samtykke.spurgt_fra_start', 'odense-samtykke.foer_videregivelse'])
"""

from __future__ import annotations

from helhed.groups import RiskGroup
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConsentGiven,
    ConsentRefused,
    ConversationHeld,
    InformationCategory,
)
from helhed.rules import Protocol, Severity, precedes, requires_consent, when
from helhed.sources import Citation, Reading, Reason, Stated

__all__ = ["ODENSE_CONSENT"]

A = Administration
_ODENSE = Citation("ODENSE2015", "pkt. 4, gruppe 3")

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
