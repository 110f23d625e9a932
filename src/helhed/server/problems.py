"""Errors as RFC 9457 problem details (``application/problem+json``).

Every refusal is one JSON object with ``type``, ``title``, ``status`` and ``detail``; a refusal
of the body's content adds ``errors``, one per problem, each with the ``detail``, the helhed
``path`` (as in a ValidationError) and the ``pointer`` into the request body (RFC 6901, in its
URI fragment form as RFC 9457's own example writes it, so a space is ``%20``). No message holds
a value from the request: the library's messages never do, and the problems here are built from
them alone. A key is part of a path, so a key that is not a field is named, quoted and cut short
as every helhed error names one.

Examples:
    >>> pointer("citizens[3].health['sick days']")
    '#/citizens/3/health/sick%20days'
    >>> pointer("")
    '#'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from helhed._validation import Checker
from helhed.errors import Problem, require

__all__ = ["MEDIA_TYPE", "PROBLEM_SCHEMA", "TYPES", "pointer", "problem"]

MEDIA_TYPE = "application/problem+json"

TYPES = {
    400: ("urn:helhed:problem:bad-request", "The request cannot be read"),
    404: ("urn:helhed:problem:not-found", "Not found"),
    405: ("urn:helhed:problem:method-not-allowed", "Method not allowed"),
    413: ("urn:helhed:problem:body-too-large", "The body is too large"),
    415: ("urn:helhed:problem:unsupported-media-type", "The body must be JSON"),
    422: ("urn:helhed:problem:invalid-request", "The request is not what the operation takes"),
    500: ("urn:helhed:problem:defect", "A defect in helhed"),
}
"""Per status: the problem type (a URN, as there is no page to point to) and its title."""

_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")
_FRAGMENT_SAFE = "-._~!$&'()*+,;=:@"
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "'": "'", "\\": "\\"}

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A problem detail (RFC 9457).",
    "properties": {
        "type": {"type": "string", "description": "What kind of problem, as a URN."},
        "title": {"type": "string", "description": "The kind of problem, in words."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "This problem, in words."},
        "errors": {
            "type": "array",
            "description": "Every problem of the body, each where it is.",
            "items": {
                "type": "object",
                "properties": {
                    "detail": {"type": "string"},
                    "path": {"type": "string", "description": "helhed's path, as in errors."},
                    "pointer": {"type": "string", "description": "A JSON pointer fragment."},
                },
                "required": ["detail", "path", "pointer"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
    "additionalProperties": False,
}
"""The JSON Schema of every refusal."""


def pointer(path: str) -> str:
    """The JSON pointer fragment of a helhed path: ``citizens[3].id`` -> ``#/citizens/3/id``.

    A key helhed shortened in its path (a very long one) is pointed to as shortened.

    Raises:
        ValidationError: If ``path`` is not text.
    """
    require(path, str, "path", "must be text")
    steps: list[str] = []
    at = 0
    while at < len(path):
        found = _STEP.match(path, at)
        if found is None:  # not a path helhed writes: point at the body as a whole
            return "#"
        name, index, key = found.groups()
        step = name or index or re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), key or "")
        steps.append(quote(step.replace("~", "~0").replace("/", "~1"), safe=_FRAGMENT_SAFE))
        at = found.end()
    return "#" + "".join(f"/{s}" for s in steps)


def problem(status: int, detail: str, problems: Sequence[Problem] = ()) -> dict[str, Any]:
    """The problem detail of a refusal with ``status``, and the body's problems if any.

    Raises:
        ValidationError: If ``status`` is not one of ``TYPES``, ``detail`` not text or
            ``problems`` not a sequence of Problem.
    """
    check = Checker()
    known = any(status == code for code in TYPES)  # by ==, so an unhashable value is refused too
    check.expect(known, "status", f"must be one of {', '.join(map(str, TYPES))}")
    check.text(detail, "detail")
    check.each(problems, Problem, "problems")
    check.done()
    kind, title = TYPES[status]
    body: dict[str, Any] = {"type": kind, "title": title, "status": status, "detail": detail}
    if problems:
        body["errors"] = [
            {"detail": p.message, "path": p.path, "pointer": pointer(p.path)} for p in problems
        ]
    return body
