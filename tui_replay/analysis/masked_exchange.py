"""A decoded exchange with every secret masked, walked once (`tui_replay.analysis.masking`).

The opened cassette (`tui_replay.analysis.cassette`) hands out exchanges through
`masked_exchange` unless the user asked for `--no-redact`, so every renderer (the TUI's
panes, `inspect`, the exports, the diff, the captions) draws values that are already
masked and none of them can forget to mask.

Masking happens after decoding: a binary body (Bedrock's eventstream) is decoded from the
recorded bytes first, and a masked body is never decoded again.

A streamed reply is masked as a whole: the deltas of each part are joined, the secrets of
the joined text found, and the masked text cut back into deltas at the same places. A key
split over three chunks (too short to be recognised in any one of them) is masked all the
same, and its whole mask arrives with the chunk where the key starts, so a replay never
shows a piece of it. The chunks' payloads (`StreamEvent.data`) and the recorded stream body
get the same new deltas.

Whatever did not change is handed back as the very same object, so masking a cassette
without secrets allocates little and identity caches keep working.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from tui_replay.analysis.masking import (
    key_spans,
    mask,
    redact_headers,
    redact_json,
    redact_text,
    redact_url,
)
from tui_replay.analysis.secret_names import is_secret_json_key
from tui_replay.model import (
    ApiError,
    Exchange,
    ImagePart,
    LLMRequest,
    LLMResponse,
    Message,
    Part,
    Problem,
    RawInteraction,
    StreamEvent,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolDefinition,
    ToolResultPart,
    UnrecognisedPart,
)

Span = tuple[int, int, str]
"""`(start, end, replacement)`: text[start:end] is a secret, shown as `replacement`."""

# How the name of a credential-named JSON member ends (`is_secret_json_key` looks at its last
# word), with the closing quote. Bodies are masked as text, not parsed again (walking a parsed
# 1 MB body in Python cost more than decoding it), and found by `str.find` on these endings: a
# regex trying a name at every quote took 5 ms on a 150 KB stream.
_SECRET_NAME_ENDINGS = (
    'key"',
    'token"',
    'secret"',
    'password"',
    'passwd"',
    'credential"',
    'credentials"',
    'authorization"',
    'cookie"',
    'cookies"',
)
_MEMBER_VALUE = re.compile(r'\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d[\d.eE+\-]*))')
_NAME_LIMIT = 80
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""Lower case that keeps every offset (`"İ".lower()` is two characters)."""


def _member_spans(text: str) -> list[Span]:
    """The scalar values of credential-named members (`"api_key": "hunter2"`, `"pin_password":
    1234`) and their masks, as `redact_json` masks them (a number becomes a masked string)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # rare, and str.translate is several times slower
        lowered = text.translate(_ASCII_LOWER)
    spans: list[Span] = []
    for ending in _SECRET_NAME_ENDINGS:
        at = lowered.find(ending)
        while at >= 0:
            end = at + len(ending)  # just after the name's closing quote
            start = text.rfind('"', max(0, at - _NAME_LIMIT), at)
            value = _MEMBER_VALUE.match(text, end) if start >= 0 else None
            if value is not None and _is_secret_key(text[start + 1 : end - 1]):
                if value.group(1):
                    spans.append((value.start(1), value.end(1), mask(value.group(1))))
                elif value.group(2):
                    masked = json.dumps(mask(value.group(2)), ensure_ascii=False)
                    spans.append((value.start(2), value.end(2), masked))
            at = lowered.find(ending, end)
    return spans


def secret_spans(text: str, *, json_text: bool = True) -> list[Span]:
    """Where the secrets of `text` are, and their masks, in order: key shapes (`redact_text`)
    and, with `json_text`, the values of credential-named JSON members."""
    spans = _member_spans(text) if json_text and '"' in text else []
    keys = key_spans(text)
    if spans and keys:  # a key inside a value already masked whole is not masked twice
        keys = [k for k in keys if not any(s <= k[0] < e for s, e, _ in spans)]
    return sorted(spans + keys)


@lru_cache(maxsize=1024)
def _is_secret_key(name: str) -> bool:
    """`is_secret_json_key`, remembered: a body repeats the same few member names."""
    return is_secret_json_key(name)


def apply_spans(text: str, spans: Sequence[Span]) -> str:
    if not spans:
        return text
    out, at = [], 0
    for start, end, new in spans:
        out += [text[at:start], new]
        at = end
    out.append(text[at:])
    return "".join(out)


def mask_text(text: str) -> str:
    """Key shapes and credential-named JSON members of `text` (a body, tool-call arguments,
    a chunk's payload) masked; JSON stays valid JSON."""
    return apply_spans(text, secret_spans(text))


# -- messages ----------------------------------------------------------------------------


def _tool_result_content(content: Any) -> Any:
    if not isinstance(content, str):
        return _json(content)
    stripped = content.strip()
    if stripped[:1] in ("{", "["):  # JSON in a string: credential-named members as well
        try:
            parsed = json.loads(stripped)
        except (ValueError, RecursionError):
            return redact_text(content)
        masked = redact_json(parsed)
        if masked != parsed:
            return json.dumps(masked, ensure_ascii=False)
        return content
    return redact_text(content)


def _json(value: Any) -> Any:
    """`redact_json`, handing back `value` itself when nothing was masked."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    masked = redact_json(value)
    return value if masked == value else masked


def masked_part(part: Part) -> Part:
    """One part with its secrets masked (the same object when there was nothing to mask)."""
    new: Part
    if isinstance(part, TextPart):
        new = replace(part, text=redact_text(part.text))
    elif isinstance(part, ThinkingPart):
        new = replace(part, text=redact_text(part.text))
    elif isinstance(part, ToolCallPart):
        new = replace(part, arguments_raw=mask_text(part.arguments_raw), arguments=_json(part.arguments))
    elif isinstance(part, ToolResultPart):
        new = replace(part, content=_tool_result_content(part.content))
    elif isinstance(part, ImagePart):
        new = replace(part, url=redact_url(part.url) if part.url else part.url)
    elif isinstance(part, UnrecognisedPart):
        new = replace(part, data=_json(part.data))
    else:  # pragma: no cover - the Part union is closed
        return part
    return part if _same_fields(new, part) else new


def _same_fields(new: Any, old: Any) -> bool:
    """True when every field of `new` is the very object `old` has (each walker hands
    back what it did not change), without comparing big values."""
    return all(a is b for a, b in zip(new.__dict__.values(), old.__dict__.values(), strict=True))


def masked_message(message: Message) -> Message:
    parts = tuple(masked_part(p) for p in message.parts)
    name = redact_text(message.name) if message.name else message.name
    if name == message.name and all(new is old for new, old in zip(parts, message.parts, strict=True)):
        return message
    return replace(message, parts=parts, name=name)


def _messages(messages: tuple[Message, ...]) -> tuple[Message, ...]:
    masked = tuple(masked_message(m) for m in messages)
    return messages if all(a is b for a, b in zip(masked, messages, strict=True)) else masked


def _tool(tool: ToolDefinition) -> ToolDefinition:
    new = replace(tool, description=redact_text(tool.description), parameters=_json(tool.parameters))
    return tool if _same_fields(new, tool) else new


def _optional(text: str | None) -> str | None:
    return redact_text(text) if text else text


# -- streams -----------------------------------------------------------------------------

_GROWING = ("text", "thinking", "tool_args")


def _cut_points(spans: Sequence[Span]) -> list[tuple[int, int, int]]:
    """`(start, end, masked start)` of each span."""
    out, shift = [], 0
    for start, end, new in spans:
        out.append((start, end, start + shift))
        shift += len(new) - (end - start)
    return out


def _masked_offset(offset: int, cuts: Sequence[tuple[int, int, int]], spans: Sequence[Span]) -> int:
    """Where `offset` of the joined text lands in the masked text. An offset inside a
    secret lands after its mask: the chunk where the secret starts carries the whole mask."""
    shift = 0
    for (start, end, masked_start), (_, _, new) in zip(cuts, spans, strict=True):
        if offset <= start:
            break
        if offset < end:
            return masked_start + len(new)
        shift = masked_start + len(new) - end
    return offset + shift


def _masked_deltas(deltas: Sequence[str], *, json_text: bool) -> list[str]:
    joined = "".join(deltas)
    spans = secret_spans(joined, json_text=json_text)
    if not spans:
        return list(deltas)
    masked = apply_spans(joined, spans)
    cuts = _cut_points(spans)
    out, at = [], 0
    for delta in deltas:
        start, end = _masked_offset(at, cuts, spans), _masked_offset(at + len(delta), cuts, spans)
        out.append(masked[start:end])
        at += len(delta)
    return out


def _json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _replace_after(text: str, old: str, new: str, at: int) -> tuple[str, int]:
    """`old` replaced by `new` at its first place from `at` on (the same text when absent,
    e.g. a payload holding it base64-encoded); returns the text and where to look next."""
    for form in (_json_string(old), json.dumps(old)):  # as written raw, or \u-escaped
        found = text.find(form, at)
        if found >= 0:
            replacement = _json_string(new)
            return text[:found] + replacement + text[found + len(form) :], found + len(replacement)
    return text, at


def _stream(
    chunks: tuple[StreamEvent, ...], tool_parts: frozenset[int]
) -> tuple[tuple[StreamEvent, ...], list[tuple[str, str]]]:
    """The chunks masked, and the `(old, new)` deltas that changed, in stream order."""
    by_part: dict[int, list[int]] = {}
    for i, event in enumerate(chunks):
        if event.kind in _GROWING and event.part is not None and event.delta:
            by_part.setdefault(event.part, []).append(i)
    deltas = [event.delta for event in chunks]
    for part, positions in by_part.items():
        new = _masked_deltas([deltas[i] for i in positions], json_text=part in tool_parts)
        for i, delta in zip(positions, new, strict=True):
            deltas[i] = delta
    changed: list[tuple[str, str]] = []
    out: list[StreamEvent] = []
    for event, delta in zip(chunks, deltas, strict=True):
        data = event.data
        if delta != event.delta:
            changed.append((event.delta, delta))
            data, _ = _replace_after(data, event.delta, delta, 0)
        else:
            delta = redact_text(delta)  # signatures, tool names, error text
        data, name = mask_text(data), _optional(event.name)
        # a stream has thousands of chunks and nearly all are left as they are: no copy then
        unchanged = delta is event.delta and data is event.data and name is event.name
        out.append(event if unchanged else replace(event, delta=delta, data=data, name=name))
    if all(a is b for a, b in zip(out, chunks, strict=True)):
        return chunks, changed
    return tuple(out), changed


def _stream_body(body: bytes, changed: Iterable[tuple[str, str]]) -> bytes:
    """The recorded stream (SSE, JSON lines) with the chunks' new deltas, in order."""
    text = body.decode("utf-8", "surrogateescape")
    at = 0
    for old, new in changed:
        text, at = _replace_after(text, old, new, at)
    return text.encode("utf-8", "surrogateescape")


# -- the exchange ------------------------------------------------------------------------


def _bytes(body: bytes) -> bytes:
    if not body:
        return body
    text = body.decode("utf-8", "surrogateescape")
    out = mask_text(text)
    return body if out == text else out.encode("utf-8", "surrogateescape")


def masked_raw(raw: RawInteraction, response_body: bytes | None = None) -> RawInteraction:
    """The recorded interaction as it may be shown; `response_body`: the stream body with
    masked deltas (`masked_exchange`)."""
    return replace(
        raw,
        url=redact_url(raw.url),
        request_headers=redact_headers(raw.request_headers),
        response_headers=redact_headers(raw.response_headers),
        request_body=_bytes(raw.request_body),
        response_body=_bytes(raw.response_body if response_body is None else response_body),
        request_json=_json(raw.request_json),
        response_json=_json(raw.response_json),
    )


def _error(error: ApiError | None) -> ApiError | None:
    if error is None:
        return None
    new = replace(error, message=redact_text(error.message), type=_optional(error.type))
    return error if _same_fields(new, error) else new


def masked_problem(problem: Problem) -> Problem:
    text = redact_text(problem.message)
    return problem if text == problem.message else replace(problem, message=text)


def masked_exchange(exchange: Exchange) -> Exchange:
    """`exchange` with every secret masked: the recorded interaction (URL, headers, bodies),
    the request (messages, tools, parameters), the reply (message, error, chunks) and the
    problems' text."""
    request, response = exchange.request, exchange.response
    message = response.message
    tool_parts = frozenset(
        i for i, p in enumerate(message.parts if message is not None else ()) if isinstance(p, ToolCallPart)
    )
    chunks, changed = _stream(response.chunks, tool_parts)
    stream_body = _stream_body(exchange.raw.response_body, changed) if changed else None
    tools = tuple(_tool(t) for t in request.tools)
    new_request = LLMRequest(
        model=_optional(request.model),
        messages=_messages(request.messages),
        tools=request.tools if all(a is b for a, b in zip(tools, request.tools, strict=True)) else tools,
        params=_json(request.params),
    )
    new_response: LLMResponse = replace(
        response,
        error=_error(response.error),
        message=masked_message(message) if message is not None else None,
        usage=_json(response.usage),
        chunks=chunks,
        model=_optional(response.model),
        id=_optional(response.id),
        finish_reason=_optional(response.finish_reason),
        native_finish_reason=_optional(response.native_finish_reason),
        service_tier=_optional(response.service_tier),
    )
    return replace(
        exchange,
        raw=masked_raw(exchange.raw, stream_body),
        request=request if _same_fields(new_request, request) else new_request,
        response=response if _same_fields(new_response, response) else new_response,
        problems=tuple(masked_problem(p) for p in exchange.problems),
    )
