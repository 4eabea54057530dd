"""The same mistake gets the same answer from every command: an interaction number the
cassette does not have, a folder with no cassette in it; and `export --format` takes the
usual short names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.paths import CASSETTES
from tui_replay.cli.main import main

GEMINI = CASSETTES / "gemini_stream.yaml"
"""Two interactions."""


def out_of_range(index: str) -> dict[str, list[str]]:
    path = str(GEMINI)
    return {
        "inspect": ["inspect", path, "-i", index],
        "inspect --json": ["inspect", "--json", path, "-i", index],
        "export": ["export", path, "-i", index],
        "export json": ["export", "--format", "json", path, "-i", index],
        "export svg": ["export", "--format", "svg", path, "-i", index],
        "export svg --present": ["export", "--format", "svg", "--present", path, "-i", index],
    }


@pytest.mark.parametrize("index", ["99", "2", "-1"])
@pytest.mark.parametrize("command", list(out_of_range("0")))
def test_an_interaction_the_cassette_lacks_is_one_usage_error_for_every_command(
    command: str, index: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(out_of_range(index)[command]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"tui-replay: {GEMINI}: no interaction {index} (the cassette has 2 interactions: #0 to #1)\n"
    )


def test_the_count_is_said_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        "interactions:\n- request: {method: GET, uri: 'http://x/'}\n  response: {status: {code: 200}}\n"
    )
    assert main(["export", str(one), "-i", "1"]) == 2
    assert capsys.readouterr().err.endswith("no interaction 1 (the cassette has 1 interaction: #0)\n")


@pytest.mark.parametrize(("alias", "name"), [("md", "markdown"), ("htm", "html"), ("HTML", "html")])
def test_export_takes_the_usual_short_format_names(
    alias: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(GEMINI), "--format", alias]) == 0
    short = capsys.readouterr().out
    assert main(["export", str(GEMINI), "--format", name]) == 0
    assert short == capsys.readouterr().out != ""


def test_an_unknown_format_lists_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", str(GEMINI), "--format", "pdf"])
    assert exited.value.code == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert "'pdf'" in last
    assert "markdown (md), html (htm), json, svg, curl" in last


class _NoServer:
    def __init__(self, *_args: object, **_kwargs: object) -> None:
        raise AssertionError("serve went on with a folder that holds no cassette")


def no_cassettes(folder: str) -> dict[str, list[str]]:
    return {
        "check": ["check", folder],
        "search": ["search", "foo", folder],
        "search --json": ["search", "--json", "foo", folder],
        "serve": ["serve", folder, "--port", "0"],
    }


@pytest.mark.parametrize("command", list(no_cassettes("X")))
def test_a_folder_without_cassettes_gets_the_same_line_from_every_command(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("textual_serve.server.Server", _NoServer)
    (tmp_path / "notes.txt").write_text("not a cassette")
    assert main(no_cassettes(str(tmp_path))[command]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"tui-replay: no cassette files found under {tmp_path}\n"
