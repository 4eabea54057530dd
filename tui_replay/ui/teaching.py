"""Teaching demos inside the app: `--autoplay` (play a cassette through) and presentation mode.

`Teaching` belongs to the `ReplayApp`; the app tells it when it mounted, when a
cassette screen opened and when the user pressed a key, and forwards the `P`
action. The timing decisions live in the clock-free `AutoplayDriver`; this class
owns the one timer and the one clock read (`monotonic()` between ticks).
"""

from __future__ import annotations

from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from textual import events
from textual.timer import Timer

from tui_replay.ui.autoplay import FRAME_SECONDS, AutoplayDriver, Command, Quit, Show

if TYPE_CHECKING:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

HIDDEN_WHEN_PRESENTING = ("raw-pane", "headers-pane")


def apply_present(screen: CassetteScreen, present: bool) -> None:
    """Presentation mode on one cassette screen: a class, and no raw/headers/diff left open."""
    screen.set_class(present, "-present")
    if not screen.is_mounted:
        return
    if present:
        if screen.pane in HIDDEN_WHEN_PRESENTING:
            screen.pane = "detail"
        screen.diff_visible = False
        screen.keep_focus_in_view()
    else:
        screen.timeline_back_in_view()
    from tui_replay.ui.widgets.caption_bar import CaptionBar
    from tui_replay.ui.widgets.message_at_rest import MessageAtRest
    from tui_replay.ui.widgets.message_view import ToolCallView, ToolResultView

    for bar in screen.query(CaptionBar):
        bar.refresh_caption()
    for call in screen.query(ToolCallView):
        call.show_ids(not present)
    for result in screen.query(ToolResultView):
        result.show_ids(not present)
    for message in screen.query(MessageAtRest):
        message.show_ids(not present)
    if 0 <= screen.selected < len(screen.rows):  # a slide keeps the question in view
        screen.call_after_refresh(screen.place_detail, screen.selected)
    screen.refresh_bindings()


class Teaching:
    """Autoplay and presentation-mode state of one app."""

    def __init__(
        self,
        app: ReplayApp,
        *,
        play_through: bool = False,
        speed: float | None = None,
        exit_at_end: bool = False,
        present: bool = False,
    ) -> None:
        self.app = app
        self.play_through = play_through
        self.speed = speed
        self.exit_at_end = exit_at_end
        self.present = present
        self.driver: AutoplayDriver | None = None
        self.screen: CassetteScreen | None = None
        self._timer: Timer | None = None
        self._last_tick = 0.0
        self._speed_applied = False

    # -- hooks called by the app --------------------------------------------------------

    def app_mounted(self, paths: list[Path]) -> None:
        """With `--autoplay` and no single file, open the first cassette found."""
        if self.play_through and not (len(paths) == 1 and paths[0].is_file()):
            self._open_first(paths)

    def _open_first(self, paths: list[Path]) -> None:
        def find() -> None:
            from tui_replay.formats.scan import iter_cassette_files

            first = next(iter(iter_cassette_files(paths)), None)
            if first is None:
                self.app.call_from_thread(self._nothing_to_play)
            else:
                self.app.call_from_thread(self.app.open_cassette, first)

        self.app.run_worker(find, thread=True, exclusive=True, group="autoplay-first", exit_on_error=False)

    def _nothing_to_play(self) -> None:
        self.app.notify("--autoplay: no cassette file found", severity="error")
        if self.exit_at_end:
            self.app.exit(return_code=1)

    def cassette_opened(self, screen: CassetteScreen) -> None:
        """A cassette screen was pushed: present it, set its speed, start autoplay once.

        The first selection happens while the screen is still being built; watching it
        (rather than waiting for the first refresh) sets the speed before the first
        stream has replayed anything at 1x.
        """
        self.screen = screen
        self._speed_applied = False
        screen.set_class(self.present, "-present")
        self.app.watch(screen, "selected", self._selection_changed, init=False)
        self.app.call_after_refresh(self._screen_ready, screen)

    def _screen_ready(self, screen: CassetteScreen) -> None:
        if screen is not self.screen or not screen.is_mounted:
            return
        apply_present(screen, self.present)
        if not screen.rows:
            self._start_driver(screen)  # nothing will ever be selected

    def _selection_changed(self, index: int) -> None:
        screen, driver = self.screen, self.driver
        if screen is None or not screen.is_attached:  # the first selection is made in its on_mount
            return
        if self.speed is not None and not self._speed_applied:
            self._speed_applied = True
            screen.set_speed(self.speed)
        if driver is None:
            self._start_driver(screen)
        elif driver.active and index == driver.index and not self.app.autoplay:
            # Stream timers are off (tests, screenshots): show each autoplayed response finished.
            screen.action_stream("finish")

    def _start_driver(self, screen: CassetteScreen) -> None:
        if not self.play_through or self.driver is not None:
            return
        from tui_replay.analysis.steps import lesson_steps

        # Presenting, the demo plays the steps a key press would: a run of identical retries once.
        stops = [step.first for step in lesson_steps(screen.cassette)] if self.present else None
        self.driver = AutoplayDriver(
            len(screen.rows), speed=self.speed or 1.0, exit_at_end=self.exit_at_end, stops=stops
        )
        self._obey(self.driver.start())
        if self.app.autoplay and self.driver.active:
            self._last_tick = monotonic()
            self._timer = self.app.set_interval(FRAME_SECONDS, self._tick, name="autoplay")

    def load_failed(self) -> None:
        """The cassette to play could not be opened: a scripted demo ends with status 1."""
        if self.play_through and self.exit_at_end and self.driver is None:
            self.app.exit(return_code=1)

    def input_seen(self, event: events.Event) -> None:
        """Any key (or click) takes back manual control."""
        if (
            isinstance(event, events.Key | events.MouseDown)
            and self.driver is not None
            and self.driver.active
        ):
            self.stop_autoplay()

    # -- autoplay -----------------------------------------------------------------------

    @property
    def autoplaying(self) -> bool:
        return self.driver is not None and self.driver.active

    def stop_autoplay(self) -> None:
        if self.driver is not None:
            self.driver.stop()
        self._stop_timer()
        if not self.app.is_headless:
            self.app.notify("autoplay stopped: you have the keys", timeout=2)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def stream_done(self) -> bool:
        """The shown interaction is on screen and its stream (if any) is not replaying."""
        screen, driver = self.screen, self.driver
        if screen is None or driver is None or not screen.is_mounted:
            return False
        if screen.selected != driver.index:
            return False
        stream = screen.query("#stream")
        if not stream:
            return True
        view = stream.first()
        return not (view.display and getattr(view, "playing", False))

    def advance(self, seconds: float) -> Command:
        """One step of the driver (the timer calls this; tests may too)."""
        if self.driver is None:
            return None
        command = self.driver.tick(seconds, self.stream_done())
        self._obey(command)
        return command

    def _tick(self) -> None:
        now = monotonic()
        seconds, self._last_tick = now - self._last_tick, now
        self.advance(seconds)
        if self.driver is not None and not self.driver.active:
            self._stop_timer()

    def _obey(self, command: Command) -> None:
        screen = self.screen
        if isinstance(command, Show) and screen is not None:
            screen.jump_to(command.index)
            if not self.app.autoplay and screen.selected == command.index:
                screen.action_stream("finish")  # already selected: no change to wait for
        elif isinstance(command, Quit):
            self.app.exit()

    # -- presentation mode --------------------------------------------------------------

    def toggle_present(self) -> None:
        self.set_present(not self.present)

    def set_present(self, present: bool) -> None:
        self.present = present
        from tui_replay.ui.screens.cassette_screen import CassetteScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, CassetteScreen):
                apply_present(screen, present)
