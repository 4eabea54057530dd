"""Audio sent or received as base64 chunks, shown as one placeholder: format, size, duration."""

from __future__ import annotations

import re
from typing import Any

from tui_replay.dialects.json_shapes import as_dict, as_str
from tui_replay.dialects.parts import base64_size
from tui_replay.model import ImagePart

BYTES_PER_SAMPLE = {
    "audio/pcm": 2,
    "pcm16": 2,
    "audio/pcmu": 1,
    "audio/pcma": 1,
    "g711_ulaw": 1,
    "g711_alaw": 1,
}
"""PCM is 16-bit; G.711 (mu-law, A-law) is 8-bit."""

DEFAULT_RATE = {"pcm16": 24000, "audio/pcm": 24000, "g711_ulaw": 8000, "g711_alaw": 8000}
"""OpenAI Realtime's rates when the session does not say (PCM 24 kHz, G.711 8 kHz)."""


class AudioTotal:
    """Base64 audio chunks of one stream, counted as they arrive."""

    def __init__(self, media_type: str, rate: int | None) -> None:
        self.media_type = media_type
        self.rate = rate
        self.bytes = 0
        self.chunks = 0

    def add(self, data: Any) -> None:
        self.bytes += base64_size(data)
        self.chunks += 1

    def part(self) -> ImagePart:
        width = BYTES_PER_SAMPLE.get(self.media_type.split(";", 1)[0].lower())
        seconds = self.bytes / (width * self.rate) if width and self.rate else None
        shown = f"{self.media_type};rate={self.rate}" if self.rate and "rate=" not in self.media_type else ""
        return ImagePart(shown or self.media_type, self.bytes, seconds=seconds)


def openai_format(audio_side: Any, legacy: Any = None) -> tuple[str, int | None]:
    """(media type, rate) of an OpenAI Realtime session's `audio.input|output.format`
    (`{type: audio/pcm, rate: 24000}`), or of the beta `input_audio_format: pcm16`."""
    fmt = as_dict(as_dict(audio_side).get("format"))
    kind = as_str(fmt.get("type")) or as_str(legacy) or "audio/pcm"
    rate = fmt.get("rate")
    if not isinstance(rate, int) or isinstance(rate, bool):
        rate = DEFAULT_RATE.get(kind)
    media_type = kind if "/" in kind else f"audio/{kind}"
    return media_type, rate


def from_mime_type(mime_type: str) -> tuple[str, int | None]:
    """(media type, rate) of Gemini's `audio/pcm;rate=24000` (PCM without a rate is 16 kHz in, 24 kHz out)."""
    match = re.search(r"rate=(\d+)", mime_type)
    return mime_type.split(";", 1)[0].strip() or "audio/*", int(match.group(1)) if match else None
