"""Command palette (ctrl+p): every action of the app, each with the key that does it too.

The keys shown are the bindings' keys as remapped by the settings file's keymap, so what the
palette teaches is what works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_replay.ui.browser_sort import SORT_ORDERS

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.screens.browser_screen import BrowserScreen
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)

OFFERED_BY_THE_APP = frozenset({"Theme", "Quit", "Keys"})
"""Textual's own palette commands the app offers under its own name, with their keys:
"Theme…", "Quit" (q / ctrl+q), "Help: every key" (?). Listed twice, the palette showed
Textual's without a key beside the app's with one."""


def without_the_apps_own(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands but those in `OFFERED_BY_THE_APP`; the rest (Maximize,
    Screenshot) have no key to show."""
    return (command for command in commands if command.title not in OFFERED_BY_THE_APP)


@dataclass(frozen=True)
class Command:
    name: str
    run: Callable[[], object]
    help: str = ""
    binding_id: str | None = None
    """The binding that does the same, whose key is shown."""
    also: tuple[str, ...] = ()
    """Keys Textual binds to the same action without an id (ctrl+q quits), shown after."""


def key_for(app: ReplayApp, binding_id: str, bindings: Iterable[BindingType]) -> str:
    """The key(s) bound to `binding_id` now, as the footer shows them ("" if none)."""
    remapped = app.keymap_settings.get(binding_id)
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id == binding_id:
            keys = remapped or binding.key
            shown = [
                app.get_key_display(Binding(key.strip(), binding.action, key_display=None))
                for key in keys.split(",")
            ]
            return " / ".join(shown)
    return ""


def cassette_commands(screen: CassetteScreen) -> list[Command]:
    return [
        Command(
            "Next error",
            screen.action_next_error,
            "next interaction with an error or problem",
            "replay.next-error",
        ),
        Command(
            "Previous error",
            screen.action_previous_error,
            "previous interaction with an error",
            "replay.previous-error",
        ),
        Command("Next interaction", screen.action_next_interaction, "", "replay.next"),
        Command("Previous interaction", screen.action_previous_interaction, "", "replay.previous"),
        Command("First interaction", screen.action_first_interaction, "", "replay.first"),
        Command("Last interaction", screen.action_last_interaction, "", "replay.last"),
        Command("Go to interaction N…", screen.action_goto, "or type its number here", "replay.goto"),
        Command(
            "Collapse / expand the timeline",
            screen.action_toggle_timeline,
            "the conversation gets the whole width",
            "replay.toggle-timeline",
        ),
        Command("Toggle diff pane", screen.action_toggle_diff, "", "replay.toggle-diff"),
        Command("Cycle diff: attempts / previous turn", screen.action_cycle_diff, "", "replay.cycle-diff"),
        Command(
            "Toggle tool definitions", partial(screen.action_toggle_pane, "tools-pane"), "", "replay.tools"
        ),
        Command("Toggle raw exchange", partial(screen.action_toggle_pane, "raw-pane"), "", "replay.raw"),
        Command("Toggle headers", partial(screen.action_toggle_pane, "headers-pane"), "", "replay.headers"),
        Command("End of interaction", screen.action_detail_end, "finishes a stream first", "replay.end"),
        Command(
            "Copy the thing in focus",
            screen.action_copy_focused,
            "the selection, else the message, pane or response in focus",
            "handoff.copy",
        ),
        Command(
            "Copy interaction as JSON",
            screen.action_copy_interaction,
            "as inspect --json prints it",
            "handoff.copy-json",
        ),
        Command("Copy request as curl", screen.action_copy_curl, "a shell command line", "handoff.copy-curl"),
        Command(
            "Open in pager", screen.action_open_in_pager, "the focused pane's text in $PAGER", "handoff.pager"
        ),
        Command(
            "Save image to a file",
            screen.action_save_image,
            "an image the interaction carries",
            "handoff.save-image",
        ),
        Command(
            "Export this cassette as HTML",
            partial(screen.export_here, "html"),
            "written to the current folder",
        ),
        Command(
            "Export this cassette as Markdown",
            partial(screen.export_here, "markdown"),
            "written to the current folder",
        ),
        Command("Back to the cassette list", screen.back_to_list, ""),
        *[
            Command(f"Replay speed {speed:g}×", partial(screen.set_speed, speed), "stream replay speed")
            for speed in SPEEDS
        ],
    ]


def browser_commands(screen: BrowserScreen) -> list[Command]:
    sorts = [
        Command(f"Sort the list by {order.label}", partial(screen.sort_by, order.name), "", "browser.sort")
        for order in SORT_ORDERS
    ]
    return [
        *sorts,
        Command("Sort the list the other way round", screen.action_reverse_sort, "", "browser.sort-reverse"),
        Command(
            "Filter the list",
            screen.action_filter,
            "name, errors, problems, dialect:x, model:x, tool:x",
            "browser.filter",
        ),
        Command("Search inside every listed cassette", screen.action_search_contents, "", "browser.search"),
        Command(
            "Hide or show the preview",
            screen.action_toggle_preview,
            "names get the width",
            "browser.toggle-preview",
        ),
    ]


class ReplayCommands(Provider):
    def _commands(self) -> list[Command]:
        from tui_replay.ui.screens.browser_screen import BrowserScreen
        from tui_replay.ui.screens.cassette_screen import CassetteScreen

        app: ReplayApp = self.app  # type: ignore[assignment]
        screen = self.screen  # the screen the palette was opened on (the palette is on top now)
        found: list[Command] = []
        if isinstance(screen, BrowserScreen):
            found += browser_commands(screen)
        if isinstance(screen, CassetteScreen):
            found += cassette_commands(screen)
            found.append(Command("Presentation mode", app.action_present, "for teaching", "app.present"))
        found += [
            Command("Theme…", app.action_change_theme, "remembered in the settings file"),
            Command("Help: every key", app.action_help, "", "app.help"),
            Command("Quit", app.exit, "", "app.quit", also=("ctrl+q",)),
        ]
        browser = app.browser
        if isinstance(browser, BrowserScreen):
            for path in browser.visible_files()[:2000]:
                found.append(
                    Command(f"Open cassette {path.name}", partial(app.open_cassette, path), str(path.parent))
                )
        return found

    def _help(self, command: Command) -> str | None:
        from tui_replay.ui.screens.browser_screen import BrowserScreen
        from tui_replay.ui.screens.cassette_screen import CassetteScreen

        app: ReplayApp = self.app  # type: ignore[assignment]
        key = ""
        if command.binding_id is not None:
            bindings = [*CassetteScreen.BINDINGS, *BrowserScreen.BINDINGS, *app.BINDINGS]
            key = key_for(app, command.binding_id, bindings)
        for also in command.also:
            shown = app.get_key_display(Binding(also, "", key_display=None))
            if shown not in key.split(" / "):
                key = f"{key} / {shown}" if key else shown
        parts = [f"key: {key}" if key else "", command.help]
        return "  ·  ".join(part for part in parts if part) or None

    async def discover(self) -> Hits:
        for command in self._commands():
            if command.name.startswith("Open cassette"):
                continue
            yield DiscoveryHit(command.name, command.run, help=self._help(command))

    async def search(self, query: str) -> Hits:
        from tui_replay.analysis.steps import lesson_steps
        from tui_replay.ui.screens.cassette_screen import CassetteScreen

        matcher = self.matcher(query)
        screen = self.screen
        digits = "".join(ch for ch in query if ch.isdigit())
        if isinstance(screen, CassetteScreen) and digits:
            number = int(digits)
            if screen.has_class("-present"):  # a slide counts steps from 1, as its caption does
                steps = len(lesson_steps(screen.cassette))
                if 1 <= number <= steps:
                    yield Hit(
                        100.0,
                        f"Go to step {number}",
                        partial(screen.go_to_step, number - 1),
                        help=f"of {steps}",
                    )
            elif 0 <= number < len(screen.rows):
                yield Hit(
                    100.0,
                    f"Jump to interaction {number}",
                    partial(screen.jump_to, number),
                    help=f"0-based, of #0…#{len(screen.rows) - 1}",
                )
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=self._help(command))
