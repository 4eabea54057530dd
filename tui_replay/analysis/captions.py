"""Plain-words captions for teaching: what happens at each step of a cassette.

`caption(cassette, i)` says in a line what interaction i shows ("the model
calls `weather` with {location: Florence}", "attempt 3 of 9 after 429 Too Many
Requests", "the tool answers 40 C"). A teacher may add their own words in a
sidecar file next to the cassette, `NAME.notes.yaml`:

    title: How tool calling works          # optional
    notes:
      0: The client sends the question and the tool definitions.
      2: Third time lucky — the provider finally answers.

(keys are 0-based interaction indices; a plain `{0: "...", 2: "..."}` mapping
works too). The cassette itself is never touched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.retries import RetryRun
from tui_replay.model import CassetteError, Exchange, Message, TextPart, ToolCallPart, ToolResultPart

MAX_SHOWN = 60


_EMPHASIS = [
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),  # **bold**
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"),  # __bold__
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),  # ~~struck~~
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),  # *italic*
    re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"),  # _italic_ (not snake_case)
]
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)


def plain_words(text: str) -> str:
    """Markdown emphasis and heading markers dropped (`**40 °C**` -> `40 °C`): a caption is
    plain words. Code spans, links and snake_case names are left as they are."""
    text = _HEADING.sub("", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text


_LIST_ITEM = re.compile(r"^[ \t]*([-*+•]|\d{1,3}[.)])[ \t]+(?=\S)")
"""A Markdown bullet (`- `, `* `, `+ `) or numbered item (`1. `, `2) `) at the start of a line."""


def flowed(text: str) -> str:
    """Markdown as caption lines: a paragraph's lines joined into one, but each list item on
    a line of its own (bullets as `•`, numbers kept), so a list still reads as a list."""
    lines: list[str] = []
    in_item = blank_before = False
    for line in text.splitlines():
        words = " ".join(line.split())
        if not words:
            blank_before = True
            continue
        item = _LIST_ITEM.match(line)
        if item:
            marker = item.group(1)
            bullet = marker if marker[0].isdigit() else "•"
            lines.append(f"{bullet} {' '.join(line[item.end() :].split())}")
            in_item = True
        elif lines and not (in_item and blank_before):
            lines[-1] += " " + words  # a paragraph goes on, or an item's wrapped line
        else:
            lines.append(words)  # the first line, or a paragraph after a list
            in_item = False
        blank_before = False
    return "\n".join(lines)


def cut(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word boundary and marked `…`: never in
    the middle of a number or a name, nor leaving a code span open. Only one word longer
    than the limit is cut inside itself (there is nowhere else to cut it)."""
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    space = room.rfind(" ")
    kept = room if text[limit - 1] == " " or space <= 0 else room[:space]
    if kept.count("`") % 2:  # the cut fell inside a code span: end before it
        kept = kept[: kept.rfind("`")]
    kept = kept.rstrip(" ,;:–—-(")
    return (kept or room) + "…"


MAX_LINES = 6
"""A quoted Markdown list shows this many lines at most; the last then says how many more."""


def _lines(text: str, limit: int) -> str:
    """Flowed Markdown, each line cut to `limit`: every item of a list has its own line, up to
    `MAX_LINES`, and the rest are counted ("… and 3 more items") rather than dropped."""
    lines = text.splitlines()
    if len(lines) <= MAX_LINES:
        return "\n".join(cut(line, limit) for line in lines)
    shown, rest = lines[: MAX_LINES - 1], lines[MAX_LINES - 1 :]
    kind = "items" if all(_LIST_ITEM.match(line) for line in rest) else "lines"
    return "\n".join([*(cut(line, limit) for line in shown), f"… and {len(rest)} more {kind}"])


def _short(value: Any, limit: int = MAX_SHOWN, markdown: bool = False) -> str:
    """`value` in at most `limit` characters (`cut`); `markdown` text loses its emphasis and
    keeps its lists as lines (`flowed`), each line cut on its own. The cassette masked
    secrets before (a cut key would be too short to be recognised)."""
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {_short(v, 24)}" for k, v in value.items())
        text = "{" + inner + "}"
    elif isinstance(value, str) and markdown:
        return _lines(flowed(plain_words(value)), limit)
    elif isinstance(value, str):
        text = " ".join(value.split())
    else:
        text = json.dumps(value, ensure_ascii=False)
    return cut(text, limit)


def _new_messages(cassette: Cassette, index: int) -> tuple[Message, ...]:
    """Messages this request adds to the previous interaction's conversation."""
    now = cassette.exchange(index).request.messages
    if index == 0:
        return now
    before = cassette.exchange(index - 1).request.messages
    if len(now) >= len(before) and now[: len(before)] == before:
        return now[len(before) :]
    return now


def _request_caption(messages: tuple[Message, ...]) -> list[str]:
    said: list[str] = []
    for message in messages:
        results = [p for p in message.parts if isinstance(p, ToolResultPart)]
        for result in results:
            said.append(f"the tool answers {_short(result.content, 40)}")
        if message.role == "user" and message.text and not results:
            said.append(f"the user asks “{_short(message.text, 50, markdown=True)}”")
    return said


def _response_caption(exchange: Exchange) -> list[str]:
    response = exchange.response
    if response.error is not None or exchange.is_error:
        provider = f" from {response.error.provider}" if response.error and response.error.provider else ""
        return [f"the API fails with {exchange.raw.status_line}{provider}"]
    if response.finish_reason in ("queued", "in_progress"):  # a background response: polled later
        return [f"the response is {response.finish_reason.replace('_', ' ')}"]
    message = response.message
    if message is None:
        return []
    said = []
    if any(p.type == "thinking" for p in message.parts):
        said.append("the model thinks first")
    for call in (p for p in message.parts if isinstance(p, ToolCallPart)):
        args = call.arguments if call.arguments_valid else call.arguments_raw
        said.append(f"the model calls `{call.name}` with {_short(args, 50)}")
    text = "".join(p.text for p in message.parts if isinstance(p, TextPart)).strip()
    if text and not message.tool_calls:
        said.append(f"the model answers “{_short(text, 70, markdown=True)}”")
    elif not said:
        said.append("the model answers with nothing")
    return said


def caption(cassette: Cassette, index: int, run: RetryRun | None = None) -> str:
    """In plain words, what interaction `index` shows: one line, unless the model answered
    with a Markdown list (its items keep their own lines). Secrets as masked as the cassette
    hands them out. With `run` (the identical retries `index` is one of), what the whole
    run shows: "attempts 1–8 of 9: 429 Too Many Requests, same request", once."""
    if run is not None:
        return _run_caption(cassette, run)
    exchange = cassette.exchange(index)
    info = cassette.turn(index)
    said: list[str] = []
    if info.attempt > 1:
        previous = cassette.exchange(index - 1)
        said.append(f"attempt {info.attempt} of {info.attempts} after {previous.raw.status_line}")
    elif info.poll:
        # Counted from 1 like the presentation's steps (`#N` is the debugging screens' 0-based number).
        started = f"step {info.polls_for + 1}" if info.polls_for is not None else "an earlier step"
        said.append(f"poll {info.poll} of {info.polls} for what {started} started")
    else:
        said.extend(_request_caption(_new_messages(cassette, index)))
    said.extend(_response_caption(exchange))
    if exchange.dialect == "http" and not said:
        said.append(f"{exchange.raw.method} {exchange.raw.url} → {exchange.raw.status_line}")
    text = "; ".join(said)
    return text[:1].upper() + text[1:]


def _run_caption(cassette: Cassette, run: RetryRun) -> str:
    """What the client sent (when the run starts the turn), then the run in one phrase."""
    said = []
    if run.first_attempt == 1:
        said.extend(_request_caption(_new_messages(cassette, run.first)))
    said.append(run.summary())
    text = "; ".join(said)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class TeacherNotes:
    title: str | None = None
    notes: dict[int, str] = field(default_factory=dict)

    def for_interaction(self, index: int) -> str | None:
        return self.notes.get(index)


def notes_path(cassette_path: Path) -> Path:
    return cassette_path.with_name(cassette_path.stem + ".notes.yaml")


def load_notes(cassette_path: Path) -> TeacherNotes:
    """The teacher's sidecar notes, or empty notes when there is none.

    A broken sidecar raises CassetteError naming it (the caller shows it and goes on).
    """
    path = notes_path(cassette_path)
    if not path.is_file():
        return TeacherNotes()
    try:
        data = yaml.safe_load(path.read_bytes())
    except (OSError, yaml.YAMLError) as exc:
        raise CassetteError(path, f"cannot read teacher notes: {exc}") from None
    if data is None:
        return TeacherNotes()
    if not isinstance(data, dict):
        raise CassetteError(path, "teacher notes must be a mapping of interaction number to text")
    title = data.get("title") if isinstance(data.get("title"), str) else None
    raw_notes = data.get("notes", {k: v for k, v in data.items() if k != "title"})
    if not isinstance(raw_notes, dict):
        raise CassetteError(path, "`notes:` must map interaction numbers (0-based) to text")
    notes: dict[int, str] = {}
    for key, value in raw_notes.items():
        try:
            notes[int(key)] = str(value).strip()
        except (TypeError, ValueError):
            raise CassetteError(path, f"note key {key!r} is not an interaction number") from None
    return TeacherNotes(title, notes)
