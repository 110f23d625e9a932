"""Model 3 (SST2019 kap. 8) and its cases: Tønder, Sønderborg, Copenhagen IPS, Aalborg, Halsnæs."""

import datetime as dt

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from helhed.benefits import Benefit
from helhed.cases import aalborg, halsnaes, kobenhavn_ips, sonderborg, tonder
from helhed.cases.aalborg import (
    AALBORG,
    CONVERSATIONS_BY_UNIT,
    FLEX_OFFER,
    FLEX_OUTCOMES,
    FLEX_REFERRAL,
    FLEX_STATUS,
    REFERRALS_BY_DESTINATION,
    UNITS,
    FlexTrack,
    outposted_schedules,
)
from helhed.cases.halsnaes import HALSNAES
from helhed.cases.kobenhavn_ips import KOBENHAVN_IPS
from helhed.cases.sonderborg import SONDERBORG
from helhed.cases.tonder import COURSE, TONDER, course_period
from helhed.citizens import Citizen
from helhed.collaboration import CollaborationModel
from helhed.errors import HelhedError, ValidationError
from helhed.examples import aalborg as aalborg_example
from helhed.examples.halsnaes import HALSNAES_SIZE
from helhed.groups import RiskGroup
from helhed.models.specific import (
    IPS_CASELOAD_LIMIT,
    Caseload,
    CaseloadEntry,
    CaseloadFullError,
    ClarifyingConversation,
    IpsCondition,
    Participant,
    PresenceSchedule,
    Weekday,
    ips_eligibility,
    parallel_check,
)
from helhed.organisation import Administration, Period, Role, StaffMember
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway
from helhed.pathways.reports import InterventionStatus, intervention_status
from helhed.protocols import PROTOCOLS
from helhed.rules import Severity

A = Administration
D = dt.date(2024, 1, 8)  # a Monday
LATER = D + dt.timedelta(days=365)


def day(n):
    return D + dt.timedelta(days=n)


def at(n, kind, by=A.HEALTH, cid="c-1", **fields):
    return kind(citizen_id=cid, occurred_on=day(n), recorded_by=by, **fields)


def referral(offer, to=A.HEALTH, cid="c-1", n=0, *, voluntary=True):
    return at(
        n,
        ev.Referred,
        A.JOB_CENTRE,
        cid,
        referral_id="r-1",
        offer=offer,
        to=to,
        voluntary=voluntary,
    )


def findings(pathways, protocol, on=LATER):
    if isinstance(pathways, Pathway):
        pathways = [pathways]
    return check(pathways, protocol, on=on).findings


def only(pathway, protocol, on=LATER):
    (finding,) = findings(pathway, protocol, on)
    return finding


def started(n, offer, by):
    return at(n, ev.InterventionStarted, by, offer=offer)


def completed(n, offer, by):
    return at(n, ev.InterventionCompleted, by, offer=offer)


# --- the clarifying conversation (SST2019 8.2) ---------------------------------------------

CITIZEN = Participant.citizen("c-1")
CONSULTANT = Participant.staff(
    StaffMember(id="jk-1", role=Role.JOB_CONSULTANT, administration=A.JOB_CENTRE)
)
NURSE = Participant.staff(StaffMember(id="sp-1", role=Role.NURSE, administration=A.HEALTH))


def item(iid, administration, start, end=None, *, added=0, plan="p-1"):  # noqa: PLR0913
    return at(
        added,
        ev.PlanItemAdded,
        A.JOB_CENTRE,
        plan_id=plan,
        item_id=iid,
        offer=iid,
        administration=administration,
        profession=Role.JOB_CONSULTANT if administration is A.JOB_CENTRE else Role.NURSE,
        start=day(start),
        end=None if end is None else day(end),
    )


def conversation(*items, participants=(CITIZEN, CONSULTANT, NURSE)):
    return ClarifyingConversation(
        citizen_id="c-1", on=D, participants=tuple(participants), items=items
    )


def test_a_clarifying_conversation_with_all_three_and_parallel_offers():
    talk = conversation(item("praktik", A.JOB_CENTRE, 7, 60), item("KRAM-kursus", A.HEALTH, 14, 70))
    result = talk.parallel()

    assert result.parallel
    assert (result.company_directed, result.health) == (("praktik",), ("KRAM-kursus",))
    assert result.overlapping == (("praktik", "KRAM-kursus"),)
    assert [r.code for r in result.reasons] == ["specific.parallel.yes"]
    assert str(result.reasons[0].citation) == "SST2019 8.2"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        (CITIZEN, "participants: must include the citizen (SST2019 8.2)"),
        (
            CONSULTANT,
            "participants: must include a job consultant or caseworker of the job centre "
            "(SST2019 8.2)",
        ),
        (
            NURSE,
            "participants: must include a health professional of the health department "
            "(SST2019 8.2)",
        ),
    ],
)
def test_a_clarifying_conversation_without_one_of_the_three_is_refused(missing, message):
    present = [p for p in (CITIZEN, CONSULTANT, NURSE) if p is not missing]

    with pytest.raises(ValidationError) as caught:
        conversation(participants=present)
    assert str(caught.value) == message


def test_a_conversation_with_nobody_names_every_missing_participant():
    with pytest.raises(ValidationError) as caught:
        conversation(participants=())

    assert len(caught.value.problems) == 3


@pytest.mark.parametrize(
    "stand_in",
    [
        Participant.citizen("c-2"),  # another citizen
        Participant(id="x", role=Role.MENTOR, administration=A.JOB_CENTRE),  # not a caseworker
        Participant(id="x", role=Role.CASEWORKER, administration=A.SOCIAL),  # not the job centre
    ],
)
def test_only_the_right_people_count_as_the_three(stand_in):
    with pytest.raises(ValidationError):
        conversation(
            participants=(stand_in, CONSULTANT, NURSE)
            if stand_in.is_citizen
            else (CITIZEN, stand_in, NURSE)
        )


def test_a_caseworker_and_a_physiotherapist_also_make_a_conversation():
    caseworker = Participant(id="sb-1", role=Role.CASEWORKER, administration=A.JOB_CENTRE)
    physio = Participant(id="ft-1", role=Role.PHYSIOTHERAPIST, administration=A.HEALTH)

    assert conversation(participants=(CITIZEN, caseworker, physio)).participants[1].id == "sb-1"
    nurse_elsewhere = Participant(id="sp-9", role=Role.NURSE, administration=A.REGION)
    with pytest.raises(ValidationError, match="health professional"):
        conversation(participants=(CITIZEN, caseworker, nurse_elsewhere))


def test_participants_and_items_are_validated():
    with pytest.raises(ValidationError, match="administration: is given together with a role"):
        Participant(id="x", role=Role.NURSE)
    with pytest.raises(ValidationError, match=r"participants\[3\]\.id: is a duplicate"):
        conversation(participants=(CITIZEN, CONSULTANT, NURSE, NURSE))
    with pytest.raises(ValidationError, match=r"items\[0\]\.occurred_on: must not be before"):
        conversation(item("praktik", A.JOB_CENTRE, 7, added=-1))
    with pytest.raises(ValidationError, match=r"items\[1\]\.item_id: is a duplicate"):
        conversation(item("a", A.JOB_CENTRE, 7), item("a", A.HEALTH, 7))
    other = at(
        0,
        ev.PlanItemAdded,
        A.JOB_CENTRE,
        "c-2",
        plan_id="p-1",
        item_id="a",
        offer="a",
        administration=A.HEALTH,
        profession=Role.NURSE,
        start=D,
    )
    with pytest.raises(ValidationError, match=r"items\[0\]\.citizen_id"):
        conversation(other)


@pytest.mark.parametrize(
    ("items", "parallel", "codes"),
    [
        (
            (item("praktik", A.JOB_CENTRE, 7, 20), item("kursus", A.HEALTH, 21, 40)),
            False,
            ["specific.parallel.apart"],
        ),
        (
            (item("praktik", A.JOB_CENTRE, 7, 20), item("kursus", A.HEALTH, 20, 40)),
            True,  # one shared day is enough
            ["specific.parallel.yes"],
        ),
        ((item("kursus", A.HEALTH, 7, 20),), False, ["specific.parallel.no_company_directed"]),
        ((item("praktik", A.JOB_CENTRE, 7),), False, ["specific.parallel.no_health"]),
        ((), False, ["specific.parallel.no_company_directed", "specific.parallel.no_health"]),
    ],
)
def test_parallel_check(items, parallel, codes):
    result = parallel_check(items)

    assert result.parallel is parallel
    assert [r.code for r in result.reasons] == codes


def test_an_open_item_runs_until_the_day_given():
    items = (item("praktik", A.JOB_CENTRE, 7), item("kursus", A.HEALTH, 30, 40))

    assert parallel_check(items).parallel  # open: runs for ever
    assert not parallel_check(items, on=day(20)).parallel
    assert parallel_check(items, on=day(30)).parallel
    with pytest.raises(ValidationError, match=r"items\[0\]: must be a PlanItemAdded"):
        parallel_check(["praktik"])


def test_a_conversation_becomes_pathway_events():
    talk = conversation(
        item("kursus", A.HEALTH, 14, 70, added=2, plan="p-2"),
        item("praktik", A.JOB_CENTRE, 7, 60, added=1),
    )
    events = talk.events(referral_id="r-1")
    pathway = Pathway.of([referral("afklarende samtale"), *events])

    assert [type(e).__name__ for e in events] == [
        "ConversationHeld",
        "PlanCreated",
        "PlanItemAdded",
        "PlanCreated",
        "PlanItemAdded",
    ]
    assert events[0].conversation is ev.ConversationKind.CLARIFYING_CONVERSATION
    assert pathway.state.plans == {"p-1", "p-2"}


# --- Sønderborg ----------------------------------------------------------------------------


def sonderborg_pathway(*, talk_day=2, job=(5, 40), health=(10, 50)):
    events = [referral("afklarende samtale", to=A.JOB_CENTRE)]
    if talk_day is not None:
        events.append(
            at(
                talk_day,
                ev.ConversationHeld,
                A.JOB_CENTRE,
                conversation=ev.ConversationKind.CLARIFYING_CONVERSATION,
            )
        )
    events += [
        started(job[0], "virksomhedspraktik", A.JOB_CENTRE),
        completed(job[1], "virksomhedspraktik", A.JOB_CENTRE),
        started(health[0], "rygestopkursus", A.HEALTH),
        completed(health[1], "rygestopkursus", A.HEALTH),
    ]
    return Pathway.of(sorted(events, key=lambda e: e.occurred_on))


def test_sonderborg_conforming_pathway():
    assert findings(sonderborg_pathway(), SONDERBORG) == ()


def test_sonderborg_health_offers_start_after_the_clarifying_conversation():
    # The conversation on day 12; the placement (day 5) is not judged, the course (day 10) is.
    finding = only(sonderborg_pathway(talk_day=12), SONDERBORG)

    assert finding.rule_id == "sonderborg.clarifying_first"
    assert finding.dates == (day(10),)
    assert finding.severity is Severity.WARNING
    assert finding.reading
    assert str(finding.citation) == "SST2019 8.2"
    assert finding.text_en.endswith(
        "Intervention started on 2024-01-18: the health offer started before the clarifying "
        "conversation."
    )


def test_sonderborg_judges_no_citizen_without_a_clarifying_conversation():
    # Granted only to citizens who particularly need it (SST2019 8.2).
    assert findings(sonderborg_pathway(talk_day=None), SONDERBORG) == ()
    assert findings(sonderborg_pathway(talk_day=7), SONDERBORG) == ()


def test_sonderborg_offers_run_in_parallel():
    finding = only(sonderborg_pathway(job=(5, 20), health=(25, 50)), SONDERBORG)

    assert finding.rule_id == "sonderborg.parallel"
    assert finding.dates == (day(25), day(5))  # health first, then the job centre
    assert finding.severity is Severity.WARNING
    assert str(finding.citation) == "SST2019 8.2"


def test_sonderborg_scope():
    assert SONDERBORG.model is CollaborationModel.SPECIFIC_INTERVENTIONS
    assert SONDERBORG.target_groups == set(RiskGroup)
    assert {RiskGroup.MEDIUM, RiskGroup.HIGH} == sonderborg.MAIN_GROUPS
    assert SONDERBORG.funding == frozenset()
    assert Benefit.SICKNESS_BENEFIT in sonderborg.MAIN_FUNDING


# --- Copenhagen IPS ------------------------------------------------------------------------


def ips_pathway(cid="c-1", *, assigned=1, reverse=True, job=30, support=(37, 60), close=90):  # noqa: PLR0913
    events = [
        referral("IPS", to=A.JOB_CENTRE, cid=cid),
        at(
            assigned,
            ev.CaseworkerAssigned,
            A.JOB_CENTRE,
            cid,
            staff_id="ips-1",
            role=Role.IPS_CONSULTANT,
        ),
        at(10, ev.EmployerContacted, A.JOB_CENTRE, cid, reverse_placement=reverse),
    ]
    if job is not None:
        events.append(
            at(job, ev.JobOrEducationStarted, A.JOB_CENTRE, cid, placement=ev.Placement.JOB)
        )
    events += [at(n, ev.ContactMade, A.JOB_CENTRE, cid) for n in support]
    if close is not None:
        events.append(at(close, ev.PathwayClosed, A.JOB_CENTRE, cid))
    return Pathway.of(sorted(events, key=lambda e: e.occurred_on))


def test_ips_conforming_pathway():
    assert findings(ips_pathway(), KOBENHAVN_IPS) == ()


def test_ips_a_consultant_has_at_most_25_citizens():
    pathways = [ips_pathway(f"c-{n:02d}", assigned=n, close=None) for n in range(26)]

    assert findings(pathways[:25], KOBENHAVN_IPS) == ()
    (finding,) = findings(pathways, KOBENHAVN_IPS)
    assert (finding.rule_id, finding.citizen_id, finding.dates) == (
        "kobenhavn_ips.caseload",
        "c-25",
        (day(25),),
    )
    assert str(finding.citation) == "SST2019 8.3"
    assert finding.text_en.endswith(
        "ips-1 took the citizen on 2024-02-02 as number 26; the limit is 25."
    )


def test_ips_companies_are_approached_by_reverse_placement_only():
    finding = only(ips_pathway(reverse=False), KOBENHAVN_IPS)

    assert (finding.rule_id, finding.dates) == ("kobenhavn_ips.reverse_placement", (day(10),))
    assert str(finding.citation) == "SST2019 8.3"
    assert finding.text_en.endswith(
        "Employer contacted on 2024-01-18: the company was not chosen by the citizen's needs, "
        "motivation and wishes."
    )


@pytest.mark.parametrize(
    ("support", "close", "ending"),
    [
        ((), 30, "Job or education started on 2024-02-07; the pathway was closed the same day."),
        (
            (),
            90,
            "Job or education started on 2024-02-07; no contact or conversation after it before "
            "the pathway was closed on 2024-04-07.",
        ),
        (  # a contact on the day of the start is not support after it
            (30,),
            90,
            "Job or education started on 2024-02-07; no contact or conversation after it before "
            "the pathway was closed on 2024-04-07.",
        ),
    ],
)
def test_ips_support_continues_after_the_job_starts(support, close, ending):
    finding = only(ips_pathway(support=support, close=close), KOBENHAVN_IPS)

    assert finding.rule_id == "kobenhavn_ips.support_until_settled"
    assert finding.dates == (day(30), day(close))
    assert str(finding.citation) == "SST2019 8.3"
    assert finding.text_en.endswith(ending)


def test_ips_support_rule_judges_only_closed_pathways_with_a_start():
    assert findings(ips_pathway(support=(), close=None), KOBENHAVN_IPS) == ()
    assert findings(ips_pathway(job=None, support=(), close=40), KOBENHAVN_IPS) == ()
    conversation_after = (
        *ips_pathway(support=()).events[:-1],
        at(45, ev.ConversationHeld, A.JOB_CENTRE, conversation=ev.ConversationKind.FOLLOW_UP),
        at(90, ev.PathwayClosed, A.JOB_CENTRE),
    )
    assert findings(Pathway.of(conversation_after), KOBENHAVN_IPS) == ()


def test_ips_protocol_scope():
    assert KOBENHAVN_IPS.target_groups == {RiskGroup.HIGH}
    assert Benefit.RESOURCE_COURSE in KOBENHAVN_IPS.funding
    assert Benefit.SICKNESS_BENEFIT not in KOBENHAVN_IPS.funding
    assert {r.code: r.value for r in kobenhavn_ips.RESULTS}["caseload"] == 25


H = Benefit
C = IpsCondition


@pytest.mark.parametrize(
    ("benefit", "in_treatment", "diagnosis", "motivated", "eligible", "codes"),
    [
        (
            H.CASH_BENEFIT_ACTIVITY_READY,
            True,
            C.SCHIZOPHRENIA,
            True,
            True,
            [
                "ips.funding.yes",
                "ips.condition.yes",
                "ips.treatment.yes",
                "ips.motivated.yes",
                "ips.zero_exclusion",
            ],
        ),
        (H.CASH_BENEFIT_JOB_READY, True, C.BIPOLAR_DISORDER, True, True, None),
        (H.EDUCATION_BENEFIT_EDUCATION_READY, True, C.SEVERE_DEPRESSION, True, True, None),
        (H.RESOURCE_COURSE, True, C.SUBSTANCE_ABUSE, True, True, None),
        (
            H.SICKNESS_BENEFIT,
            True,
            C.SCHIZOPHRENIA,
            True,
            False,
            ["ips.funding.no", "ips.condition.yes", "ips.treatment.yes", "ips.motivated.yes"],
        ),
        (H.FLEX_JOB, True, C.SCHIZOPHRENIA, True, False, None),
        (
            None,
            True,
            C.SCHIZOPHRENIA,
            True,
            False,
            ["ips.funding.none", "ips.condition.yes", "ips.treatment.yes", "ips.motivated.yes"],
        ),
        (
            H.CASH_BENEFIT_ACTIVITY_READY,
            False,
            C.SCHIZOPHRENIA,
            True,
            False,
            ["ips.funding.yes", "ips.condition.yes", "ips.treatment.no", "ips.motivated.yes"],
        ),
        (
            H.CASH_BENEFIT_ACTIVITY_READY,
            True,
            None,
            True,
            False,
            ["ips.funding.yes", "ips.condition.no", "ips.treatment.yes", "ips.motivated.yes"],
        ),
        (
            H.CASH_BENEFIT_ACTIVITY_READY,
            True,
            C.SCHIZOPHRENIA,
            False,
            False,
            ["ips.funding.yes", "ips.condition.yes", "ips.treatment.yes", "ips.motivated.no"],
        ),
    ],
)
def test_ips_eligibility(benefit, in_treatment, diagnosis, motivated, eligible, codes):  # noqa: PLR0913, PLR0917
    answer = ips_eligibility(
        Citizen(id="c-1", benefit=benefit),
        in_treatment=in_treatment,
        diagnosis=diagnosis,
        motivated=motivated,
    )

    assert answer.eligible is eligible
    if codes is not None:
        assert [r.code for r in answer.reasons] == codes
    assert all(str(r.citation) == "SST2019 8.3" for r in answer.reasons)
    assert "<sensitive>" in repr(answer)
    assert "skizofreni" not in repr(answer).lower()


def test_ips_eligibility_checks_its_arguments():
    with pytest.raises(ValidationError, match="in_treatment: must be true or false"):
        ips_eligibility(Citizen(id="c-1"), in_treatment="ja", diagnosis=None)
    with pytest.raises(ValidationError, match="diagnosis: must be an IpsCondition"):
        ips_eligibility(Citizen(id="c-1"), in_treatment=True, diagnosis="skizofreni")
    assert [c for c in IpsCondition if not c.severe_mental_illness] == [C.SUBSTANCE_ABUSE]


# --- the IPS caseload ----------------------------------------------------------------------


def filled(n, consultant="ips-1"):
    load = Caseload(consultant_id=consultant)
    for i in range(n):
        load = load.assign(f"c-{i}", on=day(i))
    return load


def test_a_caseload_takes_25_and_refuses_the_26th():
    load = filled(25)

    assert (len(load), load.full, load.free) == (25, True, 0)
    with pytest.raises(CaseloadFullError) as caught:
        load.assign("c-25", on=day(30))
    assert str(caught.value) == (
        "consultant ips-1 already has 25 citizens; the limit is 25 (SST2019 8.3)"
    )
    assert isinstance(caught.value, HelhedError)
    assert (caught.value.consultant_id, caught.value.limit) == ("ips-1", 25)
    assert len(load) == 25


def test_release_frees_a_place():
    load = filled(25).release("c-3")

    assert (len(load), load.free, "c-3" in load) == (24, 1, False)
    again = load.assign("c-25", on=day(40))
    assert again.citizen_ids[-1] == "c-25"
    assert again.citizens[-1] == CaseloadEntry(citizen_id="c-25", since=day(40))


def test_a_caseload_refuses_duplicates_and_unknown_releases():
    load = filled(2)

    with pytest.raises(
        ValidationError, match="citizen_id: is already on the caseload of consultant 'ips-1'"
    ):
        load.assign("c-1", on=day(9))
    with pytest.raises(ValidationError, match="citizen_id: is not on the caseload"):
        load.release("c-9")
    with pytest.raises(ValidationError, match=r"citizens\[1\]\.citizen_id: is a duplicate"):
        Caseload(consultant_id="ips-1", citizens=(load.citizens[0],) * 2)
    with pytest.raises(ValidationError, match="citizens: holds 2; the limit is 1"):
        Caseload(consultant_id="ips-1", limit=1, citizens=load.citizens)
    with pytest.raises(ValidationError, match="limit: must be 1 or more"):
        Caseload(consultant_id="ips-1", limit=0)
    assert IPS_CASELOAD_LIMIT == 25


def test_a_caseload_is_a_value():
    load = filled(1)
    bigger = load.assign("c-1", on=day(1))

    assert len(load) == 1
    assert len(bigger) == 2
    assert [e.citizen_id for e in bigger] == ["c-0", "c-1"]


IDS = [f"c-{n}" for n in range(40)]


class CaseloadMachine(RuleBasedStateMachine):
    """Random assigns and releases: never more than 25, and a refusal changes nothing."""

    @initialize(prefill=st.integers(0, IPS_CASELOAD_LIMIT))
    def start(self, prefill):
        self.load = filled(prefill)
        self.model = {f"c-{n}" for n in range(prefill)}
        self.today = day(prefill)

    @rule(citizen=st.sampled_from(IDS), gap=st.integers(0, 10))
    def assign(self, citizen, gap):
        self.today += dt.timedelta(days=gap)
        before = self.load
        if citizen in self.model:
            with pytest.raises(ValidationError):
                self.load.assign(citizen, on=self.today)
        elif len(self.model) == IPS_CASELOAD_LIMIT:
            with pytest.raises(CaseloadFullError):
                self.load.assign(citizen, on=self.today)
        else:
            self.load = self.load.assign(citizen, on=self.today)
            self.model.add(citizen)
            return
        assert self.load == before

    @rule(citizen=st.sampled_from(IDS))
    def release(self, citizen):
        before = self.load
        if citizen in self.model:
            self.load = self.load.release(citizen)
            self.model.remove(citizen)
        else:
            with pytest.raises(ValidationError):
                self.load.release(citizen)
            assert self.load == before

    @invariant()
    def never_above_the_limit_and_matches_the_model(self):
        assert len(self.load) <= IPS_CASELOAD_LIMIT
        assert set(self.load.citizen_ids) == self.model
        assert self.load.free == IPS_CASELOAD_LIMIT - len(self.model)


CaseloadMachine.TestCase.settings = settings(max_examples=200, stateful_step_count=80)
test_caseload_machine = CaseloadMachine.TestCase


# --- outposted presence --------------------------------------------------------------------

JANUARY_2018 = Period(dt.date(2018, 1, 1), dt.date(2018, 1, 31))


def test_aalborg_presence_three_hours_a_week_and_six_in_uddannelseshuset():
    schedules = outposted_schedules()

    assert [s.unit for s in schedules] == list(UNITS)
    assert [s.hours_per_week for s in schedules] == [3, 3, 3, 6]
    assert all(s.hours_per_day == 3 for s in schedules)
    assert schedules[0].weekdays == {Weekday.TUESDAY}
    assert schedules[3].weekdays == {Weekday.TUESDAY, Weekday.THURSDAY}


def test_presence_dates_in_a_month():
    one, two = outposted_schedules()[0], outposted_schedules()[3]

    # January 2018 starts on a Monday: Tuesdays 2, 9, 16, 23, 30; Thursdays 4, 11, 18, 25.
    assert [d.day for d in one.dates(JANUARY_2018)] == [2, 9, 16, 23, 30]
    assert [d.day for d in two.dates(JANUARY_2018)] == [2, 4, 9, 11, 16, 18, 23, 25, 30]
    assert one.hours(JANUARY_2018) == 15
    assert two.hours(JANUARY_2018) == 27
    assert one.present_on(dt.date(2018, 1, 9))
    assert not one.present_on(dt.date(2018, 1, 10))
    assert not one.present_on(dt.date(2017, 12, 26))  # before the arrangement


def test_presence_leaves_out_closed_days_and_days_outside_the_arrangement():
    schedule = PresenceSchedule(
        unit="Sygedagpengehuset",
        weekdays=frozenset({Weekday.MONDAY}),
        hours_per_day=3,
        starts=dt.date(2018, 1, 10),
        ends=dt.date(2018, 1, 24),
    )

    assert [d.day for d in schedule.dates(JANUARY_2018)] == [15, 22]
    assert [d.day for d in schedule.dates(JANUARY_2018, closed=[dt.date(2018, 1, 15)])] == [22]
    assert schedule.dates(Period(dt.date(2018, 2, 1), dt.date(2018, 2, 28))) == ()


def test_presence_weekdays_are_a_parameter():
    schedules = outposted_schedules(weekdays=(Weekday.FRIDAY, Weekday.MONDAY))

    assert schedules[0].weekdays == {Weekday.FRIDAY}
    assert schedules[3].weekdays == {Weekday.FRIDAY, Weekday.MONDAY}
    with pytest.raises(ValidationError, match="weekdays: must hold at least 2 different"):
        outposted_schedules(weekdays=(Weekday.FRIDAY, Weekday.FRIDAY))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"weekdays": frozenset()}, "weekdays: must name at least one weekday"),
        ({"hours_per_day": 0}, "hours_per_day: must be more than 0 and at most 24"),
        ({"hours_per_day": True}, "hours_per_day: must be a number"),
        ({"ends": dt.date(2017, 1, 1)}, "ends: must not be before starts"),
    ],
)
def test_a_presence_schedule_is_validated(fields, message):
    base = {
        "unit": "Uddannelseshuset",
        "weekdays": frozenset({Weekday.TUESDAY}),
        "hours_per_day": 3,
        "starts": dt.date(2018, 1, 1),
    }
    with pytest.raises(ValidationError, match=message):
        PresenceSchedule(**{**base, **fields})


# --- Aalborg: Åben og Rolig Flex -----------------------------------------------------------


def flex_pathway(*, offer=FLEX_REFERRAL, talks=3):
    events = [referral(offer), at(0, ev.ReferralAccepted, A.JOB_CENTRE, referral_id="r-1")]
    events += [
        at(
            7 * n,
            ev.ConversationHeld,
            conversation=ev.ConversationKind.PREPARATORY,
            referral_id="r-1",
        )
        for n in range(1, talks + 1)
    ]
    events.append(at(35, ev.InterventionStarted, offer=FLEX_OFFER, referral_id="r-1"))
    return Pathway.of(events)


def test_aalborg_conforming_pathway():
    assert findings(flex_pathway(), AALBORG) == ()


def test_aalborg_flex_starts_the_team_after_preparatory_conversations():
    finding = only(flex_pathway(talks=0), AALBORG)

    assert (finding.rule_id, finding.dates) == ("aalborg.preparatory_first", (day(35),))
    assert str(finding.citation) == "AALBORG2019"
    assert finding.text_en.endswith(
        "Intervention started on 2024-02-12: no preparatory conversation in Åben og Rolig "
        "Flex before it."
    )


def test_aalborg_a_direct_referral_to_the_team_is_not_judged():
    assert findings(flex_pathway(offer=FLEX_OFFER, talks=0), AALBORG) == ()


def test_the_aalborg_example_log_keeps_the_protocol():
    assert findings(aalborg_example.aalborg_pathways(), AALBORG, on=dt.date(2019, 6, 1)) == ()


def test_aalborg_data_matches_the_example_and_the_tables():
    assert UNITS == aalborg_example.AALBORG_UNITS
    assert (FLEX_REFERRAL, FLEX_OFFER) == (
        aalborg_example.AALBORG_FLEX_REFERRAL,
        aalborg_example.AALBORG_FLEX_OFFER,
    )
    assert aalborg.EVALUATION_PERIOD == aalborg_example.AALBORG_PERIOD
    assert [sum(column) for column in zip(*CONVERSATIONS_BY_UNIT.values(), strict=True)] == [
        179,
        366,
        166,
    ]
    assert sum(REFERRALS_BY_DESTINATION.values()) == 166
    assert sum(FLEX_STATUS.values()) == 79  # as printed; the total row says 80
    assert tuple(FLEX_STATUS) == FLEX_OUTCOMES
    assert InterventionStatus.AWAITING not in FLEX_OUTCOMES
    assert [t.code for t in FlexTrack] == ["klargoerende", "stoettende"]
    table = intervention_status(
        aalborg_example.aalborg_pathways(),
        aalborg_example.AALBORG_PERIOD,
        offer=FLEX_OFFER,
        via=FLEX_REFERRAL,
    )
    for status, count in FLEX_STATUS.items():
        assert table.row(status.label_en)[1] == count
    figures = {r.code: r.value for r in aalborg.RESULTS}
    assert (figures["flex_citizens"], figures["referrals_per_year"]) == (80, 300)
    # Every figure cites AALBORG2019 down to the table or section that prints it.
    assert all(r.citation.source == "AALBORG2019" and r.citation.section for r in aalborg.RESULTS)


# --- Tønder --------------------------------------------------------------------------------


def tonder_pathway(end_day=55, end=ev.InterventionCompleted):
    events = [
        referral(COURSE, to=A.HEALTH),
        started(0, COURSE, A.HEALTH),
    ]
    if end_day is not None:
        events.append(at(end_day, end, offer=COURSE))
    return Pathway.of(events)


def test_tonder_conforming_pathway():
    assert findings(tonder_pathway(), TONDER) == ()
    assert [f.rule_id for f in findings(tonder_pathway(56), TONDER)] == ["tonder.eight_weeks"]
    assert findings(tonder_pathway(20, ev.InterventionDroppedOut), TONDER) == ()


def test_tonder_course_ends_within_eight_weeks():
    finding = only(tonder_pathway(60), TONDER)

    assert (finding.rule_id, finding.dates) == ("tonder.eight_weeks", (D, day(60)))
    assert finding.severity is Severity.WARNING
    assert str(finding.citation) == "SST2019 8.1"
    running = only(tonder_pathway(None), TONDER)
    assert running.dates == (D, day(55))
    assert findings(tonder_pathway(None), TONDER, on=day(55)) == ()


def test_tonder_data():
    assert course_period(D) == Period(D, day(55))
    assert course_period(D).days == 56
    assert tonder.COURSE_WEEKS == 8
    assert TONDER.funding == {Benefit.INTEGRATION_BENEFIT}
    assert TONDER.target_groups == set(RiskGroup)
    with pytest.raises(ValidationError, match="start: must be a date"):
        course_period("2024-01-08")


# --- Halsnæs -------------------------------------------------------------------------------


def halsnaes_pathway(*, voluntary=True, contact=3, health=(10, 60), consent=True):
    events = [
        referral("afklarende sundhedssamtale", voluntary=voluntary),
        at(0, ev.ReferralAccepted, A.JOB_CENTRE, referral_id="r-1"),
        at(contact, ev.ContactMade, referral_id="r-1"),
        started(5, "jobsøgning", A.JOB_CENTRE),
        started(health[0], "Trivsel og Sundhed i naturen", A.HEALTH),
        completed(health[1], "Trivsel og Sundhed i naturen", A.HEALTH),
    ]
    if consent:
        events.append(
            at(
                11,
                ev.ConsentGiven,
                to=A.JOB_CENTRE,
                purpose=ev.ConsentPurpose.COORDINATION,
                categories=frozenset({ev.InformationCategory.HEALTH}),
            )
        )
    events.append(
        at(
            12,
            ev.InformationDisclosed,
            source=A.HEALTH,
            to=A.JOB_CENTRE,
            category=ev.InformationCategory.HEALTH,
            purpose=ev.ConsentPurpose.COORDINATION,
        )
    )
    events.append(completed(70, "jobsøgning", A.JOB_CENTRE))
    return Pathway.of(sorted(events, key=lambda e: e.occurred_on))


def test_halsnaes_is_the_shipped_protocol_with_the_case_data():
    assert HALSNAES is PROTOCOLS["halsnaes"]
    assert halsnaes.REFERRED == HALSNAES_SIZE == 56
    assert halsnaes.STAFF == (Role.PHYSIOTHERAPIST, Role.NURSE)
    assert halsnaes.VBA_SECONDS == 30
    assert HALSNAES.funding == halsnaes.FUNDING
    assert Benefit.RESOURCE_COURSE in halsnaes.FUNDING
    assert [r.code for r in halsnaes.RESULTS] == [
        "referred",
        "project_years",
        "health_staff",
        "contact_within_weeks",
        "vba_seconds",
        "vba_steps",
        "theme_meetings",
    ]


def test_halsnaes_conforming_pathway():
    assert findings(halsnaes_pathway(), HALSNAES) == ()


@pytest.mark.parametrize(
    ("fields", "rule_id", "dates"),
    [
        ({"voluntary": False}, "halsnaes.voluntary", (D,)),
        ({"contact": 8}, "halsnaes.contact_within_week", (D, day(8))),
        ({"health": (75, 90)}, "halsnaes.parallel", (day(75), day(5))),
        ({"consent": False}, "halsnaes.consent", (day(12),)),
    ],
)
def test_halsnaes_each_rule(fields, rule_id, dates):
    finding = only(halsnaes_pathway(**fields), HALSNAES)

    assert (finding.rule_id, finding.dates) == (rule_id, dates)


# --- every model 3 protocol ----------------------------------------------------------------


@pytest.mark.parametrize("protocol", [SONDERBORG, KOBENHAVN_IPS, TONDER, AALBORG, HALSNAES])
def test_model_3_protocols_belong_to_model_3_and_prefix_their_rule_ids(protocol):
    assert protocol.model is CollaborationModel.SPECIFIC_INTERVENTIONS
    assert all(rule.id.startswith(f"{protocol.id}.") for rule in protocol.rules)
    assert protocol.citation.source in {"SST2019", "AALBORG2019", "HALSNAES"}
