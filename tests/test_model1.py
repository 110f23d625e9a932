"""Model 1 (SST2019 kap. 6) and its cases: Hjørring, Kolding, Jammerbugt."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.cases import HJORRING, JAMMERBUGT, KOLDING
from helhed.cases.hjorring import RESULTS
from helhed.cases.jammerbugt import TREATMENTS, TreatmentFormat, preventive_track_fits
from helhed.cases.kolding import (
    CONTENT_BY_BAND,
    COURSE,
    CourseModule,
    TeamMember,
    TeamRoster,
    course_content,
    course_days,
    course_decision,
    course_sessions,
)
from helhed.citizens import Citizen
from helhed.errors import TransitionError, ValidationError
from helhed.examples import kolding_team
from helhed.health import HealthChallenge, HealthDomain, HealthProfile, RiskFactor
from helhed.models.early_detection import (
    EARLY_DETECTION,
    parallel_items,
    plan_items,
    progression_series,
)
from helhed.organisation import Administration, Role
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway
from helhed.rules import Protocol, SameInstrument
from helhed.screening import audit, who5
from helhed.sources import Citation, Reading

A = Administration
D = dt.date(2024, 1, 8)  # a Monday


def at(day, kind, by=A.HEALTH, cid="c-1", **fields):
    return kind(citizen_id=cid, occurred_on=D + dt.timedelta(days=day), recorded_by=by, **fields)


def opening(cid="c-1"):
    return at(
        0,
        ev.Referred,
        A.JOB_CENTRE,
        cid,
        referral_id="r-1",
        offer="screening",
        to=A.HEALTH,
        voluntary=True,
    )


def item(day, iid, profession, *, length=60, plan="p-1"):
    return at(
        day,
        ev.PlanItemAdded,
        A.JOB_CENTRE,
        plan_id=plan,
        item_id=iid,
        offer=iid,
        administration=A.HEALTH,
        profession=profession,
        start=D + dt.timedelta(days=day),
        end=D + dt.timedelta(days=day + length),
    )


def model1_pathway(
    *,
    assessed=True,
    professions=(Role.PSYCHOLOGIST, Role.CASEWORKER),
    items=(Role.PSYCHOLOGIST, Role.JOB_CONSULTANT),
    follow_up="who5",
):
    events = [opening(), at(0, ev.ScreeningRecorded, instrument="who5", score=9)]
    if assessed:
        events.append(
            at(
                2,
                ev.AssessmentHeld,
                A.JOB_CENTRE,
                professions=frozenset(professions),
                administrations=frozenset({A.HEALTH, A.JOB_CENTRE}),
            )
        )
    events.append(at(3, ev.PlanCreated, A.JOB_CENTRE, plan_id="p-1"))
    events += [item(3 + n, f"i-{n}", role) for n, role in enumerate(items)]
    events.append(at(60, ev.ScreeningRecorded, instrument=follow_up, score=14))
    events.append(at(61, ev.ProgressionReviewed, A.JOB_CENTRE, plan_id="p-1", instrument=follow_up))
    events.append(at(62, ev.PlanAdjusted, A.JOB_CENTRE, plan_id="p-1"))
    return Pathway.of(events)


def rule_ids(pathway, protocol=EARLY_DETECTION, on=D + dt.timedelta(days=90)):
    return [f.rule_id for f in check([pathway], protocol, on=on).findings]


# --- model 1 -----------------------------------------------------------------------------


def test_a_full_model_1_pathway_keeps_every_rule():
    assert rule_ids(model1_pathway()) == []


def test_a_plan_needs_an_assessment_before_it():
    assert rule_ids(model1_pathway(assessed=False)) == ["model1.assessment_before_plan"]


def test_an_assessment_needs_two_professions():
    got = check(
        [model1_pathway(professions=(Role.PSYCHOLOGIST,))],
        EARLY_DETECTION,
        on=D + dt.timedelta(days=90),
    )

    (finding,) = got.findings
    assert finding.rule_id == "model1.assessment_cross_disciplinary"
    assert finding.text_en.endswith(
        "Cross-disciplinary assessment held on 2024-01-10: only one profession took part."
    )
    assert str(finding.citation) == "SST2019 kap. 6"


def test_a_plan_needs_items_of_two_professions():
    got = rule_ids(model1_pathway(items=(Role.PSYCHOLOGIST, Role.PSYCHOLOGIST)))

    assert got == ["model1.plan_cross_disciplinary"]


def test_progression_on_another_instrument_than_the_baseline_is_no_finding_of_model_1():
    # SST2019 kap. 6 names a screening tool and a progression tool: two tools.
    assert rule_ids(model1_pathway(follow_up="audit")) == []


def test_a_protocol_of_its_own_may_demand_the_same_instrument():
    own = Protocol(
        id="egen",
        name_da="Egen",
        name_en="Own",
        rules=(
            SameInstrument(
                id="egen.same_instrument",
                citation=Citation("SST2019", "kap. 6"),
                text_da="Samme redskab.",
                text_en="The same tool.",
                basis=Reading("Kommunens eget valg.", "The municipality's own choice."),
            ),
        ),
        citation=Citation("SST2019", "kap. 6"),
    )
    got = check([model1_pathway(follow_up="audit")], own, on=D + dt.timedelta(days=90))

    assert [f.rule_id for f in got.findings] == ["egen.same_instrument"] * 2
    assert got.findings[0].dates == (D + dt.timedelta(days=3), D + dt.timedelta(days=60))
    assert got.findings[0].reading


def test_plan_items_and_which_run_in_parallel():
    pathway = model1_pathway()
    items = plan_items(pathway, "p-1")

    assert [i.item_id for i in items] == ["i-0", "i-1"]
    assert len(parallel_items(items, on=D)) == 1
    apart = (item(0, "a", Role.NURSE, length=5), item(10, "b", Role.NURSE, length=5))
    assert parallel_items(apart, on=D) == ()


def test_plan_items_need_their_plan_and_unique_ids():
    pathway = Pathway.of([opening(), at(1, ev.PlanCreated, A.JOB_CENTRE, plan_id="p-1")])

    with pytest.raises(TransitionError, match="there is no plan 'p-9'"):
        pathway.append(item(2, "i-1", Role.NURSE, plan="p-9"))
    with pytest.raises(TransitionError, match="plan 'p-1' already has an item or sub-goal 'i-1'"):
        pathway.extend([item(2, "i-1", Role.NURSE), item(3, "i-1", Role.NURSE)])
    with pytest.raises(ValidationError, match="end: must not be before start"):
        item(2, "i-2", Role.NURSE, length=-1)


def test_progression_series_from_the_log():
    series = progression_series(model1_pathway(), "who5")

    assert [m.value for m in series.measurements] == [36, 56]
    change = series.overall()
    assert (change.delta, change.significant, change.days) == (20, True, 60)
    assert progression_series(model1_pathway(), "audit") is None


# --- Kolding -----------------------------------------------------------------------------


@pytest.mark.parametrize(("weeks", "days"), [(12, 58), (13, 63), (14, 68)])
def test_kolding_course_days_without_closed_days(weeks, days):
    schedule = course_days(dt.date(2024, 1, 3), weeks=weeks)

    assert len(schedule) == days
    assert schedule[:3] == (dt.date(2024, 1, 3), dt.date(2024, 1, 4), dt.date(2024, 1, 5))
    assert schedule[3] == dt.date(2024, 1, 8)
    assert all(day.weekday() < 5 for day in schedule)


def test_kolding_closed_days_are_left_out_not_made_up():
    easter = [dt.date(2024, 3, 28), dt.date(2024, 3, 29), dt.date(2024, 4, 1)]
    schedule = course_days(dt.date(2024, 1, 3), weeks=14, closed=[*easter, dt.date(2024, 3, 30)])

    assert len(schedule) == 68 - 3  # the Saturday was never a course day
    assert not set(easter) & set(schedule)
    assert schedule[-1] == dt.date(2024, 4, 5)
    first_week = course_days(dt.date(2024, 1, 1), weeks=12, closed=[dt.date(2024, 1, 2)])
    assert first_week[:3] == (dt.date(2024, 1, 1), dt.date(2024, 1, 3), dt.date(2024, 1, 8))


@pytest.mark.parametrize(
    ("start", "weeks", "message"),
    [
        (dt.date(2024, 1, 4), 12, "start: must be a Monday, Tuesday or Wednesday"),
        (dt.date(2024, 1, 3), 11, "weeks: must be 12, 13 or 14"),
        (dt.date(2024, 1, 3), 15, "weeks: must be 12, 13 or 14"),
    ],
)
def test_kolding_course_length_and_start_are_checked(start, weeks, message):
    with pytest.raises(ValidationError, match=message):
        course_days(start, weeks=weeks)


@given(
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    st.integers(0, 2),
    st.sampled_from([12, 13, 14]),
    st.lists(st.dates(dt.date(2020, 1, 1), dt.date(2031, 6, 1)), max_size=10),
)
def test_kolding_schedule_properties(day, weekday, weeks, closed):
    start = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=weekday)
    full = course_days(start, weeks=weeks)
    cut = course_days(start, weeks=weeks, closed=closed)

    assert len(full) == 3 + 5 * (weeks - 1)
    assert set(cut) == set(full) - set(closed)
    assert list(cut) == sorted(cut)
    assert full[-1] - start < dt.timedelta(weeks=weeks)


def test_kolding_sessions_have_fixed_times():
    sessions = course_sessions(
        dt.date(2024, 1, 3), weeks=12, starts_at=dt.time(9), ends_at=dt.time(14)
    )

    assert len(sessions) == 58
    assert sessions[0] == (
        dt.datetime.combine(dt.date(2024, 1, 3), dt.time(9)),
        dt.datetime.combine(dt.date(2024, 1, 3), dt.time(14)),
    )
    with pytest.raises(ValidationError, match="ends_at: must be after starts_at"):
        course_sessions(dt.date(2024, 1, 3), weeks=12, starts_at=dt.time(9), ends_at=dt.time(9))


@pytest.mark.parametrize(
    ("answers", "motivated", "need", "starts"),
    [
        ([1, 1, 2, 1, 1], True, True, True),  # percentage 24: likely depression
        ([2, 2, 2, 3, 3], True, True, True),  # 48: poor well-being
        ([3, 3, 3, 2, 2], True, False, False),  # 52, no item below 2: no need
        ([3, 3, 3, 3, 1], True, True, True),  # 52 but an item answered 1
        ([2, 2, 2, 3, 3], False, True, False),  # need without motivation
    ],
)
def test_a_course_needs_need_and_motivation(answers, motivated, need, starts):
    reading = who5.interpret(who5.score(answers), on=D)
    decision = course_decision(reading, motivated=motivated)

    assert (decision.need, decision.starts) == (need, starts)
    assert str(decision.reasons[0].citation) == "SST2019 6.2"


def test_course_content_follows_the_who5_band_through_a_replaceable_mapping():
    likely = who5.interpret(who5.score([1, 1, 1, 1, 1]), on=D)
    poor = who5.interpret(who5.score([2, 2, 2, 3, 3]), on=D)

    assert course_content(likely) == {CourseModule.PSYCHOEDUCATION}
    assert course_content(poor) == {CourseModule.PSYCHOEDUCATION, CourseModule.MINDFULNESS}
    own = {**CONTENT_BY_BAND, "poor": frozenset({CourseModule.MINDFULNESS})}
    assert course_content(poor, own) == {CourseModule.MINDFULNESS}
    with pytest.raises(ValidationError, match="must be a WHO-5 interpretation"):
        course_content(audit.interpret(audit.score([0] * 10), on=D))


def test_the_team_roster():
    team, _ = kolding_team()

    assert (team.size, team.returning, team.typical) == (20, 10, True)
    with pytest.raises(ValidationError, match=r"members\[1\]\.citizen_id: is a duplicate"):
        TeamRoster(start=D, members=(TeamMember(citizen_id="a", returning=False),) * 2)


def _kolding(screen_day=-7, rescreen_day=81):
    events = [
        at(
            -14,
            ev.Referred,
            A.JOB_CENTRE,
            referral_id="r-1",
            offer=COURSE,
            to=A.HEALTH,
            voluntary=True,
        ),
    ]
    if screen_day is not None:
        events.append(at(screen_day, ev.ScreeningRecorded, instrument="who5", score=8))
    events += [
        at(0, ev.InterventionStarted, offer=COURSE),
        at(81, ev.InterventionCompleted, offer=COURSE),
    ]
    if rescreen_day is not None:
        events.append(at(rescreen_day, ev.ScreeningRecorded, instrument="who5", score=13))
    return Pathway.of(sorted(events, key=lambda e: e.occurred_on))


def test_kolding_screens_before_and_after():
    after = D + dt.timedelta(days=120)

    assert rule_ids(_kolding(), KOLDING, after) == []
    assert rule_ids(_kolding(screen_day=None), KOLDING, after) == ["kolding.screened_first"]
    assert rule_ids(_kolding(rescreen_day=None), KOLDING, after) == ["kolding.rescreened"]
    assert rule_ids(_kolding(rescreen_day=88), KOLDING, after) == []
    assert rule_ids(_kolding(rescreen_day=89), KOLDING, after) == ["kolding.rescreened"]
    # not yet judged while the re-screening window is open
    assert rule_ids(_kolding(rescreen_day=None), KOLDING, D + dt.timedelta(days=88)) == []


def test_the_invented_kolding_team_keeps_the_protocol():
    _, pathways = kolding_team()

    assert check(pathways, KOLDING, on=dt.date(2024, 6, 1)).findings == ()
    assert len(pathways[0].events) == 7


# --- Hjørring and Jammerbugt -------------------------------------------------------------


def test_hjorring_published_results():
    figures = {r.code: r.value for r in RESULTS}

    assert figures == {
        "investment": 125,
        "goal_time_on_benefits": 1,
        "job_effect": 50,
        "payback": 2,
        "tracks": 8,
    }
    assert all(str(r.citation) == "SST2019 6.1" for r in RESULTS)
    assert Benefit.INSURED_UNEMPLOYMENT_BENEFIT in HJORRING.funding
    assert [p.code for p in HJORRING.permissions] == ["hjorring.screening_optional"]
    assert rule_ids(model1_pathway(), HJORRING) == []


def test_jammerbugt_first_conversation_before_the_consultant_and_treatment():
    consultant = at(
        5, ev.CaseworkerAssigned, A.HEALTH, staff_id="m-1", role=Role.SUBSTANCE_ABUSE_CONSULTANT
    )
    talk = at(3, ev.ConversationHeld, A.JOB_CENTRE, conversation=ev.ConversationKind.JOB_CENTRE)
    treatment = at(9, ev.InterventionStarted, offer="alkoholbehandling, gruppe")

    assert rule_ids(Pathway.of([opening(), talk, consultant, treatment]), JAMMERBUGT) == []
    got = rule_ids(Pathway.of([opening(), consultant, treatment]), JAMMERBUGT)
    assert got == ["jammerbugt.first_conversation", "jammerbugt.conversation_before_treatment"]
    assert set(TREATMENTS.values()) == set(TreatmentFormat)


@pytest.mark.parametrize(
    ("benefit", "health", "fits"),
    [
        (Benefit.EMPLOYED, HealthProfile(risk_factors=frozenset({RiskFactor.SMOKING})), True),
        (
            Benefit.EMPLOYED,
            HealthProfile(challenges=(HealthChallenge(domain=HealthDomain.PHYSICAL),)),
            True,
        ),
        (Benefit.EMPLOYED, HealthProfile(risk_factors=frozenset({RiskFactor.SLEEP})), False),
        (
            Benefit.SICKNESS_BENEFIT,
            HealthProfile(risk_factors=frozenset({RiskFactor.SMOKING})),
            False,
        ),
    ],
)
def test_jammerbugt_preventive_track_is_for_employed_citizens_at_risk(benefit, health, fits):
    answer, reasons = preventive_track_fits(Citizen(id="c-1", benefit=benefit, health=health))

    assert answer is fits
    assert all(str(r.citation) == "SST2019 6.3" for r in reasons)
