"""Protocol rules: small, composable checks over pathways, each with an id, severity and citation.

One module per rule kind, each holding the rule's class and the function that builds it
(`helhed.rules.within`: [`Within`][helhed.rules.Within] and
[`within`][helhed.rules.within.within]); what they share - findings, severities, event matches and
the `Rule` base class - is in `helhed.rules.base`, and [`Protocol`][helhed.rules.Protocol] in
`helhed.rules.protocol`. Every public name is importable from `helhed.rules` itself.

A rule looks at one pathway as it stood on a day and yields
[`Finding`][helhed.rules.Finding] values, or nothing when the pathway keeps it. A
population rule looks at many pathways at once (a caseload limit, say). Rules are built from a
few combinators:

* [`within`][helhed.rules.within.within]: after each ``after`` event, an ``expect`` event
  follows within N days;
* [`precedes`][helhed.rules.precedes.precedes]: every ``then`` event has a ``first`` event
  before it;
* [`forbid`][helhed.rules.forbid.forbid]: no event of this description may occur;
* [`every`][helhed.rules.every.every]: every event of this description meets a condition;
* [`requires_consent`][helhed.rules.requires_consent.requires_consent]: information of a category
  reaches an administration only with consent in force;
* [`parallel`][helhed.rules.parallel.parallel]: two administrations' interventions overlap in
  time rather than follow each other;
* [`at_most_per`][helhed.rules.at_most_per.at_most_per]: a member of staff in a role has at most
  N citizens (a population rule).

The kinds the law, the models and the cases need beyond these are rule kinds of their own,
each in its module: the coordinating caseworker's right
([`CoordinatingCaseworkerAssigned`][helhed.rules.CoordinatingCaseworkerAssigned],
[`OneCoordinatingCaseworker`][helhed.rules.OneCoordinatingCaseworker]), the first sickness
benefit follow-up ([`FirstFollowUpByWeek8`][helhed.rules.FirstFollowUpByWeek8]), a plan
across professions ([`PlanSpansProfessions`][helhed.rules.PlanSpansProfessions]), progression
on the baseline's instrument ([`SameInstrument`][helhed.rules.SameInstrument]), a
re-screening at a course's end ([`RescreenedAtEnd`][helhed.rules.RescreenedAtEnd]) and
support after a job starts ([`SupportUntilSettled`][helhed.rules.SupportUntilSettled]).
[`RULE_KINDS`][helhed.rules.kinds.RULE_KINDS] lists every kind by its code.

Events are picked by [`when`][helhed.rules.when]: their kinds, and optionally who
recorded them, which administration they go to and more, down to a named condition from
[`helhed.rules.conditions`][helhed.rules.conditions] (``where``); ``every`` takes such a
condition too. A protocol built only from these kinds and conditions holds no code, so it can
be written as a document and checked in columns.

Days are counted as calendar days after the day of the triggering event: within 7 days of an
acceptance on Monday 4 March means on or before Monday 11 March; on 12 March it is late.

A [`Protocol`][helhed.rules.Protocol] bundles rules with the collaboration model,
target groups and funding bases it is for, and with its *permissions*: what the protocol
deliberately does not demand, such as Halsnæs's absence of a duty to report back.

Examples:
    >>> from helhed.organisation import Administration as A
    >>> from helhed.pathways.events import ContactMade, ReferralAccepted
    >>> from helhed.sources import Citation
    >>> rule = within(
    ...     7, after=when(ReferralAccepted, to=A.HEALTH),
    ...     expect=when(ContactMade, recorded_by=A.HEALTH),
    ...     id="contact-within-a-week", citation=Citation("HALSNAES"),
    ...     text_da="Kontakt inden for en uge.", text_en="Contact within one week.")
    >>> rule.id, rule.severity.code
    ('contact-within-a-week', 'fejl')
"""

from helhed.rules.at_most_per import AtMostPer, at_most_per
from helhed.rules.base import Finding, Match, PopulationRule, Rule, Severity, when
from helhed.rules.caseworkers import CoordinatingCaseworkerAssigned, OneCoordinatingCaseworker
from helhed.rules.conditions import CONDITIONS, Condition
from helhed.rules.every import Every, every
from helhed.rules.first_follow_up import FirstFollowUpByWeek8
from helhed.rules.forbid import Forbid, forbid
from helhed.rules.kinds import RULE_KINDS, kind_of
from helhed.rules.parallel import Parallel, parallel
from helhed.rules.plan_professions import PlanSpansProfessions
from helhed.rules.precedes import Precedes, precedes
from helhed.rules.protocol import Protocol
from helhed.rules.requires_consent import RequiresConsent, requires_consent
from helhed.rules.rescreened import RescreenedAtEnd
from helhed.rules.same_instrument import SameInstrument
from helhed.rules.settled import SupportUntilSettled
from helhed.rules.within import Within, within

__all__ = [
    "CONDITIONS",
    "RULE_KINDS",
    "AtMostPer",
    "Condition",
    "CoordinatingCaseworkerAssigned",
    "Every",
    "Finding",
    "FirstFollowUpByWeek8",
    "Forbid",
    "Match",
    "OneCoordinatingCaseworker",
    "Parallel",
    "PlanSpansProfessions",
    "PopulationRule",
    "Precedes",
    "Protocol",
    "RequiresConsent",
    "RescreenedAtEnd",
    "Rule",
    "SameInstrument",
    "Severity",
    "SupportUntilSettled",
    "Within",
    "at_most_per",
    "every",
    "forbid",
    "kind_of",
    "parallel",
    "precedes",
    "requires_consent",
    "when",
    "within",
]
