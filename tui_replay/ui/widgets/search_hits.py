"""Search hits as a list: where each match is, and its snippet with the match highlighted.

Shared by the opened cassette's search (`SearchPanel`) and the browser's content search
(`ContentSearch`); the hits come from `tui_replay.analysis.search`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # the core is imported when a search runs, not when the browser starts
    from tui_replay.analysis.search import Hit

MATCH_STYLE = "bold $text-warning on $warning-muted"
SHOWN_AT_MOST = 5000
"""Hits listed; past it the list says how many more there were (a search for `e` in 500
files finds hundreds of thousands, and a list that size takes seconds to lay out)."""


def highlighted(text: str, rx: re.Pattern[str] | None) -> Content:
    """`text` with every match of `rx` styled (snippets are whitespace-folded, so a match
    across a line break may not be found again: the text is then shown plain)."""
    if rx is None:
        return Content(text)
    pieces: list[str | tuple[str, str]] = []
    at = 0
    for match in rx.finditer(text):
        if match.end() == match.start():
            continue
        pieces += [text[at : match.start()], (match.group(), MATCH_STYLE)]
        at = match.end()
    pieces.append(text[at:])
    return Content.assemble(*pieces)


def hit_prompt(hit: Hit, rx: re.Pattern[str] | None, *, show_file: bool, root: str = "") -> Content:
    """Two lines: where (`file:interaction` with the file relative to `root`, or `#interaction`),
    then the snippet."""
    number = "" if hit.interaction is None else f"#{hit.interaction}"
    path = hit.path[len(root) :].lstrip("/\\") if root and hit.path.startswith(root) else hit.path
    head = f"{path}:{hit.interaction if hit.interaction is not None else ''}" if show_file else number
    style = "$text-error" if hit.interaction is None else "$text-muted"
    first = Content.assemble((head, "bold"), "  ", (hit.where, style))
    return Content("\n").join([first, Content.assemble("  ", highlighted(hit.snippet, rx))])


class SearchHits(OptionList):
    """Hits in the order found; `hits[i]` is option i."""

    DEFAULT_CSS = """
    SearchHits { height: 1fr; border: none; }
    SearchHits:focus { border: none; }
    """

    def __init__(self, *, show_file: bool, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.show_file = show_file
        self.hits: list[Hit] = []
        self.rx: re.Pattern[str] | None = None
        self.root = ""
        """Left out of the file names shown: the folder every searched file is in."""
        self.left_out = 0
        """Hits found past `SHOWN_AT_MOST`, counted, not listed."""

    def reset(self, rx: re.Pattern[str] | None, root: str = "") -> None:
        self.hits = []
        self.rx = rx
        self.root = root
        self.left_out = 0
        self.clear_options()

    def add_hits(self, hits: list[Hit]) -> None:
        room = max(0, SHOWN_AT_MOST - len(self.hits))
        shown, self.left_out = hits[:room], self.left_out + max(0, len(hits) - room)
        if not shown:
            return
        self.hits.extend(shown)
        show_file, root = self.show_file, self.root
        self.add_options([Option(hit_prompt(hit, self.rx, show_file=show_file, root=root)) for hit in shown])
