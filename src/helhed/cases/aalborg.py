"""Aalborg: outposted health workers in the job centre and *Åben og Rolig Flex* (AALBORG2019).

In 2017 Aalborg set aside DKK 1.0 million for more equality in health; part of it placed
health workers from Aalborg Sundhedscenter in four units of the job centre, one day a week
for three hours (two days a week in Uddannelseshuset), where they hold health conversations
with the unit's citizens - motivation, guidance, planning - and refer them on to other
offers. This is model 3's outposted presence (SST2019 kap. 8).

*Åben og Rolig Flex*, run by Center for Mental Sundhed, is a course of individual
conversations for citizens with stress whose social or mental difficulties keep them from an
ordinary *Åben og Rolig* team. It has two tracks
([`FlexTrack`][helhed.cases.aalborg.FlexTrack]): preparatory conversations that make the
citizen ready for a team, and supportive stress-reduction conversations for citizens judged
unable to join one. On average a Flex citizen had about three preparatory conversations with
a psychologist. The job centre refers about 300 citizens a year to *Åben og Rolig* and Flex.

The evaluation's data run from 1 January 2018 to the end of February 2019. Its tables are
here as data: ``CONVERSATIONS_BY_UNIT`` and ``CONVERSATIONS_PER_CITIZEN`` (tabel 1),
``REFERRALS_BY_DESTINATION`` (tabel 2), and ``FLEX_STATUS`` and ``FLEX_SHARES`` (tabel 3,
whose rows add up to 79 while its total and shares are of 80).

The rule natural to the source:

| rule | demand |
|---|---|
| ``aalborg.preparatory_first`` | a Flex citizen starts the team course after preparation |

What the source leaves open, and helhed's default (each a parameter of
[`outposted_schedules`][helhed.cases.aalborg.outposted_schedules]): the weekdays - Tuesday,
and Thursday as Uddannelseshuset's second day; and the span - the evaluation's data period.
The source names units, not funding bases, so the protocol is for any funding basis; the
units' citizens place it mostly in the high- and medium-risk groups.

Examples:
    >>> import datetime as dt
    >>> from helhed.organisation import Period
    >>> schedules = outposted_schedules()
    >>> [(s.unit, s.hours_per_week) for s in schedules][-2:]
    [('Virksomhedscenteret', 3.0), ('Uddannelseshuset', 6.0)]
    >>> len(schedules[-1].dates(Period(dt.date(2018, 1, 1), dt.date(2018, 1, 31))))
    9
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType

from helhed._coded import CodedEnum
from helhed._validation import Checker
from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.models.specific import PresenceSchedule, Weekday
from helhed.organisation import Period
from helhed.pathways.events import ConversationKind, InterventionStarted
from helhed.pathways.reports import InterventionStatus
from helhed.rules import Protocol, every, when
from helhed.rules.conditions import prepared_first
from helhed.sources import Citation, Stated

__all__ = [
    "AALBORG",
    "CONVERSATIONS_BY_UNIT",
    "CONVERSATIONS_PER_CITIZEN",
    "CONVERSATIONS_PER_CITIZEN_IN_ALL",
    "DAYS_PER_WEEK",
    "DEFAULT_WEEKDAYS",
    "EVALUATION_PERIOD",
    "FLEX_CITIZENS",
    "FLEX_LOCATION",
    "FLEX_OFFER",
    "FLEX_OUTCOMES",
    "FLEX_PREPARATORY_CONVERSATIONS",
    "FLEX_REFERRAL",
    "FLEX_SHARES",
    "FLEX_STATUS",
    "HOURS_PER_DAY",
    "REFERRALS_BY_DESTINATION",
    "REFERRALS_PER_YEAR",
    "RESULTS",
    "UNITS",
    "FlexTrack",
    "outposted_schedules",
]

_CITE = Citation("AALBORG2019")

EVALUATION_PERIOD = Period(dt.date(2018, 1, 1), dt.date(2019, 2, 28))
"""The evaluation's data period: 1 January 2018 to the end of February 2019."""

UNITS = (
    "Sygedagpengehuset",
    "Job- og Aktivhuset",
    "Virksomhedscenteret",
    "Uddannelseshuset",
)
"""The four job centre units with an outposted health worker, in the order of tabel 1."""

DAYS_PER_WEEK: Mapping[str, int] = MappingProxyType(
    {
        "Sygedagpengehuset": 1,
        "Job- og Aktivhuset": 1,
        "Virksomhedscenteret": 1,
        "Uddannelseshuset": 2,
    }
)
"""Days a week the health worker is present in each unit."""

HOURS_PER_DAY = 3
"""Hours the health worker is present on each of those days."""

DEFAULT_WEEKDAYS = (Weekday.TUESDAY, Weekday.THURSDAY)
"""helhed's default weekdays of presence - the source does not name them. Every unit uses the
first; a unit present two days a week uses the second as well."""

FLEX_REFERRAL = "Åben og Rolig Flex"
"""The offer the job centre refers citizens with stress to: individual conversations."""

FLEX_OFFER = "Åben og Rolig"
"""The team course a Flex citizen starts, or not, after the conversations."""

FLEX_LOCATION = "Center for Mental Sundhed"
"""Where Flex takes place; it is present in the job centre only once a month."""

FLEX_CITIZENS = 80
"""Citizens who took part in Flex in the data period (tabel 3)."""

FLEX_PREPARATORY_CONVERSATIONS = 3
"""About how many preparatory conversations with a psychologist a Flex citizen had."""

REFERRALS_PER_YEAR = 300
"""About how many citizens the job centre refers to *Åben og Rolig* and Flex a year."""


class FlexTrack(CodedEnum):
    """The two kinds of conversation course in *Åben og Rolig Flex* (AALBORG2019)."""

    PREPARATORY = (
        "klargoerende",
        "Klargørende samtaleforløb",
        "Preparatory conversations (to get ready for a team)",
    )
    SUPPORTIVE = (
        "stoettende",
        "Støttende samtaleforløb om stressreduktion",
        "Supportive conversations on stress reduction (for those who cannot join a team)",
    )


FLEX_OUTCOMES = (
    InterventionStatus.COMPLETED,
    InterventionStatus.IN_PROGRESS,
    InterventionStatus.DROPPED_OUT,
    InterventionStatus.NOT_STARTED,
)
"""The four outcomes tabel 3 reports for Flex citizens, in its order."""

FLEX_STATUS: Mapping[InterventionStatus, int] = MappingProxyType(
    {
        InterventionStatus.COMPLETED: 31,
        InterventionStatus.IN_PROGRESS: 14,
        InterventionStatus.DROPPED_OUT: 9,
        InterventionStatus.NOT_STARTED: 25,
    }
)
"""Tabel 3: where the Flex citizens stand with the team course. The rows add up to 79; the
total (and every share: 39 %, 18 %, 11 %, 31 %) is of 80 citizens."""

FLEX_SHARES: Mapping[InterventionStatus, int] = MappingProxyType(
    {
        InterventionStatus.COMPLETED: 39,
        InterventionStatus.IN_PROGRESS: 18,
        InterventionStatus.DROPPED_OUT: 11,
        InterventionStatus.NOT_STARTED: 31,
    }
)
"""Tabel 3's column *Andel*: each row's share of the 80 citizens, in whole per cent as printed
(the total row says 100 %)."""

CONVERSATIONS_BY_UNIT: Mapping[str, tuple[int, int, int]] = MappingProxyType(
    {
        "Sygedagpengehuset": (32, 60, 21),
        "Job- og Aktivhuset": (55, 63, 90),
        "Virksomhedscenteret": (56, 71, 44),
        "Uddannelseshuset": (36, 172, 11),
    }
)
"""Tabel 1: per unit the citizens, the health conversations and the onward referrals (179,
366 and 166 in all)."""

CONVERSATIONS_PER_CITIZEN: Mapping[str, Decimal] = MappingProxyType(
    {
        "Sygedagpengehuset": Decimal("1.9"),
        "Job- og Aktivhuset": Decimal("1.1"),
        "Virksomhedscenteret": Decimal("1.3"),
        "Uddannelseshuset": Decimal("4.8"),
    }
)
"""Tabel 1's column *Samtaler pr/borger* as printed, one decimal; the total row prints
``CONVERSATIONS_PER_CITIZEN_IN_ALL``."""

CONVERSATIONS_PER_CITIZEN_IN_ALL = Decimal(2)
"""Tabel 1's *Samtaler pr/borger* in the row *I alt*, printed ``2``; the text says two
conversations each on average."""

REFERRALS_BY_DESTINATION: Mapping[str, int] = MappingProxyType(
    {
        "Aalborg Sundhedscenter": 72,
        "Sundhedshjørnet": 48,
        "Egen læge": 27,
        "Kontakt Ældre Handicap": 10,
        "Selv træning": 9,
    }
)
"""Tabel 2: onward referrals per destination - 166 referrals of 111 citizens."""


def outposted_schedules(
    *,
    weekdays: Sequence[Weekday] = DEFAULT_WEEKDAYS,
    starts: dt.date = EVALUATION_PERIOD.start,
    ends: dt.date | None = EVALUATION_PERIOD.end,
) -> tuple[PresenceSchedule, ...]:
    """The health workers' presence in the four units, in the order of ``UNITS``.

    Each unit gets ``HOURS_PER_DAY`` hours on the first ``DAYS_PER_WEEK[unit]`` of
    ``weekdays``: by default Tuesday, and Thursday too in Uddannelseshuset. The source gives
    the hours only for the one-day units ("en dag om ugen i 3 timer (i Uddannelseshuset er de
    tilstede 2 dage om ugen)"); 3 hours on each of Uddannelseshuset's two days is helhed's
    reading, as are the weekdays, which the source does not name.

    Raises:
        ValidationError: If ``weekdays`` holds fewer than two different weekdays, or the
            dates are not valid.
    """
    days = tuple(weekdays)
    check = Checker()
    if check.expect(
        all(isinstance(d, Weekday) for d in days), "weekdays", "must hold only Weekday"
    ):
        check.expect(
            len(set(days)) == len(days) >= max(DAYS_PER_WEEK.values()),
            "weekdays",
            f"must hold at least {max(DAYS_PER_WEEK.values())} different weekdays",
        )
    check.done()
    return tuple(
        PresenceSchedule(
            unit=unit,
            weekdays=frozenset(days[: DAYS_PER_WEEK[unit]]),
            hours_per_day=HOURS_PER_DAY,
            starts=starts,
            ends=ends,
        )
        for unit in UNITS
    )


AALBORG = Protocol(
    id="aalborg",
    name_da="Fremskudte sundhedsmedarbejdere og Åben og Rolig Flex, Aalborg",
    name_en="Outposted health workers and Åben og Rolig Flex, Aalborg",
    model=CollaborationModel.SPECIFIC_INTERVENTIONS,
    target_groups=frozenset({RiskGroup.MEDIUM, RiskGroup.HIGH}),
    rules=(
        every(
            when(InterventionStarted, offers=[FLEX_OFFER]),
            prepared_first(FLEX_REFERRAL, ConversationKind.PREPARATORY),
            failure=(
                "ingen forberedende samtale i Åben og Rolig Flex forinden.",
                "no preparatory conversation in Åben og Rolig Flex before it.",
            ),
            id="aalborg.preparatory_first",
            citation=_CITE,
            text_da="En borger i Åben og Rolig Flex gøres klar i forberedende samtaler, før "
            "holdforløbet begynder.",
            text_en="A Flex citizen is made ready in preparatory conversations before the team "
            "course starts.",
            basis=Stated(
                "Klargørende samtale-forløb, hvor formålet er at gøre borgeren klar til at "
                "deltage på de almindelige Åben og Rolig forløb"
            ),
        ),
    ),
    citation=_CITE,
)
"""Aalborg's *Åben og Rolig Flex* as a protocol (AALBORG2019). A team course that follows a
direct referral to *Åben og Rolig*, not one to Flex, is not judged."""

_T1 = Citation("AALBORG2019", "tabel 1")
_T2 = Citation("AALBORG2019", "tabel 2")
_T3 = Citation("AALBORG2019", "tabel 3")
_CONVERSATIONS = Citation("AALBORG2019", "Sundhedssamtalen – Aktivitet")
_FLEX = Citation("AALBORG2019", "Åben og Rolig Flex – Aktivitet")
_UNITS_DA = (
    "Borgere i jobcentrets fire enheder (Sygedagpengehuset, Job- og Aktivhuset, "
    "Virksomhedscenteret, Uddannelseshuset), der har været til sundhedssamtale, januar 2018 "
    "til februar 2019"
)
_UNITS_EN = (
    "Citizens of the job centre's four units (Sygedagpengehuset, Job- og Aktivhuset, "
    "Virksomhedscenteret, Uddannelseshuset) who had a health conversation, January 2018 to "
    "February 2019"
)
_FLEX_DA = (
    "Borgere med en stressproblematik i Åben og Rolig Flex, talt af Center for Mental Sundhed "
    "siden tilbuddets start i udgangen af 2017"
)
_FLEX_EN = (
    "Citizens with stress in Åben og Rolig Flex, counted by Center for Mental Sundhed since the "
    "offer began at the end of 2017"
)
_IS = InterventionStatus

RESULTS = (
    PublishedResult(
        code="budget",
        value=1.0,
        unit="DKK million",
        text_da="Aalborg afsatte i 2017 1,0 mio. kr. til mere lighed i sundhed; en del gik "
        "til de fremskudte sundhedsmedarbejdere.",
        text_en="In 2017 Aalborg set aside DKK 1.0 million for more equality in health; part "
        "of it went to the outposted health workers.",
        citation=Citation("AALBORG2019", "Indledning"),
    ),
    PublishedResult(
        code="units",
        value=len(UNITS),
        unit="job centre units",
        text_da="Sundhedsmedarbejderne er i fire af jobcentrets syv enheder.",
        text_en="The health workers are in four of the job centre's seven units.",
        citation=Citation("AALBORG2019", "Beskrivelse af indsatsen"),
    ),
    PublishedResult(
        code="hours_per_day",
        value=HOURS_PER_DAY,
        unit="hours per day present",
        text_da="Til stede en dag om ugen i 3 timer; i Uddannelseshuset to dage om ugen.",
        text_en="Present one day a week for 3 hours; in Uddannelseshuset two days a week.",
        citation=Citation("AALBORG2019", "Beskrivelse af indsatsen"),
    ),
    PublishedResult(
        code="citizens",
        value=sum(c for c, _, _ in CONVERSATIONS_BY_UNIT.values()),
        unit="citizens",
        text_da="179 borgere har været til en eller flere sundhedssamtaler.",
        text_en="179 citizens had one or more health conversations.",
        population_da=_UNITS_DA,
        population_en=_UNITS_EN,
        citation=_T1,
    ),
    PublishedResult(
        code="conversations",
        value=sum(n for _, n, _ in CONVERSATIONS_BY_UNIT.values()),
        unit="conversations",
        text_da="Der er holdt 366 sundhedssamtaler, i gennemsnit to pr. borger.",
        text_en="366 health conversations were held, two per citizen on average.",
        population_da=_UNITS_DA,
        population_en=_UNITS_EN,
        citation=_T1,
    ),
    PublishedResult(
        code="referrals",
        value=sum(r for _, _, r in CONVERSATIONS_BY_UNIT.values()),
        unit="referrals",
        text_da="166 henvisninger til andre sundhedstilbud.",
        text_en="166 referrals to other health offers.",
        population_da=_UNITS_DA,
        population_en=_UNITS_EN,
        citation=_T1,
    ),
    PublishedResult(
        code="referred_citizens",
        value=111,
        unit="citizens",
        text_da="De 166 henvisninger er fordelt på i alt 111 borgere.",
        text_en="The 166 referrals went to 111 citizens in all.",
        population_da=_UNITS_DA,
        population_en=_UNITS_EN,
        citation=_T2,
    ),
    PublishedResult(
        code="conversation_women",
        value=60,
        unit="percent",
        text_da="60 % af borgerne til sundhedssamtale er kvinder, 40 % mænd.",
        text_en="60 % of the citizens in health conversations are women, 40 % men.",
        population_da=_UNITS_DA,
        population_en=_UNITS_EN,
        citation=_CONVERSATIONS,
    ),
    PublishedResult(
        code="mean_age",
        value=45,
        unit="years",
        text_da="Gennemsnitsalderen er omkring 45 år; alderen angives ikke nøjagtigt.",
        text_en="The mean age is about 45; ages are not given exactly.",
        population_da="Borgere til sundhedssamtale i Sygedagpengehuset, Job- og Aktivhuset og "
        "Virksomhedscenteret",
        population_en="Citizens in health conversations in Sygedagpengehuset, Job- og "
        "Aktivhuset and Virksomhedscenteret",
        citation=_CONVERSATIONS,
    ),
    PublishedResult(
        code="education_unit_mean_age",
        value=24,
        unit="years",
        text_da="I Uddannelseshuset er gennemsnitsalderen 24 år; målgruppen er højst 29 år.",
        text_en="In Uddannelseshuset the mean age is 24; its citizens are at most 29.",
        population_da="Borgere til sundhedssamtale i Uddannelseshuset",
        population_en="Citizens in health conversations in Uddannelseshuset",
        citation=_CONVERSATIONS,
    ),
    PublishedResult(
        code="flex_citizens",
        value=FLEX_CITIZENS,
        unit="citizens",
        text_da="80 borgere har været igennem et Åben og Rolig Flex-forløb.",
        text_en="80 citizens have been through an Åben og Rolig Flex course.",
        population_da=_FLEX_DA,
        population_en=_FLEX_EN,
        citation=_T3,
    ),
    PublishedResult(
        code="flex_completed",
        value=FLEX_STATUS[_IS.COMPLETED],
        unit="citizens",
        text_da="31 gennemførte det almindelige Åben og Rolig-forløb efter Flex (39 %).",
        text_en="31 completed the ordinary Åben og Rolig course after Flex (39 %).",
        population_da=_FLEX_DA,
        population_en=_FLEX_EN,
        citation=_T3,
    ),
    PublishedResult(
        code="flex_in_progress",
        value=FLEX_STATUS[_IS.IN_PROGRESS],
        unit="citizens",
        text_da="14 er i gang med Åben og Rolig-forløbet (18 %).",
        text_en="14 are under way in the Åben og Rolig course (18 %).",
        population_da=_FLEX_DA,
        population_en=_FLEX_EN,
        citation=_T3,
    ),
    PublishedResult(
        code="flex_dropout",
        value=FLEX_STATUS[_IS.DROPPED_OUT],
        unit="citizens",
        text_da="9 faldt fra kursusforløbet efter et antal kursusgange (11 %).",
        text_en="9 dropped out of the course after some sessions (11 %).",
        population_da=_FLEX_DA,
        population_en=_FLEX_EN,
        citation=_T3,
    ),
    PublishedResult(
        code="flex_not_started",
        value=FLEX_STATUS[_IS.NOT_STARTED],
        unit="citizens",
        text_da="25 startede ikke på hold efter samtaleforløbet (31 %).",
        text_en="25 did not start a team after the conversations (31 %).",
        population_da=_FLEX_DA,
        population_en=_FLEX_EN,
        citation=_T3,
    ),
    PublishedResult(
        code="flex_women",
        value=90,
        unit="percent",
        text_da="90 % af Flex-borgerne er kvinder, 10 % mænd.",
        text_en="90 % of the Flex citizens are women, 10 % men.",
        population_da=_FLEX_DA,
        population_en=_FLEX_EN,
        citation=_FLEX,
    ),
    PublishedResult(
        code="flex_mean_age",
        value=44,
        unit="years",
        text_da="Flex-borgernes gennemsnitsalder er 44 år.",
        text_en="The Flex citizens' mean age is 44.",
        population_da=_FLEX_DA,
        population_en=_FLEX_EN,
        citation=_FLEX,
    ),
    PublishedResult(
        code="flex_preparatory_conversations",
        value=FLEX_PREPARATORY_CONVERSATIONS,
        unit="conversations per citizen",
        text_da="En Flex-borger har i gennemsnit haft ca. 3 forberedende psykologsamtaler.",
        text_en="A Flex citizen had about 3 preparatory conversations with a psychologist on "
        "average.",
        population_da=_FLEX_DA,
        population_en=_FLEX_EN,
        citation=_FLEX,
    ),
    PublishedResult(
        code="referrals_per_year",
        value=REFERRALS_PER_YEAR,
        unit="citizens a year",
        text_da="Der henvises årligt ca. 300 borgere fra jobcentret til Åben og Rolig-holdene "
        "eller Åben og Rolig Flex.",
        text_en="About 300 citizens a year are referred from the job centre to the Åben og "
        "Rolig teams or Åben og Rolig Flex.",
        population_da="Borgere henvist fra jobcentret (Center for Mental Sundheds skøn)",
        population_en="Citizens referred from the job centre (Center for Mental Sundhed's "
        "estimate)",
        citation=Citation(
            "AALBORG2019", "Rekruttering og henvisning af borgere til sundhedstilbud"
        ),
    ),
    PublishedResult(
        code="sickness_unit_referrals_per_year",
        value=300,
        unit="citizens a year",
        text_da="Sygedagpengehuset har siden 2015 henvist ca. 300 borgere årligt til Åben og "
        "Rolig.",
        text_en="Since 2015 Sygedagpengehuset has referred about 300 citizens a year to Åben og "
        "Rolig.",
        population_da="Borgere i Sygedagpengehuset (sygedagpengemodtagere)",
        population_en="Citizens of Sygedagpengehuset (sickness benefit recipients)",
        citation=Citation("AALBORG2019", "Kommunikation og placering"),
    ),
    PublishedResult(
        code="interviews",
        value=25,
        unit="interviews",
        text_da="Evalueringen bygger på 25 interviews: 9 fra sundhedsområdet, 7 fra "
        "beskæftigelsesområdet og 9 med borgere.",
        text_en="The evaluation rests on 25 interviews: 9 in health, 7 in employment and 9 "
        "with citizens.",
        citation=Citation("AALBORG2019", "Evalueringsmetode og design"),
    ),
)
"""Aalborg's published figures (AALBORG2019), down to the table or section. The totals of
tabel 1 and 2 and the rows of tabel 3 are read from the tables above, so each figure is
typed once; ``referred_citizens`` (111) is printed only in the text under tabel 2."""
