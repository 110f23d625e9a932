"""The consent ledger, row by row: every reason's texts and citation, the order of what decides.

The order is the table of the Pathways and consent page (helhed's reading of SST2019 kap. 3
and ODENSE2015 pkt. 4, gruppe 3, marked there): 1 same administration, 2 statutory basis,
3 no purpose, 4 in force, 5 expired, 6 not covered, 7 withdrawn, 8 refused, 9 none. Each
step is reached by a worked input, and each pair of neighbouring steps is set against each
other: the higher one must win. Every expected text below is written out by hand from the
labels of the administrations, categories and purposes.
"""

import typing

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
from helhed.errors import ValidationError
from helhed.pathways import events as ev
from helhed.pathways.consent import audit, disclose_by_law, may_disclose, refusal
from helhed.pathways.ledger import Ledger, Refusal, moment_in

SST = "SST2019 kap. 3"
ODENSE = "ODENSE2015 pkt. 4, gruppe 3"

# Lower-cased labels, as the texts use them.
JC = ("jobcenter / beskæftigelse", "job centre / employment")
COORD = ("koordinering af den samlede indsats", "coordinating the whole effort")
WORK = (
    "afklaring af arbejdsevne (fx fleksjob, førtidspension)",
    "assessing work ability (e.g. flex job, early-retirement pension)",
)


def withdrawn(day, to=A.JOB_CENTRE, purpose=COORDINATION, **fields):
    return make(ev.ConsentWithdrawn, day, to=to, purpose=purpose, **fields)


def refused(day, to=A.JOB_CENTRE, purpose=COORDINATION, **fields):
    return make(ev.ConsentRefused, day, to=to, purpose=purpose, **fields)


def told(day, to=A.JOB_CENTRE, category=HEALTH, **fields):
    fields = {"purpose": COORDINATION, "source": A.HEALTH, **fields}
    return make(ev.InformationDisclosed, day, to=to, category=category, **fields)


def ask(pathway, day, category=HEALTH, *, to=A.JOB_CENTRE, purpose=COORDINATION, **fields):
    return may_disclose(pathway, category, on=at(day), to=to, purpose=purpose, **fields)


def decided(pathway, category=HEALTH, *, to=A.JOB_CENTRE, day=9, **fields):
    """Ledger.decide at the end of ``day``: reaches the rows no public question meets."""
    return Ledger(pathway).decide(category, to, moment=moment_in(pathway, at(day)), **fields)


def entry(pathway):
    """The one disclosure of ``pathway``'s audit, on consent or on a statutory basis."""
    (found,) = tuple(audit(pathway))
    return found.decision


def by_law(pathway, *, to, by):
    """``pathway`` with social circumstances passed from health to ``to`` by law on day 2."""
    return disclose_by_law(
        pathway, SOCIAL, to=to, on=at(2), by=by, source=A.HEALTH, legal_basis=LAW
    )


def pin(decision):
    (reason,) = decision.reasons
    return (decision.allowed, reason.code, reason.text_da, reason.text_en, str(reason.citation))


# --- golden table: every reason the ledger gives, each reached by a worked input ----------

LAW = "underretningspligt"

GOLDEN = {
    "consent.same_administration": (
        lambda: ask(opened(), 0, to=A.HEALTH, source=A.HEALTH),
        True,
        "Oplysningerne bliver i sundhedsafdeling; der kræves ikke samtykke.",
        "The information stays within health department; no consent is needed.",
        SST,
    ),
    "consent.legal_basis": (
        lambda: entry(by_law(opened(), to=A.SOCIAL, by=A.HEALTH)),
        True,
        f"Videregivet med hjemmel i {LAW}, ikke på samtykke.",
        f"Passed on under {LAW}, not on consent.",
        ODENSE,
    ),
    "consent.no_purpose": (
        lambda: entry(opened(given_(1), told(2, purpose=None))),
        False,
        f"Videregivelsen af helbredsoplysninger til {JC[0]} angiver intet formål; et samtykke "
        "gives til et formål og dækker den derfor ikke.",
        f"The disclosure of health information to {JC[1]} states no purpose; a consent is "
        "given for a purpose, so none covers it.",
        SST,
    ),
    "consent.in_force": (
        lambda: ask(opened(given_(2, ends_on=at(10))), 10),
        True,
        f"Borgeren gav 2024-03-06 samtykke til, at helbredsoplysninger må gives til {JC[0]} "
        f"({COORD[0]}) til og med 2024-03-14.",
        f"On 2024-03-06 the citizen consented to health information being passed to {JC[1]} "
        f"({COORD[1]}) until 2024-03-14.",
        SST,
    ),
    "consent.expired": (
        lambda: ask(opened(given_(2, ends_on=at(10))), 11),
        False,
        f"Samtykket til {JC[0]} til {COORD[0]} gjaldt til og med 2024-03-14.",
        f"The consent to {JC[1]} for {COORD[1]} ended on 2024-03-14.",
        SST,
    ),
    "consent.not_covered": (
        lambda: ask(opened(given_(2)), 3, SOCIAL),
        False,
        f"Samtykket til {JC[0]} dækker ikke sociale forhold til {COORD[0]}.",
        f"The consent to {JC[1]} does not cover social circumstances for {COORD[1]}.",
        SST,
    ),
    "consent.withdrawn": (
        lambda: ask(opened(given_(1), withdrawn(5)), 6),
        False,
        f"Borgeren tilbagekaldte 2024-03-09 sit samtykke til {JC[0]} til {COORD[0]}; intet må "
        "videregives uden et nyt samtykke.",
        f"The citizen withdrew their consent to {JC[1]} for {COORD[1]} on 2024-03-09; nothing "
        "may be passed on without a new consent.",
        SST,
    ),
    "consent.refused": (
        lambda: ask(opened(refused(3, purpose=WORK_ABILITY)), 4, purpose=WORK_ABILITY),
        False,
        f"Borgeren sagde 2024-03-07 nej til at give samtykke til {JC[0]} til {WORK[0]}.",
        f"On 2024-03-07 the citizen declined to consent to {JC[1]} for {WORK[1]}.",
        ODENSE,
    ),
    "consent.none": (
        lambda: ask(opened(), 0, to=A.SOCIAL),
        False,
        "Der er intet samtykke til at give oplysninger til socialforvaltning; svaret er nej.",
        "No consent to pass information to social services is in force; the answer is no.",
        SST,
    ),
}


def test_the_golden_table_names_every_reason_the_ledger_can_give():
    refusals = {f"consent.{why}" for why in typing.get_args(Refusal)}
    yeses = {"consent.same_administration", "consent.legal_basis", "consent.in_force"}

    assert set(GOLDEN) == refusals | yeses


@pytest.mark.parametrize("code", GOLDEN)
def test_each_reason_has_its_danish_and_english_text_and_citation(code):
    worked, allowed, text_da, text_en, citation = GOLDEN[code]

    assert pin(worked()) == (allowed, code, text_da, text_en, citation)


def test_a_consent_in_force_without_an_end_date_names_none():
    decision = ask(opened(given_(2, to=A.SOCIAL, categories=(SOCIAL, HEALTH))), 3, to=A.SOCIAL)

    assert pin(decision) == (
        True,
        "consent.in_force",
        "Borgeren gav 2024-03-06 samtykke til, at helbredsoplysninger må gives til "
        f"socialforvaltning ({COORD[0]}).",
        "On 2024-03-06 the citizen consented to health information being passed to social "
        f"services ({COORD[1]}).",
        SST,
    )


def test_a_refusal_asked_without_a_purpose_names_none():
    no = refusal(HEALTH, A.SOCIAL, None, why="withdrawn", day=at(5))
    lapsed = refusal(SOCIAL, A.JOB_CENTRE, None, why="not_covered")

    assert (no.text_da, no.text_en) == (
        "Borgeren tilbagekaldte 2024-03-09 sit samtykke til socialforvaltning; intet må "
        "videregives uden et nyt samtykke.",
        "The citizen withdrew their consent to social services on 2024-03-09; nothing may be "
        "passed on without a new consent.",
    )
    assert (lapsed.text_da, lapsed.text_en) == (
        f"Samtykket til {JC[0]} dækker ikke sociale forhold.",
        f"The consent to {JC[1]} does not cover social circumstances.",
    )


@pytest.mark.parametrize(
    ("category", "to", "problem"),
    [
        ("helbred", A.JOB_CENTRE, "category: must be an InformationCategory"),
        (HEALTH, "jobcenter", "to: must be an Administration"),
    ],
)
def test_refusal_names_the_argument_of_the_wrong_type(category, to, problem):
    with pytest.raises(ValidationError) as caught:
        refusal(category, to, COORDINATION, why="none")

    assert [str(p) for p in caught.value.problems] == [problem]


# --- the default is no -----------------------------------------------------------------------


def test_the_default_is_no_for_every_receiver_and_purpose_without_a_consent():
    pathway = opened(given_(1, to=A.SOCIAL, purpose=WORK_ABILITY, ends_on=at(2)))

    for to in (A.JOB_CENTRE, A.REGION, A.GENERAL_PRACTICE):
        for purpose in ev.ConsentPurpose:
            decision = ask(pathway, 5, to=to, purpose=purpose, source=A.HEALTH)
            assert (decision.allowed, decision.consent, decision.reasons[0].code) == (
                False,
                None,
                "consent.none",
            )
            assert (decision.to, decision.purpose, decision.on, decision.source) == (
                to,
                purpose,
                at(5),
                A.HEALTH,
            )


# --- each step of the order, and each pair of neighbouring steps ---------------------------


def test_step_1_the_same_administration_wins_over_everything_below_it():
    # only Ledger.decide meets 1 with 2 or 3: a disclosure in the log never has source == to
    pathway = opened(refused(1, to=A.HEALTH))

    with_basis = decided(pathway, to=A.HEALTH, source=A.HEALTH, purpose=None, legal_basis=LAW)
    assert with_basis.reasons[0].code == "consent.same_administration"
    assert (with_basis.allowed, with_basis.legal_basis) == (True, LAW)
    without_purpose = decided(pathway, to=A.HEALTH, source=A.HEALTH, purpose=None)
    assert pin(without_purpose)[:2] == (True, "consent.same_administration")
    over_a_refusal = ask(pathway, 3, to=A.HEALTH, source=A.HEALTH)
    assert pin(over_a_refusal)[:2] == (True, "consent.same_administration")
    assert over_a_refusal.consent is None
    # who recorded it never counts: the source decides
    recorded_by_receiver = entry(opened(told(2, by=A.JOB_CENTRE)))
    assert pin(recorded_by_receiver)[:2] == (False, "consent.none")


def test_step_2_a_statutory_basis_wins_over_a_missing_purpose_and_a_citizens_no():
    pathway = by_law(opened(refused(1, to=A.SOCIAL)), to=A.SOCIAL, by=A.SOCIAL)

    decision = entry(pathway)
    assert pin(decision)[:2] == (True, "consent.legal_basis")
    assert (decision.legal_basis, decision.consent, decision.purpose) == (LAW, None, None)
    # without the basis the same disclosure would meet step 3
    assert pin(decided(pathway, SOCIAL, to=A.SOCIAL, source=A.HEALTH, purpose=None))[:2] == (
        False,
        "consent.no_purpose",
    )


def test_step_3_a_missing_purpose_wins_over_a_consent_in_force():
    pathway = opened(given_(1), told(2, purpose=None), told(2))

    assert [pin(e.decision)[:2] for e in audit(pathway).on_consent] == [
        (False, "consent.no_purpose"),
        (True, "consent.in_force"),
    ]


def test_step_4_a_consent_in_force_wins_over_an_expired_and_a_narrower_one():
    pathway = opened(
        given_(1, ends_on=at(3)),
        given_(2, categories=(SOCIAL,)),
        given_(4, categories=(HEALTH, SOCIAL), ends_on=at(8)),
    )

    decision = ask(pathway, 5)
    assert pin(decision)[:2] == (True, "consent.in_force")
    assert decision.consent is not None
    assert (decision.consent.given_on, decision.consent.index) == (at(4), 3)


def test_step_4_relies_on_the_newest_covering_consent():
    pathway = opened(given_(1), given_(2, categories=(HEALTH, SOCIAL)), given_(3, ends_on=at(3)))

    decision = ask(pathway, 4)
    assert decision.consent is not None
    assert (decision.consent.given_on, decision.consent.index) == (at(2), 2)
    assert decision.reasons[0].text_en.startswith("On 2024-03-06 the citizen consented")


def test_step_5_an_expired_consent_wins_over_a_narrower_one_and_names_the_newest_end():
    pathway = opened(
        given_(1, ends_on=at(10)),
        given_(2, ends_on=at(6)),
        given_(3, categories=(SOCIAL,)),
    )

    decision = ask(pathway, 11)
    assert pin(decision)[:2] == (False, "consent.expired")
    # the newest covering consent, given on day 2, ended on day 6 (2024-03-10); the older
    # one lasted until day 10 (2024-03-14)
    assert decision.reasons[0].text_en.endswith("ended on 2024-03-10.")


def test_step_6_a_narrower_consent_since_a_no_wins_over_the_no():
    pathway = opened(given_(1), withdrawn(3), given_(5, categories=(SOCIAL,)))

    assert pin(ask(pathway, 6))[:2] == (False, "consent.not_covered")
    # before the narrower consent, the withdrawal is the newest fact
    assert pin(ask(pathway, 4))[:2] == (False, "consent.withdrawn")


def test_step_6_a_consent_for_another_purpose_counts_only_without_a_no():
    other = given_(1, purpose=WORK_ABILITY)

    assert pin(ask(opened(other), 2))[:2] == (False, "consent.not_covered")
    assert pin(ask(opened(other, withdrawn(1)), 2))[:2] == (False, "consent.withdrawn")
    assert pin(ask(opened(other, refused(1)), 2))[:2] == (False, "consent.refused")


def test_step_6_the_other_purpose_must_be_in_force_for_the_same_receiver():
    def code(*events, day=5):
        return ask(opened(*events), day).reasons[0].code

    ending = given_(1, purpose=WORK_ABILITY, ends_on=at(5))
    assert code(ending, day=5) == "consent.not_covered"
    assert code(ending, day=6) == "consent.none"
    assert code(given_(6, purpose=WORK_ABILITY)) == "consent.none"
    assert code(given_(1, to=A.SOCIAL, purpose=WORK_ABILITY)) == "consent.none"
    ended = (given_(1, purpose=WORK_ABILITY), withdrawn(3, purpose=WORK_ABILITY))
    assert code(*ended) == "consent.none"
    assert code(*ended, day=2) == "consent.not_covered"
    assert code(given_(1, purpose=WORK_ABILITY), refused(3, purpose=WORK_ABILITY)) == (
        "consent.none"
    )
    assert code(*ended, given_(4, purpose=WORK_ABILITY)) == "consent.not_covered"
    # a consent to another receiver, given first, is passed over
    assert code(given_(1, to=A.SOCIAL), given_(2, purpose=WORK_ABILITY)) == "consent.not_covered"
    # a withdrawal of another receiver's consent leaves this one alone
    assert code(given_(1, purpose=WORK_ABILITY), withdrawn(3, to=A.SOCIAL)) == (
        "consent.not_covered"
    )
    # one purpose in force among several is enough
    two = (given_(1, purpose=WORK_ABILITY), given_(2, purpose=ev.ConsentPurpose.PROGRESSION))
    assert code(*two, withdrawn(3, purpose=WORK_ABILITY)) == "consent.not_covered"
    # in the audit, a consent for another purpose given after the disclosure does not count
    late_other = audit(opened(told(2), given_(2, purpose=WORK_ABILITY))).on_consent
    assert late_other[0].decision.reasons[0].code == "consent.none"


def test_steps_7_and_8_the_newest_no_decides_and_is_the_one_named():
    cases = [
        ((withdrawn(3), refused(5)), "consent.refused", "On 2024-03-09"),
        ((refused(3), withdrawn(5)), "consent.withdrawn", "on 2024-03-09"),
        ((withdrawn(3), withdrawn(5)), "consent.withdrawn", "on 2024-03-09"),
        ((refused(3), refused(5)), "consent.refused", "On 2024-03-09"),
        ((given_(1), withdrawn(3), given_(4), refused(5)), "consent.refused", "On 2024-03-09"),
        # a "no" for another purpose or receiver is not the newest fact about this one
        ((withdrawn(3), refused(5, purpose=WORK_ABILITY)), "consent.withdrawn", "on 2024-03-07"),
        ((refused(3), withdrawn(5, to=A.SOCIAL)), "consent.refused", "On 2024-03-07"),
    ]
    for events, code, day in cases:
        reason = ask(opened(*events), 6).reasons[0]
        assert (reason.code, day in reason.text_en) == (code, True), events


def test_a_no_recorded_late_is_placed_where_it_happened():
    late = withdrawn(3, recorded_on=at(6))
    pathway = opened(refused(5), late)

    reason = ask(pathway, 6).reasons[0]
    assert (reason.code, "On 2024-03-09" in reason.text_en) == ("consent.refused", True)
    before = ask(pathway, 4).reasons[0]
    assert (before.code, "on 2024-03-07" in before.text_en) == ("consent.withdrawn", True)


def test_step_8_and_9_a_refusal_is_named_and_without_any_no_the_answer_is_none():
    assert pin(ask(opened(refused(2)), 2))[:2] == (False, "consent.refused")
    assert pin(ask(opened(refused(2)), 1))[:2] == (False, "consent.none")
    assert pin(ask(opened(refused(2, to=A.SOCIAL)), 3))[:2] == (False, "consent.none")


def test_a_no_ends_every_consent_before_it_until_a_new_one():
    pathway = opened(given_(1, categories=(HEALTH, SOCIAL)), given_(2), refused(4))

    assert [ask(pathway, 4, c).allowed for c in (HEALTH, SOCIAL)] == [False, False]
    again = pathway.append(given_(6, categories=(SOCIAL,)))
    assert [pin(ask(again, 6, c))[:2] for c in (HEALTH, SOCIAL)] == [
        (False, "consent.not_covered"),
        (True, "consent.in_force"),
    ]
