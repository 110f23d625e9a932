"""Outcome measures of one pathway as it stood on a report day.

What is measured, and where the sources are silent helhed's reading of it:

* the clock starts on the day of the pathway's first event in force (usually the referral);
* the outcome is the first ``JobOrEducationStarted``; a pathway without one is censored on
  the last day it was observed: the report day, or the day it was closed when that came
  first (the log stops following the citizen when the pathway closes);
* the days on each funding basis run from each ``BenefitChanged`` to the next, the last one
  to the last day observed; days before the first change are not counted, since the log does
  not say what the citizen received then, and a change to no benefit ends a spell;
* the citizen is in work or education at a horizon (months after the start, in calendar
  months) when the latest job or education start or change of funding basis on or before it
  - or on or before the closing day, when the pathway was closed earlier, whose state is
  taken to last - is a job or education start or a change to ``Benefit.EMPLOYED``. A change
  to no benefit (``None``) says nothing either way and is passed over. A horizon the report
  day has not reached is not observed (``None``), and such a citizen is left out of the
  share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta

from helhed._meta import NON_BLANK, REDACT, SENSITIVE
from helhed._validation import Checker, items_of, require_day
from helhed._values import FrozenMap, frozen_fields, plain
from helhed.benefits import Benefit
from helhed.errors import ValidationError
from helhed.groups import RiskGroup
from helhed.pathways.events import (
    BenefitChanged,
    JobOrEducationStarted,
    Placement,
    TargetGroupAssessed,
)
from helhed.pathways.pathway import Pathway

__all__ = [
    "HORIZONS",
    "OutcomeMeasures",
    "Share",
    "horizon_day",
    "measure",
    "measure_all",
    "share_in_work",
]

HORIZONS: Final = (6, 12)
"""The horizons, in months after the start, at which ``measure`` asks whether the citizen is
in work or education unless told otherwise: half a year and a year (helhed's default; the
sources name no horizon)."""

_MAX_HORIZON: Final = 1200  # a hundred years; a longer horizon is a typo, not a question


def horizon_day(start: dt.date, months: int) -> dt.date:
    """The day ``months`` calendar months after ``start``; the month's last day if it is shorter.

    Examples:
        >>> horizon_day(dt.date(2024, 8, 31), 6)
        datetime.date(2025, 2, 28)

    Raises:
        ValidationError: If ``start`` is not a date, ``months`` is not a whole number from
            1 to 1,200, or the day would come after 9999-12-31.
    """
    require_day(start, "start")
    (checked,) = _horizons([months])
    later = _months_after(start, checked)
    if later is None:
        raise ValidationError.at("months", "reaches past 9999-12-31")
    return later


def _months_after(start: dt.date, months: int) -> dt.date | None:
    """``horizon_day`` unchecked; None after 9999-12-31."""
    try:
        return start + relativedelta(months=months)
    except (OverflowError, ValueError):
        return None


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class OutcomeMeasures:
    """What became of one citizen's pathway by a report day (see the module notes).

    Attributes:
        citizen_id: Whose pathway.
        start: The day the clock started: the first event in force.
        end: The last day observed: the report day, or the closing day when it came first.
        job_on: The day of the first job or education start, or None if none by ``end``.
        placement: What started then: a job or an education; None without a start.
        group: The target group of the latest assessment by ``end``, or None without one.
            Hidden from ``repr``: it rests on the citizen's health.
        benefit_days: Days on each funding basis from ``start`` to ``end`` (see the module
            notes); a basis the citizen never had is not listed.
        in_work: For each horizon in months, whether the citizen was in work or education
            then; None where ``end`` is the report day and the horizon lies after it.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    start: dt.date
    end: dt.date
    job_on: dt.date | None = None
    placement: Placement | None = None
    group: RiskGroup | None = attrs.field(default=None, repr=REDACT, metadata=SENSITIVE)
    benefit_days: Mapping[Benefit, int] = FrozenMap()
    in_work: Mapping[int, bool | None] = FrozenMap()

    def __attrs_post_init__(self) -> None:
        """Validate every field: days in order, a placement with a start, whole days."""
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        days_ok = check.day(self.start, "start") & check.day(self.end, "end")
        if days_ok:
            check.expect(self.end >= self.start, "end", "must not be before start")
        if check.day(self.job_on, "job_on", optional=True) and days_ok and self.job_on:
            check.expect(
                self.start <= self.job_on <= self.end, "job_on", "must be from start to end"
            )
        check.member(self.placement, Placement, "placement", optional=True)
        check.expect(
            (self.placement is None) == (self.job_on is None),
            "placement",
            "must be given exactly when job_on is",
        )
        check.member(self.group, RiskGroup, "group", optional=True)
        if check.expect(
            isinstance(self.benefit_days, Mapping), "benefit_days", "must be a mapping"
        ):
            for benefit, days in self.benefit_days.items():
                where = f"benefit_days[{getattr(benefit, 'code', '?')}]"
                check.member(benefit, Benefit, where)
                check.whole(days, where)
        if check.expect(isinstance(self.in_work, Mapping), "in_work", "must be a mapping"):
            for months, working in self.in_work.items():
                check.whole(months, "in_work", minimum=1, maximum=_MAX_HORIZON)
                check.expect(
                    working is None or isinstance(working, bool),
                    f"in_work[{months}]",
                    "must be true, false or null",
                )
        check.done()

    @property
    def reached(self) -> bool:
        """True if a job or education started by ``end``; False if censored."""
        return self.job_on is not None

    @property
    def days_to_job(self) -> int:
        """Days from ``start`` to the job or education start, or to ``end`` when censored."""
        return ((self.job_on or self.end) - self.start).days

    @property
    def weeks_to_job(self) -> float:
        """``days_to_job`` in weeks of 7 days."""
        return self.days_to_job / 7

    @property
    def benefit_weeks(self) -> Mapping[Benefit, float]:
        """``benefit_days`` in weeks of 7 days."""
        return FrozenMap({b: days / 7 for b, days in self.benefit_days.items()})


def _horizons(horizons: object) -> tuple[int, ...]:
    """The horizons as a sorted tuple of distinct whole months from 1 to 1,200."""
    if isinstance(horizons, (str, bytes)) or not isinstance(horizons, Iterable):
        raise ValidationError.at("horizons", "must be a list of whole numbers of months")
    listed = tuple(horizons)
    check = Checker()
    for i, months in enumerate(listed):
        check.whole(months, f"horizons[{i}]", minimum=1, maximum=_MAX_HORIZON)
    check.done()
    return tuple(sorted({int(plain(m)) for m in listed}))


def measure(
    pathway: Pathway, *, on: dt.date, horizons: Iterable[int] = HORIZONS
) -> OutcomeMeasures | None:
    """The outcome measures of ``pathway`` as it stood at the end of ``on``.

    Returns None when the pathway has no event in force by ``on``: its clock has not started.

    Raises:
        ValidationError: If ``pathway`` is not a Pathway, ``on`` is not a date, or a horizon
            is not a whole number of months from 1 to 1,200.
    """
    if not isinstance(pathway, Pathway):
        raise ValidationError.at("pathway", "must be a Pathway")
    require_day(on, "on")
    return _measure(pathway, on, _horizons(horizons))


def measure_all(
    pathways: Iterable[Pathway], *, on: dt.date, horizons: Iterable[int] = HORIZONS
) -> tuple[OutcomeMeasures, ...]:
    """The outcome measures of every pathway with an event by ``on``, in the order given.

    Raises:
        ValidationError: If an item is not a Pathway, two share a citizen, ``on`` is not a
            date, or a horizon is not a whole number of months from 1 to 1,200.
    """
    listed = items_of(pathways, Pathway, "pathways")
    require_day(on, "on")
    months = _horizons(horizons)
    seen: set[str] = set()
    found = []
    for i, pathway in enumerate(listed):
        if pathway.citizen_id in seen:
            raise ValidationError.at(
                f"pathways[{i}].citizen_id", "is a duplicate; one pathway per citizen"
            )
        seen.add(pathway.citizen_id)
        measured = _measure(pathway, on, months)
        if measured is not None:
            found.append(measured)
    return tuple(found)


def _measure(pathway: Pathway, on: dt.date, horizons: tuple[int, ...]) -> OutcomeMeasures | None:
    cut = pathway.until(on)
    timeline = cut.timeline
    if not timeline:
        return None
    start = timeline[0].occurred_on
    closed = cut.closed_on
    end = on if closed is None else min(closed, on)
    job: JobOrEducationStarted | None = None
    group: RiskGroup | None = None
    changes: list[tuple[dt.date, Benefit | None]] = []  # (day, benefit) of each change
    working: list[tuple[dt.date, bool]] = []  # (day, in work) at each start or change
    for event in timeline:
        if isinstance(event, JobOrEducationStarted):
            job = job or event
            working.append((event.occurred_on, True))
        elif isinstance(event, BenefitChanged):
            changes.append((event.occurred_on, event.benefit))
            if event.benefit is not None:
                working.append((event.occurred_on, event.benefit is Benefit.EMPLOYED))
        elif isinstance(event, TargetGroupAssessed):
            group = event.group
    return OutcomeMeasures(
        citizen_id=pathway.citizen_id,
        start=start,
        end=end,
        job_on=None if job is None else job.occurred_on,
        placement=None if job is None else job.placement,
        group=group,
        benefit_days=_benefit_days(changes, end),
        in_work={m: _in_work(working, start, end, on, m) for m in horizons},
    )


def benefit_spells(
    changes: list[tuple[dt.date, Benefit | None]], end: dt.date
) -> list[tuple[dt.date, dt.date, Benefit]]:
    """Spells on funding bases, as (first day, day after the last, basis), in order.

    ``changes`` are the (day, basis) of each ``BenefitChanged`` in timeline order: a spell runs
    from each change to the next, the last to ``end``; a change to no benefit (None) ends a
    spell and starts none, and a spell of no days is left out (see the module notes). The one
    home of this reading: the cost of benefit weeks (``helhed.costs``) counts spells by it too.
    """
    if not changes:
        return []
    following = [day for day, _ in changes[1:]] + [end]
    return [
        (day, after, basis)
        for (day, basis), after in zip(changes, following, strict=True)
        if basis is not None and after > day
    ]


def _benefit_days(
    changes: list[tuple[dt.date, Benefit | None]], end: dt.date
) -> dict[Benefit, int]:
    """Days on each basis, over the spells of ``benefit_spells``."""
    days: dict[Benefit, int] = {}
    for first, after, basis in benefit_spells(changes, end):
        days[basis] = days.get(basis, 0) + (after - first).days
    return days


def _in_work(
    working: list[tuple[dt.date, bool]], start: dt.date, end: dt.date, on: dt.date, months: int
) -> bool | None:
    """In work at ``months`` after ``start``: the latest start or change by then, or by ``end``."""
    when = _months_after(start, months)
    if when is None or when > on:  # past 9999-12-31 is after the report day too
        return None
    seen = min(when, end)
    latest = [w for day, w in working if day <= seen]
    return bool(latest) and latest[-1]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Share:
    """How many of the citizens observed at a horizon were in work or education.

    Attributes:
        months: The horizon, in months after each citizen's start.
        in_work: Citizens in work or education then.
        observed: Citizens whose horizon the report day had reached.
    """

    months: int
    in_work: int
    observed: int

    def __attrs_post_init__(self) -> None:
        """Validate: whole numbers, no more in work than observed."""
        check = Checker()
        check.whole(self.months, "months", minimum=1, maximum=_MAX_HORIZON)
        check.whole(self.observed, "observed")
        if check.whole(self.in_work, "in_work") and isinstance(self.observed, int):
            check.expect(self.in_work <= self.observed, "in_work", "must not exceed observed")
        check.done()

    @property
    def share(self) -> float | None:
        """``in_work / observed``; None when nobody was observed."""
        return self.in_work / self.observed if self.observed else None


def share_in_work(measures: Iterable[OutcomeMeasures], months: int) -> Share:
    """The share of citizens in work or education ``months`` after their start.

    Only citizens whose horizon the report day reached count (see the module notes).

    Raises:
        ValidationError: If an item is not an OutcomeMeasures or ``months`` was not measured
            for it.
    """
    listed = items_of(measures, OutcomeMeasures, "measures")
    check = Checker()
    check.whole(months, "months", minimum=1, maximum=_MAX_HORIZON)
    check.done()
    observed = in_work = 0
    for i, measured in enumerate(listed):
        if months not in measured.in_work:
            raise ValidationError.at(f"measures[{i}].in_work", f"has no horizon of {months} months")
        working = measured.in_work[months]
        if working is not None:
            observed += 1
            in_work += working
    return Share(months=months, in_work=in_work, observed=observed)
