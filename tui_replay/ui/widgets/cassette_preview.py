"""The browser's right pane: what the highlighted cassette holds, before it is opened.

Drawn from a `CassetteSummary` (`analysis.cassette_summary`), which the browser computes in a
worker; until it arrives, from the scan's quick count. Its text can be selected and copied
(`RichLines`), the file's whole name and path included.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui_replay.formats.bundled import shown_folder
from tui_replay.ui.browser_sort import size_text
from tui_replay.ui.widgets.rich_lines import RichLines
from tui_replay.wording import counted

if TYPE_CHECKING:  # the summary's module imports the decoders: not on the browser's start-up path
    from tui_replay.analysis.cassette_summary import CassetteSummary
    from tui_replay.formats.scan import FileSummary
    from tui_replay.model import Problem

MESSAGE_LINES = 6
"""Lines of the first user message shown (it is cut to a few hundred characters too)."""
PROBLEM_CHARS = 100
"""A quoted problem is cut here: two or three lines of the pane, not a page."""
LABEL = "bold"
MUTED = "dim"
ERROR = "red"


def seconds_text(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def folder_text(files: int, matching: int, sort_label: str, filtered: tuple[str, bool] | None) -> Text:
    """A folder's line: how many files, in what order; with a filter (its text, and whether
    files are still being read for it), how many match."""
    text = Text()
    if filtered is None:
        text.append(counted(files, "cassette file"), style=LABEL)
    else:
        words, reading = filtered
        text.append(f"{matching} of {counted(files, 'cassette file')} match “{words}”", style=LABEL)
        if reading:
            text.append("\nreading the files for the filter…", style=MUTED)
    text.append(f"\nlisted by {sort_label}\n\n", style=MUTED)
    text.append("enter opens a cassette · o sorts · / filters by name and by the words ")
    text.append("errors, problems, dialect:x, model:x, tool:x", style=LABEL)
    return text


def empty_text(paths: list[Path], suffixes: str) -> Text:
    text = Text()
    text.append("No cassette files found", style=LABEL)
    text.append(f"\n\nlooked for {suffixes} files (in sub-folders too, not in hidden ones) under:\n")
    text.append("\n".join(str(p) for p in paths))
    return text


def heading(path: Path, size: int | None) -> Text:
    """The file's whole name (the tree may have cut it to fit), its folder and size."""
    text = Text()
    text.append(path.name, style=LABEL)
    text.append(f"\n{shown_folder(path.parent)}", style=MUTED)
    if size is not None:
        text.append(f" · {size_text(size)}", style=MUTED)
    return text


def pending_text(path: Path, size: int | None, quick: FileSummary | None, note: str) -> Text:
    """Before the summary: the scan's count, and what is being done (`note`)."""
    text = heading(path, size)
    if quick is not None and quick.error is None:
        at_least = "at least " if quick.partial else ""
        text.append(f"\n\n{at_least}{counted(quick.interactions, 'interaction')}")
        if quick.errors:
            text.append(f" · {quick.errors} with an error status", style=ERROR)
        if quick.hint:
            text.append(f"\n{quick.hint}")
    text.append(f"\n\n{note}", style=MUTED)
    return text


def error_text(path: Path, size: int | None, error: str) -> Text:
    text = heading(path, size)
    text.append("\n\ncannot open:\n", style=f"{LABEL} {ERROR}")
    text.append(error, style=ERROR)
    return text


def facts(summary: CassetteSummary) -> Table:
    """Label and value, a value wrapping under itself (not under its label) in a narrow pane."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style=LABEL, no_wrap=True)
    grid.add_column(overflow="fold")
    shape = [summary.format, counted(summary.interactions, "interaction"), counted(summary.turns, "turn")]
    if summary.retries:
        shape.append(counted(summary.retries, "retry", "retries"))
    if summary.polls:
        shape.append(counted(summary.polls, "poll"))
    grid.add_row("holds", " · ".join(shape))
    several = len(summary.dialects) > 1
    dialects = ", ".join(f"{name} ×{n}" if several else name for name, n in summary.dialects)
    grid.add_row("speaks", dialects or "–")
    where = list(summary.hosts)
    if summary.providers:
        where.append("via " + ", ".join(summary.providers))
    if where:
        grid.add_row("to", " · ".join(where))
    grid.add_row("models", ", ".join(summary.models) or "none named")
    grid.add_row("tools", ", ".join(summary.tools) or "none")
    if summary.duration_seconds is not None:
        timed = summary.duration_basis == "timestamps"
        how = "first request to last response" if timed else "recorded calls added up"
        grid.add_row("took", f"{seconds_text(summary.duration_seconds)} ({how})")
    # the words `inspect` and the exports use; imported here: a summary exists, so the core is loaded
    from tui_replay.analysis.spend import tokens_line, wasted_line

    grid.add_row("tokens", tokens_line(summary.tokens))
    if summary.wasted:
        grid.add_row("wasted", Text(wasted_line(summary.wasted).removeprefix("wasted: "), style=ERROR))
    grid.add_row("errors", Text(str(summary.errors), style=ERROR if summary.errors else ""))
    problems = Text()
    problems.append(str(summary.problem_count), style=ERROR if summary.problem_count else "")
    if summary.problem_kinds:
        problems.append(" · " + ", ".join(f"{code} ×{n}" for code, n in summary.problem_kinds), style=MUTED)
    grid.add_row("problems", problems)
    return grid


def first_problems(summary: CassetteSummary) -> Text:
    """The first problems quoted, one line each; the same message said once, after the
    interactions that have it (ten identical 429s are one line)."""
    by_message: dict[str, list[Problem]] = {}
    for problem in summary.first_problems:
        by_message.setdefault(problem.message, []).append(problem)
    text = Text()
    for message, problems in by_message.items():
        numbers = ", ".join(f"#{p.interaction}" for p in problems if p.interaction is not None)
        text.append("\n" if text else "")
        text.append(f"{numbers or 'file'}  ", style=LABEL)
        cut = message if len(message) <= PROBLEM_CHARS else message[: PROBLEM_CHARS - 1] + "…"
        text.append(cut, style=ERROR if problems[0].severity == "error" else "")
    return text


def summary_text(summary: CassetteSummary, size: int | None) -> RenderableType:
    if summary.error is not None:
        return error_text(summary.path, size, summary.error)
    blocks: list[RenderableType] = [heading(summary.path, size), Text(), facts(summary)]
    if summary.first_problems:
        blocks += [Text(), first_problems(summary)]
    if summary.first_user_message:
        message = Text()
        message.append("\nfirst user message\n", style=LABEL)
        lines = summary.first_user_message.splitlines()
        message.append("\n".join(lines[:MESSAGE_LINES]) + ("\n…" if len(lines) > MESSAGE_LINES else ""))
        blocks.append(message)
    blocks.append(Text("\nenter opens it", style=MUTED))
    return Group(*blocks)


class CassettePreview(RichLines):
    """`show_folder(...)`, `show_pending(...)`, `show_summary(...)`, `show_error(...)`: one of
    the pane's states at a time; `shown` is the file previewed (None for a folder)."""

    DEFAULT_CSS = """
    CassettePreview { height: auto; }
    """

    shown: Path | None = None

    def text_shown(self) -> str:
        """What the pane shows at its width, as plain text."""
        width = self.content_region.width
        return "\n".join(line.text.rstrip() for line in self._lines(width)) if width > 0 else ""

    def show_folder(
        self, files: int, matching: int, sort_label: str, filtered: tuple[str, bool] | None = None
    ) -> None:
        self.shown = None
        self.update(folder_text(files, matching, sort_label, filtered))

    def show_nothing_found(self, paths: list[Path], suffixes: str) -> None:
        self.shown = None
        self.update(empty_text(paths, suffixes))

    def show_pending(self, path: Path, size: int | None, quick: FileSummary | None, note: str) -> None:
        self.shown = path
        self.update(pending_text(path, size, quick, note))

    def show_summary(self, summary: CassetteSummary, size: int | None) -> None:
        self.shown = summary.path
        self.update(summary_text(summary, size))

    def show_error(self, path: Path, size: int | None, error: str) -> None:
        self.shown = path
        self.update(error_text(path, size, error))
