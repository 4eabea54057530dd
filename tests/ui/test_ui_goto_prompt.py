"""The `:` prompt's "No interaction #99 here." goes as soon as the number is edited: it stayed
under an empty box, as if that were refused too."""

from __future__ import annotations

from textual.widgets import Label

from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import WANDB, play
from tui_replay.ui.screens.goto_screen import GotoScreen


def _message(app: ReplayApp) -> str:
    return str(app.screen.query_one("#goto-error", Label).content)


async def test_the_refusal_goes_when_the_number_is_edited() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("colon",))
        await wait_until(lambda: isinstance(app.screen, GotoScreen), pilot, what="the prompt")
        await pilot.press("9", "9", "enter")
        await wait_until(lambda: _message(app) == "No interaction #99 here.", pilot, what="the refusal")
        await pilot.press("backspace")
        await wait_until(lambda: _message(app) == "", pilot, what="the refusal to go")
        await pilot.press("backspace", "1", "enter")  # and a good number still goes there
        await wait_until(lambda: not isinstance(app.screen, GotoScreen), pilot, what="the prompt to close")
        assert app.screen.selected == 1  # type: ignore[attr-defined]
