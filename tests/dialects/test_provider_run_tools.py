"""Tools the provider runs itself are server tool calls with their results linked, in every
dialect, plain and streamed, and never wait for a client result."""

from __future__ import annotations

import json

import pytest

from tests.helpers.dialect_builders import posted
from tests.helpers.paths import SHARED
from tui_replay import dialects
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.problems import problems_of_all
from tui_replay.model import Exchange, ImagePart, ToolCallPart, ToolResultPart

CODE_STREAM = (
    SHARED
    / "corpus-new/vcrpy/pydantic-ai/models/cassettes/test_openai_responses"
    / "test_openai_responses_thinking_with_code_execution_tool_stream.yaml"
)


def _sse(*events: dict[str, object]) -> bytes:
    return b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events)


def _decode(url: str, body: object, response: bytes, streamed: bool) -> Exchange:
    content_type = "text/event-stream" if streamed else "application/json"
    return dialects.decode(posted(url, body, response, status=200, content_type=content_type))


def _calls_and_results(exchange: Exchange) -> tuple[list[ToolCallPart], list[ToolResultPart]]:
    assert exchange.response.message is not None
    parts = exchange.response.message.parts
    return (
        [p for p in parts if isinstance(p, ToolCallPart)],
        [p for p in parts if isinstance(p, ToolResultPart)],
    )


CODE_ITEM = {
    "type": "code_interpreter_call",
    "id": "ci_1",
    "code": "print(2**10)",
    "container_id": "cntr",
    "outputs": [{"type": "logs", "logs": "1024"}],
    "status": "completed",
}
RESPONSES = "https://api.openai.com/v1/responses"


def test_a_code_interpreter_call_shows_its_code_and_output_plain_and_streamed() -> None:
    plain = _decode(RESPONSES, {"input": "hi"}, json.dumps({"output": [CODE_ITEM]}).encode(), False)
    added = {**CODE_ITEM, "code": "", "outputs": None, "status": "in_progress"}
    stream = _sse(
        {"type": "response.created", "response": {"id": "r"}},
        {"type": "response.output_item.added", "output_index": 0, "item": added},
        {"type": "response.code_interpreter_call_code.delta", "output_index": 0, "delta": "print(2**10)"},
        {"type": "response.code_interpreter_call.completed", "output_index": 0},
        {"type": "response.output_item.done", "output_index": 0, "item": CODE_ITEM},
        {"type": "response.completed", "response": {"id": "r", "status": "completed"}},
    )
    streamed = _decode(RESPONSES, {"input": "hi", "stream": True}, stream, True)
    for exchange in (plain, streamed):
        (call,), (result,) = _calls_and_results(exchange)
        assert call.server and call.name == "code_interpreter"
        assert call.arguments == {"code": "print(2**10)", "container_id": "cntr"}
        assert result.tool_call_id == call.id == "ci_1"
        assert result.content == [{"type": "logs", "logs": "1024"}]
        assert [p.code for p in exchange.problems] == []
    # the code deltas are events on the call, so a replay shows them in place
    code_events = [e for e in streamed.response.chunks if e.name is None and e.delta == "print(2**10)"]
    assert code_events and code_events[0].part == 0


def test_a_generated_image_is_an_image_part_not_an_empty_turn() -> None:
    item = {"type": "image_generation_call", "id": "ig_1", "result": "iVBORw0KGgo=", "status": "completed"}
    exchange = _decode(RESPONSES, {"input": "draw"}, json.dumps({"output": [item]}).encode(), False)
    assert exchange.response.message is not None
    call, image = exchange.response.message.parts
    assert isinstance(call, ToolCallPart) and call.server and call.name == "image_generation"
    assert image == ImagePart("image/png", 8)
    assert "empty-turn" not in [p.code for p in exchange.problems]


def test_provider_run_items_in_history_belong_to_the_assistant() -> None:
    search = {
        "type": "web_search_call",
        "id": "ws_1",
        "action": {"type": "search", "query": "q"},
        "status": "completed",
    }
    body = {"input": [{"role": "user", "content": "find"}, search, {"role": "user", "content": "more"}]}
    request = _decode(RESPONSES, body, b'{"output": []}', False).request
    assert [m.role for m in request.messages] == ["user", "assistant", "user"]
    call, result = request.messages[1].parts
    assert (
        isinstance(call, ToolCallPart) and call.server and call.arguments == {"type": "search", "query": "q"}
    )
    assert isinstance(result, ToolResultPart) and result.tool_call_id == "ws_1"


def test_anthropic_streamed_server_tools_are_server_calls() -> None:
    stream = b"".join(
        f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode()
        for e in [
            {"type": "message_start", "message": {"id": "m", "usage": {}}},
            {
                "type": "content_block_start",
                "index": 0,
                "content_block": {
                    "type": "server_tool_use",
                    "id": "srv_1",
                    "name": "web_search",
                    "input": {},
                },
            },
            {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "input_json_delta", "partial_json": '{"query": "q"}'},
            },
            {"type": "content_block_stop", "index": 0},
            {
                "type": "content_block_start",
                "index": 1,
                "content_block": {"type": "web_search_tool_result", "tool_use_id": "srv_1", "content": []},
            },
            {"type": "content_block_stop", "index": 1},
            {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {}},
            {"type": "message_stop"},
        ]
    )
    body = {
        "model": "claude",
        "messages": [{"role": "user", "content": "q"}],
        "max_tokens": 9,
        "stream": True,
    }
    exchange = _decode("https://api.anthropic.com/v1/messages", body, stream, True)
    (call,), (result,) = _calls_and_results(exchange)
    assert call.server and call.arguments == {"query": "q"}
    assert result.tool_call_id == "srv_1"


def test_gemini_built_in_tool_calls_and_code_execution_are_server_calls() -> None:
    parts = [
        {"toolCall": {"id": "t1", "toolType": "GOOGLE_SEARCH_WEB", "args": {"queries": ["q"]}}},
        {"toolResponse": {"id": "t1", "toolType": "GOOGLE_SEARCH_WEB", "response": {"ok": True}}},
        {"executableCode": {"language": "PYTHON", "code": "print(1)"}},
        {"codeExecutionResult": {"outcome": "OUTCOME_OK", "output": "1"}},
        {"inline_data": {"mime_type": "image/png", "data": "iVBORw0KGgo="}},
    ]
    body = {"contents": [{"role": "user", "parts": [{"text": "q"}]}]}
    answer = {"candidates": [{"content": {"role": "model", "parts": parts}, "finishReason": "STOP"}]}
    url = "https://generativelanguage.googleapis.com/v1beta/models/g:generateContent"
    exchange = _decode(url, body, json.dumps(answer).encode(), False)
    calls, results = _calls_and_results(exchange)
    assert [(c.name, c.server) for c in calls] == [("GOOGLE_SEARCH_WEB", True), ("code_execution", True)]
    assert [r.tool_call_id for r in results] == ["t1", None]
    assert exchange.response.message is not None
    assert exchange.response.message.parts[-1] == ImagePart("image/png", 8)  # snake_case inline data


def test_the_shared_code_interpreter_stream_raises_no_problem() -> None:
    if not CODE_STREAM.is_file():
        pytest.skip("../shared/corpus-new is not present")
    cassette = open_cassette(CODE_STREAM)
    exchange = cassette.exchange(0)
    calls, results = _calls_and_results(exchange)
    assert len(calls) == 3 and all(c.server and c.name == "code_interpreter" for c in calls)
    assert calls[0].arguments["code"] == "n = pow(123456, 123)\nlen(str(n))"
    assert [r.tool_call_id for r in results] == [c.id for c in calls]
    assert not problems_of_all(cassette.exchange, len(cassette))
    assert cassette.exchange(0).response.service_tier == "default"
