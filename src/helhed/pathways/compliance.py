"""Checking pathways against a protocol: findings, never exceptions.

[`check`][helhed.pathways.compliance.check] cuts every pathway at the end of the day asked
about, runs each rule of the protocol over it (and the population rules over all of them)
and returns a [`ComplianceReport`][helhed.pathways.compliance.ComplianceReport]. A valid log
never makes it raise; a log that breaks nothing gives no findings.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ContactMade, ReferralAccepted, Referred
    >>> from helhed.pathways.pathway import Pathway
    >>> from helhed.cases.halsnaes import HALSNAES
    >>> def event(kind, day, by, **fields):
    ...     return kind(citizen_id="c-1", occurred_on=dt.date(2024, 3, day), recorded_by=by,
    ...                 **fields)
    >>> pathway = Pathway.of([
    ...     event(Referred, 4, A.JOB_CENTRE, referral_id="r-1", offer="afklarende samtale",
    ...           to=A.HEALTH, voluntary=True),
    ...     event(ReferralAccepted, 4, A.JOB_CENTRE, referral_id="r-1"),
    ...     event(ContactMade, 13, A.HEALTH, referral_id="r-1"),
    ... ])
    >>> report = check([pathway], HALSNAES, on=dt.date(2024, 3, 31))
    >>> print(report.findings[0])  # doctest: +NORMALIZE_WHITESPACE
    c-1 [halsnaes.contact_within_week] error: The health department contacts the citizen
    within one week of accepting the referral. Referral accepted on 2024-03-04; contact made
    on 2024-03-13, 9 days later (the limit is 7 days). (HALSNAES)
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from helhed._meta import NON_BLANK
from helhed._validation import Checker, items_of
from helhed._values import frozen_fields
from helhed.errors import ValidationError
from helhed.pathways.pathway import Pathway
from helhed.rules import Finding, PopulationRule, Protocol, Severity

__all__ = ["ComplianceReport", "check"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ComplianceReport:
    """The outcome of checking pathways against a protocol on a day.

    Attributes:
        protocol: The protocol's id.
        on: The day checked; events after it were left out.
        pathways: How many pathways were checked.
        events: How many events in force they held up to ``on``: annulled events and
            annulments are not counted.
        findings: Every finding, ordered by citizen, first date and rule id.
    """

    protocol: str = attrs.field(metadata=NON_BLANK)
    on: dt.date
    pathways: int
    events: int
    findings: tuple[Finding, ...]

    def __attrs_post_init__(self) -> None:
        """Validate, with the rules a report from ``check`` keeps.

        The findings are in report order and belong to no more citizens than were checked.
        """
        check = Checker()
        check.text(self.protocol, "protocol")
        check.day(self.on, "on")
        check.whole(self.pathways, "pathways")
        check.whole(self.events, "events")
        if check.each(self.findings, Finding, "findings"):
            for i, (before, after) in enumerate(itertools.pairwise(self.findings), start=1):
                check.expect(
                    before.order <= after.order,
                    f"findings[{i}]",
                    "is out of order; findings go by citizen, dates, rule id and events",
                )
            citizens = len({f.citizen_id for f in self.findings})
            if isinstance(self.pathways, int):
                check.expect(
                    citizens <= self.pathways,
                    "pathways",
                    "must be at least the number of citizens with findings",
                )
        check.done()

    @property
    def ok(self) -> bool:
        """True if no finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def by_rule(self) -> Mapping[str, int]:
        """Number of findings per rule id."""
        return MappingProxyType(dict(Counter(f.rule_id for f in self.findings)))

    @property
    def by_severity(self) -> Mapping[Severity, int]:
        """Number of findings per severity."""
        return MappingProxyType(dict(Counter(f.severity for f in self.findings)))


def check(pathways: Iterable[Pathway], protocol: Protocol, *, on: dt.date) -> ComplianceReport:
    """Check ``pathways`` against ``protocol`` as they stood at the end of ``on``.

    Raises:
        ValidationError: If an item is not a Pathway or two pathways share a citizen id.
    """
    check_ = Checker()
    check_.expect(isinstance(protocol, Protocol), "protocol", "must be a Protocol")
    check_.day(on, "on")
    check_.done()
    cut: list[Pathway] = []
    seen: set[str] = set()
    problems = ValidationError.at  # one error per call keeps the message short
    for i, pathway in enumerate(items_of(pathways, Pathway, "pathways")):
        if pathway.citizen_id in seen:
            raise problems(f"pathways[{i}].citizen_id", "is a duplicate; one pathway per citizen")
        seen.add(pathway.citizen_id)
        cut.append(pathway.until(on))
    findings: list[Finding] = []
    # Pathway by pathway, every rule in turn: a pathway keeps where each kind of event stands
    # in its timeline for the pathway asked last (see Pathway.of_kinds). The findings are
    # sorted below, so the order they are found in does not matter.
    rules = [rule for rule in protocol.rules if not isinstance(rule, PopulationRule)]
    for pathway in cut:
        for rule in rules:
            findings.extend(rule.check(pathway, on))
    for rule in protocol.rules:
        if isinstance(rule, PopulationRule):
            findings.extend(rule.check_all(cut, on))
    findings.sort(key=lambda f: f.order)
    return ComplianceReport(
        protocol=protocol.id,
        on=on,
        pathways=len(cut),
        events=sum(len(p.timeline) for p in cut),
        findings=tuple(findings),
    )
