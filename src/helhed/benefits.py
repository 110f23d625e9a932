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

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import attrs

from helhed._coded import CodedEnum
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.dated import BEYOND_KNOWN_LAW, Horizon, InForce, Rule, RuleTable
from helhed.errors import NoRuleError
from helhed.groups import RiskGroup
from helhed.sources import Citation, Reason, Verification

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


class Benefit(CodedEnum):
    """A funding basis (forsørgelsesgrundlag), or employment, as the sources name them."""

    CASH_BENEFIT_JOB_READY = (
        "kontanthjaelp_jobparat",
        "Kontanthjælp, jobparat",
        "Cash benefit, job-ready",
    )
    CASH_BENEFIT_EDUCATION_READY = (
        "kontanthjaelp_uddannelsesparat",
        "Kontanthjælp, uddannelsesparat",
        "Cash benefit, education-ready",
    )
    CASH_BENEFIT_ACTIVITY_READY = (
        "kontanthjaelp_aktivitetsparat",
        "Kontanthjælp, aktivitetsparat",
        "Cash benefit, activity-ready",
    )
    EDUCATION_BENEFIT_EDUCATION_READY = (
        "uddannelseshjaelp_uddannelsesparat",
        "Uddannelseshjælp, uddannelsesparat",
        "Education benefit, education-ready",
    )
    EDUCATION_BENEFIT_ACTIVITY_READY = (
        "uddannelseshjaelp_aktivitetsparat",
        "Uddannelseshjælp, aktivitetsparat",
        "Education benefit, activity-ready",
    )
    RESOURCE_COURSE = ("ressourceforloeb", "Ressourceforløb", "Resource course")
    JOB_CLARIFICATION_COURSE = (
        "jobafklaringsforloeb",
        "Jobafklaringsforløb",
        "Job clarification course",
    )
    FLEX_JOB = ("fleksjob", "Fleksjob", "Flex job")
    FLEX_JOB_UNEMPLOYMENT_BENEFIT = (
        "ledighedsydelse",
        "Ledighedsydelse",
        "Flex-job unemployment benefit",
    )
    SICKNESS_BENEFIT = ("sygedagpenge", "Sygedagpenge", "Sickness benefit")
    JOB_TRIAL = ("jobafproevning", "Jobafprøvning (sygedagpenge)", "Job trial (sickness benefit)")
    INTEGRATION_BENEFIT = (
        "integrationsydelse",
        "Integrationsydelse (flygtninge)",
        "Integration benefit (refugees)",
    )
    SELF_SUPPORT_RETURN_BENEFIT = (
        "selvforsoergelses_hjemrejseydelse",
        "Selvforsørgelses- og hjemrejseydelse",
        "Self-support and return benefit",
    )
    TRANSITION_BENEFIT = ("overgangsydelse", "Overgangsydelse", "Transition benefit")
    INSURED_UNEMPLOYMENT_BENEFIT = (
        "arbejdsloeshedsdagpenge",
        "Arbejdsløshedsdagpenge (forsikrede ledige)",
        "Insured unemployment benefit",
    )
    EARLY_RETIREMENT_PENSION = ("foertidspension", "Førtidspension", "Early-retirement pension")
    EMPLOYED = ("beskaeftiget", "I beskæftigelse", "Employed")


class BenefitStatus(CodedEnum):
    """Whether a benefit can be granted on a date."""

    OPEN = ("aaben", "Kan tilkendes", "Can be granted")
    CLOSED_TO_NEW = (
        "lukket_for_nye",
        "Lukket for nye borgere; igangværende forløb fortsætter",
        "Closed to new citizens; courses under way continue",
    )
    ABOLISHED = ("ophaevet", "Ophævet", "Abolished")


@attrs.frozen(field_transformer=frozen_fields)
class Lifecycle:
    """The value of a ``LIFECYCLE`` row.

    Attributes:
        status: Open, closed to new citizens, or abolished.
        successor: The benefit that replaces an abolished one, if a single one does.
    """

    status: BenefitStatus
    successor: Benefit | None = None


FIRST_RULE_DATE = dt.date(2018, 1, 19)
"""First day of every table: the date of Sygedagpengeloven LBK nr. 38, the newest law SST2019
cites. Earlier dates raise [`NoRuleError`][helhed.errors.NoRuleError]."""

RENAMING_2020 = dt.date(2020, 1, 1)
"""First day of self-support and return benefit and transition benefit, and the last of
integration benefit's name: the renaming of the 2019 "paradigm shift" (bill L 140 2018/19;
see ``LIFECYCLE``)."""

_CASH_REFORM = dt.date(2025, 7, 1)
_EMPLOYMENT_REFORM_1 = dt.date(2026, 2, 1)
_EMPLOYMENT_REFORM_1_FULL = dt.date(2026, 7, 1)
_PHASE_TWO = dt.date(2027, 1, 1)

_V = Verification.VERIFIED
_S = Verification.SECONDARY
_U = Verification.UNVERIFIED

_SST41 = Citation("SST2019", "4.1")
_SST_FN7 = Citation("SST2019", "4.1, fn. 7")
_L140 = Citation("L140/2018-19")
_L1655 = Citation("L1655/2024")
_L1750 = Citation("L1750/2025")

PHASE_TWO_REASON = Reason(
    BEYOND_KNOWN_LAW,
    "Anden fase af beskæftigelsesreformen er ikke indarbejdet: en ny lov om en aktiv "
    "beskæftigelsesindsats (LAB, med ophævelse af LOB) og en lov om ændringer i sanktions- og "
    "sygedagpengesystemet, begge forventet i kraft 1. januar 2027 og ikke vedtaget, da kilderne "
    "blev læst (STAR: star.dk/da/implementering/beskaeftigelsesreform/proces). Svaret gentager "
    "de senest kendte regler.",
    "Phase two of the employment reform is not encoded: a new Act on an Active Employment "
    "Effort (LAB, repealing LOB) and a law changing the sanction and sickness benefit system, "
    "both expected in force 1 January 2027 and not adopted when the sources were read (the "
    "agency's page star.dk/da/implementering/beskaeftigelsesreform/proces). The answer repeats "
    "the last known rules.",
    Citation("L1750/2025", "beskæftigelsesreformen, fase 2"),
)
"""Why answers from 1 January 2027 are beyond known law; the one text every dated table that
phase two changes uses for its horizon."""

_HORIZON = Horizon(_PHASE_TWO, PHASE_TWO_REASON)

PHASE_ONE_WINDOW_REASON = Reason(
    BEYOND_KNOWN_LAW,
    "Lov nr. 1750 af 29.12.2025 træder i kraft i to trin, 1. februar og 1. juli 2026 (STAR), "
    "og hvilket trin der gælder for denne regel, er ikke læst. Fra 1. juli 2026 gælder hele "
    "loven; indtil da gentager svaret reglen fra før loven.",
    "Lov nr. 1750 of 29.12.2025 takes effect in two steps, 1 February and 1 July 2026 (the "
    "agency, STAR), and which step this rule belongs to is not read. From 1 July 2026 the whole "
    "act applies; until then the answer repeats the rule from before the act.",
    _L1750,
)
"""Why answers from 1 February to 30 June 2026 that lov nr. 1750 may already change are
beyond known law."""

_WINDOW_NOTE = (
    "Ikke læst, om ændringen gælder fra 1. februar eller 1. juli 2026 (lov nr. 1750 træder i "
    "kraft i to trin, jf. STAR's side om lovgivningsproces og ikrafttrædelse); rækken gentager "
    "reglen fra før loven, og svar i perioden er markeret uden for kendt ret.",
    "Not read whether the change applies from 1 February or 1 July 2026 (lov nr. 1750 takes "
    "effect in two steps, per the agency's page on the legislative process and entry into "
    "force); the row repeats the rule from before the act, and answers in the period are "
    "marked beyond known law.",
)

B = Benefit
_MERGED_INTO_CASH = (
    "Lagt sammen med kontanthjælp ved kontanthjælpsreformen (kilde: lovforslag L 13 og STAR).",
    "Merged into cash benefit by the cash benefit reform (read in bill L 13 and STAR material).",
)
_RENAMED = (
    "Integrationsydelse hedder fra 1. januar 2020 selvforsørgelses- og hjemrejseydelse "
    "(nyankomne flygtninge) eller overgangsydelse (andre). Datoen er læst i en landsdækkende "
    "avis (Kristeligt Dagblad/Ritzau, juli 2019); lov nr. 1558 af 27.12.2019 ændrer "
    "»integrationsydelse« til »selvforsørgelses- og hjemrejseydelse, overgangsydelse« i "
    "aktivloven (lovteksten gengivet på socialjura.dk). Ikrafttrædelsesbestemmelserne er ikke "
    "læst, og hvilken lov der indførte navnene, er ikke fastslået: sekundære kilder henfører "
    "dem til paradigmeskiftet (lovforslag L 140 2018/19); den vedtagne lovs nummer er ikke læst.",
    "Integration benefit is called self-support and return benefit (newly arrived refugees) or "
    "transition benefit (others) from 1 January 2020. The date was read in a national newspaper "
    "(Kristeligt Dagblad/Ritzau, July 2019); lov nr. 1558 of 27.12.2019 changes "
    "'integrationsydelse' to 'selvforsørgelses- og hjemrejseydelse, overgangsydelse' in the "
    "Active Social Policy Act (law text as reproduced on socialjura.dk). The in-force "
    "provisions were not read, and which act brought in the names is not established: secondary "
    "sources place them in the paradigm shift (bill L 140 2018/19); the number of the act it "
    "became was not read.",
)
_RENAMED_BENEFITS = (B.SELF_SUPPORT_RETURN_BENEFIT, B.TRANSITION_BENEFIT)


_T = TypeVar("_T")
_Row = tuple[_T, Citation, Verification, str, str]


def _rows(valid_from: dt.date, values: Mapping[Benefit, _Row[_T]]) -> Iterator[Rule[Benefit, _T]]:
    for benefit, (value, citation, verification, note_da, note_en) in values.items():
        yield Rule(benefit, valid_from, value, citation, verification, note_da, note_en)


def _abolished(value: _T) -> dict[Benefit, _Row[_T]]:
    """Rows that switch a merged benefit's right off when the cash benefit reform starts."""
    return dict.fromkeys(
        (
            B.EDUCATION_BENEFIT_EDUCATION_READY,
            B.EDUCATION_BENEFIT_ACTIVITY_READY,
            *_RENAMED_BENEFITS,
        ),
        (value, _L1655, _S, *_MERGED_INTO_CASH),
    )


def _renamed(
    abolished: _T, carried: _T, citation: Citation, why: tuple[str, str]
) -> Iterator[Rule[Benefit, _T]]:
    """Rows for the renaming of 1 January 2020.

    Integration benefit takes ``abolished``. Its two successors take ``carried`` - the value
    integration benefit had - on ``citation``: the sources (SST2019) speak only of the old
    name, so carrying the value over is helhed's reading, marked unverified with ``why``.
    """
    yield Rule(B.INTEGRATION_BENEFIT, RENAMING_2020, abolished, _L140, _S, *_RENAMED)
    for benefit in _RENAMED_BENEFITS:
        yield Rule(
            benefit,
            RENAMING_2020,
            carried,
            citation,
            _U,
            f"helheds læsning: overført fra integrationsydelse, som ydelsen hed før 2020. {why[0]}",
            f"helhed's reading: carried over from integration benefit, the name before 2020. "
            f"{why[1]}",
        )


_OPEN = Lifecycle(BenefitStatus.OPEN)
_ABOLISHED = Lifecycle(BenefitStatus.ABOLISHED)
_MERGED = (
    "Lagt sammen med kontanthjælp; borgeren visiteres som job-, uddannelses- eller "
    "aktivitetsparat (kilde: lovforslag L 13 og STAR).",
    "Merged into cash benefit; the citizen is assessed as job-, education- or activity-ready "
    "(read in bill L 13 and STAR material).",
)

LIFECYCLE: RuleTable[Benefit, Lifecycle] = RuleTable(
    "benefit_lifecycle",
    (
        *_rows(
            FIRST_RULE_DATE,
            {
                b: (_OPEN, Citation("SST2019", "kap. 4"), _V, "", "")
                for b in Benefit
                if b is not B.CASH_BENEFIT_EDUCATION_READY and b not in _RENAMED_BENEFITS
            },
        ),
        Rule(
            B.INTEGRATION_BENEFIT,
            RENAMING_2020,
            Lifecycle(BenefitStatus.ABOLISHED),
            _L140,
            _S,
            *_RENAMED,
        ),
        *_rows(RENAMING_2020, dict.fromkeys(_RENAMED_BENEFITS, (_OPEN, _L140, _S, *_RENAMED))),
        *_rows(_CASH_REFORM, dict.fromkeys(_RENAMED_BENEFITS, (_ABOLISHED, _L1655, _S, *_MERGED))),
        Rule(
            B.EDUCATION_BENEFIT_EDUCATION_READY,
            _CASH_REFORM,
            Lifecycle(BenefitStatus.ABOLISHED, B.CASH_BENEFIT_EDUCATION_READY),
            _L1655,
            _S,
            *_MERGED_INTO_CASH,
        ),
        Rule(
            B.EDUCATION_BENEFIT_ACTIVITY_READY,
            _CASH_REFORM,
            Lifecycle(BenefitStatus.ABOLISHED, B.CASH_BENEFIT_ACTIVITY_READY),
            _L1655,
            _S,
            *_MERGED_INTO_CASH,
        ),
        Rule(
            B.CASH_BENEFIT_EDUCATION_READY,
            _CASH_REFORM,
            _OPEN,
            _L1655,
            _S,
            "STAR-materiale fra 2026 bruger fortsat job-, uddannelses- og aktivitetsparate "
            "kontanthjælpsmodtagere.",
            "STAR material from 2026 still speaks of job-, education- and activity-ready cash "
            "benefit recipients.",
        ),
        Rule(B.RESOURCE_COURSE, _EMPLOYMENT_REFORM_1, _OPEN, _L1750, _U, *_WINDOW_NOTE),
        Rule(
            B.RESOURCE_COURSE,
            _EMPLOYMENT_REFORM_1_FULL,
            Lifecycle(BenefitStatus.CLOSED_TO_NEW),
            _L1750,
            _S,
            "Afskaffet for nye borgere fra lovens ikrafttræden; igangværende forløb fortsætter "
            "(lovguiden.dk's resumé af L 66; lovforslaget som fremsat henviser i LAB § 6, nr. 8, "
            "til »det tidligere gældende kapitel 19«). Loven træder i kraft 1. februar og "
            "1. juli 2026 (STAR), så den gælder fuldt ud fra 1. juli 2026.",
            "Abolished for new citizens from the act's entry into force; courses under way "
            "continue (lovguiden.dk's summary of bill L 66; the bill as introduced refers in LAB "
            "§ 6, no. 8, to 'the formerly applicable chapter 19'). The act takes effect on "
            "1 February and 1 July 2026 (the agency, STAR), so it applies in full from "
            "1 July 2026.",
        ),
    ),
    _HORIZON,
)
"""Whether each benefit can be granted, by date."""


_NOT_IN_41 = (
    "Ikke blandt dem, SST2019 4.1 nævner.",
    "Not among those SST2019 4.1 lists.",
)

HOLISTIC_INTERVENTION: RuleTable[Benefit, bool] = RuleTable(
    "holistic_intervention",
    (
        *_rows(
            FIRST_RULE_DATE,
            {
                B.CASH_BENEFIT_ACTIVITY_READY: (True, _SST41, _V, "", ""),
                B.RESOURCE_COURSE: (True, _SST41, _V, "", ""),
                B.FLEX_JOB: (True, _SST41, _V, "", ""),
                B.FLEX_JOB_UNEMPLOYMENT_BENEFIT: (True, _SST41, _V, "", ""),
                B.SICKNESS_BENEFIT: (True, _SST41, _V, "", ""),
                B.JOB_TRIAL: (True, _SST41, _V, "", ""),
                B.JOB_CLARIFICATION_COURSE: (
                    True,
                    Citation("LAB", "kap. 18"),
                    _U,
                    "SST2019 4.1 nævner kun jobafklaringsforløb ved retten til koordinerende "
                    "sagsbehandler; forløbet er efter LAB kap. 18 tværfagligt og "
                    "helhedsorienteret.",
                    "SST2019 4.1 names job clarification courses only for the coordinating "
                    "caseworker right; LAB ch. 18 makes the course cross-disciplinary and "
                    "holistic.",
                ),
                B.EDUCATION_BENEFIT_ACTIVITY_READY: (
                    True,
                    _SST41,
                    _U,
                    "Udledt: aktivitetsparate uddannelseshjælpsmodtagere behandles som "
                    "aktivitetsparate kontanthjælpsmodtagere (jf. retten til koordinerende "
                    "sagsbehandler).",
                    "Inferred: activity-ready education benefit recipients are treated like "
                    "activity-ready cash benefit recipients (as for the coordinating caseworker "
                    "right).",
                ),
                B.CASH_BENEFIT_JOB_READY: (False, _SST41, _V, *_NOT_IN_41),
                B.INSURED_UNEMPLOYMENT_BENEFIT: (False, _SST41, _V, *_NOT_IN_41),
                B.EARLY_RETIREMENT_PENSION: (False, _SST41, _V, *_NOT_IN_41),
                B.EMPLOYED: (False, _SST41, _V, *_NOT_IN_41),
                B.EDUCATION_BENEFIT_EDUCATION_READY: (False, _SST41, _U, *_NOT_IN_41),
                B.INTEGRATION_BENEFIT: (False, _SST41, _U, *_NOT_IN_41),
            },
        ),
        *_renamed(abolished=False, carried=False, citation=_SST41, why=_NOT_IN_41),
        *_rows(_CASH_REFORM, _abolished(value=False)),
        Rule(
            B.CASH_BENEFIT_EDUCATION_READY,
            _CASH_REFORM,
            value=False,
            citation=_L1655,
            verification=_U,
            note_da=_NOT_IN_41[0],
            note_en=_NOT_IN_41[1],
        ),
    ),
    _HORIZON,
)
"""Whether LAB requires a holistic intervention for each benefit, by date (SST2019 4.1)."""


_NOT_FN7 = (
    "Retten gælder ressourceforløb, jobafklaringsforløb og aktivitetsparate "
    "kontanthjælpsmodtagere.",
    "The right covers resource courses, job clarification courses and activity-ready cash "
    "benefit recipients.",
)

COORDINATING_CASEWORKER: RuleTable[Benefit, bool] = RuleTable(
    "coordinating_caseworker",
    (
        *_rows(
            FIRST_RULE_DATE,
            {
                B.CASH_BENEFIT_ACTIVITY_READY: (True, _SST_FN7, _V, "", ""),
                B.RESOURCE_COURSE: (True, _SST_FN7, _V, "", ""),
                B.JOB_CLARIFICATION_COURSE: (True, _SST_FN7, _V, "", ""),
                B.EDUCATION_BENEFIT_ACTIVITY_READY: (
                    True,
                    _SST_FN7,
                    _S,
                    "Aktivitetsparate uddannelseshjælpsmodtagere har samme ret (Ankestyrelsen "
                    "2015; STAR).",
                    "Activity-ready education benefit recipients have the same right "
                    "(Ankestyrelsen 2015; STAR).",
                ),
                **dict.fromkeys(
                    (
                        B.CASH_BENEFIT_JOB_READY,
                        B.FLEX_JOB,
                        B.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
                        B.SICKNESS_BENEFIT,
                        B.JOB_TRIAL,
                        B.INSURED_UNEMPLOYMENT_BENEFIT,
                        B.EARLY_RETIREMENT_PENSION,
                        B.EMPLOYED,
                        B.INTEGRATION_BENEFIT,
                    ),
                    (False, _SST_FN7, _V, *_NOT_FN7),
                ),
                B.EDUCATION_BENEFIT_EDUCATION_READY: (False, _SST_FN7, _S, *_NOT_FN7),
            },
        ),
        *_renamed(abolished=False, carried=False, citation=_SST_FN7, why=_NOT_FN7),
        *_rows(_CASH_REFORM, _abolished(value=False)),
        Rule(
            B.CASH_BENEFIT_EDUCATION_READY,
            _CASH_REFORM,
            value=False,
            citation=_L1655,
            verification=_U,
            note_da=_NOT_FN7[0],
            note_en=_NOT_FN7[1],
        ),
    ),
    _HORIZON,
)
"""Whether each benefit gives a right to a coordinating caseworker, by date (SST2019 4.1, fn. 7)."""


_H, _M, _L = RiskGroup.HIGH, RiskGroup.MEDIUM, RiskGroup.LOW
_BY_ANALOGY_JOB_READY = (
    "Udledt: behandles som jobparate (SST2019 4.2-4.3).",
    "Inferred: treated like job-ready citizens (SST2019 4.2-4.3).",
)

_REFUGEES_ALL_GROUPS = (
    "Kilderne placerer flygtninge i alle tre grupper (Tønder).",
    "The sources place refugees in all three groups (Tønder).",
)

TYPICAL_GROUPS: RuleTable[Benefit, frozenset[RiskGroup]] = RuleTable(
    "typical_groups",
    (
        *_rows(
            FIRST_RULE_DATE,
            {
                B.CASH_BENEFIT_ACTIVITY_READY: (frozenset({_H}), _SST41, _V, "", ""),
                B.RESOURCE_COURSE: (frozenset({_H}), _SST41, _V, "", ""),
                B.FLEX_JOB: (frozenset({_H}), _SST41, _V, "", ""),
                B.FLEX_JOB_UNEMPLOYMENT_BENEFIT: (frozenset({_H}), _SST41, _V, "", ""),
                B.JOB_TRIAL: (frozenset({_H}), _SST41, _V, "", ""),
                B.SICKNESS_BENEFIT: (
                    frozenset({_H, _M}),
                    Citation("SST2019", "4.1, 4.2 og fn. 8"),
                    _V,
                    "Højrisiko (4.1); kategori 1 og 2 typisk mellemrisiko (4.2).",
                    "High risk (4.1); categories 1 and 2 typically medium risk (4.2).",
                ),
                B.CASH_BENEFIT_JOB_READY: (
                    frozenset({_M, _L}),
                    Citation("SST2019", "4.2, 4.3"),
                    _V,
                    "",
                    "",
                ),
                B.EMPLOYED: (
                    frozenset({_M, _L}),
                    Citation("SST2019", "6.3"),
                    _V,
                    "Jammerbugts forebyggende indsats for beskæftigede (mellem- og lavrisiko).",
                    "Jammerbugt's preventive effort for employed citizens (medium and low risk).",
                ),
                B.JOB_CLARIFICATION_COURSE: (
                    frozenset({_H}),
                    Citation("SST2019", "4.1, 7.1"),
                    _U,
                    "Udledt: nævnt under højrisikogruppen (4.1) og i Vordingborgs målgruppe (7.1).",
                    "Inferred: named under the high-risk group (4.1) and in Vordingborg's target "
                    "group (7.1).",
                ),
                B.EDUCATION_BENEFIT_ACTIVITY_READY: (
                    frozenset({_H}),
                    _SST41,
                    _U,
                    "Udledt: behandles som aktivitetsparate kontanthjælpsmodtagere.",
                    "Inferred: treated like activity-ready cash benefit recipients.",
                ),
                B.EDUCATION_BENEFIT_EDUCATION_READY: (
                    frozenset({_M, _L}),
                    Citation("SST2019", "4.2, 4.3"),
                    _U,
                    *_BY_ANALOGY_JOB_READY,
                ),
                B.INSURED_UNEMPLOYMENT_BENEFIT: (
                    frozenset({_M, _L}),
                    Citation("SST2019", "4.2, 4.3"),
                    _U,
                    *_BY_ANALOGY_JOB_READY,
                ),
                B.INTEGRATION_BENEFIT: (
                    frozenset(),
                    Citation("SST2019", "8.1"),
                    _V,
                    *_REFUGEES_ALL_GROUPS,
                ),
                B.EARLY_RETIREMENT_PENSION: (
                    frozenset(),
                    Citation("COWI2010"),
                    _V,
                    "Nævnt som målgruppe, men ikke knyttet til en risikogruppe.",
                    "Named as a target group but not tied to a risk group.",
                ),
            },
        ),
        *_renamed(
            abolished=frozenset[RiskGroup](),
            carried=frozenset[RiskGroup](),
            citation=Citation("SST2019", "8.1"),
            why=_REFUGEES_ALL_GROUPS,
        ),
        *_rows(_CASH_REFORM, _abolished(frozenset[RiskGroup]())),
        Rule(
            B.CASH_BENEFIT_EDUCATION_READY,
            _CASH_REFORM,
            frozenset({_M, _L}),
            _L1655,
            _U,
            *_BY_ANALOGY_JOB_READY,
        ),
    ),
    _HORIZON,
)
"""The target groups each benefit typically belongs to, by date (SST2019 4.1-4.3). An empty
set means the sources tie the benefit to no group in particular."""


_TABLES: tuple[RuleTable[Benefit, Any], ...] = (
    LIFECYCLE,
    HOLISTIC_INTERVENTION,
    COORDINATING_CASEWORKER,
    TYPICAL_GROUPS,
)

_PENDING = frozenset(
    (table.name, row.key, row.valid_from)
    for table in _TABLES
    for row in table.rows
    if row.note_en == _WINDOW_NOTE[1]
)
"""The rows that repeat an earlier rule because lov nr. 1750's step for them is not read."""


@attrs.frozen(field_transformer=frozen_fields)
class BenefitRules:
    """What the law says about a benefit on a date, with reasons.

    The answer is the same for every date in ``[valid_from, valid_to)``.

    Attributes:
        benefit: The benefit asked about.
        on: The date asked about.
        status: Open, closed to new citizens, or abolished.
        successor: The benefit that replaced an abolished one, if a single one did.
        holistic_intervention: True if LAB requires a holistic intervention.
        coordinating_caseworker: True if the citizen has a right to a coordinating caseworker.
        typical_groups: The target groups the benefit typically belongs to (empty: none stated).
        verification: The weakest verification among the rows used.
        beyond_known_law: True if ``on`` lies past the last known reform, or in a period
            where a reform's in-force day for the rule is not read; the answer then repeats
            the last known rules, and ``reasons`` says why.
        valid_from: First day of the interval in which this answer holds.
        valid_to: First day after it, or None if no later row is known.
        reasons: The cited explanation, one reason per question plus any caveats.
    """

    benefit: Benefit
    on: dt.date
    status: BenefitStatus
    successor: Benefit | None
    holistic_intervention: bool
    coordinating_caseworker: bool
    typical_groups: frozenset[RiskGroup]
    verification: Verification
    beyond_known_law: bool
    valid_from: dt.date
    valid_to: dt.date | None
    reasons: tuple[Reason, ...]

    def __attrs_post_init__(self) -> None:
        """Check every field, and that the dates, the successor and the reasons agree.

        The rules are those of [`benefit_rules`][helhed.benefits.benefit_rules] that need no
        rule table: the answer is not looked up again, so an answer given under earlier rule
        tables still loads.
        """
        check = Checker()
        ok = check.member(self.benefit, Benefit, "benefit")
        dates_ok = check.day(self.on, "on") & check.day(self.valid_from, "valid_from")
        dates_ok &= check.day(self.valid_to, "valid_to", optional=True)
        ok &= check.member(self.status, BenefitStatus, "status")
        ok &= check.member(self.successor, Benefit, "successor", optional=True)
        ok &= check.flag(self.holistic_intervention, "holistic_intervention")
        ok &= check.flag(self.coordinating_caseworker, "coordinating_caseworker")
        ok &= check.members(self.typical_groups, RiskGroup, "typical_groups")
        ok &= check.member(self.verification, Verification, "verification")
        ok &= check.flag(self.beyond_known_law, "beyond_known_law")
        ok &= check.each(self.reasons, Reason, "reasons")
        if dates_ok:
            check.expect(self.valid_from <= self.on, "valid_from", "must not be after on")
            check.expect(
                self.valid_to is None or self.valid_to > self.on,
                "valid_to",
                "must be after on: the answer holds from valid_from to the day before valid_to",
            )
        if ok:
            self._check_successor(check)
            self._check_reasons(check)
        check.done()

    def _check_successor(self, check: Checker) -> None:
        """A successor only for an abolished benefit, and never the benefit itself."""
        if self.successor is not None:
            check.expect(
                self.status is BenefitStatus.ABOLISHED,
                "successor",
                "is only given for an abolished benefit",
            )
            check.expect(self.successor is not self.benefit, "successor", "must be another benefit")

    def _check_reasons(self, check: Checker) -> None:
        """Each question's reason gives the answer of its field; the caveats set verification."""
        codes = [r.code for r in self.reasons]
        answers = (
            ("status", _STATUS, f"{_STATUS}.{self.status.code}"),
            ("holistic_intervention", _HOLISTIC, _yes_no(_HOLISTIC, self.holistic_intervention)),
            (
                "coordinating_caseworker",
                _CASEWORKER,
                _yes_no(_CASEWORKER, self.coordinating_caseworker),
            ),
            ("typical_groups", _TYPICAL, _TYPICAL if self.typical_groups else f"{_TYPICAL}.none"),
        )
        for field, family, expected in answers:
            check.expect(
                [c for c in codes if c == family or c.startswith(f"{family}.")] == [expected],
                "reasons",
                f"must give one {family} reason, agreeing with {field}",
            )
        check.expect(
            codes.count(BEYOND_KNOWN_LAW) == int(self.beyond_known_law),
            "reasons",
            "must include law.beyond_known exactly when beyond_known_law is true",
        )
        caveats = [c for c in codes if c.startswith("rule.")]
        if check.expect(
            all(c in _CAVEATS for c in caveats),
            "reasons",
            "a rule caveat must name a verification level below verified",
        ):
            weakest = max((_CAVEATS[c] for c in caveats), default=_V, key=_WEAKNESS.__getitem__)
            check.expect(
                self.verification is weakest,
                "verification",
                "must be the weakest level among the rule caveats in reasons, or verified "
                "when there are none",
            )


_WEAKNESS = {v: i for i, v in enumerate(Verification)}
"""How weak each level is: the order of ``Verification``, surest first."""

# The codes of the reasons of an answer: a family per question, and a caveat per weak row.
_STATUS = "benefit.status"
_HOLISTIC = "benefit.holistic"
_CASEWORKER = "benefit.caseworker"
_TYPICAL = "benefit.typical_groups"
_CAVEATS = {f"rule.{v.code}": v for v in Verification if v is not _V}


def _yes_no(family: str, value: bool) -> str:  # noqa: FBT001
    """The code of a yes/no answer, e.g. ``benefit.holistic.yes``."""
    return f"{family}.{'yes' if value else 'no'}"


def benefit_rules(benefit: Benefit, *, on: dt.date) -> BenefitRules:
    """Answer what the law says about ``benefit`` on ``on``.

    Answers are immutable and cached per benefit and date.

    Args:
        benefit: The funding basis.
        on: The date the answer is for.

    Returns:
        The status, rights and typical groups, each with a cited reason.

    Raises:
        NoRuleError: If ``on`` is before 19 January 2018, or before the benefit existed
            (education-ready cash benefit exists from 1 July 2025).
    """
    return _benefit_rules(benefit, on)


@functools.lru_cache(maxsize=4096)
def _benefit_rules(benefit: Benefit, on: dt.date) -> BenefitRules:
    lifecycle = LIFECYCLE.lookup(benefit, on)
    holistic = HOLISTIC_INTERVENTION.lookup(benefit, on)
    caseworker = COORDINATING_CASEWORKER.lookup(benefit, on)
    typical = TYPICAL_GROUPS.lookup(benefit, on)
    hits: tuple[InForce[Benefit, Any], ...] = (lifecycle, holistic, caseworker, typical)
    reasons = [
        _lifecycle_reason(benefit, lifecycle),
        _flag_reason(
            benefit,
            holistic,
            _HOLISTIC,
            ("LAB kræver en helhedsorienteret indsats", "LAB requires a holistic intervention"),
            (
                "LAB kræver ikke en helhedsorienteret indsats",
                "LAB does not require a holistic intervention",
            ),
        ),
        _flag_reason(
            benefit,
            caseworker,
            _CASEWORKER,
            (
                "borgeren har ret til en koordinerende sagsbehandler",
                "the citizen has a right to a coordinating caseworker",
            ),
            (
                "ingen ret til en koordinerende sagsbehandler",
                "no right to a coordinating caseworker",
            ),
        ),
        _typical_reason(benefit, typical),
    ]
    # Several tables may rest on the same secondary source; say each caveat once.
    caveats = (_caveat(hit) for hit in hits if hit.rule.verification is not _V)
    reasons.extend(caveat for caveat in dict.fromkeys(caveats) if caveat not in reasons)
    pending = any(
        (table.name, hit.rule.key, hit.rule.valid_from) in _PENDING
        for table, hit in zip(_TABLES, hits, strict=True)
    )
    beyond = lifecycle.beyond_known_law or pending
    if lifecycle.beyond_known_law and LIFECYCLE.horizon is not None:
        reasons.append(LIFECYCLE.horizon.reason)
    elif pending:
        reasons.append(PHASE_ONE_WINDOW_REASON)
    ends = [h.valid_to for h in hits if h.valid_to is not None]
    return BenefitRules(
        benefit=benefit,
        on=on,
        status=lifecycle.value.status,
        successor=lifecycle.value.successor,
        holistic_intervention=holistic.value,
        coordinating_caseworker=caseworker.value,
        typical_groups=typical.value,
        verification=max((h.rule.verification for h in hits), key=_WEAKNESS.__getitem__),
        beyond_known_law=beyond,
        valid_from=max(h.rule.valid_from for h in hits),
        valid_to=min(ends) if ends else None,
        reasons=tuple(reasons),
    )


def rule_boundaries(benefit: Benefit) -> tuple[dt.date, ...]:
    """Every date on which an answer of `benefit_rules` for ``benefit`` may change.

    The dates are in order and include the horizon (1 January 2027).
    """
    dates = {d for table in _TABLES for d in table.boundaries(benefit)}
    dates.add(_PHASE_TWO)
    return tuple(sorted(dates))


def _lifecycle_reason(benefit: Benefit, hit: InForce[Benefit, Lifecycle]) -> Reason:
    status = hit.value.status
    successor = hit.value.successor
    da = f"{benefit.label_da}: {status.label_da.lower()}."
    en = f"{benefit.label_en}: {status.label_en.lower()}."
    if successor is not None:
        da += f" Afløst af {successor.label_da.lower()}."
        en += f" Replaced by {successor.label_en.lower()}."
    return Reason(f"{_STATUS}.{status.code}", da, en, hit.rule.citation)


def _flag_reason(
    benefit: Benefit,
    hit: InForce[Benefit, bool],
    code: str,
    yes: tuple[str, str],
    no: tuple[str, str],
) -> Reason:
    da, en = yes if hit.value else no
    return Reason(
        _yes_no(code, hit.value),
        f"{benefit.label_da}: {da}.",
        f"{benefit.label_en}: {en}.",
        hit.rule.citation,
    )


def _typical_reason(benefit: Benefit, hit: InForce[Benefit, frozenset[RiskGroup]]) -> Reason:
    groups = sorted(hit.value, key=list(RiskGroup).index)
    if not groups:
        return Reason(
            f"{_TYPICAL}.none",
            f"{benefit.label_da}: kilderne knytter ikke forsørgelsesgrundlaget til en bestemt "
            "målgruppe.",
            f"{benefit.label_en}: the sources tie this funding basis to no group in particular.",
            hit.rule.citation,
        )
    return Reason(
        _TYPICAL,
        f"{benefit.label_da}: typisk {' og '.join(g.label_da.lower() for g in groups)}.",
        f"{benefit.label_en}: typically the {' and '.join(g.label_en.lower() for g in groups)}.",
        hit.rule.citation,
    )


def _caveat(hit: InForce[Benefit, Any]) -> Reason:
    rule = hit.rule
    return Reason(
        f"rule.{rule.verification.code}",
        f"{rule.verification.label_da}: {rule.note_da}".strip(),
        f"{rule.verification.label_en}: {rule.note_en}".strip(),
        rule.citation,
    )


def _check_complete() -> None:
    """Every benefit must have a row in every table from its first day; fail at import if not."""
    for table in _TABLES:
        for benefit in Benefit:
            first = LIFECYCLE.boundaries(benefit)[0]
            try:
                table.lookup(benefit, first)
            except NoRuleError as exc:  # pragma: no cover - a data error caught at import
                raise AssertionError(str(exc)) from exc


_check_complete()
