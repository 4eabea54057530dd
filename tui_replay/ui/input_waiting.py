"""Is a key press (or a click) waiting in the app's queue? Timers that only animate or tidy
up (a stream's next frame, an idle collection) give way to it (issue 5).

A replay frame that starts while a key waits keeps that key out for a whole layout and
paint (20-30 ms at 120x40 in `bench/bench_app.py`'s key row), and the key usually replaces
what the frame drew anyway (the next interaction, a pause).

Which messages wait is private to Textual: read through `textual_internals.queued_messages`,
where anything unexpected reads as "nothing waiting".
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from textual import events

from tui_replay.ui.textual_internals import queued_messages

MAX_DEFER_SECONDS = 0.1
"""A screen update gives way to queued input for at most this long (a held key must not keep
the screen from being drawn)."""


def input_waiting(app: Any) -> bool:
    """True when a key or mouse event is queued for the app or for its current screen (the
    app forwards input to the screen, which may still be busy painting)."""
    try:
        return _queued_input(app) or _queued_input(app.screen)
    except Exception:  # another Textual or asyncio: never let a check break a frame
        return False


def _queued_input(pump: Any) -> bool:
    return any(isinstance(message, events.InputEvent) for message in queued_messages(pump))


class UpdateDeferral:
    """Lets a screen's update (layout and paint) wait while a key or click is queued.

    A replay frame that asked for a layout just before a key arrived made that key wait for
    the layout and paint of a screen it was about to replace: 20-50 ms at 120x40, the tail of
    `bench/bench_app.py`'s key row (p95 65-70 ms without this, 53-63 with it). The key is
    handled first and one update draws both.
    """

    def __init__(self, clock: Any = monotonic) -> None:
        self._clock = clock
        self._since: float | None = None

    def should_wait(self, app: Any) -> bool:
        if not input_waiting(app):
            self._since = None
            return False
        now = self._clock()
        if self._since is None:
            self._since = now
        if now - self._since >= MAX_DEFER_SECONDS:
            self._since = None
            return False
        return True
