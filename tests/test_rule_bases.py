"""Every shipped rule says what it rests on, and every quote is the source's own words."""

import pathlib
import re

import pytest

from helhed.cases import PROTOCOLS as CASE_PROTOCOLS
from helhed.models.coordination import COORDINATION
from helhed.models.early_detection import EARLY_DETECTION
from helhed.models.specific import SPECIFIC
from helhed.pathways import bases
from helhed.pathways.events import Referred
from helhed.pathways.protocols import PROTOCOLS
from helhed.pathways.rules import Protocol, forbid, when
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
    with pytest.raises(TypeError, match=r"x\.y has no basis"):
        bases.rule_bases([bare])
