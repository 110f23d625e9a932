"""The multi-state model and the seeded weekly simulator.

Each citizen moves through the states of [`STATES`][helhed.simulation.model.STATES] one week
at a time. A citizen who enters a state in week ``w`` can leave it from week ``w + 1``; every
week each citizen draws one uniform number and leaves their state if it falls below the
state's outgoing probabilities (taken in the order the
[`Parameters`][helhed.simulation.model.Parameters] list them).

Seats are taken at a time: a contacted citizen who is ready to start joins a waiting list
(first come first served; ties by the order of ``citizens``) and starts in the first week a
seat is free. Seats freed by completions and drop-outs in a week can be taken that same week.

Every week's events fall on ``start + 7 * week``. The logs are built as
[`Pathway`][helhed.pathways.pathway.Pathway] values, so every log the simulator returns has
been validated by the pathway's transition rules.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Sequence

import attrs
import numpy as np

from helhed._validation import Checker
from helhed.citizens import Citizen
from helhed.models.catalogue import CapacityPeriod, CapacityUnit, Offer
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

__all__ = ["REFERRAL_ID", "STATES", "Parameters", "simulate"]

STATES: tuple[str, ...] = (
    "not_referred",
    "referred",
    "accepted",
    "declined",
    "contacted",
    "in_intervention",
    "completed",
    "dropped_out",
    "job",
)
"""The states of the model, in order; ``not_referred`` is the state before the referral."""

REFERRAL_ID = "r-1"
"""The id of the one referral in every simulated pathway."""

_NOT_REFERRED, _REFERRED, _ACCEPTED, _DECLINED, _CONTACTED = 0, 1, 2, 3, 4
_RUNNING, _COMPLETED, _DROPPED_OUT, _JOB = 5, 6, 7, 8
_WAITING = 9  # Internal: contacted, ready to start, on the waiting list.
_PROBABILITIES = (
    "p_accept",
    "p_decline",
    "p_contact",
    "p_start",
    "p_complete",
    "p_drop_out",
    "p_job",
)


@attrs.frozen(kw_only=True)
class Parameters:
    """Weekly transition probabilities, the offer referred to and who records what.

    Attributes:
        offer: The offer citizens are referred to; events name it by its id.
        p_accept: Weekly probability that ``referred`` moves to ``accepted``.
        p_decline: Weekly probability that ``referred`` moves to ``declined``.
        p_contact: Weekly probability that ``accepted`` moves to ``contacted``.
        p_start: Weekly probability that a ``contacted`` citizen is ready to start; they start
            then if a seat is free, else they join the waiting list.
        p_complete: Weekly probability that ``in_intervention`` moves to ``completed``.
        p_drop_out: Weekly probability that ``in_intervention`` moves to ``dropped_out``.
        p_job: Weekly probability that ``completed`` moves to ``job``; 0 leaves it out.
        referrer: The administration that records the referral and the job.
        provider: The administration that records answers, contact and the intervention;
            ``None`` for the offer's own administration.
        stagger_weeks: Referrals fall in a week drawn uniformly from ``0`` to this; 0 refers
            everyone in week 0.
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

    def __attrs_post_init__(self) -> None:
        """Every probability in [0, 1]; each state's outgoing probabilities sum to at most 1."""
        check = Checker()
        check.expect(isinstance(self.offer, Offer), "offer", "must be an Offer")
        valid = True
        for name in _PROBABILITIES:
            value = getattr(self, name)
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            valid &= check.expect(ok and 0.0 <= value <= 1.0, name, "must be a number in [0, 1]")
        if valid:
            for state, names in self.outgoing.items():
                total = sum(getattr(self, n) for n in names)
                check.expect(
                    total <= 1.0,
                    state,
                    f"outgoing probabilities ({' + '.join(names)}) sum to {total:g}; "
                    "must be at most 1",
                )
        check.member(self.referrer, Administration, "referrer")
        if self.provider is not None:
            check.member(self.provider, Administration, "provider")
        check.whole(self.stagger_weeks, "stagger_weeks", minimum=0)
        check.done()

    @property
    def outgoing(self) -> dict[str, tuple[str, ...]]:
        """For each state that can be left, the names of its outgoing probabilities."""
        return {
            "referred": ("p_accept", "p_decline"),
            "accepted": ("p_contact",),
            "contacted": ("p_start",),
            "in_intervention": ("p_complete", "p_drop_out"),
            "completed": ("p_job",),
        }

    @property
    def recorded_by(self) -> Administration:
        """The administration that records answers, contact and the intervention."""
        return self.provider if self.provider is not None else self.offer.administration


def _seats(parameters: Parameters, capacity: int | None) -> int | None:
    if capacity is not None:
        check = Checker()
        check.whole(capacity, "capacity", minimum=1)
        check.done()
        return capacity
    cap = parameters.offer.capacity
    if (
        cap is not None
        and cap.unit is CapacityUnit.SEATS
        and cap.period is CapacityPeriod.AT_A_TIME
    ):
        return cap.amount
    return None


def simulate(  # noqa: PLR0913 - the run is set by keywords
    citizens: Sequence[Citizen | str],
    parameters: Parameters,
    *,
    start: dt.date,
    weeks: int,
    seed: int,
    capacity: int | None = None,
) -> tuple[Pathway, ...]:
    """Simulate each citizen's pathway for ``weeks`` weeks from ``start``.

    Args:
        citizens: The citizens, or their ids; ids must be unique.
        parameters: The model.
        start: The day of week 0.
        weeks: How many weeks to simulate (weeks ``0`` to ``weeks - 1``).
        seed: Seed for ``numpy.random.default_rng``; the same seed gives the same pathways.
        capacity: Seats at a time in the intervention; ``None`` takes the offer's capacity
            when it is seats at a time, else seats are unlimited.

    Returns:
        One pathway per citizen, in the order given. A citizen whose referral week falls
        after the last week has an empty pathway.

    Raises:
        ValidationError: If ``weeks``, ``capacity`` or the citizens are not valid.
    """
    ids = [c if isinstance(c, str) else c.id for c in citizens]
    check = Checker()
    check.whole(weeks, "weeks", minimum=1)
    check.expect(len(set(ids)) == len(ids), "citizens", "ids must be unique")
    check.day(start, "start")
    check.done()
    seats = _seats(parameters, capacity)
    log = _run(len(ids), parameters, weeks=weeks, seed=seed, seats=seats)
    return tuple(
        _pathway(cid, steps, parameters, start) for cid, steps in zip(ids, log, strict=True)
    )


def _run(
    n: int, parameters: Parameters, *, weeks: int, seed: int, seats: int | None
) -> list[list[tuple[int, int]]]:
    """Each citizen's transitions as ``(week, new state)``, in order."""
    rng = np.random.default_rng(seed)
    referral_week = rng.integers(0, parameters.stagger_weeks + 1, size=n)
    state = np.full(n, _NOT_REFERRED, dtype=np.int8)
    log: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    queue: deque[int] = deque()
    running = 0
    p = parameters
    for week in range(weeks):
        u = rng.random(n)
        before = state.copy()  # Moves are decided on the state at the start of the week.

        def move(mask: np.ndarray, to: int, week: int = week) -> None:
            idx = np.flatnonzero(mask)
            state[idx] = to
            for i in idx.tolist():
                log[i].append((week, to))

        inside = before == _RUNNING
        done = inside & (u < p.p_complete)
        left = inside & ~done & (u < p.p_complete + p.p_drop_out)
        running -= int(done.sum() + left.sum())
        move(done, _COMPLETED)
        move(left, _DROPPED_OUT)
        move((before == _COMPLETED) & (u < p.p_job), _JOB)
        ready = np.flatnonzero((before == _CONTACTED) & (u < p.p_start))
        state[ready] = _WAITING
        queue.extend(ready.tolist())
        move((before == _ACCEPTED) & (u < p.p_contact), _CONTACTED)
        referred = before == _REFERRED
        yes = referred & (u < p.p_accept)
        move(yes, _ACCEPTED)
        move(referred & ~yes & (u < p.p_accept + p.p_decline), _DECLINED)
        move((before == _NOT_REFERRED) & (referral_week == week), _REFERRED)
        free = len(queue) if seats is None else max(seats - running, 0)
        for _ in range(min(free, len(queue))):
            i = queue.popleft()
            state[i] = _RUNNING
            log[i].append((week, _RUNNING))
            running += 1
    return log


def _pathway(
    citizen_id: str, steps: list[tuple[int, int]], parameters: Parameters, start: dt.date
) -> Pathway:
    offer = parameters.offer
    by = parameters.recorded_by
    events: list[Event] = []
    for week, to in steps:
        day = start + dt.timedelta(weeks=week)
        event: Event
        if to == _REFERRED:
            event = Referred(
                citizen_id=citizen_id,
                occurred_on=day,
                recorded_by=parameters.referrer,
                referral_id=REFERRAL_ID,
                offer=offer.id,
                to=offer.administration,
                voluntary=offer.voluntary,
            )
        elif to == _JOB:
            event = JobOrEducationStarted(
                citizen_id=citizen_id,
                occurred_on=day,
                recorded_by=parameters.referrer,
                placement=Placement.JOB,
            )
        elif to in _ANSWERS:
            event = _ANSWERS[to](
                citizen_id=citizen_id, occurred_on=day, recorded_by=by, referral_id=REFERRAL_ID
            )
        else:
            event = _INTERVENTION[to](
                citizen_id=citizen_id,
                occurred_on=day,
                recorded_by=by,
                referral_id=REFERRAL_ID,
                offer=offer.id,
            )
        events.append(event)
    return Pathway(citizen_id=citizen_id, events=tuple(events))


_ANSWERS: dict[int, type[ReferralAccepted | ReferralDeclined | ContactMade]] = {
    _ACCEPTED: ReferralAccepted,
    _DECLINED: ReferralDeclined,
    _CONTACTED: ContactMade,
}
_INTERVENTION: dict[
    int, type[InterventionStarted | InterventionCompleted | InterventionDroppedOut]
] = {
    _RUNNING: InterventionStarted,
    _COMPLETED: InterventionCompleted,
    _DROPPED_OUT: InterventionDroppedOut,
}
