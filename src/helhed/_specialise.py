"""The readers and writers generated for documents whose fields are all plain.

Internal: [`helhed.serialization`][helhed.serialization] builds one writer and one reader per
such document type at import, and takes the converter's own path (``helhed._converter``) for
anything they do not accept.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from helhed._converter import _is_coded, _structure_date
from helhed._reading import PLAIN_INT
from helhed.pathways.events import Event
from helhed.rules import Condition, Match, Protocol, Rule
from helhed.sources import Reading, Stated

__all__ = ["Specialiser"]

# Specialised readers and writers. For an attrs class whose fields are all of a few plain types,
# the source of a writer and a reader is generated once, with every field's conversion written
# out. Each handles only the plain case - exact types, every key present - and raises on
# anything else, whereupon the caller takes the converter's own path, which says what is wrong.
# So their results equal the converter's on all they accept (tests/test_serialization_fast.py).


class _Unusual(Exception):  # noqa: N818 - not an error: a signal to take the general path
    """Raised by a specialised reader or writer for anything outside its plain case."""


# The classes whose form the converter's own hooks define; never specialised.
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
        ``frozen_fields`` gave it) and calls ``__attrs_post_init__``, and stores nothing else
        (say, an empty cached hash: ``cache_hash=True``): the converters are
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
            or not set(names) >= {c for c in code.co_consts if isinstance(c, str)}
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
