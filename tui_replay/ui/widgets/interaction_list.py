"""The opened cassette's timeline: one two-line entry per interaction."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_replay.ui.rows import TimelineRow, format_duration


def row_prompt(row: TimelineRow) -> Content:
    """Status coloured from the theme, turn/attempt, duration, stream and problem marks."""
    status = str(row.status) if row.status is not None else "---"
    if row.is_error:
        status_style = "bold $error"
    elif row.status is not None and row.status < 300:
        status_style = "bold $success"
    else:
        status_style = "bold $warning"
    line1 = Content.assemble(
        (f"#{row.index:<3}", "$text-muted"),
        " ",
        (status, status_style),
        f" {format_duration(row.duration_ms):>7}",
        ("  stream" if row.streamed else "", "$accent"),
    )
    line2 = Content(f"  turn {row.turn} · attempt {row.attempt}/{row.attempts}")
    if row.problems:
        mark_style = {"error": "bold $error", "warning": "bold $warning"}.get(row.worst or "", "$text-muted")
        line2 = Content.assemble(line2, (f"  !{row.problems}", mark_style))
    return Content("\n").join([line1, line2])


class InteractionList(OptionList):
    """Interactions as a timeline; the highlighted entry is the selection."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    DEFAULT_CSS = """
    InteractionList { width: 32; height: 1fr; border: none; border-right: vkey $foreground 20%; }
    InteractionList:focus { border: none; border-right: vkey $primary; }
    """

    def __init__(self, rows: list[TimelineRow], *, id: str | None = None) -> None:  # noqa: A002
        self.rows = rows
        super().__init__(*[Option(row_prompt(row), id=f"i{row.index}") for row in rows], id=id)
