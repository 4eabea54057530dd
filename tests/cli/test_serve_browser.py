"""End to end: `tui-replay serve` driven by headless Chromium, looked at through a screenshot.

Skips cleanly where Debian's `chromium` is not installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _distinct_colours(data: bytes) -> int:
    """A rough count of distinct byte values in the compressed image: a blank page has few."""
    return len(set(data[100:]))


def test_chromium_renders_the_served_app(tmp_path: Path, free_port: int) -> None:
    port = free_port
    server = subprocess.Popen(
        [sys.executable, "-m", "tui_replay", "serve", str(ROOT / "cassettes"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.2)
        shot = tmp_path / "serve.png"
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [
                    str(CHROMIUM),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    f"--user-data-dir={profile}",
                    "--window-size=1280,800",
                    "--virtual-time-budget=8000",
                    f"--screenshot={shot}",
                    url,
                ],
                capture_output=True,
                timeout=90,
                check=False,
            )
        data = shot.read_bytes()
        assert _png_size(data) == (1280, 800)
        assert _distinct_colours(data) > 200, "the page looks blank"
        os.environ.get("TUI_REPLAY_KEEP_SCREENSHOT") and shutil.copy(
            shot, os.environ["TUI_REPLAY_KEEP_SCREENSHOT"]
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
