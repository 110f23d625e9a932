"""[`RequiresConsent`][helhed.rules.RequiresConsent] over whole columns: the consent ledger."""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Final

import numpy as np

from helhed.batch._found import distinct
from helhed.batch._table import NO_END
from helhed.batch._timeline import NO_TIME
from helhed.batch.rules._shared import add_per_event
from helhed.batch.rules.registry import columnar
from helhed.pathways.consent import Refusal, refusal
from helhed.pathways.events import (
    ConsentGiven,
    ConsentPurpose,
    ConsentRefused,
    ConsentWithdrawn,
    InformationDisclosed,
)
from helhed.rules import RequiresConsent

if TYPE_CHECKING:
    from helhed.batch._found import Found
    from helhed.batch._objects import Objects
    from helhed.batch._scan import Bools, Ints
    from helhed.batch._table import Table

# The evaluator is reached through the registry, not called by name.
__all__: list[str] = []

PURPOSES: Final = tuple(ConsentPurpose)
_NEVER: Final = int(np.iinfo(np.int64).min)  # day numbers may be negative (before 1970)
_WHY: Final[tuple[Refusal, ...]] = typing.get_args(Refusal)  # the codes, in their order
_NO_PURPOSE, _WITHDRAWN, _REFUSED, _EXPIRED, _NOT_COVERED, _NONE = (
    _WHY.index(why)
    for why in ("no_purpose", "withdrawn", "refused", "expired", "not_covered", "none")
)
_ALLOWED: Final = -1
_EMPTY: Final = np.array([-1, -1, 0, 0, 0], dtype=np.int64)
"""The ledger of a purpose with no consent, withdrawal or refusal: ``_ledger`` over none."""


@columnar(RequiresConsent, fields=("category", "to"))
def requires_consent(rule: RequiresConsent, table: Table, _objects: Objects, found: Found) -> None:
    """``RequiresConsent`` over columns: each disclosure on consent judged against the ledger.

    As ``consent.audit`` judges it at its place in the timeline, per purpose (``_ledger``);
    the reason is the newest fact about the purpose asked, else a consent in force for
    another purpose (not covered), else none.
    """
    to = rule.to
    to_rows = table.equals("to", to.code)
    disclosed = np.flatnonzero(
        table.kinds(InformationDisclosed)
        & to_rows
        & table.equals("category", rule.category.code)
        & (table.codes("legal_basis")[0] < 0)  # else it rests on a statutory basis
    )
    if not disclosed.size:
        return
    purpose = table.enum_codes("purpose", PURPOSES)
    asked = purpose[disclosed]
    given = table.kinds(ConsentGiven) & to_rows
    end = np.full(table.size, NO_END, dtype=np.int64)
    end[given] = table.day_numbers("ends_on", np.flatnonzero(given))
    covering = given & table.holds_code("categories", rule.category.code)
    no = table.kinds(ConsentWithdrawn, ConsentRefused) & to_rows
    ledgers = np.stack(
        [
            _ledger(table, disclosed, no=no & of, given=given & of, covering=covering & of, end=end)
            if ((no | given) & of).any()
            else _EMPTY[:, None].repeat(len(disclosed), axis=1)
            for of in (purpose == k for k in range(len(PURPOSES)))
        ]
    )
    each = np.arange(len(disclosed))
    stop, cover, live, since = (ledgers[np.maximum(asked, 0), i, each] for i in range(4))
    withdrawn = (stop >= 0) & table.kinds(ConsentWithdrawn)[np.maximum(stop, 0)]
    why = np.select(
        [asked < 0, live == 1, cover >= 0, since == 1, withdrawn, stop >= 0, ledgers[:, 4].any(0)],
        [_NO_PURPOSE, _ALLOWED, _EXPIRED, _NOT_COVERED, _WITHDRAWN, _REFUSED, _NOT_COVERED],
        _NONE,
    )
    # The day a reason names: the end of the expired consent, or the day of the "no".
    dated = np.where(why == _EXPIRED, end[np.maximum(cover, 0)], table.day[np.maximum(stop, 0)])
    dated = np.where(np.isin(why, (_WITHDRAWN, _REFUSED, _EXPIRED)), dated, _NEVER)
    keep = why != _ALLOWED
    rows, why, asked, dated = disclosed[keep], why[keep], asked[keep], dated[keep]
    which, one = distinct(len(rows), table.day[rows], why, asked, dated)
    days = table.dates(np.where(dated[one] > _NEVER, dated[one], 0))
    details = [
        rule.detail(
            day,
            refusal(
                rule.category,
                to,
                PURPOSES[a] if a >= 0 else None,
                why=_WHY[w],
                day=named if d > _NEVER else None,
            ),
        )
        for day, w, a, d, named in zip(
            table.dates(table.day[rows[one]]),
            why[one].tolist(),
            asked[one].tolist(),
            dated[one].tolist(),
            days,
            strict=True,
        )
    ]
    add_per_event(rule, table, rows, details=details, which=which, found=found)


def _ledger(  # noqa: PLR0913 - the parts of one purpose's ledger
    table: Table, disclosed: Ints, *, no: Bools, given: Bools, covering: Bools, end: Ints
) -> Ints:
    """What one purpose's consent ledger holds at each disclosure, as the rows of an array.

    0. the newest withdrawal or refusal that has taken effect (-1 if none): one earlier in
       the timeline, or later the same day but not surely later in the day - the citizen
       wins a tie;
    1. the newest covering consent since then and before the disclosure (-1 if none);
    2. 1 if a covering consent since then lasts until the disclosure's day;
    3. 1 if any consent was given since then, before the disclosure;
    4. 1 if one of those lasts until the disclosure's day.
    """
    last_no = table.last_until(no)
    before = last_no[disclosed]
    moment, day_end = table.moment_end(disclosed), table.day_end(disclosed)
    tie = last_no[moment]
    if (moment != day_end).any():  # after a time of day, a "no" without one counts too
        tie = np.maximum(tie, table.last_until(no & (table.time == NO_TIME))[day_end])
    tie = np.where(tie > disclosed, tie, -1)
    open_ = tie < 0
    day = table.day[disclosed]
    cover = table.last_until(covering)[disclosed]
    return np.stack(
        [
            np.where(open_, before, tie),
            np.where(open_ & (cover > before), cover, -1),
            open_ & (_latest_end(table, covering, no, end, disclosed) >= day),
            open_ & (table.last_until(given)[disclosed] > before),
            open_ & (_latest_end(table, given, no, end, disclosed) >= day),
        ]
    ).astype(np.int64)


def _latest_end(table: Table, given: Bools, no: Bools, end: Ints, asked: Ints) -> Ints:
    """For each of ``asked``, the latest ``end`` of ``given`` rows since its citizen's last ``no``.

    ``_NEVER`` where there is none. A running maximum over the rows involved, restarted at
    each ``no`` and each citizen; the ends are ranked so that the offsets cannot overflow.
    """
    rows = np.flatnonzero(given | no)
    if not rows.size:
        return np.full(len(asked), _NEVER, dtype=np.int64)
    ends, rank = np.unique(end[rows[given[rows]]], return_inverse=True)
    value = np.zeros(len(rows), dtype=np.int64)
    value[given[rows]] = np.asarray(rank, dtype=np.int64).reshape(-1) + 1
    citizen = table.citizen[rows]
    restart = np.append(True, citizen[1:] != citizen[:-1]) | (value == 0)
    offset = np.cumsum(restart) * (len(ends) + 1)
    running = np.maximum.accumulate(offset + value) - offset
    at = np.searchsorted(rows, asked, side="right") - 1
    hit = (at >= 0) & (citizen[np.maximum(at, 0)] == table.citizen[asked])
    best = np.where(hit, running[np.maximum(at, 0)], 0)
    return np.concatenate([[_NEVER], ends]).astype(np.int64)[best]
