"""Two exchanges compared: coloured, side by side when wide, unified when narrow.

The diff itself (`tui_replay.analysis.diff`) is plain data; this widget only
lays it out. It is a line-API `ScrollView`: lines are wrapped to the width
once per resize and drawn on demand, so a 20,000-line diff scrolls as fast as
a short one. Big inputs are diffed in a thread worker while a loading
indicator shows; small ones at once (so tests and snapshots see them at once).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.geometry import Size
from textual.message import Message as TextualMessage
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.worker import get_current_worker

from tui_replay.analysis.diff import ExchangeDiff, SectionDiff, describe_response, diff_exchanges
from tui_replay.model import Exchange
from tui_replay.ui.glyphs import FOLDED
from tui_replay.ui.line_selection import SelectableLines, selected_text

SIDE_BY_SIDE_MIN_WIDTH = 100
"""Pane width (cells) from which the two sides are drawn next to each other."""
SYNC_LIMIT_BYTES = 64 * 1024
"""Bodies larger than this (both sides together) are diffed in a worker."""

_SIGN = {"equal": " ", "insert": "+", "delete": "-", "replace": "~", "fold": "…"}


@dataclass(frozen=True)
class _Line:
    """One screen line: `kind` picks the layout, the rest is what it shows."""

    kind: str  # note | summary | section | columns | side | unified | fold
    text: str = ""
    left_no: int | None = None
    right_no: int | None = None
    right: str = ""
    left_tag: str = "equal"
    right_tag: str = "equal"


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap `text` to `width` cells (at least one line, even when empty)."""
    text = text.replace("\t", "    ")
    width = max(1, width)
    if not text:
        return [""]
    if text.isascii():
        return [text[i : i + width] for i in range(0, len(text), width)]
    return chop_cells(text, width) or [""]


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


class DiffPane(SelectableLines, ScrollView, can_focus=True):
    """The request and response of two exchanges, compared line by line."""

    COMPONENT_CLASSES = {
        "diff-pane--insert",
        "diff-pane--delete",
        "diff-pane--lineno",
        "diff-pane--section",
        "diff-pane--summary",
        "diff-pane--fold",
        "diff-pane--note",
        "diff-pane--columns",
        "diff-pane--plain",
    }

    DEFAULT_CSS = """
    DiffPane {
        height: 1fr;
        border: round $primary 50%;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        background: $surface;
    }
    DiffPane:focus { border: round $primary; }
    /* nothing to compare: one line says so (an empty bordered pane took 8) */
    DiffPane.-nothing { height: 1; border: none; padding: 0 1; }
    DiffPane > .diff-pane--insert { background: $success 25%; }
    DiffPane > .diff-pane--delete { background: $error 25%; }
    DiffPane > .diff-pane--lineno { color: $text-muted; }
    DiffPane > .diff-pane--section { background: $boost; color: $primary; text-style: bold; }
    DiffPane > .diff-pane--summary { text-style: bold; }
    DiffPane > .diff-pane--fold { color: $text-muted; text-style: italic; }
    DiffPane > .diff-pane--note { color: $text-muted; }
    DiffPane > .diff-pane--columns { color: $text-muted; text-style: underline; }
    """

    class Computed(TextualMessage):
        """A diff is on screen (sent after each `show` once the diff is ready)."""

        def __init__(self, pane: DiffPane, diff: ExchangeDiff | None) -> None:
            super().__init__()
            self.pane = pane
            self.diff = diff

        @property
        def control(self) -> DiffPane:
            return self.pane

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.left: Exchange | None = None
        self.right: Exchange | None = None
        self.diff: ExchangeDiff | None = None
        self.note = "nothing to compare"
        self._generation = 0
        self._lines: list[_Line] = []
        self._layout_width = -1
        self._strips: dict[int, Strip] = {}
        self._digit_count = 3
        self._styles: dict[str, Style] = {}

    # -- input ----------------------------------------------------------------

    @property
    def side_by_side(self) -> bool:
        return self.scrollable_content_region.width >= SIDE_BY_SIDE_MIN_WIDTH

    def show(self, left: Exchange | None, right: Exchange | None, title: str = "") -> None:
        """Compare `left` with `right`; with either missing, say in one line (`title` and
        that there is nothing to compare)."""
        self._generation += 1
        self.left, self.right, self.diff = left, right, None
        self.border_title = title
        self.set_class(left is None or right is None, "-nothing")
        if left is None or right is None:
            self.loading = False
            self.note = f"diff: {title} · nothing to compare" if title else "diff: nothing to compare"
            self._relayout()
            self.post_message(self.Computed(self, None))
            return
        size = sum(len(b) for e in (left, right) for b in (e.raw.request_body, e.raw.response_body))
        if size <= SYNC_LIMIT_BYTES:
            self._set_diff(diff_exchanges(left, right), self._generation)
            return
        self.note = f"comparing {size / 1024:.0f} KB…"
        self._relayout()
        self.loading = True
        self._compute(left, right, self._generation)

    @work(thread=True, exclusive=True, group="diff-pane", exit_on_error=False)
    def _compute(self, left: Exchange, right: Exchange, generation: int) -> None:
        diff = diff_exchanges(left, right)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._set_diff, diff, generation)

    def _set_diff(self, diff: ExchangeDiff, generation: int) -> None:
        if generation != self._generation:
            return  # a newer `show` came first
        self.diff = diff
        self.loading = False
        self._relayout()
        self.post_message(self.Computed(self, diff))

    # -- layout ----------------------------------------------------------------

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._layout_width:
            self._relayout()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        self._layout_width = width
        self._strips.clear()
        self._lines = self._build_lines(width)
        self.set_class(self.side_by_side, "-side-by-side")
        self.border_subtitle = (
            "" if self.diff is None else ("side by side" if self.side_by_side else "unified")
        )
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def _build_lines(self, width: int) -> list[_Line]:
        diff = self.diff
        if diff is None or self.left is None or self.right is None:
            return [_Line("note", self.note)]
        lines = [_Line("summary", part) for part in wrap(diff.summary, width)]
        left_label = f"#{self.left.index} · {describe_response(self.left)}"
        right_label = f"#{self.right.index} · {describe_response(self.right)}"
        numbers = max(
            (n for s in diff.sections for r in s.rows for n in (r.left_no, r.right_no) if n is not None),
            default=0,
        )
        digits = self._digit_count = max(3, len(str(numbers)))
        side = width >= SIDE_BY_SIDE_MIN_WIDTH
        if side:
            lines.append(_Line("columns", left_label, right=right_label))
        else:
            lines.append(_Line("columns", f"--- {left_label}"))
            lines.append(_Line("columns", f"+++ {right_label}"))
        for section in diff.sections:
            lines.append(_Line("section", self._section_title(section)))
            if side:
                lines.extend(self._side_lines(section, width, digits))
            else:
                lines.extend(self._unified_lines(section, width, digits))
        return lines

    @staticmethod
    def _section_title(section: SectionDiff) -> str:
        if section.identical:
            return f"{section.name} · identical"
        cut = " · cut" if section.truncated else ""
        return f"{section.name} · +{section.added} −{section.removed}{cut}"

    @staticmethod
    def _side_lines(section: SectionDiff, width: int, digits: int) -> list[_Line]:
        half = (width - 1) // 2
        text_width = max(1, half - digits - 3)
        out: list[_Line] = []
        for row in section.rows:
            if row.tag == "fold":
                out.append(_Line("fold", f"{FOLDED} {row.folded} unchanged lines"))
                continue
            left_tag = "equal" if row.tag == "equal" else ("delete" if row.left is not None else "empty")
            right_tag = "equal" if row.tag == "equal" else ("insert" if row.right is not None else "empty")
            left_parts = wrap(row.left, text_width) if row.left is not None else [""]
            right_parts = wrap(row.right, text_width) if row.right is not None else [""]
            for k in range(max(len(left_parts), len(right_parts))):
                out.append(
                    _Line(
                        "side",
                        left_parts[k] if k < len(left_parts) else "",
                        row.left_no if k == 0 else None,
                        row.right_no if k == 0 else None,
                        right_parts[k] if k < len(right_parts) else "",
                        left_tag if k < len(left_parts) else ("empty" if row.left is None else left_tag),
                        right_tag,
                    )
                )
        return out

    @staticmethod
    def _unified_lines(section: SectionDiff, width: int, digits: int) -> list[_Line]:
        text_width = max(1, width - 2 * digits - 4)
        out: list[_Line] = []
        for line in section.unified():
            if line.sign == "…":
                out.append(_Line("fold", f"{FOLDED} {line.text}"))
                continue
            tag = {"-": "delete", "+": "insert"}.get(line.sign, "equal")
            for k, chunk in enumerate(wrap(line.text, text_width)):
                first = k == 0
                out.append(
                    _Line(
                        "unified",
                        chunk,
                        line.left_no if first else None,
                        line.right_no if first else None,
                        line.sign if first else " ",
                        tag,
                    )
                )
        return out

    # -- drawing -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if not 0 <= index < len(self._lines):
            return Strip.blank(self.scrollable_content_region.width, self._style("plain"))
        return self.selectable_line(self._diff_line(index), index)

    def _diff_line(self, index: int) -> Strip:
        """Line `index` of the diff (from its top, not the screen's), drawn and kept."""
        strip = self._strips.get(index)
        if strip is None:
            strip = self._draw_line(self._lines[index], self.scrollable_content_region.width)
            if len(self._strips) > 2000:
                self._strips.clear()
            self._strips[index] = strip
        return strip

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selected_text(selection, len(self._lines), lambda index: self._diff_line(index).text)

    def _style(self, name: str) -> Style:
        """A component's style with translucent theme colours ($success 25%) blended over the pane."""
        style = self._styles.get(name)
        if style is None:
            component = self.get_component_styles(f"diff-pane--{name}")
            _, base = self.background_colors
            background = base + component.background if component.has_rule("background") else base
            color = (
                background + component.color
                if component.has_rule("color")
                else background + self.styles.color
            )
            style = Style(color=color.rich_color, bgcolor=background.rich_color)
            if component.has_rule("text_style"):
                style += component.text_style
            self._styles[name] = style
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._strips.clear()
        super().notify_style_update()

    def _draw_line(self, line: _Line, width: int) -> Strip:
        base = self._style("lineno")
        if line.kind in ("note", "summary", "section", "fold"):
            segments = [Segment(pad(" " + line.text, width), self._style(line.kind))]
        elif line.kind == "columns":
            if line.right:
                half = (width - 1) // 2
                style = self._style("columns")
                segments = [
                    Segment(pad(" " + line.text, half)[:half], style),
                    Segment("│", base),
                    Segment(pad(" " + line.right, width - half - 1), style),
                ]
            else:
                segments = [Segment(pad(" " + line.text, width), self._style("columns"))]
        elif line.kind == "side":
            segments = self._side_segments(line, width)
        else:
            segments = self._unified_segments(line, width)
        return Strip(segments, width).crop(0, width)

    def _number(self, number: int | None, digits: int) -> str:
        return f"{number:>{digits}}" if number is not None else " " * digits

    def _tag_style(self, tag: str) -> Style:
        return self._style(tag if tag in ("insert", "delete") else "plain")

    def _side_segments(self, line: _Line, width: int) -> list[Segment]:
        digits = self._digit_count
        half = (width - 1) // 2
        right_half = width - half - 1
        lineno = self._style("lineno")
        out: list[Segment] = []
        for number, text, tag, room in (
            (line.left_no, line.text, line.left_tag, half),
            (line.right_no, line.right, line.right_tag, right_half),
        ):
            style = self._tag_style(tag)
            sign = {"delete": "-", "insert": "+"}.get(tag, " ") if number is not None else " "
            muted = style + Style(color=lineno.color)
            out.append(Segment(self._number(number, digits), muted))
            out.append(Segment(f" {sign} ", style))
            out.append(Segment(pad(text, room - digits - 3), style))
            if room == half:
                out.append(Segment("│", self._style("lineno")))
        return out

    def _unified_segments(self, line: _Line, width: int) -> list[Segment]:
        digits = self._digit_count
        style = self._tag_style(line.left_tag)
        lineno = self._style("lineno")
        numbers = f"{self._number(line.left_no, digits)} {self._number(line.right_no, digits)}"
        return [
            Segment(numbers, style + Style(color=lineno.color)),
            Segment(f" {line.right or ' '} ", style),
            Segment(pad(line.text, width - 2 * digits - 4), style),
        ]
