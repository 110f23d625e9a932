"""``helhed test [FILES...]``: run scenario files and show where helhed's answer differs.

With no file it runs the scenario files shipped with helhed. Exit 0 when every scenario gives
its expected answer, with a one-line summary; 1 when one does not, with a unified diff per
failing scenario (``-`` expected, ``+`` found) before the summary; 2 for a file that cannot be
read, in one line naming the file and the path in it.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from helhed.cli._common import ENCODING_HELP
from helhed.errors import Problem, ValidationError
from helhed.language import pick
from helhed.testing.scenarios import (
    Outcome,
    Scenario,
    load_scenarios,
    outcomes,
    shipped_scenario_files,
    summary,
)

__all__ = ["add_command", "test_command"]

_EXIT_MISMATCH = 1


def add_command(sub: Any) -> None:
    """Register ``helhed test`` on the subcommand parsers ``sub``."""
    tst = sub.add_parser("test", help="run scenario files (default: those shipped with helhed)")
    tst.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="scenario files, TOML (.toml) or JSON (any other name); none: the shipped ones",
    )
    tst.add_argument("--encoding", help=ENCODING_HELP)
    tst.set_defaults(run=test_command)


def test_command(args: argparse.Namespace, out: TextIO) -> int:
    """Load every file first (any problem stops with exit 2), then run every scenario."""
    if args.files:
        named = [(path, path) for path in args.files]
    else:
        named = [(str(p), f"helhed/scenarios/{p.name}") for p in shipped_scenario_files()]
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    for path, name in named:
        try:
            scenarios.extend(load_scenarios(path, encoding=args.encoding, name=name))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    results = outcomes(scenarios)
    for result in results:
        if not result.passed:
            failed = pick(args.lang, "FEJLET", "FAILED")
            out.write(f"{failed} {_label(result)}\n{result.diff()}\n\n")
    out.write(summary(results, len(named), lang=args.lang) + "\n")
    return 0 if all(r.passed for r in results) else _EXIT_MISMATCH


def _label(result: Outcome) -> str:
    scenario = result.scenario
    return f"{scenario.file}::{scenario.name}"
