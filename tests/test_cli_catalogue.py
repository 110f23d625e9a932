"""The catalogue commands and the catalogue part of the demo."""

import json

from helhed.examples import example_catalogue
from helhed.models.catalogue_csv import to_csv
from helhed.serialization import to_dict
from samples import citizen_data
from samples import run_cli as run


def test_coverage_of_the_example_catalogue(capsys):
    code, out, _ = run(capsys, "catalogue", "coverage")

    assert code == 0
    assert out.startswith("Eksempel Kommune: 36 offers\n")
    assert "no offer for risk factors: none" in out
    assert len([line for line in out.splitlines() if line.startswith("  ")]) == 10


def test_stale_counts_calendar_months(capsys):
    code, out, _ = run(capsys, "catalogue", "stale", "--on", "2026-11-02")
    assert code == 0
    assert out.startswith("4 of 36 offers not reviewed in 12 months before 2026-11-02")
    code, out, _ = run(capsys, "catalogue", "stale", "--on", "2026-11-03")
    assert out.startswith("5 of 36 offers")
    code, _, err = run(capsys, "catalogue", "stale", "--months", "0")
    assert code == 2
    assert err == "helhed: error: --months must be from 1 to 1,200, not 0\n"


def test_match_reads_citizens_and_a_catalogue_from_json_or_csv(capsys, monkeypatch, tmp_path):
    citizen = citizen_data()
    code, out, _ = run(
        capsys,
        "catalogue",
        "match",
        "-",
        "--on",
        "2026-11-02",
        "--json",
        "--most",
        "2",
        stdin=json.dumps([citizen]),
        monkeypatch=monkeypatch,
    )
    assert code == 0
    (answer,) = json.loads(out)
    assert answer["citizen_id"] == citizen["id"]
    assert len(answer["offers"]) == 2

    as_json = tmp_path / "k.json"
    as_json.write_text(json.dumps(to_dict(example_catalogue())), encoding="utf-8")
    as_csv = tmp_path / "k.csv"
    as_csv.write_text(to_csv(example_catalogue()), encoding="utf-8")
    outputs = []
    for path in (as_json, as_csv):
        code, out, _ = run(
            capsys,
            "catalogue",
            "match",
            "-",
            "--on",
            "2026-11-02",
            "--catalogue",
            str(path),
            stdin=json.dumps(citizen),
            monkeypatch=monkeypatch,
        )
        assert code == 0
        outputs.append(out)
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(f"{citizen['id']}: ")


def test_a_bad_csv_catalogue_names_row_and_column(capsys, monkeypatch, tmp_path):
    header, first, *rest = to_csv(example_catalogue()).splitlines()
    cells = first.split(",")
    cells[4] = "99"  # task_type, the fifth column
    text = "\n".join([header, ",".join(cells), *rest]) + "\n"
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")

    code, out, err = run(
        capsys,
        "catalogue",
        "match",
        "-",
        "--catalogue",
        str(path),
        stdin=json.dumps(citizen_data()),
        monkeypatch=monkeypatch,
    )

    assert code == 2
    assert out == ""
    assert err == (
        "helhed: error: row 2, column task_type: is not a task type of the faxe taxonomy\n"
    )


def test_the_demo_matches_demo_citizens_against_the_example(capsys):
    code, out, _ = run(capsys, "demo", "--size", "20")

    assert code == 0
    section = out.split("Model 4, the intervention catalogue (SST2019 ch. 9)")[1]
    assert "36 offers in 10 task types (fictional)" in section
    assert section.count("offers fit; the best 3:") == 3
