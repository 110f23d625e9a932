"""The mutation score's arithmetic (tests/mutation_report.py), on hand-made mutmut outcomes."""

import re

import mutation_report as mr

# mutmut's exit codes: 1 killed, 0 survived, 33 no tests, 36 timeout, None not yet checked.
M = "helhed.x.x_f__mutmut_"


def test_equivalent_mutants_leave_the_count_and_timeouts_count_as_killed():
    codes = {f"{M}{i}": 1 for i in range(1, 9)} | {f"{M}9": 36, f"{M}10": 0, f"{M}11": 0}
    lines, ok = mr.report({"helhed/x.py": codes}, {f"{M}11"})
    # 9 of the 10 mutants that are not equivalent are killed: 90.0 %, at the bar.
    assert lines[1].split() == ["helhed/x.py", "11", "9", "1", "1", "90.0%", "met"]
    assert ok


def test_a_module_under_the_bar_fails_and_no_tests_counts_as_left():
    codes = {f"{M}{i}": 1 for i in range(1, 9)} | {f"{M}9": 33, f"{M}10": 0}
    lines, ok = mr.report({"helhed/x.py": codes}, set())
    assert lines[1].split() == ["helhed/x.py", "10", "8", "0", "2", "80.0%", "NOT", "MET"]
    assert not ok


def test_an_unchecked_mutant_fails_the_module_whatever_its_score():
    codes = {f"{M}{i}": 1 for i in range(1, 100)} | {f"{M}100": None}
    lines, ok = mr.report({"helhed/x.py": codes}, set())
    assert lines[1].endswith("NOT MET")
    assert not ok


def test_an_equivalent_mutant_listed_but_gone_fails_the_report():
    lines, ok = mr.report({"helhed/x.py": {f"{M}1": 1}}, {f"{M}2"})
    assert (
        lines[-2] == f"1 mutants listed as equivalent in docs/testing.md are gone or killed: {M}2"
    )
    assert not ok


def test_a_mutant_listed_as_equivalent_but_killed_fails_the_report():
    lines, ok = mr.report({"helhed/x.py": {f"{M}1": 1, f"{M}2": 1}}, {f"{M}2"})
    assert lines[1].split() == ["helhed/x.py", "2", "2", "0", "0", "100.0%", "met"]
    assert lines[-2].endswith(f"are gone or killed: {M}2")
    assert not ok


def test_the_docs_list_each_equivalent_mutant_once_with_a_reason():
    text = mr.DOCS.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `helhed.")]
    names = mr.equivalent()
    assert len(rows) == len(names) > 0
    cells = [re.sub(r"`[^`]*`", "code", line).split("|") for line in rows]  # bars in code stay
    assert all(len(row) == 4 and len(row[2].strip()) > 20 for row in cells)
