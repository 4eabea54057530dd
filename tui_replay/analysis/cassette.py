"""A cassette opened for viewing: raw interactions decoded on demand.

This is the one entry point the headless commands, exports and the TUI use:

    cassette = open_cassette(path)    # redact=False (`--no-redact`): secrets as recorded
    len(cassette); cassette.format
    cassette.exchange(i)      # decoded Exchange, secrets masked, cached
    cassette.raw(i)           # the recorded interaction, secrets masked
    cassette.turn(i)          # TurnInfo (retries and polls grouped into turns)
    cassette.problems()       # every Problem, decode-level and cross-interaction
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui_replay import dialects
from tui_replay.analysis.masked_exchange import masked_exchange, masked_problem
from tui_replay.analysis.polls import might_be_poll
from tui_replay.analysis.problems import NEAR_LOOKAHEAD, problems_near, problems_of_all
from tui_replay.analysis.turns import TurnIndex, certainly_succeeded
from tui_replay.formats.load import CassetteFile, load_cassette
from tui_replay.model import Exchange, Problem, RawInteraction, TurnInfo


class Cassette:
    """An opened cassette. Everything it hands out has its secrets masked unless it was
    opened with `redact=False`: masking happens here, once, so no renderer can forget it
    (`tui_replay.analysis.masked_exchange`).

    Analysis that shows no recorded text (turns, problems, the rows' facts) reads
    `unmasked_exchange(i)`: opening a cassette then masks nothing, and an interaction is
    masked when something asks to show it (`exchange(i)`). `file` is the unmasked source."""

    def __init__(self, file: CassetteFile, *, redact: bool = True) -> None:
        self.file = file
        self.redact = redact
        """True when secrets are masked (the default); False for `--no-redact`."""
        self.path: Path = file.path
        self.format: str = file.format
        # A plain LRU dict, not functools.lru_cache on a bound method: that made every
        # Cassette a reference cycle, freed (with all its decoded data) only by the cyclic GC.
        self._decoded: OrderedDict[int, Exchange] = OrderedDict()
        self._masked: OrderedDict[int, Exchange] = OrderedDict()
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

    def count_up_to(self, limit: int) -> int:
        """`min(len(self), limit)`, reading the file no further than interaction `limit`."""
        return self.file.count_up_to(limit)

    DECODED_CACHE = 256
    """Decoded exchanges kept per cassette (a 5,000-interaction file is not held decoded whole),
    and as many masked ones (which share every object that held no secret)."""

    def exchange(self, index: int) -> Exchange:
        """Interaction `index` decoded, secrets masked unless opened with `redact=False`: what
        every view shows."""
        if not self.redact:
            return self.unmasked_exchange(index)
        cached = self._masked.get(index)
        if cached is not None:
            self._masked.move_to_end(index)
            return cached
        # masked after decoding: a binary body (eventstream) is decoded from the recorded bytes
        exchange = masked_exchange(self.unmasked_exchange(index))
        _keep(self._masked, index, exchange, self.DECODED_CACHE)
        return exchange

    def unmasked_exchange(self, index: int) -> Exchange:
        """Interaction `index` decoded, secrets as recorded: for analysis that shows none of
        its text (turns, problems, row facts). Never for a view: views use `exchange`."""
        if not self.has(index):
            raise IndexError(f"interaction {index} out of range (0..{len(self) - 1})")
        cached = self._decoded.get(index)
        if cached is not None:
            self._decoded.move_to_end(index)
            return cached
        exchange = dialects.decode(self.file.raw(index))
        _keep(self._decoded, index, exchange, self.DECODED_CACHE)
        return exchange

    def raw(self, index: int) -> RawInteraction:
        """The recorded interaction as it may be shown (secrets masked unless `redact` is off)."""
        if self.redact:
            return self.exchange(index).raw  # masked with the decoded stream's deltas
        return self.file.raw(index)

    def exchanges(self) -> list[Exchange]:
        return [self.exchange(i) for i in range(len(self))]

    @property
    def turn_index(self) -> TurnIndex:
        """Retry grouping; see `tui_replay.analysis.turns` for what each call costs."""
        if self._turns is None or self._turns_lazy != self.file.lazy:
            # weak callbacks: the index must not hold the cassette in a reference cycle
            self._turns_lazy = self.file.lazy
            self._turns = TurnIndex(
                self.file.has,
                self.file.raw,
                _weakly(self.unmasked_exchange),
                _weakly(self._certainly_succeeded),
                _weakly(self._might_be_poll),
            )
        return self._turns

    def item_bytes(self, index: int) -> bytes | None:
        """The interaction's bytes as they sit in the file, when the loader indexes them, else None
        (two recordings with the same bytes need no decoding to be called the same)."""
        return self.file.item_bytes(index)

    def _certainly_succeeded(self, index: int) -> bool:
        item = self.file.item_bytes(index)
        return item is not None and certainly_succeeded(item)

    def _might_be_poll(self, index: int) -> bool:
        return might_be_poll(self.file.item_bytes(index))

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
            found = problems_of_all(self.unmasked_exchange, len(self))
            self._problems = self._shown(found)
        return list(self._problems)

    def _shown(self, problems: list[Problem]) -> list[Problem]:
        """Problems whose text quotes the cassette (an error message) masked like the rest."""
        return [masked_problem(p) for p in problems] if self.redact else problems

    def problems_for(self, index: int) -> list[Problem]:
        """Problems of one interaction: from `problems()` when already computed, else from a
        window around it (`problems_near`), so a big cassette is not decoded, nor even read,
        whole to show one interaction."""
        if self._problems is not None:
            return [p for p in self._problems if p.interaction == index]
        return self._shown(
            problems_near(self.unmasked_exchange, self.file.count_up_to(index + NEAR_LOOKAHEAD + 1), index)
        )


def _keep(cache: OrderedDict[int, Exchange], index: int, exchange: Exchange, most: int) -> None:
    cache[index] = exchange
    if len(cache) > most:
        cache.popitem(last=False)


def _weakly(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method` called through a weak reference to its object."""
    ref = weakref.WeakMethod(method)

    def call(*args: Any) -> Any:
        bound = ref()
        if bound is None:  # pragma: no cover - the cassette is gone, so is whoever asks
            raise ReferenceError("the cassette was closed")
        return bound(*args)

    return call


def open_cassette(path: str | Path, data: bytes | None = None, *, redact: bool = True) -> Cassette:
    """Open a cassette file; raises `CassetteError` for anything unreadable. `data`: its
    bytes, when already read (`tui_replay.formats.read_cassette_bytes`). `redact=False`
    (`--no-redact`): hand out secrets as recorded."""
    return Cassette(load_cassette(path, data), redact=redact)
