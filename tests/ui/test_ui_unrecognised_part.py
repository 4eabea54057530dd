"""A part the dialect kept without modelling it is drawn with its kind and its JSON, masked as
the opened cassette hands it out (`masked_part`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tui_replay.analysis.masked_exchange import masked_part
from tui_replay.model import Message, TextPart, UnrecognisedPart
from tui_replay.ui.widgets.message_view import MessageView
from tui_replay.ui.widgets.unrecognised_part_view import UnrecognisedPartView

SECRET = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD"


async def test_an_unrecognised_part_is_drawn_in_its_place_with_secrets_masked() -> None:
    part = masked_part(UnrecognisedPart("hologram", {"type": "hologram", "api_key": SECRET, "x": 1}))
    message = Message("assistant", (TextPart("before"), part, TextPart("after")))

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield MessageView(message)

    app = Host()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        views = list(app.query(UnrecognisedPartView))
        assert len(views) == 1
        renderable = views[0].renderable
        assert isinstance(renderable, Text)
        shown = renderable.plain
        assert shown.startswith("[unrecognised hologram]")
        assert '"x": 1' in shown
        assert SECRET not in shown
