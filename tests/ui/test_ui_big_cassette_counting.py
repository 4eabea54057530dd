"""A big cassette's screen opens with its first rows; the rest are counted once #0 is drawn.

Counting every interaction of a 100 MB cassette reads every line of it: done before the
screen was shown, it was the costliest step to the first interaction drawn. Here the
counting is held back (a gate on `rows_after`) to look at the screen while it counts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.big_cassette import make_big_cassette
from tests.helpers.waiting import wait_until
from tui_replay.analysis.cassette import Cassette
from tui_replay.formats.errors import CassetteError
from tui_replay.ui import quick_rows
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.rows import TimelineRow
from tui_replay.ui.screens.cassette_screen import CassetteScreen

COUNT = 1200  # more than `quick_rows.QUICK_COUNT`: rows from the bytes, the first ones first


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_big_cassette(tmp_path_factory.mktemp("big") / "big.yaml", COUNT, 1.5)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Counting waits until the test sets the gate."""
    opened = threading.Event()
    counted = quick_rows.rows_after

    def held(cassette: Cassette, known: int, cancelled: Callable[[], bool]) -> list[TimelineRow] | None:
        opened.wait(10)
        return counted(cassette, known, cancelled)

    monkeypatch.setattr(quick_rows, "rows_after", held)
    yield opened
    opened.set()  # a thread still waiting ends


async def opened_screen(app: ReplayApp, pilot: Any, shown: int = 0) -> CassetteScreen:
    await wait_until(
        lambda: isinstance(app.screen, CassetteScreen) and app.screen.shown == shown,
        pilot,
        what=f"the cassette to open at #{shown}",
    )
    assert isinstance(app.screen, CassetteScreen)
    return app.screen


def header(screen: CassetteScreen) -> str:
    return str(screen.query_one("#detail-header").render())


async def test_the_screen_opens_counting_and_lists_every_row_after(big: Path, gate: threading.Event) -> None:
    app = ReplayApp([big], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_screen(app, pilot)
        assert screen.counting
        assert len(screen.rows) == quick_rows.OPENING_ROWS
        assert screen.sub_title.endswith("counting interactions…")
        assert header(screen).startswith("#0 of …")
        await pilot.press("G")  # the last interaction is not known yet: it waits for the count
        await pilot.pause()
        assert screen.selected == 0

        gate.set()
        await wait_until(lambda: not screen.counting, pilot, what="every row to be listed")
        timeline = screen.query_one("#timeline")
        assert [row.index for row in screen.rows] == list(range(COUNT))
        assert timeline.option_count == COUNT  # type: ignore[attr-defined]
        assert screen.sub_title.endswith(f"{COUNT} interactions")
        await wait_until(lambda: screen.shown == COUNT - 1, pilot, what="`G` to reach the last one")
        assert header(screen).startswith(f"#{COUNT - 1} of {COUNT}")


async def test_a_cassette_opened_at_a_later_interaction_shows_it(big: Path, gate: threading.Event) -> None:
    app = ReplayApp([big.parent], autoplay=False)  # the browser, then a search hit's interaction
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_cassette(big, at=700)
        screen = await opened_screen(app, pilot, shown=700)
        assert screen.selected == 700 and screen.counting
        gate.set()
        await wait_until(lambda: not screen.counting, pilot, what="every row to be listed")
        assert len(screen.rows) == COUNT and screen.selected == 700


async def test_a_count_that_fails_says_so_and_keeps_the_rows_listed(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(cassette: Cassette, known: int, cancelled: Callable[[], bool]) -> list[TimelineRow]:
        raise CassetteError(cassette.path, "the file changed while it was being read; open it again")

    monkeypatch.setattr(quick_rows, "rows_after", fails)
    app = ReplayApp([big], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_screen(app, pilot)
        await wait_until(lambda: not screen.counting, pilot, what="the count to give up")
        assert len(screen.rows) == quick_rows.OPENING_ROWS
        messages = [str(n.message) for n in app._notifications]
        assert any("changed while it was being read" in m and str(big) in m for m in messages), messages
        await pilot.press("G")  # goes to the last row listed
        last = quick_rows.OPENING_ROWS - 1
        await wait_until(lambda: screen.shown == last, pilot, what="the last row listed")


def test_the_opening_rows_and_the_rest_are_the_quick_rows_of_the_whole(big: Path) -> None:
    from tui_replay.analysis.cassette import open_cassette

    first, complete = quick_rows.opening_rows(open_cassette(big))
    assert not complete and len(first) == quick_rows.OPENING_ROWS
    cassette = open_cassette(big)
    rest = quick_rows.rows_after(cassette, len(first), lambda: False)
    assert rest is not None
    assert first + rest == quick_rows.quick_rows(open_cassette(big))
    assert quick_rows.rows_after(cassette, len(first), lambda: True) is None  # cancelled
    assert quick_rows.opening_rows(open_cassette(big), whole=True) == (first + rest, True)
