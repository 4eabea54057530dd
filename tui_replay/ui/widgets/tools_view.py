"""The tool definitions the request offered: name, description, JSON schema."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.model import Exchange
from tui_replay.ui.widgets.card_text import json_syntax


class ToolsView(Static):
    DEFAULT_CSS = """
    ToolsView { height: auto; padding: 0 1; }
    """

    def show(self, exchange: Exchange) -> None:
        tools = exchange.request.tools
        if not tools:
            self.update(Text("This request offered no tools.", style="dim"))
            return
        blocks: list[object] = [
            Text(f"TOOLS · {len(tools)} offered in request #{exchange.index}", style="bold")
        ]
        for tool in tools:
            blocks.append(Text(""))
            blocks.append(Text(tool.name, style="bold"))
            if tool.description:
                blocks.append(Text(tool.description))
            if tool.parameters is None:
                blocks.append(Text("(provider built-in tool, no schema)", style="dim"))
            else:
                blocks.append(json_syntax(pretty_json(tool.parameters)))
        self.update(Group(*blocks))  # type: ignore[arg-type]
