"""AWS Bedrock Converse bodies: content blocks, requests and (unstreamed) responses.

Mapping choices follow the Anthropic dialect: a `user` message made only of
`toolResult` blocks is a `tool` message; `reasoningContent` is thinking;
a `toolResult` whose content is only text shows as one string. Nova's
InvokeModel bodies have the same shape."""

from __future__ import annotations

from typing import Any

from tui_replay.dialects import anthropic
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, opt_str, params_without
from tui_replay.dialects.parts import base64_size, results_role, tool_call
from tui_replay.dialects.response_fields import ResponseFields
from tui_replay.model import (
    ImagePart,
    LLMRequest,
    LLMResponse,
    Message,
    Part,
    TextPart,
    ThinkingPart,
    ToolDefinition,
    ToolResultPart,
    UnrecognisedPart,
)


def _media(block: dict[str, Any], family: str) -> ImagePart:
    fmt = as_str(block.get("format"))
    source = as_dict(block.get("source"))
    media_type = f"{family}/{fmt}" if fmt else family
    if "bytes" in source:
        return ImagePart(media_type, base64_size(source.get("bytes")))
    location = as_dict(source.get("s3Location")).get("uri")
    return ImagePart(media_type, 0, opt_str(location))


def _result_content(content: Any) -> Any:
    items = [as_dict(i) for i in as_list(content)]
    if not isinstance(content, list):
        return content
    if items and all("text" in i for i in items):
        return "".join(as_str(i.get("text")) for i in items)
    if len(items) == 1 and "json" in items[0]:
        return items[0]["json"]
    out: list[Any] = []
    for item in items:
        for family in ("image", "document", "video"):
            if family in item:
                part = _media(as_dict(item[family]), "application" if family == "document" else family)
                item = {"type": family, "media_type": part.media_type, "bytes": part.bytes, "url": part.url}
        out.append(item)
    return out


MODELLED = frozenset(
    {"text", "toolUse", "toolResult", "reasoningContent", "image", "video", "document", "cachePoint"}
    | {"citationsContent", "citation"}
    | {"messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop"}
    | {"metadata"}
)
"""Every content block key and stream event this dialect models (the completeness test reads it)."""


def converse_part(block: Any) -> Part | None:
    """One Converse content block (also accepts Anthropic-typed blocks in InvokeModel bodies);
    None for a cache marker, an `UnrecognisedPart` for a block this module does not know."""
    original = block
    block = as_dict(block)
    if ("type" in block and "text" not in block) or block.get("type") == "text":
        return anthropic.block_part(block)
    if "text" in block:
        return TextPart(as_str(block.get("text")))
    if "toolUse" in block:
        use = as_dict(block.get("toolUse"))
        arguments = use.get("input")
        return tool_call(
            opt_str(use.get("toolUseId")), as_str(use.get("name")), {} if arguments is None else arguments
        )
    if "toolResult" in block:
        result = as_dict(block.get("toolResult"))
        return ToolResultPart(
            opt_str(result.get("toolUseId")),
            _result_content(result.get("content")),
            as_str(result.get("status")) == "error",
        )
    if "reasoningContent" in block:
        reasoning = as_dict(block.get("reasoningContent"))
        if "redactedContent" in reasoning:
            return ThinkingPart("", opt_str(reasoning.get("redactedContent")), redacted=True)
        text = as_dict(reasoning.get("reasoningText"))
        return ThinkingPart(as_str(text.get("text")), opt_str(text.get("signature")))
    for family in ("image", "video", "document"):
        if family in block:
            return _media(as_dict(block.get(family)), "application" if family == "document" else family)
    if "citationsContent" in block:  # generated text with the sources it cites
        generated = as_list(as_dict(block.get("citationsContent")).get("content"))
        return TextPart("".join(as_str(as_dict(item).get("text")) for item in generated))
    if set(block) == {"cachePoint"}:
        return None
    return UnrecognisedPart(next(iter(block), "block"), original)


def converse_message(role: str, content: Any) -> Message:
    blocks = content if isinstance(content, list) else [{"text": content}] if isinstance(content, str) else []
    parts = tuple(p for p in (converse_part(b) for b in blocks) if p is not None)
    return Message(results_role(role, parts), parts)


def _tools(config: Any) -> tuple[ToolDefinition, ...]:
    out: list[ToolDefinition] = []
    for item in as_list(as_dict(config).get("tools")):
        item = as_dict(item)
        if "toolSpec" in item:
            spec = as_dict(item.get("toolSpec"))
            schema = as_dict(spec.get("inputSchema")).get("json")
            out.append(ToolDefinition(as_str(spec.get("name")), as_str(spec.get("description")), schema))
        elif "systemTool" in item:
            out.append(
                ToolDefinition(as_str(as_dict(item.get("systemTool")).get("name")), "system tool", None)
            )
    return tuple(out)


def converse_request(body: Any, model: str | None) -> LLMRequest:
    body = as_dict(body)
    messages: list[Message] = []
    system = body.get("system")
    if system:
        parts = converse_message("system", system).parts
        if parts:
            messages.append(Message("system", parts))
    for item in as_list(body.get("messages")):
        item = as_dict(item)
        messages.append(converse_message(as_str(item.get("role")) or "user", item.get("content")))
    # `modelId` is not read (the model is the URL's): a body that carries one shows it
    params = params_without(body, {"messages": list, "system": (list, str), "toolConfig": dict})
    choice = params_without(as_dict(body.get("toolConfig")), {"tools": list})
    if choice:
        params["toolConfig"] = choice
    return LLMRequest(model, tuple(messages), _tools(body.get("toolConfig")), params)


def converse_response(body: Any) -> LLMResponse:
    body = as_dict(body)
    message = as_dict(as_dict(body.get("output")).get("message"))
    response = LLMResponse(
        error=None,
        message=converse_message("assistant", message.get("content")),
        finish_reason=opt_str(body.get("stopReason")),
        usage=as_dict(body.get("usage")),
        chunks=(),
    )
    fields = ResponseFields()  # `metrics` (latency), `additionalModelResponseFields`, `trace`
    fields.add(body, frozenset({"output", "stopReason", "usage"}))
    fields.add(body.get("output"), frozenset({"message"}), "output.")
    fields.add(message, frozenset({"role", "content"}), "output.message.")
    return fields.attach(response)
