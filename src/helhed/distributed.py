"""Run the batch functions on a Dask cluster, one partition at a time (distributed extra).

[`classify_dask`][helhed.distributed.classify_dask] and
[`sickness_dask`][helhed.distributed.sickness_dask] apply
[`classify_frame`][helhed.batch.classify_frame] and
[`sickness_frame`][helhed.batch.sickness_frame] unchanged to every partition of a Dask
DataFrame with ``map_partitions``. Each row's answer depends on that row alone, so the result
equals the single-machine result row by row, whatever the partitioning.

Nothing is computed until the result is: call ``.compute()`` (or write it out) to run it.
Errors are raised then, per partition: a [`ValidationError`][helhed.errors.ValidationError]
names rows by their position within the partition, not within the whole frame.

Only this module imports Dask; install it with the ``distributed`` extra.
"""

from __future__ import annotations

import datetime as dt

import dask.dataframe as dd

from helhed.batch import classify_frame, sickness_frame

__all__ = ["classify_dask", "sickness_dask"]


def classify_dask(ddf: dd.DataFrame, *, on: dt.date) -> dd.DataFrame:
    """Classify every row of a Dask DataFrame of citizens on ``on``, partition by partition.

    Args:
        ddf: A ``dask.dataframe.DataFrame`` in the layout ``classify_frame`` reads.
        on: The date of the assessment.

    Returns:
        A lazy ``dask.dataframe.DataFrame`` with the partitions, index and columns
        ``classify_frame`` gives for each partition.
    """
    meta = classify_frame(ddf._meta, on=on)  # noqa: SLF001 - Dask's empty frame of the dtypes
    # map_partitions is untyped in Dask; its result is the Dask DataFrame documented above.
    out: dd.DataFrame = ddf.map_partitions(  # type: ignore[no-untyped-call]
        classify_frame, on=on, meta=meta
    )
    return out


def sickness_dask(ddf: dd.DataFrame, *, on: dt.date) -> dd.DataFrame:
    """Place every sickness benefit case of a Dask DataFrame in category 1, 2 or 3.

    Args:
        ddf: A ``dask.dataframe.DataFrame`` in the layout ``sickness_frame`` reads.
        on: The date of the assessment.

    Returns:
        A lazy ``dask.dataframe.DataFrame`` with the partitions, index and columns
        ``sickness_frame`` gives for each partition.
    """
    meta = sickness_frame(ddf._meta, on=on)  # noqa: SLF001 - Dask's empty frame of the dtypes
    # map_partitions is untyped in Dask; its result is the Dask DataFrame documented above.
    out: dd.DataFrame = ddf.map_partitions(  # type: ignore[no-untyped-call]
        sickness_frame, on=on, meta=meta
    )
    return out
