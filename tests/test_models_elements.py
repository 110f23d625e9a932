"""The four models' content elements and prerequisites, and readiness, against SST2019 kap. 5-9.

Expected values are read off the seed text: kap. 5 lists nine general prerequisites; each of
kap. 6-9 lists "Indholdselementer" and "Forudsætninger". A chapter prerequisite that repeats a
general one in the same, narrower or close wording "restates" it (a link that is helhed's
reading: the source draws none); the others are added by the model.
Model 1 is called "ambitiøs" (kap. 6), model 2 "mindre omfattende" (kap. 7); kap. 8 and 9
characterise theirs in no such word.
"""

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.collaboration import CollaborationModel
from helhed.errors import ValidationError
from helhed.models.elements import (
    CONTENT_ELEMENTS,
    GENERAL_PREREQUISITES,
    MODELS,
    PREREQUISITES,
    Ambition,
    ContentElement,
    ModelDescription,
    Prerequisite,
    content_elements,
    prerequisite,
    prerequisites,
    satisfied_by,
)
from helhed.models.readiness import MunicipalityProfile, Readiness, readiness, readiness_all
from helhed.sources import SOURCES, Citation, SourceKind

M = CollaborationModel
M1, M2, M3, M4 = M.EARLY_DETECTION, M.COORDINATION, M.SPECIFIC_INTERVENTIONS, M.CATALOGUE

# (code, SST2019 section): every content element, in the order its chapter lists it.
ELEMENTS = [
    # kap. 6, "Indholdselementer": 8 bullets.
    ("model1.early_screening", "kap. 6"),
    ("model1.coordinated_assessment", "kap. 6"),
    ("model1.progression_measurement", "kap. 6"),
    ("model1.citizen_dialogue", "kap. 6"),
    ("model1.intervention_plan", "kap. 6"),
    ("model1.risk_factor_interventions", "kap. 6"),
    ("model1.target_group_network", "kap. 6"),
    ("model1.job_consultants", "kap. 6"),
    # kap. 7: 5 bullets.
    ("model2.joint_visitation", "kap. 7"),
    ("model2.complex_needs_competence", "kap. 7"),
    ("model2.recurring_meetings", "kap. 7"),
    ("model2.catalogue_or_sundhed_dk", "kap. 7"),
    ("model2.training_offers", "kap. 7"),
    # kap. 8: 3 bullets.
    ("model3.clarifying_conversation", "kap. 8"),
    ("model3.everyday_life", "kap. 8"),
    ("model3.outposted_health_staff", "kap. 8"),
    # kap. 9: 2 bullets.
    ("model4.mutual_knowledge", "kap. 9"),
    ("model4.knowledge_sharing", "kap. 9"),
]

G = "general."
# (code, SST2019 section, restates, same_as): every prerequisite, in source order.
PREREQS = [
    # kap. 5, "generelle forudsætninger": 9 bullets.
    ("general.backing", "kap. 5", None, None),
    ("general.common_goals", "kap. 5", None, None),
    ("general.mutual_knowledge", "kap. 5", None, None),
    ("general.relational_coordination", "kap. 5", None, None),
    ("general.offers_and_capacity", "kap. 5", None, None),
    ("general.it_progression", "kap. 5", None, None),
    ("general.document_access", "kap. 5", None, None),
    ("general.flexible_finance", "kap. 5", None, None),
    ("general.registration_sanctions", "kap. 5", None, None),
    # kap. 6, "Forudsætninger": 5 bullets; the last repeats kap. 5's finance bullet word for word.
    ("model1.management_backing", "kap. 6", G + "backing", None),
    ("model1.mapped_interfaces", "kap. 6", None, None),
    ("model1.screening_tool", "kap. 6", None, None),
    ("model1.progression_tool", "kap. 6", None, None),
    ("model1.flexible_finance", "kap. 6", G + "flexible_finance", None),
    # kap. 7: 7 bullets; "snitflader" as in kap. 6; "ressourcestyring" is new.
    ("model2.management_backing", "kap. 7", G + "backing", None),
    ("model2.mapped_interfaces", "kap. 7", None, "model1.mapped_interfaces"),
    ("model2.it_progression", "kap. 7", G + "it_progression", None),
    ("model2.capacity", "kap. 7", G + "offers_and_capacity", None),
    ("model2.common_language", "kap. 7", G + "relational_coordination", None),
    ("model2.mutual_knowledge", "kap. 7", G + "mutual_knowledge", None),
    ("model2.resource_steering", "kap. 7", None, None),
    # kap. 8: 6 bullets; lists "ressourcestyring" and "smidig økonomistyring" side by side,
    # so resource steering is not the general finance bullet.
    ("model3.management_backing", "kap. 8", G + "backing", None),
    ("model3.mutual_knowledge", "kap. 8", G + "mutual_knowledge", None),
    ("model3.common_language", "kap. 8", G + "relational_coordination", None),
    ("model3.outposted_priority", "kap. 8", None, None),
    ("model3.resource_steering", "kap. 8", None, "model2.resource_steering"),
    ("model3.flexible_finance", "kap. 8", G + "flexible_finance", None),
    # kap. 9: 4 bullets.
    ("model4.management_backing", "kap. 9", G + "backing", None),
    ("model4.common_language", "kap. 9", G + "relational_coordination", None),
    ("model4.catalogue", "kap. 9", None, None),
    ("model4.capacity", "kap. 9", G + "offers_and_capacity", None),
]

# model: (content elements, prerequisites listed, added beyond kap. 5)
COUNTS = {M1: (8, 5, 3), M2: (5, 7, 2), M3: (3, 6, 2), M4: (2, 4, 1)}


def model_of(code):
    prefix = code.partition(".")[0]
    return None if prefix == "general" else list(M)[int(prefix.removeprefix("model")) - 1]


# --- content elements ---------------------------------------------------------------------


@pytest.mark.parametrize(("code", "section"), ELEMENTS)
def test_each_content_element_is_cited_to_its_chapter(code, section):
    element = CONTENT_ELEMENTS[code]

    assert element.citation == Citation("SST2019", section)
    assert element.model is model_of(code)
    assert element in content_elements(element.model)


def test_the_content_elements_are_exactly_the_chapters_lists_in_order():
    assert [e.code for e in CONTENT_ELEMENTS.values()] == [code for code, _ in ELEMENTS]
    for model in M:
        listed = [code for code, _ in ELEMENTS if model_of(code) is model]
        assert [e.code for e in content_elements(model)] == listed


@pytest.mark.parametrize("model", list(M))
def test_counts_per_model(model):
    elements, listed, added = COUNTS[model]

    assert len(content_elements(model)) == elements
    assert len(prerequisites(model, general=False)) == listed
    assert len(MODELS[model].added_prerequisites) == added
    assert len(prerequisites(model)) == 9 + added


# --- prerequisites ------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "section", "restates", "same_as"), PREREQS)
def test_each_prerequisite_is_cited_and_linked_as_the_source_reads(
    code, section, restates, same_as
):
    item = PREREQUISITES[code]

    assert item.citation == Citation("SST2019", section)
    assert item.model is model_of(code)
    assert item.restates == restates
    assert item.same_as == same_as
    assert item.general == (item.model is None)
    assert item.added == (item.model is not None and restates is None)


def test_the_prerequisites_are_exactly_the_sources_lists_in_order():
    assert [p.code for p in PREREQUISITES.values()] == [row[0] for row in PREREQS]
    assert [p.code for p in GENERAL_PREREQUISITES] == [
        row[0] for row in PREREQS if row[1] == "kap. 5"
    ]


def test_the_added_prerequisites_per_model():
    added = {m: [p.code for p in MODELS[m].added_prerequisites] for m in M}

    assert added == {
        M1: ["model1.mapped_interfaces", "model1.screening_tool", "model1.progression_tool"],
        M2: ["model2.mapped_interfaces", "model2.resource_steering"],
        M3: ["model3.outposted_priority", "model3.resource_steering"],
        M4: ["model4.catalogue"],
    }


@pytest.mark.parametrize("model", list(M))
def test_prerequisites_with_general_are_kap_5_then_the_models_added_ones(model):
    got = prerequisites(model)

    assert got[:9] == GENERAL_PREREQUISITES
    assert got[9:] == MODELS[model].added_prerequisites
    assert prerequisites(model, general=False) == MODELS[model].prerequisites


def test_model_1_adds_the_two_validated_tools():
    # SST2019 kap. 6: "Valideret screeningsværktøj" and "Valideret progressionsmålingsværktøj".
    codes = {p.code for p in prerequisites(M1) if p.added}

    assert {"model1.screening_tool", "model1.progression_tool"} <= codes


def test_satisfied_by_follows_restates_one_way_and_same_as_both_ways():
    assert satisfied_by(PREREQUISITES["model1.flexible_finance"]) == {
        "model1.flexible_finance",
        "general.flexible_finance",
    }
    # A narrower chapter wording does not meet the broader general prerequisite.
    assert satisfied_by(PREREQUISITES["general.flexible_finance"]) == {"general.flexible_finance"}
    pair = {"model1.mapped_interfaces", "model2.mapped_interfaces"}
    assert satisfied_by(PREREQUISITES["model1.mapped_interfaces"]) == pair
    assert satisfied_by(PREREQUISITES["model2.mapped_interfaces"]) == pair


def test_prerequisite_lookup_lists_the_codes_when_unknown():
    assert prerequisite("general.backing") is PREREQUISITES["general.backing"]
    with pytest.raises(KeyError, match=r"general\.backing"):
        prerequisite("general.nope")


# --- the models ---------------------------------------------------------------------------


def test_ambition_only_where_the_source_characterises_it():
    # kap. 6: "en ambitiøs model"; kap. 7: "en mindre omfattende model".
    assert {m: MODELS[m].ambition for m in M} == {
        M1: Ambition.AMBITIOUS,
        M2: Ambition.LESS_EXTENSIVE,
        M3: None,
        M4: None,
    }


@pytest.mark.parametrize("model", list(M))
def test_each_model_is_cited_to_its_chapter(model):
    description = MODELS[model]

    assert description.citation == Citation("SST2019", f"kap. {model.number + 5}")
    # A remark cites the model's chapter, or the later law that dates what the chapter says.
    assert all(
        r.citation == description.citation or SOURCES[r.citation.source].kind is SourceKind.LAW
        for r in description.remarks
    )
    assert description.text_da.strip()
    assert description.text_en.strip()


def test_the_fast_assessment_remark_is_a_must_as_kap_6_words_it():
    # SST2019 kap. 6: "Jobcentret skal vurdere sundhedsrelaterede udfordringer og
    # risikoniveau hurtigt" - "skal", not "bør".
    (remark,) = (
        r
        for r in MODELS[CollaborationModel.EARLY_DETECTION].remarks
        if r.code == "model1.remark.fast_assessment"
    )

    assert remark.text_da.startswith("Jobcentret skal hurtigt vurdere")
    assert remark.text_en.startswith("The job centre must assess")
    assert "bør" not in remark.text_da
    assert "should" not in remark.text_en


def test_codes_are_unique_across_elements_prerequisites_and_remarks():
    codes = [*CONTENT_ELEMENTS, *PREREQUISITES]
    codes += [r.code for d in MODELS.values() for r in d.remarks]

    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("item", [*CONTENT_ELEMENTS.values(), *PREREQUISITES.values()])
def test_texts_are_non_blank_and_differ_between_languages(item):
    assert item.text_da.strip()
    assert item.text_en.strip()
    assert item.text_da != item.text_en


def test_a_code_must_carry_its_models_prefix():
    with pytest.raises(ValidationError, match="code: must start with model2"):
        ContentElement(
            code="model1.x", model=M2, text_da="x", text_en="x", citation=Citation("SST2019")
        )
    with pytest.raises(ValidationError, match="code: must look like"):
        Prerequisite(code="x", model=None, text_da="x", text_en="x", citation=Citation("SST2019"))


def test_a_prerequisites_links_are_checked():
    cite = Citation("SST2019", "kap. 6")
    with pytest.raises(ValidationError, match="restates: must be the code of a general"):
        Prerequisite(
            code="model1.x", model=M1, text_da="x", text_en="y", citation=cite, restates="model2.y"
        )
    with pytest.raises(ValidationError, match="model: a general prerequisite restates nothing"):
        Prerequisite(
            code="general.x",
            model=None,
            text_da="x",
            text_en="y",
            citation=cite,
            same_as="model1.y",
        )
    with pytest.raises(ValidationError, match="text_en: must not be blank"):
        Prerequisite(code="model1.x", model=M1, text_da="x", text_en=" ", citation=cite)


def test_a_model_description_holds_only_its_own_items():
    with pytest.raises(ValidationError, match=r"content_elements\[0\].model: is another"):
        attrs.evolve(MODELS[M2], content_elements=MODELS[M1].content_elements)


def test_model_description_is_frozen():
    assert isinstance(MODELS[M1], ModelDescription)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        MODELS[M1].ambition = None


# --- readiness ----------------------------------------------------------------------------

ALL_CODES = frozenset(PREREQUISITES)
codes = st.frozensets(st.sampled_from(sorted(ALL_CODES)))
models = st.sampled_from(list(M))


def test_a_profile_lists_its_unknown_codes():
    with pytest.raises(
        ValidationError, match=r"in_place: unknown prerequisite codes: general\.x, model9\.y"
    ):
        MunicipalityProfile.of("By", "general.backing", "model9.y", "general.x")
    with pytest.raises(ValidationError, match="name: must not be blank"):
        MunicipalityProfile(" ")


def test_an_empty_profile_misses_everything_with_one_cited_reason_each():
    answer = readiness(MunicipalityProfile("By"), M3)

    assert not answer.ready
    assert answer.met == ()
    assert answer.missing == prerequisites(M3)
    assert answer.reasons[0].code == "readiness.not_ready"
    assert answer.reasons[0].citation == Citation("SST2019", "kap. 5 og 8")
    gaps = answer.reasons[1:]
    assert [r.code for r in gaps] == [f"readiness.missing.{p.code}" for p in answer.missing]
    assert [r.citation for r in gaps] == [p.citation for p in answer.missing]


def test_the_general_prerequisites_and_the_catalogue_make_a_municipality_ready_for_model_4():
    profile = MunicipalityProfile.of(
        "Faxe", *(p.code for p in GENERAL_PREREQUISITES), "model4.catalogue"
    )
    answer = readiness(profile, M4)

    assert answer.ready
    assert [r.code for r in answer.reasons] == ["readiness.ready"]
    assert not readiness(profile, M1).ready


def test_a_chapters_own_list_is_met_by_the_general_prerequisite_it_restates():
    profile = MunicipalityProfile.of(
        "By", "general.backing", "general.relational_coordination", "general.offers_and_capacity"
    )
    answer = readiness(profile, M4, general=False)

    assert [p.code for p in answer.missing] == ["model4.catalogue"]
    assert answer.reasons[0].citation == Citation("SST2019", "kap. 9")


def test_the_same_words_in_another_chapter_count_once():
    profile = MunicipalityProfile.of("By", "model1.mapped_interfaces")
    met = readiness(profile, M2).met

    assert [p.code for p in met] == ["model2.mapped_interfaces"]


def test_readiness_all_answers_for_the_four_models_in_order():
    answers = readiness_all(MunicipalityProfile.of("By", *ALL_CODES))

    assert list(answers) == list(M)
    assert all(isinstance(a, Readiness) and a.ready for a in answers.values())


@given(codes, models, st.booleans())
def test_met_and_missing_partition_the_models_prerequisites(held, model, general):
    answer = readiness(MunicipalityProfile("By", held), model, general=general)
    wanted = prerequisites(model, general=general)

    assert set(answer.met).isdisjoint(answer.missing)
    assert sorted(answer.met + answer.missing, key=wanted.index) == list(wanted)
    assert [p for p in wanted if p in answer.met] == list(answer.met)
    assert answer.ready == (not answer.missing)
    assert len(answer.reasons) == 1 + len(answer.missing)


@given(models, st.booleans())
def test_a_profile_with_every_code_is_ready_for_every_model(model, general):
    answer = readiness(MunicipalityProfile("By", ALL_CODES), model, general=general)

    assert answer.ready
    assert answer.missing == ()


@given(codes, codes, models, st.booleans())
def test_adding_a_prerequisite_never_makes_readiness_worse(held, more, model, general):
    before = readiness(MunicipalityProfile("By", held), model, general=general)
    after = readiness(MunicipalityProfile("By", held | more), model, general=general)

    assert set(before.met) <= set(after.met)
    assert set(after.missing) <= set(before.missing)
    assert after.ready or not before.ready
