"""One conversation message: a role header and its parts.

`MessageView.update_message` is called many times a second while a stream
replays, so it updates the existing part widgets in place whenever the parts
still have the same kinds in the same order, and only remounts otherwise.
While `streaming` is true, text is shown as plain text (cheap); Markdown is
rendered once the message is at rest.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.dom import NoScreen
from textual.widget import Widget
from textual.widgets import Static

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
from tui_replay.ui.textual_internals import SingleLayout
from tui_replay.ui.widgets.card_text import (
    call_card,
    image_card,
    provider_run_results,
    result_card,
)
from tui_replay.ui.widgets.growing_text import wrap_lines
from tui_replay.ui.widgets.rich_lines import RichLines
from tui_replay.ui.widgets.text_part_view import TextPartView
from tui_replay.ui.widgets.thinking_view import ThinkingPartView
from tui_replay.ui.widgets.unrecognised_part_view import UnrecognisedPartView

ROLE_LABELS = {
    "system": "SYSTEM",
    "user": "USER",
    "assistant": "ASSISTANT",
    "tool": "TOOL",
}


SPARE_PARTS = 8
"""Hidden part widgets a message view keeps past its parts, for parts still to come."""


def presenting(widget: Widget) -> bool:
    """On a presentation-mode screen (class `-present`), cards hide tool-call ids."""
    try:
        return widget.screen.has_class("-present")
    except NoScreen:  # not on a screen yet
        return False


class ToolCallView(RichLines):
    """A tool call as a card: name, id, arguments as highlighted pretty JSON."""

    DEFAULT_CSS = """
    ToolCallView {
        height: auto;
        border: round $text-accent;
        border-title-color: $text-accent;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 1;
        margin: 0 1;
    }
    ToolCallView.-invalid { border: round $text-warning; border-title-color: $text-warning; }
    ToolCallView.-server { border: round $text-secondary; border-title-color: $text-secondary; }
    """

    def __init__(self, part: ToolCallPart, streaming: bool) -> None:
        super().__init__()
        self._part: ToolCallPart | None = None
        self._streaming = streaming
        self._subtitles = ("", "")
        """(with ids, without ids): presentation mode shows the second."""
        self._streamed_height: int | None = None
        """Lines the growing arguments took at the last streamed update."""
        self._ids_shown = True
        self.set_part(part, streaming)

    def on_mount(self) -> None:
        self.show_ids(not presenting(self))

    def show_ids(self, shown: bool) -> None:
        self._ids_shown = shown
        self.border_subtitle = self._subtitles[0 if shown else 1]

    def set_part(self, part: ToolCallPart, streaming: bool) -> None:
        if part == self._part and streaming == self._streaming:
            return
        self._part, self._streaming = part, streaming
        card = call_card(part, streaming=streaming)
        self.set_class(card.kind == "invalid", "-invalid")
        self.set_class(card.kind == "server", "-server")
        self.border_title = card.title
        self._subtitles = (card.subtitle, card.subtitle_without_ids)
        self.show_ids(self._ids_shown)
        if streaming:
            raw = part.arguments_raw
            # a layout (the whole pane re-measured) only when the card gets taller
            width = self.content_region.width if self.is_mounted else 0
            height = len(wrap_lines(raw, width)[1]) if raw and width > 0 else None
            grew, self._streamed_height = height is None or height != self._streamed_height, height
            self.update(card.body, layout=grew)
            return
        self._streamed_height = None
        self.update(card.body)


class ToolResultView(RichLines):
    """A tool result, titled with the call it answers."""

    DEFAULT_CSS = """
    ToolResultView {
        height: auto;
        border: round $text-success;
        border-title-color: $text-success;
        border-subtitle-color: $text-muted;
        padding: 0 1;
        margin: 0 1;
    }
    ToolResultView.-error { border: round $text-error; border-title-color: $text-error; }
    ToolResultView.-server { border: round $text-secondary; border-title-color: $text-secondary; }
    """

    def __init__(
        self, part: ToolResultPart, tool_names: Mapping[str, str], *, provider_run: bool = False
    ) -> None:
        super().__init__()
        self._tool_names = tool_names
        self._provider_run = provider_run
        """It answers a provider-run call: drawn as that tool's output."""
        self._part: ToolResultPart | None = None
        self._subtitle = ""
        self._ids_shown = True
        self.set_part(part, False)

    def on_mount(self) -> None:
        self.show_ids(not presenting(self))

    def show_ids(self, shown: bool) -> None:
        """Presentation mode hides the call id this result answers."""
        self._ids_shown = shown
        self.border_subtitle = self._subtitle if shown else ""

    def set_provider_run(self, provider_run: bool) -> None:
        if provider_run != self._provider_run:
            self._provider_run = provider_run
            part, self._part = self._part, None
            if part is not None:
                self.set_part(part, False)

    def set_part(self, part: ToolResultPart, streaming: bool) -> None:
        if part == self._part:
            return
        self._part = part
        card = result_card(part, self._tool_names, server=self._provider_run)
        self.set_class(card.kind == "error", "-error")
        self.set_class(card.kind == "server", "-server")
        self.border_title = card.title
        self._subtitle = card.subtitle
        self.show_ids(self._ids_shown)
        self.update(card.body)


class ImagePartView(RichLines):
    DEFAULT_CSS = """
    ImagePartView {
        height: auto;
        border: dashed $text-secondary;
        color: $text-muted;
        padding: 0 1;
        margin: 0 1;
    }
    """

    def __init__(self, part: ImagePart, streaming: bool) -> None:
        super().__init__()
        self._part: ImagePart | None = None
        self.set_part(part, streaming)

    def set_part(self, part: ImagePart, streaming: bool) -> None:
        if part == self._part:
            return
        self._part = part
        self.update(image_card(part).body)


def shown_parts(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """The parts as drawn: a run of text parts is one text, as the reader reads it.

    Anthropic splits an answer with web citations into a text block per cited span (31 in
    go-vcr's TestAnthropicWebSearch/stream.yaml: "Interestingly, " | "in 1925, it was..." |
    ". However, ..."), meant to be read joined. Drawn one widget each, they broke sentences
    into paragraphs and cost a key press ~60 widgets to mount and lay out. The
    raw pane (`r`) still shows every block."""
    if sum(isinstance(p, TextPart) for p in parts) < 2:
        return parts
    out: list[Part] = []
    for part in parts:
        before = out[-1] if out else None
        if isinstance(part, TextPart) and isinstance(before, TextPart):
            out[-1] = TextPart(join_texts(before.text, part.text))
        else:
            out.append(part)
    return tuple(out)


def join_texts(before: str, after: str) -> str:
    """Two adjacent text parts as one: as they are when either side of the seam is a space
    or the second begins with punctuation (fragments of one sentence), else as paragraphs."""
    if not before or not after:
        return before + after
    if before[-1].isspace() or after[0].isspace() or after[0] in ".,;:!?)]}'\"”’…":
        return before + after
    return before + "\n\n" + after


PartWidget = (
    TextPartView | ThinkingPartView | ToolCallView | ToolResultView | ImagePartView | UnrecognisedPartView
)

_WIDGET_FOR: dict[type, type] = {
    TextPart: TextPartView,
    ThinkingPart: ThinkingPartView,
    ToolCallPart: ToolCallView,
    ToolResultPart: ToolResultView,
    ImagePart: ImagePartView,
    UnrecognisedPart: UnrecognisedPartView,
}


class MessageView(SingleLayout, Widget):
    """One `Message`: a role header and one widget per part.

    `tool_names` maps tool-call ids to tool names so a result can name the call
    it answers even when the API does not repeat the name.
    """

    DEFAULT_CSS = """
    MessageView {
        height: auto;
        margin: 0 0 1 0;
        border-left: thick $primary;
    }
    MessageView > .role {
        height: 1;
        padding: 0 1;
        text-style: bold;
        color: $text-primary;
    }
    MessageView.-role-system { border-left: thick $secondary; }
    MessageView.-role-system > .role { color: $text-secondary; }
    MessageView.-role-assistant { border-left: thick $success; }
    MessageView.-role-assistant > .role { color: $text-success; }
    MessageView.-role-tool { border-left: thick $warning; }
    MessageView.-role-tool > .role { color: $text-warning; }
    MessageView > .empty { color: $text-muted; padding: 0 1; }
    """

    def __init__(
        self,
        message: Message | None = None,
        *,
        streaming: bool = False,
        tool_names: Mapping[str, str] | None = None,
        label: str | None = None,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.message = message
        self.streaming = streaming
        self.tool_names: Mapping[str, str] = tool_names or {}
        self.label = label
        self._part_widgets: list[Widget] = []
        """The widgets standing for the message's parts, in order, then hidden spares (the
        children less removed ones and the empty-message note)."""
        self._empty: Static | None = None
        self._shown_header: str | None = None
        self._ahead: Message | None = None
        self._ahead_shown: tuple[Part, ...] | None = None
        """`_ahead`'s parts as drawn (`shown_parts`)."""
        self._rendered: tuple[Message | None, bool] | None = None
        """(message, streaming) last drawn: the next interaction's history repeats most messages."""
        self.paused = False
        """A stream stopped part way (paused, stepped through): the header says so, not
        `streaming…`."""

    def compose(self) -> ComposeResult:
        header = self._header()
        self._shown_header = header
        yield RichLines(Text(header), classes="role")  # one per message: drawn cheaply
        # The part widgets follow the header as children of this widget, not in a container of
        # their own: every level of auto-height nesting is measured again at each layout.
        # They are composed with it, not mounted from `on_mount`: that was a second round of
        # mounting, and the frame in between drew a new message as its header alone.
        yield from self._render_message()

    def on_mount(self) -> None:
        shown = self._rendered
        if shown is None or shown[0] is not self.message or shown[1] != self.streaming:
            self._show_changes()  # changed between compose and mount

    def _header(self) -> str:
        message = self.message
        if message is None:
            return self.label or ""
        role = ROLE_LABELS.get(message.role, message.role.upper())
        if message.name:
            role += f" ({message.name})"
        if message.origin:
            role += f" · {message.origin}"
        if self.label:
            role += f" · {self.label}"
        if self.streaming:
            role += " · paused" if self.paused else " · streaming…"
        return role

    def mark_paused(self, paused: bool) -> None:
        """Say in the header whether the stream being drawn is paused or still coming in."""
        if paused != self.paused:
            self.paused = paused
            if self.is_mounted:
                self._show_header()

    def update_message(self, message: Message, *, streaming: bool = False) -> None:
        """Show `message`; cheap when only the parts' contents changed, free when nothing did."""
        shown = self._rendered
        if shown is not None and shown[1] == streaming and (shown[0] is message or shown[0] == message):
            return  # frozen dataclasses: equal means identical to draw
        self.message = message
        self.streaming = streaming
        if self.is_mounted:
            self._show_changes()

    def _show_changes(self) -> None:
        with self.app.batch_update():
            new = self._render_message()
            if new:
                self.mount_all(new)

    def _render_message(self) -> list[Widget]:
        """Bring the header, classes and part widgets up to date with the message; the widgets
        to add are returned, for the caller to mount (or compose)."""
        message = self.message
        self._rendered = (message, self.streaming)
        for role in ROLE_LABELS:
            self.set_class(message is not None and message.role == role, f"-role-{role}")
        self._show_header()
        parts: tuple[Part, ...] = shown_parts(message.parts) if message is not None else ()
        slots = self._slots(parts)
        new: list[Widget] = []
        empty = not slots and message is not None and not self.streaming
        if empty and self._empty is None:  # a message streaming in has no parts at first
            self._empty = Static("(empty message)", classes="empty")
            new.append(self._empty)
        elif self._empty is not None and self._empty.display != empty:
            self._empty.display = empty
        # `self._part_widgets`, not `self.children`: removed widgets stay among the children
        # until Textual prunes them, and must never be handed a part of another kind.
        existing = self._part_widgets
        # Keep the widgets of a common prefix of kinds (a stream only appends parts; the next
        # interaction's request mostly repeats this one's messages).
        keep = 0
        for widget, part in zip(existing, slots, strict=False):
            if not isinstance(widget, _WIDGET_FOR[type(part)]):
                break
            keep += 1
        if keep == len(slots) and len(existing) - keep <= SPARE_PARTS:
            # Widgets past the parts are kept, hidden, for the parts to come: a stream shown
            # from its first chunk has none yet, and removing its widgets to mount them again
            # once it plays cost every key press onto a stream a mount.
            self._fill(slots, len(parts))
            return new
        for widget in existing[keep:]:
            widget.remove()
        provider_run = provider_run_results(slots)
        made = [self._make(part, keep + i in provider_run) for i, part in enumerate(slots[keep:])]
        self._part_widgets = existing[:keep] + made
        self._fill(slots, len(parts), keep)
        return new + made

    def _show_header(self) -> None:
        header = self._header()
        if header != self._shown_header:
            self._shown_header = header
            self.query_one(".role", RichLines).update(Text(header), layout=False)  # always 1 line

    def parts_mounted(self) -> bool:
        """Every part shown has its widget mounted: what is on screen is the whole message.
        (Hidden widgets made ahead for parts still to stream in do not count.)"""
        return all(widget.is_mounted for widget in self._part_widgets if widget.display)

    def expect(self, final: Message | None) -> bool:
        """While streaming, keep widgets ready for every part of `final`, the message the stream
        will end with, hidden until their part arrives: a widget mounted in the middle of a live
        replay cost that frame a mount and a second layout. True when the widgets
        were changed (a layout is coming)."""
        if final is self._ahead:
            return False
        self._ahead = final
        self._ahead_shown = None
        if self.is_mounted and self.message is not None and self.streaming:
            before = list(self._part_widgets)
            self._show_changes()
            return self._part_widgets != before
        return False

    def _slots(self, parts: tuple[Part, ...]) -> tuple[Part, ...]:
        """The parts to have widgets for: `parts`, then the expected parts still to come."""
        final = self._ahead
        if not self.streaming or final is None:
            return parts
        if self._ahead_shown is None:  # once per expected message, not at every frame
            self._ahead_shown = shown_parts(final.parts)
        final_parts = self._ahead_shown
        if len(parts) > len(final_parts):
            return parts
        if any(type(a) is not type(b) for a, b in zip(parts, final_parts, strict=False)):
            return parts
        return parts + final_parts[len(parts) :]

    def _fill(self, slots: tuple[Part, ...], shown: int, fresh_from: int | None = None) -> None:
        """Hand the shown parts to their widgets; hide the widgets of parts still to come.
        Widgets from `fresh_from` on were just made from their part."""
        for widget in self._part_widgets[len(slots) :]:  # spares
            if widget.display:
                widget.display = False
        provider_run = provider_run_results(slots)
        for index, (widget, part) in enumerate(zip(self._part_widgets, slots, strict=False)):
            visible = index < shown
            if visible and (fresh_from is None or index < fresh_from):
                if isinstance(widget, ToolResultView):
                    widget.set_provider_run(index in provider_run)
                widget.set_part(part, self.streaming)  # type: ignore[attr-defined]
            if widget.display != visible:
                widget.display = visible

    def _make(self, part: Part, provider_run: bool) -> Widget:
        if isinstance(part, ToolResultPart):
            return ToolResultView(part, self.tool_names, provider_run=provider_run)
        widget_type = _WIDGET_FOR[type(part)]
        return widget_type(part, self.streaming)  # type: ignore[no-any-return]
