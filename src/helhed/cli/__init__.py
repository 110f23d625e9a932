"""The ``helhed`` command.

- ``helhed demo``: classify the built-in synthetic cohort and print target groups by funding
  basis, the atypical cases and the coordinating caseworker rights.
- ``helhed classify FILE|-``: read one citizen document or a JSON list of them; write the
  assessments as JSON. ``--jsonl`` reads and writes JSON Lines, one document a line, in
  constant memory.
- ``helhed benefits``: print the benefit rules in force on a date.
- ``helhed schema [NAME]``: print the JSON Schema of a document type, or list the names.
- ``helhed check FILE|- --protocol NAME|--protocol-file FILE``: check pathways against a
  shipped protocol or a protocol document; print the
  findings and exit with 1 if any is an error. ``--jsonl`` reads pathways and writes findings
  as JSON Lines, in constant memory.
- ``helhed protocols [--protocol NAME]``: list the protocols ``check`` knows, each rule
  marked as stated by its source (with the quote) or as helhed's reading (with why).
- ``helhed protocol list``: one shipped protocol a line, its id first; ``helhed protocol show
  ID [--json]``: its rules, or the protocol as a document; ``helhed protocol validate FILE``:
  every problem of a protocol document (JSON or TOML) by path.
- ``helhed report FILE|-``: print the conversation, onward-referral and intervention-status
  tables over the pathways of a file.
- ``helhed example NAME``: print an example as JSON: an event log (``aalborg``, with how
  ``report`` counts it, ``halsnaes``, ``sygedagpenge``), invented ``citizens`` for
  ``classify`` or an invented municipality profile for ``readiness``.
- ``helhed models [--model N]``: list the four models with their content elements,
  prerequisites and cases.
- ``helhed readiness PROFILE.json``: what a municipality has in place and lacks for each
  model.
- ``helhed catalogue match CITIZEN.json | stale | coverage``: find, review and size the offers
  of an intervention catalogue (the example catalogue, or ``--catalogue FILE``).
- ``helhed screen INSTRUMENT ANSWERS...``: score answers on WHO-5, AUDIT, AUDIT-C or alcohol
  intake and print the score, band, advice and reasons.
- ``helhed serve``: answer the library's operations over HTTP, with an OpenAPI description
  (the ``server`` extra); ``--openapi`` prints the description.
- ``helhed test [FILE...]``: run scenario files (those shipped with helhed by default); exit
  1 with a diff for each scenario whose answer differs.
- ``helhed --version``: print ``helhed`` and the version (``helhed.__version__``). ``python -m
  helhed`` is the same command as ``helhed``.

Every command takes ``--lang da|en``, before or after its name (``helhed --lang da demo``,
``helhed demo --lang da``): the language of what it writes for people - tables, reasons,
findings, labels, the demo's text and picture - with citations in that language's style
(``SST2019 kap. 4``, ``SST2019 ch. 4``). Without it the environment decides
([`language_of`][helhed.language.language_of]: ``HELHED_LANG``, then the locale). JSON
documents keep both languages' fields whatever ``--lang`` says, and error messages are in
English.

Dates are written ``YYYY-MM-DD`` and default to today (the command line and the service are
the places helhed reads the clock; the library never does). Files are read as UTF-8 (a BOM
is accepted) unless ``--encoding`` names another encoding, e.g. ``cp1252`` for a file saved by
Excel on Windows. Bad input prints one line, ``helhed: error: ...``, naming the bad field and
exits with code 2; no input gives a traceback. Pathway files hold one pathway document or a
JSON list of them. ``helhed demo`` writes a file only when ``--png PATH`` asks for it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from helhed import __version__
from helhed.cli import catalogue as catalogue_commands
from helhed.cli import protocols as protocol_commands
from helhed.cli import scenarios as scenario_commands
from helhed.cli import serve as serve_commands
from helhed.cli import tour
from helhed.cli._common import ENCODING_HELP, date_argument, in_range, one_line
from helhed.cli.cohort import benefits_command, classify_command, demo_cohort_part
from helhed.cli.models import demo_models_part, models_command, readiness_command
from helhed.cli.pathways import (
    EXAMPLE_DOCUMENTS,
    EXAMPLES,
    check_command,
    demo_pathway_part,
    example_command,
    protocols_command,
    report_command,
)
from helhed.cli.screening import SCREENED, demo_kolding_part, screen_command
from helhed.errors import HelhedError
from helhed.examples import DEMO_DATE, DEMO_SEED, DEMO_SIZE
from helhed.json_schema import json_schema
from helhed.language import Language, language_of
from helhed.models.catalogue import MOST_MATCHES, MOST_REVIEW_MONTHS
from helhed.protocols import PROTOCOLS
from helhed.serialization import DOCUMENTS
from helhed.server._call import MAX_BODY_RANGE

__all__ = ["main"]

_EXIT_BAD_INPUT = 2

RANGES: dict[str, tuple[str, int, int]] = {
    "indent": ("--indent", 0, 16),
    "size": ("--size", 1, 1_000_000),
    "seed": ("--seed", 0, 2**32 - 1),
    "most": ("--most", 1, MOST_MATCHES),
    "months": ("--months", 1, MOST_REVIEW_MONTHS),
    "port": ("--port", 1, 65_535),
    "workers": ("--workers", 1, 64),
    "max_body": ("--max-body", *MAX_BODY_RANGE),
}
"""The whole-number options and the values they take: attribute -> (option, lowest, highest).

Indents are spaces; the demo's size is citizens; its seed is what numpy's generators take
(below 2**32 every generator does); ``--most`` counts offers; ``--months`` is at most 100
years; ``--max-body`` is bytes, from 1 KiB to 1 GiB.
"""


def _protocol_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    """``helhed protocol list|show|validate``."""
    pro = sub.add_parser("protocol", help="list and show the shipped protocols, check documents")
    actions = pro.add_subparsers(dest="action", required=True, metavar="ACTION")
    lst = actions.add_parser("list", help="print every shipped protocol, one a line, id first")
    lst.set_defaults(run=protocol_commands.list_command)
    show = actions.add_parser("show", help="print a protocol's rules, or its document (--json)")
    show.add_argument("id", choices=sorted(PROTOCOLS), metavar="ID", help="a shipped protocol")
    show.add_argument("--json", action="store_true", help="print the protocol as a document")
    show.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    show.set_defaults(run=protocol_commands.show_command)
    val = actions.add_parser("validate", help="list every problem of a protocol document")
    val.add_argument("file", help="a protocol document, JSON or TOML by its suffix")
    val.add_argument("--encoding", help=ENCODING_HELP)
    val.set_defaults(run=protocol_commands.validate_command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Bad input of any kind ends in one line on standard error, ``helhed: error: ...``, and exit
    code 2 (1 means findings, from ``helhed check``, or a scenario that failed, from
    ``helhed test``). An exception helhed does not expect is a
    defect: it too ends in one line, which names its type but not its message, as that may hold
    the input.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "lang", None) is None:
            args.lang = language_of()
        for name, (option, low, high) in RANGES.items():
            in_range(getattr(args, name, None), option, low, high)
        return int(args.run(args, sys.stdout))
    except HelhedError as exc:
        _error(str(exc))
    except BrokenPipeError:  # the reader stopped early, e.g. `helhed demo | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        _error(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
    except Exception as exc:  # noqa: BLE001 - the last guard: never a traceback
        _error(
            f"unexpected {type(exc).__name__} in helhed; this is a defect, please report it "
            "with the command that gave it"
        )
    return _EXIT_BAD_INPUT


def _error(message: str) -> None:
    print(f"helhed: error: {one_line(message)}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """Usage errors end, like every other error, in one line ``helhed: error: ...``."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        command = self.prog.removeprefix("helhed").strip()
        self.exit(
            _EXIT_BAD_INPUT,
            f"helhed: error: {command + ': ' if command else ''}{one_line(message)}\n",
        )


def _parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - one block per command
    parser = _Parser(
        prog="helhed",
        description="Rules for collaboration between job centres and health departments.",
    )
    parser.add_argument("--version", action="version", version=f"helhed {__version__}")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="classify the built-in synthetic cohort")
    demo.add_argument(
        "--on", type=date_argument, default=DEMO_DATE, help="date (default %(default)s)"
    )
    demo.add_argument("--size", type=int, default=DEMO_SIZE, help="citizens (default %(default)s)")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, help="seed (default %(default)s)")
    demo.add_argument(
        "--png", metavar="PATH", help="save the flows picture as PNG here (default: no picture)"
    )
    demo.add_argument("--force", action="store_true", help="overwrite an existing --png file")
    demo.set_defaults(run=_demo)

    cls = sub.add_parser("classify", help="classify citizens read as JSON")
    cls.add_argument("file", help="a JSON file of one citizen or a list of them; - for stdin")
    cls.add_argument("--on", type=date_argument, default=None, help="date (default today)")
    cls.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    cls.add_argument("--encoding", help=ENCODING_HELP)
    cls.add_argument(
        "--jsonl",
        action="store_true",
        help="read and write JSON Lines, one document a line, streaming (constant memory)",
    )
    cls.set_defaults(run=classify_command)

    ben = sub.add_parser("benefits", help="print the benefit rules in force on a date")
    ben.add_argument("--on", type=date_argument, default=None, help="date (default today)")
    ben.set_defaults(run=benefits_command)

    schema = sub.add_parser("schema", help="print the JSON Schema of a document type")
    schema.add_argument("name", nargs="?", choices=sorted(DOCUMENTS), help="document type")
    schema.set_defaults(run=_schema)

    chk = sub.add_parser("check", help="check pathways against a protocol")
    chk.add_argument("file", help="a JSON file of one pathway or a list of them; - for stdin")
    which = chk.add_mutually_exclusive_group(required=True)
    which.add_argument("--protocol", choices=sorted(PROTOCOLS), help="a shipped protocol's id")
    which.add_argument(
        "--protocol-file",
        metavar="FILE",
        help="a protocol document, JSON or TOML by its suffix (helhed protocol show ID --json)",
    )
    chk.add_argument("--on", type=date_argument, default=None, help="date (default today)")
    chk.add_argument("--json", action="store_true", help="write the report as JSON")
    chk.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    chk.add_argument("--encoding", help=ENCODING_HELP)
    chk.add_argument(
        "--jsonl",
        action="store_true",
        help="read pathways and write findings as JSON Lines, one a line, streaming; "
        "the summary goes to stderr",
    )
    chk.set_defaults(run=check_command)

    pro = sub.add_parser("protocols", help="list the protocols' rules, stated or a reading")
    pro.add_argument("--protocol", choices=sorted(PROTOCOLS), help="only this protocol")
    pro.add_argument("--json", action="store_true", help="write the list as JSON")
    pro.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    pro.set_defaults(run=protocols_command)

    _protocol_parser(sub)

    rep = sub.add_parser("report", help="print the Aalborg-style tables over pathways")
    rep.add_argument("file", help="a JSON file of one pathway or a list of them; - for stdin")
    rep.add_argument(
        "--from",
        dest="start",
        type=date_argument,
        help="first day (default: the file's, or first event)",
    )
    rep.add_argument(
        "--to", dest="end", type=date_argument, help="last day (default: the file's, or last event)"
    )
    rep.add_argument(
        "--units", help="units to show, comma-separated, in order (default: the file's, or all)"
    )
    rep.add_argument(
        "--offer", help="intervention for the status table (default: the file's, or most started)"
    )
    rep.add_argument(
        "--via", help="offer of a referral leading to the intervention (default: the file's)"
    )
    rep.add_argument(
        "--decimal-comma", action="store_true", help="write 1,9 for 1.9 (always in Danish)"
    )
    rep.add_argument("--encoding", help=ENCODING_HELP)
    rep.set_defaults(run=report_command)

    exa = sub.add_parser("example", help="print an example log, citizens or profile as JSON")
    exa.add_argument("name", choices=sorted([*EXAMPLES, *EXAMPLE_DOCUMENTS]), help="which")
    exa.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    exa.set_defaults(run=example_command)

    scr = sub.add_parser("screen", help="score answers on a screening instrument")
    scr.add_argument("instrument", choices=SCREENED, help="which instrument")
    scr.add_argument(
        "answers",
        nargs="+",
        help="the answers, item 1 first (alcohol: units a "
        "week, then optionally most units on one day)",
    )
    scr.add_argument("--on", type=date_argument, default=None, help="date (default today)")
    scr.add_argument(
        "--sex", choices=["kvinde", "mand"], help="for AUDIT-C and older alcohol limits"
    )
    scr.set_defaults(run=screen_command)

    mod = sub.add_parser("models", help="list the four models, their elements and prerequisites")
    mod.add_argument("--model", type=int, choices=[1, 2, 3, 4], help="only this model")
    mod.set_defaults(run=models_command)

    rdy = sub.add_parser("readiness", help="what a municipality lacks for each model")
    rdy.add_argument("file", help="a JSON municipality-profile document; - for stdin")
    rdy.add_argument("--json", action="store_true", help="write the answers as JSON")
    rdy.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    rdy.add_argument("--encoding", help=ENCODING_HELP)
    rdy.set_defaults(run=readiness_command)

    catalogue_commands.add_commands(sub, date_argument)
    scenario_commands.add_command(sub)
    serve_commands.add_command(sub, date_argument)
    _add_lang(parser)
    return parser


_LANG_HELP = "the language of the output, da or en (default: HELHED_LANG, then the locale)"


def _language_argument(text: str) -> Language:
    """Parse ``--lang``: ``da`` or ``en``."""
    if text in {"da", "en"}:
        return Language.from_code(text)
    raise argparse.ArgumentTypeError("must be da or en")


def _add_lang(parser: argparse.ArgumentParser, *, top: bool = True) -> None:
    """Give ``parser`` and every command under it ``--lang``.

    On a command it leaves ``args.lang`` alone when not given, so ``helhed --lang da demo``
    keeps the language given before the command's name.
    """
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--lang", type=_language_argument, default=default, metavar="{da,en}", help=_LANG_HELP
    )
    for action in parser._actions:  # noqa: SLF001 - argparse lists its commands nowhere else
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for command in set(action.choices.values()):
                _add_lang(command, top=False)


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    tour.check_png(args.png, force=args.force)
    demo_cohort_part(args, out)
    demo_pathway_part(out, args.lang)
    demo_kolding_part(out, args.lang)
    demo_models_part(out, args.lang)
    catalogue_commands.demo_catalogue_part(out, args.lang)
    tour.demo_tour_part(args, out)
    return 0


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    if args.name is None:
        out.writelines(f"{name:22} {cls.__name__}\n" for name, cls in DOCUMENTS.items())
        return 0
    json.dump(json_schema(args.name), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
