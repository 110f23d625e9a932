"""The four collaboration models of SST2019 chapters 5-9, as vocabulary.

This module only names the models, so that protocols and cases on lower floors can say which
model they belong to. What each model contains and requires is data in ``helhed.models``.

| model | SST2019 | in short |
|---|---|---|
| 1 | ch. 6 | early detection and cross-disciplinary intervention |
| 2 | ch. 7 | cross-disciplinary collaboration, coordination and knowledge sharing |
| 3 | ch. 8 | specific interventions for specific target groups |
| 4 | ch. 9 | a cross-disciplinary intervention catalogue |

SST2019 5 presents "fire løsningsmodeller" in this order but does not number them; the numbers
1-4 are helhed's, in the source's order. The Danish names are the list in SST2019 5, except
model 3, which the source calls "Samarbejde om specifikke indsatser overfor specifikke
målgrupper" (ch. 8: "Model for samarbejde om ..."); helhed's name leaves out "Samarbejde om".
"""

from __future__ import annotations

from helhed._coded import CodedEnum
from helhed.sources import Citation

__all__ = ["CollaborationModel"]


class CollaborationModel(CodedEnum):
    """One of the four models for collaboration between job centre and health (SST2019 ch. 5)."""

    EARLY_DETECTION = (
        "tidlig_opsporing",
        "Tidlig opsporing og tværfaglig indsats",
        "Early detection and cross-disciplinary intervention",
    )
    COORDINATION = (
        "koordination",
        "Tværfagligt samarbejde, koordination og vidensdeling",
        "Cross-disciplinary collaboration, coordination and knowledge sharing",
    )
    SPECIFIC_INTERVENTIONS = (
        "specifikke_indsatser",
        "Specifikke indsatser over for specifikke målgrupper",
        "Specific interventions for specific target groups",
    )
    CATALOGUE = (
        "indsatskatalog",
        "Tværfagligt indsatskatalog",
        "Cross-disciplinary intervention catalogue",
    )

    @property
    def number(self) -> int:
        """The model's number, 1 to 4, in the order SST2019 presents them."""
        return list(CollaborationModel).index(self) + 1

    @property
    def citation(self) -> Citation:
        """The SST2019 chapter that describes the model."""
        return Citation("SST2019", f"kap. {self.number + 5}")
