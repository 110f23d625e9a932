"""The answer for a benefit on a date: [`benefit_rules`][helhed.benefits.benefit_rules].

Part of [`helhed.benefits`][helhed.benefits], where these names are imported from. The answer
reads the four tables of the package and gives one cited reason per question.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.benefits._codes import Benefit, BenefitStatus, Lifecycle
from helhed.benefits._tables import (
    COORDINATING_CASEWORKER,
    HOLISTIC_INTERVENTION,
    LIFECYCLE,
    PENDING,
    PHASE_ONE_WINDOW_REASON,
    PHASE_TWO,
    TABLES,
    TYPICAL_GROUPS,
)
from helhed.dated import BEYOND_KNOWN_LAW, InForce
from helhed.groups import RiskGroup
from helhed.sources import Reason, Verification

__all__ = ["BenefitRules", "benefit_rules", "rule_boundaries"]

_V = Verification.VERIFIED


@attrs.frozen(field_transformer=frozen_fields)
class BenefitRules:
    """What the law says about a benefit on a date, with reasons.

    The answer is the same for every date in ``[valid_from, valid_to)``.

    Attributes:
        benefit: The benefit asked about.
        on: The date asked about.
        status: Open, closed to new citizens, or abolished.
        successor: The benefit that replaced an abolished one, if a single one did.
        holistic_intervention: True if LAB requires a holistic intervention.
        coordinating_caseworker: True if the citizen has a right to a coordinating caseworker.
        typical_groups: The target groups the benefit typically belongs to (empty: none stated).
        verification: The weakest verification among the rows used.
        beyond_known_law: True if ``on`` lies past the last known reform, or in a period
            where a reform's in-force day for the rule is not read; the answer then repeats
            the last known rules, and ``reasons`` says why.
        valid_from: First day of the interval in which this answer holds.
        valid_to: First day after it, or None if no later row is known.
        reasons: The cited explanation, one reason per question plus any caveats.
    """

    benefit: Benefit
    on: dt.date
    status: BenefitStatus
    successor: Benefit | None
    holistic_intervention: bool
    coordinating_caseworker: bool
    typical_groups: frozenset[RiskGroup]
    verification: Verification
    beyond_known_law: bool
    valid_from: dt.date
    valid_to: dt.date | None
    reasons: tuple[Reason, ...]

    def __attrs_post_init__(self) -> None:
        """Check every field, and that the dates, the successor and the reasons agree.

        The rules are those of [`benefit_rules`][helhed.benefits.benefit_rules] that need no
        rule table: the answer is not looked up again, so an answer given under earlier rule
        tables still loads.
        """
        check = Checker()
        ok = check.member(self.benefit, Benefit, "benefit")
        dates_ok = check.day(self.on, "on") & check.day(self.valid_from, "valid_from")
        dates_ok &= check.day(self.valid_to, "valid_to", optional=True)
        ok &= check.member(self.status, BenefitStatus, "status")
        ok &= check.member(self.successor, Benefit, "successor", optional=True)
        ok &= check.flag(self.holistic_intervention, "holistic_intervention")
        ok &= check.flag(self.coordinating_caseworker, "coordinating_caseworker")
        ok &= check.members(self.typical_groups, RiskGroup, "typical_groups")
        ok &= check.member(self.verification, Verification, "verification")
        ok &= check.flag(self.beyond_known_law, "beyond_known_law")
        ok &= check.each(self.reasons, Reason, "reasons")
        if dates_ok:
            check.expect(self.valid_from <= self.on, "valid_from", "must not be after on")
            check.expect(
                self.valid_to is None or self.valid_to > self.on,
                "valid_to",
                "must be after on: the answer holds from valid_from to the day before valid_to",
            )
        if ok:
            self._check_successor(check)
            self._check_reasons(check)
        check.done()

    def _check_successor(self, check: Checker) -> None:
        """A successor only for an abolished benefit, and never the benefit itself."""
        if self.successor is not None:
            check.expect(
                self.status is BenefitStatus.ABOLISHED,
                "successor",
                "is only given for an abolished benefit",
            )
            check.expect(self.successor is not self.benefit, "successor", "must be another benefit")

    def _check_reasons(self, check: Checker) -> None:
        """Each question's reason gives the answer of its field; the caveats set verification."""
        codes = [r.code for r in self.reasons]
        answers = (
            ("status", _STATUS, f"{_STATUS}.{self.status.code}"),
            ("holistic_intervention", _HOLISTIC, _yes_no(_HOLISTIC, self.holistic_intervention)),
            (
                "coordinating_caseworker",
                _CASEWORKER,
                _yes_no(_CASEWORKER, self.coordinating_caseworker),
            ),
            ("typical_groups", _TYPICAL, _TYPICAL if self.typical_groups else f"{_TYPICAL}.none"),
        )
        for field, family, expected in answers:
            check.expect(
                [c for c in codes if c == family or c.startswith(f"{family}.")] == [expected],
                "reasons",
                f"must give one {family} reason, agreeing with {field}",
            )
        check.expect(
            codes.count(BEYOND_KNOWN_LAW) == int(self.beyond_known_law),
            "reasons",
            "must include law.beyond_known exactly when beyond_known_law is true",
        )
        caveats = [c for c in codes if c.startswith("rule.")]
        if check.expect(
            all(c in _CAVEATS for c in caveats),
            "reasons",
            "a rule caveat must name a verification level below verified",
        ):
            weakest = max((_CAVEATS[c] for c in caveats), default=_V, key=_WEAKNESS.__getitem__)
            check.expect(
                self.verification is weakest,
                "verification",
                "must be the weakest level among the rule caveats in reasons, or verified "
                "when there are none",
            )


_WEAKNESS = {v: i for i, v in enumerate(Verification)}
"""How weak each level is: the order of ``Verification``, surest first."""

# The codes of the reasons of an answer: a family per question, and a caveat per weak row.
_STATUS = "benefit.status"
_HOLISTIC = "benefit.holistic"
_CASEWORKER = "benefit.caseworker"
_TYPICAL = "benefit.typical_groups"
_CAVEATS = {f"rule.{v.code}": v for v in Verification if v is not _V}


def _yes_no(family: str, value: bool) -> str:  # noqa: FBT001
    """The code of a yes/no answer, e.g. ``benefit.holistic.yes``."""
    return f"{family}.{'yes' if value else 'no'}"


def benefit_rules(benefit: Benefit, *, on: dt.date) -> BenefitRules:
    """Answer what the law says about ``benefit`` on ``on``.

    Answers are immutable and cached per benefit and date.

    Args:
        benefit: The funding basis.
        on: The date the answer is for.

    Returns:
        The status, rights and typical groups, each with a cited reason.

    Raises:
        NoRuleError: If ``on`` is before 19 January 2018, or before the benefit existed
            (education-ready cash benefit exists from 1 July 2025).
    """
    return _benefit_rules(benefit, on)


@functools.lru_cache(maxsize=4096)
def _benefit_rules(benefit: Benefit, on: dt.date) -> BenefitRules:
    lifecycle = LIFECYCLE.lookup(benefit, on)
    holistic = HOLISTIC_INTERVENTION.lookup(benefit, on)
    caseworker = COORDINATING_CASEWORKER.lookup(benefit, on)
    typical = TYPICAL_GROUPS.lookup(benefit, on)
    hits: tuple[InForce[Benefit, Any], ...] = (lifecycle, holistic, caseworker, typical)
    reasons = [
        _lifecycle_reason(benefit, lifecycle),
        _flag_reason(
            benefit,
            holistic,
            _HOLISTIC,
            ("LAB kræver en helhedsorienteret indsats", "LAB requires a holistic intervention"),
            (
                "LAB kræver ikke en helhedsorienteret indsats",
                "LAB does not require a holistic intervention",
            ),
        ),
        _flag_reason(
            benefit,
            caseworker,
            _CASEWORKER,
            (
                "borgeren har ret til en koordinerende sagsbehandler",
                "the citizen has a right to a coordinating caseworker",
            ),
            (
                "ingen ret til en koordinerende sagsbehandler",
                "no right to a coordinating caseworker",
            ),
        ),
        _typical_reason(benefit, typical),
    ]
    # Several tables may rest on the same secondary source; say each caveat once.
    caveats = (_caveat(hit) for hit in hits if hit.rule.verification is not _V)
    reasons.extend(caveat for caveat in dict.fromkeys(caveats) if caveat not in reasons)
    pending = any(
        (table.name, hit.rule.key, hit.rule.valid_from) in PENDING
        for table, hit in zip(TABLES, hits, strict=True)
    )
    beyond = lifecycle.beyond_known_law or pending
    if lifecycle.beyond_known_law and LIFECYCLE.horizon is not None:
        reasons.append(LIFECYCLE.horizon.reason)
    elif pending:
        reasons.append(PHASE_ONE_WINDOW_REASON)
    ends = [h.valid_to for h in hits if h.valid_to is not None]
    return BenefitRules(
        benefit=benefit,
        on=on,
        status=lifecycle.value.status,
        successor=lifecycle.value.successor,
        holistic_intervention=holistic.value,
        coordinating_caseworker=caseworker.value,
        typical_groups=typical.value,
        verification=max((h.rule.verification for h in hits), key=_WEAKNESS.__getitem__),
        beyond_known_law=beyond,
        valid_from=max(h.rule.valid_from for h in hits),
        valid_to=min(ends) if ends else None,
        reasons=tuple(reasons),
    )


def rule_boundaries(benefit: Benefit) -> tuple[dt.date, ...]:
    """Every date on which an answer of `benefit_rules` for ``benefit`` may change.

    The dates are in order and include the horizon (1 January 2027).
    """
    dates = {d for table in TABLES for d in table.boundaries(benefit)}
    dates.add(PHASE_TWO)
    return tuple(sorted(dates))


def _lifecycle_reason(benefit: Benefit, hit: InForce[Benefit, Lifecycle]) -> Reason:
    status = hit.value.status
    successor = hit.value.successor
    da = f"{benefit.label_da}: {status.label_da.lower()}."
    en = f"{benefit.label_en}: {status.label_en.lower()}."
    if successor is not None:
        da += f" Afløst af {successor.label_da.lower()}."
        en += f" Replaced by {successor.label_en.lower()}."
    return Reason(f"{_STATUS}.{status.code}", da, en, hit.rule.citation)


def _flag_reason(
    benefit: Benefit,
    hit: InForce[Benefit, bool],
    code: str,
    yes: tuple[str, str],
    no: tuple[str, str],
) -> Reason:
    da, en = yes if hit.value else no
    return Reason(
        _yes_no(code, hit.value),
        f"{benefit.label_da}: {da}.",
        f"{benefit.label_en}: {en}.",
        hit.rule.citation,
    )


def _typical_reason(benefit: Benefit, hit: InForce[Benefit, frozenset[RiskGroup]]) -> Reason:
    groups = sorted(hit.value, key=list(RiskGroup).index)
    if not groups:
        return Reason(
            f"{_TYPICAL}.none",
            f"{benefit.label_da}: kilderne knytter ikke forsørgelsesgrundlaget til en bestemt "
            "målgruppe.",
            f"{benefit.label_en}: the sources tie this funding basis to no group in particular.",
            hit.rule.citation,
        )
    return Reason(
        _TYPICAL,
        f"{benefit.label_da}: typisk {' og '.join(g.label_da.lower() for g in groups)}.",
        f"{benefit.label_en}: typically the {' and '.join(g.label_en.lower() for g in groups)}.",
        hit.rule.citation,
    )


def _caveat(hit: InForce[Benefit, Any]) -> Reason:
    rule = hit.rule
    return Reason(
        f"rule.{rule.verification.code}",
        f"{rule.verification.label_da}: {rule.note_da}".strip(),
        f"{rule.verification.label_en}: {rule.note_en}".strip(),
        rule.citation,
    )
