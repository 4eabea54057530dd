"""Search in the app: `s` in an opened cassette with `]` / `[` through the matches, and the
browser's content search, whose hits open the cassette where they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.paths import CASSETTES
from tests.helpers.waiting import wait_until
from tui_replay.analysis.search import Hit, Pattern, search_file
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import play
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.content_search import ContentSearch
from tui_replay.ui.widgets.search_panel import SearchPanel, pane_for

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"
ROOT = CASSETTES.parent


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def typed(text: str) -> tuple[str, ...]:
    names = {" ": "space", ":": "colon"}
    return tuple(names.get(ch, ch) for ch in text)


async def search_in(app: ReplayApp, pilot: object, text: str) -> tuple[CassetteScreen, SearchPanel]:
    await play(app, pilot, ("s", *typed(text), "enter"))
    screen = app.screen
    assert isinstance(screen, CassetteScreen)
    panel = screen.query_one(SearchPanel)
    await wait_until(lambda: not panel.searching, pilot, what="the search to end")
    return screen, panel


async def test_s_searches_and_goes_to_the_first_match_at_or_after_the_selection() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("G",))  # at #11, the last interaction
        screen, panel = await search_in(app, pilot, "I'll get the current weather")
        # The assistant's answer is in #2 (request of #3..#11 repeats it) and in #11's request.
        assert panel.has_class("-open")
        hit = panel.hits[panel.current or 0]
        assert hit.interaction == 11 and screen.selected == 11
        assert hit.where.startswith("request message")


async def test_brackets_go_through_the_matches_across_interactions_and_wrap() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, panel = await search_in(app, pilot, "Florence")
        count = len(panel.hits)
        assert count > 12 and panel.current == 0 and screen.selected == 0
        seen = [screen.selected]
        for _ in range(count - 1):
            await play(app, pilot, ("right_square_bracket",))
            seen.append(screen.selected)
        assert panel.current == count - 1
        assert seen == [hit.interaction for hit in panel.hits]  # every match, in order
        assert seen[-1] > seen[0]
        await play(app, pilot, ("right_square_bracket",))  # past the last: back to the first
        assert panel.current == 0 and screen.selected == panel.hits[0].interaction
        await play(app, pilot, ("left_square_bracket",))  # before the first: the last
        assert panel.current == count - 1 and screen.selected == panel.hits[-1].interaction


async def test_a_match_in_a_header_opens_the_headers_pane_and_a_message_the_conversation() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, panel = await search_in(app, pilot, "application/json")
        where = panel.hits[panel.current or 0].where
        assert where.endswith("header") and screen.pane == "headers-pane"
        await play(app, pilot, ("escape", "s", *("backspace",) * 20, *typed("Florence"), "enter"))
        await wait_until(lambda: not panel.searching, pilot, what="the second search")
        assert screen.pane == "detail"


async def test_escape_closes_the_search_and_brackets_still_go_through_its_matches() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, panel = await search_in(app, pilot, "errors")
        await play(app, pilot, ("escape",))
        assert not panel.has_class("-open") and isinstance(app.screen, CassetteScreen)
        assert app.focused is not None and app.focused.id == "timeline"
        await play(app, pilot, ("right_square_bracket",))
        assert screen.selected == 1  # errors: #0, #1, #3…


async def test_brackets_without_a_search_say_how_to_search() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        said: list[str] = []
        app.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
        await play(app, pilot, ("right_square_bracket",))
        assert any("s searches" in message for message in said)
        assert isinstance(app.screen, CassetteScreen) and app.screen.selected == 0


async def test_no_match_says_so() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, panel = await search_in(app, pilot, "zebra")
        assert panel.hits == [] and panel.current is None
        status = str(panel.query_one("#search-status").render())
        assert "no match for 'zebra'" in status


def test_pane_for_each_kind_of_hit() -> None:
    assert pane_for("request header") == pane_for("url") == "headers-pane"
    assert pane_for("response body") == "raw-pane"
    assert pane_for("request tool weather") == "tools-pane"
    assert pane_for("request message 2 (user) text") == pane_for("response tool call x") == "detail"


def test_help_lists_the_search_keys() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    ids = {getattr(b, "id", None) for _, bindings in app.help_sections() for b in bindings}
    assert {"replay.search", "replay.next-match", "replay.previous-match", "browser.search"} <= ids


# -- the browser's content search -----------------------------------------------------------


async def browser_search(app: ReplayApp, pilot: object, text: str) -> ContentSearch:
    await play(app, pilot, ("s", *typed(text), "enter"))
    assert isinstance(app.screen, BrowserScreen)
    search = app.screen.query_one(ContentSearch)
    await wait_until(lambda: not search.searching, pilot, what="the content search to end")
    return search


async def test_content_search_lists_file_interaction_and_snippet_for_every_file() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        search = await browser_search(app, pilot, "Lisbon")
        # The same hits as `tui-replay search Lisbon cassettes`, in the browser's order.
        expected = [
            hit for path in sorted(CASSETTES.glob("*.yaml")) for hit in search_file(path, Pattern("Lisbon"))
        ]
        key = lambda hit: (Path(hit.path).name, hit.interaction, hit.where, hit.snippet)  # noqa: E731
        assert sorted(map(key, search.hits)) == sorted(map(key, expected))
        assert search.hits and all("Lisbon" in h.snippet for h in search.hits)
        assert not app.screen.query_one("#browser-body").display
        await play(app, pilot, ("escape",))
        assert app.screen.query_one("#browser-body").display and not search.has_class("-open")


async def test_filters_in_the_browser_narrow_the_files() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        search = await browser_search(app, pilot, "errors model:kimi")
        # kimi failed once in multi_tool (#0) and siliconflow (#1), ten times in wandb.
        names = [Path(hit.path).name for hit in search.hits]
        assert sorted(set(names)) == [
            "openrouter_kimi_multi_tool.yaml",
            "openrouter_kimi_tool_siliconflow.yaml",
            "openrouter_kimi_tool_wandb.yaml",
        ]
        assert names.count("openrouter_kimi_tool_wandb.yaml") == 10 and len(names) == 12


async def test_enter_opens_the_cassette_at_the_match() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        search = await browser_search(app, pilot, "errors dialect:openrouter")
        target = next(i for i, hit in enumerate(search.hits) if (hit.interaction or 0) > 0)
        hit = search.hits[target]
        await play(app, pilot, ("down",) * target)
        await play(app, pilot, ("enter",))
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="the cassette to open")
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        assert screen.cassette.path == Path(hit.path) and screen.selected == hit.interaction


async def test_a_new_search_replaces_a_running_one() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("s",))
        assert isinstance(app.screen, BrowserScreen)
        search = app.screen.query_one(ContentSearch)
        search.search("Lisbon")
        search.search("Florence")  # the first worker is cancelled; anything it posts is dropped
        await wait_until(lambda: not search.searching, pilot, what="the second search")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert search.hits and all("Florence" in hit.snippet for hit in search.hits)
        # What a replaced search's thread posts late is dropped, whatever its timing.
        late = Hit(str(WANDB), 0, "late", "from the replaced search")
        search.post_message(ContentSearch._Found(search._generation - 1, [late], 1, done=True))
        await pilot.pause()
        assert late not in search.hits


async def test_content_search_lists_a_tool_once_per_interaction() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        search = await browser_search(app, pilot, "weather")
        tools = [
            (Path(h.path).name, h.interaction, h.where) for h in search.hits if "request tool" in h.where
        ]
        assert (
            "openrouter_kimi_tool_siliconflow.yaml",
            0,
            "request tool weather (name, description)",
        ) in tools
        assert len(tools) == len(set(tools))  # no pair of rows for one tool's name and description
        assert all(not h.snippet.startswith('["') for h in search.hits)
