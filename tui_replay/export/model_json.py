"""The model as plain JSON: the shape `inspect --json` and `export --format json` print.

Secrets are masked here (by default) so every consumer of this shape is safe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from tui_replay.analysis import masking as redact
from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.usage import Usage, normalized_usage
from tui_replay.model import (
    ApiError,
    Exchange,
    ImagePart,
    Message,
    Part,
    Problem,
    StreamEvent,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolDefinition,
    ToolResultPart,
    UnrecognisedPart,
)


class Masker:
    """Applies (or skips) secret masking to the pieces of the JSON shape."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled

    def text(self, value: str) -> str:
        return redact.redact_text(value) if self.enabled else value

    def url(self, value: str) -> str:
        return redact.redact_url(value) if self.enabled else value

    def json(self, value: Any) -> Any:
        return redact.redact_json(value) if self.enabled else value


def part_json(part: Part, mask: Masker) -> dict[str, Any]:
    if isinstance(part, TextPart):
        return {"type": "text", "text": mask.text(part.text)}
    if isinstance(part, ThinkingPart):
        out: dict[str, Any] = {"type": "thinking", "text": mask.text(part.text)}
        if part.redacted:
            out["redacted"] = True
        return out
    if isinstance(part, ToolCallPart):
        arguments = part.arguments if part.arguments_valid else part.arguments_raw
        call: dict[str, Any] = {
            "type": "tool_call",
            "id": part.id,
            "name": part.name,
            "arguments": mask.json(arguments),
        }
        if part.server:
            call["server"] = True
        return call
    if isinstance(part, ToolResultPart):
        out = {
            "type": "tool_result",
            "tool_call_id": part.tool_call_id,
            "content": mask.json(part.content),
            "is_error": part.is_error,
        }
        if part.name:
            out["name"] = part.name
        return out
    if isinstance(part, ImagePart):
        out = {"type": "image", "media_type": part.media_type, "bytes": part.bytes}
        if part.url:
            out["url"] = mask.url(part.url)
        if part.seconds is not None:
            out["seconds"] = part.seconds
        return out
    if isinstance(part, UnrecognisedPart):
        return {"type": "unrecognised", "kind": part.kind, "data": mask.json(part.data)}
    raise TypeError(f"unknown part {part!r}")  # pragma: no cover - the Part union is closed


def _usage_json(usage: Usage) -> dict[str, Any] | None:
    return {k: v for k, v in asdict(usage).items() if v is not None} if usage else None


def message_json(message: Message, mask: Masker) -> dict[str, Any]:
    out: dict[str, Any] = {"role": message.role, "parts": [part_json(p, mask) for p in message.parts]}
    if message.name:
        out["name"] = message.name
    return out


def tool_json(tool: ToolDefinition) -> dict[str, Any]:
    return {"name": tool.name, "description": tool.description, "parameters": tool.parameters}


def error_json(error: ApiError | None, mask: Masker) -> dict[str, Any] | None:
    if error is None:
        return None
    return {
        "status": error.status,
        "type": error.type,
        "message": mask.text(error.message),
        "provider": error.provider,
    }


def chunk_json(event: StreamEvent, mask: Masker) -> dict[str, Any]:
    out: dict[str, Any] = {"index": event.index, "kind": event.kind, "delta": mask.text(event.delta)}
    if event.part is not None:
        out["part"] = event.part
    if event.name:
        out["name"] = event.name
    return out


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "interaction": problem.interaction,
        "severity": problem.severity,
        "code": problem.code,
        "message": problem.message,
    }


def exchange_json(cassette: Cassette, index: int, mask: Masker) -> dict[str, Any]:
    ex: Exchange = cassette.exchange(index)
    turn = cassette.turn(index)
    raw = ex.raw
    response = ex.response
    return {
        "index": index,
        "turn": turn.turn,
        "attempt": turn.attempt,
        "attempts": turn.attempts,
        "method": raw.method,
        "url": mask.url(raw.url),
        "status": raw.status,
        "duration_ms": raw.duration_ms,
        "dialect": ex.dialect,
        "streamed": ex.streamed,
        "request": {
            "model": ex.request.model,
            "messages": [message_json(m, mask) for m in ex.request.messages],
            "tools": [tool_json(t) for t in ex.request.tools],
            "params": mask.json(ex.request.params),
        },
        "response": {
            "error": error_json(response.error, mask),
            "message": message_json(response.message, mask) if response.message else None,
            "finish_reason": response.finish_reason,
            "usage": response.usage,
            "usage_normalized": _usage_json(normalized_usage(response)),
            "model": response.model,
            "provider": response.provider,
            "chunks": [chunk_json(c, mask) for c in response.chunks],
        },
    }


def cassette_json(
    cassette: Cassette,
    *,
    only: int | None = None,
    redact_secrets: bool = True,
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """The whole `inspect --json` document (or one interaction of it)."""
    mask = Masker(redact_secrets)
    indices = [only] if only is not None else list(range(len(cassette)))
    interactions = []
    for i in indices:
        interactions.append(exchange_json(cassette, i, mask))
        if on_progress:
            on_progress(i)
    if only is None:
        problems = cassette.problems()
    else:
        problems = cassette.problems_for(only)
    return {
        "path": str(cassette.path),
        "format": cassette.format,
        "interactions": interactions,
        "problems": [problem_json(p) | {"message": mask.text(p.message)} for p in problems],
    }
