"""What a run of pathways costs week by week, and the business case of one run against another.

[`spending`][helhed.costs.spending] reads pathways as they stood at the end of a period of
whole weeks and prices, per week of the period, with a [`CostTable`][helhed.costs.CostTable]:

* each citizen's days in an offer, from ``InterventionStarted`` to its ``InterventionCompleted``
  or ``InterventionDroppedOut`` (the day of the end not counted), or to the end of the period
  or the closing of the pathway, whichever comes first;
* each seat of the offers in ``seats``, every day of the period;
* each citizen's days on a funding basis, from each ``BenefitChanged`` to the next, the last
  to the end of the period or the day the pathway was closed. Where ``benefits`` gives a
  citizen's funding basis at the start, the citizen is on it from the first event until the
  first ``BenefitChanged`` or ``JobOrEducationStarted``, whichever comes first (helhed's
  reading, for logs such as simulated ones that record no change of funding basis).

[`business_case`][helhed.costs.business_case] sets a run with an effort (``with_effort``)
against one without (``without``) on the same citizens and weeks: the extra cost of the
effort (interventions and seats), the benefit payments avoided, their difference, the return
(avoided per krone spent) and the first week by whose end the payments avoided add up to the
extra cost - the break-even week.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

import attrs

from helhed._validation import Checker, items_of, require_day
from helhed._values import FrozenMap, frozen_fields, plain
from helhed.benefits import Benefit
from helhed.costs._table import CostKind, CostTable
from helhed.errors import ValidationError
from helhed.outcomes._measures import benefit_spells
from helhed.pathways.events import (
    BenefitChanged,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
    JobOrEducationStarted,
)
from helhed.pathways.pathway import Pathway

__all__ = ["BusinessCase", "Spending", "business_case", "spending"]

_ORE = Decimal("0.01")
_MAX_WEEKS = 5200  # a hundred years
_MAX_SEATS = 1_000_000  # seats of one offer; more is a typo, and sums stay within Decimal's digits


def _kroner(amount: Fraction) -> Decimal:
    """An exact amount rounded to øre, half to even."""
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(
        _ORE, rounding=ROUND_HALF_EVEN
    )


def _amounts(path: str, values: object, check: Checker) -> bool:
    """Record at ``path`` unless ``values`` is a tuple of Decimal amounts of 0 or more."""
    if not check.each(values, Decimal, path):
        return False
    ok = True
    for i, v in enumerate(typing.cast("tuple[Decimal, ...]", values)):
        ok &= check.expect(v.is_finite() and v >= 0, f"{path}[{i}]", "must be 0 or more")
    return ok


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Spending:
    """What one run cost, week by week from ``start``, in DKK rounded to øre.

    Attributes:
        start: The first day of week 0.
        interventions: Per week, the citizens' days in offers, priced.
        seats: Per week, the seats kept open, priced.
        benefits: Per week, the benefit payments.
        own_figures: How many of the cost table's figures used were the user's own.
    """

    start: dt.date
    interventions: tuple[Decimal, ...]
    seats: tuple[Decimal, ...]
    benefits: tuple[Decimal, ...]
    own_figures: int = 0

    def __attrs_post_init__(self) -> None:
        """Validate: amounts of 0 or more, the same number of weeks in each."""
        check = Checker()
        check.day(self.start, "start")
        ok = [_amounts(n, getattr(self, n), check) for n in ("interventions", "seats", "benefits")]
        if all(ok):
            check.expect(
                len(self.interventions) == len(self.seats) == len(self.benefits),
                "benefits",
                "must have as many weeks as interventions and seats",
            )
        check.whole(self.own_figures, "own_figures")
        check.done()

    @property
    def weeks(self) -> int:
        """How many weeks the run lasted."""
        return len(self.benefits)

    @property
    def effort(self) -> Decimal:
        """The whole cost of interventions and seats."""
        return sum(self.interventions, Decimal(0)) + sum(self.seats, Decimal(0))

    @property
    def payments(self) -> Decimal:
        """The whole of the benefit payments."""
        return sum(self.benefits, Decimal(0))


class _Pricer:
    """Prices spans of days into the weeks of a period, noting the figures it used."""

    def __init__(self, table: CostTable, start: dt.date, weeks: int) -> None:
        self.table, self.start = table, start
        self.end = start + dt.timedelta(weeks=weeks)
        self.used: set[tuple[CostKind, str, dt.date]] = set()

    def price(
        self, kind: CostKind, item: str, span: tuple[dt.date, dt.date], weekly: list[Fraction]
    ) -> None:
        """Add the price of ``item`` over ``span`` to the weeks of the period it falls in.

        ``span`` is (first day, day after the last), cut to the period.
        """
        first, after = max(span[0], self.start), min(span[1], self.end)
        if first >= after:
            return
        for cost, begins, until in self.table.in_force(kind, item, first, after):
            self.used.add((kind, item, cost.valid_from))
            day = begins
            while day < until:
                week = (day - self.start).days // 7
                stop = min(until, self.start + dt.timedelta(weeks=week + 1))
                weekly[week] += Fraction(cost.dkk) * (stop - day).days / 7
                day = stop


def _spells(
    pathway: Pathway, end: dt.date, benefit: Benefit | None
) -> list[tuple[dt.date, dt.date, Benefit]]:
    """The citizen's spells on funding bases: (first day, day after the last, basis)."""
    timeline = pathway.timeline
    if not timeline:
        return []
    stop = end if pathway.closed_on is None else min(end, pathway.closed_on)
    changes = [(e.occurred_on, e.benefit) for e in timeline if isinstance(e, BenefitChanged)]
    spells = benefit_spells(changes, stop)
    if benefit is not None:
        job = next((e.occurred_on for e in timeline if isinstance(e, JobOrEducationStarted)), None)
        ends = [d for d in (changes[0][0] if changes else None, job, stop) if d is not None]
        if min(ends) > timeline[0].occurred_on:
            spells.insert(0, (timeline[0].occurred_on, min(ends), benefit))
    return spells


def _stays(pathway: Pathway, end: dt.date) -> list[tuple[dt.date, dt.date, str]]:
    """The citizen's stays in offers: (first day, day after the last, offer id).

    A stay never ended runs to ``end``, or to the closing of the pathway when that is sooner.
    """
    stop = end if pathway.closed_on is None else min(end, pathway.closed_on)
    opened: dict[str, dt.date] = {}
    stays: list[tuple[dt.date, dt.date, str]] = []
    for event in pathway.timeline:
        if isinstance(event, InterventionStarted):
            opened.setdefault(event.offer, event.occurred_on)
        elif isinstance(event, (InterventionCompleted, InterventionDroppedOut)):
            began = opened.pop(event.offer, None)
            if began is not None:
                stays.append((began, event.occurred_on, event.offer))
    stays.extend((began, max(began, stop), offer) for offer, began in opened.items())
    return stays


def spending(  # noqa: PLR0913 - the run and how it is priced are keywords
    pathways: Iterable[Pathway],
    table: CostTable,
    *,
    start: dt.date,
    weeks: int,
    seats: Mapping[str, int] | None = None,
    benefits: Mapping[str, Benefit] | None = None,
) -> Spending:
    """What the ``pathways`` cost per week for ``weeks`` weeks from ``start`` (see the module).

    Args:
        pathways: The run's pathways, one per citizen; events after the period are left out.
        table: The costs.
        start: The first day of week 0.
        weeks: How many weeks to price.
        seats: The seats kept open per offer id, each priced every day of the period.
        benefits: Each citizen's funding basis at the start, by citizen id, for logs that do
            not record it.

    Raises:
        ValidationError: If an argument is not of its kind, two pathways share a citizen or
            a number of seats is not a whole number from 0 to 1,000,000.
        NoRuleError: If the table has no cost in force for a day that must be priced.
    """
    listed = items_of(pathways, Pathway, "pathways")
    require_day(start, "start")
    check = Checker()
    check.whole(weeks, "weeks", minimum=1, maximum=_MAX_WEEKS)
    check.expect(isinstance(table, CostTable), "table", "must be a CostTable")
    rooms: dict[str, int] = {}
    if check.expect(seats is None or isinstance(seats, Mapping), "seats", "must be a mapping"):
        rooms = dict(seats or {})
    for offer, count in rooms.items():
        check.text(offer, "seats")
        check.whole(count, f"seats[{offer}]", maximum=_MAX_SEATS)
    given: dict[str, Benefit] = {}
    if check.expect(
        benefits is None or isinstance(benefits, Mapping), "benefits", "must be a mapping"
    ):
        given = dict(benefits or {})
    for cid, basis in given.items():
        check.member(basis, Benefit, f"benefits[{cid}]")
    check.done()
    weeks = int(plain(weeks))
    pricer = _Pricer(table, start, weeks)
    end, cut_on = pricer.end, pricer.end - dt.timedelta(days=1)
    kept = {name: [Fraction(0)] * weeks for name in ("interventions", "seats", "benefits")}
    seen: set[str] = set()
    for i, whole in enumerate(listed):
        if whole.citizen_id in seen:
            raise ValidationError.at(f"pathways[{i}].citizen_id", "is a duplicate")
        seen.add(whole.citizen_id)
        pathway = whole.until(cut_on)
        for first, after, offer in _stays(pathway, end):
            pricer.price(CostKind.INTERVENTION_WEEK, offer, (first, after), kept["interventions"])
        for first, after, basis in _spells(pathway, end, given.get(whole.citizen_id)):
            pricer.price(CostKind.BENEFIT_WEEK, basis.code, (first, after), kept["benefits"])
    for offer, count in sorted(rooms.items()):
        one: list[Fraction] = [Fraction(0)] * weeks
        pricer.price(CostKind.SEAT_WEEK, offer, (start, end), one)
        kept["seats"] = [a + count * b for a, b in zip(kept["seats"], one, strict=True)]
    own = sum(1 for kind, item, day in pricer.used if table.lookup(kind, item, day).own)
    return Spending(
        start=start,
        interventions=tuple(map(_kroner, kept["interventions"])),
        seats=tuple(map(_kroner, kept["seats"])),
        benefits=tuple(map(_kroner, kept["benefits"])),
        own_figures=own,
    )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class BusinessCase:
    """A run with an effort against one without, on the same citizens and weeks.

    Attributes:
        without: What the run without the effort cost.
        with_effort: What the run with it cost.
    """

    without: Spending
    with_effort: Spending

    def __attrs_post_init__(self) -> None:
        """Both runs must start on the same day and last as many weeks."""
        check = Checker()
        for name in ("without", "with_effort"):
            check.expect(isinstance(getattr(self, name), Spending), name, "must be a Spending")
        check.done()
        check.expect(
            self.without.start == self.with_effort.start,
            "with_effort",
            "must start when without does",
        )
        check.expect(
            self.without.weeks == self.with_effort.weeks,
            "with_effort",
            "must last as many weeks as without",
        )
        check.done()

    @property
    def extra_cost(self) -> Decimal:
        """What the effort cost beyond the run without it (interventions and seats)."""
        return self.with_effort.effort - self.without.effort

    @property
    def avoided(self) -> Decimal:
        """The benefit payments the effort avoided (negative if it added to them)."""
        return self.without.payments - self.with_effort.payments

    @property
    def net(self) -> Decimal:
        """Payments avoided less the extra cost: what the effort earned back beyond its cost."""
        return self.avoided - self.extra_cost

    @property
    def returned(self) -> Decimal | None:
        """Payments avoided per krone of extra cost, to 2 decimals; None without extra cost."""
        if self.extra_cost <= 0:
            return None
        return (self.avoided / self.extra_cost).quantize(_ORE, rounding=ROUND_HALF_EVEN)

    @property
    def break_even_week(self) -> int | None:
        """The week (from 0) from whose end on the payments avoided cover the extra cost.

        The week after the last one that ended with the effort behind, when it is not behind
        at the end of the run; 0 if it never was behind; None if it still is at the end.
        """
        weekly = self.by_week
        behind = [
            k
            for k, (spent, saved) in enumerate(
                zip(weekly["extra_cost"], weekly["avoided"], strict=True)
            )
            if saved < spent
        ]
        if not behind:
            return 0
        return None if behind[-1] == self.without.weeks - 1 else behind[-1] + 1

    @property
    def by_week(self) -> Mapping[str, tuple[Decimal, ...]]:
        """Per week, cumulative: ``extra_cost`` and ``avoided`` up to that week's end."""
        spent: list[Decimal] = []
        saved: list[Decimal] = []
        a, b = self.without, self.with_effort
        for week in range(a.weeks):
            step = b.interventions[week] + b.seats[week] - a.interventions[week] - a.seats[week]
            spent.append((spent[-1] if spent else Decimal(0)) + step)
            saved.append((saved[-1] if saved else Decimal(0)) + a.benefits[week] - b.benefits[week])
        return FrozenMap({"extra_cost": tuple(spent), "avoided": tuple(saved)})


def business_case(without: Spending, with_effort: Spending) -> BusinessCase:
    """The business case of ``with_effort`` against ``without`` (see ``BusinessCase``).

    Raises:
        ValidationError: If either is not a Spending, or they differ in start or weeks.
    """
    return BusinessCase(without=without, with_effort=with_effort)
