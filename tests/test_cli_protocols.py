"""helhed protocol list|show|validate, and helhed check --protocol-file."""

import json

import pytest

from helhed.cli import main
from helhed.cli.pathways import EXAMPLES
from helhed.protocols import PROTOCOLS
from helhed.rules import Protocol
from helhed.serialization import from_json, to_dict

ON = "2024-06-30"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_one_protocol_a_line_its_id_first(capsys):
    code, out, err = run(capsys, "protocol", "list")

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(PROTOCOLS)
    assert lines[1] == (
        "sygedagpenge                 Follow-up in sickness benefit cases "
        "(1 rule; SDL § 13 b, stk. 1)"
    )
    assert lines[-2].startswith(
        "halsnaes                     Well-being and Health, Halsnæs (4 rules"
    )


def test_show_prints_the_rules_as_protocols_does(capsys):
    code, shown, _ = run(capsys, "protocol", "show", "odense-samtykke")
    assert code == 0
    _, listed, _ = run(capsys, "protocols", "--protocol", "odense-samtykke")

    assert shown == listed
    assert shown.splitlines()[1].startswith(
        "  [reading] odense-samtykke.spurgt_fra_start (warning, ODENSE2015 item 4, gruppe 3)"
    )


@pytest.mark.parametrize("pid", list(PROTOCOLS))
def test_show_json_is_the_protocol_as_a_document(capsys, pid):
    code, out, _ = run(capsys, "protocol", "show", pid, "--json")

    assert code == 0
    assert from_json(out, Protocol) == PROTOCOLS[pid]
    assert json.loads(out) == to_dict(PROTOCOLS[pid])


def test_show_refuses_an_unknown_id(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["protocol", "show", "odense"])  # the id is odense-samtykke

    assert stop.value.code == 2
    assert "invalid choice: 'odense'" in capsys.readouterr().err


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logs")
    paths = {}
    for name, make in EXAMPLES.items():
        paths[name] = folder / f"{name}.json"
        paths[name].write_text(json.dumps([to_dict(p) for p in make()]), encoding="utf-8")
    return paths


@pytest.mark.parametrize("pid", list(PROTOCOLS))
def test_a_protocol_s_own_document_checks_as_its_id(capsys, tmp_path, logs, pid):
    # The test: show ID --json > p.json, then check LOG --protocol-file p.json --json
    # prints what --protocol ID --json prints, on every example log.
    code, document, _ = run(capsys, "protocol", "show", pid, "--json")
    assert code == 0
    path = tmp_path / "p.json"
    path.write_text(document, encoding="utf-8")
    for log in logs.values():
        by_id = run(capsys, "check", str(log), "--protocol", pid, "--json", "--on", ON)
        by_file = run(capsys, "check", str(log), "--protocol-file", str(path), "--json", "--on", ON)
        assert by_file == by_id
        assert by_id[0] in {0, 1}


def test_check_with_a_toml_protocol_and_jsonl(capsys, tmp_path, logs):
    path = tmp_path / "uge.toml"
    path.write_text(
        """schema_version = 3
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
days = 7
after = { kinds = ["henvisning_accepteret"], to = "sundhed" }
expect = { kinds = ["kontakt_etableret"], recorded_by = "sundhed" }
""",
        encoding="utf-8",
    )
    lines = tmp_path / "log.jsonl"
    data = json.loads(logs["halsnaes"].read_text(encoding="utf-8"))
    lines.write_text("".join(json.dumps(d) + "\n" for d in data), encoding="utf-8")

    code, out, _ = run(capsys, "check", str(lines), "--protocol-file", str(path), "--jsonl",
                       "--on", ON)  # fmt: skip

    found = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert found
    assert {f["rule_id"] for f in found} == {"uge.kontakt"}


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--protocol", "halsnaes", "--protocol-file", "p.json"], "not allowed with argument"),
        ([], "one of the arguments --protocol --protocol-file is required"),
    ],
)
def test_check_takes_one_protocol_exactly(capsys, logs, options, said):
    with pytest.raises(SystemExit) as stop:
        main(["check", str(logs["halsnaes"]), *options])

    assert stop.value.code == 2
    assert said in capsys.readouterr().err


def test_a_bad_protocol_file_is_one_line_and_exit_2_before_the_log_is_read(capsys, tmp_path):
    bad = tmp_path / "p.json"
    bad.write_text('{"schema_version": 3, "id": "x"}', encoding="utf-8")

    code, out, err = run(capsys, "check", "no-such-log.json", "--protocol-file", str(bad))

    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("helhed: error: name_da: is required; name_en: is required; ")


def test_validate_lists_every_problem_by_path_and_exits_1(capsys, tmp_path):
    document = to_dict(PROTOCOLS["halsnaes"])
    document["rules"][1]["days"] = -7
    document["rules"][2]["colour"] = "rød"
    path = tmp_path / "halsnaes.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    code, out, err = run(capsys, "protocol", "validate", str(path))

    assert (code, err) == (1, "")
    # rule 2's unknown key does not hide rule 1's limit, which has its form
    assert out.splitlines() == [
        f"{path}: rules[1].days: must be 0 or more",
        f"{path}: rules[2].colour: is not a known field",
    ]


def test_validate_says_a_good_file_is_good(capsys, tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(to_dict(PROTOCOLS["aalborg"])), encoding="utf-8")

    assert run(capsys, "protocol", "validate", str(path)) == (
        0,
        f"{path}: a valid protocol 'aalborg' with 1 rule\n",
        "",
    )


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("p.json", "{", "is not valid JSON (line 1, column 2)"),
        ("p.toml", "id = ", "is not TOML"),
        ("p.yaml", "id: x", "must be a file ending in .json or .toml"),
    ],
)
def test_validate_names_a_file_that_is_no_document_at_its_path(
    capsys, tmp_path, name, text, problem
):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    code, out, _ = run(capsys, "protocol", "validate", str(path))

    assert code == 1
    assert out.startswith(f"{path}: {problem}")
    assert out.count("\n") == 1


def test_validate_of_a_missing_file_is_exit_2(capsys, tmp_path):
    code, out, err = run(capsys, "protocol", "validate", str(tmp_path / "none.json"))

    assert (code, out) == (2, "")
    assert err.startswith("helhed: error: No such file or directory")
