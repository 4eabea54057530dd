"""Presentation mode (`P`, `--present`): state, not pixels (the snapshot is in test_ui_snapshots)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from textual.widgets import Static

from tests.helpers.svg_text import screen_lines
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import STREAMING, WANDB, play
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.caption_bar import CaptionBar
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
from tui_replay.ui.widgets.message_view import ToolCallView
from tui_replay.ui.widgets.styled_lines import StyledLines

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def wandb_facts() -> dict[str, object]:
    """Read off the cassette itself: statuses, the tool call id and the first user question."""
    data = yaml.safe_load((ROOT / WANDB).read_text())
    items = data["interactions"]
    last_request = json.loads(items[-1]["request"]["body"])
    call_ids = [c["id"] for m in last_request["messages"] for c in m.get("tool_calls", [])]
    first_request = json.loads(items[0]["request"]["body"])
    question = next(m["content"] for m in first_request["messages"] if m["role"] == "user")
    return {
        "statuses": [item["response"]["code"] for item in items],
        "call_id": call_ids[0],
        "question": question,
        "host": "openrouter.ai",
    }


def text_of(screen: CassetteScreen, selector: str) -> str:
    widget = screen.query_one(selector)
    return (
        widget.plain if isinstance(widget, StyledLines) else str(screen.query_one(selector, Static).content)
    )


async def test_P_toggles_presentation_mode_and_hides_the_debugging_parts() -> None:
    facts = wandb_facts()
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        hidden_when_presenting = ("#timeline-column", "#request-summary", "#response-header")
        assert not screen.has_class("-present")
        assert all(screen.query_one(s).display for s in hidden_when_presenting)
        assert not screen.query_one(CaptionBar).display
        assert facts["host"] in text_of(screen, "#request-summary")  # the URL is there when debugging

        await play(app, pilot, ("P",))
        assert screen.has_class("-present") and app.teaching.present
        assert not any(screen.query_one(s).display for s in hidden_when_presenting)
        assert screen.query_one("#problems").outer_size.height == 0
        assert screen.query_one(CaptionBar).display
        caption = text_of(screen, "#caption-text")
        assert str(facts["question"]) in caption  # interaction 0: the user asks …
        assert str(facts["statuses"][0]) in caption and "fails" in caption

        await play(app, pilot, ("P",))
        assert not screen.has_class("-present")
        assert all(screen.query_one(s).display for s in hidden_when_presenting)
        assert not screen.query_one(CaptionBar).display


async def test_captions_follow_the_selection_on_the_wandb_seed() -> None:
    facts = wandb_facts()
    statuses = facts["statuses"]
    assert isinstance(statuses, list)
    last = len(statuses) - 1
    turn2_attempts = last - statuses.index(200, 0) if 200 in statuses else 0  # 429s after the first 200
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("G",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen) and screen.has_class("-present")
        caption = text_of(screen, "#caption-text")
        # The last interaction is the final attempt of turn 2 (everything after the first 200).
        assert caption.startswith(f"Attempt {turn2_attempts} of {turn2_attempts} after 429")
        assert "Florence" in caption
        step = text_of(screen, "#caption-step")
        # counted from 1, as a class counts; no "#11", no "0-based"
        assert (
            step
            == f"Step {last + 1} of {len(statuses)} · turn 2 · attempt {turn2_attempts} of {turn2_attempts}"
        )
        await play(app, pilot, ("p",) * (turn2_attempts - 1))
        assert (
            text_of(screen, "#caption-step")
            == f"Step {last + 2 - turn2_attempts} of {len(statuses)} · turn 2 · attempt 1 of {turn2_attempts}"
        )
        await play(app, pilot, ("g",))
        assert str(facts["question"]) in text_of(screen, "#caption-text")


async def test_tool_call_ids_are_hidden_while_presenting() -> None:
    call_id = str(wandb_facts()["call_id"])
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("G",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        # the history's cards (the call and its result), drawn inside their messages
        assert ids_in_history(screen, call_id) == 2
        await play(app, pilot, ("P",))
        assert ids_in_history(screen, call_id) == 0
        await play(app, pilot, ("p", "G"))  # cards rebuilt while presenting stay without ids
        assert ids_in_history(screen, call_id) == 0
        await play(app, pilot, ("P",))
        assert ids_in_history(screen, call_id) == 2


def ids_in_history(screen: CassetteScreen, call_id: str) -> int:
    """How many lines of the history's messages show `call_id`."""
    return sum(call_id in line for view in screen.query(MessageAtRest) for line in view.plain_lines())


async def test_streamed_tool_call_cards_hide_ids_while_presenting() -> None:
    """A tool call in a streamed response (a `MessageView` card) loses its id too."""
    app = ReplayApp([STREAMING], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("end",))  # the stream of #0 drawn to its end: two tool calls
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        cards = [card for card in screen.query(ToolCallView) if card.display]
        assert len(cards) == 2 and all("id " in str(card.border_subtitle) for card in cards)
        await play(app, pilot, ("P",))
        assert not any("id " in str(card.border_subtitle or "") for card in cards)
        await play(app, pilot, ("P",))
        assert all("id " in str(card.border_subtitle) for card in cards)


async def test_raw_and_headers_stay_hidden_while_presenting() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("r",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        assert screen.pane == "raw-pane"
        await play(app, pilot, ("P",))
        assert screen.pane == "detail"  # presenting closed the raw exchange
        await play(app, pilot, ("r", "h"))
        assert screen.pane == "detail"
        await play(app, pilot, ("P", "h"))
        assert screen.pane == "headers-pane"


def copy_with_notes(tmp_path: Path, notes_text: str) -> Path:
    cassette = tmp_path / "weather.yaml"
    cassette.write_bytes((ROOT / WANDB).read_bytes())
    (tmp_path / "weather.notes.yaml").write_text(notes_text, encoding="utf-8")
    return cassette


async def test_teacher_note_from_the_sidecar_is_shown(tmp_path: Path) -> None:
    cassette = copy_with_notes(
        tmp_path,
        "title: Retries in practice\n"
        "notes:\n"
        "  0: The provider is overloaded, watch the client retry.\n"
        "  11: Ninth time lucky.\n",
    )
    app = ReplayApp([cassette], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        note = screen.query_one("#caption-note", Static)
        assert note.display and str(note.content) == "The provider is overloaded, watch the client retry."
        assert text_of(screen, "#caption-step").startswith("Retries in practice")
        await play(app, pilot, ("n",))
        assert not note.display  # no note for interaction 1
        await play(app, pilot, ("G",))
        assert note.display and str(note.content) == "Ninth time lucky."
    assert (tmp_path / "weather.yaml").read_bytes() == (ROOT / WANDB).read_bytes()  # never written


async def test_a_broken_sidecar_is_a_notice_and_the_show_goes_on(tmp_path: Path) -> None:
    cassette = copy_with_notes(tmp_path, "notes: [unclosed\n")
    app = ReplayApp([cassette], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("n",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        bar = screen.query_one(CaptionBar)
        assert bar.notes_error is not None and "weather.notes.yaml" in bar.notes_error
        assert not screen.query_one("#caption-note").display
        assert text_of(screen, "#caption-text").startswith("Attempt 2 of 3")  # captions still work
        assert app.is_running


async def test_nothing_on_a_slide_says_0_based_or_a_hash_number() -> None:
    """The jargon of the debugging screens stays off the slides, step after step."""
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        for step in range(1, len(screen.rows) + 1):
            shown = "\n".join(visible_lines(app))
            assert f"Step {step} of {len(screen.rows)}" in shown
            assert "0-based" not in shown and "#" not in shown, shown
            await play(app, pilot, ("n",))


def visible_lines(app: ReplayApp) -> list[str]:
    """The terminal's text as the user sees it."""
    return screen_lines(app.export_screenshot())


async def test_a_list_in_the_caption_keeps_its_lines() -> None:
    app = ReplayApp([STREAMING], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("G", "end"))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        caption = screen.query_one("#caption-text", Static)
        lines = text_of(screen, "#caption-text").splitlines()
        assert [line[:2] for line in lines[1:]] == ["• ", "• "]
        assert caption.content_region.height == len(lines) == 3  # drawn as three lines, not one


async def test_colon_and_the_palette_count_steps_while_presenting() -> None:
    from textual.command import CommandPalette
    from textual.widgets import Input, Label

    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        count = len(screen.rows)
        await play(app, pilot, ("colon",))
        prompt = "\n".join(str(label.content) for label in app.screen.query(Label))
        assert f"Go to step (1 to {count})" in prompt and "#" not in prompt
        await play(app, pilot, ("0", "enter"))  # there is no step 0
        assert isinstance(app.focused, Input)
        app.focused.value = ""
        await play(app, pilot, ("3", "enter"))
        assert app.screen is screen and screen.selected == 2  # step 3 is interaction #2
        assert text_of(screen, "#caption-step").startswith(f"Step 3 of {count}")

        await play(app, pilot, ("ctrl+p", *str(count)))
        assert isinstance(app.screen, CommandPalette)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await play(app, pilot, ("enter",))
        assert app.screen is screen and screen.selected == count - 1
