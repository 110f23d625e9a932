"""Schema versions: every version 1 document of an earlier release loads through its upgrades.

The files under tests/data/v1 were written by the release before version 2 and never change.
Version 3 only added ``reading`` to the findings of a compliance report.
"""

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from helhed.cases.halsnaes import HALSNAES
from helhed.errors import ValidationError
from helhed.json_schema import json_schema
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.compliance import ComplianceReport, check
from helhed.pathways.consent import audit
from helhed.pathways.pathway import Pathway
from helhed.rules import Finding, Severity
from helhed.serialization import (
    DOCUMENTS,
    FIRST_VERSIONS,
    SCHEMA_VERSION,
    UPGRADES,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from helhed.sources import Citation

V1 = Path(__file__).parent / "data" / "v1"
A = Administration


def _documents(file):
    data = json.loads((V1 / file).read_text(encoding="utf-8"))
    if isinstance(data, dict) and "schema_version" in data:
        return [data]
    return list(data.values()) if isinstance(data, dict) else data


FILES = {
    **{f"{name}.json": name for name in DOCUMENTS if name not in FIRST_VERSIONS},
    "catalogue-example.json": "catalogue",
    "citizens-demo.json": "citizen",
    "pathway-every-kind.json": "pathway",
    "pathways-aalborg.json": "pathway",
    "pathways-halsnaes.json": "pathway",
    "pathways-kolding.json": "pathway",
    "pathways-protocols.json": "pathway",
}


def test_this_release_writes_version_3_and_has_an_upgrade_from_each_older_one():
    assert SCHEMA_VERSION == 3
    assert set(UPGRADES) == {
        (name, v) for name in DOCUMENTS for v in (1, 2) if v >= FIRST_VERSIONS.get(name, 1)
    }
    assert FIRST_VERSIONS == {"protocol": 3}
    assert {p.name for p in V1.glob("*.json")} == {
        *FILES,
        "pathway-disclosure-recorded-by-receiver.json",
    }
    for name in DOCUMENTS:
        assert json_schema(name)["properties"]["schema_version"] == {"const": 3}


@pytest.mark.parametrize(("file", "name"), sorted(FILES.items()))
def test_every_version_1_document_loads_and_writes_as_version_3(file, name):
    documents = _documents(file)
    assert documents
    for document in documents:
        assert document["schema_version"] == 1
        value = from_dict(document, DOCUMENTS[name])
        written = to_dict(value)
        assert written["schema_version"] == 3
        assert from_dict(written, DOCUMENTS[name]) == value


@pytest.mark.parametrize("file", [f for f, name in FILES.items() if name != "pathway"])
def test_documents_other_than_pathways_read_the_same_in_every_version(file):
    for document in _documents(file):
        name = FILES[file]
        expected = {**document, "schema_version": 3}
        if name == "compliance-report":  # version 3 marks readings; older findings stated none
            expected["findings"] = [{**f, "reading": False} for f in document["findings"]]
        assert to_dict(from_dict(document, DOCUMENTS[name])) == expected
        assert from_dict({**document, "schema_version": 2}, DOCUMENTS[name]) == from_dict(
            document, DOCUMENTS[name]
        )


def test_a_version_1_event_was_recorded_when_it_happened_and_disclosed_what_its_recorder_held():
    (document,) = _documents("pathway-every-kind.json")
    pathway = from_dict(document, Pathway)

    for old, new in zip(document["events"], pathway.events, strict=True):
        assert new.recorded_on is None
        assert new.recorded_day.isoformat() == old["occurred_on"]
        assert new.recorded_at == (None if old["at"] is None else dt.time.fromisoformat(old["at"]))
        assert new.recorder is None
    disclosure = pathway.events[3]
    assert isinstance(disclosure, ev.InformationDisclosed)
    assert (disclosure.recorded_by, disclosure.source, disclosure.to) == (
        A.HEALTH,
        A.HEALTH,
        A.JOB_CENTRE,
    )
    # the version 1 withdrawal and its consent read as they did
    assert audit(pathway).on_consent[0].decision.allowed
    assert pathway.state.consents == ()


def test_a_version_1_disclosure_recorded_by_its_receiver_is_refused_at_its_path():
    (document,) = _documents("pathway-disclosure-recorded-by-receiver.json")

    with pytest.raises(ValidationError) as caught:
        from_dict(document, Pathway)
    (problem,) = caught.value.problems
    assert problem.path == "events[1].source"
    assert problem.message.startswith("is not known: a version 1 disclosure recorded by")
    with pytest.raises(ValidationError, match=r"^\[4\]\.events\[1\]\.source: is not known"):
        from_dict(document, Pathway, path="[4]")
    # naming the source is enough, in version 1 as in version 2
    fixed = json.loads(json.dumps(document))
    fixed["events"][1]["source"] = "sundhed"
    assert from_dict(fixed, Pathway).events[1].source is A.HEALTH
    assert from_dict({**fixed, "schema_version": 3}, Pathway) == from_dict(fixed, Pathway)


def test_a_version_1_disclosure_without_a_purpose_is_now_covered_by_no_consent():
    (document,) = _documents("pathway-every-kind.json")
    document = json.loads(json.dumps(document))
    document["events"][3]["purpose"] = None

    (entry,) = audit(from_dict(document, Pathway)).on_consent
    assert not entry.decision.allowed
    assert entry.decision.reasons[0].code == "consent.no_purpose"


def test_future_versions_stay_refused():
    (document,) = _documents("pathway-every-kind.json")
    with pytest.raises(ValidationError, match="schema_version: is not a supported version"):
        from_dict({**document, "schema_version": 4}, Pathway)


# --- compliance reports are checked on load ----------------------------------------------


def _report():
    day = dt.date(2024, 3, 4)
    events = [
        ev.Referred(
            citizen_id=cid,
            occurred_on=day,
            recorded_by=A.JOB_CENTRE,
            referral_id="r-1",
            offer="afklarende sundhedssamtale",
            to=A.HEALTH,
            voluntary=False,
        )
        for cid in ("a", "b")
    ]
    return check([Pathway.of([e]) for e in events], HALSNAES, on=dt.date(2024, 3, 31))


def test_a_compliance_report_round_trips_and_keeps_its_order():
    report = _report()
    assert [f.citizen_id for f in report.findings] == ["a", "b"]
    assert from_json(to_json(report), ComplianceReport) == report


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda r: {"findings": tuple(reversed(r.findings))}, "findings[1]", "is out of order"),
        (lambda _: {"pathways": 1}, "pathways", "must be at least the number of citizens"),
        (lambda _: {"protocol": " "}, "protocol", "must not be blank"),
        (lambda _: {"events": -1}, "events", "must be 0 or more"),
    ],
)
def test_a_compliance_report_that_contradicts_itself_is_refused(change, path, message):
    report = _report()
    changes = change(report)
    data = {**to_dict(report), **{k: _json(v) for k, v in changes.items()}}

    with pytest.raises(ValidationError) as from_json_:
        from_dict(data, ComplianceReport)
    with pytest.raises(ValidationError) as from_python:
        attrs.evolve(report, **changes)
    assert [(p.path, p.message) for p in from_json_.value.problems] == [
        (p.path, p.message) for p in from_python.value.problems
    ]
    ((where, what),) = [(p.path, p.message) for p in from_json_.value.problems]
    assert where == path
    assert what.startswith(message)


def _json(value):
    if isinstance(value, tuple):
        return [to_dict_finding(f) for f in value]
    return value


def to_dict_finding(finding):
    return {
        "rule_id": finding.rule_id,
        "citizen_id": finding.citizen_id,
        "severity": finding.severity.code,
        "events": list(finding.events),
        "dates": [d.isoformat() for d in finding.dates],
        "text_da": finding.text_da,
        "text_en": finding.text_en,
        "citation": {"source": finding.citation.source, "section": finding.citation.section},
    }


def test_a_finding_needs_its_texts_and_whole_positions():
    with pytest.raises(ValidationError) as caught:
        Finding(
            rule_id="x",
            citizen_id="c",
            severity=Severity.ERROR,
            events=(-1,),
            dates=(dt.datetime(2024, 1, 1, 9, 0),),  # noqa: DTZ001 - a datetime is refused
            text_da="",
            text_en="t",
            citation=Citation("SST2019"),
        )
    assert [p.path for p in caught.value.problems] == ["events[0]", "dates[0]", "text_da"]
