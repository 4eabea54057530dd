"""Mouse selection and copy (`ctrl+c`) for widgets that draw through the Line API.

Textual selects text by reading, at the cell under the mouse, the offset each segment of a
line carries (`Strip.apply_offsets`), and copies by asking each selected widget for its text
(`Widget.get_selection`). Its own implementation of both goes through `Widget.render()`,
which a Line-API widget does not use. A widget drawn line by line (`SelectableLines` in its
bases) passes each line through `selectable_line` and answers `get_selection` with
`selected_text`, as Textual's own `Log` does.

Offsets count characters along a line (what `Strip.apply_offsets` counts), so the copied
text is the drawn line's `Strip.text` cut at the same indices.

The offsets are only given to the lines Textual asks for to find what is under the mouse
(`render_line` called on its own), not to the lines it paints (through `render_lines`):
a style carrying an offset is a new style for every segment, which the colour filters and
the terminal output cannot cache, and a key press that showed a new interaction paid ~2 ms
for them (the key bench, offsets against none, paired presses).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:  # a mixin put before a Widget in the bases: typed as one, without being one
    _Mixin = Widget
else:
    _Mixin = object


class SelectableLines(_Mixin):
    """For a widget drawn through the Line API: its `render_line` returns
    `self.selectable_line(strip, y)`, and its `get_selection` answers with `selected_text`."""

    _painting = False
    """Inside `render_lines`: Textual is painting, not looking for what is under the mouse."""

    def render_lines(self, crop: Region) -> list[Strip]:
        self._painting = True
        try:
            return super().render_lines(crop)
        finally:
            self._painting = False

    def selectable_line(self, strip: Strip, y: int) -> Strip:
        """`strip`, line `y` of the content (0 at its first line, scrolled or not): its selected
        part, if any, in the screen's selection style; when not painted, with the character
        offsets a mouse press or drag reads."""
        selection = self.text_selection
        if selection is not None:
            span = selection.get_span(y)
            if span is not None:
                strip = highlighted(strip, span, selection_style(self))
        return strip if self._painting else strip.apply_offsets(0, y)


def selection_style(widget: Widget) -> Style:
    """The screen's selection style (`screen--selection`) over `widget`: its translucent
    background blended over the widget's, and the text keeping its own colour where the theme
    gives none. (`Widget.selection_style` flattens the theme's transparent text colour into the
    background colour: the selected text would be drawn invisible.)"""
    selection = widget.screen.get_component_styles("screen--selection")
    _, background = widget.background_colors
    chosen = background + selection.background
    color = selection.color
    return Style(bgcolor=chosen.rich_color, color=None if color.a == 0 else (chosen + color).rich_color)


def highlighted(strip: Strip, span: tuple[int, int], style: Style) -> Strip:
    """`strip` with the characters `span` (start, end; end -1: to the end) drawn over in `style`."""
    text = strip.text
    start, end = span
    end = len(text) if end == -1 else min(end, len(text))
    if start >= end:
        return strip
    left, right = cell_len(text[:start]), cell_len(text[:end])
    chosen = strip.crop(left, right)
    chosen = Strip(Segment.apply_style(chosen, post_style=style), chosen.cell_length)
    return Strip.join([strip.crop(0, left), chosen, strip.crop(right, strip.cell_length)])


def selected_text(selection: Selection, line_count: int, line_text: Callable[[int], str]) -> tuple[str, str]:
    """What `Widget.get_selection` answers: the text under `selection` among `line_count`
    lines, `line_text(y)` being line y as drawn. Only the lines selected are asked for (a
    diff can be 20,000 lines). Trailing spaces (padding to the width) are left out.

    The lines are cut as `Selection.extract` cuts them, but kept as a list: `extract` splits
    one string with `str.splitlines`, which also breaks at characters a provider's text may
    hold (form feed, U+2028...), and would shift every line after one of them."""
    if line_count <= 0:
        return "", "\n"
    first, first_x = (0, 0) if selection.start is None else (selection.start.y, selection.start.x)
    if selection.end is None:
        last, last_x = line_count - 1, None
    else:
        last, last_x = selection.end.y, selection.end.x
        if last >= line_count:  # below the last line: to its end
            last, last_x = line_count - 1, None
    if first >= line_count or first > last:
        return "", "\n"
    lines = [line_text(y).rstrip() for y in range(first, last + 1)]
    if len(lines) == 1:
        return lines[0][first_x:last_x], "\n"
    lines[0] = lines[0][first_x:]
    lines[-1] = lines[-1][:last_x]
    return "\n".join(lines), "\n"
