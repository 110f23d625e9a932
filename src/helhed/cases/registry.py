"""The twelve municipal cases of the sources, as one registry of cited values.

Ten cases come from SST2019 (chapters 6 to 9), two from sources of their own (HALSNAES,
AALBORG2019). Each [`Case`][helhed.cases.registry.Case] says which model it exemplifies, which
target groups and funding bases the source names, the figures the source publishes, and which
protocol, if any, encodes its practice.

| id | municipality | model | groups | source |
|---|---|---|---|---|
| ``hjorring`` | Hjørring | 1 | medium, high | SST2019 6.1 |
| ``kolding`` | Kolding | 1 | medium, high | SST2019 6.2 |
| ``jammerbugt`` | Jammerbugt | 1 | low, medium | SST2019 6.3 |
| ``vordingborg`` | Vordingborg | 2 | medium, high | SST2019 7.1 |
| ``silkeborg`` | Silkeborg | 2 | medium, high | SST2019 7.2 |
| ``syddjurs`` | Syddjurs | 2 | all three | SST2019 7.3 |
| ``tonder`` | Tønder | 3 | all three | SST2019 8.1 |
| ``sonderborg`` | Sønderborg | 3 | all three, mainly medium and high | SST2019 8.2 |
| ``kobenhavn_ips`` | København | 3 | high | SST2019 8.3 |
| ``faxe`` | Faxe | 4 | all three | SST2019 kap. 9 |
| ``halsnaes`` | Halsnæs | 3 (inferred) | not stated | HALSNAES |
| ``aalborg`` | Aalborg | 3 (inferred) | not stated | AALBORG2019 |

Halsnæs and Aalborg lie outside SST2019, so their model is helhed's reading of their content
(``model_inferred``), with the reason in ``model_note``. Where the sources name a group of
people rather than a funding basis (refugees; all the job centre's target groups) or leave
the cash benefit's readiness open, ``funding_note`` says how helhed read it.

Examples:
    >>> from helhed.collaboration import CollaborationModel as M
    >>> list(CASES)[:3]
    ['hjorring', 'kolding', 'jammerbugt']
    >>> [c.id for c in cases_for(M.SPECIFIC_INTERVENTIONS)]
    ['tonder', 'sonderborg', 'kobenhavn_ips', 'halsnaes', 'aalborg']
    >>> ips = case("kobenhavn_ips")
    >>> str(ips.citation), [g.code for g in ips.target_groups], ips.result("caseload").value
    ('SST2019 8.3', ['hoejrisiko'], 25)
    >>> case("faxe").protocol is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.cases._data import PublishedResult
from helhed.cases.aalborg import RESULTS as _AALBORG_RESULTS
from helhed.cases.halsnaes import RESULTS as _HALSNAES_RESULTS
from helhed.cases.hjorring import FUNDING_FROM_2017 as _HJORRING_FUNDING
from helhed.cases.hjorring import RESULTS as _HJORRING_RESULTS
from helhed.cases.jammerbugt import RESULTS as _JAMMERBUGT_RESULTS
from helhed.cases.kobenhavn_ips import RESULTS as _KOBENHAVN_IPS_RESULTS
from helhed.cases.kolding import RESULTS as _KOLDING_RESULTS
from helhed.cases.silkeborg import RESULTS as _SILKEBORG_RESULTS
from helhed.cases.sonderborg import RESULTS as _SONDERBORG_RESULTS
from helhed.cases.syddjurs import RESULTS as _SYDDJURS_RESULTS
from helhed.cases.tonder import RESULTS as _TONDER_RESULTS
from helhed.cases.vordingborg import RESULTS as _VORDINGBORG_RESULTS
from helhed.collaboration import CollaborationModel
from helhed.errors import UnknownNameError, ValidationError, key_path, quoted
from helhed.groups import RiskGroup
from helhed.sources import Citation, Reason

__all__ = ["CASES", "Case", "case", "cases_for"]

_ID = re.compile(r"[a-z][a-z0-9_]*")

M = CollaborationModel
B = Benefit
H, MED, L = RiskGroup.HIGH, RiskGroup.MEDIUM, RiskGroup.LOW
_ALL_GROUPS = frozenset({L, MED, H})


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Case:
    """One municipal case: what it exemplifies, for whom, and what the source publishes.

    Attributes:
        id: Stable ASCII identifier, e.g. ``kobenhavn_ips``.
        name_da: The case's name in Danish.
        name_en: The same in English.
        municipality: The municipality, as it names itself (``Tønder``, ``København``).
        model: The collaboration model the case exemplifies.
        model_inferred: True if the source does not place the case under a model and helhed
            chose the model from its content.
        model_note: Why that model, when inferred; None otherwise.
        target_groups: The target groups as the source states them; empty when it states none.
        mainly: The groups the source says the case mainly serves, when it says so; a subset
            of ``target_groups``.
        groups_note: A note on the groups, required when the source states none.
        funding: The funding bases the source names; empty when it names none in particular.
        funding_note: How helhed read the source's funding bases, where it needed reading.
        published_results: The figures the source publishes about the case.
        citation: Where the case is described.
        protocol: The id of the protocol that encodes the case's practice; None if none does.
    """

    id: str = attrs.field(metadata=NON_BLANK)
    name_da: str = attrs.field(metadata=NON_BLANK)
    name_en: str = attrs.field(metadata=NON_BLANK)
    municipality: str = attrs.field(metadata=NON_BLANK)
    model: CollaborationModel
    model_inferred: bool = False
    model_note: Reason | None = None
    target_groups: frozenset[RiskGroup]
    mainly: frozenset[RiskGroup] = frozenset()
    groups_note: Reason | None = None
    funding: frozenset[Benefit]
    funding_note: Reason | None = None
    published_results: tuple[PublishedResult, ...] = ()
    citation: Citation
    protocol: str | None

    def __attrs_post_init__(self) -> None:
        """Check every field; notes are required where the value is inferred or missing."""
        check = Checker()
        if check.text(self.id, "id"):
            check.expect(
                bool(_ID.fullmatch(self.id)), "id", "must be lower-case ASCII letters, digits, _"
            )
        for name in ("name_da", "name_en", "municipality"):
            check.text(getattr(self, name), name)
        check.member(self.model, CollaborationModel, "model")
        check.flag(self.model_inferred, "model_inferred")
        for name in ("model_note", "groups_note", "funding_note"):
            note = getattr(self, name)
            check.expect(note is None or isinstance(note, Reason), name, "must be a Reason")
        check.expect(
            (self.model_note is not None) == (self.model_inferred is True),
            "model_note",
            "is required exactly when the model is inferred",
        )
        if check.members(self.target_groups, RiskGroup, "target_groups"):
            check.expect(
                bool(self.target_groups) or self.groups_note is not None,
                "groups_note",
                "is required when the source states no target group",
            )
            if check.members(self.mainly, RiskGroup, "mainly"):
                check.expect(
                    self.mainly <= self.target_groups, "mainly", "must be among target_groups"
                )
        check.members(self.funding, Benefit, "funding")
        if check.each(self.published_results, PublishedResult, "published_results"):
            codes = [r.code for r in self.published_results]
            check.expect(len(codes) == len(set(codes)), "published_results", "has duplicate codes")
        check.expect(isinstance(self.citation, Citation), "citation", "must be a Citation")
        check.text(self.protocol, "protocol", optional=True)
        check.done()

    def result(self, code: str) -> PublishedResult:
        """The published result with ``code``.

        Raises:
            UnknownNameError: If the case has no such result; the message lists its codes.
        """
        for item in self.published_results:
            if item.code == code:
                return item
        codes = ", ".join(r.code for r in self.published_results) or "none"
        raise UnknownNameError(f"{self.id} has no result {quoted(code)}; it has: {codes}")

    def figure(self, code: str) -> float:
        """The value of the published result with ``code``, for code that computes with it.

        Raises:
            UnknownNameError: If the case has no such result; the message lists its codes.
            ValidationError: If the result is stated in words only (its value is None).
        """
        value = self.result(code).value
        if value is None:
            raise ValidationError.at(
                key_path(self.id, code), "is stated in words only; it has no figure"
            )
        return value


def _note(code: str, text_da: str, text_en: str, citation: Citation) -> Reason:
    return Reason(code, text_da, text_en, citation)


_SST61 = Citation("SST2019", "6.1")
_SST62 = Citation("SST2019", "6.2")
_SST63 = Citation("SST2019", "6.3")
_SST71 = Citation("SST2019", "7.1")
_SST72 = Citation("SST2019", "7.2")
_SST73 = Citation("SST2019", "7.3")
_SST81 = Citation("SST2019", "8.1")
_SST82 = Citation("SST2019", "8.2")
_SST83 = Citation("SST2019", "8.3")
_SST9 = Citation("SST2019", "kap. 9")
_SST8 = Citation("SST2019", "kap. 8")
_HALSNAES = Citation("HALSNAES")
_AALBORG = Citation("AALBORG2019")

_FAXE_RESULTS = (
    PublishedResult(
        code="task_types",
        value=10,
        unit="task types",
        text_da="Indsatskataloget er opdelt i 10 opgavetyper.",
        text_en="The intervention catalogue is divided into 10 task types.",
        citation=_SST9,
    ),
    PublishedResult(
        code="pages",
        value=60,
        unit="pages",
        text_da="Kataloget fylder i den nuværende version 60 sider.",
        text_en="The catalogue's current version runs to 60 pages.",
        citation=_SST9,
    ),
)
"""Faxe's published figures (SST2019 kap. 9). Faxe has no case module, so this is their home."""

_CASH_UNSPLIT = (
    "Kilden skelner ikke mellem jobparate og aktivitetsparate kontanthjælpsmodtagere; begge "
    "er taget med.",
    "The source does not say whether cash benefit recipients are job-ready or activity-ready; "
    "both are included.",
)


_CASES = (
    Case(
        id="hjorring",
        name_da="Hjørring-modellen",
        name_en="The Hjørring model",
        municipality="Hjørring",
        model=M.EARLY_DETECTION,
        target_groups=frozenset({MED, H}),
        funding=_HJORRING_FUNDING,
        funding_note=_note(
            "hjorring.funding",
            "Først nyvisiterede kontanthjælps- og sygedagpengemodtagere; fra 2. kvartal 2017 "
            "også integrationsborgere og forsikrede ledige. " + _CASH_UNSPLIT[0],
            "At first newly assessed cash and sickness benefit recipients; from the second "
            "quarter of 2017 also integration citizens and insured unemployed. " + _CASH_UNSPLIT[1],
            _SST61,
        ),
        published_results=_HJORRING_RESULTS,
        citation=_SST61,
        protocol="hjorring",
    ),
    Case(
        id="kolding",
        name_da="Sund på Tværs",
        name_en="Healthy Across",
        municipality="Kolding",
        model=M.EARLY_DETECTION,
        target_groups=frozenset({MED, H}),
        funding=frozenset(
            {
                B.CASH_BENEFIT_JOB_READY,
                B.FLEX_JOB,
                B.SICKNESS_BENEFIT,
                B.CASH_BENEFIT_ACTIVITY_READY,
            }
        ),
        funding_note=_note(
            "kolding.funding",
            "Kilden nævner jobparate uden forsørgelsesgrundlag; de er læst som jobparate "
            "kontanthjælpsmodtagere.",
            "The source names job-ready citizens without a funding basis; they are read as "
            "job-ready cash benefit recipients.",
            _SST62,
        ),
        published_results=_KOLDING_RESULTS,
        citation=_SST62,
        protocol="kolding",
    ),
    Case(
        id="jammerbugt",
        name_da="Tidlig opsporing af højt alkoholforbrug og forebyggelse for beskæftigede",
        name_en="Early detection of high alcohol use, and prevention for the employed",
        municipality="Jammerbugt",
        model=M.EARLY_DETECTION,
        target_groups=frozenset({MED, L}),
        funding=frozenset(),
        funding_note=_note(
            "jammerbugt.funding",
            "Opsporingen af alkoholforbrug omfatter borgere i alle kommunens afdelinger, ledige "
            "som beskæftigede; den forebyggende indsats er for beskæftigede.",
            "The alcohol detection covers citizens in every department of the municipality, "
            "unemployed and employed alike; the preventive track is for the employed.",
            _SST63,
        ),
        published_results=_JAMMERBUGT_RESULTS,
        citation=_SST63,
        protocol="jammerbugt",
    ),
    Case(
        id="vordingborg",
        name_da="Team Tidlig Indsats",
        name_en="Team Early Intervention",
        municipality="Vordingborg",
        model=M.COORDINATION,
        target_groups=frozenset({MED, H}),
        funding=frozenset(
            {
                B.SICKNESS_BENEFIT,
                B.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
                B.RESOURCE_COURSE,
                B.JOB_CLARIFICATION_COURSE,
            }
        ),
        published_results=_VORDINGBORG_RESULTS,
        citation=_SST71,
        protocol="vordingborg",
    ),
    Case(
        id="silkeborg",
        name_da="Tværfaglige møder om vidensdeling og sparring",
        name_en="Cross-disciplinary knowledge-sharing and sparring meetings",
        municipality="Silkeborg",
        model=M.COORDINATION,
        target_groups=frozenset({MED, H}),
        funding=frozenset({B.SICKNESS_BENEFIT, B.CASH_BENEFIT_ACTIVITY_READY}),
        published_results=_SILKEBORG_RESULTS,
        citation=_SST72,
        protocol="silkeborg",
    ),
    Case(
        id="syddjurs",
        name_da="Job & Sundhed",
        name_en="Job & Health",
        municipality="Syddjurs",
        model=M.COORDINATION,
        target_groups=_ALL_GROUPS,
        funding=frozenset(),
        funding_note=_note(
            "syddjurs.funding",
            "Alle målgrupper i jobcentrets afdelinger; tidligere kun sygedagpengemodtagere.",
            "Every target group of the job centre's departments; before, only sickness benefit "
            "recipients.",
            _SST73,
        ),
        published_results=_SYDDJURS_RESULTS,
        citation=_SST73,
        protocol="syddjurs",
    ),
    Case(
        id="tonder",
        name_da="Tværfaglig indsats for flygtninge med diabetes",
        name_en="Cross-disciplinary intervention for refugees with diabetes",
        municipality="Tønder",
        model=M.SPECIFIC_INTERVENTIONS,
        target_groups=_ALL_GROUPS,
        funding=frozenset({B.INTEGRATION_BENEFIT}),
        funding_note=_note(
            "tonder.funding",
            "Kilden nævner flygtninge (integrationsborgere), ikke et forsørgelsesgrundlag; de "
            "er læst som modtagere af integrationsydelse.",
            "The source names refugees (integration citizens), not a funding basis; they are "
            "read as integration benefit recipients.",
            _SST81,
        ),
        published_results=_TONDER_RESULTS,
        citation=_SST81,
        protocol="tonder",
    ),
    Case(
        id="sonderborg",
        name_da="Afklarende samtale",
        name_en="Clarifying conversation",
        municipality="Sønderborg",
        model=M.SPECIFIC_INTERVENTIONS,
        target_groups=_ALL_GROUPS,
        mainly=frozenset({MED, H}),
        funding=frozenset(
            {B.SICKNESS_BENEFIT, B.CASH_BENEFIT_JOB_READY, B.CASH_BENEFIT_ACTIVITY_READY}
        ),
        funding_note=_note(
            "sonderborg.funding",
            "Alle målgrupper, men primært sygedagpenge- og kontanthjælpsmodtagere; de er "
            "nævnt her. " + _CASH_UNSPLIT[0],
            "Every target group, but mainly sickness and cash benefit recipients, who are the "
            "ones listed. " + _CASH_UNSPLIT[1],
            _SST82,
        ),
        published_results=_SONDERBORG_RESULTS,
        citation=_SST82,
        protocol="sonderborg",
    ),
    Case(
        id="kobenhavn_ips",
        name_da="Individuelt Planlagt job med Støtte (IPS)",
        name_en="Individual Placement and Support (IPS)",
        municipality="København",
        model=M.SPECIFIC_INTERVENTIONS,
        target_groups=frozenset({H}),
        funding=frozenset(
            {
                B.CASH_BENEFIT_JOB_READY,
                B.CASH_BENEFIT_ACTIVITY_READY,
                B.EDUCATION_BENEFIT_EDUCATION_READY,
                B.EDUCATION_BENEFIT_ACTIVITY_READY,
                B.RESOURCE_COURSE,
            }
        ),
        funding_note=_note(
            "kobenhavn_ips.funding",
            "Kilden skelner ikke efter parathed for kontanthjælp og uddannelseshjælp; begge "
            "er taget med. Borgeren skal desuden være i behandling for sin lidelse.",
            "The source does not split cash or education benefit by readiness; both are "
            "included. The citizen must also be in treatment for the illness.",
            _SST83,
        ),
        published_results=_KOBENHAVN_IPS_RESULTS,
        citation=_SST83,
        protocol="kobenhavn_ips",
    ),
    Case(
        id="faxe",
        name_da="Tværfagligt indsatskatalog",
        name_en="Cross-disciplinary intervention catalogue",
        municipality="Faxe",
        model=M.CATALOGUE,
        target_groups=_ALL_GROUPS,
        funding=frozenset(),
        funding_note=_note(
            "faxe.funding",
            "Kataloget har tilbud til alle målgrupper.",
            "The catalogue holds offers for every target group.",
            _SST9,
        ),
        published_results=_FAXE_RESULTS,
        citation=_SST9,
        protocol=None,
    ),
    Case(
        id="halsnaes",
        name_da="Trivsel og Sundhed",
        name_en="Well-being and Health",
        municipality="Halsnæs",
        model=M.SPECIFIC_INTERVENTIONS,
        model_inferred=True,
        model_note=_note(
            "halsnaes.model_inferred",
            "Kilden ligger uden for SST2019. Jobcentret henviser til en afklarende "
            "sundhedssamtale, som svarer til model 3's afklarende samtale før indsatsen.",
            "The source lies outside SST2019. The job centre refers citizens to a clarifying "
            "health conversation, which matches model 3's clarifying conversation before the "
            "intervention.",
            _SST8,
        ),
        target_groups=frozenset(),
        groups_note=_note(
            "halsnaes.groups",
            "Kilden nævner ingen risikogruppe. Målgruppen (aktivitetsparate, ressourceforløb, "
            "ledighedsydelse med ret til fleksjob; langt fra arbejdsmarkedet på grund af "
            "sygdom) ligger typisk i højrisikogruppen.",
            "The source names no risk group. Its target group (activity-ready citizens, "
            "resource course, flex-job unemployment benefit; far from the labour market "
            "because of illness) typically belongs to the high-risk group.",
            _HALSNAES,
        ),
        funding=frozenset(
            {B.CASH_BENEFIT_ACTIVITY_READY, B.RESOURCE_COURSE, B.FLEX_JOB_UNEMPLOYMENT_BENEFIT}
        ),
        funding_note=_note(
            "halsnaes.funding",
            "Kilden siger aktivitetsparate borgere; de er læst som aktivitetsparate "
            "kontanthjælpsmodtagere.",
            "The source says activity-ready citizens; they are read as activity-ready cash "
            "benefit recipients.",
            _HALSNAES,
        ),
        published_results=_HALSNAES_RESULTS,
        citation=_HALSNAES,
        protocol="halsnaes",
    ),
    Case(
        id="aalborg",
        name_da="Fremskudte sundhedsmedarbejdere i jobcentret",
        name_en="Outposted health staff in the job centre",
        municipality="Aalborg",
        model=M.SPECIFIC_INTERVENTIONS,
        model_inferred=True,
        model_note=_note(
            "aalborg.model_inferred",
            "Kilden ligger uden for SST2019. Sundhedsmedarbejdere er fremskudt i jobcentrets "
            "enheder, som i model 3's fremskudte tilstedeværelse.",
            "The source lies outside SST2019. Health staff are outposted in the job centre's "
            "units, as in model 3's outposted presence.",
            _SST8,
        ),
        target_groups=frozenset(),
        groups_note=_note(
            "aalborg.groups",
            "Kilden nævner ingen risikogruppe. De fire jobcenterenheder (sygedagpenge, job og "
            "aktiv, virksomhedscenter, unge op til 29 år) peger mest mod høj- og "
            "mellemrisikogruppen.",
            "The source names no risk group. The four job centre units (sickness benefit, job "
            "and activation, company centre, young people up to 29) point mostly to the high "
            "and medium risk groups.",
            _AALBORG,
        ),
        funding=frozenset(),
        funding_note=_note(
            "aalborg.funding",
            "Kilden nævner jobcenterenheder, ikke forsørgelsesgrundlag: Sygedagpengehuset, "
            "Job- og Aktivhuset, Virksomhedscenteret og Uddannelseshuset.",
            "The source names job centre units, not funding bases: the sickness benefit "
            "unit, the job and activation unit, the company centre and the education unit.",
            Citation("AALBORG2019", "Supplement til beskæftigelsesindsatsen"),
        ),
        published_results=_AALBORG_RESULTS,
        citation=_AALBORG,
        protocol="aalborg",
    ),
)

CASES: Mapping[str, Case] = MappingProxyType({c.id: c for c in _CASES})
"""The twelve cases by id, in source order: SST2019 6.1 to kap. 9, then Halsnæs and Aalborg."""


def case(case_id: str) -> Case:
    """The case with ``case_id``.

    Raises:
        UnknownNameError: If no case has that id; the message lists the ids.
    """
    try:
        return CASES[case_id]
    except KeyError:
        msg = f"unknown case {quoted(case_id)}; expected one of: {', '.join(CASES)}"
        raise UnknownNameError(msg) from None


def cases_for(model: CollaborationModel, *, inferred: bool = True) -> tuple[Case, ...]:
    """The cases that exemplify ``model``, in source order.

    Args:
        model: The model.
        inferred: If False, leave out cases whose model helhed inferred (Halsnæs, Aalborg).
    """
    return tuple(
        c for c in CASES.values() if c.model is model and (inferred or not c.model_inferred)
    )
