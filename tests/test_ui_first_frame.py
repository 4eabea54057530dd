"""The first frame after a key shows the whole interaction, not part of it (issue 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from frames import record_frames
from textual.app import App
from textual.widgets import Static

from tui_replay.ui import whole_frames
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.message_view import MessageView

ROOT = Path(__file__).resolve().parent.parent
WANDB = ROOT / "cassettes" / "openrouter_kimi_tool_wandb.yaml"


async def test_messages_new_to_the_history_are_drawn_whole_in_the_first_frame() -> None:
    # #2's request has 2 messages; #3's has 4: the assistant's tool call and the tool's result
    # ("40 C") are new widgets on `n`.
    app = ReplayApp([WANDB], autoplay=False)
    recorded = record_frames(app, (120, 40), note=lambda screen: getattr(screen, "shown", None))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        for _ in range(100):
            if isinstance(screen, CassetteScreen) and screen.shown == 0:
                break
            await pilot.pause(0.02)
            screen = app.screen
        assert isinstance(screen, CassetteScreen)
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
