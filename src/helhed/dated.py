"""Dated rule tables: the law as rows that each take effect on a date.

A [`RuleTable`][helhed.dated.RuleTable] holds [`Rule`][helhed.dated.Rule] rows. A row says
what holds for one key (a benefit, say) *from* its ``valid_from`` date; it stays in force until
the next row for the same key starts. So a reform is a new row, and no old row is ever edited:
`table.with_rows(...)` returns a new table with the reform added.

Two edges are handled on purpose:

* a date **before** the first row for a key raises
  [`NoRuleError`][helhed.errors.NoRuleError] - helhed does not know the law of that time;
* a date on or after the table's ``horizon`` (the first date whose law is known to differ but
  is not encoded) is answered from the last row, and the answer says so
  (``beyond_known_law=True``, with a cited reason).

Examples:
    >>> import datetime as dt
    >>> from helhed.sources import Citation, Verification
    >>> rows = (
    ...     Rule("x", dt.date(2020, 1, 1), 1, Citation("SST2019"), Verification.VERIFIED),
    ...     Rule("x", dt.date(2024, 1, 1), 2, Citation("SST2019"), Verification.VERIFIED),
    ... )
    >>> table = RuleTable("demo", rows)
    >>> table.lookup("x", dt.date(2023, 12, 31)).value
    1
    >>> hit = table.lookup("x", dt.date(2024, 1, 1))
    >>> hit.value, hit.valid_to
    (2, None)
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar

import attrs

from helhed._validation import items_of, require_day
from helhed._values import FrozenMap, frozen_fields
from helhed.errors import NoRuleError, Problem, ValidationError, quoted
from helhed.sources import Citation, Reason, Verification

__all__ = ["BEYOND_KNOWN_LAW", "Horizon", "InForce", "Rule", "RuleTable"]

BEYOND_KNOWN_LAW = "law.beyond_known"
"""The code of the reason an answer carries when it lies past its table's horizon."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@attrs.frozen(field_transformer=frozen_fields)
class Rule(Generic[K, V]):
    """One row of a dated rule table.

    Attributes:
        key: What the row is about, e.g. a [`Benefit`][helhed.benefits.Benefit].
        valid_from: First day the row is in force (inclusive).
        value: What holds from that day.
        citation: The source the value rests on.
        verification: How well the value is established.
        note_da: Optional remark in Danish (e.g. what an unverified value was inferred from).
        note_en: The same remark in English.
    """

    key: K
    valid_from: dt.date
    value: V
    citation: Citation
    verification: Verification
    note_da: str = ""
    note_en: str = ""


@attrs.frozen(field_transformer=frozen_fields)
class Horizon:
    """The first date from which a table's law is known to change in ways not encoded.

    Attributes:
        starts: First day beyond known law.
        reason: Why, with the citation of the change that is not encoded.
    """

    starts: dt.date
    reason: Reason


@attrs.frozen(field_transformer=frozen_fields)
class InForce(Generic[K, V]):
    """The row of a table in force on a date, and the interval it covers.

    Attributes:
        rule: The row.
        valid_to: First day the row is no longer in force (exclusive), or None if no later row
            is known.
        beyond_known_law: True if the date lies on or after the table's horizon.
    """

    rule: Rule[K, V]
    valid_to: dt.date | None
    beyond_known_law: bool

    @property
    def value(self) -> V:
        """The value of the row."""
        return self.rule.value


@attrs.frozen(field_transformer=frozen_fields)
class RuleTable(Generic[K, V]):
    """An immutable table of dated rows, looked up by key and date.

    Building a table with two rows for the same key and the same ``valid_from`` fails with a
    [`ValidationError`][helhed.errors.ValidationError] naming each clash.

    Attributes:
        name: The table's name, used in error messages.
        rows: The rows, in any order.
        horizon: Where known law ends, if it is known to end.
    """

    name: str
    rows: tuple[Rule[K, V], ...]
    horizon: Horizon | None = None
    _index: Mapping[K, tuple[tuple[dt.date, ...], tuple[Rule[K, V], ...]]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        """Index the rows by key and start date; reject clashing rows."""
        by_key: dict[K, list[Rule[K, V]]] = {}
        for row in items_of(self.rows, Rule, "rows"):
            by_key.setdefault(row.key, []).append(row)
        problems: list[Problem] = []
        index: dict[K, tuple[tuple[dt.date, ...], tuple[Rule[K, V], ...]]] = {}
        for key, rows in by_key.items():
            rows.sort(key=lambda r: r.valid_from)
            starts = tuple(r.valid_from for r in rows)
            problems.extend(
                Problem(
                    f"{self.name}[{_key_text(key)}]",
                    f"two rows take effect on {a.isoformat()}",
                )
                for a, b in itertools.pairwise(starts)
                if a == b
            )
            index[key] = (starts, tuple(rows))
        if problems:
            raise ValidationError(problems)
        object.__setattr__(self, "_index", FrozenMap(index))

    def keys(self) -> Iterator[K]:
        """Iterate over the keys that have at least one row."""
        return iter(self._index)

    def lookup(self, key: K, on: dt.date) -> InForce[K, V]:
        """Return the row for ``key`` in force on ``on``.

        Raises:
            NoRuleError: If ``key`` has no rows, or ``on`` is before its first row.
            ValidationError: If ``on`` is not a date.
        """
        require_day(on, "on")
        try:
            starts, rows = self._index[key]
        except (KeyError, TypeError):
            raise NoRuleError(f"{self.name}: no rule for {_key_text(key)}") from None
        i = bisect.bisect_right(starts, on) - 1
        if i < 0:
            raise NoRuleError(
                f"{self.name}: no rule for {_key_text(key)} on {on.isoformat()}; "
                f"the first rule takes effect on {starts[0].isoformat()}"
            )
        valid_to = starts[i + 1] if i + 1 < len(starts) else None
        beyond = self.horizon is not None and on >= self.horizon.starts
        return InForce(rows[i], valid_to, beyond)

    def boundaries(self, key: K) -> tuple[dt.date, ...]:
        """The dates on which a row for ``key`` takes effect, in order (empty if none)."""
        entry = self._index.get(key)
        return entry[0] if entry else ()

    def with_rows(self, rows: Iterable[Rule[K, V]]) -> RuleTable[K, V]:
        """Return a new table with ``rows`` added (e.g. a reform); this table is unchanged."""
        return RuleTable(self.name, self.rows + tuple(rows), self.horizon)

    def with_horizon(self, horizon: Horizon | None) -> RuleTable[K, V]:
        """Return a new table with a different horizon; this table is unchanged."""
        return RuleTable(self.name, self.rows, horizon)


_WORD = re.compile(r"[\w-]{1,40}")


def _key_text(key: object) -> str:
    code = getattr(key, "code", None)
    if isinstance(code, str):
        return code
    # A plain word names itself; anything else is quoted, so no key can break a message.
    return key if isinstance(key, str) and _WORD.fullmatch(key) else quoted(key)
