"""Where a citizen stands in a pathway: one vocabulary of stages and the one rule that sets them.

[`PathwayStage`][helhed.pathways.stages.PathwayStage] names the stages; the simulation, the
exports, the reports, the plots and ``helhed demo`` all speak of stages in it.
[`STAGE_OF_KIND`][helhed.pathways.stages.STAGE_OF_KIND] is the one rule that says which
stage an event puts the citizen in, by the event's kind:

| event | stage |
|---|---|
| ``Referred`` (also a later referral) | ``referred`` |
| ``ReferralAccepted`` | ``accepted`` |
| ``ReferralDeclined`` | ``declined`` |
| ``ContactMade``, ``ConversationHeld``, ``AssessmentHeld`` | ``contacted`` |
| ``InterventionStarted`` | ``in_intervention`` |
| ``InterventionCompleted`` | ``completed`` |
| ``InterventionDroppedOut`` | ``dropped_out`` |
| ``InterventionNotStarted`` | ``not_started`` |
| ``JobOrEducationStarted`` | ``job_or_education`` |
| ``PathwayClosed`` | ``closed`` |

Every other event (consents, plans, screenings, benefits, caseworkers, ...) leaves the stage
as it was. The stage of a pathway is that of the last event with a stage on its timeline,
the events in force in the order they happened
([`stage_after`][helhed.pathways.stages.stage_after]); when several happen on one day, the
last counts. The grouping is helhed's reading: the Health Authority's report describes the
steps of a pathway (SST2019 kap. 5-9) but gives them no such list.

Two stages are the simulation's own: ``not_referred`` (before the referral) and
``waiting`` (contacted, ready to start, on an offer's waiting list for a seat). No event puts
a citizen in them; the log records no waiting, so a citizen waiting for a seat is
``contacted`` in every table read from events.

The codes are those the simulation, its parameters and the exports used before the stages
were one vocabulary, so saved tables stay valid; they are English, unlike the Danish codes of
the other enums, because they were released so. Two earlier export codes are still read:
``in_contact`` (now ``accepted`` or ``contacted``) as ``contacted``, and ``job`` (the
simulation's) as ``job_or_education``.

A stage is also a ``str`` equal to its code, so ``table["completed"]`` finds the entry of
``PathwayStage.COMPLETED`` in a table keyed by stages.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ReferralDeclined, Referred
    >>> day = dt.date(2024, 3, 4)
    >>> events = [
    ...     Referred(citizen_id="c-1", occurred_on=day, recorded_by=A.JOB_CENTRE,
    ...              referral_id="r-1", offer="rygestop", to=A.HEALTH, voluntary=True),
    ...     ReferralDeclined(citizen_id="c-1", occurred_on=day + dt.timedelta(days=2),
    ...                      recorded_by=A.HEALTH, referral_id="r-1"),
    ... ]
    >>> stage_after(events)
    PathwayStage.DECLINED
    >>> stage_after(events, on=day).label_en, stage_after(events).label("da")
    ('Referred', 'Afslået')
    >>> PathwayStage.from_code("in_contact"), PathwayStage.DECLINED == "declined"
    (PathwayStage.CONTACTED, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Self

from helhed._coded import CodedEnum
from helhed._validation import items_of, require_day
from helhed.errors import require
from helhed.language import Language, LanguageLike
from helhed.language import label as label_in
from helhed.pathways.events import Event, EventKind

__all__ = [
    "EVENT_STAGES",
    "STAGE_OF_KIND",
    "PathwayStage",
    "stage_after",
    "stage_of",
]


class PathwayStage(str, CodedEnum):  # noqa: SLOT000 - members carry labels in their __dict__
    """The stage a citizen is in: ``(code, label_da, label_en)``, in the order of a pathway.

    ``NOT_REFERRED`` and ``WAITING`` are the simulation's own: no event puts a citizen in
    them (see the [module][helhed.pathways.stages]). A member equals its code as a string.
    """

    NOT_REFERRED = ("not_referred", "Ikke henvist", "Not referred")
    REFERRED = ("referred", "Henvist", "Referred")
    ACCEPTED = ("accepted", "Accepteret", "Accepted")
    DECLINED = ("declined", "Afslået", "Declined")
    CONTACTED = ("contacted", "Kontaktet", "Contacted")
    WAITING = ("waiting", "Venter på plads", "Waiting for a seat")
    IN_INTERVENTION = ("in_intervention", "I indsats", "In intervention")
    COMPLETED = ("completed", "Gennemført", "Completed")
    DROPPED_OUT = ("dropped_out", "Faldet fra", "Dropped out")
    NOT_STARTED = ("not_started", "Ikke startet", "Not started")
    JOB_OR_EDUCATION = ("job_or_education", "Job eller uddannelse", "Job or education")
    CLOSED = ("closed", "Afsluttet", "Closed")

    def __new__(cls, code: str, label_da: str, label_en: str) -> Self:
        """Build a member: a ``str`` equal to ``code``, with its labels."""
        member = str.__new__(cls, code)
        member._value_ = code
        member.label_da = label_da
        member.label_en = label_en
        return member

    # Equal to its code, so it must hash as its code does.
    __hash__ = str.__hash__

    def label(self, lang: LanguageLike = Language.EN) -> str:
        """The label in ``lang``, a Language or its code (``"da"``, ``"en"``; English by default).

        Raises:
            ValidationError: If ``lang`` is neither.
        """
        return label_in(self, lang)

    @classmethod
    def from_code(cls, code: str) -> Self:
        """The member with ``code``; the earlier codes ``in_contact`` and ``job`` are read too.

        Raises:
            ValidationError: If no member has that code.
        """
        given: object = code  # any value may be asked for; only a str can be an earlier code
        if isinstance(given, str) and given in _EARLIER:
            code = _EARLIER[given]
        return super().from_code(code)


_EARLIER: Mapping[str, str] = MappingProxyType(
    {"in_contact": "contacted", "job": "job_or_education"}
)
"""Codes used before the stages were one vocabulary, and the code each is read as."""

STAGE_OF_KIND: Mapping[EventKind, PathwayStage] = MappingProxyType(
    {
        EventKind.REFERRED: PathwayStage.REFERRED,
        EventKind.REFERRAL_ACCEPTED: PathwayStage.ACCEPTED,
        EventKind.REFERRAL_DECLINED: PathwayStage.DECLINED,
        EventKind.CONTACT_MADE: PathwayStage.CONTACTED,
        EventKind.CONVERSATION_HELD: PathwayStage.CONTACTED,
        EventKind.ASSESSMENT_HELD: PathwayStage.CONTACTED,
        EventKind.INTERVENTION_STARTED: PathwayStage.IN_INTERVENTION,
        EventKind.INTERVENTION_COMPLETED: PathwayStage.COMPLETED,
        EventKind.INTERVENTION_DROPPED_OUT: PathwayStage.DROPPED_OUT,
        EventKind.INTERVENTION_NOT_STARTED: PathwayStage.NOT_STARTED,
        EventKind.JOB_OR_EDUCATION_STARTED: PathwayStage.JOB_OR_EDUCATION,
        EventKind.PATHWAY_CLOSED: PathwayStage.CLOSED,
    }
)
"""The stage each kind of event puts the citizen in; a kind not here leaves the stage as it was.

The one home of this rule: everything that reads stages from events reads them here.
"""

EVENT_STAGES: tuple[PathwayStage, ...] = tuple(
    stage for stage in PathwayStage if stage in STAGE_OF_KIND.values()
)
"""The stages an event can put a citizen in, in the order of ``PathwayStage``."""


def stage_of(event: Event) -> PathwayStage | None:
    """The stage ``event`` puts the citizen in, by its kind; None if it leaves the stage as it was.

    Examples:
        >>> import datetime as dt
        >>> from helhed.organisation import Administration as A
        >>> from helhed.pathways.events import PathwayClosed
        >>> stage_of(PathwayClosed(citizen_id="c-1", occurred_on=dt.date(2024, 3, 4),
        ...                        recorded_by=A.JOB_CENTRE))
        PathwayStage.CLOSED

    Raises:
        ValidationError: If ``event`` is not an event.
    """
    require(event, Event, "event", "must be an Event")
    return STAGE_OF_KIND.get(event.KIND)


def stage_after(events: Iterable[Event], *, on: dt.date | None = None) -> PathwayStage | None:
    """The stage after ``events`` (a timeline, in the order they happened), up to ``on``.

    Args:
        events: The events in the order they happened, as a pathway's ``timeline`` gives them.
        on: Read only the events up to and including this day; None reads them all.

    Returns:
        The stage of the last event with a stage, or None if no event has one (the citizen
        is not referred yet).

    Raises:
        ValidationError: If ``events`` is not a collection of events or ``on`` is not a date.
    """
    listed = items_of(events, Event, "events")
    if on is not None:
        require_day(on, "on")
    stage = None
    for event in listed:
        if on is not None and event.occurred_on > on:
            break
        found = STAGE_OF_KIND.get(event.KIND)
        if found is not None:
            stage = found
    return stage
