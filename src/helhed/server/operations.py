"""The operations of the HTTP service: each a library call with its request and its answer.

Every operation is one call of the library. It reads its body by its fields
(`helhed.server._fields`), calls the library
(`helhed.server._handlers`) and answers with the library's own
documents and values, written by the one converter. Nothing here knows HTTP:
[`run`][helhed.server.operations.run] takes parsed JSON and gives JSON-ready data, so the same
call can be measured in process and over HTTP.

A dated operation takes its day as ``on``. Where a request leaves it out, the day is the one the
server was started with (``helhed serve --on``), otherwise today's date on the server's clock,
and the answer says which in ``on_from``: ``request``, ``server`` or ``clock``.

Examples:
    >>> import datetime as dt
    >>> from helhed.server._call import Settings
    >>> answer = run(OPERATION["screen-who5"], {"answers": [5, 3, 5, 5, 5]}, {},
    ...              Settings(on=dt.date(2026, 12, 4)))
    >>> answer["on"], answer["on_from"], answer["score"]["scaled"]
    ('2026-12-04', 'server', 92)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.errors import UnknownNameError
from helhed.models.catalogue import (
    MATCHES_SHOWN,
    MOST_MATCHES,
    MOST_REVIEW_MONTHS,
    REVIEW_MONTHS,
)
from helhed.organisation import Administration
from helhed.pathways.events import ConsentPurpose, InformationCategory
from helhed.protocols import PROTOCOLS
from helhed.screening import Questionnaire, Sex, audit, audit_c, questionnaire, who5
from helhed.serialization import DOCUMENTS
from helhed.server import _handlers as h
from helhed.server._call import Call, Settings
from helhed.server._examples import EXAMPLES
from helhed.server._fields import (
    Field,
    component,
    document,
    documents,
    read_fields,
    value,
    whole,
)

__all__ = [
    "DATED",
    "OPERATION",
    "OPERATIONS",
    "Operation",
    "answer_schema",
    "check_params",
    "run",
]

DATED = value(
    "on",
    dt.date,
    "The day the answer is for (YYYY-MM-DD); the law in force on it applies. Left out: the "
    "day the server was started with, otherwise today's date on its clock; the answer says "
    "which in on_from.",
)
"""The ``on`` field every dated operation takes, first among its fields."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Operation:
    """One operation of the service.

    Attributes:
        id: Its operationId, e.g. ``classify``.
        method: ``GET`` or ``POST``.
        path: Its path, e.g. ``/protocols/{id}``.
        tag: The group it is listed under.
        summary: What it does, in one line.
        description: More, with the source it rests on.
        fields: The fields of its JSON body (``POST``), ``on`` first if it is dated.
        one_of: Fields of which a body must hold exactly one.
        params: Its path parameters, each with the values it takes.
        answer: The JSON Schema of its answer (``on`` and ``on_from`` are added if dated).
        handle: The library call.
    """

    id: str
    method: str
    path: str
    tag: str
    summary: str
    description: str
    fields: tuple[Field, ...] = ()
    one_of: tuple[str, ...] = ()
    params: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    answer: Mapping[str, Any] = attrs.field(eq=False)  # JSON Schema: nested dicts, not a key
    handle: Callable[[Call], dict[str, Any]] = attrs.field(eq=False)

    @property
    def dated(self) -> bool:
        """Whether the operation takes ``on``."""
        return bool(self.fields) and self.fields[0] is DATED

    def example(self) -> dict[str, Any]:
        """An example body (``POST``) or path parameters (``GET``) that succeeds."""
        return EXAMPLES[self.id]()


def _check_call(operation: object, params: object) -> None:
    check = Checker()
    check.expect(isinstance(operation, Operation), "operation", "must be an Operation")
    check.expect(isinstance(params, Mapping), "params", "must be a mapping of names to text")
    check.done()


def check_params(operation: Operation, params: Mapping[str, str]) -> None:
    """Check that the path parameters name something.

    Raises:
        UnknownNameError: If one names nothing, e.g. an unknown protocol; the message lists
            what it may name.
        ValidationError: If ``operation`` is not an Operation or ``params`` not a mapping.
    """
    _check_call(operation, params)
    for name, known in operation.params.items():
        if params.get(name) not in known:
            msg = f"unknown {name}; expected one of: {', '.join(known)}"
            raise UnknownNameError(msg)


def run(
    operation: Operation, body: object, params: Mapping[str, str], settings: Settings
) -> dict[str, Any]:
    """Answer one request: read its body and parameters, call the library, write the answer.

    Args:
        operation: The operation asked for.
        body: The parsed JSON body; None for an operation without one.
        params: The path parameters.
        settings: The server's settings (the day to use where ``on`` is left out).

    Raises:
        UnknownNameError: If a path parameter names nothing, e.g. an unknown protocol.
        ValidationError: If an argument is not of its type.
        ValidationError: If the body is not what the operation takes (every problem by path).
        HelhedError: As the library call raises it, e.g. NoRuleError for a day before the
            first rule helhed knows.
    """
    check = Checker()
    check.expect(isinstance(settings, Settings), "settings", "must be Settings")
    check.done()
    check_params(operation, params)
    fields = read_fields({} if body is None else body, operation.fields, operation.one_of)
    if not operation.dated:
        return operation.handle(Call(fields=fields, params=params))
    asked = fields.pop("on", None)
    on, source = (asked, "request") if isinstance(asked, dt.date) else _default_day(settings)
    answer = operation.handle(Call(fields=fields, params=params, on=on))
    return {"on": on.isoformat(), "on_from": source, **answer}


def _default_day(settings: Settings) -> tuple[dt.date, str]:
    """The day of a request that leaves out ``on``, and where it came from."""
    if settings.on is not None:
        return settings.on, "server"
    return settings.today(), "clock"


def answer_schema(operation: Operation) -> dict[str, Any]:
    """The JSON Schema of an operation's answer, with ``on`` and ``on_from`` if it is dated.

    Raises:
        ValidationError: If ``operation`` is not an Operation.
    """
    _check_call(operation, {})
    if not operation.dated:
        return dict(operation.answer)
    dated = {
        "on": {**DATED.schema, "description": "The day the answer is for."},
        "on_from": {
            "enum": ["request", "server", "clock"],
            "description": "Where the day came from: the request, the day the server was "
            "started with, or today's date on its clock.",
        },
    }
    return {
        **operation.answer,
        "properties": {**dated, **operation.answer["properties"]},
        "required": ["on", "on_from", *operation.answer["required"]],
    }


def _answer(**properties: Mapping[str, Any]) -> dict[str, Any]:
    """An answer's schema: an object with exactly these properties, all present."""
    return {
        "type": "object",
        "properties": dict(properties),
        "required": list(properties),
        "additionalProperties": False,
    }


def _list(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": dict(schema)}


_TEXT = {"type": "string"}
_CITIZEN = document("citizen", "citizen", "The citizen, as a citizen document.")
_PATHWAY = document("pathway", "pathway", "The citizen's pathway, as a pathway document.")
_PATHWAYS = documents("pathways", "pathway", "The pathways, one per citizen.")
_CATALOGUE = document(
    "catalogue",
    "catalogue",
    "A catalogue of offers; left out: the example catalogue (fictional).",
    required=False,
)
_PERIOD = (
    value("from", dt.date, "The first day of the period; left out: the first event's day."),
    value("to", dt.date, "The last day of the period; left out: the last event's day."),
)
_UNITS = value("units", tuple[str, ...], "The units, each once, in order; left out: every unit.")
_UNITS = attrs.evolve(_UNITS, schema={**_UNITS.schema, "uniqueItems": True})
_TABLE = _answer(
    **{"from": DATED.schema, "to": DATED.schema, "table": component("Table")},
)
_SCREENED = _answer(score=component("Score"), interpretation=component("Interpretation"))


def _answers(instrument: Questionnaire | None = None) -> Field:
    """The answers to a questionnaire's items, or the alcohol intake (no ``instrument``).

    The instrument reads them, every problem by path; the schema holds the number of items.
    """
    if instrument is None:
        schema: dict[str, Any] = {"type": "array", "items": {"type": "number", "minimum": 0}}
        description = "Units in a typical week, then optionally the most units on one day."
    else:
        items = instrument.ITEMS
        schema = {
            "type": "array",
            "items": {"type": "integer", "minimum": 0},
            "minItems": items,
            "maxItems": items,
        }
        description = f"The {items} answers to {instrument.TITLE}, item 1 first."
    return Field(
        name="answers",
        schema=schema,
        read=lambda data, _: data,
        description=description,
        required=True,
        sensitive=True,
    )


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        id="classify",
        method="POST",
        path="/classify",
        tag="citizens",
        summary="The target group of one citizen",
        description="High, medium or low risk, or none, by health and funding basis, with "
        "every reason cited (SST2019 ch. 4).",
        fields=(DATED, _CITIZEN),
        answer=_answer(assessment=component("assessment")),
        handle=h.classify_one,
    ),
    Operation(
        id="classify-many",
        method="POST",
        path="/classify/many",
        tag="citizens",
        summary="The target groups of many citizens",
        description="One assessment per citizen, in the order given (SST2019 ch. 4).",
        fields=(DATED, documents("citizens", "citizen", "The citizens.")),
        answer=_answer(assessments=_list(component("assessment"))),
        handle=h.classify_many,
    ),
    Operation(
        id="benefits",
        method="POST",
        path="/benefits",
        tag="citizens",
        summary="The benefit rules in force on a day",
        description="One benefit-rules document per funding basis in force, each resting on "
        "its cited source; the codes of the funding bases with no rule on the day.",
        fields=(DATED,),
        answer=_answer(
            rules=_list(component("benefit-rules")),
            without_rule=_list(component("Benefit")),
        ),
        handle=h.benefits,
    ),
    Operation(
        id="sickness-category",
        method="POST",
        path="/sickness/category",
        tag="citizens",
        summary="The follow-up category of a sickness benefit case",
        description="Category 1, 2 or 3 at visitation (SDL § 12); category 3 only for "
        "visitations before 1 January 2025 (L 74 2024/25).",
        fields=(
            DATED,
            value(
                "first_absence_day",
                dt.date,
                "The first day of absence.",
                required=True,
                sensitive=True,
            ),
            value(
                "expected_full_recovery",
                dt.date,
                "The day the citizen is expected to be fully fit.",
                required=True,
                sensitive=True,
            ),
            value(
                "other_challenges",
                bool,
                "Whether challenges other than health affect the return to work.",
                required=True,
                sensitive=True,
            ),
        ),
        answer=_answer(assessment=component("sickness-assessment")),
        handle=h.sickness,
    ),
    Operation(
        id="caseworker-right",
        method="POST",
        path="/caseworker-right",
        tag="citizens",
        summary="The right to a coordinating caseworker",
        description="Whether the citizen has the right, by funding basis (SST2019 4.1, fn. 7).",
        fields=(DATED, _CITIZEN),
        answer=_answer(right=component("caseworker-right")),
        handle=h.caseworker_right,
    ),
    Operation(
        id="screen-who5",
        method="POST",
        path="/screening/who5",
        tag="screening",
        summary="Score WHO-5 and read the score",
        description="Five answers from 0 to 5; the raw and percentage scores, the band with "
        "its advice and the reasons (WHO5).",
        fields=(DATED, _answers(questionnaire(who5.NAME))),
        answer=_SCREENED,
        handle=h.screen_who5,
    ),
    Operation(
        id="screen-audit",
        method="POST",
        path="/screening/audit",
        tag="screening",
        summary="Score AUDIT and read the score",
        description="Ten answers, item 1 first; the total, its zone and advice (AUDIT).",
        fields=(DATED, _answers(questionnaire(audit.NAME))),
        answer=_SCREENED,
        handle=h.screen_audit,
    ),
    Operation(
        id="screen-audit-c",
        method="POST",
        path="/screening/audit-c",
        tag="screening",
        summary="Score AUDIT-C and read the score",
        description="Three answers, item 1 first, and the citizen's sex, which sets the cut-off.",
        fields=(
            DATED,
            _answers(questionnaire(audit_c.NAME)),
            value("sex", Sex, "The citizen's sex: kvinde or mand.", required=True, sensitive=True),
        ),
        answer=_SCREENED,
        handle=h.screen_audit_c,
    ),
    Operation(
        id="screen-alcohol",
        method="POST",
        path="/screening/alcohol",
        tag="screening",
        summary="Alcohol intake against the guidance in force",
        description="Units in a typical week, and optionally the most on one day; read against "
        "the Danish Health Authority's guidance in force on the day.",
        fields=(
            DATED,
            _answers(),
            value(
                "sex", Sex, "The citizen's sex, where the guidance differs by it.", sensitive=True
            ),
        ),
        answer=_answer(intake=component("Intake"), reading=component("AlcoholReading")),
        handle=h.alcohol_intake,
    ),
    Operation(
        id="may-disclose",
        method="POST",
        path="/may-disclose",
        tag="consent",
        summary="May information pass to an administration?",
        description="The default is no. Yes only within one administration, or when a consent "
        "in force at the end of the day covers the category, the receiver and the purpose; a "
        "withdrawal always wins (SST2019 ch. 5).",
        fields=(
            DATED,
            _PATHWAY,
            value("category", InformationCategory, "The category of information.", required=True),
            value("to", Administration, "The administration that would receive it.", required=True),
            value("purpose", ConsentPurpose, "What it would be used for.", required=True),
            value("source", Administration, "The administration that holds it, where known."),
        ),
        answer=_answer(decision=component("DisclosureDecision")),
        handle=h.may_disclose_to,
    ),
    Operation(
        id="audit",
        method="POST",
        path="/audit",
        tag="consent",
        summary="Judge every disclosure in a pathway's log",
        description="Each disclosure judged at its place in the log with all the log now knows, "
        "a withdrawal recorded late counting from the day it happened.",
        fields=(_PATHWAY,),
        answer=_answer(audit=component("Audit")),
        handle=h.audit_pathway,
    ),
    Operation(
        id="check",
        method="POST",
        path="/check",
        tag="pathways",
        summary="Check pathways against a protocol",
        description="Against a shipped protocol named by its id, or a protocol document; every "
        "finding with its rule, severity and citation.",
        fields=(
            DATED,
            Field(
                name="protocol",
                schema={"enum": list(PROTOCOLS)},
                read=h.shipped_protocol,
                description="The id of a shipped protocol; or give protocol_document.",
            ),
            document(
                "protocol_document",
                "protocol",
                "A protocol document; or give protocol.",
                required=False,
            ),
            _PATHWAYS,
        ),
        one_of=("protocol", "protocol_document"),
        answer=_answer(report=component("compliance-report")),
        handle=h.check_pathways,
    ),
    Operation(
        id="report-conversations",
        method="POST",
        path="/reports/conversations",
        tag="reports",
        summary="Health conversations by unit",
        description="Citizens with a health conversation in the period, by unit (AALBORG2019).",
        fields=(_PATHWAYS, *_PERIOD, _UNITS),
        answer=_TABLE,
        handle=h.conversations,
    ),
    Operation(
        id="report-referrals",
        method="POST",
        path="/reports/referrals",
        tag="reports",
        summary="Onward referrals by destination",
        description="Referrals from the health conversations of the period, by destination "
        "(AALBORG2019).",
        fields=(_PATHWAYS, *_PERIOD, _UNITS),
        answer=_TABLE,
        handle=h.referrals,
    ),
    Operation(
        id="report-interventions",
        method="POST",
        path="/reports/interventions",
        tag="reports",
        summary="The status of the citizens referred to one offer",
        description="Started, completed, ended early or waiting, over the period (AALBORG2019).",
        fields=(
            _PATHWAYS,
            *_PERIOD,
            value("offer", str, "The offer, by its name in the log.", required=True),
            value("via", str, "Count only referrals made through this referral route."),
        ),
        answer=_TABLE,
        handle=h.interventions,
    ),
    Operation(
        id="catalogue-match",
        method="POST",
        path="/catalogue/match",
        tag="catalogue",
        summary="The offers that fit a citizen, best first",
        description="Ranked with reasons, from the example catalogue or a posted one "
        "(SST2019 kap. 9).",
        fields=(
            DATED,
            _CITIZEN,
            _CATALOGUE,
            whole("most", 1, MOST_MATCHES, f"Offers at most; {MATCHES_SHOWN} if left out."),
        ),
        answer=_answer(catalogue=_TEXT, matches=_list(component("OfferMatch"))),
        handle=h.matches,
    ),
    Operation(
        id="catalogue-coverage",
        method="POST",
        path="/catalogue/coverage",
        tag="catalogue",
        summary="What a catalogue covers and what no offer covers",
        description="Offers per risk factor, target group and task type, and the gaps.",
        fields=(_CATALOGUE,),
        answer=_answer(catalogue=_TEXT, coverage=component("Coverage")),
        handle=h.coverage_of,
    ),
    Operation(
        id="catalogue-stale",
        method="POST",
        path="/catalogue/stale",
        tag="catalogue",
        summary="The offers not reviewed recently",
        description="Offers last reviewed more than the given calendar months before the day "
        "(SST2019 kap. 9: continuous updating is decisive).",
        fields=(
            DATED,
            _CATALOGUE,
            whole(
                "months",
                1,
                MOST_REVIEW_MONTHS,
                f"The most calendar months since review; {REVIEW_MONTHS} if left out.",
            ),
        ),
        answer=_answer(
            catalogue=_TEXT,
            months={"type": "integer", "minimum": 1},
            offers=_list(component("Offer")),
        ),
        handle=h.stale_offers,
    ),
    Operation(
        id="protocol-list",
        method="GET",
        path="/protocols",
        tag="protocols",
        summary="The shipped protocols",
        description="Each with its id, names, number of rules and citation.",
        answer=_answer(
            protocols=_list(
                _answer(
                    id=_TEXT,
                    name_da=_TEXT,
                    name_en=_TEXT,
                    rules={"type": "integer", "minimum": 1},
                    citation=_TEXT,
                )
            )
        ),
        handle=h.protocol_list,
    ),
    Operation(
        id="protocol-show",
        method="GET",
        path="/protocols/{id}",
        tag="protocols",
        summary="A shipped protocol as a protocol document",
        description="The document check takes as protocol_document.",
        params={"id": tuple(PROTOCOLS)},
        answer=component("protocol"),
        handle=h.protocol_document,
    ),
    Operation(
        id="schema-list",
        method="GET",
        path="/schemas",
        tag="schemas",
        summary="The names of the document types",
        description="Each has a JSON Schema at /schemas/{name}.",
        answer=_answer(schemas=_list({"enum": list(DOCUMENTS)})),
        handle=h.schema_list,
    ),
    Operation(
        id="schema-show",
        method="GET",
        path="/schemas/{name}",
        tag="schemas",
        summary="The JSON Schema of a document type",
        description="JSON Schema draft 2020-12, as helhed schema NAME prints it.",
        params={"name": tuple(DOCUMENTS)},
        answer={"type": "object", "required": ["$schema", "$id"]},
        handle=h.schema,
    ),
    Operation(
        id="health",
        method="GET",
        path="/health",
        tag="service",
        summary="Whether the service answers",
        description="For a load balancer or a reverse proxy; reads nothing.",
        answer=_answer(status={"const": "ok"}, version=_TEXT),
        handle=h.health,
    ),
)
"""Every operation, in the order of the description."""

OPERATION: Mapping[str, Operation] = MappingProxyType({op.id: op for op in OPERATIONS})
"""The operations by id."""
