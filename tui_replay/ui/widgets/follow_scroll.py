"""A vertical scroll that can follow its end (`anchor()`) without pushing short content down.

Textual 8's compositor keeps an anchored container at `content bottom - viewport height`,
which is negative while the content is shorter than the viewport: a streamed reply in a
short conversation was drawn at the bottom of the pane, under a screenful of blank lines.
Here the offset used to place the content never goes above the top.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.geometry import Offset

from tui_replay.ui.textual_internals import SingleLayout


class FollowScroll(SingleLayout, VerticalScroll):
    @property
    def scroll_offset(self) -> Offset:
        return Offset(max(0, round(self.scroll_x)), max(0, round(self.scroll_y)))
