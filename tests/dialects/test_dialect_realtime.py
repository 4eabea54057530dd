"""OpenAI Realtime (also Azure, xAI) and Gemini Live sessions decoded turn by turn."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers.paths import SHARED
from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.playback import Playback
from tui_replay.formats.load import load_cassette
from tui_replay.model import (
    Exchange,
    ImagePart,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolResultPart,
    UnrecognisedPart,
)

REALTIME = SHARED / "corpus-new" / "vcrpy" / "pydantic-ai" / "realtime" / "cassettes"
PCM_100_MS = base64.b64encode(bytes(4800)).decode()  # 24 kHz, 16-bit mono: 4,800 bytes = 0.1 s


def _frames(*frames: tuple[str, Any]) -> list[dict[str, Any]]:
    items = []
    for direction, data in frames:
        if direction == "close":
            items.append({"kind": "close", **data})
        else:
            items.append({"kind": "message", "direction": direction, "data": data})
    return items


def _session(tmp_path: Path, items: list[dict[str, Any]]) -> list[Exchange]:
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "interactions": items}))
    return Cassette(load_cassette(path)).exchanges()


TOOL_ROUND = _frames(
    ("received", {"type": "session.created", "session": {"model": "gpt-realtime"}}),
    (
        "sent",
        {
            "type": "session.update",
            "session": {
                "instructions": "Use the tool.",
                "tools": [{"type": "function", "name": "get_weather", "description": "W", "parameters": {}}],
            },
        },
    ),
    (
        "sent",
        {
            "type": "conversation.item.create",
            "item": {
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "London?"}],
            },
        },
    ),
    ("sent", {"type": "response.create"}),
    ("received", {"type": "response.created", "response": {"id": "r1"}}),
    (
        "received",
        {
            "type": "response.output_item.added",
            "item": {"id": "i1", "type": "function_call", "call_id": "c1", "name": "get_weather"},
        },
    ),
    ("received", {"type": "response.function_call_arguments.delta", "item_id": "i1", "delta": '{"city": '}),
    ("received", {"type": "response.function_call_arguments.delta", "item_id": "i1", "delta": '"London"}'}),
    ("received", {"type": "response.function_call_arguments.done", "item_id": "i1", "arguments": "{}"}),
    (
        "sent",
        {
            "type": "conversation.item.create",
            "item": {"type": "function_call_output", "call_id": "c1", "output": "Foggy."},
        },
    ),
    (
        "received",
        {
            "type": "response.done",
            "response": {"id": "r1", "status": "completed", "usage": {"total_tokens": 9}},
        },
    ),
    ("sent", {"type": "response.create"}),
    ("received", {"type": "response.created", "response": {"id": "r2"}}),
    (
        "received",
        {"type": "response.output_text.delta", "item_id": "i2", "content_index": 0, "delta": "It is "},
    ),
    (
        "received",
        {"type": "response.output_text.delta", "item_id": "i2", "content_index": 0, "delta": "foggy."},
    ),
    ("received", {"type": "response.done", "response": {"id": "r2", "status": "completed"}}),
)


def test_an_openai_realtime_tool_round(tmp_path: Path) -> None:
    call_turn, answer_turn = _session(tmp_path, TOOL_ROUND)
    assert call_turn.dialect == "openai-realtime" and call_turn.streamed
    request = call_turn.request
    assert [(m.role, m.text) for m in request.messages] == [("system", "Use the tool."), ("user", "London?")]
    assert [t.name for t in request.tools] == ["get_weather"]
    assert call_turn.response.message is not None
    (call,) = call_turn.response.message.parts
    assert isinstance(call, ToolCallPart)
    assert (call.id, call.name, call.arguments) == ("c1", "get_weather", {"city": "London"})
    assert call_turn.response.usage == {"total_tokens": 9}
    assert call_turn.response.model == "gpt-realtime" and call_turn.response.id == "r1"
    assert [m.parts for m in answer_turn.request.messages] == [(ToolResultPart("c1", "Foggy."),)]
    assert answer_turn.response.message is not None
    assert answer_turn.response.message.parts == (TextPart("It is foggy."),)
    assert call_turn.problems == () and answer_turn.problems == ()


def test_the_deltas_replay_like_a_stream_with_synthesized_pacing(tmp_path: Path) -> None:
    _, answer_turn = _session(tmp_path, TOOL_ROUND)
    playback = Playback(answer_turn)
    assert playback.paced_by_default  # no timestamps in the recording
    kinds = [e.kind for e in answer_turn.response.chunks]
    assert kinds == ["start", "text", "text", "done"]
    playback.seek(2)
    assert playback.message().text == "It is "
    playback.finish()
    assert playback.message() == answer_turn.response.message


def test_audio_in_and_out_are_placeholders_with_duration(tmp_path: Path) -> None:
    items = _frames(
        (
            "sent",
            {
                "type": "session.update",
                "session": {"audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000}}}},
            },
        ),
        ("sent", {"type": "input_audio_buffer.append", "audio": PCM_100_MS}),
        ("sent", {"type": "input_audio_buffer.append", "audio": PCM_100_MS}),
        (
            "received",
            {"type": "conversation.item.input_audio_transcription.completed", "transcript": "Hello."},
        ),
        ("received", {"type": "response.created", "response": {"id": "r"}}),
        (
            "received",
            {"type": "response.output_audio.delta", "item_id": "i", "content_index": 0, "delta": PCM_100_MS},
        ),
        (
            "received",
            {
                "type": "response.output_audio_transcript.delta",
                "item_id": "i",
                "content_index": 0,
                "delta": "Hi!",
            },
        ),
        (
            "received",
            {"type": "response.output_audio.delta", "item_id": "i", "content_index": 0, "delta": PCM_100_MS},
        ),
        ("received", {"type": "response.done", "response": {"id": "r", "status": "completed"}}),
    )
    (turn,) = _session(tmp_path, items)
    (user,) = turn.request.messages
    assert user.parts == (ImagePart("audio/pcm;rate=24000", 9600, seconds=0.2), TextPart("Hello."))
    assert turn.response.message is not None
    audio, transcript = turn.response.message.parts
    assert audio == ImagePart("audio/pcm;rate=24000", 9600, seconds=0.2)
    assert transcript == TextPart("Hi!")


def test_an_unknown_server_event_is_kept_and_reported(tmp_path: Path) -> None:
    items = _frames(
        ("sent", {"type": "response.create"}),
        ("received", {"type": "response.created", "response": {"id": "r"}}),
        ("received", {"type": "response.hologram.delta", "delta": "x"}),
        (
            "received",
            {"type": "response.output_text.delta", "item_id": "i", "content_index": 0, "delta": "ok"},
        ),
        ("received", {"type": "response.done", "response": {"id": "r", "status": "completed"}}),
    )
    (turn,) = _session(tmp_path, items)
    assert turn.response.message is not None
    assert turn.response.message.parts == (
        UnrecognisedPart("response.hologram.delta", {"type": "response.hologram.delta", "delta": "x"}),
        TextPart("ok"),
    )
    assert [(p.code, p.severity) for p in turn.problems] == [("undecoded-item", "info")]


def test_a_dropped_session_shows_where_it_dropped(tmp_path: Path) -> None:
    items = _frames(
        ("sent", {"type": "response.create"}),
        ("received", {"type": "response.created", "response": {"id": "r1"}}),
        (
            "received",
            {"type": "response.output_text.delta", "item_id": "i", "content_index": 0, "delta": "Hal"},
        ),
        ("close", {"code": 1006, "reason": "", "ok": False}),
        ("received", {"type": "session.created", "session": {}}),
        ("sent", {"type": "response.create"}),
        ("received", {"type": "response.created", "response": {"id": "r2"}}),
        ("received", {"type": "response.done", "response": {"id": "r2", "status": "completed"}}),
    )
    dropped, resumed = _session(tmp_path, items)
    codes = [p.code for p in dropped.problems]
    assert codes == ["stream-unterminated", "session-dropped"]  # cut off mid-answer
    assert "code 1006" in dropped.problems[1].message
    assert dropped.response.chunks[-1].name == "close"
    assert [p.code for p in resumed.problems] == ["empty-turn", "session-resumed"]


def test_an_error_event_is_the_turns_error(tmp_path: Path) -> None:
    items = _frames(
        ("sent", {"type": "response.create"}),
        (
            "received",
            {"type": "error", "error": {"type": "invalid_request_error", "message": "Unknown parameter"}},
        ),
    )
    (turn,) = _session(tmp_path, items)
    assert turn.response.error is not None
    assert (turn.response.error.type, turn.response.error.message) == (
        "invalid_request_error",
        "Unknown parameter",
    )
    assert [e.kind for e in turn.response.chunks] == ["error"]


GEMINI_TOOL_ROUND = _frames(
    (
        "sent",
        {
            "setup": {
                "model": "models/gemini-live",
                "systemInstruction": {"parts": [{"text": "Record readings."}]},
                "tools": [{"functionDeclarations": [{"name": "record", "parameters": {"type": "OBJECT"}}]}],
            }
        },
    ),
    ("received", {"setupComplete": {}}),
    (
        "sent",
        {
            "client_content": {
                "turns": [{"role": "user", "parts": [{"text": "Record 5."}]}],
                "turnComplete": True,
            }
        },
    ),
    ("received", {"toolCall": {"functionCalls": [{"id": "f1", "name": "record", "args": {"value": 5}}]}}),
    (
        "sent",
        {"tool_response": {"functionResponses": [{"id": "f1", "name": "record", "response": {"ok": True}}]}},
    ),
    ("received", {"serverContent": {"modelTurn": {"parts": [{"text": "Planning.", "thought": True}]}}}),
    ("received", {"serverContent": {"outputTranscription": {"text": "Recorded"}}}),
    ("received", {"serverContent": {"outputTranscription": {"text": " five."}}}),
    (
        "received",
        {
            "serverContent": {
                "modelTurn": {
                    "parts": [{"inlineData": {"mimeType": "audio/pcm;rate=24000", "data": PCM_100_MS}}]
                }
            }
        },
    ),
    ("received", {"serverContent": {"turnComplete": True}, "usageMetadata": {"totalTokenCount": 7}}),
)


def test_a_gemini_live_tool_round(tmp_path: Path) -> None:
    call_turn, answer_turn = _session(tmp_path, GEMINI_TOOL_ROUND)
    assert call_turn.dialect == "gemini-live"
    assert [(m.role, m.text) for m in call_turn.request.messages] == [
        ("system", "Record readings."),
        ("user", "Record 5."),
    ]
    assert [t.name for t in call_turn.request.tools] == ["record"]
    assert call_turn.response.message is not None
    (call,) = call_turn.response.message.parts
    assert isinstance(call, ToolCallPart) and (call.id, call.arguments) == ("f1", {"value": 5})
    assert [m.role for m in answer_turn.request.messages] == ["tool"]
    assert answer_turn.response.message is not None
    thinking, text, audio = answer_turn.response.message.parts
    assert thinking == ThinkingPart("Planning.")
    assert text == TextPart("Recorded five.")
    assert audio == ImagePart("audio/pcm;rate=24000", 4800, seconds=0.1)
    assert answer_turn.response.usage == {"totalTokenCount": 7}
    assert call_turn.problems == () and answer_turn.problems == ()


def _shared(name: str) -> Path:
    path = REALTIME / name
    if not path.is_file():
        pytest.skip("../shared/corpus-new is not present")
    return path


def test_the_shared_openai_tool_round() -> None:
    call_turn, answer_turn = Cassette(
        load_cassette(_shared("test_openai_ws/test_tool_call_round.yaml"))
    ).exchanges()
    assert call_turn.response.message is not None and answer_turn.response.message is not None
    (call,) = call_turn.response.message.tool_calls
    assert (call.name, call.arguments) == ("get_weather", {"city": "London"})
    assert answer_turn.response.message.text == "It is foggy and 12 degrees in London."
    assert all(p.severity == "info" for e in (call_turn, answer_turn) for p in e.problems)


def test_the_shared_xai_session_shows_its_drop_and_resumption() -> None:
    path = _shared("test_xai_ws/test_session_resumption_after_drop.yaml")
    first, second = Cassette(load_cassette(path)).exchanges()
    assert [p.code for p in first.problems] == ["session-dropped"]
    assert [p.code for p in second.problems] == ["session-resumed"]
    assert second.response.message is not None
    assert "cobalt" in second.response.message.text.lower()
    assert first.response.usage["output_tokens"] == 113  # xAI reports usage beside the response


def test_every_shared_realtime_turn_decodes_without_errors() -> None:
    if not REALTIME.is_dir():
        pytest.skip("../shared/corpus-new is not present")
    for path in sorted(REALTIME.rglob("*.yaml")):
        for exchange in Cassette(load_cassette(path)).exchanges():
            assert exchange.dialect in ("openai-realtime", "gemini-live"), path
            assert not [p for p in exchange.problems if p.severity == "error"], (path, exchange.problems)
            assert exchange.response.message is not None and exchange.response.message.parts, path
            json.dumps([e.data for e in exchange.response.chunks])  # the raw view can show every event
