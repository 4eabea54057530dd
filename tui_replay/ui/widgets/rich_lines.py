"""A Rich `Text` drawn through Textual's Line API: rendered by Rich once per width and style.

A `Static` turns its text into Textual `Content` and, at every fresh render, gives each
coloured span its own style object carrying a selection offset, which nothing can cache:
~50 µs a span on this machine. A highlighted JSON card of 16 lines took 7.6 ms to draw
fresh, the slowest part of the key press that showed it. Rendered by Rich, spans
share their styles, and Textual's colour filter finds them in its cache.

Its lines can be selected with the mouse and copied (`line_selection`).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from tui_replay.ui.line_selection import SelectableLines, selected_text
from tui_replay.ui.textual_internals import SingleLayout


class RichLines(SingleLayout, SelectableLines, Widget):
    """`RichLines(text)`; `update(text)`: a Rich `Text` or any Rich renderable. Styled by CSS
    like a `Static` (padding, border, colour)."""

    DEFAULT_CSS = """
    RichLines { height: auto; }
    """

    def __init__(
        self,
        text: RenderableType | None = None,
        *,
        classes: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own name
    ) -> None:
        super().__init__(classes=classes, id=id)
        self._renderable: RenderableType = text if text is not None else Text()
        self._rendered: dict[tuple[int, Style], list[Strip]] = {}
        """Lines by (width, base style), for the last two asked for (a scrolling container
        measures its content at two widths)."""

    @property
    def renderable(self) -> RenderableType:
        return self._renderable

    def update(self, text: RenderableType, *, layout: bool = True) -> None:
        self._renderable = text
        self.redraw(layout=layout)

    def redraw(self, *, layout: bool = True) -> None:
        """Forget the lines drawn: what they show has changed."""
        self._rendered.clear()
        self.refresh(layout=layout)

    def _lines(self, width: int) -> list[Strip]:
        style = self.visual_style.rich_style
        key = (width, style)
        lines = self._rendered.get(key)
        if lines is None:
            if len(self._rendered) >= 2:
                del self._rendered[next(iter(self._rendered))]
            lines = self._rendered[key] = self._draw_lines(width, style)
        return lines

    def _draw_lines(self, width: int, style: Style) -> list[Strip]:
        """The lines at `width` over the base `style` (kept by `_lines`)."""
        console = self.app.console
        options = console.options.update(width=width, height=None, highlight=False, markup=False)
        rendered = console.render_lines(self._renderable, options, style=style, pad=False, new_lines=False)
        return [Strip(line) for line in rendered]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        console = self.app.console
        options = console.options.update(width=container.width, height=None)
        return Measurement.get(console, options, self._renderable).maximum

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width)) if width > 0 else 0

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        lines = self._lines(width) if width > 0 else []
        if not 0 <= y < len(lines):
            return Strip.blank(width, self.visual_style.rich_style)
        return self.selectable_line(lines[y], y)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        width = self.content_region.width
        lines = self._lines(width) if width > 0 else []
        return selected_text(selection, len(lines), lambda y: lines[y].text)
