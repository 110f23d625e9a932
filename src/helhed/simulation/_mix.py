"""Shares that make up a whole: checking them and turning them into whole counts.

A *mix* maps keys (funding bases, target groups, offer ids) to shares in [0, 1] that sum to 1.
The cohort builder and the referrals to a catalogue's offers both take one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from helhed._validation import Checker
from helhed.groups import RiskGroup

__all__ = ["TOLERANCE", "allot", "check_mix", "group_name"]

TOLERANCE = 1e-9
"""How far from 1 the shares of a mix may sum, to allow for rounding in the caller's sums."""


def check_mix(  # noqa: PLR0913 - how keys are judged and named are keywords
    mix: object,
    path: str,
    check: Checker,
    *,
    key_ok: Callable[[object], bool],
    key_problem: str,
    name: Callable[[object], str],
) -> bool:
    """Record every problem with ``mix``; return True if it is a valid mix.

    Args:
        mix: The value to check; it must be a non-empty mapping.
        path: Where the mix sits, e.g. ``funding``; a key's problems go to ``path[name]``.
        check: Where the problems are recorded.
        key_ok: True for a key the mix may hold.
        key_problem: What is wrong with a key that ``key_ok`` refuses.
        name: How a key is named in a path, e.g. its code; it must take any key.
    """
    if not isinstance(mix, Mapping) or not mix:
        check.fail(path, "must be a mapping with at least one share")
        return False
    valid = True
    total = 0.0
    for key, share in mix.items():
        where = f"{path}[{name(key)}]"
        valid &= check.expect(key_ok(key), where, key_problem)
        if check.probability(share, where):
            total += share
        else:
            valid = False
    if valid:
        valid = check.expect(abs(total - 1.0) <= TOLERANCE, path, "shares must sum to 1")
    return valid


def allot(shares: Sequence[float], n: int) -> list[int]:
    """Whole counts for ``n`` items in proportion to ``shares``, summing to ``n``.

    Each share gets its whole part of ``share * n``; the items left over go one each to the
    largest remainders (the largest remainder method), ties to the earlier share.

    Examples:
        >>> allot([0.5, 0.3, 0.2], 7)
        [4, 2, 1]
    """
    exact = [share * n for share in shares]
    counts = [math.floor(x) for x in exact]
    left = n - sum(counts)
    order = sorted(range(len(shares)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: max(left, 0)]:
        counts[i] += 1
    # Shares may sum to a hair above 1: take any surplus from the largest counts.
    for i in sorted(range(len(shares)), key=lambda i: -counts[i])[: max(-left, 0)]:
        counts[i] -= 1
    return counts


def group_name(group: object) -> str:
    """How a target-group key is named in a path: its code, ``None``, or ``?`` if it is neither."""
    if isinstance(group, RiskGroup):
        return group.code
    return "None" if group is None else "?"
