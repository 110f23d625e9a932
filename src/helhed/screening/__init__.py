"""Screening instruments and progression, in the style of python-stdnum.

Each instrument is a module with the same functions - ``validate(answers)``,
``score(answers)`` and ``interpret(result, on=date)`` - found by name in a registry:

* ``who5`` ([`who5`][helhed.screening.who5]): well-being, 0-25, percentage 0-100 (WHO5);
* ``audit`` ([`audit`][helhed.screening.audit]): alcohol use, 0-40, four risk zones
  (AUDIT2001);
* ``audit-c`` ([`audit_c`][helhed.screening.audit_c]): alcohol consumption, 0-12 (AUDITC);
* ``alcohol`` ([`alcohol`][helhed.screening.alcohol]): units against the dated guidance
  (SST1990ALK, SST2022ALK);
* ``vba`` ([`vba`][helhed.screening.vba]): the three steps of Very Brief Advice (VBA,
  HALSNAES).

Bad answers - missing, out of range, too few or too many - raise
[`ValidationError`][helhed.errors.ValidationError] naming each item; nothing is imputed.
[`progression`][helhed.screening.progression] compares results over time. Scores are health
data and never show in a ``repr``.

Examples:
    >>> import datetime as dt
    >>> tool = get_instrument("who5")
    >>> tool.interpret(tool.score([1, 1, 2, 1, 1]), on=dt.date(2024, 3, 4)).band.code
    'likely_depression'
"""

from helhed.screening import alcohol, audit, audit_c, progression, vba, who5
from helhed.screening._base import Band, Bands, Interpretation, Score, Sex
from helhed.screening._registry import (
    INSTRUMENTS,
    QUESTIONNAIRES,
    Questionnaire,
    get_instrument,
    questionnaire,
)

__all__ = [
    "INSTRUMENTS",
    "QUESTIONNAIRES",
    "Band",
    "Bands",
    "Interpretation",
    "Questionnaire",
    "Score",
    "Sex",
    "alcohol",
    "audit",
    "audit_c",
    "get_instrument",
    "progression",
    "questionnaire",
    "vba",
    "who5",
]
