"""Each published figure has one home: its case module's ``RESULTS`` (Faxe's: the registry).

The registry holds the very objects of the case modules; registry and examples restate no
figure as a number of their own; a figure about citizens says whom it is about.
"""

import ast
import importlib
import pathlib

import attrs
import pytest

import helhed
from helhed.cases import PublishedResult, case
from helhed.cases.aalborg import REFERRALS_BY_DESTINATION
from helhed.cases.registry import CASES
from helhed.errors import ValidationError
from helhed.sources import Citation

MODULES = [c.id for c in CASES.values() if c.id != "faxe"]
SRC = pathlib.Path(helhed.__file__).parent


def module_results(case_id):
    return importlib.import_module(f"helhed.cases.{case_id}").RESULTS


@pytest.mark.parametrize("case_id", MODULES)
def test_the_registry_holds_the_case_modules_own_results(case_id):
    registry = case(case_id).published_results
    own = module_results(case_id)

    assert registry is own
    assert all(a is b for a, b in zip(registry, own, strict=True))


def test_faxe_has_no_module_and_keeps_its_figures_in_the_registry():
    assert importlib.util.find_spec("helhed.cases.faxe") is None
    assert [r.code for r in case("faxe").published_results] == ["task_types", "pages"]


def test_hjorrings_job_effect_says_it_is_about_activity_ready_cash_benefit_recipients():
    # SST2019 6.1: "en gennemsnitlig forøgelse af de aktivitetsparate
    # kontanthjælpsmodtageres beskæftigelse (jobeffekt) på 50 % sammenlignet med en
    # kontrolgruppe i sammenlignelige kommuner".
    effect = case("hjorring").result("job_effect")

    assert (effect.value, effect.unit) == (50, "percent")
    assert effect.population_da.startswith("Aktivitetsparate kontanthjælpsmodtagere")
    assert effect.population_en.startswith("Activity-ready cash benefit recipients")
    assert "control group in comparable municipalities" in effect.population_en
    assert "activity-ready cash benefit recipients" in effect.text_en


# The figures about citizens - counts, shares, ages, effects - by case; every other figure is
# about the practice itself (a length, a limit, a staff count, a budget) and names none.
ABOUT_CITIZENS = {
    "hjorring": {"investment", "goal_time_on_benefits", "job_effect"},
    "kolding": {"team_size", "team_returning", "years_unemployed"},
    "jammerbugt": {"sick_leave_fell"},
    "kobenhavn_ips": {"substance_abuse_consultants", "research_period"},
    "halsnaes": {"referred"},
    "aalborg": {
        "citizens",
        "conversations",
        "referrals",
        "referred_citizens",
        "conversation_women",
        "mean_age",
        "education_unit_mean_age",
        "flex_citizens",
        "flex_completed",
        "flex_in_progress",
        "flex_dropout",
        "flex_not_started",
        "flex_women",
        "flex_mean_age",
        "flex_preparatory_conversations",
        "referrals_per_year",
        "sickness_unit_referrals_per_year",
    },
}


def test_the_figures_about_citizens_say_whom_they_are_about():
    named = {
        c.id: {r.code for r in c.published_results if r.population_en is not None}
        for c in CASES.values()
    }

    assert {k: v for k, v in named.items() if v} == ABOUT_CITIZENS


def test_aalborgs_two_populations_are_told_apart():
    aalborg = case("aalborg")

    assert "four units" in aalborg.result("citizens").population_en
    assert "Flex" in aalborg.result("flex_citizens").population_en
    # The same figure of 300 is printed twice, about different referrers.
    yearly = aalborg.result("referrals_per_year")
    sickness_unit = aalborg.result("sickness_unit_referrals_per_year")
    assert yearly.value == sickness_unit.value == 300
    assert yearly.population_en != sickness_unit.population_en


def test_aalborgs_totals_are_its_tables_totals():
    # AALBORG2019 tabel 1 "I alt 179 366 2 166"; tabel 2 "I alt 166"; tabel 3 "I alt 80".
    aalborg = case("aalborg")

    assert aalborg.result("citizens").value == 179
    assert aalborg.result("conversations").value == 366
    assert aalborg.result("referrals").value == sum(REFERRALS_BY_DESTINATION.values()) == 166
    assert aalborg.result("flex_citizens").value == 80


def test_a_population_is_given_in_both_languages_or_neither():
    effect = case("hjorring").result("job_effect")

    with pytest.raises(ValidationError, match="population_en: must be given exactly when"):
        attrs.evolve(effect, population_en=None)
    with pytest.raises(ValidationError, match="population_da: must not be blank"):
        attrs.evolve(effect, population_da=" ")
    plain = PublishedResult(
        code="x", value=1, unit="weeks", text_da="a", text_en="b", citation=Citation("SST2019")
    )
    assert plain.population_da is plain.population_en is None


def _numbers(path):
    """Every int or float literal in the module at ``path``, with its line, leaving out the
    registry's own figures (Faxe's, whose home it is)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    home = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "_FAXE_RESULTS" for t in node.targets)
    ]
    skip = {id(n) for h in home for n in ast.walk(h)}
    return [
        (node.value, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
        and id(node) not in skip
    ]


# Numbers that are equal to a figure but are not it: the Halsnæs example's invented day span
# ``randint(7, 30)`` is days, not the 30 seconds of Very Brief Advice.
NOT_FIGURES = {"../examples/halsnaes.py": [30]}


# Where a case's figures could be restated: the registry, and the examples built on a case.
# Figures under 10 (a week, two staff, three steps) are too common as numbers to test.
RESTATED_IN = {
    "registry.py": [c for c in CASES if c != "faxe"],
    "../examples/aalborg.py": ["aalborg"],
    "../examples/halsnaes.py": ["halsnaes"],
    "../examples/kolding.py": ["kolding"],
}


@pytest.mark.parametrize("relative", list(RESTATED_IN))
def test_no_figure_is_restated_as_a_number_outside_its_home(relative):
    path = SRC / "cases" / relative
    figures = {
        r.value
        for case_id in RESTATED_IN[relative]
        for r in case(case_id).published_results
        if r.value is not None and r.value >= 10
    }

    allowed = NOT_FIGURES.get(relative, [])

    assert [(n, line) for n, line in _numbers(path) if n in figures and n not in allowed] == []


def test_the_check_finds_a_restated_figure(tmp_path):
    # The same check on a module that restates Hjørring's job effect finds it.
    module = tmp_path / "restating.py"
    module.write_text("JOB_EFFECT = 50\n", encoding="utf-8")
    figures = {r.value for r in case("hjorring").published_results}

    assert [n for n, _ in _numbers(module) if n in figures] == [50]


def test_a_figure_is_the_value_to_compute_with():
    assert case("kolding").figure("course_weeks_min") == 12  # SST2019 6.2 "12-14 ugers"
    with pytest.raises(ValidationError, match=r"jammerbugt\.sick_leave_fell: is stated in words"):
        case("jammerbugt").figure("sick_leave_fell")
    with pytest.raises(KeyError, match="task_types, pages"):
        case("faxe").figure("budget")
