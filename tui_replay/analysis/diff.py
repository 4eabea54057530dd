"""What changed between two exchanges, as canonical pretty JSON compared line by line.

Each side of an exchange is rendered as text a person can read and a line
diff can align: the request line, the headers (sorted by
name) and the body as pretty JSON with sorted keys (SSE bodies as the list
of their events' data, other text as it is). Request and response are
compared separately, so the summary can say "request identical · response:
429 error body → 200 message".

`difflib.SequenceMatcher` keeps `autojunk` on: with it off, pretty JSON (full
of identical `},` lines) took minutes. Sides longer than `MAX_LINES` are cut
and the diff says so.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any, Literal

from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.dialects.sse import looks_like_sse, parse_sse
from tui_replay.model import Exchange, RawInteraction
from tui_replay.wording import counted

MAX_LINES = 50_000
"""Lines per side and section compared at most; the rest is cut (and reported)."""

DEFAULT_CONTEXT = 3
"""Unchanged lines kept around each change; longer unchanged runs fold into one row."""

RowTag = Literal["equal", "insert", "delete", "replace", "fold"]


@dataclass(frozen=True)
class DiffRow:
    """One side-by-side row. `fold` rows stand for `folded` unchanged lines."""

    tag: RowTag
    left_no: int | None
    left: str | None
    right_no: int | None
    right: str | None
    folded: int = 0


@dataclass(frozen=True)
class UnifiedLine:
    """One line of a unified diff: `sign` is " ", "-", "+" or "…" (folded lines)."""

    sign: str
    left_no: int | None
    right_no: int | None
    text: str


@dataclass(frozen=True)
class SectionDiff:
    """Request or response of the two exchanges, compared."""

    name: str
    rows: tuple[DiffRow, ...]
    added: int
    removed: int
    truncated: bool = False

    @property
    def identical(self) -> bool:
        return self.added == 0 and self.removed == 0

    def unified(self) -> list[UnifiedLine]:
        out: list[UnifiedLine] = []
        removed: list[UnifiedLine] = []
        added: list[UnifiedLine] = []

        def flush() -> None:
            out.extend(removed)
            out.extend(added)
            removed.clear()
            added.clear()

        for row in self.rows:
            if row.tag in ("equal", "fold"):
                flush()
                if row.tag == "fold":
                    out.append(UnifiedLine("…", None, None, f"{row.folded} unchanged lines"))
                else:
                    out.append(UnifiedLine(" ", row.left_no, row.right_no, row.left or ""))
                continue
            if row.left is not None:
                removed.append(UnifiedLine("-", row.left_no, None, row.left))
            if row.right is not None:
                added.append(UnifiedLine("+", None, row.right_no, row.right))
        flush()
        return out


@dataclass(frozen=True)
class ExchangeDiff:
    sections: tuple[SectionDiff, ...]
    summary: str

    @property
    def identical(self) -> bool:
        return all(s.identical for s in self.sections)


# -- canonical text ------------------------------------------------------------


def _pretty(value: Any) -> list[str]:
    return pretty_json(value, sort_keys=True).splitlines()


def body_lines(body: bytes, parsed: Any, content_type: str) -> list[str]:
    """A body as canonical lines: pretty JSON, SSE as a list of events, else text."""
    if parsed is not None:
        return _pretty(parsed)
    if not body:
        return []
    if looks_like_sse(body, content_type):
        events: list[Any] = []
        for event in parse_sse(body):
            try:
                data: Any = json.loads(event.data)
            except (ValueError, RecursionError):
                data = event.data
            events.append({"event": event.event, "data": data} if event.event else data)
        return _pretty(events)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return [f"<{len(body)} bytes of binary {content_type or 'data'}>"]
    try:
        return _pretty(json.loads(text))
    except (ValueError, RecursionError):
        return text.splitlines()


def _header_lines(headers: tuple[tuple[str, str], ...]) -> list[str]:
    return [f"{name}: {value}" for name, value in sorted(headers, key=lambda h: (h[0].lower(), h[1]))]


def request_lines(raw: RawInteraction) -> list[str]:
    lines = [f"{raw.method} {raw.url}"]
    lines += _header_lines(raw.request_headers)
    lines.append("")
    return lines + body_lines(raw.request_body, raw.request_json, raw.request_content_type)


def response_lines(raw: RawInteraction) -> list[str]:
    text = raw.status_text.strip()
    if raw.status is None:
        status = text or "no status recorded"
    elif text.startswith(str(raw.status)):
        status = text  # go-vcr records "429 Too Many Requests" as the status text
    else:
        status = f"{raw.status} {text}".strip()
    lines = [f"HTTP {status}"]
    lines += _header_lines(raw.response_headers)
    lines.append("")
    return lines + body_lines(raw.response_body, raw.response_json, raw.response_content_type)


# -- line diff -------------------------------------------------------------------


def diff_lines(
    left: list[str], right: list[str], name: str = "", context: int | None = DEFAULT_CONTEXT
) -> SectionDiff:
    """Side-by-side rows of a line diff; unchanged runs longer than 2*context+1 are folded."""
    truncated = len(left) > MAX_LINES or len(right) > MAX_LINES
    left, right = left[:MAX_LINES], right[:MAX_LINES]
    rows: list[DiffRow] = []
    added = removed = 0
    for tag, i1, i2, j1, j2 in _opcodes(left, right):
        if tag == "equal":
            rows.extend(_equal_rows(left, i1, i2, j1, context))
            continue
        removed += i2 - i1
        added += j2 - j1
        for k in range(max(i2 - i1, j2 - j1)):
            li, rj = i1 + k, j1 + k
            has_left, has_right = li < i2, rj < j2
            row_tag: RowTag = "replace" if has_left and has_right else ("delete" if has_left else "insert")
            rows.append(
                DiffRow(
                    row_tag,
                    li + 1 if has_left else None,
                    left[li] if has_left else None,
                    rj + 1 if has_right else None,
                    right[rj] if has_right else None,
                )
            )
    return SectionDiff(name, tuple(rows), added, removed, truncated)


SMALL_BLOCK = 40
"""Changed blocks up to this many lines a side are re-diffed without autojunk (cheap at that size)."""

Opcode = tuple[str, int, int, int, int]


def _opcodes(left: list[str], right: list[str]) -> list[Opcode]:
    """SequenceMatcher opcodes (autojunk on, see module doc), with changed blocks refined.

    Autojunk treats lines frequent in big bodies (`{`, `},`, `"role": "user",`)
    as junk, so a block where every message changed comes out as one big
    replacement. Two cheap refinements restore the alignment: blocks of equal
    length are compared line by line (content edited in place), and small
    blocks are diffed again without autojunk.
    """
    out: list[Opcode] = []
    matcher = difflib.SequenceMatcher(None, left, right)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            out.append((tag, i1, i2, j1, j2))
        elif i2 - i1 == j2 - j1:
            out.extend(_positional(left, right, i1, i2, j1))
        elif i2 - i1 <= SMALL_BLOCK and j2 - j1 <= SMALL_BLOCK:
            inner = difflib.SequenceMatcher(None, left[i1:i2], right[j1:j2], autojunk=False)
            out.extend((t, i1 + a1, i1 + a2, j1 + b1, j1 + b2) for t, a1, a2, b1, b2 in inner.get_opcodes())
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def _positional(left: list[str], right: list[str], i1: int, i2: int, j1: int) -> list[Opcode]:
    """Equal-length blocks paired line by line: runs of equal and replaced lines."""
    out: list[Opcode] = []
    start = i1
    for i in range(i1, i2 + 1):
        same = i < i2 and left[i] == right[j1 + i - i1]
        boundary = i == i2 or same != (left[start] == right[j1 + start - i1])
        if boundary and i > start:
            tag = "equal" if left[start] == right[j1 + start - i1] else "replace"
            out.append((tag, start, i, j1 + start - i1, j1 + i - i1))
            start = i
    return out


def _equal_rows(left: list[str], i1: int, i2: int, j1: int, context: int | None) -> list[DiffRow]:
    def row(i: int) -> DiffRow:
        return DiffRow("equal", i + 1, left[i], j1 + (i - i1) + 1, left[i])

    count = i2 - i1
    if context is None or count <= 2 * context + 1:
        return [row(i) for i in range(i1, i2)]
    head = [row(i) for i in range(i1, i1 + context)]
    tail = [row(i) for i in range(i2 - context, i2)]
    fold = DiffRow("fold", None, None, None, None, count - 2 * context)
    return head + [fold] + tail


def diff_exchanges(left: Exchange, right: Exchange, context: int | None = DEFAULT_CONTEXT) -> ExchangeDiff:
    """Request against request and response against response, with a one-line summary.
    Secrets are as masked as the exchanges are (`tui_replay.analysis.cassette`)."""
    request = diff_lines(request_lines(left.raw), request_lines(right.raw), "request", context)
    response = diff_lines(response_lines(left.raw), response_lines(right.raw), "response", context)
    return ExchangeDiff((request, response), summarize(left, right, request, response))


# -- summary -----------------------------------------------------------------------


def describe_response(exchange: Exchange) -> str:
    """`429 error body`, `200 message`, `200 stream of 31 events`, `200 empty body`."""
    raw = exchange.raw
    status = "—" if raw.status is None else str(raw.status)
    if exchange.is_error:
        what = "error body"
    elif exchange.streamed:
        what = f"stream of {counted(len(exchange.response.chunks), 'event')}"
    elif exchange.response.message is not None:
        what = "message"
    elif not raw.response_body:
        what = "empty body"
    else:
        what = "body"
    return f"{status} {what}"


def _counts(section: SectionDiff) -> str:
    text = f"+{section.added} −{section.removed} lines"
    return text + " (cut)" if section.truncated else text


def summarize(left: Exchange, right: Exchange, request: SectionDiff, response: SectionDiff) -> str:
    parts = ["request identical" if request.identical else f"request: {_counts(request)}"]
    if response.identical:
        parts.append("response identical")
    else:
        before, after = describe_response(left), describe_response(right)
        change = f"{before} → {after} · " if before != after else ""
        parts.append(f"response: {change}{_counts(response)}")
    return " · ".join(parts)
