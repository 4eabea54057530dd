"""Gemini Live API over a WebSocket (`BidiGenerateContent`).

One turn of a recorded session (see `formats.websocket`). The client sends
`setup` (model, system instruction, tools), `clientContent` (turns of
history and the user's text), `realtimeInput` (audio, video, text and
activity markers) and `toolResponse`; the server answers with `setupComplete`,
`serverContent` (`modelTurn` parts, input/output transcriptions,
`generationComplete`, `turnComplete`, `interrupted`, grounding), `toolCall`,
`toolCallCancellation`, `goAway`, `sessionResumptionUpdate` and
`usageMetadata`. Both the camelCase and snake_case spellings of the client
keys are read (the Python SDK sends `client_content`).

Audio parts become one placeholder with its size and duration; the output
transcription is the answer's text (what the audio said), `thought` text is
thinking. A key this module does not know becomes an `UnrecognisedPart`.
"""

from __future__ import annotations

from typing import Any

from tui_replay.dialects import Dialect
from tui_replay.dialects.assembly import MessageAssembler, decode_problems
from tui_replay.dialects.audio import AudioTotal, from_mime_type
from tui_replay.dialects.gemini import MODELLED as GEMINI_PARTS
from tui_replay.dialects.gemini import content_message, part_of
from tui_replay.dialects.gemini import tools_of as gemini_tools
from tui_replay.dialects.json_shapes import as_dict, as_list, as_str, compact, opt_str
from tui_replay.dialects.realtime_session import session_problems
from tui_replay.model import (
    ApiError,
    Exchange,
    LLMRequest,
    LLMResponse,
    Message,
    Part,
    RawInteraction,
    TextPart,
    ThinkingPart,
    ToolResultPart,
    UnrecognisedPart,
)

NAME = "gemini-live"
PROVIDER = "Gemini Live"

CLIENT_KEYS = frozenset(
    {
        "setup",
        "clientContent",
        "client_content",
        "realtimeInput",
        "realtime_input",
        "toolResponse",
        "tool_response",
    }
)
SERVER_KEYS = frozenset(
    {
        "setupComplete",
        "serverContent",
        "toolCall",
        "toolCallCancellation",
        "goAway",
        "sessionResumptionUpdate",
        "usageMetadata",
    }
)
SERVER_CONTENT_KEYS = frozenset(
    {
        "modelTurn",
        "turnComplete",
        "generationComplete",
        "interrupted",
        "inputTranscription",
        "outputTranscription",
        "groundingMetadata",
        "urlContextMetadata",
        "turnCompleteReason",
        "waitingForInput",
    }
)
MODELLED = CLIENT_KEYS | SERVER_KEYS | SERVER_CONTENT_KEYS | GEMINI_PARTS
"""Every message key this module models (the completeness test reads it)."""


def detect(raw: RawInteraction) -> bool:
    return as_dict(raw.extra.get("websocket")).get("protocol") == NAME


def _get(data: dict[str, Any], camel: str, snake: str) -> Any:
    return data.get(camel, data.get(snake))


# -- request -----------------------------------------------------------------


def _realtime_input(value: dict[str, Any], audio: AudioTotal | None) -> tuple[list[Part], AudioTotal | None]:
    parts: list[Part] = []
    for key, item in value.items():
        if key in ("audio", "mediaChunks", "media_chunks"):
            for blob in as_list(item) if key != "audio" else [item]:
                blob = as_dict(blob)
                if audio is None:
                    media_type, rate = from_mime_type(as_str(_get(blob, "mimeType", "mime_type")))
                    audio = AudioTotal(media_type, rate or 16000)
                audio.add(blob.get("data"))
        elif key == "text":
            parts.append(TextPart(as_str(item)))
        elif key in ("activityStart", "activityEnd", "audioStreamEnd", "activity_start", "activity_end"):
            continue  # markers of the user's speech: no content
        else:
            parts.append(UnrecognisedPart(f"realtimeInput.{key}", item))
    return parts, audio


def decode_request(raw: RawInteraction) -> LLMRequest:
    ws = as_dict(raw.extra.get("websocket"))
    config = as_dict(ws.get("config"))
    messages: list[Message] = []
    params: dict[str, Any] = {}
    audio: AudioTotal | None = None
    audio_at: int | None = None
    for event in map(as_dict, as_list(raw.request_json)):
        for key, value in event.items():
            value_dict = as_dict(value)
            if key == "setup":
                system = _get(value_dict, "systemInstruction", "system_instruction")
                if system:
                    messages.append(Message("system", content_message(system).parts))
                params["setup"] = {
                    k: v
                    for k, v in value_dict.items()
                    if k not in ("systemInstruction", "system_instruction", "tools", "model")
                }
            elif key in ("clientContent", "client_content"):
                for content in as_list(value_dict.get("turns")):
                    messages.append(content_message(content))
            elif key in ("realtimeInput", "realtime_input"):
                parts, audio = _realtime_input(value_dict, audio)
                if audio is not None:
                    if audio_at is None:
                        messages.append(Message("user", ()))
                        audio_at = len(messages) - 1
                    messages[audio_at] = Message("user", (audio.part(),))
                if parts:
                    messages.append(Message("user", tuple(parts)))
            elif key in ("toolResponse", "tool_response"):
                responses = _get(value_dict, "functionResponses", "function_responses")
                results = tuple(
                    ToolResultPart(opt_str(r.get("id")), r.get("response"), False, opt_str(r.get("name")))
                    for r in map(as_dict, as_list(responses))
                )
                messages.append(Message("tool", results))
            else:
                messages.append(Message("user", (UnrecognisedPart(key, value),)))
    heard = "".join(
        as_str(as_dict(as_dict(e.get("serverContent")).get("inputTranscription")).get("text"))
        for e in map(as_dict, as_list(raw.response_json))
    )
    if heard:
        messages.append(Message("user", (TextPart(heard),)))
    model = opt_str(config.get("model"))
    return LLMRequest(model, tuple(messages), gemini_tools(config.get("tools")), params)


# -- answer ------------------------------------------------------------------


class _Answer:
    def __init__(self) -> None:
        self.asm = MessageAssembler()
        self.audio: AudioTotal | None = None
        self.audio_part: int | None = None
        self.usage: dict[str, Any] = {}
        self.error: ApiError | None = None
        self.finish: str | None = None
        self.done = False

    def read(self, event: dict[str, Any]) -> None:
        data = compact(event)
        asm = self.asm
        before = len(asm.events)
        for key, value in event.items():
            value_dict = as_dict(value)
            if key == "serverContent":
                self._server_content(value_dict, data)
            elif key == "toolCall":
                for call in as_list(_get(value_dict, "functionCalls", "function_calls")):
                    part = part_of({"functionCall": call})
                    assert part is not None
                    asm.event("tool_call", getattr(part, "name", ""), asm.add(part), key, data)
                self.done = True
                self.finish = self.finish or "tool_call"
            elif key == "usageMetadata":
                self.usage = value_dict
                asm.event("usage", "", None, key, data)
            elif key in SERVER_KEYS:
                asm.event("other", "", None, key, data)
            else:
                asm.event("other", "", asm.add(UnrecognisedPart(key, value)), key, data)
        if len(asm.events) == before:
            asm.event("other", "", None, None, data)

    def _server_content(self, content: dict[str, Any], data: str) -> None:
        asm = self.asm
        for key, value in content.items():
            if key == "modelTurn":
                for item in as_list(as_dict(value).get("parts")):
                    self._model_part(as_dict(item), data)
            elif key == "outputTranscription":
                text = as_str(as_dict(value).get("text"))
                asm.event("text", text, asm.append("text", text, "transcript"), "outputTranscription", data)
            elif key == "turnComplete":
                self.done = self.done or value is True
                self.finish = as_str(content.get("turnCompleteReason")) or self.finish or "turn_complete"
                asm.event("done", "", None, "turnComplete", data)
            elif key == "interrupted":
                self.finish = "interrupted"
                asm.event("finish", "interrupted", None, key, data)
            elif key in SERVER_CONTENT_KEYS:
                asm.event("other", "", None, key, data)
            else:
                part = asm.add(UnrecognisedPart(f"serverContent.{key}", value))
                asm.event("other", "", part, key, data)

    def _model_part(self, item: dict[str, Any], data: str) -> None:
        asm = self.asm
        blob = as_dict(item.get("inlineData"))
        mime_type = as_str(blob.get("mimeType"))
        if blob and mime_type.startswith("audio/"):
            if self.audio is None or self.audio_part is None:
                media_type, rate = from_mime_type(mime_type)
                self.audio = AudioTotal(media_type, rate or 24000)
                self.audio_part = asm.open("fixed", "audio")
            self.audio.add(blob.get("data"))
            asm.set_fixed(self.audio_part, self.audio.part())
            asm.event("other", "", self.audio_part, "modelTurn.audio", data)
            return
        part = part_of(item)
        if isinstance(part, ThinkingPart):
            index = asm.append("thinking", part.text, "thinking")
            asm.event("thinking", part.text, index, "modelTurn", data)
        elif isinstance(part, TextPart):
            asm.event("text", part.text, asm.append("text", part.text, "text"), "modelTurn", data)
        elif part is not None and part.type == "tool_call":
            asm.event("tool_call", getattr(part, "name", ""), asm.add(part), "modelTurn", data)
        elif part is not None:
            asm.event("other", "", asm.add(part), "modelTurn", data)
        else:
            asm.event("other", "", None, "modelTurn", data)


def decode(raw: RawInteraction) -> Exchange:
    answer = _Answer()
    for event in as_list(raw.response_json):
        answer.read(as_dict(event))
    ws = as_dict(raw.extra.get("websocket"))
    close = as_dict(ws.get("close"))
    if close:
        answer.asm.event("other", "", None, "close", compact(close))
    config = as_dict(ws.get("config"))
    response = LLMResponse(
        error=answer.error,
        message=answer.asm.message(),
        finish_reason=answer.finish,
        usage=answer.usage,
        chunks=tuple(answer.asm.events),
        model=opt_str(config.get("model")),
    )
    answered = any(
        "serverContent" in as_dict(e) or "toolCall" in as_dict(e) for e in as_list(raw.response_json)
    )
    problems = decode_problems(
        raw,
        response,
        provider=PROVIDER,
        streamed=True,
        terminated=answer.done or not answered,
        expect_message=answered,
    )
    return Exchange(
        raw=raw,
        dialect=NAME,
        streamed=True,
        request=decode_request(raw),
        response=response,
        problems=problems + session_problems(raw),
    )


DIALECT = Dialect(NAME, detect, decode, MODELLED)
