"""Ollama's native chat API (`/api/chat`).

Requests: `messages` with `content`, `thinking`, base64 `images`, `tool_calls`
(`function.arguments` an object) and `tool` messages (`tool_name`); `tools` in
the OpenAI function shape; `options`, `format`, `think`, `stream` as params.
Streamed answers are newline-delimited JSON (not SSE): each line a partial
`message`; the terminal line has `done: true` with `done_reason` and the
counts (`prompt_eval_count`, `eval_count`, durations) kept as usage.
"""

from __future__ import annotations

import json
from typing import Any

from tui_replay.dialects import Dialect
from tui_replay.dialects.assembly import MessageAssembler, decode_problems
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, json_or_none, opt_str, params_without
from tui_replay.dialects.parts import base64_size, tool_call
from tui_replay.dialects.raw_http import error_from, request_json, status_error, url_path
from tui_replay.dialects.response_fields import ResponseFields
from tui_replay.model import (
    ApiError,
    Exchange,
    ImagePart,
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

PROVIDER = "ollama"
_USAGE_KEYS = (
    "prompt_eval_count",
    "eval_count",
    "total_duration",
    "load_duration",
    "prompt_eval_duration",
    "eval_duration",
)


def detect(raw: RawInteraction) -> bool:
    return url_path(raw).endswith("/api/chat")


def _calls(calls: Any) -> list[ToolCallPart]:
    out: list[ToolCallPart] = []
    for call in as_list(calls):
        call = as_dict(call)
        function = as_dict(call.get("function"))
        arguments = function.get("arguments")
        out.append(
            tool_call(
                opt_str(call.get("id")), as_str(function.get("name")), {} if arguments is None else arguments
            )
        )
    return out


def message_of(item: Any) -> Message:
    item = as_dict(item)
    role = as_str(item.get("role")) or "user"
    if role == "tool":
        name = opt_str(item.get("tool_name", item.get("name")))
        result = ToolResultPart(opt_str(item.get("tool_call_id")), item.get("content"), False, name)
        return Message("tool", (result,))
    parts: list[Part] = []
    if item.get("thinking"):
        parts.append(ThinkingPart(as_str(item.get("thinking"))))
    if item.get("content"):
        parts.append(TextPart(as_str(item.get("content"))))
    for image in as_list(item.get("images")):
        parts.append(ImagePart("image", base64_size(image)))
    parts.extend(_calls(item.get("tool_calls")))
    return Message(role, tuple(parts))


def _tool(spec: Any) -> ToolDefinition:
    function = as_dict(as_dict(spec).get("function"))
    return ToolDefinition(
        as_str(function.get("name")), as_str(function.get("description")), function.get("parameters")
    )


def decode_request(body: Any) -> LLMRequest:
    body = as_dict(body)
    return LLMRequest(
        model=opt_str(body.get("model")),
        messages=tuple(message_of(m) for m in as_list(body.get("messages"))),
        tools=tuple(_tool(t) for t in as_list(body.get("tools"))),
        params=params_without(body, {"model": str, "messages": list, "tools": list}),
    )


def _lines(raw: RawInteraction) -> list[tuple[str, Any]]:
    if raw.response_json is not None:
        return [(json.dumps(raw.response_json), raw.response_json)]
    lines = raw.response_body.decode("utf-8", "replace").splitlines()
    return [(line, json_or_none(line)) for line in lines if line.strip()]


LINE_KEYS = frozenset({"model", "created_at", "message", "done", "done_reason", "error"})
"""Keys of an answer (or a streamed line) the dialect reads; any other is a response field."""
MESSAGE_KEYS = frozenset({"role", "content", "thinking", "tool_calls"})


def decode(raw: RawInteraction) -> Exchange:
    body = request_json(raw)
    request = decode_request(body)
    lines = _lines(raw)
    events = MessageAssembler()
    finish: str | None = None
    usage: dict[str, Any] = {}
    error: ApiError | None = None
    model: str | None = None
    terminated = False
    fields = ResponseFields()
    for data, parsed in lines:
        line = as_dict(parsed)
        if parsed is None or not line:
            events.event("other", data=data)
            continue
        fields.add(line, LINE_KEYS | frozenset(_USAGE_KEYS))
        fields.add(line.get("message"), MESSAGE_KEYS, "message.")
        if "error" in line:
            error = error_from(
                raw.status if (raw.status or 0) >= 400 else None, None, line.get("error"), PROVIDER
            )
            events.event("error", error.message, data=data)
            continue
        model = opt_str(line.get("model")) or model
        message = as_dict(line.get("message"))
        seen = False
        if message.get("thinking"):
            text = as_str(message.get("thinking"))
            events.event("thinking", text, events.append("thinking", text), data=data)
            seen = True
        if message.get("content"):
            text = as_str(message.get("content"))
            events.event("text", text, events.append("text", text), data=data)
            seen = True
        for call in _calls(message.get("tool_calls")):
            events.event("tool_call", call.name, events.add(call), data=data)
            seen = True
        if line.get("done"):
            terminated = True
            finish = opt_str(line.get("done_reason"))
            usage = {k: line[k] for k in _USAGE_KEYS if k in line}
            events.event("done", finish or "", data=data)
        elif not seen:
            events.event("other", data=data)
    if error is None and (raw.status or 0) >= 400:
        error = status_error(raw, provider=PROVIDER)
    streamed = len(lines) > 1 or as_dict(body).get("stream", True) is not False
    chunks = tuple(events.events) if streamed else ()
    message_out = None if error is not None else events.message() or Message("assistant", ())
    response = fields.attach(LLMResponse(error, message_out, finish, usage, chunks, model))
    problems = decode_problems(raw, response, provider=PROVIDER, streamed=streamed, terminated=terminated)
    return Exchange(raw, "ollama", streamed, request, response, problems)


MODELLED = frozenset({"function"})
"""Ollama tags nothing but tool calls with a type; its message fields are read by name."""

DIALECT = Dialect("ollama", detect, decode, MODELLED)
