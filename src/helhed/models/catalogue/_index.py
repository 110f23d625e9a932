"""The catalogue's index: its offers by target group, funding basis and risk factor.

[`match`][helhed.models.catalogue.match] reads it; it is built once per catalogue.

Which offers fit a citizen depends on three things only: the target group, the funding basis
and the risk factors (SST2019 kap. 9, as [`fit`][helhed.models.catalogue._offer_match.fit]
scores them). So the index keeps, for each target group and funding basis met so far, a
bucket of the offers open to it:

* each open offer's match when it addresses none of the citizen's risk factors, in the order
  of the answer (best score first, then offer id), with a sort key saying that order;
* for each risk factor, the open offers that address it.

A citizen's answer is then the bucket's matches, less the offers that address one of their
risk factors, plus those offers' matches for what they address, sorted by key. Only the
offers that address a risk factor of the citizen are looked at one by one, never the whole
catalogue. A match depends only on the offer, the bucket and the risk factors addressed, so
each is built once and kept for every citizen it fits (up to
[`MOST_KEPT`][helhed.models.catalogue._index.MOST_KEPT] an index; beyond that they are built
for each call).

The answer is the same as scanning every offer with
[`Offer.open_to`][helhed.models.catalogue.Offer.open_to] and ranking by score and id; a
property test checks it against such a scan.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Mapping

from helhed.benefits import Benefit
from helhed.groups import RiskGroup
from helhed.health import RiskFactor
from helhed.models.catalogue._offer_match import OfferMatch, fit
from helhed.models.catalogue._offers import Catalogue, Offer

__all__ = ["MOST_KEPT", "CatalogueIndex", "index_of"]

MOST_KEPT = 20_000
"""The most matches one index keeps for reuse: a bound on its memory, about 10 MB (some 500
bytes a match kept, its bucket included, measured on a 500-offer catalogue)."""

_BIT: Mapping[RiskFactor, int] = {f: 1 << i for i, f in enumerate(RiskFactor)}
_WIDTH = len(_BIT)  # bits of a set of risk factors
_TOP = 2 * len(_BIT) + 2  # the highest score an offer can have
_second = operator.itemgetter(1)

Entry = tuple[int, OfferMatch]
"""A match with its sort key: ``(_TOP - score) * offers + rank of the offer's id``."""


@functools.lru_cache(maxsize=128)  # one key per set of risk factors: 2^7
def _mask(factors: frozenset[RiskFactor]) -> int:
    """The risk factors as bits."""
    return sum(_BIT[f] for f in factors)


class _Bucket:
    """The offers open to one target group and funding basis (see the module notes)."""

    __slots__ = ("alone", "benefit", "by_factor", "group", "kept", "plain")

    def __init__(
        self,
        group: RiskGroup | None,
        benefit: Benefit | None,
        plain: list[tuple[int, Entry]],
        by_factor: Mapping[RiskFactor, tuple[int, ...]],
    ) -> None:
        self.group = group
        self.benefit = benefit
        self.plain = plain  # (offer number, entry addressing nothing), in the answer's order
        self.alone = tuple(m for _, (_, m) in plain)  # the answer to a citizen nothing addresses
        self.by_factor = by_factor  # open offer numbers per risk factor they address
        self.kept: dict[int, Entry] = {}  # by offer number << _WIDTH | risk factors addressed


class CatalogueIndex:
    """A catalogue's offers by target group, funding basis and risk factor.

    Buckets are made the first time a target group and funding basis is asked for, and
    matches the first time they are needed (see the module notes). Two threads asking at once
    may both build the same bucket or match; they build equal values, and one of them is
    kept.
    """

    __slots__ = ("_buckets", "_masks", "_offers", "_ranks")

    def __init__(self, catalogue: Catalogue) -> None:
        """Number the offers, and rank them by id for the tie-break."""
        offers = catalogue.offers
        self._offers: tuple[Offer, ...] = offers
        ranks = [0] * len(offers)
        for rank, number in enumerate(sorted(range(len(offers)), key=lambda i: offers[i].id)):
            ranks[number] = rank
        self._ranks: tuple[int, ...] = tuple(ranks)
        self._masks: tuple[int, ...] = tuple(_mask(o.risk_factors) for o in offers)
        self._buckets: dict[tuple[RiskGroup | None, Benefit | None], _Bucket] = {}

    def ranked(
        self,
        group: RiskGroup | None,
        benefit: Benefit | None,
        factors: frozenset[RiskFactor],
    ) -> tuple[OfferMatch, ...]:
        """The matches of the offers open to ``group`` and ``benefit``, best first.

        ``factors`` are the citizen's risk factors. Ties are broken by offer id.
        """
        bucket = self._buckets.get((group, benefit)) or self._bucket(group, benefit)
        if not factors:
            return bucket.alone
        by_factor = bucket.by_factor
        hits: set[int] = set().union(*[by_factor[f] for f in factors])
        if not hits:
            return bucket.alone
        entries = [entry for number, entry in bucket.plain if number not in hits]
        mask = _mask(factors)
        masks, kept = self._masks, bucket.kept
        for number in hits:
            addressed = masks[number] & mask
            code = number << _WIDTH | addressed
            entry = kept.get(code)
            if entry is None:
                entry = self._entry(bucket, number, addressed, code)
            entries.append(entry)
        entries.sort()  # the keys differ, so no two matches are compared
        return tuple(map(_second, entries))

    def _key(self, number: int, score: int) -> int:
        return (_TOP - score) * len(self._offers) + self._ranks[number]

    def _bucket(self, group: RiskGroup | None, benefit: Benefit | None) -> _Bucket:
        plain: list[tuple[int, Entry]] = []
        by_factor: dict[RiskFactor, list[int]] = {f: [] for f in RiskFactor}
        for number, offer in enumerate(self._offers):
            if not offer.open_to(group, benefit):
                continue
            found = fit(offer, group, benefit, frozenset())
            plain.append((number, (self._key(number, found.score), found)))
            for factor in offer.risk_factors:
                by_factor[factor].append(number)
        plain.sort(key=lambda item: item[1][0])
        bucket = _Bucket(group, benefit, plain, {f: tuple(n) for f, n in by_factor.items()})
        self._buckets[group, benefit] = bucket
        return bucket

    def _entry(self, bucket: _Bucket, number: int, addressed: int, code: int) -> Entry:
        offer = self._offers[number]
        factors = frozenset(f for f in offer.risk_factors if _BIT[f] & addressed)
        found = fit(offer, bucket.group, bucket.benefit, factors)
        entry = (self._key(number, found.score), found)
        if self._kept() < MOST_KEPT:
            bucket.kept[code] = entry
        return entry

    def _kept(self) -> int:
        return sum(len(b.kept) for b in self._buckets.values())


@functools.lru_cache(maxsize=4)
def index_of(catalogue: Catalogue) -> CatalogueIndex:
    """The index of ``catalogue``, built on the first call and kept for the next.

    Safe to keep: a catalogue is a frozen value whose offers are frozen values, so an index
    built from it stays true; it is found by the catalogue's value (its hash is kept on the
    catalogue), and an equal catalogue has equal offers, so the answers are equal. The cache
    holds the 4 catalogues used last.
    """
    return CatalogueIndex(catalogue)
