"""Moving around an opened cassette: every interaction is shown from its header, a sticky line
says which one it is, the detail pane scrolls from the timeline, `End` has one meaning, escape
steps back one level, and `:` jumps to interaction N."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import MULTI, WANDB, play
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.interaction_list import InteractionList


def _detail(app: ReplayApp) -> VerticalScroll:
    return app.screen.query_one("#detail", VerticalScroll)


def _header_text(app: ReplayApp) -> str:
    return str(app.screen.query_one("#detail-header", Static).render())


async def test_next_shows_each_interaction_from_its_header() -> None:
    app = ReplayApp([MULTI], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ())
        for keys in (("n",), ("n",), ("g",), ("G",), ("p",)):
            await play(app, pilot, keys)
            detail = _detail(app)
            assert detail.scroll_offset.y == 0, f"not from its header after {keys}"
            summary = app.screen.query_one("#request-summary")
            assert summary.region.y == detail.content_region.y


async def test_the_sticky_line_names_the_interaction_while_its_body_scrolls() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("n",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        row = screen.rows[1]
        text = _header_text(app)
        assert text.startswith(f"#1 of {len(screen.rows)}")
        assert str(row.status) in text and f"turn {row.turn}" in text
        await play(app, pilot, ("pagedown",))
        assert _detail(app).scroll_offset.y > 0
        header = app.screen.query_one("#detail-header")
        assert header.region.height == 1 and header.region.y < _detail(app).region.y
        assert _header_text(app) == text


async def test_the_detail_pane_scrolls_from_the_timeline() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(80, 14)) as pilot:  # short: more than two pages to scroll
        await play(app, pilot, ("G",))
        assert isinstance(app.focused, InteractionList)
        detail = _detail(app)
        assert detail.max_scroll_y > detail.scrollable_content_region.height  # more than a page
        page = detail.scrollable_content_region.height
        await play(app, pilot, ("ctrl+d",))
        assert detail.scroll_offset.y == page // 2
        await play(app, pilot, ("ctrl+u",))
        assert detail.scroll_offset.y == 0
        await play(app, pilot, ("pagedown",))
        assert detail.scroll_offset.y == page
        await play(app, pilot, ("end",))
        assert detail.scroll_offset.y == detail.max_scroll_y
        await play(app, pilot, ("home",))
        assert detail.scroll_offset.y == 0
        assert isinstance(app.focused, InteractionList)
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        assert screen.selected == len(screen.rows) - 1  # the keys did not move the selection


async def test_end_on_a_plain_interaction_stays_on_it() -> None:
    """`End` used to jump to the last interaction on a plain one and finish a stream on a streamed one."""
    app = ReplayApp([MULTI], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("end",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        assert screen.selected == 0
        assert _detail(app).scroll_offset.y == _detail(app).max_scroll_y


async def test_escape_steps_back_one_level() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("t",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen) and screen.pane == "tools-pane"
        await play(app, pilot, ("escape",))
        assert app.screen is screen and screen.pane == "detail"
        await play(app, pilot, ("d",))
        await play(app, pilot, ("escape",))
        assert app.screen is screen and not screen.diff_visible
        await play(app, pilot, ("enter",))
        assert app.focused is _detail(app)
        await play(app, pilot, ("escape",))
        assert app.screen is screen and isinstance(app.focused, InteractionList)
        await play(app, pilot, ("escape",))
        assert app.screen is not screen  # and only now back to the list


async def test_colon_jumps_to_interaction_n() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        last = len(screen.rows) - 1
        await play(app, pilot, ("colon",))
        assert isinstance(app.focused, Input)
        await play(app, pilot, ("9", "9", "enter"))  # out of range: says so, stays open
        assert isinstance(app.focused, Input)
        app.focused.value = ""
        await play(app, pilot, (*str(last), "enter"))
        assert app.screen is screen and screen.selected == last
        assert _header_text(app).startswith(f"#{last} of")
