"""The columnar evaluators of the rule kinds, one module per kind (research extra).

Each module mirrors the module of ``helhed.rules`` holding its kind and registers its
evaluator with [`columnar`][helhed.batch.rules.registry.columnar]:

* ``forbid``, ``within``, ``precedes``, ``parallel``, ``requires_consent`` and
  ``caseworkers`` (both coordinating caseworker kinds) evaluate their rules over whole
  columns, and so do the kinds of the models and cases: ``rescreened``
  (``RescreenedAtEnd``), ``plan_professions`` (``PlanSpansProfessions``),
  ``same_instrument`` (``SameInstrument``) and ``settled`` (``SupportUntilSettled``);
* ``every`` and ``at_most_per`` pick over columns the citizens who can break the rule, and
  run the rule's own check on their pathways (``Every.holds`` is a Python function;
  ``AtMostPer`` counts caseloads across pathways).

[`registry`][helhed.batch.rules.registry] holds the evaluators by rule class and says, rule
by rule, which way a rule goes ([`evaluation_plan`][helhed.batch.evaluation_plan]).
Importing this package fills the registry.
"""

from helhed.batch.rules import (
    at_most_per,
    caseworkers,
    every,
    forbid,
    parallel,
    plan_professions,
    precedes,
    requires_consent,
    rescreened,
    same_instrument,
    settled,
    within,
)
from helhed.batch.rules.registry import (
    EVALUATORS,
    Evaluator,
    RulePlan,
    columnar,
    evaluation_plan,
    evaluator_of,
)

__all__ = [
    "EVALUATORS",
    "Evaluator",
    "RulePlan",
    "at_most_per",
    "caseworkers",
    "columnar",
    "evaluation_plan",
    "evaluator_of",
    "every",
    "forbid",
    "parallel",
    "plan_professions",
    "precedes",
    "requires_consent",
    "rescreened",
    "same_instrument",
    "settled",
    "within",
]
