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
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_replay.ui.widgets.rich_lines import RichLines

KEY_NAMES = {
    "space": "space",
    "enter": "enter",
    "escape": "escape",
    "pageup": "page up",
    "pagedown": "page down",
    "tab": "tab",
}
"""Keys spelled out where Textual's footer abbreviates them (`esc`, `pgdn`, `⏎`): the help has
room, and a new user reads words. Every other key is shown as Textual's `format_key` writes
it: the character it types (`colon` is `:`, `full_stop` is `.`) or its name (`home`)."""


def key_name(key: str) -> str:
    """One key of a binding as a person reads it: `:`, `?`, `→`, `ctrl+d`, `page down`."""
    *modifiers, base = key.strip().split("+")
    return "+".join([*modifiers, KEY_NAMES.get(base) or format_key(base)])


def key_text(keys: str) -> str:
    """A binding's keys (`escape,question_mark,q`) as the help lists them: `escape / ? / q`."""
    shown: list[str] = []
    for key in keys.split(","):
        name = key_name(key)
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
