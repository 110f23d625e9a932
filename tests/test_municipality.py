"""The simulated municipality of the demo: routing, lapses and the findings they cause."""

import datetime as dt
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.batch import report_frame
from helhed.benefits import benefit_rules
from helhed.cases.registry import CASES
from helhed.collaboration import CollaborationModel
from helhed.errors import ValidationError
from helhed.examples import demo_cohort, example_catalogue
from helhed.frames import to_frame
from helhed.groups import RiskGroup
from helhed.models.catalogue import capacity
from helhed.municipality import DEFAULT_START, ROUTES, Lapses, simulate_municipality
from helhed.organisation import Administration, Period
from helhed.pathways.events import ContactMade, InterventionStarted, ReferralAccepted, Referred
from helhed.protocols import PROTOCOLS
from helhed.target_groups import classify

SIZE, SEED = 400, 11
NONE = Lapses(no_assessment=0, one_profession=0, no_clarifying=0, no_caseworker=0)


@cache
def town(lapses=NONE, seed=SEED):
    return simulate_municipality(SIZE, seed=seed, lapses=lapses)


def findings(track, rule_id):
    return sum(r.by_rule.get(rule_id, 0) for r in track.reports)


def test_every_citizen_in_scope_goes_through_the_model_of_their_group():
    result = town()
    groups = {c.id: classify(c, on=DEFAULT_START).group for c in demo_cohort(SIZE, seed=SEED)}
    assert result.out_of_scope == sum(g is None for g in groups.values())
    assert [t.group for t in result.tracks] == [RiskGroup.LOW, RiskGroup.MEDIUM, RiskGroup.HIGH]
    for track in result.tracks:
        assert track.model is ROUTES[track.group]
        assert track.citizens == sum(g is track.group for g in groups.values())
        assert len(track.pathways) == track.citizens - track.unmatched
        assert {groups[p.citizen_id] for p in track.pathways} <= {track.group}
    assert sum(result.offers.values()) == len(result.pathways)


def test_each_route_goes_to_a_model_with_an_sst2019_case_stating_the_group():
    # The routing is the simulation's assumption, but no route goes against the cases:
    # low -> model 1 (6.3 Jammerbugt, "Mellem- og Lavrisikogruppen"), medium -> model 2
    # (7.1-7.3), high -> model 3 (8.3 IPS, "højriskgruppen").
    stating = {
        group: {c.id for c in CASES.values() if c.model is model and group in c.target_groups}
        for group, model in ROUTES.items()
    }

    assert stating == {
        RiskGroup.LOW: {"jammerbugt"},
        RiskGroup.MEDIUM: {"vordingborg", "silkeborg", "syddjurs"},
        RiskGroup.HIGH: {"tonder", "sonderborg", "kobenhavn_ips"},
    }


def test_the_sources_tie_no_model_to_one_group():
    # Every group is stated by cases of all four models (low: 6.3, 7.3, 8.1, kap. 9; medium
    # and high: 6.1, 7.1, 8.1, kap. 9, among others), so ROUTES is a choice.
    for group in RiskGroup:
        models = {c.model for c in CASES.values() if group in c.target_groups}
        assert models == set(CollaborationModel), group


def test_the_high_group_is_referred_voluntarily_to_the_health_department():
    # Halsnæs: a voluntary referral that the health department takes over (HALSNAES).
    high = town().tracks[2]
    referrals = [p.events[0] for p in high.pathways]
    assert all(isinstance(r, Referred) for r in referrals)
    assert all(r.voluntary and r.to is Administration.HEALTH for r in referrals)
    assert findings(high, "halsnaes.voluntary") == 0


def test_without_lapses_only_the_contact_rule_finds_anything():
    for track in town().tracks:
        for report in track.reports:
            expected = {"halsnaes.contact_within_week"} if report.protocol == "halsnaes" else set()
            assert set(report.by_rule) <= expected, report.protocol


def test_contact_is_late_exactly_when_it_is_not_one_week_after_the_acceptance():
    # Events fall on a weekly grid, so a contact is either 7 days after the acceptance (in
    # time) or 14 or more (late); an acceptance with no contact is late once 7 days have
    # passed by the last day simulated.
    result = town()
    late = 0
    for pathway in result.tracks[2].pathways:
        accepted = next((e for e in pathway.events if isinstance(e, ReferralAccepted)), None)
        if accepted is None:
            continue
        contact = next((e for e in pathway.events if isinstance(e, ContactMade)), None)
        if contact is None:
            late += result.end > accepted.occurred_on + dt.timedelta(days=7)
        else:
            late += (contact.occurred_on - accepted.occurred_on).days != 7
    assert late > 0
    assert findings(result.tracks[2], "halsnaes.contact_within_week") == late


def test_a_plan_without_an_assessment_is_a_finding_in_models_1_and_2():
    result = town(Lapses(no_assessment=1, one_profession=0, no_clarifying=0, no_caseworker=0))
    for track, prefix in zip(result.tracks[:2], ("model1", "model2"), strict=True):
        assert findings(track, f"{prefix}.assessment_before_plan") == len(track.pathways)
        assert findings(track, f"{prefix}.assessment_cross_disciplinary") == 0


def test_an_assessment_of_one_profession_is_a_finding_in_models_1_and_2():
    result = town(Lapses(no_assessment=0, one_profession=1, no_clarifying=0, no_caseworker=0))
    for track, prefix in zip(result.tracks[:2], ("model1", "model2"), strict=True):
        assert findings(track, f"{prefix}.assessment_before_plan") == 0
        assert findings(track, f"{prefix}.assessment_cross_disciplinary") == len(track.pathways)


def test_an_intervention_without_a_clarifying_conversation_is_a_finding_in_model_3():
    result = town(Lapses(no_assessment=0, one_profession=0, no_clarifying=1, no_caseworker=0))
    high = result.tracks[2]
    started = sum(isinstance(e, InterventionStarted) for p in high.pathways for e in p.events)
    assert started > 0
    assert findings(high, "model3.clarifying_first") == started


def test_a_citizen_with_the_right_and_no_coordinating_caseworker_is_a_finding():
    # The right is read on the day of the check from the benefit rules (SST2019 4.1, fn. 7).
    result = town(Lapses(no_assessment=0, one_profession=0, no_clarifying=0, no_caseworker=1))
    cohort = {c.id: c for c in demo_cohort(SIZE, seed=SEED)}
    for track in result.tracks:
        with_right = sum(
            cohort[p.citizen_id].benefit is not None
            and benefit_rules(cohort[p.citizen_id].benefit, on=result.end).coordinating_caseworker
            for p in track.pathways
        )
        assert findings(track, "koordinerende-sagsbehandler.tildelt") == with_right
    assert sum(len(t.reports[-1].findings) for t in result.tracks) > 0


def test_the_same_seed_gives_the_same_municipality_and_another_seed_another():
    assert simulate_municipality(SIZE, seed=SEED, lapses=NONE) == town()
    assert town(seed=SEED + 1).pathways != town().pathways


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"size": 0}, "size"),
        ({"weeks": 0}, "weeks"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"start": "2026-01-05"}, "start"),
        ({"catalogue": "faxe"}, "catalogue"),
        ({"lapses": {"no_assessment": 0}}, "lapses"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, path):
    arguments = {"size": 10, **kwargs}
    size = arguments.pop("size")
    with pytest.raises(ValidationError) as raised:
        simulate_municipality(size, **arguments)
    assert [p.path for p in raised.value.problems] == [path]


def test_lapses_must_be_probabilities():
    with pytest.raises(ValidationError) as raised:
        Lapses(no_assessment=1.5, no_caseworker=True)
    assert [p.path for p in raised.value.problems] == ["no_assessment", "no_caseworker"]


@settings(max_examples=12)
@given(
    size=st.integers(min_value=1, max_value=150),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    weeks=st.integers(min_value=1, max_value=40),
)
def test_any_run_keeps_every_offers_seats_and_refers_everyone_it_matched(size, seed, weeks):
    result = simulate_municipality(size, seed=seed, weeks=weeks)
    rows = capacity(example_catalogue(), result.pathways, Period(result.start, result.end))
    assert not [row.offer_id for row in rows if row.over_capacity]
    assert all(p.events for p in result.pathways)
    assert sum(result.offers.values()) == len(result.pathways)
    assert simulate_municipality(size, seed=seed, weeks=weeks) == result


def test_groups_matched_to_one_offer_share_its_seats():
    # 2,000 citizens overfill the example offers; low, medium and high citizens all match
    # kram-forloeb, and its 16 seats at a time hold across the three groups together.
    result = simulate_municipality(2_000, seed=3)
    users = {
        track.group
        for track in result.tracks
        for p in track.pathways
        if p.events[0].offer == "kram-forloeb"
    }
    assert len(users) > 1
    rows = {
        r.offer_id: r
        for r in capacity(example_catalogue(), result.pathways, Period(result.start, result.end))
    }
    assert rows["kram-forloeb"].peak == rows["kram-forloeb"].capacity.amount
    assert not any(r.over_capacity for r in rows.values())


def test_the_batch_check_of_the_municipality_equals_its_reports():
    # Every track's logs, as one event table, give the same reports through check_frame:
    # models 1-3's own rule classes run on objects there, the rest on columns.
    result = town(Lapses())
    for track in result.tracks:
        table = to_frame(track.pathways)
        for report in track.reports:
            protocol = PROTOCOLS[report.protocol]
            assert report_frame(table, protocol, on=result.end) == report
