import datetime as dt
import itertools
import math
import re
from collections import Counter
from fractions import Fraction

import pytest

pytest.importorskip("numpy")
pytest.importorskip("scipy")

from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.cases.aalborg import AALBORG, FLEX_OFFER, FLEX_REFERRAL, UNITS
from helhed.errors import ValidationError
from helhed.examples.aalborg import aalborg_pathways
from helhed.organisation import Administration
from helhed.pathways.compliance import check
from helhed.pathways.events import (
    ConsentGiven,
    ConversationHeld,
    ConversationKind,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionNotStarted,
    InterventionStarted,
    ReferralAccepted,
    Referred,
    ReferredOnward,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.reports import (
    TOTAL,
    InterventionStatus,
    conversations_by_unit,
    intervention_status,
    referrals_by_destination,
)
from helhed.simulation.calibration import (
    FIT_TOLERANCE,
    FLEX_WEEKS,
    LAST_REFERRAL_WEEK,
    PERIOD,
    AalborgFit,
    AalborgTargets,
    Destination,
    FlexModel,
    UnitModel,
    compare_to_published,
    fit_aalborg,
    fit_flex,
    simulate_aalborg,
)

FIT = fit_aalborg()
S = InterventionStatus


def unit(name):
    return next(m for m in FIT.units if m.unit == name)


def figure(figures, table, row, measure):
    return next(f for f in figures if (f.table, f.row, f.measure) == (table, row, measure))


# --- the fit: closed-form parts, worked out by hand ---------------------------------------


def test_conversations_give_the_geometric_parameter_in_closed_form():
    # Sygedagpengehuset: 60 conversations / 32 citizens = 1.875 per citizen. A citizen's
    # count is geometric on 1, 2, ... with mean 1 / (1 - q), so 1 - q = 32/60 and
    # q = 28/60 = 7/15 = 0.4667. The other units the same way: Job- og Aktivhuset
    # 1 - 55/63 = 8/63, Virksomhedscenteret 1 - 56/71 = 15/71, Uddannelseshuset
    # 1 - 36/172 = 136/172 = 34/43.
    expected = {
        "Sygedagpengehuset": Fraction(7, 15),
        "Job- og Aktivhuset": Fraction(8, 63),
        "Virksomhedscenteret": Fraction(15, 71),
        "Uddannelseshuset": Fraction(34, 43),
    }
    assert [m.unit for m in FIT.units] == list(UNITS)
    for name, q in expected.items():
        assert unit(name).p_another == pytest.approx(float(q), abs=1e-15)
    assert unit("Sygedagpengehuset").mean_conversations == pytest.approx(1.875)
    # sd of a geometric count: sqrt(q) / (1 - q) = sqrt(7/15) / (8/15) = 0.68313 / 0.53333
    # = 1.28087
    assert unit("Sygedagpengehuset").sd_conversations == pytest.approx(1.28087, abs=1e-5)


def test_destination_probabilities_are_the_shares_of_tabel_2():
    # 72, 48, 27, 10 and 9 of 166 referrals.
    assert [(d.name, d.probability) for d in FIT.destinations] == [
        ("Aalborg Sundhedscenter", 72 / 166),
        ("Sundhedshjørnet", 48 / 166),
        ("Egen læge", 27 / 166),
        ("Kontakt Ældre Handicap", 10 / 166),
        ("Selv træning", 9 / 166),
    ]
    assert FIT.destinations[2].administration is Administration.GENERAL_PRACTICE
    assert FIT.destinations[4].administration is None


def test_kappa_spreads_166_referrals_over_111_citizens():
    # A unit with lambda = R/N referrals per citizen refers a citizen on with probability
    # pi = lambda / (1 + kappa * lambda), and one referred gets 1 + Poisson(kappa * lambda),
    # so the mean stays pi * (1 + kappa * lambda) = lambda. At kappa = 0.44 the expected
    # citizens referred on are 21/1.28875 + 90/1.72 + 44/1.345714 + 11/1.134444
    # = 16.295 + 52.326 + 32.696 + 9.696 = 111.013, a little over 111, so kappa is a little
    # over 0.44.
    assert FIT.kappa == pytest.approx(0.44017, abs=1e-5)
    assert sum(m.citizens * m.p_referred for m in FIT.units) == pytest.approx(111, abs=1e-9)
    for m, (citizens, _, referrals) in zip(FIT.units, FIT.targets.units.values(), strict=True):
        assert m.mean_referrals == pytest.approx(referrals / citizens, abs=1e-12)
    # Job- og Aktivhuset refers 90/55 = 1.64 times per citizen, so nearly everyone.
    assert unit("Job- og Aktivhuset").p_referred == pytest.approx(0.9512, abs=1e-4)


def test_completion_share_of_those_who_left_a_team_is_31_of_40():
    flex = FIT.flex
    assert flex.p_complete / (flex.p_complete + flex.p_drop_out) == pytest.approx(31 / 40)


# --- the fit: the numerical parts ---------------------------------------------------------


def test_fit_reproduces_every_published_figure():
    assert FIT.max_residual < 1e-6
    assert all(abs(r) < FIT_TOLERANCE for r in FIT.residuals)
    # Tabel 3 of 80 citizens: 31, 14, 9, 25 and the one the rows leave out.
    expected = FIT.flex.expected_status()
    assert [100 * expected[s] for s in S] == pytest.approx(
        [38.75, 17.5, 11.25, 31.25, 1.25], abs=1e-6
    )
    shown = {(f.table, f.row, f.measure): f for f in FIT.figures}
    assert shown["tabel 1", TOTAL, "conversations per citizen"].published == 366 / 179
    assert shown["tabel 2", "citizens referred on", "% of citizens"].published == 100 * 111 / 179
    assert shown["tabel 3", "Did not start", "% of citizens"].value == pytest.approx(31.25)


def test_fitted_flex_probabilities():
    flex = FIT.flex
    assert flex.last_referral_week == LAST_REFERRAL_WEEK == 55
    assert (flex.p_ready, flex.p_not_ready) == pytest.approx((0.23248, 0.10670), abs=1e-5)
    assert (flex.p_complete, flex.p_drop_out) == pytest.approx((0.049808, 0.014460), abs=1e-6)
    assert flex.mean_conversations == pytest.approx(2.948, abs=1e-3)
    assert flex.mean_team_weeks == pytest.approx(15.56, abs=1e-2)
    parameters = flex.parameters
    assert (parameters.p_accept, parameters.p_decline) == (flex.p_ready, flex.p_not_ready)
    assert (parameters.p_contact, parameters.p_start) == (1.0, 1.0)
    assert parameters.stagger_weeks == 55
    assert parameters.offer.id == FLEX_OFFER
    assert parameters.offer.capacity is None


def test_default_referral_window_gives_about_three_preparatory_conversations():
    # Among the windows the chain can fit exactly, week 55 makes the mean number of
    # preparatory conversations closest to the evaluation's "about three".
    means = {
        week: fit_flex(FIT.targets.flex_shares(), last_referral_week=week).mean_conversations
        for week in range(50, 59)
    }
    assert min(means, key=lambda week: abs(means[week] - 3)) == LAST_REFERRAL_WEEK
    assert means[50] > means[55] > means[58]
    # With referrals in the last two weeks, more than one citizen in 80 would still be
    # deciding at the end, whatever the probabilities.
    for week in (FLEX_WEEKS - 2, FLEX_WEEKS - 1):
        with pytest.raises(ValidationError, match=r"^shares: cannot be reproduced"):
            fit_flex(FIT.targets.flex_shares(), last_referral_week=week)


def test_expected_status_of_a_certain_chain_by_hand():
    # Every step certain: referred in week R, ready in R + 1, placed in R + 2, in the team
    # in R + 3, completed in R + 4. At week 60, R uniform on 0..60: R <= 56 completed
    # (57 of 61), R = 57 in the team, R = 58, 59, 60 not yet decided.
    sure = FlexModel(p_ready=1, p_not_ready=0, p_complete=1, p_drop_out=0, last_referral_week=60)
    expected = sure.expected_status()
    assert expected[S.COMPLETED] == pytest.approx(57 / 61)
    assert expected[S.IN_PROGRESS] == pytest.approx(1 / 61)
    assert expected[S.AWAITING] == pytest.approx(3 / 61)
    # Nobody ready: everyone referred before week 60 has decided not to start.
    never = FlexModel(p_ready=0, p_not_ready=1, p_complete=0, p_drop_out=0, last_referral_week=60)
    assert never.expected_status()[S.NOT_STARTED] == pytest.approx(60 / 61)


def test_fit_refuses_shares_it_cannot_reach():
    with pytest.raises(ValidationError, match=r"^shares: must add up to 1$"):
        fit_flex({S.COMPLETED: 0.5})
    with pytest.raises(ValidationError, match="completed and dropped out must not both be 0"):
        fit_flex({S.IN_PROGRESS: 0.5, S.NOT_STARTED: 0.5})


# --- targets and models are validated -----------------------------------------------------


def test_targets_must_fit_together():
    with pytest.raises(ValidationError) as error:
        AalborgTargets(destinations={"Egen læge": 165})
    assert str(error.value) == "destinations: must add up to the units' onward referrals"
    with pytest.raises(ValidationError, match=r"^referred_citizens: is more than the units'"):
        fit_aalborg(AalborgTargets(referred_citizens=166))
    with pytest.raises(ValidationError) as error:
        AalborgTargets(units={"A": (3, 2, 0)}, destinations={}, referred_citizens=0)
    assert str(error.value) == "units[0].conversations: must be at least one per citizen"
    with pytest.raises(ValidationError, match=r"flex_status\[dropout\]: must be 0 or more"):
        AalborgTargets(flex_status={S.DROPPED_OUT: -1})
    with pytest.raises(ValidationError, match=r"^flex_status: keys must be outcomes"):
        AalborgTargets(flex_status={S.AWAITING: 1})


def test_errors_name_the_field_and_never_the_value():
    with pytest.raises(ValidationError) as error:
        FlexModel(p_ready=0.7, p_not_ready=0.6, p_complete=0.1, p_drop_out=0.1)
    assert str(error.value) == "p_not_ready: must add up to at most 1 with p_ready"
    assert "0.6" not in str(error.value)
    with pytest.raises(ValidationError, match=r"^scale: must be 1 or more$"):
        simulate_aalborg(FIT, scale=0, seed=1)
    with pytest.raises(ValidationError, match=r"^fit: must be an AalborgFit$"):
        simulate_aalborg(None, seed=1)
    with pytest.raises(ValidationError, match=r"^z: must be a number, 0 or more$"):
        compare_to_published((), FIT, z=-1)


@pytest.mark.parametrize(
    ("kwargs", "paths"),
    [
        ({"units": [("A", 10, 20, 10)]}, ["units"]),
        ({"destinations": [("X", 20)]}, ["destinations"]),
        ({"flex_status": 3}, ["flex_status"]),
        ({"units": None, "destinations": "X"}, ["units", "destinations"]),
    ],
)
def test_targets_refuse_what_is_not_a_mapping(kwargs, paths):
    with pytest.raises(ValidationError) as error:
        AalborgTargets(**kwargs)
    assert [p.path for p in error.value.problems] == paths


UNIT = {"unit": "A", "citizens": 10, "p_another": 0.5, "p_referred": 0.5, "extra_referrals": 0.2}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"p_another": "x"}, "p_another: must be a number in [0, 1]"),
        ({"p_another": True}, "p_another: must be a number in [0, 1]"),
        ({"p_another": 1.0}, "p_another: must be below 1"),
        ({"p_referred": math.nan}, "p_referred: must be a number in [0, 1]"),
        ({"p_referred": False}, "p_referred: must be a number in [0, 1]"),
        ({"extra_referrals": math.inf}, "extra_referrals: must be a number, 0 or more"),
        ({"extra_referrals": -0.1}, "extra_referrals: must be a number, 0 or more"),
        ({"citizens": True}, "citizens: must be a whole number"),
    ],
)
def test_unit_models_refuse_bools_infinities_and_text(changes, message):
    with pytest.raises(ValidationError) as error:
        UnitModel(**{**UNIT, **changes})
    assert str(error.value) == message


@pytest.mark.parametrize("probability", [True, math.inf, math.nan, -0.5, "1"])
def test_destinations_refuse_what_is_not_a_probability(probability):
    with pytest.raises(ValidationError) as error:
        Destination(name="Egen læge", administration=None, probability=probability)
    assert str(error.value) == "probability: must be a number in [0, 1]"


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ([0.5], "shares: must be a mapping of InterventionStatus to fractions"),
        ("completed", "shares: must be a mapping of InterventionStatus to fractions"),
        ({S.COMPLETED: 0.5, "dropout": 0.5}, "shares[?]: must be keyed by InterventionStatus"),
        ({S.COMPLETED: True}, "shares[gennemfoert]: must be a number in [0, 1]"),
        ({S.COMPLETED: math.inf}, "shares[gennemfoert]: must be a number in [0, 1]"),
    ],
)
def test_fit_flex_refuses_what_is_not_shares_by_status(shares, message):
    with pytest.raises(ValidationError) as error:
        fit_flex(shares)
    assert str(error.value) == message


def test_targets_and_fits_are_hashable():
    assert hash(AalborgTargets()) == hash(AalborgTargets())
    assert hash(FIT) == hash(fit_aalborg())
    assert AalborgTargets(referred_citizens=110) != AalborgTargets()


def test_numpy_integers_are_seeds_as_in_simulate():
    np = pytest.importorskip("numpy")
    assert simulate_aalborg(FIT, seed=np.int64(4)) == simulate_aalborg(FIT, seed=4)
    with pytest.raises(ValidationError, match=r"^seed: must be a whole number of 0 or more$"):
        simulate_aalborg(FIT, seed=np.int32(-1))


def test_a_fit_to_other_targets():
    # Two units of 10 citizens, 20 conversations each (q = 1/2), 10 referrals each
    # (lambda = 1) to 10 citizens: kappa = 0, everyone referred exactly once.
    targets = AalborgTargets(
        units={"A": (10, 20, 10), "B": (10, 20, 10)},
        destinations={"X": 15, "Y": 5},
        referred_citizens=20,
    )
    fit = fit_aalborg(targets)
    assert fit.kappa == 0.0
    assert [(m.p_another, m.p_referred, m.extra_referrals) for m in fit.units] == [
        (0.5, 1.0, 0.0),
        (0.5, 1.0, 0.0),
    ]
    assert [d.probability for d in fit.destinations] == [0.75, 0.25]
    assert fit.max_residual < 1e-6


# --- the simulated cohort -----------------------------------------------------------------


def test_scale_one_has_the_published_cohort_sizes():
    pathways = simulate_aalborg(FIT, seed=5)
    table = conversations_by_unit(pathways, PERIOD, units=UNITS)
    assert table.column("citizens") == (32, 55, 56, 36, 179)
    flex = intervention_status(pathways, PERIOD, offer=FLEX_OFFER, via=FLEX_REFERRAL)
    assert flex.row(TOTAL)[1] == 80
    assert len(pathways) == 259


def test_scale_ten_reproduces_the_published_figures_within_three_standard_errors():
    pathways = simulate_aalborg(FIT, scale=10, seed=2019)
    calibration = compare_to_published(pathways, FIT)
    assert calibration.all_within, [f for f in calibration.figures if not f.within]
    assert calibration.tables[0].column("citizens")[-1] == 1790
    assert calibration.tables[2].row(TOTAL)[1] == 800
    # The tolerance of the share completed: 3 * 100 * sqrt(0.3875 * 0.6125 / 800)
    # = 300 * sqrt(0.000296680) = 300 * 0.017224 = 5.17 percentage points.
    completed = figure(calibration.figures, "tabel 3", "Completed", "% of citizens")
    assert completed.tolerance == pytest.approx(5.167, abs=1e-3)
    # The widest of tabel 2 is Aalborg Sundhedscenter's, of about 1 650 referrals 43 %:
    # 300 * sqrt(0.434 * 0.566 / 1650) = 3.66 points.
    shares = [f for f in calibration.figures if f.measure.startswith("%")]
    assert max(f.tolerance for f in shares if f.table != "tabel 3") < 4
    assert max(f.tolerance for f in shares) == completed.tolerance


def test_scale_one_reproduces_the_published_figures_within_three_standard_errors():
    calibration = compare_to_published(simulate_aalborg(FIT, seed=1), FIT)
    assert calibration.all_within
    # 3 * 100 * sqrt(0.3875 * 0.6125 / 80) = 300 * 0.054468 = 16.34 percentage points.
    completed = figure(calibration.figures, "tabel 3", "Completed", "% of citizens")
    assert completed.tolerance == pytest.approx(16.34, abs=1e-2)
    # Uddannelseshuset, 36 citizens, sd of a citizen's conversations sqrt(34/43) / (9/43)
    # = 4.2486: 3 * 4.2486 / 6 = 2.12 conversations per citizen.
    talks = figure(calibration.figures, "tabel 1", "Uddannelseshuset", "conversations per citizen")
    assert talks.tolerance == pytest.approx(2.124, abs=1e-3)


def test_the_tables_are_the_library_reports_of_the_simulated_pathways():
    pathways = simulate_aalborg(FIT, seed=3)
    calibration = compare_to_published(pathways, FIT)
    assert calibration.tables == (
        conversations_by_unit(pathways, PERIOD, units=UNITS),
        referrals_by_destination(pathways, PERIOD, units=UNITS),
        intervention_status(pathways, PERIOD, offer=FLEX_OFFER, via=FLEX_REFERRAL),
    )
    table = calibration.to_table()
    assert table.columns[-2:] == ("tolerance", "within")
    assert len(table.rows) == len(calibration.figures) == 9 + 6 + 5
    flex = calibration.tables[2]
    completed = figure(calibration.figures, "tabel 3", "Completed", "% of citizens")
    assert completed.value == 100 * flex.row("Completed")[1] / 80


def test_the_example_log_matches_the_published_figures_exactly():
    # aalborg_pathways() is built to give the published counts, so every difference is 0.
    calibration = compare_to_published(aalborg_pathways(), FIT)
    assert all(f.difference == pytest.approx(0, abs=1e-12) for f in calibration.figures)
    assert calibration.all_within


def test_nothing_to_count_gives_no_value():
    calibration = compare_to_published((), FIT)
    assert all(math.isnan(f.value) for f in calibration.figures)
    assert not calibration.all_within
    assert calibration.to_table().rows[0][3] is None


def test_flex_pathways_follow_the_track():
    pathways = [p for p in simulate_aalborg(FIT, seed=11) if "flex" in p.citizen_id]
    kinds = Counter()
    for pathway in pathways:
        referral = pathway.events[0]
        assert isinstance(referral, Referred)
        assert referral.offer == FLEX_REFERRAL
        talks = [e for e in pathway.events if isinstance(e, ConversationHeld)]
        assert all(e.conversation is ConversationKind.PREPARATORY for e in talks)
        # one a week from the week after the referral
        assert [(e.occurred_on - referral.occurred_on).days for e in talks] == [
            7 * week for week in range(1, len(talks) + 1)
        ]
        decided = [
            e
            for e in pathway.events
            if isinstance(e, (InterventionNotStarted, InterventionStarted))
        ]
        if decided:
            assert talks
            assert decided[0].occurred_on - talks[-1].occurred_on in {
                dt.timedelta(0),
                dt.timedelta(weeks=2),
            }
            kinds[type(decided[0]).__name__] += 1
    assert set(kinds) == {"InterventionNotStarted", "InterventionStarted"}
    # Every team course comes after preparatory conversations (AALBORG2019).
    assert check(pathways, AALBORG, on=PERIOD.end).findings == ()


def certain(flex):
    """A fit with nothing left to chance but the day of the one health conversation.

    One unit of one citizen with exactly one conversation (``p_another`` 0) and exactly one
    onward referral (``p_referred`` 1, ``extra_referrals`` 0) to the one destination; two
    Flex citizens, all referred in week 0 (``last_referral_week`` 0).
    """
    targets = AalborgTargets(
        units={"Enheden": (1, 1, 1)},
        destinations={"Egen læge": 1},
        referred_citizens=1,
        flex_status={},
        flex_citizens=2,
    )
    return AalborgFit(
        targets=targets,
        units=(
            UnitModel(
                unit="Enheden", citizens=1, p_another=0.0, p_referred=1.0, extra_referrals=0.0
            ),
        ),
        kappa=0.0,
        destinations=(
            Destination(
                name="Egen læge", administration=Administration.GENERAL_PRACTICE, probability=1.0
            ),
        ),
        flex=flex,
        figures=(),
    )


def kinds(pathway):
    return [type(e) for e in pathway.events]


def days(pathway):
    return [e.occurred_on for e in pathway.events]


JAN = [dt.date(2018, 1, d) for d in (1, 8, 15, 22, 29)]  # the days of weeks 0 to 4
OPENING = [Referred, ReferralAccepted, ConsentGiven]


@pytest.mark.parametrize(
    ("flex", "ending", "status"),
    [
        # Ready in week 1 (8 January, after one preparatory conversation that day), a place
        # in week 2, in the team in week 3 (22 January), completed in week 4 (29 January).
        (
            FlexModel(p_ready=1, p_not_ready=0, p_complete=1, p_drop_out=0, last_referral_week=0),
            [(InterventionStarted, JAN[3]), (InterventionCompleted, JAN[4])],
            "Completed",
        ),
        # The same, but dropping out of the team in week 4.
        (
            FlexModel(p_ready=1, p_not_ready=0, p_complete=0, p_drop_out=1, last_referral_week=0),
            [(InterventionStarted, JAN[3]), (InterventionDroppedOut, JAN[4])],
            "Dropped out",
        ),
        # Not ready in week 1: the team is not started, recorded on the day of the decision.
        (
            FlexModel(p_ready=0, p_not_ready=1, p_complete=0, p_drop_out=0, last_referral_week=0),
            [(InterventionNotStarted, JAN[1])],
            "Did not start",
        ),
    ],
)
def test_a_certain_chain_gives_the_log_worked_out_by_hand(flex, ending, status):
    fit = certain(flex)
    talk, *track = simulate_aalborg(fit, seed=8)
    assert [p.citizen_id for p in (talk, *track)] == [
        "sim-00001",
        "sim-flex-00001",
        "sim-flex-00002",
    ]
    # The conversation citizen: referred, accepted and consenting on the day of the one
    # conversation, and referred on to the one destination that same day.
    assert kinds(talk) == [*OPENING, ConversationHeld, ReferredOnward]
    assert len(set(days(talk))) == 1
    assert PERIOD.start <= talk.events[0].occurred_on <= PERIOD.end
    assert talk.events[0].offer == "sundhedssamtale"
    assert talk.events[3].unit == talk.events[4].unit == "Enheden"
    assert talk.events[3].conversation is ConversationKind.HEALTH_CONVERSATION
    assert talk.events[4].destination == "Egen læge"
    assert talk.events[4].to is Administration.GENERAL_PRACTICE
    # The Flex citizens, referred on Monday 1 January 2018 (week 0), with one preparatory
    # conversation a week until the week of the decision (week 1).
    for pathway in track:
        assert [(type(e), e.occurred_on) for e in pathway.events] == [
            *((kind, JAN[0]) for kind in OPENING),
            (ConversationHeld, JAN[1]),
            *ending,
        ]
        assert pathway.events[0].offer == FLEX_REFERRAL
        assert pathway.events[3].conversation is ConversationKind.PREPARATORY
    table = intervention_status(track, PERIOD, offer=FLEX_OFFER, via=FLEX_REFERRAL)
    assert table.row(status)[1] == 2
    assert table.row(TOTAL)[1] == 2


def test_onward_referrals_are_made_at_the_last_conversation():
    for pathway in simulate_aalborg(FIT, seed=12)[:179]:
        talks = [e for e in pathway.events if isinstance(e, ConversationHeld)]
        onward = [e for e in pathway.events if isinstance(e, ReferredOnward)]
        assert talks
        assert all(
            e.unit == talks[0].unit and e.occurred_on == talks[-1].occurred_on for e in onward
        )


# --- properties ---------------------------------------------------------------------------

seeds = st.integers(0, 2**32)
LETTER = {
    Referred: "R",
    ReferralAccepted: "A",
    ConsentGiven: "C",
    ConversationHeld: "H",
    ReferredOnward: "O",
    InterventionNotStarted: "N",
    InterventionStarted: "S",
    InterventionCompleted: "E",
    InterventionDroppedOut: "D",
}
TALK_SHAPE = re.compile(r"RACH+O*")  # one or more conversations, then any onward referrals
# Still in the conversations, or decided after at least one: not started, or started and
# perhaps completed or dropped out.
FLEX_SHAPE = re.compile(r"RAC(H*|H+(N|S[ED]?))")


@settings(max_examples=10, deadline=None)
@given(seeds)
def test_same_seed_same_logs(seed):
    assert simulate_aalborg(FIT, seed=seed) == simulate_aalborg(FIT, seed=seed)


@settings(max_examples=10, deadline=None)
@given(seeds, st.integers(1, 2))
def test_simulated_logs_are_valid_pathways_in_the_period(seed, scale):
    pathways = simulate_aalborg(FIT, scale=scale, seed=seed)
    assert len(pathways) == 259 * scale
    assert len({p.citizen_id for p in pathways}) == len(pathways)
    for pathway in pathways:
        assert isinstance(pathway, Pathway)
        assert Pathway(citizen_id=pathway.citizen_id, events=pathway.events) == pathway
        assert all(PERIOD.start <= e.occurred_on <= PERIOD.end for e in pathway.events)
        # The events follow the track: the opening, then the conversations, then onward
        # referrals (health conversations) or the decision about the team (Flex), in time.
        shape = "".join(LETTER[type(e)] for e in pathway.events)
        track = FLEX_SHAPE if "flex" in pathway.citizen_id else TALK_SHAPE
        assert track.fullmatch(shape), shape
        assert all(a <= b for a, b in itertools.pairwise(days(pathway)))
    flex = intervention_status(pathways, PERIOD, offer=FLEX_OFFER, via=FLEX_REFERRAL)
    assert flex.row(TOTAL)[1] == 80 * scale
    table = conversations_by_unit(pathways, PERIOD, units=UNITS)
    assert table.column("citizens")[-1] == 179 * scale


@st.composite
def flex_models(draw):
    """Flex chains whose five shares all respond to each probability (see the module)."""
    ending = draw(st.floats(0.1, 0.6))
    ready = draw(st.floats(0.1, 0.9))
    leaving = draw(st.floats(0.02, 0.25))
    completing = draw(st.floats(0.1, 0.9))
    return FlexModel(
        p_ready=ending * ready,
        p_not_ready=ending * (1 - ready),
        p_complete=leaving * completing,
        p_drop_out=leaving * (1 - completing),
        last_referral_week=draw(st.integers(50, FLEX_WEEKS - 2)),
    )


@settings(max_examples=25, deadline=None)
@given(flex_models())
def test_the_fit_recovers_the_chain_behind_the_shares(model):
    shares = model.expected_status()
    assert sum(shares.values()) == pytest.approx(1.0)
    fitted = fit_flex(shares, last_referral_week=model.last_referral_week)
    assert fitted == fit_flex(shares, last_referral_week=model.last_referral_week)
    for name in ("p_ready", "p_not_ready", "p_complete", "p_drop_out"):
        assert getattr(fitted, name) == pytest.approx(getattr(model, name), abs=1e-6)
    again = fitted.expected_status()
    assert all(abs(again[s] - shares[s]) < 1e-9 for s in S)


@settings(max_examples=5, deadline=None)
@given(st.sampled_from(range(50, 59)))
def test_the_fit_is_deterministic(week):
    assert fit_aalborg(last_referral_week=week) == fit_aalborg(last_referral_week=week)
