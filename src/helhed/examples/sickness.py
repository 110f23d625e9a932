"""Invented sickness benefit pathways for the ``sygedagpenge`` protocol (SDL § 13 b).

Five citizens sick-listed in January 2025, each a pathway opened on the first day of absence
(the job centre's follow-up of the sickness benefit case) and put on sickness benefit that
day. Their first follow-up conversations fall on, after and without the last day, and one
recovers within the 8 weeks. Checked on [`SICKNESS_CHECK_DATE`][helhed.examples.sickness]:

    >>> from helhed.pathways.compliance import check
    >>> from helhed.pathways.sickness_follow_up import SICKNESS_FOLLOW_UP
    >>> report = check(sickness_pathways(), SICKNESS_FOLLOW_UP, on=SICKNESS_CHECK_DATE)
    >>> [(f.citizen_id, [str(d) for d in f.dates]) for f in report.findings]
    [('syg-02', ['2025-01-13', '2025-03-17']), ('syg-03', ['2025-01-20', '2025-03-16'])]

No real person is behind any record.
"""

from __future__ import annotations

import datetime as dt

from helhed.benefits import Benefit
from helhed.organisation import Administration
from helhed.pathways.events import (
    BenefitChanged,
    ConversationHeld,
    ConversationKind,
    Event,
    PathwayClosed,
    Referred,
)
from helhed.pathways.pathway import Pathway

__all__ = ["SICKNESS_CHECK_DATE", "sickness_pathways"]

SICKNESS_CHECK_DATE = dt.date(2025, 6, 30)
"""The day the example pathways are checked: after every last day of week 8."""

_A = Administration.JOB_CENTRE

# citizen, first day of absence, first follow-up conversation (or None), day off sickness
# benefit (or None). Last days of week 8 (first + 55 days), worked by hand: 6 Jan -> 2 Mar,
# 13 Jan -> 9 Mar, 20 Jan -> 16 Mar, 27 Jan -> 23 Mar.
_CASES: tuple[tuple[str, dt.date, dt.date | None, dt.date | None], ...] = (
    ("syg-01", dt.date(2025, 1, 6), dt.date(2025, 2, 24), None),  # in week 8
    ("syg-02", dt.date(2025, 1, 13), dt.date(2025, 3, 17), None),  # 8 days late
    ("syg-03", dt.date(2025, 1, 20), None, None),  # none at all
    ("syg-04", dt.date(2025, 1, 27), None, dt.date(2025, 3, 3)),  # fit in week 6: category 1
    ("syg-05", dt.date(2025, 1, 6), dt.date(2025, 3, 2), dt.date(2025, 5, 5)),  # on the last day
)


def _pathway(cid: str, first: dt.date, talk: dt.date | None, off: dt.date | None) -> Pathway:
    events: list[Event] = [
        Referred(
            citizen_id=cid,
            occurred_on=first,
            recorded_by=_A,
            referral_id="r-1",
            offer="sygedagpengeopfølgning",
            to=_A,
            voluntary=False,
        ),
        BenefitChanged(
            citizen_id=cid, occurred_on=first, recorded_by=_A, benefit=Benefit.SICKNESS_BENEFIT
        ),
    ]
    if talk is not None:
        events.append(
            ConversationHeld(
                citizen_id=cid,
                occurred_on=talk,
                recorded_by=_A,
                conversation=ConversationKind.FOLLOW_UP,
            )
        )
    if off is not None:
        back = BenefitChanged(
            citizen_id=cid, occurred_on=off, recorded_by=_A, benefit=Benefit.EMPLOYED
        )
        events += [back, PathwayClosed(citizen_id=cid, occurred_on=off, recorded_by=_A)]
    return Pathway.of(events)


def sickness_pathways() -> list[Pathway]:
    """The five invented sickness benefit pathways, by citizen id."""
    return [_pathway(*case) for case in _CASES]
