"""OpenAI chat completions, and the many APIs that speak it.

OpenRouter, Groq, xAI, Azure, llama.cpp, the Vercel gateway, Z.ai, Mistral,
DeepSeek, Cerebras, the Hugging Face router, Ollama's `/v1` compat, ... all
send `messages` to a `.../chat/completions` URL and answer with `choices`,
either whole or as `chat.completion.chunk` server-sent events ending in
`data: [DONE]`.

Messages (requests, and the shape of response messages) are read by
`openai_messages`; xAI gRPC's `outputs` (server-side tool rounds) by `xai_outputs`.
"""

from __future__ import annotations

import json
from typing import Any

from tui_replay.dialects import Dialect
from tui_replay.dialects.assembly import MessageAssembler, decode_problems
from tui_replay.dialects.inline_thinking import InlineThinking
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, json_or_none
from tui_replay.dialects.openai_messages import (
    MODELLED,
    content_parts,
    decode_request,
    is_server_side,
    message_parts,
    reasoning_details,
    thinking_text,
)
from tui_replay.dialects.parts import role_name, text_of
from tui_replay.dialects.raw_http import openai_error, provider_label, request_json, response_json, url_path
from tui_replay.dialects.response_fields import ResponseFields
from tui_replay.dialects.sse import looks_like_sse, parse_sse
from tui_replay.dialects.xai_outputs import (
    grpc_chunks,
    is_grpc_stream,
    output_parts,
    outputs_of,
    segment_of,
    server_call_failed,
)
from tui_replay.model import (
    ApiError,
    Exchange,
    LLMResponse,
    Message,
    Part,
    RawInteraction,
    TextPart,
    ThinkingPart,
)

__all__ = ["DIALECT", "decode", "decode_request", "detect"]

NAME = "openai-chat"

_OTHER_API_SUFFIXES = (
    "/messages",  # Anthropic
    "/api/chat",  # Ollama native
    "/v2/chat",  # Cohere
    "/converse",
    "/converse-stream",
    "/invoke",
    "/invoke-with-response-stream",
    "/responses",
    "/completions",  # legacy text completions (no messages)
)


def detect(raw: RawInteraction) -> bool:
    path = url_path(raw).rstrip("/")
    if path.endswith("/chat/completions"):
        return True
    if path.endswith(_OTHER_API_SUFFIXES) or ":" in path.rsplit("/", 1)[-1]:
        return False
    body = request_json(raw)
    return isinstance(body, dict) and isinstance(body.get("messages"), list) and "model" in body


# --------------------------------------------------------------------------
# Response
# --------------------------------------------------------------------------


TOP_LEVEL = frozenset(
    {"id", "object", "created", "model", "system_fingerprint", "usage", "choices", "outputs", "provider"}
    | {"service_tier"}  # read into the response's header
    | {"error"}  # read as the response's error
    | {"settings"}  # xAI gRPC echoes the request's settings, shown with the request
    | {"obfuscation"}  # random padding that hides the chunk sizes: meaningless by design
)
"""Top-level response keys the dialect reads or passes over; any other is a response field."""
CHOICE = frozenset({"index", "message", "delta", "finish_reason", "native_finish_reason", "logprobs", "text"})
MESSAGE = frozenset(
    {"role", "content", "reasoning", "reasoning_content", "reasoning_details", "tool_calls", "function_call"}
)
"""Keys of a choice's message or delta that `openai_messages` turns into parts."""
GROQ = frozenset({"id", "usage"})
TOP_LEVEL_AND_GROQ = TOP_LEVEL | {"x_groq"}


def _said(message: Any) -> dict[str, Any]:
    """A message's keys that hold something (`refusal: null` and `annotations: []` say nothing)."""
    return {k: v for k, v in as_dict(message).items() if v not in (None, "", [], {})}


def add_fields(fields: ResponseFields, body: dict[str, Any], *, streamed: bool) -> None:
    """What `body` (a response or a chunk) carries beside what the dialect models."""
    if not TOP_LEVEL_AND_GROQ.issuperset(body):  # the usual chunk holds nothing else: no set made
        fields.add(body, TOP_LEVEL_AND_GROQ)
    if "x_groq" in body:
        fields.add(body["x_groq"], GROQ, "x_groq.")
    for name in ("choices", "outputs"):
        listed = body.get(name)
        if not listed or not isinstance(listed, list):
            continue
        for position, choice in enumerate(listed):
            if not isinstance(choice, dict):
                continue
            known = CHOICE
            if not streamed:
                delta = _said(choice.get("delta"))
                if set(delta) - {"role"} and delta != _said(choice.get("message")):
                    # Perplexity adds a `delta` to whole answers: the message again, or empty
                    known = CHOICE - {"delta"}
            inner = choice.get("delta" if streamed else "message")
            if known.issuperset(choice) and (not isinstance(inner, dict) or MESSAGE.issuperset(inner)):
                continue  # the usual chunk: nothing beside what is modelled
            where = f"{name}[{choice.get('index', position)}]."
            fields.add(choice, known, where)
            fields.add(inner, MESSAGE, where + ("delta." if streamed else "message."))


def _usage(body: dict[str, Any]) -> dict[str, Any] | None:
    usage = body.get("usage")
    if not isinstance(usage, dict):
        usage = as_dict(body.get("x_groq")).get("usage")  # Groq streams put it here
    return dict(usage) if isinstance(usage, dict) else None


def _first_choice(body: dict[str, Any]) -> dict[str, Any] | None:
    for choice in as_list(body.get("choices")):
        if isinstance(choice, dict) and choice.get("index", 0) in (0, None):
            return choice
    return None


def finish_reason(value: Any) -> str | None:
    """The finish reason as sent; xAI gRPC's `REASON_STOP` style becomes `stop`."""
    reason = as_str(value)
    if reason.startswith("REASON_"):
        reason = reason[len("REASON_") :].lower()
        reason = "length" if reason == "max_len" else reason
    return reason or None


def decode_plain(raw: RawInteraction) -> tuple[LLMResponse, bool]:
    body = response_json(raw)
    data = as_dict(body)
    provider = data.get("provider") if isinstance(data.get("provider"), str) else None
    error = openai_error(raw, body, provider)
    choice = _first_choice(data)
    outputs = outputs_of(data) if choice is None else []
    message: Message | None = None
    finish: str | None = None
    if outputs:
        message = Message("assistant", tuple(output_parts(outputs)))
        finish = finish_reason(
            next((o["finish_reason"] for o in reversed(outputs) if o.get("finish_reason")), None)
        )
    elif choice is not None:
        item = as_dict(choice.get("message"))
        if not item and isinstance(choice.get("text"), str):  # legacy completion shape
            item = {"content": choice["text"]}
        message = Message("assistant", tuple(message_parts(item)))
        finish = finish_reason(choice.get("finish_reason"))
    native = as_str(as_dict(choice).get("native_finish_reason")) or None
    response = LLMResponse(
        error=error,
        message=message,
        finish_reason=finish,
        usage=_usage(data) or {},
        chunks=(),
        model=as_str(data.get("model")) or None,
        provider=provider,
        id=as_str(data.get("id")) or None,
        native_finish_reason=native,
        service_tier=as_str(data.get("service_tier")) or None,
    )
    fields = ResponseFields()
    add_fields(fields, data, streamed=False)
    return fields.attach(response), True


class _ChatStream:
    """Assembles `chat.completion.chunk` events into the assistant message."""

    def __init__(self) -> None:
        self.out = MessageAssembler()
        self.thinking: dict[int, int] = {}
        """Output segment (0, or xAI's output `index`) -> its thinking part."""
        self.tool_segments: dict[int, bool] = {}
        """Output segment -> whether the role its deltas last named is a tool's (xAI `ROLE_TOOL`)."""
        self.calls: dict[int, int] = {}
        """Tool-call `index` -> part index."""
        self.call_ids: dict[str, int] = {}
        """Tool-call id -> part index (for calls sent without `index`)."""
        self.part_ids: dict[int, str | None] = {}
        """Tool-call part index -> its id, in the order the calls started."""
        self.part_names: dict[int, str] = {}
        self.arguments: dict[int, str] = {}
        self.finish_reason: str | None = None
        self.native_finish_reason: str | None = None
        self.inline: dict[int, InlineThinking] = {}
        self.usage: dict[str, Any] | None = None
        self.error: ApiError | None = None
        self.done = False
        self.model: str | None = None
        self.provider: str | None = None
        self.service_tier: str | None = None
        self.id: str | None = None
        self.fields = ResponseFields()

    def feed(self, raw: RawInteraction, data: str, name: str | None, parsed: Any = None) -> None:
        """One chunk: its text `data` (`parsed` is that text already parsed, when known)."""
        out = self.out
        if data[:1] != "{" and data.strip() == "[DONE]":
            self.done = True
            out.event("done", name=name, data=data)
            return
        chunk = parsed if parsed is not None else json_or_none(data)
        if not isinstance(chunk, dict):
            out.event("other", name=name, data=data)
            return
        self.id = self.id or (as_str(chunk.get("id")) or None)
        self.model = self.model or (as_str(chunk.get("model")) or None)
        self.service_tier = as_str(chunk.get("service_tier")) or self.service_tier
        if isinstance(chunk.get("provider"), str) and chunk["provider"]:
            self.provider = chunk["provider"]
        add_fields(self.fields, chunk, streamed=True)
        before = len(out.events)
        if chunk.get("error"):
            self.error = openai_error(raw, chunk, self.provider)
            out.event("error", self.error.message if self.error else "", name=name, data=data)
            return
        choice = _first_choice(chunk)
        # xAI gRPC: each output is a round (assistant, server tool result, answer) keyed by `index`
        choices = [(0, choice)] if choice is not None else [(segment_of(o), o) for o in outputs_of(chunk)]
        for segment, item in choices:
            delta = item.get("delta")
            if not isinstance(delta, dict):
                delta = as_dict(item.get("message"))
            self._delta(delta, segment, name, data)
            native = item.get("native_finish_reason")
            if native and isinstance(native, str):
                self.native_finish_reason = native
            reason = item.get("finish_reason")
            if reason:
                self.finish_reason = finish_reason(reason)
                out.event("finish", self.finish_reason or "", name=name, data=data)
        usage = _usage(chunk)
        if usage is not None:
            self.usage = usage
            out.event("usage", name=name, data=data)
        if len(out.events) == before:
            first = choices[0][1] if choices else {}
            started = "role" in as_dict(first.get("delta")) and before == 0
            out.event("start" if started else "other", name=name, data=data)

    def _delta(self, delta: dict[str, Any], segment: int, name: str | None, data: str) -> None:
        out = self.out
        role = delta.get("role")
        if role:
            self.tool_segments[segment] = role_name(role) == "tool"
        if self.tool_segments.get(segment, False):
            self._server_result(delta, segment, name, data)
            return
        if "reasoning" in delta or "reasoning_content" in delta or "reasoning_details" in delta:
            thought = thinking_text(delta)
            signature, encrypted = reasoning_details(delta)
        else:  # most deltas: text or tool calls only
            thought, signature, encrypted = "", "", False
        if thought or signature or encrypted:
            thinking = self.thinking.get(segment)
            if thinking is None:
                thinking = out.open("thinking", ("thinking", segment), redacted=encrypted and not thought)
                self.thinking[segment] = thinking
            if thought:
                out.append("thinking", thought, ("thinking", segment))
                out.event("thinking", thought, thinking, name, data)
            if signature:
                out.add_signature(thinking, signature)
                out.event("signature", signature, thinking, name, data)
            if encrypted and not thought and not signature:
                out.event("thinking", "", thinking, name, data)
        content = delta.get("content")
        if isinstance(content, list):  # Mistral and some gateways stream content parts
            for part in content_parts(content):
                self._content_part(part, segment, name, data)
        elif isinstance(content, str) and content:
            splitter = self.inline.setdefault(segment, InlineThinking())
            for kind, piece in splitter.feed(content):
                self._piece(kind, piece, segment, name, data)
        calls = delta.get("tool_calls")
        if isinstance(calls, dict):
            calls = [calls]
        for call in as_list(calls):
            if isinstance(call, dict):
                self._tool_call(call, name, data)
        legacy = delta.get("function_call")
        if isinstance(legacy, dict):
            self._tool_call({"index": 0, "function": legacy}, name, data)

    def _piece(self, kind: str, text: str, segment: int, name: str | None, data: str) -> None:
        """Text or thinking (inline `<think>`, a thinking chunk) added to its part."""
        key = (kind, segment)
        if kind == "thinking" and segment in self.thinking:
            key = ("thinking", segment)
        index = self.out.append(kind, text, key)
        if kind == "thinking":
            self.thinking.setdefault(segment, index)
        self.out.event("thinking" if kind == "thinking" else "text", text, index, name, data)

    def _content_part(self, part: Part, segment: int, name: str | None, data: str) -> None:
        if isinstance(part, TextPart):
            if part.text:
                self._piece("text", part.text, segment, name, data)
        elif isinstance(part, ThinkingPart):
            self._piece("thinking", part.text, segment, name, data)
        else:
            self.out.event("other", "", self.out.add(part), name, data)

    def finish(self, name: str | None = None) -> None:
        """Text held back in case it was the start of a `<think>` tag, once the stream ended."""
        for segment, splitter in self.inline.items():
            for kind, piece in splitter.flush():
                self._piece(kind, piece, segment, name, "")

    def _tool_call(self, call: dict[str, Any], name: str | None, data: str) -> None:
        """Join argument fragments by `index`; ids and names may be resent or missing."""
        out = self.out
        function = as_dict(call.get("function"))
        call_id = as_str(call.get("id")) or None
        call_name = as_str(function.get("name"))
        index = call.get("index")
        part: int | None = None
        if isinstance(index, int) and not isinstance(index, bool):
            part = self.calls.get(index)
            known = self.part_ids.get(part) if part is not None else None
            if part is not None and call_id and known and known != call_id:
                part = None  # a new call reusing the index (Gemini-style): start another part
        elif call_id is not None and call_id in self.call_ids:
            part = self.call_ids[call_id]
        elif call_id is None and self.part_ids:
            part = max(self.part_ids)  # no index, no id: continues the latest call
        if part is None:
            last = out.last_index()
            next_part = 0 if last is None else last + 1
            server = is_server_side(call.get("type"))  # xAI's streamed provider-run calls
            part = out.open("tool_call", ("tool", next_part), call_id=call_id, name=call_name, server=server)
            self.part_ids[part] = call_id
            self.part_names[part] = call_name
            if isinstance(index, int) and not isinstance(index, bool):
                self.calls[index] = part
            out.event("tool_call", call_name, part, name, data)
        else:
            if call_id and not self.part_ids.get(part):
                self.part_ids[part] = call_id
                out.set_tool(part, call_id=call_id)
            if call_name and not self.part_names.get(part):
                self.part_names[part] = call_name
                out.set_tool(part, name=call_name)
        if call_id:
            self.call_ids[call_id] = part
        arguments = function.get("arguments")
        if isinstance(arguments, (dict, list)):
            arguments = json.dumps(arguments, ensure_ascii=False)
        if isinstance(arguments, str) and arguments:
            so_far = self.arguments.get(part, "")
            if so_far and _is_json(so_far) and _is_json(arguments):
                out.event("other", arguments, part, name, data)  # the whole call resent (xAI)
                return
            self.arguments[part] = so_far + arguments
            out.append("tool_call", arguments, ("tool", part))
            out.event("tool_args", arguments, part, name, data)

    def _server_result(self, delta: dict[str, Any], segment: int, name: str | None, data: str) -> None:
        """A streamed xAI `ROLE_TOOL` output: the result of the provider-run call it repeats."""
        out = self.out
        key = ("result", segment)
        part = out.slot(key)
        calls = [c for c in as_list(delta.get("tool_calls")) if isinstance(c, dict)]
        if part is None:
            for call in calls:
                call_id = as_str(call.get("id")) or None
                if call_id and call_id not in self.call_ids:  # a call no output made: add it first
                    self._tool_call({k: v for k, v in call.items() if k != "index"}, name, data)
            first = calls[0] if calls else {}
            call_name = as_str(as_dict(first.get("function")).get("name"))
            part = out.open("tool_result", key, call_id=as_str(first.get("id")) or None, name=call_name)
        if server_call_failed(calls):
            out.set_failed(part)
        content = delta.get("content")
        if isinstance(content, list):
            content = text_of(content_parts(content))
        text = content if isinstance(content, str) else ""
        if text:
            out.append("tool_result", text, key)
        out.event("other", text, part, name, data)


def _is_json(text: str) -> bool:
    return text.lstrip().startswith(("{", "[")) and json_or_none(text) is not None


def decode_stream(raw: RawInteraction) -> tuple[LLMResponse, bool]:
    stream = _ChatStream()
    if is_grpc_stream(raw):
        for line, chunk in grpc_chunks(raw.response_body):
            stream.feed(raw, line, None, chunk)
    else:
        for event in parse_sse(raw.response_body):
            stream.feed(raw, event.data, event.event)
    stream.finish()
    error = stream.error
    if error is None and raw.status is not None and raw.status >= 400:
        error = openai_error(raw, None, stream.provider)
    response = LLMResponse(
        error=error,
        message=stream.out.message(),
        finish_reason=stream.finish_reason,
        usage=stream.usage or {},
        chunks=tuple(stream.out.events),
        model=stream.model,
        provider=stream.provider,
        id=stream.id,
        native_finish_reason=stream.native_finish_reason,
        service_tier=stream.service_tier,
    )
    response = stream.fields.attach(response)
    terminated = stream.done or stream.finish_reason is not None or stream.error is not None
    return response, terminated


def decode(raw: RawInteraction) -> Exchange:
    request = decode_request(request_json(raw))
    streamed = looks_like_sse(raw.response_body, raw.response_content_type) or is_grpc_stream(raw)
    response, terminated = decode_stream(raw) if streamed else decode_plain(raw)
    label = provider_label(raw, response.error.provider if response.error else response.provider)
    problems = decode_problems(raw, response, provider=label, streamed=streamed, terminated=terminated)
    return Exchange(raw, NAME, streamed, request, response, problems)


DIALECT = Dialect(NAME, detect, decode, MODELLED)
