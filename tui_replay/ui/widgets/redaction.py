"""Secrets masking for everything the TUI draws (`tui_replay.analysis.masking`), off with `--no-redact`.

Every widget that turns model objects into display goes through these
helpers with its app's `redact` flag: the raw and headers panes (headers,
URLs, bodies), the conversation, response and stream views (`message`: each
part of a `Message` once, before its widgets see it), the request summary
(`json_value` on params), the tool definitions and the caption bar.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from tui_replay.analysis import masking as redact
from tui_replay.model import (
    Headers,
    ImagePart,
    Message,
    Part,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolResultPart,
)


def enabled_for(node: Any) -> bool:
    """The `redact` flag of the app `node` runs in; masked when it cannot tell."""
    try:
        return bool(getattr(node.app, "redact", True))
    except Exception:  # not attached to an app (yet)
        return True


def headers(values: Headers, enabled: bool) -> Headers:
    return redact.redact_headers(values) if enabled else values


def url(value: str, enabled: bool) -> str:
    return redact.redact_url(value) if enabled else value


def text(value: str, enabled: bool) -> str:
    return redact.redact_text(value) if enabled else value


def json_value(value: Any, enabled: bool) -> Any:
    return redact.redact_json(value) if enabled else value


# A key shape cut off at the end of a text that is still streaming: `sk-proj-ab` is too short
# to match `redact.KEY_PATTERN` yet, but it is the start of a secret all the same.
_TAIL_WINDOW = 200
_PARTIAL_KEY_AT_END = re.compile(
    r"(?<![A-Za-z0-9_\-])(?P<p>sk-|sk_|rk_|AIza|xai-|gsk_|gh[pousr]_|github_pat_|hf_|xox[abprs]-|eyJ|"
    r"A[KS]IA|(?i:bearer)[ \t]+)(?P<s>[A-Za-z0-9_\-.~+/]{4,})\Z"
)


def streaming_text(value: str) -> str:
    """`redact_text`, and a key shape still growing at the end of `value` masked too."""
    value = redact.redact_text(value)
    head, tail = value[:-_TAIL_WINDOW], value[-_TAIL_WINDOW:]
    match = _PARTIAL_KEY_AT_END.search(tail)
    if match is None or redact.is_masked(match.group(0)):
        return value
    return head + tail[: match.start("s")] + redact.mask(match.group("s"))


def _tool_result_content(content: Any) -> Any:
    if not isinstance(content, str):
        return redact.redact_json(content)
    stripped = content.strip()
    if stripped[:1] in ("{", "["):  # JSON in a string: mask secret-named keys as well
        try:
            return redact.redact_json(json.loads(stripped))
        except (ValueError, RecursionError):
            pass
    return redact.redact_text(content)


def part(value: Part, *, streaming: bool = False) -> Part:
    """One part with its secrets masked (the same object when there was nothing to mask)."""
    mask_text = streaming_text if streaming else redact.redact_text
    new: Part
    if isinstance(value, TextPart):
        new = replace(value, text=mask_text(value.text))
    elif isinstance(value, ThinkingPart):
        new = replace(value, text=mask_text(value.text))
    elif isinstance(value, ToolCallPart):
        arguments = redact.redact_json(value.arguments) if value.arguments is not None else None
        new = replace(value, arguments_raw=mask_text(value.arguments_raw), arguments=arguments)
    elif isinstance(value, ToolResultPart):
        new = replace(value, content=_tool_result_content(value.content))
    elif isinstance(value, ImagePart):
        new = replace(value, url=redact.redact_url(value.url) if value.url else value.url)
    else:  # a part type added later: shown as it is
        return value
    return value if new == value else new


def message(value: Message, enabled: bool, *, streaming: bool = False) -> Message:
    """`value` as the conversation, response and stream views may show it."""
    if not enabled:
        return value
    return _mask_message(value, streaming=streaming)


def _mask_message(value: Message, *, streaming: bool) -> Message:
    parts = tuple(part(p, streaming=streaming) for p in value.parts)
    name = redact.redact_text(value.name) if value.name else value.name
    if name == value.name and all(new is old for new, old in zip(parts, value.parts, strict=True)):
        return value
    return replace(value, parts=parts, name=name)
