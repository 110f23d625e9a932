"""Columnar batch API: equal to the object API row by row; strict, value-free errors."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.batch import (
    CITIZEN_COLUMNS,
    CLASSIFY_OUTPUT,
    citizens_to_frame,
    classify_frame,
    sickness_frame,
)
from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.errors import NoRuleError, ValidationError
from helhed.health import HealthChallenge, HealthDomain, HealthProfile, RiskFactor
from helhed.organisation import coordinating_caseworker_right
from helhed.sickness import sickness_category
from helhed.target_groups import classify
from helhed.testing import strategies as hs

DAY = dt.date(2024, 5, 1)

cohorts = st.lists(hs.citizens(), max_size=25, unique_by=lambda c: c.id)


def expected(citizen, on):
    a = classify(citizen, on=on)
    return {
        "id": citizen.id,
        "group": None if a.group is None else a.group.code,
        "typical": a.typical,
        "horizon": None if a.horizon is None else a.horizon.code,
        "coordinating_caseworker": coordinating_caseworker_right(citizen, on=on).right,
    }


def rows(frame):
    return [
        {k: (None if pd.isna(v) else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


@given(cohorts, hs.dates())
def test_classify_frame_equals_object_api(cohort, on):
    out = classify_frame(citizens_to_frame(cohort), on=on)
    assert tuple(out.columns) == CLASSIFY_OUTPUT
    assert rows(out) == [expected(c, on) for c in cohort]


@given(cohorts, hs.dates(min_value=dt.date(2017, 1, 1)))
def test_classify_frame_before_the_rules_equals_object_api(cohort, on):
    out = classify_frame(citizens_to_frame(cohort), on=on)
    assert rows(out) == [expected(c, on) for c in cohort]


@given(cohorts, hs.dates(), st.randoms(use_true_random=False))
def test_classify_frame_ignores_row_order_and_keeps_index(cohort, on, random):
    frame = citizens_to_frame(cohort)
    frame.index = [f"r{i}" for i in range(len(frame))]
    shuffled = frame.sample(frac=1, random_state=random.randint(0, 2**31))
    out = classify_frame(shuffled, on=on)
    assert list(out.index) == list(shuffled.index)
    pd.testing.assert_frame_equal(out.loc[frame.index], classify_frame(frame, on=on))


def test_citizens_to_frame_layout():
    citizen = Citizen(
        id="c-1",
        benefit=Benefit.SICKNESS_BENEFIT,
        health=HealthProfile(
            risk_factors=frozenset({RiskFactor.SMOKING, RiskFactor.DIET}),
            challenges=(
                HealthChallenge(domain=HealthDomain.MENTAL, progressive=True),
                HealthChallenge(domain=HealthDomain.PHYSICAL),
            ),
        ),
    )
    frame = citizens_to_frame([citizen])
    assert tuple(frame.columns) == CITIZEN_COLUMNS
    assert rows(frame) == [
        {
            "id": "c-1",
            "benefit": "sygedagpenge",
            "sickness_category": None,
            "assessed_horizon": None,
            "risk_factors": "kost;rygning",
            "challenges": 2,
            "current_barrier": False,
            "progressive": True,
            "affects_work": False,
        }
    ]


def worked():
    return pd.DataFrame(
        {
            "id": ["c-1", "c-2", "c-3", "c-4", "c-5"],
            "benefit": ["kontanthjaelp_jobparat", "sygedagpenge", None, "fleksjob", None],
            "assessed_horizon": [None, None, None, None, None],
            "risk_factors": ["rygning", "", "stoffer;kost", None, ""],
            "challenges": [0, 1, 0, 1, 0],
            "current_barrier": [False, True, False, False, False],
            "progressive": [False, False, False, False, False],
            "affects_work": [False, False, False, False, False],
        },
        index=[10, 20, 30, 40, 50],
    )


def test_classify_frame_worked_example():
    out = classify_frame(worked(), on=DAY)
    assert list(out.index) == [10, 20, 30, 40, 50]
    assert rows(out)[0] == {
        "id": "c-1",
        "group": "lavrisiko",
        "typical": True,
        "horizon": "lang_sigt",
        "coordinating_caseworker": False,
    }
    assert out["group"].tolist()[1:3] == ["hoejrisiko", "mellemrisiko"]
    assert out["group"].isna().tolist() == [False, False, False, False, True]
    assert out["typical"].isna().tolist()[2:] == [True, False, True]
    assert str(out["typical"].dtype) == "boolean"
    assert out["coordinating_caseworker"].dtype == bool


def test_classify_frame_reads_alcohol_sleep_and_mental_health_as_42_does():
    # SST2019 4.2 names problematic alcohol use, sleep and mental health for the medium-risk
    # group; smoking and physical activity, in both 4.2 and 4.3, stay low risk alone.
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "benefit": ["kontanthjaelp_jobparat"] * 5,
            "assessed_horizon": [None, None, None, None, "lang_sigt"],
            "risk_factors": [
                "alkohol",
                "soevn;rygning",
                "mental_sundhed",
                "fysisk_aktivitet;rygning",
                "alkohol",
            ],
            "challenges": [0] * 5,
            "current_barrier": [False] * 5,
            "progressive": [False] * 5,
            "affects_work": [False] * 5,
        }
    )
    out = classify_frame(frame, on=DAY)
    assert out["group"].tolist() == [
        "mellemrisiko",
        "mellemrisiko",
        "mellemrisiko",
        "lavrisiko",
        "lavrisiko",
    ]


def test_classify_frame_with_object_columns_and_missing_flags():
    frame = worked().astype(object)
    frame.loc[50, "affects_work"] = None
    frame["sickness_category"] = [None, "kategori_2", None, None, None]
    out = classify_frame(frame, on=DAY)
    assert out["group"].tolist()[:3] == ["lavrisiko", "hoejrisiko", "mellemrisiko"]


def test_classify_frame_of_nothing():
    out = classify_frame(citizens_to_frame([]), on=DAY)
    assert tuple(out.columns) == CLASSIFY_OUTPUT
    assert len(out) == 0


@pytest.mark.parametrize("column", [c for c in CITIZEN_COLUMNS if c != "sickness_category"])
def test_missing_column_is_named(column):
    with pytest.raises(ValidationError) as info:
        classify_frame(worked().drop(columns=column), on=DAY)
    assert [(p.path, p.message) for p in info.value.problems] == [(column, "is a required column")]


@pytest.mark.parametrize(
    ("column", "row", "value", "message"),
    [
        ("benefit", 1, "sygedagpenge_hemmelig", "is not a known Benefit code"),
        ("assessed_horizon", 2, "snart_hemmelig", "is not a known HealthImpactHorizon code"),
        ("risk_factors", 3, "rygning;hemmelig", "is not a known RiskFactor code"),
        ("risk_factors", 0, 7, "must be risk factor codes joined by ';'"),
        ("challenges", 4, -3, "must be a whole number, 0 or more"),
        ("affects_work", 2, "hemmelig", "must be true, false or missing"),
        ("id", 3, "  ", "must be non-blank text"),
        ("sickness_category", 0, "hemmelig", "is not a known SicknessCategory code"),
    ],
)
def test_bad_cell_is_named_without_its_value(column, row, value, message):
    frame = worked().astype(object)
    if column not in frame.columns:
        frame[column] = None
    frame.iloc[row, frame.columns.get_loc(column)] = value
    with pytest.raises(ValidationError) as info:
        classify_frame(frame, on=DAY)
    assert [(p.path, p.message) for p in info.value.problems] == [
        (f"rows[{row}].{column}", message)
    ]
    assert "hemmelig" not in str(info.value)


def test_every_bad_row_is_reported():
    frame = worked()
    frame["benefit"] = ["x", None, "x", "y", "fleksjob"]
    with pytest.raises(ValidationError) as info:
        classify_frame(frame, on=DAY)
    assert [p.path for p in info.value.problems] == [
        "rows[0].benefit",
        "rows[2].benefit",
        "rows[3].benefit",
    ]


def test_barrier_without_challenges_is_refused():
    frame = worked()
    frame["challenges"] = [0, 0, 0, 1, 0]
    with pytest.raises(ValidationError, match=r"rows\[1\]\.current_barrier: needs challenges"):
        classify_frame(frame, on=DAY)


# -- sickness categories ------------------------------------------------------------------


@given(hs.dates(), st.data())
def test_sickness_frame_equals_object_api(on, data):
    cases = data.draw(
        st.lists(
            st.tuples(
                st.dates(max_value=on, min_value=on - dt.timedelta(days=400)),
                st.integers(1, 120),
                st.booleans(),
            ),
            max_size=25,
        )
    )
    frame = pd.DataFrame(
        {
            "first_absence_day": pd.Series([f for f, _, _ in cases], dtype=object),
            "expected_full_recovery": pd.Series(
                [f + dt.timedelta(days=d) for f, d, _ in cases], dtype=object
            ),
            "other_challenges": pd.Series([o for _, _, o in cases], dtype=bool),
        }
    )
    out = sickness_frame(frame, on=on)
    want = [
        sickness_category(
            first_absence_day=f,
            expected_full_recovery=f + dt.timedelta(days=d),
            other_challenges=o,
            on=on,
        )
        for f, d, o in cases
    ]
    assert out["category"].tolist() == [a.category.code for a in want]
    assert out["eight_week_limit"].tolist() == [a.eight_week_limit for a in want]
    assert out["cross_disciplinary_effort"].tolist() == [a.cross_disciplinary_effort for a in want]


def test_sickness_frame_worked_example():
    frame = pd.DataFrame(
        {
            "id": ["s-1", "s-2", "s-3"],
            "first_absence_day": ["2024-01-08", dt.date(2024, 1, 8), pd.Timestamp("2024-01-08")],
            "expected_full_recovery": [dt.date(2024, 3, 3), "2024-03-04", dt.date(2024, 3, 4)],
            "other_challenges": [True, False, True],
        }
    )
    out = sickness_frame(frame, on=dt.date(2024, 1, 15))
    assert list(out.columns) == ["id", "category", "eight_week_limit", "cross_disciplinary_effort"]
    assert out["category"].tolist() == ["kategori_1", "kategori_2", "kategori_3"]
    assert out["eight_week_limit"].tolist() == [dt.date(2024, 3, 3)] * 3
    assert out["cross_disciplinary_effort"].tolist() == [False, False, True]


def test_sickness_frame_from_2025_has_no_category_3():
    # The same cases visited on 1 January 2025 (L 74 2024/25): s-3 is category 2.
    frame = pd.DataFrame(
        {
            "id": ["s-1", "s-2", "s-3"],
            "first_absence_day": [dt.date(2024, 12, 2)] * 3,
            "expected_full_recovery": ["2025-01-26", "2025-01-27", "2025-01-27"],
            "other_challenges": [True, False, True],
        }
    )
    before = sickness_frame(frame, on=dt.date(2024, 12, 31))
    after = sickness_frame(frame, on=dt.date(2025, 1, 1))
    assert before["category"].tolist() == ["kategori_1", "kategori_2", "kategori_3"]
    assert after["category"].tolist() == ["kategori_1", "kategori_2", "kategori_2"]
    assert after["cross_disciplinary_effort"].tolist() == [False, False, False]
    assert after["eight_week_limit"].tolist() == [dt.date(2025, 1, 26)] * 3


def test_sickness_frame_before_the_rule():
    frame = pd.DataFrame(
        {
            "first_absence_day": [dt.date(2017, 1, 2)],
            "expected_full_recovery": [dt.date(2017, 2, 2)],
            "other_challenges": [False],
        }
    )
    with pytest.raises(NoRuleError):
        sickness_frame(frame, on=dt.date(2017, 1, 9))


def test_sickness_frame_errors_name_cells():
    frame = pd.DataFrame(
        {
            "first_absence_day": [dt.date(2024, 1, 8), dt.date(2024, 2, 1), None, "2024-02-30"],
            "expected_full_recovery": [
                dt.date(2024, 1, 8),
                dt.date(2024, 3, 1),
                dt.date(2024, 3, 1),
                dt.date(2024, 3, 1),
            ],
            "other_challenges": [False, None, False, "ja"],
        }
    )
    with pytest.raises(ValidationError) as info:
        sickness_frame(frame, on=dt.date(2024, 1, 15))
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("rows[0].expected_full_recovery", "must be after first_absence_day"),
        ("rows[1].first_absence_day", "must not be after the assessment date"),
        ("rows[1].other_challenges", "is required"),
        ("rows[2].first_absence_day", "is required"),
        ("rows[3].first_absence_day", "is not a calendar date written YYYY-MM-DD"),
        ("rows[3].other_challenges", "must be true or false"),
    ]
    assert "2024" not in str(info.value)


def test_sickness_frame_missing_column():
    with pytest.raises(ValidationError, match=r"^other_challenges: is a required column$"):
        sickness_frame(
            pd.DataFrame({"first_absence_day": [], "expected_full_recovery": []}),
            on=DAY,
        )


# -- Arrow tables ---------------------------------------------------------------------------

pa = pytest.importorskip("pyarrow")


@given(cohorts, hs.dates())
def test_classify_frame_reads_an_arrow_table_as_its_frame(cohort, on):
    frame = citizens_to_frame(cohort)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pd.testing.assert_frame_equal(classify_frame(table, on=on), classify_frame(frame, on=on))


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2023, 1, 1), max_value=DAY),
            st.integers(1, 120),
            st.booleans(),
            st.none() | st.text(min_size=1, max_size=5),
        ),
        max_size=25,
    )
)
def test_sickness_frame_reads_an_arrow_table_as_its_frame(cases):
    frame = pd.DataFrame(
        {
            "id": pd.Series([i for _, _, _, i in cases], dtype="string"),
            "first_absence_day": pd.Series([f for f, _, _, _ in cases], dtype=object),
            "expected_full_recovery": pd.Series(
                [f + dt.timedelta(days=d) for f, d, _, _ in cases], dtype=object
            ),
            "other_challenges": pd.Series([o for _, _, o, _ in cases], dtype="boolean"),
        }
    )
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pd.testing.assert_frame_equal(sickness_frame(table, on=DAY), sickness_frame(frame, on=DAY))


def test_arrow_missing_cells_stay_missing():
    # A missing benefit or flag in Arrow is read as missing, never as NaN or a coerced value.
    table = pa.table(
        {
            "id": ["c-1", "c-2"],
            "benefit": ["sygedagpenge", None],
            "assessed_horizon": pa.array([None, None], type=pa.string()),
            "risk_factors": ["", None],
            "challenges": pa.array([1, None], type=pa.int32()),
            "current_barrier": [True, None],
            "progressive": [False, None],
            "affects_work": [False, None],
        }
    )
    out = classify_frame(table, on=DAY)
    assert out["group"].tolist()[0] == "hoejrisiko"
    assert out["group"].isna().tolist() == [False, True]


@pytest.mark.parametrize("rows", [None, [{"id": "c-1"}], "citizens.csv"])
def test_only_tables_are_read(rows):
    with pytest.raises(
        ValidationError, match=r"^citizens: must be a pandas DataFrame or a pyarrow Table$"
    ):
        classify_frame(rows, on=DAY)
    with pytest.raises(
        ValidationError, match=r"^rows: must be a pandas DataFrame or a pyarrow Table$"
    ):
        sickness_frame(rows, on=DAY)


@pytest.mark.parametrize("on", [None, "2024-05-01", pd.Timestamp("2024-05-01"), 20240501])
def test_the_day_must_be_a_date(on):
    citizens = citizens_to_frame([])
    with pytest.raises(ValidationError, match=r"^on: must be a date$"):
        classify_frame(citizens, on=on)
    with pytest.raises(ValidationError, match=r"^on: must be a date$"):
        sickness_frame(
            pd.DataFrame(
                {"first_absence_day": [], "expected_full_recovery": [], "other_challenges": []}
            ),
            on=on,
        )
