"""The commands about the models: ``helhed models``, ``helhed readiness`` and the demo part."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from helhed.cases import PROTOCOLS as CASE_PROTOCOLS
from helhed.cases import cases_for
from helhed.cli._common import read_json
from helhed.collaboration import CollaborationModel
from helhed.examples.protocols import DAY_OF_CHECK, protocol_pathways
from helhed.language import Language, label, pick
from helhed.models.elements import MODELS, prerequisites
from helhed.models.readiness import MunicipalityProfile, readiness_all
from helhed.pathways.compliance import check
from helhed.serialization import from_dict, to_dict
from helhed.sources import Citation


def models_command(args: argparse.Namespace, out: TextIO) -> int:
    """List the four models with their content elements, prerequisites and cases."""
    lang: Language = args.lang
    chosen = [m for m in CollaborationModel if args.model is None or m.number == args.model]
    general = Citation("SST2019", "kap. 5").text(lang)
    for i, model in enumerate(chosen):
        description = MODELS[model]
        ambition = description.ambition
        aim = f" ({label(ambition, lang).lower()})" if ambition else ""
        out.write(
            ("\n" if i else "")
            + f"Model {model.number}: {label(model, lang)}{aim} ({model.citation.text(lang)})\n"
        )
        out.write(
            f"  {pick(lang, description.text_da, description.text_en)}\n  "
            + pick(lang, "Indholdselementer:", "Content elements:")
            + "\n"
        )
        out.writelines(
            f"    - {pick(lang, e.text_da, e.text_en)} [{e.code}]\n"
            for e in description.content_elements
        )
        added = [p for p in prerequisites(model) if p.added]
        out.write(
            pick(
                lang,
                f"  Forudsætninger: de 9 generelle i {general}, og\n",
                f"  Prerequisites: the 9 general ones of {general}, and\n",
            )
        )
        out.writelines(f"    - {pick(lang, p.text_da, p.text_en)} [{p.code}]\n" for p in added)
        names = ", ".join(pick(lang, c.name_da, c.name_en) for c in cases_for(model))
        out.write(f"  Cases: {names or '-'}\n")  # the word of both languages (SST2019)
    return 0


def readiness_command(args: argparse.Namespace, out: TextIO) -> int:
    """Report what a municipality has in place and lacks for each model."""
    profile = from_dict(read_json(args.file, args.encoding), MunicipalityProfile)
    answers = readiness_all(profile)
    if args.json:
        json.dump(
            [to_dict(a) for a in answers.values()], out, ensure_ascii=False, indent=args.indent
        )
        out.write("\n")
        return 0
    lang: Language = args.lang
    for model, answer in answers.items():
        missing = len(answer.missing)
        total = len(answer.met) + missing
        state = (
            pick(lang, "klar", "ready")
            if answer.ready
            else pick(lang, f"{missing} mangler", f"{missing} missing")
        )
        out.write(
            f"Model {model.number} ({label(model, lang)}): "
            + pick(
                lang,
                f"{len(answer.met)} af {total} på plads",
                f"{len(answer.met)} of {total} in place",
            )
            + f", {state}\n"
        )
        out.writelines(
            f"  - {pick(lang, 'mangler', 'missing')}: {pick(lang, p.text_da, p.text_en)} "
            f"[{p.code}] ({p.citation.text(lang)})\n"
            for p in answer.missing
        )
    return 0


def demo_models_part(out: TextIO, lang: Language = Language.EN) -> None:
    """One invented pathway through each protocol of models 2 and 3, checked."""
    out.write(
        pick(
            lang,
            "\nModel 2 og 3: ét opfundet forløb gennem hver cases protokol\n",
            "\nModels 2 and 3: one invented pathway through each case protocol\n",
        )
    )
    for protocol_id, pathway in protocol_pathways().items():
        protocol = CASE_PROTOCOLS[protocol_id]
        report = check([pathway], protocol, on=DAY_OF_CHECK)
        number = protocol.model.number if protocol.model else "-"
        rules = len(protocol.rules)
        found = len(report.findings)
        events = len(pathway)
        counts = pick(
            lang,
            f"{events:>2} hændelser, {rules} {'regel' if rules == 1 else 'regler'}, {found} fund",
            f"{events:>2} events, {rules} rule{'' if rules == 1 else 's'}, {found} findings",
        )
        out.write(
            f"  {protocol_id:<14} model {number}  {counts} ({protocol.citation.text(lang)})\n"
        )
