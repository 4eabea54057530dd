"""Clearing the browser's `/` filter (escape) keeps the cursor on the file it was on: it went
to the root folder's line, and the file was lost among the others."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.helpers.paths import CASSETTES
from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.widgets.cassette_tree import CassetteTree


def _on(app: ReplayApp) -> Path | None:
    node = app.screen.query_one(CassetteTree).cursor_node
    return node.data.path if node is not None and node.data is not None else None


async def _listed(app: ReplayApp, pilot: object) -> BrowserScreen:
    browser = app.screen
    assert isinstance(browser, BrowserScreen)
    await wait_until(lambda: not browser.scanning and browser.listed, pilot, what="every file listed")
    return browser


async def test_escape_keeps_the_cursor_on_the_file_chosen_in_the_filtered_list() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await _listed(app, pilot)
        await pilot.press("slash", *"kimi", "enter", "down", "down")
        chosen = _on(app)
        assert chosen is not None and "kimi" in chosen.name
        await pilot.press("escape")
        await wait_until(lambda: browser.matching == len(browser.entries), pilot, what="the whole list again")
        assert not browser.query_one("#filter", Input).display
        await pilot.pause()  # the cleared box's own change message comes after
        assert _on(app) == chosen


async def test_escape_while_typing_goes_back_to_the_file_the_filter_started_on() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await _listed(app, pilot)
        await pilot.press("down", "down", "down")
        before = _on(app)
        assert before is not None
        await pilot.press("slash", *"gem")  # the cursor goes to the first line as the list narrows
        await wait_until(lambda: browser.matching < len(browser.entries), pilot, what="the list filtered")
        await pilot.press("escape")
        await wait_until(lambda: browser.matching == len(browser.entries), pilot, what="the whole list again")
        await pilot.pause()
        assert _on(app) == before
