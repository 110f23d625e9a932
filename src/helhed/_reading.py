r"""The one boundary where bytes and text from outside become text helhed reads.

Every reader - JSON documents, the catalogue CSV, the command line's files - turns its input
into text here, so each refuses the same things the same way: with a
[`ValidationError`][helhed.errors.ValidationError] naming where and what was expected, never
the bytes or characters themselves (they may be health data).

* Bytes are UTF-8 by default, with or without a byte-order mark. Another encoding is used only
  when it is given (``encoding="cp1252"`` for a CSV file saved from Danish Excel): helhed never
  guesses an encoding, because a wrong guess reads "Sønderborg" as "SÃ¸nderborg" without a word.
* Text may not hold a lone surrogate (half of a UTF-16 pair, ``\ud800``): Python lets such a
  string exist, but no encoding can write it, so a document holding one could be read and
  never saved.
* [`MAX_DIGITS`][helhed._reading.MAX_DIGITS] and [`MAX_DEPTH`][helhed._reading.MAX_DEPTH] bound
  numbers and nesting, far above anything a helhed document holds and far below where Python
  itself gives up.

Examples:
    >>> decode("Sønderborg".encode())
    'Sønderborg'
    >>> decode(b"\xef\xbb\xbf" + "Sønderborg".encode())
    'Sønderborg'
    >>> decode("Sønderborg".encode("cp1252"), encoding="cp1252")
    'Sønderborg'
    >>> decode("Sønderborg".encode("cp1252"), path="borgere.csv")
    Traceback (most recent call last):
    ...
    helhed.errors.ValidationError: borgere.csv: is not UTF-8 text: byte 1 cannot be read as ...
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from helhed.errors import ValidationError

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "check_text", "decode", "read_file", "text_of"]

MAX_DIGITS = 100
"""The most digits a number may have when helhed reads it (JSON numbers, CSV cells).

helhed's whole numbers are counts of days, weeks, seats and hours and schema versions: none
needs more than a handful of digits. 100 leaves room for any identifier-like number a caller
might keep, and stays far below Python's own limit of 4,300 digits for turning text into an
int, where reading would fail with a bare ``ValueError``. (helhed's choice.)
"""

MAX_DEPTH = 64
"""The deepest nesting of JSON arrays and objects helhed reads.

helhed's documents nest arrays and objects a few levels deep (a citizen's health challenges
are the fourth); 64 leaves room for lists of documents inside other JSON, and stays far below the
depth (about 1,000) where Python's JSON reader fails with ``RecursionError``. (helhed's choice.)
"""

_BOM = "\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_ADVICE = (
    "give the file's encoding (--encoding on the command line, encoding= in Python), "
    "e.g. cp1252 for a file saved from Excel"
)


def decode(data: bytes, *, encoding: str | None = None, path: str = "") -> str:
    """The text of ``data``, checked.

    Args:
        data: The bytes, e.g. a file's whole content.
        encoding: The encoding to use as given (any name Python knows: ``cp1252``,
            ``latin-1``, ``utf-16``). None reads UTF-8, with or without a byte-order mark.
            A leading byte-order mark is dropped in every encoding.
        path: Where the bytes came from, e.g. a file name; the path of any problem.

    Raises:
        ValidationError: At ``path``, if the encoding is not one Python knows, if the bytes
            cannot be read in it (the message gives the first bad byte's offset, counted from 0,
            and the encoding tried), or if the text holds a lone surrogate. Never the bytes.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ValidationError.at(path, "must be bytes")
    name = "utf-8" if encoding is None else encoding
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise ValidationError.at(
            path, "names an encoding this Python does not know (try utf-8, cp1252 or latin-1)"
        ) from None
    if encoding is None and bytes(data[:2]) in _UTF16_BOMS:
        raise ValidationError.at(
            path,
            "starts with a UTF-16 byte-order mark but is read as utf-8; save it as UTF-8 or "
            "give its encoding (--encoding utf-16 on the command line, encoding= in Python)",
        )
    try:
        text = codec.decode(bytes(data), "strict")[0]
    except UnicodeError as exc:
        start = exc.start if isinstance(exc, UnicodeDecodeError) else 0
        raise ValidationError.at(
            path,
            f"is not {_label(codec.name)} text: byte {start} cannot be read as {codec.name}; "
            + _ADVICE,
        ) from None
    return check_text(text.removeprefix(_BOM), path=path)


def _label(name: str) -> str:
    return "UTF-8" if name == "utf-8" else name


def check_text(text: str, *, path: str = "") -> str:
    """``text`` itself, once checked that it holds no lone surrogate.

    Raises:
        ValidationError: At ``path``, giving the character's offset (counted from 0), never
            the text.
    """
    found = _SURROGATE.search(text)
    if found is not None:
        raise ValidationError.at(
            path,
            f"holds a lone surrogate at character {found.start()}, half of a UTF-16 pair that "
            "no encoding can write; the text is damaged",
        )
    return text


def text_of(data: object, *, encoding: str | None = None, path: str = "") -> str:
    """Text as given (checked), or bytes decoded by [`decode`][helhed._reading.decode].

    Raises:
        ValidationError: At ``path``, if ``data`` is neither text nor bytes, or as ``decode``
            and [`check_text`][helhed._reading.check_text].
    """
    if isinstance(data, str):
        return check_text(data.removeprefix(_BOM), path=path)
    if isinstance(data, bytes | bytearray | memoryview):
        return decode(bytes(data), encoding=encoding, path=path)
    raise ValidationError.at(path, "must be text or bytes")


def read_file(path: str | Path, *, encoding: str | None = None) -> str:
    """The checked text of the file at ``path``, as [`decode`][helhed._reading.decode] reads it.

    Problems are reported at the path as given.

    Raises:
        ValidationError: As ``decode``.
        OSError: If the file cannot be opened or read; the caller reports it.
    """
    return decode(Path(path).read_bytes(), encoding=encoding, path=str(path))
