"""classify shares one decision per distinct input: the shared answer is the one built afresh.

classify caches everything but the citizen's identifier and the date in ``_decision``, keyed
by the finding of the health profile, the assessed horizon, the funding basis and the date,
and fills a new assessment without its checks: it must still be a frozen Assessment.
"""

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.errors import ValidationError
from helhed.groups import HealthImpactHorizon
from helhed.health import HealthChallenge, HealthDomain, HealthProfile, RiskFactor
from helhed.target_groups import Assessment, _decision, classify
from helhed.target_groups._funding import funding
from helhed.testing import strategies as hs

ON = dt.date(2024, 5, 1)
BOUND = 4096


def afresh(person, on):
    """classify's answer with every cache it reads emptied first."""
    _decision.cache_clear()
    funding.cache_clear()
    return classify(person, on=on)


def rebuilt(assessment):
    """The same assessment built through the constructor, so every check runs on it."""
    return Assessment(**attrs.asdict(assessment, recurse=False))


@given(st.lists(hs.citizens(), min_size=1, max_size=6), hs.dates())
def test_a_shared_answer_equals_one_built_afresh(people, on):
    # The cache keeps what earlier examples put in it, so these answers are mostly shared.
    shared = [classify(p, on=on) for p in people]
    fresh = [afresh(p, on) for p in people]

    assert shared == fresh
    assert [rebuilt(a) for a in shared] == fresh
    assert [a.citizen_id for a in shared] == [p.id for p in people]
    assert all(a.on is on for a in shared)
    assert {type(a) for a in shared} == {Assessment}


def test_an_answer_is_a_frozen_assessment_like_one_built_by_its_constructor():
    person = Citizen(id="c", benefit=Benefit.FLEX_JOB, health=HealthProfile(affects_work=True))
    answer = classify(person, on=ON)

    assert type(answer) is Assessment
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        answer.group = None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del answer.reasons
    assert rebuilt(answer) == answer
    assert hash(rebuilt(answer)) == hash(answer)


@given(hs.citizens(), hs.identifiers(), hs.dates())
def test_two_citizens_alike_but_for_their_identifier_share_the_reasons(person, other, on):
    twin = attrs.evolve(person, id=other)

    first, second = classify(person, on=on), classify(twin, on=on)

    assert first.reasons is second.reasons
    assert attrs.evolve(second, citizen_id=person.id) == first
    assert _decision.cache_info().currsize <= BOUND


def test_the_cache_never_grows_past_its_bound_and_answers_alike_after_it_is_full():
    findings = [
        HealthProfile(challenges=(HealthChallenge(domain=HealthDomain.MENTAL, **flag),))
        for flag in ({"current_barrier": True}, {"progressive": True}, {})
    ] + [
        HealthProfile(affects_work=True),
        HealthProfile(risk_factors=frozenset({RiskFactor.DRUGS})),
        HealthProfile(risk_factors=frozenset({RiskFactor.SLEEP})),
        HealthProfile(risk_factors=frozenset({RiskFactor.DIET})),
        HealthProfile(),
    ]
    people = [
        Citizen(id="c", benefit=benefit, health=health, assessed_horizon=assessed)
        for health, assessed, benefit in itertools.product(
            findings, [None, *HealthImpactHorizon], [None, *Benefit]
        )
    ]
    days = [ON + dt.timedelta(days=n) for n in range(8)]
    _decision.cache_clear()

    first = [classify(p, on=day) for day in days for p in people]

    assert len(people) == 8 * 4 * 18  # every finding, horizon and funding basis: 576 a day
    assert _decision.cache_info().maxsize == BOUND
    assert _decision.cache_info().currsize == BOUND  # 4,608 distinct inputs asked
    assert first[:10] == [classify(p, on=days[0]) for p in people[:10]]  # evicted, built anew
    assert first[-10:] == [afresh(p, days[-1]) for p in people[-10:]]


def test_a_datetime_or_another_value_for_a_citizen_is_refused_as_before():
    person = Citizen(id="c", health=HealthProfile(affects_work=True))

    with pytest.raises(ValidationError, match=r"^on: must be a date$"):
        classify(person, on=dt.datetime(2024, 5, 1, 12, 0))  # noqa: DTZ001 - refused whatever its zone
    with pytest.raises(ValidationError, match=r"^citizen: must be a Citizen$"):
        classify(attrs.asdict(person, recurse=False), on=ON)


class Day(dt.date):
    """A date of a subclass: a day, checked in full, and kept as given."""


class Person(Citizen):
    """A citizen of a subclass: checked in full, and answered as a citizen."""


def test_a_date_or_a_citizen_of_a_subclass_is_answered_as_the_plain_one():
    person = Citizen(id="c", benefit=Benefit.FLEX_JOB, health=HealthProfile(affects_work=True))
    like = Person(id="c", benefit=Benefit.FLEX_JOB, health=HealthProfile(affects_work=True))
    day = Day(2024, 5, 1)

    answer = classify(like, on=day)

    assert answer == classify(person, on=ON)
    assert answer.on is day
