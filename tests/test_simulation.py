import datetime as dt
import itertools

import attrs
import pytest

pytest.importorskip("numpy")

from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.errors import ValidationError
from helhed.examples.cohort import demo_cohort
from helhed.models.catalogue import Capacity, Offer, OfferFormat
from helhed.organisation import Administration
from helhed.pathways.events import (
    ContactMade,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
    JobOrEducationStarted,
    ReferralAccepted,
    ReferralDeclined,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.simulation import (
    STATES,
    Parameters,
    compare,
    occupancy,
    outcome,
    simulate,
)
from helhed.simulation.analysis import COUNTED_STAGES

START = dt.date(2025, 1, 6)
WALK = Offer(
    id="walk",
    name_da="Gåhold",
    name_en="Walking group",
    administration=Administration.HEALTH,
    task_type="6",
    format=OfferFormat.GROUP,
    voluntary=True,
    last_reviewed=dt.date(2024, 1, 15),
)
IDS = [f"c-{i:02d}" for i in range(30)]


def sure(**changes):
    values = {"offer": WALK, "p_accept": 1.0, "p_contact": 1.0, "p_start": 1.0, "p_complete": 1.0}
    return Parameters(**{**values, **changes})


def _part(draw, room):
    """A probability that leaves a little room below ``room`` (avoids float rounding past 1)."""
    return draw(st.floats(0.0, 0.99)) * room


@st.composite
def parameters(draw):
    p_accept = draw(st.floats(0.0, 1.0))
    p_complete = draw(st.floats(0.0, 1.0))
    return Parameters(
        offer=WALK,
        p_accept=p_accept,
        p_decline=_part(draw, 1.0 - p_accept),
        p_contact=draw(st.floats(0.0, 1.0)),
        p_start=draw(st.floats(0.0, 1.0)),
        p_complete=p_complete,
        p_drop_out=_part(draw, 1.0 - p_complete),
        p_job=draw(st.floats(0.0, 1.0)),
        stagger_weeks=draw(st.integers(0, 25)),
    )


runs = st.fixed_dictionaries(
    {
        "parameters": parameters(),
        "n": st.integers(1, 30),
        "weeks": st.integers(1, 20),
        "seed": st.integers(0, 2**32),
        "capacity": st.none() | st.integers(1, 5),
    }
)


def run(r):
    return simulate(
        IDS[: r["n"]],
        r["parameters"],
        start=START,
        weeks=r["weeks"],
        seed=r["seed"],
        capacity=r["capacity"],
    )


# Where each event may lead in the model's states (see the module's table of states).
NEXT = {
    None: {Referred},
    Referred: {ReferralAccepted, ReferralDeclined},
    ReferralAccepted: {ContactMade},
    ReferralDeclined: set(),
    ContactMade: {InterventionStarted},
    InterventionStarted: {InterventionCompleted, InterventionDroppedOut},
    InterventionCompleted: {JobOrEducationStarted},
    InterventionDroppedOut: set(),
    JobOrEducationStarted: set(),
}


@settings(max_examples=60, deadline=None)
@given(runs)
def test_simulated_logs_are_valid_pathways(r):
    pathways = run(r)
    assert [p.citizen_id for p in pathways] == IDS[: r["n"]]
    last = START + dt.timedelta(weeks=r["weeks"] - 1)
    for pathway in pathways:
        assert isinstance(pathway, Pathway)
        assert Pathway(citizen_id=pathway.citizen_id, events=pathway.events) == pathway
        assert all(START <= e.occurred_on <= last for e in pathway.events)
        # The events follow the model's states, one state per event, each on a week's day
        # and at least a week after the one before (a state is left from the next week on).
        before = None
        for event in pathway.events:
            assert type(event) in NEXT[before]
            before = type(event)
        weeks = [(e.occurred_on - START).days / 7 for e in pathway.events]
        assert all(week.is_integer() for week in weeks)
        assert all(b - a >= 1 for a, b in itertools.pairwise(weeks))


@settings(max_examples=30, deadline=None)
@given(runs)
def test_same_seed_same_log(r):
    assert run(r) == run(r)


@settings(max_examples=60, deadline=None)
@given(runs.filter(lambda r: r["capacity"] is not None))
def test_capacity_is_never_exceeded(r):
    pathways = run(r)
    spans = []
    for pathway in pathways:
        began = None
        for event in pathway.events:
            if isinstance(event, InterventionStarted):
                began = event.occurred_on
            elif isinstance(event, (InterventionCompleted, InterventionDroppedOut)):
                spans.append((began, event.occurred_on))
                began = None
        if began is not None:
            spans.append((began, dt.date.max))
    for week in range(r["weeks"]):
        day = START + dt.timedelta(weeks=week)
        assert sum(b <= day < e for b, e in spans) <= r["capacity"]


@settings(max_examples=40, deadline=None)
@given(runs)
def test_occupancy_counts_every_citizen_every_week(r):
    table = occupancy(run(r), start=START, weeks=r["weeks"])
    assert list(table) == list(COUNTED_STAGES)
    assert set(STATES) <= set(COUNTED_STAGES)
    for week in range(r["weeks"]):
        assert sum(counts[week] for counts in table.values()) == r["n"]


def test_different_seeds_differ():
    half = Parameters(
        offer=WALK, p_accept=0.5, p_decline=0.2, p_contact=0.5, p_start=0.5, p_complete=0.3
    )
    one = simulate(IDS, half, start=START, weeks=12, seed=1)
    two = simulate(IDS, half, start=START, weeks=12, seed=2)
    assert one != two


def test_certain_path_completes_in_week_four_and_finds_a_job_in_week_five():
    pathways = simulate(IDS[:3], sure(p_job=1.0), start=START, weeks=10, seed=7)
    for pathway in pathways:
        labels = [e.kind.label_en for e in pathway.events]
        assert labels == [
            "Referred",
            "Referral accepted",
            "Contact made",
            "Intervention started",
            "Intervention completed",
            "Job or education started",
        ]
        weeks = [(e.occurred_on - START).days // 7 for e in pathway.events]
        assert weeks == [0, 1, 2, 3, 4, 5]
        referral = pathway.events[0]
        assert isinstance(referral, Referred)
        assert referral.recorded_by is Administration.JOB_CENTRE
        assert referral.to is Administration.HEALTH
        assert pathway.events[1].recorded_by is Administration.HEALTH


def test_one_seat_serves_a_waiting_list_first_come_first_served():
    pathways = simulate(IDS[:4], sure(), start=START, weeks=10, seed=3, capacity=1)
    starts = [
        next((e.occurred_on - START).days // 7 for e in p if isinstance(e, InterventionStarted))
        for p in pathways
    ]
    assert starts == [3, 4, 5, 6]
    table = occupancy(pathways, start=START, weeks=10)
    assert table["in_intervention"] == [0, 0, 0, 1, 1, 1, 1, 0, 0, 0]
    assert table["completed"] == [0, 0, 0, 0, 1, 2, 3, 4, 4, 4]
    assert table["contacted"] == [0, 0, 4, 3, 2, 1, 0, 0, 0, 0]


def test_offer_capacity_is_the_default():
    limited = attrs.evolve(WALK, capacity=Capacity(amount=2))
    pathways = simulate(IDS[:4], sure(offer=limited), start=START, weeks=10, seed=3)
    starts = [
        next((e.occurred_on - START).days // 7 for e in p if isinstance(e, InterventionStarted))
        for p in pathways
    ]
    assert starts == [3, 3, 4, 4]


def test_zero_probabilities_hold_citizens_in_place():
    stuck = sure(p_accept=0.0)
    table = occupancy(simulate(IDS, stuck, start=START, weeks=5, seed=1), start=START, weeks=5)
    assert table["referred"] == [30] * 5
    declined = sure(p_accept=0.0, p_decline=1.0)
    pathways = simulate(IDS, declined, start=START, weeks=5, seed=1)
    assert {len(p) for p in pathways} == {2}
    assert occupancy(pathways, start=START, weeks=5)["declined"] == [0, 30, 30, 30, 30]


def test_stagger_spreads_referrals():
    pathways = simulate(IDS, sure(p_accept=0.0, stagger_weeks=3), start=START, weeks=2, seed=5)
    weeks = {(p.events[0].occurred_on - START).days // 7 for p in pathways if p.events}
    assert weeks <= {0, 1}
    assert any(not p.events for p in pathways)


def test_citizens_may_be_given_as_citizens():
    cohort = demo_cohort(5, seed=1)
    pathways = simulate(cohort, sure(), start=START, weeks=3, seed=1)
    assert [p.citizen_id for p in pathways] == [c.id for c in cohort]


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"p_accept": 0.7, "p_decline": 0.5}, "referred"),
        ({"p_complete": 0.6, "p_drop_out": 0.6}, "in_intervention"),
        ({"p_job": 1.5}, "p_job"),
        ({"p_start": -0.1}, "p_start"),
    ],
)
def test_validation_names_the_state(changes, path):
    with pytest.raises(ValidationError) as caught:
        sure(**changes)
    assert [p.path for p in caught.value.problems] == [path]
    assert str(caught.value).startswith(f"{path}: ")


def test_simulate_rejects_bad_runs():
    with pytest.raises(ValidationError, match="capacity"):
        simulate(IDS, sure(), start=START, weeks=3, seed=1, capacity=0)
    with pytest.raises(ValidationError, match="citizens"):
        simulate(["a", "a"], sure(), start=START, weeks=3, seed=1)


def test_compare_reports_the_cost_of_a_seat_limit():
    result = compare(IDS[:4], sure(), sure(), start=START, weeks=10, seed=1, capacity_b=1)
    assert result.a.mean_weeks_to_start == 3.0
    assert result.b.mean_weeks_to_start == 4.5
    assert result.weeks_to_start_difference == 1.5
    assert result.a.final["completed"] == result.b.final["completed"] == 4
    assert sum(result.final_difference.values()) == 0
    same = compare(IDS, sure(), sure(), start=START, weeks=3, seed=1)
    assert set(same.final_difference.values()) == {0}


@pytest.mark.parametrize(
    ("citizens", "paths"),
    [
        ([1, 2], ["citizens[0]", "citizens[1]"]),
        ("abc", ["citizens"]),
        (b"abc", ["citizens"]),
        (42, ["citizens"]),
        (["c-1", " "], ["citizens[1]"]),
        (["c-1", None, ""], ["citizens[1]", "citizens[2]"]),
    ],
)
def test_simulate_names_each_bad_citizen(citizens, paths):
    with pytest.raises(ValidationError) as caught:
        simulate(citizens, sure(), start=START, weeks=3, seed=1)
    assert [p.path for p in caught.value.problems] == paths


def test_citizens_may_be_any_iterable_of_ids():
    once = simulate(IDS[:4], sure(), start=START, weeks=3, seed=1)
    assert simulate(iter(IDS[:4]), sure(), start=START, weeks=3, seed=1) == once
    assert simulate(tuple(IDS[:4]), sure(), start=START, weeks=3, seed=1) == once


@pytest.mark.parametrize(
    ("kwargs", "paths"),
    [
        ({"weeks": 0}, ["weeks"]),
        ({"weeks": -1}, ["weeks"]),
        ({"weeks": 2.5}, ["weeks"]),
        ({"start": "2025-01-06"}, ["start"]),
        ({"start": dt.datetime(2025, 1, 6)}, ["start"]),  # noqa: DTZ001 - a wrong type on purpose
        ({"weeks": 0, "start": None}, ["start", "weeks"]),
    ],
)
def test_occupancy_and_outcome_name_a_bad_run(kwargs, paths):
    pathways = simulate(IDS[:3], sure(), start=START, weeks=4, seed=1)
    arguments = {"start": START, "weeks": 4, **kwargs}
    for table in (occupancy, outcome):
        with pytest.raises(ValidationError) as caught:
            table(pathways, **arguments)
        assert [p.path for p in caught.value.problems] == paths


def test_occupancy_names_what_is_not_a_pathway():
    pathways = simulate(IDS[:2], sure(), start=START, weeks=4, seed=1)
    with pytest.raises(ValidationError) as caught:
        occupancy([pathways[0], "c-1"], start=START, weeks=4)
    assert str(caught.value) == "pathways[1]: must be a Pathway"
    with pytest.raises(ValidationError, match=r"^pathways: "):
        occupancy("c-1", start=START, weeks=4)


def test_compare_and_outcome_check_the_protocol():
    with pytest.raises(ValidationError) as caught:
        compare(IDS[:2], sure(), sure(), start=START, weeks=3, seed=1, protocol="halsnaes")
    assert str(caught.value) == "protocol: must be a Protocol or None"
    pathways = simulate(IDS[:2], sure(), start=START, weeks=3, seed=1)
    with pytest.raises(ValidationError, match=r"^protocol: "):
        outcome(pathways, start=START, weeks=3, protocol="halsnaes")


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"p_accept": True}, "p_accept"),
        ({"p_start": float("nan")}, "p_start"),
        ({"p_complete": float("inf")}, "p_complete"),
        ({"p_contact": "0.5"}, "p_contact"),
        ({"p_job": None}, "p_job"),
    ],
)
def test_probabilities_must_be_finite_numbers_not_bools(changes, path):
    with pytest.raises(ValidationError) as caught:
        sure(**changes)
    assert str(caught.value) == f"{path}: must be a number in [0, 1]"


def test_a_sum_over_one_names_the_rule_not_the_values():
    with pytest.raises(ValidationError) as caught:
        sure(p_accept=0.7, p_decline=0.45)
    assert str(caught.value) == (
        "referred: outgoing probabilities (p_accept + p_decline) must sum to at most 1"
    )
