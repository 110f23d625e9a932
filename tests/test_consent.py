"""Consent: default no, given per administration and purpose, withdrawn, audited in log order."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.errors import ConsentError
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.consent import audit, consents_in_force, disclose, may_disclose
from helhed.pathways.pathway import Pathway

A = Administration

D = dt.date(2024, 3, 4)
HEALTH = ev.InformationCategory.HEALTH
SOCIAL = ev.InformationCategory.SOCIAL
COORDINATION = ev.ConsentPurpose.COORDINATION
WORK_ABILITY = ev.ConsentPurpose.WORK_ABILITY


def at(days):
    return D + dt.timedelta(days=days)


def make(kind, day=0, by=A.HEALTH, **fields):
    return kind(citizen_id="c-1", occurred_on=at(day), recorded_by=by, **fields)


def opened(*more):
    first = ev.Referred(
        citizen_id="c-1",
        occurred_on=D,
        recorded_by=A.JOB_CENTRE,
        referral_id="r-1",
        offer="sundhedssamtale",
        to=A.HEALTH,
        voluntary=True,
    )
    return Pathway.of([first, *more])


def given_(day, to=A.JOB_CENTRE, purpose=COORDINATION, categories=(HEALTH,)):
    return make(ev.ConsentGiven, day, to=to, purpose=purpose, categories=frozenset(categories))


def test_the_default_is_no_with_a_reason():
    decision = may_disclose(opened(), HEALTH, to=A.JOB_CENTRE, on=D)

    assert not decision.allowed
    assert decision.consent is None
    assert decision.reasons[0].code == "consent.none"
    assert str(decision.reasons[0].citation) == "SST2019 kap. 3"


def test_consent_counts_from_its_day_and_only_for_what_it_covers():
    pathway = opened(given_(2))

    assert not may_disclose(pathway, HEALTH, to=A.JOB_CENTRE, on=at(1)).allowed
    yes = may_disclose(pathway, HEALTH, to=A.JOB_CENTRE, on=at(2))
    assert yes.allowed
    assert yes.consent is not None
    assert yes.consent.given_on == at(2)
    assert yes.reasons[0].text_en == (
        "On 2024-03-06 the citizen consented to health information being passed to job "
        "centre / employment (coordinating the whole effort)."
    )
    assert may_disclose(pathway, HEALTH, to=A.JOB_CENTRE, on=at(9), purpose=COORDINATION).allowed
    # another category, another purpose, another administration: no
    other_category = may_disclose(pathway, SOCIAL, to=A.JOB_CENTRE, on=at(9))
    assert not other_category.allowed
    assert other_category.reasons[0].code == "consent.not_covered"
    other_purpose = may_disclose(pathway, HEALTH, to=A.JOB_CENTRE, on=at(9), purpose=WORK_ABILITY)
    assert other_purpose.reasons[0].code == "consent.not_covered"
    assert not may_disclose(pathway, HEALTH, to=A.SOCIAL, on=at(9)).allowed


def test_withdrawal_ends_consent_and_says_when():
    pathway = opened(given_(1), make(ev.ConsentWithdrawn, 5, to=A.JOB_CENTRE, purpose=COORDINATION))

    assert may_disclose(pathway, HEALTH, to=A.JOB_CENTRE, on=at(4)).allowed
    after = may_disclose(pathway, HEALTH, to=A.JOB_CENTRE, on=at(5))
    assert not after.allowed
    assert after.reasons[0].code == "consent.withdrawn"
    assert "2024-03-09" in after.reasons[0].text_en
    assert consents_in_force(pathway, at(4))[0].given_on == at(1)
    assert consents_in_force(pathway, at(5)) == ()


def test_a_refusal_is_remembered():
    pathway = opened(make(ev.ConsentRefused, 1, to=A.JOB_CENTRE, purpose=COORDINATION))
    decision = may_disclose(pathway, HEALTH, to=A.JOB_CENTRE, on=at(3))

    assert decision.reasons[0].code == "consent.refused"
    assert str(decision.reasons[0].citation) == "ODENSE2015 pkt. 4, gruppe 3"


def test_no_consent_is_needed_within_one_administration():
    decision = may_disclose(opened(), HEALTH, to=A.HEALTH, on=D, source=A.HEALTH)

    assert decision.allowed
    assert decision.reasons[0].code == "consent.same_administration"


def test_disclose_records_the_event_or_refuses_and_records_nothing():
    pathway = opened()

    with pytest.raises(ConsentError) as caught:
        disclose(pathway, HEALTH, to=A.JOB_CENTRE, on=at(1), by=A.HEALTH)
    assert str(caught.value).startswith(
        "Health information may not be disclosed to job centre / employment on 2024-03-05"
    )
    assert len(pathway) == 1

    allowed = disclose(
        pathway.append(given_(1)), HEALTH, to=A.JOB_CENTRE, on=at(1), by=A.HEALTH, unit="Team"
    )
    last = allowed.events[-1]
    assert isinstance(last, ev.InformationDisclosed)
    assert (last.to, last.category, last.recorded_by, last.unit) == (
        A.JOB_CENTRE,
        HEALTH,
        A.HEALTH,
        "Team",
    )


def test_audit_judges_each_disclosure_in_log_order():
    told = make(ev.InformationDisclosed, 2, to=A.JOB_CENTRE, category=HEALTH)
    pathway = opened(
        told, given_(2), told, make(ev.InformationDisclosed, 2, to=A.HEALTH, category=HEALTH)
    )

    entries = audit(pathway)

    assert [(e.index, e.decision.allowed) for e in entries] == [(1, False), (3, True), (4, True)]
    assert entries[2].decision.reasons[0].code == "consent.same_administration"


# --- properties: never allowed before consent or after withdrawal ------------------------

_TO = st.sampled_from([A.JOB_CENTRE, A.SOCIAL])
_PURPOSE = st.sampled_from([COORDINATION, WORK_ABILITY])
_CATEGORIES = st.frozensets(st.sampled_from([HEALTH, SOCIAL]), min_size=1)


@st.composite
def consent_logs(draw):
    events = []
    day = 0
    for _ in range(draw(st.integers(0, 8))):
        day += draw(st.integers(0, 5))
        to, purpose = draw(_TO), draw(_PURPOSE)
        live = {(e.to, e.purpose) for e in events if isinstance(e, ev.ConsentGiven)}
        kinds = ["give", "refuse"] + (["withdraw"] if live else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "give":
            events.append(given_(day, to, purpose, draw(_CATEGORIES)))
        elif kind == "refuse":
            events.append(make(ev.ConsentRefused, day, to=to, purpose=purpose))
        else:
            to, purpose = draw(st.sampled_from(sorted(live, key=str)))
            events.append(make(ev.ConsentWithdrawn, day, to=to, purpose=purpose))
    # a withdrawal of something already withdrawn cannot be logged; keep the valid prefix
    pathway = opened()
    for event in events:
        try:
            pathway = pathway.append(event)
        except Exception:  # noqa: BLE001, S112 - the draw made an impossible withdrawal
            continue
    return pathway


def _model(pathway, category, to, day, purpose):
    """An independent reading: a consent covers the question and no later withdrawal ended it."""
    events = [e for e in pathway.events if e.occurred_on <= day]
    for i, event in enumerate(events):
        if not isinstance(event, ev.ConsentGiven):
            continue
        if event.to is not to or category not in event.categories:
            continue
        if purpose is not None and event.purpose is not purpose:
            continue
        withdrawn = any(
            isinstance(later, ev.ConsentWithdrawn)
            and later.to is to
            and later.purpose is event.purpose
            for later in events[i + 1 :]
        )
        if not withdrawn:
            return True
    return False


@settings(max_examples=500)
@given(
    consent_logs(),
    st.sampled_from([HEALTH, SOCIAL]),
    _TO,
    st.integers(-1, 45),
    st.none() | _PURPOSE,
)
def test_may_disclose_matches_an_independent_reading(pathway, category, to, offset, purpose):
    day = at(offset)
    decision = may_disclose(pathway, category, to=to, on=day, purpose=purpose)

    assert decision.allowed == _model(pathway, category, to, day, purpose)
    assert decision.reasons
    if not decision.allowed:
        assert decision.consent is None


@settings(max_examples=500)
@given(consent_logs(), st.sampled_from([HEALTH, SOCIAL]), _TO, _PURPOSE)
def test_never_allowed_before_the_first_consent_or_after_withdrawal(pathway, category, to, purpose):
    givens = [
        e
        for e in pathway.events
        if isinstance(e, ev.ConsentGiven) and e.to is to and category in e.categories
    ]
    first = min((e.occurred_on for e in givens), default=at(60))
    assert not may_disclose(pathway, category, to=to, on=first - dt.timedelta(days=1)).allowed

    last_day = pathway.events[-1].occurred_on
    withdrawn_after = [
        i
        for i, e in enumerate(pathway.events)
        if isinstance(e, ev.ConsentWithdrawn) and e.to is to and e.purpose is purpose
    ]
    if withdrawn_after:
        cut = withdrawn_after[-1]
        regiven = any(
            isinstance(e, ev.ConsentGiven) and e.to is to and e.purpose is purpose
            for e in pathway.events[cut:]
        )
        if not regiven:
            assert not may_disclose(pathway, category, to=to, on=last_day, purpose=purpose).allowed
