"""The law page lists every dated row of the rule tables, and the tables are well kept."""

import datetime as dt
import pathlib

from helhed import law
from helhed.dated import Rule, RuleTable
from helhed.sources import Citation, Verification

PAGE = pathlib.Path(__file__).parents[1] / "docs" / "law.md"


def test_the_law_page_is_what_the_tables_say():
    text = PAGE.read_text(encoding="utf-8")
    assert law.markdown() in text, "docs/law.md is stale: run `make law-page`"
    assert law.refresh(text) == text


def test_refresh_replaces_only_what_lies_between_the_markers():
    page = "a\n<!-- law tables: begin (x) -->\nold\n<!-- law tables: end -->\nb\n"
    table = RuleTable(
        "t", (Rule("k", dt.date(2020, 1, 1), 1, Citation("SDL", "§ 12"), Verification.VERIFIED),)
    )
    fresh = law.refresh(page, [table])
    assert fresh.startswith("a\n<!-- law tables: begin (x) -->\n| from |")
    assert fresh.endswith(
        "| 2020-01-01 | `t` | k | SDL § 12 | Verified in a primary source | - |"
        "\n\n| beyond known law from | table | why | source |\n|---|---|---|---|\n"
        "<!-- law tables: end -->\nb\n"
    )
    assert law.refresh("no markers") == "no markers"


def test_every_row_of_every_table_is_listed_once():
    listed = sum(len(c.keys) for c in law.changes())
    assert listed == sum(len(t.rows) for t in law.TABLES)


def test_changes_group_rows_of_one_day_table_and_source_and_mark_the_first_rows():
    cite = Citation("SDL", "§ 12")
    rows = (
        Rule("a", dt.date(2020, 1, 1), 1, cite, Verification.VERIFIED),
        Rule("b", dt.date(2020, 1, 1), 1, cite, Verification.VERIFIED),
        Rule("a", dt.date(2021, 1, 1), 2, cite, Verification.AGENCY, "da", "en"),
        Rule("c", dt.date(2021, 1, 1), 2, cite, Verification.VERIFIED),
    )
    (start, change, new_key) = law.changes([RuleTable("t", rows)])
    assert (new_key.keys, new_key.first) == (("c",), False)  # a key that appears later
    assert (start.valid_from, start.keys, start.first) == (dt.date(2020, 1, 1), ("a", "b"), True)
    assert (change.keys, change.verification, change.note_en, change.first) == (
        ("a",),
        Verification.AGENCY,
        "en",
        False,
    )
