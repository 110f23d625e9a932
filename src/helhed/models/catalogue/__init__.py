"""Model 4: the cross-disciplinary intervention catalogue (SST2019 kap. 9).

A catalogue lists the offers across employment, social and health services so that a
caseworker can start the right one from the citizen's needs. Faxe's catalogue is split into
10 task types (opgavetyper, SST2019 kap. 9) - the default
[`FAXE`][helhed.models.catalogue.FAXE] taxonomy - and a catalogue can carry another taxonomy
(Hjørring's tracks, a municipality's own) with a mapping between them.

* [`Catalogue`][helhed.models.catalogue.Catalogue] refuses duplicate ids, unknown task types
  and impossible values, listing every problem.
* [`match`][helhed.models.catalogue.match] finds the offers open to a citizen's target group
  and funding basis, ranked by the risk factors they address, each with reasons.
* [`stale`][helhed.models.catalogue.stale] lists offers not reviewed for a while: keeping the
  catalogue up to date is decisive (SST2019 kap. 9); [`coverage`][helhed.models.catalogue.coverage]
  shows risk factors, target groups and task types with no offer at all.
* [`capacity`][helhed.models.catalogue.capacity] sets referrals from pathways against each
  offer's capacity: a referral to a full offer is a finding, not a silent drop. helhed's
  reading: kap. 9 names "Tilstrækkelig kapacitet på tilbuddene" as a prerequisite of the
  model and says nothing of single referrals; helhed reports each referral or start that
  meets a full offer, so that a missing prerequisite shows in the pathways it affects.

The package keeps one job to a module, all imported from here: the values (offers, task
types, the catalogue), one offer's match and its reasons, the index matching reads, matching
itself, staleness and coverage, and capacity.

Examples:
    >>> import datetime as dt
    >>> from helhed.health import RiskFactor
    >>> from helhed.organisation import Administration
    >>> walk = Offer(id="walk", name_da="Gåhold", name_en="Walking group",
    ...     administration=Administration.HEALTH, task_type="6",
    ...     risk_factors=frozenset({RiskFactor.PHYSICAL_ACTIVITY}), format=OfferFormat.GROUP,
    ...     voluntary=True, last_reviewed=dt.date(2024, 1, 15))
    >>> catalogue = Catalogue(name="Eksempel", offers=(walk,))
    >>> [o.id for o in stale(catalogue, on=dt.date(2025, 6, 1), max_age=dt.timedelta(days=365))]
    ['walk']
"""

from helhed.models.catalogue._capacity import CapacityRow, capacity, period_key
from helhed.models.catalogue._matching import MATCHES_SHOWN, MOST_MATCHES, match
from helhed.models.catalogue._offer_match import OfferMatch
from helhed.models.catalogue._offers import (
    FAXE,
    Capacity,
    CapacityPeriod,
    CapacityUnit,
    Catalogue,
    Offer,
    OfferFormat,
    TaskType,
    Taxonomy,
    TaxonomyMapping,
)
from helhed.models.catalogue._upkeep import (
    MOST_REVIEW_MONTHS,
    REVIEW_MONTHS,
    Coverage,
    coverage,
    max_age,
    stale,
)

__all__ = [
    "FAXE",
    "MATCHES_SHOWN",
    "MOST_MATCHES",
    "MOST_REVIEW_MONTHS",
    "REVIEW_MONTHS",
    "Capacity",
    "CapacityPeriod",
    "CapacityRow",
    "CapacityUnit",
    "Catalogue",
    "Coverage",
    "Offer",
    "OfferFormat",
    "OfferMatch",
    "TaskType",
    "Taxonomy",
    "TaxonomyMapping",
    "capacity",
    "coverage",
    "match",
    "max_age",
    "period_key",
    "stale",
]
