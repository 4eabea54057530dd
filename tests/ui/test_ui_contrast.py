"""Coloured labels and statuses can be read in every theme Textual ships.

Measured on what the app draws: each widget's rendered lines, whose colours are the theme's
CSS variables as the app resolved them (alpha blended over the background the text sits on).
WCAG 2's ratio for text, 4.5, is required of all of them: terminal text is small even in
bold, so the 3.0 allowed for large text does not apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.color import BLACK, WHITE, Color
from textual.geometry import Region
from textual.widget import Widget

from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.contrast import TEXT_CONTRAST, contrast_ratio, legible, legible_text_variables
from tui_replay.ui.scenarios import settle
from tui_replay.ui.widgets.cassette_tree import CassetteTree
from tui_replay.ui.widgets.interaction_list import InteractionList
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
from tui_replay.ui.widgets.message_view import ToolCallView

ROOT = Path(__file__).resolve().parents[2]
WANDB = ROOT / "cassettes/openrouter_kimi_tool_wandb.yaml"  # #0 a 429 with a problem, #11 a 200
THINKING_STREAM = ROOT / "cassettes/anthropic_thinking_tool_stream.yaml"  # two streamed replies
ANSI_THEMES = {"ansi-dark", "ansi-light"}
"""Drawn in the terminal's own 16 colours, which the app cannot know, so cannot measure."""


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast_ratio(WHITE, WHITE) == pytest.approx(1.0)
    # #767676 is the lightest grey that passes AA on white (4.54); #777777 fails it (4.48)
    assert contrast_ratio(Color.parse("#767676"), WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(Color.parse("#777777"), WHITE) == pytest.approx(4.48, abs=0.01)
    # a translucent colour counts as painted over the background: white at 0 % is no contrast
    assert contrast_ratio(WHITE.with_alpha(0.0), BLACK) == pytest.approx(1.0)


def test_legible_keeps_a_readable_colour_and_moves_an_unreadable_one_just_enough() -> None:
    near_black = Color.parse("#121212")
    navy = Color.parse("#004578")  # textual-dark's $secondary, the SYSTEM label's old colour
    assert contrast_ratio(navy, near_black) < 2
    moved = legible(navy, near_black)
    assert TEXT_CONTRAST <= contrast_ratio(moved, near_black) < TEXT_CONTRAST + 0.5
    assert moved.b > moved.r  # still blue
    assert legible(WHITE, near_black) == WHITE
    # on a selected row, towards the row's white text even where black would read a bit better
    cursor = Color.parse("#0178D4")
    red = Color.parse("#ba3c5b")
    assert legible(red, cursor, WHITE).brightness > cursor.brightness


def test_theme_text_colours_are_moved_only_when_they_do_not_read() -> None:
    variables = {
        "background": "#121212",
        "surface": "#1e1e1e",
        "boost": "#ffffff0a",
        "text-secondary": "#004578",
        "text-error": "#ffb0b0",
    }
    moved = legible_text_variables(variables)
    assert set(moved) == {"text-secondary"}
    assert contrast_ratio(Color.parse(moved["text-secondary"]), Color.parse("#1e1e1e")) >= TEXT_CONTRAST


def _coloured_text(widget: Widget, text: str) -> Iterator[tuple[Color, Color]]:
    """(foreground, background) of each drawn segment of `widget` that holds `text`."""
    width, height = widget.region.size
    for strip in widget.render_lines(Region(0, 0, width, height)):
        for segment in strip:
            style = segment.style
            if text in segment.text and style is not None and style.color and style.bgcolor:
                yield Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)


def _ratio(widget: Widget, text: str, nth: int = 0) -> float:
    found = list(_coloured_text(widget, text))
    assert len(found) > nth, f"{text!r} is not drawn in {widget!r}"
    return contrast_ratio(*found[nth])


def _themes(app: ReplayApp) -> list[str]:
    themes = sorted(set(app.available_themes) - ANSI_THEMES)
    assert len(themes) >= 15, themes  # Textual 8 ships 19 besides the two ANSI ones
    return themes


async def test_labels_and_statuses_read_in_every_theme() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    failures: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        timeline = screen.query_one(InteractionList)
        roles = {role: screen.query(MessageAtRest).filter(f".-role-{role}") for role in ("system", "user")}

        def check(theme: str, what: str, ratio: float) -> None:
            if ratio < TEXT_CONTRAST:
                failures.append(f"{theme}: {what} {ratio:.2f}")

        themes = _themes(app)
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            assert timeline.has_focus and timeline.highlighted == 0
            check(theme, "selected row's 429", _ratio(timeline, "429", 0))
            check(theme, "selected row's problem mark", _ratio(timeline, "!1", 0))
            check(theme, "row #1's 429", _ratio(timeline, "429", 1))
            check(theme, "row #1's problem mark", _ratio(timeline, "!1", 1))
            check(theme, "row #2's 200", _ratio(timeline, "200", 0))
            check(theme, "row #1's number", _ratio(timeline, "#1", 0))
            check(theme, "SYSTEM label", _ratio(roles["system"].first(), "SYSTEM"))
            check(theme, "USER label", _ratio(roles["user"].first(), "USER"))
            check(theme, "sticky header of a 429", _ratio(screen.query_one("#detail-header"), "429"))
            check(theme, "RESPONSE label of a 429", _ratio(screen.query_one("#response-header"), "RESPONSE"))
            check(theme, "problem line", _ratio(screen.query_one("#problems"), "error"))
            check(theme, "ERROR box title", _ratio(screen.query_one("#response-error"), "ERROR"))
            screen.query_one("#detail").focus()  # the selected row, with the list blurred
            await wait_until(lambda: not timeline.has_focus, pilot, what="the timeline blurred")
            check(theme, "selected row's 429, list blurred", _ratio(timeline, "429", 0))
            timeline.focus()
            await pilot.pause()

        await pilot.press("G")
        await settle(app, pilot)
        assistant = screen.query(MessageAtRest).filter(".-role-assistant")
        tool = screen.query(MessageAtRest).filter(".-role-tool")
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            check(theme, "selected row's 200", _ratio(timeline, "200", 1))
            check(theme, "ASSISTANT label", _ratio(assistant.first(), "ASSISTANT"))
            check(theme, "TOOL label", _ratio(tool.first(), "TOOL"))
            check(theme, "tool call card title", _ratio(assistant.first(), "tool call"))
            check(theme, "tool result card title", _ratio(tool.first(), "tool result"))
            check(theme, "RESPONSE label of a 200", _ratio(screen.query_one("#response-header"), "RESPONSE"))
    assert not failures, "\n".join(failures)


async def test_a_streamed_reply_and_its_cards_read_in_every_theme() -> None:
    app = ReplayApp([THINKING_STREAM], autoplay=False)
    failures: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("end")  # #0's reply: thinking, text and a tool call
        await settle(app, pilot)
        screen = app.screen
        timeline = screen.query_one(InteractionList)
        reply = screen.query_one("#stream-message")
        for theme in _themes(app):
            app.theme = theme
            await pilot.pause()
            for what, ratio in (
                ("streamed ASSISTANT label", _ratio(reply.query_one(".role"), "ASSISTANT")),
                ("streamed tool call card title", _ratio(reply.query_one(ToolCallView), "tool call")),
                ("selected row's stream mark", _ratio(timeline, "stream", 0)),
                ("row #1's stream mark", _ratio(timeline, "stream", 1)),
            ):
                if ratio < TEXT_CONTRAST:
                    failures.append(f"{theme}: {what} {ratio:.2f}")
    assert not failures, "\n".join(failures)


async def test_the_cassette_lists_error_counts_read_in_every_theme() -> None:
    app = ReplayApp([ROOT / "cassettes"], autoplay=False)
    failures: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tree = app.screen.query_one(CassetteTree)
        assert tree.has_focus  # focused: its background is tinted
        for theme in _themes(app):
            app.theme = theme
            await pilot.pause()
            ratio = _ratio(tree, " err")  # "1 err", "10 err": files with failed interactions
            if ratio < TEXT_CONTRAST:
                failures.append(f"{theme}: error count {ratio:.2f}")
    assert not failures, "\n".join(failures)


async def test_the_raw_panes_status_line_reads_in_every_theme() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    failures: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")  # the headers of #0, a 429
        await settle(app, pilot)
        headers = app.screen.query_one("#headers")
        for theme in _themes(app):
            app.theme = theme
            await pilot.pause()
            await pilot.pause()  # the pane takes the new colours once the theme's styles are in
            ratio = _ratio(headers, "HTTP 429")
            if ratio < TEXT_CONTRAST:
                failures.append(f"{theme}: headers pane's HTTP 429 {ratio:.2f}")
            # this theme's colour, not the one the pane was first drawn in
            drawn = next(_coloured_text(headers, "HTTP 429"))[0]
            sticky = next(_coloured_text(app.screen.query_one("#detail-header"), "429"))[0]
            if drawn != sticky:
                failures.append(
                    f"{theme}: headers pane's HTTP 429 in {drawn.hex}, the theme's is {sticky.hex}"
                )
    assert not failures, "\n".join(failures)


async def test_the_comparisons_pair_marks_read_in_every_theme(tmp_path: Path) -> None:
    from tests.ui.test_ui_comparison_snapshot import comparison_app
    from tui_replay.ui.widgets.pair_list import PairList

    app = comparison_app(tmp_path)  # pair 0 only in B, then two changed pairs
    failures: list[str] = []
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")  # the first changed pair, selected
        await settle(app, pilot)
        pairs = app.screen.query_one(PairList)
        assert pairs.highlighted == 1
        for theme in _themes(app):
            app.theme = theme
            await pilot.pause()
            for what, ratio in (
                ("selected pair's mark", _ratio(pairs, "changed", 0)),
                ("another pair's mark", _ratio(pairs, "changed", 1)),
                ("only-in-B mark", _ratio(pairs, "only in B", 0)),
            ):
                if ratio < TEXT_CONTRAST:
                    failures.append(f"{theme}: {what} {ratio:.2f}")
    assert not failures, "\n".join(failures)
