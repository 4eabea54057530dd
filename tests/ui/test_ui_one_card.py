"""A card reads the same whether its message streamed (`MessageView`'s part widgets, framed by
CSS borders) or is at rest (`MessageAtRest`, framed by a Rich panel): both draw `card_text`'s
`Card`, so titles, subtitles and bodies cannot drift apart."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tui_replay.model import ImagePart, Message, ToolCallPart, ToolResultPart
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
from tui_replay.ui.widgets.message_view import MessageView

PARTS = (
    ToolCallPart("call_7", "weather", '{"city": "Florence"}', {"city": "Florence"}, True),
    ToolCallPart("call_8", "weather", '{"city": "Flor', None, False),
    ToolResultPart("call_7", '{"temp": "40 C"}'),
    ToolResultPart("call_8", "no such city", is_error=True),
    ImagePart("image/png", 2048),
)
NAMES = {"call_7": "weather", "call_8": "weather"}


class Both(App[None]):
    def compose(self) -> ComposeResult:
        message = Message("assistant", PARTS)
        yield MessageView(message, tool_names=NAMES, id="streamed")
        yield MessageAtRest(message, tool_names=NAMES, id="at-rest")


def _words(lines: list[str]) -> list[str]:
    """The words of the lines, frames and padding left out (the two frame cards differently)."""
    frame = set("╭╮╰╯─│┌┐└┘╌╎ ")
    return [w for line in lines for w in line.split() if not set(w) <= frame]


async def test_streamed_and_at_rest_cards_say_the_same() -> None:
    app = Both()
    async with app.run_test(size=(90, 60)) as pilot:
        await pilot.pause()
        at_rest = app.query_one(MessageAtRest).plain_lines()
        cards = app.query_one("#streamed", MessageView).query("ToolCallView, ToolResultView, ImagePartView")
        streamed = [
            f"{w.border_title or ''}\n{_plain(w.renderable)}\n{w.border_subtitle or ''}" for w in cards
        ]
        assert len(streamed) == len(PARTS)
        drawn = _words(at_rest)
        for card in streamed:
            words = _words(card.splitlines())
            assert words, card
            assert all(w in drawn for w in words), (card, drawn)


def _plain(renderable: object) -> str:
    assert isinstance(renderable, Text), renderable
    return renderable.plain
