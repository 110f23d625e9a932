"""The helhed command line."""

import importlib.util
import json

import pytest

from helhed.cli import main
from helhed.examples import demo_cohort
from helhed.municipality import simulate_municipality
from helhed.outcomes import measure_all, share_in_work
from helhed.serialization import SCHEMA_VERSION, to_dict
from samples import citizen_data
from samples import run_cli as run


def test_demo_prints_groups_by_funding_atypical_cases_and_caseworker_rights(capsys):
    code, out, _ = run(capsys, "demo", "--size", "2000")

    assert code == 0
    assert "2,000 synthetic citizens (seed 2019) classified on 2026-11-02" in out
    assert "Target groups by funding basis" in out
    assert "Atypical cases:" in out
    assert "Right to a coordinating caseworker (SST2019 4.1, fn. 7):" in out
    total_line = next(line for line in out.splitlines() if line.startswith("total"))
    assert total_line.split()[5] == "2,000"


def test_demo_counts_agree_with_the_library(capsys):
    cohort = demo_cohort(500, seed=7)
    entitled = sum(
        c.benefit is not None
        and c.benefit.code
        in {"kontanthjaelp_aktivitetsparat", "ressourceforloeb", "jobafklaringsforloeb"}
        for c in cohort
    )
    _, out, _ = run(capsys, "demo", "--size", "500", "--seed", "7")

    assert f"Right to a coordinating caseworker (SST2019 4.1, fn. 7): {entitled:,} of 500" in out


def test_classify_reads_a_list_from_stdin_and_writes_assessments(capsys, monkeypatch):
    people = [to_dict(c) for c in demo_cohort(3)]
    code, out, _ = run(
        capsys,
        "classify",
        "-",
        "--on",
        "2024-03-01",
        stdin=json.dumps(people),
        monkeypatch=monkeypatch,
    )

    result = json.loads(out)
    assert code == 0
    assert [a["citizen_id"] for a in result] == ["demo-00000", "demo-00001", "demo-00002"]
    assert {a["on"] for a in result} == {"2024-03-01"}
    assert all(a["schema_version"] == SCHEMA_VERSION for a in result)


def test_classify_reads_one_citizen_from_a_file(capsys, tmp_path):
    path = tmp_path / "citizen.json"
    path.write_text(json.dumps(citizen_data()), encoding="utf-8")
    code, out, _ = run(capsys, "classify", str(path), "--on", "2024-03-01")

    result = json.loads(out)
    assert code == 0
    assert (result["group"], result["typical"]) == ("hoejrisiko", True)


def test_bad_input_is_one_line_naming_each_field_and_exit_code_2(capsys, monkeypatch):
    people = [citizen_data(), citizen_data(benefit="fleks"), citizen_data(id="")]
    code, out, err = run(capsys, "classify", "-", stdin=json.dumps(people), monkeypatch=monkeypatch)

    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("helhed: error: [1].benefit: unknown Benefit code")
    assert "; [2].id: must not be blank" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "message"),
    [("{", "helhed: error: is not valid JSON (line 1, column 2)\n"), ("[]", "")],
)
def test_classify_handles_empty_and_broken_json(capsys, monkeypatch, text, message):
    code, out, err = run(capsys, "classify", "-", stdin=text, monkeypatch=monkeypatch)

    assert err == message
    assert code == (2 if message else 0)
    assert out == ("" if message else "[]\n")


def test_a_missing_file_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "classify", str(tmp_path / "nope.json"))

    assert code == 2
    assert err.startswith("helhed: error: No such file or directory")


def test_schema_lists_the_documents_and_prints_one(capsys):
    _, listing, _ = run(capsys, "schema")
    _, schema, _ = run(capsys, "schema", "citizen")

    assert listing.splitlines()[0].split() == ["citizen", "Citizen"]
    assert json.loads(schema)["title"] == "Citizen"


def test_benefits_prints_the_rules_of_a_date(capsys):
    _, out, _ = run(capsys, "benefits", "--on", "2019-06-01")

    assert "Benefit rules on 2019-06-01" in out
    line = next(line for line in out.splitlines() if line.startswith("Resource course"))
    assert line.split()[2:5] == ["open", "yes", "yes"]
    assert "Cash benefit, education-ready" in out
    assert "(no rule on this date)" in out


def test_a_bad_date_option_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["benefits", "--on", "1/2/2024"])

    assert exit_.value.code == 2
    assert "must be a date written YYYY-MM-DD" in capsys.readouterr().err


def test_demo_ends_with_the_simulated_municipality_and_saves_the_flows(capsys, tmp_path):
    png = tmp_path / "flows.png"
    code, out, _ = run(capsys, "demo", "--size", "300", "--seed", "5", "--png", str(png))

    assert code == 0
    assert "A simulated municipality: 300 citizens of the demo cohort (seed 5)" in out
    assert "Low-risk group     -> model 1" in out
    assert "model 3  halsnaes" in out
    assert f"saved to {png}" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_demos_outcomes_are_the_library_measures_of_each_track(capsys):
    code, out, _ = run(capsys, "demo", "--size", "300", "--seed", "5")
    town = simulate_municipality(300, seed=5)

    assert code == 0
    assert f"Outcomes on {town.end} (helhed.outcomes)" in out
    for track in town.tracks:
        measured = measure_all(track.pathways, on=town.end)
        six = share_in_work(measured, 6)
        reached = sum(m.reached for m in measured)
        assert reached == track.outcome.final["job_or_education"]
        assert (
            f"  model {track.model.number}: {reached} of {len(measured)} in a job or education; "
            f"in work at 6 months: {six.in_work} of {six.observed} "
        ) in out


def test_demo_says_how_to_get_the_municipality_without_the_research_extra(capsys, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "numpy" else real(name, *a)
    )
    code, out, _ = run(capsys, "demo", "--size", "20")

    assert code == 0
    assert "needs the research extra: pip install 'helhed[research]'" in out
