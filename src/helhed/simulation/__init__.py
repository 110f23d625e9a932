"""A seeded simulator of cohorts moving through a referral to one offer.

A multi-state model moves each citizen weekly from ``referred`` to ``accepted`` or
``declined``, on to ``contacted``, ``in_intervention`` (when a seat is free; otherwise a
first-come-first-served waiting list), ``completed`` or ``dropped_out``, and optionally
``job``. The output is ordinary, validated [`Pathway`][helhed.pathways.pathway.Pathway] logs.

**The output is invented.** The probabilities are whatever the caller chooses; use the
simulator to explore capacity and flow, not to draw conclusions about real citizens.

* [`model`][helhed.simulation.model]: [`Parameters`][helhed.simulation.model.Parameters] and
  [`simulate`][helhed.simulation.model.simulate];
* [`analysis`][helhed.simulation.analysis]: [`occupancy`][helhed.simulation.analysis.occupancy]
  per week and [`compare`][helhed.simulation.analysis.compare] of two runs.

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
    >>> simulate(["c-1", "c-2"], sure, start=start, weeks=6, seed=2, capacity=1) == pathways
    True
"""

from helhed.simulation.analysis import Comparison, Outcome, compare, occupancy, outcome
from helhed.simulation.model import REFERRAL_ID, STATES, Parameters, simulate

__all__ = [
    "REFERRAL_ID",
    "STATES",
    "Comparison",
    "Outcome",
    "Parameters",
    "compare",
    "occupancy",
    "outcome",
    "simulate",
]
