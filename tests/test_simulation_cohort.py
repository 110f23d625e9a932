"""Synthetic cohorts with a chosen funding mix and target-group mix."""

import datetime as dt
from collections import Counter

import pytest

pytest.importorskip("numpy")

from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.citizens import SICKNESS_BENEFITS
from helhed.errors import ValidationError
from helhed.examples.cohort import DEMO_DATE, funding_mix
from helhed.groups import RiskGroup
from helhed.sickness import SicknessCategory
from helhed.simulation import cohort
from helhed.simulation._mix import TOLERANCE, allot
from helhed.target_groups import classify

B = Benefit
ON = dt.date(2025, 6, 2)


def benefits_of(people):
    return Counter(c.benefit for c in people)


def groups_of(people, on=ON):
    return Counter(classify(c, on=on).group for c in people)


def test_shares_become_exact_counts():
    # 0.6 and 0.4 of 10 are exactly 6 and 4; 0.5 / 0.3 / 0.2 of 10 are 5, 3 and 2.
    people = cohort(
        10,
        seed=1,
        funding={B.CASH_BENEFIT_ACTIVITY_READY: 0.6, B.SICKNESS_BENEFIT: 0.4},
        groups={RiskGroup.HIGH: 0.5, RiskGroup.MEDIUM: 0.3, None: 0.2},
        on=ON,
    )
    assert [c.id for c in people] == [f"sim-{i:05d}" for i in range(10)]
    assert benefits_of(people) == {B.CASH_BENEFIT_ACTIVITY_READY: 6, B.SICKNESS_BENEFIT: 4}
    assert groups_of(people) == {RiskGroup.HIGH: 5, RiskGroup.MEDIUM: 3, None: 2}


def test_largest_remainders_settle_the_odd_citizen():
    # 7 citizens at 0.5 / 0.3 / 0.2: whole parts 3, 2, 1 and remainders 0.5, 0.1, 0.4, so
    # the seventh goes to the first share: 4, 2, 1.
    assert allot([0.5, 0.3, 0.2], 7) == [4, 2, 1]
    # Three equal thirds of 10: 3 each and the tie for the tenth goes to the first.
    assert allot([1 / 3, 1 / 3, 1 / 3], 10) == [4, 3, 3]
    assert allot([1.0], 0) == [0]


def test_the_same_seed_gives_the_same_cohort():
    mix = {B.FLEX_JOB: 0.25, B.SICKNESS_BENEFIT: 0.75}
    assert cohort(40, seed=3, funding=mix) == cohort(40, seed=3, funding=mix)
    assert cohort(40, seed=3, funding=mix) != cohort(40, seed=4, funding=mix)


def test_without_a_mix_the_cohort_follows_the_demo_funding_mix():
    people = cohort(200, seed=2)
    demo = funding_mix(DEMO_DATE)
    assert set(benefits_of(people)) <= set(demo)
    # On DEMO_DATE activity-ready cash benefit (14 %) has taken over activity-ready education
    # benefit (6 %) and half the integration benefit (5 % / 2): 22.5 % of 200 = 45 citizens.
    assert demo[B.CASH_BENEFIT_ACTIVITY_READY] == 22.5
    assert benefits_of(people)[B.CASH_BENEFIT_ACTIVITY_READY] == 45


def test_sickness_categories_go_with_sickness_benefits_only():
    people = cohort(60, seed=5, funding={B.SICKNESS_BENEFIT: 0.5, B.FLEX_JOB: 0.5})
    for citizen in people:
        if citizen.benefit not in SICKNESS_BENEFITS:
            assert citizen.sickness_category is None
    assert any(c.sickness_category is not None for c in people)


def test_the_prefix_names_the_ids():
    assert [c.id for c in cohort(2, seed=1, prefix="b")] == ["b-00000", "b-00001"]


@st.composite
def mixes(draw, keys):
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=5, unique=True))
    weights = [draw(st.integers(1, 9)) for _ in chosen]
    return {k: w / sum(weights) for k, w in zip(chosen, weights, strict=True)}


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 60),
    st.integers(0, 2**32),
    mixes(list(Benefit)),
    st.none() | mixes([*RiskGroup, None]),
)
def test_every_cohort_has_the_mix_asked_for(size, seed, funding, groups):
    people = cohort(size, seed=seed, funding=funding, groups=groups, on=ON)
    assert len(people) == size
    assert len({c.id for c in people}) == size
    counts = benefits_of(people)
    for benefit, share in funding.items():
        assert abs(counts[benefit] - share * size) < 1
    assert sum(counts.values()) == size
    if groups is not None:
        placed = groups_of(people)
        for group, share in groups.items():
            assert abs(placed[group] - share * size) < 1
        assert sum(placed.values()) == size


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=8), st.integers(0, 10_000))
def test_allot_hands_out_every_item_within_one_of_its_share(weights, n):
    total = sum(weights)
    shares = [w / total for w in weights] if total > 0 else [1.0] + [0.0] * (len(weights) - 1)
    counts = allot(shares, n)
    assert sum(counts) == n
    assert all(abs(c - s * n) < 1 + TOLERANCE * n for c, s in zip(counts, shares, strict=True))


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"funding": {B.FLEX_JOB: 0.5, B.SICKNESS_BENEFIT: 0.4}}, "funding"),
        ({"funding": {B.FLEX_JOB: 1.2, B.SICKNESS_BENEFIT: -0.2}}, "funding[fleksjob]"),
        ({"funding": {B.FLEX_JOB: 0.5, "cash": 0.5}}, "funding[?]"),
        ({"funding": {}}, "funding"),
        ({"funding": [B.FLEX_JOB]}, "funding"),
        ({"groups": {RiskGroup.HIGH: 0.5, None: 0.6}}, "groups"),
        ({"groups": {RiskGroup.LOW: True}}, "groups[lavrisiko]"),
        ({"groups": {"high": 1.0}}, "groups[?]"),
        ({"seed": -1}, "seed"),
        ({"seed": True}, "seed"),
        ({"seed": 2.0}, "seed"),
        ({"funding": {B.FLEX_JOB: float("nan"), B.EMPLOYED: 1.0}}, "funding[fleksjob]"),
        ({"prefix": " "}, "prefix"),
        ({"on": dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC)}, "on"),
    ],
)
def test_bad_mixes_name_their_key(kwargs, path):
    with pytest.raises(ValidationError) as caught:
        cohort(10, **{"seed": 1, **kwargs})
    assert path in [p.path for p in caught.value.problems]
    assert all(p.path.startswith(path.split("[")[0]) for p in caught.value.problems)


def test_shares_within_the_tolerance_of_one_are_accepted():
    funding = {B.FLEX_JOB: 0.1, B.SICKNESS_BENEFIT: 0.2, B.EMPLOYED: 0.7 + 5e-10}
    assert len(cohort(10, seed=1, funding=funding)) == 10
    with pytest.raises(ValidationError) as caught:
        cohort(10, seed=1, funding={B.FLEX_JOB: 0.5, B.EMPLOYED: 0.5 + 1e-8})
    # The rule, not the sum the shares came to.
    assert str(caught.value) == "funding: shares must sum to 1"


def test_a_negative_size_is_refused():
    with pytest.raises(ValidationError, match=r"^size: "):
        cohort(-1, seed=1)


def test_numpy_integers_are_seeds_as_in_simulate():
    np = pytest.importorskip("numpy")
    mix = {B.FLEX_JOB: 0.25, B.SICKNESS_BENEFIT: 0.75}
    assert cohort(12, seed=np.int64(3), funding=mix) == cohort(12, seed=3, funding=mix)
    assert cohort(12, seed=np.uint8(3), funding=mix) == cohort(12, seed=3, funding=mix)
    with pytest.raises(ValidationError, match=r"^seed: must be a whole number of 0 or more$"):
        cohort(12, seed=np.int64(-3))


def test_the_simulated_cohort_records_categories_by_its_own_date():
    def threes(on):
        people = cohort(2000, seed=1, on=on)
        return sum(c.sickness_category is SicknessCategory.THREE for c in people)

    assert threes(dt.date(2024, 12, 31)) > 0
    assert threes(dt.date(2025, 1, 1)) == 0
