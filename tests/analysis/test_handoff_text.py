"""What `y` and `v` hand over as text: a message, a tool call's arguments, a body, headers."""

from __future__ import annotations

import json
from dataclasses import replace

from tests.helpers.analysis_builders import assistant, call, text, thinking, user
from tests.helpers.analysis_builders import exchange as built
from tui_replay.analysis.handoff_text import (
    Handoff,
    headers_handoff,
    message_handoff,
    raw_handoff,
    response_body_handoff,
    response_handoff,
)
from tui_replay.model import ApiError, Exchange, Headers, Message


def exchange(
    *,
    response: Message | None = None,
    error: ApiError | None = None,
    body: bytes = b"",
    request_headers: Headers = (),
    response_headers: Headers = (),
) -> Exchange:
    """One interaction answered with `response` (or `error`), its response body `body`."""
    ex = built(0, [user("hi")], response)
    raw = replace(
        ex.raw,
        response_body=body,
        request_headers=request_headers,
        response_headers=response_headers,
        status=error.status if error else 200,
        status_text="Too Many Requests" if error else "OK",
    )
    return replace(ex, raw=raw, response=replace(ex.response, error=error))


def test_a_text_message_is_its_text_as_written() -> None:
    copied = message_handoff(user("What is **2 + 2**?\n\n- a list"))
    assert copied == Handoff("user message", "What is **2 + 2**?\n\n- a list")


def test_a_message_of_one_tool_call_is_its_arguments_as_pretty_json() -> None:
    copied = message_handoff(assistant(call("c1", "get_weather", {"city": "Florence", "days": 2})))
    assert copied.what == "tool call arguments"
    assert copied.text == '{\n  "city": "Florence",\n  "days": 2\n}'
    assert copied.summary == f"tool call arguments · {len(copied.text)} chars"


def test_arguments_that_are_not_json_are_copied_as_sent() -> None:
    broken = call("c1", "f", None, raw='{"city": "Flor')
    assert message_handoff(assistant(broken)).text == '{"city": "Flor'


def test_several_tool_calls_say_whose_arguments_are_whose() -> None:
    copied = message_handoff(assistant(call("a", "one", {"x": 1}), call("b", "two", {"y": 2})))
    assert copied.what == "arguments of 2 tool calls"
    assert json.loads(copied.text) == [
        {"name": "one", "arguments": {"x": 1}},
        {"name": "two", "arguments": {"y": 2}},
    ]


def test_a_mixed_message_keeps_every_part_in_order() -> None:
    copied = message_handoff(assistant(thinking("hmm"), text("Let me look."), call("c9", "look", {"q": 1})))
    assert copied.text == '[thinking]\nhmm\n\nLet me look.\n\n[tool call look id=c9]\n{\n  "q": 1\n}'


def test_the_response_its_text_else_its_error_else_its_body() -> None:
    answered = exchange(response=Message("assistant", (text("4"),)))
    assert response_handoff(answered) == Handoff("response text", "4")
    called = exchange(response=Message("assistant", (call("c1", "add", {"a": 2}),)))
    assert response_handoff(called).what == "tool call arguments"
    failed = exchange(error=ApiError(429, "rate_limit", "Too many requests", "openai"), body=b'{"e": 1}')
    assert response_handoff(failed) == Handoff("error message", "Too many requests")
    empty = exchange(body=b'{"id":"x","choices":[]}')
    assert response_handoff(empty) == Handoff("response body", '{\n  "id": "x",\n  "choices": []\n}')
    assert response_body_handoff(empty) == response_handoff(empty)


def test_headers_and_the_raw_exchange() -> None:
    ex = exchange(
        body=b"not json",
        request_headers=(("Accept", "application/json"), ("X-Two", "a"), ("X-Two", "b")),
        response_headers=(("Content-Type", "text/plain"),),
    )
    assert headers_handoff(ex).text == (
        f"{ex.raw.method} {ex.raw.url}\nAccept: application/json\nX-Two: a\nX-Two: b\n\n"
        f"HTTP {ex.raw.status_line}\nContent-Type: text/plain\n"
    )
    raw = raw_handoff(ex).text
    assert raw.startswith(f"{ex.raw.method} {ex.raw.url}\nAccept: application/json\n") and raw.endswith(
        "\nnot json\n"
    )
