"""Parts built from provider fields: tool calls from JSON text or objects, images and files
from URLs or base64 data, and roles mapped onto system/user/assistant/tool."""

from __future__ import annotations

import json
from typing import Any

from tui_replay.model import ImagePart, ToolCallPart


def tool_call(call_id: str | None, name: str, arguments: Any) -> ToolCallPart:
    """A tool call from arguments sent as a JSON string (or already an object)."""
    if isinstance(arguments, str):
        try:
            parsed = json.loads(arguments) if arguments.strip() else {}
            return ToolCallPart(call_id, name, arguments, parsed, True)
        except (ValueError, RecursionError):
            return ToolCallPart(call_id, name, arguments, None, False)
    raw = json.dumps(arguments, ensure_ascii=False)
    return ToolCallPart(call_id, name, raw, arguments, True)


def base64_size(data: Any) -> int:
    """Decoded size of base64 text, computed without decoding it."""
    if not isinstance(data, str):
        return 0
    text = data.strip()
    if text.startswith("data:") and "," in text:
        text = text.split(",", 1)[1]
    length = len(text)
    padding = len(text) - len(text.rstrip("="))
    return max(0, length * 3 // 4 - padding)


def image_from_url(url: Any, fallback_media_type: str = "image/*") -> ImagePart:
    """An image placeholder from a URL: `data:` URLs give their media type and decoded size."""
    text = url if isinstance(url, str) else ""
    if text.startswith("data:"):
        head, _, data = text.partition(",")
        media_type = head[5:].split(";", 1)[0] or fallback_media_type
        if ";base64" in head:
            size = len(data.strip()) * 3 // 4 - (len(data.strip()) - len(data.strip().rstrip("=")))
        else:
            size = len(data)
        return ImagePart(media_type, max(0, size))
    return ImagePart(fallback_media_type, 0, text or None)


def role_name(value: Any) -> str:
    """A provider's role mapped onto system/user/assistant/tool (odd values str()'d)."""
    if not isinstance(value, str):
        return "user" if value is None else str(value)
    role = value.lower()
    if role.startswith("role_"):  # xAI gRPC: ROLE_USER
        role = role[5:]
    if role in ("developer", "system"):
        return "system"
    if role in ("function", "tool"):
        return "tool"
    if role in ("model", "ai", "bot"):
        return "assistant"
    return role
