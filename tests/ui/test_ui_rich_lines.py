"""RichLines (a Rich `Text` through the Line API) draws what a Static draws.

One known difference, not exercised here: with a translucent CSS colour ($text-muted), a
Static blends it over the background of the span under it and RichLines over the widget's
own background (a JSON card's punctuation is a few grey levels apart). The cards use opaque
colours."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.ui.widgets.card_text import json_syntax
from tui_replay.ui.widgets.rich_lines import RichLines

BODY = {
    "pages": [{"page": 1, "text": "Dummy PDF file\n\n", "data": list(range(40))}],
    "note": "a long string that has to be folded over several lines at this width " * 3,
    "url": "https://example.com/" + "x" * 90,
}


class Both(App[None]):
    CSS = """
    Static, RichLines { height: auto; border: round red; padding: 0 1; }
    """

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text)
        yield RichLines(self.text)


def lines_of(widget: Static | RichLines) -> list[str]:
    return [strip.text for strip in widget.render_lines(widget.region.reset_offset)]


def styles_of(widget: Static | RichLines) -> list[list[tuple[str, object, object]]]:
    out = []
    for strip in widget.render_lines(widget.region.reset_offset):
        line = []
        for segment in strip:
            style = segment.style
            line.append((segment.text, style.color if style else None, style.bold if style else None))
        out.append(line)
    return out


async def test_rich_lines_draws_what_a_static_draws() -> None:
    text = json_syntax(pretty_json(BODY))
    app = Both(text)
    async with app.run_test(size=(50, 80)) as pilot:
        await pilot.pause()
        static, rich = app.query_one(Static), app.query_one(RichLines)
        assert rich.size == static.size and rich.size.height > 10  # folded, not cut
        assert lines_of(rich) == lines_of(static)
        assert "".join(lines_of(rich)).count('"') >= 10

        rich.update(Text("replaced"))
        static.update(Text("replaced"))
        await pilot.pause()
        assert rich.size == static.size and lines_of(rich) == lines_of(static)


def colours_of(widget: Static | RichLines) -> set[object]:
    return {colour for line in styles_of(widget) for _, colour, _ in line if colour is not None}


async def test_rich_lines_keeps_the_text_colours() -> None:
    text = json_syntax(pretty_json({"key": "value", "n": 3}))
    app = Both(text)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        static, rich = app.query_one(Static), app.query_one(RichLines)
        colours = colours_of(rich)
        assert len(colours) >= 3  # keys, strings and numbers are not one colour
        assert colours == colours_of(static)


async def test_styled_lines_colour_spans_from_the_theme_and_follow_a_theme_change() -> None:
    from tui_replay.ui.widgets.styled_lines import StyledLines

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield StyledLines(id="lines")

    app = Host()
    async with app.run_test(size=(60, 5)) as pilot:
        lines = app.query_one(StyledLines)
        lines.show(
            [[("#3", "bold"), ("  turn 2", "")], [("POST https://x.test", "muted")], [("429", "error")]]
        )
        await pilot.pause()
        assert lines.plain == "#3  turn 2\nPOST https://x.test\n429"
        strips = lines.render_lines(lines.region.reset_offset)
        first = {segment.text: segment.style for segment in strips[0] if segment.text.strip()}
        assert first["#3"] is not None and first["#3"].bold
        muted = next(s.style for s in strips[1] if s.text.startswith("POST"))
        error = next(s.style for s in strips[2] if s.text.startswith("429"))
        assert muted is not None and error is not None and muted.color != error.color
        before = error.color
        app.theme = "nord"  # another error colour than textual-dark's
        await pilot.pause()
        strips = lines.render_lines(lines.region.reset_offset)
        assert next(s.style for s in strips[2] if s.text.startswith("429")).color != before  # type: ignore[union-attr]
