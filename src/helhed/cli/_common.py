"""What every command shares: dates, numbers, reading input, loading documents, failing cleanly."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from decimal import Decimal
from typing import Any, NoReturn, TypeVar

from helhed._reading import decode
from helhed.errors import ValidationError
from helhed.language import Language
from helhed.serialization import from_dict, from_dicts, parse_json
from helhed.server._call import clock

T = TypeVar("T")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

ENCODING_HELP = "the file's text encoding, e.g. cp1252 or latin-1 (default utf-8, BOM accepted)"
"""The help text of every ``--encoding`` option."""


_DANISH_MARKS = str.maketrans({",": ".", ".": ","})


def number(value: float | Decimal, lang: Language, spec: str = ",") -> str:
    """``value`` formatted by ``spec``, the marks as ``lang`` writes them.

    English groups thousands with ``,`` and puts ``.`` before decimals (``7,584``, ``1.5``);
    Danish the other way round (``7.584``, ``1,5``).
    """
    text = format(value, spec)
    return text.translate(_DANISH_MARKS) if lang is Language.DA else text


def date_argument(text: str) -> dt.date:
    """Parse a ``YYYY-MM-DD`` argument, and only that form (not ``20261102`` or ``2026-W45-1``)."""
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError("must be a date written YYYY-MM-DD")


def in_range(value: int | None, option: str, low: int, high: int) -> None:
    """Stop with a one-line message unless ``value`` is None or from ``low`` to ``high``."""
    if value is not None and not low <= value <= high:
        fail(f"{option} must be from {low:,} to {high:,}, not {value:,}")


def today(on: dt.date | None) -> dt.date:
    """``on``, or today's date on the machine's clock, read as the service reads it."""
    return on if on is not None else clock()


def read_text(path: str, encoding: str | None = None) -> str:
    """The text of a file, or of standard input for ``-``."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # already text, e.g. when a caller replaced sys.stdin
            text: str = sys.stdin.read()
            return text
        return decode(stream.read(), encoding=encoding, path="standard input")
    with open(path, "rb") as handle:  # noqa: PTH123 - a path from the user
        return decode(handle.read(), encoding=encoding, path=path)


def read_json(path: str, encoding: str | None = None) -> Any:
    """The parsed JSON of a file, or of standard input for ``-``."""
    return parse_json(read_text(path, encoding))


def load_many(data: Any, cls: type[T]) -> list[T]:
    """One document or a JSON list of them; every bad item's problems are reported together."""
    if not isinstance(data, list):
        return [from_dict(data, cls)]
    return from_dicts(data, cls)


def fail(message: str) -> NoReturn:
    """Stop the command with a one-line message and exit code 2."""
    raise ValidationError.at("", message)


def one_line(text: str) -> str:
    r"""``text`` with line breaks and other control characters escaped, e.g. ``\n``.

    An error message holds text from the input (a JSON key, a file name); escaped, it cannot
    break the one line an error takes or forge a second one.
    """
    out: list[str] = []
    for char in text:
        if char == "\\":
            out.append(char)
        elif char in "\n\r\t":
            out.append(repr(char)[1:-1])
        elif unicodedata.category(char) in {"Cc", "Zl", "Zp"}:
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)
