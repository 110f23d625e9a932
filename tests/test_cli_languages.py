"""``--lang da|en`` on every command: what people read is in the language asked for.

Each command runs twice, in Danish and in English. Text for people must differ and hold the
words of its language - the Danish labels of the enums, ``kap.`` in Danish and ``ch.`` in
English citations; JSON documents are the same in both, as they carry both languages' fields.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from helhed.benefits import Benefit
from helhed.cli import main
from helhed.groups import RiskGroup
from helhed.pathways.reports import InterventionStatus
from helhed.pathways.stages import PathwayStage
from helhed.rules import Severity

BIN = pathlib.Path(sys.executable).parent


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def both(capsys, *argv):
    """The output in Danish and in English, ``--lang`` after the command's words."""
    code_da, danish, _ = run(capsys, *argv, "--lang", "da")
    code_en, english, _ = run(capsys, *argv, "--lang", "en")
    assert code_da == code_en
    return danish, english


@pytest.fixture
def files(tmp_path, capsys):
    """The example citizens, profile and logs, as the README makes them."""
    made = {}
    for name in ("citizens", "readiness", "aalborg", "halsnaes"):
        made[name] = tmp_path / f"{name}.json"
        made[name].write_text(run(capsys, "example", name)[1], encoding="utf-8")
    return made


def test_the_option_goes_before_or_after_the_command(capsys):
    _, before, _ = run(capsys, "--lang", "da", "benefits", "--on", "2026-01-01")
    _, after, _ = run(capsys, "benefits", "--on", "2026-01-01", "--lang", "da")
    _, nested, _ = run(capsys, "--lang", "da", "protocol", "list")

    assert before == after
    assert before.startswith("Ydelsesregler den 2026-01-01")
    assert "regler;" in nested


def test_lang_wins_over_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("HELHED_LANG", "da")
    _, danish, _ = run(capsys, "benefits", "--on", "2026-01-01")
    _, english, _ = run(capsys, "benefits", "--on", "2026-01-01", "--lang", "en")

    assert danish.startswith("Ydelsesregler")
    assert english.startswith("Benefit rules")


def test_a_bad_helhed_lang_is_one_line_and_exit_2(capsys, monkeypatch):
    monkeypatch.setenv("HELHED_LANG", "fr")
    code, out, err = run(capsys, "benefits")

    assert (code, out) == (2, "")
    assert err == "helhed: error: HELHED_LANG: must be da or en\n"
    assert run(capsys, "benefits", "--on", "2026-01-01", "--lang", "en")[0] == 0


def test_a_bad_lang_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["models", "--lang", "fr"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith("models: argument --lang: must be da or en\n")


def test_the_default_follows_the_locale_when_helhed_lang_is_unset(tmp_path):
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "da_DK.UTF-8"}
    done = subprocess.run(  # noqa: S603 - this environment's helhed on fixed arguments
        [str(BIN / "helhed"), "benefits", "--on", "2026-01-01"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("Ydelsesregler den 2026-01-01")
    english = subprocess.run(  # noqa: S603
        [str(BIN / "helhed"), "benefits", "--on", "2026-01-01"],
        env={**env, "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert english.stdout.startswith("Benefit rules on 2026-01-01")


def test_benefits(capsys):
    danish, english = both(capsys, "benefits", "--on", "2026-01-01")

    assert Benefit.FLEX_JOB.label_da in danish
    assert Benefit.FLEX_JOB.label_da not in english
    assert RiskGroup.HIGH.label_da in danish
    assert RiskGroup.HIGH.label_en in english
    assert "forsørgelsesgrundlag" in danish
    assert "funding basis" in english


def test_demo_and_its_picture(capsys, tmp_path):
    da_png, en_png = tmp_path / "da.png", tmp_path / "en.png"
    code, danish, _ = run(capsys, "demo", "--size", "300", "--lang", "da", "--png", str(da_png))
    assert code == 0
    _, english, _ = run(capsys, "demo", "--size", "300", "--lang", "en", "--png", str(en_png))

    assert "Målgrupper efter forsørgelsesgrundlag (SST2019 kap. 4)" in danish
    assert "Target groups by funding basis (SST2019 ch. 4)" in english
    assert "Model 4, indsatskataloget (SST2019 kap. 9)" in danish
    assert "Model 4, the intervention catalogue (SST2019 ch. 9)" in english
    assert "kap. 9" not in english
    assert "| I alt |" in danish
    assert "| Total |" in english
    assert InterventionStatus.NOT_STARTED.label_da in danish
    assert PathwayStage.DROPPED_OUT.label_da in danish
    assert PathwayStage.DROPPED_OUT.label_en in english
    assert Severity.ERROR.label_da.lower() in danish
    assert "samtaler pr. borger" in danish
    assert "| 1,9 |" in danish  # Danish numbers have a decimal comma
    assert "| 1.9 |" in english
    assert da_png.read_bytes() != en_png.read_bytes()


def test_check_and_its_findings(capsys, files):
    argv = ("check", str(files["halsnaes"]), "--protocol", "halsnaes", "--on", "2021-12-31")
    danish, english = both(capsys, *argv)

    assert danish != english
    assert "fejl (" in danish
    assert "error (" in english
    assert "(SST2019 kap. 3)" in danish
    assert "(SST2019 ch. 3)" in english
    assert "tjekket mod 'halsnaes' den 2021-12-31" in danish
    assert "checked against 'halsnaes' on 2021-12-31" in english


def test_check_as_json_is_the_same_in_both(capsys, files):
    argv = ("check", str(files["halsnaes"]), "--protocol", "halsnaes", "--on", "2021-12-31")
    danish, english = both(capsys, *argv, "--json")

    assert danish == english
    finding = json.loads(danish)["findings"][0]
    assert {"text_da", "text_en"} <= set(finding)


def test_check_jsonl_summary(capsys, files, tmp_path):
    lines = tmp_path / "halsnaes.jsonl"
    pathways = json.loads(files["halsnaes"].read_text(encoding="utf-8"))
    lines.write_text("".join(json.dumps(p) + "\n" for p in pathways), encoding="utf-8")
    argv = ["check", str(lines), "--protocol", "halsnaes", "--on", "2021-12-31", "--jsonl"]
    main([*argv, "--lang", "da"])
    danish = capsys.readouterr()
    main([*argv, "--lang", "en"])
    english = capsys.readouterr()

    assert danish.out == english.out
    assert "tjekket mod" in danish.err
    assert "checked against" in english.err


def test_protocols_and_protocol(capsys, tmp_path):
    danish, english = both(capsys, "protocols", "--protocol", "odense-samtykke")
    assert "[læsning]" in danish
    assert "[reading]" in english
    assert "hvorfor:" in danish
    assert "why:" in english
    assert "ODENSE2015 pkt. 4" in danish
    assert "ODENSE2015 item 4" in english

    danish, english = both(capsys, "protocol", "list")
    assert "regler;" in danish
    assert "rules;" in english
    assert "Tidlig opsporing og tværfaglig indsats (3 regler; SST2019 kap. 6)" in danish
    assert "(3 rules; SST2019 ch. 6)" in english
    assert "kap." not in english

    danish, english = both(capsys, "protocol", "show", "odense-samtykke")
    assert danish.splitlines()[1].startswith("  [læsning]")

    document = tmp_path / "odense.json"
    main(["protocol", "show", "odense-samtykke", "--json"])
    document.write_text(capsys.readouterr().out, encoding="utf-8")
    danish, english = both(capsys, "protocol", "validate", str(document))
    assert "en gyldig protokol 'odense-samtykke' med" in danish
    assert "a valid protocol 'odense-samtykke' with" in english


def test_protocols_as_json_is_the_same_in_both(capsys):
    danish, english = both(capsys, "protocols", "--json")
    assert danish == english


def test_report(capsys, files):
    danish, english = both(capsys, "report", str(files["aalborg"]))

    assert danish.startswith("Sundhedssamtaler pr. enhed, 2018-01-01 til 2019-02-28")
    assert english.startswith("Health conversations by unit, 2018-01-01 to 2019-02-28")
    assert "| Gennemført | 31 | 39 |" in danish
    assert "| Completed | 31 | 39 |" in english
    assert "| I alt | 80 | 100 |" in danish


def test_screen(capsys):
    danish, english = both(capsys, "screen", "who5", "1", "1", "1", "1", "1", "--on", "2026-01-01")
    assert "råscore: 5 af 25" in danish
    assert "raw score: 5 of 25" in english
    assert "råd: " in danish
    assert "advice: " in english

    danish, english = both(capsys, "screen", "alcohol", "14.5", "--on", "2026-01-01")
    assert "14,5 genstande om ugen" in danish
    assert "14.5 units a week" in english

    args = ("screen", "audit-c", "4", "4", "4", "--sex", "mand", "--on", "2026-01-01")
    danish, english = both(capsys, *args)
    assert "total: 12 af 12" in danish
    assert "total: 12 of 12" in english


def test_models_and_readiness(capsys, files):
    danish, english = both(capsys, "models", "--model", "1")
    assert "Indholdselementer:" in danish
    assert "Content elements:" in english
    assert "(SST2019 kap. 6)" in danish
    assert "(SST2019 ch. 6)" in english

    danish, english = both(capsys, "readiness", str(files["readiness"]))
    assert "på plads" in danish
    assert "in place" in english
    assert "mangler:" in danish
    assert "missing:" in english
    danish, english = both(capsys, "readiness", str(files["readiness"]), "--json")
    assert danish == english


def test_catalogue(capsys, files):
    argv = ("catalogue", "match", str(files["citizens"]), "--on", "2026-11-02", "--most", "2")
    danish, english = both(capsys, *argv)
    assert "tilbud passer; de 2 bedste:" in danish
    assert "offers fit; the best 2:" in english
    assert "Tilbuddet arbejder med" in danish

    danish, english = both(capsys, "catalogue", "stale", "--on", "2026-11-02")
    assert "(SST2019 kap. 9: løbende opdatering er afgørende)" in danish
    assert "(SST2019 ch. 9: continuous updating is decisive)" in english

    danish, english = both(capsys, "catalogue", "coverage")
    assert "intet tilbud til risikofaktorer:" in danish
    assert "no offer for risk factors:" in english


def test_test(capsys):
    danish, english = both(capsys, "test")
    assert "scenarier i" in danish
    assert " bestået, 0 fejlet" in danish
    assert " passed, 0 failed" in english


@pytest.mark.parametrize(
    "argv",
    [
        ("classify", "CITIZENS", "--on", "2026-11-02"),
        ("example", "aalborg"),
        ("schema", "citizen"),
        ("schema",),
        ("serve", "--openapi"),
    ],
)
def test_documents_and_lists_of_names_are_the_same_in_both(capsys, files, argv):
    argv = tuple(str(files["citizens"]) if a == "CITIZENS" else a for a in argv)
    danish, english = both(capsys, *argv)
    assert danish == english
