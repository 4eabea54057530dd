"""OpenAI Responses API (`/responses`): OpenAI, Azure, OpenRouter, DeepSeek, Groq, Bedrock Mantle.

A request carries `instructions` and a list of `input` items: messages
(`input_text`, `output_text`, `input_image`, ...), `function_call`,
`function_call_output` and `reasoning` items. The answer is a `response`
object whose `output` holds the same kinds of items, or a stream of typed
events (`response.output_text.delta`, `response.function_call_arguments.delta`,
`response.reasoning_summary_text.delta`, ...) ending in `response.completed`,
`response.incomplete` or `response.failed`.

Items are read as messages by `openai_responses_items` (the request, and the
response's `output`); this module reads the answer, whole or streamed.
"""

from __future__ import annotations

from typing import Any

from tui_replay.dialects import Dialect
from tui_replay.dialects.assembly import MessageAssembler, decode_problems
from tui_replay.dialects.json_shapes import as_dict, as_str, json_or_none
from tui_replay.dialects.openai_responses_items import (
    content_parts,
    decode_request,
    item_parts,
    output_message,
    reasoning_part,
)
from tui_replay.dialects.openai_server_tools import (
    NESTED_KINDS,
    SERVER_TOOL_EVENTS,
    SERVER_TOOL_ITEMS,
    placeholder,
    server_tool_parts,
)
from tui_replay.dialects.parts import text_of
from tui_replay.dialects.raw_http import openai_error, provider_label, request_json, response_json, url_path
from tui_replay.dialects.response_fields import ResponseFields
from tui_replay.dialects.sse import looks_like_sse, parse_sse
from tui_replay.model import (
    ApiError,
    Exchange,
    LLMResponse,
    RawInteraction,
    ToolCallPart,
    UnrecognisedPart,
)

__all__ = ["DIALECT", "content_parts", "decode", "decode_request", "detect"]

NAME = "openai-responses"

_TERMINAL_EVENTS = frozenset({"response.completed", "response.incomplete", "response.failed"})

_NOTICES = frozenset(
    {
        "response.queued",
        "response.in_progress",
        "response.content_part.added",
        "response.content_part.done",
        "response.output_text.done",
        "response.refusal.done",
        "response.output_text.annotation.added",
        "response.reasoning_summary_part.added",
        "response.reasoning_summary_part.done",
        "response.reasoning_summary_text.done",
        "response.reasoning_text.done",
        "response.function_call_arguments.done",
        "response.custom_tool_call_input.delta",
        "response.custom_tool_call_input.done",
        "keepalive",
    }
)
"""Events whose content reaches the message another way (the deltas before them, the finished
item after them; annotations stay in the raw view) or that mark a boundary."""

MODELLED = (
    _NOTICES
    | _TERMINAL_EVENTS
    | SERVER_TOOL_EVENTS
    | SERVER_TOOL_ITEMS
    | NESTED_KINDS
    | {
        "response.created",
        "response.output_text.delta",
        "response.refusal.delta",
        "response.reasoning_summary_text.delta",
        "response.reasoning_text.delta",
        "response.function_call_arguments.delta",
        "response.output_item.added",
        "response.output_item.done",
        "error",
        # items and content blocks
        "message",
        "function_call",
        "custom_tool_call",
        "reasoning",
        "output_text",
        "refusal",
        "summary_text",
        "reasoning_text",
        "input_text",
        "input_image",
        "input_file",
        "input_audio",
        "function_call_output",
        "additional_tools",
        "custom_tool_call_output",
        "computer_call_output",
        "local_shell_call_output",
        "url_citation",  # a citation in a text block's annotations
        "file_citation",
        "container_file_citation",
    }
)
"""Every event, item and content type this dialect models (the completeness test reads it)."""


PENDING_STATUSES = frozenset({"queued", "in_progress"})
"""Statuses of a response still being worked on (background mode): the answer comes later."""


def detect(raw: RawInteraction) -> bool:
    path = url_path(raw).rstrip("/")
    if path.endswith("/responses"):
        return True
    if raw.method.upper() == "GET" and path.rpartition("/")[0].endswith("/responses"):
        return True  # a poll of a background response (`GET /v1/responses/{id}`)
    body_bytes = raw.request_body
    if (
        raw.request_json is None
        and b'"input"' not in body_bytes
        and b"\\u" not in body_bytes
        and b"\x00" not in body_bytes[:4]  # UTF-16/32 JSON spells keys with NULs between
    ):
        return False  # no `input` key (not even \u-escaped): skip parsing the body here
    body = request_json(raw)
    return (
        isinstance(body, dict)
        and "input" in body
        and "messages" not in body
        and isinstance(as_dict(response_json(raw)).get("output"), list)
    )


# --------------------------------------------------------------------------
# Response
# --------------------------------------------------------------------------


def finish_reason(response: dict[str, Any]) -> str | None:
    """`incomplete` answers give their reason (`max_output_tokens`), others their status."""
    status = as_str(response.get("status")) or None
    if status == "incomplete":
        return as_str(as_dict(response.get("incomplete_details")).get("reason")) or status
    return status


def _response_error(raw: RawInteraction, response: dict[str, Any]) -> ApiError | None:
    error = response.get("error")
    if not isinstance(error, dict) or not error:
        return None
    status = raw.status if raw.status is not None and raw.status >= 400 else None
    type_ = error.get("type") or error.get("code")
    message = as_str(error.get("message")) or as_str(type_) or "response failed"
    return ApiError(status, as_str(type_) or None, message)


READ = frozenset(
    {"id", "object", "created_at", "completed_at", "status", "model", "output", "usage", "error"}
    | {"incomplete_details", "provider", "service_tier"}
)
ECHOED = frozenset(
    {"background", "instructions", "max_output_tokens", "max_tool_calls", "parallel_tool_calls"}
    | {"previous_response_id", "prompt_cache_key", "prompt_cache_retention", "reasoning", "store"}
    | {"safety_identifier", "temperature", "text", "tool_choice", "tools", "top_logprobs", "top_p"}
    | {"truncation", "metadata", "user", "frequency_penalty", "presence_penalty", "prompt"}
    | {"conversation"}
)
"""Response keys that repeat the request's settings as applied: shown with the request."""


def response_fields(data: dict[str, Any]) -> ResponseFields:
    """What a response object carries beside its output, usage and settings (`billing`,
    `moderation`, `tool_usage`, `service_tier`, content filters)."""
    fields = ResponseFields()
    fields.add(data, READ | ECHOED)
    return fields


def decode_plain(raw: RawInteraction) -> LLMResponse:
    body = response_json(raw)
    data = as_dict(body)
    if isinstance(data.get("response"), dict) and "output" not in data:
        data = data["response"]  # some gateways wrap the response object
    error = openai_error(raw, body) if "output" not in data else None
    error = error or _response_error(raw, data)
    usage = data.get("usage")
    response = LLMResponse(
        error=error,
        message=output_message(data.get("output")),
        finish_reason=finish_reason(data) if data else None,
        usage=dict(usage) if isinstance(usage, dict) else {},
        chunks=(),
        model=as_str(data.get("model")) or None,
        provider=as_str(data.get("provider")) or None,
        id=as_str(data.get("id")) or None,
        service_tier=as_str(data.get("service_tier")) or None,
    )
    return response_fields(data).attach(response) if "output" in data else response


class _ResponsesStream:
    """Assembles typed Responses events into the assistant message."""

    def __init__(self, raw: RawInteraction) -> None:
        self.raw = raw
        self.out = MessageAssembler()
        self.fed: set[Any] = set()
        """Keys of parts that received deltas (so `.done` events do not add their text twice)."""
        self.summary_index: dict[Any, Any] = {}
        self.final: dict[str, Any] = {}
        self.error: ApiError | None = None
        self.terminated = False
        self.id: str | None = None
        self.model: str | None = None

    @staticmethod
    def _key(event: dict[str, Any]) -> Any:
        if isinstance(event.get("output_index"), int):
            return ("item", event["output_index"])
        if event.get("item_id"):
            return ("id", as_str(event["item_id"]))
        return None

    def _part(self, kind: str, key: Any, **fields: Any) -> int:
        index = self.out.slot(key) if key is not None else None
        if index is None:
            index = self.out.open(kind, key, **fields)
        return index

    def _add(self, kind: str, key: Any, delta: str, event_kind: Any, name: str | None, data: str) -> None:
        index = self.out.append(kind, delta, key)
        self.fed.add(key)
        self.out.event(event_kind, delta, index, name, data)

    def feed(self, name: str | None, data: str) -> None:
        out = self.out
        event = json_or_none(data)
        if not isinstance(event, dict):
            out.event("done" if data.strip() == "[DONE]" else "other", name=name, data=data)
            return
        kind = as_str(event.get("type")) or as_str(name)
        key = self._key(event)
        delta = as_str(event.get("delta"))
        if kind in ("response.output_text.delta", "response.refusal.delta"):
            self._add("text", key, delta, "text", name, data)
        elif kind in ("response.reasoning_summary_text.delta", "response.reasoning_text.delta"):
            summary = event.get("summary_index", event.get("content_index"))
            previous = self.summary_index.get(key)
            if previous is not None and summary is not None and summary != previous and key in self.fed:
                delta = "\n\n" + delta
            self.summary_index[key] = summary
            self._add("thinking", key, delta, "thinking", name, data)
        elif kind == "response.function_call_arguments.delta":
            self._add("tool_call", key, delta, "tool_args", name, data)
        elif kind == "response.output_item.added":
            item = as_dict(event.get("item"))
            if item.get("type") in SERVER_TOOL_ITEMS:
                call = placeholder(item)
                out.event("tool_call", call.name, out.add(call, key), name, data)
            elif item.get("type") in ("function_call", "custom_tool_call"):
                call_id = as_str(item.get("call_id") or item.get("id")) or None
                index = self._part("tool_call", key, call_id=call_id, name=as_str(item.get("name")))
                out.set_tool(index, call_id=call_id, name=as_str(item.get("name")))
                out.event("tool_call", as_str(item.get("name")), index, name, data)
            else:
                out.event("start" if not out.events else "other", name=name, data=data)
        elif kind == "response.output_item.done":
            self._item_done(key, as_dict(event.get("item")), name, data)
        elif kind == "response.function_call_arguments.done" and key not in self.fed:
            self._add("tool_call", key, as_str(event.get("arguments")), "tool_args", name, data)
        elif kind == "response.output_text.done" and key not in self.fed:
            self._add("text", key, as_str(event.get("text")), "text", name, data)
        elif kind in _TERMINAL_EVENTS or kind in ("response.created", "response.in_progress"):
            response = as_dict(event.get("response"))
            self.id = as_str(response.get("id")) or self.id
            self.model = as_str(response.get("model")) or self.model
            if kind in _TERMINAL_EVENTS:
                self.terminated = True
                self.final = response
                self.error = self.error or _response_error(self.raw, response)
                out.event("done", as_str(response.get("status")), name=name, data=data)
            else:
                out.event("start" if kind == "response.created" else "other", name=name, data=data)
        elif kind == "error" or (kind.endswith(".failed") and "error" in event):
            inner = as_dict(event.get("error")) or event
            type_ = as_str(inner.get("type") if inner is not event else None) or as_str(inner.get("code"))
            message = as_str(inner.get("message")) or type_ or "stream error"
            self.error = ApiError(
                self.raw.status if (self.raw.status or 0) >= 400 else None, type_ or None, message
            )
            self.terminated = True
            out.event("error", message, name=name, data=data)
        elif kind in SERVER_TOOL_EVENTS:  # progress of a provider-run tool, drawn on its call
            code = delta if kind == "response.code_interpreter_call_code.delta" else ""
            out.event("other", code, out.slot(key) if key is not None else None, name, data)
        elif kind in _NOTICES:
            out.event("other", name=name, data=data)
        else:
            out.event("other", "", out.add(UnrecognisedPart(kind or "event", event)), name, data)

    def _item_done(self, key: Any, item: dict[str, Any], name: str | None, data: str) -> None:
        """A finished item whose content never streamed (or a call without deltas) fills in here."""
        out = self.out
        kind = item.get("type")
        index = out.slot(key) if key is not None else None
        if kind in SERVER_TOOL_ITEMS:
            parts = server_tool_parts(item)
            if index is None:
                index = out.add(parts[0], key)
            else:
                out.set_fixed(index, parts[0])
            out.event("tool_call", getattr(parts[0], "name", ""), index, name, data)
            for part in parts[1:]:
                out.event("other", "", out.add(part), name, data)
        elif kind in ("function_call", "custom_tool_call"):
            part = item_parts(item)[0]
            if key in self.fed or not isinstance(part, ToolCallPart):
                out.event("other", name=name, data=data)
                return
            if index is None:
                index = out.open("tool_call", key)
            out.set_tool(index, call_id=part.id, name=part.name)
            if part.arguments_raw:
                out.append("tool_call", part.arguments_raw, key)
            self.fed.add(key)
            out.event("tool_args", part.arguments_raw, index, name, data)
        elif kind == "reasoning" and index is None and key not in self.fed:
            part = reasoning_part(item)
            if part.text or part.redacted:
                index = out.open("thinking", key, redacted=part.redacted)
                if part.text:
                    out.append("thinking", part.text, key)
                self.fed.add(key)
                out.event("thinking", part.text, index, name, data)
            else:
                out.event("other", name=name, data=data)
        elif kind == "message" and index is None and key not in self.fed:
            text = text_of(content_parts(item.get("content")))
            if text:
                index = out.open("text", key)
                out.append("text", text, key)
                self.fed.add(key)
                out.event("text", text, index, name, data)
            else:
                out.event("other", name=name, data=data)
        elif index is None and kind not in (None, "message", "reasoning"):
            out.event("other", "", out.add(UnrecognisedPart(as_str(kind), item)), name, data)
        else:
            out.event("other", name=name, data=data)


def decode_stream(raw: RawInteraction) -> tuple[LLMResponse, bool]:
    stream = _ResponsesStream(raw)
    for event in parse_sse(raw.response_body):
        stream.feed(event.event, event.data)
    final = stream.final
    message = stream.out.message()
    if message is not None and not message.parts and isinstance(final.get("output"), list):
        message = output_message(final["output"])  # nothing streamed, but the final response has it
    error = stream.error
    if error is None and raw.status is not None and raw.status >= 400:
        error = openai_error(raw, None)
    usage = final.get("usage")
    response = LLMResponse(
        error=error,
        message=message,
        finish_reason=finish_reason(final) if final else None,
        usage=dict(usage) if isinstance(usage, dict) else {},
        chunks=tuple(stream.out.events),
        model=stream.model,
        provider=None,
        id=stream.id,
        service_tier=as_str(final.get("service_tier")) or None,
    )
    return response_fields(final).attach(response), stream.terminated


def decode(raw: RawInteraction) -> Exchange:
    request = decode_request(request_json(raw))
    streamed = looks_like_sse(raw.response_body, raw.response_content_type)
    if streamed:
        response, terminated = decode_stream(raw)
    else:
        response, terminated = decode_plain(raw), True
    label = provider_label(raw, response.error.provider if response.error else None)
    # A background response is answered `queued` (and polled `in_progress`): its output comes
    # with a later poll, so no output yet is no empty turn.
    pending = response.finish_reason in PENDING_STATUSES
    problems = decode_problems(
        raw, response, provider=label, streamed=streamed, terminated=terminated, expect_message=not pending
    )
    return Exchange(raw, NAME, streamed, request, response, problems)


DIALECT = Dialect(NAME, detect, decode, MODELLED)
