"""Section e of ``bench_research.py``: outcome measures, from objects and from an event table.

The workload is the pathways of a simulated municipality (``simulate_municipality`` with
``SIZE`` citizens and seed ``SEED``), measured on its last day: ``measure_all`` and
``measures_frame`` on the ``Pathway`` objects, against ``outcomes_frame`` on the same pathways
as an event table (``to_frame``, written before timing). The two tables are asserted equal
first. No target: the issue asks for the two doors to agree, and the figures are reported.
"""

from __future__ import annotations

import pandas as pd

from _timing import best_time
from helhed.batch import outcomes_frame
from helhed.frames import to_frame
from helhed.municipality import simulate_municipality
from helhed.outcomes import measure_all
from helhed.outcomes.frames import measures_frame

SIZE = 10_000
SEED = 3
REPEATS = 5


def bench_outcomes() -> None:
    """Print both doors' rates in events per second and their ratio."""
    town = simulate_municipality(SIZE, seed=SEED)
    pathways, on = town.pathways, town.end
    events = to_frame(pathways)
    pd.testing.assert_frame_equal(
        outcomes_frame(events, on=on), measures_frame(measure_all(pathways, on=on))
    )
    objects = best_time(lambda: measures_frame(measure_all(pathways, on=on)), REPEATS)
    batch = best_time(lambda: outcomes_frame(events, on=on), REPEATS)
    n = len(events)
    print("e. outcome measures of a simulated municipality")
    print(
        f"   {SIZE:,} citizens (seed {SEED}), {len(pathways):,} referred, {n:,} events, "
        f"measured on {on}; best of {REPEATS}"
    )
    print("   checked: outcomes_frame equals measures_frame(measure_all(...)) row for row")
    print(f"   {'objects: measure_all + measures_frame':<44} {n / objects:>12,.0f} events/s")
    print(f"   {'batch: outcomes_frame':<44} {n / batch:>12,.0f} events/s")
    print(f"   {'batch / objects':<44} {objects / batch:>12.2f}  (reported; no target)")
