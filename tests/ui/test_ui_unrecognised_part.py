"""A part the dialect kept without modelling it is drawn as a card of its own, titled with its
kind, its JSON masked as the opened cassette hands it out (`masked_part`), in both message
widgets: the stream's part widget and `MessageAtRest`."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tui_replay.analysis.masked_exchange import masked_part
from tui_replay.model import Message, TextPart, UnrecognisedPart
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
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
        assert views[0].border_title == "unrecognised item · hologram"
        assert '"x": 1' in shown
        assert SECRET not in shown


async def test_a_message_at_rest_draws_an_unrecognised_part_as_a_dashed_card() -> None:
    part = masked_part(UnrecognisedPart("hologram", {"type": "hologram", "api_key": SECRET, "x": 1}))
    message = Message("assistant", (TextPart("before"), part, TextPart("after")))

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield MessageAtRest(message)

    app = Host()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        lines = app.query_one(MessageAtRest).plain_lines()
        top = next(i for i, line in enumerate(lines) if "unrecognised item · hologram" in line)
        assert lines[top].lstrip().startswith("┌╌")  # the dashed frame, its title in the top border
        assert any('"x": 1' in line for line in lines[top:])
        assert lines.index("before") < top < lines.index("after")
        assert not any(SECRET in line for line in lines)
