"""Outcomes of citizens' pathways: time to job or education, weeks on each benefit, in work.

* [`measure`][helhed.outcomes.measure] and [`measure_all`][helhed.outcomes.measure_all]: the
  [`OutcomeMeasures`][helhed.outcomes.OutcomeMeasures] of pathways on a report day;
  [`share_in_work`][helhed.outcomes.share_in_work] at a horizon;
* ``helhed.outcomes.frames`` (research extra): measures as a table, one row per citizen,
  equal to what [`helhed.batch.outcomes_frame`][helhed.batch.outcomes_frame] reads from an
  event table;
* ``helhed.outcomes.survival`` (research extra): Kaplan-Meier estimates of the time to job or
  education by any columns of that table (target group, model, scenario), with SciPy's
  Kaplan-Meier estimator, and their plot.

``import helhed.outcomes`` needs no extra; the two research modules are imported on their own.

Examples:
    >>> import datetime as dt
    >>> from helhed.benefits import Benefit
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import (
    ...     BenefitChanged, JobOrEducationStarted, Placement, Referred)
    >>> from helhed.pathways.pathway import Pathway
    >>> def on(day):
    ...     return {"citizen_id": "c-1", "occurred_on": day, "recorded_by": A.JOB_CENTRE}
    >>> pathway = Pathway.of([
    ...     Referred(**on(dt.date(2024, 1, 1)), referral_id="r-1", offer="samtale",
    ...              to=A.HEALTH, voluntary=True),
    ...     BenefitChanged(**on(dt.date(2024, 1, 1)), benefit=Benefit.CASH_BENEFIT_ACTIVITY_READY),
    ...     JobOrEducationStarted(**on(dt.date(2024, 3, 11)), placement=Placement.JOB),
    ...     BenefitChanged(**on(dt.date(2024, 3, 11)), benefit=None),
    ... ])
    >>> measured = measure(pathway, on=dt.date(2024, 12, 31))
    >>> measured.days_to_job, measured.weeks_to_job, measured.reached
    (70, 10.0, True)
    >>> measured.benefit_weeks[Benefit.CASH_BENEFIT_ACTIVITY_READY]
    10.0
    >>> dict(measured.in_work)
    {6: True, 12: None}
"""

from helhed.outcomes._measures import (
    HORIZONS,
    OutcomeMeasures,
    Share,
    horizon_day,
    measure,
    measure_all,
    share_in_work,
)

__all__ = [
    "HORIZONS",
    "OutcomeMeasures",
    "Share",
    "horizon_day",
    "measure",
    "measure_all",
    "share_in_work",
]
