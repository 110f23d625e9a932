"""TOML files (protocols, scenarios) are read within the bounds JSON documents are read in."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed._reading import MAX_DEPTH, MAX_DIGITS, loads_toml
from helhed.errors import ValidationError
from helhed.protocol_files import parse_protocol
from helhed.testing.scenarios import read_scenarios

TOO_DEEP = f"nests arrays and tables more than {MAX_DEPTH} deep; a helhed document needs far fewer"


def refused(text):
    with pytest.raises(ValidationError) as info:
        loads_toml(text)
    return [str(p) for p in info.value.problems]


def nested(depth):
    return "a = " + "[" * depth + "]" * depth


def test_nesting_is_bounded_as_in_json():
    # the root table is depth 0 and array n is depth n: 64 arrays read, 65 do not
    assert loads_toml(nested(MAX_DEPTH))["a"] is not None
    assert refused(nested(MAX_DEPTH + 1)) == [TOO_DEEP]
    # far past where Python's own TOML reader gives up with a RecursionError
    assert refused(nested(100_000)) == [TOO_DEEP]


def test_numbers_are_bounded_as_in_json():
    assert loads_toml("a = " + "9" * MAX_DIGITS) == {"a": int("9" * MAX_DIGITS)}
    assert refused("a = " + "9" * (MAX_DIGITS + 1)) == [
        f"a: must be a number of at most {MAX_DIGITS} digits"
    ]
    # beyond Python's limit on the digits of a whole number read from text
    assert refused("a = " + "9" * 5000) == [f"must be a number of at most {MAX_DIGITS} digits"]
    assert refused("x = { y = -inf }\nz = [nan]") == [
        "x.y: must be a finite number (nan and inf are not numbers helhed reads)",
        "z[0]: must be a finite number (nan and inf are not numbers helhed reads)",
    ]


def test_text_that_is_not_toml_is_named_by_line_and_column():
    assert refused("a = 1\nb = ]") == ["is not TOML: it cannot be read at line 2, column 5"]
    assert refused("a = [") == ["is not TOML: it cannot be read at the end of the document"]
    assert refused("a = '\ud800'") == [
        "holds a lone surrogate at character 5, half of a UTF-16 pair that no encoding can write;"
        " the text is damaged"
    ]


@given(st.text(alphabet="[]{}=a,\"' \n1.-", max_size=300) | st.text(max_size=200))
def test_any_text_gives_values_or_a_validation_error(text):
    for read in (
        lambda: parse_protocol(text, suffix=".toml"),
        lambda: read_scenarios(text, "toml"),
    ):
        with contextlib.suppress(ValidationError):
            read()
