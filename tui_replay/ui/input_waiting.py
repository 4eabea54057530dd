"""Is a key press (or a click) waiting in the app's queue? Timers that only animate or tidy
up (a stream's next frame, an idle collection) give way to it (issue 5).

A replay frame that starts while a key waits keeps that key out for a whole layout and
paint (20-30 ms at 120x40 in `bench/bench_app.py`'s key row), and the key usually replaces
what the frame drew anyway (the next interaction, a pause).

This looks at the queue behind `MessagePump.message_queue_size` (Textual's own `Queue`, a
deque). That is private to Textual, so anything unexpected reads as "nothing waiting"; a
test checks it against the pinned Textual.
"""

from __future__ import annotations

from typing import Any

from textual import events


def input_waiting(app: Any) -> bool:
    """True when a key or mouse event is queued for the app or for its current screen (the
    app forwards input to the screen, which may still be busy painting)."""
    try:
        return _queued_input(app) or _queued_input(app.screen)
    except Exception:  # another Textual or asyncio: never let a check break a frame
        return False


def _queued_input(pump: Any) -> bool:
    if not pump.message_queue_size:
        return False
    queue = pump._message_queue
    waiting = getattr(queue, "values", None)  # textual._queue.Queue
    if waiting is None:
        waiting = queue._queue  # an asyncio.Queue
    return any(isinstance(message, events.InputEvent) for message in tuple(waiting))
