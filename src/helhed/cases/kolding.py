"""Kolding, *Sund på Tværs*: early detection of mental health problems with WHO-5 (SST2019 6.2).

Advisers refer citizens they suspect of mental health problems (anxiety, stress, depression,
PTSD). A psychologist screens them with WHO-5 and talks with them; a citizen with both a
*need* and the *motivation* starts a course of 12-14 weeks, five days a week at fixed times,
the first week three days (team building and trust). The content includes the KRAMS factors,
physical activity, mindfulness and/or psychoeducation chosen by the WHO-5 score, a network
part and company-directed activities. At the end the citizen is screened again to see the
progression, and may take a new course. A team is typically 20 citizens, about 10 of them
returning. Target: job-ready citizens, flex job, sickness benefit and activity-ready cash
benefit.

What the source leaves open, and helhed's default (each a parameter):

* which three days the first week has: the course starts on a Monday, Tuesday or Wednesday
  and the first week holds three consecutive weekdays from the start;
* the times of day: none by default (pass ``starts_at`` and ``ends_at`` to get sessions);
* which WHO-5 result leads to which content:
  [`CONTENT_BY_BAND`][helhed.cases.kolding.CONTENT_BY_BAND];
* which WHO-5 result shows a *need*: the source does not say; by default a percentage of
  [`NEED_AT_MOST`][helhed.cases.kolding.NEED_AT_MOST] (50) or less, the cut-off for poor
  well-being of the WHO-5 instrument (WHO5), or an item answered 0 or 1 - helhed's reading
  ([`NEED_READING`][helhed.cases.kolding.NEED_READING]), a parameter of
  [`course_decision`][helhed.cases.kolding.course_decision];
* what "at the end" means for the re-screening: within 7 days before or after the last
  course day.

Examples:
    >>> import datetime as dt
    >>> days = course_days(dt.date(2024, 1, 3), weeks=12)
    >>> len(days), days[0].isoformat(), days[3].isoformat()
    (58, '2024-01-03', '2024-01-08')
    >>> len(course_days(dt.date(2024, 1, 3), weeks=14))
    68
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs
from dateutil import rrule

from helhed._coded import CodedEnum
from helhed._meta import REDACT, SENSITIVE
from helhed._validation import Checker
from helhed._values import frozen_fields, plain
from helhed.benefits import Benefit
from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.errors import ValidationError, require
from helhed.groups import RiskGroup
from helhed.pathways.events import (
    InterventionStarted,
    ScreeningRecorded,
)
from helhed.rules import Protocol, RescreenedAtEnd, precedes, when
from helhed.screening._base import Interpretation
from helhed.sources import Citation, Reading, Reason, Stated

__all__ = [
    "CONTENT_BY_BAND",
    "COURSE",
    "KOLDING",
    "NEED_AT_MOST",
    "NEED_READING",
    "RESULTS",
    "TEAM_RETURNING",
    "TEAM_SIZE",
    "CourseDecision",
    "CourseModule",
    "TeamMember",
    "TeamRoster",
    "course_content",
    "course_days",
    "course_decision",
    "course_sessions",
]

_CITE = Citation("SST2019", "6.2")

COURSE = "Sund på Tværs"
"""The course's name, as the ``offer`` of its events."""

TEAM_SIZE = 20
"""A team is typically 20 citizens (SST2019 6.2)."""

TEAM_RETURNING = 10
"""Of whom typically 10 are returning (SST2019 6.2)."""

NEED_AT_MOST = 50
"""helhed's default: a WHO-5 percentage score at or below this shows a need for the course.

SST2019 6.2 says the course starts when the screening shows a need, but not which score does;
50 is the instrument's own cut-off for poor well-being (WHO5, ``who5.BANDS``). A reading, see
[`NEED_READING`][helhed.cases.kolding.NEED_READING]; pass ``need_at_most`` to
[`course_decision`][helhed.cases.kolding.course_decision] for the municipality's own."""

NEED_READING = Reading(
    "SST2019 6.2 siger, at borgeren begynder, hvis screeningen viser behov, men ikke hvilken "
    "score der viser behov. helhed bruger WHO-5-instrumentets egen grænse for dårlig trivsel, "
    "en procentscore på 50 eller derunder, eller et spørgsmål besvaret med 0 eller 1 (WHO5).",
    "SST2019 6.2 says the citizen starts if the screening shows a need, but not which score "
    "shows one. helhed uses the WHO-5 instrument's own cut-off for poor well-being, a "
    "percentage score of 50 or less, or an item answered 0 or 1 (WHO5).",
)
"""Why the default need cut-off is helhed's reading, not Kolding's (WHO5)."""

_WEEKS = range(12, 15)
_FIRST_WEEK_DAYS = 3


class CourseModule(CodedEnum):
    """A part of the course chosen by the WHO-5 result (SST2019 6.2)."""

    MINDFULNESS = ("mindfulness", "Mindfulness", "Mindfulness")
    PSYCHOEDUCATION = ("psykoedukation", "Psykoedukation", "Psychoeducation")


CONTENT_BY_BAND: Mapping[str, frozenset[CourseModule]] = MappingProxyType(
    {
        "likely_depression": frozenset({CourseModule.PSYCHOEDUCATION}),
        "poor": frozenset({CourseModule.PSYCHOEDUCATION, CourseModule.MINDFULNESS}),
        "good": frozenset({CourseModule.MINDFULNESS}),
    }
)
"""helhed's default choice of content by WHO-5 band (``who5.BANDS``): the source says the
choice follows the score but not how; replace it with the municipality's own."""


def course_days(
    start: dt.date, *, weeks: int, closed: Iterable[dt.date] = ()
) -> tuple[dt.date, ...]:
    """The attendance days of a course of ``weeks`` weeks starting on ``start``.

    The first week holds three consecutive weekdays from ``start``; every later week is
    Monday to Friday. Days in ``closed`` (holidays, closing days) are left out, not made up.

    Raises:
        ValidationError: If ``weeks`` is not 12-14 or ``start`` is not a Monday, Tuesday or
            Wednesday.
    """
    weeks = plain(weeks)
    check = Checker()
    if check.whole(weeks, "weeks"):
        check.expect(weeks in _WEEKS, "weeks", "must be 12, 13 or 14 (SST2019 6.2)")
    if check.day(start, "start"):
        check.expect(start.weekday() <= 2, "start", "must be a Monday, Tuesday or Wednesday")
    check.done()
    monday = start - dt.timedelta(days=start.weekday())
    days = rrule.rruleset()
    days.rrule(rrule.rrule(rrule.DAILY, dtstart=_midnight(start), count=_FIRST_WEEK_DAYS))
    days.rrule(
        rrule.rrule(
            rrule.DAILY,
            dtstart=_midnight(monday + dt.timedelta(weeks=1)),
            until=_midnight(monday + dt.timedelta(weeks=weeks - 1, days=4)),
            byweekday=(rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR),
        )
    )
    for day in closed:
        days.exdate(_midnight(day))
    return tuple(moment.date() for moment in days)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def course_sessions(
    start: dt.date,
    *,
    weeks: int,
    starts_at: dt.time,
    ends_at: dt.time,
    closed: Iterable[dt.date] = (),
) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """The course's sessions at fixed times: (start, end) of each attendance day.

    Raises:
        ValidationError: As for ``course_days``, if a time is not a time of day without a
            time zone, or if ``ends_at`` is not after ``starts_at``.
    """
    check = Checker()
    times = check.time(starts_at, "starts_at")
    times &= check.time(ends_at, "ends_at")
    if times:
        check.expect(ends_at > starts_at, "ends_at", "must be after starts_at")
    check.done()
    return tuple(
        (dt.datetime.combine(day, starts_at), dt.datetime.combine(day, ends_at))
        for day in course_days(start, weeks=weeks, closed=closed)
    )


def course_content(
    interpretation: Interpretation,
    mapping: Mapping[str, frozenset[CourseModule]] = CONTENT_BY_BAND,
) -> frozenset[CourseModule]:
    """The course modules for a WHO-5 result, by its band.

    Raises:
        ValidationError: If the interpretation is not of WHO-5 or its band is not mapped.
    """
    require(interpretation, Interpretation, "interpretation", "must be an Interpretation")
    if interpretation.instrument != "who5":
        raise ValidationError.at("interpretation", "must be a WHO-5 interpretation")
    try:
        return mapping[interpretation.band.code]
    except KeyError:
        raise ValidationError.at("mapping", "has no content for the result's band") from None


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CourseDecision:
    """Whether a screened citizen starts the course.

    Attributes:
        starts: True only with both a need and the motivation.
        need: True if WHO-5 shows poor well-being (a band wholly at or below the cut-off,
            50 % by default) or an item answered 0 or 1.
        motivated: The citizen's own wish to take part.
        reasons: Why, each with its citation.
    """

    starts: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    need: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    motivated: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    reasons: tuple[Reason, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)


def course_decision(
    interpretation: Interpretation, *, motivated: bool, need_at_most: int = NEED_AT_MOST
) -> CourseDecision:
    """A course needs both a need (from WHO-5) and the citizen's motivation (SST2019 6.2).

    The need is a result in a band wholly at or below ``need_at_most`` on the percentage
    scale, or an item answered 0 or 1. The default cut-off is helhed's reading
    ([`NEED_READING`][helhed.cases.kolding.NEED_READING]): the source names none.

    Raises:
        ValidationError: If the interpretation is not of WHO-5, ``motivated`` is not a bool,
            or ``need_at_most`` is not a whole number from 0 to 100.
    """
    require(interpretation, Interpretation, "interpretation", "must be an Interpretation")
    need_at_most = plain(need_at_most)
    check = Checker()
    check.expect(interpretation.instrument == "who5", "interpretation", "must be of WHO-5")
    check.flag(motivated, "motivated")
    check.whole(need_at_most, "need_at_most", maximum=100)
    check.done()
    need = interpretation.band.high <= need_at_most or bool(interpretation.flags)
    reasons = (
        Reason(
            "kolding.need" if need else "kolding.no_need",
            "WHO-5 viser behov for forløbet." if need else "WHO-5 viser ikke behov.",
            "WHO-5 shows a need for the course." if need else "WHO-5 shows no need.",
            _CITE,
        ),
        Reason(
            "kolding.motivated" if motivated else "kolding.not_motivated",
            "Borgeren er motiveret." if motivated else "Borgeren er ikke motiveret.",
            "The citizen is motivated." if motivated else "The citizen is not motivated.",
            _CITE,
        ),
    )
    return CourseDecision(
        starts=need and motivated, need=need, motivated=motivated, reasons=reasons
    )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class TeamMember:
    """A citizen on a course team.

    Attributes:
        citizen_id: The citizen.
        returning: True for a citizen taking the course again.
    """

    citizen_id: str
    returning: bool


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class TeamRoster:
    """The citizens of one course team (typically 20, half of them returning).

    Attributes:
        start: The course's first day.
        members: The team; citizen ids must be unique.
    """

    start: dt.date
    members: tuple[TeamMember, ...]

    def __attrs_post_init__(self) -> None:
        """Citizen ids are unique."""
        check = Checker()
        check.day(self.start, "start")
        if check.each(self.members, TeamMember, "members"):
            seen: set[str] = set()
            for i, member in enumerate(self.members):
                check.expect(
                    member.citizen_id not in seen, f"members[{i}].citizen_id", "is a duplicate"
                )
                seen.add(member.citizen_id)
        check.done()

    @property
    def size(self) -> int:
        """Number of citizens on the team."""
        return len(self.members)

    @property
    def returning(self) -> int:
        """Number of returning citizens."""
        return sum(m.returning for m in self.members)

    @property
    def typical(self) -> bool:
        """True for a team of the typical size and mix: 20 citizens, 10 returning."""
        return self.size == TEAM_SIZE and self.returning == TEAM_RETURNING


KOLDING = Protocol(
    id="kolding",
    name_da="Sund på Tværs, Kolding",
    name_en="Healthy Across, Kolding",
    model=CollaborationModel.EARLY_DETECTION,
    target_groups=frozenset({RiskGroup.MEDIUM, RiskGroup.HIGH}),
    funding=frozenset(
        {
            Benefit.CASH_BENEFIT_JOB_READY,
            Benefit.FLEX_JOB,
            Benefit.SICKNESS_BENEFIT,
            Benefit.CASH_BENEFIT_ACTIVITY_READY,
        }
    ),
    rules=(
        precedes(
            when(ScreeningRecorded, instrument="who5"),
            when(InterventionStarted, offers=[COURSE]),
            id="kolding.screened_first",
            citation=_CITE,
            text_da="Sund på Tværs screener borgeren med WHO-5, før forløbet begynder.",
            text_en="Sund på Tværs screens the citizen with WHO-5 before the course starts.",
            basis=Stated("Sund på Tværs screenede herefter borgerne ved brug af WHO-5"),
        ),
        RescreenedAtEnd(
            offer=COURSE,
            instrument="who5",
            id="kolding.rescreened",
            citation=_CITE,
            text_da="Borgeren screenes igen ved forløbets afslutning.",
            text_en="The citizen is screened again at the end of the course.",
            basis=Stated("Ved slutningen af tilbuddet blev deltagerne screenet igen"),
        ),
    ),
    citation=_CITE,
)
"""Kolding's practice as a protocol (SST2019 6.2). Sund på Tværs sat in Job og Aktiv, the
unit for the municipality's own activation projects, so the WHO-5 screening before the course
may be recorded by any administration; the psychologist who screens is the course's own."""

_PARTICIPANTS_DA = (
    "Deltagere i Sund på Tværs: jobparate, borgere i fleksjob, sygedagpengemodtagere og "
    "aktivitetsparate kontanthjælpsmodtagere med angst, stress, depression eller PTSD"
)
_PARTICIPANTS_EN = (
    "Participants in Sund på Tværs: job-ready citizens, citizens in flex jobs, sickness benefit "
    "recipients and activity-ready cash benefit recipients with anxiety, stress, depression or "
    "PTSD"
)

RESULTS = (
    PublishedResult(
        code="course_weeks_min",
        value=min(_WEEKS),
        unit="weeks",
        text_da="Forløbet varer 12-14 uger; mindst 12.",
        text_en="The course lasts 12-14 weeks; at least 12.",
        citation=_CITE,
    ),
    PublishedResult(
        code="course_weeks_max",
        value=max(_WEEKS),
        unit="weeks",
        text_da="Forløbet varer 12-14 uger; højst 14.",
        text_en="The course lasts 12-14 weeks; at most 14.",
        citation=_CITE,
    ),
    PublishedResult(
        code="days_per_week",
        value=5,
        unit="days per week",
        text_da="Mødepligt fem dage om ugen med faste start- og sluttidspunkter.",
        text_en="Attendance is required five days a week at fixed times.",
        citation=_CITE,
    ),
    PublishedResult(
        code="first_week_days",
        value=_FIRST_WEEK_DAYS,
        unit="days",
        text_da="Den første uge har kun tre dage.",
        text_en="The first week has only three days.",
        citation=_CITE,
    ),
    PublishedResult(
        code="team_size",
        value=TEAM_SIZE,
        unit="citizens",
        text_da="Et hold bestod typisk af 20 borgere.",
        text_en="A team was typically 20 citizens.",
        population_da=_PARTICIPANTS_DA,
        population_en=_PARTICIPANTS_EN,
        citation=_CITE,
    ),
    PublishedResult(
        code="team_returning",
        value=TEAM_RETURNING,
        unit="citizens",
        text_da="Typisk var 10 af holdets 20 borgere gengangere.",
        text_en="Typically 10 of a team's 20 citizens were returning.",
        population_da=_PARTICIPANTS_DA,
        population_en=_PARTICIPANTS_EN,
        citation=_CITE,
    ),
    PublishedResult(
        code="years_unemployed",
        value=15,
        unit="years",
        text_da="Borgere med op til 15 års ledighed bag sig kom i job.",
        text_en="Citizens with up to 15 years of unemployment behind them found work.",
        population_da=_PARTICIPANTS_DA,
        population_en=_PARTICIPANTS_EN,
        citation=_CITE,
    ),
)
"""Kolding's published figures (SST2019 6.2). The source gives no count of participants or
of those who found work; ``years_unemployed`` says only how far from work some of them were."""
