"""The things of an interaction as plain text to hand to another program: the clipboard
(`y`), a pager (`v`). Each is a `Handoff`: the text, and what it is, for the message that
says what was copied ("copied tool call arguments · 214 chars").

Built from an exchange as the opened cassette hands it out, so secrets are masked unless the
cassette was opened with `--no-redact` (`tui_replay.analysis.cassette`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tui_replay.analysis.media_label import media_placeholder
from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.model import (
    Exchange,
    Headers,
    ImagePart,
    Message,
    Part,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolDefinition,
    ToolResultPart,
    UnrecognisedPart,
)
from tui_replay.wording import counted


@dataclass(frozen=True)
class Handoff:
    what: str
    """What the text is, as a toast names it: "tool call arguments", "response body"."""
    text: str

    @property
    def summary(self) -> str:
        return f"{self.what} · {counted(len(self.text), 'char')}"


def arguments_text(call: ToolCallPart) -> str:
    """A tool call's arguments as pretty JSON, or as sent when they are not valid JSON."""
    if call.arguments_valid and call.arguments is not None:
        return pretty_json(call.arguments)
    return call.arguments_raw


def _content_text(content: Any) -> str:
    return content if isinstance(content, str) else pretty_json(content)


def part_text(part: Part) -> str:
    if isinstance(part, TextPart):
        return part.text
    if isinstance(part, ThinkingPart):
        return "[thinking]\n" + part.text if part.text else "[thinking, redacted]"
    if isinstance(part, ToolCallPart):
        return (
            f"[tool call {part.name}" + (f" id={part.id}" if part.id else "") + "]\n" + arguments_text(part)
        )
    if isinstance(part, ToolResultPart):
        flag = " ERROR" if part.is_error else ""
        target = part.tool_call_id or part.name or "?"
        return f"[tool result{flag} for {target}]\n" + _content_text(part.content)
    if isinstance(part, ImagePart):
        return f"[{media_placeholder(part.media_type, part.bytes, part.seconds)}]"
    if isinstance(part, UnrecognisedPart) and part.field:
        return f"[not modelled: {part.kind}]\n" + pretty_json(part.data)
    if isinstance(part, UnrecognisedPart):
        return f"[unrecognised {part.kind}]\n" + pretty_json(part.data)
    raise TypeError(f"unknown part {part!r}")  # pragma: no cover - the Part union is closed


def message_text(message: Message) -> str:
    """A message as a reader reads it: its text as written; its other parts each under a
    bracketed line saying what it is."""
    return "\n\n".join(part_text(part) for part in message.parts)


def message_handoff(message: Message) -> Handoff:
    """The message: only its text when it is plain text, or only its tool call's arguments
    when that is all it holds (what one pastes into an editor or a test), else all its parts."""
    parts = message.parts
    if parts and all(isinstance(p, TextPart) for p in parts):
        return Handoff(f"{message.role} message", message.text)
    calls = [p for p in parts if isinstance(p, ToolCallPart)]
    if calls and len(calls) == len(parts):
        return calls_handoff(calls)
    return Handoff(f"{message.role} message", message_text(message))


def calls_handoff(calls: list[ToolCallPart]) -> Handoff:
    if len(calls) == 1:
        return Handoff("tool call arguments", arguments_text(calls[0]))
    # several: a JSON list that says which arguments are whose
    listed = [
        {"name": c.name, "arguments": c.arguments if c.arguments_valid else c.arguments_raw} for c in calls
    ]
    return Handoff(f"arguments of {len(calls)} tool calls", pretty_json(listed))


def body_text(body: bytes, parsed: Any = None) -> str:
    """A recorded body as text: pretty JSON when it is JSON, else as written."""
    if parsed is None and body:
        try:
            parsed = json.loads(body)
        except (ValueError, RecursionError):
            parsed = None
    if parsed is not None:
        return pretty_json(parsed)
    return body.decode("utf-8", "replace")


def _headers_lines(headers: Headers) -> list[str]:
    return [f"{name}: {value}" for name, value in headers]


def headers_handoff(exchange: Exchange) -> Handoff:
    raw = exchange.raw
    lines = [f"{raw.method} {raw.url}", *_headers_lines(raw.request_headers), ""]
    status = raw.status_line if raw.status is not None else "(no status)"
    lines += [f"HTTP {status}", *_headers_lines(raw.response_headers)]
    return Handoff("headers", "\n".join(lines) + "\n")


def response_body_handoff(exchange: Exchange) -> Handoff:
    raw = exchange.raw
    return Handoff("response body", body_text(raw.response_body, raw.response_json))


def raw_handoff(exchange: Exchange) -> Handoff:
    """The raw pane as text: request line, headers and body, then the response's."""
    raw = exchange.raw
    status = raw.status_line if raw.status is not None else "(no status)"
    lines = [
        f"{raw.method} {raw.url}",
        *_headers_lines(raw.request_headers),
        "",
        body_text(raw.request_body, raw.request_json),
        "",
        f"HTTP {status}",
        *_headers_lines(raw.response_headers),
        "",
        body_text(raw.response_body, raw.response_json),
    ]
    return Handoff("raw exchange", "\n".join(lines).rstrip("\n") + "\n")


def tools_handoff(tools: tuple[ToolDefinition, ...]) -> Handoff:
    listed = [{"name": t.name, "description": t.description, "parameters": t.parameters} for t in tools]
    return Handoff(f"{counted(len(tools), 'tool definition')}", pretty_json(listed))


def response_handoff(exchange: Exchange) -> Handoff:
    """What the interaction answered: the assistant's message (its text, or its tool call's
    arguments), else the error, else the response body as recorded."""
    response = exchange.response
    if response.message is not None and response.message.parts:
        found = message_handoff(response.message)
        if found.text.strip():
            if found.what != "assistant message":  # its tool call's arguments
                return found
            plain = all(isinstance(p, TextPart) for p in response.message.parts)
            return Handoff("response text" if plain else "response", found.text)
    if response.error is not None and response.error.message:
        return Handoff("error message", response.error.message)
    return response_body_handoff(exchange)
