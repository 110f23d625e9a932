"""The short ways a pathway and a check take give what the general ways give.

A pathway takes the usual event in one step (``Log.take_all``), cuts a log in order by its
first events (``until``), and rules pick their events by class (``Pathway.of_kinds``);
findings and consent reasons are built without running their checks again. Each is held
here against the general way: events added one by one, the whole log scanned, and values
rebuilt through their constructors.
"""

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.cases.halsnaes import HALSNAES
from helhed.errors import TransitionError, ValidationError
from helhed.examples.halsnaes import HALSNAES_CHECK_DATE, halsnaes_pathways
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.consent import audit
from helhed.pathways.log import Log
from helhed.pathways.pathway import Pathway
from helhed.rules import Finding
from helhed.sources import Reason
from helhed.testing import strategies as hs

DAY = dt.date(2024, 3, 4)


def _added_one_by_one(pathway):
    log = Log(pathway.citizen_id)
    for index in range(len(pathway.events)):
        log.add(pathway.events, index)
    return log


@settings(max_examples=60)
@given(hs.pathways())
def test_taking_a_log_in_at_once_equals_adding_it_event_by_event(pathway):
    log = _added_one_by_one(pathway)

    assert log.replay.snapshot(pathway.events) == pathway.state
    assert list(log.timeline) == list(pathway.positions)
    assert log.annulled == dict(pathway.annulled)
    assert (log.latest, log.latest_day, log.latest_at) == (
        pathway._log.latest,
        pathway._log.latest_day,
        pathway._log.latest_at,
    )


@settings(max_examples=60)
@given(hs.pathways(), st.data())
def test_of_kinds_picks_what_a_scan_of_the_timeline_finds(pathway, data):
    kinds = tuple(data.draw(st.lists(st.sampled_from(list(ev.EVENT_TYPES.values())), min_size=1)))
    scanned = [
        (k, position, event)
        for k, (position, event) in enumerate(pathway.numbered)
        if isinstance(event, kinds)
    ]

    assert pathway.of_kinds(kinds) == scanned


@attrs.frozen(kw_only=True)
class _Phoned(ev.ContactMade):
    """A class of event helhed does not define: a contact by phone."""


def test_of_kinds_finds_events_of_a_class_helhed_does_not_define():
    referred = ev.Referred(
        citizen_id="c-1", occurred_on=DAY, recorded_by=Administration.JOB_CENTRE, referral_id="r-1",
        offer="afklarende samtale", to=Administration.HEALTH, voluntary=True,
    )  # fmt: skip
    phoned = _Phoned(citizen_id="c-1", occurred_on=DAY, recorded_by=Administration.HEALTH)
    contact = ev.ContactMade(citizen_id="c-1", occurred_on=DAY, recorded_by=Administration.HEALTH)
    pathway = Pathway.of([referred, phoned, contact])

    assert pathway.of_kinds((ev.ContactMade,)) == [(1, 1, phoned), (2, 2, contact)]
    assert pathway.of_kinds((_Phoned,)) == [(1, 1, phoned)]
    assert pathway.of_kinds((ev.Referred, _Phoned)) == [(0, 0, referred), (1, 1, phoned)]
    assert pathway.of_kinds((ev.PathwayClosed,)) == []
    assert pathway.of_kinds((int,)) == []
    for bad in ([ev.Referred], ("Referred",), (None,)):
        with pytest.raises(ValidationError, match="kinds: must be a tuple of event classes"):
            pathway.of_kinds(bad)


@settings(max_examples=60)
@given(hs.pathways(), st.data())
def test_a_log_cut_by_its_first_events_equals_a_pathway_built_from_them(pathway, data):
    on = data.draw(hs.dates())
    cut = pathway.until(on)

    if not pathway.annulled and cut is not pathway:
        kept = tuple(e for e in pathway.events if e.occurred_on <= on)
        assert cut == Pathway(citizen_id=pathway.citizen_id, events=kept)
        assert cut.state == Pathway(citizen_id=pathway.citizen_id, events=kept).state
    assert cut.until(on) == cut


def test_an_item_that_is_no_event_is_named_before_an_event_that_cannot_follow():
    accepted = ev.ReferralAccepted(
        citizen_id="c-1", occurred_on=DAY, recorded_by=Administration.HEALTH, referral_id="r-1"
    )

    with pytest.raises(TransitionError, match=r"events\[0\]"):
        Pathway(citizen_id="c-1", events=(accepted,))
    with pytest.raises(ValidationError, match=r"events\[1\]: must be an Event"):
        Pathway(citizen_id="c-1", events=(accepted, "not an event"))


def test_findings_and_reasons_of_a_check_pass_their_constructors():
    pathways = halsnaes_pathways()
    report = check(pathways, HALSNAES, on=HALSNAES_CHECK_DATE)
    reasons = [
        reason
        for pathway in pathways
        for entry in audit(pathway)
        for reason in entry.decision.reasons
    ]

    assert report.findings
    assert reasons
    for finding in report.findings:
        assert Finding(**attrs.asdict(finding, recurse=False)) == finding
    for reason in reasons:
        assert Reason(**attrs.asdict(reason, recurse=False)) == reason


def test_a_finding_with_a_bad_position_still_raises():
    rule = HALSNAES.rules[0]
    pathway = halsnaes_pathways()[0]

    with pytest.raises(ValidationError, match=r"events\[0\]"):
        rule.finding(pathway, (-1,), (DAY,), ("a", "b"))
    with pytest.raises(ValidationError, match=r"dates\[0\]"):
        rule.finding(pathway, (0,), ("2024-03-04",), ("a", "b"))
