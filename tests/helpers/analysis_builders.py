"""Small hand-built model objects for the analysis tests (no decoder involved)."""

from __future__ import annotations

import json
from typing import Any

from tui_replay.model import (
    ApiError,
    Exchange,
    LLMRequest,
    LLMResponse,
    Message,
    Part,
    RawInteraction,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolDefinition,
    ToolResultPart,
)

URL = "https://api.example.com/v1/chat/completions"

ADD = ToolDefinition(
    "add",
    "Add two numbers",
    {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
        "required": ["a", "b"],
        "additionalProperties": False,
    },
)
WEB_SEARCH = ToolDefinition("web_search", "", None)


def call(call_id: str | None, name: str = "add", args: Any = None, raw: str | None = None) -> ToolCallPart:
    if raw is None:
        raw = json.dumps({"a": 2, "b": 3} if args is None else args)
    try:
        parsed = json.loads(raw) if raw.strip() else None
        return ToolCallPart(call_id, name, raw, parsed, True)
    except ValueError:
        return ToolCallPart(call_id, name, raw, None, False)


def result(call_id: str | None, content: str = "5") -> ToolResultPart:
    return ToolResultPart(call_id, content)


def text(value: str) -> TextPart:
    return TextPart(value)


def thinking(value: str) -> ThinkingPart:
    return ThinkingPart(value)


def msg(role: str, *parts: Part) -> Message:
    return Message(role, tuple(parts))


def user(value: str) -> Message:
    return msg("user", text(value))


def assistant(*parts: Part) -> Message:
    return msg("assistant", *parts)


def tool(*parts: Part) -> Message:
    return msg("tool", *parts)


def exchange(
    index: int,
    messages: list[Message],
    reply: Message | None = None,
    *,
    tools: tuple[ToolDefinition, ...] = (ADD,),
    status: int = 200,
    body: bytes | None = None,
) -> Exchange:
    raw = RawInteraction(
        index=index,
        method="POST",
        url=URL,
        request_headers=(),
        request_body=body if body is not None else b"{}",
        status=status,
        status_text="",
        response_headers=(),
        response_body=b"",
        duration_ms=None,
    )
    error = ApiError(status, "rate_limit", "slow down") if status >= 400 else None
    response = LLMResponse(error=error, message=reply, finish_reason=None, usage={}, chunks=())
    request = LLMRequest(model="m", messages=tuple(messages), tools=tools, params={})
    return Exchange(raw=raw, dialect="openai-chat", streamed=False, request=request, response=response)


class FakeCassette:
    """Just enough of `Cassette` for the analysis functions."""

    def __init__(self, exchanges: list[Exchange]) -> None:
        self.exchanges = exchanges

    def __len__(self) -> int:
        return len(self.exchanges)

    def exchange(self, i: int) -> Exchange:
        return self.exchanges[i]
