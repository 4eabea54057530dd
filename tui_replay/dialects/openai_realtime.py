"""OpenAI Realtime API over a WebSocket (also as served by Azure OpenAI and xAI's voice API).

One turn of a recorded session (see `formats.websocket`): the client's events
(`session.update` with instructions and tools, `conversation.item.create` with
messages and `function_call_output`s, `input_audio_buffer.append` audio,
`response.create`) are the request; the server's events are the answer's
stream: text and audio-transcript deltas, audio deltas (one placeholder with
its size and duration), function-call argument deltas assembled into tool
calls, `response.done` with usage, `error` events. Event names of the beta API
(`response.text.delta`, `response.audio.delta`, ...) are read too.

Events that carry no content (session and buffer notices, item and part
boundaries, pings) are modelled as `other` stream events; an event this module
does not know becomes an `UnrecognisedPart` in its place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tui_replay.dialects import Dialect
from tui_replay.dialects.assembly import MessageAssembler, decode_problems
from tui_replay.dialects.audio import AudioTotal, openai_format
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, compact, opt_str
from tui_replay.dialects.openai_realtime_items import CLIENT_CONTENT, item_message, server_items
from tui_replay.dialects.parts import tool_call
from tui_replay.dialects.realtime_session import session_problems
from tui_replay.model import (
    ApiError,
    Exchange,
    ImagePart,
    LLMRequest,
    LLMResponse,
    Message,
    RawInteraction,
    TextPart,
    ToolDefinition,
    UnrecognisedPart,
)

NAME = "openai-realtime"
PROVIDER = "OpenAI Realtime"

TEXT_DELTAS = frozenset(
    {
        "response.output_text.delta",
        "response.text.delta",
        "response.output_audio_transcript.delta",
        "response.audio_transcript.delta",
    }
)
AUDIO_DELTAS = frozenset({"response.output_audio.delta", "response.audio.delta"})
ARGUMENT_DELTAS = frozenset({"response.function_call_arguments.delta", "response.mcp_call_arguments.delta"})

NOTICES = frozenset(
    {
        "session.created",
        "session.updated",
        "transcription_session.updated",
        "conversation.created",
        "conversation.item.added",
        "conversation.item.created",
        "conversation.item.done",
        "conversation.item.retrieved",
        "conversation.item.truncated",
        "conversation.item.deleted",
        "conversation.item.input_audio_transcription.delta",
        "conversation.item.input_audio_transcription.completed",
        "conversation.item.input_audio_transcription.segment",
        "input_audio_buffer.committed",
        "input_audio_buffer.cleared",
        "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped",
        "input_audio_buffer.timeout_triggered",
        "output_audio_buffer.started",
        "output_audio_buffer.stopped",
        "output_audio_buffer.cleared",
        "response.output_item.added",
        "response.content_part.added",
        "response.content_part.done",
        "response.output_text.done",
        "response.text.done",
        "response.output_audio_transcript.done",
        "response.audio_transcript.done",
        "response.output_audio.done",
        "response.audio.done",
        "response.function_call_arguments.done",
        "response.mcp_call_arguments.done",
        "response.mcp_call.in_progress",
        "response.mcp_call.completed",
        "mcp_list_tools.in_progress",
        "mcp_list_tools.completed",
        "rate_limits.updated",
        "ping",
    }
)
"""Server events with no content of the answer's own: what they tell is shown elsewhere
(the session in the request, the user's transcript in the user message) or is a boundary."""

SERVER_EVENTS = (
    NOTICES
    | TEXT_DELTAS
    | AUDIO_DELTAS
    | ARGUMENT_DELTAS
    | {
        "response.created",
        "response.done",
        "response.output_item.done",
        "error",
        "conversation.item.input_audio_transcription.failed",
        "response.mcp_call.failed",
        "mcp_list_tools.failed",
    }
)
"""Every server event type this module models (the completeness test reads it)."""

CLIENT_EVENTS = frozenset(
    {
        "session.update",
        "transcription_session.update",
        "conversation.item.create",
        "conversation.item.retrieve",
        "conversation.item.truncate",
        "conversation.item.delete",
        "input_audio_buffer.append",
        "input_audio_buffer.commit",
        "input_audio_buffer.clear",
        "output_audio_buffer.clear",
        "response.create",
        "response.cancel",
    }
)
"""Every client event type this module models."""

ITEM_KINDS = frozenset(
    {
        "message",
        "function_call",
        "function_call_output",
        "input_text",
        "input_audio",
        "input_image",
        "output_text",
        "output_audio",
        "text",
        "audio",
    }
)
"""Conversation items and their content types."""

MODELLED = SERVER_EVENTS | CLIENT_EVENTS | ITEM_KINDS


def _websocket(raw: RawInteraction) -> dict[str, Any]:
    return as_dict(raw.extra.get("websocket"))


def detect(raw: RawInteraction) -> bool:
    return _websocket(raw).get("protocol") == NAME


# -- request -----------------------------------------------------------------


def _tools(config: Any) -> tuple[ToolDefinition, ...]:
    tools = []
    for tool in as_list(as_dict(config).get("tools")):
        tool = as_dict(tool)
        parameters = tool.get("parameters") if tool.get("type", "function") == "function" else None
        name = as_str(tool.get("name")) or as_str(tool.get("server_label")) or as_str(tool.get("type"))
        tools.append(ToolDefinition(name, as_str(tool.get("description")), parameters))
    return tuple(tools)


def _user_transcripts(received: list[Any]) -> list[str]:
    """What the server heard in the user's audio (its transcription of it)."""
    return [
        as_str(event.get("transcript"))
        for event in map(as_dict, received)
        if event.get("type") == "conversation.item.input_audio_transcription.completed"
    ]


def _in_order(raw: RawInteraction) -> list[tuple[bool, int, dict[str, Any]]]:
    """`(sent, index among its direction's events, event)` in recorded order."""
    sent, received = as_list(raw.request_json), as_list(raw.response_json)
    order = as_list(_websocket(raw).get("order"))
    if not order:  # built without the format's order: the client's events, then the server's
        order = [("sent", i) for i in range(len(sent))] + [("received", i) for i in range(len(received))]
    events = []
    for direction, at in order:
        source = sent if direction == "sent" else received
        if isinstance(at, int) and 0 <= at < len(source):
            events.append((direction == "sent", at, as_dict(source[at])))
    return events


RESTORED = "restored by the server into session"


def _origin(ws: dict[str, Any], client_started: bool) -> str:
    if ws.get("resumed") and not client_started:
        return f"{RESTORED} {ws.get('session')}"
    return "added by the server, not sent by the client"


def decode_request(raw: RawInteraction) -> LLMRequest:
    ws = _websocket(raw)
    config = as_dict(ws.get("config"))
    audio_in = openai_format(
        as_dict(as_dict(config.get("audio")).get("input")), config.get("input_audio_format")
    )
    added = server_items(as_list(raw.request_json), as_list(raw.response_json))
    messages: list[Message] = []
    params: dict[str, Any] = {}
    audio: AudioTotal | None = None
    audio_at = 0
    client_started = False
    for sent, at, event in _in_order(raw):
        if not sent:
            if at in added:
                origin = _origin(ws, client_started)
                messages.append(replace(item_message(added[at], audio_in), origin=origin))
            continue
        kind = as_str(event.get("type"))
        client_started = client_started or kind in CLIENT_CONTENT
        if kind == "input_audio_buffer.append":
            if audio is None:
                audio = AudioTotal(*audio_in)
                messages.append(Message("user", ()))
                audio_at = len(messages) - 1
            audio.add(event.get("audio"))
            messages[audio_at] = Message("user", (audio.part(),))
            continue
        audio = None
        if kind == "session.update":
            session = as_dict(event.get("session"))
            if session.get("instructions"):
                messages.append(Message("system", (TextPart(as_str(session["instructions"])),)))
            params["session"] = {k: v for k, v in session.items() if k not in ("instructions", "tools")}
        elif kind == "conversation.item.create":
            messages.append(item_message(event.get("item"), audio_in))
        elif kind in CLIENT_EVENTS:
            body = {k: v for k, v in event.items() if k not in ("type", "event_id")}
            params[kind] = body or True
        else:
            messages.append(Message("user", (UnrecognisedPart(kind or "event", event),)))
    transcripts = _user_transcripts(as_list(raw.response_json))
    if transcripts:
        for i, message in enumerate(messages):
            if message.role == "user" and any(isinstance(p, ImagePart) for p in message.parts):
                messages[i] = Message("user", message.parts + tuple(TextPart(t) for t in transcripts))
                break
        else:
            messages.append(Message("user", tuple(TextPart(t) for t in transcripts)))
    model = opt_str(config.get("model"))
    return LLMRequest(model, tuple(messages), _tools(config), params)


# -- answer ------------------------------------------------------------------


class _Answer:
    def __init__(self, raw: RawInteraction) -> None:
        self.raw = raw
        config = as_dict(_websocket(raw).get("config"))
        self.audio_out = openai_format(
            as_dict(as_dict(config.get("audio")).get("output")), config.get("output_audio_format")
        )
        self.asm = MessageAssembler()
        self.audio: dict[Any, AudioTotal] = {}
        self.error: ApiError | None = None
        self.usage: dict[str, Any] = {}
        self.finish: str | None = None
        self.model: str | None = None
        self.id: str | None = None
        self.done = False
        self.answered = False

    def read(self, event: dict[str, Any]) -> None:
        kind = as_str(event.get("type"))
        data = compact(event)
        key = (event.get("item_id"), event.get("content_index"))
        asm = self.asm
        if kind in TEXT_DELTAS:
            part = asm.append("text", as_str(event.get("delta")), key)
            asm.event("text", as_str(event.get("delta")), part, kind, data)
        elif kind in AUDIO_DELTAS:
            audio_key = (*key, "audio")
            audio_part = asm.slot(audio_key)
            if audio_part is None:
                audio_part = asm.open("fixed", audio_key)
                self.audio[audio_part] = AudioTotal(*self.audio_out)
            self.audio[audio_part].add(event.get("delta"))
            asm.set_fixed(audio_part, self.audio[audio_part].part())
            asm.event("other", "", audio_part, kind, data)
        elif kind in ARGUMENT_DELTAS:
            call_part = asm.slot(event.get("item_id"))
            if call_part is None:
                call_part = asm.open("tool_call", event.get("item_id"), call_id=opt_str(event.get("call_id")))
            asm.append("tool_call", as_str(event.get("delta")), event.get("item_id"))
            asm.event("tool_args", as_str(event.get("delta")), call_part, kind, data)
        elif kind == "response.output_item.added":
            self._item_added(as_dict(event.get("item")), kind, data)
        elif kind == "response.output_item.done":
            self._item_done(as_dict(event.get("item")), kind, data)
        elif kind == "response.created":
            response = as_dict(event.get("response"))
            self.id = opt_str(response.get("id")) or self.id
            self.answered = True
            asm.event("start", "", None, kind, data)
        elif kind == "response.done":
            self._response_done(as_dict(event.get("response")))
            if not self.usage:  # xAI reports it beside the response, not in it
                self.usage = as_dict(event.get("usage"))
            asm.event("done", "", None, kind, data)
        elif kind == "error":
            error = as_dict(event.get("error"))
            self.error = ApiError(
                None,
                opt_str(error.get("type")) or opt_str(error.get("code")),
                as_str(error.get("message")),
                PROVIDER,
            )
            asm.event("error", as_str(error.get("message")), None, kind, data)
        elif kind in ("conversation.item.input_audio_transcription.failed", "response.mcp_call.failed"):
            error = as_dict(event.get("error"))
            self.error = self.error or ApiError(None, kind, as_str(error.get("message")) or kind, PROVIDER)
            asm.event("error", as_str(error.get("message")), None, kind, data)
        elif kind in ("session.created", "session.updated"):
            self.model = opt_str(as_dict(event.get("session")).get("model")) or self.model
            asm.event("other", "", None, kind, data)
        elif kind in SERVER_EVENTS:
            asm.event("other", "", None, kind, data)
        else:
            part = asm.add(UnrecognisedPart(kind or "event", event))
            asm.event("other", "", part, kind or None, data)

    def _item_added(self, item: dict[str, Any], kind: str, data: str) -> None:
        if item.get("type") == "function_call":
            part = self.asm.slot(item.get("id"))
            if part is None:
                part = self.asm.open(
                    "tool_call",
                    item.get("id"),
                    call_id=opt_str(item.get("call_id")),
                    name=as_str(item.get("name")),
                )
            self.asm.set_tool(part, call_id=opt_str(item.get("call_id")), name=as_str(item.get("name")))
            self.asm.event("tool_call", as_str(item.get("name")), part, kind, data)
        else:
            self.asm.event("other", "", None, kind, data)

    def _item_done(self, item: dict[str, Any], kind: str, data: str) -> None:
        """A finished item whose content did not stream (arguments sent whole) still counts."""
        if item.get("type") == "function_call" and self.asm.slot(item.get("id")) is None:
            call = tool_call(
                opt_str(item.get("call_id")), as_str(item.get("name")), item.get("arguments") or ""
            )
            part = self.asm.add(call, item.get("id"))
            self.asm.event("tool_call", call.name, part, kind, data)
            return
        if item.get("type") not in (None, "message", "function_call"):
            part = self.asm.add(UnrecognisedPart(as_str(item.get("type")), item))
            self.asm.event("other", "", part, kind, data)
            return
        self.asm.event("other", "", None, kind, data)

    def _response_done(self, response: dict[str, Any]) -> None:
        self.done = True
        self.id = opt_str(response.get("id")) or self.id
        self.usage = as_dict(response.get("usage"))
        status = opt_str(response.get("status"))
        details = as_dict(response.get("status_details"))
        self.finish = opt_str(details.get("reason")) or status
        if status == "failed" and self.error is None:
            error = as_dict(details.get("error"))
            self.error = ApiError(
                None,
                opt_str(error.get("type")) or "failed",
                as_str(error.get("message")) or "failed",
                PROVIDER,
            )


def decode(raw: RawInteraction) -> Exchange:
    answer = _Answer(raw)
    for event in as_list(raw.response_json):
        answer.read(as_dict(event))
    close = as_dict(_websocket(raw).get("close"))
    if close:
        answer.asm.event("other", "", None, "close", compact(close))
    response = LLMResponse(
        error=answer.error,
        message=answer.asm.message(),
        finish_reason=answer.finish,
        usage=answer.usage,
        chunks=tuple(answer.asm.events),
        model=answer.model,
        id=answer.id,
    )
    problems = decode_problems(
        raw,
        response,
        provider=PROVIDER,
        streamed=True,
        terminated=answer.done or not answer.answered,
        expect_message=answer.answered,
    )
    request = decode_request(raw)
    restored = sum(1 for m in request.messages if m.origin and m.origin.startswith(RESTORED))
    return Exchange(
        raw=raw,
        dialect=NAME,
        streamed=True,
        request=request,
        response=response,
        problems=problems + session_problems(raw, restored),
    )


DIALECT = Dialect(NAME, detect, decode, MODELLED)
