"""helhed: job centre and health department collaboration as typed, dated and cited rules.

The Danish Health Authority's four models for collaboration between job centres and health
departments, with the target groups, funding bases and rights they rest on.

The names below are the stable public API. Everything is also importable from its own module
(``helhed.benefits``, ``helhed.target_groups`` ...), which is where the documentation lives.

Examples:
    >>> import datetime as dt
    >>> import helhed
    >>> citizen = helhed.Citizen(id="c-1", benefit=helhed.Benefit.RESOURCE_COURSE)
    >>> helhed.coordinating_caseworker_right(citizen, on=dt.date(2025, 1, 6)).right
    True
"""

# The version, written only here: the package metadata reads it at build time
# ([tool.setuptools.dynamic] in pyproject.toml) and `helhed --version` prints it. It comes
# first, so that it is set before any submodule is imported.
__version__ = "0.1.0.dev0"

from helhed.benefits import Benefit, BenefitRules, BenefitStatus, benefit_rules
from helhed.citizens import Citizen
from helhed.collaboration import CollaborationModel
from helhed.consent import may_disclose
from helhed.errors import (
    ConsentError,
    HelhedError,
    NoRuleError,
    Problem,
    TransitionError,
    UnknownNameError,
    ValidationError,
)
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import (
    HealthChallenge,
    HealthDomain,
    HealthProfile,
    Onset,
    ProgressiveCondition,
    RiskFactor,
)
from helhed.organisation import (
    Administration,
    CaseworkerAssignment,
    CaseworkerHistory,
    ContinuityReport,
    CoordinatingCaseworkerRight,
    Period,
    Role,
    StaffMember,
    Team,
    check_continuity,
    coordinating_caseworker_right,
)
from helhed.pathways import Finding, Pathway, Protocol, Severity
from helhed.serialization import from_dict, from_json, to_dict, to_json
from helhed.sickness import SicknessAssessment, SicknessCategory, sickness_category
from helhed.sources import Citation, Reason, Verification
from helhed.target_groups import Assessment, GroupGuidance, OfferArea, classify

__all__ = [
    "Administration",
    "Assessment",
    "Benefit",
    "BenefitRules",
    "BenefitStatus",
    "CaseworkerAssignment",
    "CaseworkerHistory",
    "Citation",
    "Citizen",
    "CollaborationModel",
    "ConsentError",
    "ContinuityReport",
    "CoordinatingCaseworkerRight",
    "Finding",
    "GroupGuidance",
    "HealthChallenge",
    "HealthDomain",
    "HealthImpactHorizon",
    "HealthProfile",
    "HelhedError",
    "NoRuleError",
    "OfferArea",
    "Onset",
    "Pathway",
    "Period",
    "Problem",
    "ProgressiveCondition",
    "Protocol",
    "Reason",
    "RiskFactor",
    "RiskGroup",
    "Role",
    "Severity",
    "SicknessAssessment",
    "SicknessCategory",
    "StaffMember",
    "Team",
    "TransitionError",
    "UnknownNameError",
    "ValidationError",
    "Verification",
    "__version__",
    "benefit_rules",
    "check_continuity",
    "classify",
    "coordinating_caseworker_right",
    "from_dict",
    "from_json",
    "may_disclose",
    "sickness_category",
    "to_dict",
    "to_json",
]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
