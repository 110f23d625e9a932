"""An invented municipality's profile for ``helhed readiness``.

**The municipality is invented.** Eksempelkommune is no real municipality and its profile is
no survey of any job centre or health department: it has the nine general prerequisites of
SST2019 kap. 5 and, of those the models add, only model 4's catalogue of offers (SST2019
kap. 9), so that the readiness answer shows a model that is ready beside three that are not.

Examples:
    >>> from helhed.models import readiness_all
    >>> [(m.number, r.ready, len(r.missing)) for m, r in readiness_all(example_profile()).items()]
    [(1, False, 3), (2, False, 2), (3, False, 2), (4, True, 0)]
"""

from __future__ import annotations

from helhed.models.elements import GENERAL_PREREQUISITES
from helhed.models.readiness import MunicipalityProfile

__all__ = ["EXAMPLE_MUNICIPALITY", "example_profile"]

EXAMPLE_MUNICIPALITY = "Eksempelkommune (invented)"
"""The invented municipality's name; it says that it is invented."""


def example_profile() -> MunicipalityProfile:
    """The invented municipality: the general prerequisites and model 4's catalogue in place."""
    return MunicipalityProfile.of(
        EXAMPLE_MUNICIPALITY, *(p.code for p in GENERAL_PREREQUISITES), "model4.catalogue"
    )
