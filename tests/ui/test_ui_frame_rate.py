"""The app's frame rate is set where the app starts (tui_replay/ui/frame_rate.py), whatever
imported Textual first, and a `TEXTUAL_FPS` the user set is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import textual.screen

from tui_replay.ui.app import ReplayApp
from tui_replay.ui.frame_rate import FRAMES_PER_SECOND, wanted_frame_rate

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"

PROBE = (
    "import textual.app, textual.constants as c, textual.screen as s; "  # Textual first, as pytest does
    "from tui_replay.ui.app import ReplayApp; ReplayApp([]); "
    "print(c.MAX_FPS, round(1 / s.UPDATE_PERIOD))"
)


def _probe(env_fps: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if env_fps is not None:
        env["TEXTUAL_FPS"] = env_fps
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_app_sets_the_frame_rate_even_when_textual_was_imported_first() -> None:
    assert FRAMES_PER_SECOND > 60
    assert _probe(None) == f"{FRAMES_PER_SECOND} {FRAMES_PER_SECOND}"


def test_a_frame_rate_the_user_set_is_kept() -> None:
    assert _probe("30") == "30 30"


def test_the_users_frame_rate_is_read_as_textual_reads_it() -> None:
    assert wanted_frame_rate({}) == FRAMES_PER_SECOND
    assert wanted_frame_rate({"TEXTUAL_FPS": "30"}) == 30
    assert wanted_frame_rate({"TEXTUAL_FPS": "0"}) == 1
    assert wanted_frame_rate({"TEXTUAL_FPS": "fast"}) == FRAMES_PER_SECOND


async def test_the_app_under_test_repaints_at_the_rate_users_get(monkeypatch) -> None:
    monkeypatch.delenv("TEXTUAL_FPS", raising=False)
    monkeypatch.setattr(textual.screen, "UPDATE_PERIOD", 1 / 60)  # as Textual loaded under pytest
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen._update_timer._interval == 1 / FRAMES_PER_SECOND
