"""The HTTP service against a real uvicorn server on 127.0.0.1: operations, description, dates."""

from __future__ import annotations

import datetime as dt

import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from helhed.cases.aalborg import REFERRALS_BY_DESTINATION
from helhed.errors import ValidationError
from helhed.examples import AALBORG_PERIOD, aalborg_pathways, example_catalogue, halsnaes_pathways
from helhed.json_schema import json_schema
from helhed.pathways.compliance import check
from helhed.protocols import PROTOCOLS
from helhed.serialization import DOCUMENTS, from_dict, parse_json, to_dict
from helhed.server import OPERATION, OPERATIONS, Settings, openapi
from helhed.server._call import Call
from helhed.server.app import from_environment
from helhed.server.local import serving
from helhed.target_groups import classify
from helhed.testing import strategies as hs

PINNED = dt.date(2026, 12, 4)
CLOCK = dt.date(2027, 3, 1)


@pytest.fixture(scope="module")
def client():
    with serving(Settings(on=PINNED)) as url, httpx.Client(base_url=url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def on_the_clock():
    with serving(Settings(today=lambda: CLOCK)) as url, httpx.Client(base_url=url) as c:
        yield c


def send(client, operation, example=None):
    example = operation.example() if example is None else example
    if operation.method == "POST":
        return client.post(operation.path, json=example)
    return client.get(operation.path.format(**example))


def validator(pointer):
    """A validator of the schema at ``pointer`` in the description, its refs resolved there."""
    return jsonschema.Draft202012Validator({**openapi(), "$ref": pointer})


def escape(step):
    return step.replace("~", "~0").replace("/", "~1")


def test_the_description_is_valid_openapi_3_1():
    description = openapi()

    validate(description)
    assert description["openapi"] == "3.1.0"
    assert [
        op["operationId"] for item in description["paths"].values() for op in item.values()
    ] == [op.id for op in OPERATIONS]


def test_the_server_serves_the_description(client):
    answer = client.get("/openapi.json")

    assert answer.status_code == 200
    assert answer.json() == openapi()


def test_every_document_in_the_description_is_the_library_s_own_schema():
    components = openapi()["components"]["schemas"]
    for name in DOCUMENTS:
        own = json_schema(name)
        assert components[name]["properties"].keys() == own["properties"].keys()
        assert components[name]["required"] == own["required"]
        for key in own["$defs"]:
            assert components[key]["title"] == own["$defs"][key]["title"]
    body = openapi()["paths"]["/check"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["properties"]["pathways"]["items"] == {
        "$ref": "#/components/schemas/pathway"
    }


def test_no_ref_points_nowhere():
    components = openapi()["components"]["schemas"]
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(openapi())
    assert refs
    for ref in refs:
        assert ref.startswith("#/components/schemas/")
        assert ref.removeprefix("#/components/schemas/") in components


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.id)
def test_every_operation_has_an_example_that_works_as_sent(client, operation):
    described = openapi()["paths"][operation.path][operation.method.lower()]
    path = f"#/paths/{escape(operation.path)}/{operation.method.lower()}"
    if operation.method == "POST":
        example = described["requestBody"]["content"]["application/json"]["example"]
        validator(f"{path}/requestBody/content/application~1json/schema").validate(example)
    else:
        example = {p["name"]: p["example"] for p in described.get("parameters", [])}

    answer = send(client, operation, example)

    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    validator(f"{path}/responses/200/content/application~1json/schema").validate(answer.json())


def test_who5_as_kl_s_example_scores_it(client):
    # KL's example WHO-5 response (KLToolsCareWHO5.fsh, "WHO-5AnswerMark"): 5, 3, 5, 5, 5.
    answer = client.post("/screening/who5", json={"on": "2026-12-04", "answers": [5, 3, 5, 5, 5]})

    body = answer.json()
    assert (body["score"]["total"], body["score"]["scaled"]) == (23, 92)
    assert body["interpretation"]["band"]["code"] == "good"


def test_the_sickness_worked_example(client):
    # First day of absence Mon 6 Jan 2025; visitation 20 Jan 2025, after category 3 ended.
    answer = client.post("/sickness/category", json=OPERATION["sickness-category"].example())

    assessment = answer.json()["assessment"]
    assert assessment["category"] == "kategori_2"
    assert assessment["eight_week_limit"] == "2025-03-02"
    assert "sickness.cross_disciplinary_possible" in [r["code"] for r in assessment["reasons"]]


def test_a_check_over_http_is_the_library_s_check(client):
    pathways = halsnaes_pathways()
    on = dt.date(2021, 12, 31)
    body = {
        "on": on.isoformat(),
        "protocol": "halsnaes",
        "pathways": [to_dict(p) for p in pathways],
    }

    answer = client.post("/check", json=body)

    assert answer.json()["report"] == to_dict(check(pathways, PROTOCOLS["halsnaes"], on=on))


def test_a_protocol_document_checks_as_the_shipped_protocol(client):
    pathways = [to_dict(p) for p in halsnaes_pathways()[:12]]
    document = client.get("/protocols/halsnaes").json()
    named = {"on": "2021-12-31", "protocol": "halsnaes", "pathways": pathways}
    posted = {"on": "2021-12-31", "protocol_document": document, "pathways": pathways}

    assert client.post("/check", json=posted).json() == client.post("/check", json=named).json()


def test_a_check_names_one_protocol_exactly(client):
    both = {"protocol": "halsnaes", "protocol_document": to_dict(PROTOCOLS["halsnaes"])}
    for body in ({"pathways": []}, {**both, "pathways": []}):
        answer = client.post("/check", json=body)
        assert answer.status_code == 422
        assert answer.json()["errors"][0]["path"] == "protocol"


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(citizen=hs.citizens(), on=hs.dates())
def test_classify_over_http_is_classify_in_process(client, citizen, on):
    answer = client.post("/classify", json={"on": on.isoformat(), "citizen": to_dict(citizen)})

    assert answer.json()["assessment"] == to_dict(classify(citizen, on=on))
    assert from_dict(answer.json()["assessment"], DOCUMENTS["assessment"]) == classify(
        citizen, on=on
    )


def test_the_day_left_out_is_the_pinned_day_and_the_answer_says_so(client, on_the_clock):
    asked = client.post("/benefits", json={"on": "2024-06-30"}).json()
    pinned = client.post("/benefits", json={}).json()
    clock = on_the_clock.post("/benefits", json={}).json()

    assert (asked["on"], asked["on_from"]) == ("2024-06-30", "request")
    assert (pinned["on"], pinned["on_from"]) == ("2026-12-04", "server")
    assert (clock["on"], clock["on_from"]) == ("2027-03-01", "clock")


@pytest.mark.parametrize("operation", [op for op in OPERATIONS if op.dated], ids=lambda o: o.id)
def test_every_dated_operation_says_which_day_it_used(client, operation):
    example = {k: v for k, v in operation.example().items() if k != "on"}

    answer = send(client, operation, example)

    assert (answer.json()["on"], answer.json()["on_from"]) == ("2026-12-04", "server")


def test_undated_operations_say_no_day(client):
    for operation in OPERATIONS:
        if not operation.dated:
            assert "on_from" not in send(client, operation).json()


@given(st.sampled_from(sorted(PROTOCOLS)))
@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_shipped_protocol_reads_back_from_its_document(client, pid):
    document = client.get(f"/protocols/{pid}").json()

    assert from_dict(document, DOCUMENTS["protocol"]) == PROTOCOLS[pid]


def test_the_schemas_are_the_library_s(client):
    assert client.get("/schemas").json() == {"schemas": list(DOCUMENTS)}
    assert client.get("/schemas/pathway").json() == json_schema("pathway")


def test_the_health_check(client):
    assert client.get("/health").json()["status"] == "ok"


def test_a_catalogue_posted_is_used_instead_of_the_example(client):
    catalogue = to_dict(example_catalogue())
    catalogue["name"] = "Min Kommune"
    catalogue["offers"] = catalogue["offers"][:2]

    answer = client.post("/catalogue/coverage", json={"catalogue": catalogue}).json()

    assert answer["catalogue"] == "Min Kommune"
    assert sorted(
        {o for ids in answer["coverage"]["by_task_type"].values() for o in ids}
    ) == sorted(o["id"] for o in catalogue["offers"])


def test_the_aalborg_referrals_over_http_are_the_published_table_2(client):
    # AALBORG2019 tabel 2: 72, 48, 27, 10 and 9 referrals, 166 in all.
    body = {
        "pathways": [to_dict(p) for p in aalborg_pathways()],
        "from": AALBORG_PERIOD.start.isoformat(),
        "to": AALBORG_PERIOD.end.isoformat(),
    }

    table = client.post("/reports/referrals", json=body).json()["table"]

    assert [tuple(row[:2]) for row in table["rows"][:-1]] == list(REFERRALS_BY_DESTINATION.items())
    assert table["rows"][-1][1] == 166


def test_a_unit_listed_twice_is_refused_not_counted_twice(client):
    body = {"pathways": [to_dict(p) for p in aalborg_pathways()[:5]], "units": ["A", "B", "A"]}

    answer = client.post("/reports/conversations", json=body)

    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {
            "detail": "is listed twice; a unit is counted once",
            "path": "units[2]",
            "pointer": "#/units/2",
        }
    ]


def test_a_period_from_the_log_is_named_when_it_is_wrong(client):
    pathways = [to_dict(p) for p in aalborg_pathways()[:5]]

    early = client.post("/reports/referrals", json={"pathways": pathways, "to": "2000-01-01"})
    late = client.post("/reports/referrals", json={"pathways": pathways, "from": "2100-01-01"})

    assert early.json()["errors"][0]["detail"] == "must not be before the first event's day"
    assert late.json()["errors"][0]["detail"] == "must not be after the last event's day"


def test_stale_counts_calendar_months_to_the_day(client):
    # On 31 March 2026 one month back is 28 February 2026 (February is shorter): an offer last
    # reviewed that day is exactly a month old, one reviewed the day before is stale.
    catalogue = to_dict(example_catalogue())
    first, second = catalogue["offers"][:2]
    catalogue["offers"] = [
        {**first, "last_reviewed": "2026-02-28"},
        {**second, "last_reviewed": "2026-02-27"},
    ]
    body = {"on": "2026-03-31", "months": 1, "catalogue": catalogue}

    answer = client.post("/catalogue/stale", json=body).json()

    assert [o["id"] for o in answer["offers"]] == [second["id"]]


def test_match_lists_at_most_what_is_asked(client):
    example = OPERATION["catalogue-match"].example()

    one = client.post("/catalogue/match", json={**example, "most": 1}).json()["matches"]
    default = client.post("/catalogue/match", json={**example}).json()["matches"]

    assert len(one) == 1
    assert one[0] == default[0]
    assert [m["score"] for m in default] == sorted((m["score"] for m in default), reverse=True)


def test_alcohol_audit_c_and_audit_worked_by_hand(client):
    # Guidance from 2022 (SST alcohol guidance): at most 10 units a week; 12 is above it.
    alcohol = client.post("/screening/alcohol", json={"on": "2026-12-04", "answers": [12, 4]})
    # AUDIT-C (AUDITC): 2 + 1 + 0 = 3, a positive screen for a woman (cut-off 3).
    audit_c = client.post(
        "/screening/audit-c", json={"on": "2026-12-04", "answers": [2, 1, 0], "sex": "kvinde"}
    )
    # AUDIT (AUDIT2001): 2 + 1 + 1 = 4 of 40, below 8: zone 1.
    audit = client.post(
        "/screening/audit", json={"on": "2026-12-04", "answers": [2, 1, 1, 0, 0, 0, 0, 0, 0, 0]}
    )

    assert alcohol.json()["intake"] == {"per_week": 12, "most_in_a_day": 4}
    assert alcohol.json()["reading"]["above_limit"] is True
    assert (audit_c.json()["score"]["total"], audit_c.json()["interpretation"]["band"]["code"]) == (
        3,
        "positive",
    )
    assert (audit.json()["score"]["total"], audit.json()["interpretation"]["band"]["code"]) == (
        4,
        "zone_1",
    )


def test_may_disclose_and_audit_of_a_logged_consent(client):
    # halsnaes-04 consented to coordination before the health department disclosed health
    # information to the job centre on 27 August 2019.
    decision = client.post("/may-disclose", json=OPERATION["may-disclose"].example()).json()
    audit = client.post("/audit", json={"pathway": OPERATION["may-disclose"].example()["pathway"]})

    assert decision["decision"]["allowed"] is True
    assert decision["decision"]["consent"] is not None
    assert [e["decision"]["allowed"] for e in audit.json()["audit"]["on_consent"]] == [True]


def test_a_withdrawal_wins_over_http(client):
    pathway = OPERATION["may-disclose"].example()["pathway"]
    withdrawal = {
        "event": "samtykke_tilbagekaldt",
        "citizen_id": "halsnaes-04",
        "occurred_on": "2019-08-28",
        "recorded_by": "sundhed",
        "to": "jobcenter",
        "purpose": "koordinering",
    }
    pathway = {**pathway, "events": [*pathway["events"], withdrawal]}
    body = {**OPERATION["may-disclose"].example(), "pathway": pathway, "on": "2019-08-28"}

    answer = client.post("/may-disclose", json=body)

    assert answer.status_code == 200, answer.text
    assert answer.json()["decision"]["allowed"] is False


def test_the_caseworker_right_follows_the_funding_basis(client):
    # SST2019 4.1, fn. 7: activity-ready cash benefit recipients have the right; flex-job
    # unemployment benefit (the example citizen's) is not among those the footnote names.
    example = OPERATION["caseworker-right"].example()
    cash = {**example["citizen"], "benefit": "kontanthjaelp_aktivitetsparat"}

    flex = client.post("/caseworker-right", json={**example, "on": "2024-06-01"}).json()
    activity_ready = client.post(
        "/caseworker-right", json={"on": "2024-06-01", "citizen": cash}
    ).json()

    assert (flex["right"]["right"], activity_ready["right"]["right"]) == (False, True)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"on": "2026-12-04"}, "on: must be a date"),
        ({"max_body": 10}, "max_body: must be 1024 or more"),
        ({"max_body": 2**31}, "max_body: must be 1073741824 or fewer"),
    ],
)
def test_settings_are_checked_when_made(settings, message):
    with pytest.raises(ValidationError) as caught:
        Settings(**settings)

    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"HELHED_SERVE_ON": "2026-02-30"}, "HELHED_SERVE_ON: is not a calendar date"),
        ({"HELHED_SERVE_MAX_BODY": "²"}, "HELHED_SERVE_MAX_BODY: must be a whole number of bytes"),
        ({"HELHED_SERVE_MAX_BODY": "0"}, "HELHED_SERVE_MAX_BODY.max_body: must be 1024 or more"),
    ],
)
def test_the_environment_of_workers_is_checked(monkeypatch, environment, message):
    for name, text in environment.items():
        monkeypatch.setenv(name, text)

    with pytest.raises(ValidationError) as caught:
        from_environment()

    assert str(caught.value) == message


def test_the_description_is_a_fresh_copy_each_time():
    first = openapi()
    first["paths"].clear()

    assert openapi()["paths"]


def test_a_huge_intake_is_written_so_helhed_reads_it_back(client):
    answer = client.post("/screening/alcohol", json={"on": "2026-12-04", "answers": [1e300]})

    assert answer.status_code == 200
    assert b"e+300" in answer.content
    assert parse_json(answer.content)["intake"]["per_week"] == 1e300


def test_a_calls_repr_hides_the_request_fields():
    call = Call(fields={"answers": (5, 3, 5, 5, 5)}, params={"id": "halsnaes"})

    assert repr(call) == "Call(fields=<sensitive>, params=FrozenMap({'id': 'halsnaes'}), on=None)"
