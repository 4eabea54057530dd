"""The settings file: where it is looked for, what it holds, and a broken one reported with
its path and line (the defaults used instead)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from tui_replay.settings import config_path, load_settings, remember_theme

ROOT = Path(__file__).resolve().parents[2]
MULTI = ROOT / "cassettes" / "openrouter_kimi_multi_tool.yaml"

GOOD = """\
# mine
speed = 2
[keymap]
"replay.next" = "n,j"
[masking]
patterns = ['acme_[0-9a-f]{8}']
"""


def test_the_file_is_under_xdg_config_home_when_set(tmp_path: Path) -> None:
    assert config_path({"XDG_CONFIG_HOME": str(tmp_path), "HOME": "/home/u"}) == (
        tmp_path / "tui-replay" / "config.toml"
    )
    assert config_path({"HOME": "/home/u"}) == Path("/home/u/.config/tui-replay/config.toml")
    # The XDG spec: a relative value is ignored.
    assert config_path({"XDG_CONFIG_HOME": "rel", "HOME": "/home/u"}) == Path(
        "/home/u/.config/tui-replay/config.toml"
    )


def test_a_good_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD)
    settings = load_settings(path)
    assert settings.problem is None
    assert settings.speed == 2.0
    assert settings.keymap == {"replay.next": "n,j"}
    assert settings.mask_patterns == ("acme_[0-9a-f]{8}",)
    assert settings.theme is None


def test_no_file_means_defaults_and_no_complaint(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.toml")
    assert settings.problem is None and settings.keymap == {} and settings.speed is None


def test_broken_toml_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('speed = 2\n[keymap]\n"replay.next" = n\n')
    settings = load_settings(path)
    assert settings.problem is not None
    assert str(path) in settings.problem and "line 3" in settings.problem
    assert settings.unusable
    assert settings.keymap == {} and settings.speed is None  # defaults, nothing half-applied


def test_a_wrong_value_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    for text, line in (
        ('theme = "nord"\nspeed = "fast"\n', 2),
        ("speed = 1\n\n[masking]\npatterns = ['(unclosed']\n", 4),
        ('[keymap]\n"replay.next" = ""\n', 2),
        ('[keymap]\nreplay.next = "j"\n', 2),  # TOML reads an unquoted dotted id as a table
        ("colour = 1\n", 1),
        ("[masking]\npatterns = []\npattern = ['x']\n", 3),
    ):
        path.write_text(text)
        settings = load_settings(path)
        assert settings.problem is not None, text
        assert settings.problem.startswith(f"{path}, line {line}:"), settings.problem
        assert not settings.unusable and settings.keymap == {}


def test_every_problem_is_reported_and_the_rest_of_the_file_used(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'speed = "fast"\ntheme = "nord"\n[keymap]\n"replay.next" = "j"\n'
        "[masking]\npatterns = ['(unclosed', 'acme_[0-9]+']\n"
    )
    settings = load_settings(path)
    assert settings.problems == (
        "line 1: speed must be a number from 0.05 to 100",
        "line 6: masking pattern '(unclosed' is not a regular expression: "
        "missing ), unterminated subpattern at position 0",
    )
    assert settings.problem is not None
    assert settings.problem.startswith(f"{path}, 2 problems:\nline 1: speed")
    assert settings.theme == "nord" and settings.keymap == {"replay.next": "j"}
    assert settings.mask_patterns == ("acme_[0-9]+",) and settings.speed is None


def test_an_unknown_binding_id_is_reported_with_the_closest_known_one(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'speed = 0\n[keymap]\n"replay.nxt" = "j"\n"replay.previous" = "k"\n"zzz" = "z"\n'
        "[masking]\npatterns = ['(']\n"
    )
    known = {"replay.next", "replay.previous", "app.quit"}
    settings = load_settings(path).checked(known, {"nord"})
    assert settings.problems[1:3] == (
        "line 3: keymap: no binding has the id 'replay.nxt' (did you mean 'replay.next'?)",
        "line 5: keymap: no binding has the id 'zzz' (? lists the ids)",
    )
    assert settings.problems[0].startswith("line 1: speed")
    assert settings.problems[3].startswith("line 7: masking pattern")
    assert settings.keymap == {"replay.previous": "k"}  # only what remaps something


def test_an_unknown_theme_is_reported_with_the_closest_known_one(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nordd"\n')
    settings = load_settings(path)
    assert settings.problem is None  # only the app knows the themes
    checked = settings.checked((), {"nord", "dracula"})
    assert checked.theme is None
    assert checked.problem == f"{path}, line 2: no theme named 'nordd' (did you mean 'nord'?)"
    assert settings.checked((), {"nordd"}) is settings


def test_remembering_a_theme_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    remember_theme(path, "nord")  # no file, no folder yet
    assert tomllib.loads(path.read_text()) == {"theme": "nord"}
    path.write_text(GOOD)
    remember_theme(path, "gruvbox")
    assert "# mine" in path.read_text()
    remember_theme(path, "dracula")
    settings = load_settings(path)
    assert settings.problem is None and settings.theme == "dracula"
    assert settings.keymap == {"replay.next": "n,j"} and settings.speed == 2.0
    assert path.read_text().count("theme =") == 1


def _run(env_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(env_home), "XDG_CONFIG_HOME": str(env_home / "cfg")}
    return subprocess.run(
        [sys.executable, "-m", "tui_replay", *args], capture_output=True, text=True, env=env, cwd=ROOT
    )


def test_headless_commands_mask_the_added_patterns(tmp_path: Path) -> None:
    cassette = tmp_path / "c.yaml"
    cassette.write_text(MULTI.read_text().replace("Add two numbers", "Add two numbers acme_deadbeef"))
    assert "acme_deadbeef" in _run(tmp_path, "export", str(cassette)).stdout  # not a key shape
    (tmp_path / "cfg" / "tui-replay").mkdir(parents=True)
    (tmp_path / "cfg" / "tui-replay" / "config.toml").write_text(GOOD)
    done = _run(tmp_path, "export", str(cassette))
    assert done.returncode == 0, done.stderr
    assert "acme_deadbeef" not in done.stdout and "Add two numbers …(masked, 13 chars)" in done.stdout


def test_a_broken_file_is_reported_by_headless_commands_which_still_run(tmp_path: Path) -> None:
    (tmp_path / "cfg" / "tui-replay").mkdir(parents=True)
    path = tmp_path / "cfg" / "tui-replay" / "config.toml"
    path.write_text("speed = \n")
    done = _run(tmp_path, "inspect", str(MULTI))
    assert done.returncode == 0
    assert str(path) in done.stderr and "line 1" in done.stderr
    assert "settings file not used" in done.stderr


def test_headless_commands_use_the_good_patterns_of_a_file_with_problems(tmp_path: Path) -> None:
    cassette = tmp_path / "c.yaml"
    cassette.write_text(MULTI.read_text().replace("Add two numbers", "Add two numbers acme_deadbeef"))
    (tmp_path / "cfg" / "tui-replay").mkdir(parents=True)
    path = tmp_path / "cfg" / "tui-replay" / "config.toml"
    path.write_text('speed = "fast"\n' + GOOD.replace("speed = 2\n", ""))
    done = _run(tmp_path, "export", str(cassette))
    assert done.returncode == 0, done.stderr
    assert "acme_deadbeef" not in done.stdout
    assert f"settings file partly used: {path}, line 1: speed" in done.stderr


def test_headless_commands_say_the_keymap_and_theme_are_checked_by_the_app(tmp_path: Path) -> None:
    """A headless command does not import the app's bindings and themes: its report of a
    file with problems must not pass for all of them (the app found 4 where it showed 2)."""
    (tmp_path / "cfg" / "tui-replay").mkdir(parents=True)
    path = tmp_path / "cfg" / "tui-replay" / "config.toml"
    path.write_text('theme = "nordd"\nspeed = 500\n[keymap]\n"replay.nxt" = "j"\n')
    done = _run(tmp_path, "inspect", str(MULTI))
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"tui-replay: settings file partly used: {path}, line 2: speed must be a number from 0.05 to 100\n"
        "(its keymap and theme are checked when the app starts)\n"
    )
    path.write_text("speed = 500\n")  # nothing left unchecked: nothing more said
    assert "checked when the app starts" not in _run(tmp_path, "inspect", str(MULTI)).stderr
