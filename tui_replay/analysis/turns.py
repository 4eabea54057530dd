"""Group retries into turns: the same request sent again after a failed attempt.

Interaction ``i`` is another attempt of the turn before it when

* interaction ``i - 1`` failed: HTTP status >= 400, no response at all, or
  (only looked at when the requests match) an error in a 2xx body or stream, and
* both carry the same request: same method, same URL once volatile query
  parameters are dropped (`VOLATILE_QUERY_PARAMS`), and the same body bytes, or
  when the bytes differ, the same JSON with keys sorted.

Headers are never compared. Clients change them between retries (the OpenAI
and Anthropic SDKs count retries in ``x-stainless-retry-count``, some send a
fresh idempotency key or ``x-request-id``), and recorders drop most of them.
In the seeds and the shared corpus every retry after a 4xx/5xx carries
byte-identical bodies and URLs; the JSON fallback only guards against a client
that re-serialises with a different key order.

Cost. A caller that can see an interaction's bytes in the file passes
`succeeded(i)` (see `certainly_succeeded`): an attempt that certainly did not
fail cannot be retried, so numbering the turns of a healthy 5,000-interaction
file parses nothing. Otherwise everything works on `RawInteraction` (request bytes and status),
never on a decoded `Exchange`, except one case: a request repeated after a
2xx answer needs the decoded response to know whether that answer was an
error in disguise (an ``error`` event in the stream). That is rare.

Polls (`tui_replay.analysis.polls`) belong to the turn of the request that started what
they poll: interaction ``i`` continues the turn of ``i - 1`` too when it polls an id that
``i - 1`` polled as well or that ``i - 1``'s response names. A poll is not an attempt:
`attempt(i)` counts retries only, `polls(i)` the polls. Which interactions may be polls is
known from the bytes in the file (`might_be_poll`), so this too parses nothing for a
healthy cassette without polls.

`attempt(i)` only looks at the neighbours of ``i`` with the same request, so
it is instant anywhere in a huge cassette. The turn *number* of ``i`` needs
the number of turns that start before it: `info(i)` scans the prefix once
(cached, so later calls for smaller or nearby indexes are free), `peek(i)`
returns the full `TurnInfo` only when that costs nothing, and `scan()` fills
the whole index and is meant to run in a background worker while the UI shows
``attempt a/n`` at once and the turn number as soon as it is known.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tui_replay.analysis.polls import names_target, poll_target
from tui_replay.model import Exchange, RawInteraction, TurnInfo

VOLATILE_QUERY_PARAMS = frozenset(
    {
        "_",
        "t",
        "ts",
        "timestamp",
        "nonce",
        "request_id",
        "requestid",
        "x-amz-date",
        "x-amz-signature",
        "x-amz-security-token",
        "x-amz-credential",
        "signature",
        "sig",
    }
)
"""Query parameters (lower-cased) that may change between two attempts of one request."""


def canonical_url(url: str) -> str:
    """The URL with volatile query parameters dropped and the rest sorted."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = sorted((k, v) for k, v in pairs if k.lower() not in VOLATILE_QUERY_PARAMS)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def canonical_body(body: bytes) -> bytes:
    """JSON bodies re-serialised with sorted keys; anything else as is."""
    stripped = body.strip()
    if stripped[:1] not in (b"{", b"["):
        return body
    try:
        value = json.loads(stripped)
    except (ValueError, RecursionError):
        return body
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class TurnProbe:
    """The little a turn index keeps per interaction (no bodies)."""

    request: bytes
    """Digest of method, canonical URL and request body bytes."""
    failed: bool | None
    """True when the status says the attempt failed, None when it looked fine (2xx/3xx)."""


def probe(raw: RawInteraction) -> TurnProbe:
    import hashlib  # here, not at the top: OpenSSL's loading costs every start-up ~2 ms, and
    # a healthy cassette's turns are numbered without a probe (`certainly_succeeded`)

    digest = hashlib.blake2b(digest_size=16)
    digest.update(raw.method.upper().encode("utf-8", "replace"))
    digest.update(b"\0")
    digest.update(canonical_url(raw.url).encode("utf-8", "replace"))
    digest.update(b"\0")
    digest.update(raw.request_body)
    if raw.status is None:
        failed: bool | None = not raw.response_body
    else:
        failed = True if raw.status >= 400 else None
    return TurnProbe(digest.digest(), failed)


_STATUS_KEYS = (b"code:", b'"status":', b"status:")
_FAILURE_WORDS = (b"error", b"Error", b"ERROR", b"exception", b"Exception", b"!!binary")
"""Any of these makes the byte check give up (a binary or compressed body could hide an error)."""


def _status_codes(item: bytes) -> list[int]:
    codes: list[int] = []
    for key in _STATUS_KEYS:
        at = item.find(key)
        while at >= 0:
            digits = item[at + len(key) : at + len(key) + 8].strip(b" \t'\"")[:3]
            if len(digits) == 3 and digits.isdigit():
                codes.append(int(digits))
            at = item.find(key, at + 1)
    return codes


def certainly_succeeded(item: bytes) -> bool:
    """From an interaction's bytes in the file, without parsing: True only when every
    status code written there is below 400 and no word hinting at a failure appears.

    False means "cannot tell" (the exact check then parses and decodes), so the hint
    never changes a result, it only skips work: in a 100 MB cassette of healthy streams
    it saves parsing every interaction to number the turns. Plain `bytes.find`, no regex:
    a case-insensitive regex over 100 MB took seconds.
    """
    if any(word in item for word in _FAILURE_WORDS):
        return False
    codes = _status_codes(item)
    return bool(codes) and max(codes) < 400


def same_request(a: RawInteraction, b: RawInteraction) -> bool:
    """Whether `b` sends what `a` sent (see the module docstring)."""
    if a.method.upper() != b.method.upper() or canonical_url(a.url) != canonical_url(b.url):
        return False
    if a.request_body == b.request_body:
        return True
    return canonical_body(a.request_body) == canonical_body(b.request_body)


class TurnIndex:
    """Turn and attempt numbers, computed lazily and safe to fill from a worker thread.

    `has(i)` tells whether interaction `i` exists (asked only as far as needed: a lazily
    read file need not be counted); `raw(i)` gives the undecoded interaction; `exchange(i)`
    the decoded one, asked only for a request repeated after a 2xx answer; `maybe_poll(i)`,
    when given, is False only when `i` is certainly no poll (`might_be_poll`).
    """

    def __init__(
        self,
        has: Callable[[int], bool],
        raw: Callable[[int], RawInteraction],
        exchange: Callable[[int], Exchange],
        succeeded: Callable[[int], bool] | None = None,
        maybe_poll: Callable[[int], bool] | None = None,
    ) -> None:
        self._has = has
        self._raw = raw
        self._exchange = exchange
        self._succeeded = succeeded
        """Cheap test (no parse) that is True only when an attempt certainly did not fail."""
        self._maybe_poll = maybe_poll
        self._targets: dict[int, str | None] = {}
        self._polled: dict[int, bool] = {}
        self._probes: dict[int, TurnProbe] = {}
        self._continues: dict[int, bool] = {}
        self._turn_at: list[int] = []
        """Turn number of interactions 0.. len-1, filled forward by `_scan_to`."""
        self._lock = threading.RLock()

    def _probe(self, i: int) -> TurnProbe:
        found = self._probes.get(i)
        if found is None:
            found = self._probes[i] = probe(self._raw(i))
        return found

    def continues(self, i: int) -> bool:
        """Whether interaction `i` belongs to the turn of `i - 1`: a further attempt or a poll."""
        return self.retries(i) or self.polls_on(i)

    def _target(self, i: int) -> str | None:
        if i in self._targets:
            return self._targets[i]
        if self._maybe_poll is not None and not self._maybe_poll(i):
            target = None
        else:
            target = poll_target(self._raw(i))
        self._targets[i] = target
        return target

    def polls_on(self, i: int) -> bool:
        """Whether interaction `i` polls what `i - 1` started or polled too."""
        if i <= 0 or not self._has(i):
            return False
        with self._lock:
            known = self._polled.get(i)
            if known is not None:
                return known
            target = self._target(i)
            result = False
            if target is not None:
                before = self._target(i - 1)
                result = before == target if before is not None else names_target(self._raw(i - 1), target)
            self._polled[i] = result
            return result

    def retries(self, i: int) -> bool:
        """Whether interaction `i` is a further attempt of the request of `i - 1`."""
        if i <= 0 or not self._has(i):
            return False
        with self._lock:
            known = self._continues.get(i)
            if known is not None:
                return known
            if self._succeeded is not None and self._succeeded(i - 1):
                self._continues[i] = False
                return False
            prev, this = self._probe(i - 1), self._probe(i)
            if prev.request == this.request:
                same = True
            elif prev.failed:
                same = same_request(self._raw(i - 1), self._raw(i))
            else:
                same = False
            if not same:
                result = False
            elif prev.failed is not None:
                result = prev.failed
            else:
                result = self._exchange(i - 1).is_error
            self._continues[i] = result
            return result

    def _check(self, i: int) -> None:
        if i < 0 or not self._has(i):
            raise IndexError(f"interaction {i} out of range")

    def attempt(self, i: int) -> tuple[int, int]:
        """`(attempt, attempts)` of interaction `i`, from its neighbours only."""
        self._check(i)
        first = i
        while self.retries(first):
            first -= 1
        last = i
        while self.retries(last + 1):
            last += 1
        return i - first + 1, last - first + 1

    def polls(self, i: int) -> tuple[int, int, int | None]:
        """`(poll, polls, polls_for)` of interaction `i`, from its neighbours only: its number
        among the polls of its turn (0 when it is no poll), how many polls follow the
        interaction that started what they poll, and that interaction's index (None when `i`
        is no poll)."""
        self._check(i)
        start = i
        while self.polls_on(start):
            start -= 1
        last = start
        while self.polls_on(last + 1):
            last += 1
        if start == i:
            return 0, last - start, None
        return i - start, last - start, start

    def first_attempt(self, i: int) -> int:
        """Index of the first attempt of the turn `i` belongs to (a poll's: of the request
        that started what it polls)."""
        self._check(i)
        while self.continues(i):
            i -= 1
        return i

    def _scan_to(self, stop: int, cancelled: Callable[[], bool] | None = None) -> bool:
        """Number the turns of interactions up to `stop` (inclusive, or the last one);
        False when cancelled."""
        turn_at = self._turn_at
        while len(turn_at) <= stop:
            if cancelled is not None and cancelled():
                return False
            with self._lock:  # one step at a time, so a worker never starves the UI
                i = len(turn_at)
                if i > stop or not self._has(i):
                    break
                turn_at.append(1 if i == 0 else turn_at[-1] + (0 if self.continues(i) else 1))
        return True

    def info(self, i: int) -> TurnInfo:
        """The full `TurnInfo`; the first call for a late `i` scans all interactions before it."""
        attempt, attempts = self.attempt(i)
        self._scan_to(i)
        return TurnInfo(self._turn_at[i], attempt, attempts, *self.polls(i))

    def peek(self, i: int) -> TurnInfo | None:
        """`TurnInfo` when the turn number is already known (or trivially 1), else None."""
        attempt, attempts = self.attempt(i)
        if i < len(self._turn_at):
            return TurnInfo(self._turn_at[i], attempt, attempts, *self.polls(i))
        if self.first_attempt(i) == 0:
            return TurnInfo(1, attempt, attempts, *self.polls(i))
        return None

    def scan(self, cancelled: Callable[[], bool] | None = None) -> bool:
        """Number every turn (for a background worker); False when `cancelled()` said stop."""
        return self._scan_to(sys.maxsize, cancelled)

    def turn_count(self) -> int:
        self.scan()
        return self._turn_at[-1] if self._turn_at else 0
