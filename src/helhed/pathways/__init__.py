"""A citizen's pathway through job centre and health department, and the rules over it.

The modules, from the ground up:

* [`events`][helhed.pathways.events]: the event types;
* [`pathway`][helhed.pathways.pathway]: the append-only log and the state it replays to;
* [`consent`][helhed.pathways.consent]: consent and disclosures, between the log and the rules
  (also importable as `helhed.consent`);
* `rules`: deprecated, now [`helhed.rules`][helhed.rules] (composable protocol rules and
  protocols), which the modules below use;
* [`compliance`][helhed.pathways.compliance]: checking pathways against a protocol;
* [`protocols`][helhed.pathways.protocols]: the protocols the sources fix;
* [`reports`][helhed.pathways.reports]: tables over many pathways (the Aalborg tables).
"""

from helhed.pathways.compliance import ComplianceReport, check
from helhed.pathways.events import EVENT_TYPES, Event, EventKind
from helhed.pathways.pathway import Pathway, PathwayState
from helhed.pathways.protocols import PROTOCOLS
from helhed.pathways.reports import (
    Table,
    conversations_by_unit,
    intervention_status,
    referrals_by_destination,
)
from helhed.rules import Finding, Protocol, Severity

__all__ = [
    "EVENT_TYPES",
    "PROTOCOLS",
    "ComplianceReport",
    "Event",
    "EventKind",
    "Finding",
    "Pathway",
    "PathwayState",
    "Protocol",
    "Severity",
    "Table",
    "check",
    "conversations_by_unit",
    "intervention_status",
    "referrals_by_destination",
]
