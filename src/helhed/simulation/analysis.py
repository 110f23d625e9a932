"""Tables over simulated pathways: occupancy per week, and two runs compared.

Both read the pathways' events only, so they work on any pathways to one offer, simulated or
recorded. A contacted citizen on the waiting list counts as ``contacted``: the log records no
waiting.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import attrs

from helhed.citizens import Citizen
from helhed.pathways.events import (
    ContactMade,
    Event,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
    JobOrEducationStarted,
    ReferralAccepted,
    ReferralDeclined,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.simulation.model import STATES, Parameters, simulate

__all__ = ["Comparison", "Outcome", "compare", "occupancy", "outcome"]

_STATE_OF: Mapping[type[Event], str] = MappingProxyType(
    {
        Referred: "referred",
        ReferralAccepted: "accepted",
        ReferralDeclined: "declined",
        ContactMade: "contacted",
        InterventionStarted: "in_intervention",
        InterventionCompleted: "completed",
        InterventionDroppedOut: "dropped_out",
        JobOrEducationStarted: "job",
    }
)


def _first_week(day: dt.date, start: dt.date) -> int:
    """The first week ``w`` whose day ``start + 7w`` is on or after ``day``."""
    return max(math.ceil((day - start).days / 7), 0)


def occupancy(pathways: Sequence[Pathway], *, start: dt.date, weeks: int) -> dict[str, list[int]]:
    """Citizens per state at the end of each week's day ``start + 7 * week``.

    Returns:
        For every state of [`STATES`][helhed.simulation.model.STATES], in that order, a list
        of ``weeks`` counts; each week's counts sum to the number of pathways.
    """
    diff = {state: [0] * (weeks + 1) for state in STATES}
    for pathway in pathways:
        current, since = "not_referred", 0
        for event in pathway.events:
            state = _STATE_OF.get(type(event))
            if state is None:
                continue
            week = min(_first_week(event.occurred_on, start), weeks)
            diff[current][since] += 1
            diff[current][week] -= 1
            current, since = state, week
        diff[current][since] += 1
        diff[current][weeks] -= 1
    table: dict[str, list[int]] = {}
    for state, steps in diff.items():
        total, counts = 0, []
        for step in steps[:weeks]:
            total += step
            counts.append(total)
        table[state] = counts
    return table


@attrs.frozen(kw_only=True)
class Outcome:
    """Where one run ended.

    Attributes:
        final: Citizens per state at the end of the last week, for every state.
        started: Citizens who started the intervention.
        mean_weeks_to_start: Mean weeks from referral to start over those who started;
            ``None`` if nobody did.
    """

    final: Mapping[str, int]
    started: int
    mean_weeks_to_start: float | None


@attrs.frozen(kw_only=True)
class Comparison:
    """Two runs on the same citizens and seed, and how ``b`` differs from ``a``.

    Attributes:
        a: The outcome of the first run.
        b: The outcome of the second run.
        final_difference: Per state, ``b``'s final count minus ``a``'s.
        weeks_to_start_difference: ``b``'s mean weeks to start minus ``a``'s; ``None`` if
            either is ``None``.
    """

    a: Outcome
    b: Outcome
    final_difference: Mapping[str, int]
    weeks_to_start_difference: float | None


def outcome(pathways: Sequence[Pathway], *, start: dt.date, weeks: int) -> Outcome:
    """Final counts per state and mean weeks to start over ``pathways``."""
    table = occupancy(pathways, start=start, weeks=weeks)
    waits: list[float] = []
    for pathway in pathways:
        referred = next((e for e in pathway.events if isinstance(e, Referred)), None)
        began = next((e for e in pathway.events if isinstance(e, InterventionStarted)), None)
        if referred is not None and began is not None:
            waits.append((began.occurred_on - referred.occurred_on).days / 7)
    return Outcome(
        final=MappingProxyType({state: counts[-1] for state, counts in table.items()}),
        started=len(waits),
        mean_weeks_to_start=sum(waits) / len(waits) if waits else None,
    )


def compare(  # noqa: PLR0913 - the runs are set by keywords
    citizens: Sequence[Citizen | str],
    a: Parameters,
    b: Parameters,
    *,
    start: dt.date,
    weeks: int,
    seed: int,
    capacity_a: int | None = None,
    capacity_b: int | None = None,
) -> Comparison:
    """Simulate ``citizens`` under ``a`` and under ``b`` with the same seed and compare."""
    runs = (
        simulate(citizens, a, start=start, weeks=weeks, seed=seed, capacity=capacity_a),
        simulate(citizens, b, start=start, weeks=weeks, seed=seed, capacity=capacity_b),
    )
    first, second = (outcome(run, start=start, weeks=weeks) for run in runs)
    mean_a, mean_b = first.mean_weeks_to_start, second.mean_weeks_to_start
    return Comparison(
        a=first,
        b=second,
        final_difference=MappingProxyType(
            {state: second.final[state] - first.final[state] for state in STATES}
        ),
        weeks_to_start_difference=None if mean_a is None or mean_b is None else mean_b - mean_a,
    )
