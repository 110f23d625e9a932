"""Result documents are checked on load with the same rules as on construction.

For every result type: (a) what the library produces constructs again and round-trips; (b) a
JSON document edited to break a rule is refused by ``from_json`` with the path of the rule;
(c) the same broken value built in Python is refused with the same problems; and the frozen
version 1 documents still load.
"""

import datetime as dt
import json
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.benefits import Benefit, BenefitStatus, benefit_rules
from helhed.citizens import Citizen
from helhed.collaboration import CollaborationModel as M
from helhed.errors import ValidationError
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.health import HealthProfile, RiskFactor
from helhed.models.catalogue import Catalogue, TaskType
from helhed.models.elements import GENERAL_PREREQUISITES, PREREQUISITES
from helhed.models.readiness import MunicipalityProfile, readiness
from helhed.organisation import (
    CaseworkerAssignment,
    CaseworkerChange,
    CaseworkerHistory,
    Period,
    check_continuity,
    coordinating_caseworker_right,
)
from helhed.serialization import (
    DOCUMENTS,
    FIRST_VERSIONS,
    from_dict,
    from_json,
    make_converter,
    to_dict,
    to_json,
)
from helhed.sickness import SicknessCategory, sickness_category
from helhed.sources import Citation, Reason, Verification
from helhed.target_groups import HorizonBasis, classify
from helhed.testing import strategies as hs

V1 = Path(__file__).parent / "data" / "v1"
UNSTRUCTURE = make_converter().unstructure
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Every document type but the two whose rules live in helhed.pathways.
CHECKED = sorted(set(DOCUMENTS) - {"pathway", "compliance-report"})


def day(month, d, year=2024):
    return dt.date(year, month, d)


# --- (a) what the library produces -----------------------------------------------------------


def _same_again(document):
    """The document built again by its constructor, and read back from its JSON."""
    cls = type(document)
    assert attrs.evolve(document) == document
    assert from_json(to_json(document), cls) == document


@pytest.mark.parametrize("name", CHECKED)
@given(data=st.data())
def test_every_document_the_library_produces_constructs_and_round_trips(name, data):
    _same_again(data.draw(hs.documents(name)))


@st.composite
def busy_reports(draw):
    """Continuity reports over histories crowded into a short period: changes, gaps, overlaps."""
    start = draw(hs.dates(max_value=dt.date(2029, 1, 1)))
    period = Period(start, start + dt.timedelta(days=draw(st.integers(0, 60))))
    assignments = []
    for _ in range(draw(st.integers(0, 6))):
        first = start + dt.timedelta(days=draw(st.integers(-10, 60)))
        length = draw(st.none() | st.integers(0, 30))
        assignments.append(
            CaseworkerAssignment(
                staff_id=draw(st.sampled_from(["s-1", "s-2", "s-3"])),
                start=first,
                end=None if length is None else first + dt.timedelta(days=length),
                coordinating=draw(st.booleans()),
            )
        )
    history = CaseworkerHistory(citizen_id="c-1", assignments=tuple(assignments))
    return check_continuity(history, period)


@given(busy_reports())
def test_every_continuity_report_of_a_crowded_history_constructs_and_round_trips(report):
    _same_again(report)


@given(
    first=hs.dates(max_value=dt.date(2029, 12, 31)),
    length=st.integers(1, 120),
    after=st.integers(0, 60),
    other=st.booleans(),
)
def test_every_sickness_assessment_near_the_limit_constructs_and_round_trips(
    first, length, after, other
):
    answer = sickness_category(
        first_absence_day=first,
        expected_full_recovery=first + dt.timedelta(days=length),
        other_challenges=other,
        on=first + dt.timedelta(days=after),
    )
    _same_again(answer)


def test_a_sickness_assessment_with_another_whole_number_of_weeks_loads():
    # A later rule table may change the length of the window; its documents must still load.
    first = day(1, 8)
    answer = sickness_category(
        first_absence_day=first,
        expected_full_recovery=day(2, 20),
        other_challenges=False,
        on=day(1, 15),
    )
    six_weeks = first + dt.timedelta(weeks=6, days=-1)
    beyond = attrs.evolve(
        answer,
        eight_week_limit=six_weeks,
        category=SicknessCategory.TWO,
        reasons=_sickness(day(4, 1), other=False).reasons,
    )

    assert answer.category is SicknessCategory.ONE
    assert from_json(to_json(beyond), type(beyond)) == beyond


# --- the frozen version 1 documents ----------------------------------------------------------

V1_FILES = {
    "assessment.json": "assessment",
    "benefit-rules.json": "benefit-rules",
    "caseworker-history.json": "caseworker-history",
    "caseworker-right.json": "caseworker-right",
    "catalogue.json": "catalogue",
    "catalogue-example.json": "catalogue",
    "citizen.json": "citizen",
    "citizens-demo.json": "citizen",
    "continuity-report.json": "continuity-report",
    "municipality-profile.json": "municipality-profile",
    "readiness.json": "readiness",
    "sickness-assessment.json": "sickness-assessment",
    "team.json": "team",
}


def test_the_version_1_files_cover_every_checked_type():
    assert set(V1_FILES.values()) == set(CHECKED) - set(FIRST_VERSIONS)


@pytest.mark.parametrize(("file", "name"), sorted(V1_FILES.items()))
def test_version_1_documents_still_load(file, name):
    stored = json.loads((V1 / file).read_text(encoding="utf-8"))
    documents = stored if isinstance(stored, list) else [stored]

    assert documents
    for data in documents:
        loaded = from_dict(data, DOCUMENTS[name])
        # Read under this release's rules (and any upgrade), then the same again from its JSON.
        assert type(loaded) is DOCUMENTS[name]
        _same_again(loaded)


# --- (b) and (c): a broken value is refused from JSON and from Python alike ------------------


def _sickness(recovery, *, other, on=None):
    return sickness_category(
        first_absence_day=day(1, 8),
        expected_full_recovery=recovery,
        other_challenges=other,
        on=on or day(1, 15),
    )


SICK_WITHIN = _sickness(day(2, 1), other=True)  # category 1, other challenges ignored
SICK_AFTER = _sickness(day(3, 4), other=True)  # category 3
SICK_BEYOND = _sickness(day(5, 1), other=False, on=day(3, 1, 2026))  # category 2, beyond law
SICK_2025 = _sickness(day(5, 1), other=True, on=day(1, 2, 2025))  # category 2, effort possible

_SMOKER = HealthProfile(risk_factors=frozenset({RiskFactor.SMOKING}))
DERIVED = classify(
    Citizen(id="c-1", benefit=Benefit.CASH_BENEFIT_JOB_READY, health=_SMOKER), on=day(5, 1)
)
ASSESSED = classify(
    Citizen(
        id="c-2",
        benefit=Benefit.CASH_BENEFIT_ACTIVITY_READY,
        health=_SMOKER,
        assessed_horizon=HealthImpactHorizon.CURRENT,
    ),
    on=day(5, 1),
)
NOBODY = classify(Citizen(id="c-3"), on=day(5, 1))
NO_HEALTH = classify(Citizen(id="c-4", benefit=Benefit.CASH_BENEFIT_JOB_READY), on=day(5, 1))
NO_RULE = classify(
    Citizen(id="c-6", benefit=Benefit.CASH_BENEFIT_EDUCATION_READY, health=_SMOKER), on=day(5, 1)
)  # education-ready cash benefit exists from 1 July 2025
MEDIUM = classify(
    Citizen(id="c-5", health=HealthProfile(affects_work=True)), on=day(5, 1)
)  # derived short to medium term

OPEN = benefit_rules(Benefit.CASH_BENEFIT_ACTIVITY_READY, on=day(3, 1))
UNTIL_REFORM = benefit_rules(Benefit.EDUCATION_BENEFIT_ACTIVITY_READY, on=day(3, 1))
ABOLISHED = benefit_rules(Benefit.EDUCATION_BENEFIT_ACTIVITY_READY, on=day(8, 1, 2025))
BEYOND = benefit_rules(Benefit.RESOURCE_COURSE, on=day(2, 1, 2027))

RIGHT = coordinating_caseworker_right(
    Citizen(id="c-1", benefit=Benefit.CASH_BENEFIT_ACTIVITY_READY), on=day(3, 1)
)
NO_RIGHT = coordinating_caseworker_right(
    Citizen(id="c-1", benefit=Benefit.CASH_BENEFIT_JOB_READY), on=day(3, 1)
)
NO_FUNDING = coordinating_caseworker_right(Citizen(id="c-1"), on=day(3, 1))
RIGHT_BEYOND = coordinating_caseworker_right(
    Citizen(id="c-1", benefit=Benefit.RESOURCE_COURSE), on=day(2, 1, 2027)
)

YEAR = Period(day(1, 1), day(12, 31))


def _report(*assignments):
    return check_continuity(
        CaseworkerHistory(
            citizen_id="c-1",
            assignments=tuple(
                CaseworkerAssignment(staff_id=s, start=start, end=end)
                for s, start, end in assignments
            ),
        ),
        YEAR,
    )


# s-1 until March, s-2 from mid-March (an overlap) to June, a gap, then s-3.
MIXED = _report(
    ("s-1", day(1, 1), day(3, 31)), ("s-2", day(3, 15), day(6, 30)), ("s-3", day(7, 15), None)
)
STEADY = _report(("s-1", day(1, 1), None))
NOBODY_ASSIGNED = _report()

_GENERAL = [p.code for p in GENERAL_PREREQUISITES]
NOT_READY = readiness(MunicipalityProfile.of("Eksempelby", *_GENERAL), M.EARLY_DETECTION)
READY = readiness(MunicipalityProfile.of("Eksempelby", *_GENERAL, "model4.catalogue"), M.CATALOGUE)
CHAPTER = readiness(
    MunicipalityProfile.of("Eksempelby", *_GENERAL, "model4.catalogue"), M.CATALOGUE, general=False
)


def _without(reasons, code):
    left = tuple(r for r in reasons if r.code != code)
    assert len(left) < len(reasons)
    return left


def _reason(answer, code):
    (found,) = (r for r in answer.reasons if r.code == code)
    return found


def _change(report, i, **changes):
    moved = list(report.changes)
    moved[i] = attrs.evolve(moved[i], **changes)
    return tuple(moved)


# (what breaks, the value it starts from, the fields changed, the path of the problem)
CASES = [
    # sickness-assessment
    ("recovery before first day", SICK_AFTER, {"expected_full_recovery": day(1, 1)},
     "expected_full_recovery"),
    ("recovery on first day", SICK_AFTER, {"expected_full_recovery": day(1, 8)},
     "expected_full_recovery"),
    ("assessed before first day", SICK_AFTER, {"on": day(1, 7)}, "on"),
    ("limit not whole weeks", SICK_AFTER, {"eight_week_limit": day(3, 4)}, "eight_week_limit"),
    ("limit before first day", SICK_AFTER, {"eight_week_limit": day(1, 7)}, "eight_week_limit"),
    ("category 1 after the limit", SICK_AFTER,
     {"category": SicknessCategory.ONE, "cross_disciplinary_effort": False}, "category"),
    ("category 3 within the limit", SICK_WITHIN,
     {"category": SicknessCategory.THREE, "cross_disciplinary_effort": True}, "category"),
    ("category 3 without other challenges", SICK_AFTER, {"other_challenges": False}, "category"),
    # Category 2 with other challenges is an answer from 2025 on; its reasons must say so.
    ("category 2 with other challenges, reasons of health only", SICK_BEYOND,
     {"other_challenges": True}, "reasons"),
    ("category 2 with other challenges, reasons of category 3", SICK_AFTER,
     {"category": SicknessCategory.TWO, "cross_disciplinary_effort": False}, "reasons"),
    ("category 3 with the reasons of its repeal", SICK_2025,
     {"category": SicknessCategory.THREE, "cross_disciplinary_effort": True}, "reasons"),
    ("cross-disciplinary effort in category 2 from 2025", SICK_2025,
     {"cross_disciplinary_effort": True}, "cross_disciplinary_effort"),
    ("cross-disciplinary effort off in category 3", SICK_AFTER,
     {"cross_disciplinary_effort": False}, "cross_disciplinary_effort"),
    ("cross-disciplinary effort in category 1", SICK_WITHIN,
     {"cross_disciplinary_effort": True}, "cross_disciplinary_effort"),
    ("beyond known law without its reason", SICK_AFTER, {"beyond_known_law": True}, "reasons"),
    ("reason of known law dropped", SICK_BEYOND, {"beyond_known_law": False}, "reasons"),
    ("reasons of another category", SICK_AFTER, {"reasons": SICK_WITHIN.reasons}, "reasons"),
    ("other challenges not explained", SICK_WITHIN,
     {"reasons": _without(SICK_WITHIN.reasons, "sickness.other_challenges_ignored")}, "reasons"),
    # assessment
    ("no basis with a horizon", DERIVED, {"basis": HorizonBasis.NONE}, "basis"),
    ("a basis without a horizon", NOBODY, {"basis": HorizonBasis.DERIVED}, "basis"),
    ("group not the horizon's", DERIVED, {"group": RiskGroup.HIGH}, "group"),
    ("group without a horizon", NOBODY, {"group": RiskGroup.LOW}, "group"),
    ("horizon without a group", MEDIUM, {"group": None, "disability_key_person": False},
     "group"),
    ("key person for the low-risk group", DERIVED, {"disability_key_person": True},
     "disability_key_person"),
    ("no key person for the high-risk group", ASSESSED, {"disability_key_person": False},
     "disability_key_person"),
    ("typical without a funding basis", NOBODY, {"typical": False}, "typical"),
    ("typical without a group", NO_HEALTH, {"typical": True}, "typical"),
    ("beyond known law without a funding basis", NOBODY, {"beyond_known_law": True},
     "beyond_known_law"),
    ("assessed, but the reasons derived it", DERIVED, {"basis": HorizonBasis.ASSESSED},
     "reasons"),
    ("a finding of another horizon", DERIVED,
     {"horizon": HealthImpactHorizon.SHORT_TO_MEDIUM_TERM, "group": RiskGroup.MEDIUM,
      "disability_key_person": True, "typical": True,
      "reasons": (DERIVED.reasons[0], _reason(MEDIUM, "group.medium"), *DERIVED.reasons[2:],
                  _reason(MEDIUM, "key_person.involve"))}, "reasons"),
    ("a derived horizon said to differ", DERIVED,
     {"reasons": (*DERIVED.reasons, _reason(ASSESSED, "horizon.derived_differs"))}, "reasons"),
    ("group not named", DERIVED, {"reasons": _without(DERIVED.reasons, "group.low")}, "reasons"),
    ("key person not explained", ASSESSED,
     {"reasons": _without(ASSESSED.reasons, "key_person.involve")}, "reasons"),
    ("typical flipped", DERIVED, {"typical": False}, "reasons"),
    ("typical left open", DERIVED, {"typical": None}, "reasons"),
    ("no funding basis not explained", NOBODY,
     {"reasons": _without(NOBODY.reasons, "funding.none")}, "reasons"),
    ("beyond known law flipped", DERIVED, {"beyond_known_law": True}, "reasons"),
    ("typical with no rule in force", NO_RULE, {"typical": True}, "reasons"),
    ("no rule and typical groups", NO_RULE,
     {"reasons": (*NO_RULE.reasons, _reason(DERIVED, "benefit.typical_groups"))}, "reasons"),
    ("typical without the typical groups", DERIVED,
     {"reasons": _without(DERIVED.reasons, "benefit.typical_groups")}, "reasons"),
    ("beyond known law with no rule in force", NO_RULE,
     {"beyond_known_law": True, "reasons": (*NO_RULE.reasons, BEYOND.reasons[-1])},
     "beyond_known_law"),
    # benefit-rules
    ("valid from after the day asked", OPEN, {"valid_from": day(3, 2)}, "valid_from"),
    ("valid to on the day asked", UNTIL_REFORM, {"valid_to": day(3, 1)}, "valid_to"),
    ("valid to before valid from", UNTIL_REFORM, {"valid_to": day(1, 1, 2018)}, "valid_to"),
    ("successor of an open benefit", OPEN, {"successor": Benefit.FLEX_JOB}, "successor"),
    ("abolished benefit its own successor", ABOLISHED,
     {"successor": Benefit.EDUCATION_BENEFIT_ACTIVITY_READY}, "successor"),
    ("status not the reason's", ABOLISHED,
     {"status": BenefitStatus.OPEN, "successor": None}, "reasons"),
    ("holistic intervention flipped", OPEN, {"holistic_intervention": False}, "reasons"),
    ("coordinating caseworker flipped", OPEN, {"coordinating_caseworker": False}, "reasons"),
    ("typical groups emptied", OPEN, {"typical_groups": frozenset()}, "reasons"),
    ("typical groups given where none are", ABOLISHED,
     {"typical_groups": frozenset({RiskGroup.LOW})}, "reasons"),
    ("beyond known law flipped on", OPEN, {"beyond_known_law": True}, "reasons"),
    ("beyond known law flipped off", BEYOND, {"beyond_known_law": False}, "reasons"),
    ("verified despite a caveat", ABOLISHED, {"verification": Verification.VERIFIED},
     "verification"),
    ("unverified without a caveat", OPEN, {"verification": Verification.UNVERIFIED},
     "verification"),
    ("unverified despite a secondary row", BEYOND, {"verification": Verification.UNVERIFIED},
     "verification"),
    ("a caveat of a verified row", OPEN,
     {"reasons": (*OPEN.reasons, Reason("rule.verificeret", "x", "x", Citation("SST2019")))},
     "reasons"),
    # caseworker-right
    ("right flipped on", NO_RIGHT, {"right": True}, "reasons"),
    ("right flipped off", RIGHT, {"right": False}, "reasons"),
    ("right without a funding basis", NO_FUNDING, {"right": True}, "reasons"),
    ("two answers", RIGHT, {"reasons": (*RIGHT.reasons, *NO_RIGHT.reasons)}, "reasons"),
    ("no answer", RIGHT, {"reasons": _without(RIGHT.reasons, "benefit.caseworker.yes")},
     "reasons"),
    ("beyond known law without its reason", RIGHT, {"beyond_known_law": True}, "reasons"),
    ("beyond known law with no rule used", NO_FUNDING,
     {"beyond_known_law": True, "reasons": (*NO_FUNDING.reasons, RIGHT_BEYOND.reasons[-1])},
     "beyond_known_law"),
    ("blank citizen", RIGHT, {"citizen_id": " "}, "citizen_id"),
    # continuity-report
    ("continuous with gaps", MIXED, {"continuous": True}, "continuous"),
    ("continuous with gaps only", NOBODY_ASSIGNED, {"continuous": True}, "continuous"),
    ("not continuous with nothing found", STEADY, {"continuous": False}, "continuous"),
    ("gap outside the period", MIXED, {"gaps": (Period(day(1, 1, 2025), day(1, 5, 2025)),)},
     "gaps[0]"),
    ("gaps out of order", MIXED, {"gaps": (*MIXED.gaps, Period(day(2, 1), day(2, 2)))},
     "gaps[1]"),
    ("gaps that touch", MIXED, {"gaps": (Period(day(7, 1), day(7, 7)), Period(day(7, 8),
     day(7, 14)))}, "gaps[1]"),
    ("overlap outside the period", MIXED,
     {"overlaps": (*MIXED.overlaps, Period(day(12, 30), day(1, 2, 2025)))}, "overlaps[1]"),
    ("overlap in a gap", MIXED, {"overlaps": (*MIXED.overlaps, Period(day(7, 10), day(7, 12)))},
     "overlaps[1]"),
    ("change on the first day", MIXED, {"changes": _change(MIXED, 0, on=day(1, 1))},
     "changes[0].on"),
    ("change after the period", MIXED, {"changes": _change(MIXED, 1, on=day(1, 1, 2025))},
     "changes[1].on"),
    ("changes out of order", MIXED, {"changes": _change(MIXED, 1, on=day(3, 1))},
     "changes[1].on"),
    ("change in a gap", MIXED, {"changes": _change(MIXED, 1, on=day(7, 5))}, "changes[1].on"),
    ("change in an overlap", MIXED, {"changes": _change(MIXED, 0, on=day(3, 20))},
     "changes[0].on"),
    ("change from the wrong caseworker", MIXED,
     {"changes": _change(MIXED, 1, from_staff_id="s-1")}, "changes[1].from_staff_id"),
    ("change to an unseen caseworker", MIXED,
     {"changes": _change(MIXED, 1, to_staff_id="s-9")}, "changes[1].to_staff_id"),
    ("no coordinators though someone covered", STEADY, {"coordinators": ()}, "coordinators"),
    ("a coordinator though all is a gap", NOBODY_ASSIGNED, {"coordinators": ("s-1",)},
     "coordinators"),
    ("two coordinators without a change", STEADY, {"coordinators": ("s-1", "s-2")},
     "coordinators"),
    ("an overlap with one coordinator", STEADY,
     {"continuous": False, "overlaps": MIXED.overlaps,
      "reasons": (_reason(MIXED, "continuity.overlap"),)}, "coordinators"),
    ("a coordinator twice", MIXED, {"coordinators": ("s-1", "s-2", "s-2", "s-3")},
     "coordinators[2]"),
    ("reasons of a continuous case", MIXED, {"reasons": STEADY.reasons}, "reasons"),
    ("gap not explained", MIXED, {"reasons": _without(MIXED.reasons, "continuity.gap")},
     "reasons"),
    # readiness
    ("ready with prerequisites missing", NOT_READY, {"ready": True}, "ready"),
    ("not ready with none missing", READY, {"ready": False}, "ready"),
    ("met and missing", NOT_READY, {"missing": (NOT_READY.met[0], *NOT_READY.missing)},
     "missing[0].code"),
    ("met twice", READY, {"met": (READY.met[0], *READY.met)}, "met[1].code"),
    ("another model's prerequisite", READY,
     {"met": (*READY.met, PREREQUISITES["model1.screening_tool"])}, "met[10].code"),
    ("a general prerequisite in the chapter's list", CHAPTER,
     {"met": (*CHAPTER.met, GENERAL_PREREQUISITES[0])}, f"met[{len(CHAPTER.met)}].code"),
    ("out of source order", READY, {"met": READY.met[::-1]}, "met[1].code"),
    ("a prerequisite left out", READY, {"met": READY.met[:-1]}, "missing"),
    ("missing gaps not explained", NOT_READY, {"reasons": NOT_READY.reasons[:1]}, "reasons"),
    ("summary of a ready municipality", NOT_READY,
     {"reasons": (READY.reasons[0], *NOT_READY.reasons[1:])}, "reasons"),
    ("blank municipality", READY, {"municipality": " "}, "municipality"),
]  # fmt: skip


def _refused(call):
    with pytest.raises(ValidationError) as err:
        call()
    return err.value


@pytest.mark.parametrize(
    ("base", "changes", "path"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_a_broken_document_is_refused_from_json_and_from_python_alike(base, changes, path):
    cls = type(base)
    data = to_dict(base)
    assert from_dict(data, cls) == base
    types = attrs.fields_dict(attrs.resolve_types(cls))
    edited = {
        **data,
        **{name: UNSTRUCTURE(value, types[name].type) for name, value in changes.items()},
    }
    assert edited != data

    from_text = _refused(lambda: from_json(json.dumps(edited), cls))
    from_python = _refused(lambda: attrs.evolve(base, **changes))

    assert path in [p.path for p in from_text.problems]
    assert from_text.problems == from_python.problems
    shown = str(from_text)
    for value in DATE.findall(json.dumps(edited)):
        assert value not in shown
    for name in ("citizen_id", "municipality"):
        if name in data:
            assert data[name] not in shown


def test_every_checked_result_type_has_a_broken_case():
    results = {"assessment", "benefit-rules", "sickness-assessment", "caseworker-right",
               "continuity-report", "readiness"}  # fmt: skip
    names = {name for name, cls in DOCUMENTS.items() for _, base, *_ in CASES if type(base) is cls}

    assert names == results


# --- the three examples of the issue, as edited JSON -----------------------------------------


def _problems_of(data, cls):
    return [str(p) for p in _refused(lambda: from_json(json.dumps(data), cls)).problems]


def test_a_sickness_assessment_whose_recovery_is_before_the_first_day_is_refused():
    data = to_dict(SICK_AFTER)
    data["expected_full_recovery"] = "2023-12-01"

    assert _problems_of(data, type(SICK_AFTER)) == [
        "expected_full_recovery: must be after first_absence_day"
    ]


def test_a_readiness_that_is_ready_with_items_missing_is_refused():
    data = to_dict(NOT_READY)
    data["ready"] = True

    assert _problems_of(data, type(NOT_READY)) == [
        "ready: must be true exactly when none is missing"
    ]


def test_a_continuity_report_that_is_continuous_with_gaps_is_refused():
    data = to_dict(NOBODY_ASSIGNED)
    data["continuous"] = True

    assert _problems_of(data, type(NOBODY_ASSIGNED)) == [
        "continuous: must be true exactly when there are no gaps, overlaps or changes"
    ]


# --- the value types nested in results -------------------------------------------------------


NESTED = [
    # (what breaks, document, JSON path, the nested value built in Python, its own path)
    ("blank reason code", RIGHT, ("reasons", 0, "code"), " ",
     lambda: Reason(" ", "da", "en", Citation("SST2019")), "code"),
    ("blank reason text", READY, ("reasons", 0, "text_en"), "",
     lambda: Reason("x", "da", "", Citation("SST2019")), "text_en"),
    ("a change to the same caseworker", MIXED, ("changes", 0, "to_staff_id"), "s-1",
     lambda: CaseworkerChange(day(4, 1), "s-1", "s-1"), "to_staff_id"),
    ("a blank task type", None, ("taxonomy", "task_types", 0, "code"), " ",
     lambda: TaskType(code=" ", label_da="a", label_en="b"), "code"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("base", "where", "value", "build", "own"),
    [case[1:] for case in NESTED],
    ids=[case[0] for case in NESTED],
)
def test_a_broken_nested_value_is_refused_from_json_and_from_python_alike(
    base, where, value, build, own
):
    base = Catalogue(name="Eksempel", offers=()) if base is None else base
    data = to_dict(base)
    target = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    path = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in where).lstrip(".")

    from_text = _refused(lambda: from_json(json.dumps(data), type(base)))
    from_python = _refused(build)

    assert [p.path for p in from_text.problems] == [path]
    assert [p.path for p in from_python.problems] == [own]
    assert from_text.problems[0].message == from_python.problems[0].message
