"""Built-in example data: a synthetic cohort and two example event logs.

* [`cohort`][helhed.examples.cohort]: a seeded synthetic cohort of citizens (invented);
* [`aalborg`][helhed.examples.aalborg]: an event log whose counts are the published Aalborg
  figures (AALBORG2019 tabel 1-3), with invented days and pseudonyms;
* [`halsnaes`][helhed.examples.halsnaes]: invented pathways through the Halsnæs protocol,
  with breaches to show what a compliance check finds;
* [`kolding`][helhed.examples.kolding]: an invented Kolding team with WHO-5 before and after
  the course;
* [`catalogue`][helhed.examples.catalogue]: a fictional municipality's intervention
  catalogue, with offers in all of Faxe's task types;
* [`protocols`][helhed.examples.protocols]: one invented pathway through each protocol of
  models 2 and 3;
* [`sickness`][helhed.examples.sickness]: invented sickness benefit pathways for the
  ``sygedagpenge`` follow-up deadline;
* [`readiness`][helhed.examples.readiness]: an invented municipality's profile of the
  prerequisites it has in place.

No real person is behind any record.
"""

from helhed.examples.aalborg import (
    AALBORG_DESTINATIONS,
    AALBORG_FLEX_OFFER,
    AALBORG_FLEX_REFERRAL,
    AALBORG_PERIOD,
    AALBORG_UNITS,
    aalborg_pathways,
)
from helhed.examples.catalogue import EXAMPLE_MAX_AGE, EXAMPLE_REVIEW_DATE, example_catalogue
from helhed.examples.cohort import (
    DEMO_DATE,
    DEMO_SEED,
    DEMO_SIZE,
    EXAMPLE_CITIZENS,
    FUNDING_MIX,
    demo_cohort,
    example_citizens,
    funding_mix,
    synthetic_citizen,
)
from helhed.examples.halsnaes import HALSNAES_CHECK_DATE, HALSNAES_SIZE, halsnaes_pathways
from helhed.examples.kolding import KOLDING_START, KOLDING_WEEKS, kolding_answers, kolding_team
from helhed.examples.protocols import protocol_pathways
from helhed.examples.readiness import EXAMPLE_MUNICIPALITY, example_profile
from helhed.examples.sickness import SICKNESS_CHECK_DATE, sickness_pathways

__all__ = [
    "AALBORG_DESTINATIONS",
    "AALBORG_FLEX_OFFER",
    "AALBORG_FLEX_REFERRAL",
    "AALBORG_PERIOD",
    "AALBORG_UNITS",
    "DEMO_DATE",
    "DEMO_SEED",
    "DEMO_SIZE",
    "EXAMPLE_CITIZENS",
    "EXAMPLE_MAX_AGE",
    "EXAMPLE_MUNICIPALITY",
    "EXAMPLE_REVIEW_DATE",
    "FUNDING_MIX",
    "HALSNAES_CHECK_DATE",
    "HALSNAES_SIZE",
    "KOLDING_START",
    "KOLDING_WEEKS",
    "SICKNESS_CHECK_DATE",
    "aalborg_pathways",
    "demo_cohort",
    "example_catalogue",
    "example_citizens",
    "example_profile",
    "funding_mix",
    "halsnaes_pathways",
    "kolding_answers",
    "kolding_team",
    "protocol_pathways",
    "sickness_pathways",
    "synthetic_citizen",
]
