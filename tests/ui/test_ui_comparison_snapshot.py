"""SVG snapshot of the comparison screen: two edited copies of the seed cassette (A re-recorded,
B with a tool argument changed and a failed attempt inserted), on the changed pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.comparison_app import comparison_app
from tui_replay.ui.scenarios import play


@pytest.mark.parametrize("keys", [("n",), ("n", "s")], ids=["changed_pair", "changed_pair_strict"])
def test_comparison_screen(snap_compare, tmp_path: Path, keys: tuple[str, ...]) -> None:
    app = comparison_app(tmp_path)

    async def run_before(pilot) -> None:
        await play(app, pilot, keys)

    assert snap_compare(app, run_before=run_before, terminal_size=(120, 30))
