"""Which events a description matches: each narrowing on an event that has the field and one
that lacks it, and the labels a description gives messages."""

import datetime as dt

import pytest

from helhed.organisation import Role
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway
from helhed.rules import when
from rule_log import A, D

TALK = ev.ConversationKind.HEALTH_CONVERSATION


def make(kind, day=0, by=A.HEALTH, **fields):
    return kind(citizen_id="c-1", occurred_on=D + dt.timedelta(days=day), recorded_by=by, **fields)


LOG = Pathway.of(
    [
        make(
            ev.Referred,
            0,
            A.JOB_CENTRE,
            referral_id="r-1",
            offer="samtale",
            to=A.HEALTH,
            voluntary=False,
        ),  # 0
        make(
            ev.Referred,
            0,
            A.JOB_CENTRE,
            referral_id="r-2",
            offer="samtale",
            to=A.SOCIAL,
            voluntary=True,
        ),  # 1
        make(ev.ReferralAccepted, 1, referral_id="r-1"),  # 2
        make(ev.ContactMade, 2, A.SOCIAL, referral_id="r-2"),  # 3
        make(ev.ContactMade, 2),  # 4: names no referral
        make(
            ev.ConsentGiven,
            3,
            to=A.JOB_CENTRE,
            purpose=ev.ConsentPurpose.COORDINATION,
            categories=frozenset({ev.InformationCategory.HEALTH}),
        ),  # 5
        make(ev.ConversationHeld, 4, conversation=TALK),  # 6
        make(ev.CaseworkerAssigned, 5, A.JOB_CENTRE, staff_id="s", role=Role.MENTOR),  # 7
        make(ev.CaseworkerAssigned, 5, A.JOB_CENTRE, staff_id="t"),  # 8: a caseworker
        make(ev.InterventionStarted, 6, offer="motion"),  # 9
        make(ev.ScreeningRecorded, 7, instrument="who5", score=10),  # 10
        make(ev.ScreeningRecorded, 7, instrument="audit", score=3),  # 11
    ]
)

CASES = [
    # kinds and who recorded
    (when(ev.ContactMade), 3, True),
    (when(ev.ContactMade), 0, False),
    (when(ev.ContactMade, recorded_by=A.HEALTH), 4, True),
    (when(ev.ContactMade, recorded_by=A.HEALTH), 3, False),
    # conversation
    (when(ev.ConversationHeld, conversation=TALK), 6, True),
    (when(ev.ConversationHeld, conversation=ev.ConversationKind.CLARIFYING_CONVERSATION), 6, False),
    (when(ev.Event, conversation=TALK), 4, False),
    # role
    (when(ev.CaseworkerAssigned, role=Role.MENTOR), 7, True),
    (when(ev.CaseworkerAssigned, role=Role.MENTOR), 8, False),
    (when(ev.Event, role=Role.MENTOR), 4, False),
    (when(ev.CaseworkerAssigned), 8, True),
    # offers
    (when(ev.Event, offers=["motion", "praktik"]), 9, True),
    (when(ev.InterventionStarted, offers=["praktik"]), 9, False),
    (when(ev.Event, offers=["motion"]), 10, False),
    (when(ev.InterventionStarted), 9, True),
    # instrument
    (when(ev.ScreeningRecorded, instrument="who5"), 10, True),
    (when(ev.ScreeningRecorded, instrument="who5"), 11, False),
    (when(ev.Event, instrument="who5"), 4, False),
    (when(ev.ScreeningRecorded), 11, True),
    # to: the event's own, or that of the referral it names
    (when(ev.Referred, to=A.HEALTH), 0, True),
    (when(ev.Referred, to=A.HEALTH), 1, False),
    (when(ev.ReferralAccepted, to=A.HEALTH), 2, True),
    (when(ev.ReferralAccepted, to=A.SOCIAL), 2, False),
    (when(ev.ContactMade, to=A.SOCIAL), 3, True),
    (when(ev.ContactMade, to=A.SOCIAL), 4, False),
    (when(ev.ConsentGiven, to=A.JOB_CENTRE), 5, True),
    (when(ev.ConsentGiven, to=A.HEALTH), 5, False),
    # voluntary: only events about a referral
    (when(ev.Referred, voluntary=False), 0, True),
    (when(ev.Referred, voluntary=False), 1, False),
    (when(ev.ReferralAccepted, voluntary=False), 2, True),
    (when(ev.ReferralAccepted, voluntary=True), 2, False),
    (when(ev.ContactMade, voluntary=True), 3, True),
    (when(ev.ContactMade, voluntary=True), 4, False),
    (when(ev.ContactMade, voluntary=False), 4, False),
    (when(ev.ConsentGiven, voluntary=True), 5, False),
    # both
    (when(ev.Referred, to=A.HEALTH, voluntary=False), 0, True),
    (when(ev.Referred, to=A.HEALTH, voluntary=True), 0, False),
    (when(ev.Referred, to=A.SOCIAL, voluntary=False), 0, False),
]


@pytest.mark.parametrize(("match", "index", "hit"), CASES)
def test_a_description_matches_exactly_the_events_it_describes(match, index, hit):
    assert match(LOG, LOG.events[index]) is hit


def test_a_description_is_labelled_by_its_kinds_or_its_conversation():
    pair = when(ev.ReferralAccepted, ev.ContactMade)
    talk = when(ev.ConversationHeld, conversation=ev.ConversationKind.CLARIFYING_CONVERSATION)
    base = when(ev.Event, ev.ScreeningRecorded)

    assert (pair.label_da, pair.label_en) == (
        "henvisning accepteret eller kontakt etableret",
        "referral accepted or contact made",
    )
    assert (talk.label_da, talk.label_en) == ("afklarende samtale", "clarifying conversation")
    assert (base.label_da, base.label_en) == (
        "Event eller screening registreret",
        "Event or screening recorded",
    )
