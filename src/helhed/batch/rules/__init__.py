"""The columnar evaluators of the rule kinds, one module per kind (research extra).

Each module mirrors the module of ``helhed.rules`` holding its kind and registers its
evaluator with [`columnar`][helhed.batch.rules.registry.columnar]:

* ``forbid``, ``within``, ``precedes``, ``every``, ``parallel``, ``requires_consent``,
  ``caseworkers`` (both coordinating caseworker kinds), ``first_follow_up`` and
  ``at_most_per`` (a population rule: every caseload counted together) evaluate their rules
  over whole columns (``every`` declines a ``holds`` that is a Python function); ``_current``
  gives the current caseworkers the last two kinds read; and so do the kinds of the models
  and cases: ``rescreened`` (``RescreenedAtEnd``), ``plan_professions``
  (``PlanSpansProfessions``), ``same_instrument`` (``SameInstrument``) and ``settled``
  (``SupportUntilSettled``).

[`conditions`][helhed.batch.rules.conditions] holds the masks of the named conditions, which
a match's ``where`` and ``Every.holds`` are read through.

[`registry`][helhed.batch.rules.registry] holds the evaluators by rule class and says, rule
by rule, which way a rule goes ([`evaluation_plan`][helhed.batch.evaluation_plan]).
Importing this package fills the registry.
"""

from helhed.batch.rules import (
    at_most_per,
    caseworkers,
    conditions,
    every,
    first_follow_up,
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
    "conditions",
    "evaluation_plan",
    "evaluator_of",
    "every",
    "first_follow_up",
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
