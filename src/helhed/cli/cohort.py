"""The commands about citizens and benefits: classify, benefits, and the cohort part of the demo."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from helhed.benefits import Benefit, benefit_rules
from helhed.citizens import Citizen
from helhed.cli._common import fail, load_many, read_json, today
from helhed.cli._jsonl import documents
from helhed.errors import HelhedError
from helhed.examples import demo_cohort
from helhed.groups import RiskGroup
from helhed.organisation import coordinating_caseworker_right
from helhed.serialization import to_dict
from helhed.target_groups import Assessment, classify


def classify_command(args: argparse.Namespace, out: TextIO) -> int:
    """Classify citizens read as JSON; write the assessments as JSON.

    With ``--jsonl`` the input is JSON Lines, one citizen a line, and so is the output, one
    assessment a line, in the order read; see [`classify_lines`][helhed.cli.cohort.classify_lines].
    """
    on = today(args.on)
    if getattr(args, "jsonl", False):
        if args.indent is not None:
            fail("--indent cannot be used with --jsonl: JSON Lines keep each document on one line")
        return classify_lines(args.file, out, on=on, encoding=args.encoding)
    data = read_json(args.file, args.encoding)
    citizens = load_many(data, Citizen)
    assessed = [to_dict(classify(c, on=on)) for c in citizens]
    result: Any = assessed if isinstance(data, list) else assessed[0]
    json.dump(result, out, ensure_ascii=False, indent=args.indent)
    out.write("\n")
    return 0


def classify_lines(path: str, out: TextIO, *, on: dt.date, encoding: str | None = None) -> int:
    """Classify the citizens of a JSON Lines file (``-``: standard input), streaming.

    Reads one citizen document a line (blank lines skipped) and writes its assessment as one
    line of JSON before reading the next, so memory stays the same however many citizens the
    file holds. The first bad line stops the run with an error naming it (exit code 2); the
    assessments of the lines before it have been written and stay written.
    """
    for _, citizen in documents(path, Citizen, encoding):
        out.write(json.dumps(to_dict(classify(citizen, on=on)), ensure_ascii=False))
        out.write("\n")
    return 0


def benefits_command(args: argparse.Namespace, out: TextIO) -> int:
    """Print the benefit rules in force on a date."""
    on = today(args.on)
    out.write(f"Benefit rules on {on.isoformat()}\n\n")
    header = f"{'funding basis':<36} {'status':<15} {'holistic':>8} {'coord.':>6}  typical groups"
    out.write(header + "\n" + "-" * len(header) + "\n")
    beyond = False
    for benefit in Benefit:
        try:
            rules = benefit_rules(benefit, on=on)
        except HelhedError:
            out.write(f"{benefit.label_en:<36} (no rule on this date)\n")
            continue
        beyond |= rules.beyond_known_law
        groups = ", ".join(g.label_en for g in RiskGroup if g in rules.typical_groups) or "-"
        mark = "" if rules.verification.code == "verificeret" else " *"
        holistic = _yes(rules.holistic_intervention)
        caseworker = _yes(rules.coordinating_caseworker)
        status = rules.status.name.lower().replace("_", " ")
        out.write(
            f"{benefit.label_en:<36} {status:<15} {holistic:>8} {caseworker:>6}  {groups}{mark}\n"
        )
    out.write("\n* rests on a secondary source or is inferred; see the rule's reasons.\n")
    if beyond:
        out.write("Beyond known law: answers repeat the last known rules.\n")
    return 0


def _yes(flag: bool) -> str:  # noqa: FBT001
    return "yes" if flag else "no"


def demo_cohort_part(args: argparse.Namespace, out: TextIO) -> int:
    """Classify the synthetic cohort; print groups, atypical cases and caseworker rights."""
    on: dt.date = args.on
    cohort = demo_cohort(args.size, seed=args.seed, on=on)
    assessments = [classify(c, on=on) for c in cohort]
    rights = [coordinating_caseworker_right(c, on=on).right for c in cohort]
    n = len(cohort)
    out.write(
        f"helhed demo: {n:,} synthetic citizens (seed {args.seed}) classified on {on.isoformat()}\n"
        "The cohort is invented for the demo; its figures are not statistics.\n\n"
    )
    _group_table(assessments, out)
    _atypical(assessments, cohort, out)
    with_right = sum(rights)
    out.write(
        f"\nRight to a coordinating caseworker (SST2019 4.1, fn. 7): {with_right:,} of {n:,} "
        f"({100 * with_right / n:.1f} %)\n"
    )
    by_benefit = Counter(c.benefit for c, r in zip(cohort, rights, strict=True) if r)
    for benefit, count in by_benefit.most_common():
        if benefit is not None:
            out.write(f"  {benefit.label_en:<34} {count:>6,}\n")
    beyond = sum(a.beyond_known_law for a in assessments)
    if beyond:
        out.write(f"\n{beyond:,} answers lie beyond known law and repeat the last known rules.\n")
    return 0


def _group_table(assessments: list[Assessment], out: TextIO) -> None:
    columns = [*RiskGroup, None]
    counts: Counter[tuple[Benefit | None, RiskGroup | None]] = Counter(
        (a.benefit, a.group) for a in assessments
    )
    atypical = Counter(a.benefit for a in assessments if a.typical is False)
    benefits = sorted(
        {a.benefit for a in assessments}, key=lambda b: list(Benefit).index(b) if b else 99
    )
    names = ["high", "medium", "low", "no group", "total", "atypical"]
    out.write("Target groups by funding basis (SST2019 ch. 4)\n")
    header = f"{'funding basis':<36}" + "".join(f"{name:>10}" for name in names)
    out.write(header + "\n" + "-" * len(header) + "\n")
    for benefit in benefits:
        row = [counts[(benefit, g)] for g in columns]
        label = benefit.label_en if benefit is not None else "(none)"
        cells = [*row, sum(row), atypical[benefit]]
        out.write(f"{label:<36}" + "".join(f"{c:>10,}" for c in cells) + "\n")
    totals = [sum(counts[(b, g)] for b in benefits) for g in columns]
    cells = [*totals, sum(totals), sum(atypical.values())]
    out.write("-" * len(header) + "\n")
    out.write(f"{'total':<36}" + "".join(f"{c:>10,}" for c in cells) + "\n")


def _atypical(assessments: list[Assessment], cohort: Sequence[Citizen], out: TextIO) -> None:
    in_scope = [a for a in assessments if a.group is not None]
    odd = [a for a in in_scope if a.typical is False]
    share = 100 * len(odd) / len(in_scope) if in_scope else 0.0
    out.write(
        f"\nAtypical cases: {len(odd):,} of {len(in_scope):,} in scope ({share:.1f} %) have a "
        "funding basis that is not typical of their group.\nThe group follows health, not "
        "funding (SST2019 ch. 4); most common combinations:\n"
    )
    pairs = Counter((a.benefit, a.group) for a in odd)
    for (benefit, group), count in pairs.most_common(5):
        if benefit is not None and group is not None:
            out.write(f"  {benefit.label_en:<34} -> {group.label_en:<18} {count:>6,}\n")
    if odd:
        example = odd[0]
        citizen = next(c for c in cohort if c.id == example.citizen_id)
        out.write(f"\nExample, {citizen.id}:\n")
        out.writelines(f"  - {reason}\n" for reason in example.reasons)
