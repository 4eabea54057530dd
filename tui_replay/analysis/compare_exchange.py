"""Two exchanges compared by meaning: what a reviewer of a re-recorded cassette checks.

Where `analysis.diff` lines up the two bodies as text, this lists facts:
`request model: gpt-4o → gpt-4.1`, `request message 3 (tool) tool result: … → …`,
`response tool call get_weather arguments.city: "Paris" → "Rome"`,
`timing stream chunks: 31 → 40`. Values that change on every recording (ids,
timestamps, durations, signatures; see `analysis.volatile`) are kept apart
in `volatile`, so "only ids and timestamps changed" reads as *same*.

Messages are aligned with difflib (a message inserted does not shift every
later one), then compared part by part.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

from tui_replay.analysis.compare_parts import (
    aligned_pairs,
    message_key,
    message_text,
    part_key,
    part_label,
    part_text,
)
from tui_replay.analysis.masking import redact_json, redact_text, redact_url
from tui_replay.analysis.volatile import (
    is_volatile_key,
    short,
    split_headers,
    volatile_leaves,
    without_volatile,
)
from tui_replay.dialects.response_fields import is_field
from tui_replay.dialects.sse import looks_like_sse, parse_sse
from tui_replay.model import (
    Exchange,
    Message,
    Part,
    ThinkingPart,
    ToolCallPart,
    ToolDefinition,
    ToolResultPart,
)

Section = Literal["request", "response", "timing"]


@dataclass(frozen=True)
class Change:
    """One fact that differs. `before` None: added in B; `after` None: removed in B."""

    section: Section
    where: str
    before: str | None
    after: str | None

    @property
    def kind(self) -> Literal["added", "removed", "changed"]:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"

    def describe(self) -> str:
        if self.before is None:
            return f"{self.where} added: {self.after}"
        if self.after is None:
            return f"{self.where} removed: {self.before}"
        return f"{self.where}: {self.before} → {self.after}"


@dataclass(frozen=True)
class ExchangeComparison:
    changes: tuple[Change, ...]
    volatile: tuple[Change, ...]
    """Changes in values that differ on every recording (ignored unless `--strict`)."""

    @property
    def same(self) -> bool:
        return not self.changes


class _Collector:
    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.volatile: list[Change] = []

    def add(self, section: Section, where: str, before: Any, after: Any, *, volatile: bool = False) -> None:
        change = Change(
            section,
            where,
            None if before is None else short(before),
            None if after is None else short(after),
        )
        if change.before == change.after:
            return
        (self.volatile if volatile else self.changes).append(change)

    def json(self, section: Section, where: str, before: Any, after: Any, *, user_data: bool = False) -> None:
        """Key-by-key changes of two JSON values; entries under volatile keys go to `volatile`,
        except in `user_data` (tool arguments and schemas), where a `user_id` is what was asked."""
        for path, left, right in json_changes(before, after):
            name = path.rsplit(".", 1)[-1].split("[", 1)[0]
            label = f"{where}.{path}" if path else where
            volatile = not user_data and bool(name) and is_volatile_key(name)
            self.add(section, label, left, right, volatile=volatile)


_MISSING: Any = object()


def json_changes(before: Any, after: Any, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(path, before, after) for each differing leaf; a side lacking the key gives None."""
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in list(before) + [k for k in after if k not in before]:
            sub = f"{path}.{key}" if path else str(key)
            left, right = before.get(key, _MISSING), after.get(key, _MISSING)
            if left is _MISSING:
                yield sub, None, right
            elif right is _MISSING:
                yield sub, left, None
            else:
                yield from json_changes(left, right, sub)
        return
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (left, right) in enumerate(zip(before, after, strict=True)):
            yield from json_changes(left, right, f"{path}[{i}]")
        return
    yield path, before, after


def _compare_parts(out: _Collector, section: Section, where: str, left: Message, right: Message) -> None:
    if left.role != right.role:
        out.add(section, f"{where} role", left.role, right.role)
    pairs = aligned_pairs([part_key(p) for p in left.parts], [part_key(p) for p in right.parts])
    for i, j in pairs:
        a = left.parts[i] if i is not None else None
        b = right.parts[j] if j is not None else None
        n = (j if j is not None else i or 0) + 1
        if a is None or b is None:
            part = a if a is not None else b
            assert part is not None
            label = f"{where} part {n} {part_label(part)}"
            out.add(section, label, None if a is None else part_text(a), None if b is None else part_text(b))
            continue
        _compare_part(out, section, f"{where} part {n}", a, b)


def _compare_part(out: _Collector, section: Section, where: str, a: Part, b: Part) -> None:
    if isinstance(a, ToolCallPart) and isinstance(b, ToolCallPart):
        out.add(section, f"{where} tool call id", a.id, b.id, volatile=True)
        if a.name != b.name:
            out.add(section, f"{where} tool call name", a.name, b.name)
        if (
            a.arguments_valid
            and b.arguments_valid
            and isinstance(a.arguments, dict)
            and isinstance(b.arguments, dict)
        ):
            out.json(
                section,
                f"{where} tool call {b.name} arguments",
                redact_json(a.arguments),
                redact_json(b.arguments),
                user_data=True,
            )
        elif part_key(a) != part_key(b):
            out.add(section, f"{where} tool call {b.name} arguments", a.arguments_raw, b.arguments_raw)
        return
    if isinstance(a, ToolResultPart) and isinstance(b, ToolResultPart):
        out.add(section, f"{where} tool result id", a.tool_call_id, b.tool_call_id, volatile=True)
        if part_key(a) != part_key(b):
            out.add(section, f"{where} {part_label(b)}", part_text(a), part_text(b))
        return
    if isinstance(a, ThinkingPart) and isinstance(b, ThinkingPart):
        out.add(section, f"{where} thinking signature", a.signature, b.signature, volatile=True)
    if part_key(a) != part_key(b):
        label = part_label(b) if type(a) is type(b) else f"{part_label(a)} → {part_label(b)}"
        out.add(section, f"{where} {label}", part_text(a), part_text(b))


def compare_messages(
    out: _Collector,
    section: Section,
    where: str,
    left: tuple[Message, ...],
    right: tuple[Message, ...],
    numbered_as: tuple[str, str] | None = None,
) -> None:
    """Aligned messages compared. Numbered from 1; a message is numbered as in B, a removed one
    as in A, unless `numbered_as` names the two sides: then each number says whose it is
    (`recorded message 2 = your message 1`), so two lists of different lengths can be read."""
    for i, j in aligned_pairs([message_key(m) for m in left], [message_key(m) for m in right]):
        a = left[i] if i is not None else None
        b = right[j] if j is not None else None
        if numbered_as is not None:
            numbered = zip(numbered_as, (i, j), strict=True)
            label = " = ".join(f"{side} {where} {k + 1}" for side, k in numbered if k is not None)
        else:
            label = f"{where} {(j if j is not None else i or 0) + 1}"
        if a is None or b is None:
            message = a if a is not None else b
            assert message is not None
            out.add(
                section,
                f"{label} ({message.role})",
                None if a is None else message_text(a),
                None if b is None else message_text(b),
            )
        else:
            _compare_parts(out, section, f"{label} ({b.role})", a, b)


def _tools(tools: tuple[ToolDefinition, ...]) -> dict[str, ToolDefinition]:
    return {t.name: t for t in tools}


def _compare_tools(
    out: _Collector, left: tuple[ToolDefinition, ...], right: tuple[ToolDefinition, ...]
) -> None:
    a, b = _tools(left), _tools(right)
    for name in list(a) + [n for n in b if n not in a]:
        if name not in b:
            out.add("request", f"tool {name}", a[name].description or "(defined)", None)
        elif name not in a:
            out.add("request", f"tool {name}", None, b[name].description or "(defined)")
        else:
            if a[name].description != b[name].description:
                out.add("request", f"tool {name} description", a[name].description, b[name].description)
            before, after = a[name].parameters, b[name].parameters
            out.json("request", f"tool {name} parameters", before, after, user_data=True)


def compare_exchanges(
    a: Exchange, b: Exchange, *, numbered_as: tuple[str, str] | None = None
) -> ExchangeComparison:
    """Every difference in meaning between two exchanges, volatile values apart. `numbered_as` names
    A and B in the request's message numbers (see `compare_messages`)."""
    out = _Collector()
    ra, rb = a.raw, b.raw
    out.add("request", "method", ra.method, rb.method)
    out.add("request", "url", redact_url(ra.url), redact_url(rb.url))
    out.add("request", "model", a.request.model, b.request.model)
    out.json("request", "parameter", redact_json(a.request.params), redact_json(b.request.params))
    _compare_tools(out, a.request.tools, b.request.tools)
    compare_messages(out, "request", "message", a.request.messages, b.request.messages, numbered_as)
    _compare_headers(out, "request", ra.request_headers, rb.request_headers)

    out.add("response", "status", ra.status_line, rb.status_line)
    ea, eb = a.response.error, b.response.error
    if ea != eb:
        out.add("response", "error", _error_text(ea), _error_text(eb))
    # Response fields beside the message (`service_tier`, a request id, latency figures) are
    # compared in the body below, where per-run values are told apart from changes.
    ma, mb = _without_fields(a.response.message), _without_fields(b.response.message)
    if ma is not None and mb is not None:
        _compare_parts(out, "response", "message", ma, mb)
    elif ma is not None or mb is not None:
        out.add("response", "message", ma and message_text(ma), mb and message_text(mb))
    out.add("response", "finish reason", a.response.finish_reason, b.response.finish_reason)
    out.add(
        "response", "native finish reason", a.response.native_finish_reason, b.response.native_finish_reason
    )
    out.add("response", "model", a.response.model, b.response.model)
    out.add("response", "service tier", a.response.service_tier, b.response.service_tier)
    out.add("response", "provider", a.response.provider, b.response.provider)
    out.json("response", "usage", a.response.usage, b.response.usage)
    out.add("response", "id", a.response.id, b.response.id, volatile=True)
    _compare_headers(out, "response", ra.response_headers, rb.response_headers)

    if a.streamed or b.streamed:
        out.add("timing", "stream chunks", len(a.response.chunks), len(b.response.chunks))
    out.add("timing", "duration ms", _ms(ra.duration_ms), _ms(rb.duration_ms), volatile=True)
    # What no dialect decodes (an unknown API, a field the model has no place for) must not make
    # two different exchanges look the same: when nothing decoded differs, the bodies are compared.
    if not any(c.section == "request" for c in out.changes):
        left = body_value(ra.request_body, ra.request_json, ra.request_content_type)
        right = body_value(rb.request_body, rb.request_json, rb.request_content_type)
        out.json("request", "body", left, right)
    if not any(c.section in ("response", "timing") for c in out.changes):
        out.json("response", "body", _response_value(a), _response_value(b))
    sides = (
        ("request", _json_of(ra.request_body, ra.request_json), _json_of(rb.request_body, rb.request_json)),
        (
            "response",
            _json_of(ra.response_body, ra.response_json),
            _json_of(rb.response_body, rb.response_json),
        ),
    )
    for section, left, right in sides:
        before, after = dict(volatile_leaves(left)), dict(volatile_leaves(right))
        for path in list(before) + [p for p in after if p not in before]:
            out.add(section, f"body {path}", before.get(path), after.get(path), volatile=True)  # type: ignore[arg-type]
    seen: set[tuple[str, str | None, str | None]] = set()
    volatile = []
    for change in out.volatile:  # an id seen both in the decoded model and in the body is listed once
        key = (change.section, change.before, change.after)
        if key not in seen:
            seen.add(key)
            volatile.append(change)
    out.volatile = volatile
    return ExchangeComparison(tuple(out.changes), tuple(out.volatile))


def _without_fields(message: Message | None) -> Message | None:
    if message is None or not any(is_field(p) for p in message.parts):
        return message
    return replace(message, parts=tuple(p for p in message.parts if not is_field(p)))


def _compare_headers(out: _Collector, section: Section, left: Any, right: Any) -> None:
    meaning_a, volatile_a = split_headers(left)
    meaning_b, volatile_b = split_headers(right)
    for name in list(meaning_a) + [n for n in meaning_b if n not in meaning_a]:
        out.add(section, f"header {name}", meaning_a.get(name), meaning_b.get(name))
    for name in list(volatile_a) + [n for n in volatile_b if n not in volatile_a]:
        out.add(section, f"header {name}", volatile_a.get(name), volatile_b.get(name), volatile=True)


def _response_value(exchange: Exchange) -> Any:
    """A response as a comparable value. A stream is compared as its decoded events (kind, name,
    delta) plus the payload of the events no dialect understood: parsing every event's JSON again
    made a re-recorded 100 MB cassette three times slower to compare."""
    raw = exchange.raw
    if not exchange.streamed or not exchange.response.chunks:
        return body_value(raw.response_body, raw.response_json, raw.response_content_type)
    events: list[Any] = []
    for event in exchange.response.chunks:
        if event.kind == "other":
            data = _json_of(event.data.encode("utf-8", "surrogateescape"), None)
            events.append(
                redact_json(without_volatile(data)) if data is not None else redact_text(event.data)
            )
        else:
            events.append([event.kind, event.name, redact_text(event.delta), event.part])
    return events


def body_value(body: bytes, parsed: Any, content_type: str) -> Any:
    """A body as a comparable value, volatile keys left out and secrets masked: JSON as parsed,
    a server-sent event stream as the list of its events' data, other text as text."""
    if parsed is None:
        parsed = _json_of(body, None)
    if parsed is not None:
        return redact_json(without_volatile(parsed))
    if not body:
        return None
    if looks_like_sse(body, content_type):
        events: list[Any] = []
        for event in parse_sse(body):
            data = _json_of(event.data.encode("utf-8", "surrogateescape"), None)
            events.append(
                redact_json(without_volatile(data)) if data is not None else redact_text(event.data)
            )
        return events
    try:
        return redact_text(body.decode("utf-8"))
    except UnicodeDecodeError:
        return f"<{len(body)} bytes>"


def _json_of(body: bytes, parsed: Any) -> Any:
    """The body as JSON when it is JSON (volatile keys are looked for in it), else None."""
    if parsed is not None:
        return parsed
    if body.lstrip()[:1] not in (b"{", b"["):
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def _error_text(error: Any) -> str | None:
    if error is None:
        return None
    kind = f" {error.type}" if error.type else ""
    return f"{error.status or ''}{kind}: {error.message}".strip()


def _body_text(body: bytes) -> str:
    return body.decode("utf-8", "replace")


def _ms(value: float | None) -> str | None:
    return None if value is None else f"{value:.0f}"
