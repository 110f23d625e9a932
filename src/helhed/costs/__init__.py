"""Costs and the business case: what interventions, seats and benefit weeks cost, in DKK.

* [`CostTable`][helhed.costs.CostTable] of [`Cost`][helhed.costs.Cost] figures, dated, each
  published (with its citation) or the user's own;
* [`BENEFIT_RATES`][helhed.costs.BENEFIT_RATES]: the benefit rates the ministry publishes,
  as weekly costs, for the years its pages give;
* [`spending`][helhed.costs.spending]: what a run of pathways cost week by week;
* [`business_case`][helhed.costs.business_case]: a run with an effort against one without -
  the extra cost, the benefit payments avoided, the return and the break-even week.

The guide "Costs and the business case" works an example through.
"""

from helhed.costs._case import BusinessCase, Spending, business_case, spending
from helhed.costs._published import BENEFIT_RATES, weekly_from_monthly
from helhed.costs._table import Cost, CostKind, CostTable

__all__ = [
    "BENEFIT_RATES",
    "BusinessCase",
    "Cost",
    "CostKind",
    "CostTable",
    "Spending",
    "business_case",
    "spending",
    "weekly_from_monthly",
]
