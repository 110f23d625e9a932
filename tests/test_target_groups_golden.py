"""Target groups pinned whole: precedence of findings, every reason's texts, the guidance.

Worked by hand from SST2019 chapter 4: 4.1 (high risk: "de sundhedsmæssige udfordringer
udgør en aktuell barrierer"), 4.2 (medium risk: "sygdomme, som forværres over tid såsom
muskelsvind, Parkinsons ..."; "et øget antal sygedage"; the risk factors "rygning,
problematisk alkoholforbrug, stofbrug, fysisk aktivitet, søvn og mental sundhed"), 4.3 (low
risk: "usund livsstil"). The first finding that holds, in that order, decides the horizon.
"""

import datetime as dt

import pytest

from helhed.benefits import Benefit, benefit_rules
from helhed.citizens import Citizen
from helhed.errors import ValidationError
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import (
    HealthChallenge,
    HealthDomain,
    HealthProfile,
    ProgressiveCondition,
    RiskFactor,
)
from helhed.target_groups import GUIDANCE, HorizonBasis, OfferArea, classify, derive_horizon

ON = dt.date(2024, 5, 1)
BEYOND = dt.date(2027, 1, 1)
BARRIER = HealthChallenge(domain=HealthDomain.MENTAL, current_barrier=True)
PARKINSONS = HealthChallenge(
    domain=HealthDomain.PHYSICAL, progressive=True, condition=ProgressiveCondition.PARKINSONS
)
PLAIN = HealthChallenge(domain=HealthDomain.PHYSICAL)
CURRENT, MEDIUM_TERM, LONG_TERM = (
    HealthImpactHorizon.CURRENT,
    HealthImpactHorizon.SHORT_TO_MEDIUM_TERM,
    HealthImpactHorizon.LONG_TERM,
)
CH4, S41, S42, S43 = "SST2019 kap. 4", "SST2019 4.1", "SST2019 4.2", "SST2019 4.3"


def person(benefit=None, assessed=None, pid="c-1", **health):
    return Citizen(
        id=pid, benefit=benefit, health=HealthProfile(**health), assessed_horizon=assessed
    )


def codes(assessment):
    return [r.code for r in assessment.reasons]


# --- which finding decides ----------------------------------------------------------------------

# Each finding with every weaker one also recorded: the strongest decides (SST2019 4.1-4.3).
STRONGEST_FIRST = [
    ("horizon.current_barrier", CURRENT, {"challenges": (BARRIER,)}),
    ("horizon.progressive", MEDIUM_TERM, {"challenges": (PARKINSONS,)}),
    ("horizon.affects_work", MEDIUM_TERM, {"affects_work": True}),
    ("horizon.drugs", MEDIUM_TERM, {"risk_factors": {RiskFactor.DRUGS}}),
    ("horizon.medium_risk_factor", MEDIUM_TERM, {"risk_factors": {RiskFactor.ALCOHOL}}),
    ("horizon.lifestyle", LONG_TERM, {"risk_factors": {RiskFactor.SMOKING}}),
    ("horizon.challenge_without_effect", LONG_TERM, {"challenges": (PLAIN,)}),
]


def merged(findings):
    health = {"challenges": (), "risk_factors": frozenset(), "affects_work": False}
    for _, _, part in findings:
        health["challenges"] += part.get("challenges", ())
        health["risk_factors"] |= part.get("risk_factors", set())
        health["affects_work"] |= part.get("affects_work", False)
    return health


@pytest.mark.parametrize("i", range(len(STRONGEST_FIRST)))
def test_the_strongest_finding_decides_over_every_weaker_one(i):
    code, horizon, _ = STRONGEST_FIRST[i]
    every = classify(person(**merged(STRONGEST_FIRST[i:])), on=ON)
    alone = classify(person(**merged(STRONGEST_FIRST[i : i + 1])), on=ON)

    for a in (every, alone):
        assert (a.horizon, a.group, a.basis) == (horizon, horizon.group, HorizonBasis.DERIVED)
        assert codes(a)[0] == code
    assert derive_horizon(HealthProfile(**merged(STRONGEST_FIRST[i:]))) is horizon


def test_a_current_barrier_beside_a_progressive_condition_is_high_risk():
    # SST2019 4.1 before 4.2: the barrier is current, so the Parkinson's does not matter yet.
    a = classify(
        person(Benefit.CASH_BENEFIT_ACTIVITY_READY, challenges=(PARKINSONS, BARRIER)), on=ON
    )

    assert (a.group, a.horizon, a.typical, a.disability_key_person) == (
        RiskGroup.HIGH,
        CURRENT,
        True,
        True,
    )
    assert codes(a) == [
        "horizon.current_barrier",
        "group.high",
        "benefit.typical_groups",
        "funding.typical",
        "key_person.involve",
    ]
    assert a.guidance is GUIDANCE[RiskGroup.HIGH]


def test_one_challenge_both_progressive_and_a_barrier_is_high_risk():
    both = HealthChallenge(
        domain=HealthDomain.PHYSICAL,
        progressive=True,
        condition=ProgressiveCondition.PARKINSONS,
        current_barrier=True,
    )
    assert derive_horizon(HealthProfile(challenges=(both,))) is CURRENT


def test_a_progressive_condition_beside_a_plain_challenge_is_medium_risk():
    a = classify(person(challenges=(PLAIN, PARKINSONS)), on=ON)
    assert (a.group, codes(a)[0]) == (RiskGroup.MEDIUM, "horizon.progressive")


def test_derive_horizon_needs_a_profile_and_classify_a_citizen_and_a_date():
    cases = [
        (lambda: derive_horizon(None), "health: must be a HealthProfile"),
        (lambda: classify(HealthProfile(), on=ON), "citizen: must be a Citizen"),
        (lambda: classify(person(), on="2024-05-01"), "on: must be a date"),
    ]
    for call, message in cases:
        with pytest.raises(ValidationError) as caught:
            call()
        assert str(caught.value) == message
    assert derive_horizon(HealthProfile()) is None


# --- every reason code's texts and citation ------------------------------------------------------

TYPICAL_HIGH = (
    "Kontanthjælp, aktivitetsparat er et typisk forsørgelsesgrundlag for højrisikogruppen.",
    "Cash benefit, activity-ready is a typical funding basis for the high-risk group.",
    S41,
)
KEY_PERSON_DA = "Jobcentrets handicap-nøgleperson bør inddrages om handicapkompenserende ordninger."
KEY_PERSON_EN = (
    "The job centre's disability key person should be involved on disability compensation schemes."
)

# (citizen, date, index of the reason, code, Danish text, English text, citation)
GOLDEN = [
    (
        person(challenges=(BARRIER,)),
        ON,
        0,
        "horizon.current_barrier",
        "En registreret helbredsmæssig udfordring er en aktuel barriere for tilknytning til "
        "arbejdsmarkedet.",
        "A recorded health challenge is a current barrier to labour-market attachment.",
        S41,
    ),
    (
        person(challenges=(PARKINSONS,)),
        ON,
        0,
        "horizon.progressive",
        "En sygdom, der forværres over tid, men endnu ikke begrænser arbejdsevnen væsentligt.",
        "A disease that worsens over time but does not yet limit work ability much.",
        S42,
    ),
    (
        person(affects_work=True),
        ON,
        0,
        "horizon.affects_work",
        "Helbredet viser sig som flere sygedage eller besvær med at få eller fastholde et job.",
        "Health shows as more sick days or as trouble getting or keeping a job.",
        S42,
    ),
    (
        person(risk_factors=frozenset({RiskFactor.DRUGS})),
        ON,
        0,
        "horizon.drugs",
        "Stofbrug er en risikofaktor for mellemrisikogruppen.",
        "Drug use is a risk factor of the medium-risk group.",
        S42,
    ),
    (
        person(risk_factors=frozenset({RiskFactor.PHYSICAL_ACTIVITY})),
        ON,
        0,
        "horizon.lifestyle",
        "Usund livsstil (rygning, kost, fysisk aktivitet) uden betydning for arbejdsevnen på "
        "kort eller mellemlang sigt.",
        "Unhealthy lifestyle (smoking, diet, physical activity) without effect on work ability "
        "in the short or medium term.",
        S43,
    ),
    (
        person(challenges=(PLAIN,)),
        ON,
        0,
        "horizon.challenge_without_effect",
        "En helbredsmæssig udfordring uden aktuel eller nær virkning på arbejdsevnen.",
        "A health challenge with no current or near effect on work ability.",
        S43,
    ),
    (
        person(),
        ON,
        0,
        "scope.none",
        "Ingen helbredsmæssige udfordringer eller risikofaktorer er registreret; borgeren er "
        "uden for de tre målgrupper.",
        "No health challenge or risk factor is recorded; the citizen is outside the three "
        "target groups.",
        CH4,
    ),
    (
        person(),
        ON,
        1,
        "funding.none",
        "Intet forsørgelsesgrundlag er oplyst.",
        "No funding basis is given.",
        CH4,
    ),
    (
        person(challenges=(BARRIER,)),
        ON,
        1,
        "group.high",
        "Horisonten 'aktuel barriere' placerer borgeren i højrisikogruppen.",
        "The horizon 'current barrier' places the citizen in the high-risk group.",
        S41,
    ),
    (
        person(affects_work=True),
        ON,
        1,
        "group.medium",
        "Horisonten 'risiko på kort eller mellemlang sigt' placerer borgeren i "
        "mellemrisikogruppen.",
        "The horizon 'risk in the short or medium term' places the citizen in the medium-risk "
        "group.",
        S42,
    ),
    (
        person(challenges=(PLAIN,)),
        ON,
        1,
        "group.low",
        "Horisonten 'risiko på lang sigt' placerer borgeren i lavrisikogruppen.",
        "The horizon 'risk in the long term' places the citizen in the low-risk group.",
        S43,
    ),
    (
        person(challenges=(BARRIER,)),
        ON,
        3,
        "key_person.involve",
        KEY_PERSON_DA,
        KEY_PERSON_EN,
        S41,
    ),
    (
        person(affects_work=True),
        ON,
        3,
        "key_person.involve",
        KEY_PERSON_DA,
        KEY_PERSON_EN,
        S42,
    ),
    (
        person(Benefit.CASH_BENEFIT_ACTIVITY_READY, challenges=(BARRIER,)),
        ON,
        3,
        "funding.typical",
        *TYPICAL_HIGH,
    ),
    (
        person(Benefit.CASH_BENEFIT_JOB_READY, challenges=(BARRIER,)),
        ON,
        3,
        "funding.atypical",
        "Kontanthjælp, jobparat er ikke et typisk forsørgelsesgrundlag for højrisikogruppen.",
        "Cash benefit, job-ready is not a typical funding basis for the high-risk group.",
        S41,
    ),
    (
        person(Benefit.SICKNESS_BENEFIT, risk_factors=frozenset({RiskFactor.DIET})),
        ON,
        3,
        "funding.atypical",
        "Sygedagpenge er ikke et typisk forsørgelsesgrundlag for lavrisikogruppen.",
        "Sickness benefit is not a typical funding basis for the low-risk group.",
        S43,
    ),
    (
        person(Benefit.CASH_BENEFIT_EDUCATION_READY, affects_work=True),
        ON,
        2,
        "funding.no_rule",
        # Education-ready cash benefit exists from the reform of 1 July 2025.
        "Kontanthjælp, uddannelsesparat: ingen kendt regel på datoen; reglerne gælder fra "
        "2025-07-01.",
        "Cash benefit, education-ready: no known rule on the date; the rules apply from "
        "2025-07-01.",
        CH4,
    ),
]


@pytest.mark.parametrize("case", GOLDEN)
def test_each_reason_classify_writes_pinned(case):
    citizen, on, index, *expected = case
    reason = classify(citizen, on=on).reasons[index]

    assert [reason.code, reason.text_da, reason.text_en, str(reason.citation)] == expected


def test_the_medium_risk_factor_reason_is_marked_as_helheds_reading():
    (reason, *_) = classify(person(risk_factors=frozenset({RiskFactor.SLEEP})), on=ON).reasons
    assert reason.code == "horizon.medium_risk_factor"
    assert str(reason.citation) == S42
    assert reason.text_da.startswith(
        "Problematisk alkoholforbrug, søvn eller mental sundhed er registreret; SST2019 4.2 "
        "nævner dem som mellemrisikogruppens risikofaktorer. helheds læsning:"
    )
    assert reason.text_en.startswith(
        "Problematic alcohol use, sleep or mental health is recorded; SST2019 4.2 names them "
        "as risk factors of the medium-risk group. helhed's reading:"
    )
    assert reason.text_en.endswith("a professional assessment of a long-term horizon prevails.")


@pytest.mark.parametrize(
    ("assessed", "health", "derived", "da", "en"),
    [
        (CURRENT, {"challenges": (PLAIN,)}, LONG_TERM, "aktuel barriere", "current barrier"),
        (
            MEDIUM_TERM,
            {"challenges": (BARRIER,)},
            CURRENT,
            "risiko på kort eller mellemlang sigt",
            "risk in the short or medium term",
        ),
        (
            LONG_TERM,
            {"affects_work": True},
            MEDIUM_TERM,
            "risiko på lang sigt",
            "risk in the long term",
        ),
    ],
)
def test_an_assessed_horizon_and_a_differing_record_pinned(assessed, health, derived, da, en):
    a = classify(person(assessed=assessed, **health), on=ON)
    labels = {
        CURRENT: ("aktuel barriere", "current barrier"),
        MEDIUM_TERM: ("risiko på kort eller mellemlang sigt", "risk in the short or medium term"),
        LONG_TERM: ("risiko på lang sigt", "risk in the long term"),
    }

    assert (a.horizon, a.group, a.basis) == (assessed, assessed.group, HorizonBasis.ASSESSED)
    first, second = a.reasons[:2]
    assert (first.code, first.text_da, first.text_en, str(first.citation)) == (
        "horizon.assessed",
        f"Fagligt vurderet: {da}.",
        f"Assessed by a professional: {en}.",
        CH4,
    )
    other_da, other_en = labels[derived]
    assert (second.code, second.text_da, second.text_en, str(second.citation)) == (
        "horizon.derived_differs",
        f"De registrerede oplysninger peger på '{other_da}'; den faglige vurdering har forrang.",
        f"The recorded facts point to '{other_en}'; the professional assessment prevails.",
        CH4,
    )
    assert codes(a)[2] == f"group.{assessed.group.name.lower()}"


def test_an_assessment_that_agrees_with_the_record_or_has_none_notes_no_difference():
    agrees = classify(person(assessed=CURRENT, challenges=(BARRIER,)), on=ON)
    nothing = classify(person(assessed=LONG_TERM), on=ON)

    assert codes(agrees) == ["horizon.assessed", "group.high", "funding.none", "key_person.involve"]
    assert codes(nothing) == ["horizon.assessed", "group.low", "funding.none"]
    assert (nothing.basis, nothing.disability_key_person) == (HorizonBasis.ASSESSED, False)


# --- funding basis: which benefit-rule reasons are carried --------------------------------------


def test_an_open_benefit_carries_only_its_typical_groups():
    citizen = person(Benefit.JOB_CLARIFICATION_COURSE, challenges=(BARRIER,))
    a = classify(citizen, on=ON)
    rules = benefit_rules(Benefit.JOB_CLARIFICATION_COURSE, on=ON)

    # The rules also give status, holistic effort, caseworker and two unverified rows.
    assert [r.code for r in rules.reasons][:4] == [
        "benefit.status.aaben",
        "benefit.holistic.yes",
        "benefit.caseworker.yes",
        "benefit.typical_groups",
    ]
    assert a.reasons[2] == rules.reasons[3]
    assert codes(a) == [
        "horizon.current_barrier",
        "group.high",
        "benefit.typical_groups",
        "funding.typical",
        "key_person.involve",
    ]


def test_a_benefit_closed_to_new_carries_its_status_and_beyond_known_law():
    a = classify(person(Benefit.RESOURCE_COURSE, challenges=(BARRIER,)), on=BEYOND)
    rules = benefit_rules(Benefit.RESOURCE_COURSE, on=BEYOND)

    assert (a.typical, a.beyond_known_law) == (True, True)
    assert codes(a) == [
        "horizon.current_barrier",
        "group.high",
        "benefit.status.lukket_for_nye",
        "benefit.typical_groups",
        "law.beyond_known",
        "funding.typical",
        "key_person.involve",
    ]
    kept = {"benefit.status.lukket_for_nye", "benefit.typical_groups", "law.beyond_known"}
    assert a.reasons[2:5] == tuple(r for r in rules.reasons if r.code in kept)


def test_out_of_scope_with_a_benefit_names_its_groups_but_no_typicality():
    a = classify(person(Benefit.CASH_BENEFIT_JOB_READY, pid="c-9"), on=BEYOND)

    assert (a.citizen_id, a.on, a.benefit) == ("c-9", BEYOND, Benefit.CASH_BENEFIT_JOB_READY)
    assert (a.group, a.horizon, a.basis, a.typical) == (None, None, HorizonBasis.NONE, None)
    assert (a.in_scope, a.guidance, a.disability_key_person, a.beyond_known_law) == (
        False,
        None,
        False,
        True,
    )
    assert codes(a) == ["scope.none", "benefit.typical_groups", "law.beyond_known"]


def test_no_funding_basis_is_never_beyond_known_law():
    a = classify(person(challenges=(PLAIN,)), on=BEYOND)

    assert (a.benefit, a.typical, a.beyond_known_law) == (None, None, False)
    assert codes(a) == ["horizon.challenge_without_effect", "group.low", "funding.none"]


def test_a_benefit_with_no_typical_group_and_one_before_its_rules_leave_typical_open():
    pension = classify(person(Benefit.EARLY_RETIREMENT_PENSION, affects_work=True), on=ON)
    early = classify(person(Benefit.CASH_BENEFIT_EDUCATION_READY, affects_work=True), on=ON)

    assert (pension.typical, pension.beyond_known_law) == (None, False)
    assert codes(pension) == [
        "horizon.affects_work",
        "group.medium",
        "benefit.typical_groups.none",
        "key_person.involve",
    ]
    assert (early.typical, early.beyond_known_law) == (None, False)
    assert codes(early) == [
        "horizon.affects_work",
        "group.medium",
        "funding.no_rule",
        "key_person.involve",
    ]


@pytest.mark.parametrize(
    ("benefit", "health", "group", "typical"),
    [
        (Benefit.SICKNESS_BENEFIT, {"challenges": (BARRIER,)}, RiskGroup.HIGH, True),
        (Benefit.SICKNESS_BENEFIT, {"affects_work": True}, RiskGroup.MEDIUM, True),
        (Benefit.CASH_BENEFIT_JOB_READY, {"affects_work": True}, RiskGroup.MEDIUM, True),
        (Benefit.CASH_BENEFIT_JOB_READY, {"challenges": (PLAIN,)}, RiskGroup.LOW, True),
        (Benefit.FLEX_JOB, {"challenges": (PLAIN,)}, RiskGroup.LOW, False),
    ],
)
def test_typical_follows_the_groups_the_benefit_names(benefit, health, group, typical):
    a = classify(person(benefit, **health), on=ON)
    assert (a.group, a.typical) == (group, typical)
    assert codes(a)[3] == ("funding.typical" if typical else "funding.atypical")


# --- guidance and the inputs carried ------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        # 4.1: "kost, rygning, alkohol, træning/fysisk aktivitet og mental sundhed"; "parallelt".
        (
            {"challenges": (BARRIER,)},
            RiskGroup.HIGH,
            {"kost", "rygning", "alkohol", "fysisk_aktivitet", "mental_sundhed"},
            True,
            True,
            "4.1",
        ),
        # 4.2: "kost, rygning, alkohol- og stofbrug, træning/fysisk aktivitet og mental sundhed".
        (
            {"affects_work": True},
            RiskGroup.MEDIUM,
            {"kost", "rygning", "alkohol", "stoffer", "fysisk_aktivitet", "mental_sundhed"},
            False,
            True,
            "4.2",
        ),
        # 4.3: "kost, rygning, rusmidler, træning/fysisk aktivitet og mental sundhed".
        (
            {"risk_factors": frozenset({RiskFactor.DIET})},
            RiskGroup.LOW,
            {"kost", "rygning", "alkohol", "stoffer", "fysisk_aktivitet", "mental_sundhed"},
            False,
            False,
            "4.3",
        ),
    ],
)
def test_the_guidance_of_each_assessment_is_its_groups(case):
    health, group, areas, parallel, key_person, section = case
    a = classify(person(Benefit.FLEX_JOB, pid="c-42", **health), on=ON)
    g = a.guidance

    assert (a.citizen_id, a.on, a.benefit, a.in_scope) == ("c-42", ON, Benefit.FLEX_JOB, True)
    assert g is GUIDANCE[group]
    assert g.group is group
    assert {area.code for area in g.offer_areas} == areas
    assert (g.parallel_with_company_offers, g.disability_key_person) == (parallel, key_person)
    assert a.disability_key_person is key_person
    assert str(g.citation) == f"SST2019 {section}"
    assert g.goal_da
    assert g.goal_en
    assert "jobcentret" in g.authority_da.lower()


def test_offer_areas_are_the_six_named():
    assert {a.code for a in OfferArea} == {
        "kost",
        "rygning",
        "alkohol",
        "stoffer",
        "fysisk_aktivitet",
        "mental_sundhed",
    }
