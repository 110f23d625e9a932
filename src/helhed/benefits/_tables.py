"""The four dated benefit rule tables, their dates and the reasons for their horizons.

Part of [`helhed.benefits`][helhed.benefits], where these names are imported from. Every
benefit has a row in every table from its first day; the module checks that when imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from helhed.benefits._codes import Benefit, BenefitStatus, Lifecycle
from helhed.dated import BEYOND_KNOWN_LAW, Horizon, Rule, RuleTable
from helhed.errors import NoRuleError
from helhed.groups import RiskGroup
from helhed.sources import Citation, Reason, Verification

__all__ = [
    "COORDINATING_CASEWORKER",
    "FIRST_RULE_DATE",
    "HOLISTIC_INTERVENTION",
    "LIFECYCLE",
    "PENDING",
    "PHASE_ONE_WINDOW_REASON",
    "PHASE_TWO",
    "PHASE_TWO_REASON",
    "RENAMING_2020",
    "TABLES",
    "TYPICAL_GROUPS",
]


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
PHASE_TWO = dt.date(2027, 1, 1)
"""The day phase two of the employment reform is expected in force: every table's horizon."""

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

_HORIZON = Horizon(PHASE_TWO, PHASE_TWO_REASON)

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


TABLES: tuple[RuleTable[Benefit, Any], ...] = (
    LIFECYCLE,
    HOLISTIC_INTERVENTION,
    COORDINATING_CASEWORKER,
    TYPICAL_GROUPS,
)
"""The four tables, in the order of the questions of ``benefit_rules``."""

PENDING = frozenset(
    (table.name, row.key, row.valid_from)
    for table in TABLES
    for row in table.rows
    if row.note_en == _WINDOW_NOTE[1]
)
"""The rows that repeat an earlier rule because lov nr. 1750's step for them is not read."""


def _check_complete() -> None:
    """Every benefit must have a row in every table from its first day; fail at import if not."""
    for table in TABLES:
        for benefit in Benefit:
            first = LIFECYCLE.boundaries(benefit)[0]
            try:
                table.lookup(benefit, first)
            except NoRuleError as exc:  # pragma: no cover - a data error caught at import
                raise AssertionError(str(exc)) from exc


_check_complete()
