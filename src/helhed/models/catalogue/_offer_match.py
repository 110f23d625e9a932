"""One offer that fits a citizen, with its score and its reasons (SST2019 kap. 9).

[`OfferMatch`][helhed.models.catalogue.OfferMatch] is the value.

[`fit`][helhed.models.catalogue._offer_match.fit] is the one home of the score and of the
reasons; the index that [`match`][helhed.models.catalogue.match] reads builds every match
through it.
"""

from __future__ import annotations

import functools

import attrs

from helhed._meta import REDACT, SENSITIVE
from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.groups import RiskGroup
from helhed.health import RiskFactor
from helhed.models.catalogue._offers import KAP9, Offer
from helhed.sources import Reason

__all__ = ["OfferMatch", "fit"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class OfferMatch:
    """An offer that fits a citizen, with its rank and why.

    Attributes:
        offer: The offer.
        score: Higher fits better: 2 for each of the citizen's risk factors it addresses, 1 for
            naming the citizen's target group, 1 for naming their funding basis.
        reasons: Why it fits, each with its citation.

    The score and the reasons are worked out from the citizen's risk factors and target group,
    so ``repr`` hides them, as it hides a citizen's health.
    """

    offer: Offer
    score: int = attrs.field(repr=REDACT, metadata=SENSITIVE)
    reasons: tuple[Reason, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)


def fit(
    offer: Offer,
    group: RiskGroup | None,
    benefit: Benefit | None,
    addressed: frozenset[RiskFactor],
) -> OfferMatch:
    """The match of ``offer`` for a citizen of ``group`` on ``benefit`` it is open to.

    ``addressed`` holds the citizen's risk factors the offer addresses. The score is 2 for
    each of them, 1 if the offer names target groups and 1 if it names funding bases (it is
    open to the citizen's, or it would not fit); the reasons say whom it is open to and which
    risk factors it addresses. The match depends on nothing else, so one value may serve
    every citizen with the same group, funding basis and risk factors addressed.
    """
    names_group, names_funding = bool(offer.target_groups), bool(offer.funding)
    reasons: tuple[Reason, ...] = (_open_reason(names_group, names_funding, group, benefit),)
    if addressed:
        reasons = (*reasons, _addresses(addressed))
    score = 2 * len(addressed) + int(names_group) + int(names_funding)
    return OfferMatch(offer=offer, score=score, reasons=reasons)


# 2^7 sets of risk factors at most; a cache keyed by frozen sets of enum members.
@functools.lru_cache(maxsize=256)
def _addresses(addressed: frozenset[RiskFactor]) -> Reason:
    names = ", ".join(sorted(f.label_en.lower() for f in addressed))
    names_da = ", ".join(sorted(f.label_da.lower() for f in addressed))
    return Reason(
        "catalogue.addresses",
        f"Tilbuddet arbejder med {names_da}.",
        f"The offer addresses {names}.",
        KAP9,
    )


# 2 x 2 flags x 4 groups (None included) x the funding bases and None: under 512 keys, all
# flags and enum members.
@functools.lru_cache(maxsize=512)
def _open_reason(
    names_group: bool,  # noqa: FBT001 - positional flags of a private helper
    names_funding: bool,  # noqa: FBT001
    group: RiskGroup | None,
    benefit: Benefit | None,
) -> Reason:
    parts_da, parts_en = [], []
    if names_group and group is not None:
        parts_da.append(group.label_da.lower())
        parts_en.append(group.label_en.lower())
    if names_funding and benefit is not None:
        parts_da.append(benefit.label_da.lower())
        parts_en.append(benefit.label_en.lower())
    if not parts_en:
        return Reason(
            "catalogue.open_to_all",
            "Tilbuddet er åbent for alle målgrupper og forsørgelsesgrundlag.",
            "The offer is open to every target group and funding basis.",
            KAP9,
        )
    return Reason(
        "catalogue.open_to",
        f"Tilbuddet er åbent for {' og '.join(parts_da)}.",
        f"The offer is open to {' and '.join(parts_en)}.",
        KAP9,
    )
