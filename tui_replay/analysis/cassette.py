"""A cassette opened for viewing: raw interactions decoded on demand.

This is the one entry point the headless commands, exports and the TUI use:

    cassette = open_cassette(path)
    len(cassette); cassette.format
    cassette.exchange(i)      # decoded Exchange, cached
    cassette.turn(i)          # TurnInfo (retries grouped into turns)
    cassette.problems()       # every Problem, decode-level and cross-interaction
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui_replay import dialects
from tui_replay.analysis.problems import NEAR_LOOKAHEAD, problems_near, problems_of_all
from tui_replay.analysis.turns import TurnIndex, certainly_succeeded
from tui_replay.formats.load import CassetteFile, load_cassette
from tui_replay.model import Exchange, Problem, TurnInfo


class Cassette:
    def __init__(self, file: CassetteFile) -> None:
        self.file = file
        self.path: Path = file.path
        self.format: str = file.format
        # A plain LRU dict, not functools.lru_cache on a bound method: that made every
        # Cassette a reference cycle, freed (with all its decoded data) only by the cyclic GC.
        self._decoded: OrderedDict[int, Exchange] = OrderedDict()
        self._turns: TurnIndex | None = None
        self._turns_lazy = file.lazy
        """Whether the file was read lazily when the turn index was made (a file whose byte
        index proves wrong is parsed whole, which may change its interactions)."""
        self._problems: list[Problem] | None = None

    def __len__(self) -> int:
        return len(self.file)

    def has(self, index: int) -> bool:
        """Whether interaction `index` exists (reads no further than it; `len` reads all)."""
        return self.file.has(index)

    DECODED_CACHE = 256
    """Decoded exchanges kept per cassette (a 5,000-interaction file is not held decoded whole)."""

    def exchange(self, index: int) -> Exchange:
        if not self.has(index):
            raise IndexError(f"interaction {index} out of range (0..{len(self) - 1})")
        cached = self._decoded.get(index)
        if cached is not None:
            self._decoded.move_to_end(index)
            return cached
        exchange = dialects.decode(self.file.raw(index))
        self._decoded[index] = exchange
        if len(self._decoded) > self.DECODED_CACHE:
            self._decoded.popitem(last=False)
        return exchange

    def exchanges(self) -> list[Exchange]:
        return [self.exchange(i) for i in range(len(self))]

    @property
    def turn_index(self) -> TurnIndex:
        """Retry grouping; see `tui_replay.analysis.turns` for what each call costs."""
        if self._turns is None or self._turns_lazy != self.file.lazy:
            # weak callbacks: the index must not hold the cassette in a reference cycle
            self._turns_lazy = self.file.lazy
            self._turns = TurnIndex(
                self.file.has, self.file.raw, _weakly(self.exchange), _weakly(self._certainly_succeeded)
            )
        return self._turns

    def item_bytes(self, index: int) -> bytes | None:
        """The interaction's bytes as they sit in the file, when the loader indexes them, else None
        (two recordings with the same bytes need no decoding to be called the same)."""
        return self.file.item_bytes(index)

    def _certainly_succeeded(self, index: int) -> bool:
        item = self.file.item_bytes(index)
        return item is not None and certainly_succeeded(item)

    def turn(self, index: int) -> TurnInfo:
        """Turn, attempt and attempts of an interaction (numbers turns up to it once)."""
        return self.turn_index.info(index)

    def turn_if_known(self, index: int) -> TurnInfo | None:
        """`turn(index)` when it costs nothing more, else None (attempts are always cheap:
        `self.turn_index.attempt(index)`;
        `self.turn_index.scan()` numbers all turns, e.g. in a worker)."""
        return self.turn_index.peek(index)

    def problems(self) -> list[Problem]:
        """Every problem, decode-level and cross-interaction, ordered by interaction."""
        if self._problems is None:
            self._problems = problems_of_all(self.exchange, len(self))
        return list(self._problems)

    def problems_for(self, index: int) -> list[Problem]:
        """Problems of one interaction: from `problems()` when already computed, else from a
        window around it (`problems_near`), so a big cassette is not decoded, nor even read,
        whole to show one interaction."""
        if self._problems is not None:
            return [p for p in self._problems if p.interaction == index]
        return problems_near(self.exchange, self.file.count_up_to(index + NEAR_LOOKAHEAD + 1), index)


def _weakly(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method` called through a weak reference to its object."""
    ref = weakref.WeakMethod(method)

    def call(*args: Any) -> Any:
        bound = ref()
        if bound is None:  # pragma: no cover - the cassette is gone, so is whoever asks
            raise ReferenceError("the cassette was closed")
        return bound(*args)

    return call


def open_cassette(path: str | Path, data: bytes | None = None) -> Cassette:
    """Open a cassette file; raises `CassetteError` for anything unreadable. `data`: its
    bytes, when already read (`tui_replay.formats.read_cassette_bytes`)."""
    return Cassette(load_cassette(path, data))
