"""Reports reproduce the published Aalborg tables (AALBORG2019 tabel 1-3) to the printed digit."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.errors import ValidationError
from helhed.examples import (
    AALBORG_FLEX_OFFER,
    AALBORG_FLEX_REFERRAL,
    AALBORG_PERIOD,
    AALBORG_UNITS,
    aalborg_pathways,
)
from helhed.organisation import Administration, Period
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway
from helhed.pathways.reports import (
    Table,
    conversations_by_unit,
    intervention_status,
    ratio,
    referrals_by_destination,
    share,
)

A = Administration

# The published tables, typed from AALBORG2019 as printed.
TABLE_1 = [
    ("Sygedagpengehuset", 32, 60, "1,9", 21),
    ("Job- og Aktivhuset", 55, 63, "1,1", 90),
    ("Virksomhedscenteret", 56, 71, "1,3", 44),
    ("Uddannelseshuset", 36, 172, "4,8", 11),
    ("I alt", 179, 366, "2", 166),
]
TABLE_2 = [
    ("Aalborg Sundhedscenter", 72),
    ("Sundhedshjørnet", 48),
    ("Egen læge", 27),
    ("Kontakt Ældre Handicap", 10),
    ("Selv træning", 9),
    ("I alt", 166),
]
TABLE_3 = [
    ("Gennemført", 31, "39%"),
    ("I gang med forløbet", 14, "18%"),
    ("Dropout", 9, "11%"),
    ("Starter ikke på hold efter samtaleforløb", 25, "31%"),
    ("I alt", 80, "100%"),
]


def _printed(value):
    return str(value).replace(".", ",")


def tables(pathways):
    return (
        conversations_by_unit(pathways, AALBORG_PERIOD, units=AALBORG_UNITS),
        referrals_by_destination(pathways, AALBORG_PERIOD),
        intervention_status(
            pathways, AALBORG_PERIOD, offer=AALBORG_FLEX_OFFER, via=AALBORG_FLEX_REFERRAL
        ),
    )


def test_table_1_is_reproduced_to_the_printed_digit():
    table, _, _ = tables(aalborg_pathways())

    got = [(r[0], r[1], r[2], _printed(r[3]), r[4]) for r in table.rows]
    assert [g[1:] for g in got] == [t[1:] for t in TABLE_1]
    assert [g[0] for g in got[:-1]] == [t[0] for t in TABLE_1[:-1]]
    assert (
        table.notes[1] == "Referrals count referrals, not citizens: 166 referrals of 111 citizens."
    )


def test_table_2_is_reproduced():
    _, table, _ = tables(aalborg_pathways())

    assert [r[1] for r in table.rows] == [t[1] for t in TABLE_2]
    assert [r[0] for r in table.rows[:-1]] == [t[0] for t in TABLE_2[:-1]]
    assert table.notes == ("166 referrals of 111 citizens.",)


def test_table_3_is_reproduced_with_the_citizen_the_published_rows_leave_out():
    _, _, table = tables(aalborg_pathways())

    published = [(r[1], f"{r[2]}%") for r in table.rows if r[0] != "Not yet decided"]
    assert published == [(t[1], t[2]) for t in TABLE_3]
    assert table.row("Not yet decided") == ("Not yet decided", 1, 1)


def test_the_example_log_has_the_published_sizes():
    log = aalborg_pathways()

    assert len(log) == 259
    assert len({p.citizen_id for p in log}) == 259
    assert log is aalborg_pathways()


def _noise(pathway):
    """Events that must not move the numbers: outside the period, other kinds, other units."""
    cid = pathway.citizen_id
    day = pathway.events[-1].occurred_on
    after = max(day, AALBORG_PERIOD.end) + dt.timedelta(days=1)
    return [
        ev.ConversationHeld(
            citizen_id=cid,
            occurred_on=day,
            recorded_by=A.HEALTH,
            unit="Sygedagpengehuset",
            conversation=ev.ConversationKind.FOLLOW_UP,
        ),
        ev.ConversationHeld(
            citizen_id=cid,
            occurred_on=day,
            recorded_by=A.HEALTH,
            unit="Jobcenter Syd",
            conversation=ev.ConversationKind.HEALTH_CONVERSATION,
        ),
        ev.ContactMade(
            citizen_id=cid, occurred_on=day, recorded_by=A.HEALTH, unit="Uddannelseshuset"
        ),
        ev.ConversationHeld(
            citizen_id=cid,
            occurred_on=after,
            recorded_by=A.HEALTH,
            unit="Uddannelseshuset",
            conversation=ev.ConversationKind.HEALTH_CONVERSATION,
        ),
        ev.ReferredOnward(
            citizen_id=cid,
            occurred_on=after,
            recorded_by=A.HEALTH,
            unit="Uddannelseshuset",
            destination="Egen læge",
        ),
    ]


def test_events_outside_the_period_of_other_kinds_or_units_do_not_change_the_numbers():
    log = aalborg_pathways()
    noisy = [p.extend(_noise(p)) for p in log]
    before = Pathway.of(
        [
            ev.Referred(
                citizen_id="early",
                occurred_on=dt.date(2017, 12, 31),
                recorded_by=A.JOB_CENTRE,
                unit="Sygedagpengehuset",
                referral_id="r-1",
                offer=AALBORG_FLEX_OFFER,
                to=A.HEALTH,
                voluntary=True,
            ),
            ev.ConversationHeld(
                citizen_id="early",
                occurred_on=dt.date(2017, 12, 31),
                recorded_by=A.HEALTH,
                unit="Sygedagpengehuset",
                conversation=ev.ConversationKind.HEALTH_CONVERSATION,
            ),
        ]
    )

    assert tables([*noisy, before]) == tables(log)


@given(st.data())
def test_counts_are_the_same_whatever_the_order_of_pathways(data):
    log = list(aalborg_pathways())
    shuffled = data.draw(st.permutations(log))

    assert tables(shuffled) == tables(log)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (60, 32, "1.9"),
        (63, 55, "1.1"),
        (366, 179, "2"),
        (1, 20, "0.1"),
        (1, 40, "0"),
        (3, 2, "1.5"),
        (100, 10, "10"),
        (5, 0, None),
    ],
)
def test_ratio_rounds_half_up_to_one_decimal_without_a_trailing_zero(
    numerator, denominator, expected
):
    got = ratio(numerator, denominator)

    assert (None if got is None else str(got)) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (31, 80, 39),
        (14, 80, 18),
        (9, 80, 11),
        (25, 80, 31),
        (80, 80, 100),
        (1, 200, 1),
        (0, 5, 0),
        (1, 0, None),
    ],
)
def test_share_rounds_half_up_to_whole_percent(part, whole, expected):
    assert share(part, whole) == expected


def test_a_table_renders_and_finds_rows_and_columns():
    table = Table(
        title="T",
        columns=("unit", "n", "per"),
        rows=(("A", 3, Decimal("1.5")), ("B", 0, None)),
        notes=("note",),
    )

    assert table.to_markdown(decimal_comma=True).splitlines() == [
        "| unit | n | per |",
        "|---|---:|---:|",
        "| A | 3 | 1,5 |",
        "| B | 0 | - |",
    ]
    assert table.column("n") == (3, 0)
    assert str(table).startswith("T\n\n| unit")
    with pytest.raises(KeyError):
        table.row("C")
    with pytest.raises(KeyError):
        table.column("x")
    with pytest.raises(ValidationError, match=r"rows\[0\]: needs one cell per column"):
        Table(title="T", columns=("a",), rows=(("x", 1),))


def test_a_table_becomes_a_dataframe():
    frame = tables(aalborg_pathways())[0].to_frame()

    assert frame.loc["Uddannelseshuset", "conversations per citizen"] == 4.8
    assert frame.loc["Total", "citizens"] == 179


def test_units_default_to_every_unit_in_alphabetical_order_and_empty_units_show_zeros():
    period = Period(dt.date(2018, 1, 1), dt.date(2018, 1, 2))
    table = conversations_by_unit(aalborg_pathways(), period, units=["Nowhere"])

    assert table.rows == (("Nowhere", 0, 0, None, 0), ("Total", 0, 0, None, 0))
    every = conversations_by_unit(aalborg_pathways(), AALBORG_PERIOD)
    assert [r[0] for r in every.rows] == [*sorted(AALBORG_UNITS), "Total"]
