"""Building pathways for the rule tests: days counted from ``D``, a Monday."""

import datetime as dt

from helhed.organisation import Administration
from helhed.sources import Citation, Reading

A = Administration
D = dt.date(2024, 3, 4)  # a Monday
CITE = Citation("HALSNAES")
TEXT = {"text_da": "Regel.", "text_en": "Rule."}
READING = Reading("Fordi kilden er tavs.", "Because the source is silent.")


def at(days):
    """The day ``days`` after ``D``."""
    return D + dt.timedelta(days=days)


def make(kind, day=0, by=A.HEALTH, cid="c-1", **fields):
    """An event of ``kind`` for citizen ``cid`` on day ``day``, recorded by ``by``."""
    return kind(citizen_id=cid, occurred_on=at(day), recorded_by=by, **fields)
