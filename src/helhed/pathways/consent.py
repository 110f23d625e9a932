"""Consent to pass information about a citizen between administrations: a ledger the citizen wins.

Job centre and health department are separate administrations; sharing personal information
between them needs the citizen's consent (SST2019 kap. 3: "krav om, at borgeren skal give
samtykke til at dele personlige oplysninger mellem forvaltninger og myndigheder"; Silkeborg
shares rehabilitation data only with consent, SST2019 7.2). Citizens should be told from the
start how information is exchanged (ODENSE2015 pkt. 4, gruppe 3: "Borgeren skal oplyses fra
start ift. udveksling af oplysninger").

The consent events of a pathway's timeline form a ledger. What decides whether information
of a category may pass from a ``source`` administration to ``to`` for a purpose, in this
order (helhed's reading of the sources; docs/pathways.md has the table):

1. ``consent.same_administration``: the source is the receiver; nothing passes between
   administrations, so no consent is needed. Who *recorded* a disclosure never counts here.
2. ``consent.legal_basis``: a disclosure recorded with a statutory basis (e.g. the duty to
   notify: "altid underretningspligt", ODENSE2015 pkt. 4, gruppe 3) rests on that basis, as
   the case system cites it; it is never counted as consent. Only the audit meets these:
   [`may_disclose`][helhed.consent.may_disclose] answers about consent alone.
3. ``consent.no_purpose``: a consent is given for a purpose, so a disclosure that states none
   is never covered.
4. ``consent.in_force``: a consent to ``to`` for the purpose, covering the category, given
   before the disclosure, not past its end date, and not ended by a later withdrawal or
   refusal for the same administration and purpose. This is the only "yes" on consent.
5. Otherwise no, and the reason is the newest fact about that administration and purpose:
   ``consent.withdrawn`` or ``consent.refused`` (a withdrawal or refusal ends every earlier
   consent from the moment it happened; a newer consent is needed), ``consent.expired`` (the
   newest covering consent has ended), ``consent.not_covered`` (a consent exists but not for
   this category or purpose), ``consent.none``.

A withdrawal or refusal counts from its moment: a disclosure on a later day, or later the same
day, is not covered by a consent given before it. When the two happened on the same day and
not both have a time of day, the withdrawal counts - the citizen wins the tie. A consent
recorded after a disclosure of the same day (and not shown earlier by its time) does not
cover it.

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
from typing import Literal

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.errors import ConsentError
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConsentGiven,
    ConsentPurpose,
    ConsentRefused,
    ConsentWithdrawn,
    InformationCategory,
    InformationDisclosed,
    happened_after,
)
from helhed.pathways.pathway import ConsentRecord, Pathway
from helhed.sources import Citation, Reason

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

CONSENT_NEEDED = Citation("SST2019", "kap. 3")
"""Where the sources say that sharing between administrations needs the citizen's consent."""

LEGAL_BASIS = Citation("ODENSE2015", "pkt. 4, gruppe 3")
"""Where the sources name a basis other than consent: "altid underretningspligt"."""

_ASKED_FIRST = LEGAL_BASIS

Refusal = Literal["no_purpose", "withdrawn", "refused", "expired", "not_covered", "none"]
"""Why information may not pass on consent, as the last part of its reason code."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class DisclosureDecision:
    """Whether information may pass to an administration at a moment, and why.

    Attributes:
        allowed: True if a consent in force covers the disclosure, it stays within one
            administration, or it rests on a statutory basis (``legal_basis``).
        category: The category of information.
        to: The receiving administration.
        on: The day asked about (for a disclosure in the log, the day it happened).
        purpose: The purpose of the disclosure; None only for a disclosure in the log that
            stated none.
        source: The administration holding the information, where known.
        consent: The consent relied on, when allowed by consent.
        legal_basis: The statutory basis relied on, when allowed by one.
        reasons: Why, each with its citation; the first decided.
    """

    allowed: bool
    category: InformationCategory
    to: Administration
    on: dt.date
    purpose: ConsentPurpose | None
    source: Administration | None = None
    consent: ConsentRecord | None = None
    legal_basis: str | None = None
    reasons: tuple[Reason, ...]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class AuditEntry:
    """One disclosure in a pathway's log and the decision it meets.

    Attributes:
        index: Position of the disclosure event in the log.
        event: The disclosure; it carries when it happened and when it was recorded.
        decision: Whether it was allowed, judged with all the log now knows.
        annulled_by: Position of the annulment, for a disclosure annulled as entered in error.
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


@attrs.frozen
class _Moment:
    """Where a disclosure sits: its day and time, and how many timeline events precede it."""

    day: dt.date
    at: dt.time | None
    rank: int


@attrs.frozen
class _Entry:
    """A consent event of the timeline with its rank there and its position in the log."""

    rank: int
    index: int
    event: ConsentGiven | ConsentWithdrawn | ConsentRefused


class _Ledger:
    """The consent events of a timeline, to judge disclosures against."""

    __slots__ = ("entries",)

    def __init__(self, pathway: Pathway) -> None:
        self.entries = [
            _Entry(rank, index, event)
            for rank, (index, event) in enumerate(pathway.numbered)
            if isinstance(event, (ConsentGiven, ConsentWithdrawn, ConsentRefused))
        ]

    def decide(  # noqa: PLR0913 - the question has this many parts
        self,
        category: InformationCategory,
        to: Administration,
        *,
        purpose: ConsentPurpose | None,
        source: Administration | None,
        moment: _Moment,
        legal_basis: str | None = None,
    ) -> DisclosureDecision:
        """Whether ``category`` may pass from ``source`` to ``to`` for ``purpose`` at ``moment``."""
        consent: ConsentRecord | None = None
        if source is to:
            reason = _same_administration(to)
        elif legal_basis is not None:
            reason = _on_legal_basis(legal_basis)
        elif purpose is None:
            reason = refusal(category, to, None, why="no_purpose")
        else:
            reason, consent = self._on_consent(category, to, purpose, moment)
        return DisclosureDecision(
            allowed=consent is not None or source is to or legal_basis is not None,
            category=category,
            to=to,
            on=moment.day,
            purpose=purpose,
            source=source,
            consent=consent,
            legal_basis=legal_basis,
            reasons=(reason,),
        )

    def _on_consent(
        self,
        category: InformationCategory,
        to: Administration,
        purpose: ConsentPurpose,
        moment: _Moment,
    ) -> tuple[Reason, ConsentRecord | None]:
        """The reason of a disclosure on consent, and the consent that covers it, if one does."""
        newest_no, newer = self._since_no(to, purpose, moment)
        for consent in reversed(newer):
            if category in consent.categories and consent.lasts_until(moment.day):
                return _in_force(category, to, consent), consent
        ended = [c for c in newer if category in c.categories]
        if ended:
            return refusal(category, to, purpose, why="expired", day=ended[-1].ends_on), None
        if newer or (newest_no is None and self._other_purposes(to, moment)):
            return refusal(category, to, purpose, why="not_covered"), None
        if newest_no is None:
            return refusal(category, to, purpose, why="none"), None
        no = newest_no.event
        why: Refusal = "withdrawn" if isinstance(no, ConsentWithdrawn) else "refused"
        return refusal(category, to, purpose, why=why, day=no.occurred_on), None

    def _since_no(
        self, to: Administration, purpose: ConsentPurpose, moment: _Moment
    ) -> tuple[_Entry | None, list[ConsentRecord]]:
        """The newest "no" to ``to`` for ``purpose`` in effect at ``moment``, and what came since.

        What came since: the consents for that purpose given before the moment, oldest first.
        """
        newest_no: _Entry | None = None
        newer: list[ConsentRecord] = []
        for entry in self.entries:
            event = entry.event
            if event.to is not to or event.purpose is not purpose:
                continue
            if isinstance(event, ConsentGiven):
                if entry.rank < moment.rank:
                    newer.append(ConsentRecord.of(event, entry.index))
            elif _counts_at(entry, moment):
                newest_no, newer = entry, []
        return newest_no, newer

    def _other_purposes(self, to: Administration, moment: _Moment) -> bool:
        """True if a consent to ``to`` for some purpose is in force at ``moment``."""
        live: dict[ConsentPurpose, bool] = {}
        for entry in self.entries:
            event = entry.event
            if event.to is not to:
                continue
            if isinstance(event, ConsentGiven):
                if entry.rank < moment.rank and (
                    event.ends_on is None or moment.day <= event.ends_on
                ):
                    live[event.purpose] = True
            elif _counts_at(entry, moment):
                live[event.purpose] = False
        return any(live.values())


def _counts_at(entry: _Entry, moment: _Moment) -> bool:
    """True if the withdrawal or refusal ``entry`` has taken effect at ``moment``.

    It has when it comes before the moment in the timeline, or happened the same day and not
    surely later in the day: the citizen wins a tie.
    """
    if entry.rank < moment.rank:
        return True
    event = entry.event
    return not happened_after(event.occurred_on, event.at, moment.day, moment.at)


def _same_administration(to: Administration) -> Reason:
    return Reason(
        "consent.same_administration",
        f"Oplysningerne bliver i {to.label_da.lower()}; der kræves ikke samtykke.",
        f"The information stays within {to.label_en.lower()}; no consent is needed.",
        CONSENT_NEEDED,
    )


def _on_legal_basis(basis: str) -> Reason:
    return Reason(
        "consent.legal_basis",
        f"Videregivet med hjemmel i {basis}, ikke på samtykke.",
        f"Passed on under {basis}, not on consent.",
        LEGAL_BASIS,
    )


def _in_force(category: InformationCategory, to: Administration, consent: ConsentRecord) -> Reason:
    end = consent.ends_on
    until = ("", "") if end is None else (f" til og med {end}", f" until {end}")
    return Reason(
        "consent.in_force",
        f"Borgeren gav {consent.given_on} samtykke til, at {category.label_da.lower()} må gives "
        f"til {to.label_da.lower()} ({consent.purpose.label_da.lower()}){until[0]}.",
        f"On {consent.given_on} the citizen consented to {category.label_en.lower()} being "
        f"passed to {to.label_en.lower()} ({consent.purpose.label_en.lower()}){until[1]}.",
        CONSENT_NEEDED,
    )


def refusal(
    category: InformationCategory,
    to: Administration,
    purpose: ConsentPurpose | None,
    *,
    why: Refusal,
    day: dt.date | None = None,
) -> Reason:
    """The reason a "no" carries: why ``category`` may not reach ``to`` on consent.

    Args:
        category: The information asked about.
        to: The receiving administration.
        purpose: The purpose of the disclosure, if it stated one.
        why: What decided (the reason code is ``consent.<why>``).
        day: The day of the withdrawal or refusal, or the last day of the expired consent.
    """
    recipient = (to.label_da.lower(), to.label_en.lower())
    what = (category.label_da.lower(), category.label_en.lower())
    aim = (
        ("", "")
        if purpose is None
        else (
            f" til {purpose.label_da.lower()}",
            f" for {purpose.label_en.lower()}",
        )
    )
    texts = {
        "no_purpose": (
            f"Videregivelsen af {what[0]} til {recipient[0]} angiver intet formål; et samtykke "
            "gives til et formål og dækker den derfor ikke.",
            f"The disclosure of {what[1]} to {recipient[1]} states no purpose; a consent is "
            "given for a purpose, so none covers it.",
        ),
        "withdrawn": (
            f"Borgeren tilbagekaldte {day} sit samtykke til {recipient[0]}{aim[0]}; intet må "
            "videregives uden et nyt samtykke.",
            f"The citizen withdrew their consent to {recipient[1]}{aim[1]} on {day}; nothing "
            "may be passed on without a new consent.",
        ),
        "refused": (
            f"Borgeren sagde {day} nej til at give samtykke til {recipient[0]}{aim[0]}.",
            f"On {day} the citizen declined to consent to {recipient[1]}{aim[1]}.",
        ),
        "expired": (
            f"Samtykket til {recipient[0]}{aim[0]} gjaldt til og med {day}.",
            f"The consent to {recipient[1]}{aim[1]} ended on {day}.",
        ),
        "not_covered": (
            f"Samtykket til {recipient[0]} dækker ikke {what[0]}{aim[0]}.",
            f"The consent to {recipient[1]} does not cover {what[1]}{aim[1]}.",
        ),
        "none": (
            f"Der er intet samtykke til at give oplysninger til {recipient[0]}; svaret er nej.",
            f"No consent to pass information to {recipient[1]} is in force; the answer is no.",
        ),
    }
    text_da, text_en = texts[why]
    citation = _ASKED_FIRST if why == "refused" else CONSENT_NEEDED
    return Reason(f"consent.{why}", text_da, text_en, citation)


def _moment(pathway: Pathway, on: dt.date, at: dt.time | None = None) -> _Moment:
    """The moment ``on`` at ``at`` (without a time, the end of the day) in ``pathway``.

    Its rank is where an event of that day and time would go in the timeline: before the
    first event that surely happened later.
    """
    for rank, other in enumerate(pathway.timeline):
        if happened_after(other.occurred_on, other.at, on, at):
            return _Moment(on, at, rank)
    return _Moment(on, at, len(pathway.timeline))


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
    return _Ledger(pathway).decide(
        category, to, purpose=purpose, source=source, moment=_moment(pathway, on)
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
    decision = _Ledger(pathway).decide(
        category, to, purpose=purpose, source=source, moment=_moment(pathway, on, at)
    )
    if not decision.allowed:
        msg = (
            f"{category.label_en} may not be disclosed to {to.label_en.lower()} on {on}: "
            + decision.reasons[0].text_en
        )
        raise ConsentError(msg, decision)
    return pathway.append(
        InformationDisclosed(
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
        )
    )


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
    return pathway.append(
        InformationDisclosed(
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
    )


def audit(pathway: Pathway) -> Audit:
    """Judge every disclosure in the log with all that the log now knows.

    Each disclosure in force is judged at its place in the timeline: a consent counts if it
    came before it, a withdrawal or refusal if it came before it or the same day (unless it
    was surely later that day). A withdrawal recorded late still counts from the day it
    happened. Annulled disclosures are judged where they would have stood.

    Raises:
        ValidationError: If ``pathway`` is not a Pathway.
    """
    check = Checker()
    check.expect(isinstance(pathway, Pathway), "pathway", "must be a Pathway")
    check.done()
    ledger = _Ledger(pathway)
    numbered = pathway.numbered
    rank_of = {index: rank for rank, (index, _) in enumerate(numbered)}
    annulled = pathway.annulled
    lists: tuple[list[AuditEntry], list[AuditEntry], list[AuditEntry]] = ([], [], [])
    for index, event in enumerate(pathway.events):
        if not isinstance(event, InformationDisclosed):
            continue
        rank = rank_of.get(index)
        moment = (
            _moment(pathway, event.occurred_on, event.at)
            if rank is None
            else _Moment(event.occurred_on, event.at, rank)
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
