"""OpenAI Responses items for tools the provider runs itself, as a server tool call and its result.

`code_interpreter_call` (the code and its outputs), `web_search_call` (the action, with its
query and sources), `file_search_call` (queries and results), `mcp_call` (arguments and
output or error), `mcp_list_tools` (the server's tools) and `image_generation_call` (the
generated image as an image part with its type and size). The call is marked `server`, so
no client result is expected of it, and the result carries the call's id.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tui_replay.dialects.json_shapes import as_dict, as_str
from tui_replay.dialects.parts import base64_size, tool_call
from tui_replay.model import ImagePart, Part, ToolCallPart, ToolResultPart

SERVER_TOOL_ITEMS = frozenset(
    {
        "code_interpreter_call",
        "web_search_call",
        "file_search_call",
        "mcp_call",
        "mcp_list_tools",
        "image_generation_call",
    }
)

SERVER_TOOL_EVENTS = frozenset(
    {
        "response.code_interpreter_call.in_progress",
        "response.code_interpreter_call.interpreting",
        "response.code_interpreter_call.completed",
        "response.code_interpreter_call_code.delta",
        "response.code_interpreter_call_code.done",
        "response.web_search_call.in_progress",
        "response.web_search_call.searching",
        "response.web_search_call.completed",
        "response.file_search_call.in_progress",
        "response.file_search_call.searching",
        "response.file_search_call.completed",
        "response.mcp_call.in_progress",
        "response.mcp_call.completed",
        "response.mcp_call.failed",
        "response.mcp_call_arguments.delta",
        "response.mcp_call_arguments.done",
        "response.mcp_list_tools.in_progress",
        "response.mcp_list_tools.completed",
        "response.mcp_list_tools.failed",
        "response.image_generation_call.in_progress",
        "response.image_generation_call.generating",
        "response.image_generation_call.partial_image",
        "response.image_generation_call.completed",
    }
)
"""Progress events of those items: the finished item (`response.output_item.done`) carries
everything they streamed, and the call is drawn from it."""

TOOL_NAMES = {
    "code_interpreter_call": "code_interpreter",
    "web_search_call": "web_search",
    "file_search_call": "file_search",
    "mcp_list_tools": "mcp_list_tools",
    "image_generation_call": "image_generation",
}

NESTED_KINDS = frozenset({"logs", "image", "search", "open_page", "find", "find_in_page", "url"})
"""`type` tags inside those items (outputs, actions), kept inside the call or its result."""


def _call(item: dict[str, Any], name: str, arguments: Any) -> ToolCallPart:
    call_id = as_str(item.get("id")) or as_str(item.get("call_id")) or None
    return replace(tool_call(call_id, name, arguments), server=True)


def placeholder(item: dict[str, Any]) -> ToolCallPart:
    """The call as soon as its item starts (`response.output_item.added`), before its content."""
    kind = as_str(item.get("type"))
    name = as_str(item.get("name")) if kind == "mcp_call" else TOOL_NAMES.get(kind, kind)
    return _call(item, name, {})


def server_tool_parts(item: dict[str, Any]) -> list[Part]:
    """The call and its result (an image for image generation) of one provider-run tool item."""
    kind = as_str(item.get("type"))
    call_id = as_str(item.get("id")) or None
    status = as_str(item.get("status")) or None
    if kind == "code_interpreter_call":
        arguments = {"code": as_str(item.get("code")), "container_id": item.get("container_id")}
        call = _call(item, "code_interpreter", arguments)
        outputs = item.get("outputs")
        return [call, ToolResultPart(call_id, outputs if outputs is not None else status, False, call.name)]
    if kind == "web_search_call":
        action = as_dict(item.get("action"))
        call = _call(item, "web_search", {k: v for k, v in action.items() if k != "sources"})
        sources = action.get("sources")
        return [call, ToolResultPart(call_id, sources if sources is not None else status, False, call.name)]
    if kind == "file_search_call":
        call = _call(item, "file_search", {"queries": item.get("queries")})
        results = item.get("results")
        return [call, ToolResultPart(call_id, results if results is not None else status, False, call.name)]
    if kind == "mcp_call":
        name = as_str(item.get("name"))
        call = replace(tool_call(call_id, name, item.get("arguments") or "{}"), server=True)
        error = item.get("error")
        output = error if error else item.get("output")
        return [call, ToolResultPart(call_id, output, bool(error), name)]
    if kind == "mcp_list_tools":
        call = _call(item, "mcp_list_tools", {"server_label": item.get("server_label")})
        error = item.get("error")
        return [call, ToolResultPart(call_id, error or item.get("tools"), bool(error), call.name)]
    if kind == "image_generation_call":
        arguments = {k: item[k] for k in ("revised_prompt", "size", "quality", "background") if k in item}
        call = _call(item, "image_generation", arguments)
        media_type = f"image/{as_str(item.get('output_format')) or 'png'}"
        result = item.get("result")
        if isinstance(result, str) and result:
            return [call, ImagePart(media_type, base64_size(result))]
        return [call, ToolResultPart(call_id, status, False, call.name)]
    return []
