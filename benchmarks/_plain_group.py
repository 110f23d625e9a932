"""A citizen's target group from plain data, by classify's decision order (the baselines' one home).

The benchmarks time ``classify`` and ``match`` against plain-Python baselines that decide the
target group the same way without building reasons (SST2019 4.1-4.3, as
``helhed.target_groups`` ranks its findings). Each baseline is checked against the library
before it is timed, so a rule the library gains must be added here, once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import RiskFactor
from helhed.target_groups import MEDIUM_RISK_FACTORS

HIGH, MEDIUM, LOW = RiskGroup.HIGH.code, RiskGroup.MEDIUM.code, RiskGroup.LOW.code
DRUGS = RiskFactor.DRUGS.code
MEDIUM_FACTORS = frozenset(f.code for f in MEDIUM_RISK_FACTORS)
GROUP_OF_HORIZON = {h.code: h.group.code for h in HealthImpactHorizon}


def group_plain(citizen: Mapping[str, Any]) -> str | None:
    """Target-group code of a plain citizen (``assessed_horizon``, ``challenges``, ...)."""
    assessed = citizen["assessed_horizon"]
    challenges = citizen["challenges"]
    factors = citizen["risk_factors"]
    if assessed is not None:
        return GROUP_OF_HORIZON[assessed]
    if any(c["current_barrier"] for c in challenges):
        return HIGH
    if (
        any(c["progressive"] for c in challenges)
        or citizen["affects_work"]
        or DRUGS in factors
        or any(f in MEDIUM_FACTORS for f in factors)
    ):
        return MEDIUM
    if factors or challenges:
        return LOW
    return None
