"""A simulated municipality running all four models at once (research extra).

[`simulate_municipality`][helhed.municipality.simulate_municipality] takes a synthetic
cohort, classifies every citizen into a target group (SST2019 kap. 4), refers each citizen in
scope to the catalogue offer that matches them best (model 4, SST2019 kap. 9), simulates the
referral with the offer's seats ([`helhed.simulation`][helhed.simulation]), and adds the
events of one model per target group:

* the **low** group goes through model 1, early detection (kap. 6): a WHO-5 screening, an
  assessment across professions, an intervention plan with a health item and a job-centre item,
  and a WHO-5 progression review at completion; checked against ``model1``;
* the **medium** group goes through model 2, coordination (kap. 7): a joint visitation, that
  is an assessment across professions and then a plan; checked against ``model2``;
* the **high** group goes through model 3, specific interventions (kap. 8): only voluntary
  offers of the health department, and a clarifying conversation at first contact; checked
  against ``model3`` and ``halsnaes``.

Every citizen whose funding basis gives the right to a coordinating caseworker on the day of
the referral gets one assigned (SST2019 4.1, fn. 7) and is checked against
``koordinerende-sagsbehandler``.

**The routing and every rate are the simulation's assumptions.** SST2019 names the target
groups each municipal case serves, and ties no model to one group: every group is served by
cases of several models (the high group by 6.1, 6.2, 7.1-7.3 and 8.1-8.3, for instance). The
sources report no rates of lapses either; the [`Lapses`][helhed.municipality.Lapses] only
exist so that the compliance checks have something to find. Use the result to try the library
on a whole municipality, not to learn about one.

helhed's reading: the one-model-per-group routing of
[`ROUTES`][helhed.municipality.ROUTES]. Each route is to a model with a case stating that
group - low to model 1 (6.3, "Mellem- og Lavrisikogruppen"), medium to model 2 (7.1-7.3),
high to model 3 (8.3, "(højriskgruppen)") - but the sources route no group to one model, and
the routes cannot be read off them: 6.1 and 6.2, model 1's other cases, serve the medium and
high groups. One model per group is chosen so that each model's rules are checked on
citizens of their own, with the three tracks side by side.

Examples:
    >>> town = simulate_municipality(300, seed=5)
    >>> [(t.model.number, t.group.code) for t in town.tracks]
    [(1, 'lavrisiko'), (2, 'mellemrisiko'), (3, 'hoejrisiko')]
    >>> sum(t.citizens for t in town.tracks) <= town.size
    True
    >>> sorted(r.protocol for r in town.tracks[2].reports)
    ['halsnaes', 'koordinerende-sagsbehandler', 'model3']
    >>> simulate_municipality(300, seed=5) == town
    True
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from helhed._extras import needs

with needs("helhed.municipality"):
    import numpy as np

from helhed._validation import Checker
from helhed._values import frozen_fields, plain
from helhed.cases.halsnaes import HALSNAES
from helhed.citizens import Citizen
from helhed.collaboration import CollaborationModel
from helhed.examples import DEMO_SEED, demo_cohort, example_catalogue
from helhed.groups import RiskGroup
from helhed.models.catalogue import Catalogue, Offer, match
from helhed.models.coordination import COORDINATION
from helhed.models.early_detection import EARLY_DETECTION
from helhed.models.specific import SPECIFIC
from helhed.organisation import Administration, Role, coordinating_caseworker_right
from helhed.pathways.compliance import ComplianceReport, check
from helhed.pathways.events import (
    AssessmentHeld,
    BenefitChanged,
    CaseworkerAssigned,
    ContactMade,
    ConversationHeld,
    ConversationKind,
    Event,
    InterventionCompleted,
    InterventionStarted,
    PlanCreated,
    PlanItemAdded,
    ProgressionReviewed,
    Referred,
    ScreeningRecorded,
)
from helhed.pathways.pathway import Pathway
from helhed.pathways.protocols import COORDINATING_CASEWORKER
from helhed.rules import Protocol
from helhed.simulation import Outcome, Parameters, last_day, outcome, simulate
from helhed.target_groups import classify

__all__ = ["ROUTES", "Lapses", "Municipality", "Track", "simulate_municipality"]

_A = Administration

ROUTES: Mapping[RiskGroup, CollaborationModel] = MappingProxyType(
    {
        RiskGroup.LOW: CollaborationModel.EARLY_DETECTION,
        RiskGroup.MEDIUM: CollaborationModel.COORDINATION,
        RiskGroup.HIGH: CollaborationModel.SPECIFIC_INTERVENTIONS,
    }
)
"""Which model each target group goes through in the simulated municipality.

helhed's reading, the simulation's assumption: the sources tie no model to one target group
(see the module's docstring). Each route goes to a model of which at least one SST2019 case
states the group (low: 6.3; medium: 7.1-7.3; high: 8.3); one model per group keeps each
model's checks on citizens of their own."""

_PROTOCOLS: Mapping[CollaborationModel, tuple[Protocol, ...]] = MappingProxyType(
    {
        CollaborationModel.EARLY_DETECTION: (EARLY_DETECTION,),
        CollaborationModel.COORDINATION: (COORDINATION,),
        CollaborationModel.SPECIFIC_INTERVENTIONS: (SPECIFIC, HALSNAES),
    }
)

DEFAULT_START = dt.date(2026, 1, 5)
"""The first day simulated by default: Monday of ISO week 2, 2026."""

_PLAN = "plan-1"
_STAGGER = 26  # referrals spread over the first half year, or the whole run if shorter
_WHO5 = "who5"


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Lapses:
    """How often staff skip a step, as invented probabilities per citizen.

    Attributes:
        no_assessment: A plan is made with no assessment before it (models 1 and 2).
        one_profession: The assessment has only one profession (models 1 and 2).
        no_clarifying: The intervention starts before the clarifying conversation, which is
            held only on the day the intervention starts, after it (model 3).
        no_caseworker: A citizen with the right gets no coordinating caseworker.
    """

    no_assessment: float = 0.02
    one_profession: float = 0.03
    no_clarifying: float = 0.02
    no_caseworker: float = 0.04

    def __attrs_post_init__(self) -> None:
        """Each is a probability."""
        check = Checker()
        for field in attrs.fields(Lapses):
            check.probability(getattr(self, field.name), field.name)
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Track:
    """The citizens of one target group and the model they went through.

    Attributes:
        group: The target group.
        model: The model its citizens went through.
        citizens: Citizens of the group in the cohort.
        unmatched: Of those, citizens no offer in the catalogue was open to; not referred.
        pathways: One pathway per referred citizen.
        outcome: Where the referred citizens stood at the end (see
            [`outcome`][helhed.simulation.outcome]).
        reports: One compliance report per protocol checked, on the last day simulated.
    """

    group: RiskGroup
    model: CollaborationModel
    citizens: int
    unmatched: int
    pathways: tuple[Pathway, ...] = attrs.field(repr=False)
    outcome: Outcome
    reports: tuple[ComplianceReport, ...] = attrs.field(repr=False)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Municipality:
    """A simulated municipality: its cohort's tracks through the models.

    Attributes:
        size: Citizens in the cohort.
        seed: The seed of the cohort and of the simulation.
        start: The first day simulated (week 0).
        weeks: Weeks simulated.
        out_of_scope: Citizens in no target group (SST2019 kap. 4); not referred.
        tracks: One per target group, in the order low, medium, high.
        offers: Referred citizens per offer id, most first.
    """

    size: int
    seed: int
    start: dt.date
    weeks: int
    out_of_scope: int
    tracks: tuple[Track, ...]
    offers: Mapping[str, int]

    @property
    def end(self) -> dt.date:
        """The last day simulated, on which the protocols are checked."""
        return last_day(self.start, self.weeks)

    @property
    def pathways(self) -> tuple[Pathway, ...]:
        """Every track's pathways, low group first."""
        return tuple(p for track in self.tracks for p in track.pathways)

    @property
    def reports(self) -> tuple[ComplianceReport, ...]:
        """Every track's compliance reports, low group first."""
        return tuple(r for track in self.tracks for r in track.reports)


def _parameters(offer: Offer, *, stagger: int) -> Parameters:
    """The weekly rates of the demo's referrals (invented), referrals spread over ``stagger``."""
    return Parameters(
        offer=offer,
        p_accept=0.7,
        p_decline=0.1,
        p_contact=0.8,
        p_start=0.6,
        p_complete=0.1,
        p_drop_out=0.03,
        p_job=0.03,
        stagger_weeks=stagger,
    )


def _seed(*keys: int) -> int:
    """An independent seed for each part of the run, the same for the same keys."""
    return int(np.random.SeedSequence(list(keys)).generate_state(1)[0])


def _best_offer(
    catalogue: Catalogue, citizen: Citizen, model: CollaborationModel, on: dt.date
) -> Offer | None:
    if model is CollaborationModel.SPECIFIC_INTERVENTIONS:
        # Halsnæs: a voluntary referral that the health department takes over (HALSNAES).
        found = match(catalogue, citizen, on=on, administration=_A.HEALTH, voluntary=True)
    else:
        found = match(catalogue, citizen, on=on)
    return found[0].offer if found else None


def _enrich(
    pathway: Pathway,
    citizen: Citizen,
    model: CollaborationModel,
    *,
    lapse: np.ndarray,
    lapses: Lapses,
) -> Pathway:
    """The simulated referral with the model's own events added, as a validated pathway."""
    events = list(pathway.events)
    referral = events[0] if events else None
    if not isinstance(referral, Referred):  # only an empty log: simulate opens with the referral
        return pathway
    day, cid = referral.occurred_on, citizen.id
    right = coordinating_caseworker_right(citizen, on=day).right
    added: list[Event] = [
        BenefitChanged(
            citizen_id=cid, occurred_on=day, recorded_by=_A.JOB_CENTRE, benefit=citizen.benefit
        )
    ]
    if right and lapse[3] >= lapses.no_caseworker:
        added.append(
            CaseworkerAssigned(
                citizen_id=cid,
                occurred_on=day,
                recorded_by=_A.JOB_CENTRE,
                staff_id=f"kss-{int(lapse[4] * 40) + 1:02d}",
                role=Role.COORDINATING_CASEWORKER,
            )
        )
    if model is not CollaborationModel.SPECIFIC_INTERVENTIONS:
        if model is CollaborationModel.EARLY_DETECTION:
            added.append(
                ScreeningRecorded(
                    citizen_id=cid, occurred_on=day, recorded_by=_A.HEALTH, instrument=_WHO5
                )
            )
        if lapse[0] >= lapses.no_assessment:
            one = lapse[1] < lapses.one_profession
            added.append(
                AssessmentHeld(
                    citizen_id=cid,
                    occurred_on=day,
                    recorded_by=_A.JOB_CENTRE,
                    professions=frozenset(
                        {Role.CASEWORKER} if one else {Role.CASEWORKER, Role.NURSE}
                    ),
                    administrations=frozenset(
                        {_A.JOB_CENTRE} if one else {_A.JOB_CENTRE, _A.HEALTH}
                    ),
                )
            )
        added.append(
            PlanCreated(citizen_id=cid, occurred_on=day, recorded_by=_A.JOB_CENTRE, plan_id=_PLAN)
        )
        if model is CollaborationModel.EARLY_DETECTION:
            added.extend(
                PlanItemAdded(
                    citizen_id=cid,
                    occurred_on=day,
                    recorded_by=_A.JOB_CENTRE,
                    plan_id=_PLAN,
                    item_id=item,
                    offer=offer,
                    administration=administration,
                    profession=role,
                    start=day,
                )
                for item, offer, administration, role in (
                    ("i-1", referral.offer, referral.to, Role.NURSE),
                    ("i-2", "virksomhedspraktik", _A.JOB_CENTRE, Role.JOB_CONSULTANT),
                )
            )
    out: list[Event] = [referral, *added]
    late = lapse[2] < lapses.no_clarifying
    for event in events[1:]:
        out.append(event)
        if model is CollaborationModel.SPECIFIC_INTERVENTIONS and isinstance(
            event, InterventionStarted if late else ContactMade
        ):
            late = False  # a late conversation follows the first start; then as usual
            out.append(
                ConversationHeld(
                    citizen_id=cid,
                    occurred_on=event.occurred_on,
                    recorded_by=_A.HEALTH,
                    conversation=ConversationKind.CLARIFYING_CONVERSATION,
                    referral_id=event.referral_id,
                )
            )
        elif model is CollaborationModel.EARLY_DETECTION and isinstance(
            event, InterventionCompleted
        ):
            out.append(
                ProgressionReviewed(
                    citizen_id=cid,
                    occurred_on=event.occurred_on,
                    recorded_by=_A.HEALTH,
                    plan_id=_PLAN,
                    instrument=_WHO5,
                )
            )
    return Pathway(citizen_id=cid, events=tuple(out))


def simulate_municipality(  # noqa: PLR0913 - the run is set by keywords
    size: int = 10_000,
    *,
    seed: int = DEMO_SEED,
    start: dt.date = DEFAULT_START,
    weeks: int = 52,
    catalogue: Catalogue | None = None,
    lapses: Lapses | None = None,
) -> Municipality:
    """Simulate a municipality of ``size`` synthetic citizens through the four models.

    Args:
        size: Citizens in the cohort (``demo_cohort(size, seed=seed, on=start)``).
        seed: Seed of the cohort and of every random draw; the same seed gives the same result.
        start: The first day simulated; citizens are classified and matched on it.
        weeks: Weeks simulated; the protocols are checked on the last day.
        catalogue: The offers citizens are referred to, with their seats; the example
            catalogue by default.
        lapses: How often steps are skipped; [`Lapses`][helhed.municipality.Lapses]'
            defaults when ``None``.

    Referrals fall in a week drawn uniformly from the first 26 (or from all weeks of a
    shorter run), so every citizen matched to an offer is referred within the run. All
    citizens matched to one offer share its seats and its waiting list, whatever their group.

    Raises:
        ValidationError: If ``size`` or ``weeks`` is not a whole number of at least 1, ``seed``
            is not a whole number of at least 0, ``start`` is not a date, or ``catalogue`` or
            ``lapses`` is of the wrong type.
    """
    size, weeks = plain(size), plain(weeks)
    problems = Checker()
    problems.whole(size, "size", minimum=1)
    problems.seed(seed, "seed")
    problems.whole(weeks, "weeks", minimum=1)
    problems.day(start, "start")
    problems.expect(
        catalogue is None or isinstance(catalogue, Catalogue), "catalogue", "must be a Catalogue"
    )
    problems.expect(lapses is None or isinstance(lapses, Lapses), "lapses", "must be Lapses")
    problems.done()
    seed = int(seed)  # numpy's integers are seeds too; the cohort's random.Random wants an int
    catalogue = example_catalogue() if catalogue is None else catalogue
    lapses = Lapses() if lapses is None else lapses
    cohort = demo_cohort(size, seed=seed, on=start)
    offers = {offer.id: offer for offer in catalogue.offers}
    group_of: dict[str, RiskGroup] = {}
    unmatched: dict[RiskGroup, int] = defaultdict(int)
    # One seat pool per offer, shared by every group matched to it, queued in cohort order.
    by_offer: dict[str, list[Citizen]] = defaultdict(list)
    for citizen in cohort:
        group = classify(citizen, on=start).group
        if group is None:
            continue
        group_of[citizen.id] = group
        offer = _best_offer(catalogue, citizen, ROUTES[group], start)
        if offer is None:
            unmatched[group] += 1
        else:
            by_offer[offer.id].append(citizen)
    simulated: dict[str, Pathway] = {}
    for index, (offer_id, citizens) in enumerate(sorted(by_offer.items())):
        parameters = _parameters(offers[offer_id], stagger=min(_STAGGER, weeks - 1))
        runs = simulate(citizens, parameters, start=start, weeks=weeks, seed=_seed(seed, index))
        simulated.update(zip((c.id for c in citizens), runs, strict=True))
    lapse = np.random.default_rng(_seed(seed, len(by_offer))).random((size, 5))
    end = last_day(start, weeks)
    tracks: list[Track] = []
    for group, model in ROUTES.items():
        pathways = [
            _enrich(simulated[c.id], c, model, lapse=lapse[row], lapses=lapses)
            for row, c in enumerate(cohort)
            if group_of.get(c.id) is group and c.id in simulated
        ]
        protocols = (*_PROTOCOLS[model], COORDINATING_CASEWORKER)
        tracks.append(
            Track(
                group=group,
                model=model,
                citizens=sum(g is group for g in group_of.values()),
                unmatched=unmatched[group],
                pathways=tuple(pathways),
                outcome=outcome(pathways, start=start, weeks=weeks),
                reports=tuple(check(pathways, protocol, on=end) for protocol in protocols),
            )
        )
    referred = {offer_id: len(citizens) for offer_id, citizens in by_offer.items()}
    ranked = sorted(referred.items(), key=lambda item: (-item[1], item[0]))
    return Municipality(
        size=size,
        seed=seed,
        start=start,
        weeks=weeks,
        out_of_scope=size - len(group_of),
        tracks=tuple(tracks),
        offers=MappingProxyType(dict(ranked)),
    )
