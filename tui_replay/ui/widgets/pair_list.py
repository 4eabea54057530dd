"""The comparison screen's left pane: one row per aligned pair of interactions.

    =  A#3 ↔ B#3   same
       POST /v1/chat/completions · gpt-4o → 200

The mark says what happened to the pair (same, changed, only in A, only in B), as
`git diff` marks lines; the second line names the call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_replay.analysis.compare import PairResult, PairStatus

MARKS: dict[PairStatus, tuple[str, str, str]] = {
    "same": ("=", "$text-muted", "same"),
    "changed": ("~", "bold $warning", "changed"),
    "only-a": ("-", "bold $error", "only in A"),
    "only-b": ("+", "bold $success", "only in B"),
}
"""Status -> (mark, style, words)."""


def pair_where(pair: PairResult) -> str:
    a = f"A#{pair.a}" if pair.a is not None else "—"
    b = f"B#{pair.b}" if pair.b is not None else "—"
    return f"{a} ↔ {b}"


def pair_prompt(pair: PairResult, label: str) -> Content:
    mark, style, words = MARKS[pair.status]
    line1 = Content.assemble((mark, style), f"  {pair_where(pair):<13} ", (words, style))
    line2 = Content.assemble("   ", (label or "…", "$text-muted"))
    return Content("\n").join([line1, line2])


class PairList(OptionList):
    """`PairList(pairs, labels)`: `labels[k]` names pair k's call (filled in later when not yet
    known: pairs equal byte for byte are never decoded by the engine)."""

    def __init__(self, pairs: Sequence[PairResult], labels: Sequence[str], **options: Any) -> None:
        super().__init__(*self.options_for(pairs, labels), **options)
        self.pairs = list(pairs)

    @staticmethod
    def options_for(pairs: Sequence[PairResult], labels: Sequence[str]) -> list[Option]:
        rows = enumerate(zip(pairs, labels, strict=True))
        return [Option(pair_prompt(pair, label), id=str(k)) for k, (pair, label) in rows]

    def relabel(self, labels: Sequence[str]) -> None:
        """Every row again with `labels`, the highlighted row kept."""
        keep = self.highlighted
        self.clear_options()
        self.add_options(self.options_for(self.pairs, labels))
        if keep is not None:
            self.highlighted = keep
