"""The consent ledger: default no, the citizen's "no" wins, statutory disclosures apart."""

import datetime as dt

import pytest

from consent_log import (
    COORDINATION,
    HEALTH,
    SOCIAL,
    WORK_ABILITY,
    A,
    at,
    given_,
    make,
    opened,
)
from helhed.errors import ConsentError, TransitionError, ValidationError
from helhed.pathways import events as ev
from helhed.pathways.consent import (
    audit,
    consents_in_force,
    disclose,
    disclose_by_law,
    may_disclose,
)

TO_JOB_CENTRE = {"to": A.JOB_CENTRE, "purpose": COORDINATION}


def withdrawn(day, to=A.JOB_CENTRE, purpose=COORDINATION, **fields):
    return make(ev.ConsentWithdrawn, day, to=to, purpose=purpose, **fields)


def told(day, by=A.HEALTH, source=A.HEALTH, to=A.JOB_CENTRE, category=HEALTH, **fields):
    fields = {"purpose": COORDINATION, **fields}
    return make(ev.InformationDisclosed, day, by, source=source, to=to, category=category, **fields)


def ask(pathway, day, category=HEALTH, **fields):
    return may_disclose(pathway, category, on=at(day), **{**TO_JOB_CENTRE, **fields})


# --- may_disclose: the questions of the policy table, one by one -------------------------


def test_the_default_is_no_with_a_reason():
    decision = ask(opened(), 0)

    assert not decision.allowed
    assert decision.consent is None
    assert decision.reasons[0].code == "consent.none"
    assert str(decision.reasons[0].citation) == "SST2019 kap. 3"


def test_consent_counts_from_its_day_and_only_for_what_it_covers():
    pathway = opened(given_(2))

    assert not ask(pathway, 1).allowed
    yes = ask(pathway, 2)
    assert yes.allowed
    assert yes.consent is not None
    assert yes.consent.given_on == at(2)
    assert yes.reasons[0].text_en == (
        "On 2024-03-06 the citizen consented to health information being passed to job "
        "centre / employment (coordinating the whole effort)."
    )
    other_category = ask(pathway, 9, SOCIAL)
    assert not other_category.allowed
    assert other_category.reasons[0].code == "consent.not_covered"
    other_purpose = ask(pathway, 9, purpose=WORK_ABILITY)
    assert other_purpose.reasons[0].code == "consent.not_covered"
    assert not ask(pathway, 9, to=A.SOCIAL).allowed


def test_the_purpose_is_required_and_arguments_are_checked():
    pathway = opened(given_(2))

    with pytest.raises(TypeError, match="purpose"):
        may_disclose(pathway, HEALTH, to=A.JOB_CENTRE, on=at(3))  # type: ignore[call-arg]
    with pytest.raises(ValidationError) as caught:
        may_disclose(
            pathway,
            "helbred",  # type: ignore[arg-type]
            to=A.JOB_CENTRE,
            on=dt.datetime(2024, 3, 6, 12, 0),  # type: ignore[arg-type]  # noqa: DTZ001
            purpose=None,  # type: ignore[arg-type]
        )
    assert [p.path for p in caught.value.problems] == ["category", "on", "purpose"]
    with pytest.raises(ValidationError, match="pathway: must be a Pathway"):
        may_disclose(pathway.events, HEALTH, on=at(3), **TO_JOB_CENTRE)  # type: ignore[arg-type]


def test_a_consent_with_an_end_date_covers_up_to_and_including_it():
    pathway = opened(given_(2, ends_on=at(10)))

    assert ask(pathway, 10).allowed
    assert "until 2024-03-14" in ask(pathway, 10).reasons[0].text_en
    late = ask(pathway, 11)
    assert not late.allowed
    assert late.reasons[0].code == "consent.expired"
    assert late.reasons[0].text_en == (
        "The consent to job centre / employment for coordinating the whole effort ended on "
        "2024-03-14."
    )
    assert consents_in_force(pathway, at(10))[0].ends_on == at(10)
    assert consents_in_force(pathway, at(11)) == ()
    with pytest.raises(ValidationError, match="ends_on: must not be before occurred_on"):
        given_(2, ends_on=at(1))
    with pytest.raises(ValidationError, match=r"^occurred_on: must be a date$"):
        ev.ConsentGiven(
            citizen_id="c-1",
            occurred_on=dt.datetime(2024, 3, 6, 9, 0),  # noqa: DTZ001 - a datetime is refused
            recorded_by=A.HEALTH,
            to=A.JOB_CENTRE,
            purpose=COORDINATION,
            categories=frozenset({HEALTH}),
            ends_on=at(10),
        )


def test_withdrawal_ends_consent_from_its_day_and_says_when():
    pathway = opened(given_(1), withdrawn(5))

    assert ask(pathway, 4).allowed
    after = ask(pathway, 5)
    assert not after.allowed
    assert after.reasons[0].code == "consent.withdrawn"
    assert after.reasons[0].text_en == (
        "The citizen withdrew their consent to job centre / employment for coordinating the "
        "whole effort on 2024-03-09; nothing may be passed on without a new consent."
    )
    assert consents_in_force(pathway, at(4))[0].given_on == at(1)
    assert consents_in_force(pathway, at(5)) == ()
    # only a newer consent gives the administration the information again
    assert ask(pathway.append(given_(7)), 7).allowed
    assert not ask(pathway.append(given_(7)), 6).allowed


def test_a_refusal_ends_an_earlier_consent_for_the_same_administration_and_purpose():
    pathway = opened(given_(1), make(ev.ConsentRefused, 3, **TO_JOB_CENTRE))

    assert ask(pathway, 2).allowed
    decision = ask(pathway, 3)
    assert not decision.allowed
    assert decision.reasons[0].code == "consent.refused"
    assert str(decision.reasons[0].citation) == "ODENSE2015 pkt. 4, gruppe 3"
    # a refusal for another purpose leaves this consent alone
    other = opened(given_(1), make(ev.ConsentRefused, 3, to=A.JOB_CENTRE, purpose=WORK_ABILITY))
    assert ask(other, 3).allowed


def test_within_one_administration_no_consent_is_needed():
    decision = ask(opened(), 0, to=A.HEALTH, source=A.HEALTH)

    assert decision.allowed
    assert decision.reasons[0].code == "consent.same_administration"


# --- the audit: every disclosure in the log -------------------------------------------------


def test_a_disclosure_recorded_by_the_receiver_still_needs_consent():
    pathway = opened(told(2, by=A.JOB_CENTRE))

    (entry,) = audit(pathway).on_consent
    assert not entry.decision.allowed
    assert entry.decision.reasons[0].code == "consent.none"
    assert entry.decision.source is A.HEALTH
    with pytest.raises(ValidationError, match="to: must not be the source"):
        told(2, source=A.JOB_CENTRE)


def test_audit_judges_each_disclosure_where_it_happened():
    pathway = opened(told(2), given_(2), told(2), told(3, category=SOCIAL), told(4, purpose=None))

    entries = audit(pathway).on_consent

    assert [(e.index, e.decision.allowed) for e in entries] == [
        (1, False),
        (3, True),
        (4, False),
        (5, False),
    ]
    assert [e.decision.reasons[0].code for e in entries] == [
        "consent.none",
        "consent.in_force",
        "consent.not_covered",
        "consent.no_purpose",
    ]
    assert audit(pathway).without_consent == (entries[0], entries[2], entries[3])


def test_a_withdrawal_wins_a_tie_on_its_day_unless_both_times_say_otherwise():
    untimed = audit(opened(given_(1), told(5), withdrawn(5))).on_consent
    assert not untimed[0].decision.allowed
    assert untimed[0].decision.reasons[0].code == "consent.withdrawn"

    morning = told(5, at=dt.time(9), recorded_at=dt.time(9))
    afternoon = withdrawn(5, at=dt.time(14))
    assert audit(opened(given_(1), morning, afternoon)).on_consent[0].decision.allowed
    earlier = withdrawn(5, at=dt.time(8))
    assert not audit(opened(given_(1), morning, earlier)).on_consent[0].decision.allowed


def test_a_withdrawal_recorded_late_counts_from_the_day_it_happened():
    late = withdrawn(3, recorded_on=at(8))
    pathway = opened(given_(1), told(5), late)

    (entry,) = audit(pathway).on_consent
    assert not entry.decision.allowed
    assert entry.decision.reasons[0].code == "consent.withdrawn"
    assert "2024-03-07" in entry.decision.reasons[0].text_en
    assert not ask(pathway, 5).allowed


def test_disclosures_on_a_legal_basis_are_listed_apart_and_never_count_as_consent():
    law = "underretningspligt (ODENSE2015 pkt. 4, gruppe 3)"
    pathway = disclose_by_law(
        opened(),
        SOCIAL,
        to=A.SOCIAL,
        on=at(2),
        by=A.HEALTH,
        source=A.HEALTH,
        legal_basis=law,
    ).append(told(3, to=A.SOCIAL, category=SOCIAL))

    found = audit(pathway)
    (statutory,) = found.on_legal_basis
    assert statutory.decision.allowed
    assert statutory.decision.legal_basis == law
    assert statutory.decision.consent is None
    assert statutory.decision.reasons[0].code == "consent.legal_basis"
    assert statutory.decision.reasons[0].text_en == f"Passed on under {law}, not on consent."
    (on_consent,) = found.on_consent
    assert not on_consent.decision.allowed
    assert not may_disclose(pathway, SOCIAL, to=A.SOCIAL, on=at(3), purpose=COORDINATION).allowed
    assert [e.index for e in found] == [1, 2]


def test_annulled_disclosures_are_listed_apart_with_their_correction():
    annulment = make(
        ev.EventAnnulled, 6, by=A.HEALTH, recorder="hk-1", annuls=1, reason="forkert borger"
    )
    pathway = opened(told(5), annulment)

    found = audit(pathway)
    assert found.on_consent == ()
    (entry,) = found.annulled
    assert (entry.index, entry.annulled_by) == (1, 2)
    assert not entry.decision.allowed
    assert pathway.events[entry.annulled_by].reason == "forkert borger"


# --- disclose: records only what consent allows -----------------------------------------


def test_disclose_records_the_event_or_refuses_and_records_nothing():
    pathway = opened()
    facts = {"to": A.JOB_CENTRE, "by": A.HEALTH, "source": A.HEALTH, "purpose": COORDINATION}

    with pytest.raises(ConsentError) as caught:
        disclose(pathway, HEALTH, on=at(1), **facts)
    assert str(caught.value).startswith(
        "Health information may not be disclosed to job centre / employment on 2024-03-05"
    )
    assert len(pathway) == 1

    allowed = disclose(pathway.append(given_(1)), HEALTH, on=at(1), unit="Team", **facts)
    last = allowed.events[-1]
    assert isinstance(last, ev.InformationDisclosed)
    assert (last.source, last.to, last.category, last.purpose, last.recorded_by, last.unit) == (
        A.HEALTH,
        A.JOB_CENTRE,
        HEALTH,
        COORDINATION,
        A.HEALTH,
        "Team",
    )
    with pytest.raises(ValidationError, match="source: must not be the receiver"):
        disclose(pathway, HEALTH, on=at(1), **{**facts, "source": A.JOB_CENTRE})


# --- the citizen's "no" can always be recorded -------------------------------------------


def test_a_withdrawal_is_recorded_after_a_future_dated_typo_and_takes_effect():
    typo = make(ev.ContactMade, 85)  # meant to be day 5; recorded as if on day 85
    pathway = opened(given_(1), typo)
    assert ask(pathway, 4).allowed

    with pytest.raises(TransitionError, match="before events\\[2\\]"):
        pathway.append(make(ev.ContactMade, 4))
    pathway = pathway.append(withdrawn(4))

    assert not ask(pathway, 4).allowed
    assert not ask(pathway, 90).allowed
    # the typo is annulled, not erased, and the log goes on
    fixed = pathway.append(
        make(ev.EventAnnulled, 4, recorder="hk-1", annuls=2, reason="forkert dato")
    ).append(make(ev.ContactMade, 5))
    assert len(fixed.events) == 6
    assert [e.kind for e in fixed.timeline][-2:] == [
        ev.EventKind.CONSENT_WITHDRAWN,
        ev.EventKind.CONTACT_MADE,
    ]


def test_a_withdrawal_is_recorded_on_a_closed_pathway():
    pathway = opened(given_(1), make(ev.PathwayClosed, 10, A.JOB_CENTRE))
    assert ask(pathway, 400).allowed

    later = pathway.append(withdrawn(400))

    assert not ask(later, 400).allowed
    assert later.state.closed
    with pytest.raises(TransitionError, match="the pathway was closed on 2024-03-14"):
        later.append(given_(401))


def test_a_withdrawal_or_refusal_cannot_be_annulled():
    for no in (withdrawn(2), make(ev.ConsentRefused, 2, **TO_JOB_CENTRE)):
        pathway = opened(given_(1), no)
        with pytest.raises(TransitionError, match="only a new consent from the citizen"):
            pathway.append(make(ev.EventAnnulled, 3, recorder="hk-1", annuls=2, reason="fejl"))


def test_a_withdrawal_needs_no_consent_before_it():
    pathway = opened(withdrawn(1))

    assert not ask(pathway, 1).allowed
    assert ask(pathway, 1).reasons[0].code == "consent.withdrawn"
