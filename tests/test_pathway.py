"""The pathway log: events, transitions refused with reasons, replay, and stateful properties."""

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from helhed.benefits import Benefit
from helhed.errors import TransitionError, ValidationError
from helhed.groups import RiskGroup
from helhed.organisation import Administration, Role
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway, ReferralStatus
from helhed.serialization import from_json, to_json
from helhed.testing import strategies as hs

A = Administration

D = dt.date(2024, 3, 4)


def at(days):
    return D + dt.timedelta(days=days)


def referral(rid="r-1", day=0, cid="c-1", offer="afklarende sundhedssamtale", **kw):
    fields = {"to": A.HEALTH, "voluntary": True, **kw}
    return ev.Referred(
        citizen_id=cid,
        occurred_on=at(day),
        recorded_by=A.JOB_CENTRE,
        referral_id=rid,
        offer=offer,
        **fields,
    )


def make(kind, day=0, by=A.HEALTH, cid="c-1", **fields):
    return kind(citizen_id=cid, occurred_on=at(day), recorded_by=by, **fields)


def opened():
    return Pathway.of([referral()])


# --- events ------------------------------------------------------------------------------


def test_every_event_kind_has_one_class_in_kind_order():
    assert list(ev.EVENT_TYPES) == list(ev.EventKind)
    for kind, cls in ev.EVENT_TYPES.items():
        assert cls.KIND is kind


def test_an_event_lists_every_bad_field():
    with pytest.raises(ValidationError) as caught:
        ev.Referred(
            citizen_id=" ",
            occurred_on=dt.datetime(2024, 1, 1, 12, 0),  # noqa: DTZ001 - a datetime is refused
            recorded_by="jobcenter",
            referral_id="",
            offer="",
            to=A.HEALTH,
            voluntary="yes",
        )

    assert [p.path for p in caught.value.problems] == [
        "citizen_id",
        "occurred_on",
        "recorded_by",
        "referral_id",
        "offer",
        "voluntary",
    ]


def test_a_consent_must_cover_at_least_one_category():
    with pytest.raises(ValidationError, match="categories: must name at least one category"):
        make(
            ev.ConsentGiven,
            to=A.JOB_CENTRE,
            purpose=ev.ConsentPurpose.COORDINATION,
            categories=frozenset(),
        )


def test_health_fields_of_events_are_hidden_from_repr():
    text = repr(
        Pathway.of(
            [
                referral(offer="rygestop"),
                make(ev.ScreeningRecorded, instrument="audit", score=23),
                make(ev.TargetGroupAssessed, group=None),
                make(ev.ReferredOnward, destination="misbrugscenter"),
            ]
        )
    )

    for secret in ("rygestop", "audit", "23", "misbrugscenter"):
        assert secret not in text
    assert "offer=<sensitive>" in text
    assert "group=<sensitive>" in text


# --- transitions -------------------------------------------------------------------------


def test_a_pathway_opens_with_a_referral():
    with pytest.raises(TransitionError) as caught:
        Pathway.of([make(ev.ContactMade)])

    assert caught.value.index == 0
    assert str(caught.value) == (
        "events[0] (Contact made, 2024-03-04): a pathway opens with a referral; this event "
        "would come before it"
    )


@pytest.mark.parametrize(
    ("event", "why"),
    [
        (make(ev.ContactMade, cid="c-2"), "belongs to another citizen's pathway"),
        (
            make(ev.ContactMade, day=-1),
            "is recorded on 2024-03-03, before events[0] (Referred, 2024-03-04), recorded on "
            "2024-03-04; the log is in the order of recording. An event recorded late gives the "
            "day it was recorded in recorded_on",
        ),
        (
            make(ev.ContactMade, day=-1, recorded_on=at(0)),
            "a pathway opens with a referral; this event would come before it",
        ),
        (referral(), "referral 'r-1' was already made; referral ids must be unique"),
        (make(ev.ReferralAccepted, referral_id="r-9"), "there is no referral 'r-9' to answer"),
        (make(ev.ContactMade, referral_id="r-9"), "there is no referral 'r-9'"),
        (
            make(ev.InterventionCompleted, offer="rygestop"),
            "this offer is not running; an intervention must start first",
        ),
        (
            make(ev.InterventionDroppedOut, offer="rygestop"),
            "this offer is not running; an intervention must start first",
        ),
        (make(ev.PlanAdjusted, plan_id="p-1"), "there is no plan 'p-1'"),
        (make(ev.CaseworkerReleased, staff_id="s-1"), "staff member 's-1' is not assigned"),
    ],
)
def test_an_event_that_cannot_follow_is_refused_and_the_log_is_unchanged(event, why):
    pathway = opened()
    before = pathway.state

    with pytest.raises(TransitionError) as caught:
        pathway.append(event)

    assert caught.value.why == why
    assert caught.value.index == 1
    assert pathway.events == (referral(),)
    assert pathway.state == before


def test_a_referral_is_answered_once():
    pathway = opened().append(make(ev.ReferralAccepted, referral_id="r-1"))

    with pytest.raises(TransitionError, match="referral 'r-1' was already accepted"):
        pathway.append(make(ev.ReferralDeclined, referral_id="r-1"))


def test_an_offer_runs_once_at_a_time_and_not_started_needs_it_idle():
    pathway = opened().append(make(ev.InterventionStarted, offer="rygestop"))

    with pytest.raises(TransitionError, match="this offer is already running"):
        pathway.append(make(ev.InterventionStarted, offer="rygestop"))
    with pytest.raises(TransitionError, match="this offer is already running"):
        pathway.append(make(ev.InterventionNotStarted, offer="rygestop"))
    done = pathway.append(make(ev.InterventionCompleted, day=56, offer="rygestop"))
    assert done.append(make(ev.InterventionStarted, day=60, offer="rygestop")).state.running


def test_an_intervention_may_not_start_from_a_declined_referral():
    pathway = opened().append(make(ev.ReferralDeclined, referral_id="r-1"))

    with pytest.raises(TransitionError, match="referral 'r-1' was declined"):
        pathway.append(make(ev.InterventionStarted, offer="x", referral_id="r-1"))


def test_recording_times_order_the_log_only_when_both_have_one():
    pathway = opened().append(make(ev.ContactMade, recorded_at=dt.time(10, 0)))

    assert pathway.append(make(ev.ContactMade)).state.last_on == D
    with pytest.raises(TransitionError, match="before events\\[1\\]"):
        pathway.append(make(ev.ContactMade, recorded_at=dt.time(9, 59)))
    later = pathway.append(make(ev.ContactMade, day=1, recorded_at=dt.time(8, 0)))
    assert later.state.last_on == at(1)


def test_nothing_happens_after_a_closed_pathway_but_what_happened_before_may_be_recorded():
    pathway = opened().append(make(ev.PathwayClosed, day=10, by=A.JOB_CENTRE))

    with pytest.raises(TransitionError, match="the pathway was closed on 2024-03-14"):
        pathway.append(make(ev.ContactMade, day=11))
    late = pathway.append(make(ev.ContactMade, day=9, recorded_on=at(12)))
    assert [e.kind for e in late.timeline] == [
        ev.EventKind.REFERRED,
        ev.EventKind.CONTACT_MADE,
        ev.EventKind.PATHWAY_CLOSED,
    ]
    assert late.positions == (0, 2, 1)
    assert pathway.state.closed


def test_a_bad_log_names_the_first_event_that_cannot_follow():
    events = (referral(), make(ev.ContactMade, day=2), make(ev.ContactMade, day=1))

    with pytest.raises(TransitionError, match=r"^events\[2\] \(Contact made, 2024-03-05\)"):
        Pathway(citizen_id="c-1", events=events)


def test_extend_adds_all_or_nothing():
    pathway = opened()
    good = make(ev.ContactMade, day=1)
    bad = make(ev.ContactMade, day=0)

    with pytest.raises(TransitionError) as caught:
        pathway.extend([good, bad])

    assert caught.value.index == 2
    assert len(pathway) == 1
    assert len(pathway.extend([good, good])) == 3


def test_only_events_can_be_appended():
    with pytest.raises(ValidationError, match="event: must be an Event"):
        opened().append("contact")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"events\[0\]: must be an Event"):
        Pathway(citizen_id="c-1", events=("contact",))


# --- state -------------------------------------------------------------------------------


def test_replay_gives_the_state_of_a_worked_example():
    coordination = ev.ConsentPurpose.COORDINATION
    pathway = Pathway.of(
        [
            referral(),
            make(ev.CaseworkerAssigned, by=A.JOB_CENTRE, staff_id="s-0"),
            make(ev.BenefitChanged, by=A.JOB_CENTRE, benefit=Benefit.RESOURCE_COURSE),
            referral("r-2", day=1, offer="mentor", to=A.JOB_CENTRE),
            make(ev.ReferralAccepted, day=2, by=A.JOB_CENTRE, referral_id="r-1"),
            make(ev.ReferralDeclined, day=2, by=A.JOB_CENTRE, referral_id="r-2"),
            make(
                ev.ConsentGiven,
                day=3,
                to=A.JOB_CENTRE,
                purpose=coordination,
                categories=frozenset({ev.InformationCategory.HEALTH}),
            ),
            make(
                ev.CaseworkerAssigned,
                day=3,
                by=A.JOB_CENTRE,
                staff_id="s-1",
                role=Role.COORDINATING_CASEWORKER,
            ),
            make(
                ev.CaseworkerAssigned,
                day=4,
                by=A.JOB_CENTRE,
                staff_id="s-2",
                role=Role.COORDINATING_CASEWORKER,
            ),
            make(ev.InterventionStarted, day=5, offer="motion"),
            make(ev.InterventionStarted, day=6, offer="stresskursus"),
            make(ev.InterventionCompleted, day=40, offer="motion"),
            make(ev.PlanCreated, day=41, plan_id="p-1"),
            make(ev.TargetGroupAssessed, day=42, by=A.JOB_CENTRE, group=RiskGroup.HIGH),
        ]
    )
    state = pathway.state

    assert state.opened_on == D
    assert state.last_on == at(42)
    assert dict(state.referrals) == {"r-1": ReferralStatus.ACCEPTED, "r-2": ReferralStatus.DECLINED}
    assert state.pending_referrals == frozenset()
    assert state.accepted_referrals == {"r-1"}
    assert dict(state.running) == {"stresskursus": at(6)}
    assert [(c.to, c.purpose, c.given_on) for c in state.consents] == [
        (A.JOB_CENTRE, coordination, at(3))
    ]
    # a new coordinating caseworker takes over from the one before
    assert dict(state.caseworkers) == {
        "s-0": Role.CASEWORKER,
        "s-2": Role.COORDINATING_CASEWORKER,
    }
    assert state.coordinating_caseworker == "s-2"
    assert state.plans == {"p-1"}
    assert state.target_group is RiskGroup.HIGH
    assert state.benefit is Benefit.RESOURCE_COURSE
    assert not state.closed


def test_state_on_a_day_counts_that_days_events():
    pathway = opened().extend([make(ev.ReferralAccepted, day=2, referral_id="r-1")])

    assert pathway.state_on(at(1)).pending_referrals == {"r-1"}
    assert pathway.state_on(at(2)).accepted_referrals == {"r-1"}
    assert pathway.until(at(-1)).events == ()
    assert pathway.until(at(5)) is pathway
    for bad in (dt.datetime(2024, 3, 5, 12, 0), "2024-03-05", None):  # noqa: DTZ001
        with pytest.raises(ValidationError, match="on: must be a date"):
            pathway.until(bad)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="on: must be a date"):
            pathway.state_on(bad)  # type: ignore[arg-type]


def test_withdrawal_ends_every_consent_to_that_administration_for_that_purpose():
    give = {
        "to": A.JOB_CENTRE,
        "purpose": ev.ConsentPurpose.COORDINATION,
        "categories": frozenset({ev.InformationCategory.HEALTH}),
    }
    pathway = opened().extend(
        [
            make(ev.ConsentGiven, day=1, **give),
            make(ev.ConsentGiven, day=2, **{**give, "purpose": ev.ConsentPurpose.WORK_ABILITY}),
            make(ev.ConsentGiven, day=3, **give),
            make(ev.ConsentWithdrawn, day=4, to=A.JOB_CENTRE, purpose=give["purpose"]),
        ]
    )

    assert [c.purpose for c in pathway.state.consents] == [ev.ConsentPurpose.WORK_ABILITY]


# --- properties --------------------------------------------------------------------------


@given(hs.pathways())
def test_replaying_a_log_twice_or_after_json_gives_the_same_state(pathway):
    again = Pathway(citizen_id=pathway.citizen_id, events=pathway.events)
    loaded = from_json(to_json(pathway), Pathway)

    assert again.state == pathway.state
    assert loaded.state == pathway.state
    assert loaded == pathway


@given(hs.pathways(), st.data())
def test_appending_one_by_one_equals_building_at_once(pathway, data):
    cut = data.draw(st.integers(1, len(pathway)))
    built = Pathway(citizen_id=pathway.citizen_id, events=pathway.events[:cut])

    assert built.extend(pathway.events[cut:]) == pathway
    assert built.extend(pathway.events[cut:]).state == pathway.state


def _latest_recorded(pathway):
    """The latest recording day among the events in force other than the citizen's "no"."""
    return max(
        e.recorded_day
        for i, e in enumerate(pathway.events)
        if i not in pathway.annulled
        and not isinstance(e, (ev.EventAnnulled, ev.ConsentWithdrawn, ev.ConsentRefused))
    )


def _broken(pathway, data):
    """An event that cannot follow ``pathway``, and the start of the reason it must give."""
    state = pathway.state
    last = _latest_recorded(pathway)
    cid = pathway.citizen_id
    options = [
        (
            ev.ContactMade(citizen_id=f"{cid}-x", occurred_on=last, recorded_by=A.HEALTH),
            "belongs to another citizen's pathway",
        ),
        (
            ev.ReferralAccepted(
                citizen_id=cid, occurred_on=last, recorded_by=A.HEALTH, referral_id="nope"
            ),
            "there is no referral 'nope' to answer",
        ),
        (
            ev.PlanAdjusted(citizen_id=cid, occurred_on=last, recorded_by=A.HEALTH, plan_id="nope"),
            "there is no plan 'nope'",
        ),
        (
            ev.InterventionCompleted(
                citizen_id=cid, occurred_on=last, recorded_by=A.HEALTH, offer="nope"
            ),
            "this offer is not running",
        ),
    ]
    if last > dt.date(2018, 1, 1):
        options.append(
            (
                ev.ContactMade(
                    citizen_id=cid, occurred_on=last - dt.timedelta(days=1), recorded_by=A.HEALTH
                ),
                "is recorded on",
            )
        )
    if state.closed:
        options = [(event, "the pathway was closed") for event, _ in options[1:4]]
    return data.draw(st.sampled_from(options))


class PathwayMachine(RuleBasedStateMachine):
    """Random valid and invalid appends; the log always replays to the state it reports."""

    @initialize(pathway=hs.pathways(max_events=0))
    def start(self, pathway):
        self.pathway = Pathway(citizen_id=pathway.citizen_id, events=pathway.events[:1])

    @precondition(lambda self: not self.pathway.state.closed)
    @rule(data=st.data(), gap=st.integers(0, 30))
    def append_a_valid_event(self, data, gap):
        on = _latest_recorded(self.pathway) + dt.timedelta(days=gap)
        event = data.draw(hs.next_events(self.pathway.state, on))
        longer = self.pathway.append(event)
        assert longer.events == (*self.pathway.events, event)
        self.pathway = longer

    @rule(data=st.data())
    def append_an_invalid_event(self, data):
        event, why = _broken(self.pathway, data)
        before = (self.pathway.events, self.pathway.state)
        with pytest.raises(TransitionError) as caught:
            self.pathway.append(event)
        assert caught.value.why.startswith(why)
        assert caught.value.index == len(self.pathway)
        assert (self.pathway.events, self.pathway.state) == before

    @precondition(lambda self: not self.pathway.state.closed)
    @rule(gap=st.integers(0, 30))
    def close(self, gap):
        on = _latest_recorded(self.pathway) + dt.timedelta(days=gap)
        self.pathway = self.pathway.append(
            ev.PathwayClosed(
                citizen_id=self.pathway.citizen_id, occurred_on=on, recorded_by=A.JOB_CENTRE
            )
        )

    @invariant()
    def replay_and_json_give_the_same_state(self):
        replayed = Pathway(citizen_id=self.pathway.citizen_id, events=self.pathway.events)
        assert replayed.state == self.pathway.state
        assert from_json(to_json(self.pathway), Pathway).state == self.pathway.state


PathwayMachine.TestCase.settings = settings(
    max_examples=max(500, settings().max_examples), stateful_step_count=15
)
test_pathway_machine = PathwayMachine.TestCase


def test_a_pathway_is_a_value():
    pathway = opened()

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        pathway.events = ()  # type: ignore[misc]
    assert pathway == opened()
    assert hash(pathway) == hash(opened())
