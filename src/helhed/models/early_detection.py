"""Model 1: early detection and cross-disciplinary intervention (SST2019 kap. 6).

helhed runs the model in this order: screening -> a coordinated assessment by several
professions across administrations -> an intervention plan whose items span professions and
administrations and may run in parallel -> progression reviews with a validated tool -> plan
adjustments. The order is helhed's reading: SST2019 kap. 6 lists the elements without an
order, and helhed takes it from the Hjørring case (6.1), where the cross-disciplinary
analysis "munder ud i en indsatsplan" and then "Planen iværksættes, og der følges løbende op
på progression og justeringer af planen. Indsatserne foregår typisk parallelt". Only the
first step of the order is a rule
([`model1.assessment_before_plan`][helhed.models.early_detection.RULES], itself marked as a
reading). In the event log the steps are:

1. ``ScreeningRecorded`` - a validated screening (e.g. WHO-5), the baseline;
2. ``AssessmentHeld`` - the cross-disciplinary assessment, with the professions and
   administrations taking part;
3. ``PlanCreated`` and ``PlanItemAdded`` - the plan and its items (offer, responsible
   administration, profession, start, end);
4. ``ScreeningRecorded`` again and ``ProgressionReviewed`` - progression measured with a
   validated tool; SST2019 kap. 6 names two tools among the prerequisites, one for screening
   and one for progression, so the model does not demand that they be the same;
5. ``PlanAdjusted`` (and new items) - the plan changed in the light of progression.

[`EARLY_DETECTION`][helhed.models.early_detection.EARLY_DETECTION] holds the model's rules:

| rule | demand |
|---|---|
| ``model1.assessment_before_plan`` | a plan needs a cross-disciplinary assessment before it |
| ``model1.assessment_cross_disciplinary`` | an assessment has at least two professions |
| ``model1.plan_cross_disciplinary`` | a plan's items span at least two professions |

[`SameInstrument`][helhed.rules.SameInstrument] - progression measured on an
instrument used before the plan - is not one of them: the source asks for a validated
screening tool and a validated progression tool, two tools. It stays for a protocol of a
municipality's own that measures progression on its screening tool.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration as A, Role as R
    >>> from helhed.pathways import events as ev
    >>> from helhed.pathways.compliance import check
    >>> from helhed.pathways.pathway import Pathway
    >>> def at(day, kind, by=A.HEALTH, **fields):
    ...     return kind(citizen_id="c-1", occurred_on=dt.date(2024, 1, day), recorded_by=by,
    ...                 **fields)
    >>> pathway = Pathway.of([
    ...     at(8, ev.Referred, A.JOB_CENTRE, referral_id="r-1", offer="screening",
    ...        to=A.HEALTH, voluntary=True),
    ...     at(8, ev.ScreeningRecorded, instrument="who5", score=9),
    ...     at(10, ev.PlanCreated, A.JOB_CENTRE, plan_id="p-1"),
    ... ])
    >>> [f.rule_id for f in check([pathway], EARLY_DETECTION, on=dt.date(2024, 2, 1)).findings]
    ['model1.assessment_before_plan', 'model1.plan_cross_disciplinary']
"""

from __future__ import annotations

import datetime as dt

from helhed._validation import Checker, items_of, pair_of
from helhed.collaboration import CollaborationModel
from helhed.errors import require
from helhed.pathways.events import (
    AssessmentHeld,
    PlanCreated,
    PlanItemAdded,
    ScreeningRecorded,
)
from helhed.pathways.pathway import Pathway
from helhed.rules import (
    PlanSpansProfessions,
    Protocol,
    Rule,
    Severity,
    every,
    precedes,
    when,
)
from helhed.rules.conditions import at_least
from helhed.screening.progression import Measurement, Series
from helhed.sources import Basis, Citation, Reading, Stated

__all__ = [
    "EARLY_DETECTION",
    "RULES",
    "assessment_rules",
    "parallel_items",
    "plan_items",
    "progression_series",
]

_KAP6 = Citation("SST2019", "kap. 6")


def plan_items(pathway: Pathway, plan_id: str) -> tuple[PlanItemAdded, ...]:
    """The items of a plan in force, in the order they were added."""
    require(pathway, Pathway, "pathway", "must be a Pathway")
    return tuple(
        e for e in pathway.timeline if isinstance(e, PlanItemAdded) and e.plan_id == plan_id
    )


def parallel_items(
    items: tuple[PlanItemAdded, ...], on: dt.date
) -> tuple[tuple[PlanItemAdded, PlanItemAdded], ...]:
    """The pairs of items that run at the same time (an open end runs until ``on``).

    Raises:
        ValidationError: If ``items`` is not a list of ``PlanItemAdded`` or ``on`` not a date.
    """
    check = Checker()
    check.day(on, "on")
    check.done()
    items = items_of(items, PlanItemAdded, "items")

    def end(item: PlanItemAdded) -> dt.date:
        return item.end if item.end is not None else max(on, item.start)

    return tuple(
        (a, b)
        for i, a in enumerate(items)
        for b in items[i + 1 :]
        if a.start <= end(b) and b.start <= end(a)
    )


def progression_series(pathway: Pathway, instrument: str) -> Series | None:
    """The citizen's results on ``instrument`` from the log's screenings with a score.

    One result a day: a later screening on the same day replaces an earlier one. None when
    there is no scored screening on that instrument.
    """
    require(pathway, Pathway, "pathway", "must be a Pathway")
    by_day: dict[dt.date, Measurement] = {}
    for event in pathway.timeline:
        if (
            isinstance(event, ScreeningRecorded)
            and event.instrument == instrument
            and event.score is not None
        ):
            by_day[event.occurred_on] = Measurement(
                instrument=instrument, on=event.occurred_on, total=event.score
            )
    if not by_day:
        return None
    return Series.of(pathway.citizen_id, by_day.values())


def assessment_rules(  # noqa: PLR0913 - the texts of two rules
    prefix: str,
    citation: Citation,
    *,
    before: tuple[str, str],
    across: tuple[str, str],
    before_id: str = "assessment_before_plan",
    minimum: int = 2,
    bases: tuple[Basis | None, Basis | None] = (None, None),
) -> tuple[Rule, Rule]:
    """The two assessment rules models 1 and 2 and their cases share, under ``prefix``.

    ``{prefix}.{before_id}``: a plan rests on a cross-disciplinary assessment before it;
    ``{prefix}.assessment_cross_disciplinary``: an assessment has ``minimum`` professions.
    ``before`` and ``across`` are the (Danish, English) texts of the two rules, ``bases``
    what each rests on. A rule resting on helhed's reading is a warning, not an error: the
    source does not demand it.

    Raises:
        ValidationError: If ``before``, ``across`` or ``bases`` is not a pair, or ``minimum``
            not a whole number of 1 or more.
    """
    pair_of(before, "before")
    pair_of(across, "across")
    pair_of(bases, "bases", noun="bases (Stated, Reading or None)")
    check = Checker()
    check.whole(minimum, "minimum", minimum=1)
    check.done()

    return (
        precedes(
            when(AssessmentHeld),
            when(PlanCreated),
            id=f"{prefix}.{before_id}",
            citation=citation,
            text_da=before[0],
            text_en=before[1],
            basis=bases[0],
            severity=_severity(bases[0]),
        ),
        every(
            when(AssessmentHeld),
            at_least("professions", minimum),
            failure=("kun én faggruppe deltog.", "only one profession took part."),
            id=f"{prefix}.assessment_cross_disciplinary",
            citation=citation,
            text_da=across[0],
            text_en=across[1],
            basis=bases[1],
            severity=_severity(bases[1]),
        ),
    )


def _severity(basis: Basis | None) -> Severity:
    """A warning for a rule that is helhed's reading, an error otherwise."""
    return Severity.WARNING if isinstance(basis, Reading) else Severity.ERROR


RULES = (
    *assessment_rules(
        "model1",
        _KAP6,
        before=(
            "En indsatsplan bygger på en tværfaglig vurdering.",
            "An intervention plan rests on a cross-disciplinary assessment.",
        ),
        across=(
            "Vurderingen er koordineret på tværs af faggrupper.",
            "The assessment is coordinated across professions.",
        ),
        bases=(
            Reading(
                "Kapitel 6 nævner en koordineret vurdering og en indsatsplan blandt "
                "modellens elementer, men ikke deres rækkefølge. At planen bygger på en "
                "vurdering før den, er helheds læsning; Hjørring (6.1) beskriver det sådan: "
                "den tværfaglige analyse munder ud i en indsatsplan.",
                "Chapter 6 lists a coordinated assessment and an intervention plan among the "
                "model's elements but does not order them. That the plan rests on an "
                "assessment made before it is helhed's reading; Hjørring (6.1) describes it "
                "so: the cross-disciplinary analysis leads to an intervention plan.",
            ),
            Stated(
                "Koordineret vurdering og udredning med inddragelse af relevante fagspecialer "
                "på tværs af sektor-/forvaltningsområder"
            ),
        ),
    ),
    PlanSpansProfessions(
        id="model1.plan_cross_disciplinary",
        citation=_KAP6,
        text_da="Indsatsplanen går på tværs af faggrupper.",
        text_en="The intervention plan spans professions.",
        basis=Stated("Indsatsplan indeholdende indsatser på tværs af fagligheder og forvaltninger"),
    ),
)
"""The rules of model 1, each citing SST2019 kapitel 6. Progression on the same instrument as
the screening is not among them (see
[`SameInstrument`][helhed.rules.SameInstrument])."""

EARLY_DETECTION = Protocol(
    id="model1",
    name_da="Tidlig opsporing og tværfaglig indsats",
    name_en="Early detection and cross-disciplinary intervention",
    model=CollaborationModel.EARLY_DETECTION,
    rules=RULES,
    citation=_KAP6,
)
"""Model 1 as a protocol; the municipal cases (``helhed.cases``) build on its rules."""
