"""A seeded synthetic cohort of citizens for the demo and for trying the library.

**The data is invented.** The funding mix and the health profiles are illustrative figures
chosen to give a plausible job-centre population; they are not statistics and no real person
is behind any record. Use the cohort to try the library, not to draw conclusions.

The same ``size``, ``seed`` and ``on`` always give the same cohort. Benefits that are
abolished on ``on`` are replaced by their successors, so the cohort is valid for its date.
The sickness categories follow the rule in force on ``on``
([`sickness_rule`][helhed.sickness.sickness_rule]): category 3 ended for visitations from
1 January 2025 (L 74 (2024/25)), so from then the cases drawn for it are category 2, which
is what the law makes of a case beyond the 8 weeks with other challenges. helhed's reading:
every category is recorded as if the case were visited on ``on``; the cohort has no
visitation dates of its own. From 1 February 2026 lov nr. 1750 af 29.12.2025 phases the
categories out in steps that were not read (see [`helhed.sickness`][helhed.sickness]); the
cohort keeps the last rule read, categories 1 and 2.

Examples:
    >>> cohort = demo_cohort(5, seed=1)
    >>> len(cohort), cohort[0].id
    (5, 'demo-00000')
    >>> demo_cohort(5, seed=1) == cohort
    True
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from types import MappingProxyType

from helhed.benefits import Benefit, BenefitStatus, benefit_rules
from helhed.citizens import SICKNESS_BENEFITS, Citizen
from helhed.errors import require
from helhed.groups import HealthImpactHorizon
from helhed.health import (
    HealthChallenge,
    HealthDomain,
    HealthProfile,
    Onset,
    ProgressiveCondition,
    RiskFactor,
)
from helhed.sickness import SicknessCategory, sickness_rule
from helhed.target_groups import derive_horizon

__all__ = [
    "DEMO_DATE",
    "DEMO_SEED",
    "DEMO_SIZE",
    "EXAMPLE_CITIZENS",
    "FUNDING_MIX",
    "demo_cohort",
    "example_citizens",
    "funding_mix",
    "synthetic_citizen",
]

DEMO_DATE = dt.date(2026, 11, 2)
"""The date the demo classifies on."""

DEMO_SEED = 2019
"""The demo's default seed."""

DEMO_SIZE = 10_000
"""The demo's default cohort size."""

EXAMPLE_CITIZENS = 20
"""How many invented citizens ``helhed example citizens`` prints."""

B = Benefit
FUNDING_MIX: Mapping[Benefit, float] = MappingProxyType(
    {
        B.INSURED_UNEMPLOYMENT_BENEFIT: 18.0,
        B.SICKNESS_BENEFIT: 16.0,
        B.FLEX_JOB: 15.0,
        B.CASH_BENEFIT_ACTIVITY_READY: 14.0,
        B.CASH_BENEFIT_JOB_READY: 6.0,
        B.EDUCATION_BENEFIT_ACTIVITY_READY: 6.0,
        B.RESOURCE_COURSE: 5.0,
        B.INTEGRATION_BENEFIT: 5.0,
        B.EDUCATION_BENEFIT_EDUCATION_READY: 4.0,
        B.JOB_CLARIFICATION_COURSE: 3.0,
        B.FLEX_JOB_UNEMPLOYMENT_BENEFIT: 3.0,
        B.EARLY_RETIREMENT_PENSION: 2.0,
        B.EMPLOYED: 2.0,
        B.JOB_TRIAL: 1.0,
    }
)
"""Illustrative shares (per cent) of the demo population by funding basis, under the benefits
of 2018-2019 (`funding_mix` moves them to the benefits of a later day). Invented for the
demo; not statistics."""

# How likely each kind of finding is, by how close the funding basis sits to the high-risk
# group. Invented for the demo.
_HIGH = frozenset(
    {
        B.CASH_BENEFIT_ACTIVITY_READY,
        B.EDUCATION_BENEFIT_ACTIVITY_READY,
        B.RESOURCE_COURSE,
        B.JOB_CLARIFICATION_COURSE,
        B.FLEX_JOB,
        B.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
        B.EARLY_RETIREMENT_PENSION,
    }
)
_P_BARRIER = {"high": 0.66, "sick": 0.45, "low": 0.04}
_P_NOTHING = {"high": 0.08, "sick": 0.0, "low": 0.45}
_P_AFFECTS_WORK = {"high": 0.6, "sick": 0.6, "low": 0.12}
_P_FACTOR = {
    RiskFactor.SMOKING: (0.32, 0.18),
    RiskFactor.ALCOHOL: (0.14, 0.08),
    RiskFactor.DRUGS: (0.08, 0.02),
    RiskFactor.DIET: (0.25, 0.15),
    RiskFactor.PHYSICAL_ACTIVITY: (0.30, 0.18),
    RiskFactor.SLEEP: (0.20, 0.10),
    RiskFactor.MENTAL_HEALTH: (0.35, 0.12),
}
_CATEGORY_WEIGHTS = {SicknessCategory.ONE: 45, SicknessCategory.TWO: 40, SicknessCategory.THREE: 15}
"""Invented weights of the follow-up categories under the rule with category 3; where it is
gone, category 3's share goes to category 2 (see ``synthetic_citizen``)."""


def funding_mix(on: dt.date) -> dict[Benefit, float]:
    """The demo funding mix for the benefits that can be held on ``on``.

    An abolished benefit's share moves to its successor. A benefit with no single successor
    splits evenly between its heirs: integration benefit between self-support and return
    benefit and transition benefit (renamed 1 January 2020), and those two between job-ready
    and activity-ready cash benefit (merged 1 July 2025).
    """
    mix: dict[Benefit, float] = {}

    def place(benefit: Benefit, share: float) -> None:
        rules = benefit_rules(benefit, on=on)
        if rules.status is not BenefitStatus.ABOLISHED:
            mix[benefit] = mix.get(benefit, 0.0) + share
        elif rules.successor is not None:
            place(rules.successor, share)
        else:
            heirs = _HEIRS[benefit]
            for heir in heirs:
                place(heir, share / len(heirs))

    for benefit, share in FUNDING_MIX.items():
        place(benefit, share)
    return mix


_CASH = (B.CASH_BENEFIT_JOB_READY, B.CASH_BENEFIT_ACTIVITY_READY)
_HEIRS: Mapping[Benefit, tuple[Benefit, ...]] = MappingProxyType(
    {
        B.INTEGRATION_BENEFIT: (B.SELF_SUPPORT_RETURN_BENEFIT, B.TRANSITION_BENEFIT),
        B.SELF_SUPPORT_RETURN_BENEFIT: _CASH,
        B.TRANSITION_BENEFIT: _CASH,
    }
)
"""Where the demo moves the share of an abolished benefit that has no single successor."""


def demo_cohort(
    size: int = DEMO_SIZE, *, seed: int = DEMO_SEED, on: dt.date = DEMO_DATE
) -> tuple[Citizen, ...]:
    """Generate ``size`` synthetic citizens valid on ``on``.

    The same arguments always give the same cohort.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not security
    mix = funding_mix(on)
    benefits = list(mix)
    weights = [mix[b] for b in benefits]
    drawn = rng.choices(benefits, weights=weights, k=size)
    return tuple(synthetic_citizen(rng, f"demo-{i:05d}", b, on=on) for i, b in enumerate(drawn))


def example_citizens() -> tuple[Citizen, ...]:
    """A small invented cohort to try ``helhed classify`` on: the demo's seed and date.

    ``demo_cohort(EXAMPLE_CITIZENS)``: invented like the demo cohort (``demo-00000``...),
    valid on ``DEMO_DATE``, 2 November 2026.

    Examples:
        >>> citizens = example_citizens()
        >>> len(citizens), citizens[0].id
        (20, 'demo-00000')
    """
    return demo_cohort(EXAMPLE_CITIZENS)


def synthetic_citizen(
    rng: random.Random, citizen_id: str, benefit: Benefit, *, on: dt.date = DEMO_DATE
) -> Citizen:
    """One synthetic citizen on ``benefit``, drawn from ``rng`` as the demo cohort draws them.

    Health profiles, sickness categories and assessed horizons follow the demo's invented
    weights for the benefit's tier; the same generator state gives the same citizen. The
    sickness category follows the rule in force on ``on``: where category 3 no longer exists
    (visitations from 1 January 2025, SDL § 12 as amended by L 74 (2024/25)), a case drawn
    for it is category 2. The draw itself is the same on every date, so two dates give the
    same citizens but for that category.

    Raises:
        NoRuleError: If ``on`` is before 19 January 2018, the first sickness rule, and the
            benefit is a sickness benefit.
    """
    require(rng, random.Random, "rng", "must be a random.Random")
    sick = benefit in SICKNESS_BENEFITS
    tier = "sick" if sick else "high" if benefit in _HIGH else "low"
    category = None
    if sick:
        category = rng.choices(list(_CATEGORY_WEIGHTS), weights=list(_CATEGORY_WEIGHTS.values()))[0]
        if category is SicknessCategory.THREE and not sickness_rule(on).category_3:
            category = SicknessCategory.TWO
    if rng.random() < _P_NOTHING[tier]:
        return Citizen(id=citizen_id, benefit=benefit, sickness_category=category)
    p_barrier = _P_BARRIER[tier]
    if category is SicknessCategory.ONE:
        p_barrier = 0.2
    challenges = []
    if rng.random() < p_barrier:
        challenges.append(_challenge(rng, current_barrier=True))
    elif rng.random() < 0.04:
        challenges.append(_progressive(rng))
    elif sick or rng.random() < 0.15:
        challenges.append(_challenge(rng, current_barrier=False))
    factors = frozenset(
        f
        for f, (p_high, p_low) in _P_FACTOR.items()
        if rng.random() < (p_low if tier == "low" else p_high)
    )
    affects_work = rng.random() < _P_AFFECTS_WORK[tier]
    sick_days = rng.randint(0, 90) if affects_work or sick else rng.randint(0, 12)
    health = HealthProfile(
        risk_factors=factors,
        challenges=tuple(challenges),
        sick_days=sick_days,
        affects_work=affects_work,
    )
    return Citizen(
        id=citizen_id,
        benefit=benefit,
        sickness_category=category,
        health=health,
        assessed_horizon=_assessment(rng, health),
    )


def _challenge(rng: random.Random, *, current_barrier: bool) -> HealthChallenge:
    return HealthChallenge(
        domain=rng.choice(list(HealthDomain)),
        onset=rng.choices([Onset.ACQUIRED, Onset.CONGENITAL, None], weights=[80, 8, 12])[0],
        current_barrier=current_barrier,
    )


def _progressive(rng: random.Random) -> HealthChallenge:
    return HealthChallenge(
        domain=HealthDomain.PHYSICAL,
        onset=Onset.ACQUIRED,
        progressive=True,
        condition=rng.choice(list(ProgressiveCondition)),
    )


def _assessment(rng: random.Random, health: HealthProfile) -> HealthImpactHorizon | None:
    """A professional's assessment for a quarter of citizens.

    One in ten of those differs from what the records alone suggest.
    """
    derived = derive_horizon(health)
    if derived is None or rng.random() >= 0.25:
        return None
    if rng.random() < 0.1:
        return rng.choice([h for h in HealthImpactHorizon if h is not derived])
    return derived
