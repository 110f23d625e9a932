"""Plots: the occupancy and flow tables worked by hand, and the plots drawn without error."""

import datetime as dt

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import pytest

from helhed.errors import ValidationError
from helhed.examples import AALBORG_PERIOD, aalborg_pathways
from helhed.exports import STATES
from helhed.organisation import Administration
from helhed.pathways.events import (
    ContactMade,
    ConversationHeld,
    ConversationKind,
    InterventionCompleted,
    InterventionStarted,
    PathwayClosed,
    ReferralAccepted,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.plots import (
    flow_table,
    flows,
    occupancy_table,
    state_occupancy,
    timeline,
)

A = Administration


def d(month, day):
    return dt.date(2024, month, day)


def common(cid, on):
    return {"citizen_id": cid, "occurred_on": on, "recorded_by": A.HEALTH}


def referred(cid, on):
    return Referred(
        **common(cid, on), referral_id="r-1", offer="rygestop", to=A.HEALTH, voluntary=True
    )


# Weeks of March 2024: W10 is 4-10, W11 is 11-17, W12 is 18-24.
C1 = Pathway.of(
    [
        referred("c-1", d(3, 4)),
        ContactMade(**common("c-1", d(3, 6)), referral_id="r-1"),
        InterventionStarted(**common("c-1", d(3, 12)), offer="Åben og Rolig"),
        InterventionCompleted(**common("c-1", d(3, 20)), offer="Åben og Rolig"),
    ]
)
C2 = Pathway.of([referred("c-2", d(3, 13)), PathwayClosed(**common("c-2", d(3, 15)))])
C3 = Pathway.of(
    [
        referred("c-3", d(3, 1)),  # before the period: referred in W10 and W11
        ReferralAccepted(**common("c-3", d(3, 18)), referral_id="r-1"),
        InterventionStarted(**common("c-3", d(3, 30)), offer="rygestop"),  # after the period
    ]
)
C4 = Pathway.of([referred("c-4", d(3, 25))])  # after the period: never counted
PATHWAYS = (C1, C2, C3, C4)


def row(table, week):
    return {state: n for state, n in table.loc[week].items() if n}


def test_occupancy_table_counts_each_citizen_in_their_state_at_the_end_of_the_week():
    table = occupancy_table(PATHWAYS, start=d(3, 4), end=d(3, 24))

    assert list(table.index) == ["2024-W10", "2024-W11", "2024-W12"]
    assert list(table.columns) == list(STATES)
    assert row(table, "2024-W10") == {"referred": 1, "in_contact": 1}
    # c-2 is referred and closed within W11: it counts once, as closed.
    assert row(table, "2024-W11") == {"referred": 1, "in_intervention": 1, "closed": 1}
    # c-2 closed before W12 began: out of scope.
    assert row(table, "2024-W12") == {"in_contact": 1, "completed": 1}
    assert table.sum(axis=1).tolist() == [2, 3, 2]
    assert all(str(dtype) == "int64" for dtype in table.dtypes)


def test_occupancy_table_cuts_the_last_week_at_end_and_takes_whole_first_week():
    table = occupancy_table(PATHWAYS, start=d(3, 6), end=d(3, 19))

    assert list(table.index) == ["2024-W10", "2024-W11", "2024-W12"]
    assert row(table, "2024-W10") == {"referred": 1, "in_contact": 1}
    # On the 19th c-1 has not completed yet (the 20th); c-3 accepted on the 18th.
    assert row(table, "2024-W12") == {"in_contact": 1, "in_intervention": 1}


def test_occupancy_table_refuses_an_end_before_the_start():
    with pytest.raises(ValidationError, match="end"):
        occupancy_table(PATHWAYS, start=d(3, 10), end=d(3, 9))


def test_occupancy_table_of_aalborg_counts_every_citizen_once_a_week_from_the_referral():
    pathways = aalborg_pathways()
    start, end = AALBORG_PERIOD.start, AALBORG_PERIOD.end
    table = occupancy_table(pathways, start=start, end=end)
    referred_on = [p.events[0].occurred_on for p in pathways]

    assert len(table) == 61  # 2018-W01 to 2019-W09
    assert table.index[0] == "2018-W01"
    assert table.index[-1] == "2019-W09"
    for number, total in enumerate(table.sum(axis=1).tolist()):
        cutoff = min(start + dt.timedelta(weeks=number, days=6), end)
        assert total == sum(day <= cutoff for day in referred_on)
    assert table.iloc[-1].sum() == len(pathways) == 259
    assert table["closed"].sum() == 0  # no Aalborg pathway closes


def test_flow_table_counts_moves_by_pair_in_state_order():
    table = flow_table(PATHWAYS, on=d(3, 24))

    assert list(table.itertuples(index=False, name=None)) == [
        ("referred", "in_contact", 2),
        ("referred", "closed", 1),
        ("in_contact", "in_intervention", 1),
        ("in_intervention", "completed", 1),
    ]
    assert str(table["count"].dtype) == "int64"


def test_flow_table_ignores_moves_after_on_and_can_be_empty():
    table = flow_table(PATHWAYS, on=d(3, 5))

    assert len(table) == 0
    assert list(table.columns) == ["from", "to", "count"]


def test_flow_table_of_aalborg_has_one_move_out_of_referral_per_citizen():
    table = flow_table(aalborg_pathways(), on=AALBORG_PERIOD.end)

    # Every citizen's referral is accepted the same day, so none stays in "referred".
    assert "referred" not in set(table["from"])
    assert table.loc[table["from"] == "in_contact", "count"].sum() == 80 - 1  # Flex, bar one


def test_state_occupancy_draws_one_bar_set_per_state_and_saves(tmp_path):
    ax = state_occupancy(PATHWAYS, start=d(3, 4), end=d(3, 24))

    assert len(ax.containers) == len(STATES)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(STATES)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024-W10", "2024-W11", "2024-W12"]
    tops = [bar.get_y() + bar.get_height() for bar in ax.containers[-1]]
    assert tops == [2, 3, 2]
    ax.figure.savefig(tmp_path / "occupancy.png")
    assert (tmp_path / "occupancy.png").stat().st_size > 0


def test_state_occupancy_draws_the_chosen_states_on_a_given_axes(tmp_path):
    fig, ax = plt.subplots()
    try:
        drawn = state_occupancy(
            aalborg_pathways(),
            start=AALBORG_PERIOD.start,
            end=AALBORG_PERIOD.end,
            ax=ax,
            states=["in_contact", "in_intervention", "completed"],
        )
        assert drawn is ax
        assert len(ax.containers) == 3
        fig.savefig(tmp_path / "aalborg.png")
    finally:
        plt.close(fig)


def test_state_occupancy_refuses_an_unknown_state():
    with pytest.raises(ValidationError, match=r"states\[1\]"):
        state_occupancy(PATHWAYS, start=d(3, 4), end=d(3, 24), states=["referred", "asleep"])


def test_timeline_hides_offers_unless_asked_and_saves(tmp_path):
    ax = timeline(C1)

    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == [
        "Referred",
        "Contact made",
        "Intervention started",
        "Intervention completed",
        "intervention 1",
    ]
    assert len(ax.lines) == 4
    assert len(ax.patches) == 1
    assert ax.patches[0].get_width() == 8  # 12 to 20 March
    assert "Åben og Rolig" not in names
    ax.figure.savefig(tmp_path / "timeline.png")

    labelled = timeline(C1, labels=True)
    assert labelled.get_yticklabels()[-1].get_text() == "Åben og Rolig"


def test_timeline_runs_an_open_intervention_to_the_last_event():
    pathway = Pathway.of(
        [
            referred("c-9", d(3, 4)),
            InterventionStarted(**common("c-9", d(3, 5)), offer="a"),
            InterventionStarted(**common("c-9", d(3, 6)), offer="b"),
            InterventionCompleted(**common("c-9", d(3, 7)), offer="a"),
            ConversationHeld(**common("c-9", d(3, 15)), conversation=ConversationKind.FOLLOW_UP),
        ]
    )
    ax = timeline(pathway)

    assert [p.get_width() for p in ax.patches] == [2, 9]  # a: 5-7, b: 6-15 (still running)
    assert [t.get_text() for t in ax.get_yticklabels()][-2:] == [
        "intervention 1",
        "intervention 2",
    ]


def test_flows_draws_a_band_per_pair_and_a_block_per_state(tmp_path):
    ax = flows(PATHWAYS, on=d(3, 24))

    assert len(ax.collections) == 4
    # Left: referred, in_contact, in_intervention; right: in_contact, in_intervention,
    # completed, closed.
    assert len(ax.patches) == 7
    assert sorted(t.get_text() for t in ax.texts) == sorted(
        [
            "referred (3)",
            "in_contact (1)",
            "in_intervention (1)",
            "in_contact (2)",
            "in_intervention (1)",
            "completed (1)",
            "closed (1)",
        ]
    )
    ax.figure.savefig(tmp_path / "flows.png")


def test_flows_of_aalborg_and_of_nothing_save(tmp_path):
    ax = flows(aalborg_pathways(), on=AALBORG_PERIOD.end)
    ax.figure.savefig(tmp_path / "aalborg-flows.png")
    assert len(ax.collections) == len(flow_table(aalborg_pathways(), on=AALBORG_PERIOD.end))

    empty = flows(PATHWAYS, on=d(3, 5))
    assert len(empty.collections) == 0
    empty.figure.savefig(tmp_path / "empty.png")
