"""Tables over simulated pathways: occupancy per week, outcomes, and two runs compared.

[`occupancy`][helhed.simulation.analysis.occupancy] and
[`outcome`][helhed.simulation.analysis.outcome] read the pathways' events only, so they work on
any pathways with one referral each, simulated or recorded. They count citizens in the stages of
[`PathwayStage`][helhed.pathways.stages.PathwayStage], each event putting its citizen in the
stage the one rule of [`stage_of`][helhed.pathways.stages.stage_of] gives. A contacted citizen
on a waiting list counts as ``contacted``: the log records no waiting.

[`compare`][helhed.simulation.analysis.compare] runs two set-ups on the same citizens and seed
and reports how the second differs from the first - final states, starts, weeks to start and,
given a protocol, the findings of [`check`][helhed.pathways.compliance.check] per rule.

Examples:
    >>> import datetime as dt
    >>> from helhed.models.catalogue import Offer, OfferFormat
    >>> from helhed.organisation import Administration
    >>> from helhed.cases.halsnaes import HALSNAES
    >>> from helhed.simulation.model import Parameters
    >>> talk = Offer(id="samtale", name_da="Afklarende samtale", name_en="Clarifying talk",
    ...     administration=Administration.HEALTH, task_type="6", format=OfferFormat.INDIVIDUAL,
    ...     voluntary=True, last_reviewed=dt.date(2024, 1, 15))
    >>> one = Parameters(offer=talk, p_accept=1, p_contact=0, contact_weeks=1, p_start=1,
    ...     p_complete=1)
    >>> two = Parameters(offer=talk, p_accept=1, p_contact=0, contact_weeks=2, p_start=1,
    ...     p_complete=1)
    >>> result = compare(["c-1", "c-2", "c-3"], one, two, start=dt.date(2024, 1, 1), weeks=8,
    ...     seed=1, protocol=HALSNAES)
    >>> result.findings_difference["halsnaes.contact_within_week"]
    3
    >>> result.weeks_to_start_difference
    1.0
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence

import attrs

from helhed._validation import Checker, require_day
from helhed._values import frozen_fields, plain
from helhed.citizens import Citizen
from helhed.costs import BusinessCase, CostTable, Spending, business_case, spending
from helhed.errors import ValidationError, require
from helhed.models.catalogue import CapacityPeriod
from helhed.pathways.compliance import check
from helhed.pathways.events import InterventionStarted, Referred
from helhed.pathways.pathway import Pathway
from helhed.pathways.stages import EVENT_STAGES, STAGE_OF_KIND, PathwayStage
from helhed.rules import Protocol
from helhed.simulation.model import CapacityOverride, Parameters, Scenario, simulate

__all__ = [
    "COUNTED_STAGES",
    "Comparison",
    "Outcome",
    "Row",
    "compare",
    "last_day",
    "occupancy",
    "outcome",
]

COUNTED_STAGES: tuple[PathwayStage, ...] = (PathwayStage.NOT_REFERRED, *EVENT_STAGES)
"""The stages the tables count citizens in, in order: before the referral, then every stage an
event can give (see [`PathwayStage`][helhed.pathways.stages.PathwayStage]); a simulated pathway
reaches only those of [`STATES`][helhed.simulation.model.STATES]."""


def _first_week(day: dt.date, start: dt.date) -> int:
    """The first week ``w`` whose day ``start + 7w`` is on or after ``day``."""
    return max(math.ceil((day - start).days / 7), 0)


def _check_run(
    check: Checker, pathways: object, start: object, weeks: object
) -> tuple[Pathway, ...]:
    """Record what is wrong with a run's pathways, first day and weeks; the pathways as a tuple."""
    check.day(start, "start")
    check.whole(weeks, "weeks", minimum=1)
    if isinstance(pathways, (str, bytes)) or not isinstance(pathways, Iterable):
        check.fail("pathways", "must be a sequence of Pathway values")
        return ()
    found = tuple(pathways)
    for i, pathway in enumerate(found):
        check.expect(isinstance(pathway, Pathway), f"pathways[{i}]", "must be a Pathway")
    return found


def _check_protocol(check: Checker, protocol: object) -> None:
    check.expect(
        protocol is None or isinstance(protocol, Protocol), "protocol", "must be a Protocol or None"
    )


def occupancy(
    pathways: Sequence[Pathway], *, start: dt.date, weeks: int
) -> dict[PathwayStage, list[int]]:
    """Citizens per stage at the end of each week's day ``start + 7 * week``.

    An event in the days after one week's day and up to the next counts from the next week.

    Returns:
        For every stage of [`COUNTED_STAGES`][helhed.simulation.analysis.COUNTED_STAGES], in
        that order, a list of ``weeks`` counts; each week's counts sum to the number of
        pathways. A stage is a ``str`` equal to its code, so ``table["completed"]`` works.

    Raises:
        ValidationError: If ``pathways`` are not pathways, ``start`` is not a date or
            ``weeks`` is not a whole number of 1 or more.
    """
    weeks = plain(weeks)
    check = Checker()
    pathways = _check_run(check, pathways, start, weeks)
    check.done()
    return _occupancy(pathways, start=start, weeks=weeks)


def _occupancy(
    pathways: Sequence[Pathway], *, start: dt.date, weeks: int
) -> dict[PathwayStage, list[int]]:
    diff = {stage: [0] * (weeks + 1) for stage in COUNTED_STAGES}
    for pathway in pathways:
        current, since = PathwayStage.NOT_REFERRED, 0
        for event in pathway.timeline:
            state = STAGE_OF_KIND.get(event.KIND)
            if state is None:
                continue
            week = min(_first_week(event.occurred_on, start), weeks)
            diff[current][since] += 1
            diff[current][week] -= 1
            current, since = state, week
        diff[current][since] += 1
        diff[current][weeks] -= 1
    table: dict[PathwayStage, list[int]] = {}
    for state, steps in diff.items():
        total, counts = 0, []
        for step in steps[:weeks]:
            total += step
            counts.append(total)
        table[state] = counts
    return table


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Outcome:
    """Where one run ended.

    Attributes:
        final: Citizens per stage at the end of the last week, for every stage of
            [`COUNTED_STAGES`][helhed.simulation.analysis.COUNTED_STAGES].
        started: Citizens who started the intervention.
        mean_weeks_to_start: Mean weeks from referral to start over those who started;
            ``None`` if nobody did.
        findings: Given a protocol, its findings per rule id on the last day, every rule of
            the protocol in its order (0 for a rule nothing broke); ``None`` without one.
        spending: Given a cost table, what the run cost week by week (see
            [`compare`][helhed.simulation.analysis.compare]); ``None`` without one.
    """

    final: Mapping[PathwayStage, int]
    started: int
    mean_weeks_to_start: float | None
    findings: Mapping[str, int] | None = None
    spending: Spending | None = None


Row = tuple[str, float | None, float | None, float | None]
"""One line of a comparison: what is measured, run ``a``, run ``b``, ``b`` minus ``a``."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Comparison:
    """Two runs on the same citizens and seed, and how ``b`` differs from ``a``.

    Attributes:
        a: The outcome of the first run.
        b: The outcome of the second run.
        final_difference: Per stage, ``b``'s final count minus ``a``'s.
        weeks_to_start_difference: ``b``'s mean weeks to start minus ``a``'s; ``None`` if
            either is ``None``.
        findings_difference: Per rule id, ``b``'s findings minus ``a``'s; ``None`` when no
            protocol was checked.
    """

    a: Outcome
    b: Outcome
    final_difference: Mapping[PathwayStage, int]
    weeks_to_start_difference: float | None
    findings_difference: Mapping[str, int] | None = None

    @property
    def business_case(self) -> BusinessCase | None:
        """Run ``b`` as the effort against run ``a``; ``None`` unless both were priced."""
        if self.a.spending is None or self.b.spending is None:
            return None
        return business_case(self.a.spending, self.b.spending)

    def table(self) -> tuple[Row, ...]:
        """The comparison as rows: final states, starts, mean weeks to start, findings, costs.

        Rows are named ``final: <stage code>``, ``started``, ``mean weeks to start``,
        ``findings: <rule id>`` and, when both runs were priced, ``cost: interventions and
        seats`` and ``cost: benefit payments`` (DKK, as floats for the table; the exact
        amounts are in each outcome's ``spending``); a difference is ``None`` where a side
        has no value.
        """
        rows: list[Row] = [
            (f"final: {stage.code}", self.a.final[stage], self.b.final[stage], difference)
            for stage, difference in self.final_difference.items()
        ]
        rows.append(("started", self.a.started, self.b.started, self.b.started - self.a.started))
        rows.append(
            (
                "mean weeks to start",
                self.a.mean_weeks_to_start,
                self.b.mean_weeks_to_start,
                self.weeks_to_start_difference,
            )
        )
        if self.findings_difference is not None and self.a.findings and self.b.findings:
            rows.extend(
                (f"findings: {rule}", self.a.findings[rule], self.b.findings[rule], difference)
                for rule, difference in self.findings_difference.items()
            )
        if self.a.spending is not None and self.b.spending is not None:
            for name, a, b in (
                ("cost: interventions and seats", self.a.spending.effort, self.b.spending.effort),
                ("cost: benefit payments", self.a.spending.payments, self.b.spending.payments),
            ):
                rows.append((name, float(a), float(b), float(b - a)))
        return tuple(rows)


def last_day(start: dt.date, weeks: int) -> dt.date:
    """The day of a run's last week, ``start + 7 * (weeks - 1)``: the day its logs end."""
    require_day(start, "start")
    require(weeks, int, "weeks", "must be a whole number")
    return start + dt.timedelta(weeks=weeks - 1)


def outcome(
    pathways: Sequence[Pathway],
    *,
    start: dt.date,
    weeks: int,
    protocol: Protocol | None = None,
) -> Outcome:
    """Final counts per state and mean weeks to start over ``pathways``.

    Given a ``protocol``, the pathways are also checked against it with
    [`check`][helhed.pathways.compliance.check] on the run's
    [`last_day`][helhed.simulation.analysis.last_day], and the findings counted per rule.

    Raises:
        ValidationError: If ``pathways`` are not pathways, ``start`` is not a date, ``weeks``
            is not a whole number of 1 or more, or ``protocol`` is not a protocol.
    """
    weeks = plain(weeks)
    checker = Checker()
    pathways = _check_run(checker, pathways, start, weeks)
    _check_protocol(checker, protocol)
    checker.done()
    table = _occupancy(pathways, start=start, weeks=weeks)
    waits: list[float] = []
    for pathway in pathways:
        referred = next((e for e in pathway.timeline if isinstance(e, Referred)), None)
        began = next((e for e in pathway.timeline if isinstance(e, InterventionStarted)), None)
        if referred is not None and began is not None:
            waits.append((began.occurred_on - referred.occurred_on).days / 7)
    findings = None
    if protocol is not None:
        counted = check(pathways, protocol, on=last_day(start, weeks)).by_rule
        findings = {r.id: counted.get(r.id, 0) for r in protocol.rules}
    return Outcome(
        final={state: counts[-1] for state, counts in table.items()},
        started=len(waits),
        mean_weeks_to_start=sum(waits) / len(waits) if waits else None,
        findings=findings,
    )


def compare(  # noqa: PLR0913 - the runs are set by keywords
    citizens: Sequence[Citizen | str],
    a: Parameters | Scenario,
    b: Parameters | Scenario,
    *,
    start: dt.date,
    weeks: int,
    seed: int,
    capacity_a: CapacityOverride = None,
    capacity_b: CapacityOverride = None,
    protocol: Protocol | None = None,
    costs: CostTable | None = None,
    progress: bool | None = None,
) -> Comparison:
    """Simulate ``citizens`` under ``a`` and under ``b`` with the same seed and compare.

    Both runs draw from the same seed: first each citizen's referral week, then one number
    per citizen per week. When every citizen's referral is staggered alike in the two runs
    (the same ``stagger_weeks`` in the parameters that apply to them), each citizen draws
    the same number in each week of both runs, so the difference is the doing of the
    set-ups, not of chance (common random numbers). When the staggers differ, the referral
    weeks come out differently and the weekly numbers need not line up, so the difference
    then holds chance as well.

    Args:
        citizens: The citizens, or their ids (see [`simulate`][helhed.simulation.model.simulate]).
        a: The first set-up: parameters, or a whole scenario.
        b: The second set-up.
        start: The day of week 0.
        weeks: How many weeks each run lasts.
        seed: The seed of both runs.
        capacity_a: Room in run ``a`` when it is given as parameters (see
            ``Scenario.capacity``); a scenario carries its own.
        capacity_b: The same for run ``b``.
        protocol: A protocol to check both runs' pathways against on their last day; its
            findings per rule then appear in the outcomes and their difference.
        costs: A cost table to price both runs with
            ([`spending`][helhed.costs.spending]), week by week over the run: the citizens'
            weeks in offers, the seats of each offer whose room is counted at a time (room
            per week, month or year, and unlimited room, are not priced as seats), and each
            citizen's weeks on the funding basis of their ``Citizen`` from their referral until
            a job or education starts. The comparison then has a
            [`business_case`][helhed.simulation.analysis.Comparison.business_case] of ``b``
            against ``a``.
        progress: Progress bars, as for ``simulate``.

    Raises:
        ValidationError: If a run is not valid, ``protocol`` is not a protocol, ``costs`` is
            not a CostTable, or a capacity is given beside a scenario.
        NoRuleError: If ``costs`` has no figure in force for a day that must be priced.
    """
    checker = Checker()
    _check_protocol(checker, protocol)
    checker.expect(costs is None or isinstance(costs, CostTable), "costs", "must be a CostTable")
    checker.done()
    runs = []
    for name, setup, room in (("a", a, capacity_a), ("b", b, capacity_b)):
        if isinstance(setup, Scenario) and room is not None:
            raise ValidationError.at(f"capacity_{name}", f"{name} is a Scenario; give it there")
        runs.append(
            simulate(
                citizens,
                setup,
                start=start,
                weeks=weeks,
                seed=seed,
                capacity=room,
                progress=progress,
            )
        )
    first, second = (outcome(run, start=start, weeks=weeks, protocol=protocol) for run in runs)
    if costs is not None:
        bases = {c.id: c.benefit for c in citizens if isinstance(c, Citizen) and c.benefit}
        first, second = (
            attrs.evolve(
                result,
                spending=spending(
                    run,
                    costs,
                    start=start,
                    weeks=weeks,
                    seats=_seats(setup, room),
                    benefits=bases,
                ),
            )
            for result, run, setup, room in (
                (first, runs[0], a, capacity_a),
                (second, runs[1], b, capacity_b),
            )
        )
    mean_a, mean_b = first.mean_weeks_to_start, second.mean_weeks_to_start
    findings = None
    if first.findings is not None and second.findings is not None:
        findings = {rule: second.findings[rule] - first.findings[rule] for rule in first.findings}
    return Comparison(
        a=first,
        b=second,
        final_difference={s: second.final[s] - first.final[s] for s in COUNTED_STAGES},
        weeks_to_start_difference=None if mean_a is None or mean_b is None else mean_b - mean_a,
        findings_difference=findings,
    )


def _seats(setup: Parameters | Scenario, room: CapacityOverride) -> dict[str, int]:
    """The seats kept open at a time in a run, per offer id (see ``compare``)."""
    scenario = setup if isinstance(setup, Scenario) else Scenario(parameters=setup, capacity=room)
    seats: dict[str, int] = {}
    for offer in scenario.offers:
        found = scenario.room(offer)
        if found is not None and found[1] is CapacityPeriod.AT_A_TIME:
            seats[offer.id] = found[0]
    return seats
