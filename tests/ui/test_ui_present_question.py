"""A slide keeps the question in view while the answer streams (presentation mode)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import STREAMING, WANDB, play
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.conversation_view import ConversationView
from tui_replay.ui.widgets.follow_scroll import FollowScroll
from tui_replay.ui.widgets.stream_view import StreamView

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(120, 40), (80, 24)]


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def question_in_view(screen: CassetteScreen) -> tuple[bool, str]:
    """Whether the question's first line is inside the detail pane's window (and what is where)."""
    question = screen.query_one(ConversationView).question_view()
    assert question is not None
    pane = screen.query_one("#detail", FollowScroll)
    window = pane.content_region
    inside = window.y <= question.region.y < window.bottom
    return inside, f"question at {question.region}, pane window {window}, scroll {pane.scroll_y}"


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
@pytest.mark.parametrize("step", [0, 1])
async def test_the_question_stays_in_view_while_the_answer_streams(size: tuple[int, int], step: int) -> None:
    app = ReplayApp([STREAMING], autoplay=False, present=True)
    async with app.run_test(size=size) as pilot:
        await play(app, pilot, ("n",) * step)
        screen = app.screen
        assert isinstance(screen, CassetteScreen) and screen.selected == step
        stream = screen.query_one(StreamView)
        assert stream.display and stream.playback is not None and stream.position == 0
        question = screen.query_one(ConversationView).question_view()
        assert question is not None and question.message.role == ("user" if step == 0 else "tool")
        while stream.position < stream.total:  # chunk by chunk, as a replay grows it
            await pilot.press("full_stop")
            await pilot.pause()  # the frame with that chunk laid out
            await pilot.pause()  # and the pane placed after it
            inside, where = question_in_view(screen)
            assert inside, f"chunk {stream.position}/{stream.total}: {where}"
        await play(app, pilot, ())  # the finished message settled (Markdown)
        assert question_in_view(screen)[0]
        pane = screen.query_one("#detail", FollowScroll)
        # It followed the answer as far as the question allowed: the question's top at the top
        # of the pane, or the pane at its end (and never stuck above a question it could show).
        assert pane.scroll_y == min(pane.max_scroll_y, pane_top(pane, question))


def screen_stream(app: ReplayApp) -> StreamView:
    return app.screen.query_one(StreamView)


def pane_top(pane: FollowScroll, widget: object) -> int:
    """`widget`'s top in the pane's content, from the regions of the frame on screen."""
    assert hasattr(widget, "region")
    return int(widget.region.y - pane.content_region.y + pane.scroll_y)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
async def test_a_plain_answer_slide_shows_its_question(size: tuple[int, int]) -> None:
    """The last step of the wandb seed: a long history, the tool's answer the question."""
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=size) as pilot:
        await play(app, pilot, ("G",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        inside, where = question_in_view(screen)
        assert inside, where


async def test_scrolling_by_hand_stops_the_following() -> None:
    app = ReplayApp([STREAMING], autoplay=False, present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("n", "full_stop"))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        pane = screen.query_one("#detail", FollowScroll)
        assert pane.kept_in_view is not None
        await play(app, pilot, ("home",))  # the teacher scrolls up to the history
        assert pane.scroll_y == 0
        await play(app, pilot, ("full_stop", "full_stop"))
        assert pane.scroll_y == 0 and pane.kept_in_view is None  # the teacher keeps the pane


async def test_outside_presentation_a_stream_below_a_long_history_leaves_the_header_in_view() -> None:
    """Moving to an interaction shows it from its header, streamed or not: a stream that
    starts below the fold is not followed (it would scroll the header away); `End` shows its end."""
    app = ReplayApp([STREAMING], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("n",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        pane = screen.query_one("#detail", FollowScroll)
        stream = screen_stream(app)
        assert stream.virtual_region.y >= pane.scrollable_content_region.height  # starts below
        for _ in range(stream.total):
            await pilot.press("full_stop")
        await play(app, pilot, ())
        assert stream.position == stream.total
        assert pane.scroll_y == 0 and not pane.is_anchored
        await play(app, pilot, ("end",))
        assert pane.max_scroll_y > 0 and pane.scroll_y == pane.max_scroll_y


async def test_outside_presentation_a_stream_that_starts_on_screen_is_followed_to_its_end() -> None:
    app = ReplayApp([STREAMING], autoplay=False)
    async with app.run_test(size=(80, 34)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        pane = screen.query_one("#detail", FollowScroll)
        stream = screen_stream(app)
        assert stream.virtual_region.y < pane.scrollable_content_region.height  # starts on screen
        while stream.position < stream.total:
            await pilot.press("full_stop")
        await play(app, pilot, ())
        assert pane.kept_in_view is None and pane.is_anchored
        assert pane.max_scroll_y > 0 and pane.scroll_y == pane.max_scroll_y


async def test_a_slide_that_overflows_starts_at_its_question_not_inside_a_card() -> None:
    """wandb's step 3 at 80x24: the history overflows the pane, but ended two lines too soon
    for the tool's answer to reach the top; the pane began on the tool call card's bottom
    edge. Room below the end lets the question reach the top."""
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("n", "n"))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        question = screen.query_one(ConversationView).question_view()
        assert question is not None and question.message.role == "tool"
        pane = screen.query_one("#detail", FollowScroll)
        assert pane.scroll_y > 0  # the history is taller than the pane
        assert question.region.y == pane.content_region.y  # the TOOL header on the first line
        assert question.plain_lines()[0].strip() == "TOOL"
        await play(app, pilot, ("p", "n"))  # and again when come back to
        assert question.region.y == pane.content_region.y


async def test_a_slide_that_fits_is_not_scrolled() -> None:
    app = ReplayApp([WANDB], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("n", "n"))
        pane = app.screen.query_one("#detail", FollowScroll)
        assert pane.max_scroll_y == 0 and pane.scroll_y == 0
