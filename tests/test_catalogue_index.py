"""The catalogue's index gives the answers of a scan over every offer (SST2019 kap. 9)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.errors import ValidationError
from helhed.examples import DEMO_DATE, DEMO_SEED, demo_cohort
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import HealthProfile, RiskFactor
from helhed.models.catalogue import Catalogue, Offer, OfferFormat, match
from helhed.models.catalogue import _index as index
from helhed.models.catalogue._offer_match import fit
from helhed.organisation import Administration
from helhed.target_groups import classify
from helhed.testing import strategies as hs

A = Administration
ON = dt.date(2026, 11, 2)


def scan(catalogue, citizen, *, on, **filters):
    """The reference: every offer tested in turn, then sorted by score and id."""
    group = classify(citizen, on=on).group
    benefit = citizen.benefit
    factors = citizen.health.risk_factors
    wanted = {name: value for name, value in filters.items() if value is not None}
    found = []
    for offer in catalogue.offers:
        if offer.target_groups and group not in offer.target_groups:
            continue
        if offer.funding and benefit not in offer.funding:
            continue
        if any(getattr(offer, name) != value for name, value in wanted.items()):
            continue
        addressed = offer.risk_factors & factors
        score = 2 * len(addressed) + bool(offer.target_groups) + bool(offer.funding)
        made = fit(offer, group, benefit, addressed)
        assert made.score == score
        found.append(made)
    found.sort(key=lambda m: (-m.score, m.offer.id))
    return tuple(found)


def offer(oid, **fields):
    base = {
        "id": oid,
        "name_da": oid,
        "name_en": oid,
        "administration": A.HEALTH,
        "task_type": "6",
        "format": OfferFormat.GROUP,
        "voluntary": True,
        "last_reviewed": dt.date(2026, 1, 1),
    }
    return Offer(**{**base, **fields})


def citizen(*factors, benefit=Benefit.CASH_BENEFIT_ACTIVITY_READY):
    return Citizen(
        id="c-1",
        benefit=benefit,
        health=HealthProfile(risk_factors=frozenset(factors)),
        assessed_horizon=HealthImpactHorizon.CURRENT,
    )


HIGH = frozenset({RiskGroup.HIGH})
CASH = frozenset({Benefit.CASH_BENEFIT_ACTIVITY_READY})


def test_an_offer_that_addresses_a_factor_ranks_by_id_among_equal_scores():
    catalogue = Catalogue(
        name="X",
        offers=(
            offer("d-rygning", risk_factors=frozenset({RiskFactor.SMOKING})),  # 2 x 1
            offer("a-hoej-kontant", target_groups=HIGH, funding=CASH),  # 1 + 1
            offer("c-hoej", target_groups=HIGH),  # 1
            offer("b-kost", risk_factors=frozenset({RiskFactor.DIET})),  # 0: diet not recorded
            offer("e-alle-to", target_groups=HIGH, risk_factors=frozenset(RiskFactor)),  # 2 x 2 + 1
        ),
    )

    found = match(catalogue, citizen(RiskFactor.SMOKING, RiskFactor.SLEEP), on=ON)

    assert [(m.offer.id, m.score) for m in found] == [
        ("e-alle-to", 5),
        ("a-hoej-kontant", 2),
        ("d-rygning", 2),
        ("c-hoej", 1),
        ("b-kost", 0),
    ]
    assert found[0].reasons[1].text_en == "The offer addresses sleep, smoking."
    # The same catalogue for a citizen with no risk factor: nothing is addressed.
    assert [(m.offer.id, m.score) for m in match(catalogue, citizen(), on=ON)] == [
        ("a-hoej-kontant", 2),
        ("c-hoej", 1),
        ("e-alle-to", 1),
        ("b-kost", 0),
        ("d-rygning", 0),
    ]


@given(hs.catalogues(max_offers=30), st.lists(hs.citizens(), min_size=1, max_size=5), hs.dates())
def test_the_index_answers_as_a_scan_of_every_offer(catalogue, citizens, on):
    # Several citizens of one catalogue: the second and later reuse the index and its matches.
    for one in citizens:
        assert match(catalogue, one, on=on) == scan(catalogue, one, on=on)


@given(hs.catalogues(), hs.citizens(), hs.dates(), st.data())
def test_the_filters_narrow_the_indexed_answer_as_they_narrow_a_scan(catalogue, one, on, data):
    filters = {
        "administration": data.draw(st.none() | st.sampled_from(A)),
        "task_type": data.draw(st.none() | st.sampled_from(["1", "6", "10"])),
        "format": data.draw(st.none() | st.sampled_from(OfferFormat)),
        "voluntary": data.draw(st.none() | st.booleans()),
    }

    assert match(catalogue, one, on=on, **filters) == scan(catalogue, one, on=on, **filters)


@given(hs.catalogues(), hs.citizens(), hs.dates())
def test_an_equal_catalogue_built_apart_gets_the_same_answer(catalogue, one, on):
    twin = Catalogue(name=catalogue.name, offers=catalogue.offers, taxonomy=catalogue.taxonomy)

    assert match(twin, one, on=on) == match(catalogue, one, on=on) == scan(twin, one, on=on)


def test_beyond_the_matches_kept_the_answers_are_built_each_time(monkeypatch):
    monkeypatch.setattr(index, "MOST_KEPT", 3)
    catalogue = Catalogue(
        name="Få",
        offers=tuple(
            offer(f"t-{i:02d}", risk_factors=frozenset(list(RiskFactor)[i % 7 : i % 7 + 2]))
            for i in range(20)
        ),
    )
    cohort = demo_cohort(60, seed=DEMO_SEED, on=DEMO_DATE)

    for one in cohort:
        assert match(catalogue, one, on=DEMO_DATE) == scan(catalogue, one, on=DEMO_DATE)
    assert index.index_of(catalogue)._kept() == 3


def test_the_index_cache_is_bounded():
    assert index.index_of.cache_info().maxsize == 4


def test_a_catalogue_keeps_its_hash():
    catalogue = Catalogue(name="X", offers=(offer("a"),))

    assert hash(catalogue) == hash(catalogue) == hash(Catalogue(name="X", offers=(offer("a"),)))


def test_a_bad_catalogue_is_still_refused_by_path():
    with pytest.raises(ValidationError, match="catalogue: must be a Catalogue"):
        match("not a catalogue", citizen(), on=ON)
