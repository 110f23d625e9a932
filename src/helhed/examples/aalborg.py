"""An event log that reproduces the published Aalborg figures (AALBORG2019 tabel 1-3).

Aalborg placed health workers in four units of the job centre, where they held health
conversations and referred citizens on to other offers; *Åben og Rolig Flex* prepared
citizens with stress for an *Åben og Rolig* team through conversations with a psychologist.
The evaluation's data run from 1 January 2018 to February 2019.

**What is real and what is not.** The counts are the published ones: per unit the citizens,
conversations and onward referrals (tabel 1), the onward referrals per destination (tabel 2),
and the 80 Flex citizens' status (tabel 3), three preparatory conversations each (the report
says about three on average). Tabel 3's rows count 79 citizens while its total and shares are
of 80; here the 80th citizen is still in the preparatory conversations when the period ends,
and the status report shows that row. Everything else is invented to make a valid log: the citizens
(pseudonyms), the days, which citizen had how many conversations and referrals (spread as
evenly as the totals allow, with referrals going to 111 citizens as tabel 2 says), and the
consent each citizen gives before the first conversation. No real person is behind any record.

Examples:
    >>> from helhed.pathways.reports import conversations_by_unit
    >>> table = conversations_by_unit(aalborg_pathways(), AALBORG_PERIOD, units=AALBORG_UNITS)
    >>> table.row("Sygedagpengehuset")
    ('Sygedagpengehuset', 32, 60, Decimal('1.9'), 21)
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable, Iterator

from helhed.cases.aalborg import (
    CONVERSATIONS_BY_UNIT,
    EVALUATION_PERIOD,
    FLEX_LOCATION,
    FLEX_OFFER,
    FLEX_PREPARATORY_CONVERSATIONS,
    FLEX_REFERRAL,
    FLEX_STATUS,
    REFERRALS_BY_DESTINATION,
    UNITS,
)
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConsentGiven,
    ConsentPurpose,
    ConversationHeld,
    ConversationKind,
    Event,
    InformationCategory,
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionNotStarted,
    InterventionStarted,
    ReferralAccepted,
    Referred,
    ReferredOnward,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.reports import InterventionStatus

__all__ = [
    "AALBORG_DESTINATIONS",
    "AALBORG_FLEX_OFFER",
    "AALBORG_FLEX_REFERRAL",
    "AALBORG_PERIOD",
    "AALBORG_UNITS",
    "aalborg_pathways",
    "conversation_held",
    "opening_events",
    "referred_onward",
]

AALBORG_PERIOD = EVALUATION_PERIOD
"""The evaluation's data period: 1 January 2018 to the end of February 2019 (AALBORG2019)."""

AALBORG_UNITS = UNITS
"""The four job centre units with an outposted health worker, in the order of tabel 1."""

AALBORG_FLEX_REFERRAL = FLEX_REFERRAL
"""The offer the job centre refers citizens with stress to: preparatory conversations."""

AALBORG_FLEX_OFFER = FLEX_OFFER
"""The team course a Flex citizen starts, or not, after the conversations (tabel 3)."""

_A = Administration
_REFERRAL_ID = "r-1"  # each citizen's one referral
AALBORG_DESTINATIONS: tuple[tuple[str, Administration | None], ...] = (
    ("Aalborg Sundhedscenter", _A.HEALTH),
    ("Sundhedshjørnet", _A.HEALTH),
    ("Egen læge", _A.GENERAL_PRACTICE),
    ("Kontakt Ældre Handicap", _A.ELDERLY_AND_DISABILITY),
    ("Selv træning", None),
)
"""The destinations of onward referrals in the order of tabel 2, with their administration."""

# How many citizens each unit's onward referrals went to - not published per unit (invented,
# chosen so that they add up to the 111 citizens of tabel 2's text).
_REFERRED_CITIZENS = {
    "Sygedagpengehuset": 15,
    "Job- og Aktivhuset": 50,
    "Virksomhedscenteret": 36,
    "Uddannelseshuset": 10,
}
# Per unit: citizens, conversations and onward referrals (tabel 1), and the invented count.
_UNITS = {
    unit: (*CONVERSATIONS_BY_UNIT[unit], _REFERRED_CITIZENS[unit]) for unit in CONVERSATIONS_BY_UNIT
}
_REFERRALS = tuple(REFERRALS_BY_DESTINATION[name] for name, _ in AALBORG_DESTINATIONS)
_FLEX = {
    **FLEX_STATUS,  # tabel 3
    # Tabel 3's rows add up to 79 while its total, and every share, is of 80; the 80th
    # citizen is here still in the preparatory conversations at the end of the period.
    InterventionStatus.AWAITING: 1,
}
_FLEX_CONVERSATIONS = FLEX_PREPARATORY_CONVERSATIONS
_COURSE_DAYS = 56
_SEED = 2019


def _spread(total: int, among: int) -> list[int]:
    """``total`` split over ``among`` shares as evenly as possible, larger shares first."""
    base, extra = divmod(total, among)
    return [base + 1] * extra + [base] * (among - extra)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def opening_events(citizen_id: str, on: dt.date, offer: str, unit: str | None) -> tuple[Event, ...]:
    """How an Aalborg pathway opens, all on day ``on``.

    The job centre refers the citizen to ``offer`` in the health department (voluntary,
    referral ``r-1``) and records the citizen's acceptance; the health department records
    the citizen's consent to share health information with the job centre for coordination,
    before the first conversation. The day and the consent are invented (see the module
    notes); the referral to a conversation is the evaluation's (AALBORG2019).

    Args:
        citizen_id: The citizen's pseudonym.
        on: The day of all three events.
        offer: The offer referred to: ``sundhedssamtale`` for the units' health
            conversations, [`AALBORG_FLEX_REFERRAL`][helhed.examples.aalborg.AALBORG_FLEX_REFERRAL]
            for Flex.
        unit: The job centre unit that refers and where the conversations are held; None for
            Flex.

    Returns:
        The referral, its acceptance and the consent, in that order.

    Examples:
        >>> unit = AALBORG_UNITS[0]
        >>> events = opening_events("a-1", AALBORG_PERIOD.start, "sundhedssamtale", unit)
        >>> [e.kind.label_en for e in events]
        ['Referred', 'Referral accepted', 'Consent given']
    """
    return (
        Referred(
            citizen_id=citizen_id,
            occurred_on=on,
            recorded_by=_A.JOB_CENTRE,
            unit=unit,
            referral_id=_REFERRAL_ID,
            offer=offer,
            to=_A.HEALTH,
            voluntary=True,
        ),
        ReferralAccepted(
            citizen_id=citizen_id,
            occurred_on=on,
            recorded_by=_A.JOB_CENTRE,
            referral_id=_REFERRAL_ID,
        ),
        ConsentGiven(
            citizen_id=citizen_id,
            occurred_on=on,
            recorded_by=_A.HEALTH,
            unit=unit,
            to=_A.JOB_CENTRE,
            purpose=ConsentPurpose.COORDINATION,
            categories=frozenset({InformationCategory.HEALTH}),
        ),
    )


def conversation_held(
    citizen_id: str, on: dt.date, unit: str, kind: ConversationKind
) -> ConversationHeld:
    """A conversation the health department held with the citizen under their referral.

    Args:
        citizen_id: The citizen's pseudonym.
        on: The day of the conversation.
        unit: Where it was held: a job centre unit of tabel 1, or
            ``Center for Mental Sundhed`` for Flex.
        kind: A health conversation (tabel 1) or a preparatory conversation (Flex).
    """
    return ConversationHeld(
        citizen_id=citizen_id,
        occurred_on=on,
        recorded_by=_A.HEALTH,
        unit=unit,
        conversation=kind,
        referral_id=_REFERRAL_ID,
    )


def referred_onward(
    citizen_id: str, on: dt.date, unit: str, destination: str, to: Administration | None
) -> ReferredOnward:
    """An onward referral the health worker of ``unit`` made, as counted in tabel 2.

    Args:
        citizen_id: The citizen's pseudonym.
        on: The day of the referral (the day of the citizen's last conversation).
        unit: The job centre unit of tabel 1.
        destination: Where the citizen was referred, a destination of tabel 2.
        to: The destination's administration, if it is one.
    """
    return ReferredOnward(
        citizen_id=citizen_id,
        occurred_on=on,
        recorded_by=_A.HEALTH,
        unit=unit,
        destination=destination,
        to=to,
    )


def _conversation_pathways(rng: random.Random) -> Iterator[Pathway]:
    destinations = [
        d for d, n in zip(AALBORG_DESTINATIONS, _REFERRALS, strict=True) for _ in range(n)
    ]
    rng.shuffle(destinations)
    number = 0
    for unit, (citizens, talks, referrals, referred) in _UNITS.items():
        per_citizen = _spread(talks, citizens)
        onward = _spread(referrals, referred) + [0] * (citizens - referred)
        rng.shuffle(onward)
        for count, sent in zip(per_citizen, onward, strict=True):
            number += 1
            cid = f"aalborg-{number:03d}"
            last_start = AALBORG_PERIOD.end - dt.timedelta(days=28 * count)
            on = _day(rng, AALBORG_PERIOD.start, last_start)
            events = list(opening_events(cid, on, "sundhedssamtale", unit))
            for _ in range(count):
                events.append(
                    conversation_held(cid, on, unit, ConversationKind.HEALTH_CONVERSATION)
                )
                on += dt.timedelta(days=rng.randint(7, 28))
            last_talk = events[-1].occurred_on
            for _ in range(sent):
                destination, to = destinations.pop()
                events.append(referred_onward(cid, last_talk, unit, destination, to))
            yield Pathway(citizen_id=cid, events=tuple(events))


def _flex_start(rng: random.Random, status: InterventionStatus) -> dt.date:
    """The day the team course starts, or would.

    A course under way at the end of the period began within its last eight weeks; the
    others ended, or were given up, before it.
    """
    end = AALBORG_PERIOD.end
    if status is InterventionStatus.IN_PROGRESS:
        return _day(rng, end - dt.timedelta(days=_COURSE_DAYS - 1), end)
    if status is InterventionStatus.AWAITING:
        return end + dt.timedelta(days=7)
    return _day(rng, dt.date(2018, 3, 1), end - dt.timedelta(days=_COURSE_DAYS + 1))


def _flex_outcome(
    rng: random.Random, cid: str, status: InterventionStatus, start: dt.date
) -> Iterator[Event]:
    def mark(kind: Callable[..., Event], on: dt.date) -> Event:
        return kind(
            citizen_id=cid,
            occurred_on=on,
            recorded_by=_A.HEALTH,
            offer=AALBORG_FLEX_OFFER,
            referral_id=_REFERRAL_ID,
        )

    if status is InterventionStatus.NOT_STARTED:
        yield mark(InterventionNotStarted, start)
    elif status is not InterventionStatus.AWAITING:
        yield mark(InterventionStarted, start)
    if status is InterventionStatus.COMPLETED:
        yield mark(InterventionCompleted, start + dt.timedelta(days=_COURSE_DAYS))
    elif status is InterventionStatus.DROPPED_OUT:
        yield mark(
            InterventionDroppedOut, start + dt.timedelta(days=rng.randint(7, _COURSE_DAYS - 7))
        )


def _flex_pathways(rng: random.Random) -> Iterator[Pathway]:
    statuses = [status for status, count in _FLEX.items() for _ in range(count)]
    for number, status in enumerate(statuses, start=1):
        cid = f"aalborg-flex-{number:03d}"
        start = _flex_start(rng, status)
        on = start - dt.timedelta(days=7 * _FLEX_CONVERSATIONS + 7)
        events = list(opening_events(cid, on, AALBORG_FLEX_REFERRAL, None))
        events.extend(
            conversation_held(
                cid, on + dt.timedelta(days=7 * talk), FLEX_LOCATION, ConversationKind.PREPARATORY
            )
            for talk in range(1, _FLEX_CONVERSATIONS + 1)
        )
        events.extend(_flex_outcome(rng, cid, status, start))
        yield Pathway(citizen_id=cid, events=tuple(events))


@functools.cache
def aalborg_pathways() -> tuple[Pathway, ...]:
    """The Aalborg example log: 179 health-conversation pathways and 80 Flex pathways.

    Report the Flex status with ``intervention_status(..., offer=AALBORG_FLEX_OFFER,
    via=AALBORG_FLEX_REFERRAL)``, so that citizens still in the conversations count.

    The same call always gives the same log (a fixed seed); see the module notes for what
    is published and what is invented.
    """
    rng = random.Random(_SEED)  # noqa: S311 - reproducible example data, not security
    return (*_conversation_pathways(rng), *_flex_pathways(rng))
