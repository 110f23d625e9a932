"""Rules over whole tables: columnar answers equal to the object API's (research extra).

* ``helhed.batch.citizens``: target groups and caseworker rights of a
  table of citizens ([`classify_frame`][helhed.batch.classify_frame],
  [`citizens_to_frame`][helhed.batch.citizens_to_frame]) and sickness benefit categories of a
  table of cases ([`sickness_frame`][helhed.batch.sickness_frame]);
* ``helhed.batch.compliance``: protocol checks over a table of events
  ([`check_frame`][helhed.batch.check_frame], [`report_frame`][helhed.batch.report_frame],
  [`findings_of`][helhed.batch.findings_of], [`sort_findings`][helhed.batch.sort_findings],
  [`population_rows`][helhed.batch.population_rows]);
* ``helhed.batch.outcomes``: outcome measures of a table of events
  ([`outcomes_frame`][helhed.batch.outcomes_frame]), equal to
  [`helhed.outcomes`][helhed.outcomes] citizen by citizen;
* ``helhed.batch.rules``: the columnar evaluator of each rule kind, one module per kind,
  and the plan of a check ([`evaluation_plan`][helhed.batch.evaluation_plan],
  [`RulePlan`][helhed.batch.RulePlan]); a rule that runs on objects instead warns with
  [`ObjectPathWarning`][helhed.batch.ObjectPathWarning].

Every function takes a pandas DataFrame or a ``pyarrow.Table`` (converted to pandas once, at
the start, keeping missing cells missing) and raises
[`ValidationError`][helhed.errors.ValidationError] for anything else. The rule tables are the
object API's, read when a function runs; property tests hold both doors to the same answers.

The guide "Batch checks over tables" shows ``check_frame`` at work, lists which
rules run over whole columns and which on objects, and says what is checked in the input.

Needs numpy and pandas (the ``research`` extra); ``import helhed`` does not import this
package.
"""

from helhed._extras import needs

with needs("helhed.batch"):
    from helhed.batch.citizens import (
        CITIZEN_COLUMNS,
        CLASSIFY_OUTPUT,
        SICKNESS_COLUMNS,
        SICKNESS_OUTPUT,
        citizens_to_frame,
        classify_frame,
        sickness_frame,
    )
    from helhed.batch.compliance import (
        FINDING_COLUMNS,
        check_frame,
        findings_of,
        population_rows,
        report_frame,
        sort_findings,
    )
    from helhed.batch.outcomes import outcomes_frame
    from helhed.batch.rules import RulePlan, evaluation_plan
    from helhed.errors import ObjectPathWarning


__all__ = [
    "CITIZEN_COLUMNS",
    "CLASSIFY_OUTPUT",
    "FINDING_COLUMNS",
    "SICKNESS_COLUMNS",
    "SICKNESS_OUTPUT",
    "ObjectPathWarning",
    "RulePlan",
    "check_frame",
    "citizens_to_frame",
    "classify_frame",
    "evaluation_plan",
    "findings_of",
    "outcomes_frame",
    "population_rows",
    "report_frame",
    "sickness_frame",
    "sort_findings",
]
