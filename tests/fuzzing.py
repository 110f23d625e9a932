"""The fuzz tests' tally: how many inputs each reading test tried, and what each raised.

`make fuzz` prints it at the end of the run (see ``pytest_terminal_summary`` in conftest.py).
"""

from __future__ import annotations

from collections import Counter

TRIED: Counter[str] = Counter()
"""Inputs fed to a reader, by test."""

RAISED: Counter[str] = Counter()
"""What reading those inputs gave: ``read`` or the exception's class name."""


def record(test: str, outcome: str) -> None:
    """Count one input fed by ``test`` and its outcome."""
    TRIED[test] += 1
    RAISED[outcome] += 1


def summary() -> list[str]:
    """The tally as lines of text; empty when nothing was tried."""
    if not TRIED:
        return []
    lines = [f"reading fuzz: {sum(TRIED.values())} inputs tried"]
    lines += [f"  {test}: {n}" for test, n in sorted(TRIED.items())]
    lines.append("outcomes:")
    lines += [f"  {outcome}: {n}" for outcome, n in RAISED.most_common()]
    return lines
