"""The comparison screen's left pane: one row per aligned pair of interactions.

    =  A#3 ↔ B#3   same
       POST /v1/chat/completions · gpt-4o → 200

The mark says what happened to the pair (same, changed, only in A, only in B), as
`git diff` marks lines; the second line names the call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_replay.analysis.compare import PairResult, PairStatus
from tui_replay.ui.legible_marks import Colours, LegibleContent, paint

MARKS: dict[PairStatus, tuple[str, str, str]] = {
    "same": ("=", "$text-muted", "same"),
    "changed": ("~", "bold $text-warning", "changed"),
    "only-a": ("-", "bold $text-error", "only in A"),
    "only-b": ("+", "bold $text-success", "only in B"),
}
"""Status -> (mark, style, words)."""
MARK_COLOURS = ("$text-muted", "$text-warning", "$text-error", "$text-success")


def pair_where(pair: PairResult) -> str:
    a = f"A#{pair.a}" if pair.a is not None else "—"
    b = f"B#{pair.b}" if pair.b is not None else "—"
    return f"{a} ↔ {b}"


def pair_prompt(pair: PairResult, label: str, colours: Colours | None = None) -> Content:
    """`colours`: what each of `MARK_COLOURS` is drawn as instead (`PairPrompt` makes them
    legible on the row's background)."""
    mark, style, words = MARKS[pair.status]
    painted = paint(style.split()[-1], colours, bold=style.startswith("bold"))
    line1 = Content.assemble((mark, painted), f"  {pair_where(pair):<13} ", (words, painted))
    line2 = Content.assemble("   ", (label or "…", paint("$text-muted", colours)))
    return Content("\n").join([line1, line2])


class PairPrompt(Visual):
    """A pair's prompt, built when first drawn, its width counted from the strings.

    OptionList measures every option on each layout pass: with Content prompts, a comparison
    of two 5,000-interaction cassettes took ~1.8 s to show (as `InteractionList.RowPrompt`).
    """

    def __init__(self, pair: PairResult, label: str) -> None:
        self.pair = pair
        self.label = label
        self._content: Content | None = None
        self._painted: LegibleContent | None = None
        self._wrapped: dict[int, int] = {}
        """Width -> height, for the widths at which the label wraps."""
        words = MARKS[pair.status][2]
        self._widest = max(
            3 + max(13, cell_len(pair_where(pair))) + 1 + len(words), 3 + cell_len(label or "…")
        )

    @property
    def content(self) -> Content:
        if self._content is None:
            self._content = pair_prompt(self.pair, self.label)
        return self._content

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if self._painted is None:  # when first drawn: a big comparison has thousands of rows
            self._painted = LegibleContent(self._prompt, MARK_COLOURS)
        # a mark legible on the selected row's cursor colour too
        return self._painted.on(style, options).render_strips(width, height, style, options)

    def _prompt(self, colours: Colours | None) -> Content:
        return pair_prompt(self.pair, self.label, colours)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._widest

    def get_height(self, rules: RulesMap, width: int) -> int:
        if self._widest <= width:
            return 2
        height = self._wrapped.get(width)
        if height is None:  # OptionList measures each option at a few widths, pass after pass
            height = self._wrapped[width] = self.content.get_height(rules, width)
        return height


class PairList(OptionList):
    """`PairList(pairs, labels)`: `labels[k]` names pair k's call (filled in later when not yet
    known: pairs equal byte for byte are never decoded by the engine)."""

    def __init__(self, pairs: Sequence[PairResult], labels: Sequence[str], **options: Any) -> None:
        super().__init__(*self.options_for(pairs, labels), **options)
        self.pairs = list(pairs)
        self.labels = list(labels)

    @staticmethod
    def options_for(pairs: Sequence[PairResult], labels: Sequence[str]) -> list[Option]:
        rows = enumerate(zip(pairs, labels, strict=True))
        return [Option(PairPrompt(pair, label), id=str(k)) for k, (pair, label) in rows]

    def relabel(self, labels: Sequence[str]) -> None:
        """The rows whose label changed, redrawn with it (the highlight stays where it is)."""
        self.labels, old = list(labels), self.labels
        for k, (pair, label) in enumerate(zip(self.pairs, labels, strict=True)):
            if label != old[k]:
                self.replace_option_prompt_at_index(k, PairPrompt(pair, label))
