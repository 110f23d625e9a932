r"""Protocols read from files: a protocol document as JSON or as TOML, every problem by path.

A protocol document is the JSON form of a [`Protocol`][helhed.rules.Protocol] that
[`helhed.serialization`][helhed.serialization] writes (``to_json(protocol)``); see
docs/protocols.md, "A protocol as a document". The same document may be written in TOML,
read with the standard library's ``tomllib``: its tables and arrays are JSON's objects and
lists. TOML has no null, so a field that would be null is left out and takes its default;
every field that may be null has null as its default, except ``same`` of a ``within`` rule
(``referral_id`` by default), which a TOML document cannot set to null - write such a
protocol as JSON. TOML's dates and floating-point numbers are refused like any other value of
the wrong type: a protocol document holds neither.

The file's suffix says how it is read: ``.json`` or ``.toml``.

Examples:
    >>> from helhed.protocols import protocol
    >>> from helhed.serialization import to_json
    >>> data = parse_protocol(to_json(protocol("halsnaes")), suffix=".json")
    >>> validate_protocol(data)
    []
    >>> data["rules"][1]["days"] = -7
    >>> [str(p) for p in validate_protocol(data)]
    ['rules[1].days: must be 0 or more']
    >>> parse_protocol('schema_version = 3\nid = "x"\nrules = ]', suffix=".toml")
    Traceback (most recent call last):
    ...
    helhed.errors.ValidationError: is not TOML: it cannot be read at line 3, column 9
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from helhed._reading import decode, loads, loads_toml, text_of
from helhed.errors import Problem, ValidationError
from helhed.rules import Protocol
from helhed.serialization import from_dict

__all__ = [
    "SUFFIXES",
    "parse_protocol",
    "protocol_file_problems",
    "read_protocol",
    "read_protocol_data",
    "validate_protocol",
]

SUFFIXES = (".json", ".toml")
"""The suffixes of protocol files helhed reads, each read as its format."""


def parse_protocol(text: str | bytes, *, suffix: str = ".json", encoding: str | None = None) -> Any:
    """Parse the text of a protocol file into plain values, not yet a protocol.

    Args:
        text: The file's text, or its bytes.
        suffix: ``.json`` or ``.toml``: how to read it.
        encoding: The encoding of bytes; None reads UTF-8, with or without a byte-order mark.

    Raises:
        ValidationError: If the suffix is neither, the bytes are not text, or the text is not
            JSON or TOML; the message gives line and column, never the text.
    """
    if suffix not in SUFFIXES:
        raise ValidationError.at("", f"must be a file ending in {' or '.join(SUFFIXES)}")
    checked = text_of(text, encoding=encoding)
    if suffix == ".json":
        return loads(checked)
    return loads_toml(checked)


def read_protocol_data(path: str | os.PathLike[str], *, encoding: str | None = None) -> Any:
    """The plain values in the protocol file at ``path``, read as its suffix says.

    Raises:
        ValidationError: If ``path`` is not a path or has another suffix, or as
            [`parse_protocol`][helhed.protocol_files.parse_protocol]; a problem of the file
            as a whole is at the file's path, one within the document at its own path.
        OSError: If the file cannot be opened or read; the caller reports it.
    """
    try:
        file = Path(path)
    except TypeError:
        raise ValidationError.at("path", "must be a file path") from None
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError.at(str(path), f"must be a file ending in {' or '.join(SUFFIXES)}")
    text = decode(file.read_bytes(), encoding=encoding, path=str(path))
    try:
        return parse_protocol(text, suffix=suffix)
    except ValidationError as exc:  # a problem of the whole file is at the file's path
        problems = [Problem(p.path or str(path), p.message) for p in exc.problems]
        raise ValidationError(problems) from None


def validate_protocol(data: object) -> list[Problem]:
    """Every problem of a protocol document given as plain values, by path; empty if none.

    A problem of a field's form (a wrong type, an unknown code or key, a field missing) is
    found first; what a rule kind demands of values of the right form (``days`` 0 or more,
    ``same`` a field of an event) is found in each rule and match whose fields have their form.
    """
    try:
        from_dict(data, Protocol)
    except ValidationError as exc:
        return list(exc.problems)
    return []


def read_protocol(path: str | os.PathLike[str], *, encoding: str | None = None) -> Protocol:
    """The protocol in the JSON or TOML file at ``path`` (by its suffix).

    Raises:
        ValidationError: If the file is not JSON or TOML, or not a valid protocol document;
            every problem is listed by its path in the document.
        OSError: If the file cannot be opened or read; the caller reports it.
    """
    return from_dict(read_protocol_data(path, encoding=encoding), Protocol)


def protocol_file_problems(
    path: str | os.PathLike[str], *, encoding: str | None = None
) -> list[Problem]:
    """Every problem of the protocol file at ``path``: empty if it reads as a protocol.

    A file that cannot be read as JSON or TOML gives that one problem; otherwise the
    problems of [`validate_protocol`][helhed.protocol_files.validate_protocol].

    Raises:
        OSError: If the file cannot be opened or read; the caller reports it.
    """
    try:
        data = read_protocol_data(path, encoding=encoding)
    except ValidationError as exc:
        return list(exc.problems)
    return validate_protocol(data)
