"""What every shipped protocol rule rests on: the source's words, or helhed's reading.

[`shipped_protocols`][helhed.pathways.bases.shipped_protocols] gathers every protocol helhed
ships - those of ``helhed.pathways.protocols``, the three model protocols and the case
protocols - and [`rule_bases`][helhed.pathways.bases.rule_bases] lists each rule once, with
the protocols that hold it, whether it is stated or a reading, its citation and its quote or
why. [`markdown`][helhed.pathways.bases.markdown] writes that list as the table of
``docs/protocols.md`` (``make rules-page`` writes it anew; a test keeps them the same).

Examples:
    >>> rows = {row.rule_id: row for row in rule_bases()}
    >>> row = rows["halsnaes.contact_within_week"]
    >>> row.stated, str(row.citation), row.text_da
    (True, 'HALSNAES', 'En af projektets medarbejdere kontakter borgeren inden for en uge')
    >>> rows["koordinerende-sagsbehandler.tildelt"].stated
    False
    >>> rows["model1.assessment_cross_disciplinary"].protocols
    ('hjorring', 'model1')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from helhed._values import frozen_fields
from helhed.errors import ValidationError, quoted, require
from helhed.protocols import PROTOCOLS
from helhed.rules import Protocol, Rule
from helhed.sources import Citation, Stated

__all__ = [
    "BEGIN",
    "END",
    "RuleBasisRow",
    "markdown",
    "refresh",
    "rule_bases",
    "shipped_protocols",
]

BEGIN = "<!-- rule bases: begin (written by `make rules-page`) -->"
"""The line before the generated table in ``docs/protocols.md``."""

END = "<!-- rule bases: end -->"
"""The line after it."""


def shipped_protocols() -> Mapping[str, Protocol]:
    """Every protocol helhed ships, by id (see [`PROTOCOLS`][helhed.protocols.PROTOCOLS])."""
    return PROTOCOLS


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class RuleBasisRow:
    """One shipped rule and what it rests on.

    Attributes:
        rule_id: The rule's id.
        protocols: The ids of the shipped protocols that hold it, sorted.
        stated: True if the source states it (``Stated``), False for helhed's reading.
        citation: Where the rule comes from.
        text_da: The quote, for a stated rule; helhed's why in Danish, for a reading.
        text_en: Empty for a stated rule (the quote is in the source's language); helhed's
            why in English, for a reading.
    """

    rule_id: str
    protocols: tuple[str, ...]
    stated: bool
    citation: Citation
    text_da: str
    text_en: str


def _row(rule: Rule, protocols: tuple[str, ...]) -> RuleBasisRow:
    basis = rule.basis
    if basis is None:
        raise ValidationError.at(
            f"rules[{quoted(rule.id)}].basis",
            "is missing; every rule listed must be Stated or a Reading",
        )
    stated = isinstance(basis, Stated)
    return RuleBasisRow(
        rule_id=rule.id,
        protocols=protocols,
        stated=stated,
        citation=rule.citation,
        text_da=basis.quote if isinstance(basis, Stated) else basis.why_da,
        text_en="" if isinstance(basis, Stated) else basis.why_en,
    )


def rule_bases(protocols: Iterable[Protocol] | None = None) -> tuple[RuleBasisRow, ...]:
    """Each rule of ``protocols`` (the shipped ones by default) once, sorted by rule id.

    A rule that several protocols share (model 1's rules in Hjørring) is one row naming them
    all.

    Raises:
        ValidationError: If a rule has no basis; the shipped rules all have one (a test keeps
            it so).
    """
    chosen = shipped_protocols().values() if protocols is None else protocols
    rules: dict[str, Rule] = {}
    holders: dict[str, set[str]] = {}
    for protocol in chosen:
        for rule in protocol.rules:
            rules.setdefault(rule.id, rule)
            holders.setdefault(rule.id, set()).add(protocol.id)
    return tuple(_row(rules[rid], tuple(sorted(holders[rid]))) for rid in sorted(rules))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(rows: Iterable[RuleBasisRow] | None = None) -> str:
    """The table of ``docs/protocols.md``: rule, stated or reading, citation, quote or why."""
    lines = [
        "| rule | protocols | basis | citation | quote (stated) or why (reading) |",
        "|---|---|---|---|---|",
    ]
    for row in rule_bases() if rows is None else rows:
        what = f"«{row.text_da}»" if row.stated else row.text_en
        lines.append(
            f"| `{row.rule_id}` | {', '.join(row.protocols)} | "
            f"{'stated' if row.stated else 'reading'} | {row.citation} | {_cell(what)} |"
        )
    return "\n".join(lines) + "\n"


def refresh(page: str, rows: Iterable[RuleBasisRow] | None = None) -> str:
    """``page`` with the generated table put between its two markers.

    The markers are [`BEGIN`][helhed.pathways.bases.BEGIN] and
    [`END`][helhed.pathways.bases.END]; a page without them is returned unchanged.
    """
    require(page, str, "page", "must be a string")
    start = page.find(BEGIN)
    stop = page.find(END)
    if start < 0 or stop < start:
        return page
    head = page[: start + len(BEGIN)]
    return f"{head}\n{markdown(rows)}{page[stop:]}"
