"""The OpenAPI 3.1 description of the service, built from the library's own JSON Schemas.

Every document in a request or an answer is described by
[`json_schema`][helhed.json_schema.json_schema] and every other value by
[`value_schema`][helhed.json_schema.value_schema], lifted into ``components/schemas`` (their
``$defs`` beside them); the bodies around them come from the same field definitions that read
them (`helhed.server._fields`). Nothing is described twice, so the
description cannot drift from what the service reads and writes. Each operation carries an
example request that succeeds as it is.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from typing import Any

from helhed import __version__
from helhed.json_schema import json_schema, value_schema
from helhed.models.catalogue import Coverage, OfferMatch
from helhed.pathways.consent import Audit
from helhed.pathways.ledger import DisclosureDecision
from helhed.pathways.reports import Table
from helhed.screening import Interpretation, Score
from helhed.screening.alcohol import Intake
from helhed.screening.alcohol import Reading as AlcoholReading
from helhed.serialization import DOCUMENTS
from helhed.server._fields import request_schema
from helhed.server.operations import OPERATIONS, Operation, answer_schema
from helhed.server.problems import MEDIA_TYPE, PROBLEM_SCHEMA, TYPES

__all__ = ["VALUES", "openapi"]

VALUES: Mapping[str, type] = {
    "Score": Score,
    "Interpretation": Interpretation,
    "Intake": Intake,
    "AlcoholReading": AlcoholReading,
    "DisclosureDecision": DisclosureDecision,
    "Audit": Audit,
    "Table": Table,
    "OfferMatch": OfferMatch,
    "Coverage": Coverage,
}
"""The values that answers hold beside documents, by their component name."""

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_COMPONENTS = "#/components/schemas/"


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of every operation, a fresh copy on each call.

    Examples:
        >>> description = openapi()
        >>> description["openapi"], "/classify" in description["paths"]
        ('3.1.0', True)
    """
    return copy.deepcopy(_description())


@functools.cache
def _description() -> dict[str, Any]:
    components: dict[str, Any] = {}
    for name in DOCUMENTS:
        _add(components, name, json_schema(name))
    for name, cls in VALUES.items():
        _add(components, name, value_schema(cls))
    components["Problem"] = PROBLEM_SCHEMA
    paths: dict[str, Any] = {}
    for operation in OPERATIONS:
        paths.setdefault(operation.path, {})[operation.method.lower()] = _operation(
            operation, components
        )
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": _DIALECT,
        "info": {
            "title": "helhed",
            "version": __version__,
            "summary": "The Danish Health Authority's four models for collaboration between job "
            "centres and health departments, as typed, dated and cited rules.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "tags": [{"name": tag} for tag in dict.fromkeys(op.tag for op in OPERATIONS)],
        "paths": paths,
        "components": {"schemas": dict(sorted(components.items()))},
    }


def _operation(operation: Operation, components: dict[str, Any]) -> dict[str, Any]:
    statuses = [400, 404, 500] if operation.params else [400, 500]
    described: dict[str, Any] = {
        "operationId": operation.id,
        "tags": [operation.tag],
        "summary": operation.summary,
        "description": operation.description,
    }
    example = operation.example()
    if operation.params:
        described["parameters"] = [
            {
                "name": name,
                "in": "path",
                "required": True,
                "schema": {"enum": list(known)},
                "example": example[name],
            }
            for name, known in operation.params.items()
        ]
    if operation.method == "POST":
        statuses = [400, 413, 415, 422, 500]
        described["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {
                    "schema": _lift(request_schema(operation.fields, operation.one_of), components),
                    "example": example,
                }
            },
        }
    answer = {"schema": _lift(answer_schema(operation), components)}
    described["responses"] = {
        "200": {"description": operation.summary, "content": {"application/json": answer}},
        **{
            str(status): {
                "description": TYPES[status][1],
                "content": {MEDIA_TYPE: {"schema": {"$ref": f"{_COMPONENTS}Problem"}}},
            }
            for status in statuses
        },
    }
    return described


def _add(components: dict[str, Any], name: str, schema: Mapping[str, Any]) -> None:
    """Put ``schema`` and its ``$defs`` into the components under their names."""
    body = {k: v for k, v in schema.items() if k not in {"$schema", "$id"}}
    lifted = _lift(body, components)
    if components.setdefault(name, lifted) != lifted:  # pragma: no cover - a programming error
        raise RuntimeError(f"two different schemas are called {name}")


def _lift(schema: Any, components: dict[str, Any]) -> Any:
    """``schema`` with its ``$defs`` moved into the components and its refs pointing there."""
    if isinstance(schema, (list, tuple)):
        return [_lift(item, components) for item in schema]
    if not isinstance(schema, Mapping):
        return schema
    for name, definition in schema.get("$defs", {}).items():
        _add(components, name, definition)
    lifted = {k: _lift(v, components) for k, v in schema.items() if k != "$defs"}
    ref = lifted.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        lifted["$ref"] = _COMPONENTS + ref.removeprefix("#/$defs/")
    return lifted
