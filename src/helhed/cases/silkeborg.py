"""Silkeborg: cross-disciplinary knowledge-sharing and sparring meetings (SST2019 7.2).

Silkeborg's health departments spent long hours writing hand-overs and status reports to the
job centre's sickness-benefit department, unsure which information the case needed. The
municipality set out to raise each field's knowledge of the others through meetings:

* **weekly** meetings of the job centre's job consultant in the rehabilitation department.
  Therapists learnt what the employment side needs, so status reports became shorter and more
  to the point. The meetings are no longer needed: staff know each other and phone instead;
* **half-yearly** knowledge sharing between mentors, housing support and integration staff
  and staff of Jobkompagniet (the employment department's provider unit), the job centre,
  Sundhedshuset and Idræt om Dagen (the municipality's exercise offer): each other's offers,
  shared target groups, challenges and solutions;
* **quarterly** sparring between the coordinating physiotherapist of the cancer pathway
  programme and the three sickness-benefit caseworkers who work with citizens with cancer,
  so citizens learn early about help with work and about the programme.

Sundhed.dk is the municipality's overview of preventive offers, so the job consultant looks
in the same place as hospitals, GPs and citizens; no parallel system. Data on a citizen's
rehabilitation is to be shared through the record system only if the citizen consents: the
rule ``silkeborg.rehabilitation_data_with_consent``.

Target: mainly sickness benefit and activity-ready cash benefit recipients with a holistic
intervention; medium and high risk.

What the source leaves open, and helhed's default: the source gives no dates, so every
series starts on [`STARTS`][helhed.cases.silkeborg.STARTS], Monday 7 January 2019 (the first
Monday of the year SST2019 was published) and has no end; re-anchor a series with
``attrs.evolve(series, starts=..., ends=...)``. The half-yearly participants are mapped to the
job centre (mentors, Jobkompagniet, the job centre), social services (housing support,
integration) and health (Sundhedshuset, Idræt om Dagen).

Examples:
    >>> import datetime as dt
    >>> [s.frequency.code for s in MEETINGS]
    ['ugentlig', 'halvaarlig', 'kvartalsvis']
    >>> [d.isoformat() for d in CANCER_SPARRING.next_dates(dt.date(2019, 1, 7), 2)]
    ['2019-04-07', '2019-07-07']
    >>> SILKEBORG.rules[0].id
    'silkeborg.rehabilitation_data_with_consent'
"""

from __future__ import annotations

import datetime as dt

from helhed.benefits import Benefit
from helhed.cases._data import PublishedResult
from helhed.collaboration import CollaborationModel
from helhed.groups import RiskGroup
from helhed.models.coordination import Frequency, MeetingSeries
from helhed.organisation import Administration, Role
from helhed.pathways.events import InformationCategory
from helhed.rules import Protocol, requires_consent
from helhed.sources import Citation, Reason, Stated

__all__ = [
    "CANCER_CASEWORKERS",
    "CANCER_SPARRING",
    "CATALOGUE",
    "FUNDING",
    "JOB_CONSULTANT_MEETINGS",
    "KNOWLEDGE_SHARING",
    "MEETINGS",
    "RESULTS",
    "SILKEBORG",
    "STARTS",
]

_CITE = Citation("SST2019", "7.2")
A = Administration

STARTS = dt.date(2019, 1, 7)
"""helhed's start for every series: the source gives no dates (see the module)."""

CANCER_CASEWORKERS = 3
"""The sickness-benefit caseworkers who work with citizens with cancer (SST2019 7.2)."""

CATALOGUE = "sundhed.dk"
"""The municipality's overview of preventive offers (SST2019 7.2)."""

FUNDING = frozenset({Benefit.SICKNESS_BENEFIT, Benefit.CASH_BENEFIT_ACTIVITY_READY})
"""The funding bases of the target group (SST2019 7.2)."""

JOB_CONSULTANT_MEETINGS = MeetingSeries(
    name="Jobkonsulent i genoptræningsafdelingen",
    frequency=Frequency.WEEKLY,
    starts=STARTS,
    participants=frozenset({A.JOB_CENTRE, A.HEALTH}),
    roles=frozenset({Role.JOB_CONSULTANT, Role.PHYSIOTHERAPIST, Role.OCCUPATIONAL_THERAPIST}),
    text_da="Jobcentrets jobkonsulent mødes med terapeuterne i genoptræningsafdelingen; "
    "møderne er siden blevet overflødige.",
    text_en="The job centre's job consultant meets the therapists of the rehabilitation "
    "department; the meetings have since become unnecessary.",
    citation=_CITE,
)
"""Weekly meetings of the job consultant in the rehabilitation department (SST2019 7.2)."""

KNOWLEDGE_SHARING = MeetingSeries(
    name="Halvårligt videndelingsmøde",
    frequency=Frequency.HALF_YEARLY,
    starts=STARTS,
    participants=frozenset({A.JOB_CENTRE, A.SOCIAL, A.HEALTH}),
    roles=frozenset({Role.MENTOR}),
    text_da="Mentorer, bostøtter, integrationsmedarbejdere, Jobkompagniet, jobcentret, "
    "Sundhedshuset og Idræt om Dagen deler viden om tilbud og fælles målgrupper.",
    text_en="Mentors, housing support, integration staff, Jobkompagniet, the job centre, "
    "Sundhedshuset and Idræt om Dagen share knowledge of offers and shared target groups.",
    citation=_CITE,
)
"""Half-yearly knowledge sharing across the social, employment and health areas (SST2019 7.2)."""

CANCER_SPARRING = MeetingSeries(
    name="Sparring om kræftramte borgere",
    frequency=Frequency.QUARTERLY,
    starts=STARTS,
    participants=frozenset({A.JOB_CENTRE, A.HEALTH}),
    roles=frozenset({Role.PHYSIOTHERAPIST, Role.CASEWORKER}),
    text_da="Den koordinerende fysioterapeut på forløbsprogrammet for kræftramte og de tre "
    "sagsbehandlere i Sygedagpengeafdelingen, der arbejder med kræftramte.",
    text_en="The coordinating physiotherapist of the cancer pathway programme and the three "
    "sickness-benefit caseworkers who work with citizens with cancer.",
    citation=_CITE,
)
"""Quarterly sparring on citizens with cancer (SST2019 7.2)."""

MEETINGS = (JOB_CONSULTANT_MEETINGS, KNOWLEDGE_SHARING, CANCER_SPARRING)
"""Silkeborg's three meeting series, in the order the source gives them."""

SILKEBORG = Protocol(
    id="silkeborg",
    name_da="Tværfaglige vidensdelings- og sparringsmøder, Silkeborg",
    name_en="Cross-disciplinary knowledge-sharing and sparring meetings, Silkeborg",
    model=CollaborationModel.COORDINATION,
    target_groups=frozenset({RiskGroup.MEDIUM, RiskGroup.HIGH}),
    funding=FUNDING,
    rules=(
        requires_consent(
            InformationCategory.HEALTH,
            A.JOB_CENTRE,
            id="silkeborg.rehabilitation_data_with_consent",
            citation=_CITE,
            text_da="Data om borgerens genoptræning deles via journalsystemet kun med samtykke.",
            text_en="Data on the citizen's rehabilitation is shared via the record system only "
            "with consent.",
            basis=Stated(
                "dele data via journalsystemet om borgerens genoptræning, hvis borgeren giver "
                "samtykke"
            ),
        ),
    ),
    permissions=(
        Reason(
            "silkeborg.weekly_meetings_superseded",
            "De ugentlige møder er overflødige; medarbejderne kender hinanden og ringer sammen.",
            "The weekly meetings are no longer needed; staff know each other and phone instead.",
            _CITE,
        ),
    ),
    citation=_CITE,
)
"""Silkeborg's practice as a protocol (SST2019 7.2)."""

RESULTS = (
    PublishedResult(
        code="rehabilitation_meetings",
        value=1,
        unit="meetings per week",
        text_da="Jobkonsulenten holdt ugentlige møder i genoptræningsafdelingen; de er siden "
        "blevet overflødige.",
        text_en="The job consultant held weekly meetings in the rehabilitation department; "
        "they have since become unnecessary.",
        citation=_CITE,
    ),
    PublishedResult(
        code="knowledge_sharing_meetings",
        value=2,
        unit="meetings per year",
        text_da="Halvårlige vidensdelingsmøder.",
        text_en="Half-yearly knowledge-sharing meetings.",
        citation=_CITE,
    ),
    PublishedResult(
        code="cancer_sparring_meetings",
        value=4,
        unit="meetings per year",
        text_da="Kvartalsvise sparringsmøder om kræftramte borgere.",
        text_en="Quarterly sparring meetings about citizens with cancer.",
        citation=_CITE,
    ),
    PublishedResult(
        code="cancer_caseworkers",
        value=CANCER_CASEWORKERS,
        unit="caseworkers",
        text_da="Tre sagsbehandlere i Sygedagpengeafdelingen arbejder med kræftramte borgere.",
        text_en="Three caseworkers in the sickness benefit department work with citizens with "
        "cancer.",
        citation=_CITE,
    ),
)
"""Silkeborg's published figures (SST2019 7.2); the meeting counts are the source's words
(weekly, half-yearly, quarterly) as numbers, the same as ``MEETINGS``' frequencies."""
