"""The documentation's examples run and print what the pages say.

Every ```pycon block of a page is run as a doctest, the blocks of one page sharing their
names in order. Every ```console block is replayed: ``$ cat FILE`` writes the shown text to a
scratch folder; ``$ helhed ...`` (fed by ``printf`` or piped into ``head -N``) runs the command
line there and must print exactly the text shown, standard error included; ``> FILE`` writes
what it prints to the file instead, and nothing is shown; ``echo $?`` shows the last exit code.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import pathlib
import re
import shlex

import pytest

from helhed.cli import main

ROOT = pathlib.Path(__file__).parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))
_BLOCK = re.compile(r"^```(pycon|console)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _name(page: pathlib.Path) -> str:
    return str(page.relative_to(ROOT / "docs"))


def _blocks(page: pathlib.Path, kind: str) -> list[str]:
    return [body for k, body in _BLOCK.findall(page.read_text(encoding="utf-8")) if k == kind]


def _commands(block: str) -> list[tuple[str, str]]:
    """Split a console block into (command, expected output) pairs."""
    pairs: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            pairs.append((line[2:].strip(), ""))
        else:
            command, output = pairs[-1]
            pairs[-1] = (command, output + line)
    return pairs


class _Shell:
    """Just enough of a shell for the pages' sessions: cat, printf | helhed, head, >, echo $?."""

    def __init__(self, folder: pathlib.Path) -> None:
        self.folder = folder
        self.status = 0

    def run(self, command: str, shown: str) -> str:
        if command.startswith("cat "):
            (self.folder / command.removeprefix("cat ")).write_text(shown, encoding="utf-8")
            return shown
        if command == "echo $?":
            return f"{self.status}\n"
        stdin = ""
        if command.startswith("printf "):
            feed, _, command = command.partition(" | ")
            (stdin,) = shlex.split(feed.removeprefix("printf "))
        target = None
        if " > " in command:
            command, _, target = command.partition(" > ")
        head = None
        if " | head -" in command:
            command, _, count = command.partition(" | head -")
            head = int(count)
        program, *args = shlex.split(command)
        assert program == "helhed", command
        out = io.StringIO()
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(out),
            pytest.MonkeyPatch.context() as patch,
        ):
            patch.setattr("sys.stdin", io.StringIO(stdin))
            self.status = main(args)
        if target is not None:
            (self.folder / target.strip()).write_text(out.getvalue(), encoding="utf-8")
            return ""
        lines = out.getvalue().splitlines(keepends=True)
        return "".join(lines[:head] if head is not None else lines)


@pytest.mark.parametrize("page", [p for p in PAGES if _blocks(p, "pycon")], ids=_name)
def test_console_examples_of_the_page_hold(page: pathlib.Path) -> None:
    source = "\n".join(_blocks(page, "pycon"))
    test = doctest.DocTestParser().get_doctest(source, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=_FLAGS)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.summarize(verbose=False).failed == 0, "".join(report[:1])


@pytest.mark.parametrize("page", [p for p in PAGES if _blocks(p, "console")], ids=_name)
def test_command_line_sessions_of_the_page_hold(
    page: pathlib.Path, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shell = _Shell(tmp_path)
    for block in _blocks(page, "console"):
        for command, shown in _commands(block):
            assert shell.run(command, shown) == shown, command


def test_the_pages_have_examples_to_check() -> None:
    assert sum(len(_blocks(p, "pycon")) for p in PAGES) >= 10
    assert sum(len(_blocks(p, "console")) for p in PAGES) >= 5
