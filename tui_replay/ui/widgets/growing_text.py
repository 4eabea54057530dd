"""Plain text that grows at its end (a streamed reply), re-wrapped only where it changed.

A `Static` re-wraps its whole text at every layout: a replay that redraws a thinking
block of a few thousand words 30 times a second spent most of each frame wrapping lines
that had not changed (50-100 ms a frame on the grok thinking stream). Text that
only grows keeps the wrapping of every line before its last two, so
`GrowingText.update` re-wraps from its last lines (`rewrap_from`) when the new text extends
the old, and everything at a new width or when the text was replaced.
"""

from __future__ import annotations

from bisect import bisect_left

from rich.cells import cell_len
from rich.segment import Segment
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from tui_replay.ui.line_selection import SelectableLines, selected_text
from tui_replay.ui.textual_internals import SingleLayout, divide_line


def wrap_lines(text: str, width: int, start: int = 0) -> tuple[list[int], list[str]]:
    """Offsets where each wrapped line of `text[start:]` begins, and the lines' text (trailing
    spaces dropped), `text` taken from `start` as if a line began there. Every paragraph
    ("\\n") starts a line; words longer than `width` are folded."""
    starts: list[int] = []
    lines: list[str] = []
    width = max(1, width)
    position = start
    while True:
        end = text.find("\n", position)
        paragraph = text[position:] if end < 0 else text[position:end]
        bounds = [0, *divide_line(paragraph, width, fold=True), len(paragraph)] if paragraph else [0, 0]
        for left, right in zip(bounds, bounds[1:], strict=False):
            starts.append(position + left)
            lines.append(paragraph[left:right].rstrip(" "))
        if end < 0:
            return starts, lines
        position = end + 1


def rewrap_from(old: str, starts: list[int], lines: list[str]) -> int:
    """Index of the first wrapped line of `old` that text appended to it can change.

    Lines end where the next word did not fit, and appending only lengthens the last word,
    so every line before the last two stays as it is. Two, not one, and only when both are
    plain words after a single space: Rich treats a run of spaces after a folded word as a
    line of its own, which later text can move. Otherwise the last paragraph's first line.
    A thinking block is often one paragraph of thousands of words (re-wrapping
    all of it made a frame of the grok stream 12-33 ms). Checked against wrapping everything,
    at every step, in tests/ui/test_ui_growing_text.py.
    """
    paragraph = old.rfind("\n") + 1
    first = bisect_left(starts, paragraph)
    line = len(starts) - 2
    if (
        line > first
        and starts[line] > paragraph
        and old[starts[line] - 1] == " "
        and lines[line]
        and lines[line - 1]
    ):
        return line
    return first


STREAM_GROW_LINES = 4
"""A streamed text takes height this many lines at a time (`GrowingText.grow_by`)."""


class GrowingText(SingleLayout, SelectableLines, Widget):
    """`GrowingText(text)`; `update(text)` as it grows. Styled by CSS like a `Static`."""

    DEFAULT_CSS = """
    GrowingText { height: auto; }
    """

    def __init__(self, text: str = "", *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._text = text
        self._wraps: dict[int, tuple[list[int], list[str]]] = {}
        """Line starts and lines by width, for the last two widths asked for: a scrolling
        container measures its content with and without its scrollbar at each layout, and
        re-wrapping a thinking block from scratch at the other width cost more than the rest
        of a frame."""
        self._widest_done = 0
        """Cells of the widest paragraph before the last one (text only grows after it)."""
        self._done_upto = 0
        """Where the last paragraph starts (the text before it is counted in `_widest_done`)."""
        self._grow_step = 1
        """The height it reports is its lines rounded up to a multiple of this (`grow_by`)."""

    @property
    def text(self) -> str:
        return self._text

    def grow_by(self, lines: int) -> None:
        """While a stream plays, take height `lines` at a time (blank lines under the text), so
        that only one chunk in `lines` new lines makes a layout; 1: exactly the text's height.

        Each new line of a growing answer used to lay out and repaint the whole detail pane,
        20-40 ms a frame at 25 frames a second, and a key pressed meanwhile waited for the
        frame in progress."""
        lines = max(1, lines)
        if lines != self._grow_step:
            self._grow_step = lines
            self.refresh(layout=True)

    def _height_for(self, lines: int) -> int:
        step = self._grow_step
        return lines if step == 1 or lines == 0 else -(-lines // step) * step

    def update(self, text: str) -> None:
        if text == self._text:
            return
        old = self._text
        self._text = text
        if not text.startswith(old) or not self._wraps:
            self._wraps.clear()
            self._widest_done, self._done_upto = 0, 0
            self.refresh(layout=True)
            return
        taller = False
        for width, (starts, lines) in self._wraps.items():
            height = len(lines)
            first = rewrap_from(old, starts, lines)
            more_starts, more_lines = wrap_lines(text, width, starts[first])
            starts[first:], lines[first:] = more_starts, more_lines
            taller |= self._height_for(len(lines)) != self._height_for(height)
        # Most chunks of a stream only lengthen the last line: same height, so only this
        # widget is repainted. A layout would re-measure the whole detail pane.
        self.refresh(layout=taller)

    def _wrapped(self, width: int) -> list[str]:
        wrap = self._wraps.get(width)
        if wrap is None:
            if len(self._wraps) >= 2:
                del self._wraps[next(iter(self._wraps))]
            wrap = self._wraps[width] = wrap_lines(self._text, width)
        return wrap[1]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        text = self._text
        last = text.rfind("\n") + 1
        if last > self._done_upto:
            done = text[self._done_upto : last - 1].split("\n")
            self._widest_done = max(self._widest_done, *(cell_len(line) for line in done))
            self._done_upto = last
        return max(self._widest_done, cell_len(text[last:]))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._height_for(len(self._wrapped(width))) if width > 0 else 0

    def render_line(self, y: int) -> Strip:
        return self.selectable_line(self._content_line(y), y)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        count = self.size.height
        while count and not self._content_line(count - 1).text.strip():
            count -= 1  # the blank lines kept under a text that streams (`grow_by`) are not its text
        return selected_text(selection, count, lambda y: self._content_line(y).text)

    def _content_line(self, y: int) -> Strip:
        """Line `y` as drawn, before the mouse selection is shown on it."""
        width = self.content_region.width
        style = self.visual_style.rich_style
        lines = self._wrapped(width)
        if not 0 <= y < len(lines):
            return Strip.blank(width, style)
        return Strip([Segment(lines[y], style)])  # padded to the width by Textual, as a Static is
