"""Fuzzing the readers: whatever text or bytes come in, the only error is a ValidationError.

Run in `make test` with the default Hypothesis profile (a few seconds), and in `make fuzz` with
the ``fuzz`` profile, which prints how many inputs were tried and what they gave.
"""

import json

from hypothesis import given
from hypothesis import strategies as st

import fuzzing
from helhed.errors import ValidationError
from helhed.models.catalogue_csv import from_csv, to_csv
from helhed.serialization import DOCUMENTS, from_json, to_dict
from helhed.testing import strategies as hs

NAMES = sorted(DOCUMENTS)

# What broke the readers before: long numbers, deep nesting, odd constants, lone surrogates,
# bytes that are not UTF-8, byte-order marks.
NASTY = [
    "1" * 4301,
    "-" + "9" * 101,
    "1e400",
    "0." + "5" * 200,
    "NaN",
    "-Infinity",
    "[" * 2000,
    "{" * 100,
    '"\\ud800"',
    '"\\udc00\\ud800"',
    "\ud800",
    "\ufeff",
    "\x00",
    '"',
    "\\",
    "[]",
    "{}",
    "null",
    "true",
    '"schema_version"',
    "ø",
]
NASTY_BYTES = [
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\x80",
    b"\xc3",
    b"\xf8",
    b"\xed\xa0\x80",
]

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["", "2025-02-30", "12:00", "sygedagpenge", "kategori_2", "x" * 200]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


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


@given(st.text())
def test_any_text_is_read_or_refused(text):
    every_document("text", text)


@given(st.binary(), st.sampled_from([None, "cp1252", "latin-1", "utf-16"]))
def test_any_bytes_are_read_or_refused(data, encoding):
    every_document("bytes", data, encoding=encoding)


@st.composite
def mutated_text(draw):
    """A valid document's JSON with a span replaced by nasty or random text, and its type."""
    name = draw(st.sampled_from(NAMES))
    text = json.dumps(to_dict(draw(hs.documents(name))), ensure_ascii=False)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 20)))
    middle = draw(st.sampled_from(NASTY) | st.text(max_size=10))
    return name, text[:start] + middle + text[end:]


@given(mutated_text(), st.booleans())
def test_mutated_documents_are_read_or_refused(mutation, as_bytes):
    name, text = mutation
    data = text.encode("utf-8", "surrogatepass") if as_bytes else text
    feed("mutated text", lambda: from_json(data, DOCUMENTS[name]))


@st.composite
def mutated_bytes(draw):
    """A valid document's UTF-8 bytes with a byte-order mark or a bad byte put somewhere."""
    name = draw(st.sampled_from(NAMES))
    data = json.dumps(to_dict(draw(hs.documents(name))), ensure_ascii=False).encode()
    at = draw(st.integers(0, len(data)))
    return name, data[:at] + draw(st.sampled_from(NASTY_BYTES) | st.binary(max_size=4)) + data[at:]


@given(mutated_bytes())
def test_documents_with_bad_bytes_are_read_or_refused(mutation):
    name, data = mutation
    feed("mutated bytes", lambda: from_json(data, DOCUMENTS[name]))


def _replace_somewhere(draw, value):
    """``value`` with one node, drawn among all of them, replaced by a random JSON value."""
    paths = []
    stack = [((), value)]
    while stack:
        path, node = stack.pop()
        paths.append(path)
        if isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
    target = draw(st.sampled_from(paths))
    new = draw(JSON_VALUES | st.sampled_from(NASTY))
    if not target:
        return new
    parent = value
    for step in target[:-1]:
        parent = parent[step]
    parent[target[-1]] = new
    return value


@st.composite
def mutated_values(draw):
    """A valid document's dict with one value, anywhere, replaced by another JSON value."""
    name = draw(st.sampled_from(NAMES))
    data = to_dict(draw(hs.documents(name)))
    for _ in range(draw(st.integers(1, 3))):
        data = _replace_somewhere(draw, data)
    return name, json.dumps(data, ensure_ascii=False)


@given(mutated_values())
def test_documents_with_wrong_values_are_read_or_refused(mutation):
    name, text = mutation
    feed("mutated values", lambda: from_json(text, DOCUMENTS[name]))


@st.composite
def mutated_csv(draw):
    """A valid catalogue's CSV with a span replaced, as text or as bytes in some encoding."""
    text = to_csv(draw(hs.catalogues(max_offers=4)), delimiter=draw(st.sampled_from([",", ";"])))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 20)))
    text = text[:start] + draw(st.sampled_from(NASTY) | st.text(max_size=10)) + text[end:]
    encoding = draw(st.sampled_from([None, "utf-8", "cp1252"]))
    if encoding is None:
        return text, None
    return text.encode(encoding, "replace"), draw(st.sampled_from([None, encoding]))


@given(mutated_csv())
def test_mutated_catalogue_csv_is_read_or_refused(mutation):
    data, encoding = mutation
    feed("catalogue csv", lambda: from_csv(data, name="x", encoding=encoding))
