"""`tui-replay diff A B` picks the comparison screen as `git diff` picks a pager: only for a person
at a terminal, and never with --text, --markdown, --json, --textconv or --git."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from tests.helpers.cassette_edits import SEED, seed_text, tool_argument_changed, write
from tui_replay.cli import diff


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def screens(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Each call of the screen hook (its paths); it reports 'differ' without starting the app."""
    calls: list[list[str]] = []

    def show(paths: list[str], strict: bool) -> int:
        calls.append(list(paths))
        return diff.EXIT_DIFFER

    monkeypatch.setattr(diff, "_show_on_screen", show)
    return calls


def at_terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stdin", Terminal())
    return out


def test_a_terminal_gets_the_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, screens) -> None:
    edited = write(tmp_path, "edited.yaml", tool_argument_changed(seed_text()))
    out = at_terminal(monkeypatch)
    assert diff.run([str(SEED), str(edited)]) == diff.EXIT_DIFFER
    assert screens == [[str(SEED), str(edited)]]
    assert out.getvalue() == ""


@pytest.mark.parametrize("flag", ["--text", "--markdown", "--json"])
def test_a_format_flag_prints_even_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, screens, flag: str
) -> None:
    edited = write(tmp_path, "edited.yaml", tool_argument_changed(seed_text()))
    out = at_terminal(monkeypatch)
    assert diff.run([flag, str(SEED), str(edited)]) == diff.EXIT_DIFFER
    assert screens == []
    assert "arguments.amount" in out.getvalue()


def test_a_pipe_gets_text(tmp_path: Path, screens, capsys: pytest.CaptureFixture[str]) -> None:
    edited = write(tmp_path, "edited.yaml", tool_argument_changed(seed_text()))
    assert diff.run([str(SEED), str(edited)]) == diff.EXIT_DIFFER
    assert screens == []
    assert "arguments.amount" in capsys.readouterr().out


def test_the_screen_hook_hands_the_app_both_sides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_replay.ui.app import ReplayApp

    started: list[ReplayApp] = []
    monkeypatch.setattr(ReplayApp, "run", lambda self, *a, **k: started.append(self))
    edited = write(tmp_path, "edited.yaml", tool_argument_changed(seed_text()))
    at_terminal(monkeypatch)
    assert diff.run(["--strict", str(SEED), str(edited)]) == diff.EXIT_DIFFER
    (app,) = started
    assert app.comparison is not None and app.strict_comparison
    assert [p.status for p in app.comparison.result.pairs] == ["changed", "changed"]
    assert len(app.comparison.a) == len(app.comparison.b) == 2


def test_help_says_when_the_screen_opens(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        diff.run(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--text" in text and "comparison screen" in text
