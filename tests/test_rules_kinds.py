"""The per-event rule kinds on worked pathways: both sides of each boundary, whole findings.

Days are calendar days after the triggering event (module docs of helhed.rules):
within 7 days of Monday 4 March 2024 means on or before Monday 11 March; 12 March is late.
Each expected finding is written out in full - rule id, severity, positions in the log,
dates, both texts, citation and the reading flag - from the rule's texts and the labels of
the event kinds (EventKind, Administration, InformationCategory).
"""

import datetime as dt

import pytest

from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway
from helhed.rules import (
    Finding,
    Severity,
    every,
    forbid,
    precedes,
    requires_consent,
    when,
    within,
)
from rule_log import CITE, READING, TEXT, A, D, at, make


def referral(rid="r-1", day=0, to=A.HEALTH, voluntary=True):
    return make(
        ev.Referred, day, A.JOB_CENTRE, referral_id=rid, offer="samtale", to=to, voluntary=voluntary
    )


def accepted(rid="r-1", day=0):
    return make(ev.ReferralAccepted, day, A.JOB_CENTRE, referral_id=rid)


def contact(day, rid="r-1", by=A.HEALTH):
    return make(ev.ContactMade, day, by, referral_id=rid)


def screening(day, instrument="who5"):
    return make(ev.ScreeningRecorded, day, instrument=instrument, score=12)


def expected(rule, events, dates, da, en):
    """The finding ``rule`` gives c-1, its texts the rule's followed by the details."""
    return Finding(
        rule_id=rule.id,
        citizen_id="c-1",
        severity=rule.severity,
        events=events,
        dates=dates,
        text_da=f"{rule.text_da} {da}",
        text_en=f"{rule.text_en} {en}",
        citation=rule.citation,
        reading=rule.reading,
    )


# --- within ---------------------------------------------------------------------------------

WEEK = within(
    7,
    after=when(ev.ReferralAccepted, to=A.HEALTH),
    expect=when(ev.ContactMade, recorded_by=A.HEALTH),
    id="x.contact",
    citation=CITE,
    text_da="Kontakt inden for en uge.",
    text_en="Contact within one week.",
)


def _late(rule, day, answered, events, limit=7):
    gap = (answered - day).days
    return expected(
        rule,
        events,
        (day, answered),
        f"Henvisning accepteret {day}; kontakt etableret {answered}, {gap} dage efter "
        f"(grænsen er {limit} dage).",
        f"Referral accepted on {day}; contact made on {answered}, {gap} days later "
        f"(the limit is {limit} days).",
    )


def _missing(rule, day, deadline, events, limit=7):
    return expected(
        rule,
        events,
        (day, deadline),
        f"Henvisning accepteret {day}; ingen kontakt etableret senest {deadline} ({limit} dage).",
        f"Referral accepted on {day}; no contact made by {deadline} ({limit} days).",
    )


@pytest.mark.parametrize("day", [0, 6, 7])
def test_within_a_contact_on_or_before_the_last_day_keeps_the_rule(day):
    pathway = Pathway.of([referral(), accepted(), contact(day)])

    assert list(WEEK.check(pathway, at(60))) == []


@pytest.mark.parametrize("day", [8, 30])
def test_within_a_contact_after_the_last_day_is_late(day):
    pathway = Pathway.of([referral(), accepted(), contact(day)])

    assert list(WEEK.check(pathway, at(60))) == [_late(WEEK, D, at(day), (1, 2))]


def test_within_a_missing_contact_is_a_finding_from_the_day_after_the_last():
    pathway = Pathway.of([referral(), accepted()])

    assert list(WEEK.check(pathway, at(7))) == []
    assert list(WEEK.check(pathway, at(8))) == [_missing(WEEK, D, at(7), (1,))]


def test_within_zero_days_means_the_same_day():
    rule = within(
        0,
        after=when(ev.ReferralAccepted),
        expect=when(ev.ContactMade),
        id="x.now",
        citation=CITE,
        basis=READING,
        **TEXT,
    )

    assert list(rule.check(Pathway.of([referral(), accepted(), contact(0)]), at(9))) == []
    assert list(rule.check(Pathway.of([referral(), accepted(), contact(1)]), at(9))) == [
        _late(rule, D, at(1), (1, 2), limit=0)
    ]
    assert list(rule.check(Pathway.of([referral(), accepted()]), at(0))) == []
    (missing,) = rule.check(Pathway.of([referral(), accepted()]), at(1))
    assert missing == _missing(rule, D, D, (1,), limit=0)
    assert missing.reading is True


def test_within_an_expect_event_before_the_trigger_does_not_answer_it():
    # Contact on 4 March, acceptance on 5 March: the week runs to 12 March with no contact.
    pathway = Pathway.of([referral(), contact(0), accepted(day=1)])

    assert list(WEEK.check(pathway, at(30))) == [_missing(WEEK, at(1), at(8), (2,))]


def test_within_other_events_in_between_neither_answer_nor_hide_the_answer():
    quiet = Pathway.of([referral(), accepted(), screening(1), contact(5, by=A.JOB_CENTRE)])
    answered = Pathway.of([referral(), accepted(), screening(1), contact(3)])

    # The job centre's contact is not the health department's: still missing.
    assert list(WEEK.check(quiet, at(30))) == [_missing(WEEK, D, at(7), (1,))]
    assert list(WEEK.check(answered, at(30))) == []


def test_within_every_trigger_is_judged_on_its_own():
    pathway = Pathway.of(
        [
            referral(),
            referral("r-2"),
            accepted(),
            referral("r-3", 1),
            accepted("r-2", 1),
            accepted("r-3", 2),
            contact(3, "r-2"),
            contact(12, "r-3"),
        ]
    )

    assert list(WEEK.check(pathway, at(30))) == [
        _missing(WEEK, D, at(7), (2,)),
        _late(WEEK, at(2), at(12), (5, 7)),
    ]


def test_within_a_contact_naming_no_referral_answers_any_and_same_none_ignores_them():
    unnamed = Pathway.of([referral(), accepted(), make(ev.ContactMade, 2)])
    other = Pathway.of([referral(), referral("r-2"), accepted(), contact(2, "r-2")])
    loose = within(
        7,
        after=when(ev.ReferralAccepted),
        expect=when(ev.ContactMade),
        id="x.any",
        citation=CITE,
        same=None,
        **TEXT,
    )

    assert list(WEEK.check(unnamed, at(30))) == []
    assert list(WEEK.check(other, at(30))) == [_missing(WEEK, D, at(7), (2,))]
    assert list(loose.check(other, at(30))) == []


def test_within_events_without_the_shared_field_correlate_with_anything():
    # A benefit change names no referral; neither does a screening.
    pathway = Pathway.of(
        [
            referral(to=A.JOB_CENTRE),
            accepted(),
            make(ev.BenefitChanged, 1, A.JOB_CENTRE, benefit=None),
            screening(3),
        ]
    )
    screened = within(
        2,
        after=when(ev.BenefitChanged),
        expect=when(ev.ScreeningRecorded),
        id="x.s",
        citation=CITE,
        **TEXT,
    )
    after_accept = within(
        2,
        after=when(ev.ReferralAccepted),
        expect=when(ev.ScreeningRecorded),
        id="x.a",
        citation=CITE,
        **TEXT,
    )

    assert list(screened.check(pathway, at(30))) == []
    (late,) = after_accept.check(pathway, at(30))
    assert late.events == (1, 3)
    assert late.text_en == (
        "Rule. Referral accepted on 2024-03-04; screening recorded on 2024-03-07, 3 days later "
        "(the limit is 2 days)."
    )
    assert late.text_da == (
        "Regel. Henvisning accepteret 2024-03-04; screening registreret 2024-03-07, 3 dage "
        "efter (grænsen er 2 dage)."
    )


def test_within_a_deadline_beyond_the_last_date_is_never_late():
    last = dt.date(9999, 12, 28)
    events = [
        ev.Referred(
            citizen_id="c-1",
            occurred_on=last,
            recorded_by=A.JOB_CENTRE,
            referral_id="r-1",
            offer="samtale",
            to=A.HEALTH,
            voluntary=True,
        ),
        ev.ReferralAccepted(
            citizen_id="c-1", occurred_on=last, recorded_by=A.JOB_CENTRE, referral_id="r-1"
        ),
    ]

    assert list(WEEK.check(Pathway.of(events), dt.date(9999, 12, 31))) == []


# --- precedes ------------------------------------------------------------------------------

TALK = ev.ConversationKind.HEALTH_CONVERSATION


def talk(day, rid=None):
    return make(ev.ConversationHeld, day, conversation=TALK, referral_id=rid)


def _precedes(same_day=False, same=None):
    return precedes(
        when(ev.ContactMade),
        when(ev.ConversationHeld),
        id="x.first",
        citation=CITE,
        same_day=same_day,
        same=same,
        severity=Severity.WARNING,
        **TEXT,
    )


def _unprepared(rule, day, events):
    return expected(
        rule,
        events,
        (day,),
        f"Samtale afholdt {day} uden kontakt etableret forinden.",
        f"Conversation held on {day} with no contact made before it.",
    )


def test_precedes_an_earlier_first_event_keeps_the_rule_and_none_breaks_it():
    rule = _precedes()

    assert list(rule.check(Pathway.of([referral(), contact(1), talk(2)]), at(9))) == []
    assert list(rule.check(Pathway.of([referral(), screening(1), talk(2)]), at(9))) == [
        _unprepared(rule, at(2), (2,))
    ]


@pytest.mark.parametrize(("same_day", "broken"), [(False, True), (True, False)])
def test_precedes_a_first_event_later_the_same_day_counts_only_with_same_day(same_day, broken):
    rule = _precedes(same_day=same_day)
    pathway = Pathway.of([referral(), talk(2), contact(2)])

    assert list(rule.check(pathway, at(9))) == ([_unprepared(rule, at(2), (1,))] if broken else [])


@pytest.mark.parametrize("same_day", [False, True])
def test_precedes_a_first_event_logged_before_on_the_same_day_always_counts(same_day):
    rule = _precedes(same_day=same_day)

    assert list(rule.check(Pathway.of([referral(), contact(2), talk(2)]), at(9))) == []


@pytest.mark.parametrize("same_day", [False, True])
def test_precedes_a_first_event_on_a_later_day_never_counts(same_day):
    rule = _precedes(same_day=same_day)
    pathway = Pathway.of([referral(), talk(2), contact(3), talk(4)])

    assert list(rule.check(pathway, at(9))) == [_unprepared(rule, at(2), (1,))]


def test_precedes_an_event_is_not_its_own_first_event():
    rule = precedes(
        when(ev.ConversationHeld),
        when(ev.ConversationHeld, conversation=TALK),
        id="x.twice",
        citation=CITE,
        **TEXT,
    )

    def alone(day, events):
        return expected(
            rule,
            events,
            (day,),
            f"Samtale afholdt {day} uden samtale afholdt forinden.",
            f"Conversation held on {day} with no conversation held before it.",
        )

    assert list(rule.check(Pathway.of([referral(), talk(2)]), at(9))) == [alone(at(2), (1,))]
    assert list(rule.check(Pathway.of([referral(), talk(1), talk(2)]), at(9))) == [
        alone(at(1), (1,))
    ]


@pytest.mark.parametrize("same_day", [False, True])
def test_precedes_an_event_is_not_its_own_first_event_the_same_day_either(same_day):
    rule = precedes(
        when(ev.ConversationHeld),
        when(ev.ConversationHeld),
        id="x.twice",
        citation=CITE,
        same_day=same_day,
        **TEXT,
    )
    alone = expected(
        rule,
        (1,),
        (at(2),),
        f"Samtale afholdt {at(2)} uden samtale afholdt forinden.",
        f"Conversation held on {at(2)} with no conversation held before it.",
    )

    assert list(rule.check(Pathway.of([referral(), talk(2)]), at(9))) == [alone]
    # Two the same day: the second has the first before it; the first has the second later
    # that day, which counts only with same_day.
    two = Pathway.of([referral(), talk(2), talk(2)])
    assert list(rule.check(two, at(9))) == ([] if same_day else [alone])


def test_precedes_with_same_needs_the_first_event_of_the_same_referral():
    rule = _precedes(same="referral_id")
    pathway = Pathway.of(
        [referral(), referral("r-2"), contact(1, "r-2"), talk(2, "r-1"), talk(3, "r-2"), talk(4)]
    )

    assert list(rule.check(pathway, at(9))) == [_unprepared(rule, at(2), (3,))]
    assert list(_precedes().check(pathway, at(9))) == []


# --- forbid and every ------------------------------------------------------------------------


def test_forbid_finds_each_forbidden_event_and_nothing_else():
    rule = forbid(
        when(ev.Referred, voluntary=False), id="x.voluntary", citation=CITE, basis=READING, **TEXT
    )
    pathway = Pathway.of(
        [
            referral(),
            accepted(),
            referral("r-2", 2, voluntary=False),
            referral("r-3", 3, voluntary=False),
        ]
    )

    assert list(rule.check(pathway, at(9))) == [
        expected(rule, (2,), (at(2),), "Henvist 2024-03-06.", "Referred on 2024-03-06."),
        expected(rule, (3,), (at(3),), "Henvist 2024-03-07.", "Referred on 2024-03-07."),
    ]
    assert list(rule.check(Pathway.of([referral(), accepted()]), at(9))) == []


def _who5(pathway, event):  # noqa: ARG001
    return getattr(event, "instrument", None) == "who5"


def test_every_finds_each_described_event_the_condition_fails_for():
    rule = every(
        when(ev.ScreeningRecorded),
        _who5,
        failure=("andet redskab.", "another tool."),
        id="x.who5",
        citation=CITE,
        severity=Severity.NOTICE,
        **TEXT,
    )
    pathway = Pathway.of(
        [referral(), screening(1), screening(2, "audit"), contact(3), screening(4, "dudit")]
    )

    assert list(rule.check(pathway, at(9))) == [
        expected(
            rule,
            (2,),
            (at(2),),
            "Screening registreret 2024-03-06: andet redskab.",
            "Screening recorded on 2024-03-06: another tool.",
        ),
        expected(
            rule,
            (4,),
            (at(4),),
            "Screening registreret 2024-03-08: andet redskab.",
            "Screening recorded on 2024-03-08: another tool.",
        ),
    ]
    assert list(rule.check(Pathway.of([referral(), screening(1), contact(2)]), at(9))) == []


# --- requires_consent --------------------------------------------------------------------------

HEALTH = ev.InformationCategory.HEALTH
COORDINATION = ev.ConsentPurpose.COORDINATION


def told(day, category=HEALTH, to=A.JOB_CENTRE):
    return make(
        ev.InformationDisclosed,
        day,
        source=A.HEALTH,
        to=to,
        category=category,
        purpose=COORDINATION,
    )


CONSENT = requires_consent(HEALTH, A.JOB_CENTRE, id="x.consent", citation=CITE, **TEXT)


def _unconsented(day, events, reason_da, reason_en):
    return expected(
        CONSENT,
        events,
        (day,),
        f"Helbredsoplysninger givet til jobcenter / beskæftigelse {day}: {reason_da}",
        f"Health information passed to job centre / employment on {day}: {reason_en}",
    )


NONE_DA = (
    "Der er intet samtykke til at give oplysninger til jobcenter / beskæftigelse; svaret er nej."
)
NONE_EN = "No consent to pass information to job centre / employment is in force; the answer is no."


def test_requires_consent_finds_only_its_category_to_its_administration():
    pathway = Pathway.of(
        [
            referral(),
            contact(1),
            told(2, ev.InformationCategory.SOCIAL),
            told(3, to=A.SOCIAL),
            told(4),
        ]
    )

    assert list(CONSENT.check(pathway, at(9))) == [_unconsented(at(4), (4,), NONE_DA, NONE_EN)]
    alone = Pathway.of([referral(), told(2)])
    assert list(CONSENT.check(alone, at(9))) == [_unconsented(at(2), (1,), NONE_DA, NONE_EN)]


def test_requires_consent_a_consent_in_force_covers_and_a_withdrawal_ends_it():
    given = make(
        ev.ConsentGiven, 1, to=A.JOB_CENTRE, purpose=COORDINATION, categories=frozenset({HEALTH})
    )
    withdrawn = make(ev.ConsentWithdrawn, 3, to=A.JOB_CENTRE, purpose=COORDINATION)
    pathway = Pathway.of([referral(), given, told(2), withdrawn, told(4)])

    assert list(CONSENT.check(pathway, at(9))) == [
        _unconsented(
            at(4),
            (4,),
            "Borgeren tilbagekaldte 2024-03-07 sit samtykke til jobcenter / beskæftigelse til "
            "koordinering af den samlede indsats; intet må videregives uden et nyt samtykke.",
            "The citizen withdrew their consent to job centre / employment for coordinating the "
            "whole effort on 2024-03-07; nothing may be passed on without a new consent.",
        )
    ]
    assert list(CONSENT.check(Pathway.of([referral(), given, told(2)]), at(9))) == []
    assert list(CONSENT.check(Pathway.of([referral(), given]), at(9))) == []


# --- descriptions that need the pathway: an event's "to" is its referral's ---------------------


def test_each_rule_kind_reads_an_events_referral_from_the_pathway():
    # A contact and an acceptance name referral r-1, which goes to the health department;
    # only the pathway knows that, so each kind must hand its descriptions the pathway.
    pathway = Pathway.of([referral(voluntary=False), accepted(), contact(3)])
    to_health = when(ev.ContactMade, to=A.HEALTH)
    answered = within(
        7, after=when(ev.ReferralAccepted), expect=to_health, id="x.w", citation=CITE, **TEXT
    )
    first = precedes(
        when(ev.ReferralAccepted, to=A.HEALTH),
        when(ev.ContactMade),
        id="x.p",
        citation=CITE,
        **TEXT,
    )
    unwilling = forbid(when(ev.ReferralAccepted, voluntary=False), id="x.f", citation=CITE, **TEXT)
    never = every(
        to_health,
        lambda _, e: e.occurred_on < at(3),
        failure=("for sent.", "too late."),
        id="x.e",
        citation=CITE,
        **TEXT,
    )

    assert list(answered.check(pathway, at(30))) == []
    assert list(first.check(pathway, at(30))) == []
    assert list(unwilling.check(pathway, at(30))) == [
        expected(
            unwilling,
            (1,),
            (D,),
            "Henvisning accepteret 2024-03-04.",
            "Referral accepted on 2024-03-04.",
        )
    ]
    assert list(never.check(pathway, at(30))) == [
        expected(
            never,
            (2,),
            (at(3),),
            "Kontakt etableret 2024-03-07: for sent.",
            "Contact made on 2024-03-07: too late.",
        )
    ]
