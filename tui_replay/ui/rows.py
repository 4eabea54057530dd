"""Timeline rows computed off the UI thread: one per interaction of a cassette."""

from __future__ import annotations

from dataclasses import dataclass

from tui_replay.analysis.cassette import Cassette
from tui_replay.model import Problem, TurnInfo


@dataclass(frozen=True)
class TimelineRow:
    index: int
    method: str
    status: int | None
    turn: int
    attempt: int
    attempts: int
    duration_ms: float | None
    streamed: bool
    is_error: bool
    problems: int
    worst: str | None
    """Worst problem severity (`error`, `warning`, `info`) or None."""
    session: str = ""
    """Where a realtime session broke: `dropped` after this turn, `resumed` at it, or both."""
    poll: int = 0
    """Number among the polls of its turn (`TurnInfo.poll`); 0 when it is no poll."""
    polls: int = 0
    """Polls in its turn (`TurnInfo.polls`)."""

    @property
    def turn_label(self) -> str:
        """`turn 3 · attempt 1/2`, or for a poll `turn 3 · poll 2/4` (`TurnInfo.label`)."""
        return TurnInfo(self.turn, self.attempt, self.attempts, self.poll, self.polls).label

    @property
    def flagged(self) -> bool:
        """An error or a problem worth jumping to with `e`."""
        return self.is_error or self.worst in ("error", "warning")


SESSION_MARKS = {"session-dropped": "dropped", "session-resumed": "resumed"}


def session_mark(problems: list[Problem]) -> str:
    """`dropped`, `resumed` or `resumed, dropped`: what the row says of its realtime session,
    so where a socket closed shows in the timeline, not only in the problems pane."""
    codes = {p.code for p in problems}
    return ", ".join(mark for code, mark in reversed(SESSION_MARKS.items()) if code in codes)


def format_duration(ms: float | None) -> str:
    if ms is None:
        return "–"
    if ms < 1000:
        return f"{ms:.0f}ms"
    return f"{ms / 1000:.2f}s"


def timeline_rows(cassette: Cassette) -> list[TimelineRow]:
    """Decode every interaction once (the cassette caches them) and summarise it."""
    all_problems = cassette.problems()
    by_index: dict[int, list[Problem]] = {}
    for p in all_problems:
        if p.interaction is not None:
            by_index.setdefault(p.interaction, []).append(p)
    rows = []
    order = {"error": 0, "warning": 1, "info": 2}
    for i in range(len(cassette)):
        ex = cassette.unmasked_exchange(i)  # facts only (method, status...): nothing masked to list it
        info = cassette.turn(i)
        problems = by_index.get(i, [])
        sev = [p.severity for p in problems]
        rows.append(
            TimelineRow(
                index=i,
                method=ex.raw.method,
                status=ex.raw.status,
                turn=info.turn,
                attempt=info.attempt,
                attempts=info.attempts,
                duration_ms=ex.raw.duration_ms,
                streamed=ex.streamed,
                is_error=ex.is_error,
                problems=len(sev),
                worst=min(sev, key=lambda s: order.get(s, 3), default=None),
                poll=info.poll,
                polls=info.polls,
                session=session_mark(problems),
            )
        )
    return rows
