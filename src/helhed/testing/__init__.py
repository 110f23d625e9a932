"""Testing aids for code built on helhed.

[`helhed.testing.strategies`][helhed.testing.strategies] generates valid helhed values for
property-based tests of your own product (it needs the ``testing`` extra: hypothesis).
[`helhed.testing.scenarios`][helhed.testing.scenarios] reads and runs scenario files, the
expected answers of citizens and pathways written as documents, with the core alone; ``helhed
test`` runs them and the pytest plugin collects them.
"""
