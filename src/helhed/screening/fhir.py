"""WHO-5 as FHIR R4 resources, as plain dicts - an optional form with no FHIR dependency.

[`questionnaire_response`][helhed.screening.fhir.questionnaire_response] writes a WHO-5
[`Score`][helhed.screening.Score] as a ``QuestionnaireResponse`` shaped after the WHO-5 profile
of Kommunernes Landsforening (KL, the IG ``hl7dk/KL-dk-tools``, status draft):

* ``questionnaire`` is [`QUESTIONNAIRE_URL`][helhed.screening.fhir.QUESTIONNAIRE_URL].
  **Assumption:** helhed's sources name KL's WHO-5 Questionnaire but not its canonical URL;
  the value is read off an example in KL's IG sources, and earlier versions of the IG used
  ``http://kl.dk/fhir/tools/care/Questionnaire/KLToolsCareWHO-5``. Check it against the
  published KL IG before exchanging data; both functions take ``questionnaire=`` to use
  another URL.
* one item per WHO-5 item, in item order, with the linkIds ``happy``, ``calm``, ``active``,
  ``rested`` and ``interest``; the item texts are not shipped (see
  [`who5`][helhed.screening.who5]).
* each answer is a ``valueCoding`` holding KL's Danish ``display`` (e.g. ``"Hele tiden (5)"``)
  and the item score in the ``ordinalValue`` extension. The ``code`` (and ``system``) is left
  out: KL codes its answers with UUIDs from a KL CodeSystem, and those codes are not in
  helhed's sources, so helhed does not invent them. A response written here therefore does
  not meet KL's required binding until the codes are added by the receiver or a later version.

[`total_observation`][helhed.screening.fhir.total_observation] writes the percentage score
(0-100) as an ``Observation`` with ``derivedFrom`` the response. helhed's sources name no
LOINC code for the WHO-5 score, and the SNOMED CT code KL gives its Questionnaire (1144665009)
names the questionnaire, not its score, so the Observation's ``code`` is text only.

[`score_from_response`][helhed.screening.fhir.score_from_response] reads a response back. It
reads the score from ``ordinalValue``, matches items by linkId, ignores KL's free-text item
``who5comment``, and raises [`ValidationError`][helhed.errors.ValidationError] naming the path
of every problem (e.g. ``item[2].answer[0]``) - never the value. Only WHO-5 is covered; other
instruments are refused.

Examples:
    >>> import datetime as dt
    >>> result = who5.score([3, 4, 2, 5, 1])
    >>> response = questionnaire_response(
    ...     result, subject="Patient/example", authored=dt.date(2024, 3, 4)
    ... )
    >>> [item["linkId"] for item in response["item"]]
    ['happy', 'calm', 'active', 'rested', 'interest']
    >>> response["item"][0]["answer"][0]["valueCoding"]["display"]
    'Lidt mere end halvdelen af tiden (3)'
    >>> score_from_response(response) == result
    True
    >>> observation = total_observation(
    ...     result,
    ...     subject="Patient/example",
    ...     effective=dt.date(2024, 3, 4),
    ...     derived_from="QuestionnaireResponse/example",
    ... )
    >>> observation["valueQuantity"]["value"], observation["derivedFrom"]
    (60, [{'reference': 'QuestionnaireResponse/example'}])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from helhed._values import whole_number
from helhed.errors import Problem, ValidationError
from helhed.screening import who5
from helhed.screening._base import Score

__all__ = [
    "ANSWER_DISPLAYS",
    "COMMENT_LINK_ID",
    "LINK_IDS",
    "ORDINAL_VALUE_URL",
    "QUESTIONNAIRE_URL",
    "RESPONSE_STATUSES",
    "SCORED_STATUSES",
    "questionnaire_response",
    "score_from_response",
    "total_observation",
]

QUESTIONNAIRE_URL = "http://fhir.kl.dk/ffinst/Questionnaire/KLToolsCareWHO5"
"""Canonical URL of KL's WHO-5 Questionnaire - an assumption, to be checked against the KL IG."""

ORDINAL_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
"""The FHIR R4 extension that carries an answer's score."""

LINK_IDS = ("happy", "calm", "active", "rested", "interest")
"""KL's linkIds of the five WHO-5 items, item 1 first."""

COMMENT_LINK_ID = "who5comment"
"""KL's free-text comment item; read past, never scored."""

ANSWER_DISPLAYS: Mapping[int, str] = MappingProxyType(
    {
        5: "Hele tiden (5)",
        4: "Det meste af tiden (4)",
        3: "Lidt mere end halvdelen af tiden (3)",
        2: "Lidt mindre end halvdelen af tiden (2)",
        1: "Lidt af tiden (1)",
        0: "På intet tidspunkt (0)",
    }
)
"""KL's Danish answer labels by item score."""

RESPONSE_STATUSES = frozenset(
    {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
)
"""The statuses FHIR R4 allows on a QuestionnaireResponse."""

SCORED_STATUSES = frozenset({"completed", "amended"})
"""The statuses of a response that can be scored: finished, and not in error."""

_OBSERVATION_STATUSES = frozenset(
    {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    }
)
_UCUM = "http://unitsofmeasure.org"
_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_SCORE_OF_DISPLAY = {display: value for value, display in ANSWER_DISPLAYS.items()}


def questionnaire_response(
    result: Score,
    *,
    subject: str,
    authored: dt.date | dt.datetime,
    status: str = "completed",
    questionnaire: str = QUESTIONNAIRE_URL,
) -> dict[str, Any]:
    """A WHO-5 score as a FHIR R4 ``QuestionnaireResponse`` after KL's WHO-5 profile.

    Args:
        result: A WHO-5 score, as from [`who5.score`][helhed.screening.who5.score].
        subject: Reference to the citizen, e.g. ``Patient/123``.
        authored: When the answers were given: a date, or a datetime with a time zone.
        status: The response's FHIR status; ``completed`` by default.
        questionnaire: The Questionnaire's canonical URL; KL's (assumed) by default.

    Returns:
        The resource as a dict of JSON values.

    Raises:
        ValidationError: If ``result`` is not a consistent WHO-5 score, or an argument is bad.
    """
    answers, when = _arguments(
        result,
        {"subject": subject, "questionnaire": questionnaire},
        ("authored", authored),
        status,
        RESPONSE_STATUSES,
    )
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": questionnaire,
        "status": status,
        "subject": {"reference": subject},
        "authored": when,
        "item": [
            {"linkId": link_id, "answer": [{"valueCoding": _coding(value)}]}
            for link_id, value in zip(LINK_IDS, answers, strict=True)
        ],
    }


def total_observation(
    result: Score,
    *,
    subject: str,
    effective: dt.date | dt.datetime,
    derived_from: str,
    status: str = "final",
) -> dict[str, Any]:
    """The WHO-5 percentage score (0-100) as a FHIR R4 ``Observation``.

    Args:
        result: A WHO-5 score.
        subject: Reference to the citizen, e.g. ``Patient/123``.
        effective: When the answers were given: a date, or a datetime with a time zone.
        derived_from: Reference to the ``QuestionnaireResponse`` the score comes from, e.g.
            ``QuestionnaireResponse/456`` or a ``urn:uuid:`` in a Bundle.
        status: The Observation's FHIR status; ``final`` by default.

    Returns:
        The resource as a dict of JSON values.

    Raises:
        ValidationError: If ``result`` is not a consistent WHO-5 score, or an argument is bad.
    """
    answers, when = _arguments(
        result,
        {"subject": subject, "derived_from": derived_from},
        ("effective", effective),
        status,
        _OBSERVATION_STATUSES,
    )
    return {
        "resourceType": "Observation",
        "status": status,
        "category": [{"coding": [{"system": _CATEGORY, "code": "survey", "display": "Survey"}]}],
        "code": {"text": "WHO-5 Trivselsindeks, procentscore (0-100)"},
        "subject": {"reference": subject},
        "effectiveDateTime": when,
        "valueQuantity": {
            "value": who5.PROGRESSION_FACTOR * sum(answers),
            "unit": "%",
            "system": _UCUM,
            "code": "%",
        },
        "derivedFrom": [{"reference": derived_from}],
    }


def score_from_response(response: object, *, questionnaire: str = QUESTIONNAIRE_URL) -> Score:
    """Read a WHO-5 ``QuestionnaireResponse`` back into a score.

    The response must answer ``questionnaire`` (optionally with ``|version``), have status
    ``completed`` or ``amended``, and answer each of the five items exactly once with a
    ``valueCoding`` whose ``ordinalValue`` extension holds the item score. Items may come in
    any order; the comment item is read past. A ``display`` that is one of KL's labels must
    agree with the score; other displays (such as KL's own codes' displays) are not read.

    Raises:
        ValidationError: Naming the path of every problem, e.g. ``item[2].answer[0]``.
    """
    if not isinstance(response, Mapping):
        raise ValidationError.at("", "must be a QuestionnaireResponse as a JSON object")
    problems: list[Problem] = []
    if response.get("resourceType") != "QuestionnaireResponse":
        problems.append(Problem("resourceType", "must be QuestionnaireResponse"))
    canonical = response.get("questionnaire")
    if not isinstance(canonical, str) or canonical.split("|", 1)[0] != questionnaire:
        problems.append(Problem("questionnaire", "must be the canonical URL of WHO-5"))
    status = response.get("status")
    if not isinstance(status, str) or status not in SCORED_STATUSES:
        problems.append(Problem("status", "must be completed or amended to be scored"))
    found = _items(response.get("item"), problems)
    for number, link_id in enumerate(LINK_IDS, start=1):
        if link_id not in found:
            problems.append(
                Problem("item", f"has no answer to item {number} ({link_id}); WHO-5 is not imputed")
            )
    if problems:
        raise ValidationError(problems)
    return who5.score([found[link_id] for link_id in LINK_IDS])


def _who5_answers(result: object) -> tuple[int, ...]:
    if not isinstance(result, Score):
        raise ValidationError.at("result", "must be a Score")
    if result.instrument != who5.NAME:
        raise ValidationError.at(
            "result.instrument", "must be who5; the FHIR form covers WHO-5 only"
        )
    try:
        answers = who5.validate(result.answers)
    except ValidationError as exc:
        raise exc.under("result") from None
    total = sum(answers)
    if result.total != total or result.scaled != who5.PROGRESSION_FACTOR * total:
        raise ValidationError.at("result.total", "does not match the answers")
    return answers


def _coding(value: int) -> dict[str, Any]:
    return {
        "extension": [{"url": ORDINAL_VALUE_URL, "valueDecimal": value}],
        "display": ANSWER_DISPLAYS[value],
    }


def _arguments(
    result: object,
    texts: Mapping[str, object],
    moment: tuple[str, object],
    status: object,
    statuses: frozenset[str],
) -> tuple[tuple[int, ...], str | None]:
    """The answers and the FHIR dateTime of a resource's arguments, every problem at once."""
    answers = _who5_answers(result)
    problems: list[Problem] = []
    for path, value in texts.items():
        _text(value, path, problems)
    when = _datetime(moment[1], moment[0], problems)
    if not isinstance(status, str) or status not in statuses:
        problems.append(Problem("status", "must be one of: " + ", ".join(sorted(statuses))))
    if problems:
        raise ValidationError(problems)
    return answers, when


def _text(value: object, path: str, problems: list[Problem]) -> None:
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(path, "must be a non-blank string"))


def _datetime(value: object, path: str, problems: list[Problem]) -> str | None:
    """A FHIR ``dateTime``: a date, or a datetime with a time zone (FHIR requires one)."""
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            problems.append(Problem(path, "must have a time zone; FHIR requires one with a time"))
            return None
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    problems.append(Problem(path, "must be a date or a datetime"))
    return None


def _items(items: object, problems: list[Problem]) -> dict[str, int | None]:
    """The score of each WHO-5 item found, by linkId (None if bad); adds to ``problems``."""
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        problems.append(Problem("item", "must be a list of the answered items"))
        return dict.fromkeys(LINK_IDS)
    found: dict[str, int | None] = {}
    for i, item in enumerate(items):
        path = f"item[{i}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(path, "must be an object"))
            continue
        link_id = item.get("linkId")
        if link_id == COMMENT_LINK_ID:
            continue
        if not isinstance(link_id, str) or link_id not in LINK_IDS:
            problems.append(Problem(f"{path}.linkId", "must be a linkId of a WHO-5 item"))
            continue
        if link_id in found:
            problems.append(Problem(f"{path}.linkId", "repeats an item answered before"))
            continue
        found[link_id] = _answer(
            item.get("answer"), f"{path}.answer", LINK_IDS.index(link_id), problems
        )
    return found


def _answer(answers: object, path: str, index: int, problems: list[Problem]) -> int | None:
    if answers is None:
        problems.append(Problem(path, f"item {index + 1} is missing; WHO-5 is not imputed"))
        return None
    if isinstance(answers, (str, bytes)) or not isinstance(answers, Sequence) or not answers:
        problems.append(Problem(path, "must be a list of one answer"))
        return None
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
    return _ordinal_of(coding, f"{path}[0].valueCoding", problems)


def _ordinal_of(coding: Mapping[Any, Any], path: str, problems: list[Problem]) -> int | None:
    extensions = coding.get("extension")
    if isinstance(extensions, (str, bytes)) or not isinstance(extensions, Sequence):
        problems.append(Problem(f"{path}.extension", "must be a list holding the ordinalValue"))
        return None
    ordinals: list[tuple[int, object]] = []
    for k, extension in enumerate(extensions):
        if not isinstance(extension, Mapping):
            problems.append(Problem(f"{path}.extension[{k}]", "must be an object"))
            return None
        if extension.get("url") == ORDINAL_VALUE_URL:
            ordinals.append((k, extension.get("valueDecimal")))
    if len(ordinals) != 1:
        problems.append(Problem(f"{path}.extension", "must hold exactly one ordinalValue"))
        return None
    k, raw = ordinals[0]
    value = _whole(raw)
    if value is None or value not in ANSWER_DISPLAYS:
        problems.append(
            Problem(f"{path}.extension[{k}].valueDecimal", "must be a whole number from 0 to 5")
        )
        return None
    return value if _display_agrees(coding.get("display"), value, path, problems) else None


def _display_agrees(display: object, value: int, path: str, problems: list[Problem]) -> bool:
    """False (with a problem) if ``display`` is not text, or is KL's label of another score."""
    if display is None:
        return True
    if not isinstance(display, str):
        problems.append(Problem(f"{path}.display", "must be a string"))
        return False
    if _SCORE_OF_DISPLAY.get(display, value) != value:
        problems.append(Problem(f"{path}.display", "names another answer than the ordinalValue"))
        return False
    return True


def _whole(value: object) -> int | None:
    """``value`` as an int if it is a whole number (a JSON number may arrive as a float)."""
    found = whole_number(value)  # also a numpy integer, or a float such as 3.0
    if found is not None:
        return found
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return None
