"""Invented pathways run through the Halsnæs protocol, with breaches to show what a check finds.

**The data is invented**, to show the rules at work; it says nothing about Halsnæs. The size
(56 referrals) is the number the source reports (HALSNAES); who accepted, when the health
department made contact and which pathways break a rule are drawn from a fixed seed, with
about one contact in eight made later than the week the protocol allows, a few pathways run
one after the other instead of in parallel, one referral that was not voluntary, and a few
disclosures to the job centre without consent.

Examples:
    >>> import datetime as dt
    >>> from helhed.pathways.compliance import check
    >>> from helhed.cases.halsnaes import HALSNAES
    >>> report = check(halsnaes_pathways(), HALSNAES, on=dt.date(2020, 12, 31))
    >>> report.pathways, report.ok
    (56, False)
"""

from __future__ import annotations

import datetime as dt
import functools
import random

from helhed.cases.halsnaes import REFERRED
from helhed.organisation import Administration, Role
from helhed.pathways.events import (
    CaseworkerAssigned,
    ConsentGiven,
    ConsentPurpose,
    ContactMade,
    ConversationHeld,
    ConversationKind,
    Event,
    InformationCategory,
    InformationDisclosed,
    InterventionCompleted,
    InterventionStarted,
    ReferralAccepted,
    ReferralDeclined,
    Referred,
)
from helhed.pathways.pathway import Pathway

__all__ = ["HALSNAES_CHECK_DATE", "HALSNAES_SIZE", "halsnaes_pathways"]

HALSNAES_CHECK_DATE = dt.date(2021, 12, 31)
"""The day the demo and the service's example check the log on: after its last event."""

HALSNAES_SIZE = REFERRED
"""How many citizens the source says were referred to a clarifying health conversation."""

_A = Administration
_SEED = 2020
_FIRST = dt.date(2019, 1, 7)


def _pathway(rng: random.Random, number: int) -> Pathway:
    cid = f"halsnaes-{number:02d}"
    on = _FIRST + dt.timedelta(days=rng.randint(0, 600))
    events: list[Event] = [
        Referred(
            citizen_id=cid,
            occurred_on=on,
            recorded_by=_A.JOB_CENTRE,
            referral_id="r-1",
            offer="afklarende sundhedssamtale",
            to=_A.HEALTH,
            voluntary=number != 13,
        ),
        CaseworkerAssigned(
            citizen_id=cid,
            occurred_on=on,
            recorded_by=_A.JOB_CENTRE,
            staff_id=f"jc-{rng.randint(1, 4)}",
            role=Role.CASEWORKER,
        ),
    ]
    if rng.random() < 0.15:
        events.append(
            ReferralDeclined(
                citizen_id=cid, occurred_on=on, recorded_by=_A.JOB_CENTRE, referral_id="r-1"
            )
        )
        return Pathway(citizen_id=cid, events=tuple(events))
    events.append(
        ReferralAccepted(
            citizen_id=cid, occurred_on=on, recorded_by=_A.JOB_CENTRE, referral_id="r-1"
        )
    )
    on += dt.timedelta(days=rng.randint(1, 6) if rng.random() < 0.875 else rng.randint(8, 14))
    events.append(
        ContactMade(citizen_id=cid, occurred_on=on, recorded_by=_A.HEALTH, referral_id="r-1")
    )
    on += dt.timedelta(days=rng.randint(3, 10))
    asked = rng.random() < 0.8
    if asked:
        events.append(
            ConsentGiven(
                citizen_id=cid,
                occurred_on=on,
                recorded_by=_A.HEALTH,
                to=_A.JOB_CENTRE,
                purpose=ConsentPurpose.COORDINATION,
                categories=frozenset({InformationCategory.HEALTH}),
            )
        )
    events.append(
        ConversationHeld(
            citizen_id=cid,
            occurred_on=on,
            recorded_by=_A.HEALTH,
            conversation=ConversationKind.CLARIFYING_HEALTH_CONVERSATION,
            referral_id="r-1",
        )
    )
    health_start = on + dt.timedelta(days=rng.randint(7, 21))
    health_end = health_start + dt.timedelta(days=70)
    sequential = rng.random() < 0.1
    job_start = (
        health_end + dt.timedelta(days=rng.randint(7, 30))
        if sequential
        else max(on, health_start + dt.timedelta(days=rng.randint(-14, 30)))
    )
    job_end = job_start + dt.timedelta(days=84)
    spans = [
        (health_start, health_end, _A.HEALTH, "motion og trivsel"),
        (job_start, job_end, _A.JOB_CENTRE, "virksomhedspraktik"),
    ]
    marks: list[tuple[dt.date, int, Event]] = []
    for start, end, by, offer in spans:
        for order, (kind, day) in enumerate(
            ((InterventionStarted, start), (InterventionCompleted, end))
        ):
            marks.append(
                (day, order, kind(citizen_id=cid, occurred_on=day, recorded_by=by, offer=offer))
            )
    if rng.random() < 0.25:
        told = health_start + dt.timedelta(days=rng.randint(14, 60))
        marks.append(
            (
                told,
                2,
                InformationDisclosed(
                    citizen_id=cid,
                    occurred_on=told,
                    recorded_by=_A.HEALTH,
                    source=_A.HEALTH,
                    to=_A.JOB_CENTRE,
                    category=InformationCategory.HEALTH,
                    purpose=ConsentPurpose.COORDINATION,
                ),
            )
        )
    events.extend(event for _, _, event in sorted(marks, key=lambda m: (m[0], m[1])))
    return Pathway(citizen_id=cid, events=tuple(events))


@functools.cache
def halsnaes_pathways() -> tuple[Pathway, ...]:
    """The 56 invented pathways; the same call always gives the same log."""
    rng = random.Random(_SEED)  # noqa: S311 - reproducible example data, not security
    return tuple(_pathway(rng, number) for number in range(1, HALSNAES_SIZE + 1))
