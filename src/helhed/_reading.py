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
* [`loads`][helhed._reading.loads] reads JSON text:
  [`MAX_DIGITS`][helhed._reading.MAX_DIGITS] and [`MAX_DEPTH`][helhed._reading.MAX_DEPTH] bound
  numbers and nesting, far above anything a helhed document holds and far below where Python
  itself gives up. [`loads_toml`][helhed._reading.loads_toml] reads TOML text (protocol and
  scenario files) within the same bounds.
  [`loads_plain`][helhed._reading.loads_plain] parses faster (with orjson where installed)
  for a reader that accepts only plain values and checks their bounds itself.

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
import importlib
import json
import math
import re
import tomllib
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from helhed.errors import Problem, ValidationError

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "PLAIN_INT",
    "check_text",
    "decode",
    "loads",
    "loads_plain",
    "loads_toml",
    "read_file",
    "text_of",
]

_T = TypeVar("_T")

_ORJSON: Callable[[str], Any] | None
try:  # an optional speed-up (the fast extra); see loads_plain
    _ORJSON = importlib.import_module("orjson").loads
except ImportError:  # pragma: no cover - the tests run with and without it
    _ORJSON = None

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
    if text.isascii():  # a surrogate is not ASCII
        return text
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


class _Refused:
    """What the JSON reader puts in place of a number or constant helhed refuses.

    The walk after parsing finds it and reports its path; the value itself is not kept.
    """

    __slots__ = ("why",)

    def __init__(self, why: str) -> None:
        self.why = why


_NOT_FINITE = _Refused("must be a finite number (NaN and Infinity are not JSON numbers)")
_TOO_LONG = _Refused(f"must be a number of at most {MAX_DIGITS} digits")
_TOO_LARGE = _Refused("must be a number small enough to be read as a decimal number")
# A JSON string, to skip; an unclosed one runs to the end of the text.
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"?'
_STRINGS = re.compile(_STRING, re.DOTALL)
_NESTING = re.compile(rf"{_STRING}|[\[{{]|[\]}}]", re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = MappingProxyType({"[": 1, "{": 1, "]": -1, "}": -1})
_LONG_DIGITS = re.compile(rf"[0-9]{{{MAX_DIGITS + 1}}}")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _parse_long_int(digits: str) -> int | _Refused:
    if len(digits) - digits.startswith("-") > MAX_DIGITS:
        return _TOO_LONG
    return int(digits)


def _parse_float(number: str) -> float | _Refused:
    if sum(c.isdigit() for c in number) > MAX_DIGITS:
        return _TOO_LONG
    value = float(number)
    return value if math.isfinite(value) else _TOO_LARGE


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before Python's reader recurses into it.

    The depth is counted over the brackets outside strings; only when it is too deep is the
    text walked again, token by token, to say where.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    brackets = _NOT_BRACKET.sub("", _STRINGS.sub("", text))
    if max(accumulate(map(_STEP.__getitem__, brackets)), default=0) <= MAX_DEPTH:
        return
    depth = 0
    for token in _NESTING.finditer(text):  # pragma: no branch - it is too deep somewhere
        mark = token.group()
        depth += _STEP.get(mark, 0)
        if depth > MAX_DEPTH:
            at = token.start()
            line = text.count("\n", 0, at) + 1
            column = at - text.rfind("\n", 0, at)
            raise ValidationError.at(
                "",
                f"nests arrays and objects more than {MAX_DEPTH} deep (line {line}, "
                f"column {column}); a helhed document needs far fewer",
            )


def _check_values(data: Any) -> None:
    """Report every refused number and every string with a lone surrogate, by path."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Refused):
            problems.append(Problem(path, value.why))
        elif isinstance(value, str):
            _check_string(value, path, problems)
        elif isinstance(value, dict):
            for key, item in value.items():
                inner = f"{path}.{key}" if path else key
                if _has_surrogate(key):
                    problems.append(Problem(path, "has a field name that holds a lone surrogate"))
                    inner = f"{path}.?" if path else "?"
                stack.append((inner, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: p.path))


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _check_string(text: str, path: str, problems: list[Problem]) -> None:
    try:
        check_text(text, path=path)
    except ValidationError as exc:
        problems.extend(exc.problems)


class _Unusual(Exception):  # noqa: N818 - not an error: a signal to take the full path
    """Raised while parsing by the hooks of the quick reader at anything ``loads`` refuses."""


def _quick_int(digits: str) -> int:
    if len(digits) > MAX_DIGITS:  # perhaps too long (a sign is not a digit): the full path says
        raise _Unusual
    return int(digits)


def _quick_float(number: str) -> float:
    value = _parse_float(number)
    if isinstance(value, _Refused):
        raise _Unusual
    return value


def _quick_constant(_: str) -> Any:
    raise _Unusual


# Python's JSON reader with hooks that stop at any number or constant ``loads`` refuses.
_QUICK: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(
    parse_int=_quick_int, parse_float=_quick_float, parse_constant=_quick_constant
).scan_once  # type: ignore[attr-defined]  # the C scanner, not in the stubs


def loads(text: str) -> Any:
    """Parse checked JSON text into plain Python values, refusing what helhed does not read.

    Refused, each with where it was found: nesting deeper than ``MAX_DEPTH`` (line and
    column), numbers of more than ``MAX_DIGITS`` digits or too large for a float, ``NaN`` and
    ``Infinity``, and strings or field names holding a lone surrogate (the path in the
    document).

    Text within the bounds, with no escaped surrogate and nothing around its one value, is
    read by one call of Python's reader whose hooks stop at any number or constant refused
    here; everything else, and every refusal, takes the path that finds and reports it.

    Raises:
        ValidationError: If the text is not JSON or is refused; never the value.
    """
    _check_depth(text)
    if "\\u" not in text or not _ESCAPED_SURROGATE.search(text):
        try:
            data, end = _QUICK(text, 0)
        except (_Unusual, StopIteration, ValueError):  # JSONDecodeError is a ValueError
            pass
        else:
            if end == len(text):
                return data
    return _loads_reporting(text)


def _loads_reporting(text: str) -> Any:
    """``loads`` for text the quick reader stopped at: parse it, and report what is refused."""
    refused: list[_Refused] = []

    def kept(value: _T) -> _T:
        if isinstance(value, _Refused):
            refused.append(value)
        return value

    long_digits = _LONG_DIGITS.search(text) is not None
    try:
        data = json.loads(
            text,
            parse_int=(lambda digits: kept(_parse_long_int(digits))) if long_digits else None,
            parse_float=lambda number: kept(_parse_float(number)),
            parse_constant=lambda _: kept(_NOT_FINITE),
        )
    except json.JSONDecodeError as exc:
        raise ValidationError.at(
            "", f"is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    if refused or _ESCAPED_SURROGATE.search(text):
        _check_values(data)
    return data


PLAIN_INT = 10**MAX_DIGITS
"""Whole numbers ``loads`` reads lie strictly between ``-PLAIN_INT`` and ``PLAIN_INT``.

[`loads_plain`][helhed._reading.loads_plain] leaves its caller to check this bound.
"""

# Python's JSON reader as json.loads uses it: every number and constant read in C.
_PLAIN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def loads_plain(text: str) -> Any:
    r"""Parse checked JSON text quickly, for a reader that takes plain values only.

    Only for a caller that accepts nothing but strings, ``int`` numbers strictly between
    ``-PLAIN_INT`` and ``PLAIN_INT``, true, false, null, lists and objects, in shapes far
    shallower than ``MAX_DEPTH``, and that takes [`loads`][helhed._reading.loads] for anything
    else. On such values this agrees with ``loads``; what ``loads`` refuses either raises here
    or comes out as a value such a caller refuses: a number too long (an ``int`` beyond the
    bound, or orjson's float for one beyond 64 bits), ``NaN`` and ``Infinity`` (floats, or
    orjson's error). Text with a ``\u`` escape goes to ``loads``, which reports an escaped lone
    surrogate; so does text with anything after its one value, even a space.

    With orjson installed (``pip install 'helhed[fast]'``) it parses the text; else Python's
    reader does, as ``json.loads`` would, with no hook.

    Raises:
        ValueError: If the text is not JSON (orjson's or Python's error).
        StopIteration: Without orjson, if no JSON value starts at the first character.
        ValidationError: If it nests deeper than ``MAX_DEPTH`` (without orjson; orjson has
            a deeper limit of its own), or as ``loads``, for text that goes to it.
    """
    if "\\u" in text:
        return loads(text)
    if _ORJSON is not None:
        return _ORJSON(text)
    _check_depth(text)
    data, end = _PLAIN(text, 0)
    return data if end == len(text) else loads(text)


_TOML_WHERE = re.compile(r"\(at (line \d+, column \d+|end of document)\)")
_TOO_DEEP = f"nests arrays and tables more than {MAX_DEPTH} deep; a helhed document needs far fewer"


_NOT_FINITE_TOML = _Refused("must be a finite number (nan and inf are not numbers helhed reads)")


def _toml_float(number: str) -> float | _Refused:
    if number.lstrip("+-") in {"nan", "inf"}:
        return _NOT_FINITE_TOML
    return _parse_float(number)


def loads_toml(text: str) -> Any:
    """Parse checked TOML text into plain Python values, within the bounds of ``loads``.

    Refused: text that is not TOML (with line and column), nesting deeper than ``MAX_DEPTH``,
    whole numbers of more than ``MAX_DIGITS`` digits, ``nan`` and ``inf``, each by its path in
    the document where it has one.

    Raises:
        ValidationError: If the text is not TOML or is refused; never the value.
    """
    checked = check_text(text)
    try:
        data = tomllib.loads(checked, parse_float=_toml_float)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_WHERE.search(str(exc))
        where = "" if found is None else f" at {found.group(1)}"
        where = where.replace("end of document", "the end of the document")
        raise ValidationError.at("", f"is not TOML: it cannot be read{where}") from None
    except RecursionError:  # tomllib recurses into nested arrays and inline tables
        raise ValidationError.at("", _TOO_DEEP) from None
    except ValueError:  # Python's limit on the digits of a whole number read from text
        raise ValidationError.at("", _TOO_LONG.why) from None
    _check_toml(data)
    return data


def _check_toml(data: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH, and report refused numbers by path."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        path, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValidationError.at("", _TOO_DEEP)
        if isinstance(value, _Refused):
            problems.append(Problem(path, value.why))
        elif isinstance(value, int) and len(str(abs(value))) > MAX_DIGITS:
            problems.append(Problem(path, _TOO_LONG.why))
        elif isinstance(value, dict):
            stack.extend((f"{path}.{k}" if path else k, v, depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v, depth + 1) for i, v in enumerate(value))
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: p.path))
