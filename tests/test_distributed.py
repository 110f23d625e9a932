"""The Dask helpers give the single-machine batch answers, partition by partition."""

import datetime as dt

import pandas as pd
import pytest

pytest.importorskip("dask.distributed")

import dask.dataframe as dd
from dask.distributed import Client, LocalCluster

from helhed.batch import CLASSIFY_OUTPUT, citizens_to_frame, classify_frame, sickness_frame
from helhed.distributed import classify_dask, sickness_dask
from helhed.examples import demo_cohort

DAY = dt.date(2024, 5, 1)


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
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
