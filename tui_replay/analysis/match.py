"""Why a request does not match a cassette: the recorded interactions nearest to it, ranked.

vcrpy replays an interaction when its default matchers agree (method, scheme,
host, port, path, query; plus the body when the test matches on it). For each
recorded interaction this says which matchers agree, and what differs in the
request by meaning (model, parameters, tools, messages), through the same
engine as `diff`, messages numbered on each side (`recorded message 2 = your
message 1`). A body that is not a JSON object has no meaning a dialect can
read: it is compared whole, as text (or bytes), never decoded as an empty
request (`body_note` says so).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tui_replay import dialects
from tui_replay.analysis.compare_exchange import Change, body_value, compare_exchanges
from tui_replay.analysis.volatile import short
from tui_replay.model import Exchange, RawInteraction

URL_MATCHERS = ("scheme", "host", "port", "path", "query")
DEFAULT_PORTS = {"http": 80, "https": 443}
SIDES = ("recorded", "your")
"""How a change's message numbers say whose they are: `recorded message 2 = your message 1`."""


@dataclass(frozen=True)
class Candidate:
    index: int
    matchers: dict[str, bool | None]
    """vcrpy matcher name -> agrees; None when the request did not say (no `--url`, no `--method`)."""
    changes: tuple[Change, ...]
    """What differs in the request by meaning (recorded → yours)."""
    exact: bool

    @property
    def failed(self) -> list[str]:
        return [name for name, ok in self.matchers.items() if ok is False]


def _url_parts(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None
    return {
        "scheme": scheme,
        "host": (parts.hostname or "").lower(),
        "port": port,
        "path": parts.path,
        "query": sorted(parse_qsl(parts.query, keep_blank_values=True)),
    }


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def body_note(body: bytes) -> str | None:
    """How a request body that is not a JSON object is compared (None: by meaning, or an
    empty body, compared as empty)."""
    if not body.strip():
        return None
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return "is neither JSON nor text: compared as bytes"
        return "is not JSON: compared as text"
    return None if isinstance(value, dict) else "is JSON but not an object: compared whole"


def _whole_body_changes(recorded: RawInteraction, body: bytes) -> tuple[Change, ...]:
    """The bodies compared whole (masked, volatile keys left out), for a body no dialect reads."""
    theirs = body_value(recorded.request_body, recorded.request_json, recorded.request_content_type)
    mine = body_value(body, None, "")
    if theirs == mine:
        return ()
    return (
        Change(
            "request",
            "body",
            None if theirs is None else short(theirs),
            None if mine is None else short(mine),
        ),
    )


def same_body(recorded: bytes, mine: bytes) -> bool:
    """vcrpy's `body` matcher: equal bytes, or equal JSON when both parse."""
    if recorded == mine:
        return True
    a, b = _json(recorded), _json(mine)
    return a is not None and a == b


def _probe(recorded: RawInteraction, body: bytes, method: str | None, url: str | None) -> Exchange:
    """Your request decoded as if it had been recorded (URL and method borrowed when not given, so
    the dialect is the recorded one and they are not reported as changes)."""
    raw = RawInteraction(
        index=recorded.index,
        method=method or recorded.method,
        url=url or recorded.url,
        request_headers=(("Content-Type", "application/json"),),
        request_body=body,
        status=None,
        status_text="",
        response_headers=(),
        response_body=b"",
        duration_ms=None,
    )
    return dialects.decode(raw)


def match_request(
    count: int,
    exchange: Callable[[int], Exchange],
    body: bytes,
    *,
    method: str | None = None,
    url: str | None = None,
    match_on_body: bool = False,
) -> list[Candidate]:
    """Every recorded interaction as a candidate, nearest first.

    Exact: every matcher the request gives agrees, and, with `match_on_body` or
    when no URL was given (then the body is the only evidence), the body too.
    """
    mine_url = _url_parts(url) if url else None
    by_meaning = body_note(body) is None
    candidates = []
    for i in range(count):
        recorded = exchange(i)
        matchers: dict[str, bool | None] = {
            "method": None if method is None else method.upper() == recorded.raw.method.upper()
        }
        theirs = _url_parts(recorded.raw.url)
        for name in URL_MATCHERS:
            matchers[name] = None if mine_url is None else mine_url[name] == theirs[name]
        body_same = same_body(recorded.raw.request_body, body)
        if match_on_body or mine_url is None:
            matchers["body"] = body_same
        if by_meaning:
            probe = _probe(recorded.raw, body, method, url)
            changes = tuple(
                c
                for c in compare_exchanges(recorded, probe, numbered_as=SIDES).changes
                if c.section == "request" and not c.where.startswith(("header ", "url", "method"))
            )
        else:
            changes = _whole_body_changes(recorded.raw, body)
        exact = all(ok is not False for ok in matchers.values()) and any(ok for ok in matchers.values())
        candidates.append(Candidate(i, matchers, changes, exact))
    candidates.sort(key=lambda c: (not c.exact, len(c.failed), len(c.changes), c.index))
    return candidates
