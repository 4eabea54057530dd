"""A streamed reply's thinking folds with tab…enter like a history message's: once the stream
is finished, and while it streams (folded by hand, it stays folded as more streams in)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widget import Widget

from tests.helpers.waiting import wait_until
from tui_replay.model import ThinkingPart
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import play
from tui_replay.ui.widgets.stream_view import StreamView
from tui_replay.ui.widgets.thinking_view import INDENT, ThinkingPartView

THINKING_STREAM = "cassettes/anthropic_thinking_tool_stream.yaml"
"""#0 streams 18 words of thinking over its chunks 2-7, then text and a tool call."""


async def _tab_onto(app: ReplayApp, pilot: object, kind: type[Widget]) -> None:
    """Tab from the timeline, as a user does, until a `kind` has the focus."""
    for _ in range(6):
        if isinstance(app.focused, kind):
            return
        await play(app, pilot, ("tab",))
    raise AssertionError(f"tab never reached a {kind.__name__}: {app.focused!r}")


def _thinking(app: ReplayApp) -> ThinkingPartView:
    views = [view for view in app.screen.query(ThinkingPartView) if view.display]
    assert len(views) == 1, views
    return views[0]


async def test_a_finished_streams_thinking_folds_with_tab_then_enter() -> None:
    app = ReplayApp([THINKING_STREAM], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("full_stop",) * 7)  # as a live replay leaves it: opened
        await play(app, pilot, ("end",))
        thinking = _thinking(app)
        assert not thinking.collapsed and thinking.title == "▼ thinking · 18 words"
        opened_height = thinking.region.height
        assert opened_height > 1

        await _tab_onto(app, pilot, StreamView)  # the reply, as tab lands on a history message
        await play(app, pilot, ("enter",))
        assert thinking.collapsed and thinking.title == "▶ thinking · 18 words"
        await wait_until(lambda: thinking.region.height == 1, pilot, what="the thinking folded to its title")
        assert isinstance(app.focused, StreamView)  # enter folded; it did not move the focus

        await play(app, pilot, ("enter",))
        assert not thinking.collapsed
        await wait_until(lambda: thinking.region.height == opened_height, pilot, what="the thinking open")

        await _tab_onto(app, pilot, ThinkingPartView)  # or on the thinking itself
        await play(app, pilot, ("enter",))
        assert thinking.collapsed


async def test_thinking_folded_while_streaming_stays_folded_as_it_streams_on() -> None:
    app = ReplayApp([THINKING_STREAM], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("full_stop",) * 4)
        thinking = _thinking(app)
        assert not thinking.collapsed and thinking.title == "▼ thinking · 5 words"
        await _tab_onto(app, pilot, StreamView)
        await play(app, pilot, ("enter",))
        assert thinking.collapsed

        await play(app, pilot, ("full_stop",) * 3)  # more thinking streams in
        assert thinking.collapsed and thinking.title == "▶ thinking · 18 words"
        await play(app, pilot, ("comma", "0", "full_stop", "full_stop"))  # back, replayed from the start
        assert _thinking(app) is thinking and thinking.collapsed

        await play(app, pilot, ("enter",))  # opened again by hand: it follows the stream
        await play(app, pilot, ("full_stop",) * 5)
        assert not thinking.collapsed and thinking.title == "▼ thinking · 18 words"


class _OneThinking(App[None]):
    def __init__(self, part: ThinkingPart) -> None:
        super().__init__()
        self.part = part

    def compose(self) -> ComposeResult:
        yield ThinkingPartView(self.part, streaming=True)


async def test_thinking_is_plain_while_it_streams_and_markdown_at_rest() -> None:
    """As the answer's text: Markdown once the stream is over, not its raw stars."""
    part = ThinkingPart("**Getting weather info**\n\nI need the `weather` tool.")
    app = _OneThinking(part)
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(ThinkingPartView)
        await pilot.pause()
        assert view.render_line(1).text.strip() == "**Getting weather info**"  # cheap while it grows
        view.set_part(part, streaming=False)
        await pilot.pause()
        drawn = [view.render_line(y).text.rstrip() for y in range(view.size.height)]
        assert drawn[1].strip() == "Getting weather info"
        assert any(line.strip() == "I need the weather tool." for line in drawn)
        assert not any("**" in line or "`" in line for line in drawn)
        assert all(line.startswith(" " * INDENT) for line in drawn[1:] if line.strip())
