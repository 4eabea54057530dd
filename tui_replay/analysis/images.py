"""The image data an interaction carries, decoded: what `w` in the app saves to a file.

The decoded model keeps an image as an `ImagePart` (its media type and size, never its
bytes: a conversation repeats the same screenshot in every later request). The bytes are
read here from the recorded bodies when someone asks for them.

Every dialect writes image data its own way: a `data:` URL (OpenAI chat and Responses),
`{"source": {"type": "base64", "data": ...}}` (Anthropic), `{"inlineData": {"data": ...}}`
(Gemini), `{"image": {"source": {"bytes": ...}}}` (Bedrock Converse), `"images": [...]`
(Ollama), `b64_json` and `result` (OpenAI image generation). Rather than a reader per
dialect, every string of the body's JSON is looked at: a `data:image/...;base64,` URL, or a
long base64 string whose decoded bytes start like an image file (PNG, JPEG, GIF, WebP).
The bytes decide what the image is, so a mislabelled media type does not name a PNG `.jpg`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tui_replay.model import RawInteraction

MIN_BASE64_CHARS = 64
"""Shorter strings are ids and hashes, not images (the smallest real PNG is ~90 bytes)."""

_DATA_URL = re.compile(r"data:(image/[\w.+-]+)(?:;[\w=.-]+)*;base64,", re.IGNORECASE)
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]+=*")

SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)


@dataclass(frozen=True)
class ImageData:
    """One image found in an interaction: its decoded bytes, and where it was."""

    data: bytes
    media_type: str
    """From the bytes when they say it, else as the body labelled it."""
    extension: str
    """A file name suffix, without the dot."""
    side: str
    """"request" or "response"."""


def sniffed(data: bytes) -> tuple[str, str] | None:
    """`(media type, extension)` of image bytes, from how the file starts; None if not an image."""
    for magic, media_type, extension in SIGNATURES:
        if data.startswith(magic):
            return media_type, extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def _decoded(text: str) -> bytes | None:
    """`text` as base64 (standard or URL-safe), or None when it is not."""
    text = text.strip()
    if not _BASE64.fullmatch(text):
        return None
    padded = text + "=" * (-len(text) % 4)
    try:
        if "-" in text or "_" in text:
            return base64.urlsafe_b64decode(padded)
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return None


def image_in_string(text: str) -> tuple[bytes, str, str] | None:
    """`(bytes, media type, extension)` when `text` is a base64 image or a `data:` URL of one."""
    if text.startswith("data:"):
        url = _DATA_URL.match(text)
        if url is None:
            return None
        data = _decoded(text[url.end() :])
        if data is None:
            return None
        labelled = url.group(1).lower()
        found = sniffed(data)
        if found is not None:
            return data, *found
        extension = labelled.split("/", 1)[1].split("+", 1)[0]
        return data, labelled, "jpg" if extension == "jpeg" else extension
    if len(text) < MIN_BASE64_CHARS:
        return None
    # only the start is decoded to look: a body may hold many long base64 strings (audio, pdf)
    head = _decoded(text[:64])
    if head is None or sniffed(head) is None:
        return None
    data = _decoded(text)
    found = sniffed(data) if data is not None else None
    return (data, *found) if data is not None and found is not None else None


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, in document order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _json_documents(body: bytes, parsed: Any) -> Iterator[Any]:
    """The body's JSON: the whole body, or each event of a stream (SSE `data:` lines, JSON lines)."""
    if parsed is not None:
        yield parsed
        return
    if not body:
        return
    text = body.decode("utf-8", "replace")
    try:
        yield json.loads(text)
        return
    except (ValueError, RecursionError):
        pass
    for line in text.splitlines():
        line = line.removeprefix("data:").strip()
        if line.startswith(("{", "[")):
            try:
                yield json.loads(line)
            except (ValueError, RecursionError):
                continue


def images_in(raw: RawInteraction) -> list[ImageData]:
    """Every image the request and the response carry, request first, each once, in the
    order the bodies hold them."""
    found: list[ImageData] = []
    seen: set[bytes] = set()
    for side, body, parsed in (
        ("request", raw.request_body, raw.request_json),
        ("response", raw.response_body, raw.response_json),
    ):
        for document in _json_documents(body, parsed):
            for text in _strings(document):
                image = image_in_string(text)
                if image is None or image[0] in seen:
                    continue
                seen.add(image[0])
                found.append(ImageData(image[0], image[1], image[2], side))
    return found
