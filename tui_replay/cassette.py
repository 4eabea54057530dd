"""A cassette opened for viewing: raw interactions decoded on demand.

This is the one entry point the headless commands, exports and the TUI use:

    cassette = open_cassette(path)
    len(cassette); cassette.format
    cassette.exchange(i)      # decoded Exchange, cached
    cassette.turn(i)          # TurnInfo (retries grouped into turns)
    cassette.problems()       # every Problem, decode-level and cross-interaction
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tui_replay import dialects
from tui_replay.analysis import problems as problem_checks
from tui_replay.analysis import turns
from tui_replay.formats import CassetteFile, load_cassette
from tui_replay.model import Exchange, Problem, TurnInfo


class Cassette:
    def __init__(self, file: CassetteFile) -> None:
        self.file = file
        self.path: Path = file.path
        self.format: str = file.format
        self._exchange = lru_cache(maxsize=256)(self._decode)
        self._turns: turns.TurnIndex | None = None

    def __len__(self) -> int:
        return len(self.file)

    def _decode(self, index: int) -> Exchange:
        return dialects.decode(self.file.raw(index))

    def exchange(self, index: int) -> Exchange:
        if not 0 <= index < len(self):
            raise IndexError(f"interaction {index} out of range (0..{len(self) - 1})")
        return self._exchange(index)

    def exchanges(self) -> list[Exchange]:
        return [self.exchange(i) for i in range(len(self))]

    def turn(self, index: int) -> TurnInfo:
        if self._turns is None:
            self._turns = turns.TurnIndex(self.exchange, len(self))
        return self._turns.info(index)

    def problems(self) -> list[Problem]:
        return problem_checks.find_problems(self)

    def problems_for(self, index: int) -> list[Problem]:
        return [p for p in self.problems() if p.interaction == index]


def open_cassette(path: str | Path) -> Cassette:
    """Open a cassette file; raises `CassetteError` for anything unreadable."""
    return Cassette(load_cassette(path))
