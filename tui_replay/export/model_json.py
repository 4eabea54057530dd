"""The model as plain JSON: the shape `inspect --json` and `export --format json` print.

Secrets are already masked by the opened cassette (`tui_replay.analysis.cassette`) unless
it was opened with `redact=False`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.retries import identical_retries
from tui_replay.analysis.spend import (
    CassetteSpend,
    InteractionSpend,
    Tokens,
    Wasted,
    exchange_spend,
    failure,
    spend_of,
)
from tui_replay.analysis.usage import Usage, normalized_usage
from tui_replay.model import (
    ApiError,
    Exchange,
    Headers,
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


def part_json(part: Part) -> dict[str, Any]:
    if isinstance(part, TextPart):
        return {"type": "text", "text": part.text}
    if isinstance(part, ThinkingPart):
        out: dict[str, Any] = {"type": "thinking", "text": part.text}
        if part.redacted:
            out["redacted"] = True
        return out
    if isinstance(part, ToolCallPart):
        arguments = part.arguments if part.arguments_valid else part.arguments_raw
        call: dict[str, Any] = {
            "type": "tool_call",
            "id": part.id,
            "name": part.name,
            "arguments": arguments,
        }
        if part.server:
            call["server"] = True
        return call
    if isinstance(part, ToolResultPart):
        out = {
            "type": "tool_result",
            "tool_call_id": part.tool_call_id,
            "content": part.content,
            "is_error": part.is_error,
        }
        if part.name:
            out["name"] = part.name
        return out
    if isinstance(part, ImagePart):
        out = {"type": "image", "media_type": part.media_type, "bytes": part.bytes}
        if part.url:
            out["url"] = part.url
        if part.seconds is not None:
            out["seconds"] = part.seconds
        return out
    if isinstance(part, UnrecognisedPart):
        if part.field:  # a response field beside the message, named by its path
            return {"type": "unrecognised", "kind": part.kind, "data": part.data, "field": True}
        return {"type": "unrecognised", "kind": part.kind, "data": part.data}
    raise TypeError(f"unknown part {part!r}")  # pragma: no cover - the Part union is closed


def _usage_json(usage: Usage) -> dict[str, Any] | None:
    return {k: v for k, v in asdict(usage).items() if v is not None} if usage else None


def message_json(message: Message) -> dict[str, Any]:
    out: dict[str, Any] = {"role": message.role, "parts": [part_json(p) for p in message.parts]}
    if message.name:
        out["name"] = message.name
    if message.origin:
        out["origin"] = message.origin
    return out


def tool_json(tool: ToolDefinition) -> dict[str, Any]:
    return {"name": tool.name, "description": tool.description, "parameters": tool.parameters}


def error_json(error: ApiError | None) -> dict[str, Any] | None:
    if error is None:
        return None
    return {
        "status": error.status,
        "type": error.type,
        "message": error.message,
        "provider": error.provider,
    }


def chunk_json(event: StreamEvent) -> dict[str, Any]:
    out: dict[str, Any] = {"index": event.index, "kind": event.kind, "delta": event.delta}
    if event.part is not None:
        out["part"] = event.part
    if event.name:
        out["name"] = event.name
    return out


def headers_json(headers: Headers) -> list[dict[str, str]]:
    """`{"name", "value"}` in recorded order, as HAR writes them: a header may be repeated
    (`set-cookie`), which a JSON object keyed by name would lose. Masked as the raw
    interaction is (`tui_replay.analysis.masked_exchange`)."""
    return [{"name": name, "value": value} for name, value in headers]


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "interaction": problem.interaction,
        "severity": problem.severity,
        "code": problem.code,
        "message": problem.message,
    }


def exchange_json(cassette: Cassette, index: int) -> dict[str, Any]:
    ex: Exchange = cassette.exchange(index)
    turn = cassette.turn(index)
    raw = ex.raw
    response = ex.response
    item: dict[str, Any] = {
        "index": index,
        "turn": turn.turn,
        "attempt": turn.attempt,
        "attempts": turn.attempts,
        "method": raw.method,
        "url": raw.url,
        "status": raw.status,
        "duration_ms": raw.duration_ms,
        "dialect": ex.dialect,
        "streamed": ex.streamed,
        "failed_attempt": failure(ex),
        "request": {
            "headers": headers_json(raw.request_headers),
            "model": ex.request.model,
            "messages": [message_json(m) for m in ex.request.messages],
            "tools": [tool_json(t) for t in ex.request.tools],
            "params": ex.request.params,
        },
        "response": {
            "headers": headers_json(raw.response_headers),
            "error": error_json(response.error),
            "message": message_json(response.message) if response.message else None,
            "finish_reason": response.finish_reason,
            "usage": response.usage,
            "usage_normalized": _usage_json(normalized_usage(response)),
            "model": response.model,
            "provider": response.provider,
            "chunks": [chunk_json(c) for c in response.chunks],
        },
    }
    if response.native_finish_reason is not None:  # only routers report one
        item["response"]["native_finish_reason"] = response.native_finish_reason
    if response.service_tier is not None:  # OpenAI's
        item["response"]["service_tier"] = response.service_tier
    return item


def cassette_json(
    cassette: Cassette,
    *,
    only: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """The whole `inspect --json` document (or one interaction of it)."""
    indices = [only] if only is not None else list(range(len(cassette)))
    interactions = []
    spends: list[InteractionSpend] = []
    for i in indices:
        interactions.append(exchange_json(cassette, i))
        spends.append(exchange_spend(cassette.exchange(i)))  # decoded just above: no second pass
        if on_progress:
            on_progress(i)
    for run in identical_retries(cassette, indices):
        # Every interaction stays; those that repeat one failed request say which run they are in.
        group = {"first": run.first, "last": run.last, "summary": run.summary()}
        for item in interactions:
            if item["index"] in run.indices:
                item["identical_retries"] = group
    if only is None:
        problems = cassette.problems()
    else:
        problems = cassette.problems_for(only)
    doc: dict[str, Any] = {
        "path": str(cassette.path),
        "format": cassette.format,
        "interactions": interactions,
        "problems": [problem_json(p) for p in problems],
    }
    if only is None:
        doc["spend"] = spend_json(spend_of(spends, [item["turn"] for item in interactions]))
    return doc


def tokens_json(tokens: Tokens) -> dict[str, Any]:
    """Summed usage; a field is null when no interaction reported it (unknown, not 0)."""
    return {
        "input": tokens.input,
        "output": tokens.output,
        "cached": tokens.cached,
        "reasoning": tokens.reasoning,
        "total": tokens.total,
        "cost": tokens.cost,
        "interactions_with_usage": tokens.reported,
        "interactions_without_usage": tokens.unreported,
        "interactions_with_cost": tokens.cost_reported,
    }


def wasted_json(wasted: Wasted) -> dict[str, Any]:
    """Work spent on failed attempts (`tui_replay.analysis.spend` defines them)."""
    return {
        "failed_attempts": wasted.attempts,
        "duration_ms": wasted.duration_ms,
        "untimed_attempts": wasted.untimed,
        "tokens": tokens_json(wasted.tokens),
    }


def spend_json(spend: CassetteSpend) -> dict[str, Any]:
    """Tokens, reported cost and wasted work of the cassette and of each turn."""
    return {
        "tokens": tokens_json(spend.tokens),
        "wasted": wasted_json(spend.wasted),
        "duration_ms": spend.duration_ms,
        "turns": [
            {
                "turn": turn.turn,
                "interactions": list(turn.interactions),
                "tokens": tokens_json(turn.tokens),
                "wasted": wasted_json(turn.wasted),
                "duration_ms": turn.duration_ms,
            }
            for turn in spend.turns
        ],
    }
