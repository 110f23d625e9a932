"""Test configuration: Hypothesis never fails a test on wall time."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "helhed", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.load_profile("helhed")
