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

ITEM_LIMIT = 70
"""Characters of one `name value` item, `… (+N chars)` included when its value is cut: an
item fits an 80-column line under `  params: `."""

EXPAND_DEPTH = 2
"""Levels of objects shown field by field when too long to show whole; deeper, they are cut."""

MIN_VALUE = 24
"""Characters a value may take however long its name (its cut tail included)."""

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


def shorten(text: str, limit: int) -> str:
    """`text`, or its first characters and how many more there are, `abc… (+40 chars)`, in at
    most `limit` characters (`limit` is at least the length of such a tail)."""
    if len(text) <= limit:
        return text
    kept = max(limit - len(f"… (+{len(text)} chars)"), 1)  # room for the widest count it can be
    return f"{text[:kept]}… (+{len(text) - kept} chars)"


def param_items(params: Mapping[str, Any], limit: int = ITEM_LIMIT) -> list[str]:
    """`name value` for every parameter, in the order the client sent them.

    An object too long to show whole is shown as its fields (`generationConfig.temperature 0`),
    down to `EXPAND_DEPTH` levels: Gemini and Bedrock nest the settings people look for
    (temperature, thinking) inside one, and cut as a whole only its first few would show."""
    items: list[str] = []
    stack: list[tuple[str, Any, int]] = [(name, value, 0) for name, value in reversed(list(params.items()))]
    while stack:  # depth first, in the order sent
        name, value, depth = stack.pop()
        text = param_text(value)
        if len(name) + 1 + len(text) > limit and isinstance(value, dict) and value and depth < EXPAND_DEPTH:
            stack.extend((f"{name}.{field}", inner, depth + 1) for field, inner in reversed(value.items()))
        else:
            items.append(_item(name, text, limit))
    return items


def _item(name: str, text: str, limit: int) -> str:
    return f"{name} {shorten(text, max(limit - len(name) - 1, MIN_VALUE))}"


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
