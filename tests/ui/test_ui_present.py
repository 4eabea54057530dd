"""Presentation mode (`P`, `--present`): state, not pixels (the snapshot is in test_ui_snapshots)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from textual.widgets import Static

from tests.helpers.cassette_edits import multi_tool_answering
from tests.helpers.svg_text import screen_lines
from tests.helpers.waiting import wait_until
from tui_replay.analysis.captions import MAX_LINES
from tui_replay.analysis.steps import lesson_steps
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import STREAMING, WANDB, play
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.caption_bar import CaptionBar
from tui_replay.ui.widgets.diff_pane import DiffPane
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
from tui_replay.ui.widgets.message_view import ToolCallView
from tui_replay.ui.widgets.rich_lines import RichLines
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
        assert f"{facts['statuses'][0]} Too Many Requests" in caption

        await play(app, pilot, ("P",))
        assert not screen.has_class("-present")
        assert all(screen.query_one(s).display for s in hidden_when_presenting)
        assert not screen.query_one(CaptionBar).display


def wandb_runs() -> tuple[int, range, int]:
    """Read off the cassette: (the first 200, the 429s of turn 2 after it, the last interaction)."""
    statuses = wandb_facts()["statuses"]
    assert isinstance(statuses, list)
    first_ok, last = statuses.index(200), len(statuses) - 1
    assert statuses[last] == 200 and set(statuses[first_ok + 1 : last]) == {429}
    return first_ok, range(first_ok + 1, last), last


async def test_presenting_steps_over_identical_retries_in_one_press() -> None:
    first_ok, run, last = wandb_runs()
    attempts = len(run) + 1  # turn 2: the run of 429s, then the 200
    # Steps: the 429s before the first 200 (one, or none), that 200, the run, the last answer.
    count = min(first_ok, 1) + 3
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("G",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen) and screen.has_class("-present")
        assert screen.selected == last
        caption = text_of(screen, "#caption-text")
        assert caption.startswith(f"Attempt {attempts} of {attempts} after 429") and "Florence" in caption
        # counted from 1, as a class counts; no "#11", no "0-based"
        assert (
            text_of(screen, "#caption-step")
            == f"Step {count} of {count} · turn 2 · attempt {attempts} of {attempts}"
        )

        await play(app, pilot, ("p",))  # one press: back over all eight 429s, to their first
        assert screen.selected == run[0]
        assert (
            text_of(screen, "#caption-step")
            == f"Step {count - 1} of {count} · turn 2 · attempts 1–{len(run)} of {attempts}"
        )
        summary = f"attempts 1–{len(run)} of {attempts}: 429 Too Many Requests, same request"
        assert summary in text_of(screen, "#caption-text")
        await play(app, pilot, ("p",))
        assert screen.selected == first_ok
        await play(app, pilot, ("n",))
        assert screen.selected == run[0]
        await play(app, pilot, ("n",))
        assert screen.selected == last
        await play(app, pilot, ("g",))
        assert str(wandb_facts()["question"]) in text_of(screen, "#caption-text")

        await play(app, pilot, ("P", "G", "p"))  # not presenting: the timeline's every interaction
        assert screen.selected == last - 1
        await play(app, pilot, ("P",))  # presenting again in the middle of the run: its step
        assert text_of(screen, "#caption-step").startswith(f"Step {count - 1} of {count}")
        assert summary in text_of(screen, "#caption-text")
        await play(app, pilot, ("n",))
        assert screen.selected == last


async def test_the_error_keys_stop_once_on_a_run_while_presenting() -> None:
    first_ok, run, _ = wandb_runs()
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        screen.jump_to(first_ok)
        await play(app, pilot, ("e",))
        assert screen.selected == run[0]
        await play(app, pilot, ("e",))  # the run's other attempts are the same step: no later error
        assert screen.selected == run[0]
        await play(app, pilot, ("E",))  # the 429s before the first 200, at their first
        assert screen.selected == 0


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
        "  11: Ninth time lucky.\n"
        f"  {wandb_runs()[1][2]}: Still rate-limited.\n",
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
        await play(app, pilot, ("p",))  # the run of 429s, one step: its attempt's note shows
        assert note.display and str(note.content) == "Still rate-limited."
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
        attempts = wandb_runs()[0] + 1
        assert text_of(screen, "#caption-text").startswith(f"Attempt {attempts} of {attempts}")  # still there
        assert app.is_running


async def test_nothing_on_a_slide_says_0_based_or_a_hash_number() -> None:
    """The jargon of the debugging screens stays off the slides, step after step."""
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        count = len(lesson_steps(screen.cassette))
        for step in range(1, count + 1):
            shown = "\n".join(visible_lines(app))
            assert f"Step {step} of {count}" in shown
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


async def test_inline_code_in_the_caption_is_drawn_as_code_without_backticks() -> None:
    first_ok = wandb_runs()[0]
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        screen.jump_to(first_ok)  # the model calls the weather tool
        await play(app, pilot, ())
        message = screen.cassette.exchange(first_ok).response.message
        assert message is not None and message.tool_calls
        name = message.tool_calls[0].name
        segments = list(screen.query_one("#caption-text", Static).render_line(0))
        line = "".join(segment.text for segment in segments)
        assert f"calls {name} with" in line and "`" not in line
        code = next(segment for segment in segments if segment.text == name)
        before = segments[segments.index(code) - 1]
        assert code.style is not None and before.style is not None
        assert (code.style.color, code.style.bgcolor) != (before.style.color, before.style.bgcolor)
        assert f"calls {name} with" in "\n".join(visible_lines(app))


async def test_a_long_list_in_the_caption_shows_its_items_and_counts_the_rest(tmp_path: Path) -> None:
    items = [f"- Item {n}: a line about thing number {n}" for n in range(1, MAX_LINES + 4)]
    cassette = multi_tool_answering(tmp_path, ["Here is what I found:", *items])
    app = ReplayApp([cassette], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("G",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        shown = MAX_LINES - 2  # the answer's first line, these items, then how many more
        visible = "\n".join(visible_lines(app))
        for item in items[:shown]:
            assert "• " + item[2:] in visible
        assert f"… and {len(items) - shown} more items”" in visible
        assert screen.query_one("#caption-text", Static).content_region.height == MAX_LINES


async def test_colon_and_the_palette_count_steps_while_presenting() -> None:
    from textual.command import CommandPalette
    from textual.widgets import Input, Label

    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        steps = lesson_steps(screen.cassette)
        count = len(steps)
        await play(app, pilot, ("colon",))
        prompt = "\n".join(str(label.content) for label in app.screen.query(Label))
        assert f"Go to step (1 to {count})" in prompt and "#" not in prompt
        await play(app, pilot, ("0", "enter"))  # there is no step 0
        assert isinstance(app.focused, Input)
        app.focused.value = ""
        await play(app, pilot, ("3", "enter"))
        assert app.screen is screen and screen.selected == steps[2].first  # step 3 is interaction #3
        assert text_of(screen, "#caption-step").startswith(f"Step 3 of {count}")

        await play(app, pilot, ("ctrl+p", *str(count)))
        assert isinstance(app.screen, CommandPalette)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await play(app, pilot, ("enter",))
        assert app.screen is screen and screen.selected == steps[count - 1].first


async def test_an_error_message_wraps_under_its_label() -> None:
    """At 80 columns the provider's message takes three lines: each under the first, not back
    at the labels' column."""
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ())
        box = app.screen.query_one("#response-error", RichLines)
        drawn = [box.render_line(y).text.rstrip() for y in range(box.content_region.height)]
        start = next(i for i, line in enumerate(drawn) if line.startswith("message  "))
        more = [line for line in drawn[start + 1 :] if line]
        assert more, drawn  # the message wrapped
        assert all(line.startswith(" " * len("message  ")) for line in more), drawn
        assert drawn[0].startswith("status   429")


async def test_nothing_to_compare_is_one_line_not_an_empty_pane() -> None:
    first_ok, run, _ = wandb_runs()
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("n", "n", "d"))  # turn 2's first attempt: none before it
        screen = app.screen
        assert isinstance(screen, CassetteScreen) and screen.selected == run[0]
        pane = screen.query_one(DiffPane)
        assert pane.display and pane.outer_size.height == 1
        said = pane.render_line(0).text.strip()
        assert said == f"diff: turn 2 has no attempt before #{run[0]} · nothing to compare"
        await play(app, pilot, ("a",))  # with the turn before: something to compare
        assert pane.diff is not None and pane.outer_size.height > 1
        assert pane.border_title == f"turn 1 (#{first_ok}) vs turn 2 (#{run[0]})"


async def test_escape_never_spends_a_press_on_the_hidden_timeline() -> None:
    """Presenting, escape from the tools pane shows the slide, and the next one goes back to
    the list, wherever the focus is: focusing the hidden timeline changed nothing on screen."""
    from tui_replay.ui.screens.browser_screen import BrowserScreen

    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("n", "n"))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        screen.set_focus(None)  # as when a focused message is replaced, or enter focused the slide
        await pilot.pause()
        await pilot.press("t")
        assert screen.pane == "tools-pane"
        await pilot.press("escape")
        assert app.screen is screen and screen.pane == "detail"
        await pilot.press("escape")
        await wait_until(lambda: isinstance(app.screen, BrowserScreen), pilot, what="the list")


@pytest.mark.parametrize("started_presenting", [True, False])
async def test_while_presenting_the_arrows_scroll_the_slide_not_the_hidden_timeline(
    started_presenting: bool,
) -> None:
    app = ReplayApp([WANDB], autoplay=False, present=started_presenting)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, () if started_presenting else ("P",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen) and screen.has_class("-present")
        await play(app, pilot, ("n", "n"))
        step, selected = text_of(screen, "#caption-step"), screen.selected
        await play(app, pilot, ("down", "down", "down"))
        assert (screen.selected, text_of(screen, "#caption-step")) == (selected, step)
        assert screen.focused is not None and screen.focused.id == "detail"
        await play(app, pilot, ("t",))  # the tools pane shown takes the keys
        assert screen.focused is not None and screen.focused.id == "tools-pane"
        await play(app, pilot, ("escape", "P"))  # the timeline back in view takes them back
        assert screen.focused is screen.query_one("#timeline")
        await play(app, pilot, ("down",))
        assert screen.selected == selected + 1
