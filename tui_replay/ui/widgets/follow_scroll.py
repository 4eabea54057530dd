"""A vertical scroll that can follow its end (`anchor()`) without pushing short content down,
or follow its end only as far as one widget stays in view (`follow_below`).

Textual 8's compositor keeps an anchored container at `content bottom - viewport height`,
which is negative while the content is shorter than the viewport: a streamed reply in a
short conversation was drawn at the bottom of the pane, under a screenful of blank lines.
Here the offset used to place the content never goes above the top.

Presentation mode follows a stream differently: a class must see the question the answer
responds to, so the pane follows the growing answer until the question's first line
reaches the top, and stops there (`follow_below`).

A slide whose content overflows the pane, but ends too soon for the question to reach the
top, gets blank room below its end: the pane stopped at its end began inside a card of the
history, its bottom edge alone on the first line. Content that fits is never scrolled.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Offset
from textual.widget import Widget
from textual.widgets import Static

from tui_replay.ui.textual_internals import SingleLayout


class FollowScroll(SingleLayout, VerticalScroll):
    DEFAULT_CSS = """
    FollowScroll > .follow-scroll--room { height: 0; }
    """

    def __init__(self, *children: Widget, id: str | None = None) -> None:  # noqa: A002
        super().__init__(*children, id=id)
        self._room = Static(classes="follow-scroll--room")  # blank (a bare Widget draws its name)
        """Blank lines after the content, so the kept widget's top can reach the pane's top."""
        self.kept_in_view: Widget | None = None
        """While set, the pane follows its end but never scrolls past this widget's top."""
        self._followed_y: int | None = None
        """Where following last put the pane: elsewhere means the user scrolled (follow no more)."""

    @property
    def scroll_offset(self) -> Offset:
        return Offset(max(0, round(self.scroll_x)), max(0, round(self.scroll_y)))

    def compose(self) -> ComposeResult:
        yield self._room  # after the children given: the last of the content

    def follow_below(self, widget: Widget | None) -> None:
        """Follow the end of the content as it grows, but keep `widget`'s top in view (None:
        stop). Replaces `anchor()`, which would scroll the widget off."""
        self.kept_in_view = widget
        self._followed_y = None
        if widget is None:
            self._make_room(0)
        else:
            self.anchor(False)
            self.call_after_refresh(self._follow)

    def on_mount(self) -> None:
        # After every layout of the screen: the content may have grown (a stream drew more,
        # Markdown settled). A Resize event comes only when the pane's own size changes.
        self.screen.screen_layout_refresh_signal.subscribe(self, self._laid_out)

    def _laid_out(self, _screen: object) -> None:
        if self.kept_in_view is not None:
            self._follow()

    def _follow(self) -> None:
        widget = self.kept_in_view
        if widget is None:
            return
        if not widget.is_attached or not widget.display:
            self.kept_in_view = None
            return
        if not widget.virtual_region:  # shown but not laid out yet: once it is
            self.call_after_refresh(self._follow)
            return
        now = round(self.scroll_y)
        if self._followed_y is not None and now != self._followed_y:
            self.kept_in_view = None  # scrolled by hand: the user has the pane
            return
        top = self._top_of(widget)
        room = self._room.outer_size.height
        end = round(self.max_scroll_y) - room  # how far the content alone lets the pane go
        # Overflowing: room for the widget's top to reach the top. Fitting: none, no scroll.
        wanted = max(0, top - end) if end > 0 else 0
        if wanted != room:
            self._make_room(wanted)
            return  # once laid out again (`_laid_out`): the pane cannot go there before
        target = max(0, min(end + room, top))
        if target != now:
            self.scroll_to(y=target, animate=False, immediate=True)
        self._followed_y = target

    def _make_room(self, lines: int) -> None:
        if self._room.styles.height is None or self._room.styles.height.value != lines:
            self._room.styles.height = lines

    def _top_of(self, widget: Widget) -> int:
        """`widget`'s top in this pane's content, whatever the scroll: each container's offset
        in its parent (`region` is the screen's, from the last frame, before a scroll)."""
        top = 0
        node: object = widget
        while isinstance(node, Widget) and node is not self:
            top += node.virtual_region.y
            node = node.parent
        return top
