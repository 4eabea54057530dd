"""Problems found across a cassette; decode-level ones come from the dialects.

Cross-interaction rules (codes are stable):

* ``tool-result-missing`` (error): a tool call gets no result. For a call the
  response made, "the next request" is the next interaction when it continues
  the conversation (or, for stateful APIs such as the Responses API with
  ``previous_response_id``, when it sends results for this response's calls);
  a call that the client sent back must be followed by its result in that
  same request.
* ``tool-result-unknown-id`` (error): a tool result names a call id that no
  earlier message of the request, nor the previous response, made.
* ``tool-call-id-reused`` (warning): one tool-call id used by two calls in one
  conversation (within a request's history, or a response reusing an id of its
  own request).
* ``tool-args-schema`` (warning): a call's arguments break the JSON schema the
  request declared for that tool (see `tui_replay.analysis.schema`).
* ``tool-args-double-encoded`` (warning): arguments that are a JSON string
  holding JSON, e.g. ``"{\\"a\\": 1}"`` where ``{"a": 1}`` was meant.

Each request is walked only past the history it shares with the request before
it (`conversation.extends`), carrying the ids seen so far forward, so a long
conversation costs time linear in its messages, not quadratic.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tui_replay.analysis.conversation import answered, echo_of, extends, needs_client_result, repeats
from tui_replay.analysis.schema import schema_errors
from tui_replay.model import Exchange, Message, Problem, ToolCallPart, ToolDefinition, ToolResultPart


def _call_label(call: ToolCallPart) -> str:
    return f"{call.name or '?'} (id {call.id})" if call.id else (call.name or "?")


def double_encoded(call: ToolCallPart) -> Any:
    """The inner value when the arguments are a JSON string holding a JSON object/array, else None."""
    inner = call.arguments
    if not isinstance(inner, str):
        return None
    text = inner.strip()
    if not text.startswith(("{", "[")):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, (dict, list)) else None


@dataclass
class _History:
    """Tool-call ids of the conversation walked so far (mutated as requests extend it)."""

    length: int = 0
    """Messages of the last request already walked."""
    calls: dict[str, int] = field(default_factory=dict)
    """Call id -> message index that made it."""


class _Finder:
    def __init__(self, exchange: Callable[[int], Exchange], count: int) -> None:
        self.exchange = exchange
        self.count = count
        self.found: list[Problem] = []

    def add(self, index: int, severity: str, code: str, message: str) -> None:
        self.found.append(Problem(index, severity, code, message))  # type: ignore[arg-type]

    def run(self, decode_level: bool = False, start: int = 0, stop: int | None = None) -> list[Problem]:
        """Walk the cassette once, each exchange fetched once (a 256-entry decode cache
        would thrash on a 5,000-interaction file if two passes asked for it).
        `start`/`stop` walk only a window (see `problems_near`)."""
        history = _History()
        previous: Exchange | None = None
        last_calls: tuple[ToolCallPart, ...] = ()
        """Calls of the latest successful response (stateful APIs answer them without history)."""
        stop = self.count if stop is None else min(stop, self.count)
        nxt = self.exchange(start) if start < stop else None
        for j in range(start, stop):
            assert nxt is not None
            current = nxt
            if decode_level:
                self.found.extend(current.problems)
            repeat = previous is not None and repeats(previous, current)
            if not repeat and (previous is None or not extends(previous, current)):
                history = _History()  # another conversation starts (a repeat has nothing new to walk)
            self.walk_request(j, current, history, last_calls, previous)
            self.check_response(j, current, history)
            nxt = self.exchange(j + 1) if j + 1 < self.count else None
            self.check_results_next(j, current, nxt)
            message = answered(current)
            if message is not None:
                last_calls = message.tool_calls
            previous = current
        return self.found

    # -- one request ------------------------------------------------------------------------

    def walk_request(
        self,
        j: int,
        current: Exchange,
        history: _History,
        last_calls: tuple[ToolCallPart, ...],
        previous: Exchange | None,
    ) -> None:
        messages = current.request.messages
        start = history.length if history.length <= len(messages) else 0
        # Calls sent back in this request that answer the previous response: their missing
        # results are reported on that response's interaction, which made the calls.
        answer = answered(previous) if previous is not None else None
        echo = echo_of(previous, current) if previous is not None and answer is not None else None
        answer_calls = answer.tool_calls if answer is not None else ()
        last_result = _last_result_positions(messages, start)
        anonymous_from = last_result.get("", -1)
        tools = _tools_by_name(current.request.tools)
        reply = answered(current)
        reply_parts = reply.parts if reply is not None else ()
        answered_ids = {p.tool_call_id for p in reply_parts if isinstance(p, ToolResultPart)}
        previous_ids = {c.id for c in last_calls if c.id}
        echoed = 0
        for k in range(start, len(messages)):
            message = messages[k]
            in_echo = echo is not None and echo.position <= k < echo.end
            for part in message.parts:
                if isinstance(part, ToolCallPart):
                    # a call sent back as the response made it was already judged on the response
                    original = answer_calls[echoed] if in_echo and echoed < len(answer_calls) else None
                    echoed += in_echo
                    self.check_sent_call(j, k, part, history, original)
                    if in_echo:
                        missing_owner, where = j - 1, f"the next request (interaction {j})"
                    else:
                        missing_owner, where = j, f"this request after message {k}"
                    resolved = (
                        last_result.get(part.id or "", -1) >= k  # the same message holds server-side results
                        or part.id in answered_ids  # an in-flight server call the response completes
                        or anonymous_from >= k  # results without ids (xAI): cannot pair them
                    )
                    if part.id and not resolved and needs_client_result(part, tools):
                        self.add(
                            missing_owner,
                            "error",
                            "tool-result-missing",
                            f"tool call {_call_label(part)} gets no result in {where}",
                        )
                elif isinstance(part, ToolResultPart):
                    cid = part.tool_call_id
                    if cid and cid not in history.calls and cid not in previous_ids:
                        self.add(
                            j,
                            "error",
                            "tool-result-unknown-id",
                            f"tool result in message {k} answers call id {cid!r}, "
                            "which no earlier tool call made",
                        )
        history.length = len(messages)

    def check_sent_call(
        self, j: int, k: int, call: ToolCallPart, history: _History, original: ToolCallPart | None
    ) -> None:
        if call.id:
            first = history.calls.get(call.id)
            if first is not None and original is not None and original.id == call.id:
                pass  # the response reusing this id was reported already
            elif first is not None and first != k:
                self.add(
                    j,
                    "warning",
                    "tool-call-id-reused",
                    f"tool call {_call_label(call)} in message {k} reuses the id of the call "
                    f"in message {first}",
                )
            elif first == k:
                self.add(
                    j,
                    "warning",
                    "tool-call-id-reused",
                    f"message {k} has two tool calls with id {call.id!r}",
                )
            else:
                history.calls[call.id] = k
        if double_encoded(call) is not None and (original is None or double_encoded(original) is None):
            self.add(
                j,
                "warning",
                "tool-args-double-encoded",
                f"tool call {_call_label(call)} in message {k} was sent back with arguments double-encoded "
                "(a JSON string holding JSON)",
            )

    # -- one response -----------------------------------------------------------------------

    def check_response(self, j: int, current: Exchange, history: _History) -> None:
        message = answered(current)
        if message is None:
            return
        tools = _tools_by_name(current.request.tools)
        seen: set[str] = set()
        for call in message.tool_calls:
            if call.id:
                if call.id in seen:
                    self.add(
                        j, "warning", "tool-call-id-reused", f"the response has two calls with id {call.id!r}"
                    )
                elif call.id in history.calls:
                    self.add(
                        j,
                        "warning",
                        "tool-call-id-reused",
                        f"the response's tool call {_call_label(call)} reuses the id of the call "
                        f"in message {history.calls[call.id]} of its request",
                    )
                seen.add(call.id)
            if double_encoded(call) is not None:
                self.add(
                    j,
                    "warning",
                    "tool-args-double-encoded",
                    f"the response's tool call {_call_label(call)} has double-encoded arguments "
                    "(a JSON string holding JSON)",
                )
            tool = tools.get(call.name)
            if tool is not None and call.arguments_valid and isinstance(tool.parameters, dict):
                arguments = call.arguments if call.arguments is not None else {}
                errors = schema_errors(arguments, tool.parameters)
                if errors:
                    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
                    self.add(
                        j,
                        "warning",
                        "tool-args-schema",
                        f"tool call {_call_label(call)} breaks the tool's schema: {errors[0]}{more}",
                    )

    def check_results_next(self, j: int, current: Exchange, nxt: Exchange | None) -> None:
        """Calls of this response that the next request neither sends back nor answers."""
        message = answered(current)
        if message is None or nxt is None or not message.tool_calls:
            return
        tools = _tools_by_name(current.request.tools)
        own_results = {p.tool_call_id for p in message.parts if isinstance(p, ToolResultPart)}
        calls = [c for c in message.tool_calls if needs_client_result(c, tools) and c.id not in own_results]
        if not calls:
            return
        echo = echo_of(current, nxt)
        if echo is not None:
            sent_back = len(echo.message.tool_calls)
            for call in (c for c in message.tool_calls[sent_back:] if c in calls):
                self.add(
                    j,
                    "error",
                    "tool-result-missing",
                    f"tool call {_call_label(call)} is not sent back in the next request "
                    f"(interaction {j + 1})",
                )
            return
        if extends(current, nxt):
            self.add(
                j,
                "error",
                "tool-result-missing",
                f"the next request (interaction {j + 1}) continues the conversation without this "
                f"response's {len(calls)} tool call(s) or their results",
            )
            return
        # Stateful APIs (previous_response_id) send only the new results.
        parts = (p for m in nxt.request.messages for p in m.parts)
        results = {p.tool_call_id for p in parts if isinstance(p, ToolResultPart)}
        made = {c.id for c in calls if c.id}
        if results & made:
            for call in calls:
                if call.id and call.id not in results:
                    self.add(
                        j,
                        "error",
                        "tool-result-missing",
                        f"tool call {_call_label(call)} gets no result in the next request "
                        f"(interaction {j + 1})",
                    )


def _tools_by_name(tools: Iterable[ToolDefinition]) -> dict[str, ToolDefinition]:
    return {t.name: t for t in tools}


def _last_result_positions(messages: tuple[Message, ...], start: int) -> dict[str, int]:
    """Tool-result id -> index of the last message from `start` on that carries it ("" for no id)."""
    out: dict[str, int] = {}
    for k in range(start, len(messages)):
        for part in messages[k].parts:
            if isinstance(part, ToolResultPart):
                out[part.tool_call_id or ""] = k
    return out


def problems_in(exchange: Callable[[int], Exchange], count: int) -> list[Problem]:
    """Cross-interaction problems only, in interaction order."""
    found = _Finder(exchange, count).run()
    return sorted(found, key=lambda p: -1 if p.interaction is None else p.interaction)


def problems_of_all(exchange: Callable[[int], Exchange], count: int) -> list[Problem]:
    """Decode-level and cross-interaction problems of the `count` interactions given by
    `exchange(i)` (a cassette's, or a list already decoded), ordered by interaction
    (file-level first)."""
    found = _Finder(exchange, count).run(decode_level=True)
    return sorted(found, key=lambda p: -1 if p.interaction is None else p.interaction)


NEAR_LOOKBACK = 8
"""How far `problems_near` walks back for the conversation and the last answered calls."""

NEAR_LOOKAHEAD = 1
"""How far past `index` `problems_near` walks: the next request may report a call of `index`
that was never answered."""


def problems_near(exchange: Callable[[int], Exchange], count: int, index: int) -> list[Problem]:
    """Decode-level and cross-interaction problems of interaction `index` alone, from a short
    window around it instead of the whole cassette (a 5,000-interaction file need not be
    decoded to show one interaction). `count` need only be right up to
    `index + NEAR_LOOKAHEAD + 1`: `min(count, index + NEAR_LOOKAHEAD + 1)` gives the same answer.

    The walk starts at the latest interaction before `index` that answered (at most
    `NEAR_LOOKBACK` back; its request carries the conversation so far, so the ids seen are
    those of the full walk) and ends one past `index` (whose request may report a call of
    `index` that was never answered). `problems_of_all` stays the exact, whole-cassette answer.
    """
    if not 0 <= index < count:
        return []
    start = index - 1 if index > 0 else 0
    while start > 0 and index - start < NEAR_LOOKBACK and answered(exchange(start)) is None:
        start -= 1
    found = _Finder(exchange, count).run(decode_level=True, start=start, stop=index + NEAR_LOOKAHEAD + 1)
    return [p for p in found if p.interaction == index]
