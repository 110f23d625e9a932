"""Fuzzing the readers: whatever text, bytes or values come in, the only error is a ValidationError.

Every document type's reader (`from_json` over text and bytes), the catalogue CSV reader, the
FHIR QuestionnaireResponse reader and every screening instrument's ``score``. Each test draws
valid inputs and a seed, then feeds ``fuzzing.FAN`` mutations of them (see tests/fuzzing.py).
Run in `make test` with the default Hypothesis profile (a few seconds), and in `make fuzz` with
the ``fuzz`` profile, which prints how many documents were tried and what they gave.
"""

import copy
import json

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import fuzzing
from helhed.errors import ValidationError
from helhed.models.catalogue_csv import from_csv, to_csv
from helhed.screening import INSTRUMENTS
from helhed.screening.fhir import questionnaire_response, score_from_response
from helhed.screening.who5 import score as who5_score
from helhed.serialization import DOCUMENTS, from_json, to_dict
from helhed.testing import strategies as hs

NAMES = sorted(DOCUMENTS)
SEEDS = st.integers(0, 2**32 - 1)


def feed(test, read):
    """Call ``read`` and tally its outcome; any error but a ValidationError fails the test."""
    try:
        read()
    except ValidationError:
        fuzzing.record(test, "ValidationError")
    except Exception as exc:
        fuzzing.record(test, type(exc).__name__)
        raise
    else:
        fuzzing.record(test, "read")


def every_document(test, data, **kwargs):
    for name in NAMES:
        feed(test, lambda cls=DOCUMENTS[name]: from_json(data, cls, **kwargs))


@st.composite
def documents(draw):
    """A document type's name and a valid document of it as a JSON value."""
    name = draw(st.sampled_from(NAMES))
    return name, to_dict(draw(hs.documents(name)))


@given(st.text() | st.sampled_from(fuzzing.NASTY))
def test_any_text_is_read_or_refused(text):
    every_document("text", text)


@given(st.binary(), st.sampled_from([None, "cp1252", "latin-1", "utf-16"]))
def test_any_bytes_are_read_or_refused(data, encoding):
    every_document("bytes", data, encoding=encoding)


@given(documents(), SEEDS, st.booleans())
def test_mutated_documents_are_read_or_refused(document, seed, as_bytes):
    name, value = document
    text = json.dumps(value, ensure_ascii=False)
    rnd = fuzzing.rng(seed)
    for _ in range(fuzzing.FAN):
        mutated = fuzzing.mutate_text(rnd, text)
        data = mutated.encode("utf-8", "surrogatepass") if as_bytes else mutated
        feed("mutated text", lambda data=data: from_json(data, DOCUMENTS[name]))


@given(documents(), SEEDS)
def test_documents_with_bad_bytes_are_read_or_refused(document, seed):
    name, value = document
    data = json.dumps(value, ensure_ascii=False).encode()
    rnd = fuzzing.rng(seed)
    for _ in range(fuzzing.FAN):
        mutated = fuzzing.mutate_bytes(rnd, data)
        feed("mutated bytes", lambda mutated=mutated: from_json(mutated, DOCUMENTS[name]))


@given(documents(), SEEDS)
def test_documents_with_wrong_values_are_read_or_refused(document, seed):
    name, value = document
    rnd = fuzzing.rng(seed)
    for _ in range(fuzzing.FAN):
        mutated = copy.deepcopy(value)
        for _ in range(rnd.randint(1, 3)):
            mutated = fuzzing.replace_somewhere(rnd, mutated)
        text = json.dumps(mutated, ensure_ascii=False)
        feed("mutated values", lambda text=text: from_json(text, DOCUMENTS[name]))


@given(hs.catalogues(max_offers=4), st.sampled_from([",", ";"]), SEEDS)
def test_mutated_catalogue_csv_is_read_or_refused(catalogue, delimiter, seed):
    text = to_csv(catalogue, delimiter=delimiter)
    rnd = fuzzing.rng(seed)
    for _ in range(fuzzing.FAN):
        mutated = fuzzing.mutate_text(rnd, text)
        encoding = rnd.choice([None, "utf-8", "cp1252"])
        if encoding is None:
            data, told = mutated, None
        else:
            data = mutated.encode(encoding, "replace")
            if rnd.random() < 0.5:
                data = fuzzing.mutate_bytes(rnd, data)
            told = rnd.choice([None, encoding])
        feed("catalogue csv", lambda data=data, told=told: from_csv(data, name="x", encoding=told))


@given(st.lists(st.integers(0, 5), min_size=5, max_size=5), SEEDS)
def test_mutated_fhir_responses_are_read_or_refused(answers, seed):
    response = questionnaire_response(
        who5_score(answers), subject="Patient/p-1", authored=hs.FIRST_DATE
    )
    rnd = fuzzing.rng(seed)
    for _ in range(fuzzing.FAN):
        mutated = copy.deepcopy(response)
        for _ in range(rnd.randint(1, 3)):
            mutated = fuzzing.replace_somewhere(rnd, mutated)
        feed("fhir response", lambda mutated=mutated: score_from_response(mutated))


# A valid answer for each instrument, and numbers as numpy and pandas hand them over.
VALID_ANSWERS = {
    "who5": [5, 4, 3, 2, 0],
    "audit": [4, 4, 4, 2, 2, 0, 0, 0, 0, 4],
    "audit-c": [4, 4, 4],
    "alcohol": [21, 5],
    "vba": {"asked": True, "advised": True, "answer": None, "referred": False},
}
NUMPY_VALUES = (np.int64(3), np.float64(2.0), np.float64(2.5), np.float64("nan"), np.bool_(True))


@given(st.sampled_from(sorted(INSTRUMENTS)), SEEDS)
def test_mutated_screening_answers_are_scored_or_refused(name, seed):
    instrument = INSTRUMENTS[name]
    rnd = fuzzing.rng(seed)
    for _ in range(fuzzing.FAN):
        mutated = copy.deepcopy(VALID_ANSWERS[name])
        for _ in range(rnd.randint(1, 2)):
            if rnd.random() < 0.2 and isinstance(mutated, list) and mutated:
                mutated[rnd.randrange(len(mutated))] = rnd.choice(NUMPY_VALUES)
            else:
                mutated = fuzzing.replace_somewhere(rnd, mutated)
        feed("screening answers", lambda mutated=mutated: instrument.score(mutated))
