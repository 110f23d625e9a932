"""Errors raised by helhed.

Every error helhed raises derives from [`HelhedError`][helhed.errors.HelhedError], so a caller
can catch one class. Messages name *where* input was wrong and *why*, never the value itself:
input may hold health data, and health data must not leak into logs or tracebacks. A name,
id, key or code the caller chose may be named, but only through
[`quoted`][helhed.errors.quoted], which cuts it short and escapes every control character.
A lookup that finds nothing raises [`UnknownNameError`][helhed.errors.UnknownNameError], which
is a ``KeyError`` too. Warnings helhed issues derive from
[`HelhedWarning`][helhed.errors.HelhedWarning], under the same rule for their messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from helhed._values import frozen_fields

__all__ = [
    "ConsentError",
    "HelhedError",
    "HelhedWarning",
    "NoRuleError",
    "ObjectPathWarning",
    "Problem",
    "TransitionError",
    "UnknownNameError",
    "ValidationError",
    "key_path",
    "quoted",
]

QUOTE_LIMIT = 40
"""How many characters of a caller's text [`quoted`][helhed.errors.quoted] keeps by default."""

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "'": "\\'", "\\": "\\\\"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def quoted(text: object, limit: int = QUOTE_LIMIT) -> str:
    r"""A caller's name, key or code made safe to put in a message.

    The text is cut to its first ``limit`` characters (an ellipsis marks the cut) and put in
    single quotes as Python's ``repr`` does; every character that is not printable - newlines,
    control and format characters - is escaped, so the result is always one line that cannot
    pass for a message of its own. Only names, keys and codes a caller chose may be quoted,
    never the value of a field.

    Examples:
        >>> print(quoted("who5"))
        'who5'
        >>> print(quoted("a\nhelhed: error: x"))
        'a\nhelhed: error: x'
        >>> print(quoted("x" * 50))
        'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'
        >>> print(quoted(None))
        (not text)
    """
    if not isinstance(text, str):
        return "(not text)"
    cut = len(text) > limit
    out = []
    for char in text[:limit]:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        else:
            out.append(_escape(ord(char)))
    return "'" + "".join(out) + ("…" if cut else "") + "'"


def _escape(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def key_path(path: str, key: object) -> str:
    r"""The path of ``key`` inside the object at ``path``.

    A key that reads as a name is joined with a dot (``citizen.health``); any other key -
    empty, with spaces, dots or control characters - is written quoted in brackets
    (``citizen['']``), so every problem has a path and no key can break a message's line.

    Examples:
        >>> print(key_path("citizen", "health"))
        citizen.health
        >>> print(key_path("", ""))
        ['']
        >>> print(key_path("events[0]", "a\nb"))
        events[0]['a\nb']
    """
    if isinstance(key, str) and len(key) <= QUOTE_LIMIT and _NAME.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{quoted(key)}]"


def require(value: object, kind: type | tuple[type, ...], path: str, expected: str) -> None:
    """Raise a ValidationError at ``path`` saying it ``expected`` unless ``value`` is a ``kind``.

    For the arguments of functions, where a wrong type would otherwise surface as an
    ``AttributeError`` or ``TypeError`` deep inside, outside the
    [`HelhedError`][helhed.errors.HelhedError] hierarchy.

    Examples:
        >>> require(None, str, "citizen", "must be a Citizen")
        Traceback (most recent call last):
        ...
        helhed.errors.ValidationError: citizen: must be a Citizen
    """
    if not isinstance(value, kind):
        raise ValidationError.at(path, expected)


class HelhedError(Exception):
    """Base class of every error raised by helhed."""


@attrs.frozen(field_transformer=frozen_fields)
class Problem:
    """One thing wrong with an input: where it is and what is wrong.

    Attributes:
        path: Dotted path of the field, e.g. ``citizen.health.sick_days`` or
            ``citizens[3].benefit``. Empty for the document as a whole.
        message: What is wrong, in English, without the offending value.
    """

    path: str
    message: str

    def __str__(self) -> str:
        """Render as ``path: message``."""
        return f"{self.path}: {self.message}" if self.path else self.message

    def under(self, prefix: str) -> Problem:
        """Return the same problem with ``prefix`` put in front of its path."""
        if not prefix:
            return self
        if not self.path:
            return Problem(prefix, self.message)
        joiner = "" if self.path.startswith("[") else "."
        return Problem(f"{prefix}{joiner}{self.path}", self.message)


class ValidationError(HelhedError, ValueError):
    """Input that does not describe a valid value.

    Carries every problem found, not only the first, so one round trip tells the caller all
    there is to fix. ``str(error)`` lists them on one line, separated by ``; ``.

    Attributes:
        problems: Each problem with its path and message, in the order found.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Create the error from one or more problems."""
        self.problems = tuple(problems)
        if not self.problems:
            msg = "ValidationError needs at least one problem"
            raise ValueError(msg)
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str, message: str) -> ValidationError:
        """Create an error with a single problem."""
        return cls([Problem(path, message)])

    def under(self, prefix: str) -> ValidationError:
        """Return the same error with ``prefix`` put in front of every path."""
        return ValidationError(p.under(prefix) for p in self.problems)


class UnknownNameError(HelhedError, KeyError):
    """A lookup by name, id or code found nothing.

    Raised by every lookup helhed offers - a case by id, an instrument by name, a prerequisite
    by code, a rule of a protocol by id. It is a ``KeyError`` too, so code that catches
    ``KeyError`` keeps working. The message says what kind of name was asked for and, where
    the names are few and fixed, lists them; the name asked for appears only through
    [`quoted`][helhed.errors.quoted].
    """

    def __str__(self) -> str:
        """The message as written (a plain ``KeyError`` would show it in quotes)."""
        return str(self.args[0]) if self.args else ""


class NoRuleError(HelhedError, LookupError):
    """A dated rule table has no row in force on the date asked about.

    Raised for dates *before* the first row of a table: helhed does not know the law of that
    time and will not guess. Dates after the last known reform are answered, with the answer
    marked as beyond known law.
    """


class TransitionError(HelhedError, ValueError):
    """An event cannot follow the current state of a pathway.

    The message names the event by its position in the log, its kind and its date, and says
    why it cannot follow - never the value of a health field.

    Attributes:
        index: Position the event has or would have in the pathway's log.
        why: The reason alone, without the event's position.
    """

    index: int
    why: str

    def __init__(self, index: int, event: str, why: str) -> None:
        """Create the error for the event at ``index``, described as ``event``."""
        self.index = index
        self.why = why
        super().__init__(f"events[{index}] ({event}): {why}")


class ConsentError(HelhedError, PermissionError):
    """Information may not be disclosed: no consent in force covers it.

    ``helhed.consent.disclose`` raises it instead of recording the disclosure. The message
    names the category and the receiving administration; ``decision`` holds the full answer
    with its reasons.
    """

    decision: object

    def __init__(self, message: str, decision: object) -> None:
        """Create the error with the decision that refused the disclosure."""
        self.decision = decision
        super().__init__(message)


class HelhedWarning(UserWarning):
    """Base class of every warning helhed issues; its message never shows input values."""


class ObjectPathWarning(HelhedWarning):
    """Rules of a protocol run on ``Pathway`` objects in a columnar check, not over columns.

    [`check_frame`][helhed.batch.check_frame] (and ``report_frame`` and
    ``helhed.distributed.check_dask``) warns once per call, naming the ids of the rules that
    run on objects and why: no columnar evaluator for their kind, or one that declines them.
    The findings are the same either way; only the speed differs.
    [`evaluation_plan`][helhed.batch.evaluation_plan] shows the plan without checking.
    """
