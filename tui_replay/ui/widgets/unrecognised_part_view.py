"""An item the dialect kept without modelling it: its kind and its (masked) JSON, so nothing a
provider sent is hidden. A plain fallback until the app draws these as cards."""

from __future__ import annotations

import json

from rich.text import Text

from tui_replay.model import UnrecognisedPart
from tui_replay.ui.widgets.rich_lines import RichLines

SHOWN_CHARS = 2000
"""JSON beyond this is left to the raw pane (`r`), which shows every body in full."""


def unrecognised_line(part: UnrecognisedPart) -> str:
    data = json.dumps(part.data, ensure_ascii=False, sort_keys=True, default=str)
    if len(data) > SHOWN_CHARS:
        data = data[:SHOWN_CHARS] + "…"
    return f"[unrecognised {part.kind}] {data}"


class UnrecognisedPartView(RichLines):
    DEFAULT_CSS = """
    UnrecognisedPartView {
        height: auto;
        border: dashed $warning;
        color: $text-muted;
        padding: 0 1;
        margin: 0 1;
    }
    """

    def __init__(self, part: UnrecognisedPart, streaming: bool) -> None:
        super().__init__()
        self._part: UnrecognisedPart | None = None
        self.set_part(part, streaming)

    def set_part(self, part: UnrecognisedPart, streaming: bool) -> None:
        if part == self._part:
            return
        self._part = part
        self.update(Text(unrecognised_line(part)))
