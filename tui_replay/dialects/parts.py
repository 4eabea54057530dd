"""Parts built from provider fields: tool calls from JSON text or objects, images and files
from URLs or base64 data, and roles mapped onto system/user/assistant/tool."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from tui_replay.dialects.json_shapes import as_dict, as_str
from tui_replay.model import ImagePart, Part, TextPart, ToolCallPart, ToolResultPart


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
    """Decoded size of base64 text (a `data:` URL's payload too), computed without decoding it."""
    if not isinstance(data, str):
        return 0
    text = data.strip()
    if text.startswith("data:") and "," in text:
        text = text.split(",", 1)[1]
    return _decoded_size(text)


def _decoded_size(base64_text: str) -> int:
    padding = len(base64_text) - len(base64_text.rstrip("="))
    return max(0, len(base64_text) * 3 // 4 - padding)


def results_role(role: str, parts: Sequence[Part]) -> str:
    """`tool` for a `user` message that carries only tool results (what such a message is in
    the dialects with a tool role), else `role` unchanged."""
    if role == "user" and parts and all(isinstance(p, ToolResultPart) for p in parts):
        return "tool"
    return role


# --- OpenAI-family content (openai_messages, openai_responses) ------------


def openai_content_parts(content: Any, block_part: Callable[[dict[str, Any]], Part]) -> list[Part]:
    """An OpenAI-style `content`: None or "" (no parts), a string (one text part), anything
    else not a list (str()'d), or a list of strings and typed blocks that `block_part` reads
    (other items skipped)."""
    if content is None:
        return []
    if isinstance(content, str):
        return [TextPart(content)] if content else []
    if not isinstance(content, list):
        return [TextPart(as_str(content))]
    return [
        TextPart(item) if isinstance(item, str) else block_part(item)
        for item in content
        if isinstance(item, (str, dict))
    ]


def text_of(parts: list[Part]) -> str:
    """The text parts joined (images and other parts left out)."""
    return "".join(p.text for p in parts if isinstance(p, TextPart))


def input_audio_part(block: dict[str, Any]) -> ImagePart:
    """An `input_audio` block as a placeholder: `audio/<format>` and its decoded size."""
    audio = as_dict(block.get("input_audio"))
    return ImagePart(f"audio/{as_str(audio.get('format')) or '*'}", base64_size(audio.get("data")))


def image_from_url(url: Any, fallback_media_type: str = "image/*") -> ImagePart:
    """An image placeholder from a URL: `data:` URLs give their media type and decoded size."""
    text = url if isinstance(url, str) else ""
    if text.startswith("data:"):
        head, _, data = text.partition(",")
        media_type = head[5:].split(";", 1)[0] or fallback_media_type
        size = _decoded_size(data.strip()) if ";base64" in head else len(data)
        return ImagePart(media_type, size)
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
