"""Test configuration: Hypothesis never fails a test on wall time.

Three profiles: ``helhed`` (the default, 100 examples a property), ``slow`` (2,000), which
``make slow`` runs for the stateful machines with ``--hypothesis-profile=slow``, and ``fuzz``
(10,000), which ``make fuzz`` runs for the reading fuzz tests (tests/test_reading_fuzz.py).
"""

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
settings.load_profile("helhed")


def pytest_terminal_summary(terminalreporter):
    """After a run with the reading fuzz tests: how many inputs they tried, what each gave."""
    if terminalreporter.config.getoption("hypothesis_profile", None) != "fuzz":
        return
    for line in fuzzing.summary():
        terminalreporter.write_line(line)
