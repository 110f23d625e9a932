"""WHO-5 as FHIR R4 dicts after KL's WHO-5 profile, and back (helhed.screening.fhir)."""

import copy
import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.errors import ValidationError
from helhed.screening import Score, audit, audit_c, who5
from helhed.screening.fhir import (
    ANSWER_DISPLAYS,
    LINK_IDS,
    ORDINAL_VALUE_URL,
    QUESTIONNAIRE_URL,
    questionnaire_response,
    score_from_response,
    total_observation,
)

DAY = dt.date(2024, 3, 4)
SUBJECT = "Patient/example"
RESULT = who5.score([5, 4, 3, 2, 0])


def response(result=RESULT, **kwargs):
    return questionnaire_response(result, subject=SUBJECT, authored=DAY, **kwargs)


def observation(result=RESULT, **kwargs):
    kwargs.setdefault("derived_from", "QuestionnaireResponse/r-1")
    return total_observation(result, subject=SUBJECT, effective=DAY, **kwargs)


def problems(excinfo):
    return [str(p) for p in excinfo.value.problems]


# --- Writing --------------------------------------------------------------------------------


def test_a_response_follows_the_kl_who5_profile():
    r = response()

    assert r["resourceType"] == "QuestionnaireResponse"
    assert r["questionnaire"] == QUESTIONNAIRE_URL
    assert r["status"] == "completed"
    assert r["subject"] == {"reference": SUBJECT}
    assert r["authored"] == "2024-03-04"
    assert [item["linkId"] for item in r["item"]] == [
        "happy",
        "calm",
        "active",
        "rested",
        "interest",
    ]
    assert r["item"][0] == {
        "linkId": "happy",
        "answer": [
            {
                "valueCoding": {
                    "extension": [
                        {
                            "url": "http://hl7.org/fhir/StructureDefinition/ordinalValue",
                            "valueDecimal": 5,
                        }
                    ],
                    "system": "http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes",
                    "code": "0e5aa952-d470-4219-b275-5e8204d96987",
                    "display": "WHO-5 Hele tiden - 5 (glad)",
                }
            }
        ],
    }
    assert "extension" not in r  # no source or procedure given: none is guessed
    assert "meta" not in r  # KL's response profile needs the source, so it is not claimed


def test_each_answer_carries_kls_code_and_display_and_its_score():
    r = response()
    codings = [item["answer"][0]["valueCoding"] for item in r["item"]]

    # KLToolsValueSets.fsh: the code of each answer in the item's own value set.
    assert [(c["code"], c["display"]) for c in codings] == [
        ("0e5aa952-d470-4219-b275-5e8204d96987", "WHO-5 Hele tiden - 5 (glad)"),
        ("b128508b-8ef8-4516-b8e1-f5af02a408f3", "WHO-5 Det meste af tiden - 4 (rolig)"),
        (
            "f573ad27-7d00-4505-99ac-f0f35cd16e6a",
            "WHO-5 Lidt mere end halvdelen af tiden - 3 (aktiv)",
        ),
        (
            "8f403657-cdbd-4d87-aefe-ab040a6db428",
            "WHO-5 Lidt mindre end halvdelen af tiden - 2 (frisk)",
        ),
        ("f97749b5-e689-40a4-9eda-0b0e35d185fc", "WHO-5 På intet tidspunkt - 0 (interesseret)"),
    ]
    assert {c["system"] for c in codings} == {"http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes"}
    assert [c["extension"][0]["valueDecimal"] for c in codings] == [5, 4, 3, 2, 0]
    assert ANSWER_DISPLAYS[1] == "Lidt af tiden (1)"  # helhed's earlier label, still read


def test_a_response_is_plain_json():
    r = response()

    assert json.loads(json.dumps(r)) == r


def test_a_response_with_a_status_a_time_and_another_url():
    at = dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    r = questionnaire_response(
        RESULT, subject=SUBJECT, authored=at, status="amended", questionnaire="urn:x:who5"
    )

    assert r["authored"] == "2024-03-04T09:30:00+01:00"
    assert r["status"] == "amended"
    assert r["questionnaire"] == "urn:x:who5"


def test_bad_arguments_are_named_together():
    naive = dt.datetime(2024, 3, 4, 9, 30)  # noqa: DTZ001 - a time without a zone is refused
    with pytest.raises(ValidationError) as err:
        questionnaire_response(RESULT, subject=" ", authored=naive, status="done")

    assert [p.path for p in err.value.problems] == ["subject", "authored", "status"]
    with pytest.raises(ValidationError, match="authored: must be a date or a datetime"):
        questionnaire_response(RESULT, subject=SUBJECT, authored="2024-03-04")


@pytest.mark.parametrize(
    "result",
    [
        audit.score([0] * 10),
        audit_c.score([1, 1, 1]),
        Score(instrument="WHO-5", answers=(1, 1, 1, 1, 1), total=5, scaled=20),
    ],
)
def test_only_who5_has_a_fhir_form(result):
    for write in (response, observation):
        with pytest.raises(ValidationError) as err:
            write(result)
        assert problems(err) == ["result.instrument: must be who5; the FHIR form covers WHO-5 only"]


def test_a_result_must_be_a_consistent_who5_score():
    with pytest.raises(ValidationError, match="result: must be a Score"):
        response([1, 2, 3, 4, 5])
    with pytest.raises(ValidationError) as err:
        response(Score(instrument="who5", answers=(987654, 1, 1, 1), total=987657, scaled=20))
    assert [p.path for p in err.value.problems] == ["result.answers", "result.answers[0]"]
    assert "987654" not in str(err.value)
    for scaled in (5, None):
        bad = Score(instrument="who5", answers=(1, 1, 1, 1, 1), total=5, scaled=scaled)
        with pytest.raises(ValidationError, match=r"result\.total: does not match the answers"):
            response(bad)
    with pytest.raises(ValidationError, match="total: must be the sum of the answers"):
        Score(instrument="who5", answers=(1, 1, 1, 1, 1), total=6, scaled=24)


def test_the_total_observation_holds_the_percentage_and_points_to_the_response():
    o = observation()

    assert o["resourceType"] == "Observation"
    assert o["status"] == "final"
    assert o["subject"] == {"reference": SUBJECT}
    assert o["effectiveDateTime"] == "2024-03-04"
    assert o["valueQuantity"] == {
        "value": 56,  # raw 14 x 4
        "unit": "%",
        "system": "http://unitsofmeasure.org",
        "code": "%",
    }
    assert o["derivedFrom"] == [{"reference": "QuestionnaireResponse/r-1"}]
    assert o["category"][0]["coding"][0]["code"] == "survey"
    # the SNOMED CT code KL's WHO-5 page recommends for a total score
    assert o["code"]["coding"] == [{"system": "http://snomed.info/sct", "code": "1144665009"}]
    assert json.loads(json.dumps(o)) == o


def test_bad_observation_arguments_are_named_together():
    with pytest.raises(ValidationError) as err:
        observation(derived_from="", status="done")

    assert [p.path for p in err.value.problems] == ["derived_from", "status"]


# --- Reading back ---------------------------------------------------------------------------

WHO5_ANSWERS = st.lists(st.integers(0, 5), min_size=5, max_size=5)


@given(
    answers=WHO5_ANSWERS,
    status=st.sampled_from(["completed", "amended"]),
    through_json=st.booleans(),
    as_float=st.booleans(),
)
def test_a_response_reads_back_to_the_same_score(answers, status, through_json, as_float):
    result = who5.score(answers)
    r = response(result, status=status)
    if through_json:
        r = json.loads(json.dumps(r))
    if as_float:  # a JSON decimal may arrive as 3.0
        for item in r["item"]:
            ext = item["answer"][0]["valueCoding"]["extension"][0]
            ext["valueDecimal"] = float(ext["valueDecimal"])

    assert score_from_response(r) == result


@given(answers=WHO5_ANSWERS, order=st.permutations(range(5)))
def test_items_may_come_in_any_order_and_the_comment_is_read_past(answers, order):
    r = response(who5.score(answers))
    r["item"] = [r["item"][i] for i in order]
    r["item"].insert(2, {"linkId": "who5comment", "answer": [{"valueString": "Fin dag"}]})

    assert score_from_response(r).answers == tuple(answers)


def test_kls_own_codings_are_read_by_their_code_without_an_ordinal_value():
    r = response()
    coding = r["item"][0]["answer"][0]["valueCoding"]
    del coding["extension"]
    del r["item"][1]["answer"][0]["valueCoding"]["display"]
    r["questionnaire"] = QUESTIONNAIRE_URL + "|1.0.0"

    assert score_from_response(r) == RESULT


def test_another_questionnaire_url_can_be_read():
    r = response(questionnaire="urn:x:who5")

    with pytest.raises(ValidationError, match="questionnaire: must be the canonical URL"):
        score_from_response(r)
    assert score_from_response(r, questionnaire="urn:x:who5") == RESULT


def mutate(path, value):
    """A valid response with the node at ``path`` (keys and indexes) set to ``value``."""
    r = copy.deepcopy(response())
    node = r
    for key in path[:-1]:
        node = node[key]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return r


DELETE = object()
CODING = ("item", 2, "answer", 0, "valueCoding")
ORDINAL = (*CODING, "extension", 0, "valueDecimal")


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("resourceType",), "Observation", ["resourceType: must be QuestionnaireResponse"]),
        (("questionnaire",), DELETE, ["questionnaire: must be the canonical URL of WHO-5"]),
        (("status",), "in-progress", ["status: must be completed or amended to be scored"]),
        (("status",), "entered-in-error", ["status: must be completed or amended to be scored"]),
        (("item",), DELETE, ["item: must be a list of the answered items"]),
        (("item",), "happy", ["item: must be a list of the answered items"]),
        (
            ("item", 2),
            "active",
            [
                "item[2]: must be an object",
                "item: has no answer to item 3 (active); WHO-5 is not imputed",
            ],
        ),
        (
            ("item", 2, "linkId"),
            "3",
            [
                "item[2].linkId: must be a linkId of a WHO-5 item",
                "item: has no answer to item 3 (active); WHO-5 is not imputed",
            ],
        ),
        (
            ("item", 3, "linkId"),
            "active",
            [
                "item[3].linkId: repeats an item answered before",
                "item: has no answer to item 4 (rested); WHO-5 is not imputed",
            ],
        ),
        (
            ("item", 2, "answer"),
            DELETE,
            ["item[2].answer: item 3 is missing; WHO-5 is not imputed"],
        ),
        (("item", 2, "answer"), [], ["item[2].answer: must be a list of one answer"]),
        (
            ("item", 2, "answer"),
            {"valueCoding": {}},
            ["item[2].answer: must be a list of one answer"],
        ),
        (("item", 2, "answer", 0), 3, ["item[2].answer[0]: must be an object"]),
        (
            ("item", 2, "answer", 0),
            {"valueInteger": 3},
            ["item[2].answer[0].valueCoding: must be a Coding object"],
        ),
        (
            (*CODING, "extension"),
            "3",
            ["item[2].answer[0].valueCoding.extension: must be a list holding the ordinalValue"],
        ),
        (
            (*CODING, "extension"),
            [{"url": ORDINAL_VALUE_URL, "valueDecimal": 3}] * 2,
            ["item[2].answer[0].valueCoding.extension: must hold exactly one ordinalValue"],
        ),
        (
            (*CODING, "extension", 0),
            "3",
            ["item[2].answer[0].valueCoding.extension[0]: must be an object"],
        ),
        (
            ORDINAL,
            4,
            [
                "item[2].answer[0].valueCoding.extension[0].valueDecimal: "
                "does not agree with the code"
            ],
        ),
        (
            (*CODING, "display"),
            "Lidt mere end halvdelen af tiden (3)",
            ["item[2].answer[0].valueCoding.display: does not agree with the code"],
        ),
        (
            (*CODING, "display"),
            ["WHO-5 Lidt mere end halvdelen af tiden - 3 (aktiv)"],
            ["item[2].answer[0].valueCoding.display: does not agree with the code"],
        ),
        (
            (*CODING, "code"),
            "b128508b-8ef8-4516-b8e1-f5af02a408f3",  # calm's 4: not in active's value set
            [
                "item[2].answer[0].valueCoding.code: must be a code of the value set "
                "http://fhir.kl.dk/ffinst/ValueSet/WHO5AnswerCodesActive"
            ],
        ),
        (
            (*CODING, "system"),
            "http://fhir.kl.dk/term/CodeSystem/KLToolsCodes",
            [
                "item[2].answer[0].valueCoding.system: "
                "must be http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes"
            ],
        ),
    ],
)
def test_a_bad_response_names_the_path_of_each_problem(path, value, expected):
    with pytest.raises(ValidationError) as err:
        score_from_response(mutate(path, value))

    assert problems(err) == expected


@pytest.mark.parametrize(
    "value",
    [6, -1, 987654, 2.5, "3", True, None, float("nan"), float("inf"), Decimal("NaN"), [3]],
)
def test_an_ordinal_value_must_be_a_whole_item_score(value):
    with pytest.raises(ValidationError) as err:
        score_from_response(mutate(ORDINAL, value))

    assert problems(err) == [
        "item[2].answer[0].valueCoding.extension[0].valueDecimal: "
        "must be a whole number from 0 to 5"
    ]
    assert "987654" not in str(err.value)


def test_an_ordinal_value_may_be_a_whole_decimal():
    assert score_from_response(mutate(ORDINAL, Decimal("3.0"))) == RESULT


def test_two_answers_or_two_ordinal_values_are_refused():
    coding = response()["item"][2]["answer"][0]
    with pytest.raises(ValidationError, match=r"item\[2\]\.answer: must hold exactly one answer"):
        score_from_response(mutate(("item", 2, "answer"), [coding, coding]))
    twice = [{"url": ORDINAL_VALUE_URL, "valueDecimal": 3}] * 2
    with pytest.raises(ValidationError, match="must hold exactly one ordinalValue"):
        score_from_response(mutate((*CODING, "extension"), twice))


def test_every_missing_item_is_named():
    r = response()
    r["item"] = r["item"][:2]

    with pytest.raises(ValidationError) as err:
        score_from_response(r)

    assert [p.message[:28] for p in err.value.problems] == [
        "has no answer to item 3 (act",
        "has no answer to item 4 (res",
        "has no answer to item 5 (int",
    ]


@pytest.mark.parametrize("value", [None, "QuestionnaireResponse", [], 3])
def test_a_response_must_be_an_object(value):
    with pytest.raises(ValidationError) as err:
        score_from_response(value)

    assert problems(err) == ["must be a QuestionnaireResponse as a JSON object"]


def json_values():
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(-(10**6), 10**6)
        | st.floats(allow_nan=True, allow_infinity=True)
        | st.text(max_size=5)
        | st.sampled_from([*LINK_IDS, "who5comment", ORDINAL_VALUE_URL, QUESTIONNAIRE_URL])
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(["linkId", "answer", "url", "x"]), inner, max_size=3)
        ),
        max_leaves=6,
    )


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*prefix, i))


ALL_PATHS = [p for p in paths(response()) if p]


@given(
    answers=WHO5_ANSWERS,
    path=st.sampled_from(ALL_PATHS),
    value=json_values() | st.just(DELETE),
)
def test_any_damaged_response_raises_validation_error_or_still_reads(answers, path, value):
    r = copy.deepcopy(response(who5.score(answers)))
    node = r
    for key in path[:-1]:
        node = node[key]
    if value is DELETE:
        node.pop(path[-1])
    else:
        node[path[-1]] = value

    outcome = read(r)

    if isinstance(outcome, ValidationError):
        assert outcome.problems
        assert all(isinstance(p.path, str) and p.message for p in outcome.problems)
    else:
        assert outcome.instrument == "who5"
        assert 0 <= outcome.total <= 25


def read(r):
    """The score of ``r``, or the ValidationError it raises (any other error fails the test)."""
    try:
        return score_from_response(r)
    except ValidationError as err:
        return err
