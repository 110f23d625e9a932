"""The sickness benefit follow-up deadline as a protocol: ``sygedagpenge`` (SDL § 13 b).

The municipality holds the first follow-up conversation with a sick-listed citizen "senest
inden udgangen af ottende uge regnet fra første fraværsdag" (Sygedagpengeloven § 13 b,
stk. 1, 2. pkt.). The last day is the one [`eight_week_limit`][helhed.sickness.eight_week_limit]
gives - the first day of absence plus 55 days - so the figure has one home.

For a first day of absence on Monday 6 January 2025 the last day is Sunday 2 March 2025:

    >>> import datetime as dt
    >>> from helhed.benefits import Benefit
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways import events as ev
    >>> from helhed.pathways.compliance import check
    >>> from helhed.pathways.pathway import Pathway
    >>> day = dt.date(2025, 1, 6)
    >>> opened = ev.Referred(
    ...     citizen_id="c-1", occurred_on=day, recorded_by=A.JOB_CENTRE, referral_id="r-1",
    ...     offer="sygedagpengeopfølgning", to=A.JOB_CENTRE, voluntary=False,
    ... )
    >>> sick = ev.BenefitChanged(
    ...     citizen_id="c-1", occurred_on=day, recorded_by=A.JOB_CENTRE,
    ...     benefit=Benefit.SICKNESS_BENEFIT,
    ... )
    >>> late = ev.ConversationHeld(
    ...     citizen_id="c-1", occurred_on=dt.date(2025, 3, 3), recorded_by=A.JOB_CENTRE,
    ...     conversation=ev.ConversationKind.FOLLOW_UP,
    ... )
    >>> pathway = Pathway.of([opened, sick, late])
    >>> (finding,) = check([pathway], SICKNESS_FOLLOW_UP, on=dt.date(2025, 3, 31)).findings
    >>> [str(d) for d in finding.dates]
    ['2025-01-06', '2025-03-03']
    >>> print(finding.text_en.split(". ", 1)[1])  # doctest: +NORMALIZE_WHITESPACE
    Sickness benefit from 2025-01-06; first follow-up conversation on 2025-03-03, one day after
    the last day, 2025-03-02.

## What helhed reads from a pathway (helhed's reading)

* **The first day of absence** is the day of the
  [`BenefitChanged`][helhed.pathways.events.BenefitChanged] event that puts the citizen on
  sickness benefit (``sygedagpenge``). No event carries the first day of absence itself;
  dating the change of funding basis on it needs no new field, and a citizen's funding basis
  is sickness benefit from that day. A case system should date the event on the first day of
  absence, not on the day the municipality took over payment. Where the pathway opens later
  than that (a pathway opens with a referral), the change can only be dated later, so the
  deadline is counted from a later day: the check may then miss a late conversation, never
  invent one.
* **A spell** of sickness benefit runs from that event to the next change to another
  funding basis (or none) or the closing of the pathway. A spell that ends on or before the
  last day needs no conversation: recovery within the 8 weeks is category 1, where the
  municipality decides the follow-up itself (§ 13 a, stk. 2). A spell still running after
  the last day is judged as a case of § 13 b, as the pathway does not record the category.
* **A follow-up conversation** is a [`ConversationHeld`][helhed.pathways.events.ConversationHeld]
  of kind ``opfoelgning`` within the spell, whoever records it.

## Dates

The deadline holds for spells from 19 January 2018 (the § 12 rule table's first row). It
was unchanged by the repeal of category 3 on 1 January 2025 (bill L 74 2024/25 only made
§ 13 b speak of category 2 and added "jf. dog § 13 f"). Lov nr. 1750 af 29.12.2025 changes
the follow-up of the sick-listed from 1 February or 1 July 2026, in a text helhed has not
read, so spells whose first day of absence is on or after the § 12 table's horizon
(1 February 2026) are not judged. What the protocol leaves out: the earlier deadline after
a request for early follow-up (§ 13 b, stk. 2; no event records the request) and the number
of later conversations (§ 13 b, stk. 1, 1. pkt.; since 2025 § 13 f spares some employed
citizens, which a pathway cannot tell).
"""

from __future__ import annotations

from helhed.benefits import Benefit
from helhed.rules import FirstFollowUpByWeek8, Protocol
from helhed.sources import Citation, Reason, Stated

__all__ = ["SICKNESS_FOLLOW_UP", "FirstFollowUpByWeek8"]

_SDL13B = Citation("SDL", "§ 13 b, stk. 1")


SICKNESS_FOLLOW_UP = Protocol(
    id="sygedagpenge",
    name_da="Opfølgning i sygedagpengesager",
    name_en="Follow-up in sickness benefit cases",
    funding=frozenset({Benefit.SICKNESS_BENEFIT}),
    rules=(
        FirstFollowUpByWeek8(
            id="sygedagpenge.foerste_opfoelgning",
            citation=_SDL13B,
            text_da="Første opfølgning sker senest inden udgangen af 8. uge regnet fra første "
            "fraværsdag.",
            text_en="The first follow-up takes place before the end of week 8 counted from "
            "the first day of absence.",
            basis=Stated(
                "Der følges op første gang senest inden udgangen af ottende uge regnet fra "
                "første fraværsdag"
            ),
        ),
    ),
    permissions=(
        Reason(
            "sygedagpenge.kategori_1",
            "Ender sygedagpengeforløbet inden for de 8 uger (kategori 1), fastlægger kommunen "
            "selv opfølgningen.",
            "When the sickness benefit spell ends within the 8 weeks (category 1), the "
            "municipality decides the follow-up itself.",
            Citation("SDL", "§ 13 a, stk. 2"),
        ),
    ),
    citation=_SDL13B,
)
"""The statutory first follow-up deadline of sickness benefit cases (SDL § 13 b, stk. 1)."""
