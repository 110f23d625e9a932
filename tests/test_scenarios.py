"""Scenario files: reading them (every problem located), running them, ``helhed test``, pytest.

Expected values are worked out by hand from the rules' texts: Halsnæs's contact within a
week (HALSNAES) counts seven calendar days after the yes, so a yes on Monday 4 March is late
after Monday 11 March; a referral that is not voluntary breaks ``halsnaes.voluntary`` at the
referral (position 0).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
import tomllib

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.cases import PROTOCOLS as CASE_PROTOCOLS
from helhed.cli import main
from helhed.errors import ValidationError
from helhed.groups import RiskGroup
from helhed.pathways.bases import shipped_protocols
from helhed.pathways.compliance import check
from helhed.serialization import SCHEMA_VERSION, to_dict
from helhed.target_groups import classify
from helhed.testing import strategies as hs
from helhed.testing._scenario_reader import plain as _plain
from helhed.testing.scenarios import (
    ExpectedFinding,
    load_scenarios,
    read_scenarios,
    run_scenario,
    shipped_scenario_files,
    summary,
)

GROUP_CODES = [g.code for g in RiskGroup] + ["ingen"]

REFERRED = """\
[[scenario.events]]
event = "henvist"
occurred_on = 2024-03-04
recorded_by = "jobcenter"
referral_id = "r-1"
offer = "afklarende sundhedssamtale"
to = "sundhed"
voluntary = {voluntary}

[[scenario.events]]
event = "henvisning_accepteret"
occurred_on = 2024-03-04
recorded_by = "jobcenter"
referral_id = "r-1"
"""


def halsnaes(expect: str, *, voluntary: str = "true", on: str = "2024-03-31") -> str:
    return (
        f"schema_version = 3\n[[scenario]]\nname = 'x'\non = {on}\nprotocol = 'halsnaes'\n"
        f"{expect}\n{REFERRED.format(voluntary=voluntary)}"
    )


def problems(text: str, kind: str = "toml") -> list[str]:
    with pytest.raises(ValidationError) as info:
        read_scenarios(text, kind)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


# --- reading ------------------------------------------------------------------------------


def test_a_toml_scenario_reads_with_its_dates_and_expectations():
    (scenario,) = read_scenarios(
        halsnaes(
            "expect.findings = ['halsnaes.voluntary', "
            "{rule = 'halsnaes.contact_within_week', events = [1], dates = [2024-03-04]}]"
        ),
        "toml",
    )

    assert scenario.on == dt.date(2024, 3, 31)
    assert scenario.protocol is shipped_protocols()["halsnaes"]
    assert scenario.pathway is not None
    assert scenario.pathway.citizen_id == "borger-1"
    assert [e.citizen_id for e in scenario.pathway.events] == ["borger-1", "borger-1"]
    assert scenario.findings == (
        ExpectedFinding(rule="halsnaes.voluntary"),
        ExpectedFinding(
            rule="halsnaes.contact_within_week", events=(1,), dates=(dt.date(2024, 3, 4),)
        ),
    )


def test_the_same_scenario_in_json_reads_the_same():
    toml = read_scenarios(halsnaes("expect.findings = []"), "toml")
    data = {
        "schema_version": 3,
        "scenario": [
            {
                "name": "x",
                "on": "2024-03-31",
                "protocol": "halsnaes",
                "expect": {"findings": []},
                "events": [
                    {
                        "event": "henvist",
                        "occurred_on": "2024-03-04",
                        "recorded_by": "jobcenter",
                        "referral_id": "r-1",
                        "offer": "afklarende sundhedssamtale",
                        "to": "sundhed",
                        "voluntary": True,
                    },
                    {
                        "event": "henvisning_accepteret",
                        "occurred_on": "2024-03-04",
                        "recorded_by": "jobcenter",
                        "referral_id": "r-1",
                    },
                ],
            }
        ],
    }

    assert read_scenarios(json.dumps(data), "json") == toml


def test_a_citizen_scenario_reads_the_citizen_document():
    (scenario,) = read_scenarios(
        "schema_version = 3\n[[scenario]]\nname = 'x'\non = 2025-09-01\n"
        "citizen = {benefit = 'fleksjob'}\nexpect.group = 'ingen'\n",
        "toml",
    )

    assert scenario.citizen is not None
    assert scenario.citizen.id == "borger-1"
    assert scenario.group == "ingen"
    assert scenario.reasons is None
    assert repr(scenario) == "Scenario(name='x')"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schema_version = ", ["is not TOML: it cannot be read at the end of the document"]),
        (
            "[[scenario]]\nname = 'x'\non = 2024-01-01\ncitizen = {}\nexpect.group = 'ingen'",
            ["schema_version: is required and must be a whole number"],
        ),
        (
            "schema_version = 9\nscenario = []",
            [
                "schema_version: is not a supported version; this release reads versions 1 "
                f"to {SCHEMA_VERSION}",
                "scenario: must hold at least one scenario",
            ],
        ),
        (
            "schema_version = 3\nscenarios = 1",
            ["scenarios: is not a known field", "scenario: must be a list"],
        ),
        ("schema_version = 3\nscenario = [1]", ["scenario[0]: must be a table (an object)"]),
        (
            "schema_version = 3\n[[scenario]]\nname = ' '\non = 2024-01-01T10:00:00\n",
            [
                "scenario[0].name: must be a non-blank string",
                "scenario[0].on: must be a date written YYYY-MM-DD",
                "scenario[0]: must give either a citizen or events, not both or neither",
            ],
        ),
        (
            "schema_version = 3\n[[scenario]]\nname = 'x'\non = 2024-01-01\ncitizen = 1\n"
            "events = []\n",
            ["scenario[0]: must give either a citizen or events, not both or neither"],
        ),
        (
            "schema_version = 3\n[[scenario]]\nname = 'x'\non = 2024-01-01\nwhen = 1\n"
            "citizen = {benefit = 'fleks', health = {sick_days = '3'}}\nprotocol = 'halsnaes'\n"
            "expect = {group = 'hoej', reasons = [1], findings = []}\n",
            [
                "scenario[0].when: is not a known field",
                "scenario[0].protocol: is for a pathway scenario, not a citizen one",
                "scenario[0].citizen.benefit: unknown Benefit code; expected one of: ...",
                "scenario[0].citizen.health.sick_days: must be a whole number",
                "scenario[0].expect.findings: is not a known field",
                "scenario[0].expect.group: unknown RiskGroup code; expected one of: ...",
                "scenario[0].expect.reasons[0]: must be a non-blank string",
            ],
        ),
        (
            "schema_version = 3\n[[scenario]]\nname = 'x'\non = 2024-01-01\ncitizen = {}\n"
            "expect = {}\n",
            ["scenario[0].expect: must give at least one of: group, reasons"],
        ),
        (
            "schema_version = 3\n[[scenario]]\nname = 'x'\non = 2024-01-01\nprotocol = 'x'\n"
            "events = [{event = 'kontakt_etableret', occurred_on = '2024-02-30'}, "
            "{event = 'x'}, 3]\n"
            "expect.findings = ['x']\n",
            [
                "scenario[0].protocol: is not a shipped protocol; expected one of: ...",
                "scenario[0].events[0].occurred_on: is not a calendar date",
                "scenario[0].events[0].recorded_by: is required",
                "scenario[0].events[1].event: unknown EventKind code; expected one of: ...",
                "scenario[0].events[2]: must be an object",
            ],
        ),
        (
            halsnaes(
                "expect.findings = ['halsnaes.x', {rule = 'halsnaes.voluntary', "
                "events = [-1, true], dates = ['1 March'], what = 1}, 7]\n"
                "expect.may_disclose = [{category = 'helbred', to = 'sundhed'}, "
                "{category = 'x', to = 'x', purpose = 'x', source = 'x', answer = 'ja'}]"
            ),
            [
                "scenario[0].expect.findings[1].what: is not a known field",
                "scenario[0].expect.findings[1].events[0]: must be a whole number, 0 or more "
                "(a position in the log)",
                "scenario[0].expect.findings[1].events[1]: must be a whole number, 0 or more "
                "(a position in the log)",
                "scenario[0].expect.findings[1].dates[0]: must be a date written YYYY-MM-DD",
                "scenario[0].expect.findings[2]: must be a table (an object)",
                "scenario[0].expect.findings[0]: 'halsnaes.x' is not a rule of 'halsnaes'",
                "scenario[0].expect.may_disclose[0].purpose: must be a ConsentPurpose code "
                "(a string)",
                "scenario[0].expect.may_disclose[0].answer: is required and must be true or false",
                "scenario[0].expect.may_disclose[1].category: unknown InformationCategory "
                "code; expected one of: ...",
                "scenario[0].expect.may_disclose[1].to: unknown Administration code; "
                "expected one of: ...",
                "scenario[0].expect.may_disclose[1].purpose: unknown ConsentPurpose code; "
                "expected one of: ...",
                "scenario[0].expect.may_disclose[1].source: unknown Administration code; "
                "expected one of: ...",
                "scenario[0].expect.may_disclose[1].answer: is required and must be true or false",
            ],
        ),
        (
            "schema_version = 3\n[[scenario]]\nname = 'x'\non = 2024-01-01\nevents = []\n"
            "expect.findings = []\n",
            ["scenario[0].protocol: is required to expect findings (or protocol_file)"],
        ),
    ],
)
def test_every_problem_of_a_file_is_reported_by_its_path(text, expected):
    found = problems(text)
    assert len(found) == len(expected), found
    for got, want in zip(found, expected, strict=True):
        if want.endswith("..."):
            assert got.startswith(want.removesuffix("...")), got
        else:
            assert got == want


def test_a_json_file_that_is_not_json_is_located_by_line_and_column():
    (problem,) = problems('{"schema_version": 3,', "json")
    assert "line 1" in problem


def test_a_problem_read_from_a_file_names_the_file(tmp_path):
    path = tmp_path / "bad.scenarios.json"
    path.write_text('{"schema_version": 3, "scenario": [{"name": "x"}]}', encoding="utf-8")

    with pytest.raises(ValidationError) as info:
        load_scenarios(path, name="bad.scenarios.json")

    assert [str(p) for p in info.value.problems] == [
        "bad.scenarios.json: scenario[0].on: must be a date written YYYY-MM-DD",
        "bad.scenarios.json: scenario[0]: must give either a citizen or events, not both or "
        "neither",
    ]


def test_an_older_schema_version_reads_through_the_upgrades():
    text = halsnaes("expect.findings = []", on="2024-03-11").replace("= 3", "= 2", 1)
    (scenario,) = read_scenarios(text, "toml")
    assert run_scenario(scenario).passed


# --- running -----------------------------------------------------------------------------


def test_a_late_contact_is_found_and_the_scenario_passes():
    (scenario,) = read_scenarios(
        halsnaes(
            "expect.findings = [{rule = 'halsnaes.contact_within_week', events = [1], "
            "dates = [2024-03-04, 2024-03-11]}]"
        ),
        "toml",
    )
    outcome = run_scenario(scenario)

    assert outcome.passed
    assert outcome.diff() == ""


def test_on_the_seventh_day_nothing_is_late_yet():
    (scenario,) = read_scenarios(halsnaes("expect.findings = []", on="2024-03-11"), "toml")
    assert run_scenario(scenario).passed


def test_a_mismatch_shows_a_unified_diff_by_rule_id():
    (scenario,) = read_scenarios(
        halsnaes("expect.findings = ['halsnaes.voluntary']", voluntary="false", on="2024-03-11"),
        "toml",
    )
    assert run_scenario(scenario).passed  # not voluntary; checked on day 7, not late yet

    late = attrs.evolve(scenario, on=dt.date(2024, 3, 12))
    outcome = run_scenario(late)

    assert not outcome.passed
    assert outcome.diff() == textwrap.dedent(
        """\
        --- expected
        +++ found
        @@ -1 +1,2 @@
        +finding: halsnaes.contact_within_week events=[1] dates=[2024-03-04, 2024-03-11]
         finding: halsnaes.voluntary"""
    )


def test_findings_are_compared_as_a_multiset():
    (scenario,) = read_scenarios(
        halsnaes(
            "expect.findings = ['halsnaes.contact_within_week', 'halsnaes.contact_within_week']"
        ),
        "toml",
    )
    outcome = run_scenario(scenario)

    assert not outcome.passed
    assert outcome.expected == ("finding: halsnaes.contact_within_week",) * 2
    assert outcome.found == ("finding: halsnaes.contact_within_week",)


def test_an_expectation_pinned_to_other_events_does_not_match():
    (scenario,) = read_scenarios(
        halsnaes("expect.findings = [{rule = 'halsnaes.contact_within_week', events = [0]}]"),
        "toml",
    )
    outcome = run_scenario(scenario)

    assert outcome.expected == ("finding: halsnaes.contact_within_week events=[0]",)
    assert outcome.found == (
        "finding: halsnaes.contact_within_week events=[1] dates=[2024-03-04, 2024-03-11]",
    )


def test_a_citizen_scenario_compares_group_and_reasons_in_order():
    text = (
        "schema_version = 3\n[[scenario]]\nname = 'x'\non = 2025-09-01\n"
        "citizen = {benefit = 'kontanthjaelp_jobparat', health = {risk_factors = ['soevn']}}\n"
        "expect.group = 'mellemrisiko'\n"
        "expect.reasons = ['horizon.medium_risk_factor', 'group.medium', "
        "'benefit.typical_groups', 'funding.typical', 'key_person.involve']\n"
    )
    (scenario,) = read_scenarios(text, "toml")
    assert run_scenario(scenario).passed

    swapped = attrs.evolve(scenario, group="lavrisiko", reasons=("funding.typical",))
    assert run_scenario(swapped).diff().splitlines()[2:] == [
        "@@ -1,2 +1,6 @@",
        "-group: lavrisiko",
        "+group: mellemrisiko",
        "+reason: horizon.medium_risk_factor",
        "+reason: group.medium",
        "+reason: benefit.typical_groups",
        " reason: funding.typical",
        "+reason: key_person.involve",
    ]


def test_summary_counts_scenarios_files_passed_and_failed():
    (scenario,) = read_scenarios(halsnaes("expect.findings = []", on="2024-03-11"), "toml")
    late = attrs.evolve(scenario, on=dt.date(2024, 3, 12))
    results = [run_scenario(scenario), run_scenario(late)]
    assert summary(results, 1) == "2 scenarios in 1 file: 1 passed, 1 failed"


@given(
    pathway=hs.pathways(max_events=12),
    protocol=st.sampled_from(sorted(shipped_protocols())),
    later=st.integers(0, 60),
    data=st.data(),
)
def test_a_scenario_written_from_a_pathways_own_findings_passes(pathway, protocol, later, data):
    last = max(e.occurred_on for e in pathway.events)
    on = last + dt.timedelta(days=later)
    found = check([pathway], shipped_protocols()[protocol], on=on).findings
    expect = [
        {"rule": f.rule_id, "events": list(f.events), "dates": [d.isoformat() for d in f.dates]}
        if data.draw(st.booleans())
        else f.rule_id
        for f in found
    ]
    document = {
        "schema_version": SCHEMA_VERSION,
        "scenario": [
            {
                "name": "generated",
                "on": on.isoformat(),
                "citizen_id": pathway.citizen_id,
                "protocol": protocol,
                "events": to_dict(pathway)["events"],
                "expect": {"findings": expect},
            }
        ],
    }
    (scenario,) = read_scenarios(json.dumps(document), "json")
    assert run_scenario(scenario).passed

    rules = [r.id for r in shipped_protocols()[protocol].rules]
    if expect:
        i = data.draw(st.integers(0, len(expect) - 1))
        old = expect[i] if isinstance(expect[i], str) else expect[i]["rule"]
        others = [r for r in rules if r != old]
        if not others:
            return
        expect[i] = data.draw(st.sampled_from(others))
    else:
        expect.append(data.draw(st.sampled_from(rules)))
    (changed,) = read_scenarios(json.dumps(document), "json")
    assert not run_scenario(changed).passed


# --- the shipped files, the command line, pytest -------------------------------------------


def test_helhed_ships_a_scenario_file_per_case_protocol():
    names = {p.name.removesuffix(".scenarios.toml") for p in shipped_scenario_files()}
    assert set(CASE_PROTOCOLS) <= names


@pytest.mark.parametrize(
    "path", [p for p in shipped_scenario_files() if p.suffix == ".toml"], ids=lambda p: p.name
)
def test_each_shipped_toml_file_reads_the_same_as_json(path):
    data = _plain(tomllib.loads(path.read_text(encoding="utf-8")))
    as_json = read_scenarios(json.dumps(data), "json", file=str(path))

    assert as_json == load_scenarios(path)


def test_every_shipped_scenario_passes():
    for path in shipped_scenario_files():
        for scenario in load_scenarios(path):
            outcome = run_scenario(scenario)
            assert outcome.passed, f"{path.name}: {scenario.name}\n{outcome.diff()}"


def test_helhed_test_runs_the_shipped_files_and_prints_one_line(capsys):
    assert main(["test"]) == 0
    out = capsys.readouterr().out
    count = sum(len(load_scenarios(p)) for p in shipped_scenario_files())
    files = len(shipped_scenario_files())
    assert out == f"{count} scenarios in {files} files: {count} passed, 0 failed\n"


def test_helhed_test_exits_1_with_the_diff_on_a_mismatch(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text(halsnaes("expect.findings = ['halsnaes.voluntary']"), encoding="utf-8")

    assert main(["test", str(path)]) == 1
    assert capsys.readouterr().out == (
        f"FAILED {path}::x\n"
        "--- expected\n+++ found\n@@ -1 +1 @@\n"
        "-finding: halsnaes.voluntary\n"
        "+finding: halsnaes.contact_within_week events=[1] dates=[2024-03-04, 2024-03-11]\n"
        "\n1 scenario in 1 file: 0 passed, 1 failed\n"
    )


def test_helhed_test_exits_2_with_one_line_for_a_bad_file(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"schema_version": 3, "scenario": []}', encoding="utf-8")

    assert main(["test", str(path), str(tmp_path / "missing.toml")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"helhed: error: {path}: scenario: must hold at least one scenario; "
        f"{tmp_path / 'missing.toml'}: No such file or directory\n"
    )


def test_helhed_test_exits_2_for_a_missing_file(tmp_path, capsys):
    assert main(["test", str(tmp_path / "missing.toml")]) == 2
    err = capsys.readouterr().err
    assert err == f"helhed: error: {tmp_path / 'missing.toml'}: No such file or directory\n"


def test_the_pytest_plugin_makes_each_scenario_a_test_with_the_diff(tmp_path):
    good = halsnaes("expect.findings = ['halsnaes.contact_within_week']")
    bad = good.replace("name = 'x'", "name = 'wrong'").replace("contact_within_week", "voluntary")
    (tmp_path / "mine.scenarios.toml").write_text(f"{good}\n{bad.split(chr(10), 1)[1]}")
    (tmp_path / "ignored.toml").write_text("not a scenario file")

    result = subprocess.run(  # noqa: S603 - this interpreter on fixed arguments
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "helhed.testing.pytest_plugin",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rN",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )

    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed" in result.stdout
    assert "-finding: halsnaes.voluntary" in result.stdout
    assert "+finding: halsnaes.contact_within_week" in result.stdout


def test_the_pytest_plugin_reports_a_bad_file_as_a_collection_error(tmp_path):
    (tmp_path / "bad.scenarios.json").write_text('{"schema_version": 3, "scenario": []}')

    result = subprocess.run(  # noqa: S603 - this interpreter on fixed arguments
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "helhed.testing.pytest_plugin",
            "-p",
            "no:cacheprovider",
            "-q",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )

    assert result.returncode == 2, result.stdout
    assert "bad.scenarios.json: scenario: must hold at least one scenario" in result.stdout


def test_the_values_check_their_fields():
    with pytest.raises(ValidationError) as info:
        ExpectedFinding(rule=" ", events=(-1,), dates=("2024-03-04",))
    assert [str(p) for p in info.value.problems] == [
        "rule: must not be blank",
        "events[0]: must be 0 or more",
        "dates[0]: must be a date",
    ]

    (scenario,) = read_scenarios(halsnaes("expect.findings = []"), "toml")
    with pytest.raises(ValidationError, match=r"^citizen: a scenario has either a citizen or a"):
        attrs.evolve(scenario, pathway=None)
    with pytest.raises(ValidationError, match=r"^scenario: must be a Scenario$"):
        run_scenario(None)


def test_a_toml_datetime_where_a_date_belongs_is_located_in_the_event():
    text = halsnaes("expect.findings = []").replace(
        "occurred_on = 2024-03-04", "occurred_on = 2024-03-04T10:00:00", 1
    )
    assert problems(text) == [
        "scenario[0].events[0].occurred_on: must be a date written YYYY-MM-DD"
    ]


@given(citizen=hs.citizens(), on=hs.dates(), data=st.data())
def test_a_citizen_scenario_written_from_classify_passes_and_a_changed_group_fails(
    citizen, on, data
):
    assessment = classify(citizen, on=on)
    group = assessment.group.code if assessment.group is not None else "ingen"
    document = {
        "schema_version": SCHEMA_VERSION,
        "scenario": [
            {
                "name": "generated",
                "on": on.isoformat(),
                "citizen": {k: v for k, v in to_dict(citizen).items() if k != "schema_version"},
                "expect": {"group": group, "reasons": [r.code for r in assessment.reasons]},
            }
        ],
    }
    (scenario,) = read_scenarios(json.dumps(document), "json")
    assert run_scenario(scenario).passed

    other = data.draw(st.sampled_from([c for c in GROUP_CODES if c != group]))
    document["scenario"][0]["expect"]["group"] = other
    (changed,) = read_scenarios(json.dumps(document), "json")
    assert run_scenario(changed).diff().splitlines()[3:5] == [
        f"-group: {other}",
        f"+group: {group}",
    ]


# -- a protocol of one's own: protocol_file ----------------------------------------------------

OWN_PROTOCOL = """schema_version = 3
id = "uge"
name_da = "Uge"
name_en = "Week"
citation = { source = "HALSNAES" }
[[rules]]
rule = "within"
id = "uge.kontakt"
citation = { source = "HALSNAES" }
text_da = "Kontakt inden for en uge."
text_en = "Contact within a week."
days = DAYS
after = { kinds = ["henvisning_accepteret"], to = "sundhed" }
expect = { kinds = ["kontakt_etableret"], recorded_by = "sundhed" }
"""

OWN_SCENARIO = """schema_version = 3
[[scenario]]
name = "ja tak den 4., kontakt den 12."
on = 2024-03-31
protocol_file = "FILE"
expect.findings = FINDINGS
[[scenario.events]]
event = "henvist"
occurred_on = 2024-03-04
recorded_by = "jobcenter"
referral_id = "r-1"
offer = "afklarende sundhedssamtale"
to = "sundhed"
voluntary = true
[[scenario.events]]
event = "henvisning_accepteret"
occurred_on = 2024-03-04
recorded_by = "jobcenter"
referral_id = "r-1"
[[scenario.events]]
event = "kontakt_etableret"
occurred_on = 2024-03-12
recorded_by = "sundhed"
referral_id = "r-1"
"""


def own(tmp_path, *, days="7", findings='["uge.kontakt"]', file="uge.toml"):
    (tmp_path / "sub").mkdir(exist_ok=True)
    (tmp_path / "sub" / "uge.toml").write_text(OWN_PROTOCOL.replace("DAYS", days), "utf-8")
    path = tmp_path / "sub" / "uge.scenarios.toml"
    text = OWN_SCENARIO.replace("FILE", file).replace("FINDINGS", findings)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_scenario_checks_a_protocol_document_beside_it(tmp_path):
    (scenario,) = load_scenarios(own(tmp_path))

    assert scenario.protocol.id == "uge"
    assert run_scenario(scenario).passed
    # eight days is within a limit of ten: the expected finding is then missing
    (scenario,) = load_scenarios(own(tmp_path, days="10"))
    assert run_scenario(scenario).diff().splitlines()[-1] == "-finding: uge.kontakt"


def test_a_protocol_file_s_problems_are_the_scenario_file_s(tmp_path):
    path = own(tmp_path, days="-7")
    with pytest.raises(ValidationError) as info:
        load_scenarios(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}: scenario[0].protocol_file: rules[0].days: must be 0 or more"
    ]

    missing = own(tmp_path, file="none.toml")
    with pytest.raises(ValidationError) as info:
        load_scenarios(missing)
    assert [str(p) for p in info.value.problems] == [
        f"{missing}: scenario[0].protocol_file: No such file or directory"
    ]


def test_a_scenario_names_one_protocol_at_most(tmp_path):
    text = (
        own(tmp_path)
        .read_text(encoding="utf-8")
        .replace('protocol_file = "uge.toml"', 'protocol_file = "uge.toml"\nprotocol = "halsnaes"')
    )
    with pytest.raises(ValidationError) as info:
        read_scenarios(text, "toml", folder=tmp_path / "sub")
    assert [str(p) for p in info.value.problems] == [
        "scenario[0].protocol_file: must not be given with protocol; name one"
    ]
