"""A text part of a message: plain text while it streams, Markdown at rest. One widget.

It used to hold a plain `GrowingText` and, once at rest, Textual's `Markdown` widget: a
container, a document and a widget per paragraph, mounted after the frame that showed the
plain text and swapped in a few frames later. A key press onto a response paid for that
mount inside its frame (~10 ms) and for the layout of every block.

Here the Markdown is rendered by Rich into lines (`markdown_lines`), kept per width
(`RenderedMarkdown`, which the thinking view uses too), and drawn through the Line API like
the plain text. A short text is rendered when first laid out; a long one in a thread, the
plain text shown until its lines are in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from rich.console import Console, ConsoleOptions
from rich.markdown import Markdown
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from tui_replay.model import TextPart
from tui_replay.ui.widgets.growing_text import STREAM_GROW_LINES, GrowingText

RENDER_NOW_CHARS = 2_000
"""Markdown this long or shorter is rendered on the UI thread when laid out (~5 ms at most
on this machine); a longer text in a thread."""


@lru_cache(maxsize=256)
def markdown(text: str) -> Markdown:
    """Parsed once per text: the next turn's history repeats this one's messages."""
    return Markdown(text, code_theme="ansi_dark", hyperlinks=False)


def markdown_lines(console: Console, options: ConsoleOptions, text: str, style: Style) -> list[Strip]:
    """`text` as Markdown, rendered by Rich at `options.max_width` over `style`, without the
    blank cells Rich pads each paragraph's lines with (Textual fills the rest of the line)."""
    rendered = console.render_lines(markdown(text), options, style=style, pad=False, new_lines=False)
    return [Strip(trim_end(line, style)) for line in rendered]


MarkdownJob = tuple[str, int, Style]
"""(text, width, base style)"""


def render_in_thread(widget: Widget, job: MarkdownJob, done: Callable[[list[Strip]], None]) -> None:
    """Render `job`'s Markdown in a worker thread of `widget`; `done(lines)` on the UI thread."""
    text, width, style = job
    app = widget.app
    console = app.console
    options = console.options.update(width=width, height=None, highlight=False, markup=False)

    def render() -> None:
        lines = markdown_lines(console, options, text, style)
        app.call_from_thread(done, lines)

    widget.run_worker(render, thread=True, group="markdown", exit_on_error=False)


class PrerenderedLines:
    """Lines already rendered (Markdown from a thread), as a Rich renderable of the same width."""

    def __init__(self, lines: list[Strip]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for line in self.lines:
            yield from line
            yield Segment.line()


def trim_end(line: list[Segment], base: Style) -> list[Segment]:
    """`line` less its trailing spaces that draw nothing over `base` (the widget's style):
    Rich pads lines to the width, and Textual fills the rest of a line anyway. (A screenshot
    of a padded line is one text element stretched over the width, which SVG viewers draw
    with the words misplaced.)"""
    end = len(line)
    while end:
        segment = line[end - 1]
        style = segment.style
        if segment.control or (
            style is not None and (style.bgcolor != base.bgcolor or style.underline or style.reverse)
        ):
            break
        kept = segment.text.rstrip(" ")
        if kept:
            line = [*line[: end - 1], Segment(kept, style)]
            break
        end -= 1
        line = line[:end]
    return line


class RenderedMarkdown:
    """One widget's text as Markdown lines, by (width, base style), the last two kept. A short
    text is rendered when asked for; a long one in a thread (None until its lines are in, then
    the widget is laid out again)."""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._text = ""
        self._lines: dict[tuple[int, Style], list[Strip]] = {}
        self._rendering: MarkdownJob | None = None
        """What a thread is rendering now."""

    def lines(self, text: str, width: int, style: Style) -> list[Strip] | None:
        if text != self._text:
            self._text = text
            self._lines.clear()
        lines = self._lines.get((width, style))
        if lines is not None:
            return lines
        if len(text) > RENDER_NOW_CHARS:
            self._render_in_thread((text, width, style))
            return None
        console = self._widget.app.console
        options = console.options.update(width=width, height=None, highlight=False, markup=False)
        lines = markdown_lines(console, options, text, style)
        self._keep((width, style), lines)
        return lines

    def _keep(self, key: tuple[int, Style], lines: list[Strip]) -> None:
        if len(self._lines) >= 2:
            del self._lines[next(iter(self._lines))]
        self._lines[key] = lines

    def _render_in_thread(self, job: MarkdownJob) -> None:
        if self._rendering == job:
            return
        self._rendering = job
        render_in_thread(self._widget, job, lambda lines: self._rendered_in_thread(job, lines))

    def _rendered_in_thread(self, job: MarkdownJob, lines: list[Strip]) -> None:
        if self._rendering == job:
            self._rendering = None
        if job[0] != self._text:
            return  # the text changed meanwhile
        self._keep((job[1], job[2]), lines)
        self._widget.refresh(layout=True)


class TextPartView(GrowingText):
    """`TextPartView(part, streaming)`; `set_part(part, streaming)`."""

    DEFAULT_CSS = """
    TextPartView { height: auto; padding: 0 1; }
    """

    def __init__(self, part: TextPart, streaming: bool) -> None:
        super().__init__(part.text)
        self._streaming = streaming
        self._grow_step = STREAM_GROW_LINES if streaming else 1
        self._markdown = RenderedMarkdown(self)
        """Its Markdown lines at rest."""

    @property
    def streaming(self) -> bool:
        return self._streaming

    def set_part(self, part: TextPart, streaming: bool) -> None:
        if part.text == self.text and streaming == self._streaming:
            return
        if streaming != self._streaming:
            self._streaming = streaming
            self.refresh(layout=True)
        self.update(part.text)
        self.grow_by(STREAM_GROW_LINES if streaming else 1)

    def markdown_shown(self, width: int | None = None) -> bool:
        """At rest with its Markdown lines in, for `width` (the widget's own by default)."""
        width = self.content_region.width if width is None else width
        return not self._streaming and self._markdown_for(width) is not None

    def _markdown_for(self, width: int) -> list[Strip] | None:
        if self._streaming or width <= 0:
            return None
        return self._markdown.lines(self.text, width, self.visual_style.rich_style)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        lines = self._markdown_for(width)
        if lines is None:
            return super().get_content_height(container, viewport, width)
        return len(lines)

    def _content_line(self, y: int) -> Strip:
        width = self.content_region.width
        lines = self._markdown_for(width)
        if lines is None:
            return super()._content_line(y)
        if not 0 <= y < len(lines):
            return Strip.blank(width, self.visual_style.rich_style)
        return lines[y]
