"""Run the batch functions on a Dask cluster, one partition at a time (distributed extra).

[`classify_dask`][helhed.distributed.classify_dask] and
[`sickness_dask`][helhed.distributed.sickness_dask] apply
[`classify_frame`][helhed.batch.classify_frame] and
[`sickness_frame`][helhed.batch.sickness_frame] unchanged to every partition of a Dask
DataFrame with ``map_partitions``. Each row's answer depends on that row alone, so the result
equals the single-machine result row by row, whatever the partitioning. Nothing is computed
until the result is: call ``.compute()`` (or write it out) to run it.

[`check_dask`][helhed.distributed.check_dask] runs
[`check_frame`][helhed.batch.check_frame] over a Dask DataFrame of events. A finding depends
on a citizen's whole pathway, so each partition must hold all of a citizen's events; the
table is shuffled on ``case:concept:name`` to make it so, unless the caller says it already
is (and then it is checked). Population rules (such as
[`AtMostPer`][helhed.rules.AtMostPer]) look at all citizens together: they run once,
on the rows [`population_rows`][helhed.batch.population_rows] gathers from every partition.
The findings, which are few next to the events, are computed and returned as one pandas
DataFrame, in the order ``check_frame`` gives them. The shuffle changes the order in which
citizens first appear, which is the order ``check_frame`` hands pathways to a population
rule: the shipped rules do not depend on it, but a rule of your own that does (one naming
the first citizen it meets) may name another citizen here than on one machine.

Errors are raised when the work runs, per partition: a
[`ValidationError`][helhed.errors.ValidationError] names rows by their position within the
partition, not within the whole frame.

Only this module imports Dask; install it with the ``distributed`` extra.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from helhed._extras import needs

with needs("helhed.distributed"):
    import dask.dataframe as dd
    import pandas as pd
    from dask.base import compute

from helhed._validation import Checker
from helhed.batch import (
    FINDING_COLUMNS,
    classify_frame,
    population_rows,
    sickness_frame,
    sort_findings,
)
from helhed.batch.compliance import OBJECT_PATH, _checked, _object_path
from helhed.errors import ValidationError
from helhed.frames import CASE
from helhed.rules import PopulationRule, Protocol

__all__ = ["check_dask", "classify_dask", "sickness_dask"]


def classify_dask(ddf: dd.DataFrame, *, on: dt.date) -> dd.DataFrame:
    """Classify every row of a Dask DataFrame of citizens on ``on``, partition by partition.

    Args:
        ddf: A ``dask.dataframe.DataFrame`` in the layout ``classify_frame`` reads.
        on: The date of the assessment.

    Returns:
        A lazy ``dask.dataframe.DataFrame`` with the partitions, index and columns
        ``classify_frame`` gives for each partition.

    Raises:
        ValidationError: If ``ddf`` is not a Dask DataFrame or ``on`` is not a date.
    """
    return _per_partition(classify_frame, ddf, on=on)


def sickness_dask(ddf: dd.DataFrame, *, on: dt.date) -> dd.DataFrame:
    """Place every sickness benefit case of a Dask DataFrame in category 1, 2 or 3.

    Args:
        ddf: A ``dask.dataframe.DataFrame`` in the layout ``sickness_frame`` reads.
        on: The date of the assessment.

    Returns:
        A lazy ``dask.dataframe.DataFrame`` with the partitions, index and columns
        ``sickness_frame`` gives for each partition.

    Raises:
        ValidationError: If ``ddf`` is not a Dask DataFrame or ``on`` is not a date.
    """
    return _per_partition(sickness_frame, ddf, on=on)


def _per_partition(
    function: Callable[..., pd.DataFrame], ddf: dd.DataFrame, *, on: dt.date
) -> dd.DataFrame:
    """``function(partition, on=on)`` on every partition, lazily, with the dtypes it gives.

    Raises:
        ValidationError: If ``ddf`` is not a Dask DataFrame or ``on`` is not a date.
    """
    check = Checker()
    check.expect(isinstance(ddf, dd.DataFrame), "ddf", "must be a Dask DataFrame")
    check.day(on, "on")
    check.done()
    meta = function(ddf._meta, on=on)  # noqa: SLF001 - Dask's empty frame of the dtypes
    # map_partitions is untyped in Dask; its result is the Dask DataFrame documented above.
    out: dd.DataFrame = ddf.map_partitions(  # type: ignore[no-untyped-call]
        function, on=on, meta=meta
    )
    return out


def _citizens(part: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({CASE: part[CASE].drop_duplicates().astype(object)})


def check_dask(
    events: dd.DataFrame,
    protocol: Protocol,
    *,
    on: dt.date,
    by_citizen: bool = False,
) -> pd.DataFrame:
    """Check the pathways of a Dask DataFrame of events against ``protocol``, as of ``on``.

    The result equals ``check_frame`` on the whole table computed on one machine, row for
    row. The rules that look at one pathway run per partition; population rules run once, on
    the rows of the citizens they may count, gathered from every partition.

    Args:
        events: A ``dask.dataframe.DataFrame`` in the layout ``check_frame`` reads; the
            citizen may also be the index, named ``case:concept:name``.
        protocol: The protocol.
        on: The day checked; events after it are left out.
        by_citizen: True if each citizen's events already lie in one partition (say after
            ``set_index("case:concept:name")`` or ``shuffle(on="case:concept:name")``); it is
            checked, and the shuffle is saved. False shuffles the table on the citizen first.

    Returns:
        The findings, computed: a pandas DataFrame with the columns of ``FINDING_COLUMNS``,
        ordered as ``check_frame`` orders them, with its ``attrs["helhed:object_path"]``.

    Warns:
        ObjectPathWarning: As ``check_frame``, once for the whole table.

    Raises:
        ValidationError: If ``events`` is not a Dask DataFrame, ``protocol`` not a protocol
            or ``on`` not a date; if a partition holds bad input (its rows counted within
            it); or, with ``by_citizen``, if a citizen's events lie in more than one
            partition.
    """
    check = Checker()
    check.expect(isinstance(events, dd.DataFrame), "events", "must be a Dask DataFrame")
    check.expect(isinstance(protocol, Protocol), "protocol", "must be a Protocol")
    check.day(on, "on")
    check.done()
    if events.index.name == CASE and CASE not in events.columns:
        events = events.reset_index()
    if not by_citizen:
        events = events.shuffle(on=CASE)
    single = attrs.evolve(
        protocol, rules=tuple(r for r in protocol.rules if not isinstance(r, PopulationRule))
    )
    together = attrs.evolve(
        protocol, rules=tuple(r for r in protocol.rules if isinstance(r, PopulationRule))
    )
    sample = events._meta  # noqa: SLF001 - Dask's empty frame of the dtypes
    # map_partitions is untyped in Dask; its results are the Dask DataFrames named.
    work: list[dd.DataFrame] = [
        events.map_partitions(  # type: ignore[no-untyped-call]
            _checked, single, on=on, meta=_checked(sample, single, on=on)
        )
    ]
    if together.rules:
        work.append(
            events.map_partitions(  # type: ignore[no-untyped-call]
                population_rows, together, on=on, meta=sample
            )
        )
    if by_citizen:
        work.append(
            events.map_partitions(_citizens, meta=_citizens(sample))  # type: ignore[no-untyped-call]
        )
    done = compute(*work)  # type: ignore[no-untyped-call]
    if by_citizen and done[-1][CASE].duplicated().any():
        raise ValidationError.at(
            CASE, "a citizen's events lie in more than one partition; pass by_citizen=False"
        )
    found = [done[0]]
    if together.rules:
        found.append(_checked(done[1], together, on=on))
    result = sort_findings(pd.concat(found, ignore_index=True)[list(FINDING_COLUMNS)])
    # One warning for the whole table, as check_frame gives, rather than one per partition.
    result.attrs = {OBJECT_PATH: _object_path(protocol)}
    return result
