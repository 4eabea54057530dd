"""Timeline rows of a big cassette from cheap facts, made exact as interactions are read.

`timeline_rows` decodes every interaction and walks the whole cassette for problems:
right for the usual cassette (a few dozen interactions), ~20 s for the 5,000-interaction,
100 MB bench file. Above `QUICK_BYTES` or `QUICK_COUNT`, the timeline starts from facts
read in the interaction's bytes without parsing them (method, status, duration, streamed:
`CassetteFile.facts`), with the turn number unknown (0, shown as "turn …") until a worker numbers
the turns (`TurnIndex.scan`, which for healthy streams parses nothing), and with problem
marks filled in as interactions are shown (`exact_row`). An estimate is replaced by the
exact row the first time the interaction is decoded.
"""

from __future__ import annotations

from collections.abc import Callable

from tui_replay.analysis.cassette import Cassette
from tui_replay.model import Exchange, Problem, TurnInfo
from tui_replay.ui.rows import TimelineRow, session_mark, timeline_rows

QUICK_BYTES = 8 * 1024 * 1024
QUICK_COUNT = 1000

_ORDER = {"error": 0, "warning": 1, "info": 2}


def wants_quick_rows(cassette: Cassette) -> bool:
    """True for cassettes too big to decode whole before showing the timeline."""
    try:
        size = cassette.path.stat().st_size
    except OSError:
        size = 0
    return size > QUICK_BYTES or cassette.has(QUICK_COUNT)  # more than QUICK_COUNT, not counted


def quick_row(cassette: Cassette, index: int) -> TimelineRow:
    """A row from the facts the file reads in the interaction's bytes (no parse), or from the
    parsed interaction when the file was parsed whole (`CassetteFile.facts`)."""
    facts = cassette.file.facts(index)
    return TimelineRow(
        index=index,
        method=facts.method,
        status=facts.status,
        turn=0,
        attempt=1,
        attempts=1,
        duration_ms=facts.duration_ms,
        streamed=facts.streamed,
        is_error=facts.status is not None and facts.status >= 400,
        problems=0,
        worst=None,
    )


def quick_rows(cassette: Cassette) -> list[TimelineRow]:
    return [quick_row(cassette, i) for i in range(len(cassette))]


OPENING_ROWS = 200
"""A big cassette's screen opens with this many rows (the timeline shows about 20); the rest
are counted once its first interaction is drawn (`rows_after`). Counting all 5,000 of the
100 MB bench file first (reading every line of it) delayed that drawing by ~0.1 s."""

COUNT_STEP = 250
"""Rows counted at a time after the opening ones: between two steps, the UI thread's reads of
the same file are not kept waiting (`CassetteFile` serialises them)."""


def opening_rows(cassette: Cassette, at: int = 0, *, whole: bool = False) -> tuple[list[TimelineRow], bool]:
    """(rows to open the cassette's screen with, whether they are all of them).

    A small cassette gets every row, decoded (`timeline_rows`); a big one its first
    `OPENING_ROWS` from facts read in its bytes (and as far as interaction `at`, to show it
    first), unless `whole`."""
    if not wants_quick_rows(cassette):
        return timeline_rows(cassette), True
    if whole:
        return quick_rows(cassette), True
    limit = max(OPENING_ROWS, at + OPENING_ROWS)
    known = cassette.count_up_to(limit)
    return [quick_row(cassette, i) for i in range(known)], known < limit


def rows_after(cassette: Cassette, known: int, cancelled: Callable[[], bool]) -> list[TimelineRow] | None:
    """The rows of every interaction from `known` on (reads the rest of the file), or None when
    `cancelled()` turned true first. For a worker thread."""
    rows: list[TimelineRow] = []
    while not cancelled():
        limit = known + len(rows) + COUNT_STEP
        count = cassette.count_up_to(limit)
        rows += [quick_row(cassette, i) for i in range(known + len(rows), count)]
        if count < limit:
            return rows
    return None


def numbered(row: TimelineRow, turn: TurnInfo) -> TimelineRow:
    """The row with its turn, attempt, attempts and polls."""
    return TimelineRow(
        index=row.index,
        method=row.method,
        status=row.status,
        turn=turn.turn,
        attempt=turn.attempt,
        attempts=turn.attempts,
        duration_ms=row.duration_ms,
        streamed=row.streamed,
        is_error=row.is_error,
        problems=row.problems,
        worst=row.worst,
        poll=turn.poll,
        polls=turn.polls,
        session=row.session,
    )


def exact_row(exchange: Exchange, turn: TurnInfo, problems: list[Problem]) -> TimelineRow:
    """The row `timeline_rows` would make, from the decoded interaction."""
    severities = [p.severity for p in problems]
    return TimelineRow(
        index=exchange.index,
        method=exchange.raw.method,
        status=exchange.raw.status,
        turn=turn.turn,
        attempt=turn.attempt,
        attempts=turn.attempts,
        duration_ms=exchange.raw.duration_ms,
        streamed=exchange.streamed,
        is_error=exchange.is_error,
        problems=len(severities),
        worst=min(severities, key=lambda s: _ORDER.get(s, 3), default=None),
        poll=turn.poll,
        polls=turn.polls,
        session=session_mark(problems),
    )
