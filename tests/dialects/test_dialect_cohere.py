"""Cohere v2 chat: a tool run from the corpus and a stream built by hand."""

from __future__ import annotations

import json

from tests.helpers.paths import corpus_file
from tui_replay import dialects
from tui_replay.analysis.cassette import open_cassette
from tui_replay.model import RawInteraction, ThinkingPart, ToolResultPart


def raw(
    body: object, response: str, content_type: str = "text/event-stream", status: int = 200
) -> RawInteraction:
    return RawInteraction(
        0,
        "POST",
        "https://api.cohere.com/v2/chat",
        (),
        json.dumps(body).encode(),
        status,
        "",
        (("Content-Type", content_type),),
        response.encode(),
        None,
    )


def test_corpus_tool_run() -> None:
    folder = "vcrpy/pydantic-ai/models/cassettes/test_tool_choice_matrix"
    path = corpus_file(f"{folder}/test_tool_choice_matrix[auto-cohere].yaml")
    cassette = open_cassette(path)
    first = cassette.exchange(0)
    assert first.dialect == "cohere" and not first.streamed
    assert first.request.model == "command-r7b-12-2024"
    assert [t.name for t in first.request.tools] == ["get_weather"]
    message = first.response.message
    assert message is not None
    assert message.parts[0] == ThinkingPart("I will use the 'get_weather' tool to find the weather in Paris.")
    call = message.tool_calls[0]
    assert (call.id, call.name, call.arguments) == (
        "get_weather_9gpb31r7h7mj",
        "get_weather",
        {"city": "Paris"},
    )
    assert first.response.finish_reason == "TOOL_CALL"
    assert first.response.usage["billed_units"] == {"input_tokens": 41, "output_tokens": 25}
    second = cassette.exchange(1)
    assert second.request.messages[-1].parts == (
        ToolResultPart("get_weather_9gpb31r7h7mj", "Sunny, 22C in Paris"),
    )
    assert second.response.message is not None
    assert second.response.message.text == "The weather in Paris is currently sunny and 22C."


def sse(*events: dict[str, object]) -> str:
    return "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events)


def test_stream_with_plan_tool_call_and_text() -> None:
    body = sse(
        {"type": "message-start", "id": "abc", "delta": {"message": {"role": "assistant"}}},
        {"type": "tool-plan-delta", "delta": {"message": {"tool_plan": "I will look"}}},
        {
            "type": "tool-call-start",
            "index": 0,
            "delta": {
                "message": {
                    "tool_calls": {
                        "id": "c1",
                        "type": "function",
                        "function": {"name": "lookup", "arguments": ""},
                    }
                }
            },
        },
        {
            "type": "tool-call-delta",
            "index": 0,
            "delta": {"message": {"tool_calls": {"function": {"arguments": '{"q":'}}}},
        },
        {
            "type": "tool-call-delta",
            "index": 0,
            "delta": {"message": {"tool_calls": {"function": {"arguments": "1}"}}}},
        },
        {"type": "tool-call-end", "index": 0},
        {
            "type": "message-end",
            "delta": {"finish_reason": "TOOL_CALL", "usage": {"tokens": {"output_tokens": 7}}},
        },
    )
    exchange = dialects.decode(raw({"model": "command-a", "messages": [], "stream": True}, body))
    assert exchange.streamed
    message = exchange.response.message
    assert message is not None
    assert message.parts[0] == ThinkingPart("I will look")
    assert message.tool_calls[0].arguments == {"q": 1}
    assert exchange.response.finish_reason == "TOOL_CALL"
    assert exchange.response.id == "abc"
    assert [c.kind for c in exchange.response.chunks] == [
        "start",
        "thinking",
        "tool_call",
        "tool_args",
        "tool_args",
        "other",
        "done",
    ]
    assert exchange.problems == ()


def test_text_stream_without_message_end_and_max_tokens() -> None:
    body = sse(
        {
            "type": "content-start",
            "index": 0,
            "delta": {"message": {"content": {"type": "text", "text": ""}}},
        },
        {"type": "content-delta", "index": 0, "delta": {"message": {"content": {"text": "Hi"}}}},
    )
    exchange = dialects.decode(raw({"messages": []}, body))
    assert exchange.response.message is not None and exchange.response.message.text == "Hi"
    assert [p.code for p in exchange.problems] == ["stream-unterminated"]
    truncated = {"message": {"content": [{"type": "text", "text": "Hi"}]}, "finish_reason": "MAX_TOKENS"}
    exchange = dialects.decode(raw({"messages": []}, json.dumps(truncated), "application/json"))
    assert [p.code for p in exchange.problems] == ["truncated"]


def test_error_body() -> None:
    exchange = dialects.decode(
        raw({"messages": []}, '{"id":"x","message":"invalid api token"}', "application/json", 401)
    )
    assert exchange.response.error is not None and exchange.response.error.message == "invalid api token"
    assert [p.code for p in exchange.problems] == ["http-error"]
