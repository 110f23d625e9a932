"""The collaboration models of SST2019 chapters 5-9, as data and as rules over pathways.

* [`elements`][helhed.models.elements]: each model's content elements and prerequisites,
  with the general prerequisites of kap. 5;
* [`readiness`][helhed.models.readiness]: which prerequisites a municipality has in place,
  and what it lacks for each model;
* [`early_detection`][helhed.models.early_detection]: model 1 (kap. 6) as a protocol;
* [`coordination`][helhed.models.coordination]: model 2 (kap. 7): joint visitation, meeting
  series;
* [`specific`][helhed.models.specific]: model 3 (kap. 8): the clarifying conversation,
  outposted staff, IPS.

* [`catalogue`][helhed.models.catalogue]: model 4 (kap. 9): the intervention catalogue,
  matching, staleness, coverage and capacity; [`catalogue_csv`][helhed.models.catalogue_csv]
  reads and writes it as CSV.

The models are named by [`CollaborationModel`][helhed.collaboration.CollaborationModel].
"""

from helhed.collaboration import CollaborationModel
from helhed.models.catalogue import FAXE, Catalogue, Offer, capacity, coverage, match, stale
from helhed.models.coordination import COORDINATION, JointVisitation, MeetingSeries
from helhed.models.early_detection import EARLY_DETECTION
from helhed.models.elements import (
    CONTENT_ELEMENTS,
    GENERAL_PREREQUISITES,
    MODELS,
    PREREQUISITES,
    ContentElement,
    ModelDescription,
    Prerequisite,
    content_elements,
    prerequisites,
)
from helhed.models.readiness import MunicipalityProfile, Readiness, readiness, readiness_all
from helhed.models.specific import SPECIFIC, Caseload, CaseloadFullError, ClarifyingConversation

__all__ = [
    "CONTENT_ELEMENTS",
    "COORDINATION",
    "EARLY_DETECTION",
    "FAXE",
    "GENERAL_PREREQUISITES",
    "MODELS",
    "PREREQUISITES",
    "SPECIFIC",
    "Caseload",
    "CaseloadFullError",
    "Catalogue",
    "ClarifyingConversation",
    "CollaborationModel",
    "ContentElement",
    "JointVisitation",
    "MeetingSeries",
    "ModelDescription",
    "MunicipalityProfile",
    "Offer",
    "Prerequisite",
    "Readiness",
    "capacity",
    "content_elements",
    "coverage",
    "match",
    "prerequisites",
    "readiness",
    "readiness_all",
    "stale",
]
