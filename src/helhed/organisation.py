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
from collections.abc import Iterator

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed.benefits import LIFECYCLE, benefit_rules
from helhed.citizens import Citizen
from helhed.errors import NoRuleError
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
_ONE_DAY = dt.timedelta(days=1)


class Administration(CodedEnum):
    """A municipal administration (forvaltning) or outside authority the sources name."""

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


@attrs.frozen
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class CoordinatingCaseworkerRight:
    """Whether a citizen has a right to a coordinating caseworker on a date.

    Attributes:
        citizen_id: The citizen.
        on: The date.
        right: True if the citizen has the right.
        beyond_known_law: True if the rule used lies past the last known reform.
        reasons: The cited explanation.
    """

    citizen_id: str
    on: dt.date
    right: bool
    beyond_known_law: bool
    reasons: tuple[Reason, ...]


def coordinating_caseworker_right(citizen: Citizen, *, on: dt.date) -> CoordinatingCaseworkerRight:
    """Answer whether ``citizen`` has a right to a coordinating caseworker on ``on``.

    The right follows the funding basis (SST2019 4.1, fn. 7). A citizen with no funding basis,
    or one with no rule in force on ``on``, has no right; the reasons say which.
    """
    if citizen.benefit is None:
        reason = Reason(
            "caseworker.no_funding",
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
            "caseworker.no_rule",
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
        if r.code.startswith(("benefit.caseworker", "law.beyond_known"))
        or (r.code.startswith("benefit.status") and r.code != "benefit.status.aaben")
    )
    return CoordinatingCaseworkerRight(
        citizen_id=citizen.id,
        on=on,
        right=rules.coordinating_caseworker,
        beyond_known_law=rules.beyond_known_law,
        reasons=reasons,
    )


@attrs.frozen
class CaseworkerChange:
    """A change of coordinating caseworker.

    Attributes:
        on: The first day with the new caseworker.
        from_staff_id: The caseworker before.
        to_staff_id: The caseworker after.
    """

    on: dt.date
    from_staff_id: str
    to_staff_id: str


@attrs.frozen(kw_only=True)
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

    citizen_id: str
    period: Period
    continuous: bool
    coordinators: tuple[str, ...]
    changes: tuple[CaseworkerChange, ...]
    gaps: tuple[Period, ...]
    overlaps: tuple[Period, ...]
    reasons: tuple[Reason, ...]


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
    """Split ``period`` into spans within which the same caseworkers are assigned."""
    cuts = {period.start, period.end + _ONE_DAY}
    for a in assignments:
        cuts.add(a.start)
        if a.end is not None:
            cuts.add(a.end + _ONE_DAY)
    points = sorted(c for c in cuts if period.start <= c <= period.end + _ONE_DAY)
    for start, after in itertools.pairwise(points):
        holders = tuple(sorted({a.staff_id for a in assignments if a.covers(start)}))
        yield Period(start, after - _ONE_DAY), holders


def _extend(spans: list[Period], span: Period) -> None:
    """Append ``span``, merging it with the last span if they touch."""
    if spans and spans[-1].end + _ONE_DAY == span.start:
        spans[-1] = Period(spans[-1].start, span.end)
    else:
        spans.append(span)


def _continuity_reasons(
    continuous: bool,  # noqa: FBT001
    changes: list[CaseworkerChange],
    gaps: list[Period],
    overlaps: list[Period],
) -> tuple[Reason, ...]:
    if continuous:
        return (
            Reason(
                "continuity.ok",
                "Én gennemgående koordinerende sagsbehandler i hele perioden.",
                "One continuous coordinating caseworker throughout the period.",
                _FN7,
            ),
        )
    reasons = []
    if changes:
        reasons.append(
            Reason(
                "continuity.changed",
                f"Den koordinerende sagsbehandler skiftede {len(changes)} gang(e).",
                f"The coordinating caseworker changed {len(changes)} time(s).",
                _FN7,
            )
        )
    if gaps:
        days = sum(g.days for g in gaps)
        reasons.append(
            Reason(
                "continuity.gap",
                f"{days} dag(e) uden koordinerende sagsbehandler.",
                f"{days} day(s) without a coordinating caseworker.",
                _FN7,
            )
        )
    if overlaps:
        days = sum(o.days for o in overlaps)
        reasons.append(
            Reason(
                "continuity.overlap",
                f"{days} dag(e) med mere end én koordinerende sagsbehandler.",
                f"{days} day(s) with more than one coordinating caseworker.",
                _FN7,
            )
        )
    return tuple(reasons)
