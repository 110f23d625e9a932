"""Funding bases (forsørgelsesgrundlag) and the dated rules attached to them.

[`Benefit`][helhed.benefits.Benefit] names every funding basis the sources speak of. For a
benefit on a date, [`benefit_rules`][helhed.benefits.benefit_rules] answers four questions,
each from its own dated table, each answer cited:

* is the benefit open, closed to new citizens, or abolished (``LIFECYCLE``)?
* does LAB require a holistic intervention (``HOLISTIC_INTERVENTION``, SST2019 4.1)?
* does the citizen have a right to a coordinating caseworker (``COORDINATING_CASEWORKER``,
  SST2019 4.1 and fn. 7)?
* which target groups does the benefit typically belong to (``TYPICAL_GROUPS``,
  SST2019 4.1-4.3)?

The first rows take effect on 19 January 2018, the date of the most recent law text SST2019
cites (Sygedagpengeloven, LBK nr. 38 af 19/01/2018): they encode the law as SST2019 describes
it. Reforms since are later rows:

* 1 January 2020, the renaming of the 2019 "paradigm shift" (bill L 140 2018/19):
  integration benefit becomes self-support and return benefit (newly arrived refugees) and
  transition benefit (others).
* 1 July 2025, the cash benefit reform (lov nr. 1655 af 30.12.2024): education benefit,
  self-support and return benefit and transition benefit merge into cash benefit;
  education-ready cash benefit appears.
* 1 July 2026, the first phase of the employment reform (lov nr. 1750 af 29.12.2025) is in
  force in full: no new resource courses.

Lov nr. 1750 takes effect in two steps, 1 February and 1 July 2026, and which step closes
resource courses is not read. Answers for days from 1 February to 30 June 2026 that depend on
it repeat the earlier rule and are marked ``beyond_known_law``, with the reason. Phase two of
the employment reform (a new LAB, and a law on sanctions and sickness benefit, both expected
in force 1 January 2027) is not encoded, so every table's horizon is 1 January 2027: answers
from that day are marked ``beyond_known_law`` too.

Examples:
    >>> import datetime as dt
    >>> rules = benefit_rules(Benefit.CASH_BENEFIT_ACTIVITY_READY, on=dt.date(2024, 3, 1))
    >>> rules.coordinating_caseworker, rules.holistic_intervention
    (True, True)
    >>> sorted(g.code for g in rules.typical_groups)
    ['hoejrisiko']
"""

from helhed.benefits._codes import Benefit, BenefitStatus, Lifecycle
from helhed.benefits._lookup import BenefitRules, benefit_rules, rule_boundaries
from helhed.benefits._tables import (
    COORDINATING_CASEWORKER,
    FIRST_RULE_DATE,
    HOLISTIC_INTERVENTION,
    LIFECYCLE,
    PHASE_ONE_WINDOW_REASON,
    PHASE_TWO_REASON,
    RENAMING_2020,
    TYPICAL_GROUPS,
)

__all__ = [
    "COORDINATING_CASEWORKER",
    "FIRST_RULE_DATE",
    "HOLISTIC_INTERVENTION",
    "LIFECYCLE",
    "PHASE_ONE_WINDOW_REASON",
    "PHASE_TWO_REASON",
    "RENAMING_2020",
    "TYPICAL_GROUPS",
    "Benefit",
    "BenefitRules",
    "BenefitStatus",
    "Lifecycle",
    "benefit_rules",
    "rule_boundaries",
]
