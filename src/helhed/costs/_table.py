"""A dated table of costs in DKK: per intervention week, per seat week, per benefit week.

Each [`Cost`][helhed.costs.Cost] holds from its ``valid_from`` until the next cost of the same
kind and item starts, as the rows of a dated rule table do. A cost either names where its
figure is published (a [`Citation`][helhed.sources.Citation] and how sure the figure is) or is
the user's own figure (``citation`` None): a municipality's budget, an estimate, a scenario.
helhed ships figures only where a public source gives them; a business case says how many of
the figures it used were the user's own.

Amounts are ``Decimal`` kroner, never floats, so sums are exact; a week is 7 days and a part of
a week is counted by its days (``amount * days / 7``), rounded to øre only when a sum is shown.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK
from helhed._validation import Checker, items_of, require_day
from helhed._values import frozen_fields
from helhed.errors import NoRuleError, ValidationError, quoted
from helhed.sources import Citation, Verification

__all__ = ["Cost", "CostKind", "CostTable"]

_WEEK = 7

MAX_DKK = Decimal(10**9)
"""Every amount is under a billion kroner a week (or a month): a larger one is a typo."""


class CostKind(CodedEnum):
    """What a cost is counted per."""

    INTERVENTION_WEEK = ("indsatsuge", "Indsatsuge", "Intervention week")
    """A citizen's week in an offer (``item``: the offer's id), from its start to its end."""
    SEAT_WEEK = ("pladsuge", "Pladsuge", "Seat week")
    """A seat of an offer kept open for a week, used or not (``item``: the offer's id)."""
    BENEFIT_WEEK = ("ydelsesuge", "Ydelsesuge", "Benefit week")
    """A citizen's week on a funding basis (``item``: the ``Benefit`` code)."""


def _amount(value: object) -> object:
    """An int becomes an exact ``Decimal``; anything else is left for the check to judge."""
    return Decimal(value) if type(value) is int else value


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Cost:
    """One figure of a cost table, in force from ``valid_from``.

    Attributes:
        kind: What the amount is counted per.
        item: The offer's id, or the funding basis's code for a benefit week.
        dkk: The amount in DKK per week, 0 or more and under ``MAX_DKK``, as a ``Decimal``;
            an int is taken exactly, a float is refused (money is not kept in binary
            fractions).
        valid_from: The first day the amount holds.
        valid_until: The last day it is known to hold (a rate published for one year ends
            on 31 December); None to hold until the next amount of the same kind and item.
        citation: Where the figure is published; None when it is the user's own figure.
        verification: How sure the published figure is; given exactly when ``citation`` is.
        note: How the figure was made, e.g. from a monthly rate (``12 / 52`` of it).
    """

    kind: CostKind
    item: str = attrs.field(metadata=NON_BLANK)
    dkk: Decimal = attrs.field(converter=_amount)
    valid_from: dt.date
    valid_until: dt.date | None = None
    citation: Citation | None = None
    verification: Verification | None = None
    note: str | None = attrs.field(default=None, metadata=NON_BLANK)

    def __attrs_post_init__(self) -> None:
        """Validate every field: an amount of 0 or more, a citation with its verification."""
        check = Checker()
        check.member(self.kind, CostKind, "kind")
        check.text(self.item, "item")
        if check.expect(
            isinstance(self.dkk, Decimal) and self.dkk.is_finite(),  # type: ignore[redundant-expr]
            "dkk",
            "must be a Decimal or a whole number of kroner",
        ):
            check.expect(0 <= self.dkk < MAX_DKK, "dkk", "must be 0 or more and under 1e9")
        if check.day(self.valid_from, "valid_from") & check.day(
            self.valid_until, "valid_until", optional=True
        ):
            check.expect(
                self.valid_until is None or self.valid_until >= self.valid_from,
                "valid_until",
                "must not be before valid_from",
            )
        check.expect(
            self.citation is None or isinstance(self.citation, Citation),
            "citation",
            "must be a Citation or None",
        )
        check.member(self.verification, Verification, "verification", optional=True)
        check.expect(
            (self.citation is None) == (self.verification is None),
            "verification",
            "must be given exactly when citation is",
        )
        check.text(self.note, "note", optional=True)
        check.done()

    @property
    def own(self) -> bool:
        """True if the figure is the user's own, not a published one."""
        return self.citation is None


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CostTable:
    """Costs by kind and item, each in force from its date until the next (see the module).

    Attributes:
        costs: The figures; no two of one kind and item from the same day.
    """

    costs: tuple[Cost, ...] = ()
    _dated: dict[tuple[CostKind, str], tuple[list[dt.date], list[Cost]]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        """Refuse a cost that is not a Cost and two costs of one kind and item on one day."""
        listed = items_of(self.costs, Cost, "costs")
        dated: dict[tuple[CostKind, str], list[Cost]] = {}
        seen: dict[tuple[CostKind, str, dt.date], int] = {}
        for i, cost in enumerate(listed):
            key = (cost.kind, cost.item, cost.valid_from)
            if key in seen:
                raise ValidationError.at(
                    f"costs[{i}].valid_from", f"repeats costs[{seen[key]}]: one amount a day"
                )
            seen[key] = i
            dated.setdefault((cost.kind, cost.item), []).append(cost)
        rows = {
            key: ([c.valid_from for c in ordered], ordered)
            for key, found in dated.items()
            for ordered in [sorted(found, key=lambda c: c.valid_from)]
        }
        object.__setattr__(self, "_dated", rows)

    def __iter__(self) -> Iterator[Cost]:
        """The costs, as given."""
        return iter(self.costs)

    def with_costs(self, costs: Iterable[Cost]) -> CostTable:
        """A new table with ``costs`` added (a new amount from a date is a new cost)."""
        return CostTable(costs=(*self.costs, *items_of(costs, Cost, "costs")))

    def lookup(self, kind: CostKind, item: str, on: dt.date) -> Cost:
        """The cost of ``kind`` and ``item`` in force on ``on``.

        Raises:
            ValidationError: If ``kind`` is not a CostKind, ``item`` not text or ``on`` not a
                date.
            NoRuleError: If the table has no such cost in force on ``on``.
        """
        check = Checker()
        check.member(kind, CostKind, "kind")
        check.text(item, "item")
        check.day(on, "on")
        check.done()
        days, costs = self._dated.get((kind, item), ([], []))
        at = bisect.bisect_right(days, on)
        found = costs[at - 1] if at else None
        if found is None or (found.valid_until is not None and on > found.valid_until):
            held = "" if found is None else f" (the last figure held until {found.valid_until})"
            msg = f"no {kind.label_en.lower()} cost of {quoted(item)} in force on {on}{held}"
            raise NoRuleError(msg)
        return found

    def in_force(
        self, kind: CostKind, item: str, first: dt.date, after: dt.date
    ) -> tuple[tuple[Cost, dt.date, dt.date], ...]:
        """The costs that price the days from ``first`` to before ``after``, with their days.

        Each as ``(cost, its first day in the span, the day after its last)``, in order.

        Raises:
            ValidationError: If an argument is not of its kind or ``after`` is before ``first``.
            NoRuleError: If no cost is in force on a day of the span.
        """
        require_day(first, "first")
        require_day(after, "after")
        if after < first:
            raise ValidationError.at("after", "must not be before first")
        if after == first:
            return ()
        days = self._dated[kind, item][0] if (kind, item) in self._dated else []
        found = []
        day = first
        while day < after:
            cost = self.lookup(kind, item, day)  # in force that day, or raises
            later = bisect.bisect_right(days, day)
            ends = [after, *days[later : later + 1]]
            if cost.valid_until is not None and cost.valid_until < dt.date.max:
                ends.append(cost.valid_until + dt.timedelta(days=1))
            until = min(ends)
            found.append((cost, day, until))
            day = until
        return tuple(found)

    def spend(self, kind: CostKind, item: str, first: dt.date, after: dt.date) -> Fraction:
        """DKK spent on ``kind`` and ``item`` for one citizen or seat over a span of days, exact.

        The span runs from ``first`` to the day before ``after``; each day costs a seventh of
        the weekly amount in force that day.

        Raises:
            ValidationError: If an argument is not of its kind or ``after`` is before ``first``.
            NoRuleError: If no cost is in force on a day of the span.
        """
        return sum(
            (
                Fraction(c.dkk) * (until - day).days / _WEEK
                for c, day, until in self.in_force(kind, item, first, after)
            ),
            Fraction(0),
        )
