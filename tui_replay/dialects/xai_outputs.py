"""xAI gRPC answers (pydantic-ai's recordings), read as OpenAI chat.

xAI answers with `outputs` instead of `choices`: with server-side tools (attachment
search, code execution, collections search, X search, MCP) the assistant's call, a
`ROLE_TOOL` output holding the provider-run tool's result (repeating the call it
answers), then the answer, each output keyed by its `index`. They make one assistant
turn in which the result is a `ToolResultPart` right after its call, as Anthropic's
`web_search_tool_result` is. Streams are recorded as one `{"chunk": {...}}` JSON line
per chunk.
"""

from __future__ import annotations

import json
from typing import Any

from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, json_or_none
from tui_replay.dialects.openai_messages import message_parts, tool_call_parts, tool_content
from tui_replay.dialects.parts import role_name
from tui_replay.model import Part, RawInteraction, ToolCallPart, ToolResultPart


def outputs_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    """xAI gRPC's `outputs` (when the body has no `choices`)."""
    return [o for o in as_list(body.get("outputs")) if isinstance(o, dict)]


def output_message(output: dict[str, Any]) -> dict[str, Any]:
    return as_dict(output.get("message")) or as_dict(output.get("delta"))


def is_tool_output(message: dict[str, Any]) -> bool:
    return role_name(message.get("role")) == "tool"


def server_call_failed(calls: Any) -> bool:
    return any(as_str(as_dict(c).get("status")) == "TOOL_CALL_STATUS_FAILED" for c in as_list(calls))


def server_result(message: dict[str, Any], calls: list[ToolCallPart]) -> ToolResultPart:
    """An xAI `ROLE_TOOL` output: a provider-run tool's result, for the (first) call it repeats.

    Represented like Anthropic's `web_search_tool_result`: a result inside the assistant turn.
    """
    first = calls[0] if calls else None
    content = message.get("content")
    if content is None:
        content = ""  # the result is only in `encrypted_content`
    elif isinstance(content, (list, dict)):
        content = tool_content(content)
    elif not isinstance(content, str):
        content = as_str(content)
    failed = server_call_failed(message.get("tool_calls"))
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
        message = output_message(output)
        if is_tool_output(message):
            calls = tool_call_parts(message.get("tool_calls"))
            for call in calls:
                if call.id and call.id not in made:
                    made.add(call.id)
                    parts.append(call)
            parts.append(server_result(message, calls))
            continue
        for part in message_parts(message):
            if isinstance(part, ToolCallPart) and part.id:
                if part.id in made:
                    continue
                made.add(part.id)
            parts.append(part)
    return parts


def segment_of(output: dict[str, Any]) -> int:
    """The output's `index` (absent for the first: protobuf leaves out zero)."""
    index = output.get("index")
    return index if isinstance(index, int) and not isinstance(index, bool) else 0


def grpc_chunks(body: bytes) -> list[tuple[str, Any]]:
    """xAI gRPC streams as recorded: one `{"chunk": {...}}` JSON object per line.

    Each chunk as (its JSON text, the chunk already parsed), or (the line, None) for a
    line that is not such an object.
    """
    lines: list[tuple[str, Any]] = []
    for line in body.decode("utf-8", "replace").splitlines():
        item = json_or_none(line)
        if isinstance(item, dict) and isinstance(item.get("chunk"), dict):
            lines.append((json.dumps(item["chunk"], ensure_ascii=False), item["chunk"]))
        elif line.strip():
            lines.append((line, None))
    return lines


def is_grpc_stream(raw: RawInteraction) -> bool:
    return raw.extra.get("grpc") == "stream" or raw.response_body.lstrip().startswith(b'{"chunk"')
