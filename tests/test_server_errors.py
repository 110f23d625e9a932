"""Refusals over HTTP: problem details with their paths, never a 5xx, no health value anywhere."""

from __future__ import annotations

import copy
import functools
import json
import logging
import random
import socket
import time

import httpx
import jsonschema
import pytest

from fuzzing import NASTY, NASTY_BYTES, NASTY_VALUES, mutate_bytes, replace_somewhere
from helhed.examples import demo_cohort
from helhed.serialization import to_dict
from helhed.server import OPERATIONS, Settings, openapi
from helhed.server.local import serving
from helhed.server.problems import MEDIA_TYPE

LIMIT = 64 * 1024
POSTS = [op for op in OPERATIONS if op.method == "POST"]


@pytest.fixture(scope="module")
def client():
    with serving(Settings(max_body=LIMIT)) as url, httpx.Client(base_url=url, timeout=30) as c:
        yield c


@functools.cache
def problem_validator():
    return jsonschema.Draft202012Validator({**openapi(), "$ref": "#/components/schemas/Problem"})


def refused(answer, status):
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == MEDIA_TYPE
    body = answer.json()
    problem_validator().validate(body)
    assert body["status"] == status
    return body


def post(client, path, content, content_type="application/json"):
    return client.post(path, content=content, headers={"content-type": content_type})


def test_not_json_is_400_with_where(client):
    body = refused(post(client, "/classify", b'{"citizen": '), 400)

    assert body["errors"] == [
        {"detail": "is not valid JSON (line 1, column 13)", "path": "", "pointer": "#"}
    ]


def test_bytes_that_are_not_utf8_are_400(client):
    body = refused(post(client, "/classify", b'{"on": "\xff"}'), 400)

    assert body["errors"][0]["detail"] == "is not UTF-8 text: byte 8 cannot be read"


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"[" * 65 + b"]" * 65, "nests arrays and objects more than 64 deep"),
        (b'{"most": 1' + b"0" * 120 + b"}", "must be a number of at most 100 digits"),
        (b'{"most": NaN}', "must be a finite number"),
    ],
)
def test_what_the_reader_refuses_is_400(client, content, detail):
    body = refused(post(client, "/catalogue/match", content), 400)

    assert body["errors"][0]["detail"].startswith(detail)


def test_wrong_fields_are_422_each_with_its_path_and_pointer(client):
    citizen = to_dict(demo_cohort(1)[0])
    citizen["benefit"] = 7
    body = {"on": "2026-02-30", "citizen": citizen, "colour": "blue"}

    problem = refused(client.post("/classify", json=body), 422)

    assert problem["errors"] == [
        {
            "detail": "is not a field of this request; expected on, citizen",
            "path": "colour",
            "pointer": "#/colour",
        },
        {"detail": "is not a calendar date", "path": "on", "pointer": "#/on"},
        {
            "detail": "must be a Benefit code (a string)",
            "path": "citizen.benefit",
            "pointer": "#/citizen/benefit",
        },
    ]


def test_a_list_item_is_pointed_to_by_its_index(client):
    citizens = [to_dict(c) for c in demo_cohort(3)]
    del citizens[2]["id"]

    problem = refused(client.post("/classify/many", json={"citizens": citizens}), 422)

    assert [(e["path"], e["pointer"]) for e in problem["errors"]] == [
        ("citizens[2].id", "#/citizens/2/id")
    ]


def test_a_missing_required_field_is_422(client):
    problem = refused(client.post("/screening/audit-c", json={"answers": [1, 1, 1]}), 422)

    assert problem["errors"] == [{"detail": "is required", "path": "sex", "pointer": "#/sex"}]


def test_a_day_before_known_law_is_422(client):
    body = {
        "on": "1900-01-01",
        "first_absence_day": "1900-01-01",
        "expected_full_recovery": "1900-05-01",
        "other_challenges": True,
    }

    problem = refused(client.post("/sickness/category", json=body), 422)

    assert problem["detail"] == (
        "sickness_categories: no rule for sdl_12 on 1900-01-01; "
        "the first rule takes effect on 2018-01-19"
    )


def test_an_unknown_path_or_protocol_is_404_and_a_wrong_method_405(client):
    refused(client.get("/nowhere"), 404)
    assert "halsnaes" in refused(client.get("/protocols/nowhere"), 404)["detail"]
    refused(client.get("/schemas/nowhere"), 404)
    answer = client.delete("/classify")
    refused(answer, 405)
    assert answer.headers["allow"] == "POST"


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "", "application/json; charset=latin-1"],
)
def test_a_body_not_sent_as_json_is_415(client, content_type):
    refused(post(client, "/classify", b"{}", content_type), 415)


def test_json_with_a_suffix_and_utf8_charset_is_read(client):
    answer = post(
        client, "/benefits", b'{"on": "2026-12-04"}', "application/vnd.x+json; charset=utf-8"
    )

    assert answer.status_code == 200


def test_a_body_over_the_limit_is_413_whether_declared_or_streamed(client):
    big = b'{"on": "' + b"x" * LIMIT + b'"}'
    refused(post(client, "/benefits", big), 413)

    def chunks():
        yield b'{"on": "'
        for _ in range(LIMIT // 1024 + 1):
            yield b"x" * 1024
        yield b'"}'

    streamed = client.post(
        "/benefits", content=chunks(), headers={"content-type": "application/json"}
    )
    refused(streamed, 413)


def corpus(operation, seed):
    """The fuzz corpus of one operation: each kind the issue names, and mutations of its example."""
    example = operation.example()
    rnd = random.Random(seed)  # noqa: S311 - fuzzing
    yield b""
    yield b"not json"
    yield b"[" * 100 + b"]" * 100
    yield b'{"on": ' + b"9" * 4000 + b"}"
    yield json.dumps({**example, "unknown": 1}).encode()
    yield json.dumps(["a list", "not an object"]).encode()
    for nasty in NASTY:
        yield nasty.encode("utf-8", "surrogatepass")
    for raw in NASTY_BYTES:
        yield raw + json.dumps(example).encode()
    for key in example:
        for value in NASTY_VALUES:
            yield json.dumps({**example, key: value}).encode()
    for _ in range(40):
        yield json.dumps(replace_somewhere(rnd, copy.deepcopy(example))).encode()
    text = json.dumps(example).encode()
    for _ in range(20):
        yield mutate_bytes(rnd, text)


@pytest.mark.parametrize("operation", POSTS, ids=lambda op: op.id)
def test_no_input_gives_a_5xx(client, operation):
    sent = 0
    for content in corpus(operation, seed=len(operation.id)):
        answer = post(client, operation.path, content)
        sent += 1
        assert answer.status_code < 500, (content[:200], answer.text)
        if answer.status_code >= 400:
            refused(answer, answer.status_code)
    assert sent > 100


MARKER = "sygdomsmarkør-4711"


def test_no_health_value_reaches_an_error_or_the_log(client, caplog):
    citizen = to_dict(demo_cohort(1)[0])
    citizen["health"] = {"sick_days": MARKER, "challenges": [MARKER], "mental": 987_654_321}
    answers = [987_654_321, MARKER, 5, 5, 5]
    bodies = [
        ("/classify", {"citizen": citizen}),
        ("/screening/who5", {"answers": answers}),
        ("/screening/alcohol", {"answers": [987_654_321.5, MARKER]}),
        ("/catalogue/match", {"citizen": citizen, "most": 987_654_321}),
    ]
    with caplog.at_level(logging.INFO, logger="helhed.server"):
        texts = [client.post(path, json=body).text for path, body in bodies]
        logged(caplog, len(bodies))

    for text in [*texts, caplog.text]:
        assert MARKER not in text
        assert "987654321" not in text
        assert "987,654,321" not in text
    assert all(json.loads(t)["status"] == 422 for t in texts)


def logged(caplog, count):
    """The server's log lines once there are ``count``: it logs a request after answering it."""
    deadline = time.monotonic() + 10
    while True:
        lines = [r.getMessage() for r in caplog.records if r.name == "helhed.server"]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.01)


def settled(client, caplog):
    """Wait until the lines of earlier tests' requests are written, then forget them."""
    with caplog.at_level(logging.INFO, logger="helhed.server"):
        client.get("/health")
        while not any(r.getMessage().startswith("GET /health") for r in caplog.records):
            time.sleep(0.01)
    caplog.clear()


def test_the_access_log_is_one_line_a_request_without_bodies(client, caplog):
    settled(client, caplog)
    with caplog.at_level(logging.INFO, logger="helhed.server"):
        client.post("/screening/who5", json={"answers": [5, 3, 5, 5, 5]})
        client.get("/protocols/halsnaes?token=abc")
        client.get("/nowhere/at/all")
        lines = logged(caplog, 3)

    assert len(lines) == 3
    assert lines[0].startswith("POST /screening/who5 200 in=")
    assert lines[1].startswith("GET /protocols/{id} 400 ")
    assert lines[2].startswith("GET - 404 ")
    assert not any("5, 3" in line or "abc" in line or "nowhere" in line for line in lines)


def test_a_query_string_is_refused_not_ignored(client):
    problem = refused(client.post("/benefits?on=2020-01-01", json={}), 400)

    assert problem["detail"] == "this service takes no query string; send the fields in the body"


def test_a_trailing_slash_is_not_redirected(client):
    answer = client.get("/protocols/", headers={"host": "elsewhere.example"})

    refused(answer, 404)
    assert "location" not in answer.headers


def test_an_unknown_path_parameter_is_not_repeated(client):
    problem = refused(client.get("/protocols/%00secret"), 404)

    assert "secret" not in problem["detail"]
    assert problem["detail"].startswith("unknown id; expected one of: koordinerende-sagsbehandler")


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json; charset=utf-8; boundary=x",
        "application/json;charset=UTF-8;",
        "application/json; version=2",
        "Application/JSON",
    ],
)
def test_json_with_other_parameters_is_read(client, content_type):
    assert post(client, "/benefits", b"{}", content_type).status_code == 200


def test_a_client_that_hangs_up_mid_body_is_no_defect(client, caplog):
    host, port = client.base_url.host, client.base_url.port
    settled(client, caplog)
    with caplog.at_level(logging.INFO, logger="helhed.server"):
        with socket.create_connection((host, port)) as raw:
            raw.sendall(
                b"POST /classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b'Content-Length: 1000\r\n\r\n{"on":'
            )
        deadline = time.monotonic() + 10
        while not any("/classify" in r.getMessage() for r in caplog.records):
            assert time.monotonic() < deadline
            time.sleep(0.01)

    lines = [r.getMessage() for r in caplog.records if r.name == "helhed.server"]
    assert [line.split(" in=")[0] for line in lines] == ["POST /classify 400"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_description_marks_the_health_fields_of_requests():
    def marked(path):
        body = openapi()["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        properties = body["schema"]["properties"]
        return sorted(k for k, v in properties.items() if v.get("x-helhed-sensitive"))

    assert marked("/screening/who5") == ["answers"]
    assert marked("/screening/audit-c") == ["answers", "sex"]
    assert marked("/sickness/category") == [
        "expected_full_recovery",
        "first_absence_day",
        "other_challenges",
    ]
