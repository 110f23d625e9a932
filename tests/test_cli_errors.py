"""Bad input on the command line: exit code 2, one line ``helhed: error: ...``, no traceback."""

import io
import json
import random

import pytest

from helhed.cli import main
from helhed.examples import DEMO_DATE, halsnaes_pathways
from helhed.examples.catalogue import example_catalogue
from helhed.models.catalogue_csv import to_csv
from helhed.protocols import PROTOCOLS
from helhed.serialization import SCHEMA_VERSION, to_dict
from samples import citizen_data

PREFIX = "helhed: error: "


def run(capsys, argv, *, stdin=None, monkeypatch=None):
    """The exit code, standard output and standard error of one run; SystemExit included."""
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # the argument parser's refusals
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, argv, **feed):
    """Run ``argv``; check it fails cleanly and return its one error line."""
    code, out, err = run(capsys, argv, **feed)
    assert code == 2, (argv, out, err)
    assert "Traceback" not in err + out
    lines = err.splitlines()
    errors = [line for line in lines if line.startswith(PREFIX)]
    assert len(errors) == 1, err
    # Only the argument parser adds its usage lines before the error line.
    assert all(line.startswith(("usage: ", " ")) for line in lines if line != errors[0]), err
    assert err.endswith(errors[0] + "\n")
    return errors[0]


@pytest.fixture
def files(tmp_path):
    """The files the cases read, built in tmp_path."""
    csv_text = to_csv(example_catalogue(), delimiter=";")
    assert any(ord(c) > 127 for c in csv_text)
    (tmp_path / "excel.csv").write_bytes(csv_text.encode("cp1252"))
    (tmp_path / "utf8.csv").write_bytes(csv_text.encode("utf-8"))
    person = citizen_data(id="søren-1")
    text = json.dumps(person, ensure_ascii=False)
    (tmp_path / "latin1.json").write_bytes(text.encode("latin-1"))
    (tmp_path / "utf8.json").write_bytes(text.encode("utf-8"))
    (tmp_path / "bom.json").write_bytes(text.encode("utf-8-sig"))
    garbage = random.Random(13).randbytes(4096)  # noqa: S311 - test data, not a secret
    (tmp_path / "garbage.bin").write_bytes(garbage)
    (tmp_path / "garbage.csv").write_bytes(garbage)
    return tmp_path


def _first_high_byte(data):
    return next(i for i, b in enumerate(data) if b > 127)


def test_a_cp1252_catalogue_csv_from_excel_is_refused_then_read_with_its_encoding(capsys, files):
    path = files / "excel.csv"
    line = refused(capsys, ["catalogue", "coverage", "--catalogue", path])

    offset = _first_high_byte(path.read_bytes())
    assert line == (
        f"{PREFIX}{path}: is not UTF-8 text: byte {offset} cannot be read as utf-8; give the "
        "file's encoding (--encoding on the command line, encoding= in Python), e.g. cp1252 "
        "for a file saved from Excel"
    )
    code, excel, _ = run(
        capsys, ["catalogue", "coverage", "--catalogue", path, "--encoding", "cp1252"]
    )
    assert code == 0
    _, utf8, _ = run(capsys, ["catalogue", "coverage", "--catalogue", files / "utf8.csv"])
    _, example, _ = run(capsys, ["catalogue", "coverage"])
    # The same offers as the example catalogue; only the name (the file's) differs.
    assert excel.splitlines()[1:] == utf8.splitlines()[1:] == example.splitlines()[1:]
    assert excel.startswith(f"{path}: 36 offers\n")


def test_a_latin1_citizens_file_is_refused_then_read_with_its_encoding(capsys, files):
    path = files / "latin1.json"
    line = refused(capsys, ["classify", path, "--on", DEMO_DATE.isoformat()])

    offset = _first_high_byte(path.read_bytes())
    assert f"{path}: is not UTF-8 text: byte {offset} cannot be read as utf-8" in line
    code, out, _ = run(capsys, ["classify", path, "--on", "2026-11-02", "--encoding", "latin-1"])
    assert code == 0
    assert json.loads(out)["citizen_id"] == "søren-1"
    _, utf8, _ = run(capsys, ["classify", files / "utf8.json", "--on", "2026-11-02"])
    _, bom, _ = run(capsys, ["classify", files / "bom.json", "--on", "2026-11-02"])
    assert out == utf8 == bom


def test_standard_input_is_decoded_in_the_encoding_given(capsys, monkeypatch, files):
    data = (files / "latin1.json").read_bytes()
    line = refused(capsys, ["classify", "-"], stdin=data, monkeypatch=monkeypatch)
    assert line.startswith(f"{PREFIX}standard input: is not UTF-8 text: byte 30 cannot be read")

    code, out, _ = run(
        capsys, ["classify", "-", "--encoding", "latin1"], stdin=data, monkeypatch=monkeypatch
    )
    assert code == 0
    assert json.loads(out)["citizen_id"] == "søren-1"


NOT_UTF8 = "{path}: is not UTF-8 text: byte "


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["classify", "{path}"], NOT_UTF8),
        (["readiness", "{path}"], NOT_UTF8),
        (["check", "{path}", "--protocol", "halsnaes"], NOT_UTF8),
        (["report", "{path}"], NOT_UTF8),
        (["catalogue", "match", "{path}"], NOT_UTF8),
        (["catalogue", "coverage", "--catalogue", "{path}"], NOT_UTF8),
        (["catalogue", "coverage", "--catalogue", "{csv}"], "{csv}: is not UTF-8 text"),
        (["classify", "{path}", "--encoding", "latin-1"], "is not valid JSON (line "),
        (["readiness", "{path}", "--encoding", "cp1252"], "{path}: is not cp1252 text"),
        (["catalogue", "coverage", "--catalogue", "{csv}", "--encoding", "latin-1"], "row 1: "),
    ],
)
def test_binary_garbage_is_one_error_line(capsys, files, argv, expected):
    paths = {"path": files / "garbage.bin", "csv": files / "garbage.csv"}
    line = refused(capsys, [a.format(**paths) for a in argv])
    assert expected.format(**paths) in line
    assert line.isprintable()


def test_an_unknown_encoding_is_named(capsys, files):
    path = files / "utf8.json"
    line = refused(capsys, ["classify", path, "--encoding", "klingon"])
    assert line == (
        f"{PREFIX}{path}: names an encoding this Python does not know "
        "(try utf-8, cp1252 or latin-1)"
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["catalogue", "stale", "--months", "1000000"],
            "--months must be from 1 to 1,200, not 1,000,000",
        ),
        (["catalogue", "stale", "--months", "0"], "--months must be from 1 to 1,200, not 0"),
        (
            ["catalogue", "stale", "--on", "0001-01-01"],
            "--months 12 before 0001-01-01 falls before the first date, 0001-01-01",
        ),
        (
            ["catalogue", "stale", "--on", "0001-12-31", "--months", "12"],
            "--months 12 before 0001-12-31 falls before the first date, 0001-01-01",
        ),
        (["catalogue", "match", "-", "--most", "-1"], "--most must be from 1 to 1,000, not -1"),
        (["catalogue", "match", "-", "--most", "0"], "--most must be from 1 to 1,000, not 0"),
        (["classify", "-", "--indent", "-1"], "--indent must be from 0 to 16, not -1"),
        (["example", "aalborg", "--indent", "10000"], "--indent must be from 0 to 16, not 10,000"),
        (["demo", "--size", "0"], "--size must be from 1 to 1,000,000, not 0"),
        (["demo", "--size", "1000001"], "--size must be from 1 to 1,000,000, not 1,000,001"),
        (["demo", "--seed", "-1"], "--seed must be from 0 to 4,294,967,295, not -1"),
        (
            ["demo", "--seed", str(2**32)],
            "--seed must be from 0 to 4,294,967,295, not 4,294,967,296",
        ),
        (
            ["screen", "who5", "9" * 5000, "1", "1", "1", "1"],
            "answers[0]: has 5,000 characters; an answer has at most 12",
        ),
        (
            ["screen", "alcohol", "1" * 13],
            "answers[0]: has 13 characters; an answer has at most 12",
        ),
        (
            ["demo", "--png", "x.txt"],
            "--png x.txt: the picture is saved as PNG; give a path ending in .png",
        ),
    ],
)
def test_numbers_and_dates_out_of_range_are_refused_with_the_range(capsys, argv, expected):
    assert refused(capsys, argv) == PREFIX + expected


def test_the_last_month_that_fits_before_the_first_date_is_accepted(capsys):
    code, out, _ = run(capsys, ["catalogue", "stale", "--on", "0002-01-01", "--months", "12"])
    assert code == 0
    assert out.startswith("0 of 36 offers not reviewed in 12 months before 0002-01-01")


@pytest.mark.parametrize(
    "text", ["20261102", "2026-W45-1", "2026-11-2", "1/2/2024", "2026-02-30", "２０２６-11-02"]
)
def test_dates_are_written_yyyy_mm_dd_only(capsys, text):
    line = refused(capsys, ["benefits", "--on", text])
    assert line == f"{PREFIX}benefits: argument --on: must be a date written YYYY-MM-DD"


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "argv",
    [
        ["benefits"],
        ["screen", "who5", "3", "4", "2", "5", "1"],
        ["catalogue", "stale"],
        ["catalogue", "coverage"],
    ],
)
def test_the_first_and_last_dates_end_cleanly(capsys, argv, day):
    code, _, err = run(capsys, [*argv, "--on", day])
    assert "Traceback" not in err
    assert code == 0 or (code == 2 and err.count("\n") == 1 and err.startswith(PREFIX))


def test_a_key_holding_a_line_break_cannot_forge_a_second_error_line(capsys, tmp_path):
    path = tmp_path / "forged.json"
    data = {"schema_version": SCHEMA_VERSION, "id": "a", "x\nhelhed: error: forged\r\u2028": 1}
    path.write_text(json.dumps(data), encoding="utf-8")

    line = refused(capsys, ["classify", path])
    assert line == f"{PREFIX}['x\\nhelhed: error: forged\\r\\u2028']: is not a known field"


def test_an_unexpected_exception_is_one_line_without_its_message(capsys, monkeypatch):
    def broken(*_args, **_kwargs):
        message = "sensitive text from the input"
        raise ZeroDivisionError(message)

    monkeypatch.setattr("helhed.cli.benefits_command", broken)
    code, _, err = run(capsys, ["benefits", "--on", "2026-11-02"])
    assert code == 2
    assert err == (
        f"{PREFIX}unexpected ZeroDivisionError in helhed; this is a defect, please report it "
        "with the command that gave it\n"
    )
    assert "sensitive" not in err


# The bad-input cases of the other command-line tests, held to the same shape here.
@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["classify", "-"], "{"),
        (["classify", "-"], json.dumps([citizen_data(), citizen_data(benefit="nope")])),
        (["classify", "missing-file.json"], None),
        (["check", "-", "--protocol", "nope"], "[]"),
        (["check", "-", "--protocol", "halsnaes"], '[{"schema_version": 3}]'),
        (["report", "-"], "[]"),
        (["screen", "who5", "1", "2", "3", "4"], None),
        (["screen", "audit-c", "1", "2", "3"], None),
        (["readiness", "-"], '{"schema_version": 3, "in_place": ["general.nope"]}'),
        (["models", "--model", "5"], None),
        (["benefits", "--on", "1/2/2024"], None),
    ],
)
def test_bad_input_of_every_command_is_one_error_line(capsys, monkeypatch, argv, stdin):
    feed = {} if stdin is None else {"stdin": stdin.encode(), "monkeypatch": monkeypatch}
    refused(capsys, argv, **feed)


def test_the_demo_writes_no_file_unless_asked(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, ["demo", "--size", "40"])

    assert code == 0
    assert list(tmp_path.iterdir()) == []
    assert "Give --png PATH to save the flows" in out or "research extra" in out


def test_the_demo_refuses_a_png_path_before_any_work(capsys, tmp_path):
    existing = tmp_path / "old.png"
    existing.write_bytes(b"mine")
    link = tmp_path / "link.png"
    link.symlink_to(tmp_path / "target.png")

    assert refused(capsys, ["demo", "--png", existing]) == (
        f"{PREFIX}--png {existing}: exists; give --force to overwrite it"
    )
    for force in ([], ["--force"]):
        assert refused(capsys, ["demo", "--png", link, *force]) == (
            f"{PREFIX}--png {link}: is a symbolic link; helhed does not write through one"
        )
    missing = tmp_path / "no-such-folder" / "flows.png"
    assert refused(capsys, ["demo", "--png", missing]) == (
        f"{PREFIX}--png {missing}: the folder {missing.parent} does not exist"
    )
    assert refused(capsys, ["demo", "--png", tmp_path / "flows.PNG.txt"]).endswith(
        "give a path ending in .png"
    )
    folder = tmp_path / "a.png"
    folder.mkdir()
    assert refused(capsys, ["demo", "--png", folder, "--force"]) == (
        f"{PREFIX}--png {folder}: is not a file"
    )
    assert existing.read_bytes() == b"mine"
    assert not (tmp_path / "target.png").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "link.png", "old.png"]


@pytest.mark.skipif(
    not all(__import__("importlib").util.find_spec(n) for n in ("numpy", "pandas", "matplotlib")),
    reason="needs the research extra",
)
def test_the_demo_overwrites_a_png_only_with_force(capsys, tmp_path):
    png = tmp_path / "flows.png"
    png.write_bytes(b"old")

    code, out, _ = run(capsys, ["demo", "--size", "40", "--png", png, "--force"])

    assert code == 0
    assert f"saved to {png}" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _moved(pathways, day):
    """The example pathways with every event moved to ``day``."""
    data = [to_dict(p) for p in pathways]
    for pathway in data:
        for event in pathway["events"]:
            event["occurred_on"] = day
            if event.get("recorded_on"):
                event["recorded_on"] = day
    return json.dumps(data)


@pytest.mark.parametrize("protocol", sorted(PROTOCOLS))
def test_every_protocol_checks_pathways_on_the_first_and_last_dates(capsys, monkeypatch, protocol):
    for day in ("0001-01-01", "9999-12-31"):
        feed = _moved(halsnaes_pathways(), day).encode()
        for on in ("0001-01-01", "9999-12-31"):
            argv = ["check", "-", "--protocol", protocol, "--on", on]
            code, _, err = run(capsys, argv, stdin=feed, monkeypatch=monkeypatch)
            assert (code, err) in {(0, ""), (1, "")}, (day, on, err)
