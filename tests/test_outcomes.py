"""Outcome measures: worked by hand, the batch door equal to the object door, bad input refused."""

import datetime as dt

import matplotlib as mpl

mpl.use("Agg")  # headless

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helhed.testing.strategies as hs
from helhed.batch import outcomes_frame
from helhed.benefits import Benefit
from helhed.errors import ValidationError
from helhed.frames import from_frame, to_frame
from helhed.groups import RiskGroup
from helhed.organisation import Administration as A  # noqa: N817 - as the other tests
from helhed.outcomes import (
    OutcomeMeasures,
    Share,
    horizon_day,
    measure,
    measure_all,
    share_in_work,
)
from helhed.outcomes.frames import columns_for, measures_frame
from helhed.outcomes.survival import ESTIMATE_COLUMNS, kaplan_meier, plot_survival
from helhed.pathways.events import (
    BenefitChanged,
    JobOrEducationStarted,
    PathwayClosed,
    Placement,
    Referred,
    TargetGroupAssessed,
)
from helhed.pathways.pathway import Pathway

ON = dt.date(2024, 12, 31)
D = dt.date


def _pathway(cid, *steps):
    """A pathway opened by a referral on the first step's day; each step is (day, class, fields)."""
    events = []
    referral = {"referral_id": "r-1", "offer": "samtale", "to": A.HEALTH, "voluntary": True}
    for day, cls, fields in steps:
        common = {"citizen_id": cid, "occurred_on": day, "recorded_by": A.JOB_CENTRE}
        events.append(cls(**common, **(referral if cls is Referred else fields)))
    return Pathway.of(events)


# c-1: five weeks on cash benefit, five on sickness benefit, a job after ten weeks.
ONE = _pathway(
    "c-1",
    (D(2024, 1, 1), Referred, {}),
    (D(2024, 1, 1), BenefitChanged, {"benefit": Benefit.CASH_BENEFIT_ACTIVITY_READY}),
    (D(2024, 1, 1), TargetGroupAssessed, {"group": RiskGroup.HIGH}),
    (D(2024, 2, 5), BenefitChanged, {"benefit": Benefit.SICKNESS_BENEFIT}),
    (D(2024, 3, 11), JobOrEducationStarted, {"placement": Placement.JOB}),
    (D(2024, 3, 11), BenefitChanged, {"benefit": None}),
)
# c-2: thirteen weeks of resource course, then the pathway is closed: censored then.
TWO = _pathway(
    "c-2",
    (D(2024, 1, 15), Referred, {}),
    (D(2024, 1, 15), BenefitChanged, {"benefit": Benefit.RESOURCE_COURSE}),
    (D(2024, 4, 15), PathwayClosed, {}),
)
# c-3: an education after 32 days, then back on cash benefit from 1 November 2023.
THREE = _pathway(
    "c-3",
    (D(2023, 6, 30), Referred, {}),
    (D(2023, 8, 1), JobOrEducationStarted, {"placement": Placement.EDUCATION}),
    (D(2023, 11, 1), BenefitChanged, {"benefit": Benefit.CASH_BENEFIT_ACTIVITY_READY}),
)


def test_a_job_after_ten_weeks_with_five_on_each_benefit():
    m = measure(ONE, on=ON)

    assert (m.start, m.end, m.job_on, m.placement) == (
        D(2024, 1, 1),
        ON,
        D(2024, 3, 11),
        Placement.JOB,
    )
    assert (m.reached, m.days_to_job, m.weeks_to_job) == (True, 70, 10.0)
    assert dict(m.benefit_days) == {
        Benefit.CASH_BENEFIT_ACTIVITY_READY: 35,
        Benefit.SICKNESS_BENEFIT: 35,
    }
    assert m.benefit_weeks[Benefit.SICKNESS_BENEFIT] == 5.0
    # 1 July 2024 is reached and the job is the latest step; 1 January 2025 is after ON.
    assert dict(m.in_work) == {6: True, 12: None}
    assert m.group is RiskGroup.HIGH


def test_a_pathway_closed_without_a_job_is_censored_on_its_closing_day():
    m = measure(TWO, on=ON)

    assert (m.end, m.job_on, m.reached, m.days_to_job) == (D(2024, 4, 15), None, False, 91)
    assert dict(m.benefit_weeks) == {Benefit.RESOURCE_COURSE: 13.0}
    # six months on is 15 July 2024, after the closing: the state at closing lasts
    assert dict(m.in_work) == {6: False, 12: None}


def test_back_on_benefit_after_an_education_is_out_of_work_at_both_horizons():
    m = measure(THREE, on=ON)

    assert (m.days_to_job, m.placement) == (32, Placement.EDUCATION)
    # 30 June 2023 + 6 months = 30 December 2023; + 12 months = 30 June 2024
    assert dict(m.in_work) == {6: False, 12: False}
    assert m.benefit_days[Benefit.CASH_BENEFIT_ACTIVITY_READY] == (ON - D(2023, 11, 1)).days == 426


def test_the_share_in_work_counts_only_citizens_observed_at_the_horizon():
    measures = measure_all([ONE, TWO, THREE], on=ON)

    assert share_in_work(measures, 6) == Share(months=6, in_work=1, observed=3)
    assert share_in_work(measures, 6).share == pytest.approx(1 / 3)
    assert share_in_work(measures, 12) == Share(months=12, in_work=0, observed=1)
    assert Share(months=6, in_work=0, observed=0).share is None


def test_the_report_day_cuts_the_pathway():
    # on 1 March 2024 c-1 has no job yet and is censored on the report day
    m = measure(ONE, on=D(2024, 3, 1))

    assert (m.reached, m.days_to_job, m.end) == (False, 60, D(2024, 3, 1))
    assert dict(m.benefit_days) == {
        Benefit.CASH_BENEFIT_ACTIVITY_READY: 35,
        Benefit.SICKNESS_BENEFIT: 25,
    }
    assert measure(ONE, on=D(2023, 12, 31)) is None
    assert measure_all([ONE, TWO], on=D(2024, 1, 10)) == (measure(ONE, on=D(2024, 1, 10)),)


def test_a_change_to_employed_counts_as_in_work_and_a_change_to_none_says_nothing():
    pathway = _pathway(
        "c-4",
        (D(2024, 1, 1), Referred, {}),
        (D(2024, 1, 1), BenefitChanged, {"benefit": Benefit.CASH_BENEFIT_JOB_READY}),
        (D(2024, 3, 1), BenefitChanged, {"benefit": Benefit.EMPLOYED}),
        (D(2024, 5, 1), BenefitChanged, {"benefit": None}),
    )
    m = measure(pathway, on=ON)

    assert m.in_work[6] is True
    assert m.reached is False  # no JobOrEducationStarted: the time to job is censored
    assert m.benefit_days[Benefit.EMPLOYED] == 61


def test_horizons_count_calendar_months_to_the_last_day_of_a_shorter_month():
    assert horizon_day(D(2024, 8, 31), 6) == D(2025, 2, 28)
    assert horizon_day(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert dict(measure(ONE, on=ON, horizons=[3, 1, 3]).in_work) == {1: False, 3: True}


def test_the_group_is_hidden_from_repr():
    m = measure(ONE, on=ON)

    assert "hoejrisiko" not in repr(m).lower()
    assert "high" not in repr(m).lower()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: measure("c-1", on=ON), "pathway: must be a Pathway"),
        (lambda: measure(ONE, on="2024-12-31"), "on: must be a date"),
        (lambda: measure(ONE, on=ON, horizons=6), "horizons: must be a list"),
        (lambda: measure(ONE, on=ON, horizons=[0]), "horizons[0]: must be 1 or more"),
        (lambda: measure(ONE, on=ON, horizons=[1.5]), "horizons[0]: must be a whole number"),
        (lambda: measure_all([ONE, ONE], on=ON), "pathways[1].citizen_id: is a duplicate"),
        (lambda: share_in_work(measure_all([ONE], on=ON), 3), "measures[0].in_work: has no"),
        (lambda: share_in_work([ONE], 6), "measures[0]: must be"),
    ],
)
def test_bad_input_is_named(call, message):
    with pytest.raises(ValidationError) as caught:
        call()
    assert message in str(caught.value)


def test_measures_refuse_a_job_outside_the_observed_days_and_a_placement_without_one():
    with pytest.raises(ValidationError) as caught:
        OutcomeMeasures(
            citizen_id="c",
            start=D(2024, 1, 1),
            end=D(2024, 2, 1),
            job_on=D(2024, 3, 1),
            placement=None,
        )
    assert "job_on: must be from start to end" in str(caught.value)
    assert "placement: must be given exactly when job_on is" in str(caught.value)


# --- the table -----------------------------------------------------------------------------


def test_the_table_of_the_worked_example():
    table = measures_frame(measure_all([ONE, TWO, THREE], on=ON))

    assert tuple(table.columns) == columns_for((6, 12))
    assert table["days_to_job"].tolist() == [70, 91, 32]
    assert table["reached"].tolist() == [True, False, True]
    assert table["placement"].tolist() == ["job", pd.NA, "uddannelse"]
    assert table["weeks_on_ressourceforloeb"].tolist() == [0.0, 13.0, 0.0]
    assert table["in_work_12m"].tolist() == [pd.NA, pd.NA, False]


def test_the_batch_door_reads_the_worked_example_alike():
    pathways = [ONE, TWO, THREE]

    pd.testing.assert_frame_equal(
        outcomes_frame(to_frame(pathways), on=ON), measures_frame(measure_all(pathways, on=ON))
    )


def test_the_batch_door_refuses_a_funding_basis_it_does_not_know():
    frame = to_frame([ONE])
    frame.loc[1, "benefit"] = "lottery"

    with pytest.raises(ValidationError) as caught:
        outcomes_frame(frame, on=ON)
    assert str(caught.value) == "rows[1].benefit: is not a code of Benefit"


def test_an_empty_table_has_the_columns_and_no_rows():
    table = outcomes_frame(to_frame([]), on=ON, horizons=[24])

    assert tuple(table.columns) == columns_for((24,))
    assert table.empty


cohorts = st.lists(hs.pathways(max_events=30), max_size=6, unique_by=lambda p: p.citizen_id)


@settings(max_examples=60, deadline=None)
@given(
    cohorts,
    hs.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2028, 12, 31)),
    st.lists(st.integers(1, 36), min_size=1, max_size=3),
)
def test_the_batch_door_equals_the_object_door(pathways, on, horizons):
    frame = to_frame(pathways)
    read = from_frame(frame)  # the pathways as the table holds them, in its order

    pd.testing.assert_frame_equal(
        outcomes_frame(frame, on=on, horizons=horizons),
        measures_frame(measure_all(read, on=on, horizons=horizons), horizons=horizons),
    )


# --- survival ------------------------------------------------------------------------------


def _table(weeks, reached, **extra):
    return pd.DataFrame({"weeks_to_job": weeks, "reached": reached, **extra})


def test_kaplan_meier_by_hand():
    # Five citizens: starts after 2, 3 and 5 weeks, censored at 3 and 8 weeks. At 2 weeks 5
    # are at risk: 4/5 = 0.8. At 3 weeks 4 are (the one censored then counts): 0.8 * 3/4 =
    # 0.6. At 5 weeks 2 are: 0.6 * 1/2 = 0.3; the censoring at 8 changes nothing.
    estimate = kaplan_meier(_table([2, 3, 3, 5, 8], [True, True, False, True, False]))

    assert estimate["weeks"].tolist() == [0.0, 2.0, 3.0, 5.0, 8.0]
    assert estimate["at_risk"].tolist() == [5, 5, 4, 2, 1]
    assert estimate["reached"].tolist() == [0, 1, 1, 1, 0]
    assert estimate["censored"].tolist() == [0, 0, 1, 0, 1]
    assert estimate["without_job"].tolist() == pytest.approx([1.0, 0.8, 0.6, 0.3, 0.3])
    # the exponential Greenwood (log-log) 95 % interval, as lifelines gives it for these data
    assert estimate["lower"].tolist() == pytest.approx(
        [1.0, 0.20381, 0.12573, 0.01230, 0.01230], abs=1e-5
    )
    assert estimate["upper"].tolist() == pytest.approx(
        [1.0, 0.96918, 0.88176, 0.71922, 0.71922], abs=1e-5
    )


def test_kaplan_meier_of_the_worked_pathways_by_days():
    # c-3 starts after 32 days (3 at risk: 2/3), c-1 after 70 (2 at risk: 1/3); c-2 censored at 91
    table = measures_frame(measure_all([ONE, TWO, THREE], on=ON))
    estimate = kaplan_meier(table, time="days_to_job")

    assert estimate["weeks"].tolist() == [0.0, 32.0, 70.0, 91.0]
    assert estimate["without_job"].tolist() == pytest.approx([1.0, 2 / 3, 1 / 3, 1 / 3])


def test_kaplan_meier_per_group_with_a_group_of_missing_cells():
    table = _table(
        [1, 2, 4, 6],
        [True, False, True, True],
        scenario=["a", "a", "b", "b"],
        group=pd.Series(["hoejrisiko", pd.NA, pd.NA, pd.NA], dtype="string"),
    )
    estimate = kaplan_meier(table, by=["scenario"])

    assert list(estimate.columns[:2]) == ["scenario", "weeks"]
    rows = estimate.set_index(["scenario", "weeks"])["without_job"]
    assert rows[("a", 1.0)] == pytest.approx(0.5)
    assert rows[("b", 6.0)] == pytest.approx(0.0)
    by_group = kaplan_meier(table, by="group")
    assert by_group["group"].isna().sum() == 4  # the three without a group: weeks 0, 2, 4, 6


def test_a_table_without_citizens_has_no_estimate():
    empty = _table(pd.Series([], dtype=float), pd.Series([], dtype=bool))

    assert kaplan_meier(empty).empty
    assert list(kaplan_meier(empty).columns) == list(ESTIMATE_COLUMNS)


def test_the_interval_is_the_estimate_where_it_is_undefined():
    # nobody left without a start after week 2; nobody started at all in the second group
    table = _table([1, 2, 3, 4], [True, True, False, False], model=["a", "a", "b", "b"])
    estimate = kaplan_meier(table, by="model").set_index(["model", "weeks"])

    assert estimate.loc[("a", 2.0), ["without_job", "lower", "upper"]].tolist() == [0, 0, 0]
    assert estimate.loc[("b", 4.0), ["without_job", "lower", "upper"]].tolist() == [1, 1, 1]
    assert estimate.loc[("a", 1.0), "lower"] < 0.5 < estimate.loc[("a", 1.0), "upper"]


@pytest.mark.parametrize(
    ("table", "by", "message"),
    [
        ([1, 2], (), "table: must be a pandas DataFrame"),
        (_table([1], [True]), ["model"], "table.model: is missing"),
        (_table([-1.0], [True]), (), "table.weeks_to_job[0]: must be a number of weeks"),
        (_table(["soon"], [True]), (), "table.weeks_to_job[0]: must be a number of weeks"),
        (_table([1], ["yes"]), (), "table.reached[0]: must be true or false"),
        (_table([float("inf")], [True]), (), "table.weeks_to_job[0]: must be a number of weeks"),
        (_table(["1"], [True]), (), "table.weeks_to_job[0]: must be a number of weeks"),
        (_table([1.0], pd.Series([1], dtype=object)), (), "table.reached[0]: must be true or"),
        (_table([1.0], [True]), 123, "by: must be a column name or a list of column names"),
        (_table([1.0], [True], g=[[1]]), ["g"], "table.g: must hold values that can be grouped"),
        (
            pd.DataFrame([[1.0, True, 2.0]], columns=["weeks_to_job", "reached", "weeks_to_job"]),
            (),
            "table.weeks_to_job: is a column name given twice in the table",
        ),
    ],
)
def test_kaplan_meier_names_bad_input(table, by, message):
    with pytest.raises(ValidationError) as caught:
        kaplan_meier(table, by=by)
    assert message in str(caught.value)


def test_the_plot_draws_the_share_in_work_per_group_in_either_language():
    table = _table([2, 3, 3, 5, 8], [True, True, False, True, False], model=list("aabbb"))
    estimate = kaplan_meier(table, by=["model"])

    ax = plot_survival(estimate, by=["model"], lang="da")
    try:
        assert ax.get_xlabel() == "Uger siden start"
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
        steps = ax.get_lines()[0].get_ydata()
        assert list(steps) == pytest.approx([0.0, 0.5, 1.0])  # a: 2 weeks, then 3 weeks
    finally:
        plt.close(ax.figure)
    with pytest.raises(ValidationError, match='lang: must be a Language, "da" or "en"'):
        plot_survival(estimate, lang="fr")
