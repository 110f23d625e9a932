"""Reading a WHO-5 ``QuestionnaireResponse``: the private half of helhed.screening.fhir.

Every function adds a [`Problem`][helhed.errors.Problem] naming the path (never the value)
of what it cannot read, and goes on, so that a response's problems are named together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from helhed._coded import CodedEnum
from helhed._values import whole_number
from helhed.errors import Problem
from helhed.screening import _kl_codes as kl

__all__ = [
    "COMMENT_LINK_ID",
    "LEGACY_DISPLAYS",
    "ORDINAL_VALUE_URL",
    "coded_extension",
    "extensions_of",
    "items",
]

ORDINAL_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"

LEGACY_DISPLAYS = {
    5: "Hele tiden (5)",
    4: "Det meste af tiden (4)",
    3: "Lidt mere end halvdelen af tiden (3)",
    2: "Lidt mindre end halvdelen af tiden (2)",
    1: "Lidt af tiden (1)",
    0: "På intet tidspunkt (0)",
}
_SCORE_OF_LEGACY = {display: value for value, display in LEGACY_DISPLAYS.items()}
_LINK_IDS = tuple(kl.ANSWER_CODES)
COMMENT_LINK_ID = kl.COMMENT_LINK_ID

_SYSTEMS = kl.both(kl.CODE_SYSTEM)

# KL's code system is not case-sensitive (KLToolsValueSets.fsh: ^caseSensitive = false).
_SCORE_OF_FOLDED_CODE = {
    link_id: {code.casefold(): known for code, known in by_code.items()}
    for link_id, by_code in kl.SCORE_OF_CODE.items()
}

E = TypeVar("E", bound=CodedEnum)


def _is_list(value: object) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def items(value: object, problems: list[Problem]) -> dict[str, int | None]:
    """The score of each WHO-5 item found, by linkId (None if bad)."""
    if not _is_list(value):
        problems.append(Problem("item", "must be a list of the answered items"))
        return dict.fromkeys(_LINK_IDS)
    assert isinstance(value, Sequence)  # noqa: S101 - narrowed by _is_list
    found: dict[str, int | None] = {}
    for i, item in enumerate(value):
        path = f"item[{i}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(path, "must be an object"))
            continue
        link_id = item.get("linkId")
        if link_id == COMMENT_LINK_ID:
            continue
        if not isinstance(link_id, str) or link_id not in _LINK_IDS:
            problems.append(Problem(f"{path}.linkId", "must be a linkId of a WHO-5 item"))
            continue
        if link_id in found:
            problems.append(Problem(f"{path}.linkId", "repeats an item answered before"))
            continue
        found[link_id] = _answer(item.get("answer"), f"{path}.answer", link_id, problems)
    return found


def _answer(  # noqa: PLR0911 - one return per way an answer can be unreadable
    answers: object, path: str, link_id: str, problems: list[Problem]
) -> int | None:
    number = _LINK_IDS.index(link_id) + 1
    if answers is None:
        problems.append(Problem(path, f"item {number} is missing; WHO-5 is not imputed"))
        return None
    if not _is_list(answers) or not answers:
        problems.append(Problem(path, "must be a list of one answer"))
        return None
    assert isinstance(answers, Sequence)  # noqa: S101 - narrowed by _is_list
    if len(answers) != 1:
        problems.append(Problem(path, "must hold exactly one answer; the item does not repeat"))
        return None
    answer = answers[0]
    if not isinstance(answer, Mapping):
        problems.append(Problem(f"{path}[0]", "must be an object"))
        return None
    coding = answer.get("valueCoding")
    if not isinstance(coding, Mapping):
        problems.append(Problem(f"{path}[0].valueCoding", "must be a Coding object"))
        return None
    path = f"{path}[0].valueCoding"
    if "code" in coding or "system" in coding:
        return _coded(coding, path, link_id, problems)
    return _legacy(coding, path, problems)


def _coded(
    coding: Mapping[Any, Any], path: str, link_id: str, problems: list[Problem]
) -> int | None:
    """KL's form: the score of the code from the item's value set; display and ordinal agree."""
    if coding.get("system") not in _SYSTEMS:
        problems.append(Problem(f"{path}.system", f"must be {kl.CODE_SYSTEM}"))
        return None
    code = coding.get("code")
    folded = _SCORE_OF_FOLDED_CODE[link_id]
    known = folded.get(code.casefold()) if isinstance(code, str) else None
    if known is None:
        problems.append(
            Problem(f"{path}.code", f"must be a code of the value set {kl.VALUE_SETS[link_id]}")
        )
        return None
    value, display = known
    given = coding.get("display")
    if given is not None and given != display:
        problems.append(Problem(f"{path}.display", "does not agree with the code"))
    ordinal = _ordinal(coding.get("extension"), path, problems) if "extension" in coding else None
    if ordinal is not None and ordinal[1] != value:
        problems.append(
            Problem(f"{path}.extension[{ordinal[0]}].valueDecimal", "does not agree with the code")
        )
    # A problem found refuses the whole response, so the value is only read when there is none.
    return value


def _legacy(coding: Mapping[Any, Any], path: str, problems: list[Problem]) -> int | None:
    """The form helhed wrote before: no code, the score in ``ordinalValue``, its own labels."""
    before = len(problems)
    ordinal = _ordinal(coding.get("extension"), path, problems)
    if ordinal is None:
        if len(problems) == before:  # readable, but without the ordinalValue this form needs
            problems.append(Problem(f"{path}.extension", "must hold exactly one ordinalValue"))
        return None
    value = ordinal[1]
    display = coding.get("display")
    if display is None:
        return value
    if not isinstance(display, str):
        problems.append(Problem(f"{path}.display", "must be a string"))
        return None
    if _SCORE_OF_LEGACY.get(display, value) != value:
        problems.append(Problem(f"{path}.display", "names another answer than the ordinalValue"))
        return None
    return value


def _ordinal(extensions: object, path: str, problems: list[Problem]) -> tuple[int, int] | None:
    """``(index, score)`` of the one ordinalValue; None without one, or with a problem recorded."""
    if not _is_list(extensions):
        problems.append(Problem(f"{path}.extension", "must be a list holding the ordinalValue"))
        return None
    assert isinstance(extensions, Sequence)  # noqa: S101 - narrowed by _is_list
    ordinals: list[tuple[int, object]] = []
    for k, extension in enumerate(extensions):
        if not isinstance(extension, Mapping):
            problems.append(Problem(f"{path}.extension[{k}]", "must be an object"))
            return None
        if extension.get("url") == ORDINAL_VALUE_URL:
            ordinals.append((k, extension.get("valueDecimal")))
    if not ordinals:
        return None
    if len(ordinals) != 1:
        problems.append(Problem(f"{path}.extension", "must hold exactly one ordinalValue"))
        return None
    k, raw = ordinals[0]
    value = _whole(raw)
    if value is None or value not in LEGACY_DISPLAYS:
        problems.append(
            Problem(f"{path}.extension[{k}].valueDecimal", "must be a whole number from 0 to 5")
        )
        return None
    return k, value


def _whole(value: object) -> int | None:
    """``value`` as an int if it is a whole number (a JSON number may arrive as a float)."""
    found = whole_number(value)  # also a numpy integer, or a float such as 3.0
    if found is not None:
        return found
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return None


def extensions_of(resource: Mapping[Any, Any], problems: list[Problem]) -> object:
    """The resource's ``extension`` list; a problem if it is there but not a list."""
    extensions = resource.get("extension")
    if extensions is not None and not _is_list(extensions):
        problems.append(Problem("extension", "must be a list"))
    return extensions


def coded_extension(  # noqa: PLR0911 - one return per way an extension can be unreadable
    extensions: object, urls: tuple[str, ...], kind: type[E], problems: list[Problem]
) -> E | None:
    """The member of ``kind`` that the one extension of ``urls`` codes (None if absent or bad).

    The extension's ``valueCodeableConcept`` must hold exactly one coding in KL's code system
    with a code of ``kind``; a display, where given, must be KL's for that code.
    """
    if not _is_list(extensions):
        return None  # None, or named once by extensions_of
    assert isinstance(extensions, Sequence)  # noqa: S101 - narrowed by _is_list
    found = [
        (k, extension)
        for k, extension in enumerate(extensions)
        if isinstance(extension, Mapping) and extension.get("url") in urls
    ]
    if not found:
        return None
    if len(found) > 1:
        problems.append(Problem(f"extension[{found[1][0]}]", "repeats an extension given before"))
        return None
    k, extension = found[0]
    path = f"extension[{k}].valueCodeableConcept"
    concept = extension.get("valueCodeableConcept")
    codings = concept.get("coding") if isinstance(concept, Mapping) else None
    if not _is_list(codings):
        problems.append(Problem(f"{path}.coding", "must be a list of codings"))
        return None
    assert isinstance(codings, Sequence)  # noqa: S101 - narrowed by _is_list
    ours = [
        (j, coding)
        for j, coding in enumerate(codings)
        if isinstance(coding, Mapping) and coding.get("system") in _SYSTEMS
    ]
    if len(ours) != 1:
        problems.append(
            Problem(f"{path}.coding", f"must hold exactly one coding of {kl.CODE_SYSTEM}")
        )
        return None
    j, coding = ours[0]
    code = coding.get("code")
    folded = code.casefold() if isinstance(code, str) else None
    member = next((m for m in kind if m.value.casefold() == folded), None)
    if member is None:
        problems.append(Problem(f"{path}.coding[{j}].code", f"must be a code of {kind.__name__}"))
        return None
    display = coding.get("display")
    if display is not None and display != member.label_da:
        problems.append(Problem(f"{path}.coding[{j}].display", "does not agree with the code"))
        return None
    return member
