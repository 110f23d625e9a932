"""Consent to pass information about a citizen between administrations.

Job centre and health department are separate administrations; sharing personal information
between them needs the citizen's consent (SST2019 kap. 3; Silkeborg shares rehabilitation
data only with consent, SST2019 7.2). A consent is given to one receiving administration, for
one purpose and some categories of information, on a day; it can be withdrawn. Citizens
should be told from the start how information is exchanged and asked before anything is
passed to the caseworker (ODENSE2015 pkt. 4, gruppe 3).

The answer of [`may_disclose`][helhed.consent.may_disclose] is *no* unless a consent in force
covers the disclosure, and it always says why. Disclosures are events
([`InformationDisclosed`][helhed.pathways.events.InformationDisclosed]), so the pathway's log
is the audit trail; [`audit`][helhed.consent.audit] judges every disclosure in it against the
consents in force at that moment, in log order.

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
    >>> may_disclose(pathway, C.HEALTH, to=A.JOB_CENTRE, on=dt.date(2024, 3, 5)).allowed
    False
    >>> decision = may_disclose(pathway, C.HEALTH, to=A.JOB_CENTRE, on=dt.date(2024, 3, 6))
    >>> decision.allowed, decision.reasons[0].code
    (True, 'consent.in_force')
"""

from __future__ import annotations

import datetime as dt

import attrs

from helhed.errors import ConsentError
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConsentGiven,
    ConsentPurpose,
    ConsentRefused,
    ConsentWithdrawn,
    Event,
    InformationCategory,
    InformationDisclosed,
)
from helhed.pathways.pathway import ConsentRecord, Pathway
from helhed.sources import Citation, Reason

__all__ = [
    "CONSENT_NEEDED",
    "AuditEntry",
    "DisclosureDecision",
    "audit",
    "consents_in_force",
    "disclose",
    "may_disclose",
    "refusal",
]

CONSENT_NEEDED = Citation("SST2019", "kap. 3")
"""Where the sources say that sharing between administrations needs the citizen's consent."""

_ASKED_FIRST = Citation("ODENSE2015", "pkt. 4, gruppe 3")


@attrs.frozen(kw_only=True)
class DisclosureDecision:
    """Whether information may pass to an administration on a day, and why.

    Attributes:
        allowed: True only if a consent in force covers the disclosure, or it stays within
            one administration.
        category: The category of information.
        to: The receiving administration.
        on: The day asked about.
        purpose: The purpose asked about; None for any purpose.
        consent: The consent relied on, when allowed by consent.
        reasons: Why, each with its citation.
    """

    allowed: bool
    category: InformationCategory
    to: Administration
    on: dt.date
    purpose: ConsentPurpose | None
    consent: ConsentRecord | None
    reasons: tuple[Reason, ...]


@attrs.frozen(kw_only=True)
class AuditEntry:
    """One disclosure in a pathway's log and the decision it met when it was made.

    Attributes:
        index: Position of the disclosure event in the log.
        event: The disclosure.
        decision: Whether consent covered it at that moment.
    """

    index: int
    event: InformationDisclosed
    decision: DisclosureDecision


class _Ledger:
    """Consents, withdrawals and refusals seen so far while walking a log in order."""

    __slots__ = ("in_force", "refused", "withdrawn")

    def __init__(self) -> None:
        self.in_force: list[ConsentRecord] = []
        self.withdrawn: dict[tuple[Administration, ConsentPurpose], dt.date] = {}
        self.refused: dict[tuple[Administration, ConsentPurpose], dt.date] = {}

    def take(self, event: Event, index: int) -> None:
        match event:
            case ConsentGiven():
                self.in_force.append(ConsentRecord.of(event, index))
            case ConsentWithdrawn(to=to, purpose=purpose):
                self.in_force = ConsentRecord.withdraw(self.in_force, to, purpose)
                self.withdrawn[to, purpose] = event.occurred_on
            case ConsentRefused(to=to, purpose=purpose):
                self.refused[to, purpose] = event.occurred_on

    def decide(
        self,
        category: InformationCategory,
        to: Administration,
        on: dt.date,
        purpose: ConsentPurpose | None,
        source: Administration | None,
    ) -> DisclosureDecision:
        def answer(reason: Reason, consent: ConsentRecord | None = None) -> DisclosureDecision:
            return DisclosureDecision(
                allowed=consent is not None or source is to,
                category=category,
                to=to,
                on=on,
                purpose=purpose,
                consent=consent,
                reasons=(reason,),
            )

        what = (category.label_da.lower(), category.label_en.lower())
        if source is to:
            return answer(
                Reason(
                    "consent.same_administration",
                    f"Oplysningerne bliver i {to.label_da.lower()}; der kræves ikke samtykke.",
                    f"The information stays within {to.label_en.lower()}; no consent is needed.",
                    CONSENT_NEEDED,
                )
            )
        for consent in self.in_force:
            if consent.covers(category, to, purpose):
                return answer(
                    Reason(
                        "consent.in_force",
                        f"Borgeren gav {consent.given_on} samtykke til, at {what[0]} må gives "
                        f"til {to.label_da.lower()} ({consent.purpose.label_da.lower()}).",
                        f"On {consent.given_on} the citizen consented to {what[1]} being passed "
                        f"to {to.label_en.lower()} ({consent.purpose.label_en.lower()}).",
                        CONSENT_NEEDED,
                    ),
                    consent,
                )
        return answer(self._why_not(category, to, purpose))

    def _why_not(
        self,
        category: InformationCategory,
        to: Administration,
        purpose: ConsentPurpose | None,
    ) -> Reason:
        latest: dict[str, dt.date | None] = {"withdrawn": None, "refused": None}
        for kind, seen in (("withdrawn", self.withdrawn), ("refused", self.refused)):
            days = [
                day
                for (whom, why), day in seen.items()
                if whom is to and (purpose is None or why is purpose)
            ]
            latest[kind] = max(days, default=None)
        return refusal(
            category,
            to,
            purpose,
            covered=any(c.to is to for c in self.in_force),
            withdrawn=latest["withdrawn"],
            refused=latest["refused"],
        )


def refusal(  # noqa: PLR0913 - the facts a refusal rests on
    category: InformationCategory,
    to: Administration,
    purpose: ConsentPurpose | None,
    *,
    covered: bool,
    withdrawn: dt.date | None,
    refused: dt.date | None,
) -> Reason:
    """Why information of ``category`` may not reach ``to``: the reason a "no" carries.

    Args:
        category: The information asked about.
        to: The receiving administration.
        purpose: The purpose asked about, if any.
        covered: A consent to ``to`` is in force, but for other information or purposes;
            this explains more than an older "no" and wins.
        withdrawn: The latest withdrawal of consent to ``to`` that applies, if any.
        refused: The latest refusal to consent to ``to`` that applies, if any; the later of
            a withdrawal and a refusal is the reason, a withdrawal on a tie.
    """
    recipient = (to.label_da.lower(), to.label_en.lower())
    if covered:
        return Reason(
            "consent.not_covered",
            f"Samtykket til {recipient[0]} dækker ikke {category.label_da.lower()}"
            + ("" if purpose is None else f" til {purpose.label_da.lower()}")
            + ".",
            f"The consent to {recipient[1]} does not cover {category.label_en.lower()}"
            + ("" if purpose is None else f" for {purpose.label_en.lower()}")
            + ".",
            CONSENT_NEEDED,
        )
    if withdrawn is not None and (refused is None or withdrawn >= refused):
        return Reason(
            "consent.withdrawn",
            f"Borgeren tilbagekaldte {withdrawn} sit samtykke til {recipient[0]}; "
            "intet må videregives.",
            f"The citizen withdrew their consent to {recipient[1]} on {withdrawn}; nothing "
            "may be passed on.",
            CONSENT_NEEDED,
        )
    if refused is not None:
        return Reason(
            "consent.refused",
            f"Borgeren sagde {refused} nej til at give samtykke til {recipient[0]}.",
            f"On {refused} the citizen declined to consent to {recipient[1]}.",
            _ASKED_FIRST,
        )
    return Reason(
        "consent.none",
        f"Der er intet samtykke til at give oplysninger til {recipient[0]}; svaret er nej.",
        f"No consent to pass information to {recipient[1]} is in force; the answer is no.",
        CONSENT_NEEDED,
    )


def _ledger(pathway: Pathway, on: dt.date) -> _Ledger:
    ledger = _Ledger()
    for index, event in enumerate(pathway.until(on).events):
        ledger.take(event, index)
    return ledger


def consents_in_force(pathway: Pathway, on: dt.date) -> tuple[ConsentRecord, ...]:
    """The consents in force at the end of ``on``, oldest first."""
    return pathway.state_on(on).consents


def may_disclose(  # noqa: PLR0913 - the question has this many parts
    pathway: Pathway,
    category: InformationCategory,
    *,
    to: Administration,
    on: dt.date,
    purpose: ConsentPurpose | None = None,
    source: Administration | None = None,
) -> DisclosureDecision:
    """May ``category`` information about the citizen pass to ``to`` at the end of ``on``?

    The default is no. It is yes when a consent in force covers the category and the
    receiving administration (and ``purpose``, when one is given), or when ``source`` - the
    administration holding the information - is ``to`` itself.

    Args:
        pathway: The citizen's pathway, whose log holds their consents.
        category: The category of information.
        to: The administration that would receive it.
        on: The day; events of that day count.
        purpose: The purpose of the disclosure; None accepts a consent for any purpose.
        source: The administration holding the information, if known.
    """
    return _ledger(pathway, on).decide(category, to, on, purpose, source)


def disclose(  # noqa: PLR0913 - a disclosure has this many facts
    pathway: Pathway,
    category: InformationCategory,
    *,
    to: Administration,
    on: dt.date,
    by: Administration,
    purpose: ConsentPurpose | None = None,
    unit: str | None = None,
) -> Pathway:
    """Record a disclosure in the log, if consent allows it.

    Returns:
        The pathway with an ``InformationDisclosed`` event appended.

    Raises:
        ConsentError: If no consent covers the disclosure; nothing is recorded then.
        TransitionError: If the event cannot follow the log (e.g. ``on`` is too early).
    """
    decision = may_disclose(pathway, category, to=to, on=on, purpose=purpose, source=by)
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
            recorded_by=by,
            unit=unit,
            to=to,
            category=category,
            purpose=purpose,
        )
    )


def audit(pathway: Pathway) -> tuple[AuditEntry, ...]:
    """Judge every disclosure in the log against the consents in force when it was made.

    Events are taken in log order, so a consent recorded after a disclosure on the same day
    does not cover it.
    """
    ledger = _Ledger()
    entries: list[AuditEntry] = []
    for index, event in enumerate(pathway.events):
        if isinstance(event, InformationDisclosed):
            decision = ledger.decide(
                event.category, event.to, event.occurred_on, event.purpose, event.recorded_by
            )
            entries.append(AuditEntry(index=index, event=event, decision=decision))
        ledger.take(event, index)
    return tuple(entries)
