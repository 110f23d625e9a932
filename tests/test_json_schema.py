"""The exported JSON Schema agrees with the converter."""

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.json_schema import json_schema
from helhed.serialization import DOCUMENTS, to_dict
from helhed.testing import strategies as hs
from samples import citizen_data

SCHEMAS = {
    name: jsonschema.Draft202012Validator(
        json_schema(name), format_checker=jsonschema.FormatChecker()
    )
    for name in DOCUMENTS
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_schema_is_a_valid_draft_2020_12_schema(name):
    schema = json_schema(name)

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"urn:helhed:schema:{name}:3"
    assert schema["required"][0] == "schema_version"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@given(data=st.data())
def test_every_document_the_converter_writes_validates(name, data):
    document = data.draw(hs.documents(name))

    SCHEMAS[name].validate(to_dict(document))


@pytest.mark.parametrize(
    "change",
    [
        {"benefit": "flexjob"},
        {"id": ""},
        {"schema_version": 4},
        {"schema_version": 1},
        {"unknown": 1},
        {"health": {"sick_days": 367}},
        {"health": {"risk_factors": ["kost", "kost"]}},
    ],
)
def test_documents_the_converter_refuses_are_refused_by_the_schema_too(change):
    data = citizen_data(**change)

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema("citizen"))


def test_health_fields_are_marked_sensitive_and_described():
    schema = json_schema("citizen")
    props = schema["properties"]
    health = schema["$defs"]["HealthProfile"]["properties"]

    assert props["health"]["x-helhed-sensitive"] is True
    assert "x-helhed-sensitive" not in props["benefit"]
    assert health["sick_days"]["anyOf"][0]["maximum"] == 366
    assert (
        props["id"]["description"] == "A pseudonymous identifier or case number; must not be blank."
    )
    assert schema["$defs"]["Benefit"]["enum"][0] == "kontanthjaelp_jobparat"


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="expected one of: citizen, assessment"):
        json_schema("person")
