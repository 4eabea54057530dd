"""Identical retries: consecutive attempts that sent the same request and failed the same way.

A client that retries a rate-limited request eight times records eight interactions
that differ only in ids, timestamps and rate-limit counters. An export that shows each
one buries the story under the same error box; it says once "attempts 1–8: 429 Too Many
Requests, same request" instead. "Same request" is the comparison engine's own
`meaning_key` (endpoint, model, conversation, tools and parameters, volatile fields such
as ids and timestamps set aside); "same failure" is the status line and the provider's
error (who, type and message).

    runs = identical_retries(cassette, range(len(cassette)))
    for run in runs: run.indices, run.attempts, run.summary()
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.compare import meaning_key
from tui_replay.analysis.turns import canonical_url
from tui_replay.model import Exchange, Problem


@dataclass(frozen=True)
class RetryRun:
    """Interactions, consecutive in the cassette, that repeat one failed request."""

    indices: tuple[int, ...]
    """0-based interaction indices, in order (at least two)."""
    first_attempt: int
    last_attempt: int
    attempts: int
    """How many attempts the turn took in all (the run may be only some of them)."""
    status_line: str
    """`429 Too Many Requests`, as recorded."""
    provider: str | None
    message: str | None
    """The provider's error message, when it sent one."""

    @property
    def first(self) -> int:
        return self.indices[0]

    @property
    def last(self) -> int:
        return self.indices[-1]

    def summary(self) -> str:
        """`attempts 1–8 of 9: 429 Too Many Requests, same request`."""
        of = f" of {self.attempts}" if self.attempts else ""
        return f"attempts {self.first_attempt}–{self.last_attempt}{of}: {self.status_line}, same request"


def failure_key(exchange: Exchange) -> Hashable | None:
    """What two failed attempts share when they failed the same way; None for a success."""
    if not exchange.is_error:
        return None
    error = exchange.response.error
    detail = (error.status, error.type, error.provider, error.message) if error is not None else None
    return (exchange.raw.status, exchange.raw.status_line, detail)


def request_key(exchange: Exchange) -> Hashable:
    """The comparison engine's `meaning_key`, its URL query with the volatile parameters
    (nonces, request ids, signatures) dropped as the turn index drops them."""
    key = meaning_key(exchange)
    assert isinstance(key, tuple)  # (endpoint, query, model, messages, tools, params, body, is_error)
    return (key[0], urlsplit(canonical_url(exchange.raw.url)).query, *key[2:])


def same_failed_request(a: Exchange, b: Exchange) -> bool:
    """Whether `b` repeats `a`'s request (volatile fields aside) and both failed the same way."""
    failure = failure_key(a)
    return failure is not None and failure == failure_key(b) and request_key(a) == request_key(b)


def identical_retries(cassette: Cassette, indices: Iterable[int]) -> list[RetryRun]:
    """The runs of two or more identical failed attempts among `indices` (taken in order; a
    gap in them ends a run). Polls are not attempts and never join a run."""
    runs: list[RetryRun] = []
    current: list[tuple[int, Exchange]] = []

    def close() -> None:
        if len(current) >= 2:
            (first, exchange), (last, _) = current[0], current[-1]
            error = exchange.response.error
            runs.append(
                RetryRun(
                    indices=tuple(i for i, _ in current),
                    first_attempt=cassette.turn(first).attempt,
                    last_attempt=cassette.turn(last).attempt,
                    attempts=cassette.turn(last).attempts,
                    status_line=exchange.raw.status_line,
                    provider=error.provider if error is not None else None,
                    message=error.message if error is not None else None,
                )
            )
        current.clear()

    turn = 0
    for index in indices:
        info = cassette.turn(index)
        # Only attempts of one turn can repeat each other (the turn index already found them
        # sending the same bytes): a cassette without retries decodes nothing more here.
        if info.attempts < 2 or info.poll:
            close()
            continue
        exchange = cassette.exchange(index)
        if failure_key(exchange) is None:
            close()
            continue
        if current:
            previous_index, previous = current[-1]
            if (
                previous_index + 1 != index
                or info.turn != turn
                or not same_failed_request(previous, exchange)
            ):
                close()
        current.append((index, exchange))
        turn = info.turn
    close()
    return runs


@dataclass(frozen=True)
class GroupedProblem:
    problem: Problem
    """The first of the group (its interaction is the run's first)."""
    last: int | None = None
    """The last interaction of the run the same problem was found in; None when alone."""

    def where(self) -> str:
        """`interaction 3`, `interactions 3–10` or `file`."""
        first = self.problem.interaction
        if first is None:
            return "file"
        return f"interactions {first}–{self.last}" if self.last is not None else f"interaction {first}"


def grouped_problems(problems: Iterable[Problem], runs: Iterable[RetryRun]) -> list[GroupedProblem]:
    """`problems` in order, the same problem (severity, code, message) found on every attempt
    of an identical-retries run listed once for the run's interactions."""
    run_of = {i: run for run in runs for i in run.indices}
    out: list[GroupedProblem] = []
    open_groups: dict[tuple[int, str, str, str], int] = {}
    """(run's first index, severity, code, message) -> position in `out`."""
    for problem in problems:
        run = run_of.get(problem.interaction) if problem.interaction is not None else None
        if run is None:
            out.append(GroupedProblem(problem))
            continue
        key = (run.first, problem.severity, problem.code, problem.message)
        at = open_groups.get(key)
        if at is not None:
            grouped = out[at]
            reached = grouped.last if grouped.last is not None else grouped.problem.interaction
            if reached is not None and problem.interaction == reached + 1:  # found on every attempt
                out[at] = GroupedProblem(grouped.problem, problem.interaction)
                continue
        open_groups[key] = len(out)
        out.append(GroupedProblem(problem))
    return out
