"""The example catalogue of the fictional Eksempel Kommune (model 4, SST2019 kap. 9)."""

import datetime as dt
from collections import Counter

import pytest

from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.examples.catalogue import (
    EXAMPLE_MAX_AGE,
    EXAMPLE_REVIEW_DATE,
    example_catalogue,
)
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import HealthProfile, RiskFactor
from helhed.models.catalogue import (
    FAXE,
    CapacityPeriod,
    CapacityUnit,
    OfferFormat,
    capacity,
    coverage,
    match,
    stale,
)
from helhed.organisation import Administration, Period
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway
from helhed.target_groups import classify

A = Administration
ON = EXAMPLE_REVIEW_DATE
CATALOGUE = example_catalogue()


def citizen(cid, benefit, *factors, horizon=None, affects_work=False):
    return Citizen(
        id=cid,
        benefit=benefit,
        health=HealthProfile(risk_factors=frozenset(factors), affects_work=affects_work),
        assessed_horizon=horizon,
    )


def ids(matches):
    return [m.offer.id for m in matches]


# --- the catalogue itself -------------------------------------------------------------------


def test_the_example_is_the_same_object_on_every_call():
    assert example_catalogue() is CATALOGUE
    assert CATALOGUE.name == "Eksempel Kommune"
    assert CATALOGUE.taxonomy is FAXE


def test_every_faxe_task_type_has_at_least_two_offers():
    per_type = Counter(o.task_type for o in CATALOGUE.offers)

    assert set(per_type) == FAXE.codes
    assert min(per_type.values()) >= 2
    assert 30 <= len(CATALOGUE.offers) <= 40


def test_nothing_is_missing_from_coverage():
    covered = coverage(CATALOGUE)

    assert covered.missing_risk_factors == ()
    assert covered.missing_target_groups == ()
    assert covered.missing_task_types == ()
    assert set(covered.by_risk_factor) == set(RiskFactor)
    assert set(covered.by_target_group) == set(RiskGroup)


def test_every_target_group_has_an_offer_made_for_it_not_only_offers_open_to_all():
    named = {g for o in CATALOGUE.offers for g in o.target_groups}

    assert named == set(RiskGroup)


def test_ids_and_danish_names_are_unique_and_never_collide():
    # capacity() finds an offer by its id or its Danish name, so neither may be ambiguous.
    offer_ids = [o.id for o in CATALOGUE.offers]
    names = [o.name_da for o in CATALOGUE.offers]

    assert len(set(offer_ids)) == len(offer_ids)
    assert len(set(names)) == len(names)
    assert not set(offer_ids) & set(names)


@pytest.mark.parametrize(
    ("offer_id", "task_type"),
    [
        ("kram-forloeb", "6"),
        ("stresskursus", "4"),
        ("ips", "8"),
        ("aaben-og-rolig", "4"),
        ("aaben-og-rolig-flex", "4"),
        ("diabeteskursus", "7"),
        ("rygestop", "6"),
        ("laer-at-takle-kronisk", "7"),
        ("laer-at-takle-angst", "4"),
        ("bryd-vaner", "6"),
        ("mindfulness", "4"),
        ("psykoedukation", "4"),
        ("fysioterapi", "7"),
        ("kort-alkoholsamtale", "5"),
        ("mentor-lab", "3"),
        ("socialpaedagogisk-stoette", "2"),
        ("familieterapi", "10"),
    ],
)
def test_the_offers_the_sources_name_are_there_under_their_task_type(offer_id, task_type):
    assert CATALOGUE.offer(offer_id).task_type == task_type


def test_substance_abuse_treatment_comes_individual_group_and_residential():
    treatment = [o for o in CATALOGUE.offers if o.task_type == "5"]

    assert {o.format for o in treatment} == set(OfferFormat)
    residential = CATALOGUE.offer("doegnbehandling")
    assert residential.format is OfferFormat.RESIDENTIAL
    assert residential.risk_factors == {RiskFactor.ALCOHOL, RiskFactor.DRUGS}


def test_the_diabetes_course_lasts_eight_weeks_and_ips_takes_25_at_a_time():
    assert CATALOGUE.offer("diabeteskursus").duration_weeks == 8  # Tønder, SST2019 8.1
    ips = CATALOGUE.offer("ips")
    assert ips.capacity is not None
    assert (ips.capacity.amount, ips.capacity.period) == (25, CapacityPeriod.AT_A_TIME)
    assert ips.target_groups == {RiskGroup.HIGH}  # SST2019 8.3


def test_ips_is_open_to_education_benefit_as_8_3_says():
    # SST2019 8.3: "kontanthjælps- og uddannelseshjælpsmodtagere og borgere i
    # ressourceforløb" - the funding bases are the ones helhed.models.specific holds.
    funding = CATALOGUE.offer("ips").funding

    assert Benefit.EDUCATION_BENEFIT_ACTIVITY_READY in funding
    assert Benefit.EDUCATION_BENEFIT_EDUCATION_READY in funding
    assert Benefit.RESOURCE_COURSE in funding
    assert Benefit.SICKNESS_BENEFIT not in funding
    assert len(funding) == 6  # three kinds of cash benefit, two of education benefit, one course


def test_lab_offers_are_the_job_centres_and_mandatory_the_health_offers_voluntary():
    lab = [o for o in CATALOGUE.offers if o.legal_basis == "LAB"]
    health = [o for o in CATALOGUE.offers if o.administration is A.HEALTH]

    assert {o.administration for o in lab} <= {A.JOB_CENTRE, A.EDUCATION}
    assert all(o.voluntary for o in health)
    assert not CATALOGUE.offer("mentor-lab").voluntary
    assert CATALOGUE.offer("ips").voluntary


def test_the_lab_mentor_is_open_to_the_job_centres_funding_bases_only():
    mentor = CATALOGUE.offer("mentor-lab")

    assert Benefit.CASH_BENEFIT_ACTIVITY_READY in mentor.funding
    assert Benefit.SICKNESS_BENEFIT in mentor.funding
    assert Benefit.RESOURCE_COURSE in mentor.funding
    assert Benefit.EMPLOYED not in mentor.funding
    assert Benefit.EARLY_RETIREMENT_PENSION not in mentor.funding


def test_every_legal_basis_is_one_of_the_three_laws():
    laws = {o.legal_basis.split(" ")[0] for o in CATALOGUE.offers if o.legal_basis is not None}

    assert laws == {"LAB", "serviceloven", "sundhedsloven"}


def test_capacities_come_in_seats_at_a_time_per_month_and_hours_and_some_are_open():
    kinds = {(o.capacity.unit, o.capacity.period) if o.capacity else None for o in CATALOGUE.offers}

    assert kinds == {
        (CapacityUnit.SEATS, CapacityPeriod.AT_A_TIME),
        (CapacityUnit.SEATS, CapacityPeriod.MONTH),
        (CapacityUnit.HOURS, CapacityPeriod.WEEK),
        None,
    }


def test_no_review_lies_after_the_review_date():
    assert max(o.last_reviewed for o in CATALOGUE.offers) <= ON


# --- staleness --------------------------------------------------------------------------------


def test_four_entries_are_stale_on_the_review_date_oldest_first():
    old = stale(CATALOGUE, on=ON, max_age=EXAMPLE_MAX_AGE)

    assert [o.id for o in old] == [
        "bryd-vaner",
        "aaben-og-rolig-flex",
        "adhd-autisme-stoette",
        "stofbehandling-ambulant",
    ]


def test_an_entry_reviewed_exactly_twelve_months_before_is_not_stale_yet():
    boundary = CATALOGUE.offer("aktivitets-og-samvaerstilbud")

    assert ON - boundary.last_reviewed == EXAMPLE_MAX_AGE
    assert boundary not in stale(CATALOGUE, on=ON, max_age=EXAMPLE_MAX_AGE)
    assert boundary in stale(CATALOGUE, on=ON + dt.timedelta(days=1), max_age=EXAMPLE_MAX_AGE)


# --- matching worked examples -----------------------------------------------------------------


def test_an_activity_ready_smoker_gets_the_free_nicotine_offer_first_among_smoking_offers():
    # Smoking alone places the citizen in the low-risk group (SST2019 4.3). Three open offers
    # address smoking: each scores 2 for it, and the nicotine offer 1 more for naming the
    # citizen's funding basis; the other two tie and go by id.
    smoker = citizen("c-1", Benefit.CASH_BENEFIT_ACTIVITY_READY, RiskFactor.SMOKING)
    found = match(CATALOGUE, smoker, on=ON)
    smoking = [m for m in found if RiskFactor.SMOKING in m.offer.risk_factors]

    assert classify(smoker, on=ON).group is RiskGroup.LOW
    assert [(m.offer.id, m.score) for m in smoking] == [
        ("rygestop-nikotin", 3),
        ("kram-forloeb", 2),
        ("rygestop", 2),
    ]
    assert found[0].offer.id == "rygestop-nikotin"
    assert [r.code for r in found[0].reasons] == ["catalogue.open_to", "catalogue.addresses"]
    assert found[0].reasons[0].text_en == "The offer is open to cash benefit, activity-ready."


def test_the_group_comes_from_the_citizen_not_from_the_funding_basis():
    # The same smoker on the same benefit: IPS (high-risk group only) opens once a
    # professional assesses a current barrier to work.
    low = citizen("c-1", Benefit.CASH_BENEFIT_ACTIVITY_READY, RiskFactor.SMOKING)
    high = citizen(
        "c-1",
        Benefit.CASH_BENEFIT_ACTIVITY_READY,
        RiskFactor.SMOKING,
        horizon=HealthImpactHorizon.CURRENT,
    )

    assert "ips" not in ids(match(CATALOGUE, low, on=ON))
    (ips,) = (m for m in match(CATALOGUE, high, on=ON) if m.offer.id == "ips")
    assert ips.score == 2  # names the group (1) and the funding basis (1), no risk factor
    assert ips.reasons[0].text_en == (
        "The offer is open to high-risk group and cash benefit, activity-ready."
    )


def test_a_sick_listed_citizen_is_steered_to_early_intervention():
    # Sickness benefit, physical activity and mental health, health shows in work life:
    # medium-risk group (SST2019 4.2). Early intervention addresses both factors (4) and
    # names the group (1) and sickness benefit (1).
    sick = citizen(
        "c-3",
        Benefit.SICKNESS_BENEFIT,
        RiskFactor.PHYSICAL_ACTIVITY,
        RiskFactor.MENTAL_HEALTH,
        affects_work=True,
    )
    found = match(CATALOGUE, sick, on=ON, administration=A.JOB_CENTRE)

    assert classify(sick, on=ON).group is RiskGroup.MEDIUM
    assert [(m.offer.id, m.score) for m in found] == [
        ("tidlig-indsats", 6),
        ("fastholdelsesmentor", 4),
        ("mentor-lab", 3),
        ("netvaerksgruppe", 2),
        ("virksomhedspraktik", 1),
    ]
    voluntary = match(CATALOGUE, sick, on=ON, administration=A.JOB_CENTRE, voluntary=True)
    assert ids(voluntary) == ["netvaerksgruppe"]


def test_an_employee_at_risk_gets_the_workplace_offer_first():
    employee = citizen("c-4", Benefit.EMPLOYED, RiskFactor.PHYSICAL_ACTIVITY, RiskFactor.DIET)
    found = match(CATALOGUE, employee, on=ON)

    assert [(m.offer.id, m.score) for m in found[:4]] == [
        ("sund-paa-jobbet", 6),
        ("bryd-vaner", 4),
        ("diabeteskursus", 4),
        ("kram-forloeb", 4),
    ]
    assert "mentor-lab" not in ids(found)  # LAB offers are not open to the employed


def test_residential_treatment_needs_the_high_risk_group():
    # Drug use alone is a medium-risk sign (SST2019 4.2); residential treatment is for the
    # high-risk group, so only the assessed citizen sees it.
    medium = citizen("c-5", Benefit.RESOURCE_COURSE, RiskFactor.DRUGS)
    high = citizen(
        "c-5", Benefit.RESOURCE_COURSE, RiskFactor.DRUGS, horizon=HealthImpactHorizon.CURRENT
    )

    assert match(CATALOGUE, medium, on=ON, format=OfferFormat.RESIDENTIAL) == ()
    (residential,) = match(CATALOGUE, high, on=ON, format=OfferFormat.RESIDENTIAL)
    assert (residential.offer.id, residential.score) == ("doegnbehandling", 3)
    assert ids(match(CATALOGUE, medium, on=ON, task_type="5"))[0] == "stofbehandling-ambulant"


def test_a_citizen_with_no_health_information_sees_only_offers_open_to_every_group():
    # No health information: no target group, so offers that name groups are closed.
    unknown = Citizen(id="c-6", benefit=Benefit.CASH_BENEFIT_JOB_READY)
    found = match(CATALOGUE, unknown, on=ON)

    assert classify(unknown, on=ON).group is None
    assert all(not m.offer.target_groups for m in found)
    assert {m.score for m in found} <= {0, 1}


# --- capacity ---------------------------------------------------------------------------------


def _pathway(cid, offer, referred, started=None, ended=None):
    events = [
        ev.Referred(
            citizen_id=cid,
            occurred_on=referred,
            recorded_by=A.JOB_CENTRE,
            referral_id="r-1",
            offer=offer,
            to=A.HEALTH,
            voluntary=True,
        )
    ]
    if started is not None:
        events.append(
            ev.InterventionStarted(
                citizen_id=cid, occurred_on=started, recorded_by=A.HEALTH, offer=offer
            )
        )
    if ended is not None:
        events.append(
            ev.InterventionCompleted(
                citizen_id=cid, occurred_on=ended, recorded_by=A.HEALTH, offer=offer
            )
        )
    return Pathway.of(events)


def test_a_referral_to_the_full_residential_offer_is_a_finding_and_waits():
    day = dt.date(2026, 3, 2)
    week = dt.timedelta(days=7)
    logs = [
        _pathway(f"c-{n}", "doegnbehandling", day, day + week, day + 12 * week) for n in range(4)
    ]
    logs.append(_pathway("c-4", "Døgnbehandling for rusmidler", day + week))  # by Danish name

    rows = {r.offer_id: r for r in capacity(CATALOGUE, logs, Period(day, day + 20 * week))}
    row = rows["doegnbehandling"]

    assert (row.referrals, row.started, row.peak, row.over_capacity) == (5, 4, 4, False)
    assert row.waiting == ("c-4",)
    assert [f.text_en for f in row.findings] == [
        "Referral on 2026-03-09 to doegnbehandling, which was full."
    ]
    assert rows["kram-forloeb"].referrals == 0
