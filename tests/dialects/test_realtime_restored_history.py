"""Conversation items a realtime server added itself (history restored into a resumed session)
are messages of the turn's request, marked where they came from; the items that repeat what
the client sent or what the answer said are not shown twice."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers.paths import CORPUS_NEW, VENDORED_CORPUS_NEW, corpus_new_file
from tui_replay.analysis.cassette import Cassette
from tui_replay.dialects.openai_realtime_items import ITEM_EVENTS
from tui_replay.formats.load import load_cassette
from tui_replay.model import Exchange, ImagePart, TextPart, ToolCallPart, ToolResultPart, UnrecognisedPart

XAI_RESUMED = "vcrpy/pydantic-ai/realtime/cassettes/test_xai_ws/test_session_resumption_after_drop.yaml"
REALTIME = Path("vcrpy/pydantic-ai/realtime/cassettes")


def _session(tmp_path: Path, frames: list[tuple[str, dict[str, Any]]]) -> list[Exchange]:
    items = [{"kind": "message", "direction": d, "data": data} for d, data in frames]
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "interactions": items}))
    return Cassette(load_cassette(path)).exchanges()


def test_the_history_xai_restored_into_the_resumed_session_is_turn_2s_conversation() -> None:
    first, second = Cassette(load_cassette(corpus_new_file(XAI_RESUMED))).exchanges()
    assert [(m.role, m.text) for m in second.request.messages] == [
        ("system", "Answer in one short sentence."),
        ("assistant", "Got it—code word is cobalt."),
        ("user", "What code word did I ask you to remember?"),
    ]
    origins = [m.origin for m in second.request.messages]
    assert origins == [None, "restored by the server into session 2", None]
    assert all(m.origin is None for m in first.request.messages)
    (resumed,) = [p for p in second.problems if p.code == "session-resumed"]
    assert resumed.message.endswith("the server restored 1 message of the conversation into it")


def _item(item_id: str, role: str, content: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": item_id, "type": "message", "role": role, "content": content}


@pytest.mark.parametrize("committed", [True, False], ids=["buffer-committed", "audio-only-item"])
def test_server_items_repeating_the_client_or_the_answer_are_not_shown_twice(
    tmp_path: Path, committed: bool
) -> None:
    audio = base64.b64encode(bytes(4800)).decode()
    hi = [{"type": "input_text", "text": "Hi"}]
    # the item the buffer became: named by the commit, else known by holding only audio not sent back
    heard = {"type": "input_audio", "audio": audio} if committed else {"type": "input_audio"}
    frames = [
        ("received", {"type": "session.created", "session": {}}),
        (
            "sent",
            {"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": hi}},
        ),
        ("received", {"type": "conversation.item.created", "item": _item("srv1", "user", hi)}),  # its echo
        ("sent", {"type": "input_audio_buffer.append", "audio": audio}),
        ("received", {"type": "input_audio_buffer.committed", "item_id": "aud1" if committed else "other"}),
        (
            "received",
            {"type": "conversation.item.created", "item": _item("aud1", "user", [heard])},
        ),
        (
            "received",  # nothing the client sent or the answer said: the server's own
            {
                "type": "conversation.item.created",
                "item": _item("x9", "assistant", [{"type": "text", "text": "Noted."}]),
            },
        ),
        ("sent", {"type": "response.create"}),
        ("received", {"type": "response.created", "response": {"id": "r1"}}),
        ("received", {"type": "response.output_item.added", "item": _item("out1", "assistant", [])}),
        ("received", {"type": "conversation.item.added", "item": _item("out1", "assistant", [])}),
        (
            "received",
            {"type": "response.output_text.delta", "item_id": "out1", "content_index": 0, "delta": "Hello"},
        ),
        (
            "received",
            {
                "type": "conversation.item.done",
                "item": _item("out1", "assistant", [{"type": "text", "text": "Hello"}]),
            },
        ),
        ("received", {"type": "response.done", "response": {"id": "r1", "status": "completed"}}),
    ]
    (turn,) = _session(tmp_path, frames)
    messages = turn.request.messages
    assert [(m.role, m.text) for m in messages] == [("user", "Hi"), ("user", ""), ("assistant", "Noted.")]
    assert isinstance(messages[1].parts[0], ImagePart)  # the user's audio
    assert [m.origin for m in messages] == [None, None, "added by the server, not sent by the client"]
    assert turn.response.message is not None and turn.response.message.text == "Hello"


def _said(item: dict[str, Any]) -> list[str]:
    """What a conversation item says that a reader must find somewhere."""
    said = [
        str(block.get("text") or block.get("transcript") or "")
        for block in item.get("content") or []
        if isinstance(block, dict)
    ]
    if item.get("type") == "function_call":
        said.append(str(item.get("name") or ""))
    if item.get("type") == "function_call_output":
        said.append(str(item.get("output") or ""))
    return [s for s in said if s]


def _shown(exchange: Exchange) -> tuple[str, set[str]]:
    """The text a turn shows (its request and its answer), and the kinds it shows as unmodelled."""
    messages = list(exchange.request.messages)
    if exchange.response.message is not None:
        messages.append(exchange.response.message)
    texts, unmodelled = [], set()
    for part in (p for m in messages for p in m.parts):
        if isinstance(part, TextPart):
            texts.append(part.text)
        elif isinstance(part, ToolCallPart):
            texts.append(part.name)
        elif isinstance(part, ToolResultPart):
            texts.append(str(part.content))
        elif isinstance(part, UnrecognisedPart):
            unmodelled.add(part.kind)
    return "\n".join(texts), unmodelled


def test_every_conversation_item_a_recorded_session_carries_is_shown() -> None:
    roots = [root / REALTIME for root in (VENDORED_CORPUS_NEW, CORPUS_NEW) if (root / REALTIME).is_dir()]
    paths = {p.relative_to(root): p for root in roots for p in sorted(root.rglob("*.yaml"))}
    if not paths:
        corpus_new_file(XAI_RESUMED)  # skips, saying where it looked
    checked = 0
    for path in paths.values():
        for exchange in Cassette(load_cassette(path)).exchanges():
            text, unmodelled = _shown(exchange)
            for event in exchange.raw.response_json:
                item = event.get("item") if isinstance(event, dict) else None
                if event.get("type") not in ITEM_EVENTS or not isinstance(item, dict):
                    continue
                checked += 1
                if item.get("type") not in ("message", "function_call", "function_call_output"):
                    assert item.get("type") in unmodelled, (path, event)
                for said in _said(item):
                    assert said in text, (path, exchange.raw.index, said)
    assert checked
