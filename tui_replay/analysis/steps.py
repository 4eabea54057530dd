"""The steps of a lesson: what presentation mode and the slides step through.

A step is one interaction, or one run of identical failed retries (`retries.py`): eight
429s that differ only in ids and timestamps tell a class one thing, so they are one step
("attempts 1–8 of 9: 429 Too Many Requests, same request"), as the exports show them in
one box. Every interaction still belongs to exactly one step, in cassette order, so the
debugging screens (which count interactions) reach them all.

    steps = lesson_steps(cassette)
    steps[2].first, steps.of(5), len(steps)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.retries import RetryRun, identical_retries


@dataclass(frozen=True)
class Step:
    first: int
    """The interaction the step shows (0-based)."""
    last: int
    """Its last interaction: `first` unless the step is a run of identical retries."""
    run: RetryRun | None = None

    @property
    def indices(self) -> range:
        return range(self.first, self.last + 1)


class Steps:
    """The steps of one cassette, in order; `of(i)` is the step holding interaction i."""

    def __init__(self, cassette: Cassette) -> None:
        self.interactions = len(cassette)
        run_at = {run.first: run for run in identical_retries(cassette, range(self.interactions))}
        steps: list[Step] = []
        index = 0
        while index < self.interactions:
            run = run_at.get(index)
            steps.append(Step(index, run.last, run) if run else Step(index, index))
            index = steps[-1].last + 1
        self._steps = steps
        self._firsts = [step.first for step in steps]

    def __len__(self) -> int:
        return len(self._steps)

    def __getitem__(self, number: int) -> Step:
        return self._steps[number]

    def __iter__(self) -> Iterator[Step]:
        return iter(self._steps)

    def of(self, index: int) -> int:
        """The 0-based number of the step that shows interaction `index` (clamped)."""
        return max(0, bisect_right(self._firsts, index) - 1)


_made: WeakKeyDictionary[Cassette, Steps] = WeakKeyDictionary()
"""One `Steps` per opened cassette: the screen, its caption and the slides share it."""


def lesson_steps(cassette: Cassette) -> Steps:
    """The cassette's steps, found once (only retried turns are decoded to find them)."""
    steps = _made.get(cassette)
    if steps is None or steps.interactions != len(cassette):
        steps = _made[cassette] = Steps(cassette)
    return steps
