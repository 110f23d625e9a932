"""The last part of ``helhed demo``: a simulated municipality through all four models.

It needs the research extra (numpy, pandas, matplotlib); without it the part says how to get
it and the rest of the demo still runs. The picture of the flows is saved only where
``--png PATH`` says: never over an existing file without ``--force``, never through a symbolic
link.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pathlib
from typing import TYPE_CHECKING, BinaryIO, TextIO

from helhed._extras import EXTRA_OF, install_line
from helhed.cli._common import fail, number
from helhed.language import Language, label, pick
from helhed.pathways.stages import PathwayStage, stage_after
from helhed.sources import Citation

if TYPE_CHECKING:  # pragma: no cover
    from helhed.municipality import Municipality

PNG_SUFFIX = ".png"
"""The suffix ``--png PATH`` must end in: the picture is saved as PNG."""

_RESEARCH = tuple(package for package, extra in EXTRA_OF.items() if extra == "research")
_STAGES = (
    PathwayStage.DECLINED,
    PathwayStage.CONTACTED,
    PathwayStage.IN_INTERVENTION,
    PathwayStage.COMPLETED,
    PathwayStage.DROPPED_OUT,
    PathwayStage.JOB_OR_EDUCATION,
)
"""The stages the table of tracks shows, one column each, headed by the stage's label."""


def demo_tour_part(args: argparse.Namespace, out: TextIO) -> int:
    """Simulate the municipality; print its tracks, offers and findings; save the flows PNG."""
    lang: Language = args.lang
    if any(importlib.util.find_spec(name) is None for name in _RESEARCH):
        line = install_line("research")
        out.write(
            pick(
                lang,
                f"\nEn simuleret kommune kræver research-tilvalget: {line}\n",
                f"\nA simulated municipality needs the research extra: {line}\n",
            )
        )
        return 0
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra

    from helhed.municipality import ROUTES, simulate_municipality  # noqa: PLC0415
    from helhed.plots import flows  # noqa: PLC0415 - optional extra

    town = simulate_municipality(args.size, seed=args.seed)
    size, outside = number(town.size, lang), number(town.out_of_scope, lang)
    start, chapter = town.start.isoformat(), Citation("SST2019", "kap. 9").text(lang)
    out.write(
        pick(
            lang,
            f"\nEn simuleret kommune: {size} borgere fra demoens kohorte (seed {town.seed}), "
            f"{town.weeks} uger fra {start}\nForløb og rater er opfundet til demoen "
            "(helhed.municipality); de er ikke statistik.\n"
            f"{outside} borgere er ikke i nogen målgruppe og henvises ikke. Hver borger i en "
            "målgruppe henvises\ntil det tilbud i kataloget, der passer bedst (model 4, "
            f"{chapter}), og gruppen afgør\nmodellen omkring henvisningen:\n",
            f"\nA simulated municipality: {size} citizens of the demo cohort (seed "
            f"{town.seed}), {town.weeks} weeks from {start}\n"
            "Routes and rates are invented for the demo (helhed.municipality); they are not "
            "statistics.\n"
            f"{outside} citizens are in no target group and are not referred. Each "
            "citizen in scope is referred\nto the catalogue offer that fits them best (model 4, "
            f"{chapter}), and their group decides\nthe model around the referral:\n",
        )
    )
    width = max(18, *(len(label(group, lang)) for group in ROUTES))
    out.writelines(
        f"  {label(group, lang):<{width}} -> model {model.number}: {label(model, lang)}\n"
        for group, model in ROUTES.items()
    )
    _tracks(town, out, lang)
    _outcomes(town, out, lang)
    _offers(town, out, lang)
    _findings(town, out, lang)
    referred = sum(stage_after(p.timeline, on=town.end) is not None for p in town.pathways)
    shown = number(referred, lang)
    if args.png is None:
        out.write(
            pick(
                lang,
                f"\nGiv --png STI for at gemme de {shown} henviste borgeres vej mellem "
                "stadierne (helhed.plots.flows) som billede\n",
                f"\nGive --png PATH to save the flows of the {shown} referred citizens between "
                "stages (helhed.plots.flows) as a picture\n",
            )
        )
        return 0
    figure = Figure(figsize=(12, 6))
    flows(town.pathways, on=town.end, ax=figure.add_subplot(), lang=lang)
    with _open_png(args.png, force=args.force) as handle:
        figure.savefig(handle, format="png", dpi=100)
    out.write(
        pick(
            lang,
            f"\nDe {shown} henviste borgeres vej mellem stadierne (helhed.plots.flows) gemt i "
            f"{args.png}\n",
            f"\nThe flows of the {shown} referred citizens between stages "
            f"(helhed.plots.flows) saved to {args.png}\n",
        )
    )
    return 0


def check_png(path: str | None, *, force: bool) -> None:
    """Refuse ``--png PATH`` before any work unless a PNG may be written there.

    The path must end in ``.png``, must not be a symbolic link, and may name an existing file
    only with ``force``; its folder must exist.
    """
    if path is None:
        return
    png = pathlib.Path(path)
    if png.suffix.lower() != PNG_SUFFIX:
        fail(f"--png {path}: the picture is saved as PNG; give a path ending in .png")
    if png.is_symlink():
        fail(f"--png {path}: is a symbolic link; helhed does not write through one")
    if png.exists() and not force:
        fail(f"--png {path}: exists; give --force to overwrite it")
    if png.exists() and not png.is_file():
        fail(f"--png {path}: is not a file")
    if not png.parent.is_dir():
        fail(f"--png {path}: the folder {png.parent} does not exist")


def _open_png(path: str, *, force: bool) -> BinaryIO:
    """Open ``path`` for writing, never through a symbolic link, over a file only if ``force``."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    flags |= os.O_TRUNC if force else os.O_EXCL
    return os.fdopen(os.open(path, flags, 0o644), "wb")


def _outcomes(town: Municipality, out: TextIO, lang: Language) -> None:
    """Per model: citizens in a job or education by the end, and in work 6 months on."""
    from helhed.outcomes import measure_all, share_in_work  # noqa: PLC0415 - as the part's others

    end = town.end.isoformat()
    out.write(
        pick(
            lang,
            f"\nUdfald den {end} (helhed.outcomes): i job eller uddannelse, og i arbejde 6 "
            "måneder\nefter henvisningen blandt dem, der var fulgt så længe\n",
            f"\nOutcomes on {end} (helhed.outcomes): in a job or education, and in work 6 "
            "months\nafter the referral among those followed that long\n",
        )
    )
    for track in town.tracks:
        measured = measure_all(track.pathways, on=town.end)
        reached = sum(m.reached for m in measured)
        six = share_in_work(measured, 6)
        share = "-" if six.share is None else number(100 * six.share, lang, ".0f") + " %"
        out.write(
            pick(
                lang,
                f"  model {track.model.number}: {number(reached, lang)} af "
                f"{number(len(measured), lang)} i job eller uddannelse; i arbejde efter 6 "
                f"måneder: {number(six.in_work, lang)} af {number(six.observed, lang)} "
                f"({share})\n",
                f"  model {track.model.number}: {number(reached, lang)} of "
                f"{number(len(measured), lang)} in a job or education; in work at 6 months: "
                f"{number(six.in_work, lang)} of {number(six.observed, lang)} ({share})\n",
            )
        )


def _tracks(town: Municipality, out: TextIO, lang: Language) -> None:
    end = town.end.isoformat()
    out.write(
        pick(
            lang,
            f"\nHvor de henviste borgere stod den {end}\n",
            f"\nWhere the referred citizens stood on {end}\n",
        )
    )
    labels = [stage.label(lang) for stage in _STAGES]
    widths = [max(len(name) + 1, 9) + 2 for name in labels]
    heads = [
        name + ("*" if stage is PathwayStage.CONTACTED else "")
        for stage, name in zip(_STAGES, labels, strict=True)
    ]
    referred, weeks = pick(lang, "Henvist|Uger til start", "Referred|Weeks to start").split("|")
    header = f"{'Model':<8}{referred:>9}" + "".join(
        f"{h:>{w}}" for h, w in zip(heads, widths, strict=True)
    )
    header += f"{weeks:>16}"
    out.write(header + "\n" + "-" * len(header) + "\n")
    for track in town.tracks:
        final = track.outcome.final
        mean = track.outcome.mean_weeks_to_start
        cells = "".join(
            f"{number(final[s], lang):>{w}}" for s, w in zip(_STAGES, widths, strict=True)
        )
        shown = "-" if mean is None else number(mean, lang, ".1f")
        count = number(len(track.pathways), lang)
        out.write(f"{track.model.number:<8}{count:>9}{cells}{shown:>16}\n")
    out.write(
        pick(
            lang,
            "* Kontaktet og ikke startet: venter på en plads eller er ikke klar endnu. Uger til "
            "start er gennemsnittet\n  for dem, der startede. Stadier: "
            "helhed.pathways.stages.PathwayStage.\n",
            "* Contacted and not started: waiting for a seat or not yet ready. Weeks to start "
            "are the mean\n  over those who started. Stages: "
            "helhed.pathways.stages.PathwayStage.\n",
        )
    )


def _offers(town: Municipality, out: TextIO, lang: Language) -> None:
    out.write(
        pick(
            lang,
            "\nTilbud med flest henvisninger (pladser fra eksempelkataloget)\n",
            "\nMost referred offers (seats from the example catalogue)\n",
        )
    )
    out.writelines(
        f"  {offer_id:<28} {number(count, lang):>6}\n"
        for offer_id, count in list(town.offers.items())[:5]
    )


def _findings(town: Municipality, out: TextIO, lang: Language) -> None:
    end = town.end.isoformat()
    out.write(
        pick(
            lang,
            f"\nFund om regelefterlevelse den {end}, efter protokol og regel\n",
            f"\nCompliance findings on {end}, by protocol and rule\n",
        )
    )
    pathways, findings = pick(lang, "forløb|fund", "pathways|findings").split("|")
    for track in town.tracks:
        for report in track.reports:
            total = number(len(report.findings), lang)
            out.write(
                f"  model {track.model.number}  {report.protocol:<28} "
                f"{number(report.pathways, lang):>6} {pathways} {total:>6} {findings}\n"
            )
            out.writelines(
                f"      {rule_id:<52} {number(count, lang):>6}\n"
                for rule_id, count in sorted(report.by_rule.items())
            )
