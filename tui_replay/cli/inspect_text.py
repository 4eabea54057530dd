"""`tui-replay inspect PATH`: the model as readable plain text."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from typing import Any

from tui_replay.analysis.cassette import Cassette
from tui_replay.export.model_json import cassette_json

WIDTH = 100


def _indent(text: str, prefix: str = "    ") -> str:
    return textwrap.indent(text, prefix, lambda _line: True)


def _short_json(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _part_lines(part: dict[str, Any]) -> Iterator[str]:
    kind = part["type"]
    if kind == "text":
        yield part["text"]
    elif kind == "thinking":
        yield "[thinking] " + part["text"]
    elif kind == "tool_call":
        yield f"[tool call {part['name']} id={part['id']}] {_short_json(part['arguments'])}"
    elif kind == "tool_result":
        flag = " ERROR" if part.get("is_error") else ""
        who = part["tool_call_id"] or part.get("name")
        yield f"[tool result{flag} for {who}] {_short_json(part['content'])}"
    elif kind == "image":
        yield f"[image {part['media_type']}, {part['bytes']} bytes]"


def _message_lines(message: dict[str, Any]) -> Iterator[str]:
    body = "\n".join(line for part in message["parts"] for line in _part_lines(part))
    yield f"  {message['role']}:"
    yield _indent(body or "(empty)")


def render(cassette: Cassette, *, only: int | None = None) -> str:
    """`cassette` as text, secrets masked as the cassette was opened (`open_cassette`)."""
    doc = cassette_json(cassette, only=only)
    out: list[str] = [f"{doc['path']}  ({doc['format']}, {len(cassette)} interactions)", ""]
    for item in doc["interactions"]:
        duration = f"{item['duration_ms']:.0f} ms" if item["duration_ms"] is not None else "? ms"
        mode = "streamed" if item["streamed"] else "plain"
        out.append(
            f"#{item['index']}  turn {item['turn']} · attempt {item['attempt']}/{item['attempts']}  "
            f"{item['method']} {item['url']}"
        )
        out.append(f"  {item['status']}  {duration}  {item['dialect']}  {mode}")
        request = item["request"]
        if request["model"]:
            out.append(f"  model: {request['model']}")
        if request["tools"]:
            out.append("  tools: " + ", ".join(t["name"] for t in request["tools"]))
        if request["messages"]:
            out.append(f"  conversation ({len(request['messages'])} messages):")
            for message in request["messages"]:
                out.extend(_indent(line, "  ") for line in _message_lines(message))
        response = item["response"]
        if response["error"]:
            err = response["error"]
            provider = f" from {err['provider']}" if err["provider"] else ""
            kind = f" {err['type']}" if err["type"] else ""
            out.append(f"  ERROR {err['status'] or ''}{kind}{provider}: {err['message']}")
        if response["message"]:
            out.append("  response:")
            out.extend(_indent(line, "  ") for line in _message_lines(response["message"]))
        tail = []
        if response["finish_reason"]:
            tail.append(f"finish: {response['finish_reason']}")
        if response["usage"]:
            tail.append("usage: " + _short_json(response["usage"]))
        if response["chunks"]:
            tail.append(f"{len(response['chunks'])} stream events")
        if tail:
            out.append("  " + " · ".join(tail))
        out.append("")
    if doc["problems"]:
        out.append(f"problems ({len(doc['problems'])}):")
        for p in doc["problems"]:
            where = f"#{p['interaction']}" if p["interaction"] is not None else "file"
            out.append(f"  {p['severity']:7} {where:>5}  {p['code']}: {p['message']}")
    else:
        out.append("no problems found")
    return "\n".join(out) + "\n"


__all__ = ["render"]
