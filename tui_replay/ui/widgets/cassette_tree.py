"""The cassette browser's tree: folders, then files with their quick summaries."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.widgets.tree import TreeNode

from tui_replay.formats.scan import FileSummary
from tui_replay.ui.glyphs import UNREADABLE
from tui_replay.ui.textual_internals import HeldInvalidationTree, mark_node_line_stale, node_guide_width


@dataclass
class FileEntry:
    """A listed file; `summary` fills in from the scan, `load_error` when opening failed."""

    path: Path
    relative: tuple[str, ...]
    """Folder labels from the scanned root down to the file name."""
    summary: FileSummary | None = None
    load_error: str | None = None
    stat: tuple[int, float] | None = None
    """(size, mtime), looked up when first needed (`browser_sort.file_stat`)."""

    @property
    def error(self) -> str | None:
        """Why the file cannot be opened, as its row says it: the preview beside it names the
        file in full."""
        if self.load_error:
            return row_reason(self.path, self.load_error)
        return self.summary.error if self.summary else None


_LINE_COLUMN = re.compile(r"(\d+):\d+: ")


def row_reason(path: Path, reason: str) -> str:
    """`reason` (a `CassetteError`'s text, "<path>:57:1: interaction 1: invalid YAML") without
    the path, its line kept: "line 57: interaction 1: invalid YAML"."""
    for named in (f"{path}:", f"{path.name}:"):
        if reason.startswith(named):
            reason = reason.removeprefix(named).lstrip()
            break
    where = _LINE_COLUMN.match(reason)
    return f"line {where.group(1)}: {reason[where.end() :]}" if where else reason


def entry_details(entry: FileEntry) -> tuple[str, str, str]:
    """(summary text, error-count text, hint) shown after a file's name; "" where absent."""
    summary = entry.summary
    if entry.error:
        return "", "", ""
    if summary is None:
        return "…", "", ""
    at_least = "≥" if summary.partial else ""  # only the file's first bytes were read
    errors = f"{at_least}{summary.errors} err" if summary.errors else ""
    return f"{at_least}{summary.interactions}×", errors, summary.hint


CUT_DETAIL_LEAST = 12
"""A detail that does not fit whole is shown cut (`openai-chat · openrou…`) when at least
this many cells are left for it, else left out."""


def fitted(name: str, details: list[str], room: int | None) -> tuple[str, list[str]]:
    """The name as it fits in `room` cells, and those of `details` (shown after it, in order)
    that fit too: details go first, from the last one (the last one kept may be cut at its
    end); a name longer than the room alone loses its middle (a parametrised test's name
    differs at its end; the whole name is in the preview)."""
    if room is None:
        return name, details
    width = cell_len(name)
    if width <= room:
        kept: list[str] = []
        for detail in details:
            left = room - width - sum(cell_len(d) for d in kept)
            if cell_len(detail) <= left:
                kept.append(detail)
                continue
            if left >= CUT_DETAIL_LEAST:
                kept.append(_first_cells(detail, left - 1) + "…")
            break
        return name, kept
    if room < 3:
        return name[:room], []
    head = (room - 1) // 2
    tail = room - 1 - head
    return f"{_first_cells(name, head)}…{_last_cells(name, tail)}", []


def _first_cells(text: str, cells: int) -> str:
    """The first `cells` cells of `text`."""
    return set_cell_size(text, cells).rstrip() if cell_len(text) > cells else text


def _last_cells(text: str, cells: int) -> str:
    """The last `cells` cells of `text`."""
    return set_cell_size(text[::-1], cells).rstrip()[::-1] if cell_len(text) > cells else text


def fitted_folder(label: Text, room: int | None) -> Text:
    """A folder's label (its fold icon, then its path) cut in its middle to fit `room`: a
    long scanned path keeps its start and its last folder."""
    if room is None or label.cell_len <= room or room < 8:
        return label
    head = (room - 1) // 2
    cut = label[:head]
    cut.append("…")
    cut.append_text(label[len(label.plain) - (room - 1 - head) :])
    return cut


class CassetteTree(HeldInvalidationTree[FileEntry | None]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="browser.down"),
        Binding("k", "cursor_up", "Up", show=False, id="browser.up"),
    ]

    COMPONENT_CLASSES = {"cassette-tree--error", "cassette-tree--muted"}

    # Labels fit the width (`fitted`): nothing to scroll sideways, so no lone scrollbar.
    DEFAULT_CSS = """
    CassetteTree { overflow-x: hidden; }
    CassetteTree > .cassette-tree--error { color: $text-error; }
    CassetteTree > .cassette-tree--muted { color: $text-muted; }
    """

    @on(events.Click)
    def _click_previews_first(self, event: events.Click) -> None:
        """A click on a file the cursor is not on moves the cursor there, so the preview shows
        it; a second click on it, or a double click, opens it (as enter does). Tree's own click
        opens at once, which left a mouse user no way to preview. Folders and their toggles
        keep Tree's click."""
        line = event.style.meta.get("line")
        if not isinstance(line, int) or event.style.meta.get("toggle") or event.chain > 1:
            return
        node = self.get_node_at_line(line)
        if node is None or node.data is None or line == self.cursor_line:
            return
        event.prevent_default()  # Tree's click, which would open the file
        self.cursor_line = line

    def render_label(self, node: TreeNode[FileEntry | None], base_style: Style, style: Style) -> Text:
        entry = node.data
        if entry is None:
            return fitted_folder(super().render_label(node, base_style, style), self._room(node))
        error_style = self.get_component_rich_style("cassette-tree--error", partial=True)
        muted = self.get_component_rich_style("cassette-tree--muted", partial=True)
        if entry.error:
            name_style = base_style + style + error_style
            prefix, details = f"{UNREADABLE} ", [("  " + entry.error, error_style)]
        else:
            name_style = base_style + style
            count, errors, hint = entry_details(entry)
            prefix, details = "", [("  " + count, muted)]
            if self.fact is not None:  # what the list is sorted by, first after the name
                details.insert(0, ("  " + self.fact(entry), muted))
            if errors:
                details.append((" " + errors, error_style))
            if hint:
                details.append(("  " + hint, muted))
        name, shown = fitted(prefix + entry.relative[-1], [text for text, _ in details], self._room(node))
        return Text.assemble((name, name_style), *zip(shown, [style for _, style in details], strict=False))

    def _room(self, node: TreeNode[FileEntry | None]) -> int | None:
        """Cells the node's label may take without the tree scrolling sideways (None before
        the tree is laid out)."""
        width = self.scrollable_content_region.width
        guides = node_guide_width(self, node)
        if width <= 0 or guides is None:
            return None
        return max(width - guides, 1)

    def get_label_width(self, node: TreeNode[FileEntry | None]) -> int:
        """The label's width without rendering it: Tree measures every line each time it rebuilds
        (after each batch of new files), and `render_label` for 10,000 files took ~0.4 s."""
        entry = node.data
        if entry is None:
            label = node.label  # a Text once set, though typed as str | Text
            return label.cell_len if isinstance(label, Text) else cell_len(label)
        fact = 2 + cell_len(self.fact(entry)) if self.fact is not None and not entry.error else 0
        known = self._widths.get(node.id)
        if known is not None and known[0] is entry.summary and known[1] is entry.load_error:
            return known[2] + fact
        name = entry.relative[-1]
        if entry.error:
            width = cell_len(name) + 2 + 2 + cell_len(entry.error)
        else:
            count, errors, hint = entry_details(entry)
            width = cell_len(name) + 2 + cell_len(count)
            if errors:
                width += 1 + cell_len(errors)
            if hint:
                width += 2 + cell_len(hint)
        self._widths[node.id] = (entry.summary, entry.load_error, width)
        return width + fact

    def __init__(self, label: str, *, id: str | None = None) -> None:  # noqa: A002
        # A Text label, as for every node: a str goes through Rich markup and emoji parsing,
        # whose first use imports Rich's emoji table (~4 ms of the browser's first paint).
        super().__init__(Text(label), id=id)
        self.show_root = False
        self.guide_depth = 3
        self._folders: dict[tuple[str, ...], TreeNode[FileEntry | None]] = {}
        self._leaves: dict[Path, TreeNode[FileEntry | None]] = {}
        self.fact: Callable[[FileEntry], str] | None = None
        """Shown after each file's name: what the list is sorted by (`browser_sort`)."""
        self._widths: dict[int, tuple[object, object, int]] = {}
        """Label widths by node id, valid while the entry's summary and load error are the same."""

    def clear_entries(self) -> None:
        self.clear()
        self._folders.clear()
        self._leaves.clear()
        self._widths.clear()

    def add_entries(self, entries: list[FileEntry]) -> None:
        """Add files (and their folders) with one invalidation for the whole batch.

        Tree invalidates and repaints itself for every node added (~0.25 ms each);
        for a batch of hundreds of files that is done once, at the end.
        """
        if not entries:
            return
        with self.invalidation_held():
            for entry in entries:
                parent = self._folder(entry.relative[:-1])
                # A Text label: names are never parsed as markup (`[x].yaml` stays as it is).
                self._leaves[entry.path] = parent.add_leaf(Text(entry.relative[-1]), data=entry)

    def _folder(self, parts: tuple[str, ...]) -> TreeNode[FileEntry | None]:
        if not parts:
            return self.root
        node = self._folders.get(parts)
        if node is None:
            parent = self._folder(parts[:-1])
            node = parent.add(Text(parts[-1] + "/"), data=None, expand=True)
            self._folders[parts] = node
        return node

    def refresh_entry(self, entry: FileEntry) -> None:
        node = self._leaves.get(entry.path)
        if node is not None:
            node.refresh()

    def refresh_entries(self, entries: list[FileEntry]) -> None:
        """Redraw the lines of many files at once (their summaries came in).

        `TreeNode.refresh` repaints one line region per call (~0.15 ms each); here
        each node's line is marked stale (`mark_node_line_stale`) and the widget repaints
        once, which draws only the visible lines. A longer line needs no wider scroll: labels
        are fitted to the width (`fitted`).
        """
        for entry in entries:
            node = self._leaves.get(entry.path)
            if node is not None:
                mark_node_line_stale(node)
        self.refresh()

    def select_path(self, path: Path) -> bool:
        """Put the cursor on the file's line; False when it is not listed."""
        node = self._leaves.get(path)
        if node is not None:
            _ = self.last_line  # lines are numbered when the tree is built: after a change, now
            self.move_cursor(node)
        return node is not None
