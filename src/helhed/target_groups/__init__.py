"""Placing a citizen in a target group, with a cited explanation (SST2019 chapter 4).

[`classify`][helhed.target_groups.classify] answers three things about a
[`Citizen`][helhed.citizens.Citizen] on a date:

1. **the health-impact horizon** - the professional's assessment when there is one; otherwise
   derived from what is recorded, in this order:

   | recorded | horizon | SST2019 |
   |---|---|---|
   | a health challenge that is a current barrier to work | current barrier | 4.1 |
   | a progressive condition not yet limiting work | short or medium term | 4.2 |
   | health shows as more sick days or trouble getting/keeping a job | short or medium term | 4.2 |
   | drug use (named only for the medium-risk group) | short or medium term | 4.2 |
   | alcohol, sleep or mental health (``MEDIUM_RISK_FACTORS``) | short or medium term | 4.2 |
   | other risk factors (smoking, diet, physical activity) | long term | 4.3 |
   | a health challenge with none of the above effects | long term | 4.3 |
   | nothing | not in scope | ch. 4 |

   SST2019 4.2 names the medium-risk group's risk factors: "rygning, problematisk
   alkoholforbrug, stofbrug, fysisk aktivitet, søvn og mental sundhed". 4.3 names the
   low-risk group's: "rygning, alkoholindtag over højrisikogrænsen, fysisk inaktivitet, usunde
   kostvaner, manglende søvn/uhensigtsmæssige søvnmønstre samt begyndende mistrivsel/nedsat
   mental sundhed". A recorded [`RiskFactor`][helhed.health.RiskFactor] carries no degree, so
   which group a factor points to is helhed's reading: alcohol, sleep and mental health are
   read as 4.2 names them (problematic alcohol use, sleep, mental health), because 4.3 names
   only a lesser form of each (intake over the high-risk limit, poor sleep patterns, *beginning*
   low well-being); a professional who judges the lesser form records a long-term
   ``assessed_horizon``, which prevails. Smoking and physical activity stand in both lists in
   the same words, so they do not by themselves bring the horizon nearer; diet stands only in
   4.3 and drug use only in 4.2.

2. **the group** - high, medium or low risk, which the horizon defines;
3. **whether the funding basis is typical of the group** - True, False, or None where the
   sources state no typical group, the citizen has no funding basis, or no benefit rule is in
   force on the date. The source stresses the groups cannot be told apart by benefit alone
   (ch. 4), so an atypical funding basis never changes the group.

It is total: every valid citizen on every date gets an assessment, never an exception.

Examples:
    >>> import datetime as dt
    >>> from helhed.benefits import Benefit
    >>> from helhed.citizens import Citizen
    >>> from helhed.health import HealthProfile, RiskFactor
    >>> citizen = Citizen(
    ...     id="c-1",
    ...     benefit=Benefit.CASH_BENEFIT_JOB_READY,
    ...     health=HealthProfile(risk_factors=frozenset({RiskFactor.SMOKING})),
    ... )
    >>> a = classify(citizen, on=dt.date(2024, 5, 1))
    >>> a.group.code, a.typical
    ('lavrisiko', True)
    >>> [r.code for r in a.reasons][:3]
    ['horizon.lifestyle', 'group.low', 'benefit.typical_groups']
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from helhed._coded import CodedEnum
from helhed._meta import REDACT, SENSITIVE
from helhed._validation import Checker, require_day
from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.dated import BEYOND_KNOWN_LAW
from helhed.errors import Problem, require
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import HealthProfile, RiskFactor
from helhed.sources import Citation, Reason
from helhed.target_groups._funding import funding
from helhed.target_groups._reasons import (
    ASSESSED,
    ASSESSED_REASONS,
    DERIVED,
    DIFFERS,
    DIFFERS_REASONS,
    GROUP,
    KEY_PERSON,
    KEY_PERSON_REASONS,
    NO_FUNDING,
    NO_RULE_CODE,
    OUT_OF_SCOPE,
    TYPICAL_CODES,
    TYPICAL_GROUPS,
)

__all__ = [
    "GUIDANCE",
    "MEDIUM_RISK_FACTORS",
    "Assessment",
    "GroupGuidance",
    "HorizonBasis",
    "OfferArea",
    "classify",
    "derive_horizon",
]


class OfferArea(CodedEnum):
    """An area of health offers named for the target groups (SST2019 4.1-4.3)."""

    DIET = ("kost", "Kost", "Diet")
    SMOKING = ("rygning", "Rygning", "Smoking")
    ALCOHOL = ("alkohol", "Alkohol", "Alcohol")
    DRUGS = ("stoffer", "Stofbrug", "Drug use")
    PHYSICAL_ACTIVITY = ("fysisk_aktivitet", "Træning og fysisk aktivitet", "Physical activity")
    MENTAL_HEALTH = ("mental_sundhed", "Mental sundhed", "Mental health")


class HorizonBasis(CodedEnum):
    """Where an assessment's horizon came from."""

    ASSESSED = ("vurderet", "Fagligt vurderet", "Assessed by a professional")
    DERIVED = ("udledt", "Udledt af registrerede oplysninger", "Derived from recorded facts")
    NONE = ("ingen", "Ingen helbredsoplysninger", "No health information")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class GroupGuidance:
    """What SST2019 says fits a target group: offer areas, goal, who to involve.

    Attributes:
        group: The target group.
        offer_areas: The areas of health offers typically relevant.
        goal_da: The goal of the offers, in Danish.
        goal_en: The goal of the offers, in English.
        parallel_with_company_offers: True if health offers typically run in parallel with
            company-directed offers.
        disability_key_person: True if the job centre's disability key person should be
            involved.
        authority_da: Who holds the authority and how offers are started, in Danish, in
            SST2019's words of 2019 ("jobcentret"). From lov nr. 1750 af 29.12.2025 (1 July
            2026 at the latest) the law calls the authority "kommunen";
            [`authority_name`][helhed.authority.authority_name] gives the name for a day.
        authority_en: The same, in English.
        citation: The section describing the group.
    """

    group: RiskGroup
    offer_areas: frozenset[OfferArea]
    goal_da: str
    goal_en: str
    parallel_with_company_offers: bool
    disability_key_person: bool
    authority_da: str
    authority_en: str
    citation: Citation


_A = OfferArea
# Medium and low risk share the lifestyle areas of SST2019 4.2-4.3; they differ in goal and timing.
_LIFESTYLE_AREAS = frozenset(
    {_A.DIET, _A.SMOKING, _A.ALCOHOL, _A.DRUGS, _A.PHYSICAL_ACTIVITY, _A.MENTAL_HEALTH}
)
_COMPANY_FIRST_DA = (
    "Tilbydes som udgangspunkt en virksomhedsrettet indsats; jobcentret kan opfordre til "
    "sundhedsafdelingens tilbud på lige fod med andre borgere."
)
_COMPANY_FIRST_EN = (
    "Offered a company-directed effort as a starting point; the job centre may encourage the "
    "health department's offers on equal terms with other citizens."
)

GUIDANCE: Mapping[RiskGroup, GroupGuidance] = MappingProxyType(
    {
        RiskGroup.HIGH: GroupGuidance(
            group=RiskGroup.HIGH,
            offer_areas=frozenset(
                {_A.DIET, _A.SMOKING, _A.ALCOHOL, _A.PHYSICAL_ACTIVITY, _A.MENTAL_HEALTH}
            ),
            goal_da="At øge trivsel og funktionsevne og/eller hindre, at sygdommen udvikler sig.",
            goal_en="To raise well-being and functioning and/or stop the disease progressing.",
            parallel_with_company_offers=True,
            disability_key_person=True,
            authority_da="Jobcentret har som udgangspunkt myndighedsansvaret.",
            authority_en="The job centre holds the authority as a starting point.",
            citation=Citation("SST2019", "4.1"),
        ),
        RiskGroup.MEDIUM: GroupGuidance(
            group=RiskGroup.MEDIUM,
            offer_areas=_LIFESTYLE_AREAS,
            goal_da="At ændre risikoadfærd, så udfordringerne ikke bliver til sygdom eller "
            "forværres, så det går ud over arbejdsevnen.",
            goal_en="To change risk behaviour so the challenges do not become disease or worsen "
            "until they affect work ability.",
            parallel_with_company_offers=False,
            disability_key_person=True,
            authority_da=_COMPANY_FIRST_DA,
            authority_en=_COMPANY_FIRST_EN,
            citation=Citation("SST2019", "4.2"),
        ),
        RiskGroup.LOW: GroupGuidance(
            group=RiskGroup.LOW,
            offer_areas=_LIFESTYLE_AREAS,
            goal_da="At ændre risikoadfærd så tidligt som muligt.",
            goal_en="To change risk behaviour as early as possible.",
            parallel_with_company_offers=False,
            disability_key_person=False,
            authority_da=_COMPANY_FIRST_DA,
            authority_en=_COMPANY_FIRST_EN,
            citation=Citation("SST2019", "4.3"),
        ),
    }
)
"""Offer areas, goals and whom to involve, per target group (SST2019 4.1-4.3)."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Assessment:
    """The target group of a citizen on a date, with a cited explanation.

    Everything derived from health is hidden from ``repr``; read the attributes.

    Attributes:
        citizen_id: The citizen's identifier.
        on: The date of the assessment.
        benefit: The citizen's funding basis, if any.
        group: The target group, or None if no health information puts the citizen in scope.
        horizon: The health-impact horizon behind the group.
        basis: Whether the horizon was assessed, derived, or absent.
        typical: True if the funding basis is typical of the group, False if not, None if the
            sources state nothing or no rule is in force (see ``reasons``).
        disability_key_person: True if the job centre's disability key person should be
            involved (SST2019 4.1, 4.2).
        beyond_known_law: True if the benefit rules used lie past the last known reform.
        reasons: The cited explanation, in order.
    """

    citizen_id: str
    on: dt.date
    benefit: Benefit | None
    group: RiskGroup | None = attrs.field(repr=REDACT, metadata=SENSITIVE)
    horizon: HealthImpactHorizon | None = attrs.field(repr=REDACT, metadata=SENSITIVE)
    basis: HorizonBasis = attrs.field(repr=REDACT, metadata=SENSITIVE)
    typical: bool | None = attrs.field(repr=REDACT, metadata=SENSITIVE)
    disability_key_person: bool = attrs.field(repr=REDACT, metadata=SENSITIVE)
    beyond_known_law: bool
    reasons: tuple[Reason, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)

    def __attrs_post_init__(self) -> None:
        """Check every field, and that group, horizon, basis and reasons agree.

        The rules are those of [`classify`][helhed.target_groups.classify] that need no rule
        table: whether the funding basis is typical is not decided again, so an assessment
        made under earlier benefit rules still loads.
        """
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        check.day(self.on, "on")
        ok = check.member(self.benefit, Benefit, "benefit", optional=True)
        ok &= check.member(self.group, RiskGroup, "group", optional=True)
        ok &= check.member(self.horizon, HealthImpactHorizon, "horizon", optional=True)
        ok &= check.member(self.basis, HorizonBasis, "basis")
        ok &= self.typical is None or check.flag(self.typical, "typical")
        ok &= check.flag(self.disability_key_person, "disability_key_person")
        ok &= check.flag(self.beyond_known_law, "beyond_known_law")
        reasons_ok = check.each(self.reasons, Reason, "reasons")
        if ok:
            facts = _Facts(
                self.benefit,
                self.group,
                self.horizon,
                self.basis,
                self.typical,
                self.disability_key_person,
                self.beyond_known_law,
            )
            codes = tuple([r.code for r in self.reasons]) if reasons_ok else None
            check.extend(_disagreements(facts, codes))
        check.done()

    @property
    def in_scope(self) -> bool:
        """True if the citizen belongs to one of the three target groups."""
        return self.group is not None

    @property
    def guidance(self) -> GroupGuidance | None:
        """Offer areas, goal and whom to involve for the group, if any."""
        return GUIDANCE[self.group] if self.group is not None else None


MEDIUM_RISK_FACTORS = frozenset({RiskFactor.ALCOHOL, RiskFactor.SLEEP, RiskFactor.MENTAL_HEALTH})
"""The risk factors read as SST2019 4.2's: "problematisk alkoholforbrug", "søvn" and "mental
sundhed". Recorded on their own they put a citizen in the medium-risk group (helhed's reading,
see the module notes: 4.3 names only lesser forms of these three)."""

_HORIZON_OF_FINDING = {
    "current_barrier": HealthImpactHorizon.CURRENT,
    "progressive": HealthImpactHorizon.SHORT_TO_MEDIUM_TERM,
    "affects_work": HealthImpactHorizon.SHORT_TO_MEDIUM_TERM,
    "drugs": HealthImpactHorizon.SHORT_TO_MEDIUM_TERM,
    "medium_risk_factor": HealthImpactHorizon.SHORT_TO_MEDIUM_TERM,
    "lifestyle": HealthImpactHorizon.LONG_TERM,
    "challenge_without_effect": HealthImpactHorizon.LONG_TERM,
}


def _finding(health: HealthProfile) -> str | None:
    """The strongest finding in a health profile, or None if there is none.

    The findings are tried in the order SST2019 4.1-4.3 ranks them (the module notes' table):
    the first that holds decides.
    """
    challenges = health.challenges
    for challenge in challenges:
        if challenge.current_barrier:
            return "current_barrier"
    for challenge in challenges:
        if challenge.progressive:
            return "progressive"
    if health.affects_work:
        return "affects_work"
    if factors := health.risk_factors:
        if RiskFactor.DRUGS in factors:
            return "drugs"
        return "lifestyle" if factors.isdisjoint(MEDIUM_RISK_FACTORS) else "medium_risk_factor"
    return "challenge_without_effect" if challenges else None


def derive_horizon(health: HealthProfile) -> HealthImpactHorizon | None:
    """Derive the health-impact horizon from recorded facts (SST2019 4.1-4.3).

    Returns None when nothing is recorded that puts the citizen in scope.
    """
    require(health, HealthProfile, "health", "must be a HealthProfile")
    finding = _finding(health)
    return _HORIZON_OF_FINDING[finding] if finding is not None else None


def classify(citizen: Citizen, *, on: dt.date) -> Assessment:
    """Place ``citizen`` in a target group on ``on`` and explain why.

    The horizon follows SST2019 4.1-4.3 in the order of the module notes. A recorded alcohol,
    sleep or mental-health risk factor places the citizen in the medium-risk group, as 4.2
    names "problematisk alkoholforbrug", "søvn" and "mental sundhed" among its risk factors
    (helhed's reading of a factor with no recorded degree, reason
    ``horizon.medium_risk_factor``); a professional's ``assessed_horizon`` prevails.

    Args:
        citizen: The citizen as known on ``on``.
        on: The date of the assessment; the benefit rules of that date apply.

    Returns:
        The assessment. Never raises for a valid citizen and date.
    """
    if type(citizen) is not Citizen:  # a subclass is checked in full
        require(citizen, Citizen, "citizen", "must be a Citizen")
    if type(on) is not dt.date:  # a plain date is a day; anything else is checked in full
        require_day(on, "on")
    decided = _decision(_finding(citizen.health), citizen.assessed_horizon, citizen.benefit, on)
    # Built from checked parts; tests rebuild classify's answers through the constructor.
    draft = _draft()
    draft.citizen_id = citizen.id
    draft.on = on
    (
        draft.benefit,
        draft.group,
        draft.horizon,
        draft.basis,
        draft.typical,
        draft.disability_key_person,
        draft.beyond_known_law,
        draft.reasons,
    ) = decided
    draft.__class__ = Assessment
    return draft  # type: ignore[no-any-return]


class _Decision(NamedTuple):
    """The fields of an assessment after ``citizen_id`` and ``on``, in their order."""

    benefit: Benefit | None
    group: RiskGroup | None
    horizon: HealthImpactHorizon | None
    basis: HorizonBasis
    typical: bool | None
    disability_key_person: bool
    beyond_known_law: bool
    reasons: tuple[Reason, ...]


@functools.lru_cache(maxsize=4096)
def _decision(
    finding: str | None,
    assessed: HealthImpactHorizon | None,
    benefit: Benefit | None,
    on: dt.date,
) -> _Decision:
    """All of an assessment but the citizen's identifier and the date, and why.

    Cached, so that a cohort shares one answer, and one tuple of reasons, per distinct input.
    This is safe: the key is four immutable values (the name of the finding, two enum members
    or None, a date), the answer is built from them alone, by the same code on every call, and
    is immutable (enum members, bools, a tuple of frozen reasons), and the benefit rules it
    reads do not change once imported. The cache holds at most 4,096 answers: every finding,
    horizon and funding basis on seven dates (576 a date).
    """
    derived = _HORIZON_OF_FINDING[finding] if finding is not None else None
    horizon: HealthImpactHorizon | None
    if assessed is not None:
        horizon, basis = assessed, HorizonBasis.ASSESSED
        reasons = [ASSESSED_REASONS[assessed]]
        if derived is not None and derived is not assessed:
            reasons.append(DIFFERS_REASONS[derived])
    elif finding is not None:
        horizon, basis = derived, HorizonBasis.DERIVED
        reasons = [DERIVED[finding]]
    else:
        horizon, basis = None, HorizonBasis.NONE
        reasons = [OUT_OF_SCOPE]

    group = horizon.group if horizon is not None else None
    if group is not None:
        reasons.append(GROUP[group])
    typical, beyond, funding_reasons = funding(benefit, group, on)
    reasons.extend(funding_reasons)
    key_person = _key_person(group)
    if key_person and group is not None:
        reasons.append(KEY_PERSON_REASONS[group])
    return _Decision(benefit, group, horizon, basis, typical, key_person, beyond, tuple(reasons))


def _drafts() -> Callable[[], Any]:
    """What makes a new, empty draft: an assessment while ``classify`` fills it in.

    A draft is of a subclass of Assessment that adds no slot (``__slots__ = ()``) and drops
    the frozen guard, so its fields are plain stores into slots, the fastest way to fill
    them. ``classify`` sets every field, then makes the draft an ``Assessment`` by assigning
    its ``__class__``, which CPython allows only between classes of one layout (it raises
    TypeError otherwise). The subclass lives only in here: no draft is ever seen outside
    ``classify``, so it is no value type of helhed's.
    """

    class Draft(Assessment):
        __slots__ = ()
        __setattr__ = object.__setattr__
        __delattr__ = object.__delattr__

    return functools.partial(object.__new__, Draft)


_draft = _drafts()


_HORIZON_OF_CODE = {r.code: _HORIZON_OF_FINDING[name] for name, r in DERIVED.items()}
_HORIZON_CODES = frozenset({ASSESSED, OUT_OF_SCOPE.code, *_HORIZON_OF_CODE})
_GROUP_CODES = frozenset(r.code for r in GROUP.values())
_FUNDING_CODES = frozenset({NO_FUNDING.code, NO_RULE_CODE, *TYPICAL_CODES.values()})


class _Facts(NamedTuple):
    """The fields of an assessment that its other fields and reasons must agree with."""

    benefit: Benefit | None
    group: RiskGroup | None
    horizon: HealthImpactHorizon | None
    basis: HorizonBasis
    typical: bool | None
    disability_key_person: bool
    beyond_known_law: bool


@functools.lru_cache(maxsize=4096)
def _disagreements(facts: _Facts, codes: tuple[str, ...] | None) -> tuple[Problem, ...]:
    """Where the fields of an assessment, and the codes of its reasons, contradict each other.

    Cached: a cohort's assessments share a few combinations of these values.
    """
    check = Checker()
    _check_derived(check, facts)
    if codes is not None and not check.problems:
        _check_reasons(check, facts, list(codes))
    return tuple(check.problems)


def _check_derived(check: Checker, facts: _Facts) -> None:
    """The fields classify derives from the horizon and the funding basis."""
    check.expect(
        (facts.horizon is None) is (facts.basis is HorizonBasis.NONE),
        "basis",
        "must be ingen exactly when there is no horizon",
    )
    check.expect(
        facts.benefit is not None or not facts.beyond_known_law,
        "beyond_known_law",
        "must be false without a funding basis",
    )
    if not check.expect(
        facts.group is (facts.horizon.group if facts.horizon is not None else None),
        "group",
        "must be the group the horizon defines, or null without a horizon",
    ):
        return
    check.expect(
        facts.disability_key_person is _key_person(facts.group),
        "disability_key_person",
        "must be true exactly when the group's guidance involves the disability key person",
    )
    check.expect(
        facts.typical is None or (facts.benefit is not None and facts.group is not None),
        "typical",
        "must be null without a funding basis or a group",
    )


def _check_reasons(check: Checker, facts: _Facts, codes: list[str]) -> None:
    """The reasons classify writes itself must agree with the fields they explain."""
    check.expect(
        _explains_horizon([c for c in codes if c in _HORIZON_CODES], facts.basis, facts.horizon),
        "reasons",
        "must give one reason for the horizon, as basis says: horizon.assessed, a finding "
        "of the horizon, or scope.none",
    )
    check.expect(
        facts.basis is HorizonBasis.ASSESSED or DIFFERS not in codes,
        "reasons",
        "may say the derived horizon differs only when the horizon was assessed",
    )
    check.expect(
        [c for c in codes if c in _GROUP_CODES]
        == ([GROUP[facts.group].code] if facts.group is not None else []),
        "reasons",
        "must name the group once when there is one, and no group without one",
    )
    check.expect(
        codes.count(KEY_PERSON) == int(facts.disability_key_person),
        "reasons",
        "must involve the disability key person exactly when disability_key_person is true",
    )
    funding = [c for c in codes if c in _FUNDING_CODES]
    check.expect(
        funding in _funding_codes(facts.benefit, facts.typical),
        "reasons",
        "must say funding.none without a funding basis, funding.typical or funding.atypical "
        "as typical says, and otherwise at most funding.no_rule",
    )
    groups = [c for c in codes if c == TYPICAL_GROUPS or c.startswith(f"{TYPICAL_GROUPS}.")]
    rule_found = facts.benefit is not None and NO_RULE_CODE not in funding
    groups_ok = len(groups) == int(rule_found)
    check.expect(
        groups == [TYPICAL_GROUPS] if facts.typical is not None else groups_ok,
        "reasons",
        "must give the typical groups of the funding basis once when a benefit rule was found, "
        "and name groups when typical is given",
    )
    check.expect(
        NO_RULE_CODE not in funding or not facts.beyond_known_law,
        "beyond_known_law",
        "must be false when no benefit rule was in force",
    )
    check.expect(
        codes.count(BEYOND_KNOWN_LAW) == int(facts.beyond_known_law),
        "reasons",
        "must include law.beyond_known exactly when beyond_known_law is true",
    )


def _key_person(group: RiskGroup | None) -> bool:
    """True if the guidance of ``group`` involves the disability key person."""
    return group is not None and GUIDANCE[group].disability_key_person


def _explains_horizon(
    codes: list[str], basis: HorizonBasis, horizon: HealthImpactHorizon | None
) -> bool:
    """True if ``codes`` is the one reason classify gives for ``horizon`` on ``basis``."""
    if len(codes) != 1:
        return False
    (code,) = codes
    if basis is HorizonBasis.ASSESSED:
        return code == ASSESSED
    if basis is HorizonBasis.NONE:
        return code == OUT_OF_SCOPE.code
    return _HORIZON_OF_CODE.get(code) is horizon


def _funding_codes(benefit: Benefit | None, typical: bool | None) -> list[list[str]]:  # noqa: FBT001
    """The funding reasons classify may write itself for ``benefit`` and ``typical``."""
    if benefit is None:
        return [[NO_FUNDING.code]]
    return [[], [NO_RULE_CODE]] if typical is None else [[TYPICAL_CODES[typical]]]
