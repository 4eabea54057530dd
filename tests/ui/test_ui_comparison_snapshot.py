"""SVG snapshot of the comparison screen: two edited copies of the seed cassette (A re-recorded,
B with a tool argument changed and a failed attempt inserted), on the changed pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cassette_edits import (
    only_volatile_changed,
    retry_inserted,
    seed_text,
    tool_argument_changed,
)
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.compare import compare_cassettes
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import play
from tui_replay.ui.screens.comparison_screen import ComparedCassettes


def comparison_app(folder: Path) -> ReplayApp:
    seed = seed_text()
    (folder / "a.yaml").write_text(only_volatile_changed(seed), encoding="utf-8")
    (folder / "b.yaml").write_text(retry_inserted(tool_argument_changed(seed)), encoding="utf-8")
    a, b = open_cassette(folder / "a.yaml"), open_cassette(folder / "b.yaml")
    # Labels without the temporary folder: the picture must not change from run to run.
    result = compare_cassettes(a, b, "a.yaml", "b.yaml")
    return ReplayApp([], autoplay=False, comparison=ComparedCassettes(result, a, b))


@pytest.mark.parametrize("keys", [("n",), ("n", "s")], ids=["changed_pair", "changed_pair_strict"])
def test_comparison_screen(snap_compare, tmp_path: Path, keys: tuple[str, ...]) -> None:
    app = comparison_app(tmp_path)

    async def run_before(pilot) -> None:
        await play(app, pilot, keys)

    assert snap_compare(app, run_before=run_before, terminal_size=(120, 30))
