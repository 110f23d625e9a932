"""Throughput of helhed's research extra: batch classification and the cohort simulator.

Run as ``python benchmarks/bench_research.py`` (or ``make bench``). It measures:

a. rows classified per second from columnar data: the object path builds a ``Citizen`` from
   each row of the frame (codes parsed, risk factors split, one ``HealthChallenge`` per counted
   challenge carrying the row's flags) and calls ``classify`` and
   ``coordinating_caseworker_right``; the batch path calls ``classify_frame`` on the same
   frame. The frame is written by ``citizens_to_frame`` from ``demo_cohort`` before timing.
   Both paths must give every row the same group, typicality, horizon and caseworker right.
   Target (from the issue): batch at least 10 times the object path; printed, not asserted.
b. one run of ``simulate``: 100,000 citizens over 52 weeks, referrals staggered over 26
   weeks, a fixed capacity, in seconds. Target (from the issue): 5 s or less; printed, not
   asserted. And its peak memory: the run happens in a fresh child process (``spawn``),
   which reports its own peak resident memory (``VmHWM``; see ``_peak_mb`` for why not
   ``ru_maxrss``); a second child that imports what the first imports and then stops gives
   the baseline, and the difference is the simulation's own (reported; the issue sets no
   figure).
c. ``check_frame`` over an event table of about 1,000,000 events against the Halsnæs
   protocol, against the object path (``from_frame`` + ``check``, and ``check`` alone on
   prebuilt pathways), findings asserted equal first (``_compliance.py``); then every
   shipped protocol on about 1,000,000 events copied from its own scenarios, findings of a
   sample asserted equal first; then the peak memory of ``check_frame`` on the Halsnæs
   table, in a child process. Targets: 2 s or less for 1,000,000 events, for every protocol;
   peak memory 1 GB or less.
d. JSON: helhed's cattrs converter against msgspec decoding the same attrs classes, with
   what each refuses (``_json_compare.py``);
e. outcome measures of a simulated municipality's pathways, from the objects and from the
   same pathways as an event table, tables asserted equal first (``_outcomes.py``).

Each classification workload runs ``REPEATS`` times with ``time.perf_counter``; the fastest
run is reported, since noise only ever adds time. The simulation runs once (it is slow).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import platform
import resource
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pandas as pd

import _compliance
import _json_compare
import _outcomes
import helhed
from _timing import best_time, met
from helhed.batch import citizens_to_frame, classify_frame
from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.examples import DEMO_DATE, DEMO_SEED, demo_cohort
from helhed.groups import HealthImpactHorizon
from helhed.health import HealthChallenge, HealthDomain, HealthProfile, RiskFactor
from helhed.models.catalogue import Capacity, Offer, OfferFormat
from helhed.organisation import Administration, coordinating_caseworker_right
from helhed.sickness import SicknessCategory
from helhed.simulation import Parameters, simulate
from helhed.target_groups import classify

REPEATS = 5
ROWS = 100_000  # demo citizens, seed DEMO_SEED, on DEMO_DATE
BATCH_TARGET = 10.0  # batch rows/s over object-path rows/s
SIM_CITIZENS = 100_000
SIM_WEEKS = 52
SIM_STAGGER = 26
SIM_CAPACITY = 2_000  # seats at a time
SIM_SEED = 7
SIM_START = dt.date(2026, 1, 5)
SIM_TARGET = 5.0  # seconds
Answer = tuple[str | None, bool | None, str | None, bool]  # group, typical, horizon, right


def _text(value: Any) -> str | None:
    """A string cell, or None for a missing one (``pd.NA``)."""
    return value if isinstance(value, str) else None


def objects_from_frame(frame: pd.DataFrame) -> list[Answer]:
    """Build a ``Citizen`` per row and ask the object API; the answers per row."""
    columns = [frame[c].tolist() for c in (
        "id", "benefit", "sickness_category", "assessed_horizon", "risk_factors",
        "challenges", "current_barrier", "progressive", "affects_work",
    )]  # fmt: skip
    answers: list[Answer] = []
    for cid, benefit, sickness, assessed, risks, count, barrier, progressive, affects in zip(
        *columns, strict=True
    ):
        benefit_code, sickness_code = _text(benefit), _text(sickness)
        assessed_code, risk_codes = _text(assessed), _text(risks)
        n = 0 if count is pd.NA else int(count)
        challenges = tuple(
            HealthChallenge(
                domain=HealthDomain.PHYSICAL,
                progressive=bool(progressive) and i == 0,
                current_barrier=bool(barrier) and i == 0,
            )
            for i in range(n)
        )
        citizen = Citizen(
            id=cid,
            benefit=Benefit.from_code(benefit_code) if benefit_code else None,
            sickness_category=(
                SicknessCategory.from_code(sickness_code) if sickness_code else None
            ),
            health=HealthProfile(
                risk_factors=frozenset(
                    RiskFactor.from_code(code) for code in (risk_codes or "").split(";") if code
                ),
                challenges=challenges,
                affects_work=bool(affects),
            ),
            assessed_horizon=(
                HealthImpactHorizon.from_code(assessed_code) if assessed_code else None
            ),
        )
        got = classify(citizen, on=DEMO_DATE)
        right = coordinating_caseworker_right(citizen, on=DEMO_DATE).right
        answers.append(
            (
                None if got.group is None else got.group.code,
                got.typical,
                None if got.horizon is None else got.horizon.code,
                right,
            )
        )
    return answers


def batch_answers(frame: pd.DataFrame) -> list[Answer]:
    """``classify_frame``'s answers per row, as plain Python values."""
    out = classify_frame(frame, on=DEMO_DATE)

    def plain(value: Any) -> Any:
        return None if value is pd.NA else value

    return [
        (plain(g), plain(t), plain(h), bool(r))
        for g, t, h, r in zip(
            out["group"].tolist(),
            out["typical"].tolist(),
            out["horizon"].tolist(),
            out["coordinating_caseworker"].tolist(),
            strict=True,
        )
    ]


def bench_classification() -> None:
    """Object path against ``classify_frame`` on the same columnar rows."""
    frame = citizens_to_frame(demo_cohort(ROWS, seed=DEMO_SEED, on=DEMO_DATE))
    # Correctness first (this also warms both paths up).
    if objects_from_frame(frame) != batch_answers(frame):
        raise AssertionError("classify_frame disagrees with the object API")
    print(f"a. classification from columnar data: {ROWS:,} rows from demo_cohort")
    print(f"   (seed {DEMO_SEED}, on {DEMO_DATE.isoformat()}) via citizens_to_frame, built untimed")
    print("   checked: group, typical, horizon and caseworker right equal on every row")
    objects = best_time(lambda: objects_from_frame(frame), REPEATS)
    batch = best_time(lambda: classify_frame(frame, on=DEMO_DATE), REPEATS)
    label = "object API: Citizen per row + classify + right"
    print(f"  {label:<52} {ROWS / objects:>12,.0f} rows/s")
    print(f"  {'batch: classify_frame(frame, on=...)':<52} {ROWS / batch:>12,.0f} rows/s")
    ratio = objects / batch
    print(f"  {'ratio batch / object API':<52} {ratio:>12.1f}")
    print(f"  target batch >= {BATCH_TARGET:g}x object API: {met(ratio >= BATCH_TARGET)}")


def _peak_mb() -> float:
    """This process's peak resident memory in MB: ``VmHWM``, the high-water mark of its own.

    Not ``ru_maxrss``: on Linux a new process's ``ru_maxrss`` starts at the resident memory
    of the process it was forked from, even after ``exec``, so it would report this script's
    size after section a. Where ``/proc`` is missing, ``ru_maxrss`` (in KiB on Linux).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _simulation_child(answer: Connection, run: bool) -> None:  # noqa: FBT001 - a child's task
    """In a fresh process: the simulation's seconds, pathways, events and the peak in MB.

    With ``run`` false, only the imports (this module's) and the peak: the baseline.
    """
    if not run:
        answer.send((0.0, 0, 0, _peak_mb()))
        return
    offer = Offer(
        id="bench-walk",
        name_da="Gåhold",
        name_en="Walking group",
        administration=Administration.HEALTH,
        task_type="6",
        format=OfferFormat.GROUP,
        duration_weeks=12,
        capacity=Capacity(amount=SIM_CAPACITY),
        voluntary=True,
        last_reviewed=dt.date(2025, 6, 1),
    )
    parameters = Parameters(
        offer=offer,
        p_accept=0.5,
        p_decline=0.1,
        p_contact=0.6,
        p_start=0.5,
        p_complete=0.08,
        p_drop_out=0.03,
        p_job=0.02,
        stagger_weeks=SIM_STAGGER,
    )
    ids = [f"sim-{i:06d}" for i in range(SIM_CITIZENS)]
    start = time.perf_counter()
    pathways = simulate(
        ids, parameters, start=SIM_START, weeks=SIM_WEEKS, seed=SIM_SEED, capacity=SIM_CAPACITY
    )
    seconds = time.perf_counter() - start
    events = sum(len(p.events) for p in pathways)
    answer.send((seconds, len(pathways), events, _peak_mb()))


def _in_child(run: bool) -> tuple[float, int, int, float]:  # noqa: FBT001 - a child's task
    """``_simulation_child(run)`` in a fresh interpreter (``spawn``), and what it sent."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_simulation_child, args=(send, run))
    child.start()
    send.close()
    answer: tuple[float, int, int, float] = receive.recv()
    child.join()
    if child.exitcode != 0:
        raise AssertionError(f"the simulation child ended with exit code {child.exitcode}")
    return answer


def bench_simulation() -> None:
    """One run of ``simulate`` on a large cohort, in a child process: time and peak memory."""
    *_, baseline = _in_child(run=False)
    seconds, count, events, peak = _in_child(run=True)
    print(f"b. simulation: {SIM_CITIZENS:,} citizens, {SIM_WEEKS} weeks from {SIM_START}")
    print(f"   referrals staggered over {SIM_STAGGER} weeks, capacity {SIM_CAPACITY:,} seats,")
    print("   weekly p_accept 0.5, p_decline 0.1, p_contact 0.6, p_start 0.5,")
    print("   p_complete 0.08, p_drop_out 0.03, p_job 0.02")
    print(f"   seed {SIM_SEED}, one run, in a fresh child process (spawn)")
    print(f"  simulate(...) -> {count:,} pathways, {events:,} events")
    print(f"  {'seconds':<52} {seconds:>12.2f}")
    print(f"  target <= {SIM_TARGET:g} s: {met(seconds <= SIM_TARGET)}")
    print(f"  {'peak memory of the child (VmHWM), MB':<52} {peak:>12,.0f}")
    print(f"  {'  of a child that only imports the same, MB':<52} {baseline:>12,.0f}")
    print(f"  {'  the simulation alone (the difference), MB':<52} {peak - baseline:>12,.0f}")


def main() -> None:
    """Print the set-up, then time both workloads, then what is not measured."""
    print("helhed research benchmark")
    print(
        f"  Python {platform.python_version()} ({platform.python_implementation()}), "
        f"helhed {helhed.__version__}"
    )
    print(
        f"  timing: best of {REPEATS} runs (classification), one run (simulation); sections c"
        " to e say their own"
    )
    print()
    bench_classification()
    print()
    bench_simulation()
    print()
    _compliance.bench_compliance()
    print()
    _json_compare.bench_json()
    print()
    _outcomes.bench_outcomes()


if __name__ == "__main__":
    main()
