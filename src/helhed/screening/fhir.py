"""WHO-5 as FHIR R4 resources after KL's implementation guide, as plain dicts.

**What is KL's.** Kommunernes Landsforening (KL) publishes WHO-5 in its FHIR implementation
guide "fælles faglige instrumenter" (FFInst: canonical ``http://fhir.kl.dk/ffinst``, version
1.0.0, FHIR 4.0.1, status active; repository ``hl7dk/KL-dk-tools``, read at commit
``0d33c7538a5f0e8205e5fe1a7e97badbff5390b2``, 11 August 2023). From it come, all kept in
``helhed/screening/_kl_codes.py`` with the file each is read from:

* the Questionnaire ``http://fhir.kl.dk/ffinst/Questionnaire/KLToolsCareWHO5``
  (``input/fsh/KLToolsCareWHO5.fsh``; before 8 August 2023
  ``http://kl.dk/fhir/tools/care/Questionnaire/KLToolsCareWHO-5``), its linkIds ``happy``,
  ``calm``, ``active``, ``rested``, ``interest`` and its comment item ``who5comment``;
* one answer value set per item, six codes each, in the code system
  ``http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes``, required
  (``input/fsh/KLToolsValueSets.fsh``); the item score is the number in the code's display;
* the response profile ``KLToolsQuestionnaireResponse`` with the extensions ``FindingInformer``
  (1..1: who was the source of the answers) and ``Technique`` (0..1: whether KL's procedure
  was followed), and the five per-item Observation profiles ``KLToolsWHO5Observation*``
  (``input/fsh/KLToolsQuestionnaireResponse.fsh``, ``KLToolsExtensions.fsh``,
  ``KLToolsCareWHO5observation.fsh``).

**What is helhed's reading.**

* Writing, each answer carries KL's ``system``, ``code`` and ``display`` and also the item
  score in the FHIR ``ordinalValue`` extension: the profile does not close the Coding's
  extensions, and the score lets a reader without KL's table score the answer.
* A response claims ``KLToolsQuestionnaireResponse`` in ``meta.profile`` only when it is given
  an [`Informant`][helhed.screening.fhir.Informant], since the profile requires one and helhed
  does not guess who answered.
* KL profiles no Observation of the total score. Its WHO-5 page recommends, without a profile,
  an Observation coded SNOMED CT 1144665009 with the index in ``valueQuantity`` and
  ``derivedFrom`` the response; [`total_observation`][helhed.screening.fhir.total_observation]
  follows that and adds, as helhed's own choices, the category ``survey``, a text and the
  percentage score (0-100) with the unit ``%``.
* The per-item Observations need a SNOMED CT finding beside KL's code, from a two-code value
  set per item ("no current problems" or the item's problem finding). KL states no rule from
  the answer to the finding, so [`item_observations`][helhed.screening.fhir.item_observations]
  takes it from the caller.
* Reading, an answer is known by its code from the item's value set; a ``display`` or an
  ``ordinalValue`` is optional and, where given, must agree with the code. Both of KL's
  Questionnaire URLs are read (with or without ``|version``). helhed's earlier written form -
  no code, the score in ``ordinalValue`` and a label such as ``"Hele tiden (5)"`` - is still
  read, so responses written before keep their meaning.

[`score_from_response`][helhed.screening.fhir.score_from_response] and
[`read_response`][helhed.screening.fhir.read_response] raise
[`ValidationError`][helhed.errors.ValidationError] naming the path of every problem (e.g.
``item[2].answer[0].valueCoding.code``) - never the value. Only WHO-5 is covered. The resources
are plain dicts and hide nothing in a ``repr``: treat them as the health data they are.

Examples:
    >>> import datetime as dt
    >>> result = who5.score([3, 4, 2, 5, 1])
    >>> response = questionnaire_response(
    ...     result, subject="Patient/example", authored=dt.date(2024, 3, 4),
    ...     source=Informant.CITIZEN,
    ... )
    >>> [item["linkId"] for item in response["item"]]
    ['happy', 'calm', 'active', 'rested', 'interest']
    >>> coding = response["item"][0]["answer"][0]["valueCoding"]
    >>> coding["code"], coding["display"]
    ('a3779fc5-d7b3-4d03-bdaf-5ae5a40b0899', 'WHO-5 Lidt mere end halvdelen af tiden - 3 (glad)')
    >>> score_from_response(response) == result
    True
    >>> read_response(response).source is Informant.CITIZEN
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
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from helhed._meta import REDACT, SENSITIVE
from helhed._values import frozen_fields
from helhed.errors import Problem, ValidationError, key_path
from helhed.screening import _fhir_read, who5
from helhed.screening import _kl_codes as kl
from helhed.screening._base import Score
from helhed.screening._kl_codes import Informant, Procedure

__all__ = [
    "ANSWER_CODES",
    "ANSWER_DISPLAYS",
    "COMMENT_LINK_ID",
    "EARLIER_QUESTIONNAIRE_URL",
    "FINDING_INFORMER_URL",
    "KL_CODE_SYSTEM",
    "LINK_IDS",
    "NO_PROBLEMS",
    "ORDINAL_VALUE_URL",
    "QUESTIONNAIRE_URL",
    "RESPONSE_STATUSES",
    "SCORED_STATUSES",
    "TECHNIQUE_URL",
    "Informant",
    "KLResponse",
    "Procedure",
    "item_observations",
    "questionnaire_response",
    "read_response",
    "score_from_response",
    "total_observation",
]

QUESTIONNAIRE_URL = kl.QUESTIONNAIRE_URL
"""Canonical URL of KL's WHO-5 Questionnaire (FFInst 1.0.0); written, and read."""

EARLIER_QUESTIONNAIRE_URL = kl.EARLIER_QUESTIONNAIRE_URL
"""The URL KL's guide gave its WHO-5 Questionnaire before 8 August 2023; read, never written."""

KL_CODE_SYSTEM = kl.CODE_SYSTEM
"""KL's code system ``KLToolsCodes``, which holds the WHO-5 answer codes."""

ANSWER_CODES = kl.ANSWER_CODES
"""By linkId, then item score: KL's ``(code, display)`` (``KLToolsValueSets.fsh``)."""

FINDING_INFORMER_URL = kl.FINDING_INFORMER_URL
"""KL's extension for who was the source of the answers."""

TECHNIQUE_URL = kl.TECHNIQUE_URL
"""KL's extension for whether its procedure was followed."""

NO_PROBLEMS = kl.NO_PROBLEMS
"""SNOMED CT 160245001 "No current problems or disability", a finding of every item."""

ORDINAL_VALUE_URL = _fhir_read.ORDINAL_VALUE_URL
"""The FHIR R4 extension that carries an answer's score."""

LINK_IDS = tuple(kl.ANSWER_CODES)
"""KL's linkIds of the five WHO-5 items, item 1 first."""

COMMENT_LINK_ID = _fhir_read.COMMENT_LINK_ID
"""KL's free-text comment item; read past, never scored."""

ANSWER_DISPLAYS: Mapping[int, str] = MappingProxyType(_fhir_read.LEGACY_DISPLAYS)
"""helhed's earlier answer labels by item score (e.g. ``"Hele tiden (5)"``): read in
responses without a code, no longer written. KL's displays are in ``ANSWER_CODES``."""

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
_KL_QUESTIONNAIRES = (QUESTIONNAIRE_URL, EARLIER_QUESTIONNAIRE_URL)
_NOT_ASKED = object()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class KLResponse:
    """A WHO-5 response as read: its score and KL's two extensions, where given.

    Attributes:
        score: The WHO-5 score.
        source: Who was the source of the answers (KL's ``FindingInformer``), or None.
        procedure: Whether KL's procedure was followed (KL's ``Technique``), or None.
    """

    score: Score = attrs.field(repr=REDACT, metadata=SENSITIVE)
    source: Informant | None = attrs.field(default=None, repr=REDACT, metadata=SENSITIVE)
    procedure: Procedure | None = attrs.field(default=None, repr=REDACT, metadata=SENSITIVE)

    @property
    def procedure_followed(self) -> bool | None:
        """True if KL's procedure was followed, False if not, None if the response does not say."""
        return None if self.procedure is None else self.procedure is Procedure.FOLLOWED


def questionnaire_response(  # noqa: PLR0913 - the resource's fields, each named
    result: Score,
    *,
    subject: str,
    authored: dt.date | dt.datetime,
    status: str = "completed",
    questionnaire: str = QUESTIONNAIRE_URL,
    source: Informant | None = None,
    procedure: Procedure | None = None,
) -> dict[str, Any]:
    """A WHO-5 score as a FHIR R4 ``QuestionnaireResponse`` after KL's guide.

    Each answer is a ``valueCoding`` with KL's system, code and display and the item score in
    the ``ordinalValue`` extension.

    Args:
        result: A WHO-5 score, as from [`who5.score`][helhed.screening.who5.score].
        subject: Reference to the citizen, e.g. ``Patient/123``.
        authored: When the answers were given: a date, or a datetime with a time zone.
        status: The response's FHIR status; ``completed`` by default.
        questionnaire: The Questionnaire's canonical URL; KL's by default.
        source: Who was the source of the answers. KL's response profile requires it; the
            response claims that profile only when it is given.
        procedure: Whether KL's procedure was followed; optional in KL's profile.

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
        members={"source": (source, Informant), "procedure": (procedure, Procedure)},
    )
    resource: dict[str, Any] = {"resourceType": "QuestionnaireResponse"}
    if source is not None:
        resource["meta"] = {"profile": [kl.RESPONSE_PROFILE]}
    extensions = _extensions(source, procedure)
    if extensions:
        resource["extension"] = extensions
    resource.update(
        {
            "questionnaire": questionnaire,
            "status": status,
            "subject": {"reference": subject},
            "authored": when,
            "item": [
                {"linkId": link_id, "answer": [{"valueCoding": _coding(link_id, value)}]}
                for link_id, value in zip(LINK_IDS, answers, strict=True)
            ],
        }
    )
    return resource


def item_observations(  # noqa: PLR0913 - the resources' fields, each named
    result: Score,
    *,
    subject: str,
    effective: dt.date | dt.datetime,
    derived_from: str,
    findings: Mapping[str, str],
    status: str = "final",
    source: Informant | None = None,
    procedure: Procedure | None = None,
) -> list[dict[str, Any]]:
    """The five WHO-5 answers as FHIR R4 ``Observation``s after KL's per-item profiles.

    Each follows its ``KLToolsWHO5Observation*`` profile: the profile's fixed SNOMED CT
    ``code``; a ``valueCodeableConcept`` with KL's answer code and the SNOMED CT finding;
    ``derivedFrom`` the response; the fixed ``associatedConditions`` extension; and, where
    given, the ``findingInformer`` extension and the procedure as ``method`` (as KL's
    example ``MarksWHO5-2`` has it).

    Args:
        result: A WHO-5 score.
        subject: Reference to the citizen, e.g. ``Patient/123``.
        effective: When the answers were given: a date, or a datetime with a time zone.
        derived_from: Reference to the ``QuestionnaireResponse``, e.g. ``urn:uuid:...``.
        findings: By linkId, the SNOMED CT finding of each item: ``NO_PROBLEMS`` (160245001)
            or the item's problem finding in KL's ``WHO5SCTfindings*`` value set (happy
            366979004, calm 48694002, active 248274002, rested 422730001, interest
            713566001). KL's profiles require one per item and give no rule from the
            answer, so the professional's reading is asked for.
        status: The Observations' FHIR status; ``final`` by default.
        source: Who was the source of the answers, or None.
        procedure: Whether KL's procedure was followed, or None.

    Returns:
        Five resources as dicts of JSON values, item 1 first.

    Raises:
        ValidationError: If ``result`` is not a consistent WHO-5 score, or an argument is bad.
    """
    answers, when = _arguments(
        result,
        {"subject": subject, "derived_from": derived_from},
        ("effective", effective),
        status,
        _OBSERVATION_STATUSES,
        members={"source": (source, Informant), "procedure": (procedure, Procedure)},
        findings=findings,
    )
    resources = []
    for link_id, value in zip(LINK_IDS, answers, strict=True):
        profile, code, condition, _ = kl.ITEM_OBSERVATIONS[link_id]
        extensions = [
            {
                "url": kl.ASSOCIATED_CONDITIONS_URL,
                "valueCodeableConcept": {"coding": [{"system": kl.SCT, "code": condition}]},
            },
            *_extensions(source, None),
        ]
        kl_code, display = kl.ANSWER_CODES[link_id][value]
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "meta": {"profile": [f"{kl.CANONICAL}/StructureDefinition/{profile}"]},
            "extension": extensions,
            "status": status,
            "code": {"coding": [{"system": kl.SCT, "code": code}]},
            "subject": {"reference": subject},
            "effectiveDateTime": when,
            "valueCodeableConcept": {
                "coding": [
                    {"system": kl.CODE_SYSTEM, "code": kl_code, "display": display},
                    {"system": kl.SCT, "code": findings[link_id]},
                ]
            },
        }
        if procedure is not None:
            resource["method"] = _concept(procedure)
        resource["derivedFrom"] = [{"reference": derived_from}]
        resources.append(resource)
    return resources


def total_observation(
    result: Score,
    *,
    subject: str,
    effective: dt.date | dt.datetime,
    derived_from: str,
    status: str = "final",
) -> dict[str, Any]:
    """The WHO-5 percentage score (0-100) as a FHIR R4 ``Observation``.

    KL's guide profiles no total-score Observation; its WHO-5 page recommends the SNOMED CT
    code 1144665009, the index in ``valueQuantity`` and ``derivedFrom`` the response, which
    this follows. The category, the text and the percentage with the unit ``%`` are helhed's.

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
        "code": {
            "coding": [{"system": kl.SCT, "code": kl.WHO5_INDEX}],
            "text": "WHO-5 Trivselsindeks, procentscore (0-100)",
        },
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


def read_response(response: object, *, questionnaire: str | None = None) -> KLResponse:
    """Read a WHO-5 ``QuestionnaireResponse``: its score and KL's extensions.

    The response must answer ``questionnaire`` (by default either of KL's URLs; optionally with
    ``|version``), have status ``completed`` or ``amended``, and answer each of the five items
    exactly once with a ``valueCoding``. An answer is known by KL's code from the item's value
    set (with ``system`` KL's code system); a ``display`` or ``ordinalValue`` where given must
    agree with it. An answer without a code is read in helhed's earlier form, by its
    ``ordinalValue``. Items may come in any order; the comment item is read past. KL's
    ``FindingInformer`` and ``Technique`` extensions are read where present.

    Raises:
        ValidationError: Naming the path of every problem, e.g. ``item[2].answer[0]``.
    """
    if not isinstance(response, Mapping):
        raise ValidationError.at("", "must be a QuestionnaireResponse as a JSON object")
    problems: list[Problem] = []
    if response.get("resourceType") != "QuestionnaireResponse":
        problems.append(Problem("resourceType", "must be QuestionnaireResponse"))
    canonical = response.get("questionnaire")
    wanted = _KL_QUESTIONNAIRES if questionnaire is None else (questionnaire,)
    if not isinstance(canonical, str) or canonical.split("|", 1)[0] not in wanted:
        problems.append(Problem("questionnaire", "must be the canonical URL of WHO-5"))
    status = response.get("status")
    if not isinstance(status, str) or status not in SCORED_STATUSES:
        problems.append(Problem("status", "must be completed or amended to be scored"))
    extensions = _fhir_read.extensions_of(response, problems)
    source = _fhir_read.coded_extension(
        extensions, kl.both(FINDING_INFORMER_URL), Informant, problems
    )
    procedure = _fhir_read.coded_extension(extensions, kl.both(TECHNIQUE_URL), Procedure, problems)
    found = _fhir_read.items(response.get("item"), problems)
    for number, link_id in enumerate(LINK_IDS, start=1):
        if link_id not in found:
            problems.append(
                Problem("item", f"has no answer to item {number} ({link_id}); WHO-5 is not imputed")
            )
    if problems:
        raise ValidationError(problems)
    score = who5.score([found[link_id] for link_id in LINK_IDS])
    return KLResponse(score=score, source=source, procedure=procedure)


def score_from_response(response: object, *, questionnaire: str | None = None) -> Score:
    """The WHO-5 score of a ``QuestionnaireResponse``, read as by ``read_response``.

    Raises:
        ValidationError: Naming the path of every problem, e.g. ``item[2].answer[0]``.
    """
    return read_response(response, questionnaire=questionnaire).score


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


def _coding(link_id: str, value: int) -> dict[str, Any]:
    code, display = kl.ANSWER_CODES[link_id][value]
    return {
        "extension": [{"url": ORDINAL_VALUE_URL, "valueDecimal": value}],
        "system": kl.CODE_SYSTEM,
        "code": code,
        "display": display,
    }


def _concept(member: Informant | Procedure) -> dict[str, Any]:
    return {
        "coding": [{"system": kl.CODE_SYSTEM, "code": member.value, "display": member.label_da}]
    }


def _extensions(source: Informant | None, procedure: Procedure | None) -> list[dict[str, Any]]:
    extensions = []
    if source is not None:
        extensions.append({"url": FINDING_INFORMER_URL, "valueCodeableConcept": _concept(source)})
    if procedure is not None:
        extensions.append({"url": TECHNIQUE_URL, "valueCodeableConcept": _concept(procedure)})
    return extensions


def _arguments(  # noqa: PLR0913 - one check of every argument, every problem at once
    result: object,
    texts: Mapping[str, object],
    moment: tuple[str, object],
    status: object,
    statuses: frozenset[str],
    *,
    members: Mapping[str, tuple[object, type[Informant | Procedure]]] | None = None,
    findings: object = _NOT_ASKED,
) -> tuple[tuple[int, ...], str | None]:
    """The answers and the FHIR dateTime of a resource's arguments, every problem at once."""
    answers = _who5_answers(result)
    problems: list[Problem] = []
    for path, value in texts.items():
        _text(value, path, problems)
    when = _datetime(moment[1], moment[0], problems)
    if not isinstance(status, str) or status not in statuses:
        problems.append(Problem("status", "must be one of: " + ", ".join(sorted(statuses))))
    for path, (member, kind) in (members or {}).items():
        if member is not None and not isinstance(member, kind):
            problems.append(Problem(path, f"must be a member of {kind.__name__} or None"))
    if findings is not _NOT_ASKED:
        _findings(findings, problems)
    if problems:
        raise ValidationError(problems)
    return answers, when


def _findings(findings: object, problems: list[Problem]) -> None:
    """Each item's SNOMED CT finding must be one of the two in its KL value set."""
    if not isinstance(findings, Mapping):
        problems.append(Problem("findings", "must map each linkId to a SNOMED CT finding"))
        return
    problems.extend(
        Problem(key_path("findings", link_id), "is not a linkId of a WHO-5 item")
        for link_id in sorted(set(findings) - set(LINK_IDS), key=str)
    )
    for link_id in LINK_IDS:
        allowed = (NO_PROBLEMS, kl.ITEM_OBSERVATIONS[link_id][3])
        if findings.get(link_id) not in allowed:
            problems.append(Problem(f"findings.{link_id}", "must be " + " or ".join(allowed)))


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
