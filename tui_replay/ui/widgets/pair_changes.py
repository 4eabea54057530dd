"""The comparison screen's right pane: what differs in the selected pair, by meaning.

Rows are the engine's `Change`s (`analysis.compare_exchange`), grouped by section
(request, response, timing) in the engine's order. Volatile values (ids, timestamps,
durations, signatures) are counted, and listed only in strict mode.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui_replay.analysis.compare import PairResult
from tui_replay.analysis.compare_exchange import Change
from tui_replay.ui.widgets.pair_list import MARKS, pair_where


def change_lines(change: Change, volatile: bool) -> list[Content]:
    """`where` on one line, then what A had and what B has (or that it was added / removed)."""
    mark = "~ " if volatile else "  "
    where_style = "$text-muted" if volatile else "bold"
    lines = [Content.assemble((mark, "$text-muted"), (change.where, where_style))]
    if change.before is not None:
        lines.append(Content.assemble("      A  ", (change.before, "$text-error")))
    if change.after is not None:
        lines.append(Content.assemble("      B  ", (change.after, "$text-success")))
    if change.kind != "changed":
        lines[0] = Content.assemble(lines[0], (f"  ({change.kind} in B)", "$text-muted"))
    return lines


def pair_description(pair: PairResult, label: str, *, strict: bool) -> Content:
    mark, style, words = MARKS[pair.status]
    out = [Content.assemble((f"{mark} {pair_where(pair)}  {words}", style), "  ", label)]
    out.append(Content(""))
    if pair.status == "only-a":
        out.append(Content("Only in A: B has no interaction that pairs with it (a turn or retry removed)."))
        out.append(Content.assemble(("a", "bold $accent"), " opens it in A."))
        return Content("\n").join(out)
    if pair.status == "only-b":
        out.append(Content("Only in B: A has no interaction that pairs with it (a turn or retry added)."))
        out.append(Content.assemble(("b", "bold $accent"), " opens it in B."))
        return Content("\n").join(out)
    comparison = pair.comparison
    if comparison is None:
        out.append(Content("Recorded byte for byte the same in both cassettes."))
        return Content("\n").join(out)
    shown = [(c, False) for c in comparison.changes]
    if strict:
        shown += [(c, True) for c in comparison.volatile]
    if not comparison.changes:
        out.append(Content("The same by meaning."))
    section = None
    for change, volatile in shown:
        if change.section != section:
            section = change.section
            out.append(Content(""))
            out.append(Content.styled(section, "bold $accent underline"))
        out.extend(change_lines(change, volatile))
    hidden = len(comparison.volatile)
    if hidden and strict:
        out.append(Content(""))
        out.append(
            Content.assemble(
                ("~ marks volatile values (ids, timestamps, durations…); ", "$text-muted"),
                ("s", "bold $accent"),
                (" hides them.", "$text-muted"),
            )
        )
    elif hidden:
        out.append(Content(""))
        out.append(
            Content.assemble(
                (f"{hidden} volatile value{'s' if hidden != 1 else ''} changed too ", "$text-muted"),
                ("(ids, timestamps, durations…); ", "$text-muted"),
                ("s", "bold $accent"),
                (" lists them.", "$text-muted"),
            )
        )
    return Content("\n").join(out)


class PairChanges(Static):
    """The changes of one pair; `show_pair` replaces what is shown."""

    def show_pair(self, pair: PairResult | None, label: str, *, strict: bool) -> None:
        if pair is None:
            self.update("No interactions in either cassette.")
            return
        self.update(pair_description(pair, label, strict=strict))
