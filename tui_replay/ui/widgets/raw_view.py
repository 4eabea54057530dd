"""The raw HTTP exchange (`r`) or just its headers (`h`), as masked as the cassette hands it out.

Drawn as Rich lines (`RichLines`) rather than by a `Static`: a `Static` showing a Rich
renderable (a table, highlighted JSON) gives Textual's selection no text to copy.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.model import Exchange, Headers
from tui_replay.ui.widgets.card_text import json_syntax
from tui_replay.ui.widgets.rich_lines import RichLines

BODY_LIMIT = 200_000
"""Characters of a body shown; the rest is cut with a note (a 10 MB body would stall rendering)."""


def headers_table(values: Headers) -> RenderableType:
    if not values:
        return Text("  (no headers)", style="dim")
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in values:
        table.add_row(f"  {name}:", value)
    return table


def body_renderable(body: bytes, parsed: Any) -> RenderableType:
    if parsed is None and body:
        try:
            parsed = json.loads(body)
        except (ValueError, RecursionError):
            parsed = None
    if parsed is not None:
        text = pretty_json(parsed)
        return json_syntax(_cut(text), cut=False)  # the raw pane has its own limit
    if not body:
        return Text("  (empty body)", style="dim")
    decoded = body.decode("utf-8", "replace")
    return Text(_cut(decoded))


def _cut(text: str) -> str:
    if len(text) <= BODY_LIMIT:
        return text
    return text[:BODY_LIMIT] + f"\n… {len(text) - BODY_LIMIT} more characters not shown"


def stream_events(exchange: Exchange) -> RenderableType:
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("#", justify="right", style="dim")
    table.add_column("kind")
    table.add_column("data", overflow="fold")
    shown = 0
    for event in exchange.response.chunks:
        if shown > 2000:
            table.add_row("…", "", f"{len(exchange.response.chunks) - shown} more events")
            break
        label = event.kind if not event.name else f"{event.kind} ({event.name})"
        table.add_row(str(event.index), label, event.data or event.delta)
        shown += 1
    return table


class RawView(RichLines):
    """`mode` is "raw" (headers and bodies) or "headers"."""

    COMPONENT_CLASSES = {"raw-view--error", "raw-view--success"}
    DEFAULT_CSS = """
    RawView { height: auto; padding: 0 1; }
    RawView > .raw-view--error { color: $text-error; text-style: bold; }
    RawView > .raw-view--success { color: $text-success; text-style: bold; }
    """

    def __init__(self, mode: str, *, masked: bool = True, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.mode = mode
        self.masked = masked
        """Whether the cassette masks secrets (`Cassette.redact`): said in the title only."""
        self._shown: Exchange | None = None
        self._shown_status = Style()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._shown is not None:  # once the new styles are in place
            self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        """The theme changed: the status line's colour with it (only then: a body is costly
        to lay out again, and any class set on the screen restyles this pane too)."""
        shown = self._shown
        if shown is not None and self._status_style(shown) != self._shown_status:
            self.show(shown)

    def _status_style(self, exchange: Exchange) -> Style:
        # the theme's readable colours: ANSI red on a dark theme read at 2.9-4.5
        return self.get_component_rich_style("raw-view--error" if exchange.is_error else "raw-view--success")

    def show(self, exchange: Exchange) -> None:
        self._shown = exchange
        self._shown_status = self._status_style(exchange)
        raw = exchange.raw
        masked = "secrets masked" if self.masked else "secrets NOT masked (--no-redact)"
        title = "RAW EXCHANGE" if self.mode == "raw" else "HEADERS"
        blocks: list[RenderableType] = [
            Text(f"{title} · interaction #{exchange.index} · {masked}", style="bold"),
            Text(""),
            Text(f"{raw.method} {raw.url}", style="bold"),
            headers_table(raw.request_headers),
        ]
        if self.mode == "raw":
            blocks += [
                Text("request body", style="bold underline"),
                body_renderable(raw.request_body, raw.request_json),
            ]
        status = f"{raw.status} {raw.status_text}".strip() if raw.status is not None else "(no status)"
        blocks += [
            Text(""),
            Text(f"HTTP {status}", style=self._shown_status),
            headers_table(raw.response_headers),
        ]
        if self.mode == "raw":
            if exchange.streamed and exchange.response.chunks:
                blocks += [
                    Text(
                        f"response body · {len(exchange.response.chunks)} stream events",
                        style="bold underline",
                    ),
                    stream_events(exchange),
                ]
            else:
                blocks += [
                    Text("response body", style="bold underline"),
                    body_renderable(raw.response_body, raw.response_json),
                ]
        self.update(Group(*blocks))
