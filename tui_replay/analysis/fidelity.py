"""Fidelity: does the assistant turn we assembled equal what the client sent back?

For every successful response whose next interaction continues the conversation
(`conversation.echo_of`), the assembled assistant message is compared with the
echo in the next request: its text, and its tool calls (name and arguments) in
order. Normalisations, and nothing else:

* text: all text parts joined, each whitespace run made one space, stripped
  (clients trim, SDKs join parts with or without newlines);
* arguments: compared as parsed JSON (key order and spacing do not matter); an
  empty argument string counts as ``{}`` (streams of no-argument calls send
  nothing, clients send ``{}``); arguments that are not JSON compare as
  stripped strings;
* tool-call ids are not compared (a client may rewrite them: the streamed seed
  comes from a test that replaces the provider's non-unique ids); a rewrite is
  listed in `notes`;
* thinking parts are not compared (clients drop them or send only signatures),
  except when the client replays them as ``<think>...</think>`` in the text
  (pydantic-ai does for models without a reasoning field): those blocks are
  compared with the assembled thinking and taken out of the text.

* when the next request goes to another API (a history carried from Anthropic to
  Gemini), provider-run tool calls (a result in the same message, or a tool
  without a schema) are left out: the other provider could not run them.

A response with text or tool calls whose next request continues the conversation
without any assistant message is a pair that does not match.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from tui_replay.analysis.conversation import answered, echo_of, extends, needs_client_result, squash
from tui_replay.model import Exchange, Message, ThinkingPart, ToolCallPart, ToolResultPart

_THINK = re.compile(r"<think>(.*?)</think>", re.DOTALL)


@dataclass(frozen=True)
class FidelityPair:
    interaction: int
    """The response's interaction; the echo is in interaction + 1."""
    matched: bool
    differences: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """Differences the comparison forgives (rewritten tool-call ids)."""


def _arguments(call: ToolCallPart) -> Any:
    if call.arguments_valid and call.arguments is not None:
        return call.arguments
    raw = call.arguments_raw.strip()
    if raw == "":
        return {}
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return raw


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def compare_messages(assembled: Message, sent_back: Message) -> tuple[list[str], list[str]]:
    """(differences, notes) between an assembled assistant turn and the client's copy."""
    differences: list[str] = []
    notes: list[str] = []
    ours, theirs = squash(assembled.text), squash(sent_back.text)
    thinking = [p.text for p in assembled.parts if isinstance(p, ThinkingPart)]
    if thinking and "<think>" in theirs:
        replayed = " ".join(m.group(1) for m in _THINK.finditer(theirs))
        theirs = squash(_THINK.sub(" ", theirs))
        if squash(replayed) != squash(" ".join(thinking)):
            differences.append(
                f"thinking: assembled {_short(squash(' '.join(thinking)))!r}, "
                f"sent back in <think> tags {_short(squash(replayed))!r}"
            )
        notes.append("thinking sent back as <think> tags in the text")
    if ours != theirs:
        differences.append(f"text: assembled {_short(ours)!r}, sent back {_short(theirs)!r}")
    calls, echoed = assembled.tool_calls, sent_back.tool_calls
    if len(calls) != len(echoed):
        names = ", ".join(c.name for c in calls) or "none"
        back = ", ".join(c.name for c in echoed) or "none"
        differences.append(f"tool calls: assembled {len(calls)} ({names}), sent back {len(echoed)} ({back})")
    for n, (a, b) in enumerate(zip(calls, echoed, strict=False)):
        if a.name != b.name:
            differences.append(f"tool call {n}: name {a.name!r} assembled, {b.name!r} sent back")
        if _arguments(a) != _arguments(b):
            differences.append(
                f"tool call {n} ({a.name}): arguments {_short(_arguments(a))} assembled, "
                f"{_short(_arguments(b))} sent back"
            )
        if a.id != b.id:
            notes.append(f"tool call {n} ({a.name}): id {a.id!r} sent back as {b.id!r}")
    return differences, notes


def _without_server_calls(message: Message, exchange: Exchange) -> Message:
    """The message without provider-run tool calls and their results."""
    tools = {t.name: t for t in exchange.request.tools}
    own_results = {p.tool_call_id for p in message.parts if isinstance(p, ToolResultPart)}
    server = {
        p.id
        for p in message.parts
        if isinstance(p, ToolCallPart) and (p.id in own_results or not needs_client_result(p, tools))
    }
    parts = tuple(
        p
        for p in message.parts
        if not (isinstance(p, ToolCallPart) and p.id in server)
        and not (isinstance(p, ToolResultPart) and p.tool_call_id in server)
    )
    return replace(message, parts=parts)


def fidelity_pairs(exchange: Callable[[int], Exchange], count: int) -> list[FidelityPair]:
    """One `FidelityPair` per response whose turn the next interaction sends back."""
    out: list[FidelityPair] = []
    if count < 2:
        return out
    current = exchange(0)
    for i in range(count - 1):
        nxt = exchange(i + 1)
        assembled = answered(current)
        if assembled is not None:
            echo = echo_of(current, nxt)
            if echo is not None:
                if nxt.dialect != current.dialect:
                    assembled = _without_server_calls(assembled, current)
                differences, notes = compare_messages(assembled, echo.message)
                out.append(FidelityPair(i, not differences, tuple(differences), tuple(notes)))
            elif extends(current, nxt) and (squash(assembled.text) or assembled.tool_calls):
                missing = "the next request continues the conversation without this assistant turn"
                out.append(FidelityPair(i, False, (missing,)))
        current = nxt
    return out
