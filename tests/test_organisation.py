"""The coordinating caseworker: the right (SST2019 4.1) and continuity (SST2019 4.1, fn. 7)."""

import datetime as dt

import pytest
from hypothesis import given

from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.errors import ValidationError
from helhed.organisation import (
    Administration,
    CaseworkerAssignment,
    CaseworkerChange,
    CaseworkerHistory,
    Period,
    Role,
    StaffMember,
    Team,
    check_continuity,
    coordinating_caseworker_right,
)
from helhed.testing import strategies as hs

YEAR = Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
RIGHT = {
    Benefit.RESOURCE_COURSE,
    Benefit.JOB_CLARIFICATION_COURSE,
    Benefit.CASH_BENEFIT_ACTIVITY_READY,
    Benefit.EDUCATION_BENEFIT_ACTIVITY_READY,
}


def assign(staff, start, end=None, coordinating=True):
    return CaseworkerAssignment(staff_id=staff, start=start, end=end, coordinating=coordinating)


def history(*assignments):
    return CaseworkerHistory(citizen_id="c-1", assignments=assignments)


@pytest.mark.parametrize(
    "benefit",
    [
        b
        for b in Benefit
        # Not yet in force in 2024, or renamed away on 1 January 2020.
        if b not in {Benefit.CASH_BENEFIT_EDUCATION_READY, Benefit.INTEGRATION_BENEFIT}
    ],
)
def test_the_right_follows_the_funding_basis_in_2024(benefit):
    answer = coordinating_caseworker_right(Citizen(id="c", benefit=benefit), on=dt.date(2024, 6, 1))

    assert answer.right is (benefit in RIGHT)
    assert answer.reasons[0].code == (
        "benefit.caseworker.yes" if benefit in RIGHT else "benefit.caseworker.no"
    )
    assert str(answer.reasons[0].citation) == "SST2019 4.1, fn. 7"


def test_activity_ready_education_benefit_loses_the_right_when_it_is_abolished():
    person = Citizen(id="c", benefit=Benefit.EDUCATION_BENEFIT_ACTIVITY_READY)

    assert coordinating_caseworker_right(person, on=dt.date(2025, 6, 30)).right is True
    after = coordinating_caseworker_right(person, on=dt.date(2025, 7, 1))
    assert after.right is False
    assert [r.code for r in after.reasons] == ["benefit.status.ophaevet", "benefit.caseworker.no"]


def test_no_funding_basis_and_no_rule_mean_no_right_with_a_reason():
    assert (
        coordinating_caseworker_right(Citizen(id="c"), on=dt.date(2024, 1, 1)).reasons[0].code
        == "caseworker.no_funding"
    )
    early = coordinating_caseworker_right(
        Citizen(id="c", benefit=Benefit.RESOURCE_COURSE), on=dt.date(2017, 1, 1)
    )
    assert (early.right, early.reasons[0].code) == (False, "caseworker.no_rule")


def test_one_caseworker_all_year_is_continuous():
    report = check_continuity(history(assign("s-1", dt.date(2023, 6, 1))), YEAR)

    assert report.continuous is True
    assert report.coordinators == ("s-1",)
    assert [r.code for r in report.reasons] == ["continuity.ok"]


def test_a_change_of_coordinating_caseworker_is_reported_on_its_first_day():
    report = check_continuity(
        history(
            assign("s-1", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
            assign("s-2", dt.date(2024, 7, 1)),
        ),
        YEAR,
    )

    assert report.continuous is False
    assert report.changes == (CaseworkerChange(dt.date(2024, 7, 1), "s-1", "s-2"),)
    assert report.gaps == report.overlaps == ()


def test_gaps_and_overlaps_are_measured_in_days():
    report = check_continuity(
        history(
            assign("s-1", dt.date(2024, 1, 10), dt.date(2024, 6, 30)),
            assign("s-2", dt.date(2024, 6, 21)),
        ),
        YEAR,
    )

    assert report.gaps == (Period(dt.date(2024, 1, 1), dt.date(2024, 1, 9)),)
    assert report.overlaps == (Period(dt.date(2024, 6, 21), dt.date(2024, 6, 30)),)
    assert report.changes == (CaseworkerChange(dt.date(2024, 7, 1), "s-1", "s-2"),)
    texts = [r.text_en for r in report.reasons]
    assert texts == [
        "The coordinating caseworker changed 1 time(s).",
        "9 day(s) without a coordinating caseworker.",
        "10 day(s) with more than one coordinating caseworker.",
    ]


def test_only_coordinating_assignments_count():
    report = check_continuity(
        history(
            assign("s-1", dt.date(2024, 1, 1)),
            assign("s-9", dt.date(2024, 3, 1), coordinating=False),
        ),
        YEAR,
    )

    assert report.continuous is True


def test_the_same_caseworker_returning_after_a_gap_is_a_gap_not_a_change():
    report = check_continuity(
        history(
            assign("s-1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
            assign("s-1", dt.date(2024, 5, 1)),
        ),
        YEAR,
    )

    assert report.changes == ()
    assert report.gaps == (Period(dt.date(2024, 4, 1), dt.date(2024, 4, 30)),)


def test_no_assignment_at_all_is_one_gap_covering_the_period():
    report = check_continuity(history(), YEAR)

    assert report.gaps == (YEAR,)
    assert report.coordinators == ()
    assert report.continuous is False


@given(hs.caseworker_histories(), hs.periods())
def test_gaps_and_covered_days_add_up_to_the_period(hist, period):
    report = check_continuity(hist, period)
    covered = sum(
        1
        for i in range(period.days)
        if any(
            a.coordinating and a.covers(period.start + dt.timedelta(days=i))
            for a in hist.assignments
        )
    )

    assert sum(g.days for g in report.gaps) + covered == period.days
    assert report.continuous is (
        covered == period.days and len(report.coordinators) == 1 and not report.overlaps
    )


def test_assignments_and_periods_reject_an_end_before_the_start():
    with pytest.raises(ValidationError, match="end: must not be before start"):
        assign("s-1", dt.date(2024, 2, 1), dt.date(2024, 1, 31))
    with pytest.raises(ValidationError, match="end: must not be before start"):
        Period(dt.date(2024, 2, 1), dt.date(2024, 1, 31))


def test_a_team_across_two_administrations_is_cross_disciplinary():
    team = Team(
        id="t-1",
        name="Team Tidlig Indsats",
        members=(
            StaffMember(id="a", role=Role.CASEWORKER, administration=Administration.JOB_CENTRE),
            StaffMember(id="b", role=Role.PHYSIOTHERAPIST, administration=Administration.HEALTH),
        ),
    )

    assert team.cross_disciplinary is True
    assert team.administrations == {Administration.JOB_CENTRE, Administration.HEALTH}
    assert [m.role.health_professional for m in team.members] == [False, True]


def test_a_team_refuses_duplicate_member_ids():
    member = StaffMember(id="a", role=Role.NURSE, administration=Administration.HEALTH)
    with pytest.raises(ValidationError, match=r"members\[1\]\.id: is a duplicate"):
        Team(id="t", name="T", members=(member, member))


def test_continuity_is_checked_up_to_the_last_date_there_is():
    last = dt.date.max
    history = CaseworkerHistory(
        citizen_id="c-1",
        assignments=(
            CaseworkerAssignment(staff_id="a", start=dt.date(9999, 1, 1), end=dt.date(9999, 6, 30)),
            CaseworkerAssignment(staff_id="b", start=dt.date(9999, 7, 1), end=last),
        ),
    )

    report = check_continuity(history, Period(dt.date(9999, 1, 1), last))

    assert not report.continuous
    assert report.coordinators == ("a", "b")
    assert report.changes == (CaseworkerChange(dt.date(9999, 7, 1), "a", "b"),)
    assert report.gaps == ()
    alone = CaseworkerHistory(citizen_id="c-1", assignments=(history.assignments[1],))
    gap = check_continuity(alone, Period(dt.date(9999, 6, 1), last))
    assert gap.gaps == (Period(dt.date(9999, 6, 1), dt.date(9999, 6, 30)),)
    assert check_continuity(alone, Period(dt.date(9999, 7, 1), last)).continuous
