"""The tool definitions the request offered: name, description, JSON schema.

Drawn as Rich lines (`RichLines`) rather than by a `Static`: a `Static` showing a Rich
renderable (highlighted JSON) gives Textual's selection no text to copy.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.model import Exchange
from tui_replay.ui.widgets.card_text import json_syntax
from tui_replay.ui.widgets.rich_lines import RichLines


class ToolsView(RichLines):
    DEFAULT_CSS = """
    ToolsView { height: auto; padding: 0 1; }
    """

    def show(self, exchange: Exchange) -> None:
        tools = exchange.request.tools
        if not tools:
            self.update(Text("This request offered no tools.", style="dim"))
            return
        blocks: list[RenderableType] = [
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
        self.update(Group(*blocks))
