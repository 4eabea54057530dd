"""Every private Textual and Rich name tui-replay uses, and nothing else.

Each one is here because the public API measured clearly slower for something a user
waits on, or has no way to do it at all (`dismiss_notification`); the entry says which
private it touches and what for. No other module touches a
private Textual or Rich name: they import what they need from here.

Written for Textual 8.2.8 and Rich 15.0.0, both pinned exactly in pyproject.toml. The canary
test, tests/ui/test_textual_internals.py, checks every entry (names, signatures, and what
each does) against the installed Textual and Rich, so an upgrade that moves one fails there
before it reaches a user.

Another version installed (someone overrode the pin): `version_mismatch` says so, and the app
shows it as a warning notification; it does not refuse to start. Every private used here
either only makes something faster or is looked up defensively (`queued_messages`), so the
likely outcome of a moved private is a slower app or a clear traceback naming this module,
and refusing to open a cassette over that would stop someone reading it for nothing. The pin
is what keeps versions in step; the warning tells whoever broke it where to look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich._wrap import divide_line as divide_line
from textual.geometry import Size
from textual.message import Message
from textual.message_pump import MessagePump
from textual.visual import VisualType
from textual.widgets import OptionList, Tree
from textual.widgets.tree import TreeDataType, TreeNode

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import Notification

WRITTEN_FOR = {"textual": "8.2.8", "rich": "15.0.0"}
"""The versions every entry below was written and checked for (the pins in pyproject.toml)."""

__all__ = [
    "WRITTEN_FOR",
    "HeldInvalidationTree",
    "SingleLayout",
    "dismiss_notification",
    "divide_line",
    "mark_node_line_stale",
    "node_guide_width",
    "queued_messages",
    "replace_prompts",
    "set_frame_rate",
    "version_mismatch",
]


def version_mismatch(installed: Callable[[str], str] | None = None) -> str | None:
    """A sentence naming each of Textual and Rich whose installed version is not the one this
    module was written for; None when both match. `installed`: package -> version
    (`importlib.metadata.version`, imported here: it is not on the app's start-up path)."""
    from importlib import metadata

    installed = installed or metadata.version
    wrong = []
    for package, expected in WRITTEN_FOR.items():
        try:
            found = installed(package)
        except metadata.PackageNotFoundError:
            found = "unknown"
        if found != expected:
            wrong.append(f"{package} {found} (written for {expected})")
    if not wrong:
        return None
    return (
        f"tui-replay runs with {', '.join(wrong)}: it uses private parts of these that may have "
        "changed (tui_replay/ui/textual_internals.py). Install the pinned versions if anything "
        "looks wrong."
    )


# -- rich._wrap.divide_line ---------------------------------------------------------------
#
# `divide_line(text, width, fold=True)`: the offsets where Rich wraps one paragraph, without
# building a `Text` and its spans. `GrowingText` re-wraps only the end of a streamed thinking
# block with it, so it wraps exactly as Rich does; going through `Text.wrap` per frame cost
# most of a replay frame on the grok thinking stream. Re-exported above.


# -- MessagePump._message_queue -----------------------------------------------------------


def queued_messages(pump: MessagePump) -> tuple[Message | None, ...]:
    """The messages waiting in `pump`'s queue, oldest first, without taking them.

    Textual exposes only `message_queue_size`; which messages wait (a key, or a timer's
    own message) is in the private `_message_queue`, a `textual._queue.Queue` whose `values`
    is a deque. Anything else found there reads as an empty queue: a check for waiting input
    must never break the frame that asks."""
    if not pump.message_queue_size:
        return ()
    queue = getattr(pump, "_message_queue", None)
    waiting = getattr(queue, "values", None)
    if waiting is None:
        return ()
    return tuple(waiting)


# -- App._unnotify: a notification taken down before its timeout ------------------------


def dismiss_notification(app: App[Any], notification: Notification) -> None:
    """Take `notification` (posted as `textual.notifications.Notify`) off the screen now.

    `App.notify` returns nothing to dismiss later, and the public `clear_notifications` would
    take every other notification with it (a settings error, a version warning). The private
    `App._unnotify` forgets one, and does nothing when it has already expired."""
    app._unnotify(notification)


# -- Widget._size_updated: one layout per change -----------------------------------------


class SingleLayout:
    """First in a widget's bases: its size updates take Textual's own no-layout path.

    When a layout gives a widget a new size, Textual sets the widget's `virtual_size`
    reactive, declared with `layout=True`: every resized widget asks for another layout of
    the whole screen. For the widgets of the detail pane that second pass finds nothing to
    change (their height comes from `get_content_height` in the first one), yet it cost
    10-15 ms a frame while a stream grew. Overriding the private `Widget._size_updated` to
    pass `layout=False` (the path scrolling uses) stores the new size, repaints the widget and
    updates its scrollbars, and asks for no layout. Only for widgets whose content does not
    depend on a `Resize` handler. Measured with `bench/bench_hooks.py`: see the README."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        resized: bool = super()._size_updated(size, virtual_size, container_size, layout=False)  # type: ignore[misc]
        return resized


# -- Tree: held invalidation and per-node line refresh ------------------------------------


class HeldInvalidationTree(Tree[TreeDataType]):
    """A `Tree` that can add many nodes with one invalidation (`invalidation_held`).

    `Tree` invalidates its line cache and asks for a layout at every node added (its private
    `_invalidate`, ~0.25 ms each); listing 10,000 files did that 10,000 times."""

    _invalidation_held = False

    @contextmanager
    def invalidation_held(self) -> Iterator[None]:
        """Nodes added in the block invalidate the tree once, at its end."""
        self._invalidation_held = True
        try:
            yield
        finally:
            self._invalidation_held = False
            self._invalidate()

    def _invalidate(self) -> None:
        if not self._invalidation_held:
            super()._invalidate()


def mark_node_line_stale(node: TreeNode[Any]) -> None:
    """Make the tree draw `node`'s line again at its next repaint, without the one-region
    repaint `TreeNode.refresh` asks for (~0.15 ms a node): the node's private `_updates`
    counter is part of the tree's line-cache key."""
    node._updates += 1


def node_guide_width(tree: Tree[Any], node: TreeNode[Any]) -> int | None:
    """Cells taken by the guides before `node`'s label, or None when `node` has no line now
    (folded away). Read from the tree's private line list (`_tree_lines`, `TreeNode._line`,
    `_TreeLine._get_guide_width`): Tree measures a line only when it rebuilds them all."""
    lines = tree._tree_lines
    line = node._line
    if 0 <= line < len(lines) and lines[line].node is node:
        return lines[line]._get_guide_width(tree.guide_depth, tree.show_root)
    return None


# -- OptionList: many prompts replaced at once --------------------------------------------


def replace_prompts(option_list: OptionList, prompts: Iterable[tuple[int, VisualType]]) -> None:
    """Give the options at these indexes new prompts, and clear the list's caches once.

    `OptionList.replace_option_prompt_at_index` clears them (and asks for a refresh) at
    every call: 30 ms for a big cassette's 5,000 rows, against under 1 ms through the
    private `Option._set_prompt` and one `OptionList._clear_caches`."""
    changed = False
    for index, prompt in prompts:
        option_list.get_option_at_index(index)._set_prompt(prompt)
        changed = True
    if changed:
        option_list._clear_caches()


# -- the screen update period -------------------------------------------------------------


def set_frame_rate(frames_per_second: int) -> None:
    """Let every screen made from now on repaint up to `frames_per_second` times a second.

    Textual reads `TEXTUAL_FPS` once, when `textual.constants` is imported, into `MAX_FPS`,
    and `textual.screen` turns it into `UPDATE_PERIOD`, which a screen reads when it starts
    its update timer. Anything that imported Textual first (pytest's snapshot plugin, a
    host embedding the app) fixed both at 60; setting them here applies the rate whatever
    was imported before."""
    import textual.constants
    import textual.screen

    setattr(textual.constants, "MAX_FPS", frames_per_second)  # noqa: B010  (Final in Textual)
    setattr(textual.screen, "UPDATE_PERIOD", 1 / frames_per_second)  # noqa: B010


def textual_frame_rate() -> int:
    """The frame rate screens made now get (Textual's `UPDATE_PERIOD`)."""
    import textual.screen

    return round(1 / textual.screen.UPDATE_PERIOD)
