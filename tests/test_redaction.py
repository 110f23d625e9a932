"""Values worked out from a citizen's health hide it in their repr; no repr or message carries
a health value planted in a free-text field."""

import datetime as dt

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from helhed import classify, coordinating_caseworker_right
from helhed._meta import is_sensitive
from helhed.cases.jammerbugt import preventive_track_fits
from helhed.citizens import Citizen
from helhed.errors import HelhedError
from helhed.examples.catalogue import example_catalogue
from helhed.models.catalogue import OfferMatch, match
from helhed.models.specific import IpsCondition, ips_eligibility
from helhed.organisation import Administration
from helhed.pathways import Pathway
from helhed.pathways.compliance import check
from helhed.pathways.events import EventAnnulled, InterventionStarted, Referred
from helhed.protocols import PROTOCOLS
from helhed.serialization import from_json, to_json
from helhed.testing import strategies as hs
from test_values import PUBLIC, values_of

CANARY = "CANARY-7f3a"
CATALOGUE = example_catalogue()
SENSITIVE_TYPES = [c for c in PUBLIC if any(is_sensitive(f) for f in attrs.fields(c))]


def test_the_types_that_hold_health_data_are_found():
    names = {c.__qualname__ for c in SENSITIVE_TYPES}
    assert {"Citizen", "HealthProfile", "Assessment", "OfferMatch", "EventAnnulled"} <= names


@pytest.mark.parametrize("cls", SENSITIVE_TYPES, ids=lambda c: c.__qualname__)
@given(data=st.data())
def test_values_that_differ_only_in_health_fields_show_the_same_repr(cls, data):
    a = data.draw(values_of(cls))
    b = data.draw(values_of(type(a)))
    health = {
        f.alias: getattr(b, f.name) for f in attrs.fields(type(a)) if f.init and is_sensitive(f)
    }
    try:
        mixed = attrs.evolve(a, **health)
    except HelhedError:  # health fields that contradict the other fields of ``a``
        assume(False)
    assert repr(mixed) == repr(a)
    assert "<sensitive>" in repr(a)


# Results worked out from a citizen ---------------------------------------------------------

ON = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2029, 12, 31))


@given(hs.citizens(), hs.health_profiles(), ON)
def test_offer_matches_do_not_show_the_citizens_health(person, health, on):
    other = attrs.evolve(person, health=health)
    mine = {m.offer.id: repr(m) for m in match(CATALOGUE, person, on=on)}
    theirs = {m.offer.id: repr(m) for m in match(CATALOGUE, other, on=on)}

    for offer_id in mine.keys() & theirs.keys():
        assert mine[offer_id] == theirs[offer_id]


def test_an_offer_match_hides_its_score_and_reasons():
    person = Citizen(id="c-1")
    found = match(CATALOGUE, person, on=dt.date(2025, 1, 6))[0]

    assert isinstance(found, OfferMatch)
    assert "score=<sensitive>" in repr(found)
    assert "reasons=<sensitive>" in repr(found)
    assert found.score >= 0  # the value is still there when asked for by name


@given(hs.citizens(), hs.health_profiles(), ON, st.booleans(), st.sampled_from(IpsCondition))
def test_every_answer_about_a_citizen_shows_the_same_repr_whatever_their_health(
    person, health, on, in_treatment, diagnosis
):
    other = attrs.evolve(person, health=health)
    for answer in (
        lambda c: classify(c, on=on),
        lambda c: coordinating_caseworker_right(c, on=on),
        lambda c: ips_eligibility(c, in_treatment=in_treatment, diagnosis=diagnosis),
        preventive_track_fits,
    ):
        assert repr(answer(person)) == repr(answer(other))


def test_the_preventive_answer_still_unpacks():
    fits, reasons = preventive_track_fits(Citizen(id="c-1"))

    assert fits is False
    assert reasons
    assert repr(preventive_track_fits(Citizen(id="c-1"))) == (
        "PreventiveFit(fits=<sensitive>, reasons=<sensitive>)"
    )


# A planted canary --------------------------------------------------------------------------


def _pathway_with_canaries():
    day = dt.date(2024, 3, 4)
    common = {"citizen_id": "case-1", "recorded_by": Administration.JOB_CENTRE}
    return Pathway.of(
        [
            Referred(
                **common,
                occurred_on=day,
                referral_id="r-1",
                offer=CANARY,
                to=Administration.HEALTH,
                voluntary=True,
            ),
            EventAnnulled(
                **common, occurred_on=day, recorder="s-1", annuls=0, reason=f"{CANARY} diagnosis"
            ),
        ]
    )


def test_no_repr_finding_or_message_carries_a_planted_health_text():
    pathway = _pathway_with_canaries()
    texts = [repr(pathway), repr(pathway.state), *(repr(e) for e in pathway.events)]
    for protocol in PROTOCOLS.values():
        report = check([pathway], protocol, on=dt.date(2024, 6, 1))
        texts.append(repr(report))
        texts.extend(str(f) for f in report.findings)
    try:
        pathway.append(
            InterventionStarted(
                citizen_id="case-1",
                occurred_on=dt.date(2024, 3, 5),
                recorded_by=Administration.HEALTH,
                offer=CANARY,
                referral_id="r-9",
            )
        )
    except HelhedError as error:
        texts.append(str(error))
    else:  # pragma: no cover - the append must be refused
        pytest.fail("an intervention on an unknown referral was accepted")

    assert all(CANARY not in text for text in texts)
    assert to_json(pathway).count(CANARY) == 2  # the values are kept, only hidden


def test_a_bad_json_pathway_is_refused_without_the_planted_text():
    text = to_json(_pathway_with_canaries()).replace('"voluntary": true', '"voluntary": "x"')
    with pytest.raises(HelhedError) as caught:
        from_json(text, Pathway)

    assert "voluntary" in str(caught.value)
    assert CANARY not in str(caught.value)
