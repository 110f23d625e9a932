"""The ``helhed catalogue`` commands (match, stale, coverage) and the catalogue part of the demo."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TextIO

from helhed.citizens import Citizen
from helhed.cli._common import ENCODING_HELP, fail, load_many, read_json, read_text, today
from helhed.errors import ValidationError
from helhed.examples import DEMO_DATE, demo_cohort
from helhed.examples.catalogue import example_catalogue
from helhed.language import Language, label, pick
from helhed.models.catalogue import (
    MATCHES_SHOWN,
    REVIEW_MONTHS,
    Catalogue,
    coverage,
    match,
    max_age,
    stale,
)
from helhed.models.catalogue_csv import from_csv
from helhed.serialization import from_dict
from helhed.sources import Citation


def add_commands(
    sub: argparse._SubParsersAction[Any],
    date: Callable[[str], dt.date],
) -> None:
    """Register ``helhed catalogue match|stale|coverage``."""
    cat = sub.add_parser("catalogue", help="find, review and size offers in a catalogue")
    verbs = cat.add_subparsers(required=True, metavar="ACTION")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--catalogue", help="a catalogue as JSON or CSV (.csv); default: the example catalogue"
    )
    common.add_argument("--on", type=date, default=None, help="date (default today)")
    common.add_argument("--encoding", help=ENCODING_HELP + "; for --catalogue and FILE")
    found = verbs.add_parser("match", parents=[common], help="offers for citizens, ranked")
    found.add_argument("file", help="a JSON file of one citizen or a list of them; - for stdin")
    found.add_argument(
        "--most", type=int, default=MATCHES_SHOWN, help="offers per citizen (default %(default)s)"
    )
    found.add_argument("--json", action="store_true", help="write the matches as JSON")
    found.set_defaults(run=match_command)
    old = verbs.add_parser("stale", parents=[common], help="offers not reviewed recently")
    old.add_argument(
        "--months",
        type=int,
        default=REVIEW_MONTHS,
        help="maximum age in months (default %(default)s)",
    )
    old.set_defaults(run=stale_command)
    cov = verbs.add_parser("coverage", parents=[common], help="what has no offer at all")
    cov.set_defaults(run=coverage_command)


def _catalogue(path: str | None, encoding: str | None) -> Catalogue:
    if path is None:
        return example_catalogue()
    if path.endswith(".csv"):
        found: Catalogue = from_csv(read_text(path, encoding), name=path)
        return found
    catalogue: Catalogue = from_dict(read_json(path, encoding), Catalogue)
    return catalogue


def match_command(args: argparse.Namespace, out: TextIO) -> int:
    """Print the offers that fit each citizen, best first, with reasons."""
    catalogue = _catalogue(args.catalogue, args.encoding)
    on = today(args.on)
    citizens = load_many(read_json(args.file, args.encoding), Citizen)
    if args.json:
        result = [
            {
                "citizen_id": c.id,
                "offers": [
                    {"id": m.offer.id, "score": m.score, "reasons": [r.code for r in m.reasons]}
                    for m in match(catalogue, c, on=on)[: args.most]
                ],
            }
            for c in citizens
        ]
        json.dump(result, out, ensure_ascii=False)
        out.write("\n")
        return 0
    for citizen in citizens:
        _write_matches(catalogue, citizen, on, args.most, out, lang=args.lang)
    return 0


def _write_matches(  # noqa: PLR0913 - what is matched, and how it is written
    catalogue: Catalogue,
    citizen: Citizen,
    on: dt.date,
    most: int,
    out: TextIO,
    *,
    lang: Language = Language.EN,
) -> None:
    found = match(catalogue, citizen, on=on)
    best = min(most, len(found))
    out.write(
        pick(
            lang,
            f"{citizen.id}: {len(found)} tilbud passer; de {best} bedste:\n",
            f"{citizen.id}: {len(found)} offers fit; the best {best}:\n",
        )
    )
    for m in found[:most]:
        name = pick(lang, m.offer.name_da, m.offer.name_en)
        out.write(f"  {m.score:>2}  {m.offer.id:<28} {name}\n")
        out.writelines(f"        - {reason.render(lang)}\n" for reason in m.reasons[1:])


def stale_command(args: argparse.Namespace, out: TextIO) -> int:
    """Print the offers not reviewed within the last N calendar months."""
    catalogue = _catalogue(args.catalogue, args.encoding)
    on = today(args.on)
    try:
        age = max_age(args.months, on=on)  # --months is in its range (RANGES)
    except ValidationError:
        fail(f"--months {args.months:,} before {on} falls before the first date, 0001-01-01")
    old = stale(catalogue, on=on, max_age=age)
    lang: Language = args.lang
    chapter = Citation("SST2019", "kap. 9").text(lang)
    total, months = len(catalogue.offers), args.months
    out.write(
        pick(
            lang,
            f"{len(old)} af {total} tilbud ikke gennemgået i de {months} måneder før {on} "
            f"({chapter}: løbende opdatering er afgørende)\n",
            f"{len(old)} of {total} offers not reviewed in {months} months before {on} "
            f"({chapter}: continuous updating is decisive)\n",
        )
    )
    out.writelines(
        f"  {o.last_reviewed}  {o.id:<28} {pick(lang, o.name_da, o.name_en)}\n" for o in old
    )
    return 0


def coverage_command(args: argparse.Namespace, out: TextIO) -> int:
    """Print offers per task type and what has no offer at all."""
    catalogue = _catalogue(args.catalogue, args.encoding)
    covered = coverage(catalogue)
    lang: Language = args.lang
    out.write(f"{catalogue.name}: {len(catalogue.offers)} {pick(lang, 'tilbud', 'offers')}\n")
    for task_type in catalogue.taxonomy.task_types:
        count = len(covered.by_task_type.get(task_type.code, ()))
        name = pick(lang, task_type.label_da, task_type.label_en)
        out.write(f"  {task_type.code:>3}  {name:<48} {count:>3}\n")
    missing = (
        (
            pick(lang, "risikofaktorer", "risk factors"),
            [label(f, lang) for f in covered.missing_risk_factors],
        ),
        (
            pick(lang, "målgrupper", "target groups"),
            [label(g, lang) for g in covered.missing_target_groups],
        ),
        (pick(lang, "opgavetyper", "task types"), list(covered.missing_task_types)),
    )
    none = pick(lang, "ingen", "none")
    out.writelines(
        pick(lang, f"intet tilbud til {what}: ", f"no offer for {what}: ")
        + (", ".join(names) if names else none)
        + "\n"
        for what, names in missing
    )
    return 0


def demo_catalogue_part(out: TextIO, lang: Language = Language.EN) -> None:
    """Match a few demo citizens against the example catalogue."""
    catalogue = example_catalogue()
    chapter = Citation("SST2019", "kap. 9").text(lang)
    offers, types = len(catalogue.offers), len(catalogue.taxonomy.task_types)
    out.write(
        pick(
            lang,
            f"\nModel 4, indsatskataloget ({chapter}): {catalogue.name}, {offers} tilbud i "
            f"{types} opgavetyper (fiktivt)\n",
            f"\nModel 4, the intervention catalogue ({chapter}): {catalogue.name}, {offers} "
            f"offers in {types} task types (fictional)\n",
        )
    )
    for citizen in demo_cohort(200)[:3]:
        _write_matches(catalogue, citizen, DEMO_DATE, 3, out, lang=lang)
