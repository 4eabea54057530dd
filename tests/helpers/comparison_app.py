"""The comparison screen on two edited copies of the vcrpy seed: A re-recorded (only volatile
fields changed), B with a tool argument changed and a failed attempt inserted. The snapshot
test and `scripts/make_screenshots.py` draw the same app."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cassette_edits import (
    only_volatile_changed,
    retry_inserted,
    seed_text,
    tool_argument_changed,
)
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.compare import compare_cassettes
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.comparison_screen import ComparedCassettes


def comparison_app(folder: Path) -> ReplayApp:
    seed = seed_text()
    (folder / "a.yaml").write_text(only_volatile_changed(seed), encoding="utf-8")
    (folder / "b.yaml").write_text(retry_inserted(tool_argument_changed(seed)), encoding="utf-8")
    a, b = open_cassette(folder / "a.yaml"), open_cassette(folder / "b.yaml")
    # Labels without the temporary folder: the picture must not change from run to run.
    result = compare_cassettes(a, b, "a.yaml", "b.yaml")
    return ReplayApp([], autoplay=False, comparison=ComparedCassettes(result, a, b))
