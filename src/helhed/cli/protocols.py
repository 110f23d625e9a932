"""``helhed protocol list|show|validate``: the shipped protocols, and protocol documents.

* ``helhed protocol list`` prints one protocol a line: its id, then its English name, the
  number of rules and its citation.
* ``helhed protocol show ID`` prints the protocol's rules, each marked as stated by its source
  (with the quote) or as helhed's reading (with why); ``--json`` prints the protocol as a
  document, which ``helhed check --protocol-file`` and ``helhed protocol validate`` read.
* ``helhed protocol validate FILE`` reads a protocol document (JSON, or TOML by its suffix)
  and lists every problem, one a line, as ``FILE: path: problem``; it exits with 1 if there is
  any, like ``check`` with a finding, and 2 only when the file cannot be opened.
"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from helhed.cli._common import one_line
from helhed.errors import quoted
from helhed.language import Language, label, pick
from helhed.protocol_files import protocol_file_problems, read_protocol
from helhed.protocols import PROTOCOLS
from helhed.rules import Protocol
from helhed.serialization import to_dict
from helhed.sources import Reading, Stated

__all__ = [
    "chosen_protocol",
    "list_command",
    "show_command",
    "validate_command",
    "write_rules",
]

_EXIT_PROBLEMS = 1


def chosen_protocol(args: argparse.Namespace) -> Protocol:
    """The protocol a command names: ``--protocol ID``, or the document ``--protocol-file``."""
    path = getattr(args, "protocol_file", None)
    if path is not None:
        return read_protocol(path, encoding=getattr(args, "encoding", None))
    return PROTOCOLS[args.protocol]


def list_command(args: argparse.Namespace, out: TextIO) -> int:
    """Print every shipped protocol, one a line, its id first."""
    lang: Language = args.lang
    width = max(len(pid) for pid in PROTOCOLS)
    for protocol in PROTOCOLS.values():
        name = pick(lang, protocol.name_da, protocol.name_en)
        out.write(
            f"{protocol.id:<{width}}  {name} "
            f"({_rules(len(protocol.rules), lang)}; {protocol.citation.text(lang)})\n"
        )
    return 0


def _rules(n: int, lang: Language) -> str:
    """``1 rule``, ``3 rules``; ``1 regel``, ``3 regler``."""
    return pick(lang, f"{n} {'regel' if n == 1 else 'regler'}", f"{n} rule{'' if n == 1 else 's'}")


def show_command(args: argparse.Namespace, out: TextIO) -> int:
    """Print a shipped protocol's rules, or with ``--json`` the protocol as a document."""
    protocol = PROTOCOLS[args.id]
    if args.json:
        json.dump(to_dict(protocol), out, ensure_ascii=False, indent=args.indent)
        out.write("\n")
    else:
        write_rules(protocol, out, lang=args.lang)
    return 0


def validate_command(args: argparse.Namespace, out: TextIO) -> int:
    """List every problem of a protocol file by path; exit 1 if there is any."""
    problems = protocol_file_problems(args.file, encoding=args.encoding)
    name = one_line(args.file)  # a file's name cannot forge a second line
    for problem in problems:
        where = f"{problem.path}: " if problem.path and problem.path != args.file else ""
        out.write(f"{name}: {where}{problem.message}\n")
    if problems:
        return _EXIT_PROBLEMS
    protocol = read_protocol(args.file, encoding=args.encoding)
    rules = _rules(len(protocol.rules), args.lang)
    out.write(
        pick(
            args.lang,
            f"{name}: en gyldig protokol {quoted(protocol.id)} med {rules}\n",
            f"{name}: a valid protocol {quoted(protocol.id)} with {rules}\n",
        )
    )
    return 0


def write_rules(protocol: Protocol, out: TextIO, *, lang: Language = Language.EN) -> None:
    """Write a protocol's head line and its rules, each marked stated or reading, in ``lang``.

    The quotes of stated rules are the source's own words, in Danish in both languages.
    """
    name = pick(lang, protocol.name_da, protocol.name_en)
    out.write(f"{protocol.id}: {name} ({protocol.citation.text(lang)})\n")
    reading, stated, unmarked = pick(
        lang, "læsning|angivet|umarkeret", "reading|stated |unmarked"
    ).split("|")
    for rule in protocol.rules:
        mark = reading if rule.reading else stated if rule.basis else unmarked
        out.write(
            f"  [{mark}] {rule.id} ({label(rule.severity, lang).lower()}, "
            f"{rule.citation.text(lang)}): {rule.text(lang)}\n"
        )
        if isinstance(rule.basis, Stated):
            out.write(f"            «{rule.basis.quote}»\n")
        elif isinstance(rule.basis, Reading):
            out.write(f"            {pick(lang, 'hvorfor', 'why')}: {rule.basis.why(lang)}\n")
