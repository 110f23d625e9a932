"""The consent ledger: how the consent events of a pathway's timeline decide a disclosure.

The consent events of a pathway's timeline form a ledger. What decides whether information
of a category may pass from a ``source`` administration to ``to`` for a purpose, in this
order (helhed's reading of the sources; the Pathways and consent page has the table with its
citations):

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

helhed's reading, not the sources': that a purpose is required (3), that a refusal ends
consents as a withdrawal does (4, 5), and the timing below. The sources ask for consent and say
nothing of purposes, refusals or ties; each choice leans towards the citizen.

A withdrawal or refusal counts from its moment: a disclosure on a later day, or later the same
day, is not covered by a consent given before it. When the two happened on the same day and
not both have a time of day, the withdrawal counts - the citizen wins the tie. A consent
recorded after a disclosure of the same day (and not shown earlier by its time) does not
cover it.

The questions and the audit built on the ledger are in [`helhed.consent`][helhed.consent].
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from helhed._validation import unchecked
from helhed._values import frozen_fields
from helhed.errors import require
from helhed.organisation import Administration
from helhed.pathways.events import (
    ConsentGiven,
    ConsentPurpose,
    ConsentRefused,
    ConsentWithdrawn,
    InformationCategory,
    happened_after,
)
from helhed.pathways.pathway import ConsentRecord, Pathway
from helhed.sources import Citation, Reason

# Ledger, Moment and moment_in serve helhed.consent only; they are not part of the API.
__all__ = ["CONSENT_NEEDED", "LEGAL_BASIS", "DisclosureDecision", "Refusal", "refusal"]

CONSENT_NEEDED = Citation("SST2019", "kap. 3")
"""Where the sources say that sharing between administrations needs the citizen's consent:
"krav om, at borgeren skal give samtykke til at dele personlige oplysninger mellem
forvaltninger og myndigheder"."""

LEGAL_BASIS = Citation("ODENSE2015", "pkt. 4, gruppe 3")
# ODENSE2015 pkt. 4, gruppe 3: "På sundhedsområdet har man ikke notatpligt men altid
# underretningspligt"; the same passage asks that the citizen be told from the start.
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


@attrs.frozen
class Moment:
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


class Ledger:
    """The consent events of a timeline, to judge disclosures against."""

    __slots__ = ("entries",)

    def __init__(self, pathway: Pathway) -> None:
        """Read the consent events of ``pathway``'s timeline, in order."""
        self.entries = [
            _Entry(rank, index, event)  # type: ignore[arg-type]  # one of the kinds asked
            for rank, index, event in pathway.of_kinds(
                (ConsentGiven, ConsentWithdrawn, ConsentRefused)
            )
        ]

    def decide(  # noqa: PLR0913 - the question has this many parts
        self,
        category: InformationCategory,
        to: Administration,
        *,
        purpose: ConsentPurpose | None,
        source: Administration | None,
        moment: Moment,
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
        moment: Moment,
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
        self, to: Administration, purpose: ConsentPurpose, moment: Moment
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

    def _other_purposes(self, to: Administration, moment: Moment) -> bool:
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


def _counts_at(entry: _Entry, moment: Moment) -> bool:
    """True if the withdrawal or refusal ``entry`` has taken effect at ``moment``.

    It has when it comes before the moment in the timeline, or happened the same day and not
    surely later in the day: the citizen wins a tie.
    """
    if entry.rank < moment.rank:
        return True
    event = entry.event
    return not happened_after(event.occurred_on, event.at, moment.day, moment.at)


def _reason(code: str, text_da: str, text_en: str, citation: Citation) -> Reason:
    """A reason whose code and texts are made here from labels and days, never blank.

    Built without running its checks again (see ``unchecked``); a test rebuilds reasons
    through the constructor.
    """
    return unchecked(Reason, code=code, text_da=text_da, text_en=text_en, citation=citation)


def _same_administration(to: Administration) -> Reason:
    return _reason(
        "consent.same_administration",
        f"Oplysningerne bliver i {to.label_da.lower()}; der kræves ikke samtykke.",
        f"The information stays within {to.label_en.lower()}; no consent is needed.",
        CONSENT_NEEDED,
    )


def _on_legal_basis(basis: str) -> Reason:
    return _reason(
        "consent.legal_basis",
        f"Videregivet med hjemmel i {basis}, ikke på samtykke.",
        f"Passed on under {basis}, not on consent.",
        LEGAL_BASIS,
    )


def _in_force(category: InformationCategory, to: Administration, consent: ConsentRecord) -> Reason:
    end = consent.ends_on
    until = ("", "") if end is None else (f" til og med {end}", f" until {end}")
    return _reason(
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
    require(category, InformationCategory, "category", "must be an InformationCategory")
    require(to, Administration, "to", "must be an Administration")
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
    return _reason(f"consent.{why}", text_da, text_en, citation)


def moment_in(pathway: Pathway, on: dt.date, at: dt.time | None = None) -> Moment:
    """The moment ``on`` at ``at`` (without a time, the end of the day) in ``pathway``.

    Its rank is where an event of that day and time would go in the timeline: before the
    first event that surely happened later.
    """
    for rank, other in enumerate(pathway.timeline):
        if happened_after(other.occurred_on, other.at, on, at):
            return Moment(on, at, rank)
    return Moment(on, at, len(pathway.timeline))
