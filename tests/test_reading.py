"""The reading boundary: text, bytes and files become checked text one way for every reader.

Each case below once crashed a reader with a bare Python error (found by fuzzing): now each is
a ValidationError that says where and what was expected, and never shows the value.
"""

import json

import pytest

from helhed._reading import MAX_DEPTH, MAX_DIGITS, decode, read_file, text_of
from helhed.citizens import Citizen
from helhed.errors import HelhedError, ValidationError
from helhed.examples import example_catalogue
from helhed.models.catalogue_csv import from_csv, to_csv
from helhed.serialization import from_json, parse_json
from samples import citizen_data

TOWN = "Sønderborg"
HUGE = "7" * 4301  # one digit over Python's own limit for int("...")
UTF8_ADVICE = (
    "give the file's encoding (--encoding on the command line, encoding= in Python), "
    "e.g. cp1252 for a file saved from Excel"
)


def message(call, *args, **kwargs):
    with pytest.raises(ValidationError) as err:
        call(*args, **kwargs)
    text = str(err.value)
    text.encode("utf-8")  # a message is always writable, even for a lone surrogate
    return text


def citizen_text(**changes):
    return json.dumps(citizen_data(**changes), ensure_ascii=False)


# decode


def test_utf8_is_read_with_or_without_a_byte_order_mark():
    assert decode(TOWN.encode()) == TOWN
    assert decode(b"\xef\xbb\xbf" + TOWN.encode()) == TOWN


def test_a_given_encoding_is_used_as_given():
    assert decode(b"S\xf8nderborg", encoding="cp1252") == TOWN
    assert decode(b"S\xf8nderborg", encoding="latin-1") == TOWN
    assert decode("Sønderborg".encode("utf-16"), encoding="utf-16") == TOWN


def test_cp1252_bytes_read_as_utf8_name_the_byte_and_the_encoding_and_hide_the_text():
    # "S" is byte 0; "ø" is the single byte 0xF8 in cp1252, which no UTF-8 sequence starts with.
    text = message(decode, b"S\xf8nderborg", path="borgere.csv")

    assert text == f"borgere.csv: is not UTF-8 text: byte 1 cannot be read as utf-8; {UTF8_ADVICE}"
    assert "nderborg" not in text
    assert "xf8" not in text


def test_utf16_bytes_are_refused_by_their_byte_order_mark():
    text = message(decode, b"\xff\xfe{\x00}\x00", path="a.json")

    assert text.startswith("a.json: starts with a UTF-16 byte-order mark but is read as utf-8")
    assert "--encoding utf-16" in text


def test_an_unknown_encoding_is_a_validation_error():
    assert message(decode, b"x", encoding="no-such-codec", path="a.csv") == (
        "a.csv: names an encoding this Python does not know (try utf-8, cp1252 or latin-1)"
    )


def test_bytes_undefined_in_cp1252_are_refused_with_their_offset():
    # 0x81 is one of the five bytes cp1252 leaves undefined.
    assert "byte 2 cannot be read as cp1252" in message(decode, b"ab\x81", encoding="cp1252")


def test_a_lone_surrogate_in_text_is_refused_with_its_offset():
    assert message(text_of, "ab\ud800", path="x") == (
        "x: holds a lone surrogate at character 2, half of a UTF-16 pair that no encoding can "
        "write; the text is damaged"
    )
    assert text_of("ab\ud83d\ude00".encode("utf-16", "surrogatepass"), encoding="utf-16") == "ab😀"


def test_only_text_and_bytes_are_read():
    assert message(text_of, None, path="x") == "x: must be text or bytes"
    assert message(decode, "text") == "must be bytes"


def test_read_file_names_the_file(tmp_path):
    path = tmp_path / "borgere.json"
    path.write_bytes(b'{"by": "S\xf8nderborg"}')

    assert read_file(path, encoding="cp1252") == '{"by": "Sønderborg"}'
    assert message(read_file, path).startswith(f"{path}: is not UTF-8 text: byte 9 cannot")


# JSON


def test_json_bytes_in_utf8_with_a_byte_order_mark_are_read():
    data = b"\xef\xbb\xbf" + citizen_text(id="ærø-1").encode()

    assert from_json(data, Citizen).id == "ærø-1"


def test_a_latin1_citizens_file_is_refused_unless_its_encoding_is_given():
    data = citizen_text(id=TOWN).encode("latin-1")
    at = data.index(b"\xf8")

    assert message(from_json, data, Citizen) == (
        f"is not UTF-8 text: byte {at} cannot be read as utf-8; {UTF8_ADVICE}"
    )
    assert from_json(data, Citizen, encoding="latin-1").id == TOWN


def test_an_integer_of_4301_digits_is_refused_at_its_path():
    text = citizen_text().replace('"sick_days": 12', f'"sick_days": {HUGE}')

    assert message(from_json, text, Citizen) == (
        f"health.sick_days: must be a number of at most {MAX_DIGITS} digits"
    )
    assert HUGE[:50] not in message(from_json, text, Citizen)


def test_the_digit_limit_is_100():
    assert MAX_DIGITS == 100
    assert parse_json("-" + "9" * 100) == -int("9" * 100)
    assert (
        message(parse_json, "[1, " + "9" * 101 + "]")
        == "[1]: must be a number of at most 100 digits"
    )
    assert message(parse_json, '{"a": 0.' + "5" * 100 + "}") == (
        "a: must be a number of at most 100 digits"
    )


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("NaN", "must be a finite number (NaN and Infinity are not JSON numbers)"),
        ("-Infinity", "must be a finite number (NaN and Infinity are not JSON numbers)"),
        ("1e400", "must be a number small enough to be read as a decimal number"),
    ],
)
def test_numbers_python_would_read_as_nan_or_infinity_are_refused(number, why):
    assert message(parse_json, f'{{"a": [{{"b": {number}}}]}}') == f"a[0].b: {why}"


def test_nesting_10000_deep_is_refused_before_python_recurses():
    text = "[" * 10_000 + "]" * 10_000

    # The 65th "[" is at column 65 of line 1.
    assert message(parse_json, text) == (
        "nests arrays and objects more than 64 deep (line 1, column 65); "
        "a helhed document needs far fewer"
    )


def test_nesting_up_to_64_is_read_and_brackets_in_strings_do_not_count():
    assert MAX_DEPTH == 64
    assert parse_json("[" * 64 + "]" * 64) is not None
    assert parse_json(json.dumps(["[[[{{{" * 100])) == ["[[[{{{" * 100]
    # One "[" on line 1 (the three in the string do not count), so the 65th is column 64.
    assert "more than 64 deep (line 2, column 64)" in message(
        parse_json, '["[[[",\n' + "[" * 64 + "]" * 65
    )


def test_an_escaped_lone_surrogate_is_refused_at_its_path_and_a_pair_is_read():
    text = citizen_text().replace('"id": "c-1"', '"id": "c-1\\ud800"')

    assert message(from_json, text, Citizen) == (
        "id: holds a lone surrogate at character 3, half of a UTF-16 pair that no encoding can "
        "write; the text is damaged"
    )
    assert parse_json('"\\ud83d\\ude00"') == "😀"
    assert message(parse_json, '{"\\udc00": 1}') == "has a field name that holds a lone surrogate"


def test_a_raw_lone_surrogate_in_json_text_is_refused():
    assert message(parse_json, '{"a": "\ud800"}').startswith(
        "holds a lone surrogate at character 7"
    )


def test_every_failure_is_a_helhed_error():
    for bad in ["", "[", b"\x80", "\ud800", "[" * 100, "1" * 5000, "NaN", None]:
        with pytest.raises(HelhedError):
            from_json(bad, Citizen)


# CSV


def test_a_csv_cell_of_4301_digits_is_refused_at_its_row_and_column(example_catalogue_csv):
    header, first, *rest = example_catalogue_csv.splitlines()
    columns = header.split(",")
    cells = first.split(",")
    cells[columns.index("capacity_amount")] = HUGE
    text = "\r\n".join([header, ",".join(cells), *rest])

    problems = message(from_csv, text, name="x")

    assert (
        problems
        == f"row 2, column capacity_amount: must be a whole number of at most {MAX_DIGITS} digits"
    )


def test_a_cp1252_semicolon_csv_from_excel_is_read_when_its_encoding_is_given():
    catalogue = example_catalogue()
    data = to_csv(catalogue, delimiter=";").encode("cp1252")

    read = from_csv(data, name=catalogue.name, taxonomy=catalogue.taxonomy, encoding="cp1252")

    assert read == catalogue


def test_a_cp1252_csv_read_as_utf8_is_refused_naming_the_encoding():
    text = f"id;name_da\r\na;{TOWN}"
    data = text.encode("cp1252")
    at = text.index("ø")  # every character before it is ASCII: one byte each

    assert message(from_csv, data, name="x") == (
        f"is not UTF-8 text: byte {at} cannot be read as utf-8; {UTF8_ADVICE}"
    )


def test_csv_text_and_bytes_drop_a_byte_order_mark_and_refuse_a_lone_surrogate(
    example_catalogue_csv,
):
    catalogue = example_catalogue()
    kwargs = {"name": catalogue.name, "taxonomy": catalogue.taxonomy}

    assert from_csv(b"\xef\xbb\xbf" + example_catalogue_csv.encode(), **kwargs) == catalogue
    assert message(from_csv, example_catalogue_csv + "\ud800", **kwargs).startswith(
        "holds a lone surrogate at character"
    )


@pytest.fixture
def example_catalogue_csv():
    return to_csv(example_catalogue())
