"""Helpers the dialect decoders share."""

from __future__ import annotations

import json
from typing import Any

from tui_replay.model import RawInteraction, ToolCallPart


def json_or_none(data: bytes | str) -> Any:
    """Parse JSON, or None when it is not JSON."""
    if not data:
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def request_json(raw: RawInteraction) -> Any:
    return raw.request_json if raw.request_json is not None else json_or_none(raw.request_body)


def response_json(raw: RawInteraction) -> Any:
    return raw.response_json if raw.response_json is not None else json_or_none(raw.response_body)


def tool_call(id: str | None, name: str, arguments: Any) -> ToolCallPart:
    """A tool call from arguments sent as a JSON string (or already an object)."""
    if isinstance(arguments, str):
        try:
            parsed = json.loads(arguments) if arguments.strip() else {}
            return ToolCallPart(id, name, arguments, parsed, True)
        except (ValueError, RecursionError):
            return ToolCallPart(id, name, arguments, None, False)
    raw = json.dumps(arguments, ensure_ascii=False)
    return ToolCallPart(id, name, raw, arguments, True)


def url_path(raw: RawInteraction) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(raw.url).path
    except ValueError:
        return ""
