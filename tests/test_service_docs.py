"""Every curl example of docs/service.md, sent to a running server, answers what the page shows."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
import shlex

import httpx
import jsonschema
import pytest

from helhed.server import Settings, openapi
from helhed.server.local import serving

PAGE = pathlib.Path(__file__).parents[1] / "docs" / "service.md"
EXAMPLE = re.compile(r"^```shell\n(curl .*?)^```\n\n```json\n(.*?)^```", re.MULTILINE | re.DOTALL)
STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


def examples():
    return [(m[1].replace("\\\n", " "), m[2]) for m in EXAMPLE.finditer(PAGE.read_text("utf-8"))]


def jq(data, path):
    """The value at a jq path of the simple kind the page uses: ``.a.b[0].c``."""
    assert "".join(m[0] for m in STEP.finditer(path)) == path, path
    for name, index in STEP.findall(path):
        data = data[name] if name else data[int(index)]
    return data


def request(command):
    """The method, URL, headers, body and jq filter of one curl command."""
    command, _, filtered = command.partition("| jq")
    words = shlex.split(command)
    assert words[:2] == ["curl", "-s"], words
    url = next(w for w in words if w.startswith("http"))
    headers = dict(words[i + 1].split(": ", 1) for i, w in enumerate(words) if w == "-H")
    body = next((words[i + 1] for i, w in enumerate(words) if w == "-d"), None)
    return url, headers, body, shlex.split(filtered)[0] if filtered else None


@pytest.fixture(scope="module")
def base():
    with serving(Settings(on=dt.date(2026, 12, 4))) as url:
        yield url


def test_the_page_has_its_examples():
    assert len(examples()) >= 6


@pytest.mark.parametrize(("command", "shown"), examples())
def test_a_curl_example_answers_what_the_page_shows(base, command, shown):
    url, headers, body, path = request(command)
    url = url.replace("http://127.0.0.1:8000", base)

    if body is None:
        answer = httpx.get(url, headers=headers)
    else:
        answer = httpx.post(url, content=body.encode(), headers=headers)

    data = answer.json()
    if answer.status_code == 200:
        route = url.removeprefix(base)
        described = openapi()["paths"].get(route)
        if described is not None:  # not a path with a parameter
            method = "get" if body is None else "post"
            pointer = (
                f"#/paths/{route.replace('/', '~1')}/{method}/responses/200/content/"
                "application~1json/schema"
            )
            jsonschema.Draft202012Validator({**openapi(), "$ref": pointer}).validate(data)
    else:
        problem = "#/components/schemas/Problem"
        jsonschema.Draft202012Validator({**openapi(), "$ref": problem}).validate(data)
    assert (jq(data, path) if path else data) == json.loads(shown)
