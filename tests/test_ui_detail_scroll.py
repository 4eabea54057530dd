"""A streamed reply in a short conversation starts at the top of the detail pane (no blank lines
above it): the pane follows the stream's end only once there is more than a screenful."""

from __future__ import annotations

from pathlib import Path

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"


async def test_short_streamed_conversation_is_drawn_from_the_top() -> None:
    from textual.containers import VerticalScroll

    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play
    from tui_replay.ui.widgets.conversation_view import ConversationView

    app = ReplayApp([CASSETTES / "anthropic_thinking_tool_stream.yaml"], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for keys in ((), ("full_stop",), ("full_stop", "full_stop")):
            await play(app, pilot, keys)
            detail = app.screen.query_one("#detail", VerticalScroll)
            conversation = app.screen.query_one(ConversationView)
            assert detail.virtual_size.height <= detail.container_size.height  # a short one
            assert conversation.region.y == detail.content_region.y, f"pushed down after {keys}"
            assert detail.scroll_offset.y == 0
