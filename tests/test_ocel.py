"""OCEL 2.0: the export validates against the standard's JSON schema and reads back whole."""

import copy
import datetime as dt
import json
import pathlib
from collections import Counter

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed import exports
from helhed.benefits import Benefit
from helhed.errors import TransitionError, ValidationError
from helhed.examples import aalborg_pathways, halsnaes_pathways
from helhed.ocel import DANISH_TIME, OCEL_TYPES, from_ocel, to_ocel
from helhed.organisation import Administration, Role
from helhed.pathways.events import (
    AssessmentHeld,
    BenefitChanged,
    ContactMade,
    EventAnnulled,
    InformationCategory,
    InterventionStarted,
    PathwayClosed,
    Referred,
    ScreeningRecorded,
)
from helhed.pathways.pathway import Pathway
from helhed.testing import strategies as hs

A = Administration
SCHEMA = json.loads(
    (pathlib.Path(__file__).parent / "data" / "ocel20-schema-json.json").read_text("utf-8")
)
# The schema's own draft; its date-time format is checked by rfc3339-validator (dev extra).
_DRAFT = jsonschema.validators.validator_for(SCHEMA)
_DRAFT.check_schema(SCHEMA)
VALIDATOR = _DRAFT(SCHEMA, format_checker=_DRAFT.FORMAT_CHECKER)


def errors(log):
    return [e.message for e in VALIDATOR.iter_errors(json.loads(json.dumps(log)))]


def common(on, **extra):
    return {"citizen_id": "c-1", "occurred_on": on, "recorded_by": A.JOB_CENTRE, **extra}


def referred(on, **extra):
    return Referred(
        **common(on, **extra), referral_id="r-1", offer="rygestop", to=A.HEALTH, voluntary=True
    )


def citizen_times(log):
    """(citizen object id, time) of every event."""
    return [
        (r["objectId"], e["time"])
        for e in log["events"]
        for r in e["relationships"]
        if r["qualifier"] == "citizen"
    ]


def attributes(event):
    return {a["name"]: a["value"] for a in event["attributes"]}


# The schema


def test_the_shipped_schema_is_the_ocel_20_json_schema():
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert SCHEMA["required"] == ["eventTypes", "objectTypes", "events", "objects"]
    value = SCHEMA["properties"]["events"]["items"]["properties"]["attributes"]["items"]
    assert value["properties"]["value"] == {"type": "string"}


def test_the_schema_refuses_a_boolean_value_and_a_bad_time():
    """The checks can fail: the shape written before, a JSON boolean, is refused."""
    log = to_ocel([Pathway.of([referred(dt.date(2024, 3, 4))])])
    assert errors(log) == []
    bad = copy.deepcopy(log)
    bad["objects"][1]["attributes"][2]["value"] = True
    assert errors(bad) == ["True is not of type 'string'"]
    bad = copy.deepcopy(log)
    bad["events"][0]["time"] = "2024-03-04"
    assert errors(bad) == ["'2024-03-04' is not a 'date-time'"]


@pytest.mark.parametrize("pathways", [aalborg_pathways, halsnaes_pathways])
def test_the_example_logs_validate_and_read_back(pathways):
    pathways = list(pathways())
    log = to_ocel(pathways)
    assert errors(log) == []
    assert len(log["events"]) == sum(len(p.events) for p in pathways)
    times = citizen_times(log)
    assert len(times) == len(set(times))  # no two events of a citizen at one time
    assert from_ocel(json.loads(json.dumps(log))) == pathways


def test_aalborg_counts_and_no_ties():
    """Before, 1,163 of the 1,668 events shared a citizen's day at midnight with another."""
    pathways = aalborg_pathways()
    log = to_ocel(pathways)
    assert len(log["events"]) == 1668
    types = Counter(o["type"] for o in log["objects"])
    assert types["citizen"] == len(pathways)
    assert types["referral"] == sum(len(p.state.referrals) for p in pathways)
    assert Counter(e["type"] for e in log["events"]) == Counter(
        e.kind.code for p in pathways for e in p.events
    )
    days = Counter((c, t[:10]) for c, t in citizen_times(log))
    assert sum(n for n in days.values() if n > 1) == 1163
    assert len(set(citizen_times(log))) == 1668


def test_exports_still_offers_to_ocel():
    assert exports.to_ocel is to_ocel
    assert exports.from_ocel is from_ocel


# Worked examples


def test_values_are_strings_with_their_declared_types():
    day = dt.date(2024, 3, 4)
    pathway = Pathway.of(
        [
            referred(day),
            AssessmentHeld(
                **common(day),
                professions=frozenset({Role.PHYSIOTHERAPIST, Role.CASEWORKER}),
                administrations=frozenset({A.HEALTH, A.JOB_CENTRE}),
            ),
            ScreeningRecorded(**common(day + dt.timedelta(days=1)), instrument="WHO-5", score=12),
            BenefitChanged(**common(day + dt.timedelta(days=2)), benefit=None),
        ]
    )
    log = to_ocel([pathway])
    assert errors(log) == []
    referral, assessment, screening, benefit = log["events"]
    assert referral["attributes"] == [
        {"name": "helhed:index", "value": "0"},
        {"name": "occurred_on", "value": "2024-03-04"},
        {"name": "recorded_by", "value": "jobcenter"},
        {"name": "referral_id", "value": "r-1"},
        {"name": "offer", "value": "rygestop"},
        {"name": "to", "value": "sundhed"},
        {"name": "voluntary", "value": "true"},
    ]
    assert attributes(assessment)["professions"] == ";".join(
        sorted([Role.PHYSIOTHERAPIST.code, Role.CASEWORKER.code])
    )
    assert attributes(assessment)["administrations"] == "jobcenter;sundhed"
    assert attributes(screening)["score"] == "12"
    assert "benefit" not in attributes(benefit)  # a change to no benefit: no value
    declared = {
        t["name"]: {a["name"]: a["type"] for a in t["attributes"]} for t in log["eventTypes"]
    }
    assert list(declared) == [
        "henvist",
        "screening_registreret",
        "tvaerfaglig_vurdering",
        "forsoergelse_aendret",
    ]
    assert declared["henvist"]["voluntary"] == "boolean"
    assert declared["henvist"]["helhed:index"] == "integer"
    assert declared["screening_registreret"]["score"] == "integer"
    assert declared["forsoergelse_aendret"]["benefit"] == "string"
    assert {t for types in declared.values() for t in types.values()} <= OCEL_TYPES
    assert log["objects"][1]["attributes"][2] == {
        "name": "voluntary",
        "time": "2024-03-04T00:00:00+01:00",
        "value": "true",
    }
    assert from_ocel(log) == [pathway]


def test_times_keep_the_order_within_a_day():
    day = dt.date(2024, 3, 4)
    pathway = Pathway.of(
        [
            referred(day),
            ContactMade(**common(day), referral_id="r-1"),
            ContactMade(**common(day, at=dt.time(9, 30)), referral_id="r-1"),
            ContactMade(**common(day, at=dt.time(9, 30)), referral_id="r-1"),
            ContactMade(**common(day), referral_id="r-1"),
            ContactMade(**common(day + dt.timedelta(days=1)), referral_id="r-1"),
        ]
    )
    assert [e["time"] for e in to_ocel([pathway])["events"]] == [
        "2024-03-04T00:00:00+01:00",  # untimed: midnight,
        "2024-03-04T00:00:01+01:00",  # then a second after the one before
        "2024-03-04T09:30:00+01:00",  # recorded time as it is
        "2024-03-04T09:30:01+01:00",  # the same recorded time: a second later
        "2024-03-04T09:30:02+01:00",
        "2024-03-05T00:00:00+01:00",
    ]


def test_a_late_event_takes_its_place_by_the_time_it_happened():
    day = dt.date(2024, 3, 4)
    pathway = Pathway.of(
        [
            referred(day, at=dt.time(8)),
            ContactMade(**common(day, at=dt.time(11)), referral_id="r-1"),
            ContactMade(**common(day, at=dt.time(10), recorded_at=dt.time(12)), referral_id="r-1"),
        ]
    )
    log = to_ocel([pathway])
    assert [e["time"][11:19] for e in log["events"]] == ["08:00:00", "11:00:00", "10:00:00"]
    assert attributes(log["events"][2])["at"] == "10:00:00"
    assert attributes(log["events"][2])["recorded_at"] == "12:00:00"
    assert from_ocel(log) == [pathway]


def test_summer_time_and_the_hour_that_does_not_exist():
    """31 March 2024 clocks go from 02:00 to 03:00 in Denmark: 02:30 is 03:30 summer time."""
    pathway = Pathway.of(
        [
            referred(dt.date(2024, 3, 31), at=dt.time(2, 30)),
            ContactMade(**common(dt.date(2024, 3, 31), at=dt.time(3)), referral_id="r-1"),
            ContactMade(**common(dt.date(2024, 6, 3), at=dt.time(9, 30)), referral_id="r-1"),
        ]
    )
    log = to_ocel([pathway])
    assert [e["time"] for e in log["events"]] == [
        "2024-03-31T03:30:00+02:00",
        "2024-03-31T03:30:01+02:00",  # 03:00 is before 03:30: a second after it
        "2024-06-03T09:30:00+02:00",
    ]
    assert from_ocel(log) == [pathway]


def test_annulments_are_written_and_read_back():
    day = dt.date(2024, 3, 4)
    pathway = Pathway.of(
        [
            referred(day),
            InterventionStarted(**common(day), offer="rygestop", referral_id="r-1"),
            EventAnnulled(
                **common(day + dt.timedelta(days=1), recorder="hk-7"),
                annuls=1,
                reason="indtastet ved en fejl",
            ),
            PathwayClosed(**common(day + dt.timedelta(days=2))),
        ]
    )
    log = to_ocel([pathway])
    assert errors(log) == []
    assert [e["type"] for e in log["events"]] == [
        "henvist",
        "indsats_startet",
        "haendelse_annulleret",
        "forloeb_afsluttet",
    ]
    annulment = attributes(log["events"][2])
    assert (annulment["annuls"], annulment["recorder"]) == ("1", "hk-7")
    assert from_ocel(log) == [pathway]
    # order in the file does not matter: helhed:index puts the log back in order
    shuffled = dict(log, events=list(reversed(log["events"])))
    assert from_ocel(shuffled) == [pathway]


def test_a_citizen_without_events_keeps_their_place():
    pathways = [Pathway(citizen_id="c-0"), Pathway.of([referred(dt.date(2024, 3, 4))])]
    log = to_ocel(pathways)
    assert errors(log) == []
    assert log["objects"][0]["attributes"] == [
        {"name": "citizen_id", "time": "1970-01-01T00:00:00Z", "value": "c-0"}
    ]
    assert from_ocel(log) == pathways


def test_no_set_field_code_holds_the_separator():
    for enum in (Role, Administration, InformationCategory):
        assert all(";" not in member.code for member in enum)


# Bad input


def good_log():
    day = dt.date(2024, 3, 4)
    return to_ocel(
        [
            Pathway.of(
                [
                    referred(day),
                    ScreeningRecorded(**common(day), instrument="WHO-5", score=7),
                    BenefitChanged(**common(day), benefit=Benefit.FLEX_JOB),
                ]
            )
        ]
    )


def refused(log):
    with pytest.raises(ValidationError) as caught:
        from_ocel(log)
    return str(caught.value)


def test_bad_values_are_refused_by_path_never_by_value():
    log = good_log()
    log["events"][1]["attributes"][-1]["value"] = "tolv"  # score
    message = refused(log)
    assert message == (
        "events[1].attributes[4].value: must be a whole number, as its declared type is integer"
    )
    assert "tolv" not in message
    log = good_log()
    log["events"][0]["attributes"][6]["value"] = "ja"
    assert refused(log) == (
        "events[0].attributes[6].value: must be true or false, as its declared type is boolean"
    )
    log = good_log()
    log["events"][2]["attributes"][3]["value"] = "secret-benefit"
    message = refused(log)
    assert message.startswith("events[2].attributes[3].value: unknown Benefit code")
    assert "secret-benefit" not in message


def test_bad_shapes_are_refused_by_path():
    assert refused([]) == "must be an OCEL 2.0 JSON object"
    log = good_log()
    del log["events"]
    assert refused(log) == "events: must be a list"
    log = good_log()
    log["events"][1]["attributes"][0]["name"] = "favourite_colour"
    assert refused(log) == "events[1].attributes[0].name: is not a field of the event kind"
    log = good_log()
    log["events"][1]["relationships"] = []
    assert refused(log) == (
        "events[1].relationships: must relate the event to one citizen object, qualifier citizen"
    )
    log = good_log()
    log["events"][1]["type"] = "unknown"
    assert refused(log) == "events[1].type: is not the code of an event kind"
    log = good_log()
    log["eventTypes"][0]["attributes"][11]["type"] = "string"  # voluntary
    assert refused(log) == (
        "events[0].attributes[6].name: must be declared in eventTypes with type boolean"
    )
    log = good_log()
    log["eventTypes"][0]["attributes"][0]["type"] = "number"
    assert refused(log).startswith("eventTypes[0].attributes[0].type: must be an OCEL type")
    log = good_log()
    del log["events"][0]["attributes"][4]  # the referral's offer
    assert refused(log) == "events[0].offer: is required"


def test_the_log_order_is_checked():
    log = good_log()
    log["events"][1]["attributes"][0]["value"] = "0"
    assert refused(log) == "events[1]: repeats the helhed:index of events[0]"
    log = good_log()
    log["events"][2]["attributes"][0]["value"] = "7"
    assert refused(log) == "events: leave out helhed:index 2 of the citizen's events"
    log = good_log()  # the referral moved after the screening: the log cannot hold it
    log["events"][0]["attributes"][0]["value"] = "1"
    log["events"][1]["attributes"][0]["value"] = "0"
    assert refused(log).startswith("events[1]: ")


# Properties


@st.composite
def timed_pathways(draw):
    """Drawn pathways whose events sometimes carry a time of day, a recording time, a recorder.

    Each is set where the log still holds with it; a time breaking the order of recording
    is left out.
    """
    pathway = draw(hs.pathways(max_events=15))
    events = list(pathway.events)
    for i, event in enumerate(events):
        changes = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "at": st.none() | st.times(),
                    "recorded_at": st.none() | st.times(),
                    "recorder": st.sampled_from(["hk-1", "hk-2"]),
                },
            )
        )
        try:
            changed = attrs.evolve(event, **changes)
            Pathway(citizen_id=pathway.citizen_id, events=(*events[:i], changed, *events[i + 1 :]))
        except (TransitionError, ValidationError):
            continue
        events[i] = changed
    return Pathway(citizen_id=pathway.citizen_id, events=tuple(events))


distinct_pathways = st.lists(timed_pathways(), max_size=3, unique_by=lambda p: p.citizen_id)


def test_recorded_times_survive_to_the_microsecond():
    day = dt.date(2024, 3, 4)
    pathway = Pathway.of(
        [
            referred(day, at=dt.time(8, 15, 0, 250)),
            ContactMade(
                **common(day, at=dt.time(9, 30, 0, 123456), recorder="hk-1"),
                recorded_on=day + dt.timedelta(days=2),
                recorded_at=dt.time(7, 5),
                referral_id="r-1",
            ),
        ]
    )
    log = to_ocel([pathway])
    assert errors(log) == []
    late = attributes(log["events"][1])
    assert (late["at"], late["recorded_on"], late["recorded_at"], late["recorder"]) == (
        "09:30:00.123456",
        "2024-03-06",
        "07:05:00",
        "hk-1",
    )
    assert log["events"][0]["time"] == "2024-03-04T08:15:00.000250+01:00"
    back = from_ocel(json.loads(json.dumps(log)))
    assert back == [pathway]
    assert back[0].events[1].at == dt.time(9, 30, 0, 123456)


@given(distinct_pathways)
def test_drawn_logs_validate_and_read_back_whole(pathways):
    log = json.loads(json.dumps(to_ocel(pathways)))
    assert errors(log) == []
    assert from_ocel(log) == pathways
    times = citizen_times(log)
    assert len(times) == len(set(times))
    ids = [o["id"] for o in log["objects"]]
    assert len(ids) == len(set(ids))
    for item in log["events"] + log["objects"]:
        assert {r["objectId"] for r in item["relationships"]} <= set(ids)


@given(timed_pathways(), st.integers(0, 60))
def test_a_cut_pathway_reads_back(pathway, days):
    """A pathway cut by ``until`` keeps its own log positions in the file."""
    cut = pathway.until(pathway.events[0].occurred_on + dt.timedelta(days=days))
    log = to_ocel([cut])
    assert errors(log) == []
    assert from_ocel(log) == [cut]
    assert [attributes(e)["helhed:index"] for e in log["events"]] == [
        str(k) for k in range(len(cut.events))
    ]


@given(distinct_pathways)
def test_the_times_order_each_timeline(pathways):
    log = to_ocel(pathways)
    offset = 0
    for pathway in pathways:
        events = log["events"][offset : offset + len(pathway.events)]
        offset += len(pathway.events)
        stamps = [dt.datetime.fromisoformat(e["time"]) for e in events]
        own = {origin: k for k, origin in enumerate(pathway.origin)}
        in_force = [stamps[own[p]] for p in pathway.positions]
        assert in_force == sorted(in_force)
        for event, stamp in zip(pathway.events, stamps, strict=True):
            own_time = dt.datetime.combine(event.occurred_on, event.at or dt.time(), DANISH_TIME)
            assert stamp >= own_time  # never before its own day and time


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=5,
)


def places(value, path=()):
    """Every place in a parsed JSON value, as a path of keys and indexes."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*path, key))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from places(item, (*path, k))


@given(st.data(), json_values)
def test_a_damaged_log_is_refused_never_crashes(data, junk):
    log = good_log()
    path = data.draw(st.sampled_from(list(places(log))))
    if not path:
        log = junk
    else:
        parent = log
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = junk
    try:
        back = from_ocel(log)
    except ValidationError:
        return  # refused by path; no other exception may come out
    assert all(isinstance(p, Pathway) for p in back)


def test_a_log_is_the_callers_to_change():
    log = to_ocel([Pathway(citizen_id="c-0")])
    log["objectTypes"][0]["attributes"][0]["type"] = "integer"
    assert to_ocel([Pathway(citizen_id="c-0")])["objectTypes"][0]["attributes"][0] == {
        "name": "citizen_id",
        "type": "string",
    }


def test_an_object_id_given_twice_is_refused():
    log = to_ocel(halsnaes_pathways()[:2])
    log["objects"].append(dict(log["objects"][0]))

    with pytest.raises(ValidationError) as caught:
        from_ocel(log)

    assert str(caught.value) == (
        f"objects[{len(log['objects']) - 1}].id: repeats the id of an object before"
    )
