"""``helhed serve``: the command, its options, and a real server started and stopped."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from helhed.cli import main
from helhed.server import openapi
from test_cli_errors import refused, run

HELHED = Path(sys.executable).with_name("helhed")


def test_openapi_prints_the_description(capsys):
    code, out, _ = run(capsys, ["serve", "--openapi"])

    assert code == 0
    assert json.loads(out) == openapi()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--port", "0"], "--port must be from 1 to 65,535, not 0"),
        (["--workers", "0"], "--workers must be from 1 to 64, not 0"),
        (["--max-body", "10"], "--max-body must be from 1,024 to 1,073,741,824, not 10"),
        (["--on", "2026-13-01"], "serve: argument --on: must be a date written YYYY-MM-DD"),
        (["--indent", "2"], "--indent is for --openapi, which prints the description"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(capsys, argv, message):
    assert refused(capsys, ["serve", *argv]) == f"helhed: error: {message}"


def test_without_the_extra_it_says_what_to_install(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)

    assert refused(capsys, ["serve"]) == (
        "helhed: error: helhed serve needs the server extra: pip install 'helhed[server]'"
    )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_helhed_serve_answers_logs_without_bodies_and_stops():
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELHED_SERVE_")}
    server = subprocess.Popen(  # noqa: S603 - this environment's helhed on fixed arguments
        [HELHED, "serve", "--port", str(port), "--on", "2026-12-04"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{url}/health")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "helhed serve did not start"
                time.sleep(0.1)
        answer = httpx.post(f"{url}/screening/who5", json={"answers": [5, 3, 5, 5, 5]}).json()
    finally:
        server.send_signal(signal.SIGINT)
        _, log = server.communicate(timeout=20)

    assert (answer["on"], answer["on_from"], answer["score"]["scaled"]) == (
        "2026-12-04",
        "server",
        92,
    )
    assert server.returncode == 0
    access = [line for line in log.splitlines() if " helhed.server " in line]
    assert [line.split(" helhed.server ")[1].split(" in=")[0] for line in access] == [
        "GET /health 200",
        "POST /screening/who5 200",
    ]
    assert "5, 3" not in log
    assert "[5,3" not in log
    assert "Traceback" not in log


def test_main_needs_no_server_to_build_its_parser():
    assert main(["serve", "--openapi", "--indent", "1"]) == 0
