"""Whole numbers of numpy's and pandas's types are whole numbers; research imports name extras."""

import datetime as dt
import json
import math
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helhed._validation import Checker
from helhed._values import plain, whole_number
from helhed.batch import check_frame, citizens_to_frame, classify_frame
from helhed.cases.halsnaes import HALSNAES
from helhed.cases.kolding import course_sessions
from helhed.errors import ValidationError
from helhed.frames import INDEX, from_frame, to_frame
from helhed.health import MAX_SICK_DAYS, HealthProfile
from helhed.organisation import Administration
from helhed.pathways.events import ReferralAccepted, Referred
from helhed.pathways.pathway import Pathway
from helhed.screening import alcohol, audit, audit_c, who5
from helhed.target_groups import classify
from helhed.testing import strategies as hs

DAY = dt.date(2024, 5, 1)
NUMPY_INTEGERS = (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint64)


def _json(value):
    """The JSON text of an attrs value's fields; json refuses a numpy integer."""

    def sets_only(item):
        if isinstance(item, (set, frozenset)):
            return sorted(item, key=repr)
        raise TypeError(type(item).__name__)

    return json.dumps(attrs.asdict(value), default=sets_only)


# -- what is a whole number -------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        *(kind(3) for kind in NUMPY_INTEGERS),
        np.float64(3.0),
        np.float32(3.0),
        3.0,
        Fraction(6, 2),
    ],
)
def test_other_whole_numbers_are_the_plain_int(value):
    found = whole_number(value)
    assert type(found) is int
    assert found == 3
    assert plain(value) == 3
    assert type(plain(value)) is int


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        np.bool_(True),
        1.5,
        np.float64(1.5),
        math.nan,
        np.float64("nan"),
        math.inf,
        -math.inf,
        "3",
        None,
        Decimal(3),
        [3],
        pd.NA,
    ],
)
def test_other_values_are_not_whole_numbers(value):
    assert whole_number(value) is None
    assert plain(value) is value


def test_checker_whole_gives_one_problem_for_a_number_that_is_not_whole():
    check = Checker()
    for value in (np.int64(4), 4.0, np.float32(4)):
        assert check.whole(value, "n", maximum=4)
    assert check.problems == []
    for value in (1.5, np.float64("nan"), math.inf, True, np.bool_(False)):
        assert not check.whole(value, "n")
    assert [str(p) for p in check.problems] == ["n: must be a whole number"] * 5
    # The bounds are read from the plain value.
    assert not check.whole(np.int64(5), "n", maximum=4)
    assert not check.whole(-1.0, "n")
    assert [str(p) for p in check.problems[5:]] == ["n: must be 4 or fewer", "n: must be 0 or more"]


# -- object API: fields hold plain ints -------------------------------------------------


@given(st.integers(min_value=0, max_value=MAX_SICK_DAYS))
def test_a_sick_days_count_of_numpy_or_float_is_stored_as_the_plain_int(days):
    plain_profile = HealthProfile(sick_days=days)
    for value in (np.int64(days), np.int32(days), float(days), np.float64(days)):
        profile = HealthProfile(sick_days=value)
        assert type(profile.sick_days) is int
        assert profile == plain_profile
        assert hash(profile) == hash(plain_profile)
        assert _json(profile) == _json(plain_profile)


@pytest.mark.parametrize("value", [1.5, np.float64(2.5), math.nan, math.inf, True, np.bool_(1)])
def test_a_sick_days_count_that_is_not_whole_is_one_problem(value):
    with pytest.raises(ValidationError) as info:
        HealthProfile(sick_days=value)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("sick_days", "must be a whole number")
    ]


def test_a_function_argument_of_numpy_type_is_used_as_the_plain_int():
    # Kolding's course: 13 weeks from Monday 4 March 2024 with no closing days. The first
    # week holds the three weekdays from the start, each later week five: 3 + 12 * 5 = 63.
    start = dt.date(2024, 3, 4)
    kwargs = {"starts_at": dt.time(9), "ends_at": dt.time(11)}
    sessions = course_sessions(start, weeks=np.int64(13), **kwargs)
    assert sessions == course_sessions(start, weeks=13, **kwargs)
    assert len(sessions) == 63
    with pytest.raises(ValidationError, match="weeks: must be a whole number"):
        course_sessions(start, weeks=13.5, **kwargs)


# -- screening answers ------------------------------------------------------------------


def test_who5_answers_of_numpy_integers_score_as_plain_ones():
    # Five answers of 3: raw score 5 * 3 = 15, percentage 15 * 4 = 60.
    given_numpy = who5.score([np.int64(3)] * 5)
    assert (given_numpy.total, given_numpy.scaled) == (15, 60)
    assert given_numpy == who5.score([3, 3, 3, 3, 3])
    assert all(type(a) is int for a in given_numpy.answers)
    assert who5.score(np.array([3, 3, 3, 3, 3])) == given_numpy
    assert who5.score(pd.Series([3.0, 3.0, 3.0, 3.0, 3.0])) == given_numpy
    assert _json(given_numpy) == _json(who5.score([3] * 5))
    assert who5.interpret(given_numpy, on=DAY) == who5.interpret(who5.score([3] * 5), on=DAY)


def test_a_screening_answer_that_is_not_whole_is_one_problem_per_item():
    with pytest.raises(ValidationError) as info:
        who5.score([1.5, np.float64("nan"), np.bool_(True), np.int64(9), 3])
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("answers[0]", "item 1 must be a whole number from 0 to 5"),
        ("answers[1]", "item 2 is missing; WHO-5 is not imputed"),
        ("answers[2]", "item 3 must be a whole number from 0 to 5"),
        ("answers[3]", "item 4 must be a whole number from 0 to 5"),
    ]


@given(st.lists(st.integers(min_value=0, max_value=5), min_size=5, max_size=5))
def test_who5_with_numpy_integers_equals_with_ints(answers):
    assert who5.score([np.int64(a) for a in answers]) == who5.score(answers)
    assert who5.score([float(a) for a in answers]) == who5.score(answers)


@given(st.lists(st.sampled_from([0, 1, 2, 3, 4]), min_size=10, max_size=10))
def test_audit_with_numpy_integers_equals_with_ints(answers):
    # AUDIT items 9 and 10 take 0, 2 or 4 only.
    answers = [*answers[:8], answers[8] // 2 * 2, answers[9] // 2 * 2]
    assert audit.score(np.array(answers, dtype=np.int16)) == audit.score(answers)
    assert audit_c.score([np.uint8(a) for a in answers[:3]]) == audit_c.score(answers[:3])


def test_alcohol_units_of_numpy_type_read_as_plain_ones():
    assert alcohol.validate([np.int64(10), np.int64(4)]) == alcohol.validate([10, 4])
    assert alcohol.validate([np.float32(10.5)]) == alcohol.validate([10.5])


# -- batch ------------------------------------------------------------------------------


def _citizens(challenges):
    n = len(challenges)
    return pd.DataFrame(
        {
            "id": [f"c-{i}" for i in range(n)],
            "benefit": ["sygedagpenge"] * n,
            "assessed_horizon": [None] * n,
            "risk_factors": [""] * n,
            "challenges": challenges,
            "current_barrier": [True] + [False] * (n - 1),
            "progressive": [False] * n,
            "affects_work": [False] * n,
        }
    )


def test_classify_frame_reads_a_float_count_column_with_gaps_as_whole_numbers():
    # pandas holds [1, missing, 3] as floats [1.0, NaN, 3.0]; a missing count is 0.
    floats = _citizens([1.0, math.nan, 3.0])
    assert floats["challenges"].dtype == np.float64
    whole = _citizens(pd.array([1, None, 3], dtype="Int64"))
    out = classify_frame(floats, on=DAY)
    pd.testing.assert_frame_equal(out, classify_frame(whole, on=DAY))
    # Sickness benefit with a challenge that is a current barrier: high risk (SST2019 4.3);
    # without one in scope, none; a challenge that is no barrier: low risk.
    assert out["group"].tolist() == ["hoejrisiko", pd.NA, "lavrisiko"]


def test_classify_frame_refuses_a_count_that_is_not_whole_once():
    frame = _citizens([1.5, 0.0, np.inf])
    with pytest.raises(ValidationError) as info:
        classify_frame(frame, on=DAY)
    # Row 0 has a barrier; its unreadable count is not said again as "needs challenges".
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("rows[0].challenges", "must be a whole number, 0 or more"),
        ("rows[2].challenges", "must be a whole number, 0 or more"),
    ]


@given(st.lists(hs.citizens(), max_size=15, unique_by=lambda c: c.id), hs.dates())
def test_classify_frame_with_float_or_numpy_counts_equals_with_ints(cohort, on):
    frame = citizens_to_frame(cohort)
    expected = classify_frame(frame, on=on)
    for dtype in ("float64", "int32", "uint8", object):
        other = frame.assign(challenges=frame["challenges"].astype(dtype))
        pd.testing.assert_frame_equal(classify_frame(other, on=on), expected)


# -- research modules without their extra -----------------------------------------------


def _python(code):
    """Run ``code`` in a fresh interpreter of this environment."""
    return subprocess.run(  # noqa: S603 - this interpreter, code written here
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.mark.parametrize(
    ("module", "package", "extra"),
    [
        ("helhed.batch", "numpy", "research"),
        ("helhed.batch", "pandas", "research"),
        ("helhed.frames", "pandas", "research"),
        ("helhed.plots", "matplotlib", "research"),
        ("helhed.exports", "pandas", "research"),
        ("helhed.exports", "numpy", "research"),
        ("helhed.simulation", "numpy", "research"),
        ("helhed.simulation", "tqdm", "research"),
        ("helhed.municipality", "numpy", "research"),
        ("helhed.outcomes.frames", "pandas", "research"),
        ("helhed.outcomes.survival", "matplotlib", "research"),
        ("helhed.distributed", "dask", "distributed"),
    ],
)
def test_a_research_module_without_its_package_names_the_extra(module, package, extra):
    # A module set to None in sys.modules cannot be imported, as if it were not installed.
    run = _python(f"import sys; sys.modules[{package!r}] = None; import {module}")
    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert last == (
        f"ModuleNotFoundError: {module} needs {package}, which is not installed: "
        f"pip install 'helhed[{extra}]'"
    )


def test_the_core_imports_without_any_extra():
    blocked = ("numpy", "pandas", "matplotlib", "pyarrow", "tqdm", "scipy", "dask")
    code = (
        "import sys\n"
        f"for name in {blocked!r}: sys.modules[name] = None\n"
        "import helhed, helhed.screening.who5 as w, helhed.target_groups, helhed.serialization\n"
        "import helhed.outcomes\n"
        "print(w.score([3, 3, 3, 3, 3.0]).total)\n"
    )
    run = _python(code)
    assert (run.returncode, run.stdout.strip()) == (0, "15"), run.stderr


def _as_floats(frame):
    """``frame`` with each whole-number column as floats, as pandas holds one with gaps."""
    columns = [c for c in frame.columns if str(frame[c].dtype) == "Int64"]
    return frame.assign(**{c: frame[c].astype("float64") for c in columns}), columns


@settings(max_examples=30)
@given(st.lists(hs.pathways(max_events=8), max_size=4, unique_by=lambda p: p.citizen_id))
def test_from_frame_and_check_frame_read_float_whole_number_columns(pathways):
    frame = to_frame(pathways)
    floats, columns = _as_floats(frame)
    assert INDEX in columns
    assert from_frame(floats) == from_frame(frame)
    on = max((e.occurred_on for p in pathways for e in p.events), default=DAY)
    pd.testing.assert_frame_equal(
        check_frame(floats, HALSNAES, on=on), check_frame(frame, HALSNAES, on=on)
    )


def test_a_helhed_index_that_is_not_whole_is_named_once():
    frame = to_frame([_example()])
    floats, _ = _as_floats(frame)
    floats.loc[1, INDEX] = 0.5
    for read in (from_frame, lambda f: check_frame(f, HALSNAES, on=DAY)):
        with pytest.raises(ValidationError) as info:
            read(floats)
        assert [(p.path, p.message) for p in info.value.problems] == [
            (f"rows[1].{INDEX}", "must be a whole number, 0 or more")
        ]


def _example():
    """A referral on 4 March 2024 and its acceptance the same day."""
    day = dt.date(2024, 3, 4)
    return Pathway.of(
        [
            Referred(
                citizen_id="c-1",
                occurred_on=day,
                recorded_by=Administration.JOB_CENTRE,
                referral_id="r-1",
                offer="rygestop",
                to=Administration.HEALTH,
                voluntary=True,
            ),
            ReferralAccepted(
                citizen_id="c-1",
                occurred_on=day,
                recorded_by=Administration.HEALTH,
                referral_id="r-1",
            ),
        ]
    )


@given(hs.citizens(), st.integers(min_value=0, max_value=MAX_SICK_DAYS), hs.dates())
def test_classify_with_a_numpy_sick_days_count_equals_with_the_int(citizen, days, on):
    plain_citizen = attrs.evolve(citizen, health=attrs.evolve(citizen.health, sick_days=days))
    numpy_citizen = attrs.evolve(
        citizen, health=attrs.evolve(citizen.health, sick_days=np.int64(days))
    )
    assert numpy_citizen == plain_citizen
    assert classify(numpy_citizen, on=on) == classify(plain_citizen, on=on)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (int, "must be an int"),
        (str, "must be a str"),
        (Administration, "must be an Administration"),
    ],
)
def test_a_kind_is_named_with_its_article(kind, expected):
    check = Checker()
    check.each((object(),), kind, "x")
    with pytest.raises(ValidationError) as excinfo:
        check.done()
    assert [str(p) for p in excinfo.value.problems] == [f"x[0]: {expected}"]
