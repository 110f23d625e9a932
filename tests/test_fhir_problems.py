"""The FHIR form of WHO-5 to the letter: whole resources written, every problem read back.

A WHO-5 score of 5, 4, 3, 2 and 0 has the raw score 14 and the percentage score 56 (raw x 4).
The resources are pinned whole, field by field, after KL's WHO-5 profile as helhed.screening.fhir
describes it; each problem is pinned by its path and message, which never repeat the value.
The problems of reading are pinned on EARLIER_RESPONSE, the form helhed wrote before it wrote
KL's codes (no code; the score in ordinalValue), which it still reads.
"""

import copy
import datetime as dt
from decimal import Decimal

import pytest

from helhed.errors import ValidationError
from helhed.screening import Score, who5
from helhed.screening.fhir import (
    QUESTIONNAIRE_URL,
    Informant,
    Procedure,
    questionnaire_response,
    score_from_response,
    total_observation,
)

DAY = dt.date(2024, 3, 4)
SUBJECT = "Patient/example"
RESULT = who5.score([5, 4, 3, 2, 0])
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
RESPONSE_STATUSES = "must be one of: amended, completed, entered-in-error, in-progress, stopped"
OBSERVATION_STATUSES = (
    "must be one of: amended, cancelled, corrected, entered-in-error, final, preliminary, "
    "registered, unknown"
)


def problems(err):
    return [(p.path, p.message) for p in err.value.problems]


def item(link_id, value, display):
    return {
        "linkId": link_id,
        "answer": [
            {
                "valueCoding": {
                    "extension": [{"url": ORDINAL, "valueDecimal": value}],
                    "display": display,
                }
            }
        ],
    }


EARLIER_RESPONSE = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": "http://fhir.kl.dk/ffinst/Questionnaire/KLToolsCareWHO5",
    "status": "completed",
    "subject": {"reference": "Patient/example"},
    "authored": "2024-03-04",
    "item": [
        item("happy", 5, "Hele tiden (5)"),
        item("calm", 4, "Det meste af tiden (4)"),
        item("active", 3, "Lidt mere end halvdelen af tiden (3)"),
        item("rested", 2, "Lidt mindre end halvdelen af tiden (2)"),
        item("interest", 0, "På intet tidspunkt (0)"),
    ],
}


KL = "http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes"


def kl_item(link_id, value, code, display):
    return {
        "linkId": link_id,
        "answer": [
            {
                "valueCoding": {
                    "extension": [{"url": ORDINAL, "valueDecimal": value}],
                    "system": KL,
                    "code": code,
                    "display": display,
                }
            }
        ],
    }


def test_a_response_in_full():
    # Codes and displays copied from KLToolsValueSets.fsh (hl7dk/KL-dk-tools at 0d33c75).
    assert questionnaire_response(
        RESULT,
        subject=SUBJECT,
        authored=DAY,
        source=Informant.CITIZEN_WITH_STAFF,
        procedure=Procedure.SETUP_DEVIATED,
    ) == {
        "resourceType": "QuestionnaireResponse",
        "meta": {
            "profile": ["http://fhir.kl.dk/ffinst/StructureDefinition/KLToolsQuestionnaireResponse"]
        },
        "extension": [
            {
                "url": "http://fhir.kl.dk/ffinst/StructureDefinition/FindingInformer",
                "valueCodeableConcept": {
                    "coding": [
                        {
                            "system": KL,
                            "code": "5937b533-a4e3-45af-9ddf-61dce1d56b74",
                            "display": "Borger støttet af medarbejder",
                        }
                    ]
                },
            },
            {
                "url": "http://fhir.kl.dk/ffinst/StructureDefinition/Technique",
                "valueCodeableConcept": {
                    "coding": [
                        {
                            "system": KL,
                            "code": "a3231c9a-5569-49c4-8760-4fffbf0b2b80",
                            "display": "Afvigelse i test-setup",
                        }
                    ]
                },
            },
        ],
        "questionnaire": "http://fhir.kl.dk/ffinst/Questionnaire/KLToolsCareWHO5",
        "status": "completed",
        "subject": {"reference": "Patient/example"},
        "authored": "2024-03-04",
        "item": [
            kl_item(
                "happy", 5, "0e5aa952-d470-4219-b275-5e8204d96987", "WHO-5 Hele tiden - 5 (glad)"
            ),
            kl_item(
                "calm",
                4,
                "b128508b-8ef8-4516-b8e1-f5af02a408f3",
                "WHO-5 Det meste af tiden - 4 (rolig)",
            ),
            kl_item(
                "active",
                3,
                "f573ad27-7d00-4505-99ac-f0f35cd16e6a",
                "WHO-5 Lidt mere end halvdelen af tiden - 3 (aktiv)",
            ),
            kl_item(
                "rested",
                2,
                "8f403657-cdbd-4d87-aefe-ab040a6db428",
                "WHO-5 Lidt mindre end halvdelen af tiden - 2 (frisk)",
            ),
            kl_item(
                "interest",
                0,
                "f97749b5-e689-40a4-9eda-0b0e35d185fc",
                "WHO-5 På intet tidspunkt - 0 (interesseret)",
            ),
        ],
    }
    one = questionnaire_response(who5.score([1] * 5), subject=SUBJECT, authored=DAY)
    assert [i["answer"][0]["valueCoding"]["code"] for i in one["item"]] == [
        "c4002c8a-91c5-4737-bba6-ce364e83fd28",
        "1fb14510-ec20-4a8e-bc3a-d45fa83909c9",
        "08c8a19c-d135-4e05-a8d4-70c6da6f4842",
        "2bd7d702-99ac-4acc-b3f6-a9833a32f7c8",
        "314ab944-2f8a-453d-8653-b46cacf5f480",
    ]


def test_an_observation_in_full():
    observation = total_observation(
        RESULT, subject=SUBJECT, effective=DAY, derived_from="QuestionnaireResponse/r-1"
    )

    assert observation == {
        "resourceType": "Observation",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                        "display": "Survey",
                    }
                ]
            }
        ],
        "code": {
            "coding": [{"system": "http://snomed.info/sct", "code": "1144665009"}],
            "text": "WHO-5 Trivselsindeks, procentscore (0-100)",
        },
        "subject": {"reference": "Patient/example"},
        "effectiveDateTime": "2024-03-04",
        "valueQuantity": {
            "value": 56,
            "unit": "%",
            "system": "http://unitsofmeasure.org",
            "code": "%",
        },
        "derivedFrom": [{"reference": "QuestionnaireResponse/r-1"}],
    }


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (dt.date(2023, 12, 31), "2023-12-31"),
        (dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.UTC), "2024-03-04T09:30:00+00:00"),
        (
            dt.datetime(2024, 7, 1, 23, 5, 7, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "2024-07-01T23:05:07+02:00",
        ),
    ],
)
def test_the_moment_is_a_fhir_date_or_date_time(moment, text):
    response = questionnaire_response(RESULT, subject=SUBJECT, authored=moment)
    observation = total_observation(
        RESULT, subject=SUBJECT, effective=moment, derived_from="urn:uuid:1", status="amended"
    )

    assert response["authored"] == text
    assert (observation["effectiveDateTime"], observation["status"]) == (text, "amended")


class NoOffset(dt.tzinfo):
    """A time zone that does not know its offset: FHIR cannot use it."""

    def utcoffset(self, _when):
        return None

    def tzname(self, _when):
        return None

    def dst(self, _when):
        return None


NAIVE = dt.datetime(2024, 3, 4, 9, 30)  # noqa: DTZ001 - a time without a zone is refused
NO_ZONE = "must have a time zone; FHIR requires one with a time"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"subject": ""}, [("subject", "must be a non-blank string")]),
        ({"subject": 123}, [("subject", "must be a non-blank string")]),
        ({"questionnaire": " "}, [("questionnaire", "must be a non-blank string")]),
        ({"authored": NAIVE}, [("authored", NO_ZONE)]),
        (
            {"authored": dt.datetime(2024, 3, 4, 9, 30, tzinfo=NoOffset())},
            [("authored", NO_ZONE)],
        ),
        ({"authored": "2024-03-04"}, [("authored", "must be a date or a datetime")]),
        ({"authored": None}, [("authored", "must be a date or a datetime")]),
        ({"status": "final"}, [("status", RESPONSE_STATUSES)]),
        ({"status": None}, [("status", RESPONSE_STATUSES)]),
        (
            {"subject": None, "questionnaire": None, "authored": 2024, "status": 1},
            [
                ("subject", "must be a non-blank string"),
                ("questionnaire", "must be a non-blank string"),
                ("authored", "must be a date or a datetime"),
                ("status", RESPONSE_STATUSES),
            ],
        ),
    ],
)
def test_bad_response_arguments_give_exactly_these_problems(arguments, expected):
    with pytest.raises(ValidationError) as err:
        questionnaire_response(RESULT, **{"subject": SUBJECT, "authored": DAY, **arguments})

    assert problems(err) == expected


@pytest.mark.parametrize("status", ["in-progress", "completed", "amended", "entered-in-error"])
def test_every_response_status_fhir_allows_is_written(status):
    assert questionnaire_response(RESULT, subject=SUBJECT, authored=DAY, status=status)[
        "status"
    ] == (status)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"derived_from": " "}, [("derived_from", "must be a non-blank string")]),
        ({"status": "completed"}, [("status", OBSERVATION_STATUSES)]),
        (
            {"subject": "", "effective": NAIVE, "derived_from": None, "status": "x"},
            [
                ("subject", "must be a non-blank string"),
                ("derived_from", "must be a non-blank string"),
                ("effective", NO_ZONE),
                ("status", OBSERVATION_STATUSES),
            ],
        ),
    ],
)
def test_bad_observation_arguments_give_exactly_these_problems(arguments, expected):
    base = {"subject": SUBJECT, "effective": DAY, "derived_from": "urn:uuid:1"}
    with pytest.raises(ValidationError) as err:
        total_observation(RESULT, **{**base, **arguments})

    assert problems(err) == expected


@pytest.mark.parametrize(
    "status",
    ["registered", "preliminary", "final", "corrected", "cancelled", "entered-in-error", "unknown"],
)
def test_every_observation_status_fhir_allows_is_written(status):
    observation = total_observation(
        RESULT, subject=SUBJECT, effective=DAY, derived_from="urn:uuid:1", status=status
    )

    assert observation["status"] == status


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ((5, 4, 3, 2, 0), [("result", "must be a Score")]),
        (
            Score(instrument="audit-c", answers=(1, 1, 1), total=3),
            [("result.instrument", "must be who5; the FHIR form covers WHO-5 only")],
        ),
        (
            Score(instrument="who5", answers=(6, 1, 1, 1, 1), total=10, scaled=40),
            [("result.answers[0]", "item 1 must be a whole number from 0 to 5")],
        ),
        (
            Score(instrument="who5", answers=(1, 1, 1, 1), total=4, scaled=16),
            [("result.answers", "must hold 5 answers to WHO-5, not 4")],
        ),
        (
            Score(instrument="who5", answers=(1, 1, 1, 1, 1), total=5, scaled=21),
            [("result.total", "does not match the answers")],
        ),
        (
            Score(instrument="who5", answers=(1, 1, 1, 1, 1), total=5),
            [("result.total", "does not match the answers")],
        ),
    ],
)
def test_the_result_is_checked_first_and_alone(result, expected):
    # The other arguments are bad too: the result is checked before them.
    for write in (
        lambda: questionnaire_response(result, subject="", authored=None),
        lambda: total_observation(result, subject="", effective=None, derived_from=""),
    ):
        with pytest.raises(ValidationError) as err:
            write()
        assert problems(err) == expected


# --- Reading back ---------------------------------------------------------------------------


def damaged(path, value):
    """The expected response with the node at ``path`` set to ``value`` (or deleted)."""
    r = copy.deepcopy(EARLIER_RESPONSE)
    node = r
    for key in path[:-1]:
        node = node[key]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return r


DELETE = object()
CODING = ("item", 1, "answer", 0, "valueCoding")
AT = "item[1].answer[0].valueCoding"
WHOLE = "must be a whole number from 0 to 5"


def test_the_expected_response_reads_back():
    assert score_from_response(EARLIER_RESPONSE) == RESULT


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("resourceType",), DELETE, [("resourceType", "must be QuestionnaireResponse")]),
        (("questionnaire",), 5, [("questionnaire", "must be the canonical URL of WHO-5")]),
        (
            ("questionnaire",),
            "|" + QUESTIONNAIRE_URL,
            [("questionnaire", "must be the canonical URL of WHO-5")],
        ),
        (("status",), DELETE, [("status", "must be completed or amended to be scored")]),
        (("status",), ["completed"], [("status", "must be completed or amended to be scored")]),
        (("status",), "stopped", [("status", "must be completed or amended to be scored")]),
        (("item",), b"happy", [("item", "must be a list of the answered items")]),
        (("item",), {"linkId": "happy"}, [("item", "must be a list of the answered items")]),
        (
            ("item", 1, "linkId"),
            DELETE,
            [
                ("item[1].linkId", "must be a linkId of a WHO-5 item"),
                ("item", "has no answer to item 2 (calm); WHO-5 is not imputed"),
            ],
        ),
        (
            ("item", 1, "linkId"),
            ["calm"],
            [
                ("item[1].linkId", "must be a linkId of a WHO-5 item"),
                ("item", "has no answer to item 2 (calm); WHO-5 is not imputed"),
            ],
        ),
        (
            ("item", 4, "linkId"),
            "happy",
            [
                ("item[4].linkId", "repeats an item answered before"),
                ("item", "has no answer to item 5 (interest); WHO-5 is not imputed"),
            ],
        ),
        (
            ("item", 0),
            ["happy"],
            [
                ("item[0]", "must be an object"),
                ("item", "has no answer to item 1 (happy); WHO-5 is not imputed"),
            ],
        ),
        (
            ("item", 4, "answer"),
            None,
            [("item[4].answer", "item 5 is missing; WHO-5 is not imputed")],
        ),
        (
            ("item", 1, "answer"),
            DELETE,
            [("item[1].answer", "item 2 is missing; WHO-5 is not imputed")],
        ),
        (("item", 1, "answer"), "4", [("item[1].answer", "must be a list of one answer")]),
        (("item", 1, "answer"), b"4", [("item[1].answer", "must be a list of one answer")]),
        (("item", 1, "answer"), 4, [("item[1].answer", "must be a list of one answer")]),
        (
            ("item", 1, "answer"),
            [{"valueCoding": {}}, {"valueCoding": {}}],
            [("item[1].answer", "must hold exactly one answer; the item does not repeat")],
        ),
        (("item", 1, "answer", 0), ["x"], [("item[1].answer[0]", "must be an object")]),
        (
            ("item", 1, "answer", 0, "valueCoding"),
            DELETE,
            [(f"{AT}", "must be a Coding object")],
        ),
        (
            ("item", 1, "answer", 0, "valueCoding"),
            "Det meste af tiden (4)",
            [(f"{AT}", "must be a Coding object")],
        ),
        (
            (*CODING, "extension"),
            "x",
            [(f"{AT}.extension", "must be a list holding the ordinalValue")],
        ),
        (
            (*CODING, "extension"),
            b"x",
            [(f"{AT}.extension", "must be a list holding the ordinalValue")],
        ),
        (
            (*CODING, "extension"),
            {"url": ORDINAL, "valueDecimal": 4},
            [(f"{AT}.extension", "must be a list holding the ordinalValue")],
        ),
        (
            (*CODING, "extension"),
            [{"url": "http://example.org/other", "valueDecimal": 4}, "x"],
            [(f"{AT}.extension[1]", "must be an object")],
        ),
        (
            (*CODING, "extension"),
            [{"url": ORDINAL, "valueDecimal": 4}, {"url": ORDINAL, "valueDecimal": 4}],
            [(f"{AT}.extension", "must hold exactly one ordinalValue")],
        ),
        (
            (*CODING, "extension"),
            [{"valueDecimal": 4}],
            [(f"{AT}.extension", "must hold exactly one ordinalValue")],
        ),
        (
            (*CODING, "extension"),
            [
                {"url": "http://example.org/other", "valueString": "x"},
                {"url": ORDINAL, "valueDecimal": 9},
            ],
            [(f"{AT}.extension[1].valueDecimal", WHOLE)],
        ),
        (
            (*CODING, "extension"),
            [{"url": "http://example.org/a"}, {"url": "http://example.org/b"}, {"url": ORDINAL}],
            [(f"{AT}.extension[2].valueDecimal", WHOLE)],
        ),
        ((*CODING, "display"), 4, [(f"{AT}.display", "must be a string")]),
        (
            (*CODING, "display"),
            "Lidt af tiden (1)",
            [(f"{AT}.display", "names another answer than the ordinalValue")],
        ),
    ],
)
def test_a_bad_response_gives_exactly_these_problems(path, value, expected):
    with pytest.raises(ValidationError) as err:
        score_from_response(damaged(path, value))

    assert problems(err) == expected


@pytest.mark.parametrize(
    "value",
    [
        Decimal(6),
        Decimal("3.5"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("NaN"),
        Decimal("sNaN"),
        -0.5,
        1e300,
        "4",
        None,
        False,
    ],
)
def test_an_ordinal_value_that_is_not_a_whole_item_score(value):
    with pytest.raises(ValidationError) as err:
        score_from_response(damaged((*CODING, "extension", 0, "valueDecimal"), value))

    assert problems(err) == [(f"{AT}.extension[0].valueDecimal", WHOLE)]


@pytest.mark.parametrize(
    ("value", "score"),
    [(Decimal(4), 4), (Decimal("4.000"), 4), (Decimal(0), 0), (Decimal("-0"), 0), (5.0, 5)],
)
def test_an_ordinal_value_may_be_any_whole_number(value, score):
    r = damaged((*CODING, "extension", 0, "valueDecimal"), value)
    r["item"][1]["answer"][0]["valueCoding"].pop("display")

    assert score_from_response(r).answers == (5, score, 3, 2, 0)


@pytest.mark.parametrize(
    "display", [None, "Det meste af tiden (4)", "WHO-5 Det meste af tiden - 4", "", "Hele tiden"]
)
def test_a_display_is_read_only_when_it_is_one_of_kls_labels(display):
    assert score_from_response(damaged((*CODING, "display"), display)) == RESULT


def test_the_ordinal_value_may_sit_among_other_extensions():
    other = {"url": "http://example.org/other", "valueString": "x"}
    r = damaged((*CODING, "extension"), [other, other, {"url": ORDINAL, "valueDecimal": 4}])

    assert score_from_response(r) == RESULT


@pytest.mark.parametrize(
    ("canonical", "reads"),
    [
        (QUESTIONNAIRE_URL, True),
        (QUESTIONNAIRE_URL + "|1.0.0", True),
        (QUESTIONNAIRE_URL + "|1.0|draft", True),
        (QUESTIONNAIRE_URL + "/", False),
        ("http://kl.dk/fhir/tools/care/Questionnaire/KLToolsCareWHO-5", True),
        ("http://kl.dk/fhir/tools/care/Questionnaire/KLToolsCareWHO-5|0.1", True),
        ("http://kl.dk/fhir/tools/care/Questionnaire/KLToolsCareWHO5", False),
    ],
)
def test_the_questionnaire_is_its_canonical_url_with_or_without_a_version(canonical, reads):
    r = damaged(("questionnaire",), canonical)
    if reads:
        assert score_from_response(r) == RESULT
    else:
        with pytest.raises(ValidationError) as err:
            score_from_response(r)
        assert problems(err) == [("questionnaire", "must be the canonical URL of WHO-5")]


def test_the_comment_item_is_read_past_whatever_it_holds():
    r = copy.deepcopy(EARLIER_RESPONSE)
    r["item"].insert(0, {"linkId": "who5comment", "answer": "not a list"})
    r["item"].append({"linkId": "who5comment"})

    assert score_from_response(r) == RESULT


def test_every_problem_of_a_response_at_once_in_order():
    r = {
        "resourceType": "Questionnaire",
        "questionnaire": "urn:x",
        "status": "in-progress",
        "item": [
            item("calm", 4, "Hele tiden (5)"),
            {"linkId": "rested", "answer": []},
            "x",
            item("calm", 4, None),
        ],
    }

    with pytest.raises(ValidationError) as err:
        score_from_response(r)

    assert problems(err) == [
        ("resourceType", "must be QuestionnaireResponse"),
        ("questionnaire", "must be the canonical URL of WHO-5"),
        ("status", "must be completed or amended to be scored"),
        ("item[0].answer[0].valueCoding.display", "names another answer than the ordinalValue"),
        ("item[1].answer", "must be a list of one answer"),
        ("item[2]", "must be an object"),
        ("item[3].linkId", "repeats an item answered before"),
        ("item", "has no answer to item 1 (happy); WHO-5 is not imputed"),
        ("item", "has no answer to item 3 (active); WHO-5 is not imputed"),
        ("item", "has no answer to item 5 (interest); WHO-5 is not imputed"),
    ]


@pytest.mark.parametrize("value", [None, [EARLIER_RESPONSE], "QuestionnaireResponse", 5])
def test_a_response_that_is_not_an_object_is_one_problem_at_the_root(value):
    with pytest.raises(ValidationError) as err:
        score_from_response(value)

    assert problems(err) == [("", "must be a QuestionnaireResponse as a JSON object")]


def test_another_questionnaire_is_read_when_asked_for():
    r = damaged(("questionnaire",), "urn:x:who5|2")

    assert score_from_response(r, questionnaire="urn:x:who5") == RESULT
    with pytest.raises(ValidationError) as err:
        score_from_response(EARLIER_RESPONSE, questionnaire="urn:x:who5")
    assert problems(err) == [("questionnaire", "must be the canonical URL of WHO-5")]
