"""A seeded simulator of cohorts moving through referrals to offers.

A multi-state model moves each citizen weekly from ``referred`` to ``accepted`` or
``declined``, on to ``contacted``, ``in_intervention`` (when the offer has room; otherwise a
first-come-first-served waiting list), ``completed`` or ``dropped_out``, and optionally
``job_or_education`` - stages of the one vocabulary
[`PathwayStage`][helhed.pathways.stages.PathwayStage]. The output is ordinary, validated
[`Pathway`][helhed.pathways.pathway.Pathway] logs, which any protocol of the library can check.

**The output is invented.** The probabilities are whatever the caller chooses; use the
simulator to explore capacity and flow, not to draw conclusions about real citizens.

* [`model`][helhed.simulation.model]: [`Parameters`][helhed.simulation.model.Parameters]
  (probabilities and durations), [`Referrals`][helhed.simulation.model.Referrals] to a
  catalogue's offers, [`Scenario`][helhed.simulation.model.Scenario] (a whole set-up) and
  [`simulate`][helhed.simulation.model.simulate];
* [`cohort`][helhed.simulation.cohort]: synthetic citizens with a chosen funding mix and
  target-group mix;
* [`analysis`][helhed.simulation.analysis]: [`occupancy`][helhed.simulation.analysis.occupancy]
  per week, the [`outcome`][helhed.simulation.analysis.outcome] of a run and
  [`compare`][helhed.simulation.analysis.compare] of two runs, with protocol findings;
* [`calibration`][helhed.simulation.calibration]: a cohort model fitted to AALBORG2019 tabel
  1-3, [`fit_aalborg`][helhed.simulation.calibration.fit_aalborg],
  [`simulate_aalborg`][helhed.simulation.calibration.simulate_aalborg] and
  [`compare_to_published`][helhed.simulation.calibration.compare_to_published].

Needs numpy (the ``research`` extra); ``import helhed`` does not import this package.

Examples:
    >>> import datetime as dt
    >>> from helhed.models.catalogue import Offer, OfferFormat
    >>> from helhed.organisation import Administration
    >>> walk = Offer(id="walk", name_da="Gåhold", name_en="Walking group",
    ...     administration=Administration.HEALTH, task_type="6", format=OfferFormat.GROUP,
    ...     voluntary=True, last_reviewed=dt.date(2024, 1, 15))
    >>> sure = Parameters(offer=walk, p_accept=1, p_contact=1, p_start=1, p_complete=1)
    >>> start = dt.date(2024, 1, 1)
    >>> pathways = simulate(["c-1", "c-2"], sure, start=start, weeks=6, seed=1, capacity=1)
    >>> [p.events[-1].kind.label_en for p in pathways]
    ['Intervention completed', 'Intervention completed']
    >>> [str(p.events[-1].occurred_on) for p in pathways]
    ['2024-01-29', '2024-02-05']
    >>> occupancy(pathways, start=start, weeks=6)["in_intervention"]
    [0, 0, 0, 1, 1, 0]

    With every probability 1 the seed plays no part. With a coin toss for the answer to the
    referral, the same seed gives the same pathways and another seed may give others:

    >>> coin = Parameters(offer=walk, p_accept=0.5, p_decline=0.5, p_contact=1, p_start=1,
    ...     p_complete=1)
    >>> ids = [f"c-{n}" for n in range(20)]
    >>> def declined(seed):
    ...     run = simulate(ids, coin, start=start, weeks=3, seed=seed)
    ...     return outcome(run, start=start, weeks=3).final["declined"]
    >>> declined(1), declined(1), declined(3)
    (12, 12, 10)
"""

from helhed._extras import needs

with needs("helhed.simulation"):
    from helhed.simulation.analysis import (
        Comparison,
        Outcome,
        compare,
        last_day,
        occupancy,
        outcome,
    )
    from helhed.simulation.calibration import (
        AalborgFit,
        AalborgTargets,
        Calibration,
        FlexModel,
        compare_to_published,
        fit_aalborg,
        fit_flex,
        simulate_aalborg,
    )
    from helhed.simulation.cohort import cohort
    from helhed.simulation.model import (
        REFERRAL_ID,
        STATES,
        Parameters,
        Referrals,
        Scenario,
        simulate,
    )


__all__ = [
    "REFERRAL_ID",
    "STATES",
    "AalborgFit",
    "AalborgTargets",
    "Calibration",
    "Comparison",
    "FlexModel",
    "Outcome",
    "Parameters",
    "Referrals",
    "Scenario",
    "cohort",
    "compare",
    "compare_to_published",
    "fit_aalborg",
    "fit_flex",
    "last_day",
    "occupancy",
    "outcome",
    "simulate",
    "simulate_aalborg",
]
