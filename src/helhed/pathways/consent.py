"""Consent to pass information about a citizen between administrations: a ledger the citizen wins.

Job centre and health department are separate administrations; sharing personal information
between them needs the citizen's consent (SST2019 kap. 3: "krav om, at borgeren skal give
samtykke til at dele personlige oplysninger mellem forvaltninger og myndigheder"; Silkeborg
shares rehabilitation data only with consent, SST2019 7.2). Citizens should be told from the
start how information is exchanged (ODENSE2015 pkt. 4, gruppe 3: "Borgeren skal oplyses fra
start ift. udveksling af oplysninger").

What decides, in order, is set out in [`helhed.pathways.ledger`][helhed.pathways.ledger]: the
source being the receiver, a statutory basis, a missing purpose, a consent in force, and
otherwise the newest fact - a withdrawal, a refusal, an expired or a narrower consent, or
none. The default is no, and the citizen's withdrawal always wins.

Disclosures are events ([`InformationDisclosed`][helhed.pathways.events.InformationDisclosed]),
so the pathway's log is the audit trail; [`audit`][helhed.consent.audit] judges every
disclosure in it with all that the log now knows, and lists disclosures on a statutory basis
and annulled disclosures apart.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ConsentGiven, ConsentPurpose, InformationCategory as C
    >>> from helhed.pathways.events import Referred
    >>> from helhed.pathways.pathway import Pathway
    >>> pathway = Pathway.of([
    ...     Referred(citizen_id="c-1", occurred_on=dt.date(2024, 3, 4), recorded_by=A.JOB_CENTRE,
    ...              referral_id="r-1", offer="sundhedssamtale", to=A.HEALTH, voluntary=True),
    ...     ConsentGiven(citizen_id="c-1", occurred_on=dt.date(2024, 3, 6), recorded_by=A.HEALTH,
    ...                  to=A.JOB_CENTRE, purpose=ConsentPurpose.COORDINATION,
    ...                  categories=frozenset({C.HEALTH})),
    ... ])
    >>> ask = dict(to=A.JOB_CENTRE, purpose=ConsentPurpose.COORDINATION, source=A.HEALTH)
    >>> may_disclose(pathway, C.HEALTH, on=dt.date(2024, 3, 5), **ask).allowed
    False
    >>> decision = may_disclose(pathway, C.HEALTH, on=dt.date(2024, 3, 6), **ask)
    >>> decision.allowed, decision.reasons[0].code
    (True, 'consent.in_force')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.errors import ConsentError, ValidationError
from helhed.organisation import Administration
from helhed.pathways.events import ConsentPurpose, InformationCategory, InformationDisclosed
from helhed.pathways.ledger import (
    CONSENT_NEEDED,
    LEGAL_BASIS,
    DisclosureDecision,
    Ledger,
    Moment,
    Refusal,
    moment_in,
    refusal,
)
from helhed.pathways.pathway import ConsentRecord, Pathway

__all__ = [
    "CONSENT_NEEDED",
    "LEGAL_BASIS",
    "Audit",
    "AuditEntry",
    "DisclosureDecision",
    "Refusal",
    "audit",
    "consents_in_force",
    "disclose",
    "disclose_by_law",
    "may_disclose",
    "refusal",
]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class AuditEntry:
    """One disclosure in a pathway's log and the decision it meets.

    Attributes:
        index: Position of the disclosure event in the log (for a pathway cut by ``until``,
            in the log it was cut from).
        event: The disclosure; it carries when it happened and when it was recorded.
        decision: Whether it was allowed, judged with all the log now knows.
        annulled_by: Position of the annulment, for a disclosure annulled as entered in error
            (in the same log as ``index``).
    """

    index: int
    event: InformationDisclosed
    decision: DisclosureDecision
    annulled_by: int | None = None


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Audit:
    """Every disclosure in a pathway's log, in three lists, each in log order.

    Attributes:
        citizen_id: The citizen.
        on_consent: Disclosures in force that rest on consent, each judged against the
            ledger.
        on_legal_basis: Disclosures in force on a statutory basis; never counted as consent.
        annulled: Disclosures annulled as entered in error, with the decision they would
            have met.
    """

    citizen_id: str
    on_consent: tuple[AuditEntry, ...]
    on_legal_basis: tuple[AuditEntry, ...]
    annulled: tuple[AuditEntry, ...]

    @property
    def without_consent(self) -> tuple[AuditEntry, ...]:
        """The disclosures in force that rest on consent but had none covering them."""
        return tuple(e for e in self.on_consent if not e.decision.allowed)

    def __iter__(self) -> Iterator[AuditEntry]:
        """Every entry, in log order."""
        return iter(sorted((*self.on_consent, *self.on_legal_basis, *self.annulled), key=_at))


def _at(entry: AuditEntry) -> int:
    return entry.index


def _check_question(  # noqa: PLR0913 - the question has this many parts
    pathway: object,
    category: object,
    *,
    to: object,
    on: object,
    purpose: object,
    source: object,
    source_required: bool,
) -> Checker:
    check = Checker()
    check.expect(isinstance(pathway, Pathway), "pathway", "must be a Pathway")
    check.member(category, InformationCategory, "category")
    check.member(to, Administration, "to")
    check.day(on, "on")
    check.member(purpose, ConsentPurpose, "purpose")
    check.member(source, Administration, "source", optional=not source_required)
    return check


def consents_in_force(pathway: Pathway, on: dt.date) -> tuple[ConsentRecord, ...]:
    """The consents in force at the end of ``on``, oldest first.

    Consents withdrawn or refused since, or past their end date, are left out.

    Raises:
        ValidationError: If ``pathway`` is not a Pathway or ``on`` is not a date.
    """
    check = Checker()
    check.expect(isinstance(pathway, Pathway), "pathway", "must be a Pathway")
    check.day(on, "on")
    check.done()
    return tuple(c for c in pathway.state_on(on).consents if c.lasts_until(on))


def may_disclose(  # noqa: PLR0913 - the question has this many parts
    pathway: Pathway,
    category: InformationCategory,
    *,
    to: Administration,
    on: dt.date,
    purpose: ConsentPurpose,
    source: Administration | None = None,
) -> DisclosureDecision:
    """May ``category`` information about the citizen pass to ``to`` for ``purpose`` on ``on``?

    The default is no. It is yes only when ``source`` - the administration holding the
    information - is ``to`` itself, or a consent covers the category, the receiver and the
    purpose at the end of ``on`` (see the module notes for the order of what decides). Every
    event that happened up to and including ``on`` counts, however late it was recorded; a
    withdrawal on ``on`` ends the consents before it.

    Args:
        pathway: The citizen's pathway, whose log holds their consents.
        category: The category of information.
        to: The administration that would receive it.
        on: The day; events of that day count.
        purpose: What the information would be used for; required, as a consent covers
            only its own purpose.
        source: The administration holding the information, if known.

    Raises:
        ValidationError: If an argument is not of its type.
    """
    _check_question(
        pathway, category, to=to, on=on, purpose=purpose, source=source, source_required=False
    ).done()
    return Ledger(pathway).decide(
        category, to, purpose=purpose, source=source, moment=moment_in(pathway, on)
    )


def disclose(  # noqa: PLR0913 - a disclosure has this many facts
    pathway: Pathway,
    category: InformationCategory,
    *,
    to: Administration,
    on: dt.date,
    by: Administration,
    source: Administration,
    purpose: ConsentPurpose,
    at: dt.time | None = None,
    unit: str | None = None,
    recorder: str | None = None,
) -> Pathway:
    """Record a disclosure on consent in the log, if a consent in force allows it.

    Args:
        pathway: The citizen's pathway.
        category: The category of information.
        to: The administration receiving it.
        on: The day it is passed on (and recorded).
        by: The administration recording the event (either side).
        source: The administration holding the information; not ``to``.
        purpose: What it is passed on for.
        at: The time of day, where known.
        unit: The recording unit, where it matters.
        recorder: The member of staff recording it, where known.

    Returns:
        The pathway with an ``InformationDisclosed`` event appended.

    Raises:
        ValidationError: If an argument is not of its type, or ``source`` is ``to``.
        ConsentError: If no consent covers the disclosure; nothing is recorded then.
        TransitionError: If the event cannot be recorded (e.g. ``on`` is too early).
    """
    check = _check_question(
        pathway, category, to=to, on=on, purpose=purpose, source=source, source_required=True
    )
    check.member(by, Administration, "by")
    check.expect(source is not to, "source", "must not be the receiver; nothing is disclosed")
    check.done()
    check = Checker()
    check.time(at, "at", optional=True)
    check.done()
    decision = Ledger(pathway).decide(
        category, to, purpose=purpose, source=source, moment=moment_in(pathway, on, at)
    )
    if not decision.allowed:
        msg = (
            f"{category.label_en} may not be disclosed to {to.label_en.lower()} on {on}: "
            + decision.reasons[0].text_en
        )
        raise ConsentError(msg, decision)
    return _recorded(
        pathway, category, to=to, on=on, by=by, source=source, purpose=purpose, at=at,
        unit=unit, recorder=recorder, legal_basis=None,
    )  # fmt: skip


def disclose_by_law(  # noqa: PLR0913 - a disclosure has this many facts
    pathway: Pathway,
    category: InformationCategory,
    *,
    to: Administration,
    on: dt.date,
    by: Administration,
    source: Administration,
    legal_basis: str,
    purpose: ConsentPurpose | None = None,
    at: dt.time | None = None,
    unit: str | None = None,
    recorder: str | None = None,
) -> Pathway:
    """Record a disclosure that rests on a statutory basis instead of consent.

    helhed does not judge the basis: the case system names the provision (e.g. a duty to
    notify) and answers for it. The event is never counted as consent, and the audit lists
    it apart from the disclosures on consent.

    Args:
        pathway: The citizen's pathway.
        category: The category of information.
        to: The administration receiving it.
        on: The day it is passed on (and recorded).
        by: The administration recording the event.
        source: The administration holding the information; not ``to``.
        legal_basis: The provision, as the case system cites it; not blank.
        purpose: What it is passed on for, where one of the consent purposes fits.
        at: The time of day, where known.
        unit: The recording unit, where it matters.
        recorder: The member of staff recording it, where known.

    Returns:
        The pathway with an ``InformationDisclosed`` event appended.

    Raises:
        ValidationError: If an argument is not of its type, or the event is not valid.
        TransitionError: If the event cannot be recorded.
    """
    check = Checker()
    check.expect(isinstance(pathway, Pathway), "pathway", "must be a Pathway")
    check.done()
    return _recorded(
        pathway, category, to=to, on=on, by=by, source=source, purpose=purpose, at=at,
        unit=unit, recorder=recorder, legal_basis=legal_basis,
    )  # fmt: skip


def _recorded(  # noqa: PLR0913 - a disclosure has this many facts
    pathway: Pathway,
    category: InformationCategory,
    *,
    to: Administration,
    on: dt.date,
    by: Administration,
    source: Administration,
    purpose: ConsentPurpose | None,
    at: dt.time | None,
    unit: str | None,
    recorder: str | None,
    legal_basis: str | None,
) -> Pathway:
    """The pathway with the disclosure recorded on ``on``."""
    disclosure = InformationDisclosed(
        citizen_id=pathway.citizen_id,
        occurred_on=on,
        at=at,
        recorded_by=by,
        unit=unit,
        recorder=recorder,
        source=source,
        to=to,
        category=category,
        purpose=purpose,
        legal_basis=legal_basis,
    )
    return pathway.append(disclosure)


def audit(pathway: Pathway) -> Audit:
    """Judge every disclosure in the log with all that the log now knows.

    Each disclosure in force is judged at its place in the timeline: a consent counts if it
    came before it, a withdrawal or refusal if it came before it or the same day (unless it
    was surely later that day). A withdrawal recorded late still counts from the day it
    happened. Annulled disclosures are judged where they would have stood.

    Raises:
        ValidationError: If ``pathway`` is not a Pathway.
    """
    if not isinstance(pathway, Pathway):
        raise ValidationError.at("pathway", "must be a Pathway")
    ledger = Ledger(pathway)
    rank_of = {index: rank for rank, index, _ in pathway.of_kinds((InformationDisclosed,))}
    origin = pathway.origin
    # the annulments in the numbering the entries use: for a cut pathway, the log it came from
    corrected = pathway.annulled
    annulled = {origin[event]: origin[by] for event, by in corrected.items()} if corrected else {}
    lists: tuple[list[AuditEntry], list[AuditEntry], list[AuditEntry]] = ([], [], [])
    for index, event in zip(origin, pathway.events, strict=True):
        if not isinstance(event, InformationDisclosed):
            continue
        rank = rank_of.get(index)
        moment = (
            moment_in(pathway, event.occurred_on, event.at)
            if rank is None
            else Moment(event.occurred_on, event.at, rank)
        )
        decision = ledger.decide(
            event.category,
            event.to,
            purpose=event.purpose,
            source=event.source,
            moment=moment,
            legal_basis=event.legal_basis,
        )
        entry = AuditEntry(
            index=index, event=event, decision=decision, annulled_by=annulled.get(index)
        )
        kind = 2 if entry.annulled_by is not None else 1 if event.legal_basis else 0
        lists[kind].append(entry)
    return Audit(
        citizen_id=pathway.citizen_id,
        on_consent=tuple(lists[0]),
        on_legal_basis=tuple(lists[1]),
        annulled=tuple(lists[2]),
    )
