"""Keeping a catalogue up to date and complete (SST2019 kap. 9).

[`stale`][helhed.models.catalogue.stale] lists offers not reviewed for a while, with
[`max_age`][helhed.models.catalogue.max_age] for a number of calendar months;
[`coverage`][helhed.models.catalogue.coverage] shows what no offer covers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.errors import ValidationError, require
from helhed.groups import RiskGroup
from helhed.health import RiskFactor
from helhed.models.catalogue._offers import Catalogue, Offer

__all__ = ["MOST_REVIEW_MONTHS", "REVIEW_MONTHS", "Coverage", "coverage", "max_age", "stale"]

REVIEW_MONTHS = 12
"""Calendar months since its last review after which an offer is stale, unless the caller says:
helhed's reading, once a year. SST2019 kap. 9 asks for continuous updating and sets no period."""

MOST_REVIEW_MONTHS = 1_200
"""The most calendar months a caller may give for staleness: 100 years."""


def _is_span(value: object) -> bool:
    return isinstance(value, dt.timedelta)


def stale(catalogue: Catalogue, *, on: dt.date, max_age: dt.timedelta) -> tuple[Offer, ...]:
    """The offers not reviewed within ``max_age`` before ``on``, longest unreviewed first.

    Continuous updating is decisive for a catalogue to stay relevant (SST2019 kap. 9); the
    source sets no period, so ``max_age`` is the caller's.

    Raises:
        ValidationError: If ``max_age`` is not a positive ``timedelta``.
    """
    check = Checker()
    if check.expect(_is_span(max_age), "max_age", "must be a timedelta"):
        check.expect(max_age > dt.timedelta(0), "max_age", "must be positive")
    check.done()
    old = [o for o in catalogue.offers if on - o.last_reviewed > max_age]
    return tuple(sorted(old, key=lambda o: (o.last_reviewed, o.id)))


def max_age(months: int, *, on: dt.date) -> dt.timedelta:
    """The age on ``on`` of an offer last reviewed ``months`` calendar months before it.

    The same day of the month so many months back, or that month's last day where it is
    shorter: 12 months before 29 February 2028 is 28 February 2027, 366 days.

    Examples:
        >>> max_age(12, on=dt.date(2028, 2, 29)).days
        366
        >>> max_age(1, on=dt.date(2026, 3, 31)).days
        31

    Raises:
        ValidationError: If ``months`` is not a whole number from 1 to
            [`MOST_REVIEW_MONTHS`][helhed.models.catalogue.MOST_REVIEW_MONTHS], ``on`` not a
            date, or the day so many months back would fall before 1 January of year 1.
    """
    check = Checker()
    check.whole(months, "months", minimum=1, maximum=MOST_REVIEW_MONTHS)
    check.day(on, "on")
    check.done()
    index = on.year * 12 + on.month - 1 - months
    year, month = divmod(index, 12)
    if year < 1:
        raise ValidationError.at("months", "reaches back before the first date, 0001-01-01")
    following = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return on - dt.date(year, month + 1, min(on.day, last))


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Coverage:
    """Which risk factors, target groups and task types the catalogue's offers cover.

    Attributes:
        by_risk_factor: Offer ids per risk factor addressed.
        by_target_group: Offer ids open to each target group (offers open to all count for
            every group).
        by_task_type: Offer ids per task type code.
        missing_risk_factors: Risk factors no offer addresses.
        missing_target_groups: Target groups no offer is open to.
        missing_task_types: Task types with no offer.
    """

    by_risk_factor: Mapping[RiskFactor, tuple[str, ...]]
    by_target_group: Mapping[RiskGroup, tuple[str, ...]]
    by_task_type: Mapping[str, tuple[str, ...]]
    missing_risk_factors: tuple[RiskFactor, ...]
    missing_target_groups: tuple[RiskGroup, ...]
    missing_task_types: tuple[str, ...]


def coverage(catalogue: Catalogue) -> Coverage:
    """What the catalogue covers, and which risk factors, groups and task types have no offer."""
    require(catalogue, Catalogue, "catalogue", "must be a Catalogue")
    factors: dict[RiskFactor, list[str]] = defaultdict(list)
    groups: dict[RiskGroup, list[str]] = defaultdict(list)
    types: dict[str, list[str]] = defaultdict(list)
    for offer in catalogue.offers:
        for factor in offer.risk_factors:
            factors[factor].append(offer.id)
        for group in offer.target_groups or frozenset(RiskGroup):
            groups[group].append(offer.id)
        types[offer.task_type].append(offer.id)
    return Coverage(
        by_risk_factor=MappingProxyType({f: tuple(factors[f]) for f in RiskFactor if factors[f]}),
        by_target_group=MappingProxyType({g: tuple(groups[g]) for g in RiskGroup if groups[g]}),
        by_task_type=MappingProxyType(
            {t.code: tuple(types[t.code]) for t in catalogue.taxonomy.task_types if types[t.code]}
        ),
        missing_risk_factors=tuple(f for f in RiskFactor if not factors[f]),
        missing_target_groups=tuple(g for g in RiskGroup if not groups[g]),
        missing_task_types=tuple(
            t.code for t in catalogue.taxonomy.task_types if not types[t.code]
        ),
    )
