"""The commands about pathways: check, protocols, report, example, and the demo's pathway part."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

from helhed.cases.halsnaes import HALSNAES
from helhed.cases.odense import ODENSE_CONSENT
from helhed.cli._common import fail, number, today
from helhed.cli._jsonl import documents
from helhed.cli._logs import ReportOptions, log_document, read_log
from helhed.cli.protocols import chosen_protocol, write_rules
from helhed.errors import TransitionError
from helhed.examples import (
    AALBORG_FLEX_OFFER,
    AALBORG_FLEX_REFERRAL,
    AALBORG_PERIOD,
    AALBORG_UNITS,
    HALSNAES_CHECK_DATE,
    SICKNESS_CHECK_DATE,
    aalborg_pathways,
    example_citizens,
    example_profile,
    halsnaes_pathways,
    sickness_pathways,
)
from helhed.language import Language, label, pick
from helhed.organisation import Administration, Period
from helhed.pathways.compliance import ComplianceReport, check
from helhed.pathways.consent import DisclosureDecision, audit, may_disclose
from helhed.pathways.events import (
    ConsentPurpose,
    ConsentWithdrawn,
    ContactMade,
    Event,
    EventAnnulled,
    InformationCategory,
    InterventionStarted,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.reports import (
    Table,
    conversations_by_unit,
    intervention_status,
    referrals_by_destination,
)
from helhed.pathways.sickness_follow_up import SICKNESS_FOLLOW_UP
from helhed.protocols import PROTOCOLS
from helhed.rules import Finding, PopulationRule, Protocol, Severity
from helhed.serialization import to_dict
from helhed.sources import Reading, Stated

EXAMPLES: Mapping[str, Callable[[], Sequence[Pathway]]] = {
    "aalborg": aalborg_pathways,
    "halsnaes": halsnaes_pathways,
    "sygedagpenge": sickness_pathways,
}
"""The example logs ``helhed example NAME`` prints."""

EXAMPLE_REPORTS: Mapping[str, ReportOptions] = {
    "aalborg": ReportOptions(
        period=AALBORG_PERIOD,
        units=AALBORG_UNITS,
        offer=AALBORG_FLEX_OFFER,
        via=AALBORG_FLEX_REFERRAL,
    ),
}
"""The example logs written with how ``helhed report`` counts them: the Aalborg log with the
evaluation's period, tabel 1's units in order and tabel 3's offers (AALBORG2019), so that the
report gives the published tables with no options."""

EXAMPLE_DOCUMENTS: Mapping[str, Callable[[], object]] = {
    "citizens": example_citizens,
    "readiness": example_profile,
}
"""The other examples ``helhed example NAME`` prints, all invented: a list of citizen
documents for ``helhed classify`` (valid on 2026-11-02), and a municipality-profile document
for ``helhed readiness``."""

_EXIT_FINDINGS = 1


def check_command(args: argparse.Namespace, out: TextIO) -> int:
    """Check pathways against a protocol; exit 1 if any finding is an error.

    The protocol is a shipped one (``--protocol ID``) or a protocol document
    (``--protocol-file FILE``, JSON or TOML), read before the pathways.

    With ``--jsonl`` the input is JSON Lines, one pathway a line, and so is the output, one
    finding a line; see [`check_lines`][helhed.cli.pathways.check_lines].
    """
    if getattr(args, "jsonl", False):
        if args.json or args.indent is not None:
            fail("--json and --indent cannot be used with --jsonl, which writes one finding a line")
        return check_lines(
            args.file,
            chosen_protocol(args),
            out,
            on=today(args.on),
            encoding=args.encoding,
            lang=args.lang,
        )
    protocol = chosen_protocol(args)
    pathways, _ = read_log(args.file, args.encoding)
    report = check(pathways, protocol, on=today(args.on))
    if args.json:
        json.dump(to_dict(report), out, ensure_ascii=False, indent=args.indent)
        out.write("\n")
    else:
        write_report(report, out, lang=args.lang)
    return 0 if report.ok else _EXIT_FINDINGS


def check_lines(  # noqa: PLR0913 - the check's input, output and options
    path: str,
    protocol: Protocol,
    out: TextIO,
    *,
    on: dt.date,
    encoding: str | None = None,
    summary: TextIO | None = None,
    lang: Language = Language.EN,
) -> int:
    """Check the pathways of a JSON Lines file (``-``: standard input), streaming.

    Reads one pathway document a line (blank lines skipped), checks it and writes each of its
    findings as one line of JSON - the finding as in the ``compliance-report`` document -
    before reading the next. Findings come in the order of the lines, and within a pathway in
    report order; a file sorted by citizen id gives the findings of ``check`` in its order.
    The summary line of the text report goes to ``summary`` (default standard error), so the
    output holds findings only, in ``lang``. Returns 1 if any finding is an error, else 0.

    Memory holds one pathway at a time, and the citizen ids seen so far, as a citizen id
    given twice is refused as ``check`` refuses it. A protocol with a population rule (a rule
    over all pathways together, such as a caseload limit) cannot be checked this way and is
    refused before reading: read the file whole, without ``--jsonl``.

    Raises:
        ValidationError: For a protocol with a population rule, or at ``PATH: line N`` for
            the first bad line or a citizen id seen on an earlier line; the findings of the
            lines before it have been written and stay written.
    """
    population = [rule.id for rule in protocol.rules if isinstance(rule, PopulationRule)]
    if population:
        fail(
            f"protocol '{protocol.id}' has rules over all pathways together "
            f"({', '.join(population)}), which need the whole file; leave out --jsonl"
        )
    seen: set[str] = set()
    pathways = events = 0
    counts: Counter[Severity] = Counter()
    readings = 0
    for line, pathway in documents(path, Pathway, encoding):
        if pathway.citizen_id in seen:
            name = "standard input" if path == "-" else path
            fail(f"{name}: line {line}: citizen_id: is a duplicate; one pathway per citizen")
        seen.add(pathway.citizen_id)
        report = check([pathway], protocol, on=on)
        pathways += 1
        events += report.events
        if not report.findings:
            continue
        for finding, data in zip(report.findings, to_dict(report)["findings"], strict=True):
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
            counts[finding.severity] += 1
            readings += finding.reading
    (summary if summary is not None else sys.stderr).write(
        _summary(
            pathways,
            events,
            protocol=protocol.id,
            on=on,
            counts=counts,
            readings=readings,
            lang=lang,
        )
    )
    return _EXIT_FINDINGS if counts[Severity.ERROR] else 0


READINGS_HEADING = "Findings of helhed's readings (rules the sources do not state in words):"
"""The heading over the findings of readings in the text report, in English."""

_READINGS_HEADING_DA = "Fund efter helheds læsninger (regler, kilderne ikke siger med ord):"


def write_report(
    report: ComplianceReport,
    out: TextIO,
    *,
    most: int | None = None,
    lang: Language = Language.EN,
) -> None:
    """Print a compliance report: findings of stated rules, then of readings, then a summary.

    The findings of helhed's readings come under a heading of their own, one line each; all
    in ``lang``, the citations in its style.
    """
    heading_of_readings = pick(lang, _READINGS_HEADING_DA, READINGS_HEADING)
    stated = [f for f in report.findings if not f.reading]
    readings = [f for f in report.findings if f.reading]
    left = len(report.findings) if most is None else most
    for group, heading in ((stated, None), (readings, heading_of_readings)):
        shown = group[: max(left, 0)]
        left -= len(shown)
        if shown and heading is not None:
            out.write(f"{heading}\n")
        out.writelines(_line(finding, lang) for finding in shown)
    if most is not None and most < len(report.findings):
        more = len(report.findings) - most
        out.write(pick(lang, f"... og {more} mere\n", f"... and {more} more\n"))
    out.write(
        _summary(
            report.pathways,
            report.events,
            protocol=report.protocol,
            on=report.on,
            counts=report.by_severity,
            readings=len(readings),
            lang=lang,
        )
    )


def _summary(  # noqa: PLR0913 - the figures of one line
    pathways: int,
    events: int,
    *,
    protocol: str,
    on: dt.date,
    counts: Mapping[Severity, int],
    readings: int,
    lang: Language = Language.EN,
) -> str:
    """The summary line of a check: what was checked and how many findings of each severity."""
    severities = ", ".join(
        _count(counts.get(severity, 0), label(severity, lang).lower(), lang)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.NOTICE)
    )
    if lang is Language.DA:
        return (
            f"{_count(pathways, 'forløb', lang)}, {_count(events, 'hændelse', lang)} tjekket mod "
            f"'{protocol}' den {on}: {severities}"
            + (f"; {readings} af fundene efter læsninger" if readings else "")
            + "\n"
        )
    return (
        f"{_count(pathways, 'pathway', lang)}, {_count(events, 'event', lang)} checked against "
        f"'{protocol}' on {on}: {severities}"
        + (f"; {readings} of the findings from readings" if readings else "")
        + "\n"
    )


def _line(finding: Finding, lang: Language) -> str:
    dates = ", ".join(d.isoformat() for d in finding.dates)
    return (
        f"{finding.citizen_id} [{finding.rule_id}] {label(finding.severity, lang).lower()} "
        f"({dates}): {finding.text(lang)} ({finding.citation.text(lang)})\n"
    )


def protocols_command(args: argparse.Namespace, out: TextIO) -> int:
    """List the protocols ``check`` knows, each rule marked stated or reading."""
    chosen = [PROTOCOLS[args.protocol]] if args.protocol else list(PROTOCOLS.values())
    if args.json:
        data = [
            {
                "protocol": protocol.id,
                "rule": rule.id,
                "severity": rule.severity.code,
                "citation": str(rule.citation),
                "basis": "reading" if rule.reading else "stated",
                "quote": rule.basis.quote if isinstance(rule.basis, Stated) else None,
                "why": rule.basis.why_en if isinstance(rule.basis, Reading) else None,
            }
            for protocol in chosen
            for rule in protocol.rules
        ]
        json.dump(data, out, ensure_ascii=False, indent=args.indent)
        out.write("\n")
        return 0
    for i, protocol in enumerate(chosen):
        if i:
            out.write("\n")
        write_rules(protocol, out, lang=args.lang)
    return 0


_DANISH_PLURALS = {
    "forløb": "forløb",
    "hændelse": "hændelser",
    "fejl": "fejl",
    "advarsel": "advarsler",
}
"""Danish nouns of the summary line and their plurals; a noun not here takes ``-er``."""


def _count(n: int, noun: str, lang: Language = Language.EN) -> str:
    if n == 1:
        return f"1 {noun}"
    if lang is Language.DA:
        return f"{number(n, lang)} {_DANISH_PLURALS.get(noun, noun + 'er')}"
    return f"{number(n, lang)} {noun}s"


def report_command(args: argparse.Namespace, out: TextIO) -> int:
    """Print the three tables over the pathways of a file.

    An option left out is taken from the file's ``report`` object where it has one (period,
    units, offer, via; see "helhed report FILE" on the page JSON and the command line), else
    from the pathways: the span of their events, every unit, the offer started most often.
    """
    pathways, options = read_log(args.file, args.encoding)
    days = [e.occurred_on for p in pathways for e in p.timeline]
    if not days:
        fail("the file holds no events to report on")
    start = args.start or (options.period.start if options.period else min(days))
    end = args.end or (options.period.end if options.period else max(days))
    if end < start:
        fail("--to must not be before --from")
    period = Period(start, end)
    units = [u.strip() for u in args.units.split(",")] if args.units else options.units
    offer = args.offer or options.offer or _busiest_offer(pathways)
    via = args.via or options.via
    lang: Language = args.lang
    tables = [
        conversations_by_unit(pathways, period, units=units, lang=lang),
        referrals_by_destination(pathways, period, units=units, lang=lang),
    ]
    if offer is not None:
        tables.append(intervention_status(pathways, period, offer=offer, via=via, lang=lang))
    write_tables(tables, out, decimal_comma=args.decimal_comma or lang is Language.DA)
    return 0


def write_tables(tables: Sequence[Table], out: TextIO, *, decimal_comma: bool = False) -> None:
    """Print tables as Markdown with their titles and notes."""
    for i, table in enumerate(tables):
        if i:
            out.write("\n")
        out.write(f"{table.title}\n\n{table.to_markdown(decimal_comma=decimal_comma)}\n")
        out.writelines(f"{note}\n" for note in table.notes)


def _busiest_offer(pathways: Sequence[Pathway]) -> str | None:
    starts = Counter(
        e.offer for p in pathways for e in p.timeline if isinstance(e, InterventionStarted)
    )
    return min(starts, key=lambda o: (-starts[o], o)) if starts else None


def example_command(args: argparse.Namespace, out: TextIO) -> int:
    """Print an example as JSON.

    A log is a JSON list of pathway documents, or, for a log in ``EXAMPLE_REPORTS``, an
    object of its report options and the list; ``citizens`` is a list of citizen documents
    and ``readiness`` one municipality-profile document.
    """
    data: object
    if args.name in EXAMPLE_DOCUMENTS:
        example = EXAMPLE_DOCUMENTS[args.name]()
        data = [to_dict(c) for c in example] if isinstance(example, tuple) else to_dict(example)
    elif args.name in EXAMPLE_REPORTS:
        data = log_document(EXAMPLES[args.name](), EXAMPLE_REPORTS[args.name])
    else:
        data = [to_dict(p) for p in EXAMPLES[args.name]()]
    json.dump(data, out, ensure_ascii=False, indent=args.indent)
    out.write("\n")
    return 0


def demo_pathway_part(out: TextIO, lang: Language = Language.EN) -> None:
    """The Aalborg tables from the example log, and compliance checks of two example logs."""
    aalborg = aalborg_pathways()
    period = AALBORG_PERIOD
    events = number(sum(len(p) for p in aalborg), lang)
    out.write(
        pick(
            lang,
            f"\nAalborg-eksempellog: {len(aalborg)} forløb, {events} "
            "hændelser; antal som offentliggjort (AALBORG2019), dage og pseudonymer "
            "opfundet\n\n",
            f"\nAalborg example log: {len(aalborg)} pathways, {events} events; counts as "
            "published (AALBORG2019), days and pseudonyms invented\n\n",
        )
    )
    write_tables(
        [
            conversations_by_unit(aalborg, period, units=AALBORG_UNITS, lang=lang),
            referrals_by_destination(aalborg, period, lang=lang),
            intervention_status(
                aalborg, period, offer=AALBORG_FLEX_OFFER, via=AALBORG_FLEX_REFERRAL, lang=lang
            ),
        ],
        out,
        decimal_comma=lang is Language.DA,
    )
    out.write(
        pick(
            lang,
            "\nRegelefterlevelse, Aalborg-eksempellog (samtykkepraksis, ODENSE2015):\n",
            "\nCompliance, Aalborg example log (ODENSE2015 consent practice):\n",
        )
    )
    write_report(check(aalborg, ODENSE_CONSENT, on=period.end), out, lang=lang)
    out.write(
        pick(
            lang,
            "\nRegelefterlevelse, opfundet log som i Halsnæs med indlagte brud (HALSNAES):\n",
            "\nCompliance, invented Halsnæs-style log with planted breaches (HALSNAES):\n",
        )
    )
    halsnaes = check(halsnaes_pathways(), HALSNAES, on=HALSNAES_CHECK_DATE)
    write_report(halsnaes, out, most=5, lang=lang)
    out.write(
        pick(
            lang,
            "\nRegelefterlevelse, opfundne sygedagpengelogs: første opfølgning inden udgangen "
            "af uge 8 (SDL § 13 b):\n",
            "\nCompliance, invented sickness benefit logs: first follow-up by the end of week 8 "
            "(SDL § 13 b):\n",
        )
    )
    sickness = check(sickness_pathways(), SICKNESS_FOLLOW_UP, on=SICKNESS_CHECK_DATE)
    write_report(sickness, out, lang=lang)
    demo_corrections(out, lang)


def demo_corrections(out: TextIO, lang: Language = Language.EN) -> None:
    """A typo, the citizen's withdrawal recorded in spite of it, and the typo's annulment.

    The refusals quote the error's reason, which is in English as every error message is.
    """
    pathway = next(p for p in halsnaes_pathways() if p.citizen_id == "halsnaes-04")
    cid, adm, purpose = pathway.citizen_id, Administration, ConsentPurpose.COORDINATION
    today = max(e.occurred_on for e in pathway.events) + dt.timedelta(days=7)
    out.write(
        pick(
            lang,
            f"\nRettelser, {cid} den {today}: en kontakt tastet 85 dage frem, derefter trækker "
            "borgeren sit samtykke tilbage\n",
            f"\nCorrections, {cid} on {today}: a contact typed 85 days ahead, then the citizen "
            "withdraws consent\n",
        )
    )
    pathway = pathway.append(
        ContactMade(
            citizen_id=cid, occurred_on=today + dt.timedelta(days=85), recorded_by=adm.HEALTH
        )
    )
    note = ContactMade(citizen_id=cid, occurred_on=today, recorded_by=adm.HEALTH)
    out.write(
        pick(lang, f"  et notat af {today}: ", f"  a note of {today}: ")
        + _refusal(pathway, note, lang)
        + "\n"
    )
    withdrawal = ConsentWithdrawn(
        citizen_id=cid,
        occurred_on=today,
        recorded_by=adm.HEALTH,
        to=adm.JOB_CENTRE,
        purpose=purpose,
    )
    pathway = pathway.append(withdrawal)
    answers = [
        _yes_no(
            may_disclose(
                pathway, InformationCategory.HEALTH, to=adm.JOB_CENTRE, on=day, purpose=purpose
            ),
            lang,
        )
        for day in (today - dt.timedelta(days=1), today)
    ]
    at = len(pathway) - 1
    out.write(
        pick(
            lang,
            f"  tilbagetrækningen: registreret alligevel, events[{at}]; helbredsoplysninger til "
            f"jobcentret dagen før: {answers[0]}, samme dag: {answers[1]}\n",
            f"  the withdrawal: recorded all the same, events[{at}]; health information to the "
            f"job centre the day before: {answers[0]}, that day: {answers[1]}\n",
        )
    )

    def annul(position: int) -> EventAnnulled:
        return EventAnnulled(
            citizen_id=cid,
            occurred_on=today,
            recorded_by=adm.HEALTH,
            recorder="hk-7",
            annuls=position,
            reason="forkert dato",
        )

    typo = len(pathway) - 2
    pathway = pathway.append(annul(typo)).append(note)
    by, kept, timeline = pathway.annulled[typo], len(pathway), len(pathway.timeline)
    unconsented = len(audit(pathway).without_consent)
    out.write(
        pick(
            lang,
            f"  tastefejlen annulleret af events[{by}] (hk-7), notatet registreret efter den: "
            f"loggen beholder {kept} hændelser, tidslinjen {timeline}; revision: {unconsented} "
            "videregivelser uden samtykke\n",
            f"  the typo annulled by events[{by}] (hk-7), the note recorded after it: the log "
            f"keeps {kept} events, the timeline {timeline}; audit: {unconsented} disclosures "
            "without consent\n",
        )
    )
    out.write(
        pick(lang, "  annullering af tilbagetrækningen: ", "  annulling the withdrawal: ")
        + _refusal(pathway, annul(typo + 1), lang)
        + "\n"
    )


def _refusal(pathway: Pathway, event: Event, lang: Language) -> str:
    try:
        pathway.append(event)
    except TransitionError as error:
        return pick(lang, "afvist, ", "refused, ") + error.why.split(";")[0]
    return pick(lang, "registreret", "recorded")  # pragma: no cover - the demo shows refusals


def _yes_no(decision: DisclosureDecision, lang: Language) -> str:
    answer = pick(lang, "ja", "yes") if decision.allowed else pick(lang, "nej", "no")
    return f"{answer} [{decision.reasons[0].code}]"
