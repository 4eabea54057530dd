"""Search in an opened cassette (`s`): a query box, then every match, found in a thread.

The cassette screen asks for the next or previous match (`]` / `[`) and goes where
`SearchPanel.Go` says: an interaction, and the pane that shows what matched (a header
in the headers pane, a raw body in the raw pane, a tool definition in the tools pane).
"""

from __future__ import annotations

import re
import time

from textual import on, work
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.worker import get_current_worker

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.search import Hit
from tui_replay.analysis.search_query import Query, parse_query, query_cassette
from tui_replay.ui.widgets.search_box import SearchBox
from tui_replay.ui.widgets.search_hits import SearchHits

POST_SECONDS = 0.1
"""The search thread hands over what it found at most this often (one message, one repaint)."""

QUERY_HELP = "search this cassette (enter) · filters: errors problems tool:X model:X dialect:X"


def pane_for(where: str) -> str:
    """The cassette screen's pane that shows a hit's `where` (`search.search_exchange`'s)."""
    if where == "url" or where.endswith(" header"):
        return "headers-pane"
    if where.endswith(" body"):
        return "raw-pane"
    if where.startswith("request tool "):
        return "tools-pane"
    return "detail"


class SearchPanel(SearchBox):
    QUERY_HELP = QUERY_HELP
    PREFIX = "search"

    DEFAULT_CSS = """
    SearchPanel { height: 14; border-top: hkey $primary; display: none; }
    SearchPanel.-open { display: block; }
    SearchPanel > #search-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    class Go(Message):
        """Show this hit: its interaction, in the pane `pane_for(hit.where)`."""

        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    class Closed(SearchBox.Closed):
        pass

    class _Found(Message):
        def __init__(self, generation: int, hits: list[Hit], done: bool, failed: str = "") -> None:
            super().__init__()
            self.generation, self.hits, self.done, self.failed = generation, hits, done, failed

    def __init__(self, cassette: Cassette, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.cassette = cassette
        self.query_text = ""
        self.current: int | None = None
        """Index in the hits of the match last gone to."""
        self.searching = False
        self._generation = 0
        self._go_when_done: int | None = None
        """The interaction selected when the search began: once it ends, the first match
        there or after is gone to."""

    # -- searching -----------------------------------------------------------------------

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        selected = getattr(self.screen, "selected", 0)
        self.search(event.value, start_at=max(0, selected))

    def search(self, text: str, *, start_at: int = 0) -> None:
        """Search for `text` (a `parse_query` line); once done, go to the first match at
        interaction `start_at` or after."""
        query = parse_query(text)
        self.query_text = text
        self._generation += 1
        self.current = None
        hits = self.query_one(SearchHits)
        try:
            rx = query.pattern.compiled() if query.pattern is not None else None
        except re.error as exc:  # a plain search never fails; kept for a pattern made by hand
            hits.reset(None)
            self._status(f"cannot search for {text!r}: {exc}")
            return
        hits.reset(rx)
        if query.empty:
            self.searching = False
            self._status(QUERY_HELP)
            return
        self.searching = True
        self._go_when_done = start_at
        self._status("searching…")
        hits.focus()
        self._search(query, self._generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="cassette-search")
    def _search(self, query: Query, generation: int) -> None:
        worker = get_current_worker()
        found: list[Hit] = []
        posted = time.monotonic()
        try:
            for hit in query_cassette(self.cassette, query, lambda: worker.is_cancelled):
                found.append(hit)
                if time.monotonic() - posted >= POST_SECONDS:
                    self.post_message(self._Found(generation, found, done=False))
                    found, posted = [], time.monotonic()
        except Exception as exc:  # a decoder bug stops the search, not the app
            failed = f"{type(exc).__name__}: {exc}"
            self.post_message(self._Found(generation, found, done=True, failed=failed))
            return
        if not worker.is_cancelled:
            self.post_message(self._Found(generation, found, done=True))

    @on(_Found)
    def _found(self, event: _Found) -> None:
        if event.generation != self._generation:
            return  # from a search replaced since
        hits = self.query_one(SearchHits)
        hits.add_hits(event.hits)
        if not event.done:
            self._status(f"searching… {self._count_text()}")
            return
        self.searching = False
        if event.failed:
            self._status(f"search stopped: {event.failed}")
        elif not hits.hits:
            self._status(f"no match for {self.query_text!r}")
        start, self._go_when_done = self._go_when_done, None
        if hits.hits and start is not None:
            later = [i for i, hit in enumerate(hits.hits) if (hit.interaction or 0) >= start]
            self.go(later[0] if later else 0)

    def _count_text(self) -> str:
        hits = self.query_one(SearchHits)
        count = len(hits.hits) + hits.left_out
        more = f" ({hits.left_out} not listed)" if hits.left_out else ""
        interactions = len({hit.interaction for hit in hits.hits})
        return f"{count} match{'es' if count != 1 else ''} in {interactions}+ interactions{more}"

    # -- going to a match ----------------------------------------------------------------

    def go(self, index: int) -> None:
        hits = self.query_one(SearchHits)
        if not hits.hits:
            return
        self.current = index % len(hits.hits)
        hits.highlighted = self.current
        hit = hits.hits[self.current]
        self._status(f"match {self.current + 1} of {len(hits.hits)} · #{hit.interaction} {hit.where}")
        self.post_message(self.Go(hit))

    def step(self, by: int) -> bool:
        """Go to the next (`by` 1) or previous (-1) match; False when there is none."""
        if not self.hits:
            return False
        self.add_class("-open")
        self.go(0 if self.current is None and by > 0 else (self.current or 0) + by)
        return True

    @on(OptionList.OptionSelected, "#search-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.go(event.option_index)
