"""Frames held back until the widgets they need are mounted (issue 5).

Textual mounts a widget over a few turns of the event loop: the widget's own task composes it
and mounts its children, while the screen keeps painting on its timer. A key that showed the
next interaction mounted new message widgets, and the first frame after it was painted before
they were: the new messages were missing from it (0 lines high), and the frame after drew them,
20-110 ms later on the corpus's largest interactions.

`hold_frames_until_mounted` enters Textual's `batch_update` (no frame is painted while one is
open) and leaves it once the widgets are mounted, so the first frame painted is the whole
interaction. Keys are still taken meanwhile; a mount that never completes releases the hold
after `MOST_SECONDS`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence

from textual.widget import AwaitMount, Widget

MOST_SECONDS = 1.0
"""Frames are never held longer than this (a mount that failed must not freeze the screen)."""


def displayed_within(widget: Widget, root: Widget) -> bool:
    """`widget` is under `root` and neither it nor any widget between them is hidden
    (`display: none`): a layout would give it room."""
    node: Widget | None = widget
    while node is not None and node is not root:
        if not node.display:
            return False
        parent = node.parent
        node = parent if isinstance(parent, Widget) else None
    return node is root


def unmounted(root: Widget) -> list[Widget]:
    """The widgets under `root` added to the DOM but not mounted yet, that the next frame would
    draw: hidden ones (`display: none`, or under a hidden widget) are left out."""
    return [
        widget
        for widget in root.walk_children(Widget)
        if not widget.is_mounted and displayed_within(widget, root)
    ]


def hold_frames_until_mounted(parent: Widget, pending: Sequence[Widget]) -> asyncio.Task[None] | None:
    """Paint no frame until every widget in `pending` (children, at any depth, of `parent`) is
    mounted, or `MOST_SECONDS` have passed. Returns the task that releases the hold."""
    if not pending:
        return None
    app = parent.app
    hold = app.batch_update()
    hold.__enter__()

    async def release() -> None:
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(AwaitMount(parent, list(pending))(), MOST_SECONDS)
        finally:
            hold.__exit__(None, None, None)
            # Ending the batch prompts the app, not the screen, whose update timer stays paused
            # until something else wakes it (~30 ms later, or never on a still screen).
            with contextlib.suppress(Exception):  # the screen may be gone meanwhile
                parent.screen.check_idle()

    task = asyncio.get_running_loop().create_task(release(), name="hold frames until mounted")
    _running.add(task)  # a task nobody refers to can be collected before it runs
    task.add_done_callback(_running.discard)
    return task


_running: set[asyncio.Task[None]] = set()
