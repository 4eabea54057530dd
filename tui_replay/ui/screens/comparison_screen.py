"""`tui-replay diff A B` on a terminal: two cassettes side by side, by meaning.

Left, the aligned pairs with their marks (same / changed / only in A / only in B);
right, what differs in the selected pair, as the engine (`analysis.compare`) lists it.
`a` and `b` open the pair's interaction of A or B in the normal cassette screen, and
escape there comes back here: both conversations stay reachable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, OptionList

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.compare import CassetteComparison, PairResult, Side, describe
from tui_replay.analysis.compare_report import summary_line
from tui_replay.ui.glyphs import HEADER_ICON
from tui_replay.ui.widgets.pair_changes import PairChanges
from tui_replay.ui.widgets.pair_list import PairList
from tui_replay.ui.widgets.replay_footer import ReplayFooter
from tui_replay.wording import counted

if TYPE_CHECKING:
    from tui_replay.ui.rows import TimelineRow


@dataclass(frozen=True)
class ComparedCassettes:
    """What the screen shows: the engine's result and the two sides it compared."""

    result: CassetteComparison
    a: Side
    b: Side


def known_labels(compared: ComparedCassettes) -> list[str]:
    """The engine's label of each pair; empty for pairs it never decoded (equal bytes)."""
    return [pair.label for pair in compared.result.pairs]


def all_labels(compared: ComparedCassettes) -> list[str]:
    """Every pair's label, decoding the interactions the engine skipped (off the UI thread)."""
    labels = []
    for pair in compared.result.pairs:
        if pair.label:
            labels.append(pair.label)
        elif pair.b is not None:
            labels.append(describe(compared.b.exchange(pair.b)))
        elif pair.a is not None:
            labels.append(describe(compared.a.exchange(pair.a)))
        else:
            labels.append("")
    return labels


class ComparisonScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "open_side('a')", "Open in A", id="compare.open-a"),
        Binding("b", "open_side('b')", "Open in B", id="compare.open-b"),
        Binding("s", "toggle_strict", "Strict", id="compare.strict"),
        Binding("n", "next_difference", "Next change", id="compare.next-change"),
        Binding("N", "previous_difference", "Prev change", show=False, id="compare.previous-change"),
    ]

    strict_mode: reactive[bool] = reactive(False, init=False)
    """Volatile values (ids, timestamps, durations…) listed too, as `diff --strict` does."""

    def __init__(self, compared: ComparedCassettes, *, strict: bool = False) -> None:
        super().__init__()
        self.compared = compared
        self.labels = known_labels(compared)
        result = compared.result
        self.title = f"{result.label_a} ↔ {result.label_b}"
        self.sub_title = summary_line(result)
        self.set_reactive(ComparisonScreen.strict_mode, strict)

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with Horizontal(id="comparison-body"):
            yield PairList(self.compared.result.pairs, self.labels, id="pairs")
            with VerticalScroll(id="pair-changes-pane"):
                yield PairChanges(id="pair-changes")
        yield ReplayFooter()

    def on_mount(self) -> None:
        pairs = self.query_one(PairList)
        pairs.focus()
        if self.compared.result.pairs:
            pairs.highlighted = self._first_difference()
        self._show_selected()
        if not all(self.labels):
            self._label_all()

    def _first_difference(self) -> int:
        for k, pair in enumerate(self.compared.result.pairs):
            if pair.status != "same":
                return k
        return 0

    @work(thread=True, exclusive=True, exit_on_error=False, group="comparison-labels")
    def _label_all(self) -> None:
        labels = all_labels(self.compared)
        self.app.call_from_thread(self._labelled, labels)

    def _labelled(self, labels: list[str]) -> None:
        self.labels = labels
        self.query_one(PairList).relabel(labels)
        self._show_selected()

    @property
    def selected_pair(self) -> PairResult | None:
        index = self.query_one(PairList).highlighted
        pairs = self.compared.result.pairs
        return pairs[index] if index is not None and 0 <= index < len(pairs) else None

    def _show_selected(self) -> None:
        index = self.query_one(PairList).highlighted
        label = self.labels[index] if index is not None and index < len(self.labels) else ""
        self.query_one(PairChanges).show_pair(self.selected_pair, label, strict=self.strict_mode)
        self.query_one("#pair-changes-pane", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionHighlighted, "#pairs")
    def _pair_highlighted(self) -> None:
        self._show_selected()

    @on(OptionList.OptionSelected, "#pairs")
    def _pair_chosen(self, event: OptionList.OptionSelected) -> None:
        pair = self.compared.result.pairs[event.option_index]
        self.action_open_side("a" if pair.b is None else "b")

    def watch_strict_mode(self) -> None:
        self._show_selected()  # the pane says which mode it is in (no toast: it would hide rows)

    def action_toggle_strict(self) -> None:
        self.strict_mode = not self.strict_mode

    def _step(self, direction: int) -> None:
        pairs = self.compared.result.pairs
        current = self.query_one(PairList).highlighted
        k = (-1 if direction > 0 else len(pairs)) if current is None else current
        k += direction
        while 0 <= k < len(pairs):
            if pairs[k].status != "same":
                self.query_one(PairList).highlighted = k
                return
            k += direction
        self.notify(f"No {'later' if direction > 0 else 'earlier'} pair that differs.", timeout=3)

    def action_next_difference(self) -> None:
        self._step(1)

    def action_previous_difference(self) -> None:
        self._step(-1)

    # -- both conversations reachable ------------------------------------------------------

    def action_open_side(self, side: str) -> None:
        pair = self.selected_pair
        if pair is None:
            return
        index = pair.a if side == "a" else pair.b
        cassette = self.compared.a if side == "a" else self.compared.b
        if index is None or not isinstance(cassette, Cassette):
            self.notify(f"{side.upper()} has no interaction in this pair.", timeout=3)
            return
        self._open(cassette, index, side.upper())

    @work(thread=True, exclusive=True, exit_on_error=False, group="comparison-open")
    def _open(self, cassette: Cassette, index: int, side: str) -> None:
        from tui_replay.ui.quick_rows import quick_rows, wants_quick_rows
        from tui_replay.ui.rows import timeline_rows

        rows = quick_rows(cassette) if wants_quick_rows(cassette) else timeline_rows(cassette)
        # The ignore: mypy cannot solve Textual's `T | Awaitable[T]` for a coroutine returning None.
        self.app.call_from_thread(self._opened, cassette, rows, index, side)  # type: ignore[arg-type]

    async def _opened(self, cassette: Cassette, rows: list[TimelineRow], index: int, side: str) -> None:
        from tui_replay.ui.screens.cassette_screen import CassetteScreen

        result = self.compared.result
        label = result.label_a if side == "A" else result.label_b
        screen = CassetteScreen(cassette, rows, autoplay=getattr(self.app, "autoplay", False))
        screen.sub_title = (
            f"{side}: {label} · {counted(len(cassette), 'interaction')} · escape: back to the comparison"
        )
        await self.app.push_screen(screen)
        screen.jump_to(index)
