"""Research exports: multi-state transitions and weekly funding-basis spells (OCEL: test_ocel)."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.errors import ValidationError
from helhed.exports import STATES, default_state, transitions, weekly_spells
from helhed.organisation import Administration
from helhed.pathways.events import (
    BenefitChanged,
    ContactMade,
    InterventionCompleted,
    InterventionStarted,
    JobOrEducationStarted,
    PathwayClosed,
    Placement,
    ReferralAccepted,
    ReferralDeclined,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.testing import strategies as hs

A = Administration


def d(month, day):
    return dt.date(2024, month, day)


def common(cid, on):
    return {"citizen_id": cid, "occurred_on": on, "recorded_by": A.JOB_CENTRE}


def referred(cid, on):
    return Referred(
        **common(cid, on), referral_id="r-1", offer="rygestop", to=A.HEALTH, voluntary=True
    )


def worked(cid="c-1"):
    """Mon 4 March 2024 is the first day of ISO week 10."""
    return Pathway.of(
        [
            referred(cid, d(3, 4)),
            BenefitChanged(**common(cid, d(3, 4)), benefit=Benefit.FLEX_JOB),
            ContactMade(**common(cid, d(3, 7)), referral_id="r-1"),
            InterventionStarted(**common(cid, d(3, 11)), offer="rygestop", referral_id="r-1"),
            BenefitChanged(**common(cid, d(3, 13)), benefit=Benefit.CASH_BENEFIT_JOB_READY),
            InterventionCompleted(**common(cid, d(3, 20)), offer="rygestop"),
            JobOrEducationStarted(**common(cid, d(3, 20)), placement=Placement.JOB),
            BenefitChanged(**common(cid, d(3, 25)), benefit=None),
            PathwayClosed(**common(cid, d(4, 2))),
        ]
    )


def rows(frame):
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(False)]


# transitions


def test_transitions_worked_example():
    table = transitions([worked()], on=d(4, 30))
    stamp = pd.Timestamp
    assert rows(table) == [
        ("c-1", "referred", "contacted", stamp(d(3, 4)), stamp(d(3, 7)), 1),
        ("c-1", "contacted", "in_intervention", stamp(d(3, 7)), stamp(d(3, 11)), 1),
        # completed and job started the same day: the state at the end of the day counts
        ("c-1", "in_intervention", "job_or_education", stamp(d(3, 11)), stamp(d(3, 20)), 1),
        ("c-1", "job_or_education", "closed", stamp(d(3, 20)), stamp(d(4, 2)), 1),
        ("c-1", "closed", None, stamp(d(4, 2)), stamp(d(4, 30)), 0),
    ]
    assert dict(table.dtypes.astype(str)) == {
        "id": "string",
        "from": "string",
        "to": "string",
        "start": "datetime64[us]",
        "stop": "datetime64[us]",
        "status": "Int64",
    }


def test_transitions_censors_at_on_and_ignores_later_events():
    table = transitions([worked()], on=d(3, 12))
    assert list(table["from"]) == ["referred", "contacted", "in_intervention"]
    assert list(table["stop"])[-1] == pd.Timestamp(d(3, 12))
    assert list(table["status"]) == [1, 1, 0]
    assert transitions([worked()], on=d(3, 3)).empty


def test_transitions_show_the_answer_to_a_referral_as_its_own_stage():
    accepted = Pathway.of(
        [
            referred("c-1", d(3, 4)),
            ReferralAccepted(**common("c-1", d(3, 5)), referral_id="r-1"),
            ContactMade(**common("c-1", d(3, 8)), referral_id="r-1"),
        ]
    )
    declined = Pathway.of(
        [referred("c-2", d(3, 4)), ReferralDeclined(**common("c-2", d(3, 6)), referral_id="r-1")]
    )
    table = transitions([accepted, declined], on=d(3, 31))

    assert [(i, f, t) for i, f, t, *_ in rows(table)] == [
        ("c-1", "referred", "accepted"),
        ("c-1", "accepted", "contacted"),
        ("c-1", "contacted", None),
        ("c-2", "referred", "declined"),
        ("c-2", "declined", None),
    ]
    # Written as plain codes, not as PathwayStage members.
    assert {type(v) for v in table["from"]} == {str}


def test_transitions_take_a_caller_state_function():
    def funded(event):
        if isinstance(event, BenefitChanged):
            return "none" if event.benefit is None else event.benefit.code
        return None

    table = transitions([worked()], on=d(3, 31), states=funded)
    assert list(zip(table["from"], table["start"], strict=True)) == [
        ("fleksjob", pd.Timestamp(d(3, 4))),
        ("kontanthjaelp_jobparat", pd.Timestamp(d(3, 13))),
        ("none", pd.Timestamp(d(3, 25))),
    ]


def test_default_state_names_only_known_states():
    assert {default_state(e) for e in worked()} - {None} <= set(STATES)


def test_transitions_refuse_repeated_citizens_and_bad_days():
    with pytest.raises(ValidationError, match="earlier pathway"):
        transitions([worked(), worked()], on=d(4, 30))
    with pytest.raises(ValidationError, match="on: must be a date"):
        transitions([worked()], on="2024-04-30")


def test_weekly_spells_worked_example():
    frame = weekly_spells([worked()], start=d(3, 1), end=d(4, 30))
    # week 9: nothing known yet; 11: changed on Wednesday, counts for the whole week;
    # 13: changed to no benefit; 14 on: closed
    assert rows(frame) == [
        ("c-1", 2024, 10, "fleksjob"),
        ("c-1", 2024, 11, "kontanthjaelp_jobparat"),
        ("c-1", 2024, 12, "kontanthjaelp_jobparat"),
    ]
    assert dict(frame.dtypes.astype(str)) == {
        "id": "string",
        "iso_year": "Int64",
        "iso_week": "Int64",
        "benefit": "string",
    }


def test_weekly_spells_read_nothing_after_end():
    frame = weekly_spells([worked()], start=d(3, 1), end=d(3, 12))
    assert list(frame["benefit"]) == ["fleksjob", "fleksjob"]


def test_weekly_spells_stop_after_the_week_of_closing():
    pathway = Pathway.of(
        [
            referred("c-2", d(3, 4)),
            BenefitChanged(**common("c-2", d(3, 4)), benefit=Benefit.SICKNESS_BENEFIT),
            PathwayClosed(**common("c-2", d(3, 13))),
        ]
    )
    frame = weekly_spells([pathway], start=d(3, 4), end=d(3, 31))
    assert list(frame["iso_week"]) == [10, 11]


def test_weekly_spells_iso_year_differs_from_calendar_year():
    pathway = Pathway.of(
        [
            referred("c-3", dt.date(2024, 12, 30)),
            BenefitChanged(**common("c-3", dt.date(2024, 12, 30)), benefit=Benefit.FLEX_JOB),
        ]
    )
    frame = weekly_spells([pathway], start=dt.date(2024, 12, 30), end=dt.date(2025, 1, 6))
    assert rows(frame) == [("c-3", 2025, 1, "fleksjob"), ("c-3", 2025, 2, "fleksjob")]


def test_weekly_spells_refuse_a_backward_period():
    with pytest.raises(ValidationError, match="end: must not be before start"):
        weekly_spells([worked()], start=d(3, 2), end=d(3, 1))


# properties

distinct_pathways = st.lists(
    hs.pathways(max_events=15), max_size=3, unique_by=lambda p: p.citizen_id
)


@given(distinct_pathways, st.integers(0, 60))
def test_stays_are_contiguous_and_cover_first_event_to_on(pathways, extra):
    on = max((e.occurred_on for p in pathways for e in p.timeline), default=d(1, 1))
    on += dt.timedelta(days=extra)
    table = transitions(pathways, on=on)
    first = {  # the first event in force with a state; an annulled opening may leave none
        p.citizen_id: next((e for e in p.timeline if default_state(e) is not None), None)
        for p in pathways
    }
    with_story = [p for p in pathways if first[p.citizen_id] is not None]
    assert list(dict.fromkeys(table["id"])) == [p.citizen_id for p in with_story]
    for pathway in with_story:
        own = table[table["id"] == pathway.citizen_id]
        starts, stops = list(own["start"]), list(own["stop"])
        assert starts[0] == pd.Timestamp(first[pathway.citizen_id].occurred_on)
        assert stops[-1] == pd.Timestamp(on)
        assert stops[:-1] == starts[1:]
        assert all(a <= b for a, b in zip(starts, stops, strict=True))
        assert list(own["to"])[:-1] == list(own["from"])[1:]
        assert all(a != b for a, b in zip(own["from"], own["to"], strict=False) if pd.notna(b))
        assert list(own["status"]) == [1] * (len(own) - 1) + [0]


@given(distinct_pathways, hs.dates(), st.integers(0, 120))
def test_spells_have_at_most_one_row_per_citizen_and_week(pathways, start, days):
    frame = weekly_spells(pathways, start=start, end=start + dt.timedelta(days=days))
    keys = list(zip(frame["id"], frame["iso_year"], frame["iso_week"], strict=True))
    assert len(keys) == len(set(keys))
    assert set(frame["benefit"]) <= {b.code for b in Benefit}
