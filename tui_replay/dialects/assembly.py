"""Assembling a decoded answer, the same way in every dialect.

`MessageAssembler` turns a stream of deltas into the assistant message's
parts while recording the ordered `StreamEvent`s that built them;
`decode_problems` derives the problems one interaction shows on its own.
Field readers live in `json_shapes`, `raw_http` and `parts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from tui_replay.dialects.parts import tool_call
from tui_replay.model import (
    ApiError,
    LLMResponse,
    Message,
    Part,
    Problem,
    RawInteraction,
    StreamEvent,
    StreamEventKind,
    TextPart,
    ThinkingPart,
    ToolResultPart,
    UnrecognisedPart,
)

TRUNCATION_REASONS = frozenset({"max_tokens", "length", "model_length", "max_output_tokens"})
"""Finish reasons (compared lower-cased) that mean the output was cut short."""


@dataclass
class _Slot:
    kind: str  # "text" | "thinking" | "tool_call" | "tool_result" | "fixed"
    chunks: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    redacted: bool = False
    """Thinking given only as opaque data; a part that later receives text is not redacted."""
    id: str | None = None
    name: str = ""
    initial_args: Any = None
    """Arguments given whole when the call started (Anthropic `input`, Gemini `args`)."""
    failed: bool = False
    """A `tool_result` part that reports a failed call."""
    fixed: Part | None = None
    """A part that arrived whole (a server tool's result, an image)."""
    server: bool = False
    """A tool call the provider runs itself (no client result expected)."""


class MessageAssembler:
    """The assistant message being assembled from a stream, and the events that built it.

    Parts are kept in the order they started; `key` (a content-block index, a
    tool-call index, an output index, ...) finds a part again. Tool calls may
    learn their id and name after they start (`set_tool`); thinking keeps its
    signature (`add_signature`).
    """

    def __init__(self) -> None:
        self._slots: list[_Slot] = []
        self._by_key: dict[Any, int] = {}
        self.events: list[StreamEvent] = []

    # -- parts -------------------------------------------------------------
    def open(
        self,
        kind: str,
        key: Any = None,
        *,
        call_id: str | None = None,
        name: str = "",
        initial_args: Any = None,
        redacted: bool = False,
        server: bool = False,
    ) -> int:
        """Start a new part; `key` finds it again later."""
        slot = _Slot(kind, id=call_id, name=name, initial_args=initial_args, redacted=redacted, server=server)
        self._slots.append(slot)
        index = len(self._slots) - 1
        if key is not None:
            self._by_key[key] = index
        return index

    def add(self, part: Part, key: Any = None) -> int:
        """Add a part that arrived whole."""
        index = self.open("fixed", key)
        self._slots[index].fixed = part
        return index

    def set_fixed(self, index: int, part: Part) -> None:
        """Give a part that grew chunk by chunk without text (an audio placeholder) its final form."""
        self._slots[index].fixed = part

    def slot(self, key: Any) -> int | None:
        return self._by_key.get(key)

    def append(self, kind: str, delta: str, key: Any = None) -> int:
        """Add text to the part `key` names, or to the last part when it has the same kind.

        A keyed delta for an unknown key, or an unkeyed delta after a part of
        another kind (or after a tool call), starts a new part.
        """
        if key is not None:
            index = self._by_key.get(key)
            if index is None:
                index = self.open(kind, key)
        elif self._slots and self._slots[-1].kind == kind and kind != "tool_call":
            index = len(self._slots) - 1
        else:
            index = self.open(kind)
        self._slots[index].chunks.append(delta)
        return index

    def add_signature(self, index: int, signature: str) -> None:
        self._slots[index].signature.append(signature)

    def set_tool(self, index: int, *, call_id: str | None = None, name: str | None = None) -> None:
        """Give a started tool call (or result) the id or name it learned later."""
        slot = self._slots[index]
        if call_id:
            slot.id = call_id
        if name:
            slot.name = name

    def set_failed(self, index: int) -> None:
        self._slots[index].failed = True

    def last_index(self) -> int | None:
        return len(self._slots) - 1 if self._slots else None

    # -- events ------------------------------------------------------------
    def event(
        self,
        kind: StreamEventKind,
        delta: str = "",
        part: int | None = None,
        name: str | None = None,
        data: str = "",
    ) -> None:
        self.events.append(StreamEvent(len(self.events), kind, delta, part, name, data))

    # -- result ------------------------------------------------------------
    def parts(self) -> tuple[Part, ...]:
        out: list[Part] = []
        for slot in self._slots:
            text = "".join(slot.chunks)
            if slot.fixed is not None:
                out.append(slot.fixed)
            elif slot.kind == "text":
                out.append(TextPart(text))
            elif slot.kind == "thinking":
                signature = "".join(slot.signature) or None
                out.append(ThinkingPart(text, signature, slot.redacted and not text))
            elif slot.kind == "tool_result":  # a provider-run tool's output (xAI `ROLE_TOOL`)
                out.append(ToolResultPart(slot.id, text, slot.failed, slot.name or None))
            elif text.strip() == "" and slot.initial_args is not None:
                out.append(replace(tool_call(slot.id, slot.name, slot.initial_args), server=slot.server))
            else:
                out.append(replace(tool_call(slot.id, slot.name, text), server=slot.server))
        return tuple(out)

    def message(self, role: str = "assistant") -> Message | None:
        """The assembled message; None when the stream held no parts and no events at all."""
        if not self._slots and not self.events:
            return None
        return Message(role, self.parts())


def is_empty_message(message: Message | None) -> bool:
    """No visible output: no parts, or only blank text/thinking (fields the response carried
    beside the message, such as a request id, are not an answer)."""
    if message is None:
        return True
    for part in message.parts:
        if isinstance(part, UnrecognisedPart) and part.field:
            continue
        if isinstance(part, (TextPart, ThinkingPart)):
            if part.text.strip() or (isinstance(part, ThinkingPart) and part.redacted):
                return False
        else:
            return False
    return True


def decode_problems(
    raw: RawInteraction,
    response: LLMResponse,
    *,
    provider: str,
    streamed: bool,
    terminated: bool = True,
    expect_message: bool = True,
) -> tuple[Problem, ...]:
    """Problems visible from this one interaction.

    `http-error` (error: HTTP status >= 400, or an error body without a stream),
    `stream-error` (error: an error event in a stream whose HTTP status was fine; it ends
    the stream, so no `stream-unterminated` with it), `stream-unterminated` (error),
    `tool-args-invalid-json` (error), `truncated` (warning), `empty-turn` (warning, not for errors).
    """
    problems: list[Problem] = []
    index = raw.index
    error = response.error
    status_failed = raw.status is not None and raw.status >= 400
    stream_error = error is not None and streamed and not status_failed
    if error is not None and stream_error:
        problems.append(Problem(index, "error", "stream-error", _stream_error_text(raw, error, provider)))
    elif error is not None or status_failed:
        status = error.status if error is not None and error.status is not None else raw.status
        if error is not None and error.type:
            what = f"HTTP {status} {error.type}" if status is not None else error.type
        elif status is not None and status == raw.status:
            what = f"HTTP {raw.status_line}"
        else:
            what = f"HTTP {status}" if status is not None else "error"
        text = f"{what} from {provider}"
        if error is not None and error.message:
            text += f": {error.message}"
        problems.append(Problem(index, "error", "http-error", text))
    if streamed and not terminated and not status_failed and not stream_error:
        problems.append(
            Problem(
                index,
                "error",
                "stream-unterminated",
                f"the {provider} stream ends without its terminal event",
            )
        )
    message = response.message
    if message is not None:
        for part in message.tool_calls:
            if not part.arguments_valid:
                shown = (
                    part.arguments_raw if len(part.arguments_raw) <= 80 else part.arguments_raw[:77] + "..."
                )
                problems.append(
                    Problem(
                        index,
                        "error",
                        "tool-args-invalid-json",
                        f"tool call {part.name or '?'} ({part.id or 'no id'}) has arguments that are not"
                        f" valid JSON: {shown!r}",
                    )
                )
    reason = response.finish_reason
    if reason and reason.lower() in TRUNCATION_REASONS:
        problems.append(
            Problem(index, "warning", "truncated", f"output was cut short (finish reason {reason})")
        )
    if expect_message and error is None and not status_failed and is_empty_message(message):
        problems.append(Problem(index, "warning", "empty-turn", "the assistant turn is empty"))
    return tuple(problems)


def _stream_error_text(raw: RawInteraction, error: ApiError, provider: str) -> str:
    """`overloaded_error in the anthropic stream: Overloaded` (the code too when the event has one)."""
    what = error.type or "error"
    if error.status is not None and error.status != raw.status:
        what += f" (code {error.status})"
    text = f"{what} in the {provider} stream"
    return f"{text}: {error.message}" if error.message else text
