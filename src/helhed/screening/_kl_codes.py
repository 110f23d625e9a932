"""KL's codes for WHO-5 in FHIR: the one home of every code helhed reads or writes for it.

Every code, display and URL below is copied from KL's implementation guide "fælles faglige
instrumenter" (FFInst; repository ``hl7dk/KL-dk-tools``, canonical ``http://fhir.kl.dk/ffinst``,
version 1.0.0, FHIR 4.0.1, status active), at commit
``0d33c7538a5f0e8205e5fe1a7e97badbff5390b2`` (11 August 2023), from these files:

* ``input/fsh/KLToolsValueSets.fsh`` - the code system ``KLToolsCodes`` (codes and displays)
  and the value sets ``WHO5AnswerCodesHappy`` ... ``WHO5AnswerCodesInterest``,
  ``WHO5SCTfindings*``, ``FindingInformerCodes`` and ``KLtechniquesCodes``;
* ``input/fsh/KLToolsAliases.fsh`` - the code system's URL;
* ``input/fsh/KLToolsCareWHO5.fsh`` - the Questionnaire (its id, linkIds, answer value sets)
  and the example response ``WHO-5AnswerMark``;
* ``input/fsh/KLToolsCareWHO5observation.fsh`` - the five per-item Observation profiles;
* ``input/fsh/KLToolsExtensions.fsh`` and ``KLToolsQuestionnaireResponse.fsh`` - the
  extensions ``FindingInformer`` and ``Technique`` and where they sit.

The item score of each answer code is the number KL writes in its display (``"WHO-5 Hele
tiden - 5 (glad)"`` is 5). URLs of resources the guide defines are its canonical plus the
resource type and id, the id being the FSH name where no ``Id:`` is given (SUSHI's rule);
that is how the guide itself names its Questionnaire and value sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from helhed._coded import CodedEnum

CANONICAL = "http://fhir.kl.dk/ffinst"
"""The guide's canonical (``sushi-config.yaml``)."""

CODE_SYSTEM = f"{CANONICAL}/CodeSystem/KLToolsCodes"
"""KL's code system ``KLToolsCodes`` (alias ``KLToolsCodeSystem``)."""

SCT = "http://snomed.info/sct"
"""SNOMED CT (alias ``SCT``)."""

QUESTIONNAIRE_URL = f"{CANONICAL}/Questionnaire/KLToolsCareWHO5"
"""The WHO-5 Questionnaire (instance ``KLToolsCareWHO5``), as the example response names it."""

EARLIER_CANONICAL = "http://kl.dk/fhir/tools/care"
"""The guide's canonical up to version 0.3.0 (``sushi-config.yaml`` before commit ``584d8f7``,
8 August 2023); the WHO-5 codes were the same under it, in ``{EARLIER_CANONICAL}/CodeSystem/
KLToolsCodes``."""

EARLIER_QUESTIONNAIRE_URL = f"{EARLIER_CANONICAL}/Questionnaire/KLToolsCareWHO-5"
"""Its URL before commit ``9a4f76b`` (8 August 2023, "setting correct cannonicals")."""

COMMENT_LINK_ID = "who5comment"
"""The Questionnaire's free-text comment item; read past, never scored."""


def both(url: str) -> tuple[str, str]:
    """``url``, one of the guide's under its current canonical, and under the earlier one.

    A response is read with KL's codes and extensions under either canonical, whichever
    Questionnaire URL it names: the codes are the same under both, and the guide's own example
    has named the Questionnaire by one canonical while its codes were under the other.
    """
    return url, EARLIER_CANONICAL + url.removeprefix(CANONICAL)


RESPONSE_PROFILE = f"{CANONICAL}/StructureDefinition/KLToolsQuestionnaireResponse"
"""The profile every KL questionnaire response follows (findingInformer 1..1)."""

FINDING_INFORMER_URL = f"{CANONICAL}/StructureDefinition/FindingInformer"
"""Extension ``FindingInformer``: who was the source of the answers."""

TECHNIQUE_URL = f"{CANONICAL}/StructureDefinition/Technique"
"""Extension ``Technique``: whether KL's procedure was followed."""

ASSOCIATED_CONDITIONS_URL = f"{CANONICAL}/StructureDefinition/AssociatedConditions"
"""Extension ``AssociatedConditions`` on the per-item Observations."""

NO_PROBLEMS = "160245001"
"""SNOMED CT "No current problems or disability", in each ``WHO5SCTfindings*`` value set."""

_LEVELS = (
    (5, "Hele tiden"),
    (4, "Det meste af tiden"),
    (3, "Lidt mere end halvdelen af tiden"),
    (2, "Lidt mindre end halvdelen af tiden"),
    (1, "Lidt af tiden"),
    (0, "På intet tidspunkt"),
)

# linkId: (display word, answer codes from score 5 down to 0) - KLToolsValueSets.fsh lines 6-35.
_ANSWERS = {
    "happy": (
        "glad",
        (
            "0e5aa952-d470-4219-b275-5e8204d96987",
            "9fd3c658-d0b7-4018-84e9-8588be7de478",
            "a3779fc5-d7b3-4d03-bdaf-5ae5a40b0899",
            "228ee58f-5785-4364-a99c-8ba99943f510",
            "c4002c8a-91c5-4737-bba6-ce364e83fd28",
            "d092cdf0-e4e0-4cf6-a506-0adf95f56a8d",
        ),
    ),
    "calm": (
        "rolig",
        (
            "b9eb352d-145d-4c45-8f8c-5b92474c4af1",
            "b128508b-8ef8-4516-b8e1-f5af02a408f3",
            "1ab11c78-6258-4069-9065-0f076833b133",
            "d599f667-9300-432d-9edf-a1afa4c9af85",
            "1fb14510-ec20-4a8e-bc3a-d45fa83909c9",
            "130fbd15-4718-4fb7-9592-d205f575bc9c",
        ),
    ),
    "active": (
        "aktiv",
        (
            "3d3c13a6-befa-4a52-aef0-7e775ca11fdd",
            "60da44d3-815e-426f-8c8a-0ae34d85863a",
            "f573ad27-7d00-4505-99ac-f0f35cd16e6a",
            "d9d031d9-3185-4f59-a125-ea5a3503011a",
            "08c8a19c-d135-4e05-a8d4-70c6da6f4842",
            "ccc3ecb4-3249-4c82-9c2b-dca72f4ba374",
        ),
    ),
    "rested": (
        "frisk",
        (
            "7aaccc2e-ead3-41f0-a9ba-091f2e539753",
            "b1375340-07a1-4ab4-9d3b-f5de61b878b5",
            "0059dc5d-d174-45b9-a423-136e3d9c2bda",
            "8f403657-cdbd-4d87-aefe-ab040a6db428",
            "2bd7d702-99ac-4acc-b3f6-a9833a32f7c8",
            "18c05b5f-97e6-4c08-a920-ec75a213f1f6",
        ),
    ),
    "interest": (
        "interesseret",
        (
            "2ca88533-c048-4b2a-9ac2-2206b63a25ac",
            "b62a3f31-9b63-4b86-b5bd-edf300b9fbd6",
            "392ee33f-e754-4443-a285-c19aff66726f",
            "3c323281-fc96-47cb-b057-1dff2ffa835b",
            "314ab944-2f8a-453d-8653-b46cacf5f480",
            "f97749b5-e689-40a4-9eda-0b0e35d185fc",
        ),
    ),
}

ANSWER_CODES: Mapping[str, Mapping[int, tuple[str, str]]] = MappingProxyType(
    {
        link_id: MappingProxyType(
            {
                score: (code, f"WHO-5 {level} - {score} ({word})")
                for (score, level), code in zip(_LEVELS, codes, strict=True)
            }
        )
        for link_id, (word, codes) in _ANSWERS.items()
    }
)
"""By linkId, then item score: KL's ``(code, display)`` from the item's answer value set."""

SCORE_OF_CODE: Mapping[str, Mapping[str, tuple[int, str]]] = MappingProxyType(
    {
        link_id: MappingProxyType(
            {code: (score, display) for score, (code, display) in by_score.items()}
        )
        for link_id, by_score in ANSWER_CODES.items()
    }
)
"""By linkId, then KL's code: ``(item score, display)`` - the inverse of ``ANSWER_CODES``."""

VALUE_SETS: Mapping[str, str] = MappingProxyType(
    {
        link_id: f"{CANONICAL}/ValueSet/WHO5AnswerCodes{name}"
        for link_id, name in zip(
            _ANSWERS, ("Happy", "Calm", "Active", "Rested", "Interest"), strict=True
        )
    }
)
"""By linkId: the item's required answer value set, as the Questionnaire names it."""


class Informant(CodedEnum):
    """Who was the source of the answers: KL's ``FindingInformerCodes`` (required binding)."""

    CITIZEN = ("a3d30bf2-4a3c-4c49-9001-5363ae11681c", "Borger", "The citizen")
    CITIZEN_WITH_RELATIVE = (
        "71675b26-285e-4551-9488-991d8b34a12a",
        "Borger støttet af pårørende",
        "The citizen, supported by a relative",
    )
    CITIZEN_WITH_STAFF = (
        "5937b533-a4e3-45af-9ddf-61dce1d56b74",
        "Borger støttet af medarbejder",
        "The citizen, supported by staff",
    )
    RELATIVE = ("d5762abe-706b-4d52-ac2b-2621c60486b2", "Pårørende alene", "A relative alone")
    STAFF = ("111b2c8a-389d-4ecc-9187-ce78f019649b", "Medarbejder alene", "Staff alone")


class Procedure(CodedEnum):
    """Whether KL's procedure was followed: KL's ``KLtechniquesCodes``.

    The first code ends in ``Ja`` in KL's code system; it is copied as it stands.
    """

    FOLLOWED = (
        "4a069078-c3c3-4c67-899d-4e8876026f48Ja",
        "Ingen problemer med test-setup og borgers udførelse",
        "Followed: no problems with the set-up or the citizen's performance",
    )
    CITIZEN_DEVIATED = (
        "17772b27-bc9d-4d62-9515-d268a98a3a27",
        "Afvigelse i borgers udførelse",
        "Not followed: the citizen's performance deviated",
    )
    SETUP_DEVIATED = (
        "a3231c9a-5569-49c4-8760-4fffbf0b2b80",
        "Afvigelse i test-setup",
        "Not followed: the set-up deviated",
    )
    BOTH_DEVIATED = (
        "6713249a-433e-4b93-8975-0214a473dab5",
        "Afvigelse i borgers udførelse og test-setup",
        "Not followed: the citizen's performance and the set-up deviated",
    )


# linkId: (profile id, Observation.code, associated condition, the problem finding of the
# item's WHO5SCTfindings* value set) - KLToolsCareWHO5observation.fsh, KLToolsValueSets.fsh.
ITEM_OBSERVATIONS: Mapping[str, tuple[str, str, str, str]] = MappingProxyType(
    {
        "happy": ("KLToolsWHO5ObservationHappy1", "285854004", "106126000", "366979004"),
        "calm": ("KLToolsWHO5ObservationCalm2", "285854004", "106126000", "48694002"),
        "active": ("KLToolsWHO5ObservationActive3", "406202006", "301325005", "248274002"),
        "rested": ("KLToolsWHO5ObservationRested4", "363817001", "106168000", "422730001"),
        "interest": ("KLToolsWHO5ObservationInterest5", "247752005", "365462008", "713566001"),
    }
)
"""By linkId: the per-item Observation profile's id, its fixed SNOMED CT ``code``, the fixed
SNOMED CT code of its ``associatedConditions`` extension, and the item's problem finding (the
other code of its ``WHO5SCTfindings*`` value set being ``NO_PROBLEMS``)."""

WHO5_INDEX = "1144665009"
"""SNOMED CT "5-item World Health Organization Well-being Index value (observable entity)":
the Questionnaire's code, and the code KL's WHO-5 page recommends for a total-score
Observation (``input/pagecontent/Questionnaire-KLToolsCareWHO-5-intro.md``)."""
