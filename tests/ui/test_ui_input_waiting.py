"""`input_waiting`: timers that animate or tidy up give way to a queued key."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui_replay.ui.input_waiting import input_waiting

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("x")


async def test_a_queued_key_is_seen_on_the_app_or_its_screen_and_nothing_else_counts() -> None:
    app = _Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not input_waiting(app)
        app.screen.post_message(events.Resize.from_dimensions((80, 24), None))  # not input
        assert not input_waiting(app)
        await pilot.pause()
        app.post_message(events.Key("n", "n"))  # the app has not taken it yet
        assert input_waiting(app)
        await pilot.pause()
        assert not input_waiting(app)
        app.screen.post_message(events.Key("n", "n"))  # forwarded, waiting on the screen
        assert input_waiting(app)
        await pilot.pause()
        assert not input_waiting(app)


def test_anything_unexpected_reads_as_nothing_waiting() -> None:
    class NotAnApp:
        message_queue_size = 1

    assert input_waiting(NotAnApp()) is False
