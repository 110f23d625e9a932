"""Building consent logs for the consent tests: one citizen, days counted from ``D``."""

import datetime as dt

from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway

A = Administration
D = dt.date(2024, 3, 4)  # day 0
HEALTH = ev.InformationCategory.HEALTH
SOCIAL = ev.InformationCategory.SOCIAL
COORDINATION = ev.ConsentPurpose.COORDINATION
WORK_ABILITY = ev.ConsentPurpose.WORK_ABILITY


def at(days):
    """The day ``days`` after ``D``."""
    return D + dt.timedelta(days=days)


def make(kind, day=0, by=A.HEALTH, **fields):
    """An event of ``kind`` for citizen c-1 on day ``day``, recorded by ``by``."""
    return kind(citizen_id="c-1", occurred_on=at(day), recorded_by=by, **fields)


def opened(*more):
    """A pathway opened by a voluntary referral to the health department on day 0."""
    first = ev.Referred(
        citizen_id="c-1",
        occurred_on=D,
        recorded_by=A.JOB_CENTRE,
        referral_id="r-1",
        offer="sundhedssamtale",
        to=A.HEALTH,
        voluntary=True,
    )
    return Pathway.of([first, *more])


def given_(day, to=A.JOB_CENTRE, purpose=COORDINATION, categories=(HEALTH,), **fields):
    """A consent given on day ``day`` for passing ``categories`` to ``to`` for ``purpose``."""
    return make(
        ev.ConsentGiven, day, to=to, purpose=purpose, categories=frozenset(categories), **fields
    )
