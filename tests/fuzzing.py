"""The fuzz tests' mutators and tally.

Each fuzz test draws a few valid inputs with Hypothesis and a seed, then feeds the readers
``FAN`` cheap mutations of each, made with ``random.Random(seed)``: Hypothesis finds and
shrinks the seed and the document, and the fan-out makes a million documents affordable.
`make fuzz` prints the tally at the end of the run (see ``pytest_terminal_summary`` in
conftest.py).
"""

from __future__ import annotations

import copy
import random
from collections import Counter

TRIED: Counter[str] = Counter()
"""Documents fed to a reader, by test."""

RAISED: Counter[str] = Counter()
"""What reading those documents gave: ``read`` or the exception's class name."""

FAN = 16
"""Mutations fed to the readers for each input Hypothesis draws."""

# What broke the readers before: long numbers, deep nesting, odd constants, lone surrogates,
# bytes that are not UTF-8, byte-order marks.
NASTY = (
    "1" * 4301,
    "-" + "9" * 101,
    "1e400",
    "0." + "5" * 200,
    "NaN",
    "-Infinity",
    "[" * 2000,
    "{" * 100,
    '"\\ud800"',
    '"\\udc00\\ud800"',
    "\ud800",
    "\ufeff",
    "\x00",
    '"',
    "\\",
    "[]",
    "{}",
    "null",
    "true",
    '"schema_version"',
    "ø",
    "2025-02-30",
    "9999-12-31",
    "0001-01-01",
    "-0",
    "1.0",
    "1e2",
)
NASTY_BYTES = (
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\x80",
    b"\xc3",
    b"\xf8",
    b"\xed\xa0\x80",
    b"\x00",
)
NASTY_VALUES: tuple[object, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1.0,
    2.5,
    10**400,
    -(10**30),
    1e308,
    -0.0,
    "",
    " ",
    "2025-02-30",
    "9999-12-31",
    "12:00",
    "sygedagpenge",
    "kategori_2",
    "x" * 200,
    "\x00",
    "\n",
    [],
    {},
    [[[[[]]]]],
)
_SPICE = 'aø{}[]":,0123456789-.eE \\\n\tnu'


def record(test: str, outcome: str) -> None:
    """Count one document fed by ``test`` and its outcome."""
    TRIED[test] += 1
    RAISED[outcome] += 1


def summary() -> list[str]:
    """The tally as lines of text; empty when nothing was tried."""
    if not TRIED:
        return []
    lines = [f"reading fuzz: {sum(TRIED.values())} documents tried"]
    lines += [f"  {test}: {n}" for test, n in sorted(TRIED.items())]
    lines.append("outcomes:")
    lines += [f"  {outcome}: {n}" for outcome, n in RAISED.most_common()]
    crashes = sorted(set(RAISED) - {"read", "ValidationError"})
    lines.append(f"crash kinds: {', '.join(crashes) if crashes else 'none'}")
    return lines


def _span(rnd: random.Random, length: int) -> tuple[int, int]:
    start = rnd.randint(0, length)
    return start, rnd.randint(start, min(length, start + 24))


def mutate_text(rnd: random.Random, text: str) -> str:
    """``text`` with a span replaced, deleted, repeated or swapped for something nasty."""
    start, end = _span(rnd, len(text))
    kind = rnd.randrange(5)
    if kind == 0:
        middle = rnd.choice(NASTY)
    elif kind == 1:
        middle = "".join(rnd.choice(_SPICE) for _ in range(rnd.randint(0, 8)))
    elif kind == 2:
        middle = ""
    elif kind == 3:
        middle = text[start:end] * rnd.randint(2, 4)
    else:
        middle = "".join(chr(rnd.randint(0, 0x10FFFF)) for _ in range(rnd.randint(1, 4)))
    return text[:start] + middle + text[end:]


def mutate_bytes(rnd: random.Random, data: bytes) -> bytes:
    """``data`` with a nasty byte run put in, a byte flipped, or a span cut out."""
    kind = rnd.randrange(3)
    at = rnd.randint(0, len(data))
    if kind == 0:
        return data[:at] + rnd.choice(NASTY_BYTES) + data[at:]
    if kind == 1 and data:
        at = min(at, len(data) - 1)
        return data[:at] + bytes([data[at] ^ (1 << rnd.randrange(8))]) + data[at + 1 :]
    start, end = _span(rnd, len(data))
    return data[:start] + data[end:]


def rng(seed: int) -> random.Random:
    """The generator of one input's mutations."""
    return random.Random(seed)  # noqa: S311 - fuzzing, not secrets


def _word(rnd: random.Random, most: int) -> str:
    return "".join(rnd.choice(_SPICE) for _ in range(rnd.randint(0, most)))


def random_json(rnd: random.Random, depth: int = 0) -> object:
    """A small JSON value: a nasty one, a scalar, or a short list or object of them."""
    makers = [
        lambda: copy.deepcopy(rnd.choice(NASTY_VALUES)),  # a copy: mutations change lists
        lambda: rnd.randint(-(2**70), 2**70),
        lambda: rnd.uniform(-1e6, 1e6),
        lambda: rnd.choice(NASTY),
        lambda: _word(rnd, 12),
        lambda: rnd.randint(-3, 12),
    ]
    if depth < 3:
        makers.append(lambda: [random_json(rnd, depth + 1) for _ in range(rnd.randint(0, 4))])
        makers.append(
            lambda: {_word(rnd, 6): random_json(rnd, depth + 1) for _ in range(rnd.randint(0, 4))}
        )
    return rnd.choice(makers)()


def replace_somewhere(rnd: random.Random, value: object) -> object:
    """``value`` (changed in place) with one node, anywhere, replaced, dropped or renamed."""
    paths: list[tuple[object, ...]] = []
    stack: list[tuple[tuple[object, ...], object]] = [((), value)]
    while stack:
        path, node = stack.pop()
        paths.append(path)
        if isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
    target = rnd.choice(paths)
    if not target:
        return random_json(rnd)
    parent = value
    for step in target[:-1]:
        parent = parent[step]  # type: ignore[index]
    key = target[-1]
    kind = rnd.randrange(6)
    if kind == 0 and isinstance(parent, dict):
        del parent[key]
    elif kind == 1 and isinstance(parent, dict):
        parent[rnd.choice((str(key) + "x", "", "\n", str(key).upper()))] = parent.pop(key)
    elif kind == 2 and isinstance(parent, list):
        parent.insert(key, random_json(rnd))  # type: ignore[arg-type]
    else:
        parent[key] = random_json(rnd)  # type: ignore[index]
    return value
