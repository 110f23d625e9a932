"""Reports over many pathways and a period, as small tables.

Three reports count what the Aalborg evaluation counted (AALBORG2019 tabel 1-3), from events:

* [`conversations_by_unit`][helhed.pathways.reports.conversations_by_unit]: citizens,
  conversations, conversations per citizen and onward referrals per unit;
* [`referrals_by_destination`][helhed.pathways.reports.referrals_by_destination]: onward
  referrals per destination;
* [`intervention_status`][helhed.pathways.reports.intervention_status]: where the citizens
  of one intervention stand, in numbers and shares.

Only events within the period count (both ends included), so events before or after it, of
other kinds or of other units do not change the numbers. Referrals are counted as referrals,
not citizens: one citizen may be referred several times (AALBORG2019 tabel 2: 166 referrals
of 111 citizens).

Rounding follows the published tables: ratios are rounded half up to one decimal and shown
without a trailing zero (366 conversations / 179 citizens = 2.04 is printed ``2``); shares are
rounded half up to whole percent each on its own (17.5 % is printed ``18``), and the total row
shows 100.

Examples:
    >>> table = Table(title="Demo", columns=("unit", "citizens"), rows=(("A", 3), ("B", 4)))
    >>> print(table.to_markdown())
    | unit | citizens |
    |---|---:|
    | A | 3 |
    | B | 4 |
    >>> table.row("B")
    ('B', 4)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from helhed._coded import CodedEnum
from helhed._validation import Checker, items_of
from helhed._values import frozen_fields
from helhed.errors import UnknownNameError, quoted, require
from helhed.language import Language, LanguageLike, as_language, label, pick
from helhed.organisation import Period
from helhed.pathways.events import (
    ConversationHeld,
    ConversationKind,
    Event,
    Referred,
    ReferredOnward,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.stages import STAGE_OF_KIND, PathwayStage

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "TOTAL",
    "InterventionStatus",
    "Table",
    "conversations_by_unit",
    "intervention_status",
    "ratio",
    "referrals_by_destination",
    "share",
]

Cell = str | int | Decimal | None
"""A table cell: text, a count, a rounded number, or None where there is nothing to show."""

TOTAL = "Total"
"""The label of a table's total row in English; in Danish it is ``I alt``."""


def _total(language: Language) -> str:
    return pick(language, "I alt", TOTAL)


def _cell_text(value: Cell, *, decimal_comma: bool) -> str:
    if value is None:
        return "-"
    text = str(value)
    return text.replace(".", ",") if decimal_comma and isinstance(value, Decimal) else text


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Table:
    """A small table of results: a title, column names, rows and notes.

    Attributes:
        title: What the table shows.
        columns: Column names; the first column labels the rows.
        rows: The rows, each with one cell per column; a total row, if any, comes last.
        notes: How to read the numbers (rounding, what is counted).
    """

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        """Every row has one cell per column."""
        check = Checker()
        check.text(self.title, "title")
        check.each(self.columns, str, "columns")
        check.each(self.notes, str, "notes")
        if check.each(self.rows, tuple, "rows") and isinstance(self.columns, tuple):
            for i, row in enumerate(self.rows):
                ok = len(row) == len(self.columns)
                check.expect(ok, f"rows[{i}]", "needs one cell per column")
        check.done()

    def row(self, label: str) -> tuple[Cell, ...]:
        """The row whose first cell is ``label``.

        Raises:
            UnknownNameError: If there is no such row.
        """
        for row in self.rows:
            if row[0] == label:
                return row
        msg = f"the report has no row {quoted(label)}"
        raise UnknownNameError(msg)

    def column(self, name: str) -> tuple[Cell, ...]:
        """The cells of column ``name``, top to bottom.

        Raises:
            UnknownNameError: If there is no such column.
        """
        if name not in self.columns:
            msg = f"the report has no column {quoted(name)}"
            raise UnknownNameError(msg)
        index = self.columns.index(name)
        return tuple(row[index] for row in self.rows)

    def to_markdown(self, *, decimal_comma: bool = False) -> str:
        """The table as Markdown; numbers right-aligned; ``decimal_comma`` writes ``1,9``."""
        align = ["---"] + [
            "---:" if any(isinstance(r[i], (int, Decimal)) for r in self.rows) else "---"
            for i in range(1, len(self.columns))
        ]
        lines = [
            "| " + " | ".join(self.columns) + " |",
            "|" + "|".join(align) + "|",
            *(
                "| " + " | ".join(_cell_text(c, decimal_comma=decimal_comma) for c in row) + " |"
                for row in self.rows
            ),
        ]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """The table as a pandas DataFrame indexed by the first column (research extra).

        Rounded numbers become floats; empty cells become missing values.
        """
        import pandas as pd  # noqa: PLC0415 - optional dependency

        def plain(value: Cell) -> Any:
            return float(value) if isinstance(value, Decimal) else value

        frame = pd.DataFrame(
            [[plain(c) for c in row] for row in self.rows], columns=list(self.columns)
        )
        return frame.set_index(self.columns[0])

    def __str__(self) -> str:
        """The title, the Markdown table and the notes."""
        notes = "".join(f"\n{note}" for note in self.notes)
        return f"{self.title}\n\n{self.to_markdown()}\n{notes}".rstrip() + "\n"


def ratio(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator`` rounded half up to one decimal, without a trailing zero."""
    require(numerator, int, "numerator", "must be a whole number")
    require(denominator, int, "denominator", "must be a whole number")
    if denominator == 0:
        return None
    value = (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def share(part: int, whole: int) -> int | None:
    """``part`` as a whole percentage of ``whole``, rounded half up (9 of 80 -> 11)."""
    require(part, int, "part", "must be a whole number")
    require(whole, int, "whole", "must be a whole number")
    if whole == 0:
        return None
    return int((Decimal(100 * part) / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _of(referrals: int, citizens: int, language: Language) -> str:
    if language is Language.DA:
        return (
            f"{referrals} henvisning{'' if referrals == 1 else 'er'} af "
            f"{citizens} borger{'' if citizens == 1 else 'e'}"
        )
    return (
        f"{referrals} referral{'' if referrals == 1 else 's'} of "
        f"{citizens} citizen{'' if citizens == 1 else 's'}"
    )


def _in_period(
    pathways: Iterable[Pathway], period: Period, units: Sequence[str] | None = None
) -> Iterable[Event]:
    """The events of the period, after checking the arguments every report takes."""
    listed = items_of(pathways, Pathway, "pathways")
    check = Checker()
    check.expect(isinstance(period, Period), "period", "must be a Period")
    check.done()
    if units is not None:
        listed_units = items_of(units, str, "units")
        for i, unit in enumerate(listed_units):
            again = unit in listed_units[:i]
            check.expect(not again, f"units[{i}]", "is listed twice; a unit is counted once")
        check.done()
    return _events_in(listed, period)


def _events_in(pathways: Iterable[Pathway], period: Period) -> Iterator[Event]:
    for pathway in pathways:
        for event in pathway.timeline:
            if event.occurred_on > period.end:
                break
            if event.occurred_on >= period.start:
                yield event


def conversations_by_unit(
    pathways: Iterable[Pathway],
    period: Period,
    *,
    conversation: ConversationKind = ConversationKind.HEALTH_CONVERSATION,
    units: Sequence[str] | None = None,
    lang: LanguageLike = Language.EN,
) -> Table:
    """Citizens, conversations and onward referrals per unit in ``period`` (AALBORG2019 tabel 1).

    Args:
        pathways: The pathways to count over.
        period: The days counted, both ends included.
        conversation: The kind of conversation counted.
        units: The units to show, in this order; None shows every unit with a conversation,
            in alphabetical order. Events of other units are left out.
        lang: The language of the title, columns, total row and notes (English by default).

    Returns:
        One row per unit and a total row. Citizens are counted once per unit and once in the
        total; onward referrals count referrals made in the unit, not citizens.
    """
    language = as_language(lang)
    citizens: dict[str, set[str]] = defaultdict(set)
    talks: Counter[str] = Counter()
    onward: Counter[str] = Counter()
    onward_citizens: set[str] = set()
    check = Checker()
    check.member(conversation, ConversationKind, "conversation")
    check.done()
    for event in _in_period(pathways, period, units):
        if event.unit is None or (units is not None and event.unit not in units):
            continue
        if isinstance(event, ConversationHeld) and event.conversation is conversation:
            citizens[event.unit].add(event.citizen_id)
            talks[event.unit] += 1
        elif isinstance(event, ReferredOnward):
            onward[event.unit] += 1
            onward_citizens.add(event.citizen_id)
    shown = list(units) if units is not None else sorted(citizens)
    rows: list[tuple[Cell, ...]] = [
        (u, len(citizens[u]), talks[u], ratio(talks[u], len(citizens[u])), onward[u]) for u in shown
    ]
    everyone = len(set().union(*citizens.values())) if citizens else 0
    total_talks = sum(talks[u] for u in shown)
    total_onward = sum(onward[u] for u in shown)
    rows.append(
        (_total(language), everyone, total_talks, ratio(total_talks, everyone), total_onward)
    )
    onward_of = _of(total_onward, len(onward_citizens), language)
    if language is Language.DA:
        return Table(
            title=f"{conversation.label_da}r pr. enhed, {period.start} til {period.end}",
            columns=("enhed", "borgere", "samtaler", "samtaler pr. borger", "henvist videre"),
            rows=tuple(rows),
            notes=(
                "Samtaler pr. borger: afrundet halvt op til én decimal, uden efterstillet nul.",
                f"Henvisninger tælles som henvisninger, ikke borgere: {onward_of}.",
            ),
        )
    return Table(
        title=f"{conversation.label_en}s by unit, {period.start} to {period.end}",
        columns=(
            "unit",
            "citizens",
            "conversations",
            "conversations per citizen",
            "referrals to other offers",
        ),
        rows=tuple(rows),
        notes=(
            "Conversations per citizen: rounded half up to one decimal, no trailing zero.",
            f"Referrals count referrals, not citizens: {onward_of}.",
        ),
    )


def referrals_by_destination(
    pathways: Iterable[Pathway],
    period: Period,
    *,
    units: Sequence[str] | None = None,
    lang: LanguageLike = Language.EN,
) -> Table:
    """Onward referrals per destination in ``period`` (AALBORG2019 tabel 2).

    Args:
        pathways: The pathways to count over.
        period: The days counted, both ends included.
        units: Count only referrals made in these units; None counts every referral.
        lang: The language of the title, columns, total row and note (English by default).

    Returns:
        One row per destination, most referrals first (ties by name), and a total row.
    """
    language = as_language(lang)
    counts: Counter[str] = Counter()
    who: set[str] = set()
    for event in _in_period(pathways, period, units):
        if not isinstance(event, ReferredOnward):
            continue
        if units is not None and event.unit not in units:
            continue
        counts[event.destination] += 1
        who.add(event.citizen_id)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    rows: list[tuple[Cell, ...]] = [(d, n) for d, n in ordered]
    rows.append((_total(language), sum(counts.values())))
    title = pick(
        language,
        f"Henvisninger videre efter modtager, {period.start} til {period.end}",
        f"Onward referrals by destination, {period.start} to {period.end}",
    )
    return Table(
        title=title,
        columns=(
            pick(language, "modtager", "destination"),
            pick(language, "henvisninger", "referrals"),
        ),
        rows=tuple(rows),
        notes=(f"{_of(sum(counts.values()), len(who), language)}.",),
    )


class InterventionStatus(CodedEnum):
    """Where a citizen stands with an intervention at the end of a period (AALBORG2019 tabel 3).

    The rows of the published table, each the citizens in one stage of
    [`PathwayStage`][helhed.pathways.stages.PathwayStage] as far as this intervention goes
    (see [`stage`][helhed.pathways.reports.InterventionStatus.stage]); ``AWAITING`` is a
    citizen referred but in none of them yet.
    """

    COMPLETED = ("gennemfoert", "Gennemført", "Completed")
    IN_PROGRESS = ("i_gang", "I gang med forløbet", "In progress")
    DROPPED_OUT = ("dropout", "Dropout", "Dropped out")
    NOT_STARTED = ("ikke_startet", "Starter ikke efter samtaleforløb", "Did not start")
    AWAITING = ("afventer", "Afventer afklaring", "Not yet decided")

    @property
    def stage(self) -> PathwayStage | None:
        """The stage whose citizens this status counts; None for ``AWAITING``."""
        return _STAGE_OF_STATUS.get(self)


_STAGE_OF_STATUS: dict[InterventionStatus, PathwayStage] = {
    InterventionStatus.COMPLETED: PathwayStage.COMPLETED,
    InterventionStatus.IN_PROGRESS: PathwayStage.IN_INTERVENTION,
    InterventionStatus.DROPPED_OUT: PathwayStage.DROPPED_OUT,
    InterventionStatus.NOT_STARTED: PathwayStage.NOT_STARTED,
}
_STATUS_OF_STAGE: dict[PathwayStage, InterventionStatus] = {
    stage: status for status, stage in _STAGE_OF_STATUS.items()
}


def intervention_status(
    pathways: Iterable[Pathway],
    period: Period,
    *,
    offer: str,
    via: str | None = None,
    lang: LanguageLike = Language.EN,
) -> Table:
    """Where the citizens of one intervention stand at the end of ``period`` (AALBORG2019 tabel 3).

    A citizen counts if an event of the intervention that puts them in one of the stages of
    [`InterventionStatus`][helhed.pathways.reports.InterventionStatus] (started, completed,
    dropped out, not started) falls within the period, or if they were referred to it - or to
    ``via``, the offer that leads to it - within the period. Their status is given by the last
    event of the intervention; a citizen referred but with no such event yet is *not yet decided*.
    Nobody counted is left out of the table: the *not yet decided* row is shown whenever it
    is not zero.

    Args:
        pathways: The pathways to count over.
        period: The days counted, both ends included.
        offer: The intervention, as named in the events' ``offer``.
        via: The offer of a referral that leads to the intervention (e.g. preparatory
            conversations), if any.
        lang: The language of the title, columns, statuses, total row and note (English by
            default).

    Returns:
        One row per status with the number of citizens and their share in whole percent, and
        a total row.
    """
    language = as_language(lang)
    check = Checker()
    check.text(offer, "offer")
    check.text(via, "via", optional=True)
    check.done()
    status: dict[str, InterventionStatus] = {}
    referred = {offer} if via is None else {offer, via}
    for event in _in_period(pathways, period):
        stage = STAGE_OF_KIND.get(event.KIND)
        kind = None if stage is None else _STATUS_OF_STAGE.get(stage)
        if kind is not None and getattr(event, "offer", None) == offer:
            status[event.citizen_id] = kind
        elif isinstance(event, Referred) and event.offer in referred:
            status.setdefault(event.citizen_id, InterventionStatus.AWAITING)
    counts = Counter(status.values())
    whole = len(status)
    rows: list[tuple[Cell, ...]] = [
        (label(s, language), counts[s], share(counts[s], whole))
        for s in InterventionStatus
        if s is not InterventionStatus.AWAITING or counts[s]
    ]
    rows.append((_total(language), whole, share(whole, whole)))
    return Table(
        title=pick(
            language, f"Status for {offer} den {period.end}", f"Status of {offer} on {period.end}"
        ),
        columns=(
            "status",
            pick(language, "borgere", "citizens"),
            pick(language, "andel (%)", "share (%)"),
        ),
        rows=tuple(rows),
        notes=(
            pick(
                language,
                "Andele: hver afrundet halvt op til hele procent; summen er ikke altid 100.",
                "Shares: each rounded half up to whole percent; they need not add up to 100.",
            ),
        ),
    )
