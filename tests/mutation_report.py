"""The score of `make mutate`: killed mutants per core rule module, against the 90 % bar.

Reads what mutmut 3 left in ``mutants/`` (one ``.meta`` file per mutated source file) and the
table of equivalent mutants in docs/testing.md, between the ``equivalent mutants`` markers:
mutants that change no behaviour a caller could see, so no test can kill them. The score of a
module is its killed mutants over its mutants that are not equivalent; a mutant that timed out
counts as killed (the tests noticed), one that no test reached as survived.

Run from the repository root after ``mutmut run``: ``python tests/mutation_report.py``. Exit
status 1 when a module scores under the bar, or a mutant listed in the docs as equivalent no
longer exists or was killed (then the listing is wrong). ``--left MODULE`` (e.g.
``helhed/sickness.py``) prints the diff of each mutant of that module that is neither killed
nor listed as equivalent.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

BAR = 90.0
"""The least share of non-equivalent mutants a module's tests must kill, in per cent."""

DOCS = Path("docs/testing.md")
_BEGIN = "<!-- equivalent mutants: begin -->"
_END = "<!-- equivalent mutants: end -->"
_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|")

# mutmut's exit codes (mutmut/stats.py): 1 and 3 killed, 0 survived, 33 and 5 no tests,
# 36, 24, -24, 152 and 255 timeout, 34 skipped, 37 caught by the type check.
_KILLED = {1, 3, 36, 24, -24, 152, 255, 37}
_SURVIVED = {0, 5, 33}


def equivalent(docs: Path = DOCS) -> set[str]:
    """The mutant names listed as equivalent in the docs table."""
    text = docs.read_text(encoding="utf-8")
    table = text.split(_BEGIN, 1)[1].split(_END, 1)[0]
    return {m.group(1) for line in table.splitlines() if (m := _ROW.match(line))}


def outcomes(root: Path = Path("mutants")) -> dict[str, dict[str, int | None]]:
    """Exit code by mutant name, by module path (``helhed/screening/who5.py``)."""
    found = {}
    for meta in sorted(root.glob("src/**/*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            found[str(meta.relative_to(root / "src"))[: -len(".meta")]] = codes
    return found


def report(found: dict[str, dict[str, int | None]], listed: set[str]) -> tuple[list[str], bool]:
    """Lines of the report and whether every module meets the bar."""
    ok = True
    lines = [f"{'module':<34} {'mutants':>7} {'killed':>6} {'equiv.':>6} {'left':>5} {'score':>7}"]
    seen: set[str] = set()
    for module, codes in found.items():
        tally: Counter[str] = Counter()
        for name, code in codes.items():
            if name in listed and code not in _KILLED:
                tally["equivalent"] += 1
                seen.add(name)
            elif code in _KILLED:
                tally["killed"] += 1
            elif code in _SURVIVED:
                tally["survived"] += 1
            else:
                tally["unchecked"] += 1
        counted = len(codes) - tally["equivalent"]
        score = 100.0 * tally["killed"] / counted if counted else 100.0
        met = score >= BAR and not tally["unchecked"]
        ok &= met
        lines.append(
            f"{module:<34} {len(codes):>7} {tally['killed']:>6} {tally['equivalent']:>6} "
            f"{tally['survived'] + tally['unchecked']:>5} {score:>6.1f}% "
            + ("met" if met else "NOT MET")
        )
    stale = sorted(listed - seen)
    if stale:
        ok = False
        lines.append(
            f"{len(stale)} mutants listed as equivalent in {DOCS} are gone or killed: "
            + ", ".join(stale)
        )
    lines.append(f"bar: {BAR:.0f}% of non-equivalent mutants killed in every module")
    return lines, ok


def left(module: str) -> list[str]:
    """The diff of each mutant of ``module`` neither killed nor listed as equivalent."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant  # noqa: PLC0415 - make mutate's

    listed = equivalent()
    codes = outcomes().get(module, {})
    path = Path("src") / module
    return [
        f"# {name}\n{get_diff_for_mutant(name, path=path)}\n"
        for name, code in codes.items()
        if name not in listed and code not in _KILLED
    ]


def main() -> int:
    if sys.argv[1:2] == ["--left"] and len(sys.argv) == 3:
        sys.stdout.write("\n".join(left(sys.argv[2])) + "\n")
        return 0
    lines, ok = report(outcomes(), equivalent())
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
