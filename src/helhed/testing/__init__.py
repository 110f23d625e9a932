"""Testing aids for code built on helhed (requires the ``testing`` extra: hypothesis).

[`helhed.testing.strategies`][helhed.testing.strategies] generates valid helhed values for
property-based tests of your own product.
"""
