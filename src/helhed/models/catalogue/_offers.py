"""The catalogue's values: task types and taxonomies, offers, their capacity, the catalogue.

Faxe's 10 task types (SST2019 kap. 9) are the default taxonomy,
[`FAXE`][helhed.models.catalogue.FAXE]. A [`Catalogue`][helhed.models.catalogue.Catalogue]
checks its offers against each other and its taxonomy when it is built. Every name here is
imported from [`helhed.models.catalogue`][helhed.models.catalogue].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.errors import UnknownNameError, quoted
from helhed.groups import RiskGroup
from helhed.health import RiskFactor
from helhed.organisation import Administration
from helhed.sources import Citation

__all__ = [
    "FAXE",
    "Capacity",
    "CapacityPeriod",
    "CapacityUnit",
    "Catalogue",
    "Offer",
    "OfferFormat",
    "TaskType",
    "Taxonomy",
    "TaxonomyMapping",
]

KAP9 = Citation("SST2019", "kap. 9")
"""Where the catalogue model is described: every reason about a catalogue cites it."""


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
        citation=KAP9,
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


# The hash is kept once worked out: matching finds a catalogue's index by it on every call.
@attrs.frozen(kw_only=True, field_transformer=frozen_fields, cache_hash=True)
class Catalogue:
    """A catalogue of offers under a taxonomy of task types.

    Building one checks every offer against the others and the taxonomy: duplicate ids, a
    Danish name that is another offer's name or id, and unknown task types are refused, each
    problem named by its path. A catalogue is a value that never changes, so its hash is
    worked out once.

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
