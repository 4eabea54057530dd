"""Parts and messages reduced to what they mean, for aligning and comparing them.

A tool call's id, a tool result's call id and a thinking signature differ on
every recording, so the keys leave them out: two recordings of the same
conversation give equal keys.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Hashable, Iterator
from typing import Any

from tui_replay.analysis.masking import redact_json, redact_url
from tui_replay.analysis.volatile import short
from tui_replay.model import ImagePart, Message, Part, TextPart, ThinkingPart, ToolCallPart, ToolResultPart


def _canonical(value: Any) -> str:
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    except (ValueError, RecursionError):
        return repr(value)


def part_key(part: Part) -> Hashable:
    if isinstance(part, TextPart):
        return ("text", part.text)
    if isinstance(part, ThinkingPart):
        return ("thinking", part.text, part.redacted)
    if isinstance(part, ToolCallPart):
        args = (
            _canonical(part.arguments)
            if part.arguments_valid and part.arguments is not None
            else part.arguments_raw
        )
        return ("tool_call", part.name, args)
    if isinstance(part, ToolResultPart):
        return ("tool_result", part.name, _canonical(part.content), part.is_error)
    if isinstance(part, ImagePart):
        return ("image", part.media_type, part.bytes, part.url)
    return (type(part).__name__, repr(part))  # pragma: no cover - every Part kind is above


def message_key(message: Message) -> Hashable:
    return (message.role, message.name, tuple(part_key(p) for p in message.parts))


def part_label(part: Part) -> str:
    if isinstance(part, ToolCallPart):
        return f"tool call {part.name}"
    if isinstance(part, ToolResultPart):
        return f"tool result{' for ' + part.name if part.name else ''}"
    return str(part.type).replace("_", " ")


def part_text(part: Part) -> Any:
    if isinstance(part, (TextPart, ThinkingPart)):
        return part.text
    if isinstance(part, ToolCallPart):
        return f"{part.name}({part.arguments_raw})"
    if isinstance(part, ToolResultPart):
        return redact_json(part.content)
    if isinstance(part, ImagePart):
        return f"{part.media_type} image, {part.bytes} bytes" + (
            f" {redact_url(part.url)}" if part.url else ""
        )
    return repr(part)  # pragma: no cover


def message_text(message: Message, limit: int = 60) -> str:
    """A message on one line: its parts, each cut at `limit` characters."""
    return " | ".join(short(part_text(p), limit) for p in message.parts) or "(empty)"


def _kind(key: Hashable) -> Hashable:
    """Message keys start with the role, part keys with the part type: only like pairs with like."""
    return key[0] if isinstance(key, tuple) and key else key


def aligned_pairs(left: list[Hashable], right: list[Hashable]) -> Iterator[tuple[int | None, int | None]]:
    """Aligned positions: equal runs pair up; in a replaced run, items of the same kind (role, part
    type) pair in order and the rest stand alone."""
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        i, j = i1, j1
        while i < i2 and j < j2:
            if _kind(left[i]) == _kind(right[j]):
                yield i, j
                i, j = i + 1, j + 1
            elif any(_kind(left[i]) == _kind(right[k]) for k in range(j + 1, j2)):
                yield None, j
                j += 1
            else:
                yield i, None
                i += 1
        yield from ((k, None) for k in range(i, i2))
        yield from ((None, k) for k in range(j, j2))
