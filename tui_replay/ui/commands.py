"""Command palette (ctrl+p): jump to interaction N, next error, open cassette, speed, panes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui_replay.ui.app import ReplayApp

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)


class ReplayCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from tui_replay.ui.screens.browser_screen import BrowserScreen
        from tui_replay.ui.screens.cassette_screen import CassetteScreen

        app: ReplayApp = self.app  # type: ignore[assignment]
        screen = app.screen_stack[-1] if app.screen_stack else None
        found: list[tuple[str, Callable[[], object], str]] = []
        if isinstance(screen, CassetteScreen):
            found += [
                ("Next error", screen.action_next_error, "next interaction with an error or problem"),
                ("Previous error", screen.action_previous_error, "previous interaction with an error"),
                ("First interaction", screen.action_first_interaction, ""),
                ("Last interaction", screen.action_last_interaction, ""),
                ("Toggle tool definitions", partial(screen.action_toggle_pane, "tools-pane"), "t"),
                ("Toggle raw exchange", partial(screen.action_toggle_pane, "raw-pane"), "r"),
                ("Toggle headers", partial(screen.action_toggle_pane, "headers-pane"), "h"),
                ("Toggle diff pane", screen.action_toggle_diff, "d"),
                ("Cycle diff: attempts / previous turn", screen.action_cycle_diff, "a"),
                ("Back to the cassette list", screen.action_back, "escape"),
            ]
            for speed in SPEEDS:
                found.append((f"Speed {speed:g}×", partial(screen.set_speed, speed), "stream replay speed"))
        browser = app.browser
        if isinstance(browser, BrowserScreen):
            for path in browser.visible_files()[:2000]:
                found.append(
                    (f"Open cassette {path.name}", partial(app.open_cassette, path), str(path.parent))
                )
        return found

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            if name.startswith("Open cassette"):
                continue
            yield DiscoveryHit(name, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        from tui_replay.ui.screens.cassette_screen import CassetteScreen

        matcher = self.matcher(query)
        screen = self.app.screen_stack[-1] if self.app.screen_stack else None
        digits = "".join(ch for ch in query if ch.isdigit())
        if isinstance(screen, CassetteScreen) and digits:
            number = int(digits)
            if 0 <= number < len(screen.rows):
                yield Hit(
                    100.0,
                    f"Jump to interaction {number}",
                    partial(screen.jump_to, number),
                    help=f"0-based, of #0…#{len(screen.rows) - 1}",
                )
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text or None)
