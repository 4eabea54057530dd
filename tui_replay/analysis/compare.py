"""Two cassettes compared by meaning: the engine behind `diff`, `match` and the comparison screen.

    result = compare_cassettes(open_cassette(a), open_cassette(b))
    result.differ                      # False when only volatile values changed
    for pair in result.pairs: pair.status, pair.a, pair.b, pair.comparison

Alignment runs in two passes, both with difflib (`analysis.compare_align`):

1. on the interactions' *bytes* in the file, when the loader indexes them: an
   interaction recorded byte for byte the same is the same, without decoding
   it. Two 100 MB cassettes that differ in one interaction decode one pair.
2. inside what is left, on the decoded *request meaning* (endpoint, model,
   conversation, tools, parameters, ids and timestamps aside, plus whether
   the answer was an error, so a retry that failed pairs with nothing rather
   than with the attempt that succeeded); the remaining blocks are paired by
   similarity.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Literal, Protocol
from urllib.parse import urlsplit

from tui_replay.analysis.compare_align import Pair, RequestShape, align, pair_block, similarity
from tui_replay.analysis.compare_exchange import ExchangeComparison, compare_exchanges
from tui_replay.analysis.compare_parts import message_key
from tui_replay.analysis.volatile import without_volatile
from tui_replay.model import Exchange

PairStatus = Literal["same", "changed", "only-a", "only-b"]


class Side(Protocol):
    """What the engine needs of a cassette (`analysis.cassette.Cassette` is one)."""

    def __len__(self) -> int: ...

    def exchange(self, index: int) -> Exchange: ...

    def item_bytes(self, index: int) -> bytes | None: ...


class NoCassette:
    """The missing side of a comparison (a file added or deleted since a revision)."""

    def __len__(self) -> int:
        return 0

    def exchange(self, index: int) -> Exchange:
        raise IndexError(index)

    def item_bytes(self, index: int) -> bytes | None:
        return None


@dataclass(frozen=True)
class PairResult:
    a: int | None
    b: int | None
    status: PairStatus
    label: str
    """`POST /v1/chat/completions · gpt-4o` (empty for pairs equal byte for byte, never decoded)."""
    comparison: ExchangeComparison | None = None


@dataclass
class CassetteComparison:
    label_a: str
    label_b: str
    count_a: int
    count_b: int
    pairs: list[PairResult] = field(default_factory=list)

    @property
    def differ(self) -> bool:
        return any(p.status != "same" for p in self.pairs)

    def count(self, status: PairStatus) -> int:
        return sum(1 for p in self.pairs if p.status == status)


def describe(exchange: Exchange) -> str:
    raw = exchange.raw
    path = urlsplit(raw.url).path or raw.url
    model = exchange.request.model or exchange.response.model
    status = "no status" if raw.status is None else str(raw.status)
    return f"{raw.method} {path}" + (f" · {model}" if model else "") + f" → {status}"


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def shape(exchange: Exchange) -> RequestShape:
    messages = tuple(message_key(m) for m in exchange.request.messages)
    opening: list[Hashable] = []
    for message, key in zip(exchange.request.messages, messages, strict=True):
        opening.append(key)
        if message.role == "user":
            break
    path = urlsplit(exchange.raw.url).path
    endpoint = (exchange.raw.method.upper(), path)
    return RequestShape(endpoint, exchange.request.model, tuple(opening), messages, exchange.is_error)


def meaning_key(exchange: Exchange) -> Hashable:
    """Equal for two requests that mean the same (ids and timestamps aside), and the same outcome."""
    request = exchange.request
    body: Hashable = None
    if not request.messages:  # not an LLM call: the body itself is what was asked
        body = (
            _canonical(without_volatile(exchange.raw.request_json))
            if exchange.raw.request_json is not None
            else exchange.raw.request_body
        )
    return (
        shape(exchange).endpoint,
        urlsplit(exchange.raw.url).query,
        request.model,
        tuple(message_key(m) for m in request.messages),
        _canonical([(t.name, t.description, t.parameters) for t in request.tools]),
        _canonical(without_volatile(request.params)),
        body,
        exchange.is_error,
    )


_ITEM_ID = re.compile(rb"\A[ \t]*-[ \t]+id:[ \t]*\d+[ \t]*\r?\n")
"""go-vcr numbers its items (`- id: 7`): an inserted interaction renumbers every later one."""


def _bytes_key(side: Side, index: int) -> Hashable:
    item = side.item_bytes(index)
    if item is None:
        return ("undecided", index)  # never equal to anything: decided in the second pass
    return hashlib.blake2b(_ITEM_ID.sub(b"", item, count=1), digest_size=16).digest()


def compare_cassettes(a: Side, b: Side, label_a: str = "A", label_b: str = "B") -> CassetteComparison:
    result = CassetteComparison(label_a, label_b, len(a), len(b))
    keys_a = [_bytes_key(a, i) for i in range(len(a))]
    keys_b = [_bytes_key(b, j) for j in range(len(b))]
    if any(isinstance(k, tuple) for k in keys_a) or any(isinstance(k, tuple) for k in keys_b):
        # without indexed bytes, every pair is decided on meaning
        result.pairs = _compare_block(a, b, 0, len(a), 0, len(b))
        return result
    for tag, i1, i2, j1, j2 in align(keys_a, keys_b):
        if tag == "equal":
            result.pairs.extend(
                PairResult(i, j, "same", "") for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        else:
            result.pairs.extend(_compare_block(a, b, i1, i2, j1, j2))
    return result


def _scorer(
    shapes_a: dict[int, RequestShape], shapes_b: dict[int, RequestShape]
) -> Callable[[int, int], float]:
    def score(i: int, j: int) -> float:
        return similarity(shapes_a[i], shapes_b[j])

    return score


def _compare_block(a: Side, b: Side, i1: int, i2: int, j1: int, j2: int) -> list[PairResult]:
    left = [a.exchange(i) for i in range(i1, i2)]
    right = [b.exchange(j) for j in range(j1, j2)]
    pairs: list[Pair] = []
    for tag, x1, x2, y1, y2 in align([meaning_key(e) for e in left], [meaning_key(e) for e in right]):
        if tag == "equal":
            pairs.extend(zip(range(i1 + x1, i1 + x2), range(j1 + y1, j1 + y2), strict=True))
            continue
        shapes_a = {i: shape(left[i - i1]) for i in range(i1 + x1, i1 + x2)}
        shapes_b = {j: shape(right[j - j1]) for j in range(j1 + y1, j1 + y2)}
        pairs.extend(pair_block(i1 + x1, i1 + x2, j1 + y1, j1 + y2, _scorer(shapes_a, shapes_b)))
    out: list[PairResult] = []
    for i, j in pairs:
        ea = left[i - i1] if i is not None else None
        eb = right[j - j1] if j is not None else None
        if ea is None and eb is not None:
            out.append(PairResult(None, j, "only-b", describe(eb)))
        elif eb is None and ea is not None:
            out.append(PairResult(i, None, "only-a", describe(ea)))
        elif ea is not None and eb is not None:
            comparison = compare_exchanges(ea, eb)
            status: PairStatus = "same" if comparison.same else "changed"
            out.append(PairResult(i, j, status, describe(eb), comparison))
    return out
