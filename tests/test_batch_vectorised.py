"""The vectorised steps of the columnar check equal the object API's step they replace."""

import datetime as dt

import attrs
import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

import helhed.batch._found as found
from helhed.batch import check_frame, findings_of
from helhed.batch._scan import day_number, runs
from helhed.batch._timeline import NO_TIME, timeline_order
from helhed.cases.halsnaes import HALSNAES
from helhed.frames import to_frame
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway, occurrence_order

D = dt.date(2024, 3, 4)
ON = dt.date(2024, 3, 31)

# A few days and times, so that ties and untimed entries are common.
entries = st.lists(
    st.tuples(st.integers(0, 2), st.one_of(st.none(), st.sampled_from([9, 11, 12, 14]))),
    max_size=12,
)


def micro(hour):
    return NO_TIME if hour is None else hour * 3_600 * 10**6


@given(st.lists(entries, max_size=6))
def test_timeline_order_equals_occurrence_order(logs):
    """All citizens at once, sorted, is each citizen's occurrence_order."""
    citizen, day, time, expected = [], [], [], []
    for number, log in enumerate(logs):
        days = [D + dt.timedelta(days=d) for d, _ in log]
        times = [None if h is None else dt.time(h) for _, h in log]
        start = len(citizen)
        expected.extend(start + p for p in occurrence_order(days, times))
        citizen.extend([number] * len(log))
        day.extend(day_number(d) for d in days)
        time.extend(micro(h) for _, h in log)
    got = timeline_order(
        np.array(citizen, dtype=np.int64),
        np.array(day, dtype=np.int64),
        np.array(time, dtype=np.int64),
    )
    assert got.tolist() == expected


def test_timeline_order_worked_example():
    """12:00, no time, 11:00 on one day: 11:00 first, the untimed entry stays after 12:00.

    The same as ``occurrence_order``'s own example; a second citizen logged a day late.
    """
    citizen = np.array([0, 0, 0, 1, 1], dtype=np.int64)
    day = np.array([5, 5, 5, 6, 5], dtype=np.int64)
    time = np.array([micro(12), NO_TIME, micro(11), NO_TIME, NO_TIME], dtype=np.int64)
    assert timeline_order(citizen, day, time).tolist() == [2, 0, 1, 4, 3]


texts = st.lists(st.text(max_size=4), max_size=40)


@given(texts)
def test_ranks_of_texts_sort_as_python_sorts(values):
    """Ranked by Arrow (when every value is text) or by Python, as ``sorted`` orders them."""
    saved = found._MANY
    found._MANY = 0  # rank every list through Arrow, however short
    try:
        got = found._ranks(values).tolist()
    finally:
        found._MANY = saved
    distinct = sorted(set(values))
    assert got == [distinct.index(v) for v in values]


def test_ranks_worked_example():
    """Code point order, as Python compares: "Z" < "a" < "å" < an emoji; a lone surrogate too."""
    saved = found._MANY
    found._MANY = 0
    try:
        assert found._ranks(["å", "a", "Z", "\U0001f600", "a"]).tolist() == [2, 1, 0, 3, 1]
        assert found._ranks(["\ud800", "b"]).tolist() == [1, 0]  # Python sorts it: no Arrow
    finally:
        found._MANY = saved


@given(st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=6), max_size=30))
def test_texts_column_equals_pandas_string_column(values):
    """The finding texts built straight into Arrow equal pandas' own ``"string"`` column."""
    pd.testing.assert_series_equal(
        found._texts(values), pd.Series(found.objects(values), dtype="string")
    )


@given(st.lists(st.integers(-3, 3)).map(sorted))
def test_runs_equal_searchsorted(values):
    """Each row's run of equal values: searchsorted left and right of it."""
    array = np.array(values, dtype=np.int64)
    start, end = runs(array)
    assert start.tolist() == np.searchsorted(array, array, side="left").tolist()
    assert end.tolist() == np.searchsorted(array, array, side="right").tolist()


def test_runs_worked_example():
    assert [r.tolist() for r in runs(np.array([2, 2, 5, 7, 7, 7], dtype=np.int64))] == [
        [0, 0, 2, 3, 3, 3],
        [2, 2, 3, 6, 6, 6],
    ]


def _event(kind, cid, day, by=Administration.HEALTH, **fields):
    return kind(citizen_id=cid, occurred_on=D + dt.timedelta(days=day), recorded_by=by, **fields)


def _consent_log(cid, *middle):
    """A referral, ``middle``, and health information passed to the job centre on day 9."""
    referred = _event(
        ev.Referred, cid, 0, Administration.JOB_CENTRE, referral_id="r-1", offer="samtale",
        to=Administration.HEALTH, voluntary=True,
    )  # fmt: skip
    disclosed = _event(
        ev.InformationDisclosed, cid, 9, source=Administration.HEALTH,
        to=Administration.JOB_CENTRE, category=ev.InformationCategory.HEALTH,
        purpose=ev.ConsentPurpose.COORDINATION,
    )  # fmt: skip
    return Pathway.of([referred, *middle, disclosed])


def test_requires_consent_with_a_purpose_no_one_consented_for():
    """A purpose with no consent, withdrawal or refusal in the table is judged without a ledger.

    c-1 consented to health information for work ability only, c-2 for coordination, c-3
    never: the disclosure (for coordination) of c-1 is not covered, c-2's is allowed, c-3's
    has no consent at all. No one consented for progression, so its ledger is left out.
    """

    def consent(cid, purpose):
        health = frozenset({ev.InformationCategory.HEALTH})
        return _event(
            ev.ConsentGiven, cid, 1, to=Administration.JOB_CENTRE, purpose=purpose,
            categories=health,
        )  # fmt: skip

    pathways = [
        _consent_log("c-1", consent("c-1", ev.ConsentPurpose.WORK_ABILITY)),
        _consent_log("c-2", consent("c-2", ev.ConsentPurpose.COORDINATION)),
        _consent_log("c-3"),
    ]
    rule = HALSNAES.rule("halsnaes.consent")
    protocol = attrs.evolve(HALSNAES, rules=(rule,))
    found = check_frame(to_frame(pathways), protocol, on=ON)
    assert findings_of(found) == check(pathways, protocol, on=ON).findings
    assert found["citizen_id"].tolist() == ["c-1", "c-3"]
    assert found["events"].tolist() == [(2,), (1,)]
    assert "does not cover" in found.loc[0, "text_en"]
    assert "No consent" in found.loc[1, "text_en"]
    # Alone, c-3 asks for a purpose whose ledger is left out: the same finding.
    alone = check_frame(to_frame(pathways[2:]), protocol, on=ON)
    assert findings_of(alone) == check(pathways[2:], protocol, on=ON).findings
    assert alone["text_en"].tolist() == found["text_en"].tolist()[1:]
