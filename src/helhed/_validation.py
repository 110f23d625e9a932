"""Collecting every problem with a value before raising, for constructors.

Constructors call [`Checker`][helhed._validation.Checker] methods for each field and then
`done()`, which raises one [`ValidationError`][helhed.errors.ValidationError] listing all
problems. Messages never contain the checked value.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

from helhed.errors import Problem, ValidationError

__all__ = ["Checker"]


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
        """Check for an int (not a bool) from ``minimum`` to ``maximum``."""
        if optional and value is None:
            return True
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "must be a whole number")
            return False
        if value < minimum:
            self.fail(path, f"must be {minimum} or more")
            return False
        if maximum is not None and value > maximum:
            self.fail(path, f"must be {maximum} or fewer")
            return False
        return True

    def flag(self, value: object, path: str) -> bool:
        """Check for a bool."""
        return self.expect(isinstance(value, bool), path, "must be true or false")

    def day(self, value: object, path: str, *, optional: bool = False) -> bool:
        """Check for a ``datetime.date`` that is not a ``datetime``."""
        if optional and value is None:
            return True
        ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        return self.expect(ok, path, "must be a date")

    def member(
        self, value: object, kind: type[enum.Enum], path: str, *, optional: bool = False
    ) -> bool:
        """Check for a member of the enum ``kind``."""
        if optional and value is None:
            return True
        return self.expect(isinstance(value, kind), path, f"must be {_a(kind.__name__)}")

    def members(self, values: object, kind: type[enum.Enum], path: str) -> bool:
        """Check for a frozenset of members of ``kind``."""
        if not isinstance(values, frozenset):
            self.fail(path, f"must be a set of {kind.__name__}")
            return False
        return self.expect(
            all(isinstance(v, kind) for v in values), path, f"must hold only {kind.__name__}"
        )

    def each(self, values: object, kind: type, path: str) -> bool:
        """Check for a tuple whose items are all instances of ``kind``."""
        if not isinstance(values, tuple):
            self.fail(path, "must be a tuple")
            return False
        ok = True
        for i, item in enumerate(values):
            ok &= self.expect(
                isinstance(item, kind), f"{path}[{i}]", f"must be {_a(kind.__name__)}"
            )
        return ok

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record problems found elsewhere."""
        self.problems.extend(problems)

    def done(self) -> None:
        """Raise every recorded problem as one ValidationError; do nothing if none."""
        if self.problems:
            raise ValidationError(self.problems)


def _a(noun: str) -> str:
    """``noun`` with its indefinite article: ``a Benefit``, ``an Administration``."""
    return f"an {noun}" if noun[:1] in "AEIOU" else f"a {noun}"
