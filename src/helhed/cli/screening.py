"""The commands about screening: ``helhed screen``, and the Kolding part of the demo."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from typing import TextIO

from helhed.cases.kolding import KOLDING
from helhed.cli._common import fail, today
from helhed.cli.pathways import write_report
from helhed.examples import KOLDING_WEEKS, kolding_team
from helhed.models.early_detection import progression_series
from helhed.pathways.compliance import check
from helhed.screening import Sex, alcohol, audit, audit_c, who5
from helhed.screening._base import Interpretation, Score
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
    on = today(args.on)
    sex = None if args.sex is None else Sex.from_code(args.sex)
    if args.instrument == "alcohol":
        intake = alcohol.score(_parse(args.answers, _NUMBER))
        limit = alcohol.interpret(intake, on=on, sex=sex)
        day = "" if intake.most_in_a_day is None else f", at most {intake.most_in_a_day} on a day"
        out.write(f"Alcohol intake on {on}: {intake.per_week} units a week{day}\n")
        out.write(f"above the limit: {'yes' if limit.above_limit else 'no'}\n")
        _reasons(limit.reasons, out)
        return 0
    answers = _parse(args.answers, _WHOLE)
    if args.instrument == "who5":
        result = who5.score(answers)
        reading = who5.interpret(result, on=on)
        out.write(
            f"WHO-5 on {on}\nraw score: {result.total} of 25; percentage score: {result.scaled}\n"
        )
    elif args.instrument == "audit":
        result = audit.score(answers)
        reading = audit.interpret(result, on=on)
        out.write(f"AUDIT on {on}\ntotal: {result.total} of 40\n")
    else:
        if sex is None:
            fail("AUDIT-C needs --sex kvinde or --sex mand")
        result = audit_c.score(answers)
        reading = audit_c.interpret(result, on=on, sex=sex)
        out.write(f"AUDIT-C on {on}\ntotal: {result.total} of 12\n")
    _band(result, reading, out)
    return 0


def _band(result: Score, reading: Interpretation, out: TextIO) -> None:
    band = reading.band
    scale = "percentage" if result.instrument == "who5" else "total"
    out.write(f"band: {band.label_en} ({scale} {band.low}-{band.high})\nadvice: {band.advice_en}\n")
    _reasons(reading.reasons, out)


def _reasons(reasons: tuple[Reason, ...], out: TextIO) -> None:
    out.writelines(f"  - {reason}\n" for reason in reasons)


def demo_kolding_part(out: TextIO) -> None:
    """An invented Kolding team: WHO-5 before and after the course, and a compliance check."""
    team, pathways = kolding_team()
    out.write(
        f"\nKolding, Sund på Tværs (SST2019 6.2), an invented team: {team.size} citizens, "
        f"{team.returning} returning; a {KOLDING_WEEKS}-week course from {team.start}\n"
    )
    directions: Counter[str] = Counter()
    significant = 0
    befores, afters = [], []
    for pathway in pathways:
        series = progression_series(pathway, who5.NAME)
        change = series.overall() if series is not None else None
        if change is None:
            continue
        befores.append(change.before.value)
        afters.append(change.after.value)
        directions[change.direction.label_en.lower()] += 1
        significant += bool(change.significant)
    out.write(
        f"WHO-5 percentage score, mean before {sum(befores) / len(befores):.1f}, "
        f"after {sum(afters) / len(afters):.1f}\n"
        f"re-screened at the end: {len(befores)}; improved {directions['improved']}, "
        f"unchanged {directions['unchanged']}, worsened {directions['worsened']}; "
        f"{significant} changed by 10 points or more (significant, WHO5)\n"
    )
    write_report(check(pathways, KOLDING, on=team.start.replace(month=6)), out)
