"""The commands about citizens and benefits: classify, benefits, and the cohort part of the demo."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from helhed._coded import CodedEnum
from helhed.benefits import Benefit, benefit_rules
from helhed.citizens import Citizen
from helhed.cli._common import fail, load_many, number, read_json, today
from helhed.cli._jsonl import documents
from helhed.errors import HelhedError
from helhed.examples import demo_cohort
from helhed.groups import RiskGroup
from helhed.language import Language, label, pick
from helhed.organisation import coordinating_caseworker_right
from helhed.serialization import to_dict
from helhed.sources import Citation
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


_STATUS_DA = {"OPEN": "åben", "CLOSED_TO_NEW": "lukket for nye", "ABOLISHED": "ophævet"}
"""The short Danish words of the benefits table's status column, by the status's name."""


def benefits_command(args: argparse.Namespace, out: TextIO) -> int:
    """Print the benefit rules in force on a date."""
    lang: Language = args.lang
    on = today(args.on)
    out.write(pick(lang, "Ydelsesregler den ", "Benefit rules on ") + f"{on.isoformat()}\n\n")
    heads = pick(
        lang,
        "forsørgelsesgrundlag|status|helhedsindsats|koord.|typiske målgrupper",
        "funding basis|status|holistic|coord.|typical groups",
    ).split("|")
    wide = max(8, len(heads[2]))
    first = _width(Benefit, lang, 36)
    header = f"{heads[0]:<{first}} {heads[1]:<15} {heads[2]:>{wide}} {heads[3]:>6}  {heads[4]}"
    out.write(header + "\n" + "-" * len(header) + "\n")
    beyond = False
    for benefit in Benefit:
        name = label(benefit, lang)
        try:
            rules = benefit_rules(benefit, on=on)
        except HelhedError:
            out.write(
                f"{name:<36} "
                + pick(lang, "(ingen regel på datoen)", "(no rule on this date)")
                + "\n"
            )
            continue
        beyond |= rules.beyond_known_law
        groups = ", ".join(label(g, lang) for g in RiskGroup if g in rules.typical_groups) or "-"
        mark = "" if rules.verification.code == "verificeret" else " *"
        holistic = _yes(rules.holistic_intervention, lang)
        caseworker = _yes(rules.coordinating_caseworker, lang)
        english = rules.status.name.lower().replace("_", " ")
        status = pick(lang, _STATUS_DA[rules.status.name], english)
        out.write(
            f"{name:<{first}} {status:<15} {holistic:>{wide}} {caseworker:>6}  {groups}{mark}\n"
        )
    out.write(
        pick(
            lang,
            "\n* hviler på en sekundær kilde eller er udledt; se reglens begrundelser.\n",
            "\n* rests on a secondary source or is inferred; see the rule's reasons.\n",
        )
    )
    if beyond:
        out.write(
            pick(
                lang,
                "Ud over kendt lov: svarene gentager de senest kendte regler.\n",
                "Beyond known law: answers repeat the last known rules.\n",
            )
        )
    return 0


def _width(members: Iterable[CodedEnum], lang: Language, least: int) -> int:
    """The width of a column of labels: the longest label in ``lang``, at least ``least``."""
    return max(least, *(len(label(m, lang)) for m in members))


def _yes(flag: bool, lang: Language) -> str:  # noqa: FBT001
    return pick(lang, "ja", "yes") if flag else pick(lang, "nej", "no")


def demo_cohort_part(args: argparse.Namespace, out: TextIO) -> int:
    """Classify the synthetic cohort; print groups, atypical cases and caseworker rights."""
    lang: Language = args.lang
    on: dt.date = args.on
    cohort = demo_cohort(args.size, seed=args.seed, on=on)
    assessments = [classify(c, on=on) for c in cohort]
    rights = [coordinating_caseworker_right(c, on=on).right for c in cohort]
    n = len(cohort)
    out.write(
        pick(
            lang,
            f"helhed demo: {number(n, lang)} syntetiske borgere (seed {args.seed}) vurderet den "
            f"{on.isoformat()}\nKohorten er opfundet til demoen; dens tal er ikke statistik.\n\n",
            f"helhed demo: {number(n, lang)} synthetic citizens (seed {args.seed}) classified on "
            f"{on.isoformat()}\nThe cohort is invented for the demo; its figures are not "
            "statistics.\n\n",
        )
    )
    _group_table(assessments, out, lang)
    _atypical(assessments, cohort, out, lang)
    with_right = sum(rights)
    cited = Citation("SST2019", "4.1, fn. 7").text(lang)
    some, every = number(with_right, lang), number(n, lang)
    out.write(
        pick(
            lang,
            f"\nRet til en koordinerende sagsbehandler ({cited}): {some} af {every} ",
            f"\nRight to a coordinating caseworker ({cited}): {some} of {every} ",
        )
        + f"({number(100 * with_right / n, lang, '.1f')} %)\n"
    )
    by_benefit = Counter(c.benefit for c, r in zip(cohort, rights, strict=True) if r)
    for benefit, count in by_benefit.most_common():
        if benefit is not None:
            width = _width(Benefit, lang, 34)
            out.write(f"  {label(benefit, lang):<{width}} {number(count, lang):>6}\n")
    beyond = sum(a.beyond_known_law for a in assessments)
    if beyond:
        out.write(
            pick(
                lang,
                f"\n{number(beyond, lang)} svar ligger ud over kendt lov og gentager de senest "
                "kendte regler.\n",
                f"\n{number(beyond, lang)} answers lie beyond known law and repeat the last "
                "known rules.\n",
            )
        )
    return 0


def _group_table(assessments: list[Assessment], out: TextIO, lang: Language) -> None:
    columns = [*RiskGroup, None]
    counts: Counter[tuple[Benefit | None, RiskGroup | None]] = Counter(
        (a.benefit, a.group) for a in assessments
    )
    atypical = Counter(a.benefit for a in assessments if a.typical is False)
    benefits = sorted(
        {a.benefit for a in assessments}, key=lambda b: list(Benefit).index(b) if b else 99
    )
    names = pick(
        lang, "høj|middel|lav|ingen|i alt|atypisk", "high|medium|low|no group|total|atypical"
    ).split("|")
    chapter = Citation("SST2019", "kap. 4").text(lang)
    out.write(
        pick(lang, "Målgrupper efter forsørgelsesgrundlag", "Target groups by funding basis")
        + f" ({chapter})\n"
    )
    basis = pick(lang, "forsørgelsesgrundlag", "funding basis")
    first = _width(Benefit, lang, 36)
    header = f"{basis:<{first}}" + "".join(f"{name:>10}" for name in names)
    out.write(header + "\n" + "-" * len(header) + "\n")
    for benefit in benefits:
        row = [counts[(benefit, g)] for g in columns]
        name = label(benefit, lang) if benefit is not None else pick(lang, "(ingen)", "(none)")
        cells = [*row, sum(row), atypical[benefit]]
        out.write(f"{name:<{first}}" + "".join(f"{number(c, lang):>10}" for c in cells) + "\n")
    totals = [sum(counts[(b, g)] for b in benefits) for g in columns]
    cells = [*totals, sum(totals), sum(atypical.values())]
    out.write("-" * len(header) + "\n")
    out.write(f"{names[4]:<{first}}" + "".join(f"{number(c, lang):>10}" for c in cells) + "\n")


def _atypical(
    assessments: list[Assessment], cohort: Sequence[Citizen], out: TextIO, lang: Language
) -> None:
    in_scope = [a for a in assessments if a.group is not None]
    odd = [a for a in in_scope if a.typical is False]
    share = 100 * len(odd) / len(in_scope) if in_scope else 0.0
    chapter = Citation("SST2019", "kap. 4").text(lang)
    some, scope = number(len(odd), lang), number(len(in_scope), lang)
    part = number(share, lang, ".1f")
    out.write(
        pick(
            lang,
            f"\nAtypiske sager: {some} af {scope} i målgruppe ({part} %) har et "
            "forsørgelsesgrundlag, der ikke er typisk for deres gruppe.\nGruppen følger "
            f"helbredet, ikke forsørgelsen ({chapter}); de hyppigste kombinationer:\n",
            f"\nAtypical cases: {some} of {scope} in scope ({part} %) have a funding basis "
            "that is not typical of their group.\nThe group follows health, not funding "
            f"({chapter}); most common combinations:\n",
        )
    )
    pairs = Counter((a.benefit, a.group) for a in odd)
    for (benefit, group), count in pairs.most_common(5):
        if benefit is not None and group is not None:
            out.write(
                f"  {label(benefit, lang):<{_width(Benefit, lang, 34)}} -> "
                f"{label(group, lang):<{_width(RiskGroup, lang, 18)}} "
                f"{number(count, lang):>6}\n"
            )
    if odd:
        example = odd[0]
        citizen = next(c for c in cohort if c.id == example.citizen_id)
        out.write(pick(lang, "\nEksempel, ", "\nExample, ") + f"{citizen.id}:\n")
        out.writelines(f"  - {reason.render(lang)}\n" for reason in example.reasons)
