"""The response to the selected interaction: the new assistant turn, or the error."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from tui_replay.analysis.usage import normalized_usage, usage_line
from tui_replay.model import Exchange, Message
from tui_replay.ui.textual_internals import SingleLayout
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
from tui_replay.ui.widgets.rich_lines import RichLines
from tui_replay.ui.widgets.styled_lines import StyledLines
from tui_replay.wording import counted


def labelled_rows(rows: list[tuple[str, str]]) -> Table:
    """`label  value` rows, a value's wrapped lines indented under its first (a provider's
    long error message), not back at the label's column."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(label, Text(value))  # Text: what the provider sent, never read as markup
    return grid


class ResponseView(SingleLayout, Widget):
    """Header line, error box (unmistakable), and the assistant message when not streamed."""

    DEFAULT_CSS = """
    ResponseView { height: auto; }
    ResponseView > #response-header {
        height: auto; padding: 0 1; background: $boost; text-style: bold; margin: 0 0 1 0;
    }
    ResponseView > #response-error {
        height: auto; border: heavy $error; border-title-color: $text-error; border-title-style: bold;
        color: $text; background: $error 15%; padding: 0 1; margin: 0 0 1 0;
    }
    ResponseView > #response-empty { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.exchange: Exchange | None = None
        self.show_message = True

    def compose(self) -> ComposeResult:
        yield StyledLines(id="response-header")
        yield RichLines(id="response-error")  # its lines can be selected and copied
        yield MessageAtRest(Message("assistant", ()), id="response-message")
        yield Static("(no assistant message)", id="response-empty")

    def show(self, exchange: Exchange, *, show_message: bool = True) -> None:
        self.exchange = exchange
        self.show_message = show_message
        raw, response = exchange.raw, exchange.response
        status = f"HTTP {raw.status} {raw.status_text}".strip() if raw.status is not None else "no status"
        bits = ["RESPONSE", status]
        if response.provider:
            bits.append(f"provider {response.provider}")
        if response.model:
            bits.append(response.model)
        if response.finish_label:
            bits.append(f"finish {response.finish_label}")
        if response.service_tier:
            bits.append(f"tier {response.service_tier}")
        # normalized, so every dialect (Bedrock's `inputTokens`, Gemini's `promptTokenCount`)
        # reads the same; the raw usage is in the raw pane and `inspect --json`
        usage = usage_line(normalized_usage(response))
        if usage:
            bits.append(usage)
        if exchange.streamed:
            bits.append(f"streamed · {counted(len(response.chunks), 'event')}")
        head = " · ".join(bits)
        label = "error" if exchange.is_error else "success"
        self.query_one("#response-header", StyledLines).show([[(head[:8], label), (head[8:], "")]])
        error_box = self.query_one("#response-error", RichLines)
        error = response.error
        if error is not None or exchange.is_error:
            error_box.display = True
            error_box.border_title = "ERROR"
            rows = [("status", str(error.status if error and error.status is not None else raw.status))]
            provider = (error.provider if error else None) or response.provider
            if provider:
                rows.append(("provider", provider))
            if error and error.type:
                rows.append(("type", error.type))
            rows.append(("message", (error.message if error else raw.status_text) or ""))
            error_box.update(labelled_rows(rows))
        else:
            error_box.display = False
        message_view = self.query_one("#response-message", MessageAtRest)
        empty = self.query_one("#response-empty", Static)
        if response.message is not None and show_message:
            message_view.display = True
            message_view.update_message(response.message)
        else:
            message_view.display = False
        empty.display = response.message is None and error is None and not exchange.is_error
