"""The command palette offers every app action with its key; the settings file's keymap,
theme, speed and problems reach the app; the 80x24 footer keeps `q Quit` and `? Help`; the
bundled cassettes' tree root reads "bundled examples"."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Footer

from tests.helpers.waiting import wait_until
from tui_replay.formats.bundled import bundled_cassettes
from tui_replay.settings import Settings, load_settings
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.commands import ReplayCommands
from tui_replay.ui.scenarios import STREAMING, WANDB, play
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.cassette_tree import CassetteTree

ROOT = Path(__file__).resolve().parents[2]
WANTED = {
    "Toggle diff pane": "d",
    "Presentation mode": "P",
    "Toggle raw exchange": "r",
    "Toggle headers": "h",
    "Toggle tool definitions": "t",
    "Next error": "e",
    "Go to interaction N…": ":",
    "Export this cassette as HTML": "",
    "Replay speed 2×": "",
    "Theme…": "",
}


async def _discovered(app: ReplayApp) -> dict[str, str]:
    provider = ReplayCommands(app.screen, None)
    return {str(hit.display): hit.help or "" async for hit in provider.discover()}


async def test_the_palette_offers_every_action_with_its_key() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        found = await _discovered(app)
        for name, key in WANTED.items():
            assert name in found, f"{name} missing from {sorted(found)}"
            if key:
                assert found[name].startswith(f"key: {key}"), (name, found[name])


async def test_a_command_chosen_in_the_palette_runs() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        await pilot.press("ctrl+p")
        await wait_until(lambda: isinstance(app.screen, CommandPalette), pilot, what="the palette")
        await pilot.press(*["space" if ch == " " else ch for ch in "toggle tool def"])
        await wait_until(lambda: app.screen.query_one(CommandList).option_count > 0, pilot, what="a match")
        await pilot.press("enter")
        await wait_until(lambda: screen.pane == "tools-pane", pilot, what="the tools pane")


async def test_export_this_cassette_writes_a_file_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cassette = Path(WANDB).resolve()
    monkeypatch.chdir(tmp_path)
    app = ReplayApp([cassette], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        screen.export_here("html")
        screen.export_here("html")  # a second one does not replace the first
        await wait_until(lambda: len(list(tmp_path.iterdir())) == 2, pilot, what="two exports")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["openrouter_kimi_tool_wandb-2.html", "openrouter_kimi_tool_wandb.html"]
    assert "<html" in (tmp_path / names[1]).read_text()


async def test_the_keymap_remaps_a_binding_by_its_id(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "config.toml", keymap={"replay.toggle-diff": "x"})
    app = ReplayApp([WANDB], autoplay=False, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("d",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen) and not screen.diff_visible  # d no longer
        await play(app, pilot, ("x",))
        assert screen.diff_visible
        found = await _discovered(app)
        assert found["Toggle diff pane"].startswith("key: x")


async def test_a_broken_settings_file_is_named_and_the_app_starts(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\nspeed = \n')  # not TOML: nothing of it can be trusted
    app = ReplayApp([WANDB], autoplay=False, settings=load_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        assert isinstance(app.screen, CassetteScreen)
        notes = [(n.title, n.message) for n in app._notifications]
        assert len(notes) == 1, notes
        title, message = notes[0]
        assert title == "settings file not used" and str(path) in message and "line 2" in message
        assert app.theme != "nord"  # defaults: nothing from the broken file
        app.theme = "dracula"
        await pilot.pause()
    assert path.read_text() == 'theme = "nord"\nspeed = \n'  # left as the user wrote it


async def test_every_settings_problem_is_in_one_note_and_the_rest_is_used(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'speed = "fast"\ntheme = "nord"\n[keymap]\n"replay.nxt" = "j"\n"replay.toggle-diff" = "x"\n'
    )
    app = ReplayApp([WANDB], autoplay=False, settings=load_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("x",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen) and screen.diff_visible  # the good remap works
        assert app.theme == "nord"  # a bad speed does not throw away a good theme
        notes = [(n.title, n.message) for n in app._notifications]
        assert notes == [
            (
                "settings file partly used",
                f"{path}, 2 problems:\n"
                "line 1: speed must be a number from 0.05 to 100\n"
                "line 4: keymap: no binding has the id 'replay.nxt' (did you mean 'replay.next'?)\n"
                "The rest of it is used.",
            )
        ]
        assert "replay.nxt" not in app.keymap_settings


def test_every_binding_id_in_the_sources_is_known() -> None:
    """A keymap id is reported as unknown unless `known_binding_ids` finds it: a screen or
    widget it does not import would make a good id look like a typo. Asked in a fresh
    interpreter: in this one, other tests have imported most of them already."""
    sources = ROOT / "tui_replay" / "ui"
    written = {
        match.group(1)
        for source in sources.rglob("*.py")
        for match in re.finditer(r'\bid="([a-z][\w-]*\.[\w.-]+)"', source.read_text())
    }
    assert len(written) > 50
    ask = (
        "from tui_replay.ui.app import help_only_bindings\n"
        "from tui_replay.ui.binding_ids import known_binding_ids\n"
        "print('\\n'.join(known_binding_ids(help_only_bindings())))"
    )
    done = subprocess.run([sys.executable, "-c", ask], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert written <= set(done.stdout.split())


async def test_a_theme_chosen_in_the_app_is_remembered(tmp_path: Path) -> None:
    path = tmp_path / "tui-replay" / "config.toml"
    app = ReplayApp([WANDB], autoplay=False, settings=load_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        app.theme = "nord"
        await wait_until(path.exists, pilot, what="the settings file")
    assert load_settings(path).theme == "nord"
    again = ReplayApp([WANDB], autoplay=False, settings=load_settings(path))
    async with again.run_test(size=(120, 40)) as pilot:
        await play(again, pilot, ())
        assert again.theme == "nord"


async def test_the_default_replay_speed_comes_from_the_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("speed = 4\n")
    app = ReplayApp([STREAMING], autoplay=False, settings=load_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        assert app.screen.query_one("#stream").speed == 4.0


def _footer_keys(app: ReplayApp) -> dict[str, object]:
    footer = app.screen.query_one(Footer)
    return {getattr(w, "action", ""): w.region for w in footer.query("*")}


async def test_quit_and_help_are_in_the_80x24_footer() -> None:
    for paths, keys in (([WANDB], ()), (["cassettes"], ()), ([STREAMING], ("G",))):
        app = ReplayApp(paths, autoplay=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await play(app, pilot, keys)
            regions = _footer_keys(app)
            for action in ("quit", "help"):
                region = regions.get(action)
                assert region is not None and region.width > 0, (paths, action)
                assert region.right <= 80 - len("^p palette"), (paths, action, region)


async def test_the_bundled_cassettes_root_reads_bundled_examples() -> None:
    app = ReplayApp([bundled_cassettes()], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        tree = app.screen.query_one(CassetteTree)
        labels = [str(node.label) for node in tree.root.children]
        assert labels and labels[0].startswith("bundled examples"), labels


async def test_help_shows_the_remapped_keys_and_where_to_remap(tmp_path: Path) -> None:
    from tui_replay.ui.screens.help_screen import HelpScreen

    settings = Settings(tmp_path / "config.toml", keymap={"replay.toggle-diff": "x"})
    app = ReplayApp([WANDB], autoplay=False, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("question_mark",))
        assert isinstance(app.screen, HelpScreen)
        keys = {b.id: b.key for _, bindings in app.help_sections() for b in bindings if hasattr(b, "id")}
        assert keys["replay.toggle-diff"] == "x" and keys["replay.tools"] == "t"
        assert str(tmp_path / "config.toml") in app.screen.note


def test_binding_ids_are_written_one_way() -> None:
    # a keymap names a key by its id: the stream pane once used `stream.toggle_play` where the
    # cassette screen used `stream.toggle-play`, so a remap of one left the other on space
    from tui_replay.ui.app import help_only_bindings
    from tui_replay.ui.binding_ids import known_binding_ids

    ids = known_binding_ids(help_only_bindings())
    assert "stream.toggle-play" in ids
    assert (
        sorted(i for i in ids if re.fullmatch(r"[a-z]+(?:-[a-z]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*", i) is None)
        == []
    )
