"""xAI gRPC chat calls (decoded by the openai-chat dialect): server-side tool rounds.

xAI answers a call that used a server-side tool (attachment search, code execution,
collections search, X search, MCP) with several `outputs`: the assistant's call, then a
`ROLE_TOOL` output holding the tool's result (and repeating the call it answers), then the
answer. Expected values were read from the cassette YAML, not copied from decoder output.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

import pytest

from tests.helpers.paths import corpus_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.dialects import openai_chat
from tui_replay.model import (
    Exchange,
    Part,
    RawInteraction,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolResultPart,
)

# paths under the corpus: `corpus_file` reads the vendored copy, else ../shared, else skips
XAI = PurePosixPath("vcrpy/pydantic-ai/models/xai/cassettes")
MODELS = PurePosixPath("vcrpy/pydantic-ai/models/cassettes")

CALL = {
    "id": "call_1",
    "type": "TOOL_CALL_TYPE_CODE_EXECUTION_TOOL",
    "status": "TOOL_CALL_STATUS_COMPLETED",
    "function": {"name": "code_execution", "arguments": '{"code":"print(1+1)"}'},
}


def grpc_sample(outputs: list[dict[str, Any]]) -> RawInteraction:
    """A unary xAI call shaped as tui_replay.formats.xai_grpc maps it."""
    request = {"model": "grok-4", "messages": [{"role": "ROLE_USER", "content": [{"text": "1+1?"}]}]}
    response = {"id": "r1", "model": "grok-4", "outputs": outputs}
    return RawInteraction(
        index=0,
        method="GRPC",
        url="grpc://xai/grok-4",
        request_headers=(("content-type", "application/json"),),
        request_body=json.dumps(request).encode(),
        status=200,
        status_text="OK",
        response_headers=(("content-type", "application/json"),),
        response_body=json.dumps(response).encode(),
        duration_ms=None,
        request_json=request,
        response_json=response,
        extra={"grpc": "sample"},
    )


def grpc_stream(outputs: list[dict[str, Any]]) -> RawInteraction:
    """A streamed xAI call: one `{"chunk": {...}}` line per chunk, one output each."""
    request = {"model": "grok-4", "messages": [{"role": "ROLE_USER", "content": [{"text": "1+1?"}]}]}
    chunks = [{"chunk": {"id": "r1", "model": "grok-4", "outputs": [output]}} for output in outputs]
    return RawInteraction(
        index=0,
        method="GRPC",
        url="grpc://xai/grok-4",
        request_headers=(("content-type", "application/json"),),
        request_body=json.dumps(request).encode(),
        status=200,
        status_text="OK",
        response_headers=(("content-type", "application/x-ndjson"),),
        response_body=b"".join(json.dumps(c).encode() + b"\n" for c in chunks),
        duration_ms=None,
        request_json=request,
        extra={"grpc": "stream", "grpc_chunks": chunks},
    )


def parts_of(exchange: Exchange) -> tuple[Part, ...]:
    assert exchange.response.message is not None
    return exchange.response.message.parts


def kinds(exchange: Exchange) -> list[str]:
    return [p.type for p in parts_of(exchange)]


# -- built data ------------------------------------------------------------------------------


def test_role_tool_output_is_the_calls_result_not_assistant_text() -> None:
    exchange = openai_chat.decode(
        grpc_sample(
            [
                {"message": {"role": "ROLE_ASSISTANT", "tool_calls": [CALL]}},
                {
                    "index": 1,
                    "message": {"role": "ROLE_TOOL", "content": '{"stdout":"2"}', "tool_calls": [CALL]},
                },
                {
                    "index": 2,
                    "message": {"role": "ROLE_ASSISTANT", "content": "2"},
                    "finish_reason": "REASON_STOP",
                },
            ]
        )
    )
    parts = parts_of(exchange)
    assert kinds(exchange) == ["tool_call", "tool_result", "text"]
    assert isinstance(parts[0], ToolCallPart) and parts[0].id == "call_1"
    assert parts[1] == ToolResultPart("call_1", '{"stdout":"2"}', name="code_execution")
    assert exchange.response.message is not None and exchange.response.message.text == "2"
    assert exchange.response.finish_reason == "stop"
    assert exchange.problems == ()


def test_streamed_role_tool_output_is_the_calls_result() -> None:
    exchange = openai_chat.decode(
        grpc_stream(
            [
                {"delta": {"role": "ROLE_ASSISTANT", "reasoning_content": "Run it."}},
                {"delta": {"role": "ROLE_ASSISTANT", "tool_calls": [CALL]}},
                {"index": 1, "delta": {"role": "ROLE_TOOL", "content": '{"stdout":', "tool_calls": [CALL]}},
                {"index": 1, "delta": {"role": "ROLE_TOOL", "content": '"2"}'}},
                {"index": 2, "delta": {"role": "ROLE_ASSISTANT", "content": "It is "}},
                {
                    "index": 2,
                    "delta": {"role": "ROLE_ASSISTANT", "content": "2"},
                    "finish_reason": "REASON_STOP",
                },
            ]
        )
    )
    parts = parts_of(exchange)
    assert kinds(exchange) == ["thinking", "tool_call", "tool_result", "text"]
    assert parts[2] == ToolResultPart("call_1", '{"stdout":"2"}', name="code_execution")
    assert parts[3] == TextPart("It is 2")
    # the two ROLE_TOOL chunks build the result part (the replay shows it from the first)
    result_events = [e for e in exchange.response.chunks if e.part == 2]
    assert [(e.kind, '"ROLE_TOOL"' in e.data) for e in result_events] == [("other", True)] * 2
    assert exchange.problems == ()


def shown(part: Part) -> object:
    """Text for text, the id for a call, the content for a result."""
    if isinstance(part, TextPart):
        return part.text
    if isinstance(part, ToolCallPart):
        return part.id
    return part.content if isinstance(part, ToolResultPart) else part.type


def test_text_before_and_after_a_server_tool_round_stay_apart() -> None:
    outputs: list[dict[str, Any]] = [
        {"message": {"role": "ROLE_ASSISTANT", "content": "Let me run it.", "tool_calls": [CALL]}},
        {"index": 1, "message": {"role": "ROLE_TOOL", "content": "2", "tool_calls": [CALL]}},
        {
            "index": 2,
            "message": {"role": "ROLE_ASSISTANT", "content": "It is 2."},
            "finish_reason": "REASON_STOP",
        },
    ]
    sample = parts_of(openai_chat.decode(grpc_sample(outputs)))
    deltas = [{"delta": o["message"], **{k: v for k, v in o.items() if k != "message"}} for o in outputs]
    streamed = parts_of(openai_chat.decode(grpc_stream(deltas)))
    expected = ["Let me run it.", "call_1", "2", "It is 2."]
    assert [shown(p) for p in sample] == expected
    assert [shown(p) for p in streamed] == expected


def test_a_failed_server_call_is_an_error_result() -> None:
    failed = {**CALL, "status": "TOOL_CALL_STATUS_FAILED"}
    exchange = openai_chat.decode(
        grpc_sample(
            [
                {"message": {"role": "ROLE_ASSISTANT", "tool_calls": [CALL]}},
                {"index": 1, "message": {"role": "ROLE_TOOL", "content": "boom", "tool_calls": [failed]}},
            ]
        )
    )
    (result,) = [p for p in parts_of(exchange) if isinstance(p, ToolResultPart)]
    assert result.is_error and result.content == "boom"


def test_result_for_a_call_the_outputs_never_made_adds_the_call_first() -> None:
    exchange = openai_chat.decode(
        grpc_sample([{"message": {"role": "ROLE_TOOL", "content": "2", "tool_calls": [CALL]}}])
    )
    assert kinds(exchange) == ["tool_call", "tool_result"]


def test_odd_tool_outputs_degrade() -> None:
    odd: list[dict[str, Any]] = [
        {"message": {"role": "ROLE_TOOL"}},
        {"message": {"role": "ROLE_TOOL", "content": 5, "tool_calls": "x"}},
        {"message": {"role": "ROLE_TOOL", "tool_calls": [None, {"id": 3}]}},
    ]
    exchange = openai_chat.decode(grpc_sample(odd))
    assert all(isinstance(p, (ToolResultPart, ToolCallPart)) for p in parts_of(exchange))
    streamed = openai_chat.decode(grpc_stream([{"delta": o["message"]} for o in odd]))
    assert streamed.response.message is not None


# -- the corpus ------------------------------------------------------------------------------


def test_attachment_search_output_is_a_result_inside_the_turn() -> None:
    path = corpus_file(XAI / "test_attachment_search" / "test_xai_attachment_search_with_output.xai.yaml")
    exchange = open_cassette(path).exchange(0)
    parts = parts_of(exchange)
    assert kinds(exchange) == ["thinking", "tool_call", "tool_result", "text"]
    call_id = "call-f2c77db6-d914-43cb-ae41-95765438ef68-0"
    assert isinstance(parts[0], ThinkingPart) and parts[0].text.startswith("The user wants me to summarize")
    assert isinstance(parts[1], ToolCallPart) and (parts[1].id, parts[1].name) == (call_id, "pdf_browse")
    assert parts[1].arguments == {"document_id": "gNF6i", "pages": "1"}
    result = parts[2]
    assert isinstance(result, ToolResultPart) and result.tool_call_id == call_id
    assert isinstance(result.content, str) and result.content.startswith(
        '{"pages":[{"page_num_one_indexed":1'
    )
    answer = "The attached PDF is a placeholder document containing only the phrase Dummy PDF file"
    assert parts[3] == TextPart(answer + " and makes no claims.")


def test_attachment_search_stream_matches_the_sample_shape() -> None:
    path = corpus_file(XAI / "test_attachment_search" / "test_xai_attachment_search_stream.xai.yaml")
    exchange = open_cassette(path).exchange(0)
    parts = parts_of(exchange)
    assert kinds(exchange) == ["thinking", "tool_call", "tool_result", "text"]
    assert isinstance(parts[2], ToolResultPart)
    assert parts[2].tool_call_id == "call-5ad6a7e5-117e-4575-8038-6cb8fa43048a-0"
    assert isinstance(parts[3], TextPart) and not parts[3].text.startswith("{")


@pytest.mark.parametrize(
    ("path", "index", "call_id"),
    [
        (MODELS / "test_xai" / "test_xai_builtin_code_execution_tool.xai.yaml", 0, "call_03747959"),
        (
            XAI / "test_search_tools" / "test_xai_builtin_file_search_tool.xai.yaml",
            2,
            "call-ea6364ef-fc09-4f73-b49a-a869a33604a2-0",
        ),
        (XAI / "test_search_tools" / "test_xai_builtin_x_search_tool.xai.yaml", 0, "call_06613648"),
        (
            XAI / "test_attachment_search" / "test_xai_attachment_search_with_output.xai.yaml",
            0,
            "call-f2c77db6-d914-43cb-ae41-95765438ef68-0",
        ),
    ],
    ids=lambda v: v.name if isinstance(v, PurePosixPath) else str(v),
)
def test_server_tool_rounds_make_one_call_and_its_result(
    path: PurePosixPath, index: int, call_id: str
) -> None:
    cassette = open_cassette(corpus_file(path))
    parts = parts_of(cassette.exchange(index))
    assert [p.id for p in parts if isinstance(p, ToolCallPart)] == [call_id]
    assert [p.tool_call_id for p in parts if isinstance(p, ToolResultPart)] == [call_id]
    assert not any(isinstance(p, TextPart) and p.text.lstrip().startswith("{") for p in parts)
    problems = cassette.problems()
    assert [p for p in problems if p.code == "tool-call-id-reused"] == []
    # the client sends the call back once, as the response now makes it once
    assert [p for p in problems if "is not sent back" in p.message] == []


def test_request_tool_results_have_no_id_because_the_recording_has_none() -> None:
    # The ROLE_TOOL request message is `{content: [{text: Mexico}], role: ROLE_TOOL}`: neither the
    # JSON nor the recorded protobuf (fields 1 content and 2 role only) carries a tool_call_id.
    path = corpus_file(MODELS / "test_xai" / "test_xai_request_structured_response_tool_output.xai.yaml")
    request = open_cassette(path).exchange(1).request
    results = [p for m in request.messages for p in m.parts if isinstance(p, ToolResultPart)]
    assert [(r.tool_call_id, r.content) for r in results] == [(None, "Mexico")]


def test_built_in_tools_are_declared_tools_without_a_schema() -> None:
    body = {
        "model": "grok-4",
        "messages": [],
        "tools": [
            {"code_execution": {}},
            {"collections_search": {"collection_ids": ["c1"], "limit": 1}},
            {"function": {"name": "get_weather", "parameters": '{"type": "object"}'}},
            {"odd": "not settings"},
        ],
    }
    tools = openai_chat.decode_request(body).tools
    assert [(t.name, t.description, t.parameters) for t in tools] == [
        ("code_execution", "built-in", None),
        ("collections_search", "built-in", None),
        ("get_weather", "", {"type": "object"}),
    ]
