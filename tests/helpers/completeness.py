"""What a response carried, read from the recorded bytes without any dialect.

The completeness test compares this with what the dialect modelled: every typed item,
content block, part and stream event found here must be one the dialect models
(its `MODELLED` names) or be kept as an `UnrecognisedPart` of that kind.

Kinds are found the way the providers tag them:
- a `type` string on any object (OpenAI, Anthropic, Cohere, Mistral, realtime events),
- the SSE `event:` name,
- the key of a key-tagged content block: each object in a `parts` list (Gemini) or in a
  message's `content` list when it has no `type` (Bedrock Converse), and each top-level key
  of a Gemini Live message and of its `serverContent`.
Subtrees that only echo the request's configuration (tool schemas, output formats) are
skipped: their `type` values (`object`, `string`, `json_schema`) are JSON Schema words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui_replay.analysis.cassette import Cassette
from tui_replay.dialects.sse import looks_like_sse, parse_sse
from tui_replay.formats.load import load_cassette
from tui_replay.model import CassetteError, Exchange

ECHOED_CONFIG = frozenset(
    {
        "tools",
        "tool_choice",
        "parameters",
        "input_schema",
        "schema",
        "properties",
        "items",
        "format",
        "response_format",
        "metadata",
        "usage",
        "session",  # realtime `session.created` echoes the session's config
        "error",  # an error's own `type` is its error class, reported as the error
        "status_details",
        "turn_detection",
        "annotations",  # citations inside a text block: shown with the text they cite
        "logprobs",
        "citations",
        "prompt_filter_results",
        "content_filter_results",
        "conversation",
        "audio",  # realtime format descriptors
        "input_audio_transcription",
        "transcription",
        "noise_reduction",
        "caller",  # who invoked an Anthropic tool call (`direct`, a code execution tool)
        # request settings: their `type` values name options, not content
        "cache_control",
        "cachePoint",
        "output_config",
        "outputConfig",
        "generationConfig",
        "generation_config",
        "inferenceConfig",
        "toolConfig",
        "additionalModelRequestFields",
    }
)
CONFIG_WHEN_OBJECT = frozenset({"text", "thinking", "reasoning"})
"""Keys that hold content as a string or list, but settings as an object
(`thinking: {type: enabled}`, `text: {format: ...}`)."""


def _json(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def payloads(exchange: Exchange) -> list[tuple[str | None, Any]]:
    """(event name, parsed JSON) of every unit the response carried, in order."""
    raw = exchange.raw
    if "websocket" in raw.extra:
        return [(None, event) for event in raw.response_json or []]
    body = raw.response_body
    if looks_like_sse(body, raw.response_content_type):
        return [(event.event, _json(event.data)) for event in parse_sse(body)]
    if raw.response_json is not None:
        whole = raw.response_json
    else:
        whole = _json(body)
    if whole is None and b"\n" in body.strip():  # NDJSON (Ollama)
        return [(None, _json(line)) for line in body.splitlines() if line.strip()]
    if isinstance(whole, list):  # Gemini's streamed JSON array
        return [(None, item) for item in whole]
    return [(None, whole)]


def _key_tagged(node: dict[str, Any]) -> Iterator[str]:
    for key in node:
        if key not in ("thoughtSignature", "thought", "cachePoint", "partMetadata", "videoMetadata"):
            yield key


def kinds(value: Any, *, gemini_live: bool = False) -> Iterator[str]:
    """Every kind tag inside one payload (see the module docstring)."""
    stack: list[tuple[str | None, Any]] = [(None, value)]
    if gemini_live and isinstance(value, dict):
        yield from value
        server = value.get("serverContent")
        if isinstance(server, dict):
            yield from server
    while stack:
        parent, node = stack.pop()
        if isinstance(node, dict):
            kind = node.get("type")
            if isinstance(kind, str) and kind:
                yield kind
            for key, child in node.items():
                if key in CONFIG_WHEN_OBJECT:
                    if isinstance(child, dict):
                        continue
                elif key in ECHOED_CONFIG:
                    continue
                if isinstance(child, list) and key in ("parts", "content"):
                    for item in child:
                        if isinstance(item, dict) and "type" not in item and key == "parts":
                            yield from _key_tagged(item)
                        elif isinstance(item, dict) and "type" not in item and parent is not None:
                            yield from _key_tagged(item)
                stack.append((key, child))
        elif isinstance(node, list):
            stack.extend((parent, child) for child in node)


def response_kinds(exchange: Exchange) -> dict[str, int]:
    """How many times each kind occurs in the recorded response."""
    counts: dict[str, int] = {}
    live = exchange.dialect == "gemini-live"
    for event, payload in payloads(exchange):
        found = list(kinds(payload, gemini_live=live))
        if event:
            found.append(event)
        for kind in found:
            counts[kind] = counts.get(kind, 0) + 1
    return counts


def request_kinds(exchange: Exchange) -> dict[str, int]:
    """How many times each kind occurs in the recorded request body."""
    counts: dict[str, int] = {}
    raw = exchange.raw
    body = raw.request_json if raw.request_json is not None else _json(raw.request_body)
    events = body if "websocket" in raw.extra else [body]
    live = exchange.dialect == "gemini-live"
    for payload in events if isinstance(events, list) else [events]:
        for kind in kinds(payload, gemini_live=live):
            counts[kind] = counts.get(kind, 0) + 1
    return counts


def dropped_kinds(exchange: Exchange, modelled: frozenset[str], reported: set[str]) -> set[str]:
    """Kinds in the recording that are neither modelled by the dialect nor reported as unrecognised."""
    found = set(response_kinds(exchange)) | set(request_kinds(exchange))
    return found - modelled - reported


def decoded_exchanges(root: Path) -> Iterator[tuple[str, Exchange]]:
    """Every interaction under `root` that decodes, as (`file:index`, exchange): the corpus
    checks' input (a file or interaction that cannot be read is the safety tests' business)."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            cassette = Cassette(load_cassette(path))
        except CassetteError:
            continue
        for index in range(len(cassette)):
            try:
                yield f"{path.relative_to(root)}:{index}", cassette.exchange(index)
            except CassetteError:
                continue
