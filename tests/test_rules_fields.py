"""Each rule kind, match and condition names the field that is wrong, exactly; and the corners
where a match or a condition is asked about an event outside its pathway."""

import datetime as dt

import pytest

from helhed.errors import ValidationError
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway
from helhed.rules import (
    Every,
    Forbid,
    Match,
    Parallel,
    Precedes,
    Protocol,
    RequiresConsent,
    Rule,
    Within,
    when,
)
from helhed.rules.conditions import (
    AtLeast,
    PlanBy,
    PreparedFirst,
    ReferralFrom,
    at_least,
    conversation_first,
    field_is,
    prepared_first,
)
from helhed.rules.first_follow_up import FirstFollowUpByWeek8
from helhed.serialization import to_json
from helhed.sources import Citation

A = Administration
CITE = Citation("HALSNAES")
COMMON = {"id": "x.y", "citation": CITE, "text_da": "Regel.", "text_en": "Rule."}
MATCH = when(ev.Referred)
DAY = dt.date(2025, 1, 6)


def problem(build):
    with pytest.raises(ValidationError) as info:
        build()
    return str(info.value)


@pytest.mark.parametrize(
    ("build", "said"),
    [
        (lambda: Match(kinds=(ev.Referred,), to="sundhed"), "to: must be an Administration"),
        (lambda: Match(kinds=(ev.Referred,), conversation="x"),
         "conversation: must be a ConversationKind"),
        (lambda: Match(kinds=(int,)), "kinds: must name one or more event classes"),
        (lambda: when(int), "kinds: must name one or more event classes"),
        (when, "kinds: must name one or more event classes"),
        (lambda: Match(kinds=(ev.Referred,), where=lambda _p, _e: True),
         "where: must be a condition from helhed.rules.conditions or None"),
        (lambda: Match(kinds=(ev.Referred,), name_da=3, name_en="x"),
         "name_da: must be a string or null"),
        (lambda: Match(kinds=(ev.Referred,), name_da="x", name_en=3),
         "name_en: must be a string or null"),
        (lambda: Match(kinds=(ev.Referred,), name_en="x"),
         "name_da: must be given with the other name"),
        (lambda: when(ev.Referred, name="x"), "name: must be a pair of texts (Danish, English)"),
        (lambda: AtLeast(field=" ", minimum=1), "field: must not be blank"),
        (lambda: ReferralFrom(recorded_by=None, to=None),
         "recorded_by: must be an Administration; to: must be an Administration"),
        (lambda: PlanBy(plan_kind=ev.PlanKind.PURPOSE_PLAN, recorded_by="x"),
         "recorded_by: must be an Administration"),
        (lambda: PreparedFirst(offer="o", conversation="x"),
         "conversation: must be a ConversationKind"),
        # an optional text field takes text only, not a flag
        (lambda: when(ev.Referred, where=field_is("unit", True)), "where.value: must be text"),
        (lambda: Forbid(events="x", **COMMON), "events: must be a Match (see when())"),
        (lambda: Precedes(first="x", then="y", same="nope", **COMMON),
         "first: must be a Match (see when()); then: must be a Match (see when()); "
         "same: is not a field of any event kind"),
        (lambda: Within(days=1, after=MATCH, expect="x", **COMMON),
         "expect: must be a Match (see when())"),
        (lambda: Parallel(first="x", second="y", **COMMON),
         "first: must be an Administration; second: must be an Administration"),
        (lambda: RequiresConsent(category="x", to="y", **COMMON),
         "category: must be an InformationCategory; to: must be an Administration"),
        (lambda: Every(events="x", holds=at_least("professions", 2), failure_da=" ",
                       failure_en=" ", **COMMON),
         "events: must be a Match (see when()); failure_da: must not be blank; "
         "failure_en: must not be blank"),
    ],
)  # fmt: skip
def test_the_problem_names_its_field(build, said):
    assert problem(build) == said


def test_an_optional_text_field_takes_text():
    match = when(ev.Referred, where=field_is("unit", "Sygedagpengehuset"))
    assert match.where.value == "Sygedagpengehuset"


def referred(rid="r-1", offer="mentor", *, voluntary=True):
    return ev.Referred(citizen_id="c-1", occurred_on=DAY, recorded_by=A.JOB_CENTRE,
                       referral_id=rid, offer=offer, to=A.HEALTH, voluntary=voluntary)  # fmt: skip


def test_a_referral_outside_the_pathway_answers_for_itself():
    other = Pathway.of([referred("r-9")])
    outside = referred("r-1", voluntary=True)

    assert when(ev.Referred, voluntary=True)(other, outside)
    assert not when(ev.Referred, voluntary=False)(other, outside)


def test_conditions_asked_about_an_event_outside_the_pathway():
    pathway = Pathway.of([referred("r-1", offer="Flex")])
    start = ev.InterventionStarted(citizen_id="c-1", occurred_on=DAY, recorded_by=A.HEALTH,
                                   offer="Flex", referral_id="r-1")  # fmt: skip

    # no clarifying conversation anywhere: nothing to come first
    assert conversation_first(ev.ConversationKind.CLARIFYING_CONVERSATION)(pathway, start)
    # a referral for the offer and no preparation before the end of the timeline
    assert not prepared_first("Flex", ev.ConversationKind.PREPARATORY)(pathway, start)


class _OwnReferral(ev.Referred):
    """A case system's own kind of referral: it has no event kind code of its own."""


class _NoKind(Rule):
    """A rule of one's own, with no kind code."""

    def check(self, _pathway, _on):
        return iter(())


def test_writing_names_every_rule_and_match_a_document_cannot_hold():
    protocol = Protocol(
        id="own", name_da="Egen", name_en="Own", citation=CITE,
        rules=(
            _NoKind(id="own.a", citation=CITE, text_da="A.", text_en="A."),
            _NoKind(id="own.b", citation=CITE, text_da="B.", text_en="B."),
            Forbid(events=Match(kinds=(_OwnReferral,)), **{**COMMON, "id": "own.c"}),
        ),
    )  # fmt: skip
    said = problem(lambda: to_json(protocol))

    assert said.startswith("rules[0]: is a _NoKind, which is not a rule kind")
    assert "; rules[1]: is a _NoKind, which is not a rule kind" in said
    assert "; rules[2].events.kinds[0]: _OwnReferral has no event kind code of its own" in said


def test_a_late_first_follow_up_counts_the_days_in_danish():
    rule = FirstFollowUpByWeek8(**COMMON)
    da, en = rule.late(DAY, dt.date(2025, 3, 4), dt.date(2025, 3, 2))

    assert da.endswith("første opfølgningssamtale 2025-03-04, 2 dage efter sidste dag, 2025-03-02.")
    assert en.endswith("first follow-up conversation on 2025-03-04, 2 days after the last day, "
                       "2025-03-02.")  # fmt: skip


def test_at_least_asked_about_a_field_that_holds_no_items_does_not_hold():
    pathway = Pathway.of([referred()])
    # asked directly, outside a match that would have refused the field
    assert not at_least("occurred_on", 1)(pathway, pathway.events[0])
    assert not at_least("no_such_field", 1)(pathway, pathway.events[0])
