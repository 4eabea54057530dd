"""`SingleLayout`: a resized widget of the detail pane does not ask for a second layout, and a
streamed text takes height several lines at a time."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui_replay.ui.textual_internals import SingleLayout
from tui_replay.ui.widgets.growing_text import GrowingText


class Plain(Static):
    pass


class Single(SingleLayout, Static):
    pass


class Host(App[None]):
    def __init__(self, kind: type[Static]) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        yield self.kind("one line")


async def layouts_after_growing(kind: type[Static]) -> tuple[int, int]:
    """(layouts, height) after the widget's text goes from one line to three."""
    app = Host(kind)
    count = 0
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        original = Screen._refresh_layout

        def counting(screen: Screen, *args: object, **kwargs: object) -> None:
            nonlocal count
            count += 1
            original(screen, *args, **kwargs)

        Screen._refresh_layout = counting  # type: ignore[method-assign]
        try:
            widget = app.query_one(kind)
            widget.update("one\ntwo\nthree")
            for _ in range(5):
                await pilot.pause(0.02)
        finally:
            Screen._refresh_layout = original  # type: ignore[method-assign]
        return count, widget.size.height


async def test_a_resized_widget_is_laid_out_once_not_twice() -> None:
    plain_layouts, plain_height = await layouts_after_growing(Plain)
    single_layouts, single_height = await layouts_after_growing(Single)
    assert plain_height == single_height == 3  # the same result...
    assert plain_layouts == 2  # ...which Textual reaches in two layouts (the second finds nothing)
    assert single_layouts == 1


class GrowingHost(App[None]):
    def compose(self) -> ComposeResult:
        yield GrowingText("")


async def test_a_streamed_text_takes_height_four_lines_at_a_time() -> None:
    app = GrowingHost()
    async with app.run_test(size=(12, 20)) as pilot:
        text = app.query_one(GrowingText)
        text.grow_by(4)
        text.update("line one")
        await pilot.pause()
        assert text.size.height == 4  # one line, four lines of room
        text.update("line one\nline two\nline three")
        assert not text._layout_required  # taller text, same height: a repaint only
        await pilot.pause()
        assert text.size.height == 4
        assert [strip.text.rstrip() for strip in text.render_lines(text.region.reset_offset)][:4] == [
            "line one",
            "line two",
            "line three",
            "",
        ]
        text.update("line one\nline two\nline three\nfour\nfive")
        assert text._layout_required  # past the room it had
        await pilot.pause()
        assert text.size.height == 8
        text.grow_by(1)  # at rest: exactly its lines
        await pilot.pause()
        assert text.size.height == 5
