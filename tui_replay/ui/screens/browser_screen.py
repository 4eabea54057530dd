"""The cassette browser: every file found under the paths, listed as the scan goes."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Tree
from textual.worker import get_current_worker

from tui_replay.formats.bundled import shown_folder
from tui_replay.formats.scan import CASSETTE_SUFFIXES, FileSummary, iter_cassette_files, quick_summary
from tui_replay.ui.browser_filter import ListFilter
from tui_replay.ui.browser_sort import SORT_ORDERS, file_stat, sort_label, sorted_entries
from tui_replay.ui.glyphs import HEADER_ICON
from tui_replay.ui.summary_cache import SummaryCache, giving_way
from tui_replay.ui.widgets.cassette_preview import CassettePreview
from tui_replay.ui.widgets.cassette_tree import CassetteTree, FileEntry
from tui_replay.ui.widgets.content_search import ContentSearch
from tui_replay.ui.widgets.replay_footer import ReplayFooter
from tui_replay.wording import counted

if TYPE_CHECKING:  # the analysis imports the decoders: read in workers, not at start-up
    from tui_replay.analysis.cassette_summary import CassetteSummary

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
PREVIEW_MAX_BYTES = 16 * 2**20
"""A bigger file is previewed from the scan's count only: reading it whole (8 MB: 1.4 s,
30 MB: 4.6 s on the dev machine) would keep a thread busy while the cursor merely rests on
it. Enter opens it; the filter words do read it."""
PREVIEW_REST = 0.1
"""Seconds the cursor stays on a file before it is read for the preview (a held key repeats
every ~0.03 s)."""
RELIST_AT_ONCE = 5000
"""A re-sorted or re-filtered list this long or shorter is rebuilt in one step, so the
cursor stays on the file it was on."""


def files_text(count: int) -> str:
    return counted(count, "cassette file")


def relative_parts(root: Path, file: Path, root_label: str) -> tuple[str, ...]:
    try:
        rel = file.relative_to(root).parts
    except ValueError:
        rel = (file.name,)
    return (root_label, *rel)


class BrowserScreen(Screen[None]):
    BINDINGS = [
        Binding(
            "slash",
            "filter",
            "Filter",
            id="browser.filter",
            tooltip="words of the name, and errors, problems, dialect:x, model:x, tool:x",
        ),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="browser.clear-filter"),
        Binding("s,ctrl+f", "search_contents", "Search contents", id="browser.search"),
        Binding("o", "cycle_sort", "Sort", id="browser.sort", tooltip="by name, size, errors, date in turn"),
        Binding("O", "reverse_sort", "Reverse sort", show=False, id="browser.sort-reverse"),
        Binding(
            "z",
            "toggle_preview",
            "Hide/show preview",
            show=False,
            id="browser.toggle-preview",
            tooltip="the names get the whole width (as z gives an opened cassette's timeline's)",
        ),
        # as in an opened cassette: the pane beside the list scrolls without tabbing into it
        Binding(
            "ctrl+d", "scroll_preview(0.5)", "Preview half page down", show=False, id="browser.preview-down"
        ),
        Binding(
            "ctrl+u", "scroll_preview(-0.5)", "Preview half page up", show=False, id="browser.preview-up"
        ),
    ]

    DEFAULT_CSS = """
    BrowserScreen.-preview-hidden #file-info-box { display: none; }
    """

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

    class SummariesDone(Message):
        """Every listed file has its quick summary (what sorting by errors counts)."""

    class PreviewReady(Message):
        def __init__(self, summary: CassetteSummary) -> None:
            super().__init__()
            self.summary = summary

    class FilterChecked(Message):
        """Files read for the filter words of filter number `generation`."""

        def __init__(self, generation: int, summaries: list[CassetteSummary], done: bool) -> None:
            super().__init__()
            self.generation = generation
            self.summaries = summaries
            self.done = done

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self.paths = list(paths)
        self.entries: list[FileEntry] = []
        self.by_path: dict[Path, FileEntry] = {}
        self.filter = ListFilter()
        self.matching = 0
        self.sort_index = 0
        self.sort_reversed = False
        self.summaries = SummaryCache()
        self._previewing: Path | None = None
        self._preview_wait: Timer | None = None
        """The file the preview worker is reading (a second highlight of it starts none)."""
        self._before_filter: Path | None = None
        """The file highlighted when the filter box opened: the cursor goes back to it when the
        filter is cleared from a folder's line (where typing leaves it)."""
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
            with VerticalScroll(id="file-info-box"):
                yield CassettePreview(id="file-info")
        yield ReplayFooter()

    async def on_mount(self) -> None:
        self.summaries.redact = getattr(self.app, "redact", True)  # tests host it in plain apps too
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

    def action_toggle_preview(self) -> None:
        self.toggle_class("-preview-hidden")

    def action_scroll_preview(self, pages: float) -> None:
        box = self.query_one("#file-info-box", VerticalScroll)
        step = max(1, int(box.scrollable_content_region.height * abs(pages)))
        box.scroll_relative(y=step if pages > 0 else -step, animate=False)

    # -- scanning (thread worker) ---------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="scan")
    def scan(self) -> None:
        worker = get_current_worker()
        found: list[FileEntry] = []
        seen: set[Path] = set()
        for item in self.paths:
            item_path = Path(item)
            is_dir = item_path.is_dir()
            folder_label = shown_folder(item_path) if is_dir else None
            for file in iter_cassette_files([item]):
                if worker.is_cancelled:
                    return
                if file in seen:
                    continue
                seen.add(file)
                root = item_path if is_dir else file.parent
                label = folder_label or shown_folder(file.parent)
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
        self.post_message(self.SummariesDone())

    @on(FilesFound)
    def _files_found(self, event: FilesFound) -> None:
        self.entries.extend(event.entries)
        for entry in event.entries:
            self.by_path[entry.path] = entry
        self._unlisted.extend(e for e in event.entries if self._matches(e))
        if self._adding is None:  # else the running steps pick them up
            self._add_step()
        self._update_sub_title()

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
        self._update_sub_title()
        if not self.entries:
            suffixes = ", ".join(sorted(CASSETTE_SUFFIXES))
            self.query_one(CassettePreview).show_nothing_found([Path(p) for p in self.paths], suffixes)
        self.summarise(list(self.entries))
        if self.filter.query is not None:  # typed while scanning: every file found is read now
            self._start_check()
        if self.sort_index or self.sort_reversed or self.filter.query is not None:
            self._relist()  # what arrived while scanning was listed as found
        elif len(self._unlisted) <= ADD_CHUNK:  # a small tree is complete at once
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

    @on(SummariesDone)
    def _summaries_done(self) -> None:
        if SORT_ORDERS[self.sort_index].name == "errors":
            self._relist()  # the counts it sorted by are all in now

    # -- preview and opening --------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self, event: Tree.NodeHighlighted[FileEntry | None]) -> None:
        self._show_info(event.node.data)

    def _show_info(self, entry: FileEntry | None) -> None:
        preview = self.query_one(CassettePreview)
        if self._previewing is not None and (entry is None or entry.path != self._previewing):
            if self._preview_wait is not None:  # left before it was read: not read now
                self._preview_wait.stop()
            self._previewing = None
        if entry is None:
            if self.entries or self.scanning:
                reading = self.filter.checking is not None
                filtered = (self.filter.text, reading) if self.filter.active else None
                preview.show_folder(len(self.entries), self.matching, self.sort_text, filtered)
            return
        size = file_stat(entry)[0]
        if entry.load_error:
            preview.show_error(entry.path, size, entry.load_error)
            return
        known = self.filter.checked.get(entry.path) or self.summaries.known(entry.path)
        if known is not None:
            preview.show_summary(known, size)
            return
        if size > PREVIEW_MAX_BYTES:
            note = f"not read for the preview ({size // 2**20} MiB): enter opens it"
            preview.show_pending(entry.path, size, entry.summary, note)
            return
        preview.show_pending(entry.path, size, entry.summary, "reading…")
        if self._previewing != entry.path:  # else its worker runs: new quick counts only
            self._previewing = entry.path
            if self._preview_wait is not None:
                self._preview_wait.stop()
            # read once the cursor rests: a key held down over 475 files reads none of them
            self._preview_wait = self.set_timer(PREVIEW_REST, partial(self.summarise_for_preview, entry.path))

    @work(thread=True, exclusive=True, exit_on_error=False, group="preview")
    def summarise_for_preview(self, path: Path) -> None:
        """The highlighted file's summary; a newer highlight cancels this one (exclusive)."""
        worker = get_current_worker()
        self.app.wait_until_opened(worker)  # type: ignore[attr-defined]
        summary = self.summaries.summarise(path, stop=giving_way(worker))
        if summary is not None and not worker.is_cancelled:
            self.post_message(self.PreviewReady(summary))

    @on(PreviewReady)
    def _preview_ready(self, event: PreviewReady) -> None:
        tree = self.query_one(CassetteTree)
        entry = tree.cursor_node.data if tree.cursor_node else None
        if self._previewing == event.summary.path:
            self._previewing = None
        self._note_readability([event.summary])
        if entry is not None and entry.path == event.summary.path:  # still the one highlighted
            self.query_one(CassettePreview).show_summary(event.summary, file_stat(entry)[0])

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

    def _note_readability(self, summaries: list[CassetteSummary]) -> None:
        """Rows of files found unreadable when read whole (for the preview or a filter) say why,
        as the preview does: the quick scan only guesses (a truncated file counts interactions).
        A file read whole without error since (fixed on disk) loses its mark."""
        tree = self.query_one(CassetteTree)
        for summary in summaries:
            entry = self.by_path.get(summary.path)
            if entry is not None and entry.load_error != summary.error:
                entry.load_error = summary.error
                tree.refresh_entry(entry)

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

    # -- filter and sort ------------------------------------------------------------------

    @property
    def sort_text(self) -> str:
        return sort_label(SORT_ORDERS[self.sort_index], self.sort_reversed)

    @property
    def checking(self) -> tuple[int, int] | None:
        """(files read, files to read) while the filter words are being answered."""
        return self.filter.checking

    def _matches(self, entry: FileEntry) -> bool:
        return self.filter.matches(entry)

    def _highlighted_file(self) -> Path | None:
        node = self.query_one(CassetteTree).cursor_node
        return node.data.path if node is not None and node.data is not None else None

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if not box.display:
            self._before_filter = self._highlighted_file()
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        """The whole list again, the cursor on the file it was on (the root folder's line
        took it, and the file was lost among the others)."""
        box = self.query_one("#filter", Input)
        if box.display or self.filter.text:
            kept = self._highlighted_file() or self._before_filter
            box.value = ""  # its Changed message finds the filter cleared already
            box.display = False
            self.apply_filter("", at=kept)
            self.query_one(CassetteTree).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.apply_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(CassetteTree).focus()

    def apply_filter(self, text: str, at: Path | None = None) -> None:
        """Names are matched at once; filter words are answered by reading every file in a
        worker, the list growing as matching files are found (`ListFilter`). The cursor goes
        to the first line, or to the file `at`; a text that filters the same moves nothing."""
        if text.strip().lower() == self.filter.text and at is None:
            return
        if self.filter.set_text(text) and self.filter.query is not None and not self.scanning:
            self._start_check()
        self._relist(keep_cursor=False, at=at)

    def _start_check(self) -> None:
        paths = [entry.path for entry in self.entries]
        self.filter.checking = (0, len(paths))
        self._update_sub_title()
        self.check_filter(self.filter.generation, paths)

    @work(thread=True, exclusive=True, exit_on_error=False, group="filter")
    def check_filter(self, generation: int, paths: list[Path]) -> None:
        worker = get_current_worker()
        ready: list[CassetteSummary] = []
        posted = time.monotonic()
        for path in paths:
            self.app.wait_until_opened(worker)  # type: ignore[attr-defined]
            summary = self.summaries.summarise(path, stop=giving_way(worker))
            if summary is None:
                return
            ready.append(summary)
            if time.monotonic() - posted >= SUMMARY_SECONDS:  # the list grows a few times a second
                self.post_message(self.FilterChecked(generation, ready, done=False))
                ready = []
                posted = time.monotonic()
        self.post_message(self.FilterChecked(generation, ready, done=True))

    @on(FilterChecked)
    def _filter_checked(self, event: FilterChecked) -> None:
        self._note_readability(event.summaries)
        if self.filter.found(event.generation, event.summaries, event.done, len(self.entries)):
            self._relist()

    def action_cycle_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORT_ORDERS)
        self.sort_reversed = False
        self._relist()

    def sort_by(self, name: str) -> None:
        self.sort_index = next(i for i, order in enumerate(SORT_ORDERS) if order.name == name)
        self.sort_reversed = False
        self._relist()

    def action_reverse_sort(self) -> None:
        self.sort_reversed = not self.sort_reversed
        self._relist()

    def _relist(self, *, keep_cursor: bool = True, at: Path | None = None) -> None:
        """List again every file that matches the filter, in the chosen order, the cursor
        kept on its file (or put on the file `at`) when that is listed."""
        tree = self.query_one(CassetteTree)
        kept = at or (self._highlighted_file() if keep_cursor else None)
        tree.clear_entries()
        if self._adding is not None:
            self._adding.stop()
            self._adding = None
        tree.fact = SORT_ORDERS[self.sort_index].fact
        matching = [e for e in self.entries if self._matches(e)]
        self.matching = len(matching)
        self._unlisted = sorted_entries(matching, SORT_ORDERS[self.sort_index], self.sort_reversed)
        if len(self._unlisted) <= RELIST_AT_ONCE:
            tree.add_entries(self._unlisted)
            self._unlisted = []
        else:
            self._add_step()
        if kept is None or not tree.select_path(kept):
            tree.cursor_line = 0 if tree.last_line >= 0 else -1
        self._update_sub_title()
        self._show_info(tree.cursor_node.data if tree.cursor_node else None)

    def _update_sub_title(self) -> None:
        if self.scanning:
            self.sub_title = f"scanning… {counted(len(self.entries), 'file')}"
            return
        total = files_text(len(self.entries))
        shown = f"{self.matching} of {total} match" if self.filter.active else total
        if self.checking is not None:
            shown += f" · reading {self.checking[0]}/{self.checking[1]} for the filter…"
        self.sub_title = f"{shown} · by {self.sort_text}"

    def visible_files(self) -> list[Path]:
        return [e.path for e in self.entries if self._matches(e)]
