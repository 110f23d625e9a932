"""JSON Schema (draft 2020-12) for every top-level document, generated from the attrs classes.

The schema says what the converter in [`helhed.serialization`][helhed.serialization]
accepts, so vendors can validate documents without Python. Field descriptions come from the
classes' docstrings; fields holding health information carry ``"x-helhed-sensitive": true``.

Rules that span several fields (a recovery date after the first day of absence, a sickness
category only with sickness benefit) cannot be stated in JSON Schema; the converter enforces
them and the descriptions mention them.

Examples:
    >>> schema = json_schema("citizen")
    >>> schema["properties"]["schema_version"]
    {'const': 3}
    >>> schema["properties"]["benefit"]["anyOf"][1]
    {'type': 'null'}
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from helhed._coded import CodedEnum
from helhed._converter import BASES
from helhed._meta import is_non_blank, is_sensitive
from helhed.errors import UnknownNameError, ValidationError, quoted
from helhed.pathways.events import EVENT_TYPES, Event, EventKind
from helhed.rules import CONDITIONS, RULE_KINDS, Condition, Rule
from helhed.serialization import (
    BASIS_TAG,
    CONDITION_TAG,
    DOCUMENTS,
    EVENT_TAG,
    RULE_TAG,
    SCHEMA_VERSION,
    make_converter,
)

__all__ = ["json_schema", "value_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_CONVERTER = make_converter()  # writes defaults that are attrs values (a catalogue's taxonomy)
_ATTRIBUTE = re.compile(r"^(\w+):\s*(.*)$")


def json_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema of the document type called ``name`` (see ``DOCUMENTS``).

    Raises:
        UnknownNameError: If ``name`` is not a document name; the message lists the names.
    """
    try:
        cls = DOCUMENTS[name]
    except KeyError:
        names = ", ".join(DOCUMENTS)
        msg = f"unknown document {quoted(name)}; expected one of: {names}"
        raise UnknownNameError(msg) from None
    defs: dict[str, Any] = {}
    body = _object_schema(cls, defs)
    body["properties"] = {"schema_version": {"const": SCHEMA_VERSION}, **body["properties"]}
    body["required"] = ["schema_version", *body["required"]]
    return {
        "$schema": _DIALECT,
        "$id": f"urn:helhed:schema:{name}:{SCHEMA_VERSION}",
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def value_schema(t: Any) -> dict[str, Any]:
    """Return the JSON Schema of any type as the converter writes it, outside any document.

    For the answers that are not documents of their own - a screening score, a disclosure
    decision, a report table - and the plain values beside documents in a request (a date, a
    code), in the same form and from the same classes as
    [`json_schema`][helhed.json_schema.json_schema]. There is no ``schema_version``, as such a
    value is never read back; decimal numbers are described as JSON numbers.

    Examples:
        >>> from helhed.screening import Score
        >>> value_schema(Score)["required"]
        ['instrument', 'answers', 'total']
        >>> value_schema(dt.date)["format"]
        'date'

    Raises:
        ValidationError: If ``t`` is not a type the converter writes as JSON.
    """
    defs: dict[str, Any] = {}
    try:
        if isinstance(t, type) and attrs.has(t) and not issubclass(t, Event):
            body = _object_schema(t, defs)
        else:
            body = _type_schema(t, defs)
    except TypeError:
        raise ValidationError.at("t", "must be a type helhed writes as JSON") from None
    return {"$schema": _DIALECT, **body, **({"$defs": dict(sorted(defs.items()))} if defs else {})}


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    described = _attribute_docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        prop = _type_schema(hints[field.name], defs)
        if is_non_blank(field):
            prop = {**prop, "pattern": r"\S"}
        if "maximum" in field.metadata:
            prop = _with_maximum(prop, field.metadata["maximum"])
        if field.name in described:
            prop = {**prop, "description": described[field.name]}
        if is_sensitive(field):
            prop["x-helhed-sensitive"] = True
        if field.default is attrs.NOTHING:
            required.append(field.name)
        elif not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            prop["default"] = _json_default(field.default)
        properties[field.name] = prop
    return {
        "title": cls.__name__,
        "description": _summary(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type_schema(t: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: C901, PLR0911, PLR0912 - a branch per type
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if t is str:
        return {"type": "string"}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer", "minimum": 0}
    if t is Decimal:
        return {"type": "number"}
    if t is type(None):
        return {"type": "null"}
    if t is dt.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if t is dt.time:
        return {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$"}
    if t is Event:
        return {"oneOf": [_event_schema(cls, defs) for cls in EVENT_TYPES.values()]}
    if isinstance(t, type) and issubclass(t, Event):  # one kind, written with its tag
        return _event_schema(t, defs)
    if t is Rule:
        return {"oneOf": [_tagged(cls, RULE_TAG, code, defs) for code, cls in RULE_KINDS.items()]}
    if t is Condition or t == _HOLDS:  # a Python function is never written
        return {
            "oneOf": [_tagged(cls, CONDITION_TAG, code, defs) for code, cls in CONDITIONS.items()]
        }
    if t == _BASIS:
        bases = [_tagged(cls, BASIS_TAG, code, defs) for code, cls in BASES.items()]
        return {"anyOf": [{"oneOf": bases}, {"type": "null"}]}
    if t == type[Event]:
        return _type_schema(EventKind, defs)
    if t == (str | bool):
        return {"type": ["string", "boolean"]}
    if isinstance(t, type) and issubclass(t, CodedEnum):
        if t.__name__ not in defs:
            defs[t.__name__] = {
                "title": t.__name__,
                "description": _summary(t),
                "type": "string",
                "enum": [m.code for m in t],
            }
        return {"$ref": f"#/$defs/{t.__name__}"}
    if origin in (typing.Union, _UnionType) and type(None) in args and len(args) == 2:
        (inner,) = (a for a in args if a is not type(None))
        return {"anyOf": [_type_schema(inner, defs), {"type": "null"}]}
    if origin in (typing.Union, _UnionType):  # a report's cell: text, a count, a share or none
        return {"anyOf": [_type_schema(a, defs) for a in args]}
    if origin is Mapping:
        return {
            "type": "object",
            "propertyNames": _type_schema(args[0], defs),
            "additionalProperties": _type_schema(args[1], defs),
        }
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is frozenset:
        return {"type": "array", "items": _type_schema(args[0], defs), "uniqueItems": True}
    if attrs.has(t):
        if t.__name__ not in defs:
            defs[t.__name__] = {}  # reserve the name before recursing
            defs[t.__name__] = _object_schema(t, defs)
        return {"$ref": f"#/$defs/{t.__name__}"}
    raise TypeError(f"no JSON Schema for type {t!r}")  # pragma: no cover - a programming error


_UnionType = type(int | None)
_HOLDS = typing.get_type_hints(RULE_KINDS["every"])["holds"]
_BASIS = typing.get_type_hints(Rule)["basis"]


def _tagged(cls: type, tag: str, code: str, defs: dict[str, Any]) -> dict[str, Any]:
    """The object schema of one kind of a tagged union, its ``code`` required under ``tag``."""
    if cls.__name__ not in defs:
        defs[cls.__name__] = {}  # reserve the name before recursing
        body = _object_schema(cls, defs)
        body["properties"] = {tag: {"const": code}, **body["properties"]}
        body["required"] = [tag, *body["required"]]
        defs[cls.__name__] = body
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _event_schema(cls: type[Event], defs: dict[str, Any]) -> dict[str, Any]:
    """An event's object schema with its kind as the required ``event`` tag."""
    if cls.__name__ not in defs:
        body = _object_schema(cls, defs)
        tag = {"const": cls.KIND.code, "description": cls.KIND.label_en}
        body["properties"] = {EVENT_TAG: tag, **body["properties"]}
        body["required"] = [EVENT_TAG, *body["required"]]
        defs[cls.__name__] = body
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _with_maximum(prop: dict[str, Any], maximum: int) -> dict[str, Any]:
    if "anyOf" in prop:
        first, *rest = prop["anyOf"]
        return {**prop, "anyOf": [{**first, "maximum": maximum}, *rest]}
    return {**prop, "maximum": maximum}


def _json_default(value: object) -> object:
    if isinstance(value, CodedEnum):
        return value.code
    if isinstance(value, (tuple, frozenset)):
        return list(value)
    if attrs.has(type(value)):
        return _CONVERTER.unstructure(value)
    return value


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return doc.split("\n\n", 1)[0].replace("\n", " ")


def _attribute_docs(cls: type) -> dict[str, str]:
    """Read the ``Attributes:`` section of a Google-style class docstring."""
    doc = inspect.getdoc(cls) or ""
    _, found, section = doc.partition("Attributes:\n")
    if not found:
        return {}
    docs: dict[str, str] = {}
    current: str | None = None
    for line in section.splitlines():
        if line and not line.startswith(" "):
            break
        text = line.strip()
        top_level = line.startswith("    ") and not line.startswith("     ")
        match = _ATTRIBUTE.match(text) if top_level else None
        if match:
            current = match.group(1)
            docs[current] = match.group(2)
        elif current is not None and text:
            docs[current] += " " + text
    return docs
