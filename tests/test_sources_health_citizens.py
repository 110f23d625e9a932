"""Sources, health profiles and citizens: construction and validation."""

import datetime as dt

import pytest

from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.errors import Problem, ValidationError
from helhed.health import (
    HealthChallenge,
    HealthDomain,
    HealthProfile,
    ProgressiveCondition,
    RiskFactor,
)
from helhed.sickness import SicknessCategory
from helhed.sources import SOURCES, Citation, SourceKind


def test_the_five_source_documents_and_the_laws_are_known():
    documents = [k for k, s in SOURCES.items() if s.kind is SourceKind.DOCUMENT]
    laws = [k for k, s in SOURCES.items() if s.kind is SourceKind.LAW]

    assert documents == ["SST2019", "HALSNAES", "ODENSE2015", "AALBORG2019", "COWI2010"]
    assert laws == ["SDL", "LAB", "L140/2018-19", "L1655/2024", "L74/2024-25", "L1750/2025"]
    assert SOURCES["SST2019"].published == dt.date(2019, 1, 17)


def test_a_citation_must_name_a_known_source():
    assert str(Citation("SDL", "§ 12")) == "SDL § 12"
    assert str(Citation("COWI2010")) == "COWI2010"
    with pytest.raises(ValidationError, match="source: unknown source key"):
        Citation("SST2020", "4.1")


def test_a_named_progressive_condition_must_be_marked_progressive():
    with pytest.raises(
        ValidationError, match="progressive: must be true when a progressive condition is named"
    ):
        HealthChallenge(domain=HealthDomain.PHYSICAL, condition=ProgressiveCondition.ALZHEIMERS)


def test_health_profile_names_every_bad_field_without_its_value():
    with pytest.raises(ValidationError) as err:
        HealthProfile(risk_factors="kost", challenges={}, sick_days=400, affects_work="yes")

    assert list(err.value.problems) == [
        Problem("risk_factors", "must be a set of RiskFactor"),
        Problem("challenges", "must be a tuple"),
        Problem("sick_days", "must be 366 or fewer"),
        Problem("affects_work", "must be true or false"),
    ]
    assert "400" not in str(err.value)


def test_sick_days_alone_are_not_a_finding():
    assert HealthProfile(sick_days=30).has_findings is False
    assert HealthProfile(risk_factors=frozenset({RiskFactor.SLEEP})).has_findings is True
    assert RiskFactor.ALCOHOL.kram is True
    assert RiskFactor.SLEEP.kram is False


def test_a_citizen_needs_an_id_and_a_sickness_category_needs_sickness_benefit():
    with pytest.raises(ValidationError) as err:
        Citizen(id=" ", benefit=Benefit.FLEX_JOB, sickness_category=SicknessCategory.ONE)

    assert [str(p) for p in err.value.problems] == [
        "id: must not be blank",
        "sickness_category: is only given with sickness benefit or job trial",
    ]
    assert Citizen(id="c", benefit=Benefit.JOB_TRIAL, sickness_category=SicknessCategory.TWO)


def test_a_citizen_refuses_a_benefit_given_as_text():
    with pytest.raises(ValidationError, match="benefit: must be a Benefit"):
        Citizen(id="c", benefit="fleksjob")
