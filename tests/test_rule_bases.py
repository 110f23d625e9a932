"""Every shipped rule says what it rests on, and every quote is the source's own words."""

import datetime as dt
import io
import json
import pathlib
import re

import attrs
import pytest

from helhed.cases import PROTOCOLS as CASE_PROTOCOLS
from helhed.cli import main
from helhed.cli.pathways import READINGS_HEADING, write_report
from helhed.errors import ValidationError
from helhed.models.coordination import COORDINATION
from helhed.models.early_detection import EARLY_DETECTION
from helhed.models.specific import SPECIFIC
from helhed.pathways import bases
from helhed.pathways.compliance import ComplianceReport
from helhed.pathways.events import Referred
from helhed.protocols import PROTOCOLS
from helhed.rules import Finding, Protocol, Severity, forbid, when
from helhed.sources import Citation, Reading, Stated

SEEDS = pathlib.Path(__file__).parents[1].parent / "shared" / "seeds"
PAGE = pathlib.Path(__file__).parents[1] / "docs" / "protocols.md"

SEED_HEADS = {
    "SST2019": "Helhedsorienterede beskæftigelses- indsatser med fokus på sundhed",
    "HALSNAES": "I Halsnæs samarbejder jobcenter og sundhedsafdeling",
    "ODENSE2015": "Referat fra temagruppemøde d. 23.11.2015",
    "AALBORG2019": "Evaluering af indsatsen med fremskudte",
    "COWI2010": "Den tværgående evaluering af Lighed i sundhed",
}


def _every_protocol() -> list[Protocol]:
    return [
        *PROTOCOLS.values(),
        EARLY_DETECTION,
        COORDINATION,
        SPECIFIC,
        *CASE_PROTOCOLS.values(),
    ]


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_rule_of_every_shipped_protocol_has_a_basis():
    for protocol in _every_protocol():
        for rule in protocol.rules:
            assert isinstance(rule.basis, (Stated, Reading)), (protocol.id, rule.id)


def test_no_shipped_reading_is_an_error():
    # helhed's reading of a source is not the source's demand: at most a warning.
    for protocol in _every_protocol():
        for rule in protocol.rules:
            if isinstance(rule.basis, Reading):
                assert rule.severity is not Severity.ERROR, (protocol.id, rule.id)


def test_shipped_protocols_are_all_of_them():
    assert set(bases.shipped_protocols()) == {p.id for p in _every_protocol()}
    listed = {row.rule_id for row in bases.rule_bases()}
    assert listed == {r.id for p in _every_protocol() for r in p.rules}


def test_a_reading_says_why_in_both_languages_and_a_stated_rule_quotes_briefly():
    for row in bases.rule_bases():
        if row.stated:
            assert 10 <= len(row.text_da) <= 120, row.rule_id
            assert not row.text_en
        else:
            assert row.text_da.strip(), row.rule_id
            assert row.text_en.strip(), row.rule_id


def _seeds() -> dict[str, str]:
    texts = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for key, head in SEED_HEADS.items():
            if _plain(head) in _plain(text[:2000]):
                texts[key] = _plain(text)
    return texts


@pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"the source documents are not beside the repository ({SEEDS})",
)
def test_every_stated_quote_is_in_the_seed_it_cites():
    texts = _seeds()
    assert set(texts) == set(SEED_HEADS)
    checked = 0
    for protocol in _every_protocol():
        for rule in protocol.rules:
            if isinstance(rule.basis, Stated) and rule.citation.source in texts:
                quote = _plain(rule.basis.quote)
                assert quote in texts[rule.citation.source], (rule.id, quote)
                checked += 1
    assert checked >= 25


def test_the_protocols_page_lists_every_rule_as_it_rests():
    text = PAGE.read_text(encoding="utf-8")
    assert bases.markdown() in text, "docs/protocols.md is stale: run `make rules-page`"
    assert bases.refresh(text) == text


def test_refresh_replaces_only_the_table():
    page = f"a\n{bases.BEGIN}\nold\n{bases.END}\nb\n"
    fresh = bases.refresh(page)
    assert fresh.startswith(f"a\n{bases.BEGIN}\n| rule |")
    assert fresh.endswith(f"|\n{bases.END}\nb\n")
    assert bases.refresh("no markers") == "no markers"


def test_a_rule_without_a_basis_is_refused_by_the_listing():
    bare = Protocol(
        id="x",
        name_da="x",
        name_en="x",
        rules=(
            forbid(
                when(Referred), id="x.y", citation=Citation("SST2019"), text_da="y", text_en="y"
            ),
        ),
        citation=Citation("SST2019"),
    )
    with pytest.raises(ValidationError, match=r"rules\['x\.y'\]\.basis: is missing"):
        bases.rule_bases([bare])


# -- the command line ------------------------------------------------------------------------


def test_helhed_protocols_marks_each_rule(capsys):
    assert main(["protocols", "--protocol", "jammerbugt"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "jammerbugt: Early detection of high alcohol use, Jammerbugt (SST2019 6.3)"
    assert out[1].startswith("  [reading] jammerbugt.first_conversation (warning, SST2019 6.3)")
    assert out[2].startswith("            why: The source gives the first conversation")
    assert out[3].startswith("  [stated ] jammerbugt.conversation_before_treatment (error,")
    assert out[4] == (
        "            «Frontmedarbejdernes opgave er at tage den første samtale med borgerne og "
        "motivere dem til behandling»"
    )
    assert len(out) == 5


def test_helhed_protocols_as_json_lists_every_rule_check_knows(capsys):
    assert main(["protocols", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == sum(len(p.rules) for p in PROTOCOLS.values())
    tildelt = next(r for r in rows if r["rule"] == "koordinerende-sagsbehandler.tildelt")
    assert (tildelt["basis"], tildelt["quote"], tildelt["severity"]) == (
        "reading",
        None,
        "advarsel",
    )
    assert tildelt["why"].startswith("SST2019 4.1 gives the right, but no source sets a deadline")
    voluntary = next(r for r in rows if r["rule"] == "halsnaes.voluntary")
    assert (voluntary["basis"], voluntary["quote"], voluntary["why"]) == (
        "stated",
        "Tilbuddet er frivilligt",
        None,
    )


def _finding(rule_id, reading, cid):
    return Finding(
        rule_id=rule_id,
        citizen_id=cid,
        severity=Severity.WARNING,
        events=(0,),
        dates=(dt.date(2024, 3, 4),),
        text_da="x",
        text_en=f"text of {rule_id}",
        citation=Citation("SST2019", "8.2"),
        reading=reading,
    )


def test_check_lists_the_findings_of_readings_under_their_own_heading():
    report = ComplianceReport(
        protocol="sonderborg",
        on=dt.date(2024, 3, 31),
        pathways=2,
        events=9,
        findings=(
            _finding("sonderborg.clarifying_first", True, "c-1"),
            _finding("sonderborg.parallel", False, "c-1"),
            _finding("sonderborg.parallel", False, "c-2"),
        ),
    )
    out = io.StringIO()
    write_report(report, out)
    lines = out.getvalue().splitlines()
    assert lines[2] == READINGS_HEADING
    assert [line.split(" (")[0] for line in (lines[0], lines[1], lines[3])] == [
        "c-1 [sonderborg.parallel] warning",
        "c-2 [sonderborg.parallel] warning",
        "c-1 [sonderborg.clarifying_first] warning",
    ]
    assert lines[4].endswith("0 errors, 3 warnings, 0 notices; 1 of the findings from readings")
    # With room for two lines, the reading is left out and counted.
    out = io.StringIO()
    write_report(report, out, most=2)
    assert out.getvalue().splitlines()[2:4] == [
        "... and 1 more",
        lines[4],
    ]
    # No heading when no finding is a reading.
    out = io.StringIO()
    write_report(attrs.evolve(report, findings=report.findings[1:]), out)
    assert READINGS_HEADING not in out.getvalue()
    assert out.getvalue().endswith("0 errors, 2 warnings, 0 notices\n")
