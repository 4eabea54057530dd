"""The tui-replay application: a cassette browser, and a screen per opened cassette."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import Notification, Notify
from textual.worker import Worker

from tui_replay.formats.errors import CassetteError
from tui_replay.ui.binding_ids import known_binding_ids
from tui_replay.ui.contrast import legible_text_variables
from tui_replay.ui.frame_rate import apply_frame_rate
from tui_replay.ui.idle_gc import IdleCollector
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.screens.opening_screen import OpeningScreen
from tui_replay.ui.teaching import Teaching
from tui_replay.ui.textual_internals import dismiss_notification, version_mismatch
from tui_replay.ui.widgets.cassette_tree import CassetteTree

if TYPE_CHECKING:
    from textual.await_complete import AwaitComplete
    from textual.command import Provider
    from textual.screen import Screen
    from textual.theme import Theme

    from tui_replay.analysis.cassette import Cassette
    from tui_replay.settings import Settings
    from tui_replay.ui.rows import TimelineRow
    from tui_replay.ui.screens.comparison_screen import ComparedCassettes

    OpenedRows = tuple[Cassette, list[TimelineRow], bool]
    """An opened cassette, the rows its screen opens with, and whether they are all of them."""

# First paint: only the browser is imported at start-up. The core (cassette,
# dialects, YAML), the cassette screen and its widgets (Markdown, pygments, diff), the
# help screen and the command palette are imported when first needed, the core in the
# worker that opens a cassette. Importing them up front cost ~0.7 s before the first frame.


VERSION_CHECK_SECONDS = 2.0
"""The Textual/Rich version check waits this long after the app mounts (off its first frames)."""

OPEN_WAIT_SECONDS = 5.0
"""Background scans wait at most this long for an opening cassette to be drawn."""


def _replay_commands() -> type[Provider]:
    from tui_replay.ui.commands import ReplayCommands

    return ReplayCommands


class ReplayApp(App[None]):
    """`ReplayApp(paths, redact=True, autoplay=True)`; tests pass `autoplay=False` so no timer runs.

    Teaching demos (see `tui_replay.ui.teaching`): `play_through` plays the cassette from the
    first interaction to the last (`--autoplay`), `speed` sets the replay speed, `exit_at_end`
    quits after the last one, `present` starts in presentation mode (`P` toggles it).
    """

    TITLE = "tui-replay"
    CSS_PATH = "tui_replay.tcss"
    COMMANDS = App.COMMANDS | {_replay_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="app.next-pane"),
        Binding("P", "present", "Presentation mode", show=False, id="app.present"),
    ]

    def __init__(
        self,
        paths: Iterable[str | Path],
        *,
        redact: bool = True,
        autoplay: bool = True,
        play_through: bool = False,
        speed: float | None = None,
        exit_at_end: bool = False,
        present: bool = False,
        comparison: ComparedCassettes | None = None,
        strict_comparison: bool = False,
        settings: Settings | None = None,
    ) -> None:
        apply_frame_rate()  # before any screen starts its update timer
        super().__init__()
        self.comparison = comparison
        """`tui-replay diff A B` on a terminal: start on the comparison screen instead of the
        browser (`strict_comparison`: with volatile values listed)."""
        self.strict_comparison = strict_comparison
        self.settings = settings
        """The settings file's (`tui_replay.settings`); None: Textual's defaults, nothing remembered."""
        self.keymap_settings: dict[str, str] = dict(settings.keymap) if settings else {}
        """Binding id -> keys, from the settings file (the palette shows these keys)."""
        if speed is None and settings is not None:
            speed = settings.speed
        self.paths = [Path(p) for p in paths]
        self.redact = redact
        self.autoplay = autoplay
        self.browser: BrowserScreen | None = None
        self.teaching = Teaching(
            self, play_through=play_through, speed=speed, exit_at_end=exit_at_end, present=present
        )
        self._prepared: tuple[Path, Future[OpenedRows]] | None = None
        self.collector = IdleCollector()
        """Collects garbage while no key is pressed (`tui_replay.ui.idle_gc`), from `on_load`."""
        self.opened = threading.Event()
        """Clear from asking to open a cassette until its first interaction is on screen (or
        opening failed). Background scans wait for it: they compete for the GIL."""
        self.opened.set()
        self._opening_note: Notification | None = None
        """The `opening X…` notification, taken down once the cassette is drawn."""

    def on_load(self) -> None:
        self.collector.run_in(self)
        # `tui-replay FILE`: read, index and list the file, and import the core and
        # the cassette screen, in a thread from the app's start, alongside Textual's start-up
        # and the browser's first paint, instead of after the browser has mounted.
        if len(self.paths) == 1 and self.paths[0].is_file():
            path, future = self.paths[0], Future()  # type: ignore[var-annotated]
            self.opened.clear()
            self._prepared = (path, future)
            # A demo played through needs every row to know where it ends.
            whole = self.teaching.play_through
            threading.Thread(
                target=_prepare, args=(path, future, self.redact, whole), name="prepare", daemon=True
            ).start()

    def on_mount(self) -> None:
        self._exit_on_sigint()
        self._apply_settings()
        if self.comparison is not None:
            from tui_replay.ui.screens.comparison_screen import ComparisonScreen

            self.push_screen(ComparisonScreen(self.comparison, strict=self.strict_comparison))
        elif len(self.paths) == 1 and self.paths[0].is_file():
            # The browser is built when first needed (escape, or the file cannot be opened).
            self.push_screen(OpeningScreen(self.paths[0]))
            self.open_cassette(self.paths[0])
        else:
            self.browser = BrowserScreen(self.paths)
            self.push_screen(self.browser)
        self.teaching.app_mounted(self.paths)
        self.set_timer(VERSION_CHECK_SECONDS, self._check_versions)

    @work(thread=True, exit_on_error=False, group="versions")
    def _check_versions(self) -> None:
        """Warn when Textual or Rich is not the version `textual_internals` was written for.
        In a thread, once the app is up: reading installed versions costs 20-160 ms."""
        mismatch = version_mismatch()
        if mismatch is not None:
            self.call_from_thread(
                self.notify, mismatch, title="untested Textual or Rich", severity="warning", timeout=20
            )

    def _apply_settings(self) -> None:
        settings = self.settings
        if settings is None:
            return
        # Knowing every binding id imports every screen: only done for a file with a keymap.
        binding_ids = known_binding_ids(help_only_bindings()) if settings.keymap else ()
        settings = settings.checked(binding_ids, self.available_themes)
        partly_used = bool(settings.problems)
        if settings.keymap:
            settings = settings.with_keymap_notes(_keymap_clashes(settings.keymap))
        self.settings = settings
        self.keymap_settings = dict(settings.keymap)
        if settings.problem:
            if settings.unusable:
                title, then = "settings file not used", "Started with the default settings."
            elif partly_used:
                title, then = "settings file partly used", "The rest of it is used."
            else:  # only keys given twice: the keymap is applied as written
                title, then = "settings file: a key given twice", "The keymap is applied as written."
            self.notify(f"{settings.problem}\n{then}", title=title, severity="error", timeout=12)
        if self.keymap_settings:
            self.set_keymap(self.keymap_settings)
        if settings.theme:
            self.theme = settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from tui_replay.ui.commands import without_the_apps_own

        return without_the_apps_own(super().get_system_commands(screen))

    def get_css_variables(self) -> dict[str, str]:
        """Textual's, with the coloured text (`$text-error`, `$text-secondary`...) made to read
        on this theme's backgrounds (`tui_replay.ui.contrast`): a `SYSTEM` label in
        `textual-dark`'s navy on near black had a contrast ratio of 1.9."""
        variables = super().get_css_variables()
        # the same dict Textual keeps as `theme_variables` (Content markup resolves from it)
        variables.update(legible_text_variables(variables))
        return variables

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen in the app is written to the settings file, to start with it next time."""
        settings = self.settings
        if settings is None or settings.unusable or theme.name == settings.theme:
            return  # a broken file is left as the user wrote it
        from tui_replay.settings import remember_theme

        try:
            remember_theme(settings.path, theme.name)
        except OSError as exc:
            self.notify(f"cannot remember the theme in {settings.path}: {exc}", severity="warning")
            return
        self.settings = replace(settings, theme=theme.name)

    def on_unmount(self) -> None:
        self.collector.restore()

    def _exit_on_sigint(self) -> None:
        """SIGINT (kill -INT, or ctrl+c outside raw mode) quits through the normal exit path.

        Left to Python it raises KeyboardInterrupt wherever the loop happens to be,
        and a widget mounting at that moment printed a traceback over the restored
        terminal.
        """
        if self.is_headless:  # tests and screenshots run inside someone else's event loop
            return
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGINT, self.exit, None, 130)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.collector.input_seen()
            self.teaching.input_seen(event)  # a key during --autoplay takes back control
        await super().on_event(event)

    def action_present(self) -> None:
        self.teaching.toggle_present()

    # -- opening (parse in a thread, never on the UI thread) ------------------------------

    def open_cassette(self, path: Path, at: int = 0) -> None:
        """Open `path` in a thread, showing interaction `at` first."""
        if self.notes_opening() and self.browser is not None:  # else the opening screen says it
            self._opening_done()
            # Its timeout only bounds it if the first frame never comes: it is taken down as
            # soon as the cassette is drawn (it said "opening" over the opened cassette).
            self._opening_note = Notification(f"opening {path.name}…", timeout=OPEN_WAIT_SECONDS)
            self.post_message(Notify(self._opening_note))
        self.opened.clear()
        self._load(Path(path), at)

    def notes_opening(self) -> bool:
        """Whether opening a cassette from the list is said in a notification (not in headless
        runs: the tests and screenshots)."""
        return not self.is_headless

    def _opening_done(self) -> None:
        if self._opening_note is not None:
            dismiss_notification(self, self._opening_note)
            self._opening_note = None

    def first_interaction_drawn(self) -> None:
        """Called by a cassette screen once its first interaction has been painted."""
        self.opened.set()
        self._opening_done()

    def wait_until_opened(self, worker: Worker[object], most: float = OPEN_WAIT_SECONDS) -> None:
        """In a background worker: wait (at most `most` seconds) for a cassette being opened
        to be drawn, or for the worker to be cancelled.

        The browser's file summaries held the GIL and delayed the first frame of a 100 MB
        cassette by ~0.5 s.
        """
        deadline = time.monotonic() + most
        while not self.opened.wait(0.05) and not worker.is_cancelled and time.monotonic() < deadline:
            pass

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _load(self, path: Path, at: int = 0) -> None:
        prepared, self._prepared = self._prepared, None
        try:
            if prepared is not None and prepared[0] == path and at == 0:
                cassette, rows, complete = prepared[1].result()  # started in `on_load`
            else:
                cassette, rows, complete = _open_with_rows(
                    path, redact=self.redact, at=at, whole=self.teaching.play_through
                )
        # The ignores: mypy cannot solve Textual's `T | Awaitable[T]` for a coroutine that
        # returns None (it infers Never); the call is right, and returns None.
        except CassetteError as exc:
            self.call_from_thread(self._load_failed, path, str(exc))  # type: ignore[arg-type]
            return
        except Exception as exc:  # a decoder bug must not take the app down
            self.call_from_thread(self._load_failed, path, f"{type(exc).__name__}: {exc}")  # type: ignore[arg-type]
            return
        self.call_from_thread(self._loaded, cassette, rows, complete, at)

    def _loaded(self, cassette: Cassette, rows: list[TimelineRow], complete: bool, at: int = 0) -> None:
        from tui_replay.ui.screens.cassette_screen import CassetteScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        screen = CassetteScreen(cassette, rows, autoplay=self.autoplay, start=at, complete=complete)
        self.push_screen(screen)
        self.teaching.cassette_opened(screen)

    async def _load_failed(self, path: Path, reason: str) -> None:
        self.opened.set()
        self._opening_done()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if isinstance(self.screen, OpeningScreen):
            await self.show_browser()
        if self.browser is not None:
            self.browser.mark_load_error(path, reason)
        self.notify(reason, title="cannot open cassette", severity="error", timeout=6)
        self.teaching.load_failed()

    def back_from_cassette(self) -> None:
        """Escape on a cassette screen: back to the list, built now if the app started on
        one file."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
            if isinstance(self.screen, OpeningScreen):
                self.show_browser()

    def show_browser(self) -> AwaitComplete:
        """Go back to the cassette list, building it the first time (`tui-replay FILE`
        starts without it)."""
        if self.browser is None:
            self.browser = BrowserScreen(self.paths)
        return self.switch_screen(self.browser)

    # -- help -----------------------------------------------------------------------------

    def help_sections(self, here: object = None) -> list[tuple[str, Sequence[BindingType]]]:
        """Every key by where it works: the app's first, then those of the screen `here`
        (the one `?` was pressed on), then the others."""
        from tui_replay.ui.screens.cassette_screen import CassetteScreen
        from tui_replay.ui.screens.help_screen import HelpScreen as _Help
        from tui_replay.ui.widgets.content_search import ContentSearch
        from tui_replay.ui.widgets.interaction_list import InteractionList
        from tui_replay.ui.widgets.search_panel import SearchPanel

        comparing: list[tuple[str, Sequence[BindingType]]] = []
        current = "Cassette list" if isinstance(here, BrowserScreen) else None
        if isinstance(here, CassetteScreen):
            current = "Opened cassette"
        if self.comparison is not None:
            from tui_replay.ui.screens.comparison_screen import ComparisonScreen

            comparing = [("Comparison", [*ComparisonScreen.BINDINGS, *_pair_bindings()])]
            current = "Comparison" if isinstance(here, ComparisonScreen) else current
        sections = [
            ("Everywhere", [*self.BINDINGS, *_palette_binding(), *_copy_binding()]),
            *comparing,
            (
                "Cassette list",
                [*BrowserScreen.BINDINGS, *ContentSearch.BINDINGS, *CassetteTree.BINDINGS, *_tree_bindings()],
            ),
            ("Opened cassette", [*InteractionList.BINDINGS, *CassetteScreen.BINDINGS, *SearchPanel.BINDINGS]),
            ("Help", list(_Help.BINDINGS)),
        ]
        sections.sort(key=lambda section: section[0] != "Everywhere" and section[0] != current)
        return [(title, [self._as_remapped(b) for b in bindings]) for title, bindings in sections]

    def _as_remapped(self, binding: BindingType) -> BindingType:
        """The binding with the keys the settings file's keymap gives its id, as they work now."""
        if isinstance(binding, Binding) and binding.id in self.keymap_settings:
            return replace(binding, key=self.keymap_settings[binding.id])
        return binding

    def action_help(self) -> None:
        from tui_replay.ui.screens.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        from tui_replay.settings import config_path

        where = self.settings.path if self.settings is not None else config_path()
        note = f'Remap a key by its id in {where}:  [keymap]  "replay.next" = "n,j"'
        sections = self.help_sections(here=self.screen)
        self.push_screen(HelpScreen([(t, list(b)) for t, b in sections], note))

    def action_help_quit(self) -> None:
        """ctrl+c with no text selected (with a selection, the screen copies it). Textual's
        own answer is "press q to quit"; here ctrl+c is for copying, so say how."""
        self.notify("Nothing is selected: drag over text with the mouse, then ctrl+c copies it.")


def _open_with_rows(
    path: Path, *, redact: bool, read_ahead: bool = False, at: int = 0, whole: bool = False
) -> OpenedRows:
    """Open a cassette and make the timeline rows its screen opens with, and whether they are
    all of them (off the UI thread; imports the core).

    `redact`: mask secrets (off with `--no-redact`); the cassette masks what it hands out,
    so no widget has to. `read_ahead`: read the file in another thread while the core and
    the cassette screen are imported (a read lets go of the GIL; the 100 MB bench file takes
    ~0.08 s). A big cassette opens with its first rows (as far as interaction `at`), the
    screen counts the rest once that is drawn, unless `whole` (`tui_replay.ui.quick_rows`)."""
    read: list[bytes] = []
    reader = None
    if read_ahead:
        reader = threading.Thread(target=_read_into, args=(path, read), name="read-ahead", daemon=True)
        reader.start()
    from tui_replay.analysis.cassette import open_cassette
    from tui_replay.ui.quick_rows import opening_rows
    from tui_replay.ui.screens import cassette_screen  # noqa: F401  (imported off the UI thread)

    if reader is not None:
        reader.join()
    cassette = open_cassette(path, read[0] if read else None, redact=redact)
    # A big cassette is not decoded whole to list it: rows from its bytes.
    rows, complete = opening_rows(cassette, at, whole=whole)
    return cassette, rows, complete


def _read_into(path: Path, read: list[bytes]) -> None:
    """The file's bytes into `read`; nothing on any error (`open_cassette` reads the file
    again then, and reports what is wrong with it)."""
    from tui_replay.formats.file_bytes import read_cassette_bytes

    try:
        read.append(read_cassette_bytes(path))
    except (CassetteError, MemoryError):
        pass


def _prepare(path: Path, future: Future[OpenedRows], redact: bool, whole: bool) -> None:
    try:
        future.set_result(_open_with_rows(path, redact=redact, read_ahead=True, whole=whole))
    except BaseException as exc:  # handed to `_load`, which reports it like its own
        future.set_exception(exc)


def _keymap_clashes(keymap: dict[str, str]) -> list[tuple[str, str]]:
    """(binding id, message) for each key the keymap gives a binding that another binding of
    the same screen, or of the app, has too (`tui_replay.ui.key_clashes`)."""
    from tui_replay.ui.key_clashes import app_contexts, keymap_clashes

    contexts = app_contexts(_palette_binding(), _tree_bindings(), _pair_bindings())
    return [(clash.binding_id, clash.message) for clash in keymap_clashes(keymap, contexts)]


def _palette_binding() -> list[BindingType]:
    # priority, as Textual binds it: ctrl+p opens the palette whatever is focused
    return [Binding("ctrl+p", "command_palette", "Command palette", id="app.palette", priority=True)]


def help_only_bindings() -> list[BindingType]:
    """The bindings `?` lists besides the screens' and widgets' own."""
    return [*_palette_binding(), *_tree_bindings(), *_pair_bindings()]


def _copy_binding() -> list[BindingType]:
    """Textual's (every screen's): it has no id, so the help lists it without one."""
    return [
        Binding(
            "ctrl+c",
            "screen.copy_text",
            "Copy the selected text",
            tooltip="drag over text with the mouse to select it",
        )
    ]


def _tree_bindings() -> list[BindingType]:
    return [Binding("enter", "select_cursor", "Open cassette / fold folder", id="browser.open")]


def _pair_bindings() -> list[BindingType]:
    return [
        Binding(
            "enter", "select", "Open the pair's interaction (B's, or A's when only in A)", id="compare.open"
        )
    ]
