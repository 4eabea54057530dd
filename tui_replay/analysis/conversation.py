"""How one request follows another: the shared history and the assistant turn sent back.

Interaction ``j``'s request *continues* interaction ``i``'s when it carries ``i``'s
messages again and then more: the assistant turn ``i`` was answered with (the
"echo"), tool results, a new user message. Only adjacent requests are compared
and only in O(1) messages (the count, the first and the last shared message),
so walking a long conversation stays linear even though every request repeats
the whole history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_replay.model import (
    Exchange,
    Message,
    Part,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolDefinition,
    ToolResultPart,
)

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text with every whitespace run made one space, and stripped."""
    return _SPACE.sub(" ", text).strip()


def _part_key(part: Part) -> tuple[object, ...]:
    if isinstance(part, TextPart):
        return ("text", len(part.text), part.text[:64], part.text[-64:])
    if isinstance(part, ToolCallPart):
        return ("call", part.id, part.name)
    if isinstance(part, ToolResultPart):
        return ("result", part.tool_call_id)
    if isinstance(part, ThinkingPart):
        return ("thinking",)
    return (part.type,)


def message_key(message: Message) -> tuple[object, ...]:
    """What must agree for two messages to count as the same history entry.

    A client re-sends its history verbatim, so text is compared as is, by length and
    ends (cheap even for a message holding a whole document)."""
    return (message.role, *(_part_key(p) for p in message.parts if not isinstance(p, ThinkingPart)))


def extends(before: Exchange, after: Exchange) -> bool:
    """Whether `after`'s request repeats all of `before`'s messages and adds at least one.

    The URL may differ: a client can carry a conversation over to another provider
    (pydantic-ai tests send an Anthropic history to Gemini), which is still a continuation.
    """
    old, new = before.request.messages, after.request.messages
    if not old or len(new) <= len(old):
        return False
    first_same = message_key(old[0]) == message_key(new[0])
    return first_same and message_key(old[-1]) == message_key(new[len(old) - 1])


def repeats(before: Exchange, after: Exchange) -> bool:
    """Whether `after` sends the same messages as `before` (a retry), judged in O(1) messages.

    (Tuple equality would compare every message: quadratic over a long conversation.)
    """
    old, new = before.request.messages, after.request.messages
    if len(old) != len(new):
        return False
    return not old or (
        message_key(old[0]) == message_key(new[0]) and message_key(old[-1]) == message_key(new[-1])
    )


@dataclass(frozen=True)
class Echo:
    """The assistant turn a client sent back, found in the request after the response."""

    position: int
    """Index in the next request's messages where the echo starts."""
    message: Message
    """The echoed assistant message(s), merged into one when the API splits them
    (the Responses API sends a message item and each function call as separate items)."""
    end: int
    """Index just past the echo."""


def echo_of(before: Exchange, after: Exchange) -> Echo | None:
    """The assistant message(s) in `after`'s request that answer `before`'s request.

    None when `after` does not continue `before`, or when the first new message is
    not from the assistant (the client did not send the turn back).
    """
    if not extends(before, after):
        return None
    messages = after.request.messages
    start = len(before.request.messages)
    end = start
    while end < len(messages) and messages[end].role == "assistant":
        end += 1
    if end == start:
        return None
    if end == start + 1:
        return Echo(start, messages[start], end)
    parts: list[Part] = []
    for message in messages[start:end]:
        parts.extend(message.parts)
    return Echo(start, Message("assistant", tuple(parts)), end)


def answered(exchange: Exchange) -> Message | None:
    """The assistant message of a successful response, else None."""
    if exchange.is_error:
        return None
    return exchange.response.message


def needs_client_result(call: ToolCallPart, tools: dict[str, ToolDefinition]) -> bool:
    """Whether the client must answer this call: not a provider-run (server-side) tool.

    Server-side tools (web search, code execution, MCP servers) are declared without a
    JSON schema, or not declared at all next to declared function tools; their results
    come from the provider, often inside the same assistant message.
    """
    if call.server:  # the decoder saw it marked as provider-run
        return False
    tool = tools.get(call.name)
    if tool is not None:
        return tool.parameters is not None
    return not tools
