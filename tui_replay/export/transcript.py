"""A cassette as a story: turns in order, each with what the client added and what came back.

Markdown and HTML exports both render this one structure, so they tell the same
story. Every request carries the whole conversation; a transcript shows only
what is new in each turn (the messages the client appended since the previous
turn), the answer, and the failed attempts before it, identical retries as one entry
(`tui_replay.analysis.retries`: "attempts 1–8 of 9: 429 Too Many Requests, same request").
When the answer was polled for (a background response, an operation, a batch:
`tui_replay.analysis.polls`), it is the last poll's; the polls before it are kept in `Turn.polls`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.conversation import message_key
from tui_replay.analysis.retries import RetryRun, identical_retries
from tui_replay.analysis.spend import Tokens, Wasted, exchange_spend, summed
from tui_replay.model import Exchange, Message, ToolCallPart, ToolDefinition, ToolResultPart, TurnInfo


@dataclass(frozen=True)
class Attempt:
    index: int
    turn: TurnInfo
    exchange: Exchange


@dataclass(frozen=True)
class Turn:
    number: int
    attempts: tuple[Attempt, ...]
    """Every attempt of the turn's request, the last one final (polls are not attempts)."""
    new_messages: tuple[Message, ...]
    """Messages the client added to the conversation for this turn."""
    restarted: bool
    """True when this request does not continue the previous conversation."""
    polls: tuple[Attempt, ...] = ()
    """The interactions that polled for the answer to the final attempt, in order."""
    retry_runs: tuple[RetryRun, ...] = ()
    """Runs of identical failed attempts, each shown as one entry (the final attempt among
    them when it failed the same way)."""

    @property
    def final(self) -> Attempt:
        return self.attempts[-1]

    @property
    def failed(self) -> tuple[Attempt, ...]:
        return self.attempts[:-1]

    def failed_entries(self) -> list[Attempt | RetryRun]:
        """The failed attempts in order, each run of identical ones as its `RetryRun`."""
        run_at = {run.first: run for run in self.retry_runs}
        inside = {i for run in self.retry_runs for i in run.indices}
        return [run_at.get(a.index, a) for a in self.failed if a.index in run_at or a.index not in inside]

    @property
    def answer_in_run(self) -> bool:
        """Whether the answer is the last of a run of identical failures (and said with it)."""
        return any(self.answer.index in run.indices for run in self.retry_runs)

    @property
    def answer(self) -> Attempt:
        """Where the turn's answer is: the last poll, or without polls the final attempt."""
        return self.polls[-1] if self.polls else self.final

    @property
    def spend(self) -> tuple[Tokens, Wasted]:
        """Tokens of every attempt and poll of the turn, and the work its failed attempts wasted."""
        tokens, wasted, _duration = summed(exchange_spend(a.exchange) for a in (*self.attempts, *self.polls))
        return tokens, wasted


@dataclass(frozen=True)
class Transcript:
    title: str
    format: str
    tools: tuple[ToolDefinition, ...]
    turns: tuple[Turn, ...]
    call_names: dict[str, str] = field(default_factory=dict)
    """Tool-call id -> tool name, from every call in the cassette, so a result can name its tool."""

    def retry_runs(self) -> list[RetryRun]:
        """Every turn's runs of identical failed attempts, in order."""
        return [run for turn in self.turns for run in turn.retry_runs]

    def result_label(self, part: ToolResultPart) -> str:
        name = part.name or (self.call_names.get(part.tool_call_id) if part.tool_call_id else None)
        if name and part.tool_call_id:
            return f"`{name}` (id `{part.tool_call_id}`)"
        return f"`{name or part.tool_call_id or 'unknown call'}`"

    @property
    def spend(self) -> tuple[Tokens, Wasted]:
        """Tokens and wasted work of every turn shown (of the whole cassette unless one
        interaction was asked for)."""
        tokens, wasted = Tokens(), Wasted()
        for turn in self.turns:
            turn_tokens, turn_wasted = turn.spend
            tokens, wasted = tokens + turn_tokens, wasted + turn_wasted
        return tokens, wasted


def _websocket_session(exchange: Exchange) -> int | None:
    """The realtime session an interaction's turn belongs to; None for an HTTP interaction."""
    ws = exchange.raw.extra.get("websocket")
    session = ws.get("session") if isinstance(ws, dict) else None
    return session if isinstance(session, int) else None


def _carries_over(turns: list[Turn], current: Exchange) -> bool:
    """Whether a new realtime session goes on with the conversation before it: the server
    restored messages into it (`Message.origin`), or the client sent earlier ones again."""
    messages = current.request.messages
    if any(m.origin for m in messages):
        return True
    earlier: set[tuple[object, ...]] = set()
    for turn in turns:
        answer = turn.answer.exchange.response.message
        earlier.update(message_key(m) for m in (*turn.new_messages, *((answer,) if answer else ())))
    return any(message_key(m) in earlier for m in messages if m.role != "system")


def _continues(turns: list[Turn], current: Exchange) -> int | None:
    """How many leading messages of `current`'s request repeat the previous turn, or None.

    A realtime session's turn sends only what is new (the server keeps the conversation):
    it continues the turn before it in the same session, and a resumed session continues
    when the conversation carried over; every message of its request is new."""
    previous = turns[-1]
    session, before_session = _websocket_session(current), _websocket_session(previous.final.exchange)
    if session is not None and before_session is not None:
        return 0 if session == before_session or _carries_over(turns, current) else None
    before = previous.final.exchange.request.messages
    now = current.request.messages
    if len(now) < len(before) or now[: len(before)] != before:
        return None
    start = len(before)
    answer = previous.answer.exchange.response.message
    if answer is not None and len(now) > start and now[start].role == answer.role:
        start += 1  # the previous answer, sent back by the client
    return start


def build_transcript(cassette: Cassette, only: int | None = None) -> Transcript:
    indices = [only] if only is not None else list(range(len(cassette)))
    groups: list[list[Attempt]] = []
    for i in indices:
        info = cassette.turn(i)
        attempt = Attempt(i, info, cassette.exchange(i))
        if groups and groups[-1][0].turn.turn == info.turn:
            groups[-1].append(attempt)
        else:
            groups.append([attempt])
    turns: list[Turn] = []
    tools: dict[str, ToolDefinition] = {}
    previous: Turn | None = None
    for group in groups:
        attempts = tuple(a for a in group if not a.turn.poll)  # a group never starts with a poll
        polls = tuple(a for a in group if a.turn.poll)
        final = attempts[-1].exchange
        for tool in final.request.tools:
            tools.setdefault(tool.name, tool)
        start = _continues(turns, final) if previous is not None else 0
        new = final.request.messages[start or 0 :]
        runs = tuple(identical_retries(cassette, (a.index for a in attempts)))
        turn = Turn(
            group[0].turn.turn, attempts, tuple(new), previous is not None and start is None, polls, runs
        )
        turns.append(turn)
        previous = turn
    call_names: dict[str, str] = {}
    for turn in turns:
        for attempt in (*turn.attempts, *turn.polls):
            answer = attempt.exchange.response.message
            messages = (*attempt.exchange.request.messages, *((answer,) if answer else ()))
            for message in messages:
                for part in message.parts:
                    if isinstance(part, ToolCallPart) and part.id:
                        call_names.setdefault(part.id, part.name)
    return Transcript(cassette.path.name, cassette.format, tuple(tools.values()), tuple(turns), call_names)
