"""Garbage collection while the user is not pressing keys.

CPython's collector runs whenever enough objects have been allocated. Drawing an
interaction allocates a great many (widgets, strips, segments), so a full collection
over everything the app holds used to land inside a key press: 70-540 ms of one press
went to `gc` in `bench/bench_app.py`'s key-latency row.

`IdleCollector` takes the collector's timing in hand while the app runs:

- the objects alive once the app is up (modules, classes, the first screen) are frozen
  (`gc.freeze`), so no later collection walks them again;
- automatic collection is off; a timer collects the young generations as soon as input
  has been quiet for `idle` seconds, and everything once it has been quiet for
  `full_idle` seconds (or after `full_after` young collections, at the next quiet moment);
- if garbage piles up without a quiet moment (a key held down), it collects the young
  generation anyway once `ceiling` objects are pending, so memory stays bounded.

Textual's own `PAUSE_GC_ON_SCROLL` does the same for scrolling. The collector is given
back as it was found when the app exits (`restore`).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

from tui_replay.ui.input_waiting import input_waiting

TICK_SECONDS = 0.1
"""How often the app's timer calls `tick`."""


class IdleCollector:
    def __init__(
        self,
        *,
        idle: float = 0.25,
        full_idle: float = 1.5,
        full_after: int = 100,
        ceiling: int = 200_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.idle = idle
        """Quiet input for this long: collect the young generations (a few ms)."""
        self.full_idle = full_idle
        """Quiet for this long (someone reading): a full collection (40-110 ms with an
        interaction of the corpus drawn; Textual keeps ~100k objects, mostly strip caches)."""
        self.full_after = full_after
        """...or after this many young collections without a full one, at the next quiet moment."""
        self.ceiling = ceiling
        self._clock = clock
        self._last_input = clock()
        self._was_enabled: bool | None = None
        self._young_since_full = 0
        self._full_at: float | None = None
        self.collections: list[tuple[int, str, float]] = []
        """(generation, why, seconds taken) of the last collections made, newest last."""

    @property
    def active(self) -> bool:
        return self._was_enabled is not None

    def start(self) -> None:
        if self.active:
            return
        self._was_enabled = gc.isenabled()
        gc.collect()  # start-up garbage goes now, not frozen for ever
        gc.freeze()
        gc.disable()

    def restore(self) -> None:
        if not self.active:
            return
        gc.unfreeze()
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None

    def input_seen(self) -> None:
        self._last_input = self._clock()

    def run_in(self, app: Any) -> None:
        """Take the collector in hand for `app`, once, where it starts (`ReplayApp.on_load`;
        the replay bench's host does the same).

        Automatic collections stop at once, before the first screen is built (and, for
        `tui-replay FILE`, while a thread reads and lists the file: ~40 ms less to the
        100 MB file's first frame). Once the first frame is painted, what it holds is frozen
        too, and the timer starts: every `TICK_SECONDS`, a key queued holding it back."""
        self.start()
        app.call_after_refresh(self._first_frame_painted, app)

    def _first_frame_painted(self, app: Any) -> None:
        if not self.active:  # the app exited first
            return
        gc.collect(0)  # what was allocated since `start` (all of it young: nothing collected it)
        gc.freeze()
        app.set_interval(TICK_SECONDS, lambda: self.tick(input_waiting(app)), name="idle-gc")

    def freeze_long_lived(self) -> None:
        """What is alive now lives as long as the app (its first screen, a listing of
        thousands of files): no later collection walks it again. Only while the collector is
        in hand: `restore` gives it back when the app exits, and nothing else would."""
        if self.active:
            gc.freeze()

    def tick(self, input_waiting: bool = False) -> None:
        """Called a few times a second by the app's timer; `input_waiting`: a key is queued
        (nothing is collected then, unless the ceiling is passed)."""
        if not self.active:
            return
        pending = gc.get_count()[0]
        quiet = self._clock() - self._last_input
        if quiet >= self.idle and not input_waiting:
            reading = quiet >= self.full_idle and self._full_at != self._last_input
            if self._young_since_full and (reading or self._young_since_full >= self.full_after):
                self._full_at = self._last_input  # once per quiet spell: a replay keeps allocating
                self._young_since_full = 0
                self._collect(2, "idle")
            elif pending:
                self._young_since_full += 1
                self._collect(1, "idle")
        elif pending >= self.ceiling:
            self._young_since_full += 1
            self._collect(0, "ceiling")

    def _collect(self, generation: int, why: str) -> None:
        started = time.perf_counter()
        gc.collect(generation)
        took = time.perf_counter() - started
        self.collections = [*self.collections[-19:], (generation, why, took)]
