"""Model 4: the intervention catalogue (SST2019 kap. 9)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.errors import ValidationError
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import HealthProfile, RiskFactor
from helhed.models.catalogue import (
    FAXE,
    Capacity,
    CapacityPeriod,
    Catalogue,
    Offer,
    OfferFormat,
    TaskType,
    Taxonomy,
    TaxonomyMapping,
    capacity,
    coverage,
    match,
    stale,
)
from helhed.organisation import Administration, Period
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway
from helhed.target_groups import classify
from helhed.testing import strategies as hs

A = Administration
ON = dt.date(2026, 11, 2)


def offer(oid, task="6", **fields):
    base = {
        "id": oid,
        "name_da": oid,
        "name_en": oid,
        "administration": A.HEALTH,
        "task_type": task,
        "format": OfferFormat.GROUP,
        "voluntary": True,
        "last_reviewed": dt.date(2026, 1, 1),
    }
    return Offer(**{**base, **fields})


SMOKER = Citizen(
    id="c-1",
    benefit=Benefit.CASH_BENEFIT_ACTIVITY_READY,
    health=HealthProfile(risk_factors=frozenset({RiskFactor.SMOKING, RiskFactor.DIET})),
    assessed_horizon=HealthImpactHorizon.CURRENT,
)


def test_faxe_has_ten_task_types_from_the_source():
    assert [t.code for t in FAXE.task_types] == [str(n) for n in range(1, 11)]
    assert FAXE.task_type("3").label_en == "Mentor under LAB"
    assert FAXE.task_type("2").label_da == "Voksenstøtte efter serviceloven"
    assert str(FAXE.citation) == "SST2019 kap. 9"


def test_a_catalogue_lists_every_problem():
    with pytest.raises(ValidationError) as caught:
        Catalogue(name="X", offers=(offer("a"), offer("a"), offer("b", task="11")))

    assert [str(p) for p in caught.value.problems] == [
        "offers[1].id: is a duplicate",
        "offers[1].name_da: is the name or id of another offer",
        "offers[2].task_type: is not a task type of the faxe taxonomy",
    ]


def test_an_offer_refuses_impossible_values():
    with pytest.raises(ValidationError) as caught:
        offer("a", duration_weeks=0, voluntary="yes", id=" ")
    assert [p.path for p in caught.value.problems] == ["id", "duration_weeks", "voluntary"]
    with pytest.raises(ValidationError, match="amount: must be 1 or more"):
        Capacity(amount=0)


def test_matching_ranks_by_risk_factors_and_explains():
    catalogue = Catalogue(
        name="X",
        offers=(
            offer("rygestop", risk_factors=frozenset({RiskFactor.SMOKING})),
            offer("kost-og-rygning", risk_factors=frozenset({RiskFactor.SMOKING, RiskFactor.DIET})),
            offer(
                "mentor",
                task="3",
                administration=A.JOB_CENTRE,
                funding=frozenset({Benefit.CASH_BENEFIT_ACTIVITY_READY}),
            ),
            offer("kun-lavrisiko", target_groups=frozenset({RiskGroup.LOW})),
            offer("kun-dagpenge", funding=frozenset({Benefit.INSURED_UNEMPLOYMENT_BENEFIT})),
        ),
    )
    assert classify(SMOKER, on=ON).group is RiskGroup.HIGH

    found = match(catalogue, SMOKER, on=ON)

    assert [(m.offer.id, m.score) for m in found] == [
        ("kost-og-rygning", 4),
        ("rygestop", 2),
        ("mentor", 1),
    ]
    assert [r.code for r in found[0].reasons] == ["catalogue.open_to_all", "catalogue.addresses"]
    assert found[0].reasons[1].text_en == "The offer addresses diet, smoking."
    assert found[2].reasons[0].text_en == "The offer is open to cash benefit, activity-ready."
    only_job_centre = match(catalogue, SMOKER, on=ON, administration=A.JOB_CENTRE)
    assert [m.offer.id for m in only_job_centre] == ["mentor"]
    assert [m.offer.id for m in match(catalogue, SMOKER, on=ON, task_type="3")] == ["mentor"]
    assert match(catalogue, SMOKER, on=ON, format=OfferFormat.RESIDENTIAL) == ()
    assert match(catalogue, SMOKER, on=ON, voluntary=False) == ()


def test_stale_offers_at_the_boundary():
    catalogue = Catalogue(
        name="X",
        offers=(
            offer("just-in-time", last_reviewed=ON - dt.timedelta(days=365)),
            offer("one-day-late", last_reviewed=ON - dt.timedelta(days=366)),
        ),
    )

    assert [o.id for o in stale(catalogue, on=ON, max_age=dt.timedelta(days=365))] == [
        "one-day-late"
    ]
    with pytest.raises(ValidationError, match="max_age: must be positive"):
        stale(catalogue, on=ON, max_age=dt.timedelta(0))
    with pytest.raises(ValidationError, match="max_age: must be a timedelta"):
        stale(catalogue, on=ON, max_age=365)


def test_coverage_names_what_has_no_offer():
    catalogue = Catalogue(
        name="X",
        offers=(
            offer(
                "rygestop",
                risk_factors=frozenset({RiskFactor.SMOKING}),
                target_groups=frozenset({RiskGroup.HIGH}),
            ),
            offer(
                "motion",
                task="6",
                risk_factors=frozenset({RiskFactor.PHYSICAL_ACTIVITY}),
                target_groups=frozenset({RiskGroup.HIGH, RiskGroup.MEDIUM}),
            ),
        ),
    )
    covered = coverage(catalogue)

    assert covered.missing_target_groups == (RiskGroup.LOW,)
    assert RiskFactor.ALCOHOL in covered.missing_risk_factors
    assert RiskFactor.SMOKING not in covered.missing_risk_factors
    assert covered.missing_task_types == ("1", "2", "3", "4", "5", "7", "8", "9", "10")
    assert covered.by_task_type == {"6": ("rygestop", "motion")}


def test_another_taxonomy_and_a_mapping_to_faxe():
    tracks = Taxonomy(
        name="spor", task_types=(TaskType(code="A", label_da="Spor A", label_en="Track A"),)
    )
    mapping = TaxonomyMapping(source=tracks, target=FAXE, pairs={"A": frozenset({"4", "6"})})

    assert (
        Catalogue(name="X", offers=(offer("a", task="A"),), taxonomy=tracks).offers[0].task_type
        == "A"
    )
    assert mapping.map("A") == {"4", "6"}
    assert mapping.map("B") == frozenset()
    with pytest.raises(ValidationError, match="names unknown target task types"):
        TaxonomyMapping(source=tracks, target=FAXE, pairs={"A": frozenset({"99"})})


def _log(cid, day, *, start=True, end=None, offer_name="motion"):
    first = dt.date(2026, 3, 2)
    events = [
        ev.Referred(
            citizen_id=cid,
            occurred_on=first + dt.timedelta(days=day),
            recorded_by=A.JOB_CENTRE,
            referral_id="r-1",
            offer=offer_name,
            to=A.HEALTH,
            voluntary=True,
        ),
    ]
    if start:
        events.append(
            ev.InterventionStarted(
                citizen_id=cid,
                occurred_on=first + dt.timedelta(days=day + 1),
                recorded_by=A.HEALTH,
                offer=offer_name,
            )
        )
    if end is not None:
        events.append(
            ev.InterventionCompleted(
                citizen_id=cid,
                occurred_on=first + dt.timedelta(days=end),
                recorded_by=A.HEALTH,
                offer=offer_name,
            )
        )
    return Pathway.of(events)


def test_capacity_finds_referrals_to_a_full_offer_and_the_waiting_list():
    catalogue = Catalogue(name="X", offers=(offer("motion", capacity=Capacity(amount=2)),))
    logs = [_log("a", 0, end=30), _log("b", 1, end=30), _log("c", 2, start=False), _log("d", 40)]
    period = Period(dt.date(2026, 3, 1), dt.date(2026, 6, 30))

    (row,) = capacity(catalogue, logs, period)

    assert (row.referrals, row.started, row.peak, row.over_capacity) == (4, 3, 2, False)
    assert row.waiting == ("c",)
    assert [f.code for f in row.findings] == ["catalogue.full.referral"]
    assert row.findings[0].text_en == "Referral on 2026-03-04 to motion, which was full."


def test_capacity_per_month_counts_starts_in_each_month():
    catalogue = Catalogue(
        name="X",
        offers=(offer("motion", capacity=Capacity(amount=1, period=CapacityPeriod.MONTH)),),
    )
    logs = [_log("a", 0, end=5), _log("b", 10, end=15), _log("c", 40, end=45)]

    (row,) = capacity(catalogue, logs, Period(dt.date(2026, 3, 1), dt.date(2026, 6, 30)))

    assert row.peak == 2
    assert row.over_capacity
    assert [f.code for f in row.findings] == ["catalogue.full.referral", "catalogue.full.start"]


def test_events_outside_the_period_or_of_other_offers_are_not_counted():
    catalogue = Catalogue(name="X", offers=(offer("motion", capacity=Capacity(amount=1)),))
    logs = [_log("a", 0), _log("b", 1, offer_name="rygestop")]

    (row,) = capacity(catalogue, logs, Period(dt.date(2026, 3, 2), dt.date(2026, 3, 2)))

    assert (row.referrals, row.started) == (1, 0)


# --- properties ----------------------------------------------------------------------------


@given(hs.catalogues(), hs.citizens(), hs.dates(), st.data())
def test_every_match_is_open_to_the_citizen_and_matching_is_deterministic(
    catalogue, citizen, on, data
):
    group = classify(citizen, on=on).group
    found = match(catalogue, citizen, on=on)

    for m in found:
        assert not m.offer.target_groups or group in m.offer.target_groups
        assert not m.offer.funding or citizen.benefit in m.offer.funding
    assert match(catalogue, citizen, on=on) == found
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    chosen = data.draw(st.sampled_from(list(A)))
    assert all(
        m.offer.administration is chosen
        for m in match(catalogue, citizen, on=on, administration=chosen)
    )


@given(hs.catalogues(), hs.dates(), st.integers(1, 2000))
def test_stale_and_coverage_never_raise_on_a_valid_catalogue(catalogue, on, days):
    old = stale(catalogue, on=on, max_age=dt.timedelta(days=days))
    covered = coverage(catalogue)

    assert {o.id for o in old} <= {o.id for o in catalogue.offers}
    assert all(on - o.last_reviewed > dt.timedelta(days=days) for o in old)
    for factor in RiskFactor:
        assert (factor in covered.missing_risk_factors) != (factor in covered.by_risk_factor)


def test_declined_or_not_started_referrals_leave_the_waiting_list():
    catalogue = Catalogue(name="X", offers=(offer("motion", capacity=Capacity(amount=5)),))
    first = dt.date(2026, 3, 2)
    declined = _log("a", 0, start=False).append(
        ev.ReferralDeclined(
            citizen_id="a",
            occurred_on=first + dt.timedelta(days=1),
            recorded_by=A.HEALTH,
            referral_id="r-1",
        )
    )
    settled = _log("b", 0, start=False).append(
        ev.InterventionNotStarted(
            citizen_id="b",
            occurred_on=first + dt.timedelta(days=2),
            recorded_by=A.HEALTH,
            offer="motion",
        )
    )

    (row,) = capacity(
        catalogue,
        [declined, settled, _log("c", 0, start=False)],
        Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
    )

    assert row.waiting == ("c",)
    assert row.referrals == 3


def test_interventions_running_before_the_period_take_their_seats():
    catalogue = Catalogue(name="X", offers=(offer("motion", capacity=Capacity(amount=1)),))
    logs = [_log("a", 0), _log("b", 40)]

    (row,) = capacity(catalogue, logs, Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30)))

    assert (row.referrals, row.started, row.peak, row.over_capacity) == (1, 1, 2, True)
    assert [f.code for f in row.findings] == ["catalogue.full.referral", "catalogue.full.start"]
