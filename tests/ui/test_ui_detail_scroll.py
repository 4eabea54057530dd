"""A streamed reply in a short conversation starts at the top of the detail pane (no blank lines
above it): the pane follows the stream's end only once there is more than a screenful."""

from __future__ import annotations

from pathlib import Path

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"


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


async def test_a_response_too_long_for_the_pane_is_shown_from_its_header_and_end_reaches_it() -> None:
    """Not streamed: the interaction is shown from its header (it used to be scrolled to the
    response's end, with the header and URL off screen); `End` reaches the response's very end
    (once stopping 2 lines short: each text's Markdown came in one line taller than its plain
    text, after the scroll)."""
    from textual.containers import VerticalScroll

    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import WANDB, play
    from tui_replay.ui.widgets.response_view import ResponseView

    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ())
        detail = app.screen.query_one("#detail", VerticalScroll)
        response = app.screen.query_one(ResponseView)
        assert detail.max_scroll_y > 0  # it does not fit
        assert detail.scroll_offset.y == 0
        await play(app, pilot, ("end",))
        assert response.region.bottom <= detail.content_region.bottom
        assert detail.scroll_offset.y == detail.max_scroll_y
