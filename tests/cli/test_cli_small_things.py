"""Small things a new user meets first: counts in words, and a path that is not there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONE = "interactions:\n- request: {method: GET, uri: 'http://x/'}\n  response: {status: {code: 200}}\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_replay", *args], capture_output=True, text=True, cwd=ROOT, timeout=20
    )


def test_one_is_said_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(ONE)
    checked = run("check", str(path))
    assert "1 file, 1 interaction" in checked.stdout, checked.stdout
    assert "1 interaction)" in run("inspect", str(path)).stdout
    assert "cassette, 1 interaction*" in run("export", str(path)).stdout


def test_many_are_said_in_the_plural(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(ONE)
    assert "2 files, 2 interactions" in run("check", str(tmp_path)).stdout


def test_a_path_that_is_not_there_exits_2_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    done = run(str(missing))
    assert done.returncode == 2
    assert done.stderr.strip() == f"tui-replay: no such file or folder: {missing}"


def test_a_quoted_glob_that_matches_is_not_missing(tmp_path: Path) -> None:
    from tui_replay.cli.common import names_something

    (tmp_path / "a.yaml").write_text(ONE)
    assert names_something(str(tmp_path / "*.yaml"))
    assert not names_something(str(tmp_path / "*.har"))
