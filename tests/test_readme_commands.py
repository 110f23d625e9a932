"""The command lines of the README's "Command line" block run as written, in order.

Each line runs in a shell (``sh -c``), in one scratch folder, through the ``helhed`` installed
in the interpreter's environment (its folder first on ``PATH``), so a file an earlier line
writes with ``>`` is there for a later one. A line passes when it exits 0 with nothing on
standard error - or, for ``helhed check``, exits 1, as the README says it does when a finding
is an error (the Halsnæs example log has errors planted in it).

Left out or changed, and why:

- ``helhed serve`` serves until stopped; it runs as ``helhed serve --openapi``, which parses
  the same options and prints the description of what it would serve, then stops.
- The ``make demo`` and ``make test`` lines at the top of the README are not run: ``make
  test`` runs this test, and ``make demo`` is ``helhed demo``, which is run here (with its
  defaults it takes about 5 seconds).
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

README = pathlib.Path(__file__).parents[1] / "README.md"
BIN = pathlib.Path(sys.executable).parent
_BLOCK = re.compile(r"^## Command line\n\n```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
_LONG_RUNNING = {"helhed serve": "helhed serve --openapi"}
_EXIT_FINDINGS = 1


def command_lines() -> list[str]:
    """The lines of the README's block, with their ``#`` comments left to the shell."""
    (block,) = _BLOCK.findall(README.read_text(encoding="utf-8"))
    return [line for line in block.splitlines() if line.strip()]


def _runnable(line: str) -> str:
    command = line.partition("#")[0].strip()
    return _LONG_RUNNING.get(command, line)


def test_the_block_has_the_lines_the_issue_names() -> None:
    lines = [line.partition("#")[0].strip() for line in command_lines()]
    assert "helhed example citizens > citizens.json" in lines
    assert lines.index("helhed example citizens > citizens.json") < lines.index(
        "helhed classify citizens.json --on 2026-11-02"
    )
    assert lines.index("helhed example readiness > profile.json") < lines.index(
        "helhed readiness profile.json"
    )
    assert "helhed report aalborg.json" in lines  # no options: the log carries them
    assert len(lines) >= 20


def test_every_readme_command_line_runs_as_written_in_order(tmp_path: pathlib.Path) -> None:
    assert (BIN / "helhed").exists(), f"helhed is not installed beside {sys.executable}"
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "HELHED_LANG": "en"}  # the README shows English output
    outputs: dict[str, str] = {}
    for line in command_lines():
        command = _runnable(line)
        done = subprocess.run(  # noqa: S603 - our own README's lines
            ["/bin/sh", "-c", command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        expected = _EXIT_FINDINGS if command.startswith("helhed check ") else 0
        assert (done.returncode, done.stderr) == (expected, ""), command
        outputs[command.partition("#")[0].strip()] = done.stdout

    # What the lines are there to show.
    report = outputs["helhed report aalborg.json"]
    assert "Health conversations by unit, 2018-01-01 to 2019-02-28" in report
    assert "| Total | 179 | 366 | 2 | 166 |" in report
    assert "| Did not start | 25 | 31 |" in report
    assert "| Total | 80 | 100 |" in report
    assessments = json.loads(outputs["helhed classify citizens.json --on 2026-11-02"])
    assert len(assessments) == 20
    same = json.loads(outputs["helhed classify excel.json --encoding cp1252"])  # today, no --on
    assert [a["citizen_id"] for a in same] == [a["citizen_id"] for a in assessments]
    assert (
        outputs["helhed readiness profile.json"]
        .splitlines()[-1]
        .endswith("10 of 10 in place, ready")
    )
    checks = [out for command, out in outputs.items() if command.startswith("helhed check ")]
    assert len(checks) == 2
    assert checks[0] == checks[1]  # the shipped protocol and its own document agree
    assert json.loads(outputs["helhed serve --openapi"])["openapi"].startswith("3.")
    for name in ("citizens.json", "excel.json", "aalborg.json", "profile.json", "own.json"):
        assert (tmp_path / name).stat().st_size > 0, name


@pytest.mark.parametrize("line", command_lines())
def test_each_line_is_one_command_with_at_most_a_comment(line: str) -> None:
    command = line.partition("#")[0].strip()
    assert command.startswith(("helhed ", "iconv ")), line
    assert "[" not in command, "a usage synopsis, not a command line: " + line
