"""Administrations, staff roles and the coordinating caseworker.

Citizens in a resource course or a job clarification course, and activity-ready cash benefit
recipients, have a right to a coordinating caseworker (koordinerende sagsbehandler, SST2019
4.1). Job centres must give unemployed citizens with complex social or health problems one
continuous coordinating caseworker instead of changing caseworkers, and that person
coordinates the whole effort across administrations and authorities (SST2019 4.1, fn. 7).

Two questions are answered here:

* [`coordinating_caseworker_right`][helhed.organisation.coordinating_caseworker_right]: does a
  citizen have the right on a date (from the dated benefit rules)?
* [`check_continuity`][helhed.organisation.check_continuity]: over a period, did one
  coordinating caseworker cover the case without gaps, overlaps or changes?

Dates in periods and assignments are inclusive at both ends.

Examples:
    >>> import datetime as dt
    >>> history = CaseworkerHistory(
    ...     citizen_id="c-1",
    ...     assignments=(
    ...         CaseworkerAssignment(staff_id="s-1", start=dt.date(2024, 1, 1),
    ...                              end=dt.date(2024, 6, 30)),
    ...         CaseworkerAssignment(staff_id="s-2", start=dt.date(2024, 7, 1)),
    ...     ),
    ... )
    >>> report = check_continuity(history, Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    >>> report.continuous, [c.on.isoformat() for c in report.changes]
    (False, ['2024-07-01'])
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK
from helhed._validation import Checker, require_day
from helhed._values import frozen_fields
from helhed.benefits import LIFECYCLE, benefit_rules
from helhed.citizens import Citizen
from helhed.dated import BEYOND_KNOWN_LAW
from helhed.errors import NoRuleError, require
from helhed.sources import Citation, Reason

__all__ = [
    "Administration",
    "CaseworkerAssignment",
    "CaseworkerChange",
    "CaseworkerHistory",
    "ContinuityReport",
    "CoordinatingCaseworkerRight",
    "Period",
    "Role",
    "StaffMember",
    "Team",
    "check_continuity",
    "coordinating_caseworker_right",
]

_FN7 = Citation("SST2019", "4.1, fn. 7")


class Administration(CodedEnum):
    """A municipal administration (forvaltning) or outside authority the sources name.

    ``JOB_CENTRE`` is the municipality's employment administration. Its code stays
    ``jobcenter`` after lov nr. 1750 af 29.12.2025 replaced "jobcenteret" with "kommunen" in
    the law (from 1 July 2026 at the latest): stored data use the code, and the
    administration still exists. What the law calls it on a day is
    [`authority_name`][helhed.authority.authority_name]'s answer.
    """

    JOB_CENTRE = ("jobcenter", "Jobcenter / beskæftigelse", "Job centre / employment")
    HEALTH = ("sundhed", "Sundhedsafdeling", "Health department")
    SOCIAL = ("social", "Socialforvaltning", "Social services")
    ELDERLY_AND_DISABILITY = ("aeldre_handicap", "Ældre og handicap", "Elderly and disability")
    EDUCATION = ("uddannelse", "Uddannelse", "Education")
    REGION = ("region", "Region (hospital, psykiatri)", "Region (hospital, psychiatry)")
    GENERAL_PRACTICE = ("almen_praksis", "Egen læge", "General practitioner")


class Role(CodedEnum):
    """A staff role in the collaboration between job centre and health department."""

    CASEWORKER = ("sagsbehandler", "Sagsbehandler", "Caseworker")
    COORDINATING_CASEWORKER = (
        "koordinerende_sagsbehandler",
        "Koordinerende sagsbehandler",
        "Coordinating caseworker",
    )
    DISABILITY_KEY_PERSON = (
        "handicap_noegleperson",
        "Handicap-nøgleperson",
        "Disability key person",
    )
    JOB_CONSULTANT = ("jobkonsulent", "Jobkonsulent", "Job consultant")
    MENTOR = ("mentor", "Mentor", "Mentor")
    IPS_CONSULTANT = ("ips_konsulent", "IPS-konsulent", "IPS employment specialist")
    NURSE = ("sygeplejerske", "Sygeplejerske", "Nurse")
    PHYSIOTHERAPIST = ("fysioterapeut", "Fysioterapeut", "Physiotherapist")
    OCCUPATIONAL_THERAPIST = ("ergoterapeut", "Ergoterapeut", "Occupational therapist")
    PSYCHOLOGIST = ("psykolog", "Psykolog", "Psychologist")
    DIETITIAN = ("diaetist", "Diætist", "Dietitian")
    HEALTH_COORDINATOR = ("sundhedskoordinator", "Sundhedskoordinator", "Health coordinator")
    SUBSTANCE_ABUSE_CONSULTANT = (
        "misbrugskonsulent",
        "Misbrugskonsulent",
        "Substance-abuse consultant",
    )

    @property
    def health_professional(self) -> bool:
        """True for roles with a health profession."""
        return self in _HEALTH_ROLES


_HEALTH_ROLES = frozenset(
    {
        Role.NURSE,
        Role.PHYSIOTHERAPIST,
        Role.OCCUPATIONAL_THERAPIST,
        Role.PSYCHOLOGIST,
        Role.DIETITIAN,
        Role.HEALTH_COORDINATOR,
        Role.SUBSTANCE_ABUSE_CONSULTANT,
    }
)


@attrs.frozen(field_transformer=frozen_fields)
class Period:
    """An inclusive range of days.

    Attributes:
        start: First day.
        end: Last day; not before ``start``.
    """

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        """Validate the dates."""
        check = Checker()
        if check.day(self.start, "start") & check.day(self.end, "end"):
            check.expect(self.end >= self.start, "end", "must not be before start")
        check.done()

    @property
    def days(self) -> int:
        """Number of days in the period, both ends counted."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        """True if ``day`` is a date within the period."""
        return isinstance(day, dt.date) and self.start <= day <= self.end


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class StaffMember:
    """A member of staff.

    Attributes:
        id: Identifier of the staff member; must not be blank.
        role: The role they hold.
        administration: The administration they belong to.
    """

    id: str = attrs.field(metadata=NON_BLANK)
    role: Role
    administration: Administration

    def __attrs_post_init__(self) -> None:
        """Validate every field."""
        check = Checker()
        check.text(self.id, "id")
        check.member(self.role, Role, "role")
        check.member(self.administration, Administration, "administration")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Team:
    """A team of staff, possibly across administrations.

    Attributes:
        id: Identifier of the team.
        name: The team's name.
        members: The members; staff ids must be unique.
    """

    id: str = attrs.field(metadata=NON_BLANK)
    name: str = attrs.field(metadata=NON_BLANK)
    members: tuple[StaffMember, ...]

    def __attrs_post_init__(self) -> None:
        """Validate every field; member ids must be unique."""
        check = Checker()
        check.text(self.id, "id")
        check.text(self.name, "name")
        if check.each(self.members, StaffMember, "members"):
            seen: set[str] = set()
            for i, member in enumerate(self.members):
                check.expect(member.id not in seen, f"members[{i}].id", "is a duplicate")
                seen.add(member.id)
        check.done()

    @property
    def administrations(self) -> frozenset[Administration]:
        """The administrations the members come from."""
        return frozenset(m.administration for m in self.members)

    @property
    def cross_disciplinary(self) -> bool:
        """True if the members come from at least two administrations."""
        return len(self.administrations) >= 2


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CaseworkerAssignment:
    """A caseworker assigned to a citizen's case for a span of days.

    Attributes:
        staff_id: The caseworker.
        start: First day of the assignment.
        end: Last day, or None while it lasts.
        coordinating: True if the caseworker is the coordinating caseworker.
    """

    staff_id: str = attrs.field(metadata=NON_BLANK)
    start: dt.date
    end: dt.date | None = None
    coordinating: bool = True

    def __attrs_post_init__(self) -> None:
        """Validate every field."""
        check = Checker()
        check.text(self.staff_id, "staff_id")
        start_ok = check.day(self.start, "start")
        if check.day(self.end, "end", optional=True) and start_ok and self.end is not None:
            check.expect(self.end >= self.start, "end", "must not be before start")
        check.flag(self.coordinating, "coordinating")
        check.done()

    def covers(self, day: dt.date) -> bool:
        """True if the assignment is in force on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CaseworkerHistory:
    """The caseworkers assigned to one citizen's case over time.

    Attributes:
        citizen_id: The citizen.
        assignments: The assignments, in any order.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    assignments: tuple[CaseworkerAssignment, ...]

    def __attrs_post_init__(self) -> None:
        """Validate every field."""
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        check.each(self.assignments, CaseworkerAssignment, "assignments")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CoordinatingCaseworkerRight:
    """Whether a citizen has a right to a coordinating caseworker on a date.

    Attributes:
        citizen_id: The citizen.
        on: The date.
        right: True if the citizen has the right.
        beyond_known_law: True if the rule used lies past the last known reform.
        reasons: The cited explanation.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    on: dt.date
    right: bool
    beyond_known_law: bool
    reasons: tuple[Reason, ...]

    def __attrs_post_init__(self) -> None:
        """Check every field, and that the reasons give the answer of ``right``.

        The rules are those of
        [`coordinating_caseworker_right`][helhed.organisation.coordinating_caseworker_right]
        that need no rule table: the right is not looked up again, so an answer given under
        earlier benefit rules still loads.
        """
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        check.day(self.on, "on")
        ok = check.flag(self.right, "right")
        ok &= check.flag(self.beyond_known_law, "beyond_known_law")
        if check.each(self.reasons, Reason, "reasons") and ok:
            codes = [r.code for r in self.reasons]
            answers = [c for c in codes if c in _RIGHT_ANSWERS]
            check.expect(
                len(answers) == 1 and (answers[0] == _RIGHT_YES) is self.right,
                "reasons",
                "must give one reason for the answer: benefit.caseworker.yes exactly when right "
                "is true; benefit.caseworker.no, caseworker.no_funding or caseworker.no_rule "
                "when it is false",
            )
            check.expect(
                codes.count(BEYOND_KNOWN_LAW) == int(self.beyond_known_law),
                "reasons",
                "must include law.beyond_known exactly when beyond_known_law is true",
            )
            check.expect(
                not self.beyond_known_law or not set(answers) & _NO_RULE_USED,
                "beyond_known_law",
                "must be false when no rule was used (no funding basis, or no rule on the date)",
            )
        check.done()


_RIGHT_YES = "benefit.caseworker.yes"
_NO_FUNDING = "caseworker.no_funding"
_NO_RULE = "caseworker.no_rule"
_NO_RULE_USED = frozenset({_NO_FUNDING, _NO_RULE})
_RIGHT_ANSWERS = frozenset({_RIGHT_YES, "benefit.caseworker.no", *_NO_RULE_USED})


def coordinating_caseworker_right(citizen: Citizen, *, on: dt.date) -> CoordinatingCaseworkerRight:
    """Answer whether ``citizen`` has a right to a coordinating caseworker on ``on``.

    The right follows the funding basis (SST2019 4.1, fn. 7). A citizen with no funding basis,
    or one with no rule in force on ``on``, has no right; the reasons say which.
    """
    require(citizen, Citizen, "citizen", "must be a Citizen")
    require_day(on, "on")
    if citizen.benefit is None:
        reason = Reason(
            _NO_FUNDING,
            "Intet forsørgelsesgrundlag er oplyst; retten følger forsørgelsesgrundlaget.",
            "No funding basis is given; the right follows the funding basis.",
            _FN7,
        )
        return CoordinatingCaseworkerRight(
            citizen_id=citizen.id, on=on, right=False, beyond_known_law=False, reasons=(reason,)
        )
    try:
        rules = benefit_rules(citizen.benefit, on=on)
    except NoRuleError:
        first = LIFECYCLE.boundaries(citizen.benefit)[0].isoformat()
        reason = Reason(
            _NO_RULE,
            f"{citizen.benefit.label_da}: ingen kendt regel på datoen; reglerne gælder fra "
            f"{first}.",
            f"{citizen.benefit.label_en}: no known rule on the date; the rules apply from {first}.",
            _FN7,
        )
        return CoordinatingCaseworkerRight(
            citizen_id=citizen.id, on=on, right=False, beyond_known_law=False, reasons=(reason,)
        )
    reasons = tuple(
        r
        for r in rules.reasons
        if r.code.startswith(("benefit.caseworker", BEYOND_KNOWN_LAW))
        or (r.code.startswith("benefit.status") and r.code != "benefit.status.aaben")
    )
    return CoordinatingCaseworkerRight(
        citizen_id=citizen.id,
        on=on,
        right=rules.coordinating_caseworker,
        beyond_known_law=rules.beyond_known_law,
        reasons=reasons,
    )


@attrs.frozen(field_transformer=frozen_fields)
class CaseworkerChange:
    """A change of coordinating caseworker.

    Attributes:
        on: The first day with the new caseworker.
        from_staff_id: The caseworker before.
        to_staff_id: The caseworker after.
    """

    on: dt.date
    from_staff_id: str = attrs.field(metadata=NON_BLANK)
    to_staff_id: str = attrs.field(metadata=NON_BLANK)

    def __attrs_post_init__(self) -> None:
        """Validate every field; the caseworker after must be another than the one before."""
        check = Checker()
        check.day(self.on, "on")
        ok = check.text(self.from_staff_id, "from_staff_id")
        if check.text(self.to_staff_id, "to_staff_id") and ok:
            check.expect(
                self.to_staff_id != self.from_staff_id,
                "to_staff_id",
                "must differ from from_staff_id",
            )
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ContinuityReport:
    """Whether one coordinating caseworker covered a case over a period (SST2019 4.1, fn. 7).

    Attributes:
        citizen_id: The citizen.
        period: The period checked.
        continuous: True if one and the same coordinating caseworker covered every day.
        coordinators: The coordinating caseworkers seen, in order of first appearance.
        changes: Each change from one coordinating caseworker to another.
        gaps: Spans with no coordinating caseworker.
        overlaps: Spans with more than one coordinating caseworker at once.
        reasons: The cited explanation.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    period: Period
    continuous: bool
    coordinators: tuple[str, ...]
    changes: tuple[CaseworkerChange, ...]
    gaps: tuple[Period, ...]
    overlaps: tuple[Period, ...]
    reasons: tuple[Reason, ...]

    def __attrs_post_init__(self) -> None:
        """Check every field, and that the findings fit the period and agree with each other.

        The rules are those of [`check_continuity`][helhed.organisation.check_continuity]:
        gaps and overlaps lie within the period, in order, apart from each other; each change
        falls on a day with one caseworker and starts from the caseworker the change before
        ended with; ``continuous`` is true exactly when nothing was found.
        """
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        ok = check.expect(isinstance(self.period, Period), "period", "must be a Period")
        ok &= check.flag(self.continuous, "continuous")
        ok &= _check_names(check, self.coordinators, "coordinators")
        ok &= check.each(self.changes, CaseworkerChange, "changes")
        ok &= check.each(self.gaps, Period, "gaps")
        ok &= check.each(self.overlaps, Period, "overlaps")
        ok &= check.each(self.reasons, Reason, "reasons")
        if ok:
            _check_spans(check, self.gaps, "gaps", self.period)
            _check_spans(check, self.overlaps, "overlaps", self.period)
            for i, overlap in enumerate(self.overlaps):
                check.expect(
                    not any(_meet(overlap, gap) for gap in self.gaps),
                    f"overlaps[{i}]",
                    "must not share a day with a gap",
                )
            self._check_changes(check)
            self._check_coordinators(check)
            found = bool(self.gaps or self.overlaps or self.changes)
            if check.expect(
                self.continuous is not found,
                "continuous",
                "must be true exactly when there are no gaps, overlaps or changes",
            ):
                check.expect(
                    tuple(r.code for r in self.reasons)
                    == _continuity_codes(
                        self.continuous,
                        changes=self.changes,
                        gaps=self.gaps,
                        overlaps=self.overlaps,
                    ),
                    "reasons",
                    "must be continuity.ok when continuous, otherwise one reason for each of "
                    "changes, gaps and overlaps that is not empty, in that order",
                )
        check.done()

    def _check_changes(self, check: Checker) -> None:
        """Changes in order inside the period, on days with one caseworker, each from the last."""
        before: CaseworkerChange | None = None
        for i, change in enumerate(self.changes):
            path = f"changes[{i}]"
            check.expect(
                self.period.start < change.on <= self.period.end,
                f"{path}.on",
                "must lie within period, after its first day",
            )
            check.expect(
                before is None or change.on > before.on,
                f"{path}.on",
                "must be after the change before",
            )
            check.expect(
                not any(change.on in span for span in (*self.gaps, *self.overlaps)),
                f"{path}.on",
                "must not fall in a gap or an overlap",
            )
            check.expect(
                before is None or change.from_staff_id == before.to_staff_id,
                f"{path}.from_staff_id",
                "must be the caseworker the change before changed to",
            )
            for name in ("from_staff_id", "to_staff_id"):
                check.expect(
                    getattr(change, name) in self.coordinators,
                    f"{path}.{name}",
                    "must be one of coordinators",
                )
            before = change

    def _check_coordinators(self, check: Checker) -> None:
        """None exactly when all is a gap; several only with a change or an overlap."""
        count = len(self.coordinators)
        check.expect(
            (count == 0) is (self.gaps == (self.period,)),
            "coordinators",
            "must be empty exactly when the whole period is one gap",
        )
        check.expect(
            count <= 1 or bool(self.changes or self.overlaps),
            "coordinators",
            "may list more than one caseworker only with a change or an overlap",
        )
        check.expect(
            count >= 2 or not self.overlaps,
            "coordinators",
            "must list at least two caseworkers when there is an overlap",
        )


def check_continuity(history: CaseworkerHistory, period: Period) -> ContinuityReport:
    """Check that one coordinating caseworker covers ``period`` without gaps or changes.

    Only assignments marked ``coordinating`` count. Over the period, every day must have
    exactly one coordinating caseworker, and it must be the same person throughout.

    Args:
        history: The case's caseworker assignments.
        period: The days to check, e.g. the span in which the citizen has the right.

    Returns:
        The report, with each change, gap and overlap found.
    """
    require(history, CaseworkerHistory, "history", "must be a CaseworkerHistory")
    require(period, Period, "period", "must be a Period")
    coordinating = [a for a in history.assignments if a.coordinating]
    gaps: list[Period] = []
    overlaps: list[Period] = []
    changes: list[CaseworkerChange] = []
    coordinators: list[str] = []
    holder: str | None = None
    for span, holders in _segments(coordinating, period):
        if not holders:
            _extend(gaps, span)
            continue
        if len(holders) > 1:
            _extend(overlaps, span)
        for staff_id in holders:
            if staff_id not in coordinators:
                coordinators.append(staff_id)
        if len(holders) == 1:
            (current,) = holders
            if holder is not None and current != holder:
                changes.append(CaseworkerChange(span.start, holder, current))
            holder = current
    continuous = not gaps and not overlaps and not changes and len(coordinators) == 1
    return ContinuityReport(
        citizen_id=history.citizen_id,
        period=period,
        continuous=continuous,
        coordinators=tuple(coordinators),
        changes=tuple(changes),
        gaps=tuple(gaps),
        overlaps=tuple(overlaps),
        reasons=_continuity_reasons(continuous, changes, gaps, overlaps),
    )


def _segments(
    assignments: list[CaseworkerAssignment], period: Period
) -> Iterator[tuple[Period, tuple[str, ...]]]:
    """Split ``period`` into spans within which the same caseworkers are assigned.

    The cuts are day numbers (``date.toordinal``), so that the day after 9999-12-31, where a
    period or an assignment may end, can be counted.
    """
    first, after_last = period.start.toordinal(), period.end.toordinal() + 1
    cuts = {first, after_last}
    for a in assignments:
        cuts.add(a.start.toordinal())
        if a.end is not None:
            cuts.add(a.end.toordinal() + 1)
    points = sorted(c for c in cuts if first <= c <= after_last)
    for start, after in itertools.pairwise(points):
        day = dt.date.fromordinal(start)
        holders = tuple(sorted({a.staff_id for a in assignments if a.covers(day)}))
        yield Period(day, dt.date.fromordinal(after - 1)), holders


def _extend(spans: list[Period], span: Period) -> None:
    """Append ``span``, merging it with the last span if they touch."""
    if spans and (span.start - spans[-1].end).days == 1:
        spans[-1] = Period(spans[-1].start, span.end)
    else:
        spans.append(span)


def _check_names(check: Checker, names: object, path: str) -> bool:
    """Check for a tuple of staff ids, none blank and none twice."""
    if not isinstance(names, tuple):
        check.fail(path, "must be a tuple")
        return False
    ok = True
    for i, name in enumerate(names):
        if check.text(name, f"{path}[{i}]"):
            ok &= check.expect(names.index(name) == i, f"{path}[{i}]", "is a duplicate")
        else:
            ok = False
    return ok


def _check_spans(check: Checker, spans: tuple[Period, ...], path: str, period: Period) -> None:
    """Spans inside ``period``, in order, with at least one day between one and the next."""
    for i, span in enumerate(spans):
        check.expect(
            period.start <= span.start and span.end <= period.end,
            f"{path}[{i}]",
            "must lie within period",
        )
        check.expect(
            i == 0 or (span.start - spans[i - 1].end).days > 1,
            f"{path}[{i}]",
            "must start after the one before, with at least a day between them",
        )


def _meet(a: Period, b: Period) -> bool:
    """True if the two periods share a day."""
    return a.start <= b.end and b.start <= a.end


_CONTINUOUS = "continuity.ok"
_CHANGED = "continuity.changed"
_GAP = "continuity.gap"
_OVERLAP = "continuity.overlap"


def _continuity_codes(
    continuous: bool,  # noqa: FBT001
    *,
    changes: Sequence[CaseworkerChange],
    gaps: Sequence[Period],
    overlaps: Sequence[Period],
) -> tuple[str, ...]:
    """The codes of the reasons `check_continuity` gives, in its order."""
    if continuous:
        return (_CONTINUOUS,)
    found = ((_CHANGED, changes), (_GAP, gaps), (_OVERLAP, overlaps))
    return tuple(code for code, spans in found if spans)


def _continuity_reasons(
    continuous: bool,  # noqa: FBT001
    changes: list[CaseworkerChange],
    gaps: list[Period],
    overlaps: list[Period],
) -> tuple[Reason, ...]:
    if continuous:
        return (
            Reason(
                _CONTINUOUS,
                "Én gennemgående koordinerende sagsbehandler i hele perioden.",
                "One continuous coordinating caseworker throughout the period.",
                _FN7,
            ),
        )
    reasons = []
    if changes:
        reasons.append(
            Reason(
                _CHANGED,
                f"Den koordinerende sagsbehandler skiftede {len(changes)} gang(e).",
                f"The coordinating caseworker changed {len(changes)} time(s).",
                _FN7,
            )
        )
    if gaps:
        days = sum(g.days for g in gaps)
        reasons.append(
            Reason(
                _GAP,
                f"{days} dag(e) uden koordinerende sagsbehandler.",
                f"{days} day(s) without a coordinating caseworker.",
                _FN7,
            )
        )
    if overlaps:
        days = sum(o.days for o in overlaps)
        reasons.append(
            Reason(
                _OVERLAP,
                f"{days} dag(e) med mere end én koordinerende sagsbehandler.",
                f"{days} day(s) with more than one coordinating caseworker.",
                _FN7,
            )
        )
    return tuple(reasons)
