"""Model 2 (SST2019 kap. 7) and its cases: Vordingborg, Silkeborg, Syddjurs."""

import calendar
import datetime as dt
import itertools

import attrs
import pytest
from dateutil import rrule
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.cases.silkeborg import (
    CANCER_CASEWORKERS,
    CANCER_SPARRING,
    JOB_CONSULTANT_MEETINGS,
    KNOWLEDGE_SHARING,
    MEETINGS,
    SILKEBORG,
)
from helhed.cases.syddjurs import (
    HEALTH_SERVICES,
    MANAGEMENT_MEETINGS,
    REPORT_DAYS,
    SYDDJURS,
    THERAPISTS,
    protocol,
)
from helhed.cases.vordingborg import PREMISE_PREREQUISITE, TEAM, VORDINGBORG, team
from helhed.collaboration import CollaborationModel
from helhed.errors import ValidationError
from helhed.groups import RiskGroup
from helhed.models.coordination import (
    COORDINATION,
    Activity,
    ActivityKind,
    Frequency,
    JointVisitation,
    MeetingSeries,
    visitation_events,
)
from helhed.organisation import Administration, Role, StaffMember
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway

A = Administration
D = dt.date(2024, 1, 8)  # a Monday
ON = D + dt.timedelta(days=120)


def day(n):
    return D + dt.timedelta(days=n)


def at(n, kind, by=A.HEALTH, cid="c-1", **fields):
    return kind(citizen_id=cid, occurred_on=day(n), recorded_by=by, **fields)


def opening(cid="c-1", by=A.JOB_CENTRE, offer="genoptræning"):
    return at(0, ev.Referred, by, cid, referral_id="r-1", offer=offer, to=A.HEALTH, voluntary=False)


def findings(pathway, protocol, on=ON):
    return check([pathway], protocol, on=on).findings


def only(pathway, protocol, on=ON):
    (finding,) = findings(pathway, protocol, on)
    return finding


def problems(error):
    return {p.path: p.message for p in error.value.problems}


# --- joint visitation --------------------------------------------------------------------


def assessment(n=2, professions=(Role.CASEWORKER, Role.PHYSIOTHERAPIST), cid="c-1"):
    return at(
        n,
        ev.AssessmentHeld,
        A.JOB_CENTRE,
        cid,
        professions=frozenset(professions),
        administrations=frozenset({A.JOB_CENTRE, A.HEALTH}),
    )


def activity(offer="stresshåndtering", kind=ActivityKind.HEALTH_PROMOTING, start=4, **fields):
    values = {
        "offer": offer,
        "kind": kind,
        "administration": A.HEALTH,
        "profession": Role.PHYSIOTHERAPIST,
        "start": day(start),
        "end": day(start + 56),
        **fields,
    }
    return Activity(**values)


ACTIVITIES = (
    activity(),
    activity(
        "virksomhedspraktik",
        ActivityKind.WORK_DIRECTED,
        administration=A.JOB_CENTRE,
        profession=Role.JOB_CONSULTANT,
    ),
)


def visitation(**fields):
    values = {
        "citizen_id": "c-1",
        "decided_on": day(3),
        "team": TEAM,
        "assessment": assessment(),
        "activities": ACTIVITIES,
        **fields,
    }
    return JointVisitation(**values)


def test_a_joint_visitation_rests_on_a_cross_disciplinary_assessment():
    decision = visitation()

    assert decision.professions == {Role.CASEWORKER, Role.PHYSIOTHERAPIST}
    assert decision.kinds == set(ActivityKind)
    assert decision.team.cross_disciplinary


def test_a_joint_visitation_on_one_profession_is_refused_naming_the_field():
    with pytest.raises(ValidationError) as error:
        visitation(assessment=assessment(professions=(Role.CASEWORKER,)))

    assert list(problems(error)) == ["assessment.professions"]
    assert "at least 2 professions" in problems(error)["assessment.professions"]


def test_registration_and_sanctions_are_the_municipality_prerequisite_not_the_decision():
    # SST2019 kap. 5 lists the acceptance among the general prerequisites; 7.1 gives it as
    # Vordingborg's premise. A decision carries no field for it.
    with pytest.raises(TypeError, match="accepts_registration_and_sanctions"):
        visitation(accepts_registration_and_sanctions=True)
    assert PREMISE_PREREQUISITE == "general.registration_sanctions"


def test_a_joint_visitation_chooses_at_least_one_activity():
    with pytest.raises(ValidationError) as error:
        visitation(activities=())

    assert problems(error) == {"activities": "must name at least one activity"}


def test_every_problem_with_a_visitation_is_named_at_once():
    with pytest.raises(ValidationError) as error:
        visitation(
            decided_on=day(1),
            assessment=assessment(n=2, professions=(Role.NURSE,), cid="c-2"),
            activities=(activity(start=0),),
            team="TIT",
        )

    assert set(problems(error)) == {
        "team",
        "assessment.citizen_id",
        "assessment.occurred_on",
        "assessment.professions",
        "activities[0].start",
    }


def test_an_activity_keeps_its_offer_out_of_repr_and_checks_its_days():
    assert "stresshåndtering" not in repr(activity())
    with pytest.raises(ValidationError) as error:
        activity(end=day(0))

    assert problems(error) == {"end": "must not be before start"}


def test_a_visitation_implies_an_assessment_a_plan_and_an_item_per_activity():
    events = visitation_events(visitation())

    assert [type(e) for e in events] == [ev.AssessmentHeld, ev.PlanCreated, *[ev.PlanItemAdded] * 2]
    plan = events[1]
    assert plan.plan_id == "visitation-2024-01-11"
    assert plan.recorded_by is A.JOB_CENTRE
    assert plan.occurred_on == day(3)
    assert [(e.item_id, e.offer, e.start) for e in events[2:]] == [
        ("a-1", "stresshåndtering", day(4)),
        ("a-2", "virksomhedspraktik", day(4)),
    ]
    assert Pathway.of([opening(), *events]).state.plans == {"visitation-2024-01-11"}


def test_the_events_view_can_leave_out_an_assessment_already_logged():
    events = visitation_events(visitation(), plan_id="p-9", with_assessment=False)

    assert [e.kind for e in events][:1] == [ev.EventKind.PLAN_CREATED]
    assert {e.plan_id for e in events} == {"p-9"}
    with pytest.raises(ValidationError, match="plan_id: must not be blank"):
        visitation_events(visitation(), plan_id=" ")


# --- model 2 and Vordingborg --------------------------------------------------------------


def vordingborg_pathway(*, assessed=True, professions=None, planned=True):
    # The log records what happened, so an assessment of one profession goes in as an event;
    # a JointVisitation value would refuse to rest on it.
    decision = visitation()
    events = [opening(offer="Team Tidlig Indsats")]
    if assessed:
        events.append(assessment(professions=professions) if professions else decision.assessment)
    if planned:
        events += visitation_events(decision, plan_id="p-1", with_assessment=False)
    events += [
        at(4, ev.InterventionStarted, a.administration, offer=a.offer, referral_id="r-1")
        for a in ACTIVITIES
    ]
    return Pathway.of(events)


def test_vordingborg_is_model_2_for_the_sick_listed():
    assert VORDINGBORG.id == "vordingborg"
    assert VORDINGBORG.model is CollaborationModel.COORDINATION
    assert VORDINGBORG.target_groups == {RiskGroup.MEDIUM, RiskGroup.HIGH}
    assert VORDINGBORG.funding == {
        Benefit.SICKNESS_BENEFIT,
        Benefit.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
        Benefit.RESOURCE_COURSE,
        Benefit.JOB_CLARIFICATION_COURSE,
    }
    assert [r.id for r in VORDINGBORG.rules] == [
        "vordingborg.visitation_before_plan",
        "vordingborg.assessment_cross_disciplinary",
        "vordingborg.activity_after_visitation",
    ]
    assert {str(r.citation) for r in VORDINGBORG.rules} == {"SST2019 7.1"}


def test_a_vordingborg_pathway_through_a_joint_visitation_keeps_every_rule():
    assert findings(vordingborg_pathway(), VORDINGBORG) == ()
    assert findings(vordingborg_pathway(), COORDINATION) == ()


def test_a_plan_without_an_assessment_before_it_is_a_finding():
    finding = only(vordingborg_pathway(assessed=False), VORDINGBORG)

    assert finding.rule_id == "vordingborg.visitation_before_plan"
    assert finding.dates == (day(3),)
    assert str(finding.citation) == "SST2019 7.1"
    assert finding.text_en.endswith(
        "Intervention plan created on 2024-01-11 with no cross-disciplinary assessment held "
        "before it."
    )


def test_an_assessment_of_one_profession_is_a_finding():
    finding = only(vordingborg_pathway(professions=(Role.CASEWORKER,)), VORDINGBORG)

    assert finding.rule_id == "vordingborg.assessment_cross_disciplinary"
    assert finding.dates == (day(2),)
    assert str(finding.citation) == "SST2019 7.1"
    assert finding.text_en.endswith("on 2024-01-10: only one profession took part.")


def test_an_activity_started_without_a_joint_visitation_is_a_finding():
    got = findings(vordingborg_pathway(assessed=False, planned=False), VORDINGBORG)

    assert [f.rule_id for f in got] == ["vordingborg.activity_after_visitation"] * 2
    assert {f.dates for f in got} == {(day(4),)}
    assert {str(f.citation) for f in got} == {"SST2019 7.1"}


def test_model_2_finds_the_same_breaches_citing_chapter_7():
    no_assessment = only(vordingborg_pathway(assessed=False), COORDINATION)
    one_profession = only(vordingborg_pathway(professions=(Role.NURSE,)), COORDINATION)

    assert no_assessment.rule_id == "model2.assessment_before_plan"
    assert one_profession.rule_id == "model2.assessment_cross_disciplinary"
    assert str(no_assessment.citation) == str(one_profession.citation) == "SST2019 kap. 7"
    assert COORDINATION.id == "model2"


def test_team_tidlig_indsats_spans_job_centre_and_health():
    assert TEAM.administrations == {A.JOB_CENTRE, A.HEALTH}
    with pytest.raises(ValidationError, match="both the job centre and the health department"):
        team([StaffMember(id="s-1", role=Role.CASEWORKER, administration=A.JOB_CENTRE)])


# --- Silkeborg ---------------------------------------------------------------------------


def disclosure(n):
    return at(
        n,
        ev.InformationDisclosed,
        source=A.HEALTH,
        to=A.JOB_CENTRE,
        category=ev.InformationCategory.HEALTH,
        purpose=ev.ConsentPurpose.PROGRESSION,
    )


def consent(n):
    return at(
        n,
        ev.ConsentGiven,
        to=A.JOB_CENTRE,
        purpose=ev.ConsentPurpose.PROGRESSION,
        categories=frozenset({ev.InformationCategory.HEALTH}),
    )


def test_silkeborg_shares_rehabilitation_data_with_consent():
    pathway = Pathway.of([opening(), consent(5), disclosure(20)])

    assert findings(pathway, SILKEBORG) == ()


def test_rehabilitation_data_shared_without_consent_is_a_finding():
    finding = only(Pathway.of([opening(), disclosure(20), consent(21)]), SILKEBORG)

    assert finding.rule_id == "silkeborg.rehabilitation_data_with_consent"
    assert finding.dates == (day(20),)
    assert finding.events == (1,)
    assert str(finding.citation) == "SST2019 7.2"


def test_silkeborg_is_for_sickness_benefit_and_activity_ready_cash_benefit():
    assert SILKEBORG.id == "silkeborg"
    assert SILKEBORG.funding == {Benefit.SICKNESS_BENEFIT, Benefit.CASH_BENEFIT_ACTIVITY_READY}
    assert SILKEBORG.target_groups == {RiskGroup.MEDIUM, RiskGroup.HIGH}
    assert [p.code for p in SILKEBORG.permissions] == ["silkeborg.weekly_meetings_superseded"]


def test_silkeborgs_three_meeting_series():
    assert MEETINGS == (JOB_CONSULTANT_MEETINGS, KNOWLEDGE_SHARING, CANCER_SPARRING)
    assert [m.frequency for m in MEETINGS] == [
        Frequency.WEEKLY,
        Frequency.HALF_YEARLY,
        Frequency.QUARTERLY,
    ]
    assert KNOWLEDGE_SHARING.participants == {A.JOB_CENTRE, A.SOCIAL, A.HEALTH}
    assert CANCER_SPARRING.roles == {Role.PHYSIOTHERAPIST, Role.CASEWORKER}
    assert CANCER_CASEWORKERS == 3
    assert {str(m.citation) for m in MEETINGS} == {"SST2019 7.2"}


# --- Syddjurs ----------------------------------------------------------------------------


def syddjurs_pathway(  # noqa: PLR0913 - one switch per rule
    *,
    reviewed=True,
    purpose_first=True,
    sub_goal_plan="purpose",
    completed=True,
    report_on=70,
    opener=A.JOB_CENTRE,
):
    purpose = at(
        2, ev.PlanCreated, A.JOB_CENTRE, plan_id="purpose", plan_kind=ev.PlanKind.PURPOSE_PLAN
    )
    events = [opening(by=opener)]
    if purpose_first:
        events.append(purpose)
    events.append(at(3, ev.PlanCreated, plan_id="intervention"))
    if reviewed:
        events.append(at(4, ev.GrantReviewed, referral_id="r-1", outcome=ev.GrantOutcome.CHANGED))
    events.append(at(5, ev.InterventionStarted, offer="genoptræning", referral_id="r-1"))
    if not purpose_first:
        events.append(attrs.evolve(purpose, occurred_on=day(6), recorded_on=day(6)))
    events.append(at(7, ev.SubGoalSet, plan_id=sub_goal_plan, goal_id="g-1"))
    if completed:
        events.append(at(60, ev.InterventionCompleted, offer="genoptræning", referral_id="r-1"))
    if report_on is not None:
        events.append(
            at(
                report_on,
                ev.ReportWritten,
                report=ev.ReportKind.FINAL_INTERVENTION_REPORT,
                referral_id="r-1",
            )
        )
    return Pathway.of(events)


def test_a_syddjurs_pathway_in_the_right_order_keeps_every_rule():
    assert findings(syddjurs_pathway(), SYDDJURS) == ()


def test_a_start_before_the_therapist_re_evaluated_the_grant_is_a_finding():
    finding = only(syddjurs_pathway(reviewed=False), SYDDJURS)

    assert finding.rule_id == "syddjurs.grant_reviewed_before_start"
    assert finding.dates == (day(5),)
    assert str(finding.citation) == "SST2019 7.3"
    assert finding.text_en.endswith(
        "Intervention started on 2024-01-13 with no grant re-evaluated before it."
    )


def test_a_start_before_the_purpose_plan_is_a_finding():
    finding = only(syddjurs_pathway(purpose_first=False), SYDDJURS)

    assert finding.rule_id == "syddjurs.purpose_plan_before_start"
    assert finding.dates == (day(5),)
    assert str(finding.citation) == "SST2019 7.3"
    assert finding.text_en.endswith("with no purpose plan by the job centre before it.")


def test_a_sub_goal_under_another_plan_than_the_purpose_plan_is_a_finding():
    finding = only(syddjurs_pathway(sub_goal_plan="intervention"), SYDDJURS)

    assert finding.rule_id == "syddjurs.sub_goals_under_purpose_plan"
    assert finding.dates == (day(7),)
    assert str(finding.citation) == "SST2019 7.3"
    assert finding.text_en.endswith(
        "Sub-goal set on 2024-01-15: the plan is not the job centre's purpose plan."
    )


def test_a_completed_intervention_without_a_final_report_is_a_finding():
    finding = only(syddjurs_pathway(report_on=None), SYDDJURS)

    assert finding.rule_id == "syddjurs.final_report_after_completion"
    assert finding.dates == (day(60), day(60 + REPORT_DAYS))
    assert str(finding.citation) == "SST2019 7.3"
    assert "no final intervention report by 2024-03-22 (14 days)" in finding.text_en


def test_a_late_final_report_is_a_finding_and_the_limit_is_a_parameter():
    finding = only(syddjurs_pathway(report_on=80), SYDDJURS)

    assert finding.rule_id == "syddjurs.final_report_after_completion"
    assert finding.dates == (day(60), day(80))
    assert findings(syddjurs_pathway(report_on=80), protocol(report_days=20)) == ()


def test_a_final_report_is_not_due_before_the_limit_has_passed():
    assert findings(syddjurs_pathway(report_on=None), SYDDJURS, on=day(60 + REPORT_DAYS)) == ()


def test_a_report_written_before_the_completion_does_not_count():
    pathway = syddjurs_pathway(completed=False, report_on=30).append(
        at(60, ev.InterventionCompleted, offer="genoptræning", referral_id="r-1")
    )

    assert [f.rule_id for f in findings(pathway, SYDDJURS)] == [
        "syddjurs.final_report_after_completion"
    ]


def test_only_interventions_the_job_centre_granted_need_review_and_purpose_plan():
    by_gp = syddjurs_pathway(reviewed=False, purpose_first=False, opener=A.GENERAL_PRACTICE)

    assert findings(by_gp, SYDDJURS) == ()


def test_syddjurs_data():
    assert SYDDJURS.id == "syddjurs"
    assert SYDDJURS.target_groups == set(RiskGroup)
    assert SYDDJURS.funding == frozenset()
    assert (THERAPISTS, HEALTH_SERVICES) == (10, 14)
    assert MANAGEMENT_MEETINGS.frequency is Frequency.WEEKLY
    assert MANAGEMENT_MEETINGS.participants == {A.JOB_CENTRE, A.HEALTH}
    assert {str(r.citation) for r in SYDDJURS.rules} == {"SST2019 7.3"}
    with pytest.raises(ValidationError):
        protocol(report_days=-1)


# --- meeting series: worked examples ---------------------------------------------------


def series(frequency=Frequency.WEEKLY, starts=D, **fields):
    return MeetingSeries(
        name="møde",
        frequency=frequency,
        starts=starts,
        participants=frozenset({A.HEALTH}),
        **fields,
    )


def iso(dates):
    return [d.isoformat() for d in dates]


def test_weekly_from_monday_8_january():
    weekly = series()

    assert iso(weekly.next_dates(dt.date(2024, 1, 10), 3)) == [
        "2024-01-15",
        "2024-01-22",
        "2024-01-29",
    ]
    assert iso(weekly.next_dates(dt.date(2024, 1, 7), 2)) == ["2024-01-08", "2024-01-15"]
    assert iso(weekly.next_dates(dt.date(2024, 1, 8), 1)) == ["2024-01-15"]
    assert weekly.next_dates(dt.date(2024, 1, 8), 0) == ()


def test_quarterly_from_15_january():
    quarterly = series(Frequency.QUARTERLY, dt.date(2024, 1, 15))

    assert iso(quarterly.next_dates(dt.date(2024, 1, 15), 4)) == [
        "2024-04-15",
        "2024-07-15",
        "2024-10-15",
        "2025-01-15",
    ]
    assert iso(quarterly.between(dt.date(2024, 1, 15), dt.date(2024, 7, 15))) == [
        "2024-01-15",
        "2024-04-15",
        "2024-07-15",
    ]


def test_half_yearly_from_the_end_of_march_keeps_to_the_months_end():
    half = series(Frequency.HALF_YEARLY, dt.date(2024, 3, 31))

    assert iso(half.next_dates(dt.date(2024, 3, 31), 3)) == [
        "2024-09-30",
        "2025-03-31",
        "2025-09-30",
    ]


def test_a_monthly_series_from_the_29th_meets_on_the_last_day_of_february():
    quarterly = series(Frequency.QUARTERLY, dt.date(2023, 11, 29))

    assert iso(quarterly.next_dates(dt.date(2023, 11, 29), 5)) == [
        "2024-02-29",
        "2024-05-29",
        "2024-08-29",
        "2024-11-29",
        "2025-02-28",
    ]


def test_a_series_that_ends_stops_and_says_so_in_its_rrule():
    quarterly = series(Frequency.QUARTERLY, dt.date(2024, 1, 15), ends=dt.date(2024, 10, 15))

    assert iso(quarterly.next_dates(dt.date(2024, 1, 1), 10)) == [
        "2024-01-15",
        "2024-04-15",
        "2024-07-15",
        "2024-10-15",
    ]
    assert quarterly.to_rrule_line() == "RRULE:FREQ=MONTHLY;INTERVAL=3;UNTIL=20241015T000000"


def test_rrule_lines():
    assert series().to_rrule_line() == "RRULE:FREQ=WEEKLY"
    assert series(Frequency.QUARTERLY).to_rrule_line() == "RRULE:FREQ=MONTHLY;INTERVAL=3"
    assert series(Frequency.HALF_YEARLY).to_rrule_line() == "RRULE:FREQ=MONTHLY;INTERVAL=6"
    assert (
        series(Frequency.HALF_YEARLY, dt.date(2024, 1, 30)).to_rrule_line()
        == "RRULE:FREQ=MONTHLY;INTERVAL=6;BYSETPOS=1;BYMONTHDAY=30,-1"
    )
    assert str(series().rrule).splitlines() == ["DTSTART:20240108T000000", "RRULE:FREQ=WEEKLY"]


def test_a_meeting_series_checks_its_fields():
    with pytest.raises(ValidationError) as error:
        MeetingSeries(
            name=" ",
            frequency="weekly",
            starts=D,
            participants=frozenset(),
            ends=D - dt.timedelta(days=1),
            text_da="Møde",
        )

    assert set(problems(error)) == {"name", "frequency", "participants", "ends", "text_en"}
    with pytest.raises(ValidationError) as error:
        series().next_dates(D, -1)
    assert problems(error) == {"n": "must be 0 or more"}
    with pytest.raises(ValidationError) as error:
        series().between(D, D - dt.timedelta(days=1))
    assert problems(error) == {"end": "must not be before start"}


# --- meeting series: properties ----------------------------------------------------------

DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))


@st.composite
def meeting_series(draw):
    starts = draw(DAYS)
    ends = draw(st.none() | st.dates(starts, starts + dt.timedelta(days=3 * 366)))
    return series(draw(st.sampled_from(Frequency)), starts, ends=ends)


def month_index(day):
    return day.year * 12 + day.month


def last_day(day):
    return calendar.monthrange(day.year, day.month)[1]


@given(meeting_series(), DAYS, st.integers(0, 30))
def test_next_dates_are_increasing_after_the_day_and_within_the_series(meetings, after, n):
    dates = meetings.next_dates(after, n)

    assert all(a < b for a, b in itertools.pairwise(dates))
    assert all(d > after for d in dates)
    assert all(d >= meetings.starts for d in dates)
    if meetings.ends is None:
        assert len(dates) == n
    else:
        assert all(d <= meetings.ends for d in dates)


@given(meeting_series(), DAYS, st.integers(0, 30))
def test_an_end_only_cuts_the_dates_the_endless_series_would_give(meetings, after, n):
    endless = attrs.evolve(meetings, ends=None).next_dates(after, n)
    ends = meetings.ends or dt.date.max

    assert meetings.next_dates(after, n) == tuple(d for d in endless if d <= ends)


@given(meeting_series(), DAYS, st.integers(2, 30))
def test_consecutive_meetings_are_one_period_apart(meetings, after, n):
    dates = attrs.evolve(meetings, ends=None).next_dates(after, n)
    months = meetings.frequency.months

    for a, b in itertools.pairwise(dates):
        if months is None:
            assert (b - a).days == 7
        else:
            assert month_index(b) - month_index(a) == months
            assert b.day == min(meetings.starts.day, last_day(b))


@given(meeting_series(), DAYS, st.integers(1, 30))
def test_monthly_meetings_are_anchored_on_the_first_and_never_drift(meetings, after, n):
    months = meetings.frequency.months
    dates = meetings.next_dates(after, n)

    if months is not None:
        for d in dates:
            steps, rest = divmod(month_index(d) - month_index(meetings.starts), months)
            assert rest == 0
            assert d == meetings.starts + relativedelta(months=steps * months)


@given(meeting_series(), DAYS, st.integers(0, 400))
def test_between_agrees_with_next_dates(meetings, start, length):
    end = start + dt.timedelta(days=length)
    found = meetings.between(start, end)
    following = meetings.next_dates(start - dt.timedelta(days=1), len(found) + 1)

    assert found == tuple(d for d in following if d <= end)


@given(meeting_series(), DAYS)
def test_the_rrule_line_gives_the_same_dates(meetings, after):
    line = meetings.to_rrule_line()
    parsed = rrule.rrulestr(line, dtstart=dt.datetime.combine(meetings.starts, dt.time()))
    again = parsed.xafter(dt.datetime.combine(after, dt.time()), count=12, inc=False)

    assert tuple(m.date() for m in again) == meetings.next_dates(after, 12)
