"""Health data never shows in a repr."""

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed._meta import is_sensitive
from helhed.citizens import Citizen
from helhed.groups import HealthImpactHorizon
from helhed.health import HealthChallenge, HealthProfile
from helhed.serialization import DOCUMENTS
from helhed.sickness import SicknessAssessment
from helhed.target_groups import Assessment, classify
from helhed.testing import strategies as hs

HEALTH_TYPES = [Citizen, HealthProfile, HealthChallenge, Assessment, SicknessAssessment]


@pytest.mark.parametrize("cls", HEALTH_TYPES)
def test_types_holding_health_data_mark_it(cls):
    assert any(is_sensitive(f) for f in attrs.fields(cls))


@given(hs.citizens(), hs.health_profiles())
def test_a_citizens_repr_does_not_depend_on_their_health(person, other_health):
    assert repr(person) == repr(attrs.evolve(person, health=other_health))
    assert "<sensitive>" in repr(person)


@given(
    hs.citizens(),
    hs.health_profiles(),
    st.none() | st.sampled_from(HealthImpactHorizon),
    hs.dates(),
)
def test_an_assessments_repr_shows_only_what_is_not_health(person, health, horizon, on):
    # The same citizen and date with other health: every field derived from health may differ.
    other = attrs.evolve(person, health=health, assessed_horizon=horizon)
    a, b = classify(person, on=on), classify(other, on=on)

    assert repr(a) == repr(b)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@given(data=st.data())
def test_no_sensitive_value_reaches_any_repr(name, data):
    document = data.draw(hs.documents(name))
    text = repr(document)
    for field in attrs.fields(type(document)):
        if is_sensitive(field):
            assert f"{field.name}=<sensitive>" in text


@given(hs.pathways())
def test_no_offer_destination_score_or_group_reaches_a_pathways_repr(pathway):
    text = repr(pathway) + repr(pathway.state)
    for event in pathway.events:
        for field in attrs.fields(type(event)):
            value = getattr(event, field.name)
            if is_sensitive(field) and value is not None:
                assert f"{field.name}={value!r}" not in text
                assert f"{field.name}=<sensitive>" in text
    for offer in hs.OFFERS:
        assert offer not in text


@given(hs.pathways(max_events=10), st.sampled_from(hs.OFFERS))
def test_a_refused_event_never_names_the_offer(pathway, offer):
    from helhed.errors import TransitionError  # noqa: PLC0415
    from helhed.organisation import Administration  # noqa: PLC0415
    from helhed.pathways.events import InterventionCompleted, InterventionStarted  # noqa: PLC0415

    last = pathway.events[-1]
    event_class = InterventionStarted if offer in pathway.state.running else InterventionCompleted
    event = event_class(
        citizen_id=pathway.citizen_id,
        occurred_on=last.occurred_on,
        recorded_by=Administration.HEALTH,
        offer=offer,
    )
    message = ""
    try:
        pathway.append(event)
    except TransitionError as exc:
        message = str(exc)
    assert offer not in message
