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
    ReferralDeclined,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.stages import PathwayStage
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
    assert list(table.columns) == [stage.code for stage in STATES]
    assert {type(c) for c in table.columns} == {str}
    assert row(table, "2024-W10") == {"referred": 1, "contacted": 1}
    # c-2 is referred and closed within W11: it counts once, as closed.
    assert row(table, "2024-W11") == {"referred": 1, "in_intervention": 1, "closed": 1}
    # c-2 closed before W12 began: out of scope.
    assert row(table, "2024-W12") == {"accepted": 1, "completed": 1}
    assert table.sum(axis=1).tolist() == [2, 3, 2]
    assert all(str(dtype) == "int64" for dtype in table.dtypes)


def test_occupancy_table_cuts_the_last_week_at_end_and_takes_whole_first_week():
    table = occupancy_table(PATHWAYS, start=d(3, 6), end=d(3, 19))

    assert list(table.index) == ["2024-W10", "2024-W11", "2024-W12"]
    assert row(table, "2024-W10") == {"referred": 1, "contacted": 1}
    # On the 19th c-1 has not completed yet (the 20th); c-3 accepted on the 18th.
    assert row(table, "2024-W12") == {"accepted": 1, "in_intervention": 1}


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


# For the flows: C1 to C3 of above (C4 is referred after the 24th), and three more.
C5 = Pathway.of(  # declined two days after the referral
    [referred("c-5", d(3, 5)), ReferralDeclined(**common("c-5", d(3, 7)), referral_id="r-1")]
)
C6 = Pathway.of(  # declined on the day of the referral: the day's last stage counts
    [referred("c-6", d(3, 4)), ReferralDeclined(**common("c-6", d(3, 4)), referral_id="r-1")]
)
C7 = Pathway.of(
    [referred("c-7", d(3, 4)), ContactMade(**common("c-7", d(3, 5)), referral_id="r-1")]
)
FLOWS = (*PATHWAYS, C5, C6, C7)
# Each citizen's stages up to the 24th, worked by hand:
#   c-1 referred, contacted, in_intervention, completed  (3 moves)
#   c-2 referred, closed;  c-3 referred, accepted;  c-5 referred, declined  (1 move each)
#   c-6 declined  (no move);  c-7 referred, contacted  (1 move);  c-4 none (not counted)
# so 6 citizens, 3 steps, and a citizen out of moves stays in their last stage.
FLOW_ROWS = [
    (1, "referred", "accepted", 1),  # c-3
    (1, "referred", "declined", 1),  # c-5
    (1, "referred", "contacted", 2),  # c-1, c-7
    (1, "referred", "closed", 1),  # c-2
    (1, "declined", "declined", 1),  # c-6 stays
    (2, "accepted", "accepted", 1),  # c-3 stays
    (2, "declined", "declined", 2),  # c-5, c-6 stay
    (2, "contacted", "contacted", 1),  # c-7 stays
    (2, "contacted", "in_intervention", 1),  # c-1
    (2, "closed", "closed", 1),  # c-2 stays
    (3, "accepted", "accepted", 1),
    (3, "declined", "declined", 2),
    (3, "contacted", "contacted", 1),
    (3, "in_intervention", "completed", 1),  # c-1
    (3, "closed", "closed", 1),
]


def test_flow_table_counts_each_citizen_once_per_step():
    table = flow_table(FLOWS, on=d(3, 24))

    assert list(table.itertuples(index=False, name=None)) == FLOW_ROWS
    assert list(table.columns) == ["step", "from", "to", "citizens"]
    assert [str(t) for t in table.dtypes] == ["int64", "string", "string", "int64"]
    assert table.groupby("step")["citizens"].sum().tolist() == [6, 6, 6]


def test_flow_table_ignores_moves_after_on_and_can_be_empty():
    # On the 5th: c-1, c-3 and c-5 are referred, c-6 declined, c-7 contacted that day, and
    # c-2 not yet referred.
    assert list(flow_table(FLOWS, on=d(3, 5)).itertuples(index=False, name=None)) == [
        (1, "referred", "referred", 3),
        (1, "referred", "contacted", 1),
        (1, "declined", "declined", 1),
    ]
    table = flow_table(PATHWAYS, on=d(3, 5))
    assert len(table) == 0  # c-1 and c-3 only referred: nobody moved
    assert list(table.columns) == ["step", "from", "to", "citizens"]


def test_flow_table_of_aalborg_counts_all_259_citizens_in_every_step():
    table = flow_table(aalborg_pathways(), on=AALBORG_PERIOD.end)

    assert table.groupby("step")["citizens"].sum().tolist() == [259, 259, 259]
    first = table[table["step"] == 1]
    # The 80 Flex citizens are referred and accepted the same day: accepted is their first stage.
    assert first.loc[first["from"] == "accepted", "citizens"].sum() == 80
    assert "referred" not in set(table["from"])


def test_state_occupancy_draws_one_bar_set_per_state_and_saves(tmp_path):
    ax = state_occupancy(PATHWAYS, start=d(3, 4), end=d(3, 24))

    assert len(ax.containers) == len(STATES)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:4] == ["Referred", "Accepted", "Declined", "Contacted"]
    assert legend == [stage.label_en for stage in STATES]
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
            states=["contacted", PathwayStage.IN_INTERVENTION, "completed"],
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


def test_flows_draws_each_citizen_once_per_column_with_human_labels(tmp_path):
    ax = flows(FLOWS, on=d(3, 24))

    assert ax.get_title() == "Stages of 6 citizens up to 2024-03-24"
    assert len(ax.collections) == len(FLOW_ROWS)  # one band per row
    texts = [t.get_text() for t in ax.texts]
    # Column 0, then 1 to 3, each stacked in the order of PathwayStage.
    assert texts == [
        "Referred (5)",
        "Declined (1)",
        "Accepted (1)",
        "Declined (2)",
        "Contacted (2)",
        "Closed (1)",
        "Accepted (1)",
        "Declined (2)",
        "Contacted (1)",
        "In intervention (1)",
        "Closed (1)",
        "Accepted (1)",
        "Declined (2)",
        "Contacted (1)",
        "Completed (1)",
        "Closed (1)",
    ]
    assert len(ax.patches) == len(texts)
    # The left column adds up to the citizens of the title.
    assert sum(int(t.rsplit("(", 1)[1].rstrip(")")) for t in texts[:2]) == 6
    ax.figure.savefig(tmp_path / "flows.png")


def test_flows_speaks_danish_when_asked():
    ax = flows(FLOWS, on=d(3, 24), lang="da")

    assert ax.get_title() == "Forløbsstadier for 6 borgere til og med 2024-03-24"
    assert [t.get_text() for t in ax.texts][:2] == ["Henvist (5)", "Afslået (1)"]
    with pytest.raises(ValidationError, match="lang"):
        flows(FLOWS, on=d(3, 24), lang="de")


def test_flows_of_aalborg_and_of_nothing_save(tmp_path):
    ax = flows(aalborg_pathways(), on=AALBORG_PERIOD.end)
    ax.figure.savefig(tmp_path / "aalborg-flows.png")
    assert len(ax.collections) == len(flow_table(aalborg_pathways(), on=AALBORG_PERIOD.end))
    assert ax.get_title() == "Stages of 259 citizens up to 2019-02-28"

    empty = flows(PATHWAYS, on=d(3, 5))
    assert len(empty.collections) == 0
    empty.figure.savefig(tmp_path / "empty.png")


def test_occupancy_and_timeline_speak_danish_when_asked():
    ax = state_occupancy(PATHWAYS, start=d(3, 4), end=d(3, 24), states=["referred"], lang="da")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Henvist"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("ISO-uge", "borgere")

    names = [t.get_text() for t in timeline(C1, lang="da").get_yticklabels()]
    assert names[0] == "Henvist"
    assert names[-1] == "indsats 1"
