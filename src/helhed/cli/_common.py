"""What every command shares: dates, reading input, loading documents, failing cleanly."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any, NoReturn, TypeVar

from helhed.errors import Problem, ValidationError
from helhed.serialization import from_dict, parse_json

T = TypeVar("T")


def date_argument(text: str) -> dt.date:
    """Parse a ``YYYY-MM-DD`` argument."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date written YYYY-MM-DD") from None


def today(on: dt.date | None) -> dt.date:
    """``on``, or today's date: the command line is the one place helhed reads the clock."""
    return on if on is not None else dt.datetime.now().astimezone().date()


def read_json(path: str) -> Any:
    """The parsed JSON of a file, or of standard input for ``-``."""
    if path == "-":
        return parse_json(sys.stdin.read())
    with open(path, encoding="utf-8") as handle:  # noqa: PTH123 - a path from the user
        return parse_json(handle.read())


def load_many(data: Any, cls: type[T]) -> list[T]:
    """One document or a JSON list of them; every bad item's problems are reported together."""
    if not isinstance(data, list):
        return [from_dict(data, cls)]
    items: list[T] = []
    problems: list[Problem] = []
    for i, item in enumerate(data):
        try:
            items.append(from_dict(item, cls, path=f"[{i}]"))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return items


def fail(message: str) -> NoReturn:
    """Stop the command with a one-line message and exit code 2."""
    raise ValidationError.at("", message)
