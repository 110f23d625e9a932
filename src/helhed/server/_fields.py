"""The fields of a request body: one definition gives both the reading and the JSON Schema.

Each operation lists its fields. `read_fields` reads a
body by them, reporting every problem at once by path, and
`request_schema` describes the same body in the OpenAPI
description, so the two cannot disagree. Documents are read by the one converter
([`from_dict`][helhed.serialization.from_dict]) and described by
[`json_schema`][helhed.json_schema.json_schema]; plain values beside them (a date, a code) by
[`read_value`][helhed.serialization.read_value] and
[`value_schema`][helhed.json_schema.value_schema].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from helhed._values import frozen_fields
from helhed.errors import Problem, ValidationError, key_path
from helhed.json_schema import value_schema
from helhed.serialization import DOCUMENTS, from_dict, from_dicts, read_value

__all__ = [
    "Field",
    "component",
    "document",
    "documents",
    "read_fields",
    "request_schema",
    "value",
    "whole",
]

Reader = Callable[[object, str], object]
"""Reads one field's JSON value found at a path; raises ValidationError naming the path."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Field:
    """One field of a request body.

    Attributes:
        name: The key in the body.
        schema: Its JSON Schema; ``$ref`` points into the description's components, and
            ``$defs`` are lifted into them.
        read: Reads the JSON value into what the operation takes.
        description: What the field means, with units.
        required: Whether the body must have it.
        sensitive: Whether it holds health information; the description marks it
            ``"x-helhed-sensitive": true``, as the documents' schemas mark their fields.
    """

    name: str
    schema: Mapping[str, Any] = attrs.field(eq=False)  # JSON Schema: nested dicts, not a key
    read: Reader = attrs.field(eq=False)
    description: str
    required: bool = False
    sensitive: bool = False


def component(name: str) -> dict[str, str]:
    """A reference to the component schema called ``name``."""
    return {"$ref": f"#/components/schemas/{name}"}


def document(name: str, kind: str, description: str, *, required: bool = True) -> Field:
    """A field holding one document of the kind ``kind`` (a name of ``DOCUMENTS``)."""
    cls = DOCUMENTS[kind]

    def read(data: object, path: str) -> object:
        return from_dict(data, cls, path=path)

    return Field(
        name=name, schema=component(kind), read=read, description=description, required=required
    )


def documents(name: str, kind: str, description: str) -> Field:
    """A required field holding a list of documents of the kind ``kind``."""
    cls = DOCUMENTS[kind]

    def read(data: object, path: str) -> object:
        return tuple(from_dicts(data, cls, path=path))

    schema = {"type": "array", "items": component(kind)}
    return Field(name=name, schema=schema, read=read, description=description, required=True)


def value(
    name: str, t: Any, description: str, *, required: bool = False, sensitive: bool = False
) -> Field:
    """A field holding a plain value of type ``t``, read as a document's field of that type."""

    def read(data: object, path: str) -> object:
        return read_value(data, t, path=path)

    schema = {k: v for k, v in value_schema(t).items() if k != "$schema"}
    return Field(
        name=name,
        schema=schema,
        read=read,
        description=description,
        required=required,
        sensitive=sensitive,
    )


def whole(name: str, low: int, high: int, description: str) -> Field:
    """An optional field holding a whole number from ``low`` to ``high``."""

    def read(data: object, path: str) -> object:
        number: int = read_value(data, int, path=path)
        if not low <= number <= high:
            raise ValidationError.at(path, f"must be from {low:,} to {high:,}")
        return number

    schema = {"type": "integer", "minimum": low, "maximum": high}
    return Field(name=name, schema=schema, read=read, description=description)


def read_fields(
    body: object, fields: Sequence[Field], one_of: Sequence[str] = ()
) -> dict[str, object]:
    """Read a request body by its fields; absent optional fields are left out.

    Args:
        body: The parsed JSON body.
        fields: The fields it may have.
        one_of: Names of fields of which the body must hold exactly one.

    Raises:
        ValidationError: Listing every problem by its path in the body: a body that is not an
            object, a key that is not a field, a required field missing, not exactly one of
            ``one_of``, and every problem of every field present.
    """
    if not isinstance(body, dict):
        raise ValidationError.at("", "must be a JSON object")
    by_name = {f.name: f for f in fields}
    problems = [
        Problem(
            key_path("", key),
            "is not a field of this request; expected "
            + (", ".join(by_name) if by_name else "no fields"),
        )
        for key in body
        if key not in by_name
    ]
    if one_of and sum(name in body for name in one_of) != 1:
        problems.append(Problem(one_of[0], f"give exactly one of {', '.join(one_of)}"))
    values: dict[str, object] = {}
    for field in fields:
        if field.name not in body:
            if field.required:
                problems.append(Problem(field.name, "is required"))
            continue
        try:
            values[field.name] = field.read(body[field.name], field.name)
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return values


def request_schema(fields: Sequence[Field], one_of: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON Schema of a body with ``fields``: an object with no other keys."""
    sensitive = {"x-helhed-sensitive": True}
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {
            f.name: {**f.schema, "description": f.description, **(sensitive if f.sensitive else {})}
            for f in fields
        },
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
    if one_of:
        schema["oneOf"] = [{"required": [name]} for name in one_of]
    return schema
