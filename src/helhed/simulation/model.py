"""The multi-state model and the seeded weekly simulator.

Each citizen moves through the stages of [`STATES`][helhed.simulation.model.STATES] (of the
one vocabulary [`PathwayStage`][helhed.pathways.stages.PathwayStage]) one week at a time. A
citizen who enters a stage in week ``w`` can leave it from week ``w + 1``; every week each
citizen draws one uniform number and leaves their stage if it falls below the stage's
outgoing probabilities (taken in the order the
[`Parameters`][helhed.simulation.model.Parameters] list them). Durations can bound this: a
contact delay makes contact certain a given number of weeks after acceptance, and a minimum
or maximum length holds a citizen in the intervention, or ends it, after so many weeks.

A run refers every citizen to one offer: the parameters' offer, or one of a catalogue's
offers chosen by [`Referrals`][helhed.simulation.model.Referrals] (by shares, or by the best
match for the citizen). Each offer has its own first-come-first-served waiting list (ties by
the order of ``citizens``), and a contacted citizen who is ready to start waits on it until
the offer has room. Room is the offer's capacity in the catalogue: seats at a time bound the
interventions running at once, and seats per week, month or year bound the starts in each
ISO week, calendar month or calendar year, as
[`capacity`][helhed.models.catalogue.capacity] counts them. Seats freed by completions and
drop-outs in a week can be taken that same week. Capacity in hours does not limit the run.

The parameters may differ by target group, the group that
[`classify`][helhed.target_groups.classify] gives the citizen on the first day. A
[`Scenario`][helhed.simulation.model.Scenario] holds a whole set-up - parameters, their
variants by group, the referrals and the capacity - so that two can be compared.

Every week's events fall on ``start + 7 * week``. The logs are built as
[`Pathway`][helhed.pathways.pathway.Pathway] values, so every log the simulator returns has
been validated by the pathway's transition rules.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, Never, cast

import attrs
import numpy as np
import tqdm

from helhed._validation import Checker
from helhed._values import frozen_fields, plain
from helhed.citizens import Citizen
from helhed.errors import ValidationError
from helhed.groups import RiskGroup
from helhed.models.catalogue import (
    Capacity,
    CapacityPeriod,
    CapacityUnit,
    Catalogue,
    Offer,
    match,
    period_key,
)
from helhed.organisation import Administration
from helhed.pathways.events import (
    ContactMade,
    Event,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionStarted,
    JobOrEducationStarted,
    Placement,
    ReferralAccepted,
    ReferralDeclined,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.stages import PathwayStage
from helhed.simulation._mix import allot, check_mix, group_name
from helhed.target_groups import classify

__all__ = [
    "REFERRAL_ID",
    "STATES",
    "CapacityOverride",
    "Parameters",
    "Referrals",
    "Scenario",
    "Weeks",
    "simulate",
]

STATES: tuple[PathwayStage, ...] = (
    PathwayStage.NOT_REFERRED,
    PathwayStage.REFERRED,
    PathwayStage.ACCEPTED,
    PathwayStage.DECLINED,
    PathwayStage.CONTACTED,
    PathwayStage.IN_INTERVENTION,
    PathwayStage.COMPLETED,
    PathwayStage.DROPPED_OUT,
    PathwayStage.JOB_OR_EDUCATION,
)
"""The stages of [`PathwayStage`][helhed.pathways.stages.PathwayStage] the model moves citizens
through, in order; ``NOT_REFERRED`` is the stage before the referral. The model's other stage,
``WAITING`` (on an offer's waiting list), is not recorded in the log, which shows it as
``CONTACTED``."""

REFERRAL_ID = "r-1"
"""The id of the one referral in every simulated pathway."""

_NOT_REFERRED, _REFERRED, _ACCEPTED, _DECLINED, _CONTACTED = 0, 1, 2, 3, 4
_RUNNING, _COMPLETED, _DROPPED_OUT, _JOB = 5, 6, 7, 8
_WAITING = 9  # Internal: contacted, ready to start, on the waiting list.
_STAGE_AT = (*STATES, PathwayStage.WAITING)
"""The stage of each of the weekly loop's state numbers above."""
_PROBABILITIES = (
    "p_accept",
    "p_decline",
    "p_contact",
    "p_start",
    "p_complete",
    "p_drop_out",
    "p_job",
)
_NEVER = 1 << 30  # More weeks than any run has: a bound that never binds.
_CHUNK = 2048  # Pathways built between two updates of the progress bar.

Weeks = int | Literal["offer"] | None
"""A length in weeks, ``"offer"`` for the offer's ``duration_weeks``, or None for no bound."""


_FROM_OFFER = ' ("offer" reads the offer\'s duration_weeks)'


def _weeks(value: Weeks, offer: Offer) -> int | None:
    """A bound in weeks with ``"offer"`` read from ``offer``; None for no bound."""
    if isinstance(value, str):  # "offer"
        return offer.duration_weeks
    return value


def _check_weeks(check: Checker, value: object, path: str) -> bool:
    if value is None or value == "offer":
        return True
    if isinstance(value, str):
        check.fail(path, 'must be a whole number, "offer" or None')
        return False
    return check.whole(value, path, minimum=1)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Parameters:
    """Weekly transition probabilities, durations, the offer referred to and who records what.

    The stages named are those of [`PathwayStage`][helhed.pathways.stages.PathwayStage], by
    their codes.

    Attributes:
        offer: The offer citizens are referred to, unless the run's
            [`Referrals`][helhed.simulation.model.Referrals] choose one; events name it by
            its id.
        p_accept: Weekly probability that ``referred`` moves to ``accepted``.
        p_decline: Weekly probability that ``referred`` moves to ``declined``.
        p_contact: Weekly probability that ``accepted`` moves to ``contacted``.
        p_start: Weekly probability that a ``contacted`` citizen is ready to start; they start
            then if the offer has room, else they join its waiting list.
        p_complete: Weekly probability that ``in_intervention`` moves to ``completed``.
        p_drop_out: Weekly probability that ``in_intervention`` moves to ``dropped_out``.
        p_job: Weekly probability that ``completed`` moves to ``job_or_education`` (a job
            is started); 0 leaves it out.
        referrer: The administration that records the referral and the job.
        provider: The administration that records answers, contact and the intervention;
            ``None`` for the offer's own administration.
        stagger_weeks: Referrals fall in a week drawn uniformly from ``0`` to this; 0 refers
            everyone in week 0.
        contact_weeks: The most weeks from acceptance to contact: a citizen not contacted
            (at weekly probability ``p_contact``) by then is contacted that week. With
            ``p_contact=0`` contact comes exactly this many weeks after acceptance; 1 meets
            Halsnæs' contact within one week of acceptance (HALSNAES), 2 breaks it. None
            leaves contact to ``p_contact`` alone.
        min_weeks: The fewest weeks from start to completion: ``p_complete`` applies only
            from this many weeks after the start (drop-outs may come earlier). ``"offer"``
            takes the offer's ``duration_weeks``; None (or an offer without one) is no bound.
        max_weeks: The most weeks in the intervention: a citizen still in it this many weeks
            after the start completes then. ``"offer"`` and None as for ``min_weeks``; set
            both to the same length for an intervention of fixed length. It must not be
            below ``min_weeks`` once ``"offer"`` is read from the offer - this offer, and in
            a run with [`Referrals`][helhed.simulation.model.Referrals] each of theirs.
    """

    offer: Offer
    p_accept: float
    p_decline: float = 0.0
    p_contact: float
    p_start: float
    p_complete: float
    p_drop_out: float = 0.0
    p_job: float = 0.0
    referrer: Administration = Administration.JOB_CENTRE
    provider: Administration | None = None
    stagger_weeks: int = 0
    contact_weeks: int | None = None
    min_weeks: Weeks = None
    max_weeks: Weeks = None

    def __attrs_post_init__(self) -> None:
        """Every probability in [0, 1]; each state's outgoing probabilities sum to at most 1.

        ``max_weeks`` must not be below ``min_weeks`` once ``"offer"`` is read from the offer.
        """
        check = Checker()
        offer_ok = check.expect(isinstance(self.offer, Offer), "offer", "must be an Offer")
        valid = True
        for name in _PROBABILITIES:
            valid &= check.probability(getattr(self, name), name)
        if valid:
            for stage, names in self.outgoing.items():
                check.expect(
                    sum(getattr(self, n) for n in names) <= 1.0,
                    stage.code,
                    f"outgoing probabilities ({' + '.join(names)}) must sum to at most 1",
                )
        check.member(self.referrer, Administration, "referrer")
        if self.provider is not None:
            check.member(self.provider, Administration, "provider")
        check.whole(self.stagger_weeks, "stagger_weeks", minimum=0)
        check.whole(self.contact_weeks, "contact_weeks", minimum=1, optional=True)
        bounds = _check_weeks(check, self.min_weeks, "min_weeks")
        bounds &= _check_weeks(check, self.max_weeks, "max_weeks")
        if bounds and offer_ok and not _spans(self, self.offer):
            reads = "offer" in (self.min_weeks, self.max_weeks)
            check.fail("max_weeks", "must not be below min_weeks" + (_FROM_OFFER if reads else ""))
        check.done()

    @property
    def outgoing(self) -> dict[PathwayStage, tuple[str, ...]]:
        """For each stage that can be left, the names of its outgoing probabilities."""
        return {
            PathwayStage.REFERRED: ("p_accept", "p_decline"),
            PathwayStage.ACCEPTED: ("p_contact",),
            PathwayStage.CONTACTED: ("p_start",),
            PathwayStage.IN_INTERVENTION: ("p_complete", "p_drop_out"),
            PathwayStage.COMPLETED: ("p_job",),
        }

    @property
    def recorded_by(self) -> Administration:
        """The administration that records answers, contact and the intervention."""
        return self.provider if self.provider is not None else self.offer.administration


def _spans(parameters: Parameters, offer: Offer) -> bool:
    """True if ``max_weeks`` is not below ``min_weeks`` for a citizen sent to ``offer``.

    ``"offer"`` is read from ``offer``'s ``duration_weeks``; a missing bound always fits.
    """
    low, high = _weeks(parameters.min_weeks, offer), _weeks(parameters.max_weeks, offer)
    return low is None or high is None or high >= low


def _offer_id(key: object) -> str:
    return key if isinstance(key, str) else "?"


CapacityOverride = int | Mapping[str, int | Capacity] | None
"""Seats at a time for every offer, room per offer id (seats at a time or a ``Capacity``),
or None for each offer's own capacity."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Referrals:
    """Which of a catalogue's offers each citizen is referred to.

    Two ways, chosen by ``mix``:

    * by shares: ``mix`` maps offer ids to shares in [0, 1] summing to 1; each share becomes
      a whole number of citizens (largest remainder: 60 % of 10 is exactly 6), shuffled with
      the run's seed;
    * by match (``mix`` None): each citizen goes to their best offer by
      [`match`][helhed.models.catalogue.match] on the run's first day - open to their target
      group and funding basis, ranked by the risk factors it addresses (SST2019 kap. 9) -
      narrowed by ``administration`` and ``task_type``. A citizen no offer fits is not
      referred: their pathway is empty. Matching needs ``Citizen`` values, not ids.

    The value is hashable; ``mix`` is held as a read-only copy.

    Attributes:
        catalogue: The catalogue; each offer's capacity is its room in the run.
        mix: Share of citizens per offer id, or None to match.
        administration: When matching, only offers of this administration.
        task_type: When matching, only offers of this task type.
    """

    catalogue: Catalogue
    mix: Mapping[str, float] | None = None
    administration: Administration | None = None
    task_type: str | None = None

    def __attrs_post_init__(self) -> None:
        """The mix names offers of the catalogue, and match filters go without a mix."""
        check = Checker()
        known = check.expect(
            isinstance(self.catalogue, Catalogue), "catalogue", "must be a Catalogue"
        )
        if self.mix is not None and known:
            ids = {o.id for o in self.catalogue.offers}
            check_mix(
                self.mix,
                "mix",
                check,
                key_ok=lambda key: key in ids,
                key_problem="is not an offer of the catalogue",
                name=_offer_id,
            )
        check.member(self.administration, Administration, "administration", optional=True)
        check.text(self.task_type, "task_type", optional=True)
        check.expect(
            self.mix is None or (self.administration is None and self.task_type is None),
            "mix",
            "cannot be combined with administration or task_type, which narrow a match",
        )
        check.done()

    @property
    def offers(self) -> tuple[Offer, ...]:
        """The offers citizens may be referred to: the mix's, or those a match may find."""
        if self.mix is not None:
            return tuple(self.catalogue.offer(offer_id) for offer_id in self.mix)
        return tuple(
            o
            for o in self.catalogue.offers
            if (self.administration is None or o.administration is self.administration)
            and (self.task_type is None or o.task_type == self.task_type)
        )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Scenario:
    """A whole set-up of a run: parameters, their variants by target group, offers and room.

    Attributes:
        parameters: The parameters of every citizen whose target group ``by_group`` does not
            name.
        by_group: Parameters by the target group [`classify`][helhed.target_groups.classify]
            gives the citizen on the run's first day (``None`` for citizens in no group);
            e.g. a lower ``p_start`` for the high-risk group (SST2019 4.1) makes them start
            later. Needs ``Citizen`` values, not ids.
        referrals: Which of a catalogue's offers each citizen goes to; None for the offer of
            the citizen's parameters.
        capacity: Room that overrides the offers' own capacity: a whole number is that many
            seats at a time in every offer; a mapping gives, per offer id, seats at a time
            or a [`Capacity`][helhed.models.catalogue.Capacity]. None keeps each offer's
            capacity.
        capacity_scale: Factor on every offer's seats (after ``capacity``), rounded to the
            nearest whole seat, halves up, on the decimal value of the factor: 1.2 is
            "capacity +20 %", 10 seats become 12, and 100 seats times 1.005 are 100.5, so
            101. A small factor can leave an offer 0 seats: then nobody starts it, and
            everyone ready for it waits until the run ends.

    The value is hashable; ``by_group`` and ``capacity`` are held as read-only copies.
    """

    parameters: Parameters
    by_group: Mapping[RiskGroup | None, Parameters] = attrs.field(factory=dict)
    referrals: Referrals | None = None
    capacity: CapacityOverride = None
    capacity_scale: float = 1.0

    def __attrs_post_init__(self) -> None:
        """Check every field; capacity may only name offers of the scenario."""
        check = Checker()
        check.expect(isinstance(self.parameters, Parameters), "parameters", "must be Parameters")
        if check.expect(isinstance(self.by_group, Mapping), "by_group", "must be a mapping"):
            for group, parameters in self.by_group.items():
                where = f"by_group[{group_name(group)}]"
                if check.expect(
                    group is None or isinstance(group, RiskGroup), where, "must name a RiskGroup"
                ):
                    check.expect(isinstance(parameters, Parameters), where, "must be Parameters")
        check.expect(
            self.referrals is None or isinstance(self.referrals, Referrals),
            "referrals",
            "must be Referrals",
        )
        check.number(self.capacity_scale, "capacity_scale", above=True)
        if not check.problems:
            self._check_offers(check)
        check.done()

    def _check_offers(self, check: Checker) -> None:
        seen: dict[str, Offer] = {}
        named = [("parameters", self.parameters)] + [
            (f"by_group[{group_name(g)}]", p) for g, p in self.by_group.items()
        ]
        if self.referrals is None:
            for where, parameters in named:
                offer = seen.setdefault(parameters.offer.id, parameters.offer)
                check.expect(
                    offer == parameters.offer,
                    f"{where}.offer",
                    "has the id of another offer of the scenario but differs from it",
                )
        else:
            # Any set of parameters may meet any of the referrals' offers.
            for where, parameters in named:
                check.expect(
                    all(_spans(parameters, offer) for offer in self.referrals.offers),
                    f"{where}.max_weeks",
                    "must not be below min_weeks for any offer of the referrals" + _FROM_OFFER,
                )
        cap = self.capacity
        if cap is None or isinstance(cap, Mapping):
            ids = {o.id for o in self.offers}
            for offer_id, room in (cap or {}).items():
                where = f"capacity[{_offer_id(offer_id)}]"
                if check.expect(offer_id in ids, where, "is not an offer of the scenario"):
                    if isinstance(room, Capacity):
                        continue
                    check.whole(room, where, minimum=1)
        else:
            check.whole(cap, "capacity", minimum=1)

    @property
    def offers(self) -> tuple[Offer, ...]:
        """The offers citizens may be referred to, each once, in order."""
        if self.referrals is not None:
            return self.referrals.offers
        found: dict[str, Offer] = {}
        for parameters in (self.parameters, *self.by_group.values()):
            found.setdefault(parameters.offer.id, parameters.offer)
        return tuple(found.values())

    def room(self, offer: Offer) -> tuple[int, CapacityPeriod] | None:
        """The seats of ``offer`` in a run and the period they are for; None if unlimited.

        Capacity in hours, and no capacity at all, is unlimited.
        """
        cap = self.capacity
        chosen: Capacity | None = offer.capacity
        if isinstance(cap, int):
            chosen = Capacity(amount=cap)
        elif isinstance(cap, Mapping) and offer.id in cap:
            room = cap[offer.id]
            chosen = room if isinstance(room, Capacity) else Capacity(amount=room)
        if chosen is None or chosen.unit is not CapacityUnit.SEATS:
            return None
        return _scaled(chosen.amount, self.capacity_scale), chosen.period


def _scaled(seats: int, scale: float) -> int:
    """``seats * scale`` rounded half up to a whole number, exactly.

    The factor is taken at its decimal value (its shortest repr), so that 100 * 1.005 is
    100.5 and rounds to 101, where binary floating point would give 100.49999999999999.

    Examples:
        >>> _scaled(100, 1.005), _scaled(16, 1.2), _scaled(14, 1.25), _scaled(1, 0.2)
        (101, 19, 18, 0)
    """
    factor = Decimal(scale) if isinstance(scale, int) else Decimal(repr(float(scale)))
    return int((seats * factor).to_integral_value(rounding=ROUND_HALF_UP))


def simulate(  # noqa: PLR0913 - the run is set by keywords
    citizens: Sequence[Citizen | str],
    parameters: Parameters | Scenario,
    *,
    start: dt.date,
    weeks: int,
    seed: int,
    capacity: CapacityOverride = None,
    capacity_scale: float = 1.0,
    referrals: Referrals | None = None,
    by_group: Mapping[RiskGroup | None, Parameters] | None = None,
    progress: bool | None = None,
) -> tuple[Pathway, ...]:
    """Simulate each citizen's pathway for ``weeks`` weeks from ``start``.

    Args:
        citizens: The citizens, or their ids (non-blank strings); ids must be unique. Any
            iterable but a string will do. Target groups and matched referrals need
            ``Citizen`` values.
        parameters: The model, or a whole [`Scenario`][helhed.simulation.model.Scenario];
            with a scenario, leave ``capacity``, ``capacity_scale``, ``referrals`` and
            ``by_group`` to it.
        start: The day of week 0.
        weeks: How many weeks to simulate (weeks ``0`` to ``weeks - 1``).
        seed: Seed for ``numpy.random.default_rng``, a whole number of 0 or more (numpy's
            integers too); the same seed gives the same pathways. Two runs of the same
            citizens whose referrals are staggered alike draw the same random number for each
            citizen in each week, whatever their other parameters, offers or capacity, so
            their difference is the set-up's doing.
        capacity: Room instead of the offers' own capacity (see ``Scenario.capacity``).
        capacity_scale: Factor on every offer's seats (see ``Scenario.capacity_scale``).
        referrals: Which of a catalogue's offers each citizen goes to; None for the offer of
            the citizen's parameters.
        by_group: Parameters by target group (see ``Scenario.by_group``).
        progress: Show progress bars on standard error: True always, False never, None only
            when standard error is a terminal. Results do not depend on it.

    Returns:
        One pathway per citizen, in the order given. A citizen whose referral week falls
        after the last week, or who is matched to no offer, has an empty pathway.

    Raises:
        ValidationError: If an argument or the citizens are not valid.
    """
    if isinstance(parameters, Scenario):
        if not (
            capacity is None and capacity_scale == 1.0 and referrals is None and by_group is None
        ):
            raise ValidationError.at(
                "parameters",
                "is a Scenario; give capacity, capacity_scale, referrals and by_group in it",
            )
        scenario = parameters
    else:
        scenario = Scenario(
            parameters=parameters,
            by_group={} if by_group is None else by_group,
            referrals=referrals,
            capacity=capacity,
            capacity_scale=capacity_scale,
        )
    weeks = plain(weeks)
    check = Checker()
    people, ids = _people(citizens, check)
    check.whole(weeks, "weeks", minimum=1)
    check.day(start, "start")
    check.seed(seed, "seed")
    check.expect(
        progress is None or isinstance(progress, bool), "progress", "must be true, false or None"
    )
    matching = scenario.referrals is not None and scenario.referrals.mix is None
    if scenario.by_group or matching:
        bare = next((i for i, c in enumerate(people) if not isinstance(c, Citizen)), None)
        check.expect(
            bare is None,
            f"citizens[{bare}]",
            "must be a Citizen: target groups and matched referrals need one",
        )
    check.done()
    seed = int(seed)
    show = _show(progress)
    plan = _Plan.of(people, scenario, start=start, seed=seed)
    with _bar(show, weeks, "weeks", "week") as bar:
        log = _run(plan, start=start, weeks=weeks, seed=seed, bar=bar)
    days = [start + dt.timedelta(weeks=week) for week in range(weeks)]
    pathways: list[Pathway] = []
    with _bar(show, len(ids), "pathways", "pathway") as bar:
        for first in range(0, len(ids), _CHUNK):
            last = min(first + _CHUNK, len(ids))
            pathways.extend(
                Pathway(
                    citizen_id=ids[i],
                    events=tuple(plan.makers[i][to](ids[i], days[week]) for week, to in log[i]),
                )
                for i in range(first, last)
            )
            bar.update(last - first)
    return tuple(pathways)


def _people(citizens: object, check: Checker) -> tuple[tuple[Citizen | str, ...], list[str]]:
    """The citizens as a tuple and their ids, recording what is wrong with them in ``check``."""
    if isinstance(citizens, (str, bytes)):
        check.fail("citizens", "must be a sequence of Citizen values or ids, not one string")
        return (), []
    if not isinstance(citizens, Iterable):
        check.fail("citizens", "must be a sequence of Citizen values or ids")
        return (), []
    people: tuple[object, ...] = tuple(citizens)
    ids: list[str] = []
    for i, citizen in enumerate(people):
        if isinstance(citizen, Citizen):
            ids.append(citizen.id)
        elif isinstance(citizen, str):
            check.text(citizen, f"citizens[{i}]")
            ids.append(citizen)
        else:
            check.fail(f"citizens[{i}]", "must be a Citizen or an id")
    check.expect(len(set(ids)) == len(ids), "citizens", "ids must be unique")
    return cast("tuple[Citizen | str, ...]", people), ids


def _show(progress: bool | None) -> bool:  # noqa: FBT001 - the caller's flag
    if progress is not None:
        return progress
    isatty = getattr(sys.stderr, "isatty", None)  # standard error may be None (pythonw)
    return bool(isatty is not None and isatty())


def _bar(show: bool, total: int, desc: str, unit: str) -> tqdm.tqdm[Never]:  # noqa: FBT001 - private
    return tqdm.tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=not show)


Maker = Callable[[str, dt.date], Event]


def _makers(parameters: Parameters, offer: Offer) -> dict[int, Maker]:
    """How each state's event is made for a citizen with ``parameters`` sent to ``offer``."""
    rid, name, to, voluntary = REFERRAL_ID, offer.id, offer.administration, offer.voluntary
    referrer = parameters.referrer
    by = to if parameters.provider is None else parameters.provider
    return {
        _REFERRED: lambda cid, day: Referred(
            citizen_id=cid,
            occurred_on=day,
            recorded_by=referrer,
            referral_id=rid,
            offer=name,
            to=to,
            voluntary=voluntary,
        ),
        _ACCEPTED: lambda cid, day: ReferralAccepted(
            citizen_id=cid, occurred_on=day, recorded_by=by, referral_id=rid
        ),
        _DECLINED: lambda cid, day: ReferralDeclined(
            citizen_id=cid, occurred_on=day, recorded_by=by, referral_id=rid
        ),
        _CONTACTED: lambda cid, day: ContactMade(
            citizen_id=cid, occurred_on=day, recorded_by=by, referral_id=rid
        ),
        _RUNNING: lambda cid, day: InterventionStarted(
            citizen_id=cid, occurred_on=day, recorded_by=by, referral_id=rid, offer=name
        ),
        _COMPLETED: lambda cid, day: InterventionCompleted(
            citizen_id=cid, occurred_on=day, recorded_by=by, referral_id=rid, offer=name
        ),
        _DROPPED_OUT: lambda cid, day: InterventionDroppedOut(
            citizen_id=cid, occurred_on=day, recorded_by=by, referral_id=rid, offer=name
        ),
        _JOB: lambda cid, day: JobOrEducationStarted(
            citizen_id=cid, occurred_on=day, recorded_by=referrer, placement=Placement.JOB
        ),
    }


def _bounds(parameters: Parameters, offer: Offer) -> tuple[int, int, int]:
    """Contact weeks, minimum and maximum weeks in the intervention; ``_NEVER`` for none."""
    contact = parameters.contact_weeks
    low, high = _weeks(parameters.min_weeks, offer), _weeks(parameters.max_weeks, offer)
    return (
        _NEVER if contact is None else contact,
        0 if low is None else low,
        _NEVER if high is None else high,
    )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class _Plan:
    """Everything the weekly loop needs, per citizen as arrays and per offer as lists."""

    offer: np.ndarray  # Index into ``rooms`` per citizen; -1 for no referral.
    probabilities: np.ndarray  # One row per citizen, the columns of _PROBABILITIES.
    bounds: np.ndarray  # One row per citizen: contact weeks, min and max weeks.
    stagger: np.ndarray | int
    rooms: list[tuple[int, CapacityPeriod] | None]
    makers: list[dict[int, Maker]]

    @classmethod
    def of(
        cls, citizens: Sequence[Citizen | str], scenario: Scenario, *, start: dt.date, seed: int
    ) -> _Plan:
        sets = [scenario.parameters, *scenario.by_group.values()]
        referrals = scenario.referrals
        matching = referrals is not None and referrals.mix is None
        n = len(citizens)
        groups: list[RiskGroup | None] = []
        if scenario.by_group or matching:
            groups = [classify(c, on=start).group for c in citizens if isinstance(c, Citizen)]
        which = {group: i for i, group in enumerate(scenario.by_group, start=1)}
        chosen = np.array([which.get(g, 0) for g in groups] or [0] * n, dtype=np.int64)
        offers = scenario.offers
        index = {o.id: i for i, o in enumerate(offers)}
        if referrals is None:
            offer = np.array([index[s.offer.id] for s in sets], dtype=np.int64)[chosen]
        elif referrals.mix is not None:
            counts = allot(list(referrals.mix.values()), n)
            labels = np.repeat(np.arange(len(offers), dtype=np.int64), counts)
            # A stream of its own, so that the mix leaves the weekly draws as they were.
            offer = np.random.default_rng([seed, 1]).permutation(labels)
        else:
            offer = _matched(citizens, groups, referrals, index, start)
        table = np.array([[getattr(s, name) for name in _PROBABILITIES] for s in sets])
        pairs = {(s, o) for s, o in zip(chosen.tolist(), offer.tolist(), strict=True) if o >= 0}
        bounds = np.zeros((len(sets), max(len(offers), 1), 3), dtype=np.int64)
        made: dict[tuple[int, int], dict[int, Maker]] = {}
        for s, o in sorted(pairs):
            bounds[s, o] = _bounds(sets[s], offers[o])
            made[s, o] = _makers(sets[s], offers[o])
        staggers = [s.stagger_weeks for s in sets]
        return cls(
            offer=offer,
            probabilities=table[chosen],
            bounds=bounds[chosen, np.maximum(offer, 0)],
            stagger=staggers[0] if len(set(staggers)) == 1 else np.array(staggers)[chosen],
            rooms=[scenario.room(o) for o in offers],
            makers=[
                made.get((s, o), {}) for s, o in zip(chosen.tolist(), offer.tolist(), strict=True)
            ],
        )


def _matched(
    citizens: Sequence[Citizen | str],
    groups: list[RiskGroup | None],
    referrals: Referrals,
    index: Mapping[str, int],
    start: dt.date,
) -> np.ndarray:
    """Each citizen's best offer by ``match``, as an index; -1 where none fits."""
    best: dict[tuple[object, ...], int] = {}
    found = np.full(len(citizens), -1, dtype=np.int64)
    for i, (citizen, group) in enumerate(zip(citizens, groups, strict=True)):
        assert isinstance(citizen, Citizen)  # noqa: S101 - checked by simulate
        # A match depends only on the group, the funding basis and the risk factors.
        key = (group, citizen.benefit, citizen.health.risk_factors)
        if key not in best:
            fits = match(
                referrals.catalogue,
                citizen,
                on=start,
                administration=referrals.administration,
                task_type=referrals.task_type,
            )
            best[key] = index[fits[0].offer.id] if fits else -1
        found[i] = best[key]
    return found


class _Seats:
    """One offer's room, waiting list and use during a run."""

    __slots__ = ("queue", "room", "running", "started")

    def __init__(self, room: tuple[int, CapacityPeriod] | None) -> None:
        self.room = room
        self.queue: deque[int] = deque()  # Citizens ready to start, first come first served.
        self.running = 0
        self.started: Counter[tuple[int, ...]] = Counter()  # Starts per period.

    def take(self, day: dt.date) -> int:
        """How many of the waiting start on ``day``; they are counted as running."""
        waiting = len(self.queue)
        if self.room is None:
            take = waiting
        else:
            seats, period = self.room
            if period is CapacityPeriod.AT_A_TIME:
                take = min(max(seats - self.running, 0), waiting)
            else:
                key = period_key(period, day)
                take = min(max(seats - self.started[key], 0), waiting)
                self.started[key] += take
        self.running += take
        return take


def _run(
    plan: _Plan, *, start: dt.date, weeks: int, seed: int, bar: tqdm.tqdm[Never]
) -> list[list[tuple[int, int]]]:
    """Each citizen's transitions as ``(week, new state)``, in order."""
    rng = np.random.default_rng(seed)
    n = len(plan.offer)
    if isinstance(plan.stagger, int):
        referral_week = rng.integers(0, plan.stagger + 1, size=n)
    else:
        referral_week = rng.integers(0, plan.stagger + 1)
    referral_week[plan.offer < 0] = -1
    p_accept, p_decline, p_contact, p_start, p_complete, p_drop_out, p_job = plan.probabilities.T
    answered = p_accept + p_decline
    ended = p_complete + p_drop_out
    contact_weeks, min_weeks, max_weeks = plan.bounds.T
    bounded = bool((min_weeks > 0).any() or (max_weeks < _NEVER).any())
    state = np.full(n, _NOT_REFERRED, dtype=np.int8)
    since = np.zeros(n, dtype=np.int64)  # The week each citizen entered their state.
    log: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    offers = [_Seats(room) for room in plan.rooms]
    offer_of = plan.offer.tolist()
    for week in range(weeks):
        u = rng.random(n)
        before = state.copy()  # Moves are decided on the state at the start of the week.

        def move(mask: np.ndarray, to: int, week: int = week) -> np.ndarray:
            idx = np.flatnonzero(mask)
            state[idx] = to
            since[idx] = week
            for i in idx.tolist():
                log[i].append((week, to))
            return idx

        inside = before == _RUNNING
        if bounded:
            stay = week - since
            done = inside & (((stay >= min_weeks) & (u < p_complete)) | (stay >= max_weeks))
        else:
            done = inside & (u < p_complete)
        left = inside & ~done & (u >= p_complete) & (u < ended)
        for i in (*move(done, _COMPLETED).tolist(), *move(left, _DROPPED_OUT).tolist()):
            offers[offer_of[i]].running -= 1
        move((before == _COMPLETED) & (u < p_job), _JOB)
        ready = np.flatnonzero((before == _CONTACTED) & (u < p_start))
        state[ready] = _WAITING
        for i in ready.tolist():
            offers[offer_of[i]].queue.append(i)
        accepted = before == _ACCEPTED
        move(accepted & ((u < p_contact) | (week - since >= contact_weeks)), _CONTACTED)
        referred = before == _REFERRED
        yes = referred & (u < p_accept)
        move(yes, _ACCEPTED)
        move(referred & ~yes & (u < answered), _DECLINED)
        move((before == _NOT_REFERRED) & (referral_week == week), _REFERRED)
        day = start + dt.timedelta(weeks=week)
        for seats in offers:
            for _ in range(seats.take(day) if seats.queue else 0):
                i = seats.queue.popleft()
                state[i] = _RUNNING
                since[i] = week
                log[i].append((week, _RUNNING))
        bar.update()
    return log
