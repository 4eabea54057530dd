"""OpenAI Responses API items read as messages: the request's `instructions`, `input` and
`tools`, and the response's `output`.

Consecutive assistant-side items (reasoning, message, function calls) form one
assistant message, so a turn reads the same in the request that replays it as
in the response that produced it."""

from __future__ import annotations

import json
from typing import Any

from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, params_without
from tui_replay.dialects.openai_server_tools import SERVER_TOOL_ITEMS, server_tool_parts
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
    ToolDefinition,
    ToolResultPart,
    UnrecognisedPart,
)

_ASSISTANT_ITEMS = frozenset({"function_call", "reasoning", "custom_tool_call"}) | SERVER_TOOL_ITEMS
_TOOL_OUTPUT_ITEMS = frozenset(
    {"function_call_output", "custom_tool_call_output", "computer_call_output", "local_shell_call_output"}
)


def content_parts(content: Any) -> list[Part]:
    return openai_content_parts(content, _content_block)


def _content_block(item: dict[str, Any]) -> Part:
    kind = item.get("type")
    if kind in ("input_text", "output_text", "text"):
        return TextPart(as_str(item.get("text")))
    if kind == "refusal":
        return TextPart(as_str(item.get("refusal")))
    if kind in ("reasoning_text", "summary_text"):
        return ThinkingPart(as_str(item.get("text")))
    if kind == "input_image":
        url = item.get("image_url")
        if isinstance(url, dict):
            url = url.get("url")
        if url:
            return image_from_url(url)
        return ImagePart("image/*", 0, as_str(item.get("file_id")) or None)
    if kind == "input_file":
        data = item.get("file_data")
        if isinstance(data, str) and data.startswith("data:"):
            return image_from_url(data, "application/octet-stream")
        where = item.get("file_url") or item.get("file_id") or item.get("filename")
        return ImagePart(_file_type(item), base64_size(data), as_str(where) or None)
    if kind == "input_audio":
        return input_audio_part(item)
    return UnrecognisedPart(as_str(kind) or "content", item)


def _file_type(item: dict[str, Any]) -> str:
    name = as_str(item.get("filename")).lower()
    if name.endswith(".pdf"):
        return "application/pdf"
    return "application/octet-stream"


def reasoning_part(item: dict[str, Any]) -> ThinkingPart:
    """A reasoning item: its summaries (or raw reasoning text); encrypted-only shows as redacted."""
    texts = [as_str(as_dict(s).get("text")) for s in as_list(item.get("summary"))]
    if not any(texts):
        texts = [as_str(as_dict(c).get("text")) for c in as_list(item.get("content"))]
    text = "\n\n".join(t for t in texts if t)
    return ThinkingPart(text, None, redacted=not text and bool(item.get("encrypted_content")))


def item_parts(item: dict[str, Any]) -> list[Part]:
    """Parts of one assistant-side item (message, function call, reasoning)."""
    kind = item.get("type")
    if kind == "function_call":
        call_id = as_str(item.get("call_id") or item.get("id")) or None
        return [tool_call(call_id, as_str(item.get("name")), item.get("arguments", ""))]
    if kind == "custom_tool_call":
        call_id = as_str(item.get("call_id") or item.get("id")) or None
        return [tool_call(call_id, as_str(item.get("name")), json.dumps(as_str(item.get("input"))))]
    if kind == "reasoning":
        return [reasoning_part(item)]
    if kind in SERVER_TOOL_ITEMS:
        return server_tool_parts(item)
    if kind not in (None, "message"):
        return [UnrecognisedPart(as_str(kind), item)]
    return content_parts(item.get("content"))


def _is_assistant_item(item: dict[str, Any]) -> bool:
    kind = item.get("type")
    if kind in _ASSISTANT_ITEMS:
        return True
    return kind in (None, "message") and role_name(item.get("role")) == "assistant"


def decode_input(items: Any) -> list[Message]:
    if isinstance(items, str):
        return [Message("user", (TextPart(items),))] if items else []
    messages: list[Message] = []
    assistant: list[Part] = []

    def flush() -> None:
        if assistant:
            messages.append(Message("assistant", tuple(assistant)))
            assistant.clear()

    for item in as_list(items):
        if not isinstance(item, dict):
            continue
        kind = item.get("type")
        if _is_assistant_item(item):
            assistant.extend(item_parts(item))
            continue
        flush()
        if kind == "additional_tools":  # tools added mid-conversation: read into the request's tools
            continue
        if kind in _TOOL_OUTPUT_ITEMS:
            output = item.get("output")
            call_id = as_str(item.get("call_id")) or None
            messages.append(Message("tool", (ToolResultPart(call_id, "" if output is None else output),)))
        elif kind in (None, "message"):
            messages.append(Message(role_name(item.get("role")), tuple(content_parts(item.get("content")))))
        else:  # an item this module does not model (`item_reference`, ...): sent by the client
            role = role_name(item.get("role")) if item.get("role") is not None else "user"
            messages.append(Message(role, (UnrecognisedPart(as_str(kind) or "item", item),)))
    flush()
    return messages


def _tool_definition(tool: Any) -> ToolDefinition | None:
    if not isinstance(tool, dict):
        return None
    kind = as_str(tool.get("type"))
    if kind == "function" or (not kind and "name" in tool):
        function: dict[str, Any] = as_dict(tool.get("function")) or tool
        return ToolDefinition(
            as_str(function.get("name")), as_str(function.get("description")), function.get("parameters")
        )
    if kind == "custom":
        return ToolDefinition(as_str(tool.get("name")), as_str(tool.get("description")), tool.get("format"))
    return ToolDefinition(kind or "unknown", "built-in", None)


def decode_request(body: Any) -> LLMRequest:
    body = as_dict(body)
    messages: list[Message] = []
    instructions = body.get("instructions")
    if isinstance(instructions, str) and instructions:
        messages.append(Message("system", (TextPart(instructions),)))
    elif isinstance(instructions, list):
        messages.extend(decode_input(instructions))
    messages.extend(decode_input(body.get("input")))
    declared = as_list(body.get("tools"))
    for item in as_list(body.get("input")):
        if isinstance(item, dict) and item.get("type") == "additional_tools":
            declared = declared + as_list(item.get("tools"))
    tools = [t for t in (_tool_definition(tool) for tool in declared) if t is not None]
    return LLMRequest(
        model=as_str(body.get("model")) or None,
        messages=tuple(messages),
        tools=tuple(tools),
        params=params_without(
            body, {"model": str, "input": (str, list), "instructions": (str, list), "tools": list}
        ),
    )


def output_message(output: Any) -> Message | None:
    if not isinstance(output, list):
        return None
    parts: list[Part] = []
    for item in output:
        if isinstance(item, dict):
            parts.extend(item_parts(item))
    return Message("assistant", tuple(parts))
