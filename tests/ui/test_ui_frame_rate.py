"""The app raises Textual's frame cap before Textual loads (tui_replay/ui/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = (
    "import tui_replay.ui.app, textual.constants as c, textual.screen as s; "
    "print(c.MAX_FPS, round(1 / s.UPDATE_PERIOD))"
)


def _probe(env_fps: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if env_fps is not None:
        env["TEXTUAL_FPS"] = env_fps
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_importing_the_app_sets_the_frame_cap() -> None:
    from tui_replay.ui import FRAMES_PER_SECOND

    assert FRAMES_PER_SECOND > 60
    assert _probe(None) == f"{FRAMES_PER_SECOND} {FRAMES_PER_SECOND}"


def test_a_frame_cap_the_user_set_is_kept() -> None:
    assert _probe("30") == "30 30"
