"""The short ways the rules of a check take give what the general ways give.

Rules read the events of a kind from a list shared while a pathway is checked
(``entries_of_kinds``); ``requires_consent`` skips the audit when every disclosure plainly
had consent; ``within`` and ``parallel`` gather their events in one pass. Each is held here
against the general way, written out as it was: the whole timeline scanned, the audit run for
every pathway, the intervals of each administration gathered apart.
"""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.cases.halsnaes import HALSNAES
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.consent import audit
from helhed.pathways.pathway import entries_of_kinds
from helhed.rules import Parallel, RequiresConsent, Within, parallel, requires_consent, when
from helhed.sources import Citation
from helhed.testing import strategies as hs

_TEXTS = {"citation": Citation("HALSNAES"), "text_da": "Regel.", "text_en": "Rule."}
_WITHIN = next(r for r in HALSNAES.rules if isinstance(r, Within))
_SINGLE_KINDS = [(cls,) for cls in ev.EVENT_TYPES.values()]


def _scanned(pathway, kinds):
    return [
        (k, position, event)
        for k, (position, event) in enumerate(pathway.numbered)
        if isinstance(event, kinds)
    ]


@settings(max_examples=80)
@given(hs.pathways(), st.data())
def test_the_shared_entries_of_a_kind_are_what_a_scan_finds(pathway, data):
    kinds = data.draw(st.sampled_from(_SINGLE_KINDS))
    other = data.draw(hs.pathways())

    assert list(entries_of_kinds(pathway, kinds)) == _scanned(pathway, kinds)
    assert list(entries_of_kinds(other, kinds)) == _scanned(other, kinds)  # another, in turn
    assert list(entries_of_kinds(pathway, kinds)) == _scanned(pathway, kinds)


def _consent_findings_by_audit(rule, pathway):
    """``requires_consent`` as the audit alone judges it: the general way."""
    found = []
    for entry in audit(pathway).without_consent:
        event = entry.event
        if event.category is rule.category and event.to is rule.to:
            reason = entry.decision.reasons[0]
            found.append(
                rule.finding(
                    pathway, (entry.index,), (event.occurred_on,),
                    rule.detail(event.occurred_on, reason),
                )
            )  # fmt: skip
    return found


@settings(max_examples=150)
@given(hs.pathways(), st.data())
def test_requires_consent_finds_what_the_audit_finds(pathway, data):
    on = data.draw(hs.dates())
    cut = pathway.until(on)
    for category in ev.InformationCategory:
        for to in Administration:
            rule = requires_consent(category, to, id="c", **_TEXTS)
            assert isinstance(rule, RequiresConsent)
            assert list(rule.check(cut, on)) == _consent_findings_by_audit(rule, cut)
            assert list(rule.check(pathway, on)) == _consent_findings_by_audit(rule, pathway)


def _old_intervals(steps, administration, end):
    open_, spans = {}, []
    for _, i, event in steps:
        if event.recorded_by is not administration:
            continue
        if isinstance(event, ev.InterventionStarted):
            open_[event.offer] = (i, event.occurred_on)
        else:
            started = open_.pop(event.offer, None)
            if started is not None:
                spans.append((started[0], started[1], event.occurred_on))
    spans.extend((i, start, end) for i, start in open_.values())
    return spans


def _parallel_by_administration(rule, pathway, on):
    """``parallel`` with each administration's intervals gathered apart: the general way."""
    steps = pathway.of_kinds(
        (ev.InterventionStarted, ev.InterventionCompleted, ev.InterventionDroppedOut)
    )
    end = pathway.closed_on or on
    ones = _old_intervals(steps, rule.first, end)
    twos = _old_intervals(steps, rule.second, end)
    if not ones or not twos or any(a[1] <= b[2] and b[1] <= a[2] for a in ones for b in twos):
        return []
    return [
        rule.finding(
            pathway, sorted(i for i, _, _ in (*ones, *twos)),
            (min(a[1] for a in ones), min(b[1] for b in twos)), rule.detail,
        )
    ]  # fmt: skip


@settings(max_examples=150)
@given(hs.pathways(), st.data())
def test_parallel_finds_what_gathering_each_administration_apart_finds(pathway, data):
    on = data.draw(hs.dates())
    first = data.draw(st.sampled_from(Administration))
    second = data.draw(st.sampled_from(Administration))
    rule = parallel(first, second, id="p", **_TEXTS)
    assert isinstance(rule, Parallel)
    cut = pathway.until(on)

    assert list(rule.check(cut, on)) == _parallel_by_administration(rule, cut, on)


def _within_answer_by_answer(rule, pathway, on):
    """``within`` testing every answer against ``expect`` for each trigger: the general way."""
    found = []
    for k, i, trigger in pathway.of_kinds(rule.after.kinds):
        if not rule.after(pathway, trigger):
            continue
        try:
            deadline = trigger.occurred_on + dt.timedelta(days=rule.days)
        except OverflowError:
            continue
        answer = next(
            (
                (j, e)
                for later, j, e in pathway.of_kinds(rule.expect.kinds)
                if later > k
                and rule.expect(pathway, e)
                and (
                    rule.same is None
                    or getattr(trigger, rule.same, None) is None
                    or getattr(e, rule.same, None) in (None, getattr(trigger, rule.same))
                )
            ),
            None,
        )
        if answer is None:
            if on > deadline:
                found.append(
                    rule.finding(
                        pathway, (i,), (trigger.occurred_on, deadline),
                        rule.missing(trigger.kind, trigger.occurred_on),
                    )
                )  # fmt: skip
        elif answer[1].occurred_on > deadline:
            j, e = answer
            found.append(
                rule.finding(
                    pathway, (i, j), (trigger.occurred_on, e.occurred_on),
                    rule.late(trigger.kind, trigger.occurred_on, e.kind, e.occurred_on),
                )
            )  # fmt: skip
    return found


@settings(max_examples=150)
@given(hs.pathways(), st.data())
def test_within_finds_what_testing_each_answer_for_each_trigger_finds(pathway, data):
    on = data.draw(hs.dates())
    days = data.draw(st.integers(0, 30))
    same = data.draw(st.sampled_from(["referral_id", None]))
    recorded_by = data.draw(st.none() | st.sampled_from(Administration))
    rule = Within(
        id="w", days=days, after=_WITHIN.after,
        expect=when(ev.ContactMade, ev.ConversationHeld, recorded_by=recorded_by),
        same=same, **_TEXTS,
    )  # fmt: skip
    cut = pathway.until(on)

    assert list(rule.check(cut, on)) == _within_answer_by_answer(rule, cut, on)
    assert list(_WITHIN.check(cut, on)) == _within_answer_by_answer(_WITHIN, cut, on)
