"""Server-sent events (text/event-stream) split into events, per the WHATWG rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SseEvent:
    event: str | None
    """The `event:` field, None when absent (the spec's default type "message")."""
    data: str
    """All `data:` lines joined with newlines."""
    id: str | None = None


def parse_sse(body: bytes | str) -> list[SseEvent]:
    """Split an SSE body into events. Comments and unknown fields are skipped.

    A final event without its blank line is still returned (recordings often
    end that way); bytes that are not UTF-8 are replaced, never raised.
    """
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    events: list[SseEvent] = []
    event: str | None = None
    data: list[str] = []
    event_id: str | None = None
    seen_field = False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line == "":
            if data or event is not None:
                events.append(SseEvent(event, "\n".join(data), event_id))
            event, data, seen_field = None, [], False
            continue
        if line.startswith(":"):
            continue
        name, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        seen_field = True
        if name == "data":
            data.append(value)
        elif name == "event":
            event = value
        elif name == "id":
            event_id = value
    if seen_field and (data or event is not None):
        events.append(SseEvent(event, "\n".join(data), event_id))
    return events


def looks_like_sse(body: bytes, content_type: str) -> bool:
    if "text/event-stream" in content_type:
        return True
    head = body[:200].lstrip()
    return head.startswith((b"data:", b"event:", b": ", b"id:"))
