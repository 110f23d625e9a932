"""The rules moved from helhed.pathways.rules to helhed.rules; the old name warns for a release."""

import importlib
import sys

import pytest

import helhed.rules


def test_the_old_module_warns_naming_the_new_and_gives_the_same_objects(monkeypatch):
    monkeypatch.delitem(sys.modules, "helhed.pathways.rules", raising=False)

    with pytest.warns(DeprecationWarning, match=r"import from helhed\.rules") as caught:
        old = importlib.import_module("helhed.pathways.rules")

    assert len(caught) == 1
    assert old.__all__ == helhed.rules.__all__
    assert len(old.__all__) == 32
    for name in helhed.rules.__all__:
        assert getattr(old, name) is getattr(helhed.rules, name), name


def test_each_rule_kind_lives_in_its_own_module():
    kinds = {"CONDITIONS", "RULE_KINDS"}  # registries, not classes
    where = {
        name: getattr(helhed.rules, name).__module__
        for name in helhed.rules.__all__
        if name not in kinds
    }

    assert where == {
        "AtMostPer": "helhed.rules.at_most_per",
        "Condition": "helhed.rules.conditions",
        "FirstFollowUpByWeek8": "helhed.rules.first_follow_up",
        "PlanSpansProfessions": "helhed.rules.plan_professions",
        "RescreenedAtEnd": "helhed.rules.rescreened",
        "SameInstrument": "helhed.rules.same_instrument",
        "SupportUntilSettled": "helhed.rules.settled",
        "kind_of": "helhed.rules.kinds",
        "CoordinatingCaseworkerAssigned": "helhed.rules.caseworkers",
        "Every": "helhed.rules.every",
        "Finding": "helhed.rules.base",
        "Forbid": "helhed.rules.forbid",
        "Match": "helhed.rules.base",
        "OneCoordinatingCaseworker": "helhed.rules.caseworkers",
        "Parallel": "helhed.rules.parallel",
        "PopulationRule": "helhed.rules.base",
        "Precedes": "helhed.rules.precedes",
        "Protocol": "helhed.rules.protocol",
        "RequiresConsent": "helhed.rules.requires_consent",
        "Rule": "helhed.rules.base",
        "Severity": "helhed.rules.base",
        "Within": "helhed.rules.within",
        "at_most_per": "helhed.rules.at_most_per",
        "every": "helhed.rules.every",
        "forbid": "helhed.rules.forbid",
        "parallel": "helhed.rules.parallel",
        "precedes": "helhed.rules.precedes",
        "requires_consent": "helhed.rules.requires_consent",
        "when": "helhed.rules.base",
        "within": "helhed.rules.within",
    }
