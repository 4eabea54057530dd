"""What a card says: tool calls, tool results, image placeholders and thinking titles, drawn
by both message widgets (`MessageView`'s part widgets for a stream, `MessageAtRest` for a
message at rest) and by the raw and tools panes.

`call_card`, `result_card` and `image_card` make a `Card` (kind, title, subtitles and
body), the one description of a card. Each widget only frames it its own way: the part
widgets with their CSS border (title and subtitle in it), `MessageAtRest` with a Rich panel
in its lines. Bodies are highlighted JSON (`json_syntax`), cut to what a card can show.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from rich.style import StyleType
from rich.syntax import Syntax
from rich.text import Text

from tui_replay.analysis.media_label import media_kind, playing_time
from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.formats.sizes import human_size
from tui_replay.model import (
    ImagePart,
    Part,
    ThinkingPart,
    ToolCallPart,
    ToolResultPart,
    UnrecognisedPart,
)
from tui_replay.wording import counted

HIGHLIGHT_LINES = 120
HIGHLIGHT_CHARS = 6_000
"""Highlight at most this much of a JSON body in the conversation; the raw pane (`r`) has it
all. Every line kept is wrapped and measured on the UI thread at each layout: a 100 KB
tool result once took ~8 s to draw, and 200 lines / 16,000 characters still cost a key
press 60-70 ms of layout."""
INLINE_NUMBERS = 16
"""A JSON list of at least this many numbers is written on one line in a card..."""
SHOWN_NUMBERS = 32
"""...and only its first this many numbers when it is longer (the raw pane has them all)."""


def json_syntax(code: str, *, cut: bool = True) -> Text:
    """Highlighted JSON (pygments through Rich), wrapped; a long body is cut after
    `HIGHLIGHT_LINES` lines / `HIGHLIGHT_CHARS` characters with a note.

    A `Text`, not a Rich `Syntax`: `Syntax` runs pygments again at every render and every
    height measurement, so a card with a 16 KB result cost 37 ms of each layout while a
    stream played. The highlighting is done once per body and cached.
    """
    kept = code
    if cut and (len(code) > HIGHLIGHT_CHARS or code.count("\n") >= HIGHLIGHT_LINES):
        lines = code[:HIGHLIGHT_CHARS].split("\n")[:HIGHLIGHT_LINES]
        kept = "\n".join(lines)
    highlighted = _highlight_json(kept)
    if kept is code:
        return highlighted
    rest = code.count("\n") - kept.count("\n")
    text = highlighted.copy()
    text.append(
        f"\n… {rest} more lines, {human_size(len(code.encode()))} in all: r shows the raw exchange",
        style="dim italic",
    )
    return text


@lru_cache(maxsize=256)
def _highlight_json(code: str) -> Text:
    """Callers never change the `Text` they get (it is shared through the cache)."""
    syntax = Syntax(code, "json", theme="ansi_dark", word_wrap=True, background_color="default")
    text = syntax.highlight(code)
    text.rstrip()
    return text


_SLOT = "\x00numbers-{}-{}\x00"


def card_json(value: Any) -> str:
    """`pretty_json` for a card, except that a list of `INLINE_NUMBERS` numbers or more is
    one line, cut after `SHOWN_NUMBERS` with a note of how many more there are.

    A PDF page image sent as a list of 15,549 byte values made one line per number, and
    as one line in full it made a key press spend 150 ms wrapping it."""
    inline: list[str] = []
    nonce = secrets.token_hex(8)  # no string in the data can be mistaken for a slot

    def swap(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: swap(item) for key, item in node.items()}
        if isinstance(node, list | tuple):
            if len(node) >= INLINE_NUMBERS and all(
                isinstance(x, int | float) and not isinstance(x, bool) for x in node
            ):
                shown = list(node[:SHOWN_NUMBERS])
                if len(node) > SHOWN_NUMBERS:
                    shown.append(f"… {len(node) - SHOWN_NUMBERS:,} more numbers (r shows them)")
                inline.append(json.dumps(shown, ensure_ascii=False))
                return _SLOT.format(nonce, len(inline) - 1)
            return [swap(item) for item in node]
        return node

    try:
        swapped = swap(value)
    except RecursionError:  # nested deeper than Python recurses: as it is
        return pretty_json(value)
    text = pretty_json(swapped)
    for i, numbers in enumerate(inline):
        text = text.replace(json.dumps(_SLOT.format(nonce, i), ensure_ascii=False), numbers, 1)
    return text


def result_body(content: Any) -> Text:
    """A tool result's body as a card shows it: JSON highlighted, anything else as text."""
    if isinstance(content, str):
        stripped = content.strip()
        if stripped[:1] in ("{", "["):
            try:
                return json_syntax(card_json(json.loads(stripped)))
            except (ValueError, RecursionError):
                pass
        return Text(content)
    return json_syntax(card_json(content))


CODE_KEYS = {"code": "python", "command": "bash"}
"""Arguments of provider-run code tools that are code (OpenAI's code interpreter and
Anthropic's code execution send `code`, Anthropic's bash tool `command`): shown highlighted."""


def server_call_body(arguments: Any, muted: StyleType = "dim") -> Text:
    """A provider-run call's arguments: its code highlighted as code when it ran code, the
    other arguments as one dim line each; else the arguments as JSON."""
    if isinstance(arguments, dict):
        code_key = next((key for key in CODE_KEYS if isinstance(arguments.get(key), str)), None)
        if code_key is not None:
            language = arguments.get("language")
            lexer = language.lower() if isinstance(language, str) and language else CODE_KEYS[code_key]
            text = _highlight_code(arguments[code_key], lexer).copy()
            for key, value in arguments.items():
                if key not in (code_key, "language") and value not in (None, ""):
                    text.append(f"\n{key}: {value}", style=muted)
            return text
    code = card_json(arguments) if arguments not in (None, {}) else ""
    return json_syntax(code) if code else Text("(no arguments)", style=muted)


@lru_cache(maxsize=64)
def _highlight_code(code: str, lexer: str) -> Text:
    """Callers copy the `Text` before changing it (it is shared through the cache)."""
    kept = "\n".join(code[:HIGHLIGHT_CHARS].split("\n")[:HIGHLIGHT_LINES])
    try:
        syntax = Syntax(kept, lexer, theme="ansi_dark", word_wrap=True, background_color="default")
        text = syntax.highlight(kept)
    except Exception:  # noqa: BLE001 - a language pygments does not know: plain text
        text = Text(kept)
    text.rstrip()
    if kept != code:
        text.append("\n… more code: r shows the raw exchange", style="dim italic")
    return text


def server_output_body(content: Any) -> Text:
    """A provider-run tool's output: a code run's logs (OpenAI `logs` outputs, Gemini's
    `output`) as the text they are, an output image as a line; anything else as JSON."""
    if isinstance(content, list) and content and all(isinstance(item, dict) for item in content):
        lines: list[str] = []
        for item in content:
            if item.get("type") == "logs" and isinstance(item.get("logs"), str):
                lines.append(item["logs"].rstrip("\n"))
            elif item.get("type") == "image":
                lines.append(f"[image output {item.get('url') or item.get('file_id') or ''}]".rstrip())
            else:
                return result_body(content)
        return Text("\n".join(lines))
    if isinstance(content, dict) and set(content) <= {"output", "outcome"}:
        output = content.get("output")
        if isinstance(output, str):
            return Text(output.rstrip("\n"))
    if content is None or content == "":
        return Text("(no output)", style="dim")
    return result_body(content)


def call_title(part: ToolCallPart) -> str:
    if part.server:
        return f"{part.name or '?'} · run by the provider"
    return f"tool call · {part.name or '?'}"


def call_subtitle(part: ToolCallPart, *, invalid: bool, ids: bool) -> str:
    """The call's id (none while presenting: `ids` false), after a warning when its arguments
    are not valid JSON."""
    shown = (f"id {part.id}" if part.id else "no id") if ids else ""
    if invalid:
        return "INVALID JSON arguments" + (f" · {shown}" if shown else "")
    return shown


def result_title(part: ToolResultPart, tool_names: Mapping[str, str], *, server: bool = False) -> str:
    """`tool result · weather`: named from the call it answers when the API does not repeat it;
    `web_search output · run by the provider` for a provider-run tool's result."""
    name = part.name or (tool_names.get(part.tool_call_id) if part.tool_call_id else None)
    if server:
        what = "error" if part.is_error else "output"
        return f"{name or 'provider tool'} {what} · run by the provider"
    what = "tool error" if part.is_error else "tool result"
    return f"{what} · {name}" if name else what


def result_subtitle(part: ToolResultPart, *, ids: bool) -> str:
    if not ids:
        return ""
    return f"answers {part.tool_call_id}" if part.tool_call_id else "no call id"


def image_line(part: ImagePart) -> str:
    size = human_size(part.bytes) if part.bytes else "size unknown"
    if part.media_type.startswith("audio/"):
        # audio is kept as a placeholder too: how long it plays says more than its bytes
        seconds = part.seconds
        length = "" if seconds is None else f"{playing_time(seconds)} · "
        line = f"[audio {part.media_type} · {length}{size}]"
    else:
        line = f"[{media_kind(part.media_type)} {part.media_type or 'unknown type'} · {size}]"
    if part.url and not part.url.startswith("data:"):
        line += f"  {part.url}"
    return line


def thinking_body(part: ThinkingPart) -> str:
    return "(redacted by the provider)" if part.redacted else part.text


def thinking_title(part: ThinkingPart) -> str:
    """`thinking · 153 words`, without the fold mark."""
    what = "redacted thinking" if part.redacted else "thinking"
    return f"{what} · {counted(len(part.text.split()), 'word')}"


def fold_mark(opened: bool) -> str:
    """Before a thinking title: `▼` open, `▶` folded."""
    return "▼" if opened else "▶"


CardKind = Literal["call", "invalid", "result", "error", "image", "server", "unrecognised"]
"""Names the card's colour: each widget maps it to its theme (CSS class, component style)."""


@dataclass(frozen=True)
class Card:
    """A card as both message widgets draw it."""

    kind: CardKind
    title: str
    subtitle: str
    """With the ids (a call's id, the call a result answers)."""
    subtitle_without_ids: str
    """What presentation mode shows (ids hidden)."""
    body: Text
    bold_title: bool = False

    def subtitle_for(self, ids: bool) -> str:
        return self.subtitle if ids else self.subtitle_without_ids


def call_card(part: ToolCallPart, *, streaming: bool = False, muted: StyleType = "dim") -> Card:
    """A tool call: its arguments as highlighted pretty JSON, or as written when they are not
    valid JSON. While `streaming`, the arguments are plain text as they grow (highlighting
    them at every frame cost a live replay its pace) and not judged yet. `muted`: the style
    of `(no arguments)`."""
    invalid = not streaming and not part.arguments_valid
    if part.server and not streaming and not invalid:
        return Card(
            "server",
            call_title(part),
            call_subtitle(part, invalid=False, ids=True),
            "",
            server_call_body(part.arguments, muted),
            bold_title=True,
        )
    if streaming or invalid:
        code = part.arguments_raw
        body = (
            (Text(code) if streaming else json_syntax(code)) if code else Text("(no arguments)", style=muted)
        )
    else:
        code = card_json(part.arguments)
        body = json_syntax(code) if code else Text("(no arguments)", style=muted)
    return Card(
        "invalid" if invalid else "call",
        call_title(part),
        call_subtitle(part, invalid=invalid, ids=True),
        call_subtitle(part, invalid=invalid, ids=False),
        body,
        bold_title=True,
    )


def result_card(part: ToolResultPart, tool_names: Mapping[str, str], *, server: bool = False) -> Card:
    """A tool result (or error), titled with the call it answers; `server`: the result of a
    provider-run tool, whose outputs (a code run's logs) are shown as text."""
    kind: CardKind = "error" if part.is_error else ("server" if server else "result")
    return Card(
        kind,
        result_title(part, tool_names, server=server),
        result_subtitle(part, ids=True),
        result_subtitle(part, ids=False),
        server_output_body(part.content) if server else result_body(part.content),
    )


def provider_run_results(parts: Sequence[Part]) -> frozenset[int]:
    """Indices of the results in `parts` that answer a provider-run call: by the call's id, or,
    when the provider gives none (Gemini's `codeExecutionResult`), the result right after it."""
    server_ids = {p.id for p in parts if isinstance(p, ToolCallPart) and p.server and p.id}
    found = set()
    for index, part in enumerate(parts):
        if not isinstance(part, ToolResultPart):
            continue
        before = parts[index - 1] if index else None
        if part.tool_call_id in server_ids or (
            not part.tool_call_id and isinstance(before, ToolCallPart) and before.server
        ):
            found.add(index)
    return frozenset(found)


def unrecognised_card(part: UnrecognisedPart) -> Card:
    """An item the dialect does not model (or a response field beside the message, named by
    its path): its kind and its JSON, so nothing is hidden."""
    title = f"not modelled · {part.kind}" if part.field else f"unrecognised item · {part.kind}"
    return Card("unrecognised", title, "", "", json_syntax(card_json(part.data)))


def image_card(part: ImagePart, *, style: StyleType = "") -> Card:
    """An image placeholder: what it is and how big (the bytes are not drawn)."""
    return Card("image", "", "", "", Text(image_line(part), style=style))
