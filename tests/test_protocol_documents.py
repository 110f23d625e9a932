"""Protocols as documents: written and read by the one converter, in JSON and TOML."""

import copy
import datetime as dt
import json

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.errors import HelhedError, ValidationError
from helhed.json_schema import json_schema
from helhed.organisation import Administration, Role
from helhed.pathways.compliance import check
from helhed.pathways.events import ContactMade, Event, ReferralAccepted, Referred
from helhed.pathways.pathway import Pathway
from helhed.protocol_files import (
    parse_protocol,
    protocol_file_problems,
    read_protocol,
    read_protocol_data,
    validate_protocol,
)
from helhed.protocols import PROTOCOLS
from helhed.rules import (
    AtMostPer,
    Condition,
    Every,
    Match,
    Protocol,
    Severity,
    Within,
    at_most_per,
    every,
    precedes,
    when,
    within,
)
from helhed.rules.conditions import FieldIs
from helhed.serialization import DOCUMENTS, document_name, from_dict, from_json, to_dict, to_json
from helhed.sources import Citation, Reading, Stated
from helhed.testing import strategies as hs

HALSNAES = PROTOCOLS["halsnaes"]  # forbid, within, parallel, requires_consent
CITE = Citation("HALSNAES")
SCHEMA = jsonschema.Draft202012Validator(
    json_schema("protocol"), format_checker=jsonschema.FormatChecker()
)


def to_toml(document):
    """A TOML text of a protocol document: nulls left out, rules as arrays of tables."""

    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        pairs = (f"{k} = {value(x)}" for k, x in v.items() if x is not None)
        return "{ " + ", ".join(pairs) + " }"

    def tables(v):
        return isinstance(v, list) and v and all(isinstance(x, dict) for x in v)

    lines = [f"{k} = {value(v)}" for k, v in document.items() if v is not None and not tables(v)]
    for key, items in document.items():
        if tables(items):
            for item in items:
                lines += ["", f"[[{key}]]"]
                lines += [f"{k} = {value(v)}" for k, v in item.items() if v is not None]
    return "\n".join(lines) + "\n"


def without_nulls(data):
    if isinstance(data, dict):
        return {k: without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [without_nulls(v) for v in data]
    return data


def problems_of(data):
    return [str(p) for p in validate_protocol(data)]


# Writing and reading every shipped protocol


@pytest.mark.parametrize("pid", list(PROTOCOLS))
def test_every_shipped_protocol_round_trips(pid):
    protocol = PROTOCOLS[pid]
    text = to_json(protocol)

    assert from_json(text, Protocol) == protocol
    assert to_json(from_json(text, Protocol)) == text
    assert validate_protocol(json.loads(text)) == []


def test_protocol_is_a_top_level_document():
    assert DOCUMENTS["protocol"] is Protocol
    assert document_name(Protocol) == "protocol"


def test_a_rule_is_tagged_with_its_kind_and_a_match_lists_only_what_narrows_it():
    data = to_dict(HALSNAES)
    rule = data["rules"][1]

    assert list(data)[:3] == ["schema_version", "id", "name_da"]
    assert data["schema_version"] == 3
    assert rule["rule"] == "within"
    assert rule["days"] == 7
    assert rule["after"] == {"kinds": ["henvisning_accepteret"], "to": "sundhed"}
    assert rule["expect"] == {"kinds": ["kontakt_etableret"], "recorded_by": "sundhed"}
    assert rule["severity"] == "fejl"
    assert rule["citation"] == {"source": "HALSNAES", "section": ""}
    assert rule["basis"] == {
        "kind": "stated",
        "quote": "En af projektets medarbejdere kontakter borgeren inden for en uge",
        "verification": "verificeret",
    }


def test_a_condition_and_a_reading_are_tagged_too():
    data = to_dict(PROTOCOLS["aalborg"])
    rule = data["rules"][0]

    assert rule["rule"] == "every"
    assert rule["holds"] == {
        "condition": "prepared_first",
        "offer": "Åben og Rolig Flex",
        "conversation": "forberedende_samtale",
    }
    readings = [
        r["basis"] for p in PROTOCOLS.values() for r in to_dict(p)["rules"]
        if r["basis"]["kind"] == "reading"
    ]  # fmt: skip
    assert readings
    assert all(set(b) == {"kind", "why_da", "why_en"} for b in readings)


def test_fields_with_defaults_may_be_left_out():
    data = to_dict(HALSNAES)
    rule = data["rules"][1]
    for key in ("severity", "basis", "same"):
        del rule[key]
    for key in ("model", "target_groups", "funding", "permissions"):
        del data[key]

    read = from_dict(data, Protocol)

    assert read.rules[1].severity is Severity.ERROR
    assert read.rules[1].basis is None
    assert read.rules[1].same == "referral_id"
    assert read.model is None
    assert read.target_groups == frozenset()
    assert read.permissions == ()


# Checking with a protocol read back finds what the protocol finds

cohorts = st.lists(hs.pathways(max_events=30), max_size=6, unique_by=lambda p: p.citizen_id)


@settings(max_examples=150)
@given(cohorts, st.sampled_from(list(PROTOCOLS.values())) | hs.protocols(), st.integers(-2, 400))
def test_a_protocol_read_back_gives_the_same_findings(pathways, protocol, offset):
    days = [e.occurred_on for p in pathways for e in p.timeline]
    on = (max(days) if days else dt.date(2025, 1, 1)) + dt.timedelta(days=offset)
    read = from_json(to_json(protocol), Protocol)

    assert check(pathways, read, on=on) == check(pathways, protocol, on=on)


# TOML


@pytest.mark.parametrize("pid", list(PROTOCOLS))
def test_toml_and_json_of_the_same_protocol_read_equal(pid, tmp_path):
    data = to_dict(PROTOCOLS[pid])
    (tmp_path / "p.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "p.toml").write_text(to_toml(data), encoding="utf-8")

    assert read_protocol_data(tmp_path / "p.toml") == without_nulls(data)
    assert read_protocol_data(tmp_path / "p.json") == data
    assert read_protocol(tmp_path / "p.toml") == read_protocol(tmp_path / "p.json")
    assert read_protocol(tmp_path / "p.json") == PROTOCOLS[pid]


def test_toml_leaves_nulls_out():
    text = to_toml(to_dict(HALSNAES))

    assert "null" not in text
    assert "model = " in text
    assert from_dict(parse_protocol(text, suffix=".toml"), Protocol) == HALSNAES


def test_a_toml_file_in_another_encoding(tmp_path):
    path = tmp_path / "halsnaes.toml"
    path.write_bytes(to_toml(to_dict(HALSNAES)).encode("cp1252"))

    with pytest.raises(ValidationError, match=r"halsnaes.toml: is not UTF-8 text: byte \d+"):
        read_protocol(path)
    assert read_protocol(path, encoding="cp1252") == HALSNAES


@pytest.mark.parametrize(
    ("text", "suffix", "message"),
    [
        ("rules = ]", ".toml", "is not TOML: it cannot be read at line 1, column 9"),
        ("rules = [", ".toml", "is not TOML: it cannot be read at the end of the document"),
        ('{"rules": [}', ".json", "is not valid JSON (line 1, column 12)"),
        ("{}", ".yaml", "must be a file ending in .json or .toml"),
    ],
)
def test_a_file_that_is_not_json_or_toml_is_one_problem(text, suffix, message, tmp_path):
    path = tmp_path / f"p{suffix}"
    path.write_text(text, encoding="utf-8")

    (problem,) = protocol_file_problems(path)

    assert problem.path == str(path)
    assert message in problem.message
    with pytest.raises(ValidationError):
        read_protocol(path)


def test_the_toml_error_never_shows_the_text():
    with pytest.raises(ValidationError) as caught:
        parse_protocol('id = "Jens Hansen" x', suffix=".toml")

    assert "Jens" not in str(caught.value)
    assert str(caught.value) == "is not TOML: it cannot be read at line 1, column 20"


def test_a_toml_date_or_float_is_refused_where_text_or_a_whole_number_is_due():
    data = to_dict(HALSNAES)
    text = to_toml(data).replace('name_da = "', 'name_da = 2024-01-01\nx_da = "', 1)
    text = text.replace("days = 7", "days = 7.0")

    problems = [str(p) for p in validate_protocol(parse_protocol(text, suffix=".toml"))]

    assert problems == [
        "name_da: must be a string",
        "rules[1].days: must be a whole number",
        "x_da: is not a known field",
    ]


def test_a_file_with_problems_lists_every_one(tmp_path):
    data = to_dict(HALSNAES)
    data["rules"][1]["days"] = -1
    data["rules"][3]["to"] = "kommune"
    path = tmp_path / "p.toml"
    path.write_text(to_toml(data), encoding="utf-8")

    problems = [str(p) for p in protocol_file_problems(path)]

    assert problems[0] == "rules[1].days: must be 0 or more"
    assert problems[1].startswith("rules[3].to: unknown Administration code; expected one of: ")
    assert len(problems) == 2


# Bad documents, every problem by its path


def bad(change):
    data = copy.deepcopy(to_dict(HALSNAES))
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["rules"][1].update(days=-1), ["rules[1].days: must be 0 or more"]),
        (lambda d: d["rules"][1].update(days=1.5), ["rules[1].days: must be a whole number"]),
        (lambda d: d["rules"][1].update(days="7"), ["rules[1].days: must be a whole number"]),
        (
            lambda d: d["rules"][1].update(same="referal_id"),
            ["rules[1].same: is not a field of any event kind"],
        ),
        (lambda d: d["rules"][0].update(text_da=" "), ["rules[0].text_da: must not be blank"]),
        (lambda d: d["rules"][0].update(id=""), ["rules[0].id: must not be blank"]),
        (lambda d: d["rules"][0].update(color=1), ["rules[0].color: is not a known field"]),
        (lambda d: d["rules"][0].pop("rule"), ["rules[0].rule: is required"]),
        (lambda d: d["rules"][0].pop("citation"), ["rules[0].citation: is required"]),
        (
            lambda d: d["rules"][1]["after"].update(kinds=[]),
            ["rules[1].after.kinds: must name one or more event classes"],
        ),
        (
            lambda d: d["rules"][1]["after"].update(kinds=["henvisning_accepteret", 3]),
            ["rules[1].after.kinds[1]: must be a EventKind code (a string)"],
        ),
        (
            lambda d: d["rules"][1]["after"].update(name_da="accept"),
            ["rules[1].after.name_en: must be given with the other name"],
        ),
        (
            lambda d: d["rules"][1]["expect"].update(
                where={"condition": "field_is", "field": "offer", "value": True}
            ),
            ["rules[1].expect.where.field: is not a field of ContactMade"],
        ),
        (
            lambda d: d["rules"][1]["expect"].update(where={"field": "offer"}),
            ["rules[1].expect.where.condition: is required"],
        ),
        (
            lambda d: d["rules"][1].update(basis={"quote": "En af projektets medarbejdere"}),
            ["rules[1].basis.kind: is required"],
        ),
        (
            lambda d: d["rules"][1].update(basis={"kind": "reading", "why_da": "Fordi."}),
            ["rules[1].basis.why_en: is required"],
        ),
        (
            lambda d: d["rules"][1].update(basis={"kind": "stated", "quote": "x", "why_da": "y"}),
            ["rules[1].basis.why_da: is not a known field"],
        ),
        (
            lambda d: d["rules"][2].update(id=d["rules"][1]["id"]),
            ["rules[2].id: is a duplicate"],
        ),
        (
            lambda d: d["rules"][0]["citation"].update(source="SST2020"),
            ["rules[0].citation.source: unknown source key; expected one of: "],
        ),
        (lambda d: d.update(rules=[{}]), ["rules[0].rule: is required"]),
        (lambda d: d["rules"][0].update(basis="stated"), ["rules[0].basis: must be an object"]),
        (
            lambda d: d["rules"][0].update(basis={"kind": 3}),
            ["rules[0].basis.kind: is not a known code; expected one of: stated, reading"],
        ),
        (lambda d: d.update(rules={}), ["rules: must be a list"]),
        (lambda d: d.update(name_en=None), ["name_en: must be a string"]),
    ],
)
def test_a_bad_document_names_each_problem_by_path(change, expected):
    problems = problems_of(bad(change))

    assert len(problems) == len(expected)
    for found, start in zip(problems, expected, strict=True):
        assert found.startswith(start), found


def test_an_unknown_code_names_the_codes_it_knows():
    problems = problems_of(
        bad(lambda d: d["rules"].insert(0, {"rule": "within_days", "days": 7}))
    )  # fmt: skip
    event = problems_of(bad(lambda d: d["rules"][1]["after"].update(kinds=["henvist_til"])))
    condition = problems_of(bad(lambda d: d["rules"][1]["after"].update(where={"condition": "x"})))

    assert problems == [
        "rules[0].rule: is not a known code; expected one of: within, precedes, forbid, every, "
        "requires_consent, parallel, at_most_per, coordinating_caseworker_assigned, "
        "one_coordinating_caseworker, rescreened_at_end, support_until_settled, "
        "plan_spans_professions, same_instrument, first_follow_up_by_week_8"
    ]
    assert event[0].startswith("rules[1].after.kinds[0]: unknown EventKind code; expected one of:")
    assert "henvist, henvisning_accepteret" in event[0]
    assert condition == [
        "rules[1].after.where.condition: is not a known code; expected one of: field_is, "
        "at_least, referral_from, plan_by, conversation_first, prepared_first"
    ]


def test_every_problem_of_a_document_is_listed_at_once():
    def change(d):
        d["rules"][0]["severity"] = "kritisk"
        d["rules"][1]["days"] = -3
        d["rules"][1]["after"]["kinds"] = ["henvist_til"]
        d["rules"][2]["first"] = "jobcentret"
        d["rules"][3]["colour"] = "red"
        d["citation"] = {"source": "HALSNAES", "page": 2}

    paths = [p.path for p in validate_protocol(bad(change))]

    assert paths == [
        "rules[0].severity",
        "rules[1].after.kinds[0]",
        "rules[2].first",
        "rules[3].colour",
        "citation.page",
    ]  # days: the rule's own checks wait until its fields have their form


def test_no_problem_shows_a_value():
    def change(d):
        d["rules"][0]["text_da"] = 17
        d["rules"][1]["after"]["kinds"] = ["Jens Hansen, CPR 010101-1234"]
        d["rules"][2]["first"] = "Jens Hansen"

    with pytest.raises(ValidationError) as caught:
        from_dict(bad(change), Protocol)
    message = str(caught.value)

    assert "Jens" not in message
    assert "1234" not in message


# Version rules


@pytest.mark.parametrize("version", [1, 2])
def test_a_protocol_document_starts_at_version_3(version):
    data = to_dict(HALSNAES) | {"schema_version": version}

    assert problems_of(data) == [
        "schema_version: is not a supported version; protocol documents start at version 3"
    ]


@pytest.mark.parametrize("version", [0, 4, True, "3", None])
def test_other_versions_are_refused(version):
    data = to_dict(HALSNAES) | {"schema_version": version}

    (problem,) = problems_of(data)
    assert problem in {
        "schema_version: is not a supported version; this release reads version 3",
        "schema_version: is required and must be a whole number",
    }


def test_other_documents_still_read_versions_1_and_2():
    citizen = DOCUMENTS["citizen"](id="c-1", benefit=Benefit.FLEX_JOB)
    data = to_dict(citizen) | {"schema_version": 1}

    assert from_dict(data, DOCUMENTS["citizen"]) == citizen


# What a document cannot say is refused on write, by path


@attrs.frozen(kw_only=True)
class LateWithin(Within):
    """A subclass of a rule kind: it can be checked, not written."""


@attrs.frozen(kw_only=True)
class Always(Condition):
    """A condition of one's own."""

    KIND = "always"

    def __call__(self, pathway, event):  # noqa: ARG002
        return True


def _refused(rules):
    protocol = attrs.evolve(HALSNAES, rules=rules)
    with pytest.raises(HelhedError) as caught:
        to_json(protocol)
    return str(caught.value)


def test_a_python_function_cannot_be_written():
    rule = PROTOCOLS["aalborg"].rules[0]
    python = attrs.evolve(rule, holds=lambda _pathway, _event: True)

    assert _refused((*HALSNAES.rules[:3], python)) == (
        "rules[3].holds: a Python function cannot be written; use a condition from "
        "helhed.rules.conditions"
    )


def test_a_rule_class_of_ones_own_cannot_be_written():
    within_ = HALSNAES.rules[1]
    mine = LateWithin(**{f.name: getattr(within_, f.name) for f in attrs.fields(Within)})

    assert _refused((HALSNAES.rules[0], mine)).startswith(
        "rules[1]: is a LateWithin, which is not a rule kind a document can hold; expected one "
        "of: within, precedes,"
    )


def test_a_condition_of_ones_own_and_a_base_event_class_cannot_be_written():
    within_ = HALSNAES.rules[1]
    rule = attrs.evolve(
        within_,
        after=when(Event, name=("hændelse", "event")),
        expect=when(ContactMade, where=Always()),
    )

    assert _refused((rule,)) == (
        "rules[0].after.kinds[0]: Event has no event kind code of its own; name the event kinds "
        "it stands for; rules[0].expect.where: is a Always, which is not a condition a "
        "document can hold; expected one of: field_is, at_least, referral_from, plan_by, "
        "conversation_first, prepared_first"
    )


def test_a_protocol_that_cannot_be_written_can_still_be_checked():
    rule = every(
        when(Referred), lambda _pathway, event: event.voluntary, failure=("Tvang.", "Forced."),
        id="x", citation=CITE, text_da="Frivillig.", text_en="Voluntary.",
    )  # fmt: skip
    protocol = attrs.evolve(HALSNAES, rules=(rule,))
    referral = Referred(
        citizen_id="c-1", occurred_on=dt.date(2025, 3, 4), recorded_by=Administration.JOB_CENTRE,
        referral_id="r-1", offer="rygestop", to=Administration.HEALTH, voluntary=False,
    )  # fmt: skip
    pathway = Pathway(citizen_id="c-1", events=(referral,))

    (finding,) = check([pathway], protocol, on=dt.date(2025, 3, 5)).findings
    assert finding.text_en == "Voluntary. Referred on 2025-03-04: Forced."
    with pytest.raises(HelhedError, match=r"^rules\[0\]\.holds: a Python function"):
        to_json(protocol)


# Each rule kind checks its fields in its constructor, as its function did


def _within(**fields):
    base = {
        "days": 7,
        "after": when(ReferralAccepted, to=Administration.HEALTH),
        "expect": when(ContactMade, recorded_by=Administration.HEALTH),
        "id": "contact",
        "citation": CITE,
        "text_da": "Kontakt.",
        "text_en": "Contact.",
    }
    return base | fields


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"days": -1}, "days: must be 0 or more"),
        ({"days": 1.5}, "days: must be a whole number"),
        ({"same": "referal_id"}, "same: is not a field of any event kind"),
        ({"same": " "}, "same: must not be blank"),
        ({"text_en": ""}, "text_en: must not be blank"),
        ({"after": ReferralAccepted}, "after: must be a Match (see when())"),
        ({"severity": "fejl"}, "severity: must be a Severity"),
        ({"basis": "stated"}, "basis: must be a Stated, a Reading or None"),
    ],
)
def test_the_class_refuses_what_the_function_refuses(fields, expected):
    with pytest.raises(ValidationError) as by_class:
        Within(**_within(**fields))
    days = fields.get("days", 7)
    rest = {k: v for k, v in _within(**fields).items() if k != "days"}
    with pytest.raises(ValidationError) as by_function:
        within(days, **rest)

    assert str(by_class.value) == expected
    assert str(by_function.value) == expected


def test_every_problem_of_a_rule_is_listed_at_once():
    with pytest.raises(ValidationError) as caught:
        Within(**_within(id=" ", days=-1, same="nofield"))

    assert str(caught.value) == (
        "id: must not be blank; days: must be 0 or more; same: is not a field of any event kind"
    )


def test_the_other_kinds_check_their_fields():
    with pytest.raises(ValidationError, match=r"^limit: must be 1 or more; role: must be a Role$"):
        AtMostPer(id="x", citation=CITE, text_da="T", text_en="T", limit=0, role="mentor")
    with pytest.raises(ValidationError, match=r"^limit: must be 1 or more$"):
        at_most_per(0, Role.MENTOR, id="x", citation=CITE, text_da="T", text_en="T")
    with pytest.raises(ValidationError, match=r"^same_day: must be true or false$"):
        precedes(
            when(Referred), when(ContactMade), id="x", citation=CITE, text_da="T", text_en="T",
            same_day="yes",
        )  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"recorded_by": "sundhed"}, "recorded_by: must be an Administration"),
        ({"voluntary": "no"}, "voluntary: must be true or false"),
        ({"offers": frozenset({""})}, "offers: must hold only texts that are not blank"),
        ({"offers": 3}, "offers: must be a set of texts or None"),
        ({"instrument": " "}, "instrument: must not be blank"),
        ({"role": "mentor"}, "role: must be a Role"),
        ({"where": FieldIs(field="offer", value=True)}, "where.value: must be text"),
    ],
)
def test_a_match_checks_its_fields(fields, expected):
    with pytest.raises(ValidationError) as caught:
        Match(kinds=(Referred,), **fields)

    assert str(caught.value) == expected


def test_a_stated_basis_and_a_reading_are_read_back():
    stated = Stated("Tilbuddet er frivilligt")
    reading = Reading(why_da="Kilden er tavs.", why_en="The source is silent.")
    rules = tuple(attrs.evolve(HALSNAES.rules[i], basis=b) for i, b in enumerate((stated, reading)))
    protocol = attrs.evolve(HALSNAES, rules=rules)

    assert from_json(to_json(protocol), Protocol) == protocol
    assert isinstance(from_json(to_json(protocol), Protocol).rules[1].basis, Reading)


def test_a_null_basis_is_read_and_a_null_condition_refused():
    data = to_dict(PROTOCOLS["aalborg"])
    data["rules"][0]["basis"] = None

    assert from_dict(data, Protocol).rules[0].basis is None
    data["rules"][0]["holds"] = None
    assert problems_of(data) == ["rules[0].holds: must be an object"]
    data["rules"][0]["holds"] = {"condition": "field_is", "field": "offer", "value": 3}
    assert problems_of(data) == ["rules[0].holds.value: must be text, or true or false"]


def test_every_with_a_named_condition_is_read_back():
    rule = PROTOCOLS["aalborg"].rules[0]

    assert isinstance(rule, Every)
    assert from_json(to_json(PROTOCOLS["aalborg"]), Protocol).rules[0].holds == rule.holds


# JSON Schema


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema("protocol"))


@pytest.mark.parametrize("pid", list(PROTOCOLS))
def test_every_shipped_protocol_validates_against_the_schema(pid):
    SCHEMA.validate(to_dict(PROTOCOLS[pid]))


@given(hs.protocols())
def test_protocols_made_of_shipped_rules_validate_against_the_schema(protocol):
    SCHEMA.validate(to_dict(protocol))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["rules"][1].update(rule="within_days"),
        lambda d: d["rules"][1].pop("rule"),
        lambda d: d["rules"][1].update(days=-1),
        lambda d: d["rules"][1].update(color=1),
        lambda d: d["rules"][1]["after"].update(kinds=["henvist_til"]),
        lambda d: d["rules"][1]["expect"].update(where={"condition": "x"}),
        lambda d: d["rules"][1]["expect"].update(where={"field": "offer", "value": "x"}),
        lambda d: d["rules"][1].update(basis={"quote": "x"}),
        lambda d: d["rules"][1].update(basis={"kind": "reading", "quote": "x"}),
        lambda d: d.update(schema_version=2),
        lambda d: d["rules"][0].update(severity="kritisk"),
        lambda d: d["rules"][0].update(id=" "),
    ],
)
def test_documents_the_converter_refuses_are_refused_by_the_schema_too(change):
    data = bad(change)

    assert problems_of(data)
    with pytest.raises(jsonschema.ValidationError):
        SCHEMA.validate(data)


def test_the_schema_names_the_tags():
    defs = json_schema("protocol")["$defs"]

    assert defs["Within"]["properties"]["rule"] == {"const": "within"}
    assert defs["Within"]["required"][0] == "rule"
    assert defs["FieldIs"]["properties"]["condition"] == {"const": "field_is"}
    assert defs["Stated"]["properties"]["kind"] == {"const": "stated"}
    assert defs["Match"]["properties"]["kinds"]["items"] == {"$ref": "#/$defs/EventKind"}
