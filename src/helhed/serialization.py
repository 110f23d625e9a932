"""The JSON form of every helhed document, defined by one cattrs converter.

* Dates are ``YYYY-MM-DD`` strings; enums are their stable Danish codes; sets are lists sorted
  by code; tuples are lists. Nothing is coerced: ``"3"`` is not an int, ``1`` is not a bool.
* Every top-level document carries ``schema_version``; documents from older versions keep
  loading through the registered upgrades ([`UPGRADES`][helhed.serialization.UPGRADES]),
  documents from newer ones are refused with a clear error.
* Bad input raises [`ValidationError`][helhed.errors.ValidationError] listing every bad field
  by path (``health.challenges[0].domain``) and why - never the value, which may be health
  data.

Examples:
    >>> from helhed.benefits import Benefit
    >>> from helhed.citizens import Citizen
    >>> text = to_json(Citizen(id="c-1", benefit=Benefit.FLEX_JOB))
    >>> text[:60]
    '{"schema_version": 3, "id": "c-1", "benefit": "fleksjob", "s'
    >>> from_json(text, Citizen) == Citizen(id="c-1", benefit=Benefit.FLEX_JOB)
    True
    >>> from_json('{"schema_version": 3, "id": "", "benefit": "fleks"}', Citizen)
    Traceback (most recent call last):
    ...
    helhed.errors.ValidationError: benefit: unknown Benefit code; expected one of: ...
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from helhed._converter import (
    BASIS_TAG,
    CONDITION_TAG,
    DATE_PATTERN,
    EVENT_TAG,
    RULE_TAG,
    FieldError,
    make_converter,
    problems_of,
    structure_time,
)
from helhed._reading import loads, loads_plain, text_of
from helhed._specialise import Specialiser
from helhed.benefits import BenefitRules
from helhed.citizens import Citizen
from helhed.errors import (
    Problem,
    UnknownNameError,
    ValidationError,
    quoted,
)
from helhed.models.catalogue import Catalogue
from helhed.models.readiness import MunicipalityProfile, Readiness
from helhed.organisation import (
    CaseworkerHistory,
    ContinuityReport,
    CoordinatingCaseworkerRight,
    Team,
)
from helhed.pathways.compliance import ComplianceReport
from helhed.pathways.pathway import Pathway
from helhed.rules import Protocol
from helhed.sickness import SicknessAssessment
from helhed.target_groups import Assessment

__all__ = [
    "BASIS_TAG",
    "CONDITION_TAG",
    "DATE_PATTERN",
    "DOCUMENTS",
    "EVENT_TAG",
    "FIRST_VERSIONS",
    "RULE_TAG",
    "SCHEMA_VERSION",
    "UPGRADES",
    "document_name",
    "from_dict",
    "from_dicts",
    "from_json",
    "make_converter",
    "parse_json",
    "read_value",
    "to_dict",
    "to_json",
    "to_value",
]

T = TypeVar("T")

SCHEMA_VERSION = 3
"""The schema version this release writes, for every document type.

Version 2 gave every event its recording time (``recorded_on``, ``recorded_at``,
``recorder``) and a disclosure its ``source`` and ``legal_basis``; it added consents with an
end date (``ends_on``) and the annulment of events entered in error. Version 3 marks each
finding of a compliance report with ``reading``: whether the rule broken is helhed's reading
of its source rather than the source's words.
"""

DOCUMENTS: Mapping[str, type] = MappingProxyType(
    {
        "citizen": Citizen,
        "assessment": Assessment,
        "benefit-rules": BenefitRules,
        "sickness-assessment": SicknessAssessment,
        "caseworker-history": CaseworkerHistory,
        "caseworker-right": CoordinatingCaseworkerRight,
        "continuity-report": ContinuityReport,
        "team": Team,
        "pathway": Pathway,
        "compliance-report": ComplianceReport,
        "municipality-profile": MunicipalityProfile,
        "readiness": Readiness,
        "catalogue": Catalogue,
        "protocol": Protocol,
    }
)
"""The top-level document types, by the name ``helhed schema NAME`` knows them by."""

_NAMES = {cls: name for name, cls in DOCUMENTS.items()}

FIRST_VERSIONS: Mapping[str, int] = MappingProxyType({"protocol": 3})
"""The first schema version of each document type that did not exist at version 1.

A protocol document was first written at version 3; a document claiming an older version
was not written by helhed and is refused rather than upgraded.
"""

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
"""An upgrade: the dict of a document of one version to the dict of the next.

It raises [`ValidationError`][helhed.errors.ValidationError], with paths within the document,
when the older document does not say enough to be read as the newer version.
"""


def _upgrade_events_1(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2 of a pathway: recording time and the source of disclosures.

    Version 1 knew only when an event happened, so it was recorded then: ``recorded_on`` is
    left out (the day it happened) and ``recorded_at`` is ``at`` (a malformed ``at`` is
    reported at its own path only). A version 1 disclosure passed information
    "from the recording administration to another", so its source is the administration that
    recorded it - unless that is the receiver, when version 1 cannot say where the
    information came from and the document is refused at that event. A ``source`` already
    given is kept.
    """
    events = document.get("events")
    if not isinstance(events, list):
        return document  # the converter reports the wrong shape
    problems: list[Problem] = []
    upgraded: list[Any] = []
    for i, event in enumerate(events):
        if not isinstance(event, dict):
            upgraded.append(event)
            continue
        new = dict(event)
        if _is_time(new.get("at")):  # a bad time is reported once, at "at"
            new.setdefault("recorded_at", new["at"])
        if new.get(EVENT_TAG) == "oplysninger_videregivet" and "source" not in new:
            if new.get("recorded_by") == new.get("to"):
                problems.append(
                    Problem(
                        f"events[{i}].source",
                        "is not known: a version 1 disclosure recorded by the administration "
                        "that received it does not say where it came from; add the "
                        "administration that held the information as source",
                    )
                )
            else:
                new["source"] = new.get("recorded_by")
        upgraded.append(new)
    if problems:
        raise ValidationError(problems)
    return {**document, "events": upgraded}


def _is_time(value: object) -> bool:
    try:
        structure_time(value, dt.time)
    except FieldError:
        return False
    return True


def _same(document: dict[str, Any]) -> dict[str, Any]:
    """An upgrade for a document whose form did not change."""
    return document


UPGRADES: Mapping[tuple[str, int], Upgrade] = MappingProxyType(
    {
        **{
            (name, 1): _same
            for name in DOCUMENTS
            if name != "pathway"
            if name not in FIRST_VERSIONS
        },
        ("pathway", 1): _upgrade_events_1,
        **{(name, 2): _same for name in DOCUMENTS if FIRST_VERSIONS.get(name, 1) <= 2},
    }
)
"""The registered upgrades, by (document name, the version they read).

A document of an older version goes through each upgrade in turn up to
[`SCHEMA_VERSION`][helhed.serialization.SCHEMA_VERSION], then is read as that version.
Version 1 of every document but the pathway reads unchanged as version 2, and every
version 2 document reads unchanged as version 3: a version 2 finding did not mark readings, so
it reads with ``reading`` false, as its report stated it.
"""

_CONVERTER = make_converter()
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) uses


def _specialise() -> tuple[dict[type, Callable[[Any], str]], dict[type, Callable[[Any], Any]]]:
    """A writer and a reader of each document type whose fields are all plain.

    The writer gives the text ``json.dumps(to_dict(document), ensure_ascii=False)`` gives;
    the reader takes such a document, of this version, as ``from_dict`` does. Each raises for
    anything outside its plain case, and then the converter's own path is taken: they never
    change what is accepted, what is written or what an error says (see ``Specialiser``).
    """
    specialiser = Specialiser()
    stems = {cls: stem for cls in DOCUMENTS.values() if (stem := specialiser.cls(cls))}
    head = f'"schema_version": {SCHEMA_VERSION}, '
    for stem in stems.values():
        specialiser.lines += specialiser.writer(stem, f"W{stem}", head)
        specialiser.lines += specialiser.reader(
            stem, f"R{stem}", ("schema_version", SCHEMA_VERSION)
        )
    names = dict(specialiser.names)
    exec(specialiser.source(), names)  # noqa: S102 - the source Specialiser wrote from field types
    writers = {cls: names[f"W{stem}"] for cls, stem in stems.items()}
    return writers, {cls: names[f"R{stem}"] for cls, stem in stems.items()}


_WRITERS, _READERS = _specialise()


def document_name(cls: type) -> str:
    """The document name of a top-level type (``Citizen`` -> ``citizen``).

    Raises:
        UnknownNameError: If ``cls`` is not a top-level document type.
    """
    try:
        return _NAMES[cls]
    except (KeyError, TypeError):
        msg = f"{quoted(getattr(cls, '__name__', None))} is not a top-level document type"
        raise UnknownNameError(msg) from None


def to_dict(document: object) -> dict[str, Any]:
    """Unstructure a top-level document to JSON-ready data, with ``schema_version`` first.

    Raises:
        UnknownNameError: If ``document`` is not of a top-level document type.
    """
    document_name(type(document))
    data = _CONVERTER.unstructure(document)
    return {"schema_version": SCHEMA_VERSION, **data}


def from_dict(data: object, cls: type[T], *, path: str = "") -> T:
    """Structure JSON data into a document of type ``cls``.

    Args:
        data: Parsed JSON, e.g. from ``json.loads``.
        cls: A top-level document type from [`DOCUMENTS`][helhed.serialization.DOCUMENTS].
        path: Prefix for the paths in error messages, e.g. ``citizens[3]``.

    Raises:
        ValidationError: Listing every bad field, by path.
    """
    name = document_name(cls)
    read = _READERS.get(cls)
    if read is not None:
        try:
            return read(data)  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001, S110 - not plain: the path below reads it or says why
            pass
    if not isinstance(data, dict):
        raise ValidationError.at(path, "must be a JSON object")
    fields = dict(data)
    version = fields.pop("schema_version", None)
    version_path = f"{path}.schema_version" if path else "schema_version"
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationError.at(version_path, "is required and must be a whole number")
    first = FIRST_VERSIONS.get(name, 1)
    if version > SCHEMA_VERSION or version < 1:
        raise ValidationError.at(
            version_path,
            "is not a supported version; this release reads "
            + (
                f"versions {first} to {SCHEMA_VERSION}"
                if first < SCHEMA_VERSION
                else f"version {SCHEMA_VERSION}"
            ),
        )
    if version < first:
        raise ValidationError.at(
            version_path,
            f"is not a supported version; {name} documents start at version {first}",
        )
    try:
        while version < SCHEMA_VERSION:
            fields = UPGRADES[(name, version)](fields)
            version += 1
        return _CONVERTER.structure(fields, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
        raise ValidationError(problems_of(exc, path)) from None


def from_dicts(data: object, cls: type[T], *, path: str = "") -> list[T]:
    """Structure a JSON list of documents of type ``cls``, every bad item's problems together.

    Args:
        data: Parsed JSON: a list of documents.
        cls: A top-level document type from [`DOCUMENTS`][helhed.serialization.DOCUMENTS].
        path: Prefix for the paths in error messages; an item's is ``PATH[i]``.

    Raises:
        ValidationError: If ``data`` is not a list, or listing every problem of every item.
    """
    if not isinstance(data, list):
        raise ValidationError.at(path, f"must be a list of {document_name(cls)} documents")
    items: list[T] = []
    problems: list[Problem] = []
    for i, item in enumerate(data):
        try:
            items.append(from_dict(item, cls, path=f"{path}[{i}]"))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return items


def read_value(data: object, t: Any, *, path: str) -> Any:
    """Structure JSON data into a value of type ``t`` that is not a document of its own.

    For the parts of a request that stand beside documents - a date, a code, a yes or no - read
    by the same rules as the fields of a document, e.g. ``read_value("2026-12-04", dt.date,
    path="on")``.

    Raises:
        ValidationError: Naming ``path`` (and the path within it) and what was expected.
    """
    try:
        return _CONVERTER.structure(data, t)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
        raise ValidationError(problems_of(exc, path)) from None


def to_value(value: object) -> Any:
    """Unstructure any value the converter knows to JSON-ready data, as inside a document.

    Decimal numbers are left as ``Decimal``; the writer decides how to write them.
    """
    return _CONVERTER.unstructure(value)


def to_json(document: object, *, indent: int | None = None) -> str:
    """Serialise a top-level document to a JSON string (UTF-8 text, Danish letters kept)."""
    if indent is None:
        write = _WRITERS.get(type(document))
        if write is not None:
            try:
                return write(document)
            except Exception:  # noqa: BLE001, S110 - not plain: the path below writes it or says why
                pass
        return _ENCODER.encode(to_dict(document))
    return json.dumps(to_dict(document), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, cls: type[T], *, encoding: str | None = None) -> T:
    """Parse JSON text, or bytes, into a document of type ``cls``.

    Args:
        text: The JSON, as text or as bytes (see [`parse_json`][helhed.serialization.parse_json]).
        cls: A top-level document type from [`DOCUMENTS`][helhed.serialization.DOCUMENTS].
        encoding: The encoding of bytes; None reads UTF-8, with or without a byte-order mark.

    Raises:
        ValidationError: If the text is not JSON, or not a valid document.
    """
    checked = text_of(text, encoding=encoding)
    try:
        read = _READERS.get(cls)
    except TypeError:  # not a class: from_dict says so
        read = None
    if read is not None:
        try:
            return read(loads_plain(checked))  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001, S110 - not plain: the path below reads it or says why
            pass
    return from_dict(loads(checked), cls)


def parse_json(text: str | bytes, *, encoding: str | None = None) -> Any:
    r"""Parse JSON text into plain Python values, not yet a document.

    Bytes are decoded by one rule for every reader: UTF-8 with or without a byte-order mark,
    or ``encoding`` if given. Refused, each with the place it was found: text that cannot be
    decoded (the byte's offset), a lone surrogate (also as a ``\ud800`` escape), nesting
    deeper than 64 arrays and objects, a number of more than 100 digits or too large for a
    decimal number, and ``NaN`` and ``Infinity``. See docs/json.md, "What the reader accepts".

    Raises:
        ValidationError: If the text is not JSON or is refused; the message gives line and
            column, or the path in the document, and never the value.
    """
    return loads(text_of(text, encoding=encoding))
