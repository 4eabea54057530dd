"""OpenAI chat messages: requests, and the message shape responses share with them.

Used by the openai-chat dialect and its xAI gRPC outputs. Reasoning comes in three
spellings: `reasoning` (OpenRouter, Cerebras), `reasoning_content` (DeepSeek, xAI, Z.ai,
llama.cpp) and OpenRouter's `reasoning_details` list (text, summary, encrypted data,
signatures). The first present string wins for the text; details add signatures and mark
encrypted-only reasoning as redacted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tui_replay.dialects.inline_thinking import split_inline
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, json_or_none, opt_str, params_without
from tui_replay.dialects.parts import (
    base64_size,
    image_from_url,
    input_audio_part,
    openai_content_parts,
    role_name,
    tool_call,
)
from tui_replay.model import (
    ImagePart,
    LLMRequest,
    Message,
    Part,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolDefinition,
    ToolResultPart,
    UnrecognisedPart,
)


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
        params=params_without(body, {"model": str, "messages": list, "tools": list, "functions": list}),
    )


def _tool_definition(tool: Any) -> ToolDefinition | None:
    if not isinstance(tool, dict):
        return None
    function: dict[str, Any] = as_dict(tool.get("function")) or tool
    name = as_str(function.get("name")) or as_str(tool.get("type"))
    if not name and len(tool) == 1:
        # xAI gRPC built-in tools are one-key objects: {"code_execution": {}}, {"x_search": {...}}
        (key, settings), *_ = tool.items()
        if isinstance(key, str) and isinstance(settings, dict):
            return ToolDefinition(key, "built-in", None)
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
        content = tool_content(item.get("content"))
        return Message(
            "tool",
            (ToolResultPart(as_str(tool_call_id) or None, "" if content is None else content, name=name),),
            name,
        )
    return Message(role, tuple(message_parts(item)), name)


def tool_content(content: Any) -> Any:
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
    content = content_parts(message.get("content"))
    if role_name(message.get("role") or "assistant") == "assistant" and content:
        first = content[0]
        inline, answer = split_inline(first.text) if isinstance(first, TextPart) else (None, "")
        if inline is not None:
            content[:1] = [ThinkingPart(inline)] + ([TextPart(answer)] if answer else [])
    parts.extend(content)
    parts.extend(tool_call_parts(message.get("tool_calls")))
    legacy = message.get("function_call")
    if isinstance(legacy, dict) and legacy.get("name"):
        parts.append(tool_call(None, as_str(legacy.get("name")), legacy.get("arguments", "")))
    return parts


def content_parts(content: Any) -> list[Part]:
    return openai_content_parts(content, _content_block)


def _content_block(item: dict[str, Any]) -> Part:
    kind = item.get("type")
    if kind == "text" or (kind is None and "text" in item):
        return TextPart(as_str(item.get("text")))
    if kind == "image_url" or (kind is None and "image_url" in item):
        image = item.get("image_url")
        url = image.get("url") if isinstance(image, dict) else image
        return image_from_url(url)
    if kind == "input_audio":
        return input_audio_part(item)
    if kind == "file" or (kind is None and "file" in item):
        file = as_dict(item.get("file"))
        data = file.get("file_data")
        if isinstance(data, str) and data.startswith("data:"):
            return image_from_url(data, "application/octet-stream")
        media = "application/octet-stream"
        return ImagePart(media, base64_size(data), as_str(file.get("file_id")) or None)
    if kind == "refusal":
        return TextPart(as_str(item.get("refusal")))
    if kind == "file_url":  # Perplexity: a document by URL or as bare base64
        url = as_str(as_dict(item.get("file_url")).get("url"))
        if url.startswith(("http://", "https://", "data:")):
            return image_from_url(url, "application/octet-stream")
        return ImagePart("application/octet-stream", base64_size(url))
    if kind == "thinking":  # Mistral: {type: thinking, thinking: [{type: text, text}]}
        return ThinkingPart(_thinking_chunk_text(item.get("thinking")), opt_str(item.get("signature")))
    return UnrecognisedPart(as_str(kind) or "content", item)


def _thinking_chunk_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "".join(as_str(as_dict(chunk).get("text")) for chunk in as_list(value))


MODELLED = frozenset(
    {
        "text",
        "image_url",
        "input_audio",
        "file",
        "refusal",
        "file_url",
        "thinking",
        "function",  # a tool call's type
        "reasoning.text",  # OpenRouter `reasoning_details`
        "reasoning.summary",
        "reasoning.encrypted",
        "TOOL_CALL_TYPE_CLIENT_SIDE_TOOL",  # xAI gRPC call types (the others are provider-run)
        "TOOL_CALL_TYPE_WEB_SEARCH_TOOL",
        "TOOL_CALL_TYPE_X_SEARCH_TOOL",
        "TOOL_CALL_TYPE_CODE_EXECUTION_TOOL",
        "TOOL_CALL_TYPE_COLLECTIONS_SEARCH_TOOL",
        "TOOL_CALL_TYPE_ATTACHMENT_SEARCH_TOOL",
        "TOOL_CALL_TYPE_MCP_TOOL",
    }
)
"""Every content, tool-call and reasoning type the chat dialect models (the completeness test reads it)."""


def tool_call_parts(value: Any) -> list[ToolCallPart]:
    parts: list[ToolCallPart] = []
    for call in as_list(value):
        if not isinstance(call, dict):
            continue
        function = as_dict(call.get("function"))
        arguments = function.get("arguments", "")
        part = tool_call(as_str(call.get("id")) or None, as_str(function.get("name")), arguments)
        if is_server_side(call.get("type")):
            part = replace(part, server=True)
        parts.append(part)
    return parts


def is_server_side(call_type: Any) -> bool:
    """xAI gRPC marks provider-run calls (`TOOL_CALL_TYPE_ATTACHMENT_SEARCH_TOOL`, ...)."""
    return (
        isinstance(call_type, str)
        and call_type.startswith("TOOL_CALL_TYPE_")
        and call_type != "TOOL_CALL_TYPE_CLIENT_SIDE_TOOL"
    )


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


def reasoning_details(message: dict[str, Any]) -> tuple[str, bool]:
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
    signature, encrypted = reasoning_details(message)
    if not text and not encrypted:
        return None
    return ThinkingPart(text, signature or None, redacted=encrypted and not text)
