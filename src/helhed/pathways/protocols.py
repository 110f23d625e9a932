"""The protocol the law itself fixes: the right to a coordinating caseworker.

``koordinerende-sagsbehandler`` holds the right to one continuous coordinating caseworker
(SST2019 4.1, fn. 7). The statutory sickness benefit follow-up is
[`sygedagpenge`][helhed.pathways.sickness_follow_up]; the protocols of the municipal cases,
Halsnæs and Odense among them, are in [`helhed.cases`][helhed.cases], and every protocol
helhed ships is in [`helhed.protocols.PROTOCOLS`][helhed.protocols.PROTOCOLS].

``HALSNAES``, ``ODENSE_CONSENT`` and ``PROTOCOLS`` were here until this release; they still
resolve, with a DeprecationWarning naming their new home, for one release.
"""

from __future__ import annotations

import importlib
import warnings

from helhed.benefits import Benefit
from helhed.groups import RiskGroup
from helhed.rules import (
    CoordinatingCaseworkerAssigned,
    OneCoordinatingCaseworker,
    Protocol,
    Severity,
)
from helhed.sources import Citation, Reading, Stated

__all__ = ["COORDINATING_CASEWORKER"]

_FN7 = Citation("SST2019", "4.1, fn. 7")

COORDINATING_CASEWORKER = Protocol(
    id="koordinerende-sagsbehandler",
    name_da="Ret til en koordinerende sagsbehandler",
    name_en="Right to a coordinating caseworker",
    target_groups=frozenset({RiskGroup.HIGH}),
    funding=frozenset(
        {
            Benefit.CASH_BENEFIT_ACTIVITY_READY,
            Benefit.RESOURCE_COURSE,
            Benefit.JOB_CLARIFICATION_COURSE,
        }
    ),
    rules=(
        CoordinatingCaseworkerAssigned(
            id="koordinerende-sagsbehandler.tildelt",
            severity=Severity.WARNING,
            citation=Citation("SST2019", "4.1"),
            text_da="Borgere med ret til en koordinerende sagsbehandler har en.",
            text_en="A citizen with the right to a coordinating caseworker has one.",
            basis=Reading(
                "SST2019 4.1 giver retten, men ingen kilde sætter en frist for, hvornår "
                "sagsbehandleren skal være udpeget. helhed bedømmer derfor først dagen efter, "
                "at forsørgelsesgrundlaget begyndte, og kun som en advarsel: en manglende "
                "sagsbehandler er værd at se på, men ikke et brud på en frist. En kommune med "
                "sin egen frist sætter grace_days.",
                "SST2019 4.1 gives the right, but no source sets a deadline for the assignment. "
                "helhed therefore judges a citizen only from the day after the funding basis "
                "began, and only as a warning: a missing caseworker is worth a look, not the "
                "breach of a deadline. A municipality with a deadline of its own sets "
                "grace_days.",
            ),
        ),
        OneCoordinatingCaseworker(
            id="koordinerende-sagsbehandler.gennemgaaende",
            severity=Severity.WARNING,
            citation=_FN7,
            text_da="Den koordinerende sagsbehandler er gennemgående, ikke skiftende.",
            text_en="The coordinating caseworker stays the same person rather than changing.",
            basis=Stated(
                "en gennemgående og koordinerende sagsbehandler i stedet for skiftende "
                "sagsbehandlere"
            ),
        ),
    ),
    citation=_FN7,
)
"""The coordinating caseworker right (SST2019 4.1, fn. 7). Which funding bases give the right
on a day comes from the dated benefit rules, so reforms apply without changing the protocol.
No source sets a deadline for the assignment, so ``tildelt`` is helhed's reading: judged from
the day after the right starts, and a warning."""

_MOVED = {
    "HALSNAES": "helhed.cases.halsnaes",
    "ODENSE_CONSENT": "helhed.cases.odense",
    "PROTOCOLS": "helhed.protocols",
}


def __getattr__(name: str) -> object:
    """The names that moved up, with a DeprecationWarning naming their new home."""
    if name not in _MOVED:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    home = _MOVED[name]
    warnings.warn(
        f"helhed.pathways.protocols.{name} is deprecated; import it from {home}",
        DeprecationWarning,
        stacklevel=2,
    )
    # A string import: the deprecated name reaches up the floors only for one release.
    return getattr(importlib.import_module(home), name)
