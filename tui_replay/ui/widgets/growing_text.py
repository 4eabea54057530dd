"""Plain text that grows at its end (a streamed reply), re-wrapped only where it changed.

A `Static` re-wraps its whole text at every layout: a replay that redraws a thinking
block of a few thousand words 30 times a second spent most of each frame wrapping lines
that had not changed (issue 5: 50-100 ms a frame on the grok thinking stream). Text that
only grows keeps the wrapping of every paragraph before its last one, so
`GrowingText.update` re-wraps from the start of the last paragraph when the new text extends
the old, and everything at a new width or when the text was replaced. (Not from the last
line: Rich folds a word longer than the width differently when wrapping starts mid-word.)
"""

from __future__ import annotations

from bisect import bisect_left

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.segment import Segment
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


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


class GrowingText(Widget):
    """`GrowingText(text)`; `update(text)` as it grows. Styled by CSS like a `Static`."""

    DEFAULT_CSS = """
    GrowingText { height: auto; }
    """

    def __init__(self, text: str = "", *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._text = text
        self._width = -1
        """The width `_lines` were wrapped at (-1: not wrapped yet)."""
        self._starts: list[int] = []
        self._lines: list[str] = []

    @property
    def text(self) -> str:
        return self._text

    def update(self, text: str) -> None:
        if text == self._text:
            return
        old = self._text
        self._text = text
        if text.startswith(old) and self._width > 0 and self._starts:
            height = len(self._lines)
            paragraph = old.rfind("\n") + 1
            first = bisect_left(self._starts, paragraph)
            starts, lines = wrap_lines(text, self._width, paragraph)
            self._starts[first:], self._lines[first:] = starts, lines
            # Most chunks of a stream only lengthen the last line: same height, so only this
            # widget is repainted. A layout would re-measure the whole detail pane (issue 5).
            self.refresh(layout=len(self._lines) != height)
        else:
            self._width = -1
            self.refresh(layout=True)

    def _wrapped(self, width: int) -> list[str]:
        if width != self._width:
            self._width = width
            self._starts, self._lines = wrap_lines(self._text, width)
        return self._lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((cell_len(line) for line in self._text.split("\n")), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width)) if width > 0 else 0

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        style = self.visual_style.rich_style
        lines = self._wrapped(width)
        if not 0 <= y < len(lines):
            return Strip.blank(width, style)
        return Strip([Segment(lines[y], style)])  # padded to the width by Textual, as a Static is
