"""JSON Lines on the command line: ``classify --jsonl`` and ``check --jsonl``, streaming."""

import datetime as dt
import io
import json

import pytest

from helhed.cases.halsnaes import HALSNAES
from helhed.citizens import Citizen
from helhed.cli import main
from helhed.cli._jsonl import read_lines
from helhed.examples import halsnaes_pathways
from helhed.pathways.compliance import check
from helhed.serialization import from_dict, to_dict, to_json
from helhed.target_groups import classify
from samples import citizen_data

ON = dt.date(2025, 9, 1)

# The citizen of docs/json.md: 40 sick days, health affects work, no assessed horizon; the
# horizon follows from affects_work (SST2019 4.2), so the group is the medium-risk group.
CASE_4711 = {
    "schema_version": 3,
    "id": "case-4711",
    "benefit": "sygedagpenge",
    "sickness_category": "kategori_2",
    "health": {
        "risk_factors": ["alkohol"],
        "challenges": [],
        "sick_days": 40,
        "affects_work": True,
    },
    "assessed_horizon": None,
}


def run(capsys, monkeypatch, *argv, stdin=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def three_citizens():
    return [
        CASE_4711,
        citizen_data(id="c-2"),
        citizen_data(id="c-3", benefit="fleksjob", sickness_category=None),
    ]


def jsonl(documents):
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents)


def test_classify_jsonl_writes_one_assessment_a_line_as_the_object_api(capsys, tmp_path):
    path = tmp_path / "citizens.jsonl"
    # a blank line between the first and second citizen is skipped
    text = jsonl(three_citizens()).replace("\n", "\n\n", 1)
    path.write_text(text, encoding="utf-8")

    code, out, err = run(capsys, None, "classify", str(path), "--jsonl", "--on", "2025-09-01")

    assert (code, err) == (0, "")
    lines = out.splitlines()
    expected = [to_json(classify(from_dict(c, Citizen), on=ON)) for c in three_citizens()]
    assert lines == expected
    assert json.loads(lines[0])["group"] == "mellemrisiko"
    assert [json.loads(line)["citizen_id"] for line in lines] == ["case-4711", "c-2", "c-3"]


def test_classify_jsonl_reads_standard_input(capsys, monkeypatch):
    stdin = jsonl(three_citizens()[:2]).encode()
    code, out, _ = run(
        capsys, monkeypatch, "classify", "-", "--jsonl", "--on", "2025-09-01", stdin=stdin
    )
    assert code == 0
    assert [json.loads(line)["citizen_id"] for line in out.splitlines()] == ["case-4711", "c-2"]


def test_a_bad_second_line_stops_with_one_error_naming_it_after_the_first_is_written(
    capsys, monkeypatch
):
    bad = dict(citizen_data(id="c-2"), benefit="ingen-sådan")
    stdin = jsonl([CASE_4711, bad, citizen_data(id="c-3")]).encode()

    code, out, err = run(
        capsys, monkeypatch, "classify", "-", "--jsonl", "--on", "2025-09-01", stdin=stdin
    )

    assert code == 2
    assert out.splitlines() == [to_json(classify(from_dict(CASE_4711, Citizen), on=ON))]
    (line,) = err.splitlines()
    assert line.startswith("helhed: error: standard input: line 2: benefit")
    assert "ingen-sådan" not in line  # the value is not repeated


def test_a_line_that_is_not_json_names_its_file_and_line(capsys, tmp_path):
    path = tmp_path / "citizens.jsonl"
    path.write_text(jsonl([CASE_4711]) + '{"schema_version": 3,\n', encoding="utf-8")
    code, out, err = run(capsys, None, "classify", str(path), "--jsonl", "--on", "2025-09-01")
    assert code == 2
    assert len(out.splitlines()) == 1
    assert err.startswith(f"helhed: error: {path}: line 2: ")
    assert len(err.splitlines()) == 1


def test_a_line_that_is_not_utf8_names_its_line(capsys, tmp_path):
    path = tmp_path / "citizens.jsonl"
    path.write_bytes(b"\n" + jsonl([CASE_4711]).encode().replace(b"case", b"c\xe6se"))
    code, out, err = run(capsys, None, "classify", str(path), "--jsonl")
    assert (code, out) == (2, "")
    assert err.startswith(f"helhed: error: {path}: line 2: ")


def test_utf16_and_indent_are_refused_with_jsonl(capsys, tmp_path):
    path = tmp_path / "citizens.jsonl"
    path.write_text(jsonl([CASE_4711]), encoding="utf-16")
    code, _, err = run(capsys, None, "classify", str(path), "--jsonl", "--encoding", "utf-16")
    assert code == 2
    assert "cannot be read as JSON Lines in utf-16" in err
    code, _, err = run(capsys, None, "classify", str(path), "--jsonl", "--indent", "2")
    assert code == 2
    assert "--indent cannot be used with --jsonl" in err


def test_cp1252_lines_are_read_in_the_encoding_given(capsys, tmp_path):
    path = tmp_path / "citizens.jsonl"
    path.write_bytes(jsonl([dict(CASE_4711, id="søren")]).encode("cp1252"))
    code, out, _ = run(capsys, None, "classify", str(path), "--jsonl", "--encoding", "cp1252")
    assert code == 0
    assert json.loads(out)["citizen_id"] == "søren"


class LinesOnly(io.RawIOBase):
    """A binary stream that hands out lines one at a time and refuses to be read whole."""

    def __init__(self, lines):
        self.lines = iter(lines)
        self.given = 0

    def readable(self):
        return True

    def read(self, size=-1):  # noqa: ARG002 - the signature of RawIOBase.read
        msg = "read the whole stream"
        raise AssertionError(msg)

    readall = read

    def __iter__(self):
        return self

    def __next__(self):
        self.given += 1
        return next(self.lines)


def test_the_reader_takes_one_line_at_a_time_and_never_the_whole_stream():
    stream = LinesOnly(line.encode() for line in jsonl(three_citizens()).splitlines(keepends=True))
    reader = read_lines(stream, Citizen, "standard input")

    number, first = next(reader)

    assert (number, first.id, stream.given) == (1, "case-4711", 1)
    assert [c.id for _, c in reader] == ["c-2", "c-3"]


def test_classify_jsonl_from_standard_input_never_reads_it_whole(capsys, monkeypatch):
    stream = LinesOnly(line.encode() for line in jsonl(three_citizens()).splitlines(keepends=True))
    monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": stream})())
    code, out, _ = run(capsys, monkeypatch, "classify", "-", "--jsonl", "--on", "2025-09-01")
    assert code == 0
    assert len(out.splitlines()) == 3


def halsnaes_lines():
    return sorted(halsnaes_pathways(), key=lambda p: p.citizen_id)


def test_check_jsonl_writes_the_findings_of_check_one_a_line(capsys, tmp_path):
    pathways = halsnaes_lines()
    path = tmp_path / "halsnaes.jsonl"
    path.write_text(jsonl(to_dict(p) for p in pathways), encoding="utf-8")
    on = dt.date(2021, 12, 31)

    code, out, err = run(
        capsys, None, "check", str(path), "--protocol", "halsnaes", "--on", "2021-12-31", "--jsonl"
    )

    report = check(pathways, HALSNAES, on=on)
    assert code == 1  # the report holds errors (docs/json.md: 14 errors, 6 warnings)
    assert [json.loads(line) for line in out.splitlines()] == to_dict(report)["findings"]
    assert len(out.splitlines()) == 20
    assert err == (
        "56 pathways, 503 events checked against 'halsnaes' on 2021-12-31: 14 errors, "
        "6 warnings, 0 notices\n"
    )


def test_check_jsonl_of_a_compliant_log_exits_0_with_no_findings(capsys, monkeypatch):
    stdin = jsonl([to_dict(halsnaes_lines()[0])]).encode()
    pathway = halsnaes_lines()[0]
    assert check([pathway], HALSNAES, on=dt.date(2021, 12, 31)).findings == ()
    code, out, err = run(
        capsys,
        monkeypatch,
        "check",
        "-",
        "--protocol",
        "halsnaes",
        "--on",
        "2021-12-31",
        "--jsonl",
        stdin=stdin,
    )
    assert (code, out) == (0, "")
    assert err.endswith("0 errors, 0 warnings, 0 notices\n")


def test_check_jsonl_refuses_a_citizen_given_twice_at_its_line(capsys, monkeypatch):
    first = to_dict(halsnaes_lines()[0])
    stdin = jsonl([first, first]).encode()
    code, _, err = run(
        capsys, monkeypatch, "check", "-", "--protocol", "halsnaes", "--jsonl", stdin=stdin
    )
    assert code == 2
    assert err.startswith("helhed: error: standard input: line 2: citizen_id: is a duplicate")


def test_check_jsonl_refuses_a_protocol_with_a_population_rule(capsys, tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    code, out, err = run(capsys, None, "check", str(path), "--protocol", "kobenhavn_ips", "--jsonl")
    assert (code, out) == (2, "")
    assert "protocol 'kobenhavn_ips' has rules over all pathways together" in err
    assert "leave out --jsonl" in err


@pytest.mark.parametrize("option", [["--json"], ["--indent", "2"]])
def test_check_jsonl_refuses_json_and_indent(capsys, tmp_path, option):
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    code, _, err = run(
        capsys, None, "check", str(path), "--protocol", "halsnaes", "--jsonl", *option
    )
    assert code == 2
    assert "cannot be used with --jsonl" in err
