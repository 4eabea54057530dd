"""The browser's listing: a small folder is listed in the first frame, a slow walk lists as it goes."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.helpers.frames import record_frames
from tests.helpers.waiting import wait_until
from tui_replay.formats.scan import iter_cassette_files
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens import browser_screen
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.widgets.cassette_tree import CassetteTree


def make_folder(root: Path, count: int) -> list[str]:
    names = [f"cassette_{i:03d}.yaml" for i in range(count)]
    for name in names:
        (root / name).write_text(
            "interactions:\n- request: {method: GET, uri: 'http://x/'}\n  response: {status: {code: 200}}\n"
        )
    return names


async def test_a_small_folder_is_listed_in_the_first_frame(tmp_path: Path) -> None:
    names = make_folder(tmp_path, 5)
    app = ReplayApp([tmp_path], autoplay=False)
    recorded = record_frames(app, (120, 40))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        frames = [text for _, text in recorded]
        assert frames, "no frame was painted"
        assert all(name in frames[0] for name in names), "the first frame did not list the files"
        browser = app.screen
        assert isinstance(browser, BrowserScreen)
        assert not browser.scanning and browser.listed
        assert browser.query_one(CassetteTree).cursor_line == 0


async def test_a_slow_walk_is_not_waited_for_and_lists_everything_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = make_folder(tmp_path, 12)
    delay = browser_screen.FIRST_LIST_WAIT / 3  # the whole walk takes 4x the mount's wait

    def slow_walk(paths: Iterable[str | Path]) -> Iterator[Path]:
        for path in iter_cassette_files(paths):
            time.sleep(delay)
            yield path

    monkeypatch.setattr(browser_screen, "iter_cassette_files", slow_walk)
    monkeypatch.setattr(browser_screen, "BATCH", 5)  # several messages, some while the mount waits
    app = ReplayApp([tmp_path], autoplay=False)
    recorded = record_frames(app, (120, 40))
    async with app.run_test(size=(120, 40)) as pilot:
        browser = app.screen
        assert isinstance(browser, BrowserScreen)
        await wait_until(lambda: browser.listed, pilot, what="the slow walk to be listed")
        assert sorted(e.path.name for e in browser.entries) == names  # each once, none lost
        tree = browser.query_one(CassetteTree)
        assert sorted(path.name for path in tree._leaves) == names
        assert names[-1] not in recorded[0][1]  # the first frame did not wait for the whole walk


async def test_the_filter_box_opens_under_the_header_not_over_it() -> None:
    from textual.widgets import Header, Input

    app = ReplayApp([Path(__file__).resolve().parents[2] / "cassettes"], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        browser = app.screen
        header, box = browser.query_one(Header), browser.query_one("#filter", Input)
        tree = browser.query_one(CassetteTree)
        assert box.display and header.region.height == 1
        assert box.region.y >= header.region.bottom  # both seen: the header is not covered
        assert tree.region.y >= box.region.bottom  # nor is the tree's first line
