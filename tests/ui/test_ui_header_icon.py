"""The header icon of every exported SVG is a character its font (Fira Code) has."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.svg_text import screen_lines
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import WANDB, play

ROOT = Path(__file__).resolve().parents[2]


def fira_code_has(char: str) -> bool:
    found = subprocess.run(
        ["fc-list", f":charset={ord(char):04x}", "family"], capture_output=True, text=True, check=True
    )
    return "Fira Code" in found.stdout


@pytest.fixture(autouse=True)
def _needs_fira_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    if not fira_code_has("A"):
        pytest.skip("the Fira Code font is not installed")


@pytest.mark.parametrize("path", [WANDB, "cassettes"], ids=["cassette", "browser"])
async def test_the_header_icon_is_in_the_svg_font(path: str) -> None:
    app = ReplayApp([path], autoplay=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await play(app, pilot, ())
        svg = app.export_screenshot()
    assert "Fira Code" in svg  # the font the SVG asks for
    header = screen_lines(svg)[0]
    icon = header.strip()[0]
    assert header.index(icon) <= 2  # the top left
    assert fira_code_has(icon), f"Fira Code has no {icon!r} (U+{ord(icon):04X}): an empty box in the SVG"
