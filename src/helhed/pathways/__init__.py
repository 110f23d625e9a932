"""A citizen's pathway through job centre and health department, and the rules over it.

The modules, from the ground up:

* [`events`][helhed.pathways.events]: the event types;
* [`stages`][helhed.pathways.stages]: the stage a citizen stands in, and which event gives it;
* [`pathway`][helhed.pathways.pathway]: the append-only log and the state it replays to;
* [`consent`][helhed.pathways.consent]: consent and disclosures, between the log and the rules
  (also importable as `helhed.consent`);
* `rules`: deprecated, now [`helhed.rules`][helhed.rules] (composable protocol rules and
  protocols), which the modules below use;
* [`compliance`][helhed.pathways.compliance]: checking pathways against a protocol;
* [`protocols`][helhed.pathways.protocols]: the protocol the law fixes, the coordinating
  caseworker right;
* [`reports`][helhed.pathways.reports]: tables over many pathways (the Aalborg tables).
"""

import importlib
import warnings

from helhed.pathways.compliance import ComplianceReport, check
from helhed.pathways.events import EVENT_TYPES, Event, EventKind
from helhed.pathways.pathway import Pathway, PathwayState
from helhed.pathways.reports import (
    Table,
    conversations_by_unit,
    intervention_status,
    referrals_by_destination,
)
from helhed.pathways.stages import PathwayStage
from helhed.rules import Finding, Protocol, Severity

__all__ = [
    "EVENT_TYPES",
    "ComplianceReport",
    "Event",
    "EventKind",
    "Finding",
    "Pathway",
    "PathwayStage",
    "PathwayState",
    "Protocol",
    "Severity",
    "Table",
    "check",
    "conversations_by_unit",
    "intervention_status",
    "referrals_by_destination",
]


def __getattr__(name: str) -> object:
    """``PROTOCOLS``, deprecated here: every shipped protocol is in ``helhed.protocols``."""
    if name != "PROTOCOLS":
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    warnings.warn(
        "helhed.pathways.PROTOCOLS is deprecated; import PROTOCOLS from helhed.protocols",
        DeprecationWarning,
        stacklevel=2,
    )
    return importlib.import_module("helhed.protocols").PROTOCOLS
