"""Which two interactions the diff pane compares: the attempt before this one in its turn
(`attempts`), or the last attempt of the turn before (`turn`), and a title that says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_replay.analysis.cassette import Cassette
    from tui_replay.model import Exchange
    from tui_replay.ui.rows import TimelineRow


def diff_pair(
    cassette: Cassette, rows: list[TimelineRow], index: int, mode: str
) -> tuple[Exchange | None, Exchange | None, str]:
    """`(left, right, title)`; `left` is None when there is nothing before to compare with."""
    if not 0 <= index < len(rows):
        return None, None, "nothing selected"
    row = rows[index]
    right = cassette.exchange(index)
    if mode == "attempts":
        if row.attempt > 1:
            left = cassette.exchange(index - 1)
            return (
                left,
                right,
                (
                    f"turn {row.turn}: attempt {row.attempt - 1} (#{index - 1})"
                    f" vs attempt {row.attempt} (#{index})"
                ),
            )
        return None, right, f"turn {row.turn} has no attempt before #{index}"
    first = index - (row.attempt - 1)
    if first > 0:
        previous = rows[first - 1]
        left = cassette.exchange(previous.index)
        return (
            left,
            right,
            f"turn {previous.turn} (#{previous.index}) vs turn {row.turn} (#{index})",
        )
    return None, right, f"#{index} is in the first turn: no previous turn"
