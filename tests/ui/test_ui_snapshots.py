"""SVG snapshots of the TUI, one per named scenario (the same list makes screenshots/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import SCENARIOS, Scenario, play

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario(snap_compare, scenario: Scenario) -> None:
    app = ReplayApp(list(scenario.paths), autoplay=False)

    async def run_before(pilot) -> None:
        await play(app, pilot, scenario.keys)

    assert snap_compare(app, run_before=run_before, terminal_size=scenario.size)


def test_file_that_fails_to_load(snap_compare, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreadable cassette shows as an error entry with the reason; the app keeps running."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "broken.yaml").write_text("interactions: [\n  - request: {oops\n")
    (folder / "good.yaml").write_bytes((ROOT / "cassettes/openrouter_kimi_tool_together.yaml").read_bytes())
    app = ReplayApp(["mixed"], autoplay=False)

    async def run_before(pilot) -> None:
        await play(app, pilot, ("j", "enter"))  # line 0 is the folder, then broken.yaml

    assert snap_compare(app, run_before=run_before, terminal_size=(120, 30))
