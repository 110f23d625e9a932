"""Metadata on attrs fields: health information and non-blank text.

A field holding health information is declared ``attrs.field(repr=REDACT, metadata=SENSITIVE)``:
its value shows as ``<sensitive>`` in ``repr``, and the JSON Schema marks it
``x-helhed-sensitive``. A text field that must not be blank carries ``metadata=NON_BLANK``, so
the JSON Schema can say so; its constructor checks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

__all__ = [
    "NON_BLANK",
    "NON_BLANK_KEY",
    "REDACT",
    "SENSITIVE",
    "SENSITIVE_KEY",
    "is_non_blank",
    "is_sensitive",
]

SENSITIVE_KEY = "helhed.sensitive"
SENSITIVE: Mapping[str, bool] = MappingProxyType({SENSITIVE_KEY: True})

NON_BLANK_KEY = "helhed.non_blank"
NON_BLANK: Mapping[str, bool] = MappingProxyType({NON_BLANK_KEY: True})


def REDACT(_: object) -> str:  # noqa: N802 - reads as a constant in field declarations
    """Stand-in shown by ``repr`` for a sensitive value."""
    return "<sensitive>"


def is_sensitive(field: attrs.Attribute[object]) -> bool:
    """True if the attrs field is marked as holding health information."""
    return bool(field.metadata.get(SENSITIVE_KEY, False))


def is_non_blank(field: attrs.Attribute[object]) -> bool:
    """True if the attrs field is text that must not be blank."""
    return bool(field.metadata.get(NON_BLANK_KEY, False))
