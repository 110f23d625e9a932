"""Pathways as a process-mining DataFrame: lossless round trips, strict and value-free errors."""

import datetime as dt
from collections import Counter

import attrs
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.errors import ValidationError
from helhed.examples import aalborg_pathways
from helhed.frames import CASE, COLUMNS, INDEX, KIND, ORG, REQUIRED, TIMESTAMP, from_frame, to_frame
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConsentGiven,
    ConsentPurpose,
    ContactMade,
    EventAnnulled,
    InformationCategory,
    PathwayClosed,
    ReferralAccepted,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.testing import strategies as hs

DAY = dt.date(2024, 3, 4)


def referred(cid, **changes):
    fields = {
        "citizen_id": cid,
        "occurred_on": DAY,
        "recorded_by": Administration.JOB_CENTRE,
        "referral_id": "r-1",
        "offer": "rygestop",
        "to": Administration.HEALTH,
        "voluntary": True,
    }
    return Referred(**(fields | changes))


def small_log():
    first = Pathway.of(
        [
            referred("c-1", unit="Sygedagpengehuset"),
            ReferralAccepted(
                citizen_id="c-1",
                occurred_on=DAY,
                at=dt.time(10, 30),
                recorded_by=Administration.HEALTH,
                referral_id="r-1",
            ),
            ConsentGiven(
                citizen_id="c-1",
                occurred_on=DAY + dt.timedelta(days=1),
                recorded_by=Administration.HEALTH,
                to=Administration.JOB_CENTRE,
                purpose=ConsentPurpose.COORDINATION,
                categories=frozenset({InformationCategory.SOCIAL, InformationCategory.HEALTH}),
            ),
        ]
    )
    second = Pathway.of(
        [
            referred("c-2", voluntary=False),
            PathwayClosed(citizen_id="c-2", occurred_on=DAY, recorded_by=Administration.JOB_CENTRE),
        ]
    )
    return (first, second)


def problems(frame):
    with pytest.raises(ValidationError) as err:
        from_frame(frame)
    return [str(p) for p in err.value.problems]


# The worked example.


def test_the_aalborg_log_is_one_row_per_event_and_one_case_per_pathway():
    log = aalborg_pathways()
    frame = to_frame(log)

    # Counted by hand from the example's construction: 179 + 80 pathways; per health
    # conversation pathway 3 opening events, 366 conversations and 166 onward referrals in
    # all; per Flex pathway 3 opening events and 3 conversations, and 31*2 + 14 + 9*2 + 25
    # outcome events.
    assert len(frame) == 179 * 3 + 366 + 166 + 80 * 6 + 31 * 2 + 14 + 9 * 2 + 25 == 1_668
    assert frame[CASE].nunique() == 179 + 80 == 259
    assert len(frame) == sum(len(p) for p in log)
    assert Counter(frame[KIND]) == Counter(e.kind.code for p in log for e in p)
    assert from_frame(frame) == log


def test_rows_come_in_pathway_then_log_order_with_their_position():
    log = aalborg_pathways()
    frame = to_frame(log)

    assert list(frame[CASE]) == [p.citizen_id for p in log for _ in p]
    assert list(frame[INDEX]) == [i for p in log for i in range(len(p))]
    assert isinstance(frame.index, pd.RangeIndex)


# The layout.


def test_columns_and_dtypes():
    frame = to_frame(small_log())

    assert tuple(frame.columns) == COLUMNS
    assert COLUMNS[:8] == (CASE, KIND, TIMESTAMP, ORG, INDEX, "occurred_on", "at", "unit")
    assert set(REQUIRED) <= set(COLUMNS)
    dtypes = {column: str(dtype) for column, dtype in frame.dtypes.items()}
    assert dtypes[TIMESTAMP] == "datetime64[us]"
    assert dtypes[INDEX] == dtypes["score"] == "Int64"
    assert dtypes["voluntary"] == "boolean"
    assert dtypes["occurred_on"] == dtypes["at"] == "object"
    for column in (CASE, KIND, ORG, "unit", "offer", "to", "categories", "role", "group"):
        assert dtypes[column] == "string", column


def test_cells_hold_codes_dates_and_missing_values():
    frame = to_frame(small_log())

    assert list(frame[KIND]) == [
        "henvist",
        "henvisning_accepteret",
        "samtykke_givet",
        "henvist",
        "forloeb_afsluttet",
    ]
    assert list(frame[ORG]) == ["jobcenter", "sundhed", "sundhed", "jobcenter", "jobcenter"]
    assert list(frame["occurred_on"]) == [DAY, DAY, DAY + dt.timedelta(days=1), DAY, DAY]
    assert list(frame[TIMESTAMP]) == [
        pd.Timestamp("2024-03-04"),
        pd.Timestamp("2024-03-04 10:30"),
        pd.Timestamp("2024-03-05"),
        pd.Timestamp("2024-03-04"),
        pd.Timestamp("2024-03-04"),
    ]
    assert frame.loc[1, "at"] == dt.time(10, 30)
    assert frame["at"].isna().tolist() == [True, False, True, True, True]
    assert frame.loc[2, "categories"] == "helbred;sociale_forhold"
    assert frame.loc[2, "to"] == "jobcenter"
    assert frame["voluntary"].tolist() == [True, pd.NA, pd.NA, False, pd.NA]
    assert frame["offer"].isna().tolist() == [False, True, True, False, True]
    assert frame[["score", "staff_id", "placement", "referrer"]].isna().all().all()


def test_an_empty_log_is_an_empty_frame_with_every_column():
    frame = to_frame([])

    assert frame.empty
    assert tuple(frame.columns) == COLUMNS
    assert str(frame[INDEX].dtype) == "Int64"
    assert from_frame(frame) == ()


def test_two_pathways_of_one_citizen_are_refused():
    first, _ = small_log()

    with pytest.raises(ValidationError, match=r"^pathways\[1\]\.citizen_id: is the citizen"):
        to_frame([first, first])
    with pytest.raises(ValidationError, match=r"^pathways\[0\]: must be a Pathway$"):
        to_frame(["c-1"])


# Round trips.

logs = st.lists(hs.pathways(max_events=10), max_size=4, unique_by=lambda p: p.citizen_id)


@given(logs)
def test_round_trip_is_lossless(pathways):
    assert from_frame(to_frame(pathways)) == tuple(pathways)


@given(logs, st.integers(0, 2**32 - 1))
def test_shuffled_rows_give_the_same_pathways(pathways, seed):
    shuffled = to_frame(pathways).sample(frac=1, random_state=seed)

    by_citizen = {p.citizen_id: p for p in from_frame(shuffled)}

    assert by_citizen == {p.citizen_id: p for p in pathways}
    # Pathways come in the order their citizens first appear; sorting restores the order.
    assert from_frame(shuffled.sort_index()) == tuple(pathways)


@given(logs, st.integers(1, 4), st.integers(0, 3))
def test_an_annulment_names_its_row_by_its_helhed_index(pathways, stretch, shift):
    # Logs with annulments and late recordings; positions with gaps, as after filtering.
    frame = to_frame(pathways)
    frame[INDEX] = frame[INDEX] * stretch + shift
    frame["annuls"] = frame["annuls"] * stretch + shift
    assert from_frame(frame) == tuple(pathways)


def test_an_annulment_naming_no_row_of_its_case_is_refused():
    # c-1's second contact (helhed:index 2) was annulled. With the first contact's row left
    # out, the annulment still names it by helhed:index, and the pathway read has it at
    # position 1 of its log; without the contact's row, the annulment names nothing.
    def contact(at):
        return ContactMade(
            citizen_id="c-1", occurred_on=DAY, at=at, recorded_by=Administration.HEALTH
        )

    annulment = EventAnnulled(
        citizen_id="c-1", occurred_on=DAY + dt.timedelta(days=1),
        recorded_by=Administration.HEALTH, recorder="s-1", annuls=2, reason="forkert borger",
    )  # fmt: skip
    first, second = contact(dt.time(9)), contact(dt.time(10))
    log = (Pathway.of([referred("c-1"), first, second, annulment]), small_log()[1])
    frame = to_frame(log)
    assert from_frame(frame) == log
    kept = from_frame(frame.drop(index=1))[0]
    assert kept.events == (log[0].events[0], second, attrs.evolve(annulment, annuls=1))
    assert kept.timeline == (log[0].events[0],)
    assert problems(frame.drop(index=2)) == [
        "rows[2].annuls: is not the helhed:index of an event of this case"
    ]


def test_shuffled_aalborg_log_comes_back_whole():
    log = aalborg_pathways()
    shuffled = to_frame(log).sample(frac=1, random_state=0)

    assert {p.citizen_id: p for p in from_frame(shuffled)} == {p.citizen_id: p for p in log}
    assert from_frame(shuffled.sort_index()) == log


def test_time_of_day_and_categories_round_trip():
    log = small_log()

    assert from_frame(to_frame(log)) == log


def test_optional_columns_may_be_left_out_and_rows_filtered():
    log = small_log()
    frame = to_frame(log).drop(columns=[TIMESTAMP, "score", "staff_id"])

    assert from_frame(frame) == log
    # Keeping some rows of a case keeps their order; the positions need not be contiguous.
    kept = frame[frame[KIND] != "henvisning_accepteret"].iloc[::-1]
    assert from_frame(kept)[1] == Pathway.of([log[0].events[0], log[0].events[2]])


def test_iso_text_dates_and_times_are_read_as_in_json():
    frame = to_frame(small_log())
    frame["occurred_on"] = [d.isoformat() for d in frame["occurred_on"]]
    frame["at"] = [None, "10:30", None, None, None]

    assert from_frame(frame) == small_log()


# Bad input.


def test_an_unknown_event_kind_names_row_and_column_not_the_value():
    frame = to_frame(aalborg_pathways())
    frame.loc[12, KIND] = "hemmelig_diagnose"

    (problem,) = problems(frame)

    assert problem.startswith("rows[12].concept:name: unknown EventKind code; expected one of:")
    assert "hemmelig_diagnose" not in problem


def test_a_missing_required_column_is_named():
    frame = to_frame(small_log()).drop(columns=["occurred_on", ORG])

    assert problems(frame) == [
        "org:group: is a required column",
        "occurred_on: is a required column",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "is not a calendar date"),
        ("4.3.2024", "must be a date written YYYY-MM-DD"),
        (pd.Timestamp("2024-03-04 10:30"), "must be a date (a datetime.date or text written"),
        (20240304, "must be a date (a datetime.date or text written"),
        (None, "is required"),
    ],
)
def test_a_bad_date_names_row_and_column_not_the_value(value, message):
    frame = to_frame(small_log())
    frame.loc[3, "occurred_on"] = value

    (problem,) = problems(frame)

    assert problem.startswith(f"rows[3].occurred_on: {message}")
    assert str(value) not in problem


def test_rows_count_from_zero_whatever_the_index():
    frame = to_frame(small_log()).set_index(pd.Index([10, 11, 12, 13, 14]))
    frame.loc[13, "occurred_on"] = "2024-02-30"

    assert problems(frame) == ["rows[3].occurred_on: is not a calendar date"]


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (0, "offer", pd.NA, "rows[0].offer: is required"),
        (
            1,
            "offer",
            "rygestop",
            "rows[1].offer: is not a field of this kind of event; leave it empty",
        ),
        (0, "to", "mars", "rows[0].to: unknown Administration code; expected one of:"),
        (0, ORG, pd.NA, "rows[0].org:group: is required"),
        (2, "categories", "helbred;helbred", "rows[2].categories: must not list the same value"),
        (2, "categories", "helbred;x", "rows[2].categories[1]: unknown InformationCategory code"),
        (2, "categories", pd.NA, "rows[2].categories: is required"),
        (0, "unit", "", "rows[0].unit: must not be blank"),
        (1, INDEX, pd.NA, "rows[1].helhed:index: is required"),
        (1, INDEX, -1, "rows[1].helhed:index: must be a whole number, 0 or more"),
        (2, INDEX, 1, "rows[2].helhed:index: repeats the position of rows[1]"),
        (2, CASE, pd.NA, "rows[2].case:concept:name: is required"),
        (1, TIMESTAMP, pd.Timestamp("2024-03-04"), "rows[1].time:timestamp: must be occurred_on"),
    ],
)
def test_bad_cells_are_located(row, column, value, message):
    frame = to_frame(small_log())
    frame.loc[row, column] = value

    (problem,) = problems(frame)

    assert problem.startswith(message)


def test_an_event_placed_by_its_time_before_the_opening_referral_is_refused():
    frame = to_frame(small_log()).drop(columns=TIMESTAMP)
    frame.loc[0, "at"] = dt.time(11)

    assert problems(frame) == [
        "rows[1]: a pathway opens with a referral; this event would come before it"
    ]


def test_nothing_is_coerced():
    frame = to_frame(small_log())
    frame["voluntary"] = frame["voluntary"].astype(object)
    frame.loc[0, "voluntary"] = "true"
    frame["score"] = frame["score"].astype(object)
    frame.loc[4, "score"] = 3  # a closing event has no score

    assert problems(frame) == [
        "rows[0].voluntary: must be true or false",
        "rows[4].score: is not a field of this kind of event; leave it empty",
    ]


def test_every_problem_is_listed_in_row_order():
    frame = to_frame(small_log())
    frame.loc[4, KIND] = "ukendt"
    frame.loc[0, "offer"] = pd.NA
    frame["extra"] = 1

    assert problems(frame) == ["extra: is not a known column"]
    listed = problems(frame.drop(columns="extra"))
    assert len(listed) == 2
    assert listed[0] == "rows[0].offer: is required"
    assert listed[1].startswith("rows[4].concept:name: unknown EventKind code")


def test_an_event_that_cannot_follow_is_located_by_row():
    frame = to_frame(small_log())

    assert problems(frame.iloc[1:]) == [
        "rows[0]: a pathway opens with a referral; this event would come before it"
    ]


def test_only_a_data_frame_is_read():
    with pytest.raises(ValidationError, match=r"^must be a pandas DataFrame$"):
        from_frame({"case:concept:name": []})


@given(st.text(min_size=2).map(lambda s: "§" + s), st.sampled_from(["offer", "to", KIND, INDEX]))
def test_error_messages_never_contain_the_bad_value(secret, column):
    def bad(value):
        frame = to_frame(small_log()).astype({column: object})
        frame.loc[0, column] = value
        frame.loc[2, "categories"] = f"helbred;{value}"
        frame.loc[3, "occurred_on"] = value
        return problems(frame)

    message = " ".join(bad(secret))

    assert secret not in message
    assert bad(secret) == bad(secret + "x")


def test_a_field_has_one_column_kind_across_event_kinds():
    from helhed import frames  # noqa: PLC0415 - the private tables, only here

    kinds = {(f.column, f.kind) for fields in frames._FIELDS.values() for f in fields}

    assert (
        len(kinds) == len({column for column, _ in kinds}) == len(COLUMNS) - 4
    )  # all but case, kind, timestamp, index
