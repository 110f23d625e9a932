"""What every benchmark script times with: the fastest of some runs, and a target's verdict."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(work: Callable[[], object], repeats: int) -> float:
    """Run ``work`` ``repeats`` times; return the fastest wall-clock time in seconds.

    The fastest run is the one least disturbed: noise only ever adds time.
    """
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def met(ok: bool) -> str:  # noqa: FBT001 - a verdict
    """The verdict on a target."""
    return "met" if ok else "not met"
