"""Synthetic cohorts with a chosen funding mix and target-group mix.

[`cohort`][helhed.simulation.cohort.cohort] builds citizens the way
[`demo_cohort`][helhed.examples.cohort.demo_cohort] does - health profiles drawn by how close
the funding basis sits to the high-risk group - but with the funding bases, and optionally
the target groups, in the shares the caller asks for.

**The data is invented**, as in the demo cohort: use it to try scenarios, not to draw
conclusions about real citizens.

Examples:
    >>> from collections import Counter
    >>> from helhed.benefits import Benefit
    >>> from helhed.groups import RiskGroup
    >>> from helhed.target_groups import classify
    >>> people = cohort(10, seed=1, funding={Benefit.CASH_BENEFIT_ACTIVITY_READY: 0.6,
    ...     Benefit.SICKNESS_BENEFIT: 0.4}, groups={RiskGroup.HIGH: 0.5, RiskGroup.MEDIUM: 0.5})
    >>> people[0].id
    'sim-00000'
    >>> sorted(Counter(c.benefit.code for c in people).items())
    [('kontanthjaelp_aktivitetsparat', 6), ('sygedagpenge', 4)]
    >>> sorted(Counter(classify(c, on=DEMO_DATE).group.code for c in people).items())
    [('hoejrisiko', 5), ('mellemrisiko', 5)]
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from typing import TypeVar

import attrs

from helhed._validation import Checker
from helhed._values import plain
from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.examples.cohort import DEMO_DATE, funding_mix, synthetic_citizen
from helhed.groups import RiskGroup
from helhed.health import HealthProfile
from helhed.simulation._mix import allot, check_mix, group_name
from helhed.target_groups import classify

__all__ = ["cohort"]

_K = TypeVar("_K")


def cohort(  # noqa: PLR0913 - the mixes are keywords
    size: int,
    *,
    seed: int,
    funding: Mapping[Benefit, float] | None = None,
    groups: Mapping[RiskGroup | None, float] | None = None,
    on: dt.date = DEMO_DATE,
    prefix: str = "sim",
) -> tuple[Citizen, ...]:
    """Generate ``size`` synthetic citizens with the funding and target-group mix asked for.

    Each share becomes a whole number of citizens by the largest remainder method (60 % of 10
    is exactly 6), and the funding bases and the groups are shuffled independently, so the
    two mixes hold for the cohort as a whole, not within each other. A citizen's health
    profile is drawn as in the demo cohort from their funding basis. When ``groups`` is
    given and the profile does not already give the citizen's group, the group is set as a
    professional's assessment of the health-impact horizon (SST2019 kap. 4), so that
    [`classify`][helhed.target_groups.classify] places them in it; a citizen drawn for no
    group (the key ``None``) gets an empty health profile.

    Args:
        size: How many citizens; 0 or more.
        seed: Seed of the generator, a whole number of 0 or more (numpy's integers too);
            the same arguments always give the same cohort.
        funding: Share of citizens per funding basis, each in [0, 1], summing to 1; the demo
            cohort's illustrative mix on ``on`` when None.
        groups: Share of citizens per target group (``None`` for no group), each in [0, 1],
            summing to 1; when None, the group follows from the drawn health profile.
        on: The day the cohort is valid on: the default funding mix replaces abolished
            benefits by their successors, and groups are checked with ``classify`` on it.
        prefix: Citizens' ids are ``prefix-00000``, ``prefix-00001``, ...

    Returns:
        The citizens, in id order.

    Raises:
        ValidationError: If ``size``, ``seed``, ``on``, ``prefix`` or a mix is not valid; a
            share's problem names its key, e.g. ``funding[sygedagpenge]``.
    """
    size = plain(size)
    check = Checker()
    check.whole(size, "size")
    check.seed(seed, "seed")
    check.day(on, "on")
    check.text(prefix, "prefix")
    if funding is not None:
        check_mix(
            funding,
            "funding",
            check,
            key_ok=lambda key: isinstance(key, Benefit),
            key_problem="must be a Benefit",
            name=lambda key: key.code if isinstance(key, Benefit) else "?",
        )
    if groups is not None:
        check_mix(
            groups,
            "groups",
            check,
            key_ok=lambda key: key is None or isinstance(key, RiskGroup),
            key_problem="must be a RiskGroup or None",
            name=group_name,
        )
    check.done()
    rng = random.Random(int(seed))  # noqa: S311 - reproducible synthetic data, not security
    if funding is None:
        demo = funding_mix(on)
        total = sum(demo.values())
        funding = {benefit: share / total for benefit, share in demo.items()}
    benefits = _shuffled(rng, funding, size)
    wanted = _shuffled(rng, groups, size) if groups is not None else None
    people: list[Citizen] = []
    for i, benefit in enumerate(benefits):
        citizen = synthetic_citizen(rng, f"{prefix}-{i:05d}", benefit, on=on)
        if wanted is not None and classify(citizen, on=on).group is not wanted[i]:
            citizen = _placed(citizen, wanted[i])
        people.append(citizen)
    return tuple(people)


def _shuffled(rng: random.Random, mix: Mapping[_K, float], size: int) -> list[_K]:
    """``size`` keys in the proportions of ``mix``, in random order."""
    keys = list(mix)
    counts = allot([mix[key] for key in keys], size)
    drawn = [key for key, count in zip(keys, counts, strict=True) for _ in range(count)]
    rng.shuffle(drawn)
    return drawn


def _placed(citizen: Citizen, group: RiskGroup | None) -> Citizen:
    """The citizen, changed so that ``classify`` puts them in ``group``."""
    if group is None:
        return attrs.evolve(citizen, health=HealthProfile(), assessed_horizon=None)
    return attrs.evolve(citizen, assessed_horizon=group.horizon)
