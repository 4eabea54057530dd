"""Values that change on every recording and say nothing about what was asked or answered.

Two recordings of the same test never share ids, timestamps, durations,
thinking signatures, encrypted reasoning or rate-limit counters. A comparison
that counted them would call every re-recorded cassette "changed", so the
comparison engine sets them aside (and lists them with `--strict`).

Everything here is decided by *names*, never by values: a JSON key or header
named like an id, a time or a signature is volatile wherever it sits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from tui_replay.analysis.masking import redact_headers, redact_text
from tui_replay.analysis.pretty_json import plain_json
from tui_replay.analysis.secret_names import is_secret_header
from tui_replay.model import Headers

_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")

VOLATILE_KEYS = frozenset(
    {
        "id",
        "created",
        "timestamp",
        "date",
        "signature",
        "encrypted_content",
        "system_fingerprint",
        "fingerprint",
        "duration",
        "etag",
        "nonce",
    }
)
"""JSON keys whose value differs between two recordings of the same exchange."""

_VOLATILE_LAST_WORDS = frozenset(
    {"id", "ids", "at", "time", "timestamp", "signature", "duration", "ms", "fingerprint"}
)
"""A key ending in one of these words (`call_id`, `createdAt`, `created_at`, `thoughtSignature`,
`eval_duration`, `createTime`) is volatile too."""

VOLATILE_HEADERS = frozenset(
    {
        "date",
        "age",
        "expires",
        "last-modified",
        "etag",
        "content-length",
        "cf-ray",
        "cf-cache-status",
        "server-timing",
        "alt-svc",
        "via",
        "set-cookie",
        "retry-after",
        "retry-after-ms",
        "traceparent",
        "x-cloud-trace-context",
        "x-envoy-upstream-service-time",
        "openai-processing-ms",
        "strict-transport-security",
        "nel",
        "report-to",
        "traceresponse",
        "source-age",
        "content-security-policy",
        "x-amzn-requestid",
        "x-amz-cf-id",
        "x-amz-cf-pop",
    }
)
"""Response metadata re-issued on every request: dates, caching ages, trace and report endpoints
(Cloudflare's `report-to` carries a per-response signature), nonces in the CSP."""


def _words(name: str) -> list[str]:
    return [w.lower() for w in _WORD_SPLIT.split(name) if w]


def is_volatile_key(name: str) -> bool:
    """`id`, `call_id`, `created_at`, `thoughtSignature`, `total_duration`: yes; `model`, `tokens`: no."""
    if name.lower() in VOLATILE_KEYS:
        return True
    words = _words(name)
    return len(words) > 1 and words[-1] in _VOLATILE_LAST_WORDS


def is_volatile_header(name: str) -> bool:
    """Dates, ids, timings, rate-limit counters and credentials (a re-recording uses a new key)."""
    lowered = name.strip().lower()
    if lowered in VOLATILE_HEADERS or "ratelimit" in lowered or "rate-limit" in lowered:
        return True
    if is_secret_header(lowered):
        return True
    words = _words(lowered)
    timing = {"id", "ms", "time", "timing", "trace", "latency", "elapsed", "duration"}
    return bool(words) and (words[-1] in timing or "request" in words)


def split_headers(headers: Headers) -> tuple[dict[str, str], dict[str, str]]:
    """(meaningful, volatile) headers by lower-case name, values joined and secrets masked."""
    meaningful: dict[str, list[str]] = {}
    volatile: dict[str, list[str]] = {}
    for name, value in headers:
        lowered = name.lower()
        target = volatile if is_volatile_header(lowered) else meaningful
        target.setdefault(lowered, []).append(value)

    def joined(found: dict[str, list[str]]) -> dict[str, str]:
        return {
            k: ", ".join(v for _, v in redact_headers(tuple((k, x) for x in vs))) for k, vs in found.items()
        }

    return joined(meaningful), joined(volatile)


def volatile_leaves(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, masked value text) for every leaf under a volatile key, anywhere in `value`."""
    stack: list[tuple[Any, str, bool]] = [(value, path, False)]
    while stack:
        node, where, under = stack.pop()
        if isinstance(node, dict):
            for key, item in node.items():
                key_text = str(key)
                stack.append(
                    (item, f"{where}.{key_text}" if where else key_text, under or is_volatile_key(key_text))
                )
        elif isinstance(node, list):
            for i, item in enumerate(node):
                stack.append((item, f"{where}[{i}]", under))
        elif under:
            yield where, short(node)


def without_volatile(value: Any) -> Any:
    """A copy of JSON-like `value` without the entries under volatile keys."""
    if isinstance(value, dict):
        return {k: without_volatile(v) for k, v in value.items() if not is_volatile_key(str(k))}
    if isinstance(value, list):
        return [without_volatile(v) for v in value]
    return value


SHORT = 120
"""Characters of a value shown in a change line before it is cut."""


def short(value: Any, limit: int = SHORT) -> str:
    """A value as one masked line: strings as they are, everything else as compact JSON."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = plain_json(value, sort_keys=True, separators=(",", ":"))  # `0.000056`, not `5.6e-05`
        except (ValueError, RecursionError):
            text = repr(value)
    text = redact_text(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"
