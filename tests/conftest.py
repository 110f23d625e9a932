"""Test configuration: Hypothesis never fails a test on wall time.

Two profiles: ``helhed`` (the default, 100 examples a property) and ``slow`` (2,000), which
``make slow`` runs for the stateful machines with ``--hypothesis-profile=slow``.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "helhed", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.register_profile("slow", settings.get_profile("helhed"), max_examples=2000)
settings.load_profile("helhed")
