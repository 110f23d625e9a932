"""Offers' use against their capacity (SST2019 kap. 9, prerequisites).

[`capacity`][helhed.models.catalogue.capacity] sets the referrals and starts of pathways
against each offer's capacity; [`period_key`][helhed.models.catalogue.period_key] says which
period a start counts in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from helhed._validation import require_day
from helhed._values import frozen_fields
from helhed.errors import require
from helhed.models.catalogue._offers import Capacity, CapacityPeriod, CapacityUnit, Catalogue, Offer
from helhed.organisation import Period
from helhed.pathways.events import (
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionNotStarted,
    InterventionStarted,
    ReferralDeclined,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.sources import Citation, Reason

__all__ = ["CapacityRow", "capacity", "period_key"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CapacityRow:
    """The use of one offer in a period.

    Attributes:
        offer_id: The offer.
        capacity: Its capacity, if limited.
        referrals: Referrals to it in the period (declined ones included).
        started: Interventions started in the period.
        peak: The most running at once (for capacity at a time) or started in one week, month
            or year (for capacity per period); None for capacity in hours.
        waiting: Citizens referred and not declined who had not started by the period's end.
        over_capacity: True if ``peak`` exceeded the capacity.
        findings: Each referral made while the offer was full, and each start beyond capacity.
    """

    offer_id: str
    capacity: Capacity | None
    referrals: int
    started: int
    peak: int | None
    waiting: tuple[str, ...]
    over_capacity: bool
    findings: tuple[Reason, ...]


_PHASE: Mapping[type, int] = {
    InterventionCompleted: 0,
    InterventionDroppedOut: 0,
    InterventionStarted: 1,
}


def period_key(period: CapacityPeriod, day: dt.date) -> tuple[int, ...]:
    """The period of ``period``'s kind that ``day`` falls in, as capacity counts starts.

    Seats per week count the starts of an ISO week (ISO year, week number), seats per month
    those of a calendar month (year, month) and seats per year those of a calendar year
    (year,). For seats at a time, which are not counted per period, the key is the year.

    Examples:
        >>> day = dt.date(2025, 12, 29)  # a Monday in ISO week 1 of 2026
        >>> period_key(CapacityPeriod.WEEK, day), period_key(CapacityPeriod.MONTH, day)
        ((2026, 1), (2025, 12))
    """
    require(period, CapacityPeriod, "period", "must be a CapacityPeriod")
    require_day(day, "day")
    if period is CapacityPeriod.WEEK:
        iso = day.isocalendar()
        return (iso.year, iso.week)
    if period is CapacityPeriod.MONTH:
        return (day.year, day.month)
    return (day.year,)


def capacity(
    catalogue: Catalogue, pathways: Iterable[Pathway], period: Period
) -> tuple[CapacityRow, ...]:
    """Referrals and starts per offer in ``period`` against the offers' capacity.

    A pathway event names an offer by its ``offer`` field: the offer's id or its Danish name;
    an answer to a referral (declined) goes with the referral's offer. Events before the
    period are replayed so that interventions already running take their seats, but only
    events within the period are counted and judged. Events of one day are taken ends first,
    then starts, then referrals. Capacity in seats at a time is compared with the
    interventions running at once; capacity in seats per week, month or year with the starts
    in each such period. A referral made while the offer was full, and a start beyond
    capacity, are findings. The waiting list holds citizens referred in the period and
    neither declined, nor settled as not starting, nor started by its end.

    helhed's reading: the findings. SST2019 kap. 9 lists "Tilstrækkelig kapacitet på
    tilbuddene" among the model's prerequisites and judges no single referral; treating a
    referral to a full offer, or a start beyond capacity, as a finding is helhed's way of
    showing where that prerequisite is missing.
    """
    require(catalogue, Catalogue, "catalogue", "must be a Catalogue")
    require(period, Period, "period", "must be a Period")
    names = {o.id: o.id for o in catalogue.offers} | {o.name_da: o.id for o in catalogue.offers}
    by_offer: dict[str, list[tuple[tuple[object, ...], object]]] = defaultdict(list)
    for pathway in pathways:
        referral_offer: dict[str, str] = {}
        for i, event in enumerate(pathway.timeline):
            if event.occurred_on > period.end:
                break
            offer_id = names.get(getattr(event, "offer", None) or "")
            if isinstance(event, Referred) and offer_id is not None:
                referral_offer[event.referral_id] = offer_id
            elif isinstance(event, ReferralDeclined):
                offer_id = referral_offer.get(event.referral_id)
            if offer_id is not None:
                # Within a day: ends first, then starts, then referrals - a referral made the
                # day a seat is taken sees it taken, one made the day a seat frees sees it free.
                key = (event.occurred_on, _PHASE.get(type(event), 2), pathway.citizen_id, i)
                by_offer[offer_id].append((key, event))
    return tuple(
        _use(offer, [e for _, e in sorted(by_offer[offer.id], key=lambda item: item[0])], period)
        for offer in catalogue.offers
    )


def _use(offer: Offer, events: Sequence[object], period: Period) -> CapacityRow:  # noqa: C901 - one pass over the log
    cap = offer.capacity
    seats = cap is not None and cap.unit is CapacityUnit.SEATS
    running: set[str] = set()
    per: Counter[tuple[int, ...]] = Counter()
    waiting: set[str] = set()
    referrals = started = 0
    peak = 0
    findings: list[Reason] = []
    for event in events:
        day: dt.date = getattr(event, "occurred_on")  # noqa: B009 - every event has it
        cid: str = getattr(event, "citizen_id")  # noqa: B009
        inside = day >= period.start
        full = seats and cap is not None and _full(cap, running, per, day)
        if isinstance(event, Referred):
            if inside:
                referrals += 1
                waiting.add(cid)
                if full:
                    findings.append(_full_reason(offer, day, "referral"))
        elif isinstance(event, (ReferralDeclined, InterventionNotStarted)):
            waiting.discard(cid)
        elif isinstance(event, InterventionStarted):
            waiting.discard(cid)
            if inside:
                started += 1
                if full:
                    findings.append(_full_reason(offer, day, "start"))
            running.add(cid)
            if cap is not None:
                per[period_key(cap.period, day)] += 1
        elif isinstance(event, (InterventionCompleted, InterventionDroppedOut)):
            running.discard(cid)
        if inside and seats and cap is not None:
            at_a_time = cap.period is CapacityPeriod.AT_A_TIME
            peak = max(peak, len(running) if at_a_time else per[period_key(cap.period, day)])
    over = seats and cap is not None and peak > cap.amount
    return CapacityRow(
        offer_id=offer.id,
        capacity=cap,
        referrals=referrals,
        started=started,
        peak=peak if seats else None,
        waiting=tuple(sorted(waiting)),
        over_capacity=bool(over),
        findings=tuple(findings),
    )


def _full(cap: Capacity, running: set[str], per: Counter[tuple[int, ...]], day: dt.date) -> bool:
    if cap.period is CapacityPeriod.AT_A_TIME:
        return len(running) >= cap.amount
    return per[period_key(cap.period, day)] >= cap.amount


def _full_reason(offer: Offer, day: dt.date, what: str) -> Reason:
    da = "Henvisning" if what == "referral" else "Start"
    en = "Referral" if what == "referral" else "Start"
    return Reason(
        f"catalogue.full.{what}",
        f"{da} {day} til {offer.id}, som var fuldt optaget.",
        f"{en} on {day} to {offer.id}, which was full.",
        Citation("SST2019", "kap. 9, forudsætninger"),
    )
