"""`?`: every key, what it does, and the binding id to remap it.

The tables are drawn as Rich lines (`RichLines`), so a binding id can be selected with the
mouse and copied (a `Static` showing a Rich table gives the selection no text).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
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


ACTION_MIN = 36
"""Narrower than this beside an id column, an action would wrap into a tall cell (the
browser's filter took 7 lines at 80 columns): the ids go into the action's cell instead, at
its right end, on a line of their own where the action's last line leaves no room."""

GAP = 2
"""Spaces between two columns (one each side), and one before the first."""


@dataclass(frozen=True)
class BindingsTable:
    """One section of the help, laid out for the width it is drawn at: key, action and id
    side by side where the action has room, else each id on its own dim line under its
    action. `key_width` and `id_width`: the widest key and id of every section, so the
    columns line up from one section to the next."""

    title: str
    bindings: Sequence[BindingType]
    key_width: int
    id_width: int

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def side_by_side(self, width: int) -> bool:
        return width - self.key_width - self.id_width - 3 * GAP >= ACTION_MIN

    def table(self, width: int) -> Table:
        wide = self.side_by_side(width)
        table = Table(
            title=self.title,
            title_justify="left",
            title_style="bold",
            box=None,
            padding=(0, GAP // 2),
            expand=True,
        )
        table.add_column("key", style="bold", no_wrap=True, width=self.key_width)
        room = max(width - self.key_width - 2 * GAP, 1)
        if wide:
            table.add_column("action")
            table.add_column("id", style="dim", no_wrap=True, width=self.id_width)
        else:
            table.add_column(Text.assemble("action", ("id".rjust(room - len("action")), "")), width=room)
        for binding in self.bindings:
            if not isinstance(binding, Binding):
                continue
            # the tooltip says how (the footer has room for the description only)
            action = f"{binding.description}: {binding.tooltip}" if binding.tooltip else binding.description
            if wide:
                table.add_row(key_text(binding.key), action, binding.id or "")
            else:
                table.add_row(key_text(binding.key), _action_and_id(action, binding.id or "", room))
        return table


def _action_and_id(action: str, binding_id: str, width: int) -> Text:
    """The action wrapped to `width`, its id (dim) at the right end of its last line, or of
    a line of its own when that one has no room."""
    lines = textwrap.wrap(action, width) or [""]
    cell = Text("\n".join(lines[:-1]) + ("\n" if len(lines) > 1 else ""))
    last = lines[-1]
    if binding_id and cell_len(last) + GAP + len(binding_id) <= width:
        cell.append(last + " " * (width - cell_len(last) - len(binding_id)))
    elif binding_id:
        cell.append(last + "\n" + " " * max(width - len(binding_id), 0))
    else:
        cell.append(last)
    cell.append(binding_id, style="dim")
    return cell


def bindings_table(
    title: str, bindings: Sequence[BindingType], key_width: int = 0, id_width: int = 0
) -> BindingsTable:
    """A help section; the column widths fit its own bindings unless given."""
    listed = [b for b in bindings if isinstance(b, Binding)]
    return BindingsTable(
        title,
        listed,
        key_width or max((len(key_text(b.key)) for b in listed), default=1),
        id_width or max((len(b.id or "") for b in listed), default=1),
    )


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
            every = [b for _, bindings in self.sections for b in bindings if isinstance(b, Binding)]
            key_width = max((len(key_text(b.key)) for b in every), default=1)
            id_width = max((len(b.id or "") for b in every), default=1)
            for title, bindings in self.sections:
                yield RichLines(bindings_table(title, bindings, key_width, id_width))
                yield Static(Text(""))
            if self.note:
                yield Static(Text(self.note, style="dim"))
