"""Recorded WebSocket sessions: detected from content, grouped into turns, closes kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.paths import SHARED
from tui_replay.formats.load import load_cassette

OPENAI_SESSION = """\
version: 1
interactions:
- kind: message
  direction: received
  data: {type: session.created, session: {model: gpt-realtime}}
- kind: message
  direction: sent
  data: {type: session.update, session: {instructions: Be brief., tools: [{type: function, name: f}]}}
- kind: message
  direction: sent
  data:
    type: conversation.item.create
    item: {type: message, role: user, content: [{type: input_text, text: hi}]}
- kind: message
  direction: sent
  data: {type: response.create}
- kind: message
  direction: received
  data: {type: response.created, response: {id: r1}}
- kind: message
  direction: received
  data: {type: response.function_call_arguments.done, item_id: i1, arguments: '{}'}
- kind: message
  direction: sent
  data: {type: conversation.item.create, item: {type: function_call_output, call_id: c1, output: ok}}
- kind: message
  direction: received
  data: {type: response.done, response: {id: r1, status: completed}}
- kind: message
  direction: sent
  data: {type: response.create}
- kind: message
  direction: received
  data: {type: response.created, response: {id: r2}}
- kind: message
  direction: received
  data: {type: response.done, response: {id: r2, status: completed}}
- kind: close
  code: 1011
  reason: gone
  ok: false
- kind: message
  direction: received
  data: {type: session.created, session: {model: gpt-realtime}}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "session.yaml"
    path.write_text(text)
    return path


def test_a_websocket_session_is_its_own_format_read_as_turns(tmp_path: Path) -> None:
    cassette = load_cassette(_write(tmp_path, OPENAI_SESSION))
    assert cassette.format == "websocket"
    turns = list(cassette)
    assert len(turns) == 3
    first, second, resumed = turns
    assert [e["type"] for e in first.request_json] == [
        "session.update",
        "conversation.item.create",
        "response.create",
    ]
    assert first.response_json[-1]["type"] == "response.done"
    # the tool output, sent while the first answer was still arriving, opens the next turn
    assert [e["type"] for e in second.request_json] == ["conversation.item.create", "response.create"]
    assert second.request_json[0]["item"]["type"] == "function_call_output"
    assert first.line == 3 and second.line == 23
    # the close ends the session after the second turn; what follows is a new session
    assert second.extra["websocket"]["close"] == {
        "kind": "close",
        "code": 1011,
        "reason": "gone",
        "ok": False,
    }
    assert resumed.extra["websocket"]["resumed"] is True
    assert resumed.extra["websocket"]["session"] == 2
    assert first.extra["websocket"]["session"] == 1
    # every turn knows the session setup the client sent, for its tools and instructions
    assert second.extra["websocket"]["config"]["tools"] == [{"type": "function", "name": "f"}]
    assert resumed.extra["websocket"]["config"] is None
    assert first.method == "WS" and first.status is None and first.duration_ms is None


def test_the_interleaved_order_of_a_turn_is_kept(tmp_path: Path) -> None:
    first = load_cassette(_write(tmp_path, OPENAI_SESSION)).raw(0)
    order = first.extra["websocket"]["order"]
    assert order[:4] == [("received", 0), ("sent", 0), ("sent", 1), ("sent", 2)]
    assert len(order) == len(first.request_json) + len(first.response_json)


def test_a_broken_frame_is_a_clear_error_naming_the_file(tmp_path: Path) -> None:
    text = OPENAI_SESSION.replace(
        "- kind: message\n  direction: sent\n  data: {type: response.create}\n", "- 7\n", 1
    )
    cassette = load_cassette(_write(tmp_path, text))
    with pytest.raises(Exception, match=r"session\.yaml.*not a WebSocket message"):
        cassette.validate()


def test_the_shared_realtime_sessions_all_load() -> None:
    root = SHARED / "corpus-new" / "vcrpy" / "pydantic-ai" / "realtime"
    if not root.is_dir():
        pytest.skip("../shared/corpus-new is not present")
    paths = sorted(root.rglob("*.yaml"))
    assert paths
    for path in paths:
        cassette = load_cassette(path)
        assert cassette.format == "websocket", path
        cassette.validate()
        assert len(cassette) >= 1
