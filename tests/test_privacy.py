"""Health data never shows in a repr."""

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed._meta import is_sensitive
from helhed.citizens import Citizen
from helhed.health import HealthChallenge, HealthProfile
from helhed.serialization import DOCUMENTS
from helhed.sickness import SicknessAssessment
from helhed.target_groups import Assessment
from helhed.testing import strategies as hs

HEALTH_TYPES = [Citizen, HealthProfile, HealthChallenge, Assessment, SicknessAssessment]


@pytest.mark.parametrize("cls", HEALTH_TYPES)
def test_types_holding_health_data_mark_it(cls):
    assert any(is_sensitive(f) for f in attrs.fields(cls))


def _blank_sensitive(value):
    """The same value with every sensitive field replaced by the field of another draw."""
    return {f.name for f in attrs.fields(type(value)) if is_sensitive(f)}


@given(hs.citizens(), hs.health_profiles())
def test_a_citizens_repr_does_not_depend_on_their_health(person, other_health):
    assert repr(person) == repr(attrs.evolve(person, health=other_health))
    assert "<sensitive>" in repr(person)


@given(hs.assessments(), hs.assessments())
def test_an_assessments_repr_shows_only_what_is_not_health(a, b):
    swapped = attrs.evolve(a, **{name: getattr(b, name) for name in _blank_sensitive(a)})

    assert repr(a) == repr(swapped)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@given(data=st.data())
def test_no_sensitive_value_reaches_any_repr(name, data):
    document = data.draw(hs.documents(name))
    text = repr(document)
    for field in attrs.fields(type(document)):
        if is_sensitive(field):
            assert f"{field.name}=<sensitive>" in text
