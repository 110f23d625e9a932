"""Enums whose values are stable Danish codes and whose members carry Danish and English labels.

The *code* is what goes into JSON and data files; it never changes once released. Labels are
for people and may be improved.
"""

from __future__ import annotations

import enum
from typing import Self

from helhed.errors import ValidationError

__all__ = ["CodedEnum"]


class CodedEnum(enum.Enum):
    """An enum member is ``(code, label_da, label_en)``; its value is the code.

    Examples:
        >>> class Colour(CodedEnum):
        ...     RED = ("roed", "Rød", "Red")
        >>> Colour.RED.value, Colour.RED.label_da, Colour.RED.label_en
        ('roed', 'Rød', 'Red')
        >>> Colour.from_code("roed") is Colour.RED
        True
    """

    _value_: str
    label_da: str
    label_en: str

    def __new__(cls, code: str, label_da: str, label_en: str) -> Self:
        """Build a member from its code and labels."""
        member = object.__new__(cls)
        member._value_ = code
        member.label_da = label_da
        member.label_en = label_en
        return member

    @property
    def code(self) -> str:
        """The stable Danish code used in JSON."""
        return self._value_

    @classmethod
    def from_code(cls, code: str) -> Self:
        """Return the member with ``code``.

        Raises:
            ValidationError: If no member has that code (a ``ValueError`` too). The message
                lists the valid codes, never the code asked for.
        """
        try:
            return cls._value2member_map_[code]  # type: ignore[return-value]
        except (KeyError, TypeError):
            valid = ", ".join(m.code for m in cls)
            msg = f"unknown {cls.__name__} code; expected one of: {valid}"
            raise ValidationError.at("", msg) from None

    @classmethod
    def _missing_(cls, value: object) -> Self:
        """``Benefit("x")`` fails as ``from_code`` does: a ValidationError, the value not shown.

        Enum's own error would write the value into the message.
        """
        return cls.from_code(value)  # type: ignore[arg-type]  # it raises for what is not a code

    # Members are singletons compared by identity, so the identity hash is correct - and it is
    # computed in C, where Enum's own hash runs Python code on every set and dict lookup.
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        """Show as ``Benefit.FLEX_JOB``."""
        return f"{type(self).__name__}.{self.name}"
