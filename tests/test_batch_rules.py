"""The columnar evaluators by rule kind: the registry, the plan, and the object path's warning."""

import datetime as dt
import warnings

import attrs
import pytest

pytest.importorskip("pyarrow")

from helhed.batch import (
    ObjectPathWarning,
    RulePlan,
    check_frame,
    evaluation_plan,
    findings_of,
    report_frame,
)
from helhed.batch.rules import EVALUATORS
from helhed.cases.halsnaes import HALSNAES
from helhed.errors import HelhedWarning, ValidationError
from helhed.frames import to_frame
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.bases import shipped_protocols
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway
from helhed.rules import (
    AtMostPer,
    CoordinatingCaseworkerAssigned,
    Every,
    FirstFollowUpByWeek8,
    Forbid,
    Match,
    OneCoordinatingCaseworker,
    Parallel,
    PlanSpansProfessions,
    Precedes,
    Protocol,
    RequiresConsent,
    RescreenedAtEnd,
    Rule,
    SameInstrument,
    SupportUntilSettled,
    Within,
    forbid,
    when,
    within,
)
from helhed.sources import Citation

D = dt.date(2024, 3, 4)  # a Monday
ON = dt.date(2024, 3, 31)
CITE = Citation("HALSNAES")
TEXTS = {"citation": CITE, "text_da": "Regel.", "text_en": "Rule."}
A = Administration
HIDDEN = "hemmelig-7"  # a citizen id that must not reach a warning


def at(days):
    return D + dt.timedelta(days=days)


def late_contact(cid=HIDDEN):
    """Referred and accepted on 4 March, contact on 13 March: 9 days, 2 over a week."""
    common = {"citizen_id": cid, "referral_id": "r-1"}
    return Pathway.of([
        ev.Referred(**common, occurred_on=at(0), recorded_by=A.JOB_CENTRE, offer="samtale",
                    to=A.HEALTH, voluntary=True),
        ev.ReferralAccepted(**common, occurred_on=at(0), recorded_by=A.HEALTH),
        ev.ContactMade(**common, occurred_on=at(9), recorded_by=A.HEALTH),
    ])  # fmt: skip


CONTACT = within(7, after=when(ev.ReferralAccepted), expect=when(ev.ContactMade),
                 id="mine.contact", **TEXTS)  # fmt: skip


class _MyWithin(Within):
    """A subclass: it may check differently, so the columnar Within is not taken for it."""


class _Narrow(Match):
    """A Match subclass: its own ``__call__`` may narrow the match."""


def protocol_of(*rules):
    return Protocol(id="mine", name_da="T", name_en="T", rules=rules, citation=CITE)


def test_each_kind_has_its_evaluator_in_the_module_named_as_its_rules_module():
    module = {Forbid: "forbid", Within: "within", Precedes: "precedes", Parallel: "parallel",
              RequiresConsent: "requires_consent", Every: "every", AtMostPer: "at_most_per",
              CoordinatingCaseworkerAssigned: "caseworkers",
              OneCoordinatingCaseworker: "caseworkers",
              FirstFollowUpByWeek8: "first_follow_up", RescreenedAtEnd: "rescreened",
              PlanSpansProfessions: "plan_professions", SameInstrument: "same_instrument",
              SupportUntilSettled: "settled"}  # fmt: skip
    assert {kind: e.evaluate.__module__ for kind, e in EVALUATORS.items()} == {
        kind: f"helhed.batch.rules.{name}" for kind, name in module.items()
    }
    for kind, name in module.items():
        assert kind.__module__ == f"helhed.rules.{name}"
        assert EVALUATORS[kind].kind is kind


def test_the_plan_of_halsnaes_is_all_columnar():
    assert evaluation_plan(HALSNAES) == (
        RulePlan(rule_id="halsnaes.voluntary", kind="Forbid", columnar=True,
                 why="over whole columns"),
        RulePlan(rule_id="halsnaes.contact_within_week", kind="Within", columnar=True,
                 why="over whole columns"),
        RulePlan(rule_id="halsnaes.parallel", kind="Parallel", columnar=True,
                 why="over whole columns"),
        RulePlan(rule_id="halsnaes.consent", kind="RequiresConsent",
                 columnar=True, why="over whole columns"),
    )  # fmt: skip


def test_a_columnar_check_is_silent_and_says_so_in_attrs():
    frame = to_frame([late_contact()])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = check_frame(frame, protocol_of(CONTACT), on=ON)
    assert caught == []
    assert found.attrs["helhed:object_path"] == ()
    assert list(found["rule_id"]) == ["mine.contact"]


def test_a_subclass_of_a_kind_runs_on_objects_and_warns_once_without_data():
    mine = _MyWithin(**attrs.asdict(CONTACT, recurse=False))
    protocol = protocol_of(mine, forbid(when(ev.ConsentRefused), id="no.refusal", **TEXTS))
    assert [(p.rule_id, p.columnar, p.why) for p in evaluation_plan(protocol)] == [
        ("mine.contact", False, "_MyWithin is a subclass of Within, which may check differently"),
        ("no.refusal", True, "over whole columns"),
    ]
    pathways = [late_contact()]
    with pytest.warns(ObjectPathWarning) as record:
        found = check_frame(to_frame(pathways), protocol, on=ON)
    assert len(record) == 1
    assert str(record[0].message) == (
        "1 rule(s) of protocol 'mine' run on objects, not over columns: 'mine.contact' "
        "(_MyWithin is a subclass of Within, which may check differently)"
    )
    assert record[0].filename == __file__  # it points at the caller
    assert HIDDEN not in str(record[0].message)
    assert found.attrs["helhed:object_path"] == ("mine.contact",)
    # The findings are the object API's: the contact 9 days after the acceptance, late.
    assert findings_of(found) == check(pathways, protocol, on=ON).findings
    assert [(f.rule_id, f.events, f.dates) for f in findings_of(found)] == [
        ("mine.contact", (1, 2), (at(0), at(9)))
    ]


def test_an_evaluator_declines_a_match_subclass_and_says_why():
    narrow = _Narrow(**attrs.asdict(when(ev.ContactMade), recurse=False))
    rule = forbid(narrow, id="no.contact", **TEXTS)
    protocol = protocol_of(rule)
    plan = evaluation_plan(protocol)
    assert plan == (
        RulePlan(rule_id="no.contact", kind="Forbid", columnar=False,
                 why="its event match is a _Narrow, a subclass of Match"),
    )  # fmt: skip
    pathways = [late_contact()]
    with pytest.warns(ObjectPathWarning, match=r"'no\.contact' \(its event match is a _Narrow"):
        report = report_frame(to_frame(pathways), protocol, on=ON)
    assert report == check(pathways, protocol, on=ON)
    assert [f.events for f in report.findings] == [(2,)]


class _Quiet(Rule):
    """A rule class of its own, with no columnar evaluator: it never finds anything."""

    def check(self, _pathway, _on):
        return iter(())


def test_a_rule_with_no_evaluator_is_named_with_its_class():
    protocol = protocol_of(CONTACT, _Quiet(id="mine.quiet", **TEXTS))
    plan = evaluation_plan(protocol)
    assert [(p.rule_id, p.kind, p.columnar) for p in plan] == [
        ("mine.contact", "Within", True),
        ("mine.quiet", "_Quiet", False),
    ]
    assert plan[1].why == "no columnar evaluator for _Quiet"


def test_the_kinds_say_how():
    plan = evaluation_plan(shipped_protocols()["model2"])
    assert [(p.kind, p.columnar, p.why) for p in plan] == [
        ("Precedes", True, "over whole columns"),
        ("Every", True, "over whole columns, holds by its condition's mask"),
    ]  # fmt: skip
    plan = evaluation_plan(shipped_protocols()["kobenhavn_ips"])
    assert (plan[0].kind, plan[0].columnar, plan[0].why) == (
        "AtMostPer",
        True,
        "over whole columns",
    )


def test_no_shipped_protocol_runs_on_objects():
    # Every rule of the 17 shipped protocols has a columnar evaluator that takes it.
    plans = {pid: evaluation_plan(protocol) for pid, protocol in shipped_protocols().items()}

    assert len(plans) == 17
    assert [(pid, p.rule_id) for pid, plan in plans.items() for p in plan if not p.columnar] == []


def test_the_plan_refuses_what_is_not_a_protocol():
    with pytest.raises(ValidationError, match=r"^protocol: must be a Protocol$"):
        evaluation_plan("halsnaes")


def test_a_plan_is_a_frozen_value_and_the_warning_a_user_warning():
    plan = evaluation_plan(HALSNAES)[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        plan.columnar = False
    assert issubclass(ObjectPathWarning, HelhedWarning)
    assert issubclass(HelhedWarning, UserWarning)
