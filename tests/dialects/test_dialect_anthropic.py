"""Anthropic Messages: facts read from the corpus cassettes, and edge cases built by hand."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.dialect_builders import posted
from tests.helpers.paths import corpus_file
from tui_replay import dialects
from tui_replay.analysis.cassette import open_cassette
from tui_replay.model import ImagePart, RawInteraction, TextPart, ThinkingPart, ToolCallPart, ToolResultPart


def raw(
    body: object,
    response: bytes | str,
    *,
    status: int = 200,
    content_type: str = "application/json",
    url: str = "https://api.anthropic.com/v1/messages",
) -> RawInteraction:
    payload = response.encode() if isinstance(response, str) else response
    return posted(url, body, payload, status=status, content_type=content_type)


def sse(*events: dict[str, object]) -> str:
    return "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events)


def codes(exchange: object) -> list[str]:
    return [p.code for p in exchange.problems]  # type: ignore[attr-defined]


def fantasy(path: str) -> Path:
    return corpus_file("go-vcr/fantasy/" + path)


def test_thinking_stream_with_tool_use() -> None:
    cassette = open_cassette(fantasy("TestAnthropicThinking/claude-sonnet-4/thinking-streaming.yaml"))
    first = cassette.exchange(0)
    assert first.dialect == "anthropic" and first.streamed
    assert first.request.model == "claude-sonnet-4-20250514"
    assert first.request.messages[0].role == "system"
    assert first.request.messages[0].text == "You are a helpful assistant"
    assert first.request.params["thinking"] == {"budget_tokens": 4000, "type": "enabled"}
    assert [t.name for t in first.request.tools] == ["weather"]
    assert first.request.tools[0].parameters["required"] == ["location"]
    message = first.response.message
    assert message is not None
    thinking, call = message.parts
    assert isinstance(thinking, ThinkingPart)
    assert thinking.text.startswith("The user is asking for weather information for Florence, Italy. I have")
    assert thinking.signature is not None and thinking.signature.startswith("EtYDCkYICxgCKkAVHEWRYo6RgSMs")
    assert isinstance(call, ToolCallPart)
    assert (call.id, call.name, call.arguments) == (
        "toolu_01Js4AMfx5qpTLhwTusnvT68",
        "weather",
        {"location": "Florence, Italy"},
    )
    assert first.response.finish_reason == "tool_use"
    assert first.response.usage["output_tokens"] == 119
    kinds = [c.kind for c in first.response.chunks]
    assert kinds[0] == "start" and kinds[-1] == "done"
    assert "signature" in kinds and "tool_args" in kinds
    assert (
        "".join(c.delta for c in first.response.chunks if c.kind == "tool_args")
        == '{"location": "Florence, Italy"}'
    )
    assert first.problems == ()

    second = cassette.exchange(1)
    roles = [m.role for m in second.request.messages]
    assert roles == ["system", "user", "assistant", "tool"]
    result = second.request.messages[3].parts[0]
    assert isinstance(result, ToolResultPart)
    assert (result.tool_call_id, result.content, result.is_error) == (
        "toolu_01Js4AMfx5qpTLhwTusnvT68",
        "40 C",
        False,
    )
    assert second.response.message is not None
    assert second.response.message.text.startswith("The current weather in Florence, Italy is 40°C")


def test_web_search_server_tool_stream() -> None:
    exchange = open_cassette(fantasy("TestAnthropicWebSearch/stream.yaml")).exchange(0)
    tool = exchange.request.tools[0]
    assert (tool.name, tool.parameters) == ("web_search", None)
    message = exchange.response.message
    assert message is not None
    call, result = message.parts[0], message.parts[1]
    assert isinstance(call, ToolCallPart) and call.arguments == {"query": "Tokyo population 2026 current"}
    assert isinstance(result, ToolResultPart) and result.tool_call_id == call.id
    assert result.name == "web_search_tool_result"
    assert result.content[0]["url"] == "https://worldpopulationreview.com/cities/japan/tokyo"


def test_computer_use_builtin_tool_and_image_result() -> None:
    cassette = open_cassette(fantasy("TestAnthropicComputerUse/claude-sonnet-4/computer_use.yaml"))
    exchange = cassette.exchange(1)
    assert [(t.name, t.description, t.parameters) for t in exchange.request.tools] == [
        ("computer", "computer_20250124", None)
    ]
    result = exchange.request.messages[-1].parts[0]
    assert isinstance(result, ToolResultPart)
    assert result.content[0]["type"] == "image" and result.content[0]["media_type"] == "image/png"


def test_plain_error_body() -> None:
    path = "vcrpy/pydantic-ai/models/cassettes/test_anthropic"
    exchange = open_cassette(
        corpus_file(f"{path}/test_anthropic_explicit_effort_xhigh_unsupported_model_errors.yaml")
    ).exchange(0)
    error = exchange.response.error
    assert error is not None
    assert (error.status, error.type, error.provider) == (400, "invalid_request_error", "anthropic")
    assert "does not support effort level 'xhigh'" in error.message
    assert codes(exchange) == ["http-error"]
    assert "invalid_request_error" in exchange.problems[0].message


def test_request_blocks_images_and_redacted_thinking() -> None:
    body = {
        "model": "claude-x",
        "system": "be brief",
        "max_tokens": 10,
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "what is this?"},
                    {
                        "type": "image",
                        "source": {"type": "base64", "media_type": "image/png", "data": "aGVsbG8="},
                    },
                ],
            },
            {
                "role": "assistant",
                "content": [
                    {"type": "redacted_thinking", "data": "opaque"},
                    {"type": "tool_use", "id": "t1", "name": "look", "input": {"x": 1}},
                ],
            },
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": "t1", "content": "boom", "is_error": True},
                    {"type": "text", "text": "and?"},
                ],
            },
        ],
    }
    exchange = dialects.decode(
        raw(body, json.dumps({"type": "message", "content": [], "stop_reason": "end_turn"}))
    )
    system, user, assistant, mixed = exchange.request.messages
    assert system.role == "system" and system.text == "be brief"
    assert user.parts[1] == ImagePart("image/png", 5)
    assert assistant.parts[0] == ThinkingPart("", "opaque", redacted=True)
    assert mixed.role == "user"  # results mixed with text stay a user message
    assert mixed.parts[0] == ToolResultPart("t1", "boom", True)
    assert exchange.request.params == {"max_tokens": 10}
    assert codes(exchange) == ["empty-turn"]


def test_stream_error_event_and_no_message_stop() -> None:
    body = sse(
        {"type": "message_start", "message": {"id": "m", "model": "c", "usage": {"input_tokens": 3}}},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hel"}},
        {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
    )
    exchange = dialects.decode(raw({"model": "c", "messages": []}, body, content_type="text/event-stream"))
    assert exchange.response.error is not None
    assert (exchange.response.error.type, exchange.response.error.message) == (
        "overloaded_error",
        "Overloaded",
    )
    assert exchange.response.chunks[-1].kind == "error"
    assert exchange.response.message is not None and exchange.response.message.text == "Hel"
    # the error event ends the 200 stream: a stream error, not an HTTP error nor an unterminated stream
    assert codes(exchange) == ["stream-error"]
    assert exchange.problems[0].message == "overloaded_error in the anthropic stream: Overloaded"


def test_truncated_stream_with_broken_tool_arguments() -> None:
    body = sse(
        {"type": "message_start", "message": {"id": "m", "model": "c", "usage": {}}},
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "tool_use", "id": "t", "name": "f", "input": {}},
        },
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "input_json_delta", "partial_json": '{"a": '},
        },
        {"type": "message_delta", "delta": {"stop_reason": "max_tokens"}, "usage": {"output_tokens": 9}},
        {"type": "message_stop"},
    )
    exchange = dialects.decode(raw({"model": "c", "messages": []}, body, content_type="text/event-stream"))
    call = exchange.response.message.tool_calls[0]  # type: ignore[union-attr]
    assert call.arguments_raw == '{"a": ' and not call.arguments_valid
    assert exchange.response.usage == {"output_tokens": 9}
    assert codes(exchange) == ["tool-args-invalid-json", "truncated"]


def test_vertex_raw_predict_takes_model_from_url() -> None:
    url = (
        "https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/"
        "models/claude-3-7-sonnet@20250219:rawPredict"
    )
    answer = {"type": "message", "content": [{"type": "text", "text": "hi"}], "stop_reason": "end_turn"}
    exchange = dialects.decode(
        raw({"anthropic_version": "vertex-2023-10-16", "messages": []}, json.dumps(answer), url=url)
    )
    assert exchange.dialect == "anthropic"
    assert exchange.request.model == "claude-3-7-sonnet@20250219"
    assert exchange.response.message is not None and exchange.response.message.parts == (TextPart("hi"),)


def test_wrong_types_degrade() -> None:
    body = {
        "model": 3,
        "system": [{"type": "text", "text": None}, 7],
        "messages": [
            {
                "role": "user",
                "content": [None, {"type": "image", "source": "nope"}, {"type": "tool_use", "input": "x"}],
            },
            "not a message",
        ],
        "tools": ["nope", {"name": "t"}],
    }
    exchange = dialects.decode(raw(body, b"\xff\x00 not json", status=500))
    assert exchange.dialect == "anthropic"
    assert exchange.request.model == "3"
    # the null block is kept and reported, not dropped
    assert [p.code for p in exchange.problems] == ["http-error", "undecoded-item"]
    assert "`block`" in exchange.problems[1].message
