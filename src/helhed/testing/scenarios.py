"""Scenario tests as documents: cases with the answer helhed must give, run by ``helhed test``.

A scenario file (TOML, or the same structure in JSON) holds ``[[scenario]]`` tables. Each
names a day (``on``) and either

* a ``citizen`` (the fields of a citizen document) with the expected target group
  (``expect.group``, a ``RiskGroup`` code or ``"ingen"`` for none) and/or the expected
  reason codes (``expect.reasons``, in the order
  [`classify`][helhed.target_groups.classify] gives them), or
* a pathway: ``events`` (each as in a pathway document, its kind under ``"event"``) with the
  expected findings of a shipped ``protocol`` (``expect.findings``: rule ids, or tables with
  ``rule`` and optionally the ``events`` positions and ``dates`` that pin a finding down;
  compared as a multiset, so an empty list means no finding) and/or answers to
  [`may_disclose`][helhed.pathways.consent.may_disclose] (``expect.may_disclose``).

The citizen and the pathway are read by the one converter of
[`helhed.serialization`][helhed.serialization] as documents of the file's
``schema_version``; a TOML date or time becomes the ``YYYY-MM-DD`` or ``HH:MM:SS`` text that
converter reads. Every problem of a file is reported by path (``scenario[3].events[2].
occurred_on: ...``) in one [`ValidationError`][helhed.errors.ValidationError]. The format is
helhed's own, after the YAML tests of OpenFisca's country packages; docs/scenarios.md shows
it.

Examples:
    >>> text = '''
    ... schema_version = 3
    ... [[scenario]]
    ... name = "takket ja, men ikke kontaktet inden for en uge"
    ... on = 2024-03-31
    ... protocol = "halsnaes"
    ... expect.findings = ["halsnaes.contact_within_week"]
    ... [[scenario.events]]
    ... event = "henvist"
    ... occurred_on = 2024-03-04
    ... recorded_by = "jobcenter"
    ... referral_id = "r-1"
    ... offer = "afklarende sundhedssamtale"
    ... to = "sundhed"
    ... voluntary = true
    ... [[scenario.events]]
    ... event = "henvisning_accepteret"
    ... occurred_on = 2024-03-04
    ... recorded_by = "sundhed"
    ... referral_id = "r-1"
    ... '''
    >>> (scenario,) = read_scenarios(text, "toml")
    >>> run_scenario(scenario).passed
    True
    >>> import attrs
    >>> wrong = attrs.evolve(scenario, findings=(ExpectedFinding(rule="halsnaes.voluntary"),))
    >>> print(run_scenario(wrong).diff())
    --- expected
    +++ found
    @@ -1 +1 @@
    -finding: halsnaes.voluntary
    +finding: halsnaes.contact_within_week events=[1] dates=[2024-03-04, 2024-03-11]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from helhed._reading import loads_toml, text_of
from helhed._validation import Checker, items_of
from helhed.errors import Problem, ValidationError, require
from helhed.language import Language, LanguageLike, as_language
from helhed.pathways.compliance import check
from helhed.pathways.consent import may_disclose
from helhed.rules import Finding
from helhed.serialization import parse_json
from helhed.target_groups import classify
from helhed.testing._scenario_reader import Reader, plain
from helhed.testing._scenario_values import (
    NO_GROUP,
    Disclosure,
    ExpectedFinding,
    Outcome,
    Scenario,
    finding_line,
)

__all__ = [
    "NO_GROUP",
    "PATTERNS",
    "Disclosure",
    "ExpectedFinding",
    "Outcome",
    "Scenario",
    "load_scenarios",
    "outcomes",
    "read_scenarios",
    "run_scenario",
    "shipped_scenario_files",
    "summary",
]

PATTERNS = ("*.scenarios.toml", "*.scenarios.json")
"""The file names the pytest plugin collects, and those ``helhed test`` runs when shipped."""

Format = Literal["toml", "json"]


def run_scenario(scenario: Scenario) -> Outcome:
    """Run ``scenario``: classify its citizen or check its pathway, on its day.

    Raises:
        ValidationError: If ``scenario`` is not a Scenario.
    """
    require(scenario, Scenario, "scenario", "must be a Scenario")
    expected: list[str] = []
    found: list[str] = []
    if scenario.citizen is not None:
        assessment = classify(scenario.citizen, on=scenario.on)
        if scenario.group is not None:
            expected.append(f"group: {scenario.group}")
            group = assessment.group
            found.append(f"group: {group.code if group is not None else NO_GROUP}")
        if scenario.reasons is not None:
            expected.extend(f"reason: {code}" for code in scenario.reasons)
            found.extend(f"reason: {reason.code}" for reason in assessment.reasons)
    if scenario.pathway is not None:
        if scenario.protocol is not None and scenario.findings is not None:
            report = check([scenario.pathway], scenario.protocol, on=scenario.on)
            wanted, got = _finding_lines(scenario.findings, report.findings)
            expected.extend(wanted)
            found.extend(got)
        for question in scenario.disclosures:
            decision = may_disclose(
                scenario.pathway,
                question.category,
                to=question.to,
                on=scenario.on,
                purpose=question.purpose,
                source=question.source,
            )
            expected.append(question.line(question.answer))
            found.append(question.line(decision.allowed))
    return Outcome(scenario=scenario, expected=tuple(expected), found=tuple(found))


def _finding_lines(
    expected: Sequence[ExpectedFinding], found: Sequence[Finding]
) -> tuple[list[str], list[str]]:
    """Both sides as sorted lines; a found finding matched to an expectation reads as it."""
    match = _matching(expected, found)
    found_lines = [
        expected[match[j]].line()
        if j in match
        else finding_line(finding.rule_id, finding.events, finding.dates)
        for j, finding in enumerate(found)
    ]
    return sorted(e.line() for e in expected), sorted(found_lines)


def _matching(expected: Sequence[ExpectedFinding], found: Sequence[Finding]) -> dict[int, int]:
    """A largest matching of found findings to expectations: found index -> expected index.

    Augmenting paths (Kuhn's algorithm), so that an expectation pinned to its events never
    takes the one finding a looser expectation could have had.
    """
    owner: dict[int, int] = {}

    def place(e: int, seen: set[int]) -> bool:
        for j, finding in enumerate(found):
            if j in seen or not expected[e].matches(finding):
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = e
                return True
        return False

    for e in range(len(expected)):
        place(e, set())
    return owner


def shipped_scenario_files() -> tuple[Path, ...]:
    """The scenario files shipped with helhed (``helhed/scenarios``), sorted by name."""
    folder = Path(str(resources.files("helhed") / "scenarios"))
    return tuple(sorted(p for pattern in PATTERNS for p in folder.glob(pattern) if p.is_file()))


def load_scenarios(
    path: str | Path, *, encoding: str | None = None, name: str | None = None
) -> tuple[Scenario, ...]:
    """Read the scenarios of a file; ``.toml`` is read as TOML, any other name as JSON.

    ``name`` is how messages and outcomes name the file (default: ``path`` as given).

    Raises:
        ValidationError: Every problem of the file, each by its path in the file, after the
            file's name; or the file's name and why it cannot be read.
    """
    require(path, (str, Path), "path", "must be a file's path")
    require(encoding, (str, type(None)), "encoding", "must be an encoding's name or None")
    require(name, (str, type(None)), "name", "must be a string or None")
    name = str(path) if name is None else name
    try:
        with Path(path).open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ValidationError.at(name, exc.strerror or "cannot be read") from None
    kind: Format = "toml" if str(path).endswith(".toml") else "json"
    try:
        return read_scenarios(
            text_of(data, encoding=encoding), kind, file=name, folder=Path(path).parent
        )
    except ValidationError as exc:
        raise _in_file(exc, name) from None


def _in_file(error: ValidationError, name: str) -> ValidationError:
    """``error`` with the file's name before every path."""
    return ValidationError(
        Problem(f"{name}: {p.path}" if p.path else name, p.message) for p in error.problems
    )


def read_scenarios(
    text: str, kind: Format, *, file: str = "", folder: str | Path | None = None
) -> tuple[Scenario, ...]:
    """Read the scenarios of a document given as TOML or JSON text.

    A scenario's ``protocol_file`` is read relative to ``folder`` (default: the working
    directory); [`load_scenarios`][helhed.testing.scenarios.load_scenarios] passes the
    scenario file's own folder.

    Raises:
        ValidationError: Every problem, each by its path (``scenario[3].events[2].at``).
    """
    require(text, str, "text", "must be a string")
    require(file, str, "file", "must be a string")
    require(folder, (str, Path, type(None)), "folder", "must be a folder's path or None")
    if kind not in {"toml", "json"}:
        raise ValidationError.at("kind", "must be 'toml' or 'json'")
    if kind == "toml":
        data: Any = plain(loads_toml(text))
    else:
        data = parse_json(text)
    return Reader(file, None if folder is None else Path(folder)).document(data)


def outcomes(scenarios: Iterable[Scenario]) -> tuple[Outcome, ...]:
    """Run every scenario, in order.

    Raises:
        ValidationError: If ``scenarios`` is not a collection of Scenario.
    """
    return tuple(run_scenario(s) for s in items_of(scenarios, Scenario, "scenarios"))


def summary(results: Sequence[Outcome], files: int, *, lang: LanguageLike = Language.EN) -> str:
    """One line: how many scenarios in how many files, how many passed and failed, in ``lang``.

    Raises:
        ValidationError: If ``results`` is not a collection of Outcome, ``files`` not a
            whole number of 0 or more, or ``lang`` not a language.
    """
    results = items_of(results, Outcome, "results")
    check = Checker()
    check.whole(files, "files")
    check.done()
    failed = sum(not r.passed for r in results)
    if as_language(lang) is Language.DA:
        return (
            f"{len(results)} scenarie{'r' if len(results) != 1 else ''} i {files} "
            f"fil{'er' if files != 1 else ''}: "
            f"{len(results) - failed} bestået, {failed} fejlet"
        )
    return (
        f"{len(results)} scenario{'s' if len(results) != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''}: "
        f"{len(results) - failed} passed, {failed} failed"
    )
