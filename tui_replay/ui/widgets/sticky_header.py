"""The line above the detail pane that says which interaction is shown while its body scrolls:
`#2 of 12  ·  200  ·  turn 1  ·  attempt 3/3  ·  97 in · 31 out · cost 0.00025`.

Its facts come in order of importance and each is shown whole or not at all: on a narrow
terminal the last ones are left out, instead of the line being cut in the middle of a value
("cost" with no number after it). The line is fitted again when its width changes.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.widgets import Static

SEPARATOR = "  ·  "
TAIL_SEPARATOR = " · "
"""Between the facts of the tail (the interaction's tokens and cost), which belong together."""


def _joined(facts: list[str], tail: list[str]) -> str:
    head = SEPARATOR.join(facts)
    return head + SEPARATOR + TAIL_SEPARATOR.join(tail) if tail else head


def fitted_line(facts: list[str], width: int, tail: list[str] | None = None) -> str:
    """`facts`, then `tail`, joined; what does not fit whole in `width` cells is left out
    from the end, tail first (the first fact is always kept, cut with `…` only if it alone is
    too wide)."""
    facts, tail = list(facts), list(tail or [])
    line = _joined(facts, tail)
    while width > 0 and cell_len(line) > width and len(facts) + len(tail) > 1:
        if tail:
            tail.pop()
        else:
            facts.pop()
        line = _joined(facts, tail)
    if width > 0 and cell_len(line) > width:
        line = line[: max(width - 1, 0)] + "…"
    return line


class StickyHeader(Static):
    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own name
        super().__init__("", id=id, markup=False)
        self.facts: list[str] = []
        self.tail: list[str] = []

    def show_facts(self, facts: list[str], tail: list[str]) -> None:
        self.facts, self.tail = facts, tail
        self._fit_facts()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_facts()

    def _fit_facts(self) -> None:
        self.update(fitted_line(self.facts, self.content_region.width, self.tail))
