"""The registry of the twelve municipal cases, each mapping against its source section.

Target groups are the "E" boxes of SST2019 (the bracket after each municipality's heading);
funding bases are each case's "Målgruppe" paragraph; figures are read off the case's text.
Halsnæs (HALSNAES) and Aalborg (AALBORG2019) are outside SST2019: they state no risk groups,
and helhed places both under model 3 (kap. 8: clarifying conversation; outposted health staff).
"""

import attrs
import pytest

from helhed.benefits import Benefit
from helhed.cases import HJORRING, JAMMERBUGT, KOLDING
from helhed.cases.halsnaes import HALSNAES
from helhed.cases.hjorring import RESULTS as HJORRING_RESULTS
from helhed.cases.registry import CASES, Case, case, cases_for
from helhed.collaboration import CollaborationModel
from helhed.errors import ValidationError
from helhed.groups import RiskGroup
from helhed.sources import Citation

M = CollaborationModel
B = Benefit
H, MED, L = RiskGroup.HIGH, RiskGroup.MEDIUM, RiskGroup.LOW
ALL = {L, MED, H}

# id: (source, section, model, target groups, mainly, protocol)
MAPPINGS = {
    # SST2019 6.1 "E Hjørring Kommune ... (Mellem- og højrisikogruppen)".
    "hjorring": ("SST2019", "6.1", M.EARLY_DETECTION, {MED, H}, set(), "hjorring"),
    # 6.2 "(Mellem - og højrisikogruppen)".
    "kolding": ("SST2019", "6.2", M.EARLY_DETECTION, {MED, H}, set(), "kolding"),
    # 6.3 "(Mellem- og Lavrisikogruppen)".
    "jammerbugt": ("SST2019", "6.3", M.EARLY_DETECTION, {MED, L}, set(), "jammerbugt"),
    # 7.1 "(mellem- og højrisikogruppen)".
    "vordingborg": ("SST2019", "7.1", M.COORDINATION, {MED, H}, set(), "vordingborg"),
    # 7.2 "(mellem- og højrisikogrupper)".
    "silkeborg": ("SST2019", "7.2", M.COORDINATION, {MED, H}, set(), "silkeborg"),
    # 7.3 "(lav-, mellem- og højriskgruppen)".
    "syddjurs": ("SST2019", "7.3", M.COORDINATION, ALL, set(), "syddjurs"),
    # 8.1 "(lav-, mellem- og højrisikogruppen)".
    "tonder": ("SST2019", "8.1", M.SPECIFIC_INTERVENTIONS, ALL, set(), "tonder"),
    # 8.2 "(lav-, mellem- og højrisikogruppen. Dog primært mellem- og højrisikogruppen)".
    "sonderborg": ("SST2019", "8.2", M.SPECIFIC_INTERVENTIONS, ALL, {MED, H}, "sonderborg"),
    # 8.3 "(IPS) (højriskgruppen)".
    "kobenhavn_ips": ("SST2019", "8.3", M.SPECIFIC_INTERVENTIONS, {H}, set(), "kobenhavn_ips"),
    # kap. 9 "E Faxe Kommune ... (lav-, mellem- og højrisikogruppen)"; no protocol.
    "faxe": ("SST2019", "kap. 9", M.CATALOGUE, ALL, set(), None),
    # HALSNAES: no risk groups stated.
    "halsnaes": ("HALSNAES", "", M.SPECIFIC_INTERVENTIONS, set(), set(), "halsnaes"),
    # AALBORG2019: no risk groups stated.
    "aalborg": ("AALBORG2019", "", M.SPECIFIC_INTERVENTIONS, set(), set(), "aalborg"),
}

FUNDING = {
    # 6.1: newly assessed cash and sickness benefit; from Q2 2017 also integration citizens
    # and insured unemployed (cash benefit not split by readiness).
    "hjorring": {
        B.CASH_BENEFIT_JOB_READY,
        B.CASH_BENEFIT_ACTIVITY_READY,
        B.SICKNESS_BENEFIT,
        B.INTEGRATION_BENEFIT,
        B.INSURED_UNEMPLOYMENT_BENEFIT,
    },
    # 6.2: "jobparate, borgere i fleksjob, sygedagpengemodtagere og aktivitetsparate".
    "kolding": {
        B.CASH_BENEFIT_JOB_READY,
        B.FLEX_JOB,
        B.SICKNESS_BENEFIT,
        B.CASH_BENEFIT_ACTIVITY_READY,
    },
    # 6.3: citizens across the municipality's departments, unemployed and employed: none named.
    "jammerbugt": set(),
    # 7.1: "sygedagpenge og ledighedsydelse, samt borgere på ressourceforløb eller jobafklaring".
    "vordingborg": {
        B.SICKNESS_BENEFIT,
        B.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
        B.RESOURCE_COURSE,
        B.JOB_CLARIFICATION_COURSE,
    },
    # 7.2: "sygedagpengemodtagere og aktivitetsparate kontanthjælpsmodtagere".
    "silkeborg": {B.SICKNESS_BENEFIT, B.CASH_BENEFIT_ACTIVITY_READY},
    # 7.3: "alle målgrupper i jobcentrets forskellige afdelinger".
    "syddjurs": set(),
    # 8.1: "Flygtninge", read as integration benefit.
    "tonder": {B.INTEGRATION_BENEFIT},
    # 8.2: "Alle målgrupper (dog primært sygedagpenge- og kontanthjælpsmodtagere)".
    "sonderborg": {B.SICKNESS_BENEFIT, B.CASH_BENEFIT_JOB_READY, B.CASH_BENEFIT_ACTIVITY_READY},
    # 8.3: "kontanthjælps- og uddannelseshjælpsmodtagere og borgere i ressourceforløb".
    "kobenhavn_ips": {
        B.CASH_BENEFIT_JOB_READY,
        B.CASH_BENEFIT_ACTIVITY_READY,
        B.EDUCATION_BENEFIT_EDUCATION_READY,
        B.EDUCATION_BENEFIT_ACTIVITY_READY,
        B.RESOURCE_COURSE,
    },
    # kap. 9: "Alle målgrupper".
    "faxe": set(),
    # HALSNAES: "Aktivitetsparate borgere, borgere i ressourceforløb og borgere med
    # ledighedsydelse og ret til flexjob".
    "halsnaes": {
        B.CASH_BENEFIT_ACTIVITY_READY,
        B.RESOURCE_COURSE,
        B.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
    },
    # AALBORG2019: four job centre units, no funding bases.
    "aalborg": set(),
}

# (id, code, value, section): every published figure, typed from the source text.
RESULTS = [
    # SST2019 6.1: "investere i alt 125 mio. i perioden 2015-2018", "skære et år af",
    # "tjent hjem to gange" in "de første fire år", "jobeffekt) på 50 %", "otte indsatsspor".
    ("hjorring", "investment", 125, "6.1"),
    ("hjorring", "goal_time_on_benefits", 1, "6.1"),
    ("hjorring", "job_effect", 50, "6.1"),
    ("hjorring", "payback", 2, "6.1"),
    ("hjorring", "tracks", 8, "6.1"),
    # 6.2: "12-14 ugers forløb med mødepligt fem dage om ugen", "første uge ... tre dage",
    # "holdet af 20 borgere, hvoraf de 10 var gengangere", "op til 15 års ledighed".
    ("kolding", "course_weeks_min", 12, "6.2"),
    ("kolding", "course_weeks_max", 14, "6.2"),
    ("kolding", "days_per_week", 5, "6.2"),
    ("kolding", "first_week_days", 3, "6.2"),
    ("kolding", "team_size", 20, "6.2"),
    ("kolding", "team_returning", 10, "6.2"),
    ("kolding", "years_unemployed", 15, "6.2"),
    # 6.3: "tre misbrugskonsulenter og en psykolog", "3 årigt satspuljeprosjekt", "et fald i
    # sygefraværet" (no figure).
    ("jammerbugt", "substance_abuse_consultants", 3, "6.3"),
    ("jammerbugt", "psychologists", 1, "6.3"),
    ("jammerbugt", "prevention_project_years", 3, "6.3"),
    ("jammerbugt", "sick_leave_fell", None, "6.3"),
    # 7.1: "Syv ansatte ... i april 2017 flyttet ind i DGI-huset Panteren".
    ("vordingborg", "staff_in_sports_centre", 7, "7.1"),
    # 7.2: weekly, half-yearly, quarterly meetings; "de tre sagsbehandlere".
    ("silkeborg", "rehabilitation_meetings", 1, "7.2"),
    ("silkeborg", "knowledge_sharing_meetings", 2, "7.2"),
    ("silkeborg", "cancer_sparring_meetings", 4, "7.2"),
    ("silkeborg", "cancer_caseworkers", 3, "7.2"),
    # 7.3: "10 sundhedsfaglige terapeuter", "14 sundhedsfaglige ydelser", "fra 2018 køber
    # jobcentret ingen eksterne sundhedstilbud".
    ("syddjurs", "therapists", 10, "7.3"),
    ("syddjurs", "health_services", 14, "7.3"),
    ("syddjurs", "no_external_purchases", None, "7.3"),
    # 8.1: "8 ugers forløb".
    ("tonder", "course_weeks", 8, "8.1"),
    # 8.3: "maks. 25 borgere", "seks konsulenter", "i perioden 2012-2017 forsket".
    ("kobenhavn_ips", "caseload", 25, "8.3"),
    ("kobenhavn_ips", "substance_abuse_consultants", 6, "8.3"),
    ("kobenhavn_ips", "research_period", None, "8.3"),
    # kap. 9: "10 opgavetyper", "60 sider".
    ("faxe", "task_types", 10, "kap. 9"),
    ("faxe", "pages", 60, "kap. 9"),
    # HALSNAES (no sections): "56 borgere", "to-årigt projekt", two staff, "inden for en
    # uge", "30 sekunder", "tre enkle trin", "to temamøder".
    ("halsnaes", "referred", 56, ""),
    ("halsnaes", "project_years", 2, ""),
    ("halsnaes", "health_staff", 2, ""),
    ("halsnaes", "contact_within_weeks", 1, ""),
    ("halsnaes", "vba_seconds", 30, ""),
    ("halsnaes", "vba_steps", 3, ""),
    ("halsnaes", "theme_meetings", 2, ""),
    # AALBORG2019, by the section or table that prints the figure.
    ("aalborg", "budget", 1.0, "Indledning"),
    ("aalborg", "units", 4, "Beskrivelse af indsatsen"),
    ("aalborg", "hours_per_day", 3, "Beskrivelse af indsatsen"),
    ("aalborg", "citizens", 179, "tabel 1"),
    ("aalborg", "conversations", 366, "tabel 1"),
    ("aalborg", "referrals", 166, "tabel 1"),
    ("aalborg", "referred_citizens", 111, "tabel 2"),
    ("aalborg", "conversation_women", 60, "Sundhedssamtalen – Aktivitet"),
    ("aalborg", "mean_age", 45, "Sundhedssamtalen – Aktivitet"),
    ("aalborg", "education_unit_mean_age", 24, "Sundhedssamtalen – Aktivitet"),
    ("aalborg", "flex_citizens", 80, "tabel 3"),
    ("aalborg", "flex_completed", 31, "tabel 3"),
    ("aalborg", "flex_in_progress", 14, "tabel 3"),
    ("aalborg", "flex_dropout", 9, "tabel 3"),
    ("aalborg", "flex_not_started", 25, "tabel 3"),
    ("aalborg", "flex_women", 90, "Åben og Rolig Flex – Aktivitet"),
    ("aalborg", "flex_mean_age", 44, "Åben og Rolig Flex – Aktivitet"),
    ("aalborg", "flex_preparatory_conversations", 3, "Åben og Rolig Flex – Aktivitet"),
    (
        "aalborg",
        "referrals_per_year",
        300,
        "Rekruttering og henvisning af borgere til sundhedstilbud",
    ),
    ("aalborg", "sickness_unit_referrals_per_year", 300, "Kommunikation og placering"),
    ("aalborg", "interviews", 25, "Evalueringsmetode og design"),
]


def test_the_registry_holds_the_twelve_cases_in_source_order():
    assert list(CASES) == list(MAPPINGS)
    assert all(c.id == key for key, c in CASES.items())


@pytest.mark.parametrize("case_id", list(MAPPINGS))
def test_model_groups_citation_and_protocol(case_id):
    source, section, model, groups, mainly, protocol = MAPPINGS[case_id]
    got = case(case_id)

    assert got.citation == Citation(source, section)
    assert got.model is model
    assert got.target_groups == groups
    assert got.mainly == mainly
    assert got.protocol == protocol


@pytest.mark.parametrize("case_id", list(FUNDING))
def test_funding(case_id):
    assert case(case_id).funding == FUNDING[case_id]


@pytest.mark.parametrize("case_id", [k for k, v in FUNDING.items() if not v])
def test_a_case_naming_no_funding_basis_says_why(case_id):
    assert case(case_id).funding_note is not None


@pytest.mark.parametrize(("case_id", "code", "value", "section"), RESULTS)
def test_each_published_figure(case_id, code, value, section):
    result = case(case_id).result(code)
    source = MAPPINGS[case_id][0]

    assert result.value == value
    assert result.citation == Citation(source, section)


def test_every_published_figure_is_in_the_table():
    # Sønderborg (8.2) publishes none.
    listed = [(case_id, code) for case_id, code, _, _ in RESULTS]
    got = [(c.id, r.code) for c in CASES.values() for r in c.published_results]

    assert got == listed
    assert case("sonderborg").published_results == ()


def test_aalborgs_figures_add_up_as_its_tables_do():
    # AALBORG2019 tabel 3: 31 + 14 + 9 + 25 = 79 of 80 (the published rows; one is unaccounted).
    aalborg = case("aalborg")
    statuses = ("flex_completed", "flex_in_progress", "flex_dropout", "flex_not_started")

    assert sum(aalborg.result(code).value for code in statuses) == 79
    assert aalborg.result("referrals").value == 166


def test_halsnaes_and_aalborg_are_inferred_with_notes():
    for case_id in ("halsnaes", "aalborg"):
        got = case(case_id)
        assert got.model_inferred
        assert got.model_note is not None
        assert got.model_note.citation == Citation("SST2019", "kap. 8")
        assert got.target_groups == frozenset()
        assert got.groups_note is not None
    assert not any(c.model_inferred for c in CASES.values() if c.id not in {"halsnaes", "aalborg"})


@pytest.mark.parametrize(
    ("protocol", "compare_groups"),
    [(HJORRING, True), (KOLDING, True), (JAMMERBUGT, True), (HALSNAES, False)],
)
def test_the_registry_agrees_with_the_protocols_already_written(protocol, compare_groups):
    got = case(protocol.id)

    assert got.protocol == protocol.id
    assert got.model is protocol.model
    assert got.funding == protocol.funding
    # The Halsnæs protocol places its target group in the high-risk group; the source itself
    # states none, and so does the registry.
    if compare_groups:
        assert got.target_groups == protocol.target_groups


def test_ids_are_ascii():
    assert all(c.id.isascii() and c.id.islower() for c in CASES.values())


def test_case_lookup_lists_the_ids_when_unknown():
    with pytest.raises(KeyError, match="hjorring, kolding"):
        case("odense")


def test_cases_for_each_model():
    assert {m: [c.id for c in cases_for(m)] for m in M} == {
        M.EARLY_DETECTION: ["hjorring", "kolding", "jammerbugt"],
        M.COORDINATION: ["vordingborg", "silkeborg", "syddjurs"],
        M.SPECIFIC_INTERVENTIONS: ["tonder", "sonderborg", "kobenhavn_ips", "halsnaes", "aalborg"],
        M.CATALOGUE: ["faxe"],
    }
    assert [c.id for c in cases_for(M.SPECIFIC_INTERVENTIONS, inferred=False)] == [
        "tonder",
        "sonderborg",
        "kobenhavn_ips",
    ]


def test_a_result_lookup_lists_the_codes_when_unknown():
    with pytest.raises(KeyError, match="task_types, pages"):
        case("faxe").result("budget")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "Tønder"}, "id: must be lower-case ASCII"),
        ({"model_inferred": True}, "model_note: is required exactly when"),
        ({"target_groups": frozenset()}, "groups_note: is required when"),
        ({"mainly": frozenset({L})}, "mainly: must be among target_groups"),
        ({"protocol": " "}, "protocol: must not be blank"),
        (
            {"published_results": HJORRING_RESULTS[:1] * 2},
            "published_results: has duplicate codes",
        ),
    ],
)
def test_a_case_is_validated(change, message):
    with pytest.raises(ValidationError, match=message):
        attrs.evolve(case("kolding"), **change)


def test_a_case_is_a_frozen_value():
    assert isinstance(case("faxe"), Case)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        case("faxe").protocol = "faxe"
