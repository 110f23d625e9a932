"""The commands about screening: ``helhed screen``, and the Kolding part of the demo."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from typing import TextIO

from helhed.cases.kolding import KOLDING
from helhed.cli._common import fail, number, today
from helhed.cli.pathways import write_report
from helhed.examples import KOLDING_WEEKS, kolding_team
from helhed.language import Language, label, pick
from helhed.models.early_detection import progression_series
from helhed.pathways.compliance import check
from helhed.screening import Sex, alcohol, audit, audit_c, who5
from helhed.screening._base import Interpretation, Score
from helhed.screening.progression import Direction
from helhed.sources import Reason

SCREENED = ("who5", "audit", "audit-c", "alcohol")
"""The instruments ``helhed screen`` scores."""

_WHOLE = re.compile(r"-?\d+", re.ASCII)
_NUMBER = re.compile(r"-?\d+(\.\d+)?", re.ASCII)
_LONGEST = 12
"""The most characters an answer may have; every answer the instruments take is far shorter."""


def _parse(tokens: list[str], pattern: re.Pattern[str]) -> list[object]:
    """Numbers where the text is one; the text itself otherwise, for validation to name."""
    parsed: list[object] = []
    for i, token in enumerate(tokens):
        if len(token) > _LONGEST:
            fail(f"answers[{i}]: has {len(token):,} characters; an answer has at most {_LONGEST}")
        if not pattern.fullmatch(token):
            parsed.append(token)
        elif "." in token:
            parsed.append(float(token))
        else:
            parsed.append(int(token))
    return parsed


def screen_command(args: argparse.Namespace, out: TextIO) -> int:
    """Score answers on an instrument and print the score, band, advice and reasons."""
    lang: Language = args.lang
    on = today(args.on)
    sex = None if args.sex is None else Sex.from_code(args.sex)
    if args.instrument == "alcohol":
        intake = alcohol.score(_parse(args.answers, _NUMBER))
        limit = alcohol.interpret(intake, on=on, sex=sex)
        most, week = intake.most_in_a_day, number(intake.per_week, lang, "")
        if lang is Language.DA:
            day = "" if most is None else f", højst {number(most, lang, '')} på en dag"
            out.write(f"Alkoholindtag den {on}: {week} genstande om ugen{day}\n")
        else:
            day = "" if most is None else f", at most {most} on a day"
            out.write(f"Alcohol intake on {on}: {week} units a week{day}\n")
        above = pick(lang, "ja", "yes") if limit.above_limit else pick(lang, "nej", "no")
        out.write(pick(lang, "over grænsen: ", "above the limit: ") + f"{above}\n")
        _reasons(limit.reasons, out, lang)
        return 0
    answers = _parse(args.answers, _WHOLE)
    total = "total"  # the same word in both languages
    if args.instrument == "who5":
        result = who5.score(answers)
        reading = who5.interpret(result, on=on)
        out.write(
            pick(
                lang,
                f"WHO-5 den {on}\nråscore: {result.total} af 25; procentscore: {result.scaled}\n",
                f"WHO-5 on {on}\nraw score: {result.total} of 25; percentage score: "
                f"{result.scaled}\n",
            )
        )
    elif args.instrument == "audit":
        result = audit.score(answers)
        reading = audit.interpret(result, on=on)
        out.write(
            f"AUDIT {pick(lang, 'den', 'on')} {on}\n{total}: {result.total} "
            f"{pick(lang, 'af', 'of')} 40\n"
        )
    else:
        if sex is None:
            fail("AUDIT-C needs --sex kvinde or --sex mand")
        result = audit_c.score(answers)
        reading = audit_c.interpret(result, on=on, sex=sex)
        out.write(
            f"AUDIT-C {pick(lang, 'den', 'on')} {on}\n{total}: {result.total} "
            f"{pick(lang, 'af', 'of')} 12\n"
        )
    _band(result, reading, out, lang)
    return 0


def _band(result: Score, reading: Interpretation, out: TextIO, lang: Language) -> None:
    band = reading.band
    percent = pick(lang, "procent", "percentage")
    scale = percent if result.instrument == "who5" else "total"  # total: the word of both
    out.write(
        f"{pick(lang, 'interval', 'band')}: {pick(lang, band.label_da, band.label_en)} "
        f"({scale} {band.low}-{band.high})\n"
        f"{pick(lang, 'råd', 'advice')}: {pick(lang, band.advice_da, band.advice_en)}\n"
    )
    _reasons(reading.reasons, out, lang)


def _reasons(reasons: tuple[Reason, ...], out: TextIO, lang: Language) -> None:
    out.writelines(f"  - {reason.render(lang)}\n" for reason in reasons)


def demo_kolding_part(out: TextIO, lang: Language = Language.EN) -> None:
    """An invented Kolding team: WHO-5 before and after the course, and a compliance check."""
    team, pathways = kolding_team()
    out.write(
        pick(
            lang,
            f"\nKolding, Sund på Tværs (SST2019 6.2), et opfundet hold: {team.size} borgere, "
            f"{team.returning} vender tilbage; et forløb på {KOLDING_WEEKS} uger fra "
            f"{team.start}\n",
            f"\nKolding, Sund på Tværs (SST2019 6.2), an invented team: {team.size} citizens, "
            f"{team.returning} returning; a {KOLDING_WEEKS}-week course from {team.start}\n",
        )
    )
    directions: Counter[Direction] = Counter()
    significant = 0
    befores, afters = [], []
    for pathway in pathways:
        series = progression_series(pathway, who5.NAME)
        change = series.overall() if series is not None else None
        if change is None:
            continue
        befores.append(change.before.value)
        afters.append(change.after.value)
        directions[change.direction] += 1
        significant += bool(change.significant)
    before = number(sum(befores) / len(befores), lang, ".1f")
    after = number(sum(afters) / len(afters), lang, ".1f")
    moved = ", ".join(
        f"{label(d, lang).lower()} {directions[d]}"
        for d in (Direction.IMPROVED, Direction.UNCHANGED, Direction.WORSENED)
    )
    out.write(
        pick(
            lang,
            f"WHO-5-procentscore, gennemsnit før {before}, efter {after}\n"
            f"screenet igen til sidst: {len(befores)}; {moved}; {significant} ændret med 10 "
            "point eller mere (signifikant, WHO5)\n",
            f"WHO-5 percentage score, mean before {before}, after {after}\n"
            f"re-screened at the end: {len(befores)}; {moved}; "
            f"{significant} changed by 10 points or more (significant, WHO5)\n",
        )
    )
    write_report(check(pathways, KOLDING, on=team.start.replace(month=6)), out, lang=lang)
