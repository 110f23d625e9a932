"""An example intervention catalogue for the fictional *Eksempel Kommune* (model 4).

**The municipality and its catalogue are fictional.** No real municipality's offers, seats,
contacts or review dates are behind any entry. The catalogue shows what one kept under model 4
(SST2019 kap. 9) can hold: offers of the job centre, the health department, social services and
the education area, sorted by Faxe's 10 task types with two or more offers in each.

The offers are the kinds the sources name: KRAM courses, stress courses, *Åben og Rolig* and
*Åben og Rolig Flex* (AALBORG2019), 'Lær at takle', 'Bryd vaner' and smoking cessation (the
Aalborg health centre's offers), mindfulness and psychoeducation (Kolding), physiotherapy, the
short alcohol conversation and IPS (Hjørring, Copenhagen), a diabetes course for refugees
(Tønder), substance-abuse treatment given individually, in a group or as residential treatment
(Jammerbugt), preventive training for employees at risk of strain injuries (Jammerbugt), a
mentor under LAB, adult support under the Social Services Act and family therapy (Faxe's task
types). Their formats, lengths, seats, funding bases and legal bases are plausible choices,
not the sources' figures, except these: the diabetes course's 8 weeks (SST2019 8.1, Tønder's
"8 ugers forløb"), and IPS's seats and funding bases, which are
[`IPS_CASELOAD_LIMIT`][helhed.models.specific.IPS_CASELOAD_LIMIT] (25 citizens per consultant)
and [`IPS_FUNDING`][helhed.models.specific.IPS_FUNDING] (SST2019 8.3), taken from their one
home in [`helhed.models.specific`][helhed.models.specific].

The entries were last reviewed on different days: on
[`EXAMPLE_REVIEW_DATE`][helhed.examples.catalogue.EXAMPLE_REVIEW_DATE], with reviews at most
[`EXAMPLE_MAX_AGE`][helhed.examples.catalogue.EXAMPLE_MAX_AGE] old, four of them are stale.

Examples:
    >>> from helhed.models.catalogue import coverage, stale
    >>> catalogue = example_catalogue()
    >>> catalogue.name, len(catalogue.offers)
    ('Eksempel Kommune', 36)
    >>> coverage(catalogue).missing_task_types
    ()
    >>> [o.id for o in stale(catalogue, on=EXAMPLE_REVIEW_DATE, max_age=EXAMPLE_MAX_AGE)]
    ['bryd-vaner', 'aaben-og-rolig-flex', 'adhd-autisme-stoette', 'stofbehandling-ambulant']
"""

from __future__ import annotations

import datetime as dt
import functools

from helhed.benefits import Benefit
from helhed.groups import RiskGroup
from helhed.health import RiskFactor
from helhed.models.catalogue import (
    Capacity,
    CapacityPeriod,
    CapacityUnit,
    Catalogue,
    Offer,
    OfferFormat,
)
from helhed.models.specific import IPS_CASELOAD_LIMIT, IPS_FUNDING
from helhed.organisation import Administration

__all__ = ["EXAMPLE_MAX_AGE", "EXAMPLE_REVIEW_DATE", "example_catalogue"]

EXAMPLE_REVIEW_DATE = dt.date(2026, 11, 2)
"""The day the example catalogue is checked for stale entries."""

EXAMPLE_MAX_AGE = dt.timedelta(days=365)
"""How old a review may be before the entry counts as stale in the examples (12 months).

SST2019 kap. 9 sets no period; this is the fictional municipality's own choice."""

_A = Administration
_B = Benefit
_F = RiskFactor
_G = RiskGroup
_D = dt.date
_GROUP = OfferFormat.GROUP
_INDIVIDUAL = OfferFormat.INDIVIDUAL
_RESIDENTIAL = OfferFormat.RESIDENTIAL

_CASH = frozenset(
    {_B.CASH_BENEFIT_JOB_READY, _B.CASH_BENEFIT_EDUCATION_READY, _B.CASH_BENEFIT_ACTIVITY_READY}
)
_JOB_CENTRE = _CASH | {
    _B.RESOURCE_COURSE,
    _B.JOB_CLARIFICATION_COURSE,
    _B.SICKNESS_BENEFIT,
    _B.JOB_TRIAL,
    _B.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
    _B.INSURED_UNEMPLOYMENT_BENEFIT,
}
"""The funding bases the job centre's own offers are open to."""

_HIGH_MEDIUM = frozenset({_G.HIGH, _G.MEDIUM})
_STRESS = frozenset({_F.MENTAL_HEALTH, _F.SLEEP})


def _seats(amount: int, period: CapacityPeriod = CapacityPeriod.AT_A_TIME) -> Capacity:
    return Capacity(amount=amount, unit=CapacityUnit.SEATS, period=period)


def _social_skills() -> tuple[Offer, ...]:
    """Task type 1: social skills training."""
    return (
        Offer(
            id="social-faerdighedstraening",
            name_da="Social færdighedstræning",
            name_en="Social skills training group",
            administration=_A.SOCIAL,
            task_type="1",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            target_groups=_HIGH_MEDIUM,
            legal_basis="serviceloven § 104",
            format=_GROUP,
            duration_weeks=12,
            capacity=_seats(10),
            voluntary=True,
            contact="Socialpsykiatrien, Værestedet",
            last_reviewed=_D(2026, 3, 10),
        ),
        Offer(
            id="netvaerksgruppe",
            name_da="Netværksgruppe",
            name_en="Network group",
            administration=_A.JOB_CENTRE,
            task_type="1",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            format=_GROUP,
            duration_weeks=8,
            capacity=_seats(12),
            voluntary=True,
            contact="Jobcentret, Team Sundhed og Job",
            last_reviewed=_D(2026, 5, 20),
        ),
        Offer(
            id="adhd-autisme-stoette",
            name_da="Støtteforløb ved ADHD og autisme",
            name_en="Support course for ADHD and autism",
            administration=_A.SOCIAL,
            task_type="1",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            target_groups=_HIGH_MEDIUM,
            legal_basis="serviceloven § 85",
            format=_INDIVIDUAL,
            duration_weeks=16,
            voluntary=True,
            contact="Voksenafdelingen, Myndighed",
            last_reviewed=_D(2025, 8, 19),
        ),
    )


def _adult_support() -> tuple[Offer, ...]:
    """Task type 2: adult support under the Social Services Act."""
    return (
        Offer(
            id="socialpaedagogisk-stoette",
            name_da="Socialpædagogisk støtte",
            name_en="Socio-educational support",
            administration=_A.SOCIAL,
            task_type="2",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            target_groups=frozenset({_G.HIGH}),
            legal_basis="serviceloven § 85",
            format=_INDIVIDUAL,
            capacity=_seats(40),
            voluntary=True,
            contact="Voksenafdelingen, Myndighed",
            last_reviewed=_D(2026, 2, 2),
        ),
        Offer(
            id="stoette-kontaktperson",
            name_da="Støtte- og kontaktperson",
            name_en="Support and contact person",
            administration=_A.SOCIAL,
            task_type="2",
            risk_factors=frozenset({_F.MENTAL_HEALTH, _F.ALCOHOL, _F.DRUGS}),
            target_groups=frozenset({_G.HIGH}),
            legal_basis="serviceloven § 99",
            format=_INDIVIDUAL,
            voluntary=True,
            contact="Socialpsykiatrien, Opsøgende team",
            last_reviewed=_D(2026, 6, 15),
        ),
        Offer(
            id="aktivitets-og-samvaerstilbud",
            name_da="Aktivitets- og samværstilbud",
            name_en="Activity and social centre",
            administration=_A.SOCIAL,
            task_type="2",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            target_groups=_HIGH_MEDIUM,
            legal_basis="serviceloven § 104",
            format=_GROUP,
            capacity=_seats(25),
            voluntary=True,
            contact="Socialpsykiatrien, Værestedet",
            last_reviewed=_D(2025, 11, 2),
        ),
    )


def _mentors() -> tuple[Offer, ...]:
    """Task type 3: a mentor under LAB."""
    return (
        Offer(
            id="mentor-lab",
            name_da="Mentorstøtte",
            name_en="Mentor support",
            administration=_A.JOB_CENTRE,
            task_type="3",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            funding=_JOB_CENTRE,
            legal_basis="LAB",
            format=_INDIVIDUAL,
            voluntary=False,
            contact="Jobcentret, Mentorkorpset",
            last_reviewed=_D(2026, 9, 1),
        ),
        Offer(
            id="fastholdelsesmentor",
            name_da="Fastholdelsesmentor",
            name_en="Job-retention mentor",
            administration=_A.JOB_CENTRE,
            task_type="3",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            target_groups=_HIGH_MEDIUM,
            funding=frozenset({_B.SICKNESS_BENEFIT, _B.JOB_TRIAL, _B.FLEX_JOB}),
            legal_basis="LAB",
            format=_INDIVIDUAL,
            duration_weeks=26,
            voluntary=False,
            contact="Jobcentret, Sygedagpengeteamet",
            last_reviewed=_D(2026, 4, 22),
        ),
        Offer(
            id="uddannelsesmentor",
            name_da="Uddannelsesmentor",
            name_en="Education mentor",
            administration=_A.JOB_CENTRE,
            task_type="3",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            funding=frozenset({_B.CASH_BENEFIT_EDUCATION_READY}),
            legal_basis="LAB",
            format=_INDIVIDUAL,
            capacity=_seats(30),
            voluntary=False,
            contact="Jobcentret, Ungeenheden",
            last_reviewed=_D(2026, 1, 12),
        ),
    )


def _therapy() -> tuple[Offer, ...]:
    """Task type 4: cognitive therapy, mindfulness and similar."""
    return (
        Offer(
            id="stresskursus",
            name_da="Stresshåndtering",
            name_en="Stress management course",
            administration=_A.HEALTH,
            task_type="4",
            risk_factors=_STRESS,
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=8,
            capacity=_seats(14),
            voluntary=True,
            contact="Sundhedscentret, Mental sundhed",
            last_reviewed=_D(2026, 8, 18),
        ),
        Offer(
            id="aaben-og-rolig",
            name_da="Åben og Rolig",
            name_en="Open and Calm (stress team)",
            administration=_A.HEALTH,
            task_type="4",
            risk_factors=_STRESS,
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=8,
            capacity=_seats(12),
            voluntary=True,
            contact="Sundhedscentret, Mental sundhed",
            last_reviewed=_D(2026, 2, 25),
        ),
        Offer(
            id="aaben-og-rolig-flex",
            name_da="Åben og Rolig Flex",
            name_en="Open and Calm Flex (individual talks)",
            administration=_A.HEALTH,
            task_type="4",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            target_groups=_HIGH_MEDIUM,
            legal_basis="sundhedsloven § 119",
            format=_INDIVIDUAL,
            capacity=Capacity(amount=10, unit=CapacityUnit.HOURS, period=CapacityPeriod.WEEK),
            voluntary=True,
            contact="Sundhedscentret, psykolog",
            last_reviewed=_D(2025, 4, 8),
        ),
        Offer(
            id="mindfulness",
            name_da="Mindfulnesskursus",
            name_en="Mindfulness course",
            administration=_A.HEALTH,
            task_type="4",
            risk_factors=_STRESS,
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=8,
            capacity=_seats(16),
            voluntary=True,
            contact="Sundhedscentret, Mental sundhed",
            last_reviewed=_D(2026, 7, 1),
        ),
        Offer(
            id="psykoedukation",
            name_da="Psykoedukation",
            name_en="Psychoeducation",
            administration=_A.HEALTH,
            task_type="4",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=6,
            capacity=_seats(12),
            voluntary=True,
            contact="Sundhedscentret, psykolog",
            last_reviewed=_D(2026, 3, 30),
        ),
        Offer(
            id="laer-at-takle-angst",
            name_da="Lær at takle angst og depression",
            name_en="Learn to tackle anxiety and depression",
            administration=_A.HEALTH,
            task_type="4",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=6,
            capacity=_seats(14),
            voluntary=True,
            contact="Sundhedscentret, Patientuddannelse",
            last_reviewed=_D(2026, 10, 5),
        ),
    )


def _substance_abuse() -> tuple[Offer, ...]:
    """Task type 5: substance-abuse treatment."""
    return (
        Offer(
            id="alkoholbehandling-individuel",
            name_da="Alkoholbehandling, individuel",
            name_en="Alcohol treatment, individual",
            administration=_A.HEALTH,
            task_type="5",
            risk_factors=frozenset({_F.ALCOHOL}),
            legal_basis="sundhedsloven § 141",
            format=_INDIVIDUAL,
            voluntary=True,
            contact="Rusmiddelcentret",
            last_reviewed=_D(2026, 5, 5),
        ),
        Offer(
            id="alkoholbehandling-gruppe",
            name_da="Alkoholbehandling, gruppe",
            name_en="Alcohol treatment, group",
            administration=_A.HEALTH,
            task_type="5",
            risk_factors=frozenset({_F.ALCOHOL}),
            legal_basis="sundhedsloven § 141",
            format=_GROUP,
            duration_weeks=12,
            capacity=_seats(10),
            voluntary=True,
            contact="Rusmiddelcentret",
            last_reviewed=_D(2026, 5, 5),
        ),
        Offer(
            id="doegnbehandling",
            name_da="Døgnbehandling for rusmidler",
            name_en="Residential substance-abuse treatment",
            administration=_A.SOCIAL,
            task_type="5",
            risk_factors=frozenset({_F.ALCOHOL, _F.DRUGS}),
            target_groups=frozenset({_G.HIGH}),
            legal_basis="serviceloven § 101",
            format=_RESIDENTIAL,
            duration_weeks=12,
            capacity=_seats(4),
            voluntary=True,
            contact="Rusmiddelcentret, visitation",
            last_reviewed=_D(2026, 9, 14),
        ),
        Offer(
            id="stofbehandling-ambulant",
            name_da="Ambulant stofbehandling",
            name_en="Outpatient drug treatment",
            administration=_A.SOCIAL,
            task_type="5",
            risk_factors=frozenset({_F.DRUGS}),
            legal_basis="serviceloven § 101",
            format=_INDIVIDUAL,
            voluntary=True,
            contact="Rusmiddelcentret",
            last_reviewed=_D(2025, 9, 30),
        ),
        Offer(
            id="kort-alkoholsamtale",
            name_da="Den korte samtale om alkohol",
            name_en="Brief alcohol conversation",
            administration=_A.HEALTH,
            task_type="5",
            risk_factors=frozenset({_F.ALCOHOL}),
            legal_basis="sundhedsloven § 119",
            format=_INDIVIDUAL,
            duration_weeks=1,
            voluntary=True,
            contact="Sundhedscentret, Forebyggelse",
            last_reviewed=_D(2026, 6, 1),
        ),
    )


def _lifestyle() -> tuple[Offer, ...]:
    """Task type 6: exercise and lifestyle."""
    return (
        Offer(
            id="kram-forloeb",
            name_da="KRAM-forløb",
            name_en="KRAM course (diet, smoking, alcohol, exercise)",
            administration=_A.HEALTH,
            task_type="6",
            risk_factors=frozenset({_F.DIET, _F.SMOKING, _F.ALCOHOL, _F.PHYSICAL_ACTIVITY}),
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=10,
            capacity=_seats(16),
            voluntary=True,
            contact="Sundhedscentret, Forebyggelse",
            last_reviewed=_D(2026, 4, 14),
        ),
        Offer(
            id="rygestop",
            name_da="Rygestopkursus",
            name_en="Smoking cessation course",
            administration=_A.HEALTH,
            task_type="6",
            risk_factors=frozenset({_F.SMOKING}),
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=6,
            capacity=_seats(12, CapacityPeriod.MONTH),
            voluntary=True,
            contact="Sundhedscentret, Forebyggelse",
            last_reviewed=_D(2026, 9, 8),
        ),
        Offer(
            id="rygestop-nikotin",
            name_da="Rygestop med gratis nikotinerstatning",
            name_en="Smoking cessation with free nicotine replacement",
            administration=_A.HEALTH,
            task_type="6",
            risk_factors=frozenset({_F.SMOKING}),
            funding=_CASH | {_B.RESOURCE_COURSE, _B.FLEX_JOB_UNEMPLOYMENT_BENEFIT},
            legal_basis="sundhedsloven § 119",
            format=_INDIVIDUAL,
            duration_weeks=8,
            capacity=_seats(8, CapacityPeriod.MONTH),
            voluntary=True,
            contact="Sundhedscentret, Forebyggelse",
            last_reviewed=_D(2026, 9, 8),
        ),
        Offer(
            id="bryd-vaner",
            name_da="Bryd vaner",
            name_en="Break habits",
            administration=_A.HEALTH,
            task_type="6",
            risk_factors=frozenset({_F.DIET, _F.PHYSICAL_ACTIVITY, _F.SLEEP}),
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=8,
            capacity=_seats(15),
            voluntary=True,
            contact="Sundhedscentret, Forebyggelse",
            last_reviewed=_D(2025, 1, 20),
        ),
        Offer(
            id="sund-paa-jobbet",
            name_da="Sund på jobbet",
            name_en="Healthy at work (for employees)",
            administration=_A.HEALTH,
            task_type="6",
            risk_factors=frozenset({_F.PHYSICAL_ACTIVITY, _F.DIET}),
            target_groups=frozenset({_G.LOW, _G.MEDIUM}),
            funding=frozenset({_B.EMPLOYED}),
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=12,
            capacity=_seats(20),
            voluntary=True,
            contact="Sundhedscentret, Forebyggelse",
            last_reviewed=_D(2026, 2, 10),
        ),
    )


def _rehabilitation() -> tuple[Offer, ...]:
    """Task type 7: rehabilitation and chronic-disease offers."""
    return (
        Offer(
            id="fysioterapi",
            name_da="Genoptræning hos fysioterapeut",
            name_en="Rehabilitation with a physiotherapist",
            administration=_A.HEALTH,
            task_type="7",
            risk_factors=frozenset({_F.PHYSICAL_ACTIVITY}),
            legal_basis="sundhedsloven § 140",
            format=_INDIVIDUAL,
            duration_weeks=12,
            capacity=_seats(30),
            voluntary=True,
            contact="Træningsenheden",
            last_reviewed=_D(2026, 6, 20),
        ),
        Offer(
            id="diabeteskursus",
            name_da="Diabeteskursus for flygtninge",
            name_en="Diabetes course for refugees",
            administration=_A.HEALTH,
            task_type="7",
            risk_factors=frozenset({_F.DIET, _F.PHYSICAL_ACTIVITY}),
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=8,
            capacity=_seats(12),
            voluntary=True,
            contact="Sundhedscentret, Patientuddannelse",
            last_reviewed=_D(2026, 3, 3),
        ),
        Offer(
            id="laer-at-takle-kronisk",
            name_da="Lær at takle kronisk sygdom",
            name_en="Learn to tackle chronic illness",
            administration=_A.HEALTH,
            task_type="7",
            risk_factors=frozenset({_F.MENTAL_HEALTH, _F.PHYSICAL_ACTIVITY}),
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=6,
            capacity=_seats(14),
            voluntary=True,
            contact="Sundhedscentret, Patientuddannelse",
            last_reviewed=_D(2026, 10, 1),
        ),
        Offer(
            id="kraeftrehabilitering",
            name_da="Kræftrehabilitering",
            name_en="Cancer rehabilitation",
            administration=_A.HEALTH,
            task_type="7",
            risk_factors=frozenset({_F.PHYSICAL_ACTIVITY, _F.MENTAL_HEALTH}),
            target_groups=_HIGH_MEDIUM,
            legal_basis="sundhedsloven § 119",
            format=_GROUP,
            duration_weeks=12,
            capacity=_seats(10),
            voluntary=True,
            contact="Træningsenheden",
            last_reviewed=_D(2026, 8, 5),
        ),
    )


def _employment() -> tuple[Offer, ...]:
    """Task type 8: employment-directed offers."""
    return (
        Offer(
            id="ips",
            name_da="IPS - individuelt planlagt job med støtte",
            name_en="IPS (Individual Placement and Support)",
            administration=_A.JOB_CENTRE,
            task_type="8",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            target_groups=frozenset({_G.HIGH}),
            funding=IPS_FUNDING,
            legal_basis="LAB",
            format=_INDIVIDUAL,
            capacity=_seats(IPS_CASELOAD_LIMIT),
            voluntary=True,
            contact="Jobcentret, IPS-teamet",
            last_reviewed=_D(2026, 10, 20),
        ),
        Offer(
            id="virksomhedspraktik",
            name_da="Virksomhedspraktik",
            name_en="Work placement",
            administration=_A.JOB_CENTRE,
            task_type="8",
            funding=_JOB_CENTRE,
            legal_basis="LAB",
            format=_INDIVIDUAL,
            duration_weeks=13,
            voluntary=False,
            contact="Jobcentret, Virksomhedsservice",
            last_reviewed=_D(2026, 5, 28),
        ),
        Offer(
            id="tidlig-indsats",
            name_da="Tidlig indsats for sygemeldte",
            name_en="Early intervention for sick-listed citizens",
            administration=_A.JOB_CENTRE,
            task_type="8",
            risk_factors=frozenset({_F.PHYSICAL_ACTIVITY, _F.MENTAL_HEALTH}),
            target_groups=_HIGH_MEDIUM,
            funding=frozenset(
                {
                    _B.SICKNESS_BENEFIT,
                    _B.FLEX_JOB_UNEMPLOYMENT_BENEFIT,
                    _B.RESOURCE_COURSE,
                    _B.JOB_CLARIFICATION_COURSE,
                }
            ),
            legal_basis="LAB",
            format=_GROUP,
            duration_weeks=10,
            capacity=_seats(20),
            voluntary=False,
            contact="Jobcentret, Team Tidlig Indsats",
            last_reviewed=_D(2026, 1, 26),
        ),
    )


def _education() -> tuple[Offer, ...]:
    """Task type 9: education-directed activities."""
    return (
        Offer(
            id="brobygning",
            name_da="Brobygning til uddannelse",
            name_en="Bridge to education",
            administration=_A.EDUCATION,
            task_type="9",
            funding=frozenset({_B.CASH_BENEFIT_EDUCATION_READY}),
            legal_basis="LAB",
            format=_GROUP,
            duration_weeks=20,
            capacity=_seats(15),
            voluntary=False,
            contact="Ungeenheden og VUC",
            last_reviewed=_D(2026, 8, 12),
        ),
        Offer(
            id="fvu-ordblinde",
            name_da="FVU og ordblindeundervisning",
            name_en="Adult basic skills and dyslexia teaching",
            administration=_A.EDUCATION,
            task_type="9",
            format=_GROUP,
            duration_weeks=16,
            voluntary=True,
            contact="VUC",
            last_reviewed=_D(2026, 1, 30),
        ),
    )


def _family() -> tuple[Offer, ...]:
    """Task type 10: family therapy."""
    return (
        Offer(
            id="familieterapi",
            name_da="Familieterapi",
            name_en="Family therapy",
            administration=_A.SOCIAL,
            task_type="10",
            risk_factors=frozenset({_F.MENTAL_HEALTH}),
            legal_basis="serviceloven § 11",
            format=_INDIVIDUAL,
            duration_weeks=10,
            capacity=_seats(6),
            voluntary=True,
            contact="Familieafdelingen",
            last_reviewed=_D(2026, 7, 15),
        ),
        Offer(
            id="familiesamtaler-rusmidler",
            name_da="Familiesamtaler ved rusmiddelproblemer",
            name_en="Family sessions where there is substance abuse",
            administration=_A.SOCIAL,
            task_type="10",
            risk_factors=frozenset({_F.ALCOHOL, _F.DRUGS}),
            legal_basis="serviceloven § 11",
            format=_INDIVIDUAL,
            duration_weeks=8,
            voluntary=True,
            contact="Familieafdelingen og Rusmiddelcentret",
            last_reviewed=_D(2026, 2, 18),
        ),
    )


@functools.cache
def example_catalogue() -> Catalogue:
    """The fictional Eksempel Kommune's catalogue (Faxe's 10 task types), the same every call."""
    return Catalogue(
        name="Eksempel Kommune",
        offers=(
            *_social_skills(),
            *_adult_support(),
            *_mentors(),
            *_therapy(),
            *_substance_abuse(),
            *_lifestyle(),
            *_rehabilitation(),
            *_employment(),
            *_education(),
            *_family(),
        ),
    )
