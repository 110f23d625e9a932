"""Reading scenario files: every problem of a file by its path (internal).

See [`helhed.testing.scenarios`][helhed.testing.scenarios] for the format.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helhed.citizens import Citizen
from helhed.errors import Problem, ValidationError, key_path, quoted
from helhed.groups import RiskGroup
from helhed.organisation import Administration
from helhed.pathways.events import ConsentPurpose, InformationCategory
from helhed.pathways.pathway import Pathway
from helhed.protocol_files import read_protocol
from helhed.protocols import PROTOCOLS
from helhed.rules import Protocol
from helhed.serialization import DATE_PATTERN, SCHEMA_VERSION, from_dict
from helhed.testing._scenario_values import (
    DEFAULT_CITIZEN_ID,
    NO_GROUP,
    Disclosure,
    ExpectedFinding,
    Scenario,
)

__all__ = ["Reader", "plain"]


def plain(value: Any) -> Any:
    """TOML values with every date and time written as the converter reads them."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):  # a datetime too; the converter refuses it
        return value.isoformat()
    return value


_TOP = frozenset({"schema_version", "scenario"})
_SCENARIO = frozenset(
    {"name", "note", "on", "citizen_id", "citizen", "protocol", "protocol_file", "events", "expect"}
)
_CITIZEN_EXPECT = frozenset({"group", "reasons"})
_PATHWAY_EXPECT = frozenset({"findings", "may_disclose"})
_FINDING = frozenset({"rule", "events", "dates"})
_QUESTION = frozenset({"category", "to", "purpose", "source", "answer"})


class Reader:
    """Reads one scenario document, gathering every problem before raising."""

    def __init__(self, file: str, folder: Path | None = None) -> None:
        self.file = file
        self.folder = folder
        self.problems: list[Problem] = []
        self.version = SCHEMA_VERSION
        self.documents: dict[Path, Protocol | None] = {}

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
        for key in ("protocol", "protocol_file"):
            if key in table:
                self.fail(f"{path}.{key}", "is for a pathway scenario, not a citizen one")
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
        protocol = self.which_protocol(table, path)
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
            if "protocol" not in table and "protocol_file" not in table:
                self.fail(f"{path}.protocol", "is required to expect findings (or protocol_file)")
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
                            f"{quoted(finding.rule)} is not a rule of {quoted(protocol.id)}",
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

    def which_protocol(self, table: dict[str, Any], path: str) -> Protocol | None:
        """The shipped protocol or the protocol document a pathway scenario names, if any."""
        if "protocol" in table and "protocol_file" in table:
            self.fail(f"{path}.protocol_file", "must not be given with protocol; name one")
            return None
        if "protocol" in table:
            return self.protocol(table["protocol"], f"{path}.protocol")
        if "protocol_file" in table:
            return self.protocol_file(table["protocol_file"], f"{path}.protocol_file")
        return None

    def protocol(self, value: object, path: str) -> Protocol | None:
        protocols = PROTOCOLS
        if isinstance(value, str) and value in protocols:
            return protocols[value]
        self.fail(
            path, f"is not a shipped protocol; expected one of: {', '.join(sorted(protocols))}"
        )
        return None

    def protocol_file(self, value: object, path: str) -> Protocol | None:
        """The protocol document a scenario names, relative to the scenario file's folder."""
        if self.text(value, path) is None:
            return None
        file = Path(typing.cast("str", value))
        if self.folder is not None and not file.is_absolute():
            file = self.folder / file
        if file not in self.documents:
            try:
                self.documents[file] = read_protocol(file)
            except ValidationError as exc:
                self.documents[file] = None
                self.problems.extend(
                    Problem(f"{path}: {p.path}" if p.path != str(file) else path, p.message)
                    for p in exc.problems
                )
            except OSError as exc:
                self.documents[file] = None
                self.fail(path, exc.strerror or "cannot be read")
        return self.documents[file]

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
