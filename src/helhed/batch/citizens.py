"""Target groups, caseworker rights and sickness categories for whole frames (research extra).

[`classify_frame`][helhed.batch.classify_frame] answers
[`classify`][helhed.target_groups.classify] and
[`coordinating_caseworker_right`][helhed.organisation.coordinating_caseworker_right] for every
row of a DataFrame of citizens; [`sickness_frame`][helhed.batch.sickness_frame] answers
[`sickness_category`][helhed.sickness.sickness_category] for every row of a DataFrame of
sickness benefit cases. Neither builds an explanation: use the object API for the reasons.

Both share the rule tables with the object API. ``classify_frame`` reduces each row to the
facts that decide its answer - funding basis, assessed horizon and seven health flags - and
calls the object API once per distinct combination (there are at most a few thousand, usually
far fewer), then maps the answers back to the rows. ``sickness_frame`` takes the length of the
8-week window from [`eight_week_limit`][helhed.sickness.eight_week_limit] once and compares
whole date columns.

Columns of ``classify_frame``'s input ([`citizens_to_frame`][helhed.batch.citizens_to_frame]
writes them from [`Citizen`][helhed.citizens.Citizen] objects):

* ``id`` - the citizen's identifier, non-blank text;
* ``benefit``, ``assessed_horizon`` - codes, or missing;
* ``sickness_category`` (optional) - a code, or missing; checked, but it does not change the
  answer;
* ``risk_factors`` - risk factor codes joined by ``;``; missing or empty for none;
* ``challenges`` - how many health challenges are recorded (missing counts as 0): a whole
  number, of any integer dtype, or a float that is whole (``1.0``, as pandas holds whole
  numbers in a column with missing cells, where NaN is a missing cell); ``1.5`` is refused;
* ``current_barrier``, ``progressive`` - True if any recorded challenge is a current barrier
  to work, or progressive; they need ``challenges`` of 1 or more;
* ``affects_work`` - the health profile's flag.

A missing flag counts as False. Other columns are ignored.

Both take a pandas DataFrame or a ``pyarrow.Table``. A table is converted to pandas once,
at the start: text to ``"string"``, flags to ``"boolean"`` and whole numbers to ``"Int64"``,
so missing cells stay missing and nothing is coerced; dates become ``datetime.date``. The
answers are the same as for the DataFrame the table was made from. Anything else raises
[`ValidationError`][helhed.errors.ValidationError].

Bad input raises [`ValidationError`][helhed.errors.ValidationError] naming each missing
column, or each bad cell as ``rows[i].column`` with ``i`` the row's position from 0 whatever
the frame's index; values are never shown, as they may be health data.

Examples:
    >>> import datetime as dt
    >>> import pandas as pd
    >>> frame = pd.DataFrame({
    ...     "id": ["c-1", "c-2", "c-3"],
    ...     "benefit": ["kontanthjaelp_jobparat", "sygedagpenge", None],
    ...     "assessed_horizon": [None, None, None],
    ...     "risk_factors": ["rygning", "", "stoffer;kost"],
    ...     "challenges": [0, 1, 0],
    ...     "current_barrier": [False, True, False],
    ...     "progressive": [False, False, False],
    ...     "affects_work": [False, False, False],
    ... })
    >>> out = classify_frame(frame, on=dt.date(2024, 5, 1))
    >>> out[["id", "group", "typical"]]
        id         group  typical
    0  c-1     lavrisiko     True
    1  c-2    hoejrisiko     True
    2  c-3  mellemrisiko     <NA>
    >>> classify_frame(frame.drop(columns="benefit"), on=dt.date(2024, 5, 1))
    Traceback (most recent call last):
    ...
    helhed.errors.ValidationError: benefit: is a required column
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from helhed._coded import CodedEnum
from helhed._validation import Checker, items_of
from helhed._values import whole_number
from helhed.batch._cells import (
    CellError,
    Codes,
    as_frame,
    code_of,
    days_of,
    factor,
    require,
    row_order,
)
from helhed.benefits import Benefit
from helhed.citizens import Citizen
from helhed.errors import Problem, ValidationError
from helhed.groups import HealthImpactHorizon
from helhed.health import HealthChallenge, HealthDomain, HealthProfile, RiskFactor
from helhed.organisation import coordinating_caseworker_right
from helhed.sickness import SicknessCategory, eight_week_limit, sickness_rule
from helhed.target_groups import MEDIUM_RISK_FACTORS, classify

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

__all__ = [
    "CITIZEN_COLUMNS",
    "CLASSIFY_OUTPUT",
    "SICKNESS_COLUMNS",
    "SICKNESS_OUTPUT",
    "citizens_to_frame",
    "classify_frame",
    "sickness_frame",
]

CITIZEN_COLUMNS: Final = (
    "id",
    "benefit",
    "sickness_category",
    "assessed_horizon",
    "risk_factors",
    "challenges",
    "current_barrier",
    "progressive",
    "affects_work",
)
"""The columns of ``classify_frame``'s input; all but ``sickness_category`` are required."""

CLASSIFY_OUTPUT: Final = ("id", "group", "typical", "horizon", "coordinating_caseworker")
"""The columns ``classify_frame`` returns."""

SICKNESS_COLUMNS: Final = ("first_absence_day", "expected_full_recovery", "other_challenges")
"""The columns ``sickness_frame`` needs; an ``id`` column, if present, is carried over."""

SICKNESS_OUTPUT: Final = ("category", "eight_week_limit", "cross_disciplinary_effort")
"""The columns ``sickness_frame`` returns (after ``id`` when the input has one)."""

_SEPARATOR = ";"
_OPTIONAL = frozenset({"sickness_category"})
_T = TypeVar("_T")

# The seven health facts classify reads (SST2019 4.1-4.3), as bits of one small integer:
# _MEDIUM is a factor of MEDIUM_RISK_FACTORS (problematic alcohol use, sleep, mental health).
_BARRIER, _PROGRESSIVE, _CHALLENGE, _AFFECTS, _DRUGS, _FACTOR, _MEDIUM = (1 << i for i in range(7))
_FACTS = 1 << 7  # how many combinations of the seven bits there are
_MEDIUM_FACTOR = min(MEDIUM_RISK_FACTORS, key=lambda f: f.code)  # one of them, to stand for all


def _risk_bits(value: object) -> int:
    if not isinstance(value, str):
        raise CellError(f"must be risk factor codes joined by {_SEPARATOR!r}")
    parse = code_of(RiskFactor)
    factors = {parse(part.strip()) for part in value.split(_SEPARATOR) if part.strip()}
    return (
        (_FACTOR if factors else 0)
        | (_DRUGS if RiskFactor.DRUGS in factors else 0)
        | (_MEDIUM if factors & MEDIUM_RISK_FACTORS else 0)
    )


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise CellError("must be true, false or missing")
    return value


def _strict_flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise CellError("must be true or false")
    return value


def _count(value: object) -> int:
    """A count: a whole number of 0 or more (also 3.0, as pandas holds it in a float column)."""
    found = whole_number(value)
    if found is None or found < 0:
        raise CellError("must be a whole number, 0 or more")
    return found


def _rows_of(problem: Problem) -> slice | int:
    """The row of a problem with a cell, ``rows[i].column``; every row for a column's."""
    head = problem.path.removeprefix("rows[").partition("]")[0]
    return int(head) if problem.path.startswith("rows[") and head.isdigit() else slice(None)


def _ids(frame: pd.DataFrame, problems: list[Problem]) -> None:
    for row, value in enumerate(frame["id"].tolist()):
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(f"rows[{row}].id", "must be non-blank text"))


def _per_row(codes: Codes, values: Sequence[_T]) -> npt.NDArray[np.object_]:
    table = np.empty(len(values), dtype=object)
    table[:] = values
    return table[codes]


def citizens_to_frame(citizens: Iterable[Citizen]) -> pd.DataFrame:
    """Write citizens as rows in the layout ``classify_frame`` reads.

    Args:
        citizens: The citizens, one row each, in order.

    Returns:
        A DataFrame with the columns of ``CITIZEN_COLUMNS``: codes and ``id`` as
        ``"string"``, ``challenges`` as ``"Int64"``, flags as ``"bool"``.

    Raises:
        ValidationError: If ``citizens`` is not a list of citizens, naming each bad item.
    """
    rows = items_of(citizens, Citizen, "citizens")

    def code(value: CodedEnum | None) -> str | None:
        return None if value is None else value.code

    return pd.DataFrame(
        {
            "id": pd.Series([c.id for c in rows], dtype="string"),
            "benefit": pd.Series([code(c.benefit) for c in rows], dtype="string"),
            "sickness_category": pd.Series(
                [code(c.sickness_category) for c in rows], dtype="string"
            ),
            "assessed_horizon": pd.Series([code(c.assessed_horizon) for c in rows], dtype="string"),
            "risk_factors": pd.Series(
                [_SEPARATOR.join(sorted(f.code for f in c.health.risk_factors)) for c in rows],
                dtype="string",
            ),
            "challenges": pd.Series([len(c.health.challenges) for c in rows], dtype="Int64"),
            "current_barrier": pd.Series(
                [any(h.current_barrier for h in c.health.challenges) for c in rows], dtype="bool"
            ),
            "progressive": pd.Series(
                [any(h.progressive for h in c.health.challenges) for c in rows], dtype="bool"
            ),
            "affects_work": pd.Series([c.health.affects_work for c in rows], dtype="bool"),
        }
    )


def _representative(
    benefit: Benefit | None, assessed: HealthImpactHorizon | None, bits: int
) -> Citizen:
    """The simplest citizen with the facts ``bits`` encodes; classify answers it alike."""
    factors: frozenset[RiskFactor] = frozenset()
    if bits & _DRUGS:
        factors = frozenset({RiskFactor.DRUGS})
    elif bits & _MEDIUM:
        factors = frozenset({_MEDIUM_FACTOR})
    elif bits & _FACTOR:
        factors = frozenset({RiskFactor.SMOKING})
    challenges = (
        (
            HealthChallenge(
                domain=HealthDomain.PHYSICAL,
                progressive=bool(bits & _PROGRESSIVE),
                current_barrier=bool(bits & _BARRIER),
            ),
        )
        if bits & _CHALLENGE
        else ()
    )
    return Citizen(
        id="batch",
        benefit=benefit,
        health=HealthProfile(
            risk_factors=factors, challenges=challenges, affects_work=bool(bits & _AFFECTS)
        ),
        assessed_horizon=assessed,
    )


def classify_frame(citizens: pd.DataFrame | pa.Table, *, on: dt.date) -> pd.DataFrame:
    """Classify every row of ``citizens`` on ``on``, as ``classify`` would.

    Args:
        citizens: One citizen per row, in the layout of the module notes: a pandas
            DataFrame or a ``pyarrow.Table`` (converted once, see the module notes).
        on: The date of the assessment; the benefit rules of that date apply.

    Returns:
        A frame with the index of ``citizens`` and the columns of ``CLASSIFY_OUTPUT``: ``id``;
        ``group`` and ``horizon`` as codes (``"string"``, missing when not in scope);
        ``typical`` (``"boolean"``, missing where ``classify`` says None); and
        ``coordinating_caseworker`` (``"bool"``), the right of
        ``coordinating_caseworker_right``.

    Raises:
        ValidationError: If ``on`` is not a date, ``citizens`` is not a table, a required
            column is missing or a cell cannot be read.
    """
    check = Checker()
    check.day(on, "on")
    check.done()
    citizens = as_frame(citizens, "citizens")
    require(citizens, (c for c in CITIZEN_COLUMNS if c not in _OPTIONAL))
    problems: list[Problem] = []
    _ids(citizens, problems)
    benefit, benefits = factor(citizens, "benefit", code_of(Benefit), None, problems)
    assessed, horizons = factor(
        citizens, "assessed_horizon", code_of(HealthImpactHorizon), None, problems
    )
    if "sickness_category" in citizens.columns:
        factor(citizens, "sickness_category", code_of(SicknessCategory), None, problems)
    risk, risk_bits = factor(citizens, "risk_factors", _risk_bits, 0, problems)
    before = len(problems)
    count, counts = factor(citizens, "challenges", _count, 0, problems)
    # A row whose count cannot be read is reported once, not again for its flags.
    unread = np.zeros(len(citizens), dtype=bool)
    for problem in problems[before:]:
        unread[_rows_of(problem)] = True
    has_challenge = np.array([n > 0 for n in counts], dtype=bool)[count]
    bits = np.array(risk_bits, dtype=np.int64)[risk] | np.where(has_challenge, _CHALLENGE, 0)
    for column, bit in (
        ("current_barrier", _BARRIER),
        ("progressive", _PROGRESSIVE),
        ("affects_work", _AFFECTS),
    ):
        codes, flags = factor(citizens, column, _flag, False, problems)  # noqa: FBT003
        set_ = np.array(flags, dtype=bool)[codes]
        bits |= np.where(set_, bit, 0)
        if bit != _AFFECTS:
            problems.extend(
                Problem(f"rows[{row}].{column}", "needs challenges of 1 or more")
                for row in np.flatnonzero(set_ & ~has_challenge & ~unread)
            )
    if problems:
        raise ValidationError(problems)

    # One integer per distinct combination of the facts that decide the answer.
    key = (benefit.astype(np.int64) * len(horizons) + assessed) * _FACTS + bits
    distinct, inverse = np.unique(key, return_inverse=True)
    groups: list[str | None] = []
    typical: list[bool | None] = []
    horizon: list[str | None] = []
    for k in distinct.tolist():
        b, rest = divmod(k, len(horizons) * _FACTS)
        a, facts = divmod(rest, _FACTS)
        answer = classify(_representative(benefits[b], horizons[a], facts), on=on)
        groups.append(None if answer.group is None else answer.group.code)
        typical.append(answer.typical)
        horizon.append(None if answer.horizon is None else answer.horizon.code)
    rights = [
        coordinating_caseworker_right(Citizen(id="batch", benefit=b), on=on).right for b in benefits
    ]
    index = citizens.index
    return pd.DataFrame(
        {
            "id": pd.Series(citizens["id"].to_numpy(), index=index, dtype="string"),
            "group": pd.Series(_per_row(inverse, groups), index=index, dtype="string"),
            "typical": pd.Series(_per_row(inverse, typical), index=index, dtype="boolean"),
            "horizon": pd.Series(_per_row(inverse, horizon), index=index, dtype="string"),
            "coordinating_caseworker": pd.Series(
                np.array(rights, dtype=bool)[benefit], index=index, dtype="bool"
            ),
        },
        index=index,
    )


def sickness_frame(rows: pd.DataFrame | pa.Table, *, on: dt.date) -> pd.DataFrame:
    """Place every sickness benefit case of ``rows`` in category 1, 2 or 3, as of ``on``.

    Category 3 only for ``on`` before 1 January 2025, as in ``sickness_category``.

    Args:
        rows: One case per row, as a pandas DataFrame or a ``pyarrow.Table``:
            ``first_absence_day`` and ``expected_full_recovery`` (``datetime.date``,
            midnight timestamps, or text written YYYY-MM-DD) and ``other_challenges``
            (True or False).
        on: The date of the assessment; its rule applies, as in ``sickness_category``.

    Returns:
        A frame with the index of ``rows``: ``id`` if ``rows`` has one, then ``category``
        (the code, ``"string"``), ``eight_week_limit`` (``datetime.date``) and
        ``cross_disciplinary_effort`` (``"bool"``).

    Raises:
        ValidationError: If ``on`` is not a date, ``rows`` is not a table, a column is
            missing, a cell cannot be read, a recovery is not after its first day of
            absence, or a first day of absence is after ``on``.
        NoRuleError: If ``on`` is before 19 January 2018.
    """
    check = Checker()
    check.day(on, "on")
    check.done()
    rows = as_frame(rows, "rows")
    require(rows, SICKNESS_COLUMNS)
    window = np.timedelta64((eight_week_limit(on, on=on) - on).days, "D")
    problems: list[Problem] = []
    first, first_ok = days_of(rows, "first_absence_day", problems)
    recovery, recovery_ok = days_of(rows, "expected_full_recovery", problems)
    codes, flags = factor(rows, "other_challenges", _strict_flag, None, problems)
    problems.extend(
        Problem(f"rows[{row}].other_challenges", "is required")
        for row in np.flatnonzero(rows["other_challenges"].isna().to_numpy())
    )
    both = first_ok & recovery_ok
    problems.extend(
        Problem(f"rows[{row}].expected_full_recovery", "must be after first_absence_day")
        for row in np.flatnonzero(both & ~(recovery > first))
    )
    problems.extend(
        Problem(f"rows[{row}].first_absence_day", "must not be after the assessment date")
        for row in np.flatnonzero(first_ok & (first > np.datetime64(on, "D")))
    )
    if problems:
        raise ValidationError(sorted(problems, key=row_order))
    other = np.array(flags, dtype=bool)[codes]
    limit = first + window
    three = other & sickness_rule(on).category_3
    category = np.where(
        recovery <= limit,
        SicknessCategory.ONE.code,
        np.where(three, SicknessCategory.THREE.code, SicknessCategory.TWO.code),
    )
    index = rows.index
    out: dict[str, pd.Series] = {}
    if "id" in rows.columns:
        out["id"] = rows["id"]
    out["category"] = pd.Series(category, index=index, dtype="string")
    out["eight_week_limit"] = pd.Series(limit.astype(object), index=index, dtype="object")
    out["cross_disciplinary_effort"] = pd.Series(
        category == SicknessCategory.THREE.code, index=index, dtype="bool"
    )
    return pd.DataFrame(out, index=index)
