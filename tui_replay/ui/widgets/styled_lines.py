"""A few lines of text whose spans take theme colours by name, drawn as Rich lines.

The request summary, its problems and the response header are redrawn at every key press.
As `Static`s they were the costliest lines of the detail pane to draw: a `Static` turns its
text into Textual `Content` and styles each span afresh at every render, ~0.3 ms a line on
this machine, ~2 ms a press. Here the spans are styled once per change and the
lines rendered by Rich once per width (`RichLines`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui_replay.analysis.request_params import SEPARATOR, pack_items
from tui_replay.ui.widgets.rich_lines import RichLines

Span = tuple[str, str]
"""(text, style): the style is "" or names among bold, muted, error, success, space-separated."""

_ROLES = ("muted", "error", "success")


class PackedItems:
    """Short items (`temperature 0.2`) as many to a line as the width takes, joined by " · ",
    laid out again at each width: an item moves to the next line whole instead of being cut
    at the edge; one wider than the line is wrapped by Rich, so all of it stays readable."""

    def __init__(self, items: Sequence[str]) -> None:
        self.items = tuple(items)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in pack_items(self.items, options.max_width):
            yield Text(line)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((len(item) for item in self.items), default=0)
        return Measurement(min(widest, options.max_width), len(SEPARATOR.join(self.items)))


class StyledLines(RichLines):
    """`StyledLines(id=...)`; `show([[("#3", "bold"), ("  turn 2", "")], [(url, "muted")]])`,
    and short items to pack a few to a line after them: `show(lines, ["model x", "seed 1"])`."""

    COMPONENT_CLASSES = {f"styled-lines--{role}" for role in _ROLES}

    DEFAULT_CSS = """
    StyledLines { height: auto; }
    StyledLines > .styled-lines--muted { color: $text-muted; }
    StyledLines > .styled-lines--error { color: $text-error; }
    StyledLines > .styled-lines--success { color: $text-success; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own name
        super().__init__(id=id)
        self._spans: list[list[Span]] = []
        self._packed: tuple[str, ...] = ()
        self._styled = True
        """The Rich text is up to date with the spans and the theme."""

    @property
    def plain(self) -> str:
        """The lines as plain text."""
        lines = ["".join(text for text, _ in line) for line in self._spans]
        if self._packed:
            lines.append(SEPARATOR.join(self._packed))
        return "\n".join(lines)

    def show(self, lines: list[list[Span]], packed: Sequence[str] = ()) -> None:
        """`lines` of spans, then the `packed` items as many to a line as fit (`PackedItems`)."""
        if lines == self._spans and tuple(packed) == self._packed:
            return
        self._spans = lines
        self._packed = tuple(packed)
        self._styled = False
        self.redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styled = False  # the theme changed: the spans' colours with it
        self._rendered.clear()

    def _style(self, names: str) -> Style:
        style = Style()
        for name in names.split():
            if name == "bold":
                style += Style(bold=True)
            elif name in _ROLES:
                # its colour only, blended over the background as the theme means it
                style += Style(color=self.get_component_rich_style(f"styled-lines--{name}").color)
        return style

    def _draw_lines(self, width: int, style: Style) -> list[Strip]:
        if not self._styled:
            text = Text()
            for number, line in enumerate(self._spans):
                if number:
                    text.append("\n")
                for chunk, names in line:
                    text.append(chunk, self._style(names) if names else None)
            if self._packed:
                self._renderable = (
                    Group(text, PackedItems(self._packed)) if self._spans else PackedItems(self._packed)
                )
            else:
                self._renderable = text
            self._styled = True
        return super()._draw_lines(width, style)
