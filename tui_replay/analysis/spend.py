"""What a cassette spent: tokens, reported cost, time, and the part of it that was wasted.

Tokens come from each response's normalized usage (`tui_replay.analysis.usage`): `input`
includes cached input, `output` includes reasoning. They are summed per interaction, per
turn (`tui_replay.analysis.turns`) and per cassette. A sum never pretends: an interaction
whose response reported no usage is counted as *unreported*, not as 0, and a field no
interaction reported stays None ("unknown"), so a reader can tell "0 tokens" from "nobody
said". Cost is only ever what a provider reported (OpenRouter's `cost`, in its own unit):
nothing here knows a price.

Wasted work, precisely. An interaction is a *failed attempt* when any of these holds:

* it failed outright: HTTP status >= 400, or an error in a 2xx body or stream
  (`Exchange.is_error`);
* it got no response at all: no status and an empty response body;
* its stream was cut short: the stream ended without its terminal event
  (the `stream-unterminated` problem), so the answer is incomplete;
* its realtime session dropped during it: the socket closed abnormally after it
  (`session-dropped`) before the response reported a finish.

Every attempt that was retried is a failed attempt (a turn only retries after a failure),
and so is a failed last attempt (it cost the same and gave nothing). *Wasted work* is the
sum over failed attempts of their tokens (whatever usage they reported, often none: a 429
reports none) and of their recorded durations. A realtime turn after which the socket
dropped but whose response completed is not wasted: its answer arrived.

Everything reads unmasked exchanges: numbers only, no recorded text is shown. Summing a
whole cassette decodes every interaction, so a UI calls `cassette_spend(..., fresh=True)`
from a worker (it takes `cancelled`, like `TurnIndex.scan`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tui_replay import dialects
from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.cost import add_costs, cost_text
from tui_replay.analysis.usage import Usage, normalized_usage
from tui_replay.model import Exchange


def _add(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else a + b


def _plus_cost(a: float | None, b: float | None) -> float | None:
    """None when neither reported a cost (unknown, not 0); summed exactly (`add_costs`)."""
    if a is None or b is None:
        return b if a is None else a
    return add_costs(a, b)


@dataclass(frozen=True)
class Tokens:
    """Summed usage of some interactions. A field is None when none of them reported it."""

    input: int | None = None
    """Input tokens, cached ones included."""
    output: int | None = None
    """Output tokens, reasoning included."""
    cached: int | None = None
    """Input tokens read from the provider's prompt cache (part of `input`)."""
    reasoning: int | None = None
    """Output tokens spent thinking (part of `output`)."""
    total: int | None = None
    """Input plus output; a provider's own total when it gave only that."""
    cost: float | None = None
    """Sum of the costs providers reported, in their unit; None when none reported one."""
    reported: int = 0
    """Interactions whose response reported usage."""
    unreported: int = 0
    """Interactions whose response reported none (their tokens are unknown, not 0)."""
    cost_reported: int = 0
    """Interactions whose response reported a cost."""

    @property
    def interactions(self) -> int:
        return self.reported + self.unreported

    @property
    def known(self) -> bool:
        """Whether any interaction reported usage."""
        return self.reported > 0

    def plus(self, usage: Usage) -> Tokens:
        """These tokens with one more interaction's usage added."""
        if not usage:
            return Tokens(
                self.input,
                self.output,
                self.cached,
                self.reasoning,
                self.total,
                self.cost,
                self.reported,
                self.unreported + 1,
                self.cost_reported,
            )
        total = (
            _add(usage.input, usage.output)
            if usage.input is not None or usage.output is not None
            else usage.total
        )
        return Tokens(
            _add(self.input, usage.input),
            _add(self.output, usage.output),
            _add(self.cached, usage.cached_input),
            _add(self.reasoning, usage.reasoning),
            _add(self.total, total),
            _plus_cost(self.cost, usage.cost),
            self.reported + 1,
            self.unreported,
            self.cost_reported + (usage.cost is not None),
        )

    def __add__(self, other: Tokens) -> Tokens:
        return Tokens(
            _add(self.input, other.input),
            _add(self.output, other.output),
            _add(self.cached, other.cached),
            _add(self.reasoning, other.reasoning),
            _add(self.total, other.total),
            _plus_cost(self.cost, other.cost),
            self.reported + other.reported,
            self.unreported + other.unreported,
            self.cost_reported + other.cost_reported,
        )


@dataclass(frozen=True)
class Wasted:
    """Work spent on failed attempts (see the module docstring)."""

    attempts: int = 0
    """Failed attempts."""
    tokens: Tokens = field(default_factory=Tokens)
    """Their usage (usually unreported: a failed request seldom says what it cost)."""
    duration_ms: float | None = None
    """Their recorded wall time; None when none of them has a duration."""
    untimed: int = 0
    """Failed attempts whose recording has no duration."""

    def __bool__(self) -> bool:
        return self.attempts > 0

    def __add__(self, other: Wasted) -> Wasted:
        duration = (
            other.duration_ms if self.duration_ms is None else self.duration_ms + (other.duration_ms or 0.0)
        )
        return Wasted(
            self.attempts + other.attempts, self.tokens + other.tokens, duration, self.untimed + other.untimed
        )


@dataclass(frozen=True)
class InteractionSpend:
    index: int
    usage: Usage
    """The response's normalized usage (empty when it reported none)."""
    duration_ms: float | None
    failure: str | None
    """Why this attempt counts as failed (`HTTP 429`, `stream cut short`, ...), None when it did not fail."""

    @property
    def tokens(self) -> Tokens:
        return Tokens().plus(self.usage)

    @property
    def wasted(self) -> Wasted:
        if self.failure is None:
            return Wasted()
        timed = self.duration_ms is not None
        return Wasted(1, self.tokens, self.duration_ms, 0 if timed else 1)


@dataclass(frozen=True)
class TurnSpend:
    turn: int
    """1-based turn number."""
    interactions: tuple[int, ...]
    """Indexes of its attempts and polls, in order."""
    tokens: Tokens
    wasted: Wasted
    duration_ms: float | None


@dataclass(frozen=True)
class CassetteSpend:
    interactions: tuple[InteractionSpend, ...]
    turns: tuple[TurnSpend, ...]
    tokens: Tokens
    wasted: Wasted
    duration_ms: float | None
    """Sum of the recorded durations; None when no interaction has one."""


def failure(exchange: Exchange) -> str | None:
    """Why this interaction is a failed attempt (module docstring), or None."""
    raw = exchange.raw
    if raw.status is not None and raw.status >= 400:
        return f"HTTP {raw.status}"
    if exchange.is_error:
        return "error in the response"
    if raw.status is None and not raw.response_body and exchange.response.message is None:
        return "no response"
    codes = {p.code for p in exchange.problems}
    if "stream-unterminated" in codes:
        return "stream cut short"
    if "session-dropped" in codes and exchange.response.finish_reason is None:
        return "session dropped mid-turn"
    return None


def exchange_spend(exchange: Exchange) -> InteractionSpend:
    return InteractionSpend(
        exchange.index, normalized_usage(exchange.response), exchange.raw.duration_ms, failure(exchange)
    )


def interaction_spend(cassette: Cassette, index: int) -> InteractionSpend:
    """One interaction's spend (decodes only it)."""
    return exchange_spend(cassette.unmasked_exchange(index))


def _duration(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def summed(spends: Iterable[InteractionSpend]) -> tuple[Tokens, Wasted, float | None]:
    """Tokens, wasted work and total duration of some interactions."""
    tokens, wasted, durations = Tokens(), Wasted(), []
    for spend in spends:
        tokens = tokens.plus(spend.usage)
        wasted = wasted + spend.wasted
        durations.append(spend.duration_ms)
    return tokens, wasted, _duration(durations)


def cassette_spend(
    cassette: Cassette, cancelled: Callable[[], bool] | None = None, *, fresh: bool = False
) -> CassetteSpend | None:
    """Spend of every interaction, turn and the whole cassette; None when `cancelled()` said
    stop. Decodes every interaction: call it from a worker in a UI, with `fresh`: each
    interaction is then decoded apart from the cassette's decode cache, which is not
    thread-safe and holds what the user is looking at (a 5,000-interaction sum would
    evict it)."""
    spends: list[InteractionSpend] = []
    turn_of: list[int] = []
    index = 0
    while cassette.has(index):
        if cancelled is not None and cancelled():
            return None
        if fresh:
            spends.append(exchange_spend(dialects.decode(cassette.file.raw(index))))
        else:
            spends.append(interaction_spend(cassette, index))
        turn_of.append(cassette.turn(index).turn)
        index += 1
    return spend_of(spends, turn_of)


def spend_of(spends: list[InteractionSpend], turn_of: list[int]) -> CassetteSpend:
    """The cassette's spend from each interaction's, in order, and each one's turn number (for
    a caller that decodes every interaction anyway, e.g. `inspect --json`)."""
    grouped: dict[int, list[InteractionSpend]] = {}
    for spend, turn in zip(spends, turn_of, strict=True):
        grouped.setdefault(turn, []).append(spend)
    turns = []
    for turn, members in grouped.items():
        tokens, wasted, duration = summed(members)
        turns.append(TurnSpend(turn, tuple(s.index for s in members), tokens, wasted, duration))
    tokens, wasted, duration = summed(spends)
    return CassetteSpend(tuple(spends), tuple(turns), tokens, wasted, duration)


# --------------------------------------------------------------------------
# Words and numbers, the same in the TUI, `inspect` and the exports.
# --------------------------------------------------------------------------


def count(n: int) -> str:
    """`12,345`."""
    return f"{n:,}"


def compact(n: int) -> str:
    """`950`, `1.2k`, `12k`, `3.4M`: for tight places."""
    if n < 1000:
        return str(n)
    for size, unit in ((1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k")):
        if n >= size:
            value = n / size
            return f"{value:.1f}{unit}" if value < 10 else f"{value:.0f}{unit}"
    return str(n)  # pragma: no cover - the loop always returns for n >= 1000


def duration_text(ms: float) -> str:
    """`412 ms`, `1.5 s`, `2 min 5 s`."""
    if ms < 1000:
        return f"{ms:.0f} ms"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def tokens_line(tokens: Tokens, *, tight: bool = False) -> str:
    """`in 12,345 (cached 1,000) · out 678 (reasoning 100) · cost 0.0123`, `tokens unknown`
    when nothing was reported; a cost or usage that only some interactions reported says so.
    `tight`: `1.2k in · 678 out` for headers."""
    if not tokens.known:
        return "tokens unknown" if not tight else "tok ?"
    number = compact if tight else count
    pieces: list[str] = []
    if tokens.input is not None:
        cached = f" (cached {number(tokens.cached)})" if tokens.cached and not tight else ""
        pieces.append(f"{number(tokens.input)} in{cached}" if tight else f"in {number(tokens.input)}{cached}")
    if tokens.output is not None:
        thinking = f" (reasoning {number(tokens.reasoning)})" if tokens.reasoning and not tight else ""
        pieces.append(
            f"{number(tokens.output)} out{thinking}" if tight else f"out {number(tokens.output)}{thinking}"
        )
    if tokens.input is None and tokens.output is None and tokens.total is not None:
        pieces.append(f"{number(tokens.total)} tok" if tight else f"total {number(tokens.total)}")
    if tokens.cost is not None:
        partial = (
            f" ({tokens.cost_reported} of {tokens.interactions} reported)"
            if tokens.cost_reported < tokens.interactions and not tight
            else ""
        )
        pieces.append(f"cost {cost_text(tokens.cost, tight=tight)}{partial}")
    elif not tight:
        pieces.append("cost not reported")
    if tokens.unreported and not tight:
        pieces.append(f"usage unknown for {tokens.unreported} of {tokens.interactions}")
    return " · ".join(pieces)


def spend_line(tokens: Tokens, wasted: Wasted) -> str:
    """`tokens: in 97 · out 31 · ... · wasted: 2 failed attempts · 693 ms · tokens unknown`;
    `tokens unknown · cost not reported` when nothing was reported; the waste only when any."""
    words = f"tokens: {tokens_line(tokens)}" if tokens.known else f"{tokens_line(tokens)} · cost not reported"
    return words + (f" · {wasted_line(wasted)}" if wasted else "")


def wasted_line(wasted: Wasted, *, tight: bool = False) -> str:
    """`wasted: 2 failed attempts · 0.8 s · tokens unknown`, or `no wasted work`."""
    if not wasted:
        return "no wasted work" if not tight else "wasted 0"
    attempts = f"{wasted.attempts} failed attempt" + ("s" if wasted.attempts != 1 else "")
    if tight:
        seconds = f" {duration_text(wasted.duration_ms)}" if wasted.duration_ms is not None else ""
        tokens = f" {compact(wasted.tokens.total)} tok" if wasted.tokens.total else ""
        return f"wasted {wasted.attempts}×{seconds}{tokens}"
    pieces = [f"wasted: {attempts}"]
    if wasted.duration_ms is not None:
        untimed = f" ({wasted.untimed} untimed)" if wasted.untimed else ""
        pieces.append(duration_text(wasted.duration_ms) + untimed)
    else:
        pieces.append("time unknown")
    if wasted.tokens.known:
        total = wasted.tokens.total
        tokens = f"{count(total)} tok" if total is not None else "tokens unknown"
        if wasted.tokens.unreported:
            tokens += f" (usage unknown for {wasted.tokens.unreported})"
        pieces.append(tokens)
    else:
        pieces.append("tokens unknown")
    return " · ".join(pieces)


def interaction_words(spend: InteractionSpend) -> str:
    """One interaction in a header: `97 in · 31 out · cost 0.00025`, `tokens unknown ·
    wasted 343 ms` for a failed attempt."""
    words = tokens_line(spend.tokens, tight=True) if spend.usage else "tokens unknown"
    if spend.failure is not None:
        took = duration_text(spend.duration_ms) if spend.duration_ms is not None else "time unknown"
        words += f" · wasted {took}"
    return words


def at_least(tokens: Tokens) -> str:
    """`334 tok`, `≥334 tok` when some interactions reported no usage (the sum is a floor),
    `tokens unknown` when none did."""
    if not tokens.known or tokens.total is None:
        return "tokens unknown"
    return ("≥" if tokens.unreported else "") + f"{compact(tokens.total)} tok"
