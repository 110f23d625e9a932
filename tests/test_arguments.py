"""Wrong argument types to the pathway, consent, check and report functions raise ValidationError.

Never a TypeError or an AttributeError from deep inside: a caller gets the name of the
argument and what was expected.
"""

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.cases.halsnaes import HALSNAES
from helhed.errors import HelhedError, ValidationError
from helhed.organisation import Administration, Period
from helhed.pathways import compliance, consent, reports
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway

A = Administration
DAY = dt.date(2024, 1, 1)
PERIOD = Period(DAY, dt.date(2024, 2, 1))
HEALTH = ev.InformationCategory.HEALTH
COORDINATION = ev.ConsentPurpose.COORDINATION
PATHWAY = Pathway.of(
    [
        ev.Referred(
            citizen_id="c",
            occurred_on=DAY,
            recorded_by=A.JOB_CENTRE,
            referral_id="r",
            offer="o",
            to=A.HEALTH,
            voluntary=True,
        )
    ]
)
ASK = {"to": A.JOB_CENTRE, "on": DAY, "purpose": COORDINATION}
TELL = {"to": A.JOB_CENTRE, "on": DAY, "by": A.HEALTH, "source": A.HEALTH}

CALLS = {
    "Pathway.until": PATHWAY.until,
    "Pathway.state_on": PATHWAY.state_on,
    "Pathway.append": PATHWAY.append,
    "Pathway.extend": PATHWAY.extend,
    "Pathway.of": Pathway.of,
    "may_disclose(pathway)": lambda v: consent.may_disclose(v, HEALTH, **ASK),
    "may_disclose(category)": lambda v: consent.may_disclose(PATHWAY, v, **ASK),
    "may_disclose(on)": lambda v: consent.may_disclose(PATHWAY, HEALTH, **{**ASK, "on": v}),
    "may_disclose(purpose)": lambda v: consent.may_disclose(
        PATHWAY, HEALTH, **{**ASK, "purpose": v}
    ),
    "disclose(by)": lambda v: consent.disclose(
        PATHWAY, HEALTH, purpose=COORDINATION, **{**TELL, "by": v}
    ),
    "disclose(at)": lambda v: consent.disclose(PATHWAY, HEALTH, purpose=COORDINATION, at=v, **TELL),
    "disclose_by_law(legal_basis)": lambda v: consent.disclose_by_law(
        PATHWAY, HEALTH, legal_basis=v, **TELL
    ),
    "disclose_by_law(on)": lambda v: consent.disclose_by_law(
        PATHWAY, HEALTH, legal_basis="x", **{**TELL, "on": v}
    ),
    "audit": consent.audit,
    "consents_in_force": lambda v: consent.consents_in_force(PATHWAY, v),
    "check(pathways)": lambda v: compliance.check(v, HALSNAES, on=DAY),
    "check(protocol)": lambda v: compliance.check([PATHWAY], v, on=DAY),
    "check(on)": lambda v: compliance.check([PATHWAY], HALSNAES, on=v),
    "conversations_by_unit(pathways)": lambda v: reports.conversations_by_unit(v, PERIOD),
    "conversations_by_unit(period)": lambda v: reports.conversations_by_unit([PATHWAY], v),
    "conversations_by_unit(units)": lambda v: reports.conversations_by_unit(
        [PATHWAY], PERIOD, units=v
    ),
    "referrals_by_destination(period)": lambda v: reports.referrals_by_destination([PATHWAY], v),
    "intervention_status(period)": lambda v: reports.intervention_status([PATHWAY], v, offer="o"),
    "intervention_status(offer)": lambda v: reports.intervention_status([PATHWAY], PERIOD, offer=v),
}

junk = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.text(max_size=5),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.sampled_from([A.HEALTH, HEALTH, COORDINATION, PATHWAY, object()]),
)


@pytest.mark.parametrize("name", sorted(CALLS))
@given(value=junk)
def test_a_wrong_argument_is_a_validation_error_never_a_crash(name, value):
    with contextlib.suppress(HelhedError):
        CALLS[name](value)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: PATHWAY.until(dt.datetime(2024, 1, 1, 9, 0)), "on: must be a date"),  # noqa: DTZ001
        (lambda: compliance.check([PATHWAY], "halsnaes", on=DAY), "protocol: must be a Protocol"),
        (lambda: compliance.check(PATHWAY, HALSNAES, on=DAY), "pathways: must be a list"),
        (lambda: reports.referrals_by_destination([PATHWAY], DAY), "period: must be a Period"),
        (lambda: Pathway.of([PATHWAY.events[0], "x"]), r"events\[1\]: must be an Event"),
    ],
)
def test_the_error_names_the_argument(call, message):
    with pytest.raises(ValidationError, match=message):
        call()
