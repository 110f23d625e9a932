"""Parallel interventions, caseloads and the coordinating caseworker, worked out by hand.

Intervals are closed: an intervention that ends on the day another starts ran on the same
day as it, so the two overlap. Caseloads count open pathways only, earliest assignment first.
The coordinating caseworker right (SST2019 4.1) is read from the dated benefit rules, whose
first row takes effect on 19 January 2018; before that day nothing is judged.
"""

import datetime as dt

import attrs
import pytest

from helhed.benefits import Benefit
from helhed.errors import ValidationError
from helhed.organisation import Role
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway
from helhed.rules import (
    CoordinatingCaseworkerAssigned,
    Finding,
    OneCoordinatingCaseworker,
    Severity,
    at_most_per,
    parallel,
)
from rule_log import CITE, READING, TEXT, A, at, make


def referral(cid="c-1", day=0, to=A.HEALTH):
    return make(
        ev.Referred,
        day,
        A.JOB_CENTRE,
        cid,
        referral_id="r-1",
        offer="samtale",
        to=to,
        voluntary=True,
    )


def expected(rule, events, dates, da, en, cid="c-1"):  # noqa: PLR0913, PLR0917 - a finding's fields
    return Finding(
        rule_id=rule.id,
        citizen_id=cid,
        severity=rule.severity,
        events=events,
        dates=dates,
        text_da=f"{rule.text_da} {da}",
        text_en=f"{rule.text_en} {en}",
        citation=rule.citation,
        reading=rule.reading,
    )


# --- parallel ----------------------------------------------------------------------------------

PARALLEL = parallel(A.HEALTH, A.JOB_CENTRE, id="x.parallel", citation=CITE, **TEXT)
APART = (
    "Indsatser i sundhedsafdeling og jobcenter / beskæftigelse lå efter hinanden og "
    "overlappede ikke.",
    "Interventions of health department and job centre / employment ran one after the other "
    "and never overlapped.",
)


def _spans(*spans):
    """A pathway with one intervention per (administration, offer, start, end or None)."""
    marks = []
    for by, offer, start, end in spans:
        marks.append((start, 0, make(ev.InterventionStarted, start, by, offer=offer)))
        if end is not None:
            marks.append((end, 1, make(ev.InterventionCompleted, end, by, offer=offer)))
    return Pathway.of([referral(), *(m[2] for m in sorted(marks, key=lambda m: m[:2]))])


@pytest.mark.parametrize(
    ("health", "job", "broken"),
    [
        ((1, 30), (20, 60), False),
        ((1, 30), (30, 60), False),  # the job centre starts the day health ends
        ((1, 30), (31, 60), True),
        ((40, 70), (1, 40), False),  # health starts the day the job centre ends
        ((40, 70), (1, 39), True),
        ((1, 30), (10, 20), False),  # the job centre's inside health's
        ((10, 20), (1, 30), False),  # health's inside the job centre's
    ],
)
def test_parallel_closed_intervals_overlap_when_they_share_a_day(health, job, broken):
    pathway = _spans((A.HEALTH, "motion", *health), (A.JOB_CENTRE, "praktik", *job))
    # Either way round the log is: first start 1, its end 2, second start 3, its end 4.
    got = list(PARALLEL.check(pathway, at(90)))

    assert got == (
        [expected(PARALLEL, (1, 3), (at(health[0]), at(job[0])), *APART)] if broken else []
    )


def test_parallel_names_every_intervention_and_the_first_start_of_each():
    pathway = _spans(
        (A.HEALTH, "motion", 1, 5),
        (A.HEALTH, "rygestop", 3, 9),
        (A.JOB_CENTRE, "praktik", 20, 30),
        (A.JOB_CENTRE, "mentor", 25, None),
    )
    # Log: 0 referral, 1 motion, 2 rygestop, 3 motion ends, 4 rygestop ends, 5 praktik,
    # 6 mentor, 7 praktik ends.
    assert list(PARALLEL.check(pathway, at(90))) == [
        expected(PARALLEL, (1, 2, 5, 6), (at(1), at(20)), *APART)
    ]


def test_parallel_an_intervention_dropped_out_of_ends_there():
    pathway = Pathway.of(
        [
            referral(),
            make(ev.InterventionStarted, 1, offer="motion"),
            make(ev.InterventionDroppedOut, 4, offer="motion"),
            make(ev.InterventionStarted, 5, A.JOB_CENTRE, offer="praktik"),
        ]
    )

    assert list(PARALLEL.check(pathway, at(90))) == [
        expected(PARALLEL, (1, 3), (at(1), at(5)), *APART)
    ]


def test_parallel_a_running_intervention_runs_until_the_day_of_the_check():
    pathway = _spans((A.HEALTH, "motion", 1, None), (A.JOB_CENTRE, "praktik", 50, 60))

    assert list(PARALLEL.check(pathway, at(49))) == [
        expected(PARALLEL, (1, 2), (at(1), at(50)), *APART)
    ]
    assert list(PARALLEL.check(pathway, at(50))) == []


def test_parallel_a_running_intervention_runs_until_the_pathway_closed():
    pathway = _spans((A.HEALTH, "motion", 1, None), (A.JOB_CENTRE, "praktik", 5, 6)).append(
        make(ev.PathwayClosed, 10, A.JOB_CENTRE)
    )

    assert list(PARALLEL.check(pathway, at(3))) == []
    early = _spans((A.HEALTH, "motion", 1, None), (A.JOB_CENTRE, "praktik", 12, 13))
    assert list(PARALLEL.check(early, at(11))) == [
        expected(PARALLEL, (1, 2), (at(1), at(12)), *APART)
    ]


def test_parallel_counts_only_what_each_administration_recorded():
    # The job centre ends the health department's course: for the job centre that is no span.
    pathway = Pathway.of(
        [
            referral(),
            make(ev.InterventionStarted, 1, offer="motion"),
            make(ev.InterventionCompleted, 3, A.JOB_CENTRE, offer="motion"),
            make(ev.InterventionStarted, 5, A.JOB_CENTRE, offer="praktik"),
        ]
    )

    # Health's course still runs (no completion of its own): it overlaps the job centre's.
    assert list(PARALLEL.check(pathway, at(9))) == []
    only_health = Pathway.of([referral(), make(ev.InterventionStarted, 1, offer="motion")])
    assert list(PARALLEL.check(only_health, at(9))) == []
    only_job = Pathway.of(
        [referral(), make(ev.InterventionStarted, 1, A.JOB_CENTRE, offer="praktik")]
    )
    assert list(PARALLEL.check(only_job, at(9))) == []


# --- at_most_per -----------------------------------------------------------------------------

MENTORS = at_most_per(2, Role.MENTOR, id="x.mentor", citation=CITE, basis=READING, **TEXT)


def _assigned(cid, day, staff="m-1", role=Role.MENTOR, *extra):
    return Pathway.of(
        [
            referral(cid, day),
            *extra,
            make(ev.CaseworkerAssigned, day, A.JOB_CENTRE, cid, staff_id=staff, role=role),
        ]
    )


def _over(staff, cid, day, place, index=1):
    return expected(
        MENTORS,
        (index,),
        (at(day),),
        f"{staff} fik borgeren {at(day)} som nr. {place}; grænsen er 2.",
        f"{staff} took the citizen on {at(day)} as number {place}; the limit is 2.",
        cid,
    )


def test_at_most_per_counts_open_pathways_of_the_role_earliest_first():
    closed = _assigned("c-0", 0).append(make(ev.PathwayClosed, 9, A.JOB_CENTRE, "c-0"))
    released = _assigned("c-f", 0).append(
        make(ev.CaseworkerReleased, 1, A.JOB_CENTRE, "c-f", staff_id="m-1")
    )
    later = make(ev.ScreeningRecorded, 5, A.HEALTH, "c-a", instrument="who5", score=10)
    cohort = [
        closed,
        _assigned("c-a", 5, "m-1", Role.MENTOR, later),
        _assigned("c-c", 3),
        _assigned("c-b", 3),
        _assigned("c-d", 1),
        _assigned("c-e", 0, "m-1", Role.CASEWORKER),
        released,
        _assigned("c-i", 3, "m-0"),
        _assigned("c-g", 1, "m-0"),
        _assigned("c-h", 2, "m-0"),
    ]

    assert list(MENTORS.check_all(cohort, at(10))) == [
        _over("m-0", "c-i", 3, 3),
        _over("m-1", "c-c", 3, 3),
        _over("m-1", "c-a", 5, 4, index=2),
    ]
    assert list(MENTORS.check_all(cohort[:3], at(10))) == []
    assert list(MENTORS.check(cohort[1], at(10))) == []


def test_at_most_per_exactly_at_the_limit_is_no_finding():
    one = at_most_per(1, Role.MENTOR, id="x.one", citation=CITE, **TEXT)

    assert list(one.check_all([_assigned("c-1", 1)], at(10))) == []
    (finding,) = one.check_all([_assigned("c-2", 2), _assigned("c-1", 1)], at(10))
    assert finding.citizen_id == "c-2"
    assert (
        finding.text_en == "Rule. m-1 took the citizen on 2024-03-06 as number 2; the limit is 1."
    )
    assert finding.text_da == "Regel. m-1 fik borgeren 2024-03-06 som nr. 2; grænsen er 1."


# --- the coordinating caseworker ----------------------------------------------------------------


def _rule(grace_days=0):
    return CoordinatingCaseworkerAssigned(
        id="x.tildelt", citation=CITE, severity=Severity.WARNING, grace_days=grace_days, **TEXT
    )


def _benefits(*changes, extra=()):
    events = [referral(to=A.JOB_CENTRE)]
    events += [make(ev.BenefitChanged, day, A.JOB_CENTRE, benefit=b) for day, b in changes]
    return Pathway.of([*events, *extra])


def _nobody(rule, since, on, events, benefit=("Ressourceforløb", "Resource course")):
    return expected(
        rule,
        events,
        (since, on),
        f"{benefit[0]} fra {since}; ingen koordinerende sagsbehandler {on}.",
        f"{benefit[1]} from {since}; no coordinating caseworker on {on}.",
    )


def test_the_right_is_judged_from_the_day_after_it_began():
    rule = _rule()
    pathway = _benefits((1, Benefit.RESOURCE_COURSE))

    assert list(rule.check(pathway, at(1))) == []
    assert list(rule.check(pathway, at(2))) == [_nobody(rule, at(1), at(2), (1,))]


@pytest.mark.parametrize(("grace", "last_quiet"), [(1, 2), (14, 15)])
def test_grace_days_are_whole_days_after_the_right_began(grace, last_quiet):
    rule = _rule(grace)
    pathway = _benefits((1, Benefit.RESOURCE_COURSE))

    assert list(rule.check(pathway, at(last_quiet))) == []
    assert list(rule.check(pathway, at(last_quiet + 1))) == [
        _nobody(rule, at(1), at(last_quiet + 1), (1,))
    ]


def test_the_right_runs_from_the_latest_change_of_funding_basis():
    rule = _rule()
    pathway = _benefits((1, Benefit.CASH_BENEFIT_JOB_READY), (5, Benefit.JOB_CLARIFICATION_COURSE))

    assert list(rule.check(pathway, at(5))) == []
    assert list(rule.check(pathway, at(9))) == [
        _nobody(rule, at(5), at(9), (2,), ("Jobafklaringsforløb", "Job clarification course"))
    ]


@pytest.mark.parametrize(
    "pathway",
    [
        _benefits((1, Benefit.RESOURCE_COURSE), (5, Benefit.CASH_BENEFIT_JOB_READY)),
        _benefits((1, Benefit.RESOURCE_COURSE), (5, None)),
        _benefits((1, Benefit.RESOURCE_COURSE), extra=[make(ev.PathwayClosed, 6, A.JOB_CENTRE)]),
        _benefits(
            (1, Benefit.RESOURCE_COURSE),
            extra=[
                make(
                    ev.CaseworkerAssigned,
                    3,
                    A.JOB_CENTRE,
                    staff_id="s-1",
                    role=Role.COORDINATING_CASEWORKER,
                )
            ],
        ),
        Pathway.of([referral()]),
    ],
    ids=["no-right-now", "no-benefit", "closed", "assigned", "no-benefit-ever"],
)
def test_no_finding_without_the_right_an_open_pathway_or_a_gap(pathway):
    assert list(_rule().check(pathway, at(30))) == []


def test_another_caseworker_is_not_the_coordinating_one():
    pathway = _benefits(
        (1, Benefit.RESOURCE_COURSE),
        extra=[make(ev.CaseworkerAssigned, 3, A.JOB_CENTRE, staff_id="s-1")],
    )

    assert list(_rule().check(pathway, at(9))) == [_nobody(_rule(), at(1), at(9), (1,))]


def test_the_right_is_not_judged_on_a_day_before_the_known_benefit_rules():
    since = dt.date(2017, 6, 1)
    pathway = Pathway.of(
        [
            ev.Referred(
                citizen_id="c-1",
                occurred_on=since,
                recorded_by=A.JOB_CENTRE,
                referral_id="r-1",
                offer="samtale",
                to=A.JOB_CENTRE,
                voluntary=True,
            ),
            ev.BenefitChanged(
                citizen_id="c-1",
                occurred_on=since,
                recorded_by=A.JOB_CENTRE,
                benefit=Benefit.RESOURCE_COURSE,
            ),
        ]
    )
    rule = _rule()

    assert list(rule.check(pathway, dt.date(2018, 1, 18))) == []
    on = dt.date(2018, 1, 19)
    assert list(rule.check(pathway, on)) == [_nobody(rule, since, on, (1,))]


# --- one coordinating caseworker -------------------------------------------------------------

ONE = OneCoordinatingCaseworker(id="x.same", citation=CITE, basis=READING, **TEXT)


def coordinator(day, staff, role=Role.COORDINATING_CASEWORKER):
    return make(ev.CaseworkerAssigned, day, A.JOB_CENTRE, staff_id=staff, role=role)


def test_each_change_of_coordinating_caseworker_is_a_finding():
    pathway = Pathway.of(
        [
            referral(),
            coordinator(1, "s-1"),
            coordinator(2, "s-9", Role.MENTOR),
            coordinator(4, "s-2"),
            coordinator(6, "s-1"),
            make(ev.CaseworkerReleased, 7, A.JOB_CENTRE, staff_id="s-1"),
            coordinator(8, "s-1"),
        ]
    )

    assert list(ONE.check(pathway, at(9))) == [
        expected(
            ONE,
            (1, 3),
            (at(1), at(4)),
            "Koordinerende sagsbehandler s-1 fra 2024-03-05 afløst af s-2 2024-03-08.",
            "Coordinating caseworker s-1 from 2024-03-05 replaced by s-2 on 2024-03-08.",
        ),
        expected(
            ONE,
            (3, 4),
            (at(4), at(6)),
            "Koordinerende sagsbehandler s-2 fra 2024-03-08 afløst af s-1 2024-03-10.",
            "Coordinating caseworker s-2 from 2024-03-08 replaced by s-1 on 2024-03-10.",
        ),
    ]
    assert list(ONE.check(Pathway.of([referral(), coordinator(1, "s-1")]), at(9))) == []


def test_a_rule_evolved_keeps_its_checks():
    with pytest.raises(ValidationError, match="grace_days: must be 0 or more"):
        attrs.evolve(_rule(), grace_days=-1)


def test_at_most_per_keeps_the_given_order_between_two_pathways_of_one_citizen():
    # check refuses two pathways of one citizen; check_all takes them as given, and with the
    # same day and citizen the sort (by day, then citizen) leaves them in the order given.
    one = at_most_per(1, Role.MENTOR, id="x.one", citation=CITE, **TEXT)
    second_in_log = _assigned("c-1", 1, "m-1", Role.MENTOR, make(ev.ContactMade, 1))
    first_in_log = _assigned("c-1", 1)

    (finding,) = one.check_all([second_in_log, first_in_log], at(10))
    assert finding.events == (1,)
    (finding,) = one.check_all([first_in_log, second_in_log], at(10))
    assert finding.events == (2,)
