"""Anthropic Messages API (`/v1/messages`, Vertex `publishers/anthropic`, Bedrock invoke bodies).

Mapping choices:
- `system` (a string or text blocks) becomes one leading `system` message.
- A `user` message that carries only `tool_result` blocks becomes a `tool`
  message (what it is in every other dialect); a user message mixing results
  with text or images stays `user`.
- `tool_use`, `server_tool_use` and `mcp_tool_use` are tool calls (arguments
  the object `input`); `tool_result` and server results such as
  `web_search_tool_result` are tool results (`name` holds the block type for the
  latter). A `tool_result` whose content is only text blocks shows as one string.
- `thinking` keeps its signature; `redacted_thinking` is a redacted thinking part
  whose signature holds the opaque `data`.
- Built-in typed tools (`computer_20250124`, `web_search_20250305`, ...) have
  parameters None and their type as description.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from tui_replay.dialects import Dialect
from tui_replay.dialects.assembly import MessageAssembler, decode_problems
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, compact, opt_str, params_without
from tui_replay.dialects.parts import base64_size, results_role, tool_call
from tui_replay.dialects.raw_http import (
    error_from,
    request_json,
    response_json,
    status_error,
    url_path,
    with_failed_status,
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

_TOOL_CALL_BLOCKS = {"tool_use", "server_tool_use", "mcp_tool_use"}
_SERVER_RESULT_BLOCKS = frozenset(
    {
        "web_search_tool_result",
        "web_fetch_tool_result",
        "code_execution_tool_result",
        "bash_code_execution_tool_result",
        "text_editor_code_execution_tool_result",
        "tool_search_tool_result",
        "mcp_tool_result",
    }
)
_NESTED_KINDS = frozenset(
    {
        "web_search_result",
        "web_search_result_location",
        "web_fetch_result",
        "code_execution_result",
        "bash_code_execution_result",
        "text_editor_code_execution_result",
        "tool_search_tool_search_result",
        "tool_reference",
        "char_location",
        "page_location",
        "content_block_location",
        "search_result_location",
        "base64",
        "url",
        "file",
    }
)
"""`type` tags inside a server tool's result or a citation: kept whole with their block."""
_STREAM_EVENTS = frozenset(
    {
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
        "ping",
        "error",
    }
)
_DELTAS = frozenset(
    {"text_delta", "input_json_delta", "thinking_delta", "signature_delta", "citations_delta"}
)
MODELLED = (
    _STREAM_EVENTS
    | _DELTAS
    | _SERVER_RESULT_BLOCKS
    | _NESTED_KINDS
    | _TOOL_CALL_BLOCKS
    | {
        "message",
        "text",
        "thinking",
        "redacted_thinking",
        "tool_result",
        "image",
        "document",
        "container_upload",
    }
)
"""Every block, delta and event type this dialect models (the completeness test reads it).
A citation delta adds a citation to its text block: the text is shown, the citation in the raw view."""
_VERTEX_MODEL = re.compile(r"/publishers/anthropic/models/([^/:]+):(?:stream)?[rR]awPredict")


def detect(raw: RawInteraction) -> bool:
    path = url_path(raw)
    if _VERTEX_MODEL.search(path):
        return True
    return path.endswith("/v1/messages") or (path.endswith("/messages") and "anthropic" in raw.url)


# -- content blocks -----------------------------------------------------------


def _image(source: dict[str, Any], default_type: str) -> ImagePart:
    kind = source.get("type")
    media_type = as_str(source.get("media_type")) or default_type
    if kind == "base64":
        return ImagePart(media_type, base64_size(source.get("data")))
    if kind == "url":
        return ImagePart(media_type, 0, opt_str(source.get("url")))
    if kind == "text":
        return ImagePart(media_type or "text/plain", len(as_str(source.get("data")).encode()))
    return ImagePart(media_type, 0, opt_str(source.get("file_id")))


def result_content(content: Any) -> Any:
    """A tool result's content: text blocks joined to a string; images reduced to type and size."""
    if not isinstance(content, list):
        return content if isinstance(content, (str, dict)) or content is None else str(content)
    blocks = [as_dict(b) for b in content]
    if blocks and all(b.get("type") == "text" for b in blocks):
        return "".join(as_str(b.get("text")) for b in blocks)
    out: list[Any] = []
    for block in blocks:
        if block.get("type") in ("image", "document"):
            image = _image(as_dict(block.get("source")), "image")
            out.append({"type": block.get("type"), "media_type": image.media_type, "bytes": image.bytes})
        else:
            out.append(block)
    return out


def block_part(block: Any) -> Part | None:
    """One content block as a part; a block this module does not know is an `UnrecognisedPart`."""
    if isinstance(block, str):
        return TextPart(block)
    original = block
    block = as_dict(block)
    kind = block.get("type")
    if kind == "text":
        return TextPart(as_str(block.get("text")))
    if kind == "thinking":
        return ThinkingPart(as_str(block.get("thinking")), opt_str(block.get("signature")) or None)
    if kind == "redacted_thinking":
        return ThinkingPart("", opt_str(block.get("data")), redacted=True)
    if kind in _TOOL_CALL_BLOCKS:
        arguments = block.get("input")
        call = tool_call(
            opt_str(block.get("id")), as_str(block.get("name")), {} if arguments is None else arguments
        )
        return call if kind == "tool_use" else replace(call, server=True)  # server_/mcp_tool_use
    if kind == "tool_result":
        return ToolResultPart(
            opt_str(block.get("tool_use_id")),
            result_content(block.get("content")),
            bool(block.get("is_error")),
        )
    if isinstance(kind, str) and kind.endswith("_tool_result"):
        content = block.get("content")
        failed = isinstance(content, dict) and as_str(content.get("type")).endswith("error")
        return ToolResultPart(opt_str(block.get("tool_use_id")), result_content(content), failed, kind)
    if kind in ("image", "document"):
        return _image(as_dict(block.get("source")), "application/pdf" if kind == "document" else "image")
    return UnrecognisedPart(as_str(kind) or "block", original)


def message_from(role: str, content: Any) -> Message:
    blocks = content if isinstance(content, list) else [content] if content not in (None, "") else []
    parts = tuple(p for p in (block_part(b) for b in blocks) if p is not None)
    return Message(results_role(role, parts), parts)


def _tool(spec: Any) -> ToolDefinition | None:
    spec = as_dict(spec)
    if not spec:
        return None
    name = as_str(spec.get("name"))
    kind = opt_str(spec.get("type"))
    if "input_schema" in spec:
        return ToolDefinition(name, as_str(spec.get("description")), spec.get("input_schema"))
    return ToolDefinition(name, as_str(spec.get("description")) or (kind or ""), None)


def decode_request(body: Any, model: str | None = None) -> LLMRequest:
    body = as_dict(body)
    messages: list[Message] = []
    system = body.get("system")
    if system:
        blocks = system if isinstance(system, list) else [system]
        parts = tuple(p for p in (block_part(b) for b in blocks) if p is not None)
        messages.append(Message("system", parts))
    for item in as_list(body.get("messages")):
        item = as_dict(item)
        messages.append(message_from(as_str(item.get("role")) or "user", item.get("content")))
    tools = tuple(t for t in (_tool(s) for s in as_list(body.get("tools"))) if t is not None)
    return LLMRequest(
        model=opt_str(body.get("model")) or model,
        messages=tuple(messages),
        tools=tools,
        params=params_without(
            body, {"model": str, "messages": list, "system": (str, list, dict), "tools": list}
        ),
    )


def error_of(body: Any, status: int | None, provider: str) -> ApiError | None:
    """An Anthropic error body `{"type": "error", "error": {"type", "message"}}`, if that is what it is."""
    body = as_dict(body)
    error = body.get("error")
    if body.get("type") == "error" or isinstance(error, dict):
        error = as_dict(error)
        return error_from(status, error.get("type"), error.get("message") or compact(body), provider)
    return None


# -- streaming -------------------------------------------------------------------


@dataclass
class StreamResult:
    assembler: MessageAssembler = field(default_factory=MessageAssembler)
    finish_reason: str | None = None
    usage: dict[str, Any] = field(default_factory=dict)
    error: ApiError | None = None
    model: str | None = None
    id: str | None = None
    terminated: bool = False
    fields: ResponseFields = field(default_factory=ResponseFields)


TOP_LEVEL = frozenset(
    {"id", "type", "role", "content", "model", "stop_reason", "stop_sequence", "usage", "error"}
)
"""Keys of a message (whole, or `message_start`'s) the dialect reads; any other is a response field."""
DELTA = frozenset({"stop_reason", "stop_sequence"})
"""Keys of `message_delta`'s `delta` the dialect reads."""


def feed_event(result: StreamResult, name: str | None, data: str, provider: str) -> None:
    """Apply one streamed Anthropic event (its SSE `event:` name and JSON `data`)."""
    events = result.assembler
    try:
        payload = json.loads(data) if data.strip() else {}
    except (ValueError, RecursionError):
        events.event("other", name=name, data=data)
        return
    payload = as_dict(payload)
    kind = as_str(payload.get("type")) or (name or "")
    index = payload.get("index")
    key = index if isinstance(index, int) else None
    if kind == "message_start":
        message = as_dict(payload.get("message"))
        result.id = opt_str(message.get("id"))
        result.model = opt_str(message.get("model"))
        result.usage.update(as_dict(message.get("usage")))
        result.fields.add(message, TOP_LEVEL)
        events.event("start", name=name, data=data)
    elif kind == "content_block_start":
        block = as_dict(payload.get("content_block"))
        block_type = block.get("type")
        if block_type in _TOOL_CALL_BLOCKS:
            part = events.open(
                "tool_call",
                key,
                call_id=opt_str(block.get("id")),
                name=as_str(block.get("name")),
                initial_args=block.get("input"),
                server=block_type != "tool_use",
            )
            events.event("tool_call", as_str(block.get("name")), part, name, data)
        elif block_type in ("thinking", "redacted_thinking"):
            redacted = block_type == "redacted_thinking"
            part = events.open("thinking", key, redacted=redacted)
            events.append("thinking", as_str(block.get("thinking")), key)
            signature = as_str(block.get("data") if redacted else block.get("signature"))
            if signature:
                events.add_signature(part, signature)
            events.event("thinking", as_str(block.get("thinking")), part, name, data)
        elif block_type == "text":
            part = events.open("text", key)
            events.append("text", as_str(block.get("text")), key)
            events.event("text", as_str(block.get("text")), part, name, data)
        else:
            fixed = block_part(block)
            events.event("other", "", events.add(fixed, key) if fixed is not None else None, name, data)
    elif kind == "content_block_delta":
        delta = as_dict(payload.get("delta"))
        delta_type = delta.get("type")
        if delta_type == "text_delta":
            text = as_str(delta.get("text"))
            events.event("text", text, events.append("text", text, key), name, data)
        elif delta_type == "input_json_delta":
            fragment = as_str(delta.get("partial_json"))
            events.event("tool_args", fragment, events.append("tool_call", fragment, key), name, data)
        elif delta_type == "thinking_delta":
            text = as_str(delta.get("thinking"))
            events.event("thinking", text, events.append("thinking", text, key), name, data)
        elif delta_type == "signature_delta":
            signature = as_str(delta.get("signature"))
            found = events.slot(key)
            target = events.append("thinking", "", key) if found is None else found
            events.add_signature(target, signature)
            events.event("signature", signature, target, name, data)
        elif delta_type == "citations_delta":
            events.event("other", "", events.slot(key), name, data)
        else:
            unknown = UnrecognisedPart(as_str(delta_type) or "delta", delta)
            events.event("other", "", events.add(unknown), name, data)
    elif kind == "message_delta":
        delta = as_dict(payload.get("delta"))
        result.usage.update(as_dict(payload.get("usage")))
        result.fields.add(delta, DELTA)  # `stop_details`, `container`
        if delta.get("stop_reason") is not None:
            result.finish_reason = as_str(delta.get("stop_reason"))
            events.event("finish", result.finish_reason, name=name, data=data)
        else:
            events.event("usage", name=name, data=data)
    elif kind == "message_stop":
        result.terminated = True
        events.event("done", name=name, data=data)
    elif kind == "error":
        error = as_dict(payload.get("error"))
        result.error = error_from(None, error.get("type"), error.get("message") or data, provider)
        events.event("error", as_str(error.get("message")), name=name, data=data)
    elif kind in _STREAM_EVENTS:  # content_block_stop, ping
        events.event("other", "", events.slot(key), name, data)
    else:
        events.event("other", "", events.add(UnrecognisedPart(kind or "event", payload)), name, data)


# -- decode ----------------------------------------------------------------------


def url_model(raw: RawInteraction) -> str | None:
    match = _VERTEX_MODEL.search(url_path(raw))
    return unquote(match.group(1)) if match else None


def decode_response(raw: RawInteraction, provider: str) -> tuple[LLMResponse, bool, bool]:
    """The response, whether it was streamed, and whether the stream reached `message_stop`."""
    if looks_like_sse(raw.response_body, raw.response_content_type):
        result = StreamResult()
        for event in parse_sse(raw.response_body):
            feed_event(result, event.event, event.data, provider)
        return stream_response(result, raw, provider), True, result.terminated
    body = response_json(raw)
    error = error_of(body, raw.status, provider)
    if error is None and (raw.status or 0) >= 400:
        error = status_error(raw, provider=provider)
    body = as_dict(body)
    message = None
    if error is None and ("content" in body or body.get("type") == "message"):
        message = message_from("assistant", body.get("content"))
    response = LLMResponse(
        error=error,
        message=message,
        finish_reason=opt_str(body.get("stop_reason")),
        usage=as_dict(body.get("usage")),
        chunks=(),
        model=opt_str(body.get("model")),
        id=opt_str(body.get("id")),
    )
    fields = ResponseFields()
    fields.add(body, TOP_LEVEL)
    return fields.attach(response), False, True


def stream_response(result: StreamResult, raw: RawInteraction, provider: str) -> LLMResponse:
    response = LLMResponse(
        error=with_failed_status(result.error, raw),
        message=result.assembler.message(),
        finish_reason=result.finish_reason,
        usage=result.usage,
        chunks=tuple(result.assembler.events),
        model=result.model,
        id=result.id,
    )
    return result.fields.attach(response)


def decode(raw: RawInteraction) -> Exchange:
    provider = "vertex" if _VERTEX_MODEL.search(url_path(raw)) else "anthropic"
    request = decode_request(request_json(raw), url_model(raw))
    response, streamed, terminated = decode_response(raw, provider)
    problems = decode_problems(raw, response, provider=provider, streamed=streamed, terminated=terminated)
    return Exchange(raw, "anthropic", streamed, request, response, problems)


DIALECT = Dialect("anthropic", detect, decode, MODELLED)
