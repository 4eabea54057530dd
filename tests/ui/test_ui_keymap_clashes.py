"""A key the settings file's keymap gives a binding that another binding of the same screen,
or of the app, has too is reported in the settings notification, naming both ids and what
the key does now; and it does what the report says."""

from __future__ import annotations

from pathlib import Path

from tui_replay.settings import load_settings
from tui_replay.ui.app import ReplayApp, _keymap_clashes
from tui_replay.ui.scenarios import WANDB, play
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.screens.help_screen import HelpScreen


def _notes(app: ReplayApp) -> list[tuple[str, str]]:
    return [(str(n.title), n.message) for n in app._notifications]


async def test_a_key_taken_from_quit_is_reported_with_the_other_problems(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('speed = "fast"\n[keymap]\n"replay.next" = "q"\n"replay.nxt" = "j"\n')
    app = ReplayApp([WANDB], autoplay=False, settings=load_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("q",))
        screen = app.screen
        assert isinstance(screen, CassetteScreen) and screen.selected == 1  # the remap applies
        assert _notes(app) == [
            (
                "settings file partly used",
                f"{path}, 3 problems:\n"
                "line 1: speed must be a number from 0.05 to 100\n"
                "line 3: keymap: q is given to replay.next but app.quit has it too "
                "(on an opened cassette): there q now does replay.next\n"
                "line 4: keymap: no binding has the id 'replay.nxt' (did you mean 'replay.next'?)\n"
                "The rest of it is used.",
            )
        ]


async def test_a_clash_alone_says_the_keymap_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\n"app.help" = "n"\n')
    app = ReplayApp([WANDB], autoplay=False, settings=load_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("n",))
        screen = app.screen
        # the screen's n comes before the app's, as the note says
        assert isinstance(screen, CassetteScreen) and screen.selected == 1
        ((title, message),) = _notes(app)
        assert title == "settings file: a key given twice"
        assert (
            "line 2: keymap: n is given to app.help but replay.next has it too "
            "(on an opened cassette): there n still does replay.next" in message
        )
        assert "compare.next-change has it too (in the comparison)" in message
        assert message.endswith("The keymap is applied as written.")
        await play(app, pilot, ("question_mark",))  # ? is app.help's no more
        assert not isinstance(app.screen, HelpScreen)


def test_which_binding_a_clashing_key_runs_follows_textual() -> None:
    def clashes(keymap: dict[str, str]) -> list[str]:
        return [message for _, message in _keymap_clashes(keymap)]

    assert clashes({"replay.next": "n,right"}) == []  # its own keys are no clash
    assert clashes({"replay.toggle-diff": "x"}) == []
    # two bindings of one screen: Textual takes the key from the other
    assert clashes({"replay.next": "d"}) == [
        "keymap: d is given to replay.next but replay.toggle-diff has it too "
        "(on an opened cassette): there d now does replay.next"
    ]
    # a widget's binding comes first while it is focused; a priority one comes first always
    assert clashes({"replay.first": "j"}) == [
        "keymap: j is given to replay.first but list.down has it too "
        "(on an opened cassette, the timeline focused): there j still does list.down"
    ]
    # the timeline's j shows the next interaction too: the README's example is no clash
    assert clashes({"replay.next": "n,right,j"}) == []
    assert clashes({"replay.next": "ctrl+q"}) == [
        "keymap: ctrl+q is given to replay.next but Textual's 'Quit' has it too "
        "(on an opened cassette): there ctrl+q still does Textual's 'Quit'"
    ]
    # the keymap's "?" is Textual's question_mark
    assert clashes({"browser.filter": "?"}) == [
        "keymap: ? is given to browser.filter but app.help has it too "
        "(in the cassette list): there ? now does browser.filter"
    ]
