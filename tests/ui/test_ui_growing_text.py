"""GrowingText (streamed text re-wrapped only at its end) draws what a Static draws, and
MessageView never hands a part to a widget of another kind while old ones are being removed."""

from __future__ import annotations

import random

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from tests.helpers.waiting import wait_until
from tui_replay.model import Message, TextPart, ToolCallPart
from tui_replay.ui.widgets.growing_text import GrowingText, rewrap_from, wrap_lines
from tui_replay.ui.widgets.message_view import MessageView, TextPartView, ToolCallView

WORDS = ["alpha", "be", "gammadeltaepsilonzetaetatheta" * 3, "x", "\n", "  ", "日本語テキスト", "end."]


class Both(App[None]):
    CSS = "Static, GrowingText { padding: 0 1; color: red; text-style: italic; }"

    def compose(self) -> ComposeResult:
        yield Static(Text(""))
        yield GrowingText("")


def lines_of(widget: Static | GrowingText) -> list[str]:
    return [strip.text for strip in widget.render_lines(widget.region.reset_offset)]


async def test_growing_text_draws_what_a_static_draws_at_every_step() -> None:
    rng = random.Random(5)
    text = "".join(rng.choice(WORDS) + rng.choice([" ", "", "  "]) for _ in range(150))
    app = Both()
    async with app.run_test(size=(47, 300)) as pilot:
        static, growing = app.query_one(Static), app.query_one(GrowingText)
        end = 0
        while end < len(text):
            end += rng.randint(1, 40)
            static.update(Text(text[:end]))
            growing.update(text[:end])
            await pilot.pause()
            assert growing.size == static.size
            assert lines_of(growing) == lines_of(static)
        growing.update("replaced, not grown")  # a text that does not extend the old one
        static.update(Text("replaced, not grown"))
        await pilot.pause()
        assert lines_of(growing) == lines_of(static)


def test_wrap_from_a_paragraph_start_equals_wrapping_everything() -> None:
    text = "one two three four five six seven\n\neight nine ten eleven twelve"
    starts, lines = wrap_lines(text, 10)
    assert lines[:4] == ["one two", "three four", "five six", "seven"]
    assert lines[4] == ""  # an empty paragraph is an empty line
    paragraph = text.index("\n\n") + 2
    assert wrap_lines(text, 10, paragraph) == (starts[5:], lines[5:])  # from the last paragraph


def test_rewrapping_from_the_last_line_equals_wrapping_everything_at_every_step() -> None:
    """One paragraph of many words (a thinking block), grown a few characters at a time."""
    for seed in range(60):
        rng = random.Random(seed)
        pieces = [w for w in WORDS if w != "\n"] + ["supercalifragilistic" * 2]
        text = "".join(rng.choice(pieces) + rng.choice([" ", "  ", "", "   "]) for _ in range(120))
        width = rng.randint(1, 40)
        old = ""
        starts, lines = wrap_lines(old, width)
        end = 0
        while end < len(text):
            end = min(len(text), end + rng.randint(1, 9))
            new = text[:end]
            first = rewrap_from(old, starts, lines)
            more_starts, more_lines = wrap_lines(new, width, starts[first])
            starts, lines = starts[:first] + more_starts, lines[:first] + more_lines
            assert (starts, lines) == wrap_lines(new, width), (seed, width, end)
            old = new
    # and it does start late: only the last two lines of a long paragraph are wrapped again
    long = "word " * 400
    starts, lines = wrap_lines(long, 20)
    assert rewrap_from(long, starts, lines) == len(starts) - 2


ADD = ToolCallPart("c1", "add", '{"a": 1}', {"a": 1}, True)
ADDING = Message("assistant", (TextPart("I will add."), ADD))
"""A streamed reply's final message: a text, then a tool call."""


class OneMessage(App[None]):
    def compose(self) -> ComposeResult:
        yield MessageView(Message("assistant", (TextPart("hello"),)), id="m")


async def test_message_view_never_reuses_a_widget_being_removed() -> None:
    call = ToolCallPart("c1", "add", '{"a": 1}', {"a": 1}, True)
    app = OneMessage()
    async with app.run_test() as pilot:
        await pilot.pause()
        view = app.query_one(MessageView)
        # kinds change (text -> tool call), then the same kinds again before Textual has pruned
        # the removed TextPartView: the tool call must go to the ToolCallView
        view.update_message(Message("assistant", (call,)), streaming=True)
        view.update_message(Message("assistant", (call,)), streaming=False)
        await pilot.pause()
        assert [type(w) for w in view.children if not w.has_class("role")] == [ToolCallView]
        view.update_message(Message("assistant", (call, TextPart("done"))))
        await pilot.pause()
        assert [type(w) for w in view.children if not w.has_class("role")] == [ToolCallView, TextPartView]


async def test_a_replay_mounts_every_part_widget_up_front_and_reveals_them_in_turn() -> None:
    """`expect(final)`: no widget is mounted in the middle of a live replay."""
    final = ADDING
    app = OneMessage()
    async with app.run_test() as pilot:
        view = app.query_one(MessageView)
        view.expect(final)
        view.update_message(Message("assistant", (TextPart("I will"),)), streaming=True)
        await pilot.pause()
        parts = [w for w in view.children if not w.has_class("role")]
        assert [type(w) for w in parts] == [TextPartView, ToolCallView]
        assert [w.display for w in parts] == [True, False]
        view.update_message(final, streaming=True)
        await pilot.pause()
        again = [w for w in view.children if not w.has_class("role")]
        assert again == parts  # the same widgets, none mounted for the tool call now
        assert [w.display for w in again] == [True, True]
        view.update_message(final, streaming=False)
        view.expect(None)
        view.update_message(Message("assistant", (TextPart("other"),)), streaming=False)
        await pilot.pause()
        # the tool call's widget is kept, hidden, for a later message with one (`SPARE_PARTS`)
        shown = [(type(w), w.display) for w in view.children if not w.has_class("role")]
        assert shown == [(TextPartView, True), (ToolCallView, False)]


class OneTextPart(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("host", id="host")


def view_lines(view: TextPartView) -> list[str]:
    return [line.strip() for line in (strip.text for strip in view.render_lines(view.region.reset_offset))]


async def test_text_at_rest_is_drawn_as_markdown_in_the_frame_that_shows_it() -> None:
    """A text at rest is drawn as Markdown from its first frame, one widget: no Markdown widget
    mounted after it, no swap from plain text a few frames later."""
    app = OneTextPart()
    async with app.run_test(size=(60, 20)) as pilot:
        text = "Some **bold** words and a list:\n\n- one\n- two"
        view = TextPartView(TextPart(text[:10]), streaming=True)
        await app.screen.mount(view)
        await pilot.pause()
        assert view_lines(view)[0] == "Some **bol"  # streaming: plain text
        view.set_part(TextPart(text), streaming=False)  # the stream ends: at rest from now on
        await pilot.pause()
        assert not view.children and view.markdown_shown()
        assert view_lines(view) == ["Some bold words and a list:", "", "• one", "• two"]
        view.set_part(TextPart("Changed *text*"), streaming=False)  # at rest again, new text
        await pilot.pause()
        assert view_lines(view) == ["Changed text"]


async def test_a_long_text_at_rest_is_plain_until_its_markdown_is_rendered_in_a_thread(monkeypatch) -> None:
    import threading

    from tui_replay.ui.widgets import text_part_view

    rendering, release = threading.Event(), threading.Event()
    render = text_part_view.markdown_lines

    def held(*args: object) -> object:
        rendering.set()
        release.wait(5)
        return render(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(text_part_view, "markdown_lines", held)
    app = OneTextPart()
    async with app.run_test(size=(60, 20)) as pilot:
        text = "**Long** " + "word " * (text_part_view.RENDER_NOW_CHARS // 5)
        view = TextPartView(TextPart(text), streaming=False)
        await app.screen.mount(view)
        await pilot.pause()
        assert rendering.wait(5) and threading.current_thread() is threading.main_thread()
        assert view_lines(view)[0].startswith("**Long** word") and not view.markdown_shown()
        release.set()
        await wait_until(view.markdown_shown, pilot, what="the Markdown rendered off the main thread")
        await pilot.pause()
        assert view_lines(view)[0].startswith("Long word word")


async def test_markdown_at_rest_is_as_tall_as_its_text_with_no_blank_line_after_it() -> None:
    """Textual's Markdown gave every paragraph a bottom margin: the last one's drew a blank line
    inside the message's border, which also left a non-streamed response short of fully revealed."""
    app = OneTextPart()
    async with app.run_test(size=(60, 20)) as pilot:
        for text, lines in (("One paragraph.", 1), ("First.\n\nSecond.", 3)):
            view = TextPartView(TextPart(text), streaming=False)
            await app.screen.mount(view)
            await pilot.pause()
            assert view.markdown_shown()
            assert view.outer_size.height == lines
            await view.remove()


async def test_a_stream_shown_from_its_start_keeps_its_part_widgets_for_the_parts_to_come() -> None:
    """A key press onto a streamed interaction shows its message with no parts yet; its part
    widgets stay, hidden, and serve the replay: nothing is removed and mounted again."""
    final = ADDING
    app = OneMessage()
    async with app.run_test() as pilot:
        view = app.query_one(MessageView)
        view.update_message(final)
        await pilot.pause()
        widgets = [w for w in view.children if not w.has_class("role")]
        assert [type(w) for w in widgets] == [TextPartView, ToolCallView]
        view.update_message(Message("assistant", ()), streaming=True)  # the next stream, chunk 0
        await pilot.pause()
        assert [w for w in view.children if not w.has_class("role")] == widgets
        assert not any(w.display for w in widgets)  # no "(empty message)" either: it is streaming
        assert view.expect(final) is False  # the replay's parts need no new widget
        view.update_message(Message("assistant", (TextPart("I will"),)), streaming=True)
        await pilot.pause()
        assert [w.display for w in widgets] == [True, False]
        view.update_message(Message("assistant", ()), streaming=False)  # at rest with no parts
        await pilot.pause()
        assert [w.display for w in view.children if not w.has_class("role")] == [False, False, True]
