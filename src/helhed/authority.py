"""Who holds the employment authority, and whether the law sets up a rehabilitation team, by date.

SST2019 describes the law of 2019: each municipality's employment effort is run by a job
centre (jobcenter), and a statutory rehabilitation team (rehabiliteringsteam, LOB § 9)
recommends before decisions on resource courses, flex jobs and early-retirement pension.
Model 2's cross-disciplinary teams are compared with that team (SST2019 7).

The first phase of the employment reform, lov nr. 1750 af 29.12.2025, changes both:
"jobcenteret" becomes "kommunen" throughout LAB and the Active Social Policy Act, and the
duty to have a job centre goes; the rehabilitation team goes too, replaced by a combined
description of the citizen's circumstances and mandatory health advice from the health
coordinator (sundhedskoordinator). The act takes effect in two steps, 1 February and 1 July
2026; which step carries these changes is not read. So the tables here have three rows each:
the law SST2019 describes, a row from 1 February 2026 that repeats it (answers in that period
are marked ``beyond_known_law``), and the reformed law from 1 July 2026, when the whole act
applies.

[`Administration.JOB_CENTRE`][helhed.organisation.Administration] keeps its code
``jobcenter``: stored data use it, and it still names the municipality's employment
administration, whatever the municipality calls it. What the law calls the authority on a
day is [`authority_name`][helhed.authority.authority_name]'s answer.

Examples:
    >>> import datetime as dt
    >>> authority_name(on=dt.date(2024, 3, 1)).label_da
    'jobcentret'
    >>> authority_name(on=dt.date(2026, 9, 1)).label_en
    'the municipality'
    >>> authority_name(on=dt.date(2026, 3, 1)).beyond_known_law
    True
    >>> rehabilitation_team(on=dt.date(2026, 9, 1)).required
    False
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from helhed._values import frozen_fields
from helhed.benefits import FIRST_RULE_DATE, PHASE_ONE_WINDOW_REASON, PHASE_TWO_REASON
from helhed.dated import Horizon, InForce, Rule, RuleTable
from helhed.sources import Citation, Reason, Verification

__all__ = [
    "AUTHORITY",
    "REFORM_IN_FULL",
    "REHABILITATION_TEAM",
    "Authority",
    "AuthorityAnswer",
    "RehabilitationTeamAnswer",
    "authority_name",
    "rehabilitation_team",
]

_STEP_ONE = dt.date(2026, 2, 1)
REFORM_IN_FULL = dt.date(2026, 7, 1)
"""The day lov nr. 1750 af 29.12.2025 applies in full: the later of its two in-force days
(1 February and 1 July 2026, per the agency STAR)."""

_KEY = "kommunal_beskaeftigelsesindsats"
_L1750 = Citation("L1750/2025")
_HORIZON = Horizon(dt.date(2027, 1, 1), PHASE_TWO_REASON)

_WINDOW_NOTE = (
    "Lov nr. 1750 træder i kraft 1. februar og 1. juli 2026 (STAR: star.dk/implementering/"
    "beskaeftigelsesreform/svar-paa-spoergsmaal-fra-webinar-den-21-januar-2026); hvilket trin "
    "ændringen hører til, er ikke læst. Rækken gentager reglen fra før loven, og svar i perioden "
    "er markeret uden for kendt ret.",
    "Lov nr. 1750 takes effect on 1 February and 1 July 2026 (the agency STAR: star.dk/"
    "implementering/beskaeftigelsesreform/svar-paa-spoergsmaal-fra-webinar-den-21-januar-2026); "
    "which step the change belongs to is not read. The row repeats the rule from before the "
    "act, and answers in the period are marked beyond known law.",
)


@attrs.frozen(field_transformer=frozen_fields)
class Authority:
    """What the law calls the municipality's employment authority.

    Attributes:
        code: Stable code of the name: ``jobcenter`` or ``kommune``.
        label_da: The name in Danish, in the definite form the law uses.
        label_en: The name in English.
    """

    code: str
    label_da: str
    label_en: str


_JOB_CENTRE = Authority("jobcenter", "jobcentret", "the job centre")
_MUNICIPALITY = Authority("kommune", "kommunen", "the municipality")

AUTHORITY: RuleTable[str, Authority] = RuleTable(
    "employment_authority",
    (
        Rule(
            _KEY,
            FIRST_RULE_DATE,
            _JOB_CENTRE,
            Citation("SST2019", "4.1"),
            Verification.VERIFIED,
            "SST2019 lader jobcentret have myndighedsansvaret.",
            "SST2019 gives the job centre the authority.",
        ),
        Rule(_KEY, _STEP_ONE, _JOB_CENTRE, _L1750, Verification.UNVERIFIED, *_WINDOW_NOTE),
        Rule(
            _KEY,
            REFORM_IN_FULL,
            _MUNICIPALITY,
            Citation("L1750/2025", "§ 1, nr. 1, og § 4, nr. 1"),
            Verification.AGENCY,
            "»jobcenteret« ændres til »kommunen« overalt i LAB (lovforslag L 66 § 1, nr. 1, som "
            "fremsat, elov.dk) og i aktivloven (lovens § 4, nr. 1, gengivet på lovguiden.dk); "
            "kravet om jobcentre ophæves. At hele loven gælder fra 1. juli 2026, hviler på "
            "STAR's side om lovgivningsproces og ikrafttrædelse.",
            "'jobcenteret' becomes 'kommunen' throughout LAB (bill L 66 § 1, no. 1, as "
            "introduced, elov.dk) and the Active Social Policy Act (the act's § 4, no. 1, as "
            "reproduced on lovguiden.dk); the duty to have job centres goes. That the whole act "
            "applies from 1 July 2026 rests on the agency STAR's page on the legislative process "
            "and entry into force.",
        ),
    ),
    _HORIZON,
)
"""What the law calls the municipality's employment authority, by date."""

REHABILITATION_TEAM: RuleTable[str, bool] = RuleTable(
    "rehabilitation_team",
    (
        Rule(
            _KEY,
            FIRST_RULE_DATE,
            value=True,
            citation=Citation("SST2019", "kap. 7"),
            verification=Verification.SECONDARY,
            note_da="SST2019 sammenligner model 2's teams med det lovbestemte "
            "rehabiliteringsteam; kravet står i LOB § 9 (læst på elov.dk).",
            note_en="SST2019 compares model 2's teams with the statutory rehabilitation team; "
            "the requirement is LOB § 9 (read on elov.dk).",
        ),
        Rule(
            _KEY,
            _STEP_ONE,
            value=True,
            citation=_L1750,
            verification=Verification.UNVERIFIED,
            note_da=_WINDOW_NOTE[0],
            note_en=_WINDOW_NOTE[1],
        ),
        Rule(
            _KEY,
            REFORM_IN_FULL,
            value=False,
            citation=_L1750,
            verification=Verification.SECONDARY,
            note_da="Kravet om rehabiliteringsteam fjernes og erstattes af en samlet beskrivelse "
            "af borgerens forudsætninger og obligatorisk sundhedsfaglig rådgivning fra "
            "sundhedskoordinatoren (lovguiden.dk's resumé af L 66; aktivlovens § 13 mister "
            "»fra et møde i rehabiliteringsteamet« ved lovens § 4, nr. 8, gengivet på "
            "lovguiden.dk). Hele loven gælder fra 1. juli 2026 (STAR).",
            note_en="The rehabilitation team requirement goes, replaced by a combined "
            "description of the citizen's circumstances and mandatory health advice from the "
            "health coordinator (lovguiden.dk's summary of bill L 66; the Active Social Policy "
            "Act § 13 loses 'from a meeting of the rehabilitation team' by the act's § 4, no. 8, "
            "as reproduced on lovguiden.dk). The whole act applies from 1 July 2026 (STAR).",
        ),
    ),
    _HORIZON,
)
"""Whether the law sets up a rehabilitation team in each municipality, by date."""


@attrs.frozen(field_transformer=frozen_fields)
class AuthorityAnswer:
    """What the law calls the employment authority on a day.

    Attributes:
        on: The day asked about.
        authority: The name: job centre or municipality.
        verification: How well the row used is established.
        beyond_known_law: True if the day lies where the answer repeats an earlier rule.
        reasons: The cited explanation.
    """

    on: dt.date
    authority: Authority
    verification: Verification
    beyond_known_law: bool
    reasons: tuple[Reason, ...]

    @property
    def label_da(self) -> str:
        """The name in Danish (``jobcentret`` or ``kommunen``)."""
        return self.authority.label_da

    @property
    def label_en(self) -> str:
        """The name in English (``the job centre`` or ``the municipality``)."""
        return self.authority.label_en


@attrs.frozen(field_transformer=frozen_fields)
class RehabilitationTeamAnswer:
    """Whether the law sets up a rehabilitation team on a day.

    Attributes:
        on: The day asked about.
        required: True if every municipality must have a rehabilitation team.
        verification: How well the row used is established.
        beyond_known_law: True if the day lies where the answer repeats an earlier rule.
        reasons: The cited explanation.
    """

    on: dt.date
    required: bool
    verification: Verification
    beyond_known_law: bool
    reasons: tuple[Reason, ...]


def _beyond(hit: InForce[str, Any], table: RuleTable[str, Any]) -> Reason | None:
    """The reason a hit lies beyond known law, or None."""
    if hit.beyond_known_law and table.horizon is not None:
        return table.horizon.reason
    if hit.rule.valid_from == _STEP_ONE:
        return PHASE_ONE_WINDOW_REASON
    return None


def _answer_reasons(
    hit: InForce[str, Any], table: RuleTable[str, Any], main: Reason
) -> tuple[Reason, ...]:
    reasons = [main]
    rule = hit.rule
    if rule.verification is not Verification.VERIFIED:
        reasons.append(
            Reason(
                f"rule.{rule.verification.code}",
                f"{rule.verification.label_da}: {rule.note_da}",
                f"{rule.verification.label_en}: {rule.note_en}",
                rule.citation,
            )
        )
    beyond = _beyond(hit, table)
    if beyond is not None:
        reasons.append(beyond)
    return tuple(reasons)


def authority_name(*, on: dt.date) -> AuthorityAnswer:
    """What the law calls the municipality's employment authority on ``on``.

    Args:
        on: The day.

    Raises:
        NoRuleError: If ``on`` is before 19 January 2018.
    """
    hit = AUTHORITY.lookup(_KEY, on)
    name = hit.value
    main = Reason(
        f"authority.{name.code}",
        f"Myndigheden for beskæftigelsesindsatsen hedder i loven {name.label_da}.",
        f"The law calls the employment authority {name.label_en}.",
        hit.rule.citation,
    )
    reasons = _answer_reasons(hit, AUTHORITY, main)
    return AuthorityAnswer(
        on=on,
        authority=name,
        verification=hit.rule.verification,
        beyond_known_law=_beyond(hit, AUTHORITY) is not None,
        reasons=reasons,
    )


def rehabilitation_team(*, on: dt.date) -> RehabilitationTeamAnswer:
    """Whether the law requires a rehabilitation team in every municipality on ``on``.

    Model 2's comparison of its teams with the rehabilitation team (SST2019 7) describes the
    law while this answer is True.

    Args:
        on: The day.

    Raises:
        NoRuleError: If ``on`` is before 19 January 2018.
    """
    hit = REHABILITATION_TEAM.lookup(_KEY, on)
    if hit.value:
        main = Reason(
            "rehabilitation_team.required",
            "Loven kræver et rehabiliteringsteam i hver kommune.",
            "The law requires a rehabilitation team in every municipality.",
            hit.rule.citation,
        )
    else:
        main = Reason(
            "rehabilitation_team.abolished",
            "Loven kræver ikke længere et rehabiliteringsteam; i stedet en samlet beskrivelse "
            "af borgerens forudsætninger og sundhedsfaglig rådgivning fra sundhedskoordinatoren.",
            "The law no longer requires a rehabilitation team; instead a combined description "
            "of the citizen's circumstances and health advice from the health coordinator.",
            hit.rule.citation,
        )
    return RehabilitationTeamAnswer(
        on=on,
        required=hit.value,
        verification=hit.rule.verification,
        beyond_known_law=_beyond(hit, REHABILITATION_TEAM) is not None,
        reasons=_answer_reasons(hit, REHABILITATION_TEAM, main),
    )
