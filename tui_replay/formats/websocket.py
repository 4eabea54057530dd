"""Recorded WebSocket sessions (pydantic-ai's realtime cassettes).

    interactions:
    - {kind: message, direction: sent | received, data: {...one JSON event...}}
    - {kind: close, code: 1011, reason: ..., ok: false}     # the socket closed

A session is one long conversation of events, not request/response pairs, so
the items are grouped into turns first (`group`): a turn is what the client
sent and what the server answered until the model's answer ended (OpenAI
Realtime `response.done`; Gemini Live `toolCall` or `serverContent.turnComplete`).
Events the client sends while an answer is still arriving (a tool's output
sent on `function_call_arguments.done`) open the next turn, where they belong.
A `close` ends the session; the events after it are a new session (a resumed
one), and the turn before it records how it closed.

Each turn becomes one `RawInteraction` (method `WS`, no status, no URL: the
recording has none), with the sent events as the request JSON, the received
ones as the response JSON and the whole interleaved order in `extra`.
The recording has no timestamps, so a replay's pacing is synthesized.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui_replay.formats.bodies import compact_json, jsonable
from tui_replay.formats.shape import ShapeError
from tui_replay.model import RawInteraction

OPENAI_REALTIME = "openai-realtime"
GEMINI_LIVE = "gemini-live"

GEMINI_CLIENT_KEYS = frozenset(
    {
        "setup",
        "clientContent",
        "client_content",
        "realtimeInput",
        "realtime_input",
        "toolResponse",
        "tool_response",
    }
)
GEMINI_SERVER_KEYS = frozenset(
    {
        "setupComplete",
        "serverContent",
        "toolCall",
        "toolCallCancellation",
        "goAway",
        "sessionResumptionUpdate",
        "usageMetadata",
    }
)


def is_websocket_item(item: Any) -> bool:
    """A recorded WebSocket frame (`kind: message` with a direction) or close."""
    if not isinstance(item, dict):
        return False
    kind = item.get("kind")
    return (kind == "message" and item.get("direction") in ("sent", "received")) or (
        kind == "close" and "request" not in item
    )


def sniff(first_bytes: bytes) -> bool:
    """The first item's text looks like a WebSocket frame (when it did not parse)."""
    return b"kind: message" in first_bytes and b"direction:" in first_bytes


def protocol_of(data: Any) -> str | None:
    """`openai-realtime` (events with a dotted `type`) or `gemini-live` (one top-level key)."""
    if not isinstance(data, dict):
        return None
    kind = data.get("type")
    if isinstance(kind, str) and kind:
        return OPENAI_REALTIME
    if any(key in data for key in GEMINI_CLIENT_KEYS | GEMINI_SERVER_KEYS):
        return GEMINI_LIVE
    return None


@dataclass
class WebSocketTurn:
    """The items of one turn, in recorded order, with where they sat in the file."""

    session: int
    first_item: int
    protocol: str | None
    items: list[tuple[int, Any]] = field(default_factory=list)
    close: dict[str, Any] | None = None
    """How the socket closed right after this turn, when it did."""
    resumed: bool = False
    """The first turn of a session that follows a closed one."""
    config: Any = None
    """The latest session setup the client sent in this session before or in this turn."""


def _starts_answer(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    return data.get("type") == "response.created" or "serverContent" in data or "toolCall" in data


def _ends_answer(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    if data.get("type") == "response.done" or "toolCall" in data:
        return True
    content = data.get("serverContent")
    return isinstance(content, dict) and content.get("turnComplete") is True


def _config_of(data: Any) -> Any:
    """The session setup an event carries (OpenAI `session.update`, Gemini `setup`), else None."""
    if not isinstance(data, dict):
        return None
    if data.get("type") == "session.update":
        return data.get("session")
    return data.get("setup")


def group(items: list[Any]) -> list[WebSocketTurn]:
    """The session's items as turns (see the module docstring)."""
    protocol = next(
        (p for p in (protocol_of(i.get("data")) for i in items if isinstance(i, dict)) if p), None
    )
    turns: list[WebSocketTurn] = []
    session = 1
    config: Any = None
    current = WebSocketTurn(session, 0, protocol)
    deferred: list[tuple[int, Any]] = []
    answering = False

    def finish(next_first: int, *, resumed: bool = False) -> None:
        nonlocal current
        if current.items:
            turns.append(current)
        current = WebSocketTurn(session, next_first, protocol, resumed=resumed, config=config)

    for number, item in enumerate(items):
        if isinstance(item, dict) and item.get("kind") == "close":
            target = current if current.items or not turns else turns[-1]
            target.close = item
            if target is current:
                current.items.append((number, item))
            current.items.extend(deferred)
            deferred = []
            session += 1
            config = None
            answering = False
            finish(number + 1, resumed=True)
            continue
        data = item.get("data") if isinstance(item, dict) else None
        sent = isinstance(item, dict) and item.get("direction") == "sent"
        if sent:
            if _config_of(data) is not None:
                config = _config_of(data)
                if not answering:
                    current.config = config
            if answering:
                deferred.append((number, item))
                continue
        if not current.items:
            current.first_item = number
        current.items.append((number, item))
        if not sent and _starts_answer(data):
            answering = True
        if not sent and _ends_answer(data):
            answering = False
            finish(number + 1)
            current.items.extend(deferred)
            if deferred:
                current.first_item = deferred[0][0]
            deferred = []
    current.items.extend(deferred)
    if current.items:
        turns.append(current)
    return turns


def source_item(turn: Any) -> int:
    """Index, among the file's items, of the turn's first item (for its line number)."""
    return turn.first_item if isinstance(turn, WebSocketTurn) else 0


def convert(turn: Any, index: int, line: int | None) -> RawInteraction:
    if not isinstance(turn, WebSocketTurn):
        raise ShapeError("expected a WebSocket message (`kind: message`, `direction`, `data`)")
    sent: list[Any] = []
    received: list[Any] = []
    order: list[tuple[str, int]] = []
    for number, item in turn.items:
        if not isinstance(item, dict) or item.get("kind") not in ("message", "close"):
            raise ShapeError(
                f"item {number} is not a WebSocket message (expected `kind: message` or `close`)"
            )
        if item.get("kind") == "close":
            continue
        data = jsonable(item.get("data"))
        if item.get("direction") == "sent":
            order.append(("sent", len(sent)))
            sent.append(data)
        else:
            order.append(("received", len(received)))
            received.append(data)
    close = jsonable(turn.close) if turn.close is not None else None
    return RawInteraction(
        index=index,
        method="WS",
        url=f"(WebSocket session {turn.session}; its URL is not recorded)",
        request_headers=(),
        request_body=compact_json(sent),
        status=None,
        status_text="WebSocket",
        response_headers=(),
        response_body=compact_json(received),
        duration_ms=None,
        request_json=sent,
        response_json=received,
        line=line,
        extra={
            "websocket": {
                "protocol": turn.protocol,
                "session": turn.session,
                "order": order,
                "close": close,
                "resumed": turn.resumed,
                "config": jsonable(turn.config),
            }
        },
    )
