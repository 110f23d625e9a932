"""Very Brief Advice: the three steps, their order, every answer code, reasons and errors.

The steps are Halsnæs' (HALSNAES, seed 000): "Spørg til sundhedsstatus og trivsel", "Oplys om,
at rådgivning øger trivsel og sundhed", "Henvis, hvis borgeren er interesseret". That they
come in order, and that recording a "no" completes the third step, is helhed's reading (the
NCSCT method's "act on the response", VBA); a declined offer's third step therefore cites VBA.
"""

from __future__ import annotations

import datetime as dt

import pytest

from helhed.errors import Problem, ValidationError
from helhed.screening import vba
from helhed.screening.vba import Answer, VbaRecord

ON = dt.date(2024, 3, 4)
YES, NO = Answer.INTERESTED, Answer.NOT_INTERESTED

ASK = ("vba.ask", "Spurgt til helbred og trivsel", "Asked about health and well-being")
ADVISE = (
    "vba.advise",
    "Fortalt, at hjælp øger trivsel og sundhed",
    "Told that help improves well-being and health",
)
ACT = ("vba.act", "Handlet på svaret", "Acted on the answer")


def reason(step: tuple[str, str, str], done: bool, cite: str) -> tuple[str, str, str, str]:
    code, da, en = step
    if done:
        return (f"{code}.done", f"{da}: gjort.", f"{en}: done.", cite)
    return (f"{code}.missing", f"{da}: mangler.", f"{en}: missing.", cite)


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in exc.value.problems]


def test_the_answer_codes_and_labels() -> None:
    assert [(a.code, a.label_da, a.label_en) for a in Answer] == [
        ("interesseret", "Interesseret", "Interested"),
        ("ikke_interesseret", "Ikke interesseret", "Not interested"),
    ]
    assert (vba.NAME, vba.TITLE) == ("vba", "Very Brief Advice")


# Every record the order allows: (asked, advised, answer, referred) -> steps, complete, reasons.
# The golden reasons: each step done or missing, with its Danish and English text and citation.
RECORDS = [
    (
        (False, False, None, False),
        0,
        [
            reason(ASK, False, "HALSNAES"),
            reason(ADVISE, False, "HALSNAES"),
            reason(ACT, False, "HALSNAES"),
        ],
    ),
    (
        (True, False, None, False),
        1,
        [
            reason(ASK, True, "HALSNAES"),
            reason(ADVISE, False, "HALSNAES"),
            reason(ACT, False, "HALSNAES"),
        ],
    ),
    (
        (True, True, None, False),
        2,
        [
            reason(ASK, True, "HALSNAES"),
            reason(ADVISE, True, "HALSNAES"),
            reason(ACT, False, "HALSNAES"),
        ],
    ),
    # interested but not yet referred: the third step is still missing (Halsnæs: refer)
    (
        (True, True, YES, False),
        2,
        [
            reason(ASK, True, "HALSNAES"),
            reason(ADVISE, True, "HALSNAES"),
            reason(ACT, False, "HALSNAES"),
        ],
    ),
    # referred: complete, the third step is Halsnæs'
    (
        (True, True, YES, True),
        3,
        [
            reason(ASK, True, "HALSNAES"),
            reason(ADVISE, True, "HALSNAES"),
            reason(ACT, True, "HALSNAES"),
        ],
    ),
    # declined and recorded: complete, the third step is helhed's reading of VBA's "act"
    (
        (True, True, NO, False),
        3,
        [reason(ASK, True, "HALSNAES"), reason(ADVISE, True, "HALSNAES"), reason(ACT, True, "VBA")],
    ),
]


@pytest.mark.parametrize(("fields", "steps", "golden"), RECORDS)
def test_every_record_its_steps_and_its_reasons(
    fields: tuple[bool, bool, Answer | None, bool],
    steps: int,
    golden: list[tuple[str, str, str, str]],
) -> None:
    asked, advised, answer, referred = fields
    record = VbaRecord(asked=asked, advised=advised, answer=answer, referred=referred)
    assert record.steps == steps
    reading = vba.interpret(record, on=ON)
    assert reading.on == ON
    assert reading.complete is (steps == 3)
    assert [(r.code, r.text_da, r.text_en, str(r.citation)) for r in reading.reasons] == golden
    # the same record read from a mapping, the answer by its code
    mapping = {
        "asked": asked,
        "advised": advised,
        "answer": None if answer is None else answer.code,
        "referred": referred,
    }
    assert vba.score(mapping) == record
    assert vba.validate(mapping) == record


def test_the_defaults_are_no_answer_and_not_referred() -> None:
    record = vba.score({"asked": True, "advised": True})
    assert (record.answer, record.referred) == (None, False)
    assert record == VbaRecord(asked=True, advised=True)
    assert vba.score({"asked": True, "advised": True, "answer": NO}).answer is NO
    assert vba.validate(record) is record


ASK_FIRST = ("advised", "the citizen must be asked before being advised")
ADVISE_FIRST = ("answer", "the citizen answers the advice, so it must be given first")
ONLY_INTERESTED = ("referred", "only a citizen who is interested is referred")
FLAG = "must be true or false"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # the order of the steps
        ({"asked": False, "advised": True}, [ASK_FIRST]),
        ({"asked": False, "advised": False, "answer": YES}, [ADVISE_FIRST]),
        ({"asked": True, "advised": False, "answer": NO}, [ADVISE_FIRST]),
        ({"asked": True, "advised": True, "answer": NO, "referred": True}, [ONLY_INTERESTED]),
        ({"asked": True, "advised": True, "answer": None, "referred": True}, [ONLY_INTERESTED]),
        ({"asked": True, "advised": False, "referred": True}, [ONLY_INTERESTED]),
        (
            {"asked": False, "advised": True, "answer": NO, "referred": True},
            [ASK_FIRST, ONLY_INTERESTED],
        ),
        (
            {"asked": False, "advised": False, "answer": NO, "referred": True},
            [ADVISE_FIRST, ONLY_INTERESTED],
        ),
        # the types; the order is not judged until they are right
        ({"asked": 1, "advised": True}, [("asked", FLAG)]),
        ({"asked": 0, "advised": True}, [("asked", FLAG)]),
        ({"asked": True, "advised": "ja"}, [("advised", FLAG)]),
        ({"asked": True, "advised": True, "answer": YES, "referred": 1}, [("referred", FLAG)]),
        ({"asked": True, "advised": True, "answer": NO, "referred": 1}, [("referred", FLAG)]),
        ({"asked": True, "advised": 0, "answer": YES}, [("advised", FLAG)]),
        ({"asked": True, "advised": True, "answer": 1}, [("answer", "must be an Answer")]),
        (
            {"asked": True, "advised": False, "answer": 1, "referred": True},
            [("answer", "must be an Answer")],
        ),
        (
            {"asked": None, "advised": None, "answer": 2, "referred": None},
            [
                ("asked", FLAG),
                ("advised", FLAG),
                ("referred", FLAG),
                ("answer", "must be an Answer"),
            ],
        ),
        # the mapping itself
        (
            {"asked": True, "advised": True, "answer": "ja"},
            [("answer", "unknown Answer code; expected one of: interesseret, ikke_interesseret")],
        ),
        ({"advised": True}, [("asked", "is required")]),
        ({"asked": True}, [("advised", "is required")]),
        ({}, [("asked", "is required"), ("advised", "is required")]),
        (
            {"asked": True, "advised": True, "spurgt": True, 3: 1, "accepted": False},
            [
                ("3", "is not a step of Very Brief Advice"),
                ("accepted", "is not a step of Very Brief Advice"),
                ("spurgt", "is not a step of Very Brief Advice"),
            ],
        ),
        (
            {"other": 1},
            [
                ("other", "is not a step of Very Brief Advice"),
                ("asked", "is required"),
                ("advised", "is required"),
            ],
        ),
    ],
)
def test_problems_name_the_field_and_never_the_answer(
    fields: dict[object, object], expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationError) as exc:
        vba.score(fields)
    assert problems(exc) == expected
    assert exc.value.problems == tuple(Problem(p, m) for p, m in expected)


@pytest.mark.parametrize("bad", [[True, True], (True, True), "asked", None, 3])
def test_a_record_is_a_mapping(bad: object) -> None:
    with pytest.raises(ValidationError) as exc:
        vba.validate(bad)
    assert problems(exc) == [("answers", "must be a mapping of the three steps")]


RECORD = VbaRecord(asked=True, advised=True)


@pytest.mark.parametrize(
    ("result", "on", "expected"),
    [
        (None, ON, [("result", "must be a VbaRecord")]),
        ({"asked": True, "advised": True}, ON, [("result", "must be a VbaRecord")]),
        (RECORD, "2024-03-04", [("on", "must be a date")]),
        (RECORD, dt.datetime(2024, 3, 4, 9, tzinfo=dt.UTC), [("on", "must be a date")]),
        ("x", None, [("result", "must be a VbaRecord"), ("on", "must be a date")]),
    ],
)
def test_interpret_needs_a_record_and_a_date(
    result: object, on: object, expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationError) as exc:
        vba.interpret(result, on=on)  # type: ignore[arg-type]
    assert problems(exc) == expected
