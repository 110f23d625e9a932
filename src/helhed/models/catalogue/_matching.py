"""Matching a citizen to the catalogue's offers (SST2019 kap. 9).

[`match`][helhed.models.catalogue.match] reads the offers through the catalogue's index.
"""

from __future__ import annotations

import datetime as dt

from helhed.citizens import Citizen
from helhed.errors import require
from helhed.models.catalogue._index import index_of
from helhed.models.catalogue._offer_match import OfferMatch
from helhed.models.catalogue._offers import Catalogue, OfferFormat
from helhed.organisation import Administration
from helhed.target_groups import classify

__all__ = ["MATCHES_SHOWN", "MOST_MATCHES", "match"]

MATCHES_SHOWN = 5
"""How many offers a citizen is shown by ``helhed catalogue match`` and the service, unless the
caller asks for another number."""

MOST_MATCHES = 1_000
"""The most offers a caller may ask to be shown a citizen."""


def match(  # noqa: PLR0913 - the filters are keywords
    catalogue: Catalogue,
    citizen: Citizen,
    *,
    on: dt.date,
    administration: Administration | None = None,
    task_type: str | None = None,
    format: OfferFormat | None = None,  # noqa: A002 - the offer's field
    voluntary: bool | None = None,
) -> tuple[OfferMatch, ...]:
    """The offers open to ``citizen`` on ``on``, best first, each with reasons.

    An offer fits when it is open to the citizen's target group (from
    [`classify`][helhed.target_groups.classify]) and funding basis; offers that name no group
    or funding are open to all. The filters narrow the result. Ties are broken by offer id,
    so the result is the same on every call.

    The offers are found through an index of the catalogue by target group, funding basis and
    risk factor, built on the first call for a catalogue and kept for the next (the four
    catalogues used last); the answer is the one a scan of every offer would give.
    """
    require(catalogue, Catalogue, "catalogue", "must be a Catalogue")
    group = classify(citizen, on=on).group
    ranked = index_of(catalogue).ranked(group, citizen.benefit, citizen.health.risk_factors)
    if administration is None and task_type is None and format is None and voluntary is None:
        return ranked
    return tuple(
        found
        for found in ranked
        if (administration is None or found.offer.administration is administration)
        and (task_type is None or found.offer.task_type == task_type)
        and (format is None or found.offer.format is format)
        and (voluntary is None or found.offer.voluntary is voluntary)
    )
