"""Selecting text with the mouse and copying it (ctrl+c) in every pane of an opened cassette.

The app is driven as a user drives it: a mouse press on a cell, a drag, a release, then
ctrl+c; the test reads what landed on the app's clipboard. The expected text is cut from
the line as the widget draws it, and checked against the words the cassette holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.selection import SELECT_ALL
from textual.strip import Strip
from textual.widget import Widget

from tui_replay.model import TextPart
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import MULTI, STREAMING, WANDB, play
from tui_replay.ui.widgets.diff_pane import DiffPane
from tui_replay.ui.widgets.growing_text import GrowingText
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
from tui_replay.ui.widgets.raw_view import RawView
from tui_replay.ui.widgets.text_part_view import TextPartView
from tui_replay.ui.widgets.thinking_view import ThinkingPartView
from tui_replay.ui.widgets.tools_view import ToolsView

ROOT = Path(__file__).resolve().parents[2]
THINKING = "cassettes/anthropic_thinking_tool_stream.yaml"
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def drawn(widget: Widget, y: int) -> str:
    """Line `y` of what `widget` shows (of its viewport, for a scrolling widget)."""
    return widget.render_line(y).text


def at(widget: Widget, cell: tuple[int, int]) -> tuple[int, int]:
    """The screen position of content cell `cell` of `widget`."""
    x = widget.region.x + widget.gutter.left + cell[0]
    y = widget.region.y + widget.gutter.top + cell[1]
    assert 0 <= y < SIZE[1], "the cell must be on screen"
    return x, y


def mouse(
    kind: type[events.MouseEvent], position: tuple[int, int], moved: tuple[int, int] = (0, 0)
) -> events.MouseEvent:
    x, y = position
    return kind(None, x, y, moved[0], moved[1], 1, False, False, False, screen_x=x, screen_y=y)


async def drag_between(pilot: Pilot[None], start: tuple[int, int], end: tuple[int, int]) -> None:
    """Press the left button at screen position `start`, move to `end`, release: posted to the
    app as its terminal driver posts them (the app, not the pilot, then makes a release on the
    widget pressed a `Click`, as it does for a real drag)."""
    moved = (end[0] - start[0], end[1] - start[1])
    for event in (
        mouse(events.MouseDown, start),
        mouse(events.MouseMove, end, moved),
        mouse(events.MouseUp, end),
    ):
        pilot.app.post_message(event)
        await pilot.pause()


async def drag(pilot: Pilot[None], widget: Widget, start: tuple[int, int], end: tuple[int, int]) -> None:
    """Drag over `widget` from its content cell `start` to `end`."""
    await drag_between(pilot, at(widget, start), at(widget, end))


async def copy(pilot: Pilot[None]) -> str:
    await pilot.press("ctrl+c")
    await pilot.pause()
    return pilot.app.clipboard


def message(app: ReplayApp, role: str) -> MessageAtRest:
    return next(view for view in app.screen.query(MessageAtRest) if view.message.role == role)


async def test_a_drag_in_a_history_message_copies_the_text_under_it_and_shows_it_selected() -> None:
    app = ReplayApp([MULTI], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ())
        system = message(app, "system")
        line = drawn(system, 1)
        before = list(system.render_line(1))
        await drag(pilot, system, (8, 1), (26, 1))
        assert await copy(pilot) == line[8:27] == "a helpful assistant"
        part = system.message.parts[0]
        assert isinstance(part, TextPart) and "a helpful assistant" in part.text  # the cassette's words

        backgrounds = {segment.style.bgcolor for segment in before if segment.style}
        colours = {segment.style.color for segment in before if segment.style and segment.text.strip()}
        after = [segment for segment in system.render_line(1) if segment.style]
        chosen = [segment for segment in after if segment.style and segment.style.bgcolor not in backgrounds]
        assert "".join(segment.text for segment in chosen) == "a helpful assistant"  # and nothing else
        for segment in chosen:  # the text keeps its colour: readable over the selection
            assert (
                segment.style
                and segment.style.color in colours
                and segment.style.color != segment.style.bgcolor
            )


async def test_a_drag_over_two_messages_copies_both_parts_and_what_lies_between() -> None:
    app = ReplayApp([MULTI], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ())
        system, user = message(app, "system"), message(app, "user")
        first, last = drawn(system, 1), drawn(user, 1)
        await drag_between(pilot, at(system, (8, 1)), at(user, (4, 1)))
        copied = await copy(pilot)
        # Textual ends a selection spanning widgets before the cell under the mouse
        assert copied.startswith(first[8:].rstrip()) and copied.endswith(last[:4])
        assert "\nUSER\n" in copied  # the second message's header, between the two


async def test_a_drag_ending_on_a_thinking_title_selects_without_folding_it() -> None:
    app = ReplayApp([THINKING], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("end",))
        thinking = app.screen.query_one(ThinkingPartView)
        assert thinking.collapsed and drawn(thinking, 0).startswith("▶ thinking")
        await drag(pilot, thinking, (2, 0), (9, 0))
        assert await copy(pilot) == "thinking"
        assert thinking.collapsed  # a drag is not a click on the title
        await pilot.click(thinking, offset=(thinking.gutter.left + 2, 0))
        await pilot.pause()
        assert not thinking.collapsed  # a click still opens it


async def test_a_drag_ending_on_a_history_message_s_thinking_title_selects_without_opening_it() -> None:
    app = ReplayApp([THINKING], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("G",))
        assistant = next(view for view in app.screen.query(MessageAtRest) if view.has_thinking())
        assert drawn(assistant, 1).startswith("▶ thinking")
        await drag(pilot, assistant, (0, 0), (9, 1))
        assert await copy(pilot) == "ASSISTANT\n▶ thinking"
        assert not assistant.open_thinking and drawn(assistant, 1).startswith("▶ thinking")
        await pilot.click(assistant, offset=(assistant.gutter.left + 2, assistant.gutter.top + 1))
        await pilot.pause()
        assert assistant.open_thinking  # a click still opens it


async def test_a_streamed_response_copies_while_it_grows_and_once_it_rests() -> None:
    app = ReplayApp([STREAMING], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("G", *(["full_stop"] * 6)))
        text = app.screen.query_one("#stream-message").query_one(TextPartView)
        assert text.streaming
        # the stream starts below the history, which is shown from its header: scroll to it
        app.screen.query_one("#detail").scroll_to_widget(text, animate=False, top=True, immediate=True)
        await play(app, pilot, ())
        line = drawn(text, 0)
        await drag(pilot, text, (0, 0), (7, 0))
        assert await copy(pilot) == line[:8] == "The resu"

        await play(app, pilot, ("end",))
        assert not text.streaming and text.markdown_shown()
        line = drawn(text, 0)
        await drag(pilot, text, (4, 0), (10, 0))
        assert await copy(pilot) == line[4:11] == "results"


async def test_the_tools_pane_copies() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("t",))
        tools = app.screen.query_one(ToolsView)
        assert drawn(tools, 0).startswith("TOOLS · ")
        await drag(pilot, tools, (0, 0), (4, 0))
        assert await copy(pilot) == "TOOLS"


async def test_the_raw_pane_copies_across_lines() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("r",))
        raw = app.screen.query_one("#raw", RawView)
        lines = [drawn(raw, y) for y in range(3)]
        assert lines[0].startswith("RAW EXCHANGE · interaction #0") and lines[2].startswith("POST https://")
        await drag(pilot, raw, (4, 0), (3, 2))
        assert await copy(pilot) == f"{lines[0][4:].rstrip()}\n\nPOST"


async def test_the_diff_pane_copies_the_lines_under_the_mouse_scrolled_or_not() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("G", "d"))
        pane = app.screen.query_one(DiffPane)
        assert pane.diff is not None and pane.max_scroll_y > 5
        top = drawn(pane, 0)
        await drag(pilot, pane, (1, 0), (10, 0))
        assert await copy(pilot) == top[1:11] and top[1:11].strip()

        pane.scroll_to(y=5, animate=False)
        await pilot.pause()
        assert pane.scroll_offset.y == 5
        rows = [drawn(pane, y) for y in range(3)]
        await drag(pilot, pane, (2, 0), (6, 2))
        copied = await copy(pilot)
        assert copied == "\n".join([rows[0][2:].rstrip(), rows[1].rstrip(), rows[2][:7]])
        assert copied != top[2:]  # the lines scrolled to, not the diff's first lines


async def test_a_binding_id_in_the_help_copies() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("question_mark",))
        table = app.screen.query("VerticalScroll > *").first()  # the first table of keys
        rows = [drawn(table, y) for y in range(table.size.height)]
        y = next(y for y, row in enumerate(rows) if row.rstrip().endswith("app.present"))
        x = rows[y].index("app.present")
        await drag(pilot, table, (x, y), (x + len("app.present") - 1, y))
        assert await copy(pilot) == "app.present"  # an id to remap the key with


SECRET = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"


def planted(tmp_path: Path) -> Path:
    """The wandb cassette with an API key in its user message (and so in the raw request body)."""
    text = (ROOT / WANDB).read_text()
    assert "Florence,Italy?" in text
    path = tmp_path / "planted.yaml"
    path.write_text(text.replace("Florence,Italy?", f"Florence,Italy? My key is {SECRET}"))
    return path


@pytest.mark.parametrize("redact", [True, False])
async def test_a_copy_holds_what_is_shown_secrets_masked_unless_no_redact(
    tmp_path: Path, redact: bool
) -> None:
    app = ReplayApp([planted(tmp_path)], redact=redact, autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ())
        user = message(app, "user")
        await drag(pilot, user, (0, 1), (user.size.width - 1, user.size.height - 1))
        detail = await copy(pilot)
        await play(app, pilot, ("r",))
        raw = app.screen.query_one("#raw", RawView)
        rows = SIZE[1] - 2 - raw.region.y  # down to the row above the footer
        await drag(pilot, raw, (0, 0), (raw.size.width - 1, rows))
        body = await copy(pilot)
    assert "My key is" in detail and "My key is" in body
    for copied in (detail, body):
        assert (SECRET[-10:] in copied) is not redact
        assert ("sk-proj-…(masked, " in copied) is redact


class Noted(ReplayApp):
    """Keeps what the app says in notifications."""

    CSS_PATH = str(ROOT / "tui_replay" / "ui" / "tui_replay.tcss")  # relative paths resolve from here

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.said: list[str] = []

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        self.said.append(message)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)


async def test_ctrl_c_with_nothing_selected_says_how_to_select() -> None:
    app = Noted([MULTI], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ())
        assert await copy(pilot) == ""  # nothing was copied
        assert any("drag over text with the mouse" in said for said in app.said)
        assert app.is_running


async def test_the_blank_lines_under_a_streaming_text_are_not_copied() -> None:
    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield GrowingText("one line, growing")

    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        text = app.query_one(GrowingText)
        text.grow_by(4)
        await pilot.pause()
        assert text.size.height == 4  # room for the lines to come
        assert text.get_selection(SELECT_ALL) == ("one line, growing", "\n")


async def test_painted_lines_carry_no_offsets_the_lines_under_the_mouse_do() -> None:
    app = ReplayApp([MULTI], autoplay=False)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ())
        system = message(app, "system")

        def offsets(strip: Strip) -> list[object]:
            return [s.style.meta.get("offset") for s in strip if s.text and s.style and s.style.meta]

        painted = system.render_lines(system.region.reset_offset)
        assert painted and not any(offsets(line) for line in painted)  # styles the filters can cache
        looked_up = system.render_line(1)  # as Textual asks, to find the cell under the mouse
        assert offsets(looked_up)[0] == (0, 1)
