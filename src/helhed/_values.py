"""Values stay values: an immutable mapping, and the rule that freezes containers (internal).

Every attrs class in helhed is built with
[`frozen_fields`][helhed._values.frozen_fields] as its field transformer. It gives each field
declared as ``tuple[...]``, ``frozenset[...]`` or ``Mapping[...]`` (also inside ``X | None``,
and nested, as in ``tuple[tuple[str, ...], ...]``) a converter that turns what a caller
naturally writes into the immutable type the field declares:

* a list or a tuple becomes a tuple, its items converted by the item type;
* a set or a frozenset becomes a frozenset, and so does a list or a tuple whose items are
  hashable and all different (a list that repeats an item is left alone: collapsing it would
  hide the repetition, so the class's own check refuses it);
* a dict or any other mapping becomes a [`FrozenMap`][helhed._values.FrozenMap];
* in a field declared ``int`` (also inside ``X | None`` or a container, but not in a union
  with ``float``), a whole number of another type - a numpy integer, or a float such as
  ``3.0`` that pandas makes of a column with missing cells - becomes the plain ``int``
  (see [`whole_number`][helhed._values.whole_number]); a bool stays a bool.

Anything else is passed through unchanged, so the class's own check reports the wrong type
as a [`ValidationError`][helhed.errors.ValidationError]; a converter never raises. A value
that already has the declared immutable type, with items that need no conversion, is
returned as it is, without looking at its items.

    >>> import attrs
    >>> @attrs.frozen(field_transformer=frozen_fields)
    ... class Team:
    ...     members: tuple[str, ...]
    ...     roles: frozenset[str]
    ...     hours: Mapping[str, tuple[int, ...]]
    >>> team = Team(["a", "b"], ["lead"], {"a": [7, 8]})
    >>> team
    Team(members=('a', 'b'), roles=frozenset({'lead'}), hours=FrozenMap({'a': (7, 8)}))
    >>> hash(team) == hash(Team(("a", "b"), {"lead"}, FrozenMap({"a": (7, 8)})))
    True
"""

from __future__ import annotations

import inspect
import math
import numbers
import operator
import types
import typing
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar

import attrs

__all__ = ["FrozenMap", "converter_for", "frozen_fields", "plain", "whole_number"]

_K = TypeVar("_K")
_V_co = TypeVar("_V_co", covariant=True)

Convert = Callable[[Any], Any]
_T = TypeVar("_T")


def whole_number(value: object) -> int | None:
    """The plain ``int`` that ``value`` stands for if it is a whole number; else None.

    A whole number is an ``int``, any other integral number (numpy's ``int64`` and kin, by
    ``numbers.Integral``), or a real number with no fractional part (``3.0``, ``numpy.float64(3)``)
    . A bool (Python's or numpy's) is not one, nor NaN, an infinity or ``1.5``. numpy is not
    imported: its scalars are recognised by the ``numbers`` classes they register with.

    Examples:
        >>> from fractions import Fraction
        >>> [whole_number(v) for v in (3, 3.0, Fraction(6, 2), -2.0)]
        [3, 3, 3, -2]
        >>> [whole_number(v) for v in (True, 1.5, float("nan"), float("inf"), "3", None)]
        [None, None, None, None, None, None]
    """
    if type(value) is int:
        return value
    if isinstance(value, bool) or type(value).__name__ in {"bool", "bool_"}:
        return None
    if isinstance(value, numbers.Integral):
        return operator.index(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return int(number)
    return None


def plain(value: _T) -> _T:
    """``value`` as a plain ``int`` if it is a whole number of another type; else itself.

    For an argument declared ``int``, before it is checked: a numpy integer or ``3.0``
    becomes ``3``, so what is stored and computed with is a plain, hashable, JSON-ready int.
    Anything else is returned unchanged, so the check reports it.

    Examples:
        >>> plain(3.0), plain(1.5), plain(True), plain("x")
        (3, 1.5, True, 'x')
    """
    found = whole_number(value)
    return value if found is None else found  # type: ignore[return-value]


class FrozenMap(Mapping[_K, _V_co]):
    """An immutable, hashable mapping.

    It compares equal to any mapping with the same items, as a dict does, and hashes as the
    frozen set of its items, so equal maps hash equal. Its repr is the repr of the dict it
    holds and shows nothing a dict would not.

        >>> m = FrozenMap({"a": 1})
        >>> m == {"a": 1}, hash(m) == hash(FrozenMap([("a", 1)])), m["a"]
        (True, True, 1)
        >>> m
        FrozenMap({'a': 1})
    """

    __slots__ = ("_data", "_hash")

    _data: dict[_K, _V_co]
    _hash: int

    def __init__(self, items: Mapping[_K, _V_co] | Iterable[tuple[_K, _V_co]] = (), /) -> None:
        """Copy ``items``: a mapping or pairs of key and value, as ``dict`` takes them."""
        _set_data(self, dict(items))  # the hash is worked out when first asked for

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: a FrozenMap does not change."""
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        """Refuse: a FrozenMap does not change."""
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __getitem__(self, key: _K) -> _V_co:
        """The value of ``key``; KeyError if there is none."""
        return self._data[key]

    def __iter__(self) -> Iterator[_K]:
        """The keys, in the order they were given."""
        return iter(self._data)

    def __len__(self) -> int:
        """The number of keys."""
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        """True if ``key`` is a key."""
        return key in self._data

    def keys(self) -> KeysView[_K]:
        """The keys, as a read-only view."""
        return self._data.keys()

    def values(self) -> ValuesView[_V_co]:
        """The values, as a read-only view."""
        return self._data.values()

    def items(self) -> ItemsView[_K, _V_co]:
        """The pairs of key and value, as a read-only view."""
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        """True for any mapping with the same items."""
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, dict):
            return self._data == other
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        """The hash of the frozen set of items; TypeError if a value is unhashable."""
        try:
            return self._hash
        except AttributeError:
            found = hash(frozenset(self._data.items()))
            _set_hash(self, found)
            return found

    def __repr__(self) -> str:
        """``FrozenMap({...})``, the dict's repr inside."""
        return f"{type(self).__name__}({self._data!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[_K, _V_co]], tuple[dict[_K, _V_co]]]:
        """Pickle and copy as the class called with a dict of the items."""
        return (type(self), (self._data,))


# The slots are set through their descriptors: __setattr__ refuses every change.
_set_data: Callable[[FrozenMap[Any, Any], dict[Any, Any]], None] = vars(FrozenMap)["_data"].__set__
_set_hash: Callable[[FrozenMap[Any, Any], int], None] = vars(FrozenMap)["_hash"].__set__


def frozen_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """Give each tuple, frozenset and Mapping field of ``cls`` the converter of its type.

    An attrs ``field_transformer``. A field with a converter of its own, one that
    ``__init__`` does not take, or one inherited (its own class decided for it) is left as
    it is. Annotations that are still strings are read now where they can be, or on the
    first call of the converter where they name something defined later.
    """
    own = inspect.get_annotations(cls)
    return [_with_converter(cls, field, own) for field in fields]


def _with_converter(
    cls: type, field: attrs.Attribute[Any], own: Mapping[str, object]
) -> attrs.Attribute[Any]:
    if (
        field.converter is not None
        or not field.init
        or field.type is None
        or field.name not in own  # inherited: its own class decided
    ):
        return field
    try:
        resolved = _resolve(cls, field.name, field.type)
    except NameError:
        return field.evolve(converter=_Lazy(cls, field.name))
    convert = converter_for(resolved)
    return field if convert is None else field.evolve(converter=convert)


def _resolve(cls: type, name: str, annotation: object) -> object:
    """``annotation`` evaluated in the module of ``cls``, unless it is a type already."""
    if not isinstance(annotation, str):
        return annotation
    holder = types.new_class("_Holder")
    holder.__module__ = cls.__module__
    holder.__annotations__ = {name: annotation}
    return typing.get_type_hints(holder, localns={cls.__name__: cls})[name]


class _Lazy:
    """A converter whose type is read on its first call (it names a class defined later)."""

    __slots__ = ("_cls", "_convert", "_name")

    def __init__(self, cls: type, name: str) -> None:
        self._cls = cls
        self._name = name
        self._convert: Convert | None = None

    def __call__(self, value: object) -> object:
        convert = self._convert
        if convert is None:
            hints = typing.get_type_hints(self._cls)
            convert = self._convert = converter_for(hints[self._name]) or _unchanged
        return convert(value)


def _unchanged(value: object) -> object:
    return value


def converter_for(annotation: object) -> Convert | None:  # noqa: PLR0911 - one per kind
    """The converter for a field of type ``annotation``; None if its values need none.

    Examples:
        >>> converter_for(tuple[frozenset[int], ...])([[1, 2], {3}])
        (frozenset({1, 2}), frozenset({3}))
        >>> converter_for(str | None) is None
        True
        >>> converter_for(int | None)(4.0), converter_for(int | float) is None
        (4, True)
    """
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Union or origin is types.UnionType:
        if int in args and float in args:  # a float there is meant as a float
            return _union_of(tuple(a for a in args if a is not int))
        return _union_of(args)
    if annotation is int:
        return plain
    if annotation is tuple or origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _tuple_of(converter_for(args[0]))
        return _fixed_tuple_of(tuple(converter_for(a) for a in args))
    if annotation is frozenset or origin is frozenset:
        return _frozenset_of(converter_for(args[0]) if args else None)
    if annotation is Mapping or origin is Mapping:
        key, value = (converter_for(args[0]), converter_for(args[1])) if args else (None, None)
        return _mapping_of(key, value)
    return None


def _kind(annotation: object) -> object:
    return typing.get_origin(annotation) or annotation


def _union_of(members: tuple[object, ...]) -> Convert | None:
    """One converter for a union: by the kind of the value, the member's that takes it."""
    by_kind = {_kind(a): found for a in members if (found := converter_for(a)) is not None}
    if len(by_kind) <= 1:
        return next(iter(by_kind.values()), None)
    sequences = by_kind.get(tuple) or by_kind.get(frozenset)
    sets = by_kind.get(frozenset)
    mappings = by_kind.get(Mapping)
    ints = by_kind.get(int)

    def convert(value: object) -> object:
        if isinstance(value, (list, tuple)):
            return sequences(value) if sequences else value
        if isinstance(value, (set, frozenset)):
            return sets(value) if sets else value
        if isinstance(value, Mapping):
            return mappings(value) if mappings else value
        return ints(value) if ints else value

    return convert


def _same_items(new: Iterable[object], old: Iterable[object]) -> bool:
    return all(map(operator.is_, new, old))


def _tuple_of(item: Convert | None) -> Convert:
    if item is None:

        def convert_plain(value: object) -> object:
            if isinstance(value, list):
                return tuple(value)
            return value

        return convert_plain

    def convert(value: object) -> object:
        if not isinstance(value, (list, tuple)):
            return value
        items = tuple([item(v) for v in value])
        return value if isinstance(value, tuple) and _same_items(items, value) else items

    return convert


def _fixed_tuple_of(positions: tuple[Convert | None, ...]) -> Convert:
    if all(p is None for p in positions):
        return _tuple_of(None)

    def convert(value: object) -> object:
        if not isinstance(value, (list, tuple)):
            return value
        if len(value) != len(positions):
            return tuple(value)
        items = tuple([v if p is None else p(v) for p, v in zip(positions, value, strict=True)])
        return value if isinstance(value, tuple) and _same_items(items, value) else items

    return convert


def _frozenset_of(item: Convert | None) -> Convert:
    def convert(value: object) -> object:
        if isinstance(value, frozenset):
            # Its items are hashable, so none of them holds a list, a set or a dict.
            return value
        if not isinstance(value, (set, frozenset, list, tuple)):
            return value
        items = list(value) if item is None else [item(v) for v in value]
        try:
            frozen = frozenset(items)
        except TypeError:  # an unhashable item: the class's check says what is wrong
            return value
        if isinstance(value, (list, tuple)) and len(frozen) != len(items):
            return value
        return frozen

    return convert


def _mapping_of(key: Convert | None, item: Convert | None) -> Convert:
    def convert(value: object) -> object:
        if type(value) is FrozenMap and key is None and item is None:
            return value
        if not isinstance(value, Mapping):
            return value
        if key is None and item is None:
            return FrozenMap(value)
        pairs = [
            (k if key is None else key(k), v if item is None else item(v)) for k, v in value.items()
        ]
        if type(value) is FrozenMap and all(
            a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True)
        ):
            return value
        try:
            return FrozenMap(pairs)
        except TypeError:  # a key made unhashable: the class's check says what is wrong
            return value

    return convert
