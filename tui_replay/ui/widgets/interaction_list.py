"""The opened cassette's timeline: one two-line entry per interaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_replay.ui.glyphs import SESSION_DROPPED, SESSION_RESUMED
from tui_replay.ui.legible_marks import Colours, LegibleContent
from tui_replay.ui.legible_marks import paint as paint_mark
from tui_replay.ui.rows import TimelineRow, format_duration
from tui_replay.ui.textual_internals import replace_prompts

if TYPE_CHECKING:
    from tui_replay.analysis.cassette import Cassette

SESSION_GLYPHS = {"resumed": SESSION_RESUMED, "dropped": SESSION_DROPPED}
"""A realtime session resumed at this turn / dropped after it; the problems say more."""


def session_glyphs(session: str) -> str:
    return "".join(glyph for mark, glyph in SESSION_GLYPHS.items() if mark in session)


ROW_COLOURS = ("$text-error", "$text-success", "$text-warning", "$text-accent", "$text-muted")
"""The theme colours a row's marks are drawn in: Textual's readable variants of `$error`..."""


def row_prompt(row: TimelineRow, colours: Colours | None = None) -> Content:
    """Status coloured from the theme, turn/attempt, duration, stream and problem marks.

    `colours`: what each of `ROW_COLOURS` is drawn as instead (`RowPrompt` makes them legible
    on the row's background)."""

    def paint(name: str, bold: bool = False) -> str | Style:
        return paint_mark(name, colours, bold=bold)

    status = str(row.status) if row.status is not None else "---"
    if row.is_error:
        status_style = paint("$text-error", bold=True)
    elif row.status is not None and row.status < 300:
        status_style = paint("$text-success", bold=True)
    else:
        status_style = paint("$text-warning", bold=True)
    line1 = Content.assemble(
        (f"#{row.index:<3}", paint("$text-muted")),
        " ",
        (status, status_style),
        f" {format_duration(row.duration_ms):>7}",
        ("  stream" if row.streamed else "", paint("$text-accent")),
    )
    line2 = Content(f"  {row.turn_label}")  # turn 0 (still being numbered) reads "turn …"
    if row.problems:
        worst = {"error": "$text-error", "warning": "$text-warning"}.get(row.worst or "")
        mark_style = paint(worst, bold=True) if worst else paint("$text-muted")
        line2 = Content.assemble(line2, (f"  !{row.problems}", mark_style))
    if row.session:
        # one glyph each: the timeline is ~30 cells wide and a word wrapped the row
        glyphs = f" {session_glyphs(row.session)}"
        line2 = Content.assemble(line2, (glyphs, paint("$text-warning", bold=True)))
    return Content("\n").join([line1, line2])


def prompt_width(row: TimelineRow) -> int:
    """The width of `row_prompt(row)`'s longer line, counted rather than formatted: 5,000
    rows are measured when a big cassette opens."""
    status = len(str(row.status)) if row.status is not None else 3
    line1 = 1 + max(3, len(str(row.index))) + 1 + status + 1 + max(7, len(format_duration(row.duration_ms)))
    line1 += 8 * row.streamed
    turn = len(str(row.turn)) if row.turn else 1
    if row.poll:
        line2 = 16 + turn + len(str(row.poll)) + len(str(row.polls))  # "  turn T · poll P/N"
    else:
        line2 = 19 + turn + len(str(row.attempt)) + len(str(row.attempts))  # "  turn T · attempt A/N"
    if row.problems:
        line2 += 3 + len(str(row.problems))
    if row.session:
        line2 += 1 + len(session_glyphs(row.session))
    return max(line1, line2)


class RowPrompt(Visual):
    """A row's prompt, built when first drawn, with its height known without wrapping it.

    OptionList measures every option on each layout pass; for the 5,000 rows of a big
    cassette, building and wrapping every row's Content took ~1 s a pass. The
    lines are single-cell characters, so their widths are their lengths.
    """

    def __init__(self, row: TimelineRow) -> None:
        self.row = row
        self._content: Content | None = None
        self._painted: LegibleContent | None = None
        self._widest = prompt_width(row)

    @property
    def content(self) -> Content:
        if self._content is None:
            self._content = row_prompt(self.row)
        return self._content

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if self._painted is None:  # when first drawn: a big cassette has 5,000 rows
            self._painted = LegibleContent(lambda colours: row_prompt(self.row, colours), ROW_COLOURS)
        # each mark legible on the background it is drawn on: the timeline's `$surface`,
        # the selected row's cursor colour, the hovered row's
        return self._painted.on(style, options).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._widest

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 2 if self._widest <= width else self.content.get_height(rules, width)


class InteractionList(OptionList, inherit_bindings=False):
    """Interactions as a timeline; the highlighted entry is the selection.

    OptionList's home/end/page keys are left out: from the timeline they scroll the
    interaction shown (the cassette screen's bindings); `g`/`G` go to the first and last.
    """

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False, id="list.down-arrow"),
        Binding("up", "cursor_up", "Up", show=False, id="list.up-arrow"),
        Binding("enter", "select", "Select", show=False, id="list.select"),
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    DEFAULT_CSS = """
    InteractionList { width: 1fr; height: auto; max-height: 100%; border: none; }
    InteractionList:focus { border: none; }
    """
    # As tall as its entries, in a column that draws the separator (`TimelineColumn`): every
    # line of an OptionList costs ~0.1 ms to paint, blank or not, and it is painted two or
    # three times a key press. Full height, a 2-interaction timeline cost a press ~8 ms of
    # blank lines.

    def on_focus(self) -> None:
        if self.parent is not None:
            self.parent.set_class(True, "-focused")

    def on_blur(self) -> None:
        if self.parent is not None:
            self.parent.set_class(False, "-focused")

    def __init__(self, rows: list[TimelineRow], *, id: str | None = None) -> None:  # noqa: A002
        self.rows = rows
        super().__init__(*[Option(RowPrompt(row), id=f"i{row.index}") for row in rows], id=id)

    def append_rows(self, rows: list[TimelineRow]) -> None:
        """More rows after the last (a big cassette's, counted once its screen is up)."""
        self.rows.extend(rows)
        self.add_options([Option(RowPrompt(row), id=f"i{row.index}") for row in rows])

    def update_rows(self, rows: list[TimelineRow]) -> None:
        """Show changed rows (all of a 5,000-row timeline at once): one cache clear, one refresh."""
        changed = [row for row in rows if row != self.rows[row.index]]
        for row in changed:
            self.rows[row.index] = row
        replace_prompts(self, [(row.index, RowPrompt(row)) for row in changed])

    # -- a big cassette's rows, made off the UI thread once its first interaction is drawn --

    @work(thread=True, exclusive=True, exit_on_error=False, group="count")
    def count_rest(self, cassette: Cassette, then: Callable[[list[TimelineRow], str | None], None]) -> None:
        """Rows for the interactions after the listed ones; `then(rows, problem)` on the UI
        thread (no rows and why, when the file cannot be read that far)."""
        from textual.worker import get_current_worker

        from tui_replay.formats.errors import CassetteError
        from tui_replay.ui.quick_rows import rows_after

        worker = get_current_worker()
        try:
            rows = rows_after(cassette, len(self.rows), lambda: worker.is_cancelled)
        except CassetteError as exc:  # e.g. the file changed since it was opened
            self.app.call_from_thread(then, [], str(exc))
            return
        except Exception as exc:  # a decoder bug must not leave the timeline counting for ever
            self.app.call_from_thread(then, [], f"{type(exc).__name__}: {exc}")
            return
        if rows is not None:
            self.app.call_from_thread(then, rows, None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="turns")
    def number_turns(self, cassette: Cassette, then: Callable[[list[TimelineRow]], None]) -> None:
        """The rows with their turn numbers (no parse for healthy streams); `then(rows)` on the
        UI thread."""
        from textual.worker import get_current_worker

        from tui_replay.ui.quick_rows import numbered

        worker = get_current_worker()
        turns = cassette.turn_index
        if not turns.scan(lambda: worker.is_cancelled):
            return
        rows = [numbered(row, turns.info(row.index)) for row in self.rows]
        self.app.call_from_thread(then, rows)
