"""Google Gemini / Vertex AI (`:generateContent`, `:streamGenerateContent`).

Mapping choices:
- `model` role is `assistant`; a `user` content made only of `functionResponse`
  parts is a `tool` message (each result names its function; Gemini has no call
  ids unless the client sent one, so `tool_call_id` is usually None).
- `thought: true` text is thinking (its `thoughtSignature` as signature); a
  signature on any other part is not shown.
- `executableCode` / `codeExecutionResult` (the built-in code tool) show as a
  `code_execution` tool call and its result.
- `inlineData` / `fileData` are image placeholders (media type and size / URI).
- Built-in tools (`googleSearch`, `codeExecution`, `urlContext`, ...) are tool
  definitions named after their key, with parameters None.
- Streamed: each chunk's parts are events, consecutive text (or thought) deltas
  join one part; the terminal event is the chunk carrying `finishReason`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import unquote

from tui_replay.dialects import Dialect
from tui_replay.dialects.assembly import MessageAssembler, decode_problems
from tui_replay.dialects.json_shapes import (
    Shape,
    as_dict,
    as_list,
    as_str,
    compact,
    json_or_none,
    opt_str,
    params_without,
)
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

_METHOD = re.compile(r"/models/([^/:]+):(generateContent|streamGenerateContent)$")


def detect(raw: RawInteraction) -> bool:
    path = url_path(raw)
    return bool(_METHOD.search(path)) and "/publishers/anthropic/" not in path


def _model(raw: RawInteraction) -> str | None:
    match = _METHOD.search(url_path(raw))
    return unquote(match.group(1)) if match else None


# -- parts -----------------------------------------------------------------------


def part_of(item: Any) -> Part | None:
    """One Gemini part; None for parts with nothing to show (a bare signature); a kind of
    part this module does not know is an `UnrecognisedPart` named after its key."""
    item = as_dict(item)
    if "functionCall" in item:
        call = as_dict(item.get("functionCall"))
        args = call.get("args")
        return tool_call(opt_str(call.get("id")), as_str(call.get("name")), {} if args is None else args)
    if "functionResponse" in item:
        result = as_dict(item.get("functionResponse"))
        return ToolResultPart(
            opt_str(result.get("id")), result.get("response"), False, opt_str(result.get("name"))
        )
    if "text" in item:
        text = as_str(item.get("text"))
        if item.get("thought"):
            return ThinkingPart(text, opt_str(item.get("thoughtSignature")))
        return TextPart(text)
    inline = item.get("inlineData", item.get("inline_data"))  # REST accepts both spellings
    if inline is not None:
        data = as_dict(inline)
        media_type = as_str(data.get("mimeType", data.get("mime_type")))
        return ImagePart(media_type or "application/octet-stream", base64_size(data.get("data")))
    file_data = item.get("fileData", item.get("file_data"))
    if file_data is not None:
        data = as_dict(file_data)
        media_type = as_str(data.get("mimeType", data.get("mime_type"))) or "application/octet-stream"
        return ImagePart(media_type, 0, opt_str(data.get("fileUri", data.get("file_uri"))))
    if "executableCode" in item:
        code = as_dict(item.get("executableCode"))
        arguments = {k: v for k, v in code.items() if k != "id"}
        return replace(tool_call(opt_str(code.get("id")), "code_execution", arguments), server=True)
    if "toolCall" in item:  # a built-in tool the server ran (Gemini 3: Google Search, URL context)
        call = as_dict(item.get("toolCall"))
        name = as_str(call.get("toolType")) or "built-in tool"
        return replace(tool_call(opt_str(call.get("id")), name, call.get("args") or {}), server=True)
    if "toolResponse" in item:
        result = as_dict(item.get("toolResponse"))
        return ToolResultPart(
            opt_str(result.get("id")), result.get("response"), False, opt_str(result.get("toolType"))
        )
    if "codeExecutionResult" in item:
        result = as_dict(item.get("codeExecutionResult"))
        failed = as_str(result.get("outcome")) not in ("", "OUTCOME_OK")
        return ToolResultPart(opt_str(result.get("id")), result.get("output"), failed, "code_execution")
    shown = [key for key in item if key not in _PART_METADATA]
    if not shown:
        return None
    return UnrecognisedPart(shown[0], item)


_PART_METADATA = frozenset(
    {"thoughtSignature", "thought", "partMetadata", "videoMetadata", "mediaResolution"}
)
"""Part keys that only qualify the part's content: a part made of nothing else shows nothing."""


def content_message(content: Any, default_role: str = "user") -> Message:
    content = as_dict(content)
    role = as_str(content.get("role")) or default_role
    role = "assistant" if role == "model" else role
    parts = tuple(p for p in (part_of(i) for i in as_list(content.get("parts"))) if p is not None)
    return Message(results_role(role, parts), parts)


def tools_of(specs: Any) -> tuple[ToolDefinition, ...]:
    out: list[ToolDefinition] = []
    for spec in as_list(specs):
        spec = as_dict(spec)
        for key, value in spec.items():
            if key == "functionDeclarations":
                for declaration in as_list(value):
                    declaration = as_dict(declaration)
                    schema = declaration.get("parameters", declaration.get("parametersJsonSchema"))
                    out.append(
                        ToolDefinition(
                            as_str(declaration.get("name")), as_str(declaration.get("description")), schema
                        )
                    )
            else:
                out.append(ToolDefinition(key, "built-in tool", None))
    return tuple(out)


def decode_request(body: Any, model: str | None) -> LLMRequest:
    body = as_dict(body)
    messages: list[Message] = []
    system = body.get("systemInstruction", body.get("system_instruction"))
    if system:
        if isinstance(system, str):
            messages.append(Message("system", (TextPart(system),)))
        else:
            messages.append(Message("system", content_message(system).parts))
    for content in as_list(body.get("contents")):
        messages.append(content_message(content))
    # Only one spelling of the system instruction is read, and the body's model only when the
    # URL names none or the same one: the other stays among the parameters.
    system_key = "systemInstruction" if "systemInstruction" in body else "system_instruction"
    read: dict[str, Shape] = {"contents": list, system_key: (str, dict), "tools": list}
    if not model or body.get("model") in (model, f"models/{model}"):
        read["model"] = str
    return LLMRequest(
        model=model or opt_str(body.get("model")),
        messages=tuple(messages),
        tools=tools_of(body.get("tools")),
        params=params_without(body, read),
    )


# -- responses -------------------------------------------------------------------


def error_of(body: Any, status: int | None) -> ApiError | None:
    """`{"error": {"code", "message", "status"}}` (also as the first item of a JSON array)."""
    if isinstance(body, list) and body:
        body = body[0]
    error = as_dict(body).get("error")
    if error is None:
        return None
    if not isinstance(error, dict):
        return error_from(status, None, error, "google")
    code = error.get("code")
    return error_from(
        code if isinstance(code, int) else status, error.get("status"), error.get("message"), "google"
    )


def _candidate(chunk: dict[str, Any]) -> dict[str, Any]:
    candidates = as_list(chunk.get("candidates"))
    return as_dict(candidates[0]) if candidates else {}


def _finish(chunk: dict[str, Any]) -> str | None:
    reason = _candidate(chunk).get("finishReason")
    if reason is None:
        reason = as_dict(chunk.get("promptFeedback")).get("blockReason")
    return opt_str(reason)


TOP_LEVEL = frozenset({"candidates", "usageMetadata", "modelVersion", "responseId", "createTime", "error"})
"""Keys of a response (or a streamed chunk) the dialect reads; any other is a response field."""
CANDIDATE = frozenset({"content", "finishReason", "index", "avgLogprobs", "logprobsResult"})
"""Keys of a candidate the dialect reads (log probabilities, as for OpenAI, are left to the raw view)."""


def _add_fields(fields: ResponseFields, chunk: dict[str, Any]) -> None:
    """What `chunk` carries beside the answer: grounding and citation metadata, safety
    ratings, `finishMessage`, prompt feedback beyond its block reason."""
    fields.add(chunk, TOP_LEVEL | {"promptFeedback"})
    fields.add(chunk.get("promptFeedback"), frozenset({"blockReason"}), "promptFeedback.")
    for position, candidate in enumerate(as_list(chunk.get("candidates"))):
        if isinstance(candidate, dict):
            fields.add(candidate, CANDIDATE, f"candidates[{candidate.get('index', position)}].")


def _stream_chunks(raw: RawInteraction) -> list[tuple[str, Any]] | None:
    """(raw text, parsed JSON) per streamed chunk, or None when the body is not a stream."""
    if looks_like_sse(raw.response_body, raw.response_content_type):
        return [(event.data, json_or_none(event.data)) for event in parse_sse(raw.response_body)]
    if ":streamGenerateContent" in url_path(raw):
        body = response_json(raw)
        if isinstance(body, list):
            return [(compact(item), item) for item in body]
    return None


def _assemble(chunks: list[tuple[str, Any]], raw: RawInteraction) -> tuple[LLMResponse, bool]:
    events = MessageAssembler()
    finish: str | None = None
    usage: dict[str, Any] = {}
    error: ApiError | None = None
    model = response_id = None
    terminated = False
    fields = ResponseFields()
    for data, parsed in chunks:
        chunk = as_dict(parsed)
        if parsed is None or not chunk:
            events.event("other", data=data)
            continue
        _add_fields(fields, chunk)
        chunk_error = error_of(chunk, None)
        if chunk_error is not None:
            error = chunk_error
            events.event("error", chunk_error.message, data=data)
            continue
        model = opt_str(chunk.get("modelVersion")) or model
        response_id = opt_str(chunk.get("responseId")) or response_id
        if "usageMetadata" in chunk:
            usage = as_dict(chunk.get("usageMetadata"))
        content = as_dict(_candidate(chunk).get("content"))
        seen = False
        for item in as_list(content.get("parts")):
            part = part_of(item)
            if isinstance(part, ThinkingPart):
                index = events.append("thinking", part.text)
                if part.signature:
                    events.add_signature(index, part.signature)
                events.event("thinking", part.text, index, data=data)
            elif isinstance(part, TextPart) and not part.text:
                events.event("text", "", None, data=data)
            elif isinstance(part, TextPart):
                events.event("text", part.text, events.append("text", part.text), data=data)
            elif part is not None and part.type == "tool_call":
                events.event("tool_call", part.name, events.add(part), data=data)
            elif part is not None:
                events.event("other", "", events.add(part), data=data)
            else:
                continue
            seen = True
        reason = _finish(chunk)
        if reason is not None:
            finish = reason
            terminated = True
            events.event("done", reason, data=data)
        elif not seen:
            events.event("usage" if "usageMetadata" in chunk else "other", data=data)
    error = with_failed_status(error, raw)
    response = LLMResponse(
        error, events.message(), finish, usage, tuple(events.events), model, None, response_id
    )
    return fields.attach(response), terminated


def decode_response(raw: RawInteraction) -> tuple[LLMResponse, bool, bool]:
    chunks = _stream_chunks(raw)
    if chunks is not None and (raw.status or 0) < 400:
        response, terminated = _assemble(chunks, raw)
        return response, True, terminated
    body = response_json(raw)
    error = error_of(body, raw.status)
    if error is None and (raw.status or 0) >= 400:
        error = status_error(raw, provider="google")
    if isinstance(body, list):  # a streamed answer recorded as one JSON array
        response, _ = _assemble([(compact(i), i) for i in body], raw)
        return response, False, True
    chunk = as_dict(body)
    message = None
    if error is None and ("candidates" in chunk or "promptFeedback" in chunk):
        message = content_message(_candidate(chunk).get("content"), "model")
        message = Message("assistant", message.parts)
    response = LLMResponse(
        error=error,
        message=message,
        finish_reason=_finish(chunk),
        usage=as_dict(chunk.get("usageMetadata")),
        chunks=(),
        model=opt_str(chunk.get("modelVersion")),
        id=opt_str(chunk.get("responseId")),
    )
    fields = ResponseFields()
    _add_fields(fields, chunk)
    return fields.attach(response), False, True


def decode(raw: RawInteraction) -> Exchange:
    request = decode_request(request_json(raw), _model(raw))
    response, streamed, terminated = decode_response(raw)
    provider = "vertex" if "aiplatform.googleapis.com" in raw.url else "google"
    if response.error is not None and response.error.provider != provider:
        response = replace(response, error=replace(response.error, provider=provider))
    problems = decode_problems(raw, response, provider=provider, streamed=streamed, terminated=terminated)
    return Exchange(raw, "gemini", streamed, request, response, problems)


MODELLED = frozenset(
    {
        "text",
        "functionCall",
        "functionResponse",
        "inlineData",
        "inline_data",
        "fileData",
        "file_data",
        "executableCode",
        "codeExecutionResult",
        "toolCall",
        "toolResponse",
    }
)
"""Every part kind this dialect models (the completeness test reads it)."""

DIALECT = Dialect("gemini", detect, decode, MODELLED)
