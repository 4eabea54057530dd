"""A path that names nothing: every command says the same line and exits 2 (a usage error),
before doing any work; a file that exists but cannot be read keeps its own message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.paths import CASSETTES
from tui_replay.cli.main import main

SEED = CASSETTES / "openrouter_kimi_tool_wandb.yaml"


class _NoServer:
    """Stands in for textual-serve's server: reaching it means the missing path went unnoticed."""

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        raise AssertionError("serve started a server for a path that does not exist")


def _commands(missing: str) -> dict[str, list[str]]:
    return {
        "app": [missing],
        "inspect": ["inspect", missing],
        "inspect --json": ["inspect", "--json", missing],
        "export": ["export", missing],
        "export html": ["export", "--format", "html", missing],
        "check": ["check", missing],
        "search": ["search", "weather", missing],
        "serve": ["serve", missing],
        "diff A B": ["diff", "--text", str(SEED), missing],
        "diff PATH": ["diff", "--text", missing],
        "match": ["match", missing, "--request", str(SEED)],
    }


@pytest.mark.parametrize("command", list(_commands("X")))
def test_a_missing_path_is_one_line_and_exit_2_for_every_command(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("textual_serve.server.Server", _NoServer)
    missing = str(tmp_path / "nope.yaml")
    code = main(_commands(missing)[command])
    captured = capsys.readouterr()
    assert (code, captured.err, captured.out) == (2, f"tui-replay: no such file or folder: {missing}\n", "")


@pytest.mark.parametrize("command", ["app", "check", "search"])
def test_a_glob_that_matches_nothing_is_missing_too(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.yaml").write_bytes(SEED.read_bytes())
    nothing = str(tmp_path / "*.nomatch")
    argv = {"app": [nothing], "check": ["check", nothing], "search": ["search", "weather", nothing]}[command]
    code = main(argv)
    assert (code, capsys.readouterr().err) == (2, f"tui-replay: no such file or folder: {nothing}\n")


def test_every_missing_path_is_named_once_and_the_ones_there_are_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b"
    code = main(["check", str(a), str(SEED), str(b)])
    assert (code, capsys.readouterr().err) == (2, f"tui-replay: no such file or folder: {a}, {b}\n")


def test_a_missing_request_file_of_match_is_named_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = tmp_path / "request.json"
    code = main(["match", str(SEED), "--request", str(request)])
    assert (code, capsys.readouterr().err) == (2, f"tui-replay: no such file or folder: {request}\n")


def test_diff_against_a_revision_is_not_a_missing_path(tmp_path: Path) -> None:
    from tui_replay.cli.diff import _files_named, _parser

    args = _parser().parse_args(["HEAD:cassettes/x.yaml", str(tmp_path / "nope.yaml")])
    assert _files_named(args) == [str(tmp_path / "nope.yaml")]
    assert _files_named(_parser().parse_args(["--git", "HEAD", "gone.yaml"])) == []


@pytest.mark.parametrize("command", ["inspect", "export", "check"])
def test_a_file_that_is_there_but_unreadable_keeps_exit_1(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"\xff\xfe not yaml: [")
    code = main([command, str(broken)])
    captured = capsys.readouterr()
    assert code == 1
    assert "no such file" not in captured.err + captured.out
    assert str(broken) in captured.err + captured.out
