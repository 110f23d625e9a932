"""The dated benefit rules, row by row, against values worked out from the sources.

Expected values: SST2019 4.1 lists the benefits for which LAB requires a holistic
intervention (activity-ready cash benefit, resource course, flex job, flex-job unemployment
benefit, sickness benefit incl. job trial) and the three with a right to a coordinating
caseworker (resource course, job clarification course, activity-ready cash benefit; fn. 7).
SST2019 4.2-4.3 name job-ready citizens and sickness benefit categories 1-2 for the medium
group and job-ready citizens for the low group. Integration benefit is renamed on 1 January
2020 (self-support and return benefit, transition benefit); the two new names carry over its
values as helhed's reading. The cash benefit reform (1 July 2025) merges education benefit and
the two renamed benefits into cash benefit. The employment reform (lov nr. 1750) takes effect
on 1 February and 1 July 2026; resource courses close to new citizens by 1 July 2026, and
from 1 February to 30 June 2026 the answer repeats the old rule, marked beyond known law.
"""

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.benefits import (
    COORDINATING_CASEWORKER,
    FIRST_RULE_DATE,
    HOLISTIC_INTERVENTION,
    LIFECYCLE,
    TYPICAL_GROUPS,
    Benefit,
    BenefitStatus,
    Lifecycle,
    benefit_rules,
    rule_boundaries,
)
from helhed.dated import Rule
from helhed.errors import NoRuleError
from helhed.groups import RiskGroup
from helhed.sources import Citation, Verification
from helhed.testing import strategies as hs

B = Benefit
H, M, L = RiskGroup.HIGH, RiskGroup.MEDIUM, RiskGroup.LOW
V, S, U = Verification.VERIFIED, Verification.SECONDARY, Verification.UNVERIFIED
START = dt.date(2018, 1, 19)
RENAMING = dt.date(2020, 1, 1)
CASH_REFORM = dt.date(2025, 7, 1)
EMPLOYMENT_REFORM = dt.date(2026, 2, 1)
EMPLOYMENT_REFORM_FULL = dt.date(2026, 7, 1)
RENAMED = (B.SELF_SUPPORT_RETURN_BENEFIT, B.TRANSITION_BENEFIT)
MERGED = (
    B.EDUCATION_BENEFIT_EDUCATION_READY,
    B.EDUCATION_BENEFIT_ACTIVITY_READY,
    *RENAMED,
)

# (holistic, coordinating caseworker, typical groups) as the law stood from 19 Jan 2018.
FIRST_ERA = {
    B.CASH_BENEFIT_JOB_READY: (False, False, {M, L}),
    B.CASH_BENEFIT_ACTIVITY_READY: (True, True, {H}),
    B.EDUCATION_BENEFIT_EDUCATION_READY: (False, False, {M, L}),
    B.EDUCATION_BENEFIT_ACTIVITY_READY: (True, True, {H}),
    B.RESOURCE_COURSE: (True, True, {H}),
    B.JOB_CLARIFICATION_COURSE: (True, True, {H}),
    B.FLEX_JOB: (True, False, {H}),
    B.FLEX_JOB_UNEMPLOYMENT_BENEFIT: (True, False, {H}),
    B.SICKNESS_BENEFIT: (True, False, {H, M}),
    B.JOB_TRIAL: (True, False, {H}),
    B.INTEGRATION_BENEFIT: (False, False, set()),
    B.INSURED_UNEMPLOYMENT_BENEFIT: (False, False, {M, L}),
    B.EARLY_RETIREMENT_PENSION: (False, False, set()),
    B.EMPLOYED: (False, False, {M, L}),
}

# How well each first-era value is established: verified unless listed here.
FIRST_ERA_WEAKER = {
    (HOLISTIC_INTERVENTION, B.JOB_CLARIFICATION_COURSE): U,
    (HOLISTIC_INTERVENTION, B.EDUCATION_BENEFIT_ACTIVITY_READY): U,
    (HOLISTIC_INTERVENTION, B.EDUCATION_BENEFIT_EDUCATION_READY): U,
    (HOLISTIC_INTERVENTION, B.INTEGRATION_BENEFIT): U,
    (COORDINATING_CASEWORKER, B.EDUCATION_BENEFIT_ACTIVITY_READY): S,
    (COORDINATING_CASEWORKER, B.EDUCATION_BENEFIT_EDUCATION_READY): S,
    (TYPICAL_GROUPS, B.JOB_CLARIFICATION_COURSE): U,
    (TYPICAL_GROUPS, B.EDUCATION_BENEFIT_ACTIVITY_READY): U,
    (TYPICAL_GROUPS, B.EDUCATION_BENEFIT_EDUCATION_READY): U,
    (TYPICAL_GROUPS, B.INSURED_UNEMPLOYMENT_BENEFIT): U,
}


def expected_rows():
    """Every row the tables should hold: (table, benefit, from) -> (value, verification)."""
    rows = {}
    for benefit, (holistic, caseworker, typical) in FIRST_ERA.items():
        rows[("benefit_lifecycle", benefit, START)] = (Lifecycle(BenefitStatus.OPEN), V)
        for table, value in (
            (HOLISTIC_INTERVENTION, holistic),
            (COORDINATING_CASEWORKER, caseworker),
            (TYPICAL_GROUPS, frozenset(typical)),
        ):
            rows[(table.name, benefit, START)] = (value, FIRST_ERA_WEAKER.get((table, benefit), V))
    # The renaming: integration benefit ends; its values carry over, unverified.
    rows[("benefit_lifecycle", B.INTEGRATION_BENEFIT, RENAMING)] = (
        Lifecycle(BenefitStatus.ABOLISHED),
        S,
    )
    for table in (HOLISTIC_INTERVENTION, COORDINATING_CASEWORKER, TYPICAL_GROUPS):
        empty = frozenset() if table is TYPICAL_GROUPS else False
        rows[(table.name, B.INTEGRATION_BENEFIT, RENAMING)] = (empty, S)
        for benefit in RENAMED:
            rows[(table.name, benefit, RENAMING)] = (empty, U)
    for benefit in RENAMED:
        rows[("benefit_lifecycle", benefit, RENAMING)] = (Lifecycle(BenefitStatus.OPEN), S)
    successors = {
        B.EDUCATION_BENEFIT_EDUCATION_READY: B.CASH_BENEFIT_EDUCATION_READY,
        B.EDUCATION_BENEFIT_ACTIVITY_READY: B.CASH_BENEFIT_ACTIVITY_READY,
        B.SELF_SUPPORT_RETURN_BENEFIT: None,
        B.TRANSITION_BENEFIT: None,
    }
    for benefit, successor in successors.items():
        rows[("benefit_lifecycle", benefit, CASH_REFORM)] = (
            Lifecycle(BenefitStatus.ABOLISHED, successor),
            S,
        )
        rows[("holistic_intervention", benefit, CASH_REFORM)] = (False, S)
        rows[("coordinating_caseworker", benefit, CASH_REFORM)] = (False, S)
        rows[("typical_groups", benefit, CASH_REFORM)] = (frozenset(), S)
    edu_ready = B.CASH_BENEFIT_EDUCATION_READY
    rows[("benefit_lifecycle", edu_ready, CASH_REFORM)] = (Lifecycle(BenefitStatus.OPEN), S)
    rows[("holistic_intervention", edu_ready, CASH_REFORM)] = (False, U)
    rows[("coordinating_caseworker", edu_ready, CASH_REFORM)] = (False, U)
    rows[("typical_groups", edu_ready, CASH_REFORM)] = (frozenset({M, L}), U)
    rows[("benefit_lifecycle", B.RESOURCE_COURSE, EMPLOYMENT_REFORM)] = (
        Lifecycle(BenefitStatus.OPEN),
        U,
    )
    rows[("benefit_lifecycle", B.RESOURCE_COURSE, EMPLOYMENT_REFORM_FULL)] = (
        Lifecycle(BenefitStatus.CLOSED_TO_NEW),
        S,
    )
    return rows


TABLES = (LIFECYCLE, HOLISTIC_INTERVENTION, COORDINATING_CASEWORKER, TYPICAL_GROUPS)


def test_every_row_of_every_table_is_expected_and_nothing_else():
    actual = {
        (table.name, row.key, row.valid_from): (row.value, row.verification)
        for table in TABLES
        for row in table.rows
    }

    assert expected_rows() == actual


@pytest.mark.parametrize("key", sorted(expected_rows(), key=str))
def test_each_row_is_what_benefit_rules_answers_from_its_first_day(key):
    table_name, benefit, valid_from = key
    value, _ = expected_rows()[key]
    rules = benefit_rules(benefit, on=valid_from)
    answer = {
        "benefit_lifecycle": Lifecycle(rules.status, rules.successor),
        "holistic_intervention": rules.holistic_intervention,
        "coordinating_caseworker": rules.coordinating_caseworker,
        "typical_groups": rules.typical_groups,
    }[table_name]

    assert value == answer


@pytest.mark.parametrize("benefit", list(FIRST_ERA))
def test_the_day_before_the_first_rule_has_no_rule(benefit):
    with pytest.raises(NoRuleError, match="2018-01-19"):
        benefit_rules(benefit, on=dt.date(2018, 1, 18))

    assert benefit_rules(benefit, on=FIRST_RULE_DATE).valid_from == START


@pytest.mark.parametrize("benefit", MERGED)
def test_merged_benefits_change_on_the_day_of_the_cash_benefit_reform(benefit):
    before = benefit_rules(benefit, on=dt.date(2025, 6, 30))
    after = benefit_rules(benefit, on=CASH_REFORM)

    assert before.status is BenefitStatus.OPEN
    assert before.valid_to == CASH_REFORM
    assert after.status is BenefitStatus.ABOLISHED
    assert (after.holistic_intervention, after.coordinating_caseworker) == (False, False)
    assert after.typical_groups == frozenset()


def test_activity_ready_education_benefit_loses_its_caseworker_right_to_its_successor():
    before = benefit_rules(B.EDUCATION_BENEFIT_ACTIVITY_READY, on=dt.date(2025, 6, 30))
    after = benefit_rules(B.EDUCATION_BENEFIT_ACTIVITY_READY, on=CASH_REFORM)
    successor = benefit_rules(after.successor, on=CASH_REFORM)

    assert before.coordinating_caseworker is True
    assert after.successor is B.CASH_BENEFIT_ACTIVITY_READY
    assert successor.coordinating_caseworker is True


def test_education_ready_cash_benefit_exists_only_from_the_cash_benefit_reform():
    with pytest.raises(NoRuleError, match="2025-07-01"):
        benefit_rules(B.CASH_BENEFIT_EDUCATION_READY, on=dt.date(2025, 6, 30))

    rules = benefit_rules(B.CASH_BENEFIT_EDUCATION_READY, on=CASH_REFORM)

    assert rules.status is BenefitStatus.OPEN
    assert rules.coordinating_caseworker is False


def test_resource_course_closes_to_new_citizens_once_lov_1750_applies_in_full():
    before = benefit_rules(B.RESOURCE_COURSE, on=dt.date(2026, 1, 31))
    window = benefit_rules(B.RESOURCE_COURSE, on=EMPLOYMENT_REFORM)
    last_window_day = benefit_rules(B.RESOURCE_COURSE, on=dt.date(2026, 6, 30))
    after = benefit_rules(B.RESOURCE_COURSE, on=EMPLOYMENT_REFORM_FULL)

    assert (before.status, before.beyond_known_law, before.valid_to) == (
        BenefitStatus.OPEN,
        False,
        EMPLOYMENT_REFORM,
    )
    # 1 February - 30 June 2026: which step of lov 1750 closes the course is not read, so the
    # answer repeats the old rule and says it lies beyond known law.
    assert (window.status, window.beyond_known_law, window.verification) == (
        BenefitStatus.OPEN,
        True,
        U,
    )
    assert (window.valid_from, window.valid_to) == (EMPLOYMENT_REFORM, EMPLOYMENT_REFORM_FULL)
    assert [r.code for r in window.reasons][-2:] == ["rule.ikke_verificeret", "law.beyond_known"]
    assert "1. februar og 1. juli 2026" in window.reasons[-1].text_da
    assert last_window_day.beyond_known_law is True
    assert (after.status, after.beyond_known_law, after.verification) == (
        BenefitStatus.CLOSED_TO_NEW,
        False,
        S,
    )
    assert after.coordinating_caseworker is True  # courses under way keep their rights


def test_integration_benefit_is_renamed_on_1_january_2020():
    before = benefit_rules(B.INTEGRATION_BENEFIT, on=dt.date(2019, 12, 31))
    after = benefit_rules(B.INTEGRATION_BENEFIT, on=RENAMING)

    assert (before.status, before.valid_to) == (BenefitStatus.OPEN, RENAMING)
    assert (after.status, after.successor) == (BenefitStatus.ABOLISHED, None)
    assert str(after.reasons[0].citation) == "L140/2018-19"
    assert after.verification is S


@pytest.mark.parametrize("benefit", RENAMED)
def test_the_renamed_benefits_exist_from_2020_until_the_cash_benefit_reform(benefit):
    with pytest.raises(NoRuleError, match="2020-01-01"):
        benefit_rules(benefit, on=dt.date(2019, 12, 31))

    first = benefit_rules(benefit, on=RENAMING)
    last = benefit_rules(benefit, on=dt.date(2025, 6, 30))

    assert first == attrs.evolve(last, on=RENAMING)
    assert (first.status, first.valid_from, first.valid_to) == (
        BenefitStatus.OPEN,
        RENAMING,
        CASH_REFORM,
    )
    # Integration benefit's values, carried over as helhed's reading.
    assert (first.holistic_intervention, first.coordinating_caseworker) == (False, False)
    assert first.typical_groups == frozenset()
    assert first.verification is U
    readings = [r for r in first.reasons if r.code == "rule.ikke_verificeret"]
    assert len(readings) == 3
    assert all("helheds læsning" in r.text_da for r in readings)
    assert all("helhed's reading" in r.text_en for r in readings)


@pytest.mark.parametrize("benefit", list(FIRST_ERA))
def test_answers_from_1_january_2027_say_they_are_beyond_known_law(benefit):
    before = benefit_rules(benefit, on=dt.date(2026, 12, 31))
    after = benefit_rules(benefit, on=dt.date(2027, 1, 1))

    assert before.beyond_known_law is False
    assert after.beyond_known_law is True
    assert after.reasons[-1].code == "law.beyond_known"
    assert (after.status, after.coordinating_caseworker) == (
        before.status,
        before.coordinating_caseworker,
    )


def test_reasons_cite_the_section_behind_each_answer():
    rules = benefit_rules(B.CASH_BENEFIT_ACTIVITY_READY, on=dt.date(2019, 6, 1))
    cited = {r.code: str(r.citation) for r in rules.reasons}

    assert cited == {
        "benefit.status.aaben": "SST2019 kap. 4",
        "benefit.holistic.yes": "SST2019 4.1",
        "benefit.caseworker.yes": "SST2019 4.1, fn. 7",
        "benefit.typical_groups": "SST2019 4.1",
    }


def test_a_reform_is_a_new_row_and_leaves_the_old_table_untouched():
    reform = Rule(B.FLEX_JOB, dt.date(2028, 1, 1), False, Citation("LAB"), U)
    reformed = HOLISTIC_INTERVENTION.with_rows([reform])

    assert reformed.lookup(B.FLEX_JOB, dt.date(2027, 12, 31)).value is True
    assert reformed.lookup(B.FLEX_JOB, dt.date(2028, 1, 1)).value is False
    assert HOLISTIC_INTERVENTION.lookup(B.FLEX_JOB, dt.date(2028, 1, 1)).value is True
    assert len(HOLISTIC_INTERVENTION.rows) + 1 == len(reformed.rows)


def test_rule_boundaries_list_every_date_an_answer_may_change():
    assert rule_boundaries(B.EDUCATION_BENEFIT_ACTIVITY_READY) == (
        START,
        CASH_REFORM,
        dt.date(2027, 1, 1),
    )
    assert rule_boundaries(B.RESOURCE_COURSE) == (
        START,
        EMPLOYMENT_REFORM,
        EMPLOYMENT_REFORM_FULL,
        dt.date(2027, 1, 1),
    )
    assert rule_boundaries(B.TRANSITION_BENEFIT) == (RENAMING, CASH_REFORM, dt.date(2027, 1, 1))


def _segment(benefit, on):
    bounds = rule_boundaries(benefit)
    return sum(1 for b in bounds if b <= on)


@given(benefit=hs.benefits(), a=hs.dates(), b=hs.dates())
def test_answers_change_only_across_a_rule_boundary(benefit, a, b):
    try:
        first = benefit_rules(benefit, on=a)
        second = benefit_rules(benefit, on=b)
    except NoRuleError:
        return
    if _segment(benefit, a) == _segment(benefit, b):
        assert attrs.evolve(first, on=b) == second
    else:
        assert (
            first.valid_from != second.valid_from
            or first.beyond_known_law != second.beyond_known_law
        )


@given(benefit=hs.benefits(), on=hs.dates())
def test_answer_holds_for_its_whole_interval(benefit, on):
    try:
        rules = benefit_rules(benefit, on=on)
    except NoRuleError:
        return
    assert rules.valid_from <= on
    assert rules.valid_to is None or on < rules.valid_to
    at_start = benefit_rules(benefit, on=rules.valid_from)
    assert (at_start.status, at_start.holistic_intervention, at_start.coordinating_caseworker) == (
        rules.status,
        rules.holistic_intervention,
        rules.coordinating_caseworker,
    )


def test_benefit_codes_are_stable_danish_codes_with_both_labels():
    assert [b.code for b in Benefit] == [
        "kontanthjaelp_jobparat",
        "kontanthjaelp_uddannelsesparat",
        "kontanthjaelp_aktivitetsparat",
        "uddannelseshjaelp_uddannelsesparat",
        "uddannelseshjaelp_aktivitetsparat",
        "ressourceforloeb",
        "jobafklaringsforloeb",
        "fleksjob",
        "ledighedsydelse",
        "sygedagpenge",
        "jobafproevning",
        "integrationsydelse",
        "selvforsoergelses_hjemrejseydelse",
        "overgangsydelse",
        "arbejdsloeshedsdagpenge",
        "foertidspension",
        "beskaeftiget",
    ]
    assert all(b.label_da and b.label_en for b in Benefit)
    assert Benefit.from_code("fleksjob") is Benefit.FLEX_JOB
    with pytest.raises(ValueError, match="unknown Benefit code"):
        Benefit.from_code("flexjob")


@given(st.sampled_from(list(FIRST_ERA)))
def test_answers_are_cached_and_identical(benefit):
    assert benefit_rules(benefit, on=START) is benefit_rules(benefit, on=START)
