"""The collaboration models of SST2019 chapters 5-9, as rules over pathways.

* [`early_detection`][helhed.models.early_detection]: model 1, early detection and
  cross-disciplinary intervention (SST2019 kap. 6).

The models are named by [`CollaborationModel`][helhed.collaboration.CollaborationModel].
"""

from helhed.models.early_detection import EARLY_DETECTION

__all__ = ["EARLY_DETECTION"]
