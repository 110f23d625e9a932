"""Model 4: the cross-disciplinary intervention catalogue (SST2019 kap. 9).

A catalogue lists the offers across employment, social and health services so that a
caseworker can start the right one from the citizen's needs. Faxe's catalogue is split into
10 task types (opgavetyper, SST2019 kap. 9) - the default
[`FAXE`][helhed.models.catalogue.FAXE] taxonomy - and a catalogue can carry another taxonomy
(Hjørring's tracks, a municipality's own) with a mapping between them.

* [`Catalogue`][helhed.models.catalogue.Catalogue] refuses duplicate ids, unknown task types
  and impossible values, listing every problem.
* [`match`][helhed.models.catalogue.match] finds the offers open to a citizen's target group
  and funding basis, ranked by the risk factors they address, each with reasons.
* [`stale`][helhed.models.catalogue.stale] lists offers not reviewed for a while: keeping the
  catalogue up to date is decisive (SST2019 kap. 9); [`coverage`][helhed.models.catalogue.coverage]
  shows risk factors, target groups and task types with no offer at all.
* [`capacity`][helhed.models.catalogue.capacity] sets referrals from pathways against each
  offer's capacity: a referral to a full offer is a finding, not a silent drop. helhed's
  reading: kap. 9 names "Tilstrækkelig kapacitet på tilbuddene" as a prerequisite of the
  model and says nothing of single referrals; helhed reports each referral or start that
  meets a full offer, so that a missing prerequisite shows in the pathways it affects.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Administration
    >>> walk = Offer(id="walk", name_da="Gåhold", name_en="Walking group",
    ...     administration=Administration.HEALTH, task_type="6",
    ...     risk_factors=frozenset({RiskFactor.PHYSICAL_ACTIVITY}), format=OfferFormat.GROUP,
    ...     voluntary=True, last_reviewed=dt.date(2024, 1, 15))
    >>> catalogue = Catalogue(name="Eksempel", offers=(walk,))
    >>> [o.id for o in stale(catalogue, on=dt.date(2025, 6, 1), max_age=dt.timedelta(days=365))]
    ['walk']
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK, REDACT, SENSITIVE
from helhed._validation import Checker, require_day
from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.errors import UnknownNameError, ValidationError, quoted, require
from helhed.groups import RiskGroup
from helhed.health import RiskFactor
from helhed.organisation import Administration, Period
from helhed.pathways.events import (
    InterventionCompleted,
    InterventionDroppedOut,
    InterventionNotStarted,
    InterventionStarted,
    ReferralDeclined,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.sources import Citation, Reason
from helhed.target_groups import classify

__all__ = [
    "FAXE",
    "MATCHES_SHOWN",
    "MOST_MATCHES",
    "MOST_REVIEW_MONTHS",
    "REVIEW_MONTHS",
    "Capacity",
    "CapacityPeriod",
    "CapacityRow",
    "CapacityUnit",
    "Catalogue",
    "Coverage",
    "Offer",
    "OfferFormat",
    "OfferMatch",
    "TaskType",
    "Taxonomy",
    "TaxonomyMapping",
    "capacity",
    "coverage",
    "match",
    "max_age",
    "period_key",
    "stale",
]

_KAP9 = Citation("SST2019", "kap. 9")

REVIEW_MONTHS = 12
"""Calendar months since its last review after which an offer is stale, unless the caller says:
helhed's reading, once a year. SST2019 kap. 9 asks for continuous updating and sets no period."""

MOST_REVIEW_MONTHS = 1_200
"""The most calendar months a caller may give for staleness: 100 years."""

MATCHES_SHOWN = 5
"""How many offers a citizen is shown by ``helhed catalogue match`` and the service, unless the
caller asks for another number."""

MOST_MATCHES = 1_000
"""The most offers a caller may ask to be shown a citizen."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class TaskType:
    """A kind of task a catalogue sorts its offers by.

    Attributes:
        code: Stable code within the taxonomy, e.g. ``6``.
        label_da: The task type in Danish.
        label_en: The same in English.
    """

    code: str = attrs.field(metadata=NON_BLANK)
    label_da: str
    label_en: str

    def __attrs_post_init__(self) -> None:
        """The code must not be blank; the labels must be text."""
        check = Checker()
        check.text(self.code, "code")
        for name in ("label_da", "label_en"):
            check.expect(isinstance(getattr(self, name), str), name, "must be a string")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Taxonomy:
    """The task types of a catalogue.

    Attributes:
        name: The taxonomy's name, e.g. ``faxe``.
        task_types: The task types, in order; codes must be unique.
        citation: Where the taxonomy comes from, if it has a source.
    """

    name: str = attrs.field(metadata=NON_BLANK)
    task_types: tuple[TaskType, ...]
    citation: Citation | None = None

    def __attrs_post_init__(self) -> None:
        """Codes must be unique."""
        check = Checker()
        check.text(self.name, "name")
        if check.each(self.task_types, TaskType, "task_types"):
            codes = [t.code for t in self.task_types]
            for i, code in enumerate(codes):
                check.expect(codes.index(code) == i, f"task_types[{i}].code", "is a duplicate")
        check.done()

    @property
    def codes(self) -> frozenset[str]:
        """The codes of the task types."""
        return frozenset(t.code for t in self.task_types)

    def task_type(self, code: str) -> TaskType:
        """The task type with ``code``.

        Raises:
            UnknownNameError: If the taxonomy has no such code.
        """
        for task_type in self.task_types:
            if task_type.code == code:
                return task_type
        msg = f"the taxonomy has no task type {quoted(code)}"
        raise UnknownNameError(msg)


def _faxe(*names: tuple[str, str]) -> Taxonomy:
    return Taxonomy(
        name="faxe",
        task_types=tuple(
            TaskType(code=str(i), label_da=da, label_en=en) for i, (da, en) in enumerate(names, 1)
        ),
        citation=_KAP9,
    )


FAXE = _faxe(
    ("Træning af sociale færdigheder", "Social skills training"),
    ("Voksenstøtte efter serviceloven", "Adult support under the Social Services Act"),
    ("Mentor efter LAB", "Mentor under LAB"),
    ("Kognitiv terapi, mindfulness og lignende", "Cognitive therapy, mindfulness and similar"),
    ("Rusmiddelbehandling", "Substance-abuse treatment"),
    ("Motion og livsstil", "Exercise and lifestyle"),
    ("Genoptræning og kronikertilbud", "Rehabilitation and chronic-disease offers"),
    ("Beskæftigelsesrettede tilbud", "Employment-directed offers"),
    ("Uddannelsesrettede aktiviteter", "Education-directed activities"),
    ("Familieterapeutisk indsats", "Family therapy"),
)
"""Faxe's 10 task types (opgavetyper), codes ``1`` to ``10`` (SST2019 kap. 9)."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class TaxonomyMapping:
    """How the task types of one taxonomy correspond to another's.

    Attributes:
        source: The taxonomy mapped from.
        target: The taxonomy mapped to.
        pairs: For each source code, the target codes it corresponds to.
    """

    source: Taxonomy
    target: Taxonomy
    pairs: Mapping[str, frozenset[str]]

    def __attrs_post_init__(self) -> None:
        """Every code must belong to its taxonomy."""
        check = Checker()
        check.expect(isinstance(self.source, Taxonomy), "source", "must be a Taxonomy")
        check.expect(isinstance(self.target, Taxonomy), "target", "must be a Taxonomy")
        check.expect(isinstance(self.pairs, Mapping), "pairs", "must be a mapping of task types")
        check.done()
        given: Mapping[str, object] = self.pairs  # the sets may be anything a caller passed
        for code, targets in given.items():
            check.expect(code in self.source.codes, f"pairs[{code}]", "is not a source task type")
            if isinstance(targets, (str, bytes)) or not isinstance(targets, Iterable):
                check.fail(f"pairs[{code}]", "must be a set of target task types")
                continue
            unknown = sorted(set(targets) - self.target.codes)
            check.expect(not unknown, f"pairs[{code}]", "names unknown target task types")
        check.done()

    def map(self, code: str) -> frozenset[str]:
        """The target codes for a source code; empty if it has no counterpart."""
        return self.pairs.get(code, frozenset())


class OfferFormat(CodedEnum):
    """How an offer is given."""

    INDIVIDUAL = ("individuel", "Individuel", "Individual")
    GROUP = ("gruppe", "Hold", "Group")
    RESIDENTIAL = ("doegn", "Døgntilbud", "Residential")


class CapacityUnit(CodedEnum):
    """What an offer's capacity counts."""

    SEATS = ("pladser", "Pladser", "Seats")
    HOURS = ("timer", "Timer", "Hours")


class CapacityPeriod(CodedEnum):
    """The period a capacity is for."""

    AT_A_TIME = ("samtidig", "Ad gangen", "At a time")
    WEEK = ("uge", "Om ugen", "A week")
    MONTH = ("maaned", "Om måneden", "A month")
    YEAR = ("aar", "Om året", "A year")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Capacity:
    """How much an offer can take.

    Attributes:
        amount: Seats or hours; 1 or more.
        unit: Seats or hours.
        period: At a time, or per week, month or year.
    """

    amount: int
    unit: CapacityUnit = CapacityUnit.SEATS
    period: CapacityPeriod = CapacityPeriod.AT_A_TIME

    def __attrs_post_init__(self) -> None:
        """The amount must be a whole number of 1 or more."""
        check = Checker()
        check.whole(self.amount, "amount", minimum=1)
        check.member(self.unit, CapacityUnit, "unit")
        check.member(self.period, CapacityPeriod, "period")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Offer:
    """One offer of the catalogue.

    Attributes:
        id: Stable identifier, unique in the catalogue.
        name_da: The offer's name in Danish.
        name_en: The same in English.
        administration: The administration that provides it.
        task_type: The code of its task type in the catalogue's taxonomy.
        risk_factors: The risk factors it addresses.
        target_groups: The target groups it is open to; empty for all.
        funding: The funding bases it is open to; empty for all.
        legal_basis: The law it is given under, where known (e.g. ``LAB``, ``serviceloven``).
        format: Individual, group or residential.
        duration_weeks: How long it lasts, in weeks, where fixed.
        capacity: How much it can take, where limited.
        voluntary: True if taking part is voluntary.
        contact: Whom to contact.
        last_reviewed: The day the entry was last checked.
    """

    id: str = attrs.field(metadata=NON_BLANK)
    name_da: str = attrs.field(metadata=NON_BLANK)
    name_en: str = attrs.field(metadata=NON_BLANK)
    administration: Administration
    task_type: str = attrs.field(metadata=NON_BLANK)
    risk_factors: frozenset[RiskFactor] = frozenset()
    target_groups: frozenset[RiskGroup] = frozenset()
    funding: frozenset[Benefit] = frozenset()
    legal_basis: str | None = None
    format: OfferFormat
    duration_weeks: int | None = None
    capacity: Capacity | None = None
    voluntary: bool
    contact: str | None = None
    last_reviewed: dt.date

    def __attrs_post_init__(self) -> None:
        """Validate every field; raise all problems at once."""
        check = Checker()
        for name in ("id", "name_da", "name_en", "task_type"):
            check.text(getattr(self, name), name)
        check.member(self.administration, Administration, "administration")
        check.members(self.risk_factors, RiskFactor, "risk_factors")
        check.members(self.target_groups, RiskGroup, "target_groups")
        check.members(self.funding, Benefit, "funding")
        check.text(self.legal_basis, "legal_basis", optional=True)
        check.member(self.format, OfferFormat, "format")
        check.whole(self.duration_weeks, "duration_weeks", minimum=1, optional=True)
        check.expect(
            self.capacity is None or isinstance(self.capacity, Capacity),
            "capacity",
            "must be a Capacity",
        )
        check.flag(self.voluntary, "voluntary")
        check.text(self.contact, "contact", optional=True)
        check.day(self.last_reviewed, "last_reviewed")
        check.done()

    def open_to(self, group: RiskGroup | None, benefit: Benefit | None) -> bool:
        """True if the offer is open to a citizen of ``group`` on ``benefit``."""
        groups_ok = not self.target_groups or (group is not None and group in self.target_groups)
        funding_ok = not self.funding or (benefit is not None and benefit in self.funding)
        return groups_ok and funding_ok


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Catalogue:
    """A catalogue of offers under a taxonomy of task types.

    Building one checks every offer against the others and the taxonomy: duplicate ids, a
    Danish name that is another offer's name or id, and unknown task types are refused, each
    problem named by its path.

    Attributes:
        name: The catalogue's name, e.g. the municipality's.
        offers: The offers.
        taxonomy: The task types; Faxe's 10 by default.
    """

    name: str = attrs.field(metadata=NON_BLANK)
    offers: tuple[Offer, ...]
    taxonomy: Taxonomy = FAXE

    def __attrs_post_init__(self) -> None:
        """Refuse duplicate ids and unknown task types."""
        check = Checker()
        check.text(self.name, "name")
        check.expect(isinstance(self.taxonomy, Taxonomy), "taxonomy", "must be a Taxonomy")
        if check.each(self.offers, Offer, "offers") and isinstance(self.taxonomy, Taxonomy):
            seen: set[str] = set()
            named: set[str] = set()
            ids = {o.id for o in self.offers}
            codes = self.taxonomy.codes
            for i, offer in enumerate(self.offers):
                check.expect(offer.id not in seen, f"offers[{i}].id", "is a duplicate")
                seen.add(offer.id)
                # Pathway events name an offer by id or Danish name; both must be unambiguous.
                check.expect(
                    offer.name_da not in named
                    and (offer.name_da == offer.id or offer.name_da not in ids),
                    f"offers[{i}].name_da",
                    "is the name or id of another offer",
                )
                named.add(offer.name_da)
                check.expect(
                    offer.task_type in codes,
                    f"offers[{i}].task_type",
                    f"is not a task type of the {self.taxonomy.name} taxonomy",
                )
        check.done()

    def offer(self, offer_id: str) -> Offer:
        """The offer with ``offer_id``.

        Raises:
            UnknownNameError: If there is no such offer.
        """
        for offer in self.offers:
            if offer.id == offer_id:
                return offer
        msg = f"the catalogue has no offer {quoted(offer_id)}"
        raise UnknownNameError(msg)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class OfferMatch:
    """An offer that fits a citizen, with its rank and why.

    Attributes:
        offer: The offer.
        score: Higher fits better: 2 for each of the citizen's risk factors it addresses, 1 for
            naming the citizen's target group, 1 for naming their funding basis.
        reasons: Why it fits, each with its citation.

    The score and the reasons are worked out from the citizen's risk factors and target group,
    so ``repr`` hides them, as it hides a citizen's health.
    """

    offer: Offer
    score: int = attrs.field(repr=REDACT, metadata=SENSITIVE)
    reasons: tuple[Reason, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)


def match(  # noqa: PLR0913 - the filters are keywords
    catalogue: Catalogue,
    citizen: Citizen,
    *,
    on: dt.date,
    administration: Administration | None = None,
    task_type: str | None = None,
    format: OfferFormat | None = None,  # noqa: A002 - the offer's field
    voluntary: bool | None = None,
) -> tuple[OfferMatch, ...]:
    """The offers open to ``citizen`` on ``on``, best first, each with reasons.

    An offer fits when it is open to the citizen's target group (from
    [`classify`][helhed.target_groups.classify]) and funding basis; offers that name no group
    or funding are open to all. The filters narrow the result. Ties are broken by offer id,
    so the result is the same on every call.
    """
    require(catalogue, Catalogue, "catalogue", "must be a Catalogue")
    group = classify(citizen, on=on).group
    benefit = citizen.benefit
    factors = citizen.health.risk_factors
    # Reasons are frozen values: build each kind once per citizen, not once per offer.
    opened = {
        (names_group, names_funding): _open_reason(names_group, names_funding, group, benefit)
        for names_group in (False, True)
        for names_funding in (False, True)
    }
    found: list[OfferMatch] = []
    for offer in catalogue.offers:
        if not offer.open_to(group, benefit):
            continue
        if administration is not None and offer.administration is not administration:
            continue
        if task_type is not None and offer.task_type != task_type:
            continue
        if format is not None and offer.format is not format:
            continue
        if voluntary is not None and offer.voluntary is not voluntary:
            continue
        addressed = offer.risk_factors & factors
        names_group, names_funding = bool(offer.target_groups), bool(offer.funding)
        reasons: tuple[Reason, ...] = (opened[names_group, names_funding],)
        if addressed:
            reasons = (*reasons, _addresses(addressed))
        score = 2 * len(addressed) + int(names_group) + int(names_funding)
        found.append(OfferMatch(offer=offer, score=score, reasons=reasons))
    found.sort(key=lambda m: (-m.score, m.offer.id))
    return tuple(found)


@functools.lru_cache(maxsize=256)
def _addresses(addressed: frozenset[RiskFactor]) -> Reason:
    names = ", ".join(sorted(f.label_en.lower() for f in addressed))
    names_da = ", ".join(sorted(f.label_da.lower() for f in addressed))
    return Reason(
        "catalogue.addresses",
        f"Tilbuddet arbejder med {names_da}.",
        f"The offer addresses {names}.",
        _KAP9,
    )


def _open_reason(
    names_group: bool,  # noqa: FBT001 - positional flags of a private helper
    names_funding: bool,  # noqa: FBT001
    group: RiskGroup | None,
    benefit: Benefit | None,
) -> Reason:
    parts_da, parts_en = [], []
    if names_group and group is not None:
        parts_da.append(group.label_da.lower())
        parts_en.append(group.label_en.lower())
    if names_funding and benefit is not None:
        parts_da.append(benefit.label_da.lower())
        parts_en.append(benefit.label_en.lower())
    if not parts_en:
        return Reason(
            "catalogue.open_to_all",
            "Tilbuddet er åbent for alle målgrupper og forsørgelsesgrundlag.",
            "The offer is open to every target group and funding basis.",
            _KAP9,
        )
    return Reason(
        "catalogue.open_to",
        f"Tilbuddet er åbent for {' og '.join(parts_da)}.",
        f"The offer is open to {' and '.join(parts_en)}.",
        _KAP9,
    )


def _is_span(value: object) -> bool:
    return isinstance(value, dt.timedelta)


def stale(catalogue: Catalogue, *, on: dt.date, max_age: dt.timedelta) -> tuple[Offer, ...]:
    """The offers not reviewed within ``max_age`` before ``on``, longest unreviewed first.

    Continuous updating is decisive for a catalogue to stay relevant (SST2019 kap. 9); the
    source sets no period, so ``max_age`` is the caller's.

    Raises:
        ValidationError: If ``max_age`` is not a positive ``timedelta``.
    """
    check = Checker()
    if check.expect(_is_span(max_age), "max_age", "must be a timedelta"):
        check.expect(max_age > dt.timedelta(0), "max_age", "must be positive")
    check.done()
    old = [o for o in catalogue.offers if on - o.last_reviewed > max_age]
    return tuple(sorted(old, key=lambda o: (o.last_reviewed, o.id)))


def max_age(months: int, *, on: dt.date) -> dt.timedelta:
    """The age on ``on`` of an offer last reviewed ``months`` calendar months before it.

    The same day of the month so many months back, or that month's last day where it is
    shorter: 12 months before 29 February 2028 is 28 February 2027, 366 days.

    Examples:
        >>> max_age(12, on=dt.date(2028, 2, 29)).days
        366
        >>> max_age(1, on=dt.date(2026, 3, 31)).days
        31

    Raises:
        ValidationError: If ``months`` is not a whole number from 1 to
            [`MOST_REVIEW_MONTHS`][helhed.models.catalogue.MOST_REVIEW_MONTHS], ``on`` not a
            date, or the day so many months back would fall before 1 January of year 1.
    """
    check = Checker()
    check.whole(months, "months", minimum=1, maximum=MOST_REVIEW_MONTHS)
    check.day(on, "on")
    check.done()
    index = on.year * 12 + on.month - 1 - months
    year, month = divmod(index, 12)
    if year < 1:
        raise ValidationError.at("months", "reaches back before the first date, 0001-01-01")
    following = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return on - dt.date(year, month + 1, min(on.day, last))


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Coverage:
    """Which risk factors, target groups and task types the catalogue's offers cover.

    Attributes:
        by_risk_factor: Offer ids per risk factor addressed.
        by_target_group: Offer ids open to each target group (offers open to all count for
            every group).
        by_task_type: Offer ids per task type code.
        missing_risk_factors: Risk factors no offer addresses.
        missing_target_groups: Target groups no offer is open to.
        missing_task_types: Task types with no offer.
    """

    by_risk_factor: Mapping[RiskFactor, tuple[str, ...]]
    by_target_group: Mapping[RiskGroup, tuple[str, ...]]
    by_task_type: Mapping[str, tuple[str, ...]]
    missing_risk_factors: tuple[RiskFactor, ...]
    missing_target_groups: tuple[RiskGroup, ...]
    missing_task_types: tuple[str, ...]


def coverage(catalogue: Catalogue) -> Coverage:
    """What the catalogue covers, and which risk factors, groups and task types have no offer."""
    require(catalogue, Catalogue, "catalogue", "must be a Catalogue")
    factors: dict[RiskFactor, list[str]] = defaultdict(list)
    groups: dict[RiskGroup, list[str]] = defaultdict(list)
    types: dict[str, list[str]] = defaultdict(list)
    for offer in catalogue.offers:
        for factor in offer.risk_factors:
            factors[factor].append(offer.id)
        for group in offer.target_groups or frozenset(RiskGroup):
            groups[group].append(offer.id)
        types[offer.task_type].append(offer.id)
    return Coverage(
        by_risk_factor=MappingProxyType({f: tuple(factors[f]) for f in RiskFactor if factors[f]}),
        by_target_group=MappingProxyType({g: tuple(groups[g]) for g in RiskGroup if groups[g]}),
        by_task_type=MappingProxyType(
            {t.code: tuple(types[t.code]) for t in catalogue.taxonomy.task_types if types[t.code]}
        ),
        missing_risk_factors=tuple(f for f in RiskFactor if not factors[f]),
        missing_target_groups=tuple(g for g in RiskGroup if not groups[g]),
        missing_task_types=tuple(
            t.code for t in catalogue.taxonomy.task_types if not types[t.code]
        ),
    )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class CapacityRow:
    """The use of one offer in a period.

    Attributes:
        offer_id: The offer.
        capacity: Its capacity, if limited.
        referrals: Referrals to it in the period (declined ones included).
        started: Interventions started in the period.
        peak: The most running at once (for capacity at a time) or started in one week, month
            or year (for capacity per period); None for capacity in hours.
        waiting: Citizens referred and not declined who had not started by the period's end.
        over_capacity: True if ``peak`` exceeded the capacity.
        findings: Each referral made while the offer was full, and each start beyond capacity.
    """

    offer_id: str
    capacity: Capacity | None
    referrals: int
    started: int
    peak: int | None
    waiting: tuple[str, ...]
    over_capacity: bool
    findings: tuple[Reason, ...]


_PHASE: Mapping[type, int] = {
    InterventionCompleted: 0,
    InterventionDroppedOut: 0,
    InterventionStarted: 1,
}


def period_key(period: CapacityPeriod, day: dt.date) -> tuple[int, ...]:
    """The period of ``period``'s kind that ``day`` falls in, as capacity counts starts.

    Seats per week count the starts of an ISO week (ISO year, week number), seats per month
    those of a calendar month (year, month) and seats per year those of a calendar year
    (year,). For seats at a time, which are not counted per period, the key is the year.

    Examples:
        >>> day = dt.date(2025, 12, 29)  # a Monday in ISO week 1 of 2026
        >>> period_key(CapacityPeriod.WEEK, day), period_key(CapacityPeriod.MONTH, day)
        ((2026, 1), (2025, 12))
    """
    require(period, CapacityPeriod, "period", "must be a CapacityPeriod")
    require_day(day, "day")
    if period is CapacityPeriod.WEEK:
        iso = day.isocalendar()
        return (iso.year, iso.week)
    if period is CapacityPeriod.MONTH:
        return (day.year, day.month)
    return (day.year,)


def capacity(
    catalogue: Catalogue, pathways: Iterable[Pathway], period: Period
) -> tuple[CapacityRow, ...]:
    """Referrals and starts per offer in ``period`` against the offers' capacity.

    A pathway event names an offer by its ``offer`` field: the offer's id or its Danish name;
    an answer to a referral (declined) goes with the referral's offer. Events before the
    period are replayed so that interventions already running take their seats, but only
    events within the period are counted and judged. Events of one day are taken ends first,
    then starts, then referrals. Capacity in seats at a time is compared with the
    interventions running at once; capacity in seats per week, month or year with the starts
    in each such period. A referral made while the offer was full, and a start beyond
    capacity, are findings. The waiting list holds citizens referred in the period and
    neither declined, nor settled as not starting, nor started by its end.

    helhed's reading: the findings. SST2019 kap. 9 lists "Tilstrækkelig kapacitet på
    tilbuddene" among the model's prerequisites and judges no single referral; treating a
    referral to a full offer, or a start beyond capacity, as a finding is helhed's way of
    showing where that prerequisite is missing.
    """
    require(catalogue, Catalogue, "catalogue", "must be a Catalogue")
    require(period, Period, "period", "must be a Period")
    names = {o.id: o.id for o in catalogue.offers} | {o.name_da: o.id for o in catalogue.offers}
    by_offer: dict[str, list[tuple[tuple[object, ...], object]]] = defaultdict(list)
    for pathway in pathways:
        referral_offer: dict[str, str] = {}
        for i, event in enumerate(pathway.timeline):
            if event.occurred_on > period.end:
                break
            offer_id = names.get(getattr(event, "offer", None) or "")
            if isinstance(event, Referred) and offer_id is not None:
                referral_offer[event.referral_id] = offer_id
            elif isinstance(event, ReferralDeclined):
                offer_id = referral_offer.get(event.referral_id)
            if offer_id is not None:
                # Within a day: ends first, then starts, then referrals - a referral made the
                # day a seat is taken sees it taken, one made the day a seat frees sees it free.
                key = (event.occurred_on, _PHASE.get(type(event), 2), pathway.citizen_id, i)
                by_offer[offer_id].append((key, event))
    return tuple(
        _use(offer, [e for _, e in sorted(by_offer[offer.id], key=lambda item: item[0])], period)
        for offer in catalogue.offers
    )


def _use(offer: Offer, events: Sequence[object], period: Period) -> CapacityRow:  # noqa: C901 - one pass over the log
    cap = offer.capacity
    seats = cap is not None and cap.unit is CapacityUnit.SEATS
    running: set[str] = set()
    per: Counter[tuple[int, ...]] = Counter()
    waiting: set[str] = set()
    referrals = started = 0
    peak = 0
    findings: list[Reason] = []
    for event in events:
        day: dt.date = getattr(event, "occurred_on")  # noqa: B009 - every event has it
        cid: str = getattr(event, "citizen_id")  # noqa: B009
        inside = day >= period.start
        full = seats and cap is not None and _full(cap, running, per, day)
        if isinstance(event, Referred):
            if inside:
                referrals += 1
                waiting.add(cid)
                if full:
                    findings.append(_full_reason(offer, day, "referral"))
        elif isinstance(event, (ReferralDeclined, InterventionNotStarted)):
            waiting.discard(cid)
        elif isinstance(event, InterventionStarted):
            waiting.discard(cid)
            if inside:
                started += 1
                if full:
                    findings.append(_full_reason(offer, day, "start"))
            running.add(cid)
            if cap is not None:
                per[period_key(cap.period, day)] += 1
        elif isinstance(event, (InterventionCompleted, InterventionDroppedOut)):
            running.discard(cid)
        if inside and seats and cap is not None:
            at_a_time = cap.period is CapacityPeriod.AT_A_TIME
            peak = max(peak, len(running) if at_a_time else per[period_key(cap.period, day)])
    over = seats and cap is not None and peak > cap.amount
    return CapacityRow(
        offer_id=offer.id,
        capacity=cap,
        referrals=referrals,
        started=started,
        peak=peak if seats else None,
        waiting=tuple(sorted(waiting)),
        over_capacity=bool(over),
        findings=tuple(findings),
    )


def _full(cap: Capacity, running: set[str], per: Counter[tuple[int, ...]], day: dt.date) -> bool:
    if cap.period is CapacityPeriod.AT_A_TIME:
        return len(running) >= cap.amount
    return per[period_key(cap.period, day)] >= cap.amount


def _full_reason(offer: Offer, day: dt.date, what: str) -> Reason:
    da = "Henvisning" if what == "referral" else "Start"
    en = "Referral" if what == "referral" else "Start"
    return Reason(
        f"catalogue.full.{what}",
        f"{da} {day} til {offer.id}, som var fuldt optaget.",
        f"{en} on {day} to {offer.id}, which was full.",
        Citation("SST2019", "kap. 9, forudsætninger"),
    )
