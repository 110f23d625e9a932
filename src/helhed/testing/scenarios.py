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
    >>> wrong = attrs.evolve(scenario, findings=(ExpectedFinding(rule="halsnaes.voluntary"),))
    >>> print(run_scenario(wrong).diff())
    --- expected
    +++ found
    @@ -1 +1 @@
    -finding: halsnaes.voluntary
    +finding: halsnaes.contact_within_week events=[1] dates=[2024-03-04, 2024-03-11]
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs

from helhed._reading import text_of
from helhed._validation import Checker, items_of
from helhed._values import frozen_fields
from helhed.citizens import Citizen
from helhed.errors import Problem, ValidationError, key_path, quoted, require
from helhed.groups import RiskGroup
from helhed.organisation import Administration
from helhed.pathways.compliance import check
from helhed.pathways.consent import may_disclose
from helhed.pathways.events import ConsentPurpose, InformationCategory
from helhed.pathways.pathway import Pathway
from helhed.protocols import PROTOCOLS
from helhed.rules import Finding, Protocol
from helhed.serialization import DATE_PATTERN, SCHEMA_VERSION, from_dict, parse_json
from helhed.target_groups import classify

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

NO_GROUP = "ingen"
"""What ``expect.group`` says for a citizen in no target group (TOML has no null)."""

PATTERNS = ("*.scenarios.toml", "*.scenarios.json")
"""The file names the pytest plugin collects, and those ``helhed test`` runs when shipped."""

DEFAULT_CITIZEN_ID = "borger-1"
"""The citizen id a scenario uses when it names none (``citizen_id``)."""

Format = Literal["toml", "json"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ExpectedFinding:
    """A finding a scenario expects: its rule and, where given, its events and dates.

    Attributes:
        rule: The rule id.
        events: The positions in the log of the events involved; None: any.
        dates: The dates that matter, in order; None: any.
    """

    rule: str
    events: tuple[int, ...] | None = None
    dates: tuple[dt.date, ...] | None = None

    def __attrs_post_init__(self) -> None:
        """The rule id must not be blank; positions whole numbers, dates dates."""
        check = Checker()
        check.text(self.rule, "rule")
        if self.events is not None and check.each(self.events, int, "events"):
            for i, position in enumerate(self.events):
                check.whole(position, f"events[{i}]")
        if self.dates is not None and check.each(self.dates, dt.date, "dates"):
            for i, day in enumerate(self.dates):
                check.day(day, f"dates[{i}]")
        check.done()

    def matches(self, finding: Finding) -> bool:
        """True if ``finding`` is of this rule and has the events and dates given."""
        return (
            finding.rule_id == self.rule
            and (self.events is None or finding.events == self.events)
            and (self.dates is None or finding.dates == self.dates)
        )

    def line(self) -> str:
        """This expectation as one line of a diff."""
        return _finding_line(self.rule, self.events, self.dates)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Disclosure:
    """A question for [`may_disclose`][helhed.pathways.consent.may_disclose] and its answer.

    Attributes:
        category: The category of information.
        to: The receiving administration.
        purpose: What it would be used for.
        source: The administration holding it, if the question names one.
        answer: True if it may pass, False if not.
    """

    category: InformationCategory
    to: Administration
    purpose: ConsentPurpose
    source: Administration | None = None
    answer: bool

    def __attrs_post_init__(self) -> None:
        """Every part must be of its type."""
        check = Checker()
        check.member(self.category, InformationCategory, "category")
        check.member(self.to, Administration, "to")
        check.member(self.purpose, ConsentPurpose, "purpose")
        check.member(self.source, Administration, "source", optional=True)
        check.flag(self.answer, "answer")
        check.done()

    def line(self, answer: bool) -> str:  # noqa: FBT001 - the answer to render
        """The question with ``answer``, as one line of a diff."""
        source = f" from {self.source.code}" if self.source is not None else ""
        return (
            f"may_disclose {self.category.code} to {self.to.code} for {self.purpose.code}"
            f"{source}: {'yes' if answer else 'no'}"
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Scenario:
    """One case and the answer helhed must give on its day.

    Only the name shows in the repr: a citizen's group and reasons derive from health.

    Attributes:
        name: What the case is, as a domain expert would say it.
        file: The file it was read from ("" if from text).
        index: Its position among the file's scenarios.
        on: The day of the answer.
        citizen: The citizen to classify, for a citizen scenario.
        group: The expected group code (``NO_GROUP`` for none); None if not asked.
        reasons: The expected reason codes in order; None if not asked.
        pathway: The pathway, for a pathway scenario.
        protocol: The protocol its findings are checked against; None if not asked.
        findings: The expected findings; None if not asked.
        disclosures: The may_disclose questions with their expected answers.
    """

    name: str
    file: str = attrs.field(default="", repr=False)
    index: int = attrs.field(default=0, repr=False)
    on: dt.date = attrs.field(repr=False)
    citizen: Citizen | None = attrs.field(default=None, repr=False)
    group: str | None = attrs.field(default=None, repr=False)
    reasons: tuple[str, ...] | None = attrs.field(default=None, repr=False)
    pathway: Pathway | None = attrs.field(default=None, repr=False)
    protocol: Protocol | None = attrs.field(default=None, repr=False)
    findings: tuple[ExpectedFinding, ...] | None = attrs.field(default=None, repr=False)
    disclosures: tuple[Disclosure, ...] = attrs.field(default=(), repr=False)

    def __attrs_post_init__(self) -> None:
        """Every field must be of its type; a scenario is of a citizen or of a pathway."""
        check = Checker()
        check.text(self.name, "name")
        check.expect(isinstance(self.file, str), "file", "must be a string")
        check.whole(self.index, "index")
        check.day(self.on, "on")
        check.expect(
            (self.citizen is None) != (self.pathway is None),
            "citizen",
            "a scenario has either a citizen or a pathway",
        )
        for value, kind, path in (
            (self.citizen, Citizen, "citizen"),
            (self.group, str, "group"),
            (self.pathway, Pathway, "pathway"),
            (self.protocol, Protocol, "protocol"),
        ):
            check.expect(
                value is None or isinstance(value, kind), path, f"must be a {kind.__name__}"
            )
        if self.reasons is not None:
            check.each(self.reasons, str, "reasons")
        if self.findings is not None:
            check.each(self.findings, ExpectedFinding, "findings")
        check.each(self.disclosures, Disclosure, "disclosures")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Outcome:
    """What running a scenario gave.

    Attributes:
        scenario: The scenario run.
        expected: The expected answer, one line per fact.
        found: What helhed answered, in the same lines; a finding matched to an expectation
            is written as that expectation is.
    """

    scenario: Scenario
    expected: tuple[str, ...] = attrs.field(repr=False)
    found: tuple[str, ...] = attrs.field(repr=False)

    def __attrs_post_init__(self) -> None:
        """The scenario must be a Scenario, the lines strings."""
        check = Checker()
        check.expect(isinstance(self.scenario, Scenario), "scenario", "must be a Scenario")
        check.each(self.expected, str, "expected")
        check.each(self.found, str, "found")
        check.done()

    @property
    def passed(self) -> bool:
        """True if helhed gave the expected answer."""
        return self.expected == self.found

    def diff(self) -> str:
        """The difference as a small unified diff (``-`` expected, ``+`` found); "" if none."""
        if self.passed:
            return ""
        lines = difflib.unified_diff(
            list(self.expected), list(self.found), "expected", "found", lineterm="", n=2
        )
        return "\n".join(lines)


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


def _finding_line(rule: str, events: Sequence[int] | None, dates: Sequence[dt.date] | None) -> str:
    line = f"finding: {rule}"
    if events is not None:
        line += f" events={list(events)}"
    if dates is not None:
        line += f" dates=[{', '.join(d.isoformat() for d in dates)}]"
    return line


def _finding_lines(
    expected: Sequence[ExpectedFinding], found: Sequence[Finding]
) -> tuple[list[str], list[str]]:
    """Both sides as sorted lines; a found finding matched to an expectation reads as it."""
    match = _matching(expected, found)
    found_lines = [
        expected[match[j]].line()
        if j in match
        else _finding_line(finding.rule_id, finding.events, finding.dates)
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
        return read_scenarios(text_of(data, encoding=encoding), kind, file=name)
    except ValidationError as exc:
        raise _in_file(exc, name) from None


def _in_file(error: ValidationError, name: str) -> ValidationError:
    """``error`` with the file's name before every path."""
    return ValidationError(
        Problem(f"{name}: {p.path}" if p.path else name, p.message) for p in error.problems
    )


def read_scenarios(text: str, kind: Format, *, file: str = "") -> tuple[Scenario, ...]:
    """Read the scenarios of a document given as TOML or JSON text.

    Raises:
        ValidationError: Every problem, each by its path (``scenario[3].events[2].at``).
    """
    require(text, str, "text", "must be a string")
    require(file, str, "file", "must be a string")
    if kind not in {"toml", "json"}:
        raise ValidationError.at("kind", "must be 'toml' or 'json'")
    if kind == "toml":
        try:
            data: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ValidationError.at("", f"is not TOML: {exc}") from None
        data = _plain(data)
    else:
        data = parse_json(text)
    return _Reader(file).document(data)


def _plain(value: Any) -> Any:
    """TOML values with every date and time written as the converter reads them."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):  # a datetime too; the converter refuses it
        return value.isoformat()
    return value


_TOP = frozenset({"schema_version", "scenario"})
_SCENARIO = frozenset(
    {"name", "note", "on", "citizen_id", "citizen", "protocol", "events", "expect"}
)
_CITIZEN_EXPECT = frozenset({"group", "reasons"})
_PATHWAY_EXPECT = frozenset({"findings", "may_disclose"})
_FINDING = frozenset({"rule", "events", "dates"})
_QUESTION = frozenset({"category", "to", "purpose", "source", "answer"})


class _Reader:
    """Reads one scenario document, gathering every problem before raising."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.version = SCHEMA_VERSION

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def table(self, value: object, path: str, known: frozenset[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, "must be a table (an object)")
            return None
        for key in sorted(set(value) - known, key=str):
            self.fail(key_path(path, key), "is not a known field")
        return value

    def items(self, value: object, path: str) -> list[Any] | None:
        if not isinstance(value, list):
            self.fail(path, "must be a list")
            return None
        return value

    def text(self, value: object, path: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "must be a non-blank string")
            return None
        return value

    def day(self, value: object, path: str) -> dt.date | None:
        if isinstance(value, str) and DATE_PATTERN.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(path, "must be a date written YYYY-MM-DD")
        return None

    def coded(self, value: object, path: str, kind: Any) -> Any:
        if not isinstance(value, str):
            self.fail(path, f"must be a {kind.__name__} code (a string)")
            return None
        try:
            return kind.from_code(value)
        except ValueError as exc:
            self.fail(path, str(exc))
            return None

    def document(self, data: object) -> tuple[Scenario, ...]:
        top = self.table(data, "", _TOP)
        scenarios: list[Scenario] = []
        if top is not None:
            version = top.get("schema_version")
            if isinstance(version, bool) or not isinstance(version, int):
                self.fail("schema_version", "is required and must be a whole number")
            elif not 1 <= version <= SCHEMA_VERSION:
                self.fail(
                    "schema_version",
                    f"is not a supported version; this release reads versions 1 to "
                    f"{SCHEMA_VERSION}",
                )
            else:
                self.version = version
            listed = self.items(top.get("scenario"), "scenario")
            if listed is not None and not listed:
                self.fail("scenario", "must hold at least one scenario")
            for i, item in enumerate(listed or []):
                scenario = self.scenario(item, f"scenario[{i}]", i)
                if scenario is not None:
                    scenarios.append(scenario)
        if self.problems:
            raise ValidationError(self.problems)
        return tuple(scenarios)

    def scenario(self, item: object, path: str, index: int) -> Scenario | None:
        table = self.table(item, path, _SCENARIO)
        if table is None:
            return None
        before = len(self.problems)
        name = self.text(table.get("name"), f"{path}.name")
        if "note" in table:
            self.text(table["note"], f"{path}.note")
        on = self.day(table.get("on"), f"{path}.on")
        citizen_id = table.get("citizen_id", DEFAULT_CITIZEN_ID)
        self.text(citizen_id, f"{path}.citizen_id")
        fields: dict[str, Any] = {}
        has_citizen, has_events = "citizen" in table, "events" in table
        if has_citizen == has_events:
            self.fail(path, "must give either a citizen or events, not both or neither")
        elif has_citizen:
            fields = self.citizen_part(table, path, citizen_id)
        else:
            fields = self.pathway_part(table, path, citizen_id)
        if len(self.problems) > before or name is None or on is None:
            return None
        return Scenario(name=name, file=self.file, index=index, on=on, **fields)

    def expect(self, table: dict[str, Any], path: str, known: frozenset[str]) -> dict[str, Any]:
        expect = self.table(table.get("expect"), f"{path}.expect", known)
        if expect is not None and not expect:
            self.fail(f"{path}.expect", f"must give at least one of: {', '.join(sorted(known))}")
        return expect or {}

    def citizen_part(self, table: dict[str, Any], path: str, citizen_id: object) -> dict[str, Any]:
        if "protocol" in table:
            self.fail(f"{path}.protocol", "is for a pathway scenario, not a citizen one")
        data = table["citizen"]
        citizen = None
        if not isinstance(data, dict):
            self.fail(f"{path}.citizen", "must be a table (an object)")
        else:
            document = {"schema_version": self.version, "id": citizen_id, **data}
            try:
                citizen = from_dict(document, Citizen, path=f"{path}.citizen")
            except ValidationError as exc:
                self.problems.extend(exc.problems)
        expect = self.expect(table, path, _CITIZEN_EXPECT)
        group = expect.get("group")
        if group is not None and group != NO_GROUP:
            found = self.coded(group, f"{path}.expect.group", RiskGroup)
            group = found.code if found is not None else None
        reasons = None
        if "reasons" in expect:
            listed = self.items(expect["reasons"], f"{path}.expect.reasons")
            reasons = tuple(
                code
                for i, code in enumerate(listed or [])
                if self.text(code, f"{path}.expect.reasons[{i}]") is not None
            )
        return {"citizen": citizen, "group": group, "reasons": reasons}

    def pathway_part(self, table: dict[str, Any], path: str, citizen_id: object) -> dict[str, Any]:
        protocol = None
        if "protocol" in table:
            protocol = self.protocol(table["protocol"], f"{path}.protocol")
        pathway = None
        events = self.items(table["events"], f"{path}.events")
        if events is not None:
            filled = [{"citizen_id": citizen_id, **e} if isinstance(e, dict) else e for e in events]
            document = {"schema_version": self.version, "citizen_id": citizen_id}
            try:
                pathway = from_dict({**document, "events": filled}, Pathway, path=path)
            except ValidationError as exc:
                self.problems.extend(exc.problems)
        expect = self.expect(table, path, _PATHWAY_EXPECT)
        findings = None
        if "findings" in expect:
            if "protocol" not in table:
                self.fail(f"{path}.protocol", "is required to expect findings")
            listed = self.items(expect["findings"], f"{path}.expect.findings") or []
            at = f"{path}.expect.findings"
            findings = tuple(
                f for i, item in enumerate(listed) if (f := self.finding(item, f"{at}[{i}]"))
            )
            if protocol is not None:
                known = {rule.id for rule in protocol.rules}
                for i, finding in enumerate(findings):
                    if finding.rule not in known:
                        self.fail(
                            f"{at}[{i}]",
                            f"{quoted(finding.rule)} is not a rule of {protocol.id}",
                        )
        questions = self.items(expect.get("may_disclose", []), f"{path}.expect.may_disclose")
        disclosures = tuple(
            d
            for i, item in enumerate(questions or [])
            if (d := self.question(item, f"{path}.expect.may_disclose[{i}]")) is not None
        )
        return {
            "pathway": pathway,
            "protocol": protocol,
            "findings": findings,
            "disclosures": disclosures,
        }

    def protocol(self, value: object, path: str) -> Protocol | None:
        protocols = PROTOCOLS
        if isinstance(value, str) and value in protocols:
            return protocols[value]
        self.fail(
            path, f"is not a shipped protocol; expected one of: {', '.join(sorted(protocols))}"
        )
        return None

    def finding(self, item: object, path: str) -> ExpectedFinding | None:
        if isinstance(item, str):
            return ExpectedFinding(rule=item) if self.text(item, path) else None
        table = self.table(item, path, _FINDING)
        if table is None:
            return None
        before = len(self.problems)
        rule = self.text(table.get("rule"), f"{path}.rule")
        events = dates = None
        if "events" in table:
            events = self.each(table["events"], f"{path}.events", self.position)
        if "dates" in table:
            dates = self.each(table["dates"], f"{path}.dates", self.day)
        if len(self.problems) > before or rule is None:
            return None
        return ExpectedFinding(rule=rule, events=events, dates=dates)

    def position(self, value: object, path: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(path, "must be a whole number, 0 or more (a position in the log)")
            return None
        return value

    def each(
        self, value: object, path: str, read: Callable[[object, str], Any]
    ) -> tuple[Any, ...] | None:
        listed = self.items(value, path)
        if listed is None:
            return None
        return tuple(read(v, f"{path}[{i}]") for i, v in enumerate(listed))

    def question(self, item: object, path: str) -> Disclosure | None:
        table = self.table(item, path, _QUESTION)
        if table is None:
            return None
        before = len(self.problems)
        category = self.coded(table.get("category"), f"{path}.category", InformationCategory)
        to = self.coded(table.get("to"), f"{path}.to", Administration)
        purpose = self.coded(table.get("purpose"), f"{path}.purpose", ConsentPurpose)
        source = None
        if "source" in table:
            source = self.coded(table["source"], f"{path}.source", Administration)
        answer = table.get("answer")
        if not isinstance(answer, bool):
            self.fail(f"{path}.answer", "is required and must be true or false")
        if len(self.problems) > before:
            return None
        return Disclosure(
            category=category, to=to, purpose=purpose, source=source, answer=bool(answer)
        )


def outcomes(scenarios: Iterable[Scenario]) -> tuple[Outcome, ...]:
    """Run every scenario, in order.

    Raises:
        ValidationError: If ``scenarios`` is not a collection of Scenario.
    """
    return tuple(run_scenario(s) for s in items_of(scenarios, Scenario, "scenarios"))


def summary(results: Sequence[Outcome], files: int) -> str:
    """One line: how many scenarios in how many files, how many passed and failed.

    Raises:
        ValidationError: If ``results`` is not a collection of Outcome or ``files`` not a
            whole number of 0 or more.
    """
    results = items_of(results, Outcome, "results")
    check = Checker()
    check.whole(files, "files")
    check.done()
    failed = sum(not r.passed for r in results)
    return (
        f"{len(results)} scenario{'s' if len(results) != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''}: "
        f"{len(results) - failed} passed, {failed} failed"
    )
