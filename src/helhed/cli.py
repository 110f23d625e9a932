"""The ``helhed`` command.

- ``helhed demo``: classify the built-in synthetic cohort and print target groups by funding
  basis, the atypical cases and the coordinating caseworker rights.
- ``helhed classify FILE|-``: read one citizen document or a JSON list of them; write the
  assessments as JSON.
- ``helhed benefits``: print the benefit rules in force on a date.
- ``helhed schema [NAME]``: print the JSON Schema of a document type, or list the names.

Dates default to today (the command line is the one place helhed reads the clock; the
library never does). Bad input prints one line naming the bad field and exits with code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from helhed.benefits import Benefit, benefit_rules
from helhed.citizens import Citizen
from helhed.errors import HelhedError, Problem, ValidationError
from helhed.examples import DEMO_DATE, DEMO_SEED, DEMO_SIZE, demo_cohort
from helhed.groups import RiskGroup
from helhed.json_schema import json_schema
from helhed.organisation import coordinating_caseworker_right
from helhed.serialization import DOCUMENTS, from_dict, parse_json, to_dict
from helhed.target_groups import Assessment, classify

__all__ = ["main"]

_EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args, sys.stdout))
    except (ValidationError, HelhedError) as exc:
        print(f"helhed: error: {exc}", file=sys.stderr)
        return _EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader stopped early, e.g. `helhed demo | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(
            f"helhed: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return _EXIT_BAD_INPUT


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date written YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="helhed",
        description="Rules for collaboration between job centres and health departments.",
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="classify the built-in synthetic cohort")
    demo.add_argument("--on", type=_date, default=DEMO_DATE, help="date (default %(default)s)")
    demo.add_argument("--size", type=int, default=DEMO_SIZE, help="citizens (default %(default)s)")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, help="seed (default %(default)s)")
    demo.set_defaults(run=_demo)

    cls = sub.add_parser("classify", help="classify citizens read as JSON")
    cls.add_argument("file", help="a JSON file of one citizen or a list of them; - for stdin")
    cls.add_argument("--on", type=_date, default=None, help="date (default today)")
    cls.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    cls.set_defaults(run=_classify)

    ben = sub.add_parser("benefits", help="print the benefit rules in force on a date")
    ben.add_argument("--on", type=_date, default=None, help="date (default today)")
    ben.set_defaults(run=_benefits)

    schema = sub.add_parser("schema", help="print the JSON Schema of a document type")
    schema.add_argument("name", nargs="?", choices=sorted(DOCUMENTS), help="document type")
    schema.set_defaults(run=_schema)
    return parser


def _today(on: dt.date | None) -> dt.date:
    return on if on is not None else dt.datetime.now().astimezone().date()


def _classify(args: argparse.Namespace, out: TextIO) -> int:
    on = _today(args.on)
    text = sys.stdin.read() if args.file == "-" else _read(args.file)
    data = parse_json(text)
    if isinstance(data, list):
        citizens = _citizens(data)
        result: Any = [to_dict(classify(c, on=on)) for c in citizens]
    else:
        result = to_dict(classify(from_dict(data, Citizen), on=on))
    json.dump(result, out, ensure_ascii=False, indent=args.indent)
    out.write("\n")
    return 0


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:  # noqa: PTH123 - a path from the user
        return handle.read()


def _citizens(data: list[Any]) -> list[Citizen]:
    citizens: list[Citizen] = []
    problems: list[Problem] = []
    for i, item in enumerate(data):
        try:
            citizens.append(from_dict(item, Citizen, path=f"[{i}]"))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return citizens


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    if args.name is None:
        out.writelines(f"{name:22} {cls.__name__}\n" for name, cls in DOCUMENTS.items())
        return 0
    json.dump(json_schema(args.name), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0


def _benefits(args: argparse.Namespace, out: TextIO) -> int:
    on = _today(args.on)
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
            f"{benefit.label_en:<36} {status:<15} {holistic:>8} {caseworker:>6}  "
            f"{groups}{mark}\n"
        )
    out.write("\n* rests on a secondary source or is inferred; see the rule's reasons.\n")
    if beyond:
        out.write("Beyond known law: answers repeat the last known rules.\n")
    return 0


def _yes(flag: bool) -> str:  # noqa: FBT001
    return "yes" if flag else "no"


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    on: dt.date = args.on
    if args.size < 1:
        _fail("--size must be 1 or more")
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


def _fail(message: str) -> NoReturn:
    raise ValidationError.at("", message)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
