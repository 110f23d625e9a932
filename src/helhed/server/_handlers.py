"""The library calls behind the operations: each takes a read request and gives JSON-ready data.

Answers are the library's own documents ([`to_dict`][helhed.serialization.to_dict]) and values
([`to_value`][helhed.serialization.to_value]), written by the one converter; the handlers add
only what says how the answer was reached (the period of a report, the catalogue used).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from helhed import __version__
from helhed.benefits import Benefit, benefit_rules
from helhed.citizens import Citizen
from helhed.errors import NoRuleError, ValidationError
from helhed.examples.catalogue import example_catalogue
from helhed.json_schema import json_schema
from helhed.models.catalogue import (
    MATCHES_SHOWN,
    REVIEW_MONTHS,
    Catalogue,
    coverage,
    match,
    max_age,
    stale,
)
from helhed.organisation import Period, coordinating_caseworker_right
from helhed.pathways.compliance import check
from helhed.pathways.consent import audit, may_disclose
from helhed.pathways.pathway import Pathway
from helhed.pathways.reports import (
    Table,
    conversations_by_unit,
    intervention_status,
    referrals_by_destination,
)
from helhed.protocols import PROTOCOLS
from helhed.rules import Protocol
from helhed.screening import alcohol, audit_c, who5
from helhed.screening import audit as audit_instrument
from helhed.serialization import DOCUMENTS, to_dict, to_value
from helhed.server._call import Call
from helhed.sickness import sickness_category
from helhed.target_groups import classify

__all__ = [
    "alcohol_intake",
    "audit_pathway",
    "benefits",
    "caseworker_right",
    "check_pathways",
    "classify_many",
    "classify_one",
    "conversations",
    "coverage_of",
    "health",
    "interventions",
    "matches",
    "may_disclose_to",
    "protocol_document",
    "protocol_list",
    "referrals",
    "schema",
    "schema_list",
    "screen_audit",
    "screen_audit_c",
    "screen_who5",
    "shipped_protocol",
    "sickness",
    "stale_offers",
]


def classify_one(call: Call) -> dict[str, Any]:
    """The target group of one citizen (SST2019 ch. 4)."""
    return {"assessment": to_dict(classify(call.fields["citizen"], on=call.day))}


def classify_many(call: Call) -> dict[str, Any]:
    """The target groups of many citizens, in the order given."""
    citizens: Sequence[Citizen] = call.fields["citizens"]
    return {"assessments": [to_dict(classify(c, on=call.day)) for c in citizens]}


def benefits(call: Call) -> dict[str, Any]:
    """The rules of every funding basis in force on the day; those with none, by code."""
    rules: list[dict[str, Any]] = []
    without: list[str] = []
    for benefit in Benefit:
        try:
            rules.append(to_dict(benefit_rules(benefit, on=call.day)))
        except NoRuleError:
            without.append(benefit.code)
    return {"rules": rules, "without_rule": without}


def sickness(call: Call) -> dict[str, Any]:
    """The follow-up category of a sickness benefit case (SDL § 12)."""
    found = sickness_category(
        first_absence_day=call.fields["first_absence_day"],
        expected_full_recovery=call.fields["expected_full_recovery"],
        other_challenges=call.fields["other_challenges"],
        on=call.day,
    )
    return {"assessment": to_dict(found)}


def caseworker_right(call: Call) -> dict[str, Any]:
    """Whether the citizen has the right to a coordinating caseworker."""
    return {"right": to_dict(coordinating_caseworker_right(call.fields["citizen"], on=call.day))}


def screen_who5(call: Call) -> dict[str, Any]:
    """WHO-5: the score and what it suggests on the day."""
    score = who5.score(call.fields["answers"])
    reading = who5.interpret(score, on=call.day)
    return {"score": to_value(score), "interpretation": to_value(reading)}


def screen_audit(call: Call) -> dict[str, Any]:
    """AUDIT: the score and what it suggests on the day."""
    score = audit_instrument.score(call.fields["answers"])
    reading = audit_instrument.interpret(score, on=call.day)
    return {"score": to_value(score), "interpretation": to_value(reading)}


def screen_audit_c(call: Call) -> dict[str, Any]:
    """AUDIT-C: the score and what it suggests on the day for the citizen's sex."""
    score = audit_c.score(call.fields["answers"])
    reading = audit_c.interpret(score, on=call.day, sex=call.fields["sex"])
    return {"score": to_value(score), "interpretation": to_value(reading)}


def alcohol_intake(call: Call) -> dict[str, Any]:
    """Alcohol intake against the guidance in force on the day."""
    intake = alcohol.score(call.fields["answers"])
    reading = alcohol.interpret(intake, on=call.day, sex=call.fields.get("sex"))
    return {"intake": to_value(intake), "reading": to_value(reading)}


def may_disclose_to(call: Call) -> dict[str, Any]:
    """May the information pass, by the citizen's consents as the log holds them?"""
    decision = may_disclose(
        call.fields["pathway"],
        call.fields["category"],
        to=call.fields["to"],
        on=call.day,
        purpose=call.fields["purpose"],
        source=call.fields.get("source"),
    )
    return {"decision": to_value(decision)}


def audit_pathway(call: Call) -> dict[str, Any]:
    """Every disclosure of the log judged with all the log now knows."""
    return {"audit": to_value(audit(call.fields["pathway"]))}


def check_pathways(call: Call) -> dict[str, Any]:
    """The pathways checked against a shipped protocol or a protocol document."""
    # The operation's one_of has made sure the body gave exactly one of the two.
    named = "protocol" in call.fields
    protocol: Protocol = call.fields["protocol" if named else "protocol_document"]
    return {"report": to_dict(check(call.fields["pathways"], protocol, on=call.day))}


def shipped_protocol(data: object, path: str) -> Protocol:
    """Read the id of a shipped protocol found at ``path``."""
    if not isinstance(data, str) or data not in PROTOCOLS:
        names = ", ".join(PROTOCOLS)
        raise ValidationError.at(path, f"must be the id of a shipped protocol: one of {names}")
    return PROTOCOLS[data]


def _period(call: Call) -> Period:
    pathways: Sequence[Pathway] = call.fields["pathways"]
    days = [e.occurred_on for p in pathways for e in p.timeline]
    start = call.fields.get("from", min(days, default=None))
    end = call.fields.get("to", max(days, default=None))
    if start is None or end is None:
        raise ValidationError.at("pathways", "hold no events; give from and to")
    if end < start:
        if "to" not in call.fields:
            raise ValidationError.at("from", "must not be after the last event's day")
        since = "from" if "from" in call.fields else "the first event's day"
        raise ValidationError.at("to", f"must not be before {since}")
    return Period(start, end)


def _table(table: Table, period: Period) -> dict[str, Any]:
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "table": to_value(table),
    }


def conversations(call: Call) -> dict[str, Any]:
    """Health conversations by unit over the period (AALBORG2019)."""
    period = _period(call)
    units = call.fields.get("units")
    return _table(conversations_by_unit(call.fields["pathways"], period, units=units), period)


def referrals(call: Call) -> dict[str, Any]:
    """Onward referrals by destination over the period (AALBORG2019)."""
    period = _period(call)
    units = call.fields.get("units")
    return _table(referrals_by_destination(call.fields["pathways"], period, units=units), period)


def interventions(call: Call) -> dict[str, Any]:
    """The status of the citizens referred to one offer over the period (AALBORG2019)."""
    period = _period(call)
    table = intervention_status(
        call.fields["pathways"], period, offer=call.fields["offer"], via=call.fields.get("via")
    )
    return _table(table, period)


def _catalogue(call: Call) -> Catalogue:
    chosen: Catalogue | None = call.fields.get("catalogue")
    return example_catalogue() if chosen is None else chosen


def matches(call: Call) -> dict[str, Any]:
    """The offers that fit the citizen, best first, with why (SST2019 kap. 9)."""
    catalogue = _catalogue(call)
    most = call.fields.get("most", MATCHES_SHOWN)
    found = match(catalogue, call.fields["citizen"], on=call.day)[:most]
    return {"catalogue": catalogue.name, "matches": [to_value(m) for m in found]}


def coverage_of(call: Call) -> dict[str, Any]:
    """What the catalogue's offers cover, and what no offer covers."""
    catalogue = _catalogue(call)
    return {"catalogue": catalogue.name, "coverage": to_value(coverage(catalogue))}


def stale_offers(call: Call) -> dict[str, Any]:
    """The offers not reviewed in the last ``months`` calendar months (SST2019 kap. 9)."""
    catalogue = _catalogue(call)
    months = call.fields.get("months", REVIEW_MONTHS)
    old = stale(catalogue, on=call.day, max_age=max_age(months, on=call.day))
    return {"catalogue": catalogue.name, "months": months, "offers": [to_value(o) for o in old]}


def protocol_list(_: Call) -> dict[str, Any]:
    """Every shipped protocol: its id, names, number of rules and citation."""
    return {
        "protocols": [
            {
                "id": p.id,
                "name_da": p.name_da,
                "name_en": p.name_en,
                "rules": len(p.rules),
                "citation": str(p.citation),
            }
            for p in PROTOCOLS.values()
        ]
    }


def protocol_document(call: Call) -> dict[str, Any]:
    """A shipped protocol as a protocol document."""
    return to_dict(PROTOCOLS[call.params["id"]])


def schema_list(_: Call) -> dict[str, Any]:
    """The names of the document types."""
    return {"schemas": list(DOCUMENTS)}


def schema(call: Call) -> dict[str, Any]:
    """The JSON Schema of one document type."""
    return json_schema(call.params["name"])


def health(_: Call) -> dict[str, Any]:
    """That the service answers, and the version of helhed it runs."""
    return {"status": "ok", "version": __version__}
