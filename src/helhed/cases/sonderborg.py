"""Sønderborg: a clarifying conversation, then company-directed and health offers in parallel.

The job centre can grant a citizen who needs a cross-disciplinary effort a clarifying
conversation (afklarende samtale). In it the citizen, the job consultant or caseworker and a
health professional from the health centre agree which offers the citizen gets; the
conversation goes through every relevant health offer (courses on the KRAM factors,
rehabilitation, prevention). The company-directed effort is then lined up with the health
offers so that both start in parallel and support the citizen's progression (SST2019 8.2).

Target groups: low, medium and high risk, mainly medium and high. Target: every group of the
job centre, mainly sickness benefit and cash benefit recipients.

[`SONDERBORG`][helhed.cases.sonderborg.SONDERBORG] holds the practice as rules:

| rule | demand |
|---|---|
| ``sonderborg.clarifying_first`` | a citizen who has the clarifying conversation starts no \
health offer before it (helhed's reading) |
| ``sonderborg.parallel`` | job centre and health department offers overlap in time |

The conversation is granted to the citizens who particularly need a cross-disciplinary effort,
not to all; so ``sonderborg.clarifying_first`` judges only citizens who had one, and only the
health department's offers (see
[`clarifying_first`][helhed.models.specific.clarifying_first]).

Who takes part in the conversation, and whether its plan items run in parallel, is checked on
the conversation itself with
[`ClarifyingConversation`][helhed.models.specific.ClarifyingConversation].

Examples:
    >>> [rule.id for rule in SONDERBORG.rules]
    ['sonderborg.clarifying_first', 'sonderborg.parallel']
    >>> sorted(g.code for g in MAIN_GROUPS)
    ['hoejrisiko', 'mellemrisiko']
"""

from __future__ import annotations

from helhed.benefits import Benefit
from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.models.specific import clarifying_first
from helhed.organisation import Administration
from helhed.rules import Protocol, parallel
from helhed.sources import Citation, Stated

__all__ = ["MAIN_FUNDING", "MAIN_GROUPS", "RESULTS", "SONDERBORG"]

_CITE = Citation("SST2019", "8.2")

MAIN_GROUPS = frozenset({RiskGroup.MEDIUM, RiskGroup.HIGH})
"""The groups the conversation is mainly for; it is open to all three (SST2019 8.2)."""

MAIN_FUNDING = frozenset(
    {
        Benefit.SICKNESS_BENEFIT,
        Benefit.CASH_BENEFIT_JOB_READY,
        Benefit.CASH_BENEFIT_EDUCATION_READY,
        Benefit.CASH_BENEFIT_ACTIVITY_READY,
    }
)
"""The funding bases the conversation is mainly for: sickness benefit and cash benefit of
every kind. The protocol itself is for every funding basis (SST2019 8.2)."""

SONDERBORG = Protocol(
    id="sonderborg",
    name_da="Afklarende samtale, Sønderborg",
    name_en="Clarifying conversation, Sønderborg",
    model=CollaborationModel.SPECIFIC_INTERVENTIONS,
    target_groups=frozenset({RiskGroup.LOW, RiskGroup.MEDIUM, RiskGroup.HIGH}),
    rules=(
        clarifying_first(
            "sonderborg",
            _CITE,
            text=(
                "Hos en borger, der får en afklarende samtale, tilrettelægges sundhedstilbuddene "
                "i samtalen, før de går i gang.",
                "For a citizen who has a clarifying conversation, the health offers are planned "
                "in it before they start.",
            ),
        ),
        parallel(
            Administration.HEALTH,
            Administration.JOB_CENTRE,
            id="sonderborg.parallel",
            citation=_CITE,
            text_da="Den virksomhedsrettede indsats og sundhedstilbuddet kører parallelt.",
            text_en="The company-directed effort and the health offer run in parallel.",
            basis=Stated(
                "afstemmes den virksomhedsrettede indsats med sundhedstilbuddet, således at de "
                "kan iværksættes parallelt"
            ),
        ),
    ),
    citation=_CITE,
)
"""Sønderborg's clarifying conversation as a protocol (SST2019 8.2). The parallel rule is a
warning, as in Halsnæs: offers one after the other are a deviation to look at, not an error."""

RESULTS: tuple[PublishedResult, ...] = ()
"""Sønderborg's published figures: none (SST2019 8.2 publishes no figure)."""
