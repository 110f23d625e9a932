"""Costs carried through a simulated comparison: priced by hand, and equal to pricing the runs."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from helhed.benefits import Benefit
from helhed.costs import Cost, CostKind, CostTable, business_case, spending
from helhed.errors import NoRuleError, ValidationError
from helhed.examples import example_catalogue
from helhed.simulation import Parameters, Scenario, cohort, compare, simulate

START = dt.date(2026, 3, 2)
CASH = Benefit.CASH_BENEFIT_ACTIVITY_READY
KRAM = example_catalogue().offer("kram-forloeb")  # 16 seats at a time
PEOPLE = cohort(3, seed=4, on=START, funding={CASH: 1.0})
TABLE = CostTable(
    costs=(
        Cost(kind=CostKind.INTERVENTION_WEEK, item=KRAM.id, dkk=800, valid_from=START),
        Cost(kind=CostKind.SEAT_WEEK, item=KRAM.id, dkk=100, valid_from=START),
        Cost(kind=CostKind.BENEFIT_WEEK, item=CASH.code, dkk=3000, valid_from=START),
    )
)
NOBODY_ANSWERS = Parameters(offer=KRAM, p_accept=0.0, p_contact=0.0, p_start=0.0, p_complete=0.0)


def test_citizens_who_never_move_cost_their_benefit_every_week_and_the_seats_every_week():
    # Referred in week 0 and never answering: 3 citizens x 4 weeks x 3,000 on cash benefit;
    # 16 seats x 4 weeks x 100; no week in the course.
    result = compare(
        PEOPLE, NOBODY_ANSWERS, NOBODY_ANSWERS, start=START, weeks=4, seed=1, costs=TABLE
    )

    priced = result.a.spending
    assert priced.benefits == (Decimal(9000),) * 4
    assert priced.seats == (Decimal(1600),) * 4
    assert priced.payments == 36000
    assert priced.effort == 6400
    case = result.business_case
    assert (case.extra_cost, case.avoided, case.break_even_week) == (0, 0, 0)
    rows = {name: (a, b, d) for name, a, b, d in result.table()}
    assert rows["cost: benefit payments"] == (36000.0, 36000.0, 0.0)
    assert rows["cost: interventions and seats"] == (6400.0, 6400.0, 0.0)


def test_fewer_seats_cost_less_and_the_business_case_says_so():
    # The same runs with 8 seats in b: 8 x 4 x 100 = 3,200 less, nothing else changes.
    fewer = Scenario(parameters=NOBODY_ANSWERS, capacity={KRAM.id: 8})
    result = compare(PEOPLE, NOBODY_ANSWERS, fewer, start=START, weeks=4, seed=1, costs=TABLE)

    assert result.business_case.extra_cost == -3200
    assert result.business_case.returned is None  # no extra cost to return


def test_the_comparison_prices_its_runs_as_spending_would():
    moving = attrs.evolve(
        NOBODY_ANSWERS, p_accept=0.7, p_contact=0.8, p_start=0.6, p_complete=0.3, p_job=0.1
    )
    people = cohort(40, seed=2, on=START, funding={CASH: 1.0})
    more = Scenario(parameters=moving, capacity_scale=1.5)
    result = compare(people, moving, more, start=START, weeks=20, seed=3, costs=TABLE)

    bases = {c.id: c.benefit for c in people}
    a = spending(
        simulate(people, moving, start=START, weeks=20, seed=3),
        TABLE,
        start=START,
        weeks=20,
        seats={KRAM.id: 16},
        benefits=bases,
    )
    b = spending(
        simulate(people, more, start=START, weeks=20, seed=3),
        TABLE,
        start=START,
        weeks=20,
        seats={KRAM.id: 24},
        benefits=bases,
    )
    assert (result.a.spending, result.b.spending) == (a, b)
    assert result.business_case == business_case(a, b)
    assert sum(a.interventions) > 0  # the runs did put citizens in the course


def test_without_a_table_there_is_no_business_case_and_a_bad_one_is_named():
    plain = compare(PEOPLE, NOBODY_ANSWERS, NOBODY_ANSWERS, start=START, weeks=2, seed=1)
    assert plain.business_case is None
    assert not any(name.startswith("cost:") for name, *_ in plain.table())
    with pytest.raises(ValidationError, match="costs: must be a CostTable"):
        compare(PEOPLE, NOBODY_ANSWERS, NOBODY_ANSWERS, start=START, weeks=2, seed=1, costs={})
    with pytest.raises(NoRuleError, match="no seat week cost of 'kram-forloeb'"):
        compare(
            PEOPLE,
            NOBODY_ANSWERS,
            NOBODY_ANSWERS,
            start=START,
            weeks=2,
            seed=1,
            costs=CostTable(costs=(TABLE.costs[2],)),
        )
