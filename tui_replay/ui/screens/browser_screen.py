"""The cassette browser: every file found under the paths, listed as the scan goes."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Static, Tree
from textual.worker import get_current_worker

from tui_replay.formats.scan import SUMMARY_READ_LIMIT, FileSummary, iter_cassette_files, quick_summary
from tui_replay.ui.glyphs import HEADER_ICON
from tui_replay.ui.widgets.cassette_tree import CassetteTree, FileEntry
from tui_replay.ui.widgets.content_search import ContentSearch
from tui_replay.ui.widgets.replay_footer import ReplayFooter
from tui_replay.wording import counted

BATCH = 200
"""Files per message from the scan thread."""
ADD_CHUNK = 400
"""Files added to the tree at most per step on the UI thread (~20 ms, plus a rebuild)."""
ADD_PAUSE = 0.1
"""Seconds between two steps that add files, so keys are answered while 10,000 files list."""
FREEZE_ABOVE = 2000
"""With more files than this, what is listed is moved out of the cycle collector's way
(`IdleCollector.freeze_long_lived`)."""
SUMMARY_SECONDS = 0.25
"""The summary thread posts what it has at most this often (one message, one repaint)."""
FIRST_LIST_WAIT = 0.03
"""Seconds the browser's mount waits for the scan thread: a folder it walks in that time
(`cassettes/`: under 1 ms; the 475-file corpus: ~10 ms) is listed in the very first frame,
not in one painted after it. A slower walk lists as it goes, as before."""


def files_text(count: int) -> str:
    return counted(count, "cassette file")


BUNDLED_LABEL = "bundled examples"


def folder_label(folder: Path) -> str:
    """A scanned folder's name in the tree: the bundled cassettes by what they are, not by
    an install path cut short."""
    from tui_replay.formats.bundled import bundled_cassettes

    if folder.resolve() == bundled_cassettes().resolve():
        return BUNDLED_LABEL
    return str(folder)


def relative_parts(root: Path, file: Path, root_label: str) -> tuple[str, ...]:
    try:
        rel = file.relative_to(root).parts
    except ValueError:
        rel = (file.name,)
    return (root_label, *rel)


class BrowserScreen(Screen[None]):
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="browser.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="browser.clear-filter"),
        Binding("s,ctrl+f", "search_contents", "Search contents", id="browser.search"),
    ]

    class FilesFound(Message):
        def __init__(self, entries: list[FileEntry]) -> None:
            super().__init__()
            self.entries = entries

    class SummariesReady(Message):
        def __init__(self, summaries: list[tuple[FileEntry, FileSummary]]) -> None:
            super().__init__()
            self.summaries = summaries

    class ScanDone(Message):
        pass

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self.paths = list(paths)
        self.entries: list[FileEntry] = []
        self.by_path: dict[Path, FileEntry] = {}
        self.filter_text = ""
        self.scanning = True
        self._unlisted: list[FileEntry] = []
        """Found (and matching the filter) but not yet in the tree: added `ADD_CHUNK` at a time."""
        self._adding: Timer | None = None
        self._handoff = threading.Lock()
        self._mount_waiting = False
        """The mount is waiting for the walk (`FIRST_LIST_WAIT`): the scan thread keeps what
        it finds instead of posting it."""
        self._walked: list[FileEntry] | None = None
        self._walk_ended: Callable[[], object] | None = None
        self.title = "tui-replay"
        self.sub_title = "scanning…"

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        yield Input(placeholder="filter cassettes by name (enter to keep, escape to clear)", id="filter")
        with Horizontal(id="browser-body"):
            yield CassetteTree("cassettes", id="tree")
            with Vertical(id="file-info-box"):
                yield Static(id="file-info", markup=False)
        yield ReplayFooter()

    async def on_mount(self) -> None:
        self.query_one("#filter").display = False
        self.query_one(CassetteTree).focus()
        loop = asyncio.get_running_loop()
        ended: asyncio.Future[None] = loop.create_future()
        self._walk_ended = lambda: loop.call_soon_threadsafe(ended.set_result, None)
        self._mount_waiting = True
        self.scan()
        await asyncio.wait({ended}, timeout=FIRST_LIST_WAIT)  # bounded: a slow disk costs only this
        with self._handoff:
            self._mount_waiting = False
            walked = self._walked
        if walked is not None:  # the whole walk, done already: list it before the first frame
            self._files_found(self.FilesFound(walked))
            self._scan_done()

    # -- scanning (thread worker) ---------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="scan")
    def scan(self) -> None:
        worker = get_current_worker()
        found: list[FileEntry] = []
        seen: set[Path] = set()
        for item in self.paths:
            item_path = Path(item)
            is_dir = item_path.is_dir()
            for file in iter_cassette_files([item]):
                if worker.is_cancelled:
                    return
                if file in seen:
                    continue
                seen.add(file)
                root = item_path if is_dir else file.parent
                label = folder_label(item_path) if is_dir else str(file.parent)
                found.append(FileEntry(file, relative_parts(root, file, label)))
                if len(found) >= BATCH and not self._mount_waiting:
                    with self._handoff:
                        if not self._mount_waiting:
                            self.post_message(self.FilesFound(found))
                            found = []
        with self._handoff:
            if self._mount_waiting:  # the mount takes the whole list itself
                self._walked = found
                if self._walk_ended is not None:
                    self._walk_ended()
                return
        if found:
            self.post_message(self.FilesFound(found))
        self.post_message(self.ScanDone())

    @work(thread=True, exclusive=True, exit_on_error=False, group="summaries")
    def summarise(self, entries: list[FileEntry]) -> None:
        worker = get_current_worker()
        ready: list[tuple[FileEntry, FileSummary]] = []
        posted = time.monotonic()
        for entry in entries:
            self.app.wait_until_opened(worker)  # type: ignore[attr-defined]
            summary = quick_summary(entry.path, stop=lambda: worker.is_cancelled)
            if summary is None:
                return
            ready.append((entry, summary))
            if time.monotonic() - posted >= SUMMARY_SECONDS:  # few messages, however many files
                self.post_message(self.SummariesReady(ready))
                ready = []
                posted = time.monotonic()
        if ready:
            self.post_message(self.SummariesReady(ready))

    @on(FilesFound)
    def _files_found(self, event: FilesFound) -> None:
        self.entries.extend(event.entries)
        for entry in event.entries:
            self.by_path[entry.path] = entry
        self._unlisted.extend(e for e in event.entries if self._matches(e))
        if self._adding is None:  # else the running steps pick them up
            self._add_step()
        self.sub_title = f"scanning… {counted(len(self.entries), 'file')}"

    def _add_step(self) -> None:
        """Add the next `ADD_CHUNK` waiting files to the tree; come back after a pause while
        more wait (messages that arrive meanwhile only queue their files)."""
        self._adding = None
        chunk, self._unlisted = self._unlisted[:ADD_CHUNK], self._unlisted[ADD_CHUNK:]
        tree = self.query_one(CassetteTree)
        tree.add_entries(chunk)
        if tree.cursor_line < 0 and chunk and not self.scanning:
            tree.cursor_line = 0
        if chunk:
            if len(self.entries) > FREEZE_ABOVE:
                # The files and tree nodes live as long as the browser: keep the cycle collector
                # from rescanning them (10,000 files: 8 full collections of ~150 ms while listing).
                collector = getattr(self.app, "collector", None)  # tests host it in plain apps too
                if collector is not None:
                    collector.freeze_long_lived()
            self._adding = self.set_timer(ADD_PAUSE, self._add_step, name="browser-add")

    @property
    def listed(self) -> bool:
        """Every file found (and matching the filter) is in the tree."""
        return not self.scanning and not self._unlisted

    @on(ScanDone)
    def _scan_done(self) -> None:
        self.scanning = False
        self.sub_title = files_text(len(self.entries))
        if not self.entries:
            self.query_one("#file-info", Static).update(
                "No cassette files (.yaml, .yml, .json, .har) found under:\n"
                + "\n".join(str(p) for p in self.paths)
            )
        self.summarise(list(self.entries))
        if len(self._unlisted) <= ADD_CHUNK:  # a small tree is complete at once
            if self._adding is not None:
                self._adding.stop()
            self._add_step()
        tree = self.query_one(CassetteTree)
        if tree.cursor_line < 0 and tree.last_line >= 0:
            tree.cursor_line = 0

    @on(SummariesReady)
    def _summaries_ready(self, event: SummariesReady) -> None:
        tree = self.query_one(CassetteTree)
        for entry, summary in event.summaries:
            entry.summary = summary
        tree.refresh_entries([entry for entry, _ in event.summaries])
        self._show_info(tree.cursor_node.data if tree.cursor_node else None)

    # -- info and opening -----------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self, event: Tree.NodeHighlighted[FileEntry | None]) -> None:
        self._show_info(event.node.data)

    def _show_info(self, entry: FileEntry | None) -> None:
        info = self.query_one("#file-info", Static)
        if entry is None:
            info.update(f"{files_text(len(self.entries))}\n\nenter opens a cassette · / filters")
            return
        lines = [str(entry.path), ""]
        if entry.summary is not None:
            s = entry.summary
            at_least = "at least " if s.partial else ""
            lines.append(
                f"{at_least}{counted(s.interactions, 'interaction')} · {s.errors} with an error status"
            )
            if s.partial:
                lines.append(f"(counted in its first {SUMMARY_READ_LIMIT // 2**20} MiB only)")
            if s.hint:
                lines.append(s.hint)
        if entry.error:
            lines += ["", "cannot open:" if entry.load_error else "looks wrong:", entry.error]
        else:
            lines += ["", "enter opens it"]
        info.update("\n".join(lines))

    @on(Tree.NodeSelected, "#tree")
    def _selected(self, event: Tree.NodeSelected[FileEntry | None]) -> None:
        if event.node.data is not None:
            self.app.open_cassette(event.node.data.path)  # type: ignore[attr-defined]

    def mark_load_error(self, path: Path, reason: str) -> None:
        entry = self.by_path.get(path)
        if entry is None:
            entry = FileEntry(path, (str(path.parent), path.name))
            self.entries.append(entry)
            self.by_path[path] = entry
            self.query_one(CassetteTree).add_entries([entry])
        entry.load_error = reason
        tree = self.query_one(CassetteTree)
        tree.refresh_entry(entry)
        tree.select_path(path)
        self._show_info(entry)

    # -- content search (the widget searches; the browser shows it and opens its hits) ----

    async def action_search_contents(self) -> None:
        # Mounted when first asked for: the browser's first frame is kept as light as it was.
        found = self.query(ContentSearch)
        search = found.first() if found else ContentSearch(self.visible_files, id="content-search")
        if not found:
            await self.mount(search, after="#browser-body")
        self.query_one("#browser-body").display = False
        search.open()

    @on(ContentSearch.Closed)
    def _search_closed(self) -> None:
        self.query_one("#browser-body").display = True
        self.query_one(CassetteTree).focus()

    @on(ContentSearch.Open)
    def _open_hit(self, event: ContentSearch.Open) -> None:
        self.app.open_cassette(event.path, event.interaction or 0)  # type: ignore[attr-defined]

    # -- filter ---------------------------------------------------------------------------

    def _matches(self, entry: FileEntry) -> bool:
        return not self.filter_text or self.filter_text in "/".join(entry.relative[1:]).lower()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display or self.filter_text:
            box.value = ""
            box.display = False
            self.apply_filter("")
            self.query_one(CassetteTree).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.apply_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(CassetteTree).focus()

    def apply_filter(self, text: str) -> None:
        self.filter_text = text.strip().lower()
        tree = self.query_one(CassetteTree)
        tree.clear_entries()
        if self._adding is not None:
            self._adding.stop()
            self._adding = None
        self._unlisted = [e for e in self.entries if self._matches(e)]
        self._add_step()
        tree.cursor_line = 0 if tree.last_line >= 0 else -1

    def visible_files(self) -> list[Path]:
        return [e.path for e in self.entries if self._matches(e)]
