"""The `opening X…` notification says a cassette is opening, and goes once it is drawn."""

from __future__ import annotations

import pytest

from tests.helpers.paths import CASSETTES
from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.screens.cassette_screen import CassetteScreen

NAME = "gemini_stream.yaml"


def opening_notes(app: ReplayApp) -> list[str]:
    return [str(note.message) for note in app._notifications if str(note.message).startswith("opening")]


async def test_the_opening_note_is_taken_down_when_the_cassette_is_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Headless runs (tests, screenshots) say nothing; here the app says it as in a terminal.
    monkeypatch.setattr(ReplayApp, "notes_opening", lambda self: True)
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(lambda: isinstance(app.screen, BrowserScreen) and app.screen.listed, pilot)
        app.open_cassette(CASSETTES / NAME)
        note = app._opening_note  # posted; the cassette opens in a thread meanwhile
        assert note is not None and note.message == f"opening {NAME}…"
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="the cassette")
        await wait_until(app.opened.is_set, pilot, what="its first interaction drawn")
        await pilot.pause()
        assert opening_notes(app) == []
