"""The data model every part of tui-replay shares.

A cassette file flows one way:

    file bytes --formats--> RawInteraction --dialects--> Exchange --analysis--> Problems, turns

Everything here is a frozen dataclass made of plain Python values, with no
Textual or Rich import (a test proves it), so the headless commands, the
exports and the TUI all draw the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from tui_replay.formats.errors import CassetteError as CassetteError

# --------------------------------------------------------------------------
# Record-format layer: one HTTP exchange as the cassette recorded it.
# --------------------------------------------------------------------------

Headers = tuple[tuple[str, str], ...]
"""Header name/value pairs in recorded order; a repeated header appears twice."""


def header(headers: Headers, name: str) -> str | None:
    """First value of a header, matched case-insensitively, or None."""
    lowered = name.lower()
    for key, value in headers:
        if key.lower() == lowered:
            return value
    return None


@dataclass(frozen=True)
class RawInteraction:
    """One request/response pair exactly as recorded (bodies decompressed).

    Bodies are bytes after undoing `Content-Encoding` and `!!binary`; when the
    recorder stored a parsed JSON body (pydantic-ai's `parsed_body`) it is kept
    in `*_json` and the bytes hold its compact JSON serialisation.
    """

    index: int
    method: str
    url: str
    request_headers: Headers
    request_body: bytes
    status: int | None
    """HTTP status code; None when the recording has no response status."""
    status_text: str
    response_headers: Headers
    response_body: bytes
    duration_ms: float | None
    """Recorded wall time of the exchange, None when the format has none."""
    request_json: Any = None
    response_json: Any = None
    line: int | None = None
    """1-based line in the cassette file where this interaction starts."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    """Format-specific leftovers worth showing (e.g. gRPC chunks of xAI cassettes)."""

    @property
    def status_line(self) -> str:
        """`429 Too Many Requests`, whether the recorder kept the code in the text or not."""
        if self.status is None:
            return self.status_text or "no status"
        text = self.status_text.strip()
        code = str(self.status)
        if text.startswith(code):
            text = text[len(code) :].strip()
        return f"{code} {text}".strip()

    @property
    def request_content_type(self) -> str:
        return (header(self.request_headers, "content-type") or "").lower()

    @property
    def response_content_type(self) -> str:
        return (header(self.response_headers, "content-type") or "").lower()


# --------------------------------------------------------------------------
# Dialect layer: what the LLM API saw and answered.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TextPart:
    text: str
    type: Literal["text"] = "text"


@dataclass(frozen=True)
class ThinkingPart:
    text: str
    signature: str | None = None
    redacted: bool = False
    type: Literal["thinking"] = "thinking"


@dataclass(frozen=True)
class ToolCallPart:
    id: str | None
    name: str
    arguments_raw: str
    """Arguments exactly as sent (a JSON string for most APIs)."""
    arguments: Any = None
    """Parsed arguments when `arguments_raw` is valid JSON, else None."""
    arguments_valid: bool = True
    type: Literal["tool_call"] = "tool_call"
    server: bool = field(default=False, compare=False)
    """A provider-run tool (web search, attachment search, MCP): no client result is expected.
    Not part of equality, so a call is the same call whichever side marked it."""


@dataclass(frozen=True)
class ToolResultPart:
    tool_call_id: str | None
    content: Any
    """A string, or the structured content the API carried (list/dict)."""
    is_error: bool = False
    name: str | None = None
    type: Literal["tool_result"] = "tool_result"


@dataclass(frozen=True)
class ImagePart:
    media_type: str
    bytes: int
    """Size of the decoded image data; 0 when only a URL was sent."""
    url: str | None = None
    type: Literal["image"] = "image"
    seconds: float | None = None
    """Playing time of an audio placeholder (`audio/...`), when its format tells it."""


@dataclass(frozen=True)
class UnrecognisedPart:
    """An item, content block, part or stream event the dialect does not model.

    Kept in its place among the other parts so nothing a provider sent disappears;
    every one is also counted in an `undecoded-item` problem naming `kind`."""

    kind: str
    """The provider's own name for it (`type` field, event name or part key)."""
    data: Any
    """Its JSON as recorded (masked like everything else when shown)."""
    type: Literal["unrecognised"] = "unrecognised"
    field: bool = False
    """A field the response carries beside the message (Perplexity's `citations`, a choice's
    `native_finish_reason`), named by its path in `kind`: shown as "not modelled", after the
    message's own parts (`dialects.response_fields`)."""


Part = TextPart | ThinkingPart | ToolCallPart | ToolResultPart | ImagePart | UnrecognisedPart

Role = str
"""`system`, `user`, `assistant`, `tool` (a provider's own names mapped onto these)."""


@dataclass(frozen=True)
class Message:
    role: Role
    parts: tuple[Part, ...]
    name: str | None = None
    origin: str | None = None
    """Where a message of a request came from when the client did not send it with that
    request, in words every renderer shows beside the role (a realtime session resumed:
    `restored by the server into session 2`); None for what the client sent."""

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts if isinstance(p, TextPart))

    @property
    def tool_calls(self) -> tuple[ToolCallPart, ...]:
        return tuple(p for p in self.parts if isinstance(p, ToolCallPart))


@dataclass(frozen=True)
class ToolDefinition:
    name: str
    description: str
    parameters: Any
    """The tool's JSON schema (a dict), or None for provider built-in tools."""


@dataclass(frozen=True)
class LLMRequest:
    model: str | None
    messages: tuple[Message, ...]
    tools: tuple[ToolDefinition, ...]
    params: dict[str, Any]
    """Everything else the client sent (temperature, max_tokens, stream, ...)."""


StreamEventKind = Literal[
    "start",  # message/response started (role, ids)
    "text",  # a text delta
    "thinking",  # a thinking/reasoning delta
    "signature",  # a thinking signature delta
    "tool_call",  # a tool call starts (name, id)
    "tool_args",  # a fragment of tool-call arguments
    "usage",  # token usage reported
    "finish",  # finish reason reported
    "error",  # an error event inside the stream
    "done",  # the terminal event ([DONE], message_stop, response.completed)
    "other",  # anything else (pings, metadata)
]


@dataclass(frozen=True)
class StreamEvent:
    """One recorded chunk of a streamed response, in order."""

    index: int
    kind: StreamEventKind
    delta: str = ""
    """The text this event adds to its part (text, thinking or argument fragment)."""
    part: int | None = None
    """Index into the assembled assistant message's `parts` that this event builds."""
    name: str | None = None
    """Event name (SSE `event:` field, eventstream `:event-type`), if any."""
    data: str = ""
    """The event's raw payload text (JSON), for the raw view."""


@dataclass(frozen=True)
class ApiError:
    status: int | None
    type: str | None
    message: str
    provider: str | None = None


@dataclass(frozen=True)
class LLMResponse:
    error: ApiError | None
    message: Message | None
    """The assistant turn (assembled from the stream when streamed)."""
    finish_reason: str | None
    usage: dict[str, Any]
    chunks: tuple[StreamEvent, ...]
    """Ordered stream events; empty when not streamed."""
    model: str | None = None
    provider: str | None = None
    """Upstream provider when a router reports it (OpenRouter `provider`)."""
    id: str | None = None
    native_finish_reason: str | None = None
    """The upstream provider's own finish reason when a router reports it beside its normalized
    one (OpenRouter's `native_finish_reason`: `end_turn` behind `stop`)."""
    service_tier: str | None = None
    """The processing tier that served the request (OpenAI's `service_tier`: `default`, `flex`,
    `priority`), on nearly every OpenAI answer: a header fact, not a card."""

    @property
    def finish_label(self) -> str | None:
        """`stop`, or `stop (native end_turn)` when the upstream provider said it otherwise."""
        native = self.native_finish_reason
        if native and native != self.finish_reason:
            return f"{self.finish_reason or '?'} (native {native})"
        return self.finish_reason


Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    interaction: int | None
    """0-based interaction index; None for a problem with the whole file."""
    severity: Severity
    code: str
    """Stable kebab-case code, e.g. `http-error`, `stream-unterminated`."""
    message: str


@dataclass(frozen=True)
class Exchange:
    """One interaction decoded through its dialect."""

    raw: RawInteraction
    dialect: str
    """`openai-chat`, `openai-responses`, `anthropic`, `gemini`, `bedrock-converse`,
    `bedrock-invoke`, `cohere`, `ollama`, `http` (unknown API)."""
    streamed: bool
    request: LLMRequest
    response: LLMResponse
    problems: tuple[Problem, ...] = ()
    """Problems visible from this interaction alone (decode-level)."""

    @property
    def index(self) -> int:
        return self.raw.index

    @property
    def is_error(self) -> bool:
        return self.response.error is not None or (self.raw.status or 0) >= 400


@dataclass(frozen=True)
class TurnInfo:
    """Where an interaction sits among retries and polls: `turn 2 · attempt 3/9`, `turn 2 · poll 1/3`."""

    turn: int
    """1-based turn number."""
    attempt: int
    """1-based attempt number within the turn."""
    attempts: int
    """Number of attempts the turn took."""
    poll: int = 0
    """1-based number of this interaction among the polls of its turn; 0 when it is no poll
    (`tui_replay.analysis.polls`)."""
    polls: int = 0
    """How many polls the turn has (the last one carries the answer); 0 when none."""
    polls_for: int | None = None
    """For a poll, the index of the interaction that started what it polls."""

    @property
    def label(self) -> str:
        """`turn 3 · attempt 2/4`, or for a poll `turn 3 · poll 2/4`; `turn …` while the
        turn number is not known yet (0)."""
        turn = self.turn or "…"
        if self.poll:
            return f"turn {turn} · poll {self.poll}/{self.polls}"
        return f"turn {turn} · attempt {self.attempt}/{self.attempts}"
