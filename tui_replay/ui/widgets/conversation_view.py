"""The request side of the selected interaction: summary line, problems, message history."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from tui_replay.analysis.request_params import param_items
from tui_replay.model import Exchange, Problem, TurnInfo
from tui_replay.ui.rows import format_duration
from tui_replay.ui.textual_internals import SingleLayout
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
from tui_replay.ui.widgets.styled_lines import StyledLines

SPARE_VIEWS = 16
"""Hidden message views kept past the messages shown, ready for the next interaction."""


def tool_names(exchange: Exchange) -> dict[str, str]:
    names: dict[str, str] = {}
    messages = list(exchange.request.messages)
    if exchange.response.message is not None:
        messages.append(exchange.response.message)
    for message in messages:
        for call in message.tool_calls:
            if call.id:
                names[call.id] = call.name
    return names


class ConversationView(SingleLayout, Widget):
    DEFAULT_CSS = """
    ConversationView { height: auto; }
    ConversationView > #request-summary { height: auto; padding: 0 1; background: $boost; margin: 0 0 1 0; }
    ConversationView > #problems {
        height: auto; padding: 0 1; margin: 0 0 1 0; border-left: thick $warning; color: $text-warning;
    }
    ConversationView > .empty { color: $text-muted; padding: 0 1; margin: 0 0 1 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._summary = StyledLines(id="request-summary")
        self._problems = StyledLines(id="problems")

    def compose(self) -> ComposeResult:
        yield self._summary
        yield self._problems
        # Messages are mounted right here, not in a container of their own: every level of
        # auto-height nesting is laid out again on each change.

    def show(self, exchange: Exchange, turn: TurnInfo, problems: list[Problem]) -> None:
        raw, request = exchange.raw, exchange.request
        head = (
            f"  {turn.label}"
            f"  ·  {format_duration(raw.duration_ms)}"
            + ("  ·  streamed" if exchange.streamed else "  ·  not streamed")
            + f"  ·  {exchange.dialect}"
        )
        lines = [
            [(f"#{exchange.index}", "bold"), (head, "")],
            [(f"{raw.method} {raw.url}", "muted")],
        ]
        facts = []
        if request.model:
            facts.append(f"model {request.model}")
        if request.tools:
            facts.append("tools: " + ", ".join(t.name for t in request.tools))
        # Every parameter the client sent, packed a few to a line at the pane's width.
        facts.extend(param_items(request.params))
        self._summary.show(lines, facts)
        self._problems.display = bool(problems)
        self._problems.show([[(f"! {p.severity}: {p.message} [{p.code}]", "")] for p in problems])
        names = tool_names(exchange)
        existing = self._views()
        messages = request.messages
        with self.app.batch_update():
            # Reuse message widgets: stepping through turns mostly appends messages. Views past
            # the messages shown are kept, hidden, for the next interaction (`prepare`).
            for view, message in zip(existing, messages, strict=False):
                view.tool_names = names
                view.update_message(message)
                if not view.display:
                    view.display = True
            for view in existing[len(messages) :]:
                if view.display:
                    view.display = False
            for view in existing[len(messages) + SPARE_VIEWS :]:
                view.remove()
            for empty in self.query_children(".empty"):
                empty.remove()
            new = [MessageAtRest(m, tool_names=names) for m in messages[len(existing) :]]
            if not messages:
                new_widgets: list[Widget] = [
                    Static("(no LLM messages decoded in this request)", classes="empty")
                ]
                self.mount_all(new_widgets)
            elif new:
                self.mount_all(new)

    def question_view(self) -> MessageAtRest | None:
        """The view of the question the shown request asks: the first of the user and tool
        messages that end it (a user's question, or the tool results the model waits for)."""
        shown = [view for view in self._views() if view.display]
        start = len(shown)
        while start > 0 and shown[start - 1].message.role in ("user", "tool"):
            start -= 1
        if start < len(shown):
            return shown[start]
        users = [view for view in shown if view.message.role == "user"]
        return users[-1] if users else None

    def _views(self) -> list[MessageAtRest]:
        """The message views in order, less those being removed (a removed widget stays among
        the children until Textual has pruned it)."""
        return [view for view in self.query_children(MessageAtRest) if not getattr(view, "_pruning", False)]

    def prepare(self, exchange: Exchange) -> None:
        """Ahead of a key press, while the user reads: hidden views for the messages of
        `exchange`'s request past those shown now (the next turn's request repeats this one's
        history and adds to it). Shown by `show`, they are only laid out, not mounted then: a
        mount cost the key press 15-20 ms on the corpus's largest interactions."""
        views = self._views()
        shown = sum(1 for view in views if view.display)
        messages = exchange.request.messages
        if len(messages) <= shown:
            return
        names = tool_names(exchange)
        new = []
        for index, message in enumerate(messages[shown:], start=shown):
            if index < len(views):
                views[index].tool_names = names
                views[index].update_message(message)  # hidden: its part widgets mount hidden
            else:
                view = MessageAtRest(message, tool_names=names)
                view.display = False
                new.append(view)
        if new:
            self.mount_all(new)
        width = next((view.content_region.width for view in views if view.display), 0)
        for view in self._views()[shown:]:  # drawn now, while the user reads: shown, only laid out
            view.render_ahead(width)
