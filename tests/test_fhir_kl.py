"""WHO-5 as KL's FHIR guide (FFInst 1.0.0) codes it: KL's example, KL's codes, KL's extensions.

Every written resource is also checked by an independent FHIR library, fhir.resources (its
R4B classes: the library ships no 4.0.1 classes, and the elements used here - Coding,
CodeableConcept, extensions, QuestionnaireResponse.item.answer, Observation.value[x],
derivedFrom, method - are the same in R4 and R4B). It refuses unknown elements and a wrong
cardinality or one-of; it does not check profiles or value sets, which the tests below pin by
hand from KL's FSH files (hl7dk/KL-dk-tools at commit 0d33c7538a5f0e8205e5fe1a7e97badbff5390b2).
"""

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given
from hypothesis import strategies as st

from helhed.errors import ValidationError
from helhed.screening import who5
from helhed.screening.fhir import (
    ANSWER_CODES,
    ANSWER_DISPLAYS,
    EARLIER_QUESTIONNAIRE_URL,
    FINDING_INFORMER_URL,
    KL_CODE_SYSTEM,
    LINK_IDS,
    NO_PROBLEMS,
    ORDINAL_VALUE_URL,
    QUESTIONNAIRE_URL,
    TECHNIQUE_URL,
    Informant,
    KLResponse,
    Procedure,
    item_observations,
    questionnaire_response,
    read_response,
    score_from_response,
    total_observation,
)

KL_EXAMPLE = Path(__file__).parent / "data" / "kl" / "WHO-5AnswerMark.json"
DAY = dt.date(2024, 3, 4)
SUBJECT = "Patient/example"
SCT = "http://snomed.info/sct"
ANSWERS = st.lists(st.integers(0, 5), min_size=5, max_size=5)
SOURCES = st.none() | st.sampled_from(list(Informant))
PROCEDURES = st.none() | st.sampled_from(list(Procedure))


def kl_example():
    return json.loads(KL_EXAMPLE.read_text(encoding="utf-8"))


def problems(err):
    return [(p.path, p.message) for p in err.value.problems]


def coding_of(response, i):
    return response["item"][i]["answer"][0]["valueCoding"]


# --- KL's own example -----------------------------------------------------------------------


def test_kls_example_response_reads_as_5_3_5_5_5():
    read = read_response(kl_example())

    assert read.score.answers == (5, 3, 5, 5, 5)
    assert read.score.total == 23  # 5 + 3 + 5 + 5 + 5
    assert read.score.scaled == 92  # 23 x 4
    assert read.source is Informant.CITIZEN  # "Borger"
    assert read.procedure is Procedure.FOLLOWED  # "Ingen problemer med test-setup ..."
    assert read.procedure_followed is True
    assert score_from_response(kl_example()) == who5.score([5, 3, 5, 5, 5])


def test_kls_example_is_valid_fhir():
    QuestionnaireResponse.model_validate(kl_example())


def test_kls_example_under_the_earlier_url_reads_too():
    example = kl_example()
    example["questionnaire"] = "http://kl.dk/fhir/tools/care/Questionnaire/KLToolsCareWHO-5"

    assert example["questionnaire"] == EARLIER_QUESTIONNAIRE_URL
    assert score_from_response(example).total == 23


def test_a_response_of_the_guides_earlier_canonical_reads_with_its_codes_and_extensions():
    # Up to version 0.3.0 the guide's canonical was http://kl.dk/fhir/tools/care
    # (sushi-config.yaml before commit 584d8f7): its code system and extensions lived there.
    earlier = json.loads(
        json.dumps(kl_example())
        .replace("http://fhir.kl.dk/ffinst/", "http://kl.dk/fhir/tools/care/")
        .replace("KLToolsCareWHO5", "KLToolsCareWHO-5")
    )

    read = read_response(earlier)

    assert earlier["questionnaire"] == EARLIER_QUESTIONNAIRE_URL
    assert read.score.answers == (5, 3, 5, 5, 5)
    assert (read.source, read.procedure_followed) == (Informant.CITIZEN, True)


def test_codes_and_extensions_under_either_canonical_read_whichever_url_is_named():
    # The codes are the same under both canonicals, and the guide's example has named the
    # Questionnaire by one canonical while its codes were under the other.
    mixed = kl_example()
    coding_of(mixed, 0)["system"] = "http://kl.dk/fhir/tools/care/CodeSystem/KLToolsCodes"
    mixed["extension"][0]["url"] = mixed["extension"][0]["url"].replace(
        "http://fhir.kl.dk/ffinst/", "http://kl.dk/fhir/tools/care/"
    )

    read = read_response(mixed)

    assert read.score.answers == (5, 3, 5, 5, 5)
    assert (read.source, read.procedure_followed) == (Informant.CITIZEN, True)


def test_kls_codes_are_read_whatever_their_case():
    # KLToolsCodes is not case-sensitive (KLToolsValueSets.fsh: ^caseSensitive = false).
    shouted = kl_example()
    for i in range(5):
        coding_of(shouted, i)["code"] = coding_of(shouted, i)["code"].upper()

    assert read_response(shouted).score.answers == (5, 3, 5, 5, 5)


def test_kls_example_without_its_extensions_reads_with_no_context():
    example = kl_example()
    del example["extension"]

    read = read_response(example)

    assert (read.source, read.procedure, read.procedure_followed) == (None, None, None)
    assert read.score.total == 23


def test_what_helhed_writes_for_kls_example_answers_matches_kls_codings():
    written = questionnaire_response(
        who5.score([5, 3, 5, 5, 5]),
        subject="Patient/Mark",
        authored=DAY,
        source=Informant.CITIZEN,
        procedure=Procedure.FOLLOWED,
    )
    example = kl_example()

    for i in range(5):
        ours = coding_of(written, i)
        assert ours.pop("extension") == [{"url": ORDINAL_VALUE_URL, "valueDecimal": [5, 3][i == 1]}]
        assert ours == coding_of(example, i)
    assert written["extension"] == example["extension"]
    assert written["meta"] == example["meta"]


# --- KL's tables ----------------------------------------------------------------------------


def test_each_item_has_six_codes_from_its_own_value_set():
    codes = [code for link_id in LINK_IDS for code, _ in ANSWER_CODES[link_id].values()]

    assert len(codes) == len(set(codes)) == 30
    assert [sorted(ANSWER_CODES[link_id]) for link_id in LINK_IDS] == [[0, 1, 2, 3, 4, 5]] * 5
    # KLToolsValueSets.fsh line 11 and line 32, checked by hand
    assert ANSWER_CODES["happy"][0] == (
        "d092cdf0-e4e0-4cf6-a506-0adf95f56a8d",
        "WHO-5 På intet tidspunkt - 0 (glad)",
    )
    assert ANSWER_CODES["interest"][4] == (
        "b62a3f31-9b63-4b86-b5bd-edf300b9fbd6",
        "WHO-5 Det meste af tiden - 4 (interesseret)",
    )


def test_kls_informant_and_procedure_codes():
    assert [(m.value, m.label_da) for m in Informant] == [
        ("a3d30bf2-4a3c-4c49-9001-5363ae11681c", "Borger"),
        ("71675b26-285e-4551-9488-991d8b34a12a", "Borger støttet af pårørende"),
        ("5937b533-a4e3-45af-9ddf-61dce1d56b74", "Borger støttet af medarbejder"),
        ("d5762abe-706b-4d52-ac2b-2621c60486b2", "Pårørende alene"),
        ("111b2c8a-389d-4ecc-9187-ce78f019649b", "Medarbejder alene"),
    ]
    assert [m.value for m in Procedure] == [
        "4a069078-c3c3-4c67-899d-4e8876026f48Ja",
        "17772b27-bc9d-4d62-9515-d268a98a3a27",
        "a3231c9a-5569-49c4-8760-4fffbf0b2b80",
        "6713249a-433e-4b93-8975-0214a473dab5",
    ]
    assert [
        KLResponse(score=who5.score([0] * 5), procedure=p).procedure_followed for p in Procedure
    ] == [
        True,
        False,
        False,
        False,
    ]


def test_a_kl_response_shows_nothing_in_its_repr():
    read = read_response(kl_example())

    assert "23" not in repr(read)
    assert "Borger" not in repr(read)
    assert "CITIZEN" not in repr(read)


# --- Round trips ----------------------------------------------------------------------------


@given(
    answers=ANSWERS,
    source=SOURCES,
    procedure=PROCEDURES,
    drop_ordinal=st.booleans(),
    drop_display=st.booleans(),
    through_json=st.booleans(),
)
def test_every_written_response_is_valid_fhir_and_reads_back(  # noqa: PLR0913, PLR0917 - one per shape
    answers, source, procedure, drop_ordinal, drop_display, through_json
):
    result = who5.score(answers)
    written = questionnaire_response(
        result, subject=SUBJECT, authored=DAY, source=source, procedure=procedure
    )
    QuestionnaireResponse.model_validate(written)
    assert ("meta" in written) is (source is not None)
    for i, link_id in enumerate(LINK_IDS):
        coding = coding_of(written, i)
        assert coding["system"] == KL_CODE_SYSTEM
        assert (coding["code"], coding["display"]) == ANSWER_CODES[link_id][answers[i]]
        if drop_ordinal:
            del coding["extension"]
        if drop_display:
            del coding["display"]
    if through_json:
        written = json.loads(json.dumps(written))

    read = read_response(written)

    assert read == KLResponse(score=result, source=source, procedure=procedure)


@given(answers=ANSWERS)
def test_helheds_earlier_form_still_reads(answers):
    earlier = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": QUESTIONNAIRE_URL,
        "status": "completed",
        "item": [
            {
                "linkId": link_id,
                "answer": [
                    {
                        "valueCoding": {
                            "extension": [{"url": ORDINAL_VALUE_URL, "valueDecimal": value}],
                            "display": ANSWER_DISPLAYS[value],
                        }
                    }
                ],
            }
            for link_id, value in zip(LINK_IDS, answers, strict=True)
        ],
    }

    assert score_from_response(earlier) == who5.score(answers)


# --- Disagreement is refused at its path ----------------------------------------------------


@given(answers=ANSWERS, item=st.integers(0, 4), other=st.integers(1, 5))
def test_a_display_or_ordinal_value_that_disagrees_with_the_code_is_refused(answers, item, other):
    wrong = (answers[item] + other) % 6
    written = questionnaire_response(who5.score(answers), subject=SUBJECT, authored=DAY)
    at = f"item[{item}].answer[0].valueCoding"

    by_display = copy.deepcopy(written)
    coding_of(by_display, item)["display"] = ANSWER_CODES[LINK_IDS[item]][wrong][1]
    with pytest.raises(ValidationError) as err:
        score_from_response(by_display)
    assert problems(err) == [(f"{at}.display", "does not agree with the code")]

    by_ordinal = copy.deepcopy(written)
    coding_of(by_ordinal, item)["extension"][0]["valueDecimal"] = wrong
    with pytest.raises(ValidationError) as err:
        score_from_response(by_ordinal)
    assert problems(err) == [(f"{at}.extension[0].valueDecimal", "does not agree with the code")]
    assert all(str(wrong) not in p.message for p in err.value.problems)


def test_another_items_code_is_refused():
    example = kl_example()
    coding_of(example, 0)["code"] = coding_of(example, 1)["code"]
    del coding_of(example, 0)["display"]

    with pytest.raises(ValidationError) as err:
        score_from_response(example)

    assert problems(err) == [
        (
            "item[0].answer[0].valueCoding.code",
            "must be a code of the value set http://fhir.kl.dk/ffinst/ValueSet/WHO5AnswerCodesHappy",
        )
    ]


# --- KL's extensions ------------------------------------------------------------------------

CONCEPT = ("extension", 0, "valueCodeableConcept")


def damaged(path, value):
    example = kl_example()
    node = example
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return example


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("extension",), "Borger", [("extension", "must be a list")]),
        (
            (*CONCEPT, "coding", 0, "code"),
            "4a069078-c3c3-4c67-899d-4e8876026f48Ja",  # a procedure's code, not an informant's
            [("extension[0].valueCodeableConcept.coding[0].code", "must be a code of Informant")],
        ),
        (
            (*CONCEPT, "coding", 0, "display"),
            "Pårørende alene",
            [
                (
                    "extension[0].valueCodeableConcept.coding[0].display",
                    "does not agree with the code",
                )
            ],
        ),
        (
            (*CONCEPT, "coding", 0, "system"),
            "http://example.org/codes",
            [
                (
                    "extension[0].valueCodeableConcept.coding",
                    "must hold exactly one coding of "
                    "http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes",
                )
            ],
        ),
        (
            CONCEPT,
            "Borger",
            [("extension[0].valueCodeableConcept.coding", "must be a list of codings")],
        ),
        (
            ("extension", 1, "url"),
            FINDING_INFORMER_URL,
            [("extension[1]", "repeats an extension given before")],
        ),
        (
            ("extension", 1, "valueCodeableConcept", "coding", 0, "code"),
            "a3d30bf2-4a3c-4c49-9001-5363ae11681c",
            [("extension[1].valueCodeableConcept.coding[0].code", "must be a code of Procedure")],
        ),
    ],
)
def test_a_bad_kl_extension_is_refused_at_its_path(path, value, expected):
    with pytest.raises(ValidationError) as err:
        read_response(damaged(path, value))

    assert problems(err) == expected


def test_every_informant_and_procedure_reads_back():
    for source in Informant:
        for procedure in Procedure:
            written = questionnaire_response(
                who5.score([2] * 5),
                subject=SUBJECT,
                authored=DAY,
                source=source,
                procedure=procedure,
            )
            assert written["extension"][0]["url"] == FINDING_INFORMER_URL
            assert written["extension"][1]["url"] == TECHNIQUE_URL
            read = read_response(written)
            assert (read.source, read.procedure) == (source, procedure)


def test_source_and_procedure_must_be_kls_codes():
    with pytest.raises(ValidationError) as err:
        questionnaire_response(
            who5.score([2] * 5),
            subject=SUBJECT,
            authored=DAY,
            source="Borger",
            procedure=Informant.CITIZEN,
        )

    assert problems(err) == [
        ("source", "must be a member of Informant or None"),
        ("procedure", "must be a member of Procedure or None"),
    ]


# --- Per-item Observations ------------------------------------------------------------------

FINDINGS = dict.fromkeys(LINK_IDS, NO_PROBLEMS) | {"calm": "48694002"}


def observations(answers=(5, 3, 5, 5, 5), **kwargs):
    kwargs.setdefault("findings", FINDINGS)
    return item_observations(
        who5.score(list(answers)),
        subject="Patient/Mark",
        effective=DAY,
        derived_from="QuestionnaireResponse/WHO-5AnswerMark",
        **kwargs,
    )


def test_the_calm_observation_matches_kls_example():
    # KL's example MarksWHO5-2 (KLToolsCareWHO5observation.fsh), with helhed's effective date.
    calm = observations(procedure=Procedure.FOLLOWED)[1]

    assert calm == {
        "resourceType": "Observation",
        "meta": {
            "profile": ["http://fhir.kl.dk/ffinst/StructureDefinition/KLToolsWHO5ObservationCalm2"]
        },
        "extension": [
            {
                "url": "http://fhir.kl.dk/ffinst/StructureDefinition/AssociatedConditions",
                "valueCodeableConcept": {"coding": [{"system": SCT, "code": "106126000"}]},
            }
        ],
        "status": "final",
        "code": {"coding": [{"system": SCT, "code": "285854004"}]},
        "subject": {"reference": "Patient/Mark"},
        "effectiveDateTime": "2024-03-04",
        "valueCodeableConcept": {
            "coding": [
                {
                    "system": KL_CODE_SYSTEM,
                    "code": "1ab11c78-6258-4069-9065-0f076833b133",
                    "display": "WHO-5 Lidt mere end halvdelen af tiden - 3 (rolig)",
                },
                {"system": SCT, "code": "48694002"},
            ]
        },
        "method": {
            "coding": [
                {
                    "system": KL_CODE_SYSTEM,
                    "code": "4a069078-c3c3-4c67-899d-4e8876026f48Ja",
                    "display": "Ingen problemer med test-setup og borgers udførelse",
                }
            ]
        },
        "derivedFrom": [{"reference": "QuestionnaireResponse/WHO-5AnswerMark"}],
    }


def test_each_item_observation_follows_its_profile():
    found = observations(source=Informant.RELATIVE)

    # KLToolsWHO5ObservationHappy1 ... Interest5: fixed code and associated condition
    assert [
        (
            o["meta"]["profile"][0].rsplit("/", 1)[1],
            o["code"]["coding"][0]["code"],
            o["extension"][0]["valueCodeableConcept"]["coding"][0]["code"],
        )
        for o in found
    ] == [
        ("KLToolsWHO5ObservationHappy1", "285854004", "106126000"),
        ("KLToolsWHO5ObservationCalm2", "285854004", "106126000"),
        ("KLToolsWHO5ObservationActive3", "406202006", "301325005"),
        ("KLToolsWHO5ObservationRested4", "363817001", "106168000"),
        ("KLToolsWHO5ObservationInterest5", "247752005", "365462008"),
    ]
    assert all(o["extension"][1]["url"] == FINDING_INFORMER_URL for o in found)
    assert all("method" not in o for o in found)


@given(answers=ANSWERS, source=SOURCES, procedure=PROCEDURES, data=st.data())
def test_every_item_observation_is_valid_fhir_and_carries_the_answer(
    answers, source, procedure, data
):
    findings = {
        link_id: data.draw(st.sampled_from([NO_PROBLEMS, problem]))
        for link_id, problem in zip(
            LINK_IDS, ["366979004", "48694002", "248274002", "422730001", "713566001"], strict=True
        )
    }

    found = observations(answers, findings=findings, source=source, procedure=procedure)

    for link_id, value, o in zip(LINK_IDS, answers, found, strict=True):
        Observation.model_validate(o)
        kl_coding, sct_coding = o["valueCodeableConcept"]["coding"]
        assert (kl_coding["code"], kl_coding["display"]) == ANSWER_CODES[link_id][value]
        assert sct_coding == {"system": SCT, "code": findings[link_id]}
        assert o["derivedFrom"] == [{"reference": "QuestionnaireResponse/WHO-5AnswerMark"}]
        assert ("method" in o) is (procedure is not None)
        assert len(o["extension"]) == 1 + (source is not None)


def test_findings_must_come_from_each_items_value_set():
    with pytest.raises(ValidationError) as err:
        observations(findings={"happy": "48694002", "calm": NO_PROBLEMS, "sleep": NO_PROBLEMS})

    assert problems(err) == [
        ("findings.sleep", "is not a linkId of a WHO-5 item"),
        ("findings.happy", "must be 160245001 or 366979004"),
        ("findings.active", "must be 160245001 or 248274002"),
        ("findings.rested", "must be 160245001 or 422730001"),
        ("findings.interest", "must be 160245001 or 713566001"),
    ]
    with pytest.raises(ValidationError) as err:
        observations(findings=None, status="done")
    assert problems(err) == [
        (
            "status",
            "must be one of: amended, cancelled, corrected, entered-in-error, final, "
            "preliminary, registered, unknown",
        ),
        ("findings", "must map each linkId to a SNOMED CT finding"),
    ]


@given(answers=ANSWERS)
def test_the_total_observation_is_valid_fhir(answers):
    o = total_observation(
        who5.score(answers), subject=SUBJECT, effective=DAY, derived_from="urn:uuid:1"
    )

    Observation.model_validate(o)
    assert o["valueQuantity"]["value"] == 4 * sum(answers)


def test_item_observations_name_every_bad_argument_at_its_path():
    with pytest.raises(ValidationError) as caught:
        item_observations(
            who5.score([5, 3, 5, 5, 5]),
            subject=None,
            effective="x",
            derived_from=" ",
            source="x",
            procedure="y",
            findings={1: "a", "zz": "b", "happy": NO_PROBLEMS},
        )

    assert problems(caught) == [
        ("subject", "must be a non-blank string"),
        ("derived_from", "must be a non-blank string"),
        ("effective", "must be a date or a datetime"),
        ("source", "must be a member of Informant or None"),
        ("procedure", "must be a member of Procedure or None"),
        ("findings[(not text)]", "is not a linkId of a WHO-5 item"),
        ("findings.zz", "is not a linkId of a WHO-5 item"),
        ("findings.calm", "must be 160245001 or 48694002"),
        ("findings.active", "must be 160245001 or 248274002"),
        ("findings.rested", "must be 160245001 or 422730001"),
        ("findings.interest", "must be 160245001 or 713566001"),
    ]


@pytest.mark.parametrize(
    ("keep", "problem"),
    [
        (
            "system",
            (
                "item[0].answer[0].valueCoding.code",
                "must be a code of the value set "
                "http://fhir.kl.dk/ffinst/ValueSet/WHO5AnswerCodesHappy",
            ),
        ),
        (
            "code",
            (
                "item[0].answer[0].valueCoding.system",
                "must be http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes",
            ),
        ),
    ],
)
def test_a_coding_with_only_a_code_or_only_a_system_is_read_as_kls_and_refused(keep, problem):
    response = kl_example()
    coding = coding_of(response, 0)
    for key in ("code", "system", "display"):
        if key != keep:
            coding.pop(key)

    with pytest.raises(ValidationError) as caught:
        read_response(response)

    assert problems(caught) == [problem]


def test_a_kl_coding_with_another_extension_and_no_ordinal_value_reads():
    response = kl_example()
    coding_of(response, 0)["extension"] = [{"url": "http://example.org/note", "valueString": "x"}]

    assert read_response(response).score.answers == (5, 3, 5, 5, 5)


def test_an_extension_code_that_is_not_text_is_refused_at_its_path():
    response = kl_example()
    informer = next(e for e in response["extension"] if e["url"].endswith("FindingInformer"))
    informer["valueCodeableConcept"]["coding"][0]["code"] = 5
    k = response["extension"].index(informer)

    with pytest.raises(ValidationError) as caught:
        read_response(response)

    assert problems(caught) == [
        (f"extension[{k}].valueCodeableConcept.coding[0].code", "must be a code of Informant")
    ]
