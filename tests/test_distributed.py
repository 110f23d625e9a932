"""The Dask helpers give the single-machine batch answers, partition by partition."""

import datetime as dt

import attrs
import pandas as pd
import pytest

pytest.importorskip("dask.distributed")

import dask.dataframe as dd
from dask.distributed import Client, LocalCluster

from helhed.batch import (
    CLASSIFY_OUTPUT,
    FINDING_COLUMNS,
    ObjectPathWarning,
    check_frame,
    citizens_to_frame,
    classify_frame,
    findings_of,
    sickness_frame,
)
from helhed.cases.halsnaes import HALSNAES
from helhed.distributed import check_dask, classify_dask, sickness_dask
from helhed.errors import ValidationError
from helhed.examples import demo_cohort, halsnaes_pathways
from helhed.frames import CASE, to_frame
from helhed.organisation import Administration, Role
from helhed.pathways.events import (
    CaseworkerAssigned,
    ContactMade,
    EventAnnulled,
    ReferralAccepted,
    Referred,
)
from helhed.pathways.pathway import Pathway
from helhed.rules import Forbid, Protocol, at_most_per
from helhed.sources import Citation

DAY = dt.date(2024, 5, 1)
A = Administration


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    )
    client = Client(cluster)  # now the scheduler of every .compute()
    yield client
    client.close()
    cluster.close()


def by_id(frame):
    return frame.sort_values("id").reset_index(drop=True)


@pytest.mark.usefixtures("client")
def test_classify_dask_equals_classify_frame():
    frame = citizens_to_frame(demo_cohort(2000, on=DAY))
    ddf = dd.from_pandas(frame, npartitions=4)
    assert ddf.npartitions == 4

    out = classify_dask(ddf, on=DAY).compute()

    expected = classify_frame(frame, on=DAY)
    assert tuple(out.columns) == CLASSIFY_OUTPUT
    assert len(out) == len(frame)
    pd.testing.assert_frame_equal(by_id(out), by_id(expected))


@pytest.mark.usefixtures("client")
def test_sickness_dask_equals_sickness_frame():
    rows = pd.DataFrame(
        {
            "id": pd.Series([f"s-{i}" for i in range(8)], dtype="string"),
            "first_absence_day": [DAY - dt.timedelta(days=10 * i) for i in range(8)],
            "expected_full_recovery": [DAY + dt.timedelta(days=20 * i + 1) for i in range(8)],
            "other_challenges": [i % 3 == 0 for i in range(8)],
        }
    )
    ddf = dd.from_pandas(rows, npartitions=2)

    out = sickness_dask(ddf, on=DAY).compute()

    pd.testing.assert_frame_equal(by_id(out), by_id(sickness_frame(rows, on=DAY)))


# -- compliance checks over a partitioned event table ---------------------------------------


def caseload_pathways():
    """Six citizens whose mentors are s-1 (four of them) and s-2 (two), a week apart."""
    return [
        Pathway.of(
            [
                Referred(
                    citizen_id=f"m-{i}",
                    occurred_on=DAY + dt.timedelta(days=7 * i),
                    recorded_by=A.JOB_CENTRE,
                    referral_id="r-1",
                    offer="mentor",
                    to=A.JOB_CENTRE,
                    voluntary=True,
                ),
                CaseworkerAssigned(
                    citizen_id=f"m-{i}",
                    occurred_on=DAY + dt.timedelta(days=7 * i),
                    recorded_by=A.JOB_CENTRE,
                    staff_id=f"s-{1 + i % 3 // 2}",
                    role=Role.MENTOR,
                ),
            ]
        )
        for i in range(6)
    ]


def corrected_pathways():
    """A referral entered in error and annulled, and a contact recorded late."""
    common = {"citizen_id": "k-1", "occurred_on": DAY, "recorded_by": A.JOB_CENTRE}
    referral = {"offer": "mentor", "to": A.HEALTH}
    late = DAY + dt.timedelta(days=9)
    return [
        Pathway.of(
            [
                Referred(**common, referral_id="r-1", voluntary=False, **referral),
                EventAnnulled(**common, recorder="s-1", annuls=0, reason="fejl"),
                Referred(**common, referral_id="r-2", voluntary=True, **referral),
                ReferralAccepted(**common, referral_id="r-2"),
                ContactMade(
                    **common | {"occurred_on": late, "recorded_by": A.HEALTH},
                    recorded_on=late + dt.timedelta(days=11),
                    referral_id="r-2",
                ),
            ]
        )
    ]


CHECKED = Protocol(
    id="halsnaes-mentor",
    name_da="Halsnæs med mentorer",
    name_en="Halsnæs with mentors",
    rules=(
        *HALSNAES.rules,
        at_most_per(
            2,
            Role.MENTOR,
            id="mentor.caseload",
            citation=Citation("HALSNAES"),
            text_da="En mentor har højst to borgere.",
            text_en="A mentor has at most two citizens.",
        ),
    ),
    citation=Citation("HALSNAES"),
)
CHECK_DAY = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def events():
    return to_frame([*halsnaes_pathways(), *caseload_pathways(), *corrected_pathways()])


@pytest.mark.usefixtures("client")
def test_check_dask_equals_check_frame(events):
    # from_pandas cuts the rows into 4 blocks, so some citizens' events lie in two of them:
    # check_dask shuffles them together first.
    ddf = dd.from_pandas(events, npartitions=4)
    out = check_dask(ddf, CHECKED, on=CHECK_DAY)
    expected = check_frame(events, CHECKED, on=CHECK_DAY)
    assert tuple(out.columns) == FINDING_COLUMNS
    pd.testing.assert_frame_equal(out, expected)
    # The population rule saw every mentor's citizens together: s-1 has four, two too many.
    assert out["rule_id"].value_counts()["mentor.caseload"] == 2
    assert len(set(out["rule_id"])) >= 3
    # k-1's annulled referral is no finding; its contact recorded late is, named by its place.
    assert [(r.rule_id, r.events) for r in out[out["citizen_id"] == "k-1"].itertuples()] == [
        ("halsnaes.contact_within_week", (3, 4))
    ]


class _MyForbid(Forbid):
    """A subclass of a kind, which runs on objects."""


@pytest.mark.usefixtures("client")
def test_check_dask_warns_once_for_a_rule_on_objects(events):
    voluntary = HALSNAES.rule("halsnaes.voluntary")
    mine = _MyForbid(**attrs.asdict(voluntary, recurse=False))
    protocol = attrs.evolve(CHECKED, rules=(mine, *CHECKED.rules[1:]))
    with pytest.warns(ObjectPathWarning) as record:
        out = check_dask(dd.from_pandas(events, npartitions=4), protocol, on=CHECK_DAY)
    assert len(record) == 1  # not one per partition
    assert "'halsnaes.voluntary' (_MyForbid is a subclass of Forbid" in str(record[0].message)
    assert out.attrs["helhed:object_path"] == ("halsnaes.voluntary",)
    with pytest.warns(ObjectPathWarning):
        expected = check_frame(events, protocol, on=CHECK_DAY)
    pd.testing.assert_frame_equal(out, expected)
    assert "halsnaes.voluntary" in set(out["rule_id"])


@pytest.mark.usefixtures("client")
def test_check_dask_on_a_table_partitioned_by_citizen(events):
    ddf = dd.from_pandas(events, npartitions=3).set_index(CASE)
    out = check_dask(ddf, CHECKED, on=CHECK_DAY, by_citizen=True)
    assert findings_of(out) == findings_of(check_frame(events, CHECKED, on=CHECK_DAY))


@pytest.mark.usefixtures("client")
def test_check_dask_refuses_a_citizen_split_over_partitions(events):
    ddf = dd.from_pandas(events, npartitions=4)
    with pytest.raises(ValidationError, match=r"lie in more than one partition"):
        check_dask(ddf, CHECKED, on=CHECK_DAY, by_citizen=True)


def test_check_dask_checks_its_arguments_before_any_work(events):
    # Nothing runs on a cluster: the arguments are refused first, each by name.
    with pytest.raises(ValidationError) as info:
        check_dask(events, "halsnaes", on="2025-06-30")
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("events", "must be a Dask DataFrame"),
        ("protocol", "must be a Protocol"),
        ("on", "must be a date"),
    ]
