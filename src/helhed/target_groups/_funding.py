"""Whether a funding basis is typical of a target group on a date, and why (SST2019 ch. 4).

Read from the dated benefit rules; [`classify`][helhed.target_groups.classify] gives the answer
with its assessment.
"""

from __future__ import annotations

import datetime as dt
import functools

from helhed.benefits import Benefit, BenefitStatus, benefit_rules
from helhed.dated import BEYOND_KNOWN_LAW
from helhed.errors import NoRuleError
from helhed.groups import RiskGroup
from helhed.sources import Reason
from helhed.target_groups._reasons import (
    NO_FUNDING,
    TYPICAL_GROUPS,
    no_rule_reason,
    typical_reason,
)


@functools.lru_cache(maxsize=4096)
def funding(
    benefit: Benefit | None, group: RiskGroup | None, on: dt.date
) -> tuple[bool | None, bool, tuple[Reason, ...]]:
    """Whether ``benefit`` is typical of ``group`` on ``on``, beyond known law, and why.

    Cached: a cohort classified on one date needs one answer per benefit and group.
    """
    if benefit is None:
        return None, False, (NO_FUNDING,)
    try:
        rules = benefit_rules(benefit, on=on)
    except NoRuleError:
        return None, False, (no_rule_reason(benefit),)
    reasons = [
        r
        for r in rules.reasons
        if r.code.startswith(TYPICAL_GROUPS)
        or r.code == BEYOND_KNOWN_LAW
        or (r.code.startswith("benefit.status.") and rules.status is not BenefitStatus.OPEN)
    ]
    if group is None or not rules.typical_groups:
        return None, rules.beyond_known_law, tuple(reasons)
    typical = group in rules.typical_groups
    reasons.append(typical_reason(benefit, group, is_typical=typical))
    return typical, rules.beyond_known_law, tuple(reasons)
