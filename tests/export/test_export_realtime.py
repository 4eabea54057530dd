"""Realtime sessions in the transcript: turns of one session continue one conversation, and a
resumed session whose history the server restored says so instead of "a new conversation"."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.helpers.paths import corpus_new_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.cli.inspect import render
from tui_replay.export.html import export_html
from tui_replay.export.markdown import export_markdown
from tui_replay.export.model_json import cassette_json

REALTIME = "vcrpy/pydantic-ai/realtime/cassettes"
XAI_RESUMED = f"{REALTIME}/test_xai_ws/test_session_resumption_after_drop.yaml"
OPENAI_TOOL_ROUND = f"{REALTIME}/test_openai_ws/test_tool_call_round.yaml"
NEW_CONVERSATION = "a new conversation starts here"
RESTORED = "restored by the server into session 2"


def _turn(markdown: str, number: int) -> str:
    return markdown.split(f"## Turn {number}\n", 1)[1].split("\n## ", 1)[0]


def test_the_restored_history_is_turn_2s_in_every_export_and_no_new_conversation() -> None:
    cassette = open_cassette(corpus_new_file(XAI_RESUMED))
    turn_2 = _turn(export_markdown(cassette), 2)
    assert NEW_CONVERSATION not in turn_2
    restored = turn_2.index(f"#### Assistant *({RESTORED})*\n\nGot it—code word is cobalt.")
    assert restored < turn_2.index("#### User\n\nWhat code word did I ask you to remember?")
    assert f'<span class="origin">— {RESTORED}</span>' in export_html(cassette)
    assert f"    assistant ({RESTORED}):\n      Got it—code word is cobalt." in render(cassette)
    messages = cassette_json(cassette)["interactions"][1]["request"]["messages"]
    assert [m.get("origin") for m in messages] == [None, RESTORED, None]


def test_the_turns_of_one_session_continue_one_conversation() -> None:
    markdown = export_markdown(open_cassette(corpus_new_file(OPENAI_TOOL_ROUND)))
    assert "#### Tool" in _turn(markdown, 2)  # the tool's output, new in turn 2
    assert NEW_CONVERSATION not in markdown


def test_a_resumed_session_that_carried_nothing_over_starts_a_new_conversation(tmp_path: Path) -> None:
    def user(text: str) -> dict[str, object]:
        content = [{"type": "input_text", "text": text}]
        return {
            "type": "conversation.item.create",
            "item": {"type": "message", "role": "user", "content": content},
        }

    def answered(response: str) -> list[dict[str, object]]:
        return [
            {"kind": "message", "direction": "sent", "data": {"type": "response.create"}},
            {
                "kind": "message",
                "direction": "received",
                "data": {"type": "response.created", "response": {"id": response}},
            },
            {
                "kind": "message",
                "direction": "received",
                "data": {"type": "response.output_text.delta", "item_id": response, "delta": "Ok."},
            },
            {
                "kind": "message",
                "direction": "received",
                "data": {"type": "response.done", "response": {"id": response, "status": "completed"}},
            },
        ]

    items = [
        {"kind": "message", "direction": "sent", "data": user("Remember cobalt.")},
        *answered("r1"),
        {"kind": "close", "code": 1006, "reason": "", "ok": False},
        {"kind": "message", "direction": "sent", "data": user("What did I say?")},
        *answered("r2"),
    ]
    path = tmp_path / "dropped.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "interactions": items}))
    assert NEW_CONVERSATION in _turn(export_markdown(open_cassette(path)), 2)
