"""Collecting every problem with a value before raising, for constructors.

Constructors call [`Checker`][helhed._validation.Checker] methods for each field and then
`done()`, which raises one [`ValidationError`][helhed.errors.ValidationError] listing all
problems. Messages never contain the checked value.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import numbers
from collections.abc import Iterable
from typing import TypeGuard, TypeVar, cast

from helhed._values import whole_number
from helhed.errors import Problem, ValidationError

__all__ = ["Checker", "is_day", "items_of", "pair_of", "require_collection", "unchecked"]


class Checker:
    """Gathers problems with a value's fields; raises them together."""

    __slots__ = ("problems",)

    def __init__(self) -> None:
        """Start with no problems."""
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        """Record a problem."""
        self.problems.append(Problem(path, message))

    def expect(self, ok: bool, path: str, message: str) -> bool:  # noqa: FBT001
        """Record ``message`` at ``path`` unless ``ok``; return ``ok``."""
        if not ok:
            self.fail(path, message)
        return ok

    def text(self, value: object, path: str, *, optional: bool = False) -> bool:
        """Check for a non-blank string (or None when optional)."""
        if optional and value is None:
            return True
        if not isinstance(value, str):
            self.fail(path, "must be a string" + (" or null" if optional else ""))
            return False
        return self.expect(bool(value.strip()), path, "must not be blank")

    def whole(
        self,
        value: object,
        path: str,
        *,
        minimum: int = 0,
        maximum: int | None = None,
        optional: bool = False,
    ) -> bool:
        """Check for a whole number (not a bool) from ``minimum`` to ``maximum``.

        A whole number of another type than ``int`` - a numpy integer, ``3.0`` - passes (see
        [`whole_number`][helhed._values.whole_number]); a field declared ``int`` holds it
        as a plain int already, and a function converts its argument with
        [`plain`][helhed._values.plain] before it uses it. ``1.5``, NaN and a bool do not.

        Examples:
            >>> check = Checker()
            >>> [check.whole(v, "n") for v in (3, 3.0, 1.5, math.nan, True, -1)]
            [True, True, False, False, False, False]
            >>> [str(p) for p in check.problems]
            ['n: must be a whole number', 'n: must be a whole number', \
'n: must be a whole number', 'n: must be 0 or more']
        """
        if optional and value is None:
            return True
        number = whole_number(value)
        if number is None:
            self.fail(path, "must be a whole number")
            return False
        value = number
        if value < minimum:
            self.fail(path, f"must be {minimum} or more")
            return False
        if maximum is not None and value > maximum:
            self.fail(path, f"must be {maximum} or fewer")
            return False
        return True

    def seed(self, value: object, path: str) -> bool:
        """Check for the seed of a random generator: a whole number of 0 or more.

        Unlike [`whole`][helhed._validation.Checker.whole], numpy's integer types are whole
        numbers here too, since numpy's generators hand them out and take them back.
        """
        found = whole_number(value) if isinstance(value, numbers.Integral) else None
        ok = found is not None and found >= 0
        return self.expect(ok, path, "must be a whole number of 0 or more")

    def probability(self, value: object, path: str) -> bool:
        """Check for a probability: an int or a float from 0 to 1, not a bool, NaN or infinite.

        Examples:
            >>> check = Checker()
            >>> [check.probability(v, "p") for v in (0, 0.25, 1.0, True, "0.5", math.nan, 1.5)]
            [True, True, True, False, False, False, False]
            >>> str(check.problems[0])
            'p: must be a number in [0, 1]'
        """
        ok = _real(value) and 0.0 <= value <= 1.0
        return self.expect(ok, path, "must be a number in [0, 1]")

    def number(
        self, value: object, path: str, *, minimum: float = 0.0, above: bool = False
    ) -> bool:
        """Check for a finite int or float (not a bool) of ``minimum`` or more.

        With ``above``, the number must be greater than ``minimum``.
        """
        ok = _real(value) and (value > minimum if above else value >= minimum)
        bound = f" above {minimum:g}" if above else f", {minimum:g} or more"
        return self.expect(ok, path, f"must be a number{bound}")

    def flag(self, value: object, path: str) -> bool:
        """Check for a bool."""
        return self.expect(isinstance(value, bool), path, "must be true or false")

    def day(self, value: object, path: str, *, optional: bool = False) -> bool:
        """Check for a ``datetime.date`` that is not a ``datetime``."""
        if optional and value is None:
            return True
        ok = is_day(value)
        return self.expect(ok, path, "must be a date")

    def time(self, value: object, path: str, *, optional: bool = False) -> bool:
        """Check for a ``datetime.time`` without a time zone (or None when optional).

        helhed has no clock and no time zone of its own: a time of day is the local time
        where it was recorded, as a case system keeps it. A time with a time zone is refused
        rather than converted, since converting it would need a zone to convert to, and
        naive and zoned times cannot be compared.

        Examples:
            >>> check = Checker()
            >>> [check.time(v, "at") for v in (dt.time(9, 30), dt.time(9, tzinfo=dt.UTC), "9")]
            [True, False, False]
            >>> str(check.problems[0])
            'at: must be a time of day without a time zone'
        """
        if optional and value is None:
            return True
        ok = isinstance(value, dt.time) and value.tzinfo is None
        return self.expect(ok, path, "must be a time of day without a time zone")

    def member(
        self, value: object, kind: type[enum.Enum], path: str, *, optional: bool = False
    ) -> bool:
        """Check for a member of the enum ``kind``."""
        if isinstance(value, kind) or (optional and value is None):
            return True
        self.fail(path, f"must be {with_article(kind.__name__)}")
        return False

    def members(self, values: object, kind: type[enum.Enum], path: str) -> bool:
        """Check for a frozenset of members of ``kind``."""
        if not isinstance(values, frozenset):
            self.fail(path, f"must be a set of {kind.__name__}")
            return False
        if all(isinstance(v, kind) for v in values):
            return True
        self.fail(path, f"must hold only {kind.__name__}")
        return False

    def each(self, values: object, kind: type, path: str) -> bool:
        """Check for a tuple whose items are all instances of ``kind``."""
        if not isinstance(values, tuple):
            self.fail(path, "must be a tuple")
            return False
        ok = True
        for i, item in enumerate(values):
            if not isinstance(item, kind):
                self.fail(f"{path}[{i}]", f"must be {with_article(kind.__name__)}")
                ok = False
        return ok

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record problems found elsewhere."""
        self.problems.extend(problems)

    def done(self) -> None:
        """Raise every recorded problem as one ValidationError; do nothing if none."""
        if self.problems:
            raise ValidationError(self.problems)


T = TypeVar("T")


def items_of(values: object, kind: type[T], path: str, *, noun: str | None = None) -> tuple[T, ...]:
    """The items of an argument that must be a collection of ``kind``, as a tuple.

    A string is not taken as a collection of characters, nor a mapping as one of its keys.

    Raises:
        ValidationError: Naming ``path`` if ``values`` is not a collection, or ``path[i]`` for
            each item that is not ``kind``.

    Examples:
        >>> items_of([1, 2], int, "counts")
        (1, 2)
        >>> items_of("12", int, "counts")
        Traceback (most recent call last):
        ...
        helhed.errors.ValidationError: counts: must be a list of int
    """
    name = noun or kind.__name__
    # The items are checked below, before the tuple is returned as one of ``kind``.
    items = tuple(cast("Iterable[T]", require_collection(values, kind, path, noun=noun)))
    check = Checker()
    for i, item in enumerate(items):
        if not isinstance(item, kind):  # the path and message are made only when needed
            check.fail(f"{path}[{i}]", f"must be {with_article(name)}")
    check.done()
    return items


def require_collection(
    values: object, kind: type, path: str, *, noun: str | None = None
) -> Iterable[object]:
    """``values``, if it is a collection that may hold ``kind``; its items are not looked at.

    For batch code, which checks the argument once per call and leaves each item to the
    checks it makes anyway. A string, bytes or a mapping is not taken as a collection, nor
    is a single ``kind``.

    Raises:
        ValidationError: Naming ``path``; never the value.

    Examples:
        >>> require_collection([1, 2], int, "counts")
        [1, 2]
        >>> require_collection(None, int, "counts")
        Traceback (most recent call last):
        ...
        helhed.errors.ValidationError: counts: must be a list of int
    """
    name = noun or kind.__name__
    if isinstance(values, kind):
        raise ValidationError.at(path, f"must be a list of {name}, not one {name}")
    if isinstance(values, (str, bytes, dict)) or not isinstance(values, Iterable):
        raise ValidationError.at(path, f"must be a list of {name}")
    return values


def pair_of(value: object, path: str, *, noun: str = "texts (Danish, English)") -> None:
    """Raise unless ``value`` is a tuple of two items: a (Danish, English) pair and the like.

    The items are left to the checks of the value they go into.

    Raises:
        ValidationError: Naming ``path``; never the value.

    Examples:
        >>> pair_of(("ja", "yes"), "failure")
        >>> pair_of("", "failure")
        Traceback (most recent call last):
        ...
        helhed.errors.ValidationError: failure: must be a pair of texts (Danish, English)
    """
    if not (isinstance(value, tuple) and len(value) == 2):
        raise ValidationError.at(path, f"must be a pair of {noun}")


def is_day(value: object) -> bool:
    """True for a ``datetime.date`` that is not a ``datetime`` (the two do not compare)."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def require_day(value: object, path: str) -> None:
    """Raise a ValidationError at ``path`` unless ``value`` is a date that is not a datetime.

    A ``datetime`` is a ``date`` to ``isinstance`` but does not compare with one, so it would
    surface later as a ``TypeError`` against a rule table's dates.
    """
    if not is_day(value):
        raise ValidationError.at(path, "must be a date")


def unchecked(cls: type[T], **fields: object) -> T:
    """A value of the attrs class ``cls`` from ``fields``, built without running its checks.

    Only for results a library function makes itself from values it has already checked,
    where the constructor's checks would find nothing and cost most of the time (a rule's
    findings, the reasons of the consent ledger). Every field must be given, already of its
    type; a class that keeps its hash (``cache_hash=True``) gets its empty hash slot too.
    Property tests rebuild what such a function returns through the constructor, so the
    checks still hold for it; documents read from JSON always run their checks.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Span:
        ...     days: int
        ...     def __attrs_post_init__(self): raise AssertionError("checked")
        >>> unchecked(Span, days=3)
        Span(days=3)
    """
    value = object.__new__(cls)
    put = object.__setattr__.__get__(value)
    for name, item in fields.items():
        put(name, item)
    if "_attrs_cached_hash" in getattr(cls, "__slots__", ()):
        put("_attrs_cached_hash", None)
    return value


def _real(value: object) -> TypeGuard[float]:
    """True for an int or a float that is finite and not a bool."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def with_article(noun: str) -> str:
    """``noun`` with its indefinite article: ``a Benefit``, ``an Administration``, ``an int``."""
    return f"an {noun}" if noun[:1] and noun[0] in "AEIOUaeiou" else f"a {noun}"
