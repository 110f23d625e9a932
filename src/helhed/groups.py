"""The three target groups of SST2019 chapter 4 and the health-impact horizon that separates them.

This module is vocabulary only; [`helhed.target_groups`][helhed.target_groups] places a
citizen in a group. The groups live on a low floor because the benefit rules also speak of
them (which groups a funding basis typically belongs to).

What separates the groups is *when* and *how much* a citizen's health is expected to affect
their ability to work (SST2019 ch. 4, figure 3):

| group | health impact on work ability | SST2019 | the source's words |
|---|---|---|---|
| high risk | a current barrier to work | 4.1 | "udgør en aktuell barrierer" (sic) |
| medium risk | a risk in the short or medium term | 4.2 | "på kort - eller mellemlang sigt" |
| low risk | a risk in the long term | 4.3 | "på lang sigt" |

The three groups, and that the horizon is what separates them, are the source's (ch. 4: "Det
der adskiller dem er, hvornår og i hvilke omfang deres sundhedstilstand forventes at påvirke
deres arbejdsevne"). The source adds that the groups cannot be drawn sharply ("der vil dog
ikke kunne foretages en helt entydig afgrænsning"); that helhed places a citizen in at most one
group (``helhed.target_groups``) is its reading, made so that a placement can be checked.
"""

from __future__ import annotations

from helhed._coded import CodedEnum

__all__ = ["HealthImpactHorizon", "RiskGroup"]


class RiskGroup(CodedEnum):
    """A target group for collaboration between job centre and health department (SST2019 ch. 4).

    ``section`` is the SST2019 section that describes the group.
    """

    HIGH = ("hoejrisiko", "Højrisikogruppen", "High-risk group")
    MEDIUM = ("mellemrisiko", "Mellemrisikogruppen", "Medium-risk group")
    LOW = ("lavrisiko", "Lavrisikogruppen", "Low-risk group")

    @property
    def section(self) -> str:
        """The SST2019 section describing this group (``4.1``, ``4.2`` or ``4.3``)."""
        return _SECTIONS[self]

    @property
    def horizon(self) -> HealthImpactHorizon:
        """The health-impact horizon that defines this group."""
        return _HORIZON_OF[self]


class HealthImpactHorizon(CodedEnum):
    """When a citizen's health is expected to affect their work ability (SST2019 ch. 4)."""

    CURRENT = ("aktuel_barriere", "Aktuel barriere", "Current barrier")
    SHORT_TO_MEDIUM_TERM = (
        "kort_mellemlang_sigt",
        "Risiko på kort eller mellemlang sigt",
        "Risk in the short or medium term",
    )
    LONG_TERM = ("lang_sigt", "Risiko på lang sigt", "Risk in the long term")

    @property
    def group(self) -> RiskGroup:
        """The target group this horizon defines."""
        return _GROUP_OF[self]


_SECTIONS = {RiskGroup.HIGH: "4.1", RiskGroup.MEDIUM: "4.2", RiskGroup.LOW: "4.3"}
_GROUP_OF = {
    HealthImpactHorizon.CURRENT: RiskGroup.HIGH,
    HealthImpactHorizon.SHORT_TO_MEDIUM_TERM: RiskGroup.MEDIUM,
    HealthImpactHorizon.LONG_TERM: RiskGroup.LOW,
}
_HORIZON_OF = {group: horizon for horizon, group in _GROUP_OF.items()}
