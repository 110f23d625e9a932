"""Memory and rate of ``helhed classify --jsonl`` on a large file, against reading it whole.

Run as ``python benchmarks/bench_jsonl.py [--size N]`` (or ``make bench``). It writes ``N``
synthetic citizens (default 1,000,000), one JSON document a line, to a temporary file, drawn
as the demo cohort draws them (``helhed.examples.synthetic_citizen`` over the demo's funding
mix) but one at a time, so the script itself never holds the cohort. It then runs, each in a
child process of its own:

a. ``helhed classify FILE --jsonl`` over the whole file: citizens classified per second and
   the child's peak memory (``ru_maxrss``), against the target of under 200 MB;
b. as a baseline, ``helhed classify FILE`` reading a JSON list of the first ``--baseline``
   citizens (default 100,000, at most ``N``) whole: its rate and peak memory, and the ratio
   of the two peaks.

The citizens are invented; the figures measure helhed, not any municipality.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _timing import met
from helhed.citizens import Citizen
from helhed.examples import DEMO_DATE, DEMO_SEED, funding_mix, synthetic_citizen
from helhed.serialization import to_json

TARGET_MB = 200
"""The target for the streaming run's peak memory, in megabytes (10**6 bytes)."""

_RUN = "import sys; from helhed.cli import main; sys.exit(main())"


def citizens(size: int, seed: int = DEMO_SEED) -> Iterator[Citizen]:
    """``size`` synthetic citizens, drawn one at a time (ids ``demo-0000000`` on)."""
    rng = random.Random(seed)
    mix = funding_mix(DEMO_DATE)
    benefits = list(mix)
    weights = [mix[b] for b in benefits]
    for i in range(size):
        benefit = rng.choices(benefits, weights=weights)[0]
        yield synthetic_citizen(rng, f"demo-{i:07d}", benefit, on=DEMO_DATE)


def run(args: list[str]) -> tuple[float, float]:
    """Run ``helhed ARGS`` in a child process; return (seconds, peak memory in MB)."""
    start = time.perf_counter()
    child = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-c", _RUN, *args], stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"helhed {' '.join(args)} exited with {child.returncode}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024) / 1e6
    return seconds, peak


def main() -> None:
    """Write the files, run both commands and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="citizens in the JSONL file")
    parser.add_argument("--baseline", type=int, default=100_000, help="citizens in the JSON list")
    options = parser.parse_args()
    size = options.size
    baseline = min(options.baseline, size)
    on = DEMO_DATE.isoformat()
    print(f"Python {platform.python_version()} on {platform.machine()}")
    with tempfile.TemporaryDirectory() as folder:
        lines = Path(folder) / "citizens.jsonl"
        whole = Path(folder) / "citizens.json"
        start = time.perf_counter()
        with lines.open("w", encoding="utf-8") as jsonl, whole.open("w", encoding="utf-8") as js:
            js.write("[")
            for i, citizen in enumerate(citizens(size)):
                text = to_json(citizen)
                jsonl.write(text + "\n")
                if i < baseline:
                    js.write(("," if i else "") + text + "\n")
            js.write("]\n")
        print(
            f"wrote {size:,} citizens ({lines.stat().st_size / 1e6:,.1f} MB of JSON Lines) in "
            f"{time.perf_counter() - start:,.1f} s"
        )
        seconds, stream_peak = run(["classify", str(lines), "--jsonl", "--on", on])
        print(
            f"a. classify --jsonl, {size:,} citizens: {seconds:,.1f} s, "
            f"{size / seconds:,.0f} citizens/s, peak {stream_peak:,.0f} MB "
            f"(target under {TARGET_MB} MB: {met(stream_peak < TARGET_MB)})"
        )
        seconds, whole_peak = run(["classify", str(whole), "--on", on])
        print(
            f"b. classify (whole JSON list), {baseline:,} citizens "
            f"({whole.stat().st_size / 1e6:,.1f} MB): {seconds:,.1f} s, "
            f"{baseline / seconds:,.0f} citizens/s, peak {whole_peak:,.0f} MB"
        )
        print(
            f"peak memory, whole list of {baseline:,} / JSON Lines of {size:,}: "
            f"{whole_peak / stream_peak:,.1f}x"
        )


if __name__ == "__main__":
    main()
