"""Test configuration: Hypothesis never fails a test on wall time.

Four profiles: ``helhed`` (the default, 100 examples a property), ``slow`` (2,000), which
``make slow`` runs for the stateful machines with ``--hypothesis-profile=slow``, and ``fuzz``
(10,000), which ``make fuzz`` runs for the reading fuzz tests (tests/test_reading_fuzz.py).
``mutate`` (10, derandomised, no example database) is what ``make mutate`` runs each mutant's
tests with, so that a mutant is killed or survives the same way on every run.
"""

import os
import sys

from hypothesis import HealthCheck, settings

import fuzzing

settings.register_profile(
    "helhed", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.register_profile("slow", settings.get_profile("helhed"), max_examples=2000)
settings.register_profile(
    "fuzz",
    settings.get_profile("helhed"),
    max_examples=10_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "mutate", settings.get_profile("helhed"), max_examples=10, derandomize=True, database=None
)
settings.load_profile("helhed")


def pytest_terminal_summary(terminalreporter):
    """After a run with the reading fuzz tests: how many inputs they tried, what each gave."""
    if terminalreporter.config.getoption("hypothesis_profile", None) != "fuzz":
        return
    for line in fuzzing.summary():
        terminalreporter.write_line(line)


def pytest_sessionstart():
    """Under mutation testing, forget what cached functions computed before the mutant was set.

    mutmut runs each mutant's tests in a process forked after collection; a cache filled then
    (by a module-level value in a test module) would answer with the original code's result.
    """
    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        return
    for name, module in list(sys.modules.items()):
        # The examples cache the same object on purpose, and no mutated module is among them.
        if name.startswith("helhed.") and not name.startswith("helhed.examples"):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()
