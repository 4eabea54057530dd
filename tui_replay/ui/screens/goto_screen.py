"""A one-line prompt for the number of the interaction to go to (`:` on a cassette)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class GotoScreen(ModalScreen[int | None]):
    """Dismissed with the number typed (0-based, as the timeline shows it), None on escape."""

    DEFAULT_CSS = """
    GotoScreen { align: center middle; }
    GotoScreen > Vertical {
        width: 44; height: auto; padding: 1 2; background: $panel; border: round $primary;
    }
    GotoScreen Label { width: 1fr; }
    GotoScreen #goto-error { color: $text-error; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="goto.cancel")]

    def __init__(self, count: int, *, steps: bool = False) -> None:
        super().__init__()
        self.count = count
        self.steps = steps
        """Presentation mode: the user types a step, counted from 1 (still dismissed 0-based)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.steps:
                yield Label(f"Go to step (1 to {self.count}):")
            else:
                yield Label(f"Go to interaction (#0 to #{max(self.count - 1, 0)}):")
            yield Input(placeholder="number", type="integer", id="goto-number")
            yield Label("", id="goto-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self) -> None:
        """A number being typed again is no longer the one refused: its message goes."""
        self.query_one("#goto-error", Label).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip().lstrip("#")
        if self.steps:
            if text.isdigit() and 1 <= int(text) <= self.count:
                self.dismiss(int(text) - 1)
                return
            self.query_one("#goto-error", Label).update(f"No step {text or '?'} here.")
            return
        if text.isdigit() and int(text) < self.count:
            self.dismiss(int(text))
            return
        self.query_one("#goto-error", Label).update(f"No interaction #{text or '?'} here.")

    def action_cancel(self) -> None:
        self.dismiss(None)
