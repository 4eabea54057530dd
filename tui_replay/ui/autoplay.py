"""`--autoplay`: play a cassette from its first interaction to its last, for demos and recordings.

`AutoplayDriver` is a small state machine that never reads a clock: the app's
timer calls `tick(seconds, stream_done)` with the time since the last tick and
whether the shown interaction's stream has finished replaying, and obeys the
command it gets back (`Show(i)`, `Quit()` or nothing). Tests drive it by hand.

    start() ──Show(0)──▶ STREAMING ──stream done──▶ PAUSING ──pause over──▶ Show(i+1) … ▶ FINISHED
                              any key ─────────────────▶ STOPPED (manual control)

The pause between interactions is `pause_seconds / speed`, at least one frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

PAUSE_SECONDS = 1.5
"""Pause after each interaction at 1x."""
FRAME_SECONDS = 1 / 30
"""The shortest pause, whatever the speed; also the app's tick interval."""
MIN_SPEED, MAX_SPEED = 0.05, 100.0
"""`--speed` accepted by the command line."""


class Phase(Enum):
    IDLE = "idle"
    """Not started yet."""
    STREAMING = "streaming"
    """Interaction `index` is shown; waiting for its stream to finish."""
    PAUSING = "pausing"
    """Interaction `index` is complete; waiting out the pause."""
    FINISHED = "finished"
    """The last interaction was shown and its pause is over."""
    STOPPED = "stopped"
    """The user took manual control."""


@dataclass(frozen=True)
class Show:
    """Select interaction `index` (0-based) and replay its stream."""

    index: int


@dataclass(frozen=True)
class Quit:
    """The last interaction is done and `exit_at_end` was asked for."""


Command = Show | Quit | None


class AutoplayDriver:
    """Which interaction to show next, and when; time comes in through `tick`."""

    def __init__(
        self,
        count: int,
        *,
        speed: float = 1.0,
        exit_at_end: bool = False,
        pause_seconds: float = PAUSE_SECONDS,
        stops: Sequence[int] | None = None,
    ) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, not {speed}")
        self.count = count
        self.stops: Sequence[int] = range(count) if stops is None else tuple(stops)
        """The interactions shown, in order: every one, or (presenting) each step's first."""
        self.stop_number = -1
        self.speed = speed
        self.exit_at_end = exit_at_end
        self.pause_seconds = pause_seconds
        self.phase = Phase.IDLE
        self.index = -1
        self.waited = 0.0
        """Seconds spent in the current pause."""

    @property
    def pause(self) -> float:
        """How long to wait after an interaction, scaled by speed (at least a frame)."""
        return max(FRAME_SECONDS, self.pause_seconds / self.speed)

    @property
    def active(self) -> bool:
        """True while the driver still has something to do (a key then stops it)."""
        return self.phase in (Phase.IDLE, Phase.STREAMING, Phase.PAUSING)

    def start(self) -> Command:
        """Begin with interaction 0 (an empty cassette finishes at once)."""
        if self.phase is not Phase.IDLE:
            return None
        if not self.stops:
            return self._finish()
        self.stop_number, self.index = 0, self.stops[0]
        self.phase = Phase.STREAMING
        return Show(self.index)

    def tick(self, seconds: float, stream_done: bool) -> Command:
        """`seconds` of wall time passed; `stream_done` says the shown stream has finished."""
        if self.phase is Phase.STREAMING:
            if stream_done:
                self.phase = Phase.PAUSING
                self.waited = 0.0
            return None
        if self.phase is Phase.PAUSING:
            self.waited += max(0.0, seconds)
            if self.waited + 1e-9 < self.pause:
                return None
            if self.stop_number + 1 < len(self.stops):
                self.stop_number += 1
                self.index = self.stops[self.stop_number]
                self.phase = Phase.STREAMING
                return Show(self.index)
            return self._finish()
        return None

    def stop(self) -> None:
        """Manual control: nothing more happens."""
        if self.active:
            self.phase = Phase.STOPPED

    def _finish(self) -> Command:
        self.phase = Phase.FINISHED
        return Quit() if self.exit_at_end else None
