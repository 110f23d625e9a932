"""The JSON form of every helhed document, defined by one cattrs converter.

* Dates are ``YYYY-MM-DD`` strings; enums are their stable Danish codes; sets are lists sorted
  by code; tuples are lists. Nothing is coerced: ``"3"`` is not an int, ``1`` is not a bool.
* Every top-level document carries ``schema_version``; documents from older versions keep
  loading through the registered upgrades ([`UPGRADES`][helhed.serialization.UPGRADES]),
  documents from newer ones are refused with a clear error.
* Bad input raises [`ValidationError`][helhed.errors.ValidationError] listing every bad field
  by path (``health.challenges[0].domain``) and why - never the value, which may be health
  data.

Examples:
    >>> from helhed.benefits import Benefit
    >>> from helhed.citizens import Citizen
    >>> text = to_json(Citizen(id="c-1", benefit=Benefit.FLEX_JOB))
    >>> text[:60]
    '{"schema_version": 3, "id": "c-1", "benefit": "fleksjob", "s'
    >>> from_json(text, Citizen) == Citizen(id="c-1", benefit=Benefit.FLEX_JOB)
    True
    >>> from_json('{"schema_version": 3, "id": "", "benefit": "fleks"}', Citizen)
    Traceback (most recent call last):
    ...
    helhed.errors.ValidationError: benefit: unknown Benefit code; expected one of: ...
"""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from helhed._coded import CodedEnum
from helhed._reading import loads, text_of
from helhed.benefits import BenefitRules
from helhed.citizens import Citizen
from helhed.errors import (
    Problem,
    TransitionError,
    UnknownNameError,
    ValidationError,
    key_path,
    quoted,
)
from helhed.models.catalogue import Catalogue
from helhed.models.readiness import MunicipalityProfile, Readiness
from helhed.organisation import (
    CaseworkerHistory,
    ContinuityReport,
    CoordinatingCaseworkerRight,
    Team,
)
from helhed.pathways.compliance import ComplianceReport
from helhed.pathways.events import EVENT_TYPES, Event, EventKind
from helhed.pathways.pathway import Pathway
from helhed.rules import CONDITIONS, RULE_KINDS, Condition, Match, Protocol, Rule
from helhed.rules.kinds import unwritable
from helhed.sickness import SicknessAssessment
from helhed.sources import Reading, Stated
from helhed.target_groups import Assessment

__all__ = [
    "BASIS_TAG",
    "CONDITION_TAG",
    "DATE_PATTERN",
    "DOCUMENTS",
    "EVENT_TAG",
    "FIRST_VERSIONS",
    "RULE_TAG",
    "SCHEMA_VERSION",
    "UPGRADES",
    "document_name",
    "from_dict",
    "from_json",
    "make_converter",
    "parse_json",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

SCHEMA_VERSION = 3
"""The schema version this release writes, for every document type.

Version 2 gave every event its recording time (``recorded_on``, ``recorded_at``,
``recorder``) and a disclosure its ``source`` and ``legal_basis``; it added consents with an
end date (``ends_on``) and the annulment of events entered in error. Version 3 marks each
finding of a compliance report with ``reading``: whether the rule broken is helhed's reading
of its source rather than the source's words.
"""

DOCUMENTS: Mapping[str, type] = MappingProxyType(
    {
        "citizen": Citizen,
        "assessment": Assessment,
        "benefit-rules": BenefitRules,
        "sickness-assessment": SicknessAssessment,
        "caseworker-history": CaseworkerHistory,
        "caseworker-right": CoordinatingCaseworkerRight,
        "continuity-report": ContinuityReport,
        "team": Team,
        "pathway": Pathway,
        "compliance-report": ComplianceReport,
        "municipality-profile": MunicipalityProfile,
        "readiness": Readiness,
        "catalogue": Catalogue,
        "protocol": Protocol,
    }
)
"""The top-level document types, by the name ``helhed schema NAME`` knows them by."""

_NAMES = {cls: name for name, cls in DOCUMENTS.items()}

FIRST_VERSIONS: Mapping[str, int] = MappingProxyType({"protocol": 3})
"""The first schema version of each document type that did not exist at version 1.

A protocol document was first written at version 3; a document claiming an older version
was not written by helhed and is refused rather than upgraded.
"""

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
"""An upgrade: the dict of a document of one version to the dict of the next.

It raises [`ValidationError`][helhed.errors.ValidationError], with paths within the document,
when the older document does not say enough to be read as the newer version.
"""


def _upgrade_events_1(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2 of a pathway: recording time and the source of disclosures.

    Version 1 knew only when an event happened, so it was recorded then: ``recorded_on`` is
    left out (the day it happened) and ``recorded_at`` is ``at`` (a malformed ``at`` is
    reported at its own path only). A version 1 disclosure passed information
    "from the recording administration to another", so its source is the administration that
    recorded it - unless that is the receiver, when version 1 cannot say where the
    information came from and the document is refused at that event. A ``source`` already
    given is kept.
    """
    events = document.get("events")
    if not isinstance(events, list):
        return document  # the converter reports the wrong shape
    problems: list[Problem] = []
    upgraded: list[Any] = []
    for i, event in enumerate(events):
        if not isinstance(event, dict):
            upgraded.append(event)
            continue
        new = dict(event)
        if _is_time(new.get("at")):  # a bad time is reported once, at "at"
            new.setdefault("recorded_at", new["at"])
        if new.get(EVENT_TAG) == "oplysninger_videregivet" and "source" not in new:
            if new.get("recorded_by") == new.get("to"):
                problems.append(
                    Problem(
                        f"events[{i}].source",
                        "is not known: a version 1 disclosure recorded by the administration "
                        "that received it does not say where it came from; add the "
                        "administration that held the information as source",
                    )
                )
            else:
                new["source"] = new.get("recorded_by")
        upgraded.append(new)
    if problems:
        raise ValidationError(problems)
    return {**document, "events": upgraded}


def _is_time(value: object) -> bool:
    try:
        _structure_time(value, dt.time)
    except _FieldError:
        return False
    return True


def _same(document: dict[str, Any]) -> dict[str, Any]:
    """An upgrade for a document whose form did not change."""
    return document


UPGRADES: Mapping[tuple[str, int], Upgrade] = MappingProxyType(
    {
        **{
            (name, 1): _same
            for name in DOCUMENTS
            if name != "pathway"
            if name not in FIRST_VERSIONS
        },
        ("pathway", 1): _upgrade_events_1,
        **{(name, 2): _same for name in DOCUMENTS if FIRST_VERSIONS.get(name, 1) <= 2},
    }
)
"""The registered upgrades, by (document name, the version they read).

A document of an older version goes through each upgrade in turn up to
[`SCHEMA_VERSION`][helhed.serialization.SCHEMA_VERSION], then is read as that version.
Version 1 of every document but the pathway reads unchanged as version 2, and every
version 2 document reads unchanged as version 3: a version 2 finding did not mark readings, so
it reads with ``reading`` false, as its report stated it.
"""

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
"""The only text form of a date helhed reads: ``YYYY-MM-DD``."""
# What dt.time.isoformat writes, and its shorter forms; never a time zone (see docs/json.md).
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")
_ZONE = re.compile(r"Z|[+-]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")
EVENT_TAG = "event"
"""The key that carries an event's kind (its ``EventKind`` code) in JSON."""
RULE_TAG = "rule"
"""The key that carries a rule's kind (its code in ``RULE_KINDS``) in a protocol document."""
CONDITION_TAG = "condition"
"""The key that carries a condition's kind (its code in ``CONDITIONS``) in JSON."""
BASIS_TAG = "kind"
"""The key that says what a rule's ``basis`` is: ``stated`` or ``reading``."""
BASES: Mapping[str, type[Stated | Reading]] = MappingProxyType(
    {"stated": Stated, "reading": Reading}
)


class _FieldError(ValueError):
    """A hook's complaint about one value; its message never contains the value."""


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        raise _FieldError("must be a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _FieldError("is not a calendar date") from None


def _structure_time(value: object, _: type) -> dt.time:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        start = _TIME.match(value) if isinstance(value, str) else None
        if start is not None and _ZONE.fullmatch(start.string, start.end()):
            raise _FieldError("must be a time of day without a time zone")
        raise _FieldError("must be a time of day written HH:MM, HH:MM:SS or HH:MM:SS.ffffff")
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise _FieldError("is not a time of day") from None


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _FieldError("must be a string")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _FieldError("must be a whole number")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _FieldError("must be true or false")
    return value


def _is_coded(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, CodedEnum)


def _structure_coded(value: object, t: type[CodedEnum]) -> CodedEnum:
    if not isinstance(value, str):
        raise _FieldError(f"must be a {t.__name__} code (a string)")
    try:
        return t.from_code(value)
    except ValueError as exc:
        raise _FieldError(str(exc)) from None


def _sort_key(value: Any) -> Any:
    return value.code if isinstance(value, CodedEnum) else value


def make_converter() -> cattrs.Converter:
    """Build a converter configured with helhed's JSON rules.

    Each call returns a new converter; helhed itself uses one made at import and never
    changes it. Make your own to add hooks for your own types.
    """
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.time, lambda t: t.isoformat())
    converter.register_structure_hook(dt.time, _structure_time)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_unstructure_hook_func(_is_coded, lambda member: member.value)
    converter.register_structure_hook_func(_is_coded, _structure_coded)

    def _is_frozenset(t: Any) -> bool:
        return typing.get_origin(t) is frozenset

    def _unstructure_set(values: frozenset[Any]) -> list[Any]:
        return [converter.unstructure(v) for v in sorted(values, key=_sort_key)]

    def _structure_set(value: object, t: Any) -> frozenset[Any]:
        (item_type,) = typing.get_args(t)
        items = _structure_items(converter, value, item_type)
        result = frozenset(items)
        if len(result) != len(items):
            raise ValidationError.at("", "must not list the same value twice")
        return result

    def _is_tuple(t: Any) -> bool:
        args = typing.get_args(t)
        return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis

    def _structure_tuple(value: object, t: Any) -> tuple[Any, ...]:
        return tuple(_structure_items(converter, value, typing.get_args(t)[0]))

    converter.register_unstructure_hook_func(_is_frozenset, _unstructure_set)
    converter.register_structure_hook_func(_is_frozenset, _structure_set)
    converter.register_structure_hook_func(_is_tuple, _structure_tuple)

    def _attrs_hook(cls: type) -> Callable[[object, type], Any]:
        inner: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
            cls,
            converter,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
        )

        def structure(value: object, t: type) -> Any:
            if not isinstance(value, dict):
                raise _FieldError("must be an object")
            return inner(value, t)

        return structure

    converter.register_structure_hook_factory(attrs.has, _attrs_hook)
    _register_events(converter, _attrs_hook)
    _register_rules(converter, _attrs_hook)
    return converter


def _register_events(
    converter: cattrs.Converter, attrs_hook: Callable[[type], Callable[[object, type], Any]]
) -> None:
    """Events are tagged in JSON with their kind and dispatched on it when read."""
    unstructure = {
        cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=False)
        for cls in EVENT_TYPES.values()
    }
    structure = {kind.code: attrs_hook(cls) for kind, cls in EVENT_TYPES.items()}

    def _unstructure_event(event: Event) -> dict[str, Any]:
        return {EVENT_TAG: event.KIND.code, **unstructure[type(event)](event)}

    def _structure_event(value: object, _: type) -> Event:
        if not isinstance(value, dict):
            raise _FieldError("must be an object")
        fields = dict(value)
        tag = fields.pop(EVENT_TAG, None)
        if tag is None:
            raise ValidationError.at(EVENT_TAG, "is required")
        try:
            kind = _structure_coded(tag, EventKind)
        except _FieldError as exc:
            raise ValidationError.at(EVENT_TAG, str(exc)) from None
        try:
            event: Event = structure[kind.code](fields, EVENT_TYPES[kind])  # type: ignore[index]
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
            raise ValidationError(_problems(exc, "")) from None
        return event

    def _is_event(t: Any) -> bool:
        return isinstance(t, type) and issubclass(t, Event)

    converter.register_unstructure_hook_func(_is_event, _unstructure_event)
    converter.register_structure_hook(Event, _structure_event)


def _tagged(
    converter: cattrs.Converter,
    attrs_hook: Callable[[type], Callable[[object, type], Any]],
    tag: str,
    classes: Mapping[str, type],
) -> tuple[Callable[[Any], dict[str, Any]], Callable[[object, Any], Any]]:
    """Write and read a value of one of ``classes``, its code under ``tag`` and fields after."""
    out: dict[type, tuple[str, Callable[[Any], dict[str, Any]]]] = {}
    into: dict[str, Callable[[object, type], Any]] = {}

    def unstructure(value: Any) -> dict[str, Any]:
        if not out:  # made when first used, once the hooks for the fields are registered
            for code, cls in classes.items():
                out[cls] = (code, make_dict_unstructure_fn(cls, converter))
        code, write = out[type(value)]  # a class outside ``classes`` is refused before
        return {tag: code, **write(value)}

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _FieldError("must be an object")
        fields = dict(value)
        code = fields.pop(tag, None)
        if code is None:
            raise ValidationError.at(tag, "is required")
        if not into:
            into.update({code: attrs_hook(cls) for code, cls in classes.items()})
        if not isinstance(code, str) or code not in into:
            msg = f"is not a known code; expected one of: {', '.join(classes)}"
            raise ValidationError.at(tag, msg)
        try:
            return into[code](fields, classes[code])
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
            raise ValidationError(_problems(exc, "")) from None

    return unstructure, structure


_HOLDS = typing.get_type_hints(RULE_KINDS["every"])["holds"]
_BASIS = typing.get_type_hints(Rule)["basis"]


def _register_rules(
    converter: cattrs.Converter, attrs_hook: Callable[[type], Callable[[object, type], Any]]
) -> None:
    """Protocols: rules tagged with ``rule``, conditions with ``condition``, bases with ``kind``.

    A match's kinds are event kind codes. Writing a protocol that holds what a document
    cannot say (a rule class of one's own, a Python function) is refused, every place named.
    """
    rule_out, rule_in = _tagged(converter, attrs_hook, RULE_TAG, RULE_KINDS)
    condition_out, condition_in = _tagged(converter, attrs_hook, CONDITION_TAG, CONDITIONS)
    basis_out, basis_in = _tagged(converter, attrs_hook, BASIS_TAG, BASES)
    protocol_out: list[Callable[[Protocol], dict[str, Any]]] = []

    def _unstructure_protocol(protocol: Protocol) -> dict[str, Any]:
        problems = list(unwritable(protocol.rules))
        if problems:
            raise ValidationError(problems)
        if not protocol_out:  # made when first used, once every hook is registered
            protocol_out.append(make_dict_unstructure_fn(Protocol, converter))
        return protocol_out[0](protocol)

    def _structure_kind(value: object, _: Any) -> type[Event]:
        return EVENT_TYPES[typing.cast("EventKind", _structure_coded(value, EventKind))]

    def _structure_basis(value: object, _: Any) -> Stated | Reading | None:
        return None if value is None else basis_in(value, _BASIS)

    match_out: list[Callable[[Match], dict[str, Any]]] = []

    def _unstructure_match(match: Match) -> dict[str, Any]:
        if not match_out:  # a match lists only what narrows it
            match_out.append(
                make_dict_unstructure_fn(Match, converter, _cattrs_omit_if_default=True)
            )
        return match_out[0](match)

    def _is_subclass(base: type) -> Callable[[Any], bool]:
        return lambda t: isinstance(t, type) and issubclass(t, base)

    converter.register_unstructure_hook(Protocol, _unstructure_protocol)
    converter.register_unstructure_hook(Match, _unstructure_match)
    converter.register_unstructure_hook_func(_is_subclass(Rule), rule_out)
    converter.register_structure_hook(Rule, rule_in)
    converter.register_unstructure_hook_func(_is_subclass(Condition), condition_out)
    converter.register_structure_hook(Condition, condition_in)
    converter.register_structure_hook_func(lambda t: t == _HOLDS, condition_in)
    converter.register_unstructure_hook_func(
        lambda t: t == _BASIS, lambda b: None if b is None else basis_out(b)
    )
    converter.register_structure_hook_func(lambda t: t == _BASIS, _structure_basis)
    converter.register_unstructure_hook_func(lambda t: t == type[Event], lambda k: k.KIND.code)
    converter.register_structure_hook_func(lambda t: t == type[Event], _structure_kind)
    converter.register_structure_hook_func(lambda t: t == (str | bool), _structure_text_or_flag)


def _structure_text_or_flag(value: object, _: Any) -> str | bool:
    if not isinstance(value, (str, bool)):
        raise _FieldError("must be text, or true or false")
    return value


def _structure_items(converter: cattrs.Converter, value: object, item_type: Any) -> list[Any]:
    """Structure a JSON list item by item, collecting every item's problems."""
    if not isinstance(value, list):
        raise _FieldError("must be a list")
    items: list[Any] = []
    problems: list[Problem] = []
    for i, item in enumerate(value):
        try:
            items.append(converter.structure(item, item_type))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
            problems.extend(_problems(exc, f"[{i}]"))
    if problems:
        raise ValidationError(problems)
    return items


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:  # noqa: C901, PLR0912 - a branch per error
    """Turn an exception raised while structuring into located, value-free problems."""
    if isinstance(exc, ValidationError):
        yield from (p.under(path) for p in exc.problems)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(key_path(path, key), "is not a known field")
    elif isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _problems(sub, f"{path}.{note.name}" if path else note.name)
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, IterableValidationError):  # pragma: no cover - our hooks own lists
        items, rest = exc.group_exceptions()
        for sub, item in items:
            yield from _problems(sub, f"{path}[{item.index}]")
        for sub in rest:
            yield from _problems(sub, path)
    elif isinstance(exc, TransitionError):
        yield Problem(f"{path}.events[{exc.index}]" if path else f"events[{exc.index}]", exc.why)
    elif isinstance(exc, KeyError):
        yield Problem(path, "is required")
    elif isinstance(exc, _FieldError):
        yield Problem(path, str(exc))
    else:
        yield Problem(path, "has the wrong type")


_CONVERTER = make_converter()


def document_name(cls: type) -> str:
    """The document name of a top-level type (``Citizen`` -> ``citizen``).

    Raises:
        UnknownNameError: If ``cls`` is not a top-level document type.
    """
    try:
        return _NAMES[cls]
    except (KeyError, TypeError):
        msg = f"{quoted(getattr(cls, '__name__', None))} is not a top-level document type"
        raise UnknownNameError(msg) from None


def to_dict(document: object) -> dict[str, Any]:
    """Unstructure a top-level document to JSON-ready data, with ``schema_version`` first.

    Raises:
        UnknownNameError: If ``document`` is not of a top-level document type.
    """
    document_name(type(document))
    data = _CONVERTER.unstructure(document)
    return {"schema_version": SCHEMA_VERSION, **data}


def from_dict(data: object, cls: type[T], *, path: str = "") -> T:
    """Structure JSON data into a document of type ``cls``.

    Args:
        data: Parsed JSON, e.g. from ``json.loads``.
        cls: A top-level document type from [`DOCUMENTS`][helhed.serialization.DOCUMENTS].
        path: Prefix for the paths in error messages, e.g. ``citizens[3]``.

    Raises:
        ValidationError: Listing every bad field, by path.
    """
    name = document_name(cls)
    if not isinstance(data, dict):
        raise ValidationError.at(path, "must be a JSON object")
    fields = dict(data)
    version = fields.pop("schema_version", None)
    version_path = f"{path}.schema_version" if path else "schema_version"
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationError.at(version_path, "is required and must be a whole number")
    first = FIRST_VERSIONS.get(name, 1)
    if version > SCHEMA_VERSION or version < 1:
        raise ValidationError.at(
            version_path,
            "is not a supported version; this release reads "
            + (
                f"versions {first} to {SCHEMA_VERSION}"
                if first < SCHEMA_VERSION
                else f"version {SCHEMA_VERSION}"
            ),
        )
    if version < first:
        raise ValidationError.at(
            version_path,
            f"is not a supported version; {name} documents start at version {first}",
        )
    try:
        while version < SCHEMA_VERSION:
            fields = UPGRADES[(name, version)](fields)
            version += 1
        return _CONVERTER.structure(fields, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
        raise ValidationError(_problems(exc, path)) from None


def to_json(document: object, *, indent: int | None = None) -> str:
    """Serialise a top-level document to a JSON string (UTF-8 text, Danish letters kept)."""
    return json.dumps(to_dict(document), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, cls: type[T], *, encoding: str | None = None) -> T:
    """Parse JSON text, or bytes, into a document of type ``cls``.

    Args:
        text: The JSON, as text or as bytes (see [`parse_json`][helhed.serialization.parse_json]).
        cls: A top-level document type from [`DOCUMENTS`][helhed.serialization.DOCUMENTS].
        encoding: The encoding of bytes; None reads UTF-8, with or without a byte-order mark.

    Raises:
        ValidationError: If the text is not JSON, or not a valid document.
    """
    return from_dict(parse_json(text, encoding=encoding), cls)


def parse_json(text: str | bytes, *, encoding: str | None = None) -> Any:
    r"""Parse JSON text into plain Python values, not yet a document.

    Bytes are decoded by one rule for every reader: UTF-8 with or without a byte-order mark,
    or ``encoding`` if given. Refused, each with the place it was found: text that cannot be
    decoded (the byte's offset), a lone surrogate (also as a ``\ud800`` escape), nesting
    deeper than 64 arrays and objects, a number of more than 100 digits or too large for a
    decimal number, and ``NaN`` and ``Infinity``. See docs/json.md, "What the reader accepts".

    Raises:
        ValidationError: If the text is not JSON or is refused; the message gives line and
            column, or the path in the document, and never the value.
    """
    return loads(text_of(text, encoding=encoding))
