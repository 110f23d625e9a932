"""Deprecated: the protocol rules moved to [`helhed.rules`][helhed.rules]; import them from there.

This module re-exports every public name of `helhed.rules` and warns when it is imported. It
is kept for one release.
"""

import warnings

from helhed.rules import (
    AtMostPer,
    CoordinatingCaseworkerAssigned,
    Every,
    Finding,
    Forbid,
    Match,
    OneCoordinatingCaseworker,
    Parallel,
    PopulationRule,
    Precedes,
    Protocol,
    RequiresConsent,
    Rule,
    Severity,
    Within,
    at_most_per,
    every,
    forbid,
    parallel,
    precedes,
    requires_consent,
    when,
    within,
)

__all__ = [
    "AtMostPer",
    "CoordinatingCaseworkerAssigned",
    "Every",
    "Finding",
    "Forbid",
    "Match",
    "OneCoordinatingCaseworker",
    "Parallel",
    "PopulationRule",
    "Precedes",
    "Protocol",
    "RequiresConsent",
    "Rule",
    "Severity",
    "Within",
    "at_most_per",
    "every",
    "forbid",
    "parallel",
    "precedes",
    "requires_consent",
    "when",
    "within",
]

warnings.warn(
    "helhed.pathways.rules is deprecated; import from helhed.rules instead",
    DeprecationWarning,
    stacklevel=2,
)
