"""AWS Bedrock: event-stream framing on frames built here, and facts read from the corpus."""

from __future__ import annotations

import base64
import json
import struct
from pathlib import Path

from tests.helpers.paths import corpus_file
from tui_replay import dialects
from tui_replay.analysis.cassette import open_cassette
from tui_replay.dialects.eventstream import decode_eventstream, encode_message, looks_like_eventstream
from tui_replay.model import RawInteraction, ToolResultPart

EVENT = {":message-type": "event", ":content-type": "application/json"}


def frame(event_type: str, payload: object) -> bytes:
    return encode_message({**EVENT, ":event-type": event_type}, json.dumps(payload).encode())


def raw(
    url_tail: str,
    body: object,
    response: bytes,
    *,
    status: int = 200,
    content_type: str = "application/vnd.amazon.eventstream",
) -> RawInteraction:
    return RawInteraction(
        index=0,
        method="POST",
        url="https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-x-v1%3A0/" + url_tail,
        request_headers=(),
        request_body=json.dumps(body).encode(),
        status=status,
        status_text="",
        response_headers=(("Content-Type", content_type),),
        response_body=response,
        duration_ms=None,
    )


# -- framing -------------------------------------------------------------------------


def test_frames_round_trip_with_headers_and_payload() -> None:
    body = frame("messageStart", {"role": "assistant"}) + frame("messageStop", {"stopReason": "end_turn"})
    decoded = decode_eventstream(body)
    assert decoded.errors == ()
    assert [m.event_type for m in decoded.messages] == ["messageStart", "messageStop"]
    assert decoded.messages[0].message_type == "event"
    assert json.loads(decoded.messages[1].payload) == {"stopReason": "end_turn"}
    assert decoded.messages[1].offset == len(frame("messageStart", {"role": "assistant"}))
    assert looks_like_eventstream(body, "")


def test_bad_message_crc_is_reported_and_the_message_kept() -> None:
    good = frame("a", {"n": 1})
    broken = bytearray(frame("b", {"n": 2}))
    broken[-1] ^= 0xFF
    decoded = decode_eventstream(good + bytes(broken) + good)
    assert [m.crc_ok for m in decoded.messages] == [True, False, True]
    assert len(decoded.errors) == 1 and "bad message CRC" in decoded.errors[0]


def test_bad_prelude_crc_stops_and_keeps_what_decoded() -> None:
    good = frame("a", {"n": 1})
    broken = bytearray(frame("b", {"n": 2}))
    broken[9] ^= 0xFF
    decoded = decode_eventstream(good + bytes(broken) + good)
    assert len(decoded.messages) == 1
    assert "bad prelude CRC" in decoded.errors[0]


def test_truncated_body() -> None:
    good = frame("a", {"n": 1})
    decoded = decode_eventstream(good + good[:-7])
    assert len(decoded.messages) == 1
    assert decoded.errors[0].startswith("truncated")
    assert decode_eventstream(good + good[:5]).errors[0].startswith("truncated: 5 stray bytes")


def test_typed_headers() -> None:
    block = (
        b"\x01a\x00"
        + b"\x01b\x04"
        + struct.pack(">i", -2)
        + b"\x01c\x06"
        + struct.pack(">H", 2)
        + b"\x00\x01"
    )
    total = 12 + len(block) + 4
    import zlib

    prelude = struct.pack(">II", total, len(block))
    message = prelude + struct.pack(">I", zlib.crc32(prelude)) + block
    message += struct.pack(">I", zlib.crc32(message))
    decoded = decode_eventstream(message)
    assert decoded.errors == ()
    assert decoded.messages[0].headers == (("a", True), ("b", -2), ("c", b"\x00\x01"))
    assert decoded.messages[0].payload == b""


# -- dialects on built streams -----------------------------------------------------------


def test_converse_stream_with_tool_use_reasoning_and_exception() -> None:
    body = b"".join(
        [
            frame("messageStart", {"role": "assistant"}),
            frame(
                "contentBlockDelta", {"contentBlockIndex": 0, "delta": {"reasoningContent": {"text": "hmm"}}}
            ),
            frame(
                "contentBlockDelta",
                {"contentBlockIndex": 0, "delta": {"reasoningContent": {"signature": "sig"}}},
            ),
            frame(
                "contentBlockStart",
                {"contentBlockIndex": 1, "start": {"toolUse": {"toolUseId": "tu1", "name": "weather"}}},
            ),
            frame("contentBlockDelta", {"contentBlockIndex": 1, "delta": {"toolUse": {"input": '{"city":'}}}),
            frame("contentBlockDelta", {"contentBlockIndex": 1, "delta": {"toolUse": {"input": '"Rome"}'}}}),
            encode_message(
                {":message-type": "exception", ":exception-type": "throttlingException"},
                b'{"message":"Too many requests"}',
            ),
        ]
    )
    exchange = dialects.decode(raw("converse-stream", {"messages": []}, body))
    assert exchange.dialect == "bedrock-converse" and exchange.streamed
    assert exchange.request.model == "us.anthropic.claude-x-v1:0"
    message = exchange.response.message
    assert message is not None
    assert message.parts[0].text == "hmm" and message.parts[0].signature == "sig"  # type: ignore[union-attr]
    call = message.tool_calls[0]
    assert (call.id, call.name, call.arguments) == ("tu1", "weather", {"city": "Rome"})
    assert exchange.response.error is not None and exchange.response.error.type == "throttlingException"
    # the exception event ends the 200 stream: a stream error, not an HTTP error nor an unterminated stream
    assert [p.code for p in exchange.problems] == ["stream-error"]
    assert exchange.problems[0].message.startswith("throttlingException in the bedrock stream")


def test_invoke_stream_unwraps_anthropic_events_and_reports_bad_crc() -> None:
    def chunk(event: dict[str, object]) -> bytes:
        inner = base64.b64encode(json.dumps(event).encode()).decode()
        return encode_message({**EVENT, ":event-type": "chunk"}, json.dumps({"bytes": inner}).encode())

    body = b"".join(
        [
            chunk({"type": "message_start", "message": {"id": "m", "model": "claude"}}),
            chunk({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
            chunk(
                {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Olá"}}
            ),
            chunk(
                {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 2}}
            ),
        ]
    )
    last = bytearray(chunk({"type": "message_stop"}))
    last[-2] ^= 0x10
    exchange = dialects.decode(
        raw("invoke-with-response-stream", {"anthropic_version": "v", "messages": []}, body + bytes(last))
    )
    assert exchange.dialect == "bedrock-invoke"
    assert exchange.response.message is not None and exchange.response.message.text == "Olá"
    assert exchange.response.finish_reason == "end_turn"
    assert exchange.response.chunks[-1].kind == "done"  # the frame is kept despite its CRC
    assert [p.code for p in exchange.problems] == ["eventstream-invalid"]


# -- corpus --------------------------------------------------------------------------


def haiku(name: str) -> Path:
    return corpus_file(f"go-vcr/fantasy/TestBedrockCommon/bedrock-anthropic-claude-haiku-4-5/{name}")


def test_corpus_invoke_stream_frames_are_intact() -> None:
    exchange = open_cassette(haiku("simple_streaming.yaml")).exchange(0)
    decoded = decode_eventstream(exchange.raw.response_body)
    assert decoded.errors == () and len(decoded.messages) == 9
    assert all(m.crc_ok and m.event_type == "chunk" for m in decoded.messages)
    assert exchange.request.messages[-1].text == "Say hi in Portuguese"
    assert exchange.response.message is not None and exchange.response.message.text.startswith("Olá!")
    assert exchange.problems == ()


def test_corpus_invoke_stream_tool_call_matches_next_request() -> None:
    cassette = open_cassette(haiku("tool_streaming.yaml"))
    call = cassette.exchange(0).response.message.tool_calls[0]  # type: ignore[union-attr]
    assert (call.id, call.name, call.arguments) == (
        "toolu_bdrk_01KpJ8x9ZkJF1siAZacbjqPa",
        "weather",
        {"location": "Florence, Italy"},
    )
    sent_back = cassette.exchange(1).request.messages[2]
    assert sent_back.role == "assistant" and sent_back.tool_calls[0].arguments == call.arguments


def test_corpus_converse_tool_run() -> None:
    path = "vcrpy/pydantic-ai/models/bedrock/cassettes/test_strict_tool_calls"
    cassette = open_cassette(corpus_file(f"{path}/test_bedrock_mixed_strict_tool_run.yaml"))
    first = cassette.exchange(0)
    assert first.dialect == "bedrock-converse"
    assert [t.name for t in first.request.tools] == ["country_source", "capital_lookup"]
    assert first.request.params["toolConfig"] == {"toolChoice": {"auto": {}}}
    assert first.response.message.tool_calls[0].name == "country_source"  # type: ignore[union-attr]
    second = cassette.exchange(1)
    result = second.request.messages[-1].parts[0]
    assert isinstance(result, ToolResultPart) and result.content == "Japan"
    assert second.response.message.tool_calls[0].arguments == {"country": "Japan"}  # type: ignore[union-attr]
    last = cassette.exchange(2)
    assert last.response.message is not None and last.response.message.text == "Capital: Tokyo"
    assert last.response.finish_reason == "end_turn" and last.response.usage["totalTokens"] == 763


def test_corpus_converse_stream() -> None:
    path = "vcrpy/pydantic-ai/models/bedrock/cassettes/test_native_output"
    exchange = open_cassette(corpus_file(f"{path}/test_bedrock_native_output_stream.yaml")).exchange(0)
    assert exchange.dialect == "bedrock-converse" and exchange.streamed
    assert exchange.response.message is not None
    assert json.loads(exchange.response.message.text) == {
        "city": "Paris",
        "country": "France",
        "population": 2161000,
    }
    assert exchange.response.finish_reason == "end_turn"
    assert exchange.problems == ()


def test_corpus_converse_error() -> None:
    path = "vcrpy/pydantic-ai/models/cassettes/test_multimodal_tool_returns"
    exchange = open_cassette(
        corpus_file(
            f"{path}/test_multimodal_tool_return_matrix[direct-uploaded_file-video-bedrock_claude].yaml"
        )
    ).exchange(1)
    assert exchange.response.error is not None
    assert exchange.response.error.status == 400
    assert exchange.response.error.message.startswith("This model doesn't support the video content block")
    assert [p.code for p in exchange.problems] == ["http-error"]
