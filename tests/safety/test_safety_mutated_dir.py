"""A directory of a few hundred mutated seeds: `check` decodes or reports every file, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers.safety_fuzz import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from make_mutated_seeds import make_mutated_seeds  # noqa: E402

COUNT = 300


def test_make_mutated_seeds_is_deterministic(tmp_path: Path) -> None:
    first = make_mutated_seeds(tmp_path / "a", count=40, seed=7)
    second = make_mutated_seeds(tmp_path / "b", count=40, seed=7)
    other = make_mutated_seeds(tmp_path / "c", count=40, seed=8)
    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_check_decodes_or_reports_every_mutated_file(tmp_path: Path) -> None:
    folder = tmp_path / "mutated"
    files = make_mutated_seeds(folder, count=COUNT, seed=0)
    assert len(files) == COUNT
    result = subprocess.run(
        [sys.executable, "-m", "tui_replay", "check", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1), result.stderr
    out = result.stdout
    assert out.startswith(f"{COUNT} files, ")
    formats = re.search(r"^formats: +(.*)$", out, re.M)
    decoded = sum(int(n) for n in re.findall(r" (\d+)(?:,|$)", formats.group(1))) if formats else 0
    unreadable = re.search(r"^unreadable files \((\d+)\):$", out, re.M)
    reported = int(unreadable.group(1)) if unreadable else 0
    assert decoded + reported == COUNT
    # Each unreadable file has its own line naming it, and some files are still readable.
    failure_lines = [line for line in out.splitlines() if line.startswith(f"  {folder}/")]
    assert len(failure_lines) == reported
    assert len({line.split(":", 1)[0] for line in failure_lines}) == reported
    assert decoded >= 10


TUI_COUNT = int(os.environ.get("TUI_REPLAY_MUTATED_TUI", "40"))
"""Files opened in the TUI test (set TUI_REPLAY_MUTATED_TUI=300 for the long run)."""


async def test_tui_opens_or_reports_every_mutated_file(tmp_path: Path) -> None:
    """The same kind of folder in the TUI: each file opens (and steps) or becomes an error entry
    naming the file; nothing takes the app down and no internal exception leaks as a reason."""
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

    folder = tmp_path / "mutated"
    files = make_mutated_seeds(folder, count=TUI_COUNT, seed=3)
    app = ReplayApp([folder], autoplay=False)
    opened, reported = 0, 0
    async with app.run_test(size=(100, 30)) as pilot:
        await play(app, pilot, ())
        for path in files:
            app.open_cassette(path)
            await app.workers.wait_for_complete()
            await play(app, pilot, ())
            if isinstance(app.screen, CassetteScreen):
                opened += 1
                await play(app, pilot, ("G", "p", "escape"))
            else:
                assert app.browser is not None and app.screen is app.browser
                reason = app.browser.by_path[path].load_error
                assert reason is not None and str(path) in reason, reason  # a CassetteError, not a bug
                reported += 1
        assert app.is_running
    assert opened + reported == TUI_COUNT
    assert opened > 0 and reported > 0  # the mutations really produce both kinds
