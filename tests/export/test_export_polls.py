"""A turn whose answer was polled for is exported with the last poll's answer, and its
polls are not failed attempts."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.poll_cassettes import background
from tui_replay.export.html import export_html
from tui_replay.export.markdown import export_markdown
from tui_replay.export.transcript import build_transcript


def test_transcript_turn_has_one_attempt_and_three_polls(tmp_path: Path) -> None:
    turns = build_transcript(background(tmp_path)).turns
    assert [t.number for t in turns] == [1, 2, 3]
    polled = turns[1]
    assert [a.index for a in polled.attempts] == [1]
    assert [p.index for p in polled.polls] == [2, 3, 4]
    assert polled.answer.index == 4
    assert [m.text for m in polled.new_messages] == ["write a long essay"]


def test_markdown_and_html_show_the_polled_answer_without_failed_attempts(tmp_path: Path) -> None:
    cassette = background(tmp_path)
    markdown = export_markdown(cassette)
    turn2 = markdown.split("## Turn 2")[1].split("## Turn 3")[0]
    assert "The essay." in turn2
    assert "answered by the last of 3 polls, #4" in turn2
    assert "failed" not in turn2
    html = export_html(cassette)
    turn2_html = html.split("Turn 2</h2>")[1].split("Turn 3</h2>")[0]
    assert "The essay." in turn2_html
    assert "failed" not in turn2_html
