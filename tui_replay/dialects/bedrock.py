"""AWS Bedrock runtime: Converse (`/converse`, `/converse-stream`) and InvokeModel
(`/invoke`, `/invoke-with-response-stream`).

Streams are binary `application/vnd.amazon.eventstream` frames (see
`eventstream`). Converse streams carry `messageStart`, `contentBlockStart`,
`contentBlockDelta`, `contentBlockStop`, `messageStop` (the terminal event) and
`metadata` events; InvokeModel streams carry `chunk` events whose
`{"bytes": base64}` payload is the provider's own stream event (Anthropic's for
Claude, which the Anthropic decoder reads; Converse-shaped for Nova).

Converse bodies (content blocks, requests, whole answers) are read by
`bedrock_converse`. Frames with a bad CRC or a truncated body give an
`eventstream-invalid` problem and keep every frame that decoded.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import replace
from typing import Any
from urllib.parse import unquote

from tui_replay.dialects import Dialect, anthropic
from tui_replay.dialects.assembly import MessageAssembler, decode_problems
from tui_replay.dialects.bedrock_converse import MODELLED as CONVERSE_MODELLED
from tui_replay.dialects.bedrock_converse import converse_request, converse_response
from tui_replay.dialects.eventstream import EventStreamMessage, decode_eventstream, looks_like_eventstream
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, json_or_none, opt_str, params_without
from tui_replay.dialects.raw_http import (
    error_from,
    request_json,
    response_json,
    status_error,
    status_reason,
    url_path,
)
from tui_replay.model import (
    ApiError,
    Exchange,
    LLMRequest,
    LLMResponse,
    Message,
    Problem,
    RawInteraction,
    TextPart,
    UnrecognisedPart,
    header,
)

_PATH = re.compile(r"/model/([^/]+)/(converse|converse-stream|invoke|invoke-with-response-stream)$")
PROVIDER = "bedrock"


def _operation(raw: RawInteraction) -> tuple[str | None, str | None]:
    match = _PATH.search(url_path(raw))
    if not match:
        return None, None
    return unquote(match.group(1)), match.group(2)


def detect_converse(raw: RawInteraction) -> bool:
    return _operation(raw)[1] in ("converse", "converse-stream")


def detect_invoke(raw: RawInteraction) -> bool:
    return _operation(raw)[1] in ("invoke", "invoke-with-response-stream")


# -- InvokeModel requests ---------------------------------------------------------


def invoke_request(body: Any, model: str | None) -> LLMRequest:
    """An InvokeModel body in its provider's shape: Anthropic, Converse-like (Nova) or a bare prompt."""
    body = as_dict(body)
    if "anthropic_version" in body or any(
        isinstance(b, dict) and "type" in b
        for m in as_list(body.get("messages"))
        for b in as_list(as_dict(m).get("content"))
    ):
        return anthropic.decode_request(body, model)
    if "messages" in body:
        return converse_request(body, model)
    for key in ("prompt", "inputText"):
        if isinstance(body.get(key), str):
            message = Message("user", (TextPart(body[key]),))
            return LLMRequest(model, (message,), (), params_without(body, {key: str}))
    return LLMRequest(model, (), (), body)


# -- responses -------------------------------------------------------------------


def error_of(raw: RawInteraction, body: Any) -> ApiError | None:
    if (raw.status or 0) < 400:
        return None
    kind = header(raw.response_headers, "x-amzn-errortype")
    kind = kind.split(":", 1)[0] if kind else None
    body = as_dict(body)
    message = body.get("message", body.get("Message"))
    if message is None:
        message = status_error(raw).message
    return error_from(raw.status, kind or status_reason(raw) or None, message, PROVIDER)


def invoke_response(body: Any) -> LLMResponse:
    body = as_dict(body)
    if body.get("type") == "message" or "stop_reason" in body and "content" in body:
        message = anthropic.message_from("assistant", body.get("content"))
        return LLMResponse(
            None,
            message,
            opt_str(body.get("stop_reason")),
            as_dict(body.get("usage")),
            (),
            opt_str(body.get("model")),
            None,
            opt_str(body.get("id")),
        )
    if "output" in body:
        return converse_response(body)
    text, reason = _plain_output(body)
    return LLMResponse(None, Message("assistant", (TextPart(text),)), reason, {}, ())


def _plain_output(body: dict[str, Any]) -> tuple[str, str | None]:
    """Text and finish reason of the older provider bodies (Llama, Titan, Mistral, Cohere)."""
    if "generation" in body:
        return as_str(body.get("generation")), opt_str(body.get("stop_reason"))
    for key, text_key, reason_key in (
        ("results", "outputText", "completionReason"),
        ("outputs", "text", "stop_reason"),
        ("generations", "text", "finish_reason"),
    ):
        items = as_list(body.get(key))
        if items:
            first = as_dict(items[0])
            return as_str(first.get(text_key)), opt_str(first.get(reason_key))
    return as_str(body.get("completion", body.get("outputText", ""))), opt_str(body.get("stop_reason"))


# -- streams -----------------------------------------------------------------------


class _ConverseStream:
    def __init__(self) -> None:
        self.events = MessageAssembler()
        self.finish: str | None = None
        self.usage: dict[str, Any] = {}
        self.terminated = False

    def feed(self, kind: str, payload: dict[str, Any], name: str | None, data: str) -> None:
        events = self.events
        if len(payload) == 1 and kind in payload and isinstance(payload[kind], dict):
            payload = payload[kind]  # the SDK's {"contentBlockDelta": {...}} wrapping
        index = payload.get("contentBlockIndex")
        key = index if isinstance(index, int) else None
        if kind == "messageStart":
            events.event("start", name=name, data=data)
        elif kind == "contentBlockStart":
            use = as_dict(as_dict(payload.get("start")).get("toolUse"))
            if use:
                part = events.open(
                    "tool_call", key, call_id=opt_str(use.get("toolUseId")), name=as_str(use.get("name"))
                )
                events.event("tool_call", as_str(use.get("name")), part, name, data)
            else:
                events.event("other", name=name, data=data)
        elif kind == "contentBlockDelta":
            self._delta(as_dict(payload.get("delta")), key, name, data)
        elif kind == "messageStop":
            self.finish = opt_str(payload.get("stopReason"))
            self.terminated = True
            events.event("done", self.finish or "", name=name, data=data)
        elif kind == "metadata":
            self.usage = as_dict(payload.get("usage"))
            events.event("usage", name=name, data=data)
        elif kind == "contentBlockStop":
            events.event("other", part=events.slot(key), name=name, data=data)
        else:
            unknown = UnrecognisedPart(kind or "event", payload)
            events.event("other", "", events.add(unknown), name, data)

    def _delta(self, delta: dict[str, Any], key: int | None, name: str | None, data: str) -> None:
        events = self.events
        if "text" in delta:
            text = as_str(delta.get("text"))
            events.event("text", text, events.append("text", text, key), name, data)
        elif "toolUse" in delta:
            fragment = as_str(as_dict(delta.get("toolUse")).get("input"))
            events.event("tool_args", fragment, events.append("tool_call", fragment, key), name, data)
        elif "reasoningContent" in delta:
            reasoning = as_dict(delta.get("reasoningContent"))
            if "signature" in reasoning:
                signature = as_str(reasoning.get("signature"))
                found = events.slot(key)
                part = events.append("thinking", "", key) if found is None else found
                events.add_signature(part, signature)
                events.event("signature", signature, part, name, data)
            elif "redactedContent" in reasoning:
                part = events.open("thinking", key, redacted=True)
                events.add_signature(part, as_str(reasoning.get("redactedContent")))
                events.event("thinking", "", part, name, data)
            else:
                text = as_str(reasoning.get("text"))
                events.event("thinking", text, events.append("thinking", text, key), name, data)
        elif "citation" in delta:  # cites a span of the text block it belongs to (shown as text)
            events.event("other", part=events.slot(key), name=name, data=data)
        else:
            unknown = UnrecognisedPart(next(iter(delta), "delta"), delta)
            events.event("other", "", events.add(unknown), name, data)


def _exception(frame: EventStreamMessage, status: int | None) -> ApiError:
    message = as_dict(json_or_none(frame.payload_text)).get("message") or frame.payload_text
    return error_from(status, frame.exception_type or frame.event_type, message, PROVIDER)


def _chunk_json(frame: EventStreamMessage) -> tuple[str, Any]:
    """The inner event of an InvokeModel `chunk` frame: its text and JSON."""
    try:
        outer = json.loads(frame.payload_text)
        inner = base64.b64decode(as_str(as_dict(outer).get("bytes")), validate=False)
        text = inner.decode("utf-8", "replace")
        return text, json.loads(text)
    except (ValueError, RecursionError, binascii.Error):
        return frame.payload_text, None


def stream_response(raw: RawInteraction, operation: str) -> tuple[LLMResponse, bool, tuple[Problem, ...]]:
    decoded = decode_eventstream(raw.response_body)
    problems = tuple(
        Problem(raw.index, "error", "eventstream-invalid", f"event-stream body: {message}")
        for message in decoded.errors
    )
    claude = anthropic.StreamResult()
    converse = _ConverseStream()
    error: ApiError | None = None
    uses_anthropic = False
    for frame in decoded.messages:
        name = frame.event_type
        if frame.message_type in ("exception", "error"):
            error = _exception(frame, raw.status if (raw.status or 0) >= 400 else None)
            target = claude.assembler if uses_anthropic else converse.events
            target.event("error", error.message, name=frame.exception_type or name, data=frame.payload_text)
            continue
        if operation == "invoke-with-response-stream" and name == "chunk":
            text, inner = _chunk_json(frame)
            inner = as_dict(inner)
            if "type" in inner:
                uses_anthropic = True
                anthropic.feed_event(claude, as_str(inner.get("type")), text, PROVIDER)
            elif len(inner) == 1:
                kind = next(iter(inner))
                converse.feed(kind, inner, kind, text)
            else:
                converse.events.event("other", name=name, data=text)
            continue
        try:
            payload = json.loads(frame.payload_text) if frame.payload else {}
        except (ValueError, RecursionError):
            payload = None
        if not isinstance(payload, dict):
            converse.events.event("other", name=name, data=frame.payload_text)
            continue
        converse.feed(name or "", payload, name, frame.payload_text)
    if uses_anthropic:
        response = anthropic.stream_response(claude, raw, PROVIDER)
        terminated = claude.terminated
        if error is not None:
            response = replace(response, error=error)
    else:
        response = LLMResponse(
            error, converse.events.message(), converse.finish, converse.usage, tuple(converse.events.events)
        )
        terminated = converse.terminated
    return response, terminated, problems


# -- decode ------------------------------------------------------------------------


def _decode(raw: RawInteraction, dialect: str) -> Exchange:
    model, operation = _operation(raw)
    operation = operation or ""
    body = request_json(raw)
    if dialect == "bedrock-converse":
        request = converse_request(body, model)
    else:
        request = invoke_request(body, model)
    extra: tuple[Problem, ...] = ()
    streamed = operation.endswith("stream") and looks_like_eventstream(
        raw.response_body, raw.response_content_type
    )
    terminated = True
    if streamed:
        response, terminated, extra = stream_response(raw, operation)
    else:
        answer = response_json(raw)
        error = error_of(raw, answer)
        if error is not None:
            response = LLMResponse(error, None, None, {}, ())
        elif dialect == "bedrock-converse":
            response = converse_response(answer)
        else:
            response = invoke_response(answer)
    problems = decode_problems(raw, response, provider=PROVIDER, streamed=streamed, terminated=terminated)
    return Exchange(raw, dialect, streamed, request, response, extra + problems)


def decode_converse(raw: RawInteraction) -> Exchange:
    return _decode(raw, "bedrock-converse")


def decode_invoke(raw: RawInteraction) -> Exchange:
    return _decode(raw, "bedrock-invoke")


DIALECT = Dialect(
    "bedrock-converse", detect_converse, decode_converse, CONVERSE_MODELLED | anthropic.MODELLED
)  # Anthropic-typed blocks inside Converse messages are read as Anthropic's
INVOKE_DIALECT = Dialect(
    "bedrock-invoke", detect_invoke, decode_invoke, CONVERSE_MODELLED | anthropic.MODELLED
)  # InvokeModel carries the model's own body: Anthropic's, or Converse-shaped (Nova)
