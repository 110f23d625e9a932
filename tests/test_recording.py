"""Recording time and corrections: late registrations, annulments, and the timeline."""

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.cases.halsnaes import HALSNAES
from helhed.errors import TransitionError, ValidationError
from helhed.examples import halsnaes_pathways
from helhed.organisation import Administration, Period
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway, occurrence_order
from helhed.pathways.reports import referrals_by_destination
from helhed.protocols import PROTOCOLS
from helhed.serialization import from_json, to_json
from helhed.testing import strategies as hs

A = Administration
D = dt.date(2024, 3, 4)


def at(days):
    return D + dt.timedelta(days=days)


def make(kind, day=0, by=A.HEALTH, cid="c-1", **fields):
    return kind(citizen_id=cid, occurred_on=at(day), recorded_by=by, **fields)


def referral(day=0, rid="r-1", **fields):
    fields = {"offer": "afklarende sundhedssamtale", "to": A.HEALTH, "voluntary": True, **fields}
    return make(ev.Referred, day, A.JOB_CENTRE, referral_id=rid, **fields)


def annul(position, day=20, **fields):
    fields = {"recorder": "hk-1", "reason": "indtastet ved en fejl", **fields}
    return make(ev.EventAnnulled, day, annuls=position, **fields)


# --- an event's two times -------------------------------------------------------------------


def test_an_event_is_recorded_the_day_it_happened_unless_it_says_otherwise():
    contact = make(ev.ContactMade, 3)
    assert (contact.recorded_on, contact.recorded_at, contact.recorder) == (None, None, None)
    assert contact.recorded_day == at(3)
    late = make(ev.ContactMade, 3, recorded_on=at(9), recorded_at=dt.time(8, 15), recorder="s-2")
    assert (late.recorded_on, late.recorded_at, late.recorder) == (at(9), dt.time(8, 15), "s-2")
    assert late.recorded_day == at(9)
    # moving the day it happened moves the day it was recorded with it, unless it was late
    assert attrs.evolve(contact, occurred_on=at(5)).recorded_day == at(5)


def test_an_event_cannot_have_happened_after_it_was_recorded():
    with pytest.raises(ValidationError, match="recorded_on: must not be before the event"):
        make(ev.ContactMade, 3, recorded_on=at(2))
    with pytest.raises(ValidationError, match="recorded_at: must not be before the event"):
        make(ev.ContactMade, 3, at=dt.time(10), recorded_at=dt.time(9, 59))
    assert make(ev.ContactMade, 3, at=dt.time(10), recorded_at=dt.time(10)).recorded_day == at(3)
    assert make(ev.ContactMade, 3, at=dt.time(10)).recorded_at is None  # time unknown


def test_times_with_a_time_zone_and_wrong_types_are_refused():
    zoned = dt.time(10, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as caught:
        make(ev.ContactMade, at=zoned, recorded_at=zoned, recorded_on="2024-03-04", recorder=" ")
    assert [str(p) for p in caught.value.problems] == [
        "at: must be a time of day without a time zone",
        "recorded_on: must be a date",
        "recorded_at: must be a time of day without a time zone",
        "recorder: must not be blank",
    ]


def test_both_times_survive_json():
    pathway = Pathway.of(
        [
            referral(at=dt.time(9, 30, 15)),
            make(ev.ContactMade, 2, recorded_on=at(5), recorded_at=dt.time(7), recorder="s-1"),
        ]
    )
    text = to_json(pathway)
    assert '"recorded_on": "2024-03-09", "recorded_at": "07:00:00", "recorder": "s-1"' in text
    assert from_json(text, Pathway) == pathway


# --- late registration ------------------------------------------------------------------------


def test_a_late_registration_takes_its_place_in_the_timeline():
    pathway = Pathway.of(
        [
            referral(),
            make(ev.ReferralAccepted, 1, referral_id="r-1"),
            make(ev.ConversationHeld, 10, conversation=ev.ConversationKind.HEALTH_CONVERSATION),
            make(ev.ContactMade, 4, referral_id="r-1", recorded_on=at(12)),
        ]
    )

    assert [e.kind.label_en for e in pathway.timeline] == [
        "Referred",
        "Referral accepted",
        "Contact made",
        "Conversation held",
    ]
    assert pathway.positions == (0, 1, 3, 2)
    assert pathway.state.last_on == at(10)
    # the rules use the day it happened: the contact was within the week, though recorded late
    assert check([pathway], HALSNAES, on=at(30)).findings == ()
    assert check([pathway.until(at(9))], HALSNAES, on=at(9)).findings == ()


def test_times_of_day_order_one_day_only_where_both_events_have_one():
    d = D
    assert occurrence_order([d, d, d, d], [dt.time(12), None, dt.time(11), dt.time(12)]) == [
        2,
        0,
        1,
        3,
    ]
    pathway = Pathway.of(
        [
            referral(at=dt.time(9)),
            make(ev.ContactMade, at=dt.time(12)),
            make(ev.ConversationHeld, conversation=ev.ConversationKind.VERY_BRIEF_ADVICE),
            make(ev.ReferralAccepted, referral_id="r-1", at=dt.time(10)),
        ]
    )
    assert pathway.positions == (0, 3, 1, 2)


def test_a_late_registration_that_would_strand_a_later_event_is_refused():
    pathway = Pathway.of(
        [
            referral(),
            make(ev.InterventionStarted, 2, offer="rygestop"),
            make(ev.InterventionCompleted, 30, offer="rygestop"),
        ]
    )

    with pytest.raises(TransitionError) as caught:
        pathway.append(make(ev.InterventionCompleted, 10, offer="rygestop", recorded_on=at(31)))
    assert caught.value.index == 3
    assert caught.value.why == (
        "happening on 2024-03-14, it comes before events[2] (Intervention completed, "
        "2024-04-03), which then could not follow: this offer is not running; an intervention "
        "must start first"
    )


def test_recording_times_never_go_backwards_but_the_citizens_no_is_always_taken():
    pathway = Pathway.of([referral(), make(ev.ContactMade, 5)])

    with pytest.raises(TransitionError, match=r"is recorded on 2024-03-07, before events\[1\]"):
        pathway.append(make(ev.ContactMade, 3))
    no = make(ev.ConsentRefused, 3, to=A.JOB_CENTRE, purpose=ev.ConsentPurpose.COORDINATION)
    assert pathway.append(no).timeline[1] == no


# --- annulment --------------------------------------------------------------------------------


def test_an_annulled_event_stays_in_the_log_and_leaves_everything_else():
    typo = make(ev.ReferredOnward, 3, destination="misbrugscenter")
    pathway = Pathway.of([referral(), typo, annul(1)])

    assert pathway.events[1] == typo
    assert pathway.timeline == (referral(),)
    assert dict(pathway.annulled) == {1: 2}
    assert "indtastet" not in repr(pathway)
    assert "reason=<sensitive>" in repr(pathway.events[2])
    table = referrals_by_destination([pathway], Period(D, at(30)))
    assert all(row[0] != "misbrugscenter" for row in table.rows)
    kept = Pathway.of([referral(), typo])
    table = referrals_by_destination([kept], Period(D, at(30)))
    assert any(row[0] == "misbrugscenter" for row in table.rows)
    again = from_json(to_json(pathway), Pathway)
    assert again == pathway
    assert again.annulled == pathway.annulled


@pytest.mark.parametrize(
    ("events", "annulment", "why"),
    [
        ([], annul(5), "there is no events[5] to annul; an annulment names an earlier event"),
        ([annul(0)], annul(1), "events[1] is an annulment, which cannot itself be annulled"),
        (
            [make(ev.ContactMade, 1), annul(1)],
            annul(1),
            "events[1] was already annulled by events[2]",
        ),
        (
            [make(ev.ReferralAccepted, 1, referral_id="r-1")],
            annul(0),
            "without events[0], events[1] (Referral accepted, 2024-03-05) could not follow: "
            "a pathway opens with a referral; this event would come before it; annul events[1] "
            "first",
        ),
    ],
)
def test_an_annulment_that_cannot_be_made_is_refused(events, annulment, why):
    pathway = Pathway.of([referral(), *events])

    with pytest.raises(TransitionError) as caught:
        pathway.append(annulment)
    assert caught.value.why == why


def test_an_annulment_names_who_made_it_and_belongs_to_the_citizen():
    with pytest.raises(ValidationError, match="recorder: must be a string"):
        make(ev.EventAnnulled, 2, annuls=0, reason="fejl")
    with pytest.raises(ValidationError, match="annuls: must be 0 or more"):
        annul(-1)
    with pytest.raises(TransitionError, match="belongs to another citizen's pathway"):
        Pathway.of([referral()]).append(annul(0, cid="c-2"))


def test_a_dependent_event_is_annulled_first_then_the_event_it_depends_on():
    pathway = Pathway.of([referral(), make(ev.ReferralAccepted, 1, referral_id="r-1")])

    undone = pathway.extend([annul(1), annul(0)])

    assert undone.timeline == ()
    assert undone.state.opened_on is None
    with pytest.raises(TransitionError, match="a pathway opens with a referral"):
        undone.append(make(ev.ContactMade, 21))
    assert undone.append(referral(21, rid="r-2")).state.opened_on == at(21)


def test_annulling_the_close_reopens_the_pathway():
    pathway = Pathway.of([referral(), make(ev.PathwayClosed, 5, A.JOB_CENTRE)]).append(annul(1, 6))

    assert not pathway.state.closed
    assert pathway.append(make(ev.ContactMade, 7)).state.last_on == at(7)


def test_findings_point_into_the_log_the_pathway_was_cut_from():
    pathway = Pathway.of(
        [
            referral(voluntary=False),
            make(ev.ContactMade, 1),
            annul(1, 2),
            make(ev.ReferralAccepted, 1, referral_id="r-1", recorded_on=at(3)),
            make(ev.ContactMade, 20),
        ]
    )
    cut = pathway.until(at(10))
    # what happened by the 10th, with its corrections; the annulment still names its event
    assert cut.events == pathway.events[:4]
    assert cut.origin == (0, 1, 2, 3)
    assert cut.positions == (0, 3)
    assert dict(cut.annulled) == {1: 2}
    (late,) = [f for f in check([pathway], HALSNAES, on=at(10)).findings if "contact" in f.rule_id]
    assert late.events == (3,)
    assert from_json(to_json(cut), Pathway) == cut
    # a cut that leaves out an event before an annulment renumbers the annulment
    shifted = Pathway.of(
        [referral(), make(ev.ContactMade, 30), make(ev.ContactMade, 5, recorded_on=at(30))]
    ).append(annul(2, 31))
    kept = shifted.until(at(10))
    assert kept.origin == (0, 2, 3)
    assert kept.events[2].annuls == 1
    assert kept.timeline == (referral(),)


def test_a_consent_finding_points_past_an_annulled_event_into_the_log():
    unconsented = make(
        ev.InformationDisclosed,
        1,
        source=A.HEALTH,
        to=A.JOB_CENTRE,
        category=ev.InformationCategory.HEALTH,
        purpose=ev.ConsentPurpose.COORDINATION,
    )
    pathway = Pathway.of([referral(), referral(rid="r-2"), unconsented, annul(1, 2)])

    (finding,) = [
        f for f in check([pathway], HALSNAES, on=at(9)).findings if f.rule_id == "halsnaes.consent"
    ]
    assert finding.events == (2,)
    assert pathway.until(at(9)).positions == (0, 2)


# --- properties over random logs with corrections -------------------------------------------------


@given(hs.pathways())
def test_the_timeline_is_the_events_in_force_in_the_order_they_happened(pathway):
    annulments = {i for i, e in enumerate(pathway.events) if isinstance(e, ev.EventAnnulled)}
    in_force = [
        i for i in range(len(pathway.events)) if i not in annulments and i not in pathway.annulled
    ]
    assert sorted(pathway.positions) == in_force
    assert pathway.timeline == tuple(pathway.events[i] for i in pathway.positions)
    for k, earlier in enumerate(pathway.timeline):
        for later in pathway.timeline[k + 1 :]:
            first, then = (earlier.occurred_on, earlier.at), (later.occurred_on, later.at)
            assert not ev.happened_after(*first, *then)
    assert set(pathway.annulled.values()) <= annulments


@given(hs.pathways(), st.data())
def test_a_cut_pathway_is_a_valid_log_that_survives_json_and_points_into_the_log(pathway, data):
    days = [e.occurred_on for e in pathway.events]
    on = data.draw(st.sampled_from(days)) + dt.timedelta(days=data.draw(st.integers(-1, 1)))
    cut = pathway.until(on)

    assert all(e.occurred_on <= on for e in cut.timeline)
    assert [pathway.events[i] for i in cut.positions] == list(cut.timeline)
    assert set(cut.positions) == {p for p, e in pathway.numbered if e.occurred_on <= on}
    assert Pathway(citizen_id=cut.citizen_id, events=cut.events) == cut
    assert from_json(to_json(cut), Pathway).state == cut.state


@given(
    st.lists(hs.pathways(max_events=10), max_size=3, unique_by=lambda p: p.citizen_id), st.data()
)
def test_findings_only_point_at_events_in_force(pathways, data):
    protocol = PROTOCOLS[data.draw(st.sampled_from(sorted(PROTOCOLS)))]
    by_citizen = {p.citizen_id: p for p in pathways}
    for finding in check(pathways, protocol, on=hs.LAST_DATE).findings:
        in_force = set(by_citizen[finding.citizen_id].positions)
        assert set(finding.events) <= in_force


def test_the_example_logs_have_no_corrections_and_read_as_before():
    for pathway in halsnaes_pathways():
        assert pathway.positions == tuple(range(len(pathway.events)))
        assert pathway.timeline is pathway.events
