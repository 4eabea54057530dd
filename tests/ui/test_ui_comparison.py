"""The comparison screen (`tui-replay diff A B` on a terminal), driven with a pilot.

A and B are two edited copies of the seed cassette: A re-recorded (only ids and timestamps
changed), B with the tool argument changed (120 -> 150 euros) and a failed attempt (500)
inserted before the first call. What the screen must show is read off those edits.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer

from tests.helpers.cassette_edits import (
    only_volatile_changed,
    retry_inserted,
    seed_text,
    tool_argument_changed,
    write,
)
from tests.helpers.waiting import wait_until
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.compare import compare_cassettes
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.screens.comparison_screen import ComparedCassettes, ComparisonScreen
from tui_replay.ui.widgets.pair_changes import PairChanges
from tui_replay.ui.widgets.pair_list import PairList


def compared(a_text: str, b_text: str, folder: Path) -> ComparedCassettes:
    a = open_cassette(write(folder, "a.yaml", a_text))
    b = open_cassette(write(folder, "b.yaml", b_text))
    return ComparedCassettes(compare_cassettes(a, b, "a.yaml", "b.yaml"), a, b)


def edited_pair(folder: Path) -> ComparedCassettes:
    seed = seed_text()
    return compared(only_volatile_changed(seed), retry_inserted(tool_argument_changed(seed)), folder)


def changes_text(app: ReplayApp) -> str:
    return str(app.screen.query_one(PairChanges).visual)


def highlighted(app: ReplayApp) -> int | None:
    return app.screen.query_one(PairList).highlighted


@pytest.mark.asyncio
async def test_pairs_are_marked_and_the_selected_pair_shows_its_changes(tmp_path: Path) -> None:
    app = ReplayApp([], autoplay=False, comparison=edited_pair(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(lambda: isinstance(app.screen, ComparisonScreen), pilot, what="comparison screen")
        pairs = app.screen.query_one(PairList).pairs
        assert [(p.a, p.b, p.status) for p in pairs] == [
            (None, 0, "only-b"),
            (0, 1, "changed"),
            (1, 2, "changed"),
        ]
        assert highlighted(app) == 0  # the first pair that differs
        assert "Only in B" in changes_text(app)
        assert "→ 500" in changes_text(app)

        await pilot.press("n")
        await wait_until(lambda: highlighted(app) == 1, pilot, what="next differing pair")
        text = changes_text(app)
        assert "arguments.amount" in text and "120" in text and "150" in text
        assert "call_rerecorded_fx_99" not in text  # volatile: hidden by default
        assert "5 volatile values" in text

        await pilot.press("s")
        await wait_until(lambda: "call_rerecorded_fx_99" in changes_text(app), pilot, what="strict")
        await pilot.press("s")
        await wait_until(lambda: "call_rerecorded_fx_99" not in changes_text(app), pilot, what="not strict")

        await pilot.press("n", "n")
        await wait_until(lambda: highlighted(app) == 2, pilot, what="last differing pair")
        assert "message 3 (assistant)" in changes_text(app)  # the next request carries the new argument
        await pilot.press("N")
        await wait_until(lambda: highlighted(app) == 1, pilot, what="previous differing pair")


@pytest.mark.asyncio
async def test_both_conversations_are_reachable_and_escape_comes_back(tmp_path: Path) -> None:
    app = ReplayApp([], autoplay=False, comparison=edited_pair(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(lambda: isinstance(app.screen, ComparisonScreen), pilot, what="comparison screen")
        comparison = app.screen
        await pilot.press("n")  # A#0 ↔ B#1
        await wait_until(lambda: highlighted(app) == 1, pilot, what="the changed pair")

        await pilot.press("b")
        await wait_until(
            lambda: isinstance(app.screen, CassetteScreen) and app.screen.shown == 1, pilot, what="B#1 shown"
        )
        assert isinstance(app.screen, CassetteScreen)
        assert app.screen.cassette.path.name == "b.yaml"
        await pilot.press("escape")
        await wait_until(lambda: app.screen is comparison, pilot, what="back to the comparison")
        assert highlighted(app) == 1  # where the reader was

        await pilot.press("a")
        await wait_until(
            lambda: isinstance(app.screen, CassetteScreen) and app.screen.shown == 0, pilot, what="A#0 shown"
        )
        assert isinstance(app.screen, CassetteScreen)
        assert app.screen.cassette.path.name == "a.yaml"
        await pilot.press("escape")
        await wait_until(lambda: app.screen is comparison, pilot, what="back again")


@pytest.mark.asyncio
async def test_a_side_without_an_interaction_says_so_and_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReplayApp([], autoplay=False, comparison=edited_pair(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(lambda: isinstance(app.screen, ComparisonScreen), pilot, what="comparison screen")
        comparison = app.screen
        notices: list[str] = []
        monkeypatch.setattr(comparison, "notify", lambda message, **_: notices.append(message))
        assert highlighted(app) == 0  # only in B
        await pilot.press("a")
        await wait_until(lambda: any("A has no interaction" in n for n in notices), pilot, what="a notice")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is comparison
        await pilot.press("enter")  # enter opens the side that has it: B#0
        await wait_until(
            lambda: isinstance(app.screen, CassetteScreen) and app.screen.shown == 0, pilot, what="B#0 shown"
        )


@pytest.mark.asyncio
async def test_pairs_equal_byte_for_byte_get_their_call_named_and_n_skips_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine never decodes pairs recorded byte for byte the same; the screen names them
    anyway, from a worker. `n` goes to pairs that differ only."""
    seed = seed_text()
    both = compared(seed, retry_inserted(seed), tmp_path)
    assert [p.label for p in both.result.pairs if p.status == "same"] == ["", ""]
    app = ReplayApp([], autoplay=False, comparison=both)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(lambda: isinstance(app.screen, ComparisonScreen), pilot, what="comparison screen")
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        await wait_until(lambda: all(screen.labels), pilot, what="every pair named")
        assert screen.labels[1] == "POST /v1/chat/completions · gpt-4o-mini → 200"
        notices: list[str] = []
        monkeypatch.setattr(screen, "notify", lambda message, **_: notices.append(message))
        assert highlighted(app) == 0  # the inserted retry, the only pair that differs
        await pilot.press("n")
        await wait_until(lambda: notices, pilot, what="a notice")
        assert notices == ["No later pair that differs."]
        assert highlighted(app) == 0
        screen.query_one(PairList).highlighted = 1
        await wait_until(lambda: "byte for byte the same" in changes_text(app), pilot, what="same pair")


@pytest.mark.asyncio
async def test_help_lists_the_comparison_keys(tmp_path: Path) -> None:
    app = ReplayApp([], autoplay=False, comparison=edited_pair(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(lambda: isinstance(app.screen, ComparisonScreen), pilot, what="comparison screen")
        sections = dict(app.help_sections())
        ids = {getattr(b, "id", None) for b in sections["Comparison"]}
        assert {"compare.open-a", "compare.open-b", "compare.strict", "compare.next-change"} <= ids
        await pilot.press("question_mark")
        await wait_until(lambda: type(app.screen).__name__ == "HelpScreen", pilot, what="help")


def test_the_app_without_a_comparison_has_no_comparison_help() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    assert "Comparison" not in dict(app.help_sections())


@pytest.mark.asyncio
async def test_the_80_column_footer_starts_with_quit_and_help(tmp_path: Path) -> None:
    # as on the list and cassette screens: the keys a newcomer needs are never cut off
    app = ReplayApp([], autoplay=False, comparison=edited_pair(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(lambda: isinstance(app.screen, ComparisonScreen), pilot, what="comparison screen")
        keys = [getattr(w, "action", "") for w in app.screen.query_one(Footer).query("*")]
        shown = [action for action in keys if action]
        assert shown[:2] == ["quit", "help"], shown
