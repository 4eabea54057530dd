"""The command palette lists each command once, with its key where it has one: Textual's own
"Quit", "Theme" and "Keys" (no key shown) stood beside the app's "Quit" (key: q), "Theme…"
and "Help: every key"."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.system_commands import SystemCommandsProvider

from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import WANDB, play


def _shown(app: ReplayApp) -> list[str]:
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def test_quit_is_listed_once_with_both_its_keys() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        await pilot.press("ctrl+p")
        await wait_until(lambda: isinstance(app.screen, CommandPalette), pilot, what="the palette")
        await pilot.press("q", "u", "i", "t")
        await wait_until(lambda: app.screen.query_one(CommandList).option_count > 0, pilot, what="a match")
        quits = [prompt for prompt in _shown(app) if prompt.startswith("Quit")]
        assert len(quits) == 1, quits
        assert "key: q / ^q" in quits[0]


async def test_textuals_own_commands_left_are_those_without_a_key() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        provider = SystemCommandsProvider(app.screen, None)
        titles = {str(hit.display) async for hit in provider.discover()}
        assert titles and titles <= {"Maximize", "Minimize", "Screenshot"}, titles
