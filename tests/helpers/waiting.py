"""Waiting on state instead of sleeping: a test goes on the moment what it needs is true.

A fixed sleep is too short on a loaded machine (a flaky failure) and too long everywhere else
(a slow suite). `wait_until` checks the state after each turn of the app's message loop and
fails, naming what it waited for, only after a generous deadline.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

POLL_SECONDS = 0.01
"""Between checks, once the app's queues are idle: the state may come from a timer or a thread."""


async def wait_until(
    predicate: Callable[[], object], pilot: Any = None, *, timeout: float = 10.0, what: str = ""
) -> None:
    """Return as soon as `predicate()` is true; fail after `timeout` seconds.

    With a Textual `pilot`, each check follows `pilot.pause()` (the app has processed its
    pending messages); without one, the event loop runs for a moment between checks.
    """
    deadline = time.monotonic() + timeout
    while True:
        if pilot is not None:
            await pilot.pause()
        if predicate():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g}s for {what or 'the condition'}; it never held")
        await asyncio.sleep(POLL_SECONDS)
