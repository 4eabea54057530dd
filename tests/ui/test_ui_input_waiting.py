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


def test_an_update_waits_for_queued_input_but_only_so_long(monkeypatch) -> None:
    from tui_replay.ui import input_waiting as module

    now = [10.0]
    queued = [True]
    monkeypatch.setattr(module, "input_waiting", lambda app: queued[0])
    deferral = module.UpdateDeferral(clock=lambda: now[0])
    assert deferral.should_wait(None)
    now[0] += module.MAX_DEFER_SECONDS / 2
    assert deferral.should_wait(None)
    now[0] += module.MAX_DEFER_SECONDS / 2  # a held key: the screen is drawn anyway
    assert not deferral.should_wait(None)
    assert deferral.should_wait(None)  # and the next wait starts afresh
    queued[0] = False
    assert not deferral.should_wait(None)


async def test_the_cassette_screen_update_waits_while_a_key_is_queued() -> None:
    """The hook on Textual's private screen update (`Screen._on_timer_update`, pinned Textual)."""
    from textual.screen import Screen

    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

    assert "_on_timer_update" in vars(Screen)
    app = ReplayApp([CASSETTES / "openrouter_kimi_multi_tool_streaming.yaml"], autoplay=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        screen._layout_required = True
        app.post_message(events.Key("x", "x"))  # queued, not taken yet
        screen._on_timer_update()
        assert screen._layout_required  # gave way: no layout yet
        await pilot.pause()
        screen._layout_required = True
        screen._on_timer_update()  # nothing queued: the update runs
        assert not screen._layout_required
