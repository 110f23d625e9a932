"""The four collaboration models as data: content elements and prerequisites (SST2019 kap. 5-9).

SST2019 describes each model by two lists: its *content elements* (indholdselementer), what
the collaboration consists of, and its *prerequisites* (forudsætninger), what must be in place
for it to work. Chapter 5 adds nine *general* prerequisites that hold for all four models.
Every item here is a frozen, cited value with a stable code: ``general.*`` for chapter 5,
``model1.*`` to ``model4.*`` for chapters 6 to 9.

| model | SST2019 | content elements | prerequisites listed | added beyond kap. 5 |
|---|---|---|---|---|
| 1, early detection | kap. 6 | 8 | 5 | 3 |
| 2, coordination | kap. 7 | 5 | 7 | 2 |
| 3, specific interventions | kap. 8 | 3 | 6 | 2 |
| 4, catalogue | kap. 9 | 2 | 4 | 1 |
| all (general) | kap. 5 | - | 9 | - |

A chapter's list is worded on its own; many of its items are close to a general prerequisite,
in the same, narrower or close wording (model 1's "Ledelsesmæssig opbakning" narrows the
general "Tværgående politisk og ledelsesmæssig opbakning"). Such an item names the general one
in ``restates``; an item that restates nothing is *added* by the model. Two added items recur
in a later chapter in the same words (mapped interfaces in kap. 6 and 7; resource steering in
kap. 7 and 8); the later one names the earlier in ``same_as``.
[`satisfied_by`][helhed.models.elements.satisfied_by] turns those links into the codes that,
held by a municipality, meet a prerequisite.

helhed's reading: SST2019 links no chapter item to a general one; ``restates`` and ``same_as``
are helhed's, drawn by comparing the wording, so that a condition a municipality meets counts
once. Not every link is a narrowing: kap. 7's IT item reaches "sektor-/forvaltningsområder",
wider than kap. 5's "sektorområder"; helhed still links the two as close wording, since both
ask for IT to coordinate and measure progression across the parts of the municipality.

``prerequisites(model)`` answers with the general prerequisites followed by the model's added
ones: everything the model needs, each condition once. ``prerequisites(model, general=False)``
answers with the chapter's own list, as printed.

helhed's reading: kap. 7 lists "Træningstilbud" and does not say what training;
``model2.training_offers`` reads it as physical training ("Offers of (physical) training"),
since the chapter's case 7.1 (Vordingborg) runs "træningsforløb" for sick-listed citizens in a
sports centre whose "træningsfaciliteter" the team uses.

Where a chapter's running text says more than its lists (model 1's balance of agreement and
requirement in the job plan; model 2's teams not being statutory), the point is kept as a
cited remark on the model's [`ModelDescription`][helhed.models.elements.ModelDescription].

Examples:
    >>> from helhed.collaboration import CollaborationModel as M
    >>> [e.code for e in content_elements(M.CATALOGUE)]
    ['model4.mutual_knowledge', 'model4.knowledge_sharing']
    >>> [p.code for p in prerequisites(M.CATALOGUE, general=False)]
    ['model4.management_backing', 'model4.common_language', 'model4.catalogue', 'model4.capacity']
    >>> [p.code for p in prerequisites(M.CATALOGUE) if p.added]
    ['model4.catalogue']
    >>> len(prerequisites(M.EARLY_DETECTION)), MODELS[M.EARLY_DETECTION].ambition
    (12, Ambition.AMBITIOUS)
    >>> sorted(satisfied_by(PREREQUISITES["model1.flexible_finance"]))
    ['general.flexible_finance', 'model1.flexible_finance']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.collaboration import CollaborationModel
from helhed.errors import UnknownNameError, quoted, require
from helhed.sources import Citation, Reason

__all__ = [
    "CONTENT_ELEMENTS",
    "GENERAL_PREREQUISITES",
    "MODELS",
    "PREREQUISITES",
    "Ambition",
    "ContentElement",
    "ModelDescription",
    "Prerequisite",
    "content_elements",
    "prerequisite",
    "prerequisites",
    "satisfied_by",
]

M = CollaborationModel

_CODE = re.compile(r"(general|model[1-4])\.[a-z][a-z0-9_]*")


def _scope(model: CollaborationModel | None) -> str:
    """The code prefix of an item of ``model``: ``general`` or ``model1`` to ``model4``."""
    return "general" if model is None else f"model{model.number}"


def _check_code(check: Checker, code: object, model: object) -> None:
    """Check ``code`` looks like ``model1.some_name`` and carries the prefix of ``model``."""
    if not (check.text(code, "code") and isinstance(code, str)):
        return
    if check.expect(bool(_CODE.fullmatch(code)), "code", "must look like model1.some_name"):
        if model is not None and not isinstance(model, CollaborationModel):
            return  # the model's own check reports it
        check.expect(
            code.partition(".")[0] == _scope(model),
            "code",
            f"must start with {_scope(model)}. for this model",
        )


class Ambition(CodedEnum):
    """How SST2019 characterises a model's scope, where it does (kap. 6 and 7)."""

    AMBITIOUS = ("ambitioes", "Ambitiøs", "Ambitious")
    LESS_EXTENSIVE = ("mindre_omfattende", "Mindre omfattende", "Less extensive")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ContentElement:
    """A content element (indholdselement) of one model, as its chapter lists it.

    Attributes:
        code: Stable code, e.g. ``model2.joint_visitation``.
        model: The model whose chapter lists the element.
        text_da: The element in Danish (in helhed's words).
        text_en: The same in English.
        citation: The chapter that lists it.
    """

    code: str = attrs.field(metadata=NON_BLANK)
    model: CollaborationModel
    text_da: str = attrs.field(metadata=NON_BLANK)
    text_en: str = attrs.field(metadata=NON_BLANK)
    citation: Citation

    def __attrs_post_init__(self) -> None:
        """The code must carry the model's prefix; the texts must not be blank."""
        check = Checker()
        check.member(self.model, CollaborationModel, "model")
        _check_code(check, self.code, self.model)
        check.text(self.text_da, "text_da")
        check.text(self.text_en, "text_en")
        check.expect(isinstance(self.citation, Citation), "citation", "must be a Citation")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Prerequisite:
    """A prerequisite (forudsætning): a general one of kap. 5, or one a model's chapter lists.

    Attributes:
        code: Stable code, e.g. ``general.it_progression`` or ``model1.screening_tool``.
        model: The model whose chapter lists it; None for a general prerequisite (kap. 5).
        text_da: The prerequisite in Danish (in helhed's words).
        text_en: The same in English.
        citation: The chapter that lists it.
        restates: The code of the general prerequisite this one is close to, in the same,
            narrower or close wording; None if none. A general prerequisite restates nothing.
            helhed's reading: the link is helhed's, from comparing the wording; SST2019 draws
            none (see the module's docstring).
        same_as: The code of an earlier chapter's added prerequisite that this one repeats in
            the same words; None if none. helhed's reading as ``restates`` is.
    """

    code: str = attrs.field(metadata=NON_BLANK)
    model: CollaborationModel | None
    text_da: str = attrs.field(metadata=NON_BLANK)
    text_en: str = attrs.field(metadata=NON_BLANK)
    citation: Citation
    restates: str | None = None
    same_as: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check the code's prefix, the texts, and that only model items carry links."""
        check = Checker()
        check.member(self.model, CollaborationModel, "model", optional=True)
        _check_code(check, self.code, self.model)
        check.text(self.text_da, "text_da")
        check.text(self.text_en, "text_en")
        check.expect(isinstance(self.citation, Citation), "citation", "must be a Citation")
        if check.text(self.restates, "restates", optional=True) and self.restates is not None:
            check.expect(
                self.restates.startswith("general."),
                "restates",
                "must be the code of a general prerequisite",
            )
        if check.text(self.same_as, "same_as", optional=True) and self.same_as is not None:
            check.expect(
                not self.same_as.startswith("general."),
                "same_as",
                "must be the code of a model's prerequisite; use restates for a general one",
            )
        if self.model is None:
            check.expect(
                self.restates is None and self.same_as is None,
                "model",
                "a general prerequisite restates nothing",
            )
        check.expect(
            self.restates is None or self.same_as is None,
            "same_as",
            "a prerequisite restates a general one or repeats a model's, not both",
        )
        check.done()

    @property
    def general(self) -> bool:
        """True for a general prerequisite of SST2019 kap. 5."""
        return self.model is None

    @property
    def added(self) -> bool:
        """True if a model adds this prerequisite beyond the general ones of kap. 5."""
        return self.model is not None and self.restates is None


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ModelDescription:
    """One model as SST2019 describes it: what it is, what it holds and what it needs.

    Attributes:
        model: The model.
        text_da: A short description in Danish (in helhed's words).
        text_en: The same in English.
        ambition: How the source characterises the model's scope; None where it does not.
        content_elements: The content elements, in the chapter's order.
        prerequisites: The prerequisites the chapter lists, in its order (general ones the
            chapter repeats included; the rest of kap. 5 not).
        remarks: Points the chapter's running text makes beyond its lists, each cited.
        citation: The chapter.
    """

    model: CollaborationModel
    text_da: str = attrs.field(metadata=NON_BLANK)
    text_en: str = attrs.field(metadata=NON_BLANK)
    ambition: Ambition | None
    content_elements: tuple[ContentElement, ...]
    prerequisites: tuple[Prerequisite, ...]
    remarks: tuple[Reason, ...] = ()
    citation: Citation

    def __attrs_post_init__(self) -> None:
        """Every element and prerequisite must belong to this model."""
        check = Checker()
        check.member(self.model, CollaborationModel, "model")
        check.text(self.text_da, "text_da")
        check.text(self.text_en, "text_en")
        check.member(self.ambition, Ambition, "ambition", optional=True)
        for name, kind in (("content_elements", ContentElement), ("prerequisites", Prerequisite)):
            items = getattr(self, name)
            if check.each(items, kind, name):
                for i, item in enumerate(items):
                    check.expect(item.model is self.model, f"{name}[{i}].model", "is another")
        check.each(self.remarks, Reason, "remarks")
        check.done()

    @property
    def added_prerequisites(self) -> tuple[Prerequisite, ...]:
        """The prerequisites the model adds beyond the general ones, in the chapter's order."""
        return tuple(p for p in self.prerequisites if p.added)


# --- the general prerequisites, SST2019 kap. 5 ----------------------------------------------

_KAP5 = Citation("SST2019", "kap. 5")


def _general(code: str, text_da: str, text_en: str) -> Prerequisite:
    return Prerequisite(
        code=f"general.{code}", model=None, text_da=text_da, text_en=text_en, citation=_KAP5
    )


GENERAL_PREREQUISITES: tuple[Prerequisite, ...] = (
    _general(
        "backing",
        "Politisk og ledelsesmæssig opbakning til samarbejdet på tværs, og forankring af det.",
        "Political and management support for the collaboration across areas, and its anchoring.",
    ),
    _general(
        "common_goals",
        "Parterne arbejder mod fælles mål for indsatsen.",
        "The parties work towards shared goals for the intervention.",
    ),
    _general(
        "mutual_knowledge",
        "Områderne kender og anerkender hinandens faglighed og kompetencer.",
        "Each area knows and accepts the others' professional expertise and competences.",
    ),
    _general(
        "relational_coordination",
        "Relationel koordinering: fælles sprog og viden, samme tilgang til de ledige, respekt "
        "for hinanden og god kommunikation mellem medarbejderne.",
        "Relational coordination: a shared language and knowledge, one approach to the "
        "unemployed, mutual respect and good communication among staff.",
    ),
    _general(
        "offers_and_capacity",
        "Kendskab til tilbud og indsatser, og nok kapacitet i hvert tilbud.",
        "Knowledge of the offers and interventions, and enough capacity in each offer.",
    ),
    _general(
        "it_progression",
        "IT, der understøtter koordinering og måling af progression på tværs af sektorområder.",
        "IT that supports coordination and progression measurement across sectors.",
    ),
    _general(
        "document_access",
        "Mulighed for at se relevante oplysninger og dokumenter om fælles borgere på tværs af "
        "sektorer og forvaltninger.",
        "Access to relevant information and documents about shared citizens across sectors "
        "and administrations.",
    ),
    _general(
        "flexible_finance",
        "En fleksibel styring af økonomien, der tillader at sætte en sundhedsydelse i gang "
        "efter borgerens behov, uanset sektor.",
        "Flexible financial management, so a health service can start from the citizen's "
        "needs whatever the sector.",
    ),
    _general(
        "registration_sanctions",
        "Accept af, at tilbud til ledige indebærer registrering og mulighed for sanktioner.",
        "Acceptance that offers to the unemployed come with registration and possible sanctions.",
    ),
)
"""The nine general prerequisites that hold for all four models (SST2019 kap. 5), in order."""


# --- the models, SST2019 kap. 6-9 -----------------------------------------------------------


def _elements(
    model: CollaborationModel, items: Iterable[tuple[str, str, str]]
) -> tuple[ContentElement, ...]:
    return tuple(
        ContentElement(
            code=f"{_scope(model)}.{code}",
            model=model,
            text_da=da,
            text_en=en,
            citation=model.citation,
        )
        for code, da, en in items
    )


def _prerequisites(
    model: CollaborationModel, items: Iterable[tuple[str, str, str, str | None]]
) -> tuple[Prerequisite, ...]:
    """Build a chapter's prerequisites.

    The fourth item of each is a ``general.*`` code it restates, an earlier model's code it
    repeats (``same_as``), or None.
    """
    built = []
    for code, da, en, link in items:
        restates = link if link is not None and link.startswith("general.") else None
        same_as = link if link is not None and restates is None else None
        built.append(
            Prerequisite(
                code=f"{_scope(model)}.{code}",
                model=model,
                text_da=da,
                text_en=en,
                citation=model.citation,
                restates=restates,
                same_as=same_as,
            )
        )
    return tuple(built)


_MANAGEMENT_BACKING = (
    "management_backing",
    "Ledelsen bakker op om og forankrer det tværfaglige samarbejde og den tværfaglige indsats.",
    "Management supports and anchors the cross-disciplinary collaboration and intervention.",
    "general.backing",
)
_FLEXIBLE_FINANCE = (
    "flexible_finance",
    "Økonomien styres smidigt, så sundhedsydelser kan begynde efter borgerens behov på tværs "
    "af sektorer.",
    "Flexible financial management that lets a health service begin from the citizen's needs "
    "across sectors.",
    "general.flexible_finance",
)
_MUTUAL_KNOWLEDGE = (
    "mutual_knowledge",
    "Medarbejderne kender de andre faggruppers faglighed og kompetencer.",
    "Staff know the other professions' expertise and competences.",
    "general.mutual_knowledge",
)


_MODEL_1 = ModelDescription(
    model=M.EARLY_DETECTION,
    text_da="Tidlig, helhedsorienteret screening af målgruppen, en indsats koordineret på "
    "tværs af sektorer og forvaltninger, og progression, der måles løbende.",
    text_en="Early holistic screening of the target group, an intervention coordinated across "
    "sectors and administrations, and progression measured as it goes.",
    ambition=Ambition.AMBITIOUS,
    content_elements=_elements(
        M.EARLY_DETECTION,
        (
            (
                "early_screening",
                "Målgruppen screenes tidligt og helhedsorienteret, og de udfordringer, der "
                "findes, mødes hurtigt med en målrettet indsats.",
                "The target group is screened early and holistically, and the problems found "
                "are met quickly with a targeted intervention.",
            ),
            (
                "coordinated_assessment",
                "Vurdering og udredning koordineres på tværs af sektorer og forvaltninger, med "
                "de relevante fagspecialer inddraget.",
                "Assessment and investigation are coordinated across sectors and "
                "administrations, drawing in the relevant specialisms.",
            ),
            (
                "progression_measurement",
                "Borgerens progression måles.",
                "The citizen's progression is measured.",
            ),
            (
                "citizen_dialogue",
                "Tæt dialog med borgeren om mål, indsats og hvad de løbende målinger af "
                "progression viser.",
                "Close dialogue with the citizen about goals, the intervention and what the "
                "ongoing progression measurements show.",
            ),
            (
                "intervention_plan",
                "En indsatsplan, hvis indsatser går på tværs af fagligheder og forvaltninger.",
                "An intervention plan whose interventions span professions and administrations.",
            ),
            (
                "risk_factor_interventions",
                "Indsatser mod risikofaktorerne, både undervisning i hvad hver faktor betyder, "
                "og konkrete tilbud.",
                "Interventions on the risk factors: teaching what each factor means, and "
                "concrete offers.",
            ),
            (
                "target_group_network",
                "Borgerne i målgruppen får opbygget netværk med hinanden.",
                "Networks are built among the citizens of the target group.",
            ),
            (
                "job_consultants",
                "Job- og virksomhedskonsulenter er med til at tilrettelægge og gennemføre den "
                "tværfaglige indsats.",
                "Job and company consultants help plan and carry out the cross-disciplinary "
                "intervention.",
            ),
        ),
    ),
    prerequisites=_prerequisites(
        M.EARLY_DETECTION,
        (
            _MANAGEMENT_BACKING,
            (
                "mapped_interfaces",
                "Snitfladerne mellem fagområderne i organisationen er kortlagt og smidige.",
                "The interfaces between the fields in the organisation are mapped and work "
                "smoothly.",
                None,
            ),
            (
                "screening_tool",
                "Et valideret screeningsværktøj, der udpeger borgerne og peger på den "
                "målrettede indsats.",
                "A validated screening tool to select citizens and choose a targeted intervention.",
                None,
            ),
            (
                "progression_tool",
                "Et valideret værktøj til at måle progression.",
                "A validated tool for measuring progression.",
                None,
            ),
            _FLEXIBLE_FINANCE,
        ),
    ),
    remarks=(
        # SST2019 kap. 6: "Jobcentret skal vurdere sundhedsrelaterede udfordringer og
        # risikoniveau hurtigt".
        Reason(
            "model1.remark.fast_assessment",
            "Jobcentret skal hurtigt vurdere borgerens sundhedsudfordringer og risikoniveau og "
            "derudfra se, hvor der er brug for tværfaglige vurderinger.",
            "The job centre must assess the citizen's health problems and risk level quickly, "
            "and see from that where cross-disciplinary assessments are needed.",
            M.EARLY_DETECTION.citation,
        ),
        Reason(
            "model1.remark.job_plan_balance",
            "Sundhedselementerne i jobplanen skal både respektere borgerens egen motivation og "
            "give en fast ramme: først en fælles aftale med borgeren, siden krav om at deltage.",
            "The health elements of the job plan must respect the citizen's own motivation and "
            "still give a firm frame: first an agreement with the citizen, then a requirement "
            "to take part.",
            M.EARLY_DETECTION.citation,
        ),
    ),
    citation=M.EARLY_DETECTION.citation,
)

_MODEL_2 = ModelDescription(
    model=M.COORDINATION,
    text_da="Mere koordination og samarbejde mellem social-, sundheds- og "
    "beskæftigelsesområdet, typisk i tværfaglige teams eller fora.",
    text_en="More coordination and collaboration between the social, health and employment "
    "areas, typically in cross-disciplinary teams or forums.",
    ambition=Ambition.LESS_EXTENSIVE,
    content_elements=_elements(
        M.COORDINATION,
        (
            (
                "joint_visitation",
                "Borgerne visiteres i fællesskab ud fra en tværfaglig vurdering af dem.",
                "Citizens are referred jointly, on the basis of a cross-disciplinary "
                "assessment of them.",
            ),
            (
                "complex_needs_competence",
                "Jobcentrets medarbejdere kan genkende borgere, hvis komplekse behov går på "
                "tværs af fagligheder.",
                "Job centre staff can recognise citizens whose complex needs cut across "
                "professions.",
            ),
            (
                "recurring_meetings",
                "Tværfaglige møder, der holdes løbende.",
                "Cross-disciplinary meetings held on an ongoing basis.",
            ),
            (
                "catalogue_or_sundhed_dk",
                "Et indsatskatalog og/eller sundhed.dk som overblik over tilbuddene.",
                "An intervention catalogue and/or sundhed.dk as the overview of offers.",
            ),
            (
                "training_offers",
                "Tilbud om træning.",
                "Offers of (physical) training.",
            ),
        ),
    ),
    prerequisites=_prerequisites(
        M.COORDINATION,
        (
            _MANAGEMENT_BACKING,
            (
                "mapped_interfaces",
                "Snitfladerne mellem fagområderne i organisationen er kortlagt og smidige.",
                "The interfaces between the fields in the organisation are mapped and work "
                "smoothly.",
                "model1.mapped_interfaces",
            ),
            (
                "it_progression",
                "IT og mulighed for at koordinere og måle progression på tværs af sektorer og "
                "forvaltninger.",
                "IT and the means to coordinate and measure progression across sectors and "
                "administrations.",
                "general.it_progression",
            ),
            (
                "capacity",
                "Nok kapacitet i hvert tilbud.",
                "Enough capacity in each offer.",
                "general.offers_and_capacity",
            ),
            (
                "common_language",
                "Parterne taler samme sprog og møder borgerne på samme måde på tværs af sektorer.",
                "The parties speak a common language and meet citizens in the same way across "
                "sectors.",
                "general.relational_coordination",
            ),
            _MUTUAL_KNOWLEDGE,
            (
                "resource_steering",
                "Ressourcerne styres med borgernes behov som udgangspunkt.",
                "Resources are steered with the citizens' needs as the starting point.",
                None,
            ),
        ),
    ),
    remarks=(
        Reason(
            "model2.remark.not_statutory",
            "De tværfaglige teams og fora ligner rehabiliteringsteamet i sammensætning og "
            "overordnet mål, men er ikke fastsat ved lov.",
            "The cross-disciplinary teams and forums resemble the rehabilitation team in make-up "
            "and overall aim, but no law sets them up.",
            M.COORDINATION.citation,
        ),
        Reason(
            "model2.remark.organisational_anchoring",
            "Samarbejdet skal være forankret i organisationen, så det ikke kun hviler på gode "
            "personlige relationer eller enkelte ildsjæle.",
            "The collaboration must be anchored in the organisation, so that it does not rest "
            "only on good personal relations or a few enthusiasts.",
            M.COORDINATION.citation,
        ),
        Reason(
            "model2.remark.rehabilitation_team_dated",
            "Sammenligningen beskriver loven, som SST2019 gengiver den: senest fra 1. juli 2026, "
            "når lov nr. 1750 af 29.12.2025 gælder fuldt ud, kræver loven ikke længere et "
            "rehabiliteringsteam (helhed.authority.rehabilitation_team svarer for en given dag).",
            "The comparison describes the law as SST2019 gives it: from 1 July 2026 at the latest, "
            "when lov nr. 1750 of 29.12.2025 applies in full, the law no longer requires a "
            "rehabilitation "
            "team (helhed.authority.rehabilitation_team answers for a given day).",
            Citation("L1750/2025"),
        ),
    ),
    citation=M.COORDINATION.citation,
)

_MODEL_3 = ModelDescription(
    model=M.SPECIFIC_INTERVENTIONS,
    text_da="Tværfaglige indsatser for særlige målgrupper, med tæt samarbejde og koordination "
    "mellem sektorer og forvaltninger.",
    text_en="Cross-disciplinary interventions for particular target groups, with close "
    "collaboration and coordination between sectors and administrations.",
    ambition=None,
    content_elements=_elements(
        M.SPECIFIC_INTERVENTIONS,
        (
            (
                "clarifying_conversation",
                "En afklarende samtale, før indsatsen begynder.",
                "A clarifying conversation before the intervention begins.",
            ),
            (
                "everyday_life",
                "En indsats, der lærer borgerne at klare en hverdag med både sygdom og job.",
                "An intervention that teaches citizens to manage everyday life with both an "
                "illness and a job.",
            ),
            (
                "outposted_health_staff",
                "Personale fra sundhedsafdelingen er fremskudt og til stede på "
                "beskæftigelsesområdet.",
                "Health department staff are outposted and present in the employment area.",
            ),
        ),
    ),
    prerequisites=_prerequisites(
        M.SPECIFIC_INTERVENTIONS,
        (
            _MANAGEMENT_BACKING,
            _MUTUAL_KNOWLEDGE,
            (
                "common_language",
                "Parterne taler samme sprog og møder borgerne på samme måde.",
                "The parties speak a common language and meet citizens in the same way.",
                "general.relational_coordination",
            ),
            (
                "outposted_priority",
                "Sundhedsområdet prioriterer at være fremskudt og til stede med sin indsats.",
                "The health side gives priority to an outposted intervention and presence.",
                None,
            ),
            (
                "resource_steering",
                "Ressourcerne styres med borgernes behov som udgangspunkt.",
                "Resources are steered with the citizens' needs as the starting point.",
                "model2.resource_steering",
            ),
            _FLEXIBLE_FINANCE,
        ),
    ),
    citation=M.SPECIFIC_INTERVENTIONS.citation,
)

_MODEL_4 = ModelDescription(
    model=M.CATALOGUE,
    text_da="Et tværfagligt katalog over de tilbud, kommunen har på sundhedsområdet, "
    "udarbejdes og tages i brug.",
    text_en="A cross-disciplinary catalogue of the municipality's health offers is drawn up "
    "and put to use.",
    ambition=None,
    content_elements=_elements(
        M.CATALOGUE,
        (
            (
                "mutual_knowledge",
                "Faggrupperne lærer hinanden bedre at kende.",
                "The professions come to know one another better.",
            ),
            (
                "knowledge_sharing",
                "Tæt vidensdeling mellem jobcentret og de sundheds- og socialfaglige tilbud, så "
                "medarbejderne i beskæftigelsessystemet kender kataloget og kan sætte tilbud i "
                "gang ud fra borgernes behov.",
                "Close knowledge sharing between the job centre and the health and social "
                "offers, so that employment staff know the catalogue and can start offers from "
                "the citizens' needs.",
            ),
        ),
    ),
    prerequisites=_prerequisites(
        M.CATALOGUE,
        (
            (
                "management_backing",
                "Ledelsen bakker op og sikrer forankringen.",
                "Management gives its support and secures the anchoring.",
                "general.backing",
            ),
            (
                "common_language",
                "Parterne taler samme sprog og møder borgerne på samme måde.",
                "The parties speak a common language and meet citizens in the same way.",
                "general.relational_coordination",
            ),
            (
                "catalogue",
                "Et katalog over indsatserne, sundhed.dk eller begge dele.",
                "A catalogue of the interventions, sundhed.dk, or both.",
                None,
            ),
            (
                "capacity",
                "Nok kapacitet i tilbuddene.",
                "Enough capacity in the offers.",
                "general.offers_and_capacity",
            ),
        ),
    ),
    remarks=(
        Reason(
            "model4.remark.missing_knowledge",
            "Når beskæftigelsesområdet ikke ved, hvilke sundhedstilbud der findes, hæmmer det "
            "samarbejdet; kataloget samler de relevante tilbud fra beskæftigelses-, social- og "
            "sundhedsområdet.",
            "Not knowing which health offers exist holds the collaboration back; the catalogue "
            "gathers the relevant offers of the employment, social and health areas.",
            M.CATALOGUE.citation,
        ),
        Reason(
            "model4.remark.updating",
            "Uden jævnlig opdatering mister kataloget sin nytte (sagt om Faxes katalog).",
            "Without regular updates the catalogue loses its use (said of Faxe's catalogue).",
            M.CATALOGUE.citation,
        ),
    ),
    citation=M.CATALOGUE.citation,
)


MODELS: Mapping[CollaborationModel, ModelDescription] = MappingProxyType(
    {d.model: d for d in (_MODEL_1, _MODEL_2, _MODEL_3, _MODEL_4)}
)
"""Each model's description, content elements and listed prerequisites, in model order."""

CONTENT_ELEMENTS: Mapping[str, ContentElement] = MappingProxyType(
    {e.code: e for d in MODELS.values() for e in d.content_elements}
)
"""Every content element by code, in source order (kap. 6 to 9)."""

PREREQUISITES: Mapping[str, Prerequisite] = MappingProxyType(
    {
        p.code: p
        for p in (*GENERAL_PREREQUISITES, *(p for d in MODELS.values() for p in d.prerequisites))
    }
)
"""Every prerequisite by code, in source order: the general ones (kap. 5), then kap. 6 to 9."""


def content_elements(model: CollaborationModel) -> tuple[ContentElement, ...]:
    """The content elements of ``model``, in the order its chapter lists them."""
    require(model, CollaborationModel, "model", "must be a CollaborationModel")
    return MODELS[model].content_elements


def prerequisites(model: CollaborationModel, *, general: bool = True) -> tuple[Prerequisite, ...]:
    """The prerequisites of ``model``.

    Args:
        model: The model.
        general: If True, the general prerequisites of kap. 5 followed by those the model
            adds: everything the model needs, each condition once. If False, the chapter's
            own list as printed, general ones it repeats included.

    Returns:
        The prerequisites in source order.
    """
    require(model, CollaborationModel, "model", "must be a CollaborationModel")
    description = MODELS[model]
    if not general:
        return description.prerequisites
    return (*GENERAL_PREREQUISITES, *description.added_prerequisites)


def prerequisite(code: str) -> Prerequisite:
    """The prerequisite with ``code``.

    Raises:
        UnknownNameError: If no prerequisite has that code; the message lists the codes.
    """
    try:
        return PREREQUISITES[code]
    except KeyError:
        codes = ", ".join(PREREQUISITES)
        msg = f"unknown prerequisite {quoted(code)}; expected one of: {codes}"
        raise UnknownNameError(msg) from None


def satisfied_by(item: Prerequisite) -> frozenset[str]:
    """The codes any one of which, held by a municipality, meets ``item``.

    That is the item's own code; the general prerequisite it restates; and every prerequisite
    linked to it by ``same_as``, in either direction (they say the same). A general
    prerequisite is met only by its own code: a chapter's narrower wording does not meet the
    broader one.

    helhed's reading: that holding the general prerequisite meets a chapter item linked to
    it. The links are helhed's (see ``Prerequisite.restates``), and one of them is wider than
    its general item (kap. 7's IT item also reaches "forvaltningsområder").
    """
    require(item, Prerequisite, "item", "must be a Prerequisite")
    return _SATISFIED_BY[item.code]


def _same_as_classes() -> dict[str, frozenset[str]]:
    """Group the prerequisites linked by ``same_as`` (either direction, transitively)."""
    group: dict[str, set[str]] = {code: {code} for code in PREREQUISITES}
    for p in PREREQUISITES.values():
        if p.same_as is not None:
            merged = group[p.code] | group[p.same_as]
            for code in merged:
                group[code] = merged
    return {code: frozenset(codes) for code, codes in group.items()}


def _satisfied_by() -> Mapping[str, frozenset[str]]:
    same = _same_as_classes()
    table: dict[str, frozenset[str]] = {}
    for p in PREREQUISITES.values():
        codes = set(same[p.code])
        codes.update(PREREQUISITES[c].restates or c for c in same[p.code])
        table[p.code] = frozenset(codes)
    return MappingProxyType(table)


def _check_links() -> None:
    """Codes are unique and every link points to an earlier, fitting prerequisite."""
    codes = [e.code for e in CONTENT_ELEMENTS.values()]
    items = [*GENERAL_PREREQUISITES, *(p for d in MODELS.values() for p in d.prerequisites)]
    codes += [p.code for p in items]
    if len(codes) != len(set(codes)):  # pragma: no cover - a data error caught at import
        raise AssertionError("duplicate codes")
    seen: dict[str, Prerequisite] = {}
    for p in items:
        if p.restates is not None and not (p.restates in seen and seen[p.restates].general):
            raise AssertionError(f"{p.code} restates an unknown or later code")  # pragma: no cover
        if p.same_as is not None:
            earlier = seen.get(p.same_as)
            if earlier is None or not earlier.added or earlier.model is p.model:
                raise AssertionError(
                    f"{p.code} repeats no earlier model's added code"
                )  # pragma: no cover
        seen[p.code] = p


_check_links()
_SATISFIED_BY = _satisfied_by()
