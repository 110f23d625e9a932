"""The values of scenario tests: a scenario, what it expects, and what running it gave.

See [`helhed.testing.scenarios`][helhed.testing.scenarios], which exports them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.citizens import Citizen
from helhed.organisation import Administration
from helhed.pathways.events import ConsentPurpose, InformationCategory
from helhed.pathways.pathway import Pathway
from helhed.rules import Finding, Protocol

__all__ = [
    "DEFAULT_CITIZEN_ID",
    "NO_GROUP",
    "Disclosure",
    "ExpectedFinding",
    "Outcome",
    "Scenario",
    "finding_line",
]

NO_GROUP = "ingen"
"""What ``expect.group`` says for a citizen in no target group (TOML has no null)."""


DEFAULT_CITIZEN_ID = "borger-1"
"""The citizen id a scenario uses when it names none (``citizen_id``)."""


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
        return finding_line(self.rule, self.events, self.dates)


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


def finding_line(rule: str, events: Sequence[int] | None, dates: Sequence[dt.date] | None) -> str:
    """A finding as one line of a diff: its rule, and its events and dates if given."""
    line = f"finding: {rule}"
    if events is not None:
        line += f" events={list(events)}"
    if dates is not None:
        line += f" dates=[{', '.join(d.isoformat() for d in dates)}]"
    return line
