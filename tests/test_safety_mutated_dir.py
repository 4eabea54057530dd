"""A directory of a few hundred mutated seeds: `check` decodes or reports every file, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from safety_fuzz import ROOT

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
