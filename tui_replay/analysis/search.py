"""Search everything cassettes hold: messages, tool arguments and results, thinking, errors,
headers, URLs and the raw bodies, secrets masked.

    for hit in search_file(Path("cassettes/x.yaml"), Pattern("get_weather")):
        print(hit.line())        # cassettes/x.yaml:3: request message 2 (assistant) tool call …: …

Decoding is the cost, so files are first searched as raw bytes and only those
that can hold the pattern are decoded (`could_match`). The raw test is
conservative: a word the recorder may have escaped (quotes, `<>&` that Go's
JSON escapes, non-ASCII, `/`) is not required to appear, and a file with
encoded bodies (base64, gzip) is always decoded.

Within an interaction the decoded fields are searched first; a raw body is
searched only when nothing decoded from that side matched, so a hit is shown
once, and content no dialect understands is still found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui_replay import dialects
from tui_replay.analysis.compare_parts import part_label, part_text
from tui_replay.analysis.masking import redact_bytes, redact_headers, redact_json, redact_text, redact_url
from tui_replay.formats.file_bytes import read_cassette_bytes
from tui_replay.formats.load import load_cassette
from tui_replay.model import CassetteError, Exchange, ToolDefinition

SNIPPET = 40
"""Characters shown on each side of a match."""

_ENCODED_MARKERS = (b"!!binary", b"base64", b"gzip", b"br\n", b"deflate", b"zstd")
"""Bodies stored encoded: the pattern cannot be looked for in the file's bytes."""

_UNSAFE = re.compile(r"[\"'\\/<>&\u0080-\U0010ffff]")
"""Characters a recorder may write escaped (YAML quotes, JSON `\\/`, Go's `\\u003c`, `\\u00e9`)."""


@dataclass(frozen=True)
class Pattern:
    text: str
    regex: bool = False
    ignore_case: bool = False

    def compiled(self) -> re.Pattern[str]:
        flags = re.IGNORECASE if self.ignore_case else 0
        return re.compile(self.text if self.regex else re.escape(self.text), flags)

    def required_words(self) -> list[bytes]:
        """Pieces of the pattern that every file holding a match has in its bytes as they are."""
        if self.regex:
            return []
        words = [w for w in self.text.split() if not _UNSAFE.search(w)]
        return [(w.lower() if self.ignore_case else w).encode() for w in words]


@dataclass(frozen=True)
class Hit:
    path: str
    interaction: int | None
    """None for a file that could not be read (`where` says why)."""
    where: str
    snippet: str

    def line(self) -> str:
        index = "" if self.interaction is None else str(self.interaction)
        return f"{self.path}:{index}: {self.where}: {self.snippet}"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "interaction": self.interaction,
            "where": self.where,
            "snippet": self.snippet,
        }


def could_match(data: bytes, pattern: Pattern) -> bool:
    words = pattern.required_words()
    if not words or any(marker in data for marker in _ENCODED_MARKERS):
        return True
    haystack = data.lower() if pattern.ignore_case else data
    return all(word in haystack for word in words)


def _snippet(text: str, match: re.Match[str]) -> str:
    start, end = max(0, match.start() - SNIPPET), min(len(text), match.end() + SNIPPET)
    piece = " ".join(text[start:end].split())
    return ("…" if start else "") + piece + ("…" if end < len(text) else "")


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _decoded_hits(exchange: Exchange, side: str, rx: re.Pattern[str], path: str) -> Iterator[Hit]:
    """Hits in what the dialect decoded, for one side, masked: one per match in a text, one
    per tool however often it matches (`_tool_hit`)."""

    def each(where: str, text: str) -> Iterator[Hit]:
        for found in rx.finditer(text):
            yield Hit(path, exchange.index, where, _snippet(text, found))

    if side == "request":
        request = exchange.request
        if request.model:
            yield from each("request model", request.model)
        if request.params:
            yield from each("request parameters", _as_text(redact_json(request.params)))
        for tool in request.tools:
            hit = _tool_hit(tool, rx, path, exchange.index)
            if hit is not None:
                yield hit
        for n, message in enumerate(request.messages, 1):
            for part in message.parts:
                where = f"request message {n} ({message.role}) {part_label(part)}"
                yield from each(where, redact_text(_as_text(part_text(part))))
        return
    response = exchange.response
    if response.error is not None:
        yield from each(
            "response error", redact_text(f"{response.error.type or ''} {response.error.message}".strip())
        )
    if response.message is not None:
        for part in response.message.parts:
            yield from each(f"response {part_label(part)}", redact_text(_as_text(part_text(part))))


def _tool_places(tool: ToolDefinition) -> list[tuple[str, str]]:
    """(place, masked text) of a tool definition, in the order `_tool_text` writes them."""
    places = [("name", tool.name)]
    if tool.description:
        places.append(("description", redact_text(tool.description)))
    if tool.parameters:
        places.append(("parameters", _as_text(redact_json(tool.parameters))))
    return places


def _tool_text(tool: ToolDefinition) -> str:
    """A tool on one line, as read: `get_weather: Current weather for a city · parameters {…}`."""
    places = dict(_tool_places(tool))
    text = tool.name + (f": {places['description']}" if "description" in places else "")
    return text + (f" · parameters {places['parameters']}" if "parameters" in places else "")


def _tool_hit(tool: ToolDefinition, rx: re.Pattern[str], path: str, index: int) -> Hit | None:
    """One hit for a tool however often it matches, naming where: `request tool get_weather
    (name, description)`; the snippet is its line around the first match."""
    matched = [place for place, text in _tool_places(tool) if rx.search(text)]
    text = _tool_text(tool)
    first = rx.search(text)
    if not matched or first is None:
        return None
    return Hit(path, index, f"request tool {tool.name} ({', '.join(matched)})", _snippet(text, first))


def _raw_fields(exchange: Exchange, side: str) -> Iterator[tuple[str, str]]:
    raw = exchange.raw
    if side == "request":
        yield "url", redact_url(raw.url)
    headers = raw.request_headers if side == "request" else raw.response_headers
    for name, value in redact_headers(headers):
        yield f"{side} header", f"{name}: {value}"


def _body(exchange: Exchange, side: str) -> str:
    raw = exchange.raw
    body = raw.request_body if side == "request" else raw.response_body
    return redact_bytes(body).decode("utf-8", "replace")


def search_exchange(exchange: Exchange, rx: re.Pattern[str], path: str) -> Iterator[Hit]:
    for side in ("request", "response"):
        found = False
        for hit in _decoded_hits(exchange, side, rx, path):
            found = True
            yield hit
        for where, text in _raw_fields(exchange, side):
            first = rx.search(text)
            if first is not None:
                yield Hit(path, exchange.index, where, _snippet(text, first))
        if not found:
            body = _body(exchange, side)
            first = rx.search(body)
            if first is not None:
                yield Hit(path, exchange.index, f"{side} body", _snippet(body, first))


def search_file(path: Path, pattern: Pattern) -> list[Hit]:
    """Hits in one cassette; an unreadable file is one hit naming why (bad input never crashes)."""
    try:
        data = read_cassette_bytes(path)
        if not could_match(data, pattern):
            return []
        file = load_cassette(path, data)
        rx = pattern.compiled()
        hits: list[Hit] = []
        for i in range(len(file)):
            hits.extend(search_exchange(dialects.decode(file.raw(i)), rx, str(path)))
        return hits
    except CassetteError as exc:
        return [Hit(str(path), None, "unreadable", str(exc))]
    except OSError as exc:
        return [Hit(str(path), None, "unreadable", f"{path}: {exc.strerror or exc}")]
