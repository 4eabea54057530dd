"""`tui-replay export PATH --format svg --interaction N`: the app's screen as an SVG, made headless.

The app runs without a terminal (`App.run_test`), stream timers off, opens the
cassette, selects interaction N, shows its stream finished and exports the
screen. Nothing on screen reads the clock, so the same input gives the same SVG.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tui_replay.analysis.cassette import open_cassette
from tui_replay.model import CassetteError


async def _screen_svg(
    path: Path, interaction: int, size: tuple[int, int], redact: bool, present: bool
) -> str:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import settle
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

    app = ReplayApp([path], redact=redact, autoplay=False, present=present)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        if not isinstance(screen, CassetteScreen):
            raise CassetteError(path, "the app could not open this cassette")
        screen.jump_to(interaction)
        await settle(app, pilot)
        screen.action_stream("finish")
        await settle(app, pilot)
        return app.export_screenshot(title=f"tui-replay · {path.name} · #{interaction}")


def screen_svg(
    path: Path, interaction: int, size: tuple[int, int], redact: bool, *, present: bool = False
) -> str:
    """The SVG of the app showing interaction `interaction` (0-based) of the cassette at `path`.

    Raises CassetteError for an unreadable cassette or an interaction it does not have.
    """
    path = Path(path)
    count = len(open_cassette(path))  # fail here, with the loader's own message, before any UI
    if not 0 <= interaction < count:
        raise CassetteError(path, f"no interaction {interaction} (the cassette has {count})")
    width, height = size
    if width < 20 or height < 8:
        raise CassetteError(path, f"screen size {width}x{height} is too small (at least 20x8)")
    return asyncio.run(_screen_svg(path, interaction, (width, height), redact, present))
