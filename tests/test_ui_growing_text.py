"""GrowingText (streamed text re-wrapped only at its end) draws what a Static draws, and
MessageView never hands a part to a widget of another kind while old ones are being removed."""

from __future__ import annotations

import random

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

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
    """`expect(final)`: no widget is mounted in the middle of a live replay (issue 5)."""
    call = ToolCallPart("c1", "add", '{"a": 1}', {"a": 1}, True)
    final = Message("assistant", (TextPart("I will add."), call))
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
        assert [type(w) for w in view.children if not w.has_class("role")] == [TextPartView]


class OneTextPart(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("host", id="host")


async def test_text_at_rest_is_drawn_as_plain_text_until_its_markdown_is_mounted() -> None:
    """Textual's Markdown mounts its blocks a few frames after itself: until then the text
    must still be on screen, as plain text, and not an empty Markdown widget."""
    from textual.widgets import Markdown

    app = OneTextPart()
    async with app.run_test(size=(60, 20)) as pilot:
        text = "Some **bold** words and a list:\n\n- one\n- two"
        view = TextPartView(TextPart(text[:10]), streaming=True)
        await app.screen.mount(view)
        view.set_part(TextPart(text), streaming=False)  # the stream ends: at rest from now on
        plain = view.query_one(GrowingText)
        # the document is not in yet (its widget is mounted after the frame showing the text)
        assert plain.display and not any(m.display for m in view.query(Markdown))
        assert plain.text == text
        for _ in range(100):
            if any(m.display for m in view.query(Markdown)):
                break
            await pilot.pause(0.02)
        markdown = view.query_one(Markdown)
        assert markdown.display and not plain.display
        assert markdown.query("MarkdownBulletList")  # its blocks are mounted by then

        view.set_part(TextPart("Changed text"), streaming=False)  # at rest again, new text
        assert plain.display and not markdown.display and plain.text == "Changed text"
        for _ in range(100):
            if markdown.display:
                break
            await pilot.pause(0.02)
        assert markdown.display and markdown.source == "Changed text"


async def test_markdown_at_rest_is_as_tall_as_its_text_with_no_blank_line_after_it() -> None:
    """Textual gives every Markdown paragraph a bottom margin: the last one's drew a blank line
    inside the message's border, and the swap from plain text made the pane one line taller
    per text (which also left a non-streamed response short of fully revealed)."""
    from textual.widgets import Markdown

    app = OneTextPart()
    async with app.run_test(size=(60, 20)) as pilot:
        for text, lines in (("One paragraph.", 1), ("First.\n\nSecond.", 3)):
            view = TextPartView(TextPart(text), streaming=False)
            await app.screen.mount(view)
            for _ in range(100):
                if any(m.display for m in view.query(Markdown)):
                    break
                await pilot.pause(0.02)
            await pilot.pause()
            assert view.query_one(Markdown).display
            assert view.outer_size.height == lines
            await view.remove()
