"""The JSON form: lossless round trips, strict structuring, located and value-free errors."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.citizens import Citizen
from helhed.errors import ValidationError
from helhed.organisation import CaseworkerHistory, Team
from helhed.serialization import (
    DOCUMENTS,
    SCHEMA_VERSION,
    document_name,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from helhed.testing import strategies as hs
from samples import citizen_data


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_document_type_has_a_strategy(name):
    assert hs.documents(name) is not None


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@given(data=st.data())
def test_json_round_trip_is_lossless(name, data):
    document = data.draw(hs.documents(name))
    text = to_json(document)

    assert from_json(text, DOCUMENTS[name]) == document
    assert to_json(from_json(text, DOCUMENTS[name])) == text
    assert json.loads(text)["schema_version"] == SCHEMA_VERSION
    assert document_name(type(document)) == name


def problems(data, cls=Citizen):
    with pytest.raises(ValidationError) as err:
        from_dict(data, cls)
    return [str(p) for p in err.value.problems]


def test_a_valid_document_loads_and_defaults_apply():
    person = from_dict({"schema_version": 3, "id": "c-2"}, Citizen)

    assert person == Citizen(id="c-2")
    assert from_dict(citizen_data(), Citizen).health.sick_days == 12


def test_every_bad_field_is_listed_by_path():
    data = citizen_data(benefit="sygedagpenge ", extra=1)
    data["health"]["challenges"].append({"domain": "fysisk", "onset": "medfødt"})
    data["health"]["sick_days"] = "12"

    assert problems(data) == [
        "benefit: unknown Benefit code; expected one of: kontanthjaelp_jobparat, "
        "kontanthjaelp_uddannelsesparat, kontanthjaelp_aktivitetsparat, "
        "uddannelseshjaelp_uddannelsesparat, uddannelseshjaelp_aktivitetsparat, ressourceforloeb, "
        "jobafklaringsforloeb, fleksjob, ledighedsydelse, sygedagpenge, jobafproevning, "
        "integrationsydelse, selvforsoergelses_hjemrejseydelse, overgangsydelse, "
        "arbejdsloeshedsdagpenge, foertidspension, beskaeftiget",
        "health.challenges[1].onset: unknown Onset code; expected one of: medfoedt, erhvervet",
        "health.sick_days: must be a whole number",
        "extra: is not a known field",
    ]


def test_value_rules_are_checked_once_types_are_right():
    assert problems(citizen_data(benefit="fleksjob")) == [
        "sickness_category: is only given with sickness benefit or job trial"
    ]
    data = citizen_data()
    data["health"]["challenges"][0]["condition"] = "parkinsons"
    assert problems(data) == [
        "health.challenges[0].progressive: must be true when a progressive condition is named"
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sick_days", "3", "must be a whole number"),
        ("sick_days", 3.0, "must be a whole number"),
        ("sick_days", True, "must be a whole number"),
        ("sick_days", -1, "must be 0 or more"),
        ("affects_work", 1, "must be true or false"),
        ("affects_work", "true", "must be true or false"),
        ("risk_factors", "rygning", "must be a list"),
        ("risk_factors", ["rygning", "rygning"], "must not list the same value twice"),
        ("challenges", {"domain": "fysisk"}, "must be a list"),
    ],
)
def test_nothing_is_coerced(field, value, message):
    data = citizen_data()
    data["health"][field] = value

    assert problems(data) == [f"health.{field}: {message}"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "is not a calendar date"),
        ("2024-2-3", "must be a date written YYYY-MM-DD"),
        ("20240203", "must be a date written YYYY-MM-DD"),
        ("2024-02-03T00:00", "must be a date written YYYY-MM-DD"),
        (20240203, "must be a date written YYYY-MM-DD"),
    ],
)
def test_dates_are_strict_iso_dates(value, message):
    data = {
        "schema_version": 3,
        "citizen_id": "c",
        "assignments": [{"staff_id": "s", "start": value}],
    }

    assert problems(data, CaseworkerHistory) == [f"assignments[0].start: {message}"]


def test_missing_required_fields_and_wrong_shapes():
    assert problems({"schema_version": 3}) == ["id: is required"]
    assert problems({"schema_version": 3, "id": "c", "health": []}) == ["health: must be an object"]
    assert problems({"schema_version": 3, "id": "c", "benefit": 7}) == [
        "benefit: must be a Benefit code (a string)"
    ]
    assert problems([]) == ["must be a JSON object"]
    assert problems(
        {"schema_version": 3, "id": "t", "name": "T", "members": [{"id": "a"}]}, Team
    ) == [
        "members[0].role: is required",
        "members[0].administration: is required",
    ]


def test_schema_version_is_required_and_never_from_the_future():
    assert problems({"id": "c"}) == ["schema_version: is required and must be a whole number"]
    assert problems({"schema_version": "1", "id": "c"}) == [
        "schema_version: is required and must be a whole number"
    ]
    assert problems({"schema_version": 4, "id": "c"}) == [
        "schema_version: is not a supported version; this release reads versions 1 to 3"
    ]
    assert problems({"schema_version": 0, "id": "c"}) == [
        "schema_version: is not a supported version; this release reads versions 1 to 3"
    ]


def test_not_json_at_all():
    with pytest.raises(ValidationError, match=r"is not valid JSON \(line 1, column 2\)"):
        from_json("{oops", Citizen)


def test_only_top_level_documents_are_accepted():
    with pytest.raises(KeyError):
        to_dict(object())


def test_json_keeps_danish_letters_and_sorts_sets_by_code():
    person = from_dict(citizen_data(id="ærø-1"), Citizen)
    person_json = json.loads(to_json(person))

    assert '"ærø-1"' in to_json(person)
    assert person_json["health"]["risk_factors"] == ["rygning"]


@given(st.text(min_size=2).map(lambda s: "§" + s), st.sampled_from(["sick_days", "affects_work"]))
def test_error_messages_never_contain_the_bad_value(secret, field):
    def bad(value):
        data = citizen_data()
        data["health"][field] = value
        data["health"]["risk_factors"] = [value]
        data["health"]["challenges"] = [{"domain": value}]
        return problems(data)

    message = " ".join(bad(secret))

    assert secret not in message
    assert bad(secret) == bad(secret + "x")
