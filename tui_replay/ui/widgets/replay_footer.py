"""The footer, with `q Quit` and `? Help` first: a narrow terminal cuts the footer's end, and
those two keys are the ones a newcomer needs (at 80x24 it was cut after "Headers")."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

FIRST_ACTIONS = ("quit", "help")
"""App actions, as the footer's keys name them."""


def _first_rank(widget: Widget) -> int | None:
    action = getattr(widget, "action", None)  # each key of the footer carries its action
    return FIRST_ACTIONS.index(action) if action in FIRST_ACTIONS else None


class ReplayFooter(Footer):
    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        first = sorted((w for w in widgets if _first_rank(w) is not None), key=lambda w: _first_rank(w) or 0)
        yield from first
        yield from (w for w in widgets if _first_rank(w) is None)
