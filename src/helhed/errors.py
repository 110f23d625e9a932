"""Errors raised by helhed.

Every error helhed raises derives from [`HelhedError`][helhed.errors.HelhedError], so a caller
can catch one class. Messages name *where* input was wrong and *why*, never the value itself:
input may hold health data, and health data must not leak into logs or tracebacks.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from helhed._values import frozen_fields

__all__ = [
    "ConsentError",
    "HelhedError",
    "NoRuleError",
    "Problem",
    "TransitionError",
    "ValidationError",
]


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
