"""Costs and the business case: a dated table, a run priced by hand, bad input refused."""

import datetime as dt
import pathlib
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import helhed.testing.strategies as hs
from helhed.benefits import Benefit
from helhed.costs import (
    BENEFIT_RATES,
    Cost,
    CostKind,
    CostTable,
    Spending,
    business_case,
    spending,
    weekly_from_monthly,
)
from helhed.errors import NoRuleError, ValidationError
from helhed.organisation import Administration as A  # noqa: N817 - as the other tests
from helhed.pathways.events import (
    BenefitChanged,
    InterventionCompleted,
    InterventionStarted,
    JobOrEducationStarted,
    PathwayClosed,
    Placement,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.sources import Citation, Verification

D = dt.date
CASH = Benefit.CASH_BENEFIT_ACTIVITY_READY
KRAM = "kram-forloeb"
START = D(2024, 6, 3)  # a Monday; twelve weeks run to 25 August

TABLE = CostTable(
    costs=(
        Cost(kind=CostKind.INTERVENTION_WEEK, item=KRAM, dkk=700, valid_from=D(2024, 1, 1)),
        Cost(kind=CostKind.INTERVENTION_WEEK, item=KRAM, dkk=770, valid_from=D(2024, 7, 1)),
        Cost(kind=CostKind.SEAT_WEEK, item=KRAM, dkk=350, valid_from=D(2024, 1, 1)),
        Cost(kind=CostKind.BENEFIT_WEEK, item=CASH.code, dkk=3000, valid_from=D(2024, 1, 1)),
    )
)


def _pathway(cid, *steps):
    at = {"citizen_id": cid, "recorded_by": A.JOB_CENTRE}
    made = {
        "referred": lambda day: Referred(
            **at, occurred_on=day, referral_id="r", offer=KRAM, to=A.HEALTH, voluntary=True
        ),
        "cash": lambda day: BenefitChanged(**at, occurred_on=day, benefit=CASH),
        "none": lambda day: BenefitChanged(**at, occurred_on=day, benefit=None),
        "start": lambda day: InterventionStarted(**at, occurred_on=day, offer=KRAM),
        "done": lambda day: InterventionCompleted(**at, occurred_on=day, offer=KRAM),
        "job": lambda day: JobOrEducationStarted(**at, occurred_on=day, placement=Placement.JOB),
    }
    return Pathway.of([made[what](day) for day, what in steps])


# With the effort: four weeks in the course (two at 700, two at 770 from 1 July), a job after
# ten weeks on cash benefit. Without it: on cash benefit through all twelve weeks.
WITH = _pathway(
    "c-1",
    (START, "referred"),
    (START, "cash"),
    (D(2024, 6, 17), "start"),
    (D(2024, 7, 15), "done"),
    (D(2024, 8, 12), "job"),
    (D(2024, 8, 12), "none"),
)
WITHOUT = _pathway("c-1", (START, "referred"), (START, "cash"))


def test_a_run_priced_by_hand_week_by_week():
    run = spending([WITH], TABLE, start=START, weeks=12)

    k = Decimal
    assert run.interventions == (k(0), k(0), k(700), k(700), k(770), k(770), *[k(0)] * 6)
    assert run.benefits == (*[k(3000)] * 10, k(0), k(0))
    assert run.seats == (k(0),) * 12
    assert (run.effort, run.payments, run.own_figures) == (k(2940), k(30000), 3)


def test_seats_are_priced_every_day_used_or_not():
    run = spending([WITH], TABLE, start=START, weeks=12, seats={KRAM: 2})

    assert run.seats == (Decimal(700),) * 12
    assert run.effort == 2940 + 8400
    assert run.own_figures == 4


def test_the_business_case_breaks_even_in_week_ten():
    # extra cost 700 + 700 + 770 + 770 = 2,940 by week 5; payments avoided 3,000 in week 10
    case = business_case(
        spending([WITHOUT], TABLE, start=START, weeks=12),
        spending([WITH], TABLE, start=START, weeks=12),
    )

    assert (case.extra_cost, case.avoided, case.net) == (2940, 6000, 3060)
    assert case.returned == Decimal("2.04")  # 6,000 / 2,940
    assert case.break_even_week == 10
    assert case.by_week["extra_cost"][5] == 2940
    assert case.by_week["avoided"][11] == 6000


def test_with_two_seats_kept_open_it_does_not_break_even_in_twelve_weeks():
    case = business_case(
        spending([WITHOUT], TABLE, start=START, weeks=12),
        spending([WITH], TABLE, start=START, weeks=12, seats={KRAM: 2}),
    )

    assert (case.extra_cost, case.avoided) == (11340, 6000)
    assert case.returned == Decimal("0.53")
    assert case.break_even_week is None


def test_a_course_never_ended_is_priced_until_the_pathway_closes():
    closed = Pathway.of(
        [
            *_pathway("c-1", (START, "referred"), (D(2024, 6, 17), "start")).events,
            PathwayClosed(citizen_id="c-1", occurred_on=D(2024, 6, 27), recorded_by=A.JOB_CENTRE),
        ]
    )
    run = spending([closed], TABLE, start=START, weeks=4)

    # 17 to 26 June: seven days in week 2 (700), three in week 3 (300)
    assert run.interventions == (Decimal(0), Decimal(0), Decimal(700), Decimal(300))


def test_a_funding_basis_given_for_a_log_that_records_none_lasts_until_the_job():
    bare = _pathway("c-1", (START, "referred"), (D(2024, 6, 24), "job"))
    run = spending([bare], TABLE, start=START, weeks=4, benefits={"c-1": CASH})

    assert run.benefits == (Decimal(3000), Decimal(3000), Decimal(3000), Decimal(0))


def test_the_table_answers_by_date_and_says_when_it_has_nothing():
    assert TABLE.lookup(CostKind.INTERVENTION_WEEK, KRAM, D(2024, 6, 30)).dkk == 700
    assert TABLE.lookup(CostKind.INTERVENTION_WEEK, KRAM, D(2024, 7, 1)).dkk == 770
    assert TABLE.spend(CostKind.INTERVENTION_WEEK, KRAM, D(2024, 6, 30), D(2024, 7, 2)) == 210
    with pytest.raises(NoRuleError, match="no intervention week cost of 'kram-forloeb'"):
        TABLE.lookup(CostKind.INTERVENTION_WEEK, KRAM, D(2023, 12, 31))
    with pytest.raises(
        NoRuleError, match="no benefit week cost of 'kontanthjaelp_aktivitetsparat'"
    ):
        spending([WITH], CostTable(costs=TABLE.costs[:3]), start=START, weeks=12)


def test_a_published_figure_carries_its_citation_and_an_own_one_none():
    published = Cost(
        kind=CostKind.BENEFIT_WEEK,
        item=CASH.code,
        dkk=Decimal("3000.50"),
        valid_from=D(2024, 1, 1),
        citation=Citation("SST2019", "6.1"),
        verification=Verification.VERIFIED,
    )
    assert not published.own
    assert TABLE.costs[0].own


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"dkk": 700.0}, "dkk: must be a Decimal or a whole number of kroner"),
        ({"dkk": -1}, "dkk: must be 0 or more and under 1e9"),
        ({"dkk": Decimal("NaN")}, "dkk: must be a Decimal or a whole number of kroner"),
        ({"item": " "}, "item: must not be blank"),
        ({"citation": Citation("SST2019")}, "verification: must be given exactly when citation is"),
        ({"valid_from": "2024-01-01"}, "valid_from: must be a date"),
    ],
)
def test_a_cost_refuses_bad_fields(fields, message):
    given_ = {"kind": CostKind.SEAT_WEEK, "item": KRAM, "dkk": 1, "valid_from": D(2024, 1, 1)}
    with pytest.raises(ValidationError) as caught:
        Cost(**{**given_, **fields})
    assert message in str(caught.value)


def test_the_table_refuses_two_amounts_on_one_day():
    with pytest.raises(ValidationError, match=r"costs\[1\].valid_from: repeats costs\[0\]"):
        CostTable(costs=(TABLE.costs[0], TABLE.costs[0]))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: spending([WITH], TABLE, start=START, weeks=0), "weeks: must be 1 or more"),
        (lambda: spending([WITH], "table", start=START, weeks=1), "table: must be a CostTable"),
        (lambda: spending([WITH, WITH], TABLE, start=START, weeks=1), "pathways[1].citizen_id"),
        (
            lambda: spending([WITH], TABLE, start=START, weeks=1, seats={KRAM: -1}),
            "seats[kram-forloeb]: must be 0 or more",
        ),
        (
            lambda: spending([WITH], TABLE, start=START, weeks=1, benefits={"c-1": "cash"}),
            "benefits[c-1]: must be a Benefit",
        ),
        (lambda: spending([WITH], TABLE, start=START, weeks=1, seats=[1]), "seats: must be a"),
        (
            lambda: spending([WITH], TABLE, start=START, weeks=1, benefits=[("c-1", CASH)]),
            "benefits: must be a mapping",
        ),
        (
            lambda: spending([WITH], TABLE, start=START, weeks=1, seats={KRAM: 10**7}),
            "seats[kram-forloeb]: must be 1000000 or fewer",
        ),
        (
            lambda: business_case(
                spending([WITH], TABLE, start=START, weeks=2),
                spending([WITH], TABLE, start=START, weeks=3),
            ),
            "with_effort: must last as many weeks as without",
        ),
    ],
)
def test_bad_input_is_named(call, message):
    with pytest.raises(ValidationError) as caught:
        call()
    assert message in str(caught.value)


@given(
    hs.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31)),
    st.integers(0, 400),
    st.integers(0, 400),
)
def test_spending_over_a_span_is_the_sum_over_its_parts(first, one, two):
    middle, after = first + dt.timedelta(days=one), first + dt.timedelta(days=one + two)
    spend = TABLE.spend

    whole = spend(CostKind.INTERVENTION_WEEK, KRAM, first, after)
    parts = spend(CostKind.INTERVENTION_WEEK, KRAM, first, middle) + spend(
        CostKind.INTERVENTION_WEEK, KRAM, middle, after
    )
    assert whole == parts
    assert isinstance(whole, Fraction)


@given(st.lists(hs.pathways(max_events=20), max_size=4, unique_by=lambda p: p.citizen_id))
def test_a_run_against_itself_costs_nothing_extra_and_breaks_even_at_once(pathways):
    offers = {getattr(e, "offer", None) for p in pathways for e in p.events} - {None}
    priced = [(CostKind.BENEFIT_WEEK, b.code) for b in Benefit]
    priced += [(CostKind.INTERVENTION_WEEK, offer) for offer in offers]
    table = CostTable(
        costs=tuple(
            Cost(kind=kind, item=item, dkk=1000, valid_from=D(1900, 1, 1)) for kind, item in priced
        )
    )
    run = spending(pathways, table, start=D(2024, 1, 1), weeks=52)
    case = business_case(run, run)

    assert (case.extra_cost, case.avoided, case.break_even_week) == (0, 0, 0)
    assert isinstance(run, Spending)


def test_the_published_rates_are_the_ministrys_monthly_figures_by_the_week():
    cash = BENEFIT_RATES.lookup(CostKind.BENEFIT_WEEK, CASH.code, D(2023, 6, 1))
    assert cash.dkk == Decimal("2756.31")  # 11,944 * 12 / 52 = 2,756.3077
    assert (cash.citation.source, cash.verification) == ("BM2023SATSER", Verification.AGENCY)
    resource = BENEFIT_RATES.lookup(CostKind.BENEFIT_WEEK, "ressourceforloeb", D(2024, 12, 31))
    assert resource.dkk == weekly_from_monthly(12326) == Decimal("2844.46")
    unemployed = BENEFIT_RATES.lookup(
        CostKind.BENEFIT_WEEK, "arbejdsloeshedsdagpenge", D(2025, 1, 1)
    )
    assert unemployed.dkk == Decimal("4867.38")  # 21,092 * 12 / 52 = 4,867.3846
    with pytest.raises(
        NoRuleError, match=r"in force on 2024-01-01 \(the last figure held until 2023-12-31\)"
    ):
        BENEFIT_RATES.lookup(CostKind.BENEFIT_WEEK, CASH.code, D(2024, 1, 1))
    assert not any(c.own for c in BENEFIT_RATES)


def test_a_figure_of_ones_own_fills_the_year_after_a_published_one():
    table = BENEFIT_RATES.with_costs(
        [Cost(kind=CostKind.BENEFIT_WEEK, item=CASH.code, dkk=2800, valid_from=D(2024, 1, 1))]
    )
    spans = table.in_force(CostKind.BENEFIT_WEEK, CASH.code, D(2023, 12, 25), D(2024, 1, 8))

    assert [(c.dkk, first, after) for c, first, after in spans] == [
        (Decimal("2756.31"), D(2023, 12, 25), D(2024, 1, 1)),
        (2800, D(2024, 1, 1), D(2024, 1, 8)),
    ]
    assert [c.own for c, _, _ in spans] == [False, True]


def test_the_costs_page_shows_the_published_rates_as_the_table_holds_them():
    page = (pathlib.Path(__file__).parents[1] / "docs" / "costs.md").read_text(encoding="utf-8")

    for cost in BENEFIT_RATES:
        monthly = cost.note.split(" kr. pr. md.")[0].rsplit(" ", 1)[1]
        assert (
            f"| {monthly} kr. | {cost.dkk:,} | {cost.valid_from.year} | {cost.citation.source}"
            in page
        )
