"""The browser's content search (`s`): every listed cassette searched in a thread, the hits
(file, interaction, snippet) listed as they are found; enter opens the cassette at the hit.

The query line is `tui_replay.analysis.search_query`'s: text plus the filters `errors`,
`problems`, `dialect:X`, `model:X`, `tool:X` (filters alone list every interaction that
passes them).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.worker import get_current_worker

if TYPE_CHECKING:  # the core (PyYAML, every dialect) is imported by the first search, not at start-up
    from tui_replay.analysis.search import Hit
    from tui_replay.analysis.search_query import Query
from tui_replay.ui.widgets.search_box import SearchBox
from tui_replay.ui.widgets.search_hits import SearchHits
from tui_replay.wording import counted

POST_SECONDS = 0.15
"""The search thread hands over what it found at most this often (one message, one repaint)."""

QUERY_HELP = "search inside every cassette (enter) · filters: errors problems tool:X model:X dialect:X"


class ContentSearch(SearchBox):
    BINDINGS = [Binding("escape", "close", "Close content search", id="browser.close-search")]
    QUERY_HELP = QUERY_HELP
    PREFIX = "content"
    SHOW_FILE = True

    DEFAULT_CSS = """
    ContentSearch { height: 1fr; display: none; }
    ContentSearch.-open { display: block; }
    ContentSearch > #content-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    class Open(Message):
        """Open `path` at `interaction` (None: the file could not be read; opening says why)."""

        def __init__(self, path: Path, interaction: int | None) -> None:
            super().__init__()
            self.path, self.interaction = path, interaction

    class Closed(SearchBox.Closed):
        pass

    class _Found(Message):
        def __init__(self, generation: int, hits: list[Hit], searched: int, done: bool) -> None:
            super().__init__()
            self.generation, self.hits, self.searched, self.done = generation, hits, searched, done

    def __init__(self, files: Callable[[], list[Path]], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.files = files
        """The files to search, asked when a search starts (the browser's listed files)."""
        self.searching = False
        self.total = 0
        self.query_text = ""
        self._generation = 0

    def closing(self) -> None:
        self.workers.cancel_group(self, "content-search")
        self.searching = False

    @on(Input.Submitted, "#content-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search(event.value)

    def search(self, text: str) -> None:
        from tui_replay.analysis.search_query import parse_query

        query = parse_query(text)
        self.query_text = text
        self._generation += 1
        hits = self.query_one(SearchHits)
        files = self.files()
        root = os.path.commonpath([str(file.parent) for file in files]) if files else ""
        hits.reset(query.pattern.compiled() if query.pattern is not None else None, root)
        if query.empty:
            self.workers.cancel_group(self, "content-search")
            self.searching = False
            self._status(QUERY_HELP)
            return
        self.total = len(files)
        self.searching = True
        self._status(f"searching {counted(self.total, 'file')}…")
        hits.focus()
        self._search(files, query, self._generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="content-search")
    def _search(self, files: list[Path], query: Query, generation: int) -> None:
        from tui_replay.analysis.search import Hit
        from tui_replay.analysis.search_query import query_file

        worker = get_current_worker()
        found: list[Hit] = []
        posted = time.monotonic()
        for searched, path in enumerate(files, 1):
            wait_until_opened = getattr(self.app, "wait_until_opened", None)
            if wait_until_opened is not None:  # a cassette being opened goes first (the GIL)
                wait_until_opened(worker)
            if worker.is_cancelled:
                return
            try:
                found.extend(query_file(path, query, lambda: worker.is_cancelled))
            except Exception as exc:  # a decoder bug: the file is reported, the search goes on
                found.append(Hit(str(path), None, "unreadable", f"{path}: {type(exc).__name__}: {exc}"))
            if time.monotonic() - posted >= POST_SECONDS:
                self.post_message(self._Found(generation, found, searched, done=False))
                found, posted = [], time.monotonic()
        if not worker.is_cancelled:
            self.post_message(self._Found(generation, found, len(files), done=True))

    @on(_Found)
    def _found(self, event: _Found) -> None:
        if event.generation != self._generation:
            return  # from a search replaced since
        hits = self.query_one(SearchHits)
        hits.add_hits(event.hits)
        self.searching = not event.done
        count = len(hits.hits) + hits.left_out
        files = len({hit.path for hit in hits.hits})
        more = f" ({hits.left_out} not listed)" if hits.left_out else ""
        progress = f"searching… {event.searched}/{counted(self.total, 'file')} · " if not event.done else ""
        if event.done and not count:
            self._status(f"no match for {self.query_text!r} in {counted(self.total, 'file')}")
            return
        unread = sum(1 for hit in hits.hits if hit.interaction is None)
        unreadable = f" · {unread} unreadable" if unread else ""
        matches = counted(count, "match", "matches")
        self._status(
            f"{progress}{matches} in {counted(files, 'file')}{more}{unreadable}"
            " · enter opens the cassette at the match"
        )
        if hits.highlighted is None and hits.hits:
            hits.highlighted = 0

    @on(OptionList.OptionSelected, "#content-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hits[event.option_index]
        self.post_message(self.Open(Path(hit.path), hit.interaction))
