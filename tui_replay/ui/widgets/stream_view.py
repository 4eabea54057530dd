"""A streamed response replayed at its recorded pace, with a progress line.

The model (`Playback`) never reads a clock; this widget does. While playing,
each frame computes the recorded time due now,

    elapsed = (monotonic() - start) * speed + offset

jumps the playback to `position_at(elapsed)` and redraws the message once:
many chunks due in one frame are drawn together, so the replay keeps the
recorded time whatever the terminal size or the number of chunks. Frames are
at most 30 a second, and the frame that ends the stream is timed to land on
the recorded duration itself rather than on the next 1/30 s tick.

Built with `autoplay=False` no timer ever runs until asked: tests step with
the actions and get the same frame every time. The progress line shows
recorded times only (never the wall clock).
"""

from __future__ import annotations

from time import monotonic

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message as TextualMessage
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from tui_replay.analysis.playback import Playback
from tui_replay.model import Exchange, Message
from tui_replay.ui.input_waiting import input_waiting
from tui_replay.ui.textual_internals import SingleLayout
from tui_replay.ui.widgets.message_view import MessageView, shown_parts
from tui_replay.ui.widgets.thinking_view import ThinkingPartView

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
FRAME_SECONDS = 1 / 30
"""Shortest time between two redraws while playing."""
_MIN_DELAY = 0.001
YIELD_SECONDS = 0.005
"""A frame due while a key waits is tried again this much later."""
SETTLE_SECONDS = 0.1
"""After a live replay's last chunk, how long before the message is re-rendered at rest (Markdown)."""
REVEAL_FACTOR = 1.5
"""A frame showing a part for the first time, before one was measured: this many ordinary frames
(24-37 ms against 20-24 in grok's 10x replay at 200x60)."""


def speed_label(speed: float) -> str:
    return f"{speed:g}x"


def seconds(ms: float) -> str:
    return f"{ms / 1000:.2f} s"


class StreamView(SingleLayout, Widget, can_focus=True):
    """The assistant message of one exchange, replayed chunk by chunk when it was streamed."""

    BINDINGS = [
        Binding("space", "toggle_play", "Play/pause", id="stream.toggle-play"),
        Binding("full_stop", "step_forward", "Chunk +1", id="stream.step-forward"),
        Binding("comma", "step_back", "Chunk −1", id="stream.step-back"),
        Binding("end", "finish", "End of stream", id="stream.finish"),
        Binding("plus,equals_sign", "faster", "Faster", id="stream.faster"),
        Binding("minus", "slower", "Slower", id="stream.slower"),
        Binding("0", "restart", "Replay", id="stream.restart"),
        # as on a message of the history: tab onto the reply, enter folds or opens its thinking
        Binding("enter", "toggle_thinking", "Fold/open thinking", show=False, id="stream.toggle-thinking"),
    ]

    DEFAULT_CSS = """
    StreamView { height: auto; }
    StreamView > #stream-progress {
        height: 1; padding: 0 1; background: $boost; color: $text-muted;
    }
    StreamView > #stream-progress.-playing { color: $text; text-style: bold; }
    StreamView > #stream-progress.-streamed { background: $primary 20%; }
    StreamView > #stream-empty { color: $text-muted; padding: 0 1; }
    """

    speed: reactive[float] = reactive(1.0, init=False)
    """Replay speed, one of `SPEEDS` (0.25x to 16x)."""

    class Progress(TextualMessage):
        """The replay moved: `position` chunks of `total` shown. A backlog collapses to the latest."""

        def __init__(self, stream_view: StreamView, position: int, total: int) -> None:
            super().__init__()
            self.stream_view = stream_view
            self.position = position
            self.total = total

        @property
        def control(self) -> StreamView:
            return self.stream_view

        def can_replace(self, message: TextualMessage) -> bool:
            return isinstance(message, StreamView.Progress) and message.stream_view is self.stream_view

    def __init__(
        self,
        autoplay: bool = True,
        *,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.autoplay = autoplay
        self.exchange: Exchange | None = None
        self.playback: Playback | None = None
        self._playing = False
        self._timer: Timer | None = None
        self._start = 0.0
        """monotonic() when playing last (re)started."""
        self._offset_ms = 0.0
        """Recorded time already replayed at `_start`."""
        self._anchor_speed = 1.0
        self._playing_drawn = False
        """The last frame was drawn while playing (so the next may be the live replay's last)."""
        self.replay_started: float | None = None
        """monotonic() when the replay's clock last started: once its first frame was painted."""
        self._clock_pending = False
        """Playing, but the clock waits for the first frame to be painted."""
        self._paint_seconds = 0.0
        """How long drawing a frame keeps the event loop busy (measured while playing; 0 until
        the first frame is measured: a guess of a whole frame made a 10x replay of 0.8 s,
        over before the guess was corrected, end 20% early)."""
        self._paint_measured = False
        self._reveal_seconds: float | None = None
        """The same for frames that show a part for the first time (a card's first render and
        a layout): 24-37 ms where the frames around them took 20-24 (grok at 10x, 200x60)."""
        self._shown_parts = 0
        """Parts of the message the last frame drew."""

    def compose(self) -> ComposeResult:
        yield Static(id="stream-progress", markup=False)
        yield MessageView(id="stream-message")
        yield Static("(no assistant message)", id="stream-empty")

    def on_mount(self) -> None:
        self._draw()

    # -- state -------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def replayable(self) -> bool:
        """True when the exchange was streamed and has chunks to step through."""
        return self.playback is not None and self.playback.total > 0

    @property
    def position(self) -> int:
        return self.playback.position if self.playback is not None else 0

    @property
    def total(self) -> int:
        return self.playback.total if self.playback is not None else 0

    def show(self, exchange: Exchange) -> None:
        """Show `exchange`'s response: replayed when streamed, at once otherwise."""
        self._stop()
        self.exchange = exchange
        replay = exchange.streamed and bool(exchange.response.chunks)
        self.playback = Playback(exchange) if replay else None
        self._offset_ms = 0.0
        if self.is_mounted:
            self.query_one("#stream-message", MessageView).expect(None)
            for view in self.query(ThinkingPartView):  # kept for the next reply's thinking
                view.folded_by_hand = False
        if replay and self.autoplay:
            self._play(on_screen_first=True)
        self._draw()

    # -- actions -----------------------------------------------------------

    def action_toggle_play(self) -> None:
        if not self.replayable:
            return
        if self._playing:
            self._pause()
        else:
            assert self.playback is not None
            if self.playback.finished:
                self.playback.restart()
                self._offset_ms = 0.0
            self._play()
        self._draw()

    def action_step_forward(self) -> None:
        self._step(1)

    def action_step_back(self) -> None:
        self._step(-1)

    def action_finish(self) -> None:
        if self.playback is None:
            return
        self._stop()
        self.playback.finish()
        self._offset_ms = self.playback.duration_ms
        self._draw()

    def action_restart(self) -> None:
        """Back to the first chunk; plays again unless built with autoplay off."""
        if self.playback is None:
            return
        self._stop()
        self.playback.restart()
        self._offset_ms = 0.0
        if self.autoplay:
            self._play(on_screen_first=True)
        self._draw()

    def action_toggle_thinking(self) -> None:
        """Fold every thinking block of the reply when one is open, else open them all, as
        enter does on a message of the history; during a replay too (a folded one stays
        folded as it streams on)."""
        shown = [view for view in self.query(ThinkingPartView) if view.display]
        fold = any(not view.collapsed for view in shown)
        for view in shown:
            view.fold(fold)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_thinking":  # else enter goes on to the screen's binding
            return any(view.display for view in self.query(ThinkingPartView))
        return True

    def action_faster(self) -> None:
        # a speed set from outside the ladder (--speed 20) never gets slower by pressing "faster"
        self.speed = next((s for s in SPEEDS if s > self.speed), max(self.speed, SPEEDS[-1]))

    def action_slower(self) -> None:
        self.speed = next((s for s in reversed(SPEEDS) if s < self.speed), min(self.speed, SPEEDS[0]))

    def watch_speed(self, old: float, new: float) -> None:
        if self._playing and self._clock_pending:
            self._anchor_speed = new  # the clock has not started yet: it starts at this speed
        elif self._playing:
            self._offset_ms = self._elapsed_ms()  # measured at the old speed
            self._start = monotonic()
            self._anchor_speed = new
            self._schedule()
        self._draw_progress()

    # -- clock ---------------------------------------------------------------

    def _step(self, n: int) -> None:
        if self.playback is None:
            return
        self._stop()
        self.playback.advance(n)
        self._offset_ms = self.playback.recorded_ms_at(self.playback.position)
        self._draw()

    def _elapsed_ms(self) -> float:
        return (monotonic() - self._start) * 1000 * self._anchor_speed + self._offset_ms

    def _on_screen_ms(self) -> float:
        """The recorded time the replay's last frame, started now, will show once painted."""
        return self._elapsed_ms() + self._last_frame_seconds() * 1000 * self._anchor_speed

    def _last_frame_seconds(self) -> float:
        """How long the frame that draws the end will keep the loop busy: longer when it shows
        parts for the first time (grok's tool call arrives whole in its last chunk). Until such
        a frame has been measured, `REVEAL_FACTOR` times an ordinary one."""
        playback = self.playback
        final = playback.final if playback is not None else None
        if final is None or len(shown_parts(final.parts)) <= self._shown_parts:
            return self._paint_seconds
        if self._reveal_seconds is not None:
            return self._reveal_seconds
        return REVEAL_FACTOR * self._paint_seconds

    def _play(self, *, on_screen_first: bool = False) -> None:
        """Start playing. With `on_screen_first`, the clock starts once the frame being drawn
        now (chunk 0, freshly mounted widgets) is on screen: that first paint is not the
        stream's time, and at 10x it would eat a fifth of a short replay."""
        self._playing = True
        self._anchor_speed = self.speed
        self._clock_pending = True
        if on_screen_first:
            self.call_after_refresh(self._start_clock, self.playback)
        else:
            self._start_clock(self.playback)

    def _start_clock(self, playback: Playback | None) -> None:
        if not self._clock_pending or playback is not self.playback:
            return  # stopped or another exchange shown meanwhile
        if self.exchange is not None and self.is_mounted:
            # Widgets for every part the replay will draw, made now rather than in the middle
            # of the replay (a mount costs that frame a second layout), and not before the first
            # paint either: that paint is what a key press waits for. The clock starts once they
            # are laid out: at 10x that layout (~40 ms) was half of a 0.08 s replay.
            final = self.exchange.response.message
            if self.query_one("#stream-message", MessageView).expect(final):
                self.call_after_refresh(self._run_clock, playback)
                return
        self._run_clock(playback)

    def _run_clock(self, playback: Playback | None) -> None:
        if not self._clock_pending or playback is not self.playback:
            return
        self._clock_pending = False
        self._start = self.replay_started = monotonic()
        self._schedule()

    def _pause(self) -> None:
        if self._playing and not self._clock_pending:
            self._offset_ms = self._elapsed_ms()
        self._stop()

    def _stop(self) -> None:
        self._playing = False
        self._clock_pending = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _schedule(self) -> None:
        """Next frame: a frame from now, or the end itself once it is near.

        Drawing a frame keeps the event loop busy for a while (`_paint_seconds`,
        measured), so when the end is closer than a frame plus two paints, the
        in-between frame is skipped and the timer aims at the end directly:
        the loop is idle when the last chunk is due. The end is aimed at as the
        screen will show it (`_on_screen_ms`): the last frame starts one paint
        early, so the last chunk is painted at the recorded end.
        """
        if self._timer is not None:
            self._timer.stop()
        playback = self.playback
        assert playback is not None
        elapsed = self._elapsed_ms()
        speed_ms = 1000 * self._anchor_speed
        to_next = (playback.recorded_ms_at(playback.position + 1) - elapsed) / speed_ms
        to_end = (playback.duration_ms - self._on_screen_ms()) / speed_ms
        margin = FRAME_SECONDS + 2 * self._paint_seconds
        if to_end <= margin + FRAME_SECONDS:  # no frame squeezed in just before the last one
            delay = to_end
        else:
            delay = min(max(FRAME_SECONDS, to_next), to_end - margin)
        self._timer = self.set_timer(max(_MIN_DELAY, delay), self._frame, name="stream-frame")

    def _frame(self) -> None:
        self._timer = None
        playback = self.playback
        if not self._playing or playback is None:
            return
        if input_waiting(self.app):  # the key first; the frame after it catches up with the clock
            self._timer = self.set_timer(YIELD_SECONDS, self._frame, name="stream-frame")
            return
        started = monotonic()
        due = playback.position_at(self._elapsed_ms())
        if self._on_screen_ms() >= playback.duration_ms:
            due = playback.total  # painted once this frame is on screen: at the recorded end
        if due != playback.position or playback.finished:
            shown = self._shown_parts
            playback.seek(due)
            if playback.finished:
                self._stop()
            self._draw()
            self.call_after_refresh(self._painted, started, self._shown_parts > shown)
        if self._playing:
            self._schedule()

    def _painted(self, started: float, revealed: bool = False) -> None:
        """Track how long a frame keeps the loop busy (moving averages, capped): frames that
        showed new parts apart from the others."""
        took = min(monotonic() - started, 0.25)
        if revealed:
            seen = self._reveal_seconds
            self._reveal_seconds = took if seen is None else 0.7 * seen + 0.3 * took
        elif not self._paint_measured:
            self._paint_seconds, self._paint_measured = took, True
        else:
            self._paint_seconds = 0.7 * self._paint_seconds + 0.3 * took
        if self._playing and not self._clock_pending and self._timer is not None:
            self._schedule()  # the next frame was timed with the old estimate: the end may be nearer

    # -- drawing ---------------------------------------------------------------

    def progress_text(self) -> str:
        """`playing · chunk k/N · 1.23 s / 4.56 s recorded · 2x` (recorded times only). The state
        first: the line is one row, cut at the pane's width (46 cells at 80 columns)."""
        exchange, playback = self.exchange, self.playback
        if exchange is None:
            return "no response selected"
        recorded = exchange.raw.duration_ms
        if playback is None:
            what = "streamed, no chunks decoded" if exchange.streamed else "not streamed"
            took = f" · {seconds(recorded)} recorded" if recorded is not None else ""
            return what + took
        at = seconds(playback.recorded_ms_at(playback.position))
        of = seconds(playback.duration_ms)
        pace = "recorded" if not playback.paced_by_default else "paced (no recorded duration)"
        state = "playing" if self._playing else ("finished" if playback.finished else "paused")
        return (
            f"{state} · chunk {playback.position}/{playback.total} · {at} / {of} {pace} · "
            f"{speed_label(self.speed)}"
        )

    def _draw_progress(self) -> None:
        if not self.is_mounted:
            return
        # one line high whatever it says: repainted without a layout of the whole pane
        self.query_one("#stream-progress", Static).update(self.progress_text(), layout=False)

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        # On the progress line, not on this widget: a class change here restyles every widget
        # of the message below it (~30 ms with a few parts), on the frame that ends a replay.
        progress = self.query_one("#stream-progress", Static)
        progress.set_class(self._playing, "-playing")
        progress.set_class(self.playback is not None, "-streamed")
        if self.playback is not None:
            self.post_message(self.Progress(self, self.playback.position, self.playback.total))
        self._draw_progress()
        message: Message | None
        if self.playback is not None:
            message = self.playback.message()
            streaming = not self.playback.finished
        else:
            message = self.exchange.response.message if self.exchange is not None else None
            streaming = False
        self._shown_parts = len(shown_parts(message.parts)) if message is not None else 0
        view = self.query_one("#stream-message", MessageView)
        view.display = message is not None
        self.query_one("#stream-empty", Static).display = message is None and self.exchange is not None
        if message is None:
            return
        if not streaming and self._playing_drawn:
            # The last chunk of a live replay: draw it as cheaply as the others so it lands on
            # time, then let the message settle (Markdown) once that frame is on screen.
            view.update_message(message, streaming=True)
            self.set_timer(SETTLE_SECONDS, lambda: self._settle(self.playback), name="stream-settle")
        else:
            view.update_message(message, streaming=streaming)
        view.mark_paused(streaming and not self._playing)
        self._playing_drawn = self._playing

    def _settle(self, playback: Playback | None) -> None:
        if playback is self.playback and playback is not None and playback.finished:
            self.query_one("#stream-message", MessageView).update_message(playback.message(), streaming=False)
