"""Which interaction of cassette A goes with which of cassette B.

Pairing by position fails as soon as a recording gains a retry or a turn:
every later pair would compare two different requests. So interactions are
aligned on keys with difflib's `SequenceMatcher` (runs of equal keys pair up,
an inserted interaction stands alone), and what is left inside a changed
block is paired by similarity (`pair_block`): same method and URL path
required, then the same model, the same conversation opening, and as many
leading messages in common as possible, in order.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

Pair = tuple[int | None, int | None]

MAX_BLOCK_CELLS = 250_000
"""Largest changed block (rows x columns) paired by the O(m*n) similarity pass; bigger blocks
pair in order (a 5,000 x 5,000 block of all-different requests would take minutes)."""


@dataclass(frozen=True)
class RequestShape:
    """What the pairing looks at in a request (built from the decoded exchange)."""

    endpoint: tuple[str, str]
    """Method and URL path: two requests to different endpoints are never paired."""
    model: str | None
    opening: Hashable
    """The conversation up to its first user message: which test or chat this is."""
    messages: tuple[Hashable, ...]
    failed: bool = False
    """The answer was an error: a failed attempt pairs with a failed one rather than with the retry
    that succeeded."""


def similarity(a: RequestShape, b: RequestShape) -> float:
    """0 when the two cannot be the same call; higher is closer (at most 5.5)."""
    if a.endpoint != b.endpoint:
        return 0.0
    score = 1.0 + (a.model == b.model) + 2.0 * (a.opening == b.opening) + 0.5 * (a.failed == b.failed)
    longest = max(len(a.messages), len(b.messages))
    if longest:
        common = 0
        for x, y in zip(a.messages, b.messages, strict=False):
            if x != y:
                break
            common += 1
        score += common / longest
    return score


def align(left: Sequence[Hashable], right: Sequence[Hashable]) -> Sequence[tuple[str, int, int, int, int]]:
    """SequenceMatcher opcodes over per-interaction keys (autojunk off: identical retries repeat keys)."""
    return difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes()


def pair_block(lo_a: int, hi_a: int, lo_b: int, hi_b: int, score: Callable[[int, int], float]) -> list[Pair]:
    """Order-keeping pairing of A[lo_a:hi_a] with B[lo_b:hi_b] that maximises total `score`
    (pairs scoring 0 are never made); unpaired interactions stand alone."""
    m, n = hi_a - lo_a, hi_b - lo_b
    if m == 0 or n == 0:
        return [(i, None) for i in range(lo_a, hi_a)] + [(None, j) for j in range(lo_b, hi_b)]
    if m * n > MAX_BLOCK_CELLS:
        return _in_order(lo_a, hi_a, lo_b, hi_b, score)
    # best[i][j]: best total for A[i:] and B[j:]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    scores = [[score(lo_a + i, lo_b + j) for j in range(n)] for i in range(m)]
    for i in range(m - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(n - 1, -1, -1):
            take = scores[i][j] + below[j + 1] if scores[i][j] > 0 else -1.0
            row[j] = max(take, below[j], row[j + 1])
    pairs: list[Pair] = []
    i = j = 0
    while i < m and j < n:
        if scores[i][j] > 0 and best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            pairs.append((lo_a + i, lo_b + j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((lo_a + i, None))
            i += 1
        else:
            pairs.append((None, lo_b + j))
            j += 1
    pairs.extend((lo_a + k, None) for k in range(i, m))
    pairs.extend((None, lo_b + k) for k in range(j, n))
    return pairs


def _in_order(lo_a: int, hi_a: int, lo_b: int, hi_b: int, score: Callable[[int, int], float]) -> list[Pair]:
    pairs: list[Pair] = []
    common = min(hi_a - lo_a, hi_b - lo_b)
    for k in range(common):
        i, j = lo_a + k, lo_b + k
        pairs.extend([(i, j)] if score(i, j) > 0 else [(i, None), (None, j)])
    pairs.extend((i, None) for i in range(lo_a + common, hi_a))
    pairs.extend((None, j) for j in range(lo_b + common, hi_b))
    return pairs
