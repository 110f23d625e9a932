"""The converter behind helhed's JSON form: its hooks for values, events, rules and protocols.

Internal: [`helhed.serialization`][helhed.serialization] exports
[`make_converter`][helhed.serialization.make_converter] and the tags, and holds the document
types, their versions and the functions to read and write them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
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
from helhed._reading import PLAIN_INT
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
    "Specialiser",
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


# Specialised readers and writers. For an attrs class whose fields are all of a few plain types,
# the source of a writer and a reader is generated once, with every field's conversion written
# out. Each handles only the plain case - exact types, every key present - and raises on
# anything else, whereupon the caller takes the converter's own path, which says what is wrong.
# So their results equal the converter's on all they accept (tests/test_serialization_fast.py).


class _Unusual(Exception):  # noqa: N818 - not an error: a signal to take the general path
    """Raised by a specialised reader or writer for anything outside its plain case."""


# The classes whose form the converter's own hooks define (above); never specialised.
_OWN_HOOKS = (Event, Protocol, Match, Rule, Condition, Stated, Reading)
_STR = json.encoder.encode_basestring  # how json.dumps(..., ensure_ascii=False) writes a string


def _unusual() -> Any:
    raise _Unusual


def _sorts_as_written(code: str) -> bool:
    """Whether codes like ``code`` sort as written in JSON as they sort by themselves.

    True when nothing in it is escaped and no character sorts before the quote: then
    ``'"a"' < '"ab"' < '"b"'`` as ``"a" < "ab" < "b"``.
    """
    return bool(code) and min(code) > '"' and _STR(code) == f'"{code}"'


def _plain_fields(cls: type) -> list[tuple[str, Any]] | None:
    """The (name, type) of each field of an attrs class that can be specialised, else None."""
    if not attrs.has(cls) or issubclass(cls, _OWN_HOOKS):
        return None
    fields = attrs.fields(cls)
    if any(not f.init or f.alias != f.name for f in fields):
        return None
    try:
        hints = typing.get_type_hints(cls)
    except NameError:  # an annotation that names what is not defined: left to the converter
        return None
    return [(f.name, hints[f.name]) for f in fields]


Code = tuple[str, str]
"""Expressions that write a value to JSON text and read it from parsed JSON, ``{0}`` the value."""

_PLAIN: Mapping[Any, Code] = MappingProxyType(
    {
        str: ("(_str({0}) if {0}.__class__ is str else _unusual())", "{0}.__class__ is str"),
        int: (
            "(_int({0}) if {0}.__class__ is int else _unusual())",
            "{0}.__class__ is int and -_bound < {0} < _bound",  # as loads_plain asks
        ),
        bool: (
            "('true' if {0} is True else 'false' if {0} is False else _unusual())",
            "{0} is True or {0} is False",
        ),
    }
)


def _literal(text: str) -> str:
    """``text`` as it stands in an f-string."""
    return text.replace("{", "{{").replace("}", "}}")


class Specialiser:
    """Writes the source of the specialised functions of some classes into one namespace.

    A class's reader and writer take the fields of a field of another plain class in line
    (a citizen's health), and call a function of their own for each list and optional object.
    """

    def __init__(self) -> None:
        self.names: dict[str, Any] = {
            "_unusual": _unusual,
            "_str": _STR,
            "_int": int.__repr__,  # how json.dumps writes a whole number
            "_date": dt.date,
            "_read_date": _structure_date,
            "_new": object.__new__,
            "_set": object.__setattr__,
            "_empty": frozenset(),
            "_bound": PLAIN_INT,
        }
        self.lines: list[str] = []
        self.stems: dict[type, str | None] = {}
        self.fields: dict[str, list[tuple[str, Any, Code]]] = {}

    def source(self) -> str:
        """The source of every function written so far, to run in ``names``."""
        return "\n".join(self.lines)

    def name(self, value: object) -> str:
        """A new name in the namespace, for ``value``."""
        name = f"_{len(self.names)}"
        self.names[name] = value
        return name

    def cls(self, cls: type) -> str | None:
        """The stem of the functions for ``cls`` (``w`` + stem writes, ``r`` + stem reads)."""
        if cls in self.stems:
            return self.stems[cls]
        self.stems[cls] = None  # a class that holds itself is not specialised
        fields = _plain_fields(cls)
        codes = [self.code(t) for _, t in fields or ()]
        if fields is None or None in codes:
            return None
        stem = self.name(cls)
        self.stems[cls] = stem
        self.fields[stem] = [(n, t, c) for (n, t), c in zip(fields, codes, strict=True) if c]
        self.lines += self.writer(stem, f"w{stem}", "")
        self.lines += self.reader(stem, f"r{stem}", None)
        return stem

    def writer(self, stem: str, function: str, head: str) -> list[str]:
        """The source of a writer of the class ``stem``, ``head`` after its opening brace."""
        lines, text = self.write(stem, "o", "")
        text = "{{" + _literal(head) + text[2:]
        return [f"def {function}(o):", *(f"    {line}" for line in lines), f"    return f{text!r}"]

    def write(self, stem: str, value: str, prefix: str) -> tuple[list[str], str]:
        """Statements that check and write the fields of ``value``, and its f-string text."""
        lines = [f"if {value}.__class__ is not {stem}: _unusual()"]
        parts = []
        for i, (name, t, code) in enumerate(self.fields[stem]):
            v = f"{prefix}v{i}"
            lines.append(f"{v} = {value}.{name}")
            key = _literal(f"{_STR(name)}: ")
            if self.stems.get(t):  # a plain class: its fields in line
                inner, text = self.write(self.stems[t], v, f"{v}_")  # type: ignore[arg-type]
                lines += inner
                parts.append(key + text)
            else:
                lines.append(f"t{v} = {code[0].format(v)}")
                parts.append(f"{key}{{t{v}}}")
        return lines, "{{" + ", ".join(parts) + "}}"

    def reader(self, stem: str, function: str, version: tuple[str, int] | None) -> list[str]:
        """The source of a reader of the class ``stem``; ``version``: a key and its value."""
        check = ""
        if version is not None:  # an int, as the version must be (3.0 == 3, True == 1)
            key = repr(version[0])
            check = f" or d.get({key}).__class__ is not int or d[{key}] != {version[1]!r}"
        lines = self.read(stem, "d", "", len(self.fields[stem]) + (version is not None), check)
        return [f"def {function}(d):", *(f"    {line}" for line in lines), "    return o"]

    def read(self, stem: str, data: str, prefix: str, size: int, check: str = "") -> list[str]:
        """Statements that check and read the dict ``data`` into ``{prefix}o``."""
        lines = [f"if {data}.__class__ is not dict or len({data}) != {size}{check}: _unusual()"]
        values = []
        for i, (name, t, code) in enumerate(self.fields[stem]):
            v = f"{prefix}v{i}"
            values.append(v)
            lines.append(f"{v} = {data}[{name!r}]")
            if self.stems.get(t):  # a plain class: its fields in line
                inner = self.stems[t]
                lines += self.read(inner, v, f"{v}_", len(self.fields[inner]))  # type: ignore[arg-type,index]
                lines.append(f"{v} = {v}_o")
            else:
                lines.append(f"{v} = {code[1].format(v)}")
        return lines + self.make(stem, values, f"{prefix}o")

    def make(self, stem: str, values: list[str], made: str) -> list[str]:
        """Statements that make an instance of the class ``stem`` of ``values``, as ``made``.

        As its ``__init__`` does when that only sets each field (through the converter that
        ``frozen_fields`` gave it) and calls ``__attrs_post_init__``: the converters are
        skipped, since each returns a value of its field's declared immutable type unchanged
        (see ``helhed._values``), and every value read here has exactly that type. Any other
        ``__init__`` (a validator, a converter of the class's own) is called.
        """
        cls = self.names[stem]
        names = [name for name, _, _ in self.fields[stem]]
        code = getattr(cls.__init__, "__code__", None)
        plain = {"_cached_setattr_get", "NOTHING", "__attrs_post_init__"}
        plain |= {f"__attr_{kind}_{name}" for name in names for kind in ("converter", "factory")}
        converters = {f.converter for f in attrs.fields(cls)} - {None}
        if (
            code is None
            or any(getattr(c, "__module__", None) != "helhed._values" for c in converters)
            or not code.co_filename.startswith("<attrs generated")
            or not plain >= set(code.co_names)
        ):
            arguments = ", ".join(f"{n}={v}" for n, v in zip(names, values, strict=True))
            return [f"{made} = {stem}({arguments})"]
        return [
            f"{made} = _new({stem})",
            *(f"_set({made}, {n!r}, {v})" for n, v in zip(names, values, strict=True)),
            *([f"{made}.__attrs_post_init__()"] if "__attrs_post_init__" in code.co_names else []),
        ]

    def code(self, t: Any) -> Code | None:  # noqa: PLR0911 - a return per kind of type
        """How to write and read a value of type ``t``, or None if it is not plain."""
        args = typing.get_args(t)
        origin = typing.get_origin(t)
        if origin in (typing.Union, types.UnionType):
            inner = self.code(args[0]) if len(args) == 2 and args[1] is type(None) else None
            if inner is None:
                return None
            return (
                f"('null' if {{0}} is None else {inner[0]})",
                f"(None if {{0}} is None else {inner[1]})",
            )
        if t in _PLAIN:
            out, test = _PLAIN[t]
            return out, f"({{0}} if {test} else _unusual())"
        if t is dt.date:
            return (
                "('\"' + {0}.isoformat() + '\"' if {0}.__class__ is _date else _unusual())",
                "_read_date({0}, _date)",
            )
        if _is_coded(t):
            out, into = (
                self.name({m: _STR(m.value) for m in t}),
                self.name(dict(t._value2member_map_)),
            )
            return f"{out}[{{0}}]", f"({into}[{{0}}] if {{0}}.__class__ is str else _unusual())"
        if isinstance(t, type) and attrs.has(t):
            stem = self.cls(t)
            return None if stem is None else (f"w{stem}({{0}})", f"r{stem}({{0}})")
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return self.sequence(args[0], tuple, "")
        if origin is frozenset and (args[0] is str or _is_coded(args[0])):
            key = (
                "" if args[0] is str else f"{self.name({m: m.value for m in args[0]})}.__getitem__"
            )
            return self.sequence(args[0], frozenset, key)
        return None

    def sequence(self, item: Any, kind: type, key: str) -> Code | None:
        """How to write and read a tuple, or a frozenset (sorted by ``key``, if any)."""
        code = self.code(item)
        if code is None:
            return None
        stem = self.name(kind)
        items = "v" if kind is tuple else f"sorted(v, key={key or None})"
        empty = "()" if kind is tuple else "_empty"
        self.lines += [
            f"def w{stem}(v):",
            f"    if v.__class__ is not {stem}: _unusual()",
            f"    return '[' + ', '.join([{code[0].format('x')} for x in {items}]) + ']'",
            f"def r{stem}(v):",
            "    if v.__class__ is not list: _unusual()",
            f"    made = {stem}([{code[1].format('x')} for x in v])",
            *(["    if len(made) != len(v): _unusual()"] if kind is frozenset else []),  # twice
            "    return made",
        ]
        out, into = f"w{stem}({{0}})", f"r{stem}({{0}})"
        if self.stems.get(item):  # in line, each item by its class's writer or reader
            out = f"'[' + ', '.join(map(w{self.stems[item]}, {{0}})) + ']'"
            into = f"tuple(map(r{self.stems[item]}, {{0}}))"
        elif _is_coded(item) and all(_sorts_as_written(m.value) for m in item):
            written = self.name({m: _STR(m.value) for m in item})
            out = f"'[' + ', '.join(sorted(map({written}.__getitem__, {{0}}))) + ']'"
        return (  # most lists are empty: those are written and read without a call
            f"(({out} if {{0}} else '[]') if {{0}}.__class__ is {stem} else _unusual())",
            f"(({into} if {{0}} else {empty}) if {{0}}.__class__ is list else _unusual())",
        )
