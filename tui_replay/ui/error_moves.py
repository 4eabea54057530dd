"""Where `e` and `E` go: the next or previous interaction with an error or problem.

While presenting, a run of identical retries is one step (`tui_replay.analysis.steps`): the
search starts after (or before) the whole step shown, and lands on a step's first attempt,
so a run is stopped at once, not once per attempt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_replay.analysis.steps import Steps
    from tui_replay.ui.rows import TimelineRow


def _searched_from(selected: int, steps: Steps | None) -> tuple[int, int]:
    """The interactions before and after which to search: the selection, or its step."""
    if steps is None or selected < 0:
        return selected, selected
    step = steps[steps.of(selected)]
    return step.first, step.last


def _landing(index: int, steps: Steps | None) -> int:
    return index if steps is None else steps[steps.of(index)].first


def next_error(rows: list[TimelineRow], selected: int, steps: Steps | None) -> int | None:
    for row in rows[_searched_from(selected, steps)[1] + 1 :]:
        if row.flagged:
            return _landing(row.index, steps)
    return None


def previous_error(rows: list[TimelineRow], selected: int, steps: Steps | None) -> int | None:
    for row in reversed(rows[: max(_searched_from(selected, steps)[0], 0)]):
        if row.flagged:
            return _landing(row.index, steps)
    return None
