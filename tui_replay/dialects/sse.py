"""Server-sent events (text/event-stream) split into events, per the WHATWG rules."""

from __future__ import annotations

from typing import NamedTuple


class SseEvent(NamedTuple):
    event: str | None
    """The `event:` field, None when absent (the spec's default type "message")."""
    data: str
    """All `data:` lines joined with newlines."""
    id: str | None = None
    """The last `id:` field seen so far (it carries over to later events)."""


def parse_sse(body: bytes | str) -> list[SseEvent]:
    """Split an SSE body into events. Comments and unknown fields are skipped.

    A final event without its blank line is still returned (recordings often
    end that way); bytes that are not UTF-8 are replaced, never raised.
    Events are the blocks between blank lines; the usual one, a single
    `data:` line, is read without splitting it into lines and fields.
    """
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    events: list[SseEvent] = []
    event_id: str | None = None
    for block in text.split("\n\n"):
        if block.startswith("data:") and "\n" not in block:
            value = block[5:]
            events.append(SseEvent(None, value[1:] if value.startswith(" ") else value, event_id))
            continue
        event: str | None = None
        data: list[str] = []
        for line in block.split("\n"):
            if not line or line.startswith(":"):
                continue  # a block only starts or ends with an empty line; comments are skipped
            name, sep, value = line.partition(":")
            if sep and value.startswith(" "):
                value = value[1:]
            if name == "data":
                data.append(value)
            elif name == "event":
                event = value
            elif name == "id":
                event_id = value
        if data or event is not None:
            events.append(SseEvent(event, "\n".join(data), event_id))
    return events


def looks_like_sse(body: bytes, content_type: str) -> bool:
    if "text/event-stream" in content_type:
        return True
    head = body[:200].lstrip()
    return head.startswith((b"data:", b"event:", b": ", b"id:"))
