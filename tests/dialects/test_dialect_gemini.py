"""Google Gemini / Vertex: facts read from the corpus cassettes, and edge cases built by hand."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.paths import corpus_file
from tui_replay import dialects
from tui_replay.analysis.cassette import open_cassette
from tui_replay.model import ImagePart, RawInteraction, ThinkingPart, ToolCallPart, ToolResultPart

URL = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:"


def raw(
    body: object,
    response: str,
    *,
    method: str = "streamGenerateContent?alt=sse",
    status: int = 200,
    content_type: str = "text/event-stream",
) -> RawInteraction:
    return RawInteraction(
        index=0,
        method="POST",
        url=URL + method,
        request_headers=(),
        request_body=json.dumps(body).encode(),
        status=status,
        status_text="",
        response_headers=(("Content-Type", content_type),),
        response_body=response.encode(),
        duration_ms=None,
    )


def chunk(parts: list[dict[str, object]], finish: str | None = None) -> dict[str, object]:
    candidate: dict[str, object] = {"content": {"role": "model", "parts": parts}, "index": 0}
    if finish:
        candidate["finishReason"] = finish
    return {
        "candidates": [candidate],
        "usageMetadata": {"totalTokenCount": 5},
        "modelVersion": "gemini-2.5-flash",
    }


def sse(*chunks: dict[str, object]) -> str:
    return "".join(f"data: {json.dumps(c)}\r\n\r\n" for c in chunks)


def google(path: str) -> Path:
    return corpus_file(f"go-vcr/fantasy/TestGoogleCommon/{path}")


def test_streamed_function_call_and_its_response() -> None:
    cassette = open_cassette(google("gemini-2.5-flash/tool_streaming.yaml"))
    first = cassette.exchange(0)
    assert first.dialect == "gemini" and first.streamed
    assert first.request.model == "gemini-2.5-flash"
    assert first.request.messages[0].role == "system"
    assert first.request.messages[0].text == "You are a helpful assistant"
    assert first.request.params["generationConfig"] == {"maxOutputTokens": 4000}
    tool = first.request.tools[0]
    assert (tool.name, tool.description) == ("weather", "Get weather information for a location")
    assert tool.parameters["properties"]["location"]["type"] == "STRING"
    call = first.response.message.parts[0]  # type: ignore[union-attr]
    assert isinstance(call, ToolCallPart)
    assert (call.id, call.name, call.arguments) == (None, "weather", {"location": "Florence,Italy"})
    assert first.response.finish_reason == "STOP"
    assert first.response.usage["thoughtsTokenCount"] == 43
    assert first.response.chunks[-1].kind == "done"
    # Gemini's `finishMessage` ("Model generated function call(s).") is shown as a field
    assert [p.message for p in first.problems] == [
        "response field `candidates[0].finishMessage` not modelled: shown with its JSON"
    ]

    second = cassette.exchange(1)
    assert [m.role for m in second.request.messages] == ["system", "user", "assistant", "tool"]
    result = second.request.messages[3].parts[0]
    assert isinstance(result, ToolResultPart)
    assert (result.name, result.content) == ("weather", {"result": "40 C"})
    assert second.response.message is not None
    assert second.response.message.text == "The weather in Florence,Italy is 40 C."
    assert [c.kind for c in second.response.chunks] == ["text", "text", "done"]


def test_thought_parts_are_thinking() -> None:
    path = corpus_file("go-vcr/fantasy/TestGoogleThinking/gemini-2.5-pro/thinking-streaming.yaml")
    message = open_cassette(path).exchange(0).response.message
    assert message is not None
    assert isinstance(message.parts[0], ThinkingPart)
    assert message.parts[0].text.startswith("**Mapping the Inquiry**\n\nI've successfully identified")


def test_vertex_plain_generate_content() -> None:
    exchange = open_cassette(google("vertex-gemini-2-5-flash/tool.yaml")).exchange(0)
    assert exchange.dialect == "gemini" and not exchange.streamed
    assert exchange.request.model == "gemini-2.5-flash"
    call = exchange.response.message.tool_calls[0]  # type: ignore[union-attr]
    assert call.name == "weather" and call.arguments == {"location": "Florence,Italy"}


def test_error_body() -> None:
    error = {"error": {"code": 429, "message": "Resource exhausted", "status": "RESOURCE_EXHAUSTED"}}
    exchange = dialects.decode(
        raw(
            {"contents": []},
            json.dumps(error),
            method="generateContent",
            status=429,
            content_type="application/json",
        )
    )
    assert exchange.response.error is not None
    assert (exchange.response.error.status, exchange.response.error.type) == (429, "RESOURCE_EXHAUSTED")
    assert [p.code for p in exchange.problems] == ["http-error"]


def test_stream_without_finish_reason_is_unterminated() -> None:
    exchange = dialects.decode(raw({"contents": []}, sse(chunk([{"text": "Hel"}]), chunk([{"text": "lo"}]))))
    assert exchange.response.message is not None and exchange.response.message.text == "Hello"
    assert [p.code for p in exchange.problems] == ["stream-unterminated"]


def test_json_array_stream_max_tokens_and_inline_data() -> None:
    body = {
        "systemInstruction": {"parts": [{"text": "sys"}]},
        "contents": [{"role": "user", "parts": [{"inlineData": {"mimeType": "image/jpeg", "data": "AAAA"}}]}],
        "tools": [
            {"googleSearch": {}},
            {"functionDeclarations": [{"name": "f", "parametersJsonSchema": {"a": 1}}]},
        ],
    }
    answer = [chunk([{"text": "thinking...", "thought": True}]), chunk([{"text": "Part"}], "MAX_TOKENS")]
    exchange = dialects.decode(
        raw(body, json.dumps(answer), method="streamGenerateContent", content_type="application/json")
    )
    assert exchange.streamed
    assert exchange.request.messages[1].parts == (ImagePart("image/jpeg", 3),)
    assert [(t.name, t.parameters) for t in exchange.request.tools] == [
        ("googleSearch", None),
        ("f", {"a": 1}),
    ]
    message = exchange.response.message
    assert message is not None
    assert message.parts[0] == ThinkingPart("thinking...")
    assert message.text == "Part"
    assert [p.code for p in exchange.problems] == ["truncated"]


def test_wrong_types_degrade() -> None:
    body = {"contents": ["x", {"role": 5, "parts": [None, {"functionCall": "no"}]}], "tools": "nope"}
    exchange = dialects.decode(raw(body, "data: [1, 2]\n\ndata: {oops\n\n"))
    assert exchange.dialect == "gemini"
    assert "decode-failed" not in [p.code for p in exchange.problems]
