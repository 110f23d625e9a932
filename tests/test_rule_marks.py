"""Every dated row says how sure helhed is of it and, when it is not law text, what it rests on."""

import datetime as dt
import importlib
import pkgutil

import pytest

import helhed
from helhed.dated import Rule, RuleTable
from helhed.law import TABLES
from helhed.sources import Citation, Verification


def _shipped_tables():
    """Every RuleTable bound at module level anywhere in helhed, by module and name."""
    found = {}
    for info in pkgutil.walk_packages(helhed.__path__, "helhed."):
        if info.name.startswith(("helhed.cli", "helhed.plots", "helhed.distributed")):
            continue
        if info.name == "helhed.pathways.rules":  # deprecated, warns; re-exports helhed.rules
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, RuleTable):
                found.setdefault(id(value), (f"{info.name}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


SHIPPED = _shipped_tables()


def test_the_law_page_lists_every_shipped_table():
    assert {id(table) for _, table in SHIPPED} == {id(table) for table in TABLES}
    assert len(TABLES) >= 8  # four benefit tables, two organisation tables, sickness, alcohol


@pytest.mark.parametrize(("where", "table"), SHIPPED, ids=[w for w, _ in SHIPPED])
def test_every_row_carries_a_verification_level(where, table):
    for row in table.rows:
        assert isinstance(row.verification, Verification), (where, row.key, row.valid_from)


def _missing_notes(table):
    """The rows short of law text without a note in Danish and in English."""
    return [
        (str(row.key), row.valid_from.isoformat())
        for row in table.rows
        if row.verification is not Verification.VERIFIED
        and not (row.note_da.strip() and row.note_en.strip())
    ]


@pytest.mark.parametrize(("where", "table"), SHIPPED, ids=[w for w, _ in SHIPPED])
def test_every_row_short_of_law_text_names_what_it_rests_on_in_both_languages(where, table):
    assert _missing_notes(table) == [], where


def test_the_check_finds_a_row_without_a_note_in_either_language():
    rows = (
        Rule("a", dt.date(2020, 1, 1), 1, Citation("LAB"), Verification.VERIFIED),
        Rule("b", dt.date(2020, 1, 1), 1, Citation("LAB"), Verification.AGENCY),
        Rule("c", dt.date(2020, 1, 1), 1, Citation("LAB"), Verification.SECONDARY, "kun dansk"),
        Rule("d", dt.date(2020, 1, 1), 1, Citation("LAB"), Verification.UNVERIFIED, " ", "x"),
        Rule("e", dt.date(2020, 1, 1), 1, Citation("LAB"), Verification.UNVERIFIED, "y", "z"),
    )

    assert _missing_notes(RuleTable("demo", rows)) == [
        ("b", "2020-01-01"),
        ("c", "2020-01-01"),
        ("d", "2020-01-01"),
    ]
