"""Is a key press (or a click) waiting in the app's queue? Timers that only animate or tidy
up (a stream's next frame, an idle collection) give way to it.

A replay frame that starts while a key waits keeps that key out for a whole layout and
paint (20-30 ms at 120x40 in `bench/bench_app.py`'s key row), and the key usually replaces
what the frame drew anyway (the next interaction, a pause).

Which messages wait is private to Textual: read through `textual_internals.queued_messages`,
where anything unexpected reads as "nothing waiting".
"""

from __future__ import annotations

from typing import Any

from textual import events

from tui_replay.ui.textual_internals import queued_messages


def input_waiting(app: Any) -> bool:
    """True when a key or mouse event is queued for the app or for its current screen (the
    app forwards input to the screen, which may still be busy painting)."""
    try:
        return _queued_input(app) or _queued_input(app.screen)
    except Exception:  # another Textual or asyncio: never let a check break a frame
        return False


def _queued_input(pump: Any) -> bool:
    return any(isinstance(message, events.InputEvent) for message in queued_messages(pump))
