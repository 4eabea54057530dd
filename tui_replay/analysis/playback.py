"""A clock-free cursor over the recorded chunks of a streamed response.

`Playback` knows how many chunks are shown (`position`), when each one arrived
in recorded time, and what the assistant message looked like after them. It
never reads a clock: the widget that animates it owns the timer and asks
`position_at(elapsed_ms)` which position is due, so tests can step it by hand
and the replay cannot drift with the speed of the terminal.

Cassettes store one duration for the whole exchange, not per-chunk times, so
the recorded duration is spread evenly over the chunks: chunk k (1-based)
arrives at ``k * D / N``. Without a recorded duration the pace is
`DEFAULT_MS_PER_CHUNK`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui_replay.model import (
    Exchange,
    Message,
    Part,
    StreamEvent,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    UnrecognisedPart,
)

DEFAULT_MS_PER_CHUNK = 20.0
"""Pace used when the cassette has no recorded duration for the exchange."""

_EPSILON = 1e-9


@dataclass
class _PartBuilder:
    """A part of the assistant message being assembled, fragment by fragment."""

    kind: str
    fragments: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    tool_id: str | None = None
    tool_name: str = ""
    redacted: bool = False
    fixed: Part | None = None
    """A part that arrived whole in one chunk (a tool call with complete arguments, an image)."""

    def build(self) -> Part:
        if self.fixed is not None:
            return self.fixed
        text = "".join(self.fragments)
        if self.kind == "thinking":
            return ThinkingPart(text, "".join(self.signature) or None, self.redacted)
        if self.kind == "tool_call":
            return _tool_call(self.tool_id, self.tool_name, text)
        return TextPart(text)


def _tool_call(tool_id: str | None, name: str, arguments_raw: str) -> ToolCallPart:
    """A tool call whose arguments are parsed when they are (already) valid JSON."""
    if not arguments_raw.strip():
        return ToolCallPart(tool_id, name, arguments_raw, {}, True)
    try:
        return ToolCallPart(tool_id, name, arguments_raw, json.loads(arguments_raw), True)
    except (ValueError, RecursionError):
        return ToolCallPart(tool_id, name, arguments_raw, None, False)


_PART_KIND = {
    "text": "text",
    "thinking": "thinking",
    "signature": "thinking",
    "tool_call": "tool_call",
    "tool_args": "tool_call",
}


class Playback:
    """Position in a stream of recorded chunks, from 0 (nothing shown) to `total`."""

    def __init__(
        self,
        exchange_or_events: Exchange | Sequence[StreamEvent],
        duration_ms: float | None = None,
        *,
        final: Message | None = None,
    ) -> None:
        """Replay `exchange.response.chunks` (or bare events).

        `duration_ms` defaults to the exchange's recorded duration; `final` (the
        assembled message, taken from the exchange when given one) supplies the
        tool-call names and ids the chunks do not repeat.
        """
        if isinstance(exchange_or_events, Exchange):
            self.events: tuple[StreamEvent, ...] = exchange_or_events.response.chunks
            if duration_ms is None:
                duration_ms = exchange_or_events.raw.duration_ms
            if final is None:
                final = exchange_or_events.response.message
        else:
            self.events = tuple(exchange_or_events)
        self.final = final
        self.recorded_duration_ms: float | None = (
            duration_ms
            if duration_ms is not None and math.isfinite(duration_ms) and duration_ms >= 0
            else None
        )
        """The recorded duration, or None when the pace is the default."""
        self._streamed_args = frozenset(
            e.part for e in self.events if e.kind == "tool_args" and e.delta and e.part is not None
        )
        """Parts whose arguments arrive in fragments; other tool calls arrive whole."""
        self._position = 0
        self._builders: dict[int, _PartBuilder] = {}
        self._built_to = 0

    # -- cursor ------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.events)

    @property
    def position(self) -> int:
        """Number of chunks shown, 0..total."""
        return self._position

    @property
    def finished(self) -> bool:
        return self._position >= self.total

    def seek(self, position: int) -> int:
        """Show exactly `position` chunks (clamped to 0..total); returns the position."""
        self._position = max(0, min(self.total, position))
        return self._position

    def advance(self, n: int = 1) -> int:
        return self.seek(self._position + n)

    def back(self, n: int = 1) -> int:
        return self.seek(self._position - n)

    def finish(self) -> int:
        return self.seek(self.total)

    def restart(self) -> int:
        return self.seek(0)

    @property
    def current(self) -> StreamEvent | None:
        """The last chunk shown, or None at position 0."""
        return self.events[self._position - 1] if self._position else None

    # -- recorded time -----------------------------------------------------

    @property
    def paced_by_default(self) -> bool:
        """True when the cassette had no duration and `DEFAULT_MS_PER_CHUNK` paces the replay."""
        return self.recorded_duration_ms is None

    @property
    def duration_ms(self) -> float:
        """Recorded time at which the last chunk arrived."""
        if self.recorded_duration_ms is not None:
            return self.recorded_duration_ms
        return DEFAULT_MS_PER_CHUNK * self.total

    def recorded_ms_at(self, k: int) -> float:
        """Recorded time when chunk k (1-based) arrived, i.e. when position k is reached."""
        if self.total == 0:
            return 0.0
        k = max(0, min(self.total, k))
        return self.duration_ms * k / self.total

    def position_at(self, elapsed_ms: float) -> int:
        """How many chunks are due after `elapsed_ms` of recorded time."""
        if self.total == 0 or elapsed_ms <= 0 and self.duration_ms > 0:
            return 0
        if self.duration_ms <= 0:
            return self.total
        due = math.floor(elapsed_ms * self.total / self.duration_ms + _EPSILON)
        return max(0, min(self.total, due))

    # -- assembled message -------------------------------------------------

    def message(self) -> Message:
        """The assistant message assembled from the first `position` chunks."""
        if self._position < self._built_to:
            self._builders = {}
            self._built_to = 0
        for event in self.events[self._built_to : self._position]:
            self._apply(event)
        self._built_to = self._position
        parts = tuple(self._builders[i].build() for i in sorted(self._builders))
        if self.finished and self.final is not None:
            # fields the response carried beside the message belong to no chunk's delta: known
            # once the whole stream is in, they are shown at its end
            parts += tuple(p for p in self.final.parts if isinstance(p, UnrecognisedPart) and p.field)
        role = self.final.role if self.final is not None else "assistant"
        name = self.final.name if self.final is not None else None
        return Message(role, parts, name)

    def _final_part(self, index: int) -> Part | None:
        if self.final is None or not 0 <= index < len(self.final.parts):
            return None
        return self.final.parts[index]

    def _apply(self, event: StreamEvent) -> None:
        if event.part is None:
            return
        builder = self._builders.get(event.part)
        if builder is None:
            builder = self._start_part(event)
            if builder is None:
                return
            self._builders[event.part] = builder
        if builder.fixed is not None:
            return
        if event.kind == "signature":
            builder.signature.append(event.delta)
        elif event.kind in ("text", "thinking", "tool_args"):
            builder.fragments.append(event.delta)

    def _start_part(self, event: StreamEvent) -> _PartBuilder | None:
        """A builder for the part `event` opens, shaped like the final message's part."""
        assert event.part is not None
        final = self._final_part(event.part)
        if isinstance(final, ToolCallPart):
            builder = _PartBuilder("tool_call", tool_id=final.id, tool_name=final.name)
            if event.part not in self._streamed_args:
                builder.fixed = final  # the call's arguments came whole with it
            return builder
        if isinstance(final, ThinkingPart):
            return _PartBuilder("thinking", redacted=final.redacted)
        if isinstance(final, TextPart):
            return _PartBuilder("text")
        if final is not None:
            return _PartBuilder(final.type, fixed=final)
        kind = _PART_KIND.get(event.kind)
        if kind is None:
            return None
        # No final message to follow: the tool_call event's delta names the tool.
        return _PartBuilder(kind, tool_name=event.delta if event.kind == "tool_call" else "")
