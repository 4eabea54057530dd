"""What the two searches share: a query line, a status line and the hits found so far.

`SearchPanel` searches the opened cassette and `ContentSearch` every listed file; they differ
in what they search and where a chosen hit leads, not in how the box opens, closes or
reports progress.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui_replay.ui.widgets.search_hits import SearchHits

if TYPE_CHECKING:  # the core is imported by the first search, not at start-up
    from tui_replay.analysis.search import Hit


class SearchBox(Vertical):
    BINDINGS = [Binding("escape", "close", "Close search", id="search.close")]

    QUERY_HELP: ClassVar[str] = ""
    PREFIX: ClassVar[str] = "search"
    """Ids of the parts: `<PREFIX>-input`, `<PREFIX>-status`, `<PREFIX>-hits`."""
    SHOW_FILE: ClassVar[bool] = False

    class Closed(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.QUERY_HELP, id=f"{self.PREFIX}-input")
        yield Static("", id=f"{self.PREFIX}-status", markup=False)
        yield SearchHits(show_file=self.SHOW_FILE, id=f"{self.PREFIX}-hits")

    @property
    def hits(self) -> list[Hit]:
        return self.query_one(SearchHits).hits

    def open(self) -> None:
        self.add_class("-open")
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.remove_class("-open")
        self.closing()
        self.post_message(self.Closed())

    def closing(self) -> None:
        """What a search stops or forgets when its box closes: the cassette's search goes on
        (`]` walks its hits after closing), the browser's stops."""

    def _status(self, text: str) -> None:
        self.query_one(f"#{self.PREFIX}-status", Static).update(text)
