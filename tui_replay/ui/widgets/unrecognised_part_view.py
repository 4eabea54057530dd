"""An item the dialect kept without modelling it, as a card: `unrecognised item · <kind>` in a
dashed warning border, its (masked) JSON highlighted, so nothing a provider sent is hidden.
The card is described by `card_text.unrecognised_card`, as `MessageAtRest` draws it too."""

from __future__ import annotations

from tui_replay.model import UnrecognisedPart
from tui_replay.ui.widgets.card_text import unrecognised_card
from tui_replay.ui.widgets.rich_lines import RichLines


class UnrecognisedPartView(RichLines):
    DEFAULT_CSS = """
    UnrecognisedPartView {
        height: auto;
        border: dashed $text-warning;
        border-title-color: $text-warning;
        border-title-style: bold;
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
        card = unrecognised_card(part)
        self.border_title = card.title
        self.update(card.body)
