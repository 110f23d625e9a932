"""Reading JSON Lines for the command line: one document a line, in constant memory.

[`documents`][helhed.cli._jsonl.documents] reads a file, or standard input, line by line from
its byte stream and never whole: each line is decoded, parsed and structured on its own, so
memory holds one line and one document at a time, however long the file. Blank lines are
skipped. The first bad line stops the reading with one error naming the file and the line
number (counted from 1, blank lines included); what was written before it stays written.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

from helhed._reading import decode
from helhed.errors import ValidationError
from helhed.serialization import from_dict, parse_json

T = TypeVar("T")

STDIN_NAME = "standard input"
"""How error messages name standard input (``-``)."""


def documents(path: str, cls: type[T], encoding: str | None = None) -> Iterator[tuple[int, T]]:
    r"""The documents of a JSON Lines file (``-``: standard input), with their line numbers.

    Args:
        path: A file name, or ``-`` for standard input.
        cls: The document type every line holds, e.g. ``Citizen``.
        encoding: The text encoding (default UTF-8, a byte-order mark accepted). Encodings
            that do not write a line break as the single byte ``\n`` (UTF-16, UTF-32) cannot
            be split into lines byte by byte and are refused.

    Raises:
        ValidationError: At ``PATH: line N``, for the first line that cannot be decoded,
            is not JSON or is not a valid ``cls`` document; at the path, for a refused
            encoding.
    """
    name = STDIN_NAME if path == "-" else path
    _check_encoding(encoding, name)
    if path == "-":
        stream: Iterable[bytes] | None = getattr(sys.stdin, "buffer", None)
        if stream is None:  # already text, e.g. when a caller replaced sys.stdin
            stream, encoding = (line.encode() for line in sys.stdin), None
        context: AbstractContextManager[Iterable[bytes]] = nullcontext(stream)
    else:
        context = open(path, "rb")  # noqa: PTH123, SIM115 - a path from the user
    with context as handle:
        yield from read_lines(handle, cls, name, encoding)


def read_lines(
    lines: Iterable[bytes], cls: type[T], name: str, encoding: str | None = None
) -> Iterator[tuple[int, T]]:
    """The documents of ``lines`` (raw bytes, one document each), skipping blank lines.

    Iterates ``lines`` one at a time, as a binary file does with ``readline``; never asks for
    the whole. ``name`` names the input in error messages.
    """
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{name}: line {number}"
        text = decode(raw, encoding=encoding, path=where)
        try:
            document = from_dict(parse_json(text), cls)
        except ValidationError as exc:
            raise ValidationError.at(where, str(exc)) from None
        yield number, document


def _check_encoding(encoding: str | None, name: str) -> None:
    if encoding is None:
        return
    decode(b"", encoding=encoding, path=name)  # refuses an encoding Python does not know
    if codecs.lookup(encoding).encode("\n")[0] != b"\n":
        raise ValidationError.at(
            name,
            f"cannot be read as JSON Lines in {encoding}: a line break there is not the one "
            "byte \\n; save the file as UTF-8, or leave out --jsonl",
        )
