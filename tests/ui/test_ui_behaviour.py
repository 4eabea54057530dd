"""Behaviour of the TUI driven with keys, asserting state (not pixels)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import WANDB, play
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.screens.help_screen import HelpScreen
from tui_replay.ui.widgets.cassette_tree import CassetteTree

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def wandb_statuses() -> list[int]:
    """Read from the cassette itself, independently of the app's loader."""
    data = yaml.safe_load((ROOT / WANDB).read_text())
    return [item["response"]["code"] for item in data["interactions"]]


async def test_keys_move_the_selection() -> None:
    statuses = wandb_statuses()
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        assert screen.selected == 0
        await play(app, pilot, ("n", "n", "right"))
        assert screen.selected == 3
        await play(app, pilot, ("p", "left", "k"))
        assert screen.selected == 0
        await play(app, pilot, ("j",))
        assert screen.selected == 1
        await play(app, pilot, ("G",))
        assert screen.selected == len(statuses) - 1
        await play(app, pilot, ("n",))  # stays on the last
        assert screen.selected == len(statuses) - 1
        await play(app, pilot, ("g",))
        assert screen.selected == 0


async def test_e_and_E_jump_between_errors() -> None:
    statuses = wandb_statuses()
    errors = [i for i, code in enumerate(statuses) if code >= 400]
    assert errors[:2] == [0, 1]  # the cassette starts with two 429s then a 200
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("e",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        assert screen.selected == errors[1]
        await play(app, pilot, ("e",))
        assert screen.selected == errors[2]  # skips the 200 at index 2
        await play(app, pilot, ("E",))
        assert screen.selected == errors[1]
        await play(app, pilot, ("G", "E"))
        assert screen.selected == errors[-1]


async def test_last_turn_mentions_florence_and_turn_labels() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("G",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        row = screen.rows[-1]
        assert (row.turn, row.attempt, row.attempts) == (2, 9, 9)
        message = screen.cassette.exchange(row.index).response.message
        assert message is not None and "Florence" in message.text


async def test_panes_toggle_and_escape_steps_back_to_the_list() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("t",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        assert screen.pane == "tools-pane"
        await play(app, pilot, ("t",))
        assert screen.pane == "detail"
        await play(app, pilot, ("r",))
        assert screen.pane == "raw-pane"
        await play(app, pilot, ("h",))
        assert screen.pane == "headers-pane"
        await play(app, pilot, ("d",))
        assert screen.diff_visible and screen.query_one("#diff").display
        # One level a press: the headers pane, then the diff, then the list.
        await play(app, pilot, ("escape",))
        assert app.screen is screen and screen.pane == "detail"
        await play(app, pilot, ("escape",))
        assert app.screen is screen and not screen.diff_visible
        await play(app, pilot, ("escape",))
        assert isinstance(app.screen, BrowserScreen)


async def test_diff_pairs_attempts_and_previous_turn() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("G",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        left, right, _ = screen.diff_pair()
        assert left is not None and right is not None
        assert (left.index, right.index) == (10, 11)  # attempt 8 vs attempt 9 of turn 2
        await play(app, pilot, ("a",))
        assert screen.diff_mode == "turn"
        left, right, _ = screen.diff_pair()
        assert left is not None and (left.index, right.index) == (2, 11)  # turn 1's last attempt


async def test_help_lists_every_key_with_an_id() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("question_mark",))
        assert isinstance(app.screen, HelpScreen)
        ids = {b.id for _, bindings in app.screen.sections for b in bindings}  # type: ignore[union-attr]
        for wanted in (
            "replay.next",
            "replay.next-error",
            "replay.toggle-diff",
            "stream.toggle-play",
            "app.quit",
        ):
            assert wanted in ids
        await play(app, pilot, ("escape",))
        assert isinstance(app.screen, CassetteScreen)


async def test_browser_lists_filters_and_opens() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    expected = sorted(p.name for p in (ROOT / "cassettes").iterdir() if p.suffix in {".yaml", ".yml"})
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        browser = app.screen
        assert isinstance(browser, BrowserScreen)
        assert sorted(e.path.name for e in browser.entries) == expected
        wandb = browser.by_path[Path("cassettes/openrouter_kimi_tool_wandb.yaml")]
        assert wandb.summary is not None and wandb.summary.interactions == len(wandb_statuses())
        await play(app, pilot, ("slash", "w", "a", "n", "d", "b", "enter"))
        assert [p.name for p in browser.visible_files()] == ["openrouter_kimi_tool_wandb.yaml"]
        tree = browser.query_one(CassetteTree)
        await play(app, pilot, ("j", "enter"))  # line 0 is the folder
        assert tree.cursor_node is not None
        assert isinstance(app.screen, CassetteScreen)
        assert app.screen.cassette.path.name == "openrouter_kimi_tool_wandb.yaml"
        await play(app, pilot, ("escape", "slash", "escape"))
        assert len(browser.visible_files()) == len(expected)


async def test_unreadable_file_is_an_error_entry_and_the_app_keeps_running(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("interactions: [\n  - request: {oops\n")
    (tmp_path / "unreadable.yaml").write_text("x")
    (tmp_path / "unreadable.yaml").chmod(0)
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await play(app, pilot, ("j", "enter"))
        browser = app.screen
        assert isinstance(browser, BrowserScreen)
        broken = browser.by_path[tmp_path / "broken.yaml"]
        assert broken.load_error and "broken.yaml" in broken.load_error
        assert app.is_running


async def test_one_file_opens_without_building_the_list_until_escape() -> None:
    """`tui-replay FILE` shows an opening screen, then the cassette; the list is built on escape."""
    from tui_replay.ui.screens.opening_screen import OpeningScreen

    app = ReplayApp([WANDB], autoplay=False)
    pushed: list[str] = []
    push = app.push_screen

    def noted_push(screen, *args, **kwargs):  # type: ignore[no-untyped-def]
        pushed.append(type(screen).__name__)
        return push(screen, *args, **kwargs)

    app.push_screen = noted_push  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        assert isinstance(app.screen, CassetteScreen)
        assert app.browser is None
        await play(app, pilot, ("question_mark", "escape"))  # help over the cassette, and back
        assert isinstance(app.screen, CassetteScreen) and app.browser is None
        await play(app, pilot, ("escape",))
        browser = app.screen
        assert isinstance(browser, BrowserScreen) and browser is app.browser
        assert [e.path.name for e in browser.entries] == [Path(WANDB).name]
        assert not any(isinstance(s, OpeningScreen) for s in app.screen_stack)
        await play(app, pilot, ("j", "enter"))  # line 0 is the folder; the list opens it again
        assert isinstance(app.screen, CassetteScreen)
        await play(app, pilot, ("escape",))
        assert app.screen is browser
    assert pushed[:2] == ["OpeningScreen", "CassetteScreen"]


async def test_one_file_that_fails_to_open_lands_in_the_list_with_its_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("interactions: [\n  - request: {oops\n")
    app = ReplayApp([broken], autoplay=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await play(app, pilot, ())
        browser = app.screen
        assert isinstance(browser, BrowserScreen) and browser is app.browser
        entry = browser.by_path[broken]
        assert entry.load_error and "broken.yaml" in entry.load_error
        assert app.opened.is_set()  # background scans are not kept waiting
        assert app.is_running


def test_sizes_are_read_in_powers_of_1024() -> None:
    from tui_replay.formats.sizes import human_size

    assert [human_size(n) for n in (0, 812, 39_117, 101_347_518, 5 * 2**30)] == [
        "0 B",
        "812 B",
        "38.2 KiB",
        "96.7 MiB",
        "5.0 GiB",
    ]
