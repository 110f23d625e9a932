"""PathwayStage: one vocabulary of stages, and every user of it agreeing on a pathway's stage."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("numpy")

from helhed import exports
from helhed.errors import ValidationError
from helhed.models.catalogue import Offer, OfferFormat
from helhed.organisation import Administration
from helhed.pathways import PathwayStage as Reexported
from helhed.pathways.events import EVENT_TYPES, EventKind
from helhed.pathways.reports import InterventionStatus
from helhed.pathways.stages import (
    EVENT_STAGES,
    STAGE_OF_KIND,
    PathwayStage,
    stage_after,
    stage_of,
)
from helhed.simulation import STATES, Parameters, simulate
from helhed.simulation.analysis import COUNTED_STAGES, outcome
from helhed.simulation.model import _STAGE_AT, _makers
from helhed.testing import strategies as hs

S = PathwayStage

# The codes the simulation, its parameters and the exports wrote before, kept as they were.
CODES = [
    ("NOT_REFERRED", "not_referred"),
    ("REFERRED", "referred"),
    ("ACCEPTED", "accepted"),
    ("DECLINED", "declined"),
    ("CONTACTED", "contacted"),
    ("WAITING", "waiting"),
    ("IN_INTERVENTION", "in_intervention"),
    ("COMPLETED", "completed"),
    ("DROPPED_OUT", "dropped_out"),
    ("NOT_STARTED", "not_started"),
    ("JOB_OR_EDUCATION", "job_or_education"),
    ("CLOSED", "closed"),
]


def test_the_members_and_their_codes():
    assert [(s.name, s.code) for s in PathwayStage] == CODES
    assert Reexported is PathwayStage


def test_labels_are_distinct_in_each_language():
    assert len({s.label_en for s in S}) == len({s.label_da for s in S}) == len(S)
    assert S.DECLINED.label() == "Declined"
    assert S.DECLINED.label("da") == "Afslået"
    with pytest.raises(ValidationError, match="lang"):
        S.DECLINED.label("de")


def test_a_stage_is_its_code_as_a_string():
    assert S.COMPLETED == "completed"
    assert {S.COMPLETED: 3}["completed"] == 3
    assert repr(S.COMPLETED) == "PathwayStage.COMPLETED"
    assert S("completed") is S.COMPLETED


def test_the_earlier_codes_are_still_read():
    assert S.from_code("in_contact") is S.CONTACTED
    assert S.from_code("job") is S.JOB_OR_EDUCATION
    assert S("job") is S.JOB_OR_EDUCATION
    with pytest.raises(ValidationError, match="expected one of: not_referred"):
        S.from_code("asleep")
    with pytest.raises(ValidationError):
        S.from_code(3)


def test_the_one_rule_maps_twelve_kinds_to_the_ten_stages_an_event_gives():
    assert len(STAGE_OF_KIND) == 12
    assert set(STAGE_OF_KIND.values()) == set(EVENT_STAGES)
    assert S.NOT_REFERRED not in EVENT_STAGES
    assert S.WAITING not in EVENT_STAGES
    assert [k for k, s in STAGE_OF_KIND.items() if s is S.CONTACTED] == [
        EventKind.CONTACT_MADE,
        EventKind.CONVERSATION_HELD,
        EventKind.ASSESSMENT_HELD,
    ]
    # Every kind is an event type's; the users read this table, so they cannot differ.
    assert {t.KIND for t in EVENT_TYPES.values()} >= set(STAGE_OF_KIND)


def test_the_users_share_the_vocabulary():
    assert exports.STATES is EVENT_STAGES
    assert exports.default_state is not None
    assert (S.NOT_REFERRED, *EVENT_STAGES) == COUNTED_STAGES
    assert set(STATES) <= set(COUNTED_STAGES)
    assert [s.stage for s in InterventionStatus] == [
        S.COMPLETED,
        S.IN_INTERVENTION,
        S.DROPPED_OUT,
        S.NOT_STARTED,
        None,
    ]


WALK = Offer(
    id="walk",
    name_da="Gåhold",
    name_en="Walking group",
    administration=Administration.HEALTH,
    task_type="6",
    format=OfferFormat.GROUP,
    voluntary=True,
    last_reviewed=dt.date(2024, 1, 15),
)


def test_each_simulated_event_gives_the_stage_the_model_moved_to():
    parameters = Parameters(offer=WALK, p_accept=1, p_contact=1, p_start=1, p_complete=1)
    makers = _makers(parameters, WALK)

    made = {n: stage_of(make("c-1", dt.date(2024, 1, 1))) for n, make in makers.items()}
    assert made == {n: _STAGE_AT[n] for n in makers}
    assert set(made.values()) == set(STATES) - {S.NOT_REFERRED}
    assert _STAGE_AT[9] is S.WAITING  # no event: the log records no waiting


def _agree(pathway):
    """The stage by the one rule, by the exports and by the simulation's outcome."""
    timeline = pathway.timeline
    stage = stage_after(timeline)
    table = exports.transitions([pathway], on=dt.date(2030, 1, 1))
    exported = None if table.empty else table["from"].iloc[-1]
    days = [e.occurred_on for e in timeline] or [dt.date(2024, 1, 1)]
    start = min(days)
    weeks = (max(days) - start).days // 7 + 2
    final = outcome([pathway], start=start, weeks=weeks).final
    simulated = [s for s, n in final.items() if n]
    return stage, exported, simulated


@settings(max_examples=150, deadline=None)
@given(hs.pathways(max_events=20))
def test_every_user_reports_the_same_stage_for_a_pathway(pathway):
    stage, exported, simulated = _agree(pathway)

    if stage is None:  # the referral annulled: no stage yet
        assert exported is None
        assert simulated == [S.NOT_REFERRED]
    else:
        assert exported == stage.code
        assert simulated == [stage]


@settings(max_examples=25, deadline=None)
@given(
    st.floats(0, 1),
    st.floats(0, 1),
    st.integers(0, 2**32 - 1),
)
def test_every_user_reports_the_same_stage_for_a_simulated_pathway(p_accept, p_job, seed):
    parameters = Parameters(
        offer=WALK,
        p_accept=p_accept,
        p_decline=1 - p_accept,
        p_contact=0.5,
        p_start=0.5,
        p_complete=0.3,
        p_drop_out=0.2,
        p_job=p_job,
        stagger_weeks=2,
    )
    for pathway in simulate(
        ["c-1", "c-2", "c-3"],
        parameters,
        start=dt.date(2024, 1, 1),
        weeks=12,
        seed=seed,
        capacity=1,
    ):
        if not pathway.timeline:
            continue
        stage, exported, simulated = _agree(pathway)
        assert stage in STATES
        assert exported == stage.code
        assert simulated == [stage]
