"""What is known about a citizen's health: risk factors, health challenges, sick days.

Everything in this module is health information. Values hold it in fields hidden from
``repr``; helhed never puts it into an error message.

The vocabulary follows SST2019 chapter 4: the risk factors it names - "rygning, problematisk
alkoholforbrug, stofbrug, fysisk aktivitet, søvn og mental sundhed" (4.2), with "usunde
kostvaner" (4.3); health challenges that "kan både være fysiske og/eller psykiske og såvel
medfødte- som erhvervede" (4.1), some of them progressive - muscular dystrophy, Parkinson's
disease, multiple sclerosis and Alzheimer's disease are the source's examples (4.2).

KRAM is "kost, rygning, alkohol og motion": SST2019 6.3 names "KRAM-faktorerne alkohol og
motion" and "de to øvrige KRAM-faktorer, kost og rygning". SST2019 6.2 also speaks of "KRAMS
faktorerne" without saying what the S stands for (sleep or stress; no source found settles
it), so helhed has no S factor of its own: sleep and mental health are kept as SST2019 4.2
names them.

Examples:
    >>> profile = HealthProfile(risk_factors=frozenset({RiskFactor.SMOKING}), sick_days=4)
    >>> profile  # doctest: +ELLIPSIS
    HealthProfile(risk_factors=<sensitive>, challenges=<sensitive>, sick_days=<sensitive>, ...)
    >>> profile.has_findings
    True
"""

from __future__ import annotations

import attrs

from helhed._coded import CodedEnum
from helhed._meta import REDACT, SENSITIVE
from helhed._validation import Checker
from helhed._values import frozen_fields

__all__ = [
    "MAX_SICK_DAYS",
    "HealthChallenge",
    "HealthDomain",
    "HealthProfile",
    "Onset",
    "ProgressiveCondition",
    "RiskFactor",
]


MAX_SICK_DAYS = 366
"""Most days of sickness absence a 12-month span can hold.

The 12-month span is helhed's reading: SST2019 4.2 speaks of "et øget antal sygedage" and
names no period, so helhed records the days over a span long enough to compare citizens.
"""


class RiskFactor(CodedEnum):
    """A health risk factor named in SST2019 4.2-4.3.

    ``kram`` is True for the four KRAM factors (SST2019 6.3): diet (kost), smoking (rygning),
    alcohol (alkohol) and exercise (motion). That "motion" is the physical activity of 4.2 is
    helhed's reading: the source uses both words and does not tie them.
    """

    DIET = ("kost", "Kost", "Diet")
    SMOKING = ("rygning", "Rygning", "Smoking")
    ALCOHOL = ("alkohol", "Alkohol", "Alcohol")
    DRUGS = ("stoffer", "Stofbrug", "Drug use")
    PHYSICAL_ACTIVITY = ("fysisk_aktivitet", "Fysisk aktivitet", "Physical activity")
    SLEEP = ("soevn", "Søvn", "Sleep")
    MENTAL_HEALTH = ("mental_sundhed", "Mental sundhed og trivsel", "Mental health and well-being")

    @property
    def kram(self) -> bool:
        """True for diet, smoking, alcohol and physical activity (KRAM)."""
        return self in _KRAM


_KRAM = frozenset(
    {RiskFactor.DIET, RiskFactor.SMOKING, RiskFactor.ALCOHOL, RiskFactor.PHYSICAL_ACTIVITY}
)


class HealthDomain(CodedEnum):
    """Whether a health challenge is physical or mental (SST2019 4.1)."""

    PHYSICAL = ("fysisk", "Fysisk", "Physical")
    MENTAL = ("psykisk", "Psykisk", "Mental")


class Onset(CodedEnum):
    """Whether a health challenge is congenital or acquired (SST2019 4.1)."""

    CONGENITAL = ("medfoedt", "Medfødt", "Congenital")
    ACQUIRED = ("erhvervet", "Erhvervet", "Acquired")


class ProgressiveCondition(CodedEnum):
    """A disease that worsens over time, as SST2019 4.2 names them; ``OTHER`` for the rest."""

    MUSCULAR_DYSTROPHY = ("muskelsvind", "Muskelsvind", "Muscular dystrophy")
    PARKINSONS = ("parkinsons", "Parkinsons sygdom", "Parkinson's disease")
    MULTIPLE_SCLEROSIS = ("dissemineret_sklerose", "Dissemineret sklerose", "Multiple sclerosis")
    ALZHEIMERS = ("alzheimers", "Alzheimers sygdom", "Alzheimer's disease")
    OTHER = ("anden", "Anden fremadskridende sygdom", "Other progressive disease")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class HealthChallenge:
    """One health challenge, as a professional records it.

    Attributes:
        domain: Physical or mental.
        onset: Congenital or acquired, if known.
        progressive: True if the condition worsens over time (SST2019 4.2).
        condition: The named progressive condition, if any; requires ``progressive``.
        current_barrier: True if the challenge is now a barrier to labour-market attachment
            (SST2019 4.1).
    """

    domain: HealthDomain = attrs.field(repr=REDACT, metadata=SENSITIVE)
    onset: Onset | None = attrs.field(default=None, repr=REDACT, metadata=SENSITIVE)
    progressive: bool = attrs.field(default=False, repr=REDACT, metadata=SENSITIVE)
    condition: ProgressiveCondition | None = attrs.field(
        default=None, repr=REDACT, metadata=SENSITIVE
    )
    current_barrier: bool = attrs.field(default=False, repr=REDACT, metadata=SENSITIVE)

    def __attrs_post_init__(self) -> None:
        """Validate every field; raise all problems at once."""
        check = Checker()
        check.member(self.domain, HealthDomain, "domain")
        check.member(self.onset, Onset, "onset", optional=True)
        check.flag(self.progressive, "progressive")
        check.member(self.condition, ProgressiveCondition, "condition", optional=True)
        check.flag(self.current_barrier, "current_barrier")
        if self.condition is not None and self.progressive is False:
            check.fail("progressive", "must be true when a progressive condition is named")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class HealthProfile:
    """What is known about a citizen's health on a date.

    SST2019 sets no threshold for "more sick days" (4.2), so helhed does not invent one:
    ``sick_days`` is kept as a fact, and the professional's judgement that health shows in
    work life goes in ``affects_work``.

    Attributes:
        risk_factors: The risk factors present.
        challenges: The recorded health challenges.
        sick_days: Days of sickness absence in the last 12 months, if known (the span is
            helhed's reading; see ``MAX_SICK_DAYS``).
        affects_work: True if health shows as more sick days or as trouble getting or keeping
            a job (SST2019 4.2).
    """

    risk_factors: frozenset[RiskFactor] = attrs.field(
        default=frozenset(), repr=REDACT, metadata=SENSITIVE
    )
    challenges: tuple[HealthChallenge, ...] = attrs.field(
        default=(), repr=REDACT, metadata=SENSITIVE
    )
    sick_days: int | None = attrs.field(
        default=None, repr=REDACT, metadata={**SENSITIVE, "maximum": MAX_SICK_DAYS}
    )
    affects_work: bool = attrs.field(default=False, repr=REDACT, metadata=SENSITIVE)

    def __attrs_post_init__(self) -> None:
        """Validate every field; raise all problems at once."""
        check = Checker()
        check.members(self.risk_factors, RiskFactor, "risk_factors")
        check.each(self.challenges, HealthChallenge, "challenges")
        check.whole(self.sick_days, "sick_days", maximum=MAX_SICK_DAYS, optional=True)
        check.flag(self.affects_work, "affects_work")
        check.done()

    @property
    def has_findings(self) -> bool:
        """True if a risk factor, a health challenge or an effect on work life is recorded.

        A count of sick days alone is not a finding: the source sets no threshold for it.
        """
        return bool(self.risk_factors or self.challenges or self.affects_work)
