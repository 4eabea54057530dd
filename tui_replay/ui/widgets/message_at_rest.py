"""A message that does not stream, drawn whole by a single widget: each message of a
request's history, and a response that was not streamed.

The history is what grows with every turn: the corpus's largest interactions carry 5-6
messages, and drawn as a `MessageView` each was a role header, a widget per part and, for
text, a `Markdown` widget with a widget per paragraph: 24-44 widgets to lay out and paint
at every key press, each one Textual's own work (styles, box model, a strip per line, a
cut in every line it crosses). A key press took 45-85 ms to draw.

Here a message is one Line-API widget (`RichLines`): its role header, its text as Markdown
rendered by Rich, its thinking folded to a title line, its tool calls and results as Rich
panels, rendered once per width and kept. A stream (`StreamView`) keeps `MessageView`,
whose part widgets are made for text that grows frame by frame.

Colours come from the theme through component classes. A click on a thinking title, or
enter while the message has focus, folds or opens it.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.strip import Strip

from tui_replay.model import (
    ImagePart,
    Message,
    Part,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolResultPart,
    UnrecognisedPart,
)
from tui_replay.ui.widgets.card_text import (
    Card,
    call_card,
    fold_mark,
    image_card,
    provider_run_results,
    result_card,
    thinking_body,
    thinking_title,
    unrecognised_card,
)
from tui_replay.ui.widgets.message_view import ROLE_LABELS, presenting, shown_parts
from tui_replay.ui.widgets.rich_lines import RichLines
from tui_replay.ui.widgets.text_part_view import (
    RENDER_NOW_CHARS,
    MarkdownJob,
    PrerenderedLines,
    markdown,
    render_in_thread,
    trim_end,
)
from tui_replay.ui.widgets.thinking_view import INDENT

DASHED = box.Box("┌╌┬┐\n╎ ╎╎\n├╌┼┤\n╎ ╎╎\n├╌┼┤\n├╌┼┤\n╎ ╎╎\n└╌┴┘\n")
"""The frame of an image and of an unrecognised item, as the stream's `ImagePartView` and
`UnrecognisedPartView` draw them (CSS `border: dashed`)."""

_BOLD = Style(bold=True)
PLAIN_CHARS = 6_000
"""A long text is shown plain, up to this much, while its Markdown renders in a thread."""


class MessageAtRest(RichLines):
    """`MessageAtRest(message, tool_names=...)`; `update_message(message)`."""

    COMPONENT_CLASSES = {
        "message-at-rest--role",
        "message-at-rest--call",
        "message-at-rest--invalid",
        "message-at-rest--result",
        "message-at-rest--error",
        "message-at-rest--image",
        "message-at-rest--server",
        "message-at-rest--unrecognised",
        "message-at-rest--thinking",
        "message-at-rest--muted",
    }

    DEFAULT_CSS = """
    MessageAtRest {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: thick $primary;
    }
    MessageAtRest:focus { background-tint: $foreground 5%; }
    MessageAtRest > .message-at-rest--role { color: $text-primary; text-style: bold; }
    MessageAtRest.-role-system { border-left: thick $secondary; }
    MessageAtRest.-role-system > .message-at-rest--role { color: $text-secondary; }
    MessageAtRest.-role-assistant { border-left: thick $success; }
    MessageAtRest.-role-assistant > .message-at-rest--role { color: $text-success; }
    MessageAtRest.-role-tool { border-left: thick $warning; }
    MessageAtRest.-role-tool > .message-at-rest--role { color: $text-warning; }
    MessageAtRest > .message-at-rest--call { color: $text-accent; }
    MessageAtRest > .message-at-rest--invalid { color: $text-warning; }
    MessageAtRest > .message-at-rest--result { color: $text-success; }
    MessageAtRest > .message-at-rest--error { color: $text-error; }
    MessageAtRest > .message-at-rest--image { color: $text-secondary; }
    MessageAtRest > .message-at-rest--server { color: $text-secondary; }
    MessageAtRest > .message-at-rest--unrecognised { color: $text-warning; }
    MessageAtRest > .message-at-rest--thinking {
        background: $boost; color: $text-muted; text-style: italic;
    }
    MessageAtRest > .message-at-rest--muted { color: $text-muted; }
    """

    ALLOW_MAXIMIZE = False
    BINDINGS = [Binding("enter", "toggle_thinking", "Fold/open thinking", show=False)]

    def __init__(
        self,
        message: Message,
        *,
        tool_names: Mapping[str, str] | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own name
    ) -> None:
        super().__init__(id=id)
        self.message = message
        self.tool_names: Mapping[str, str] = tool_names or {}
        self.open_thinking: set[int] = set()
        """Indices (in the parts as drawn) of the thinking parts shown open."""
        self._ids_shown: bool | None = None
        """None until known from the screen (presentation mode hides ids)."""
        self._ahead_width = 0
        self._long_texts: dict[MarkdownJob, list[Strip] | None] = {}
        """Markdown of texts too long to render on the UI thread, by job; None while rendering."""
        self._thinking_rows: dict[int, dict[int, int]] = {}
        """By width drawn: line of each thinking title -> its part's index."""
        self._set_role_class()

    # -- what is shown -------------------------------------------------------------------

    def update_message(self, message: Message) -> None:
        """Show `message`; free when it is the one shown."""
        if message is self.message or message == self.message:
            return
        self.message = message
        self.open_thinking = set()
        self._set_role_class()
        self._changed()

    def _set_role_class(self) -> None:
        self.can_focus = self.has_thinking()  # focusable (tab) only with thinking to fold or open
        for role in ROLE_LABELS:
            self.set_class(self.message.role == role, f"-role-{role}")

    def show_ids(self, shown: bool) -> None:
        """Presentation mode hides tool-call ids from the cards."""
        if shown != self._ids_shown:
            self._ids_shown = shown
            self._changed()

    def _changed(self) -> None:
        self._thinking_rows.clear()
        self.redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rendered.clear()  # theme or role colours changed: the lines hold the old ones

    def header(self) -> str:
        message = self.message
        role = ROLE_LABELS.get(message.role, message.role.upper())
        if message.name:
            role += f" ({message.name})"
        return f"{role} · {message.origin}" if message.origin else role

    def parts(self) -> tuple[Part, ...]:
        """The parts as drawn: runs of text joined (`shown_parts`)."""
        return shown_parts(self.message.parts)

    # -- folding thinking ----------------------------------------------------------------

    def has_thinking(self) -> bool:
        return any(isinstance(part, ThinkingPart) for part in self.message.parts)

    def action_toggle_thinking(self) -> None:
        thinking = [i for i, part in enumerate(self.parts()) if isinstance(part, ThinkingPart)]
        if any(i in self.open_thinking for i in thinking):
            self.open_thinking -= set(thinking)
        else:
            self.open_thinking |= set(thinking)
        self._changed()

    def on_click(self, event: events.Click) -> None:
        if self.text_selection is not None:
            return  # the end of a drag that selected text (a plain click clears the selection)
        offset = event.get_content_offset(self)
        rows = self._thinking_rows.get(self.content_region.width, {})
        if offset is None or offset.y not in rows:
            return
        event.stop()
        self.open_thinking ^= {rows[offset.y]}
        self._changed()

    # -- drawing -------------------------------------------------------------------------

    def _draw_lines(self, width: int, style: Style) -> list[Strip]:
        console = self.app.console
        options = console.options.update(width=width, height=None, highlight=False, markup=False)
        lines: list[Strip] = []
        rows: dict[int, int] = {}
        for index, renderable in self._blocks(width, style):
            if index is not None:
                rows[len(lines)] = index
            rendered = console.render_lines(renderable, options, style=style, pad=False, new_lines=False)
            lines.extend(Strip(trim_end(line, style)) for line in rendered)
        self._thinking_rows[width] = rows
        return lines

    def render_ahead(self, width: int) -> None:
        """Draw the lines for `width` now (a hidden view made ahead of the key press that
        will show it: its Markdown is parsed and rendered while the user reads)."""
        if width <= 0:
            return
        if self.is_mounted:
            self._lines(width)
        else:  # its styles (colours) are known once mounted
            self._ahead_width = width

    def on_mount(self) -> None:
        if self._ahead_width:
            self._lines(self._ahead_width)
            self._ahead_width = 0

    def plain_lines(self, width: int | None = None) -> list[str]:
        """The lines as drawn at `width` (the widget's own by default), as plain text."""
        width = self.content_region.width if width is None else width
        return [strip.text for strip in self._lines(width)] if width > 0 else []

    def drawn_at(self, width: int) -> bool:
        """Its lines for `width` are drawn and kept (`render_ahead`)."""
        return any(key[0] == width for key in self._rendered)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"message-at-rest--{name}")

    def _blocks(self, width: int, style: Style) -> list[tuple[int | None, RenderableType]]:
        """(index of a thinking part, for its title line, else None; what to draw)."""
        role = self._style("role")
        header = Text(self.header(), style=role)
        blocks: list[tuple[int | None, RenderableType]] = [(None, header)]
        parts = self.parts()
        if not parts:
            blocks.append((None, Text("(empty message)", style=self._style("muted"))))
        ids = self._ids_shown if self._ids_shown is not None else not presenting(self)
        provider_run = provider_run_results(parts)
        for index, part in enumerate(parts):
            if isinstance(part, TextPart):
                blocks.append((None, self._text_block(part.text, width, style)))
            elif isinstance(part, ThinkingPart):
                blocks.extend(self._thinking(index, part, width, style))
            elif isinstance(part, ToolCallPart):
                blocks.append((None, self._panel(call_card(part, muted=self._style("muted")), ids)))
            elif isinstance(part, ToolResultPart):
                card = result_card(part, self.tool_names, server=index in provider_run)
                blocks.append((None, self._panel(card, ids)))
            elif isinstance(part, ImagePart):
                blocks.append((None, self._image(image_card(part, style=self._style("muted")))))
            elif isinstance(part, UnrecognisedPart):
                blocks.append((None, self._panel(unrecognised_card(part), ids, frame=DASHED)))
        return blocks

    def _text_block(self, text: str, width: int, style: Style) -> RenderableType:
        """Markdown; a long text as plain text until its Markdown is rendered in a thread (a big
        table or code block takes Rich 0.4-0.8 s, and the UI thread cannot wait for it)."""
        if len(text) <= RENDER_NOW_CHARS:
            return markdown(text)
        job = (text, width, style)
        if job not in self._long_texts:
            self._long_texts[job] = None
            render_in_thread(self, job, lambda lines: self._long_text_rendered(job, lines))
        lines = self._long_texts[job]
        if lines is not None:
            return PrerenderedLines(lines)
        if len(text) <= PLAIN_CHARS:
            return Text(text)
        # wrapping 100 KB of plain text would itself cost the UI thread ~0.15 s
        note = f"\n… {len(text) - PLAIN_CHARS:,} more characters (rendering)"
        return Text(text[:PLAIN_CHARS].rstrip("\n")) + Text(note, style=self._style("muted"))

    def _long_text_rendered(self, job: MarkdownJob, lines: list[Strip]) -> None:
        if len(self._long_texts) > 4:  # a message has a text or two, at one or two widths
            self._long_texts = {key: value for key, value in self._long_texts.items() if value is None}
        self._long_texts[job] = lines
        self._changed()

    def _thinking(
        self, index: int, part: ThinkingPart, width: int, base: Style
    ) -> list[tuple[int | None, RenderableType]]:
        style = self._style("thinking")
        opened = index in self.open_thinking
        title = f"{fold_mark(opened)} {thinking_title(part)}"
        out: list[tuple[int | None, RenderableType]] = [
            (index, Padding(Text(title, style=_BOLD + Style(italic=False)), (0, 1, 0, 0), style=style))
        ]
        if opened:  # Markdown, as the answer's text is
            body = self._text_block(thinking_body(part), max(1, width - INDENT - 1), base + style)
            out.append((None, Padding(body, (0, 1, 0, INDENT), style=style)))
        return out

    def _panel(self, card: Card, ids: bool, *, frame: box.Box = box.ROUNDED) -> RenderableType:
        """A card framed as a Rich panel: title in the top border, subtitle in the bottom one."""
        style = self._style(card.kind)
        subtitle = card.subtitle_for(ids)
        return Panel(
            card.body,
            title=Text(card.title, style=style + _BOLD if card.bold_title else style),
            title_align="left",
            subtitle=Text(subtitle, style=self._style("muted")) if subtitle else None,
            subtitle_align="right",
            box=frame,
            border_style=style,
            padding=(0, 1),
        )

    def _image(self, card: Card) -> RenderableType:
        return Panel(card.body, box=DASHED, border_style=self._style("image"), padding=(0, 1))
