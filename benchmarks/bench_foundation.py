"""Throughput of helhed's object API against plain-dict baselines, on the demo cohort.

Run as ``python benchmarks/bench_foundation.py`` (or ``make bench``). It measures:

a. citizens classified per second by ``classify`` against a hand-written function over plain
   dicts that follows the same decision order but builds no explanation and validates nothing;
b. JSON round trips per second through ``to_json``/``from_json`` against ``json.dumps`` and
   ``json.loads`` on the same citizens as plain dicts.

Each workload runs ``REPEATS`` times with ``time.perf_counter``; the fastest run is reported,
since noise only ever adds time. The baselines are a floor, not a target: they show what the
validation, typed values and cited reasons cost per citizen.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Mapping
from typing import Any

import helhed
from _plain_group import group_plain
from _timing import best_time, met
from helhed.benefits import Benefit, benefit_rules
from helhed.citizens import Citizen
from helhed.errors import NoRuleError
from helhed.examples import DEMO_DATE, DEMO_SEED, DEMO_SIZE, demo_cohort
from helhed.serialization import from_json, to_dict, to_json
from helhed.target_groups import classify

REPEATS = 5
CLASSIFY_TARGET = 0.45  # classify's rate over the plain-dict baseline's (issue 17)
Timed = tuple[str, float]  # (what ran, best time in seconds)


def as_plain(citizen: Citizen) -> dict[str, Any]:
    """The facts classification needs, as plain strings, bools, lists and dicts."""
    health = citizen.health
    return {
        "id": citizen.id,
        "benefit": citizen.benefit.code if citizen.benefit else None,
        "risk_factors": sorted(f.code for f in health.risk_factors),
        "challenges": [
            {"current_barrier": c.current_barrier, "progressive": c.progressive}
            for c in health.challenges
        ],
        "affects_work": health.affects_work,
        "assessed_horizon": citizen.assessed_horizon.code if citizen.assessed_horizon else None,
    }


def typical_groups(benefits: set[Benefit]) -> dict[str, frozenset[str]]:
    """Benefit code -> codes of its typical groups on the demo date, looked up once."""
    table: dict[str, frozenset[str]] = {}
    for benefit in benefits:
        try:
            groups = benefit_rules(benefit, on=DEMO_DATE).typical_groups
        except NoRuleError:
            continue
        table[benefit.code] = frozenset(g.code for g in groups)
    return table


def classify_plain(
    citizen: Mapping[str, Any], typical: Mapping[str, frozenset[str]]
) -> tuple[str | None, bool | None]:
    """Group code and typicality by the same decision order as ``classify``; no reasons."""
    group = group_plain(citizen)
    groups = typical.get(citizen["benefit"])
    return group, (group in groups if group is not None and groups else None)


def compare(title: str, unit: str, n: int, ours: Timed, base: Timed) -> None:
    """Print both rates and the ratio object API / baseline (below 1: the API is slower)."""
    print(title)
    for kind, (label, seconds) in (("object API", ours), ("baseline", base)):
        print(f"  {kind + ': ' + label:<44} {n / seconds:>12,.0f} {unit}/s")
    print(f"  {'ratio object API / baseline':<44} {base[1] / ours[1]:>12.3f}")


def main() -> None:
    """Build the cohort, check the baselines agree with helhed, then time both workloads."""
    cohort = demo_cohort(DEMO_SIZE, seed=DEMO_SEED, on=DEMO_DATE)
    plain = [as_plain(c) for c in cohort]
    typical = typical_groups({c.benefit for c in cohort if c.benefit is not None})
    documents = [to_dict(c) for c in cohort]

    # Correctness first (this also warms both paths up).
    for citizen, data in zip(cohort, plain, strict=True):
        got = classify(citizen, on=DEMO_DATE)
        expected = (got.group.code if got.group else None, got.typical)
        if classify_plain(data, typical) != expected:
            raise AssertionError(f"baseline disagrees with classify for {citizen.id}")
    if [from_json(to_json(c), Citizen) for c in cohort] != list(cohort):
        raise AssertionError("JSON round trip changed a citizen")

    n = len(cohort)
    print("helhed foundation benchmark")
    print(
        f"  Python {platform.python_version()} ({platform.python_implementation()}), "
        f"helhed {helhed.__version__}"
    )
    print(f"  cohort: {n:,} synthetic citizens, seed {DEMO_SEED}, on {DEMO_DATE.isoformat()}")
    print(f"  timing: best of {REPEATS} runs, time.perf_counter")
    print("  checked: baseline groups and typicality equal classify(); JSON round trips equal")
    print()

    ours = best_time(lambda: [classify(c, on=DEMO_DATE) for c in cohort], REPEATS)
    base = best_time(lambda: [classify_plain(d, typical) for d in plain], REPEATS)
    compare(
        "a. target-group classification",
        "citizens",
        n,
        ("classify(citizen, on=...)", ours),
        ("dict function, no reasons", base),
    )
    verdict = met(base / ours >= CLASSIFY_TARGET)
    print(f"  classify >= {CLASSIFY_TARGET} of the plain-dict baseline: {verdict}")
    print()

    ours = best_time(lambda: [from_json(to_json(c), Citizen) for c in cohort], REPEATS)
    base = best_time(
        lambda: [json.loads(json.dumps(d, ensure_ascii=False)) for d in documents], REPEATS
    )
    compare(
        "b. JSON round trip",
        "round trips",
        n,
        ("from_json(to_json(c), Citizen)", ours),
        ("json.loads(json.dumps(dict))", base),
    )


if __name__ == "__main__":
    main()
