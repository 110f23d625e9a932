"""A simulated Aalborg-like cohort, calibrated to the published tables (AALBORG2019 tabel 1-3).

The Aalborg evaluation counted, for "perioden januar 2018 til februar 2019", the health
conversations and onward referrals in four job centre units (tabel 1) and where the referrals
went (tabel 2); and where the 80 citizens stood who had been through *Åben og Rolig Flex*
"siden indsatsens oprettelse i udgangen af 2017" (tabel 3).
This module fits a small random model of such a cohort to those tables, simulates cohorts of
any size from it, and counts the simulated pathways with the library's own reports
([`conversations_by_unit`][helhed.pathways.reports.conversations_by_unit],
[`referrals_by_destination`][helhed.pathways.reports.referrals_by_destination],
[`intervention_status`][helhed.pathways.reports.intervention_status]) to put them beside the
published figures.

**The model.** Health conversations, per unit ``u`` with ``N`` citizens, ``T`` conversations
and ``R`` onward referrals (tabel 1):

* *conversations*: every citizen has a first conversation, and after each one another follows
  with probability ``q``, so a citizen's number of conversations is geometric on 1, 2, ... with
  mean ``1 / (1 - q)``. Setting the mean to ``T / N`` gives ``q = 1 - N / T`` in closed form;
* *onward referrals*: a citizen is referred on with probability ``pi``, and one who is gets
  ``1 + Y`` referrals, ``Y`` Poisson with mean ``mu``. The mean per citizen,
  ``pi * (1 + mu)``, must be ``R / N``. The tables do not say how referrals spread over a
  unit's citizens, only that the 166 referrals went to 111 citizens (tabel 2); the model
  assumes that units which refer more also refer each referred citizen more often,
  ``mu = kappa * R / N`` with one ``kappa`` for all units, and solves numerically for the
  ``kappa`` that makes the expected number of citizens referred on 111;
* *destinations*: each referral goes to a destination with probability its share of tabel 2.

*Åben og Rolig Flex* (tabel 3) is a weekly Markov chain run by
[`simulate`][helhed.simulation.model.simulate], whose states map onto the Flex track:

| simulator state | on the Flex track | in the log |
|---|---|---|
| ``referred`` | preparatory conversations | referral to Flex; a conversation a week |
| ``accepted`` (``p_accept``) | ready for a team | - |
| ``declined`` (``p_decline``) | will not start a team | ``InterventionNotStarted`` |
| ``contacted`` (``p_contact`` = 1) | given a place on a team | - |
| ``in_intervention`` (``p_start`` = 1) | in the team | ``InterventionStarted`` |
| ``completed`` (``p_complete``) | completed the team | ``InterventionCompleted`` |
| ``dropped_out`` (``p_drop_out``) | dropped out of it | ``InterventionDroppedOut`` |

Referrals fall uniformly in weeks 0 to ``last_referral_week`` of the period, with unlimited
seats, so the end-of-period status of each citizen is independent of the others and its
expected distribution follows exactly from the chain. The fit solves for the weekly
probabilities that make that expectation equal tabel 3 - completed 31, in progress 14,
dropped out 9, did not start 25 of 80, and, as in
[`aalborg_pathways`][helhed.examples.aalborg.aalborg_pathways], the 80th citizen not yet
decided. ``p_complete / (p_complete + p_drop_out)`` is the share of those who left a team that
completed it, 31/40, in closed form; the other three are found numerically (scipy).

helhed's reading, in three points the source leaves open:

* *the period*: "januar 2018 til februar 2019" is read as whole months, 1 January 2018 to
  28 February 2019 ([`PERIOD`][helhed.simulation.calibration.PERIOD]); the source names
  months, not days;
* *Flex from 1 January 2018*: the 80 Flex citizens are counted since the offer began at the
  end of 2017, while the evaluation's summary puts them in the period; the model starts Flex
  referrals in the period's first week, so that one period holds every simulated event
  ([`LAST_REFERRAL_WEEK`][helhed.simulation.calibration.LAST_REFERRAL_WEEK]);
* *separate groups*: the 179 citizens of the health conversations and the 80 Flex citizens
  are simulated as different people, 259 in all; the source does not say whether the two
  groups overlap, and taking them apart keeps each table's counts whole.

**The output is invented.** The cohort reproduces published aggregates only: no real person
is behind any record, and the days, the spread of conversations and referrals over citizens,
and the weekly probabilities are choices of the model, not facts about Aalborg.

Needs numpy and scipy (the ``research`` extra).

Examples:
    >>> fit = fit_aalborg()
    >>> round(fit.units[0].p_another, 4)  # Sygedagpengehuset: 1 - 32/60
    0.4667
    >>> fit.max_residual < 1e-7
    True
    >>> pathways = simulate_aalborg(fit, seed=1)
    >>> len(pathways)  # 179 conversation citizens and 80 Flex citizens, taken apart
    259
    >>> compare_to_published(pathways, fit).all_within
    True
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

import attrs
import numpy as np

from helhed._validation import Checker
from helhed._values import frozen_fields, plain
from helhed.cases.aalborg import (
    CONVERSATIONS_BY_UNIT,
    EVALUATION_PERIOD,
    FLEX_CITIZENS,
    FLEX_LOCATION,
    FLEX_OFFER,
    FLEX_REFERRAL,
    FLEX_STATUS,
    REFERRALS_BY_DESTINATION,
)
from helhed.cases.registry import case
from helhed.errors import ValidationError
from helhed.examples.aalborg import (
    AALBORG_DESTINATIONS,
    conversation_held,
    opening_events,
    referred_onward,
)
from helhed.models.catalogue import Offer, OfferFormat
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConversationKind,
    Event,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionNotStarted,
    InterventionStarted,
    ReferralAccepted,
    ReferralDeclined,
    Referred,
    ReferredOnward,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.reports import (
    TOTAL,
    Cell,
    InterventionStatus,
    Table,
    conversations_by_unit,
    intervention_status,
    referrals_by_destination,
)
from helhed.simulation.model import REFERRAL_ID, Parameters, simulate

__all__ = [
    "FIT_TOLERANCE",
    "FLEX_WEEKS",
    "LAST_REFERRAL_WEEK",
    "PERIOD",
    "TOLERANCE_Z",
    "AalborgFit",
    "AalborgTargets",
    "Calibration",
    "Destination",
    "Figure",
    "FlexModel",
    "UnitModel",
    "compare_to_published",
    "fit_aalborg",
    "fit_flex",
    "simulate_aalborg",
]

PERIOD = EVALUATION_PERIOD
"""The evaluation's data period, 2018-01-01 to 2019-02-28 (AALBORG2019); every simulated
event falls in it.

helhed's reading: the source says "perioden januar 2018 til februar 2019", which is read as
whole months, from the first day of January 2018 to the last of February 2019."""

FLEX_WEEKS = (PERIOD.end - PERIOD.start).days // 7 + 1
"""Weeks of the Flex simulation: 61, weeks 0 to 60, whose days ``2018-01-01 + 7 * week`` all
fall in the period (week 60 is 2019-02-25)."""

LAST_REFERRAL_WEEK = 55
"""The default last week of Flex referrals (2019-01-21): referrals fall uniformly in weeks 0
to 55.

helhed's reading: week 0 (2018-01-01) as the first week of referrals is the model's choice.
The source counts the 80 Flex citizens "siden indsatsens oprettelse i udgangen af 2017" and
gives no referral dates; starting with the period keeps every event in it.

With referrals up to the very end, more than one citizen in 80 would still be in the
preparatory conversations when the period ends, and tabel 3 leaves room for only one. Among
the windows for which the fit is exact, this is the one whose fitted mean number of
preparatory conversations (2.95) comes closest to the "about three" the evaluation reports
(AALBORG2019)."""

TOLERANCE_Z = 3.0
"""The default tolerance of a comparison with the published tables, in standard errors of
sampling: a simulated figure passes if it lies within three standard errors of the published
one."""

FIT_TOLERANCE = 1e-7
"""The largest residual the fit accepts, in the figures' units (percentage points or
conversations / referrals per citizen); larger means the targets cannot be reproduced."""

_A = Administration
_OPENING_OFFER = "sundhedssamtale"
_GAP_DAYS = (7, 28)  # days between two health conversations of one citizen, drawn uniformly
_REFERRED_CITIZENS = "referred_citizens"
_CONVERSATIONS = "conversations per citizen"
_REFERRALS = "referrals per citizen"
_OF_REFERRALS = "% of referrals"
_OF_CITIZENS = "% of citizens"
_REFERRED_ON = "citizens referred on"
_TEAM = Offer(
    id=FLEX_OFFER,
    name_da="Åben og Rolig",
    name_en="Open and Calm (stress team)",
    administration=_A.HEALTH,
    task_type="4",
    format=OfferFormat.GROUP,
    voluntary=True,
    last_reviewed=PERIOD.end,
)
_FLEX_ORDER = (
    InterventionStatus.COMPLETED,
    InterventionStatus.IN_PROGRESS,
    InterventionStatus.DROPPED_OUT,
    InterventionStatus.NOT_STARTED,
    InterventionStatus.AWAITING,
)


def _ratio(part: float, whole: float) -> float:
    """``part / whole``; NaN when there is nothing to divide by."""
    return part / whole if whole else math.nan


def _published_referred_citizens() -> int:
    """Citizens referred on in tabel 2's heading: 111 (AALBORG2019)."""
    return int(case("aalborg").figure(_REFERRED_CITIZENS))


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class AalborgTargets:
    """The published figures a calibration aims at; by default AALBORG2019 tabel 1-3.

    Attributes:
        units: Per unit, in tabel 1's order: citizens, health conversations and onward
            referrals.
        destinations: Onward referrals per destination (tabel 2); they add up to the units'
            referrals.
        referred_citizens: Citizens the onward referrals went to (tabel 2: 111).
        flex_status: Flex citizens per outcome (tabel 3); not *not yet decided*, which is
            what ``flex_citizens`` leaves over.
        flex_citizens: Flex citizens in all (tabel 3: 80, while its rows add up to 79).

    The mappings are held as read-only copies (a row given as a list becomes a tuple).
    """

    units: Mapping[str, tuple[int, int, int]] = CONVERSATIONS_BY_UNIT
    destinations: Mapping[str, int] = REFERRALS_BY_DESTINATION
    referred_citizens: int = attrs.field(factory=_published_referred_citizens)
    flex_status: Mapping[InterventionStatus, int] = FLEX_STATUS
    flex_citizens: int = FLEX_CITIZENS

    def __attrs_post_init__(self) -> None:
        """Counts are whole numbers that fit together; see the attributes."""
        check = Checker()
        mappings = [
            check.expect(isinstance(getattr(self, name), Mapping), name, "must be a mapping")
            for name in ("units", "destinations", "flex_status")
        ]
        if not all(mappings):
            check.done()  # raises: the checks below read the mappings
        check.expect(bool(self.units), "units", "must name at least one unit")
        for i, (unit, row) in enumerate(self.units.items()):
            path = f"units[{i}]"
            check.text(unit, f"{path}.unit")
            if not check.expect(
                isinstance(row, tuple) and len(row) == 3,  # type: ignore[redundant-expr]
                path,
                "must be (citizens, conversations, referrals)",
            ):
                continue
            citizens, talks, referrals = row
            ok = check.whole(citizens, f"{path}.citizens", minimum=1)
            ok &= check.whole(talks, f"{path}.conversations", minimum=1)
            check.whole(referrals, f"{path}.referrals", minimum=0)
            if ok:
                check.expect(
                    talks >= citizens,
                    f"{path}.conversations",
                    "must be at least one per citizen",
                )
        for i, (name, count) in enumerate(self.destinations.items()):
            check.text(name, f"destinations[{i}].name")
            check.whole(count, f"destinations[{i}].referrals", minimum=0)
        check.whole(self.referred_citizens, "referred_citizens", minimum=0)
        check.whole(self.flex_citizens, "flex_citizens", minimum=1)
        for status, count in self.flex_status.items():
            known = isinstance(status, InterventionStatus)
            if check.expect(
                known and status is not InterventionStatus.AWAITING,
                "flex_status",
                "keys must be outcomes of InterventionStatus other than AWAITING",
            ):
                check.whole(count, f"flex_status[{status.code}]", minimum=0)
        check.done()
        self._check_totals()

    def _check_totals(self) -> None:
        check = Checker()
        referrals = sum(row[2] for row in self.units.values())
        check.expect(
            sum(self.destinations.values()) == referrals,
            "destinations",
            "must add up to the units' onward referrals",
        )
        citizens = sum(row[0] for row in self.units.values())
        check.expect(
            self.referred_citizens <= min(referrals, citizens),
            "referred_citizens",
            "must be at most the referrals and at most the citizens",
        )
        check.expect(
            self.referred_citizens > 0 or referrals == 0,
            "referred_citizens",
            "must be at least one when there are referrals",
        )
        check.expect(
            sum(self.flex_status.values()) <= self.flex_citizens,
            "flex_status",
            "must add up to at most flex_citizens",
        )
        check.done()

    def citizens(self) -> int:
        """The units' citizens in all (tabel 1: 179)."""
        return sum(row[0] for row in self.units.values())

    def mean_conversations(self) -> float:
        """Conversations per citizen over all units (tabel 1: 366 / 179)."""
        return sum(row[1] for row in self.units.values()) / self.citizens()

    def destination_share(self, name: str) -> float:
        """Destination ``name``'s share of the onward referrals, in percent (tabel 2)."""
        return 100.0 * _ratio(self.destinations.get(name, 0), sum(self.destinations.values()))

    def flex_shares(self) -> dict[InterventionStatus, float]:
        """Tabel 3 as fractions of ``flex_citizens``, *not yet decided* included (sums to 1)."""
        counts = {s: self.flex_status.get(s, 0) for s in _FLEX_ORDER[:-1]}
        counts[InterventionStatus.AWAITING] = self.flex_citizens - sum(counts.values())
        return {s: counts[s] / self.flex_citizens for s in _FLEX_ORDER}


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class UnitModel:
    """The fitted model of one unit's health conversations and onward referrals (tabel 1).

    Attributes:
        unit: The unit, as in tabel 1.
        citizens: Its citizens at scale 1.
        p_another: Probability that another conversation follows each conversation.
        p_referred: Probability that a citizen is referred on at all.
        extra_referrals: Mean number of referrals beyond the first of a citizen referred on
            (Poisson).
    """

    unit: str
    citizens: int
    p_another: float
    p_referred: float
    extra_referrals: float

    def __attrs_post_init__(self) -> None:
        """Probabilities in range, at least one citizen."""
        check = Checker()
        check.text(self.unit, "unit")
        check.whole(self.citizens, "citizens", minimum=1)
        if check.probability(self.p_another, "p_another"):
            check.expect(self.p_another < 1.0, "p_another", "must be below 1")
        check.probability(self.p_referred, "p_referred")
        check.number(self.extra_referrals, "extra_referrals")
        check.done()

    @property
    def mean_conversations(self) -> float:
        """Expected conversations per citizen: ``1 / (1 - p_another)``."""
        return 1.0 / (1.0 - self.p_another)

    @property
    def sd_conversations(self) -> float:
        """Standard deviation of one citizen's conversations: ``sqrt(q) / (1 - q)``."""
        return math.sqrt(self.p_another) / (1.0 - self.p_another)

    @property
    def mean_referrals(self) -> float:
        """Expected onward referrals per citizen: ``pi * (1 + mu)``."""
        return self.p_referred * (1.0 + self.extra_referrals)

    @property
    def sd_referrals(self) -> float:
        """Standard deviation of one citizen's onward referrals.

        ``E[J^2] = pi * E[(1 + Y)^2] = pi * (1 + 3 mu + mu^2)`` for ``Y`` Poisson(``mu``).
        """
        mu = self.extra_referrals
        second = self.p_referred * (1.0 + 3.0 * mu + mu * mu)
        return math.sqrt(max(second - self.mean_referrals**2, 0.0))


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Destination:
    """Where an onward referral goes, and how likely (tabel 2).

    Attributes:
        name: The destination, as in tabel 2.
        administration: Its administration, where it is one.
        probability: Probability that a referral goes there.
    """

    name: str
    administration: Administration | None
    probability: float

    def __attrs_post_init__(self) -> None:
        """A name, an administration or None, and a probability in [0, 1]."""
        check = Checker()
        check.text(self.name, "name")
        check.member(self.administration, Administration, "administration", optional=True)
        check.probability(self.probability, "probability")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class FlexModel:
    """Weekly probabilities of the *Åben og Rolig Flex* track (tabel 3).

    A citizen has one preparatory conversation a week from the week after the referral until
    the conversations end; then they are ready for a team, or do not start one. A ready
    citizen gets a place the next week and starts the team the week after; in the team, each
    week they may complete or drop out.

    Attributes:
        p_ready: Weekly probability that the conversations end with the citizen ready for a
            team.
        p_not_ready: Weekly probability that they end without a team.
        p_complete: Weekly probability of completing the team course.
        p_drop_out: Weekly probability of dropping out of it.
        last_referral_week: Referrals fall uniformly in weeks 0 to this of the period.
    """

    p_ready: float
    p_not_ready: float
    p_complete: float
    p_drop_out: float
    last_referral_week: int = LAST_REFERRAL_WEEK

    def __attrs_post_init__(self) -> None:
        """Probabilities in [0, 1], each state's outgoing ones summing to at most 1."""
        check = Checker()
        valid = True
        for name in ("p_ready", "p_not_ready", "p_complete", "p_drop_out"):
            valid &= check.probability(getattr(self, name), name)
        if valid:
            check.expect(
                self.p_ready + self.p_not_ready <= 1.0,
                "p_not_ready",
                "must add up to at most 1 with p_ready",
            )
            check.expect(
                self.p_complete + self.p_drop_out <= 1.0,
                "p_drop_out",
                "must add up to at most 1 with p_complete",
            )
        check.whole(self.last_referral_week, "last_referral_week", maximum=FLEX_WEEKS - 1)
        check.done()

    @property
    def parameters(self) -> Parameters:
        """The simulator's parameters: the team course as the offer, seats unlimited."""
        return Parameters(
            offer=_TEAM,
            p_accept=self.p_ready,
            p_decline=self.p_not_ready,
            p_contact=1.0,
            p_start=1.0,
            p_complete=self.p_complete,
            p_drop_out=self.p_drop_out,
            referrer=_A.JOB_CENTRE,
            provider=_A.HEALTH,
            stagger_weeks=self.last_referral_week,
        )

    @property
    def mean_conversations(self) -> float:
        """Expected preparatory conversations of a citizen whose conversations end."""
        ending = self.p_ready + self.p_not_ready
        return math.inf if ending == 0 else 1.0 / ending

    @property
    def mean_team_weeks(self) -> float:
        """Expected weeks in the team course before completing or dropping out."""
        leaving = self.p_complete + self.p_drop_out
        return math.inf if leaving == 0 else 1.0 / leaving

    def expected_status(self) -> dict[InterventionStatus, float]:
        """Expected share of the Flex citizens in each status at the end of the period.

        Exact for the chain: the status distribution after ``k`` weeks is the first row of
        the ``k``-th power of the weekly transition matrix, averaged over the referral weeks.

        Returns:
            Fractions for the five statuses of tabel 3's report, in its order; they sum to 1.
        """
        chain = np.zeros((7, 7))
        conv, ready, placed, team, done, left, never = range(7)
        chain[conv, [conv, ready, never]] = (
            1.0 - self.p_ready - self.p_not_ready,
            self.p_ready,
            self.p_not_ready,
        )
        chain[ready, placed] = 1.0  # p_contact = 1
        chain[placed, team] = 1.0  # p_start = 1, and a seat is always free
        chain[team, [team, done, left]] = (
            1.0 - self.p_complete - self.p_drop_out,
            self.p_complete,
            self.p_drop_out,
        )
        chain[[done, left, never], [done, left, never]] = 1.0
        last = FLEX_WEEKS - 1
        state = np.zeros(7)
        state[conv] = 1.0
        total = np.zeros(7)
        for weeks in range(last + 1):
            if weeks >= last - self.last_referral_week:  # referred in week ``last - weeks``
                total += state
            state = state @ chain
        total /= self.last_referral_week + 1
        return {
            InterventionStatus.COMPLETED: float(total[done]),
            InterventionStatus.IN_PROGRESS: float(total[team]),
            InterventionStatus.DROPPED_OUT: float(total[left]),
            InterventionStatus.NOT_STARTED: float(total[never]),
            InterventionStatus.AWAITING: float(total[conv] + total[ready] + total[placed]),
        }


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Figure:
    """One published figure beside the model's or a simulation's value.

    Attributes:
        table: The published table: ``tabel 1``, ``tabel 2`` or ``tabel 3``.
        row: The unit, destination or status (or ``Total``).
        measure: What is measured and its unit, e.g. ``conversations per citizen`` or
            ``% of referrals``.
        published: The published figure, computed from the published counts (unrounded).
        value: The fitted model's expected value, or the simulated one; NaN if the
            simulation has nothing to count it over.
        tolerance: How far ``value`` may lie from ``published``, in the same unit; None when
            no tolerance is stated (a fit).
    """

    table: str
    row: str
    measure: str
    published: float
    value: float
    tolerance: float | None = None

    @property
    def difference(self) -> float:
        """``value - published``, in the figure's unit."""
        return self.value - self.published

    @property
    def within(self) -> bool:
        """True if ``value`` lies within ``tolerance`` of ``published`` (False without one)."""
        if self.tolerance is None or math.isnan(self.value):
            return False
        return abs(self.difference) <= self.tolerance + 1e-9


def _number(value: float) -> Decimal | None:
    """``value`` rounded half up to two decimals; None for NaN."""
    if math.isnan(value):
        return None
    rounded = Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded == 0 else rounded


def _figure_table(
    title: str, figures: Sequence[Figure], value: str, notes: tuple[str, ...]
) -> Table:
    tolerances = any(f.tolerance is not None for f in figures)
    columns: tuple[str, ...] = ("figure", "table", "published", value, "difference")
    rows: list[tuple[Cell, ...]] = []
    for f in figures:
        row: tuple[Cell, ...] = (
            f"{f.row}: {f.measure}",
            f.table,
            _number(f.published),
            _number(f.value),
            _number(f.difference),
        )
        if tolerances:
            ok = "yes" if f.within else "no"
            tol = None if f.tolerance is None else _number(f.tolerance)
            row = (*row, tol, ok)
        rows.append(row)
    if tolerances:
        columns = (*columns, "tolerance", "within")
    return Table(title=title, columns=columns, rows=tuple(rows), notes=notes)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class AalborgFit:
    """The model fitted to the published tables, and how closely it reproduces them.

    Attributes:
        targets: The published figures aimed at.
        units: The model of each unit's conversations and referrals, in tabel 1's order.
        kappa: The shared factor of the referral model: a referred citizen of a unit with
            ``lambda`` referrals per citizen gets ``kappa * lambda`` further referrals on
            average.
        destinations: The destinations of onward referrals, in tabel 2's order.
        flex: The Flex track's weekly probabilities.
        figures: Each published figure beside the fitted model's expected value.
    """

    targets: AalborgTargets
    units: tuple[UnitModel, ...]
    kappa: float
    destinations: tuple[Destination, ...]
    flex: FlexModel
    figures: tuple[Figure, ...]

    @property
    def residuals(self) -> tuple[float, ...]:
        """Expected minus published, for each figure, in the figures' units."""
        return tuple(f.difference for f in self.figures)

    @property
    def max_residual(self) -> float:
        """The largest residual in absolute value."""
        return max(abs(r) for r in self.residuals)

    def to_table(self) -> Table:
        """The figures as a table: published beside fitted, rounded to two decimals."""
        return _figure_table(
            "Published figures and the fitted model's expectation",
            self.figures,
            "fitted",
            ("Values rounded half up to two decimals; shares in percent.",),
        )


def _solve_kappa(targets: AalborgTargets) -> float:
    """The ``kappa`` with ``sum(R_u / (1 + kappa * R_u / N_u)) = referred_citizens``."""
    from scipy import optimize  # type: ignore[import-untyped]  # noqa: PLC0415 - slow to import

    rates = [(r, r / n) for n, _, r in targets.units.values() if r > 0]
    if not rates:
        return 0.0
    goal = targets.referred_citizens

    def excess(kappa: float) -> float:
        return sum(r / (1.0 + kappa * rate) for r, rate in rates) - goal

    # p_referred = rate / (1 + kappa * rate) is at most 1 only from this kappa on.
    low = max(0.0, *(1.0 - 1.0 / rate for _, rate in rates))
    if excess(low) < 0:
        raise ValidationError.at(
            "referred_citizens",
            "is more than the units' referrals allow: a unit would refer on more citizens "
            "than it has",
        )
    if excess(low) == 0:
        return low
    high = max(1.0, 2.0 * low)
    while excess(high) > 0:
        high *= 2.0
    return float(optimize.brentq(excess, low, high, xtol=1e-15))


def _fit_units(targets: AalborgTargets, kappa: float) -> tuple[UnitModel, ...]:
    models = []
    for unit, (citizens, talks, referrals) in targets.units.items():
        rate = referrals / citizens
        models.append(
            UnitModel(
                unit=unit,
                citizens=citizens,
                p_another=1.0 - citizens / talks,
                p_referred=min(rate / (1.0 + kappa * rate), 1.0),
                extra_referrals=kappa * rate,
            )
        )
    return tuple(models)


def fit_flex(
    shares: Mapping[InterventionStatus, float], *, last_referral_week: int = LAST_REFERRAL_WEEK
) -> FlexModel:
    """Weekly Flex probabilities whose expected end-of-period shares equal ``shares``.

    ``p_complete / (p_complete + p_drop_out)`` is the share of completions among those who
    left a team, in closed form. The other three - how fast the conversations end
    (``p_ready + p_not_ready``), the share of them that end ready, and how fast a team is
    left (``p_complete + p_drop_out``) - are solved for with ``scipy.optimize.least_squares``
    from a fixed start, so the same shares always give the same model.

    Args:
        shares: The fraction of citizens in each of the five statuses of tabel 3's report,
            *not yet decided* included, keyed by
            [`InterventionStatus`][helhed.pathways.reports.InterventionStatus]; a status left
            out is 0, and the shares must add up to 1.
        last_referral_week: Referrals fall uniformly in weeks 0 to this.

    Raises:
        ValidationError: If ``shares`` is not a mapping of statuses to fractions adding up to
            1, nobody left a team, or no weekly probabilities reproduce the shares to within
            ``FIT_TOLERANCE``.
    """
    from scipy import optimize  # noqa: PLC0415 - slow to import; only fitting needs it

    check = Checker()
    target = dict.fromkeys(_FLEX_ORDER, 0.0)
    given: object = shares
    if isinstance(given, Mapping):
        valid = True
        for status, value in given.items():
            if isinstance(status, InterventionStatus):
                valid &= check.probability(value, f"shares[{status.code}]")
                target[status] = value
            else:
                check.fail("shares[?]", "must be keyed by InterventionStatus")
                valid = False
        if valid:
            check.expect(abs(sum(target.values()) - 1.0) < 1e-9, "shares", "must add up to 1")
    else:
        check.fail("shares", "must be a mapping of InterventionStatus to fractions")
    last_referral_week = plain(last_referral_week)
    check.whole(last_referral_week, "last_referral_week", maximum=FLEX_WEEKS - 1)
    check.done()
    left = target[InterventionStatus.COMPLETED] + target[InterventionStatus.DROPPED_OUT]
    if left == 0:
        raise ValidationError.at("shares", "completed and dropped out must not both be 0")
    completing = target[InterventionStatus.COMPLETED] / left
    solved = (
        InterventionStatus.COMPLETED,
        InterventionStatus.IN_PROGRESS,
        InterventionStatus.NOT_STARTED,
    )

    def model(x: Sequence[float]) -> FlexModel:
        ending, ready, leaving = (min(max(float(v), 0.0), 1.0) for v in x)
        return FlexModel(
            p_ready=ending * ready,
            p_not_ready=ending * (1.0 - ready),
            p_complete=leaving * completing,
            p_drop_out=leaving * (1.0 - completing),
            last_referral_week=last_referral_week,
        )

    def residual(x: Sequence[float]) -> list[float]:
        expected = model(x).expected_status()
        return [expected[s] - target[s] for s in solved]

    decided = 1.0 - target[InterventionStatus.AWAITING]
    started = decided - target[InterventionStatus.NOT_STARTED]
    start = (0.3, started / decided if decided > 0 else 0.5, 0.1)
    result = optimize.least_squares(
        residual,
        start,
        bounds=([1e-12, 0.0, 1e-12], [1.0, 1.0, 1.0]),
        xtol=1e-15,
        ftol=1e-15,
        gtol=1e-15,
        max_nfev=2000,
    )
    fitted = model(result.x)
    expected = fitted.expected_status()
    worst = max(abs(expected[s] - target[s]) for s in _FLEX_ORDER)
    if not 100.0 * worst <= FIT_TOLERANCE:
        raise ValidationError.at(
            "shares",
            "cannot be reproduced by the Flex chain with referrals up to last_referral_week",
        )
    return fitted


def _fitted_figures(
    targets: AalborgTargets,
    units: Sequence[UnitModel],
    destinations: Sequence[Destination],
    flex: FlexModel,
) -> tuple[Figure, ...]:
    """Each published figure beside the fitted model's expected value."""
    figures: list[Figure] = []
    for model, (citizens, talks, referrals) in zip(units, targets.units.values(), strict=True):
        figures.append(
            Figure(
                table="tabel 1",
                row=model.unit,
                measure=_CONVERSATIONS,
                published=talks / citizens,
                value=model.mean_conversations,
            )
        )
        figures.append(
            Figure(
                table="tabel 1",
                row=model.unit,
                measure=_REFERRALS,
                published=referrals / citizens,
                value=model.mean_referrals,
            )
        )
    everyone = sum(m.citizens for m in units)
    figures.append(
        Figure(
            table="tabel 1",
            row=TOTAL,
            measure=_CONVERSATIONS,
            published=targets.mean_conversations(),
            value=sum(m.citizens * m.mean_conversations for m in units) / everyone,
        )
    )
    figures.extend(
        Figure(
            table="tabel 2",
            row=destination.name,
            measure=_OF_REFERRALS,
            published=targets.destination_share(destination.name),
            value=100.0 * destination.probability,
        )
        for destination in destinations
    )
    figures.append(
        Figure(
            table="tabel 2",
            row=_REFERRED_ON,
            measure=_OF_CITIZENS,
            published=100.0 * targets.referred_citizens / everyone,
            value=100.0 * sum(m.citizens * m.p_referred for m in units) / everyone,
        )
    )
    published = targets.flex_shares()
    expected = flex.expected_status()
    figures.extend(
        Figure(
            table="tabel 3",
            row=status.label_en,
            measure=_OF_CITIZENS,
            published=100.0 * published[status],
            value=100.0 * expected[status],
        )
        for status in _FLEX_ORDER
    )
    return tuple(figures)


def fit_aalborg(
    targets: AalborgTargets | None = None, *, last_referral_week: int = LAST_REFERRAL_WEEK
) -> AalborgFit:
    """Fit the Aalborg-like cohort model to the published tables (AALBORG2019 tabel 1-3).

    Conversations per citizen, referrals per citizen and destination probabilities are the
    published means and shares, in closed form; ``kappa`` (tabel 2's 111 citizens) and three
    of the four Flex probabilities (tabel 3) are solved for numerically from fixed starting
    points. There is no randomness: the same targets always give the same fit.

    Args:
        targets: The figures to fit; None for the published ones.
        last_referral_week: The last week of Flex referrals; see ``LAST_REFERRAL_WEEK``.

    Raises:
        ValidationError: If no parameters of the model reproduce the targets.
    """
    targets = AalborgTargets() if targets is None else targets
    if not isinstance(targets, AalborgTargets):
        raise ValidationError.at("targets", "must be AalborgTargets")
    kappa = _solve_kappa(targets)
    units = _fit_units(targets, kappa)
    known = dict(AALBORG_DESTINATIONS)
    total = sum(targets.destinations.values())
    destinations = tuple(
        Destination(
            name=name,
            administration=known.get(name),
            probability=count / total if total else 0.0,
        )
        for name, count in targets.destinations.items()
    )
    flex = fit_flex(targets.flex_shares(), last_referral_week=last_referral_week)
    return AalborgFit(
        targets=targets,
        units=units,
        kappa=kappa,
        destinations=destinations,
        flex=flex,
        figures=_fitted_figures(targets, units, destinations, flex),
    )


def _conversation_days(rng: np.random.Generator, count: int) -> list[dt.date]:
    """The days of ``count`` conversations, one to four weeks apart, all in the period."""
    room = (PERIOD.end - PERIOD.start).days
    gaps = rng.integers(_GAP_DAYS[0], _GAP_DAYS[1] + 1, size=count - 1)
    span = int(gaps.sum())
    if span > room:  # a long series is squeezed to fit the period
        gaps = gaps * room // span
        span = int(gaps.sum())
    first = int(rng.integers(0, room - span + 1))
    offsets = np.concatenate(([first], first + np.cumsum(gaps)))
    return [PERIOD.start + dt.timedelta(days=int(d)) for d in offsets]


def _conversation_pathway(
    rng: np.random.Generator,
    cid: str,
    model: UnitModel,
    destinations: Sequence[Destination],
    weights: np.ndarray,
) -> Pathway:
    talks = int(rng.geometric(1.0 - model.p_another))
    referred = bool(rng.random() < model.p_referred)
    onward = 1 + int(rng.poisson(model.extra_referrals)) if referred else 0
    days = _conversation_days(rng, talks)
    events = list(opening_events(cid, days[0], _OPENING_OFFER, model.unit))
    events.extend(
        conversation_held(cid, day, model.unit, ConversationKind.HEALTH_CONVERSATION)
        for day in days
    )
    chosen = rng.choice(len(destinations), size=onward, p=weights).tolist() if onward else []
    for index in chosen:
        destination = destinations[index]
        events.append(
            referred_onward(cid, days[-1], model.unit, destination.name, destination.administration)
        )
    return Pathway(citizen_id=cid, events=tuple(events))


def _flex_pathway(simulated: Pathway) -> Pathway:
    """The Aalborg log of one simulated Flex pathway (see the module's table of states)."""
    cid = simulated.citizen_id
    events: list[Event] = []
    later: list[Event] = []
    referred_on: dt.date | None = None
    decided_on = PERIOD.start + dt.timedelta(weeks=FLEX_WEEKS - 1)
    for event in simulated.timeline:
        if isinstance(event, Referred):
            referred_on = event.occurred_on
            events.extend(opening_events(cid, referred_on, FLEX_REFERRAL, None))
        elif isinstance(event, (ReferralAccepted, ReferralDeclined)):
            decided_on = event.occurred_on
            if isinstance(event, ReferralDeclined):
                later.append(
                    InterventionNotStarted(
                        citizen_id=cid,
                        occurred_on=decided_on,
                        recorded_by=_A.HEALTH,
                        offer=FLEX_OFFER,
                        referral_id=REFERRAL_ID,
                    )
                )
        elif isinstance(
            event, (InterventionStarted, InterventionCompleted, InterventionDroppedOut)
        ):
            later.append(event)
    if referred_on is not None:
        weeks = (decided_on - referred_on).days // 7
        events.extend(
            conversation_held(
                cid,
                referred_on + dt.timedelta(weeks=week),
                FLEX_LOCATION,
                ConversationKind.PREPARATORY,
            )
            for week in range(1, weeks + 1)
        )
    return Pathway(citizen_id=cid, events=(*events, *later))


def simulate_aalborg(fit: AalborgFit, *, scale: int = 1, seed: int) -> tuple[Pathway, ...]:
    """Simulate an Aalborg-like cohort from ``fit``: validated pathways in the data period.

    Scale 1 has the published cohort sizes - each unit's citizens of tabel 1 (179 in all) and
    the 80 Flex citizens of tabel 3; scale 10 has ten times as many. Each conversation citizen
    is referred to a health conversation by their unit, accepts and consents on the day of the
    first conversation; their conversations are one to four weeks apart (days drawn
    uniformly; a series too long for the period is squeezed to fit), and their onward
    referrals are made at the last one. Flex citizens are run through
    [`simulate`][helhed.simulation.model.simulate] with ``fit.flex.parameters`` and written
    as the Aalborg log (see the module's table of states).

    Args:
        fit: The fitted model.
        scale: How many times the published cohort sizes to simulate.
        seed: Seed of the random numbers, a whole number of 0 or more (numpy's integers
            too); the same fit, scale and seed give the same pathways.

    Returns:
        The conversation citizens unit by unit (ids ``sim-00001``, ...), then the Flex
        citizens (``sim-flex-00001``, ...). The pathways are invented.

    Raises:
        ValidationError: If ``fit``, ``scale`` or ``seed`` is not valid.
    """
    scale = plain(scale)
    check = Checker()
    check.expect(isinstance(fit, AalborgFit), "fit", "must be an AalborgFit")
    check.whole(scale, "scale", minimum=1)
    check.seed(seed, "seed")
    check.done()
    talks_seed, flex_seed = np.random.SeedSequence(int(seed)).spawn(2)
    rng = np.random.default_rng(talks_seed)
    weights = np.array([d.probability for d in fit.destinations])
    pathways: list[Pathway] = []
    for model in fit.units:
        for _ in range(model.citizens * scale):
            cid = f"sim-{len(pathways) + 1:05d}"
            pathways.append(_conversation_pathway(rng, cid, model, fit.destinations, weights))
    flex_ids = [f"sim-flex-{n:05d}" for n in range(1, fit.targets.flex_citizens * scale + 1)]
    simulated = simulate(
        flex_ids,
        fit.flex.parameters,
        start=PERIOD.start,
        weeks=FLEX_WEEKS,
        seed=int(flex_seed.generate_state(1)[0]),
    )
    pathways.extend(_flex_pathway(p) for p in simulated)
    return tuple(pathways)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Calibration:
    """Simulated figures beside the published ones, with a tolerance for each.

    Attributes:
        figures: Each published figure beside the simulated one; its tolerance is ``z``
            standard errors of sampling, given the simulated cohort's size.
        z: The tolerance in standard errors.
        tables: The three reports counted from the simulated pathways, as in AALBORG2019
            tabel 1, 2 and 3.
    """

    figures: tuple[Figure, ...]
    z: float
    tables: tuple[Table, Table, Table]

    @property
    def all_within(self) -> bool:
        """True if every simulated figure lies within its tolerance."""
        return all(f.within for f in self.figures)

    def to_table(self) -> Table:
        """The figures as a table: published beside simulated, rounded to two decimals."""
        return _figure_table(
            "Published figures and the simulated cohort",
            self.figures,
            "simulated",
            (
                "Values rounded half up to two decimals; shares in percent.",
                f"Tolerance: {self.z:g} standard errors of sampling for the simulated "
                "cohort's size.",
            ),
        )


def _count(cell: Cell) -> int:
    """A count from a report's table; 0 for an empty cell."""
    return cell if isinstance(cell, int) else 0


def _unit_figures(fit: AalborgFit, units: Table, z: float) -> list[Figure]:
    """Tabel 1: conversations and referrals per citizen, per unit and in all."""
    figures: list[Figure] = []
    variance = 0.0  # of the total number of conversations
    for model, (citizens, talks, referrals) in zip(
        fit.units, fit.targets.units.values(), strict=True
    ):
        _, n, held, _, sent = (_count(c) for c in units.row(model.unit))
        variance += n * model.sd_conversations**2
        for measure, published, count, sd in (
            (_CONVERSATIONS, talks / citizens, held, model.sd_conversations),
            (_REFERRALS, referrals / citizens, sent, model.sd_referrals),
        ):
            figures.append(
                Figure(
                    table="tabel 1",
                    row=model.unit,
                    measure=measure,
                    published=published,
                    value=_ratio(count, n),
                    tolerance=z * _ratio(sd, math.sqrt(n)),
                )
            )
    everyone, held = (_count(c) for c in units.row(TOTAL)[1:3])
    figures.append(
        Figure(
            table="tabel 1",
            row=TOTAL,
            measure=_CONVERSATIONS,
            published=fit.targets.mean_conversations(),
            value=_ratio(held, everyone),
            tolerance=z * _ratio(math.sqrt(variance), everyone),
        )
    )
    return figures


def _share_tolerance(z: float, p: float, n: int) -> float:
    """``z`` standard errors of a share ``p`` of ``n``, in percentage points."""
    return z * 100.0 * _ratio(math.sqrt(p * (1.0 - p)), math.sqrt(n))


def _destination_figures(
    fit: AalborgFit, destinations: Table, units: Table, referred: int, z: float
) -> list[Figure]:
    """Tabel 2: each destination's share of the referrals, and the citizens referred on."""
    counts = {row[0]: _count(row[1]) for row in destinations.rows}
    total = counts.get(TOTAL, 0)
    figures = [
        Figure(
            table="tabel 2",
            row=destination.name,
            measure=_OF_REFERRALS,
            published=fit.targets.destination_share(destination.name),
            value=100.0 * _ratio(counts.get(destination.name, 0), total),
            tolerance=_share_tolerance(z, destination.probability, total),
        )
        for destination in fit.destinations
    ]
    citizens = {row[0]: _count(row[1]) for row in units.rows}
    everyone = citizens.get(TOTAL, 0)
    variance = sum(citizens.get(m.unit, 0) * m.p_referred * (1.0 - m.p_referred) for m in fit.units)
    figures.append(
        Figure(
            table="tabel 2",
            row=_REFERRED_ON,
            measure=_OF_CITIZENS,
            published=100.0 * fit.targets.referred_citizens / fit.targets.citizens(),
            value=100.0 * _ratio(referred, everyone),
            tolerance=z * 100.0 * _ratio(math.sqrt(variance), everyone),
        )
    )
    return figures


def _flex_figures(fit: AalborgFit, flex: Table, z: float) -> list[Figure]:
    """Tabel 3: each status's share of the Flex citizens."""
    counts = {row[0]: _count(row[1]) for row in flex.rows}
    whole = counts.get(TOTAL, 0)
    published = fit.targets.flex_shares()
    expected = fit.flex.expected_status()
    return [
        Figure(
            table="tabel 3",
            row=status.label_en,
            measure=_OF_CITIZENS,
            published=100.0 * published[status],
            value=100.0 * _ratio(counts.get(status.label_en, 0), whole),
            tolerance=_share_tolerance(z, expected[status], whole),
        )
        for status in _FLEX_ORDER
    ]


def compare_to_published(
    pathways: Sequence[Pathway], fit: AalborgFit, *, z: float = TOLERANCE_Z
) -> Calibration:
    """Count ``pathways`` with the three Aalborg reports and set them beside the published tables.

    The reports are the library's own, over the data period: tabel 1 by
    [`conversations_by_unit`][helhed.pathways.reports.conversations_by_unit] for the fitted
    units, tabel 2 by
    [`referrals_by_destination`][helhed.pathways.reports.referrals_by_destination], tabel 3
    by [`intervention_status`][helhed.pathways.reports.intervention_status] of the team
    course via the Flex referral. The citizens referred on are those with an onward referral
    from one of the units in the period.

    **The tolerance** of each figure is ``z`` standard errors of sampling under the fitted
    model, for the simulated cohort's size: ``sd / sqrt(n)`` for a mean per citizen, and
    ``sqrt(p (1 - p) / n)`` for a share, with ``n`` the citizens (or referrals) counted. A
    simulated cohort differs from the published figures by sampling alone, so with ``z = 3``
    each figure lies within its tolerance with a probability of about 99.7 %. The tolerances
    shrink with ``sqrt(scale)``: the widest, for the Flex citizens who completed, is 16.3
    percentage points at scale 1, 5.2 at scale 10 and 1.6 at scale 100.

    Args:
        pathways: The pathways to count, e.g. from
            [`simulate_aalborg`][helhed.simulation.calibration.simulate_aalborg].
        fit: The fitted model, which gives the published figures and the standard errors.
        z: The tolerance in standard errors.

    Raises:
        ValidationError: If ``fit`` or ``z`` is not valid.
    """
    check = Checker()
    check.expect(isinstance(fit, AalborgFit), "fit", "must be an AalborgFit")
    check.number(z, "z")
    check.done()
    pathways = tuple(pathways)
    names = [m.unit for m in fit.units]
    units = conversations_by_unit(pathways, PERIOD, units=names)
    destinations = referrals_by_destination(pathways, PERIOD, units=names)
    flex = intervention_status(pathways, PERIOD, offer=FLEX_OFFER, via=FLEX_REFERRAL)
    referred = {
        e.citizen_id
        for p in pathways
        for e in p.timeline
        if isinstance(e, ReferredOnward)
        and e.unit in names
        and PERIOD.start <= e.occurred_on <= PERIOD.end
    }
    figures = (
        *_unit_figures(fit, units, z),
        *_destination_figures(fit, destinations, units, len(referred), z),
        *_flex_figures(fit, flex, z),
    )
    return Calibration(figures=figures, z=float(z), tables=(units, destinations, flex))
