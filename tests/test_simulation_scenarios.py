"""The simulator with catalogues, capacity per period, durations, groups, protocols, progress."""

import datetime as dt
import io
import re
from collections import Counter, defaultdict

import attrs
import pytest

pytest.importorskip("numpy")

from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.cases.halsnaes import HALSNAES
from helhed.citizens import Citizen
from helhed.errors import ValidationError
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import HealthProfile, RiskFactor
from helhed.models.catalogue import (
    Capacity,
    CapacityPeriod,
    CapacityUnit,
    Catalogue,
    Offer,
    OfferFormat,
    capacity,
    match,
)
from helhed.organisation import Administration, Period
from helhed.pathways.compliance import check
from helhed.pathways.events import (
    ContactMade,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
    ReferralAccepted,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.simulation import (
    Parameters,
    Referrals,
    Scenario,
    compare,
    last_day,
    outcome,
    simulate,
)
from helhed.testing import strategies as hs

START = dt.date(2025, 1, 6)  # a Monday
IDS = [f"c-{i:02d}" for i in range(30)]
H = Administration.HEALTH


def offer(offer_id="walk", **changes):
    values = {
        "id": offer_id,
        "name_da": f"Tilbud {offer_id}",
        "name_en": f"Offer {offer_id}",
        "administration": H,
        "task_type": "6",
        "format": OfferFormat.GROUP,
        "voluntary": True,
        "last_reviewed": dt.date(2024, 1, 15),
    }
    return Offer(**{**values, **changes})


WALK = offer()


def sure(**changes):
    values = {"offer": WALK, "p_accept": 1.0, "p_contact": 1.0, "p_start": 1.0, "p_complete": 1.0}
    return Parameters(**{**values, **changes})


def week_of(day, start=START):
    return (day - start).days // 7


def weeks_of(pathway, start=START):
    return [week_of(e.occurred_on, start) for e in pathway.events]


def start_weeks(pathways):
    return [
        next((week_of(e.occurred_on) for e in p if isinstance(e, InterventionStarted)), None)
        for p in pathways
    ]


# --- Durations and contact delay -------------------------------------------------------


def test_min_weeks_holds_a_citizen_in_the_intervention():
    # Certain path: referred week 0, accepted 1, contacted 2, started 3; p_complete applies
    # from 3 weeks after the start, so completion in week 3 + 3 = 6.
    (pathway,) = simulate(IDS[:1], sure(min_weeks=3), start=START, weeks=10, seed=1)
    assert weeks_of(pathway) == [0, 1, 2, 3, 6]


def test_max_weeks_ends_the_intervention():
    # p_complete 0 would never complete; max_weeks 2 ends it in week 3 + 2 = 5.
    (pathway,) = simulate(IDS[:1], sure(p_complete=0.0, max_weeks=2), start=START, weeks=10, seed=1)
    assert weeks_of(pathway) == [0, 1, 2, 3, 5]
    assert isinstance(pathway.events[-1], InterventionCompleted)


def test_the_offer_s_duration_can_be_the_minimum_and_the_maximum():
    four = offer(duration_weeks=4)
    fixed = sure(offer=four, p_complete=0.0, min_weeks="offer", max_weeks="offer")
    (pathway,) = simulate(IDS[:1], fixed, start=START, weeks=10, seed=1)
    assert weeks_of(pathway) == [0, 1, 2, 3, 7]  # started week 3, four weeks long
    # An offer without a duration leaves the bound out: p_complete 1 completes a week on.
    (pathway,) = simulate(IDS[:1], sure(min_weeks="offer"), start=START, weeks=10, seed=1)
    assert weeks_of(pathway) == [0, 1, 2, 3, 4]


def test_drop_outs_may_come_before_the_minimum():
    leave = sure(p_complete=0.0, p_drop_out=1.0, min_weeks=5)
    (pathway,) = simulate(IDS[:1], leave, start=START, weeks=10, seed=1)
    assert weeks_of(pathway) == [0, 1, 2, 3, 4]
    assert isinstance(pathway.events[-1], InterventionDroppedOut)


def test_contact_weeks_makes_contact_exactly_that_late_without_p_contact():
    # Accepted in week 1; with p_contact 0 contact comes 3 weeks later, in week 4.
    (pathway,) = simulate(
        IDS[:1], sure(p_contact=0.0, contact_weeks=3), start=START, weeks=10, seed=1
    )
    assert weeks_of(pathway) == [0, 1, 4, 5, 6]
    assert isinstance(pathway.events[2], ContactMade)


parameter_sets = st.builds(
    lambda p_accept, p_contact, p_start, p_complete, drop, stagger, bounds: Parameters(
        offer=offer(duration_weeks=bounds[3]),
        p_accept=p_accept,
        p_contact=p_contact,
        p_start=p_start,
        p_complete=p_complete,
        p_drop_out=drop * (1.0 - p_complete),
        stagger_weeks=stagger,
        contact_weeks=bounds[0],
        min_weeks=bounds[1],
        max_weeks=bounds[2],
    ),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.0, 0.99),
    st.integers(0, 6),
    st.tuples(
        st.none() | st.integers(1, 4),
        st.none() | st.just("offer") | st.integers(1, 3),
        st.none() | st.integers(3, 6),
        st.none() | st.integers(1, 3),
    ),
)


@settings(max_examples=60, deadline=None)
@given(parameter_sets, st.integers(1, 20), st.integers(5, 25), st.integers(0, 2**32))
def test_durations_and_contact_delay_bound_every_log(parameters, n, weeks, seed):
    pathways = simulate(IDS[:n], parameters, start=START, weeks=weeks, seed=seed)
    minimum = parameters.min_weeks
    if minimum == "offer":
        minimum = parameters.offer.duration_weeks
    for pathway in pathways:
        day = {type(e): e.occurred_on for e in pathway.events}
        if ContactMade in day and parameters.contact_weeks is not None:
            assert week_of(day[ContactMade], day[ReferralAccepted]) <= parameters.contact_weeks
        if InterventionStarted in day and InterventionCompleted in day:
            held = week_of(day[InterventionCompleted], day[InterventionStarted])
            assert held >= (minimum or 1)
            assert parameters.max_weeks is None or held <= parameters.max_weeks
        if (
            InterventionStarted in day
            and parameters.max_weeks is not None
            and week_of(last_day(START, weeks), day[InterventionStarted]) >= parameters.max_weeks
        ):
            assert InterventionCompleted in day or InterventionDroppedOut in day


# --- Capacity per period, overrides and scale ------------------------------------------


@pytest.mark.parametrize(
    ("period", "starts"),
    [
        # 5 citizens are ready in week 3; 2 starts a week: weeks 3, 3, 4, 4, 5.
        (CapacityPeriod.WEEK, [3, 3, 4, 4, 5]),
        # Weeks fall on Mondays: week 3 is 27 January, week 4 is 3 February; 2 starts a month
        # fill January and February, and the fifth citizen waits for 3 March, week 8.
        (CapacityPeriod.MONTH, [3, 3, 4, 4, 8]),
    ],
)
def test_seats_per_period_bound_the_starts_in_each_period(period, starts):
    limited = offer(capacity=Capacity(amount=2, period=period))
    pathways = simulate(IDS[:5], sure(offer=limited), start=START, weeks=12, seed=1)
    assert start_weeks(pathways) == starts


def test_seats_per_year_count_calendar_years():
    # From Monday 1 December 2025 the citizens are ready in week 3 (22 December); one start a
    # year lets the first start then, the second on 5 January 2026 (week 5), the third never.
    start = dt.date(2025, 12, 1)
    yearly = offer(capacity=Capacity(amount=1, period=CapacityPeriod.YEAR))
    pathways = simulate(IDS[:3], sure(offer=yearly), start=start, weeks=20, seed=1)
    assert [
        next((week_of(e.occurred_on, start) for e in p if isinstance(e, InterventionStarted)), None)
        for p in pathways
    ] == [3, 5, None]


def test_capacity_in_hours_does_not_limit_the_run():
    hours = offer(capacity=Capacity(amount=1, unit=CapacityUnit.HOURS))
    pathways = simulate(IDS[:4], sure(offer=hours), start=START, weeks=8, seed=1)
    assert start_weeks(pathways) == [3, 3, 3, 3]


def test_capacity_override_per_offer():
    ten = offer(capacity=Capacity(amount=10))
    three = simulate(IDS[:4], sure(offer=ten), start=START, weeks=10, seed=1, capacity={"walk": 1})
    assert start_weeks(three) == [3, 4, 5, 6]
    weekly = {"walk": Capacity(amount=3, period=CapacityPeriod.WEEK)}
    runs = simulate(IDS[:4], sure(offer=ten), start=START, weeks=10, seed=1, capacity=weekly)
    assert start_weeks(runs) == [3, 3, 3, 4]


@pytest.mark.parametrize(
    ("amount", "scale", "seats"),
    [
        (10, 1.2, 12),
        (16, 1.2, 19),
        (14, 1.25, 18),
        (10, 0.5, 5),
        (3, 1.0, 3),
        (1, 0.2, 0),
        (100, 1.005, 101),
        (45, 0.7, 32),
        (50, 1.15, 58),
        (7, 2, 14),
    ],
)
def test_capacity_scale_rounds_to_the_nearest_seat(amount, scale, seats):
    # 16 * 1.2 = 19.2 -> 19; 14 * 1.25 = 17.5 -> 18 (halves up); 1 * 0.2 -> 0 seats.
    # 100 * 1.005 = 100.5, 45 * 0.7 = 31.5 and 50 * 1.15 = 57.5 are halves, so 101, 32 and
    # 58, although the products in binary floating point fall a hair below the half.
    limited = offer(capacity=Capacity(amount=amount, period=CapacityPeriod.MONTH))
    scenario = Scenario(parameters=sure(offer=limited), capacity_scale=scale)
    assert scenario.room(limited) == (seats, CapacityPeriod.MONTH)
    assert scenario.room(WALK) is None  # unlimited stays unlimited


def test_a_scale_down_to_no_seats_leaves_everyone_waiting():
    # One seat times 0.2 rounds to 0: nobody ever starts, and all four citizens are still
    # contacted (waiting) at the end.
    one = offer(capacity=Capacity(amount=1))
    scenario = Scenario(parameters=sure(offer=one), capacity_scale=0.2)
    pathways = simulate(IDS[:4], scenario, start=START, weeks=10, seed=1)
    assert start_weeks(pathways) == [None] * 4
    assert outcome(pathways, start=START, weeks=10).final["contacted"] == 4


def test_capacity_plus_twenty_percent_shortens_the_wait():
    # 24 citizens, all probabilities 1, a course of exactly 4 weeks with 10 seats at a time.
    # Everyone is ready in week 3 (3 weeks after the referral). With 10 seats: 10 start in
    # week 3, 10 in week 7, 4 in week 11: mean wait (10*3 + 10*7 + 4*11) / 24 = 6.0 weeks.
    # With 12 seats (+20 %): 12 in week 3 and 12 in week 7: (12*3 + 12*7) / 24 = 5.0 weeks.
    course = offer(duration_weeks=4, capacity=Capacity(amount=10))
    base = sure(offer=course, min_weeks="offer", max_weeks="offer")
    ids = [f"c-{i:02d}" for i in range(24)]
    result = compare(
        ids, base, Scenario(parameters=base, capacity_scale=1.2), start=START, weeks=14, seed=3
    )
    assert result.a.mean_weeks_to_start == 6.0
    assert result.b.mean_weeks_to_start == 5.0
    assert result.weeks_to_start_difference == -1.0
    # By week 13 the last 4 of run a (started week 11) are still in the course.
    assert result.a.final["in_intervention"] == 4
    assert result.b.final["completed"] == 24
    assert result.final_difference["completed"] == 4


# --- Several offers of a catalogue -----------------------------------------------------

SMOKING = offer(
    "rygestop",
    risk_factors=frozenset({RiskFactor.SMOKING}),
    capacity=Capacity(amount=2),
)
IPS = offer(
    "ips",
    administration=Administration.JOB_CENTRE,
    task_type="8",
    target_groups=frozenset({RiskGroup.HIGH}),
    voluntary=False,
)
SICK = offer("kursus", funding=frozenset({Benefit.SICKNESS_BENEFIT}))
CATALOGUE = Catalogue(name="Test", offers=(SMOKING, IPS, SICK))


def person(cid, benefit, horizon=None, factors=()):
    return Citizen(
        id=cid,
        benefit=benefit,
        health=HealthProfile(risk_factors=frozenset(factors)),
        assessed_horizon=horizon,
    )


def test_a_mix_refers_exact_shares_of_the_citizens():
    # 30 citizens at 0.5 / 0.3 / 0.2 are exactly 15, 9 and 6.
    mix = Referrals(catalogue=CATALOGUE, mix={"rygestop": 0.5, "ips": 0.3, "kursus": 0.2})
    pathways = simulate(IDS, sure(), start=START, weeks=2, seed=4, referrals=mix)
    referrals = [p.events[0] for p in pathways]
    assert Counter(r.offer for r in referrals) == {"rygestop": 15, "ips": 9, "kursus": 6}
    ips = next(r for r in referrals if r.offer == "ips")
    assert ips.to is Administration.JOB_CENTRE
    assert ips.voluntary is False
    again = simulate(IDS, sure(), start=START, weeks=2, seed=4, referrals=mix)
    assert again == pathways


def test_the_mix_leaves_the_weekly_draws_as_they_were():
    # Two unlimited offers with the same parameters: the mix only renames the offer, so every
    # pathway has the same kinds of event on the same days as with one offer.
    half = Parameters(
        offer=WALK, p_accept=0.6, p_decline=0.2, p_contact=0.5, p_start=0.5, p_complete=0.3
    )
    other = attrs.evolve(WALK, id="other", name_da="Andet")
    catalogue = Catalogue(name="To", offers=(WALK, other))
    mixed = simulate(
        IDS,
        half,
        start=START,
        weeks=12,
        seed=9,
        referrals=Referrals(catalogue=catalogue, mix={"walk": 0.5, "other": 0.5}),
    )
    alone = simulate(IDS, half, start=START, weeks=12, seed=9)

    def shape(pathways):
        return [[(type(e), e.occurred_on) for e in p.events] for p in pathways]

    assert shape(mixed) == shape(alone)
    assert {p.events[0].offer for p in mixed} == {"walk", "other"}


def test_matching_sends_each_citizen_to_their_best_offer():
    citizens = [
        # High risk and a smoker: the smoking course addresses a risk factor (score 2) and
        # beats IPS, which only names the group (score 1).
        person(
            "a",
            Benefit.CASH_BENEFIT_ACTIVITY_READY,
            HealthImpactHorizon.CURRENT,
            [RiskFactor.SMOKING],
        ),
        # High risk, no smoking: IPS (1) before the smoking course (0).
        person("b", Benefit.CASH_BENEFIT_ACTIVITY_READY, HealthImpactHorizon.CURRENT),
        # On sickness benefit, in no group: the course for sickness benefit names the funding.
        person("c", Benefit.SICKNESS_BENEFIT),
    ]
    pathways = simulate(
        citizens, sure(), start=START, weeks=2, seed=1, referrals=Referrals(catalogue=CATALOGUE)
    )
    assert [p.events[0].offer for p in pathways] == ["rygestop", "ips", "kursus"]
    for citizen, pathway in zip(citizens, pathways, strict=True):
        best = match(CATALOGUE, citizen, on=START)[0].offer.id
        assert pathway.events[0].offer == best
    health = Referrals(catalogue=CATALOGUE, administration=H)
    pathways = simulate(citizens, sure(), start=START, weeks=2, seed=1, referrals=health)
    assert [p.events[0].offer for p in pathways] == ["rygestop", "rygestop", "kursus"]
    # Only task type 8 (IPS, open to the high-risk group): citizen c fits no offer.
    jobs = Referrals(catalogue=CATALOGUE, task_type="8")
    pathways = simulate(citizens, sure(), start=START, weeks=2, seed=1, referrals=jobs)
    assert [len(p) for p in pathways] == [2, 2, 0]


def test_each_offer_has_its_own_waiting_list():
    # rygestop has 2 seats at a time, kursus none: the 3 kursus citizens all start in week 3,
    # the 4 rygestop citizens two at a time (a course of 1 week): weeks 3, 3, 4, 4.
    mix = Referrals(catalogue=CATALOGUE, mix={"rygestop": 4 / 7, "kursus": 3 / 7})
    pathways = simulate(IDS[:7], sure(), start=START, weeks=8, seed=2, referrals=mix)
    by_offer = {}
    for pathway, week in zip(pathways, start_weeks(pathways), strict=True):
        by_offer.setdefault(pathway.events[0].offer, []).append(week)
    assert by_offer == {"rygestop": [3, 3, 4, 4], "kursus": [3, 3, 3]}


# --- Parameters by target group --------------------------------------------------------


def test_parameters_by_target_group():
    # The high-risk citizens are contacted 3 weeks after accepting (week 4, not 2) and so
    # start in week 5 instead of 3: mean wait (2*3 + 2*5) / 4 = 4.0 weeks.
    citizens = [
        person("h-1", Benefit.CASH_BENEFIT_ACTIVITY_READY, HealthImpactHorizon.CURRENT),
        person("l-1", Benefit.INSURED_UNEMPLOYMENT_BENEFIT, HealthImpactHorizon.LONG_TERM),
        person("h-2", Benefit.RESOURCE_COURSE, HealthImpactHorizon.CURRENT),
        person("n-1", Benefit.INSURED_UNEMPLOYMENT_BENEFIT),
    ]
    later = {RiskGroup.HIGH: sure(p_contact=0.0, contact_weeks=3)}
    pathways = simulate(citizens, sure(), start=START, weeks=10, seed=1, by_group=later)
    assert start_weeks(pathways) == [5, 3, 5, 3]
    assert outcome(pathways, start=START, weeks=10).mean_weeks_to_start == 4.0
    # None is the key of citizens in no target group.
    never = {None: sure(p_accept=0.0)}
    pathways = simulate(citizens, sure(), start=START, weeks=10, seed=1, by_group=never)
    assert start_weeks(pathways) == [3, 3, 3, None]


def test_parameters_by_group_may_refer_to_another_offer():
    other = offer("other", administration=Administration.SOCIAL)
    citizens = [
        person("h-1", Benefit.CASH_BENEFIT_ACTIVITY_READY, HealthImpactHorizon.CURRENT),
        person("l-1", Benefit.INSURED_UNEMPLOYMENT_BENEFIT, HealthImpactHorizon.LONG_TERM),
    ]
    by_group = {RiskGroup.HIGH: sure(offer=other)}
    pathways = simulate(citizens, sure(), start=START, weeks=3, seed=1, by_group=by_group)
    assert [(p.events[0].offer, p.events[1].recorded_by) for p in pathways] == [
        ("other", Administration.SOCIAL),
        ("walk", H),
    ]


# --- Protocols -------------------------------------------------------------------------


def test_halsnaes_contact_within_one_week_against_two():
    # Referred week 0, accepted week 1 (13 January), contacted week 2 (20 January, 7 days:
    # within the week) or week 3 (27 January, 14 days > 7: one finding per citizen).
    one = sure(p_contact=0.0, contact_weeks=1)
    two = sure(p_contact=0.0, contact_weeks=2)
    result = compare(IDS[:4], one, two, start=START, weeks=10, seed=1, protocol=HALSNAES)
    assert dict(result.a.findings) == {
        "halsnaes.voluntary": 0,
        "halsnaes.contact_within_week": 0,
        "halsnaes.parallel": 0,
        "halsnaes.consent": 0,
    }
    assert result.b.findings["halsnaes.contact_within_week"] == 4
    assert result.findings_difference["halsnaes.contact_within_week"] == 4
    assert result.weeks_to_start_difference == 1.0
    rows = {row[0]: row[1:] for row in result.table()}
    assert rows["findings: halsnaes.contact_within_week"] == (0, 4, 4)
    assert rows["mean weeks to start"] == (3.0, 4.0, 1.0)
    assert rows["final: completed"] == (4, 4, 0)
    late = simulate(IDS[:1], two, start=START, weeks=10, seed=1)
    (finding,) = check(late, HALSNAES, on=last_day(START, 10)).findings
    assert finding.dates == (dt.date(2025, 1, 13), dt.date(2025, 1, 27))


halsnaes_runs = st.fixed_dictionaries(
    {
        "p_accept": st.floats(0.0, 1.0),
        "p_start": st.floats(0.0, 1.0),
        "stagger_weeks": st.integers(0, 8),
        "n": st.integers(1, 20),
        "weeks": st.integers(2, 16),
        "seed": st.integers(0, 2**32),
    }
)


@settings(max_examples=40, deadline=None)
@given(halsnaes_runs)
def test_two_weeks_to_contact_is_one_halsnaes_finding_per_contacted_citizen(r):
    n, weeks, seed = r.pop("n"), r.pop("weeks"), r.pop("seed")

    def run(contact_weeks):
        parameters = sure(p_contact=0.0, contact_weeks=contact_weeks, **r)
        return simulate(IDS[:n], parameters, start=START, weeks=weeks, seed=seed)

    # Contact comes 14 days after acceptance; a citizen accepted too late to be contacted
    # before the last day is still within the 7 days on it.
    late = run(2)
    contacted = sum(any(isinstance(e, ContactMade) for e in p) for p in late)
    found = outcome(late, start=START, weeks=weeks, protocol=HALSNAES).findings
    assert found["halsnaes.contact_within_week"] == contacted
    assert sum(found.values()) == contacted
    on_time = outcome(run(1), start=START, weeks=weeks, protocol=HALSNAES).findings
    assert set(on_time.values()) == {0}


def test_compare_without_a_protocol_has_no_findings():
    result = compare(IDS[:3], sure(), sure(), start=START, weeks=5, seed=1)
    assert result.a.findings is None
    assert result.findings_difference is None
    assert not any(row[0].startswith("findings") for row in result.table())


# --- Capacity is never exceeded, logs validate, same seed same logs --------------------


SCALES = [1.0, 1.0, 0.5, 1.2, 1.25]
# Seats for 1 to 4 seats times each scale, rounded half up, worked out by hand:
# 0.5: 0.5, 1.0, 1.5, 2.0 -> 1, 1, 2, 2;  1.2: 1.2, 2.4, 3.6, 4.8 -> 1, 2, 4, 5;
# 1.25: 1.25, 2.5, 3.75, 5.0 -> 1, 3, 4, 5.
SCALED = {
    1.0: {1: 1, 2: 2, 3: 3, 4: 4},
    0.5: {1: 1, 2: 1, 3: 2, 4: 2},
    1.2: {1: 1, 2: 2, 3: 4, 4: 5},
    1.25: {1: 1, 2: 3, 3: 4, 4: 5},
}


def room_of(room, scale):
    """Seats and period of a capacity (or seats at a time) at ``scale``, from the table."""
    if isinstance(room, int):
        room = Capacity(amount=room)
    if room is None or room.unit is not CapacityUnit.SEATS:
        return None
    return SCALED[scale][room.amount], room.period


def rooms_of(scenario):
    """Each offer's room in a run of ``scenario``, worked out without the scenario's code."""
    override = scenario.capacity or {}
    return {
        o.id: room_of(override.get(o.id, o.capacity), scenario.capacity_scale)
        for o in scenario.offers
    }


def as_catalogue(catalogue, rooms):
    """The catalogue with each offer's capacity set to its room in the run."""
    return attrs.evolve(
        catalogue,
        offers=tuple(
            attrs.evolve(
                o,
                capacity=None
                if rooms.get(o.id) is None
                else Capacity(amount=rooms[o.id][0], period=rooms[o.id][1]),
            )
            for o in catalogue.offers
        ),
    )


def assert_within_rooms(pathways, rooms, catalogue, start, weeks):
    """No offer ever holds more than its room, and the catalogue's report agrees."""
    for offer_id, room in rooms.items():
        if room is None:
            continue
        seats, period = room
        spans, starts = use_of(pathways, offer_id, period)
        if period is CapacityPeriod.AT_A_TIME:
            for week in range(weeks):
                day = start + dt.timedelta(weeks=week)
                assert sum(b <= day < e for b, e in spans) <= seats
        else:
            assert max(starts.values(), default=0) <= seats
    # The catalogue's own capacity report, with each offer's room as its capacity, finds no
    # offer over capacity and no start made while it was full.
    rows = capacity(
        as_catalogue(catalogue, rooms), pathways, Period(start=start, end=last_day(start, weeks))
    )
    assert not any(row.over_capacity for row in rows)
    assert not any(f.code == "catalogue.full.start" for row in rows for f in row.findings)


def period_key(period, day):
    if period is CapacityPeriod.WEEK:
        return day.isocalendar()[:2]
    if period is CapacityPeriod.MONTH:
        return (day.year, day.month)
    return (day.year,)


def use_of(pathways, offer_id, period):
    """The (start, end) of every intervention in the offer, and its starts per period."""
    spans, starts = [], Counter()
    for pathway in pathways:
        began = None
        for event in pathway.events:
            if getattr(event, "offer", None) != offer_id:
                continue
            if isinstance(event, InterventionStarted):
                began = event.occurred_on
                starts[period_key(period, began)] += 1
            elif isinstance(event, (InterventionCompleted, InterventionDroppedOut)):
                spans.append((began, event.occurred_on))
                began = None
        if began is not None:
            spans.append((began, dt.date.max))
    return spans, starts


@st.composite
def catalogue_runs(draw):
    drawn = draw(hs.catalogues(max_offers=4).filter(lambda c: c.offers))
    # Few seats, so that the offers fill up and citizens wait.
    rooms = st.none() | st.builds(
        Capacity,
        amount=st.integers(1, 4),
        unit=st.sampled_from([CapacityUnit.SEATS] * 4 + [CapacityUnit.HOURS]),
        period=st.sampled_from(CapacityPeriod),
    )
    catalogue = attrs.evolve(
        drawn, offers=tuple(attrs.evolve(o, capacity=draw(rooms)) for o in drawn.offers)
    )
    offers = [o.id for o in catalogue.offers]
    weights = [draw(st.integers(1, 5)) for _ in offers]
    mix = {o: w / sum(weights) for o, w in zip(offers, weights, strict=True)}
    p_complete = draw(st.floats(0.0, 1.0))
    parameters = Parameters(
        offer=catalogue.offers[0],
        p_accept=draw(st.floats(0.5, 1.0)),
        p_contact=draw(st.floats(0.3, 1.0)),
        p_start=draw(st.floats(0.3, 1.0)),
        p_complete=p_complete,
        p_drop_out=draw(st.floats(0.0, 0.99)) * (1.0 - p_complete),
        stagger_weeks=draw(st.integers(0, 8)),
        min_weeks=draw(st.none() | st.just("offer")),
    )
    return {
        "scenario": Scenario(
            parameters=parameters,
            referrals=Referrals(catalogue=catalogue, mix=mix),
            capacity_scale=draw(st.sampled_from(SCALES)),
        ),
        "n": draw(st.integers(1, 30)),
        "start": draw(hs.dates(max_value=dt.date(2029, 1, 1))),
        "weeks": draw(st.integers(1, 30)),
        "seed": draw(st.integers(0, 2**32)),
    }


def run_scenario(r):
    return simulate(
        IDS[: r["n"]], r["scenario"], start=r["start"], weeks=r["weeks"], seed=r["seed"]
    )


@settings(max_examples=60, deadline=None)
@given(catalogue_runs())
def test_no_offer_ever_exceeds_its_capacity(r):
    pathways = run_scenario(r)
    scenario = r["scenario"]
    for pathway in pathways:
        assert Pathway(citizen_id=pathway.citizen_id, events=pathway.events) == pathway
    rooms = rooms_of(scenario)
    assert rooms == {o.id: scenario.room(o) for o in scenario.offers}
    assert_within_rooms(pathways, rooms, scenario.referrals.catalogue, r["start"], r["weeks"])


rooms = (
    st.none()
    | st.integers(1, 4)
    | st.builds(
        Capacity,
        amount=st.integers(1, 4),
        unit=st.sampled_from([CapacityUnit.SEATS] * 4 + [CapacityUnit.HOURS]),
        period=st.sampled_from(CapacityPeriod),
    )
)


@settings(max_examples=40, deadline=None)
@given(catalogue_runs(), st.data())
def test_a_capacity_per_offer_bounds_each_offer_by_its_own_period(r, data):
    # Room per offer id - seats at a time or a Capacity per week, month or year - instead of
    # the catalogue's, some offers keeping their own.
    scenario = r["scenario"]
    override = {}
    for o in scenario.offers:
        room = data.draw(rooms)
        if room is not None:
            override[o.id] = room
    scenario = attrs.evolve(scenario, capacity=override)
    pathways = run_scenario({**r, "scenario": scenario})
    rooms_ = rooms_of(scenario)
    assert rooms_ == {o.id: scenario.room(o) for o in scenario.offers}
    assert_within_rooms(pathways, rooms_, scenario.referrals.catalogue, r["start"], r["weeks"])


OPEN = offer("aaben", capacity=Capacity(amount=2))  # open to every group and funding basis


@settings(max_examples=30, deadline=None)
@given(
    st.lists(hs.citizens(), min_size=1, max_size=20, unique_by=lambda c: c.id),
    st.lists(rooms, min_size=4, max_size=4),
    st.sampled_from(SCALES),
    st.integers(0, 2**32),
)
def test_matched_referrals_keep_within_every_offer_s_seats(citizens, drawn, scale, seed):
    catalogue = Catalogue(
        name="Matched",
        offers=tuple(
            attrs.evolve(o, capacity=Capacity(amount=room) if isinstance(room, int) else room)
            for o, room in zip((SMOKING, IPS, SICK, OPEN), drawn, strict=True)
        ),
    )
    scenario = Scenario(
        parameters=sure(p_complete=0.3, p_drop_out=0.1),
        referrals=Referrals(catalogue=catalogue),
        capacity_scale=scale,
    )
    pathways = simulate(citizens, scenario, start=START, weeks=12, seed=seed)
    # Everyone is matched to an offer (the open one fits all), all are ready in week 3.
    assert all(p.events for p in pathways)
    rooms_ = rooms_of(scenario)
    assert rooms_ == {o.id: scenario.room(o) for o in scenario.offers}
    assert_within_rooms(pathways, rooms_, catalogue, START, 12)


@settings(max_examples=40, deadline=None)
@given(catalogue_runs())
def test_the_waiting_list_is_first_come_first_served(r):
    # With p_start 1 a citizen contacted in week w is ready in week w + 1, so each offer's
    # list is in the order of (week of contact, citizen's place in the run). Those who
    # started are the first of that order, and they started in it.
    scenario = r["scenario"]
    scenario = attrs.evolve(scenario, parameters=attrs.evolve(scenario.parameters, p_start=1.0))
    pathways = run_scenario({**r, "scenario": scenario})
    lists = defaultdict(list)
    for index, pathway in enumerate(pathways):
        day = {type(e): e.occurred_on for e in pathway.events}
        if ContactMade in day:
            began = day.get(InterventionStarted)
            lists[pathway.events[0].offer].append(
                (
                    week_of(day[ContactMade], r["start"]),
                    index,
                    None if began is None else week_of(began, r["start"]),
                )
            )
    for waiting in lists.values():
        started = [s for _, _, s in sorted(waiting)]
        first = [s for s in started if s is not None]
        assert started[: len(first)] == first
        assert first == sorted(first)


@settings(max_examples=25, deadline=None)
@given(catalogue_runs())
def test_same_seed_same_logs_with_a_catalogue(r):
    assert run_scenario(r) == run_scenario(r)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(hs.citizens(), min_size=1, max_size=12, unique_by=lambda c: c.id),
    st.integers(0, 2**32),
)
def test_matched_runs_on_random_citizens_validate_and_repeat(citizens, seed):
    scenario = Scenario(
        parameters=sure(p_accept=0.7, p_contact=0.6, p_start=0.6, p_complete=0.4),
        referrals=Referrals(catalogue=CATALOGUE),
        by_group={RiskGroup.HIGH: sure(p_start=0.2)},
    )
    pathways = simulate(citizens, scenario, start=START, weeks=8, seed=seed)
    assert pathways == simulate(citizens, scenario, start=START, weeks=8, seed=seed)
    for citizen, pathway in zip(citizens, pathways, strict=True):
        fits = match(CATALOGUE, citizen, on=START)
        if pathway.events:
            assert isinstance(pathway.events[0], Referred)
            assert pathway.events[0].offer == fits[0].offer.id
        else:
            assert not fits


# --- Progress bar ----------------------------------------------------------------------


def test_progress_is_silent_when_standard_error_is_not_a_terminal(capsys):
    quiet = simulate(IDS, sure(), start=START, weeks=5, seed=1)
    assert capsys.readouterr().err == ""
    shown = simulate(IDS, sure(), start=START, weeks=5, seed=1, progress=True)
    err = capsys.readouterr().err
    assert "weeks" in err
    assert "pathways" in err
    assert shown == quiet
    assert simulate(IDS, sure(), start=START, weeks=5, seed=1, progress=False) == quiet
    assert capsys.readouterr().err == ""


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_on_a_terminal_by_default(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    simulate(IDS, sure(), start=START, weeks=5, seed=1)
    assert "30/30" in terminal.getvalue()
    quiet = Terminal()
    monkeypatch.setattr("sys.stderr", quiet)
    simulate(IDS, sure(), start=START, weeks=5, seed=1, progress=False)
    assert quiet.getvalue() == ""


# --- Validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"contact_weeks": 0}, "contact_weeks"),
        ({"min_weeks": "course"}, "min_weeks"),
        ({"min_weeks": 0}, "min_weeks"),
        ({"max_weeks": True}, "max_weeks"),
        ({"min_weeks": 4, "max_weeks": 3}, "max_weeks"),
        # "offer" is read from the offer: 6 weeks at least, 5 at most.
        ({"offer": offer(duration_weeks=6), "min_weeks": "offer", "max_weeks": 5}, "max_weeks"),
        ({"offer": offer(duration_weeks=2), "min_weeks": 3, "max_weeks": "offer"}, "max_weeks"),
    ],
)
def test_parameters_validate_the_durations(changes, path):
    with pytest.raises(ValidationError) as caught:
        sure(**changes)
    assert [p.path for p in caught.value.problems] == [path]


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"mix": {"rygestop": 0.5, "nope": 0.5}}, "mix[nope]"),
        ({"mix": {"rygestop": 0.5, "ips": 0.4}}, "mix"),
        ({"mix": {"rygestop": 1.5}}, "mix[rygestop]"),
        ({"mix": {}}, "mix"),
        ({"mix": {"rygestop": 1.0}, "administration": H}, "mix"),
        ({"task_type": " "}, "task_type"),
        ({"administration": "health"}, "administration"),
    ],
)
def test_referrals_name_what_is_wrong(kwargs, path):
    with pytest.raises(ValidationError) as caught:
        Referrals(catalogue=CATALOGUE, **kwargs)
    assert [p.path for p in caught.value.problems] == [path]


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"capacity": {"nope": 3}}, "capacity[nope]"),
        ({"capacity": {"walk": 0}}, "capacity[walk]"),
        ({"capacity": 0}, "capacity"),
        ({"capacity_scale": 0}, "capacity_scale"),
        ({"capacity_scale": float("inf")}, "capacity_scale"),
        ({"by_group": {"high": sure()}}, "by_group[?]"),
        ({"by_group": {RiskGroup.LOW: WALK}}, "by_group[lavrisiko]"),
        (
            {"by_group": {None: sure(offer=attrs.evolve(WALK, voluntary=False))}},
            "by_group[None].offer",
        ),
        ({"referrals": CATALOGUE}, "referrals"),
    ],
)
def test_scenarios_name_what_is_wrong(kwargs, path):
    with pytest.raises(ValidationError) as caught:
        Scenario(parameters=sure(), **kwargs)
    assert [p.path for p in caught.value.problems] == [path]


def test_offer_durations_are_checked_against_every_offer_of_the_referrals():
    # min_weeks "offer" with max_weeks 5 fits the 4-week walk, not the 6-week course.
    short, long_ = offer("kort", duration_weeks=4), offer("lang", duration_weeks=6)
    catalogue = Catalogue(name="Two", offers=(short, long_))
    bounded = sure(offer=short, min_weeks="offer", max_weeks=5)
    Scenario(parameters=bounded, referrals=Referrals(catalogue=catalogue, mix={"kort": 1.0}))
    both = Referrals(catalogue=catalogue, mix={"kort": 0.5, "lang": 0.5})
    with pytest.raises(ValidationError) as caught:
        Scenario(parameters=bounded, referrals=both)
    assert [p.path for p in caught.value.problems] == ["parameters.max_weeks"]
    with pytest.raises(ValidationError) as caught:
        simulate(
            IDS,
            sure(offer=short),
            start=START,
            weeks=3,
            seed=1,
            referrals=both,
            by_group={RiskGroup.LOW: bounded},
        )
    assert [p.path for p in caught.value.problems] == ["by_group[lavrisiko].max_weeks"]


def test_a_scenario_s_capacity_may_name_its_referral_offers():
    mix = Referrals(catalogue=CATALOGUE, mix={"ips": 1.0})
    scenario = Scenario(parameters=sure(), referrals=mix, capacity={"ips": 1})
    assert scenario.room(IPS) == (1, CapacityPeriod.AT_A_TIME)
    with pytest.raises(ValidationError, match=r"capacity\[walk\]"):
        Scenario(parameters=sure(), referrals=mix, capacity={"walk": 1})


def test_simulate_names_what_is_wrong():
    with pytest.raises(ValidationError, match=r"^seed: "):
        simulate(IDS, sure(), start=START, weeks=3, seed=-1)
    with pytest.raises(ValidationError, match=r"^progress: "):
        simulate(IDS, sure(), start=START, weeks=3, seed=1, progress="yes")
    with pytest.raises(ValidationError, match=r"^citizens\[0\]: must be a Citizen"):
        simulate(IDS, sure(), start=START, weeks=3, seed=1, by_group={RiskGroup.HIGH: sure()})
    with pytest.raises(ValidationError, match=r"^citizens\[0\]: must be a Citizen"):
        simulate(
            IDS, sure(), start=START, weeks=3, seed=1, referrals=Referrals(catalogue=CATALOGUE)
        )
    with pytest.raises(ValidationError, match=r"^parameters: is a Scenario"):
        simulate(IDS, Scenario(parameters=sure()), start=START, weeks=3, seed=1, capacity=2)
    with pytest.raises(ValidationError, match=r"^capacity_b: "):
        compare(
            IDS, sure(), Scenario(parameters=sure()), start=START, weeks=3, seed=1, capacity_b=2
        )


CODES = [
    *(f.code for f in RiskFactor),
    *(g.code for g in RiskGroup),
    *(b.code for b in Benefit),
    *(o.id for o in CATALOGUE.offers),
    WALK.id,
]


def spoil(citizens, how, at):
    """The citizens with one bad entry at ``at``, and the keywords of a bad run."""
    at = at % (len(citizens) + 1)
    if how == "bare id":
        return [*citizens[:at], "bare", *citizens[at:]], {}
    if how == "blank id":
        return [*citizens[:at], " ", *citizens[at:]], {}
    if how == "not a citizen":
        return [*citizens[:at], {"health": citizens[0].health}, *citizens[at:]], {}
    if how == "twice":
        return [*citizens, citizens[at % len(citizens)]], {}
    return citizens, {how: -1}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(hs.citizens(), min_size=1, max_size=8, unique_by=lambda c: c.id),
    st.sampled_from(["bare id", "blank id", "not a citizen", "twice", "weeks", "seed"]),
    st.integers(0, 8),
    st.booleans(),
)
def test_error_messages_hold_no_health_offer_or_group_codes(citizens, how, at, matched):
    # Citizens with health profiles, groups and funding, sent to offers named after risk
    # factors: whatever is wrong with the run, the message names places and rules only.
    bad, keywords = spoil(citizens, how, at)
    scenario = Scenario(
        parameters=sure(),
        by_group={g: sure(p_start=0.5) for g in RiskGroup},
        referrals=Referrals(catalogue=CATALOGUE) if matched else None,
    )
    with pytest.raises(ValidationError) as caught:
        simulate(bad, scenario, start=START, **{"weeks": 3, "seed": 1, **keywords})
    text = str(caught.value)
    assert text
    for code in CODES:
        assert not re.search(rf"\b{re.escape(code)}\b", text), code
    assert repr(citizens[0].health) not in text


def test_numpy_integers_are_seeds_too():
    np = pytest.importorskip("numpy")
    assert simulate(IDS, sure(), start=START, weeks=4, seed=np.int64(7)) == simulate(
        IDS, sure(), start=START, weeks=4, seed=7
    )


def test_a_scenario_keeps_the_mappings_it_was_built_with():
    by_group = {RiskGroup.HIGH: sure(p_start=0.0)}
    room = {"walk": 2}
    scenario = Scenario(parameters=sure(), by_group=by_group, capacity=room)
    by_group[RiskGroup.LOW] = sure()
    room["walk"] = 5
    assert list(scenario.by_group) == [RiskGroup.HIGH]
    assert scenario.room(WALK) == (2, CapacityPeriod.AT_A_TIME)
    with pytest.raises(TypeError):
        scenario.by_group[RiskGroup.LOW] = sure()


def test_scenarios_are_hashable_and_equal_when_built_alike():
    mix = Referrals(catalogue=CATALOGUE, mix={"rygestop": 0.5, "kursus": 0.5})
    one = Scenario(
        parameters=sure(), by_group={RiskGroup.HIGH: sure()}, referrals=mix, capacity={"kursus": 2}
    )
    two = Scenario(
        parameters=sure(),
        by_group={RiskGroup.HIGH: sure()},
        referrals=Referrals(catalogue=CATALOGUE, mix={"rygestop": 0.5, "kursus": 0.5}),
        capacity={"kursus": 2},
    )
    assert one == two
    assert hash(one) == hash(two)
    assert len({one, two, Scenario(parameters=sure())}) == 2
    assert one != attrs.evolve(one, capacity={"kursus": 3})


def test_simulate_takes_a_scenario_like_its_keywords():
    mix = Referrals(catalogue=CATALOGUE, mix={"rygestop": 0.5, "kursus": 0.5})
    scenario = Scenario(parameters=sure(), referrals=mix, capacity={"rygestop": 1})
    by_keywords = simulate(
        IDS[:6], sure(), start=START, weeks=8, seed=2, referrals=mix, capacity={"rygestop": 1}
    )
    assert simulate(IDS[:6], scenario, start=START, weeks=8, seed=2) == by_keywords


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32))
def test_referral_stagger_may_differ_by_group(seed):
    citizens = [
        person(f"h-{i}", Benefit.CASH_BENEFIT_ACTIVITY_READY, HealthImpactHorizon.CURRENT)
        for i in range(5)
    ] + [person(f"l-{i}", Benefit.FLEX_JOB, HealthImpactHorizon.LONG_TERM) for i in range(5)]
    spread = {RiskGroup.HIGH: sure(p_accept=0.0, stagger_weeks=6)}
    pathways = simulate(
        citizens, sure(p_accept=0.0), start=START, weeks=8, seed=seed, by_group=spread
    )
    referred = [week_of(p.events[0].occurred_on) for p in pathways]
    assert all(0 <= week <= 6 for week in referred[:5])
    assert referred[5:] == [0] * 5
