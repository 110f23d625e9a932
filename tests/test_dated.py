"""The dated rule-table mechanism."""

import datetime as dt

import pytest

from helhed.benefits import Benefit, benefit_rules
from helhed.dated import Horizon, Rule, RuleTable
from helhed.errors import NoRuleError, ValidationError
from helhed.examples import demo_cohort
from helhed.models.catalogue import CapacityPeriod, period_key
from helhed.organisation import coordinating_caseworker_right
from helhed.simulation.analysis import last_day
from helhed.sources import Citation, Reason, Verification
from helhed.target_groups import classify

CITE = Citation("SST2019")
V = Verification.VERIFIED
REASON = Reason("law.beyond_known", "da", "en", CITE)


def table(horizon=None):
    rows = (
        Rule("x", dt.date(2020, 1, 1), "a", CITE, V),
        Rule("x", dt.date(2022, 1, 1), "b", CITE, V),
        Rule("y", dt.date(2021, 6, 1), "c", CITE, V),
    )
    return RuleTable("t", rows, horizon)


def test_a_row_holds_until_the_next_row_for_its_key():
    hit = table().lookup("x", dt.date(2021, 12, 31))

    assert (hit.value, hit.rule.valid_from, hit.valid_to) == (
        "a",
        dt.date(2020, 1, 1),
        dt.date(2022, 1, 1),
    )
    assert table().lookup("x", dt.date(2022, 1, 1)).value == "b"


def test_a_date_before_the_first_row_is_an_error_naming_the_first_date():
    with pytest.raises(
        NoRuleError,
        match="t: no rule for y on 2021-05-31; the first rule takes effect on 2021-06-01",
    ):
        table().lookup("y", dt.date(2021, 5, 31))


def test_an_unknown_key_is_an_error():
    with pytest.raises(NoRuleError, match="no rule for z"):
        table().lookup("z", dt.date(2021, 1, 1))


def test_the_horizon_marks_answers_from_its_first_day():
    t = table(Horizon(dt.date(2023, 1, 1), REASON))

    assert t.lookup("x", dt.date(2022, 12, 31)).beyond_known_law is False
    assert t.lookup("x", dt.date(2023, 1, 1)).beyond_known_law is True


def test_two_rows_for_the_same_key_and_day_are_refused():
    with pytest.raises(ValidationError, match=r"t\[x\]: two rows take effect on 2020-01-01"):
        RuleTable(
            "t",
            (
                Rule("x", dt.date(2020, 1, 1), 1, CITE, V),
                Rule("x", dt.date(2020, 1, 1), 2, CITE, V),
            ),
        )


def test_with_rows_and_with_horizon_return_new_tables():
    t = table()
    reformed = t.with_rows([Rule("y", dt.date(2024, 1, 1), "d", CITE, V)]).with_horizon(
        Horizon(dt.date(2025, 1, 1), REASON)
    )

    assert reformed.boundaries("y") == (dt.date(2021, 6, 1), dt.date(2024, 1, 1))
    assert t.boundaries("y") == (dt.date(2021, 6, 1),)
    assert t.horizon is None
    assert sorted(reformed.keys()) == ["x", "y"]
    assert reformed.boundaries("nothing") == ()


def _datetime_refused(call, path):
    with pytest.raises(ValidationError) as excinfo:
        call(dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC))
    assert [p.path for p in excinfo.value.problems] == [path]
    assert "must be a date" in str(excinfo.value)


def test_a_datetime_where_a_day_is_wanted_is_refused_by_name():
    """A datetime is a date to isinstance but does not compare with one."""
    citizen = demo_cohort()[0]
    _datetime_refused(lambda on: classify(citizen, on=on), "on")
    _datetime_refused(lambda on: coordinating_caseworker_right(citizen, on=on), "on")
    _datetime_refused(lambda on: period_key(CapacityPeriod.WEEK, on), "day")
    _datetime_refused(lambda on: last_day(on, 4), "start")
    _datetime_refused(lambda on: benefit_rules(Benefit.CASH_BENEFIT_JOB_READY, on=on), "on")
