"""End to end: the HTML export opened in headless Chromium (no network), looked at through a screenshot.

Skips cleanly where Debian's `chromium` is not installed. Set TUI_REPLAY_KEEP_SCREENSHOT=/some/file.png
to keep the picture and look at it.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASSETTE = ROOT / "cassettes/openrouter_kimi_multi_tool_streaming.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium(profile: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the (filtered) scanlines of a PNG, with the standard library only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_chromium_renders_the_html_export(tmp_path: Path) -> None:
    page = tmp_path / "transcript.html"
    result = subprocess.run(
        [sys.executable, "-m", "tui_replay", "export", str(CASSETTE), "--format", "html", "-o", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    source = page.read_text(encoding="utf-8")
    assert "<script src=" not in source and "<link " not in source  # self-contained: nothing to fetch

    shot = tmp_path / "transcript.png"
    with tempfile.TemporaryDirectory() as profile:
        dom = chromium(profile, "--dump-dom", page.as_uri())
        chromium(profile, f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri())
    # The browser's DOM after parsing: the tool calls, their results and the answer are all there.
    for words in ("add", "multiply", "Addition: 2 + 3 = 5", "Multiplication"):
        assert words in dom.stdout, words
    width, height, raw = png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 1600)
    assert len(set(raw)) > 40, "the page looks blank"
    if os.environ.get("TUI_REPLAY_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["TUI_REPLAY_KEEP_SCREENSHOT"])
