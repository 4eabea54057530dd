"""A request's parameters as short text: every one the client sent, none dropped.

    param_items({"temperature": 0.2, "reasoning": {"effort": "high"}})
    # ['temperature 0.2', 'reasoning {"effort":"high"}']
    pack_items(items, 40)  # as many items to a line as fit, joined by " · "

`LLMRequest.params` holds everything in the decoded request that is not its messages, tools or
model (those are shown on their own). Values are drawn as the opened cassette hands them out,
already masked (`analysis/masked_exchange.py`), so this module masks nothing itself and
`--no-redact` shows what was sent. The app's request line and `inspect` both write them here,
so they cannot disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from tui_replay.analysis.pretty_json import plain_json

VALUE_LIMIT = 60
"""Characters of one value shown; a longer one is cut and says how much is left."""

SEPARATOR = " · "


def param_text(value: Any) -> str:
    """A parameter's value as the client sent it: a plain string as it is, anything else as
    compact JSON (`true`, `{"type":"auto"}`), never a Python repr. A string that would read as
    something else (empty, spaces around it, a line break, `true`, `12`) keeps its quotes."""
    if isinstance(value, str) and _reads_as_itself(value):
        return value
    try:
        return plain_json(value, separators=(",", ":"))
    except (ValueError, RecursionError):  # a circular or absurdly deep value
        return str(value)


def _reads_as_itself(text: str) -> bool:
    if not text or text != text.strip() or not text.isprintable():
        return False
    try:
        json.loads(text)
    except ValueError:
        return True
    return False  # `true`, `null`, `0.2`, `"x"`: bare, it would pass for JSON


def shorten(text: str, limit: int = VALUE_LIMIT) -> str:
    """`text`, or its first characters and how many more there are: `abc… (+40 chars)`."""
    if len(text) <= limit:
        return text
    kept = limit - 1
    return f"{text[:kept]}… (+{len(text) - kept} chars)"


def param_items(params: Mapping[str, Any], limit: int = VALUE_LIMIT) -> list[str]:
    """`name value` for every parameter, in the order the client sent them.

    An object too long to show whole is shown as its fields (`generationConfig.temperature 0`),
    one level down: Gemini and Bedrock nest the settings people look for (temperature,
    thinking) inside one, and cut as a whole only its first few would show."""
    items: list[str] = []
    for name, value in params.items():
        text = param_text(value)
        if len(text) > limit and isinstance(value, dict) and value:
            items.extend(
                f"{name}.{field} {shorten(param_text(inner), limit)}" for field, inner in value.items()
            )
        else:
            items.append(f"{name} {shorten(text, limit)}")
    return items


def pack_items(items: Iterable[str], width: int, separator: str = SEPARATOR) -> list[str]:
    """The items joined into lines of at most `width` characters, an item never split across
    lines; an item wider than `width` gets a line of its own (the renderer wraps it)."""
    lines: list[str] = []
    current = ""
    for item in items:
        if current and len(current) + len(separator) + len(item) <= width:
            current += separator + item
            continue
        if current:
            lines.append(current)
        current = item
    if current:
        lines.append(current)
    return lines
