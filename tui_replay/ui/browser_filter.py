"""What the browser's `/` box asks of the list.

Words of a file's name and folders are matched as typed. The search line's filter words
(`errors`, `problems`, `dialect:x`, `model:x`, `tool:x`, `analysis.search_query`) are asked
of each file's summary (`analysis.cassette_summary`), which the browser reads in a worker:
a file is listed once it is read and found to hold them. `checking` says how far that is.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui_replay.ui.widgets.cassette_tree import FileEntry

if TYPE_CHECKING:  # the analysis imports the decoders: imported when a filter word is typed
    from tui_replay.analysis.cassette_summary import CassetteSummary
    from tui_replay.analysis.search_query import Query


class ListFilter:
    def __init__(self) -> None:
        self.text = ""
        """The box's text, lower case."""
        self.name_text = ""
        """The part of it matched against names and folders."""
        self.query: Query | None = None
        """Its filter words, when it has any."""
        self.generation = 0
        """Counts changes of the filter words: a read for older ones is left unused."""
        self.checked: dict[Path, CassetteSummary] = {}
        """Files read for the current filter words, with what they hold."""
        self.checking: tuple[int, int] | None = None
        """(files read, files to read) while the filter words are being answered."""

    @property
    def active(self) -> bool:
        return bool(self.name_text) or self.query is not None

    def set_text(self, text: str) -> bool:
        """Take the box's text; True when its filter words changed (the files must be read
        for them: `generation` is new, nothing is checked yet)."""
        self.text = text.strip().lower()
        query = None
        if self.text:
            from tui_replay.analysis.search_query import parse_query

            query = parse_query(self.text)
        self.name_text = query.pattern.text if query is not None and query.pattern is not None else ""
        # the words alone: a name typed after them needs no new read
        wanted = replace(query, pattern=None) if query is not None and query.has_filters else None
        if wanted == self.query:
            return False
        self.query = wanted
        self.generation += 1
        self.checked = {}
        self.checking = None
        return True

    def found(self, generation: int, summaries: list[CassetteSummary], done: bool, files: int) -> bool:
        """Files read for the filter words of `generation`; False when those words changed
        since (the summaries are not used)."""
        if generation != self.generation:
            return False
        for summary in summaries:
            self.checked[summary.path] = summary
        self.checking = None if done else (len(self.checked), files)
        return True

    def matches(self, entry: FileEntry) -> bool:
        if self.name_text and self.name_text not in "/".join(entry.relative[1:]).lower():
            return False
        if self.query is None:
            return True
        from tui_replay.analysis.cassette_summary import passes_filters  # loaded by `set_text`

        known = self.checked.get(entry.path)
        return known is not None and passes_filters(known, self.query)
