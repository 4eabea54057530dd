"""OpenAI chat completions, and the many APIs that speak it.

OpenRouter, Groq, xAI, Azure, llama.cpp, the Vercel gateway, Z.ai, Mistral,
DeepSeek, Cerebras, the Hugging Face router, Ollama's `/v1` compat, ... all
send `messages` to a `.../chat/completions` URL and answer with `choices`,
either whole or as `chat.completion.chunk` server-sent events ending in
`data: [DONE]`.

Reasoning comes in three spellings: `reasoning` (OpenRouter, Cerebras),
`reasoning_content` (DeepSeek, xAI, Z.ai, llama.cpp) and OpenRouter's
`reasoning_details` list (text, summary, encrypted data, signatures). The
first present string wins for the text; details add signatures and mark
encrypted-only reasoning as redacted.

xAI's gRPC API (recorded by pydantic-ai) answers with `outputs` instead of
`choices`: with server-side tools, the assistant's call, a `ROLE_TOOL` output
holding the provider-run tool's result (repeating the call), then the answer.
They make one assistant turn in which the result is a `ToolResultPart` right
after its call, as Anthropic's `web_search_tool_result` is.
"""

from __future__ import annotations

import json
from typing import Any

from tui_replay.dialects import Dialect
from tui_replay.dialects.assembly import (
    as_dict,
    as_list,
    as_str,
    base64_size,
    decode_problems,
    params_without,
)
from tui_replay.dialects.common import (
    StreamParts,
    image_from_url,
    json_or_none,
    openai_error,
    request_json,
    response_json,
    role_name,
    tool_call,
    url_path,
)
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
    ToolCallPart,
    ToolDefinition,
    ToolResultPart,
)

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
# Request
# --------------------------------------------------------------------------


def decode_request(body: Any) -> LLMRequest:
    body = as_dict(body)
    messages: list[Message] = []
    for item in as_list(body.get("messages")):
        message = decode_message(item)
        if message is not None:
            messages.append(message)
    tools: list[ToolDefinition] = []
    for tool in as_list(body.get("tools")) + as_list(body.get("functions")):
        definition = _tool_definition(tool)
        if definition is not None:
            tools.append(definition)
    model = body.get("model")
    return LLMRequest(
        model=as_str(model) or None,
        messages=tuple(messages),
        tools=tuple(tools),
        params=params_without(body, "model", "messages", "tools", "functions"),
    )


def _tool_definition(tool: Any) -> ToolDefinition | None:
    if not isinstance(tool, dict):
        return None
    function: dict[str, Any] = as_dict(tool.get("function")) or tool
    name = as_str(function.get("name")) or as_str(tool.get("type"))
    if not name:
        return None
    parameters = function.get("parameters")
    if isinstance(parameters, str):  # xAI gRPC sends the schema as JSON text
        parameters = json_or_none(parameters) or parameters
    builtin = function is tool and "parameters" not in tool and "name" not in tool
    description = "built-in" if builtin else as_str(function.get("description"))
    return ToolDefinition(name, description, parameters)


def decode_message(item: Any) -> Message | None:
    """One request message; items that are not objects are skipped."""
    if not isinstance(item, dict):
        return None
    role = role_name(item.get("role"))
    name = item.get("name") if isinstance(item.get("name"), str) else None
    if role == "tool":
        tool_call_id = item.get("tool_call_id")
        content = _tool_content(item.get("content"))
        return Message(
            "tool",
            (ToolResultPart(as_str(tool_call_id) or None, "" if content is None else content, name=name),),
            name,
        )
    return Message(role, tuple(message_parts(item)), name)


def _tool_content(content: Any) -> Any:
    """Tool results as text when they are only text parts, else the structure as sent."""
    if (
        isinstance(content, list)
        and content
        and all(isinstance(c, dict) and set(c) <= {"type", "text"} for c in content)
    ):
        return "".join(as_str(c.get("text")) for c in content)
    return content


def message_parts(message: dict[str, Any]) -> list[Part]:
    """Thinking, content and tool calls of a request or response message, in that order."""
    parts: list[Part] = []
    thinking = thinking_part(message)
    if thinking is not None:
        parts.append(thinking)
    parts.extend(content_parts(message.get("content")))
    parts.extend(tool_call_parts(message.get("tool_calls")))
    legacy = message.get("function_call")
    if isinstance(legacy, dict) and legacy.get("name"):
        parts.append(tool_call(None, as_str(legacy.get("name")), legacy.get("arguments", "")))
    return parts


def content_parts(content: Any) -> list[Part]:
    if content is None:
        return []
    if isinstance(content, str):
        return [TextPart(content)] if content else []
    if not isinstance(content, list):
        return [TextPart(as_str(content))]
    parts: list[Part] = []
    for item in content:
        if isinstance(item, str):
            parts.append(TextPart(item))
            continue
        if not isinstance(item, dict):
            continue
        kind = item.get("type")
        if kind == "text" or (kind is None and "text" in item):
            parts.append(TextPart(as_str(item.get("text"))))
        elif kind == "image_url" or (kind is None and "image_url" in item):
            image = item.get("image_url")
            url = image.get("url") if isinstance(image, dict) else image
            parts.append(image_from_url(url))
        elif kind == "input_audio":
            audio = as_dict(item.get("input_audio"))
            audio_format = as_str(audio.get("format")) or "*"
            parts.append(ImagePart(f"audio/{audio_format}", base64_size(audio.get("data"))))
        elif kind == "file" or (kind is None and "file" in item):
            file = as_dict(item.get("file"))
            data = file.get("file_data")
            if isinstance(data, str) and data.startswith("data:"):
                parts.append(image_from_url(data, "application/octet-stream"))
            else:
                media = "application/octet-stream"
                parts.append(ImagePart(media, base64_size(data), as_str(file.get("file_id")) or None))
        elif kind == "refusal":
            parts.append(TextPart(as_str(item.get("refusal"))))
        else:
            parts.append(TextPart(f"[{as_str(kind) or 'unknown'} content]"))
    return parts


def tool_call_parts(value: Any) -> list[ToolCallPart]:
    parts: list[ToolCallPart] = []
    for call in as_list(value):
        if not isinstance(call, dict):
            continue
        function = as_dict(call.get("function"))
        arguments = function.get("arguments", "")
        parts.append(tool_call(as_str(call.get("id")) or None, as_str(function.get("name")), arguments))
    return parts


def thinking_text(message: dict[str, Any]) -> str:
    """Reasoning text from `reasoning`, `reasoning_content`, or the `reasoning_details` list."""
    for key in ("reasoning", "reasoning_content"):
        value = message.get(key)
        if isinstance(value, str) and value:
            return value
    pieces: list[str] = []
    for detail in as_list(message.get("reasoning_details")):
        detail = as_dict(detail)
        for key in ("text", "summary"):
            value = detail.get(key)
            if isinstance(value, str):
                pieces.append(value)
    return "".join(pieces)


def _details(message: dict[str, Any]) -> tuple[str, bool]:
    """Signature text and whether encrypted reasoning data is present."""
    signature = ""
    encrypted = False
    for detail in as_list(message.get("reasoning_details")):
        detail = as_dict(detail)
        if isinstance(detail.get("signature"), str):
            signature += detail["signature"]
        if detail.get("type") == "reasoning.encrypted" or isinstance(detail.get("data"), str):
            encrypted = True
    return signature, encrypted


def thinking_part(message: dict[str, Any]) -> ThinkingPart | None:
    text = thinking_text(message)
    signature, encrypted = _details(message)
    if not text and not encrypted:
        return None
    return ThinkingPart(text, signature or None, redacted=encrypted and not text)


# --------------------------------------------------------------------------
# Response
# --------------------------------------------------------------------------


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


def _outputs(body: dict[str, Any]) -> list[dict[str, Any]]:
    """xAI gRPC's `outputs` (when the body has no `choices`)."""
    return [o for o in as_list(body.get("outputs")) if isinstance(o, dict)]


def _output_message(output: dict[str, Any]) -> dict[str, Any]:
    return as_dict(output.get("message")) or as_dict(output.get("delta"))


def _is_tool_output(message: dict[str, Any]) -> bool:
    return role_name(message.get("role")) == "tool"


def _server_call_failed(calls: Any) -> bool:
    return any(as_str(as_dict(c).get("status")) == "TOOL_CALL_STATUS_FAILED" for c in as_list(calls))


def _server_result(message: dict[str, Any], calls: list[ToolCallPart]) -> ToolResultPart:
    """An xAI `ROLE_TOOL` output: a provider-run tool's result, for the (first) call it repeats.

    Represented like Anthropic's `web_search_tool_result`: a result inside the assistant turn.
    """
    first = calls[0] if calls else None
    content = message.get("content")
    if content is None:
        content = ""  # the result is only in `encrypted_content`
    elif isinstance(content, (list, dict)):
        content = _tool_content(content)
    elif not isinstance(content, str):
        content = as_str(content)
    failed = _server_call_failed(message.get("tool_calls"))
    return ToolResultPart(
        first.id if first else None, content, failed, (first.name or None) if first else None
    )


def output_parts(outputs: list[dict[str, Any]]) -> list[Part]:
    """xAI gRPC answers with several `outputs`: server-side tool rounds, then the answer.

    One assistant turn, in order: each assistant output's thinking, text and calls, and each
    `ROLE_TOOL` output as the result of the call it repeats (the repeat is not a new call;
    a result for a call no output made adds that call first).
    """
    parts: list[Part] = []
    made: set[str] = set()
    for output in outputs:
        message = _output_message(output)
        if _is_tool_output(message):
            calls = tool_call_parts(message.get("tool_calls"))
            for call in calls:
                if call.id and call.id not in made:
                    made.add(call.id)
                    parts.append(call)
            parts.append(_server_result(message, calls))
            continue
        for part in message_parts(message):
            if isinstance(part, ToolCallPart) and part.id:
                if part.id in made:
                    continue
                made.add(part.id)
            parts.append(part)
    return parts


def finish_reason(value: Any) -> str | None:
    """The finish reason as sent; xAI gRPC's `REASON_STOP` style becomes `stop`."""
    reason = as_str(value)
    if reason.startswith("REASON_"):
        reason = reason[len("REASON_") :].lower()
        reason = "length" if reason == "max_len" else reason
    return reason or None


def _provider_label(raw: RawInteraction, provider: str | None) -> str:
    if provider:
        return provider
    from urllib.parse import urlsplit

    try:
        return urlsplit(raw.url).hostname or "the API"
    except ValueError:
        return "the API"


def decode_plain(raw: RawInteraction) -> tuple[LLMResponse, bool]:
    body = response_json(raw)
    data = as_dict(body)
    provider = data.get("provider") if isinstance(data.get("provider"), str) else None
    error = openai_error(raw, body, provider)
    choice = _first_choice(data)
    outputs = _outputs(data) if choice is None else []
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
    response = LLMResponse(
        error=error,
        message=message,
        finish_reason=finish,
        usage=_usage(data) or {},
        chunks=(),
        model=as_str(data.get("model")) or None,
        provider=provider,
        id=as_str(data.get("id")) or None,
    )
    return response, True


class _ChatStream:
    """Assembles `chat.completion.chunk` events into the assistant message."""

    def __init__(self) -> None:
        self.out = StreamParts()
        self.thinking: dict[int, int] = {}
        """Output segment (0, or xAI's output `index`) -> its thinking part."""
        self.roles: dict[int, Any] = {}
        """Output segment -> the role its deltas last named."""
        self.calls: dict[int, int] = {}
        """Tool-call `index` -> part index."""
        self.call_ids: dict[str, int] = {}
        """Tool-call id -> part index (for calls sent without `index`)."""
        self.part_ids: dict[int, str | None] = {}
        """Tool-call part index -> its id, in the order the calls started."""
        self.part_names: dict[int, str] = {}
        self.arguments: dict[int, str] = {}
        self.finish: str | None = None
        self.usage: dict[str, Any] | None = None
        self.error: ApiError | None = None
        self.done = False
        self.model: str | None = None
        self.provider: str | None = None
        self.id: str | None = None

    def feed(self, raw: RawInteraction, data: str, name: str | None) -> None:
        out = self.out
        if data.strip() == "[DONE]":
            self.done = True
            out.event("done", name=name, data=data)
            return
        chunk = json_or_none(data)
        if not isinstance(chunk, dict):
            out.event("other", name=name, data=data)
            return
        self.id = self.id or (as_str(chunk.get("id")) or None)
        self.model = self.model or (as_str(chunk.get("model")) or None)
        if isinstance(chunk.get("provider"), str) and chunk["provider"]:
            self.provider = chunk["provider"]
        before = len(out.events)
        if chunk.get("error"):
            self.error = openai_error(raw, chunk, self.provider)
            out.event("error", self.error.message if self.error else "", name=name, data=data)
            return
        choice = _first_choice(chunk)
        # xAI gRPC: each output is a round (assistant, server tool result, answer) keyed by `index`
        choices = [(0, choice)] if choice is not None else [(_segment(o), o) for o in _outputs(chunk)]
        for segment, item in choices:
            delta = item.get("delta")
            if not isinstance(delta, dict):
                delta = as_dict(item.get("message"))
            self._delta(delta, segment, name, data)
            reason = item.get("finish_reason")
            if reason:
                self.finish = finish_reason(reason)
                out.event("finish", self.finish or "", name=name, data=data)
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
            self.roles[segment] = role
        if role_name(self.roles.get(segment, "assistant")) == "tool":
            self._server_result(delta, segment, name, data)
            return
        thought = thinking_text(delta)
        signature, encrypted = _details(delta)
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
        if isinstance(content, list):  # some gateways stream content parts
            content = "".join(p.text for p in content_parts(content) if isinstance(p, TextPart))
        if isinstance(content, str) and content:
            text = out.append("text", content, ("text", segment))
            out.event("text", content, text, name, data)
        calls = delta.get("tool_calls")
        if isinstance(calls, dict):
            calls = [calls]
        for call in as_list(calls):
            if isinstance(call, dict):
                self._tool_call(call, name, data)
        legacy = delta.get("function_call")
        if isinstance(legacy, dict):
            self._tool_call({"index": 0, "function": legacy}, name, data)

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
            part = out.open("tool_call", ("tool", next_part), call_id=call_id, name=call_name)
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
        if _server_call_failed(calls):
            out.set_failed(part)
        content = delta.get("content")
        if isinstance(content, list):
            content = "".join(p.text for p in content_parts(content) if isinstance(p, TextPart))
        text = content if isinstance(content, str) else ""
        if text:
            out.append("tool_result", text, key)
        out.event("other", text, part, name, data)


def _segment(output: dict[str, Any]) -> int:
    index = output.get("index")
    return index if isinstance(index, int) and not isinstance(index, bool) else 0


def _grpc_chunks(body: bytes) -> list[str]:
    """xAI gRPC streams as recorded: one `{"chunk": {...}}` JSON object per line."""
    lines: list[str] = []
    for line in body.decode("utf-8", "replace").splitlines():
        item = json_or_none(line)
        if isinstance(item, dict) and isinstance(item.get("chunk"), dict):
            lines.append(json.dumps(item["chunk"], ensure_ascii=False))
        elif line.strip():
            lines.append(line)
    return lines


def _is_grpc_stream(raw: RawInteraction) -> bool:
    return raw.extra.get("grpc") == "stream" or raw.response_body.lstrip().startswith(b'{"chunk"')


def _is_json(text: str) -> bool:
    return text.lstrip().startswith(("{", "[")) and json_or_none(text) is not None


def decode_stream(raw: RawInteraction) -> tuple[LLMResponse, bool]:
    stream = _ChatStream()
    if _is_grpc_stream(raw):
        for line in _grpc_chunks(raw.response_body):
            stream.feed(raw, line, None)
    else:
        for event in parse_sse(raw.response_body):
            stream.feed(raw, event.data, event.event)
    error = stream.error
    if error is None and raw.status is not None and raw.status >= 400:
        error = openai_error(raw, None, stream.provider)
    response = LLMResponse(
        error=error,
        message=stream.out.message(),
        finish_reason=stream.finish,
        usage=stream.usage or {},
        chunks=tuple(stream.out.events),
        model=stream.model,
        provider=stream.provider,
        id=stream.id,
    )
    terminated = stream.done or stream.finish is not None or stream.error is not None
    return response, terminated


def decode(raw: RawInteraction) -> Exchange:
    request = decode_request(request_json(raw))
    streamed = looks_like_sse(raw.response_body, raw.response_content_type) or _is_grpc_stream(raw)
    response, terminated = decode_stream(raw) if streamed else decode_plain(raw)
    label = _provider_label(raw, response.error.provider if response.error else response.provider)
    problems = decode_problems(raw, response, provider=label, streamed=streamed, terminated=terminated)
    return Exchange(raw, NAME, streamed, request, response, problems)


DIALECT = Dialect(NAME, detect, decode)
