"""The mouse in the cassette list: a click previews, a second click (or a double click) opens."""

from __future__ import annotations

from tests.helpers.paths import CASSETTES
from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.cassette_preview import CassettePreview
from tui_replay.ui.widgets.cassette_tree import CassetteTree

NAME = "gemini_stream.yaml"


async def _line_of(app: ReplayApp, pilot: object, name: str) -> tuple[CassetteTree, int]:
    browser = app.screen
    assert isinstance(browser, BrowserScreen)
    await wait_until(lambda: browser.listed, pilot, what="the list")
    tree = browser.query_one(CassetteTree)
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        if node is not None and node.data is not None and node.data.path.name == name:
            return tree, line
    raise AssertionError(f"{name} is not listed")


async def test_a_click_on_a_file_previews_it_and_a_second_click_opens_it() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(120, 30)) as pilot:
        tree, line = await _line_of(app, pilot, NAME)
        assert tree.cursor_line != line
        assert await pilot.click(CassetteTree, offset=(8, line - int(tree.scroll_y)))
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen), "one click opened the cassette"
        assert tree.cursor_line == line
        preview = app.screen.query_one(CassettePreview)
        await wait_until(lambda: preview.shown == tree.cursor_node.data.path, pilot, what="its preview")

        assert await pilot.click(CassetteTree, offset=(8, line - int(tree.scroll_y)))
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="the cassette opened")
        assert app.screen.cassette.path.name == NAME


async def test_a_double_click_opens_a_file_at_once() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(120, 30)) as pilot:
        tree, line = await _line_of(app, pilot, NAME)
        assert await pilot.double_click(CassetteTree, offset=(8, line - int(tree.scroll_y)))
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="the cassette opened")
        assert app.screen.cassette.path.name == NAME
