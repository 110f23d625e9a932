"""The catalogue as JSON and as CSV: lossless round trips, located and value-free errors."""

import datetime as dt
import json

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.errors import ValidationError
from helhed.health import RiskFactor
from helhed.json_schema import json_schema
from helhed.models.catalogue import (
    FAXE,
    Capacity,
    CapacityPeriod,
    CapacityUnit,
    Catalogue,
    Offer,
    OfferFormat,
    TaskType,
    Taxonomy,
)
from helhed.models.catalogue_csv import COLUMNS, from_csv, to_csv
from helhed.organisation import Administration
from helhed.serialization import from_dict, from_json, to_dict, to_json
from helhed.sources import Citation
from helhed.testing import strategies as hs

HIDDEN = "§hemmelig-værdi"

TRACKS = Taxonomy(
    name="hjoerring",
    task_types=(
        TaskType(code="A", label_da="Spor A", label_en="Track A"),
        TaskType(code="B", label_da="Spor B", label_en="Track B"),
    ),
    citation=Citation("SST2019", "kap. 9"),
)


def offer(oid, task="6", **fields):
    base = {
        "id": oid,
        "name_da": f"Tilbud {oid}",
        "name_en": f"Offer {oid}",
        "administration": Administration.HEALTH,
        "task_type": task,
        "format": OfferFormat.GROUP,
        "voluntary": True,
        "last_reviewed": dt.date(2026, 1, 1),
    }
    return Offer(**{**base, **fields})


CATALOGUE = Catalogue(
    name="Eksempel",
    offers=(
        offer("walk", risk_factors=frozenset({RiskFactor.PHYSICAL_ACTIVITY, RiskFactor.DIET})),
        offer("mentor", task="3", administration=Administration.JOB_CENTRE, legal_basis="LAB"),
        offer("quit", task="6", capacity=Capacity(amount=8, period=CapacityPeriod.WEEK)),
        offer("talk", task="4", duration_weeks=10, contact="Sundhedshuset, tlf. 1234"),
    ),
)


def csv_problems(text, **kwargs):
    with pytest.raises(ValidationError) as err:
        from_csv(text, **{"name": "Eksempel", **kwargs})
    return [str(p) for p in err.value.problems]


def json_problems(data, **kwargs):
    with pytest.raises(ValidationError) as err:
        from_dict(data, Catalogue, **kwargs)
    return [str(p) for p in err.value.problems]


def rows(*lines, delimiter=","):
    return "\r\n".join([delimiter.join(COLUMNS), *lines]) + "\r\n"


def cells(**changes):
    """A valid row for offer ``x`` with some cells changed, as a dict by column."""
    header, row = to_csv(Catalogue(name="x", offers=(offer("x"),))).splitlines()
    base = dict(zip(header.split(","), row.split(","), strict=True))
    if "id" in changes and "name_da" not in changes:
        changes = {**changes, "name_da": f"Tilbud {changes['id']}"}
    return {**base, **changes}


def line(delimiter=",", **changes):
    return delimiter.join(cells(**changes)[c] for c in COLUMNS)


# JSON


@given(hs.catalogues())
def test_json_round_trip_is_lossless(catalogue):
    text = to_json(catalogue)

    assert from_json(text, Catalogue) == catalogue
    assert to_json(from_json(text, Catalogue)) == text


@given(st.lists(hs.catalogue_offers(TRACKS), max_size=5, unique_by=lambda o: o.id))
def test_json_round_trip_keeps_another_taxonomy(offers):
    catalogue = Catalogue(name="Hjørring", offers=tuple(offers), taxonomy=TRACKS)

    assert from_json(to_json(catalogue), Catalogue) == catalogue


def test_json_writes_codes_sorted_sets_and_the_taxonomy():
    data = to_dict(CATALOGUE)

    assert data["offers"][0]["risk_factors"] == ["fysisk_aktivitet", "kost"]
    assert data["offers"][2]["capacity"] == {"amount": 8, "unit": "pladser", "period": "uge"}
    assert data["taxonomy"]["citation"] == {"source": "SST2019", "section": "kap. 9"}
    assert from_dict({k: v for k, v in data.items() if k != "taxonomy"}, Catalogue) == CATALOGUE


def test_a_bad_json_catalogue_names_each_problem_by_path():
    data = to_dict(CATALOGUE)
    data["offers"][3]["task_type"] = HIDDEN
    data["offers"][2]["id"] = "walk"

    assert json_problems(data) == [
        "offers[2].id: is a duplicate",
        "offers[3].task_type: is not a task type of the faxe taxonomy",
    ]
    assert json_problems(data, path="catalogues[1]") == [
        "catalogues[1].offers[2].id: is a duplicate",
        "catalogues[1].offers[3].task_type: is not a task type of the faxe taxonomy",
    ]


def test_bad_nested_json_values_are_located_and_never_shown():
    data = to_dict(CATALOGUE)
    data["offers"][0]["id"] = " "
    data["offers"][1]["risk_factors"] = [HIDDEN]
    data["offers"][2]["capacity"]["amount"] = 0
    data["offers"][2]["capacity"]["unit"] = HIDDEN
    data["offers"][3]["last_reviewed"] = HIDDEN
    data["taxonomy"]["citation"]["source"] = HIDDEN
    problems = json_problems(data)

    assert [p.partition(":")[0] for p in problems] == [
        "offers[0].id",
        "offers[1].risk_factors[0]",
        "offers[2].capacity.unit",
        "offers[3].last_reviewed",
        "taxonomy.citation.source",
    ]
    assert HIDDEN not in " ".join(problems)
    data["offers"][2]["capacity"]["unit"] = "timer"
    assert "offers[2].capacity.amount: must be 1 or more" in json_problems(data)


def test_constructor_checks_run_once_the_parts_are_well_formed():
    data = to_dict(CATALOGUE)
    data["name"] = " "
    assert json_problems(data) == ["name: must not be blank"]

    data = to_dict(CATALOGUE)
    data["taxonomy"]["task_types"][1]["code"] = "1"
    assert json_problems(data) == ["taxonomy.task_types[1].code: is a duplicate"]


def test_json_refuses_task_types_of_another_taxonomy():
    data = to_dict(Catalogue(name="H", offers=(offer("a", task="A"),), taxonomy=TRACKS))
    data["offers"][0]["task_type"] = "6"

    assert json_problems(data) == [
        "offers[0].task_type: is not a task type of the hjoerring taxonomy"
    ]


def test_the_schema_writes_the_default_taxonomy_as_json_and_it_validates():
    schema = json_schema("catalogue")
    default = schema["properties"]["taxonomy"]["default"]

    json.dumps(schema)
    assert default == to_dict(CATALOGUE)["taxonomy"]
    jsonschema.validate(default, {"$defs": schema["$defs"], "$ref": "#/$defs/Taxonomy"})
    assert schema["$defs"]["Offer"]["properties"]["funding"]["uniqueItems"] is True


# CSV round trips


@given(hs.catalogues(), st.sampled_from([",", ";", "\t"]), st.booleans())
def test_csv_round_trip_is_lossless(catalogue, delimiter, tell):
    text = to_csv(catalogue, delimiter=delimiter)
    found = from_csv(
        text,
        name=catalogue.name,
        taxonomy=catalogue.taxonomy,
        delimiter=delimiter if tell else None,
    )

    assert found == catalogue
    assert to_csv(found, delimiter=delimiter) == text


def _text():
    return st.text(min_size=1).filter(str.strip)


@given(
    st.lists(hs.catalogue_offers(), min_size=1, max_size=4, unique_by=lambda o: o.id),
    st.data(),
)
def test_csv_round_trip_keeps_any_text(offers, data):
    """Delimiters, quotes, line breaks and spaces in text cells survive."""
    awkward = [
        attrs.evolve(
            o,
            name_da=f"{data.draw(_text())} {o.id}",
            name_en=data.draw(st.sampled_from(['a "quoted", name', "two\r\nlines", " padded "])),
            contact=data.draw(st.none() | _text()),
            legal_basis=data.draw(st.none() | _text()),
        )
        for o in offers
    ]
    catalogue = Catalogue(name="Ærø", offers=tuple(awkward))

    for delimiter in (",", ";"):
        assert from_csv(to_csv(catalogue, delimiter=delimiter), name="Ærø") == catalogue


@given(st.lists(hs.catalogue_offers(TRACKS), max_size=5, unique_by=lambda o: o.id))
def test_csv_round_trip_under_another_taxonomy(offers):
    catalogue = Catalogue(name="Hjørring", offers=tuple(offers), taxonomy=TRACKS)

    assert from_csv(to_csv(catalogue), name="Hjørring", taxonomy=TRACKS) == catalogue


def test_the_csv_format():
    text = to_csv(CATALOGUE)
    header, walk, mentor, quit_, talk = text.split("\r\n")[:-1]

    assert text.endswith("\r\n")
    assert header.split(",") == list(COLUMNS)
    assert walk == (
        "walk,Tilbud walk,Offer walk,sundhed,6,fysisk_aktivitet;kost,,,,gruppe,,,,,true,,2026-01-01"
    )
    assert mentor.split(",")[3:9] == ["jobcenter", "3", "", "", "", "LAB"]
    assert quit_.split(",")[11:14] == ["8", "pladser", "uge"]
    assert talk.split(",")[10] == "10"
    assert talk.split(",")[15:17] == ['"Sundhedshuset', ' tlf. 1234"']
    assert to_csv(Catalogue(name="Tom", offers=())) == ",".join(COLUMNS) + "\r\n"
    assert from_csv(",".join(COLUMNS), name="Tom") == Catalogue(name="Tom", offers=())


def test_semicolons_as_danish_excel_writes_them():
    text = (
        "\ufeff"
        + ";".join(COLUMNS)
        + "\r\n"
        + 'walk;Gåtur, hver tirsdag;Walks;sundhed;6;" kost ; fysisk_aktivitet";;;;gruppe;;;;;SAND;;'
        + "2026-01-01\r\n"
        + ";;;;;;;;;;;;;;;;\r\n"
    )

    catalogue = from_csv(text, name="Faxe")

    assert catalogue.offers == (
        offer(
            "walk",
            name_da="Gåtur, hver tirsdag",
            name_en="Walks",
            risk_factors=frozenset({RiskFactor.DIET, RiskFactor.PHYSICAL_ACTIVITY}),
        ),
    )
    assert from_csv(text, name="Faxe", delimiter=";") == catalogue
    assert to_csv(catalogue, delimiter=";").splitlines()[1].startswith("walk;Gåtur, hver")


def test_columns_may_come_in_any_order():
    order = list(reversed(COLUMNS))
    row = cells()
    text = ",".join(order) + "\n" + ",".join(row[c] for c in order) + "\n"

    assert from_csv(text, name="x") == Catalogue(name="x", offers=(offer("x"),))


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("true", True),
        ("TRUE", True),
        ("ja", True),
        ("SAND", True),
        ("Falsk", False),
        ("nej", False),
    ],
)
def test_voluntary_reads_spreadsheet_booleans(word, value):
    (found,) = from_csv(rows(line(voluntary=word)), name="x").offers

    assert found.voluntary is value


def test_capacity_unit_and_period_default_when_only_the_amount_is_given():
    (found,) = from_csv(rows(line(capacity_amount="5")), name="x").offers
    assert found.capacity == Capacity(amount=5, unit=CapacityUnit.SEATS)

    (found,) = from_csv(rows(line(capacity_amount="5", capacity_unit="timer")), name="x").offers
    assert found.capacity == Capacity(amount=5, unit=CapacityUnit.HOURS)


# CSV errors


def test_every_bad_cell_is_listed_by_row_and_column():
    text = rows(
        line(),
        line(id="y", task_type="66"),
        "",
        line(
            id="z",
            administration=HIDDEN,
            risk_factors=f"kost;{HIDDEN}",
            duration_weeks="0",
            capacity_amount="2.5",
            capacity_period="uge",
            voluntary=HIDDEN,
            last_reviewed="2026-02-30",
        ),
        line(id="x", name_en=" ", format="", funding="fleksjob;fleksjob", target_groups="x"),
    )

    assert csv_problems(text) == [
        "row 3, column task_type: is not a task type of the faxe taxonomy",
        "row 5, column administration: unknown Administration code; expected one of: "
        "jobcenter, sundhed, social, aeldre_handicap, uddannelse, region, almen_praksis",
        "row 5, column risk_factors: unknown RiskFactor code; expected one of: kost, rygning, "
        "alkohol, stoffer, fysisk_aktivitet, soevn, mental_sundhed",
        "row 5, column duration_weeks: must be 1 or more",
        "row 5, column capacity_amount: must be a whole number",
        "row 5, column voluntary: must be true or false",
        "row 5, column last_reviewed: is not a calendar date",
        "row 6, column id: is a duplicate",
        "row 6, column name_en: is required",
        "row 6, column target_groups: unknown RiskGroup code; expected one of: hoejrisiko, "
        "mellemrisiko, lavrisiko",
        "row 6, column funding: must not list the same code twice",
        "row 6, column format: is required",
    ]


def test_rows_are_counted_as_a_spreadsheet_shows_them():
    """A line break inside a quoted cell stays in one row; an empty row still counts."""
    text = rows(line(name_da='"to\nlinjer"'), "", line(id="y", task_type="0"))

    assert csv_problems(text) == [
        "row 4, column task_type: is not a task type of the faxe taxonomy"
    ]


def test_spaces_around_codes_are_ignored_but_text_is_kept_as_written():
    text = rows(line(task_type=" 6 ", administration=" sundhed", name_en=" Walks "))

    (found,) = from_csv(text, name="x").offers

    assert (found.task_type, found.administration, found.name_en) == (
        "6",
        Administration.HEALTH,
        " Walks ",
    )


def test_the_task_type_is_checked_against_the_given_taxonomy():
    text = rows(line(task_type="A"), line(id="y", task_type="6"))

    assert csv_problems(text, taxonomy=TRACKS) == [
        "row 3, column task_type: is not a task type of the hjoerring taxonomy"
    ]
    assert csv_problems(text) == [
        "row 2, column task_type: is not a task type of the faxe taxonomy"
    ]


def test_capacity_needs_an_amount_and_known_codes():
    text = rows(
        line(capacity_unit="timer"),
        line(id="y", capacity_amount="3", capacity_unit=HIDDEN, capacity_period="uger"),
    )

    assert csv_problems(text) == [
        "row 2, column capacity_amount: is required when capacity_unit or capacity_period is given",
        "row 3, column capacity_unit: unknown CapacityUnit code; expected one of: pladser, timer",
        "row 3, column capacity_period: unknown CapacityPeriod code; expected one of: samtidig, "
        "uge, maaned, aar",
    ]


@given(
    st.text(st.characters(blacklist_characters=',"\r\n'), min_size=2).map(lambda s: "§" + s),
    st.sampled_from(
        [
            "administration",
            "risk_factors",
            "funding",
            "duration_weeks",
            "capacity_unit",
            "voluntary",
            "last_reviewed",
            "task_type",
            "format",
            "target_groups",
        ]
    ),
)
def test_csv_errors_never_contain_the_cell_value(hidden, column):
    def bad(value):
        return csv_problems(rows(line(**{column: value}), line(id="y", capacity_amount=value)))

    message = " ".join(bad(hidden))

    assert hidden not in message
    assert hidden.strip() not in message
    assert bad(hidden) == bad(hidden + "x")


def test_unknown_missing_and_repeated_columns_are_named():
    columns = [c for c in COLUMNS if c not in {"contact", "funding"}] + ["kontakt", "id", "note"]
    text = ",".join(columns) + "\n"

    assert csv_problems(text) == [
        "row 1, column kontakt: is not a known column",
        "row 1, column note: is not a known column",
        "row 1, column id: appears more than once",
        "row 1: has no column funding",
        "row 1: has no column contact",
    ]


def test_a_file_without_a_header_row_is_refused_without_showing_it():
    text = line(id=HIDDEN) + "\n"

    (problem,) = csv_problems(text)

    assert problem.startswith("row 1: must be the header row naming the columns, separated by")
    assert HIDDEN not in problem
    assert csv_problems("")[0].startswith("row 1: must be the header row")


def test_a_wrong_delimiter_is_refused():
    text = rows(line(delimiter=";"), delimiter=";")

    assert from_csv(text, name="x").offers == (offer("x"),)
    assert csv_problems(text, delimiter=",")[0].startswith("row 1: must be the header row")


def test_rows_with_too_many_or_too_few_cells_are_refused():
    text = rows(line() + ",", line(id="y").rpartition(",")[0], line(id="z"))

    assert csv_problems(text) == [
        "row 2: has 18 cells; the header has 17",
        "row 3: has 16 cells; the header has 17",
    ]


def test_unnamed_trailing_columns_must_stay_empty():
    text = ",".join([*COLUMNS, "", ""]) + "\n" + line() + ",,\n" + line(id="y") + f",,{HIDDEN}\n"

    assert csv_problems(text) == ["row 3: has a cell in a column with no name"]
    assert len(from_csv(text.rpartition(HIDDEN)[0] + "\n", name="x").offers) == 2


def test_a_blank_name_is_listed_with_the_bad_cells():
    assert csv_problems(rows(line(task_type="99")), name=" ") == [
        "name: must not be blank",
        "row 2, column task_type: is not a task type of the faxe taxonomy",
    ]
    assert csv_problems("nonsense", name="") == [
        "name: must not be blank",
        "row 1: must be the header row naming the columns, separated by commas, semicolons or "
        "tabs: " + ", ".join(COLUMNS),
    ]


def test_faxe_is_the_default_taxonomy():
    assert from_csv(rows(line()), name="x").taxonomy is FAXE
