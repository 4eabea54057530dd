"""Narrow and wide terminals: `z` collapses the timeline so the conversation gets the width
(and the line above it still says which interaction this is); on a wide terminal the
conversation keeps a reading width instead of stretching."""

from __future__ import annotations

from textual.widgets import Static

from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.commands import ReplayCommands
from tui_replay.ui.scenarios import STREAMING, WANDB, play
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.interaction_list import InteractionList
from tui_replay.ui.widgets.message_at_rest import MessageAtRest

READING_WIDTH = 120
"""The most columns an interaction takes (`tui_replay.tcss`)."""


def _header_text(app: ReplayApp) -> str:
    return str(app.screen.query_one("#detail-header", Static).render())


async def test_z_collapses_the_timeline_and_the_conversation_gets_the_width() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        column = screen.query_one("#timeline-column")
        detail = screen.query_one("#detail")
        narrow = detail.region.width
        assert column.region.width > 20

        await play(app, pilot, ("z",))
        assert not column.display and column.region.width == 0
        assert detail.region.width >= narrow + 30  # the timeline's 32 columns, less its border
        assert app.focused is detail  # the hidden list kept no focus: keys still reach a pane
        row = screen.rows[0]
        header = _header_text(app)
        assert header.startswith(f"#0 of {len(screen.rows)}")
        assert str(row.status) in header and f"turn {row.turn}" in header

        await play(app, pilot, ("n", "n"))  # moving on while it is hidden
        assert _header_text(app).startswith("#2 of")

        await play(app, pilot, ("z",))
        timeline = screen.query_one(InteractionList)
        assert column.display and column.region.width > 20
        assert app.focused is timeline and timeline.highlighted == 2
        assert detail.region.width == narrow


async def test_escape_shows_a_collapsed_timeline_before_leaving_the_cassette() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ())
        app.open_cassette(app.paths[0] / "openrouter_kimi_tool_wandb.yaml")
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="the cassette")
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        await play(app, pilot, ("z",))
        assert screen.timeline_collapsed
        await play(app, pilot, ("escape",))
        assert app.screen is screen and not screen.timeline_collapsed
        assert isinstance(app.focused, InteractionList)
        await play(app, pilot, ("escape",))
        assert app.screen is not screen


async def test_z_does_nothing_in_presentation_mode_which_hides_the_timeline_already() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("P", "z"))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        assert screen.has_class("-present") and not screen.timeline_collapsed
        await play(app, pilot, ("P",))
        assert screen.query_one("#timeline-column").region.width > 20


async def test_the_palette_collapses_the_timeline_and_shows_its_key() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        provider = ReplayCommands(screen, None)
        hits = {str(hit.display): hit async for hit in provider.discover()}
        command = hits["Collapse / expand the timeline"]
        assert (command.help or "").startswith("key: z")
        command.command()
        await pilot.pause()
        assert screen.timeline_collapsed


async def test_on_a_wide_terminal_the_interaction_keeps_a_reading_width() -> None:
    for size, stretched in (((120, 40), True), ((200, 60), False)):
        app = ReplayApp([STREAMING], autoplay=False)
        async with app.run_test(size=size) as pilot:
            await play(app, pilot, ("G", "end"))  # tool call and result cards, a streamed reply
            screen = app.screen
            room = screen.query_one("#detail").scrollable_content_region.width
            for part in ("#conversation", "#response", "#stream"):
                width = screen.query_one(part).outer_size.width
                if stretched:  # narrower than the reading width: as wide as the pane
                    assert width == room, (size, part)
                else:
                    assert width == READING_WIDTH < room, (size, part)
            assert all(screen.query_one(part).display for part in ("#conversation", "#response", "#stream"))
            cards = [card.region.right for card in screen.query(MessageAtRest)]
            assert cards and max(cards) <= screen.query_one("#conversation").region.right
