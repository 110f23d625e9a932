"""Model 2: cross-disciplinary collaboration, coordination and knowledge sharing (SST2019 kap. 7).

SST2019 calls model 2 "en mindre omfattende model": a less extensive model. Its content
elements are a *joint visitation* (fælles visitation) of citizens based on a
cross-disciplinary assessment, job centre staff able to spot complex needs across
professions, recurring cross-disciplinary meetings, an intervention catalogue and/or
sundhed.dk, and training offers. The teams and forums resemble
the statutory rehabilitation team but are not bound by law, so they must be anchored in the
organisation rather than in personal relations. The comparison is with the law SST2019
describes: from 1 July 2026 at the latest (lov nr. 1750 af 29.12.2025) the law requires no
rehabilitation team; [`rehabilitation_team`][helhed.authority.rehabilitation_team] answers for
a day.

Two values carry the model:

* [`JointVisitation`][helhed.models.coordination.JointVisitation]: the decision that sends a
  citizen to concrete activities. It rests on a cross-disciplinary assessment (kap. 7:
  "Fælles visitation af borgere på baggrund af en tværfaglig vurdering af borgerne"); it
  refuses to exist otherwise. The source gives no number of professions: "at least two" is
  helhed's reading of "tværfaglig" (across professions, so more than one), see
  [`MIN_PROFESSIONS`][helhed.models.coordination.MIN_PROFESSIONS]. That registration and
  sanctions are accepted is a prerequisite of the municipality, not a condition of each
  decision: the general prerequisite ``general.registration_sanctions`` of SST2019 kap. 5
  ("Accept af de præmisser, som tilbud til ledige er underlagt, hvad angår registreringer og
  mulighed for sanktionering") and Vordingborg's premise (7.1: "hvorfor det må accepteres, at
  der arbejdes med registreringer og sanktionering"), checked by
  [`readiness`][helhed.models.readiness.readiness].
  [`visitation_events`][helhed.models.coordination.visitation_events] turns it into the
  pathway events it implies.
* [`MeetingSeries`][helhed.models.coordination.MeetingSeries]: recurring meetings - weekly,
  quarterly or half-yearly (SST2019 7.2) - built on ``dateutil.rrule``.

Quarterly and half-yearly series count calendar months from their first meeting. A series
that starts on the 29th, 30th or 31st meets on that day where the month has it and on the
month's last day where it does not: no month is skipped, and the day does not drift (a
series from 31 January meets 30 April, then 31 July). Refusing such starts would turn away
real meeting dates, and dateutil's plain monthly rule would silently skip the short months;
the RFC 5545 rule ``BYMONTHDAY=31,-1;BYSETPOS=1`` says exactly "the 31st, or the last day".

[`COORDINATION`][helhed.models.coordination.COORDINATION] holds the model's rules:

| rule | demand |
|---|---|
| ``model2.assessment_before_plan`` | a plan rests on a joint visitation: an assessment first |
| ``model2.assessment_cross_disciplinary`` | an assessment has at least two professions |

Examples:
    >>> import datetime as dt
    >>> import attrs
    >>> from helhed.organisation import Administration as A
    >>> weekly = MeetingSeries(name="Jobkonsulent i genoptræningen", frequency=Frequency.WEEKLY,
    ...                        starts=dt.date(2024, 1, 8), participants=frozenset({A.JOB_CENTRE}))
    >>> [d.isoformat() for d in weekly.next_dates(dt.date(2024, 1, 10), 3)]
    ['2024-01-15', '2024-01-22', '2024-01-29']
    >>> weekly.to_rrule_line()
    'RRULE:FREQ=WEEKLY'
    >>> quarterly = attrs.evolve(weekly, frequency=Frequency.QUARTERLY, starts=dt.date(2024, 1, 31),
    ...                          ends=dt.date(2024, 12, 31))
    >>> [d.isoformat() for d in quarterly.between(dt.date(2024, 1, 1), dt.date(2024, 12, 31))]
    ['2024-01-31', '2024-04-30', '2024-07-31', '2024-10-31']
    >>> quarterly.to_rrule_line()
    'RRULE:FREQ=MONTHLY;INTERVAL=3;UNTIL=20241231T000000;BYSETPOS=1;BYMONTHDAY=31,-1'
"""

from __future__ import annotations

import datetime as dt

import attrs
from dateutil import rrule

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK, REDACT, SENSITIVE
from helhed._validation import Checker
from helhed._values import frozen_fields, plain
from helhed.collaboration import CollaborationModel
from helhed.errors import require
from helhed.models.early_detection import assessment_rules
from helhed.organisation import Administration, Role, Team
from helhed.pathways.events import AssessmentHeld, Event, PlanCreated, PlanItemAdded
from helhed.rules import Protocol
from helhed.sources import Citation, Stated

__all__ = [
    "COORDINATION",
    "MIN_PROFESSIONS",
    "RULES",
    "Activity",
    "ActivityKind",
    "Frequency",
    "JointVisitation",
    "MeetingSeries",
    "visitation_events",
]

_KAP7 = Citation("SST2019", "kap. 7")

MIN_PROFESSIONS = 2
"""A cross-disciplinary assessment has at least this many professions.

SST2019 kap. 7 and 7.1 ask for "en tværfaglig vurdering" and give no number. Two is
helhed's reading: "tværfaglig" means across professions, and the fewest that can be across
is two.
"""

# Monthly rules from these days would skip months that lack the day.
_SHORT_MONTH_DAYS = 29


class ActivityKind(CodedEnum):
    """What an activity chosen at a joint visitation aims at (SST2019 7.1).

    The two kinds are Vordingborg's (7.1: "Selve indsatserne består af erhvervsrettede og
    sundhedsfremmende aktiviteter"). Kap. 7 does not name kinds of activity for the model;
    using Vordingborg's two for every joint visitation is helhed's reading, as the case is
    the chapter's example of a joint visitation.
    """

    WORK_DIRECTED = ("erhvervsrettet", "Erhvervsrettet aktivitet", "Work-directed activity")
    HEALTH_PROMOTING = (
        "sundhedsfremmende",
        "Sundhedsfremmende aktivitet",
        "Health-promoting activity",
    )


class Frequency(CodedEnum):
    """How often a meeting series meets (SST2019 7.2)."""

    WEEKLY = ("ugentlig", "Ugentlig", "Weekly")
    QUARTERLY = ("kvartalsvis", "Kvartalsvis", "Quarterly")
    HALF_YEARLY = ("halvaarlig", "Halvårlig", "Half-yearly")

    @property
    def months(self) -> int | None:
        """Calendar months between meetings; None for a weekly series."""
        return {Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6}.get(self)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Activity:
    """An activity chosen at a joint visitation: one offer, who runs it, and when.

    Attributes:
        offer: The offer, e.g. ``stresshåndtering`` or ``genoptræning``.
        kind: Work-directed or health-promoting.
        administration: The administration responsible for it.
        profession: The profession (role) that carries it out.
        start: Its first day; not before the visitation.
        end: Its last day, if set.
    """

    offer: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})
    kind: ActivityKind
    administration: Administration
    profession: Role
    start: dt.date
    end: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        """Validate every field; raise all problems at once."""
        check = Checker()
        check.text(self.offer, "offer")
        check.member(self.kind, ActivityKind, "kind")
        check.member(self.administration, Administration, "administration")
        check.member(self.profession, Role, "profession")
        start_ok = check.day(self.start, "start")
        if check.day(self.end, "end", optional=True) and start_ok and self.end is not None:
            check.expect(self.end >= self.start, "end", "must not be before start")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class JointVisitation:
    """A joint visitation (fælles visitation) of a citizen to activities (SST2019 kap. 7, 7.1).

    The decision rests on a cross-disciplinary assessment ("en tværfaglig vurdering", kap. 7)
    by staff of at least two professions - the number is helhed's reading, see
    [`MIN_PROFESSIONS`][helhed.models.coordination.MIN_PROFESSIONS] - and chooses activities,
    each work-directed or health-promoting (Vordingborg's two kinds, 7.1; applied to every
    joint visitation as helhed's reading, see
    [`ActivityKind`][helhed.models.coordination.ActivityKind]). A decision that lacks any of
    these is refused with a [`ValidationError`][helhed.errors.ValidationError] naming the
    field. The acceptance of registration and sanctions is the municipality's
    prerequisite (SST2019 kap. 5; Vordingborg's premise, 7.1), checked once for the
    municipality by [`readiness`][helhed.models.readiness.readiness] under
    ``general.registration_sanctions``, not on each decision.

    Attributes:
        citizen_id: The citizen.
        decided_on: The day of the visitation.
        team: The team that visits, with its members' professions and administrations.
        assessment: The cross-disciplinary assessment the decision rests on: of the same
            citizen, held on or before ``decided_on``, with at least two professions.
        activities: The activities chosen; at least one, none starting before ``decided_on``.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    decided_on: dt.date
    team: Team
    assessment: AssessmentHeld
    activities: tuple[Activity, ...]

    def __attrs_post_init__(self) -> None:
        """Validate every field; raise all problems at once."""
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        day_ok = check.day(self.decided_on, "decided_on")
        check.expect(isinstance(self.team, Team), "team", "must be a Team")
        if check.expect(
            isinstance(self.assessment, AssessmentHeld), "assessment", "must be an AssessmentHeld"
        ):
            self._check_assessment(check, day_ok=day_ok)
        if check.each(self.activities, Activity, "activities") and check.expect(
            bool(self.activities), "activities", "must name at least one activity"
        ):
            for i, activity in enumerate(self.activities):
                check.expect(
                    not day_ok or activity.start >= self.decided_on,
                    f"activities[{i}].start",
                    "must not be before decided_on; activities start after the visitation",
                )
        check.done()

    def _check_assessment(self, check: Checker, *, day_ok: bool) -> None:
        assessment = self.assessment
        check.expect(
            assessment.citizen_id == self.citizen_id,
            "assessment.citizen_id",
            "must be the visitation's citizen",
        )
        check.expect(
            not day_ok or assessment.occurred_on <= self.decided_on,
            "assessment.occurred_on",
            "must not be after decided_on; the visitation rests on the assessment",
        )
        check.expect(
            len(assessment.professions) >= MIN_PROFESSIONS,
            "assessment.professions",
            f"must name at least {MIN_PROFESSIONS} professions; a joint visitation rests on a "
            "cross-disciplinary assessment (SST2019 kap. 7)",
        )

    @property
    def professions(self) -> frozenset[Role]:
        """The professions of the assessment the decision rests on."""
        return self.assessment.professions

    @property
    def kinds(self) -> frozenset[ActivityKind]:
        """The kinds of activity chosen."""
        return frozenset(a.kind for a in self.activities)


def visitation_events(
    visitation: JointVisitation,
    *,
    plan_id: str | None = None,
    recorded_by: Administration = Administration.JOB_CENTRE,
    with_assessment: bool = True,
) -> tuple[Event, ...]:
    """The pathway events a joint visitation implies, in log order.

    They are the assessment (unless ``with_assessment`` is False, for a log that already holds
    it), then on ``decided_on`` a ``PlanCreated`` and one ``PlanItemAdded`` per activity, item
    ids ``a-1``, ``a-2``, ... in the order of the activities.

    Args:
        visitation: The decision.
        plan_id: The plan's id; ``visitation-<decided_on>`` by default.
        recorded_by: Who records the plan; the job centre by default, as the visitation is
            employment work.
        with_assessment: Include the assessment event first.

    Raises:
        ValidationError: If ``plan_id`` is blank or ``recorded_by`` is not an Administration.
    """
    require(visitation, JointVisitation, "visitation", "must be a JointVisitation")
    plan = f"visitation-{visitation.decided_on.isoformat()}" if plan_id is None else plan_id
    check = Checker()
    check.text(plan, "plan_id")
    check.member(recorded_by, Administration, "recorded_by")
    check.done()
    cid, day = visitation.citizen_id, visitation.decided_on
    items = tuple(
        PlanItemAdded(
            citizen_id=cid,
            occurred_on=day,
            recorded_by=recorded_by,
            plan_id=plan,
            item_id=f"a-{n}",
            offer=activity.offer,
            administration=activity.administration,
            profession=activity.profession,
            start=activity.start,
            end=activity.end,
        )
        for n, activity in enumerate(visitation.activities, start=1)
    )
    first: tuple[Event, ...] = (visitation.assessment,) if with_assessment else ()
    plan_created = PlanCreated(
        citizen_id=cid, occurred_on=day, recorded_by=recorded_by, plan_id=plan
    )
    return (*first, plan_created, *items)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class MeetingSeries:
    """A recurring cross-disciplinary meeting (SST2019 kap. 7, 7.2).

    The first meeting is on ``starts``; a weekly series meets on the same weekday every week,
    a quarterly or half-yearly one every 3 or 6 calendar months on the day of the month of
    ``starts`` - or the month's last day, when the month is shorter (see the module).

    Attributes:
        name: What the meetings are called.
        frequency: Weekly, quarterly or half-yearly.
        starts: The day of the first meeting.
        participants: The administrations taking part; at least one.
        ends: The last day a meeting may fall on, if the series ends.
        roles: The professions taking part, where known.
        text_da: Who meets and why, in Danish; optional, with ``text_en``.
        text_en: The same in English.
        citation: Where the series is described, if anywhere.
    """

    name: str = attrs.field(metadata=NON_BLANK)
    frequency: Frequency
    starts: dt.date
    participants: frozenset[Administration]
    ends: dt.date | None = None
    roles: frozenset[Role] = frozenset()
    text_da: str | None = attrs.field(default=None, metadata=NON_BLANK)
    text_en: str | None = attrs.field(default=None, metadata=NON_BLANK)
    citation: Citation | None = None

    def __attrs_post_init__(self) -> None:
        """Validate every field; raise all problems at once."""
        check = Checker()
        check.text(self.name, "name")
        check.member(self.frequency, Frequency, "frequency")
        starts_ok = check.day(self.starts, "starts")
        if check.members(self.participants, Administration, "participants"):
            check.expect(bool(self.participants), "participants", "must name at least one")
        if check.day(self.ends, "ends", optional=True) and starts_ok and self.ends is not None:
            check.expect(self.ends >= self.starts, "ends", "must not be before starts")
        check.members(self.roles, Role, "roles")
        check.text(self.text_da, "text_da", optional=True)
        check.text(self.text_en, "text_en", optional=True)
        check.expect(
            (self.text_da is None) == (self.text_en is None),
            "text_en",
            "must be given together with text_da",
        )
        check.expect(
            self.citation is None or isinstance(self.citation, Citation),
            "citation",
            "must be a Citation",
        )
        check.done()

    @property
    def rrule(self) -> rrule.rrule:
        """The series as a ``dateutil`` rule over midnights (naive ``datetime`` values)."""
        until = None if self.ends is None else _midnight(self.ends)
        start = _midnight(self.starts)
        months = self.frequency.months
        if months is None:
            return rrule.rrule(rrule.WEEKLY, dtstart=start, until=until)
        if self.starts.day < _SHORT_MONTH_DAYS:
            return rrule.rrule(rrule.MONTHLY, interval=months, dtstart=start, until=until)
        # The day itself, or the month's last day when the month has no such day.
        return rrule.rrule(
            rrule.MONTHLY,
            interval=months,
            dtstart=start,
            until=until,
            bymonthday=(self.starts.day, -1),
            bysetpos=1,
        )

    def next_dates(self, after: dt.date, n: int) -> tuple[dt.date, ...]:
        """The next ``n`` meeting days strictly after ``after``; fewer if the series ends.

        Raises:
            ValidationError: If ``after`` is not a date or ``n`` not a whole number of 0 or more.
        """
        n = plain(n)
        check = Checker()
        check.day(after, "after")
        check.whole(n, "n")
        check.done()
        if n == 0:
            return ()
        return tuple(m.date() for m in self.rrule.xafter(_midnight(after), count=n, inc=False))

    def between(self, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
        """The meeting days from ``start`` to ``end``, both included.

        Raises:
            ValidationError: If either is not a date or ``end`` is before ``start``.
        """
        check = Checker()
        if check.day(start, "start") & check.day(end, "end"):
            check.expect(end >= start, "end", "must not be before start")
        check.done()
        found = self.rrule.between(_midnight(start), _midnight(end), inc=True)
        return tuple(m.date() for m in found)

    def to_rrule_line(self) -> str:
        """The series as an iCalendar (RFC 5545) ``RRULE`` content line, as dateutil writes it.

        The line is ``RRULE:FREQ=WEEKLY`` or ``RRULE:FREQ=MONTHLY;INTERVAL=3`` (``6`` for
        half-yearly): dateutil leaves out ``INTERVAL=1``, the RFC's default. A series that
        ends adds ``UNTIL=YYYYMMDDT000000``, a floating (zone-less) midnight matching the
        floating ``DTSTART`` of [`rrule`][helhed.models.coordination.MeetingSeries.rrule];
        a monthly series from the 29th-31st adds ``BYSETPOS=1;BYMONTHDAY=<day>,-1``. The
        ``DTSTART`` line is not part of it; ``str(series.rrule)`` gives both.
        """
        lines = str(self.rrule).splitlines()
        return next(line for line in lines if line.startswith("RRULE:"))


RULES = assessment_rules(
    "model2",
    _KAP7,
    before=(
        "Fælles visitation sker på baggrund af en tværfaglig vurdering af borgeren.",
        "A joint visitation rests on a cross-disciplinary assessment of the citizen.",
    ),
    across=(
        "Vurderingen bag visitationen går på tværs af mindst to faggrupper.",
        "The assessment behind the visitation spans at least two professions.",
    ),
    minimum=MIN_PROFESSIONS,
    bases=(
        Stated("Fælles visitation af borgere på baggrund af en tværfaglig vurdering af borgerne"),
        Stated("en tværfaglig vurdering af borgerne"),
    ),
)
"""The rules of model 2, each citing SST2019 kapitel 7."""

COORDINATION = Protocol(
    id="model2",
    name_da="Tværfagligt samarbejde, koordination og vidensdeling",
    name_en="Cross-disciplinary collaboration, coordination and knowledge sharing",
    model=CollaborationModel.COORDINATION,
    rules=RULES,
    citation=_KAP7,
)
"""Model 2 as a protocol; the municipal cases (``helhed.cases``) build on it."""
