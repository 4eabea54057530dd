"""The timeline's header: what the cassette spent, what it wasted, and the selected turn's share.

    Σ ≥334 tok · cost 0.00063
    wasted 10× · 3.9 s
    turn 2: ≥206 tok · wasted 8×

`≥` marks a floor: some interactions reported no usage, and they are not counted as 0. The
third line shows only when some turn has more than one interaction (retries, polls);
otherwise a turn is its interaction, and the detail header says what that spent. The
tooltip holds the same sums in full words (`tui_replay.analysis.spend`).

The sums need every interaction decoded, so `count` makes them in a thread worker; until
then the header says it is counting.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.widgets import Static

from tui_replay.analysis.cost import cost_text
from tui_replay.analysis.spend import (
    CassetteSpend,
    TurnSpend,
    Wasted,
    at_least,
    compact,
    duration_text,
    tokens_line,
    wasted_line,
)
from tui_replay.model import CassetteError

if TYPE_CHECKING:
    from tui_replay.analysis.cassette import Cassette


def _wasted_words(wasted: Wasted) -> str:
    """`wasted 10× · 3.9 s`, `no wasted work`."""
    if not wasted:
        return "no wasted work"
    took = f" · {duration_text(wasted.duration_ms)}" if wasted.duration_ms is not None else ""
    tokens = f" · {compact(wasted.tokens.total)} tok" if wasted.tokens.total else ""
    return f"wasted {wasted.attempts}×{took}{tokens}"


def totals_words(spend: CassetteSpend) -> str:
    """`Σ ≥334 tok · cost 0.00063`, or `… · no cost reported`."""
    tokens = spend.tokens
    cost = f"cost {cost_text(tokens.cost, tight=True)}" if tokens.cost is not None else "no cost reported"
    return f"Σ {at_least(tokens)} · {cost}"


def turn_words(turn: TurnSpend) -> str:
    """`turn 2: ≥206 tok · wasted 8×`."""
    wasted = f" · wasted {turn.wasted.attempts}×" if turn.wasted else ""
    return f"turn {turn.turn}: {at_least(turn.tokens)}{wasted}"


class SpendHeader(Static):
    """Docked on top of the timeline column (the list below keeps its `max-height: 100%`)."""

    DEFAULT_CSS = """
    SpendHeader { dock: top; height: auto; padding: 0 1; background: $boost; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own name
        super().__init__("Σ counting tokens…", id=id)
        self.totals: CassetteSpend | None = None
        self.turn_shown = 0
        """The turn whose line is shown (0: none yet)."""

    @work(thread=True, exclusive=True, exit_on_error=False, group="spend")
    def count(self, cassette: Cassette) -> None:
        """Sum tokens, cost and wasted work off the UI thread: it decodes every interaction."""
        from textual.worker import get_current_worker

        from tui_replay.analysis.spend import cassette_spend

        worker = get_current_worker()

        def stop() -> bool:
            # asked between interactions: the GIL is handed to the UI thread there, so key
            # presses wait for one decode (~1 ms), not the 5 ms switch interval, while a
            # 5,000-interaction file is summed (~3 s)
            time.sleep(0)
            return worker.is_cancelled

        try:
            spend = cassette_spend(cassette, stop, fresh=True)
        except CassetteError as exc:  # a lazily read file can prove broken past what is shown
            self.app.call_from_thread(self.cannot_count, str(exc))
            return
        if spend is not None:
            self.app.call_from_thread(self.show_totals, spend)

    def show_totals(self, spend: CassetteSpend) -> None:
        self.totals = spend
        self._redraw()

    def cannot_count(self, reason: str) -> None:
        """The sums could not be made (the file broke further on); the reason in the tooltip."""
        self.update("Σ not counted: the file could not be read whole")
        self.tooltip = reason

    def follow_turn(self, turn: int) -> None:
        """Show turn `turn`'s share (the selected interaction's turn)."""
        if turn != self.turn_shown:
            self.turn_shown = turn
            self._redraw()

    def _redraw(self) -> None:
        spend = self.totals
        if spend is None:
            return
        lines = [Content(totals_words(spend))]
        wasted = _wasted_words(spend.wasted)
        lines.append(Content.styled(wasted, "$text-warning" if spend.wasted else ""))
        tip = [f"cassette: {tokens_line(spend.tokens)}", wasted_line(spend.wasted)]
        if any(len(turn.interactions) > 1 for turn in spend.turns):
            turn = next((t for t in spend.turns if t.turn == self.turn_shown), None)
            lines.append(Content(turn_words(turn) if turn is not None else "turn …"))
            if turn is not None:
                tip += [f"turn {turn.turn}: {tokens_line(turn.tokens)}", wasted_line(turn.wasted)]
        self.update(Content("\n").join(lines))
        self.tooltip = "\n".join(tip)
