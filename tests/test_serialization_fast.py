"""The quick paths of the JSON form give what the general ones give, byte for byte.

``to_json`` writes documents whose fields are plain with a writer generated for their class,
``from_json`` reads them with a generated reader (parsing with orjson where it is installed),
and the bounded reader ``_reading.loads`` parses text within its bounds in one call. Each is
compared here with the general path - the converter, ``json.dumps`` and the bounded reader's
reporting path - on valid documents (the same text, equal documents) and on broken ones (the
same outcome: an equal document, or the same problems).
"""

import contextlib
import copy
import json
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import fuzzing
from helhed import _reading, serialization
from helhed._specialise import Specialiser
from helhed._values import frozen_fields
from helhed.citizens import Citizen
from helhed.errors import UnknownNameError, ValidationError
from helhed.examples import (
    DEMO_DATE,
    DEMO_SEED,
    aalborg_pathways,
    demo_cohort,
    example_catalogue,
)
from helhed.models.catalogue import Catalogue
from helhed.pathways.pathway import Pathway
from helhed.rules import Protocol
from helhed.serialization import DOCUMENTS, from_dict, from_json, to_dict, to_json
from helhed.testing import strategies as hs

NAMES = sorted(DOCUMENTS)
SEEDS = st.integers(0, 2**32 - 1)
HAS_ORJSON = _reading._ORJSON is not None


def _not_quick(*_):
    raise _reading._Unusual


@contextlib.contextmanager
def general():
    """Every quick path off: the converter, json.dumps and the reader's reporting path."""
    with (
        mock.patch.dict(serialization._WRITERS, clear=True),
        mock.patch.dict(serialization._READERS, clear=True),
        mock.patch.object(_reading, "_ORJSON", None),
        mock.patch.object(_reading, "_QUICK", _not_quick),
    ):
        yield


@contextlib.contextmanager
def without_orjson():
    """The generated readers and writers, with Python's JSON reader instead of orjson."""
    with mock.patch.object(_reading, "_ORJSON", None):
        yield


def outcome(read):
    """What ``read()`` gives: ("read", the value) or ("refused", its problems as text)."""
    try:
        return "read", read()
    except ValidationError as exc:
        return "refused", [str(p) for p in exc.problems]


def outcomes(read):
    """The outcome of ``read`` with every quick path, without orjson, and on the general path."""
    quick = outcome(read)
    with without_orjson():
        no_orjson = outcome(read)
    with general():
        slow = outcome(read)
    return quick, no_orjson, slow


def same_everywhere(read):
    quick, no_orjson, slow = outcomes(read)
    assert quick == slow
    assert no_orjson == slow
    return slow


def test_the_plain_documents_are_specialised_and_the_tagged_ones_are_not():
    plain = {Citizen, DOCUMENTS["team"], DOCUMENTS["assessment"]}

    assert plain <= set(serialization._WRITERS) & set(serialization._READERS)
    assert Pathway not in serialization._WRITERS  # tagged events
    assert Protocol not in serialization._READERS  # tagged rules


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_every_document_is_written_and_read_as_the_general_path_does(name, data):
    document = data.draw(hs.documents(name))
    text = to_json(document)
    with general():
        assert text == to_json(document)
        assert text == json.dumps(to_dict(document), ensure_ascii=False)

    assert same_everywhere(lambda: from_json(text, DOCUMENTS[name])) == ("read", document)
    assert same_everywhere(lambda: from_dict(json.loads(text), DOCUMENTS[name]))[0] == "read"


def test_the_demo_cohort_and_the_example_documents_are_written_byte_for_byte_as_before():
    documents = [
        *demo_cohort(2_000, seed=DEMO_SEED, on=DEMO_DATE),
        *aalborg_pathways(),
        example_catalogue(),
    ]
    texts = [to_json(d) for d in documents]
    with general():
        assert texts == [json.dumps(to_dict(d), ensure_ascii=False) for d in documents]
        general_reads = [from_json(t, type(d)) for t, d in zip(texts, documents, strict=True)]

    assert [from_json(t, type(d)) for t, d in zip(texts, documents, strict=True)] == documents
    assert general_reads == documents


def test_a_value_of_a_subclass_takes_the_general_path_and_is_written_the_same():
    class Code(str):
        __slots__ = ()

    citizen = Citizen(id=Code("c-1"))
    with general():
        expected = to_json(citizen)

    assert to_json(citizen) == expected
    assert to_json(citizen, indent=2) == json.dumps(to_dict(citizen), ensure_ascii=False, indent=2)


@st.composite
def documents(draw):
    """A document type's name and a valid document of it as a JSON value."""
    name = draw(st.sampled_from(NAMES))
    return name, to_dict(draw(hs.documents(name)))


@given(documents(), SEEDS)
def test_documents_with_wrong_values_give_the_same_outcome(document, seed):
    name, value = document
    rnd = fuzzing.rng(seed)
    for _ in range(fuzzing.FAN):
        mutated = copy.deepcopy(value)
        for _ in range(rnd.randint(1, 3)):
            mutated = fuzzing.replace_somewhere(rnd, mutated)
        text = json.dumps(mutated, ensure_ascii=False)
        same_everywhere(lambda text=text: from_json(text, DOCUMENTS[name]))
        same_everywhere(lambda mutated=mutated: from_dict(mutated, DOCUMENTS[name]))


@given(documents(), SEEDS)
def test_mutated_text_gives_the_same_outcome(document, seed):
    name, value = document
    text = json.dumps(value, ensure_ascii=False)
    rnd = fuzzing.rng(seed)
    for _ in range(fuzzing.FAN):
        mutated = fuzzing.mutate_text(rnd, text)
        same_everywhere(lambda mutated=mutated: from_json(mutated, DOCUMENTS[name]))


BAD_CITIZENS = (
    '{"schema_version": 3, "id": " ", "benefit": "fleksjob", "sickness_category": "kategori_2", '
    '"health": {"risk_factors": [], "challenges": [], "sick_days": 400, "affects_work": false},'
    ' "assessed_horizon": null}',
    '{"schema_version": 3.0, "id": "c-1", "benefit": null, "sickness_category": null, '
    '"health": {"risk_factors": [], "challenges": [], "sick_days": null, "affects_work": false},'
    ' "assessed_horizon": null}',
    '{"schema_version": 3, "id": "c-1", "benefit": null, "sickness_category": null, '
    '"health": {"risk_factors": [], "challenges": [], "sick_days": 1' + "0" * 100 + ", "
    '"affects_work": false}, "assessed_horizon": null}',
    '{"schema_version": 3, "id": "c-\\ud800", "benefit": null, "sickness_category": null, '
    '"health": {"risk_factors": [], "challenges": [], "sick_days": null, "affects_work": false},'
    ' "assessed_horizon": null}',
    '{"schema_version": 3, "id": "c-1", "benefit": null, "sickness_category": null, '
    '"health": {"risk_factors": [], "challenges": [], "sick_days": 1e400, "affects_work": NaN},'
    ' "assessed_horizon": null}',
    '{"schema_version": 3, "id": "c-1", "nickname": "c", "sickness_category": null, '
    '"health": {"risk_factors": [], "challenges": [], "sick_days": null, "affects_work": false},'
    ' "assessed_horizon": null}',
    '{"schema_version": 3, "id": "c-1", "benefit": null, "sickness_category": null, '
    '"health": {"risk_factors": ["kost", "kost"], "challenges": [], "sick_days": null, '
    '"affects_work": false}, "assessed_horizon": null}',
)


@pytest.mark.parametrize("text", BAD_CITIZENS)
def test_bad_citizens_are_refused_with_the_same_problems(text):
    verdict, problems = same_everywhere(lambda: from_json(text, Citizen))

    assert verdict == "refused"
    assert problems


def test_a_set_listing_a_value_twice_is_refused_on_every_path():
    text = '{"schema_version": 3, "name": "Faxe", "in_place": ["a", "b", "a"]}'

    assert same_everywhere(lambda: from_json(text, DOCUMENTS["municipality-profile"])) == (
        "refused",
        ["in_place: must not list the same value twice"],
    )


@pytest.mark.skipif(not HAS_ORJSON, reason="orjson is not installed")
def test_a_whole_number_beyond_64_bits_is_read_as_without_orjson():
    text = to_json(Citizen(id="c-1")).replace('"sick_days": null', f'"sick_days": {2**64}')

    assert same_everywhere(lambda: from_json(text, Citizen))[0] == "refused"  # at most 366


@given(st.text() | st.sampled_from(fuzzing.NASTY))
def test_the_bounded_reader_gives_the_same_outcome_on_any_text(text):
    same_everywhere(lambda: _reading.loads(text))


@given(SEEDS)
def test_the_bounded_reader_gives_the_same_outcome_on_any_json(seed):
    rnd = fuzzing.rng(seed)
    for _ in range(fuzzing.FAN):
        text = json.dumps(fuzzing.random_json(rnd), ensure_ascii=False)
        same_everywhere(lambda text=text: _reading.loads(text))
        same_everywhere(lambda text=text: _reading.loads(f" {text}\n"))


def test_what_is_not_a_document_type_is_named_as_before_and_bad_text_first():
    with pytest.raises(UnknownNameError):
        from_json("{}", [])
    with pytest.raises(UnknownNameError):
        from_dict({}, [])
    with pytest.raises(ValidationError, match="not valid JSON"):
        from_json("{", [])


@given(st.lists(st.text(min_size=1), unique=True))
def test_codes_that_sort_as_written_sort_as_written(codes):
    from helhed._specialise import _STR, _sorts_as_written  # noqa: PLC0415 - the rule tested

    plain = [c for c in codes if _sorts_as_written(c)]

    assert sorted(_STR(c) for c in plain) == [_STR(c) for c in sorted(plain)]
    assert not _sorts_as_written('a"b')
    assert not _sorts_as_written("a b")  # a space sorts before the quote


NUMBERS = ("9" * 100, "1" + "0" * 100, "-" + "9" * 100, "-1" + "0" * 100, "7" * 4301, "1e400")


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("orjson", [True, False] if HAS_ORJSON else [False])
def test_the_plain_reader_gives_what_loads_reads_or_what_its_caller_refuses(number, orjson):
    text = f'{{"n": {number}}}'
    with contextlib.nullcontext() if orjson else without_orjson():
        try:
            plain = _reading.loads_plain(text)["n"]
        except ValueError:
            plain = None
    taken = type(plain) is int and -_reading.PLAIN_INT < plain < _reading.PLAIN_INT
    verdict, value = outcome(lambda: _reading.loads(text))

    if taken:  # what the caller takes, loads reads, as the same number
        assert (verdict, plain) == ("read", value["n"])
    if not orjson:  # Python's reader gives every whole number: the bound alone decides
        assert taken == (verdict == "read")


def _reader_of(cls):
    specialiser = Specialiser()
    stem = specialiser.cls(cls)
    specialiser.lines += specialiser.reader(stem, "read", None)
    names = dict(specialiser.names)
    exec(specialiser.source(), names)  # noqa: S102 - as serialization runs it
    return names["read"]


def test_a_class_with_a_converter_or_validator_of_its_own_is_made_by_its_init():
    @attrs.frozen(field_transformer=frozen_fields)
    class Named:
        name: str = attrs.field(converter=str.strip)

    @attrs.frozen(field_transformer=frozen_fields)
    class Coded:
        codes: tuple[str, ...] = attrs.field(validator=attrs.validators.max_len(1))

    assert _reader_of(Named)({"name": " a "}).name == "a"
    with pytest.raises(ValueError, match="Length of 'codes'"):
        _reader_of(Coded)({"codes": ["x", "y"]})


def test_a_class_that_keeps_its_hash_is_made_by_its_init_and_hashes_as_built():
    @attrs.frozen(field_transformer=frozen_fields, cache_hash=True)
    class Kept:
        name: str

    assert hash(_reader_of(Kept)({"name": "a"})) == hash(Kept(name="a"))
    catalogue = example_catalogue()  # a Catalogue keeps its hash (the index of match)
    read = from_json(to_json(catalogue), Catalogue)
    assert read == catalogue
    assert hash(read) == hash(catalogue)
