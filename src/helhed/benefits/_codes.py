"""The funding bases (forsørgelsesgrundlag) by code, and the values of a lifecycle row.

Part of [`helhed.benefits`][helhed.benefits], where these names are imported from.
"""

from __future__ import annotations

import attrs

from helhed._coded import CodedEnum
from helhed._values import frozen_fields

__all__ = ["Benefit", "BenefitStatus", "Lifecycle"]


class Benefit(CodedEnum):
    """A funding basis (forsørgelsesgrundlag), or employment, as the sources name them."""

    CASH_BENEFIT_JOB_READY = (
        "kontanthjaelp_jobparat",
        "Kontanthjælp, jobparat",
        "Cash benefit, job-ready",
    )
    CASH_BENEFIT_EDUCATION_READY = (
        "kontanthjaelp_uddannelsesparat",
        "Kontanthjælp, uddannelsesparat",
        "Cash benefit, education-ready",
    )
    CASH_BENEFIT_ACTIVITY_READY = (
        "kontanthjaelp_aktivitetsparat",
        "Kontanthjælp, aktivitetsparat",
        "Cash benefit, activity-ready",
    )
    EDUCATION_BENEFIT_EDUCATION_READY = (
        "uddannelseshjaelp_uddannelsesparat",
        "Uddannelseshjælp, uddannelsesparat",
        "Education benefit, education-ready",
    )
    EDUCATION_BENEFIT_ACTIVITY_READY = (
        "uddannelseshjaelp_aktivitetsparat",
        "Uddannelseshjælp, aktivitetsparat",
        "Education benefit, activity-ready",
    )
    RESOURCE_COURSE = ("ressourceforloeb", "Ressourceforløb", "Resource course")
    JOB_CLARIFICATION_COURSE = (
        "jobafklaringsforloeb",
        "Jobafklaringsforløb",
        "Job clarification course",
    )
    FLEX_JOB = ("fleksjob", "Fleksjob", "Flex job")
    FLEX_JOB_UNEMPLOYMENT_BENEFIT = (
        "ledighedsydelse",
        "Ledighedsydelse",
        "Flex-job unemployment benefit",
    )
    SICKNESS_BENEFIT = ("sygedagpenge", "Sygedagpenge", "Sickness benefit")
    JOB_TRIAL = ("jobafproevning", "Jobafprøvning (sygedagpenge)", "Job trial (sickness benefit)")
    INTEGRATION_BENEFIT = (
        "integrationsydelse",
        "Integrationsydelse (flygtninge)",
        "Integration benefit (refugees)",
    )
    SELF_SUPPORT_RETURN_BENEFIT = (
        "selvforsoergelses_hjemrejseydelse",
        "Selvforsørgelses- og hjemrejseydelse",
        "Self-support and return benefit",
    )
    TRANSITION_BENEFIT = ("overgangsydelse", "Overgangsydelse", "Transition benefit")
    INSURED_UNEMPLOYMENT_BENEFIT = (
        "arbejdsloeshedsdagpenge",
        "Arbejdsløshedsdagpenge (forsikrede ledige)",
        "Insured unemployment benefit",
    )
    EARLY_RETIREMENT_PENSION = ("foertidspension", "Førtidspension", "Early-retirement pension")
    EMPLOYED = ("beskaeftiget", "I beskæftigelse", "Employed")


class BenefitStatus(CodedEnum):
    """Whether a benefit can be granted on a date."""

    OPEN = ("aaben", "Kan tilkendes", "Can be granted")
    CLOSED_TO_NEW = (
        "lukket_for_nye",
        "Lukket for nye borgere; igangværende forløb fortsætter",
        "Closed to new citizens; courses under way continue",
    )
    ABOLISHED = ("ophaevet", "Ophævet", "Abolished")


@attrs.frozen(field_transformer=frozen_fields)
class Lifecycle:
    """The value of a ``LIFECYCLE`` row.

    Attributes:
        status: Open, closed to new citizens, or abolished.
        successor: The benefit that replaces an abolished one, if a single one does.
    """

    status: BenefitStatus
    successor: Benefit | None = None
