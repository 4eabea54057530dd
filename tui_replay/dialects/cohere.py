"""Cohere v2 chat (`/v2/chat`).

Messages have a string or a list of `text` / `thinking` / `document` blocks,
`tool_calls` in the OpenAI shape (arguments a JSON string), `tool_plan` (shown
as thinking: it is the model's plan before its calls) and `tool` messages with
`tool_call_id`. Streamed answers are SSE (or newline-delimited JSON) events:
`message-start`, `content-start`/`content-delta`/`content-end`,
`tool-plan-delta`, `tool-call-start`/`tool-call-delta`/`tool-call-end`, and the
terminal `message-end` carrying `finish_reason` and usage.
"""

from __future__ import annotations

import json
from typing import Any

from tui_replay.dialects import Dialect
from tui_replay.dialects.assembly import MessageAssembler, decode_problems
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, opt_str, params_without
from tui_replay.dialects.parts import base64_size, tool_call
from tui_replay.dialects.raw_http import (
    error_from,
    request_json,
    response_json,
    status_error,
    status_reason,
    url_path,
)
from tui_replay.dialects.response_fields import ResponseFields
from tui_replay.dialects.sse import looks_like_sse, parse_sse
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
    ToolDefinition,
    ToolResultPart,
    UnrecognisedPart,
)

PROVIDER = "cohere"


def detect(raw: RawInteraction) -> bool:
    path = url_path(raw)
    return path.endswith("/v2/chat") or (path.endswith("/chat") and "cohere" in raw.url)


_NOTICES = frozenset({"content-end", "tool-call-end", "citation-start", "citation-end", "debug"})
"""Stream events that close a part or cite a span of text (the text itself is shown)."""

MODELLED = _NOTICES | {
    "message-start",
    "content-start",
    "content-delta",
    "tool-plan-delta",
    "tool-call-start",
    "tool-call-delta",
    "message-end",
    "text",
    "thinking",
    "image_url",
    "document",
    "function",  # a tool call's type
}
"""Every block and event type this dialect models (the completeness test reads it)."""


def _block(block: Any) -> Part | None:
    if isinstance(block, str):
        return TextPart(block)
    block = as_dict(block)
    kind = block.get("type")
    if kind == "thinking":
        return ThinkingPart(as_str(block.get("thinking")))
    if kind == "image_url":
        url = as_str(as_dict(block.get("image_url")).get("url"))
        media_type = url[5 : url.index(";")] if url.startswith("data:") and ";" in url else "image"
        if url.startswith("data:"):
            return ImagePart(media_type, base64_size(url))
        return ImagePart(media_type, 0, url)
    if kind == "document":
        return TextPart(json.dumps(block.get("document"), ensure_ascii=False))
    if "text" in block:
        return TextPart(as_str(block.get("text")))
    return UnrecognisedPart(as_str(kind) or "block", block)


def _content(content: Any) -> list[Part]:
    if content is None or content == "":
        return []
    blocks = content if isinstance(content, list) else [content]
    return [p for p in (_block(b) for b in blocks) if p is not None]


def _tool_calls(calls: Any) -> list[Part]:
    out: list[Part] = []
    for call in as_list(calls):
        call = as_dict(call)
        function = as_dict(call.get("function"))
        arguments = function.get("arguments")
        out.append(
            tool_call(
                opt_str(call.get("id")), as_str(function.get("name")), "" if arguments is None else arguments
            )
        )
    return out


def message_of(item: Any) -> Message:
    item = as_dict(item)
    role = as_str(item.get("role")) or "user"
    if role == "tool":
        content = item.get("content")
        if isinstance(content, list) and all(as_dict(b).get("type") == "text" for b in content):
            content = "".join(as_str(as_dict(b).get("text")) for b in content)
        return Message("tool", (ToolResultPart(opt_str(item.get("tool_call_id")), content),))
    parts: list[Part] = []
    if item.get("tool_plan"):
        parts.append(ThinkingPart(as_str(item.get("tool_plan"))))
    parts.extend(_content(item.get("content")))
    parts.extend(_tool_calls(item.get("tool_calls")))
    return Message(role, tuple(parts))


def _tool(spec: Any) -> ToolDefinition:
    spec = as_dict(spec)
    function = as_dict(spec.get("function")) or spec
    schema = function.get("parameters", function.get("parameter_definitions"))
    return ToolDefinition(as_str(function.get("name")), as_str(function.get("description")), schema)


def decode_request(body: Any) -> LLMRequest:
    body = as_dict(body)
    return LLMRequest(
        model=opt_str(body.get("model")),
        messages=tuple(message_of(m) for m in as_list(body.get("messages"))),
        tools=tuple(_tool(t) for t in as_list(body.get("tools"))),
        params=params_without(body, {"model": str, "messages": list, "tools": list}),
    )


def _error(raw: RawInteraction, body: Any) -> ApiError | None:
    if (raw.status or 0) < 400:
        return None
    message = as_dict(body).get("message")
    if message is None:
        return status_error(raw, provider=PROVIDER)
    return error_from(raw.status, status_reason(raw) or None, message, PROVIDER)


def _stream_items(raw: RawInteraction) -> list[tuple[str | None, str]]:
    if looks_like_sse(raw.response_body, raw.response_content_type):
        return [(e.event, e.data) for e in parse_sse(raw.response_body)]
    text = raw.response_body.decode("utf-8", "replace")
    return [(None, line) for line in text.splitlines() if line.strip()]


def _stream(raw: RawInteraction) -> tuple[LLMResponse, bool]:
    events = MessageAssembler()
    finish: str | None = None
    usage: dict[str, Any] = {}
    error: ApiError | None = None
    response_id: str | None = None
    terminated = False
    for name, data in _stream_items(raw):
        try:
            payload = as_dict(json.loads(data))
        except (ValueError, RecursionError):
            events.event("other", name=name, data=data)
            continue
        kind = as_str(payload.get("type")) or (name or "")
        index = payload.get("index")
        delta = as_dict(as_dict(payload.get("delta")).get("message"))
        if kind == "message-start":
            response_id = opt_str(payload.get("id"))
            events.event("start", name=name, data=data)
        elif kind in ("content-start", "content-delta"):
            content = as_dict(delta.get("content"))
            thinking = "thinking" in content or content.get("type") == "thinking"
            if thinking:
                text = as_str(content.get("thinking"))
                events.event(
                    "thinking", text, events.append("thinking", text, ("content", index)), name, data
                )
            else:
                text = as_str(content.get("text"))
                events.event("text", text, events.append("text", text, ("content", index)), name, data)
        elif kind == "tool-plan-delta":
            text = as_str(delta.get("tool_plan"))
            events.event("thinking", text, events.append("thinking", text, "plan"), name, data)
        elif kind == "tool-call-start":
            call = as_dict(delta.get("tool_calls"))
            function = as_dict(call.get("function"))
            part = events.open(
                "tool_call",
                ("tool", index),
                call_id=opt_str(call.get("id")),
                name=as_str(function.get("name")),
            )
            events.append("tool_call", as_str(function.get("arguments")), ("tool", index))
            events.event("tool_call", as_str(function.get("name")), part, name, data)
        elif kind == "tool-call-delta":
            fragment = as_str(as_dict(as_dict(delta.get("tool_calls")).get("function")).get("arguments"))
            events.event(
                "tool_args", fragment, events.append("tool_call", fragment, ("tool", index)), name, data
            )
        elif kind == "message-end":
            end = as_dict(payload.get("delta"))
            finish = opt_str(end.get("finish_reason"))
            usage = as_dict(end.get("usage"))
            terminated = True
            if end.get("error"):
                error = error_from(None, None, end.get("error"), PROVIDER)
                events.event("error", error.message, name=name, data=data)
            else:
                events.event("done", finish or "", name=name, data=data)
        elif kind in _NOTICES:
            events.event("other", name=name, data=data)
        else:
            events.event("other", "", events.add(UnrecognisedPart(kind or "event", payload)), name, data)
    response = LLMResponse(
        error, events.message(), finish, usage, tuple(events.events), None, None, response_id
    )
    return response, terminated


MESSAGE_KEYS = frozenset({"role", "content", "tool_calls", "tool_plan"})
"""Keys of an answer's message the dialect reads (`citations` and any other are response fields)."""


def decode(raw: RawInteraction) -> Exchange:
    body = request_json(raw)
    request = decode_request(body)
    answer = response_json(raw)
    error = _error(raw, answer)
    body_text = raw.response_body.strip()
    streamed = error is None and (
        looks_like_sse(raw.response_body, raw.response_content_type) or (answer is None and bool(body_text))
    )
    terminated = True
    if error is not None:
        response = LLMResponse(error, None, None, {}, ())
    elif streamed:
        response, terminated = _stream(raw)
    else:
        answer = as_dict(answer)
        message = message_of({**as_dict(answer.get("message")), "role": "assistant"})
        response = LLMResponse(
            None,
            message,
            opt_str(answer.get("finish_reason")),
            as_dict(answer.get("usage")),
            (),
            None,
            None,
            opt_str(answer.get("id")),
        )
        fields = ResponseFields()
        fields.add(answer, frozenset({"id", "message", "finish_reason", "usage"}))
        fields.add(answer.get("message"), MESSAGE_KEYS, "message.")
        response = fields.attach(response)
    problems = decode_problems(raw, response, provider=PROVIDER, streamed=streamed, terminated=terminated)
    return Exchange(raw, "cohere", streamed, request, response, problems)


DIALECT = Dialect("cohere", detect, decode, MODELLED)
