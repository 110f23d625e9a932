"""Deprecated: the protocol rules moved to [`helhed.rules`][helhed.rules]; import them from there.

This module re-exports every public name of `helhed.rules` and warns when it is imported. It
is kept for one release.
"""

import warnings

from helhed import rules as _rules
from helhed.rules import *  # noqa: F403 - the whole public API of helhed.rules, re-exported

__all__ = list(_rules.__all__)

warnings.warn(
    "helhed.pathways.rules is deprecated; import from helhed.rules instead",
    DeprecationWarning,
    stacklevel=2,
)
