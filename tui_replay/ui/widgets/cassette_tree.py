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


DETAIL_RANKS = {"fact": 0, "errors": 1, "count": 2, "hint": 3}
"""Which details stay when the row is short of room, first to last: what the list is sorted by,
then the errors (a failed call is why one looks), the interaction count, the dialect and host."""


def fitted(
    name: str,
    details: list[str],
    room: int | None,
    ranks: list[int] | None = None,
    keep: tuple[int, int] | None = None,
) -> tuple[str, list[tuple[int, str]]]:
    """The name as it fits in `room` cells, and those of `details` (shown after it, in order)
    that fit too, as (index, text). Details are kept by `ranks` (lowest first; default: in
    order) while they fit; the last in order may be cut at its end. A name longer than the room
    alone keeps `keep` (the span that tells it from its siblings: `distinct_span`) and loses
    what is around it, or else its middle (the whole name is in the preview)."""
    if room is None:
        return name, list(enumerate(details))
    width = cell_len(name)
    if width <= room:
        left = room - width
        order = sorted(range(len(details)), key=lambda i: (ranks[i] if ranks else i, i))
        kept: dict[int, str] = {}
        for i in order:
            detail = details[i]
            if cell_len(detail) <= left:
                kept[i] = detail
                left -= cell_len(detail)
            elif i == len(details) - 1 and left >= CUT_DETAIL_LEAST:
                kept[i] = _first_cells(detail, left - 1) + "…"
                left = 0
        return name, sorted(kept.items())
    if room < 3:
        return name[:room], []
    if keep is not None and (around := _cut_around(name, room, *keep)) is not None:
        return around, []
    head = (room - 1) // 2
    tail = room - 1 - head
    return f"{_first_cells(name, head)}…{_last_cells(name, tail)}", []


def _cut_around(name: str, room: int, start: int, end: int) -> str | None:
    """`name` in `room` cells keeping `name[start:end]` whole, cut before and after it (half
    of what is left each, with `…` where cut); None when the span alone does not fit."""
    before, middle, after = name[:start], name[start:end], name[end:]
    spare = room - cell_len(middle)
    head = min(cell_len(before), spare // 2)
    tail = min(cell_len(after), spare - head)
    head = min(cell_len(before), spare - tail)  # what the end did not need goes to the start
    cut_before, cut_after = head < cell_len(before), tail < cell_len(after)
    head -= cut_before  # room for the `…`
    tail -= cut_after
    if head < 0 or tail < 0:
        return None
    return (
        _first_cells(before, head)
        + ("…" if cut_before else "")
        + middle
        + ("…" if cut_after else "")
        + (_last_cells(after, tail) if tail else "")
    )


_WORD_EDGE = "_-[].,= "


def distinct_span(name: str, siblings: list[str]) -> tuple[int, int] | None:
    """The part of `name` that differs from each of its `siblings` (test names that share a
    long start and end: `chat_basic_…_ollama_qwen3_…_system_prompt.yml`), widened to whole
    words; None when nothing is shared (the middle cut then does)."""
    shared_start = shared_end = 0
    for other in siblings:
        if other == name:
            continue
        common = 0
        for a, b in zip(name, other, strict=False):
            if a != b:
                break
            common += 1
        shared_start = max(shared_start, common)
        common = 0
        for a, b in zip(reversed(name), reversed(other), strict=False):
            if a != b:
                break
            common += 1
        shared_end = max(shared_end, common)
    if not shared_start and not shared_end:
        return None
    start, end = shared_start, max(shared_start, len(name) - shared_end)
    while start > 0 and name[start - 1] not in _WORD_EDGE:
        start -= 1
    while end < len(name) and name[end] not in _WORD_EDGE:
        end += 1
    return (start, end) if end > start else None


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
            prefix, details = f"{UNREADABLE} ", [("  " + entry.error, error_style, "hint")]
        else:
            name_style = base_style + style
            count, errors, hint = entry_details(entry)
            prefix, details = "", [("  " + count, muted, "count")]
            if self.fact is not None:  # what the list is sorted by, first after the name
                details.insert(0, ("  " + self.fact(entry), muted, "fact"))
            if errors:  # two spaces when it stands alone, one after the count (below)
                details.append(("  " + errors, error_style, "errors"))
            if hint:
                details.append(("  " + hint, muted, "hint"))
        name = entry.relative[-1]
        room = self._room(node)
        keep = (
            self._distinct_span(node, name) if room is not None and cell_len(prefix + name) > room else None
        )
        if keep is not None and prefix:
            keep = (keep[0] + len(prefix), keep[1] + len(prefix))
        ranks = [DETAIL_RANKS[kind] for _, _, kind in details]
        label, shown = fitted(prefix + name, [text for text, _, _ in details], room, ranks, keep)
        if any(details[i][2] == "count" for i, _ in shown):  # `12× 10 err`: the errors follow the count
            details = [(text[1:] if kind == "errors" else text, style, kind) for text, style, kind in details]
            label, shown = fitted(prefix + name, [text for text, _, _ in details], room, ranks, keep)
        return Text.assemble((label, name_style), *((text, details[i][1]) for i, text in shown))

    def _distinct_span(self, node: TreeNode[FileEntry | None], name: str) -> tuple[int, int] | None:
        """`distinct_span` among the node's sibling files, kept while their number is the same
        (a batch of new files may add a sibling that shares more)."""
        parent = node.parent
        siblings: list[TreeNode[FileEntry | None]] = list(parent.children) if parent is not None else []
        known = self._spans.get(node.id)
        if known is not None and known[0] == len(siblings):
            return known[1]
        names = [child.data.relative[-1] for child in siblings if child.data is not None]
        span = distinct_span(name, names)
        self._spans[node.id] = (len(siblings), span)
        return span

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
        self._spans: dict[int, tuple[int, tuple[int, int] | None]] = {}
        """`distinct_span` of a long name by node id, with its number of siblings then."""

    def clear_entries(self) -> None:
        self.clear()
        self._folders.clear()
        self._leaves.clear()
        self._widths.clear()
        self._spans.clear()

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
