"""`?`: every key, what it does, and the binding id to remap it.

The tables are drawn as Rich lines (`RichLines`), so a binding id can be selected with the
mouse and copied (a `Static` showing a Rich table gives the selection no text).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_replay.ui.widgets.rich_lines import RichLines

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "space": "space",
    "plus": "+",
    "minus": "-",
    "comma": ",",
    "full_stop": ".",
    "enter": "enter",
    "escape": "escape",
    "right": "→",
    "left": "←",
    "up": "↑",
    "down": "↓",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}


def key_text(keys: str) -> str:
    shown: list[str] = []
    for key in keys.split(","):
        name = KEY_NAMES.get(key.strip(), key.strip())
        if name not in shown:
            shown.append(name)
    return " / ".join(shown)


def bindings_table(title: str, bindings: list[BindingType]) -> Table:
    table = Table(
        title=title, title_justify="left", title_style="bold", box=None, padding=(0, 2), expand=True
    )
    table.add_column("key", style="bold", no_wrap=True, width=16)
    table.add_column("action")
    table.add_column("id", style="dim", no_wrap=True)
    for binding in bindings:
        if isinstance(binding, Binding):
            # the tooltip says how (the footer has room for the description only)
            action = f"{binding.description}: {binding.tooltip}" if binding.tooltip else binding.description
            table.add_row(key_text(binding.key), action, binding.id or "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, sections: list[tuple[str, list[BindingType]]], note: str = "") -> None:
        super().__init__()
        self.sections = sections
        self.note = note
        """Shown under the tables: where keys are remapped."""

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys · escape closes"
            for title, bindings in self.sections:
                yield RichLines(bindings_table(title, bindings))
                yield Static(Text(""))
            if self.note:
                yield Static(Text(self.note, style="dim"))
