"""The first frame after a key shows the whole interaction, not part of it (issue 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from tests.helpers.frames import record_frames
from tui_replay.ui import whole_frames
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.conversation_view import ConversationView
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
from tui_replay.ui.widgets.message_view import MessageView

ROOT = Path(__file__).resolve().parents[2]
WANDB = ROOT / "cassettes" / "openrouter_kimi_tool_wandb.yaml"


async def opened_at_0(app: ReplayApp, pilot: Any) -> CassetteScreen:
    """The cassette screen, once it shows interaction #0."""
    for _ in range(100):
        screen = app.screen
        if isinstance(screen, CassetteScreen) and screen.shown == 0:
            return screen
        await pilot.pause(0.02)
    raise AssertionError("the cassette did not open")


async def test_messages_new_to_the_history_are_drawn_whole_in_the_first_frame() -> None:
    # #2's request has 2 messages; #3's has 4: the assistant's tool call and the tool's result
    # ("40 C") are new widgets on `n`.
    app = ReplayApp([WANDB], autoplay=False)
    recorded = record_frames(app, (120, 40), note=lambda screen: getattr(screen, "shown", None))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_at_0(app, pilot)
        screen._move_to(2)
        await pilot.pause(0.1)
        assert "40 C" not in recorded[-1][1]
        before = len(recorded)
        await pilot.press("n")
        await pilot.pause(0.1)
        first = next(text for shown, text in recorded[before:] if shown == 3)
        assert '"location": "Florence, Italy"' in first  # the tool call's card
        assert "40 C" in first  # the tool result
        assert all(view.parts_mounted() for view in screen.query(MessageView))


async def test_frames_held_for_a_mount_that_never_comes_are_released(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whole_frames, "MOST_SECONDS", 0.05)
    app = App[None]()
    async with app.run_test() as pilot:
        never_mounted = Static("never")  # not mounted: its mount never completes
        task = whole_frames.hold_frames_until_mounted(app.screen, [never_mounted])
        assert task is not None
        assert app._batch_count == 1  # no frame is painted meanwhile
        await task
        assert app._batch_count == 0
        assert whole_frames.hold_frames_until_mounted(app.screen, []) is None
        await pilot.pause()


async def test_the_next_interactions_messages_are_made_and_drawn_ahead_hidden_and_shown_on_n() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_at_0(app, pilot)
        conversation = screen.query_one(ConversationView)
        screen._move_to(2)  # 2 messages; #3 has 4
        width = 0
        for _ in range(250):  # made once #2 is painted, while nothing else happens
            views = list(conversation.query_children(MessageAtRest))
            width = views[0].content_region.width if views else 0
            if len(views) == 4 and all(view.is_mounted and view.drawn_at(width) for view in views):
                break
            await pilot.pause(0.02)
        assert len(views) == 4
        assert [view.display for view in views] == [True, True, False, False]
        assert width > 0 and all(view.is_mounted and view.drawn_at(width) for view in views)
        assert "40 C" in str(views[3].message)  # #3's tool result, ready before the key
        assert any("40 C" in line for line in views[3].plain_lines(width))

        await pilot.press("n")
        await pilot.pause(0.1)
        assert screen.shown == 3
        assert list(conversation.query_children(MessageAtRest)) == views  # none mounted for it
        assert all(view.display for view in views)
        assert all(view.content_region.width == width for view in views)  # drawn at the right width

        await pilot.press("p")  # back to 2 messages: the other two are kept, hidden
        await pilot.pause(0.1)
        assert list(conversation.query_children(MessageAtRest)) == views
        assert [view.display for view in views] == [True, True, False, False]
