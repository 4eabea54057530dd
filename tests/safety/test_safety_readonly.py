"""Read-only: a full session never writes to a cassette or its folder.

The session runs over a temporary copy of `cassettes/` (plus the other
formats' samples and a few broken files): every file opened, every exchange
decoded, problems and turns, `inspect` (text and JSON), `check` and `export`
to stdout through the CLI, then the TUI (open, step, replay, diff, raw).
Afterwards every file's bytes and mtime and every folder's listing are the
same as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.safety_fuzz import CASSETTES, SAMPLES, exercise
from tui_replay.cli.main import main


def snapshot(root: Path) -> dict[str, tuple[str, int, int, str]]:
    """relative path -> (kind, size, mtime_ns, sha256) for everything under root, root included."""
    out: dict[str, tuple[str, int, int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        st = here.stat()
        listing = "\n".join(sorted(dirnames + filenames))
        out[str(here.relative_to(root))] = ("dir", st.st_nlink, st.st_mtime_ns, listing)
        for name in filenames:
            path = here / name
            st = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "special"
            out[str(path.relative_to(root))] = ("file", st.st_size, st.st_mtime_ns, digest)
    return out


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "cassettes"
    shutil.copytree(CASSETTES, root)
    other = root / "other-formats"
    shutil.copytree(SAMPLES, other)
    broken = root / "broken"
    broken.mkdir()
    (broken / "empty.yaml").write_bytes(b"")
    (broken / "truncated.yaml").write_bytes(sorted(CASSETTES.glob("*.yaml"))[0].read_bytes()[:1500])
    (broken / "not-a-cassette.json").write_text('{"name": "x"}')
    # Distinct, old mtimes: a rewrite with the same bytes would still show.
    for i, path in enumerate(sorted(root.rglob("*"))):
        os.utime(path, ns=(1_600_000_000_000_000_000 + i, 1_600_000_000_000_000_000 + i))
    os.utime(root, ns=(1_500_000_000_000_000_000, 1_500_000_000_000_000_000))
    return root


SESSION_KEYS = (
    "enter",
    "n",
    "space",
    "full_stop",
    "full_stop",
    "space",
    "end",
    "d",
    "a",
    "d",
    "r",
    "h",
    "n",
    "escape",
)
"""Focus, step, play/pause a stream, step it by chunks, finish it, diff (both kinds), raw, headers, back."""


def cassette_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def cli(*argv: str) -> int:
    """The CLI in this process (fast); output is discarded, only writes to the tree matter here."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        return main(list(argv))


def cli_process(*argv: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "tui_replay", *argv], capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    return result


def test_headless_session_writes_nothing(tree: Path) -> None:
    before = snapshot(tree)
    files = cassette_files(tree)
    assert len(files) >= 10
    outcomes = {path.name: exercise(path) for path in files}
    assert "decoded" in outcomes.values() and "reported" in outcomes.values()
    for path in files:
        for args in (
            ["inspect", str(path)],
            ["inspect", "--json", str(path)],
            ["inspect", "-i", "0", str(path)],
        ):
            assert cli(*args) in (0, 1, 2)
        if outcomes[path.name] == "decoded":
            for fmt in ("markdown", "json", "html"):
                assert cli("export", "--format", fmt, str(path)) == 0
    assert cli_process("check", str(tree)).returncode == 1  # the broken files are reported
    assert snapshot(tree) == before


async def test_tui_session_writes_nothing(tree: Path) -> None:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

    before = snapshot(tree)
    # One file of each kind keeps the key-driven session short: a streamed seed, a retry seed,
    # the other record formats and the broken files.
    names = {"openrouter_kimi_multi_tool_streaming.yaml", "openrouter_kimi_tool_wandb.yaml"}
    files = [p for p in cassette_files(tree) if p.name in names or p.parent != tree]
    assert len(files) >= 8
    app = ReplayApp([tree], autoplay=False)
    opened = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        for path in files:
            app.open_cassette(path)
            await app.workers.wait_for_complete()
            await play(app, pilot, ())
            if path.parent.name == "broken":  # an error entry in the list, and the app keeps running
                assert app.browser is not None and app.screen is app.browser
                entry = app.browser.by_path[path]
                assert entry.load_error is not None and str(path) in entry.load_error
            if isinstance(app.screen, CassetteScreen):
                opened += 1
                await play(app, pilot, SESSION_KEYS)
        await play(app, pilot, ("down", "enter", "escape", "q"))
    assert opened == len(files) - 3  # all but the three broken files
    assert snapshot(tree) == before
