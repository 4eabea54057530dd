"""`tui-replay export PATH --format svg [--present]`: the app's screen as SVG, made headless.

The app runs without a terminal (`App.run_test`), stream timers off, opens the
cassette, selects interaction N, shows its stream finished and exports the
screen (Textual's `App.export_screenshot`). With `--present` it does so in
presentation mode, for every step in one run: the slides of a lesson (a run of
identical retries is one step, `tui_replay.analysis.steps`, as the exports show it
in one box). Nothing on screen reads the clock, so the same input gives the same SVG.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.steps import lesson_steps
from tui_replay.formats.errors import NoSuchInteraction
from tui_replay.model import CassetteError

if TYPE_CHECKING:
    from tui_replay.ui.screens.cassette_screen import CassetteScreen


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
        if present:
            _as_slide(screen)
        screen.jump_to(interaction)
        await settle(app, pilot)
        screen.action_stream("finish")
        await settle(app, pilot)
        steps = lesson_steps(screen.cassette)
        where = f"step {steps.of(interaction) + 1} of {len(steps)}" if present else f"#{interaction}"
        return app.export_screenshot(title=f"tui-replay · {path.name} · {where}")


def _as_slide(screen: CassetteScreen) -> None:
    """A slide shows the lesson, not the keys: the footer's bindings are for the one at the
    keyboard, not for the class looking at a projected picture."""
    from tui_replay.ui.widgets.replay_footer import ReplayFooter

    for footer in screen.query(ReplayFooter):
        footer.display = False


async def _slides_svg(path: Path, size: tuple[int, int], redact: bool) -> list[str]:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import settle
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

    app = ReplayApp([path], redact=redact, autoplay=False, present=True)
    slides: list[str] = []
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        if not isinstance(screen, CassetteScreen):
            raise CassetteError(path, "the app could not open this cassette")
        _as_slide(screen)
        steps = lesson_steps(screen.cassette)
        for number in range(len(steps)):
            screen.go_to_step(number)
            await settle(app, pilot)
            screen.action_stream("finish")
            await settle(app, pilot)
            title = f"tui-replay · {path.name} · step {number + 1} of {len(steps)}"
            slides.append(app.export_screenshot(title=title))
    return slides


def _checked(path: Path, size: tuple[int, int]) -> int:
    """The cassette's interaction count, once it is known to open (with the loader's own
    message, before any UI) and `size` to be big enough."""
    count = len(open_cassette(path))
    width, height = size
    if width < 20 or height < 8:
        raise CassetteError(path, f"screen size {width}x{height} is too small (at least 20x8)")
    return count


def screen_svg(
    path: Path, interaction: int, size: tuple[int, int], redact: bool, *, present: bool = False
) -> str:
    """The SVG of the app showing interaction `interaction` (0-based) of the cassette at `path`.

    Raises CassetteError for an unreadable cassette, NoSuchInteraction for an interaction it
    does not have.
    """
    path = Path(path)
    count = _checked(path, size)
    if count == 0:
        raise CassetteError(path, "the cassette has no interactions: no screen to draw")
    if not 0 <= interaction < count:
        raise NoSuchInteraction(path, interaction, count)
    return asyncio.run(_screen_svg(path, interaction, size, redact, present))


def slides_svg(path: Path, size: tuple[int, int], redact: bool) -> list[str]:
    """One SVG per step of the cassette at `path`, in presentation mode: the slides of a
    lesson (step 1 is interaction 0; a run of identical retries is one step). Raises
    CassetteError for an unreadable cassette."""
    path = Path(path)
    if _checked(path, size) == 0:
        raise CassetteError(path, "the cassette has no interactions: no slides to make")
    return asyncio.run(_slides_svg(path, size, redact))
