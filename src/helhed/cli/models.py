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
from helhed.models.elements import MODELS, prerequisites
from helhed.models.readiness import MunicipalityProfile, readiness_all
from helhed.pathways.compliance import check
from helhed.serialization import from_dict, to_dict


def models_command(args: argparse.Namespace, out: TextIO) -> int:
    """List the four models with their content elements, prerequisites and cases."""
    chosen = [m for m in CollaborationModel if args.model is None or m.number == args.model]
    for i, model in enumerate(chosen):
        description = MODELS[model]
        ambition = f" ({description.ambition.label_en.lower()})" if description.ambition else ""
        out.write(
            ("\n" if i else "")
            + f"Model {model.number}: {model.label_en}{ambition} ({model.citation})\n"
        )
        out.write(f"  {description.text_en}\n  Content elements:\n")
        out.writelines(f"    - {e.text_en} [{e.code}]\n" for e in description.content_elements)
        added = [p for p in prerequisites(model) if p.added]
        out.write("  Prerequisites: the 9 general ones of SST2019 kap. 5, and\n")
        out.writelines(f"    - {p.text_en} [{p.code}]\n" for p in added)
        names = ", ".join(c.name_en for c in cases_for(model))
        out.write(f"  Cases: {names or '-'}\n")
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
    for model, answer in answers.items():
        state = "ready" if answer.ready else f"{len(answer.missing)} missing"
        total = len(answer.met) + len(answer.missing)
        out.write(
            f"Model {model.number} ({model.label_en}): "
            f"{len(answer.met)} of {total} in place, {state}\n"
        )
        out.writelines(
            f"  - missing: {p.text_en} [{p.code}] ({p.citation})\n" for p in answer.missing
        )
    return 0


def demo_models_part(out: TextIO) -> None:
    """One invented pathway through each protocol of models 2 and 3, checked."""
    out.write("\nModels 2 and 3: one invented pathway through each case protocol\n")
    for protocol_id, pathway in protocol_pathways().items():
        protocol = CASE_PROTOCOLS[protocol_id]
        report = check([pathway], protocol, on=DAY_OF_CHECK)
        number = protocol.model.number if protocol.model else "-"
        rules = len(protocol.rules)
        out.write(
            f"  {protocol_id:<14} model {number}  {len(pathway):>2} events, {rules} rule"
            f"{'' if rules == 1 else 's'}, {len(report.findings)} findings ({protocol.citation})\n"
        )
