"""Recording and auditing disclosures: every fact kept, every disclosure judged where it stood.

The timing is helhed's reading (Pathways and consent page): a withdrawal or refusal counts from
its moment; on its own day it counts unless both it and the disclosure have a time of day and
it was surely later - the citizen wins the tie. A consent counts only once given.
"""

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
from helhed.errors import ConsentError, HelhedError, TransitionError, ValidationError
from helhed.pathways import events as ev
from helhed.pathways.consent import (
    audit,
    consents_in_force,
    disclose,
    disclose_by_law,
    may_disclose,
)

LAW = "underretningspligt"
NINE, TWO_PM = dt.time(9), dt.time(14)


def no(kind, day, to=A.JOB_CENTRE, purpose=COORDINATION, **fields):
    return make(kind, day, to=to, purpose=purpose, **fields)


def told(day, to=A.JOB_CENTRE, category=HEALTH, **fields):
    fields = {"purpose": COORDINATION, "source": A.HEALTH, **fields}
    return make(ev.InformationDisclosed, day, to=to, category=category, **fields)


def annul(day, annuls, **fields):
    return make(ev.EventAnnulled, day, recorder="hk-1", annuls=annuls, reason="fejl", **fields)


def codes(entries):
    return [(e.index, e.decision.allowed, e.decision.reasons[0].code) for e in entries]


# --- disclose: the event recorded holds every fact given ------------------------------------


def test_disclose_records_every_fact_it_was_given():
    pathway = opened(given_(1, purpose=WORK_ABILITY, categories=(SOCIAL,)))

    recorded = disclose(
        pathway, SOCIAL, to=A.JOB_CENTRE, on=at(3), by=A.JOB_CENTRE, source=A.SOCIAL,
        purpose=WORK_ABILITY, at=NINE, unit="Sygedagpengehuset", recorder="hk-2",
    )  # fmt: skip

    assert recorded.events[:-1] == pathway.events
    assert recorded.events[-1] == ev.InformationDisclosed(
        citizen_id="c-1",
        occurred_on=at(3),
        at=NINE,
        recorded_by=A.JOB_CENTRE,
        unit="Sygedagpengehuset",
        recorder="hk-2",
        source=A.SOCIAL,
        to=A.JOB_CENTRE,
        category=SOCIAL,
        purpose=WORK_ABILITY,
        legal_basis=None,
    )
    # the audit meets it with the consent it rests on
    (entry,) = audit(recorded).on_consent
    assert (entry.index, entry.decision.allowed, entry.decision.consent.index) == (2, True, 1)


def test_disclose_refuses_with_the_decision_and_records_nothing():
    pathway = opened(given_(1), no(ev.ConsentWithdrawn, 5))

    with pytest.raises(ConsentError) as caught:
        disclose(
            pathway, HEALTH, to=A.JOB_CENTRE, on=at(6), by=A.JOB_CENTRE, source=A.SOCIAL,
            purpose=COORDINATION,
        )  # fmt: skip

    assert isinstance(caught.value, HelhedError)
    assert str(caught.value) == (
        "Health information may not be disclosed to job centre / employment on 2024-03-10: "
        "The citizen withdrew their consent to job centre / employment for coordinating the "
        "whole effort on 2024-03-09; nothing may be passed on without a new consent."
    )
    decision = caught.value.decision
    assert (decision.allowed, decision.category, decision.to, decision.on) == (
        False,
        HEALTH,
        A.JOB_CENTRE,
        at(6),
    )
    assert (decision.source, decision.purpose, decision.consent, decision.legal_basis) == (
        A.SOCIAL,
        COORDINATION,
        None,
        None,
    )
    assert decision.reasons[0].code == "consent.withdrawn"
    assert len(pathway.events) == 3


def test_disclose_judges_the_purpose_it_was_given():
    pathway = opened(given_(1, purpose=WORK_ABILITY))
    facts = {"to": A.JOB_CENTRE, "on": at(2), "by": A.HEALTH, "source": A.HEALTH}

    assert disclose(pathway, HEALTH, purpose=WORK_ABILITY, **facts).events[-1].purpose is (
        WORK_ABILITY
    )
    with pytest.raises(ConsentError) as caught:
        disclose(pathway, HEALTH, purpose=COORDINATION, **facts)
    assert caught.value.decision.reasons[0].code == "consent.not_covered"


def test_disclose_names_every_bad_argument():
    with pytest.raises(ValidationError) as caught:
        disclose(
            "log", "helbred", to="jobcenter", on="2024-03-05", by="sundhed", source=None,
            purpose="koordinering",
        )  # type: ignore[arg-type]  # fmt: skip

    assert [str(p) for p in caught.value.problems] == [
        "pathway: must be a Pathway",
        "category: must be an InformationCategory",
        "to: must be an Administration",
        "on: must be a date",
        "purpose: must be a ConsentPurpose",
        "source: must be an Administration",
        "by: must be an Administration",
    ]


@pytest.mark.parametrize(
    ("facts", "problem"),
    [
        ({"source": A.JOB_CENTRE}, "source: must not be the receiver; nothing is disclosed"),
        ({"at": "09:00"}, "at: must be a time of day without a time zone"),
        ({"at": dt.time(9, tzinfo=dt.UTC)}, "at: must be a time of day without a time zone"),
    ],
)
def test_disclose_refuses_a_disclosure_to_its_source_and_a_bad_time(facts, problem):
    pathway = opened()  # no consent: the arguments are checked before the ledger is asked
    base = {"to": A.JOB_CENTRE, "on": at(2), "by": A.HEALTH, "source": A.HEALTH}

    with pytest.raises(ValidationError) as caught:
        disclose(pathway, HEALTH, purpose=COORDINATION, **{**base, **facts})

    assert [str(p) for p in caught.value.problems] == [problem]


# --- disclose_by_law ----------------------------------------------------------------------------


def test_disclose_by_law_records_the_basis_and_every_other_fact():
    pathway = opened(no(ev.ConsentRefused, 1, to=A.SOCIAL))

    recorded = disclose_by_law(
        pathway, HEALTH, to=A.SOCIAL, on=at(2), by=A.SOCIAL, source=A.HEALTH, legal_basis=LAW,
        purpose=WORK_ABILITY, at=TWO_PM, unit="Borgerservice", recorder="hk-3",
    )  # fmt: skip

    assert recorded.events[-1] == ev.InformationDisclosed(
        citizen_id="c-1",
        occurred_on=at(2),
        at=TWO_PM,
        recorded_by=A.SOCIAL,
        unit="Borgerservice",
        recorder="hk-3",
        source=A.HEALTH,
        to=A.SOCIAL,
        category=HEALTH,
        purpose=WORK_ABILITY,
        legal_basis=LAW,
    )
    bare = disclose_by_law(
        pathway, HEALTH, to=A.SOCIAL, on=at(2), by=A.SOCIAL, source=A.HEALTH, legal_basis=LAW
    ).events[-1]
    assert (bare.purpose, bare.at, bare.unit, bare.recorder) == (None, None, None, None)


def test_disclose_by_law_checks_the_pathway_and_the_event():
    facts = {"to": A.SOCIAL, "on": at(2), "by": A.SOCIAL, "source": A.HEALTH}

    with pytest.raises(ValidationError) as caught:
        disclose_by_law((), HEALTH, legal_basis=LAW, **facts)  # type: ignore[arg-type]
    assert [str(p) for p in caught.value.problems] == ["pathway: must be a Pathway"]
    with pytest.raises(ValidationError, match="legal_basis: must not be blank"):
        disclose_by_law(opened(), HEALTH, legal_basis=" ", **facts)
    with pytest.raises(TransitionError):
        disclose_by_law(opened(given_(3)), HEALTH, legal_basis=LAW, **facts)


# --- the tie rule: the citizen's withdrawal or refusal wins its day -----------------------


@pytest.mark.parametrize("kind", [ev.ConsentWithdrawn, ev.ConsentRefused])
@pytest.mark.parametrize(
    ("told_at", "no_at", "allowed"),
    [
        (None, None, False),  # neither has a time: the citizen wins
        (NINE, None, False),  # only the disclosure has one: still a tie
        (None, TWO_PM, False),  # only the "no" has one: still a tie
        (NINE, TWO_PM, True),  # the disclosure was surely first
        (TWO_PM, NINE, False),  # the "no" was surely first
        (NINE, NINE, False),  # the same minute: not surely later
    ],
)
def test_audit_a_no_on_the_day_of_a_disclosure(kind, told_at, no_at, allowed):
    pathway = opened(given_(1), told(5, at=told_at), no(kind, 5, at=no_at))

    (entry,) = audit(pathway).on_consent

    said_no = "consent.withdrawn" if kind is ev.ConsentWithdrawn else "consent.refused"
    code = "consent.in_force" if allowed else said_no
    assert (entry.decision.allowed, entry.decision.reasons[0].code) == (allowed, code)


@pytest.mark.parametrize(
    ("disclosed_at", "code"),
    [
        (NINE, "consent.in_force"),
        (dt.time(13, 59), "consent.in_force"),
        (TWO_PM, "consent.withdrawn"),
        (dt.time(15), "consent.withdrawn"),
        (None, "consent.withdrawn"),
    ],
)
def test_disclose_on_the_day_of_a_timed_withdrawal(disclosed_at, code):
    pathway = opened(given_(1), no(ev.ConsentWithdrawn, 5, at=TWO_PM))
    facts = {"to": A.JOB_CENTRE, "by": A.HEALTH, "source": A.HEALTH, "purpose": COORDINATION}

    if code == "consent.in_force":
        recorded = disclose(pathway, HEALTH, on=at(5), at=disclosed_at, **facts)
        assert recorded.events[-1].at == disclosed_at
        return
    with pytest.raises(ConsentError) as caught:
        disclose(pathway, HEALTH, on=at(5), at=disclosed_at, **facts)
    assert caught.value.decision.reasons[0].code == code


@pytest.mark.parametrize(
    ("disclosed_at", "allowed"),
    [(dt.time(9, 59), False), (dt.time(10), True), (None, True)],
)
def test_a_consent_counts_from_its_moment(disclosed_at, allowed):
    pathway = opened(given_(5, at=dt.time(10)))
    facts = {"to": A.JOB_CENTRE, "by": A.HEALTH, "source": A.HEALTH, "purpose": COORDINATION}

    if allowed:
        assert disclose(pathway, HEALTH, on=at(5), at=disclosed_at, **facts)
        return
    with pytest.raises(ConsentError) as caught:
        disclose(pathway, HEALTH, on=at(5), at=disclosed_at, **facts)
    assert caught.value.decision.reasons[0].code == "consent.none"


def test_audit_a_consent_recorded_after_a_disclosure_of_its_day_does_not_cover_it():
    untimed = opened(told(5), given_(5))
    shown_earlier = opened(told(5, at=NINE), given_(5, at=dt.time(8)))

    assert codes(audit(untimed).on_consent) == [(1, False, "consent.none")]
    assert codes(audit(shown_earlier).on_consent) == [(1, True, "consent.in_force")]


# --- audit: each disclosure judged with its own facts, in three lists -------------------------


def test_audit_judges_each_disclosure_with_its_own_purpose_receiver_and_category():
    pathway = opened(
        given_(1, purpose=WORK_ABILITY, categories=(HEALTH, SOCIAL)),
        told(2, purpose=WORK_ABILITY),
        told(2),
        told(2, category=SOCIAL, purpose=WORK_ABILITY, source=A.SOCIAL),
        told(2, to=A.SOCIAL, purpose=WORK_ABILITY),
    )

    entries = audit(pathway).on_consent

    assert codes(entries) == [
        (2, True, "consent.in_force"),
        (3, False, "consent.not_covered"),
        (4, True, "consent.in_force"),
        (5, False, "consent.none"),
    ]
    facts = [
        (d.category, d.to, d.on, d.purpose, d.source, d.legal_basis)
        for d in (e.decision for e in entries)
    ]
    assert facts == [
        (HEALTH, A.JOB_CENTRE, at(2), WORK_ABILITY, A.HEALTH, None),
        (HEALTH, A.JOB_CENTRE, at(2), COORDINATION, A.HEALTH, None),
        (SOCIAL, A.JOB_CENTRE, at(2), WORK_ABILITY, A.SOCIAL, None),
        (HEALTH, A.SOCIAL, at(2), WORK_ABILITY, A.HEALTH, None),
    ]
    assert [e.event for e in entries] == list(pathway.events[2:])
    assert [e.decision.consent.index for e in entries if e.decision.allowed] == [1, 1]


def test_audit_sorts_disclosures_into_three_lists_and_iterates_in_log_order():
    pathway = opened(
        given_(1),
        told(2),  # 2: on consent
        told(2, legal_basis=LAW, purpose=None),  # 3: on a statutory basis
        told(3, category=SOCIAL),  # 4: on consent, not covered
        told(3, legal_basis=LAW),  # 5: annulled below; an annulment wins over the basis
        told(4),  # 6: annulled below
        annul(5, 5),  # 7
        annul(5, 6),  # 8
    )

    found = audit(pathway)

    assert found.citizen_id == "c-1"
    assert codes(found.on_consent) == [
        (2, True, "consent.in_force"),
        (4, False, "consent.not_covered"),
    ]
    assert codes(found.on_legal_basis) == [(3, True, "consent.legal_basis")]
    assert [(e.index, e.annulled_by, e.decision.reasons[0].code) for e in found.annulled] == [
        (5, 7, "consent.legal_basis"),
        (6, 8, "consent.in_force"),
    ]
    assert [e.annulled_by for e in (*found.on_consent, *found.on_legal_basis)] == [None] * 3
    assert [e.index for e in found] == [2, 3, 4, 5, 6]
    assert found.without_consent == (found.on_consent[1],)


def test_audit_judges_an_annulled_disclosure_where_it_would_have_stood():
    pathway = opened(
        given_(1),
        told(3),  # 2: before the withdrawal
        told(5, at=NINE),  # 3: before the withdrawal of 14:00
        told(5),  # 4: on the withdrawal's day, untimed: the citizen wins
        no(ev.ConsentWithdrawn, 5, at=TWO_PM),  # 5
        annul(6, 2),
        annul(6, 3),
        annul(6, 4),
    )

    assert codes(audit(pathway).annulled) == [
        (2, True, "consent.in_force"),
        (3, True, "consent.in_force"),
        (4, False, "consent.withdrawn"),
    ]


def test_audit_of_a_cut_pathway_keeps_the_numbering_of_the_log_it_was_cut_from():
    late = {"recorded_on": at(20)}
    pathway = opened(
        given_(1),
        given_(20, purpose=WORK_ABILITY),  # 2: after the cut
        told(5, **late),  # 3: annulled by 4
        annul(6, 3, **late),  # 4
        told(7, category=SOCIAL, **late),  # 5
    )

    cut = audit(pathway.until(at(10)))

    assert [(e.index, e.annulled_by) for e in cut.annulled] == [(3, 4)]
    assert codes(cut.annulled) == [(3, True, "consent.in_force")]
    assert codes(cut.on_consent) == [(5, False, "consent.not_covered")]
    assert [e.index for e in cut] == [3, 5]


def test_audit_and_consents_in_force_check_their_arguments():
    with pytest.raises(ValidationError) as caught:
        audit([])  # type: ignore[arg-type]
    assert [str(p) for p in caught.value.problems] == ["pathway: must be a Pathway"]
    with pytest.raises(ValidationError) as caught:
        consents_in_force("log", "2024-03-05")  # type: ignore[arg-type]
    assert [str(p) for p in caught.value.problems] == [
        "pathway: must be a Pathway",
        "on: must be a date",
    ]
    with pytest.raises(ValidationError) as caught:
        may_disclose(opened(), HEALTH, to=A.JOB_CENTRE, on=at(1), purpose=COORDINATION,
                     source="sundhed")  # type: ignore[arg-type]  # fmt: skip
    assert [str(p) for p in caught.value.problems] == ["source: must be an Administration"]


def test_consents_in_force_lists_the_live_consents_oldest_first():
    pathway = opened(
        given_(1, ends_on=at(4)),
        given_(2, to=A.SOCIAL),
        given_(3, purpose=WORK_ABILITY),
        no(ev.ConsentRefused, 5, purpose=WORK_ABILITY),
    )

    def live(day):
        return [(c.to, c.purpose, c.given_on, c.index) for c in consents_in_force(pathway, at(day))]

    assert live(4) == [
        (A.JOB_CENTRE, COORDINATION, at(1), 1),
        (A.SOCIAL, COORDINATION, at(2), 2),
        (A.JOB_CENTRE, WORK_ABILITY, at(3), 3),
    ]
    assert live(5) == [(A.SOCIAL, COORDINATION, at(2), 2)]
    assert live(0) == []
