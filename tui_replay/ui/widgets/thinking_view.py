"""A thinking block as one widget: a title line (`▶ thinking · 153 words`) and, when open,
its text below, indented: plain while it streams, Markdown at rest, as an answer's text is
(`TextPartView`).

It used to be a `Collapsible` (title, contents and the text: four nested widgets). Textual
paints every widget whose region changes at each layout, blank areas included, so each level
cost each frame of a replay and each key press: in grok's 10x replay the four took ~30 ms of
render time against ~11 for the text itself. One widget draws the same lines.

Folded by default; it opens itself while its part streams, unless the user folded it. A
click on the title, or enter while it (or the stream around it) has focus, folds or opens it.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.strip import Strip

from tui_replay.model import ThinkingPart
from tui_replay.ui.widgets.card_text import fold_mark, thinking_body, thinking_title
from tui_replay.ui.widgets.growing_text import STREAM_GROW_LINES, GrowingText
from tui_replay.ui.widgets.text_part_view import RenderedMarkdown

INDENT = 2
"""Cells the text is indented under its title."""
_TITLE_STYLE = Style(bold=True, italic=False)


class ThinkingPartView(GrowingText):
    DEFAULT_CSS = """
    ThinkingPartView {
        height: auto;
        background: $boost;
        color: $text-muted;
        text-style: italic;
        padding: 0 1;
    }
    ThinkingPartView:focus { background: $block-cursor-blurred-background; }
    """

    can_focus = True
    BINDINGS = [Binding("enter", "toggle_thinking", "Fold/open thinking", show=False)]

    def __init__(self, part: ThinkingPart, streaming: bool) -> None:
        super().__init__(thinking_body(part))
        self._part = part
        self._streaming = streaming
        self.collapsed = not streaming
        self.folded_by_hand = False
        """Folded by the user: stays folded as more of it streams in (stepping back and forth, a
        replay started again), until it is handed another thinking or the stream another
        interaction."""
        self._title = thinking_title(part)
        self._grow_step = STREAM_GROW_LINES if streaming else 1
        self._markdown = RenderedMarkdown(self)
        """Its Markdown lines at rest."""

    @property
    def title(self) -> str:
        """The title line as shown, with its fold mark."""
        return f"{fold_mark(not self.collapsed)} {self._title}"

    def set_part(self, part: ThinkingPart, streaming: bool) -> None:
        if part == self._part and streaming == self._streaming:
            return
        before, now = self._part.text, part.text
        if not (now.startswith(before) or before.startswith(now)):
            self.folded_by_hand = False  # another thinking, not more (or less) of this one
        at_rest_now = streaming != self._streaming
        self._part, self._streaming = part, streaming
        title = thinking_title(part)
        retitled, self._title = title != self._title, title
        if streaming and self.collapsed and not self.folded_by_hand:
            self.collapsed = False
            self.refresh(layout=True)
        elif at_rest_now and not self.collapsed:
            self.refresh(layout=True)  # plain text to Markdown, or back: other lines
        elif retitled:
            self.refresh()  # the title is one line as wide as the widget: a repaint, no layout
        self.update(thinking_body(part))
        self.grow_by(STREAM_GROW_LINES if streaming else 1)

    def action_toggle_thinking(self) -> None:
        self.fold(not self.collapsed)

    def fold(self, folded: bool) -> None:
        """Fold (or open) it, as the user asked: kept so while its part streams on."""
        self.folded_by_hand = folded
        if folded != self.collapsed:
            self.collapsed = folded
            self.refresh(layout=True)

    def on_click(self, event: events.Click) -> None:
        if self.text_selection is not None:
            return  # the end of a drag that selected text (a plain click clears the selection)
        offset = event.get_content_offset(self)
        if offset is not None and offset.y == 0:
            event.stop()
            self.action_toggle_thinking()

    # -- drawing ---------------------------------------------------------------

    def _body_width(self, width: int) -> int:
        return max(1, width - INDENT)

    def _markdown_for(self, width: int) -> list[Strip] | None:
        """Its body as Markdown lines at `width` (the body's own), at rest; None while it
        streams or while a long one renders in a thread (the plain text shows meanwhile)."""
        if self._streaming:
            return None
        return self._markdown.lines(self.text, width, self.visual_style.rich_style)

    def _body_height(self, width: int) -> int:
        lines = self._markdown_for(width)
        return len(lines) if lines is not None else self._height_for(len(self._wrapped(width)))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        title = len(self.title)
        if self.collapsed:
            return title
        return max(title, INDENT + super().get_content_width(container, viewport))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width <= 0:
            return 0
        if self.collapsed:
            return 1
        return 1 + self._body_height(self._body_width(width))

    def _content_line(self, y: int) -> Strip:
        width = self.content_region.width
        style = self.visual_style.rich_style
        if y == 0:
            return Strip([Segment(self.title, style + _TITLE_STYLE)])
        if self.collapsed:
            return Strip.blank(width, style)
        body = self._body_width(width)
        rendered = self._markdown_for(body)
        if rendered is not None:
            if not 0 <= y - 1 < len(rendered):
                return Strip.blank(width, style)
            return Strip([Segment(" " * INDENT, style), *rendered[y - 1]])
        lines = self._wrapped(body)
        if not 0 <= y - 1 < len(lines):
            return Strip.blank(width, style)
        return Strip([Segment(" " * INDENT + lines[y - 1], style)])
