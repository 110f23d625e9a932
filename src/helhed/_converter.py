"""The converter behind helhed's JSON form: its hooks for values, events, rules and protocols.

Internal: [`helhed.serialization`][helhed.serialization] exports
[`make_converter`][helhed.serialization.make_converter] and the tags, and holds the document
types, their versions and the functions to read and write them.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from helhed._coded import CodedEnum
from helhed.errors import (
    Problem,
    TransitionError,
    ValidationError,
    key_path,
)
from helhed.pathways.events import EVENT_TYPES, Event, EventKind
from helhed.rules import CONDITIONS, RULE_KINDS, Condition, Match, Protocol, Rule
from helhed.rules.kinds import unwritable
from helhed.sources import Reading, Stated

__all__ = [
    "BASES",
    "BASIS_TAG",
    "CONDITION_TAG",
    "DATE_PATTERN",
    "EVENT_TAG",
    "RULE_TAG",
    "FieldError",
    "make_converter",
    "problems_of",
    "structure_time",
]

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


class FieldError(ValueError):
    """A hook's complaint about one value; its message never contains the value."""


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        raise FieldError("must be a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FieldError("is not a calendar date") from None


def structure_time(value: object, _: type) -> dt.time:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        start = _TIME.match(value) if isinstance(value, str) else None
        if start is not None and _ZONE.fullmatch(start.string, start.end()):
            raise FieldError("must be a time of day without a time zone")
        raise FieldError("must be a time of day written HH:MM, HH:MM:SS or HH:MM:SS.ffffff")
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise FieldError("is not a time of day") from None


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise FieldError("must be a string")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError("must be a whole number")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise FieldError("must be true or false")
    return value


def _is_coded(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, CodedEnum)


def _structure_coded(value: object, t: type[CodedEnum]) -> CodedEnum:
    if not isinstance(value, str):
        raise FieldError(f"must be a {t.__name__} code (a string)")
    try:
        return t.from_code(value)
    except ValueError as exc:
        raise FieldError(str(exc)) from None


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
    converter.register_structure_hook(dt.time, structure_time)
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
                raise FieldError("must be an object")
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
            raise FieldError("must be an object")
        fields = dict(value)
        tag = fields.pop(EVENT_TAG, None)
        if tag is None:
            raise ValidationError.at(EVENT_TAG, "is required")
        try:
            kind = _structure_coded(tag, EventKind)
        except FieldError as exc:
            raise ValidationError.at(EVENT_TAG, str(exc)) from None
        try:
            event: Event = structure[kind.code](fields, EVENT_TYPES[kind])  # type: ignore[index]
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
            raise ValidationError(problems_of(exc, "")) from None
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
            raise FieldError("must be an object")
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
            raise ValidationError(problems_of(exc, "")) from None

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
        raise FieldError("must be text, or true or false")
    return value


def _structure_items(converter: cattrs.Converter, value: object, item_type: Any) -> list[Any]:
    """Structure a JSON list item by item, collecting every item's problems."""
    if not isinstance(value, list):
        raise FieldError("must be a list")
    items: list[Any] = []
    problems: list[Problem] = []
    for i, item in enumerate(value):
        try:
            items.append(converter.structure(item, item_type))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
            problems.extend(problems_of(exc, f"[{i}]"))
    if problems:
        raise ValidationError(problems)
    return items


def problems_of(exc: BaseException, path: str) -> Iterator[Problem]:  # noqa: C901, PLR0912 - a branch per error
    """Turn an exception raised while structuring into located, value-free problems."""
    if isinstance(exc, ValidationError):
        yield from (p.under(path) for p in exc.problems)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(key_path(path, key), "is not a known field")
    elif isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from problems_of(sub, f"{path}.{note.name}" if path else note.name)
        for sub in without:
            yield from problems_of(sub, path)
    elif isinstance(exc, IterableValidationError):  # pragma: no cover - our hooks own lists
        items, rest = exc.group_exceptions()
        for sub, item in items:
            yield from problems_of(sub, f"{path}[{item.index}]")
        for sub in rest:
            yield from problems_of(sub, path)
    elif isinstance(exc, TransitionError):
        yield Problem(f"{path}.events[{exc.index}]" if path else f"events[{exc.index}]", exc.why)
    elif isinstance(exc, KeyError):
        yield Problem(path, "is required")
    elif isinstance(exc, FieldError):
        yield Problem(path, str(exc))
    else:
        yield Problem(path, "has the wrong type")
